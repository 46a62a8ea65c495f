//! Reading a commune's indicator sheet (interfaces.md §2a, §3) through the sheet reader
//! (`sheet_layout`, as every import): the header anywhere under a title block, two-row merged
//! headers and headers on several lines, the unit column (labelled or not), an optional STT and
//! code column, and one column per indicator; column numbers, district rows, subtotals, notes
//! and the signature block left out and listed as «bỏ qua»; each row matched to a unit under
//! the report's unit by code or name; every value checked; a typed total compared with the
//! computed sums. Pure: from the rows of a sheet to a plan and a report, nothing written.

use std::collections::HashMap;

use super::reading::Tally;
use super::sheet_layout::{FieldSpec, Layout, RowKind, Skip};
use super::table::Cell;
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

/// The unit column's field key.
const UNIT: &str = "unit";
/// The unit code column's field key.
const UNIT_CODE: &str = "unit_code";

/// The fields an indicator sheet is read with (`sheet_layout`): the unit column, an optional
/// unit code, and one per indicator of the catalogue with its labels and aliases.
pub fn fields(catalogue: &Catalogue) -> Vec<FieldSpec> {
    let mut fields = vec![
        FieldSpec::new(
            UNIT,
            "Đơn vị",
            &[
                "Tên đơn vị",
                "Đơn vị hành chính",
                "Địa phương",
                "Địa bàn",
                "Huyện/TX/TP",
                "Huyện/thị xã/thành phố",
                "Xã/phường",
                "Xã/phường/thị trấn",
                "Xã, phường, thị trấn",
                "Xã/phường/đặc khu",
                "Xã, phường",
                "Thôn/tổ dân phố",
                "Thôn, tổ dân phố",
                "Thôn/TDP",
                "Thôn",
                "Tổ dân phố",
                "Xã",
                "Phường",
                "Huyện",
            ],
            false,
        ),
        FieldSpec::new(UNIT_CODE, "Mã đơn vị", &["Mã", "Mã ĐVHC", "Mã số"], false),
    ];
    for i in catalogue.all() {
        let aliases: Vec<&str> = i.aliases.iter().map(String::as_str).collect();
        fields.push(FieldSpec::new(&i.code, &i.label, &aliases, false));
    }
    fields
}

