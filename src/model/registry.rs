//! The registry's dated vocabulary: why a member left, a team's kind, a team's decisions and
//! where they came from, the changes a consolidation lists, the composition-rule presets of the
//! guidance and how a member's position text is read for them, and when two entries are one
//! person. No I/O here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CompositionRules, CompositionWarning, Level, Member, Role, Team};
use crate::vietnamese::search_key;

/// Why a member left a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LeaveReason {
    /// Thôi tham gia.
    Quit,
    /// Chuyển công tác.
    NewPost,
    /// Chuyển nơi ở.
    Moved,
    /// Another reason, in the clerk's words.
    Other(String),
}

impl LeaveReason {
    /// The command-line codes.
    pub const CODES: [&'static str; 4] =
        ["thoi-tham-gia", "chuyen-cong-tac", "chuyen-noi-o", "khac"];

    /// Reads a command-line code or a label (accents optional); `khac` takes `note`.
    pub fn parse(code: &str, note: Option<&str>) -> Option<LeaveReason> {
        match search_key(code).replace('-', " ").as_str() {
            "thoi tham gia" => Some(LeaveReason::Quit),
            "chuyen cong tac" => Some(LeaveReason::NewPost),
            "chuyen noi o" => Some(LeaveReason::Moved),
            "khac" => Some(LeaveReason::Other(
                note.map(str::trim).unwrap_or_default().to_string(),
            )),
            _ => None,
        }
    }

    /// How it is stored and printed (`thôi tham gia`, or the clerk's words).
    pub fn text(&self) -> String {
        match self {
            LeaveReason::Quit => "thôi tham gia".into(),
            LeaveReason::NewPost => "chuyển công tác".into(),
            LeaveReason::Moved => "chuyển nơi ở".into(),
            LeaveReason::Other(s) if s.trim().is_empty() => "lý do khác".into(),
            LeaveReason::Other(s) => crate::vietnamese::nfc(s.trim()),
        }
    }
}

/// What a team is called after the two working groups merged (Bắc Giang, Đà Nẵng).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TeamKind {
    /// Tổ Công nghệ số cộng đồng.
    #[default]
    Cnscd,
    /// Tổ Công nghệ số cộng đồng và Đề án 06.
    CnscdDeAn06,
}

impl TeamKind {
    /// Both, in the order a pick list shows them.
    pub const ALL: [TeamKind; 2] = [TeamKind::Cnscd, TeamKind::CnscdDeAn06];

    /// The code in the database and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            TeamKind::Cnscd => "cnscd",
            TeamKind::CnscdDeAn06 => "cnscd-de-an-06",
        }
    }

    /// Reads a code or the label, accents optional.
    pub fn parse(s: &str) -> Option<TeamKind> {
        let k = search_key(s).replace('-', " ");
        match k.as_str() {
            "cnscd" | "to cnscd" | "to cong nghe so cong dong" => Some(TeamKind::Cnscd),
            "cnscd de an 06" | "to cnscd va de an 06" | "to cong nghe so cong dong va de an 06" => {
                Some(TeamKind::CnscdDeAn06)
            }
            _ => None,
        }
    }

    /// The Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            TeamKind::Cnscd => "Tổ CNSCĐ",
            TeamKind::CnscdDeAn06 => "Tổ CNSCĐ và Đề án 06",
        }
    }
}

impl std::fmt::Display for TeamKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Where a team's decision came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecisionSource {
    /// Typed in from the paper decision.
    Manual,
    /// Issued by this program.
    Issued,
    /// Read from a roster sheet.
    Imported,
}

impl DecisionSource {
    /// The code in the database.
    pub fn code(self) -> &'static str {
        match self {
            DecisionSource::Manual => "manual",
            DecisionSource::Issued => "issued",
            DecisionSource::Imported => "imported",
        }
    }

    /// Reads the database code.
    pub fn parse(s: &str) -> DecisionSource {
        match s {
            "issued" => DecisionSource::Issued,
            "imported" => DecisionSource::Imported,
            _ => DecisionSource::Manual,
        }
    }

    /// The Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            DecisionSource::Manual => "ghi nhận từ văn bản giấy",
            DecisionSource::Issued => "ban hành trong chương trình",
            DecisionSource::Imported => "nhập từ tệp",
        }
    }
}

