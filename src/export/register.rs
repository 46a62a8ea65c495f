//! The document register as a spreadsheet with the columns of Nghị định 30 App. IV (sổ đăng ký
//! văn bản đi).

use crate::error::{Error, Result};
use crate::model::{Entry, Status};
use crate::vietnamese::date_short;

/// The register as an XLSX sheet with the columns of Nghị định 30 App. IV (sổ đăng ký văn bản
/// đi): Số, ký hiệu văn bản; Ngày tháng văn bản; Tên loại và trích yếu nội dung; Người ký; Nơi
/// nhận; Đơn vị, người nhận bản lưu; Số lượng bản; Ghi chú. Drafts are left out.
pub fn register_xlsx(entries: &[Entry]) -> Result<Vec<u8>> {
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
    let columns = [
        ("Số, ký hiệu văn bản", 16.0),
        ("Ngày tháng văn bản", 12.0),
        ("Tên loại và trích yếu nội dung văn bản", 50.0),
        ("Người ký", 20.0),
        ("Nơi nhận văn bản", 30.0),
        ("Đơn vị, người nhận bản lưu", 20.0),
        ("Số lượng bản", 8.0),
        ("Ghi chú", 20.0),
    ];
    for (c, (label, width)) in columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *label, &head)
            .map_err(fail)?;
        ws.set_column_width(c, *width).map_err(fail)?;
    }
    let mut issued: Vec<&Entry> = entries.iter().filter(|e| e.number.is_some()).collect();
    issued.sort_by_key(|e| (e.year, e.number));
    for (i, e) in issued.iter().enumerate() {
        let r = i as u32 + 1;
        let date = e.issued_on.map(date_short).unwrap_or_default();
        let mut note = e.note.clone();
        if e.status == Status::Signed && note.is_empty() {
            note = Status::Signed.label().to_string();
        }
        let values = [
            e.reference(),
            date,
            e.summary.clone(),
            e.signer.clone(),
            e.recipients.clone(),
            e.keeper.clone(),
            e.copies.map(|c| c.to_string()).unwrap_or_default(),
            note,
        ];
        for (c, v) in values.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, v, &cell)
                .map_err(fail)?;
        }
    }
    wb.save_to_buffer().map_err(fail)
}
