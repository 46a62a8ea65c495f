//! Rows an import has checked and planned, on their way from `import` (which writes nothing) to
//! `store` (which writes them): a roster row with its team and what to do with its member, and a
//! unit row with its parent.

use std::sync::Arc;

use super::{Level, Member, NewDecision, NewMember, Role, Unit};

/// Which team a roster row goes to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TeamKey {
    /// A team already in the registry.
    Existing(i64),
    /// A team to create: unit id and the name's search key.
    New(i64, String),
}

/// One checked roster row.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    /// Its line in the sheet.
    pub line: usize,
    /// Its team; shared by the rows of one team (a national roster has 350,000 rows, 74,000
    /// teams).
    pub team: Arc<TeamKey>,
    /// The team's number in the file, in order of first appearance.
    pub team_no: u32,
    /// The team's name (a new team is created with it).
    pub team_name: Arc<str>,
    /// The team's unit.
    pub unit_id: i64,
    /// The name's search key, made once for the duplicate check, the plan and the writing.
    pub key: String,
    /// The person as the row gives them; the team is filled in when the row is written.
    pub member: NewMember,
    /// The role on the team.
    pub role: Role,
    /// Whether the file has an Email column; without one, a stored email is kept.
    pub has_email: bool,
    /// Whether the file has a «Đã tập huấn» column; without one, a stored member keeps theirs.
    pub has_trained: bool,
    /// The team's establishing decision as the sheet's «Số QĐ thành lập» columns give it, on
    /// the first row of the team that gives it (the writer records it once per team).
    pub decision: Option<Arc<NewDecision>>,
}

/// What to do with a checked roster row, given the members already on its team.
#[derive(Debug, Clone, PartialEq)]
pub enum RowAction {
    /// A new member.
    Insert,
    /// A stored member whose fields changed: the member as they will be.
    Update(Box<Member>),
    /// A stored member unchanged.
    Unchanged,
}

/// The parent of a unit row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParentRef {
    /// No parent: a top unit.
    Top,
    /// A unit of the registry.
    Existing(i64),
    /// Another row of the same file, by its index.
    Row(usize),
}

/// One checked unit row.
#[derive(Debug, Clone)]
pub struct PlannedUnit {
    /// Its line in the sheet.
    pub line: usize,
    /// The code, when given.
    pub code: Option<String>,
    /// The proper name (level word stripped).
    pub name: String,
    /// The unit-type word.
    pub kind: &'static str,
    /// The tier, once settled.
    pub level: Option<Level>,
    /// The parent as written.
    pub parent_text: String,
    /// The parent, once settled.
    pub parent: Option<ParentRef>,
    /// The registry's unit this row is, when it is one already.
    pub existing: Option<Unit>,
}
