//! A spreadsheet as a grid of cells, from .xlsx/.xls/.ods (calamine) or .csv, and the header
//! normalisation every importer shares.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::JoinHandle;

use calamine::{Data, DataRef, Reader, Xlsx, open_workbook, open_workbook_auto};

use crate::error::{Error, Field, Result};
pub use crate::vietnamese::header_key;
use crate::vietnamese::{nfc, nfc_cow};

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
    /// An error value Excel shows instead of a result (`#REF!`, `#N/A`, `#VALUE!` …): reported
    /// by the importers, never read as a blank.
    Error(String),
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
            Cell::Error(e) => e.clone(),
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
    match extension(path).as_str() {
        "csv" | "txt" => read_csv(path),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path),
        _ => Err(unreadable(
            path,
            "chỉ nhận tệp Excel (.xlsx, .xls) hoặc .csv",
        )),
    }
}

/// The rows of a sheet as they are read, for importers that check each row while the rest of
/// the file is still being read: each item is a row's spreadsheet line (1-based) and its
/// cells, text in NFC. Lines come in increasing order; rows without any cell may be skipped.
pub trait RowStream: Iterator<Item = Result<(usize, Vec<Cell>)>> + Send {
    /// The sheet's name.
    fn sheet_name(&self) -> &str;

    /// Whether the reading stopped because the file's rows are out of order: the caller
    /// reads the sheet whole instead (`read_table`).
    fn disordered(&self) -> bool {
        false
    }
}

/// A parsed cell's value; a text is a byte range of its batch's `text`.
#[derive(Debug, Clone, Copy)]
enum Parsed {
    Text(usize, usize),
    /// An error value's text (`#REF!`), in the batch's buffer.
    Error(usize, usize),
    Number(f64),
    Date(chrono::NaiveDate),
    Bool(bool),
}

/// Cells parsed by calamine, in the order of the sheet's XML, with their texts in one buffer:
/// one allocation per batch rather than one per cell, and each cell's `String` is made on the
/// thread that uses it and frees it (freeing memory another thread allocated is slow).
#[derive(Debug, Default)]
struct Batch {
    text: String,
    cells: Vec<(u32, u32, Parsed)>,
}

impl Batch {
    /// Cells in a full batch.
    const CELLS: usize = 4096;

    /// Keeps a cell; empty cells and errors are dropped.
    fn push(&mut self, r: u32, c: u32, d: &DataRef<'_>) {
        let value = match d {
            DataRef::SharedString(s) => self.keep(s),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => self.keep(s),
            DataRef::Float(f) => Parsed::Number(*f),
            DataRef::Int(i) => Parsed::Number(*i as f64),
            DataRef::Bool(b) => Parsed::Bool(*b),
            DataRef::DateTime(dt) => dt
                .as_datetime()
                .map(|d| Parsed::Date(d.date()))
                .unwrap_or(Parsed::Number(dt.as_f64())),
            DataRef::Error(e) => {
                let start = self.text.len();
                self.text.push_str(&e.to_string());
                Parsed::Error(start, self.text.len())
            }
            DataRef::Empty => return,
        };
        self.cells.push((r, c, value));
    }

    fn keep(&mut self, s: &str) -> Parsed {
        let start = self.text.len();
        self.text.push_str(s);
        Parsed::Text(start, self.text.len())
    }

    /// The `i`th cell, text in NFC (`Empty` when nothing is left of it).
    fn cell(&self, i: usize) -> (u32, u32, Cell) {
        let (r, c, value) = self.cells[i];
        let cell = match value {
            Parsed::Text(a, b) => text_cell(&self.text[a..b]),
            Parsed::Error(a, b) => Cell::Error(self.text[a..b].to_string()),
            Parsed::Number(n) => Cell::Number(n),
            Parsed::Date(d) => Cell::Date(d),
            Parsed::Bool(b) => Cell::Bool(b),
        };
        (r, c, cell)
    }
}

