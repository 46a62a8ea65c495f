//! The SQLite store: opening (read-write, migrated once under the write lock; or read-only,
//! writing nothing), migrations (append-only SQL files tracked by `PRAGMA user_version`), write
//! transactions that take the write lock before they read what they check, backup and restore
//! (`backup`), temporary files and staged outputs (`files`). The only SQL of the program: the per-aggregate functions
//! take a `&Connection` so they run the same inside or outside a transaction, load plain values
//! (`model`), and write what the other layers checked (a roster, a units sheet, an indicator
//! sheet).

pub mod backup;
pub mod documents;
pub mod facts;
pub mod files;
pub mod history;
pub mod indicators;
pub mod journal;
pub mod members;
pub mod numbers;
pub mod roster;
pub mod settings;
pub mod tasks;
pub mod teams;
pub mod units;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};

use crate::error::{DbCause, Error, Result};

pub use backup::{check_database_file, prune_auto_backups, restore};

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
    (
        "0007_outputs_and_restores.sql",
        include_str!("store/migrations/0007_outputs_and_restores.sql"),
    ),
    (
        "0008_document_files.sql",
        include_str!("store/migrations/0008_document_files.sql"),
    ),
    (
        "0009_indicator_flags.sql",
        include_str!("store/migrations/0009_indicator_flags.sql"),
    ),
    (
        "0010_number_marks.sql",
        include_str!("store/migrations/0010_number_marks.sql"),
    ),
    (
        "0011_member_tasks.sql",
        include_str!("store/migrations/0011_member_tasks.sql"),
    ),
    (
        "0012_indicator_deadlines.sql",
        include_str!("store/migrations/0012_indicator_deadlines.sql"),
    ),
];

/// `t(id)`: the unit `?1` and every unit below it, for `… WHERE unit_id IN (SELECT id FROM t)`.
pub(crate) const SUBTREE: &str = "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL SELECT u.id FROM units u JOIN t ON u.parent_id = t.id)";

/// Prepared statements kept per connection (rusqlite keeps 16): the window and a batch run
/// more distinct queries than that in turn.
const STATEMENT_CACHE: usize = 128;

