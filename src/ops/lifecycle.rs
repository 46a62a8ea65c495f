//! Keeping the registry true over time, one operation per clerk action, each in one
//! transaction; the window and the command line both call these. Members: edit, depart (one or
//! several at once), move, change role, undo a departure, delete a typing mistake (refused for a
//! member an issued decision names). Teams: create, rename (dated), kind, Zalo link, merge,
//! record a paper decision for one team or every team of a unit. Composition rules and the
//! check of every team against them. Histories.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Field, Result};
use crate::model::{
    CompositionRules, DecisionSource, Gender, LeaveReason, Member, NewDecision, Role, Team,
    TeamDecision, TeamKind, Unit, check_person, check_team,
};
use crate::store::{Store, history, members, settings, teams, units};
use crate::vietnamese::{nfc, parse_date, search_key};

pub use crate::store::history::Event;

/// The settings key of the composition rules.
pub const RULES_KEY: &str = "composition_rules";

/// Reads a date as a clerk types it (`dd/mm/yyyy` or `yyyy-mm-dd`).
pub fn date(s: &str) -> Result<NaiveDate> {
    parse_date(s).ok_or_else(|| {
        Error::bad_value(
            Field::Date,
            s,
            "ngày không hợp lệ; hãy ghi theo dạng ngày/tháng/năm, ví dụ 01/06/2025",
        )
    })
}

/// The corrections of a member's fields; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberEdit {
    /// Họ và tên.
    pub name: Option<String>,
    /// Năm sinh (`Some(None)` clears it).
    pub year: Option<Option<i32>>,
    /// Giới tính.
    pub gender: Option<Option<Gender>>,
    /// Chức vụ, đơn vị công tác.
    pub position: Option<Option<String>>,
    /// Điện thoại.
    pub phone: Option<Option<String>>,
    /// Email.
    pub email: Option<Option<String>>,
    /// Đã tập huấn.
    pub trained: Option<bool>,
}

/// Corrects a member's fields by the member rules on `today`; returns the member.
pub fn edit_member(
    store: &mut Store,
    id: i64,
    edit: &MemberEdit,
    today: NaiveDate,
) -> Result<Member> {
    let edit = &super::hygiene::member_edit(store, edit)?;
    store.transaction(|tx| {
        let mut m = members::get(tx, id)?;
        if let Some(n) = &edit.name {
            m.full_name = nfc(n.trim());
        }
        if let Some(y) = edit.year {
            m.year_of_birth = y;
        }
        if let Some(g) = edit.gender {
            m.gender = g;
        }
        if let Some(p) = &edit.position {
            m.position = p.clone();
        }
        if let Some(p) = &edit.phone {
            m.phone = p.clone();
        }
        if let Some(e) = &edit.email {
            m.email = e.clone();
        }
        if let Some(t) = edit.trained {
            m.trained = t;
        }
        check_person(
            &m.full_name,
            m.year_of_birth,
            m.phone.as_deref(),
            m.email.as_deref(),
            today,
        )?;
        // The role and dates of the membership are changed by `change_role` and `depart`.
        let current = members::get(tx, id)?;
        m.role = current.role;
        m.joined_on = None;
        members::update(tx, &m)?;
        members::get(tx, id)
    })
}

/// Records that each of `ids` left their team on `date`, why and by which decision; all or none.
pub fn depart(
    store: &mut Store,
    ids: &[i64],
    date: NaiveDate,
    reason: &LeaveReason,
    decision: Option<&str>,
) -> Result<usize> {
    store.transaction(|tx| {
        for id in ids {
            members::depart(tx, *id, date, reason, decision)?;
        }
        Ok(ids.len())
    })
}

/// Moves each of `ids` to `team` from `date` (in `role`, else their old role); all or none.
pub fn move_members(
    store: &mut Store,
    ids: &[i64],
    team: i64,
    role: Option<Role>,
    date: NaiveDate,
) -> Result<usize> {
    store.transaction(|tx| {
        for id in ids {
            members::move_to(tx, *id, team, role, date)?;
        }
        Ok(ids.len())
    })
}

/// Changes a member's role from `date`.
pub fn change_role(store: &mut Store, id: i64, role: Role, date: NaiveDate) -> Result<()> {
    store.transaction(|tx| members::change_role(tx, id, role, date))
}

/// Undoes a departure recorded by mistake; returns the member.
pub fn restore(store: &mut Store, id: i64) -> Result<Member> {
    store.transaction(|tx| {
        members::restore(tx, id)?;
        members::get(tx, id)
    })
}

/// Deletes an entry made by mistake (refused, naming the decision, for a member an issued
/// decision names); returns the deleted member's name.
pub fn delete_member(store: &mut Store, id: i64) -> Result<String> {
    store.transaction(|tx| {
        let name = members::get(tx, id)?.full_name;
        members::delete_entry(tx, id)?;
        Ok(name)
    })
}

/// The issued decisions that name a member (the window says so before offering to delete).
pub fn decisions_naming(store: &Store, id: i64) -> Result<Vec<String>> {
    history::decisions_naming(store.conn(), id)
}

