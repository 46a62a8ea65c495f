//! The screens. Each file owns its `State`, its `Message`, `update(&mut self, &Context, Message)
//! -> Action` and `view(&self, &Context)`; the root only routes. An `Action` is what a screen
//! asks of the root: run a task, show a toast, reload the registry snapshot, ask for
//! confirmation, start a long job, or open something on another screen (`Target`).

pub mod db_error;
pub mod documents;
pub mod guide;
pub mod members;
pub mod overview;
pub mod own_indicators;
pub mod reports;
pub mod rules;
pub mod settings;
pub mod signing;
pub mod targets;
pub mod units;
pub mod welcome;

use std::path::PathBuf;

use iced::Task;

use super::context::Cancel;
use crate::ops::{Error, Period};

/// The screens of the left navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nav {
    Overview,
    Units,
    Members,
    Documents,
    Reports,
    Signing,
    Settings,
    Guide,
}

impl Nav {
    /// In navigation order.
    pub const ALL: [Nav; 8] = [
        Nav::Overview,
        Nav::Units,
        Nav::Members,
        Nav::Documents,
        Nav::Reports,
        Nav::Signing,
        Nav::Settings,
        Nav::Guide,
    ];

    /// The label in the navigation.
    pub fn label(self) -> &'static str {
        use super::text as t;
        match self {
            Nav::Overview => t::NAV_OVERVIEW,
            Nav::Units => t::NAV_UNITS,
            Nav::Members => t::NAV_MEMBERS,
            Nav::Documents => t::NAV_DOCUMENTS,
            Nav::Reports => t::NAV_REPORTS,
            Nav::Signing => t::NAV_SIGNING,
            Nav::Settings => t::NAV_SETTINGS,
            Nav::Guide => t::NAV_GUIDE,
        }
    }
}

/// Something a screen asks to open elsewhere: the root routes it to the screen that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A screen as it is.
    Screen(Nav),
    /// A team on Tổ và thành viên.
    Team(i64),
    /// A PDF in the signing form of Ký số.
    SignFile(PathBuf),
    /// The periodic report of a unit over a period, ready to draft on Văn bản.
    DraftReport {
        /// The unit.
        unit: Option<i64>,
        /// The period.
        period: Period,
    },
}

/// A toast's message and whether it reports success or an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Success(String),
    Error(String),
}

impl Notice {
    /// An error toast, in the window's words (`app::errors::message`).
    pub fn error(e: &Error) -> Notice {
        Notice::Error(super::errors::message(e))
    }
}

/// A question the root shows in a modal; `yes` is sent back to the screen when confirmed.
#[derive(Debug, Clone)]
pub struct Confirm<M> {
    /// The question.
    pub text: String,
    /// The screen message for "Đồng ý".
    pub yes: M,
}

/// Keyboard shortcuts routed to the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+F.
    Search,
    /// Ctrl+N.
    New,
    /// Ctrl+S.
    Save,
    /// Ctrl+P.
    Print,
    /// Esc.
    Close,
}

/// What a screen's `update` asks of the root.
#[derive(Debug)]
pub enum Action<M> {
    /// Nothing more.
    None,
    /// Run a task whose messages come back to the screen.
    Run(Task<M>),
    /// Show a toast.
    Notify(Notice),
    /// The database changed: reload the snapshot, then show the toast.
    Reload(Notice),
    /// Ask for confirmation first.
    Confirm(Confirm<M>),
    /// Long work: shown with a progress bar and a cancel button. The task's first message ends
    /// the job.
    Job {
        /// What is running, in words.
        label: String,
        /// The work.
        task: Task<M>,
        /// The flag the work checks before it writes.
        cancel: Cancel,
    },
    /// Open something, maybe on another screen.
    Open(Target),
}

impl<M: Send + 'static> Action<M> {
    /// Whether this is `Action::None` (handy in tests).
    pub fn is_none(&self) -> bool {
        matches!(self, Action::None)
    }

    /// The same action with its messages wrapped by `f` (a component's actions, asked of the
    /// screen that holds it).
    pub fn map<N: Send + 'static>(self, f: impl Fn(M) -> N + Send + Clone + 'static) -> Action<N> {
        match self {
            Action::None => Action::None,
            Action::Run(task) => Action::Run(task.map(f)),
            Action::Notify(n) => Action::Notify(n),
            Action::Reload(n) => Action::Reload(n),
            Action::Confirm(c) => Action::Confirm(Confirm {
                text: c.text,
                yes: f(c.yes),
            }),
            Action::Job {
                label,
                task,
                cancel,
            } => Action::Job {
                label,
                task: task.map(f),
                cancel,
            },
            Action::Open(t) => Action::Open(t),
        }
    }
}
