//! A small spreadsheet model shared by the .xlsx and .csv writers: a title, labelled columns and
//! rows of typed values. Builders turn registry data into a `Listing`; writers turn a `Listing` into
//! bytes.

/// One cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing.
    Empty,
    /// Text, written as text even when it looks like a number (phones keep their leading 0).
    Text(String),
    /// A number, written as a number.
    Number(f64),
}

impl Value {
    /// Text, or `Empty` for an empty string.
    pub fn text(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() {
            Value::Empty
        } else {
            Value::Text(s)
        }
    }

    /// Text of an optional string.
    pub fn opt(s: Option<&str>) -> Value {
        s.map(Value::text).unwrap_or(Value::Empty)
    }

    /// The value as a CSV field.
    pub fn as_field(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
        }
    }

    /// How many characters the value shows (for column widths).
    pub fn width(&self) -> usize {
        match self {
            Value::Empty => 0,
            Value::Text(s) => s.chars().count(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                // The length of `as_field`, without formatting it.
                let digits = (*n as i64).unsigned_abs().checked_ilog10().unwrap_or(0) as usize + 1;
                digits + usize::from(*n < 0.0)
            }
            Value::Number(_) => self.as_field().len(),
        }
    }
}

/// A column: its header label and whether its cells are text that must stay text in Excel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Header label, as the importers match it.
    pub label: &'static str,
    /// Formats the whole column as text (`@`), so a clerk's edit keeps leading zeros.
    pub as_text: bool,
}

impl Column {
    /// A column.
    pub const fn new(label: &'static str) -> Column {
        Column {
            label,
            as_text: false,
        }
    }

    /// How many characters the header needs: its longest word, or the whole label up to 18.
    pub fn header_width(&self) -> usize {
        self.label
            .split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
            .max(self.label.chars().count().min(18))
    }

    /// A text-formatted column.
    pub const fn text(label: &'static str) -> Column {
        Column {
            label,
            as_text: true,
        }
    }
}

/// A sheet to write: a title line above the header row, the columns, the rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listing {
    /// The title (xlsx only; CSV starts with the header row).
    pub title: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

impl Listing {
    /// Column widths in Excel character units: the widest cell of each column (header words
    /// included), with room for Vietnamese diacritics, between 6 and 45.
    pub fn widths(&self) -> Vec<f64> {
        let mut widest: Vec<usize> = self.columns.iter().map(Column::header_width).collect();
        // Row by row, in one pass: a national roster has 5 million cells, and walking them
        // column by column missed the cache on every cell.
        for row in &self.rows {
            for (w, v) in widest.iter_mut().zip(row) {
                *w = (*w).max(v.width());
            }
        }
        widest.into_iter().map(column_width).collect()
    }
}

/// The Excel width of a column whose widest cell shows `chars` characters, with room for
/// Vietnamese diacritics, between 6 and 45.
pub fn column_width(chars: usize) -> f64 {
    (chars as f64 * 1.1 + 2.0).clamp(6.0, 45.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_widest_cell() {
        let t = Listing {
            title: "T".into(),
            columns: vec![Column::new("STT"), Column::new("Họ và tên")],
            rows: vec![vec![
                Value::Number(1.0),
                Value::text("Nguyễn Thị Minh Khai"),
            ]],
        };
        let w = t.widths();
        assert_eq!(w[0], 6.0);
        assert!(w[1] > 20.0 && w[1] < 30.0, "{w:?}");
        assert_eq!(Value::Number(1985.0).as_field(), "1985");
        for n in [0.0, 1.0, 9.0, 10.0, 1985.0, -7.0, -10.0, 2.5, 1e16] {
            assert_eq!(
                Value::Number(n).width(),
                Value::Number(n).as_field().len(),
                "{n}"
            );
        }
    }
}
