//! Văn bản: the document register (filter by kind, year, status); "Soạn văn bản" choosing kind,
//! unit and period; a preview of the pages rendered from the same PDF bytes that are exported
//! (poppler's `pdftoppm` when present: there is no practical pure-Rust PDF rasteriser in this
//! build); the Nghị định 30 check's messages; export to PDF/DOCX with a save dialog (recorded in
//! the register as a draft); issue (assigns the number); print; open the containing folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use iced::widget::{
    Column, button, column, container, image, pick_list, row, scrollable, text, text_input,
};
use iced::{Alignment, Element, Length};

use super::{Action, Notice, Shortcut};
use crate::app::background::{self, Cancel};
use crate::app::dialogs::SharedDialogs;
use crate::app::registry::Registry;
use crate::app::widget::form::labelled;
use crate::app::{text as t, theme, widget};
use crate::document::DocKind;
use crate::document::batch;
use crate::document::fill::{self, Request, TemplateDirs};
use crate::document::lint::{self, Finding, Severity};
use crate::model::Level;
use crate::store::documents::{self, Entry, Status};

/// A kind for the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindChoice(pub Option<DocKind>);

impl std::fmt::Display for KindChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.map_or(t::DOC_ANY_KIND, DocKind::label))
    }
}

const KINDS: [KindChoice; 6] = [
    KindChoice(Some(DocKind::DecisionEstablish)),
    KindChoice(Some(DocKind::DecisionConsolidate)),
    KindChoice(Some(DocKind::Plan)),
    KindChoice(Some(DocKind::Report)),
    KindChoice(Some(DocKind::FocalPoints)),
    KindChoice(Some(DocKind::Roster)),
];

/// A status for the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChoice(pub Option<Status>);

impl std::fmt::Display for StatusChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.map_or(t::DOC_ANY_STATUS, Status::label))
    }
}

const STATUSES: [StatusChoice; 4] = [
    StatusChoice(None),
    StatusChoice(Some(Status::Draft)),
    StatusChoice(Some(Status::Issued)),
    StatusChoice(Some(Status::Signed)),
];

pub use crate::app::registry::UnitChoice;

/// A drafted document ready to export: the same PDF bytes are previewed and written.
#[derive(Debug, Clone)]
pub struct Draft {
    pub request: Request,
    pub drafted: fill::Drafted,
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub findings: Vec<Finding>,
    /// PNG pages, when `pdftoppm` is available.
    pub previews: Option<Vec<image::Handle>>,
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
}

#[derive(Debug)]
pub struct State {
    data_dir: PathBuf,
    dialogs: SharedDialogs,
    /// The register, newest first.
    pub entries: Vec<Entry>,
    pub filter_kind: KindChoice,
    pub filter_status: StatusChoice,
    pub filter_year: String,
    pub selected: Option<i64>,
    /// The compose form.
    pub kind: KindChoice,
    pub units: Vec<UnitChoice>,
    pub unit: Option<UnitChoice>,
    pub period: String,
    pub year: String,
    /// The draft being looked at.
    pub draft: Option<Box<Draft>>,
    today: NaiveDate,
}

#[derive(Debug, Clone)]
pub enum Message {
    RegisterLoaded(Result<Vec<Entry>, crate::Error>),
    FilterKind(KindChoice),
    FilterStatus(StatusChoice),
    FilterYear(String),
    Select(i64),
    Kind(KindChoice),
    Unit(UnitChoice),
    Period(String),
    Year(String),
    Draft,
    Drafted(Result<Box<Draft>, crate::Error>),
    /// One decision per team of the chosen unit, into a folder.
    DraftEach,
    DraftEachTo(Option<PathBuf>),
    DraftedEach(Result<(PathBuf, batch::Summary), crate::Error>),
    Export(Format),
    ExportTo(Format, Option<PathBuf>),
    Exported(Result<(PathBuf, i64), crate::Error>),
    Print,
    Printed(Result<PathBuf, crate::Error>),
    Issue(i64),
    Issued(Result<String, crate::Error>),
    Reveal(PathBuf),
    /// Sign a registered PDF: the root opens Ký số on it.
    Sign(PathBuf),
    CloseDraft,
}

