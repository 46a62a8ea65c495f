//! Stateless view helpers shared by the screens: form rows with their validation message, cards,
//! section titles, the bar chart, the modal and the toasts; and the import flow two screens
//! share.

pub mod chart;
pub mod edge_keys;
pub mod form;
pub mod import_flow;
pub mod import_map;
pub mod indicator_grid;
pub mod overlay;
pub mod period_picker;
pub mod unit_picker;

use iced::widget::{column, container, text};
use iced::{Element, Length};

use super::theme;

/// A titled white card.
pub fn card<'a, M: 'a>(title: &'a str, body: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(
        column![heading(title), body.into()]
            .spacing(theme::GAP)
            .width(Length::Fill),
    )
    .padding(theme::PAD)
    .style(theme::card)
    .width(Length::Fill)
    .into()
}

/// A section heading.
pub fn heading<'a, M: 'a>(s: &'a str) -> Element<'a, M> {
    text(s)
        .size(theme::SIZE_HEADING)
        .font(theme::UI_BOLD)
        .into()
}

/// A screen title.
pub fn title<'a, M: 'a>(s: &'a str) -> Element<'a, M> {
    text(s).size(theme::SIZE_TITLE).font(theme::UI_BOLD).into()
}

/// A small grey note.
pub fn note<'a, M: 'a>(s: impl text::IntoFragment<'a>) -> Element<'a, M> {
    text(s)
        .size(theme::SIZE_SMALL)
        .style(theme::muted_text)
        .into()
}

/// A vertical scrollable whose scrollbar takes its own room beside the content instead of
/// covering the content's right edge (the end of a line, a field, a button).
pub fn vscroll<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    iced::widget::scrollable(content)
        .direction(iced::widget::scrollable::Direction::Vertical(
            iced::widget::scrollable::Scrollbar::new().spacing(4),
        ))
        .into()
}
