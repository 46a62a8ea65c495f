//! Documents, the same for both faces: drafting one (its facts loaded, its figures aggregated,
//! the template filled and checked against Nghị định 30), exporting a draft (refused while the
//! check finds errors unless the clerk insists), recording it in the register, issuing it (the
//! next number, and the file written again with it), and the copies for printing and preview.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

use super::{Workspace, files, indicators};
use crate::document::fill::{self, needs_figures};
use crate::document::lint;
use crate::document::{Document, ReportFigures, Templates};
use crate::error::{Error, Result};
use crate::model::{DocKind, DraftFacts, Entry, Format, Period, Unit};
use crate::store::facts::{self, Scope};
use crate::store::{Store, documents, settings, units};

pub use crate::document::lint::{Finding, Severity};
pub use crate::document::sections::{Sections, from_editor, parse as parse_sections, to_editor};
pub use crate::document::{Drafted, Request};
pub use crate::export::pdf::FontCache;

/// What a clerk asks to draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftSpec {
    /// The kind; `None` for a decision whose kind the data decides (establishment when the
    /// teams have no decision yet, consolidation otherwise).
    pub kind: Option<DocKind>,
    /// The unit the document is about.
    pub unit_id: i64,
    /// Only this one of the unit's teams.
    pub team_id: Option<i64>,
    /// The document's date.
    pub date: NaiveDate,
    /// The year a plan covers.
    pub year: Option<i32>,
    /// The period a report covers.
    pub period: Option<Period>,
    /// Section texts the clerk wrote (by Roman numeral), kept with the draft.
    pub sections: crate::document::sections::Sections,
    /// The document that asked for a report, cited in its opening.
    pub cites: Option<String>,
    /// The office's deputy (from 0, `Office::deputies`) who signs for the head (`KT.`);
    /// `None`: the signer of the office's settings.
    pub deputy: Option<usize>,
}

/// A drafted document and the Nghị định 30 check's findings.
#[derive(Debug, Clone)]
pub struct Draft {
    /// What was drafted.
    pub request: Request,
    /// The document and what the register needs.
    pub drafted: Drafted,
    /// The check's findings.
    pub findings: Vec<Finding>,
}

impl Draft {
    /// The check's errors (each breaks the decree).
    pub fn errors(&self) -> Vec<String> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.message.clone())
            .collect()
    }

    /// Whether the check found errors.
    pub fn has_errors(&self) -> bool {
        lint::has_errors(&self.findings)
    }
}

/// The aggregated figures a document about `unit` over `period` prints: the period's, and the
/// year's through the period's end (never the months after it).
pub fn figures(store: &Store, unit_id: i64, period: Period) -> Result<ReportFigures> {
    let year = Period::Year(period.year());
    Ok(ReportFigures {
        period: indicators::aggregate(store, unit_id, period)?,
        year: if period == year {
            None
        } else {
            Some(indicators::aggregate_year_to_date(store, unit_id, period)?)
        },
        targets: Vec::new(),
    })
}

/// Drafts `facts`' document of `kind` as `req` asks, from `templates`, with the report's figures
/// when the template prints them (`aggregate` loads them).
pub fn draft_from(
    facts: &DraftFacts,
    templates: &Templates,
    req: &Request,
    aggregate: impl FnOnce(i64, Period) -> Result<ReportFigures>,
) -> Result<Draft> {
    let figures = if needs_figures(templates, req.kind)? {
        let period = match (req.kind, req.year) {
            // A plan sets its year's targets beside the year before's results.
            (DocKind::Plan, _) => Period::Year(
                req.year
                    .unwrap_or_else(|| chrono::Datelike::year(&req.date))
                    - 1,
            ),
            _ => req
                .period
                .unwrap_or(Period::Year(chrono::Datelike::year(&req.date))),
        };
        Some(aggregate(req.unit_id, period)?)
    } else {
        None
    };
    let drafted = fill::draft(facts, templates, req, figures.as_ref())?;
    let mut findings = lint::lint(&drafted.document);
    if let (Some(f), Some(day)) = (&figures, fill::registry_date(req)) {
        findings.extend(figure_findings(facts, req, f, day));
    }
    Ok(Draft {
        request: req.clone(),
        drafted,
        findings,
    })
}

