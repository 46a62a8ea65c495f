//! The «Chỉ tiêu kế hoạch năm» section of Cài đặt: the office's unit and the units directly below
//! it × the indicators, one cell per yearly target, for the year chosen. Typed cells are checked
//! as typed (a cell that is not a whole number is marked, and the save refused); «Lưu chỉ tiêu»
//! saves every typed cell in one transaction through `ops::targets::save`, the grid twin of
//! `cnscd target set`. «Chia xuống đơn vị trực thuộc» splits the unit's targets over the units
//! below it (`ops::allocate`, the twin of `cnscd target allocate`) into their cells, for the
//! clerk to correct before saving; a unit's name opens its own grid, to split a commune's
//! share over its villages. The plan prints the targets in its §II.

use std::collections::BTreeMap;

use iced::widget::{
    Column, Row, button, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Alignment, Element, Length};

use super::{Action, Notice};
use crate::app::context::Context;
use crate::app::widget::form::labelled;
use crate::app::{theme, widget};
use crate::ops::allocate::{self, Allocation, Basis};
use crate::ops::targets::{self, Grid};
use crate::vietnamese::format_number;

/// The section's title.
pub const TITLE: &str = "Chỉ tiêu kế hoạch năm";
/// The year field's label.
pub const YEAR: &str = "Năm kế hoạch";
/// Opens the grid of the year.
pub const OPEN: &str = "Mở bảng chỉ tiêu";
/// The button of Cài đặt that shows the grid.
pub const SHOW: &str = "Chỉ tiêu kế hoạch năm…";
/// Closes the grid.
pub const CLOSE: &str = "Đóng";
/// Saves the typed cells.
pub const SAVE: &str = "Lưu chỉ tiêu";
/// The unit column's header.
pub const UNIT_COL: &str = "Đơn vị";
/// Without an own unit, there is no grid.
pub const NO_UNIT: &str = "Chọn «Đơn vị của cơ quan» ở trên rồi lưu, để đặt chỉ tiêu cho đơn vị và các đơn vị trực thuộc.";
/// Said under the grid.
pub const HINT: &str = "Ô để trống: chưa đặt chỉ tiêu. Số có thể ghi 1200 hoặc 1.200. Kế hoạch năm in chỉ tiêu ở mục II.";
/// Splits the first row's targets over the rows below it.
pub const ALLOCATE: &str = "Chia xuống đơn vị trực thuộc";
/// Back to the office's own unit's grid.
pub const BACK: &str = "Về bảng của đơn vị mình";
/// Nothing to split.
pub const NOTHING_TO_SPLIT: &str =
    "Hàng đầu chưa có chỉ tiêu nào để chia: nhập chỉ tiêu của đơn vị ở hàng đầu trước.";
/// Another grid asked for while cells are typed.
pub const UNSAVED: &str = "Các ô vừa gõ chưa được lưu: bấm «Lưu chỉ tiêu» trước khi mở bảng khác.";
/// A cell typed wrong.
pub const BAD_CELL: &str = "Ô tô đỏ cần một số nguyên không âm; chưa lưu.";

const UNIT_WIDTH: f32 = 190.0;
const CELL_WIDTH: f32 = 96.0;

/// The widget id of a cell: `target-<unit id>-<indicator code>`.
pub fn cell_id(unit: i64, code: &str) -> String {
    format!("target-{unit}-{code}")
}

/// The grid as edited.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// The year as typed.
    pub year: String,
    /// The grid loaded for `year`.
    pub grid: Option<Grid>,
    /// Cells typed since it was loaded: (unit id, indicator code) → text.
    pub edits: BTreeMap<(i64, String), String>,
    /// Why it was not saved.
    pub error: Option<String>,
    /// Whether the grid is shown over Cài đặt.
    pub shown: bool,
    /// How «Chia xuống» splits.
    pub basis: Basis,
    /// The unit whose grid is open, when not the office's own (a commune opened from it).
    pub root: Option<i64>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Shows the grid over Cài đặt, loaded for the year.
    Show,
    Hide,
    Year(String),
    Open,
    Loaded(Result<Box<Grid>, crate::Error>),
    Cell(i64, String, String),
    Save,
    Saved(Result<usize, crate::Error>),
    Basis(Basis),
    /// Splits the first row's targets over the units below, into their cells.
    Allocate,
    Allocated(Result<Vec<Allocation>, crate::Error>),
    /// Opens the grid of a unit below (`None`: back to the office's own).
    Drill(Option<i64>),
}

