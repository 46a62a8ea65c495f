//! Reading the spreadsheets offices exchange, writing nothing: `table` turns an .xlsx or .csv
//! into a grid of cells (or a stream of rows), `header` finds the columns by label, and `units`,
//! `roster` and `indicators` check every row into planned rows and a problem list
//! (`model::Problems`) that names every problem with its file, row, column and reason. A file
//! with any problem is refused as a whole; the store writes what was planned.

pub mod header;
pub mod indicators;
pub mod legacy;
pub mod roster;
pub mod table;
pub mod units;

pub use table::{Cell, Sheet, read_table};
