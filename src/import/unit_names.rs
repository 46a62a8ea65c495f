//! Unit names as officials write them: the level words that lead a name (of 2025 — «đặc khu»,
//! «thành phố trực thuộc trung ương» — and before: «thị trấn», «thị xã», «quận», «huyện» …,
//! with the abbreviations clerks type: «TP.», «TX.», «TDP»), and a resolver that finds the unit a
//! written name means in a list of units (code, name, level, parent).
//!
//! The resolver's rule, in order: a code wins; then the name written in full with its level word
//! («Tỉnh Lào Cai» is the province, not «Phường Lào Cai»); then the name without it; among
//! several candidates, those at a level above the child's, then those on the child's path (a
//! unit the context names, its ancestors or descendants). Only a true tie is refused, with the
//! candidates' codes listed. Pure: no database, no files.

use rustc_hash::FxHashMap;

use crate::model::{Level, Unit};
use crate::vietnamese::search_key;

/// A level word as written before a unit's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelWord {
    /// The unit-type word in its usual spelling (`thành phố`, `tổ dân phố`).
    pub kind: &'static str,
    /// The tier it names; `None` where the word names units of two tiers (`thành phố`).
    pub level: Option<Level>,
}

/// Written forms (lower case, NFC) of each level word, longest first so that `thị trấn` is
/// taken before `thị`, and `thành phố trực thuộc trung ương` before `thành phố`.
const WORDS: &[(&str, &str, Option<Level>)] = &[
    (
        "thành phố trực thuộc trung ương",
        "thành phố",
        Some(Level::Province),
    ),
    (
        "thành phố thuộc thành phố trực thuộc trung ương",
        "thành phố",
        Some(Level::District),
    ),
    ("thành phố thuộc tỉnh", "thành phố", Some(Level::District)),
    ("tỉnh/thành phố", "tỉnh", Some(Level::Province)),
    ("tổ dân phố", "tổ dân phố", Some(Level::Village)),
    ("khu dân cư", "khu dân cư", Some(Level::Village)),
    ("thành phố", "thành phố", None),
    ("thị trấn", "thị trấn", Some(Level::Commune)),
    ("thị xã", "thị xã", Some(Level::District)),
    ("đặc khu", "đặc khu", Some(Level::Commune)),
    ("khu phố", "khu phố", Some(Level::Village)),
    ("tỉnh", "tỉnh", Some(Level::Province)),
    ("huyện", "huyện", Some(Level::District)),
    ("quận", "quận", Some(Level::District)),
    ("phường", "phường", Some(Level::Commune)),
    ("xã", "xã", Some(Level::Commune)),
    ("thôn", "thôn", Some(Level::Village)),
    ("bản", "bản", Some(Level::Village)),
    ("ấp", "ấp", Some(Level::Village)),
    ("buôn", "buôn", Some(Level::Village)),
    ("làng", "làng", Some(Level::Village)),
    ("xóm", "xóm", Some(Level::Village)),
    ("khóm", "khóm", Some(Level::Village)),
    ("khối", "khối", Some(Level::Village)),
    ("sóc", "sóc", Some(Level::Village)),
    ("plei", "plei", Some(Level::Village)),
    ("khu", "khu", Some(Level::Village)),
    ("tổ", "tổ", Some(Level::Village)),
];

/// Abbreviations, with or without accents around them (`TP. Hồ Chí Minh`, `TP HCM`); the
/// one-letter ones only with their dot (`P. Bến Nghé`).
const ABBREVIATIONS: &[(&str, &str, Option<Level>)] = &[
    ("t.phố", "thành phố", None),
    ("tp.", "thành phố", None),
    ("t.p", "thành phố", None),
    ("tp", "thành phố", None),
    ("tx.", "thị xã", Some(Level::District)),
    ("tx", "thị xã", Some(Level::District)),
    ("tt.", "thị trấn", Some(Level::Commune)),
    ("tdp", "tổ dân phố", Some(Level::Village)),
    ("kdc", "khu dân cư", Some(Level::Village)),
    ("kp.", "khu phố", Some(Level::Village)),
    ("q.", "quận", Some(Level::District)),
    ("h.", "huyện", Some(Level::District)),
    ("p.", "phường", Some(Level::Commune)),
    ("x.", "xã", Some(Level::Commune)),
];

