//! What every screen is given: the workspace (data folder, templates, trust folder), the dialogs,
//! the registry snapshot and the clock. Work runs off the UI thread through `run`, which opens
//! the database on a worker thread, calls one operation and hands its result back as a
//! message; no screen keeps a folder or opens the database itself.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{NaiveDate, NaiveDateTime};
use iced::Task;
use iced::futures::channel::oneshot;

use super::dialogs::{Broker, Guarded, SharedDialogs};
use crate::ops::registry::Registry;
use crate::ops::{self, Error, Moment, Result, Store, Workspace};

/// Where the window's moments come from: the wall clock, or a fixed one (`CNSCD_TODAY`, tests),
/// so a script gets the same files from the window as from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The wall clock.
    System,
    /// Always this local moment.
    Fixed(NaiveDateTime),
}

impl Clock {
    /// The fixed moment of `CNSCD_TODAY` when it is set and readable, else the wall clock.
    pub fn from_env() -> Clock {
        match std::env::var(ops::clock::FIXED_CLOCK_VAR) {
            Ok(s) if !s.is_empty() => match ops::clock::parse_fixed(&s) {
                Ok(m) => Clock::Fixed(m),
                Err(e) => {
                    tracing::warn!(error = %e, "ignoring the fixed clock");
                    Clock::System
                }
            },
            _ => Clock::System,
        }
    }

    /// Now.
    pub fn moment(self) -> Moment {
        match self {
            Clock::System => Moment::at(chrono::Utc::now(), chrono::Local::now().naive_local()),
            Clock::Fixed(local) => Moment::fixed(local),
        }
    }
}

/// A cancel flag shared with the work.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// The flag itself, for operations that check it between steps.
    pub fn flag(&self) -> &AtomicBool {
        &self.0
    }

    /// `Error::Cancelled` when cancel was asked, for `?` before the work writes.
    pub fn check(&self) -> Result<()> {
        if self.0.load(Ordering::SeqCst) {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// The shared context of the screens.
#[derive(Debug, Clone)]
pub struct Context {
    /// The data folder, its templates and trust folder.
    pub ws: Workspace,
    /// File dialogs and "open this folder" (guarded: see `dialogs::Guarded`).
    pub dialogs: SharedDialogs,
    /// Where the dialogs tell the root they opened, closed or failed.
    pub broker: Arc<Broker>,
    /// The loaded registry.
    pub registry: Arc<Registry>,
    /// The clock.
    pub clock: Clock,
    /// What the operations asked to tell the clerk (`Store::notice`), until the root shows it.
    pub notices: Arc<std::sync::Mutex<Vec<String>>>,
}

impl Context {
    /// A context on `ws` with an empty registry until it loads.
    pub fn new(ws: Workspace, dialogs: SharedDialogs, clock: Clock) -> Context {
        let broker = Arc::new(Broker::default());
        Context {
            ws,
            dialogs: Arc::new(Guarded::new(dialogs, broker.clone())),
            broker,
            registry: Arc::new(Registry::default()),
            clock,
            notices: Arc::default(),
        }
    }

    /// Now.
    pub fn now(&self) -> Moment {
        self.clock.moment()
    }

    /// Today.
    pub fn today(&self) -> NaiveDate {
        self.now().today()
    }

    /// Runs `op` with the database open on a worker thread; `done` turns its result into a
    /// message. A worker that dies becomes an error, not a panic.
    pub fn run<T, M>(
        &self,
        op: impl FnOnce(&mut Store, &Workspace) -> Result<T> + Send + 'static,
        done: impl FnOnce(Result<T>) -> M + Send + 'static,
    ) -> Task<M>
    where
        T: Send + 'static,
        M: Send + 'static,
    {
        let ws = self.ws.clone();
        let notices = self.notices.clone();
        off_thread(
            move || {
                let mut store = ws.open()?;
                let out = op(&mut store, &ws);
                let told = store.take_notices();
                if out.is_ok() && !told.is_empty() {
                    notices
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .extend(told);
                }
                out
            },
            done,
        )
    }

    /// The notices the operations left since the last call.
    pub fn take_notices(&self) -> Vec<String> {
        std::mem::take(&mut *self.notices.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Runs `op` (files, dialogs: no database) on a worker thread.
    pub fn files<T, M>(
        &self,
        op: impl FnOnce(&Workspace) -> Result<T> + Send + 'static,
        done: impl FnOnce(Result<T>) -> M + Send + 'static,
    ) -> Task<M>
    where
        T: Send + 'static,
        M: Send + 'static,
    {
        let ws = self.ws.clone();
        off_thread(move || op(&ws), done)
    }
}

/// Runs a fallible `work` on a new thread and hands its result to an iced `Task` through a
/// oneshot channel, so the window never freezes.
pub fn off_thread<T, M>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
    done: impl FnOnce(Result<T>) -> M + Send + 'static,
) -> Task<M>
where
    T: Send + 'static,
    M: Send + 'static,
{
    let (tx, rx) = oneshot::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    Task::perform(rx, move |r| {
        done(r.unwrap_or_else(|_| {
            Err(Error::internal(
                "công việc nền dừng đột ngột; dữ liệu không thay đổi",
            ))
        }))
    })
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A workspace on `dir` for the root's tests (only this module names workspaces).
    pub fn workspace(dir: &std::path::Path) -> Workspace {
        Workspace::new(dir)
    }

    /// The database of `ws`, opened as the context's work opens it (the root's tests).
    pub fn store(ws: &Workspace) -> Store {
        ws.open().expect("db")
    }

    /// A context over a new data folder in `dir` holding the sample at `scale`, its registry
    /// loaded.
    pub fn sample_context(dir: &std::path::Path, scale: ops::sample::Scale) -> Context {
        let ws = Workspace::new(dir);
        let mut store = ws.open().expect("db");
        let today = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        ops::sample::sample(&mut store, scale, 2, today, &AtomicBool::new(false)).expect("sample");
        let mut ctx = Context::new(
            ws,
            Arc::new(crate::app::dialogs::Scripted::default()),
            Clock::Fixed(today.and_hms_opt(8, 0, 0).expect("time")),
        );
        ctx.registry = Arc::new(ops::registry::load(&store).expect("registry"));
        ctx
    }
}
