//! «Chỉ tiêu riêng, hạn báo cáo» of Cài đặt, a panel over the settings: the office's own
//! indicators (added with a code, label, unit and how they add up — summed over periods, the
//! latest value, or people counted; renamed; retired and brought back, their values kept) and
//! the reporting deadline of a period. Each button is one `ops::indicators` call, the twin of
//! `cnscd indicator add|rename|retire` and `cnscd deadline set`.

use std::collections::BTreeMap;

use iced::widget::{
    Column, button, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Alignment, Element, Length};

use super::{Action, Notice};
use crate::app::context::Context;
use crate::app::widget::form::labelled;
use crate::app::{theme, widget};
use crate::ops::indicators::NewIndicator;
use crate::ops::indicators::{self, OwnIndicator};

/// The button of Cài đặt that shows the panel.
pub const SHOW: &str = "Chỉ tiêu riêng, hạn báo cáo…";
/// The panel's title.
pub const TITLE: &str = "Chỉ tiêu riêng của cơ quan";
/// The deadline card's title.
pub const DEADLINE_TITLE: &str = "Hạn báo cáo";
pub const CODE: &str = "Mã (chữ thường không dấu, _)";
pub const LABEL: &str = "Tên chỉ tiêu";
pub const MEASURE: &str = "Đơn vị tính";
pub const KIND: &str = "Cách cộng";
pub const ADD: &str = "Thêm chỉ tiêu";
pub const RENAME: &str = "Đổi tên";
pub const RETIRE: &str = "Thôi dùng";
pub const UNRETIRE: &str = "Dùng lại";
pub const NONE: &str = "Cơ quan chưa có chỉ tiêu riêng.";
pub const PERIOD: &str = "Kỳ báo cáo (2026-Q1, 2026-H1, 2026)";
pub const DUE: &str = "Hạn (ngày/tháng/năm)";
pub const SET_DEADLINE: &str = "Đặt hạn";
pub const CLOSE: &str = "Đóng";
/// Widget ids of the add form.
pub const CODE_ID: &str = "own-indicator-code";
pub const LABEL_ID: &str = "own-indicator-label";
pub const MEASURE_ID: &str = "own-indicator-measure";

/// How an indicator adds up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Summed over periods (sessions held, accounts opened).
    #[default]
    Summed,
    /// The latest value reported (a stock: points of sale).
    Latest,
    /// Distinct people or households: never summed, never more than the people there are.
    People,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::Summed => "Cộng dồn qua các kỳ",
            Kind::Latest => "Lấy số kỳ gần nhất",
            Kind::People => "Đếm người, hộ",
        })
    }
}

const KINDS: [Kind; 3] = [Kind::Summed, Kind::Latest, Kind::People];

/// Which indicators a deadline is for: every one (`None`), or one (code, label).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeadlineFor(pub Option<(String, String)>);

impl std::fmt::Display for DeadlineFor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            None => f.write_str(EVERY_INDICATOR),
            Some((_, label)) => f.write_str(label),
        }
    }
}

/// The deadline picker's first choice.
pub const EVERY_INDICATOR: &str = "Mọi chỉ tiêu";
/// The deadline picker's label.
pub const DEADLINE_FOR: &str = "Cho chỉ tiêu";

/// The panel as edited.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Whether the panel is shown.
    pub shown: bool,
    /// The office's own indicators, retired ones included.
    pub list: Vec<OwnIndicator>,
    /// New labels typed, by code.
    pub renames: BTreeMap<String, String>,
    pub code: String,
    pub label: String,
    pub measure: String,
    pub kind: Kind,
    pub period: String,
    pub due: String,
    /// Which indicators the deadline is for.
    pub deadline_for: DeadlineFor,
    /// The catalogue's indicators, for the deadline picker.
    pub choices: Vec<DeadlineFor>,
    /// What went wrong last.
    pub error: Option<String>,
    /// What to say once the list is read again after a change.
    pending: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Show,
    Hide,
    Loaded(Result<Vec<OwnIndicator>, crate::Error>),
    Code(String),
    Label(String),
    Measure(String),
    Kind(Kind),
    Add,
    Rename(String, String),
    SaveName(String),
    Retire(String, bool),
    Period(String),
    Due(String),
    DeadlineFor(DeadlineFor),
    Choices(Result<Vec<DeadlineFor>, crate::Error>),
    SetDeadline,
    Done(Result<String, crate::Error>),
}

