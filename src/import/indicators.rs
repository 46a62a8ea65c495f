//! Reading a commune's indicator sheet (interfaces.md §2a, §3): finds the header row under any
//! title rows (two-level merged headers and headers on several lines included), the unit column
//! (labelled or not), an optional STT and code column, and one column per indicator; matches each
//! row to a unit under the report's unit by code or name; checks every value; recognises a typed
//! totals row and compares it with the computed sums. Pure: from a grid of cells to a plan and a
//! report, nothing written.

use std::collections::HashMap;

use super::table::{Cell, Sheet, header_key};
use crate::model::Problems;
use crate::model::{Catalogue, Indicator, Unit, UnitValues, name_key};
use crate::vietnamese::{format_number, parse_number, search_key};

/// The units a sheet's rows may name: those below the report's unit, by code and by name key.
#[derive(Debug, Clone, Default)]
pub struct UnitIndex {
    by_code: HashMap<String, i64>,
    by_key: HashMap<String, Vec<(i64, usize)>>,
    labels: HashMap<i64, String>,
}

impl UnitIndex {
    /// An index over the units a sheet's rows may name, each with its depth below the report's
    /// unit (1 for a direct child): the report's unit tree's `descendants`.
    pub fn new<'u>(units: impl IntoIterator<Item = (&'u Unit, usize)>) -> UnitIndex {
        let mut idx = UnitIndex::default();
        for (u, depth) in units {
            idx.by_code.insert(search_key(&u.code), u.id);
            idx.by_key
                .entry(name_key(&u.name))
                .or_default()
                .push((u.id, depth));
            idx.labels
                .insert(u.id, format!("{} – {}", u.code, u.title_name()));
        }
        idx
    }

    /// Finds the unit a cell names: a code first, then a name (level words ignored), preferring
    /// the shallowest units. `Err` carries the candidates of an ambiguous name.
    fn find(&self, text: &str) -> Result<Option<i64>, Vec<String>> {
        if let Some(id) = self.by_code.get(&search_key(text)) {
            return Ok(Some(*id));
        }
        let Some(found) = self.by_key.get(&name_key(text)) else {
            return Ok(None);
        };
        let depth = found.iter().map(|(_, d)| *d).min().unwrap_or(1);
        let best: Vec<i64> = found
            .iter()
            .filter(|(_, d)| *d == depth)
            .map(|(id, _)| *id)
            .collect();
        match best.as_slice() {
            [one] => Ok(Some(*one)),
            many => Err(many
                .iter()
                .filter_map(|id| self.labels.get(id).cloned())
                .collect()),
        }
    }

    /// The label of a unit (`code – name`).
    pub fn label(&self, id: i64) -> String {
        self.labels.get(&id).cloned().unwrap_or_default()
    }
}

/// What a sheet would write.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Problems (refuse the file) and notices (typed totals that disagree, ignored columns).
    pub report: Problems,
    /// Values per unit, in sheet order.
    pub rows: Vec<UnitValues>,
}

/// Unit column headers (keys), besides anything starting with `don vi` or `ten don vi`.
const UNIT_HEADERS: &[&str] = &[
    "don vi",
    "ten don vi",
    "dia phuong",
    "dia ban",
    "huyen/tx/tp",
    "huyen/thi xa/thanh pho",
    "xa/phuong",
    "xa/phuong/thi tran",
    "xa, phuong, thi tran",
    "xa, phuong",
    "thon/to dan pho",
    "thon, to dan pho",
    "thon",
    "to dan pho",
    "xa",
    "phuong",
    "huyen",
];

/// STT column headers.
const STT_HEADERS: &[&str] = &["stt", "tt", "so tt", "so thu tu"];

/// Code column headers.
const CODE_HEADERS: &[&str] = &["ma", "ma don vi", "ma dvhc", "ma so"];

/// Typed totals rows.
const TOTAL_ROWS: &[&str] = &[
    "tong",
    "tong cong",
    "cong",
    "tong so",
    "toan xa",
    "toan huyen",
];

