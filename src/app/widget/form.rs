//! Form rows: a label, the input, and the validation message beside it in red.

use iced::widget::{column, row, text, text_input};
use iced::{Alignment, Element, Length};

use crate::app::theme;

/// A labelled text field; `error` shows beside the field when present. The label is also the
/// field's widget id, so tests and shortcuts can focus it.
pub fn field<'a, M: Clone + 'a>(
    label: &'static str,
    value: &'a str,
    error: Option<&'a str>,
    on_input: impl Fn(String) -> M + 'a,
) -> Element<'a, M> {
    labelled(
        label,
        text_input(label, value)
            .id(label)
            .on_input(on_input)
            .width(Length::Fill),
        error,
    )
}

/// A label over any input, with the validation message beside it.
pub fn labelled<'a, M: 'a>(
    label: &'a str,
    input: impl Into<Element<'a, M>>,
    error: Option<&'a str>,
) -> Element<'a, M> {
    let message: Element<'a, M> = match error {
        Some(e) => text(e)
            .size(theme::SIZE_SMALL)
            .style(theme::error_text)
            .width(Length::FillPortion(2))
            .into(),
        None => iced::widget::space().width(Length::FillPortion(2)).into(),
    };
    column![
        text(label).size(theme::SIZE_SMALL),
        row![
            iced::widget::container(input).width(Length::FillPortion(3)),
            message
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center),
    ]
    .spacing(2)
    .into()
}
