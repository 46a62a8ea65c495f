//! The member screen's file work, run off the UI thread: checking a roster file (the importer's
//! dry run: nothing is written), importing it, and exporting the list to Excel. Each function
//! opens its own Store on the data dir (the Store is not Sync).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::import::Report;

/// Reads and checks a roster file without writing anything.
pub fn check_roster(_data_dir: &Path, _file: &Path) -> Result<Report> {
    Err(Error::Unsupported("nhập danh sách từ Excel".into()))
}

/// Imports a roster file that passed the check, in one transaction.
pub fn import_roster(_data_dir: &Path, _file: &Path) -> Result<Report> {
    Err(Error::Unsupported("nhập danh sách từ Excel".into()))
}

/// Writes the roster of the whole registry to `dest` as XLSX.
pub fn export_roster(_data_dir: &Path, dest: PathBuf) -> Result<PathBuf> {
    let _ = dest;
    Err(Error::Unsupported("xuất danh sách ra Excel".into()))
}
