//! First start with an empty database: set up the office profile, import units and the roster
//! from Excel, or load a sample dataset at a chosen scale.

use std::path::PathBuf;

use iced::widget::{button, column, pick_list, row, text};
use iced::{Element, Length};

use super::{Action, Nav, Notice};
use crate::app::background::{self, Cancel};
use crate::app::{text as t, theme, widget};
use crate::sample::{Counts, Scale};

#[derive(Debug)]
pub struct State {
    data_dir: PathBuf,
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

impl State {
    pub fn new(data_dir: PathBuf) -> State {
        State {
            data_dir,
            scale: ScaleChoice(Scale::Commune),
            busy: false,
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::SetUpOffice => Action::Navigate(Nav::Settings),
            Message::Import => Action::Navigate(Nav::Members),
            Message::ScalePicked(s) => {
                self.scale = s;
                Action::None
            }
            Message::LoadSample => {
                if self.busy {
                    return Action::None;
                }
                self.busy = true;
                let dir = self.data_dir.clone();
                let scale = self.scale.0;
                let cancel = Cancel::default();
                let flag = cancel.clone();
                Action::Job {
                    label: t::SAMPLE_RUNNING.into(),
                    task: background::run_result(
                        move || {
                            flag.check()?;
                            let mut store = crate::Store::open_dir(&dir)?;
                            crate::sample::generate(&mut store, scale, 1)
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

    pub fn view(&self) -> Element<'_, Message> {
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
        let mut s = State::new(dir.path().to_path_buf());
        assert!(
            s.update(Message::ScalePicked(ScaleChoice(Scale::District)))
                .is_none()
        );
        assert_eq!(s.scale.0, Scale::District);
        assert!(matches!(s.update(Message::LoadSample), Action::Job { .. }));
        assert!(s.busy);
        // A second click while busy does nothing.
        assert!(s.update(Message::LoadSample).is_none());
        let done = s.update(Message::SampleDone(Ok(Counts {
            units: 3,
            teams: 2,
            members: 9,
        })));
        assert!(matches!(done, Action::Reload(Notice::Success(m)) if m.contains("9 thành viên")));
        assert!(!s.busy);
        assert!(matches!(
            s.update(Message::SetUpOffice),
            Action::Navigate(Nav::Settings)
        ));
        let failed = s.update(Message::SampleDone(Err(crate::Error::not_allowed("đầy"))));
        assert!(matches!(failed, Action::Notify(Notice::Error(m)) if m == "đầy"));
    }
}
