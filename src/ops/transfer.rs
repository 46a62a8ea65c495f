//! The registry's spreadsheets, the same for both faces: importing units (checked first; a file
//! with any problem writes nothing) and exporting units and the roster to .xlsx or .csv, in the
//! columns the importers read back. (The roster import is `ops::roster`.)

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use super::files;
use super::reading::{self, Kind};
use crate::error::{Error, Field, Result};
use crate::export::listing::{self, RosterRows};
use crate::export::table::{Listing, Value};
use crate::import::legacy;
use crate::import::reading::{Tally, describe_layout, settle, unsettled};
use crate::import::sheet_layout::Overrides;
use crate::import::units::{UnitIndex, plan, read_rows};
use crate::import::workbook::SheetRead;
use crate::model::{Format, Problems, Unit};
use crate::store::{Store, members, teams, units};

/// Imports a units sheet: checked against the registry, written in one transaction unless
/// `dry_run`. `Ok` carries what was (or would be) written; a file with any problem is refused
/// with `Error::Refused` and nothing is written.
pub fn import_units(store: &mut Store, file: &Path, dry_run: bool) -> Result<Problems> {
    import_units_with(store, file, dry_run, &Overrides::default())
}

/// `import_units` with the clerk's choices (sheet, header rows, columns); a choice of header
/// rows or columns is remembered for files of the same layout once the file is imported.
pub fn import_units_with(
    store: &mut Store,
    file: &Path,
    dry_run: bool,
    chosen: &Overrides,
) -> Result<Problems> {
    let read = crate::import::workbook::read(file, chosen.sheet.as_ref())?;
    let note = reading::read_note(&read);
    let name = file.display().to_string();
    let (report, fingerprint) = import_read(store, read, note, &name, dry_run, chosen)?;
    if !dry_run && !chosen.is_empty() {
        reading::remember(store.conn(), Kind::Units, &fingerprint, chosen)?;
    }
    Ok(report)
}

/// `import_units` for a sheet read already; `file` names it in messages.
pub fn import_units_sheet(
    store: &mut Store,
    sheet: crate::import::Sheet,
    file: &str,
    dry_run: bool,
) -> Result<Problems> {
    let read = SheetRead {
        sheets: vec![sheet.name.clone()],
        sheet,
        merges: Vec::new(),
        decoded: None,
    };
    import_read(store, read, None, file, dry_run, &Overrides::default()).map(|(r, _)| r)
}

/// Reads a unit list through the sheet reader, checks and plans it, and writes it.
fn import_read(
    store: &mut Store,
    mut read: SheetRead,
    note: Option<String>,
    file: &str,
    dry_run: bool,
    chosen: &Overrides,
) -> Result<(Problems, String)> {
    let mut report = Problems::new(file);
    report.notices.extend(note);
    crate::import::table::report_error_cells(&read.sheet, &mut report);
    if !report.is_ok() {
        return Err(Error::Refused(Arc::new(report)));
    }
    let converted = legacy::convert_sheet(&mut read.sheet);
    let fields = Kind::Units.fields();
    let remembered = reading::remembered(store.conn(), Kind::Units)?;
    let settled = match settle(&read.head(), &read.merges, &fields, chosen, &|f| {
        remembered.get(f).cloned()
    }) {
        Ok(s) => s,
        Err(u) => {
            unsettled(&u, &mut report);
            return Err(Error::Refused(Arc::new(report)));
        }
    };
    describe_layout(&settled, &fields, &mut report);
    crate::import::roster::legacy_notices(&settled.layout, &converted, &mut report);
    let fingerprint = settled.layout.fingerprint.clone();
    let mut layout = settled.layout;
    let mut tally = Tally::default();
    let list = read_rows(&mut layout, read.lines(), &mut tally);
    tally.finish(list.len(), "đơn vị", &mut report);
    let planned = |conn: &rusqlite::Connection, report| {
        let all = units::all(conn)?;
        let index = UnitIndex::new(all.clone());
        plan(list, report, &all, &index)
    };
    let report = if dry_run {
        planned(store.conn(), report)?.0
    } else {
        // Planned inside the write transaction, against the units as they are when it writes.
        store.transaction_if(|tx| {
            let (report, rows) = planned(tx, report)?;
            if report.is_ok() {
                units::write_plan(tx, &rows)?;
            }
            let ok = report.is_ok();
            Ok((report, ok))
        })?
    };
    if !report.is_ok() {
        return Err(Error::Refused(Arc::new(report)));
    }
    Ok((report, fingerprint))
}

/// The units of the registry (or of the subtree of `root`).
pub fn units_listing(store: &Store, root: Option<&Unit>) -> Result<Listing> {
    let conn = store.conn();
    let all = units::all(conn)?;
    let keep: Option<HashSet<i64>> = root
        .map(|r| units::subtree_ids(conn, r.id))
        .transpose()?
        .map(|v| v.into_iter().collect());
    Ok(listing::units_listing(&all, keep.as_ref(), root))
}

/// Hands each roster row of the registry (or of the subtree of `root`) to `f`, team by team.
pub fn roster_rows(
    store: &Store,
    root: Option<&Unit>,
    f: &mut dyn FnMut(Vec<Value>) -> Result<()>,
) -> Result<()> {
    let conn = store.conn();
    let unit_list = units::all(conn)?;
    let team_list = match root {
        Some(r) => teams::in_subtree(conn, r.id)?,
        None => teams::all(conn)?,
    };
    let mut rows = RosterRows::new(&unit_list, &team_list);
    let mut emit = |row: Vec<Value>| f(row);
    members::each_active_under(conn, root.map(|r| r.id), |m| rows.push(m, &mut emit))?;
    rows.finish(&mut emit)
}