/// A decision that established or consolidated a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDecision {
    /// Database id.
    pub id: i64,
    /// The team.
    pub team_id: i64,
    /// `86/QĐ-UBND`.
    pub number: String,
    /// Ngày ban hành.
    pub issued_on: Option<NaiveDate>,
    /// Người ký or the issuing body.
    pub signer: Option<String>,
    /// Trích yếu (`Về việc thành lập Tổ Công nghệ số cộng đồng …`).
    pub summary: Option<String>,
    /// True for a consolidation, false for an establishment.
    pub consolidates: bool,
    /// Where it came from.
    pub source: DecisionSource,
}

/// A paper decision a clerk records for one team or every team of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewDecision {
    /// `86/QĐ-UBND`.
    pub number: String,
    /// Ngày ban hành.
    pub issued_on: Option<NaiveDate>,
    /// Người ký or the issuing body.
    pub signer: Option<String>,
    /// Trích yếu.
    pub summary: Option<String>,
    /// True for a consolidation.
    pub consolidates: bool,
}

/// One change a consolidation lists, with its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "what", rename_all = "kebab-case")]
pub enum Change {
    /// A new member.
    Joined {
        /// Member id.
        member: i64,
        /// Role taken.
        role: Role,
        /// From.
        on: Option<NaiveDate>,
    },
    /// A member left the team.
    Left {
        /// Member id.
        member: i64,
        /// Role held.
        role: Role,
        /// On.
        on: NaiveDate,
        /// Why, when recorded.
        reason: Option<String>,
        /// The decision that recorded it.
        decision: Option<String>,
    },
    /// A member's role changed.
    RoleChanged {
        /// Member id.
        member: i64,
        /// Old role.
        from: Role,
        /// New role.
        to: Role,
        /// From.
        on: NaiveDate,
    },
    /// A member came from another team.
    MovedIn {
        /// Member id.
        member: i64,
        /// The team they came from.
        from_team: String,
        /// Role taken.
        role: Role,
        /// From.
        on: NaiveDate,
    },
    /// A member went to another team.
    MovedOut {
        /// Member id.
        member: i64,
        /// The team they went to.
        to_team: String,
        /// Role held.
        role: Role,
        /// On.
        on: NaiveDate,
    },
    /// The team was renamed.
    Renamed {
        /// Old name.
        old: String,
        /// New name.
        new: String,
        /// On.
        on: NaiveDate,
    },
    /// Another team was merged into this one.
    Merged {
        /// The merged team's name.
        other: String,
        /// On.
        on: NaiveDate,
    },
}

/// A preset of composition rules from the guidance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RulePreset {
    /// The office's own numbers only.
    #[default]
    Custom,
    /// Bộ TT&TT 793/BTTTT-THH: at least 3, led by the village head.
    #[serde(rename = "793")]
    Ministry793,
    /// Chỉ thị của UBND tỉnh Bắc Giang (2023).
    #[serde(rename = "bac-giang-2023")]
    BacGiang2023,
    /// Đà Nẵng (2023): at least 7 members.
    #[serde(rename = "da-nang-2023")]
    DaNang2023,
}

impl RulePreset {
    /// Every preset.
    pub const ALL: [RulePreset; 4] = [
        RulePreset::Ministry793,
        RulePreset::BacGiang2023,
        RulePreset::DaNang2023,
        RulePreset::Custom,
    ];

