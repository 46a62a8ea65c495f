//! `export focal-points -o FILE.xlsx|.csv`: one focal official per commune (or ward) under a unit
//! — the Tổ trưởng of the commune's own team, else of the first team of its villages — with the
//! commune's count of teams and members, the table the province asks of its districts. The
//! PDF/DOCX list (one row per team, signed) is the document `draft focal-points`.

use std::path::Path;

use super::files;
use crate::error::{Error, Field, Result};
use crate::export::table::{Column, Listing, Value};
use crate::model::{Format, Level, Role, Unit};
use crate::store::Store;
use crate::store::facts::{self, Scope};

/// The column headers, in order.
pub const COLUMNS: [&str; 10] = [
    "STT",
    "Xã/phường",
    "Họ và tên cán bộ đầu mối",
    "Chức vụ trong Tổ",
    "Chức vụ, đơn vị công tác",
    "Số điện thoại",
    "Email",
    "Số Tổ",
    "Số thành viên",
    "Ghi chú",
];

/// The focal-point table of the communes under `root` (itself when it is a commune).
pub fn listing(store: &Store, root: &Unit) -> Result<Listing> {
    let f = facts::load(
        store.conn(),
        Scope {
            unit_id: root.id,
            team_id: None,
            history: false,
        },
    )?;
    let communes: Vec<&Unit> = f
        .subtree
        .iter()
        .filter(|u| u.is_current() && u.level == Level::Commune)
        .collect();
    let mut rows = Vec::new();
    for c in communes {
        let teams: Vec<_> = f
            .teams
            .iter()
            .filter(|t| t.unit.id == c.id || t.commune.as_ref().is_some_and(|x| x.id == c.id))
            .collect();
        let members: usize = teams
            .iter()
            .map(|t| t.members.iter().filter(|m| m.is_active()).count())
            .sum();
        // The commune's own team first: its leader speaks for the commune.
        let leader = teams
            .iter()
            .filter(|t| t.unit.id == c.id)
            .chain(teams.iter().filter(|t| t.unit.id != c.id))
            .find_map(|t| {
                t.members
                    .iter()
                    .find(|m| m.is_active() && m.role == Role::Leader)
            });
        let opt = |s: Option<&String>| Value::opt(s.map(String::as_str));
        rows.push(vec![
            Value::Number((rows.len() + 1) as f64),
            Value::text(c.title_name()),
            match leader {
                Some(m) => Value::text(&m.full_name),
                None => Value::Empty,
            },
            match leader {
                Some(_) => Value::text(Role::Leader.label()),
                None => Value::Empty,
            },
            opt(leader.and_then(|m| m.position.as_ref())),
            opt(leader.and_then(|m| m.phone.as_ref())),
            opt(leader.and_then(|m| m.email.as_ref())),
            Value::Number(teams.len() as f64),
            Value::Number(members as f64),
            if leader.is_none() {
                Value::text("Chưa có Tổ trưởng")
            } else {
                Value::Empty
            },
        ]);
    }
    let mut columns: Vec<Column> = COLUMNS.iter().map(|h| Column::new(h)).collect();
    // Phone numbers keep their leading zero.
    columns[5] = Column::text(COLUMNS[5]);
    Ok(Listing {
        title: format!(
            "DANH SÁCH CÁN BỘ ĐẦU MỐI TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG – {}",
            root.upper_name()
        ),
        columns,
        rows,
    })
}

/// Writes the focal-point table of `root` to `output` (.xlsx or .csv); returns how many
/// communes it lists.
pub fn export(store: &Store, root: &Unit, output: &Path) -> Result<usize> {
    let table = listing(store, root)?;
    let bytes = match Format::of_path(output) {
        Some(Format::Xlsx) => crate::export::xlsx::to_bytes(&table)?,
        Some(Format::Csv) => crate::export::csv::to_bytes(&table)?,
        _ => {
            return Err(Error::bad_value(
                Field::Output,
                output.display().to_string(),
                "danh sách đầu mối xuất ra .xlsx, .csv (bảng) hoặc .pdf, .docx (văn bản)",
            ));
        }
    };
    files::write_atomic(output, &bytes)?;
    Ok(table.rows.len())
}
