//! Numbers of the register the office controls: a number held for a document issued on paper
//! outside the program (giữ số: an entry of its own, with the reason), a number voided (hủy
//! số: it stays on its entry with the reason), and the number the year starts at (an office that
//! issued 37 documents before using the program continues at 38). A reserved or voided number
//! keeps its place in the register, so neither the next number nor a number typed by hand can
//! take it.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use super::date_sql;
use super::documents::{get, next_number};
use crate::error::{Error, Field, Result};
use crate::model::{DocKind, Entry, Status};
use crate::vietnamese::nfc;

/// Why number `n` of `register` in `year` cannot be given to entry `except` (another entry
/// holds it, reserved, voided or issued), as the clerk reads it; `None` when it is free.
pub fn taken(
    conn: &Connection,
    register: &str,
    year: i32,
    n: u32,
    except: Option<i64>,
) -> Result<Option<String>> {
    let holder: Option<(String, Option<String>, Option<String>)> = conn
        .prepare_cached(
            "SELECT summary, reserved_for, void_reason FROM documents WHERE register = ?1 \
             AND year = ?2 AND number = ?3 AND id IS NOT ?4",
        )?
        .query_row(params![register, year, n, except], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(
        holder.map(|(summary, reserved, voided)| match (reserved, voided) {
            (_, Some(why)) => format!("số {n} năm {year} đã hủy («{why}») và không cấp lại"),
            (Some(why), None) => format!("số {n} năm {year} đang được giữ («{why}»)"),
            (None, None) => format!("số {n} năm {year} đã cấp cho văn bản «{summary}»"),
        }),
    )
}

/// The reason a clerk typed, cleaned; refused when empty.
fn reason(text: &str) -> Result<String> {
    let r = nfc(text.trim());
    if r.is_empty() {
        return Err(Error::bad_value(
            Field::Text("Lý do"),
            "",
            "hãy ghi lý do (bắt buộc)",
        ));
    }
    Ok(r)
}

/// What a reserved number records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reservation {
    /// The kind of the document issued on paper.
    pub kind: DocKind,
    /// The register the number comes from (the issuing body).
    pub register: String,
    /// The symbol after the number (`QĐ-UBND`).
    pub symbol: String,
    /// The number; `None`: the next of the year.
    pub number: Option<u32>,
    /// The date of the paper document (its year is the number's).
    pub date: NaiveDate,
    /// Why (the paper document's trích yếu, or what the number is kept for).
    pub reason: String,
}

/// Reserves a number: a register entry of its own with the number, the date and the reason.
/// A number already held is refused; the year's counter moves past it.
pub fn reserve(conn: &Connection, r: &Reservation, now: NaiveDateTime) -> Result<Entry> {
    let why = reason(&r.reason)?;
    let year = r.date.year();
    let n = match r.number {
        None => next_number(conn, &r.register, year)?,
        Some(0) => {
            return Err(Error::bad_value(
                Field::DocNumber,
                "0",
                "số văn bản bắt đầu từ 1",
            ));
        }
        Some(n) => {
            if let Some(why) = taken(conn, &r.register, year, n, None)? {
                return Err(Error::bad_value(Field::DocNumber, n.to_string(), why));
            }
            n
        }
    };
    conn.prepare_cached(
        "INSERT INTO documents (kind, summary, created, status, register, symbol, year, number, \
         issued_on, note, reserved_for) VALUES (?1, ?2, ?3, 'issued', ?4, ?5, ?6, ?7, ?8, ?9, ?2)",
    )?
    .execute(params![
        r.kind.code(),
        why,
        now.format("%Y-%m-%d %H:%M:%S").to_string(),
        nfc(&r.register),
        nfc(&r.symbol),
        year,
        n,
        date_sql(Some(r.date)),
        format!("Giữ số: {why}"),
    ])?;
    let id = conn.last_insert_rowid();
    bump(conn, &r.register, year, n)?;
    get(conn, id)
}

/// The year's counter moves up to `n` (never down).
fn bump(conn: &Connection, register: &str, year: i32, n: u32) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO document_counters (register, year, last) VALUES (?1, ?2, ?3) \
         ON CONFLICT(register, year) DO UPDATE SET last = max(last, excluded.last)",
    )?
    .execute(params![register, year, n])?;
    Ok(())
}

/// The entry holding number `n` of `register` in `year`.
pub fn holding(conn: &Connection, register: &str, year: i32, n: u32) -> Result<Entry> {
    let id: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM documents WHERE register = ?1 AND year = ?2 AND number = ?3",
        )?
        .query_row(params![register, year, n], |r| r.get(0))
        .optional()?;
    match id {
        Some(id) => get(conn, id),
        None => Err(Error::NotFound(format!(
            "số {n} năm {year} trong sổ đăng ký của {register}"
        ))),
    }
}