/// The roster of the registry (or of the subtree of `root`) as a listing.
pub fn roster_listing(store: &Store, root: Option<&Unit>) -> Result<Listing> {
    let mut rows = Vec::new();
    roster_rows(store, root, &mut |row| {
        rows.push(row);
        Ok(())
    })?;
    Ok(Listing {
        title: listing::roster_title(root),
        columns: listing::roster_columns(),
        rows,
    })
}

/// The roster as .xlsx bytes and how many members it lists; written as the members are read.
pub fn roster_xlsx(store: &Store, root: Option<&Unit>) -> Result<(Vec<u8>, usize)> {
    let title = listing::roster_title(root);
    let columns = listing::roster_columns();
    listing::xlsx_streamed(&title, &columns, |emit| roster_rows(store, root, emit))
}

/// What a sheet export may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// The administrative units.
    Units,
    /// The members of the teams.
    Roster,
}

/// Exports the units or the roster of the registry (or of the subtree of `root`) to `output`,
/// .xlsx or .csv by its extension; returns how many rows were written.
pub fn export_sheet(
    store: &Store,
    what: Sheet,
    root: Option<&Unit>,
    output: &Path,
) -> Result<usize> {
    let format = Format::of_path(output);
    if what == Sheet::Roster && format == Some(Format::Xlsx) {
        let (bytes, rows) = roster_xlsx(store, root)?;
        files::write_atomic(output, &bytes)?;
        return Ok(rows);
    }
    let listing = match what {
        Sheet::Units => units_listing(store, root)?,
        Sheet::Roster => roster_listing(store, root)?,
    };
    let bytes = match format {
        Some(Format::Xlsx) => crate::export::xlsx::to_bytes(&listing)?,
        Some(Format::Csv) => crate::export::csv::to_bytes(&listing)?,
        _ => {
            return Err(Error::bad_value(
                Field::Output,
                output.display().to_string(),
                "danh sách chỉ xuất ra .xlsx hoặc .csv",
            ));
        }
    };
    files::write_atomic(output, &bytes)?;
    Ok(listing.rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Sheet;
    use crate::model::Level;
    use crate::model::columns::units as col;

    fn import(s: &mut Store, sheet: Sheet, file: &str, dry_run: bool) -> Result<Problems> {
        import_units_sheet(s, sheet, file, dry_run)
    }

    fn sheet(rows: &[[&str; 3]]) -> Sheet {
        let mut all = vec![[col::NAME, col::LEVEL, col::PARENT]];
        all.extend_from_slice(rows);
        Sheet::from_text(&all)
    }

    const TREE: [[&str; 3]; 3] = [
        ["Xã Hòa Bắc", "xã", "Đà Nẵng"],
        ["Thôn An Phú", "thôn", "Hòa Bắc"],
        ["Thành phố Đà Nẵng", "thành phố", ""],
    ];

    #[test]
    fn parents_by_name_in_any_order_and_reimport_changes_nothing() {
        let mut s = Store::open_in_memory().expect("db");
        let r = import(&mut s, sheet(&TREE), "u.xlsx", false).expect("import");
        assert_eq!((r.added, r.updated, r.unchanged), (3, 0, 0));
        let dn = units::resolve(s.conn(), "Đà Nẵng").expect("dn");
        assert_eq!(dn.level, Level::Province);
        assert_eq!(dn.kind, "thành phố");
        let ap = units::resolve(s.conn(), "An Phú").expect("ap");
        assert_eq!(ap.level, Level::Village);
        let hb = units::resolve(s.conn(), "Hòa Bắc").expect("hb");
        assert_eq!(ap.parent_id, Some(hb.id));
        let sum = s.checksum().expect("sum");
        let r = import(&mut s, sheet(&TREE), "u.xlsx", false).expect("again");
        assert_eq!((r.added, r.updated, r.unchanged), (0, 0, 3));
        assert_eq!(s.checksum().expect("sum"), sum);
    }

    #[test]
    fn unknown_parent_and_level_refuse_the_file() {
        let mut s = Store::open_in_memory().expect("db");
        let mut rows = TREE.to_vec();
        rows.push(["Thôn Lạ", "thôn", "Không Có"]);
        rows.push(["Làng Nổi", "lâu đài", "Hòa Bắc"]);
        match import(&mut s, sheet(&rows), "u.xlsx", false) {
            Err(Error::Refused(r)) => {
                assert_eq!(r.problems.len(), 2, "{r}");
                assert_eq!(r.problems[0].row, Some(6));
                assert_eq!(r.problems[1].row, Some(5));
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(s.is_empty().expect("empty"));
    }

    fn xlsx_sheet(bytes: Vec<u8>) -> calamine::Range<calamine::Data> {
        use calamine::Reader;
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("xlsx");
        wb.worksheet_range("Danh sách").expect("sheet")
    }

    #[test]
    fn streamed_roster_xlsx_is_the_roster_listing() {
        let mut store = Store::open_in_memory().expect("db");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        crate::ops::sample::sample(
            &mut store,
            crate::ops::sample::Scale::Commune,
            1,
            today,
            &std::sync::atomic::AtomicBool::new(false),
        )
        .expect("sample");
        let listing = roster_listing(&store, None).expect("listing");
        assert!(listing.rows.len() > 10);
        let (bytes, rows) = roster_xlsx(&store, None).expect("xlsx");
        assert_eq!(rows, listing.rows.len());
        let whole = crate::export::xlsx::to_bytes(&listing).expect("xlsx");
        assert_eq!(xlsx_sheet(bytes), xlsx_sheet(whole));
    }
}
