//! What both faces share around the sheet reader: the clerk's choices when the reader cannot
//! tell (`--sheet`, `--header-row`, `--column "E=Năm sinh"`, or the window's preview), the
//! choices remembered for files of the same layout (kept in the settings, by the layout's
//! fingerprint), and the preview of a sheet as read: its first rows, the header lines and the
//! field each column was mapped to.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Field, Result};
use crate::import::header::column_letter;
use crate::import::sheet_layout::{
    FieldSpec, Layout, Overrides, SheetChoice, parse_header_lines, roster_fields, unit_fields,
};
use crate::import::workbook;
use crate::store::{Store, settings};

pub use crate::import::sheet_layout::{
    ColumnChoice, Overrides as Choices, SheetChoice as SheetPick,
    parse_header_lines as header_lines,
};

/// What is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Kind {
    /// A roster (teams and members).
    Roster,
    /// A unit list.
    Units,
}

impl Kind {
    fn tag(self) -> &'static str {
        match self {
            Kind::Roster => "roster",
            Kind::Units => "units",
        }
    }

    /// The fields the reader looks for.
    pub fn fields(self) -> Vec<FieldSpec> {
        match self {
            Kind::Roster => roster_fields(),
            Kind::Units => unit_fields(),
        }
    }
}

/// The settings key of the remembered choices.
const KEY: &str = "import_layouts";

/// Remembered choices of one kind, by layout fingerprint.
pub type Remembered = BTreeMap<String, Overrides>;

/// The choices remembered for files of `kind`, by layout fingerprint.
pub fn remembered(conn: &Connection, kind: Kind) -> Result<Remembered> {
    let all: BTreeMap<String, Remembered> = settings::get(conn, KEY)?;
    Ok(all.get(kind.tag()).cloned().unwrap_or_default())
}

/// Remembers the clerk's choice of header rows and columns for files whose layout has
/// `fingerprint` (the sheet is a choice for one file, not kept).
pub fn remember(
    conn: &Connection,
    kind: Kind,
    fingerprint: &str,
    chosen: &Overrides,
) -> Result<()> {
    if fingerprint.is_empty() || (chosen.header_lines.is_none() && chosen.columns.is_empty()) {
        return Ok(());
    }
    let mut all: BTreeMap<String, Remembered> = settings::get(conn, KEY)?;
    let kept = Overrides {
        sheet: None,
        ..chosen.clone()
    };
    all.entry(kind.tag().to_string())
        .or_default()
        .insert(fingerprint.to_string(), kept);
    settings::set(conn, KEY, &all)
}

/// The choices as the command line writes them: `--sheet`, `--header-row`, `--column`
/// (repeatable). The error names the option and what was not understood.
pub fn parse_choices(
    kind: Kind,
    sheet: Option<&str>,
    header_row: Option<&str>,
    columns: &[String],
) -> Result<Overrides> {
    let fields = kind.fields();
    let header_lines = header_row
        .map(|h| {
            parse_header_lines(h).map_err(|reason| {
                Error::bad_value(Field::Input, format!("--header-row {h}"), reason)
            })
        })
        .transpose()?;
    let columns = columns
        .iter()
        .map(|c| {
            ColumnChoice::parse(c, &fields)
                .map_err(|reason| Error::bad_value(Field::Input, format!("--column {c}"), reason))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Overrides {
        sheet: sheet.map(SheetChoice::parse),
        header_lines,
        columns,
    })
}

/// A column of the preview: its letter, its header as read and the field it is read as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewColumn {
    /// 0-based column.
    pub index: usize,
    /// `E`.
    pub letter: String,
    /// The header texts over it, top first, joined by ` › `.
    pub header: String,
    /// The field's key, when it is read.
    pub key: Option<String>,
    /// The field's label, when it is read.
    pub field: Option<String>,
    /// Whether the clerk chose it.
    pub by_clerk: bool,
}

/// A sheet as the reader sees it, for the window's preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// Every sheet of the workbook (`CSV` for a text file).
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: String,
    /// The encoding of a text file, named.
    pub encoding: Option<String>,
    /// The first rows: spreadsheet line and cell texts.
    pub rows: Vec<(usize, Vec<String>)>,
    /// The header lines (settled, or the reader's guess).
    pub header_lines: Vec<usize>,
    /// Every column of the shown rows, with its field.
    pub columns: Vec<PreviewColumn>,
    /// Labels of the required fields not found.
    pub missing: Vec<String>,
    /// Why the reader could not settle the sheet; `None` when it could.
    pub unsettled: Option<String>,
    /// The fields a column may be assigned to: key and label.
    pub fields: Vec<(String, String)>,
    /// The clerk's choices in words, or a remembered choice applied.
    pub choices: Option<String>,
}