/// The rows of the first sheet of an .xlsx, top to bottom, as calamine parses them on a second
/// thread: the caller works on each row while the rest of the file is still being parsed, and
/// never holds the whole sheet (a national roster has 350,000 rows). Each item is a row's
/// spreadsheet number (1-based) and its cells, text in NFC; rows without any cell are skipped.
///
/// Excel writes rows in order. When a file does not, the iteration stops and `disordered` says
/// so: the caller then reads the sheet whole (`read_table`).
pub struct XlsxRows {
    /// The sheet's name.
    pub name: String,
    batches: Receiver<Result<Batch>>,
    batch: Batch,
    /// The next cell of `batch`.
    at: usize,
    /// The row being put together: its index (0-based) and its cells so far.
    row: Option<(u32, Vec<Cell>)>,
    /// The widest row so far, to size the next one.
    width: usize,
    disordered: bool,
    done: bool,
    parser: Option<JoinHandle<()>>,
    path: PathBuf,
}

impl XlsxRows {
    /// Opens the workbook and starts parsing its first sheet.
    pub fn open(path: &Path) -> Result<XlsxRows> {
        let bad = |path: &Path, e: calamine::XlsxError| match e {
            // A missing or locked file is not a damaged one: its own cause, with the path.
            calamine::XlsxError::Io(io) => Error::io(path, io),
            e => {
                tracing::warn!(error = %e, "xlsx");
                unreadable(path, "không mở được như bảng tính Excel")
            }
        };
        let mut wb: Xlsx<_> = open_workbook(path).map_err(|e| bad(path, e))?;
        let Some(name) = wb.sheet_names().first().cloned() else {
            return Err(unreadable(path, "không có trang tính nào"));
        };
        // Room for some 20,000 rows, so the parser keeps going while the caller reads the
        // database before taking the first rows.
        let (tx, rx) = sync_channel::<Result<Batch>>(64);
        let owned = path.to_path_buf();
        let sheet = name.clone();
        let spawned = std::thread::Builder::new().name("xlsx-parser".into());
        let parser = spawned.spawn(move || {
            let mut parse = || -> Result<()> {
                let mut reader = wb
                    .worksheet_cells_reader(&sheet)
                    .map_err(|e| bad(&owned, e))?;
                let mut batch = Batch::default();
                while let Some(cell) = reader.next_cell().map_err(|e| bad(&owned, e))? {
                    let (r, c) = cell.get_position();
                    // Empty cells (formatting only) are dropped, wherever they are.
                    if !matches!(cell.get_value(), DataRef::Empty) {
                        super::extent::check_cell(&owned, &sheet, r, c)?;
                    }
                    batch.push(r, c, cell.get_value());
                    if batch.cells.len() == Batch::CELLS {
                        let text = String::with_capacity(batch.text.capacity());
                        let full = std::mem::replace(
                            &mut batch,
                            Batch {
                                text,
                                cells: Vec::with_capacity(Batch::CELLS),
                            },
                        );
                        if tx.send(Ok(full)).is_err() {
                            // The reader stopped listening.
                            return Ok(());
                        }
                    }
                }
                let _ = tx.send(Ok(batch));
                Ok(())
            };
            if let Err(e) = parse() {
                let _ = tx.send(Err(e));
            }
        });
        let parser = parser.map_err(|e| Error::io(path, e))?;
        Ok(XlsxRows {
            name,
            batches: rx,
            batch: Batch::default(),
            at: 0,
            row: None,
            width: 0,
            disordered: false,
            done: false,
            parser: Some(parser),
            path: path.to_path_buf(),
        })
    }

    /// The next parsed cell, text normalised; `None` at the end of the sheet.
    fn next_cell(&mut self) -> Option<Result<(u32, u32, Cell)>> {
        loop {
            if self.at < self.batch.cells.len() {
                let (r, c, value) = self.batch.cell(self.at);
                self.at += 1;
                if value != Cell::Empty {
                    return Some(Ok((r, c, value)));
                }
                continue;
            }
            match self.batches.recv() {
                Ok(Ok(batch)) => {
                    self.batch = batch;
                    self.at = 0;
                }
                Ok(Err(e)) => return Some(Err(e)),
                // The parser has stopped: at the end of the sheet, or by a panic.
                Err(_) => {
                    let panicked = self.parser.take().is_some_and(|p| p.join().is_err());
                    return panicked.then(|| {
                        Err(unreadable(
                            &self.path,
                            &format!("không đọc được trang tính «{}»", self.name),
                        ))
                    });
                }
            }
        }
    }
}

