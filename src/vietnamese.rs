//! Vietnamese text rules in one place: NFC normalisation, accent-insensitive search keys, the
//! Vietnamese order of personal names, the decree's date format, document numbers and number
//! formatting. Everything that reaches the database or a document passes through `nfc`.
//! Submodules: `search` (ranking a list the way a person would), `clean` (input hygiene and
//! length limits, the CSV formula guard), `terminal` (text made safe to print).

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use icu_collator::options::CollatorOptions;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use icu_locale_core::locale;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub mod clean;
pub mod search;
pub mod terminal;

/// Normalises to NFC (precomposed) and trims, collapsing runs of white space into one space.
/// Every text input path (forms, imports, templates) goes through this.
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// `nfc`, borrowing the text when it is already normal (most text is: NFC, often ASCII, one
/// space between words), so that bulk paths such as imports copy nothing.
pub fn nfc_cow(s: &str) -> Cow<'_, str> {
    // The quick check skips the decompose/recompose round trip, which dominated large imports;
    // text of precomposed Latin letters (all Vietnamese text) skips even the quick check.
    if s.chars().all(is_latin_starter)
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        if is_collapsed(s) {
            return Cow::Borrowed(s);
        }
        return Cow::Owned(collapse_ws(s));
    }
    let composed: String = s.nfc().collect();
    Cow::Owned(collapse_ws(&composed))
}

/// Whether `c` is ASCII or a Latin letter block character (U+0080–U+024F, U+1E00–U+1EFF):
/// starters (combining class 0) that are NFC in any context, so text made only of them is NFC
/// (the test below checks every one against the Unicode tables). The quick check looks both
/// properties up for every character, which was most of a national roster import's NFC time.
pub(crate) fn is_latin_starter(c: char) -> bool {
    matches!(c, '\0'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Whether `s` has no white space but single spaces between words.
fn is_collapsed(s: &str) -> bool {
    let mut after_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}

fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A key for accent-insensitive, case-insensitive search: decomposes, drops the marks, maps
/// `đ` to `d`, lower-cases and collapses white space. `"Nguyễn Văn Ánh"` → `"nguyen van anh"`.
pub fn search_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut push = |c: char| {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            return;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => out.extend(c.to_lowercase()),
        }
    };
    // Character by character rather than through `nfd()`: the marks are dropped, so their
    // canonical reordering does not matter, and ASCII (most of every key) is neither a mark nor
    // decomposable. Imports make a key for every name of a national roster.
    for c in s.chars() {
        if c.is_ascii() {
            push(c);
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    push(d);
                }
            });
        }
    }
    out
}

/// Whether `haystack` contains `needle`, ignoring accents and case. `needle` is a raw query.
pub fn matches(haystack_key: &str, needle: &str) -> bool {
    let needle = search_key(needle);
    needle.is_empty() || haystack_key.contains(&needle)
}

static COLLATOR: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    let prefs = CollatorPreferences::from(&locale!("vi"));
    #[allow(
        clippy::expect_used,
        reason = "the vi data is compiled into the binary"
    )]
    CollatorBorrowed::try_new(prefs, CollatorOptions::default())
        .expect("compiled Vietnamese collation data")
});

/// Compares two strings in Vietnamese alphabetical order (a ă â b c d đ e ê …).
pub fn compare(a: &str, b: &str) -> Ordering {
    COLLATOR.compare(a, b)
}

/// The parts of a Vietnamese full name: family name, middle name(s), given name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts<'a> {
    /// Họ, the first word.
    pub family: &'a str,
    /// Tên đệm, every word between the first and the last.
    pub middle: &'a str,
    /// Tên, the last word.
    pub given: &'a str,
}

/// Splits a full name: `"Nguyễn Thị Minh Khai"` → family `Nguyễn`, middle `Thị Minh`, given `Khai`.
pub fn split_name(full: &str) -> NameParts<'_> {
    let full = full.trim();
    let first_space = full.find(char::is_whitespace);
    let last_space = full.rfind(char::is_whitespace);
    match (first_space, last_space) {
        (Some(f), Some(l)) => NameParts {
            family: &full[..f],
            middle: full[f..l].trim(),
            given: full[l..].trim(),
        },
        _ => NameParts {
            family: "",
            middle: "",
            given: full,
        },
    }
}