impl Section {
    /// Whether the clerk typed cells not yet saved.
    pub fn dirty(&self) -> bool {
        !self.edits.is_empty()
    }

    /// The text a cell shows: what was typed, else the saved target.
    pub fn cell(&self, unit: i64, code: &str) -> String {
        if let Some(t) = self.edits.get(&(unit, code.to_string())) {
            return t.clone();
        }
        self.grid
            .as_ref()
            .and_then(|g| {
                g.values
                    .iter()
                    .find(|(u, c, _)| *u == unit && c == code)
                    .map(|(_, _, v)| format_number(*v))
            })
            .unwrap_or_default()
    }

    fn bad(&self, unit: i64, code: &str) -> bool {
        self.edits
            .get(&(unit, code.to_string()))
            .is_some_and(|t| !t.trim().is_empty() && targets::parse_count(t).is_none())
    }

    pub fn update(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::Show => {
                self.shown = true;
                self.root = None;
                self.update(ctx, Message::Open)
            }
            Message::Hide => {
                self.shown = false;
                Action::None
            }
            Message::Year(y) => {
                self.year = y;
                Action::None
            }
            Message::Open => {
                let Some(unit) = self.root.or(ctx.registry.home_unit().map(|u| u.id)) else {
                    self.error = Some(NO_UNIT.into());
                    return Action::None;
                };
                let year: i32 = match self.year.trim().parse() {
                    Ok(y) if (2000..=2100).contains(&y) => y,
                    _ => {
                        self.error =
                            Some(format!("Năm «{}» không hợp lệ; ghi ví dụ 2026.", self.year));
                        return Action::None;
                    }
                };
                self.error = None;
                Action::Run(ctx.run(
                    move |store, _| targets::grid(store, unit, year).map(Box::new),
                    Message::Loaded,
                ))
            }
            Message::Loaded(Ok(grid)) => {
                self.year = grid.year.to_string();
                self.grid = Some(*grid);
                self.edits.clear();
                Action::None
            }
            Message::Loaded(Err(e)) | Message::Saved(Err(e)) => {
                self.error = Some(crate::app::errors::message(&e));
                Action::None
            }
            Message::Cell(unit, code, v) => {
                self.edits.insert((unit, code), v);
                self.error = None;
                Action::None
            }
            Message::Save => {
                let Some(grid) = &self.grid else {
                    return Action::None;
                };
                if self.edits.iter().any(|((u, c), _)| self.bad(*u, c)) {
                    self.error = Some(BAD_CELL.into());
                    return Action::None;
                }
                let year = grid.year;
                let cells: Vec<targets::Cell> = self
                    .edits
                    .iter()
                    .map(|((u, c), v)| (*u, c.clone(), v.clone()))
                    .collect();
                Action::Run(ctx.run(
                    move |store, _| targets::save(store, year, &cells),
                    Message::Saved,
                ))
            }
            Message::Basis(b) => {
                self.basis = b;
                Action::None
            }
            Message::Drill(root) => {
                if self.dirty() {
                    self.error = Some(UNSAVED.into());
                    return Action::None;
                }
                self.root = root;
                self.update(ctx, Message::Open)
            }
            Message::Allocate => {
                let Some(g) = &self.grid else {
                    return Action::None;
                };
                let root = g.units[0].id;
                let totals: Vec<(String, i64)> = g
                    .indicators
                    .iter()
                    .filter_map(|i| {
                        targets::parse_count(&self.cell(root, &i.code)).map(|v| (i.code.clone(), v))
                    })
                    .collect();
                if totals.is_empty() {
                    self.error = Some(NOTHING_TO_SPLIT.into());
                    return Action::None;
                }
                let (year, basis, day) = (g.year, self.basis, ctx.today());
                Action::Run(ctx.run(
                    move |store, _| {
                        totals
                            .iter()
                            .map(|(code, total)| {
                                allocate::allocate(
                                    store,
                                    root,
                                    year,
                                    code,
                                    basis,
                                    Some(*total),
                                    day,
                                )
                            })
                            .collect()
                    },
                    Message::Allocated,
                ))
            }
            Message::Allocated(Ok(done)) => {
                for a in &done {
                    for s in &a.shares {
                        self.edits
                            .insert((s.id, a.code.clone()), format_number(s.value));
                    }
                }
                self.error = None;
                Action::Notify(Notice::Success(format!(
                    "Đã chia {} chỉ tiêu xuống {} đơn vị trực thuộc ({}); xem lại rồi bấm «{SAVE}».",
                    done.len(),
                    done.first().map_or(0, |a| a.shares.len()),
                    self.basis.phrase()
                )))
            }
            Message::Allocated(Err(e)) => {
                self.error = Some(crate::app::errors::message(&e));
                Action::None
            }
            Message::Saved(Ok(n)) => {
                // The grid now shows what was saved.
                if let Some(g) = &mut self.grid {
                    for ((u, c), typed) in std::mem::take(&mut self.edits) {
                        if let Some(v) = targets::parse_count(&typed) {
                            g.values.retain(|(gu, gc, _)| !(*gu == u && *gc == c));
                            g.values.push((u, c, v));
                        }
                    }
                }
                Action::Notify(Notice::Success(format!(
                    "Đã lưu {n} chỉ tiêu kế hoạch năm {}.",
                    self.year
                )))
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        // The year, the buttons and what is wrong on top, always in view; the grid fills the
        // rest and scrolls both ways.
        let mut col = column![
            widget::heading(TITLE),
            row![
                labelled(
                    YEAR,
                    text_input("2026", &self.year)
                        .on_input(Message::Year)
                        .on_submit(Message::Open)
                        .width(120),
                    None
                ),
                button(text(OPEN))
                    .on_press(Message::Open)
                    .style(theme::secondary),
                button(text(SAVE))
                    .on_press_maybe(self.dirty().then_some(Message::Save))
                    .style(theme::primary),
                button(text(CLOSE))
                    .on_press(Message::Hide)
                    .style(theme::secondary),
            ]
            .spacing(theme::GAP)
            .align_y(Alignment::End),
            widget::note(HINT),
            row![
                pick_list(Basis::ALL, Some(self.basis), Message::Basis),
                button(text(ALLOCATE))
                    .on_press_maybe(self.grid.as_ref().map(|_| Message::Allocate))
                    .style(theme::secondary),
            ]
            .push(self.root.map(|_| {
                button(text(BACK))
                    .on_press(Message::Drill(None))
                    .style(theme::secondary)
            }))
            .spacing(theme::GAP)
            .align_y(Alignment::Center),
        ]
        .spacing(theme::GAP);
        if let Some(e) = &self.error {
            col = col.push(text(e).style(theme::error_text));
        }
        if let Some(g) = &self.grid {
            col = col.push(self.grid_view(g));
        }
        container(col)
            .padding(theme::PAD)
            .style(theme::card)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }

    /// The grid as a panel over Cài đặt while it is shown (the whole window: a wide grid).
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

    fn grid_view<'a>(&'a self, g: &'a Grid) -> Element<'a, Message> {
        let mut rows = Column::new().spacing(2);
        let mut header = Row::new()
            .spacing(4)
            .push(text(UNIT_COL).font(theme::UI_BOLD).width(UNIT_WIDTH));
        for ind in &g.indicators {
            header = header.push(
                text(format!("{} ({})", ind.label, ind.measure))
                    .size(theme::SIZE_SMALL)
                    .font(theme::UI_BOLD)
                    .width(CELL_WIDTH),
            );
        }
        rows = rows.push(header);
        for (i, u) in g.units.iter().enumerate() {
            // A unit below opens its own grid (a commune's share split over its villages).
            let name: Element<'_, Message> = if i == 0 {
                text(&u.name).font(theme::UI_BOLD).width(UNIT_WIDTH).into()
            } else {
                button(text(&u.name))
                    .on_press(Message::Drill(Some(u.id)))
                    .style(theme::link)
                    .padding(0)
                    .width(UNIT_WIDTH)
                    .into()
            };
            let mut line = Row::new().spacing(4).align_y(Alignment::Center).push(name);
            for ind in &g.indicators {
                let (id, code) = (u.id, ind.code.clone());
                let input = text_input("", &self.cell(id, &ind.code))
                    .id(cell_id(id, &ind.code))
                    .on_input(move |v| Message::Cell(id, code.clone(), v))
                    .width(CELL_WIDTH);
                // A cell typed wrong is marked where it is.
                line = line.push(if self.bad(id, &ind.code) {
                    Element::from(container(input).padding(2).style(theme::bad_box))
                } else {
                    input.into()
                });
            }
            rows = rows.push(line);
        }
        scrollable(rows)
            .direction(scrollable::Direction::Both {
                vertical: scrollable::Scrollbar::default(),
                horizontal: scrollable::Scrollbar::default(),
            })
            .height(Length::Fill)
            .into()
    }
}
