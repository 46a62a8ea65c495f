//! Tổng quan: the counts (units, teams, members, trained share), a chart of teams and members per
//! commune, and the teams whose composition needs a look, each clickable.

use chrono::NaiveDate;
use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length};

use super::{Action, Nav, Target};
use crate::app::context::Context;
use crate::app::widget::chart::{Bars, Scale, Series};
use crate::app::{text as t, theme, widget};
use crate::ops::{self, Period, Store};
use crate::vietnamese::{format_number, format_percent};

/// How many communes the chart shows.
const CHART_COMMUNES: usize = 12;
/// How many warnings the list shows.
const WARNINGS_SHOWN: usize = 8;

/// The period figures of the office's unit: results against targets, the deadline, who is late.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub period: String,
    pub deadline: Option<NaiveDate>,
    pub missing: Vec<String>,
    pub progress: Vec<(String, f64, f64)>,
}

#[derive(Debug, Default)]
pub struct State {
    /// The office's period figures, once loaded.
    pub summary: Option<Summary>,
    targets: Option<Bars>,
    /// The numbers shown in the four cards.
    pub counts: Counts,
    chart: Option<Bars>,
    more_communes: usize,
    /// Composition warnings: (team id, message).
    pub warnings: Vec<(i64, String)>,
}

/// The four headline figures.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts {
    pub units: usize,
    pub teams: usize,
    pub members: usize,
    pub trained: usize,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// A warning was clicked: open the team on Tổ và thành viên.
    OpenTeam(i64),
    /// A deadline or a late unit was clicked.
    OpenReports,
    SummaryLoaded(Result<Box<Summary>, crate::Error>),
}

impl State {
    /// Recomputes what the screen shows from a new snapshot (once per load, not per frame).
    pub fn refresh(&mut self, ctx: &Context) {
        let reg = &ctx.registry;
        self.counts = Counts {
            units: reg.current_units().count(),
            teams: reg.teams.len(),
            members: reg.members.len(),
            trained: reg.trained,
        };
        let shown: Vec<_> = reg.communes.iter().take(CHART_COMMUNES).collect();
        self.more_communes = reg.communes.len().saturating_sub(shown.len());
        self.chart = (!shown.is_empty()).then(|| Bars {
            labels: shown.iter().map(|c| c.name.clone()).collect(),
            series: vec![
                Series {
                    name: t::CHART_TEAMS.into(),
                    color: theme::CHART_TEAMS,
                    values: shown.iter().map(|c| c.teams as f64).collect(),
                },
                Series {
                    name: t::CHART_MEMBERS.into(),
                    color: theme::CHART_MEMBERS,
                    values: shown.iter().map(|c| c.members as f64).collect(),
                },
            ],
            scale: Scale::Shared,
        });
        self.warnings = reg
            .warnings
            .iter()
            .map(|w| (w.team_id, w.message.clone()))
            .collect();
    }

    /// Loads the period figures of the office's unit in the background.
    pub fn load_summary(&self, ctx: &Context) -> Action<Message> {
        let Some(unit) = ctx.registry.home_unit().map(|u| u.id) else {
            return Action::None;
        };
        let today = ctx.today();
        Action::Run(ctx.run(
            move |store, _| summary(store, unit, today).map(Box::new),
            Message::SummaryLoaded,
        ))
    }

