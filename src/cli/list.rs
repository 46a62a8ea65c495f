//! `list units|teams|members`.

use super::{ListWhat, print_json, say};
use crate::error::Result;
use crate::ops::registry::{self, MemberRow};
use crate::ops::{Store, lifecycle};

/// Which members `list members` prints.
#[derive(Debug, Default)]
pub struct Which {
    /// Members who left too.
    pub all: bool,
    /// On this date (`dd/mm/yyyy`).
    pub as_of: Option<String>,
}

/// `cnscd list units|teams|members [--unit U] [--json] [--all] [--as-of D]`.
pub fn list(
    store: &Store,
    what: ListWhat,
    unit: Option<&str>,
    json: bool,
    which: Which,
) -> Result<()> {
    let root = unit.map(|u| registry::resolve_unit(store, u)).transpose()?;
    match what {
        ListWhat::Units => {
            let rows = registry::unit_rows(store, root.as_ref())?;
            if json {
                return print_json(&rows);
            }
            for r in &rows {
                say!(
                    "{}\t{}\t{}\t{}",
                    r.code,
                    r.name,
                    r.level,
                    r.parent.as_deref().unwrap_or("")
                );
            }
            say!("Tổng: {} đơn vị.", rows.len());
        }
        ListWhat::Teams => {
            let rows = registry::team_rows(store, root.as_ref())?;
            if json {
                return print_json(&rows);
            }
            for r in &rows {
                say!("{}\t{}\t{}\t{} thành viên", r.id, r.unit, r.name, r.members);
            }
            say!("Tổng: {} tổ.", rows.len());
        }
        ListWhat::Members => {
            let root_id = root.as_ref().map(|u| u.id);
            let list = match (&which.as_of, which.all) {
                (Some(d), _) => lifecycle::members_on(store, root_id, lifecycle::date(d)?)?,
                (None, true) => lifecycle::members_with_left(store, root_id)?,
                (None, false) => registry::member_list(store, root.as_ref())?,
            };
            let rows: Vec<MemberRow> = lifecycle::member_rows(store, &list)?;
            if json {
                return print_json(&rows);
            }
            for m in &list {
                say!(
                    "{}\t{}\t{}\t{}\t{}",
                    m.id,
                    m.full_name,
                    m.year_of_birth.map(|y| y.to_string()).unwrap_or_default(),
                    m.role.label(),
                    m.phone.as_deref().unwrap_or("")
                );
            }
            say!("Tổng: {} thành viên.", rows.len());
        }
    }
    Ok(())
}
