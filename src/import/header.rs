//! Finding the header row of an imported sheet and the column of each expected field, by label.
//! The header need not be the first row: exports put a title above it, and clerks add notes.

use std::collections::HashMap;

use super::table::{Sheet, header_key};
use crate::model::Problems;

/// A field an importer expects, with the labels that name it.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The label written in exports and error messages.
    pub label: &'static str,
    /// Other labels clerks use for the same column.
    pub aliases: &'static [&'static str],
    /// Whether a file without this column is refused.
    pub required: bool,
}

/// Where the fields are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Index in `sheet.rows` of the header row.
    pub header: usize,
    /// Column of each field found, by the field's label.
    pub by_label: HashMap<&'static str, usize>,
}

impl Columns {
    /// The column of a field, when the file has it.
    pub fn get(&self, label: &str) -> Option<usize> {
        self.by_label.get(label).copied()
    }
}

/// The matching key of a label: `header_key` with punctuation read as a space, so
/// `Chức vụ, đơn vị công tác`, `Chức vụ - đơn vị công tác` and `Xã/phường` match loosely.
pub fn label_key(s: &str) -> String {
    let k: String = header_key(s)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    k.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How far down a header row is looked for.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the header row (the row among the first 30 that names the most fields) and maps the
/// columns. Unknown headers are ignored with a notice (`silent` ones, such as `STT`, without);
/// a missing required column is a problem. `None` when no header row is found.
pub fn find_columns(
    sheet: &Sheet,
    fields: &[Field],
    silent: &[&str],
    report: &mut Problems,
) -> Option<Columns> {
    let keys: Vec<(usize, String)> = fields
        .iter()
        .enumerate()
        .flat_map(|(i, f)| {
            std::iter::once(f.label)
                .chain(f.aliases.iter().copied())
                .map(move |l| (i, label_key(l)))
        })
        .collect();
    let field_of = |text: &str| {
        let k = label_key(text);
        keys.iter().find(|(_, key)| *key == k).map(|(i, _)| *i)
    };
    let best = sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(r, row)| {
            let n = row.iter().filter(|c| field_of(&c.text()).is_some()).count();
            (n, r)
        })
        .filter(|(n, _)| *n >= 2)
        .max_by_key(|(n, r)| (*n, std::cmp::Reverse(*r)));
    let Some((_, header)) = best else {
        let wanted: Vec<&str> = fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.label)
            .collect();
        report.problem(
            None,
            None,
            None,
            format!(
                "không tìm thấy dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu; cần các cột: {}",
                wanted.join("; ")
            ),
        );
        return None;
    };
    let silent: Vec<String> = silent.iter().map(|s| label_key(s)).collect();
    let mut by_label = HashMap::new();
    let row_no = sheet.row_number(header);
    for (col, cell) in sheet.rows[header].iter().enumerate() {
        let text = cell.text();
        if text.trim().is_empty() {
            continue;
        }
        match field_of(&text) {
            Some(i) => {
                let label = fields[i].label;
                if by_label.contains_key(label) {
                    report.notice(format!(
                        "Cột «{text}» (cột {}) lặp lại cột «{label}»; chỉ dùng cột đầu tiên.",
                        column_letter(col)
                    ));
                } else {
                    by_label.insert(label, col);
                }
            }
            None if silent.contains(&label_key(&text)) => {}
            None => report.notice(format!(
                "Cột «{text}» (cột {}) không thuộc mẫu nhập, đã bỏ qua.",
                column_letter(col)
            )),
        }
    }
    for f in fields.iter().filter(|f| f.required) {
        if !by_label.contains_key(f.label) {
            report.problem(
                Some(row_no),
                Some(f.label),
                None,
                "thiếu cột bắt buộc này trong dòng tiêu đề",
            );
        }
    }
    Some(Columns { header, by_label })
}

/// The spreadsheet letter of a 0-based column (`0` → `A`, `27` → `AB`).
pub fn column_letter(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::Cell;

    const FIELDS: &[Field] = &[
        Field {
            label: "Họ và tên",
            aliases: &["Họ tên"],
            required: true,
        },
        Field {
            label: "Chức vụ, đơn vị công tác",
            aliases: &[],
            required: true,
        },
        Field {
            label: "Email",
            aliases: &[],
            required: false,
        },
    ];

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn header_below_a_title_in_any_order() {
        let sheet = Sheet {
            name: "x".into(),
            rows: vec![
                vec![t("DANH SÁCH THÀNH VIÊN")],
                vec![
                    t("STT"),
                    t("CHỨC VỤ - ĐƠN VỊ\nCÔNG TÁC"),
                    t("Ho ten"),
                    t("Ghi chú"),
                ],
            ],
            first_row: 1,
        };
        let mut r = Problems::new("x");
        let c = find_columns(&sheet, FIELDS, &["STT"], &mut r).expect("found");
        assert_eq!(c.header, 1);
        assert_eq!(c.get("Họ và tên"), Some(2));
        assert_eq!(c.get("Chức vụ, đơn vị công tác"), Some(1));
        assert_eq!(c.get("Email"), None);
        assert!(r.is_ok());
        assert_eq!(r.notices.len(), 1, "{:?}", r.notices);
        assert!(r.notices[0].contains("Ghi chú"));
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(27), "AB");
    }
}
