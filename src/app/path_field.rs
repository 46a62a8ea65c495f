//! The root's side of the dialogs (`dialogs::Guarded`): while a native dialog is open the window
//! is covered, so no click lands in a field behind it; when a dialog cannot open, the window says
//! why and offers a field for a typed or pasted path, checked before it is handed back to the
//! screen that asked; a file or folder that cannot be shown is an error message with its path.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use iced::widget::{button, center, column, container, mouse_area, opaque, row, text, text_input};
use iced::{Element, Subscription, Task};

use super::dialogs::{Broker, Event, PathAsk};
use super::screen::Notice;
use super::{App, Message, text as t, theme};

/// The id of the path field, to focus it (and for tests).
pub const FIELD_ID: &str = "path-field";

/// The path field shown after a dialog failed.
#[derive(Debug)]
pub struct PathField {
    /// What the dialog asked, and where the answer goes.
    pub ask: PathAsk,
    /// What the clerk typed.
    pub typed: String,
    /// Why the typed path was refused.
    pub error: Option<String>,
}

/// The path field's messages.
#[derive(Debug, Clone)]
pub enum PathMessage {
    Typed(String),
    Choose,
    Cancel,
}

/// The broker as a subscription key: one subscription per broker.
#[derive(Debug, Clone)]
struct Key(Arc<Broker>);

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (Arc::as_ptr(&self.0) as usize).hash(state);
    }
}

/// The dialogs' events for the root.
pub fn events(broker: &Arc<Broker>) -> Subscription<Event> {
    Subscription::run_with(Key(broker.clone()), |k| k.0.events())
}

impl App {
    /// Acts on what the dialogs report.
    pub(super) fn dialog_event(&mut self, event: Event) -> Task<Message> {
        match event {
            Event::Opened => self.dialogs_open += 1,
            Event::Closed => self.dialogs_open = self.dialogs_open.saturating_sub(1),
            Event::Failed(message) => self.notify(Notice::Error(message)),
            Event::AskPath(ask) => {
                if let Some(old) = self.path_field.take() {
                    old.ask.answer(None);
                }
                self.path_field = Some(PathField {
                    ask,
                    typed: String::new(),
                    error: None,
                });
                return iced::widget::operation::focus(FIELD_ID);
            }
        }
        Task::none()
    }

    /// The path field's answers.
    pub(super) fn path_message(&mut self, message: PathMessage) -> Task<Message> {
        let Some(field) = &mut self.path_field else {
            return Task::none();
        };
        match message {
            PathMessage::Typed(s) => {
                field.typed = s;
                field.error = None;
            }
            PathMessage::Choose => match field.ask.check(&field.typed) {
                Ok(path) => {
                    field.ask.answer(Some(path));
                    self.path_field = None;
                }
                Err(why) => field.error = Some(why),
            },
            PathMessage::Cancel => {
                field.ask.answer(None);
                self.path_field = None;
            }
        }
        Task::none()
    }
}

/// The window covered while a native dialog is open: clicks stop here.
pub fn covered<'a>(base: Element<'a, Message>) -> Element<'a, Message> {
    let note = container(text(t::DIALOG_OPEN_NOW).size(theme::SIZE_BODY))
        .padding(theme::PAD)
        .max_width(480)
        .style(theme::card);
    iced::widget::stack![
        base,
        opaque(mouse_area(
            center(opaque(note)).style(theme::modal_backdrop)
        ))
    ]
    .into()
}

/// The path field over the window, with the dialog's title and why it did not open.
pub fn view<'a>(base: Element<'a, Message>, field: &'a PathField) -> Element<'a, Message> {
    let path = Message::Path;
    let mut body = column![
        text(&field.ask.title)
            .size(theme::SIZE_HEADING)
            .font(theme::UI_BOLD),
        text(&field.ask.reason).style(theme::error_text),
        text(t::PATH_FIELD_HINT).size(theme::SIZE_SMALL),
        text_input(&field.ask.default_name, &field.typed)
            .id(FIELD_ID)
            .on_input(|s| Message::Path(PathMessage::Typed(s)))
            .on_submit(path(PathMessage::Choose))
            .padding(8),
    ]
    .spacing(theme::GAP);
    if let Some(why) = &field.error {
        body = body.push(text(why).size(theme::SIZE_SMALL).style(theme::error_text));
    }
    body = body.push(
        row![
            button(text(t::PATH_CHOOSE))
                .on_press(path(PathMessage::Choose))
                .style(theme::primary),
            button(text(t::CANCEL))
                .on_press(path(PathMessage::Cancel))
                .style(theme::secondary),
        ]
        .spacing(theme::GAP),
    );
    crate::app::widget::overlay::form(base, body, 680.0)
}
