//! `backup` and `restore`.

use super::say;
use std::path::Path;

use crate::error::Result;
use crate::store::{self, Store};

/// `cnscd backup -o FILE`.
pub fn backup(store: &Store, output: &Path) -> Result<()> {
    store.backup_to(output)?;
    say!("Đã sao lưu cơ sở dữ liệu vào {}.", output.display());
    Ok(())
}

/// `cnscd restore FILE`.
pub fn restore(data_dir: &Path, file: &Path) -> Result<()> {
    let kept = store::restore(data_dir, file)?;
    say!("Đã khôi phục cơ sở dữ liệu từ {}.", file.display());
    if let Some(k) = kept {
        say!("Cơ sở dữ liệu cũ được giữ lại tại {}.", k.display());
    }
    Ok(())
}
