//! `import roster`: a commune's roster sheet (interfaces.md §2a) checked row by row into teams
//! and members, writing nothing.
//!
//! Each row is checked (its fields, its unit and team: `row`), against the rows above it for
//! duplicates (`seen`), then planned against the stored members of its team (`lookup`): a
//! member to add, to update or to leave alone. Every problem of the file is collected; a file
//! with any is refused. Units, teams and active members are held in memory (`Lookup`), so a
//! national roster (350,000 rows) is checked in seconds. The driver that reads the file, feeds
//! the checker and hands the planned rows to the store's writer is `ops::roster`.

mod columns;
mod lookup;
mod row;
mod seen;

use std::sync::Arc;

use chrono::NaiveDate;

use super::header::column_letter;
use super::legacy;
use super::sheet_layout::{Layout, Section};
use super::table::Cell;
use crate::model::{CheckedRow, Member, NewDecision, Problems, Role, RowAction, TeamKey};
use crate::vietnamese::clean::{FieldKind, clean_text, excerpt};
use crate::vietnamese::search_key;
pub use columns::RosterColumns;
pub use lookup::Lookup;
use row::{Places, check_row};
use seen::Seen;

/// Column labels, as exports write them.
pub use crate::model::columns::roster as col;

/// One import's checks, row after row: each row's fields, the checks across rows, and what to
/// do with the row given the stored members.
pub struct Checker {
    cols: RosterColumns,
    lookup: Lookup,
    today: NaiveDate,
    places: Places,
    seen: Seen,
    /// Rows naming a Tổ trưởng for a stored team: line, team and its name. Checked at the end
    /// against the team's stored Tổ trưởng, who stays unless a row was matched to them.
    leaders: Vec<(usize, i64, Arc<str>)>,
    /// The establishing decision each team's rows give, with the first line giving it.
    decisions: rustc_hash::FxHashMap<u32, (usize, Arc<NewDecision>)>,
    /// The roster label of each column (`RosterColumns::label_of`), made once: every cell of
    /// every row asks.
    labels: Vec<Option<&'static str>>,
    report: Problems,
}

/// The most rows one file may hold: some times a national roster. Tests lower it with
/// `CNSCD_TEST_MAX_ROWS` rather than write gigabytes.
pub const MAX_ROWS: usize = 3_000_000;

