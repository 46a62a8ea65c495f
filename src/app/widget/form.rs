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

/// A label over any input, with the validation message beside it (the input takes the whole
/// width while there is nothing to say).
pub fn labelled<'a, M: 'a>(
    label: &'a str,
    input: impl Into<Element<'a, M>>,
    error: Option<&'a str>,
) -> Element<'a, M> {
    let input: Element<'a, M> = match error {
        Some(e) => row![
            iced::widget::container(input).width(Length::FillPortion(3)),
            text(e)
                .size(theme::SIZE_SMALL)
                .style(theme::error_text)
                .width(Length::FillPortion(2)),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center)
        .into(),
        None => iced::widget::container(input).width(Length::Fill).into(),
    };
    column![text(label).size(theme::SIZE_SMALL), input]
        .spacing(2)
        .into()
}
