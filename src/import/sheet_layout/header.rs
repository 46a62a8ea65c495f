//! Settling the header: every band of one to three adjacent rows among the first rows whose
//! lower rows are sub-headers of the upper ones (merged parents, or a parent left of empty
//! cells over sub-headers) is mapped to the fields; the band naming the most fields wins (the
//! required ones first), then the one with fewer rows, then the higher one.

use std::cmp::Reverse;

use super::overrides::{Overrides, fingerprint};
use super::words::{is_numbering_row, is_stt, match_key, unit_hint};
use super::{Column, FieldSpec, Layout, Merge, Preamble, Unsettled, rows};
use crate::import::table::Cell;

/// The first rows with their merged ranges.
pub(super) struct Grid<'a> {
    rows: &'a [(usize, Vec<Cell>)],
    merges: &'a [Merge],
}

impl Grid<'_> {
    fn line(&self, r: usize) -> usize {
        self.rows[r].0
    }

    fn width(&self) -> usize {
        self.rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0)
    }

    /// The cell's own text, trimmed, lines joined.
    fn own(&self, r: usize, c: usize) -> String {
        match self.rows[r].1.get(c) {
            None | Some(Cell::Empty) => String::new(),
            Some(cell) => cell.text().split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }

    fn covering(&self, r: usize, c: usize) -> Option<&Merge> {
        let line = self.line(r);
        self.merges.iter().find(|m| m.contains(line, c))
    }

    /// The text shown at a cell: a merged range shows its first cell's text over all of it.
    fn shown(&self, r: usize, c: usize) -> String {
        match self.covering(r, c) {
            Some(m) if (m.first_line, m.first_col) != (self.line(r), c) => {
                match self.rows.iter().position(|(l, _)| *l == m.first_line) {
                    Some(top) => self.own(top, m.first_col),
                    None => String::new(),
                }
            }
            _ => self.own(r, c),
        }
    }

    fn has_number(&self, r: usize) -> bool {
        self.rows[r].1.iter().any(|c| match c {
            Cell::Number(_) | Cell::Date(_) => true,
            Cell::Text(t) => {
                let t = t.trim();
                !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            }
            _ => false,
        })
    }

    /// Whether row `lower` holds sub-headers of row `upper` (the line right below it).
    fn is_sub_header(&self, upper: usize, lower: usize) -> bool {
        let (lu, ll) = (self.line(upper), self.line(lower));
        let width = self.width();
        let lower_texts = (0..width)
            .filter(|c| !self.own(lower, *c).is_empty())
            .count();
        if ll != lu + 1
            || lower_texts == 0
            || self.has_number(lower)
            || is_numbering_row(&self.rows[lower].1)
        {
            return false;
        }
        let merged = self.merges.iter().any(|m| {
            let parent = m.first_line == lu
                && m.last_line == lu
                && m.last_col > m.first_col
                && (m.first_col..=m.last_col).any(|c| !self.own(lower, c).is_empty());
            let down = m.first_line <= lu && m.last_line >= ll && m.first_line != m.last_line;
            parent || down
        });
        let upper_only =
            (0..width).any(|c| !self.own(upper, c).is_empty() && self.shown(lower, c).is_empty());
        let lower_only =
            (0..width).any(|c| self.shown(upper, c).is_empty() && !self.own(lower, c).is_empty());
        merged || (upper_only && lower_only)
    }

    /// The parent over an empty upper cell: the nearest text to its left when every cell from
    /// there to here has a sub-header below (a merge the format did not keep).
    fn parent_left(&self, upper: usize, lower: usize, c: usize) -> String {
        if self.covering(upper, c).is_some() {
            return String::new();
        }
        for left in (0..c).rev() {
            if self.own(lower, left).is_empty() {
                return String::new();
            }
            let t = self.own(upper, left);
            if !t.is_empty() {
                return t;
            }
        }
        String::new()
    }

    /// The header texts over each column, top first, repeats of a merge dropped.
    fn paths(&self, band: &[usize]) -> Vec<Vec<String>> {
        (0..self.width())
            .map(|c| {
                let mut path: Vec<String> = Vec::new();
                for (i, &r) in band.iter().enumerate() {
                    let mut t = self.shown(r, c);
                    if t.is_empty() && i + 1 < band.len() && !self.own(band[i + 1], c).is_empty() {
                        t = self.parent_left(r, band[i + 1], c);
                    }
                    if !t.is_empty() && path.last() != Some(&t) {
                        path.push(t);
                    }
                }
                path
            })
            .collect()
    }
}

