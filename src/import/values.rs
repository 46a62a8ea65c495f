//! Values as people type them into a roster: phones with dots, spaces, dashes or +84; years
//! as 1985, '85 or a whole date of birth (text or an Excel date serial); gender from a «Giới
//! tính» column or from «Nam»/«Nữ» sub-columns (never guessed from a name); roles as «TT»,
//! «Tổ trưởng tổ CNSCĐ», «TP», «Phó tổ trưởng»; «Đã tập huấn» marks. Pure parsers: a cell in,
//! a value or a Vietnamese reason out.

use chrono::{Datelike, NaiveDate};

use super::table::Cell;
use crate::model::{Gender, Role};
use crate::vietnamese::search_key;

/// A value that could not be read: what was written and why, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// The cell as written.
    pub value: String,
    /// Why it was not read.
    pub reason: String,
}

impl ValueError {
    fn new(value: impl Into<String>, reason: impl Into<String>) -> ValueError {
        ValueError {
            value: value.into(),
            reason: reason.into(),
        }
    }
}

/// A phone number read from a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// Ten digits for a mobile (`0912345678`), eleven for a landline (`02363123456`).
    pub number: String,
    /// Further numbers written in the same cell (`0912… / 0905…`), normalised the same way:
    /// the importer keeps the first and may say so.
    pub others: Vec<String>,
}

/// Mobile prefixes of 11-digit numbers renamed in 2018 (Bộ TT&TT, Thông tư 22/2014 and the
/// 2018 conversion plan): an old list still has them.
const OLD_MOBILE: &[(&str, &str)] = &[
    ("0162", "032"),
    ("0163", "033"),
    ("0164", "034"),
    ("0165", "035"),
    ("0166", "036"),
    ("0167", "037"),
    ("0168", "038"),
    ("0169", "039"),
    ("0120", "070"),
    ("0121", "079"),
    ("0122", "077"),
    ("0126", "076"),
    ("0128", "078"),
    ("0123", "083"),
    ("0124", "084"),
    ("0125", "085"),
    ("0127", "081"),
    ("0129", "082"),
    ("0186", "056"),
    ("0188", "058"),
    ("0199", "059"),
];

/// Reads a phone cell: `0912.345.678`, `0912 345 678`, `0912-345-678`, `(+84) 912 345 678`,
/// `84912345678`, a number cell that lost its leading zero (`912345678`), an old 11-digit mobile
/// (`01689…` → `0389…`), a landline (`0236 3822 123`), a label before it (`ĐT: …`) or a note
/// in brackets after it (`(Zalo)`). Several numbers in one cell (`/`, `;`, `,`, ` - `, «hoặc»):
/// the first, the others in `others`. Blank: `None`.
pub fn parse_phone(cell: &Cell) -> Result<Option<Phone>, ValueError> {
    // A mobile number written plainly, as most rows have it, is taken as it is.
    if let Cell::Text(s) = cell
        && let t = s.trim()
        && t.len() == 10
        && t.bytes().all(|b| b.is_ascii_digit())
        && matches!(&t[..2], "03" | "05" | "07" | "08" | "09")
    {
        return Ok(Some(Phone {
            number: t.to_string(),
            others: Vec::new(),
        }));
    }
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) if n.fract() == 0.0 && *n > 0.0 && *n < 1e13 => format!("{}", *n as i64),
        Cell::Text(s) => s.trim().to_string(),
        other => return Err(ValueError::new(other.text(), "không phải số điện thoại")),
    };
    if text.is_empty() {
        return Ok(None);
    }
    let mut numbers = Vec::new();
    for part in split_numbers(&text) {
        numbers.push(one_phone(part).map_err(|reason| ValueError::new(&text, reason))?);
    }
    let mut numbers = numbers.into_iter();
    let Some(number) = numbers.next() else {
        return Err(ValueError::new(&text, "không có chữ số nào"));
    };
    Ok(Some(Phone {
        number,
        others: numbers.collect(),
    }))
}

