//! Administrative units: level, unit-type word, parent, merge lineage.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::vietnamese::{capitalize, nfc, search_key, upper};

/// The four tiers of the unit tree. Since 01/7/2025 new data has no district tier; older data
/// keeps it. Levels are data on each unit, never assumed from depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Tỉnh / thành phố trực thuộc trung ương.
    Province,
    /// Huyện / quận / thị xã / thành phố thuộc tỉnh (until 30/6/2025).
    District,
    /// Xã / phường / thị trấn / đặc khu.
    Commune,
    /// Thôn / bản / tổ dân phố / khu phố / ấp.
    Village,
}

impl Level {
    /// All levels, top first.
    pub const ALL: [Level; 4] = [
        Level::Province,
        Level::District,
        Level::Commune,
        Level::Village,
    ];

    /// The code in JSON and the database.
    pub fn code(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
            Level::Village => "village",
        }
    }

    /// Reads a code.
    pub fn from_code(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == s)
    }

    /// The generic Vietnamese name of the tier (`cấp xã`).
    pub fn label(self) -> &'static str {
        match self {
            Level::Province => "tỉnh",
            Level::District => "huyện",
            Level::Commune => "xã",
            Level::Village => "thôn",
        }
    }

    /// The tier below, if any.
    pub fn below(self) -> Option<Level> {
        match self {
            Level::Province => Some(Level::District),
            Level::District => Some(Level::Commune),
            Level::Commune => Some(Level::Village),
            Level::Village => None,
        }
    }

    /// Reads a level word (`tỉnh`, `huyện`, `xã`, `thôn`, or a unit-type word such as `phường`,
    /// `tổ dân phố`). Returns the level and the unit-type word in its usual spelling. An ambiguous
    /// word (`thành phố`) yields `None` as level; the caller takes the level below the parent's.
    pub fn parse_word(s: &str) -> Option<(Option<Level>, &'static str)> {
        let key = search_key(s);
        level_words()
            .iter()
            .find(|(_, word)| search_key(word) == key)
            .map(|(level, word)| (*level, *word))
            .or(match key.as_str() {
                "province" => Some((Some(Level::Province), "tỉnh")),
                "district" => Some((Some(Level::District), "huyện")),
                "commune" => Some((Some(Level::Commune), "xã")),
                "village" => Some((Some(Level::Village), "thôn")),
                _ => None,
            })
    }
}

/// Every unit-type word with its level (`None` where the word names units of two levels).
/// Longer words come first so that prefix stripping takes `thị trấn` before `thị`.
pub fn level_words() -> &'static [(Option<Level>, &'static str)] {
    &[
        (None, "thành phố"),
        (Some(Level::Village), "tổ dân phố"),
        (Some(Level::Village), "khu dân cư"),
        (Some(Level::Village), "khu phố"),
        (Some(Level::District), "thị xã"),
        (Some(Level::Commune), "thị trấn"),
        (Some(Level::Commune), "đặc khu"),
        (Some(Level::Province), "tỉnh"),
        (Some(Level::District), "huyện"),
        (Some(Level::District), "quận"),
        (Some(Level::Commune), "phường"),
        (Some(Level::Commune), "xã"),
        (Some(Level::Village), "thôn"),
        (Some(Level::Village), "bản"),
        (Some(Level::Village), "ấp"),
        (Some(Level::Village), "buôn"),
        (Some(Level::Village), "làng"),
        (Some(Level::Village), "xóm"),
        (Some(Level::Village), "khóm"),
        (Some(Level::Village), "khối"),
    ]
}

/// The default unit-type word for a level.
pub fn kind_for_level(level: Level) -> &'static str {
    level.label()
}

/// Removes a leading unit-type word from a name for matching: `Xã Hòa Bắc` → `Hòa Bắc`,
/// `Thôn 1` → `1`. The name is returned unchanged when no word leads it.
pub fn strip_level_word(name: &str) -> &str {
    // Accents must be right (`Lạng Sơn` is not led by `làng`), except in a name typed without
    // any accent (`thi tran Tay Dang`).
    let t = name.trim_start();
    let lower = t.to_lowercase();
    let plain = t.is_ascii();
    for (_, word) in level_words() {
        let w = if plain {
            search_key(word)
        } else {
            word.to_lowercase()
        };
        if let Some(rest) = lower.strip_prefix(&w)
            && rest.starts_with(' ')
            && lower.len() == t.len()
        {
            return t[t.len() - rest.len()..].trim();
        }
    }
    name.trim()
}

/// The key unit names are matched by: accent- and case-insensitive, the level word dropped
/// (`Xã Hòa Bắc`, `hoa bac` and `HÒA BẮC` all give `hoa bac`).
pub fn name_key(name: &str) -> String {
    search_key(strip_level_word(&nfc(name)))
}

