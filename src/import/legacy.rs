//! Legacy Vietnamese encodings in spreadsheets: TCVN3 (TCVN 5712, the ABC keyboard and the
//! `.VnTime` fonts) and VNI (`VNI-Times`). Such sheets store one byte per character; Excel shows
//! them as Windows-1252 characters (`NguyÔn V¨n ¸nh`, `Nguyeãn Vaên AÙnh`). This module owns the
//! conversion tables and the detection that decides, cell by cell, whether a text is legacy.
//!
//! Detection never touches plain ASCII or real Unicode: a cell is converted only when it holds
//! no Vietnamese letter beyond Latin-1 and the converted text reads as Vietnamese syllables
//! strictly better than the original (see [`plausibility`]).

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use super::table::{Cell, Sheet};
use tables::{CP1252, TCVN3, VNI};

mod tables;

#[cfg(test)]
mod equivalence;

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Encoding {
    /// TCVN 5712 (TCVN3, ABC, `.VnTime`).
    Tcvn3,
    /// VNI Windows (`VNI-Times`).
    Vni,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Tcvn3 => "TCVN3",
            Encoding::Vni => "VNI",
        })
    }
}

/// The byte a character stands for when legacy text went through Windows-1252 (or Latin-1).
fn legacy_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u <= 0xFF {
        return Some(u as u8);
    }
    CP1252.iter().find(|(_, ch)| *ch == c).map(|(b, _)| *b)
}

/// The character Excel shows for a legacy byte.
pub(crate) fn byte_char(b: u8) -> char {
    TABLES.byte_chars[usize::from(b)]
}

/// Upper case of a Latin-1 mark byte as VNI writes it (`ù` → `Ù`).
fn vni_upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

struct Tables {
    tcvn_decode: HashMap<u8, char>,
    tcvn_encode: HashMap<char, u8>,
    /// VNI letters written as one character (`ñ` for đ) …
    vni_single: rustc_hash::FxHashMap<char, char>,
    /// … and as a base and a mark (`aù` for á): looked up by the pair, no string built.
    vni_pair: rustc_hash::FxHashMap<(char, char), char>,
    vni_encode: HashMap<char, String>,
    /// The character Excel shows for each byte (`byte_char`).
    byte_chars: [char; 256],
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let tcvn_decode: HashMap<u8, char> = TCVN3.iter().copied().collect();
    let tcvn_encode = TCVN3.iter().map(|(b, c)| (*c, *b)).collect();
    let mut vni_single = rustc_hash::FxHashMap::default();
    let mut vni_pair = rustc_hash::FxHashMap::default();
    let mut vni_encode = HashMap::new();
    for (c, s) in VNI {
        let upper_c = c.to_uppercase().next().unwrap_or(*c);
        let upper_s: String = s.chars().map(vni_upper).collect();
        for (written, letter) in [(*s, *c), (upper_s.as_str(), upper_c)] {
            let mut chars = written.chars();
            match (chars.next(), chars.next(), chars.next()) {
                (Some(a), None, _) => {
                    vni_single.insert(a, letter);
                }
                (Some(a), Some(b), None) => {
                    vni_pair.insert((a, b), letter);
                }
                _ => {}
            }
        }
        vni_encode.insert(*c, (*s).to_string());
        vni_encode.insert(upper_c, upper_s);
    }
    let mut byte_chars: [char; 256] = std::array::from_fn(|b| char::from(b as u8));
    for (b, c) in CP1252 {
        byte_chars[usize::from(b)] = c;
    }
    Tables {
        byte_chars,
        tcvn_decode,
        tcvn_encode,
        vni_single,
        vni_pair,
        vni_encode,
    }
});

