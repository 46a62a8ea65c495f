//! The outgoing-document register (sổ đăng ký văn bản đi): every drafted document is recorded as
//! a draft; issuing gives it the next number of its register for the calendar year (01 again on
//! 1 January), its symbol and its date; signing records the signed file's hash. Numbers are never
//! reused (a per-register, per-year counter only goes up) and gaps are reported. The register
//! exports to XLSX with the columns of Nghị định 30 App. IV.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{SUBTREE, date_col, date_sql};
use crate::error::{DbCause, Error, Field, Result};
use crate::model::DocKind;
pub use crate::model::{Entry, NewDraft, Status};
use crate::vietnamese::nfc;

const COLS: &str = "id, kind, unit_id, summary, created, \
     CASE WHEN void_reason IS NOT NULL THEN 'voided' WHEN reserved_for IS NOT NULL THEN 'reserved' \
     ELSE status END, register, symbol, year, number, \
     issued_on, signer, recipients, keeper, copies, note, output_path, sha256, team_id, \
     (SELECT group_concat(path, char(31)) FROM (SELECT path FROM document_files f \
      WHERE f.document_id = documents.id ORDER BY f.format DESC)), \
     coalesce(void_reason, reserved_for, '')";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let created: String = r.get(4)?;
    let status: String = r.get(5)?;
    Ok(Entry {
        id: r.get(0)?,
        kind: r.get(1)?,
        unit_id: r.get(2)?,
        summary: r.get(3)?,
        created: NaiveDateTime::parse_from_str(&created, "%Y-%m-%d %H:%M:%S").unwrap_or_default(),
        status: Status::parse(&status),
        register: r.get(6)?,
        symbol: r.get(7)?,
        year: r.get(8)?,
        number: r.get(9)?,
        issued_on: date_col(r.get(10)?),
        signer: r.get(11)?,
        recipients: r.get(12)?,
        keeper: r.get(13)?,
        copies: r.get(14)?,
        note: r.get(15)?,
        output_path: r.get(16)?,
        sha256: r.get(17)?,
        team_id: r.get(18)?,
        files: r
            .get::<_, Option<String>>(19)?
            .map(|f| f.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        reason: r.get(20)?,
    })
}

/// Records a drafted document; returns its id.
pub fn record_draft(conn: &Connection, new: &NewDraft, created: NaiveDateTime) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO documents (kind, unit_id, summary, created, status, register, symbol, signer, \
         recipients, keeper, output_path, sha256, team_id, body, sections) \
         VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        new.kind,
        new.unit_id,
        nfc(&new.summary),
        created.format("%Y-%m-%d %H:%M:%S").to_string(),
        nfc(&new.register),
        nfc(&new.symbol),
        nfc(&new.signer),
        nfc(&new.recipients),
        nfc(&new.keeper),
        new.output_path,
        new.sha256,
        new.team_id,
        new.body.as_deref().map(deflate),
        new.sections.as_deref().map(nfc),
    ])?;
    let id = conn.last_insert_rowid();
    if let (Some(path), Some(sha)) = (&new.output_path, &new.sha256) {
        put_file(conn, id, path, sha)?;
    }
    Ok(id)
}

/// The format a register file is kept under: `pdf` or `docx` from its name (`None`: neither,
/// not one of an entry's files).
fn file_format(path: &str) -> Option<&'static str> {
    let lower = path.to_lowercase();
    if lower.ends_with(".pdf") {
        Some("pdf")
    } else if lower.ends_with(".docx") {
        Some("docx")
    } else {
        None
    }
}

/// Records `path` as the entry's file of its format (replacing an earlier one of that format).
fn put_file(conn: &Connection, id: i64, path: &str, sha256: &str) -> Result<()> {
    let Some(format) = file_format(path) else {
        return Ok(());
    };
    conn.prepare_cached(
        "INSERT INTO document_files (document_id, format, path, sha256) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT(document_id, format) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256",
    )?
    .execute(params![id, format, path, sha256.to_ascii_lowercase()])?;
    Ok(())
}

