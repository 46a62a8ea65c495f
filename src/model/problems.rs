//! The problem list of an import: every problem (file, row, column, value, reason), every notice,
//! and what was or would be written. A file with any problem is refused whole (`Error::Refused`).

use std::fmt;

use serde::Serialize;

/// The first `chars` characters of `s`, with «…» when cut.
fn excerpt(s: &str, chars: usize) -> String {
    match s.char_indices().nth(chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// One problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Row number as the spreadsheet shows it (1-based), when the problem is in a row.
    pub row: Option<usize>,
    /// Column header (or letter) concerned.
    pub column: Option<String>,
    /// The value found.
    pub value: Option<String>,
    /// Why it is refused.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(r) = self.row {
            parts.push(format!("dòng {r}"));
        }
        if let Some(c) = &self.column {
            parts.push(format!("cột «{c}»"));
        }
        if let Some(v) = &self.value {
            parts.push(format!("giá trị «{v}»"));
        }
        if parts.is_empty() {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "{}: {}", parts.join(", "), self.reason)
        }
    }
}

/// What an import found: problems (any one refuses the file), notices (kept for the clerk), and
/// what would be or was written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Problems {
    /// The file's name as given.
    pub file: String,
    /// Problems; a non-empty list means the file was refused.
    pub problems: Vec<Problem>,
    /// Notices: ignored columns, converted legacy encodings, recognised totals rows.
    pub notices: Vec<String>,
    /// Rows read.
    pub rows_read: usize,
    /// Records added.
    pub added: usize,
    /// Records changed.
    pub updated: usize,
    /// Records found identical.
    pub unchanged: usize,
    /// Problems beyond the first `KEPT` (counted, not kept: a million bad rows must not make a
    /// million lines).
    pub omitted: usize,
    /// Notices beyond the first `KEPT`.
    pub notices_omitted: usize,
    /// How many problems each column (or «khác») has, over the whole file.
    pub by_column: std::collections::BTreeMap<String, usize>,
}

/// How many problems and notices a report keeps one by one; the rest are counted by column.
pub const KEPT: usize = 100;

impl Problems {
    /// A report for `file`.
    pub fn new(file: impl Into<String>) -> Self {
        Problems {
            file: file.into(),
            ..Problems::default()
        }
    }

    /// Adds a problem.
    pub fn problem(
        &mut self,
        row: Option<usize>,
        column: Option<&str>,
        value: Option<&str>,
        reason: impl Into<String>,
    ) {
        *self
            .by_column
            .entry(column.unwrap_or("khác").to_string())
            .or_default() += 1;
        if self.problems.len() >= KEPT {
            self.omitted += 1;
            return;
        }
        self.problems.push(Problem {
            row,
            column: column.map(str::to_string),
            // A 400 MB cell is named by its beginning.
            value: value.map(|v| excerpt(v, 80)),
            reason: reason.into(),
        });
    }

    /// Adds a notice.
    pub fn notice(&mut self, text: impl Into<String>) {
        if self.notices.len() >= KEPT {
            self.notices_omitted += 1;
            return;
        }
        self.notices.push(text.into());
    }

    /// How many problems the file has in all.
    pub fn total(&self) -> usize {
        self.problems.len() + self.omitted
    }

    /// Whether the file is accepted.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.problems.is_empty() {
            writeln!(
                f,
                "Tệp {}: đọc {} dòng; thêm {}, cập nhật {}, không đổi {}.",
                self.file, self.rows_read, self.added, self.updated, self.unchanged
            )?;
        } else {
            writeln!(
                f,
                "Tệp {} bị từ chối, không ghi gì vào cơ sở dữ liệu. {} lỗi:",
                self.file,
                self.total()
            )?;
            for p in &self.problems {
                writeln!(f, "  - {p}")?;
            }
            if self.omitted > 0 {
                writeln!(
                    f,
                    "  … và {} lỗi nữa không liệt kê. Số lỗi theo cột:",
                    self.omitted
                )?;
                for (column, n) in &self.by_column {
                    writeln!(f, "  - cột «{column}»: {n} lỗi")?;
                }
            }
        }
        for n in &self.notices {
            writeln!(f, "  Lưu ý: {n}")?;
        }
        if self.notices_omitted > 0 {
            writeln!(f, "  … và {} lưu ý nữa.", self.notices_omitted)?;
        }
        Ok(())
    }
}