    pub fn update(&mut self, _ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::OpenTeam(team) => Action::Open(Target::Team(team)),
            Message::OpenReports => Action::Open(Target::Screen(Nav::Reports)),
            Message::SummaryLoaded(Ok(s)) => {
                self.targets = (!s.progress.is_empty()).then(|| Bars {
                    labels: s.progress.iter().map(|p| p.0.clone()).collect(),
                    series: vec![
                        Series {
                            name: t::CHART_TARGET.into(),
                            color: theme::CHART_TEAMS,
                            values: s.progress.iter().map(|p| p.1).collect(),
                        },
                        Series {
                            name: t::CHART_ACHIEVED.into(),
                            color: theme::CHART_MEMBERS,
                            values: s.progress.iter().map(|p| p.2).collect(),
                        },
                    ],
                    scale: Scale::PerGroup,
                });
                self.summary = Some(*s);
                Action::None
            }
            // The overview still shows the registry counts; the report screen says why.
            Message::SummaryLoaded(Err(e)) => {
                tracing::warn!(error = %e, "overview summary");
                Action::None
            }
        }
    }

    fn deadlines(&self) -> Element<'_, Message> {
        let Some(s) = &self.summary else {
            return widget::note(t::DEADLINES_PENDING);
        };
        let mut col = iced::widget::Column::new().spacing(2);
        if let Some(d) = s.deadline {
            col = col.push(
                button(text(format!(
                    "{} – {}",
                    s.period,
                    t::deadline_line(&crate::vietnamese::date_field(d))
                )))
                .on_press(Message::OpenReports)
                .style(theme::link)
                .padding(2),
            );
        }
        if s.missing.is_empty() {
            col = col.push(text(t::REPORT_MISSING_NONE).style(theme::success_text));
        } else {
            col = col.push(
                button(text(t::late_units(&s.period, s.missing.len())).style(theme::warning_text))
                    .on_press(Message::OpenReports)
                    .style(theme::link)
                    .padding(2),
            );
            for name in s.missing.iter().take(WARNINGS_SHOWN) {
                col = col.push(
                    button(text(name).size(theme::SIZE_SMALL))
                        .on_press(Message::OpenReports)
                        .style(theme::link)
                        .padding(2),
                );
            }
            if s.missing.len() > WARNINGS_SHOWN {
                col = col.push(widget::note(t::more_items(
                    s.missing.len() - WARNINGS_SHOWN,
                )));
            }
        }
        col.into()
    }

    pub fn view(&self, _ctx: &Context) -> Element<'_, Message> {
        let c = &self.counts;
        let share = if c.members == 0 {
            "0%".to_string()
        } else {
            format_percent(c.trained as f64 / c.members as f64 * 100.0)
        };
        let stat = |label: &'static str, value: String| {
            container(
                column![
                    text(value)
                        .size(theme::SIZE_BIG_NUMBER)
                        .font(theme::UI_BOLD),
                    text(label).style(theme::muted_text)
                ]
                .spacing(4),
            )
            .padding(theme::PAD)
            .style(theme::card)
            .width(Length::Fill)
        };
        let stats = row![
            stat(t::COUNT_UNITS, format_number(c.units as i64)),
            stat(t::COUNT_TEAMS, format_number(c.teams as i64)),
            stat(t::COUNT_MEMBERS, format_number(c.members as i64)),
            stat(t::COUNT_TRAINED, share),
        ]
        .spacing(theme::GAP);
        let chart: Element<'_, Message> = match &self.chart {
            Some(bars) => {
                let mut col = column![bars.view(260.0)];
                if self.more_communes > 0 {
                    col = col.push(widget::note(t::chart_more(self.more_communes)));
                }
                col.into()
            }
            None => widget::note(t::CHART_EMPTY),
        };
        let warnings: Element<'_, Message> = if self.warnings.is_empty() {
            text(t::WARNINGS_NONE).style(theme::success_text).into()
        } else {
            let mut col = column(self.warnings.iter().take(WARNINGS_SHOWN).map(|(id, m)| {
                button(text(m).size(theme::SIZE_SMALL))
                    .on_press(Message::OpenTeam(*id))
                    .style(theme::link)
                    .padding(2)
                    .into()
            }));
            if self.warnings.len() > WARNINGS_SHOWN {
                col = col.push(widget::note(t::more_items(
                    self.warnings.len() - WARNINGS_SHOWN,
                )));
            }
            col.into()
        };
        scrollable(
            column![
                widget::title(t::NAV_OVERVIEW),
                stats,
                widget::card(t::CHART_PER_COMMUNE, chart),
                row![
                    widget::card(t::WARNINGS_TITLE, warnings),
                    widget::card(t::DEADLINES_TITLE, self.deadlines()),
                ]
                .spacing(theme::GAP),
                widget::card(
                    t::CHART_TARGETS_TITLE,
                    match &self.targets {
                        Some(bars) => bars.view(240.0),
                        None => widget::note(t::REPORT_TARGETS_NONE),
                    }
                ),
            ]
            .spacing(theme::PAD)
            .padding(theme::PAD),
        )
        .into()
    }
}

/// The office unit's figures for the current quarter and year.
pub fn summary(store: &Store, unit: i64, today: NaiveDate) -> ops::Result<Summary> {
    let period = Period::quarter_of(today);
    let view = ops::indicators::report(store, unit, period, today)?;
    let progress = view.progress;
    Ok(Summary {
        period: crate::vietnamese::capitalize(&period.label()),
        deadline: view.deadline,
        missing: view.agg.missing.iter().map(|u| u.name.clone()).collect(),
        progress: progress
            .into_iter()
            .map(|p| (p.label, p.target as f64, p.achieved.unwrap_or(0) as f64))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_counts_and_warning_click_opens_the_team() {
        let dir = tempfile::tempdir().expect("dir");
        let ctx =
            crate::app::context::tests::sample_context(dir.path(), ops::sample::Scale::Commune);
        let reg = ctx.registry.clone();
        let mut s = State::default();
        s.refresh(&ctx);
        assert_eq!(s.counts.members, reg.members.len());
        assert!(s.counts.teams >= 12, "{:?}", s.counts);
        assert!(s.counts.trained <= s.counts.members);
        assert!(s.chart.is_some());
        assert!(matches!(
            s.update(&ctx, Message::OpenTeam(1)),
            Action::Open(Target::Team(1))
        ));
    }
}
