//! Checking one roster row: its fields (name, year of birth, gender, role, phone, e-mail,
//! training, date joined) by the member rules of `model`, and its unit and team.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::col;
use super::columns::RosterColumns;
use super::lookup::Lookup;
use crate::import::sheet_layout::Section;
use crate::import::table::Cell;
use crate::import::values::{
    excel_serial, gender_from_marks, parse_gender, parse_phone, parse_role, parse_trained,
    year_and_gender,
};
use crate::model::{
    CheckedRow, NewDecision, NewMember, Problems, Role, Team, TeamKey, birth_year_problem,
    check_phone, email_is_valid,
};
use crate::vietnamese::{nfc, nfc_cow, parse_date, search_key};

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
pub(super) struct Place {
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
pub(super) struct Places {
    shared: FxHashMap<TeamKey, (Arc<TeamKey>, u32, Arc<str>)>,
    last: Option<([String; 4], Place)>,
}

impl Places {
    /// The place of the last row, when its unit code, unit, commune and team cells were these.
    pub(super) fn last_for(&self, cells: [&str; 4]) -> Option<Place> {
        self.last
            .as_ref()
            .filter(|(last, _)| last.iter().zip(cells).all(|(a, b)| a == b))
            .map(|(_, place)| place.clone())
    }

    /// Shares the team's key and name, and remembers the place for the next row.
    pub(super) fn settle(
        &mut self,
        cells: [&str; 4],
        unit_id: i64,
        team: TeamKey,
        name: String,
    ) -> Place {
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

/// Checks one row; `None` when its team could not be settled. `sections` are the section rows
/// above it (`I. TỔ CNSCĐ THÔN AN PHÚ`): the unit when the sheet has no unit column.
#[allow(clippy::too_many_arguments, reason = "the context of one row")]
pub(super) fn check_row(
    cells: &mut [Cell],
    line: usize,
    cols: &RosterColumns,
    sections: &[Section],
    lookup: &Lookup,
    today: NaiveDate,
    places: &mut Places,
    report: &mut Problems,
) -> Option<CheckedRow> {
    {
        // The texts kept whole are moved out of the row rather than copied.
        let name = take_text(cells, cols.name);
        let position = Some(take_text(cells, cols.position)).filter(|s| !s.is_empty());
        let email = cols.email.map(|c| take_text(cells, Some(c)));
        let cells: &[Cell] = cells;
        let mut bad = |column: &str, value: &str, reason: String| {
            let value = (!value.is_empty()).then_some(value);
            report.problem(Some(line), Some(column), value, reason);
        };

        if name.is_empty() && cols.name.is_some() {
            bad(col::NAME, "", "họ và tên để trống".into());
        }

        // The year, and the gender when the year sits under «Nam» or «Nữ».
        let (year, mut gender) = match cols.year.as_slice() {
            [] => Ok((None, None)),
            [(sub, c)] => year_and_gender(&[(sub.as_deref(), cell_at(cells, Some(*c)))], today),
            many => {
                let year_cells: Vec<(Option<&str>, &Cell)> = many
                    .iter()
                    .map(|(sub, c)| (sub.as_deref(), cell_at(cells, Some(*c))))
                    .collect();
                year_and_gender(&year_cells, today)
            }
        }
        .map(|(y, g)| (y.map(|y| y.year), g))
        .unwrap_or_else(|e| {
            bad(col::YEAR, &e.value, e.reason);
            (None, None)
        });
        if year.is_none() && !cols.year.is_empty() && bad_is_blank_year(cells, &cols.year) {
            bad(col::YEAR, "", "năm sinh để trống".into());
        }
        let year = year.filter(|y| match birth_year_problem(*y, today) {
            None => true,
            Some(reason) => {
                bad(col::YEAR, &y.to_string(), reason);
                false
            }
        });

        let from_column = match cols.gender.as_slice() {
            [] => Ok(None),
            [(None, c)] => parse_gender(cell_at(cells, Some(*c))),
            many => {
                let marks: Vec<(Option<&str>, &Cell)> = many
                    .iter()
                    .map(|(sub, c)| (sub.as_deref(), cell_at(cells, Some(*c))))
                    .collect();
                gender_from_marks(&marks)
            }
        };
        match from_column {
            Ok(Some(g)) => gender = Some(g),
            Ok(None) => {}
            Err(e) => bad(col::GENDER, &e.value, e.reason),
        }

        // A blank role is a member: forms leave it empty for everyone but the leaders.
        let role = parse_role(cell_at(cells, cols.role))
            .unwrap_or_else(|e| {
                bad(col::ROLE, &e.value, e.reason);
                None
            })
            .unwrap_or(Role::Member);

        // Written as people type it (dots, spaces, +84, a lost zero); what the reader refuses
        // is still taken when the form's own rule (`check_phone`) accepts it.
        let phone_cell = cell_at(cells, cols.phone);
        let phone = parse_phone(phone_cell)
            .map(|p| p.map(|p| p.number))
            .or_else(|e| check_phone(&phone_cell.text()).map_err(|_| e))
            .unwrap_or_else(|e| {
                bad(col::PHONE, &e.value, e.reason);
                None
            });

        let email = email.map(|e| {
            if !e.is_empty() && !email_is_valid(&e) {
                bad(col::EMAIL, &e, "địa chỉ email không hợp lệ".into());
            }
            Some(e).filter(|e| !e.is_empty())
        });

        let trained = parse_trained(cols.trained.map(|c| cell_at(cells, Some(c))))
            .unwrap_or_else(|e| {
                bad(col::TRAINED, &e.value, e.reason);
                None
            })
            .unwrap_or(false);

        let joined_on = match cols.joined.map(|c| cell_at(cells, Some(c))) {
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

        let decision = decision_of(cells, cols, &mut bad);

        // The unit (its column, or the section row above), then the team.
        let code = text_at(cells, cols.unit_code);
        let section = sections.last();
        let unit_name = match (cols.unit, section) {
            (Some(c), _) => text_at(cells, Some(c)),
            (None, Some(s)) if code.is_empty() => Cow::Borrowed(s.unit.as_str()),
            (None, _) => Cow::Borrowed(""),
        };
        let commune = text_at(cells, cols.commune);
        let team_cell = text_at(cells, cols.team);
        let cells = [&*code, &*unit_name, &*commune, &*team_cell];
        let place = match places.last_for(cells) {
            Some(place) => Some(place),
            None => {
                let hint = cols.commune_hint.as_deref().filter(|_| commune.is_empty());
                let found = match hint {
                    Some(h) => lookup
                        .index
                        .resolve(&code, &unit_name, h)
                        .or_else(|_| lookup.index.resolve(&code, &unit_name, &commune)),
                    None => lookup.index.resolve(&code, &unit_name, &commune),
                };
                let unit = match found {
                    Ok(u) => Some(u),
                    Err(_) if code.is_empty() && unit_name.is_empty() && section.is_none() => {
                        bad(
                            col::UNIT,
                            "",
                            format!(
                                "không biết dòng này thuộc thôn, tổ dân phố nào: bảng không có \
                                 cột «{}» và không có dòng tên thôn nào phía trên",
                                col::UNIT
                            ),
                        );
                        None
                    }
                    Err(reason) => {
                        let (column, value) = if code.is_empty() {
                            (col::UNIT, &*unit_name)
                        } else {
                            (col::UNIT_CODE, &*code)
                        };
                        let reason = match section.filter(|_| cols.unit.is_none()) {
                            Some(s) => format!("dòng tên thôn {} «{}»: {reason}", s.line, s.text),
                            None => reason,
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
                                let name = Team::default_name(u);
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
        Some(CheckedRow {
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
            has_email: cols.has_email(),
            has_trained: cols.has_trained(),
            decision,
        })
    }
}

/// The team's establishing decision the row gives in the «Số QĐ thành lập», «Ngày QĐ»,
/// «Người ký» and «Trích yếu» columns; `None` when the sheet has none or the row leaves them
/// blank. A date or a signer without a number is a problem: the decision cannot be recorded.
fn decision_of(
    cells: &[Cell],
    cols: &RosterColumns,
    bad: &mut impl FnMut(&str, &str, String),
) -> Option<Arc<NewDecision>> {
    let [number, date, signer, summary] = cols.decision;
    if number.is_none() && date.is_none() {
        return None;
    }
    let given = |c: Option<usize>| Some(text_at(cells, c).into_owned()).filter(|t| !t.is_empty());
    let issued_on = match cell_at(cells, date) {
        Cell::Empty => None,
        Cell::Date(d) => Some(*d),
        Cell::Number(n) if n.fract() == 0.0 => excel_serial(*n as i64),
        cell => {
            let t = cell.text();
            let d = parse_date(&t);
            if d.is_none() && !t.trim().is_empty() {
                bad(
                    col::DECISION_DATE,
                    &t,
                    "ngày quyết định phải có dạng ngày/tháng/năm, ví dụ 05/03/2024".into(),
                );
            }
            d
        }
    };
    let signer = given(signer);
    let summary = given(summary);
    let Some(number) = given(number) else {
        if issued_on.is_some() || signer.is_some() {
            bad(
                col::DECISION,
                "",
                "có ngày hoặc người ký quyết định thành lập nhưng thiếu số quyết định".into(),
            );
        }
        return None;
    };
    Some(Arc::new(NewDecision {
        number: nfc(&number),
        issued_on,
        signer: signer.map(|s| nfc(&s)),
        summary: summary.map(|s| nfc(&s)),
        consolidates: false,
    }))
}

/// Whether every year cell of the row is blank (a year written wrongly is reported apart).
fn bad_is_blank_year(cells: &[Cell], year: &[(Option<String>, usize)]) -> bool {
    year.iter()
        .all(|(_, c)| cell_at(cells, Some(*c)).is_empty())
}
