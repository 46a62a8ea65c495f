//! `cnscd preview FILE.pdf --page N -o PAGE.png [--dpi D]`: one page rendered in-process, exactly
//! as the window's preview does (`ops::documents::preview_page`); no database is opened.

use std::path::PathBuf;

use clap::Args;

use super::say;
use crate::ops::documents::preview_page;
use crate::ops::{Result, files};

/// `preview` arguments.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Tệp PDF.
    pub file: PathBuf,
    /// Trang cần xem (1 là trang đầu).
    #[arg(long, default_value_t = 1)]
    pub page: usize,
    /// Tệp ảnh PNG kết quả.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// Độ phân giải (điểm ảnh mỗi inch).
    #[arg(long, default_value_t = 96.0)]
    pub dpi: f32,
}

/// Renders the page and writes the PNG.
pub fn run(args: &PreviewArgs) -> Result<()> {
    let (png, width, height) = preview_page(&args.file, args.page, args.dpi)?;
    files::write_atomic(&args.output, &png)?;
    say!(
        "Đã ghi trang {} ({width} × {height} điểm ảnh) vào {}",
        args.page,
        args.output.display()
    );
    Ok(())
}
