//! `import roster`: a commune's roster sheet (interfaces.md §2a) into teams and members.
//!
//! Each row is checked (its fields, its unit and team, and against the rows above it for
//! duplicates), then planned against the stored members of its team: a member to add, to
//! update or to leave alone. Every problem of the file is collected; a file with any is refused
//! and nothing of it stays in the database. Units, teams and active members are read once into
//! memory, so a national roster (350,000 rows) imports in seconds.
//!
//! Rows are written as soon as they are checked, into one transaction that is rolled back if
//! a problem turns up anywhere in the file. An .xlsx or .csv goes through in one pass
//! (`import_stream`): a second thread reads (calamine parses an .xlsx on a third), checks and
//! plans each row as it comes, and the calling thread writes. Other files, and sheets with
//! legacy-encoded text (recognised column by column over the whole sheet), are read whole first
//! (`import`).

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use rustc_hash::FxHashMap;

use super::header::{Columns, Field, HEADER_SEARCH_ROWS, column_letter, find_columns};
use super::legacy;
use super::table::{Cell, CsvRows, RowStream, Sheet, XlsxRows, read_table};
use super::units::UnitIndex;
use crate::error::{Error, Result};
use crate::model::Problems;
use crate::model::{Gender, Member, Role, Team};
use crate::model::{
    NewMember, birth_year_problem, email_is_valid, normalize_phone, phone_is_valid,
};
use crate::store::members;
use crate::store::{Store, teams};
use crate::vietnamese::{nfc, nfc_cow, parse_date, search_key};

/// Column labels, as exports write them.
pub use crate::model::columns::roster as col;

const fn field(label: &'static str, aliases: &'static [&'static str], required: bool) -> Field {
    Field {
        label,
        aliases,
        required,
    }
}

/// The roster's fields. `Đơn vị` is required unless `Mã đơn vị` is there (checked apart).
pub const FIELDS: &[Field] = &[
    field(col::UNIT_CODE, &["Mã"], false),
    field(
        col::UNIT,
        &["Thôn", "Thôn/tổ dân phố", "Thôn, tổ dân phố", "Tên đơn vị"],
        false,
    ),
    field(col::COMMUNE, &["Xã", "Xã, phường", "Phường/xã"], false),
    field(col::TEAM, &["Tổ", "Tên Tổ CNSCĐ"], false),
    field(col::NAME, &["Họ tên", "Họ và tên thành viên"], true),
    field(col::YEAR, &["Năm sinh (YYYY)", "Sinh năm"], true),
    field(col::GENDER, &["Giới"], true),
    field(
        col::ROLE,
        &["Vai trò", "Chức vụ trong tổ CNSCĐ", "Chức danh trong Tổ"],
        true,
    ),
    field(
        col::POSITION,
        &[
            "Chức vụ, đơn vị",
            "Chức vụ đơn vị công tác",
            "Đơn vị công tác",
        ],
        true,
    ),
    field(col::PHONE, &["Điện thoại", "SĐT", "Số ĐT"], true),
    field(col::EMAIL, &["Thư điện tử", "E-mail"], false),
    field(col::TRAINED, &["Tập huấn"], true),
    field(col::JOINED, &["Ngày vào tổ"], false),
];

/// What an import is told from outside: the clock (the library does not read it) and whether to
/// write.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Check and plan only.
    pub dry_run: bool,
    /// Today, for the year-of-birth range.
    pub today: NaiveDate,
}

/// Which team a row goes to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum TeamKey {
    Existing(i64),
    /// A team to create: unit id and the name's search key.
    New(i64, String),
}

/// One checked row.
#[derive(Debug, Clone)]
struct Row {
    line: usize,
    /// Shared by the rows of one team (a national roster has 350,000 rows, 74,000 teams).
    team: Arc<TeamKey>,
    /// The team's number in the file (`Places`).
    team_no: u32,
    team_name: Arc<str>,
    unit_id: i64,
    /// The name's search key, made once for the duplicate check, the plan and the writing.
    key: String,
    /// The person as the row gives them; the team is filled in when the row is written.
    member: NewMember,
    role: Role,
    /// Whether the file has an Email column; without one, a stored email is kept.
    has_email: bool,
}

