//! The registry as tables for `export units` and `export roster`, in exactly the columns the
//! importers read back, so a clerk can export, edit in Excel and import.
//!
//! Roster order: team by team (in the registry's team order), and within a team the Tổ trưởng
//! first, then the Tổ phó, then the members, each group in Vietnamese name order (given name,
//! middle name, family name), the order decision appendices use.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::table::{Column, Table, Value};
use super::xlsx::SheetWriter;
use crate::error::{Error, Result};
use crate::model::{Level, Member, Team, Unit};
use crate::store::{members, teams, units};
use crate::vietnamese::{compare_names, date_short, upper};

/// The units of the registry (or of the subtree of `root`), parents before children; merged
/// units are left out, their children having moved to the surviving unit.
pub fn units_table(conn: &Connection, root: Option<&Unit>) -> Result<Table> {
    use crate::model::columns::units as col;
    let all = units::all(conn)?;
    let keep: Option<HashSet<i64>> = root
        .map(|r| units::subtree_ids(conn, r.id))
        .transpose()?
        .map(|v| v.into_iter().collect());
    let codes: HashMap<i64, &str> = all.iter().map(|u| (u.id, u.code.as_str())).collect();
    let mut rows = Vec::new();
    for u in all
        .iter()
        .filter(|u| u.is_current() && keep.as_ref().is_none_or(|k| k.contains(&u.id)))
    {
        rows.push(vec![
            Value::Number((rows.len() + 1) as f64),
            Value::text(&u.code),
            Value::text(u.title_name()),
            Value::text(level_word(u)),
            Value::opt(u.parent_id.and_then(|p| codes.get(&p).copied())),
        ]);
    }
    Ok(Table {
        title: match root {
            Some(r) => format!("DANH SÁCH ĐƠN VỊ HÀNH CHÍNH – {}", r.upper_name()),
            None => "DANH SÁCH ĐƠN VỊ HÀNH CHÍNH".into(),
        },
        columns: vec![
            Column::new(col::STT),
            Column::text(col::CODE),
            Column::new(col::NAME),
            Column::new(col::LEVEL),
            Column::text(col::PARENT),
        ],
        rows,
    })
}

/// The `Cấp` cell: the unit-type word when it reads back as the same level (`thành phố` reads
/// as the level below its parent, which is how it was stored), else the level's generic word.
fn level_word(u: &Unit) -> &str {
    match Level::parse_word(&u.kind) {
        Some((Some(l), _)) if l == u.level => &u.kind,
        Some((None, _)) => &u.kind,
        _ => u.level.label(),
    }
}

/// The active members of the registry (or of the subtree of `root`), team by team.
pub fn roster_table(conn: &Connection, root: Option<&Unit>) -> Result<Table> {
    let mut rows = Vec::new();
    roster_rows(conn, root, |row| {
        rows.push(row);
        Ok(())
    })?;
    Ok(Table {
        title: roster_title(root),
        columns: roster_columns(),
        rows,
    })
}

/// `roster_table` as .xlsx bytes, with the number of members written. The rows are written
/// into the sheet on a second thread while the next ones are read and sorted, which takes a
/// third of a national export; nor is the whole table held.
pub fn roster_xlsx(conn: &Connection, root: Option<&Unit>) -> Result<(Vec<u8>, usize)> {
    const BATCH: usize = 1024;
    let title = roster_title(root);
    let columns = roster_columns();
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Vec<Value>>>(16);
        // Written batches come back to be freed on this thread, which made their texts:
        // freeing memory another thread allocated is slow (a second of a national roster).
        let (written, back) = std::sync::mpsc::channel::<Vec<Vec<Value>>>();
        let writer = s.spawn(move || {
            let mut sheet = SheetWriter::new(&title, &columns)?;
            for batch in rx {
                for row in &batch {
                    sheet.push(row)?;
                }
                let _ = written.send(batch);
            }
            sheet.finish()
        });
        let mut count = 0;
        let mut batch = Vec::with_capacity(BATCH);
        let send = |batch: Vec<Vec<Value>>| {
            // A closed channel means the writer failed; its error is the one reported.
            tx.send(batch).map_err(|_| Error::internal("tạo tệp Excel"))
        };
        let read = roster_rows(conn, root, |row| {
            count += 1;
            batch.push(row);
            if batch.len() == BATCH {
                let next = match back.try_recv() {
                    Ok(mut done) => {
                        done.clear();
                        done
                    }
                    Err(_) => Vec::with_capacity(BATCH),
                };
                send(std::mem::replace(&mut batch, next))?;
            }
            Ok(())
        })
        .and_then(|()| send(batch));
        drop(tx);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Error::internal("tạo tệp Excel")));
        let bytes = written?;
        read?;
        Ok((bytes, count))
    })
}

