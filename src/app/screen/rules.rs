//! The «Quy định thành phần Tổ» section of Cài đặt: a preset from the guidance (Bộ TT&TT 793,
//! Bắc Giang 2023, Đà Nẵng 2023, or the office's own numbers) and the fewest and most members.
//! Saving calls `ops::lifecycle::set_rules`, the operation `cnscd rules set` calls; the registry
//! is reloaded so Tổng quan lists the teams that break the new rules.

use iced::widget::{button, column, pick_list, row, text};
use iced::{Alignment, Element};

use super::{Action, Notice};
use crate::app::context::Context;
use crate::app::widget::form::{field, labelled};
use crate::app::{theme, widget};
use crate::model::{CompositionRules, RulePreset};
use crate::ops;

/// The section's title.
pub const TITLE: &str = "Quy định thành phần Tổ";
/// The preset's label.
pub const PRESET: &str = "Theo hướng dẫn";
/// The fewest members' label.
pub const MIN: &str = "Số thành viên tối thiểu";
/// The most members' label.
pub const MAX: &str = "Số thành viên tối đa";
/// The save button.
pub const SAVE: &str = "Lưu quy định";
/// A count that is not a number.
pub const BAD_NUMBER: &str = "Hãy ghi một số nguyên, ví dụ 7.";

/// The rules as edited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The chosen preset.
    pub preset: RulePreset,
    /// The fewest members, as typed.
    pub min: String,
    /// The most members, as typed.
    pub max: String,
    /// The rest of the rules, kept as loaded.
    pub base: CompositionRules,
    /// Whether it differs from the saved rules.
    pub dirty: bool,
    /// Why it cannot be saved.
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Preset(RulePreset),
    Min(String),
    Max(String),
    Save,
    Saved(Result<CompositionRules, crate::Error>),
}

impl Section {
    /// Takes the saved rules unless the clerk is editing.
    pub fn refresh(&mut self, ctx: &Context) {
        if !self.dirty {
            let r = ctx.registry.rules;
            self.preset = r.preset;
            self.min = r.min_members.to_string();
            self.max = r.max_members.to_string();
            self.base = r;
        }
    }

    /// The rules the section would save.
    pub fn rules(&self) -> Result<CompositionRules, String> {
        let num = |s: &str| s.trim().parse::<u32>().map_err(|_| BAD_NUMBER.to_string());
        Ok(CompositionRules {
            preset: self.preset,
            min_members: num(&self.min)?,
            max_members: num(&self.max)?,
            ..self.base
        })
    }

    pub fn update(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::Preset(p) => {
                let r = p.rules();
                self.preset = p;
                self.min = r.min_members.to_string();
                self.max = r.max_members.to_string();
                self.base = r;
                self.dirty = true;
            }
            Message::Min(v) => {
                self.min = v;
                self.dirty = true;
            }
            Message::Max(v) => {
                self.max = v;
                self.dirty = true;
            }
            Message::Save => match self.rules() {
                Ok(rules) => {
                    self.error = None;
                    return Action::Run(ctx.run(
                        move |store, _| ops::lifecycle::set_rules(store, &rules).map(|()| rules),
                        Message::Saved,
                    ));
                }
                Err(e) => self.error = Some(e),
            },
            Message::Saved(Ok(r)) => {
                self.dirty = false;
                return Action::Reload(Notice::Success(format!(
                    "Đã lưu quy định thành phần Tổ: từ {} đến {} thành viên.",
                    r.min_members, r.max_members
                )));
            }
            Message::Saved(Err(e)) => {
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut col = column![
            labelled(
                PRESET,
                pick_list(RulePreset::ALL, Some(self.preset), Message::Preset),
                None
            ),
            row![
                field(MIN, &self.min, None, Message::Min),
                field(MAX, &self.max, None, Message::Max),
            ]
            .spacing(theme::GAP),
        ]
        .spacing(theme::GAP);
        if let Some(e) = &self.error {
            col = col.push(text(e).style(theme::error_text));
        }
        col = col.push(
            row![
                button(text(SAVE))
                    .on_press(Message::Save)
                    .style(theme::primary),
                widget::note("Các Tổ chưa đúng quy định hiện ở Tổng quan và khi soạn quyết định."),
            ]
            .spacing(theme::GAP)
            .align_y(Alignment::Center),
        );
        widget::card(TITLE, col)
    }
}
