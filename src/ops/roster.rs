//! The roster import's driver: it reads the sheet through the sheet reader
//! (`import::sheet_layout`: the header anywhere in the first rows, two-row headers, section
//! rows per village, totals, notes and signature blocks) and wires `import::roster`'s checker
//! to `store::roster`'s writer. Rows are written as soon as they are checked, into one
//! transaction that is rolled back if a problem turns up anywhere in the file, so a refused
//! file leaves the database as it was. An .xlsx, .csv or .txt goes through in one pass: a
//! second thread reads (calamine parses an .xlsx on a third), checks and plans each row as it
//! comes, and the calling thread writes. Other files, a sheet the clerk chose, and sheets with
//! legacy-encoded text (recognised column by column over the whole sheet) are read whole first.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::reading::{self, Kind, Remembered};
use crate::error::{Error, Result};
use crate::import::legacy;
use crate::import::reading::{Settled, Tally, describe_layout, settle, unsettled};
use crate::import::roster::{self as check, Checker, Lookup, RosterColumns};
use crate::import::sheet_layout::{FieldSpec, HEAD_ROWS, Overrides, RowKind, roster_fields};
use crate::import::table::{Cell, CsvRows, RowStream, XlsxRows, extension, read_table};
use crate::import::workbook;
use crate::model::{CheckedRow, Problems, RowAction};
use crate::store::roster::Writer;
use crate::store::{Store, members, teams, units};

/// What an import is told: whether to write, today (for the year-of-birth range), and what the
/// clerk chose when the reader could not tell (sheet, header rows, columns).
#[derive(Debug, Clone)]
pub struct Options {
    /// Check and plan only.
    pub dry_run: bool,
    /// Today.
    pub today: NaiveDate,
    /// The clerk's choices.
    pub overrides: Overrides,
}

impl Options {
    /// An import without choices.
    pub fn new(dry_run: bool, today: NaiveDate) -> Options {
        Options {
            dry_run,
            today,
            overrides: Overrides::default(),
        }
    }
}

