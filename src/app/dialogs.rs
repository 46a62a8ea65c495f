//! File dialogs and "open this folder" behind a small trait, so tests drive the screens with
//! scripted answers and never open a real dialog. The real implementation uses rfd (xdg portal or
//! zenity on Linux, native dialogs elsewhere).
//!
//! Never silent, and modal: the screens' dialogs go through `Guarded`, which tells the root when
//! a dialog opens and closes (the window is covered until it closes, so a click cannot land in a
//! field meanwhile) and, when a dialog cannot open at all (no portal, no zenity), asks the root
//! for a typed path instead: the worker thread that asked waits for the clerk's answer in the
//! path field, so every screen gets the fallback without knowing it. A failure to show a folder
//! becomes a visible message with the path.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use iced::futures::channel::mpsc;
use iced::futures::{Stream, StreamExt as _, stream};

/// A dialog's answer: the path chosen, `None` when the clerk cancelled, or why no dialog could
/// open (Vietnamese).
pub type Picked = std::result::Result<Option<PathBuf>, String>;

/// What the screens ask of the desktop. Backends implement the `try_` methods; the screens call
/// the plain ones (through `Guarded`, which turns a failure into the path field).
pub trait Dialogs: Send + Sync + std::fmt::Debug {
    /// Asks for a file to open.
    fn try_open_file(&self, title: &str, filter: (&str, &[&str])) -> Picked;
    /// Asks where to save.
    fn try_save_file(&self, title: &str, default_name: &str, filter: (&str, &[&str])) -> Picked;
    /// Asks for a folder (where a batch of files goes).
    fn try_pick_folder(&self, title: &str) -> Picked;
    /// Shows a folder or file in the system's file manager.
    fn try_reveal(&self, path: &Path) -> std::result::Result<(), String>;
    /// The window the dialogs belong to, once it is open (native dialogs are then modal to it;
    /// scripted ones ignore it).
    fn set_parent(&self, _parent: Parent) {}

    /// Asks for a file to open; `None` when cancelled.
    fn open_file(&self, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
        self.try_open_file(title, filter).ok().flatten()
    }
    /// Asks where to save; `None` when cancelled.
    fn save_file(
        &self,
        title: &str,
        default_name: &str,
        filter: (&str, &[&str]),
    ) -> Option<PathBuf> {
        self.try_save_file(title, default_name, filter)
            .ok()
            .flatten()
    }
    /// Asks for a folder; `None` when cancelled.
    fn pick_folder(&self, title: &str) -> Option<PathBuf> {
        self.try_pick_folder(title).ok().flatten()
    }
    /// Shows a folder or file in the system's file manager.
    fn reveal(&self, path: &Path) {
        let _ = self.try_reveal(path);
    }
}

/// Shared handle to the dialogs.
pub type SharedDialogs = Arc<dyn Dialogs>;

/// What a path typed by hand must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An existing file to read.
    Open,
    /// A file to write (its folder exists).
    Save,
    /// A folder (made when missing, its parent exists).
    Folder,
}

/// A dialog that could not open: what it asked, why it failed, and where the clerk's typed path
/// goes back to the worker waiting for it.
#[derive(Debug, Clone)]
pub struct PathAsk {
    /// The dialog's title.
    pub title: String,
    /// Why no dialog opened.
    pub reason: String,
    /// What the path must be.
    pub kind: Kind,
    /// Accepted extensions (lower case, no dot); empty for a folder.
    pub extensions: Vec<String>,
    /// The proposed file name of a save dialog.
    pub default_name: String,
    reply: Arc<Mutex<Option<std::sync::mpsc::Sender<Option<PathBuf>>>>>,
}

impl PathAsk {
    /// Hands the answer to the waiting worker (once; `None`: the clerk gave up).
    pub fn answer(&self, path: Option<PathBuf>) {
        if let Some(tx) = self.reply.lock().ok().and_then(|mut r| r.take()) {
            let _ = tx.send(path);
        }
    }

