//! The rules a member's fields follow, one of each, used by the member form, the roster import
//! and the store alike: the range of a year of birth (a member is 14 or older), the phone
//! normaliser and validator, the e-mail rule. And `NewMember`, the fields of a person joining a
//! team.

use chrono::{Datelike, NaiveDate};

use super::{Gender, Role};
use crate::error::{Error, Field, Result};

/// The earliest year of birth accepted.
pub const OLDEST_BIRTH_YEAR: i32 = 1900;

/// The youngest age a member may have (domain.md: members are 14 or older).
pub const MIN_AGE: i32 = 14;

/// The years of birth accepted on `today`: 1900 to the year a 14-year-old was born.
pub fn birth_years(today: NaiveDate) -> std::ops::RangeInclusive<i32> {
    OLDEST_BIRTH_YEAR..=today.year() - MIN_AGE
}

/// Why a year of birth is refused on `today`, in Vietnamese, or `None` when it is accepted.
pub fn birth_year_problem(year: i32, today: NaiveDate) -> Option<String> {
    let range = birth_years(today);
    (!range.contains(&year)).then(|| {
        format!(
            "năm sinh ngoài khoảng hợp lý {}–{}",
            range.start(),
            range.end()
        )
    })
}

/// Keeps the digits of a phone number, with a leading zero restored when a spreadsheet dropped it
/// (`912345678` → `0912345678`) and `+84` turned into `0`. `None` when there is no digit.
pub fn normalize_phone(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let digits =
        if s.trim_start().starts_with("+84") || digits.starts_with("84") && digits.len() == 11 {
            format!("0{}", &digits[2..])
        } else if digits.len() == 9 && !digits.starts_with('0') {
            format!("0{digits}")
        } else {
            digits
        };
    Some(digits)
}

/// Whether a normalised phone number looks like a Vietnamese one (10 digits starting with 0, or
/// a landline of 10–11 digits).
pub fn phone_is_valid(phone: &str) -> bool {
    phone.starts_with('0') && (10..=11).contains(&phone.len())
}

/// Why a phone number as typed is refused, or the normalised number (`None` when blank).
pub fn check_phone(text: &str) -> std::result::Result<Option<String>, &'static str> {
    match normalize_phone(text) {
        Some(p) if phone_is_valid(&p) => Ok(Some(p)),
        Some(_) => Err("số điện thoại không hợp lệ (cần 10 hoặc 11 chữ số, bắt đầu bằng 0)"),
        None if text.trim().is_empty() => Ok(None),
        None => Err("số điện thoại không có chữ số"),
    }
}

/// Whether an e-mail address looks valid: one `@`, something before it, a dotted domain after it
/// that neither starts nor ends with a dot, no white space.
pub fn email_is_valid(e: &str) -> bool {
    let mut parts = e.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(user), Some(domain), None) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !e.contains(char::is_whitespace)
        }
        _ => false,
    }
}

/// The person fields of a member and the membership to open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewMember {
    /// Full name.
    pub full_name: String,
    /// Năm sinh.
    pub year_of_birth: Option<i32>,
    /// Giới tính.
    pub gender: Option<Gender>,
    /// Số điện thoại.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Chức vụ, đơn vị công tác.
    pub position: Option<String>,
    /// Đã tập huấn.
    pub trained: bool,
    /// Team to join.
    pub team_id: i64,
    /// Role on the team (`None` reads as Thành viên).
    pub role: Option<Role>,
    /// Joined on.
    pub joined_on: Option<NaiveDate>,
    /// Decision that added the member.
    pub joined_decision: Option<String>,
}

/// Checks a person's fields against the rules above, the first fault as `Error::BadValue` naming
/// the field: what the store refuses whatever face the member came from.
pub fn check_person(
    full_name: &str,
    year_of_birth: Option<i32>,
    phone: Option<&str>,
    email: Option<&str>,
    today: NaiveDate,
) -> Result<()> {
    if full_name.trim().is_empty() {
        return Err(Error::bad_value(Field::Name, "", "họ và tên để trống"));
    }
    if let Some(y) = year_of_birth
        && let Some(reason) = birth_year_problem(y, today)
    {
        return Err(Error::bad_value(Field::BirthYear, y.to_string(), reason));
    }
    if let Some(p) = phone
        && let Err(reason) = check_phone(p)
    {
        return Err(Error::bad_value(Field::Phone, p, reason));
    }
    if let Some(e) = email.filter(|e| !e.trim().is_empty())
        && !email_is_valid(e.trim())
    {
        return Err(Error::bad_value(
            Field::Email,
            e,
            "địa chỉ email không hợp lệ",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, 6, 1).expect("date")
    }

    #[test]
    fn phones_normalise() {
        let cases = [
            ("0912 345 678", Some("0912345678")),
            ("912345678", Some("0912345678")),
            ("+84 912 345 678", Some("0912345678")),
            ("0236.3812.345", Some("02363812345")),
            ("", None),
        ];
        for (s, want) in cases {
            assert_eq!(normalize_phone(s).as_deref(), want, "{s}");
        }
        assert!(phone_is_valid("0912345678"));
        assert!(!phone_is_valid("12345"));
        assert_eq!(check_phone(" "), Ok(None));
        assert!(check_phone("12345").is_err());
        assert!(check_phone("không có").is_err());
    }

    #[test]
    fn one_birth_year_range_and_one_email_rule() {
        assert_eq!(birth_years(d(2026)), 1900..=2012);
        assert!(birth_year_problem(2012, d(2026)).is_none());
        assert!(birth_year_problem(2013, d(2026)).is_some());
        assert!(birth_year_problem(1899, d(2026)).is_some());
        assert!(email_is_valid("a.b@danang.gov.vn"));
        for bad in [
            "a.b@danang",
            "a@b@c.vn",
            "@x.vn",
            "a b@x.vn",
            "a@.vn",
            "a@x.",
        ] {
            assert!(!email_is_valid(bad), "{bad}");
        }
        assert!(matches!(
            check_person("A", Some(2020), None, None, d(2026)),
            Err(Error::BadValue {
                field: Field::BirthYear,
                ..
            })
        ));
        assert!(matches!(
            check_person("A", None, None, Some("a@b"), d(2026)),
            Err(Error::BadValue {
                field: Field::Email,
                ..
            })
        ));
        assert!(check_person("A", Some(1990), Some("0912345678"), None, d(2026)).is_ok());
    }
}
