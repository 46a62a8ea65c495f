//! Indicator data in the database: the office's own indicators, values per unit and period, the
//! provenance and history of imports, yearly targets and report deadlines (migration 0002).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Field, Result};
use crate::model::Level;
use crate::model::{BUILTIN_COUNT, Catalogue, Indicator, Period};
pub use crate::model::{StoredValue, UnitValues};
use crate::vietnamese::nfc;

/// An indicator an office adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIndicator {
    /// Code (`vssid_installs`): lower-case letters, digits and `_`.
    pub code: String,
    /// Label as table headers print it.
    pub label: String,
    /// Unit of measure.
    pub measure: String,
    /// Sums over periods (`true`) or point-in-time (`false`).
    pub summable: bool,
    /// Counts distinct people or households: never summed over periods (so never summable),
    /// never more than the people there are.
    pub people: bool,
    /// Other headers that mean it.
    pub aliases: Vec<String>,
}

/// The catalogue in force: built-in plus the office's own indicators.
pub fn catalogue(conn: &Connection) -> Result<Catalogue> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, label, measure, summable, aliases, people FROM indicators \
         WHERE builtin = 0 AND retired = 0 ORDER BY id",
    )?;
    let custom = stmt
        .query_map([], |r| {
            let aliases: String = r.get(5)?;
            Ok(Indicator {
                id: r.get(0)?,
                code: r.get(1)?,
                label: r.get(2)?,
                measure: r.get(3)?,
                summable: r.get::<_, i64>(4)? != 0,
                people: r.get::<_, i64>(6)? != 0,
                aliases: aliases
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_string)
                    .collect(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Catalogue::with_custom(custom))
}

/// Adds an office's own indicator; refuses a code or a label that is already taken.
pub fn add_indicator(conn: &Connection, new: &NewIndicator) -> Result<Indicator> {
    let code = nfc(new.code.trim());
    let label = nfc(new.label.trim());
    if code.is_empty()
        || !code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(Error::bad_value(
            Field::Indicator,
            code,
            "mã chỉ tiêu chỉ dùng chữ thường không dấu, chữ số và dấu _",
        ));
    }
    if label.is_empty() {
        return Err(Error::bad_value(
            Field::Indicator,
            "",
            "tên chỉ tiêu không được để trống",
        ));
    }
    let existing = catalogue(conn)?;
    if existing.by_code(&code).is_some() {
        return Err(Error::not_allowed(format!("Mã chỉ tiêu {code} đã có.")));
    }
    if let Some(other) = existing.match_header(&label) {
        return Err(Error::not_allowed(format!(
            "Tên chỉ tiêu «{label}» trùng với chỉ tiêu {} («{}»).",
            other.code, other.label
        )));
    }
    let aliases: Vec<String> = new.aliases.iter().map(|a| nfc(a.trim())).collect();
    let measure = nfc(new.measure.trim());
    // People counted are never summed over periods.
    let summable = new.summable && !new.people;
    conn.prepare_cached(
        "INSERT INTO indicators (code, label, measure, summable, aliases, builtin, people) \
         VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)",
    )?
    .execute(params![
        code,
        label,
        measure,
        i64::from(summable),
        aliases.join("\n"),
        i64::from(new.people)
    ])?;
    let id = conn.last_insert_rowid();
    debug_assert!(id > BUILTIN_COUNT as i64);
    Ok(Indicator {
        id,
        code,
        label,
        measure,
        summable,
        people: new.people,
        aliases,
    })
}

/// An office's own indicator as the settings list it: retired ones too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnIndicator {
    /// The indicator.
    pub indicator: Indicator,
    /// No longer in the catalogue (its values kept).
    pub retired: bool,
}

