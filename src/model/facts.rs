//! What a document is drafted from, as plain values: the office, the unit and the communes around
//! it, the teams with every member they ever had and their history, the units below (for the
//! figures of a plan) and the register's latest decision. The store loads it; `document` fills
//! its templates from it and reads no database.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Change, Entry, Member, Membership, Office, Symbols, Team, TeamDecision, Unit};

/// One team as a document sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamFacts {
    /// The team.
    pub team: Team,
    /// Its unit (a village, or the commune for a commune's own team).
    pub unit: Unit,
    /// The commune (or ward) its unit belongs to, when there is one.
    pub commune: Option<Unit>,
    /// Everyone who was ever on the team, with their current (or last) membership.
    pub members: Vec<Member>,
    /// The team's memberships, oldest first (loaded for a consolidation only).
    pub history: Vec<Membership>,
    /// Every dated change on the team after its decision in force, oldest first (loaded for a
    /// consolidation only; the document keeps those up to its own date).
    pub changes: Vec<Change>,
    /// The decision in force, with its trích yếu, when one is recorded.
    pub decision: Option<TeamDecision>,
}

/// Everything a document about one unit is drafted from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftFacts {
    /// The office profile.
    pub office: Office,
    /// The office's document symbols.
    pub symbols: Symbols,
    /// The unit the document is about.
    pub unit: Unit,
    /// The commune the unit belongs to (itself for a commune).
    pub commune: Option<Unit>,
    /// The commune's parent, when the commune issues the document itself.
    pub commune_parent: Option<Unit>,
    /// The name of the commune's chairman, from its own team's roster, if there is one.
    pub commune_chair: Option<String>,
    /// The office's own unit (`Office::unit_code`).
    pub own_unit: Option<Unit>,
    /// Its parent (the body reports of the office go up to).
    pub own_parent: Option<Unit>,
    /// The teams the document covers, in registry order.
    pub teams: Vec<TeamFacts>,
    /// The unit and every unit below it, merged ones included.
    pub subtree: Vec<Unit>,
    /// The newest issued decision about the unit in the register.
    pub latest_decision: Option<Entry>,
    /// The tasks typed for the members of a plan's year, by member id (loaded for a plan only);
    /// a member without one is printed with their role's default task.
    pub tasks: BTreeMap<i64, MemberTask>,
}

/// A member's task in a year's plan, as the clerk typed it («Phân công nhiệm vụ»).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MemberTask {
    /// What the member does (`Hướng dẫn người dân cài đặt, kích hoạt VNeID`).
    pub task: String,
    /// The area or households in charge (`Xóm 2, 45 hộ`), or empty.
    pub area: String,
}