/// The tables a text is read with: accented words, or unaccented ones for a text typed
/// without any accent, then the abbreviations.
fn tables(ascii: bool) -> [&'static [(&'static str, &'static str, Option<Level>)]; 2] {
    [if ascii { UNACCENTED } else { WORDS }, ABBREVIATIONS]
}

/// Words recognised in a text typed without any accent (`Xa Hoa Bac`). Only words that no
/// unaccented place name begins with: `lang` could be «Lạng Sơn», `quan` «Quan Hóa».
const UNACCENTED: &[(&str, &str, Option<Level>)] = &[
    (
        "thanh pho truc thuoc trung uong",
        "thành phố",
        Some(Level::Province),
    ),
    ("to dan pho", "tổ dân phố", Some(Level::Village)),
    ("khu dan cu", "khu dân cư", Some(Level::Village)),
    ("thanh pho", "thành phố", None),
    ("thi tran", "thị trấn", Some(Level::Commune)),
    ("thi xa", "thị xã", Some(Level::District)),
    ("dac khu", "đặc khu", Some(Level::Commune)),
    ("khu pho", "khu phố", Some(Level::Village)),
    ("tinh", "tỉnh", Some(Level::Province)),
    ("huyen", "huyện", Some(Level::District)),
    ("phuong", "phường", Some(Level::Commune)),
    ("xa", "xã", Some(Level::Commune)),
    ("thon", "thôn", Some(Level::Village)),
];

/// The level word leading `text` and the rest of it: `Tỉnh Quảng Ninh` → (`tỉnh`, `Quảng
/// Ninh`); `TP. Hồ Chí Minh` → (`thành phố`, `Hồ Chí Minh`). Accents must be right
/// (`Lạng Sơn` is not led by `làng`), except in a text typed without any accent. A word alone,
/// with nothing after it, is not a name (`Thôn`, `Xã`).
pub fn split_level_word(text: &str) -> Option<(LevelWord, &str)> {
    let t = text.trim_start();
    let lower = t.to_lowercase();
    for (written, kind, level) in tables(t.is_ascii()).into_iter().flatten() {
        let Some(rest) = lower.strip_prefix(written) else {
            continue;
        };
        // The word must end there: `Tân` is not `tân`+…, `Xã` is not the start of `Xãi`.
        let ends_with_dot = written.ends_with('.');
        let boundary = rest
            .chars()
            .next()
            .is_some_and(|c| c.is_whitespace() || (ends_with_dot && c.is_alphanumeric()));
        if !boundary {
            continue;
        }
        // `to_lowercase` keeps the byte length of Vietnamese letters, so the offset holds.
        let name = t[t.len() - rest.len()..].trim();
        if name.is_empty() {
            return None;
        }
        return Some((
            LevelWord {
                kind,
                level: *level,
            },
            name,
        ));
    }
    None
}

/// A level word standing alone, as in a `Cấp` column: `Tỉnh`, `Thành phố trực thuộc trung
/// ương`, `Đặc khu`, `TDP`.
pub fn parse_level_word(text: &str) -> Option<LevelWord> {
    let lower = text.trim().trim_end_matches('.').to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    tables(lower.is_ascii())
        .into_iter()
        .flatten()
        .find(|(w, _, _)| w.trim_end_matches('.') == lower)
        .map(|(_, kind, level)| LevelWord {
            kind,
            level: *level,
        })
}

/// The key two spellings of one unit's name share: level word dropped, accents and case
/// ignored (`Hoà` = `Hòa`), dashes read as spaces, numbers without leading zeros
/// (`Thôn 01` = `1`).
pub fn name_key(name: &str) -> String {
    let bare = split_level_word(name).map_or(name, |(_, rest)| rest);
    let key = search_key(bare);
    let mut out = String::with_capacity(key.len());
    for word in key
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ',' | '.'))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        let trimmed = word.trim_start_matches('0');
        if word.bytes().all(|b| b.is_ascii_digit()) && !trimmed.is_empty() {
            out.push_str(trimmed);
        } else {
            out.push_str(word);
        }
    }
    out
}

