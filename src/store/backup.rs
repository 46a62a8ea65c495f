//! Backups and restores that check what they copy. A backup checks the live database first
//! (`quick_check`) and refuses a damaged one, copies it with SQLite's backup API in one step (a
//! consistent snapshot while others write), and checks the copy (`integrity_check`) before it
//! takes its name. A restore accepts only a sound cnscd database of a known schema (application
//! id and schema signature), migrates an older one on a temporary copy, keeps the database it
//! replaces in `backups/`, and copies the backup INTO the live database through the backup API
//! under the folder's exclusive write lock: connections held open see the restored data at their
//! next read, no write runs beside it, and nothing is renamed under them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};

use super::{APPLICATION_ID, DB_FILE, MIGRATIONS, SCHEMA_VERSION, Store, at, files};
use crate::error::{DbCause, Error, Field, Result};

impl Store {
    /// A consistent copy of the live database at `dest`, checked: the live database must pass
    /// `quick_check` (a damaged one is refused with advice, not copied), the copy must pass
    /// `integrity_check` before it is renamed into place.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let problems = self.quick_check()?;
        if !problems.is_empty() {
            tracing::warn!(?problems, "damaged database not backed up");
            return Err(Error::bad_value(
                Field::Input,
                self.path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                "cơ sở dữ liệu đang dùng bị hỏng nên không sao lưu (một bản sao hỏng vô ích); \
                 hãy khôi phục từ bản sao lưu gần nhất trong thư mục backups",
            ));
        }
        self.copy_to(dest)
    }

    /// `backup_to` without the check of the source: the copy a restore keeps of the database
    /// it replaces, sound or not.
    fn copy_to(&self, dest: &Path) -> Result<()> {
        if let Some(data_dir) = self.path().map(files::parent_of) {
            // A copy killed half-way is swept at the next start, wherever it was going.
            files::note_staging_dir(data_dir, files::parent_of(dest));
        }
        let tmp = files::temp_in(files::parent_of(dest), "saoluu")?;
        {
            let mut out = Connection::open(tmp.path()).map_err(|e| at(Some(dest))(e.into()))?;
            {
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
                // All pages in one step: one read snapshot of the source, however busy it is.
                backup.step(-1)?;
            }
            // A backup is a single self-contained file: rollback journal, not WAL, so opening or
            // checking it later leaves no -wal/-shm files beside it.
            out.pragma_update(None, "journal_mode", "DELETE")?;
            let check = integrity(&out)?;
            if !check.is_empty() {
                tracing::warn!(?check, "backup copy failed its check");
                return Err(Error::bad_value(
                    Field::Output,
                    dest.display().to_string(),
                    "bản sao vừa ghi không đọc lại được nguyên vẹn (ổ đĩa lỗi?); chưa có bản sao lưu",
                ));
            }
        }
        tmp.as_file().sync_all().map_err(|e| Error::io(dest, e))?;
        tmp.persist(dest).map_err(|e| Error::io(dest, e.error))?;
        Ok(())
    }

    /// The problems `PRAGMA quick_check` finds (none: sound).
    pub fn quick_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA quick_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()
            .map_err(Error::from)?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }
}

/// The problems `PRAGMA integrity_check` finds in `conn` (none: sound).
fn integrity(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

/// The schema signature of a database: a SHA-256 over every table, index, view and trigger it
/// declares, in name order. Two databases of the same cnscd schema version have the same.
pub fn schema_signature(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )?;
    let mut rows = stmt.query([])?;
    let mut hasher = Sha256::new();
    while let Some(row) = rows.next()? {
        for i in 0..4 {
            let v: String = row.get(i)?;
            hasher.update(v.as_bytes());
            hasher.update(b"\x1f");
        }
        hasher.update(b"\x1e");
    }
    Ok(hex::encode(hasher.finalize()))
}

/// The schema signature of every version this build knows (index 0: version 1), made by
/// applying the migrations to an empty database in memory.
fn known_signatures() -> &'static [String] {
    static KNOWN: OnceLock<Vec<String>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let Ok(conn) = Connection::open_in_memory() else {
            return Vec::new();
        };
        MIGRATIONS
            .iter()
            .map_while(|(_, sql)| {
                conn.execute_batch(sql).ok()?;
                schema_signature(&conn).ok()
            })
            .collect()
    })
}

