//! Members and their dated memberships. A member is a person; a membership says which team they
//! were on, in which role, from when to when and by which decisions. Consolidation decisions read
//! the memberships to list who joined and who left.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Statement, params};
use serde::Serialize;

use super::{SUBTREE, date_col, date_sql};
use crate::error::{Error, Field, Result};
pub use crate::model::NewMember;
use crate::model::{Gender, Member, Membership, Role, check_person, normalize_phone};
use crate::vietnamese::{nfc, nfc_cow, search_key};

const SELECT: &str = "SELECT m.id, m.full_name, m.year_of_birth, m.gender, m.phone, m.email, m.position, m.trained, \
     ms.team_id, ms.role, ms.joined_on, ms.left_on \
     FROM memberships ms JOIN members m ON m.id = ms.member_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Member> {
    let gender: Option<String> = r.get(3)?;
    let role: String = r.get(9)?;
    Ok(Member {
        id: r.get(0)?,
        full_name: r.get(1)?,
        year_of_birth: r.get(2)?,
        gender: gender.as_deref().and_then(Gender::parse),
        phone: r.get(4)?,
        email: r.get(5)?,
        position: r.get(6)?,
        trained: r.get(7)?,
        team_id: r.get(8)?,
        role: Role::parse(&role).unwrap_or(Role::Member),
        joined_on: date_col(r.get(10)?),
        left_on: date_col(r.get(11)?),
    })
}

fn clean(s: &Option<String>) -> Option<String> {
    clean_cow(s).map(Cow::into_owned)
}

fn clean_cow(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(nfc_cow).filter(|s| !s.is_empty())
}

/// Adds a person and their membership after checking their fields by the member rules of
/// `model` (the ones the form and the roster import follow) on `today`; returns the member.
pub fn insert(conn: &Connection, new: &NewMember, today: NaiveDate) -> Result<Member> {
    check_person(
        &new.full_name,
        new.year_of_birth,
        new.phone.as_deref(),
        new.email.as_deref(),
        today,
    )?;
    let id = add(conn, new)?;
    Ok(Member {
        id,
        full_name: nfc(&new.full_name),
        year_of_birth: new.year_of_birth,
        gender: new.gender,
        phone: new.phone.as_deref().and_then(normalize_phone),
        email: clean(&new.email),
        position: clean(&new.position),
        trained: new.trained,
        team_id: new.team_id,
        role: new.role.unwrap_or(Role::Member),
        joined_on: new.joined_on,
        left_on: None,
    })
}

/// `insert` returning only the new member's id: imports add hundreds of thousands of members
/// and need neither the member built back nor a copy of text that is already clean.
pub fn add(conn: &Connection, new: &NewMember) -> Result<i64> {
    let name = nfc_cow(&new.full_name);
    let key = search_key(&name);
    let phone = new.phone.as_deref().and_then(normalize_phone);
    let email = clean_cow(&new.email);
    let position = clean_cow(&new.position);
    let decision = clean_cow(&new.joined_decision);
    let texts = Texts {
        name: &name,
        key: &key,
        phone: phone.as_deref(),
        email: email.as_deref(),
        position: position.as_deref(),
        decision: decision.as_deref(),
    };
    insert_rows(
        &mut *conn.prepare_cached(ADD_MEMBER)?,
        &mut *conn.prepare_cached(ADD_MEMBERSHIP)?,
        new,
        &texts,
    )
}

const ADD_MEMBER: &str = "INSERT INTO members (full_name, search_key, year_of_birth, gender, phone, email, position, trained) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const ADD_MEMBERSHIP: &str = "INSERT INTO memberships (member_id, team_id, role, joined_on, joined_decision) VALUES (?1, ?2, ?3, ?4, ?5)";

/// A new member's texts as they are stored: NFC, trimmed, empty ones `None`, the phone
/// normalised, and the name's search key.
struct Texts<'a> {
    name: &'a str,
    key: &'a str,
    phone: Option<&'a str>,
    email: Option<&'a str>,
    position: Option<&'a str>,
    decision: Option<&'a str>,
}

