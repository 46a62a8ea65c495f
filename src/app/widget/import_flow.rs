//! The import → preview → commit flow the unit tree, the member list and the indicator report
//! share: pick a
//! sheet, check it without writing (the operation's dry run), show every problem or what would
//! be written, and only then, when the file is clean, import it as a long job. A refusal at
//! either step leaves the database as it was.

use std::path::{Path, PathBuf};

use iced::Element;
use iced::widget::{button, column, container, row, text};

use super::super::context::{Cancel, Context};
use super::super::dialogs;
use super::super::screen::{Action, Notice};
use super::super::{text as t, theme, widget};
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
}

/// The flow's state: the checked file, when the preview is open.
#[derive(Debug, Default)]
pub struct ImportFlow {
    /// The preview.
    pub preview: Option<Checked>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Ask which sheet to import.
    Pick,
    /// The clerk's choice.
    Picked(Option<PathBuf>),
    /// The dry run's outcome.
    Checked(PathBuf, Result<(Problems, usize)>),
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
) -> Result<(Problems, usize)> {
    match kind {
        Kind::Units => {
            if !dry_run {
                cancel.check()?;
            }
            let report = ops::transfer::import_units(store, file, dry_run)?;
            Ok((report, 0))
        }
        Kind::Roster => {
            let opts = ops::roster::Options::new(dry_run, now.today());
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

impl ImportFlow {
    /// Whether the preview is open.
    pub fn is_open(&self) -> bool {
        self.preview.is_some()
    }

    pub fn update(&mut self, ctx: &Context, kind: Kind, message: Message) -> Action<Message> {
        match message {
            Message::Pick => Action::Run(dialogs::pick_sheet(&ctx.dialogs, Message::Picked)),
            Message::Picked(None) => Action::None,
            Message::Picked(Some(path)) => {
                let (file, now) = (path.clone(), ctx.now());
                let cancel = Cancel::default();
                let flag = cancel.clone();
                Action::Job {
                    label: kind.running().into(),
                    task: ctx.run(
                        move |store, _| run(store, kind, &file, true, now, &flag),
                        move |r| Message::Checked(path, r),
                    ),
                    cancel,
                }
            }
            Message::Checked(path, result) => match result {
                Ok((report, units)) => {
                    self.preview = Some(Checked {
                        path,
                        report,
                        units,
                    });
                    Action::None
                }
                Err(Error::Refused(report)) => {
                    self.preview = Some(Checked {
                        path,
                        report: (*report).clone(),
                        units: 0,
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
                let cancel = Cancel::default();
                let flag = cancel.clone();
                Action::Job {
                    label: kind.running().into(),
                    task: ctx.run(
                        move |store, _| {
                            flag.check()?;
                            run(store, kind, &file, false, now, &flag)
                        },
                        Message::Committed,
                    ),
                    cancel,
                }
            }
            Message::Committed(result) => match result {
                Ok((report, _)) => {
                    self.preview = None;
                    Action::Reload(Notice::Success(report.to_string().trim().to_string()))
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
        if report.is_ok() {
            match kind {
                Kind::Units | Kind::Roster => {
                    col = col.push(text(report.to_string().trim().to_string()));
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
        for n in &report.notices {
            col = col.push(widget::note(n.as_str()));
        }
        let col = col.push(
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
        Some(match kind {
            Kind::Units | Kind::Roster => col.into(),
            Kind::Indicators { .. } => container(col).padding(theme::PAD).style(theme::card).into(),
        })
    }
}
