//! The SQLite store: opening, migrations (append-only SQL files tracked by `PRAGMA
//! user_version`), backup and restore. The only SQL of the program: the per-aggregate functions
//! take a `&Connection` so they run the same inside or outside a transaction, load plain values
//! (`model`), and write what the other layers checked (a roster, a units sheet, an indicator
//! sheet).

pub mod documents;
pub mod facts;
pub mod history;
pub mod indicators;
pub mod members;
pub mod roster;
pub mod settings;
pub mod teams;
pub mod units;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction};
use sha2::{Digest, Sha256};

use crate::error::{DbCause, Error, Field, Result};

/// The migrations, in order. Append only: never edit a file that has shipped.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_registry.sql",
        include_str!("store/migrations/0001_registry.sql"),
    ),
    (
        "0002_indicators.sql",
        include_str!("store/migrations/0002_indicators.sql"),
    ),
    (
        "0003_documents.sql",
        include_str!("store/migrations/0003_documents.sql"),
    ),
    (
        "0004_document_team.sql",
        include_str!("store/migrations/0004_document_team.sql"),
    ),
    (
        "0005_document_body.sql",
        include_str!("store/migrations/0005_document_body.sql"),
    ),
    (
        "0006_history.sql",
        include_str!("store/migrations/0006_history.sql"),
    ),
];

/// `t(id)`: the unit `?1` and every unit below it, for `… WHERE unit_id IN (SELECT id FROM t)`.
pub(crate) const SUBTREE: &str = "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL SELECT u.id FROM units u JOIN t ON u.parent_id = t.id)";

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The file name of the database inside the data dir.
pub const DB_FILE: &str = "cnscd.db";

/// An open database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let conn = Connection::open(path)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.configure(true)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens the database in the data dir.
    pub fn open_dir(data_dir: &Path) -> Result<Store> {
        Store::open(&data_dir.join(DB_FILE))
    }

    /// Opens an existing database for reading only (a worker of a batch beside the main
    /// connection): no migration, and a database of another schema version is refused.
    pub fn open_reader(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != SCHEMA_VERSION {
            tracing::warn!(version, "reader of a database of another schema");
            return Err(Error::Db {
                cause: if version > SCHEMA_VERSION {
                    DbCause::SchemaTooNew
                } else {
                    DbCause::Other
                },
                path: Some(path.to_path_buf()),
            });
        }
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// A fresh in-memory database (tests, previews).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: None };
        store.configure(false)?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&self, wal: bool) -> Result<()> {
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        if wal {
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let current: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current > SCHEMA_VERSION {
            tracing::warn!(current, "database of a newer schema");
            return Err(Error::Db {
                cause: DbCause::SchemaTooNew,
                path: self.path.clone(),
            });
        }
        if current == SCHEMA_VERSION {
            return Ok(());
        }
        // Two processes opening a new database at once (a window and a command) must not both
        // migrate it: the write lock is taken first and the version read again under it.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current == SCHEMA_VERSION {
            return Ok(());
        }
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate() {
            let version = i as i64 + 1;
            if version > current {
                tracing::info!(migration = name, "applying");
                tx.execute_batch(sql)?;
            }
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }

    /// The connection, for reads and single statements.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The database file, when not in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in one transaction: committed when it returns `Ok`, rolled back otherwise.
    /// One user action, one transaction.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// `transaction` for bulk writes (imports), with a larger page cache while it runs: a
    /// national roster adds some 70 MB of rows and index pages, and SQLite's default 2 MB cache
    /// spills them to the WAL and reads them back again and again.
    pub fn bulk_transaction<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.bulk_transaction_if(|tx| f(tx).map(|out| (out, true)))
    }

    /// `bulk_transaction` for work that learns only at its end whether to keep what it wrote:
    /// `f` returns its result and whether to commit. An import that writes rows while the file
    /// is still being checked rolls back when a problem turns up, and still returns its report.
    pub fn bulk_transaction_if<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<(T, bool)>,
    ) -> Result<T> {
        const BULK_CACHE_KIB: i64 = 32 * 1024;
        let cache: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let out = (|| -> Result<T> {
            let tx = self.conn.transaction()?;
            let (out, commit) = f(&tx)?;
            if commit {
                tx.commit()?;
            }
            Ok(out)
        })();
        let restored = self.conn.pragma_update(None, "cache_size", cache);
        let out = out?;
        restored?;
        Ok(out)
    }

    /// Whether the registry holds no units (a first start).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM units", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// A consistent copy of the live database (SQLite's online backup API), written to a
    /// temporary name beside `dest` and renamed.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let dir = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let tmp = tempfile::Builder::new()
            .prefix(".cnscd-backup")
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        {
            let mut out = Connection::open(tmp.path())?;
            {
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
                backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
            }
            // A backup is a single self-contained file: rollback journal, not WAL, so opening or
            // checking it later leaves no -wal/-shm files beside it.
            out.pragma_update(None, "journal_mode", "DELETE")?;
        }
        tmp.persist(dest).map_err(|e| Error::io(dest, e.error))?;
        Ok(())
    }

    /// A SHA-256 over the content of every registry table, in key order: equal checksums mean the
    /// same data. Tests use it to prove that a refused import changed nothing.
    pub fn checksum(&self) -> Result<String> {
        let mut hasher = Sha256::new();
        let tables: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        for table in tables {
            hasher.update(table.as_bytes());
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1"))?;
            let cols = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                for i in 0..cols {
                    let v: rusqlite::types::Value = row.get(i)?;
                    hasher.update(format!("{v:?}\u{1f}").as_bytes());
                }
                hasher.update(b"\x1e");
            }
        }
        Ok(hex::encode(hasher.finalize()))
    }
}