    /// The command-line code.
    pub fn code(self) -> &'static str {
        match self {
            RulePreset::Custom => "custom",
            RulePreset::Ministry793 => "793",
            RulePreset::BacGiang2023 => "bac-giang-2023",
            RulePreset::DaNang2023 => "da-nang-2023",
        }
    }

    /// Reads a code.
    pub fn parse(s: &str) -> Option<RulePreset> {
        RulePreset::ALL
            .into_iter()
            .find(|p| p.code() == search_key(s).replace(' ', "-"))
    }

    /// The Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            RulePreset::Custom => "Tự đặt",
            RulePreset::Ministry793 => {
                "Bộ TT&TT 793/BTTTT-THH (ít nhất 3, Trưởng thôn làm Tổ trưởng)"
            }
            RulePreset::BacGiang2023 => {
                "Bắc Giang 2023 (Chủ tịch UBND xã / Trưởng thôn làm Tổ trưởng)"
            }
            RulePreset::DaNang2023 => "Đà Nẵng 2023 (ít nhất 7 thành viên)",
        }
    }

    /// The rules this preset sets.
    pub fn rules(self) -> CompositionRules {
        let base = CompositionRules::default();
        match self {
            RulePreset::Custom => base,
            RulePreset::Ministry793 => CompositionRules {
                preset: self,
                leader_is_village_head: true,
                ..base
            },
            RulePreset::BacGiang2023 => CompositionRules {
                preset: self,
                leader_is_village_head: true,
                ..base
            },
            RulePreset::DaNang2023 => CompositionRules {
                preset: self,
                min_members: 7,
                max_members: 15,
                ..base
            },
        }
    }
}

impl std::fmt::Display for RulePreset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A post the rules name, read from the member's position text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Post {
    /// Chủ tịch UBND xã (phường).
    CommuneChair,
    /// Trưởng Công an xã.
    CommunePoliceChief,
    /// Bí thư Đoàn xã.
    CommuneYouthSecretary,
    /// Trưởng thôn, Tổ trưởng tổ dân phố.
    VillageHead,
    /// Công an viên.
    VillagePolice,
    /// Bí thư Chi đoàn.
    VillageYouthSecretary,
}

impl Post {
    /// The beginnings of the position text (accent-free, lower case) that name the post.
    fn prefixes(self) -> &'static [&'static str] {
        match self {
            Post::CommuneChair => &[
                "chu tich ubnd",
                "chu tich uy ban nhan dan",
                "chu tich ubnd xa",
            ],
            Post::CommunePoliceChief => &["truong cong an xa", "truong cong an phuong"],
            Post::CommuneYouthSecretary => &["bi thu doan"],
            Post::VillageHead => &[
                "truong thon",
                "truong ban",
                "truong khu pho",
                "truong ap",
                "to truong to dan pho",
                "to truong tdp",
            ],
            Post::VillagePolice => &["cong an vien", "cong an thon", "cong an khu vuc"],
            Post::VillageYouthSecretary => &["bi thu chi doan", "bi thu doan"],
        }
    }

    /// How the post is named in a warning.
    pub fn label(self) -> &'static str {
        match self {
            Post::CommuneChair => "Chủ tịch UBND xã",
            Post::CommunePoliceChief => "Trưởng Công an xã",
            Post::CommuneYouthSecretary => "Bí thư Đoàn xã",
            Post::VillageHead => "Trưởng thôn/Tổ trưởng tổ dân phố",
            Post::VillagePolice => "Công an viên",
            Post::VillageYouthSecretary => "Bí thư Chi đoàn",
        }
    }

    /// Whether `position` names this post: any of its comma- or semicolon-separated parts begins
    /// with one of the post's words, accents and case ignored («Truong thon», «Trưởng thôn An
    /// Phú, Bí thư Chi bộ»). A «Phó Trưởng thôn» is not the Trưởng thôn.
    pub fn held_by(self, position: &str) -> bool {
        let key = search_key(position);
        key.split([',', ';', '/'])
            .map(str::trim)
            .any(|part| self.prefixes().iter().any(|p| part.starts_with(p)))
    }
}