/// Checks that `file` is a sound cnscd database this build can open: SQLite header, `PRAGMA
/// integrity_check` = ok, cnscd's application id (or none, from builds before it), a schema
/// version no newer than ours and the schema signature of that version. Opens it read-only.
/// Returns its schema version.
pub fn check_database_file(file: &Path) -> Result<i64> {
    let refuse = |reason: &str| Error::bad_value(Field::Input, file.display().to_string(), reason);
    let mut head = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
        if f.read_exact(&mut head).is_err() || &head != b"SQLite format 3\0" {
            return Err(refuse(
                "không phải là bản sao lưu cơ sở dữ liệu của cnscd (không phải tệp SQLite)",
            ));
        }
    }
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| damaged(file, &e.to_string()))?;
    let check = integrity(&conn).map_err(|e| damaged(file, &e.to_string()))?;
    if !check.is_empty() {
        return Err(damaged(file, &check.join("; ")));
    }
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| damaged(file, &e.to_string()))
    };
    let app_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    if app_id != i64::from(APPLICATION_ID) && app_id != 0 {
        tracing::warn!(app_id, "foreign database offered for restore");
        return Err(refuse(
            "là cơ sở dữ liệu của một chương trình khác, không phải của cnscd; không khôi phục",
        ));
    }
    if version > SCHEMA_VERSION {
        return Err(refuse(&format!(
            "bản sao lưu do phiên bản cnscd mới hơn tạo (lược đồ {version}, phiên bản này đọc đến \
             {SCHEMA_VERSION}); hãy cập nhật phần mềm rồi khôi phục"
        )));
    }
    let signature = schema_signature(&conn).map_err(|e| damaged(file, &e.to_string()))?;
    let known = usize::try_from(version)
        .ok()
        .and_then(|v| v.checked_sub(1))
        .and_then(|i| known_signatures().get(i));
    if known != Some(&signature) {
        tracing::warn!(version, app_id, "unknown schema offered for restore");
        return Err(refuse(
            "không phải là bản sao lưu cơ sở dữ liệu của cnscd (cấu trúc bảng không khớp phiên \
             bản nào); không khôi phục",
        ));
    }
    Ok(version)
}

fn damaged(file: &Path, reason: &str) -> Error {
    // SQLite's own words go to the log, not to the clerk.
    tracing::warn!(file = %file.display(), reason, "damaged backup");
    Error::bad_value(
        Field::Input,
        file.display().to_string(),
        "tệp bị hỏng hoặc không đầy đủ; không khôi phục",
    )
}

/// Restores `backup` into the database in `data_dir` after checking it. The database being
/// replaced is kept as `backups/cnscd-truoc-khoi-phuc-<stamp>.db`; its path is returned.
///
/// The backup is checked, copied to a temporary file and migrated there to this build's schema;
/// then, holding the folder's write lock exclusively (no write runs or starts meanwhile), the
/// live database is copied to the kept file and the backup is copied into it with SQLite's
/// backup API, in one step: a process killed at any moment leaves the live database entirely
/// old or entirely new.
pub fn restore(data_dir: &Path, backup: &Path, stamp: &str) -> Result<Option<PathBuf>> {
    // A database fault without a file names the live database.
    let live = data_dir.join(DB_FILE);
    restore_into(data_dir, backup, stamp).map_err(at(Some(&live)))
}

