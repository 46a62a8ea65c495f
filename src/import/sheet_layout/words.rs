//! The words a sheet's rows are told apart by: header label keys, ordinals, column-number rows,
//! totals, notes, the signature block, section rows and the issuing body above the table.

use crate::import::header::label_key;
use crate::import::table::Cell;
use crate::import::unit_names::split_level_word;
use crate::model::Level;
use crate::vietnamese::search_key;

/// The key a header label is matched by: `label_key`, without a leading `số lượng`/`số`
/// (`Số lượng người dân …` = `Người dân …`, `Số TT` = `TT`, `Số ĐT` = `ĐT`).
pub(super) fn match_key(s: &str) -> String {
    let k = label_key(s);
    for lead in ["so luong ", "so "] {
        if let Some(rest) = k.strip_prefix(lead) {
            return rest.to_string();
        }
    }
    k
}

/// `STT` column labels (keys).
pub(super) fn is_stt(key: &str) -> bool {
    matches!(key, "stt" | "tt" | "thu tu" | "s t t")
}

/// An ordinal as sections and rows are numbered: `I`, `IV`, `A`, `b`, `1`, with a `.`, `)` or
/// `-` after it. `(true, …)` for roman numerals and letters (sections), `(false, …)` for
/// arabic numbers.
pub(super) fn ordinal(t: &str) -> Option<bool> {
    let t = t.trim().trim_end_matches(['.', ')', '-', ':', '/']).trim();
    if t.is_empty() || t.len() > 6 {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return Some(false);
    }
    // Upper case only: `Vi` is a surname.
    let roman = t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
    let letter = t.chars().count() == 1 && t.chars().all(|c| c.is_ascii_alphabetic());
    (roman || letter).then_some(true)
}

/// A text without the ordinal that leads it (`I. TỔ …` → `TỔ …`, `2) Thôn 2` → `Thôn 2`),
/// and whether it had a roman or letter ordinal (`Some(true)`) or an arabic one.
pub(super) fn strip_ordinal(t: &str) -> (Option<bool>, &str) {
    let t = t.trim();
    let Some(end) = t.find(['.', ')', ':', ' ', '-', '–']) else {
        return (None, t);
    };
    let (head, rest) = t.split_at(end);
    let rest = rest
        .trim_start_matches(['.', ')', ':', ' ', '-', '–'])
        .trim();
    match ordinal(head) {
        // `A Lưới` is a name: a one-letter ordinal needs its punctuation.
        Some(kind) if !rest.is_empty() && (head.len() > 1 || !t[end..].starts_with(' ')) => {
            (Some(kind), rest)
        }
        _ => (None, t),
    }
}

/// Whether a row only numbers the columns: `(1) (2) (3) …`, or `A B 1 2 3 …` (letters then
/// numbers, each counting up one by one), or `1 2 3 …` (a data row never counts up one by one
/// across every column).
pub(super) fn is_numbering_row(cells: &[Cell]) -> bool {
    let mut bracketed = 0;
    let mut letters: Vec<u8> = Vec::new();
    let mut numbers: Vec<i64> = Vec::new();
    for cell in cells.iter().filter(|c| !c.is_empty()) {
        let t = match cell {
            Cell::Number(n) if n.fract() == 0.0 => {
                numbers.push(*n as i64);
                continue;
            }
            Cell::Text(s) => s.trim(),
            _ => return false,
        };
        if t.len() <= 6
            && t.starts_with('(')
            && t.ends_with(')')
            && t[1..t.len() - 1].chars().all(|c| c.is_ascii_alphanumeric())
        {
            bracketed += 1;
        } else if let Ok(n) = t.parse::<i64>() {
            numbers.push(n);
        } else if numbers.is_empty() && t.len() == 1 && t.as_bytes()[0].is_ascii_uppercase() {
            letters.push(t.as_bytes()[0]);
        } else {
            return false;
        }
    }
    if bracketed > 0 {
        return bracketed >= 3 && numbers.is_empty() && letters.is_empty();
    }
    let counting = numbers.windows(2).all(|w| w[1] == w[0] + 1)
        && letters.windows(2).all(|w| w[1] == w[0] + 1)
        && letters.first().is_none_or(|l| *l == b'A')
        && numbers.first().is_none_or(|n| (0..=1).contains(n));
    counting && letters.len() + numbers.len() >= 3
}

