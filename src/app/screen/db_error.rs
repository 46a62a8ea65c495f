//! The screen shown when the database cannot be opened: the path, the reason, and "Mở thư mục" /
//! "Thử lại". Never a panic.

use std::path::PathBuf;

use iced::widget::{button, column, container, row, text};
use iced::{Element, Length};

use super::Action;
use crate::app::{text as t, theme, widget};

#[derive(Debug, Clone)]
pub struct State {
    /// The database file.
    pub path: PathBuf,
    /// The reason, in Vietnamese.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    OpenFolder,
    Retry,
}

/// What the root does for this screen's buttons.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    Reveal(PathBuf),
    Retry,
}

impl State {
    pub fn new(path: PathBuf, error: &crate::Error) -> State {
        State {
            path,
            reason: crate::app::errors::message(error),
        }
    }

    /// The root acts on the request (it owns the dialogs and the loading).
    pub fn update(&mut self, message: Message) -> (Action<Message>, Request) {
        match message {
            Message::OpenFolder => (
                Action::None,
                Request::Reveal(
                    self.path
                        .parent()
                        .map(|p| p.to_path_buf())
                        .unwrap_or_else(|| self.path.clone()),
                ),
            ),
            Message::Retry => (Action::None, Request::Retry),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        container(
            column![
                widget::title(t::DB_ERROR_TITLE),
                text(t::DB_ERROR_PATH).font(theme::UI_BOLD),
                text(self.path.display().to_string()),
                text(t::DB_ERROR_REASON).font(theme::UI_BOLD),
                text(&self.reason).style(theme::error_text),
                widget::note(t::DB_ERROR_HINT),
                row![
                    button(text(t::OPEN_FOLDER))
                        .on_press(Message::OpenFolder)
                        .style(theme::secondary),
                    button(text(t::RETRY))
                        .on_press(Message::Retry)
                        .style(theme::primary),
                ]
                .spacing(theme::GAP),
            ]
            .spacing(theme::GAP)
            .max_width(720),
        )
        .padding(theme::PAD * 2.0)
        .width(Length::Fill)
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_ask_the_root() {
        let mut s = State::new(
            PathBuf::from("/data/cnscd.db"),
            &crate::Error::not_allowed("hỏng"),
        );
        assert_eq!(s.reason, "hỏng");
        let (a, r) = s.update(Message::OpenFolder);
        assert!(a.is_none());
        assert_eq!(r, Request::Reveal(PathBuf::from("/data")));
        assert_eq!(s.update(Message::Retry).1, Request::Retry);
    }
}