/// The office's own indicators, retired ones included, in the order they were added.
pub fn own_indicators(conn: &Connection) -> Result<Vec<OwnIndicator>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, label, measure, summable, people, retired FROM indicators \
         WHERE builtin = 0 ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(OwnIndicator {
            indicator: Indicator {
                id: r.get(0)?,
                code: r.get(1)?,
                label: r.get(2)?,
                measure: r.get(3)?,
                summable: r.get::<_, i64>(4)? != 0,
                people: r.get::<_, i64>(5)? != 0,
                aliases: Vec::new(),
            },
            retired: r.get::<_, i64>(6)? != 0,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The office's own indicator `code`, or why it cannot be changed (a built-in one, none).
fn own_id(conn: &Connection, code: &str) -> Result<i64> {
    let row: Option<(i64, bool)> = conn
        .prepare_cached("SELECT id, builtin FROM indicators WHERE code = ?1")?
        .query_row([code.trim()], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)))
        .optional()?;
    match row {
        Some((_, true)) => Err(Error::not_allowed(format!(
            "Chỉ tiêu {code} là chỉ tiêu có sẵn của chương trình; chỉ đổi tên hoặc thôi dùng \
             được chỉ tiêu riêng của cơ quan."
        ))),
        Some((id, false)) => Ok(id),
        None => Err(Error::bad_value(
            Field::Indicator,
            code,
            "không có chỉ tiêu riêng nào mang mã này",
        )),
    }
}

/// Renames the office's own indicator `code`; refused when the label is another's.
pub fn rename_indicator(conn: &Connection, code: &str, label: &str) -> Result<()> {
    let id = own_id(conn, code)?;
    let label = nfc(label.trim());
    if label.is_empty() {
        return Err(Error::bad_value(
            Field::Indicator,
            "",
            "tên chỉ tiêu không được để trống",
        ));
    }
    if let Some(other) = catalogue(conn)?.match_header(&label)
        && other.id != id
    {
        return Err(Error::not_allowed(format!(
            "Tên chỉ tiêu «{label}» trùng với chỉ tiêu {} («{}»).",
            other.code, other.label
        )));
    }
    conn.prepare_cached("UPDATE indicators SET label = ?2 WHERE id = ?1")?
        .execute(params![id, label])?;
    Ok(())
}

/// Retires (or, `false`, brings back) the office's own indicator `code`: out of the
/// catalogue — sheets, grids, reports — with its stored values kept.
pub fn retire_indicator(conn: &Connection, code: &str, retired: bool) -> Result<()> {
    let id = own_id(conn, code)?;
    conn.prepare_cached("UPDATE indicators SET retired = ?2 WHERE id = ?1")?
        .execute(params![id, i64::from(retired)])?;
    Ok(())
}

/// Every value stored for a unit with id in `unit_ids` (inclusive range) and a period in
/// `periods`, sorted by unit, indicator and period. One query: the caller aggregates in memory.
pub fn load_values(
    conn: &Connection,
    unit_ids: (i64, i64),
    periods: &[Period],
) -> Result<Vec<StoredValue>> {
    let wanted: std::collections::HashMap<String, Period> =
        periods.iter().map(|p| (p.to_string(), *p)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT unit_id, period, indicator, value FROM indicator_values \
         WHERE unit_id BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query(params![unit_ids.0, unit_ids.1])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let period = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        if let Some(p) = wanted.get(period) {
            out.push(StoredValue {
                unit_id: r.get(0)?,
                period: *p,
                indicator: r.get(2)?,
                value: r.get(3)?,
            });
        }
    }
    out.sort_unstable_by_key(|v| (v.unit_id, v.indicator, v.period));
    Ok(out)
}

/// Provenance of one accepted import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    /// File name as given.
    pub file_name: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// When it was imported (local time, ISO 8601).
    pub imported_at: String,
    /// The period.
    pub period: Period,
    /// The unit the rows are under (`None`: the whole registry).
    pub unit_id: Option<i64>,
    /// Rows imported.
    pub row_count: usize,
}