/// The parts of a cell that each hold one number.
fn split_numbers(text: &str) -> Vec<&str> {
    text.split("hoặc")
        .flat_map(|p| p.split("Hoặc"))
        .flat_map(|p| p.split(['/', ';', ',', '\n']))
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" – "))
        .map(str::trim)
        .filter(|p| p.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

/// One number: the reason in Vietnamese when it is not a Vietnamese phone number.
fn one_phone(part: &str) -> Result<String, String> {
    // A note in brackets (`(Zalo)`, `(cơ quan)`) goes, but not a bracketed `+84` or area code.
    let mut s = String::with_capacity(part.len());
    let mut depth = 0;
    let mut bracket = String::new();
    for c in part.chars() {
        match c {
            '(' => {
                depth += 1;
                bracket.clear();
            }
            ')' if depth > 0 => {
                depth -= 1;
                if bracket
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '.' | '-'))
                {
                    s.push_str(&bracket);
                    s.push(' ');
                }
            }
            _ if depth > 0 => bracket.push(c),
            _ => s.push(c),
        }
    }
    // A label before the number: `ĐT: …`, `DĐ …`, `Zalo …`.
    let start = s
        .find(|c: char| c.is_ascii_digit() || c == '+')
        .unwrap_or(s.len());
    let (label, body) = s.split_at(start);
    if label.chars().filter(|c| c.is_alphabetic()).count() > 6 {
        return Err("không phải số điện thoại".into());
    }
    if body
        .chars()
        .any(|c| !(c.is_ascii_digit() || matches!(c, '+' | '.' | '-' | ' ' | '\u{a0}' | '_')))
    {
        return Err("số điện thoại chỉ gồm chữ số (có thể cách bằng dấu chấm, dấu cách)".into());
    }
    let plus = body.trim_start().starts_with('+');
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let national = if plus {
        match digits.strip_prefix("84") {
            Some(rest) => format!("0{}", rest.trim_start_matches('0')),
            None => return Err("chỉ nhận số điện thoại Việt Nam (+84)".into()),
        }
    } else if let Some(rest) = digits.strip_prefix("0084") {
        format!("0{rest}")
    } else if digits.starts_with("84") && (digits.len() == 11 || digits.len() == 12) {
        format!("0{}", digits[2..].trim_start_matches('0'))
    } else if !digits.starts_with('0') && (digits.len() == 9 || digits.len() == 10) {
        // A number cell drops the leading zero.
        format!("0{digits}")
    } else {
        digits
    };
    let national = match OLD_MOBILE
        .iter()
        .find(|(old, _)| national.len() == 11 && national.starts_with(old))
    {
        Some((old, new)) => format!("{new}{}", &national[old.len()..]),
        None => national,
    };
    let mobile = national.len() == 10 && matches!(&national[..2], "03" | "05" | "07" | "08" | "09");
    let landline = national.len() == 11 && national.starts_with("02");
    if mobile || landline {
        Ok(national)
    } else {
        Err(format!(
            "số điện thoại không hợp lệ («{national}»: cần 10 chữ số bắt đầu bằng 03, 05, 07, 08, \
             09, hoặc số cố định 11 chữ số bắt đầu bằng 02)"
        ))
    }
}

/// A year of birth, and whether it came from a whole date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BirthYear {
    /// The year.
    pub year: i32,
    /// Whether the cell held a whole date of birth (its day and month are not kept).
    pub from_date: bool,
}

/// The youngest and oldest ages a member is read with: a member is at least 14 years old (the
/// roster's rule); a two-digit year is read only where it gives an age of at most 90.
const MIN_AGE: i32 = 14;
const MAX_AGE_TWO_DIGITS: i32 = 90;

