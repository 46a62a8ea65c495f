//! The import → preview → commit flow the unit tree, the member list and the indicator report
//! share: pick a sheet, check it without writing (the operation's dry run), show every problem
//! or what would be written, and only then, when the file is clean, import it as a long job. A
//! refusal at either step leaves the database as it was. For a unit list or a roster the
//! preview also shows the sheet as the reader read it (`import_map`): its first rows, the
//! header lines and the field of each column; when the reader cannot tell, the clerk assigns a
//! column («Cột E là Năm sinh»), marks the header row or chooses a sheet, and the file is
//! checked again with that choice (remembered for files of the same layout once imported).

use std::path::{Path, PathBuf};

use iced::Element;
use iced::widget::{button, column, container, row, text};

use super::super::context::{Cancel, Context};
use super::super::dialogs;
use super::super::screen::{Action, Notice};
use super::super::{text as t, theme, widget};
use crate::ops::reading::{self, Choices, ColumnChoice, Preview, SheetPick};
use crate::ops::{self, Error, Period, Problems, Result};

/// What is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A units sheet (the unit tree).
    Units,
    /// A roster sheet (teams and members).
    Roster,
    /// An indicator sheet of the units under `unit` for `period`.
    Indicators {
        /// The report's unit.
        unit: Option<i64>,
        /// The period.
        period: Period,
    },
}

impl Kind {
    fn running(self) -> &'static str {
        match self {
            Kind::Units | Kind::Roster => t::IMPORT_RUNNING,
            Kind::Indicators { .. } => t::REPORT_IMPORT_RUNNING,
        }
    }

    fn title(self) -> &'static str {
        match self {
            Kind::Units | Kind::Roster => t::IMPORT_PREVIEW_TITLE,
            Kind::Indicators { .. } => t::REPORT_IMPORT_TITLE,
        }
    }
}

/// A checked file: the problem list, and how many units it gives values for (indicators).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The file.
    pub path: PathBuf,
    /// What the check found.
    pub report: Problems,
    /// Units with values (an indicator sheet).
    pub units: usize,
    /// The sheet as read (a unit list or a roster).
    pub read: Option<Box<Preview>>,
}

/// The flow's state: the checked file, when the preview is open.
#[derive(Debug, Default)]
pub struct ImportFlow {
    /// The preview.
    pub preview: Option<Checked>,
    /// The clerk's choices for the file being checked.
    pub choices: Choices,
    /// The column picked in the preview, to assign.
    pub column: Option<usize>,
    /// The field picked for it (`None`: leave the column out).
    pub field: Option<String>,
    /// The header lines typed.
    pub header_text: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Ask which sheet to import.
    Pick,
    /// The clerk's choice.
    Picked(Option<PathBuf>),
    /// The dry run's outcome.
    Checked(PathBuf, Result<(Problems, usize)>),
    /// The dry run's outcome with the sheet as read (a unit list or a roster).
    Read(PathBuf, Result<(Problems, usize)>, Option<Box<Preview>>),
    /// A column picked in the preview.
    Column(usize),
    /// The field picked for it (`None`: leave it out).
    Field(Option<String>),
    /// Assign the picked column to the picked field, and check again.
    Assign,
    /// The header lines typed.
    HeaderText(String),
    /// Take the typed header lines, and check again.
    SetHeader,
    /// A sheet of the workbook chosen; checked again.
    Sheet(String),
    /// Import the checked file.
    Commit,
    /// The import's outcome.
    Committed(Result<(Problems, usize)>),
    /// Close the preview.
    Close,
}

