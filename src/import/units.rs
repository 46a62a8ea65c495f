//! `import units`: administrative units from a sheet (`Tên đơn vị`, `Cấp`, `Đơn vị cấp trên`,
//! optional `Mã`), and the in-memory unit index every importer resolves names and codes with.
//!
//! A parent may be a unit already in the registry or a row of the same file, above or below.
//! Rows are checked and planned here; a file with any problem is refused; the store writes the
//! rest in one transaction, parents before children. Re-importing the same file changes
//! nothing.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::reading::Tally;
use super::sheet_layout::{Layout, RowKind, key};
use super::table::Cell;
use super::unit_names::{
    self, UnitEntry, UnitNames, Unresolved, Want, parse_level_word, split_level_word,
};
use crate::error::{Error, Result};
use crate::model::Problems;
use crate::model::{Level, ParentRef, PlannedUnit, Unit, name_key};
use crate::vietnamese::clean::{FieldKind, clean_text, excerpt};
use crate::vietnamese::{nfc, search_key};

/// Every unit, indexed by code and by name key, with parents, for resolving the unit of each
/// imported row without a query per row.
#[derive(Debug, Default)]
pub struct UnitIndex {
    units: Vec<Unit>,
    by_id: FxHashMap<i64, usize>,
    by_code: FxHashMap<String, usize>,
    by_key: FxHashMap<String, Vec<usize>>,
}

impl UnitIndex {
    /// Builds the index over `units`.
    pub fn new(units: Vec<Unit>) -> UnitIndex {
        let n = units.len();
        let mut ix = UnitIndex {
            units: Vec::new(),
            by_id: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            by_code: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            by_key: FxHashMap::with_capacity_and_hasher(n, Default::default()),
        };
        for (i, u) in units.iter().enumerate() {
            ix.by_id.insert(u.id, i);
            ix.by_code.insert(search_key(&u.code), i);
            ix.by_key
                .entry(unit_names::name_key(&u.name))
                .or_default()
                .push(i);
        }
        ix.units = units;
        ix
    }

    /// A unit by id.
    pub fn get(&self, id: i64) -> Option<&Unit> {
        self.by_id.get(&id).map(|i| &self.units[*i])
    }

    /// A unit by code.
    pub fn by_code(&self, code: &str) -> Option<&Unit> {
        self.by_code.get(&search_key(code)).map(|i| &self.units[*i])
    }

    /// Units whose name matches (level word or its abbreviation ignored: `TDP Số 5`, `Thôn
    /// 01`), current ones first; merged units only
    /// when no current one matches.
    pub fn by_name(&self, name: &str) -> Vec<&Unit> {
        let found: Vec<&Unit> = self
            .by_key
            .get(&unit_names::name_key(name))
            .map(|v| v.iter().map(|i| &self.units[*i]).collect())
            .unwrap_or_default();
        let current: Vec<&Unit> = found.iter().copied().filter(|u| u.is_current()).collect();
        if current.is_empty() { found } else { current }
    }

    /// Whether `ancestor_name` names a unit above `u`.
    fn has_ancestor_named(&self, u: &Unit, ancestor_name: &str) -> bool {
        let key = unit_names::name_key(ancestor_name);
        let mut next = u.parent_id;
        let mut steps = 0;
        while let (Some(p), true) = (next.and_then(|id| self.get(id)), steps < 8) {
            if unit_names::name_key(&p.name) == key {
                return true;
            }
            next = p.parent_id;
            steps += 1;
        }
        false
    }

