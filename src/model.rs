//! The plain vocabulary every layer shares: administrative units, teams, members and their dated
//! memberships with the rules a member's fields follow, the office profile and the composition
//! rules, reporting periods, document kinds and output formats, the indicator catalogue, the
//! problem list of an import, the document register's entries, and the facts a document is
//! drafted from. No I/O here.

pub mod columns;
mod facts;
mod indicator;
mod kind;
mod office;
mod period;
mod person;
mod plan;
mod problems;
mod register;
mod registry;
mod unit;

pub use facts::{DraftFacts, MemberTask, TeamFacts};
pub use indicator::{
    BUILTIN_COUNT, Catalogue, Indicator, PART_OF, PEOPLE, StoredValue, UnitValues, builtin_codes,
    label_key,
};
pub use kind::{DocKind, Format};
pub use office::{CompositionRules, Deputy, Office, SigningMode, Symbols};
pub use period::Period;
pub use person::{
    MIN_AGE, NewMember, OLDEST_BIRTH_YEAR, birth_year_problem, birth_years, check_person,
    check_phone, email_is_valid, normalize_phone, phone_is_valid,
};
pub use plan::{CheckedRow, ParentRef, PlannedUnit, RowAction, TeamKey};
pub use problems::{Problem, Problems};
pub use register::{Entry, NewDraft, REGISTER_COLUMNS, Status, register_rows};
pub use registry::{
    Change, DecisionSource, LeaveReason, NewDecision, Post, RulePreset, TeamDecision, TeamKind,
    check_team, same_person,
};
pub use unit::{
    Level, NewUnit, Unit, issuing_commune, kind_for_level, level_words, name_key, strip_level_word,
};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A Tổ Công nghệ số cộng đồng: one per village, plus commune teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Database id.
    pub id: i64,
    /// The village (or commune) the team serves.
    pub unit_id: i64,
    /// `Tổ Công nghệ số cộng đồng thôn An Phú`.
    pub name: String,
    /// Number and symbol of the decision that established or last consolidated it (`05/QĐ-UBND`).
    pub decision_ref: Option<String>,
    /// Date of that decision.
    pub decision_date: Option<NaiveDate>,
    /// Link to the team's Zalo group.
    pub zalo_link: Option<String>,
}

impl Team {
    /// The usual name of a team for a unit: `Tổ Công nghệ số cộng đồng thôn An Phú`.
    pub fn default_name(unit: &Unit) -> String {
        format!("Tổ Công nghệ số cộng đồng {}", unit.full_name())
    }
}

/// A team member's role in the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Tổ trưởng.
    Leader,
    /// Tổ phó.
    Deputy,
    /// Thành viên.
    Member,
}

impl Role {
    /// Every role, leader first (the order rosters list them in).
    pub const ALL: [Role; 3] = [Role::Leader, Role::Deputy, Role::Member];

    /// The code used in JSON and the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Leader => "leader",
            Role::Deputy => "deputy",
            Role::Member => "member",
        }
    }

    /// The Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Role::Leader => "Tổ trưởng",
            Role::Deputy => "Tổ phó",
            Role::Member => "Thành viên",
        }
    }

    /// Reads a code or a Vietnamese label, accents optional.
    pub fn parse(s: &str) -> Option<Role> {
        match crate::vietnamese::search_key(s).as_str() {
            "leader" | "to truong" | "truong" => Some(Role::Leader),
            "deputy" | "to pho" | "pho" => Some(Role::Deputy),
            "member" | "thanh vien" | "tv" | "" => Some(Role::Member),
            _ => None,
        }
    }
}

/// Gender as rosters write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// Nam.
    Male,
    /// Nữ.
    Female,
}

impl Gender {
    /// The code used in the database.
    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }

    /// `Nam` or `Nữ`.
    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "Nam",
            Gender::Female => "Nữ",
        }
    }

    /// Reads `Nam`/`Nữ` (accents optional) or a code.
    pub fn parse(s: &str) -> Option<Gender> {
        match crate::vietnamese::search_key(s).as_str() {
            "nam" | "male" | "m" => Some(Gender::Male),
            "nu" | "female" | "f" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// A person on a team, with the fields of the roster appendix and their current membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Database id.
    pub id: i64,
    /// Full name in NFC (`Nguyễn Văn Ánh`).
    pub full_name: String,
    /// Năm sinh.
    pub year_of_birth: Option<i32>,
    /// Giới tính.
    pub gender: Option<Gender>,
    /// Số điện thoại, digits only, leading zero kept.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Chức vụ, đơn vị công tác (`Bí thư Chi đoàn`, `Công an viên`, `Giáo viên`).
    pub position: Option<String>,
    /// Đã tập huấn.
    pub trained: bool,
    /// The team of the current membership (or the last one, when the member has left).
    pub team_id: i64,
    /// Role in that team.
    pub role: Role,
    /// Date the member joined that team.
    pub joined_on: Option<NaiveDate>,
    /// Date the member left, when they have.
    pub left_on: Option<NaiveDate>,
}

impl Member {
    /// Whether the member is on the team on `date` (joined on or before, not yet left).
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.joined_on.is_none_or(|j| j <= date) && self.left_on.is_none_or(|l| l > date)
    }

    /// Whether the member has not left.
    pub fn is_active(&self) -> bool {
        self.left_on.is_none()
    }
}

