//! Report deadlines: a date attached to a period and the level of the units that report (default
//! the 20th of the period's last month, editable and stored), and which children are late.

use chrono::NaiveDate;

use super::aggregate::{Aggregate, UnitRef};

/// The children that have reported nothing although their deadline has passed on `today`.
pub fn late(agg: &Aggregate, deadline: Option<NaiveDate>, today: NaiveDate) -> &[UnitRef] {
    match deadline {
        Some(d) => agg.late(d, today),
        None => &[],
    }
}
