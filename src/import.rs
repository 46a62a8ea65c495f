//! Reading the spreadsheets offices exchange, writing nothing: `table` turns an .xlsx or .csv
//! into a grid of cells (or a stream of rows), `header` finds the columns by label, and `units`,
//! `roster` and `indicators` check every row into planned rows and a problem list
//! (`model::Problems`) that names every problem with its file, row, column and reason. A file
//! with any problem is refused as a whole; the store writes what was planned.
//!
//! The sheet reader that finds a table the way a person does: `sheet_layout` (header rows,
//! sections, totals, notes and signatures), `values` (phones, years, roles as people type them),
//! `encoding` (every encoding a Vietnamese office PC writes), `unit_names` (units named as
//! officials write them) and `workbook` (a chosen sheet with its merged cells).

pub mod encoding;
pub mod extent;
pub mod header;
pub mod indicators;
pub mod legacy;
pub mod reading;
pub mod roster;
pub mod sheet_layout;
pub mod table;
pub mod unit_names;
pub mod units;
pub mod values;
pub mod workbook;

pub use table::{Cell, Sheet, read_table};
