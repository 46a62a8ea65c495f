//! The journal of outputs waiting for their names, and the restore mark.
//!
//! An output and its register entry are one step: the output is staged under a temporary name,
//! the register's rows and a journal row naming the staged file and its final name commit
//! together, then the file is renamed and the journal row removed. A process killed between the
//! commit and the rename leaves the row; the next start, alone in the data folder, finishes the
//! rename (`finish_pending`) before it sweeps temporary files. Killed before the commit, there is
//! no row and the staged file is swept: either the register and the file both change, or neither.
//!
//! The restore mark is one value a restore replaces with a fresh one, in the copy it restores
//! from, so the new mark lands in the same step as the restored data. A connection (a window)
//! that read another mark before writing is refused: what it prepared belongs to replaced data.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};

use super::files::Staged;
use crate::error::Result;

/// Records, in the transaction `conn` is in, that `staged` files are to be renamed into place
/// once it commits. Paths are absolute: the next start may run in another folder. Returns the
/// journal rows' ids.
pub fn record(conn: &Connection, staged: &[Staged]) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("INSERT INTO pending_outputs (staged, dest) VALUES (?1, ?2)")?;
    let mut ids = Vec::with_capacity(staged.len());
    for s in staged {
        let from = absolute(s.temp_path());
        let to = absolute(s.dest());
        stmt.execute([from.to_string_lossy(), to.to_string_lossy()])?;
        ids.push(conn.last_insert_rowid());
    }
    Ok(ids)
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Removes the journal rows `ids` once their files have their names. A failure is only logged:
/// the next start finds the staged files gone and removes the rows then.
pub fn clear(conn: &Connection, ids: &[i64]) {
    if ids.is_empty() {
        return;
    }
    let run = || -> rusqlite::Result<()> {
        let tx =
            rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut stmt = tx.prepare_cached("DELETE FROM pending_outputs WHERE id = ?1")?;
            for id in ids {
                stmt.execute([id])?;
            }
        }
        tx.commit()
    };
    if let Err(e) = run() {
        tracing::warn!(error = %e, "journal of outputs not cleared; the next start does it");
    }
}

/// What the next start did with the journal.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Finished {
    /// Staged files renamed into place (their register entries had committed).
    pub renamed: usize,
    /// Rows whose file had already taken its name.
    pub already: usize,
}

/// Finishes the renames a killed process left in the journal of the database `db`, then empties
/// the journal. Only safe when no other process uses the data folder (`files::sweep_at_start`).
/// A database without a journal (none yet, an older schema, a read-only folder) is left alone;
/// the staged files the journal still names are returned so the sweep keeps them.
pub fn finish_pending(db: &Path) -> (Finished, Vec<PathBuf>) {
    let mut done = Finished::default();
    if !db.is_file() {
        return (done, Vec::new());
    }
    let Ok(conn) = Connection::open_with_flags(
        db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return (done, Vec::new());
    };
    let rows: Vec<(i64, String, String)> = match conn
        .prepare("SELECT id, staged, dest FROM pending_outputs ORDER BY id")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()
        }) {
        Ok(rows) => rows,
        // No journal in this schema, or a file that is not ours: nothing to finish.
        Err(_) => return (done, Vec::new()),
    };
    if rows.is_empty() {
        return (done, Vec::new());
    }
    let mut cleared = Vec::new();
    let mut kept = Vec::new();
    for (id, staged, dest) in rows {
        let (staged, dest) = (PathBuf::from(staged), PathBuf::from(dest));
        if staged.is_file() {
            match std::fs::rename(&staged, &dest) {
                Ok(()) => {
                    tracing::info!(file = %dest.display(), "output of a killed process put in place");
                    done.renamed += 1;
                    cleared.push(id);
                }
                Err(e) => {
                    tracing::warn!(file = %dest.display(), error = %e, "staged output not renamed");
                    kept.push(staged);
                }
            }
        } else {
            done.already += 1;
            cleared.push(id);
        }
    }
    clear(&conn, &cleared);
    (done, kept)
}

