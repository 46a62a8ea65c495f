//! Writing a checked roster: a new team when its first row comes, then each member added or
//! updated as `import::roster` planned it. Called inside one transaction (the import's driver in
//! `ops` rolls it back when a problem turns up anywhere in the file).

use rusqlite::Connection;
use rustc_hash::FxHashMap;

use super::{members, teams};
use crate::error::Result;
use crate::model::{CheckedRow, RowAction, Team, TeamKey};

/// Writes planned rows: a new team when its first row comes, then the members.
pub struct Writer<'c> {
    conn: &'c Connection,
    /// The teams created so far, by their number in the file.
    created: FxHashMap<u32, i64>,
    adder: members::Adder<'c>,
}

impl<'c> Writer<'c> {
    /// Prepares the statements of a transaction.
    pub fn new(conn: &'c Connection) -> Result<Self> {
        Ok(Writer {
            conn,
            created: FxHashMap::default(),
            adder: members::Adder::new(conn)?,
        })
    }

    /// Writes a row; the row keeps its texts, to be freed by whoever made them.
    pub fn write(&mut self, row: &mut CheckedRow, action: &RowAction) -> Result<()> {
        match action {
            RowAction::Unchanged => Ok(()),
            RowAction::Update(m) => members::update(self.conn, m),
            RowAction::Insert => {
                row.member.team_id = match *row.team {
                    TeamKey::Existing(id) => id,
                    TeamKey::New(..) => match self.created.get(&row.team_no) {
                        Some(id) => *id,
                        None => {
                            let t = teams::insert(
                                self.conn,
                                &Team {
                                    id: 0,
                                    unit_id: row.unit_id,
                                    name: row.team_name.to_string(),
                                    decision_ref: None,
                                    decision_date: None,
                                    zalo_link: None,
                                },
                            )?;
                            self.created.insert(row.team_no, t.id);
                            t.id
                        }
                    },
                };
                self.adder.add_checked(&row.member, &row.key)?;
                Ok(())
            }
        }
    }
}