    /// The unit a roster row means: by code when one is given, else by name, narrowed by the
    /// level word typed and by the commune (`Xã/phường`). The error is a Vietnamese reason.
    pub fn resolve(
        &self,
        code: &str,
        name: &str,
        commune: &str,
    ) -> std::result::Result<&Unit, String> {
        if !code.is_empty() {
            return self
                .by_code(code)
                .ok_or_else(|| format!("không có đơn vị nào mang mã «{code}»"));
        }
        if name.is_empty() {
            return Err("tên đơn vị để trống".into());
        }
        let mut pool = self.by_name(name);
        if pool.len() > 1 {
            let typed = search_key(&nfc(name));
            let same_kind: Vec<&Unit> = pool
                .iter()
                .copied()
                .filter(|u| typed.starts_with(&format!("{} ", search_key(&u.kind))))
                .collect();
            if !same_kind.is_empty() {
                pool = same_kind;
            }
        }
        if pool.len() > 1 && !commune.is_empty() {
            pool.retain(|u| self.has_ancestor_named(u, commune));
        }
        match pool.as_slice() {
            [] if commune.is_empty() => Err(format!(
                "không có đơn vị «{name}» trong danh sách đơn vị (hãy nhập đơn vị trước)"
            )),
            [] => Err(format!("không có đơn vị «{name}» thuộc «{commune}»")),
            [u] => Ok(u),
            many => {
                let list: Vec<String> = many
                    .iter()
                    .take(6)
                    .map(|u| {
                        let parent = u
                            .parent_id
                            .and_then(|p| self.get(p))
                            .map(|p| format!(" thuộc {}", p.full_name()))
                            .unwrap_or_default();
                        format!("{} – {}{parent}", u.code, u.title_name())
                    })
                    .collect();
                Err(format!(
                    "tên đơn vị khớp với {} đơn vị ({}); hãy ghi thêm cột «Mã đơn vị» hoặc «Xã/phường»",
                    many.len(),
                    list.join("; ")
                ))
            }
        }
    }
}

/// Column labels, as exports write them.
pub use crate::model::columns::units as col;

/// A unit list read by the sheet reader: the rows, each its line and its fields as written.
#[derive(Debug, Clone, Default)]
pub struct ListRows {
    rows: Vec<ListRow>,
    /// What cleaning the cells found: a notice (characters removed) or, with `true`, a problem
    /// (a text over its field's limit), each with its line and column.
    cleaning: Vec<(usize, &'static str, Option<String>, String, bool)>,
}

#[derive(Debug, Clone)]
struct ListRow {
    line: usize,
    code: String,
    name: String,
    level: String,
    parent: String,
    parent_code: String,
}

/// Reads the data rows of a unit list below its header (`layout` settled), listing each row
/// left out in `tally`. A section row (`TỈNH LÀO CAI` over its wards) is the parent of the rows
/// below it that name none.
pub fn read_rows<'a>(
    layout: &mut Layout,
    rows: impl Iterator<Item = (usize, &'a [Cell])>,
    tally: &mut Tally,
) -> ListRows {
    let mut out = ListRows::default();
    let end = layout.header_end();
    for (line, cells) in rows.filter(|(l, _)| *l > end) {
        let kind = layout.classify(line, cells);
        if tally.note(line, &kind) {
            continue;
        }
        let RowKind::Data { sections } = kind else {
            continue;
        };
        // Every text as `clean_text` leaves it: control, bidi and invisible characters go
        // (with a notice), a text over its field's limit is a problem.
        let cleaning = &mut out.cleaning;
        let mut text = |k: &str, label: &'static str| -> String {
            let Some(cell) = layout.column(k).and_then(|c| cells.get(c)) else {
                return String::new();
            };
            let raw = cell.text();
            match clean_text(&raw, FieldKind::Line) {
                Ok(cleaned) => {
                    if let Some(n) = cleaned.summary() {
                        cleaning.push((line, label, None, n, false));
                    }
                    cleaned.text.trim().to_string()
                }
                Err(too_long) => {
                    let start = excerpt(&raw, 40).into_owned();
                    cleaning.push((line, label, Some(start), too_long.to_string(), true));
                    String::new()
                }
            }
        };
        let code = text(key::CODE, col::CODE);
        let name = text(key::NAME_OF_UNIT, col::NAME);
        let level = text(key::LEVEL, col::LEVEL);
        let parent_code = text(key::PARENT_CODE, "Mã đơn vị cấp trên");
        let mut parent = text(key::PARENT, col::PARENT);
        if parent.is_empty()
            && let Some(s) = sections.last()
        {
            parent = s.unit.clone();
        }
        out.rows.push(ListRow {
            line,
            code,
            name,
            level,
            parent,
            parent_code,
        });
    }
    out
}