/// Imports a roster file (.xlsx, .xls, .ods or .csv). `Ok` carries the report of what was (or,
/// dry, would be) written; a file with any problem is refused with `Error::Refused`, every
/// problem listed, and nothing is written.
///
/// An .xlsx or .csv is checked and written while it is still being read (`import_stream`);
/// other files, and sheets that may hold legacy-encoded text, are read whole first (`import`).
pub fn import_file(store: &mut Store, path: &Path, opts: &Options) -> Result<Problems> {
    let file = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let streamed = match ext.as_str() {
        "xlsx" => import_stream(store, XlsxRows::open(path)?, path, &file, opts)?,
        "csv" | "txt" => import_stream(store, CsvRows::open(path)?, path, &file, opts)?,
        _ => None,
    };
    match streamed {
        Some(report) => Ok(report),
        None => import(store, read_table(path)?, &file, opts),
    }
}

/// Imports a roster sheet read whole. `Ok` carries the report of what was (or, dry, would be)
/// written; a file with any problem is refused with `Error::Refused` and nothing is written.
pub fn import(store: &mut Store, mut sheet: Sheet, file: &str, opts: &Options) -> Result<Problems> {
    let mut report = Problems::new(file);
    let converted = legacy::convert_sheet(&mut sheet);
    let Some(cols) = find_columns(&sheet, FIELDS, &[col::STT], &mut report) else {
        return Err(Error::Refused(Arc::new(report)));
    };
    legacy_notices(&sheet, &cols, &converted, &mut report);
    let header_line = sheet.row_number(cols.header);
    let lookup = Lookup::load(store.conn())?;
    let mut checker = Checker::new(cols, header_line, lookup, opts, report);
    let report = if opts.dry_run {
        check_sheet(&mut checker, &mut sheet, None)?;
        checker.finish()
    } else {
        store.bulk_transaction_if(|tx| {
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
    for r in checker.cols.header + 1..sheet.rows.len() {
        let mut cells = std::mem::take(&mut sheet.rows[r]);
        let planned = checker.row(&mut cells, sheet.row_number(r));
        if !checker.report.is_ok() {
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
type Planned = Vec<(Row, Action)>;

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

/// Imports a file in one pass: a second thread reads each row (an .xlsx is parsed on a third),
/// checks it and plans it against the stored members, and this one writes the planned rows
/// into the open transaction. A problem anywhere stops the writing; the rest of the file is
/// still checked so the report lists every problem, and the transaction is rolled back, so a
/// refused file leaves the database as it was. `None` when the sheet must be read whole.
fn import_stream(
    store: &mut Store,
    rows: impl RowStream,
    path: &Path,
    file: &str,
    opts: &Options,
) -> Result<Option<Problems>> {
    // An .xlsx is being parsed already; the database is read meanwhile.
    let lookup = Lookup::load(store.conn())?;
    let streamed = if opts.dry_run {
        check_stream(rows, file, lookup, opts, None)?
    } else {
        store.bulk_transaction_if(|tx| {
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
                    .unwrap_or_else(|_| Err(Error::internal(format!("kiểm tra tệp {file}"))));
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
    let mut checker = Checker::new(cols, head.row_number(header), lookup, opts, report);
    let mut batch = Vec::with_capacity(WRITE_BATCH);
    // Checks one row and passes it on; `false` when the writer has gone (it failed).
    let mut take = |checker: &mut Checker, line: usize, cells: &mut [Cell]| -> bool {
        let planned = checker.row(cells, line);
        if !checker.report.is_ok() {
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
        && checker.report.is_ok()
    {
        // The last rows go before the checks that need every row, so the writer finishes
        // while those run; a problem they find still rolls the import back. A closed channel
        // means the writer failed; it reports that itself.
        let _ = to.send(batch);
    }
    let report = checker.finish();
    Ok(Streamed::Checked(report))
}

/// What rows are checked and planned against: the units, the teams of each unit, and the
/// active members of each team.
struct Lookup {
    index: UnitIndex,
    teams: FxHashMap<i64, Vec<Team>>,
    stored: FxHashMap<i64, Vec<Stored>>,
}

impl Lookup {
    /// Reads the registry once: one query each for units, teams and active members.
    fn load(conn: &Connection) -> Result<Lookup> {
        let index = UnitIndex::load(conn)?;
        let mut teams: FxHashMap<i64, Vec<Team>> = FxHashMap::default();
        for t in teams::all(conn)? {
            teams.entry(t.unit_id).or_default().push(t);
        }
        let mut stored: FxHashMap<i64, Vec<Stored>> = FxHashMap::default();
        members::each_active_under(conn, None, |m| {
            stored.entry(m.team_id).or_default().push(Stored {
                key: search_key(&m.full_name),
                member: m,
                matched: false,
            });
            Ok(())
        })?;
        Ok(Lookup {
            index,
            teams,
            stored,
        })
    }
}

/// A person in the file: team number, name key and year of birth.
type Person = (u32, Box<str>, Option<i32>);

/// A row naming a person: its line and phone (shared with `Seen::phones`).
type Mention = (usize, Option<Rc<str>>);

/// The rows seen so far, for the checks across rows: one person twice in a team, one phone
/// twice in a team, two Tổ trưởng in a team. Teams are told apart by their number in `Places`.
#[derive(Default)]
struct Seen {
    /// The rows naming each person: the first, then any namesakes (rare, so kept apart and
    /// allocated only when there are some).
    people: FxHashMap<Person, (Mention, Vec<Mention>)>,
    phones: FxHashMap<(u32, Rc<str>), usize>,
    leaders: FxHashMap<u32, usize>,
}

impl Seen {
    /// Checks a row against the rows above it.
    fn check(&mut self, row: &Row, report: &mut Problems) {
        // Two rows with the same name and year in one team are the same person unless both
        // give phones and the phones differ (namesakes born the same year do happen in a
        // village).
        let phone: Option<Rc<str>> = row.member.phone.as_deref().map(Rc::from);
        let person = (
            row.team_no,
            row.key.as_str().into(),
            row.member.year_of_birth,
        );
        match self.people.entry(person) {
            Entry::Vacant(v) => {
                v.insert(((row.line, phone.clone()), Vec::new()));
            }
            Entry::Occupied(mut o) => {
                let (first, more) = o.get_mut();
                let same = std::iter::once(&*first)
                    .chain(more.iter())
                    .find(|(_, p)| p.is_none() || phone.is_none() || *p == phone);
                if let Some((first, _)) = same {
                    report.problem(
                        Some(row.line),
                        Some(col::NAME),
                        Some(&row.member.full_name),
                        format!("trùng với dòng {first} (cùng tổ, cùng họ tên và năm sinh)"),
                    );
                    return;
                }
                more.push((row.line, phone.clone()));
            }
        }
        if let Some(p) = phone {
            match self.phones.entry((row.team_no, p)) {
                Entry::Occupied(first) => report.problem(
                    Some(row.line),
                    Some(col::PHONE),
                    Some(&first.key().1),
                    format!("số điện thoại trùng với dòng {} trong cùng tổ", first.get()),
                ),
                Entry::Vacant(v) => {
                    v.insert(row.line);
                }
            }
        }
        if row.role == Role::Leader {
            match self.leaders.entry(row.team_no) {
                Entry::Occupied(first) => report.problem(
                    Some(row.line),
                    Some(col::ROLE),
                    Some(Role::Leader.label()),
                    format!(
                        "{} đã có Tổ trưởng ở dòng {}; mỗi Tổ chỉ có một Tổ trưởng",
                        row.team_name,
                        first.get()
                    ),
                ),
                Entry::Vacant(v) => {
                    v.insert(row.line);
                }
            }
        }
    }
}

/// One import's checks, row after row: each row's fields, the checks across rows, and what to
/// do with the row given the stored members.
struct Checker {
    cols: Columns,
    lookup: Lookup,
    today: NaiveDate,
    places: Places,
    seen: Seen,
    /// Rows naming a Tổ trưởng for a stored team: line, team and its name. Checked at the end
    /// against the team's stored Tổ trưởng, who stays unless a row was matched to them.
    leaders: Vec<(usize, i64, Arc<str>)>,
    report: Problems,
}

impl Checker {
    /// Starts the checks of a sheet whose columns are `cols` (header on `header_line`).
    fn new(
        cols: Columns,
        header_line: usize,
        lookup: Lookup,
        opts: &Options,
        mut report: Problems,
    ) -> Checker {
        if cols.get(col::UNIT).is_none() && cols.get(col::UNIT_CODE).is_none() {
            report.problem(
                Some(header_line),
                Some(col::UNIT),
                None,
                "thiếu cột bắt buộc này (hoặc cột «Mã đơn vị») trong dòng tiêu đề",
            );
        }
        Checker {
            cols,
            lookup,
            today: opts.today,
            places: Places::default(),
            seen: Seen::default(),
            leaders: Vec::new(),
            report,
        }
    }

    /// Checks the row on spreadsheet line `line`; its problems go to the report. The row and
    /// what to do with it, unless it is empty or its team could not be settled.
    fn row(&mut self, cells: &mut [Cell], line: usize) -> Option<(Row, Action)> {
        if cells.iter().all(Cell::is_empty) {
            return None;
        }
        self.report.rows_read += 1;
        let row = check_row(
            cells,
            line,
            &self.cols,
            &self.lookup,
            self.today,
            &mut self.places,
            &mut self.report,
        )?;
        // A row with a bad field still takes part in the checks across rows, so the report
        // lists every problem at once; the file is refused either way.
        self.seen.check(&row, &mut self.report);
        let action = self.action(&row);
        Some((row, action))
    }

    /// Matches a row against the members already on its team and counts what will change.
    fn action(&mut self, row: &Row) -> Action {
        let TeamKey::Existing(team_id) = *row.team else {
            self.report.added += 1;
            return Action::Insert;
        };
        if row.role == Role::Leader {
            self.leaders
                .push((row.line, team_id, row.team_name.clone()));
        }
        // The rule of `members::find_in_team` (name and year of birth, or phone), taking the
        // phone first so that namesakes born the same year keep apart, and never matching one
        // stored member to two rows.
        let found = self.lookup.stored.get_mut(&team_id).and_then(|on_team| {
            let by_phone = row.member.phone.as_deref().and_then(|p| {
                on_team
                    .iter()
                    .position(|s| !s.matched && s.member.phone.as_deref() == Some(p))
            });
            let i = by_phone.or_else(|| {
                on_team.iter().position(|s| {
                    !s.matched
                        && s.key == row.key
                        && s.member.year_of_birth == row.member.year_of_birth
                })
            })?;
            on_team.get_mut(i)
        });
        let Some(stored) = found else {
            self.report.added += 1;
            return Action::Insert;
        };
        stored.matched = true;
        let old = &stored.member;
        let new = Member {
            full_name: row.member.full_name.clone(),
            year_of_birth: row.member.year_of_birth,
            gender: row.member.gender,
            phone: row.member.phone.clone(),
            email: if row.has_email {
                row.member.email.clone()
            } else {
                old.email.clone()
            },
            position: row.member.position.clone(),
            trained: row.member.trained,
            role: row.role,
            joined_on: row.member.joined_on.or(old.joined_on),
            ..old.clone()
        };
        if new == *old {
            self.report.unchanged += 1;
            Action::Unchanged
        } else {
            self.report.updated += 1;
            Action::Update(Box::new(new))
        }
    }

    /// The checks that need every row, and the report.
    fn finish(mut self) -> Problems {
        if self.report.rows_read == 0 && self.report.is_ok() {
            self.report.problem(
                None,
                None,
                None,
                "tệp không có dòng dữ liệu nào dưới dòng tiêu đề",
            );
        }
        // A Tổ trưởng in the file for a team whose stored Tổ trưởng is not in the file (and so
        // would stay) makes two.
        for (line, team_id, team_name) in &self.leaders {
            let stays = self.lookup.stored.get(team_id).and_then(|ms| {
                ms.iter()
                    .find(|s| s.member.role == Role::Leader && !s.matched)
            });
            if let Some(leader) = stays {
                self.report.problem(
                    Some(*line),
                    Some(col::ROLE),
                    Some(Role::Leader.label()),
                    format!(
                        "{team_name} đã có Tổ trưởng {} (không có trong tệp); mỗi Tổ chỉ có một \
                         Tổ trưởng",
                        leader.member.full_name
                    ),
                );
            }
        }
        if !self.report.is_ok() {
            // Nothing is written.
            self.report.added = 0;
            self.report.updated = 0;
            self.report.unchanged = 0;
        }
        self.report
    }
}

/// Says which columns were converted from a legacy encoding.
pub(super) fn legacy_notices(
    sheet: &Sheet,
    cols: &Columns,
    converted: &[legacy::Converted],
    report: &mut Problems,
) {
    for c in converted {
        let header = sheet.cell(cols.header, c.column).text();
        let name = if header.is_empty() {
            column_letter(c.column)
        } else {
            header
        };
        report.notice(format!(
            "Cột «{name}» được chuyển từ mã {} sang Unicode ({} ô).",
            c.encoding, c.cells
        ));
    }
}

/// A cell of a row, or `Empty` beyond its end.
fn cell_at(cells: &[Cell], col: Option<usize>) -> &Cell {
    col.and_then(|c| cells.get(c)).unwrap_or(&Cell::Empty)
}

/// A cell's text as `nfc` leaves it, moved out of the row when it is text.
fn take_text(cells: &mut [Cell], col: Option<usize>) -> String {
    match col.and_then(|c| cells.get_mut(c)) {
        None | Some(Cell::Empty) => String::new(),
        // Sheets hold text in NFC already; this only checks it.
        Some(Cell::Text(s)) => match nfc_cow(s) {
            Cow::Borrowed(_) => std::mem::take(s),
            Cow::Owned(n) => n,
        },
        Some(other) => nfc(&other.text()),
    }
}

/// A cell's text, trimmed, borrowed from the row when it is text.
fn text_at(cells: &[Cell], col: Option<usize>) -> Cow<'_, str> {
    match cell_at(cells, col) {
        Cell::Empty => Cow::Borrowed(""),
        Cell::Text(s) => Cow::Borrowed(s.trim()),
        other => Cow::Owned(other.text().trim().to_string()),
    }
}

/// Where a row goes: its unit and its team.
#[derive(Debug, Clone)]
struct Place {
    unit_id: i64,
    team: Arc<TeamKey>,
    /// The team's number in the file, in order of first appearance.
    team_no: u32,
    team_name: Arc<str>,
}

/// The places settled so far: one shared key, number and name per team, and the last row's
/// cells and place. Rows of one team repeat the same unit and team cells, so most rows reuse
/// the answer of the row above instead of resolving the unit and the team again.
#[derive(Debug, Default)]
struct Places {
    shared: FxHashMap<TeamKey, (Arc<TeamKey>, u32, Arc<str>)>,
    last: Option<([String; 4], Place)>,
}

impl Places {
    /// The place of the last row, when its unit code, unit, commune and team cells were these.
    fn last_for(&self, cells: [&str; 4]) -> Option<Place> {
        self.last
            .as_ref()
            .filter(|(last, _)| last.iter().zip(cells).all(|(a, b)| a == b))
            .map(|(_, place)| place.clone())
    }

    /// Shares the team's key and name, and remembers the place for the next row.
    fn settle(&mut self, cells: [&str; 4], unit_id: i64, team: TeamKey, name: String) -> Place {
        let next = self.shared.len() as u32;
        let (team, team_no, team_name) = self
            .shared
            .entry(team)
            .or_insert_with_key(|k| (Arc::new(k.clone()), next, Arc::from(name)))
            .clone();
        let place = Place {
            unit_id,
            team,
            team_no,
            team_name,
        };
        self.last = Some((cells.map(str::to_string), place.clone()));
        place
    }
}

/// Checks one row; `None` when its team could not be settled.
#[allow(clippy::too_many_arguments, reason = "the context of one row")]
fn check_row(
    cells: &mut [Cell],
    line: usize,
    cols: &Columns,
    lookup: &Lookup,
    today: NaiveDate,
    places: &mut Places,
    report: &mut Problems,
) -> Option<Row> {
    {
        // The texts kept whole are moved out of the row rather than copied.
        let name = take_text(cells, cols.get(col::NAME));
        let position = Some(take_text(cells, cols.get(col::POSITION))).filter(|s| !s.is_empty());
        let email = cols.get(col::EMAIL).map(|c| take_text(cells, Some(c)));
        let cells: &[Cell] = cells;
        let mut bad = |column: &str, value: &str, reason: String| {
            let value = (!value.is_empty()).then_some(value);
            report.problem(Some(line), Some(column), value, reason);
        };

        if name.is_empty() && cols.get(col::NAME).is_some() {
            bad(col::NAME, "", "họ và tên để trống".into());
        }

        let year = match cols.get(col::YEAR).map(|c| cell_at(cells, Some(c))) {
            None => None,
            Some(cell) => match parse_year(cell) {
                Ok(Some(y)) => match birth_year_problem(y, today) {
                    None => Some(y),
                    Some(reason) => {
                        bad(col::YEAR, &y.to_string(), reason);
                        None
                    }
                },
                Ok(None) => {
                    bad(col::YEAR, "", "năm sinh để trống".into());
                    None
                }
                Err(v) => {
                    bad(
                        col::YEAR,
                        &v,
                        "năm sinh phải là một số năm, ví dụ 1985".into(),
                    );
                    None
                }
            },
        };

        let gender_text = text_at(cells, cols.get(col::GENDER));
        let gender = if gender_text.is_empty() {
            None
        } else {
            let g = match &*gender_text {
                "Nam" => Some(Gender::Male),
                "Nữ" => Some(Gender::Female),
                other => Gender::parse(other),
            };
            if g.is_none() {
                bad(
                    col::GENDER,
                    &gender_text,
                    "giới tính phải là Nam hoặc Nữ".into(),
                );
            }
            g
        };

        let role_text = text_at(cells, cols.get(col::ROLE));
        let role = parse_role(&role_text).unwrap_or_else(|| {
            bad(
                col::ROLE,
                &role_text,
                "chức vụ trong Tổ phải là Tổ trưởng, Tổ phó hoặc Thành viên".into(),
            );
            Role::Member
        });

        let phone_text = text_at(cells, cols.get(col::PHONE));
        let phone = normalize_phone(&phone_text);
        if let Some(p) = &phone
            && !phone_is_valid(p)
        {
            bad(
                col::PHONE,
                &phone_text,
                "số điện thoại không hợp lệ (cần 10 hoặc 11 chữ số, bắt đầu bằng 0)".into(),
            );
        } else if phone.is_none() && !phone_text.is_empty() {
            bad(
                col::PHONE,
                &phone_text,
                "số điện thoại không có chữ số".into(),
            );
        }

        let email = email.map(|e| {
            if !e.is_empty() && !email_is_valid(&e) {
                bad(col::EMAIL, &e, "địa chỉ email không hợp lệ".into());
            }
            Some(e).filter(|e| !e.is_empty())
        });

        let trained = match cols.get(col::TRAINED).map(|c| cell_at(cells, Some(c))) {
            None => false,
            Some(cell) => parse_yes_no(cell).unwrap_or_else(|| {
                bad(
                    col::TRAINED,
                    &cell.text(),
                    "đã tập huấn phải là «có» hoặc «không»".into(),
                );
                false
            }),
        };

        let joined_on = match cols.get(col::JOINED).map(|c| cell_at(cells, Some(c))) {
            None | Some(Cell::Empty) => None,
            Some(Cell::Date(d)) => Some(*d),
            Some(cell) => {
                let t = cell.text();
                let d = parse_date(&t);
                if d.is_none() && !t.trim().is_empty() {
                    bad(
                        col::JOINED,
                        &t,
                        "ngày tham gia phải có dạng ngày/tháng/năm, ví dụ 05/03/2024".into(),
                    );
                }
                d
            }
        };

        // The unit, then the team.
        let code = text_at(cells, cols.get(col::UNIT_CODE));
        let unit_name = text_at(cells, cols.get(col::UNIT));
        let commune = text_at(cells, cols.get(col::COMMUNE));
        let team_cell = text_at(cells, cols.get(col::TEAM));
        let cells = [&*code, &*unit_name, &*commune, &*team_cell];
        let place = match places.last_for(cells) {
            Some(place) => Some(place),
            None => {
                let unit = match lookup.index.resolve(&code, &unit_name, &commune) {
                    Ok(u) => Some(u),
                    Err(reason) => {
                        let (column, value) = if code.is_empty() {
                            (col::UNIT, &*unit_name)
                        } else {
                            (col::UNIT_CODE, &*code)
                        };
                        bad(column, value, reason);
                        None
                    }
                };
                let team_text = nfc(&team_cell);
                let team = unit.and_then(|u| {
                    let existing = lookup.teams.get(&u.id).map(Vec::as_slice).unwrap_or(&[]);
                    if !team_text.is_empty() {
                        let key = search_key(&team_text);
                        Some(match existing.iter().find(|t| search_key(&t.name) == key) {
                            Some(t) => (TeamKey::Existing(t.id), t.name.clone()),
                            None => (TeamKey::New(u.id, key), team_text.clone()),
                        })
                    } else {
                        match existing {
                            [] => {
                                let name = teams::default_name(u);
                                Some((TeamKey::New(u.id, search_key(&name)), name))
                            }
                            [t] => Some((TeamKey::Existing(t.id), t.name.clone())),
                            many => {
                                bad(
                                    col::TEAM,
                                    "",
                                    format!(
                                        "{} có {} tổ; hãy ghi tên tổ trong cột «{}»",
                                        u.title_name(),
                                        many.len(),
                                        col::TEAM
                                    ),
                                );
                                None
                            }
                        }
                    }
                });
                unit.zip(team)
                    .map(|(u, (team, name))| places.settle(cells, u.id, team, name))
            }
        };

        let Place {
            unit_id,
            team,
            team_no,
            team_name,
        } = place?;
        Some(Row {
            line,
            team,
            team_no,
            team_name,
            unit_id,
            key: search_key(&name),
            member: NewMember {
                full_name: name,
                year_of_birth: year,
                gender,
                phone,
                email: email.flatten(),
                position,
                trained,
                team_id: 0,
                role: Some(role),
                joined_on,
                joined_decision: None,
            },
            role,
            has_email: cols.get(col::EMAIL).is_some(),
        })
    }
}

/// Reads a year of birth: a number, a text of digits, or a whole date of birth.
fn parse_year(cell: &Cell) -> std::result::Result<Option<i32>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 10_000.0 => Ok(Some(*n as i32)),
        Cell::Date(d) => Ok(Some(d.year())),
        Cell::Text(s) => {
            let s = s.trim();
            if s.is_empty() {
                Ok(None)
            } else if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) {
                s.parse().map(Some).map_err(|_| s.to_string())
            } else {
                parse_date(s).map(|d| Some(d.year())).ok_or(s.to_string())
            }
        }
        other => Err(other.text()),
    }
}

/// A role, with the labels exports write taken without normalising (a large import reads
/// hundreds of thousands of them).
fn parse_role(s: &str) -> Option<Role> {
    Role::ALL
        .into_iter()
        .find(|r| r.label() == s)
        .or_else(|| Role::parse(s))
}

fn parse_yes_no(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Text(s) if s == "có" => Some(true),
        Cell::Text(s) if s == "không" => Some(false),
        Cell::Empty => Some(false),
        Cell::Bool(b) => Some(*b),
        Cell::Number(n) if *n == 1.0 => Some(true),
        Cell::Number(n) if *n == 0.0 => Some(false),
        other => match search_key(&other.text()).as_str() {
            "co" | "x" | "da" | "da tap huan" | "roi" | "yes" | "y" | "true" => Some(true),
            "khong" | "chua" | "chua tap huan" | "" | "-" | "no" | "n" | "false" => Some(false),
            _ => None,
        },
    }
}

/// What to do with each row.
#[derive(Debug, Clone, PartialEq)]
enum Action {
    Insert,
    Update(Box<Member>),
    Unchanged,
}

/// A member already on one of the file's teams, with their search key and whether a row of the
/// file has been matched to them.
struct Stored {
    member: Member,
    key: String,
    matched: bool,
}

/// Writes planned rows: a new team when its first row comes, then the members.
struct Writer<'c> {
    conn: &'c Connection,
    /// The teams created so far, by their number in the file.
    created: FxHashMap<u32, i64>,
    adder: members::Adder<'c>,
}

impl<'c> Writer<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        Ok(Writer {
            conn,
            created: FxHashMap::default(),
            adder: members::Adder::new(conn)?,
        })
    }

    /// Writes a row; the row keeps its texts, to be freed by whoever made them.
    fn write(&mut self, row: &mut Row, action: &Action) -> Result<()> {
        match action {
            Action::Unchanged => Ok(()),
            Action::Update(m) => members::update(self.conn, m),
            Action::Insert => {
                row.member.team_id = match *row.team {
                    TeamKey::Existing(id) => id,
                    TeamKey::New(..) => match self.created.get(&row.team_no) {
                        Some(id) => *id,
                        None => {
                            let t = teams::insert(
                                self.conn,
                                &Team {
                                    id: 0,
                                    unit_id: row.unit_id,
                                    name: row.team_name.to_string(),
                                    decision_ref: None,
                                    decision_date: None,
                                    zalo_link: None,
                                },
                            )?;
                            self.created.insert(row.team_no, t.id);
                            t.id
                        }
                    },
                };
                self.adder.add_checked(&row.member, &row.key)?;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        import(s, sheet, "r.xlsx", opts)
    }

    #[test]
    fn years_and_yes_no_parse() {
        assert_eq!(parse_year(&Cell::Number(1985.0)), Ok(Some(1985)));
        assert_eq!(parse_year(&Cell::Text("1985".into())), Ok(Some(1985)));
        assert_eq!(parse_year(&Cell::Text("05/03/1985".into())), Ok(Some(1985)));
        assert!(parse_year(&Cell::Text("tám lăm".into())).is_err());
        assert_eq!(parse_year(&Cell::Empty), Ok(None));
        assert_eq!(parse_yes_no(&Cell::Text("Có".into())), Some(true));
        assert_eq!(parse_yes_no(&Cell::Text("chưa".into())), Some(false));
        assert_eq!(parse_yes_no(&Cell::Text("có lẽ".into())), None);
        assert!(email_is_valid("a.b@danang.gov.vn"));
        assert!(!email_is_valid("a.b@danang"));
    }
}
