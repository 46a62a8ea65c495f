//! `import units|roster` and `export units|roster` to .xlsx/.csv: the command-line edges of the
//! spreadsheet round trip. The report goes to stdout on success; a refusal is returned as
//! `Error::Refused`, which `main` prints to stderr with exit code 1.

use std::path::Path;

use super::{ExportWhat, ImportWhat};
use crate::error::{Error, Result};
use crate::export::{self, registry};
use crate::import::{self, roster, units as unit_import};
use crate::store::{Store, units};

/// `cnscd import units|roster FILE [--dry-run]`.
pub fn import(store: &mut Store, what: ImportWhat, file: &Path, dry_run: bool) -> Result<()> {
    let report = match what {
        ImportWhat::Units => unit_import::import(
            store,
            import::read_table(file)?,
            &file.display().to_string(),
            dry_run,
        )?,
        ImportWhat::Roster => roster::import_file(
            store,
            file,
            &roster::Options {
                dry_run,
                today: chrono::Local::now().date_naive(),
            },
        )?,
        ImportWhat::Indicators => return Err(Error::not_allowed("nhập chỉ tiêu")),
    };
    if dry_run {
        println!("Chạy thử (--dry-run): chưa ghi gì vào cơ sở dữ liệu.");
    }
    print!("{report}");
    Ok(())
}

/// `cnscd export units|roster -o FILE.xlsx|.csv [--unit U]`.
pub fn export(store: &Store, what: ExportWhat, output: &Path, unit: Option<&str>) -> Result<()> {
    let conn = store.conn();
    let root = unit.map(|u| units::resolve(conn, u)).transpose()?;
    let ext = export::extension(output);
    if matches!(what, ExportWhat::Roster) && ext == "xlsx" {
        let (bytes, rows) = registry::roster_xlsx(conn, root.as_ref())?;
        export::write_atomic(output, &bytes)?;
        println!("Đã xuất {rows} dòng vào {}.", output.display());
        return Ok(());
    }
    let table = match what {
        ExportWhat::Units => registry::units_table(conn, root.as_ref())?,
        ExportWhat::Roster => registry::roster_table(conn, root.as_ref())?,
        other => return Err(Error::not_allowed(format!("xuất {other:?}"))),
    };
    let bytes = match ext.as_str() {
        "xlsx" => export::xlsx::to_bytes(&table)?,
        "csv" => export::csv::to_bytes(&table)?,
        "pdf" | "docx" => {
            return Err(Error::not_allowed(format!(
                "xuất danh sách ra .{ext} (dùng .xlsx hoặc .csv)"
            )));
        }
        _ => {
            return Err(Error::not_allowed(format!(
                "Tệp {}: chỉ xuất được .xlsx hoặc .csv.",
                output.display()
            )));
        }
    };
    export::write_atomic(output, &bytes)?;
    println!(
        "Đã xuất {} dòng vào {}.",
        table.rows.len(),
        output.display()
    );
    Ok(())
}
