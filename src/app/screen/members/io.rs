//! The member screen's file work, run off the UI thread: checking a roster file (the importer's
//! dry run: nothing is written), importing it, and exporting the roster to Excel. Each function
//! opens its own Store on the data dir (the Store is not Sync); the window passes today's date.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::import::roster;
use crate::model::Problems as Report;

fn run(data_dir: &Path, file: &Path, today: NaiveDate, dry_run: bool) -> Result<Report> {
    let mut store = crate::Store::open_dir(data_dir)?;
    roster::import_file(&mut store, file, &roster::Options { dry_run, today })
}

/// Reads and checks a roster file without writing anything. A refused file comes back as
/// `Error::Refused` with every problem.
pub fn check_roster(data_dir: &Path, file: &Path, today: NaiveDate) -> Result<Report> {
    run(data_dir, file, today, true)
}

/// Imports a roster file that passed the check (the importer writes in one transaction).
pub fn import_roster(data_dir: &Path, file: &Path, today: NaiveDate) -> Result<Report> {
    run(data_dir, file, today, false)
}

/// Writes the roster of the whole registry to `dest` as XLSX (or CSV by its extension).
pub fn export_roster(data_dir: &Path, dest: PathBuf) -> Result<PathBuf> {
    let store = crate::Store::open_dir(data_dir)?;
    let is_csv = dest
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let dest = if is_csv
        || dest
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        dest
    } else {
        dest.with_extension("xlsx")
    };
    let (bytes, rows) = if is_csv {
        let table = crate::export::registry::roster_table(store.conn(), None)?;
        (crate::export::csv::to_bytes(&table)?, table.rows.len())
    } else {
        crate::export::registry::roster_xlsx(store.conn(), None)?
    };
    if rows == 0 {
        return Err(Error::not_allowed("Chưa có thành viên nào để xuất."));
    }
    crate::export::write_atomic(&dest, &bytes)?;
    Ok(dest)
}