fn restore_into(data_dir: &Path, backup: &Path, stamp: &str) -> Result<Option<PathBuf>> {
    check_database_file(backup)?;
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
    let live_path = data_dir.join(DB_FILE);
    let existed = live_path.exists();
    let staged = files::temp_in(data_dir, "khoiphuc")?;
    std::fs::copy(backup, staged.path()).map_err(|e| Error::io(backup, e))?;
    let source = {
        // Migrated (and stamped with the application id) on the copy, never on the clerk's file.
        let s = Store::open_plain(staged.path())?;
        s.conn.pragma_update(None, "journal_mode", "DELETE")?;
        // A fresh restore mark lands with the restored data, in the same step: every connection
        // that read the old data refuses its next write. Renames pending when the backup was
        // taken belong to another time.
        super::journal::renew_mark(&s.conn, stamp)?;
        s.conn.execute("DELETE FROM pending_outputs", [])?;
        s
    };
    let mut live = match Store::open(&live_path) {
        Ok(s) => s,
        Err(Error::Db {
            cause: DbCause::Corrupt | DbCause::Foreign,
            ..
        }) => set_aside_unreadable(data_dir, &live_path, stamp)?,
        Err(e) => return Err(e),
    };
    let _lock = files::lock_db(&live_path, true)?;
    let kept = if existed {
        let dir = data_dir.join("backups");
        // Two restores within a second keep two copies: never one over the other.
        let keep = (1..)
            .map(|n| match n {
                1 => dir.join(format!("cnscd-truoc-khoi-phuc-{stamp}.db")),
                n => dir.join(format!("cnscd-truoc-khoi-phuc-{stamp}-{n}.db")),
            })
            .find(|p| !p.exists())
            .unwrap_or_else(|| dir.join(format!("cnscd-truoc-khoi-phuc-{stamp}.db")));
        live.copy_to(&keep)?;
        Some(keep)
    } else {
        None
    };
    {
        let backup = rusqlite::backup::Backup::new(&source.conn, &mut live.conn)
            .map_err(|e| at(Some(&live_path))(e.into()))?;
        backup
            .step(-1)
            .map_err(|e| at(Some(&live_path))(e.into()))?;
    }
    drop(source);
    Ok(kept)
}

impl Store {
    /// Opens and migrates a database file without WAL and without the folder lock: the
    /// temporary copy a restore prepares, which no one else knows of.
    fn open_plain(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| at(Some(path))(e.into()))?;
        let store = Store {
            conn,
            path: None,
            read_only: false,
            mark: None,
            notices: Vec::new(),
        };
        store.configure()?;
        store.migrate().map_err(at(Some(path)))?;
        Ok(store)
    }
}

/// A live database SQLite cannot read at all is moved to `backups/cnscd-hong-<stamp>.db`
/// (with its WAL) so a restore can replace it; the only rename under a database, and only of
/// one no connection can use.
fn set_aside_unreadable(data_dir: &Path, live: &Path, stamp: &str) -> Result<Store> {
    let dir = data_dir.join("backups");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    for suffix in ["", "-wal", "-shm"] {
        let from = data_dir.join(format!("{DB_FILE}{suffix}"));
        if from.exists() {
            let to = dir.join(format!("cnscd-hong-{stamp}.db{suffix}"));
            std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
        }
    }
    Store::open(live)
}

/// Keeps the newest `keep` automatic backups in `dir` (files named `cnscd-tu-dong-*.db`) and
/// deletes older ones. Returns how many were deleted.
pub fn prune_auto_backups(dir: &Path, keep: usize) -> Result<usize> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("cnscd-tu-dong-") && n.ends_with(".db"))
        })
        .collect();
    found.sort();
    let excess = found.len().saturating_sub(keep);
    for f in &found[..excess] {
        std::fs::remove_file(f).map_err(|e| Error::io(f, e))?;
    }
    Ok(excess)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_are_single_files_that_pass_the_restore_check() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open_dir(&dir.path().join("data")).expect("open");
        let dest = dir.path().join("copy.db");
        store.backup_to(&dest).expect("backup");
        assert_eq!(check_database_file(&dest).expect("sound"), SCHEMA_VERSION);
        let conn = Connection::open(&dest).expect("open copy");
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "delete");
        let id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .expect("id");
        assert_eq!(id, APPLICATION_ID);
        assert!(!dir.path().join("copy.db-wal").exists());
    }

    #[test]
    fn every_known_version_has_a_signature_and_the_current_one_matches() {
        assert_eq!(known_signatures().len(), MIGRATIONS.len());
        let s = Store::open_in_memory().expect("db");
        assert_eq!(
            schema_signature(s.conn()).expect("sig"),
            known_signatures()[MIGRATIONS.len() - 1]
        );
    }
}