/// Reads a year of birth: `1985` (text or number), a whole date of birth (`05/03/1985`,
/// `5/3/85`, `1985-03-05`, `05.03.1985`, `03/1985`, a date cell, an Excel date serial such as
/// `31111`), or a two-digit year (`'85`, `85`).
///
/// The two-digit rule: `yy` is read as 19yy or 20yy when exactly one of them gives an age
/// between 14 and 90 in `today`'s year, and is refused otherwise. In 2026: `'36`–`'99` are
/// 1936–1999, `'00`–`'12` are 2000–2012, `'13`–`'35` are refused. A year outside 1900 …
/// (this year − 14) is refused.
pub fn parse_birth_year(cell: &Cell, today: NaiveDate) -> Result<Option<BirthYear>, ValueError> {
    let this_year = today.year();
    let max = this_year - MIN_AGE;
    let check = |year: i32, from_date: bool, written: &str| {
        if (1900..=max).contains(&year) {
            Ok(Some(BirthYear { year, from_date }))
        } else {
            Err(ValueError::new(
                written,
                format!("năm sinh ngoài khoảng hợp lý 1900–{max}"),
            ))
        }
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => check(d.year(), true, &cell.text()),
        // A year in range, as most rows have it, needs no text for a message.
        Cell::Number(n) if n.fract() == 0.0 && (1900.0..=f64::from(max)).contains(n) => {
            Ok(Some(BirthYear {
                year: *n as i32,
                from_date: false,
            }))
        }
        Cell::Number(n) if n.fract() == 0.0 => {
            let n = *n as i64;
            let written = n.to_string();
            match n {
                0..=99 => two_digit(n as i32, this_year, &written).map(Some),
                1000..=9999 => check(n as i32, false, &written),
                10_000..=99_999 => match excel_serial(n) {
                    Some(d) => check(d.year(), true, &written),
                    None => Err(ValueError::new(written, "năm sinh không hợp lệ")),
                },
                _ => Err(ValueError::new(written, "năm sinh không hợp lệ")),
            }
        }
        Cell::Text(s) => {
            let s = s.trim();
            let t = s
                .trim_start_matches(['\'', '’', '‘'])
                .trim_start_matches("năm ")
                .trim_start_matches("Năm ")
                .trim();
            if t.is_empty() {
                return Ok(None);
            }
            if t.bytes().all(|b| b.is_ascii_digit()) {
                return match t.len() {
                    2 => two_digit(t.parse().unwrap_or(-1), this_year, s).map(Some),
                    4 => check(t.parse().unwrap_or(0), false, s),
                    5 => match t.parse().ok().and_then(excel_serial) {
                        Some(d) => check(d.year(), true, s),
                        None => Err(ValueError::new(s, "năm sinh không hợp lệ")),
                    },
                    _ => Err(ValueError::new(
                        s,
                        "năm sinh phải là một số năm (1985) hoặc ngày sinh (05/03/1985)",
                    )),
                };
            }
            match date_year(t, this_year) {
                Some(Ok(y)) => check(y, true, s),
                Some(Err(reason)) => Err(ValueError::new(s, reason)),
                None => Err(ValueError::new(
                    s,
                    "năm sinh phải là một số năm (1985) hoặc ngày sinh (05/03/1985)",
                )),
            }
        }
        other => Err(ValueError::new(other.text(), "năm sinh không hợp lệ")),
    }
}

/// The two-digit rule of `parse_birth_year`.
fn two_digit(yy: i32, this_year: i32, written: &str) -> Result<BirthYear, ValueError> {
    let fits = |y: i32| (MIN_AGE..=MAX_AGE_TWO_DIGITS).contains(&(this_year - y));
    match (fits(1900 + yy), fits(2000 + yy)) {
        (true, false) => Ok(BirthYear {
            year: 1900 + yy,
            from_date: false,
        }),
        (false, true) => Ok(BirthYear {
            year: 2000 + yy,
            from_date: false,
        }),
        _ => Err(ValueError::new(
            written,
            format!(
                "năm sinh hai chữ số «{yy:02}» không rõ là 19{yy:02} hay 20{yy:02}; hãy ghi đủ \
                 bốn chữ số"
            ),
        )),
    }
}

/// The day an Excel serial names (1900 date system, with its phantom 29/02/1900), for serials
/// from 1900 to 2173.
pub fn excel_serial(serial: i64) -> Option<NaiveDate> {
    if !(1..=100_000).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let serial = if serial < 61 { serial + 1 } else { serial };
    base.checked_add_days(chrono::Days::new(serial as u64))
}

