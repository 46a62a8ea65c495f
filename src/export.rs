//! Writers from values to bytes: spreadsheets (xlsx, csv), and documents (pdf, docx). No file
//! I/O here except `write_atomic`, which every command uses to put bytes on disk safely.

pub mod csv;
pub mod docx;
pub mod example;
pub mod pdf;
pub mod raster;
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

/// A document in the format `output`'s extension names: .pdf, .docx, or .json (the Document
/// itself, for checking a template without a renderer).
pub fn render_document(doc: &crate::document::Document, output: &Path) -> Result<Vec<u8>> {
    render_as(doc, &extension(output)).unwrap_or_else(|| {
        Err(Error::invalid(format!(
            "Tệp {} phải có đuôi .pdf hoặc .docx.",
            output.display()
        )))
    })
}

/// A document in `format` (`pdf`, `docx` or `json`); `None` for a format there is no renderer of.
pub fn render_as(doc: &crate::document::Document, format: &str) -> Option<Result<Vec<u8>>> {
    Some(match format {
        "pdf" => pdf::render_pdf(doc).map(|r| r.bytes),
        "docx" => docx::render_docx(doc),
        "json" => serde_json::to_vec_pretty(doc)
            .map_err(|e| Error::invalid(format!("Không tạo được JSON: {e}"))),
        _ => return None,
    })
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
