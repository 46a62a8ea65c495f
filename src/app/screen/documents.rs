//! Văn bản: the document register (filter by kind, year, status); "Soạn văn bản" choosing kind,
//! unit and period; a preview of the pages rendered from the same PDF bytes that are exported;
//! the Nghị định 30 check's messages; export to PDF/DOCX with a save dialog (recorded in the
//! register as a draft; refused while the check finds errors unless the clerk presses «Xuất dù
//! còn lỗi», the rule of the command line's `force`); issue (assigns the number); sign an issued
//! PDF on Ký số; print; open the containing folder. Every step is one `ops::documents` call.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iced::widget::{
    Column, button, column, container, image, pick_list, row, scrollable, text, text_input,
};
use iced::{Alignment, Element, Length};

use super::{Action, Notice, Shortcut, Target};
use crate::app::context::{Cancel, Context};
use crate::app::widget::form::labelled;
use crate::app::widget::period_picker::{self, PeriodPicker};
use crate::app::widget::unit_picker::{self, UnitPicker};
use crate::app::{text as t, theme, widget};
use crate::model::Level;
use crate::ops::documents::{self, DraftSpec, Finding, Severity};
use crate::ops::{self, DocKind, Entry, Period, Status, batch};

pub use crate::ops::registry::UnitChoice;

/// A drafted document ready to export: the same PDF bytes are previewed and written.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The draft and its check's findings.
    pub draft: documents::Draft,
    /// Its PDF.
    pub pdf: Vec<u8>,
    /// How many pages.
    pub pages: usize,
    /// PNG pages, when a rasteriser is available.
    pub previews: Option<Vec<image::Handle>>,
    /// The register entry it was exported to: another format goes to the same entry.
    pub entry: Option<i64>,
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    fn ops(self) -> ops::Format {
        match self {
            Format::Pdf => ops::Format::Pdf,
            Format::Docx => ops::Format::Docx,
        }
    }
}

#[derive(Debug)]
pub struct State {
    /// The register, newest first.
    pub entries: Vec<Entry>,
    pub filter_kind: KindChoice,
    pub filter_status: StatusChoice,
    pub filter_year: String,
    /// Words to find in the trích yếu, reference or signer.
    pub filter_text: String,
    pub selected: Option<i64>,
    /// The compose form.
    pub kind: KindChoice,
    /// The unit picker (any unit, a village included).
    pub picker: UnitPicker,
    pub unit: Option<UnitChoice>,
    /// The period of a report, chosen.
    pub period: PeriodPicker,
    /// The year of a plan, chosen.
    pub year: PeriodPicker,
    /// The draft being looked at.
    pub draft: Option<Box<Draft>>,
    /// The issue dialog, while it is open.
    pub issuing: Option<IssueForm>,
    /// «Giữ số…», «Hủy số…» or «Số bắt đầu…», while open.
    pub numbering: Option<NumberForm>,
    /// The question before a registered draft is exported in another format.
    pub attaching: Option<Attach>,
    /// «Phân công nhiệm vụ…» of a plan, while open.
    pub tasks: Option<Box<TaskForm>>,
    /// The section texts the clerk wrote for the next draft (by Roman numeral).
    pub sections: documents::Sections,
    /// The office's deputy who signs the next draft for the head (`KT.`); `None`: the signer
    /// of Cài đặt.
    pub signer: Option<usize>,
    /// The report section being edited and its editor.
    pub section: SectionChoice,
    pub editor: iced::widget::text_editor::Content,
}