/// Runs the import of `kind` (a dry run when asked) and its problem list.
fn run(
    store: &mut ops::Store,
    kind: Kind,
    file: &Path,
    dry_run: bool,
    now: ops::Moment,
    cancel: &Cancel,
    choices: &Choices,
) -> Result<(Problems, usize)> {
    match kind {
        Kind::Units => {
            if !dry_run {
                cancel.check()?;
            }
            let report = ops::transfer::import_units_with(store, file, dry_run, choices)?;
            Ok((report, 0))
        }
        Kind::Roster => {
            let opts = ops::roster::Options {
                overrides: choices.clone(),
                ..ops::roster::Options::new(dry_run, now.today())
            };
            let report = ops::roster::import_file(store, file, &opts, cancel.flag())?;
            Ok((report, 0))
        }
        Kind::Indicators { unit, period } => {
            if !dry_run {
                cancel.check()?;
            }
            let done = ops::indicators::import(store, file, period, unit, dry_run, now.local)?;
            Ok((done.report, done.units))
        }
    }
}

/// A dry run's outcome and the sheet as read.
type Outcome = (Result<(Problems, usize)>, Option<Box<Preview>>);

/// The reader's kind of a flow that shows the sheet as read.
fn read_kind(kind: Kind) -> Option<reading::Kind> {
    match kind {
        Kind::Units => Some(reading::Kind::Units),
        Kind::Roster => Some(reading::Kind::Roster),
        Kind::Indicators { .. } => None,
    }
}

impl ImportFlow {
    /// Checks `path` with the current choices (a dry run, and the sheet as read).
    fn check(&self, ctx: &Context, kind: Kind, path: PathBuf) -> Action<Message> {
        let (file, now, choices) = (path.clone(), ctx.now(), self.choices.clone());
        let cancel = Cancel::default();
        let flag = cancel.clone();
        let task = match read_kind(kind) {
            Some(rk) => ctx.run(
                move |store, _| {
                    let checked = run(store, kind, &file, true, now, &flag, &choices);
                    let read = reading::preview(store, rk, &file, &choices).ok();
                    Ok((checked, read.map(Box::new)))
                },
                move |r: Result<Outcome>| match r {
                    Ok((checked, read)) => Message::Read(path, checked, read),
                    Err(e) => Message::Checked(path, Err(e)),
                },
            ),
            None => ctx.run(
                move |store, _| run(store, kind, &file, true, now, &flag, &choices),
                move |r| Message::Checked(path, r),
            ),
        };
        Action::Job {
            label: kind.running().into(),
            task,
            cancel,
        }
    }

    /// Checks the open file again after the clerk changed a choice.
    fn recheck(&self, ctx: &Context, kind: Kind) -> Action<Message> {
        match &self.preview {
            Some(c) => self.check(ctx, kind, c.path.clone()),
            None => Action::None,
        }
    }

    /// Whether the preview is open.
    pub fn is_open(&self) -> bool {
        self.preview.is_some()
    }