/// The draft's check of its figures: parts over wholes and members trained over the members on
/// the teams on `day` (the registry's day of the report), for the period and the year to date,
/// on the total and on each unit below. Warnings: the figures are the office's.
fn figure_findings(
    facts: &DraftFacts,
    req: &Request,
    figures: &ReportFigures,
    day: NaiveDate,
) -> Vec<Finding> {
    use std::collections::HashMap;
    let catalogue = crate::model::Catalogue::builtin();
    // Each unit's parent and code, to find which unit below the report's a team belongs to.
    let parent: HashMap<i64, Option<i64>> =
        facts.subtree.iter().map(|u| (u.id, u.parent_id)).collect();
    let code: HashMap<i64, &str> = facts
        .subtree
        .iter()
        .map(|u| (u.id, u.code.as_str()))
        .collect();
    let mut members: HashMap<String, usize> = HashMap::new();
    let mut total = 0;
    for t in &facts.teams {
        let n = crate::document::context::members_on(t, day).len();
        total += n;
        let mut at = t.unit.id;
        while let Some(Some(p)) = parent.get(&at) {
            if *p == req.unit_id {
                if let Some(c) = code.get(&at) {
                    *members.entry((*c).to_string()).or_default() += n;
                }
                break;
            }
            at = *p;
        }
    }
    let period = figures.period.period;
    let mut out = crate::report::checks::aggregate(
        &catalogue,
        &figures.period,
        &period.label(),
        &members,
        total,
    );
    if let Some(y) = &figures.year {
        out.extend(crate::report::checks::aggregate(
            &catalogue,
            y,
            &format!("lũy kế từ đầu năm đến hết {}", period.label()),
            &members,
            total,
        ));
    }
    out.into_iter()
        .map(|message| Finding {
            severity: Severity::Warning,
            message,
        })
        .collect()
}

/// The facts' office signing as deputy `deputy` for the head, when one is named.
pub(super) fn signed_by(facts: &mut DraftFacts, deputy: Option<usize>) -> Result<()> {
    let Some(i) = deputy else {
        return Ok(());
    };
    facts.office = facts
        .office
        .signed_by_deputy(i)
        .ok_or_else(|| super::settings::no_such_deputy(&facts.office, &(i + 1).to_string()))?;
    Ok(())
}