/// One file of a register entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocFile {
    /// `pdf` or `docx`.
    pub format: String,
    /// Where it was written.
    pub path: String,
    /// Its content's SHA-256 (hex) when it was written.
    pub sha256: String,
}

/// The files of entry `id`, the PDF first.
pub fn files(conn: &Connection, id: i64) -> Result<Vec<DocFile>> {
    let mut stmt = conn.prepare_cached(
        "SELECT format, path, sha256 FROM document_files WHERE document_id = ?1 ORDER BY format DESC",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(DocFile {
            format: r.get(0)?,
            path: r.get(1)?,
            sha256: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a file in another format to entry `id` (the same draft exported again): one entry, one
/// number for both. A PDF becomes the entry's main file (the one signed); a DOCX does so only
/// when the entry has no PDF.
pub fn add_file(conn: &Connection, id: i64, path: &str, sha256: &str) -> Result<()> {
    put_file(conn, id, path, sha256)?;
    let has_pdf: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM document_files WHERE document_id = ?1 AND format = 'pdf')",
        )?
        .query_row([id], |r| r.get(0))?;
    if file_format(path) == Some("pdf") || !has_pdf {
        conn.prepare_cached("UPDATE documents SET output_path = ?2, sha256 = ?3 WHERE id = ?1")?
            .execute(params![id, path, sha256.to_ascii_lowercase()])?;
    }
    Ok(())
}

/// Forgets entry `id`'s file of `format` (`pdf`/`docx`) — a PDF that no longer shows what was
/// issued from the clerk's edited .docx. The file itself stays on disk.
pub fn drop_file(conn: &Connection, id: i64, format: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM document_files WHERE document_id = ?1 AND format = ?2")?
        .execute(params![id, format])?;
    Ok(())
}

/// The section texts kept with entry `id`'s draft (JSON by Roman numeral), if any.
pub fn sections(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT sections FROM documents WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// The drafted document kept with an entry (`NewDraft::body`), if any.
pub fn body(conn: &Connection, id: i64) -> Result<Option<String>> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT body FROM documents WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    blob.map(|b| inflate(&b)).transpose()
}

/// Records the new hash of the entry's file at `path`, written again when it was issued.
pub fn set_sha256(conn: &Connection, id: i64, path: &str, sha256: &str) -> Result<()> {
    let sha = sha256.to_ascii_lowercase();
    conn.prepare_cached(
        "UPDATE document_files SET sha256 = ?3 WHERE document_id = ?1 AND path = ?2",
    )?
    .execute(params![id, path, sha])?;
    conn.prepare_cached("UPDATE documents SET sha256 = ?3 WHERE id = ?1 AND output_path = ?2")?
        .execute(params![id, path, sha])?;
    Ok(())
}

/// Makes `path` (with content hash `sha256`) the entry's file: a copy the clerk edited outside
/// the program and issued.
pub fn set_file(conn: &Connection, id: i64, path: &str, sha256: &str) -> Result<()> {
    put_file(conn, id, path, sha256)?;
    conn.prepare_cached("UPDATE documents SET output_path = ?2, sha256 = ?3 WHERE id = ?1")?
        .execute(params![id, path, sha256.to_ascii_lowercase()])?;
    Ok(())
}

fn deflate(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = e.write_all(text.as_bytes());
    e.finish().unwrap_or_default()
}

fn inflate(bytes: &[u8]) -> Result<String> {
    use std::io::Read;
    let mut out = String::new();
    flate2::read::ZlibDecoder::new(bytes)
        .read_to_string(&mut out)
        .map_err(|e| {
            tracing::warn!(error = %e, "stored document body");
            Error::Db {
                cause: DbCause::Corrupt,
                path: None,
            }
        })?;
    Ok(out)
}

/// One entry.
pub fn get(conn: &Connection, id: i64) -> Result<Entry> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM documents WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("văn bản có số hiệu {id} trong sổ đăng ký")))
}

