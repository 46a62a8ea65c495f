//! Chỉ tiêu và báo cáo: choose the period and the unit; a grid to type each child unit's
//! indicator values (saved in one transaction); the aggregated totals row, the units not yet
//! reported, stored totals that disagree with their children, and the year's results against the
//! plan targets.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use iced::widget::{
    Column, Row, button, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Alignment, Element};

use super::{Action, Notice, Shortcut};
use crate::app::background::{self, Cancel};
use crate::app::dialogs::{self, SharedDialogs};
use crate::app::registry::Registry;
use crate::app::widget::form::labelled;
use crate::app::{text as t, theme, widget};
use crate::model::{Catalogue, Period};
use crate::report::Aggregate;
use crate::report::targets::Progress;
use crate::vietnamese::{date_field, format_number, parse_number};

const CELL_WIDTH: f32 = 120.0;
const UNIT_WIDTH: f32 = 200.0;

/// What one load brings: the aggregate, the catalogue, the children's deadline, the progress.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub agg: Aggregate,
    pub catalogue: Catalogue,
    pub deadline: Option<NaiveDate>,
    pub progress: Vec<Progress>,
}

pub use crate::app::registry::UnitChoice;

#[derive(Debug)]
pub struct State {
    data_dir: PathBuf,
    dialogs: SharedDialogs,
    reg: Arc<Registry>,
    /// A checked sheet and what the check found.
    pub import: Option<(PathBuf, crate::model::Problems)>,
    /// Units that aggregate (commune and above).
    pub units: Vec<UnitChoice>,
    /// The chosen unit.
    pub unit: Option<UnitChoice>,
    /// The period as typed.
    pub period_text: String,
    /// The period shown.
    pub period: Period,
    period_error: Option<String>,
    /// The loaded report.
    pub loaded: Option<Box<Loaded>>,
    /// Cells typed and not saved: (unit id, indicator code) → text.
    pub edits: BTreeMap<(i64, String), String>,
    /// Whether a load is running.
    pub loading: bool,
    today: NaiveDate,
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
    Import,
    ImportPicked(Option<PathBuf>),
    ImportChecked(PathBuf, Result<crate::model::Problems, crate::Error>),
    ImportCommit,
    Imported(Result<crate::model::Problems, crate::Error>),
    CloseImport,
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
    pub fn new(data_dir: PathBuf, dialogs: SharedDialogs, today: NaiveDate) -> State {
        let period = Period::quarter_of(today);
        State {
            data_dir,
            dialogs,
            import: None,
            reg: Arc::new(Registry::default()),
            units: Vec::new(),
            unit: None,
            period_text: period.to_string(),
            period,
            period_error: None,
            loaded: None,
            edits: BTreeMap::new(),
            loading: false,
            today,
        }
    }

    /// A new snapshot: the unit list; the report reloads for the chosen unit.
    pub fn refresh(&mut self, reg: &Arc<Registry>) -> Action<Message> {
        self.units = reg.unit_choices();
        if self.unit.as_ref().is_none_or(|c| reg.unit(c.id).is_none()) {
            self.unit = reg.home_unit().map(UnitChoice::from);
        }
        self.reg = reg.clone();
        self.load()
    }

    fn load(&mut self) -> Action<Message> {
        let Some(unit) = self.unit.as_ref().map(|u| u.id) else {
            return Action::None;
        };
        self.loading = true;
        let dir = self.data_dir.clone();
        let period = self.period;
        let today = self.today;
        Action::Run(background::run_result(
            move || load(&crate::Store::open_dir(&dir)?, unit, period, today).map(Box::new),
            Message::Loaded,
        ))
    }

