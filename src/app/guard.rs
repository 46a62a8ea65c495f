//! Safe to make mistakes, at the root: each screen says through its State whether it holds work
//! the clerk has not saved (`Unsaved`), and the root asks «Tiếp tục sửa» / «Bỏ thay đổi» before
//! that work is lost: leaving the screen, Esc on the form, closing the window. A job in progress
//! asks before the window closes; «Dừng và đóng» stops it, lets it record what it finished, and
//! only then closes, so the files on disk and the register agree.
//!
//! The window does not exit on its own when the clerk clicks ×: `run` turns that off, and the
//! close request arrives here as `Message::CloseRequested`.

use iced::{Task, window};

use super::screen::{Nav, Shortcut, members, reports, settings, units};
use super::{App, Message, text};

/// What a screen State reports to the root: whether it holds unsaved work, and how to drop it.
pub trait Unsaved {
    /// Something typed and not saved.
    fn has_unsaved(&self) -> bool;
    /// Drops what was typed (the clerk chose «Bỏ thay đổi»).
    fn discard(&mut self);
}

impl Unsaved for members::State {
    fn has_unsaved(&self) -> bool {
        // A form just opened (maybe with its team chosen) holds nothing of the clerk's yet.
        self.form.as_ref().is_some_and(|f| {
            [&f.name, &f.year, &f.phone, &f.email, &f.position]
                .iter()
                .any(|s| !s.trim().is_empty())
                || f.trained
        })
    }

    fn discard(&mut self) {
        self.form = None;
    }
}

impl Unsaved for units::State {
    fn has_unsaved(&self) -> bool {
        self.form.is_some()
    }

    fn discard(&mut self) {
        self.form = None;
    }
}

impl Unsaved for reports::State {
    fn has_unsaved(&self) -> bool {
        !self.edits.is_empty()
    }

    fn discard(&mut self) {
        self.edits.clear();
    }
}

impl Unsaved for settings::State {
    fn has_unsaved(&self) -> bool {
        self.dirty
    }

    fn discard(&mut self) {
        self.dirty = false;
    }
}

/// A question with two answers of its own words: `keep` goes back to work, `go` loses or stops
/// something and then sends `then`.
#[derive(Debug)]
pub struct Ask {
    /// The question.
    pub question: String,
    /// The safe answer («Tiếp tục sửa»).
    pub keep: &'static str,
    /// The answer that loses work («Bỏ thay đổi»).
    pub go: &'static str,
    /// The screen to show when the clerk keeps editing.
    pub back_to: Option<Nav>,
    /// What «go» does.
    pub then: Box<Message>,
}

impl App {
    /// The screen holding unsaved work: the current one first.
    pub fn unsaved(&self) -> Option<Nav> {
        std::iter::once(self.nav)
            .chain(Nav::ALL)
            .find(|&nav| self.screen_unsaved(nav))
    }

    fn screen_unsaved(&self, nav: Nav) -> bool {
        match nav {
            Nav::Units => self.units.has_unsaved(),
            Nav::Members => self.members.has_unsaved(),
            Nav::Reports => self.reports.has_unsaved(),
            Nav::Settings => self.settings.has_unsaved(),
            _ => false,
        }
    }

    /// Drops every screen's unsaved work.
    pub(super) fn discard_all(&mut self) {
        self.units.discard();
        self.members.discard();
        self.reports.discard();
        if self.settings.has_unsaved() {
            self.settings.discard();
            self.settings.refresh(&self.ctx);
        }
    }

    fn ask_unsaved(&mut self, nav: Nav, then: Message) -> Task<Message> {
        self.ask = Some(Ask {
            question: text::unsaved_question(nav.label()),
            keep: text::KEEP_EDITING,
            go: text::DISCARD_CHANGES,
            back_to: Some(nav),
            then: Box::new(Message::Discard(Box::new(then))),
        });
        Task::none()
    }

    /// Leaving the screen: asks first when it holds unsaved work.
    pub(super) fn navigate(&mut self, nav: Nav) -> Task<Message> {
        if nav != self.nav && self.screen_unsaved(self.nav) {
            return self.ask_unsaved(self.nav, Message::Navigate(nav));
        }
        self.nav = nav;
        Task::none()
    }

    /// Esc on a screen with unsaved work: asks before the screen closes its form.
    pub(super) fn guard_escape(&mut self) -> Option<Task<Message>> {
        if !self.screen_unsaved(self.nav) {
            return None;
        }
        Some(self.ask_unsaved(self.nav, Message::Shortcut(Shortcut::Close)))
    }

    /// The clerk clicked × (or the desktop asks the window to close).
    pub(super) fn close_requested(&mut self, id: window::Id) -> Task<Message> {
        if let Some(job) = &self.job {
            self.ask = Some(Ask {
                question: text::job_close_question(&job.label),
                keep: text::KEEP_WORKING,
                go: text::STOP_AND_CLOSE,
                back_to: None,
                then: Box::new(Message::StopAndClose(id)),
            });
            return Task::none();
        }
        if let Some(nav) = self.unsaved() {
            return self.ask_unsaved(nav, Message::CloseNow(id));
        }
        close(id)
    }

    /// «Dừng và đóng»: the job is asked to stop; the window closes once it has recorded what it
    /// finished (`JobDone`).
    pub(super) fn stop_and_close(&mut self, id: window::Id) -> Task<Message> {
        match &mut self.job {
            Some(job) => {
                job.cancel.cancel();
                job.stopping = true;
                self.close_after_job = Some(id);
                Task::none()
            }
            None => self.close_requested(id),
        }
    }
}

/// Closes the window and ends the program.
pub fn close(id: window::Id) -> Task<Message> {
    window::close::<Message>(id).chain(iced::exit())
}
