//! The screens. Each file owns its `State`, its `Message`, `update(&mut self, Message) -> Action`
//! and `view`; the root only routes. An `Action` is what a screen asks of the root: run a task,
//! show a toast, reload the registry snapshot, ask for confirmation, start a long job, or go to
//! another screen.

pub mod db_error;
pub mod documents;
pub mod members;
pub mod overview;
pub mod reports;
pub mod settings;
pub mod signing;
pub mod units;
pub mod welcome;

use iced::Task;

use super::background::Cancel;

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
}

impl Nav {
    /// In navigation order.
    pub const ALL: [Nav; 7] = [
        Nav::Overview,
        Nav::Units,
        Nav::Members,
        Nav::Documents,
        Nav::Reports,
        Nav::Signing,
        Nav::Settings,
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
        }
    }
}

/// A toast's message and whether it reports success or an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Success(String),
    Error(String),
}

impl Notice {
    /// An error toast from a library error.
    pub fn error(e: &crate::Error) -> Notice {
        Notice::Error(e.to_string())
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
    /// Go to another screen.
    Navigate(Nav),
}

impl<M> Action<M> {
    /// Whether this is `Action::None` (handy in tests).
    pub fn is_none(&self) -> bool {
        matches!(self, Action::None)
    }
}