/// Field labels by key, to match header texts.
struct Matcher {
    keys: Vec<(String, usize)>,
}

impl Matcher {
    fn new(fields: &[FieldSpec]) -> Matcher {
        let mut keys = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            for l in std::iter::once(&f.label).chain(&f.aliases) {
                let k = match_key(l);
                if !k.is_empty() {
                    keys.push((k, i));
                }
            }
        }
        Matcher { keys }
    }

    fn exact(&self, text: &str) -> Option<usize> {
        let k = match_key(text);
        self.keys.iter().find(|(key, _)| *key == k).map(|(_, i)| *i)
    }

    /// The field whose label is the longest leading part of the text (`Số điện thoại liên
    /// hệ` › `Số điện thoại`).
    fn prefix(&self, text: &str) -> Option<usize> {
        let k = match_key(text);
        self.keys
            .iter()
            .filter(|(key, _)| {
                k.strip_prefix(key.as_str())
                    .is_some_and(|r| r.starts_with(' '))
            })
            .max_by_key(|(key, _)| key.len())
            .map(|(_, i)| *i)
    }

    /// The field a column's header path names, and the sub-header when a parent named it.
    fn path(&self, path: &[String]) -> Option<(usize, Option<String>)> {
        let n = path.len();
        let join = |from: usize| path[from..].join(" ");
        for find in [Matcher::exact, Matcher::prefix] {
            if let Some(f) = find(self, &path[n - 1]) {
                return Some((f, None));
            }
            for i in (0..n - 1).rev() {
                if let Some(f) = find(self, &join(i)) {
                    return Some((f, None));
                }
            }
            for i in (0..n - 1).rev() {
                if let Some(f) = find(self, &path[i]) {
                    return Some((f, Some(join(i + 1))));
                }
            }
        }
        None
    }
}

/// A band's reading.
struct Mapping {
    band: Vec<usize>,
    columns: Vec<Column>,
    stt: Option<usize>,
    ignored: Vec<(usize, String)>,
    repeated: Vec<(usize, String)>,
}

impl Mapping {
    /// Required fields found, fields found, columns read.
    fn score(&self, fields: &[FieldSpec]) -> (usize, usize, usize) {
        let mut found: Vec<usize> = self
            .columns
            .iter()
            .filter_map(|c| fields.iter().position(|f| f.key == c.key))
            .collect();
        found.sort_unstable();
        found.dedup();
        let required = found.iter().filter(|i| fields[**i].required).count();
        (required, found.len(), self.columns.len())
    }
}

fn map_band(grid: &Grid<'_>, band: &[usize], fields: &[FieldSpec], o: &Overrides) -> Mapping {
    let matcher = Matcher::new(fields);
    let mut m = Mapping {
        band: band.to_vec(),
        columns: Vec::new(),
        stt: None,
        ignored: Vec::new(),
        repeated: Vec::new(),
    };
    let chosen: Vec<&str> = o
        .columns
        .iter()
        .filter_map(|c| c.field.as_deref())
        .collect();
    for (c, path) in grid.paths(band).into_iter().enumerate() {
        if let Some(choice) = o.columns.iter().find(|x| x.column == c) {
            if let Some(key) = &choice.field {
                m.columns.push(Column {
                    index: c,
                    key: key.clone(),
                    header: path,
                    sub: None,
                    by_clerk: true,
                });
            }
            continue;
        }
        if path.is_empty() {
            continue;
        }
        if path.iter().any(|t| is_stt(&match_key(t))) && m.stt.is_none() {
            m.stt = Some(c);
            continue;
        }
        let Some((f, sub)) = matcher.path(&path) else {
            m.ignored.push((c, path.join(" › ")));
            continue;
        };
        let key = &fields[f].key;
        // The clerk's column for this field replaces the reader's.
        if chosen.contains(&key.as_str()) {
            m.ignored.push((c, path.join(" › ")));
            continue;
        }
        let twice = m
            .columns
            .iter()
            .any(|x| x.key == *key && (x.sub.is_none() || sub.is_none() || x.sub == sub));
        if twice {
            m.repeated.push((c, path.join(" › ")));
            continue;
        }
        m.columns.push(Column {
            index: c,
            key: key.clone(),
            header: path,
            sub,
            by_clerk: false,
        });
    }
    m.columns.sort_by_key(|c| c.index);
    m
}

