//! Indicators and periods: the catalogue, period arithmetic, aggregation up the unit tree,
//! deadlines and missing units, plans vs results, and sample values. Owned by the indicators
//! work (issue 4). `aggregate` is the one source of the numbers every report prints.

pub mod aggregate;
pub mod catalogue;
pub mod deadline;
pub mod period;
pub mod sample;
pub mod targets;

pub use aggregate::{Aggregate, UnitTree, aggregate};
pub use catalogue::{Catalogue, Indicator};
pub use period::Period;
pub use sample::sample_values;
