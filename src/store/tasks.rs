//! Each member's task in a year's plan (migration 0011): the text of the task and the area or
//! households in charge, one row per member and year. A task typed empty (both fields) is
//! removed, so the member is printed with their role's default again.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

use crate::error::Result;
use crate::model::MemberTask;

/// Sets `member_id`'s task of `year`; both fields empty remove it. The caller checks the member
/// and trims the texts.
pub fn set(conn: &Connection, member_id: i64, year: i32, task: &MemberTask) -> Result<()> {
    if task.task.is_empty() && task.area.is_empty() {
        conn.prepare_cached("DELETE FROM member_tasks WHERE member_id = ?1 AND year = ?2")?
            .execute(params![member_id, year])?;
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO member_tasks (member_id, year, task, area) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (member_id, year) DO UPDATE SET task = excluded.task, area = excluded.area",
    )?
    .execute(params![member_id, year, task.task, task.area])?;
    Ok(())
}

/// Every task typed for `year`, by member id.
pub fn of_year(conn: &Connection, year: i32) -> Result<BTreeMap<i64, MemberTask>> {
    let mut stmt =
        conn.prepare_cached("SELECT member_id, task, area FROM member_tasks WHERE year = ?1")?;
    let rows = stmt.query_map([year], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            MemberTask {
                task: r.get(1)?,
                area: r.get(2)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_task_is_set_replaced_and_cleared() {
        let store = Store::open_in_memory().expect("store");
        let conn = store.conn();
        conn.execute(
            "INSERT INTO members (id, full_name, search_key) VALUES (7, 'An', 'an')",
            [],
        )
        .expect("member");
        let t = |task: &str, area: &str| MemberTask {
            task: task.into(),
            area: area.into(),
        };
        set(conn, 7, 2026, &t("Hướng dẫn VNeID", "Xóm 2")).expect("set");
        set(conn, 7, 2026, &t("Hướng dẫn dịch vụ công", "")).expect("replace");
        set(conn, 7, 2025, &t("Tuyên truyền", "")).expect("other year");
        assert_eq!(
            of_year(conn, 2026).expect("read")[&7],
            t("Hướng dẫn dịch vụ công", "")
        );
        set(conn, 7, 2026, &t("", "")).expect("clear");
        assert!(of_year(conn, 2026).expect("read").is_empty());
        assert_eq!(of_year(conn, 2025).expect("read").len(), 1);
    }
}