/// How many rows the preview shows.
pub const PREVIEW_ROWS: usize = 30;

/// Reads the first rows of `path` as an import of `kind` would, with the clerk's choices (and
/// without them, a choice remembered for the sheet's layout).
pub fn preview(store: &Store, kind: Kind, path: &Path, chosen: &Overrides) -> Result<Preview> {
    let read = workbook::read(path, chosen.sheet.as_ref())?;
    let fields = kind.fields();
    let remembered = remembered(store.conn(), kind)?;
    let mut head = read.head();
    {
        // Legacy (TCVN3, VNI) text in a workbook is converted the way the import converts it.
        let mut sheet = crate::import::Sheet {
            name: read.sheet.name.clone(),
            rows: head.iter().map(|(_, c)| c.clone()).collect(),
            first_row: 1,
        };
        crate::import::legacy::convert_sheet(&mut sheet);
        for ((_, cells), converted) in head.iter_mut().zip(sheet.rows) {
            *cells = converted;
        }
    }
    let settled = crate::import::reading::settle(&head, &read.merges, &fields, chosen, &|f| {
        remembered.get(f).cloned()
    });
    let width = head.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let rows: Vec<(usize, Vec<String>)> = head
        .iter()
        .take(PREVIEW_ROWS)
        .map(|(l, cells)| {
            let mut t: Vec<String> = cells.iter().map(|c| c.text().trim().to_string()).collect();
            t.resize(width, String::new());
            (*l, t)
        })
        .collect();
    let label = |k: &str| {
        fields
            .iter()
            .find(|f| f.key == k)
            .map_or(k.to_string(), |f| f.label.clone())
    };
    let (header_lines, mapped, missing, unsettled, choices) = match settled {
        Ok(s) => {
            let choices = match (&s.remembered, chosen.is_empty()) {
                (Some(o), _) => Some(format!(
                    "dùng lại cách đọc đã chọn cho mẫu bảng này: {}",
                    crate::import::reading::describe_overrides(o, &fields)
                )),
                (None, false) => Some(crate::import::reading::describe_overrides(chosen, &fields)),
                (None, true) => None,
            };
            let Layout {
                header_lines,
                columns,
                absent: _,
                ..
            } = s.layout;
            (header_lines, columns, Vec::new(), None, choices)
        }
        Err(u) => (
            u.header_guess.clone().unwrap_or_default(),
            u.columns.clone(),
            u.missing.clone(),
            Some(u.reason.clone()),
            (!chosen.is_empty())
                .then(|| crate::import::reading::describe_overrides(chosen, &fields)),
        ),
    };
    let header_text = |c: usize| -> String {
        let t: Vec<String> = rows
            .iter()
            .filter(|(l, _)| header_lines.contains(l))
            .filter_map(|(_, r)| r.get(c).filter(|t| !t.is_empty()).cloned())
            .collect();
        t.join(" › ")
    };
    let columns = (0..width)
        .map(|c| {
            let m = mapped.iter().find(|m| m.index == c);
            PreviewColumn {
                index: c,
                letter: column_letter(c),
                header: m
                    .map(|m| m.header.join(" › "))
                    .unwrap_or_else(|| header_text(c)),
                key: m.map(|m| m.key.clone()),
                field: m.map(|m| label(&m.key)),
                by_clerk: m.is_some_and(|m| m.by_clerk),
            }
        })
        .collect();
    Ok(Preview {
        sheets: read.sheets.clone(),
        sheet: read.sheet.name.clone(),
        encoding: read.decoded.map(|(encoding, delimiter)| {
            crate::import::encoding::Decoded {
                text: String::new(),
                encoding,
                delimiter,
            }
            .describe()
        }),
        rows,
        header_lines,
        columns,
        missing,
        unsettled,
        fields: fields
            .iter()
            .map(|f| (f.key.clone(), f.label.clone()))
            .collect(),
        choices,
    })
}

/// The report's first line about a file read whole: the encoding of a text file, or the sheet
/// read of a workbook of several.
pub fn read_note(read: &crate::import::workbook::SheetRead) -> Option<String> {
    match read.decoded {
        Some((encoding, delimiter)) => Some(
            crate::import::encoding::Decoded {
                text: String::new(),
                encoding,
                delimiter,
            }
            .describe(),
        ),
        None => (read.sheets.len() > 1).then(|| {
            format!(
                "Đọc trang tính «{}» (tệp có {} trang: {}).",
                read.sheet.name,
                read.sheets.len(),
                read.sheets.join(", ")
            )
        }),
    }
}