/// The name a team of `kind` usually has for `unit`.
pub fn team_name(kind: TeamKind, unit: &Unit) -> String {
    match kind {
        TeamKind::Cnscd => Team::default_name(unit),
        TeamKind::CnscdDeAn06 => {
            format!("Tổ Công nghệ số cộng đồng và Đề án 06 {}", unit.full_name())
        }
    }
}

/// Creates a team for `unit` (its usual name when `name` is empty); returns it.
pub fn add_team(
    store: &mut Store,
    unit_id: i64,
    name: Option<&str>,
    kind: TeamKind,
) -> Result<Team> {
    let name = name
        .map(|n| super::hygiene::name(store, n, Field::Team))
        .transpose()?;
    let name = name.as_deref();
    store.transaction(|tx| {
        let unit = units::get(tx, unit_id)?;
        if unit.merged_into.is_some() {
            return Err(Error::not_allowed(format!(
                "{} đã được sáp nhập; hãy tạo Tổ cho đơn vị mới.",
                unit.title_name()
            )));
        }
        let name = name
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| team_name(kind, &unit));
        let team = teams::insert(
            tx,
            &Team {
                id: 0,
                unit_id,
                name,
                decision_ref: None,
                decision_date: None,
                zalo_link: None,
            },
        )?;
        teams::set_kind(tx, team.id, kind)?;
        Ok(team)
    })
}

/// The changes of a team; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamEdit {
    /// New name (a dated rename, listed by the next consolidation).
    pub name: Option<String>,
    /// New kind; a team still named as its old kind usually is gets the new kind's name.
    pub kind: Option<TeamKind>,
    /// Zalo group link (`Some(None)` clears it).
    pub zalo: Option<Option<String>>,
}

/// Changes a team from `date`; returns it.
pub fn edit_team(store: &mut Store, id: i64, edit: &TeamEdit, date: NaiveDate) -> Result<Team> {
    let edit = &super::hygiene::team_edit(store, edit)?;
    store.transaction(|tx| {
        let team = teams::get(tx, id)?;
        let unit = units::get(tx, team.unit_id)?;
        let old_kind = teams::kind(tx, id)?;
        let mut name = edit.name.clone();
        if let Some(kind) = edit.kind {
            if name.is_none() && kind != old_kind && team.name == team_name(old_kind, &unit) {
                name = Some(team_name(kind, &unit));
            }
            teams::set_kind(tx, id, kind)?;
        }
        if let Some(n) = &name {
            history::rename_team(tx, id, n, date)?;
        }
        if let Some(z) = &edit.zalo {
            let mut t = teams::get(tx, id)?;
            let link = z.as_deref().map(str::trim).filter(|s| !s.is_empty());
            if let Some(l) = link
                && !(l.starts_with("https://")
                    || l.starts_with("http://")
                    || l.starts_with("zalo.me/"))
            {
                return Err(Error::bad_value(
                    Field::Input,
                    l,
                    "đường dẫn nhóm Zalo phải bắt đầu bằng https://zalo.me/…",
                ));
            }
            t.zalo_link = link.map(str::to_string);
            teams::update(tx, &t)?;
        }
        teams::get(tx, id)
    })
}

/// Merges team `from` into `into` on `date` (the survivor keeps the lineage); returns how many
/// members moved.
pub fn merge_teams(store: &mut Store, from: i64, into: i64, date: NaiveDate) -> Result<usize> {
    store.transaction(|tx| history::merge_teams(tx, from, into, date))
}

/// Where a recorded decision applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionTarget {
    /// One team.
    Team(i64),
    /// Every team of the unit and of the units below it.
    Unit(i64),
}

/// Records an existing (paper) decision for one team or every team of a unit; returns how many
/// teams it was recorded on.
pub fn record_decision(
    store: &mut Store,
    target: DecisionTarget,
    d: &NewDecision,
) -> Result<usize> {
    let d = &super::hygiene::decision(store, d)?;
    store.transaction(|tx| {
        let ids: Vec<i64> = match target {
            DecisionTarget::Team(t) => vec![teams::get(tx, t)?.id],
            DecisionTarget::Unit(u) => teams::as_of(tx, Some(u), NaiveDate::MAX)?
                .into_iter()
                .map(|t| t.id)
                .collect(),
        };
        if ids.is_empty() {
            return Err(Error::not_allowed(
                "Đơn vị này chưa có Tổ nào; hãy tạo Tổ trước khi ghi nhận quyết định.",
            ));
        }
        for id in &ids {
            history::record_decision(tx, *id, d, DecisionSource::Manual, None)?;
        }
        Ok(ids.len())
    })
}

/// A team's decisions, newest first.
pub fn team_decisions(store: &Store, team: i64) -> Result<Vec<TeamDecision>> {
    history::decisions_of(store.conn(), team)
}

/// A team's history, oldest first.
pub fn team_events(store: &Store, team: i64) -> Result<Vec<Event>> {
    history::team_events(store.conn(), team)
}