/// What an import changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Written {
    /// The import's id.
    pub import_id: i64,
    /// Values written.
    pub values: usize,
    /// Earlier values replaced (kept in the history).
    pub replaced: usize,
}

/// Records an import and replaces, for every unit in `rows`, its values for the period by the
/// new ones; the replaced values go to the history. Call inside one transaction.
pub fn record_import(
    conn: &Connection,
    record: &ImportRecord,
    rows: &[UnitValues],
) -> Result<Written> {
    let period = record.period.to_string();
    conn.prepare_cached(
        "INSERT INTO indicator_imports (file_name, sha256, imported_at, period, unit_id, row_count) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        record.file_name,
        record.sha256,
        record.imported_at,
        period,
        record.unit_id,
        record.row_count as i64
    ])?;
    let import_id = conn.last_insert_rowid();
    let mut written = Written {
        import_id,
        ..Written::default()
    };
    let mut keep = conn.prepare_cached(
        "INSERT INTO indicator_values_replaced (unit_id, period, indicator, value, import_id, replaced_by) \
         SELECT unit_id, period, indicator, value, import_id, ?3 FROM indicator_values \
         WHERE unit_id = ?1 AND period = ?2",
    )?;
    let mut clear =
        conn.prepare_cached("DELETE FROM indicator_values WHERE unit_id = ?1 AND period = ?2")?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO indicator_values (unit_id, period, indicator, value, import_id) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for row in rows {
        written.replaced += keep.execute(params![row.unit_id, period, import_id])?;
        clear.execute(params![row.unit_id, period])?;
        for (indicator, value) in &row.values {
            insert.execute(params![row.unit_id, period, indicator, value, import_id])?;
            written.values += 1;
        }
    }
    Ok(written)
}

/// Stores one value directly (sample data, corrections typed in the window).
pub fn set_value(
    conn: &Connection,
    unit_id: i64,
    period: Period,
    indicator: i64,
    value: i64,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO indicator_values (unit_id, period, indicator, value) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (unit_id, period, indicator) DO UPDATE SET value = excluded.value, import_id = NULL",
    )?
    .execute(params![unit_id, period.to_string(), indicator, value])?;
    Ok(())
}

/// A recorded import, as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportEntry {
    /// Its id.
    pub id: i64,
    /// File name.
    pub file_name: String,
    /// SHA-256, hex.
    pub sha256: String,
    /// When.
    pub imported_at: String,
    /// Rows imported.
    pub row_count: i64,
}

/// The imports recorded for a unit and period, oldest first.
pub fn imports(conn: &Connection, unit_id: i64, period: Period) -> Result<Vec<ImportEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, file_name, sha256, imported_at, row_count FROM indicator_imports \
         WHERE unit_id = ?1 AND period = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![unit_id, period.to_string()], |r| {
        Ok(ImportEntry {
            id: r.get(0)?,
            file_name: r.get(1)?,
            sha256: r.get(2)?,
            imported_at: r.get(3)?,
            row_count: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets a yearly target.
pub fn set_target(
    conn: &Connection,
    unit_id: i64,
    year: i32,
    indicator: i64,
    target: i64,
) -> Result<()> {
    if target < 0 {
        return Err(Error::bad_value(
            Field::Value,
            target.to_string(),
            "chỉ tiêu kế hoạch không được âm",
        ));
    }
    conn.prepare_cached(
        "INSERT INTO indicator_targets (unit_id, year, indicator, target) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (unit_id, year, indicator) DO UPDATE SET target = excluded.target",
    )?
    .execute(params![unit_id, year, indicator, target])?;
    Ok(())
}

/// The targets of a unit for a year: (indicator id, target), in id order.
pub fn targets(conn: &Connection, unit_id: i64, year: i32) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT indicator, target FROM indicator_targets WHERE unit_id = ?1 AND year = ?2 \
         ORDER BY indicator",
    )?;
    let rows = stmt.query_map(params![unit_id, year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets the deadline of a period for the units of a reporting level.
pub fn set_deadline(conn: &Connection, period: Period, level: Level, due: NaiveDate) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO report_deadlines (period, level, due) VALUES (?1, ?2, ?3) \
         ON CONFLICT (period, level) DO UPDATE SET due = excluded.due",
    )?
    .execute(params![
        period.to_string(),
        level.code(),
        due.format("%Y-%m-%d").to_string()
    ])?;
    Ok(())
}

/// The deadline of a period for the units of a level: the stored one, else the default (the
/// 20th of the period's last month).
pub fn deadline(conn: &Connection, period: Period, level: Level) -> Result<NaiveDate> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT due FROM report_deadlines WHERE period = ?1 AND level = ?2")?
        .query_row(params![period.to_string(), level.code()], |r| r.get(0))
        .optional()?;
    Ok(super::date_col(stored).unwrap_or_else(|| period.default_deadline()))
}

/// Sets the deadline of one indicator (by id) for `period` (migration 0012).
pub fn set_indicator_deadline(
    conn: &Connection,
    period: Period,
    indicator: i64,
    due: NaiveDate,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO indicator_deadlines (period, indicator, due) VALUES (?1, ?2, ?3) \
         ON CONFLICT (period, indicator) DO UPDATE SET due = excluded.due",
    )?
    .execute(params![
        period.to_string(),
        indicator,
        due.format("%Y-%m-%d").to_string()
    ])?;
    Ok(())
}

