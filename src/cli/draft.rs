//! `draft decision|plan|report|focal-points` and `export roster|focal-points` to .pdf/.docx:
//! one `ops::documents` operation each (drafted, checked against Nghị định 30, written, recorded
//! in the register as a draft), the check's findings printed to stderr.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::{DraftArgs, DraftWhat, say};
use crate::error::{Error, Field, Result};
use crate::ops::documents::{self, DraftSpec};
use crate::ops::{self, DocKind, Format, Moment, Store, Workspace, batch, registry};

/// `--kind thanh-lap|kien-toan`; `None` when not given (chosen from the data).
fn decision_kind_arg(arg: Option<&str>) -> Result<Option<DocKind>> {
    match arg {
        Some("thanh-lap") => Ok(Some(DocKind::DecisionEstablish)),
        Some("kien-toan") => Ok(Some(DocKind::DecisionConsolidate)),
        Some(other) => Err(Error::bad_value(
            Field::DecisionKind,
            other,
            "dùng thanh-lap hoặc kien-toan",
        )),
        None => Ok(None),
    }
}

/// `--ky-thay N|TÊN`: the office's deputy who signs for the head, by number or name.
fn deputy_arg(store: &Store, arg: Option<&str>) -> Result<Option<usize>> {
    arg.map(|query| ops::settings::deputy(store, query))
        .transpose()
}

/// `cnscd draft …`.
pub fn draft(store: &mut Store, ws: &Workspace, args: DraftArgs, now: Moment) -> Result<()> {
    let unit = registry::resolve_unit(store, &args.unit)?;
    if args.each {
        return draft_each(store, ws, &args, &unit, now);
    }
    let kind = match args.what {
        DraftWhat::Decision => decision_kind_arg(args.kind.as_deref())?,
        DraftWhat::Plan => Some(DocKind::Plan),
        DraftWhat::Report => Some(DocKind::Report),
        DraftWhat::FocalPoints => Some(DocKind::FocalPoints),
    };
    let sections = match &args.sections {
        Some(path) => {
            let bytes = ops::files::read(path)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::bad_value(
                    Field::Input,
                    path.display().to_string(),
                    "tệp nội dung các mục cần lưu dạng văn bản UTF-8",
                )
            })?;
            documents::parse_sections(&text, &path.display().to_string())?
        }
        None => Default::default(),
    };
    let spec = DraftSpec {
        kind,
        unit_id: unit.id,
        team_id: None,
        date: now.today(),
        year: args.year,
        period: args.period.as_deref().map(str::parse).transpose()?,
        sections,
        cites: args.cites.clone(),
        deputy: deputy_arg(store, args.deputy.as_deref())?,
    };
    produce(store, ws, &spec, &args.output, args.force, now)
}

/// `cnscd draft decision --unit U --each -o DIR`: the decision of every team under `U`, one file
/// each, drafted on every core and recorded in the register in one transaction.
fn draft_each(
    store: &mut Store,
    ws: &Workspace,
    args: &DraftArgs,
    unit: &ops::Unit,
    now: Moment,
) -> Result<()> {
    if args.what != DraftWhat::Decision {
        return Err(Error::bad_value(
            Field::Each,
            "",
            "chỉ dùng với draft decision (mỗi Tổ một quyết định)",
        ));
    }
    let format = match Format::from_extension(&args.format) {
        Some(f @ (Format::Pdf | Format::Docx)) => f,
        _ => {
            return Err(Error::bad_value(
                Field::Format,
                args.format.clone(),
                "dùng pdf hoặc docx",
            ));
        }
    };
    let options = batch::Options {
        kind: decision_kind_arg(args.kind.as_deref())?,
        date: now.today(),
        format,
        force: args.force,
        deputy: deputy_arg(store, args.deputy.as_deref())?,
    };
    let cancel = AtomicBool::new(false);
    let summary = batch::write_each(
        store,
        ws.templates(),
        unit,
        &options,
        &args.output,
        &cancel,
        now.local,
    )?;
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
    ws: &Workspace,
    kind: DocKind,
    unit: Option<&str>,
    output: &Path,
    now: Moment,
) -> Result<()> {
    let unit = documents::unit_or_office(store, unit)?;
    let spec = DraftSpec {
        kind: Some(kind),
        unit_id: unit.id,
        team_id: None,
        date: now.today(),
        year: None,
        period: None,
        sections: Default::default(),
        cites: None,
        deputy: None,
    };
    produce(store, ws, &spec, output, false, now)
}

