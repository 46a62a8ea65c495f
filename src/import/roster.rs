//! `import roster`: a commune's roster sheet (interfaces.md §2a) into teams and members.
//!
//! Three phases, so that a refused file writes nothing: every row is checked first (all
//! problems collected), then a plan is drawn against the database (which team to create, which
//! member to add, update or leave alone), then, unless it is a dry run, the plan is written in
//! one transaction. Units are resolved through an in-memory index built once, and existing
//! members are read once per team, so a national roster imports in seconds.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use rustc_hash::{FxHashMap, FxHashSet};

use super::header::{Columns, Field, column_letter, find_columns};
use super::legacy;
use super::report::Report;
use super::table::{Cell, Sheet};
use super::units::UnitIndex;
use crate::error::{Error, Result};
use crate::model::{Gender, Member, Role, Team};
use crate::store::members::{self, NewMember, normalize_phone, phone_is_valid};
use crate::store::{Store, teams};
use crate::vietnamese::{nfc, parse_date, search_key};

/// Column labels, as exports write them.
pub mod col {
    /// STT (ignored).
    pub const STT: &str = "STT";
    /// Unit code.
    pub const UNIT_CODE: &str = "Mã đơn vị";
    /// Unit name.
    pub const UNIT: &str = "Đơn vị";
    /// The commune, to settle repeated village names.
    pub const COMMUNE: &str = "Xã/phường";
    /// Team name.
    pub const TEAM: &str = "Tên tổ";
    /// Full name.
    pub const NAME: &str = "Họ và tên";
    /// Year of birth.
    pub const YEAR: &str = "Năm sinh";
    /// Gender.
    pub const GENDER: &str = "Giới tính";
    /// Role in the team.
    pub const ROLE: &str = "Chức vụ trong Tổ";
    /// Position and workplace.
    pub const POSITION: &str = "Chức vụ, đơn vị công tác";
    /// Phone.
    pub const PHONE: &str = "Số điện thoại";
    /// Email.
    pub const EMAIL: &str = "Email";
    /// Trained.
    pub const TRAINED: &str = "Đã tập huấn";
    /// Joined on.
    pub const JOINED: &str = "Ngày tham gia";
}

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
    team_name: Arc<str>,
    unit_id: i64,
    name: String,
    /// The name's search key, made once for the duplicate check and the plan.
    key: String,
    year: Option<i32>,
    gender: Option<Gender>,
    role: Role,
    position: Option<String>,
    phone: Option<String>,
    /// `None` when the file has no Email column: the stored email is kept.
    email: Option<Option<String>>,
    trained: bool,
    joined_on: Option<NaiveDate>,
}

/// Imports a roster sheet. `Ok` carries the report of what was (or, dry, would be) written;
/// a file with any problem is refused with `Error::Refused` and nothing is written.
pub fn import(store: &mut Store, mut sheet: Sheet, file: &str, opts: &Options) -> Result<Report> {
    let mut report = Report::new(file);
    let converted = legacy::convert_sheet(&mut sheet);
    let Some(cols) = find_columns(&sheet, FIELDS, &[col::STT], &mut report) else {
        return Err(Error::Refused(Arc::new(report)));
    };
    legacy_notices(&sheet, &cols, &converted, &mut report);
    if cols.get(col::UNIT).is_none() && cols.get(col::UNIT_CODE).is_none() {
        report.problem(
            Some(sheet.row_number(cols.header)),
            Some(col::UNIT),
            None,
            "thiếu cột bắt buộc này (hoặc cột «Mã đơn vị») trong dòng tiêu đề",
        );
    }
    let conn = store.conn();
    let index = UnitIndex::load(conn)?;
    let mut team_index: FxHashMap<i64, Vec<Team>> = FxHashMap::default();
    for t in teams::all(conn)? {
        team_index.entry(t.unit_id).or_default().push(t);
    }
    let rows = check_rows(&mut sheet, &cols, &index, &team_index, opts, &mut report);
    drop(sheet);
    drop(team_index);
    drop(index);
    check_duplicates(&rows, &mut report);
    if !report.is_ok() {
        return Err(Error::Refused(Arc::new(report)));
    }
    let plan = plan(conn, &rows, &mut report)?;
    if !report.is_ok() {
        return Err(Error::Refused(Arc::new(report)));
    }
    if !opts.dry_run {
        store.bulk_transaction(|tx| write(tx, rows, plan))?;
    }
    Ok(report)
}

