//! The indicator grid of «Chỉ tiêu và báo cáo», moved like a spreadsheet: Tab and Shift+Tab go
//! to the next and previous cell (wrapping to the next and previous row), Enter and ↓ to the
//! cell below, ↑ to the cell above; the cell reached is focused with its text selected, so
//! typing replaces it (typing 5, Tab, 12 gives 5 and 12 in two cells). The header row and the
//! total row stay in view while the rows scroll between them, and the rows take the height the
//! window gives. A value that is not a whole number ≥ 0 is marked red in its cell; the totals
//! follow what is typed.
//!
//! The window has no event for "this text field got focus", so the grid keeps its own cursor:
//! set when a cell is typed in or clicked (the release of the click, which the field lets
//! through) and when the keys move it; the root sends the keys here only while it is set.

use std::collections::BTreeMap;

use iced::widget::{
    Column, Row, column, container, mouse_area, operation, row, scrollable, text, text_input,
};
use iced::{Alignment, Background, Border, Color, Element, Length, Task};

use crate::app::text::pick as tp;
use crate::app::widget::edge_keys::{Edge, EdgeKeys};
use crate::app::{text as t, theme};
use crate::ops::indicators::ReportView;
use crate::ops::registry::Registry;
use crate::vietnamese::{format_number, parse_number};

const CELL_WIDTH: f32 = 120.0;
const UNIT_WIDTH: f32 = 200.0;
const SPACING: f32 = 4.0;
/// The width the rows' vertical scrollbar takes (its width and its spacing).
const SCROLLBAR_ROOM: f32 = 12.0;
/// A row's height: the text field and the gap under it.
const ROW_HEIGHT: f32 = 34.0;
/// The id of the rows' scrollable (both ways, its scrollbars at the edges of what is shown).
const ROWS_ID: &str = "indicator-grid-rows";
/// The ids of the header's and the totals' scrollables, which follow the rows sideways.
const HEADER_ID: &str = "indicator-grid-header";
const TOTALS_ID: &str = "indicator-grid-totals";

/// Where the cursor goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Tab.
    Next,
    /// Shift+Tab.
    Previous,
    /// Enter, ↓.
    Down,
    /// ↑.
    Up,
    /// → at the end of the cell's text (stays in the row).
    Right,
    /// ← at its start (stays in the row).
    Left,
}

/// A cell: row (child unit) and column (indicator), from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub row: usize,
    pub col: usize,
}

impl Cursor {
    /// The cell `m` leads to in a grid of `rows` × `cols` (it stays inside).
    pub fn step(self, m: Move, rows: usize, cols: usize) -> Cursor {
        if rows == 0 || cols == 0 {
            return self;
        }
        let last = rows * cols - 1;
        let at = (self.row * cols + self.col).min(last);
        let at = match m {
            Move::Next => (at + 1).min(last),
            Move::Previous => at.saturating_sub(1),
            Move::Down if at + cols <= last => at + cols,
            Move::Up if at >= cols => at - cols,
            Move::Right if !(at + 1).is_multiple_of(cols) => at + 1,
            Move::Left if !at.is_multiple_of(cols) => at - 1,
            Move::Down | Move::Up | Move::Right | Move::Left => at,
        };
        Cursor {
            row: at / cols,
            col: at % cols,
        }
    }
}