/// Writes Unicode text in a legacy encoding, as Excel would show it (Windows-1252 characters).
/// Used to build test sheets; letters the encoding lacks are kept.
pub fn encode(encoding: Encoding, text: &str) -> String {
    let t = &*TABLES;
    let text: String = text.nfc().collect();
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        match encoding {
            Encoding::Tcvn3 => match t.tcvn_encode.get(&c) {
                Some(b) => out.push(byte_char(*b)),
                None => out.push(c),
            },
            Encoding::Vni => match t.vni_encode.get(&c) {
                Some(s) => out.push_str(s),
                None => out.push(c),
            },
        }
    }
    out
}

/// `s` in NFC, kept as it is when the quick check says it already is (decoded legacy text is
/// precomposed letters, so it nearly always is).
pub(crate) fn nfc_owned(s: String) -> String {
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s,
        _ => s.nfc().collect(),
    }
}

/// Reads legacy text as Unicode NFC.
pub fn decode(encoding: Encoding, text: &str) -> String {
    match encoding {
        Encoding::Tcvn3 => decode_tcvn3(text, false),
        Encoding::Vni => decode_vni(text),
    }
}

/// Reads TCVN3; with `fix_case`, restores the capitals VN3 fonts cannot write (see below).
fn decode_tcvn3(text: &str, fix_case: bool) -> String {
    let t = &*TABLES;
    let mut out = String::with_capacity(text.len());
    // Word starts whose letter came from a VN3 lower-case-only toned code: VN3 fonts have no
    // upper-case toned letters, so `Ánh` was typed `¸nh`; capitalised below when the cell says so.
    let mut lowered_starts = Vec::new();
    let mut at_word_start = true;
    for c in text.chars() {
        let decoded = legacy_byte(c).and_then(|b| t.tcvn_decode.get(&b).map(|d| (b, *d)));
        match decoded {
            Some((b, d)) => {
                if at_word_start && b >= 0xB5 && d.is_lowercase() {
                    lowered_starts.push(out.len());
                }
                out.push(d);
            }
            None => out.push(c),
        }
        at_word_start = c.is_whitespace();
    }
    if lowered_starts.is_empty() || !fix_case {
        return out;
    }
    // Whether the other words that begin with a letter all begin with a capital: counted once
    // for the cell (a line of a million such words is one pass, not a million).
    let first = |w: &str| w.chars().next().filter(|c| c.is_alphabetic());
    let words = word_spans(&out);
    let (mut letters, mut capitals) = (0usize, 0usize);
    for (_, w) in &words {
        if let Some(c) = first(w) {
            letters += 1;
            capitals += usize::from(c.is_uppercase());
        }
    }
    let title_case_others = |start: usize| {
        let (mut others, mut others_capital) = (letters, capitals);
        // The word itself, when one begins there (a space that decodes to a letter joins it
        // to the word before).
        if let Ok(i) = words.binary_search_by_key(&start, |(s, _)| *s)
            && let Some(c) = first(words[i].1)
        {
            others -= 1;
            others_capital -= usize::from(c.is_uppercase());
        }
        others > 0 && others_capital == others
    };
    let mut fixed = String::with_capacity(out.len());
    let mut last = 0;
    for start in lowered_starts {
        if start == 0 || title_case_others(start) {
            fixed.push_str(&out[last..start]);
            let c = out[start..].chars().next().unwrap_or(' ');
            fixed.extend(c.to_uppercase());
            last = start + c.len_utf8();
        }
    }
    fixed.push_str(&out[last..]);
    fixed
}

fn word_spans(s: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                spans.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        spans.push((st, &s[st..]));
    }
    spans
}

fn decode_vni(text: &str) -> String {
    let t = &*TABLES;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(&next) = chars.get(i + 1) {
            let c = chars[i];
            // A mark typed in the other case than its base (`Aù`): the base decides.
            if let Some(d) = t
                .vni_pair
                .get(&(c, next))
                .or_else(|| t.vni_pair.get(&(c, swap_case(next))))
            {
                out.push(*d);
                i += 2;
                continue;
            }
        }
        out.push(t.vni_single.get(&chars[i]).copied().unwrap_or(chars[i]));
        i += 1;
    }
    out
}

