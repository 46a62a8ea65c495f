//! Issuing a draft: the register gives it the next number of the year and the issue date, the
//! file it was exported to is written again with them (so the PDF that is signed carries its
//! number), and a decision becomes the decision of the teams it covers. The file is made from the
//! document the clerk reviewed, kept in the register, never drafted again from data that may
//! have changed since.

use std::path::Path;

use chrono::NaiveDate;

use super::Document;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::documents::{self, Entry};

/// Issues register entry `id` on `date`, in one transaction; returns the issued entry and the
/// file written again, if there was one to write.
pub fn issue(
    store: &mut Store,
    id: i64,
    date: NaiveDate,
) -> Result<(Entry, Option<std::path::PathBuf>)> {
    store.transaction(|tx| {
        let entry = documents::assign_number(tx, id, date)?;
        let written = rewrite(tx, &entry)?;
        documents::record_on_teams(tx, &entry)?;
        Ok((documents::get(tx, id)?, written))
    })
}

/// Writes the entry's PDF or DOCX again with its number and date, when the register kept the
/// reviewed document and the file is still where it was exported.
fn rewrite(conn: &rusqlite::Connection, entry: &Entry) -> Result<Option<std::path::PathBuf>> {
    let (Some(path), Some(number), Some(date)) = (
        entry.output_path.as_deref().map(Path::new),
        entry.number,
        entry.issued_on,
    ) else {
        return Ok(None);
    };
    let format = crate::export::extension(path);
    if !path.is_file() || !matches!(format.as_str(), "pdf" | "docx") {
        return Ok(None);
    }
    let Some(body) = documents::body(conn, entry.id)? else {
        return Ok(None);
    };
    let reviewed: Document = serde_json::from_str(&body).map_err(|e| {
        tracing::warn!(error = %e, "stored document body");
        Error::Db {
            cause: crate::error::DbCause::Corrupt,
            path: None,
        }
    })?;
    let issued = reviewed.numbered(number, &entry.symbol, date);
    let bytes = crate::export::render_document(&issued, path)?;
    crate::export::write_atomic(path, &bytes)?;
    documents::set_sha256(conn, entry.id, &crate::sign::sha256_hex(&bytes))?;
    Ok(Some(path.to_path_buf()))
}