impl State {
    pub fn new(data_dir: PathBuf, dialogs: SharedDialogs, today: NaiveDate) -> State {
        State {
            data_dir,
            dialogs,
            entries: Vec::new(),
            filter_kind: KindChoice(None),
            filter_status: StatusChoice(None),
            filter_year: String::new(),
            selected: None,
            kind: KINDS[1],
            units: Vec::new(),
            unit: None,
            period: crate::report::Period::quarter_of(today).to_string(),
            year: today.year().to_string(),
            draft: None,
            today,
        }
    }

    /// A new snapshot: the unit list and the register.
    pub fn refresh(&mut self, reg: &Arc<Registry>) -> Action<Message> {
        self.units = reg.unit_choices();
        if self.unit.as_ref().is_none_or(|c| reg.unit(c.id).is_none()) {
            self.unit = reg.home_unit().map(UnitChoice::from);
            // Decisions on teams come from communes; a province or district office starts on
            // the plan.
            if reg
                .home_unit()
                .is_some_and(|u| matches!(u.level, Level::Province | Level::District))
            {
                self.kind = KindChoice(Some(DocKind::Plan));
            }
        }
        self.load_register()
    }

    /// Sets the compose form to a periodic report of `unit` over `period` (from Chỉ tiêu).
    pub fn prepare_report(&mut self, unit: Option<i64>, period: crate::report::Period) {
        self.kind = KindChoice(Some(DocKind::Report));
        self.period = period.to_string();
        if let Some(choice) = unit.and_then(|id| self.units.iter().find(|u| u.id == id)) {
            self.unit = Some(choice.clone());
        }
        self.draft = None;
    }

    fn load_register(&self) -> Action<Message> {
        let dir = self.data_dir.clone();
        Action::Run(background::run_result(
            move || documents::all(crate::Store::open_dir(&dir)?.conn()),
            Message::RegisterLoaded,
        ))
    }

    /// The register rows the filters let through.
    pub fn filtered(&self) -> impl Iterator<Item = &Entry> {
        let year: Option<i32> = self.filter_year.trim().parse().ok();
        self.entries.iter().filter(move |e| {
            self.filter_kind
                .0
                .is_none_or(|k| e.kind == documents::kind_code(k))
                && self.filter_status.0.is_none_or(|s| e.status == s)
                && year.is_none_or(|y| e.year.unwrap_or(e.created.year()) == y)
        })
    }

