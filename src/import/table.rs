//! A spreadsheet as a grid of cells, from .xlsx/.xls/.ods (calamine) or .csv, and the header
//! normalisation every importer shares.

use std::borrow::Cow;
use std::path::Path;

use calamine::{Data, DataRef, Reader, Xlsx, open_workbook, open_workbook_auto};

use crate::error::{Error, Result};
use crate::vietnamese::{nfc, nfc_cow, search_key};

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing typed.
    Empty,
    /// Text, NFC.
    Text(String),
    /// A number as Excel stores it.
    Number(f64),
    /// A date.
    Date(chrono::NaiveDate),
    /// A boolean.
    Bool(bool),
}

impl Cell {
    /// The cell as text (numbers without a trailing `.0`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Bool(b) => if *b { "có" } else { "không" }.to_string(),
        }
    }

    /// Whether nothing is in the cell (white space counts as nothing).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// The first sheet of a workbook, or a CSV file, as rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// Sheet name (`CSV` for a CSV file).
    pub name: String,
    /// Rows, top first; `rows[0]` is spreadsheet row `first_row`.
    pub rows: Vec<Vec<Cell>>,
    /// The spreadsheet row number (1-based) of `rows[0]`.
    pub first_row: usize,
}

impl Sheet {
    /// The spreadsheet row number of `rows[i]`.
    pub fn row_number(&self, i: usize) -> usize {
        self.first_row + i
    }

    /// A sheet of typed text from spreadsheet row 1, empty strings as empty cells (tests and
    /// previews build sheets this way).
    pub fn from_text<R: AsRef<[S]>, S: AsRef<str>>(rows: &[R]) -> Sheet {
        let cell = |s: &str| {
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(nfc(s))
            }
        };
        Sheet {
            name: "x".into(),
            rows: rows
                .iter()
                .map(|r| r.as_ref().iter().map(|s| cell(s.as_ref())).collect())
                .collect(),
            first_row: 1,
        }
    }

    /// A cell, or `Empty` beyond the row's end.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }
}

/// Reads the first sheet of an .xlsx/.xlsm/.xls/.ods file or a .csv file. CSV may be UTF-8 (with
/// or without BOM) or UTF-16, separated by `,` or `;` (Excel in Vietnamese locale writes `;`).
pub fn read_table(path: &Path) -> Result<Sheet> {
    match crate::export::extension(path).as_str() {
        "csv" | "txt" => read_csv(path),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path),
        _ => Err(Error::invalid(format!(
            "Tệp {}: chỉ nhận tệp Excel (.xlsx, .xls) hoặc .csv.",
            path.display()
        ))),
    }
}

/// Reads the first sheet of an .xlsx cell by cell, without calamine's intermediate range, so a
/// national roster (350,000 rows) is held in memory once. Calamine parses on a second thread
/// and hands the cells over in batches; this thread normalises them and lays them out, so the
/// two halves of the work overlap.
fn read_xlsx_streaming(path: &Path) -> Result<Sheet> {
    const BATCH: usize = 4096;
    let bad = |e: calamine::XlsxError| {
        Error::invalid(format!(
            "Tệp {} không mở được như bảng tính Excel: {e}",
            path.display()
        ))
    };
    let mut wb: Xlsx<_> = open_workbook(path).map_err(bad)?;
    let Some(name) = wb.sheet_names().first().cloned() else {
        return Err(Error::invalid(format!(
            "Tệp {} không có trang tính nào.",
            path.display()
        )));
    };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(u32, u32, Cell)>>(16);
        let name = &name;
        let parser = s.spawn(move || -> Result<()> {
            let mut reader = wb.worksheet_cells_reader(name).map_err(bad)?;
            let mut batch = Vec::with_capacity(BATCH);
            while let Some(cell) = reader.next_cell().map_err(bad)? {
                let (r, c) = cell.get_position();
                let value = convert_ref(cell.get_value());
                if value == Cell::Empty {
                    continue;
                }
                batch.push((r, c, value));
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if tx.send(full).is_err() {
                        return Ok(());
                    }
                }
            }
            // The receiver only goes away once this thread has stopped sending.
            let _ = tx.send(batch);
            Ok(())
        });
        for batch in rx {
            for (r, c, value) in batch {
                let (r, c) = (r as usize, c as usize);
                let value = match value {
                    Cell::Text(s) => text_cell(s),
                    other => other,
                };
                if value == Cell::Empty {
                    continue;
                }
                if rows.len() <= r {
                    rows.resize_with(r + 1, Vec::new);
                }
                let row = &mut rows[r];
                if row.len() <= c {
                    row.resize(c + 1, Cell::Empty);
                }
                row[c] = value;
            }
        }
        parser.join().unwrap_or_else(|_| {
            Err(Error::invalid(format!(
                "Tệp {}: không đọc được trang tính «{name}».",
                path.display()
            )))
        })
    })?;
    Ok(Sheet {
        name,
        rows,
        first_row: 1,
    })
}