/// Inserts the member and their membership; the texts come from `texts`, the rest from `new`.
fn insert_rows(
    member: &mut Statement<'_>,
    membership: &mut Statement<'_>,
    new: &NewMember,
    texts: &Texts<'_>,
) -> Result<i64> {
    if texts.name.is_empty() {
        return Err(Error::bad_value(Field::Name, "", "họ và tên để trống"));
    }
    let id = member.insert(params![
        texts.name,
        texts.key,
        new.year_of_birth,
        new.gender.map(Gender::code),
        texts.phone,
        texts.email,
        texts.position,
        new.trained
    ])?;
    membership.execute(params![
        id,
        new.team_id,
        new.role.unwrap_or(Role::Member).code(),
        date_sql(new.joined_on),
        texts.decision
    ])?;
    Ok(id)
}

/// `add` for many members in one go (imports): the statements are prepared once instead of
/// being looked up by their text for every member. A national roster adds 350,000 members.
pub struct Adder<'c> {
    member: Statement<'c>,
    membership: Statement<'c>,
}

impl<'c> Adder<'c> {
    /// Prepares the statements.
    pub fn new(conn: &'c Connection) -> Result<Self> {
        Ok(Adder {
            member: conn.prepare(ADD_MEMBER)?,
            membership: conn.prepare(ADD_MEMBERSHIP)?,
        })
    }

    /// As `add`, for a member whose fields the caller has checked and normalised already: the
    /// texts as `nfc` leaves them, none empty, the phone as `normalize_phone` leaves it, and
    /// `key` the name's `search_key`. Nothing is normalised again.
    pub fn add_checked(&mut self, new: &NewMember, key: &str) -> Result<i64> {
        debug_assert_eq!(new.full_name, nfc(&new.full_name));
        debug_assert_eq!(key, search_key(&new.full_name));
        let texts = Texts {
            name: &new.full_name,
            key,
            phone: new.phone.as_deref(),
            email: new.email.as_deref(),
            position: new.position.as_deref(),
            decision: new.joined_decision.as_deref(),
        };
        insert_rows(&mut self.member, &mut self.membership, new, &texts)
    }
}

/// Saves a member's person fields and the role of their current membership.
pub fn update(conn: &Connection, m: &Member) -> Result<()> {
    let name = nfc(&m.full_name);
    if name.is_empty() {
        return Err(Error::bad_value(Field::Name, "", "họ và tên để trống"));
    }
    let n = conn
        .prepare_cached(
            "UPDATE members SET full_name = ?2, search_key = ?3, year_of_birth = ?4, gender = ?5, phone = ?6, \
             email = ?7, position = ?8, trained = ?9 WHERE id = ?1",
        )?
        .execute(params![
            m.id,
            name,
            search_key(&name),
            m.year_of_birth,
            m.gender.map(Gender::code),
            m.phone.as_deref().and_then(normalize_phone),
            clean(&m.email),
            clean(&m.position),
            m.trained
        ])?;
    if n == 0 {
        return Err(Error::NotFound(format!("thành viên có số hiệu {}", m.id)));
    }
    conn.prepare_cached(
        "UPDATE memberships SET role = ?2, joined_on = coalesce(?3, joined_on) \
         WHERE id = (SELECT max(id) FROM memberships WHERE member_id = ?1) AND left_on IS NULL",
    )?
    .execute(params![m.id, m.role.code(), date_sql(m.joined_on)])?;
    Ok(())
}

/// Records that a member left their team on `date` (by `decision`, when there is one).
pub fn leave(
    conn: &Connection,
    member_id: i64,
    date: NaiveDate,
    decision: Option<&str>,
) -> Result<()> {
    let n = conn.execute(
        "UPDATE memberships SET left_on = ?2, left_decision = ?3 WHERE member_id = ?1 AND left_on IS NULL",
        params![member_id, date_sql(Some(date)), decision],
    )?;
    if n == 0 {
        return Err(Error::not_allowed("Thành viên này đã rời tổ trước đó."));
    }
    Ok(())
}

/// Moves a member to another team from `date`: closes the current membership and opens one.
pub fn transfer(
    conn: &Connection,
    member_id: i64,
    team_id: i64,
    role: Role,
    date: NaiveDate,
    decision: Option<&str>,
) -> Result<()> {
    leave(conn, member_id, date, decision)?;
    conn.execute(
        "INSERT INTO memberships (member_id, team_id, role, joined_on, joined_decision) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![member_id, team_id, role.code(), date_sql(Some(date)), decision],
    )?;
    Ok(())
}

/// Deletes a member entirely (a typing mistake, not a departure: use `leave` for that).
pub fn delete(conn: &Connection, member_id: i64) -> Result<()> {
    conn.execute("DELETE FROM members WHERE id = ?1", [member_id])?;
    Ok(())
}