    pub fn shortcut(&mut self, s: Shortcut) -> Action<Message> {
        match s {
            Shortcut::Save => self.update(Message::Save),
            Shortcut::Close => self.update(Message::Discard),
            _ => Action::None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
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
                    self.load()
                }
                Err(_) => {
                    self.period_error = Some(t::PERIOD_INVALID.into());
                    Action::None
                }
            },
            Message::UnitPicked(u) => {
                self.unit = Some(u);
                self.edits.clear();
                self.load()
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
                let dir = self.data_dir.clone();
                let period = self.period;
                Action::Run(background::run_result(
                    move || {
                        crate::Store::open_dir(&dir)?.transaction(|tx| {
                            for (unit, ind, v) in &values {
                                crate::store::indicators::set_value(tx, *unit, period, *ind, *v)?;
                            }
                            Ok(values.len())
                        })
                    },
                    Message::Saved,
                ))
            }
            Message::Import => {
                Action::Run(dialogs::pick_sheet(&self.dialogs, Message::ImportPicked))
            }
            Message::ImportPicked(None) => Action::None,
            Message::ImportPicked(Some(path)) => {
                let dir = self.data_dir.clone();
                let unit = self.unit.as_ref().map(|u| u.id);
                let period = self.period;
                let file = path.clone();
                Action::Job {
                    label: t::REPORT_IMPORT_RUNNING.into(),
                    task: background::run_result(
                        move || import_sheet(&dir, &file, unit, period, true),
                        move |r| Message::ImportChecked(path, r),
                    ),
                    cancel: Cancel::default(),
                }
            }
            Message::ImportChecked(path, Ok(report)) => {
                self.import = Some((path, report));
                Action::None
            }
            Message::ImportChecked(path, Err(crate::Error::Refused(report))) => {
                self.import = Some((path, (*report).clone()));
                Action::None
            }
            Message::ImportChecked(_, Err(e)) => Action::Notify(Notice::error(&e)),
            Message::ImportCommit => {
                let Some((path, report)) = &self.import else {
                    return Action::None;
                };
                if !report.is_ok() {
                    return Action::None;
                }
                let dir = self.data_dir.clone();
                let unit = self.unit.as_ref().map(|u| u.id);
                let period = self.period;
                let file = path.clone();
                let cancel = Cancel::default();
                let flag = cancel.clone();
                Action::Job {
                    label: t::REPORT_IMPORT_RUNNING.into(),
                    task: background::run_result(
                        move || {
                            flag.check()?;
                            import_sheet(&dir, &file, unit, period, false)
                        },
                        Message::Imported,
                    ),
                    cancel,
                }
            }
            Message::Imported(Ok(report)) => {
                self.import = None;
                Action::Reload(Notice::Success(report.to_string().trim().to_string()))
            }
            Message::Imported(Err(crate::Error::Refused(report))) => {
                if let Some((_, r)) = &mut self.import {
                    *r = (*report).clone();
                }
                Action::None
            }
            Message::Imported(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::CloseImport => {
                self.import = None;
                Action::None
            }
            Message::Export => Action::Run(dialogs::save_sheet(
                &self.dialogs,
                t::DEFAULT_APPENDIX_NAME,
                Message::ExportTo,
            )),
            Message::ExportTo(None) => Action::None,
            Message::ExportTo(Some(path)) => {
                let Some(loaded) = &self.loaded else {
                    return Action::None;
                };
                let agg = loaded.agg.clone();
                let office = self.reg.office.clone();
                Action::Run(background::run_result(
                    move || {
                        let issuer = if office.issuing_body.is_empty() {
                            agg.unit.name.clone()
                        } else {
                            office.issuing_body.clone()
                        };
                        let attached = format!(
                            "Báo cáo số       /BC-{} ngày      tháng      năm {} của {}",
                            office.symbol_org,
                            agg.period.year(),
                            issuer
                        );
                        let bytes = crate::export::report_xlsx::report_table(&agg, &attached)?;
                        crate::export::write_atomic(&path, &bytes)?;
                        Ok(path)
                    },
                    Message::Exported,
                ))
            }
            Message::Exported(Ok(path)) => Action::Notify(Notice::Success(t::exported(&path))),
            Message::Exported(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::DraftReport => Action::Navigate(super::Nav::Documents),
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

    pub fn view(&self) -> Element<'_, Message> {
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
                .on_press(Message::Import)
                .style(theme::secondary),
            button(text(t::REPORT_EXPORT))
                .on_press_maybe(self.loaded.is_some().then_some(Message::Export))
                .style(theme::secondary),
            button(text(t::REPORT_DRAFT))
                .on_press(Message::DraftReport)
                .style(theme::secondary),
        ]
        .spacing(theme::GAP);
        let body: Element<'_, Message> = match (&self.import, &self.loaded) {
            (Some((path, report)), _) => import_view(path, report),
            (None, None) => widget::note(t::REPORT_LOADING),
            (None, Some(l)) => self.report_view(l),
        };
        column![widget::title(t::NAV_REPORTS), controls, toolbar, body]
            .spacing(theme::PAD)
            .padding(theme::PAD)
            .into()
    }

    fn report_view<'a>(&'a self, l: &'a Loaded) -> Element<'a, Message> {
        let reg = &self.reg;
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

fn import_view<'a>(
    path: &'a std::path::Path,
    report: &'a crate::model::Problems,
) -> Element<'a, Message> {
    let mut col = column![
        widget::heading(t::REPORT_IMPORT_TITLE),
        widget::note(path.display().to_string()),
    ]
    .spacing(theme::GAP);
    if report.is_ok() {
        col = col.push(text(t::sheet_ok(report.rows_read)).style(theme::success_text));
    } else {
        col = col.push(text(t::IMPORT_PREVIEW_BAD).style(theme::error_text));
        for p in &report.problems {
            col = col.push(text(p.to_string()).style(theme::error_text));
        }
    }
    for n in &report.notices {
        col = col.push(widget::note(n.as_str()));
    }
    container(
        col.push(
            row![
                button(text(t::IMPORT_COMMIT))
                    .on_press_maybe(report.is_ok().then_some(Message::ImportCommit))
                    .style(theme::primary),
                button(text(t::CLOSE))
                    .on_press(Message::CloseImport)
                    .style(theme::secondary),
            ]
            .spacing(theme::GAP),
        ),
    )
    .padding(theme::PAD)
    .style(theme::card)
    .into()
}

