//! A unit's yearly target allocated downward, the same for both faces: split over the units
//! directly below it (a district's over its communes, a commune's over its villages) by their
//! members or evenly, in whole numbers that add up to the unit's target (the largest-remainder
//! rule of `report::targets::split`). Computing writes nothing: the window fills the grid's
//! cells with the shares for the clerk to correct before «Lưu chỉ tiêu»; `cnscd target
//! allocate` prints them and saves them (not with `--dry-run`) through the grid's own save.

use chrono::NaiveDate;

use super::targets::{self, Cell};
use crate::error::{Error, Field, Result};
use crate::store::indicators as stored;
use crate::store::{Store, members, units};

/// How a target is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Basis {
    /// In proportion to the members on the teams of each unit below, on the day.
    #[default]
    Members,
    /// The same share for each unit below.
    Evenly,
}

impl Basis {
    /// Both, in the order a picker lists them.
    pub const ALL: [Basis; 2] = [Basis::Members, Basis::Evenly];

    /// As a clerk reads it.
    pub fn label(self) -> &'static str {
        match self {
            Basis::Members => "Theo số thành viên Tổ",
            Basis::Evenly => "Chia đều",
        }
    }

    /// As a sentence says it (`theo số thành viên Tổ`).
    pub fn phrase(self) -> &'static str {
        match self {
            Basis::Members => "theo số thành viên Tổ",
            Basis::Evenly => "chia đều",
        }
    }

    /// `members` / `thanh-vien`, `evenly` / `deu` (`--by`).
    pub fn parse(s: &str) -> Result<Basis> {
        match crate::vietnamese::header_key(s).as_str() {
            "members" | "thanh vien" | "thanh-vien" => Ok(Basis::Members),
            "evenly" | "even" | "deu" | "chia deu" => Ok(Basis::Evenly),
            _ => Err(Error::bad_value(
                Field::Value,
                s,
                "--by nhận «members» (theo số thành viên Tổ) hoặc «evenly» (chia đều)",
            )),
        }
    }
}

impl std::fmt::Display for Basis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// One unit's share.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Share {
    /// Unit id.
    pub id: i64,
    /// Unit code.
    pub code: String,
    /// `Xã Hòa Bắc`.
    pub name: String,
    /// Members on its teams on the day.
    pub members: usize,
    /// Its share of the target.
    pub value: i64,
}

/// A target split over the units below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// The unit whose target is split.
    pub unit: String,
    /// The indicator's code, label and unit of measure.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Its unit of measure.
    pub measure: String,
    /// The target split.
    pub total: i64,
    /// The shares, in registry order; they add up to `total`.
    pub shares: Vec<Share>,
}

impl Allocation {
    /// The shares as the grid's cells of `year`, for `targets::save`.
    pub fn cells(&self) -> Vec<Cell> {
        self.shares
            .iter()
            .map(|s| (s.id, self.code.clone(), s.value.to_string()))
            .collect()
    }
}

/// Splits `unit_id`'s target of `year` for indicator `code` (a code or a label) over the units
/// directly below it, counting members on `day`. `total` is the target to split (the window's
/// typed cell); `None` takes the one saved, refused when there is none. Writes nothing.
pub fn allocate(
    store: &Store,
    unit_id: i64,
    year: i32,
    code: &str,
    basis: Basis,
    total: Option<i64>,
    day: NaiveDate,
) -> Result<Allocation> {
    let conn = store.conn();
    let catalogue = stored::catalogue(conn)?;
    let ind = catalogue
        .by_code(code.trim())
        .or_else(|| catalogue.match_header(code))
        .ok_or_else(|| {
            Error::bad_value(
                Field::Indicator,
                code,
                "không có chỉ tiêu này; xem mã chỉ tiêu bằng lệnh «cnscd target list»",
            )
        })?
        .clone();
    let unit = units::get(conn, unit_id)?;
    let total = match total {
        Some(t) => t,
        None => stored::targets(conn, unit_id, year)?
            .into_iter()
            .find(|(id, _)| *id == ind.id)
            .map(|(_, t)| t)
            .ok_or_else(|| {
                Error::not_allowed(format!(
                    "{} chưa có chỉ tiêu năm {year} «{}»: hãy đặt chỉ tiêu đó trước (cnscd \
                     target set, hoặc bảng chỉ tiêu trong Cài đặt) rồi chia xuống.",
                    unit.title_name(),
                    ind.label
                ))
            })?,
    };
    let below: Vec<_> = units::children(conn, unit_id)?
        .into_iter()
        .filter(|u| u.is_current())
        .collect();
    if below.is_empty() {
        return Err(Error::not_allowed(format!(
            "{} không có đơn vị trực thuộc nào để chia chỉ tiêu.",
            unit.title_name()
        )));
    }
    let mut counts = Vec::with_capacity(below.len());
    for u in &below {
        counts.push(members::active_on(conn, Some(u.id), day)?.len());
    }
    if basis == Basis::Members && counts.iter().all(|c| *c == 0) {
        return Err(Error::not_allowed(format!(
            "Các đơn vị trực thuộc {} chưa có thành viên Tổ nào: hãy chia đều.",
            unit.full_name()
        )));
    }
    let weights: Vec<i64> = match basis {
        Basis::Members => counts
            .iter()
            .map(|c| i64::try_from(*c).unwrap_or(i64::MAX))
            .collect(),
        Basis::Evenly => vec![1; below.len()],
    };
    let values = crate::report::targets::split(total, &weights);
    Ok(Allocation {
        unit: unit.title_name(),
        code: ind.code,
        label: ind.label,
        measure: ind.measure,
        total,
        shares: below
            .into_iter()
            .zip(counts)
            .zip(values)
            .map(|((u, members), value)| Share {
                id: u.id,
                name: u.title_name(),
                code: u.code,
                members,
                value,
            })
            .collect(),
    })
}

/// Every indicator `unit_id` has a target of for `year`, each split (`cnscd target allocate`
/// without `--indicator`).
pub fn allocate_all(
    store: &Store,
    unit_id: i64,
    year: i32,
    basis: Basis,
    day: NaiveDate,
) -> Result<Vec<Allocation>> {
    let set = super::indicators::targets(store, unit_id, year)?;
    if set.is_empty() {
        let unit = units::get(store.conn(), unit_id)?;
        return Err(Error::not_allowed(format!(
            "{} chưa có chỉ tiêu năm {year} nào để chia xuống.",
            unit.title_name()
        )));
    }
    set.iter()
        .map(|t| allocate(store, unit_id, year, &t.indicator, basis, None, day))
        .collect()
}

/// Saves the shares as the units' own targets of `year`, in one transaction (the grid's save).
pub fn save(store: &mut Store, year: i32, allocations: &[Allocation]) -> Result<usize> {
    let cells: Vec<Cell> = allocations.iter().flat_map(Allocation::cells).collect();
    targets::save(store, year, &cells)
}
