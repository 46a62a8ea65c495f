//! Chỉ tiêu và báo cáo: choose the period and the unit; a grid to type each child unit's
//! indicator values (saved in one transaction); the aggregated totals row, the units not yet
//! reported, stored totals that disagree with their children, and the year's results against the
//! plan targets.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use iced::widget::{Column, button, column, container, row, scrollable, text};
use iced::{Element, Length};

use super::{Action, Notice, Shortcut, Target};
use crate::app::context::Context;
use crate::app::dialogs;
use crate::app::text::pick as tp;
use crate::app::widget::form::labelled;
use crate::app::widget::import_flow::{self, ImportFlow, Kind};
use crate::app::widget::indicator_grid::{self, Grid};
use crate::app::widget::period_picker::{self, PeriodPicker};
use crate::app::widget::unit_picker::{self, UnitPicker};
use crate::app::{text as t, theme, widget};
use crate::ops::registry::Registry;
use crate::ops::{self, Period, Store, indicators};
use crate::vietnamese::{date_field, parse_number};

/// What one load brings: the aggregate, the catalogue, the children's deadline, the progress.
pub type Loaded = indicators::ReportView;

pub use crate::ops::registry::UnitChoice;

#[derive(Debug)]
pub struct State {
    /// The import flow (its preview, when open).
    pub import: ImportFlow,
    /// The unit picker: units that aggregate (commune and above).
    pub picker: UnitPicker,
    /// The chosen unit.
    pub unit: Option<UnitChoice>,
    /// The period picker.
    pub period_picker: PeriodPicker,
    /// The period shown.
    pub period: Period,
    /// The grid's cursor and scrolling.
    pub grid: Grid,
    /// The loaded report.
    pub loaded: Option<Box<Loaded>>,
    /// Cells typed and not saved: (unit id, indicator code) → text.
    pub edits: BTreeMap<(i64, String), String>,
    /// Whether a load is running.
    pub loading: bool,
    /// On a short window, whether the clerk opened the lists under the grid (units not
    /// reported, the year's results), which then take height from the grid.
    pub lists_open: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The period picker.
    Period(period_picker::Message),
    /// The unit picker.
    Picker(unit_picker::Message),
    Loaded(Result<Box<Loaded>, crate::Error>),
    /// The grid: a cell typed, clicked, the cursor moved.
    Grid(indicator_grid::Message),
    Save,
    Saved(Result<usize, crate::Error>),
    Discard,
    Import(import_flow::Message),
    Export,
    ExportTo(Option<PathBuf>),
    Exported(Result<PathBuf, crate::Error>),
    /// Draft the report document for this unit and period (the root opens Văn bản).
    DraftReport,
    /// On a short window: show or hide the lists under the grid.
    ToggleLists,
}

pub use indicator_grid::cell_id;

/// The height of the lists under the grid (units not reported, targets).
const SIDE_HEIGHT: f32 = 84.0;
/// Below this height (what the screen leaves under its controls) the lists under the grid
/// become one line with a button that opens them: at 1366×768 and 1024×600 the grid keeps the
/// height for its rows; at 1920×1080 there is room for both.
const COMPACT_BELOW: f32 = 640.0;
/// Below this height (1024×600) the grid and the opened lists do not both fit.
const TINY_BELOW: f32 = 420.0;

/// How much height the report has: room for the grid and the lists; the grid with the lists
/// on request; so little that the opened lists take the grid's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    Full,
    Compact,
    Tiny,
}

impl State {
    pub fn new(today: NaiveDate) -> State {
        let period = Period::quarter_of(today);
        State {
            import: ImportFlow::default(),
            picker: UnitPicker::new(false),
            unit: None,
            period_picker: PeriodPicker::new(period, today),
            period,
            grid: Grid::default(),
            loaded: None,
            edits: BTreeMap::new(),
            loading: false,
            lists_open: false,
        }
    }

    /// A new snapshot: the unit list; the report reloads for the chosen unit.
    pub fn refresh(&mut self, ctx: &Context) -> Action<Message> {
        let reg = &ctx.registry;
        if self.unit.as_ref().is_none_or(|c| reg.unit(c.id).is_none()) {
            self.unit = reg.home_unit().map(|u| unit_picker::choice(reg, u));
        }
        self.picker.refresh(reg, self.unit.as_ref().map(|u| u.id));
        self.load(ctx)
    }

