//! `sample` and `list`.

use super::say;
use serde::Serialize;

use super::{ListWhat, print_json};
use crate::error::Result;
use crate::sample::Scale;
use crate::store::{Store, members, teams, units};

/// `cnscd sample --scale S --seed N`.
pub fn sample(store: &mut Store, scale: Scale, seed: u64) -> Result<()> {
    let counts = crate::sample::generate(store, scale, seed)?;
    say!(
        "Đã tạo dữ liệu mẫu quy mô {}: {} đơn vị, {} tổ, {} thành viên.",
        scale.label(),
        counts.units,
        counts.teams,
        counts.members
    );
    Ok(())
}

#[derive(Serialize)]
struct UnitRow {
    code: String,
    name: String,
    level: &'static str,
    parent: Option<String>,
}

/// `cnscd list units|teams|members [--unit U] [--json]`.
pub fn list(store: &Store, what: ListWhat, unit: Option<&str>, json: bool) -> Result<()> {
    let conn = store.conn();
    let root = unit.map(|u| units::resolve(conn, u)).transpose()?;
    match what {
        ListWhat::Units => {
            let all = units::all(conn)?;
            let codes: std::collections::HashMap<i64, &str> =
                all.iter().map(|u| (u.id, u.code.as_str())).collect();
            let keep: Option<std::collections::HashSet<i64>> = root
                .as_ref()
                .map(|r| units::subtree_ids(conn, r.id))
                .transpose()?
                .map(|v| v.into_iter().collect());
            let rows: Vec<UnitRow> = all
                .iter()
                .filter(|u| keep.as_ref().is_none_or(|k| k.contains(&u.id)))
                .map(|u| UnitRow {
                    code: u.code.clone(),
                    name: u.title_name(),
                    level: u.level.code(),
                    parent: u
                        .parent_id
                        .and_then(|p| codes.get(&p).map(|c| c.to_string())),
                })
                .collect();
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
            let rows = teams::rows(conn, root.as_ref().map(|r| r.id))?;
            if json {
                return print_json(&rows);
            }
            for r in &rows {
                say!("{}\t{}\t{}\t{} thành viên", r.id, r.unit, r.name, r.members);
            }
            say!("Tổng: {} tổ.", rows.len());
        }
        ListWhat::Members => {
            let mut list = members::active(conn, root.as_ref().map(|r| r.id))?;
            crate::vietnamese::sort_by_name(&mut list, |m| &m.full_name);
            let rows: Vec<members::MemberRow> = list.iter().map(Into::into).collect();
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