/// Imports a roster file (.xlsx, .xlsm, .xls, .ods, .csv or .txt). `Ok` carries what was (or,
/// dry, would be) written; a file with any problem is refused with `Error::Refused`, every
/// problem listed, and nothing is written. `cancel` is checked before the writing starts. A
/// choice the clerk made for the header or the columns is remembered for files of the same
/// layout once the file is imported.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    opts: &Options,
    cancel: &AtomicBool,
) -> Result<Problems> {
    let file = path.display().to_string();
    let remembered = reading::remembered(store.conn(), Kind::Roster)?;
    let streamed = if opts.overrides.sheet.is_some() {
        None
    } else {
        match extension(path).as_str() {
            "xlsx" => {
                let rows = XlsxRows::open(path)?;
                import_stream(store, rows, None, path, &file, opts, &remembered, cancel)?
            }
            "csv" | "txt" | "tsv" => {
                let rows = CsvRows::open(path)?;
                let encoding = rows.describe();
                import_stream(
                    store,
                    rows,
                    Some(encoding),
                    path,
                    &file,
                    opts,
                    &remembered,
                    cancel,
                )?
            }
            _ => None,
        }
    };
    let (report, fingerprint) = match streamed {
        Some(done) => done,
        None => {
            let (sheet, merges, note) = match extension(path).as_str() {
                "csv" | "txt" | "tsv" => {
                    let note = CsvRows::open(path)?.describe();
                    (read_table(path)?, Vec::new(), Some(note))
                }
                _ => {
                    let read = workbook::read(path, opts.overrides.sheet.as_ref())?;
                    let note = (read.sheets.len() > 1).then(|| {
                        format!(
                            "Đọc trang tính «{}» (tệp có {} trang: {}).",
                            read.sheet.name,
                            read.sheets.len(),
                            read.sheets.join(", ")
                        )
                    });
                    (read.sheet, read.merges, note)
                }
            };
            let whole = Whole {
                sheet,
                merges,
                note,
            };
            import_sheet(store, whole, &file, opts, &remembered, cancel)?
        }
    };
    if !opts.dry_run && !opts.overrides.is_empty() {
        reading::remember(store.conn(), Kind::Roster, &fingerprint, &opts.overrides)?;
    }
    Ok(report)
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

/// A sheet read whole, its merged ranges, and a line for the report (the encoding of a text
/// file, the sheet read of a workbook of several).
pub struct Whole {
    /// The rows.
    pub sheet: crate::import::Sheet,
    /// Merged ranges (none for .ods and text files).
    pub merges: Vec<crate::import::sheet_layout::Merge>,
    /// What the report says first.
    pub note: Option<String>,
}

/// A report and the fingerprint of the layout read.
type Done = (Problems, String);

/// Settles the layout of the first rows, saying in the report how the sheet is read; `None`
/// (the report refusing the file) when the reader cannot settle it.
fn layout_of(
    head: &[(usize, Vec<Cell>)],
    merges: &[crate::import::sheet_layout::Merge],
    fields: &[FieldSpec],
    opts: &Options,
    remembered: &Remembered,
    report: &mut Problems,
) -> Option<Settled> {
    match settle(head, merges, fields, &opts.overrides, &|f| {
        remembered.get(f).cloned()
    }) {
        Ok(settled) => {
            describe_layout(&settled, fields, report);
            Some(settled)
        }
        Err(u) => {
            unsettled(&u, report);
            None
        }
    }
}

/// Imports a roster sheet read whole.
pub fn import_sheet(
    store: &mut Store,
    whole: Whole,
    file: &str,
    opts: &Options,
    remembered: &Remembered,
    cancel: &AtomicBool,
) -> Result<Done> {
    let Whole {
        mut sheet,
        merges,
        note,
    } = whole;
    let mut report = Problems::new(file);
    report.notices.extend(note);
    let converted = legacy::convert_sheet(&mut sheet);
    let mut rows: Vec<(usize, Vec<Cell>)> = std::mem::take(&mut sheet.rows)
        .into_iter()
        .enumerate()
        .map(|(i, r)| (sheet.first_row + i, r))
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
        .collect();
    let first = rows.first().map_or(1, |(l, _)| *l);
    let head: Vec<(usize, Vec<Cell>)> = rows
        .iter()
        .take_while(|(l, _)| *l < first + HEAD_ROWS)
        .cloned()
        .collect();
    let fields = roster_fields();
    let Some(settled) = layout_of(&head, &merges, &fields, opts, remembered, &mut report) else {
        return Err(Error::Refused(Arc::new(report)));
    };
    drop(head);
    check::legacy_notices(&settled.layout, &converted, &mut report);
    let fingerprint = settled.layout.fingerprint.clone();
    let report = if opts.dry_run {
        let mut reader = Reader::new(settled, lookup(store.conn())?, opts.today, report);
        reader.sheet(&mut rows, None)?;
        reader.finish()
    } else {
        cancelled(cancel)?;
        store.bulk_transaction_if(|tx| {
            // Read inside the write transaction: a second import waits, then sees the first.
            let mut reader = Reader::new(settled, lookup(tx)?, opts.today, report);
            reader.sheet(&mut rows, Some(Writer::new(tx)?))?;
            let report = reader.finish();
            let ok = report.is_ok();
            Ok((report, ok))
        })?
    };
    if !report.is_ok() {
        return Err(Error::Refused(Arc::new(report)));
    }
    Ok((report, fingerprint))
}

/// The rows below the header, classified by the layout and checked by the checker.
struct Reader {
    layout: crate::import::sheet_layout::Layout,
    checker: Checker,
    tally: Tally,
}

impl Reader {
    fn new(settled: Settled, lookup: Lookup, today: NaiveDate, mut report: Problems) -> Reader {
        let cols = RosterColumns::from_layout(&settled.layout);
        if !cols.has_gender() {
            report.notice(
                "Bảng thiếu cột «Giới tính» (và không có cột Nam/Nữ dưới «Năm sinh»): giới tính                  của các thành viên để trống, không đoán theo tên.",
            );
        }
        Reader {
            checker: Checker::new(cols, lookup, today, report),
            layout: settled.layout,
            tally: Tally::default(),
        }
    }

    /// Classifies a row (below the header) and checks it when it is data.
    fn row(&mut self, line: usize, cells: &mut [Cell]) -> Option<(CheckedRow, RowAction)> {
        if line <= self.layout.header_end() {
            return None;
        }
        let kind = self.layout.classify(line, cells);
        if self.tally.note(line, &kind) {
            return None;
        }
        let RowKind::Data { sections } = kind else {
            return None;
        };
        self.checker.row(cells, line, &sections)
    }

    /// Checks the rows of a sheet read whole, writing each one as soon as it is checked for
    /// as long as no problem has turned up; the caller keeps the writes only if none turns up
    /// by the end. Each row is freed once checked.
    fn sheet(
        &mut self,
        rows: &mut [(usize, Vec<Cell>)],
        mut writer: Option<Writer<'_>>,
    ) -> Result<()> {
        for (line, cells) in rows.iter_mut() {
            let mut cells = std::mem::take(cells);
            let planned = self.row(*line, &mut cells);
            if !self.checker.is_ok() {
                writer = None;
            }
            if let (Some(writer), Some((mut row, action))) = (writer.as_mut(), planned) {
                writer.write(&mut row, &action)?;
            }
        }
        Ok(())
    }

    fn is_ok(&self) -> bool {
        self.checker.is_ok()
    }

    /// The «bỏ qua» list, the typed totals against the members read, and the checks that
    /// need every row.
    fn finish(self) -> Problems {
        let Reader {
            mut checker, tally, ..
        } = self;
        let read = checker.rows_read();
        tally.finish(read, "thành viên", checker.report_mut());
        checker.finish()
    }
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
    Checked(Done),
    /// The sheet must be read whole: a cell may be in a legacy encoding (which is recognised
    /// column by column over the whole sheet), or the rows are out of order.
    Whole,
}

/// Imports a file in one pass: a second thread reads each row, checks it and plans it against
/// the stored members, and this one writes the planned rows into the open transaction. A
/// problem anywhere stops the writing; the rest of the file is still checked so the report
/// lists every problem, and the transaction is rolled back. `None` when the sheet must be read
/// whole.
#[allow(clippy::too_many_arguments, reason = "one import's context")]
fn import_stream(
    store: &mut Store,
    rows: impl RowStream,
    note: Option<String>,
    path: &Path,
    file: &str,
    opts: &Options,
    remembered: &Remembered,
    cancel: &AtomicBool,
) -> Result<Option<Done>> {
    // An .xlsx is being parsed already; the database is read meanwhile.
    let streamed = if opts.dry_run {
        check_stream(
            rows,
            note,
            file,
            lookup(store.conn())?,
            opts,
            remembered,
            None,
        )?
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
                        check_stream(rows, note, file, lookup, opts, remembered, Some(sink))
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
                let commit = matches!(&streamed, Streamed::Checked((r, _)) if r.is_ok());
                Ok((streamed, commit))
            })
        })?
    };
    match streamed {
        Streamed::Checked((report, f)) if report.is_ok() => Ok(Some((report, f))),
        Streamed::Checked((report, _)) => Err(Error::Refused(Arc::new(report))),
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

/// The checking half of `import_stream`: settles the layout from the first rows, then
/// classifies, checks and plans each row, sending the planned rows to `sink` in batches for as
/// long as no problem has turned up (`None`: a dry run, nothing is sent).
fn check_stream(
    mut rows: impl RowStream,
    note: Option<String>,
    file: &str,
    lookup: Lookup,
    opts: &Options,
    remembered: &Remembered,
    mut sink: Option<Sink>,
) -> Result<Streamed> {
    let mut report = Problems::new(file);
    report.notices.extend(note);
    let mut recognizer = legacy::Recognizer::default();
    let mut head: Vec<(usize, Vec<Cell>)> = Vec::new();
    let mut first_below = None;
    for row in rows.by_ref() {
        let (number, cells) = row?;
        if has_legacy_text(&mut recognizer, &cells) {
            return Ok(Streamed::Whole);
        }
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let first = head.first().map_or(number, |(l, _)| *l);
        if number >= first + HEAD_ROWS {
            first_below = Some((number, cells));
            break;
        }
        head.push((number, cells));
    }
    if rows.disordered() {
        return Ok(Streamed::Whole);
    }
    let fields = roster_fields();
    let Some(settled) = layout_of(&head, &[], &fields, opts, remembered, &mut report) else {
        return Ok(Streamed::Checked((report, String::new())));
    };
    let fingerprint = settled.layout.fingerprint.clone();
    let mut reader = Reader::new(settled, lookup, opts.today, report);
    let mut batch = Vec::with_capacity(WRITE_BATCH);
    // Checks one row and passes it on; `false` when the writer has gone (it failed).
    let mut take = |reader: &mut Reader, line: usize, cells: &mut [Cell]| -> bool {
        let planned = reader.row(line, cells);
        if !reader.is_ok() {
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
    for (line, cells) in &mut head {
        if !take(&mut reader, *line, cells) {
            return Ok(Streamed::Checked((reader.finish(), fingerprint)));
        }
    }
    drop(head);
    let below = first_below.into_iter().map(Ok).chain(rows.by_ref());
    for row in below {
        let (number, mut cells) = row?;
        if has_legacy_text(&mut recognizer, &cells) {
            return Ok(Streamed::Whole);
        }
        if !take(&mut reader, number, &mut cells) {
            break;
        }
    }
    if rows.disordered() {
        return Ok(Streamed::Whole);
    }
    if let Some(Sink { to, .. }) = sink.take()
        && reader.is_ok()
    {
        // The last rows go before the checks that need every row, so the writer finishes
        // while those run; a problem they find still rolls the import back. A closed channel
        // means the writer failed; it reports that itself.
        let _ = to.send(batch);
    }
    Ok(Streamed::Checked((reader.finish(), fingerprint)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Sheet;
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
        let opts = Options::new(false, today);
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
        let opts = Options::new(false, NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"));
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
        let whole = Whole {
            sheet,
            merges: Vec::new(),
            note: None,
        };
        let remembered = Remembered::default();
        import_sheet(
            s,
            whole,
            "r.xlsx",
            opts,
            &remembered,
            &AtomicBool::new(false),
        )
        .map(|(r, _)| r)
    }
}
