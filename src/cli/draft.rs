//! `draft decision|plan|report|focal-points` and `export roster|focal-points` to .pdf/.docx: the
//! template engine (`document::fill`), the Nghị định 30 check (`document::lint`), a renderer
//! chosen by the output's extension, `write_atomic`, and a draft entry in the document register.

use std::path::Path;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::{DraftArgs, DraftWhat};
use crate::document::fill::{self, Request, TemplateDirs};
use crate::document::lint::{self, Severity};
use crate::document::{DocKind, Document};
use crate::error::{Error, Result};
use crate::store::{Store, documents, settings, units};

/// The output formats a document can be written in, by extension.
fn render(doc: &Document, output: &Path) -> Result<Vec<u8>> {
    match crate::export::extension(output).as_str() {
        "pdf" => crate::export::pdf::render_pdf(doc).map(|r| r.bytes),
        "docx" => crate::export::docx::render_docx(doc),
        // The Document itself, for checking a template without a renderer.
        "json" => serde_json::to_vec_pretty(doc)
            .map_err(|e| Error::invalid(format!("Không tạo được JSON: {e}"))),
        _ => Err(Error::invalid(format!(
            "Tệp {} phải có đuôi .pdf hoặc .docx.",
            output.display()
        ))),
    }
}

/// The document date: today, or `CNSCD_TODAY` (YYYY-MM-DD) so scripts and tests get a fixed one.
fn today() -> Result<NaiveDate> {
    match std::env::var("CNSCD_TODAY") {
        Ok(s) if !s.is_empty() => NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
            Error::invalid(format!(
                "CNSCD_TODAY=\"{s}\" không phải ngày dạng 2024-03-05."
            ))
        }),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// `cnscd draft …`.
pub fn draft(store: &mut Store, data_dir: &Path, args: DraftArgs) -> Result<()> {
    let unit = units::resolve(store.conn(), &args.unit)?;
    let kind = match args.what {
        DraftWhat::Decision => match args.kind.as_deref() {
            Some("thanh-lap") => DocKind::DecisionEstablish,
            Some("kien-toan") => DocKind::DecisionConsolidate,
            Some(other) => {
                return Err(Error::invalid(format!(
                    "--kind \"{other}\" không có; dùng thanh-lap hoặc kien-toan."
                )));
            }
            None => fill::decision_kind(store.conn(), &unit)?,
        },
        DraftWhat::Plan => DocKind::Plan,
        DraftWhat::Report => DocKind::Report,
        DraftWhat::FocalPoints => DocKind::FocalPoints,
    };
    let req = Request {
        kind,
        unit_id: unit.id,
        team_id: None,
        date: today()?,
        year: args.year,
        period: args.period.clone(),
        number: None,
    };
    produce(store, data_dir, &req, &args.output, args.force)
}

/// `cnscd export roster|focal-points -o FILE.pdf|.docx [--unit U]`.
pub fn export(
    store: &mut Store,
    data_dir: &Path,
    kind: DocKind,
    unit: Option<&str>,
    output: &Path,
) -> Result<()> {
    let unit = match unit {
        Some(u) => units::resolve(store.conn(), u)?,
        None => {
            let office = settings::office(store.conn())?;
            office
                .unit_code
                .as_deref()
                .map(|c| units::by_code(store.conn(), c))
                .transpose()?
                .flatten()
                .ok_or_else(|| {
                    Error::invalid("Hãy chọn đơn vị (--unit): hồ sơ cơ quan chưa có đơn vị.")
                })?
        }
    };
    let req = Request {
        kind,
        unit_id: unit.id,
        team_id: None,
        date: today()?,
        year: None,
        period: None,
        number: None,
    };
    produce(store, data_dir, &req, output, false)
}

/// Whether an export target is a document (rendered through templates) rather than a sheet.
pub fn is_document(output: &Path) -> bool {
    matches!(
        crate::export::extension(output).as_str(),
        "pdf" | "docx" | "json"
    )
}

fn produce(
    store: &mut Store,
    data_dir: &Path,
    req: &Request,
    output: &Path,
    force: bool,
) -> Result<()> {
    let dirs = TemplateDirs::for_data_dir(data_dir);
    let drafted = fill::draft(store.conn(), &dirs, req)?;
    let findings = lint::lint(&drafted.document);
    for f in &findings {
        eprintln!("{f}");
    }
    if lint::has_errors(&findings) && !force {
        let n = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        return Err(Error::invalid(format!(
            "Văn bản chưa đúng thể thức Nghị định 30 ({n} lỗi ở trên); không xuất tệp. \
             Sửa mẫu hoặc dữ liệu, hoặc dùng --force để vẫn xuất."
        )));
    }
    let bytes = render(&drafted.document, output)?;
    crate::export::write_atomic(output, &bytes)?;
    let sha = hex::encode(Sha256::digest(&bytes));
    let entry = drafted.register_entry(req, output, &sha);
    let id = store.transaction(|tx| {
        documents::record_draft(tx, &entry, chrono::Local::now().naive_local())
    })?;
    println!(
        "Đã soạn {} vào {} (sổ đăng ký: dự thảo số {id}).",
        req.kind.label(),
        output.display()
    );
    Ok(())
}