/// Plans that do not depend on the values bound (SQLite's query planner stability guarantee):
/// without it, SQLite (built with STAT4) recompiled a cached statement on one new binding in
/// four, which was a tenth of a village decision's drafting time; the plans are the same,
/// since no statistics are gathered. And a statement cache that holds every query of a draft.
fn steady_plans(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The file name of the database inside the data dir.
pub const DB_FILE: &str = "cnscd.db";

/// The application id cnscd writes into every database it creates (`PRAGMA application_id`,
/// "CNSD"): a restore accepts only files carrying it (or, from builds before it, none but with
/// a cnscd schema).
pub const APPLICATION_ID: i32 = 0x434E_5344;

/// How long a statement waits for another connection's write lock before saying "busy": an
/// import of a province runs for a few seconds, a national one for longer.
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// An open database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    /// The restore mark of the data a window loaded and prepares its writes against
    /// (`expect_mark`): a write transaction that finds another mark is refused
    /// (`Error::Restored`). `None` (a command, which checks inside its one transaction what it
    /// writes): no check.
    mark: Option<String>,
    /// What the operations on this connection want the clerk told (`notice`), in order.
    notices: Vec<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

/// Fills in the database path of a database error that has none.
pub(crate) fn at(path: Option<&Path>) -> impl Fn(Error) -> Error + '_ {
    move |e| match e {
        Error::Db { cause, path: None } => Error::Db {
            cause,
            path: path.map(Path::to_path_buf),
        },
        other => other,
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date, once,
    /// under the write lock: two first opens at once create the tables once. A database that is
    /// current is not written to.
    pub fn open(path: &Path) -> Result<Store> {
        let dir = files::parent_of(path);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let conn = Connection::open(path).map_err(|e| at(Some(path))(e.into()))?;
        let store = Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only: false,
            mark: None,
            notices: Vec::new(),
        };
        store.configure().map_err(at(Some(path)))?;
        store.migrate().map_err(at(Some(path)))?;
        store.use_wal().map_err(at(Some(path)))?;
        Ok(store)
    }

    /// Opens the database in the data dir.
    pub fn open_dir(data_dir: &Path) -> Result<Store> {
        Store::open(&data_dir.join(DB_FILE))
    }

    /// Opens an existing database of this schema version for reading only: nothing is written,
    /// not even to a `-shm` file when the folder is read-only (the file is then opened as
    /// immutable, which is safe because no cnscd can write there either). A database of another
    /// schema version is refused; `Workspace::open_read` migrates it read-write instead.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let store = match Store::read_only_conn(path, false) {
            Ok(s) => s,
            Err(Error::Db {
                cause: DbCause::CannotOpen | DbCause::ReadOnly,
                ..
            }) => Store::read_only_conn(path, true)?,
            Err(e) => return Err(e),
        };
        let version = store.checked_version()?;
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
        Ok(store)
    }

    /// `open_read_only` for a worker of a batch beside the main connection.
    pub fn open_reader(path: &Path) -> Result<Store> {
        Store::open_read_only(path)
    }

    fn read_only_conn(path: &Path, immutable: bool) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let uri = format!(
            "{}{}",
            file_uri(path),
            if immutable { "?immutable=1" } else { "" }
        );
        let fail = |e: rusqlite::Error| at(Some(path))(e.into());
        let conn = Connection::open_with_flags(&uri, flags).map_err(fail)?;
        conn.busy_timeout(BUSY_WAIT).map_err(fail)?;
        steady_plans(&conn).map_err(fail)?;
        // Opening is lazy: the first read finds out whether the file can be read at all.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(fail)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only: true,
            mark: None,
            notices: Vec::new(),
        })
    }

    /// A fresh in-memory database (tests, previews).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let store = Store {
            conn,
            path: None,
            read_only: false,
            mark: None,
            notices: Vec::new(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Whether this connection only reads.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_WAIT)?;
        steady_plans(&self.conn)?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    /// Switches a database file to WAL (readers beside a writer), unless it is already.
    fn use_wal(&self) -> Result<()> {
        let mode: String = self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        // Changing the mode needs the file to itself for a moment; a racing first open may hold
        // it, and SQLite does not wait for that by itself.
        let start = std::time::Instant::now();
        loop {
            match self
                .conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            {
                Ok(_) => return Ok(()),
                Err(e) if start.elapsed() < BUSY_WAIT && is_busy(&e) => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The schema version, the application id and how many objects the schema declares, read
    /// in one statement (one snapshot: a racing first open commits all three at once).
    fn header(&self) -> Result<(i64, i32, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), \
                    (SELECT application_id FROM pragma_application_id), \
                    (SELECT count(*) FROM sqlite_master \
                     WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// The schema version of a database cnscd made (or of an empty file), refusing a database
    /// another program made: a foreign application id, or no id and tables but no schema
    /// version of ours.
    fn checked_version(&self) -> Result<i64> {
        let (version, id, tables) = self.header()?;
        if id == APPLICATION_ID || (id == 0 && (version > 0 || tables == 0)) {
            return Ok(version);
        }
        tracing::warn!(id, version, tables, "not a cnscd database");
        Err(Error::Db {
            cause: DbCause::Foreign,
            path: self.path.clone(),
        })
    }

    /// Applies the migrations this database lacks, in one write transaction taken before the
    /// version is read again, so that of two first opens one creates the tables and the other
    /// finds them. A current database is only read.
    fn migrate(&self) -> Result<()> {
        let (current, id, _) = self.header()?;
        if current == SCHEMA_VERSION && id == APPLICATION_ID {
            return Ok(());
        }
        let _lock = self.write_lock()?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let current = self.checked_version()?;
        if current > SCHEMA_VERSION {
            tracing::warn!(current, "database of a newer schema");
            return Err(Error::Db {
                cause: DbCause::SchemaTooNew,
                path: self.path.clone(),
            });
        }
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate() {
            let version = i as i64 + 1;
            if version > current {
                tracing::info!(migration = name, "applying");
                tx.execute_batch(sql)?;
            }
        }
        if current != SCHEMA_VERSION {
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        }
        if self.header()?.1 != APPLICATION_ID {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The write lock of the data folder, shared among writers and taken exclusively by a
    /// restore (`files::lock_db`); none for a database in memory.
    fn write_lock(&self) -> Result<Option<std::fs::File>> {
        match &self.path {
            Some(p) => files::lock_db(p, false).map(Some),
            None => Ok(None),
        }
    }

    /// The connection, for reads and single statements.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The database file, when not in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Notes something the clerk is to be told when the operation is over (a text cleaned of
    /// control characters): the command line prints it, the window shows it.
    pub fn notice(&mut self, text: String) {
        self.notices.push(text);
    }

    /// The notices noted since the last call.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// The restore mark the database carries now (`journal::mark`).
    pub fn restore_mark(&self) -> Result<Option<String>> {
        journal::mark(&self.conn)
    }

    /// Makes this connection's writes expect the restore mark `mark` (the one the window loaded
    /// its data under): a restore since then refuses them (`Error::Restored`).
    pub fn expect_mark(&mut self, mark: Option<String>) {
        self.mark = mark;
    }

    /// Runs `f` in one write transaction: committed when it returns `Ok`, rolled back otherwise.
    /// One user action, one transaction. The transaction takes SQLite's write lock before `f`
    /// reads anything (`BEGIN IMMEDIATE`), so what `f` checks is still true when it writes: a
    /// second import waits for the first and sees its rows.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.transaction_if(|tx| f(tx).map(|out| (out, true)))
    }

    /// `transaction` for work that learns only at its end whether to keep what it wrote.
    pub fn transaction_if<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<(T, bool)>,
    ) -> Result<T> {
        let path = self.path.clone();
        let expected = self.mark.clone();
        let _lock = self.write_lock()?;
        let run = || -> Result<T> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Checked under the write lock: no restore can come between this and the commit.
            if expected.is_some() && journal::mark(&tx)? != expected {
                tracing::warn!("write refused: the database was restored since it was read");
                return Err(Error::Restored);
            }
            let (out, commit) = f(&tx)?;
            if commit {
                tx.commit()?;
            }
            Ok(out)
        };
        run().map_err(at(path.as_deref()))
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
        let out = self.transaction_if(f);
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

    /// A SHA-256 over the content of every registry table, in key order: equal checksums mean the
    /// same data. Tests use it to prove that a refused import changed nothing.
    pub fn checksum(&self) -> Result<String> {
        let mut hasher = Sha256::new();
        let tables: Vec<String> = {
            // The journal of renames and the restore mark are bookkeeping, not data.
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' \
                 AND name NOT IN ('pending_outputs', 'restore_mark') ORDER BY name",
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

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

/// `path` as an SQLite `file:` URI, its special characters percent-encoded.
fn file_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = abs.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file:");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    fn migrations_reach_the_current_version() {
        let s = Store::open_in_memory().expect("open");
        let v: i64 = s
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(v, SCHEMA_VERSION);
        assert!(s.is_empty().expect("empty"));
    }

    #[test]
    fn a_cached_query_is_not_compiled_again_for_each_new_value() {
        let mut s = Store::open_in_memory().expect("open");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let stop = std::sync::atomic::AtomicBool::new(false);
        crate::ops::sample::sample(&mut s, crate::ops::sample::Scale::Commune, 1, day, &stop)
            .expect("sample");
        let mut stmt = s
            .conn()
            .prepare(
                "SELECT m.id FROM memberships ms JOIN members m ON m.id = ms.member_id \
                 WHERE ms.team_id = ?1 AND ms.left_on IS NULL ORDER BY ms.id",
            )
            .expect("prepare");
        for team in (1..40i64).map(|i| i % 7 + 1) {
            let ids: Vec<i64> = stmt
                .query_map([team], |r| r.get(0))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            assert!(!ids.is_empty());
        }
        // Without the planner's stability guarantee SQLite compiled it again ten times.
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }
}
