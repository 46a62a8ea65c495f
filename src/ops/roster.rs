//! The roster import's driver: it wires `import::roster`'s checker to `store::roster`'s writer.
//! Rows are written as soon as they are checked, into one transaction that is rolled back if a
//! problem turns up anywhere in the file, so a refused file leaves the database as it was. An
//! .xlsx or .csv goes through in one pass: a second thread reads (calamine parses an .xlsx on a
//! third), checks and plans each row as it comes, and the calling thread writes. Other files,
//! and sheets with legacy-encoded text (recognised column by column over the whole sheet), are
//! read whole first.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::import::header::{HEADER_SEARCH_ROWS, find_columns};
use crate::import::legacy;
use crate::import::roster::{self as check, Checker, FIELDS, Lookup, col};
use crate::import::table::{Cell, CsvRows, RowStream, Sheet, XlsxRows, read_table};
use crate::model::{CheckedRow, Problems, RowAction};
use crate::store::roster::Writer;
use crate::store::{Store, members, teams, units};

/// What an import is told: whether to write, and today (for the year-of-birth range).
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Check and plan only.
    pub dry_run: bool,
    /// Today.
    pub today: NaiveDate,
}

/// Imports a roster file (.xlsx, .xls, .ods or .csv). `Ok` carries what was (or, dry, would be)
/// written; a file with any problem is refused with `Error::Refused`, every problem listed, and
/// nothing is written. `cancel` is checked before the writing starts.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    opts: &Options,
    cancel: &AtomicBool,
) -> Result<Problems> {
    let file = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let streamed = match ext.as_str() {
        "xlsx" => import_stream(store, XlsxRows::open(path)?, path, &file, opts, cancel)?,
        "csv" | "txt" => import_stream(store, CsvRows::open(path)?, path, &file, opts, cancel)?,
        _ => None,
    };
    match streamed {
        Some(report) => Ok(report),
        None => import_sheet(store, read_table(path)?, &file, opts, cancel),
    }
}

/// The stored registry rows are checked against: units, teams, active members.
fn lookup(conn: &Connection) -> Result<Lookup> {
    let mut lookup = Lookup::new(units::all(conn)?, teams::all(conn)?);
    members::each_active_under(conn, None, |m| {
        lookup.add_stored(m);
        Ok(())
    })?;
    Ok(lookup)
}

fn cancelled(cancel: &AtomicBool) -> Result<()> {
    if cancel.load(Ordering::SeqCst) {
        Err(Error::Cancelled)
    } else {
        Ok(())
    }
}

/// Imports a roster sheet read whole.
pub fn import_sheet(
    store: &mut Store,
    mut sheet: Sheet,
    file: &str,
    opts: &Options,
    cancel: &AtomicBool,
) -> Result<Problems> {
    let mut report = Problems::new(file);
    let converted = legacy::convert_sheet(&mut sheet);
    let Some(cols) = find_columns(&sheet, FIELDS, &[col::STT], &mut report) else {
        return Err(Error::Refused(Arc::new(report)));
    };
    check::legacy_notices(&sheet, &cols, &converted, &mut report);
    let header_line = sheet.row_number(cols.header);
    let report = if opts.dry_run {
        let lookup = lookup(store.conn())?;
        let mut checker = Checker::new(cols, header_line, lookup, opts.today, report);
        check_sheet(&mut checker, &mut sheet, None)?;
        checker.finish()
    } else {
        cancelled(cancel)?;
        store.bulk_transaction_if(|tx| {
            // Read inside the write transaction: a second import waits, then sees the first.
            let lookup = lookup(tx)?;
            let mut checker = Checker::new(cols, header_line, lookup, opts.today, report);
            check_sheet(&mut checker, &mut sheet, Some(Writer::new(tx)?))?;
            let report = checker.finish();
            let ok = report.is_ok();
            Ok((report, ok))
        })?
    };
    if !report.is_ok() {
        return Err(Error::Refused(Arc::new(report)));
    }
    Ok(report)
}

/// Checks the rows below the header, writing each one as soon as it is checked for as long as
/// no problem has turned up; the caller keeps the writes only if none turns up by the end.
/// Neither the checked rows nor the sheet are held whole: each sheet row is freed once checked.
fn check_sheet(
    checker: &mut Checker,
    sheet: &mut Sheet,
    mut writer: Option<Writer<'_>>,
) -> Result<()> {
    for r in checker.header() + 1..sheet.rows.len() {
        let mut cells = std::mem::take(&mut sheet.rows[r]);
        let planned = checker.row(&mut cells, sheet.row_number(r));
        if !checker.is_ok() {
            writer = None;
        }
        if let (Some(writer), Some((mut row, action))) = (writer.as_mut(), planned) {
            writer.write(&mut row, &action)?;
        }
    }
    Ok(())
}