/// One period of a member on a team: the history a consolidation decision reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// Database id.
    pub id: i64,
    /// The member.
    pub member_id: i64,
    /// The team.
    pub team_id: i64,
    /// Role held.
    pub role: Role,
    /// Joined on.
    pub joined_on: Option<NaiveDate>,
    /// Left on.
    pub left_on: Option<NaiveDate>,
    /// Decision that added the member (`05/QĐ-UBND`).
    pub joined_decision: Option<String>,
    /// Decision that removed the member.
    pub left_decision: Option<String>,
}

/// A problem with a team's composition, as a Vietnamese message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompositionWarning {
    /// The team concerned.
    pub team_id: i64,
    /// What is wrong.
    pub message: String,
}

/// Checks a team's active members against the rules. `village_head` is the name of the village
/// head when it is known (for the rule that the Tổ trưởng should be the village head).
pub fn check_composition(
    team: &Team,
    members: &[Member],
    rules: &CompositionRules,
    village_head: Option<&str>,
) -> Vec<CompositionWarning> {
    let active: Vec<&Member> = members.iter().filter(|m| m.is_active()).collect();
    let mut out = Vec::new();
    let mut warn = |message: String| {
        out.push(CompositionWarning {
            team_id: team.id,
            message,
        })
    };
    let n = active.len() as u32;
    if n < rules.min_members {
        warn(format!(
            "{} có {n} thành viên, ít hơn mức tối thiểu {}.",
            team.name, rules.min_members
        ));
    } else if n > rules.max_members {
        warn(format!(
            "{} có {n} thành viên, nhiều hơn mức thường gặp {}.",
            team.name, rules.max_members
        ));
    }
    let leaders: Vec<&&Member> = active.iter().filter(|m| m.role == Role::Leader).collect();
    match leaders.len() {
        0 => warn(format!("{} chưa có Tổ trưởng.", team.name)),
        1 => {}
        k => warn(format!(
            "{} có {k} Tổ trưởng; mỗi Tổ chỉ có một.",
            team.name
        )),
    }
    if rules.leader_is_village_head
        && let (Some(head), [leader]) = (village_head, leaders.as_slice())
        && crate::vietnamese::search_key(head) != crate::vietnamese::search_key(&leader.full_name)
    {
        warn(format!(
            "Tổ trưởng của {} ({}) không phải Trưởng thôn/Tổ trưởng tổ dân phố ({head}).",
            team.name, leader.full_name
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: i64, name: &str, role: Role) -> Member {
        Member {
            id,
            full_name: name.into(),
            year_of_birth: Some(1990),
            gender: Some(Gender::Male),
            phone: None,
            email: None,
            position: None,
            trained: false,
            team_id: 1,
            role,
            joined_on: None,
            left_on: None,
        }
    }

    fn team() -> Team {
        Team {
            id: 1,
            unit_id: 1,
            name: "Tổ CNSCĐ thôn An Phú".into(),
            decision_ref: None,
            decision_date: None,
            zalo_link: None,
        }
    }

    #[test]
    fn composition_rules_warn() {
        let rules = CompositionRules::default();
        let ok = vec![
            member(1, "Lê Văn A", Role::Leader),
            member(2, "Lê Văn B", Role::Deputy),
            member(3, "Lê Văn C", Role::Member),
        ];
        assert!(check_composition(&team(), &ok, &rules, None).is_empty());
        let few = vec![member(1, "Lê Văn A", Role::Member)];
        let w = check_composition(&team(), &few, &rules, None);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].message.contains("tối thiểu 3"));
        assert!(w[1].message.contains("chưa có Tổ trưởng"));
        let strict = CompositionRules {
            leader_is_village_head: true,
            ..rules
        };
        let w = check_composition(&team(), &ok, &strict, Some("Trần Văn X"));
        assert_eq!(w.len(), 1);
        assert!(check_composition(&team(), &ok, &strict, Some("le van a")).is_empty());
    }

    #[test]
    fn roles_and_genders_parse() {
        assert_eq!(Role::parse("Tổ trưởng"), Some(Role::Leader));
        assert_eq!(Role::parse("to pho"), Some(Role::Deputy));
        assert_eq!(Role::parse("Thành viên"), Some(Role::Member));
        assert_eq!(Role::parse("giám đốc"), None);
        assert_eq!(Gender::parse("Nữ"), Some(Gender::Female));
        assert_eq!(Gender::parse("NAM"), Some(Gender::Male));
    }
}
