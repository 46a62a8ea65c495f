//! Classifying the rows below the header one at a time. Most rows are data and take a few
//! comparisons: the words of totals, notes, signatures and sections are only looked for in a
//! row whose first cell is text, or with few cells filled.

use std::sync::Arc;

use super::words::{
    continues_note, first_number, is_note, is_numbering_row, is_sentence, is_signature_line,
    match_key, ordinal, section_text, strip_ordinal, total_label,
};
use super::{Layout, RowKind, Section, Skip, Total};
use crate::import::table::Cell;
use crate::import::unit_names::split_level_word;
use crate::model::Level;

/// What the rows above tell about the next: the sections in force, whether the signature
/// block or a note has begun, the level of the units data rows name.
#[derive(Debug, Clone, Default)]
pub(super) struct State {
    /// Shared by every data row below them (an empty one too, allocated once).
    sections: Arc<[Section]>,
    data_rows: usize,
    in_signature: bool,
    in_note: bool,
    /// The column and level of the units the data rows name (`Xã …` rows of an indicator
    /// sheet), learned from the first data rows: a row naming a unit of that level with no
    /// values is a unit that has not reported, not a section.
    data_level: Option<(usize, Level)>,
}

/// At most this many cells filled for a row to be read as a section, a note or a signature.
const SPARSE: usize = 3;

pub(super) fn classify(layout: &mut Layout, line: usize, cells: &[Cell]) -> RowKind {
    let filled: Vec<(usize, &Cell)> = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .collect();
    let Some(&(_, first)) = filled.first() else {
        return RowKind::Skipped(Skip::Blank);
    };
    if let Cell::Text(label) = first
        && let Some(total) = total(layout, line, label, cells)
    {
        return RowKind::Total(total);
    }
    if matches!(first, Cell::Text(_) | Cell::Number(_)) && is_numbering_row(cells) {
        return RowKind::Skipped(Skip::ColumnNumbers);
    }
    if matches!(first, Cell::Text(_)) && repeats_header(layout, cells) {
        return RowKind::Skipped(Skip::RepeatedHeader);
    }
    if filled.len() <= SPARSE || layout.state.in_signature {
        let texts: Vec<(usize, String)> = filled
            .iter()
            .map(|(c, cell)| (*c, cell.text().trim().to_string()))
            .collect();
        if let Some(kind) = sparse(layout, line, &texts) {
            return kind;
        }
    }
    let read =
        |c: usize| layout.stt_column != Some(c) && layout.columns.iter().any(|col| col.index == c);
    if !filled.iter().any(|(c, _)| read(*c)) {
        let text: Vec<String> = filled.iter().map(|(_, c)| c.text()).collect();
        return RowKind::Skipped(Skip::OutsideTable(text.join(" | ")));
    }
    let state = &mut layout.state;
    state.in_note = false;
    if state.data_rows < 50 {
        state.data_rows += 1;
        if state.data_level.is_none() {
            state.data_level = filled.iter().find_map(|(c, cell)| match cell {
                Cell::Text(t) => split_level_word(t).and_then(|(w, _)| w.level.map(|l| (*c, l))),
                _ => None,
            });
        }
    }
    RowKind::Data {
        sections: state.sections.clone(),
    }
}

/// A total row: its label in the first filled cell (never after a row number: `Tống Văn A`
/// is a person, and `Tổng` needs its accents).
fn total(layout: &Layout, line: usize, label: &str, cells: &[Cell]) -> Option<Total> {
    let (word, rest) = total_label(label)?;
    let label_col = cells.iter().position(|c| !c.is_empty());
    let values: Vec<(String, Cell)> = layout
        .columns
        .iter()
        .filter(|c| Some(c.index) != label_col)
        .filter_map(|c| {
            let cell = cells.get(c.index).filter(|x| !x.is_empty())?;
            Some((c.key.clone(), cell.clone()))
        })
        .collect();
    let scope = rest.chars().next().is_some_and(char::is_alphabetic);
    let in_section = !layout.state.sections.is_empty();
    Some(Total {
        line,
        label: label.trim().to_string(),
        subtotal: scope || (word == "cộng" && in_section),
        count: first_number(rest),
        values,
    })
}

