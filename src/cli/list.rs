//! `list units|teams|members|documents`.

use super::{ListWhat, print_json, say};
use crate::error::Result;
use crate::ops::member_filter::{self, MemberFilter, Standing};
use crate::ops::registry::{self, MemberRow};
use crate::ops::{Store, lifecycle};

/// Which members `list members` prints.
#[derive(Debug, Default, clap::Args)]
pub struct Which {
    /// Thành viên: gồm cả người đã rời Tổ.
    #[arg(long)]
    pub all: bool,
    /// Thành viên: danh sách vào một ngày (dd/mm/yyyy).
    #[arg(long)]
    pub as_of: Option<String>,
    /// Thành viên: chỉ người đã rời Tổ.
    #[arg(long, conflicts_with_all = ["all", "as_of"])]
    pub left: bool,
    /// Thành viên: chỉ chức vụ này trong Tổ (leader, deputy hoặc member).
    #[arg(long)]
    pub role: Option<String>,
    /// Thành viên: chỉ người đã (có) hoặc chưa (không) tập huấn.
    #[arg(long)]
    pub trained: Option<String>,
    /// Thành viên: chỉ thành viên của Tổ này (số hiệu hoặc tên Tổ).
    #[arg(long)]
    pub team: Option<String>,
    /// Thành viên: tìm theo tên hoặc số điện thoại, như ô tìm kiếm của cửa sổ.
    #[arg(long)]
    pub search: Option<String>,
}

impl Which {
    /// The filter the window's member list applies for the same choices.
    fn filter(&self, store: &Store) -> Result<MemberFilter> {
        Ok(MemberFilter {
            role: self
                .role
                .as_deref()
                .map(super::registry::role)
                .transpose()?,
            trained: self
                .trained
                .as_deref()
                .map(super::registry::yes_no)
                .transpose()?,
            teams: match &self.team {
                Some(t) => Some(std::collections::BTreeSet::from([lifecycle::resolve_team(
                    store, t,
                )?
                .id])),
                None => None,
            },
        })
    }
}

/// `cnscd list units|teams|members|documents [--unit U] [--json] [--all|--left] [--as-of D]
/// [--role R] [--trained có|không] [--team T] [--search Q]`.
pub fn list(
    store: &Store,
    what: ListWhat,
    unit: Option<&str>,
    json: bool,
    which: Which,
) -> Result<()> {
    if what == ListWhat::Documents {
        return documents(store, json);
    }
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
        ListWhat::Documents => {}
        ListWhat::Members => {
            let root_id = root.as_ref().map(|u| u.id);
            let filter = which.filter(store)?;
            let list = match (&which.as_of, which.all, which.left) {
                (Some(d), _, _) => lifecycle::members_on(store, root_id, lifecycle::date(d)?)?,
                (None, true, _) => member_filter::members_of(store, root_id, Standing::All)?,
                (None, _, true) => member_filter::members_of(store, root_id, Standing::Left)?,
                (None, false, false) => registry::member_list(store, root.as_ref())?,
            };
            // The same narrowing and ranking as the window's list.
            let index = member_filter::index_of(&list);
            let query = which.search.as_deref().unwrap_or("");
            let list: Vec<_> = member_filter::matching(&list, &index, &filter, query)
                .into_iter()
                .map(|i| list[i as usize].clone())
                .collect();
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

/// `cnscd list documents [--json]`: the register, oldest first: `id`, `kind`, `number` (null for
/// a draft), `date`, `status`, `summary`, `signer`, `files` (interfaces.md §7).
fn documents(store: &Store, json: bool) -> Result<()> {
    use crate::vietnamese::date_short;
    let entries = crate::ops::documents::register(store)?;
    if json {
        let rows: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id,
                    "kind": e.kind,
                    "number": e.number,
                    "reference": e.number.map(|_| e.reference()),
                    "date": e.issued_on.map(|d| d.to_string()),
                    "status": e.status.code(),
                    "summary": e.summary,
                    // Why a number was reserved or voided (empty otherwise).
                    "reason": e.reason,
                    "signer": e.signer,
                    // Every file of the entry: a draft exported as PDF and DOCX is one entry.
                    "files": if e.files.is_empty() {
                        e.output_path.iter().cloned().collect::<Vec<_>>()
                    } else {
                        e.files.clone()
                    },
                })
            })
            .collect();
        return print_json(&rows);
    }
    for e in &entries {
        say!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            e.id,
            e.number
                .map(|_| e.reference())
                .unwrap_or_else(|| "dự thảo".into()),
            e.issued_on.map(date_short).unwrap_or_default(),
            if e.reason.is_empty() {
                e.summary.clone()
            } else {
                format!("{} — {}: {}", e.summary, e.status.label(), e.reason)
            },
            e.signer,
            if e.files.is_empty() {
                e.output_path.clone().unwrap_or_default()
            } else {
                e.files.join("; ")
            }
        );
    }
    say!("Tổng: {} văn bản.", entries.len());
    Ok(())
}
