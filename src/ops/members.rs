//! Adding a member from the window's form: the store checks the member's fields by the same
//! rules the roster import follows (`model::check_person`) and writes them in one transaction.

use chrono::NaiveDate;

use crate::error::Result;
use crate::model::{Member, NewMember};
use crate::store::{Store, members};

/// Adds `new` to its team on `today`'s rules (the store checks them); returns the member.
pub fn add(store: &mut Store, new: &NewMember, today: NaiveDate) -> Result<Member> {
    let new = &super::hygiene::new_member(store, new)?;
    store.transaction(|tx| members::insert(tx, new, today))
}