/// A member's history, oldest first.
pub fn member_events(store: &Store, member: i64) -> Result<Vec<Event>> {
    history::member_events(store.conn(), member)
}

/// The members on their teams on `date`, optionally under `root`.
pub fn members_on(store: &Store, root: Option<i64>, date: NaiveDate) -> Result<Vec<Member>> {
    let mut list = members::active_on(store.conn(), root, date)?;
    crate::vietnamese::sort_by_name(&mut list, |m| &m.full_name);
    Ok(list)
}

/// Every member who ever was on a team under `root`, with their last membership.
pub fn members_with_left(store: &Store, root: Option<i64>) -> Result<Vec<Member>> {
    let mut list = members::all_with_left(store.conn(), root)?;
    crate::vietnamese::sort_by_name(&mut list, |m| &m.full_name);
    Ok(list)
}

/// The team a clerk means: its id, or its name (accents and case ignored) when only one team has
/// it.
pub fn resolve_team(store: &Store, query: &str) -> Result<Team> {
    let conn = store.conn();
    if let Ok(id) = query.trim().parse::<i64>() {
        return teams::get(conn, id);
    }
    let key = search_key(query);
    let mut found: Vec<Team> = teams::all(conn)?
        .into_iter()
        .filter(|t| search_key(&t.name) == key)
        .collect();
    match (found.pop(), found.is_empty()) {
        (Some(t), true) => Ok(t),
        (None, _) => Err(Error::NotFound(format!("tổ «{}»", query.trim()))),
        (Some(_), false) => Err(Error::bad_value(
            Field::Team,
            query,
            "nhiều Tổ cùng tên; hãy ghi số hiệu Tổ (cnscd list teams)",
        )),
    }
}

/// Saves the composition rules.
pub fn set_rules(store: &mut Store, rules: &CompositionRules) -> Result<()> {
    if rules.min_members > rules.max_members {
        return Err(Error::bad_value(
            Field::Value,
            format!("{} > {}", rules.min_members, rules.max_members),
            "số thành viên tối thiểu lớn hơn tối đa",
        ));
    }
    store.transaction(|tx| settings::set(tx, RULES_KEY, rules))
}

/// A team that breaks the rules, as `check teams --json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamCheck {
    /// Team id.
    pub team: i64,
    /// Team name.
    pub name: String,
    /// Unit code.
    pub unit: String,
    /// What is wrong, in Vietnamese.
    pub reasons: Vec<String>,
}

/// Checks every current team under `root` (every team when `None`) against the office's rules;
/// returns those that break one.
pub fn check_teams(store: &Store, root: Option<i64>, today: NaiveDate) -> Result<Vec<TeamCheck>> {
    let conn = store.conn();
    let rules = settings::composition_rules(conn)?;
    let mut by_team: std::collections::HashMap<i64, Vec<Member>> = Default::default();
    for m in members::active_on(conn, root, today)? {
        by_team.entry(m.team_id).or_default().push(m);
    }
    let mut out = Vec::new();
    for team in teams::as_of(conn, root, today)? {
        let unit = units::get(conn, team.unit_id)?;
        let mine = by_team.remove(&team.id).unwrap_or_default();
        let reasons: Vec<String> = check_team(&team, unit.level, &mine, &rules)
            .into_iter()
            .map(|w| w.message)
            .collect();
        if !reasons.is_empty() {
            out.push(TeamCheck {
                team: team.id,
                name: team.name,
                unit: unit.code,
                reasons,
            });
        }
    }
    Ok(out)
}

/// The composition warnings of the teams a decision draft covers (the draft shows them before
/// it is issued): each team of `unit` (or only `team`) checked on `date`.
pub fn draft_warnings(
    store: &Store,
    unit: i64,
    team: Option<i64>,
    date: NaiveDate,
) -> Result<Vec<String>> {
    Ok(check_teams(store, Some(unit), date)?
        .into_iter()
        .filter(|c| team.is_none_or(|t| t == c.team))
        .flat_map(|c| c.reasons)
        .collect())
}

/// `members` as `list members --json` prints them, with their team's name and unit code.
pub fn member_rows(store: &Store, list: &[Member]) -> Result<Vec<members::MemberRow>> {
    let conn = store.conn();
    let units: std::collections::HashMap<i64, String> = units::all(conn)?
        .into_iter()
        .map(|u| (u.id, u.code))
        .collect();
    let teams: std::collections::HashMap<i64, (String, String)> = teams::all(conn)?
        .into_iter()
        .map(|t| {
            let code = units.get(&t.unit_id).cloned().unwrap_or_default();
            (t.id, (t.name, code))
        })
        .collect();
    Ok(list
        .iter()
        .map(|m| {
            let (name, unit) = teams
                .get(&m.team_id)
                .map(|(n, u)| (n.as_str(), u.as_str()))
                .unwrap_or(("", ""));
            members::MemberRow::new(m, name, unit)
        })
        .collect())
}
