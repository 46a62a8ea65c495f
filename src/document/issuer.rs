//! Who issues a document (ô 1–2, 4, 7 and the authority line): the office, unless the document
//! is about a commune (or a village of one) that is not the office's own unit; then that
//! commune's People's Committee issues it, signed by its chairman.

use chrono::NaiveDate;

use super::context::Issuer;
use crate::model::{DraftFacts, Unit};
use crate::vietnamese::{capitalize, nfc, upper};

/// The date two-tier local government began (Luật 72/2025/QH15): communes draft through their
/// Phòng Văn hóa - Xã hội from then on.
pub fn two_tier_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

/// `ỦY BAN NHÂN DÂN XÃ HÒA BẮC` → [`ỦY BAN NHÂN DÂN`, `XÃ HÒA BẮC`]: the body name as printed.
fn body_lines(s: &str) -> Vec<String> {
    let s = nfc(s);
    if s.is_empty() {
        return Vec::new();
    }
    for head in ["ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "] {
        if let Some(rest) = s.strip_prefix(head) {
            return vec![head.trim().to_string(), rest.to_string()];
        }
    }
    vec![s]
}

/// An upper-case body or authority as running text: the unit's name keeps its capitals,
/// the rest is sentence case, `Ủy ban nhân dân` keeps its capital.
fn running_text(upper_text: &str, unit: Option<&Unit>) -> String {
    let mut head = upper_text.to_string();
    let mut tail = String::new();
    if let Some(u) = unit
        && let Some(h) = upper_text.strip_suffix(&u.upper_name())
    {
        head = h.trim_end().to_string();
        tail = u.full_name();
    }
    let lower = head.to_lowercase();
    let lower = lower.replace("ủy ban nhân dân", "Ủy ban nhân dân");
    let text = capitalize(&lower);
    if tail.is_empty() {
        text
    } else if text.is_empty() {
        capitalize(&tail)
    } else {
        format!("{text} {tail}")
    }
}

/// The issuer of a document about `unit`: the office, unless the unit is a commune (or a village
/// of one) that is not the office's own unit; then that commune's People's Committee issues it.
pub fn issuer(facts: &DraftFacts, date: NaiveDate) -> Issuer {
    let office = &facts.office;
    let own = facts.own_unit.as_ref();
    if let Some(c) = facts
        .commune
        .as_ref()
        .filter(|c| own.is_none_or(|o| o.id != c.id))
    {
        let parent = facts.commune_parent.as_ref();
        // The commune chairman leads the commune team in most rosters: the store took the name
        // from there.
        let chair = facts.commune_chair.clone().unwrap_or_default();
        let proposer = if date >= two_tier_start() {
            "Trưởng phòng Văn hóa - Xã hội"
        } else {
            "công chức Văn hóa - Xã hội"
        };
        let superior = parent
            .map(|p| format!("UBND {}", p.full_name()))
            .unwrap_or_default();
        return Issuer {
            parent_body: Vec::new(),
            issuing_body: vec!["ỦY BAN NHÂN DÂN".into(), c.upper_name()],
            place: c.name.clone(),
            authority: format!("CHỦ TỊCH ỦY BAN NHÂN DÂN {}", c.upper_name()),
            authority_text: format!("Chủ tịch Ủy ban nhân dân {}", c.full_name()),
            name_text: format!("Ủy ban nhân dân {}", c.full_name()),
            short: format!("UBND {}", c.full_name()),
            proposer: proposer.into(),
            drafting_unit: "VHXH".into(),
            symbol_org: "UBND".into(),
            signer_lines: vec!["CHỦ TỊCH".into()],
            signer_name: chair,
            // A commune reports to the level above it, which is what the office serves.
            report_to: if superior.is_empty() {
                nfc(&office.report_to)
            } else {
                superior.clone()
            },
            superior,
            focal_name: String::new(),
            focal_title: String::new(),
            focal_phone: String::new(),
            focal_email: String::new(),
            derived: true,
        };
    }
    let issuing = nfc(&office.issuing_body);
    let authority = if office.authority.trim().is_empty() {
        upper(&format!("{} {issuing}", office.head_title))
    } else {
        nfc(&office.authority)
    };
    let superior = facts
        .own_parent
        .as_ref()
        .map(|p| format!("UBND {}", p.full_name()))
        .unwrap_or_default();
    let name_text = running_text(&issuing, own);
    let short = name_text.replace("Ủy ban nhân dân", "UBND");
    Issuer {
        parent_body: body_lines(&office.parent_body),
        issuing_body: body_lines(&issuing),
        place: nfc(&office.place),
        authority_text: running_text(&authority, own),
        authority,
        name_text,
        short,
        proposer: nfc(&office.proposer),
        drafting_unit: nfc(&office.drafting_unit),
        symbol_org: nfc(&office.symbol_org),
        signer_lines: office.signer_lines(),
        signer_name: nfc(&office.signer_name),
        superior,
        report_to: nfc(&office.report_to),
        focal_name: nfc(&office.focal_name),
        focal_title: nfc(&office.focal_title),
        focal_phone: nfc(&office.focal_phone),
        focal_email: nfc(&office.focal_email),
        derived: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;

    #[test]
    fn running_text_keeps_place_names() {
        let u = Unit {
            id: 1,
            code: "1".into(),
            name: "Hòa Bắc".into(),
            kind: "xã".into(),
            level: Level::Commune,
            parent_id: None,
            merged_into: None,
            merged_on: None,
        };
        assert_eq!(
            running_text("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BẮC", Some(&u)),
            "Chủ tịch Ủy ban nhân dân xã Hòa Bắc"
        );
        assert_eq!(
            body_lines("ỦY BAN NHÂN DÂN XÃ HÒA BẮC"),
            vec!["ỦY BAN NHÂN DÂN", "XÃ HÒA BẮC"]
        );
    }
}
