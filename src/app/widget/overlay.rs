//! The confirmation modal and the toast column, drawn over the screen with a `stack`.

use iced::widget::{button, center, column, container, mouse_area, opaque, row, text};
use iced::{Alignment, Element, Length};

use crate::app::screen::Notice;
use crate::app::{text as t, theme};

/// A modal question over `base`, with "Đồng ý" and "Hủy".
pub fn modal<'a, M: Clone + 'a>(
    base: Element<'a, M>,
    question: &'a str,
    yes: M,
    no: M,
) -> Element<'a, M> {
    let dialog = container(
        column![
            text(question).size(theme::SIZE_BODY),
            row![
                button(text(t::CONFIRM)).on_press(yes).style(theme::primary),
                button(text(t::CANCEL))
                    .on_press(no.clone())
                    .style(theme::secondary),
            ]
            .spacing(theme::GAP)
        ]
        .spacing(theme::PAD)
        .max_width(480),
    )
    .padding(theme::PAD * 1.5)
    .style(theme::card);
    iced::widget::stack![
        base,
        opaque(mouse_area(center(opaque(dialog)).style(theme::modal_backdrop)).on_press(no))
    ]
    .into()
}

/// A modal question over `base` whose two answers have words of their own: `keep` (the safe
/// one, also sent by a click outside) and `go`.
pub fn ask<'a, M: Clone + 'a>(
    base: Element<'a, M>,
    question: &'a str,
    keep: (&'a str, M),
    go: (&'a str, M),
) -> Element<'a, M> {
    let dialog = container(
        column![
            text(question).size(theme::SIZE_BODY),
            row![
                button(text(keep.0))
                    .on_press(keep.1.clone())
                    .style(theme::primary),
                button(text(go.0)).on_press(go.1).style(theme::secondary),
            ]
            .spacing(theme::GAP)
        ]
        .spacing(theme::PAD)
        .max_width(520),
    )
    .padding(theme::PAD * 1.5)
    .style(theme::card);
    iced::widget::stack![
        base,
        opaque(mouse_area(center(opaque(dialog)).style(theme::modal_backdrop)).on_press(keep.1))
    ]
    .into()
}

/// A modal form over `base`: `body` (its fields and its own buttons) in a card at most
/// `max_width` wide, centred on a backdrop that swallows clicks, so nothing under it is reached
/// until the form answers.
pub fn form<'a, M: Clone + 'a>(
    base: Element<'a, M>,
    body: impl Into<Element<'a, M>>,
    max_width: f32,
) -> Element<'a, M> {
    let dialog = container(body)
        .max_width(max_width)
        .padding(theme::PAD * 1.5)
        .style(theme::card);
    iced::widget::stack![
        base,
        opaque(mouse_area(
            center(opaque(dialog)).style(theme::modal_backdrop)
        ))
    ]
    .into()
}

/// The toasts, bottom right, each closable.
pub fn toasts<'a, M: Clone + 'a>(
    items: &'a [(u64, Notice)],
    close: impl Fn(u64) -> M + 'a,
) -> Element<'a, M> {
    let col = column(items.iter().map(|(id, notice)| {
        let (message, style): (&str, fn(&iced::Theme) -> container::Style) = match notice {
            Notice::Success(s) => (s, theme::toast_success),
            Notice::Error(s) => (s, theme::toast_error),
        };
        container(
            row![
                text(message).width(Length::Fill),
                button(text("×").size(theme::SIZE_HEADING))
                    .on_press(close(*id))
                    .style(theme::toast_close)
            ]
            .spacing(theme::GAP)
            .align_y(Alignment::Center),
        )
        .padding(theme::GAP * 1.5)
        .width(420)
        .style(style)
        .into()
    }))
    .spacing(theme::GAP);
    container(col)
        .width(Length::Fill)
        .height(Length::Fill)
        .align_x(Alignment::End)
        .align_y(Alignment::End)
        .padding(theme::PAD)
        .into()
}
