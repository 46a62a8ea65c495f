//! Reading the spreadsheets communes send: `table` turns an .xlsx or .csv into a grid of cells,
//! `report` collects every problem with its file, row, column and reason. A file with any bad
//! row is refused as a whole; nothing is written.
//!
//! The sheet reader that finds a table the way a person does: `sheet_layout` (header rows,
//! sections, totals, notes and signatures), `values` (phones, years, roles as people type them),
//! `encoding` (every encoding a Vietnamese office PC writes), `unit_names` (units named as
//! officials write them) and `workbook` (a chosen sheet with its merged cells).

pub mod encoding;
pub mod header;
pub mod indicators;
pub mod legacy;
pub mod report;
pub mod roster;
pub mod sheet_layout;
pub mod table;
pub mod unit_names;
pub mod units;
pub mod values;
pub mod workbook;

pub use report::{Problem, Report};
pub use table::{Cell, Sheet, header_key, read_table};