fn max_rows() -> usize {
    std::env::var("CNSCD_TEST_MAX_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(MAX_ROWS)
}

impl Checker {
    /// Starts the checks of a sheet whose columns are `cols`, on `today` (for the
    /// year-of-birth range).
    pub fn new(cols: RosterColumns, lookup: Lookup, today: NaiveDate, report: Problems) -> Checker {
        let labels = (0..=cols.last_column()).map(|i| cols.label_of(i)).collect();
        Checker {
            decisions: rustc_hash::FxHashMap::default(),
            labels,
            cols,
            lookup,
            today,
            places: Places::default(),
            seen: Seen::default(),
            leaders: Vec::new(),
            report,
        }
    }

    /// Checks the data row on spreadsheet line `line`, under the section rows `sections`; its
    /// problems go to the report. The row and what to do with it, unless it is empty or its
    /// team could not be settled.
    pub fn row(
        &mut self,
        cells: &mut [Cell],
        line: usize,
        sections: &[Section],
    ) -> Option<(CheckedRow, RowAction)> {
        if cells.iter().all(Cell::is_empty) {
            return None;
        }
        self.report.rows_read += 1;
        if self.report.rows_read > max_rows() {
            if self.report.rows_read == max_rows() + 1 {
                self.report.problem(
                    Some(line),
                    None,
                    None,
                    format!(
                        "tệp có hơn {} dòng, quá giới hạn một lần nhập; hãy chia tệp theo xã",
                        crate::vietnamese::format_number(max_rows() as i64)
                    ),
                );
            }
            return None;
        }
        self.clean(cells, line);
        let row = check_row(
            cells,
            line,
            &self.cols,
            sections,
            &self.lookup,
            self.today,
            &mut self.places,
            &mut self.report,
        )?;
        let mut row = row;
        self.one_decision(&mut row);
        // A row with a bad field still takes part in the checks across rows, so the report
        // lists every problem at once; the file is refused either way.
        self.seen.check(&row, &mut self.report);
        let action = self.action(&row);
        Some((row, action))
    }

    /// Cleans every text cell of the row (`clean_text` by the column's field): NUL, control
    /// and bidi characters go, with a notice; a text over its field's limit is a problem and is
    /// not looked at further (a 400 MB cell).
    fn clean(&mut self, cells: &mut [Cell], line: usize) {
        for (i, cell) in cells.iter_mut().enumerate() {
            if let Cell::Error(code) = cell {
                let column = self
                    .label_of(i)
                    .map(str::to_string)
                    .unwrap_or_else(|| column_letter(i));
                let code = std::mem::take(code);
                self.report.problem(
                    Some(line),
                    Some(&column),
                    Some(&code),
                    super::table::error_cell_reason(&code),
                );
                *cell = Cell::Empty;
                continue;
            }
            let Cell::Text(text) = cell else { continue };
            let label = self.label_of(i);
            let kind = match label {
                Some(col::NAME) => FieldKind::PersonName,
                Some(col::POSITION) => FieldKind::Position,
                Some(_) => FieldKind::Line,
                None => FieldKind::Cell,
            };
            // The column's name is only made for a notice or a problem: most cells have none.
            let column = || {
                label
                    .map(str::to_string)
                    .unwrap_or_else(|| column_letter(i))
            };
            match clean_text(text, kind) {
                Ok(cleaned) => {
                    if !cleaned.removed.is_empty()
                        && let Some(notice) = cleaned.notice(&column(), line)
                    {
                        self.report.notice(notice);
                    }
                    if let std::borrow::Cow::Owned(t) = cleaned.text {
                        *text = t;
                    }
                }
                Err(too_long) => {
                    let start = excerpt(text, 40).into_owned();
                    self.report.problem(
                        Some(line),
                        Some(&column()),
                        Some(&start),
                        too_long.to_string(),
                    );
                    *cell = Cell::Empty;
                }
            }
        }
    }

    fn label_of(&self, i: usize) -> Option<&'static str> {
        self.labels.get(i).copied().flatten()
    }

    /// Keeps the establishing decision on the first row of its team that gives it; a row
    /// giving another number for the same team is a problem.
    fn one_decision(&mut self, row: &mut CheckedRow) {
        let Some(d) = row.decision.take() else { return };
        match self.decisions.get(&row.team_no) {
            None => {
                self.decisions.insert(row.team_no, (row.line, d.clone()));
                row.decision = Some(d);
            }
            Some((_, first)) if search_key(&first.number) == search_key(&d.number) => {}
            Some((line, first)) => {
                let reason = format!(
                    "{} đã ghi quyết định thành lập số {} ở dòng {line}; một Tổ chỉ có một \
                     quyết định thành lập",
                    row.team_name, first.number
                );
                self.report
                    .problem(Some(row.line), Some(col::DECISION), Some(&d.number), reason);
            }
        }
    }

    /// Matches a row against the members already on its team and counts what will change.
    fn action(&mut self, row: &CheckedRow) -> RowAction {
        let TeamKey::Existing(team_id) = *row.team else {
            self.report.added += 1;
            return RowAction::Insert;
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
            return RowAction::Insert;
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
            trained: if row.has_trained {
                row.member.trained
            } else {
                old.trained
            },
            role: row.role,
            joined_on: row.member.joined_on.or(old.joined_on),
            ..old.clone()
        };
        if new == *old {
            self.report.unchanged += 1;
            RowAction::Unchanged
        } else {
            self.report.updated += 1;
            RowAction::Update(Box::new(new))
        }
    }

    /// Members read so far (rows that gave a member, problems or not).
    pub fn rows_read(&self) -> usize {
        self.report.rows_read
    }

    /// The report so far, for notices.
    pub fn report_mut(&mut self) -> &mut Problems {
        &mut self.report
    }

    /// Whether no problem has turned up so far.
    pub fn is_ok(&self) -> bool {
        self.report.is_ok()
    }

    /// The checks that need every row, and the report.
    pub fn finish(mut self) -> Problems {
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
        if !self.decisions.is_empty() {
            self.report.notice(format!(
                "Ghi nhận quyết định thành lập (theo tệp) cho {} tổ.",
                self.decisions.len()
            ));
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
pub fn legacy_notices(layout: &Layout, converted: &[legacy::Converted], report: &mut Problems) {
    for c in converted {
        let header = layout
            .columns
            .iter()
            .find(|col| col.index == c.column)
            .and_then(|col| col.header.last().cloned())
            .unwrap_or_else(|| column_letter(c.column));
        report.notice(format!(
            "Cột «{header}» được chuyển từ mã {} sang Unicode ({} ô).",
            c.encoding, c.cells
        ));
    }
}