/// The move a key asks for: Tab, Shift+Tab, ↓, ↑ (Enter is the cell's own submit).
pub fn key_move(event: &iced::keyboard::Event) -> Option<Move> {
    use iced::keyboard::{Event, Key, key::Named};
    let Event::KeyPressed { key, modifiers, .. } = event else {
        return None;
    };
    match key.as_ref() {
        Key::Named(Named::Tab) if modifiers.shift() => Some(Move::Previous),
        Key::Named(Named::Tab) => Some(Move::Next),
        Key::Named(Named::ArrowDown) => Some(Move::Down),
        Key::Named(Named::ArrowUp) => Some(Move::Up),
        _ => None,
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    /// A cell typed in: (unit id, indicator code, text).
    Cell(i64, String, String),
    /// A cell clicked.
    Clicked(Cursor),
    /// A key moved the cursor.
    Move(Move),
    /// The rows scrolled: (left offset, top offset, visible width, visible height).
    Scrolled(f32, f32, f32, f32),
}

/// The grid's own state: the cursor and what is in view.
#[derive(Debug, Default, Clone)]
pub struct Grid {
    /// The cell being typed in.
    pub cursor: Option<Cursor>,
    /// What the rows' scrollable shows: left, top, width, height.
    view: (f32, f32, f32, f32),
}

/// The widget id of a grid cell (tests type into it).
pub fn cell_id(unit: i64, code: &str) -> String {
    format!("cell-{unit}-{code}")
}

/// The unit ids of the grid's rows, in order.
pub fn row_units(l: &ReportView, reg: &Registry) -> Vec<i64> {
    l.agg
        .rows
        .iter()
        .filter_map(|r| reg.unit_by_code(&r.unit.code).map(|u| u.id))
        .collect()
}

/// Whether a typed cell is not a value (blank is: nothing to save).
pub fn is_bad(s: &str) -> bool {
    !s.trim().is_empty() && parse_number(s).is_none_or(|v| v < 0)
}

/// The total of each column as shown: the stored total, or, once a cell of the column is typed
/// in, the sum of the cells as they read now (a bad cell counts as nothing and is reported).
pub fn live_totals(
    l: &ReportView,
    reg: &Registry,
    edits: &BTreeMap<(i64, String), String>,
) -> BTreeMap<String, (Option<i64>, bool)> {
    // The rows the grid shows, with their unit ids.
    let rows: Vec<(i64, _)> = l
        .agg
        .rows
        .iter()
        .filter_map(|r| reg.unit_by_code(&r.unit.code).map(|u| (u.id, &r.values)))
        .collect();
    let mut out = BTreeMap::new();
    for ind in l.catalogue.all() {
        let code = &ind.code;
        let typed = rows
            .iter()
            .any(|(u, _)| edits.contains_key(&(*u, code.clone())));
        if !typed {
            out.insert(code.clone(), (l.agg.totals.get(code), false));
            continue;
        }
        let (mut sum, mut any, mut bad) = (0i64, false, false);
        for (unit, values) in &rows {
            let value = match edits.get(&(*unit, code.clone())) {
                Some(s) if is_bad(s) => {
                    bad = true;
                    None
                }
                Some(s) => parse_number(s),
                None => values.get(code),
            };
            if let Some(v) = value {
                sum = sum.saturating_add(v);
                any = true;
            }
        }
        out.insert(code.clone(), (any.then_some(sum), bad));
    }
    out
}

impl Grid {
    /// The cursor is where a cell was typed.
    pub fn typed(&mut self, l: &ReportView, reg: &Registry, unit: i64, code: &str) {
        let row = row_units(l, reg).iter().position(|u| *u == unit);
        let col = l.catalogue.all().iter().position(|i| i.code == code);
        if let (Some(row), Some(col)) = (row, col) {
            self.cursor = Some(Cursor { row, col });
        }
    }

    /// Moves the cursor; the task focuses the cell reached, selects its text and scrolls it
    /// into view.
    pub fn step(&mut self, l: &ReportView, reg: &Registry, m: Move) -> Task<Message> {
        let Some(c) = self.cursor else {
            return Task::none();
        };
        let units = row_units(l, reg);
        let indicators = l.catalogue.all();
        let next = c.step(m, units.len(), indicators.len());
        self.cursor = Some(next);
        let (Some(unit), Some(ind)) = (units.get(next.row), indicators.get(next.col)) else {
            return Task::none();
        };
        let id = cell_id(*unit, &ind.code);
        let mut tasks = vec![operation::focus(id.clone()), operation::select_all(id)];
        // Scrolled only when the cell is outside what is shown.
        let (left, top, width, height) = self.view;
        let y = next.row as f32 * ROW_HEIGHT;
        let y = if height <= 0.0 || (y >= top && y + ROW_HEIGHT <= top + height) {
            None
        } else if y < top {
            Some(y)
        } else {
            Some(y + ROW_HEIGHT - height)
        };
        let x = UNIT_WIDTH + SPACING + next.col as f32 * (CELL_WIDTH + SPACING);
        let x = if width <= 0.0 || (x >= left + UNIT_WIDTH && x + CELL_WIDTH <= left + width) {
            None
        } else if x < left + UNIT_WIDTH {
            Some(x - UNIT_WIDTH - SPACING)
        } else {
            Some(x + CELL_WIDTH - width)
        };
        if x.is_some() || y.is_some() {
            tasks.push(operation::scroll_to(
                ROWS_ID,
                operation::AbsoluteOffset {
                    x: x.map(|x| x.max(0.0)),
                    y: y.map(|y| y.max(0.0)),
                },
            ));
        }
        Task::batch(tasks)
    }

    /// The rows scrolled: the header and the totals follow sideways.
    pub fn scrolled(&mut self, m: &Message) -> Task<Message> {
        let Message::Scrolled(left, top, width, height) = *m else {
            return Task::none();
        };
        self.view = (left, top, width, height);
        let follow = |id| {
            operation::scroll_to(
                id,
                operation::AbsoluteOffset {
                    x: Some(left),
                    y: None,
                },
            )
        };
        Task::batch([follow(HEADER_ID), follow(TOTALS_ID)])
    }

    /// The grid: header, rows, totals; `edits` are the cells typed and not saved.
    pub fn view<'a>(
        &self,
        l: &'a ReportView,
        reg: &Registry,
        edits: &BTreeMap<(i64, String), String>,
    ) -> Element<'a, Message> {
        let indicators = l.catalogue.all();
        let mut header = Row::new().spacing(SPACING).push(
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
        let mut rows = Column::new();
        let mut r_index = 0;
        for r in &l.agg.rows {
            let Some(unit) = reg.unit_by_code(&r.unit.code) else {
                continue;
            };
            let row_at = r_index;
            r_index += 1;
            let mut line = Row::new()
                .spacing(SPACING)
                .align_y(Alignment::Center)
                .push(text(r.unit.name.clone()).width(UNIT_WIDTH));
            for (col, ind) in indicators.iter().enumerate() {
                let id = unit.id;
                let code = ind.code.clone();
                let typed = edits.get(&(id, code.clone()));
                let value = match typed {
                    Some(s) => s.clone(),
                    None => r
                        .values
                        .get(&ind.code)
                        .map(format_number)
                        .unwrap_or_default(),
                };
                let bad = typed.is_some_and(|s| is_bad(s));
                let at = Cursor { row: row_at, col };
                let input = text_input("", &value)
                    .id(cell_id(id, &ind.code))
                    .on_input(move |v| Message::Cell(id, code.clone(), v))
                    .on_submit(Message::Move(Move::Down))
                    .align_x(Alignment::End)
                    .style(cell_style(typed.is_some(), bad))
                    .width(CELL_WIDTH);
                let input = EdgeKeys::new(input, &value, |edge| {
                    Message::Move(match edge {
                        Edge::Left => Move::Left,
                        Edge::Right => Move::Right,
                    })
                });
                // The field keeps the press (it focuses itself) and lets the release through.
                line = line.push(mouse_area(input).on_release(Message::Clicked(at)));
            }
            rows = rows.push(container(line).height(ROW_HEIGHT));
        }
        let totals_now = live_totals(l, reg, edits);
        let mut totals = Row::new()
            .spacing(SPACING)
            .push(text(t::REPORT_TOTAL).font(theme::UI_BOLD).width(UNIT_WIDTH));
        for ind in indicators {
            let (value, bad) = totals_now.get(&ind.code).copied().unwrap_or((None, false));
            let cell = text(value.map(format_number).unwrap_or_default())
                .font(theme::UI_BOLD)
                .align_x(Alignment::End)
                .width(CELL_WIDTH);
            totals = totals.push(if bad {
                cell.style(theme::error_text)
            } else {
                cell
            });
        }
        let width = UNIT_WIDTH + indicators.len() as f32 * (CELL_WIDTH + SPACING);
        // Only the rows' scrollable shows scrollbars, at the edges of the card; the header and
        // the totals are moved sideways with it and take the same width as the rows' viewport.
        let scrollbar = || scrollable::Scrollbar::new().spacing(2);
        let follower = |content: Element<'a, Message>, id: &'static str| {
            row![
                scrollable(container(content).width(width))
                    .id(id)
                    .direction(scrollable::Direction::Horizontal(
                        scrollable::Scrollbar::hidden()
                    ))
                    .width(Length::Fill),
                // Where the rows' vertical scrollbar is.
                iced::widget::Space::new().width(SCROLLBAR_ROOM),
            ]
        };
        column![
            follower(header.into(), HEADER_ID),
            scrollable(container(rows).width(width))
                .id(ROWS_ID)
                .direction(scrollable::Direction::Both {
                    vertical: scrollbar(),
                    horizontal: scrollbar(),
                })
                .on_scroll(|v| {
                    let (offset, bounds) = (v.absolute_offset(), v.bounds());
                    Message::Scrolled(offset.x, offset.y, bounds.width, bounds.height)
                })
                .width(Length::Fill)
                .height(Length::Fill),
            follower(
                container(totals)
                    .padding([4.0, 0.0])
                    .style(totals_style)
                    .into(),
                TOTALS_ID
            ),
        ]
        .spacing(SPACING)
        .height(Length::Fill)
        .into()
    }
}