#[derive(Debug, Clone)]
pub enum Message {
    RegisterLoaded(Result<Vec<Entry>, crate::Error>),
    FilterKind(KindChoice),
    FilterStatus(StatusChoice),
    FilterYear(String),
    FilterText(String),
    /// The register as the filters show it, to the sổ đăng ký văn bản đi (.xlsx).
    ExportRegister,
    /// The same, printed (.pdf).
    PrintRegister,
    ExportRegisterTo(Option<PathBuf>),
    RegisterExported(Result<(PathBuf, usize), crate::Error>),
    Select(i64),
    Kind(KindChoice),
    /// The unit picker.
    Picker(unit_picker::Message),
    Period(period_picker::Message),
    Year(period_picker::Message),
    Draft,
    Drafted(Result<Box<Draft>, crate::Error>),
    /// One decision per team of the chosen unit, into a folder.
    DraftEach,
    DraftEachTo(Option<PathBuf>),
    DraftedEach(Result<(PathBuf, batch::Summary), crate::Error>),
    /// Export in a format; `true`: even with the check's errors («Xuất dù còn lỗi»).
    Export(Format, bool),
    ExportTo(Format, bool, Option<PathBuf>),
    Exported(Result<documents::Exported, crate::Error>),
    /// The draft is already in the register: export to the same entry / don't.
    AttachConfirm,
    AttachCancel,
    /// Export register entry `id` in a format it lacks (same entry, same number).
    ExportEntry(i64, Format),
    ExportEntryTo(i64, Format, Option<PathBuf>),
    Attached(Result<documents::Exported, crate::Error>),
    Print,
    Printed(Result<PathBuf, crate::Error>),
    /// Opens the issue dialog for an entry (its next number read first).
    Issue(i64),
    IssueReady(Result<IssueForm, crate::Error>),
    IssueNumber(String),
    IssueDate(String),
    IssueConfirm,
    IssueCancel,
    Issued(Result<String, crate::Error>),
    /// Who signs the next draft.
    Signer(SignerChoice),
    /// The report section to write.
    Section(SectionChoice),
    /// An edit in the section editor.
    EditSection(iced::widget::text_editor::Action),
    Reveal(PathBuf),
    /// Sign a registered PDF: Ký số opens on it.
    Sign(PathBuf),
    CloseDraft,
    /// The register's number forms.
    Number(NumberMessage),
    /// «Phân công nhiệm vụ…» of a plan.
    Tasks(TaskMessage),
}

impl State {
    pub fn new(today: NaiveDate) -> State {
        State {
            entries: Vec::new(),
            filter_kind: KindChoice(None),
            filter_status: StatusChoice(None),
            filter_year: String::new(),
            filter_text: String::new(),
            selected: None,
            kind: KINDS[1],
            picker: UnitPicker::new(true),
            unit: None,
            period: PeriodPicker::new(Period::quarter_of(today), today),
            year: PeriodPicker::year(today),
            draft: None,
            issuing: None,
            numbering: None,
            attaching: None,
            tasks: None,
            sections: Default::default(),
            signer: None,
            section: SectionChoice(0),
            editor: iced::widget::text_editor::Content::new(),
        }
    }

    /// A new snapshot: the unit list and the register.
    pub fn refresh(&mut self, ctx: &Context) -> Action<Message> {
        let reg = &ctx.registry;
        if self.unit.as_ref().is_none_or(|c| reg.unit(c.id).is_none()) {
            self.unit = reg.home_unit().map(|u| unit_picker::choice(reg, u));
            // Decisions on teams come from communes; a province or district office starts on
            // the plan.
            if reg
                .home_unit()
                .is_some_and(|u| matches!(u.level, Level::Province | Level::District))
            {
                self.kind = KindChoice(Some(DocKind::Plan));
            }
        }
        self.picker.refresh(reg, self.unit.as_ref().map(|u| u.id));
        // A deputy removed in Cài đặt no longer signs.
        self.signer = self.signer.filter(|&i| i < reg.office.deputies.len());
        Action::Run(ctx.run(
            |store, _| documents::register(store),
            Message::RegisterLoaded,
        ))
    }

    /// Sets the compose form to a periodic report of `unit` over `period` (from Chỉ tiêu).
    pub fn prepare_report(&mut self, ctx: &Context, unit: Option<i64>, period: Period) {
        self.kind = KindChoice(Some(DocKind::Report));
        self.period.set(period);
        let reg = &ctx.registry;
        if let Some(u) = unit.and_then(|id| reg.unit(id)) {
            self.unit = Some(unit_picker::choice(reg, u));
        }
        self.draft = None;
    }

    /// The register rows the filters let through.
    pub fn filtered(&self) -> impl Iterator<Item = &Entry> {
        let filter = self.register_filter();
        self.entries.iter().filter(move |e| filter.matches(e))
    }

    /// The filters as the register export reads them.
    pub fn register_filter(&self) -> documents::RegisterFilter {
        documents::RegisterFilter {
            year: self.filter_year.trim().parse().ok(),
            kind: self.filter_kind.0.map(|k| k.code().to_string()),
            status: self.filter_status.0,
            text: self.filter_text.clone(),
        }
    }

    pub fn shortcut(&mut self, ctx: &Context, s: Shortcut) -> Action<Message> {
        match s {
            Shortcut::New => self.update(ctx, Message::Draft),
            Shortcut::Save if self.draft.is_some() => {
                self.update(ctx, Message::Export(Format::Pdf, false))
            }
            Shortcut::Print if self.draft.is_some() => self.update(ctx, Message::Print),
            Shortcut::Close => self.update(ctx, Message::CloseDraft),
            _ => Action::None,
        }
    }

