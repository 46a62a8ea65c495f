//! The office profile (who issues documents and how they sign) and the composition rules. Both are
//! stored as JSON settings with `#[serde(default)]`, so an old or hand-edited value never locks a
//! clerk out.

use serde::{Deserialize, Serialize};

/// How the signer signs (Nghị định 30, App. I, ô 7a).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SigningMode {
    /// The head signs in their own name (`CHỦ TỊCH`).
    #[default]
    Direct,
    /// `TM.`: on behalf of a collective (`TM. ỦY BAN NHÂN DÂN` / `CHỦ TỊCH`).
    Tm,
    /// `KT.`: a deputy signs for the head (`KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`).
    Kt,
    /// `TM.` and `KT.`: a deputy signs for the head on behalf of the collective (`TM. ỦY BAN
    /// NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`, Nghị định 30, App. I).
    #[serde(rename = "tm_kt")]
    TmKt,
    /// `TL.`: by order of the head.
    Tl,
    /// `TUQ.`: by written delegation.
    Tuq,
    /// `Q.`: acting head.
    Q,
}

impl SigningMode {
    /// The prefix as printed, with its dot.
    pub fn prefix(self) -> Option<&'static str> {
        match self {
            SigningMode::Direct => None,
            SigningMode::Tm => Some("TM."),
            SigningMode::Kt => Some("KT."),
            SigningMode::TmKt => Some("TM."),
            SigningMode::Tl => Some("TL."),
            SigningMode::Tuq => Some("TUQ."),
            SigningMode::Q => Some("Q."),
        }
    }
}

/// The office that drafts and issues documents. Every name here is data: a district office of
/// 2023, a commune People's Committee of 2026 and a provincial department all fit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Office {
    /// Code of the office's own unit (the commune, district or province it serves).
    pub unit_code: Option<String>,
    /// Parent body, printed upright above the issuer (`UBND HUYỆN HÒA VANG`); empty for a commune
    /// People's Committee.
    pub parent_body: String,
    /// Issuing body, printed bold (`ỦY BAN NHÂN DÂN XÃ HÒA BẮC`, `PHÒNG VĂN HÓA VÀ THÔNG TIN`).
    pub issuing_body: String,
    /// Place name for the date line (`Hòa Bắc`).
    pub place: String,
    /// Abbreviation of the issuing body in document symbols (`UBND`).
    pub symbol_org: String,
    /// Abbreviation of the drafting unit for `Lưu: VT, VHXH.`
    pub drafting_unit: String,
    /// Who proposes decisions (`Trưởng phòng Văn hóa - Xã hội`).
    pub proposer: String,
    /// The authority that decides (`CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BẮC`).
    pub authority: String,
    /// The collective for `TM.` (`ỦY BAN NHÂN DÂN`).
    pub collective: String,
    /// The head's title (`CHỦ TỊCH`).
    pub head_title: String,
    /// The signer's own title (`CHỦ TỊCH`, `PHÓ CHỦ TỊCH`).
    pub signer_title: String,
    /// The signer's full name.
    pub signer_name: String,
    /// How the signer signs.
    pub signing_mode: SigningMode,
    /// The body reports go to (`Sở Khoa học và Công nghệ`, `UBND huyện`).
    pub report_to: String,
    /// Focal point's name, title, phone, email for the focal-point list.
    pub focal_name: String,
    /// Focal point's position.
    pub focal_title: String,
    /// Focal point's phone.
    pub focal_phone: String,
    /// Focal point's email.
    pub focal_email: String,
    /// The deputies who may sign for the head (`KT.`), in the office's order; a draft names
    /// which one signs (`Office::signed_by_deputy`).
    pub deputies: Vec<Deputy>,
}

/// A deputy head who signs for the head (`KT.`): «Phó Chủ tịch» Lê Văn Hùng.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Deputy {
    /// Their title (`PHÓ CHỦ TỊCH`, `PHÓ TRƯỞNG PHÒNG`).
    pub title: String,
    /// Their full name.
    pub name: String,
}

impl Deputy {
    /// «Phó Chủ tịch Lê Văn Hùng», for a list.
    pub fn label(&self) -> String {
        format!("{} {}", self.title.trim(), self.name.trim())
            .trim()
            .to_string()
    }
}

impl Default for Office {
    fn default() -> Self {
        Office {
            unit_code: None,
            parent_body: String::new(),
            issuing_body: "ỦY BAN NHÂN DÂN".into(),
            place: String::new(),
            symbol_org: "UBND".into(),
            drafting_unit: "VHXH".into(),
            proposer: "Trưởng phòng Văn hóa - Xã hội".into(),
            authority: String::new(),
            collective: "ỦY BAN NHÂN DÂN".into(),
            head_title: "CHỦ TỊCH".into(),
            signer_title: "CHỦ TỊCH".into(),
            signer_name: String::new(),
            signing_mode: SigningMode::Direct,
            report_to: String::new(),
            focal_name: String::new(),
            focal_title: String::new(),
            focal_phone: String::new(),
            focal_email: String::new(),
            deputies: Vec::new(),
        }
    }
}

impl Office {
    /// The signer lines above the signature (ô 7a), each on its own line.
    pub fn signer_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        match self.signing_mode {
            SigningMode::Direct => lines.push(self.signer_title.clone()),
            SigningMode::Tm => {
                lines.push(format!("TM. {}", self.collective));
                lines.push(self.signer_title.clone());
            }
            SigningMode::Kt => {
                lines.push(format!("KT. {}", self.head_title));
                lines.push(self.signer_title.clone());
            }
            SigningMode::TmKt => {
                lines.push(format!("TM. {}", self.collective));
                lines.push(format!("KT. {}", self.head_title));
                lines.push(self.signer_title.clone());
            }
            mode => {
                let prefix = mode.prefix().unwrap_or_default();
                lines.push(format!("{prefix} {}", self.head_title));
                lines.push(self.signer_title.clone());
            }
        }
        lines
            .into_iter()
            .map(|l| crate::vietnamese::upper(&l))
            .collect()
    }
}

