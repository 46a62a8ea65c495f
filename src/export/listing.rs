//! The registry as listings for `export units` and `export roster`, in exactly the columns the
//! importers read back, so a clerk can export, edit in Excel and import. Built from values: the
//! caller streams the members from the store.
//!
//! Roster order: team by team (in the registry's team order), and within a team the Tổ trưởng
//! first, then the Tổ phó, then the members, each group in Vietnamese name order (given name,
//! middle name, family name), the order decision appendices use.

use std::collections::{HashMap, HashSet};

use super::table::{Column, Listing, Value};
use super::xlsx::SheetWriter;
use crate::error::{Error, Result};
use crate::model::columns;
use crate::model::{Level, Member, Team, Unit};
use crate::vietnamese::{compare_names, date_short, upper};

/// The units of `all` (only those in `keep` when given: the subtree of `root`), parents before
/// children; merged units are left out, their children having moved to the surviving unit.
pub fn units_listing(all: &[Unit], keep: Option<&HashSet<i64>>, root: Option<&Unit>) -> Listing {
    use columns::units as col;
    let codes: HashMap<i64, &str> = all.iter().map(|u| (u.id, u.code.as_str())).collect();
    let mut rows = Vec::new();
    for u in all
        .iter()
        .filter(|u| u.is_current() && keep.is_none_or(|k| k.contains(&u.id)))
    {
        rows.push(vec![
            Value::Number((rows.len() + 1) as f64),
            Value::text(&u.code),
            Value::text(u.title_name()),
            Value::text(level_word(u)),
            Value::opt(u.parent_id.and_then(|p| codes.get(&p).copied())),
        ]);
    }
    Listing {
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
    }
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

/// The roster listing's title, for the whole registry or the subtree of `root`.
pub fn roster_title(root: Option<&Unit>) -> String {
    match root {
        Some(r) => format!(
            "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG – {}",
            upper(&r.full_name())
        ),
        None => "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG".into(),
    }
}

/// The roster listing's columns.
pub fn roster_columns() -> Vec<Column> {
    use columns::roster as col;
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

/// Turns active members, given team by team in team order, into roster rows: each team's rows
/// are handed on as soon as its last member is given, so a writer can start at once.
pub struct RosterRows<'a> {
    unit_by_id: HashMap<i64, &'a Unit>,
    team_by_id: HashMap<i64, &'a Team>,
    stt: u32,
    group: Vec<Member>,
}

impl<'a> RosterRows<'a> {
    /// Rows over these units and teams.
    pub fn new(units: &'a [Unit], teams: &'a [Team]) -> RosterRows<'a> {
        RosterRows {
            unit_by_id: units.iter().map(|u| (u.id, u)).collect(),
            team_by_id: teams.iter().map(|t| (t.id, t)).collect(),
            stt: 0,
            group: Vec::new(),
        }
    }

    /// Takes the next member; `f` receives the rows of the team before it once it is complete.
    pub fn push(&mut self, m: Member, f: &mut impl FnMut(Vec<Value>) -> Result<()>) -> Result<()> {
        if self.group.first().is_some_and(|g| g.team_id != m.team_id) {
            self.emit(f)?;
        }
        self.group.push(m);
        Ok(())
    }

    /// Hands on the rows of the last team.
    pub fn finish(mut self, f: &mut impl FnMut(Vec<Value>) -> Result<()>) -> Result<()> {
        self.emit(f)
    }

    fn emit(&mut self, f: &mut impl FnMut(Vec<Value>) -> Result<()>) -> Result<()> {
        let Some(&team) = self
            .group
            .first()
            .and_then(|m| self.team_by_id.get(&m.team_id))
        else {
            self.group.clear();
            return Ok(());
        };
        self.group.sort_by(|a, b| {
            a.role
                .cmp(&b.role)
                .then_with(|| compare_names(&a.full_name, &b.full_name))
        });
        let unit = self.unit_by_id.get(&team.unit_id).copied();
        let commune = unit
            .filter(|u| u.level == Level::Village)
            .and_then(|u| u.parent_id)
            .and_then(|p| self.unit_by_id.get(&p))
            .map(|p| p.title_name());
        for m in self.group.drain(..) {
            self.stt += 1;
            f(vec![
                Value::Number(f64::from(self.stt)),
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
    }
}

/// A listing as .xlsx bytes, written row by row as `feed` makes the rows, with the number of
/// rows written. The rows go into the sheet on a second thread while the next ones are made
/// (a third of a national roster's export); nor is the whole listing held.
pub fn xlsx_streamed(
    title: &str,
    columns: &[Column],
    feed: impl FnOnce(&mut dyn FnMut(Vec<Value>) -> Result<()>) -> Result<()>,
) -> Result<(Vec<u8>, usize)> {
    const BATCH: usize = 1024;
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Vec<Value>>>(16);
        // Written batches come back to be freed on this thread, which made their texts:
        // freeing memory another thread allocated is slow (a second of a national roster).
        let (written, back) = std::sync::mpsc::channel::<Vec<Vec<Value>>>();
        let writer = s.spawn(move || {
            let mut sheet = SheetWriter::new(title, columns)?;
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
        let read = feed(&mut |row| {
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
        .and_then(|()| send(std::mem::take(&mut batch)));
        drop(tx);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Error::internal("tạo tệp Excel")));
        let bytes = written?;
        read?;
        Ok((bytes, count))
    })
}
