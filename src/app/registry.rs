//! A loaded snapshot of the registry the screens read from: units, teams, active members (sorted
//! once in Vietnamese name order, with their accent-free search keys computed once), the office
//! profile and per-commune totals. Built off the UI thread; the Store itself stays in the task.

use std::collections::HashMap;

use crate::error::Result;
use crate::model::{CompositionRules, CompositionWarning, Level, Member, Office, Team, Unit};
use crate::store::{Store, members, settings, teams, units};
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
    /// Every team.
    pub teams: Vec<Team>,
    /// Active members in Vietnamese name order.
    pub members: Vec<Member>,
    /// `search_key(name + phone)` of each member, aligned with `members`.
    pub keys: Vec<String>,
    /// Active members who are trained.
    pub trained: usize,
    /// Per-commune totals, most members first.
    pub communes: Vec<CommuneStat>,
    /// Composition warnings of every team.
    pub warnings: Vec<CompositionWarning>,
    unit_at: HashMap<i64, usize>,
    code_at: HashMap<String, usize>,
    team_at: HashMap<i64, usize>,
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

impl Registry {
    /// Reads everything the screens show.
    pub fn load(store: &Store) -> Result<Registry> {
        let conn = store.conn();
        let office = settings::office(conn)?;
        let rules = settings::composition_rules(conn)?;
        let units = units::all(conn)?;
        let teams = teams::all(conn)?;
        let members = members::active(conn, None)?;
        Ok(Registry::from_parts(office, rules, units, teams, members))
    }

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
        let unit_at = units.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
        let code_at = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.clone(), i))
            .collect();
        let team_at = teams.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        let mut reg = Registry {
            office,
            rules,
            units,
            teams,
            members,
            keys,
            trained,
            communes: Vec::new(),
            warnings: Vec::new(),
            unit_at,
            code_at,
            team_at,
        };
        reg.communes = reg.commune_stats();
        reg.warnings = reg.composition_warnings();
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
            out.extend(crate::model::check_composition(
                team,
                &members,
                &self.rules,
                None,
            ));
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