/// Says which columns were converted from a legacy encoding.
pub(super) fn legacy_notices(
    sheet: &Sheet,
    cols: &Columns,
    converted: &[legacy::Converted],
    report: &mut Report,
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

/// A cell's text, trimmed, borrowed from the sheet when it is text.
fn text_at(sheet: &Sheet, r: usize, col: Option<usize>) -> Cow<'_, str> {
    match col.map(|c| sheet.cell(r, c)) {
        None | Some(Cell::Empty) => Cow::Borrowed(""),
        Some(Cell::Text(s)) => Cow::Borrowed(s.trim()),
        Some(other) => Cow::Owned(other.text().trim().to_string()),
    }
}

/// Where a row goes: its unit and its team.
#[derive(Debug, Clone)]
struct Place {
    unit_id: i64,
    team: Arc<TeamKey>,
    team_name: Arc<str>,
}

/// The places settled so far: one shared key and name per team, and the last row's cells and
/// place. Rows of one team repeat the same unit and team cells, so most rows reuse the answer
/// of the row above instead of resolving the unit and the team again.
#[derive(Debug, Default)]
struct Places {
    shared: FxHashMap<TeamKey, (Arc<TeamKey>, Arc<str>)>,
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
        let (team, team_name) = self
            .shared
            .entry(team)
            .or_insert_with_key(|k| (Arc::new(k.clone()), Arc::from(name)))
            .clone();
        let place = Place {
            unit_id,
            team,
            team_name,
        };
        self.last = Some((cells.map(str::to_string), place.clone()));
        place
    }
}

fn check_rows(
    sheet: &mut Sheet,
    cols: &Columns,
    index: &UnitIndex,
    team_index: &FxHashMap<i64, Vec<Team>>,
    opts: &Options,
    report: &mut Report,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let max_year = opts.today.year() - 14;
    let mut places = Places::default();
    for r in cols.header + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(Cell::is_empty) {
            continue;
        }
        report.rows_read += 1;
        let line = sheet.row_number(r);
        let row = check_row(
            sheet,
            r,
            line,
            cols,
            index,
            team_index,
            max_year,
            &mut places,
            report,
        );
        // Each sheet row is freed once read, so the sheet and the checked rows are not both
        // held whole (a national roster has 350,000 rows).
        sheet.rows[r] = Vec::new();
        rows.extend(row);
    }
    if report.rows_read == 0 && report.is_ok() {
        report.problem(
            None,
            None,
            None,
            "tệp không có dòng dữ liệu nào dưới dòng tiêu đề",
        );
    }
    rows
}

