//! `import units|roster` and `export units|roster` to .xlsx/.csv: the command-line edges of the
//! spreadsheet round trip. The report goes to stdout on success; a refusal is returned as
//! `Error::Refused`, printed to stderr with exit code 1.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::{ExportWhat, ImportWhat, say, say_raw};
use crate::error::{Error, Field, Result};
use crate::ops::transfer::{self, Sheet};
use crate::ops::{self, Format, Moment, Store, reading, registry};

/// What the clerk tells the reader: `--sheet`, `--header-row`, `--column` (repeatable).
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// `--sheet`.
    pub sheet: Option<String>,
    /// `--header-row`.
    pub header_row: Option<String>,
    /// `--column`.
    pub columns: Vec<String>,
}

/// `cnscd import units|roster FILE [--dry-run] [--sheet S] [--header-row 9] [--column E=…]`.
pub fn import(
    store: &mut Store,
    what: ImportWhat,
    file: &Path,
    dry_run: bool,
    choices: &Choices,
    now: Moment,
) -> Result<()> {
    let kind = match what {
        ImportWhat::Units => reading::Kind::Units,
        _ => reading::Kind::Roster,
    };
    let overrides = reading::parse_choices(
        kind,
        choices.sheet.as_deref(),
        choices.header_row.as_deref(),
        &choices.columns,
    )?;
    let report = match what {
        ImportWhat::Units => transfer::import_units_with(store, file, dry_run, &overrides)?,
        ImportWhat::Roster => ops::roster::import_file(
            store,
            file,
            &ops::roster::Options {
                overrides,
                ..ops::roster::Options::new(dry_run, now.today())
            },
            &AtomicBool::new(false),
        )?,
        ImportWhat::Indicators => {
            return Err(Error::internal("nhập chỉ tiêu đi đường khác"));
        }
    };
    if dry_run {
        say!("Chạy thử (--dry-run): chưa ghi gì vào cơ sở dữ liệu.");
    }
    say_raw!("{report}");
    Ok(())
}

/// `cnscd export units|roster -o FILE.xlsx|.csv [--unit U]`.
pub fn export(store: &Store, what: ExportWhat, output: &Path, unit: Option<&str>) -> Result<()> {
    let root = unit.map(|u| registry::resolve_unit(store, u)).transpose()?;
    let sheet = match what {
        ExportWhat::Units => Sheet::Units,
        ExportWhat::Roster => Sheet::Roster,
        _ => {
            return Err(Error::bad_value(
                Field::Output,
                output.display().to_string(),
                "danh sách đầu mối chỉ xuất ra .pdf hoặc .docx",
            ));
        }
    };
    if Format::of_path(output).is_some_and(Format::is_document) {
        return Err(Error::bad_value(
            Field::Output,
            output.display().to_string(),
            "danh sách đơn vị chỉ xuất ra .xlsx hoặc .csv",
        ));
    }
    let rows = transfer::export_sheet(store, sheet, root.as_ref(), output)?;
    say!("Đã xuất {rows} dòng vào {}.", output.display());
    Ok(())
}