/// Drafts a document as `spec` asks and checks it. Nothing is written.
pub fn draft(store: &Store, ws: &Workspace, spec: &DraftSpec) -> Result<Draft> {
    let conn = store.conn();
    // A consolidation lists who joined and left; a report counts who was on each team at its
    // period's end.
    let history = spec
        .kind
        .is_none_or(|k| k == DocKind::DecisionConsolidate || k == DocKind::Report);
    let mut facts = facts::load(
        conn,
        Scope {
            unit_id: spec.unit_id,
            team_id: spec.team_id,
            history,
        },
    )?;
    signed_by(&mut facts, spec.deputy)?;
    let kind = spec.kind.unwrap_or_else(|| fill::decision_kind(&facts));
    if kind == DocKind::Plan {
        let year = spec
            .year
            .unwrap_or_else(|| chrono::Datelike::year(&spec.date));
        facts.tasks = crate::store::tasks::of_year(conn, year)?;
    }
    let req = Request {
        kind,
        unit_id: spec.unit_id,
        team_id: spec.team_id,
        date: spec.date,
        year: spec.year,
        period: spec.period,
        number: None,
        sections: spec.sections.clone(),
        cites: spec.cites.clone(),
    };
    let mut draft = draft_from(&facts, ws.templates(), &req, |unit, period| {
        let mut f = figures(store, unit, period)?;
        if kind == DocKind::Plan {
            f.targets = indicators::targets(store, unit, period.year() + 1)?
                .into_iter()
                .map(|t| (t.indicator, t.label, t.measure, t.target))
                .collect();
        }
        Ok(f)
    })?;
    // A deputy signs for the office; a commune that issues its own documents signs by its chair.
    if spec.deputy.is_some()
        && let Some(c) =
            crate::model::issuing_commune(facts.commune.as_ref(), facts.office.unit_code.as_deref())
    {
        draft.findings.push(Finding {
            severity: Severity::Warning,
            message: format!(
                "Văn bản này do Ủy ban nhân dân {} ban hành và Chủ tịch ký: cấp phó ký thay \
                 của cơ quan không áp dụng.",
                c.full_name()
            ),
        });
    }
    // A decision shows the teams that break the office's composition rules before it is issued.
    if kind.is_decision() {
        for message in
            super::lifecycle::draft_warnings(store, spec.unit_id, spec.team_id, spec.date)?
        {
            draft.findings.push(Finding {
                severity: Severity::Warning,
                message,
            });
        }
    }
    Ok(draft)
}

/// The unit `query` names, else the office's own unit.
pub fn unit_or_office(store: &Store, query: Option<&str>) -> Result<Unit> {
    match query {
        Some(u) => units::resolve(store.conn(), u),
        None => settings::office(store.conn())?
            .unit_code
            .as_deref()
            .map(|c| units::by_code(store.conn(), c))
            .transpose()?
            .flatten()
            .ok_or_else(|| {
                Error::bad_value(
                    crate::error::Field::Unit,
                    "",
                    "hồ sơ cơ quan chưa có đơn vị; hãy chọn đơn vị",
                )
            }),
    }
}

/// A draft rendered in `format`, with the workspace's font subsets.
pub fn render(ws: &Workspace, draft: &Draft, format: Format) -> Result<Vec<u8>> {
    crate::export::render_with(&draft.drafted.document, format, Some(ws.fonts()))
}

/// A draft as PDF for the window's preview, with its page count.
pub fn render_pdf(ws: &Workspace, draft: &Draft) -> Result<(Vec<u8>, usize)> {
    let r = crate::export::pdf::render_pdf_with(&draft.drafted.document, Some(ws.fonts()))?;
    Ok((r.bytes, r.pages))
}

/// A draft exported and recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The file written.
    pub path: PathBuf,
    /// Its register entry.
    pub entry_id: i64,
}

/// Writes `draft` to `output` in `format` (its bytes `rendered` already, when the face has them)
/// and records it in the register as a draft at `now`. A draft the Nghị định 30 check finds
/// errors in is refused (`Error::NotCompliant`) unless `force`: the same rule for the command
/// line's `--force` and the window's «Xuất dù còn lỗi».
pub fn export(
    store: &mut Store,
    draft: &Draft,
    output: &Path,
    format: Format,
    force: bool,
    now: NaiveDateTime,
    rendered: Option<Vec<u8>>,
) -> Result<Exported> {
    if draft.has_errors() && !force {
        return Err(Error::NotCompliant(draft.errors()));
    }
    let bytes = match rendered {
        Some(b) => b,
        None => crate::export::render_as(&draft.drafted.document, format)?,
    };
    // The file takes its name only once the register has it (`transaction_publishing`).
    let staged = store.stage(output, &bytes)?;
    let sha = files::sha256_hex(&bytes);
    let entry = draft.drafted.register_entry(&draft.request, output, &sha);
    let (entry_id, _) = store
        .transaction_publishing(vec![staged], |tx| documents::record_draft(tx, &entry, now))?;
    Ok(Exported {
        path: output.to_path_buf(),
        entry_id,
    })
}

