//! Checking one roster row: its fields (name, year of birth, gender, role, phone, e-mail,
//! training, date joined) by the member rules of `model`, and its unit and team.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;

use super::col;
use super::lookup::Lookup;
use crate::import::header::Columns;
use crate::import::table::Cell;
use crate::model::{
    CheckedRow, Gender, NewMember, Problems, Role, Team, TeamKey, birth_year_problem, check_phone,
    email_is_valid,
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

/// Checks one row; `None` when its team could not be settled.
#[allow(clippy::too_many_arguments, reason = "the context of one row")]
pub(super) fn check_row(
    cells: &mut [Cell],
    line: usize,
    cols: &Columns,
    lookup: &Lookup,
    today: NaiveDate,
    places: &mut Places,
    report: &mut Problems,
) -> Option<CheckedRow> {
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
        // One rule with the form and the store: blank is no number; digits must make a number.
        let phone = check_phone(&phone_text).unwrap_or_else(|reason| {
            bad(col::PHONE, &phone_text, reason.into());
            None
        });

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

#[cfg(test)]
mod tests {
    use super::*;

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