/// The deadlines set for single indicators of `period`: (indicator id, due), in id order.
pub fn indicator_deadlines(conn: &Connection, period: Period) -> Result<Vec<(i64, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT indicator, due FROM indicator_deadlines WHERE period = ?1 ORDER BY indicator",
    )?;
    let rows = stmt.query_map([period.to_string()], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, due) = row?;
        if let Some(d) = super::date_col(due) {
            out.push((id, d));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn an_office_adds_its_own_indicator() {
        let s = Store::open_in_memory().expect("db");
        let new = NewIndicator {
            code: "vssid_installs".into(),
            label: "Số lượt cài đặt ứng dụng VssID".into(),
            measure: "lượt".into(),
            summable: true,
            people: false,
            aliases: vec!["cài đặt VssID".into()],
        };
        let ind = add_indicator(s.conn(), &new).expect("add");
        assert!(ind.id > BUILTIN_COUNT as i64);
        let c = catalogue(s.conn()).expect("catalogue");
        assert_eq!(c.all().len(), BUILTIN_COUNT + 1);
        assert_eq!(c.match_header("Cài đặt VssID").map(|i| i.id), Some(ind.id));
        assert_eq!(
            c.match_header("lượt cài đặt ứng dụng vssid").map(|i| i.id),
            Some(ind.id)
        );
        assert!(add_indicator(s.conn(), &new).is_err(), "code taken");
        let clash = NewIndicator {
            code: "other".into(),
            label: "Số người dân được hướng dẫn".into(),
            ..new.clone()
        };
        assert!(
            add_indicator(s.conn(), &clash).is_err(),
            "label of a built-in"
        );
        let bad = NewIndicator {
            code: "Có dấu".into(),
            ..new
        };
        assert!(add_indicator(s.conn(), &bad).is_err());
    }

    #[test]
    fn default_then_edited_deadline() {
        let s = Store::open_in_memory().expect("db");
        let q: Period = "2024-Q2".parse().expect("period");
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).expect("date");
        assert_eq!(
            deadline(s.conn(), q, Level::Commune).expect("deadline"),
            d(6, 20)
        );
        set_deadline(s.conn(), q, Level::Commune, d(6, 25)).expect("set");
        assert_eq!(
            deadline(s.conn(), q, Level::Commune).expect("deadline"),
            d(6, 25)
        );
        assert_eq!(
            deadline(s.conn(), q, Level::Village).expect("deadline"),
            d(6, 20)
        );
    }
}