fn swap_case(c: char) -> char {
    if c.is_uppercase() {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c.to_uppercase().next().unwrap_or(c)
    }
}

/// Whether `c` is a Vietnamese letter outside Latin-1 (ă, đ, ơ, ư, ạ, ế …): text holding one is
/// real Unicode and never converted.
fn is_unicode_vietnamese(c: char) -> bool {
    match c as u32 {
        // Ạ…ỹ: no Windows-1252 stand-in lies in this block, so no table lookup.
        0x1EA0..=0x1EF9 => true,
        0x0100..=0x01B0 => !CP1252.iter().any(|(_, x)| *x == c),
        _ => false,
    }
}

/// Whether a text may be legacy: some character in 0x80–0xFF (or a Windows-1252 stand-in, or a
/// C0 TCVN3 capital) and no Vietnamese letter beyond Latin-1.
fn may_be_legacy(s: &str) -> bool {
    if s.is_ascii() {
        return s.bytes().any(|b| (0x01..=0x17).contains(&b));
    }
    let mut high = false;
    for c in s.chars() {
        if is_unicode_vietnamese(c) {
            return false;
        }
        if legacy_byte(c).is_some_and(|b| b >= 0x80 || (0x01..=0x17).contains(&b)) {
            high = true;
        }
    }
    high
}

/// Consonant clusters that open a Vietnamese syllable, longest first (`f j w z` for loan words).
const INITIALS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "f", "j", "w", "z",
];
const FINALS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t"];
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "oai", "oay", "oao", "oeo", "uây",
    "uôi", "ươi", "ươu", "uyê", "uya", "uyu", "yêu",
];

/// Whether one word reads as a Vietnamese syllable: letters only, at most one tone mark, an
/// initial, a vowel nucleus and a final from the language's inventory, and a sane case pattern.
fn is_syllable(word: &str) -> bool {
    // Letters (and tone or vowel marks) only, at most eight of them (`ngh` + `uyê` + `ng`):
    // anything else fails the checks below anyway, and most words of a misread text end here.
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
        } else if !('\u{300}'..='\u{36F}').contains(&c) {
            return false;
        }
    }
    if letters > 8 {
        return false;
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: Vec<char> = chars.collect();
    let case_ok = rest.iter().all(|c| c.is_lowercase())
        || (first.is_uppercase() && rest.iter().all(|c| c.is_uppercase()));
    if !case_ok {
        return false;
    }
    let lower = word.to_lowercase();
    let mut tones = 0;
    let base: String = lower
        .nfd()
        .filter(|c| {
            let tone = matches!(
                *c,
                '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'
            );
            tones += usize::from(tone);
            !tone
        })
        .nfc()
        .collect();
    if tones > 1
        || !base
            .chars()
            .all(|c| c.is_ascii_lowercase() || "ăâêôơưđ".contains(c))
    {
        return false;
    }
    let rime_ok = |rime: &str| {
        let (nucleus, _) = FINALS
            .iter()
            .find_map(|f| rime.strip_suffix(f).map(|n| (n, *f)))
            .filter(|(n, _)| !n.is_empty())
            .unwrap_or((rime, ""));
        NUCLEI.contains(&nucleus)
    };
    if rime_ok(&base) {
        return true;
    }
    INITIALS.iter().any(|i| {
        base.strip_prefix(i).is_some_and(|rime| {
            rime_ok(rime) || (*i == "gi" && (rime.is_empty() || rime_ok(&format!("i{rime}"))))
        })
    })
}

/// How Vietnamese a text reads: +1 for each word with a non-ASCII character that is a valid
/// syllable, −1 for each such word that is not. ASCII words are the same in every reading and
/// do not count.
pub fn plausibility(text: &str) -> i32 {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation()))
        .filter(|w| !w.is_ascii())
        .map(|w| if is_syllable(w) { 1 } else { -1 })
        .sum()
}