/// The restore mark of the database `conn` reads, `None` for a database without one (an older
/// schema opened read-only).
pub fn mark(conn: &Connection) -> Result<Option<String>> {
    match conn
        .query_row("SELECT mark FROM restore_mark WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()
    {
        Ok(m) => Ok(m),
        Err(rusqlite::Error::SqliteFailure(_, Some(msg))) if msg.contains("no such table") => {
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// Gives the database `conn` a fresh restore mark (the copy a restore is about to copy in).
pub fn renew_mark(conn: &Connection, stamp: &str) -> Result<String> {
    let mark = format!("{stamp}-{:016x}", rand::random::<u64>());
    conn.execute(
        "INSERT INTO restore_mark (id, mark) VALUES (1, ?1) \
         ON CONFLICT(id) DO UPDATE SET mark = excluded.mark",
        [&mark],
    )?;
    Ok(mark)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DB_FILE, Store, files};

    /// A write killed between its commit and its renames: the register has the row and the
    /// journal, the file still has its temporary name.
    fn killed_after_commit(data: &Path, dest: &Path, bytes: &[u8]) {
        let store = Store::open_dir(data).expect("db");
        let staged = files::Staged::new(dest, bytes).expect("stage");
        record(store.conn(), std::slice::from_ref(&staged)).expect("journal");
        // The process dies: nothing runs its destructors.
        std::mem::forget(staged);
    }

    #[test]
    fn the_next_start_finishes_the_renames_of_a_killed_write_and_sweeps_the_rest() {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("data");
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).expect("out");
        let dest = out.join("qd.pdf");
        std::fs::write(&dest, b"draft").expect("draft");
        killed_after_commit(&data, &dest, b"issued");
        // And one killed before its commit: staged, never journalled.
        let lost = files::Staged::new(&out.join("other.pdf"), b"x").expect("stage");
        std::mem::forget(lost);
        files::note_staging_dir(&data, &out);
        assert_eq!(files::sweep_at_start(&data), 1);
        assert_eq!(std::fs::read(&dest).expect("dest"), b"issued");
        let names: Vec<_> = std::fs::read_dir(&out)
            .expect("out")
            .map(|e| e.expect("e").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("qd.pdf")]);
        let conn = Connection::open(data.join(DB_FILE)).expect("db");
        let left: i64 = conn
            .query_row("SELECT count(*) FROM pending_outputs", [], |r| r.get(0))
            .expect("n");
        assert_eq!(left, 0);
    }

    #[test]
    fn a_row_whose_file_already_took_its_name_is_only_removed() {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("data");
        let dest = dir.path().join("a.pdf");
        let store = Store::open_dir(&data).expect("db");
        let staged = files::Staged::new(&dest, b"x").expect("stage");
        record(store.conn(), std::slice::from_ref(&staged)).expect("journal");
        staged.publish().expect("publish");
        drop(store);
        let (done, kept) = finish_pending(&data.join(DB_FILE));
        assert_eq!(
            done,
            Finished {
                renamed: 0,
                already: 1
            }
        );
        assert!(kept.is_empty());
        assert_eq!(std::fs::read(&dest).expect("dest"), b"x");
    }

    #[test]
    fn a_restore_renews_the_mark_and_a_window_write_against_the_old_one_is_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("data");
        let backup = dir.path().join("b.db");
        let mut window = Store::open_dir(&data).expect("db");
        window.backup_to(&backup).expect("backup");
        let loaded = window.restore_mark().expect("mark");
        window.expect_mark(loaded.clone());
        window
            .transaction(|_| Ok(()))
            .expect("a write before the restore");
        crate::store::restore(&data, &backup, "20260305-080000").expect("restore");
        let e = window.transaction(|_| Ok(())).expect_err("refused");
        assert!(matches!(e, crate::Error::Restored));
        let now = window.restore_mark().expect("mark");
        assert_ne!(now, loaded);
        assert!(
            now.as_deref()
                .is_some_and(|m| m.starts_with("20260305-080000-"))
        );
        window.expect_mark(now);
        window
            .transaction(|_| Ok(()))
            .expect("a write after reloading");
    }
}
