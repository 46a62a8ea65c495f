//! The kinds of document the program drafts and the file formats it writes: the vocabulary the
//! register, the templates, the renderers and both faces share.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The kinds of document the app drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// Quyết định thành lập Tổ CNSCĐ.
    DecisionEstablish,
    /// Quyết định kiện toàn Tổ CNSCĐ.
    DecisionConsolidate,
    /// Kế hoạch hoạt động.
    Plan,
    /// Báo cáo định kỳ.
    Report,
    /// Danh sách đầu mối.
    FocalPoints,
    /// Danh sách thành viên (standalone roster).
    Roster,
}

impl DocKind {
    /// Every kind, in the order pick lists show them.
    pub const ALL: [DocKind; 6] = [
        DocKind::DecisionEstablish,
        DocKind::DecisionConsolidate,
        DocKind::Plan,
        DocKind::Report,
        DocKind::FocalPoints,
        DocKind::Roster,
    ];

    /// The template file stem in `templates/`.
    pub fn template(self) -> &'static str {
        match self {
            DocKind::DecisionEstablish => "quyet-dinh-thanh-lap",
            DocKind::DecisionConsolidate => "quyet-dinh-kien-toan",
            DocKind::Plan => "ke-hoach-hoat-dong",
            DocKind::Report => "bao-cao-dinh-ky",
            DocKind::FocalPoints => "danh-sach-dau-moi",
            DocKind::Roster => "danh-sach-thanh-vien",
        }
    }

    /// The code the document register stores (`decision-establish`).
    pub fn code(self) -> &'static str {
        match self {
            DocKind::DecisionEstablish => "decision-establish",
            DocKind::DecisionConsolidate => "decision-consolidate",
            DocKind::Plan => "plan",
            DocKind::Report => "report",
            DocKind::FocalPoints => "focal-points",
            DocKind::Roster => "roster",
        }
    }

    /// The kind of a register code.
    pub fn from_code(code: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The group word `can-cu.json` and the symbols setting use: `decision`, `plan`, `report`,
    /// `list`.
    pub fn group(self) -> &'static str {
        match self {
            DocKind::DecisionEstablish | DocKind::DecisionConsolidate => "decision",
            DocKind::Plan => "plan",
            DocKind::Report => "report",
            DocKind::FocalPoints | DocKind::Roster => "list",
        }
    }

    /// Whether it is a decision on teams (establishing or consolidating them).
    pub fn is_decision(self) -> bool {
        matches!(
            self,
            DocKind::DecisionEstablish | DocKind::DecisionConsolidate
        )
    }

    /// The type abbreviation in the symbol (Nghị định 30 App. III): QĐ, KH, BC.
    pub fn type_abbrev(self) -> &'static str {
        match self {
            DocKind::DecisionEstablish | DocKind::DecisionConsolidate => "QĐ",
            DocKind::Plan => "KH",
            DocKind::Report => "BC",
            DocKind::FocalPoints | DocKind::Roster => "DS",
        }
    }

    /// The Vietnamese name of the kind.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::DecisionEstablish => "Quyết định thành lập Tổ CNSCĐ",
            DocKind::DecisionConsolidate => "Quyết định kiện toàn Tổ CNSCĐ",
            DocKind::Plan => "Kế hoạch hoạt động",
            DocKind::Report => "Báo cáo định kỳ",
            DocKind::FocalPoints => "Danh sách đầu mối",
            DocKind::Roster => "Danh sách thành viên",
        }
    }

    /// The word a document of this kind is named by in running text (`Quyết định`).
    pub fn word(self) -> &'static str {
        match self.group() {
            "decision" => "Quyết định",
            "plan" => "Kế hoạch",
            "report" => "Báo cáo",
            _ => "Danh sách",
        }
    }
}

/// The formats the program writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A PDF document.
    Pdf,
    /// A Word document.
    Docx,
    /// An Excel workbook.
    Xlsx,
    /// Comma-separated values (UTF-8 with a byte-order mark).
    Csv,
    /// JSON (a document's block model, for checking a template without a renderer).
    Json,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [
        Format::Pdf,
        Format::Docx,
        Format::Xlsx,
        Format::Csv,
        Format::Json,
    ];

    /// The file extension, lower case, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// The format an extension names (`XLSX`, `pdf`), if any.
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.extension() == ext)
    }

    /// The format a file's extension names (`Bảng.XLSX` → `Xlsx`).
    pub fn of_path(path: &Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
    }

    /// Whether it is a document format (made from a template), not a sheet.
    pub fn is_document(self) -> bool {
        matches!(self, Format::Pdf | Format::Docx | Format::Json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_formats_read_back() {
        for k in DocKind::ALL {
            assert_eq!(DocKind::from_code(k.code()), Some(k));
        }
        assert_eq!(Format::of_path(Path::new("Bảng.XLSX")), Some(Format::Xlsx));
        assert_eq!(Format::of_path(Path::new("a.txt")), None);
        assert!(Format::Pdf.is_document() && !Format::Csv.is_document());
    }
}
