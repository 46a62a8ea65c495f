//! Administrative units: insert, list, resolve a name or code, rename, move, merge.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{SUBTREE, date_col, date_sql};
use crate::error::{Error, Field, Result};
use crate::model::{Level, ParentRef, PlannedUnit, Unit, strip_level_word};
pub use crate::model::{NewUnit, name_key};
use crate::vietnamese::{nfc, search_key};

const COLS: &str = "id, code, name, kind, level, parent_id, merged_into, merged_on";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Unit> {
    let level: String = r.get(4)?;
    Ok(Unit {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        level: Level::from_code(&level).unwrap_or(Level::Village),
        parent_id: r.get(5)?,
        merged_into: r.get(6)?,
        merged_on: date_col(r.get(7)?),
    })
}

/// Adds a unit and returns it.
pub fn insert(conn: &Connection, new: &NewUnit) -> Result<Unit> {
    let name = nfc(strip_level_word(&nfc(&new.name)));
    if name.is_empty() {
        return Err(Error::bad_value(Field::Unit, "", "tên đơn vị để trống"));
    }
    let kind = nfc(&new.kind).to_lowercase();
    let code = match &new.code {
        Some(c) if !c.trim().is_empty() => nfc(c),
        _ => next_code(conn, new.parent_id)?,
    };
    conn.prepare_cached(
        "INSERT INTO units (code, name, kind, level, parent_id, search_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![code, name, kind, new.level.code(), new.parent_id, search_key(&name)])
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            Error::not_allowed(format!("Mã đơn vị {code} đã có."))
        }
        e => e.into(),
    })?;
    Ok(Unit {
        id: conn.last_insert_rowid(),
        code,
        name,
        kind,
        level: new.level,
        parent_id: new.parent_id,
        merged_into: None,
        merged_on: None,
    })
}

/// A code for a new unit: the parent's code plus a running two- or three-digit suffix.
fn next_code(conn: &Connection, parent_id: Option<i64>) -> Result<String> {
    let prefix = match parent_id {
        Some(p) => get(conn, p)?.code,
        None => "DV".to_string(),
    };
    let count: i64 = conn.query_row(
        "SELECT count(*) FROM units WHERE parent_id IS ?1",
        [parent_id],
        |r| r.get(0),
    )?;
    let mut n = count + 1;
    loop {
        let code = format!("{prefix}.{n:02}");
        let taken: Option<i64> = conn
            .query_row("SELECT id FROM units WHERE code = ?1", [&code], |r| {
                r.get(0)
            })
            .optional()?;
        if taken.is_none() {
            return Ok(code);
        }
        n += 1;
    }
}

/// One unit by id.
pub fn get(conn: &Connection, id: i64) -> Result<Unit> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM units WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("đơn vị có số hiệu {id}")))
}

/// One unit by code.
pub fn by_code(conn: &Connection, code: &str) -> Result<Option<Unit>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLS} FROM units WHERE code = ?1"))?
        .query_row([code], from_row)
        .optional()?)
}

