//! Report deadlines: a date attached to a period and the level of the units that report (default
//! the 20th of the period's last month, editable and stored), and which children are late.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::aggregate::{Aggregate, UnitRef};
use crate::error::Result;
use crate::model::Level;
use crate::store::indicators;

/// The deadline of the children of the report's unit for the report's period, or `None` for a
/// unit without a level below it.
pub fn for_children(conn: &Connection, agg: &Aggregate) -> Result<Option<NaiveDate>> {
    match agg.level.below() {
        Some(level) => Ok(Some(indicators::deadline(conn, agg.period, level)?)),
        None => Ok(None),
    }
}

/// The children that have reported nothing although their deadline has passed on `today`.
pub fn late(agg: &Aggregate, deadline: Option<NaiveDate>, today: NaiveDate) -> &[UnitRef] {
    match deadline {
        Some(d) => agg.late(d, today),
        None => &[],
    }
}

/// Sets the deadline of `period` for units of `level`.
pub fn set(
    conn: &Connection,
    period: crate::model::Period,
    level: Level,
    due: NaiveDate,
) -> Result<()> {
    indicators::set_deadline(conn, period, level, due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn default_then_edited_deadline() {
        let s = Store::open_in_memory().expect("db");
        let q: crate::model::Period = "2024-Q2".parse().expect("period");
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).expect("date");
        assert_eq!(
            indicators::deadline(s.conn(), q, Level::Commune).expect("deadline"),
            d(6, 20)
        );
        set(s.conn(), q, Level::Commune, d(6, 25)).expect("set");
        assert_eq!(
            indicators::deadline(s.conn(), q, Level::Commune).expect("deadline"),
            d(6, 25)
        );
        assert_eq!(
            indicators::deadline(s.conn(), q, Level::Village).expect("deadline"),
            d(6, 20)
        );
    }
}
