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

use super::header::{Field, find_columns};
use super::legacy;
use super::roster::legacy_notices;
use super::table::{Cell, Sheet};
use crate::error::{Error, Result};
use crate::model::Problems;
use crate::model::{Level, ParentRef, PlannedUnit, Unit, name_key};
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
            ix.by_key.entry(name_key(&u.name)).or_default().push(i);
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

    /// Units whose name matches (level word ignored), current ones first; merged units only
    /// when no current one matches.
    pub fn by_name(&self, name: &str) -> Vec<&Unit> {
        let found: Vec<&Unit> = self
            .by_key
            .get(&name_key(name))
            .map(|v| v.iter().map(|i| &self.units[*i]).collect())
            .unwrap_or_default();
        let current: Vec<&Unit> = found.iter().copied().filter(|u| u.is_current()).collect();
        if current.is_empty() { found } else { current }
    }

    /// Whether `ancestor_name` names a unit above `u`.
    fn has_ancestor_named(&self, u: &Unit, ancestor_name: &str) -> bool {
        let key = name_key(ancestor_name);
        let mut next = u.parent_id;
        let mut steps = 0;
        while let (Some(p), true) = (next.and_then(|id| self.get(id)), steps < 8) {
            if name_key(&p.name) == key {
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

/// The fields of a units sheet.
pub const FIELDS: &[Field] = &[
    Field {
        label: col::CODE,
        aliases: &["Mã đơn vị", "Mã số"],
        required: false,
    },
    Field {
        label: col::NAME,
        aliases: &["Đơn vị", "Tên"],
        required: true,
    },
    Field {
        label: col::LEVEL,
        aliases: &["Cấp hành chính", "Loại"],
        required: true,
    },
    Field {
        label: col::PARENT,
        aliases: &["Cấp trên", "Trực thuộc", "Mã đơn vị cấp trên"],
        required: true,
    },
];

/// Checks a units sheet against the registry's units (`index`) and plans its rows: what to add,
/// rename or move, parents before children. `Ok` carries the report and the rows for
/// `store::units::write_plan`; any problem refuses the file, writing nothing.
pub fn plan(
    mut sheet: Sheet,
    file: &str,
    index: &UnitIndex,
) -> Result<(Problems, Vec<PlannedUnit>)> {
    let mut report = Problems::new(file);
    let converted = legacy::convert_sheet(&mut sheet);
    let Some(cols) = find_columns(&sheet, FIELDS, &[col::STT], &mut report) else {
        return Err(Error::Refused(Arc::new(report)));
    };
    legacy_notices(&sheet, &cols, &converted, &mut report);
    let text = |r: usize, label: &str| {
        cols.get(label)
            .map(|c| nfc(&sheet.cell(r, c).text()))
            .unwrap_or_default()
    };

    // 1. Each row on its own.
    let mut rows: Vec<PlannedUnit> = Vec::new();
    for r in cols.header + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(Cell::is_empty) {
            continue;
        }
        report.rows_read += 1;
        let line = sheet.row_number(r);
        let name = text(r, col::NAME);
        let level_text = text(r, col::LEVEL);
        let code = Some(text(r, col::CODE)).filter(|c| !c.is_empty());
        let mut ok = true;
        if name_key(&name).is_empty() {
            report.problem(Some(line), Some(col::NAME), None, "tên đơn vị để trống");
            ok = false;
        }
        let word = Level::parse_word(&level_text).or_else(|| {
            // `Cấp` left empty: the word that leads the name (`Xã Hòa Bắc`) says it.
            let first: Vec<&str> = name.split_whitespace().take(3).collect();
            (1..=first.len())
                .rev()
                .find_map(|n| Level::parse_word(&first[..n].join(" ")))
                .filter(|_| level_text.is_empty())
        });
        let Some((level, kind)) = word else {
            report.problem(
                Some(line),
                Some(col::LEVEL),
                Some(&level_text),
                "cấp không rõ; dùng tỉnh, huyện, xã, thôn hoặc phường, thị trấn, tổ dân phố …",
            );
            continue;
        };
        if !ok {
            continue;
        }
        rows.push(PlannedUnit {
            line,
            code,
            name: nfc(crate::model::strip_level_word(&name)),
            kind,
            level,
            parent_text: text(r, col::PARENT),
            parent: None,
            existing: None,
        });
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

    // 3. Parents: a code or name of a row of this file, or of the registry.
    let mut by_code: HashMap<String, usize> = HashMap::new();
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(c) = &row.code {
            by_code.entry(search_key(c)).or_insert(i);
        }
        by_key.entry(name_key(&row.name)).or_default().push(i);
    }
    for i in 0..rows.len() {
        let p = rows[i].parent_text.clone();
        let parent = if p.is_empty() {
            Ok(ParentRef::Top)
        } else if let Some(j) = by_code.get(&search_key(&p)) {
            Ok(ParentRef::Row(*j))
        } else if let Some(u) = index.by_code(&p) {
            Ok(ParentRef::Existing(u.id))
        } else {
            let in_file: Vec<usize> = by_key
                .get(&name_key(&p))
                .map(|v| v.iter().copied().filter(|j| *j != i).collect())
                .unwrap_or_default();
            let in_db = index.by_name(&p);
            match (in_file.as_slice(), in_db.as_slice()) {
                ([j], []) => Ok(ParentRef::Row(*j)),
                ([], [u]) => Ok(ParentRef::Existing(u.id)),
                // The same unit in both (a file re-imported): the registry's copy.
                ([j], [u]) if rows[*j].code.as_deref().is_none_or(|c| c == u.code) => {
                    Ok(ParentRef::Existing(u.id))
                }
                ([], []) => {
                    Err("không có đơn vị cấp trên này trong tệp hay trong danh sách đơn vị")
                }
                _ => Err("tên đơn vị cấp trên khớp với nhiều đơn vị; hãy ghi mã đơn vị cấp trên"),
            }
        };
        match parent {
            Ok(pr) => rows[i].parent = Some(pr),
            Err(reason) => report.problem(Some(rows[i].line), Some(col::PARENT), Some(&p), reason),
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
