//! Bordered tables: column widths from their content (`columns`), cell text wrapped, header
//! rows (with colspan/rowspan) repeated on every page the table spans; a body row never splits,
//! so a row is always read on one page.

use super::columns::{self, PAD_X, PAD_Y};
use super::font::Style;
use super::layout::{Line, break_even};
use super::page::{Composer, LEADING, baseline_offset};
use crate::document::{Align, Cell, Table};

/// Border thickness.
const BORDER: f32 = 0.5;

/// A cell placed on the grid and laid out.
struct Placed {
    row: usize,
    col: usize,
    cols: usize,
    rows: usize,
    lines: Vec<Line>,
    align: Align,
    /// Height its text needs, padding included.
    need: f32,
}

/// Places rows of cells on the grid (`columns::grid`) and lays out their text.
fn place(
    rows: &[Vec<Cell>],
    spans: bool,
    x_of: &[f32],
    size: f32,
    bold: bool,
) -> (Vec<Placed>, usize) {
    let ncols = x_of.len() - 1;
    let mut placed = Vec::new();
    for (r, (row, places)) in rows
        .iter()
        .zip(columns::grid(rows, ncols, spans))
        .enumerate()
    {
        for (cell, (col, cols)) in row.iter().zip(places) {
            let nrows = if spans {
                usize::from(cell.rowspan.max(1)).min(rows.len() - r)
            } else {
                1
            };
            let w = x_of[col + cols] - x_of[col] - 2.0 * PAD_X;
            let style = Style::of(bold || cell.bold, false);
            let lines = break_even(&[(style, &cell.text)], size, w, w);
            let need = lines.len() as f32 * size * LEADING + 2.0 * PAD_Y;
            let align = match cell.align {
                Align::Justify => Align::Left,
                a => a,
            };
            placed.push(Placed {
                row: r,
                col,
                cols,
                rows: nrows,
                lines,
                align,
                need,
            });
        }
    }
    (placed, rows.len())
}

/// Row heights: single-row cells first, then spanning cells stretch their last row.
fn heights(placed: &[Placed], nrows: usize, size: f32) -> Vec<f32> {
    let mut h = vec![size * LEADING + 2.0 * PAD_Y; nrows];
    for p in placed.iter().filter(|p| p.rows == 1) {
        h[p.row] = h[p.row].max(p.need);
    }
    for p in placed.iter().filter(|p| p.rows > 1) {
        let have: f32 = h[p.row..p.row + p.rows].iter().sum();
        if have < p.need {
            h[p.row + p.rows - 1] += p.need - have;
        }
    }
    h
}

/// Draws placed cells whose rows start at `top` with the given row heights.
fn draw_cells(c: &mut Composer, placed: &[Placed], h: &[f32], top: f32, x_of: &[f32], size: f32) {
    let mut row_top = vec![top; h.len() + 1];
    for r in 0..h.len() {
        row_top[r + 1] = row_top[r] + h[r];
    }
    for p in placed {
        let (x1, x2) = (x_of[p.col], x_of[p.col + p.cols]);
        let (y1, y2) = (row_top[p.row], row_top[p.row + p.rows]);
        c.rule(x1, x2, y1, BORDER);
        c.rule(x1, x2, y2, BORDER);
        c.vrule(x1, y1, y2, BORDER);
        c.vrule(x2, y1, y2, BORDER);
        // Text centred vertically in the cell.
        let lh = size * LEADING;
        let text_h = p.lines.len() as f32 * lh;
        let mut y = y1 + ((y2 - y1) - text_h) / 2.0;
        for line in &p.lines {
            let w = x2 - x1 - 2.0 * PAD_X;
            c.line(
                line,
                x1 + PAD_X,
                w,
                y + baseline_offset(size),
                size,
                p.align,
            );
            y += lh;
        }
    }
}

/// The left edges of columns `widths` wide set at `x`, and the right edge of the last.
fn edges(x: f32, widths: &[f32]) -> Vec<f32> {
    let mut x_of = vec![x];
    for cw in widths {
        let last = x_of.last().copied().unwrap_or(x);
        x_of.push(last + cw);
    }
    x_of
}

/// Space before a table, in points.
const SPACE_BEFORE: f32 = 6.0;

/// The height a table with columns `widths` wide (`columns::grids`) needs on the page it
/// starts on: the space before it, its header rows and its first body row (what a heading above
/// it is kept with).
pub fn lead_height(c: &Composer, t: &Table, widths: &[f32]) -> f32 {
    if columns::count(t) == 0 {
        return 0.0;
    }
    let x_of = edges(c.left(), widths);
    let (head, nhead) = place(&t.header, true, &x_of, t.size, true);
    let head_total: f32 = heights(&head, nhead, t.size).iter().sum();
    let first = t.rows.first().map_or(0.0, |row| {
        let (p, n) = place(std::slice::from_ref(row), false, &x_of, t.size, false);
        heights(&p, n, t.size).iter().sum()
    });
    SPACE_BEFORE + head_total + first
}

/// Draws a table with columns `widths` wide (`columns::grids`) at the cursor, breaking between
/// body rows and repeating the header rows.
pub fn draw(c: &mut Composer, t: &Table, widths: &[f32]) {
    if columns::count(t) == 0 {
        return;
    }
    let x_of = edges(c.left(), widths);

    let (head, nhead) = place(&t.header, true, &x_of, t.size, true);
    let head_h = heights(&head, nhead, t.size);
    let head_total: f32 = head_h.iter().sum();

    let bodies: Vec<(Vec<Placed>, Vec<f32>)> = t
        .rows
        .iter()
        .map(|row| {
            let (p, n) = place(std::slice::from_ref(row), false, &x_of, t.size, false);
            let h = heights(&p, n, t.size);
            (p, h)
        })
        .collect();

    c.y += SPACE_BEFORE;
    let first = bodies.first().map_or(0.0, |(_, h)| h.iter().sum());
    c.ensure(head_total + first);
    draw_cells(c, &head, &head_h, c.y, &x_of, t.size);
    c.y += head_total;
    for (cells, h) in &bodies {
        let row_h: f32 = h.iter().sum();
        if c.y + row_h > c.bottom() + 0.01 {
            c.new_page();
            draw_cells(c, &head, &head_h, c.y, &x_of, t.size);
            c.y += head_total;
        }
        draw_cells(c, cells, h, c.y, &x_of, t.size);
        c.y += row_h;
    }
}
