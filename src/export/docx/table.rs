//! Bordered tables in the DOCX with the grid the PDF uses: column widths from their content
//! (`pdf::columns`), written so that Word and LibreOffice both keep them — a fixed layout
//! (`w:tblLayout w:type="fixed"`), the table width and every grid column in twips
//! (`w:tblW`, `w:tblGrid`/`w:gridCol`), each cell's width (`w:tcW`, the sum of the columns it
//! spans) and the cell margins the PDF pads with (`w:tblCellMar`). Header rows repeat on every
//! page (`w:tblHeader`) and no row splits across pages (`w:cantSplit`).

use docx_rs::{
    Paragraph as DocxParagraph, Table as DocxTable, TableCell, TableCellMargins, TableLayoutType,
    TableRow, VAlignType, VMergeType, WidthType,
};

use super::{cell, join_tail, para, run};
use crate::document::{Align, Cell, Table};
use crate::export::pdf::columns::{PAD_X, PAD_Y};
use crate::export::pdf::font;

/// Marks header rows until the XML is patched: docx-rs 0.4 cannot write `<w:tblHeader/>`.
const HEADER_ROW_MARK: f32 = 1.0;

/// Points to twips.
fn twips(pt: f32) -> usize {
    (pt * 20.0).round().max(0.0) as usize
}

/// The grid in twips of columns `widths` points wide (`columns::grids`, the PDF's) in a text
/// `total` twips wide, rounded so that they add up to `total` exactly.
fn grid(widths: &[f32], total: usize) -> Vec<usize> {
    let mut grid = Vec::with_capacity(widths.len());
    let mut edge = 0.0f32;
    let mut done = 0usize;
    for w in widths {
        edge += *w;
        let next = twips(edge).min(total);
        grid.push(next.saturating_sub(done));
        done = next;
    }
    if let Some(last) = grid.last_mut() {
        *last += total.saturating_sub(done);
    }
    grid
}

/// The paragraphs of a cell `width` twips wide (one per hard line), the words of a last line
/// joined where the PDF re-breaks it to avoid a lone last word.
fn cell_paragraphs(c: &Cell, size: f32, bold: bool, width: usize) -> Vec<DocxParagraph> {
    let style = font::Style::of(bold || c.bold, false);
    // The width the PDF breaks cell text to (`pdf::table`).
    let inner = width as f32 / 20.0 - 2.0 * PAD_X;
    c.text
        .split('\n')
        .map(|line| {
            let align = match c.align {
                Align::Justify => Align::Left,
                a => a,
            };
            let mut texts = vec![(line.to_string(), style)];
            // Most cells hold one line: nothing to re-break.
            if font::width(line, style, size) > inner {
                join_tail(&mut texts, size, (inner, inner));
            }
            para(
                vec![run(&texts[0].0, size, bold || c.bold, false)],
                align,
                false,
                0.0,
            )
        })
        .collect()
}

/// A bordered table `total` twips wide on columns `widths` points wide; header rows repeat on
/// each page and rows do not split.
pub(super) fn table(t: &Table, total: usize, widths: &[f32]) -> DocxTable {
    // A table without columns still needs one to be valid.
    let grid = if widths.is_empty() {
        vec![total]
    } else {
        grid(widths, total)
    };
    let ncols = grid.len();
    let span_width = |col: usize, cols: usize| -> usize { grid[col..col + cols].iter().sum() };

    let mut rows = Vec::new();
    // Header rows: place cells on the grid; a rowspan cell restarts a vertical merge and
    // continues it in the rows below.
    let mut pending: Vec<(usize, usize, usize)> = Vec::new(); // (col, cols, rows left)
    for hrow in &t.header {
        let mut cells: Vec<(usize, TableCell)> = Vec::new();
        for &(col, cols, _) in &pending {
            let mut c = cell(vec![DocxParagraph::new()], span_width(col, cols))
                .vertical_merge(VMergeType::Continue);
            if cols > 1 {
                c = c.grid_span(cols);
            }
            cells.push((col, c));
        }
        let taken: Vec<(usize, usize)> = pending.iter().map(|&(c, n, _)| (c, n)).collect();
        pending = pending
            .into_iter()
            .filter_map(|(c, n, left)| (left > 1).then_some((c, n, left - 1)))
            .collect();
        let mut col = 0;
        for hc in hrow {
            while let Some(&(_, n)) = taken.iter().find(|(c, _)| *c == col) {
                col += n;
            }
            if col >= ncols {
                break;
            }
            let cols = usize::from(hc.colspan.max(1)).min(ncols - col);
            let w = span_width(col, cols);
            let mut c =
                cell(cell_paragraphs(hc, t.size, true, w), w).vertical_align(VAlignType::Center);
            if cols > 1 {
                c = c.grid_span(cols);
            }
            if hc.rowspan > 1 {
                c = c.vertical_merge(VMergeType::Restart);
                pending.push((col, cols, usize::from(hc.rowspan) - 1));
            }
            cells.push((col, c));
            col += cols;
        }
        cells.sort_by_key(|(c, _)| *c);
        rows.push(
            TableRow::new(cells.into_iter().map(|(_, c)| c).collect())
                .cant_split()
                .row_height(HEADER_ROW_MARK),
        );
    }
    for brow in &t.rows {
        let mut cells = Vec::new();
        let mut col = 0;
        for bc in brow {
            if col >= ncols {
                break;
            }
            let cols = usize::from(bc.colspan.max(1)).min(ncols - col);
            let w = span_width(col, cols);
            let mut c =
                cell(cell_paragraphs(bc, t.size, false, w), w).vertical_align(VAlignType::Center);
            if cols > 1 {
                c = c.grid_span(cols);
            }
            cells.push(c);
            col += cols;
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    let (pad_x, pad_y) = (twips(PAD_X), twips(PAD_Y));
    DocxTable::new(rows)
        .set_grid(grid)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(pad_y, pad_x, pad_y, pad_x))
}

/// Replaces the marker row height of header rows by `<w:tblHeader/>` (repeat on each page).
pub(super) fn mark_header_rows(xml: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(xml);
    let marker = format!(r#"<w:trHeight w:val="{HEADER_ROW_MARK}" w:hRule="atLeast" />"#);
    s.replace(&marker, "<w:tblHeader />").into_bytes()
}
