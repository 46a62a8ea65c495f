//! Reading the spreadsheets communes send: `table` turns an .xlsx or .csv into a grid of cells,
//! `report` collects every problem with its file, row, column and reason. A file with any bad
//! row is refused as a whole; nothing is written.

pub mod header;
pub mod indicators;
pub mod legacy;
pub mod roster;
pub mod table;
pub mod units;

pub use crate::model::{Problem, Problems};
pub use table::{Cell, Sheet, header_key, read_table};
