//! Editing the unit tree from the window: adding a unit, renaming it, moving it under another
//! parent, and merging it into another on a date (the merged unit stays, with its lineage).
//! Each is one transaction and returns the name to show.

use chrono::NaiveDate;

use crate::error::Result;
use crate::store::Store;
use crate::store::units::{self, NewUnit};

/// Adds a unit; returns its name as shown (`Thôn Mới`).
pub fn add(store: &mut Store, new: &NewUnit) -> Result<String> {
    let new = &super::hygiene::new_unit(store, new)?;
    store.transaction(|tx| Ok(units::insert(tx, new)?.title_name()))
}

/// Renames a unit; returns its new name as shown.
pub fn rename(store: &mut Store, id: i64, name: &str) -> Result<String> {
    let name = &super::hygiene::name(store, name, crate::error::Field::Text("Tên đơn vị"))?;
    store.transaction(|tx| {
        units::rename(tx, id, name)?;
        Ok(units::get(tx, id)?.title_name())
    })
}

/// Moves a unit under `parent`; returns its name as shown.
pub fn move_to(store: &mut Store, id: i64, parent: i64) -> Result<String> {
    store.transaction(|tx| {
        units::move_to(tx, id, Some(parent))?;
        Ok(units::get(tx, id)?.title_name())
    })
}

/// Merges `from` into `into` on `date`; returns the surviving unit's name as shown. Of two
/// villages merged, one team remains: the merged village's teams are merged into the surviving
/// village's team (its members move there, the survivor keeps the lineage), so the next kiện
/// toàn of that team is drawn up from both.
pub fn merge(store: &mut Store, from: i64, into: i64, date: NaiveDate) -> Result<String> {
    store.transaction(|tx| {
        let current = |unit: i64| -> Result<Vec<i64>> {
            Ok(crate::store::teams::of_unit(tx, unit)?
                .into_iter()
                .map(|t| t.id)
                .filter(|id| {
                    crate::store::teams::merged_into(tx, *id)
                        .map(|m| m.is_none())
                        .unwrap_or(false)
                })
                .collect())
        };
        let survivor = current(into)?.first().copied();
        let absorbed = current(from)?;
        let village = units::get(tx, from)?.level == crate::model::Level::Village;
        units::merge(tx, from, into, date)?;
        if village && let Some(keep) = survivor {
            for team in absorbed {
                crate::store::history::merge_teams(tx, team, keep, date)?;
            }
        }
        Ok(units::get(tx, into)?.title_name())
    })
}