/// Checks one row; `None` when its team could not be settled.
#[allow(
    clippy::too_many_arguments,
    reason = "the context of one row of one sheet"
)]
fn check_row(
    sheet: &Sheet,
    r: usize,
    line: usize,
    cols: &Columns,
    index: &UnitIndex,
    team_index: &FxHashMap<i64, Vec<Team>>,
    max_year: i32,
    places: &mut Places,
    report: &mut Report,
) -> Option<Row> {
    {
        let mut bad = |column: &str, value: &str, reason: String| {
            let value = (!value.is_empty()).then_some(value);
            report.problem(Some(line), Some(column), value, reason);
        };

        let name = nfc(&text_at(sheet, r, cols.get(col::NAME)));
        if name.is_empty() && cols.get(col::NAME).is_some() {
            bad(col::NAME, "", "họ và tên để trống".into());
        }

        let year = match cols.get(col::YEAR).map(|c| sheet.cell(r, c)) {
            None => None,
            Some(cell) => match parse_year(cell) {
                Ok(Some(y)) if (1900..=max_year).contains(&y) => Some(y),
                Ok(Some(y)) => {
                    bad(
                        col::YEAR,
                        &y.to_string(),
                        format!("năm sinh ngoài khoảng hợp lý 1900–{max_year}"),
                    );
                    None
                }
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

        let gender_text = text_at(sheet, r, cols.get(col::GENDER));
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

        let role_text = text_at(sheet, r, cols.get(col::ROLE));
        let role = parse_role(&role_text).unwrap_or_else(|| {
            bad(
                col::ROLE,
                &role_text,
                "chức vụ trong Tổ phải là Tổ trưởng, Tổ phó hoặc Thành viên".into(),
            );
            Role::Member
        });

        let position =
            Some(nfc(&text_at(sheet, r, cols.get(col::POSITION)))).filter(|s| !s.is_empty());

        let phone_text = text_at(sheet, r, cols.get(col::PHONE));
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

        let email = cols.get(col::EMAIL).map(|_| {
            let e = nfc(&text_at(sheet, r, cols.get(col::EMAIL)));
            if !e.is_empty() && !email_looks_valid(&e) {
                bad(col::EMAIL, &e, "địa chỉ email không hợp lệ".into());
            }
            Some(e).filter(|e| !e.is_empty())
        });

        let trained = match cols.get(col::TRAINED).map(|c| sheet.cell(r, c)) {
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

        let joined_on = match cols.get(col::JOINED).map(|c| sheet.cell(r, c)) {
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
        let code = text_at(sheet, r, cols.get(col::UNIT_CODE));
        let unit_name = text_at(sheet, r, cols.get(col::UNIT));
        let commune = text_at(sheet, r, cols.get(col::COMMUNE));
        let team_cell = text_at(sheet, r, cols.get(col::TEAM));
        let cells = [&*code, &*unit_name, &*commune, &*team_cell];
        let place = match places.last_for(cells) {
            Some(place) => Some(place),
            None => {
                let unit = match index.resolve(&code, &unit_name, &commune) {
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
                    let existing = team_index.get(&u.id).map(Vec::as_slice).unwrap_or(&[]);
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

        // A row with a bad field still takes part in the duplicate and Tổ trưởng checks, so
        // the report lists every problem at once; the file is refused either way.
        let Place {
            unit_id,
            team,
            team_name,
        } = place?;
        Some(Row {
            line,
            team,
            team_name,
            unit_id,
            key: search_key(&name),
            name,
            year,
            gender,
            role,
            position,
            phone,
            email,
            trained,
            joined_on,
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

fn email_looks_valid(e: &str) -> bool {
    match e.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !e.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// Duplicate people in one team, a phone twice in one team, and two Tổ trưởng in one team.
fn check_duplicates(rows: &[Row], report: &mut Report) {
    // Two rows with the same name and year in one team are the same person unless both give
    // phones and the phones differ (namesakes born the same year do happen in a village).
    type Person<'a> = (&'a TeamKey, &'a str, Option<i32>);
    let mut people: FxHashMap<Person<'_>, Vec<(usize, Option<&str>)>> = FxHashMap::default();
    let mut phones: FxHashMap<(&TeamKey, &str), usize> = FxHashMap::default();
    let mut leaders: FxHashMap<&TeamKey, usize> = FxHashMap::default();
    for row in rows {
        let key = (&*row.team, row.key.as_str(), row.year);
        let seen = people.entry(key).or_default();
        let phone = row.phone.as_deref();
        if let Some((first, _)) = seen
            .iter()
            .find(|(_, p)| p.is_none() || phone.is_none() || *p == phone)
        {
            report.problem(
                Some(row.line),
                Some(col::NAME),
                Some(&row.name),
                format!("trùng với dòng {first} (cùng tổ, cùng họ tên và năm sinh)"),
            );
            continue;
        }
        seen.push((row.line, phone));
        if let Some(p) = row.phone.as_deref() {
            if let Some(first) = phones.get(&(&*row.team, p)) {
                report.problem(
                    Some(row.line),
                    Some(col::PHONE),
                    Some(p),
                    format!("số điện thoại trùng với dòng {first} trong cùng tổ"),
                );
            } else {
                phones.insert((&*row.team, p), row.line);
            }
        }
        if row.role == Role::Leader {
            if let Some(first) = leaders.get(&*row.team) {
                report.problem(
                    Some(row.line),
                    Some(col::ROLE),
                    Some(Role::Leader.label()),
                    format!(
                        "{} đã có Tổ trưởng ở dòng {first}; mỗi Tổ chỉ có một Tổ trưởng",
                        row.team_name
                    ),
                );
            } else {
                leaders.insert(&*row.team, row.line);
            }
        }
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

/// Matches every row against the members already on its team and counts what will change.
fn plan(conn: &Connection, rows: &[Row], report: &mut Report) -> Result<Vec<Action>> {
    // The stored members of the teams the file names, read in one pass over the active members
    // (one query per team took seconds for a national roster).
    let teams: FxHashSet<i64> = rows
        .iter()
        .filter_map(|r| match *r.team {
            TeamKey::Existing(id) => Some(id),
            TeamKey::New(..) => None,
        })
        .collect();
    let mut existing: FxHashMap<i64, Vec<Stored>> = FxHashMap::default();
    if !teams.is_empty() {
        members::each_active_under(conn, None, |m| {
            if teams.contains(&m.team_id) {
                existing.entry(m.team_id).or_default().push(Stored {
                    key: search_key(&m.full_name),
                    member: m,
                    matched: false,
                });
            }
            Ok(())
        })?;
    }
    let mut actions = Vec::with_capacity(rows.len());
    for row in rows {
        let on_team = match *row.team {
            TeamKey::Existing(team_id) => existing.get_mut(&team_id),
            TeamKey::New(..) => None,
        };
        // The rule of `members::find_in_team` (name and year of birth, or phone), taking the
        // phone first so that namesakes born the same year keep apart, and never matching one
        // stored member to two rows.
        let found = on_team.and_then(|on_team| {
            let by_phone = row.phone.as_deref().and_then(|p| {
                on_team
                    .iter()
                    .position(|s| !s.matched && s.member.phone.as_deref() == Some(p))
            });
            let i = by_phone.or_else(|| {
                on_team.iter().position(|s| {
                    !s.matched && s.key == row.key && s.member.year_of_birth == row.year
                })
            })?;
            on_team.get_mut(i)
        });
        let Some(stored) = found else {
            report.added += 1;
            actions.push(Action::Insert);
            continue;
        };
        stored.matched = true;
        let old = &stored.member;
        let new = Member {
            full_name: row.name.clone(),
            year_of_birth: row.year,
            gender: row.gender,
            phone: row.phone.clone(),
            email: row.email.clone().unwrap_or_else(|| old.email.clone()),
            position: row.position.clone(),
            trained: row.trained,
            role: row.role,
            joined_on: row.joined_on.or(old.joined_on),
            ..old.clone()
        };
        if new == *old {
            report.unchanged += 1;
            actions.push(Action::Unchanged);
        } else {
            report.updated += 1;
            actions.push(Action::Update(Box::new(new)));
        }
    }
    // A Tổ trưởng in the file for a team whose stored Tổ trưởng is not in the file (and so
    // would stay) makes two.
    for row in rows.iter().filter(|r| r.role == Role::Leader) {
        let TeamKey::Existing(team_id) = *row.team else {
            continue;
        };
        let stays = existing.get(&team_id).and_then(|ms| {
            ms.iter()
                .find(|s| s.member.role == Role::Leader && !s.matched)
        });
        if let Some(leader) = stays {
            report.problem(
                Some(row.line),
                Some(col::ROLE),
                Some(Role::Leader.label()),
                format!(
                    "{} đã có Tổ trưởng {} (không có trong tệp); mỗi Tổ chỉ có một Tổ trưởng",
                    row.team_name, leader.member.full_name
                ),
            );
        }
    }
    Ok(actions)
}

/// Writes the plan: new teams first, then the members.
fn write(conn: &Connection, rows: Vec<Row>, plan: Vec<Action>) -> Result<()> {
    let mut created: FxHashMap<Arc<TeamKey>, i64> = FxHashMap::default();
    let mut adder = members::Adder::new(conn)?;
    for (row, action) in rows.into_iter().zip(plan) {
        match action {
            Action::Unchanged => {}
            Action::Update(m) => members::update(conn, &m)?,
            Action::Insert => {
                let team_id = match &*row.team {
                    TeamKey::Existing(id) => *id,
                    TeamKey::New(..) => match created.get(&row.team) {
                        Some(id) => *id,
                        None => {
                            let t = teams::insert(
                                conn,
                                &Team {
                                    id: 0,
                                    unit_id: row.unit_id,
                                    name: row.team_name.to_string(),
                                    decision_ref: None,
                                    decision_date: None,
                                    zalo_link: None,
                                },
                            )?;
                            created.insert(row.team.clone(), t.id);
                            t.id
                        }
                    },
                };
                adder.add(
                    &NewMember {
                        full_name: row.name,
                        year_of_birth: row.year,
                        gender: row.gender,
                        phone: row.phone,
                        email: row.email.flatten(),
                        position: row.position,
                        trained: row.trained,
                        team_id,
                        role: Some(row.role),
                        joined_on: row.joined_on,
                        joined_decision: None,
                    },
                    Some(&row.key),
                )?;
            }
        }
    }
    Ok(())
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

    fn roster_import(s: &mut Store, sheet: Sheet, opts: &Options) -> Result<Report> {
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
        assert!(email_looks_valid("a.b@danang.gov.vn"));
        assert!(!email_looks_valid("a.b@danang"));
    }
}