/// A cell that stands for "not reported".
fn is_blank(cell: &Cell) -> bool {
    match cell {
        Cell::Text(s) => matches!(s.trim(), "" | "-" | "–" | "—"),
        other => other.is_empty(),
    }
}

/// A cell's value: `Ok(None)` for blank, `Err(reason)` for anything that is not a whole number
/// ≥ 0.
fn value_of(cell: &Cell) -> Result<Option<i64>, &'static str> {
    if is_blank(cell) {
        return Ok(None);
    }
    let n = match cell {
        Cell::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => *f as i64,
        Cell::Number(_) => return Err("không phải số nguyên"),
        Cell::Text(s) => parse_number(s).ok_or("không phải số")?,
        _ => return Err("không phải số"),
    };
    if n < 0 {
        return Err("số âm");
    }
    Ok(Some(n))
}

/// Whether a row only numbers the columns: `(1) (2) (3) …`, or `A B 1 2 3 …` with consecutive
/// numbers (a data row never counts up one by one across every column).
fn is_numbering_row(row: &[Cell]) -> bool {
    let texts: Vec<String> = row
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| c.text().trim().to_string())
        .collect();
    if texts.len() < 3 {
        return false;
    }
    let bracketed = |t: &str| {
        t.starts_with('(')
            && t.ends_with(')')
            && t.len() <= 6
            && t[1..t.len() - 1].chars().all(|c| c.is_ascii_alphanumeric())
    };
    if texts.iter().all(|t| bracketed(t)) {
        return true;
    }
    let numbers: Vec<i64> = texts
        .iter()
        .skip_while(|t| t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase()))
        .map(|t| t.parse::<i64>().unwrap_or(-1))
        .collect();
    numbers.len() >= 3 && numbers[0] >= 0 && numbers.windows(2).all(|w| w[1] == w[0] + 1)
}

struct Layout<'c> {
    header_row: usize,
    unit_col: usize,
    stt_col: Option<usize>,
    code_col: Option<usize>,
    columns: Vec<(usize, &'c Indicator, String)>,
}

