//! Input hygiene: what every text from outside (an imported cell, a form field) loses before it is
//! stored, and how long it may be. Control characters break DOCX (XML cannot hold them) and
//! terminals; bidi overrides and zero-width characters make two names look alike or one name
//! read backwards; a 400 MB cell makes every later document unaffordable. `clean_text` removes
//! the first, refuses the last, and names what it removed so an import can say so.
//!
//! Also here, because importers and exporters both need them and neither may import the other:
//! the guard that keeps a spreadsheet from reading exported text as a formula, and its reverse.

use std::borrow::Cow;
use std::fmt;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::{format_number, is_latin_starter, nfc_cow};

/// What a text is for: decides the length limit, whether line breaks stay and which invisible
/// characters go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// A person's full name: one line, at most 200 characters.
    PersonName,
    /// A position or office held: one line, at most 300 characters.
    Position,
    /// Any other one-line text (a unit or team name, a phone, an address): at most 300.
    Line,
    /// Free text (notes, a document's content): line breaks kept, at most 2.000 characters.
    FreeText,
    /// A spreadsheet cell of no known field: line breaks kept, at most 32.767 characters,
    /// Excel's limit.
    Cell,
}

impl FieldKind {
    /// The most characters (Unicode scalar values, after cleaning) the field holds.
    pub fn limit(self) -> usize {
        match self {
            FieldKind::PersonName => 200,
            FieldKind::Position | FieldKind::Line => 300,
            FieldKind::FreeText => 2_000,
            FieldKind::Cell => 32_767,
        }
    }

    /// Whether line breaks are kept (else each becomes a space).
    pub fn multiline(self) -> bool {
        matches!(self, FieldKind::FreeText | FieldKind::Cell)
    }

    /// The field in a sentence: «họ và tên».
    pub fn label(self) -> &'static str {
        match self {
            FieldKind::PersonName => "họ và tên",
            FieldKind::Position => "chức vụ",
            FieldKind::Line => "một dòng chữ",
            FieldKind::FreeText => "nội dung",
            FieldKind::Cell => "một ô bảng tính",
        }
    }
}

/// What was taken out of a text (or, for line breaks in a one-line field, replaced by a space).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RemovalKind {
    /// NUL, other C0 controls, DEL and C1 controls (U+0080–U+009F).
    Control,
    /// Bidi overrides, embeddings, isolates and marks (U+202A–U+202E, U+2066–U+2069,
    /// U+200E, U+200F, U+061C): they make text display in another order than it is stored.
    Bidi,
    /// Characters that show nothing: zero-width space, joiners, word joiner, byte-order mark,
    /// soft hyphen, variation selectors, tag characters (in a one-line field, every default-
    /// ignorable character; in free text, those with no use there).
    Invisible,
    /// Noncharacters (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF): never text, refused by XML.
    Noncharacter,
    /// A line break in a one-line field, replaced by a space.
    LineBreak,
}

impl RemovalKind {
    /// «2 ký tự điều khiển».
    pub fn describe(self, count: usize) -> String {
        let n = format_number(count as i64);
        match self {
            RemovalKind::Control => format!("{n} ký tự điều khiển"),
            RemovalKind::Bidi => format!("{n} ký tự đổi chiều văn bản"),
            RemovalKind::Invisible => format!("{n} ký tự vô hình"),
            RemovalKind::Noncharacter => format!("{n} ký tự không hợp lệ"),
            RemovalKind::LineBreak => format!("{n} chỗ xuống dòng"),
        }
    }
}

/// How many characters of one kind were removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Removal {
    /// What they were.
    pub kind: RemovalKind,
    /// How many.
    pub count: usize,
}

/// A cleaned text and what cleaning took out. `text` borrows the input when it was clean (most
/// imported cells are), so a national import copies nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned<'a> {
    /// NFC; one-line fields trimmed with single spaces between words; free text trimmed with
    /// line breaks as `\n`.
    pub text: Cow<'a, str>,
    /// What was removed, one entry per kind, in `RemovalKind` order; empty when nothing was.
    pub removed: Vec<Removal>,
}

impl Cleaned<'_> {
    /// What was done, for a notice: «đã bỏ 2 ký tự điều khiển, 1 ký tự vô hình và thay 1 chỗ
    /// xuống dòng bằng dấu cách»; `None` when nothing was removed.
    pub fn summary(&self) -> Option<String> {
        let dropped: Vec<String> = self
            .removed
            .iter()
            .filter(|r| r.kind != RemovalKind::LineBreak)
            .map(|r| r.kind.describe(r.count))
            .collect();
        let breaks = self
            .removed
            .iter()
            .find(|r| r.kind == RemovalKind::LineBreak)
            .map(|r| format!("thay {} bằng dấu cách", r.kind.describe(r.count)));
        match (dropped.is_empty(), breaks) {
            (true, None) => None,
            (true, Some(b)) => Some(format!("đã {b}")),
            (false, None) => Some(format!("đã bỏ {}", dropped.join(", "))),
            (false, Some(b)) => Some(format!("đã bỏ {} và {b}", dropped.join(", "))),
        }
    }

    /// The notice an import gives: «đã bỏ 2 ký tự điều khiển ở cột Họ và tên, dòng 12».
    pub fn notice(&self, column: &str, row: usize) -> Option<String> {
        Some(format!("{} ở cột {column}, dòng {row}", self.summary()?))
    }
}

