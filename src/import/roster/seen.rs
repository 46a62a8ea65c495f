//! The checks across roster rows: one person twice in a team, one phone twice in a team, two
//! Tổ trưởng in a team. Whether two rows are one person is `model::same_person`, the rule the
//! registry uses; it is only ever asked about two rows of ONE team, so a commune official on
//! the commune team and on a village team is two memberships, never a duplicate.

use std::collections::hash_map::Entry;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::col;
use crate::model::{CheckedRow, Problems, Role, same_person};

/// A person in the file: team number, name key and year of birth.
type Person = (u32, Box<str>, Option<i32>);

/// An earlier row of a team: its line and phone (shared with `Seen::phones`). Its name is not
/// kept: an earlier row is only asked about when its name key and year are the row's, or its
/// phone is.
#[derive(Debug, Clone)]
struct Mention {
    line: usize,
    phone: Option<Rc<str>>,
}

/// The rows seen so far, for the checks across rows. Teams are told apart by their number in
/// `Places`; the maps only find the earlier rows of the same team that may be the same person
/// (same name and year, or same phone), and `same_person` decides.
#[derive(Default)]
pub(super) struct Seen {
    /// The rows naming each person: the first, then any namesakes (rare, so kept apart and
    /// allocated only when there are some).
    people: FxHashMap<Person, (Mention, Vec<Mention>)>,
    phones: FxHashMap<(u32, Rc<str>), Mention>,
    leaders: FxHashMap<u32, usize>,
}

/// Whether the row is the person an earlier row of its team names (`model::same_person`).
/// Namesakes born the same year whose rows give two different phones are two people (a village
/// has them; the re-import tells them apart by phone the same way).
fn same(earlier: &Mention, row: &CheckedRow) -> bool {
    let phone = row.member.phone.as_deref();
    if let (Some(a), Some(b)) = (earlier.phone.as_deref(), phone)
        && a != b
        && crate::model::normalize_phone(a) != crate::model::normalize_phone(b)
    {
        return false;
    }
    // The earlier row has this row's name key and year, or its phone: the row's own name and
    // year stand for its.
    same_person(
        &row.member.full_name,
        row.member.year_of_birth,
        earlier.phone.as_deref(),
        &row.member.full_name,
        row.member.year_of_birth,
        phone,
    )
}

impl Seen {
    /// Checks a row against the rows above it in its team.
    pub(super) fn check(&mut self, row: &CheckedRow, report: &mut Problems) {
        let phone: Option<Rc<str>> = row.member.phone.as_deref().map(Rc::from);
        let mention = || Mention {
            line: row.line,
            phone: phone.clone(),
        };
        let person = (
            row.team_no,
            row.key.as_str().into(),
            row.member.year_of_birth,
        );
        match self.people.entry(person) {
            Entry::Vacant(v) => {
                v.insert((mention(), Vec::new()));
            }
            Entry::Occupied(mut o) => {
                let (first, more) = o.get_mut();
                let earlier = std::iter::once(&*first)
                    .chain(more.iter())
                    .find(|m| same(m, row));
                if let Some(earlier) = earlier {
                    report.problem(
                        Some(row.line),
                        Some(col::NAME),
                        Some(&row.member.full_name),
                        format!(
                            "trùng với dòng {} (cùng tổ, cùng họ tên và năm sinh)",
                            earlier.line
                        ),
                    );
                    return;
                }
                more.push(mention());
            }
        }
        if let Some(p) = phone.clone() {
            match self.phones.entry((row.team_no, p)) {
                Entry::Occupied(first) if same(first.get(), row) => report.problem(
                    Some(row.line),
                    Some(col::PHONE),
                    Some(&first.key().1),
                    format!(
                        "số điện thoại trùng với dòng {} trong cùng tổ",
                        first.get().line
                    ),
                ),
                Entry::Occupied(_) => {}
                Entry::Vacant(v) => {
                    v.insert(mention());
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
