//! The checks across roster rows: one person twice in a team, one phone twice in a team, two
//! Tổ trưởng in a team.

use std::collections::hash_map::Entry;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::col;
use crate::model::{CheckedRow, Problems, Role};

/// A person in the file: team number, name key and year of birth.
type Person = (u32, Box<str>, Option<i32>);

/// A row naming a person: its line and phone (shared with `Seen::phones`).
type Mention = (usize, Option<Rc<str>>);

/// The rows seen so far, for the checks across rows: one person twice in a team, one phone
/// twice in a team, two Tổ trưởng in a team. Teams are told apart by their number in `Places`.
#[derive(Default)]
pub(super) struct Seen {
    /// The rows naming each person: the first, then any namesakes (rare, so kept apart and
    /// allocated only when there are some).
    people: FxHashMap<Person, (Mention, Vec<Mention>)>,
    phones: FxHashMap<(u32, Rc<str>), usize>,
    leaders: FxHashMap<u32, usize>,
}

impl Seen {
    /// Checks a row against the rows above it.
    pub(super) fn check(&mut self, row: &CheckedRow, report: &mut Problems) {
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