fn layout<'c>(
    sheet: &Sheet,
    catalogue: &'c Catalogue,
    report: &mut Problems,
) -> Option<Layout<'c>> {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let scan = sheet.rows.len().min(30);
    let matches = |r: usize| {
        (0..width)
            .filter(|&c| {
                let t = sheet.cell(r, c).text();
                !t.trim().is_empty() && catalogue.match_header(&t).is_some()
            })
            .count()
    };
    let (header_row, best) = (0..scan)
        .map(|r| (r, matches(r)))
        .fold((0, 0), |acc, x| if x.1 > acc.1 { x } else { acc });
    if best == 0 {
        report.problem(
            None,
            None,
            None,
            "không tìm thấy dòng tiêu đề có tên chỉ tiêu (ví dụ «Số người dân được hướng dẫn»)",
        );
        return None;
    }
    let mut columns: Vec<(usize, &Indicator, String)> = Vec::new();
    let (mut unit_col, mut stt_col, mut code_col) = (None, None, None);
    let mut ignored = Vec::new();
    for c in 0..width {
        let here = sheet.cell(header_row, c).text();
        // A header merged down from above (two- or three-level headers) keeps its text in the
        // merge's top cell.
        let text = if here.trim().is_empty() {
            (header_row.saturating_sub(2)..header_row)
                .rev()
                .map(|r| sheet.cell(r, c).text())
                .find(|t| !t.trim().is_empty())
                .unwrap_or_default()
        } else {
            here
        };
        if text.trim().is_empty() {
            continue;
        }
        if let Some(ind) = catalogue.match_header(&text) {
            if columns.iter().any(|(_, i, _)| i.id == ind.id) {
                report.problem(
                    Some(sheet.row_number(header_row)),
                    Some(&text),
                    None,
                    format!("chỉ tiêu «{}» có hai cột", ind.label),
                );
            } else {
                columns.push((
                    c,
                    ind,
                    text.split_whitespace().collect::<Vec<_>>().join(" "),
                ));
            }
            continue;
        }
        let key = header_key(&text);
        if STT_HEADERS.contains(&key.as_str()) && stt_col.is_none() {
            stt_col = Some(c);
        } else if CODE_HEADERS.contains(&key.as_str()) && code_col.is_none() {
            code_col = Some(c);
        } else if unit_col.is_none()
            && (UNIT_HEADERS.contains(&key.as_str())
                || key.starts_with("don vi")
                || key.starts_with("ten don vi"))
        {
            unit_col = Some(c);
        } else {
            ignored.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    // An unlabelled unit column: the first column left of the indicators that holds text.
    let first_indicator = columns.iter().map(|(c, _, _)| *c).min().unwrap_or(0);
    let unit_col = unit_col.or_else(|| {
        (0..first_indicator)
            .filter(|c| Some(*c) != stt_col && Some(*c) != code_col)
            .find(|&c| {
                (header_row + 1..sheet.rows.len())
                    .any(|r| matches!(sheet.cell(r, c), Cell::Text(_)))
            })
    });
    let Some(unit_col) = unit_col else {
        report.problem(
            Some(sheet.row_number(header_row)),
            None,
            None,
            "không tìm thấy cột tên đơn vị (cột «Đơn vị» đứng trước các cột chỉ tiêu)",
        );
        return None;
    };
    // Group headers above indicator columns are not columns of their own.
    ignored.retain(|t| !columns.iter().any(|(_, _, h)| h == t));
    if !ignored.is_empty() {
        report.notice(format!(
            "bỏ qua các cột không phải chỉ tiêu: {}",
            ignored.join("; ")
        ));
    }
    Some(Layout {
        header_row,
        unit_col,
        stt_col,
        code_col,
        columns,
    })
}

/// Reads an indicator sheet into a plan. `file` names the file in messages; `units` are the
/// units the rows may name; `parent` names the report's unit in messages.
pub fn plan(
    sheet: &Sheet,
    file: &str,
    catalogue: &Catalogue,
    units: &UnitIndex,
    parent: &str,
) -> Plan {
    let mut report = Problems::new(file);
    let Some(layout) = layout(sheet, catalogue, &mut report) else {
        return Plan {
            report,
            rows: Vec::new(),
        };
    };
    let mut rows: Vec<UnitValues> = Vec::new();
    let mut seen: HashMap<i64, usize> = HashMap::new();
    let mut typed_totals: Option<(usize, Vec<Option<i64>>)> = None;
    let mut unreported: Vec<String> = Vec::new();
    let mut seen_data = false;
    for r in layout.header_row + 1..sheet.rows.len() {
        let row_no = sheet.row_number(r);
        let row = &sheet.rows[r];
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        // Column numbers come right under the header, before any data.
        if !seen_data && is_numbering_row(row) {
            continue;
        }
        seen_data = true;
        let name = sheet.cell(r, layout.unit_col).text().trim().to_string();
        let code = layout
            .code_col
            .map(|c| sheet.cell(r, c).text().trim().to_string())
            .unwrap_or_default();
        let cells: Vec<&Cell> = layout
            .columns
            .iter()
            .map(|(c, _, _)| sheet.cell(r, *c))
            .collect();
        let has_values = cells.iter().any(|c| !is_blank(c));
        // A totals label sits in the unit column, or in a merged STT cell left of it.
        let is_total =
            |t: &str| TOTAL_ROWS.contains(&search_key(t).trim_end_matches([':', '.']).trim());
        let stt_text = layout
            .stt_col
            .map(|c| sheet.cell(r, c).text())
            .unwrap_or_default();
        if is_total(&name) || (name.is_empty() && is_total(&stt_text)) {
            let typed = cells.iter().map(|c| value_of(c).ok().flatten()).collect();
            typed_totals = Some((row_no, typed));
            continue;
        }
        if name.is_empty() && code.is_empty() {
            if has_values {
                report.problem(
                    Some(row_no),
                    None,
                    None,
                    "dòng có số liệu nhưng không có tên đơn vị",
                );
            }
            continue;
        }
        // Every value is checked, whatever else is wrong with the row, so that the clerk sees
        // every problem at once.
        let mut values = Vec::new();
        let mut bad_values = false;
        for ((_, ind, header), cell) in layout.columns.iter().zip(&cells) {
            match value_of(cell) {
                Ok(Some(v)) => values.push((ind.id, v)),
                Ok(None) => {}
                Err(reason) => {
                    bad_values = true;
                    report.problem(
                        Some(row_no),
                        Some(header),
                        Some(&cell.text()),
                        format!(
                            "{reason}: chỉ nhận số nguyên không âm, để trống nếu chưa có số liệu"
                        ),
                    );
                }
            }
        }
        let found = if code.is_empty() {
            units.find(&name)
        } else {
            match units.find(&code) {
                Ok(None) => units.find(&name),
                other => other,
            }
        };
        let shown = if name.is_empty() { &code } else { &name };
        let unit_id = match found {
            Ok(Some(id)) => id,
            Ok(None) => {
                let has_stt = layout.stt_col.is_some_and(|c| !sheet.cell(r, c).is_empty());
                if !has_values && !has_stt {
                    // Notes and signature lines under the table.
                    report.notice(format!(
                        "dòng {row_no}: bỏ qua «{shown}» (không phải đơn vị, không có số liệu)"
                    ));
                } else {
                    report.problem(
                        Some(row_no),
                        Some("Đơn vị"),
                        Some(shown),
                        format!("không có đơn vị này trong {parent}"),
                    );
                }
                continue;
            }
            Err(candidates) => {
                report.problem(
                    Some(row_no),
                    Some("Đơn vị"),
                    Some(shown),
                    format!(
                        "tên khớp với nhiều đơn vị, hãy thêm cột «Mã đơn vị»: {}",
                        candidates.join("; ")
                    ),
                );
                continue;
            }
        };
        if let Some(first) = seen.get(&unit_id) {
            report.problem(
                Some(row_no),
                Some("Đơn vị"),
                Some(shown),
                format!("đơn vị trùng với dòng {first} ({})", units.label(unit_id)),
            );
            continue;
        }
        seen.insert(unit_id, row_no);
        report.rows_read += 1;
        if bad_values {
            continue;
        }
        if values.is_empty() {
            // A listed unit with every cell blank has not reported: its stored values stay.
            unreported.push(shown.to_string());
        } else {
            rows.push(UnitValues { unit_id, values });
        }
    }
    if let Some((row_no, typed)) = typed_totals {
        let mut wrong = 0;
        for (k, (_, ind, header)) in layout.columns.iter().enumerate() {
            let computed: Option<i64> = rows
                .iter()
                .filter_map(|r| r.values.iter().find(|(i, _)| *i == ind.id).map(|(_, v)| *v))
                .reduce(|a, b| a + b);
            let Some(t) = typed[k] else { continue };
            if Some(t) != computed {
                wrong += 1;
                report.notice(format!(
                    "dòng tổng (dòng {row_no}) sai ở cột «{header}»: ghi {}, tính được {}",
                    format_number(t),
                    computed.map_or_else(|| "không có số liệu".to_string(), format_number)
                ));
            }
        }
        if wrong == 0 {
            report.notice(format!(
                "dòng tổng (dòng {row_no}) khớp với tổng tính được; dòng này không được nhập"
            ));
        } else {
            report.notice(format!(
                "dòng tổng (dòng {row_no}) không được nhập; báo cáo dùng tổng tính được"
            ));
        }
    }
    if !unreported.is_empty() {
        report.notice(format!(
            "{} đơn vị chưa có số liệu (để trống, không tính là 0): {}",
            unreported.len(),
            unreported.join(", ")
        ));
    }
    if report.problems.is_empty() && rows.is_empty() {
        report.notice("tệp không có số liệu nào để nhập");
    }
    Plan { report, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;

    fn unit(
        id: i64,
        code: &str,
        name: &str,
        kind: &str,
        level: Level,
        parent: Option<i64>,
    ) -> Unit {
        Unit {
            id,
            code: code.into(),
            name: name.into(),
            kind: kind.into(),
            level,
            parent_id: parent,
            merged_into: None,
            merged_on: None,
        }
    }

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    /// The villages below Hòa Bắc, each at depth 1.
    fn villages() -> Vec<Unit> {
        vec![
            unit(2, "X.01", "An Phú", "thôn", Level::Village, Some(1)),
            unit(3, "X.02", "1", "thôn", Level::Village, Some(1)),
            unit(4, "X.03", "Phú Túc", "thôn", Level::Village, Some(1)),
        ]
    }

    #[test]
    fn unlabelled_unit_column_numbering_row_and_totals_in_the_stt_column() {
        let sheet = Sheet {
            name: "S".into(),
            first_row: 1,
            rows: vec![
                vec![t("BIỂU SỐ LIỆU")],
                vec![],
                vec![
                    t("TT"),
                    Cell::Empty,
                    t("SỐ LƯỢNG NGƯỜI DÂN\nĐƯỢC HƯỚNG DẪN"),
                    t("Ví điện tử"),
                    t("Ghi chú"),
                ],
                vec![t("(1)"), t("(2)"), t("(3)"), t("(4)"), t("(5)")],
                vec![
                    Cell::Number(1.0),
                    t("Thôn An Phú"),
                    t("1.250"),
                    Cell::Number(4.0),
                ],
                vec![Cell::Number(2.0), t("Thôn 1"), Cell::Number(3.0), t("-")],
                vec![Cell::Number(3.0), t("x.03"), Cell::Empty, Cell::Empty],
                vec![t("Cộng"), Cell::Empty, t("1.253"), Cell::Number(5.0)],
                vec![],
                vec![Cell::Empty, t("Người lập biểu")],
            ],
        };
        let idx = UnitIndex::new(villages().iter().map(|u| (u, 1)));
        let plan = plan(&sheet, "s.xlsx", &Catalogue::builtin(), &idx, "Xã Hòa Bắc");
        assert!(plan.report.is_ok(), "{}", plan.report);
        assert_eq!(
            plan.rows,
            vec![
                UnitValues {
                    unit_id: 2,
                    values: vec![(3, 1250), (7, 4)]
                },
                UnitValues {
                    unit_id: 3,
                    values: vec![(3, 3)]
                },
            ]
        );
        let notices = plan.report.notices.join("\n");
        assert!(notices.contains("Ghi chú"), "{notices}");
        assert!(
            notices.contains("cột «Ví điện tử»: ghi 5, tính được 4"),
            "{notices}"
        );
        assert!(!notices.contains("ghi 1.253"), "{notices}");
        assert!(notices.contains("1 đơn vị chưa có số liệu"), "{notices}");
        assert!(notices.contains("Người lập biểu"), "{notices}");
    }

    #[test]
    fn values_are_whole_non_negative_numbers_or_blank() {
        assert_eq!(value_of(&t("12.480")), Ok(Some(12_480)));
        assert_eq!(value_of(&t("12,480")), Ok(Some(12_480)));
        assert_eq!(value_of(&Cell::Number(7.0)), Ok(Some(7)));
        assert_eq!(value_of(&Cell::Empty), Ok(None));
        assert_eq!(value_of(&t(" - ")), Ok(None));
        assert!(value_of(&Cell::Number(2.5)).is_err());
        assert!(value_of(&t("-3")).is_err());
        assert!(value_of(&t("12.48")).is_err());
        assert!(value_of(&t("nhiều")).is_err());
    }
}