    /// The typed text as a path of the right kind, or why not (Vietnamese, naming the path).
    pub fn check(&self, typed: &str) -> std::result::Result<PathBuf, String> {
        use crate::app::text as t;
        let typed = typed.trim().trim_matches('"');
        if typed.is_empty() {
            return Err(t::PATH_EMPTY.into());
        }
        let mut path = PathBuf::from(typed);
        let ext_ok = |p: &Path| {
            self.extensions.is_empty()
                || p.extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .is_some_and(|e| self.extensions.contains(&e))
        };
        match self.kind {
            Kind::Open => {
                if !path.is_file() {
                    return Err(t::path_missing(&path));
                }
                if !ext_ok(&path) {
                    return Err(t::path_wrong_type(&path, &self.extensions));
                }
            }
            Kind::Save => {
                if path.is_dir() {
                    path = path.join(&self.default_name);
                }
                if !ext_ok(&path)
                    && let Some(ext) = self.extensions.first()
                {
                    path.set_extension(ext);
                }
                let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
                if parent.is_some_and(|p| !p.is_dir()) {
                    return Err(t::path_no_folder(parent.unwrap_or(Path::new("."))));
                }
            }
            Kind::Folder => {
                let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
                if !path.is_dir() && parent.is_some_and(|p| !p.is_dir()) {
                    return Err(t::path_no_folder(parent.unwrap_or(Path::new("."))));
                }
                if path.is_file() {
                    return Err(t::path_not_folder(&path));
                }
            }
        }
        Ok(path)
    }
}

/// What the dialogs tell the root.
#[derive(Debug, Clone)]
pub enum Event {
    /// A native dialog opened: cover the window.
    Opened,
    /// It closed.
    Closed,
    /// A file or folder could not be shown: the message names the path.
    Failed(String),
    /// No dialog could open: show the path field.
    AskPath(PathAsk),
}

/// The channel from the dialogs (on worker threads) to the root.
#[derive(Debug)]
pub struct Broker {
    tx: mpsc::UnboundedSender<Event>,
    rx: Mutex<Option<mpsc::UnboundedReceiver<Event>>>,
}

impl Default for Broker {
    fn default() -> Self {
        let (tx, rx) = mpsc::unbounded();
        Broker {
            tx,
            rx: Mutex::new(Some(rx)),
        }
    }
}

impl Broker {
    fn send(&self, event: Event) -> bool {
        self.tx.unbounded_send(event).is_ok()
    }

    /// The events as a stream, for the root's subscription (taken once).
    pub fn events(&self) -> impl Stream<Item = Event> + use<> {
        match self.rx.lock().ok().and_then(|mut r| r.take()) {
            Some(rx) => rx.boxed(),
            None => stream::pending().boxed(),
        }
    }

    /// The events waiting, without a subscription (tests drive the window without one).
    pub fn pending(&self) -> Vec<Event> {
        let mut out = Vec::new();
        if let Ok(mut slot) = self.rx.lock()
            && let Some(rx) = slot.as_mut()
        {
            while let Ok(e) = rx.try_recv() {
                out.push(e);
            }
        }
        out
    }

    /// Asks the root for a typed path and waits for it.
    fn ask_path(&self, ask: PathAsk) -> Option<PathBuf> {
        let (tx, rx) = std::sync::mpsc::channel();
        if let Ok(mut r) = ask.reply.lock() {
            *r = Some(tx);
        }
        if !self.send(Event::AskPath(ask)) {
            return None;
        }
        rx.recv().ok().flatten()
    }
}

/// The dialogs as the screens get them: `inner` (native or scripted) with the window covered
/// while it is open and the path field when it cannot open.
#[derive(Debug)]
pub struct Guarded {
    inner: SharedDialogs,
    broker: Arc<Broker>,
}

impl Guarded {
    /// Wraps `inner`, reporting to `broker`.
    pub fn new(inner: SharedDialogs, broker: Arc<Broker>) -> Guarded {
        Guarded { inner, broker }
    }

