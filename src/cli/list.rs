//! `list units|teams|members`.

use super::{ListWhat, print_json, say};
use crate::error::Result;
use crate::ops::Store;
use crate::ops::registry::{self, MemberRow};

/// `cnscd list units|teams|members [--unit U] [--json]`.
pub fn list(store: &Store, what: ListWhat, unit: Option<&str>, json: bool) -> Result<()> {
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
            let list = registry::member_list(store, root.as_ref())?;
            let rows: Vec<MemberRow> = list.iter().map(Into::into).collect();
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