/// A legacy reading with the VN3 capitals restored.
fn decode_for_detection(encoding: Encoding, text: &str) -> String {
    match encoding {
        Encoding::Tcvn3 => decode_tcvn3(text, true),
        Encoding::Vni => decode_vni(text),
    }
}

/// The best legacy reading of a text, when one reads strictly better than the text itself.
pub fn detect(text: &str) -> Option<(Encoding, String)> {
    if !may_be_legacy(text) {
        return None;
    }
    let here = plausibility(text);
    [Encoding::Tcvn3, Encoding::Vni]
        .into_iter()
        .map(|e| {
            let d = nfc_owned(decode_for_detection(e, text));
            (plausibility(&d), e, d)
        })
        .filter(|(score, _, _)| *score > here)
        .max_by_key(|(score, e, _)| (*score, std::cmp::Reverse(*e)))
        .map(|(_, e, d)| (e, d))
}

/// `text` read in `encoding`, in NFC: the reading `detect` gives when it finds that encoding
/// (VN3 capitals restored), the plain `decode` otherwise. The same as asking `detect` first, but
/// the other encoding is read only when this one reads better than the text as it is.
pub fn reading_in(encoding: Encoding, text: &str) -> String {
    if !may_be_legacy(text) {
        return nfc_owned(decode(encoding, text));
    }
    let here = plausibility(text);
    let found = nfc_owned(decode_for_detection(encoding, text));
    let score = plausibility(&found);
    let other = match encoding {
        Encoding::Tcvn3 => Encoding::Vni,
        Encoding::Vni => Encoding::Tcvn3,
    };
    // `detect` keeps the higher score above the text's own, TCVN3 on a tie.
    let detected = score > here && {
        let other_score = plausibility(&nfc_owned(decode_for_detection(other, text)));
        score > other_score || (score == other_score && encoding < other)
    };
    match (detected, encoding) {
        // VNI has no capitals to restore: its detection reading is the plain one.
        (true, _) | (false, Encoding::Vni) => found,
        (false, Encoding::Tcvn3) => nfc_owned(decode(encoding, text)),
    }
}

/// One converted column: its index, the encoding found and how many cells were converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// Column index (0-based).
    pub column: usize,
    /// The encoding.
    pub encoding: Encoding,
    /// Cells converted.
    pub cells: usize,
}

/// Recognises legacy text, each distinct text once: sheets repeat the same few texts (có,
/// không, positions) thousands of times.
#[derive(Debug, Default)]
pub struct Recognizer {
    seen: HashMap<String, Option<(Encoding, String)>>,
}

impl Recognizer {
    /// The legacy reading of a text, in NFC, when it reads strictly better than the text
    /// itself (`detect`).
    pub fn reading(&mut self, text: &str) -> Option<&(Encoding, String)> {
        if !may_be_legacy(text) {
            return None;
        }
        if !self.seen.contains_key(text) {
            let found = detect(text).map(|(e, t)| (e, crate::vietnamese::nfc(&t)));
            self.seen.insert(text.to_string(), found);
        }
        self.seen.get(text).and_then(Option::as_ref)
    }
}

