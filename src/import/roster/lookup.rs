//! What roster rows are checked and planned against: the registry's units, the teams of each
//! unit, and the active members of each team, held in memory.

use rustc_hash::FxHashMap;

use crate::import::units::UnitIndex;
use crate::model::{Member, Team, Unit};
use crate::vietnamese::search_key;

/// What rows are checked and planned against: the units, the teams of each unit, and the
/// active members of each team.
pub struct Lookup {
    pub(super) index: UnitIndex,
    pub(super) teams: FxHashMap<i64, Vec<Team>>,
    pub(super) stored: FxHashMap<i64, Vec<Stored>>,
}

impl Lookup {
    /// The registry's units and teams; the active members come one by one (`add_stored`).
    pub fn new(units: Vec<Unit>, all_teams: Vec<Team>) -> Lookup {
        let mut teams: FxHashMap<i64, Vec<Team>> = FxHashMap::default();
        for t in all_teams {
            teams.entry(t.unit_id).or_default().push(t);
        }
        Lookup {
            index: UnitIndex::new(units),
            teams,
            stored: FxHashMap::default(),
        }
    }

    /// An active member of the registry, whom a row may name again.
    pub fn add_stored(&mut self, m: Member) {
        self.stored.entry(m.team_id).or_default().push(Stored {
            key: search_key(&m.full_name),
            member: m,
            matched: false,
        });
    }
}

/// A member already on one of the file's teams, with their search key and whether a row of the
/// file has been matched to them.
pub(super) struct Stored {
    pub(super) member: Member,
    pub(super) key: String,
    pub(super) matched: bool,
}
