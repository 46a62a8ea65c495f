//! The workspace a face works in, built once: the data folder (interfaces.md §1: `--data-dir`,
//! then `CNSCD_DATA_DIR`, then a portable `cnscd-data` folder beside the executable, then the
//! platform data directory), the templates in force (shipped, overridden by the folder's
//! `templates/`), the trust folder, and the font subsets the session's renders share. Every
//! operation that touches files gets its paths here.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::document::Templates;
use crate::error::Result;
use crate::export::pdf::FontCache;
use crate::store::{DB_FILE, Store};

/// The folder name that switches on portable mode when it sits beside the executable.
pub const PORTABLE_DIR: &str = "cnscd-data";

/// The data folder, its templates and its trust store.
#[derive(Debug, Clone)]
pub struct Workspace {
    data_dir: PathBuf,
    templates: Templates,
    /// Shared by the clones of this workspace (the window's background work).
    fonts: Arc<FontCache>,
}

impl Workspace {
    /// The workspace of a data folder.
    pub fn new(data_dir: impl Into<PathBuf>) -> Workspace {
        let data_dir = data_dir.into();
        Workspace {
            templates: Templates::with_overrides(data_dir.join("templates")),
            data_dir,
            fonts: Arc::default(),
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

    /// Opens (creating if needed) the database.
    pub fn open(&self) -> Result<Store> {
        Store::open_dir(&self.data_dir)
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
