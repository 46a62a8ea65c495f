//! How far a sheet reaches, checked before a grid is built for it. A workbook names each cell's
//! position, and a 5 KB file can put one cell at column ZZZZZZ or row 4.294.967.295: the grid
//! from the first cell to that one would take gigabytes, and asking for them aborts the program.
//! Positions past Excel's own limits are refused as a damaged file, and a sheet whose grid would
//! be too large to hold is refused with the way to find the stray cell (Ctrl+End in Excel).

use std::path::Path;

use calamine::Xlsx;

use super::header::column_letter;
use crate::error::{Error, Field, Result};
use crate::vietnamese::format_number;

/// Excel's rows per sheet.
pub const EXCEL_ROWS: u32 = 1_048_576;
/// Excel's columns per sheet (A to XFD).
pub const EXCEL_COLUMNS: u32 = 16_384;
/// The most cells a sheet read whole may span (its rows times its columns, blanks included):
/// some 40 times a national roster of 350.000 rows and 12 columns, and under 1 GB held.
pub const MAX_GRID_CELLS: u64 = 20_000_000;

fn refused(path: &Path, reason: String) -> Error {
    Error::bad_value(Field::Input, path.display().to_string(), reason)
}

/// The A1 name of a 0-based position.
fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_letter(col as usize), u64::from(row) + 1)
}

/// A cell at `row`, `col` (0-based) of `sheet`: refused past Excel's limits.
pub fn check_cell(path: &Path, sheet: &str, row: u32, col: u32) -> Result<()> {
    if row < EXCEL_ROWS && col < EXCEL_COLUMNS {
        return Ok(());
    }
    Err(refused(
        path,
        format!(
            "trang tính «{sheet}» có ô {} nằm ngoài giới hạn của Excel ({} dòng, {} cột): tệp bị \
             hỏng hoặc không do Excel tạo; hãy mở bằng Excel, lưu lại rồi nhập lại",
            cell_name(row, col),
            format_number(i64::from(EXCEL_ROWS)),
            format_number(i64::from(EXCEL_COLUMNS)),
        ),
    ))
}

/// A grid of `rows` by `cols` cells reaching cell (`last_row`, `last_col`): refused when it
/// would hold more than `MAX_GRID_CELLS`.
pub fn check_grid(path: &Path, sheet: &str, rows: u64, cols: u64, last: (u32, u32)) -> Result<()> {
    if rows.saturating_mul(cols) <= MAX_GRID_CELLS {
        return Ok(());
    }
    Err(refused(
        path,
        format!(
            "trang tính «{sheet}» trải đến ô {} ({} dòng × {} cột), quá lớn để đọc; thường do một \
             ô có dữ liệu nằm xa bảng: trong Excel bấm Ctrl+End để tới ô đó, xoá \
             các dòng, cột thừa rồi lưu lại",
            cell_name(last.0, last.1),
            format_number(i64::try_from(rows).unwrap_or(i64::MAX)),
            format_number(i64::try_from(cols).unwrap_or(i64::MAX)),
        ),
    ))
}

/// Reads the cells of `sheet` of an open .xlsx one by one, without building its grid, and
/// checks each position and the grid they span (`check_cell`, `check_grid`): called before a
/// reader that builds the whole grid at once.
pub fn check_xlsx_sheet<RS: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<RS>,
    path: &Path,
    sheet: &str,
) -> Result<()> {
    let unreadable = |e: calamine::XlsxError| {
        tracing::warn!(error = %e, path = %path.display(), "xlsx extent");
        refused(
            path,
            "không mở được như bảng tính (tệp hỏng, có mật khẩu hoặc không phải bảng tính)".into(),
        )
    };
    let mut cells = wb.worksheet_cells_reader(sheet).map_err(unreadable)?;
    // The first row read and the farthest row and column: the grid runs from the first row
    // (calamine starts it there) and from column A (the importers pad rows to their column).
    let mut span: Option<(u32, u32, u32)> = None;
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        // calamine leaves empty cells (formatting only) out of the grid, wherever they are.
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        check_cell(path, sheet, r, c)?;
        let (first, last, wide) = span.unwrap_or((r, r, c));
        let (first, last, wide) = (first.min(r), last.max(r), wide.max(c));
        span = Some((first, last, wide));
        check_grid(
            path,
            sheet,
            u64::from(last - first) + 1,
            u64::from(wide) + 1,
            (last, wide),
        )?;
    }
    Ok(())
}
