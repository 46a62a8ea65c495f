//! The sổ đăng ký văn bản đi (Nghị định 30, Phụ lục IV) as a printable document: the office's
//! name in the header, the title with its year, and one row per numbered entry in the eight
//! columns of the form, on A4 landscape. It is a register, not a document issued: no number,
//! no date line, no signature. The rows are the spreadsheet's (`model::register_rows`).

use super::issuer::body_lines;
use super::model::{
    Align, Block, Cell, Document, Header, Margins, Orientation, Signature, Table, Title,
};
use crate::model::{DocKind, Office, REGISTER_COLUMNS};

/// What the printed sổ says when no entry holds a number.
pub const EMPTY_REGISTER: &str = "Chưa có văn bản nào được cấp số.";

/// The sổ of `rows` (`model::register_rows` of the entries shown) for `office`; `year` names
/// the year in the title.
pub fn register_document(rows: &[[String; 8]], office: &Office, year: Option<i32>) -> Document {
    let header_cell = |label: &str| Cell {
        bold: true,
        align: Align::Center,
        ..Cell::new(label)
    };
    let header = vec![
        REGISTER_COLUMNS
            .iter()
            .map(|(l, _)| header_cell(l))
            .collect(),
    ];
    let mut body: Vec<Vec<Cell>> = rows
        .iter()
        .map(|values| {
            values
                .iter()
                .enumerate()
                .map(|(c, v)| Cell {
                    // The number, the date and the copies are short values: centred.
                    align: if matches!(c, 0 | 1 | 6) {
                        Align::Center
                    } else {
                        Align::Left
                    },
                    ..Cell::new(v.as_str())
                })
                .collect()
        })
        .collect();
    if body.is_empty() {
        body.push(vec![Cell {
            colspan: REGISTER_COLUMNS.len() as u16,
            align: Align::Center,
            ..Cell::new(EMPTY_REGISTER)
        }]);
    }
    Document {
        kind: DocKind::Roster,
        margins: Margins::DEFAULT,
        orientation: Orientation::Landscape,
        header: Header {
            parent_body: body_lines(&office.parent_body),
            issuing_body: body_lines(&office.issuing_body),
            number_line: String::new(),
            date_line: String::new(),
        },
        title: Title {
            kind: "SỔ ĐĂNG KÝ VĂN BẢN ĐI".into(),
            summary: year.map(|y| format!("Năm {y}")).into_iter().collect(),
        },
        addressees: Vec::new(),
        body: vec![Block::Table(Table {
            widths: REGISTER_COLUMNS.iter().map(|(_, w)| *w).collect(),
            header,
            rows: body,
            size: 12.0,
        })],
        signature: Signature::default(),
        appendices: Vec::new(),
    }
}
