//! Where data lives (interfaces.md §1): `--data-dir`, then `CNSCD_DATA_DIR`, then a portable
//! `cnscd-data` folder beside the executable, then the platform data directory.

use std::path::PathBuf;

/// The folder name that switches on portable mode when it sits beside the executable.
pub const PORTABLE_DIR: &str = "cnscd-data";

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