/// Every band of one to three rows worth mapping, top first.
fn bands(grid: &Grid<'_>) -> Vec<Vec<usize>> {
    let n = grid.rows.len();
    let mut out = Vec::new();
    for r in 0..n {
        if (0..grid.width()).all(|c| grid.own(r, c).is_empty()) {
            continue;
        }
        // A band starts where its merged cells start, not half-way down them.
        let line = grid.line(r);
        if grid
            .merges
            .iter()
            .any(|m| m.first_line < line && m.last_line >= line && m.first_col < grid.width())
        {
            continue;
        }
        let mut band = vec![r];
        out.push(band.clone());
        while band.len() < 3 {
            let last = band[band.len() - 1];
            if last + 1 < n && grid.is_sub_header(last, last + 1) {
                band.push(last + 1);
                out.push(band.clone());
            } else {
                break;
            }
        }
    }
    out
}

pub(super) fn detect(
    rows: &[(usize, Vec<Cell>)],
    merges: &[Merge],
    fields: &[FieldSpec],
    o: &Overrides,
) -> Result<Layout, Box<Unsettled>> {
    let grid = Grid { rows, merges };
    let enough = fields.len().clamp(1, 2);
    let (mapping, reason) = match &o.header_lines {
        Some(lines) => {
            let band: Option<Vec<usize>> = lines
                .iter()
                .map(|l| rows.iter().position(|(line, _)| line == l))
                .collect();
            match band {
                Some(band) if !band.is_empty() => (Some(map_band(&grid, &band, fields, o)), None),
                _ => (
                    None,
                    Some(format!(
                        "dòng tiêu đề đã chọn ({}) trống hoặc không nằm trong {} dòng đầu",
                        join_lines(lines),
                        rows.len()
                    )),
                ),
            }
        }
        None => {
            let best = bands(&grid)
                .into_iter()
                .map(|b| map_band(&grid, &b, fields, o))
                .max_by_key(|m| (m.score(fields), Reverse(m.band.len()), Reverse(m.band[0])));
            match best {
                Some(m) if m.score(fields).1 >= enough => (Some(m), None),
                Some(m) if m.score(fields).1 > 0 => (
                    Some(m),
                    Some("không nhận ra dòng tiêu đề: chỉ khớp được một cột".to_string()),
                ),
                _ => (
                    None,
                    Some(format!(
                        "không tìm thấy dòng tiêu đề trong {} dòng đầu",
                        rows.len()
                    )),
                ),
            }
        }
    };
    let missing: Vec<&FieldSpec> = fields
        .iter()
        .filter(|f| f.required)
        .filter(|f| {
            mapping
                .as_ref()
                .is_none_or(|m| !m.columns.iter().any(|c| c.key == f.key))
        })
        .collect();
    let reason = reason.or_else(|| {
        (!missing.is_empty()).then(|| {
            let labels: Vec<&str> = missing.iter().map(|f| f.label.as_str()).collect();
            format!("thiếu cột bắt buộc: {}", labels.join("; "))
        })
    });
    match (mapping, reason) {
        (Some(m), None) => Ok(settle(&grid, m, fields)),
        (m, Some(reason)) => Err(Box::new(unsettled(&grid, m, fields, reason))),
        (None, None) => Err(Box::new(unsettled(
            &grid,
            None,
            fields,
            "không tìm thấy dòng tiêu đề".into(),
        ))),
    }
}

