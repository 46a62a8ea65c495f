//! `draft decision|plan|report|focal-points` and `export roster|focal-points` to .pdf/.docx: the
//! template engine (`document::fill`), the Nghị định 30 check (`document::lint`), a renderer
//! chosen by the output's extension, `write_atomic`, and a draft entry in the document register.

use super::say;
use std::path::Path;

use chrono::NaiveDate;

use super::{DraftArgs, DraftWhat};
use crate::document::Templates;
use crate::document::batch;
use crate::document::fill::{self, Request};
use crate::document::lint::{self, Severity};
use crate::error::{Error, Result};
use crate::model::DocKind;
use crate::model::Unit;
use crate::store::{Store, documents, settings, units};

/// The document date: today, or `CNSCD_TODAY` (YYYY-MM-DD) so scripts and tests get a fixed one.
fn today() -> Result<NaiveDate> {
    match std::env::var("CNSCD_TODAY") {
        Ok(s) if !s.is_empty() => NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
            Error::not_allowed(format!(
                "CNSCD_TODAY=\"{s}\" không phải ngày dạng 2024-03-05."
            ))
        }),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// `--kind thanh-lap|kien-toan`; `None` when not given (chosen from the data).
fn decision_kind_arg(arg: Option<&str>) -> Result<Option<DocKind>> {
    match arg {
        Some("thanh-lap") => Ok(Some(DocKind::DecisionEstablish)),
        Some("kien-toan") => Ok(Some(DocKind::DecisionConsolidate)),
        Some(other) => Err(Error::not_allowed(format!(
            "--kind \"{other}\" không có; dùng thanh-lap hoặc kien-toan."
        ))),
        None => Ok(None),
    }
}

/// `cnscd draft …`.
pub fn draft(store: &mut Store, data_dir: &Path, args: DraftArgs) -> Result<()> {
    let unit = units::resolve(store.conn(), &args.unit)?;
    if args.each {
        return draft_each(store, data_dir, &args, &unit);
    }
    let kind = match args.what {
        DraftWhat::Decision => match decision_kind_arg(args.kind.as_deref())? {
            Some(kind) => kind,
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
        period: args.period.as_deref().map(str::parse).transpose()?,
        number: None,
    };
    produce(store, data_dir, &req, &args.output, args.force)
}

/// `cnscd draft decision --unit U --each -o DIR`: the decision of every team under `U`, one file
/// each, drafted on every core and recorded in the register in one transaction.
fn draft_each(store: &mut Store, data_dir: &Path, args: &DraftArgs, unit: &Unit) -> Result<()> {
    if args.what != DraftWhat::Decision {
        return Err(Error::not_allowed(
            "--each chỉ dùng với draft decision (mỗi Tổ một quyết định).",
        ));
    }
    let format = args.format.to_ascii_lowercase();
    if !matches!(format.as_str(), "pdf" | "docx") {
        return Err(Error::not_allowed(format!(
            "--format \"{}\" không có; dùng pdf hoặc docx.",
            args.format
        )));
    }
    let kind = decision_kind_arg(args.kind.as_deref())?;
    let options = batch::Options {
        kind,
        date: today()?,
        format,
        force: args.force,
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let templates = Templates::with_overrides(data_dir.join("templates"));
    let summary = batch::write_each(store, &templates, unit, &options, &args.output, &cancel)?;
    say!(
        "Đã soạn {} quyết định vào {} (mỗi Tổ một tệp; đã ghi vào sổ đăng ký là dự thảo).",
        summary.written.len(),
        args.output.display()
    );
    for f in &summary.failed {
        eprintln!("{}: {}", f.unit, f.reason);
    }
    if summary.failed.is_empty() {
        Ok(())
    } else {
        Err(Error::not_allowed(format!(
            "{} Tổ chưa soạn được (lý do ở trên).",
            summary.failed.len()
        )))
    }
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
                    Error::not_allowed("Hãy chọn đơn vị (--unit): hồ sơ cơ quan chưa có đơn vị.")
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
    let templates = Templates::with_overrides(data_dir.join("templates"));
    let drafted = fill::draft(store.conn(), &templates, req)?;
    let findings = lint::lint(&drafted.document);
    for f in &findings {
        eprintln!("{f}");
    }
    if lint::has_errors(&findings) && !force {
        let n = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        return Err(Error::not_allowed(format!(
            "Văn bản chưa đúng thể thức Nghị định 30 ({n} lỗi ở trên); không xuất tệp. \
             Sửa mẫu hoặc dữ liệu, hoặc dùng --force để vẫn xuất."
        )));
    }
    let bytes = crate::export::render_document(&drafted.document, output)?;
    crate::export::write_atomic(output, &bytes)?;
    let sha = crate::sign::sha256_hex(&bytes);
    let entry = drafted.register_entry(req, output, &sha);
    let id = store.transaction(|tx| {
        documents::record_draft(tx, &entry, chrono::Local::now().naive_local())
    })?;
    say!(
        "Đã soạn {} vào {} (sổ đăng ký: dự thảo số {id}).",
        req.kind.label(),
        output.display()
    );
    Ok(())
}
