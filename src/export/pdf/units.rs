//! Units of measure kept whole in table headers. «Số người dân được hướng dẫn (lượt người)» in
//! a narrow column broke as «dẫn (lượt» / «người)», in the PDF and in Word and LibreOffice
//! alike; «lượt người» is one unit, and a reader takes the two lines for two things. The spaces
//! of a header cell's closing «(…)» become no-break spaces where the page has the width: every
//! body cell keeps its single line, each joined unit gets room to spare (Word and LibreOffice
//! measure a little wider than we do), and the units are taken left to right while they fit (a
//! table of fourteen indicators on a landscape page has room for some of its units, not all;
//! the rest break as before). Both renderers set their tables from what this returns, so the
//! PDF and the DOCX break alike.

use std::borrow::Cow;

use super::columns::{demands, grid};
use crate::document::{Block, Table};

/// The longest unit group kept whole, in characters («(chữ ký số)», «(lượt người)»).
const LONGEST_UNIT: usize = 16;

/// `text` with the spaces of its closing «(…)» joined, or `None` when it has none to join.
fn joined(text: &str) -> Option<String> {
    let trimmed = text.trim_end();
    if !trimmed.ends_with(')') {
        return None;
    }
    let open = trimmed.rfind('(')?;
    let group = &trimmed[open..];
    if !group.contains(' ') || group.contains('\n') || group.chars().count() > LONGEST_UNIT {
        return None;
    }
    Some(format!(
        "{}{}",
        &trimmed[..open],
        group.replace(' ', "\u{a0}")
    ))
}

/// The width every column asks for so that its body cells keep one line and its header words
/// (joined units included) fit.
fn needed(t: &Table) -> f32 {
    demands(t).iter().map(|d| d.min.max(d.natural)).sum()
}

/// Room a joined unit gets beyond what it asks for: a column the fit leaves at exactly its
/// longest word is set by Word and LibreOffice at their own measure, which may break the unit
/// inside a word («(sả» / «n phẩm)»), worse than the break it replaces.
const UNIT_ROOM: f32 = 3.0;

/// Whether every column of `t` with a joined unit gets `UNIT_ROOM` beyond its longest word once
/// the table is fitted to `avail` points.
fn roomy(t: &Table, avail: f32) -> bool {
    let widths = super::columns::grids(&[Block::Table(t.clone())], avail)
        .pop()
        .flatten()
        .unwrap_or_default();
    let d = demands(t);
    let places = grid(&t.header, d.len(), true);
    t.header.iter().zip(&places).all(|(row, places)| {
        row.iter().zip(places).all(|(cell, &(col, _))| {
            !cell.text.contains('\u{a0}')
                || widths
                    .get(col)
                    .is_some_and(|w| *w >= d[col].min + UNIT_ROOM)
        })
    })
}

/// `t` with the units of its header cells joined, left to right, while the table still fits
/// `avail` points; `None` when none could be joined.
fn keep_in(t: &Table, avail: f32) -> Option<Table> {
    let ncols = super::columns::count(t);
    let places = grid(&t.header, ncols, true);
    let mut out: Option<Table> = None;
    for (r, row) in places.iter().enumerate() {
        for (c, &(_, cols)) in row.iter().enumerate() {
            if cols != 1 {
                continue;
            }
            let current = out.as_ref().unwrap_or(t);
            let Some(text) = joined(&current.header[r][c].text) else {
                continue;
            };
            let mut tried = current.clone();
            tried.header[r][c].text = text;
            if needed(&tried) <= avail && roomy(&tried, avail) {
                out = Some(tried);
            }
        }
    }
    out
}

/// The blocks with the units of their tables' headers kept whole where the page allows
/// (`avail` points of text width); borrowed when nothing changes.
pub fn keep_units(blocks: &[Block], avail: f32) -> Cow<'_, [Block]> {
    let mut out: Option<Vec<Block>> = None;
    for (i, b) in blocks.iter().enumerate() {
        let Block::Table(t) = b else {
            continue;
        };
        if let Some(kept) = keep_in(t, avail) {
            out.get_or_insert_with(|| blocks.to_vec())[i] = Block::Table(kept);
        }
    }
    match out {
        Some(v) => Cow::Owned(v),
        None => Cow::Borrowed(blocks),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Cell;

    #[test]
    fn a_closing_unit_is_joined() {
        assert_eq!(
            joined("Số người dân được hướng dẫn (lượt người)").as_deref(),
            Some("Số người dân được hướng dẫn (lượt\u{a0}người)")
        );
        assert_eq!(joined("Số buổi (buổi)"), None, "nothing to join");
        assert_eq!(joined("Họ và tên"), None);
        assert_eq!(
            joined("Ghi chú (nếu có thì ghi rõ lý do)"),
            None,
            "a phrase"
        );
    }

    fn table(labels: &[&str], width: usize) -> Table {
        let head = |s: &str| Cell {
            bold: true,
            ..Cell::new(s)
        };
        Table {
            widths: vec![1.0; labels.len()],
            header: vec![labels.iter().map(|s| head(s)).collect()],
            rows: vec![
                labels
                    .iter()
                    .map(|_| Cell::new("1".repeat(width)))
                    .collect(),
            ],
            size: 9.0,
        }
    }

    #[test]
    fn units_are_joined_where_the_page_has_room() {
        let labels = ["Số người dân được hướng dẫn (lượt người)"; 6];
        let t = table(&labels, 2);
        // Room for all.
        let all = keep_in(&t, 2000.0).expect("joined");
        assert!(all.header[0].iter().all(|c| c.text.contains('\u{a0}')));
        // No room: as it was.
        assert!(keep_in(&t, needed(&t)).is_none());
    }
}
