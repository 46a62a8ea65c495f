//! The sheet a clerk chose, read whole with its merged ranges (.xlsx, .xlsm, .xls, .ods; .ods
//! keeps no merges), or a .csv/.txt decoded by `encoding`: what `sheet_layout` reads a table
//! from when the file is not streamed.

use std::path::Path;

use calamine::{Data, Reader, Sheets, open_workbook_auto};

use super::encoding::{self, Decoded};
use super::sheet_layout::{HEAD_ROWS, Merge, SheetChoice};
use super::table::{Cell, Sheet};
use crate::error::{Error, Field, Result};
use crate::vietnamese::nfc_cow;

/// A sheet read whole.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRead {
    /// The sheet's rows.
    pub sheet: Sheet,
    /// Its merged ranges.
    pub merges: Vec<Merge>,
    /// Every sheet of the workbook, to offer the clerk a choice (`CSV` for a text file).
    pub sheets: Vec<String>,
    /// How a text file was decoded (`None` for a workbook).
    pub decoded: Option<(encoding::TextEncoding, u8)>,
}

impl SheetRead {
    /// The first rows as `Layout::detect` takes them: line and cells, blank rows left out,
    /// the first `HEAD_ROWS` lines from the first that is not blank.
    pub fn head(&self) -> Vec<(usize, Vec<Cell>)> {
        let mut it = lines(&self.sheet).peekable();
        let first = it.peek().map_or(1, |(l, _)| *l);
        it.take_while(|(line, _)| *line < first + HEAD_ROWS)
            .map(|(l, c)| (l, c.to_vec()))
            .collect()
    }

    /// Every row with its line, blank rows left out.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &[Cell])> + Clone {
        lines(&self.sheet)
    }
}

fn lines(sheet: &Sheet) -> impl Iterator<Item = (usize, &[Cell])> + Clone {
    sheet
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
        .map(|(i, r)| (sheet.row_number(i), r.as_slice()))
}

/// Reads a file: the chosen sheet of a workbook (the first by default), or a text file.
pub fn read(path: &Path, choice: Option<&SheetChoice>) -> Result<SheetRead> {
    match super::table::extension(path).as_str() {
        "csv" | "txt" | "tsv" => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let decoded = encoding::decode(&bytes).map_err(|reason| {
                Error::bad_value(Field::Input, path.display().to_string(), reason)
            })?;
            Ok(text_sheet(&decoded))
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path, choice),
        _ => Err(Error::bad_value(
            Field::Input,
            path.display().to_string(),
            "chỉ nhận tệp Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) hoặc văn bản (.csv, .txt)",
        )),
    }
}

/// A decoded text file as a sheet of text cells, in NFC.
pub fn text_sheet(decoded: &Decoded) -> SheetRead {
    let mut rows = Vec::new();
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(decoded.delimiter)
        .from_reader(decoded.text.as_bytes());
    for record in reader.into_records() {
        // A malformed quote ends the record where the parser can; the rest still reads.
        let Ok(record) = record else {
            rows.push(Vec::new());
            continue;
        };
        rows.push(record.iter().map(text_cell).collect());
    }
    SheetRead {
        sheet: Sheet {
            name: "CSV".into(),
            rows,
            first_row: 1,
        },
        merges: Vec::new(),
        sheets: vec!["CSV".into()],
        decoded: Some((decoded.encoding, decoded.delimiter)),
    }
}

fn text_cell(s: &str) -> Cell {
    match nfc_cow(s) {
        t if t.is_empty() => Cell::Empty,
        t => Cell::Text(t.into_owned()),
    }
}

fn read_workbook(path: &Path, choice: Option<&SheetChoice>) -> Result<SheetRead> {
    let unreadable = |e: &dyn std::fmt::Display| {
        tracing::warn!(error = %e, path = %path.display(), "workbook");
        Error::bad_value(
            Field::Input,
            path.display().to_string(),
            "không mở được như bảng tính (tệp hỏng, có mật khẩu hoặc không phải bảng tính)",
        )
    };
    let mut wb = open_workbook_auto(path).map_err(|e| unreadable(&e))?;
    let names = wb.sheet_names();
    let name = match choice {
        None => names.first().cloned(),
        Some(SheetChoice::Number(n)) => names.get(n - 1).cloned(),
        Some(SheetChoice::Name(want)) => names
            .iter()
            .find(|n| n.trim().to_lowercase() == want.trim().to_lowercase())
            .cloned(),
    };
    let Some(name) = name else {
        return Err(Error::bad_value(
            Field::Input,
            path.display().to_string(),
            format!(
                "không có trang tính {}; các trang: {}",
                match choice {
                    Some(SheetChoice::Number(n)) => format!("thứ {n}"),
                    Some(SheetChoice::Name(n)) => format!("«{n}»"),
                    None => String::new(),
                },
                names.join(", ")
            ),
        ));
    };
    if let Sheets::Xlsx(x) = &mut wb {
        super::extent::check_xlsx_sheet(x, path, &name)?;
    }
    let range = wb.worksheet_range(&name).map_err(|e| unreadable(&e))?;
    let merges = match &mut wb {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
    };
    let (first_row, first_col) = range
        .start()
        .map(|(r, c)| (r as usize + 1, c as usize))
        .unwrap_or((1, 0));
    let rows = range
        .rows()
        .map(|r| {
            let mut cells: Vec<Cell> = std::iter::repeat_n(Cell::Empty, first_col).collect();
            cells.extend(r.iter().map(convert));
            cells
        })
        .collect();
    Ok(SheetRead {
        sheet: Sheet {
            name,
            rows,
            first_row,
        },
        merges: merges.iter().map(Merge::from_dimensions).collect(),
        sheets: names,
        decoded: None,
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
        Data::DateTimeIso(s) | Data::DurationIso(s) => text_cell(s),
    }
}