/// Checks (and unless `dry_run`, records in one transaction) a unit's indicator sheet for
/// `period` under `unit`. A sheet with any problem, a disagreeing totals row included, comes back
/// as `Error::Refused` listing every problem.
pub fn import_sheet(
    data_dir: &std::path::Path,
    file: &std::path::Path,
    unit: Option<i64>,
    period: Period,
    dry_run: bool,
) -> crate::Result<crate::model::Problems> {
    use crate::import::indicators::{UnitIndex, plan};
    use crate::store::indicators::{self as stored, ImportRecord};
    let mut store = crate::Store::open_dir(data_dir)?;
    let bytes = std::fs::read(file).map_err(|e| crate::Error::io(file, e))?;
    let sha256 = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
    let sheet = crate::import::read_table(file)?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string());
    let tree = crate::report::UnitTree::load(store.conn())?;
    let catalogue = stored::catalogue(store.conn())?;
    let index = UnitIndex::new(tree.descendants(unit));
    let parent = unit
        .and_then(|id| tree.unit(id))
        .map_or_else(|| "sổ đơn vị".to_string(), |u| u.title_name());
    let mut plan = plan(&sheet, &file_name, &catalogue, &index, &parent);
    if !plan.report.is_ok() {
        return Err(crate::Error::Refused(Arc::new(plan.report)));
    }
    if dry_run || plan.rows.is_empty() {
        plan.report.rows_read = plan.rows.len();
        return Ok(plan.report);
    }
    let record = ImportRecord {
        file_name,
        sha256,
        imported_at: chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
        period,
        unit_id: unit,
        row_count: plan.rows.len(),
    };
    let written = store.transaction(|tx| stored::record_import(tx, &record, &plan.rows))?;
    plan.report.added = written.values;
    plan.report.updated = written.replaced;
    Ok(plan.report)
}