/// Converts every legacy text cell of the sheet to Unicode NFC, in place; returns what was
/// converted, per column and encoding, in column order.
///
/// A cell that reads strictly better converted is converted. Short legacy words can read as
/// Unicode too (`có` in TCVN3 is `cã`), so in a column where legacy text was found, a cell whose
/// converted reading is as good as the original is converted as well.
pub fn convert_sheet(sheet: &mut Sheet) -> Vec<Converted> {
    let mut counts: HashMap<(usize, Encoding), usize> = HashMap::new();
    let mut done = std::collections::HashSet::new();
    let mut recognizer = Recognizer::default();
    for (r, row) in sheet.rows.iter_mut().enumerate() {
        for (col, cell) in row.iter_mut().enumerate() {
            let Cell::Text(s) = cell else {
                continue;
            };
            if let Some((enc, text)) = recognizer.reading(s).cloned() {
                *cell = Cell::Text(text);
                *counts.entry((col, enc)).or_default() += 1;
                done.insert((r, col));
            }
        }
    }
    if done.is_empty() {
        return Vec::new();
    }
    let mut column_encoding: HashMap<usize, (usize, Encoding)> = HashMap::new();
    for ((col, enc), n) in &counts {
        let e = column_encoding.entry(*col).or_insert((*n, *enc));
        if (*n, std::cmp::Reverse(*enc)) > (e.0, std::cmp::Reverse(e.1)) {
            *e = (*n, *enc);
        }
    }
    for (r, row) in sheet.rows.iter_mut().enumerate() {
        for (col, cell) in row.iter_mut().enumerate() {
            let Some((_, enc)) = column_encoding.get(&col) else {
                continue;
            };
            if done.contains(&(r, col)) {
                continue;
            }
            if let Cell::Text(s) = cell
                && may_be_legacy(s)
            {
                let d = nfc_owned(decode_for_detection(*enc, s));
                if d != *s && plausibility(&d) >= plausibility(s) {
                    *cell = Cell::Text(crate::vietnamese::nfc(&d));
                    *counts.entry((col, *enc)).or_default() += 1;
                }
            }
        }
    }
    let mut out: Vec<Converted> = counts
        .into_iter()
        .map(|((column, encoding), cells)| Converted {
            column,
            encoding,
            cells,
        })
        .collect();
    out.sort_by_key(|c| (c.column, c.encoding));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const SENTENCES: &[&str] = &[
        "Nguyễn Văn Ánh",
        "Thôn Đông Lâm",
        "Ủy ban nhân dân xã Hòa Bắc",
        "Trần Thị Hồng Nhung",
        "Tổ Công nghệ số cộng đồng thôn Phước Hưng",
        "Bí thư Chi đoàn",
        "Đã tập huấn",
        "Họ và tên",
        "Chức vụ, đơn vị công tác",
        "Lương Thế Vinh, Ngô Quyền, Dương Quảng Hàm",
        "Phụ nữ xã Hòa Ninh được hướng dẫn kỹ năng số",
    ];

    fn all_letters() -> Vec<char> {
        let mut v: Vec<char> = VNI.iter().map(|(c, _)| *c).collect();
        let upper: Vec<char> = v.iter().filter_map(|c| c.to_uppercase().next()).collect();
        v.extend(upper);
        v
    }

    #[test]
    fn no_windows_1252_stand_in_among_the_toned_letters() {
        // `is_unicode_vietnamese` takes Ạ…ỹ without looking the table up.
        assert!(
            CP1252
                .iter()
                .all(|(_, c)| !(0x1EA0..=0x1EF9).contains(&(*c as u32)))
        );
        assert!(is_unicode_vietnamese('ễ') && is_unicode_vietnamese('ư'));
        assert!(!is_unicode_vietnamese('Œ') && !is_unicode_vietnamese('é'));
    }

    #[test]
    fn tables_cover_all_134_letters_both_ways() {
        let letters = all_letters();
        let distinct: std::collections::HashSet<char> = letters.iter().copied().collect();
        assert_eq!(distinct.len(), 134);
        let tcvn: std::collections::HashSet<char> = TCVN3.iter().map(|(_, c)| *c).collect();
        assert_eq!(tcvn, distinct, "TCVN3 defines every letter in both cases");
        for c in letters {
            for e in [Encoding::Tcvn3, Encoding::Vni] {
                let s = c.to_string();
                let enc = encode(e, &s);
                // A few letters are their own Latin-1 code (VNI í ì, TCVN3 ý); the rest must
                // change, or the table would be missing them.
                if !"íìÍÌý".contains(c) {
                    assert_ne!(enc, s, "{e} encodes {c}");
                }
                assert_eq!(decode(e, &enc), s, "{e} round trip of {c} via {enc:?}");
            }
        }
    }

    #[test]
    fn known_encodings_of_real_words() {
        assert_eq!(encode(Encoding::Tcvn3, "Nguyễn Văn ánh"), "NguyÔn V¨n ¸nh");
        assert_eq!(encode(Encoding::Vni, "Nguyễn Văn Ánh"), "Nguyeãn Vaên AÙnh");
        assert_eq!(
            decode(Encoding::Tcvn3, "M\u{ad}êng Kh\u{ad}¬ng"),
            "Mường Khương"
        );
        assert_eq!(
            decode(Encoding::Vni, "Xin chaøo caùc baïn"),
            "Xin chào các bạn"
        );
    }

    #[test]
    fn sentences_are_detected_and_converted_both_ways() {
        for s in SENTENCES {
            for e in [Encoding::Tcvn3, Encoding::Vni] {
                let enc = encode(e, s);
                let (found, text) = detect(&enc).unwrap_or_else(|| panic!("{e} {enc:?}"));
                assert_eq!((found, text.as_str()), (e, *s), "{e} {enc:?}");
            }
        }
    }

    #[test]
    fn vn3_text_without_capital_toned_letters_is_capitalised() {
        // VN3 fonts (.VnTime) type `Ánh` and `Ủy` with the lower-case codes.
        let cases = [
            ("NguyÔn V¨n ¸nh", "Nguyễn Văn Ánh"),
            ("ñy ban nh©n d©n x· Hßa B¾c", "Ủy ban nhân dân xã Hòa Bắc"),
            ("Th«n §«ng L©m", "Thôn Đông Lâm"),
        ];
        for (enc, want) in cases {
            assert_eq!(detect(enc).map(|d| d.1).as_deref(), Some(want), "{enc}");
        }
        assert_eq!(decode(Encoding::Tcvn3, "Hä vµ tªn"), "Họ và tên");
    }

    #[test]
    fn ascii_and_unicode_are_never_touched() {
        for s in [
            "Nguyen Van Anh",
            "0912345678",
            "Nguyễn Văn Ánh",
            "Tô Hà",
            "Lê Thị Hà",
            "Hòa",
            "Thái Bình",
            "Trà My",
            "Tú",
            "nguyen.van.a@gmail.com",
            "Café Đà Nẵng",
            "Công an viên",
            "Giáo viên",
            "Bí thư Chi đoàn",
            "Tổ trưởng",
            "có",
            "không",
            "Nam",
            "Nữ",
        ] {
            assert_eq!(detect(s), None, "{s}");
        }
    }

    #[test]
    fn sheet_columns_are_converted_and_counted() {
        let mut sheet = Sheet {
            name: "x".into(),
            rows: vec![
                vec![
                    Cell::Text(encode(Encoding::Tcvn3, "Họ và tên")),
                    Cell::Text("Năm sinh".into()),
                ],
                vec![
                    Cell::Text(encode(Encoding::Tcvn3, "Nguyễn Văn Ánh")),
                    Cell::Number(1990.0),
                ],
            ],
            first_row: 1,
        };
        let conv = convert_sheet(&mut sheet);
        assert_eq!(
            conv,
            vec![Converted {
                column: 0,
                encoding: Encoding::Tcvn3,
                cells: 2
            }]
        );
        assert_eq!(sheet.cell(1, 0).text(), "Nguyễn Văn Ánh");
        assert_eq!(sheet.cell(0, 1).text(), "Năm sinh");
        // `có` in TCVN3 (`cã`) also reads as Unicode; the column's other cells decide.
        let mut sheet = Sheet {
            name: "x".into(),
            rows: vec![
                vec![Cell::Text(encode(Encoding::Tcvn3, "Đã tập huấn"))],
                vec![Cell::Text(encode(Encoding::Tcvn3, "có"))],
            ],
            first_row: 1,
        };
        assert_eq!(sheet.cell(1, 0).text(), "cã");
        convert_sheet(&mut sheet);
        assert_eq!(sheet.cell(1, 0).text(), "có");
    }
}