/// One unit the resolver may answer with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitEntry {
    /// The registry's id, when the unit is stored.
    pub id: Option<i64>,
    /// The unit's code, when known (official codes: `01`, `00070`).
    pub code: Option<String>,
    /// The name as written, with or without its level word.
    pub name: String,
    /// The unit-type word (`phường`, `thành phố`), when known.
    pub kind: Option<String>,
    /// The tier, when known.
    pub level: Option<Level>,
    /// The parent's index in the resolver's list, when known.
    pub parent: Option<usize>,
}

impl UnitEntry {
    /// A unit from a list row: name, and the `Cấp` text (a level word), or the word leading
    /// the name when `Cấp` is empty.
    pub fn from_row(code: Option<&str>, name: &str, level_text: &str) -> UnitEntry {
        let word = parse_level_word(level_text).or_else(|| split_level_word(name).map(|(w, _)| w));
        UnitEntry {
            id: None,
            code: code
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            name: name.trim().to_string(),
            kind: word.map(|w| w.kind.to_string()),
            level: word.and_then(|w| w.level),
            parent: None,
        }
    }
}

/// What the resolver is asked for besides the written name.
#[derive(Debug, Clone, Copy, Default)]
pub struct Want<'a> {
    /// The level of the unit whose parent is being resolved: candidates must be above it.
    pub above: Option<Level>,
    /// Units the context names (the child's known ancestors, a section row, the office's
    /// unit): candidates on their path win.
    pub hints: &'a [usize],
    /// A unit that cannot be the answer (the child itself).
    pub exclude: Option<usize>,
}

/// Why a written name was not resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// Nothing written.
    Empty,
    /// A code that no unit has.
    UnknownCode(String),
    /// No unit of that name (at a fitting level).
    NotFound(String),
    /// Several units fit equally well: their indices.
    Tie(String, Vec<usize>),
}

impl Unresolved {
    /// The reason in Vietnamese, with the candidates' codes and parents for a tie.
    pub fn reason(&self, names: &UnitNames) -> String {
        match self {
            Unresolved::Empty => "tên đơn vị để trống".into(),
            Unresolved::UnknownCode(c) => format!("không có đơn vị nào mang mã «{c}»"),
            Unresolved::NotFound(n) => {
                format!("không có đơn vị «{n}» trong tệp hay trong danh sách đơn vị")
            }
            Unresolved::Tie(n, many) => {
                let list: Vec<String> = many.iter().map(|i| names.describe(*i)).collect();
                format!(
                    "«{n}» khớp với {} đơn vị ngang nhau ({}); hãy ghi mã đơn vị, hoặc ghi kèm \
                     đơn vị cấp trên của nó (ví dụ «{n}, Tỉnh …»)",
                    many.len(),
                    list.join("; ")
                )
            }
        }
    }
}

/// The resolver: a list of units indexed by code and by name key.
#[derive(Debug, Clone, Default)]
pub struct UnitNames {
    entries: Vec<UnitEntry>,
    by_code: FxHashMap<String, usize>,
    by_key: FxHashMap<String, Vec<usize>>,
}

impl UnitNames {
    /// Indexes `entries` (their `parent` fields are indices into the same list).
    pub fn new(entries: Vec<UnitEntry>) -> UnitNames {
        let mut names = UnitNames::default();
        for e in entries {
            names.push(e);
        }
        names
    }

    /// The registry's units, parents linked by id; merged units are left out.
    pub fn from_units(units: &[Unit]) -> UnitNames {
        let current: Vec<&Unit> = units.iter().filter(|u| u.is_current()).collect();
        let index: FxHashMap<i64, usize> =
            current.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
        UnitNames::new(
            current
                .iter()
                .map(|u| UnitEntry {
                    id: Some(u.id),
                    code: Some(u.code.clone()),
                    name: u.name.clone(),
                    kind: Some(u.kind.clone()),
                    level: Some(u.level),
                    parent: u.parent_id.and_then(|p| index.get(&p).copied()),
                })
                .collect(),
        )
    }

