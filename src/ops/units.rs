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

/// Merges `from` into `into` on `date`; returns the surviving unit's name as shown.
pub fn merge(store: &mut Store, from: i64, into: i64, date: NaiveDate) -> Result<String> {
    store.transaction(|tx| {
        units::merge(tx, from, into, date)?;
        Ok(units::get(tx, into)?.title_name())
    })
}