    pub fn update(&mut self, ctx: &Context, message: Message) -> Action<Message> {
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
            Message::Signer(s) => {
                self.signer = s.deputy;
                Action::None
            }
            Message::Section(c) => {
                self.pick_section(c);
                Action::None
            }
            Message::EditSection(action) => {
                self.edit_section(action);
                Action::None
            }
            Message::Picker(m) => match self.picker.update(&ctx.registry, m) {
                unit_picker::Outcome::None => Action::None,
                unit_picker::Outcome::Run(task) => Action::Run(task.map(Message::Picker)),
                unit_picker::Outcome::Picked(u) => {
                    self.unit = Some(u);
                    Action::None
                }
            },
            Message::Period(m) => {
                self.period.update(m);
                Action::None
            }
            Message::Year(m) => {
                self.year.update(m);
                Action::None
            }
            Message::Draft => {
                let (Some(kind), Some(unit)) = (self.kind.0, self.unit.as_ref()) else {
                    return Action::Notify(Notice::Error(t::PICK_UNIT.into()));
                };
                let period = (kind == DocKind::Report).then_some(self.period.period);
                let spec = DraftSpec {
                    kind: Some(kind),
                    unit_id: unit.id,
                    team_id: None,
                    date: ctx.today(),
                    year: Some(self.year.period.year()),
                    period,
                    sections: self.sections.clone(),
                    cites: None,
                    // The picker is hidden for a commune that signs its own documents.
                    deputy: self
                        .signer
                        .filter(|_| choices::office_signs(&ctx.registry, Some(unit.id))),
                };
                Action::Job {
                    label: t::DOC_DRAFTING.into(),
                    task: ctx.run(
                        move |store, ws| draft(store, ws, &spec).map(Box::new),
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
                let dialogs = ctx.dialogs.clone();
                Action::Run(ctx.files(
                    move |_| Ok(dialogs.pick_folder(t::DIALOG_PICK_FOLDER_EACH)),
                    |r| Message::DraftEachTo(r.ok().flatten()),
                ))
            }
            Message::DraftEachTo(None) => Action::None,
            Message::DraftEachTo(Some(folder)) => {
                let Some(unit) = self.unit.as_ref() else {
                    return Action::None;
                };
                let Some(unit) = ctx.registry.unit(unit.id).cloned() else {
                    return Action::None;
                };
                let now = ctx.now();
                // The kind chosen in the form; consolidation picks itself per team otherwise.
                let kind = self.kind.0.filter(|k| *k == DocKind::DecisionEstablish);
                let signer = self.signer;
                let cancel = Cancel::default();
                let flag = cancel.clone();
                Action::Job {
                    label: t::DOC_DRAFTING_EACH.into(),
                    task: ctx.run(
                        move |store, ws| {
                            let options = batch::Options {
                                kind,
                                date: now.today(),
                                format: ops::Format::Pdf,
                                force: false,
                                deputy: signer,
                            };
                            let summary = batch::write_each(
                                store,
                                ws.templates(),
                                &unit,
                                &options,
                                &folder,
                                flag.flag(),
                                now.local,
                            )?;
                            Ok((folder, summary))
                        },
                        Message::DraftedEach,
                    ),
                    cancel,
                }
            }
            Message::DraftedEach(Ok((folder, summary))) => parts::each_done(&folder, &summary),
            Message::DraftedEach(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::CloseDraft => {
                self.draft = None;
                Action::None
            }
            Message::Export(format, force) => {
                // A draft already in the register: the other format joins its entry, asked first.
                if self.draft.is_none() || self.ask_attach(format) {
                    return Action::None;
                }
                self.save_dialog(ctx, format, move |r| Message::ExportTo(format, force, r))
            }
            Message::ExportTo(_, _, None) => Action::None,
            Message::ExportTo(format, force, Some(path)) => {
                let Some(d) = self.draft.clone() else {
                    return Action::None;
                };
                let now = ctx.now();
                Action::Run(ctx.run(
                    move |store, _| {
                        // The PDF previewed is the PDF written.
                        let rendered = (format == Format::Pdf).then(|| d.pdf.clone());
                        documents::export(
                            store,
                            &d.draft,
                            &path,
                            format.ops(),
                            force,
                            now.local,
                            rendered,
                        )
                    },
                    Message::Exported,
                ))
            }
            Message::Exported(Ok(done)) => {
                self.selected = Some(done.entry_id);
                if let Some(d) = &mut self.draft {
                    d.entry = Some(done.entry_id);
                }
                Action::Reload(Notice::Success(t::doc_saved(&done.path, done.entry_id)))
            }
            Message::Exported(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::Print => {
                let Some(d) = &self.draft else {
                    return Action::None;
                };
                let bytes = d.pdf.clone();
                Action::Run(ctx.files(
                    move |ws| {
                        let path = documents::print_copy(ws, &bytes)?;
                        documents::print(&path)?;
                        Ok(path)
                    },
                    Message::Printed,
                ))
            }
            Message::Printed(Ok(_)) => Action::None,
            Message::Printed(Err(e)) => Action::Notify(Notice::error(&e)),
            m @ (Message::Issue(_)
            | Message::IssueReady(_)
            | Message::IssueNumber(_)
            | Message::IssueDate(_)
            | Message::IssueCancel
            | Message::IssueConfirm
            | Message::Issued(_)) => self.update_issue(ctx, m),
            m @ (Message::FilterText(_)
            | Message::ExportRegister
            | Message::PrintRegister
            | Message::ExportRegisterTo(_)
            | Message::RegisterExported(_)
            | Message::AttachConfirm
            | Message::AttachCancel
            | Message::ExportEntry(..)
            | Message::ExportEntryTo(..)
            | Message::Attached(_)) => self.update_attach(ctx, m),
            Message::Reveal(path) => {
                ctx.dialogs.reveal(&path);
                Action::None
            }
            Message::Sign(pdf) => Action::Open(Target::SignFile(pdf)),
            Message::Number(m) => self.update_number(ctx, m),
            Message::Tasks(m) => self.update_tasks(ctx, m),
        }
    }

    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let mut form = column![
            labelled(
                t::DOC_KIND,
                pick_list(KINDS, Some(self.kind), Message::Kind).width(Length::Fill),
                None
            ),
            labelled(
                t::DOC_UNIT,
                self.picker
                    .view(&ctx.registry, self.unit.as_ref().map(|u| u.id))
                    .map(Message::Picker),
                None
            ),
        ]
        .spacing(theme::GAP);
        // A report is over a period, a plan for a year; the other documents need neither.
        match self.kind.0 {
            Some(DocKind::Report) => {
                form = form.push(labelled(
                    t::DOC_PERIOD,
                    self.period.view().map(Message::Period),
                    None,
                ));
            }
            Some(DocKind::Plan) => {
                form = form.push(labelled(
                    t::DOC_YEAR,
                    self.year.view().map(Message::Year),
                    None,
                ));
                // Only a commune's or a village's plan has the appendix of members' tasks.
                let local = self
                    .unit
                    .as_ref()
                    .and_then(|u| ctx.registry.unit(u.id))
                    .is_some_and(|u| matches!(u.level, Level::Commune | Level::Village));
                if local {
                    form = form.push(
                        button(text(tasks::OPEN))
                            .on_press(Message::Tasks(TaskMessage::Open))
                            .style(theme::secondary),
                    );
                }
            }
            _ => {}
        }
        let unit = self.unit.as_ref().map(|u| u.id);
        if let Some(signer) = choices::signer_field(&ctx.registry, unit, self.signer) {
            form = form.push(signer);
        }
        form = form.push(
            button(text(t::DOC_DRAFT))
                .on_press(Message::Draft)
                .style(theme::primary),
        );
        // A report's sections, each written by the clerk or left to the template's words.
        if self.kind.0 == Some(DocKind::Report) {
            form = form.push(self.sections_field());
        }
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
        // Scrolls when the picker's list and a report's sections are open on a short screen.
        let compose = widget::card(
            t::DOC_COMPOSE,
            scrollable(form.padding(iced::Padding::ZERO.right(12.0))),
        );
        let right: Element<'_, Message> = match &self.draft {
            Some(d) => self.draft_view(d),
            None => self.register_view(),
        };
        let screen: Element<'_, Message> = column![
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
        .into();
        if let Some(f) = &self.numbering {
            return numbers::number_dialog(screen, f);
        }
        if let Some(f) = &self.tasks {
            return tasks::tasks_dialog(screen, f);
        }
        match (&self.issuing, &self.attaching) {
            (Some(f), _) => issue_dialog(screen, f),
            (None, Some(a)) => attach::attach_dialog(screen, a),
            (None, None) => screen,
        }
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
            )
            .width(Length::Fill),
            pick_list(STATUSES, Some(self.filter_status), Message::FilterStatus),
            text_input(t::DOC_YEAR_FILTER, &self.filter_year)
                .on_input(Message::FilterYear)
                .width(90),
        ]
        .spacing(theme::GAP);
        // The search on its own line; the tools wrap below it rather than squeeze it.
        let search = text_input(t::DOC_TEXT_FILTER, &self.filter_text)
            .id(attach::REGISTER_SEARCH)
            .on_input(Message::FilterText);
        let tools = attach::register_tools();
        let mut list = Column::new().spacing(2);
        if self.entries.is_empty() {
            list = list.push(widget::note(t::DOC_EMPTY));
        }
        for e in self.filtered() {
            let line = row![
                text(e.reference()).width(130),
                text(numbers::row_summary(e)).width(Length::Fill),
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
                if e.status != Status::Draft
                    && let Some(pdf) = e
                        .output_path
                        .as_deref()
                        .map(Path::new)
                        .filter(|p| ops::Format::of_path(p) == Some(ops::Format::Pdf))
                {
                    actions = actions.push(
                        button(text(t::DOC_SIGN))
                            .on_press(Message::Sign(pdf.to_path_buf()))
                            .style(theme::secondary),
                    );
                }
                if let Some(b) = numbers::void_button(e) {
                    actions = actions.push(b);
                }
                for (format, label) in attach::more_formats(e) {
                    actions = actions.push(
                        button(text(label))
                            .on_press(Message::ExportEntry(e.id, format))
                            .style(theme::secondary),
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
            column![
                filters,
                search,
                tools,
                scrollable(list).height(Length::Fill)
            ]
            .spacing(theme::GAP),
        )
    }

    fn draft_view<'a>(&'a self, d: &'a Draft) -> Element<'a, Message> {
        let mut checks = Column::new().spacing(2);
        let findings: &[Finding] = &d.draft.findings;
        if findings.is_empty() {
            checks = checks.push(text(t::DOC_CHECK_OK).style(theme::success_text));
        } else if d.draft.has_errors() {
            checks = checks.push(text(t::DOC_HAS_ERRORS).style(theme::error_text));
        }
        for f in findings {
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
        let mut actions = row![
            button(text(t::DOC_EXPORT_PDF))
                .on_press(Message::Export(Format::Pdf, false))
                .style(theme::primary),
            button(text(t::DOC_EXPORT_DOCX))
                .on_press(Message::Export(Format::Docx, false))
                .style(theme::primary),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center);
        // The check's errors refuse the export; the clerk may still insist, as `--force` does.
        if d.draft.has_errors() {
            actions = actions.push(
                button(text(t::DOC_EXPORT_FORCE))
                    .on_press(Message::Export(Format::Pdf, true))
                    .style(theme::danger),
            );
        }
        let actions = actions.push(
            button(text(t::DOC_PRINT))
                .on_press(Message::Print)
                .style(theme::secondary),
        );
        let actions = actions.push(
            button(text(t::CLOSE))
                .on_press(Message::CloseDraft)
                .style(theme::secondary),
        );
        container(
            column![
                widget::heading(&d.draft.drafted.summary),
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

/// Drafts, checks and renders a document; previews the PDF's pages.
pub fn draft(store: &ops::Store, ws: &ops::Workspace, spec: &DraftSpec) -> ops::Result<Draft> {
    let draft = documents::draft(store, ws, spec)?;
    let (pdf, pages) = documents::render_pdf(ws, &draft)?;
    let previews = documents::preview_pages(&pdf)
        .map(|pages| pages.into_iter().map(image::Handle::from_bytes).collect());
    Ok(Draft {
        draft,
        pdf,
        pages,
        previews,
        entry: None,
    })
}

mod attach;
mod choices;
mod numbers;
mod parts;
pub mod tasks;
pub use attach::{Attach, REGISTER_SEARCH};
use choices::{KINDS, STATUSES};
pub use choices::{KindChoice, SignerChoice, StatusChoice, signer_choices};
pub use numbers::{Mode as NumberMode, NUMBER_REASON, NumberForm, NumberMessage};
use parts::issue_dialog;
pub use parts::{
    ISSUE_DATE, ISSUE_NUMBER, IssueForm, REPORT_SECTIONS, SECTION_EDITOR, SectionChoice,
};
pub use tasks::{TaskForm, TaskMessage};