impl Iterator for XlsxRows {
    type Item = Result<(usize, Vec<Cell>)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            let (r, c, value) = match self.next_cell() {
                Some(Ok(cell)) => cell,
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                None => {
                    self.done = true;
                    return self
                        .row
                        .take()
                        .map(|(r, cells)| Ok((r as usize + 1, cells)));
                }
            };
            let c = c as usize;
            match &mut self.row {
                Some((current, cells)) if *current == r => {
                    // Cells come left to right, so this is nearly always a push.
                    if cells.len() <= c {
                        cells.resize(c, Cell::Empty);
                        cells.push(value);
                    } else {
                        cells[c] = value;
                    }
                    self.width = self.width.max(cells.len());
                }
                Some((current, _)) if *current > r => {
                    self.disordered = true;
                    self.done = true;
                    return None;
                }
                _ => {
                    // Rows of a sheet are about as wide as each other.
                    self.width = self.width.max(c + 1);
                    let mut cells = Vec::with_capacity(self.width);
                    cells.resize(c + 1, Cell::Empty);
                    cells[c] = value;
                    if let Some((done, cells)) = self.row.replace((r, cells)) {
                        return Some(Ok((done as usize + 1, cells)));
                    }
                }
            }
        }
    }
}

impl RowStream for XlsxRows {
    fn sheet_name(&self) -> &str {
        &self.name
    }

    fn disordered(&self) -> bool {
        self.disordered
    }
}

impl Drop for XlsxRows {
    fn drop(&mut self) {
        // Hang up first, so a parser waiting to hand over a batch stops, then wait for it: the
        // file is closed when this returns.
        self.batches = sync_channel(0).1;
        if let Some(parser) = self.parser.take() {
            let _ = parser.join();
        }
    }
}

/// A file's extension in lower case, empty when it has none.
pub(crate) fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// A sheet file that cannot be read, and why.
fn unreadable(path: &Path, reason: &str) -> Error {
    Error::bad_value(Field::Input, path.display().to_string(), reason)
}

/// Reads the first sheet of an .xlsx row by row (`XlsxRows`), so that it is held in memory
/// once; a sheet whose rows are out of order goes through calamine's whole-sheet reader.
fn read_xlsx_streaming(path: &Path) -> Result<Option<Sheet>> {
    let mut rows = XlsxRows::open(path)?;
    let mut grid: Vec<Vec<Cell>> = Vec::new();
    let mut wide = 0;
    let name = rows.name.clone();
    for row in rows.by_ref() {
        let (number, cells) = row?;
        // Blank rows above are held as empty rows, each row as wide as its last cell.
        wide = wide.max(cells.len());
        let last = (number as u32 - 1, wide.saturating_sub(1) as u32);
        super::extent::check_grid(path, &name, number as u64, wide as u64, last)?;
        grid.resize_with(number - 1, Vec::new);
        grid.push(cells);
    }
    if rows.disordered() {
        return Ok(None);
    }
    Ok(Some(Sheet {
        name: std::mem::take(&mut rows.name),
        rows: grid,
        first_row: 1,
    }))
}