/// A text over its field's limit: the refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong {
    /// The field.
    pub kind: FieldKind,
    /// Its limit in characters.
    pub limit: usize,
    /// The text's length in characters after cleaning; when `at_least`, cleaning stopped
    /// there (a text many times over the limit is not read to its end).
    pub length: usize,
    /// Whether `length` is only where counting stopped.
    pub at_least: bool,
}

impl fmt::Display for TooLong {
    /// «dài 412 ký tự, quá giới hạn 200 ký tự của họ và tên».
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "dài {}{} ký tự, quá giới hạn {} ký tự của {}",
            if self.at_least { "hơn " } else { "" },
            format_number(self.length as i64),
            format_number(self.limit as i64),
            self.kind.label()
        )
    }
}

impl std::error::Error for TooLong {}

/// Cleans a text for a field of `kind`: drops control characters (tabs become spaces; line
/// breaks stay as `\n` only in multi-line fields, elsewhere become spaces), bidi controls,
/// invisible characters and noncharacters; normalises to NFC; trims (and, for one-line fields,
/// collapses white space). Refuses a text longer than the field's limit.
///
/// ```
/// use cnscd::vietnamese::clean::{FieldKind, clean_text};
/// let c = clean_text("Nguy\u{0}ễn\u{202E} Văn\tAn", FieldKind::PersonName).unwrap();
/// assert_eq!(c.text, "Nguyễn Văn An");
/// assert_eq!(
///     c.notice("Họ và tên", 12).unwrap(),
///     "đã bỏ 1 ký tự điều khiển, 1 ký tự đổi chiều văn bản ở cột Họ và tên, dòng 12"
/// );
/// ```
pub fn clean_text(s: &str, kind: FieldKind) -> Result<Cleaned<'_>, TooLong> {
    let limit = kind.limit();
    let multiline = kind.multiline();
    // Most cells are already clean: one pass over the characters says so (and counts them),
    // where the general path below reads the text four times.
    let scan = Scan::of(s, multiline);
    if scan.clean && (multiline || scan.collapsed) && s.trim().len() == s.len() {
        if scan.chars > limit {
            return Err(TooLong {
                kind,
                limit,
                length: scan.chars,
                at_least: false,
            });
        }
        return Ok(Cleaned {
            text: Cow::Borrowed(s),
            removed: Vec::new(),
        });
    }
    clean_general(s, kind)
}

/// `clean_text` for a text the one-pass scan could not pass as it is.
fn clean_general(s: &str, kind: FieldKind) -> Result<Cleaned<'_>, TooLong> {
    let limit = kind.limit();
    let multiline = kind.multiline();
    // Printable ASCII needs no filtering; neither does text whose every character is kept
    // (a line feed is kept as it is where lines are).
    let plain = s.bytes().all(|b| (0x20..0x7F).contains(&b))
        || s.chars()
            .all(|c| c == '\n' && multiline || classify(c, multiline) == Class::Keep);
    let mut removed = [0usize; 5];
    let filtered: Cow<'_, str> = if plain {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(filter(s, kind, &mut removed)?)
    };
    let text = if multiline {
        normalise_block(filtered)
    } else {
        let changed = match nfc_cow(&filtered) {
            Cow::Borrowed(_) => None,
            Cow::Owned(o) => Some(o),
        };
        changed.map_or(filtered, Cow::Owned)
    };
    let length = text.chars().count();
    if length > limit {
        return Err(TooLong {
            kind,
            limit,
            length,
            at_least: false,
        });
    }
    let removed = KINDS
        .iter()
        .zip(removed)
        .filter(|(_, n)| *n > 0)
        .map(|(&kind, count)| Removal { kind, count })
        .collect();
    Ok(Cleaned { text, removed })
}

/// What one pass over a text learns: whether every character is kept as it is and the text is
/// NFC as it stands (printable ASCII, a kept line feed, precomposed Latin letters), whether its
/// white space is single spaces between words, and how many characters it has.
struct Scan {
    clean: bool,
    collapsed: bool,
    chars: usize,
}

impl Scan {
    fn of(s: &str, multiline: bool) -> Scan {
        let (mut clean, mut collapsed, mut after_space, mut chars) = (true, true, true, 0usize);
        for c in s.chars() {
            chars += 1;
            if c == ' ' {
                collapsed &= !after_space;
                after_space = true;
                continue;
            }
            after_space = false;
            if c.is_ascii() {
                if !c.is_ascii_graphic() {
                    clean &= c == '\n' && multiline;
                    collapsed = false;
                    after_space = true;
                }
            } else if clean {
                clean = is_latin_starter(c) && classify(c, multiline) == Class::Keep;
                if c.is_whitespace() {
                    collapsed = false;
                    after_space = true;
                }
            }
        }
        Scan {
            clean,
            collapsed: collapsed && !(after_space && chars > 0),
            chars,
        }
    }
}

