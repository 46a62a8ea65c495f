//! Reporting periods (interfaces.md §4): `2024`, `2024-H1`, `2024-Q2`, `2024-05`, and the ways
//! clerks write them (`Quý 3/2026`, `quý III năm 2026`, `6 tháng đầu năm 2026`, `tháng 5/2026`,
//! `năm 2026`). The one parser every face and template uses; formatting, date ranges,
//! containment, the natural parts of a period, and the Vietnamese names a report prints.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Field, Result};

/// A reporting period. Ordered by year, then by length (year first), then by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A calendar year.
    Year(i32),
    /// A half-year, 1 or 2.
    Half(i32, u8),
    /// A quarter, 1 to 4.
    Quarter(i32, u8),
    /// A month, 1 to 12.
    Month(i32, u8),
}

impl Period {
    /// The year the period falls in.
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Half(y, _) | Period::Quarter(y, _) | Period::Month(y, _) => y,
        }
    }

    /// First and last month (1–12) of the period.
    pub fn months(self) -> (u8, u8) {
        match self {
            Period::Year(_) => (1, 12),
            Period::Half(_, h) => (6 * h - 5, 6 * h),
            Period::Quarter(_, q) => (3 * q - 2, 3 * q),
            Period::Month(_, m) => (m, m),
        }
    }

    /// The first day.
    pub fn start(self) -> NaiveDate {
        let (m, _) = self.months();
        NaiveDate::from_ymd_opt(self.year(), u32::from(m), 1).unwrap_or_default()
    }

    /// The last day.
    pub fn end(self) -> NaiveDate {
        let (_, m) = self.months();
        let (y, next) = if m == 12 {
            (self.year() + 1, 1)
        } else {
            (self.year(), u32::from(m) + 1)
        };
        NaiveDate::from_ymd_opt(y, next, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or_default()
    }

    /// Whether `other` lies inside this period (a period contains itself).
    pub fn contains(self, other: Period) -> bool {
        if self.year() != other.year() {
            return false;
        }
        let (a, b) = self.months();
        let (c, d) = other.months();
        a <= c && d <= b
    }

    /// Whether `date` falls in the period.
    pub fn contains_date(self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The natural parts one level down: a year's halves, a half's quarters, a quarter's months.
    /// A month has none.
    pub fn parts(self) -> Vec<Period> {
        let y = self.year();
        match self {
            Period::Year(_) => vec![Period::Half(y, 1), Period::Half(y, 2)],
            Period::Half(_, h) => vec![Period::Quarter(y, 2 * h - 1), Period::Quarter(y, 2 * h)],
            Period::Quarter(_, q) => (3 * q - 2..=3 * q).map(|m| Period::Month(y, m)).collect(),
            Period::Month(..) => Vec::new(),
        }
    }

    /// The natural parts without allocating: up to three periods and how many there are.
    pub fn parts_array(self) -> ([Period; 3], usize) {
        let y = self.year();
        match self {
            Period::Year(_) => ([Period::Half(y, 1), Period::Half(y, 2), self], 2),
            Period::Half(_, h) => (
                [
                    Period::Quarter(y, 2 * h - 1),
                    Period::Quarter(y, 2 * h),
                    self,
                ],
                2,
            ),
            Period::Quarter(_, q) => (
                [
                    Period::Month(y, 3 * q - 2),
                    Period::Month(y, 3 * q - 1),
                    Period::Month(y, 3 * q),
                ],
                3,
            ),
            Period::Month(..) => ([self; 3], 0),
        }
    }

    /// Every period inside this one, itself first, then each level down.
    pub fn all_inside(self) -> Vec<Period> {
        let mut out = vec![self];
        let mut i = 0;
        while i < out.len() {
            let parts = out[i].parts();
            out.extend(parts);
            i += 1;
        }
        out
    }

    /// The default report deadline: the 20th of the period's last month.
    pub fn default_deadline(self) -> NaiveDate {
        let (_, m) = self.months();
        NaiveDate::from_ymd_opt(self.year(), u32::from(m), 20).unwrap_or_default()
    }

    /// The Vietnamese name: `năm 2024`, `6 tháng đầu năm 2024`, `quý II năm 2024`, `tháng 5 năm 2024`.
    pub fn label(self) -> String {
        match self {
            Period::Year(y) => format!("năm {y}"),
            Period::Half(y, 1) => format!("6 tháng đầu năm {y}"),
            Period::Half(y, _) => format!("6 tháng cuối năm {y}"),
            Period::Quarter(y, q) => {
                let roman = ["I", "II", "III", "IV"][usize::from(q.clamp(1, 4) - 1)];
                format!("quý {roman} năm {y}")
            }
            Period::Month(y, m) => format!("tháng {m} năm {y}"),
        }
    }

    /// The period's share of the year that has elapsed on `today` (0 before it starts, 1 after
    /// it ends), by days.
    pub fn elapsed_share(self, today: NaiveDate) -> f64 {
        let (start, end) = (self.start(), self.end());
        if today < start {
            return 0.0;
        }
        if today >= end {
            return 1.0;
        }
        let total = (end - start).num_days() + 1;
        let done = (today - start).num_days() + 1;
        done as f64 / total as f64
    }

    /// The quarter a date falls in.
    pub fn quarter_of(date: NaiveDate) -> Period {
        Period::Quarter(date.year(), (date.month0() / 3 + 1) as u8)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

impl FromStr for Period {
    type Err = Error;

    /// Reads `2024`, `2024-H1`, `2024-Q2`, `2024-05` (case-insensitive), or the Vietnamese forms
    /// a clerk types: `năm 2024`, `6 tháng đầu (cuối) năm 2024`, `quý 3/2024`, `quý III năm 2024`,
    /// `tháng 5/2024`, `tháng 5 năm 2024` (accents optional).
    fn from_str(s: &str) -> Result<Period> {
        let t = s.trim();
        let bad = || {
            Error::bad_value(
                Field::Period,
                t,
                "hãy ghi 2024, 2024-H1, 2024-Q2, 2024-05 hoặc «quý II năm 2024», «tháng 5/2024».",
            )
        };
        parse_code(t).or_else(|| parse_words(t)).ok_or_else(bad)
    }
}

/// A four-digit year in 1900–2200.
fn year_of(y: &str) -> Option<i32> {
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    (1900..=2200).contains(&y).then_some(y)
}

/// One or two digits in 1..=max.
fn number_of(digits: &str, max: u8) -> Option<u8> {
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = digits.parse().ok()?;
    (1..=max).contains(&n).then_some(n)
}

/// `2024`, `2024-H1`, `2024-Q2`, `2024-05`.
fn parse_code(t: &str) -> Option<Period> {
    let Some((y, rest)) = t.split_once('-') else {
        return Some(Period::Year(year_of(t)?));
    };
    let y = year_of(y)?;
    let rest = rest.to_ascii_uppercase();
    if let Some(h) = rest.strip_prefix('H') {
        return Some(Period::Half(y, number_of(h, 2)?));
    }
    if let Some(q) = rest.strip_prefix('Q') {
        return Some(Period::Quarter(y, number_of(q, 4)?));
    }
    if rest.len() != 2 {
        return None;
    }
    Some(Period::Month(y, number_of(&rest, 12)?))
}

/// The Vietnamese forms: words, accents optional, the year after `năm` or a slash.
fn parse_words(t: &str) -> Option<Period> {
    let key = crate::vietnamese::search_key(&t.replace('/', " nam "));
    let words: Vec<&str> = key.split_whitespace().collect();
    match words.as_slice() {
        ["nam", y] => Some(Period::Year(year_of(y)?)),
        ["6" | "sau", "thang", "dau", "nam", y] => Some(Period::Half(year_of(y)?, 1)),
        ["6" | "sau", "thang", "cuoi", "nam", y] => Some(Period::Half(year_of(y)?, 2)),
        ["quy", q, "nam", y] => {
            let q = match *q {
                "i" => 1,
                "ii" => 2,
                "iii" => 3,
                "iv" => 4,
                digits => number_of(digits, 4)?,
            };
            Some(Period::Quarter(year_of(y)?, q))
        }
        ["thang", m, "nam", y] => Some(Period::Month(year_of(y)?, number_of(m, 12)?)),
        _ => None,
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Period, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().expect("period")
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn parses_and_formats_every_form() {
        let cases = [
            ("2024", Period::Year(2024), "2024"),
            ("2024-H1", Period::Half(2024, 1), "2024-H1"),
            ("2024-h2", Period::Half(2024, 2), "2024-H2"),
            ("2024-Q1", Period::Quarter(2024, 1), "2024-Q1"),
            ("2024-q4", Period::Quarter(2024, 4), "2024-Q4"),
            ("2024-05", Period::Month(2024, 5), "2024-05"),
            (" 2024-12 ", Period::Month(2024, 12), "2024-12"),
        ];
        for (input, period, text) in cases {
            assert_eq!(p(input), period, "{input}");
            assert_eq!(period.to_string(), text, "{input}");
        }
    }

    #[test]
    fn reads_what_clerks_type() {
        let cases = [
            ("Quý 3/2026", Period::Quarter(2026, 3)),
            ("quý III năm 2026", Period::Quarter(2026, 3)),
            ("Quy 4 nam 2026", Period::Quarter(2026, 4)),
            ("6 tháng đầu năm 2026", Period::Half(2026, 1)),
            ("6 tháng cuối năm 2026", Period::Half(2026, 2)),
            ("tháng 5/2026", Period::Month(2026, 5)),
            ("Tháng 05 năm 2026", Period::Month(2026, 5)),
            ("năm 2026", Period::Year(2026)),
        ];
        for (input, period) in cases {
            assert_eq!(p(input), period, "{input}");
            // The label reads back as the same period.
            assert_eq!(p(&period.label()), period, "{input}");
        }
        match "quý 5/2026".parse::<Period>() {
            Err(Error::BadValue { field, .. }) => assert_eq!(field, Field::Period),
            other => panic!("expected a bad value, got {other:?}"),
        }
    }

    #[test]
    fn refuses_malformed_periods() {
        for bad in [
            "",
            "24",
            "2024-H3",
            "2024-H0",
            "2024-Q5",
            "2024-Q0",
            "2024-13",
            "2024-00",
            "2024-5",
            "2024-M05",
            "năm",
            "quý V năm 2024",
            "tháng 13/2024",
            "2024-",
            "1800",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn date_ranges() {
        let cases = [
            ("2024", d(2024, 1, 1), d(2024, 12, 31)),
            ("2024-H1", d(2024, 1, 1), d(2024, 6, 30)),
            ("2024-H2", d(2024, 7, 1), d(2024, 12, 31)),
            ("2024-Q1", d(2024, 1, 1), d(2024, 3, 31)),
            ("2024-Q4", d(2024, 10, 1), d(2024, 12, 31)),
            ("2024-02", d(2024, 2, 1), d(2024, 2, 29)),
            ("2023-02", d(2023, 2, 1), d(2023, 2, 28)),
        ];
        for (s, start, end) in cases {
            assert_eq!((p(s).start(), p(s).end()), (start, end), "{s}");
        }
    }

    #[test]
    fn containment() {
        let cases = [
            ("2024", "2024-H1", true),
            ("2024", "2024-05", true),
            ("2024", "2024", true),
            ("2024", "2023-Q1", false),
            ("2024-H1", "2024-Q2", true),
            ("2024-H1", "2024-Q3", false),
            ("2024-H2", "2024-07", true),
            ("2024-Q2", "2024-06", true),
            ("2024-Q2", "2024-07", false),
            ("2024-Q2", "2024-H1", false),
            ("2024-05", "2024-Q2", false),
        ];
        for (outer, inner, expected) in cases {
            assert_eq!(p(outer).contains(p(inner)), expected, "{outer} ⊇ {inner}");
        }
        assert!(p("2024-Q3").contains_date(d(2024, 9, 30)));
        assert!(!p("2024-Q3").contains_date(d(2024, 10, 1)));
    }

    #[test]
    fn parts_and_everything_inside() {
        assert_eq!(p("2024").parts(), vec![p("2024-H1"), p("2024-H2")]);
        assert_eq!(p("2024-H2").parts(), vec![p("2024-Q3"), p("2024-Q4")]);
        assert_eq!(
            p("2024-Q2").parts(),
            vec![p("2024-04"), p("2024-05"), p("2024-06")]
        );
        assert!(p("2024-05").parts().is_empty());
        for s in ["2024", "2024-H2", "2024-Q3", "2024-07"] {
            let (a, n) = p(s).parts_array();
            assert_eq!(a[..n].to_vec(), p(s).parts(), "{s}");
        }
        let all = p("2024").all_inside();
        assert_eq!(all.len(), 1 + 2 + 4 + 12);
        assert!(all.iter().all(|q| p("2024").contains(*q)));
    }

    #[test]
    fn deadlines_labels_and_elapsed_share() {
        assert_eq!(p("2024-Q1").default_deadline(), d(2024, 3, 20));
        assert_eq!(p("2024-H1").default_deadline(), d(2024, 6, 20));
        assert_eq!(p("2024").default_deadline(), d(2024, 12, 20));
        assert_eq!(p("2024-H1").label(), "6 tháng đầu năm 2024");
        assert_eq!(p("2024-Q2").label(), "quý II năm 2024");
        assert_eq!(p("2024-05").label(), "tháng 5 năm 2024");
        assert_eq!(p("2024").elapsed_share(d(2023, 12, 31)), 0.0);
        assert_eq!(p("2024").elapsed_share(d(2025, 1, 1)), 1.0);
        let half = p("2024").elapsed_share(d(2024, 7, 1));
        assert!((half - 183.0 / 366.0).abs() < 1e-9, "{half}");
        assert_eq!(Period::quarter_of(d(2024, 8, 3)), p("2024-Q3"));
    }
}