/// Rows handed from the checking thread to the writing one at a time.
const WRITE_BATCH: usize = 1024;

/// Checked rows with what to do with each, on their way to the writer.
type Planned = Vec<(CheckedRow, RowAction)>;

/// Where the checking thread sends rows to be written, and gets the written batches back: it
/// made the rows' texts, and frees them much faster than the writing thread would.
struct Sink {
    to: SyncSender<Planned>,
    back: Receiver<Planned>,
}

/// How a streamed check ended.
enum Streamed {
    /// Every row was checked; the report says whether the file is accepted.
    Checked(Problems),
    /// The sheet must be read whole: a cell may be in a legacy encoding (which is recognised
    /// column by column over the whole sheet), or the rows are out of order.
    Whole,
}

/// Imports a file in one pass: a second thread reads each row, checks it and plans it against
/// the stored members, and this one writes the planned rows into the open transaction. A
/// problem anywhere stops the writing; the rest of the file is still checked so the report
/// lists every problem, and the transaction is rolled back. `None` when the sheet must be read
/// whole.
fn import_stream(
    store: &mut Store,
    rows: impl RowStream,
    path: &Path,
    file: &str,
    opts: &Options,
    cancel: &AtomicBool,
) -> Result<Option<Problems>> {
    // An .xlsx is being parsed already; the database is read meanwhile.
    let streamed = if opts.dry_run {
        check_stream(rows, file, lookup(store.conn())?, opts, None)?
    } else {
        cancelled(cancel)?;
        store.bulk_transaction_if(|tx| {
            // Read inside the write transaction, taken before it: a second import waits for
            // the first and plans against its rows, never "add every row" twice.
            let lookup = lookup(tx)?;
            std::thread::scope(|s| {
                let (to, receive) = sync_channel::<Planned>(8);
                let (written_back, back) = channel::<Planned>();
                let sink = Sink { to, back };
                let checking = std::thread::Builder::new()
                    .name("roster-check".into())
                    .spawn_scoped(s, move || {
                        check_stream(rows, file, lookup, opts, Some(sink))
                    })
                    .map_err(|e| Error::io(path, e))?;
                let written = Writer::new(tx).and_then(|mut writer| {
                    receive.iter().try_for_each(|mut batch| {
                        for (row, action) in &mut batch {
                            writer.write(row, action)?;
                        }
                        // Gone only when the checker has stopped; the batch is freed here then.
                        let _ = written_back.send(batch);
                        Ok(())
                    })
                });
                // On a write error the checker finds nobody listening and stops.
                drop(receive);
                let streamed = checking
                    .join()
                    .unwrap_or_else(|_| Err(Error::internal("kiểm tra danh sách dừng đột ngột")));
                written?;
                let streamed = streamed?;
                let commit = matches!(&streamed, Streamed::Checked(r) if r.is_ok());
                Ok((streamed, commit))
            })
        })?
    };
    match streamed {
        Streamed::Checked(report) if report.is_ok() => Ok(Some(report)),
        Streamed::Checked(report) => Err(Error::Refused(Arc::new(report))),
        Streamed::Whole => Ok(None),
    }
}

/// Whether a cell of the row reads better in a legacy encoding: `legacy::convert_sheet` would
/// convert it, so the sheet must be read whole.
fn has_legacy_text(recognizer: &mut legacy::Recognizer, cells: &[Cell]) -> bool {
    cells
        .iter()
        .any(|c| matches!(c, Cell::Text(s) if recognizer.reading(s).is_some()))
}

