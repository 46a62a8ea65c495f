//! The operations: one function per thing a clerk does, the same for the window and the command
//! line. Each takes plain values, a store handle, `today` (or the moment) and a cancel flag where
//! the work is long, and returns a typed outcome (counts, paths, the register id, the problem
//! list) the face prints or shows. This is the only layer that combines the store, the
//! documents, the renderers, the importers, the reports, the signatures, files and the clock the
//! faces read.

pub mod allocate;
pub mod batch;
pub mod clock;
pub mod data;
pub mod documents;
pub mod files;
pub mod focal;
pub mod hygiene;
pub mod indicators;
pub mod lifecycle;
pub mod member_filter;
pub mod members;
pub mod numbers;
pub mod reading;
pub mod registry;
pub mod roster;
pub mod sample;
pub mod settings;
pub mod sign;
pub mod targets;
pub mod tasks;
pub mod transfer;
pub mod units;
pub mod workspace;

pub use clock::Moment;
pub use workspace::Workspace;

pub use crate::error::{Error, Field, Result};
pub use crate::model::{DocKind, Entry, Format, Office, Period, Problems, Status, Unit};
pub use crate::store::Store;
/// Text from files made safe to print on a terminal (the command line prints through it).
pub use crate::vietnamese::terminal::lines_for_terminal;