/// Voids the number of entry `id` on `day` with a reason: the entry stays in the register marked
/// «đã hủy», its number is never given again. A draft (no number yet) is withdrawn instead; a
/// number voided already is refused.
pub fn void(conn: &Connection, id: i64, why: &str, day: NaiveDate) -> Result<Entry> {
    let why = reason(why)?;
    let entry = get(conn, id)?;
    match entry.status {
        Status::Draft => {
            return Err(Error::not_allowed(format!(
                "Văn bản «{}» chưa có số; dự thảo thì xóa, không hủy số.",
                entry.summary
            )));
        }
        Status::Voided => {
            return Err(Error::not_allowed(format!(
                "Số {} đã hủy từ trước («{}»).",
                entry.reference(),
                entry.reason
            )));
        }
        Status::Issued | Status::Signed | Status::Reserved => {}
    }
    let note = if entry.note.is_empty() {
        format!("Hủy số: {why}")
    } else {
        format!("{}; hủy số: {why}", entry.note)
    };
    conn.prepare_cached(
        "UPDATE documents SET void_reason = ?2, voided_on = ?3, note = ?4 WHERE id = ?1",
    )?
    .execute(params![id, why, date_sql(Some(day)), note])?;
    get(conn, id)
}

/// Makes the next number of `register` in `year` `next` (the office issued `next - 1` documents
/// that year before using the program). Refused when a number at or above `next` is already
/// held that year: numbers only go up.
pub fn start(conn: &Connection, register: &str, year: i32, next: u32) -> Result<()> {
    if next == 0 {
        return Err(Error::bad_value(
            Field::DocNumber,
            "0",
            "số văn bản bắt đầu từ 1",
        ));
    }
    let now = next_number(conn, register, year)?;
    if now > next {
        return Err(Error::bad_value(
            Field::DocNumber,
            next.to_string(),
            format!(
                "sổ năm {year} đã dùng đến số {}; số tiếp theo là {now}, không lùi lại được",
                now - 1
            ),
        ));
    }
    bump(conn, register, year, next - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewDraft;
    use crate::store::{Store, documents};

    const REG: &str = "ỦY BAN NHÂN DÂN XÃ A";

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn held(c: &Connection, number: Option<u32>, date: NaiveDate, reason: &str) -> Result<Entry> {
        reserve(
            c,
            &Reservation {
                kind: DocKind::Plan,
                register: REG.into(),
                symbol: "KH-UBND".into(),
                number,
                date,
                reason: reason.into(),
            },
            date.and_hms_opt(8, 0, 0).unwrap(),
        )
    }

    #[test]
    fn reserved_and_voided_numbers_keep_their_place_and_the_year_starts_where_told() {
        let s = Store::open_in_memory().unwrap();
        let c = s.conn();
        start(c, REG, 2025, 38).unwrap();
        assert_eq!(documents::next_number(c, REG, 2025).unwrap(), 38);
        // Another year keeps its own numbering.
        assert_eq!(documents::next_number(c, REG, 2026).unwrap(), 1);
        let a = held(c, None, d(2025, 4, 2), "  Kế hoạch giấy ").unwrap();
        assert_eq!(
            (a.number, a.status, a.reason.as_str(), a.summary.as_str()),
            (Some(38), Status::Reserved, "Kế hoạch giấy", "Kế hoạch giấy")
        );
        assert!(held(c, Some(38), d(2025, 4, 3), "lần hai").is_err());
        assert!(
            held(c, None, d(2025, 4, 3), " ").is_err(),
            "a reason is required"
        );
        let b = held(c, Some(45), d(2025, 4, 3), "Dự phòng").unwrap();
        assert_eq!(documents::next_number(c, REG, 2025).unwrap(), 46);
        let b = void(c, b.id, "Nhầm", d(2025, 4, 4)).unwrap();
        assert_eq!((b.status, b.reason.as_str()), (Status::Voided, "Nhầm"));
        assert!(void(c, b.id, "Lần nữa", d(2025, 4, 4)).is_err());
        assert!(
            taken(c, REG, 2025, 45, None)
                .unwrap()
                .unwrap()
                .contains("đã hủy")
        );
        assert!(
            taken(c, REG, 2025, 38, None)
                .unwrap()
                .unwrap()
                .contains("đang được giữ")
        );
        assert_eq!(taken(c, REG, 2025, 39, None).unwrap(), None);
        // Numbers only go up; a draft has no number to void.
        assert!(start(c, REG, 2025, 40).is_err());
        start(c, REG, 2025, 50).unwrap();
        let draft = documents::record_draft(
            c,
            &NewDraft {
                kind: "plan".into(),
                summary: "Kế hoạch".into(),
                register: REG.into(),
                symbol: "KH-UBND".into(),
                ..NewDraft::default()
            },
            d(2025, 5, 1).and_hms_opt(8, 0, 0).unwrap(),
        )
        .unwrap();
        assert!(void(c, draft, "x", d(2025, 5, 1)).is_err());
        let issued = documents::issue(c, draft, d(2025, 5, 2)).unwrap();
        assert_eq!(issued.number, Some(50));
        assert!(documents::mark_signed(c, b.id, "ab").is_err());
        assert_eq!(holding(c, REG, 2025, 45).unwrap().id, b.id);
        assert_eq!(documents::gaps(c, REG, 2025).unwrap().len(), 37 + 10);
    }
}