/// An administrative unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Database id.
    pub id: i64,
    /// Stable code (the official code where known, else generated), unique.
    pub code: String,
    /// Proper name without the unit-type word: `Hòa Bắc`, `An Phú`, `12`.
    pub name: String,
    /// Unit-type word: `xã`, `phường`, `thôn`, `tổ dân phố`, `thành phố` ….
    pub kind: String,
    /// Tier.
    pub level: Level,
    /// Parent unit, `None` for the top.
    pub parent_id: Option<i64>,
    /// When merged: the surviving unit.
    pub merged_into: Option<i64>,
    /// When merged: the date it took effect.
    pub merged_on: Option<NaiveDate>,
}

impl Unit {
    /// The name as written in running text: `xã Hòa Bắc`, `thôn An Phú`, but `Phường 12`, `Thôn 1`
    /// (a name that is a number keeps its capital, Nghị định 30 App. II).
    pub fn full_name(&self) -> String {
        if self.name.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            format!("{} {}", capitalize(&self.kind), self.name)
        } else {
            format!("{} {}", self.kind, self.name)
        }
    }

    /// The name at the start of a line or in a table: `Xã Hòa Bắc`.
    pub fn title_name(&self) -> String {
        capitalize(&self.full_name())
    }

    /// Upper-case name for headers: `XÃ HÒA BẮC`.
    pub fn upper_name(&self) -> String {
        upper(&self.full_name())
    }

    /// Whether the unit still exists (was not merged away).
    pub fn is_current(&self) -> bool {
        self.merged_into.is_none()
    }

    /// The commune (or ward) this unit belongs to: itself for a commune, its `parent` for a
    /// village of one.
    pub fn commune<'a>(&'a self, parent: Option<&'a Unit>) -> Option<&'a Unit> {
        match self.level {
            Level::Commune => Some(self),
            Level::Village => parent.filter(|p| p.level == Level::Commune),
            _ => None,
        }
    }
}

/// The commune that issues the documents about a unit of `commune` itself, when that is not
/// the office's own unit (`own_code`): its People's Committee, signed by its chairman, not
/// the office or its deputies.
pub fn issuing_commune<'a>(commune: Option<&'a Unit>, own_code: Option<&str>) -> Option<&'a Unit> {
    commune.filter(|c| own_code != Some(c.code.as_str()))
}

/// A unit to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUnit {
    /// Code; generated from the parent's when `None`.
    pub code: Option<String>,
    /// Proper name (the unit-type word is stripped if it leads).
    pub name: String,
    /// Unit-type word.
    pub kind: String,
    /// Tier.
    pub level: Level,
    /// Parent.
    pub parent_id: Option<i64>,
}

impl NewUnit {
    /// A unit whose code is generated from its parent's.
    pub fn new(name: &str, kind: &str, level: Level, parent_id: Option<i64>) -> NewUnit {
        NewUnit {
            code: None,
            name: name.into(),
            kind: kind.into(),
            level,
            parent_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, kind: &str) -> Unit {
        Unit {
            id: 1,
            code: "X".into(),
            name: name.into(),
            kind: kind.into(),
            level: Level::Village,
            parent_id: None,
            merged_into: None,
            merged_on: None,
        }
    }

    #[test]
    fn names_read_naturally() {
        assert_eq!(unit("Hòa Bắc", "xã").full_name(), "xã Hòa Bắc");
        assert_eq!(unit("12", "phường").full_name(), "Phường 12");
        assert_eq!(unit("An Phú", "thôn").title_name(), "Thôn An Phú");
        assert_eq!(unit("Hòa Bắc", "xã").upper_name(), "XÃ HÒA BẮC");
    }

    #[test]
    fn level_words_strip_and_parse() {
        assert_eq!(strip_level_word("Xã Hòa Bắc"), "Hòa Bắc");
        assert_eq!(strip_level_word("thi tran Tay Dang"), "Tay Dang");
        assert_eq!(strip_level_word("Lạng Sơn"), "Lạng Sơn");
        assert_eq!(name_key("Tỉnh Lạng Sơn"), "lang son");
        assert_eq!(strip_level_word("Tổ dân phố 5"), "5");
        assert_eq!(strip_level_word("Hòa Bắc"), "Hòa Bắc");
        assert_eq!(strip_level_word("Thôn 1"), "1");
        assert_eq!(
            Level::parse_word("Phường"),
            Some((Some(Level::Commune), "phường"))
        );
        assert_eq!(Level::parse_word("thanh pho"), Some((None, "thành phố")));
        assert_eq!(
            Level::parse_word("huyện"),
            Some((Some(Level::District), "huyện"))
        );
        assert_eq!(Level::parse_word("lâu đài"), None);
    }
}