    fn load(&mut self, ctx: &Context) -> Action<Message> {
        let Some(unit) = self.unit.as_ref().map(|u| u.id) else {
            return Action::None;
        };
        self.loading = true;
        let period = self.period;
        let today = ctx.today();
        Action::Run(ctx.run(
            move |store, _| load(store, unit, period, today).map(Box::new),
            Message::Loaded,
        ))
    }

    /// What the import flow imports: the chosen unit's sheet for the period shown.
    fn import_kind(&self) -> Kind {
        Kind::Indicators {
            unit: self.unit.as_ref().map(|u| u.id),
            period: self.period,
        }
    }

    pub fn shortcut(&mut self, ctx: &Context, s: Shortcut) -> Action<Message> {
        match s {
            Shortcut::Save => self.update(ctx, Message::Save),
            Shortcut::Close => self.update(ctx, Message::Discard),
            _ => Action::None,
        }
    }

    /// Whether the grid has a cell being typed in (the root sends it Tab, Enter and arrows).
    pub fn in_grid(&self) -> bool {
        self.grid.cursor.is_some() && self.loaded.is_some() && !self.import.is_open()
    }

    pub fn update(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        // Another unit, period or sheet takes the keys back from the grid.
        if matches!(
            message,
            Message::Period(_) | Message::Picker(_) | Message::Import(_)
        ) {
            self.grid.cursor = None;
        }
        match message {
            Message::Period(m) => match self.period_picker.update(m) {
                Some(p) => {
                    self.period = p;
                    self.edits.clear();
                    self.load(ctx)
                }
                None => Action::None,
            },
            Message::Picker(m) => match self.picker.update(&ctx.registry, m) {
                unit_picker::Outcome::None => Action::None,
                unit_picker::Outcome::Run(task) => Action::Run(task.map(Message::Picker)),
                unit_picker::Outcome::Picked(u) => {
                    self.unit = Some(u);
                    self.edits.clear();
                    self.load(ctx)
                }
            },
            Message::Loaded(result) => {
                self.loading = false;
                match result {
                    Ok(l) => {
                        self.loaded = Some(l);
                        Action::None
                    }
                    Err(e) => Action::Notify(Notice::error(&e)),
                }
            }
            Message::Grid(m) => {
                let Some(l) = &self.loaded else {
                    return Action::None;
                };
                let reg = &ctx.registry;
                match m {
                    indicator_grid::Message::Cell(unit, code, value) => {
                        self.grid.typed(l, reg, unit, &code);
                        self.edits.insert((unit, code), value);
                        Action::None
                    }
                    indicator_grid::Message::Clicked(at) => {
                        self.grid.cursor = Some(at);
                        Action::None
                    }
                    indicator_grid::Message::Move(m) => {
                        Action::Run(self.grid.step(l, reg, m).map(Message::Grid))
                    }
                    m => Action::Run(self.grid.scrolled(&m).map(Message::Grid)),
                }
            }
            Message::Discard => {
                self.edits.clear();
                Action::None
            }
            Message::Save => {
                let Some(loaded) = &self.loaded else {
                    return Action::None;
                };
                let mut values = Vec::new();
                for ((unit, code), s) in &self.edits {
                    let Some(ind) = loaded.catalogue.by_code(code) else {
                        continue;
                    };
                    if s.trim().is_empty() {
                        continue;
                    }
                    match parse_number(s) {
                        Some(v) if v >= 0 => values.push((*unit, ind.id, v)),
                        _ => return Action::Notify(Notice::Error(t::VALUE_INVALID.into())),
                    }
                }
                if values.is_empty() {
                    return Action::None;
                }
                let period = self.period;
                Action::Run(ctx.run(
                    move |store, _| indicators::save_values(store, period, &values),
                    Message::Saved,
                ))
            }
            Message::Import(m) => {
                let kind = self.import_kind();
                self.import.update(ctx, kind, m).map(Message::Import)
            }
            Message::Export => Action::Run(dialogs::save_sheet(
                &ctx.dialogs,
                t::DEFAULT_APPENDIX_NAME,
                Message::ExportTo,
            )),
            Message::ExportTo(None) => Action::None,
            Message::ExportTo(Some(path)) => {
                let Some(loaded) = &self.loaded else {
                    return Action::None;
                };
                let agg = loaded.agg.clone();
                Action::Run(ctx.run(
                    move |store, _| {
                        indicators::export_report_table(store, &agg, &path)?;
                        Ok(path)
                    },
                    Message::Exported,
                ))
            }
            Message::Exported(Ok(path)) => Action::Notify(Notice::Success(t::exported(&path))),
            Message::Exported(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::ToggleLists => {
                self.lists_open = !self.lists_open;
                Action::None
            }
            Message::DraftReport => Action::Open(Target::DraftReport {
                unit: self.unit.as_ref().map(|u| u.id),
                period: self.period,
            }),
            Message::Saved(result) => match result {
                // The reload recomputes the totals from the database, not from the typed cells.
                Ok(n) => {
                    self.edits.clear();
                    Action::Reload(Notice::Success(t::values_saved(n)))
                }
                Err(e) => Action::Notify(Notice::error(&e)),
            },
        }
    }

    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let controls = row![
            container(labelled(
                t::REPORT_UNIT,
                self.picker
                    .view(&ctx.registry, self.unit.as_ref().map(|u| u.id))
                    .map(Message::Picker),
                None
            ))
            .width(Length::FillPortion(1)),
            container(labelled(
                t::REPORT_PERIOD,
                self.period_picker.view().map(Message::Period),
                None
            ))
            .width(Length::FillPortion(1)),
        ]
        .spacing(theme::PAD);
        let toolbar = row![
            button(text(t::REPORT_IMPORT))
                .on_press(Message::Import(import_flow::Message::Pick))
                .style(theme::secondary),
            button(text(t::REPORT_EXPORT))
                .on_press_maybe(self.loaded.is_some().then_some(Message::Export))
                .style(theme::secondary),
            button(text(t::REPORT_DRAFT))
                .on_press(Message::DraftReport)
                .style(theme::secondary),
        ]
        .spacing(theme::GAP)
        .align_y(iced::Alignment::Center);
        // What the grid shows, beside the buttons (a line of its own would take a row of the
        // grid at 1366×768).
        let toolbar: Element<'a, Message> = match &self.loaded {
            Some(l) if !self.import.is_open() => toolbar
                .push(widget::note(t::report_title(
                    &l.agg.unit.name,
                    &l.agg.period.label(),
                )))
                .wrap()
                .vertical_spacing(theme::GAP)
                .into(),
            _ => toolbar.into(),
        };
        let body: Element<'a, Message> = match (self.import.view(self.import_kind()), &self.loaded)
        {
            (Some(preview), _) => preview.map(Message::Import),
            (None, None) => widget::note(t::REPORT_LOADING),
            (None, Some(l)) => self.report_view(&ctx.registry, l),
        };
        column![widget::title(t::NAV_REPORTS), controls, toolbar, body]
            .spacing(theme::GAP)
            .padding(theme::PAD)
            .into()
    }

    fn report_view<'a>(&'a self, reg: &'a Registry, l: &'a Loaded) -> Element<'a, Message> {
        // On a short screen (1366×768, 1024×600) the grid keeps the height; the lists under it
        // become one line with a button that opens them.
        iced::widget::responsive(move |size| {
            let fit = if size.height >= COMPACT_BELOW {
                Fit::Full
            } else if size.height >= TINY_BELOW {
                Fit::Compact
            } else {
                Fit::Tiny
            };
            self.report_layout(reg, l, fit)
        })
        .into()
    }

    fn report_layout<'a>(
        &'a self,
        reg: &'a Registry,
        l: &'a Loaded,
        fit: Fit,
    ) -> Element<'a, Message> {
        let agg = &l.agg;
        // The grid takes the height the window gives; the header and the totals stay in view.
        let grid: Element<'a, Message> = if agg.rows.is_empty() {
            widget::note(t::REPORT_NO_CHILDREN)
        } else {
            self.grid.view(l, reg, &self.edits).map(Message::Grid)
        };
        let buttons = row![
            button(text(t::REPORT_SAVE))
                .on_press_maybe((!self.edits.is_empty()).then_some(Message::Save))
                .style(theme::primary),
            button(text(t::REPORT_DISCARD))
                .on_press_maybe((!self.edits.is_empty()).then_some(Message::Discard))
                .style(theme::secondary),
        ]
        .spacing(theme::GAP)
        .align_y(iced::Alignment::Center);
        let mut missing = Column::new().spacing(2);
        if let Some(d) = l.deadline {
            missing = missing.push(widget::note(t::deadline_line(&date_field(d))));
        }
        // An indicator with a deadline of its own: who has not reported it once it passed.
        for d in &l.indicator_deadlines {
            missing = missing.push(widget::note(format!(
                "Hạn báo cáo chỉ tiêu «{}»: {}",
                d.label,
                date_field(d.due)
            )));
            if !d.late.is_empty() {
                let names: Vec<&str> = d.late.iter().map(|u| u.name.as_str()).collect();
                missing = missing.push(
                    text(format!("Quá hạn «{}»: {}", d.label, names.join(", ")))
                        .size(theme::SIZE_SMALL)
                        .style(theme::error_text),
                );
            }
        }
        if agg.missing.is_empty() {
            missing = missing.push(text(t::REPORT_MISSING_NONE).style(theme::success_text));
        }
        for u in agg.missing.iter().take(20) {
            missing = missing.push(text(&u.name).size(theme::SIZE_SMALL));
        }
        if agg.missing.len() > 20 {
            missing = missing.push(widget::note(t::more_items(agg.missing.len() - 20)));
        }
        for c in agg.conflicts.iter().take(10) {
            let label = l
                .catalogue
                .by_code(&c.indicator)
                .map(|i| i.label.as_str())
                .unwrap_or(&c.indicator);
            missing = missing.push(
                text(t::conflict_line(&c.unit.name, label, c.stored, c.children))
                    .size(theme::SIZE_SMALL)
                    .style(theme::warning_text),
            );
        }
        let mut progress = Column::new().spacing(2);
        if l.progress.is_empty() {
            progress = progress.push(widget::note(t::REPORT_TARGETS_NONE));
        }
        for p in &l.progress {
            let line = text(t::progress_line(
                &p.label,
                p.achieved.unwrap_or(0),
                p.target,
                p.percent,
            ))
            .size(theme::SIZE_SMALL);
            progress = progress.push(if p.behind {
                line.style(theme::warning_text)
            } else {
                line
            });
        }
        // In the grid's place the lists take its height.
        let list_height = if fit == Fit::Tiny {
            Length::Fill
        } else {
            Length::Fixed(SIDE_HEIGHT)
        };
        // The grid grows with the window; what is missing and the targets keep a short strip.
        let strip = |title, body: Column<'a, Message>| {
            container(widget::card(
                title,
                scrollable(body.padding(iced::Padding::ZERO.right(14.0))).height(list_height),
            ))
            .width(Length::FillPortion(1))
        };
        let strips = row![
            strip(t::REPORT_MISSING, missing),
            strip(t::REPORT_TARGETS, progress),
        ]
        .spacing(theme::GAP);
        let under: Element<'a, Message> = if fit != Fit::Full {
            // A line that says what the lists hold, with a button that opens them.
            let line = row![
                text(tp::report_compact(
                    agg.missing.len(),
                    l.progress.iter().filter(|p| p.behind).count(),
                ))
                .size(theme::SIZE_SMALL)
                .style(theme::muted_text),
                button(text(if self.lists_open {
                    tp::REPORT_LISTS_HIDE
                } else {
                    tp::REPORT_LISTS_SHOW
                }))
                .on_press(Message::ToggleLists)
                .style(theme::secondary),
            ]
            .spacing(theme::GAP)
            .align_y(iced::Alignment::Center)
            .wrap()
            .vertical_spacing(4.0);
            if self.lists_open {
                column![line, strips].spacing(theme::GAP).into()
            } else {
                line.into()
            }
        } else {
            strips.into()
        };
        // Too short for both (1024×600): the lists, once opened, take the grid's place until
        // closed; what was typed stays.
        if fit == Fit::Tiny && self.lists_open {
            return column![under].height(Length::Fill).into();
        }
        column![
            // The buttons and the keys' hint share a line (wrapped on a narrow window).
            container(
                column![
                    grid,
                    buttons
                        .push(indicator_grid::hint(&self.edits))
                        .wrap()
                        .vertical_spacing(4.0),
                ]
                .spacing(theme::GAP)
            )
            .padding(theme::PAD)
            .style(theme::card)
            .height(Length::Fill),
            under,
        ]
        .spacing(theme::GAP)
        .height(Length::Fill)
        .into()
    }
}