    /// Adds a unit; returns its index.
    pub fn push(&mut self, entry: UnitEntry) -> usize {
        let i = self.entries.len();
        if let Some(c) = &entry.code {
            self.by_code.entry(code_key(c)).or_insert(i);
        }
        self.by_key
            .entry(name_key(&entry.name))
            .or_default()
            .push(i);
        self.entries.push(entry);
        i
    }

    /// Records a unit's parent once it is resolved.
    pub fn set_parent(&mut self, i: usize, parent: Option<usize>) {
        self.entries[i].parent = parent;
    }

    /// The unit at `i`.
    pub fn entry(&self, i: usize) -> &UnitEntry {
        &self.entries[i]
    }

    /// How many units there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The unit with this code.
    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(&code_key(code)).copied()
    }

    /// The unit's name with its level word: `Phường Lào Cai`.
    pub fn full_name(&self, i: usize) -> String {
        let e = &self.entries[i];
        match (&e.kind, split_level_word(&e.name)) {
            (_, Some(_)) | (None, None) => e.name.clone(),
            (Some(kind), None) => {
                let mut k = kind.chars();
                let first: String = k
                    .next()
                    .map(|c| c.to_uppercase().collect())
                    .unwrap_or_default();
                format!("{first}{} {}", k.as_str(), e.name)
            }
        }
    }

    /// `02647 – Phường Lào Cai thuộc Tỉnh Lào Cai`, for lists of candidates.
    pub fn describe(&self, i: usize) -> String {
        let e = &self.entries[i];
        let code = e.code.as_deref().unwrap_or("chưa có mã");
        let parent = e
            .parent
            .map(|p| format!(" thuộc {}", self.full_name(p)))
            .unwrap_or_default();
        format!("{code} – {}{parent}", self.full_name(i))
    }

    /// The ancestors of `i`, nearest first (a cycle in unsettled data stops the walk).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut next = self.entries[i].parent;
        let mut steps = 0;
        std::iter::from_fn(move || {
            let p = next?;
            steps += 1;
            if steps > 8 {
                return None;
            }
            next = self.entries[p].parent;
            Some(p)
        })
    }

    /// Whether `a` and `b` lie on one path of the tree (equal, or one above the other).
    pub fn on_path(&self, a: usize, b: usize) -> bool {
        a == b || self.ancestors(a).any(|x| x == b) || self.ancestors(b).any(|x| x == a)
    }

    /// The unit a written name means (see the module's rule). The text may carry its own
    /// parents after commas (`Xã Quảng Ninh, Tỉnh Quảng Trị`): they are resolved first and
    /// narrow the candidates like hints.
    pub fn resolve(&self, written: &str, want: &Want<'_>) -> Result<usize, Unresolved> {
        let written = written.trim();
        if written.is_empty() {
            return Err(Unresolved::Empty);
        }
        if let Some(i) = self.by_code(written) {
            return Ok(i);
        }
        let mut parts: Vec<&str> = written
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let own = parts.remove(0);
        let mut hints: Vec<usize> = want.hints.to_vec();
        if !parts.is_empty() {
            // The written parents, top first, each narrowing the next. Each is above the part
            // written before it: `Xã Quảng Ninh, Quảng Trị` names a province, not the ward
            // «Phường Quảng Trị» (a commune is never under a ward).
            let level_of = |t: &str| split_level_word(t).and_then(|(w, _)| w.level);
            let mut above: Vec<usize> = Vec::new();
            for (k, p) in parts.iter().enumerate().rev() {
                let below = if k == 0 { own } else { parts[k - 1] };
                let part_want = Want {
                    above: level_of(below),
                    hints: &above,
                    exclude: want.exclude,
                };
                let found = match self.resolve_one(p, &part_want) {
                    // The top of the chain has nothing above it to tell a province from a
                    // place inside it of the same name: the one above all the others is meant
                    // (the chain names its units from the top down to the one written first).
                    Err(Unresolved::Tie(name, pool)) if above.is_empty() => {
                        self.topmost(&pool).ok_or(Unresolved::Tie(name, pool))?
                    }
                    other => other?,
                };
                above.push(found);
            }
            hints = above;
        }
        self.resolve_one(
            own,
            &Want {
                above: want.above,
                hints: &hints,
                exclude: want.exclude,
            },
        )
    }

    /// A code when one is given (codes win), else the name.
    pub fn resolve_with_code(
        &self,
        code: &str,
        written: &str,
        want: &Want<'_>,
    ) -> Result<usize, Unresolved> {
        let code = code.trim();
        if !code.is_empty() {
            return self
                .by_code(code)
                .ok_or_else(|| Unresolved::UnknownCode(code.to_string()));
        }
        self.resolve(written, want)
    }

    fn resolve_one(&self, written: &str, want: &Want<'_>) -> Result<usize, Unresolved> {
        let key = name_key(written);
        let mut pool: Vec<usize> = self
            .by_key
            .get(&key)
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|i| Some(*i) != want.exclude)
                    .collect()
            })
            .unwrap_or_default();
        let not_found = || Unresolved::NotFound(written.to_string());
        if pool.is_empty() {
            return Err(not_found());
        }
        // 1. The name written in full: its level word names the kind (or the tier).
        if let Some((word, _)) = split_level_word(written) {
            narrow(&mut pool, |i| self.has_word(i, word));
        }
        // 2. A parent is above its child: a ward never parents a commune.
        if let Some(child) = want.above {
            pool.retain(|i| self.entries[*i].level.is_none_or(|l| l < child));
            if pool.is_empty() {
                return Err(not_found());
            }
        }
        // 3. The context's path.
        if !want.hints.is_empty() {
            narrow(&mut pool, |i| {
                want.hints.iter().any(|h| self.on_path(i, *h))
            });
        }
        // 4. Between a unit and its own ancestor of one name, the one nearest above the child
        // (a commune's parent is its district, where the list has districts).
        if pool.len() > 1 && want.above.is_some() {
            let nested: Vec<usize> = pool
                .iter()
                .copied()
                .filter(|i| {
                    !pool
                        .iter()
                        .any(|j| j != i && self.ancestors(*j).any(|a| a == *i))
                })
                .collect();
            if !nested.is_empty() {
                pool = nested;
            }
        }
        match pool.as_slice() {
            [one] => Ok(*one),
            _ => Err(Unresolved::Tie(written.to_string(), pool)),
        }
    }

    /// The candidate that is an ancestor of every other one, if there is one.
    fn topmost(&self, pool: &[usize]) -> Option<usize> {
        pool.iter().copied().find(|&top| {
            pool.iter()
                .all(|&i| i == top || self.ancestors(i).any(|a| a == top))
        })
    }

    /// Whether unit `i` is of the kind (or tier) a level word names.
    fn has_word(&self, i: usize, word: LevelWord) -> bool {
        let e = &self.entries[i];
        if let Some((w, _)) = split_level_word(&e.name) {
            return w.kind == word.kind && (word.level.is_none() || w.level == word.level);
        }
        match (&e.kind, word.level, e.level) {
            (Some(kind), lw, l) => {
                search_key(kind) == search_key(word.kind)
                    && (lw.is_none() || l.is_none() || lw == l)
            }
            (None, Some(lw), Some(l)) => lw == l,
            _ => false,
        }
    }
}

/// Keeps the units that pass `keep`, unless none does.
fn narrow(pool: &mut Vec<usize>, keep: impl Fn(usize) -> bool) {
    if pool.iter().any(|i| keep(*i)) {
        pool.retain(|i| keep(*i));
    }
}

/// Codes match without case or surrounding space.
fn code_key(code: &str) -> String {
    code.trim().to_lowercase()
}

#[cfg(test)]
mod tests;
