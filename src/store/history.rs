//! The registry's dated history: each team's decisions (recorded by hand from paper, issued
//! here, or imported) and the one in force; dated renames and mergers of teams; which members an
//! issued decision names (so a typing-mistake delete can be refused); the changes on a team
//! between two dates, as a consolidation lists them; a member's and a team's history.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{date_col, date_sql, documents, teams};
use crate::error::{Error, Field, Result};
use crate::model::{Change, DecisionSource, NewDecision, Role, TeamDecision};
use crate::vietnamese::nfc;

const DECISION_COLS: &str = "id, team_id, number, issued_on, signer, summary, kind, source";

fn decision_row(r: &Row<'_>) -> rusqlite::Result<TeamDecision> {
    let kind: String = r.get(6)?;
    let source: String = r.get(7)?;
    Ok(TeamDecision {
        id: r.get(0)?,
        team_id: r.get(1)?,
        number: r.get(2)?,
        issued_on: date_col(r.get(3)?),
        signer: r.get(4)?,
        summary: r.get(5)?,
        consolidates: kind == "consolidate",
        source: DecisionSource::parse(&source),
    })
}

/// Records a decision on a team; it becomes the team's decision in force unless the team
/// already has a later one. Returns its id.
pub fn record_decision(
    conn: &Connection,
    team_id: i64,
    d: &NewDecision,
    source: DecisionSource,
    document_id: Option<i64>,
) -> Result<i64> {
    let number = nfc(d.number.trim());
    if number.is_empty() {
        return Err(Error::bad_value(Field::Input, "", "số quyết định để trống"));
    }
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(|s| nfc(s.trim()))
            .filter(|s| !s.is_empty())
    };
    conn.prepare_cached(
        "INSERT INTO team_decisions (team_id, number, issued_on, signer, summary, kind, source, document_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        team_id,
        number,
        date_sql(d.issued_on),
        clean(&d.signer),
        clean(&d.summary),
        if d.consolidates {
            "consolidate"
        } else {
            "establish"
        },
        source.code(),
        document_id
    ])?;
    let id = conn.last_insert_rowid();
    // The decision in force is the latest by date; an undated one only replaces nothing.
    conn.prepare_cached(
        "UPDATE teams SET decision_ref = ?2, decision_date = ?3 WHERE id = ?1 \
         AND (decision_ref IS NULL OR decision_date IS NULL OR (?3 IS NOT NULL AND ?3 >= decision_date))",
    )?
    .execute(params![team_id, number, date_sql(d.issued_on)])?;
    Ok(id)
}

/// A team's decisions, newest first.
pub fn decisions_of(conn: &Connection, team_id: i64) -> Result<Vec<TeamDecision>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DECISION_COLS} FROM team_decisions WHERE team_id = ?1 \
         ORDER BY issued_on IS NULL, issued_on DESC, id DESC"
    ))?;
    let rows = stmt.query_map([team_id], decision_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The decision in force on a team (the one `teams.decision_ref` names), with its details.
pub fn in_force(conn: &Connection, team_id: i64) -> Result<Option<TeamDecision>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {DECISION_COLS} FROM team_decisions d WHERE d.team_id = ?1 AND d.number = \
             (SELECT decision_ref FROM teams WHERE id = ?1) ORDER BY d.id DESC LIMIT 1"
        ))?
        .query_row([team_id], decision_row)
        .optional()?)
}

/// Links an issued decision to the members it names (those active on its date on the teams it
/// covers), so that deleting one of them as a typing mistake can be refused.
pub fn link_members(
    conn: &Connection,
    document_id: i64,
    team_ids: &[i64],
    date: NaiveDate,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO document_members (document_id, member_id) \
         SELECT ?1, member_id FROM memberships WHERE team_id = ?2 \
         AND (joined_on IS NULL OR joined_on <= ?3) AND (left_on IS NULL OR left_on > ?3)",
    )?;
    for t in team_ids {
        stmt.execute(params![document_id, t, date_sql(Some(date))])?;
    }
    Ok(())
}