fn produce(
    store: &mut Store,
    ws: &Workspace,
    spec: &DraftSpec,
    output: &Path,
    force: bool,
    now: Moment,
) -> Result<()> {
    let format = match Format::of_path(output) {
        Some(f) if f.is_document() => f,
        _ => {
            return Err(Error::bad_value(
                Field::Output,
                output.display().to_string(),
                "tệp văn bản phải có đuôi .pdf hoặc .docx",
            ));
        }
    };
    let draft = documents::draft(store, ws, spec)?;
    for f in &draft.findings {
        eprintln!("{f}");
    }
    let exported = documents::export(store, &draft, output, format, force, now.local, None)?;
    say!(
        "Đã soạn {} vào {} (sổ đăng ký: dự thảo số {}).",
        draft.request.kind.label(),
        output.display(),
        exported.entry_id
    );
    Ok(())
}

/// `cnscd issue ID [--date D]`: the next number of the register for the year, the date, the
/// exported file written again with them.
pub fn issue(
    store: &mut Store,
    id: i64,
    date: Option<&str>,
    number: Option<u32>,
    file: Option<std::path::PathBuf>,
    now: Moment,
) -> Result<()> {
    let date = match date {
        Some(d) => crate::vietnamese::parse_date(d).ok_or_else(|| {
            Error::bad_value(Field::Date, d, "ngày ghi dạng 05/03/2026 hoặc 2026-03-05")
        })?,
        None => now.today(),
    };
    let documents::Issued {
        entry,
        written,
        dropped,
    } = documents::issue_with(
        store,
        &documents::IssueSpec {
            id,
            date,
            number,
            file,
        },
    )?;
    say!(
        "Đã cấp số {} ngày {} cho văn bản «{}».",
        entry.reference(),
        crate::vietnamese::date_short(date),
        entry.summary
    );
    for path in written {
        say!("Đã ghi lại tệp {} với số và ngày ban hành.", path.display());
    }
    for path in dropped {
        say!(
            "Tệp {} không có các sửa đổi của bản .docx nên sổ đăng ký không còn coi là tệp của văn bản.",
            path.display()
        );
    }
    Ok(())
}

/// `cnscd export document --id ID -o FILE.pdf|.docx`: the register entry written again in
/// another format, sharing the entry and its number.
pub fn export_entry(store: &mut Store, id: Option<i64>, output: &Path) -> Result<()> {
    let Some(id) = id else {
        return Err(Error::bad_value(
            Field::Input,
            "",
            "cần --id: số hiệu văn bản trong sổ đăng ký (xem cnscd list documents)",
        ));
    };
    let format = match Format::of_path(output) {
        Some(f) if f.is_document() => f,
        _ => {
            return Err(Error::bad_value(
                Field::Output,
                output.display().to_string(),
                "tệp văn bản phải có đuôi .pdf hoặc .docx",
            ));
        }
    };
    let done = documents::export_entry(store, id, output, format, None)?;
    say!(
        "Đã xuất {} (sổ đăng ký: cùng văn bản số hiệu {}).",
        done.path.display(),
        done.entry_id
    );
    Ok(())
}

/// `cnscd export focal-points -o FILE.xlsx|.csv [--unit U]`: one focal official per commune.
pub fn export_focal_table(store: &Store, unit: Option<&str>, output: &Path) -> Result<()> {
    let unit = documents::unit_or_office(store, unit)?;
    let n = ops::focal::export(store, &unit, output)?;
    say!(
        "Đã xuất danh sách đầu mối của {n} xã, phường thuộc {} vào {}.",
        unit.title_name(),
        output.display()
    );
    Ok(())
}

/// `cnscd export register -o SO.xlsx|SO.pdf [--period YEAR]`: the sổ đăng ký văn bản đi.
pub fn export_register(store: &Store, period: Option<&str>, output: &Path) -> Result<()> {
    let year = period
        .map(|p| p.parse::<ops::Period>().map(|p| p.year()))
        .transpose()?;
    let filter = documents::RegisterFilter {
        year,
        ..Default::default()
    };
    let n = documents::export_register(store, output, &filter)?;
    say!(
        "Đã xuất {n} văn bản vào sổ đăng ký văn bản đi {}.",
        output.display()
    );
    Ok(())
}
