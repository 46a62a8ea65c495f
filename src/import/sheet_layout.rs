//! Finding the table in a sheet the way a person does. From the first rows of a sheet (up to
//! about 30, with the merged ranges when the format has them) and the fields an importer
//! wants, `Layout::detect` settles the header row or rows — anywhere under a title block and
//! the two-part national header, one row or two with merged parents over sub-headers (the year
//! under «Năm sinh» › «Nữ» gives the gender too) — and which column holds which field. The
//! rows below are then classified one at a time (`Layout::classify`), so a streaming reader
//! never holds the sheet: data rows (with the section rows above them carried down), section
//! rows naming a unit or a team, typed totals, and what is left out with its reason (blank
//! rows, column numbers, notes, the signature block).
//!
//! When the reader cannot tell, `Unsettled` says what it read, and the clerk's `Overrides`
//! (header rows, `E=Năm sinh`) settle it; `fingerprint` names a layout so a choice can be
//! remembered for files of the same layout. Pure: cells in, a layout out.

mod catalogue;
mod header;
mod overrides;
mod rows;
mod words;

use std::sync::Arc;

use serde::Serialize;

pub use catalogue::{key, roster_fields, unit_fields};
pub use overrides::{ColumnChoice, Overrides, SheetChoice, fingerprint, parse_header_lines};

use super::table::Cell;
use crate::model::Level;

/// How many rows at the top of a sheet are looked at for the header.
pub const HEAD_ROWS: usize = 30;

/// A field an importer wants, with the labels that name it in a header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldSpec {
    /// A stable key (`year`, `phone`, an indicator's code).
    pub key: String,
    /// The label messages use (`Năm sinh`).
    pub label: String,
    /// Other labels clerks write for it.
    pub aliases: Vec<String>,
    /// Whether a sheet without it cannot be read.
    pub required: bool,
}

impl FieldSpec {
    /// A field.
    pub fn new(key: &str, label: &str, aliases: &[&str], required: bool) -> FieldSpec {
        FieldSpec {
            key: key.into(),
            label: label.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            required,
        }
    }
}

/// A merged range: its first and last spreadsheet lines (1-based) and columns (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Merge {
    /// First line, 1-based.
    pub first_line: usize,
    /// Last line, 1-based.
    pub last_line: usize,
    /// First column, 0-based.
    pub first_col: usize,
    /// Last column, 0-based.
    pub last_col: usize,
}

impl Merge {
    /// A range as calamine gives it (0-based rows).
    pub fn from_dimensions(d: &calamine::Dimensions) -> Merge {
        Merge {
            first_line: d.start.0 as usize + 1,
            last_line: d.end.0 as usize + 1,
            first_col: d.start.1 as usize,
            last_col: d.end.1 as usize,
        }
    }

    fn contains(&self, line: usize, col: usize) -> bool {
        (self.first_line..=self.last_line).contains(&line)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

/// A column the layout reads a field from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// 0-based column.
    pub index: usize,
    /// The field's key.
    pub key: String,
    /// The header texts over the column, top first (`["Năm sinh", "Nữ"]`).
    pub header: Vec<String>,
    /// The sub-header when the field was named by the header above it: `Nữ` under «Năm
    /// sinh», `Thực hiện` under an indicator.
    pub sub: Option<String>,
    /// Whether the clerk assigned this column.
    pub by_clerk: bool,
}

/// What the layout found above the header: the title block's lines and the unit its issuing
/// body names (`ỦY BAN NHÂN DÂN` / `XÃ HÒA BẮC` → `XÃ HÒA BẮC`), a hint for resolving units.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Preamble {
    /// Each non-empty line above the header, its cells joined by ` | `.
    pub lines: Vec<(usize, String)>,
    /// The unit the issuing body names, as written.
    pub unit_hint: Option<String>,
}

/// A settled layout: where the header is, which column holds which field, and the state of the
/// row classification (sections, signature block).
#[derive(Debug, Clone)]
pub struct Layout {
    /// The header's spreadsheet lines (one, two or three).
    pub header_lines: Vec<usize>,
    /// The columns read, left to right.
    pub columns: Vec<Column>,
    /// The `STT` column, when there is one.
    pub stt_column: Option<usize>,
    /// Header texts no field matched, with their columns (ignored with a notice).
    pub ignored: Vec<(usize, String)>,
    /// Columns that repeat a field already read (the first is kept).
    pub repeated: Vec<(usize, String)>,
    /// Optional fields the sheet does not have.
    pub absent: Vec<String>,
    /// The title block.
    pub preamble: Preamble,
    /// The layout's fingerprint (`fingerprint` of the header rows).
    pub fingerprint: String,
    labels: Vec<(String, String)>,
    header_keys: Vec<Vec<(usize, String)>>,
    state: rows::State,
}