    pub fn update(&mut self, ctx: &Context, kind: Kind, message: Message) -> Action<Message> {
        match message {
            Message::Pick => Action::Run(dialogs::pick_sheet(&ctx.dialogs, Message::Picked)),
            Message::Picked(None) => Action::None,
            Message::Picked(Some(path)) => {
                self.choices = Choices::default();
                self.column = None;
                self.field = None;
                self.header_text.clear();
                self.check(ctx, kind, path)
            }
            Message::Read(path, result, read) => {
                let action = self.update(ctx, kind, Message::Checked(path, result));
                if let Some(c) = &mut self.preview {
                    c.read = read;
                }
                action
            }
            Message::Column(c) => {
                self.column = Some(c);
                Action::None
            }
            Message::Field(f) => {
                self.field = f;
                Action::None
            }
            Message::Assign => {
                let Some(column) = self.column else {
                    return Action::None;
                };
                self.choices.columns.retain(|c| c.column != column);
                self.choices.columns.push(ColumnChoice {
                    column,
                    field: self.field.clone(),
                });
                self.recheck(ctx, kind)
            }
            Message::HeaderText(s) => {
                self.header_text = s;
                Action::None
            }
            Message::SetHeader => match reading::header_lines(&self.header_text) {
                Ok(lines) => {
                    self.choices.header_lines = Some(lines);
                    self.recheck(ctx, kind)
                }
                Err(reason) => Action::Notify(Notice::Error(reason)),
            },
            Message::Sheet(name) => {
                self.choices.sheet = Some(SheetPick::Name(name));
                self.choices.header_lines = None;
                self.choices.columns.clear();
                self.recheck(ctx, kind)
            }
            Message::Checked(path, result) => match result {
                Ok((report, units)) => {
                    self.preview = Some(Checked {
                        path,
                        report,
                        units,
                        read: None,
                    });
                    Action::None
                }
                Err(Error::Refused(report)) => {
                    self.preview = Some(Checked {
                        path,
                        report: (*report).clone(),
                        units: 0,
                        read: None,
                    });
                    Action::None
                }
                Err(e) => Action::Notify(Notice::error(&e)),
            },
            Message::Commit => {
                let Some(checked) = &self.preview else {
                    return Action::None;
                };
                if !checked.report.is_ok() {
                    return Action::None;
                }
                let (file, now) = (checked.path.clone(), ctx.now());
                let choices = self.choices.clone();
                let cancel = Cancel::default();
                let flag = cancel.clone();
                Action::Job {
                    label: kind.running().into(),
                    task: ctx.run(
                        move |store, _| {
                            flag.check()?;
                            run(store, kind, &file, false, now, &flag, &choices)
                        },
                        Message::Committed,
                    ),
                    cancel,
                }
            }
            Message::Committed(result) => match result {
                Ok((report, _)) => {
                    self.preview = None;
                    // The summary line only: the notices were read in the preview, and a
                    // long toast would cover the screen.
                    let summary = report.to_string();
                    let first = summary
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .trim()
                        .to_string();
                    Action::Reload(Notice::Success(first))
                }
                Err(Error::Refused(report)) => {
                    if let Some(c) = &mut self.preview {
                        c.report = (*report).clone();
                    }
                    Action::None
                }
                Err(e) => Action::Notify(Notice::error(&e)),
            },
            Message::Close => {
                self.preview = None;
                Action::None
            }
        }
    }

    /// The preview panel: every problem, or what would be written, and «Nhập» only for a clean
    /// file.
    pub fn view(&self, kind: Kind) -> Option<Element<'_, Message>> {
        let c = self.preview.as_ref()?;
        let report = &c.report;
        let mut col = column![
            widget::heading(kind.title()),
            widget::note(c.path.display().to_string()),
        ]
        .spacing(theme::GAP);
        // The buttons come first: a long report or the sheet as read must not push them out
        // of a 1366×768 screen.
        col = col.push(
            row![
                button(text(t::IMPORT_COMMIT))
                    .on_press_maybe(report.is_ok().then_some(Message::Commit))
                    .style(theme::primary),
                button(text(t::CLOSE))
                    .on_press(Message::Close)
                    .style(theme::secondary),
            ]
            .spacing(theme::GAP),
        );
        if report.is_ok() {
            match kind {
                Kind::Units | Kind::Roster => {
                    // The summary line; the notices follow below, once.
                    let summary = report.to_string();
                    col = col.push(text(summary.lines().next().unwrap_or_default().to_string()));
                    col = col.push(text(t::IMPORT_PREVIEW_OK).style(theme::success_text));
                }
                Kind::Indicators { .. } => {
                    col = col.push(text(t::sheet_ok(c.units)).style(theme::success_text));
                }
            }
        } else {
            col = col.push(text(t::IMPORT_PREVIEW_BAD).style(theme::error_text));
            for p in &report.problems {
                col = col.push(text(p.to_string()).style(theme::error_text));
            }
        }
        if let Some(read) = &c.read {
            col = col.push(super::import_map::view(self, read));
        }
        for n in &report.notices {
            col = col.push(widget::note(n.as_str()));
        }
        Some(match kind {
            Kind::Units | Kind::Roster => col.into(),
            Kind::Indicators { .. } => container(col).padding(theme::PAD).style(theme::card).into(),
        })
    }
}