/// The register, oldest first.
pub fn register(store: &Store) -> Result<Vec<Entry>> {
    documents::all(store.conn())
}

/// Which register entries a list or an export shows: the same filter for the window's
/// register and `cnscd export register`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterFilter {
    /// The year of the number (a draft: of its drafting).
    pub year: Option<i32>,
    /// The kind code (`plan`, `report`…).
    pub kind: Option<String>,
    /// The status.
    pub status: Option<crate::model::Status>,
    /// Words of the trích yếu, the reference or the signer, accents optional.
    pub text: String,
}

impl RegisterFilter {
    /// Whether `e` passes.
    pub fn matches(&self, e: &Entry) -> bool {
        let key = crate::vietnamese::search_key(&self.text);
        self.year
            .is_none_or(|y| e.year.unwrap_or(chrono::Datelike::year(&e.created)) == y)
            && self.kind.as_deref().is_none_or(|k| e.kind == k)
            && self.status.is_none_or(|s| e.status == s)
            && (key.is_empty()
                || crate::vietnamese::search_key(&format!(
                    "{} {} {}",
                    e.reference(),
                    e.summary,
                    e.signer
                ))
                .contains(&key))
    }
}

/// The register entries `filter` lets through as the sổ đăng ký văn bản đi (Nghị định 30 App.
/// IV) at `output`: a spreadsheet (.xlsx) or the printed sổ (.pdf, A4 landscape, under the
/// office's name); returns how many numbered rows it holds.
pub fn export_register(store: &Store, output: &Path, filter: &RegisterFilter) -> Result<usize> {
    let format = Format::of_path(output);
    if !matches!(format, Some(Format::Xlsx | Format::Pdf)) {
        return Err(Error::bad_value(
            crate::error::Field::Output,
            output.display().to_string(),
            "sổ đăng ký văn bản đi xuất ra tệp .xlsx hoặc .pdf",
        ));
    }
    let entries: Vec<Entry> = documents::all(store.conn())?
        .into_iter()
        .filter(|e| filter.matches(e))
        .collect();
    let rows = crate::model::register_rows(&entries);
    let bytes = if format == Some(Format::Pdf) {
        let office = crate::store::settings::office(store.conn())?;
        let doc = crate::document::register::register_document(&rows, &office, filter.year);
        crate::export::render_as(&doc, Format::Pdf)?
    } else {
        crate::export::register::register_xlsx(&rows)?
    };
    files::write_atomic(output, &bytes)?;
    Ok(rows.len())
}

/// What a clerk asks when issuing: the entry, the date, and optionally a number of their own
/// and the copy they edited outside the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueSpec {
    /// The register entry.
    pub id: i64,
    /// The date of issue.
    pub date: NaiveDate,
    /// A number chosen by the clerk (refused when the register holds it already this year);
    /// `None`: the next number.
    pub number: Option<u32>,
    /// A copy edited outside the program: a .docx gets the number and date written in place
    /// and becomes the entry's file; a PDF is accepted only unchanged since it was drafted.
    pub file: Option<PathBuf>,
}

/// The number entry `id` would get if issued on `date` without a number of the clerk's.
pub fn next_number(store: &Store, id: i64, date: NaiveDate) -> Result<u32> {
    let entry = documents::get(store.conn(), id)?;
    documents::next_number(store.conn(), &entry.register, chrono::Datelike::year(&date))
}

/// An issued entry and what happened to its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// The entry with its number and date.
    pub entry: Entry,
    /// The files written with the number and date (each of the entry's PDF and DOCX, or the
    /// clerk's edited .docx).
    pub written: Vec<PathBuf>,
    /// The entry's PDF that the register no longer counts as its file: issued from the clerk's
    /// edited .docx, it does not show those edits.
    pub dropped: Vec<PathBuf>,
}