/// The year of a written date: `Some(Ok(year))`, `Some(Err(reason))` for a date that cannot
/// be, `None` when the text is not a date at all.
fn date_year(t: &str, this_year: i32) -> Option<Result<i32, String>> {
    let parts: Vec<&str> = t
        .split(['/', '-', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let nums: Vec<i32> = parts.iter().map(|p| p.parse().unwrap_or(-1)).collect();
    let year_of = |p: &str, n: i32| -> Result<i32, String> {
        match p.len() {
            4 => Ok(n),
            2 => two_digit(n, this_year, p)
                .map(|b| b.year)
                .map_err(|e| e.reason),
            _ => Err("năm của ngày sinh không rõ".into()),
        }
    };
    let valid = |y: i32, m: i32, d: i32| {
        NaiveDate::from_ymd_opt(y, m.max(0) as u32, d.max(0) as u32).is_some()
    };
    Some(match (parts.as_slice(), nums.as_slice()) {
        // yyyy-mm-dd
        ([y, _, _], [yn, m, d]) if y.len() == 4 => {
            if valid(*yn, *m, *d) {
                Ok(*yn)
            } else {
                Err("ngày sinh không có thật".into())
            }
        }
        // dd/mm/yyyy (or mm/dd/yyyy from an English Excel: the year is the same).
        ([_, _, y], [d, m, _]) => year_of(y, nums[2]).and_then(|yn| {
            if valid(yn, *m, *d) || valid(yn, *d, *m) {
                Ok(yn)
            } else {
                Err("ngày sinh không có thật".into())
            }
        }),
        // mm/yyyy
        ([_, y], [m, _]) if y.len() == 4 && (1..=12).contains(m) => Ok(nums[1]),
        _ => return None,
    })
}

/// Reads a «Giới tính» cell: `Nam`, `Nữ` (any case, accents optional), `M`/`F`, `Male`/
/// `Female`. Blank: `None`. Anything else is refused: gender is never guessed from a name.
pub fn parse_gender(cell: &Cell) -> Result<Option<Gender>, ValueError> {
    // The words as forms write them, without making a key.
    match cell {
        Cell::Empty => return Ok(None),
        Cell::Text(t) => match t.trim() {
            "" => return Ok(None),
            "Nam" | "nam" | "NAM" => return Ok(Some(Gender::Male)),
            "Nữ" | "nữ" | "NỮ" => return Ok(Some(Gender::Female)),
            _ => {}
        },
        _ => {}
    }
    let text = cell.text();
    let key = search_key(text.trim().trim_end_matches('.'));
    match key.as_str() {
        "" => Ok(None),
        "nam" | "male" | "m" => Ok(Some(Gender::Male)),
        "nu" | "female" | "f" => Ok(Some(Gender::Female)),
        _ => Err(ValueError::new(
            text.trim(),
            "giới tính phải là Nam hoặc Nữ",
        )),
    }
}

/// The gender a sub-header names: `Nam` or `Nữ` under «Năm sinh» or «Giới tính».
pub fn gender_of_subheader(text: &str) -> Option<Gender> {
    match search_key(text.trim()).as_str() {
        "nam" => Some(Gender::Male),
        "nu" => Some(Gender::Female),
        _ => None,
    }
}

/// A year written under «Năm sinh» split into «Nam» | «Nữ» columns: the column holding it
/// gives the gender too. `cells` are each column's sub-header and cell. A year in both is
/// refused; none gives `(None, None)`. With one unsplit column, the gender stays unknown.
pub fn year_and_gender(
    cells: &[(Option<&str>, &Cell)],
    today: NaiveDate,
) -> Result<(Option<BirthYear>, Option<Gender>), ValueError> {
    let filled: Vec<&(Option<&str>, &Cell)> = cells.iter().filter(|(_, c)| !c.is_empty()).collect();
    match filled.as_slice() {
        [] => Ok((None, None)),
        [(sub, cell)] => {
            let year = parse_birth_year(cell, today)?;
            Ok((year, sub.and_then(gender_of_subheader)))
        }
        _ => Err(ValueError::new(
            filled
                .iter()
                .map(|(_, c)| c.text())
                .collect::<Vec<_>>()
                .join(" | "),
            "năm sinh ghi ở cả cột Nam và cột Nữ; chỉ ghi ở một cột",
        )),
    }
}

/// A gender marked with an `x` under «Giới tính» split into «Nam» | «Nữ» columns.
pub fn gender_from_marks(cells: &[(Option<&str>, &Cell)]) -> Result<Option<Gender>, ValueError> {
    let mut found = None;
    for (sub, cell) in cells {
        if cell.is_empty() {
            continue;
        }
        let g = match (sub.and_then(gender_of_subheader), is_mark(cell)) {
            (Some(g), true) => g,
            _ => {
                return Err(ValueError::new(
                    cell.text(),
                    "đánh dấu x vào cột Nam hoặc cột Nữ",
                ));
            }
        };
        if found.is_some_and(|f| f != g) {
            return Err(ValueError::new(
                cell.text(),
                "giới tính đánh dấu ở cả cột Nam và cột Nữ",
            ));
        }
        found = Some(g);
    }
    Ok(found)
}

/// Reads a role: `Tổ trưởng`, `TT`, `Trưởng tổ`, `tổ trưởng tổ CNSCĐ`; `Tổ phó`, `TP`, `Phó
/// tổ trưởng`; `Thành viên`, `TV`; with a note in brackets ignored (`Tổ trưởng (Trưởng
/// thôn)`). Blank: `None` (the importer takes Thành viên).
pub fn parse_role(cell: &Cell) -> Result<Option<Role>, ValueError> {
    // The labels exports write, taken as they are: a national roster has 350,000 of them.
    if let Cell::Text(t) = cell
        && let Some(r) = Role::ALL.into_iter().find(|r| r.label() == t)
    {
        return Ok(Some(r));
    }
    let text = cell.text();
    let bare = match text.find('(') {
        Some(i) if i > 0 => &text[..i],
        _ => text.as_str(),
    };
    let key: String = search_key(bare)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    for tail in [
        " to cong nghe so cong dong",
        " to cnscd",
        " to cns",
        " cua to",
        " to",
    ] {
        if let Some(rest) = key.strip_suffix(tail)
            && !rest.is_empty()
        {
            key = rest.to_string();
            break;
        }
    }
    match key.as_str() {
        "" => Ok(None),
        "tt" | "t t" | "to truong" | "truong to" | "truong" | "leader" => Ok(Some(Role::Leader)),
        "tp" | "t p" | "to pho" | "pho to truong" | "pho to" | "pho truong to" | "pho"
        | "deputy" => Ok(Some(Role::Deputy)),
        "tv" | "t v" | "thanh vien" | "member" => Ok(Some(Role::Member)),
        _ => Err(ValueError::new(
            text.trim(),
            "chức vụ trong Tổ phải là Tổ trưởng (TT), Tổ phó (TP) hoặc Thành viên (TV)",
        )),
    }
}

/// Whether a cell is a tick: `x`, `X`, `✓`, `✔`, `√`, `v`, `1`, `có`.
fn is_mark(cell: &Cell) -> bool {
    match cell {
        Cell::Bool(b) => *b,
        Cell::Number(n) => *n == 1.0,
        Cell::Text(s) if matches!(s.trim(), "x" | "X" | "có" | "Có" | "1") => true,
        Cell::Text(s) if matches!(s.trim(), "" | "không" | "Không" | "chưa" | "Chưa") => false,
        Cell::Text(s) => matches!(
            search_key(s.trim()).as_str(),
            "x" | "✓" | "✔" | "√" | "v" | "1" | "co" | "+"
        ),
        _ => false,
    }
}

/// Reads «Đã tập huấn»: `x`, `có`, `đã`, `rồi`, `✓`, `1`, a date (trained that day) … are yes;
/// `không`, `chưa`, `0`, `-` and a blank cell are no. `column` is `None` when the file has no
/// such column: then it is unknown (`None`), never no.
pub fn parse_trained(column: Option<&Cell>) -> Result<Option<bool>, ValueError> {
    let Some(cell) = column else {
        return Ok(None);
    };
    if is_mark(cell) {
        return Ok(Some(true));
    }
    match cell {
        Cell::Empty => return Ok(Some(false)),
        Cell::Text(t) if matches!(t.trim(), "" | "không" | "Không" | "chưa" | "Chưa") => {
            return Ok(Some(false));
        }
        _ => {}
    }
    let text = cell.text();
    match cell {
        Cell::Date(_) => return Ok(Some(true)),
        Cell::Bool(false) => return Ok(Some(false)),
        Cell::Number(n) if *n == 0.0 => return Ok(Some(false)),
        _ => {}
    }
    let key = search_key(text.trim().trim_end_matches('.'));
    let yes = [
        "da",
        "roi",
        "da tap huan",
        "co tap huan",
        "yes",
        "y",
        "true",
        "dat",
    ];
    let no = [
        "",
        "khong",
        "chua",
        "chua tap huan",
        "k",
        "0",
        "-",
        "–",
        "no",
        "n",
        "false",
    ];
    if yes.contains(&key.as_str()) || key.starts_with("da tap huan ") {
        Ok(Some(true))
    } else if no.contains(&key.as_str()) {
        Ok(Some(false))
    } else if crate::vietnamese::parse_date(&text).is_some() {
        Ok(Some(true))
    } else {
        Err(ValueError::new(
            text.trim(),
            "đã tập huấn ghi «x»/«có» hoặc để trống/«chưa»",
        ))
    }
}

#[cfg(test)]
mod tests;