/// The checking half of `import_stream`: finds the header among the first rows, then checks and
/// plans each row, sending the planned rows to `sink` in batches for as long as no problem has
/// turned up (`None`: a dry run, nothing is sent).
fn check_stream(
    mut rows: impl RowStream,
    file: &str,
    lookup: Lookup,
    opts: &Options,
    mut sink: Option<Sink>,
) -> Result<Streamed> {
    let mut report = Problems::new(file);
    let mut recognizer = legacy::Recognizer::default();
    let mut head = Sheet {
        name: rows.sheet_name().to_string(),
        rows: Vec::new(),
        first_row: 1,
    };
    let mut first_below = None;
    for row in rows.by_ref() {
        let (number, cells) = row?;
        if has_legacy_text(&mut recognizer, &cells) {
            return Ok(Streamed::Whole);
        }
        if number > HEADER_SEARCH_ROWS {
            first_below = Some((number, cells));
            break;
        }
        head.rows.resize_with(number - 1, Vec::new);
        head.rows.push(cells);
    }
    if rows.disordered() {
        return Ok(Streamed::Whole);
    }
    let Some(cols) = find_columns(&head, FIELDS, &[col::STT], &mut report) else {
        return Ok(Streamed::Checked(report));
    };
    let header = cols.header;
    let mut checker = Checker::new(cols, head.row_number(header), lookup, opts.today, report);
    let mut batch = Vec::with_capacity(WRITE_BATCH);
    // Checks one row and passes it on; `false` when the writer has gone (it failed).
    let mut take = |checker: &mut Checker, line: usize, cells: &mut [Cell]| -> bool {
        let planned = checker.row(cells, line);
        if !checker.is_ok() {
            // Refused: the transaction is rolled back, so writing more is wasted work.
            sink = None;
            batch.clear();
        }
        if let (Some(planned), Some(sink)) = (planned, &sink) {
            batch.push(planned);
            if batch.len() == WRITE_BATCH {
                let next = match sink.back.try_recv() {
                    Ok(mut written) => {
                        written.clear();
                        written
                    }
                    Err(_) => Vec::with_capacity(WRITE_BATCH),
                };
                let full = std::mem::replace(&mut batch, next);
                return sink.to.send(full).is_ok();
            }
        }
        true
    };
    for r in header + 1..head.rows.len() {
        let line = head.row_number(r);
        if !take(&mut checker, line, &mut head.rows[r]) {
            return Ok(Streamed::Checked(checker.finish()));
        }
    }
    drop(head);
    let below = first_below.into_iter().map(Ok).chain(rows.by_ref());
    for row in below {
        let (number, mut cells) = row?;
        if has_legacy_text(&mut recognizer, &cells) {
            return Ok(Streamed::Whole);
        }
        if !take(&mut checker, number, &mut cells) {
            break;
        }
    }
    if rows.disordered() {
        return Ok(Streamed::Whole);
    }
    if let Some(Sink { to, .. }) = sink.take()
        && checker.is_ok()
    {
        // The last rows go before the checks that need every row, so the writer finishes
        // while those run; a problem they find still rolls the import back. A closed channel
        // means the writer failed; it reports that itself.
        let _ = to.send(batch);
    }
    Ok(Streamed::Checked(checker.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;
    use crate::store::units::{self, NewUnit};

    fn text_sheet(rows: &[&[&str]]) -> Sheet {
        Sheet::from_text(rows)
    }

    fn unit(
        s: &Store,
        name: &str,
        kind: &str,
        level: crate::model::Level,
        parent: Option<i64>,
    ) -> i64 {
        units::insert(s.conn(), &NewUnit::new(name, kind, level, parent))
            .expect("unit")
            .id
    }

    const HEADER: &[&str] = &[
        "Đơn vị",
        "Xã/phường",
        "Họ và tên",
        "Năm sinh",
        "Giới tính",
        "Chức vụ trong Tổ",
        "Chức vụ, đơn vị công tác",
        "Số điện thoại",
        "Đã tập huấn",
    ];

    #[test]
    fn every_row_problem_is_reported_and_nothing_written() {
        use crate::model::Level;
        let mut s = Store::open_in_memory().expect("db");
        let p = unit(&s, "Đà Nẵng", "thành phố", Level::Province, None);
        let a = unit(&s, "Hòa Bắc", "xã", Level::Commune, Some(p));
        let b = unit(&s, "Hòa Ninh", "xã", Level::Commune, Some(p));
        unit(&s, "1", "thôn", Level::Village, Some(a));
        unit(&s, "1", "thôn", Level::Village, Some(b));
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let opts = Options {
            dry_run: false,
            today,
        };
        let sheet = text_sheet(&[
            HEADER,
            &[
                "Thôn 1",
                "",
                "Lê Văn A",
                "1980",
                "Nam",
                "Tổ trưởng",
                "x",
                "0912000001",
                "có",
            ],
            &[
                "Thôn 1",
                "Hòa Bắc",
                "Lê Văn B",
                "1890",
                "Nam",
                "Tổ trưởng",
                "x",
                "0912000002",
                "có",
            ],
            &[
                "Thôn 1",
                "Hòa Bắc",
                "Lê Văn C",
                "1981",
                "Nam",
                "Tổ trưởng",
                "x",
                "0912000003",
                "có",
            ],
            &[
                "Thôn 1",
                "Hòa Ninh",
                "Lê Văn D",
                "1982",
                "Nam",
                "Giám đốc",
                "x",
                "12345",
                "hình như",
            ],
        ]);
        let sum = s.checksum().expect("sum");
        let Err(Error::Refused(r)) = roster_import(&mut s, sheet.clone(), &opts) else {
            panic!("expected a refusal");
        };
        let text = r.to_string();
        for want in [
            "dòng 2, cột «Đơn vị», giá trị «Thôn 1»: tên đơn vị khớp với 2 đơn vị",
            "dòng 3, cột «Năm sinh», giá trị «1890»",
            "dòng 4, cột «Chức vụ trong Tổ», giá trị «Tổ trưởng»",
            "đã có Tổ trưởng ở dòng 3",
            "dòng 5, cột «Chức vụ trong Tổ», giá trị «Giám đốc»",
            "dòng 5, cột «Số điện thoại», giá trị «12345»",
            "dòng 5, cột «Đã tập huấn», giá trị «hình như»",
        ] {
            assert!(text.contains(want), "{want}\n{text}");
        }
        assert_eq!(r.problems.len(), 6, "{text}");
        assert_eq!(s.checksum().expect("sum"), sum);

        // A file whose Tổ trưởng is not the one stored is refused too.
        let ok = text_sheet(&[
            HEADER,
            &[
                "Thôn 1",
                "Hòa Bắc",
                "Lê Văn C",
                "1981",
                "Nam",
                "Tổ trưởng",
                "x",
                "0912000003",
                "có",
            ],
        ]);
        let r = roster_import(&mut s, ok, &opts).expect("import");
        assert_eq!(r.added, 1);
        let other = text_sheet(&[
            HEADER,
            &[
                "Thôn 1",
                "Hòa Bắc",
                "Lê Thị E",
                "1985",
                "Nữ",
                "Tổ trưởng",
                "x",
                "0912000005",
                "có",
            ],
        ]);
        let Err(Error::Refused(r)) = roster_import(&mut s, other, &opts) else {
            panic!("expected a refusal");
        };
        assert!(r.to_string().contains("đã có Tổ trưởng Lê Văn C"), "{r}");
    }

    #[test]
    fn reimport_matches_by_phone_then_name_and_updates_only_what_changed() {
        use crate::model::Level;
        let mut s = Store::open_in_memory().expect("db");
        let p = unit(&s, "Đà Nẵng", "thành phố", Level::Province, None);
        let a = unit(&s, "Hòa Bắc", "xã", Level::Commune, Some(p));
        unit(&s, "1", "thôn", Level::Village, Some(a));
        let opts = Options {
            dry_run: false,
            today: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
        };
        let row = |name: &str, role: &str, position: &str, phone: &str| -> Vec<String> {
            [
                "Thôn 1",
                "Hòa Bắc",
                name,
                "1980",
                "Nam",
                role,
                position,
                phone,
                "có",
            ]
            .map(String::from)
            .to_vec()
        };
        let sheet = |rows: &[Vec<String>]| {
            let mut all = vec![HEADER.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
            all.extend_from_slice(rows);
            Sheet::from_text(&all)
        };
        // Two namesakes born the same year, told apart by their phones.
        let first = [
            row("Lê Văn An", "Tổ trưởng", "x", "0912000001"),
            row("Lê Văn An", "Thành viên", "y", "0912000002"),
            row("Trần Thị Bình", "Thành viên", "z", "0912000003"),
        ];
        let r = roster_import(&mut s, sheet(&first), &opts).expect("import");
        assert_eq!((r.added, r.updated, r.unchanged), (3, 0, 0));
        // The namesakes listed the other way round, one new position, one new phone.
        let second = [
            row("Lê Văn An", "Thành viên", "y", "0912000002"),
            row("Lê Văn An", "Tổ trưởng", "x", "0912000001"),
            row("Trần Thị Bình", "Thành viên", "z (mới)", "0912000009"),
        ];
        let r = roster_import(&mut s, sheet(&second), &opts).expect("import");
        assert_eq!((r.added, r.updated, r.unchanged), (0, 1, 2), "{r}");
        let again = roster_import(&mut s, sheet(&second), &opts).expect("import");
        assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
        let stored = members::active(s.conn(), None).expect("members");
        let binh = stored
            .iter()
            .find(|m| m.full_name == "Trần Thị Bình")
            .expect("Bình");
        assert_eq!(binh.phone.as_deref(), Some("0912000009"));
        assert_eq!(binh.position.as_deref(), Some("z (mới)"));
        let leader = stored
            .iter()
            .find(|m| m.role == Role::Leader)
            .expect("leader");
        assert_eq!(leader.phone.as_deref(), Some("0912000001"));
    }

    fn roster_import(s: &mut Store, sheet: Sheet, opts: &Options) -> Result<Problems> {
        import_sheet(s, sheet, "r.xlsx", opts, &AtomicBool::new(false))
    }
}