/// Issues register entry `id` on `date` with the next number (`issue_with` with no options).
pub fn issue(store: &mut Store, id: i64, date: NaiveDate) -> Result<Issued> {
    issue_with(
        store,
        &IssueSpec {
            id,
            date,
            number: None,
            file: None,
        },
    )
}

/// Issues a register entry as `spec` asks, in one transaction: its number (the next, or the
/// clerk's when free), its date, its files written with them, and a decision becomes the
/// decision of the teams it covers. The files are those the entry was exported to (a PDF and a
/// DOCX of one draft share its number), written again from the document the clerk reviewed (kept
/// in the register, never drafted again from data that may have changed since); or the clerk's
/// edited .docx, stamped in place keeping every other edit (the entry's PDF, which lacks those
/// edits, is then no longer counted as its file).
pub fn issue_with(store: &mut Store, spec: &IssueSpec) -> Result<Issued> {
    // The clerk's copy is read before the transaction: a missing file changes nothing.
    let edited = match &spec.file {
        Some(path) => Some((path.clone(), Format::of_path(path), files::read(path)?)),
        None => None,
    };
    // Where the numbered file will be staged, noted for the sweep of the next start.
    let targets: Vec<PathBuf> = match &edited {
        Some((path, _, _)) => vec![path.clone()],
        None => documents::files(store.conn(), spec.id)?
            .into_iter()
            .map(|f| PathBuf::from(f.path))
            .chain(
                documents::get(store.conn(), spec.id)?
                    .output_path
                    .map(PathBuf::from),
            )
            .collect(),
    };
    for t in &targets {
        store.note_staging(files::parent_of(t));
    }
    // The numbered file takes its name after the commit, journalled with it: a kill at any
    // moment leaves the register and the file agreeing (`transaction_staging`).
    let ((entry, dropped), written) = store.transaction_staging(|tx| {
        let draft = documents::get(tx, spec.id)?;
        let kept = documents::files(tx, spec.id)?;
        if let Some((path, Some(Format::Pdf), bytes)) = &edited {
            let sha = files::sha256_hex(bytes);
            if draft.sha256.as_deref() != Some(sha.as_str()) && kept.iter().all(|f| f.sha256 != sha)
            {
                return Err(Error::bad_value(
                    crate::error::Field::Input,
                    path.display().to_string(),
                    "tệp PDF này khác bản chương trình đã xuất cho văn bản (đã sửa sau khi soạn, \
                     hoặc là văn bản khác); không ghi số vào một PDF đã sửa. Hãy sửa bản .docx rồi \
                     ban hành bằng tệp .docx đó, hoặc soạn lại văn bản",
                ));
            }
        }
        let entry = documents::assign_number(tx, spec.id, spec.date, spec.number)?;
        let mut dropped = Vec::new();
        let staged = match &edited {
            Some((path, Some(Format::Docx), bytes)) => {
                let stamped = stamp_edited(tx, &entry, path, bytes)?;
                // The entry's PDF lacks the clerk's edits: it is no longer one of its files.
                for f in kept.iter().filter(|f| f.format == "pdf") {
                    documents::drop_file(tx, entry.id, &f.format)?;
                    dropped.push(PathBuf::from(&f.path));
                }
                vec![stamped]
            }
            Some((path, Some(Format::Pdf), bytes)) => {
                documents::set_file(
                    tx,
                    entry.id,
                    &path.display().to_string(),
                    &files::sha256_hex(bytes),
                )?;
                rewrite(tx, &documents::get(tx, entry.id)?)?
            }
            Some((path, _, _)) => {
                return Err(Error::bad_value(
                    crate::error::Field::Input,
                    path.display().to_string(),
                    "chỉ ban hành từ tệp .docx (đã sửa) hoặc .pdf",
                ));
            }
            None => rewrite(tx, &entry)?,
        };
        documents::record_on_teams(tx, &entry)?;
        let entry = documents::get(tx, spec.id)?;
        Ok(((entry, dropped), staged))
    })?;
    Ok(Issued {
        entry,
        written,
        dropped,
    })
}

