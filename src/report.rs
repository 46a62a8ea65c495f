//! Indicator reports: aggregation up the unit tree and over periods (the one source of the
//! numbers every report prints), deadlines and late units, and plans against results. Pure:
//! the store loads the values, the catalogue and the targets; period arithmetic is `model`'s.

pub mod aggregate;
pub mod checks;
pub mod deadline;
pub mod targets;

pub use aggregate::{Aggregate, UnitTree};