/// Every unit, in tree order (parents before children, then by id).
pub fn all(conn: &Connection) -> Result<Vec<Unit>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} FROM units ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The direct children of a unit (current ones only), by name.
pub fn children(conn: &Connection, parent: i64) -> Result<Vec<Unit>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM units WHERE parent_id = ?1 AND merged_into IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map([parent], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The unit and every unit below it (ids), the unit first.
pub fn subtree_ids(conn: &Connection, root: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(&format!("{SUBTREE} SELECT id FROM t"))?;
    let rows = stmt.query_map([root], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A unit and every unit below it (merged ones included), in id order.
pub fn subtree(conn: &Connection, root: i64) -> Result<Vec<Unit>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SUBTREE} SELECT {COLS} FROM units WHERE id IN (SELECT id FROM t) ORDER BY id"
    ))?;
    let rows = stmt.query_map([root], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The chain from the top unit down to `id` (inclusive).
pub fn ancestors(conn: &Connection, id: i64) -> Result<Vec<Unit>> {
    let mut chain = vec![get(conn, id)?];
    while let Some(p) = chain.last().and_then(|u| u.parent_id) {
        if chain.iter().any(|u| u.id == p) {
            break; // a cycle would be a data error; do not loop forever
        }
        chain.push(get(conn, p)?);
    }
    chain.reverse();
    Ok(chain)
}

/// Finds the unit a user means: a code, or a name matched case- and accent-insensitively with
/// the level word ignored. Units that still exist are preferred over merged ones, and when the
/// user typed a level word (`xã Hòa Bắc`) units of that kind are preferred. Several matches are
/// refused with the candidates listed.
pub fn resolve(conn: &Connection, query: &str) -> Result<Unit> {
    let q = nfc(query);
    if let Some(u) = by_code(conn, &q)? {
        return Ok(u);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM units WHERE search_key = ?1 ORDER BY id"
    ))?;
    let mut pool: Vec<Unit> = stmt
        .query_map([name_key(&q)], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    narrow(&mut pool, |u| u.is_current());
    let typed = search_key(&q);
    narrow(&mut pool, |u| {
        typed.starts_with(&format!("{} ", search_key(&u.kind)))
    });
    match pool.len() {
        0 => Err(Error::NotFound(format!("đơn vị \"{q}\""))),
        1 => Ok(pool.swap_remove(0)),
        _ => {
            let mut candidates = Vec::new();
            for u in pool.iter().take(12) {
                let parent = match u.parent_id {
                    Some(p) => format!(", thuộc {}", get(conn, p)?.full_name()),
                    None => String::new(),
                };
                candidates.push(format!("{} – {}{parent}", u.code, u.title_name()));
            }
            Err(Error::Ambiguous {
                query: q,
                candidates,
            })
        }
    }
}

/// Keeps the units that satisfy `prefer`, unless none does.
fn narrow(pool: &mut Vec<Unit>, prefer: impl Fn(&Unit) -> bool) {
    if pool.len() > 1 && pool.iter().any(&prefer) {
        pool.retain(prefer);
    }
}

/// Renames a unit.
pub fn rename(conn: &Connection, id: i64, new_name: &str) -> Result<()> {
    let name = nfc(strip_level_word(&nfc(new_name)));
    if name.is_empty() {
        return Err(Error::bad_value(Field::Unit, "", "tên đơn vị để trống"));
    }
    conn.execute(
        "UPDATE units SET name = ?2, search_key = ?3 WHERE id = ?1",
        params![id, name, search_key(&name)],
    )?;
    Ok(())
}

/// Moves a unit under another parent; refuses a move under itself or its own descendant.
pub fn move_to(conn: &Connection, id: i64, new_parent: Option<i64>) -> Result<()> {
    if let Some(p) = new_parent
        && subtree_ids(conn, id)?.contains(&p)
    {
        return Err(Error::not_allowed(
            "Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.",
        ));
    }
    conn.execute(
        "UPDATE units SET parent_id = ?2 WHERE id = ?1",
        params![id, new_parent],
    )?;
    Ok(())
}

/// Merges `from` into `into` on `date`: its children and teams move to the surviving unit, and the
/// merged unit stays in the registry with its lineage (merged into which unit, on which date).
pub fn merge(conn: &Connection, from: i64, into: i64, date: NaiveDate) -> Result<()> {
    if from == into {
        return Err(Error::not_allowed(
            "Đơn vị sáp nhập và đơn vị còn lại phải khác nhau.",
        ));
    }
    let (a, b) = (get(conn, from)?, get(conn, into)?);
    if a.level != b.level {
        return Err(Error::not_allowed(format!(
            "Chỉ sáp nhập được các đơn vị cùng cấp: {} và {}.",
            a.title_name(),
            b.title_name()
        )));
    }
    if !a.is_current() {
        return Err(Error::not_allowed(format!(
            "{} đã được sáp nhập trước đó.",
            a.title_name()
        )));
    }
    conn.execute(
        "UPDATE units SET parent_id = ?2 WHERE parent_id = ?1 AND merged_into IS NULL",
        params![from, into],
    )?;
    conn.execute(
        "UPDATE teams SET unit_id = ?2 WHERE unit_id = ?1",
        params![from, into],
    )?;
    conn.execute(
        "UPDATE units SET merged_into = ?2, merged_on = ?3 WHERE id = ?1",
        params![from, into, date_sql(Some(date))],
    )?;
    Ok(())
}

/// How many units there are per level.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM units WHERE merged_into IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// Writes the rows of a checked units sheet, parents before children: new units inserted,
/// existing ones renamed or moved when the sheet says so. Call inside one transaction.
pub fn write_plan(conn: &Connection, rows: &[PlannedUnit]) -> Result<()> {
    let mut ids: Vec<Option<i64>> = rows
        .iter()
        .map(|r| r.existing.as_ref().map(|u| u.id))
        .collect();
    let mut done = vec![false; rows.len()];
    loop {
        let mut progress = false;
        for (i, row) in rows.iter().enumerate() {
            if done[i] {
                continue;
            }
            let parent_id = match row.parent {
                Some(ParentRef::Top) | None => None,
                Some(ParentRef::Existing(id)) => Some(id),
                Some(ParentRef::Row(j)) => match (done[j], ids[j]) {
                    (true, Some(id)) => Some(id),
                    _ => continue,
                },
            };
            // The name is passed with its kind leading it, so that `insert` and `rename` take
            // off that word and no other: `Bản Máy` is a commune's name, not `bản` + `Máy`.
            let full = format!("{} {}", row.kind, row.name);
            let written = if strip_level_word(&full) == row.name {
                full
            } else {
                row.name.clone()
            };
            match &row.existing {
                Some(u) => {
                    if u.name != row.name {
                        rename(conn, u.id, &written)?;
                    }
                    if u.parent_id != parent_id {
                        move_to(conn, u.id, parent_id)?;
                    }
                }
                None => {
                    let level = row.level.unwrap_or(Level::Village);
                    let u = insert(
                        conn,
                        &NewUnit {
                            code: row.code.clone(),
                            name: written,
                            kind: row.kind.to_string(),
                            level,
                            parent_id,
                        },
                    )?;
                    ids[i] = Some(u.id);
                }
            }
            done[i] = true;
            progress = true;
        }
        if !progress {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn add(c: &Connection, name: &str, kind: &str, level: Level, parent: Option<i64>) -> Unit {
        insert(c, &NewUnit::new(name, kind, level, parent)).expect("insert")
    }

    #[test]
    fn resolve_by_code_name_and_ambiguity() {
        let s = Store::open_in_memory().expect("db");
        let c = s.conn();
        let p = add(c, "Đà Nẵng", "thành phố", Level::Province, None);
        let x = add(c, "Xã Hòa Bắc", "xã", Level::Commune, Some(p.id));
        let y = add(c, "Hòa Ninh", "xã", Level::Commune, Some(p.id));
        add(c, "1", "thôn", Level::Village, Some(x.id));
        add(c, "Thôn 1", "thôn", Level::Village, Some(y.id));
        assert_eq!(x.name, "Hòa Bắc");
        assert_eq!(resolve(c, "hoa bac").expect("name").id, x.id);
        assert_eq!(resolve(c, "XÃ HÒA BẮC").expect("level word").id, x.id);
        assert_eq!(resolve(c, &x.code).expect("code").id, x.id);
        match resolve(c, "Thôn 1") {
            Err(Error::Ambiguous { candidates, .. }) => assert_eq!(candidates.len(), 2),
            other => panic!("expected ambiguity, got {other:?}"),
        }
        assert!(matches!(resolve(c, "Hòa Vang"), Err(Error::NotFound(_))));
    }

    #[test]
    fn merge_keeps_lineage() {
        let s = Store::open_in_memory().expect("db");
        let c = s.conn();
        let p = add(c, "Đà Nẵng", "thành phố", Level::Province, None);
        let x = add(c, "Hòa Bắc", "xã", Level::Commune, Some(p.id));
        let y = add(c, "Hòa Ninh", "xã", Level::Commune, Some(p.id));
        let v = add(c, "An Phú", "thôn", Level::Village, Some(x.id));
        let date = NaiveDate::from_ymd_opt(2025, 7, 1).expect("date");
        merge(c, x.id, y.id, date).expect("merge");
        let x2 = get(c, x.id).expect("kept");
        assert_eq!(x2.merged_into, Some(y.id));
        assert_eq!(x2.merged_on, Some(date));
        assert_eq!(get(c, v.id).expect("v").parent_id, Some(y.id));
        assert!(move_to(c, y.id, Some(v.id)).is_err());
    }
}
