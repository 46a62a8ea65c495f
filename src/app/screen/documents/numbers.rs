//! The register's numbers the office controls, as small forms over the register: «Giữ số…» (a
//! number held for a document issued on paper outside the program, with the reason), «Hủy
//! số…» on a numbered entry (it stays in the register marked «đã hủy», the reason required),
//! and «Số bắt đầu…» (an office that issued 37 documents this year continues at 38). Each is one
//! `ops::numbers` call, as `cnscd number reserve|void|start` is.

use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Element, Length};

use super::choices::{KINDS, KindChoice};
use super::{Action, Message, Notice, State};
use crate::app::context::Context;
use crate::app::widget::form::labelled;
use crate::app::{text as t, theme, widget};
use crate::ops::{DocKind, Entry, Status, numbers};

/// Which form is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Giữ số.
    Reserve,
    /// Hủy số of register entry `id` (`reference`, its trích yếu).
    Void {
        id: i64,
        reference: String,
        summary: String,
    },
    /// Số bắt đầu của năm.
    Start,
}

/// A number form while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberForm {
    pub mode: Mode,
    pub kind: KindChoice,
    /// The number typed (reserve: blank is the next; start: the next number).
    pub number: String,
    /// The date typed (`dd/mm/yyyy`).
    pub date: String,
    /// The year typed (start).
    pub year: String,
    pub reason: String,
    /// What is wrong with what was typed, or what the program refused.
    pub error: Option<String>,
}

/// The form's messages.
#[derive(Debug, Clone)]
pub enum NumberMessage {
    Open(Mode),
    Kind(KindChoice),
    Number(String),
    Date(String),
    Year(String),
    Reason(String),
    Confirm,
    Cancel,
    Done(Result<String, crate::Error>),
}

/// The widget id of the form's reason field.
pub const NUMBER_REASON: &str = "number-reason";

/// The «Hủy số…» button of a selected entry that holds a number not voided yet.
pub(super) fn void_button(e: &Entry) -> Option<Element<'_, Message>> {
    (e.number.is_some() && e.status != Status::Voided).then(|| {
        button(text(t::NUM_VOID))
            .on_press(Message::Number(NumberMessage::Open(Mode::Void {
                id: e.id,
                reference: e.reference(),
                summary: e.summary.clone(),
            })))
            .style(theme::secondary)
            .into()
    })
}

/// A register row's trích yếu, with the reason of a voided number (a reserved number's reason
/// is its trích yếu).
pub(super) fn row_summary(e: &Entry) -> String {
    if e.status == Status::Voided && e.reason != e.summary {
        format!("{} — {}: {}", e.summary, t::NUM_VOIDED, e.reason)
    } else {
        e.summary.clone()
    }
}

/// «Giữ số…» and «Số bắt đầu…», on the register's search line.
pub(super) fn register_buttons<'a>() -> [Element<'a, Message>; 2] {
    [
        button(text(t::NUM_RESERVE))
            .on_press(Message::Number(NumberMessage::Open(Mode::Reserve)))
            .style(theme::secondary)
            .into(),
        button(text(t::NUM_START))
            .on_press(Message::Number(NumberMessage::Open(Mode::Start)))
            .style(theme::secondary)
            .into(),
    ]
}

fn positive(s: &str) -> Option<u32> {
    s.trim().parse::<u32>().ok().filter(|n| *n > 0)
}

impl State {
    /// The number forms' messages.
    pub(super) fn update_number(
        &mut self,
        ctx: &Context,
        message: NumberMessage,
    ) -> Action<Message> {
        let today = ctx.today();
        if let NumberMessage::Open(mode) = message {
            self.numbering = Some(NumberForm {
                mode,
                kind: KINDS[0],
                number: String::new(),
                date: crate::vietnamese::date_short(today),
                year: chrono::Datelike::year(&today).to_string(),
                reason: String::new(),
                error: None,
            });
            return Action::None;
        }
        let Some(f) = &mut self.numbering else {
            return Action::None;
        };
        match message {
            NumberMessage::Open(_) => {}
            NumberMessage::Kind(k) => f.kind = k,
            NumberMessage::Number(n) => f.number = n,
            NumberMessage::Date(d) => f.date = d,
            NumberMessage::Year(y) => f.year = y,
            NumberMessage::Reason(r) => f.reason = r,
            NumberMessage::Cancel => {
                self.numbering = None;
                return Action::None;
            }
            NumberMessage::Done(Ok(what)) => {
                self.numbering = None;
                return Action::Reload(Notice::Success(t::num_done(&what)));
            }
            // A refusal (a number held, a reason missing) is said in the form, which stays open.
            NumberMessage::Done(Err(e)) => {
                f.error = Some(crate::app::errors::message(&e));
                return Action::None;
            }
            NumberMessage::Confirm => return confirm(ctx, f),
        }
        f.error = None;
        Action::None
    }
}

