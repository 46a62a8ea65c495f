//! The registry as the window shows it, loaded once off the UI thread: units, teams and active
//! members, each with what the screens look things up by computed once (id maps, accent-free
//! search keys, team labels, per-unit team counts, composition warnings by team), so that
//! nothing that grows with the registry runs per frame or per keystroke. And the lists the
//! command line prints.

use std::collections::HashMap;

use serde::Serialize;

use crate::error::Result;
use crate::model::{
    CompositionRules, CompositionWarning, Level, Member, Office, Role, Team, TeamKind, Unit,
    check_team,
};
use crate::store::{Store, members, settings, teams, units};
use crate::vietnamese::search::SearchIndex;
use crate::vietnamese::{compare_names, search_key};

/// Teams and members under one commune (for the overview chart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommuneStat {
    /// The commune's name with its level word.
    pub name: String,
    /// Teams in the commune and its villages.
    pub teams: usize,
    /// Active members of those teams.
    pub members: usize,
}

/// The snapshot.
#[derive(Debug, Default)]
pub struct Registry {
    /// The office profile.
    pub office: Office,
    /// Composition rules.
    pub rules: CompositionRules,
    /// Every unit, including merged ones.
    pub units: Vec<Unit>,
    /// `search_key` of each unit's full name, aligned with `units`.
    pub unit_keys: Vec<String>,
    /// Every team.
    pub teams: Vec<Team>,
    /// How each team is named in a pick list (`Thôn An Phú – Xã Hòa Bắc`), aligned with `teams`.
    pub team_labels: Vec<String>,
    /// `search_key` of each team label, aligned with `teams`.
    pub team_keys: Vec<String>,
    /// Active members in Vietnamese name order.
    pub members: Vec<Member>,
    /// `search_key(name + phone)` of each member, aligned with `members`.
    pub keys: Vec<String>,
    /// The ranked-search keys of the members (name, then phone), aligned with `members`.
    pub member_index: SearchIndex,
    /// The ranked-search keys of the units (full name, then code), aligned with `units`.
    pub unit_index: SearchIndex,
    /// The ranked-search keys of the teams (label, then the team's own name), aligned with
    /// `teams`.
    pub team_index: SearchIndex,
    /// Active members who are trained.
    pub trained: usize,
    /// Per-commune totals, most members first.
    pub communes: Vec<CommuneStat>,
    /// Composition warnings of every team.
    pub warnings: Vec<CompositionWarning>,
    /// The kind of each team, aligned with `teams`.
    pub team_kinds: Vec<TeamKind>,
    /// Active members of each team, aligned with `teams`.
    pub team_sizes: Vec<usize>,
    unit_at: HashMap<i64, usize>,
    code_at: HashMap<String, usize>,
    team_at: HashMap<i64, usize>,
    member_at: HashMap<i64, usize>,
    teams_of_unit: HashMap<i64, usize>,
    warnings_of_team: HashMap<i64, Vec<usize>>,
}

/// A unit in a pick list: its id and the name shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChoice {
    /// Unit id.
    pub id: i64,
    /// `Xã Hòa Bắc`.
    pub name: String,
}

impl From<&Unit> for UnitChoice {
    fn from(u: &Unit) -> Self {
        UnitChoice {
            id: u.id,
            name: u.title_name(),
        }
    }
}

impl std::fmt::Display for UnitChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// Reads everything the window shows.
pub fn load(store: &Store) -> Result<Registry> {
    let conn = store.conn();
    let office = settings::office(conn)?;
    let rules = settings::composition_rules(conn)?;
    let units = units::all(conn)?;
    // A team merged into another is gone from the window's lists and checks.
    let teams = teams::current(conn)?;
    let members = members::active(conn, None)?;
    let kinds = teams::kinds(conn)?;
    let mut reg = Registry::from_parts(office, rules, units, teams, members);
    reg.team_kinds = reg
        .teams
        .iter()
        .map(|t| kinds.get(&t.id).copied().unwrap_or_default())
        .collect();
    Ok(reg)
}