/// Orders personal names the Vietnamese way: given name, then middle name, then family name,
/// each in Vietnamese alphabetical order.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    let (pa, pb) = (split_name(a), split_name(b));
    compare(pa.given, pb.given)
        .then_with(|| compare(pa.middle, pb.middle))
        .then_with(|| compare(pa.family, pb.family))
        .then_with(|| a.cmp(b))
}

/// Sorts a slice by a name accessor in Vietnamese name order.
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by(|x, y| compare_names(name(x), name(y)));
}

/// The day and month as the decree writes them: days under 10 and months 1–2 get a leading zero.
pub fn day_month(date: NaiveDate) -> (String, String) {
    let d = date.day();
    let m = date.month();
    let day = if d < 10 {
        format!("0{d}")
    } else {
        d.to_string()
    };
    let month = if m <= 2 {
        format!("0{m}")
    } else {
        m.to_string()
    };
    (day, month)
}

/// `ngày 05 tháng 3 năm 2024`, the decree's date (Nghị định 30, App. I, ô 4).
pub fn date_long(date: NaiveDate) -> String {
    let (day, month) = day_month(date);
    format!("ngày {day} tháng {month} năm {}", date.year())
}

/// The date line: `Hòa Bắc, ngày 05 tháng 3 năm 2024`.
pub fn date_line(place: &str, date: NaiveDate) -> String {
    format!("{}, {}", nfc(place), date_long(date))
}

/// `05/3/2024`: the short form used inside sentences and tables.
pub fn date_short(date: NaiveDate) -> String {
    let (day, month) = day_month(date);
    format!("{day}/{month}/{}", date.year())
}

/// `dd/mm/yyyy` with both parts padded, the form a clerk types in a date field.
pub fn date_field(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Parses a date as clerks write it: `05/03/2024`, `5/3/2024`, `5-3-2024`, `2024-03-05`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // Without a `-` the ISO form cannot match (and chrono's parser is slow to say so).
    if s.contains('-')
        && let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d")
    {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    if parts.len() != 3 {
        return None;
    }
    let d: u32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let y: i32 = parts[2].parse().ok()?;
    let y = if parts[2].len() == 2 { 2000 + y } else { y };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A document number in the register: numbers under 10 take a leading zero (`05`).
pub fn doc_number(n: u32) -> String {
    if n < 10 {
        format!("0{n}")
    } else {
        n.to_string()
    }
}

/// The number line `Số: 05/QĐ-UBND`; with no number yet, the blank a wet-signed draft leaves.
pub fn number_line(number: Option<u32>, symbol: &str) -> String {
    format!("Số: {}", doc_reference(number, symbol))
}

/// A document's number and symbol as cited (`05/QĐ-UBND`); with no number yet, the blank the
/// văn thư fills in (`      /QĐ-UBND`).
pub fn doc_reference(number: Option<u32>, symbol: &str) -> String {
    match number {
        Some(n) => format!("{}/{symbol}", doc_number(n)),
        None => format!("      /{symbol}"),
    }
}

/// An integer with `.` as the thousands separator: `12480` → `12.480`.
pub fn format_number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A percentage as the programme's documents write it, with a decimal comma and no space:
/// `87,5%`, `100%` — the same in the window as in the documents.
pub fn format_percent(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}%", rounded as i64)
    } else {
        format!("{rounded:.1}%").replace('.', ",")
    }
}

/// Parses an integer typed with `.` or `,` thousands separators (`12.480`, `12,480`, ` 12 480 `).
/// Returns `None` for anything that is not a whole number.
pub fn parse_number(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    };
    let cleaned: String = body
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}'))
        .collect();
    let groups: Vec<&str> = cleaned.split(['.', ',']).collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    // Separators must group by three: `12.480` yes, `12.48` (a decimal) no.
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let v: i64 = groups.concat().parse().ok()?;
    Some(if neg { -v } else { v })
}