    fn modal(
        &self,
        show: impl FnOnce() -> Picked,
        kind: Kind,
        title: &str,
        default_name: &str,
        extensions: &[&str],
    ) -> Option<PathBuf> {
        self.broker.send(Event::Opened);
        let picked = show();
        self.broker.send(Event::Closed);
        match picked {
            Ok(p) => p,
            Err(reason) => {
                tracing::warn!(%reason, "file dialog did not open");
                self.broker.ask_path(PathAsk {
                    title: title.to_owned(),
                    reason,
                    kind,
                    extensions: extensions.iter().map(|e| e.to_lowercase()).collect(),
                    default_name: default_name.to_owned(),
                    reply: Arc::default(),
                })
            }
        }
    }
}

impl Dialogs for Guarded {
    fn try_open_file(&self, title: &str, filter: (&str, &[&str])) -> Picked {
        self.inner.try_open_file(title, filter)
    }

    fn try_save_file(&self, title: &str, default_name: &str, filter: (&str, &[&str])) -> Picked {
        self.inner.try_save_file(title, default_name, filter)
    }

    fn try_pick_folder(&self, title: &str) -> Picked {
        self.inner.try_pick_folder(title)
    }

    fn try_reveal(&self, path: &Path) -> std::result::Result<(), String> {
        self.inner.try_reveal(path)
    }

    fn set_parent(&self, parent: Parent) {
        self.inner.set_parent(parent);
    }

    fn open_file(&self, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
        self.modal(
            || self.inner.try_open_file(title, filter),
            Kind::Open,
            title,
            "",
            filter.1,
        )
    }

    fn save_file(
        &self,
        title: &str,
        default_name: &str,
        filter: (&str, &[&str]),
    ) -> Option<PathBuf> {
        self.modal(
            || self.inner.try_save_file(title, default_name, filter),
            Kind::Save,
            title,
            default_name,
            filter.1,
        )
    }

    fn pick_folder(&self, title: &str) -> Option<PathBuf> {
        self.modal(
            || self.inner.try_pick_folder(title),
            Kind::Folder,
            title,
            "",
            &[],
        )
    }

    fn reveal(&self, path: &Path) {
        if let Err(reason) = self.inner.try_reveal(path) {
            self.broker
                .send(Event::Failed(crate::app::text::reveal_failed(
                    path, &reason,
                )));
        }
    }
}

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
    save_as(
        dialogs,
        default_name,
        (crate::app::text::FILTER_SHEET, &["xlsx"]),
        picked,
    )
}

/// Asks, off the UI thread, where to save a PDF listing proposed as `default_name`.
pub fn save_listing_pdf<M: Send + 'static>(
    dialogs: &SharedDialogs,
    default_name: &'static str,
    picked: fn(Option<PathBuf>) -> M,
) -> iced::Task<M> {
    save_as(
        dialogs,
        default_name,
        (crate::app::text::FILTER_PDF, &["pdf"]),
        picked,
    )
}

fn save_as<M: Send + 'static>(
    dialogs: &SharedDialogs,
    default_name: &'static str,
    filter: (&'static str, &'static [&'static str]),
    picked: fn(Option<PathBuf>) -> M,
) -> iced::Task<M> {
    let dialogs = dialogs.clone();
    crate::app::context::off_thread(
        move || Ok(dialogs.save_file(crate::app::text::DIALOG_SAVE_SHEET, default_name, filter)),
        move |r| picked(r.ok().flatten()),
    )
}

/// The window's handle, for the native dialogs to be modal to it (rfd's `set_parent`): an empty
/// rfd dialog with its parent set, made on the window's thread (`iced::window::run`) and copied
/// for each dialog. Windows, macOS and the xdg portal honour it; elsewhere the window's own
/// overlay (see `Guarded`) still blocks its input.
#[derive(Debug, Clone, Default)]
pub struct Parent(rfd::FileDialog);

impl Parent {
    /// The parent made from the window itself.
    pub fn of(window: &dyn iced::window::Window) -> Parent {
        Parent(rfd::FileDialog::new().set_parent(window))
    }
}

/// The real dialogs.
#[derive(Debug, Default)]
pub struct Native {
    parent: Mutex<Option<Parent>>,
}

impl Native {
    /// A new dialog, with the window as its parent once known.
    fn dialog(&self) -> rfd::FileDialog {
        self.parent
            .lock()
            .ok()
            .and_then(|p| p.clone())
            .map(|p| p.0)
            .unwrap_or_default()
    }
}

/// A dialog that answers "cancelled" faster than a person can is one that never showed.
const TOO_QUICK: std::time::Duration = std::time::Duration::from_millis(250);

/// Whether a native dialog can open at all: on Linux it needs the desktop portal (a session
/// bus) or zenity.
fn dialog_available() -> std::result::Result<(), String> {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return Ok(());
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join("zenity").is_file()));
    if bus || zenity {
        Ok(())
    } else {
        Err(crate::app::text::DIALOG_NO_PORTAL.into())
    }
}