/// Checks a team against the rules: the counts and the leader (`check_composition`), and the
/// posts a preset asks of a commune team and of a village team. `level` is the team's unit's.
pub fn check_team(
    team: &Team,
    level: Level,
    members: &[Member],
    rules: &CompositionRules,
) -> Vec<CompositionWarning> {
    let mut out = super::check_composition(team, members, rules, None);
    let active: Vec<&Member> = members.iter().filter(|m| m.is_active()).collect();
    let holds = |m: &&Member, post: Post| m.position.as_deref().is_some_and(|p| post.held_by(p));
    let leader = active.iter().find(|m| m.role == Role::Leader);
    let deputies: Vec<&&Member> = active.iter().filter(|m| m.role == Role::Deputy).collect();
    let village = level == Level::Village;
    let (lead_post, deputy_posts): (Post, &[Post]) = match (rules.preset, village) {
        (RulePreset::BacGiang2023, false) => (
            Post::CommuneChair,
            &[Post::CommunePoliceChief, Post::CommuneYouthSecretary],
        ),
        (RulePreset::BacGiang2023, true) => (
            Post::VillageHead,
            &[Post::VillagePolice, Post::VillageYouthSecretary],
        ),
        (RulePreset::Ministry793, true) => (Post::VillageHead, &[]),
        _ => return out,
    };
    let mut warn = |message: String| {
        out.push(CompositionWarning {
            team_id: team.id,
            message,
        })
    };
    if let Some(l) = leader
        && !holds(l, lead_post)
    {
        warn(format!(
            "Tổ trưởng của {} ({}) không phải {}.",
            team.name,
            l.full_name,
            lead_post.label()
        ));
    }
    for post in deputy_posts {
        if !deputies.iter().any(|d| holds(d, *post)) {
            warn(format!(
                "{}: trong các Tổ phó không có {}.",
                team.name,
                post.label()
            ));
        }
    }
    out
}

/// Whether two entries are the same person: the same name (accents and case ignored) and year
/// of birth, or the same phone. The same person on a commune team and a village team has two
/// memberships, not two entries; an import's duplicate check must only call two rows of ONE
/// team duplicates.
pub fn same_person(
    a_name: &str,
    a_year: Option<i32>,
    a_phone: Option<&str>,
    b_name: &str,
    b_year: Option<i32>,
    b_phone: Option<&str>,
) -> bool {
    let phone = |p: Option<&str>| p.and_then(super::normalize_phone);
    if let (Some(x), Some(y)) = (phone(a_phone), phone(b_phone))
        && x == y
    {
        return true;
    }
    a_year.is_some() && a_year == b_year && search_key(a_name) == search_key(b_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_read_without_accents_or_case() {
        for p in [
            "Trưởng thôn",
            "trưởng thôn",
            "Truong thon",
            "TRƯỞNG THÔN An Phú",
            "Tổ trưởng tổ dân phố",
            "Bí thư Chi bộ, Trưởng thôn",
        ] {
            assert!(Post::VillageHead.held_by(p), "{p}");
        }
        assert!(!Post::VillageHead.held_by("Phó Trưởng thôn"));
        assert!(Post::VillagePolice.held_by("Công an viên"));
        assert!(Post::VillageYouthSecretary.held_by("Bí thư Chi đoàn"));
        assert!(Post::CommuneYouthSecretary.held_by("Bí thư Đoàn xã"));
        assert!(Post::CommuneChair.held_by("Chủ tịch UBND xã"));
        assert!(Post::CommunePoliceChief.held_by("Trưởng Công an xã"));
        assert!(!Post::CommunePoliceChief.held_by("Phó Trưởng Công an xã"));
    }

    #[test]
    fn reasons_and_kinds_read_their_codes() {
        assert_eq!(
            LeaveReason::parse("chuyen-noi-o", None),
            Some(LeaveReason::Moved)
        );
        assert_eq!(
            LeaveReason::parse("khac", Some("ốm")).map(|r| r.text()),
            Some("ốm".into())
        );
        assert_eq!(
            TeamKind::parse("cnscd-de-an-06"),
            Some(TeamKind::CnscdDeAn06)
        );
        assert_eq!(
            RulePreset::parse("bac-giang-2023"),
            Some(RulePreset::BacGiang2023)
        );
        assert_eq!(RulePreset::parse("793"), Some(RulePreset::Ministry793));
    }

    #[test]
    fn one_person_on_two_teams_is_recognised() {
        assert!(same_person(
            "Nguyễn Văn An",
            Some(1980),
            None,
            "nguyen van an",
            Some(1980),
            None
        ));
        assert!(same_person(
            "A",
            None,
            Some("0912 345 678"),
            "B",
            None,
            Some("0912345678")
        ));
        assert!(!same_person(
            "Nguyễn Văn An",
            Some(1980),
            None,
            "Nguyễn Văn An",
            Some(1981),
            None
        ));
    }
}