/// The document the clerk reviewed, as the register kept it.
fn reviewed(conn: &rusqlite::Connection, id: i64) -> Result<Option<Document>> {
    let Some(body) = documents::body(conn, id)? else {
        return Ok(None);
    };
    serde_json::from_str(&body).map(Some).map_err(|e| {
        tracing::warn!(error = %e, "stored document body");
        Error::Db {
            cause: crate::error::DbCause::Corrupt,
            path: None,
        }
    })
}

/// Stages the clerk's edited .docx at `path` with the issued entry's number and date written
/// in, to replace it in place, and makes it the entry's file.
fn stamp_edited(
    conn: &rusqlite::Connection,
    entry: &Entry,
    path: &Path,
    bytes: &[u8],
) -> Result<files::Staged> {
    use crate::vietnamese::{date_long, doc_reference, number_line};
    let (Some(number), Some(date)) = (entry.number, entry.issued_on) else {
        return Err(Error::internal("văn bản chưa có số sau khi cấp số"));
    };
    let mut replace = Vec::new();
    if let Some(doc) = reviewed(conn, entry.id)?
        && let Some(i) = doc.header.date_line.find("ngày ")
    {
        let (place, drafted) = doc.header.date_line.split_at(i);
        // The appendices' references first: they hold the drafted date too.
        replace.push((
            format!("{} {drafted}", doc_reference(None, &entry.symbol)),
            format!(
                "{} {}",
                doc_reference(Some(number), &entry.symbol),
                date_long(date)
            ),
        ));
        replace.push((
            doc.header.date_line.clone(),
            format!("{place}{}", date_long(date)),
        ));
    }
    let stamp = crate::export::stamp::Stamp {
        symbol: entry.symbol.clone(),
        number_line: number_line(Some(number), &entry.symbol),
        replace,
    };
    let name = path.display().to_string();
    let out = crate::export::stamp::stamp_docx(bytes, &name, &stamp)?;
    let staged = files::Staged::new(path, &out)?;
    documents::set_file(conn, entry.id, &name, &files::sha256_hex(&out))?;
    Ok(staged)
}

/// Stages each of the entry's files (its PDF, its DOCX) again with its number and date, when the
/// register kept the reviewed document and the file is still where it was exported.
fn rewrite(conn: &rusqlite::Connection, entry: &Entry) -> Result<Vec<files::Staged>> {
    let (Some(number), Some(date)) = (entry.number, entry.issued_on) else {
        return Ok(Vec::new());
    };
    let Some(reviewed) = reviewed(conn, entry.id)? else {
        return Ok(Vec::new());
    };
    let issued = reviewed.numbered(number, &entry.symbol, date);
    let mut out = Vec::new();
    for f in documents::files(conn, entry.id)? {
        let path = Path::new(&f.path);
        let format = match Format::of_path(path) {
            Some(f @ (Format::Pdf | Format::Docx)) if path.is_file() => f,
            _ => continue,
        };
        let bytes = crate::export::render_as(&issued, format)?;
        out.push(files::Staged::new(path, &bytes)?);
        documents::set_sha256(conn, entry.id, &f.path, &files::sha256_hex(&bytes))?;
    }
    Ok(out)
}

