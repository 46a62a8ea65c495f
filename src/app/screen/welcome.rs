//! First start with an empty database: set up the office profile, import units and the roster
//! from Excel, or load a sample dataset at a chosen scale.

use iced::widget::{button, column, pick_list, row, text};
use iced::{Element, Length};

use super::{Action, Nav, Notice, Target};
use crate::app::context::{Cancel, Context};
use crate::app::{text as t, theme, widget};
use crate::ops::sample::{Counts, Scale};

#[derive(Debug)]
pub struct State {
    /// The scale picked for the sample.
    pub scale: ScaleChoice,
    /// Whether a sample is being generated.
    pub busy: bool,
}

/// A scale with its Vietnamese label, for the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleChoice(pub Scale);

impl std::fmt::Display for ScaleChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&t::scale_label(self.0))
    }
}

const SCALES: [ScaleChoice; 3] = [
    ScaleChoice(Scale::Commune),
    ScaleChoice(Scale::District),
    ScaleChoice(Scale::Province),
];

#[derive(Debug, Clone)]
pub enum Message {
    SetUpOffice,
    Import,
    ScalePicked(ScaleChoice),
    LoadSample,
    SampleDone(Result<Counts, crate::Error>),
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

impl State {
    pub fn new() -> State {
        State {
            scale: ScaleChoice(Scale::Commune),
            busy: false,
        }
    }

    pub fn update(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::SetUpOffice => Action::Open(Target::Screen(Nav::Settings)),
            Message::Import => Action::Open(Target::Screen(Nav::Members)),
            Message::ScalePicked(s) => {
                self.scale = s;
                Action::None
            }
            Message::LoadSample => {
                if self.busy {
                    return Action::None;
                }
                self.busy = true;
                let scale = self.scale.0;
                let today = ctx.today();
                let cancel = Cancel::default();
                let flag = cancel.clone();
                Action::Job {
                    label: t::SAMPLE_RUNNING.into(),
                    task: ctx.run(
                        move |store, _| {
                            flag.check()?;
                            crate::ops::sample::sample(store, scale, 1, today, flag.flag())
                        },
                        Message::SampleDone,
                    ),
                    cancel,
                }
            }
            Message::SampleDone(result) => {
                self.busy = false;
                match result {
                    Ok(c) => {
                        Action::Reload(Notice::Success(t::sample_done(c.units, c.teams, c.members)))
                    }
                    Err(e) => Action::Notify(Notice::error(&e)),
                }
            }
        }
    }

    pub fn view(&self, _ctx: &Context) -> Element<'_, Message> {
        let option = |title: &'static str, hint: &'static str, body: Element<'static, Message>| {
            widget::card(title, column![widget::note(hint), body].spacing(theme::GAP))
        };
        let sample_button = button(text(t::WELCOME_SAMPLE))
            .on_press_maybe((!self.busy).then_some(Message::LoadSample))
            .style(theme::primary);
        column![
            widget::title(t::WELCOME_TITLE),
            text(t::WELCOME_INTRO),
            option(
                t::WELCOME_OFFICE,
                t::WELCOME_OFFICE_HINT,
                button(text(t::WELCOME_OFFICE))
                    .on_press(Message::SetUpOffice)
                    .style(theme::secondary)
                    .into()
            ),
            option(
                t::WELCOME_IMPORT,
                t::WELCOME_IMPORT_HINT,
                button(text(t::WELCOME_IMPORT))
                    .on_press(Message::Import)
                    .style(theme::secondary)
                    .into()
            ),
            widget::card(
                t::WELCOME_SAMPLE_TITLE,
                column![
                    widget::note(t::WELCOME_SAMPLE_HINT),
                    row![
                        pick_list(SCALES, Some(self.scale), Message::ScalePicked),
                        sample_button
                    ]
                    .spacing(theme::GAP)
                ]
                .spacing(theme::GAP)
            ),
        ]
        .spacing(theme::PAD)
        .padding(theme::PAD)
        .max_width(760)
        .width(Length::Fill)
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_runs_as_a_job_and_reloads() {
        let dir = tempfile::tempdir().expect("dir");
        let ctx = Context::new(
            crate::ops::Workspace::new(dir.path()),
            std::sync::Arc::new(crate::app::dialogs::Scripted::default()),
            crate::app::context::Clock::System,
        );
        let mut s = State::new();
        assert!(
            s.update(&ctx, Message::ScalePicked(ScaleChoice(Scale::District)))
                .is_none()
        );
        assert_eq!(s.scale.0, Scale::District);
        assert!(matches!(
            s.update(&ctx, Message::LoadSample),
            Action::Job { .. }
        ));
        assert!(s.busy);
        // A second click while busy does nothing.
        assert!(s.update(&ctx, Message::LoadSample).is_none());
        let done = s.update(
            &ctx,
            Message::SampleDone(Ok(Counts {
                units: 3,
                teams: 2,
                members: 9,
            })),
        );
        assert!(matches!(done, Action::Reload(Notice::Success(m)) if m.contains("9 thành viên")));
        assert!(!s.busy);
        assert!(matches!(
            s.update(&ctx, Message::SetUpOffice),
            Action::Open(Target::Screen(Nav::Settings))
        ));
        let failed = s.update(&ctx, Message::SampleDone(Err(crate::Error::NotEmpty)));
        assert!(matches!(failed, Action::Notify(Notice::Error(m)) if m.contains("đã có dữ liệu")));
    }
}
