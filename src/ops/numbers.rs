//! Numbers the office controls, the same for both faces: reserving a number for a document
//! issued on paper outside the program, voiding a number (hủy số), and the number a year starts
//! at. The register and symbol are those the office's own documents of the kind are issued
//! under, as drafting gives them.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::error::Result;
use crate::model::{DocKind, Entry};
use crate::store::facts::{self, Scope};
use crate::store::{Store, numbers};

pub use crate::store::numbers::Reservation;

/// The register and the symbol of the office's own documents of `kind` on `date`
/// (`("ỦY BAN NHÂN DÂN XÃ A", "QĐ-UBND")`).
pub fn register_of(store: &Store, kind: DocKind, date: NaiveDate) -> Result<(String, String)> {
    let unit = super::documents::unit_or_office(store, None)?;
    let f = facts::load(
        store.conn(),
        Scope {
            unit_id: unit.id,
            team_id: None,
            history: false,
        },
    )?;
    let issuer = crate::document::issuer::issuer(&f, date);
    Ok((
        issuer.issuing_body.join(" "),
        f.symbols.for_kind(kind, &issuer.symbol_org),
    ))
}

/// Reserves a number of the office's `kind` documents on `date` (`number`, or the next of the
/// year) with a reason; the register shows it «Giữ số».
pub fn reserve(
    store: &mut Store,
    kind: DocKind,
    number: Option<u32>,
    date: NaiveDate,
    reason: &str,
    now: NaiveDateTime,
) -> Result<Entry> {
    let (register, symbol) = register_of(store, kind, date)?;
    let r = Reservation {
        kind,
        register,
        symbol,
        number,
        date,
        reason: reason.to_string(),
    };
    store.transaction(|tx| numbers::reserve(tx, &r, now))
}

/// Voids the number of register entry `id` with a reason on `day`; the register shows it «Đã
/// hủy» and the number is never given again.
pub fn void(store: &mut Store, id: i64, reason: &str, day: NaiveDate) -> Result<Entry> {
    store.transaction(|tx| numbers::void(tx, id, reason, day))
}

/// Voids number `number` of the office's `kind` documents of `year`.
pub fn void_number(
    store: &mut Store,
    kind: DocKind,
    year: i32,
    number: u32,
    reason: &str,
    day: NaiveDate,
) -> Result<Entry> {
    let date = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(day);
    let (register, _) = register_of(store, kind, date)?;
    store.transaction(|tx| {
        let e = numbers::holding(tx, &register, year, number)?;
        numbers::void(tx, e.id, reason, day)
    })
}

/// The office's `kind` documents of `year` continue at `next`: the next issue takes it.
pub fn start(store: &mut Store, kind: DocKind, year: i32, next: u32) -> Result<()> {
    let date = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| {
        crate::error::Error::bad_value(
            crate::error::Field::Year,
            year.to_string(),
            "năm không hợp lệ",
        )
    })?;
    let (register, _) = register_of(store, kind, date)?;
    store.transaction(|tx| numbers::start(tx, &register, year, next))
}

/// The next number of the office's `kind` documents in `year` (what `start` changes).
pub fn next_of(store: &Store, kind: DocKind, year: i32) -> Result<u32> {
    let date = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let (register, _) = register_of(store, kind, date)?;
    crate::store::documents::next_number(store.conn(), &register, date.year())
}