impl ListRows {
    /// How many rows were read.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether none was.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The level and unit-type word of a row: its `Cấp`, else the word that leads its name.
fn level_of(level_text: &str, name: &str) -> Option<(Option<Level>, &'static str)> {
    if let Some(w) = parse_level_word(level_text) {
        return Some((w.level, w.kind));
    }
    if let Some((l, w)) = Level::parse_word(level_text) {
        return Some((l, w));
    }
    if !level_text.trim().is_empty() {
        return None;
    }
    split_level_word(name).map(|(w, _)| (w.level, w.kind))
}

/// Checks the rows of a unit list against the registry's units and plans them: what to add,
/// rename or move, parents before children. Parents are resolved as officials write them
/// (`unit_names`): by code, by the name in full with its level word, then without it, the
/// candidate above the child and on its path winning; only a true tie is refused. The report
/// takes every problem; any problem refuses the file, writing nothing.
pub fn plan(
    list: ListRows,
    mut report: Problems,
    registry: &[Unit],
    index: &UnitIndex,
) -> Result<(Problems, Vec<PlannedUnit>)> {
    for (line, column, value, reason, problem) in &list.cleaning {
        if *problem {
            report.problem(Some(*line), Some(column), value.as_deref(), reason.clone());
        } else {
            report.notice(format!("{reason} ở cột {column}, dòng {line}"));
        }
    }
    // 1. Each row on its own.
    let mut rows: Vec<PlannedUnit> = Vec::new();
    let mut written: Vec<(String, String)> = Vec::new();
    for r in list.rows {
        report.rows_read += 1;
        let line = r.line;
        let code = Some(r.code.clone()).filter(|c| !c.is_empty());
        let mut ok = true;
        if name_key(&r.name).is_empty() {
            report.problem(Some(line), Some(col::NAME), None, "tên đơn vị để trống");
            ok = false;
        }
        let Some((level, kind)) = level_of(&r.level, &r.name) else {
            report.problem(
                Some(line),
                Some(col::LEVEL),
                Some(&r.level),
                "cấp không rõ; dùng tỉnh, thành phố, xã, phường, đặc khu, thôn, tổ dân phố …",
            );
            continue;
        };
        if !ok {
            continue;
        }
        let bare = split_level_word(&r.name).map_or(r.name.as_str(), |(_, rest)| rest);
        let bare = if bare.trim().is_empty() {
            &r.name
        } else {
            bare
        };
        rows.push(PlannedUnit {
            line,
            code,
            name: nfc(bare.trim()),
            kind,
            level,
            parent_text: if r.parent_code.is_empty() {
                r.parent.clone()
            } else {
                r.parent_code.clone()
            },
            parent: None,
            existing: None,
        });
        written.push((r.parent, r.parent_code));
    }

    // 2. Codes repeated in the file.
    let mut codes: HashMap<String, usize> = HashMap::new();
    for row in &rows {
        if let Some(c) = &row.code {
            if let Some(first) = codes.get(&search_key(c)) {
                report.problem(
                    Some(row.line),
                    Some(col::CODE),
                    Some(c),
                    format!("mã đơn vị trùng với dòng {first}"),
                );
            } else {
                codes.insert(search_key(c), row.line);
            }
        }
    }

    // 3. Parents, as officials write them: the registry's units and the file's rows in one
    // resolver. A unit in both (a list imported again) is the registry's.
    let mut names = UnitNames::from_units(registry);
    let stored = names.len();
    let mut entry_of_row: Vec<usize> = Vec::with_capacity(rows.len());
    let mut row_of_entry: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, row) in rows.iter().enumerate() {
        let same = row
            .code
            .as_deref()
            .and_then(|c| names.by_code(c).filter(|e| *e < stored));
        let e = same.unwrap_or_else(|| {
            names.push(UnitEntry {
                id: None,
                code: row.code.clone(),
                name: row.name.clone(),
                kind: Some(row.kind.to_string()),
                level: row.level,
                parent: None,
            })
        });
        entry_of_row.push(e);
        row_of_entry.insert(e, i);
    }
    for (i, (parent, parent_code)) in written.iter().enumerate() {
        let own = entry_of_row[i];
        let p = &rows[i].parent_text;
        let parent = if p.is_empty() {
            Ok(ParentRef::Top)
        } else {
            let want = Want {
                above: rows[i].level,
                hints: &[],
                exclude: Some(own),
            };
            match names.resolve_with_code(parent_code, parent, &want) {
                Ok(e) => {
                    if own >= stored {
                        names.set_parent(own, Some(e));
                    }
                    Ok(match (row_of_entry.get(&e), names.entry(e).id) {
                        (Some(j), _) if e >= stored => ParentRef::Row(*j),
                        (_, Some(id)) => ParentRef::Existing(id),
                        (Some(j), None) => ParentRef::Row(*j),
                        (None, None) => ParentRef::Top,
                    })
                }
                Err(Unresolved::Tie(n, many)) => match prefer_stored(&names, stored, &many) {
                    Some(e) => Ok(match names.entry(e).id {
                        Some(id) => ParentRef::Existing(id),
                        None => ParentRef::Top,
                    }),
                    None => Err(Unresolved::Tie(n, many).reason(&names)),
                },
                Err(e) => Err(e.reason(&names)),
            }
        };
        match parent {
            Ok(pr) => rows[i].parent = Some(pr),
            Err(reason) => report.problem(Some(rows[i].line), Some(col::PARENT), Some(p), reason),
        }
    }

