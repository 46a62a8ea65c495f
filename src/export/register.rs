//! The document register as a spreadsheet with the columns of Nghị định 30 App. IV (sổ đăng ký
//! văn bản đi).

use crate::error::{Error, Result};
use crate::model::REGISTER_COLUMNS;

/// The register as an XLSX sheet with the columns of Nghị định 30 App. IV (sổ đăng ký văn bản
/// đi): Số, ký hiệu văn bản; Ngày tháng văn bản; Tên loại và trích yếu nội dung; Người ký; Nơi
/// nhận; Đơn vị, người nhận bản lưu; Số lượng bản; Ghi chú; one line per row of
/// `model::register_rows` (which leaves drafts out).
pub fn register_xlsx(rows: &[[String; 8]]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    let fail =
        |e: rust_xlsxwriter::XlsxError| Error::internal(format!("tạo tệp Excel sổ đăng ký: {e}"));
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("So van ban di").map_err(fail)?;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_font_name("Times New Roman");
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_font_name("Times New Roman");
    for (c, (label, width)) in REGISTER_COLUMNS.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *label, &head)
            .map_err(fail)?;
        ws.set_column_width(c, *width).map_err(fail)?;
    }
    for (i, values) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, v) in values.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, v, &cell)
                .map_err(fail)?;
        }
    }
    wb.save_to_buffer().map_err(fail)
}
