//! The workspace a face works in, built once: the data folder (interfaces.md §1: `--data-dir`,
//! then `CNSCD_DATA_DIR`, then a portable `cnscd-data` folder beside the executable, then the
//! platform data directory), the templates in force (shipped, overridden by the folder's
//! `templates/`), the trust folder, and the font subsets the session's renders share. Every
//! operation that touches files gets its paths here.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::document::Templates;
use crate::error::{DbCause, Error, Result};
use crate::export::pdf::FontCache;
use crate::store::{DB_FILE, Store, files};

/// The folder name that switches on portable mode when it sits beside the executable.
pub const PORTABLE_DIR: &str = "cnscd-data";

/// The data folder, its templates and its trust store.
#[derive(Debug, Clone)]
pub struct Workspace {
    data_dir: PathBuf,
    templates: Templates,
    /// Shared by the clones of this workspace (the window's background work).
    fonts: Arc<FontCache>,
    /// The restore mark of the data the window loaded (`remember_mark`), shared by the clones:
    /// every store `open` gives expects it, so a write prepared before a restore is refused.
    /// `None` for a command, which prepares nothing outside its one transaction.
    seen_mark: Arc<Mutex<Option<String>>>,
}

impl Workspace {
    /// The workspace of a data folder.
    pub fn new(data_dir: impl Into<PathBuf>) -> Workspace {
        let data_dir = data_dir.into();
        Workspace {
            templates: Templates::with_overrides(data_dir.join("templates")),
            data_dir,
            fonts: Arc::default(),
            seen_mark: Arc::default(),
        }
    }

    /// The workspace of the data folder a face was given (`--data-dir`, which clap also fills
    /// from `CNSCD_DATA_DIR`), else the one interfaces.md §1 names.
    pub fn resolve(explicit: Option<PathBuf>) -> Workspace {
        Workspace::new(data_dir(explicit))
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The database file.
    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE)
    }

    /// The templates in force.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The deflated font subsets of this session's renders: a window drafts and previews one
    /// document after another, and most share their subsets.
    pub fn fonts(&self) -> &FontCache {
        &self.fonts
    }

    /// The clerk's templates folder.
    pub fn templates_dir(&self) -> PathBuf {
        self.data_dir.join("templates")
    }

    /// The folder of trusted root certificates.
    pub fn trust_dir(&self) -> PathBuf {
        self.data_dir.join("trust")
    }

    /// The folder of backups.
    pub fn backups_dir(&self) -> PathBuf {
        self.data_dir.join("backups")
    }

    /// Opens (creating if needed) the database for reading and writing. The first time in a
    /// process, temporary files left by a killed process are removed first.
    pub fn open(&self) -> Result<Store> {
        self.sweep_once();
        let mut store = Store::open_dir(&self.data_dir)?;
        store.expect_mark(self.seen());
        Ok(store)
    }

    fn seen(&self) -> Option<String> {
        self.seen_mark
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Remembers the restore mark `store` reads now as the one the window's data was loaded
    /// under: from now on, every store `open` gives refuses to write after a restore
    /// (`Error::Restored`) until the window loads its data again. Call before reading the data.
    pub fn remember_mark(&self, store: &Store) -> Result<()> {
        let mark = store.restore_mark()?;
        *self.seen_mark.lock().unwrap_or_else(|e| e.into_inner()) = mark;
        Ok(())
    }

    /// Whether the database was restored (by `cnscd restore` or another window) since the
    /// window's data was loaded (`remember_mark`). Reads only.
    pub fn restored_since_loaded(&self) -> Result<bool> {
        let Some(seen) = self.seen() else {
            return Ok(false);
        };
        let store = self.open_read()?;
        Ok(store.restore_mark()?.is_some_and(|now| now != seen))
    }

    /// Opens the database for reading only (`list`, `export`, `verify`, `report`): nothing is
    /// written, so a read-only data folder still lists and exports, and a reader never waits for
    /// an import. A database that does not exist yet, or of an older schema, is opened
    /// read-write instead, to be created or migrated once.
    pub fn open_read(&self) -> Result<Store> {
        self.sweep_once();
        let db = self.db_path();
        if db.exists() {
            match Store::open_read_only(&db) {
                Err(Error::Db {
                    cause: DbCause::Other,
                    ..
                }) => {}
                other => return other,
            }
        }
        self.open()
    }

    /// Removes left-over temporary files when no other process uses the folder, once per
    /// process and data folder (`files::sweep_at_start`), and from then on holds the folder's
    /// session lock so that no other process sweeps this one's temporary files. Every operation
    /// that writes files in the data folder calls it first (`open` does).
    pub fn sweep_once(&self) {
        static SWEPT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
        let mut swept = SWEPT.lock().unwrap_or_else(|e| e.into_inner());
        if !swept.contains(&self.data_dir) {
            swept.push(self.data_dir.clone());
            files::sweep_at_start(&self.data_dir);
        }
    }
}

/// Resolves the data dir. `explicit` is the `--data-dir` option (which clap also fills from
/// `CNSCD_DATA_DIR`).
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir;
    }
    if let Some(dir) = std::env::var_os("CNSCD_DATA_DIR").filter(|s| !s.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(portable) = portable_dir() {
        return portable;
    }
    directories::ProjectDirs::from("vn", "", "cnscd")
        .map(|p| p.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(PORTABLE_DIR))
}

/// The portable data folder beside the executable, when it exists.
pub fn portable_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.join(PORTABLE_DIR);
    dir.is_dir().then_some(dir)
}
