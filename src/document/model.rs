//! The `Document` value: what a template produces and every renderer (PDF, DOCX) reads. Plain
//! data, independent of any output format, comparable in golden tests.
//!
//! The components follow Nghị định 30/2020/NĐ-CP App. I: the header (ô 1–4), the type and summary
//! (ô 5a), the body (ô 6), the signature block beside Nơi nhận (ô 7, 9b) and appendices.

use serde::{Deserialize, Serialize};

use crate::model::DocKind;

/// Page margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Margins {
    /// Top.
    pub top: f32,
    /// Bottom.
    pub bottom: f32,
    /// Left.
    pub left: f32,
    /// Right.
    pub right: f32,
}

impl Margins {
    /// The app's default: top 20, bottom 20, left 30, right 15 mm (text width 165 mm).
    pub const DEFAULT: Margins = Margins {
        top: 20.0,
        bottom: 20.0,
        left: 30.0,
        right: 15.0,
    };
    /// The official model forms' preset: 25/20/35/20 mm (text width 155 mm).
    pub const OFFICIAL: Margins = Margins {
        top: 25.0,
        bottom: 20.0,
        left: 35.0,
        right: 20.0,
    };
}

impl Default for Margins {
    fn default() -> Self {
        Margins::DEFAULT
    }
}

/// Page orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    /// A4 portrait, 210 × 297 mm.
    #[default]
    Portrait,
    /// A4 landscape, 297 × 210 mm (wide appendix tables).
    Landscape,
}

/// A run of text with its style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// NFC text.
    pub text: String,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: true,
            italic: false,
        }
    }

    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: true,
        }
    }
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Justified both sides (body text).
    #[default]
    Justify,
    /// Left.
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// A paragraph: runs, alignment, first-line indent, size and spacing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The text.
    pub runs: Vec<Run>,
    /// Alignment.
    #[serde(default)]
    pub align: Align,
    /// 1 cm first-line indent (body text, căn cứ, Điều, khoản).
    #[serde(default)]
    pub indent: bool,
    /// Font size in points (14 for body text).
    pub size: f32,
    /// Space before, in points (6 for body paragraphs).
    pub space_before: f32,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// Text (may contain `\n` for forced breaks).
    pub text: String,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Alignment.
    #[serde(default)]
    pub align: Align,
    /// Columns spanned (1 for a plain cell).
    #[serde(default = "one")]
    pub colspan: u16,
    /// Rows spanned (header cells of a two-level header).
    #[serde(default = "one")]
    pub rowspan: u16,
}

fn one() -> u16 {
    1
}

impl Cell {
    /// A plain left-aligned cell.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            bold: false,
            align: Align::Left,
            colspan: 1,
            rowspan: 1,
        }
    }
}

/// A bordered table that breaks across pages and repeats its header rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Relative column widths (scaled to the text width).
    pub widths: Vec<f32>,
    /// Header rows (bold, centred, repeated on every page the table spans).
    pub header: Vec<Vec<Cell>>,
    /// Body rows.
    pub rows: Vec<Vec<Cell>>,
    /// Font size in points (12 or 13 in rosters).
    pub size: f32,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// A paragraph (body text, căn cứ line, Điều, khoản, điểm, section heading …).
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
    /// Vertical space in points.
    Space(f32),
    /// Start a new page.
    PageBreak,
}

/// The header: ô 1–4.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Header {
    /// Parent body, upright (`UBND HUYỆN HÒA VANG`); empty when none.
    pub parent_body: Vec<String>,
    /// Issuing body, bold, one string per printed line (`ỦY BAN NHÂN DÂN`, `XÃ HÒA BẮC`).
    pub issuing_body: Vec<String>,
    /// `Số: 05/QĐ-UBND` (or the blank form `Số:       /QĐ-UBND`).
    pub number_line: String,
    /// `Hòa Bắc, ngày 05 tháng 3 năm 2024`.
    pub date_line: String,
}

/// Type and summary: ô 5a.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Title {
    /// `QUYẾT ĐỊNH`, `KẾ HOẠCH`, `BÁO CÁO`, `DANH SÁCH`.
    pub kind: String,
    /// Summary lines (`Về việc kiện toàn Tổ Công nghệ số cộng đồng`, …).
    pub summary: Vec<String>,
}