/// Everything the screen shows for a unit and period, read in one go.
pub fn load(
    store: &crate::Store,
    unit: i64,
    period: Period,
    today: NaiveDate,
) -> crate::Result<Loaded> {
    let conn = store.conn();
    let agg = crate::report::aggregate(conn, unit, &period)?;
    let catalogue = crate::store::indicators::catalogue(conn)?;
    let deadline = crate::report::deadline::for_children(conn, &agg)?;
    let progress = crate::report::targets::progress(conn, unit, period.year(), today)?;
    Ok(Loaded {
        agg,
        catalogue,
        deadline,
        progress,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_cells_and_save_validate() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = crate::Store::open_dir(dir.path()).expect("db");
        crate::sample::generate(&mut store, crate::sample::Scale::Commune, 2).expect("sample");
        let reg = Arc::new(Registry::load(&store).expect("load"));
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let mut s = State::new(
            dir.path().into(),
            Arc::new(crate::app::dialogs::Scripted::default()),
            today,
        );
        assert_eq!(s.period_text, "2026-Q4");
        assert!(matches!(s.refresh(&reg), Action::Run(_)));
        assert!(s.unit.is_some());
        s.update(Message::PeriodText("quý 5".into()));
        assert!(s.update(Message::Show).is_none());
        assert!(s.period_error.is_some());
        s.update(Message::PeriodText("2026-Q3".into()));
        assert!(matches!(s.update(Message::Show), Action::Run(_)));
        assert_eq!(s.period.to_string(), "2026-Q3");
        let unit = s.unit.as_ref().expect("unit").id;
        let loaded = load(&store, unit, s.period, today).expect("load");
        let code = loaded.catalogue.all()[0].code.clone();
        s.update(Message::Loaded(Ok(Box::new(loaded))));
        s.update(Message::Cell(unit, code.clone(), "-4".into()));
        assert!(matches!(
            s.update(Message::Save),
            Action::Notify(Notice::Error(_))
        ));
        s.update(Message::Cell(unit, code.clone(), "1.200".into()));
        assert!(matches!(s.update(Message::Save), Action::Run(_)));
        assert!(matches!(s.update(Message::Saved(Ok(1))), Action::Reload(_)));
        assert!(s.edits.is_empty());
        s.update(Message::Cell(unit, code, "3".into()));
        s.shortcut(Shortcut::Close);
        assert!(s.edits.is_empty());
    }

    #[test]
    fn refused_sheet_is_previewed_and_cannot_be_committed() {
        let dir = tempfile::tempdir().expect("dir");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let mut s = State::new(
            dir.path().into(),
            Arc::new(crate::app::dialogs::Scripted::default()),
            today,
        );
        let mut report = crate::model::Problems::new("xa.xlsx");
        report.problem(
            Some(12),
            Some("Tổng cộng"),
            Some("150"),
            "dòng tổng cộng ghi 150 nhưng cộng các dòng là 140",
        );
        let a = s.update(Message::ImportChecked(
            "xa.xlsx".into(),
            Err(crate::Error::Refused(Arc::new(report))),
        ));
        assert!(a.is_none());
        assert_eq!(s.import.as_ref().expect("preview").1.problems.len(), 1);
        assert!(s.update(Message::ImportCommit).is_none());
        s.update(Message::CloseImport);
        assert!(s.import.is_none());
        assert!(matches!(
            s.update(Message::DraftReport),
            Action::Navigate(super::super::Nav::Documents)
        ));
        assert!(s.update(Message::ExportTo(None)).is_none());
    }
}
