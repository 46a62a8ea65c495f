//! Indicator spreadsheets: the appendix table of a periodic report as offices print it (title,
//! "(Kèm theo Báo cáo số …)" line, STT, two-level merged headers, a totals row that is a SUM
//! formula with its cached value, `#,##0`, A4 landscape, header rows repeated on every page), and
//! the entry sheet a commune fills in (its units listed, one column per indicator, whole numbers
//! ≥ 0), which `import indicators` reads back as it is.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, Result};
use crate::model::{Indicator, Period};
use crate::report::aggregate::{Aggregate, UnitRef};

fn xlsx(e: XlsxError) -> Error {
    Error::internal(format!("tạo bảng tính: {e}"))
}

/// The formats both sheets use.
struct Formats {
    title: Format,
    italic: Format,
    header: Format,
    text: Format,
    center: Format,
    number: Format,
    total_label: Format,
    total_number: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: base
                .clone()
                .set_bold()
                .set_font_size(13)
                .set_align(FormatAlign::Center),
            italic: base.clone().set_italic().set_align(FormatAlign::Center),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            text: cell.clone().set_text_wrap(),
            center: cell.clone().set_align(FormatAlign::Center),
            number: cell.clone().set_num_format("#,##0"),
            total_label: cell.clone().set_bold().set_align(FormatAlign::Center),
            total_number: cell.set_bold().set_num_format("#,##0"),
        }
    }
}

fn page_setup(ws: &mut Worksheet, header_first: u32, header_last: u32) -> Result<()> {
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_margins(0.6, 0.5, 0.7, 0.7, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_first, header_last)
        .map_err(xlsx)?;
    Ok(())
}

/// Excel's name of a 0-based column (`0` → `A`, `27` → `AB`).
pub fn column_name(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Layout of the report table, so tests and readers can find the cells.
pub mod layout {
    /// Row (0-based) of the first header row.
    pub const HEADER: u32 = 4;
    /// Row of the indicator labels.
    pub const LABELS: u32 = 5;
    /// First data row.
    pub const FIRST_DATA: u32 = 6;
    /// Column of the unit names.
    pub const UNIT: u16 = 1;
    /// First indicator column.
    pub const FIRST_VALUE: u16 = 2;
}

/// The appendix table of a report over `agg`. `attached_to` completes the line
/// `(Kèm theo Báo cáo số …)`, e.g. `Báo cáo số      /BC-UBND ngày      tháng      năm 2024 của
/// UBND xã Hòa Bắc`.
pub fn report_table(agg: &Aggregate, attached_to: &str) -> Result<Vec<u8>> {
    use layout::*;
    let f = Formats::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Biểu tổng hợp").map_err(xlsx)?;
    let n = agg.columns.len() as u16;
    let last_col = (FIRST_VALUE + n).saturating_sub(1).max(FIRST_VALUE);
    let title = format!(
        "BIỂU TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG CỦA TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG {}",
        crate::vietnamese::upper(&agg.period.label())
    );
    ws.merge_range(0, 0, 0, last_col, &title, &f.title)
        .map_err(xlsx)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &format!("(Kèm theo {attached_to})"),
        &f.italic,
    )
    .map_err(xlsx)?;
    ws.merge_range(
        2,
        0,
        2,
        last_col,
        &format!("Đơn vị: {}", agg.unit.name),
        &f.italic,
    )
    .map_err(xlsx)?;
    ws.set_row_height(LABELS, 63).map_err(xlsx)?;
    ws.merge_range(HEADER, 0, LABELS, 0, "STT", &f.header)
        .map_err(xlsx)?;
    ws.merge_range(HEADER, UNIT, LABELS, UNIT, "Đơn vị", &f.header)
        .map_err(xlsx)?;
    if n > 1 {
        ws.merge_range(
            HEADER,
            FIRST_VALUE,
            HEADER,
            last_col,
            "Kết quả thực hiện",
            &f.header,
        )
        .map_err(xlsx)?;
    } else {
        ws.write_string_with_format(HEADER, FIRST_VALUE, "Kết quả thực hiện", &f.header)
            .map_err(xlsx)?;
    }
    ws.set_column_width(0, 5).map_err(xlsx)?;
    ws.set_column_width(UNIT, 26).map_err(xlsx)?;
    for (k, col) in agg.columns.iter().enumerate() {
        let c = FIRST_VALUE + k as u16;
        ws.set_column_width(c, 14).map_err(xlsx)?;
        ws.write_string_with_format(
            LABELS,
            c,
            format!("{}\n({})", col.label, col.measure),
            &f.header,
        )
        .map_err(xlsx)?;
    }
    for (i, row) in agg.rows.iter().enumerate() {
        let r = FIRST_DATA + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &f.center)
            .map_err(xlsx)?;
        ws.write_string_with_format(r, UNIT, &row.unit.name, &f.text)
            .map_err(xlsx)?;
        for (k, col) in agg.columns.iter().enumerate() {
            let c = FIRST_VALUE + k as u16;
            match row.values.get(&col.code) {
                Some(v) => ws.write_number_with_format(r, c, v as f64, &f.number),
                // Blank stays blank: not reported is not 0.
                None => ws.write_blank(r, c, &f.number),
            }
            .map_err(xlsx)?;
        }
    }
    let total_row = FIRST_DATA + agg.rows.len() as u32;
    // The label sits in the unit column (STT left blank) so the table reads back as a totals row.
    ws.write_blank(total_row, 0, &f.total_label).map_err(xlsx)?;
    ws.write_string_with_format(total_row, UNIT, "Tổng cộng", &f.total_label)
        .map_err(xlsx)?;
    for (k, col) in agg.columns.iter().enumerate() {
        let c = FIRST_VALUE + k as u16;
        let letter = column_name(c);
        let cached: i64 = agg
            .rows
            .iter()
            .filter_map(|r| r.values.get(&col.code))
            .sum();
        let formula = if agg.rows.is_empty() {
            Formula::new("=0").set_result("0")
        } else {
            Formula::new(format!(
                "=SUM({letter}{}:{letter}{})",
                FIRST_DATA + 1,
                total_row
            ))
            .set_result(cached.to_string())
        };
        ws.write_formula_with_format(total_row, c, formula, &f.total_number)
            .map_err(xlsx)?;
    }
    page_setup(ws, HEADER, LABELS)?;
    wb.save_to_buffer().map_err(xlsx)
}