/// The members of a team: the active ones, or every one who was ever on it.
pub fn of_team(conn: &Connection, team_id: i64, include_left: bool) -> Result<Vec<Member>> {
    let sql = format!(
        "{SELECT} WHERE ms.team_id = ?1 {} ORDER BY ms.id",
        if include_left {
            ""
        } else {
            "AND ms.left_on IS NULL"
        }
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([team_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member with their current membership.
pub fn get(conn: &Connection, id: i64) -> Result<Member> {
    conn.prepare_cached(&format!(
        "{SELECT} WHERE ms.id = (SELECT max(id) FROM memberships WHERE member_id = ?1)"
    ))?
    .query_row([id], from_row)
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("thành viên có số hiệu {id}")))
}

/// Every active member, optionally limited to the teams of a subtree, in team then id order.
pub fn active(conn: &Connection, root: Option<i64>) -> Result<Vec<Member>> {
    let mut out = Vec::new();
    each_active_under(conn, root, |m| {
        out.push(m);
        Ok(())
    })?;
    Ok(out)
}

/// `active` one member at a time, as the query yields them: a caller that writes them out can
/// start before the last one is read, and one that keeps only some never holds them all.
pub fn each_active_under(
    conn: &Connection,
    root: Option<i64>,
    mut f: impl FnMut(Member) -> Result<()>,
) -> Result<()> {
    // The whole registry needs neither the subtree nor the teams: every membership has a team.
    let sql = match root {
        Some(_) => format!(
            "{SUBTREE} {SELECT} JOIN teams tm ON tm.id = ms.team_id \
             WHERE ms.left_on IS NULL AND tm.unit_id IN (SELECT id FROM t) ORDER BY ms.team_id, ms.id"
        ),
        None => format!("{SELECT} WHERE ms.left_on IS NULL ORDER BY ms.team_id, ms.id"),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = match root {
        Some(id) => stmt.query([id])?,
        None => stmt.query([])?,
    };
    while let Some(r) = rows.next()? {
        f(from_row(r)?)?;
    }
    Ok(())
}

/// The membership history of a team, oldest first.
pub fn history(conn: &Connection, team_id: i64) -> Result<Vec<Membership>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, member_id, team_id, role, joined_on, left_on, joined_decision, left_decision \
         FROM memberships WHERE team_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([team_id], |r| {
        let role: String = r.get(3)?;
        Ok(Membership {
            id: r.get(0)?,
            member_id: r.get(1)?,
            team_id: r.get(2)?,
            role: Role::parse(&role).unwrap_or(Role::Member),
            joined_on: date_col(r.get(4)?),
            left_on: date_col(r.get(5)?),
            joined_decision: r.get(6)?,
            left_decision: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Finds an active member of `team_id` the way a re-import recognises a person: the same name
/// (accent-insensitive) and year of birth, or the same phone.
pub fn find_in_team(
    conn: &Connection,
    team_id: i64,
    name: &str,
    year_of_birth: Option<i32>,
    phone: Option<&str>,
) -> Result<Option<i64>> {
    let by_name: Option<i64> = conn
        .prepare_cached(
            "SELECT m.id FROM memberships ms JOIN members m ON m.id = ms.member_id \
             WHERE ms.team_id = ?1 AND ms.left_on IS NULL AND m.search_key = ?2 AND m.year_of_birth IS ?3 LIMIT 1",
        )?
        .query_row(params![team_id, search_key(name), year_of_birth], |r| r.get(0))
        .optional()?;
    if by_name.is_some() {
        return Ok(by_name);
    }
    let Some(phone) = phone.and_then(normalize_phone) else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached(
            "SELECT m.id FROM memberships ms JOIN members m ON m.id = ms.member_id \
             WHERE ms.team_id = ?1 AND ms.left_on IS NULL AND m.phone = ?2 LIMIT 1",
        )?
        .query_row(params![team_id, phone], |r| r.get(0))
        .optional()?)
}

/// A member as `list members --json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRow {
    /// Member id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Team id.
    pub team: i64,
    /// `leader`, `deputy` or `member`.
    pub role: Role,
    /// Năm sinh.
    pub year_of_birth: Option<i32>,
    /// Phone.
    pub phone: Option<String>,
    /// `male` or `female`.
    pub gender: Option<Gender>,
    /// Chức vụ, đơn vị công tác.
    pub position: Option<String>,
    /// The team's name.
    pub team_name: String,
    /// The team's unit's code.
    pub unit: String,
    /// Joined on.
    pub joined_on: Option<NaiveDate>,
    /// Left on.
    pub left_on: Option<NaiveDate>,
}

impl MemberRow {
    /// The row of `m`, whose team is `team_name` of unit `unit`.
    pub fn new(m: &Member, team_name: &str, unit: &str) -> MemberRow {
        MemberRow {
            id: m.id,
            name: m.full_name.clone(),
            team: m.team_id,
            role: m.role,
            year_of_birth: m.year_of_birth,
            phone: m.phone.clone(),
            gender: m.gender,
            position: m.position.clone(),
            team_name: team_name.to_string(),
            unit: unit.to_string(),
            joined_on: m.joined_on,
            left_on: m.left_on,
        }
    }
}

/// Active members and how many of them are trained.
pub fn counts(conn: &Connection) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(m.trained), 0) FROM memberships ms JOIN members m ON m.id = ms.member_id \
         WHERE ms.left_on IS NULL",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The open membership of a member: (row id, team, role, joined on).
fn open_row(conn: &Connection, member_id: i64) -> Result<(i64, i64, Role, Option<NaiveDate>)> {
    get(conn, member_id)?;
    conn.prepare_cached(
        "SELECT id, team_id, role, joined_on FROM memberships WHERE member_id = ?1 AND left_on IS NULL \
         ORDER BY id DESC LIMIT 1",
    )?
    .query_row([member_id], |r| {
        let role: String = r.get(2)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            Role::parse(&role).unwrap_or(Role::Member),
            date_col(r.get(3)?),
        ))
    })
    .optional()?
    .ok_or_else(|| Error::not_allowed("Thành viên này đã rời Tổ; không ghi thay đổi được."))
}

/// Refuses a change dated before the membership it closes began.
fn not_before(joined: Option<NaiveDate>, date: NaiveDate) -> Result<()> {
    match joined {
        Some(j) if date < j => Err(Error::bad_value(
            Field::Date,
            crate::vietnamese::date_short(date),
            format!(
                "ngày này trước ngày vào Tổ ({})",
                crate::vietnamese::date_short(j)
            ),
        )),
        _ => Ok(()),
    }
}

/// Records that a member left their team on `date`, why, and by which decision.
pub fn depart(
    conn: &Connection,
    member_id: i64,
    date: NaiveDate,
    reason: &crate::model::LeaveReason,
    decision: Option<&str>,
) -> Result<()> {
    let (row, _, _, joined) = open_row(conn, member_id)?;
    not_before(joined, date)?;
    let decision = decision.map(str::trim).filter(|s| !s.is_empty()).map(nfc);
    conn.prepare_cached(
        "UPDATE memberships SET left_on = ?2, left_reason = ?3, left_decision = ?4 WHERE id = ?1",
    )?
    .execute(params![row, date_sql(Some(date)), reason.text(), decision])?;
    Ok(())
}

/// Undoes a departure recorded by mistake: the member's last membership is open again. A member
/// who has since been moved or given another role has no departure to undo.
pub fn restore(conn: &Connection, member_id: i64) -> Result<()> {
    let m = get(conn, member_id)?;
    let reason: Option<String> = conn
        .prepare_cached(
            "SELECT left_reason FROM memberships WHERE id = (SELECT max(id) FROM memberships WHERE member_id = ?1)",
        )?
        .query_row([member_id], |r| r.get(0))?;
    if m.left_on.is_none() || reason.is_none() {
        return Err(Error::not_allowed(format!(
            "{} chưa rời Tổ; không có gì để hoàn tác.",
            m.full_name
        )));
    }
    conn.prepare_cached(
        "UPDATE memberships SET left_on = NULL, left_reason = NULL, left_decision = NULL \
         WHERE id = (SELECT max(id) FROM memberships WHERE member_id = ?1)",
    )?
    .execute([member_id])?;
    Ok(())
}

/// Changes a member's role from `date`: the membership closes on `date` and a new one opens on
/// the same team with the new role (a Thành viên who becomes Tổ phó on 1/6 was a Thành viên
/// before it). On the day the membership began, the role is simply corrected.
pub fn change_role(conn: &Connection, member_id: i64, role: Role, date: NaiveDate) -> Result<()> {
    let (row, team, old, joined) = open_row(conn, member_id)?;
    if old == role {
        return Err(Error::not_allowed(format!(
            "Thành viên này đã là {}.",
            role.label()
        )));
    }
    not_before(joined, date)?;
    if joined == Some(date) {
        conn.execute(
            "UPDATE memberships SET role = ?2 WHERE id = ?1",
            params![row, role.code()],
        )?;
        return Ok(());
    }
    conn.execute(
        "UPDATE memberships SET left_on = ?2 WHERE id = ?1",
        params![row, date_sql(Some(date))],
    )?;
    conn.execute(
        "INSERT INTO memberships (member_id, team_id, role, joined_on) VALUES (?1, ?2, ?3, ?4)",
        params![member_id, team, role.code(), date_sql(Some(date))],
    )?;
    Ok(())
}

/// Moves a member to team `team_id` from `date` in `role` (their old role when `None`).
pub fn move_to(
    conn: &Connection,
    member_id: i64,
    team_id: i64,
    role: Option<Role>,
    date: NaiveDate,
) -> Result<()> {
    let (row, team, old, joined) = open_row(conn, member_id)?;
    if team == team_id {
        return Err(Error::not_allowed("Thành viên đã ở Tổ này."));
    }
    super::teams::get(conn, team_id)?;
    not_before(joined, date)?;
    conn.execute(
        "UPDATE memberships SET left_on = ?2 WHERE id = ?1",
        params![row, date_sql(Some(date))],
    )?;
    conn.execute(
        "INSERT INTO memberships (member_id, team_id, role, joined_on) VALUES (?1, ?2, ?3, ?4)",
        params![
            member_id,
            team_id,
            role.unwrap_or(old).code(),
            date_sql(Some(date))
        ],
    )?;
    Ok(())
}

/// Deletes an entry made by mistake, unless an issued decision names the member: then the
/// refusal names the decision and offers a departure instead.
pub fn delete_entry(conn: &Connection, member_id: i64) -> Result<()> {
    let m = get(conn, member_id)?;
    let named = super::history::decisions_naming(conn, member_id)?;
    if !named.is_empty() {
        return Err(Error::not_allowed(format!(
            "Không xóa được {}: thành viên có tên trong {} đã ban hành. Hãy dùng «Ghi nhận rời Tổ» \
             (cnscd member leave) thay vì xóa.",
            m.full_name,
            named.join(", ")
        )));
    }
    conn.execute("DELETE FROM memberships WHERE member_id = ?1", [member_id])?;
    conn.execute("DELETE FROM members WHERE id = ?1", [member_id])?;
    Ok(())
}

/// The members on a team on `date` under `root` (every team when `None`): `joined_on ≤ date <
/// left_on`, a member without `joined_on` present from the beginning. In team then id order.
pub fn active_on(conn: &Connection, root: Option<i64>, date: NaiveDate) -> Result<Vec<Member>> {
    // Two statements rather than `?1 IS NULL OR …`, which keeps SQLite from using the team
    // index and reads every membership of the registry for one village's decision.
    let within = if root.is_some() {
        "AND tm.unit_id IN (SELECT id FROM t)"
    } else {
        "AND ?1 IS NULL"
    };
    let sql = format!(
        "{SUBTREE} {SELECT} JOIN teams tm ON tm.id = ms.team_id \
         WHERE (ms.joined_on IS NULL OR ms.joined_on <= ?2) AND (ms.left_on IS NULL OR ms.left_on > ?2) \
         {within} ORDER BY ms.team_id, ms.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![root, date_sql(Some(date))], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every member who ever was on a team under `root`, with their last membership (members who
/// left included), in team then id order.
pub fn all_with_left(conn: &Connection, root: Option<i64>) -> Result<Vec<Member>> {
    let sql = format!(
        "{SUBTREE} {SELECT} JOIN teams tm ON tm.id = ms.team_id \
         WHERE ms.id = (SELECT max(id) FROM memberships WHERE member_id = m.id) \
         AND (?1 IS NULL OR tm.unit_id IN (SELECT id FROM t)) ORDER BY ms.team_id, ms.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([root], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Why a membership row was closed, when it records a departure.
pub fn left_reason(conn: &Connection, membership_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT left_reason FROM memberships WHERE id = ?1")?
        .query_row([membership_id], |r| r.get(0))
        .optional()?
        .flatten())
}