/// The references (`12/QĐ-UBND ngày 05/3/2025`) of the issued decisions that name a member.
pub fn decisions_naming(conn: &Connection, member_id: i64) -> Result<Vec<String>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT document_id FROM document_members WHERE member_id = ?1 ORDER BY document_id",
        )?
        .query_map([member_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for id in ids {
        let e = documents::get(conn, id)?;
        let date = e
            .issued_on
            .map(|d| format!(" ngày {}", crate::vietnamese::date_short(d)))
            .unwrap_or_default();
        out.push(format!("Quyết định số {}{date}", e.reference()));
    }
    Ok(out)
}

/// Renames a team from `date`, keeping the old name in its history.
pub fn rename_team(conn: &Connection, team_id: i64, name: &str, date: NaiveDate) -> Result<()> {
    let mut team = teams::get(conn, team_id)?;
    let name = nfc(name.trim());
    if name.is_empty() {
        return Err(Error::bad_value(
            Field::Team,
            "",
            "tên tổ không được để trống",
        ));
    }
    if name == team.name {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO team_events (team_id, on_date, kind, old_name, new_name) VALUES (?1, ?2, 'rename', ?3, ?4)",
    )?
    .execute(params![team_id, date_sql(Some(date)), team.name, name])?;
    team.name = name;
    teams::update(conn, &team)
}

/// Merges team `from` into `into` on `date`: every member of `from` moves to `into` in the same
/// role, `from` is marked merged and `into` keeps the lineage (its decisions and history).
pub fn merge_teams(conn: &Connection, from: i64, into: i64, date: NaiveDate) -> Result<usize> {
    if from == into {
        return Err(Error::not_allowed("Không thể nhập một Tổ vào chính nó."));
    }
    let (a, b) = (teams::get(conn, from)?, teams::get(conn, into)?);
    let merged: Option<i64> =
        conn.query_row("SELECT merged_into FROM teams WHERE id = ?1", [from], |r| {
            r.get(0)
        })?;
    if merged.is_some() {
        return Err(Error::not_allowed(format!(
            "{} đã được nhập vào Tổ khác trước đó.",
            a.name
        )));
    }
    let open: Vec<(i64, String)> = conn
        .prepare_cached(
            "SELECT member_id, role FROM memberships WHERE team_id = ?1 AND left_on IS NULL",
        )?
        .query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (member, role) in &open {
        super::members::transfer(
            conn,
            *member,
            into,
            Role::parse(role).unwrap_or(Role::Member),
            date,
            None,
        )?;
    }
    conn.execute(
        "UPDATE teams SET merged_into = ?2, merged_on = ?3 WHERE id = ?1",
        params![from, into, date_sql(Some(date))],
    )?;
    conn.execute(
        "INSERT INTO team_events (team_id, on_date, kind, old_name, new_name, other_team) \
         VALUES (?1, ?2, 'merge', ?3, ?4, ?5)",
        params![into, date_sql(Some(date)), a.name, b.name, from],
    )?;
    Ok(open.len())
}

/// One membership row with what the change list needs.
struct Row2 {
    id: i64,
    member: i64,
    team: i64,
    team_name: String,
    role: Role,
    joined: Option<NaiveDate>,
    left: Option<NaiveDate>,
    reason: Option<String>,
    left_decision: Option<String>,
    joined_decision: Option<String>,
}

/// The changes on team `team_id` after `since` (exclusive; every dated change when `None`) up to
/// `until` (inclusive), oldest first: joiners, leavers with their reason, role changes, moves in
/// and out, renames and mergers. A person who came and went inside the window is in neither
/// list; a member whose row was opened by the decision `since_ref` is not a joiner.
pub fn changes(
    conn: &Connection,
    team_id: i64,
    since: Option<NaiveDate>,
    since_ref: Option<&str>,
    until: NaiveDate,
) -> Result<Vec<Change>> {
    let rows: Vec<Row2> = conn
        .prepare_cached(
            "SELECT ms.id, ms.member_id, ms.team_id, t.name, ms.role, ms.joined_on, ms.left_on, \
                    ms.left_reason, ms.left_decision, ms.joined_decision \
             FROM memberships ms JOIN teams t ON t.id = ms.team_id \
             WHERE ms.member_id IN (SELECT member_id FROM memberships WHERE team_id = ?1) \
             ORDER BY ms.member_id, ms.id",
        )?
        .query_map([team_id], |r| {
            let role: String = r.get(4)?;
            Ok(Row2 {
                id: r.get(0)?,
                member: r.get(1)?,
                team: r.get(2)?,
                team_name: r.get(3)?,
                role: Role::parse(&role).unwrap_or(Role::Member),
                joined: date_col(r.get(5)?),
                left: date_col(r.get(6)?),
                reason: r.get(7)?,
                left_decision: r.get(8)?,
                joined_decision: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let inside =
        |d: Option<NaiveDate>| d.is_some_and(|d| since.is_none_or(|s| d > s) && d <= until);
    let mut out: Vec<(NaiveDate, Change)> = Vec::new();
    for r in rows.iter().filter(|r| r.team == team_id) {
        let before = rows.iter().find(|q| {
            q.member == r.member && q.id != r.id && q.left.is_some() && q.left == r.joined
        });
        let after = rows.iter().find(|s| {
            s.member == r.member && s.id != r.id && s.joined.is_some() && s.joined == r.left
        });
        let came = inside(r.joined)
            && before.is_none()
            && !(r.joined_decision.is_some() && r.joined_decision.as_deref() == since_ref);
        let went = inside(r.left) && after.is_none();
        if came && went {
            continue;
        }
        if let (true, Some(on)) = (inside(r.joined), r.joined) {
            match before {
                Some(q) if q.team != team_id => out.push((
                    on,
                    Change::MovedIn {
                        member: r.member,
                        from_team: q.team_name.clone(),
                        role: r.role,
                        on,
                    },
                )),
                Some(_) => {}
                None if came => out.push((
                    on,
                    Change::Joined {
                        member: r.member,
                        role: r.role,
                        on: r.joined,
                    },
                )),
                None => {}
            }
        }
        if let (true, Some(on)) = (inside(r.left), r.left) {
            match after {
                Some(s) if s.team == team_id => out.push((
                    on,
                    Change::RoleChanged {
                        member: r.member,
                        from: r.role,
                        to: s.role,
                        on,
                    },
                )),
                Some(s) => out.push((
                    on,
                    Change::MovedOut {
                        member: r.member,
                        to_team: s.team_name.clone(),
                        role: r.role,
                        on,
                    },
                )),
                None => out.push((
                    on,
                    Change::Left {
                        member: r.member,
                        role: r.role,
                        on,
                        reason: r.reason.clone(),
                        decision: r.left_decision.clone(),
                    },
                )),
            }
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT on_date, kind, old_name, new_name FROM team_events WHERE team_id = ?1 ORDER BY id",
    )?;
    let events = stmt.query_map([team_id], |r| {
        Ok((
            date_col(r.get(0)?),
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    for e in events {
        let (on, kind, old, new) = e?;
        let Some(on) = on.filter(|d| inside(Some(*d))) else {
            continue;
        };
        let change = if kind == "rename" {
            Change::Renamed {
                old: old.unwrap_or_default(),
                new: new.unwrap_or_default(),
                on,
            }
        } else {
            Change::Merged {
                other: old.unwrap_or_default(),
                on,
            }
        };
        out.push((on, change));
    }
    out.sort_by_key(|(d, _)| *d);
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

/// One line of a member's or a team's history: when, what, by which decision.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Event {
    /// When (None: from the beginning).
    pub on: Option<NaiveDate>,
    /// What happened, in Vietnamese (`Nguyễn Văn An vào Tổ, Thành viên`).
    pub what: String,
    /// The decision that recorded it.
    pub decision: Option<String>,
}

/// A membership row of the history queries: a name (member or team), the role, the dates, the
/// decisions that recorded joining and leaving, and the reason for leaving.
type MembershipRow = (
    String,
    String,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn membership_row(r: &Row<'_>) -> rusqlite::Result<MembershipRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        date_col(r.get(2)?),
        date_col(r.get(3)?),
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

/// A team's history: who joined, left, changed role or moved, renames, mergers and decisions,
/// oldest first.
pub fn team_events(conn: &Connection, team_id: i64) -> Result<Vec<Event>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT m.full_name, ms.role, ms.joined_on, ms.left_on, ms.joined_decision, ms.left_decision, ms.left_reason \
         FROM memberships ms JOIN members m ON m.id = ms.member_id WHERE ms.team_id = ?1 ORDER BY ms.id",
    )?;
    let rows = stmt.query_map([team_id], membership_row)?;
    for row in rows {
        let (name, role, joined, left, jd, ld, reason) = row?;
        let role = Role::parse(&role).unwrap_or(Role::Member).label();
        out.push(Event {
            on: joined,
            what: format!("{name} vào Tổ, {role}"),
            decision: jd,
        });
        if let Some(l) = left {
            out.push(Event {
                on: Some(l),
                what: match reason {
                    Some(r) => format!("{name} rời Tổ ({r})"),
                    None => format!("{name} thôi giữ vai trò {role}"),
                },
                decision: ld,
            });
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT on_date, kind, old_name, new_name FROM team_events WHERE team_id = ?1 ORDER BY id",
    )?;
    let events = stmt.query_map([team_id], |r| {
        Ok((
            date_col(r.get(0)?),
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        ))
    })?;
    for e in events {
        let (on, kind, old, new) = e?;
        out.push(Event {
            on,
            what: if kind == "rename" {
                format!("Đổi tên từ «{old}» thành «{new}»")
            } else {
                format!("Nhập {old} vào Tổ")
            },
            decision: None,
        });
    }
    for d in decisions_of(conn, team_id)? {
        out.push(Event {
            on: d.issued_on,
            what: format!(
                "Quyết định {} ({})",
                if d.consolidates {
                    "kiện toàn"
                } else {
                    "thành lập"
                },
                d.source.label()
            ),
            decision: Some(d.number),
        });
    }
    out.sort_by_key(|e| e.on);
    Ok(out)
}

/// A member's history: each team and role, from when to when, by which decision, oldest first.
pub fn member_events(conn: &Connection, member_id: i64) -> Result<Vec<Event>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT t.name, ms.role, ms.joined_on, ms.left_on, ms.joined_decision, ms.left_decision, ms.left_reason \
         FROM memberships ms JOIN teams t ON t.id = ms.team_id WHERE ms.member_id = ?1 ORDER BY ms.id",
    )?;
    let rows = stmt.query_map([member_id], membership_row)?;
    for row in rows {
        let (team, role, joined, left, jd, ld, reason) = row?;
        let role = Role::parse(&role).unwrap_or(Role::Member).label();
        out.push(Event {
            on: joined,
            what: format!("{role} của {team}"),
            decision: jd,
        });
        if let (Some(l), Some(r)) = (left, reason) {
            out.push(Event {
                on: Some(l),
                what: format!("Rời {team} ({r})"),
                decision: ld,
            });
        }
    }
    Ok(out)
}