/// The entry sheet a unit fills in for `period`: its `units` listed (code and name), one column per
/// indicator, each value cell limited to whole numbers ≥ 0.
pub fn entry_sheet(
    parent: &UnitRef,
    units: &[UnitRef],
    indicators: &[Indicator],
    period: Period,
) -> Result<Vec<u8>> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Nhập số liệu").map_err(xlsx)?;
    let first_value: u16 = 3;
    let last_col = first_value + indicators.len().max(1) as u16 - 1;
    let header: u32 = 3;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!(
            "BIỂU NHẬP SỐ LIỆU HOẠT ĐỘNG TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG {}",
            crate::vietnamese::upper(&period.label())
        ),
        &f.title,
    )
    .map_err(xlsx)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &format!(
            "{} – kỳ {period}. Ô chưa có số liệu để trống (không ghi 0); chỉ ghi số nguyên.",
            parent.name
        ),
        &f.italic,
    )
    .map_err(xlsx)?;
    ws.set_row_height(header, 78).map_err(xlsx)?;
    for (c, text, width) in [
        (0u16, "STT", 5.0),
        (1, "Mã đơn vị", 12.0),
        (2, "Đơn vị", 26.0),
    ] {
        ws.write_string_with_format(header, c, text, &f.header)
            .map_err(xlsx)?;
        ws.set_column_width(c, width).map_err(xlsx)?;
    }
    for (k, ind) in indicators.iter().enumerate() {
        let c = first_value + k as u16;
        ws.write_string_with_format(header, c, &ind.label, &f.header)
            .map_err(xlsx)?;
        ws.set_column_width(c, 14).map_err(xlsx)?;
    }
    for (i, u) in units.iter().enumerate() {
        let r = header + 1 + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &f.center)
            .map_err(xlsx)?;
        ws.write_string_with_format(r, 1, &u.code, &f.text)
            .map_err(xlsx)?;
        ws.write_string_with_format(r, 2, &u.name, &f.text)
            .map_err(xlsx)?;
        for k in 0..indicators.len() {
            ws.write_blank(r, first_value + k as u16, &f.number)
                .map_err(xlsx)?;
        }
    }
    if !units.is_empty() && !indicators.is_empty() {
        let dv = DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title("Số liệu không hợp lệ")
            .map_err(xlsx)?
            .set_error_message("Chỉ ghi số nguyên không âm; để trống nếu chưa có số liệu.")
            .map_err(xlsx)?;
        ws.add_data_validation(
            header + 1,
            first_value,
            header + units.len() as u32,
            last_col,
            &dv,
        )
        .map_err(xlsx)?;
    }
    ws.set_freeze_panes(header + 1, first_value).map_err(xlsx)?;
    page_setup(ws, header, header)?;
    wb.save_to_buffer().map_err(xlsx)
}

/// The entry sheet as CSV (UTF-8 with a byte-order mark): STT, the unit's code and name, and one
/// empty column per indicator.
pub fn entry_csv(children: &[UnitRef], indicators: &[Indicator]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let mut header = vec!["STT".to_string(), "Mã đơn vị".into(), "Đơn vị".into()];
    header.extend(indicators.iter().map(|i| i.label.clone()));
    let csv_err = |e: csv::Error| Error::internal(format!("tạo CSV: {e}"));
    w.write_record(&header).map_err(csv_err)?;
    for (i, u) in children.iter().enumerate() {
        let mut rec = vec![(i + 1).to_string(), u.code.clone(), u.name.clone()];
        rec.extend(indicators.iter().map(|_| String::new()));
        w.write_record(&rec).map_err(csv_err)?;
    }
    w.into_inner()
        .map_err(|e| Error::internal(format!("tạo CSV: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }
}
