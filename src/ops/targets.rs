//! The yearly targets as a grid, the same for both faces: a unit and the units directly below
//! it × the indicators of the catalogue, read for a year and saved in one transaction (the
//! window's «Chỉ tiêu kế hoạch năm»; `cnscd target set` writes one cell through
//! `indicators::set_target`). A cell typed wrong refuses the whole save, naming the cell.

use crate::error::{Error, Field, Result};
use crate::store::indicators as stored;
use crate::store::{Store, units};

/// A unit's row of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridUnit {
    /// Unit id.
    pub id: i64,
    /// `Xã Hòa Bắc`, `Thôn Nam Yên`.
    pub name: String,
}

/// An indicator's column of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridIndicator {
    /// Its code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Its unit of measure.
    pub measure: String,
}

/// The targets of `year` for a unit and the units below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The year.
    pub year: i32,
    /// The unit first, then the units directly below it.
    pub units: Vec<GridUnit>,
    /// The catalogue's indicators, in order.
    pub indicators: Vec<GridIndicator>,
    /// The targets set: (unit id, indicator code, target).
    pub values: Vec<(i64, String, i64)>,
}

/// The grid of `year` for `unit_id` and the units directly below it.
pub fn grid(store: &Store, unit_id: i64, year: i32) -> Result<Grid> {
    let conn = store.conn();
    let catalogue = stored::catalogue(conn)?;
    let root = units::get(conn, unit_id)?;
    let mut list = vec![root];
    list.extend(units::children(conn, unit_id)?);
    let mut values = Vec::new();
    for u in &list {
        for (id, target) in stored::targets(conn, u.id, year)? {
            if let Some(ind) = catalogue.by_id(id) {
                values.push((u.id, ind.code.clone(), target));
            }
        }
    }
    Ok(Grid {
        year,
        units: list
            .iter()
            .map(|u| GridUnit {
                id: u.id,
                name: u.title_name(),
            })
            .collect(),
        indicators: catalogue
            .all()
            .iter()
            .map(|i| GridIndicator {
                code: i.code.clone(),
                label: i.label.clone(),
                measure: i.measure.clone(),
            })
            .collect(),
        values,
    })
}

/// One cell as the clerk typed it: (unit id, indicator code, text). A blank cell sets nothing.
pub type Cell = (i64, String, String);

/// Saves the typed cells of `year` in one transaction; returns how many targets were set.
/// Refused, nothing written, when a cell is not a whole number ≥ 0 («1.200» is 1200) or names
/// an indicator that is not in the catalogue.
pub fn save(store: &mut Store, year: i32, cells: &[Cell]) -> Result<usize> {
    let conn = store.conn();
    let catalogue = stored::catalogue(conn)?;
    let mut rows = Vec::new();
    for (unit, code, typed) in cells {
        let t = typed.trim();
        if t.is_empty() {
            continue;
        }
        let ind = catalogue.by_code(code).ok_or_else(|| {
            Error::bad_value(Field::Indicator, code.clone(), "không có chỉ tiêu này")
        })?;
        let v = parse_count(t).ok_or_else(|| {
            let name = units::get(conn, *unit)
                .map(|u| u.title_name())
                .unwrap_or_default();
            Error::bad_value(
                Field::Value,
                t.to_string(),
                format!(
                    "chỉ tiêu năm {year} «{}» của {name} cần một số nguyên không âm (ví dụ 1.200)",
                    ind.label
                ),
            )
        })?;
        rows.push((*unit, ind.id, v));
    }
    store.transaction(|tx| {
        for (unit, ind, v) in &rows {
            stored::set_target(tx, *unit, year, *ind, *v)?;
        }
        Ok(rows.len())
    })
}

/// A count as a clerk types it: `1200`, `1.200` (the «.» thousands of the documents).
pub fn parse_count(typed: &str) -> Option<i64> {
    let t = typed.trim();
    let digits = if t.contains('.') {
        // Only well-formed thousands groups: 1.200, 74.422.
        let mut parts = t.split('.');
        let head = parts.next()?;
        if head.is_empty() || head.len() > 3 || parts.clone().any(|p| p.len() != 3) {
            return None;
        }
        t.replace('.', "")
    } else {
        t.to_string()
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_clerks_type_them() {
        assert_eq!(parse_count("1200"), Some(1200));
        assert_eq!(parse_count(" 74.422 "), Some(74422));
        assert_eq!(parse_count("1.20"), None);
        assert_eq!(parse_count("-3"), None);
        assert_eq!(parse_count("5,5"), None);
        assert_eq!(parse_count("năm"), None);
    }
}