/// The words a total row starts with (lower case, accents as written: `Tống` is a surname).
const TOTAL_WORDS: &[&str] = &[
    "tổng cộng",
    "tổng số",
    "tổng",
    "cộng",
    "toàn xã",
    "toàn phường",
    "toàn đặc khu",
    "toàn huyện",
    "toàn tỉnh",
    "toàn thành phố",
    "tong cong",
    "tong so",
];

/// A total's label: `(word, rest)` when `t` starts a total row, `rest` being what follows the
/// word and its colon (`93 thành viên`, `thôn An Phú`).
pub(super) fn total_label(t: &str) -> Option<(&'static str, &str)> {
    let t = t.trim();
    for w in TOTAL_WORDS {
        let Some(rest) = strip_prefix_lower(t, w) else {
            continue;
        };
        if rest.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let rest_key = search_key(rest);
        // `Cộng đồng …`, `Tổng hợp …`, `Tổng kết …` are titles, not totals.
        if ["dong", "hop", "ket"]
            .iter()
            .any(|x| rest_key.split_whitespace().next() == Some(x))
        {
            return None;
        }
        let rest = rest.trim_start_matches([':', ' ', '-', '–', '.']);
        return Some((w, rest.trim()));
    }
    None
}

/// What follows `word` (lower case) at the start of `t`, compared letter by letter in lower
/// case: every data row's first cell is asked, so no lower-case copy is made.
fn strip_prefix_lower<'t>(t: &'t str, word: &str) -> Option<&'t str> {
    let mut chars = t.char_indices();
    for w in word.chars() {
        let (_, c) = chars.next()?;
        if c != w && !c.to_lowercase().eq(std::iter::once(w)) {
            return None;
        }
    }
    Some(chars.next().map_or("", |(i, _)| &t[i..]))
}