/// Checks that `file` is a sound cnscd database this build can open: SQLite header, `PRAGMA
/// integrity_check` = ok, and a schema version no newer than ours. Opens it read-only.
pub fn check_database_file(file: &Path) -> Result<i64> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    if !bytes.starts_with(b"SQLite format 3\0") {
        return Err(Error::bad_value(
            Field::Input,
            file.display().to_string(),
            "không phải là bản sao lưu cơ sở dữ liệu của cnscd",
        ));
    }
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| damaged(file, &e.to_string()))?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| damaged(file, &e.to_string()))?;
    if check != "ok" {
        return Err(damaged(file, &check));
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| damaged(file, &e.to_string()))?;
    if version == 0 || version > SCHEMA_VERSION {
        return Err(Error::bad_value(
            Field::Input,
            file.display().to_string(),
            format!(
                "bản sao lưu có phiên bản lược đồ {version}, phiên bản này chỉ nhận 1 đến {SCHEMA_VERSION}"
            ),
        ));
    }
    let has_units: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='units'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| damaged(file, &e.to_string()))?;
    if has_units != 1 {
        return Err(damaged(file, "thiếu bảng đơn vị"));
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

/// Restores `backup` over the database in `data_dir` after checking it. The database being
/// replaced is kept as `backups/cnscd-truoc-khoi-phuc-<stamp>.db`. Returns that path.
pub fn restore(data_dir: &Path, backup: &Path, stamp: &str) -> Result<Option<PathBuf>> {
    check_database_file(backup)?;
    let live = data_dir.join(DB_FILE);
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
    // Copy to a temporary name first so the live file is replaced in one rename.
    let tmp = tempfile::Builder::new()
        .prefix(".cnscd-restore")
        .tempfile_in(data_dir)
        .map_err(|e| Error::io(data_dir, e))?;
    std::fs::copy(backup, tmp.path()).map_err(|e| Error::io(backup, e))?;
    let mut kept = None;
    if live.exists() {
        let dir = data_dir.join("backups");
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let keep = dir.join(format!("cnscd-truoc-khoi-phuc-{stamp}.db"));
        // A consistent copy of the live database, WAL included.
        Store::open(&live)?.backup_to(&keep)?;
        kept = Some(keep);
    }
    for suffix in ["-wal", "-shm"] {
        let side = data_dir.join(format!("{DB_FILE}{suffix}"));
        if side.exists() {
            std::fs::remove_file(&side).map_err(|e| Error::io(&side, e))?;
        }
    }
    tmp.persist(&live).map_err(|e| Error::io(&live, e.error))?;
    Ok(kept)
}

/// Keeps the newest `keep` automatic backups in `dir` (files named `cnscd-tu-dong-*.db`) and
/// deletes older ones. Returns how many were deleted.
pub fn prune_auto_backups(dir: &Path, keep: usize) -> Result<usize> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("cnscd-tu-dong-") && n.ends_with(".db"))
        })
        .collect();
    files.sort();
    let excess = files.len().saturating_sub(keep);
    for f in &files[..excess] {
        std::fs::remove_file(f).map_err(|e| Error::io(f, e))?;
    }
    Ok(excess)
}

/// Reads an optional date column.
pub(crate) fn date_col(s: Option<String>) -> Option<chrono::NaiveDate> {
    s.and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

/// Formats a date for a column (`2024-03-05`). Written out rather than through `format`,
/// which parses its pattern on every call: imports write a date for every member.
pub(crate) fn date_sql(d: Option<chrono::NaiveDate>) -> Option<String> {
    use chrono::Datelike;
    d.map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_stored_as_iso_text_and_read_back() {
        for (y, m, d, text) in [
            (2024, 3, 5, "2024-03-05"),
            (2025, 12, 31, "2025-12-31"),
            (1, 1, 1, "0001-01-01"),
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
            assert_eq!(date_sql(Some(date)).as_deref(), Some(text));
            assert_eq!(date_col(Some(text.to_string())), Some(date));
        }
        assert_eq!(date_sql(None), None);
    }

    #[test]
    fn backups_are_single_files_that_pass_the_restore_check() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open_dir(&dir.path().join("data")).expect("open");
        let dest = dir.path().join("copy.db");
        store.backup_to(&dest).expect("backup");
        assert_eq!(check_database_file(&dest).expect("sound"), SCHEMA_VERSION);
        let mode: String = Connection::open(&dest)
            .expect("open copy")
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "delete");
        assert!(!dir.path().join("copy.db-wal").exists());
    }

    #[test]
    fn migrations_reach_the_current_version() {
        let s = Store::open_in_memory().expect("open");
        let v: i64 = s
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(v, SCHEMA_VERSION);
        assert!(s.is_empty().expect("empty"));
    }
}
