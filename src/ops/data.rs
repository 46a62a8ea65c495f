//! Backups and restores of the database: a consistent copy on demand, the automatic copy of the
//! day (the newest 30 kept), and a checked restore that keeps the database it replaces.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

use super::Workspace;
use crate::error::Result;
use crate::store::{self, Store};

/// The database schema version this build writes (Cài đặt → Giới thiệu).
pub const SCHEMA_VERSION: i64 = store::SCHEMA_VERSION;

/// How many automatic daily backups are kept.
pub const AUTO_BACKUPS_KEPT: usize = 30;

/// A consistent copy of the database at `dest`.
pub fn backup(store: &Store, dest: &Path) -> Result<()> {
    store.backup_to(dest)
}

/// A copy in the backups folder, named for `now` (`backups/cnscd-20260305-083000.db`).
pub fn backup_now(store: &Store, ws: &Workspace, now: NaiveDateTime) -> Result<PathBuf> {
    let dest = ws
        .backups_dir()
        .join(format!("cnscd-{}.db", now.format("%Y%m%d-%H%M%S")));
    store.backup_to(&dest)?;
    Ok(dest)
}

/// Restores `file` over the database after checking it; the database it replaces is kept as
/// `backups/cnscd-truoc-khoi-phuc-<now>.db`, whose path is returned.
pub fn restore(ws: &Workspace, file: &Path, now: NaiveDateTime) -> Result<Option<PathBuf>> {
    // Its temporary copies live in the data folder: another process starting meanwhile must
    // know this one is there and leave them alone.
    ws.sweep_once();
    let kept = store::restore(
        ws.data_dir(),
        file,
        &now.format("%Y%m%d-%H%M%S").to_string(),
    )?;
    // A window restoring knows it did (it reloads); only restores by others are news to it.
    if ws.restored_since_loaded().unwrap_or(false) {
        ws.remember_mark(&ws.open_read()?)?;
    }
    Ok(kept)
}

/// Makes today's automatic backup (`backups/cnscd-tu-dong-YYYYMMDD.db`) unless it exists, and
/// keeps the newest 30. Returns the new file, if one was made.
pub fn auto_backup(ws: &Workspace, today: NaiveDate) -> Result<Option<PathBuf>> {
    let dir = ws.backups_dir();
    let dest = dir.join(format!("cnscd-tu-dong-{}.db", today.format("%Y%m%d")));
    if dest.exists() {
        return Ok(None);
    }
    ws.open()?.backup_to(&dest)?;
    store::prune_auto_backups(&dir, AUTO_BACKUPS_KEPT)?;
    Ok(Some(dest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_backup_once_a_day_keeps_thirty() {
        let dir = tempfile::tempdir().expect("dir");
        crate::Store::open_dir(dir.path()).expect("db");
        let ws = Workspace::new(dir.path());
        let backups = dir.path().join("backups");
        std::fs::create_dir_all(&backups).expect("dir");
        for day in 1..=30 {
            std::fs::write(
                backups.join(format!("cnscd-tu-dong-202601{day:02}.db")),
                b"x",
            )
            .expect("old");
        }
        let today = NaiveDate::from_ymd_opt(2026, 2, 3).expect("date");
        let made = auto_backup(&ws, today).expect("backup");
        assert_eq!(made, Some(backups.join("cnscd-tu-dong-20260203.db")));
        crate::store::check_database_file(&backups.join("cnscd-tu-dong-20260203.db"))
            .expect("a sound database");
        assert_eq!(auto_backup(&ws, today).expect("again"), None);
        let names: Vec<String> = std::fs::read_dir(&backups)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        // Opening the copy to check it may leave SQLite's -wal/-shm beside it; count backups only.
        let kept = names.iter().filter(|n| n.ends_with(".db")).count();
        assert_eq!(kept, 30, "{names:?}");
        assert!(!backups.join("cnscd-tu-dong-20260101.db").exists());
    }
}
