//! `cnscd preview FILE.pdf --page N -o PAGE.png [--dpi D]`: one page rendered in-process, exactly
//! as the window's preview does (`export::raster`); no database is opened.

use std::path::PathBuf;

use clap::Args;

use super::say;
use crate::error::{Error, Result};

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
    let pdf = std::fs::read(&args.file).map_err(|e| Error::io(&args.file, e))?;
    let page = crate::export::raster::render_page(&pdf, args.page, args.dpi)
        .map_err(|e| Error::invalid(format!("{}: {e}", args.file.display())))?;
    crate::export::write_atomic(&args.output, &page.to_png()?)?;
    say!(
        "Đã ghi trang {} ({} × {} điểm ảnh) vào {}",
        args.page,
        page.width,
        page.height,
        args.output.display()
    );
    Ok(())
}