/// Writes register entry `id` again as `format` at `output` and adds the file to the entry: the
/// same draft as PDF and as DOCX is one entry with one number (`cnscd export document --id`,
/// the window's second export of a draft). The document is the one the register kept (the
/// sections as the clerk wrote them), with its number and date once issued. Refused for a
/// signed entry (a new file would not carry the signature) and for an entry the register kept
/// no document of.
pub fn export_entry(
    store: &mut Store,
    id: i64,
    output: &Path,
    format: Format,
    rendered: Option<Vec<u8>>,
) -> Result<Exported> {
    let conn = store.conn();
    let entry = documents::get(conn, id)?;
    if entry.status == crate::model::Status::Signed {
        return Err(Error::not_allowed(format!(
            "Văn bản {} đã ký số; bản xuất mới không mang chữ ký. Hãy dùng tệp đã ký.",
            entry.reference()
        )));
    }
    let Some(reviewed) = reviewed(conn, id)? else {
        return Err(Error::not_allowed(format!(
            "Sổ đăng ký không giữ nội dung văn bản «{}» (ghi từ phiên bản cũ); hãy soạn lại.",
            entry.summary
        )));
    };
    let doc = match (entry.number, entry.issued_on) {
        (Some(n), Some(date)) => reviewed.numbered(n, &entry.symbol, date),
        _ => reviewed,
    };
    let bytes = match rendered {
        Some(b) if entry.number.is_none() => b,
        _ => crate::export::render_as(&doc, format)?,
    };
    let staged = store.stage(output, &bytes)?;
    let sha = files::sha256_hex(&bytes);
    let name = output.display().to_string();
    store.transaction_publishing(vec![staged], |tx| {
        // Issued or signed meanwhile (another window): the file rendered is no longer the entry's.
        let now = documents::get(tx, id)?;
        if (now.status, now.number) != (entry.status, entry.number) {
            return Err(Error::not_allowed(format!(
                "Văn bản «{}» vừa được ban hành hoặc ký ở nơi khác; hãy xuất lại.",
                entry.summary
            )));
        }
        documents::add_file(tx, id, &name, &sha)
    })?;
    Ok(Exported {
        path: output.to_path_buf(),
        entry_id: id,
    })
}

/// Writes a copy of `pdf` for the system viewer to print (`<data dir>/in/van-ban-in.pdf`).
pub fn print_copy(ws: &Workspace, pdf: &[u8]) -> Result<PathBuf> {
    let path = ws.data_dir().join("in").join("van-ban-in.pdf");
    files::write_atomic(&path, pdf)?;
    Ok(path)
}

/// Sends a file to the printer the platform's own way (the default printer; failures said).
pub fn print(path: &Path) -> Result<()> {
    crate::platform::open::print(path)
}

/// The pages of a PDF as PNG images for the window's preview, rasterised in-process
/// (`export::raster`) at 60 dpi (a page is about 40 KB so, 1.4 MB as raw pixels: a province's
/// long appendix stays small). `None` when the PDF cannot be read: the preview is a
/// convenience, the export does not depend on it.
pub fn preview_pages(pdf: &[u8]) -> Option<Vec<Vec<u8>>> {
    crate::export::raster::render_pages(pdf, 60.0)
        .and_then(|pages| pages.iter().map(|p| p.to_png()).collect::<Result<Vec<_>>>())
        .inspect_err(|e| tracing::warn!(error = %e, "preview failed"))
        .ok()
}

/// One page of a PDF file as a PNG image at `dpi` (`cnscd preview`), as the preview draws it.
pub fn preview_page(file: &Path, page: usize, dpi: f32) -> Result<(Vec<u8>, u32, u32)> {
    let pdf = files::read(file)?;
    let image = crate::export::raster::render_page(&pdf, page, dpi).map_err(|e| e.in_pdf(file))?;
    Ok((image.to_png()?, image.width, image.height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_document_renders_to_the_same_bytes_in_one_process() {
        let doc = crate::export::example::decision(12, false);
        let a = crate::export::render_as(&doc, Format::Pdf).expect("pdf");
        let cache = FontCache::default();
        let b = crate::export::render_with(&doc, Format::Pdf, Some(&cache)).expect("pdf");
        let c = crate::export::render_with(&doc, Format::Pdf, Some(&cache)).expect("pdf");
        assert!(
            a == b && b == c,
            "renders differ: a register's SHA-256 would too"
        );
    }
}
