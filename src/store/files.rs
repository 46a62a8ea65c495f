//! The files the program writes beside the database and beside its outputs: temporary files with
//! one recognisable name (`.cnscd-tmp-…`), locked while in use and swept at the next start;
//! outputs staged under such a name and renamed into place only when the register has taken
//! them; the folder lock that keeps a restore apart from every writer. The store owns these
//! because the register and the files must move together.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tempfile::NamedTempFile;

use crate::error::{DbCause, Error, Result};

/// Every temporary file the program makes starts with this.
pub const TEMP_PREFIX: &str = ".cnscd-tmp-";

/// The list, in the data folder, of the folders outside it where outputs were staged, so the
/// next start sweeps those too.
const STAGED_DIRS: &str = "cnscd-thu-muc-tam.txt";

/// Temporary names of earlier builds, swept as well.
const OLD_PREFIXES: &[&str] = &[".cnscd-backup", ".cnscd-restore"];

/// A temporary file in `dir`, named `.cnscd-tmp-<what>-…`, created with the user's normal
/// permissions (0666 less the umask), not the 0600 of `tempfile`.
pub fn temp_in(dir: &Path, what: &str) -> Result<NamedTempFile> {
    if dir.exists() && !dir.is_dir() {
        // `create_dir_all` would say only "file exists".
        return Err(Error::Io {
            path: dir.to_path_buf(),
            cause: crate::error::IoCause::NotFolder,
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let prefix = format!("{TEMP_PREFIX}{what}-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))
}

/// The folder of `path` (`.` for a bare file name).
pub fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Bytes written beside their destination under a temporary name, synced, waiting to be
/// renamed into place (`publish`). Dropped unpublished, the temporary file is removed.
#[derive(Debug)]
pub struct Staged {
    // Closed once written: a batch stages thousands of files.
    tmp: tempfile::TempPath,
    dest: PathBuf,
}

impl Staged {
    /// Writes `bytes` to a temporary file beside `dest`.
    pub fn new(dest: &Path, bytes: &[u8]) -> Result<Staged> {
        let tmp = temp_in(parent_of(dest), "ghi")?;
        write_synced(&tmp, bytes).map_err(|e| Error::io(dest, e))?;
        Ok(Staged {
            tmp: tmp.into_temp_path(),
            dest: dest.to_path_buf(),
        })
    }

    /// The temporary file holding the bytes until they are published.
    pub fn temp_path(&self) -> &Path {
        &self.tmp
    }

    /// Where the bytes go.
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Renames the bytes into place.
    pub fn publish(self) -> Result<PathBuf> {
        let dest = self.dest;
        self.tmp
            .persist(&dest)
            .map_err(|e| Error::io(&dest, e.error))?;
        Ok(dest)
    }

    /// `publish`, but a file that cannot take its name stays under its temporary name (the
    /// journal names it; the next start tries again).
    fn publish_or_keep(self) -> Result<PathBuf> {
        let dest = self.dest;
        match self.tmp.persist(&dest) {
            Ok(()) => Ok(dest),
            Err(e) => {
                let err = Error::io(&dest, e.error);
                if let Err(k) = e.path.keep() {
                    tracing::warn!(error = %k, "staged output not kept");
                }
                Err(err)
            }
        }
    }
}

fn write_synced(tmp: &NamedTempFile, mut bytes: &[u8]) -> std::io::Result<()> {
    let mut f = tmp.as_file();
    while !bytes.is_empty() {
        let n = write_hook(&mut f, bytes)?;
        bytes = &bytes[n..];
    }
    f.sync_all()
}

/// Writes `bytes` to `dest` through a temporary file renamed over it: a reader never sees half a
/// file and a failure (a full disk) leaves none.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<()> {
    Staged::new(dest, bytes)?.publish().map(|_| ())
}

/// One write of the output files; tests set `CNSCD_TEST_DISK_FULL_AFTER` to a byte count to
/// make writes past it fail as a full disk does (ENOSPC), where no small file system can be
/// mounted.
fn write_hook(f: &mut &File, bytes: &[u8]) -> std::io::Result<usize> {
    if let Some(limit) = std::env::var("CNSCD_TEST_DISK_FULL_AFTER")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        let at = f.metadata()?.len();
        if at + bytes.len() as u64 > limit {
            return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
        }
    }
    f.write(bytes)
}

/// Notes, in the data folder `data_dir`, that outputs are being staged in `dir`, so that a
/// sweep at the next start looks there too. The data folder itself needs no note.
pub fn note_staging_dir(data_dir: &Path, dir: &Path) {
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    if dir.starts_with(data_dir) {
        return;
    }
    let list = data_dir.join(STAGED_DIRS);
    let text = std::fs::read_to_string(&list).unwrap_or_default();
    let line = dir.to_string_lossy();
    if text.lines().any(|l| l == line) {
        return;
    }
    let appended = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&list)
        .and_then(|mut f| writeln!(f, "{line}"));
    if let Err(e) = appended {
        tracing::warn!(error = %e, "cannot note a staging folder");
    }
}

/// The lock every process using a data folder holds shared for its lifetime: a process that
/// can take it exclusively is alone, so every temporary file there is a left-over.
const SESSION_LOCK: &str = "cnscd-phien.lock";

/// At the start of a process: when no other process uses the data folder, removes the
/// temporary files left by one that was killed (`sweep`); then holds the folder's session lock
/// shared until the process ends. Returns how many files were removed.
pub fn sweep_at_start(data_dir: &Path) -> usize {
    static HELD: std::sync::Mutex<Vec<File>> = std::sync::Mutex::new(Vec::new());
    let _ = std::fs::create_dir_all(data_dir);
    let path = data_dir.join(SESSION_LOCK);
    let Ok(file) = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
    else {
        // A read-only folder: nothing can have been left there by this program's writes.
        return 0;
    };
    let removed = if file.try_lock().is_ok() {
        // Outputs whose register entries committed take their names before the sweep.
        let (finished, keep) = super::journal::finish_pending(&data_dir.join(super::DB_FILE));
        if finished.renamed > 0 {
            tracing::info!(
                renamed = finished.renamed,
                "outputs of a killed process finished"
            );
        }
        let n = sweep_keeping(data_dir, &keep);
        let _ = file.unlock();
        n
    } else {
        0
    };
    if file.lock_shared().is_ok() {
        HELD.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    }
    removed
}

/// Removes the temporary files left in the data folder, its `backups/`, its output folders and
/// every folder noted by `note_staging_dir`. Returns how many were removed. Only safe when no
/// other process uses the folder (`sweep_at_start`). Folders that cannot be read or files that
/// cannot be removed (a read-only folder) are left as they are.
pub fn sweep(data_dir: &Path) -> usize {
    sweep_keeping(data_dir, &[])
}

/// `sweep`, leaving the files of `keep` (staged outputs the journal still names).
fn sweep_keeping(data_dir: &Path, keep: &[PathBuf]) -> usize {
    let mut dirs = vec![data_dir.to_path_buf(), data_dir.join("backups")];
    if let Ok(entries) = std::fs::read_dir(data_dir) {
        dirs.extend(
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path())
                .filter(|p| !p.ends_with("backups")),
        );
    }
    let list = data_dir.join(STAGED_DIRS);
    let noted = std::fs::read_to_string(&list).unwrap_or_default();
    dirs.extend(noted.lines().filter(|l| !l.is_empty()).map(PathBuf::from));
    let mut removed = 0;
    for dir in &dirs {
        removed += sweep_dir(dir, keep);
    }
    if !noted.is_empty() && std::fs::remove_file(&list).is_err() {
        tracing::debug!("staging list kept");
    }
    removed
}

fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX)
        || OLD_PREFIXES.iter().any(|p| name.starts_with(p))
        || (name.starts_with(".cnscd-") && name.ends_with(".tmp"))
}

fn sweep_dir(dir: &Path, keep: &[PathBuf]) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_temp_name(name) {
            continue;
        }
        let path = entry.path();
        if keep
            .iter()
            .any(|k| k.file_name() == Some(entry.file_name().as_os_str()))
        {
            continue;
        }
        if std::fs::remove_file(&path).is_ok() {
            tracing::info!(file = %path.display(), "left-over temporary file removed");
            removed += 1;
        }
    }
    removed
}

/// The lock file beside a database: writers hold it shared, a restore exclusively.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-lock");
    PathBuf::from(name)
}

/// How long a writer waits for a restore, or a restore for the writers, before saying the
/// database is busy.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// Takes the lock of the database `db`: shared for a writer, exclusive for a restore. Held
/// until the returned file is dropped.
pub fn lock_db(db: &Path, exclusive: bool) -> Result<File> {
    let path = lock_path(db);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    let start = Instant::now();
    loop {
        let taken = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match taken {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::Db {
                    cause: DbCause::Busy,
                    path: Some(db.to_path_buf()),
                });
            }
            // A file system without locks: go on unlocked rather than refuse every write.
            Err(std::fs::TryLockError::Error(e)) => {
                tracing::warn!(error = %e, "database lock unavailable");
                return Ok(file);
            }
        }
    }
}