const KINDS: [RemovalKind; 5] = [
    RemovalKind::Control,
    RemovalKind::Bidi,
    RemovalKind::Invisible,
    RemovalKind::Noncharacter,
    RemovalKind::LineBreak,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Keep,
    /// A tab: a space, without a word.
    Space,
    /// A line break (LF, CR, NEL, VT, FF, U+2028, U+2029).
    Break,
    Remove(RemovalKind),
}

fn classify(c: char, multiline: bool) -> Class {
    use RemovalKind::*;
    match c {
        '\t' => Class::Space,
        '\n' | '\r' | '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Break,
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Class::Remove(Control),
        '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Class::Remove(Bidi)
        }
        // Invisible wherever they are: zero-width space, word joiner, invisible operators,
        // deprecated format characters, the byte-order mark, interlinear annotations, shorthand
        // format controls, musical formatting, tag characters.
        '\u{180E}'
        | '\u{200B}'
        | '\u{2060}'..='\u{2065}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E007F}' => Class::Remove(Invisible),
        // The rest of Unicode's default-ignorable characters: in a name they only hide or fake
        // letters; in free text the joiners and variation selectors shape emoji and scripts.
        '\u{AD}'
        | '\u{34F}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180B}'..='\u{180D}'
        | '\u{180F}'
        | '\u{200C}'
        | '\u{200D}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FFA0}'
        | '\u{E0080}'..='\u{E0FFF}'
            if !multiline =>
        {
            Class::Remove(Invisible)
        }
        '\u{FDD0}'..='\u{FDEF}' => Class::Remove(Noncharacter),
        _ if (c as u32) & 0xFFFE == 0xFFFE => Class::Remove(Noncharacter),
        _ => Class::Keep,
    }
}

/// The text with removals made and breaks written as `\n` (multi-line) or spaces (one line),
/// counting what went. Stops with a refusal once the text is so far past `limit` that no
/// normalisation could bring it back (NFC joins at most four characters into one).
fn filter(s: &str, kind: FieldKind, removed: &mut [usize; 5]) -> Result<String, TooLong> {
    let (limit, multiline) = (kind.limit(), kind.multiline());
    let hopeless = limit.saturating_mul(4);
    let mut out = String::with_capacity(s.len().min(hopeless.saturating_mul(4)));
    let mut kept = 0usize;
    let mut after_cr = false;
    for c in s.chars() {
        let was_cr = std::mem::replace(&mut after_cr, c == '\r');
        match classify(c, multiline) {
            Class::Keep => out.push(c),
            Class::Space => out.push(' '),
            Class::Break if was_cr && c == '\n' => continue,
            Class::Break if multiline => out.push('\n'),
            Class::Break => {
                removed[4] += 1;
                out.push(' ');
            }
            Class::Remove(what) => {
                removed[what as usize] += 1;
                continue;
            }
        }
        kept += 1;
        if kept > hopeless {
            return Err(TooLong {
                kind,
                limit,
                length: kept,
                at_least: true,
            });
        }
    }
    Ok(out)
}

/// NFC and trimmed, keeping the text's own spacing and line breaks.
fn normalise_block(s: Cow<'_, str>) -> Cow<'_, str> {
    let composed = if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s
    } else {
        Cow::Owned(s.nfc().collect())
    };
    match composed {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
        Cow::Owned(o) if o.trim().len() == o.len() => Cow::Owned(o),
        Cow::Owned(o) => Cow::Owned(o.trim().to_owned()),
    }
}

/// The first characters of a text for a message (a refused 400 MB cell is quoted, not
/// printed): at most `chars` characters, with «…» when cut.
pub fn excerpt(s: &str, chars: usize) -> Cow<'_, str> {
    match s.char_indices().nth(chars) {
        None => Cow::Borrowed(s),
        Some((at, _)) => Cow::Owned(format!("{}…", &s[..at])),
    }
}

/// The characters that make a spreadsheet read a cell as a formula when they lead it (OWASP,
/// "CSV Injection"; ASVS 5.0 V1.2.10), with the line feed and NUL for good measure.
const FORMULA_LEADS: [char; 8] = ['=', '+', '-', '@', '\t', '\r', '\n', '\0'];

/// Text as it goes into a CSV cell: a text that a spreadsheet would take for a formula (it
/// starts with `=`, `+`, `-`, `@`, a tab or a line break) gets a leading `'`. So does a text
/// that already starts with `'`s before one of those, so that `unguard_formula` gives back
/// exactly what was exported.
pub fn guard_formula(s: &str) -> Cow<'_, str> {
    if s.trim_start_matches('\'').starts_with(FORMULA_LEADS) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The reverse of `guard_formula`, for importers reading back a file this program (or another
/// careful one) exported: a `'` is removed only before what `guard_formula` guards.
pub fn unguard_formula(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_LEADS) => rest,
        _ => s,
    }
}

#[cfg(test)]
mod tests;