/// A cell as calamine gives it, text not yet normalised (see `text_cell`).
fn convert_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => dt
            .as_datetime()
            .map(|d| Cell::Date(d.date()))
            .unwrap_or(Cell::Number(dt.as_f64())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
    }
}

/// Text in NFC (kept as it is when it already is), or `Empty` when nothing is left.
fn text_cell(s: String) -> Cell {
    let s = match nfc_cow(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(n) => n,
    };
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

fn read_workbook(path: &Path) -> Result<Sheet> {
    if crate::export::extension(path) == "xlsx" {
        return read_xlsx_streaming(path);
    }
    let mut wb = open_workbook_auto(path).map_err(|e| {
        Error::invalid(format!(
            "Tệp {} không mở được như bảng tính Excel: {e}",
            path.display()
        ))
    })?;
    let names = wb.sheet_names();
    let Some(name) = names.first().cloned() else {
        return Err(Error::invalid(format!(
            "Tệp {} không có trang tính nào.",
            path.display()
        )));
    };
    let range = wb.worksheet_range(&name).map_err(|e| {
        Error::invalid(format!(
            "Tệp {}: không đọc được trang tính «{name}»: {e}",
            path.display()
        ))
    })?;
    let first_row = range.start().map(|(r, _)| r as usize + 1).unwrap_or(1);
    let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    let rows = range
        .rows()
        .map(|r| {
            let mut cells: Vec<Cell> = std::iter::repeat_n(Cell::Empty, first_col).collect();
            cells.extend(r.iter().map(convert));
            cells
        })
        .collect();
    Ok(Sheet {
        name,
        rows,
        first_row,
    })
}

fn convert(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => {
            let s = nfc(s);
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s)
            }
        }
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| Cell::Date(d.date()))
            .unwrap_or(Cell::Number(dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

fn read_csv(path: &Path) -> Result<Sheet> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = decode_text(&bytes).ok_or_else(|| {
        Error::invalid(format!(
            "Tệp {} không phải văn bản UTF-8 hoặc UTF-16; hãy lưu lại dưới dạng «CSV UTF-8».",
            path.display()
        ))
    })?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec
            .map_err(|e| Error::invalid(format!("Tệp {}, dòng {}: {e}", path.display(), i + 1)))?;
        rows.push(
            rec.iter()
                .map(|s| {
                    let s = nfc(s);
                    if s.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s)
                    }
                })
                .collect(),
        );
    }
    Ok(Sheet {
        name: "CSV".into(),
        rows,
        first_row: 1,
    })
}

/// Decodes UTF-8 (BOM optional) or UTF-16 with a BOM.
fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).ok();
    }
    if bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        return String::from_utf16(&units).ok();
    }
    // Not UTF-8: a sheet saved by Excel in the Windows code page, as legacy TCVN3/VNI sheets
    // are; read it byte for byte so `legacy` can recognise the encoding.
    Some(
        String::from_utf8(bytes.to_vec())
            .unwrap_or_else(|_| bytes.iter().map(|b| super::legacy::byte_char(*b)).collect()),
    )
}

/// The key a header is matched by: NFC, lower case, accents optional, white space and line
/// breaks collapsed, trailing `:`/`*` and bracketed notes such as `(có/không)` dropped.
pub fn header_key(s: &str) -> String {
    let s = nfc(s);
    let s = match s.find('(') {
        Some(i) if i > 0 => &s[..i],
        _ => s.as_str(),
    };
    search_key(s.trim_end_matches([':', '*', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_loosely() {
        assert_eq!(header_key("Họ và tên"), "ho va ten");
        assert_eq!(header_key("HỌ VÀ\nTÊN "), "ho va ten");
        assert_eq!(header_key("Ho va ten"), "ho va ten");
        assert_eq!(header_key("Đã tập huấn (có/không)"), "da tap huan");
        assert_eq!(header_key("Năm sinh*"), "nam sinh");
    }

    #[test]
    fn csv_reads_utf8_bom_and_semicolons() {
        let dir = tempfile::tempdir().expect("dir");
        let p = dir.path().join("a.csv");
        std::fs::write(&p, "\u{feff}Họ và tên;Năm sinh\nNguyễn Văn Ánh;1990\n").expect("write");
        let s = read_table(&p).expect("read");
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.cell(1, 0).text(), "Nguyễn Văn Ánh");
        assert_eq!(s.cell(1, 1).text(), "1990");
    }

    #[test]
    fn csv_in_the_windows_code_page_is_read_byte_for_byte() {
        let dir = tempfile::tempdir().expect("dir");
        let p = dir.path().join("tcvn3.csv");
        // "Họ và tên" and "Nguyễn" typed in TCVN3, saved as ANSI bytes.
        std::fs::write(&p, b"H\xe4 v\xb5 t\xaan\nNguy\xd4n\n").expect("write");
        let s = read_table(&p).expect("read");
        assert_eq!(s.cell(0, 0).text(), "Hä vµ tªn");
        assert_eq!(s.cell(1, 0).text(), "NguyÔn");
    }
}