impl crate::store::Store {
    /// Stages `bytes` for `dest` (`Staged::new`), noting the folder so that the next start
    /// sweeps it if this process is killed before the output is published.
    pub fn stage(&self, dest: &Path, bytes: &[u8]) -> Result<Staged> {
        self.note_staging(parent_of(dest));
        Staged::new(dest, bytes)
    }

    /// Notes that outputs will be staged in `dir` (`note_staging_dir`), before a transaction
    /// that stages them with `Staged::new`.
    pub fn note_staging(&self, dir: &Path) {
        if let Some(data_dir) = self.path().map(parent_of) {
            note_staging_dir(data_dir, dir);
        }
    }

    /// Runs `f` in one write transaction and, once it has committed, renames the `staged`
    /// outputs into place (`transaction_staging`).
    pub fn transaction_publishing<T>(
        &mut self,
        staged: Vec<Staged>,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<(T, Vec<PathBuf>)> {
        self.transaction_staging(|tx| f(tx).map(|out| (out, staged)))
    }

    /// Runs `f` in one write transaction; the outputs `f` staged are renamed into place once it
    /// has committed. The transaction also records the renames in the journal
    /// (`journal::record`), so an output and its register entry are one step: a failure or a
    /// kill before the commit leaves no output (the staged files are dropped, or swept at the
    /// next start); a kill after it has its renames finished at the next start
    /// (`journal::finish_pending`). The folder's write lock is held until the renames are done,
    /// so no restore comes between. Returns `f`'s result and the published paths, in order.
    pub fn transaction_staging<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<(T, Vec<Staged>)>,
    ) -> Result<(T, Vec<PathBuf>)> {
        let _lock = match self.path() {
            Some(p) => Some(lock_db(p, false)?),
            None => None,
        };
        let (out, staged, ids) = self.transaction(|tx| {
            let (out, staged) = f(tx)?;
            let ids = super::journal::record(tx, &staged)?;
            Ok((out, staged, ids))
        })?;
        if let Some(hook) = std::env::var_os("CNSCD_TEST_PAUSE_BEFORE_RENAME") {
            // Crash trials: a window between the commit and the renames wide enough to kill in.
            let ms = hook.to_str().and_then(|s| s.parse().ok()).unwrap_or(0);
            std::thread::sleep(Duration::from_millis(ms));
        }
        // Every rename is tried; one that fails keeps its staged file and journal row, so the
        // next start tries again, and the first failure is reported.
        let mut published = Vec::with_capacity(staged.len());
        let mut done = Vec::with_capacity(ids.len());
        let mut failed = None;
        for (s, id) in staged.into_iter().zip(ids) {
            match s.publish_or_keep() {
                Ok(p) => {
                    published.push(p);
                    done.push(id);
                }
                Err(e) => failed = failed.or(Some(e)),
            }
        }
        super::journal::clear(self.conn(), &done);
        match failed {
            Some(e) => Err(e),
            None => Ok((out, published)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sweep_removes_temporaries_and_keeps_outputs() {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("data");
        let out = dir.path().join("out");
        std::fs::create_dir_all(data.join("backups")).expect("dirs");
        // Left by killed processes: not locked by anyone.
        for p in [
            data.join(".cnscd-tmp-khoiphuc-abc"),
            data.join("backups/.cnscd-backupXYZ"),
            out.join(".cnscd-tmp-ghi-1"),
        ] {
            std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
            std::fs::write(&p, b"x").expect("litter");
        }
        std::fs::write(out.join("QD.pdf"), b"%PDF").expect("output");
        note_staging_dir(&data, &out);
        assert_eq!(sweep_at_start(&data), 3);
        // Another process (this one, again) using the folder: nothing is swept.
        std::fs::write(data.join(".cnscd-tmp-x"), b"x").expect("litter");
        assert_eq!(sweep_at_start(&data), 0);
        assert!(data.join(".cnscd-tmp-x").exists());
        assert!(out.join("QD.pdf").exists());
        let left: Vec<_> = std::fs::read_dir(&out).expect("list").collect();
        assert_eq!(left.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_the_users_normal_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let dest = dir.path().join("a.pdf");
        write_atomic(&dest, b"%PDF").expect("write");
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"x").expect("plain");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&dest), mode(&plain));
        assert_ne!(mode(&dest), 0o600);
    }
}