fn join_lines(lines: &[usize]) -> String {
    lines
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn texts(grid: &Grid<'_>, r: usize) -> Vec<String> {
    (0..grid.rows[r].1.len()).map(|c| grid.own(r, c)).collect()
}

fn settle(grid: &Grid<'_>, m: Mapping, fields: &[FieldSpec]) -> Layout {
    let above: Vec<(usize, Vec<String>)> = (0..m.band[0])
        .map(|r| (grid.line(r), texts(grid, r)))
        .collect();
    let preamble = Preamble {
        lines: above
            .iter()
            .map(|(l, cells)| {
                let joined: Vec<&str> = cells
                    .iter()
                    .filter(|t| !t.is_empty())
                    .map(String::as_str)
                    .collect();
                (*l, joined.join(" | "))
            })
            .filter(|(_, t)| !t.is_empty())
            .collect(),
        unit_hint: unit_hint(&above),
    };
    let header_rows: Vec<&[Cell]> = m.band.iter().map(|r| grid.rows[*r].1.as_slice()).collect();
    let header_keys = m
        .band
        .iter()
        .map(|&r| {
            (0..grid.rows[r].1.len())
                .map(|c| (c, match_key(&grid.own(r, c))))
                .filter(|(_, k)| !k.is_empty())
                .collect()
        })
        .collect();
    Layout {
        header_lines: m.band.iter().map(|r| grid.line(*r)).collect(),
        absent: fields
            .iter()
            .filter(|f| !m.columns.iter().any(|c| c.key == f.key))
            .map(|f| f.label.clone())
            .collect(),
        columns: m.columns,
        stt_column: m.stt,
        ignored: m.ignored,
        repeated: m.repeated,
        preamble,
        fingerprint: fingerprint(&header_rows),
        labels: fields
            .iter()
            .map(|f| (f.key.clone(), f.label.clone()))
            .collect(),
        header_keys,
        state: rows::State::default(),
    }
}

fn unsettled(
    grid: &Grid<'_>,
    m: Option<Mapping>,
    fields: &[FieldSpec],
    reason: String,
) -> Unsettled {
    let required = fields.iter().filter(|f| f.required);
    let has = |key: &str| {
        m.as_ref()
            .is_some_and(|m| m.columns.iter().any(|c| c.key == key))
    };
    let mut candidates: Vec<(Vec<usize>, String)> = (0..grid.rows.len())
        .filter(|r| {
            let t = texts(grid, *r).iter().filter(|t| !t.is_empty()).count();
            t >= 3 && !grid.has_number(*r)
        })
        .map(|r| {
            (
                vec![grid.line(r)],
                fingerprint(&[grid.rows[r].1.as_slice()]),
            )
        })
        .collect();
    if let Some(m) = m.as_ref().filter(|m| m.band.len() > 1) {
        let rows: Vec<&[Cell]> = m.band.iter().map(|r| grid.rows[*r].1.as_slice()).collect();
        candidates.insert(
            0,
            (
                m.band.iter().map(|r| grid.line(*r)).collect(),
                fingerprint(&rows),
            ),
        );
    }
    Unsettled {
        reason,
        rows: (0..grid.rows.len())
            .map(|r| (grid.line(r), texts(grid, r)))
            .collect(),
        header_guess: m
            .as_ref()
            .map(|m| m.band.iter().map(|r| grid.line(*r)).collect()),
        found: required
            .clone()
            .filter(|f| has(&f.key))
            .map(|f| f.label.clone())
            .collect(),
        missing: required
            .filter(|f| !has(&f.key))
            .map(|f| f.label.clone())
            .collect(),
        columns: m.map(|m| m.columns).unwrap_or_default(),
        candidates,
    }
}