impl Registry {
    /// Builds the snapshot from plain values (tests build one without a database).
    pub fn from_parts(
        office: Office,
        rules: CompositionRules,
        units: Vec<Unit>,
        teams: Vec<Team>,
        mut members: Vec<Member>,
    ) -> Registry {
        members.sort_by(|a, b| compare_names(&a.full_name, &b.full_name));
        let keys = members.iter().map(member_key).collect();
        let trained = members.iter().filter(|m| m.trained).count();
        let unit_at: HashMap<i64, usize> =
            units.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
        let code_at = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.clone(), i))
            .collect();
        let unit_keys = units.iter().map(|u| search_key(&u.full_name())).collect();
        let team_at = teams.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        let member_at = members.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
        let mut teams_of_unit: HashMap<i64, usize> = HashMap::new();
        for t in &teams {
            *teams_of_unit.entry(t.unit_id).or_default() += 1;
        }
        let team_labels: Vec<String> = teams
            .iter()
            .map(|team| {
                let unit = unit_at.get(&team.unit_id).map(|&i| &units[i]);
                match unit {
                    Some(u) => match u.parent_id.and_then(|p| unit_at.get(&p)) {
                        Some(&p) => format!("{} – {}", u.title_name(), units[p].title_name()),
                        None => u.title_name(),
                    },
                    None => team.name.clone(),
                }
            })
            .collect();
        let team_keys = team_labels.iter().map(|l| search_key(l)).collect();
        // Made once per snapshot, so a keystroke only ranks (`vietnamese::search`).
        let mut member_index = SearchIndex::with_capacity(members.len());
        for m in &members {
            member_index.push(&m.full_name, m.phone.as_deref());
        }
        let mut unit_index = SearchIndex::with_capacity(units.len());
        for u in &units {
            unit_index.push(&u.full_name(), Some(u.code.as_str()));
        }
        let mut team_index = SearchIndex::with_capacity(teams.len());
        for (t, label) in teams.iter().zip(&team_labels) {
            team_index.push(label, Some(t.name.as_str()));
        }
        let mut reg = Registry {
            member_index,
            unit_index,
            team_index,
            office,
            rules,
            units,
            unit_keys,
            teams,
            team_labels,
            team_keys,
            members,
            keys,
            trained,
            communes: Vec::new(),
            warnings: Vec::new(),
            team_kinds: Vec::new(),
            team_sizes: Vec::new(),
            unit_at,
            code_at,
            team_at,
            member_at,
            teams_of_unit,
            warnings_of_team: HashMap::new(),
        };
        reg.team_kinds = vec![TeamKind::default(); reg.teams.len()];
        let mut sizes = vec![0; reg.teams.len()];
        for m in &reg.members {
            if let Some(&i) = reg.team_at.get(&m.team_id) {
                sizes[i] += 1;
            }
        }
        reg.team_sizes = sizes;
        reg.communes = reg.commune_stats();
        reg.warnings = reg.composition_warnings();
        for (i, w) in reg.warnings.iter().enumerate() {
            reg.warnings_of_team.entry(w.team_id).or_default().push(i);
        }
        reg
    }

    /// Whether there is nothing yet (first start).
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// A unit by id.
    pub fn unit(&self, id: i64) -> Option<&Unit> {
        self.unit_at.get(&id).map(|&i| &self.units[i])
    }

    /// A unit by code.
    pub fn unit_by_code(&self, code: &str) -> Option<&Unit> {
        self.code_at.get(code).map(|&i| &self.units[i])
    }

    /// The office's own unit (`Office::unit_code`), else the top of the tree.
    pub fn home_unit(&self) -> Option<&Unit> {
        self.office
            .unit_code
            .as_deref()
            .and_then(|c| self.unit_by_code(c))
            .or_else(|| self.current_units().find(|u| u.parent_id.is_none()))
    }

    /// The units a document or a report can be about (every current unit above village level),
    /// for a pick list.
    pub fn unit_choices(&self) -> Vec<UnitChoice> {
        self.current_units()
            .filter(|u| u.level != Level::Village)
            .map(UnitChoice::from)
            .collect()
    }

    /// A team by id.
    pub fn team(&self, id: i64) -> Option<&Team> {
        self.team_at.get(&id).map(|&i| &self.teams[i])
    }

    /// How a team is named in a pick list (`Thôn An Phú – Xã Hòa Bắc`).
    pub fn team_label(&self, id: i64) -> &str {
        self.team_at
            .get(&id)
            .map_or("", |&i| self.team_labels[i].as_str())
    }

    /// A team's kind.
    pub fn team_kind(&self, id: i64) -> TeamKind {
        self.team_at
            .get(&id)
            .and_then(|&i| self.team_kinds.get(i).copied())
            .unwrap_or_default()
    }

    /// How many teams a unit has itself (not counting the units below).
    pub fn teams_of_unit(&self, unit_id: i64) -> usize {
        self.teams_of_unit.get(&unit_id).copied().unwrap_or(0)
    }

    /// A member by id.
    pub fn member(&self, id: i64) -> Option<&Member> {
        self.member_at.get(&id).map(|&i| &self.members[i])
    }

    /// The composition warnings of one team.
    pub fn warnings_of(&self, team_id: i64) -> impl Iterator<Item = &CompositionWarning> {
        self.warnings_of_team
            .get(&team_id)
            .into_iter()
            .flatten()
            .map(|&i| &self.warnings[i])
    }

    /// Units that are not merged away.
    pub fn current_units(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.is_current())
    }

    /// The commune (or higher unit) a unit belongs to: itself when it is a commune or above.
    pub fn commune_of(&self, unit_id: i64) -> Option<&Unit> {
        let mut unit = self.unit(unit_id)?;
        while unit.level == Level::Village {
            unit = self.unit(unit.parent_id?)?;
        }
        Some(unit)
    }

    /// Active members of a team.
    pub fn team_members(&self, team_id: i64) -> Vec<Member> {
        self.members
            .iter()
            .filter(|m| m.team_id == team_id)
            .cloned()
            .collect()
    }

    fn commune_stats(&self) -> Vec<CommuneStat> {
        let mut by_commune: HashMap<i64, (usize, usize)> = HashMap::new();
        let mut team_commune: HashMap<i64, i64> = HashMap::new();
        for team in &self.teams {
            if let Some(c) = self.commune_of(team.unit_id)
                && c.level == Level::Commune
            {
                by_commune.entry(c.id).or_default().0 += 1;
                team_commune.insert(team.id, c.id);
            }
        }
        for m in &self.members {
            if let Some(c) = team_commune.get(&m.team_id) {
                by_commune.entry(*c).or_default().1 += 1;
            }
        }
        let mut out: Vec<CommuneStat> = by_commune
            .into_iter()
            .filter_map(|(id, (teams, members))| {
                Some(CommuneStat {
                    name: self.unit(id)?.title_name(),
                    teams,
                    members,
                })
            })
            .collect();
        out.sort_by(|a, b| b.members.cmp(&a.members).then(a.name.cmp(&b.name)));
        out
    }

    fn composition_warnings(&self) -> Vec<CompositionWarning> {
        let mut by_team: HashMap<i64, Vec<Member>> = HashMap::new();
        for m in &self.members {
            by_team.entry(m.team_id).or_default().push(m.clone());
        }
        let mut out = Vec::new();
        for team in &self.teams {
            let members = by_team.remove(&team.id).unwrap_or_default();
            let level = self.unit(team.unit_id).map_or(Level::Village, |u| u.level);
            out.extend(check_team(team, level, &members, &self.rules));
        }
        out
    }
}

