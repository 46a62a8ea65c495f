//! Writers from values to bytes: spreadsheets (xlsx, csv), and documents (pdf, docx). No file
//! I/O here except `write_atomic`, which every command uses to put bytes on disk safely.

pub mod csv;
pub mod docx;
pub mod example;
pub mod pdf;
pub mod registry;
pub mod report_xlsx;
pub mod table;
pub mod xlsx;

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// A file's extension in lower case (`"xlsx"` for `Bảng.XLSX`), empty when it has none: what the
/// commands choose a format by.
pub fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// Writes `bytes` to a temporary file beside `dest` and renames it over `dest`, so a reader never
/// sees half a file and a failure leaves no output.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<()> {
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".cnscd-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(dest, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(dest, e))?;
    tmp.persist(dest).map_err(|e| Error::io(dest, e.error))?;
    Ok(())
}
