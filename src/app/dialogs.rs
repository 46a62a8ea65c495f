//! File dialogs and "open this folder" behind a small trait, so tests drive the screens with
//! scripted answers and never open a real dialog. The real implementation uses rfd (xdg portal or
//! zenity on Linux, native dialogs elsewhere); headless it answers `None`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the screens ask of the desktop.
pub trait Dialogs: Send + Sync + std::fmt::Debug {
    /// Asks for a file to open.
    fn open_file(&self, title: &str, filter: (&str, &[&str])) -> Option<PathBuf>;
    /// Asks where to save.
    fn save_file(
        &self,
        title: &str,
        default_name: &str,
        filter: (&str, &[&str]),
    ) -> Option<PathBuf>;
    /// Asks for a folder (where a batch of files goes).
    fn pick_folder(&self, title: &str) -> Option<PathBuf>;
    /// Shows a folder or file in the system's file manager.
    fn reveal(&self, path: &Path);
}

/// Shared handle to the dialogs.
pub type SharedDialogs = Arc<dyn Dialogs>;

/// Asks, off the UI thread, which spreadsheet (.xlsx or .csv) to import; `picked` receives the
/// choice (`None` when the clerk cancels).
pub fn pick_sheet<M: Send + 'static>(
    dialogs: &SharedDialogs,
    picked: fn(Option<PathBuf>) -> M,
) -> iced::Task<M> {
    let dialogs = dialogs.clone();
    crate::app::context::off_thread(
        move || {
            Ok(dialogs.open_file(
                crate::app::text::DIALOG_OPEN_SHEET,
                (crate::app::text::FILTER_SHEET, &["xlsx", "csv"]),
            ))
        },
        move |r| picked(r.ok().flatten()),
    )
}

/// Asks, off the UI thread, where to save an .xlsx sheet proposed as `default_name`; `picked`
/// receives the choice (`None` when the clerk cancels).
pub fn save_sheet<M: Send + 'static>(
    dialogs: &SharedDialogs,
    default_name: &'static str,
    picked: fn(Option<PathBuf>) -> M,
) -> iced::Task<M> {
    let dialogs = dialogs.clone();
    crate::app::context::off_thread(
        move || {
            Ok(dialogs.save_file(
                crate::app::text::DIALOG_SAVE_SHEET,
                default_name,
                (crate::app::text::FILTER_SHEET, &["xlsx"]),
            ))
        },
        move |r| picked(r.ok().flatten()),
    )
}

/// The real dialogs.
#[derive(Debug, Default)]
pub struct Native;

impl Dialogs for Native {
    fn open_file(&self, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(filter.0, filter.1)
            .pick_file()
    }

    fn save_file(
        &self,
        title: &str,
        default_name: &str,
        filter: (&str, &[&str]),
    ) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(default_name)
            .add_filter(filter.0, filter.1)
            .save_file()
    }

    fn pick_folder(&self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
    }

    fn reveal(&self, path: &Path) {
        if let Err(e) = crate::platform::open::reveal(path) {
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Warning)
                .set_description(e.to_string())
                .show();
        }
    }
}

/// Scripted answers for tests: the next paths to return, and what was revealed.
#[derive(Debug, Default)]
pub struct Scripted {
    /// Answers to `open_file`/`save_file`, taken in order.
    pub answers: Mutex<Vec<PathBuf>>,
    /// Paths passed to `reveal`.
    pub revealed: Mutex<Vec<PathBuf>>,
}

impl Scripted {
    /// Dialogs that answer with `paths` in order, then `None`.
    pub fn answering(paths: impl IntoIterator<Item = PathBuf>) -> Scripted {
        let mut answers: Vec<PathBuf> = paths.into_iter().collect();
        answers.reverse();
        Scripted {
            answers: Mutex::new(answers),
            revealed: Mutex::new(Vec::new()),
        }
    }

    fn next(&self) -> Option<PathBuf> {
        self.answers.lock().ok()?.pop()
    }
}

impl Dialogs for Scripted {
    fn open_file(&self, _: &str, _: (&str, &[&str])) -> Option<PathBuf> {
        self.next()
    }

    fn save_file(&self, _: &str, _: &str, _: (&str, &[&str])) -> Option<PathBuf> {
        self.next()
    }

    fn pick_folder(&self, _: &str) -> Option<PathBuf> {
        self.next()
    }

    fn reveal(&self, path: &Path) {
        if let Ok(mut r) = self.revealed.lock() {
            r.push(path.to_path_buf());
        }
    }
}