/// The search key of a member: name and phone, accents and case dropped.
pub fn member_key(m: &Member) -> String {
    match &m.phone {
        Some(p) => search_key(&format!("{} {p}", m.full_name)),
        None => search_key(&m.full_name),
    }
}

/// A unit as `list units --json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRow {
    /// Code.
    pub code: String,
    /// `Xã Hòa Bắc`.
    pub name: String,
    /// `province`, `district`, `commune`, `village`.
    pub level: &'static str,
    /// The parent's code.
    pub parent: Option<String>,
}

/// The units of the registry, or of the subtree of `root`.
pub fn unit_rows(store: &Store, root: Option<&Unit>) -> Result<Vec<UnitRow>> {
    let conn = store.conn();
    let all = units::all(conn)?;
    let codes: HashMap<i64, &str> = all.iter().map(|u| (u.id, u.code.as_str())).collect();
    let keep: Option<std::collections::HashSet<i64>> = root
        .map(|r| units::subtree_ids(conn, r.id))
        .transpose()?
        .map(|v| v.into_iter().collect());
    Ok(all
        .iter()
        .filter(|u| keep.as_ref().is_none_or(|k| k.contains(&u.id)))
        .map(|u| UnitRow {
            code: u.code.clone(),
            name: u.title_name(),
            level: u.level.code(),
            parent: u
                .parent_id
                .and_then(|p| codes.get(&p).map(|c| c.to_string())),
        })
        .collect())
}

pub use crate::store::members::MemberRow;
pub use crate::store::teams::TeamRow;

/// Teams with their unit's code and member counts, optionally under `root`.
pub fn team_rows(store: &Store, root: Option<&Unit>) -> Result<Vec<TeamRow>> {
    teams::rows(store.conn(), root.map(|r| r.id))
}

/// Active members in Vietnamese name order, optionally under `root`.
pub fn member_list(store: &Store, root: Option<&Unit>) -> Result<Vec<Member>> {
    let mut list = members::active(store.conn(), root.map(|r| r.id))?;
    crate::vietnamese::sort_by_name(&mut list, |m| &m.full_name);
    Ok(list)
}

/// The unit a clerk means: a code, or a name matched accent- and case-insensitively with the
/// level word ignored; an ambiguous name is refused with the candidates.
pub fn resolve_unit(store: &Store, query: &str) -> Result<Unit> {
    units::resolve(store.conn(), query)
}

/// One line of a team's history: who, which role, from when to when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    /// The member's name.
    pub name: String,
    /// The role held.
    pub role: Role,
    /// Joined on.
    pub joined: Option<chrono::NaiveDate>,
    /// Left on.
    pub left: Option<chrono::NaiveDate>,
    /// The member.
    pub member_id: i64,
    /// Why they left, when this row records a departure (not a role change or a move).
    pub reason: Option<String>,
}

/// The membership history of a team, oldest first.
pub fn team_history(store: &Store, team: i64) -> Result<Vec<HistoryLine>> {
    let conn = store.conn();
    members::history(conn, team)?
        .into_iter()
        .map(|ms| {
            Ok(HistoryLine {
                name: members::get(conn, ms.member_id)?.full_name,
                role: ms.role,
                joined: ms.joined_on,
                left: ms.left_on,
                member_id: ms.member_id,
                reason: members::left_reason(conn, ms.id)?,
            })
        })
        .collect()
}