/// Whether the row is the header again: its first header cell first, so that a data row costs
/// one comparison.
fn repeats_header(layout: &Layout, cells: &[Cell]) -> bool {
    let same = |c: usize, k: &str| {
        cells.get(c).is_some_and(|x| match x {
            Cell::Text(t) => may_match(t, k) && match_key(t) == k,
            _ => false,
        })
    };
    layout.header_keys.iter().any(|keys| {
        let Some((c0, k0)) = keys.first() else {
            return false;
        };
        keys.len() >= 2 && same(*c0, k0) && {
            let n = keys.iter().filter(|(c, k)| same(*c, k)).count();
            n * 3 >= keys.len() * 2
        }
    })
}

/// Whether `text` may have the match key `key`, by its first letter or digit alone (folded as
/// keys fold it): every data row's first cell is asked, and making its key costs several
/// copies. A key drops a leading `số` / `số lượng`, so a text starting with `s` may match any.
fn may_match(text: &str, key: &str) -> bool {
    let Some(first) = text.chars().find(|c| c.is_alphanumeric()) else {
        return key.is_empty();
    };
    let mut folded = None;
    match first {
        'đ' | 'Đ' => folded = Some('d'),
        c if c.is_ascii() => folded = Some(c.to_ascii_lowercase()),
        c => unicode_normalization::char::decompose_canonical(c, |d| {
            if folded.is_none() {
                folded = d.to_lowercase().next();
            }
        }),
    }
    match folded {
        Some('s') => true,
        Some(f) => key.starts_with(f),
        None => true,
    }
}

/// A row with few cells filled (or any row inside the signature block): a signature line, a
/// note, a section, or `None` for data.
fn sparse(layout: &mut Layout, line: usize, texts: &[(usize, String)]) -> Option<RowKind> {
    let joined = || {
        texts
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let state = &mut layout.state;
    let numeric = |t: &str| t.bytes().any(|b| b.is_ascii_digit());
    let single = match texts {
        [(_, t)] => Some(t.as_str()),
        _ => None,
    };
    let note = |state: &mut State| {
        state.in_note = true;
        Some(RowKind::Skipped(Skip::Note(joined())))
    };
    // A note says so (`Ghi chú`, `(*)`), or continues the one above (`- …`).
    if single.is_some_and(|t| is_note(t) || (state.in_note && continues_note(t))) {
        return note(state);
    }
    // The signature block: once begun, names and titles follow it; a row of figures does not.
    if texts.iter().any(|(_, t)| is_signature_line(t))
        && texts
            .iter()
            .all(|(_, t)| is_signature_line(t) || state.in_signature || !numeric(t))
    {
        state.in_signature = true;
        state.in_note = false;
        return Some(RowKind::Skipped(Skip::Signature(joined())));
    }
    if state.in_signature && texts.len() <= 4 && !texts.iter().any(|(_, t)| numeric(t)) {
        return Some(RowKind::Skipped(Skip::Signature(joined())));
    }
    if single.is_some_and(is_sentence) {
        return note(state);
    }
    let section = section_row(layout, line, texts)?;
    let state = &mut layout.state;
    let mut stack: Vec<Section> = state.sections.to_vec();
    // A section closes the sections of its own level or below (an unknown level closes only
    // unknown ones).
    while let Some(top) = stack.last() {
        let closes = match (top.level, section.level) {
            (Some(t), Some(s)) => t >= s,
            (None, None) => true,
            (Some(_), None) => false,
            (None, Some(_)) => true,
        };
        if !closes {
            break;
        }
        stack.pop();
    }
    stack.push(section.clone());
    state.sections = Arc::from(stack);
    state.in_note = false;
    Some(RowKind::Section(section))
}

/// A section row: one text, or an ordinal cell and one text; the text names a team or a unit
/// (see `section_text`).
fn section_row(layout: &Layout, line: usize, texts: &[(usize, String)]) -> Option<Section> {
    let (cell_ordinal, (col, text)) = match texts {
        [one] => (None, one),
        [(_, o), two] => (Some(ordinal(o)?), two),
        _ => return None,
    };
    // An arabic number in the STT column numbers a data row (a unit that has not reported); a
    // roman or letter one numbers a section, whatever it names (`II | Khu vực miền núi`).
    if cell_ordinal == Some(false) {
        return None;
    }
    let (own_ordinal, body) = strip_ordinal(text);
    let strong = cell_ordinal == Some(true) || own_ordinal.is_some();
    let found = section_text(body, strong)?;
    if let (Some(level), Some((data_col, data_level))) = (found.level, layout.state.data_level)
        && data_col == *col
        && level == data_level
        && own_ordinal.is_none()
        && cell_ordinal.is_none()
    {
        return None;
    }
    Some(Section {
        line,
        text: text.clone(),
        unit: found.unit,
        level: found.level,
        team: found.team,
    })
}
