//! The legal bases a document cites (`can-cu.json`): each with the dates it may be cited and
//! the kinds of document that cite it, so a decision of 2024 cites the law of 2015 and one of 2026
//! the law of 2025.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::templates::{LEGAL_BASES, Templates};
use crate::error::{Error, Result};
use crate::model::DocKind;
use crate::vietnamese::nfc;

/// One legal basis with the dates it may be cited and the kinds that cite it
/// (`templates/can-cu.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalBasis {
    /// Text without the leading `Căn cứ` and the final punctuation.
    pub text: String,
    /// First day it may be cited.
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    /// Last day it may be cited.
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
    /// Kinds: `decision`, `plan`, `report`, `list`.
    pub kinds: Vec<String>,
}

/// Legal bases valid on `date` for `kind`, in file order.
pub fn legal_bases(all: &[LegalBasis], kind: DocKind, date: NaiveDate) -> Vec<String> {
    let group = kind.group();
    all.iter()
        .filter(|b| b.kinds.iter().any(|k| k == group))
        .filter(|b| b.valid_from.is_none_or(|f| f <= date) && b.valid_to.is_none_or(|t| date <= t))
        .map(|b| nfc(&b.text))
        .collect()
}

/// Reads `can-cu.json`.
pub fn load_legal_bases(templates: &Templates) -> Result<Vec<LegalBasis>> {
    let source = templates.file(LEGAL_BASES)?;
    serde_json::from_str(&source.text).map_err(|e| Error::Template {
        file: source.name.clone(),
        line: e.line(),
        reason: format!("cột {}: JSON không hợp lệ", e.column()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_bases_follow_dates() {
        let all: Vec<LegalBasis> = serde_json::from_str(
            r#"[{"text":"Luật 2015","valid_to":"2025-06-30","kinds":["decision"]},
                {"text":"Luật 2025","valid_from":"2025-07-01","kinds":["decision"]},
                {"text":"Kế hoạch","kinds":["plan"]}]"#,
        )
        .unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            legal_bases(&all, DocKind::DecisionEstablish, d(2024, 3, 5)),
            vec!["Luật 2015"]
        );
        assert_eq!(
            legal_bases(&all, DocKind::DecisionConsolidate, d(2026, 1, 5)),
            vec!["Luật 2025"]
        );
        assert_eq!(
            legal_bases(&all, DocKind::Plan, d(2026, 1, 5)),
            vec!["Kế hoạch"]
        );
    }
}