/// Every entry, oldest first.
pub fn all(conn: &Connection) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} FROM documents ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The entries of one register and year that carry a number, by number.
pub fn issued_in(conn: &Connection, register: &str, year: i32) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM documents WHERE register = ?1 AND year = ?2 AND number IS NOT NULL ORDER BY number"
    ))?;
    let rows = stmt.query_map(params![register, year], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Issues a draft on `date`: the next number of its register in `date`'s year, never one given
/// before, and a decision becomes the decision of the teams it covers. Call inside a transaction
/// (`Store::transaction`) with the rest of the user's action.
pub fn issue(conn: &Connection, id: i64, date: NaiveDate) -> Result<Entry> {
    let issued = assign_number(conn, id, date, None)?;
    record_on_teams(conn, &issued)?;
    Ok(issued)
}

/// The number the next document of `register` issued in `year` gets, unless the clerk chooses
/// one: what the issue dialog proposes.
pub fn next_number(conn: &Connection, register: &str, year: i32) -> Result<u32> {
    let last: Option<u32> = conn
        .prepare_cached("SELECT last FROM document_counters WHERE register = ?1 AND year = ?2")?
        .query_row(params![register, year], |r| r.get(0))
        .optional()?;
    let max_used: Option<u32> = conn
        .prepare_cached("SELECT max(number) FROM documents WHERE register = ?1 AND year = ?2")?
        .query_row(params![register, year], |r| r.get(0))?;
    Ok(last.unwrap_or(0).max(max_used.unwrap_or(0)) + 1)
}

/// The numbering half of `issue`, for a caller that writes the numbered file in between and then
/// calls `record_on_teams`.
///
/// `number` is a number the clerk chose (an office that issued 37 documents this year before
/// using the program continues at 38; the next one is then 39): refused when another entry of
/// the register holds it that year.
pub fn assign_number(
    conn: &Connection,
    id: i64,
    date: NaiveDate,
    number: Option<u32>,
) -> Result<Entry> {
    let entry = get(conn, id)?;
    if entry.status != Status::Draft {
        return Err(Error::not_allowed(format!(
            "Văn bản {} đã được ban hành; không cấp số lần nữa.",
            entry.reference()
        )));
    }
    let year = date.year();
    let last: Option<u32> = conn
        .prepare_cached("SELECT last FROM document_counters WHERE register = ?1 AND year = ?2")?
        .query_row(params![entry.register, year], |r| r.get(0))
        .optional()?;
    // The counter only goes up; a number typed in by hand (max in the table) also counts.
    let next = match number {
        None => next_number(conn, &entry.register, year)?,
        Some(0) => {
            return Err(Error::bad_value(
                Field::DocNumber,
                "0",
                "số văn bản bắt đầu từ 1",
            ));
        }
        Some(n) => {
            if let Some(why) = super::numbers::taken(conn, &entry.register, year, n, Some(id))? {
                return Err(Error::bad_value(
                    Field::DocNumber,
                    n.to_string(),
                    format!(
                        "{why} ({n}/{}); hãy chọn số khác hoặc để chương trình cấp số tiếp theo",
                        entry.symbol
                    ),
                ));
            }
            n.max(last.unwrap_or(0))
        }
    };
    let number_given = number.unwrap_or(next);
    conn.prepare_cached(
        "INSERT INTO document_counters (register, year, last) VALUES (?1, ?2, ?3) \
         ON CONFLICT(register, year) DO UPDATE SET last = excluded.last",
    )?
    .execute(params![entry.register, year, next])?;
    conn.prepare_cached(
        "UPDATE documents SET status = 'issued', year = ?2, number = ?3, issued_on = ?4 WHERE id = ?1",
    )?
    .execute(params![id, year, number_given, date_sql(Some(date))])?;
    get(conn, id)
}

/// An issued decision becomes the decision of the teams it covers (its team, or every team of
/// its unit and the units below), so the next consolidation cites it and counts who joined and
/// left from its date.
pub fn record_on_teams(conn: &Connection, entry: &Entry) -> Result<()> {
    let kind = DocKind::from_code(&entry.kind);
    let (Some(unit_id), true) = (entry.unit_id, kind.is_some_and(DocKind::is_decision)) else {
        return Ok(());
    };
    let team_ids: Vec<i64> = match entry.team_id {
        Some(team) => vec![team],
        None => conn
            .prepare_cached(&format!(
                "{SUBTREE} SELECT id FROM teams WHERE unit_id IN (SELECT id FROM t) AND merged_into IS NULL"
            ))?
            .query_map([unit_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    };
    // The decision's own history rows: its trích yếu (without the kind word) and signer are
    // what the next consolidation cites.
    let summary = entry
        .summary
        .strip_prefix("Quyết định ")
        .unwrap_or(&entry.summary)
        .to_string();
    let decision = crate::model::NewDecision {
        number: entry.reference(),
        issued_on: entry.issued_on,
        signer: Some(entry.signer.clone()).filter(|s| !s.is_empty()),
        summary: Some(summary),
        consolidates: kind == Some(DocKind::DecisionConsolidate),
    };
    for team in &team_ids {
        super::history::record_decision(
            conn,
            *team,
            &decision,
            crate::model::DecisionSource::Issued,
            Some(entry.id),
        )?;
    }
    if let Some(date) = entry.issued_on {
        super::history::link_members(conn, entry.id, &team_ids, date)?;
    }
    Ok(())
}

/// Records that a document was signed: its status and the signed file's SHA-256 (hex).
pub fn mark_signed(conn: &Connection, id: i64, sha256: &str) -> Result<()> {
    let entry = get(conn, id)?;
    if entry.status == Status::Draft {
        return Err(Error::not_allowed(format!(
            "Văn bản \"{}\" chưa được cấp số; hãy ban hành trước khi ký.",
            entry.summary
        )));
    }
    if matches!(entry.status, Status::Reserved | Status::Voided) {
        return Err(Error::not_allowed(format!(
            "Số {} là số {} trong sổ, không có văn bản để ký.",
            entry.reference(),
            entry.status.label().to_lowercase()
        )));
    }
    conn.prepare_cached("UPDATE documents SET status = 'signed', sha256 = ?2 WHERE id = ?1")?
        .execute(params![id, sha256.to_ascii_lowercase()])?;
    Ok(())
}

/// Withdraws a draft (a mistake). An issued document stays: its number is spent.
pub fn delete_draft(conn: &Connection, id: i64) -> Result<()> {
    let n = conn.execute(
        "DELETE FROM documents WHERE id = ?1 AND status = 'draft'",
        [id],
    )?;
    if n == 0 {
        return Err(Error::not_allowed(
            "Chỉ xóa được dự thảo; văn bản đã ban hành giữ nguyên số trong sổ.",
        ));
    }
    Ok(())
}

/// Numbers given in a register and year that no entry carries (a document removed by hand, a
/// number reserved and not used): the clerk must account for them.
pub fn gaps(conn: &Connection, register: &str, year: i32) -> Result<Vec<u32>> {
    let last: u32 = conn
        .prepare_cached("SELECT last FROM document_counters WHERE register = ?1 AND year = ?2")?
        .query_row(params![register, year], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let used: std::collections::HashSet<u32> = issued_in(conn, register, year)?
        .into_iter()
        .filter_map(|e| e.number)
        .collect();
    Ok((1..=last).filter(|n| !used.contains(n)).collect())
}

/// The newest issued decision about `unit_id` (a consolidation cites it when the teams carry no
/// decision number of their own).
pub fn latest_decision(conn: &Connection, unit_id: i64) -> Result<Option<Entry>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLS} FROM documents WHERE unit_id = ?1 AND number IS NOT NULL \
             AND kind IN ('decision-establish', 'decision-consolidate') ORDER BY issued_on DESC, id DESC LIMIT 1"
        ))?
        .query_row([unit_id], from_row)
        .optional()?)
}