/// The first whole number in a text (`93` of `93 thành viên (Nam 60)`), thousands separators
/// allowed.
pub(super) fn first_number(t: &str) -> Option<i64> {
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let run: String = t[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    crate::vietnamese::parse_number(run.trim_end_matches(['.', ',']))
}

/// Words that open a note under the table.
const NOTE_STARTS: &[&str] = &[
    "ghi chu",
    "luu y",
    "chu thich",
    "chu y",
    "nguon",
    "trong do",
    "danh sach nay",
    "danh sach tren",
    "bieu nay",
    "so lieu tinh den",
];

/// Whether a text opens a note: `Ghi chú: …`, `Lưu ý …`, `(*) …`, `* …`.
pub(super) fn is_note(t: &str) -> bool {
    let t = t.trim();
    if t.starts_with('*') || t.starts_with("(*") {
        return true;
    }
    let key = search_key(t);
    NOTE_STARTS
        .iter()
        .any(|s| key.starts_with(s) && !key[s.len()..].starts_with(char::is_alphanumeric))
}

/// Whether a text is a sentence rather than a name: a person's or a unit's name has fewer than
/// eight words.
pub(super) fn is_sentence(t: &str) -> bool {
    t.split_whitespace().count() >= 8
}

/// Whether a text continues a note above it: `- …`, `+ …`, `• …`, `a) …`, `2. …`.
pub(super) fn continues_note(t: &str) -> bool {
    let t = t.trim();
    t.starts_with(['-', '+', '•', '–'])
        || strip_ordinal(t).0.is_some()
        || t.chars().next().is_some_and(char::is_lowercase)
}

/// The openings of the signature block's lines (keys, punctuation read as spaces).
const SIGNATURE_STARTS: &[&str] = &[
    "nguoi lap bieu",
    "nguoi lap",
    "nguoi tong hop",
    "nguoi ky",
    "nguoi duyet",
    "tm ",
    "kt ",
    "tl ",
    "tuq ",
    "chu tich",
    "pho chu tich",
    "to truong",
    "truong thon",
    "truong ban",
    "bi thu",
    "thu truong",
    "xac nhan",
    "lanh dao",
    "cong chuc",
    "can bo",
    "giam doc",
    "pho giam doc",
    "truong phong",
    "pho truong phong",
    "uy ban nhan dan",
    "ubnd",
    "noi nhan",
    "ky ten",
    "ky ghi ro",
    "ky va ghi ro",
    "da ky",
    "ky dong dau",
];

fn signature_key(t: &str) -> String {
    let k: String = search_key(t)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut k = k.split_whitespace().collect::<Vec<_>>().join(" ");
    k.push(' ');
    k
}

/// Whether a text is a line of the signature block: a title (`NGƯỜI LẬP BIỂU`, `TM. ỦY BAN
/// NHÂN DÂN`, `CHỦ TỊCH`), an instruction (`(Ký, ghi rõ họ tên)`), or the place and date.
pub(super) fn is_signature_line(t: &str) -> bool {
    let key = signature_key(t);
    SIGNATURE_STARTS.iter().any(|s| key.starts_with(s)) || is_date_line(&key)
}

/// `Hòa Bắc, ngày 10 tháng 3 năm 2025`, `ngày … tháng … năm 2025`, `Đà Nẵng, ngày 10/3/2025`.
fn is_date_line(key: &str) -> bool {
    let Some(at) = key
        .strip_prefix("ngay ")
        .map(|_| 0)
        .or_else(|| key.find(" ngay ").map(|i| i + 1))
    else {
        return false;
    };
    let rest = &key[at + 5..];
    let words: Vec<&str> = rest.split_whitespace().collect();
    let spelled = rest.contains("thang ") && rest.contains(" nam");
    let numeric = words.len() >= 3
        && words[..3]
            .iter()
            .all(|w| w.bytes().all(|b| b.is_ascii_digit()));
    key.len() < 120 && (spelled || numeric)
}

/// A section row's parts: the unit (or team) it names and its level.
pub(super) struct SectionText {
    pub unit: String,
    pub level: Option<Level>,
    pub team: Option<String>,
}

/// Team words that lead a team's name.
const TEAM_WORDS: &[&str] = &[
    "to cong nghe so cong dong",
    "to cnscd",
    "to cns cd",
    "to cnsc",
    "to cns",
];

/// Reads a section text (ordinal already split off): a team (`TỔ CNSCĐ THÔN AN PHÚ`), a unit
/// led by its level word (`Thôn 2`, `TDP Số 5`, `HUYỆN HÒA VANG`), or — when `strong` (a roman
/// or letter ordinal) or written in capitals — any name.
pub(super) fn section_text(body: &str, strong: bool) -> Option<SectionText> {
    let body = body.trim().trim_end_matches(':').trim();
    if body.is_empty() || !body.chars().any(char::is_alphabetic) {
        return None;
    }
    let key = search_key(body);
    for w in TEAM_WORDS {
        if let Some(rest) = key.strip_prefix(w)
            && (rest.is_empty() || rest.starts_with(' '))
        {
            // The same number of words off the text as written.
            let n = w.split_whitespace().count();
            let unit: String = body
                .split_whitespace()
                .skip(n)
                .collect::<Vec<_>>()
                .join(" ");
            let level = split_level_word(&unit).and_then(|(w, _)| w.level);
            return Some(SectionText {
                unit,
                level,
                team: Some(body.to_string()),
            });
        }
    }
    if let Some((word, _)) = split_level_word(body) {
        return Some(SectionText {
            unit: body.to_string(),
            level: word.level,
            team: None,
        });
    }
    let capitals = body
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && body.split_whitespace().count() >= 2;
    (strong || capitals).then(|| SectionText {
        unit: body.to_string(),
        level: None,
        team: None,
    })
}

/// The unit the issuing body above the table names: `ỦY BAN NHÂN DÂN XÃ HÒA BẮC`, `UBND
/// PHƯỜNG …`, or `ỦY BAN NHÂN DÂN` with the unit on the line below.
pub(super) fn unit_hint(lines: &[(usize, Vec<String>)]) -> Option<String> {
    for (r, (_, cells)) in lines.iter().enumerate() {
        for (c, t) in cells.iter().enumerate() {
            let key = search_key(t);
            let Some(lead) = ["uy ban nhan dan", "ubnd"]
                .into_iter()
                .find(|l| key.starts_with(l))
            else {
                continue;
            };
            let words = lead.split_whitespace().count();
            let rest: String = t
                .split_whitespace()
                .skip(words)
                .collect::<Vec<_>>()
                .join(" ");
            let candidate = if rest.is_empty() {
                lines
                    .get(r + 1)
                    .and_then(|(_, below)| below.get(c))
                    .cloned()
            } else {
                Some(rest)
            };
            if let Some(u) = candidate.filter(|u| split_level_word(u).is_some()) {
                return Some(u);
            }
        }
    }
    None
}
