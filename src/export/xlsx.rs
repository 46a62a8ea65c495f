//! Tables to .xlsx (rust_xlsxwriter): a merged title row, bold wrapped headers, the header row
//! frozen and repeated on every printed page, A4 landscape fitted to the page width, column
//! widths that fit the text, numbers as numbers and text columns formatted as text.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::table::{Column, Listing, Value, column_width};
use crate::error::{Error, Result};

/// Excel's paper size code for A4.
const A4: u8 = 9;

fn fail(e: XlsxError) -> Error {
    Error::internal(format!("tạo tệp Excel: {e}"))
}

/// The .xlsx bytes of a table. Row 1 is the title, row 2 the header, data from row 3.
pub fn to_bytes(table: &Listing) -> Result<Vec<u8>> {
    let mut sheet = SheetWriter::new(&table.title, &table.columns)?;
    for row in &table.rows {
        sheet.push(row)?;
    }
    sheet.finish()
}

/// A sheet written row by row, for rows that are made while earlier ones are written: the
/// title and header first, each data row as it comes, the column widths at the end.
pub struct SheetWriter {
    wb: Workbook,
    ws: Worksheet,
    /// The widest cell of each column so far, in characters (header words included).
    widest: Vec<usize>,
    next_row: u32,
}

impl SheetWriter {
    /// A sheet with its title, header row, page setup and column formats.
    pub fn new(title: &str, columns: &[Column]) -> Result<SheetWriter> {
        let mut wb = Workbook::new();
        // Deflate level 1 instead of zip's 6. The deflate runs on its own after the last row:
        // for a national roster it took ~2 s at level 6, 0.6 s at level 2 and 0.35 s at
        // level 1, for a file of 28, 37 and 47 MB. A commune's roster stays under 150 kB.
        wb.set_zip_compression_level(1);
        // Constant-memory mode streams each finished row to a temporary file instead of
        // keeping every cell: a national roster (5 million cells) would otherwise take
        // gigabytes. Rows are therefore written strictly top to bottom, and column formats
        // are set before the first row (widths go into the file at the end, so they can wait).
        let mut ws = wb.new_worksheet_with_constant_memory().map_err(fail)?;
        let font = "Times New Roman";
        let title_format = Format::new()
            .set_font_name(font)
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        let header = Format::new()
            .set_font_name(font)
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(FormatBorder::Thin)
            .set_background_color(0xDDEBF7);
        let cell = Format::new()
            .set_font_name(font)
            .set_border(FormatBorder::Thin);
        let text = cell.clone().set_num_format("@");
        let ncols = columns.len().max(1) as u16;

        ws.set_name("Danh sách").map_err(fail)?;
        // The data cells take their format from their column: handing rust_xlsxwriter a
        // `Format` per cell cost a hash of the whole format for each of a national roster's 5
        // million cells. Empty cells need no writing at all, and a row a clerk adds below the
        // table gets the borders and the text format (leading zeros kept) too.
        for (i, c) in columns.iter().enumerate() {
            ws.set_column_format(i as u16, if c.as_text { &text } else { &cell })
                .map_err(fail)?;
        }
        ws.set_freeze_panes(2, 0).map_err(fail)?;
        ws.set_landscape()
            .set_paper_size(A4)
            .set_print_fit_to_pages(1, 0)
            .set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        ws.set_repeat_rows(1, 1).map_err(fail)?;
        ws.set_row_height(0, 24).map_err(fail)?;
        if ncols > 1 {
            ws.merge_range(0, 0, 0, ncols - 1, title, &title_format)
                .map_err(fail)?;
        } else {
            ws.write_string_with_format(0, 0, title, &title_format)
                .map_err(fail)?;
        }
        for (i, c) in columns.iter().enumerate() {
            ws.write_string_with_format(1, i as u16, c.label, &header)
                .map_err(fail)?;
        }
        Ok(SheetWriter {
            wb,
            ws,
            widest: columns.iter().map(Column::header_width).collect(),
            next_row: 2,
        })
    }

    /// Writes the next data row (as long as the columns).
    pub fn push(&mut self, row: &[Value]) -> Result<()> {
        let r = self.next_row;
        for (i, v) in row.iter().enumerate() {
            let col = i as u16;
            match v {
                Value::Empty => continue,
                Value::Text(s) => self.ws.write_string(r, col, s).map_err(fail)?,
                Value::Number(n) => self.ws.write_number(r, col, *n).map_err(fail)?,
            };
            if let Some(w) = self.widest.get_mut(i) {
                *w = (*w).max(v.width());
            }
        }
        self.next_row += 1;
        Ok(())
    }

    /// Sets the column widths and returns the .xlsx bytes.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        for (i, w) in self.widest.iter().enumerate() {
            self.ws
                .set_column_width(i as u16, column_width(*w))
                .map_err(fail)?;
        }
        self.wb.push_worksheet(self.ws);
        self.wb.save_to_buffer().map_err(fail)
    }
}
