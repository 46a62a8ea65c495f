//! Writing a checked roster: a new team when its first row comes, then each member added or
//! updated as `import::roster` planned it, and the team's establishing decision when the sheet
//! gives one (recorded by `history::record_decision`, source «imported», once: a re-import of
//! the same sheet records nothing again). Called inside one transaction (the import's driver in
//! `ops` rolls it back when a problem turns up anywhere in the file).

use rusqlite::Connection;
use rustc_hash::FxHashMap;

use super::{history, members, teams};
use crate::error::Result;
use crate::model::{CheckedRow, DecisionSource, RowAction, Team, TeamKey};

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
        self.member(row, action)?;
        let Some(d) = row.decision.as_deref() else {
            return Ok(());
        };
        let team_id = match *row.team {
            TeamKey::Existing(id) => Some(id),
            TeamKey::New(..) => self.created.get(&row.team_no).copied(),
        };
        let Some(team_id) = team_id else {
            return Ok(());
        };
        let known = self
            .conn
            .prepare_cached("SELECT 1 FROM team_decisions WHERE team_id = ?1 AND number = ?2")?
            .exists(rusqlite::params![
                team_id,
                crate::vietnamese::nfc(d.number.trim())
            ])?;
        if !known {
            history::record_decision(self.conn, team_id, d, DecisionSource::Imported, None)?;
        }
        Ok(())
    }

    fn member(&mut self, row: &mut CheckedRow, action: &RowAction) -> Result<()> {
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
