//! The registry as tables for `export units` and `export roster`, in exactly the columns the
//! importers read back, so a clerk can export, edit in Excel and import.
//!
//! Roster order: team by team (in the registry's team order), and within a team the Tổ trưởng
//! first, then the Tổ phó, then the members, each group in Vietnamese name order (given name,
//! middle name, family name), the order decision appendices use.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::table::{Column, Table, Value};
use crate::error::Result;
use crate::import::{roster, units as unit_import};
use crate::model::{Level, Member, Unit};
use crate::store::{members, teams, units};
use crate::vietnamese::{compare_names, date_short, upper};

/// The units of the registry (or of the subtree of `root`), parents before children; merged
/// units are left out, their children having moved to the surviving unit.
pub fn units_table(conn: &Connection, root: Option<&Unit>) -> Result<Table> {
    use unit_import::col;
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
    use roster::col;
    let unit_list = units::all(conn)?;
    let unit_by_id: HashMap<i64, &Unit> = unit_list.iter().map(|u| (u.id, u)).collect();
    let team_list = match root {
        Some(r) => teams::in_subtree(conn, r.id)?,
        None => teams::all(conn)?,
    };
    let mut by_team: HashMap<i64, Vec<Member>> = HashMap::new();
    for m in members::active(conn, root.map(|r| r.id))? {
        by_team.entry(m.team_id).or_default().push(m);
    }
    let mut rows = Vec::new();
    for team in &team_list {
        let Some(mut list) = by_team.remove(&team.id) else {
            continue;
        };
        list.sort_by(|a, b| {
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
        for m in list {
            rows.push(vec![
                Value::Number((rows.len() + 1) as f64),
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
            ]);
        }
    }
    Ok(Table {
        title: match root {
            Some(r) => format!(
                "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG – {}",
                upper(&r.full_name())
            ),
            None => "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG".into(),
        },
        columns: vec![
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
        ],
        rows,
    })
}