    pub fn shortcut(&mut self, s: Shortcut) -> Action<Message> {
        match s {
            Shortcut::New => self.update(Message::Draft),
            Shortcut::Save if self.draft.is_some() => self.update(Message::Export(Format::Pdf)),
            Shortcut::Print if self.draft.is_some() => self.update(Message::Print),
            Shortcut::Close => self.update(Message::CloseDraft),
            _ => Action::None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::RegisterLoaded(Ok(mut entries)) => {
                entries.reverse();
                self.entries = entries;
                Action::None
            }
            Message::RegisterLoaded(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::FilterKind(k) => {
                self.filter_kind = k;
                Action::None
            }
            Message::FilterStatus(s) => {
                self.filter_status = s;
                Action::None
            }
            Message::FilterYear(y) => {
                self.filter_year = y;
                Action::None
            }
            Message::Select(id) => {
                self.selected = Some(id);
                Action::None
            }
            Message::Kind(k) => {
                self.kind = k;
                Action::None
            }
            Message::Unit(u) => {
                self.unit = Some(u);
                Action::None
            }
            Message::Period(p) => {
                self.period = p;
                Action::None
            }
            Message::Year(y) => {
                self.year = y;
                Action::None
            }
            Message::Draft => {
                let (Some(kind), Some(unit)) = (self.kind.0, self.unit.as_ref()) else {
                    return Action::Notify(Notice::Error(t::PICK_UNIT.into()));
                };
                let request = Request {
                    kind,
                    unit_id: unit.id,
                    team_id: None,
                    date: self.today,
                    year: self.year.trim().parse().ok(),
                    period: (kind == DocKind::Report).then(|| self.period.trim().to_string()),
                    number: None,
                };
                let dir = self.data_dir.clone();
                Action::Job {
                    label: t::DOC_DRAFTING.into(),
                    task: background::run_result(
                        move || draft(&dir, request).map(Box::new),
                        Message::Drafted,
                    ),
                    cancel: Cancel::default(),
                }
            }
            Message::Drafted(Ok(d)) => {
                self.draft = Some(d);
                Action::None
            }
            Message::Drafted(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::DraftEach => {
                if self.unit.is_none() {
                    return Action::Notify(Notice::Error(t::PICK_UNIT.into()));
                }
                let dialogs = self.dialogs.clone();
                Action::Run(background::run_result(
                    move || Ok(dialogs.pick_folder(t::DIALOG_PICK_FOLDER_EACH)),
                    |r| Message::DraftEachTo(r.ok().flatten()),
                ))
            }
            Message::DraftEachTo(None) => Action::None,
            Message::DraftEachTo(Some(folder)) => {
                let Some(unit) = self.unit.as_ref() else {
                    return Action::None;
                };
                let (unit_id, dir, today) = (unit.id, self.data_dir.clone(), self.today);
                // The kind chosen in the form; consolidation picks itself per team otherwise.
                let kind = self.kind.0.filter(|k| *k == DocKind::DecisionEstablish);
                let cancel = Cancel::default();
                let flag = cancel.clone();
                Action::Job {
                    label: t::DOC_DRAFTING_EACH.into(),
                    task: background::run_result(
                        move || {
                            let mut store = crate::Store::open_dir(&dir)?;
                            let unit = crate::store::units::get(store.conn(), unit_id)?;
                            let options = batch::Options {
                                kind,
                                date: today,
                                format: "pdf".into(),
                                force: false,
                            };
                            let summary = batch::write_each(
                                &mut store,
                                &TemplateDirs::for_data_dir(&dir),
                                &unit,
                                &options,
                                &folder,
                                flag.flag(),
                            )?;
                            Ok((folder, summary))
                        },
                        Message::DraftedEach,
                    ),
                    cancel,
                }
            }
            Message::DraftedEach(Ok((folder, summary))) => {
                let failed: Vec<(String, String)> = summary
                    .failed
                    .iter()
                    .map(|f| (f.unit.clone(), f.reason.clone()))
                    .collect();
                let message = t::doc_each_done(summary.written.len(), &folder, &failed);
                Action::Reload(if failed.is_empty() {
                    Notice::Success(message)
                } else {
                    Notice::Error(message)
                })
            }
            Message::DraftedEach(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::CloseDraft => {
                self.draft = None;
                Action::None
            }
            Message::Export(format) => {
                let Some(d) = &self.draft else {
                    return Action::None;
                };
                let dialogs = self.dialogs.clone();
                let name = file_name(&d.drafted.summary, format);
                Action::Run(background::run_result(
                    move || {
                        Ok(match format {
                            Format::Pdf => dialogs.save_file(
                                t::DIALOG_SAVE_DOC,
                                &name,
                                (t::FILTER_PDF, &["pdf"]),
                            ),
                            Format::Docx => dialogs.save_file(
                                t::DIALOG_SAVE_DOC,
                                &name,
                                (t::FILTER_DOCX, &["docx"]),
                            ),
                        })
                    },
                    move |r| Message::ExportTo(format, r.ok().flatten()),
                ))
            }
            Message::ExportTo(_, None) => Action::None,
            Message::ExportTo(format, Some(path)) => {
                let Some(d) = self.draft.clone() else {
                    return Action::None;
                };
                let dir = self.data_dir.clone();
                Action::Run(background::run_result(
                    move || export(&dir, &d, format, path),
                    Message::Exported,
                ))
            }
            Message::Exported(Ok((path, id))) => {
                self.selected = Some(id);
                Action::Reload(Notice::Success(t::doc_saved(&path, id)))
            }
            Message::Exported(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::Print => {
                let Some(d) = &self.draft else {
                    return Action::None;
                };
                let bytes = d.pdf.clone();
                let dir = self.data_dir.join("in");
                Action::Run(background::run_result(
                    move || {
                        let path = dir.join("van-ban-in.pdf");
                        crate::export::write_atomic(&path, &bytes)?;
                        crate::platform::open::print(&path)?;
                        Ok(path)
                    },
                    Message::Printed,
                ))
            }
            Message::Printed(Ok(_)) => Action::None,
            Message::Printed(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::Issue(id) => {
                let dir = self.data_dir.clone();
                let today = self.today;
                Action::Run(background::run_result(
                    move || {
                        // The exported file is written again with its number and date.
                        let mut store = crate::Store::open_dir(&dir)?;
                        crate::document::issue::issue(&mut store, id, today)
                            .map(|(e, _)| e.reference())
                    },
                    Message::Issued,
                ))
            }
            Message::Issued(Ok(reference)) => {
                Action::Reload(Notice::Success(t::doc_issued(&reference)))
            }
            Message::Issued(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::Reveal(path) => {
                self.dialogs.reveal(&path);
                Action::None
            }
            Message::Sign(_) => Action::Navigate(super::Nav::Signing),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut form = column![
            labelled(
                t::DOC_KIND,
                pick_list(KINDS, Some(self.kind), Message::Kind).width(Length::Fill),
                None
            ),
            labelled(
                t::DOC_UNIT,
                pick_list(self.units.as_slice(), self.unit.clone(), Message::Unit)
                    .width(Length::Fill),
                None
            ),
            row![
                labelled(
                    t::DOC_PERIOD,
                    text_input("2025-Q2", &self.period).on_input(Message::Period),
                    None
                ),
                labelled(
                    t::DOC_YEAR,
                    text_input("2025", &self.year).on_input(Message::Year),
                    None
                ),
            ]
            .spacing(theme::GAP),
            button(text(t::DOC_DRAFT))
                .on_press(Message::Draft)
                .style(theme::primary),
        ]
        .spacing(theme::GAP);
        // A commune (or the province preparing them) drafts one decision per team at once.
        if self.kind.0.is_some_and(DocKind::is_decision) {
            form = form.push(
                column![
                    button(text(t::DOC_DRAFT_EACH))
                        .on_press(Message::DraftEach)
                        .style(theme::secondary),
                    widget::note(t::DOC_DRAFT_EACH_HINT),
                ]
                .spacing(4),
            );
        }
        let compose = widget::card(t::DOC_COMPOSE, form);
        let right: Element<'_, Message> = match &self.draft {
            Some(d) => self.draft_view(d),
            None => self.register_view(),
        };
        column![
            widget::title(t::NAV_DOCUMENTS),
            row![
                container(compose).width(Length::FillPortion(2)),
                container(right).width(Length::FillPortion(3)),
            ]
            .spacing(theme::GAP)
            .height(Length::Fill),
        ]
        .spacing(theme::GAP)
        .padding(theme::PAD)
        .into()
    }

    fn register_view(&self) -> Element<'_, Message> {
        let filters = row![
            pick_list(
                [KindChoice(None)]
                    .into_iter()
                    .chain(KINDS)
                    .collect::<Vec<_>>(),
                Some(self.filter_kind),
                Message::FilterKind
            ),
            pick_list(STATUSES, Some(self.filter_status), Message::FilterStatus),
            text_input(t::DOC_YEAR_FILTER, &self.filter_year)
                .on_input(Message::FilterYear)
                .width(90),
        ]
        .spacing(theme::GAP);
        let mut list = Column::new().spacing(2);
        if self.entries.is_empty() {
            list = list.push(widget::note(t::DOC_EMPTY));
        }
        for e in self.filtered() {
            let line = row![
                text(e.reference()).width(130),
                text(&e.summary).width(Length::Fill),
                text(e.status.label()).width(110),
            ]
            .spacing(theme::GAP);
            let b = button(line)
                .on_press(Message::Select(e.id))
                .style(theme::row_button)
                .width(Length::Fill);
            list = list.push(if self.selected == Some(e.id) {
                Element::from(container(b).style(theme::selected_row))
            } else {
                b.into()
            });
            if self.selected == Some(e.id) {
                let mut actions = row![].spacing(theme::GAP);
                if e.status == Status::Draft {
                    actions = actions.push(
                        button(text(t::DOC_ISSUE))
                            .on_press(Message::Issue(e.id))
                            .style(theme::primary),
                    );
                }
                if let Some(dir) = e.output_path.as_deref().and_then(|p| Path::new(p).parent()) {
                    actions = actions.push(
                        button(text(t::DOC_OPEN_FOLDER))
                            .on_press(Message::Reveal(dir.to_path_buf()))
                            .style(theme::secondary),
                    );
                }
                list = list.push(actions);
            }
        }
        widget::card(
            t::DOC_REGISTER,
            column![filters, scrollable(list).height(Length::Fill)].spacing(theme::GAP),
        )
    }

    fn draft_view<'a>(&'a self, d: &'a Draft) -> Element<'a, Message> {
        let mut checks = Column::new().spacing(2);
        if d.findings.is_empty() {
            checks = checks.push(text(t::DOC_CHECK_OK).style(theme::success_text));
        } else if lint::has_errors(&d.findings) {
            checks = checks.push(text(t::DOC_HAS_ERRORS).style(theme::error_text));
        }
        for f in &d.findings {
            let line = text(f.to_string()).size(theme::SIZE_SMALL);
            checks = checks.push(match f.severity {
                Severity::Error => line.style(theme::error_text),
                Severity::Warning => line.style(theme::warning_text),
            });
        }
        let preview: Element<'a, Message> = match &d.previews {
            Some(pages) => scrollable(
                column(pages.iter().map(|h| {
                    container(image(h.clone()).width(Length::Fill))
                        .style(theme::card)
                        .padding(4)
                        .into()
                }))
                .spacing(theme::GAP),
            )
            .height(Length::Fill)
            .into(),
            None => widget::note(t::DOC_PREVIEW_NONE),
        };
        let actions = row![
            button(text(t::DOC_EXPORT_PDF))
                .on_press(Message::Export(Format::Pdf))
                .style(theme::primary),
            button(text(t::DOC_EXPORT_DOCX))
                .on_press(Message::Export(Format::Docx))
                .style(theme::primary),
            button(text(t::DOC_PRINT))
                .on_press(Message::Print)
                .style(theme::secondary),
            button(text(t::CLOSE))
                .on_press(Message::CloseDraft)
                .style(theme::secondary),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center);
        container(
            column![
                widget::heading(&d.drafted.summary),
                widget::note(t::doc_pages(d.pages)),
                actions,
                widget::heading(t::DOC_CHECK),
                checks,
                widget::heading(t::DOC_PREVIEW),
                preview,
            ]
            .spacing(theme::GAP),
        )
        .padding(theme::PAD)
        .style(theme::card)
        .height(Length::Fill)
        .into()
    }
}

/// Drafts, checks and renders a document, and previews the PDF's pages.
pub fn draft(data_dir: &Path, request: Request) -> crate::Result<Draft> {
    let store = crate::Store::open_dir(data_dir)?;
    let dirs = TemplateDirs::for_data_dir(data_dir);
    let drafted = fill::draft(store.conn(), &dirs, &request)?;
    let findings = lint::lint(&drafted.document);
    let rendered = crate::export::pdf::render_pdf(&drafted.document)?;
    let previews = preview_pages(&rendered.bytes);
    Ok(Draft {
        request,
        drafted,
        pages: rendered.pages,
        pdf: rendered.bytes,
        findings,
        previews,
    })
}

/// The pages of a PDF as images, rasterised in-process (`export::raster`) at 60 dpi and kept as
/// PNG (a page is about 40 KB so, 1.4 MB as raw pixels: a province's long appendix stays small).
/// None when the PDF cannot be read: the preview is a convenience, the export does not depend
/// on it.
fn preview_pages(pdf: &[u8]) -> Option<Vec<image::Handle>> {
    let pages = crate::export::raster::render_pages(pdf, 60.0)
        .and_then(|pages| {
            pages
                .iter()
                .map(|p| p.to_png())
                .collect::<crate::Result<Vec<_>>>()
        })
        .inspect_err(|e| tracing::warn!(error = %e, "preview failed"))
        .ok()?;
    Some(pages.into_iter().map(image::Handle::from_bytes).collect())
}

/// Writes the draft in `format` to `path` and records it in the register; returns the entry id.
fn export(
    data_dir: &Path,
    d: &Draft,
    format: Format,
    path: PathBuf,
) -> crate::Result<(PathBuf, i64)> {
    let bytes = match format {
        Format::Pdf => d.pdf.clone(),
        Format::Docx => crate::export::docx::render_docx(&d.drafted.document)?,
    };
    crate::export::write_atomic(&path, &bytes)?;
    let sha = crate::sign::sha256_hex(&bytes);
    let new = d.drafted.register_entry(&d.request, &path, &sha);
    let id = crate::Store::open_dir(data_dir)?
        .transaction(|tx| documents::record_draft(tx, &new, chrono::Local::now().naive_local()))?;
    Ok((path, id))
}

/// A default file name from the summary, accents kept (the file system takes UTF-8).
fn file_name(summary: &str, format: Format) -> String {
    let stem: String = crate::vietnamese::search_key(summary)
        .split(' ')
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    match format {
        Format::Pdf => format!("{stem}.pdf"),
        Format::Docx => format!("{stem}.docx"),
    }
}