impl Office {
    /// The profile as it signs when deputy `index` (from 0) signs for the head: `KT.`, under
    /// `TM.` when the head signs for the collective; `None` when there is no such deputy.
    pub fn signed_by_deputy(&self, index: usize) -> Option<Office> {
        let deputy = self.deputies.get(index)?;
        let mut o = self.clone();
        o.signing_mode = match self.signing_mode {
            SigningMode::Tm | SigningMode::TmKt => SigningMode::TmKt,
            _ => SigningMode::Kt,
        };
        o.signer_title = deputy.title.clone();
        o.signer_name = deputy.name.clone();
        Some(o)
    }

    /// The deputy `query` names: a number from 1 in the office's list, or a name (accents and
    /// case aside, the whole name or its given name when only one deputy has it).
    pub fn find_deputy(&self, query: &str) -> Option<usize> {
        let q = query.trim();
        if let Ok(n) = q.parse::<usize>() {
            return (1..=self.deputies.len()).contains(&n).then(|| n - 1);
        }
        let key = crate::vietnamese::search_key(q);
        if key.is_empty() {
            return None;
        }
        let keys: Vec<String> = self
            .deputies
            .iter()
            .map(|d| crate::vietnamese::search_key(&d.name))
            .collect();
        if let Some(i) = keys.iter().position(|k| *k == key) {
            return Some(i);
        }
        let mut given = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.rsplit(' ').next() == Some(key.as_str()));
        match (given.next(), given.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }
}

/// Team composition rules (domain.md §1–2), configurable per office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompositionRules {
    /// Fewest active members (793/BTTTT-THH: 3).
    pub min_members: u32,
    /// Most members usually seen (2251/BTTTT-CĐSQG: 4–9).
    pub max_members: u32,
    /// Warn when the Tổ trưởng is not the village head.
    pub leader_is_village_head: bool,
    /// The guidance these rules follow (its posts are checked by `model::check_team`).
    pub preset: super::RulePreset,
}

impl Default for CompositionRules {
    fn default() -> Self {
        CompositionRules {
            min_members: 3,
            max_members: 9,
            leader_is_village_head: false,
            preset: super::RulePreset::Custom,
        }
    }
}

/// Per-kind symbols an office may set (settings key `document_symbols`); empty means
/// `<type>-<office symbol>` (`QĐ-UBND`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Symbols {
    /// Decisions (`QĐ-UBND`, `QĐ-CTUBND`).
    pub decision: Option<String>,
    /// Plans.
    pub plan: Option<String>,
    /// Reports.
    pub report: Option<String>,
    /// Lists.
    pub list: Option<String>,
}

impl Symbols {
    /// The symbol for a kind and issuer abbreviation.
    pub fn for_kind(&self, kind: super::DocKind, org: &str) -> String {
        let set = match kind.group() {
            "decision" => &self.decision,
            "plan" => &self.plan,
            "report" => &self.report,
            _ => &self.list,
        };
        set.clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| format!("{}-{org}", kind.type_abbrev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signer_lines_follow_the_mode() {
        let mut o = Office {
            signer_title: "Phó Chủ tịch".into(),
            signing_mode: SigningMode::Kt,
            ..Office::default()
        };
        assert_eq!(o.signer_lines(), vec!["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
        o.signing_mode = SigningMode::Tm;
        o.signer_title = "CHỦ TỊCH".into();
        assert_eq!(o.signer_lines(), vec!["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
        o.signing_mode = SigningMode::Direct;
        assert_eq!(o.signer_lines(), vec!["CHỦ TỊCH"]);
    }

    #[test]
    fn a_deputy_signs_kt_under_tm_when_the_head_signs_for_the_collective() {
        let mut o = Office {
            signer_title: "CHỦ TỊCH".into(),
            signer_name: "Nguyễn Văn An".into(),
            signing_mode: SigningMode::Tm,
            deputies: vec![
                Deputy {
                    title: "Phó Chủ tịch".into(),
                    name: "Lê Văn Hùng".into(),
                },
                Deputy {
                    title: "PHÓ CHỦ TỊCH".into(),
                    name: "Trần Thị Hoa".into(),
                },
            ],
            ..Office::default()
        };
        let d = o.signed_by_deputy(1).expect("second deputy");
        assert_eq!(
            d.signer_lines(),
            vec!["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
        assert_eq!(d.signer_name, "Trần Thị Hoa");
        o.signing_mode = SigningMode::Direct;
        let d = o.signed_by_deputy(0).expect("first deputy");
        assert_eq!(d.signer_lines(), vec!["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
        assert_eq!(d.signer_name, "Lê Văn Hùng");
        assert!(o.signed_by_deputy(2).is_none());
        assert_eq!(o.find_deputy("2"), Some(1));
        assert_eq!(o.find_deputy("3"), None);
        assert_eq!(o.find_deputy("le van hung"), Some(0));
        assert_eq!(o.find_deputy("Hoa"), Some(1));
        assert_eq!(o.find_deputy("Nam"), None);
        assert_eq!(o.deputies[0].label(), "Phó Chủ tịch Lê Văn Hùng");
    }

    #[test]
    fn old_settings_still_load() {
        let o: Office =
            serde_json::from_str(r#"{"place":"Hòa Bắc","unknown":1}"#).expect("lenient settings");
        assert_eq!(o.place, "Hòa Bắc");
        assert_eq!(o.symbol_org, "UBND");
    }
}