    // 4. Levels (`thành phố` takes the level below its parent's), cycles, existing units.
    for i in 0..rows.len() {
        let mut seen = vec![i];
        let mut cur = rows[i].parent;
        while let Some(ParentRef::Row(j)) = cur {
            if seen.contains(&j) {
                report.problem(
                    Some(rows[i].line),
                    Some(col::PARENT),
                    Some(&rows[i].parent_text),
                    "đơn vị cấp trên tạo thành vòng lặp",
                );
                break;
            }
            seen.push(j);
            cur = rows[j].parent;
        }
    }
    if !report.is_ok() {
        return Err(Error::Refused(Arc::new(report)));
    }
    for _ in 0..4 {
        for i in 0..rows.len() {
            if rows[i].level.is_some() {
                continue;
            }
            let parent_level = match rows[i].parent {
                Some(ParentRef::Top) | None => Some(None),
                Some(ParentRef::Existing(id)) => index.get(id).map(|u| Some(u.level)),
                Some(ParentRef::Row(j)) => rows[j].level.map(Some),
            };
            if let Some(pl) = parent_level {
                rows[i].level = Some(match pl {
                    None => Level::Province,
                    Some(l) => l.below().unwrap_or(Level::Village),
                });
            }
        }
    }
    // A row without a code is the registry's unit of the same name under the same parent;
    // parents that are rows themselves are settled first, hence the passes.
    for _ in 0..5 {
        for i in 0..rows.len() {
            if rows[i].existing.is_some() {
                continue;
            }
            let parent_id = match rows[i].parent {
                Some(ParentRef::Existing(id)) => Some(Some(id)),
                Some(ParentRef::Top) => Some(None),
                Some(ParentRef::Row(j)) => rows[j].existing.as_ref().map(|u| Some(u.id)),
                None => None,
            };
            let row = &rows[i];
            let found = match &row.code {
                Some(c) => index.by_code(c).cloned(),
                None => parent_id.and_then(|pid| {
                    index
                        .by_name(&row.name)
                        .into_iter()
                        .find(|u| u.parent_id == pid && Some(u.level) == row.level)
                        .cloned()
                }),
            };
            rows[i].existing = found;
        }
    }

    // 5. Count, then write parents before children.
    for row in &rows {
        match &row.existing {
            None => report.added += 1,
            Some(u) => {
                let parent_same = match row.parent {
                    Some(ParentRef::Existing(id)) => u.parent_id == Some(id),
                    Some(ParentRef::Top) | None => u.parent_id.is_none(),
                    Some(ParentRef::Row(j)) => rows[j]
                        .existing
                        .as_ref()
                        .map(|p| p.id)
                        .is_some_and(|p| u.parent_id == Some(p)),
                };
                if u.name == row.name && parent_same {
                    report.unchanged += 1;
                } else {
                    report.updated += 1;
                }
            }
        }
    }
    Ok((report, rows))
}

/// Among tied candidates, the registry's unit when every other is a row of the file naming the
/// same unit again (same name key, same level where both are known): a list imported a
/// second time.
fn prefer_stored(names: &UnitNames, stored: usize, many: &[usize]) -> Option<usize> {
    let (old, new): (Vec<usize>, Vec<usize>) = many.iter().partition(|e| **e < stored);
    let [o] = old.as_slice() else {
        return None;
    };
    let same = |e: usize| {
        let (a, b) = (names.entry(*o), names.entry(e));
        unit_names::name_key(&a.name) == unit_names::name_key(&b.name)
            && (a.level == b.level || a.level.is_none() || b.level.is_none())
    };
    new.iter().all(|e| same(*e)).then_some(*o)
}