/// The signature block (ô 7) beside Nơi nhận (ô 9b).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Signature {
    /// Nơi nhận items without the leading `- ` (`Như Điều 5;` … `Lưu: VT, VHXH.`).
    pub recipients: Vec<String>,
    /// Authority and position lines, upper case (`KT. CHỦ TỊCH`, `PHÓ CHỦ TỊCH`).
    pub signer_lines: Vec<String>,
    /// Signer's full name.
    pub signer_name: String,
}

/// An appendix, numbered separately, possibly landscape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appendix {
    /// `Phụ lục I`, or empty for a `DANH SÁCH` appendix without a label.
    pub label: String,
    /// Title lines, upper case bold.
    pub title: Vec<String>,
    /// `(Kèm theo Quyết định số 05/QĐ-UBND ngày … của …)`.
    pub reference: String,
    /// Orientation of the appendix pages.
    pub orientation: Orientation,
    /// Content.
    pub blocks: Vec<Block>,
}

/// A whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// What it is.
    pub kind: DocKind,
    /// Margins of every page.
    pub margins: Margins,
    /// Orientation of the main part.
    pub orientation: Orientation,
    /// Header (ô 1–4).
    pub header: Header,
    /// Type and summary (ô 5a).
    pub title: Title,
    /// `Kính gửi:` recipients for upward reports (ô 9a); empty when none.
    pub addressees: Vec<String>,
    /// The body (ô 6).
    pub body: Vec<Block>,
    /// Signature and Nơi nhận.
    pub signature: Signature,
    /// Appendices after the main part.
    pub appendices: Vec<Appendix>,
}

impl Document {
    /// The same document as issued: number `number` with `symbol` and the issue `date` where the
    /// draft left the number blank and carried the drafting date (the number and date line, and
    /// each appendix's `(Kèm theo … số …/… ngày …)` line). Nothing else changes.
    pub fn numbered(&self, number: u32, symbol: &str, date: chrono::NaiveDate) -> Document {
        use crate::vietnamese::{date_long, doc_reference, number_line};
        let mut doc = self.clone();
        if !doc.header.number_line.is_empty() {
            doc.header.number_line = number_line(Some(number), symbol);
        }
        if let Some(i) = self.header.date_line.find("ngày ") {
            let (place, drafted) = self.header.date_line.split_at(i);
            doc.header.date_line = format!("{place}{}", date_long(date));
            let blank = format!("{} {drafted}", doc_reference(None, symbol));
            let issued = format!(
                "{} {}",
                doc_reference(Some(number), symbol),
                date_long(date)
            );
            for a in &mut doc.appendices {
                a.reference = a.reference.replace(&blank, &issued);
            }
        }
        doc
    }

    /// Every piece of text in reading order, one line per paragraph or cell: what `pdftotext`
    /// should find. Golden tests compare it.
    pub fn plain_text(&self) -> String {
        let mut out = Vec::new();
        out.extend(self.header.parent_body.iter().cloned());
        out.extend(self.header.issuing_body.iter().cloned());
        out.push(self.header.number_line.clone());
        out.push(self.header.date_line.clone());
        out.push(self.title.kind.clone());
        out.extend(self.title.summary.iter().cloned());
        out.extend(self.addressees.iter().cloned());
        blocks_text(&self.body, &mut out);
        out.extend(self.signature.signer_lines.iter().cloned());
        out.push(self.signature.signer_name.clone());
        out.extend(self.signature.recipients.iter().cloned());
        for a in &self.appendices {
            out.push(a.label.clone());
            out.extend(a.title.iter().cloned());
            out.push(a.reference.clone());
            blocks_text(&a.blocks, &mut out);
        }
        out.retain(|l| !l.is_empty());
        out.join("\n")
    }
}

fn blocks_text(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push(p.runs.iter().map(|r| r.text.as_str()).collect()),
            Block::Table(t) => {
                for row in t.header.iter().chain(&t.rows) {
                    out.extend(row.iter().map(|c| c.text.clone()));
                }
            }
            Block::Space(_) | Block::PageBreak => {}
        }
    }
}
