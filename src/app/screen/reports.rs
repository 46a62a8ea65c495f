//! Chỉ tiêu và báo cáo: choose the period and the unit; a grid to type each child unit's
//! indicator values (saved in one transaction); the aggregated totals row, the units not yet
//! reported, stored totals that disagree with their children, and the year's results against the
//! plan targets.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use iced::widget::{
    Column, Row, button, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Alignment, Element};

use super::{Action, Notice, Shortcut, Target};
use crate::app::context::Context;
use crate::app::dialogs;
use crate::app::widget::form::labelled;
use crate::app::widget::import_flow::{self, ImportFlow, Kind};
use crate::app::{text as t, theme, widget};
use crate::ops::registry::Registry;
use crate::ops::{self, Period, Store, indicators};
use crate::vietnamese::{date_field, format_number, parse_number};

const CELL_WIDTH: f32 = 120.0;
const UNIT_WIDTH: f32 = 200.0;

/// What one load brings: the aggregate, the catalogue, the children's deadline, the progress.
pub type Loaded = indicators::ReportView;

pub use crate::ops::registry::UnitChoice;

#[derive(Debug)]
pub struct State {
    /// The import flow (its preview, when open).
    pub import: ImportFlow,
    /// Units that aggregate (commune and above).
    pub units: Vec<UnitChoice>,
    /// The chosen unit.
    pub unit: Option<UnitChoice>,
    /// The period as typed.
    pub period_text: String,
    /// The period shown.
    pub period: Period,
    /// Why the typed period was refused, shown beside the field.
    pub period_error: Option<String>,
    /// The loaded report.
    pub loaded: Option<Box<Loaded>>,
    /// Cells typed and not saved: (unit id, indicator code) → text.
    pub edits: BTreeMap<(i64, String), String>,
    /// Whether a load is running.
    pub loading: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    PeriodText(String),
    Show,
    UnitPicked(UnitChoice),
    Loaded(Result<Box<Loaded>, crate::Error>),
    Cell(i64, String, String),
    Save,
    Saved(Result<usize, crate::Error>),
    Discard,
    Import(import_flow::Message),
    Export,
    ExportTo(Option<PathBuf>),
    Exported(Result<PathBuf, crate::Error>),
    /// Draft the report document for this unit and period (the root opens Văn bản).
    DraftReport,
}

/// The widget id of the period field.
pub const PERIOD_ID: &str = "report-period";

/// The widget id of a grid cell (tests type into it).
pub fn cell_id(unit: i64, code: &str) -> String {
    format!("cell-{unit}-{code}")
}

impl State {
    pub fn new(today: NaiveDate) -> State {
        let period = Period::quarter_of(today);
        State {
            import: ImportFlow::default(),
            units: Vec::new(),
            unit: None,
            period_text: period.to_string(),
            period,
            period_error: None,
            loaded: None,
            edits: BTreeMap::new(),
            loading: false,
        }
    }