fn roster_title(root: Option<&Unit>) -> String {
    match root {
        Some(r) => format!(
            "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG – {}",
            upper(&r.full_name())
        ),
        None => "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG".into(),
    }
}

fn roster_columns() -> Vec<Column> {
    use crate::model::columns::roster as col;
    vec![
        Column::new(col::STT),
        Column::text(col::UNIT_CODE),
        Column::new(col::UNIT),
        Column::new(col::COMMUNE),
        Column::new(col::TEAM),
        Column::new(col::NAME),
        Column::new(col::YEAR),
        Column::new(col::GENDER),
        Column::new(col::ROLE),
        Column::new(col::POSITION),
        Column::text(col::PHONE),
        Column::new(col::EMAIL),
        Column::new(col::TRAINED),
        Column::text(col::JOINED),
    ]
}

/// Hands each roster row to `f`, in roster order.
fn roster_rows(
    conn: &Connection,
    root: Option<&Unit>,
    mut f: impl FnMut(Vec<Value>) -> Result<()>,
) -> Result<()> {
    let unit_list = units::all(conn)?;
    let unit_by_id: HashMap<i64, &Unit> = unit_list.iter().map(|u| (u.id, u)).collect();
    let team_list = match root {
        Some(r) => teams::in_subtree(conn, r.id)?,
        None => teams::all(conn)?,
    };
    let team_by_id: HashMap<i64, &Team> = team_list.iter().map(|t| (t.id, t)).collect();
    // Members come team by team (teams in id order, as the list above): each team's rows are
    // handed on as soon as its last member is read, so a writer can start at once.
    let mut stt: u32 = 0;
    let mut group: Vec<Member> = Vec::new();
    let mut emit = |group: &mut Vec<Member>| -> Result<()> {
        let Some(&team) = group.first().and_then(|m| team_by_id.get(&m.team_id)) else {
            group.clear();
            return Ok(());
        };
        group.sort_by(|a, b| {
            a.role
                .cmp(&b.role)
                .then_with(|| compare_names(&a.full_name, &b.full_name))
        });
        let unit = unit_by_id.get(&team.unit_id).copied();
        let commune = unit
            .filter(|u| u.level == Level::Village)
            .and_then(|u| u.parent_id)
            .and_then(|p| unit_by_id.get(&p))
            .map(|p| p.title_name());
        for m in group.drain(..) {
            stt += 1;
            f(vec![
                Value::Number(f64::from(stt)),
                Value::opt(unit.map(|u| u.code.as_str())),
                Value::opt(unit.map(|u| u.title_name()).as_deref()),
                Value::opt(commune.as_deref()),
                Value::text(&team.name),
                Value::text(&m.full_name),
                m.year_of_birth
                    .map(|y| Value::Number(f64::from(y)))
                    .unwrap_or(Value::Empty),
                Value::opt(m.gender.map(|g| g.label())),
                Value::text(m.role.label()),
                Value::opt(m.position.as_deref()),
                Value::opt(m.phone.as_deref()),
                Value::opt(m.email.as_deref()),
                Value::text(if m.trained { "có" } else { "không" }),
                Value::opt(m.joined_on.map(date_short).as_deref()),
            ])?;
        }
        Ok(())
    };
    members::each_active_under(conn, root.map(|r| r.id), |m| {
        if group.first().is_some_and(|g| g.team_id != m.team_id) {
            emit(&mut group)?;
        }
        group.push(m);
        Ok(())
    })?;
    emit(&mut group)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{Scale, generate};
    use crate::store::Store;

    fn sheet(bytes: Vec<u8>) -> calamine::Range<calamine::Data> {
        use calamine::Reader;
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("xlsx");
        wb.worksheet_range("Danh sách").expect("sheet")
    }

    #[test]
    fn streamed_roster_xlsx_is_the_roster_table() {
        let mut store = Store::open_in_memory().expect("db");
        generate(&mut store, Scale::Commune, 1).expect("sample");
        let table = roster_table(store.conn(), None).expect("table");
        assert!(table.rows.len() > 10);
        let (bytes, rows) = roster_xlsx(store.conn(), None).expect("xlsx");
        assert_eq!(rows, table.rows.len());
        let whole = super::super::xlsx::to_bytes(&table).expect("xlsx");
        assert_eq!(sheet(bytes), sheet(whole));
    }
}