/// A row below the header, classified.
#[derive(Debug, Clone, PartialEq)]
pub enum RowKind {
    /// A row of the table, with the sections above it (outermost first).
    Data {
        /// The section rows in force.
        sections: Arc<[Section]>,
    },
    /// A row naming a unit or a team for the rows below it.
    Section(Section),
    /// A typed total or subtotal.
    Total(Total),
    /// A row left out, with the reason.
    Skipped(Skip),
}

/// A section row: `I. TỔ CNSCĐ THÔN AN PHÚ`, `Thôn 2`, `TDP Số 5`, `HUYỆN HÒA VANG`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// The spreadsheet line.
    pub line: usize,
    /// The text as written.
    pub text: String,
    /// The unit it names, ordinal and team words removed (`THÔN AN PHÚ`).
    pub unit: String,
    /// The unit's level, when a level word leads it.
    pub level: Option<Level>,
    /// The team's name when the row names a team (`TỔ CNSCĐ THÔN AN PHÚ`).
    pub team: Option<String>,
}

/// A typed total row: `Tổng cộng: 93 thành viên`, `Cộng`, `Tổng` with sums in the columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Total {
    /// The spreadsheet line.
    pub line: usize,
    /// The label as written.
    pub label: String,
    /// Whether it sums a part (`Cộng thôn An Phú`, `Cộng` inside a section), not the table.
    pub subtotal: bool,
    /// A count written in the label (`93` of `Tổng cộng: 93 thành viên`).
    pub count: Option<i64>,
    /// The cells of the row's read columns, by field key.
    #[serde(skip)]
    pub values: Vec<(String, Cell)>,
}

/// Why a row was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Skip {
    /// Nothing in it.
    Blank,
    /// The column numbers under the header: `(1) (2) …` or `1 2 3 …`.
    ColumnNumbers,
    /// The header again (a sheet printed page by page).
    RepeatedHeader,
    /// A note: `Ghi chú: …`, `(*) …`.
    Note(String),
    /// The signature block: place and date, `NGƯỜI LẬP BIỂU`, `TM. ỦY BAN NHÂN DÂN`, names.
    Signature(String),
    /// Text only outside the table's columns.
    OutsideTable(String),
}

impl Skip {
    /// Why, in Vietnamese, for the report's «bỏ qua» list.
    pub fn reason(&self) -> String {
        match self {
            Skip::Blank => "dòng trống".into(),
            Skip::ColumnNumbers => "dòng đánh số cột".into(),
            Skip::RepeatedHeader => "dòng tiêu đề lặp lại".into(),
            Skip::Note(t) => format!("ghi chú «{t}»"),
            Skip::Signature(t) => format!("phần ký tên «{t}»"),
            Skip::OutsideTable(t) => format!("chữ ngoài các cột của bảng «{t}»"),
        }
    }
}

/// A sheet the reader could not settle, with what it read, for the clerk to decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unsettled {
    /// Why, in Vietnamese.
    pub reason: String,
    /// The first rows as read: line and cell texts.
    pub rows: Vec<(usize, Vec<String>)>,
    /// The header lines the reader thought likeliest, if any.
    pub header_guess: Option<Vec<usize>>,
    /// The columns it would read under that guess.
    pub columns: Vec<Column>,
    /// Labels of the required fields found.
    pub found: Vec<String>,
    /// Labels of the required fields not found.
    pub missing: Vec<String>,
    /// Rows that look like a header, with their fingerprints, to look up a remembered choice.
    pub candidates: Vec<(Vec<usize>, String)>,
}

impl Layout {
    /// Settles the layout from the first rows of a sheet (line, cells; lines increasing, blank
    /// rows may be absent), the merged ranges (empty when the format has none), the fields
    /// wanted and the clerk's overrides.
    pub fn detect(
        rows: &[(usize, Vec<Cell>)],
        merges: &[Merge],
        fields: &[FieldSpec],
        overrides: &Overrides,
    ) -> Result<Layout, Box<Unsettled>> {
        header::detect(rows, merges, fields, overrides)
    }

    /// The last header line: rows below it are classified.
    pub fn header_end(&self) -> usize {
        self.header_lines.last().copied().unwrap_or(0)
    }

    /// The first column of a field.
    pub fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().find(|c| c.key == key).map(|c| c.index)
    }

    /// Every column of a field (`Năm sinh` › `Nam` and `Nữ`).
    pub fn columns_of<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Column> + 'a {
        self.columns.iter().filter(move |c| c.key == key)
    }

    /// The label of a field, for messages.
    pub fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.labels
            .iter()
            .find(|(k, _)| k == key)
            .map_or(key, |(_, l)| l.as_str())
    }

    /// Classifies the row on `line` (below the header; rows in order). Blank rows may be passed
    /// or left out.
    pub fn classify(&mut self, line: usize, cells: &[Cell]) -> RowKind {
        rows::classify(self, line, cells)
    }
}

#[cfg(test)]
mod tests;