impl Section {
    fn load(ctx: &Context) -> Action<Message> {
        Action::Run(ctx.run(
            |store, _| indicators::own_indicators(store),
            Message::Loaded,
        ))
    }

    pub fn update(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::Show => {
                self.shown = true;
                if let Action::Run(list) = Self::load(ctx) {
                    let choices =
                        ctx.run(
                            |store, _| {
                                Ok(std::iter::once(DeadlineFor(None))
                                    .chain(indicators::catalogue(store)?.all().iter().map(|i| {
                                        DeadlineFor(Some((i.code.clone(), i.label.clone())))
                                    }))
                                    .collect())
                            },
                            Message::Choices,
                        );
                    return Action::Run(iced::Task::batch([list, choices]));
                }
                Action::None
            }
            Message::DeadlineFor(d) => {
                self.deadline_for = d;
                Action::None
            }
            Message::Choices(Ok(c)) => {
                self.choices = c;
                Action::None
            }
            Message::Choices(Err(e)) => {
                self.error = Some(crate::app::errors::message(&e));
                Action::None
            }
            Message::Hide => {
                self.shown = false;
                Action::None
            }
            Message::Loaded(Ok(list)) => {
                self.list = list;
                match self.pending.take() {
                    Some(said) => Action::Reload(Notice::Success(said)),
                    None => Action::None,
                }
            }
            Message::Loaded(Err(e)) => {
                self.error = Some(crate::app::errors::message(&e));
                Action::None
            }
            Message::Code(v) => {
                self.code = v;
                Action::None
            }
            Message::Label(v) => {
                self.label = v;
                Action::None
            }
            Message::Measure(v) => {
                self.measure = v;
                Action::None
            }
            Message::Kind(k) => {
                self.kind = k;
                Action::None
            }
            Message::Period(v) => {
                self.period = v;
                Action::None
            }
            Message::Due(v) => {
                self.due = v;
                Action::None
            }
            Message::Rename(code, label) => {
                self.renames.insert(code, label);
                Action::None
            }
            Message::Add => {
                let new = NewIndicator {
                    code: self.code.clone(),
                    label: self.label.clone(),
                    measure: self.measure.clone(),
                    summable: self.kind == Kind::Summed,
                    people: self.kind == Kind::People,
                    aliases: Vec::new(),
                };
                Action::Run(ctx.run(
                    move |store, _| {
                        indicators::add_indicator(store, &new)
                            .map(|i| format!("Đã thêm chỉ tiêu {} «{}».", i.code, i.label))
                    },
                    Message::Done,
                ))
            }
            Message::SaveName(code) => {
                let Some(label) = self.renames.get(&code).cloned() else {
                    return Action::None;
                };
                Action::Run(ctx.run(
                    move |store, _| {
                        indicators::rename_indicator(store, &code, &label)
                            .map(|()| format!("Đã đổi tên chỉ tiêu {code} thành «{label}»."))
                    },
                    Message::Done,
                ))
            }
            Message::Retire(code, retired) => Action::Run(ctx.run(
                move |store, _| {
                    indicators::retire_indicator(store, &code, retired).map(|()| {
                        if retired {
                            format!("Chỉ tiêu {code} thôi dùng; số liệu đã nhập được giữ.")
                        } else {
                            format!("Chỉ tiêu {code} được dùng lại.")
                        }
                    })
                },
                Message::Done,
            )),
            Message::SetDeadline => {
                let (period, due) = (self.period.clone(), self.due.clone());
                let only = self.deadline_for.0.clone();
                Action::Run(ctx.run(
                    move |store, _| {
                        let period: crate::ops::Period = period.parse()?;
                        let date = crate::vietnamese::parse_date(&due).ok_or_else(|| {
                            crate::Error::bad_value(
                                crate::error::Field::Date,
                                due.clone(),
                                "ngày ghi dạng 20/04/2026",
                            )
                        })?;
                        if let Some((code, _)) = &only {
                            let label =
                                indicators::set_indicator_deadline(store, period, code, date)?;
                            return Ok(format!(
                                "Hạn báo cáo chỉ tiêu «{label}» {}: {}.",
                                period.label(),
                                crate::vietnamese::date_short(date)
                            ));
                        }
                        indicators::set_deadline(store, period, date)?;
                        Ok(format!(
                            "Hạn báo cáo {}: {}.",
                            period.label(),
                            crate::vietnamese::date_short(date)
                        ))
                    },
                    Message::Done,
                ))
            }
            Message::Done(Ok(said)) => {
                self.error = None;
                self.code.clear();
                self.label.clear();
                self.measure.clear();
                self.renames.clear();
                // The catalogue changed: the snapshot is reloaded, the list read again.
                self.pending = Some(said);
                Self::load(ctx)
            }
            Message::Done(Err(e)) => {
                self.error = Some(crate::app::errors::message(&e));
                Action::None
            }
        }
    }

    /// The panel over Cài đặt while it is shown.
    pub fn overlay(&self) -> Option<Element<'_, Message>> {
        use iced::widget::{mouse_area, opaque};
        if !self.shown {
            return None;
        }
        let panel = container(self.view())
            .padding(theme::PAD)
            .width(Length::Fill)
            .height(Length::Fill);
        Some(opaque(mouse_area(
            container(opaque(panel)).style(theme::modal_backdrop),
        )))
    }

    fn view(&self) -> Element<'_, Message> {
        let mut list = Column::new().spacing(4);
        if self.list.is_empty() {
            list = list.push(widget::note(NONE));
        }
        for o in &self.list {
            let i = &o.indicator;
            let code = i.code.clone();
            let typed = self.renames.get(&i.code).unwrap_or(&i.label);
            let kind = if i.people {
                Kind::People
            } else if i.summable {
                Kind::Summed
            } else {
                Kind::Latest
            };
            list = list.push(
                row![
                    text(&i.code).width(160),
                    text_input(LABEL, typed)
                        .on_input(move |v| Message::Rename(code.clone(), v))
                        .width(Length::Fill),
                    text(&i.measure).width(90),
                    text(kind.to_string()).size(theme::SIZE_SMALL).width(170),
                    button(text(RENAME))
                        .on_press_maybe(
                            self.renames
                                .contains_key(&i.code)
                                .then(|| Message::SaveName(i.code.clone()))
                        )
                        .style(theme::secondary),
                    if o.retired {
                        button(text(UNRETIRE))
                            .on_press(Message::Retire(i.code.clone(), false))
                            .style(theme::secondary)
                    } else {
                        button(text(RETIRE))
                            .on_press(Message::Retire(i.code.clone(), true))
                            .style(theme::danger)
                    },
                ]
                .spacing(theme::GAP)
                .align_y(Alignment::Center),
            );
        }
        let add = row![
            labelled(
                CODE,
                text_input("vssid_installs", &self.code)
                    .id(CODE_ID)
                    .on_input(Message::Code),
                None
            ),
            labelled(
                LABEL,
                text_input(LABEL, &self.label)
                    .id(LABEL_ID)
                    .on_input(Message::Label),
                None
            ),
            labelled(
                MEASURE,
                text_input("lượt", &self.measure)
                    .id(MEASURE_ID)
                    .on_input(Message::Measure)
                    .width(110),
                None
            ),
            labelled(
                KIND,
                pick_list(KINDS, Some(self.kind), Message::Kind).width(260),
                None
            ),
            button(text(ADD))
                .on_press(Message::Add)
                .style(theme::primary),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::End);
        let deadline = row![
            labelled(
                PERIOD,
                text_input("2026-Q1", &self.period)
                    .on_input(Message::Period)
                    .width(220),
                None
            ),
            labelled(
                DUE,
                text_input("20/04/2026", &self.due)
                    .on_input(Message::Due)
                    .width(160),
                None
            ),
            labelled(
                DEADLINE_FOR,
                pick_list(
                    self.choices.as_slice(),
                    Some(&self.deadline_for),
                    Message::DeadlineFor
                )
                .width(300),
                None
            ),
            button(text(SET_DEADLINE))
                .on_press(Message::SetDeadline)
                .style(theme::primary),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::End);
        let mut col = column![
            row![
                container(widget::heading(TITLE)).width(Length::Fill),
                button(text(CLOSE))
                    .on_press(Message::Hide)
                    .style(theme::secondary),
            ]
            .align_y(Alignment::Center),
        ]
        .spacing(theme::GAP);
        if let Some(e) = &self.error {
            col = col.push(text(e).style(theme::error_text));
        }
        col = col
            .push(scrollable(list).height(Length::FillPortion(1)))
            .push(add)
            .push(widget::heading(DEADLINE_TITLE))
            .push(deadline);
        container(col)
            .padding(theme::PAD)
            .style(theme::card)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }
}