/// The entry whose recorded file has this SHA-256 (hex, any case): a file being signed is
/// found in the register by its content.
pub fn by_sha256(conn: &Connection, sha256: &str) -> Result<Option<Entry>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLS} FROM documents WHERE sha256 = ?1 OR id IN \
             (SELECT document_id FROM document_files WHERE sha256 = ?1) ORDER BY id DESC LIMIT 1"
        ))?
        .query_row([sha256.to_ascii_lowercase()], from_row)
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn draft(conn: &Connection, register: &str) -> i64 {
        record_draft(
            conn,
            &NewDraft {
                kind: "decision-establish".into(),
                summary: "Quyết định về việc thành lập Tổ".into(),
                register: register.into(),
                symbol: "QĐ-UBND".into(),
                signer: "Trần Văn Hùng".into(),
                ..NewDraft::default()
            },
            NaiveDate::from_ymd_opt(2024, 1, 1)
                .unwrap()
                .and_hms_opt(8, 0, 0)
                .unwrap(),
        )
        .unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn numbering_restarts_each_year_and_never_reuses() {
        let s = Store::open_in_memory().unwrap();
        let c = s.conn();
        let a = issue(c, draft(c, "UBND XÃ A"), d(2024, 3, 5)).unwrap();
        let b = issue(c, draft(c, "UBND XÃ A"), d(2024, 12, 31)).unwrap();
        let other = issue(c, draft(c, "UBND XÃ B"), d(2024, 6, 1)).unwrap();
        assert_eq!(
            (a.number, b.number, other.number),
            (Some(1), Some(2), Some(1))
        );
        assert_eq!(a.reference(), "01/QĐ-UBND");
        // 1 January: back to 01.
        let n = issue(c, draft(c, "UBND XÃ A"), d(2025, 1, 1)).unwrap();
        assert_eq!((n.year, n.number), (Some(2025), Some(1)));
        // A number removed by hand is reported and never given again.
        c.execute("DELETE FROM documents WHERE id = ?1", [b.id])
            .unwrap();
        assert_eq!(gaps(c, "UBND XÃ A", 2024).unwrap(), vec![2]);
        let next = issue(c, draft(c, "UBND XÃ A"), d(2024, 12, 31)).unwrap();
        assert_eq!(next.number, Some(3));
        // Issued once only; signing needs an issued document.
        assert!(issue(c, a.id, d(2024, 3, 6)).is_err());
        let fresh = draft(c, "UBND XÃ A");
        assert!(mark_signed(c, fresh, "ab").is_err());
        mark_signed(c, a.id, "ABCD").unwrap();
        let a = get(c, a.id).unwrap();
        assert_eq!(a.status, Status::Signed);
        assert_eq!(a.sha256.as_deref(), Some("abcd"));
        assert!(delete_draft(c, a.id).is_err());
        delete_draft(c, fresh).unwrap();
    }

    #[test]
    fn a_draft_in_two_formats_is_one_entry_found_by_either_file() {
        let s = Store::open_in_memory().unwrap();
        let c = s.conn();
        let id = record_draft(
            c,
            &NewDraft {
                kind: "report".into(),
                summary: "Báo cáo quý I".into(),
                register: "UBND XÃ A".into(),
                symbol: "BC-UBND".into(),
                output_path: Some("/tmp/bc.docx".into()),
                sha256: Some("AA".into()),
                sections: Some("{\"VI\":\"Đề nghị.\"}".into()),
                ..NewDraft::default()
            },
            d(2025, 3, 1).and_hms_opt(8, 0, 0).unwrap(),
        )
        .unwrap();
        add_file(c, id, "/tmp/bc.pdf", "BB").unwrap();
        let e = get(c, id).unwrap();
        assert_eq!(e.files, vec!["/tmp/bc.pdf", "/tmp/bc.docx"]);
        // The PDF is the main file (the one signed).
        assert_eq!(
            (e.output_path.as_deref(), e.sha256.as_deref()),
            (Some("/tmp/bc.pdf"), Some("bb"))
        );
        assert_eq!(by_sha256(c, "aa").unwrap().map(|e| e.id), Some(id));
        assert_eq!(all(c).unwrap().len(), 1);
        assert!(sections(c, id).unwrap().unwrap().contains("Đề nghị."));
        set_sha256(c, id, "/tmp/bc.docx", "CC").unwrap();
        assert_eq!(by_sha256(c, "cc").unwrap().map(|e| e.id), Some(id));
        drop_file(c, id, "pdf").unwrap();
        assert_eq!(get(c, id).unwrap().files, vec!["/tmp/bc.docx"]);
        delete_draft(c, id).unwrap();
        let left: i64 = c
            .query_row("SELECT count(*) FROM document_files", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "a withdrawn draft's files go with it");
    }
}
