//! Loads the facts a document is drafted from (`model::DraftFacts`): the office and its symbols,
//! the unit and the communes around it, the teams the document covers with every member they
//! had (and their history for a consolidation), the units below, the register's latest
//! decision. A handful of indexed queries per document: a batch drafts thousands.

use rusqlite::Connection;

use super::{documents, history, members, settings, teams, units};
use crate::error::Result;
use crate::model::{DraftFacts, Level, Symbols, Team, TeamFacts, Unit};

/// The settings key of the document symbols.
pub const SYMBOLS_KEY: &str = "document_symbols";

/// What to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The unit the document is about.
    pub unit_id: i64,
    /// Only this one of the unit's teams, instead of all of them.
    pub team_id: Option<i64>,
    /// Whether to load each team's membership history (a consolidation lists who joined and
    /// who left).
    pub history: bool,
}

/// The commune a unit belongs to (itself for a commune).
fn commune_of(conn: &Connection, unit: &Unit) -> Result<Option<Unit>> {
    let parent = match (unit.level, unit.parent_id) {
        (Level::Village, Some(p)) => Some(units::get(conn, p)?),
        _ => None,
    };
    Ok(unit.commune(parent.as_ref()).cloned())
}

/// The teams a document about `unit` covers: a commune's (its own and its villages'), a
/// village's, or every team below a district or province.
pub fn teams_for(conn: &Connection, unit: &Unit) -> Result<Vec<Team>> {
    match unit.level {
        Level::Village => teams::of_unit(conn, unit.id),
        _ => teams::in_subtree(conn, unit.id),
    }
}

/// Loads the facts of a document about `scope.unit_id`.
pub fn load(conn: &Connection, scope: Scope) -> Result<DraftFacts> {
    let unit = units::get(conn, scope.unit_id)?;
    let office = settings::office(conn)?;
    let symbols: Symbols = settings::get(conn, SYMBOLS_KEY)?;
    let own_unit = match &office.unit_code {
        Some(c) => units::by_code(conn, c)?,
        None => None,
    };
    let own_parent = own_unit
        .as_ref()
        .and_then(|u| u.parent_id)
        .map(|p| units::get(conn, p))
        .transpose()?;
    let commune = commune_of(conn, &unit)?;
    // A commune that is not the office's own issues its documents itself: its parent and its
    // chairman are named.
    let derived = crate::model::issuing_commune(commune.as_ref(), office.unit_code.as_deref());
    let (commune_parent, commune_chair) = match derived {
        Some(c) => {
            let parent = c.parent_id.map(|p| units::get(conn, p)).transpose()?;
            let mut chair = None;
            for t in teams::of_unit(conn, c.id)? {
                chair = members::of_team(conn, t.id, false)?
                    .into_iter()
                    .find(|m| {
                        m.position
                            .as_deref()
                            .is_some_and(|p| p.starts_with("Chủ tịch"))
                    })
                    .map(|m| m.full_name);
                if chair.is_some() {
                    break;
                }
            }
            (parent, chair)
        }
        None => (None, None),
    };
    let mut team_facts = Vec::new();
    for team in teams_for(conn, &unit)?
        .into_iter()
        .filter(|t| scope.team_id.is_none_or(|id| t.id == id))
    {
        // A team merged into another is consolidated as part of the survivor.
        if scope.team_id.is_none() && teams::merged_into(conn, team.id)?.is_some() {
            continue;
        }
        let team_unit = if team.unit_id == unit.id {
            unit.clone()
        } else {
            units::get(conn, team.unit_id)?
        };
        let team_commune = if team_unit.id == unit.id {
            commune.clone()
        } else {
            commune_of(conn, &team_unit)?
        };
        let members = members::of_team(conn, team.id, true)?;
        let (history, changes, decision) = if scope.history {
            (
                members::history(conn, team.id)?,
                history::changes(
                    conn,
                    team.id,
                    team.decision_date,
                    team.decision_ref.as_deref(),
                    chrono::NaiveDate::MAX,
                )?,
                history::in_force(conn, team.id)?,
            )
        } else {
            (Vec::new(), Vec::new(), None)
        };
        team_facts.push(TeamFacts {
            team,
            unit: team_unit,
            commune: team_commune,
            members,
            history,
            changes,
            decision,
        });
    }
    Ok(DraftFacts {
        subtree: units::subtree(conn, unit.id)?,
        latest_decision: documents::latest_decision(conn, unit.id)?,
        office,
        symbols,
        unit,
        commune,
        commune_parent,
        commune_chair,
        own_unit,
        own_parent,
        teams: team_facts,
        tasks: Default::default(),
    })
}