/// Checks what was typed and runs the form's operation.
fn confirm(ctx: &Context, f: &mut NumberForm) -> Action<Message> {
    let kind = f.kind.0.unwrap_or(DocKind::DecisionEstablish);
    let reason = f.reason.trim().to_string();
    if f.mode != Mode::Start && reason.is_empty() {
        f.error = Some(t::NUM_NEED_REASON.into());
        return Action::None;
    }
    let done = |r: crate::Result<String>| Message::Number(NumberMessage::Done(r));
    let task = match f.mode.clone() {
        Mode::Reserve => {
            let number = match f.number.trim() {
                "" => None,
                n => match positive(n) {
                    Some(n) => Some(n),
                    None => {
                        f.error = Some(t::NUM_BAD_NUMBER.into());
                        return Action::None;
                    }
                },
            };
            let Some(date) = crate::vietnamese::parse_date(&f.date) else {
                f.error = Some(t::ISSUE_BAD_DATE.into());
                return Action::None;
            };
            let now = ctx.now().local;
            ctx.run(
                move |store, _| {
                    numbers::reserve(store, kind, number, date, &reason, now)
                        .map(|e| format!("giữ số {}", e.reference()))
                },
                done,
            )
        }
        Mode::Void { id, .. } => {
            let day = ctx.today();
            ctx.run(
                move |store, _| {
                    numbers::void(store, id, &reason, day)
                        .map(|e| format!("hủy số {}", e.reference()))
                },
                done,
            )
        }
        Mode::Start => {
            let Some(year) = f.year.trim().parse::<i32>().ok().filter(|y| *y > 1900) else {
                f.error = Some(t::NUM_BAD_YEAR.into());
                return Action::None;
            };
            let Some(next) = positive(&f.number) else {
                f.error = Some(t::NUM_BAD_NUMBER.into());
                return Action::None;
            };
            ctx.run(
                move |store, _| {
                    numbers::start(store, kind, year, next)
                        .map(|()| format!("năm {year} tiếp tục từ số {next}"))
                },
                done,
            )
        }
    };
    Action::Run(task)
}

fn m(n: NumberMessage) -> Message {
    Message::Number(n)
}

/// The open form over the screen.
pub(super) fn number_dialog<'a>(
    base: Element<'a, Message>,
    f: &'a NumberForm,
) -> Element<'a, Message> {
    let kind = move || {
        labelled(
            t::NUM_KIND,
            pick_list(KINDS, Some(f.kind), |k| m(NumberMessage::Kind(k))).width(Length::Fill),
            None,
        )
    };
    let reason = move || {
        labelled(
            t::NUM_REASON,
            text_input("", &f.reason)
                .id(NUMBER_REASON)
                .on_input(|r| m(NumberMessage::Reason(r)))
                .on_submit(m(NumberMessage::Confirm)),
            None,
        )
    };
    let mut body = match &f.mode {
        Mode::Reserve => column![
            text(t::NUM_RESERVE_TITLE).size(theme::SIZE_TITLE),
            kind(),
            labelled(
                t::NUM_NUMBER,
                text_input("", &f.number)
                    .on_input(|n| m(NumberMessage::Number(n)))
                    .width(120),
                None
            ),
            labelled(
                t::NUM_DATE,
                text_input("15/03/2024", &f.date)
                    .on_input(|d| m(NumberMessage::Date(d)))
                    .width(140),
                None
            ),
            reason(),
        ],
        Mode::Void {
            reference, summary, ..
        } => column![
            text(t::NUM_VOID_TITLE).size(theme::SIZE_TITLE),
            text(format!("{reference} — {summary}")),
            reason(),
            widget::note(t::NUM_VOID_HINT),
        ],
        Mode::Start => column![
            text(t::NUM_START_TITLE).size(theme::SIZE_TITLE),
            kind(),
            labelled(
                t::NUM_YEAR,
                text_input("2026", &f.year)
                    .on_input(|y| m(NumberMessage::Year(y)))
                    .width(100),
                None
            ),
            labelled(
                t::NUM_NEXT,
                text_input("38", &f.number)
                    .on_input(|n| m(NumberMessage::Number(n)))
                    .on_submit(m(NumberMessage::Confirm))
                    .width(120),
                None
            ),
            widget::note(t::NUM_START_HINT),
        ],
    }
    .spacing(theme::GAP);
    if let Some(e) = &f.error {
        body = body.push(text(e).style(theme::error_text));
    }
    body = body.push(
        row![
            button(text(t::NUM_CONFIRM))
                .on_press(m(NumberMessage::Confirm))
                .style(theme::primary),
            button(text(t::CANCEL))
                .on_press(m(NumberMessage::Cancel))
                .style(theme::secondary),
        ]
        .spacing(theme::GAP),
    );
    crate::app::widget::overlay::form(base, body, 560.0)
}
