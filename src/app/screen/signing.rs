//! The NAV_SIGNING screen. Its library part is landing in parallel; until it does the screen says what
//! will be here.

use iced::widget::column;
use iced::{Element, Length};

use super::Action;
use crate::app::{text as t, theme, widget};

#[derive(Debug, Default)]
pub struct State;

#[derive(Debug, Clone)]
pub enum Message {}

impl State {
    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {}
    }

    pub fn view(&self) -> Element<'_, Message> {
        column![
            widget::title(t::NAV_SIGNING),
            widget::card(t::NAV_SIGNING, widget::note(t::SIGNING_PENDING)),
            widget::note(t::PENDING_NOTE),
        ]
        .spacing(theme::PAD)
        .padding(theme::PAD)
        .width(Length::Fill)
        .into()
    }
}
