//! Teams: insert, update, list with member counts.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::{SUBTREE, date_col, date_sql};
use crate::error::{Error, Field, Result};
use crate::model::{Team, TeamKind};
use crate::vietnamese::nfc;

const COLS: &str = "id, unit_id, name, decision_ref, decision_date, zalo_link";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Team> {
    Ok(Team {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        name: r.get(2)?,
        decision_ref: r.get(3)?,
        decision_date: date_col(r.get(4)?),
        zalo_link: r.get(5)?,
    })
}

/// Adds a team (its `id` is ignored) and returns it with its id.
pub fn insert(conn: &Connection, team: &Team) -> Result<Team> {
    let name = nfc(&team.name);
    if name.is_empty() {
        return Err(Error::bad_value(
            Field::Team,
            "",
            "tên tổ không được để trống",
        ));
    }
    conn.prepare_cached(
        "INSERT INTO teams (unit_id, name, decision_ref, decision_date, zalo_link) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        team.unit_id,
        name,
        team.decision_ref,
        date_sql(team.decision_date),
        team.zalo_link
    ])?;
    Ok(Team {
        id: conn.last_insert_rowid(),
        name,
        ..team.clone()
    })
}

/// Saves a team's fields.
pub fn update(conn: &Connection, team: &Team) -> Result<()> {
    let n = conn.execute(
        "UPDATE teams SET unit_id = ?2, name = ?3, decision_ref = ?4, decision_date = ?5, zalo_link = ?6 WHERE id = ?1",
        params![
            team.id,
            team.unit_id,
            nfc(&team.name),
            team.decision_ref,
            date_sql(team.decision_date),
            team.zalo_link
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound(format!("tổ có số hiệu {}", team.id)));
    }
    Ok(())
}

/// One team.
pub fn get(conn: &Connection, id: i64) -> Result<Team> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM teams WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("tổ có số hiệu {id}")))
}

/// Every team, by id.
pub fn all(conn: &Connection) -> Result<Vec<Team>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} FROM teams ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The teams of a unit and of every unit below it, by id.
pub fn in_subtree(conn: &Connection, root: i64) -> Result<Vec<Team>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SUBTREE} SELECT {COLS} FROM teams WHERE unit_id IN (SELECT id FROM t) ORDER BY id"
    ))?;
    let rows = stmt.query_map([root], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The teams whose unit is exactly `unit_id`.
pub fn of_unit(conn: &Connection, unit_id: i64) -> Result<Vec<Team>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM teams WHERE unit_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([unit_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A team with its unit's code and its count of active members (for `list teams`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamRow {
    /// Team id.
    pub id: i64,
    /// Team name.
    pub name: String,
    /// Unit code.
    pub unit: String,
    /// Active members.
    pub members: i64,
    /// `cnscd` or `cnscd-de-an-06`.
    pub kind: TeamKind,
    /// Zalo group link.
    pub zalo: Option<String>,
    /// The decision in force, or null.
    pub decision: Option<DecisionRef>,
}

/// The number and date of a team's decision in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRef {
    /// `86/QĐ-UBND`.
    pub number: String,
    /// `2022-04-15`.
    pub date: Option<chrono::NaiveDate>,
}

/// Teams with member counts, optionally limited to a subtree; a team merged into another is
/// gone (as from the window's lists).
pub fn rows(conn: &Connection, root: Option<i64>) -> Result<Vec<TeamRow>> {
    let sql = format!(
        "{SUBTREE} SELECT tm.id, tm.name, u.code, \
                (SELECT count(*) FROM memberships ms WHERE ms.team_id = tm.id AND ms.left_on IS NULL), \
                tm.kind, tm.zalo_link, tm.decision_ref, tm.decision_date \
         FROM teams tm JOIN units u ON u.id = tm.unit_id \
         WHERE (?1 IS NULL OR tm.unit_id IN (SELECT id FROM t)) AND tm.merged_into IS NULL \
         ORDER BY tm.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([root], |r| {
        Ok(TeamRow {
            id: r.get(0)?,
            name: r.get(1)?,
            unit: r.get(2)?,
            members: r.get(3)?,
            kind: TeamKind::parse(&r.get::<_, String>(4)?).unwrap_or_default(),
            zalo: r.get(5)?,
            decision: r
                .get::<_, Option<String>>(6)?
                .map(|number| -> rusqlite::Result<DecisionRef> {
                    Ok(DecisionRef {
                        number,
                        date: date_col(r.get(7)?),
                    })
                })
                .transpose()?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many teams there are.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM teams", [], |r| r.get(0))?)
}

/// A team's kind.
pub fn kind(conn: &Connection, id: i64) -> Result<TeamKind> {
    let k: String = conn
        .prepare_cached("SELECT kind FROM teams WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("tổ có số hiệu {id}")))?;
    Ok(TeamKind::parse(&k).unwrap_or_default())
}

/// The kind of every team, by team id (the window's snapshot).
pub fn kinds(conn: &Connection) -> Result<std::collections::HashMap<i64, TeamKind>> {
    let mut stmt = conn.prepare_cached("SELECT id, kind FROM teams")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            TeamKind::parse(&r.get::<_, String>(1)?).unwrap_or_default(),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets a team's kind.
pub fn set_kind(conn: &Connection, id: i64, kind: TeamKind) -> Result<()> {
    conn.prepare_cached("UPDATE teams SET kind = ?2 WHERE id = ?1")?
        .execute(params![id, kind.code()])?;
    Ok(())
}

/// The teams under `root` (every team when `None`) that exist on `date`: not yet merged into
/// another by then. By id.
pub fn as_of(conn: &Connection, root: Option<i64>, date: chrono::NaiveDate) -> Result<Vec<Team>> {
    // As in `members::active_on`: no `?1 IS NULL OR …`, so the unit index serves a subtree.
    let within = if root.is_some() {
        "unit_id IN (SELECT id FROM t)"
    } else {
        "?1 IS NULL"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "{SUBTREE} SELECT {COLS} FROM teams WHERE {within} \
         AND (merged_on IS NULL OR merged_on > ?2) ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![root, date_sql(Some(date))], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The team a team was merged into, if it was.
pub fn merged_into(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT merged_into FROM teams WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Every team not merged into another, by id.
pub fn current(conn: &Connection) -> Result<Vec<Team>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM teams WHERE merged_into IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