/// Everything the screen shows for a unit and period, read in one go.
pub fn load(store: &Store, unit: i64, period: Period, today: NaiveDate) -> ops::Result<Loaded> {
    indicators::report(store, unit, period, today)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn cell(unit: i64, code: String, s: &str) -> Message {
        Message::Grid(indicator_grid::Message::Cell(unit, code, s.into()))
    }

    #[test]
    fn period_cells_and_save_validate() {
        let dir = tempfile::tempdir().expect("dir");
        let ctx =
            crate::app::context::tests::sample_context(dir.path(), ops::sample::Scale::Commune);
        let store = ctx.ws.open().expect("db");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let mut s = State::new(today);
        assert_eq!(s.period.to_string(), "2026-Q4");
        assert!(matches!(s.refresh(&ctx), Action::Run(_)));
        assert!(s.unit.is_some());
        let period = |m| Message::Period(m);
        s.update(&ctx, period(period_picker::Message::Typed("quý 5".into())));
        assert!(
            s.update(&ctx, period(period_picker::Message::Apply))
                .is_none()
        );
        assert!(s.period_picker.error.is_some());
        s.update(
            &ctx,
            period(period_picker::Message::Typed("Quý 3/2026".into())),
        );
        assert!(matches!(
            s.update(&ctx, period(period_picker::Message::Apply)),
            Action::Run(_)
        ));
        assert_eq!(s.period.to_string(), "2026-Q3");
        let unit = s.unit.as_ref().expect("unit").id;
        let loaded = load(&store, unit, s.period, today).expect("load");
        let code = loaded.catalogue.all()[0].code.clone();
        s.update(&ctx, Message::Loaded(Ok(Box::new(loaded))));
        s.update(&ctx, cell(unit, code.clone(), "-4"));
        assert!(matches!(
            s.update(&ctx, Message::Save),
            Action::Notify(Notice::Error(_))
        ));
        s.update(&ctx, cell(unit, code.clone(), "1.200"));
        assert!(matches!(s.update(&ctx, Message::Save), Action::Run(_)));
        assert!(matches!(
            s.update(&ctx, Message::Saved(Ok(1))),
            Action::Reload(_)
        ));
        assert!(s.edits.is_empty());
        s.update(&ctx, cell(unit, code, "3"));
        s.shortcut(&ctx, Shortcut::Close);
        assert!(s.edits.is_empty());
    }

    #[test]
    fn refused_sheet_is_previewed_and_cannot_be_committed() {
        let dir = tempfile::tempdir().expect("dir");
        let ctx = Context::new(
            ops::Workspace::new(dir.path()),
            Arc::new(crate::app::dialogs::Scripted::default()),
            crate::app::context::Clock::System,
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let mut s = State::new(today);
        let mut report = crate::model::Problems::new("xa.xlsx");
        report.problem(
            Some(12),
            Some("Tổng cộng"),
            Some("150"),
            "dòng tổng cộng ghi 150 nhưng cộng các dòng là 140",
        );
        let flow = |m| Message::Import(m);
        let a = s.update(
            &ctx,
            flow(import_flow::Message::Checked(
                "xa.xlsx".into(),
                Err(crate::Error::Refused(Arc::new(report))),
            )),
        );
        assert!(a.is_none());
        let preview = s.import.preview.as_ref().expect("preview");
        assert_eq!(preview.report.problems.len(), 1);
        assert!(s.update(&ctx, flow(import_flow::Message::Commit)).is_none());
        s.update(&ctx, flow(import_flow::Message::Close));
        assert!(!s.import.is_open());
        assert!(matches!(
            s.update(&ctx, Message::DraftReport),
            Action::Open(Target::DraftReport { period, .. }) if period == s.period
        ));
        assert!(s.update(&ctx, Message::ExportTo(None)).is_none());
    }
}