    /// A new snapshot: the unit list; the report reloads for the chosen unit.
    pub fn refresh(&mut self, ctx: &Context) -> Action<Message> {
        let reg = &ctx.registry;
        self.units = reg.unit_choices();
        if self.unit.as_ref().is_none_or(|c| reg.unit(c.id).is_none()) {
            self.unit = reg.home_unit().map(UnitChoice::from);
        }
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

    pub fn update(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::PeriodText(s) => {
                self.period_text = s;
                Action::None
            }
            Message::Show => match self.period_text.trim().parse::<Period>() {
                Ok(p) => {
                    self.period = p;
                    self.period_error = None;
                    self.edits.clear();
                    self.load(ctx)
                }
                Err(_) => {
                    self.period_error = Some(t::PERIOD_INVALID.into());
                    Action::None
                }
            },
            Message::UnitPicked(u) => {
                self.unit = Some(u);
                self.edits.clear();
                self.load(ctx)
            }
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
            Message::Cell(unit, code, value) => {
                self.edits.insert((unit, code), value);
                Action::None
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

    /// The cell's text: typed, else the stored or summed value.
    fn cell(&self, unit: i64, code: &str, stored: Option<i64>) -> String {
        match self.edits.get(&(unit, code.to_string())) {
            Some(s) => s.clone(),
            None => stored.map(|v| v.to_string()).unwrap_or_default(),
        }
    }

    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let controls = row![
            labelled(
                t::REPORT_UNIT,
                pick_list(
                    self.units.as_slice(),
                    self.unit.clone(),
                    Message::UnitPicked
                ),
                None
            ),
            labelled(
                t::REPORT_PERIOD,
                row![
                    text_input("2025-Q2", &self.period_text)
                        .id(PERIOD_ID)
                        .on_input(Message::PeriodText)
                        .on_submit(Message::Show),
                    button(text(t::REPORT_SHOW))
                        .on_press(Message::Show)
                        .style(theme::primary)
                ]
                .spacing(theme::GAP),
                self.period_error.as_deref()
            ),
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
        .spacing(theme::GAP);
        let body: Element<'a, Message> = match (self.import.view(self.import_kind()), &self.loaded)
        {
            (Some(preview), _) => preview.map(Message::Import),
            (None, None) => widget::note(t::REPORT_LOADING),
            (None, Some(l)) => self.report_view(&ctx.registry, l),
        };
        column![widget::title(t::NAV_REPORTS), controls, toolbar, body]
            .spacing(theme::PAD)
            .padding(theme::PAD)
            .into()
    }

    fn report_view<'a>(&'a self, reg: &'a Registry, l: &'a Loaded) -> Element<'a, Message> {
        let agg = &l.agg;
        let indicators = l.catalogue.all();
        let mut grid = Column::new().spacing(2);
        let mut header = Row::new().spacing(4).push(
            text(t::REPORT_UNIT_COL)
                .font(theme::UI_BOLD)
                .width(UNIT_WIDTH),
        );
        for ind in indicators {
            header = header.push(
                text(format!("{} ({})", ind.label, ind.measure))
                    .size(theme::SIZE_SMALL)
                    .font(theme::UI_BOLD)
                    .width(CELL_WIDTH),
            );
        }
        grid = grid.push(header);
        for r in &agg.rows {
            let Some(unit) = reg.unit_by_code(&r.unit.code) else {
                continue;
            };
            let mut line = Row::new()
                .spacing(4)
                .align_y(Alignment::Center)
                .push(text(&r.unit.name).width(UNIT_WIDTH));
            for ind in indicators {
                let id = unit.id;
                let code = ind.code.clone();
                line = line.push(
                    text_input("", &self.cell(id, &ind.code, r.values.get(&ind.code)))
                        .id(cell_id(id, &ind.code))
                        .on_input(move |v| Message::Cell(id, code.clone(), v))
                        .width(CELL_WIDTH),
                );
            }
            grid = grid.push(line);
        }
        let mut totals = Row::new()
            .spacing(4)
            .push(text(t::REPORT_TOTAL).font(theme::UI_BOLD).width(UNIT_WIDTH));
        for ind in indicators {
            totals = totals.push(
                text(
                    agg.totals
                        .get(&ind.code)
                        .map(format_number)
                        .unwrap_or_default(),
                )
                .font(theme::UI_BOLD)
                .width(CELL_WIDTH),
            );
        }
        grid = grid.push(totals);
        let grid: Element<'a, Message> = if agg.rows.is_empty() {
            widget::note(t::REPORT_NO_CHILDREN)
        } else {
            scrollable(grid)
                .direction(scrollable::Direction::Both {
                    vertical: scrollable::Scrollbar::default(),
                    horizontal: scrollable::Scrollbar::default(),
                })
                .height(360)
                .into()
        };
        let buttons = row![
            button(text(t::REPORT_SAVE))
                .on_press_maybe((!self.edits.is_empty()).then_some(Message::Save))
                .style(theme::primary),
            button(text(t::REPORT_DISCARD))
                .on_press_maybe((!self.edits.is_empty()).then_some(Message::Discard))
                .style(theme::secondary),
        ]
        .spacing(theme::GAP);
        let mut missing = Column::new().spacing(2);
        if let Some(d) = l.deadline {
            missing = missing.push(widget::note(t::deadline_line(&date_field(d))));
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
        scrollable(
            column![
                widget::heading(&l.agg.unit.name),
                widget::note(t::report_title(&agg.unit.name, &agg.period.label())),
                container(column![grid, buttons].spacing(theme::GAP))
                    .padding(theme::PAD)
                    .style(theme::card),
                row![
                    widget::card(t::REPORT_MISSING, missing),
                    widget::card(t::REPORT_TARGETS, progress),
                ]
                .spacing(theme::GAP),
            ]
            .spacing(theme::GAP),
        )
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

    #[test]
    fn period_cells_and_save_validate() {
        let dir = tempfile::tempdir().expect("dir");
        let ctx =
            crate::app::context::tests::sample_context(dir.path(), ops::sample::Scale::Commune);
        let store = ctx.ws.open().expect("db");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let mut s = State::new(today);
        assert_eq!(s.period_text, "2026-Q4");
        assert!(matches!(s.refresh(&ctx), Action::Run(_)));
        assert!(s.unit.is_some());
        s.update(&ctx, Message::PeriodText("quý 5".into()));
        assert!(s.update(&ctx, Message::Show).is_none());
        assert!(s.period_error.is_some());
        s.update(&ctx, Message::PeriodText("2026-Q3".into()));
        assert!(matches!(s.update(&ctx, Message::Show), Action::Run(_)));
        assert_eq!(s.period.to_string(), "2026-Q3");
        let unit = s.unit.as_ref().expect("unit").id;
        let loaded = load(&store, unit, s.period, today).expect("load");
        let code = loaded.catalogue.all()[0].code.clone();
        s.update(&ctx, Message::Loaded(Ok(Box::new(loaded))));
        s.update(&ctx, Message::Cell(unit, code.clone(), "-4".into()));
        assert!(matches!(
            s.update(&ctx, Message::Save),
            Action::Notify(Notice::Error(_))
        ));
        s.update(&ctx, Message::Cell(unit, code.clone(), "1.200".into()));
        assert!(matches!(s.update(&ctx, Message::Save), Action::Run(_)));
        assert!(matches!(
            s.update(&ctx, Message::Saved(Ok(1))),
            Action::Reload(_)
        ));
        assert!(s.edits.is_empty());
        s.update(&ctx, Message::Cell(unit, code, "3".into()));
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
