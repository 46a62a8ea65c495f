//! The outgoing-document register's vocabulary (sổ đăng ký văn bản đi, Nghị định 30 App. IV):
//! where a document is in its life, what a new draft records and what an entry holds.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::vietnamese::{date_short, doc_number};

/// Where a document is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Drafted, no number yet.
    Draft,
    /// Numbered and dated.
    Issued,
    /// Signed (the signed file's hash is recorded).
    Signed,
    /// A number held for a document issued on paper outside the program (giữ số).
    Reserved,
    /// A number voided (hủy số): it stays in the register with the reason, never given again.
    Voided,
}

impl Status {
    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Issued => "issued",
            Status::Signed => "signed",
            Status::Reserved => "reserved",
            Status::Voided => "voided",
        }
    }

    /// Reads a stored code (anything unknown reads as a draft).
    pub fn parse(s: &str) -> Status {
        match s {
            "issued" => Status::Issued,
            "signed" => Status::Signed,
            "reserved" => Status::Reserved,
            "voided" => Status::Voided,
            _ => Status::Draft,
        }
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Dự thảo",
            Status::Issued => "Đã ban hành",
            Status::Signed => "Đã ký số",
            Status::Reserved => "Giữ số",
            Status::Voided => "Đã hủy",
        }
    }
}

/// What a new draft records.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewDraft {
    /// Kind code (`decision-establish`, see `kind_code`).
    pub kind: String,
    /// The unit the document is about.
    pub unit_id: Option<i64>,
    /// The one team it is about, when not every team of the unit.
    pub team_id: Option<i64>,
    /// The drafted document's block model (`Document` as JSON), kept so that issuing numbers
    /// exactly what was reviewed.
    pub body: Option<String>,
    /// Tên loại và trích yếu (`Quyết định về việc kiện toàn …`).
    pub summary: String,
    /// The register the number will come from (the issuing body).
    pub register: String,
    /// Symbol after the number (`QĐ-UBND`).
    pub symbol: String,
    /// Signer's name.
    pub signer: String,
    /// Nơi nhận, joined.
    pub recipients: String,
    /// Đơn vị, người nhận bản lưu.
    pub keeper: String,
    /// Output file.
    pub output_path: Option<String>,
    /// SHA-256 of the output file.
    pub sha256: Option<String>,
    /// The section texts the clerk wrote (`document::sections::Sections` as JSON), kept with the
    /// draft.
    pub sections: Option<String>,
}

/// A register entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Id.
    pub id: i64,
    /// Kind code.
    pub kind: String,
    /// Unit.
    pub unit_id: Option<i64>,
    /// Tên loại và trích yếu.
    pub summary: String,
    /// When it was drafted.
    pub created: NaiveDateTime,
    /// Status.
    pub status: Status,
    /// Register.
    pub register: String,
    /// Symbol (`QĐ-UBND`).
    pub symbol: String,
    /// Year of the number.
    pub year: Option<i32>,
    /// Number within the year.
    pub number: Option<u32>,
    /// Issue date.
    pub issued_on: Option<NaiveDate>,
    /// Người ký.
    pub signer: String,
    /// Nơi nhận.
    pub recipients: String,
    /// Đơn vị, người nhận bản lưu.
    pub keeper: String,
    /// Số lượng bản.
    pub copies: Option<i64>,
    /// Ghi chú.
    pub note: String,
    /// Output file.
    pub output_path: Option<String>,
    /// SHA-256 of the latest file (the signed one once signed).
    pub sha256: Option<String>,
    /// The one team it is about, when not every team of its unit.
    pub team_id: Option<i64>,
    /// Every file of the entry (one per format: the PDF first, then the DOCX).
    pub files: Vec<String>,
    /// Why the number was reserved or voided (empty otherwise).
    pub reason: String,
}

impl Entry {
    /// `05/QĐ-UBND`, or the symbol alone while a draft.
    pub fn reference(&self) -> String {
        match self.number {
            Some(n) => format!("{}/{}", doc_number(n), self.symbol),
            None => format!("/{}", self.symbol),
        }
    }
}

/// The columns of the sổ đăng ký văn bản đi (Nghị định 30, Phụ lục IV), each with its width in
/// characters of a spreadsheet (the printed sổ takes them as relative widths).
pub const REGISTER_COLUMNS: [(&str, f32); 8] = [
    ("Số, ký hiệu văn bản", 16.0),
    ("Ngày tháng văn bản", 12.0),
    ("Tên loại và trích yếu nội dung văn bản", 50.0),
    ("Người ký", 20.0),
    ("Nơi nhận văn bản", 30.0),
    ("Đơn vị, người nhận bản lưu", 20.0),
    ("Số lượng bản", 8.0),
    ("Ghi chú", 20.0),
];

/// The rows of the sổ đăng ký văn bản đi: the entries that hold a number (drafts have none), in
/// year and number order, each as the texts of [`REGISTER_COLUMNS`]. The spreadsheet and the
/// printed sổ show the same rows.
pub fn register_rows(entries: &[Entry]) -> Vec<[String; 8]> {
    let mut issued: Vec<&Entry> = entries.iter().filter(|e| e.number.is_some()).collect();
    issued.sort_by_key(|e| (e.year, e.number));
    issued
        .into_iter()
        .map(|e| {
            let mut note = e.note.clone();
            if e.status == Status::Signed && note.is_empty() {
                note = Status::Signed.label().to_string();
            }
            [
                e.reference(),
                e.issued_on.map(date_short).unwrap_or_default(),
                e.summary.clone(),
                e.signer.clone(),
                e.recipients.clone(),
                e.keeper.clone(),
                e.copies.map(|c| c.to_string()).unwrap_or_default(),
                note,
            ]
        })
        .collect()
}