/// Reads an indicator sheet into a plan through the sheet reader: `layout` settled from its
/// first rows, `lines` every row with its spreadsheet line. Rows the reader leaves out (column
/// numbers, district or section rows, notes, the signature block) are listed as «bỏ qua»; a
/// typed total is compared column by column with the sums of the rows read. `file` names the
/// file in messages; `units` are the units the rows may name; `parent` names the report's
/// unit in messages.
pub fn plan<'a>(
    mut layout: Layout,
    lines: impl Iterator<Item = (usize, &'a [Cell])> + Clone,
    mut report: Problems,
    catalogue: &Catalogue,
    units: &UnitIndex,
    parent: &str,
) -> Plan {
    let columns: Vec<(usize, &Indicator, String)> = layout
        .columns
        .iter()
        .filter_map(|c| {
            let ind = catalogue.by_code(&c.key)?;
            let header = c
                .header
                .last()
                .cloned()
                .unwrap_or_else(|| ind.label.clone());
            Some((
                c.index,
                ind,
                header.split_whitespace().collect::<Vec<_>>().join(" "),
            ))
        })
        .collect();
    if columns.is_empty() {
        report.problem(
            None,
            None,
            None,
            "không tìm thấy dòng tiêu đề có tên chỉ tiêu (ví dụ «Số người dân được hướng dẫn»)",
        );
        return Plan {
            report,
            rows: Vec::new(),
        };
    }
    let end = layout.header_end();
    let code_col = layout.column(UNIT_CODE);
    // An unlabelled unit column: the first column left of the indicators that holds text.
    let first_indicator = columns.iter().map(|(c, _, _)| *c).min().unwrap_or(0);
    let unit_col = layout.column(UNIT).or_else(|| {
        (0..first_indicator)
            .filter(|c| Some(*c) != layout.stt_column && Some(*c) != code_col)
            .find(|&c| {
                lines
                    .clone()
                    .filter(|(l, _)| *l > end)
                    .any(|(_, cells)| matches!(cells.get(c), Some(Cell::Text(_))))
            })
    });
    let Some(unit_col) = unit_col else {
        report.problem(
            layout.header_lines.last().copied(),
            None,
            None,
            "không tìm thấy cột tên đơn vị (cột «Đơn vị» đứng trước các cột chỉ tiêu)",
        );
        return Plan {
            report,
            rows: Vec::new(),
        };
    };
    let mut rows: Vec<UnitValues> = Vec::new();
    let mut seen: HashMap<i64, usize> = HashMap::new();
    let mut typed_totals: Option<(usize, Vec<Option<i64>>)> = None;
    let mut unreported: Vec<String> = Vec::new();
    let mut tally = Tally::default();
    let empty = Cell::Empty;
    // The reader reads only the columns it settled: with an unlabelled unit column, a row with
    // a unit and no values is outside them, yet it is a unit that has not reported.
    let unlabelled = layout.column(UNIT).is_none();
    for (line, row) in lines.filter(|(l, _)| *l > end) {
        let kind = match layout.classify(line, row) {
            RowKind::Skipped(Skip::OutsideTable(_))
                if unlabelled && row.get(unit_col).is_some_and(|c| !c.is_empty()) =>
            {
                RowKind::Data {
                    sections: Vec::new().into(),
                }
            }
            kind => kind,
        };
        if let RowKind::Total(t) = &kind
            && !t.subtotal
        {
            let typed = columns
                .iter()
                .map(|(_, ind, _)| {
                    t.values
                        .iter()
                        .find(|(k, _)| *k == ind.code)
                        .and_then(|(_, c)| value_of(c).ok().flatten())
                })
                .collect();
            typed_totals = Some((line, typed));
        }
        if tally.note(line, &kind) {
            continue;
        }
        let cell = |c: usize| row.get(c).unwrap_or(&empty);
        let name = cell(unit_col).text().trim().to_string();
        let code = code_col
            .map(|c| cell(c).text().trim().to_string())
            .unwrap_or_default();
        let cells: Vec<&Cell> = columns.iter().map(|(c, _, _)| cell(*c)).collect();
        let has_values = cells.iter().any(|c| !is_blank(c));
        if name.is_empty() && code.is_empty() {
            if has_values {
                report.problem(
                    Some(line),
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
        for ((_, ind, header), cell) in columns.iter().zip(&cells) {
            match value_of(cell) {
                Ok(Some(v)) => values.push((ind.id, v)),
                Ok(None) => {}
                Err(reason) => {
                    bad_values = true;
                    report.problem(
                        Some(line),
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
                let has_stt = layout.stt_column.is_some_and(|c| !cell(c).is_empty());
                if !has_values && !has_stt {
                    // A line under the table the reader did not recognise.
                    report.notice(format!(
                        "Dòng {line}: bỏ qua — «{shown}» (không phải đơn vị, không có số liệu)."
                    ));
                } else {
                    report.problem(
                        Some(line),
                        Some("Đơn vị"),
                        Some(shown),
                        format!("không có đơn vị này trong {parent}"),
                    );
                }
                continue;
            }
            Err(candidates) => {
                report.problem(
                    Some(line),
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
                Some(line),
                Some("Đơn vị"),
                Some(shown),
                format!("đơn vị trùng với dòng {first} ({})", units.label(unit_id)),
            );
            continue;
        }
        seen.insert(unit_id, line);
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
    let read = report.rows_read;
    tally.finish(read, "đơn vị", &mut report);
    if let Some((row_no, typed)) = typed_totals {
        compare_totals(row_no, &typed, &columns, &rows, &mut report);
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

/// `plan` for a sheet read whole without merged ranges (a text file, or a sheet built in
/// memory): its layout settled by the reader alone, or a plan whose report refuses it and shows
/// what was read.
pub fn plan_sheet(
    sheet: crate::import::Sheet,
    file: &str,
    catalogue: &Catalogue,
    units: &UnitIndex,
    parent: &str,
) -> Plan {
    let read = crate::import::workbook::SheetRead {
        sheets: vec![sheet.name.clone()],
        sheet,
        merges: Vec::new(),
        decoded: None,
    };
    let mut report = Problems::new(file);
    let fields = fields(catalogue);
    match Layout::detect(&read.head(), &read.merges, &fields, &Default::default()) {
        Ok(layout) => {
            let settled = super::reading::Settled {
                layout,
                remembered: None,
            };
            super::reading::describe_layout(&settled, &fields, &mut report);
            plan(
                settled.layout,
                read.lines(),
                report,
                catalogue,
                units,
                parent,
            )
        }
        Err(u) => {
            super::reading::unsettled(&u, &mut report);
            Plan {
                report,
                rows: Vec::new(),
            }
        }
    }
}

/// Compares a typed total row with the sums of the rows read, column by column; the total
/// itself is never imported.
fn compare_totals(
    row_no: usize,
    typed: &[Option<i64>],
    columns: &[(usize, &Indicator, String)],
    rows: &[UnitValues],
    report: &mut Problems,
) {
    let mut wrong = 0;
    for (k, (_, ind, header)) in columns.iter().enumerate() {
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
        let sheet = crate::import::Sheet {
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
        let plan = plan_sheet(sheet, "s.xlsx", &Catalogue::builtin(), &idx, "Xã Hòa Bắc");
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