/// Vietnamese upper case of a phrase (`xã Hòa Bắc` → `XÃ HÒA BẮC`), staying NFC.
pub fn upper(s: &str) -> String {
    nfc(&s.to_uppercase())
}

/// Capitalises the first letter (`xã Hòa Bắc` → `Xã Hòa Bắc`).
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The key a header is matched by: NFC, lower case, accents optional, white space and line
/// breaks collapsed, trailing `:`/`*` and bracketed notes such as `(có/không)` dropped.
pub fn header_key(s: &str) -> String {
    let s = nfc(s);
    let s = match s.find('(') {
        Some(i) if i > 0 => &s[..i],
        _ => s.as_str(),
    };
    search_key(s.trim_end_matches([':', '*', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_starters_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let mut n = 0;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_latin_starter(*c))
        {
            n += 1;
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            // Nor does it combine with a letter before it.
            let pair: String = ['a', c].iter().collect();
            assert_eq!(pair.nfc().collect::<String>(), pair, "{c:?}");
        }
        assert_eq!(n, 0x250 + 0x100);
        assert!(matches!(nfc_cow("Nguyễn Văn Ánh"), Cow::Borrowed(_)));
        // Decomposed text still composes.
        assert_eq!(nfc_cow("Nguye\u{302}\u{303}n"), "Nguyễn");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn dates_follow_the_decree_padding() {
        let cases = [
            (d(2024, 3, 5), "ngày 05 tháng 3 năm 2024"),
            (d(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
            (d(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
            (d(2025, 2, 1), "ngày 01 tháng 02 năm 2025"),
            (d(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
            (d(2023, 10, 10), "ngày 10 tháng 10 năm 2023"),
            (d(2022, 11, 9), "ngày 09 tháng 11 năm 2022"),
            (d(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        ];
        for (date, want) in cases {
            assert_eq!(date_long(date), want, "{date}");
        }
        assert_eq!(
            date_line("Hòa Bắc", d(2024, 3, 5)),
            "Hòa Bắc, ngày 05 tháng 3 năm 2024"
        );
        assert_eq!(date_short(d(2022, 3, 5)), "05/3/2022");
        assert_eq!(date_short(d(2022, 1, 15)), "15/01/2022");
    }

    #[test]
    fn dates_parse_as_typed() {
        let cases = [
            ("05/03/2024", Some(d(2024, 3, 5))),
            ("5/3/2024", Some(d(2024, 3, 5))),
            ("2024-03-05", Some(d(2024, 3, 5))),
            ("5-3-2024", Some(d(2024, 3, 5))),
            ("31/02/2024", None),
            ("hôm qua", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_date(s), want, "{s}");
        }
    }

    #[test]
    fn document_numbers_are_padded() {
        let cases = [(1, "01"), (5, "05"), (9, "09"), (10, "10"), (123, "123")];
        for (n, want) in cases {
            assert_eq!(doc_number(n), want);
        }
        assert_eq!(number_line(Some(5), "QĐ-UBND"), "Số: 05/QĐ-UBND");
        assert_eq!(number_line(Some(12), "KH-UBND"), "Số: 12/KH-UBND");
        assert!(number_line(None, "QĐ-UBND").ends_with("/QĐ-UBND"));
    }

    #[test]
    fn numbers_use_dot_thousands() {
        let cases = [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1.000"),
            (12480, "12.480"),
            (348362, "348.362"),
            (1234567, "1.234.567"),
            (-4500, "-4.500"),
        ];
        for (n, want) in cases {
            assert_eq!(format_number(n), want);
        }
        assert_eq!(format_percent(87.5), "87,5%");
        assert_eq!(format_percent(100.0), "100%");
    }

    #[test]
    fn numbers_parse_with_separators() {
        let cases = [
            ("12.480", Some(12480)),
            ("12,480", Some(12480)),
            ("1.234.567", Some(1234567)),
            ("42", Some(42)),
            (" 7 ", Some(7)),
            ("12 480", Some(12480)),
            ("-3", Some(-3)),
            ("12.48", None),
            ("abc", None),
            ("", None),
            ("1,5", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_number(s), want, "{s:?}");
        }
    }

    #[test]
    fn search_keys_ignore_accents_and_case() {
        let cases = [
            ("Nguyễn Văn Ánh", "nguyen van anh"),
            ("ĐẶNG THỊ HỒNG", "dang thi hong"),
            ("  Hòa   Bắc ", "hoa bac"),
            ("Thừa Thiên Huế", "thua thien hue"),
            ("Trương Ưng Ước", "truong ung uoc"),
            ("Phường Điện Biên Phủ", "phuong dien bien phu"),
        ];
        for (s, want) in cases {
            assert_eq!(search_key(s), want);
        }
        // The same key as the textbook definition (NFD, marks dropped), decomposed input included.
        for s in [
            "Nguyễn Văn Ánh",
            "Ho\u{0300}a  Ba\u{0306}\u{0301}c",
            "ĐẶNG\tTHỊ\u{2000}HỒNG ",
            "Ελληνικά, 한국어, Ǆemal",
        ] {
            let textbook: String = s
                .nfd()
                .filter(|c| !is_combining_mark(*c))
                .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
                .flat_map(char::to_lowercase)
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(search_key(s), textbook, "{s}");
        }
        assert!(matches(&search_key("Nguyễn Văn Ánh"), "van anh"));
        assert!(matches(&search_key("Nguyễn Văn Ánh"), "Văn Á"));
        assert!(!matches(&search_key("Nguyễn Văn Ánh"), "binh"));
    }

    #[test]
    fn nfc_composes_and_collapses() {
        // "Hòa" typed as o + combining grave accent.
        let decomposed = "Ho\u{0300}a  Ba\u{0306}\u{0301}c";
        assert_eq!(nfc(decomposed), "Hòa Bắc");
        assert_eq!(nfc(" a \n b "), "a b");
        for s in ["a b", "Hòa Bắc", ""] {
            assert!(matches!(nfc_cow(s), Cow::Borrowed(_)), "{s:?}");
        }
        for (s, want) in [
            (" a", "a"),
            ("a ", "a"),
            ("a  b", "a b"),
            ("a\tb", "a b"),
            (" ", ""),
        ] {
            assert_eq!(nfc_cow(s), want, "{s:?}");
        }
        assert_eq!(upper("xã Hòa Bắc"), "XÃ HÒA BẮC");
        assert_eq!(capitalize("xã Hòa Bắc"), "Xã Hòa Bắc");
    }

    #[test]
    fn names_split_into_parts() {
        let p = split_name("Nguyễn Thị Minh Khai");
        assert_eq!(
            (p.family, p.middle, p.given),
            ("Nguyễn", "Thị Minh", "Khai")
        );
        let p = split_name("Lê Lai");
        assert_eq!((p.family, p.middle, p.given), ("Lê", "", "Lai"));
        let p = split_name("Hùng");
        assert_eq!((p.family, p.middle, p.given), ("", "", "Hùng"));
    }

    #[test]
    fn vietnamese_letter_order() {
        let ordered = [
            "an", "ăn", "ân", "bê", "da", "đa", "em", "êm", "o", "ô", "ơ", "u", "ư",
        ];
        for w in ordered.windows(2) {
            assert_eq!(compare(w[0], w[1]), Ordering::Less, "{} < {}", w[0], w[1]);
        }
    }

    #[test]
    fn names_sort_by_given_then_middle_then_family() {
        let mut names = vec![
            "Trần Văn Bình",
            "Nguyễn Thị Anh",
            "Lê Văn Ánh",
            "Đỗ Thị Ân",
            "Phạm Văn An",
            "Nguyễn Văn Đức",
            "Nguyễn Văn Dũng",
            "Bùi Thị Anh",
        ];
        names.sort_by(|a, b| compare_names(a, b));
        assert_eq!(
            names,
            vec![
                "Phạm Văn An",
                "Bùi Thị Anh",
                "Nguyễn Thị Anh",
                "Lê Văn Ánh",
                "Đỗ Thị Ân",
                "Trần Văn Bình",
                "Nguyễn Văn Dũng",
                "Nguyễn Văn Đức",
            ]
        );
    }
}
