//! What the clerk tells the reader when it cannot tell: which sheet, which rows are the header,
//! which column holds which field (`E=Năm sinh`), as the window sets them and as the command
//! line takes them (`--sheet`, `--header-row`, `--column`); and the fingerprint a choice is
//! remembered by for files of the same layout.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::FieldSpec;
use super::words::{is_stt, match_key};
use crate::import::table::Cell;

/// A sheet of a workbook, by name or by number (1 is the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetChoice {
    /// By name.
    Name(String),
    /// By number, 1-based.
    Number(usize),
}

impl SheetChoice {
    /// `--sheet 2` or `--sheet "Danh sách"`.
    pub fn parse(s: &str) -> SheetChoice {
        let t = s.trim();
        match t.parse::<usize>() {
            Ok(n) if n > 0 => SheetChoice::Number(n),
            _ => SheetChoice::Name(t.to_string()),
        }
    }
}

/// A column the clerk assigned: to a field (its key), or to nothing (left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnChoice {
    /// 0-based column.
    pub column: usize,
    /// The field's key; `None` leaves the column out.
    pub field: Option<String>,
}

impl ColumnChoice {
    /// Reads `E=Năm sinh`, `cột E = năm sinh`, `E=year` (a key), `E=` or `E=bỏ qua` (leave out).
    /// The error says, in Vietnamese, what was not understood and which fields there are.
    pub fn parse(s: &str, fields: &[FieldSpec]) -> Result<ColumnChoice, String> {
        let usage = || format!("không hiểu «{s}»: hãy ghi dạng E=Năm sinh");
        let (left, right) = s.split_once('=').ok_or_else(usage)?;
        let left = left.trim();
        let letters = left
            .strip_prefix("cột ")
            .or_else(|| left.strip_prefix("Cột "))
            .unwrap_or(left)
            .trim();
        let column = column_index(letters).ok_or_else(usage)?;
        let right = right.trim();
        let leave = ["", "-", "bỏ qua", "bo qua", "không dùng"];
        if leave.contains(&right.to_lowercase().as_str()) {
            return Ok(ColumnChoice {
                column,
                field: None,
            });
        }
        let k = match_key(right);
        let found = fields.iter().find(|f| {
            f.key == right
                || std::iter::once(&f.label)
                    .chain(&f.aliases)
                    .any(|l| match_key(l) == k)
        });
        match found {
            Some(f) => Ok(ColumnChoice {
                column,
                field: Some(f.key.clone()),
            }),
            None => {
                let labels: Vec<&str> = fields.iter().map(|f| f.label.as_str()).collect();
                Err(format!(
                    "không có cột nào tên «{right}»; các cột đọc được: {}",
                    labels.join(", ")
                ))
            }
        }
    }
}

/// A column's index from its letters (`A` → 0, `AB` → 27).
pub fn column_index(letters: &str) -> Option<usize> {
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let mut n = 0usize;
    for c in letters.to_ascii_uppercase().bytes() {
        n = n * 26 + usize::from(c - b'A' + 1);
    }
    Some(n - 1)
}

/// Reads `--header-row`: `9`, `9-10`, `9,10` (one to three adjacent lines).
pub fn parse_header_lines(s: &str) -> Result<Vec<usize>, String> {
    let bad = || format!("dòng tiêu đề «{s}» phải là số dòng, ví dụ 9 hoặc 9-10");
    let t = s.trim();
    let lines: Vec<usize> = if let Some((a, b)) = t.split_once(['-', '–']) {
        let a: usize = a.trim().parse().map_err(|_| bad())?;
        let b: usize = b.trim().parse().map_err(|_| bad())?;
        (a..=b).collect()
    } else {
        t.split(',')
            .map(|p| p.trim().parse::<usize>().map_err(|_| bad()))
            .collect::<Result<_, _>>()?
    };
    let adjacent = lines.windows(2).all(|w| w[1] == w[0] + 1);
    if lines.is_empty() || lines.len() > 3 || lines[0] == 0 || !adjacent {
        return Err(bad());
    }
    Ok(lines)
}

/// What the clerk chose, applied on top of what the reader finds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Overrides {
    /// The sheet to read (the reader of the workbook applies it).
    pub sheet: Option<SheetChoice>,
    /// The header's spreadsheet lines.
    pub header_lines: Option<Vec<usize>>,
    /// Columns assigned by hand.
    pub columns: Vec<ColumnChoice>,
}

impl Overrides {
    /// Whether the clerk chose nothing.
    pub fn is_empty(&self) -> bool {
        self.sheet.is_none() && self.header_lines.is_none() && self.columns.is_empty()
    }
}

/// A layout's fingerprint: a hash of the header rows' label keys and their columns, the same
/// for every file typed to one form whatever its data (and its title, its unit, its date),
/// whatever the case, accents or spacing of its labels.
pub fn fingerprint(rows: &[&[Cell]]) -> String {
    let mut h = Sha256::new();
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            let k = match_key(&cell.text());
            let k = if is_stt(&k) { "stt".to_string() } else { k };
            if !k.is_empty() {
                h.update(format!("{c}={k}\t").as_bytes());
            }
        }
        h.update(b"\n");
    }
    hex::encode(&h.finalize()[..8])
}