/// The line under the grid: its keys, or that a cell holds a bad value.
pub fn hint<'a, M: 'a>(edits: &BTreeMap<(i64, String), String>) -> Element<'a, M> {
    if edits.values().any(|s| is_bad(s)) {
        text(tp::GRID_BAD_VALUE)
            .size(theme::SIZE_SMALL)
            .style(theme::error_text)
            .into()
    } else {
        text(tp::GRID_HINT)
            .size(theme::SIZE_SMALL)
            .style(theme::muted_text)
            .into()
    }
}

/// A typed cell is tinted until saved; a bad one is red.
fn cell_style(
    typed: bool,
    bad: bool,
) -> impl Fn(&iced::Theme, text_input::Status) -> text_input::Style {
    move |theme, status| {
        let mut style = text_input::default(theme, status);
        if bad {
            style.background = Background::Color(Color::from_rgb(1.0, 0.92, 0.92));
            style.border = Border {
                color: theme::DANGER,
                width: 2.0,
                ..style.border
            };
        } else if typed {
            style.background = Background::Color(Color::from_rgb(1.0, 0.98, 0.85));
        }
        style
    }
}

fn totals_style(_: &iced::Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::from_rgb(0.93, 0.95, 0.98))),
        ..container::Style::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_moves_like_a_spreadsheet() {
        let c = Cursor { row: 0, col: 0 };
        let (rows, cols) = (3, 4);
        assert_eq!(c.step(Move::Next, rows, cols), Cursor { row: 0, col: 1 });
        assert_eq!(c.step(Move::Down, rows, cols), Cursor { row: 1, col: 0 });
        assert_eq!(c.step(Move::Up, rows, cols), c, "stays at the top");
        assert_eq!(c.step(Move::Previous, rows, cols), c, "stays at the start");
        // Tab at a row's end goes on to the next row; Shift+Tab comes back.
        let end = Cursor { row: 0, col: 3 };
        assert_eq!(end.step(Move::Next, rows, cols), Cursor { row: 1, col: 0 });
        assert_eq!(
            Cursor { row: 1, col: 0 }.step(Move::Previous, rows, cols),
            end
        );
        // → and ← stay in the row.
        assert_eq!(c.step(Move::Right, rows, cols), Cursor { row: 0, col: 1 });
        assert_eq!(c.step(Move::Left, rows, cols), c);
        assert_eq!(end.step(Move::Right, rows, cols), end);
        assert_eq!(end.step(Move::Left, rows, cols), Cursor { row: 0, col: 2 });
        let last = Cursor { row: 2, col: 3 };
        assert_eq!(last.step(Move::Next, rows, cols), last);
        assert_eq!(last.step(Move::Down, rows, cols), last);
        assert_eq!(last.step(Move::Up, rows, cols), Cursor { row: 1, col: 3 });
    }

    #[test]
    fn bad_values_are_told_apart() {
        for good in ["", " ", "5", "1.200", "0"] {
            assert!(!is_bad(good), "{good}");
        }
        for bad in ["-4", "abc", "5,5x", "12a"] {
            assert!(is_bad(bad), "{bad}");
        }
    }
}