fn shown(pick: impl FnOnce() -> Option<PathBuf>) -> Picked {
    dialog_available()?;
    let started = std::time::Instant::now();
    match pick() {
        None if started.elapsed() < TOO_QUICK => Err(crate::app::text::DIALOG_NO_PORTAL.into()),
        p => Ok(p),
    }
}

impl Dialogs for Native {
    fn try_open_file(&self, title: &str, filter: (&str, &[&str])) -> Picked {
        shown(|| {
            self.dialog()
                .set_title(title)
                .add_filter(filter.0, filter.1)
                .pick_file()
        })
    }

    fn try_save_file(&self, title: &str, default_name: &str, filter: (&str, &[&str])) -> Picked {
        shown(|| {
            self.dialog()
                .set_title(title)
                .set_file_name(default_name)
                .add_filter(filter.0, filter.1)
                .save_file()
        })
    }

    fn try_pick_folder(&self, title: &str) -> Picked {
        shown(|| self.dialog().set_title(title).pick_folder())
    }

    fn try_reveal(&self, path: &Path) -> std::result::Result<(), String> {
        crate::platform::open::reveal(path).map_err(|e| crate::app::errors::message(&e))
    }

    fn set_parent(&self, parent: Parent) {
        if let Ok(mut p) = self.parent.lock() {
            *p = Some(parent);
            tracing::info!("the file dialogs are modal to the window");
        }
    }
}

/// Scripted answers for tests: the next paths to return, what was revealed, and a failure to
/// simulate a desktop without dialogs.
#[derive(Debug, Default)]
pub struct Scripted {
    /// Answers to `open_file`/`save_file`, taken in order.
    pub answers: Mutex<Vec<PathBuf>>,
    /// Paths passed to `reveal`.
    pub revealed: Mutex<Vec<PathBuf>>,
    /// When set, every dialog and every reveal fails with this reason.
    pub failure: Mutex<Option<String>>,
}

impl Scripted {
    /// Dialogs that answer with `paths` in order, then `None`.
    pub fn answering(paths: impl IntoIterator<Item = PathBuf>) -> Scripted {
        let mut answers: Vec<PathBuf> = paths.into_iter().collect();
        answers.reverse();
        Scripted {
            answers: Mutex::new(answers),
            ..Scripted::default()
        }
    }

    /// Dialogs that cannot open, as on a desktop without portal or zenity.
    pub fn failing(reason: &str) -> Scripted {
        Scripted {
            failure: Mutex::new(Some(reason.to_owned())),
            ..Scripted::default()
        }
    }

    fn next(&self) -> Picked {
        if let Some(why) = self.failure.lock().ok().and_then(|f| f.clone()) {
            return Err(why);
        }
        Ok(self.answers.lock().ok().and_then(|mut a| a.pop()))
    }
}

impl Dialogs for Scripted {
    fn try_open_file(&self, _: &str, _: (&str, &[&str])) -> Picked {
        self.next()
    }

    fn try_save_file(&self, _: &str, _: &str, _: (&str, &[&str])) -> Picked {
        self.next()
    }

    fn try_pick_folder(&self, _: &str) -> Picked {
        self.next()
    }

    fn try_reveal(&self, path: &Path) -> std::result::Result<(), String> {
        if let Some(why) = self.failure.lock().ok().and_then(|f| f.clone()) {
            return Err(why);
        }
        if let Ok(mut r) = self.revealed.lock() {
            r.push(path.to_path_buf());
        }
        Ok(())
    }
}
