//! `sample`, `backup` and `restore`.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::say;
use crate::error::Result;
use crate::ops::sample::Scale;
use crate::ops::{self, Moment, Store, Workspace};

/// `cnscd sample --scale S --seed N`.
pub fn sample(store: &mut Store, scale: Scale, seed: u64, now: Moment) -> Result<()> {
    let counts = ops::sample::sample(store, scale, seed, now.today(), &AtomicBool::new(false))?;
    say!(
        "Đã tạo dữ liệu mẫu quy mô {}: {} đơn vị, {} tổ, {} thành viên.",
        scale.label(),
        counts.units,
        counts.teams,
        counts.members
    );
    Ok(())
}

/// `cnscd backup -o FILE`.
pub fn backup(store: &Store, output: &Path) -> Result<()> {
    ops::data::backup(store, output)?;
    say!("Đã sao lưu cơ sở dữ liệu vào {}.", output.display());
    Ok(())
}

/// `cnscd restore FILE`.
pub fn restore(ws: &Workspace, file: &Path, now: Moment) -> Result<()> {
    let kept = ops::data::restore(ws, file, now.local)?;
    say!("Đã khôi phục cơ sở dữ liệu từ {}.", file.display());
    if let Some(k) = kept {
        say!("Cơ sở dữ liệu cũ được giữ lại tại {}.", k.display());
    }
    Ok(())
}
