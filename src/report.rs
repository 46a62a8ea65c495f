//! Indicators and periods: the catalogue, period arithmetic, aggregation up the unit tree,
//! deadlines and missing units, plans vs results, and sample values. Owned by the indicators
//! work (issue 4). `aggregate` is the one source of the numbers every report prints.

pub mod aggregate;
pub mod deadline;
pub mod sample;
pub mod targets;

pub use crate::model::{Catalogue, Indicator, Period};
pub use aggregate::{Aggregate, UnitTree, aggregate};
pub use sample::sample_values;
