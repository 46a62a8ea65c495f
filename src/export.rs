//! Writers from values to bytes: spreadsheets (xlsx, csv), documents (pdf, docx) and the
//! register. No database, no files: the caller writes the bytes where the clerk asked.

pub mod csv;
pub mod docx;
pub mod example;
pub mod listing;
pub mod pdf;
pub mod raster;
pub mod register;
pub mod report_xlsx;
pub mod stamp;
pub mod table;
pub mod xlsx;

use crate::document::Document;
use crate::error::{Error, Field, Result};
use crate::model::Format;

/// A document in `format`: PDF, DOCX, or JSON (the `Document` itself, for checking a template
/// without a renderer). A sheet format is refused.
pub fn render_as(doc: &Document, format: Format) -> Result<Vec<u8>> {
    render_with(doc, format, None)
}

/// `render_as`, sharing `fonts` (the deflated font subsets a batch keeps meeting) when given.
pub fn render_with(
    doc: &Document,
    format: Format,
    fonts: Option<&pdf::FontCache>,
) -> Result<Vec<u8>> {
    match format {
        Format::Pdf => pdf::render_pdf_with(doc, fonts).map(|r| r.bytes),
        Format::Docx => docx::render_docx(doc),
        Format::Json => {
            serde_json::to_vec_pretty(doc).map_err(|e| Error::internal(format!("tạo JSON: {e}")))
        }
        Format::Xlsx | Format::Csv => Err(Error::bad_value(
            Field::Output,
            format!(".{}", format.extension()),
            "văn bản chỉ xuất ra .pdf hoặc .docx",
        )),
    }
}
