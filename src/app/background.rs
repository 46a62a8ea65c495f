//! Running blocking library calls (database, import, export, backup) off the UI thread: each call
//! runs on its own thread and hands its result back to an iced `Task` through a oneshot channel,
//! so the window never freezes. Long work also carries a cancel flag the work checks before it
//! writes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use iced::Task;
use iced::futures::channel::oneshot;
use iced::task::Handle;

use crate::error::{Error, Result};

/// Runs a fallible `work` on a new thread; a worker that dies becomes an error, not a panic.
pub fn run_result<T, M>(
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

/// A cancel flag shared with the work.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether cancel was asked; work checks this before it writes.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// The flag itself, for library work that checks it between steps.
    pub fn flag(&self) -> &AtomicBool {
        &self.0
    }

    /// An error when cancelled, for `?` inside the work.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// A long piece of work in progress, shown in the header with a progress bar and a cancel button.
#[derive(Debug)]
pub struct Job {
    /// What is running, in words.
    pub label: String,
    /// When it started.
    pub started: Instant,
    /// Stops waiting for the task.
    pub handle: Handle,
    /// Asks the work to stop before it writes.
    pub cancel: Cancel,
}