fn read_workbook(path: &Path) -> Result<Sheet> {
    if extension(path) == "xlsx"
        && let Some(sheet) = read_xlsx_streaming(path)?
    {
        return Ok(sheet);
    }
    let mut wb = open_workbook_auto(path).map_err(|e| {
        tracing::warn!(error = %e, "workbook");
        unreadable(path, "không mở được như bảng tính Excel")
    })?;
    let names = wb.sheet_names();
    let Some(name) = names.first().cloned() else {
        return Err(unreadable(path, "không có trang tính nào"));
    };
    if let calamine::Sheets::Xlsx(x) = &mut wb {
        super::extent::check_xlsx_sheet(x, path, &name)?;
    }
    let range = wb.worksheet_range(&name).map_err(|e| {
        tracing::warn!(error = %e, "worksheet");
        unreadable(path, &format!("không đọc được trang tính «{name}»"))
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
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::Empty => Cell::Empty,
        Data::String(s) => text_cell(s),
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
    let mut rows = Vec::new();
    for row in CsvRows::open(path)? {
        rows.push(row?.1);
    }
    Ok(Sheet {
        name: "CSV".into(),
        rows,
        first_row: 1,
    })
}

/// The largest .csv an import reads: a national roster is some 150 MB.
pub const MAX_CSV_BYTES: u64 = 512 << 20;

/// The records of a .csv file as rows, one after another, each numbered by its place in the
/// file (1-based) and its cells in NFC. The file may be UTF-8 (with or without BOM) or UTF-16,
/// separated by `,`, `;` (Excel in a Vietnamese locale) or tabs.
pub struct CsvRows {
    records: csv::StringRecordsIntoIter<std::io::Cursor<Vec<u8>>>,
    line: usize,
    path: PathBuf,
    encoding: super::encoding::TextEncoding,
    delimiter: u8,
}

impl CsvRows {
    /// Reads and decodes the file (`encoding`: UTF-8 with or without BOM, UTF-16, Windows-1258,
    /// UTF-8 gone through Windows-1252); the records are parsed as they are taken. A TCVN3 or
    /// VNI file is read byte for byte, so `legacy` converts it column by column and says so.
    pub fn open(path: &Path) -> Result<CsvRows> {
        use super::encoding::{self, TextEncoding};
        // Read whole below: a file many times a national roster is refused before that.
        let size = std::fs::metadata(path)
            .map_err(|e| Error::io(path, e))?
            .len();
        if size > MAX_CSV_BYTES {
            return Err(unreadable(
                path,
                &format!(
                    "tệp dài {} MB, quá giới hạn {} MB một lần nhập; hãy chia tệp theo xã",
                    size >> 20,
                    MAX_CSV_BYTES >> 20
                ),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let decoded = encoding::decode(&bytes)
            .map_err(|reason| Error::bad_value(Field::Input, path.display().to_string(), reason))?;
        let (text, delimiter) = match decoded.encoding {
            TextEncoding::Tcvn3 | TextEncoding::Vni => {
                let text = decode_text(&bytes).ok_or_else(|| {
                    unreadable(
                        path,
                        "không phải văn bản UTF-8 hoặc UTF-16; hãy lưu lại dưới dạng «CSV UTF-8»",
                    )
                })?;
                (text, decoded.delimiter)
            }
            _ => (decoded.text, decoded.delimiter),
        };
        drop(bytes);
        let records = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(std::io::Cursor::new(text.into_bytes()))
            .into_records();
        Ok(CsvRows {
            records,
            line: 0,
            path: path.to_path_buf(),
            encoding: decoded.encoding,
            delimiter,
        })
    }

    /// The report's line naming the encoding and the delimiter found.
    pub fn describe(&self) -> String {
        super::encoding::Decoded {
            text: String::new(),
            encoding: self.encoding,
            delimiter: self.delimiter,
        }
        .describe()
    }
}

impl Iterator for CsvRows {
    type Item = Result<(usize, Vec<Cell>)>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.records.next()?;
        self.line += 1;
        Some(match record {
            Ok(record) => Ok((self.line, record.iter().map(text_cell).collect())),
            Err(e) => {
                tracing::warn!(error = %e, "csv");
                Err(unreadable(
                    &self.path,
                    &format!("dòng {} không đọc được", self.line),
                ))
            }
        })
    }
}

impl RowStream for CsvRows {
    fn sheet_name(&self) -> &str {
        "CSV"
    }
}

/// Why an Excel error cell is refused, for a problem list.
pub fn error_cell_reason(code: &str) -> String {
    format!(
        "ô hiện lỗi {code} của Excel (công thức hỏng hoặc tham chiếu đã mất), không phải giá \
         trị; hãy sửa ô này trong bảng tính rồi nhập lại"
    )
}

/// Adds a problem for every Excel error cell of a sheet read whole (a units or indicators
/// sheet): a #REF! is never read as a blank.
pub fn report_error_cells(sheet: &Sheet, report: &mut crate::model::Problems) {
    for (r, row) in sheet.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Cell::Error(code) = cell {
                report.problem(
                    Some(sheet.row_number(r)),
                    Some(&super::header::column_letter(c)),
                    Some(code),
                    error_cell_reason(code),
                );
            }
        }
    }
}

/// A text as a cell: in NFC, or `Empty` when nothing is left.
fn text_cell(s: &str) -> Cell {
    match nfc_cow(s) {
        Cow::Borrowed("") => Cell::Empty,
        Cow::Borrowed(s) => Cell::Text(s.to_string()),
        Cow::Owned(n) if n.is_empty() => Cell::Empty,
        Cow::Owned(n) => Cell::Text(n),
    }
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
