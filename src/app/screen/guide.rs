//! Hướng dẫn (also F1): the common jobs of a clerk step by step, with a screenshot of the screen
//! each one happens on. Everything is inside the program (the words in `text::guide`, the
//! screenshots bundled as small PNGs), so the guide works on a computer without internet.

use std::sync::LazyLock;

use iced::widget::{Column, button, column, container, image, row, scrollable, text};
use iced::{Element, Length};

use super::Action;
use crate::app::context::Context;
use crate::app::text::guide::{self as g, TOPICS};
use crate::app::{theme, widget};

/// The screenshots, by the file name a topic gives.
const IMAGES: &[(&str, &[u8])] = &[
    (
        "tong-quan.png",
        include_bytes!("../../../assets/guide/tong-quan.png"),
    ),
    (
        "thanh-vien.png",
        include_bytes!("../../../assets/guide/thanh-vien.png"),
    ),
    (
        "van-ban.png",
        include_bytes!("../../../assets/guide/van-ban.png"),
    ),
    (
        "chi-tieu.png",
        include_bytes!("../../../assets/guide/chi-tieu.png"),
    ),
    (
        "ky-so.png",
        include_bytes!("../../../assets/guide/ky-so.png"),
    ),
    (
        "duong-dan.png",
        include_bytes!("../../../assets/guide/duong-dan.png"),
    ),
];

/// Image handles made once, so the renderer decodes each screenshot once.
static HANDLES: LazyLock<Vec<(&'static str, image::Handle)>> = LazyLock::new(|| {
    IMAGES
        .iter()
        .map(|(name, bytes)| (*name, image::Handle::from_bytes(*bytes)))
        .collect()
});

/// The screenshot named `name`, if bundled.
pub fn screenshot(name: &str) -> Option<&'static [u8]> {
    IMAGES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

#[derive(Debug, Default)]
pub struct State {
    /// The topic shown, an index into `TOPICS`.
    pub topic: usize,
}

#[derive(Debug, Clone)]
pub enum Message {
    Topic(usize),
}

impl State {
    pub fn update(&mut self, _ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::Topic(i) if i < TOPICS.len() => self.topic = i,
            Message::Topic(_) => {}
        }
        Action::None
    }

    pub fn view(&self, _ctx: &Context) -> Element<'_, Message> {
        let list = Column::with_children(TOPICS.iter().enumerate().map(|(i, topic)| {
            button(text(topic.title).size(theme::SIZE_BODY))
                .on_press(Message::Topic(i))
                .style(theme::choice(i == self.topic))
                .width(Length::Fill)
                .padding([8.0, 12.0])
                .into()
        }))
        .spacing(4)
        .width(280);
        let topic = &TOPICS[self.topic.min(TOPICS.len() - 1)];
        let mut body = column![widget::heading(topic.title)].spacing(theme::GAP);
        for (n, step) in topic.steps.iter().enumerate() {
            body = body.push(
                row![
                    text(format!("{}.", n + 1)).font(theme::UI_BOLD).width(28),
                    text(*step).width(Length::Fill),
                ]
                .spacing(4),
            );
        }
        if let Some(handle) = topic
            .image
            .and_then(|name| HANDLES.iter().find(|(n, _)| *n == name))
            .map(|(_, h)| h.clone())
        {
            body = body.push(
                container(image(handle).width(Length::Fill))
                    .padding(4)
                    .style(theme::card),
            );
        }
        column![
            widget::title(g::TITLE),
            widget::note(g::INTRO),
            row![
                scrollable(list).height(Length::Fill),
                scrollable(
                    container(body.max_width(900))
                        .padding(theme::PAD)
                        .style(theme::card)
                )
                .height(Length::Fill)
                .width(Length::Fill),
            ]
            .spacing(theme::PAD)
            .height(Length::Fill),
        ]
        .spacing(theme::GAP)
        .padding(theme::PAD)
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_image_is_bundled_and_a_png() {
        for topic in TOPICS {
            assert!(!topic.steps.is_empty(), "{}", topic.title);
            if let Some(name) = topic.image {
                let bytes = screenshot(name).unwrap_or_else(|| panic!("{name} is not bundled"));
                assert!(bytes.starts_with(b"\x89PNG"), "{name}");
                assert!(bytes.len() < 200_000, "{name} is {} bytes", bytes.len());
            }
        }
    }
}
