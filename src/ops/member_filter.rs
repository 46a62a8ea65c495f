//! Narrowing the member list: by role in the Tổ, by training, by standing (still on a team, left
//! the Tổ, or both: members who left are listed only when asked), to one team or the teams of a
//! unit, and by the search, ranked as a person would. The window's member list and
//! `list members --role/--trained/--left/--all/--team/--search` keep the same members, through
//! `MemberFilter::keeps` and `matching`.

use std::collections::BTreeSet;

use crate::error::Result;
use crate::model::{Member, Role};
use crate::store::{Store, members};
use crate::vietnamese::search::{Query, SearchIndex};

/// Whether the list holds the members on a team, those who left, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Standing {
    /// Đang trong Tổ (the list as the registry shows it).
    #[default]
    Current,
    /// Đã rời Tổ: members with no current membership.
    Left,
    /// Both.
    All,
}

/// What the list keeps besides the standing and the search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberFilter {
    /// Only this role (of the current membership, or of the last one for who left).
    pub role: Option<Role>,
    /// Only the trained (`Some(true)`) or the untrained (`Some(false)`).
    pub trained: Option<bool>,
    /// Only members of these teams (one team, or the teams of a commune).
    pub teams: Option<BTreeSet<i64>>,
}

impl MemberFilter {
    /// Whether `m` stays in the list.
    pub fn keeps(&self, m: &Member) -> bool {
        self.role.is_none_or(|r| m.role == r)
            && self.trained.is_none_or(|t| m.trained == t)
            && self.teams.as_ref().is_none_or(|s| s.contains(&m.team_id))
    }

    /// Whether it keeps everyone.
    pub fn is_empty(&self) -> bool {
        self.role.is_none() && self.trained.is_none() && self.teams.is_none()
    }
}

/// The members under `root` (a unit id) of `standing`, in name order.
pub fn members_of(store: &Store, root: Option<i64>, standing: Standing) -> Result<Vec<Member>> {
    let mut list = match standing {
        Standing::Current => members::active(store.conn(), root)?,
        Standing::Left => members::all_with_left(store.conn(), root)?
            .into_iter()
            .filter(|m| m.left_on.is_some())
            .collect(),
        Standing::All => members::all_with_left(store.conn(), root)?,
    };
    crate::vietnamese::sort_by_name(&mut list, |m| &m.full_name);
    Ok(list)
}

/// The search keys of `list`, aligned with it.
pub fn index_of(list: &[Member]) -> SearchIndex {
    let mut index = SearchIndex::with_capacity(list.len());
    for m in list {
        index.push(&m.full_name, m.phone.as_deref());
    }
    index
}

/// Indices into `list` (with its `index`) that `filter` keeps and `query` finds: ranked by the
/// search, or in name order when nothing is typed.
pub fn matching(
    list: &[Member],
    index: &SearchIndex,
    filter: &MemberFilter,
    query: &str,
) -> Vec<u32> {
    let q = Query::new(query);
    let rows: Vec<u32> = if q.is_empty() {
        (0..list.len() as u32).collect()
    } else {
        q.rank(index)
    };
    if filter.is_empty() {
        return rows;
    }
    rows.into_iter()
        .filter(|&i| filter.keeps(&list[i as usize]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: i64, role: Role, trained: bool, team: i64) -> Member {
        Member {
            id,
            full_name: format!("Người {id}"),
            year_of_birth: None,
            gender: None,
            phone: None,
            email: None,
            position: None,
            trained,
            team_id: team,
            role,
            joined_on: None,
            left_on: None,
        }
    }

    #[test]
    fn each_filter_narrows_and_they_combine() {
        let list = vec![
            member(1, Role::Leader, true, 10),
            member(2, Role::Deputy, false, 10),
            member(3, Role::Deputy, true, 11),
            member(4, Role::Member, false, 11),
        ];
        let index = index_of(&list);
        let ids = |f: &MemberFilter, q: &str| -> Vec<i64> {
            matching(&list, &index, f, q)
                .into_iter()
                .map(|i| list[i as usize].id)
                .collect()
        };
        let all = MemberFilter::default();
        assert_eq!(ids(&all, ""), vec![1, 2, 3, 4]);
        let deputies = MemberFilter {
            role: Some(Role::Deputy),
            ..MemberFilter::default()
        };
        assert_eq!(ids(&deputies, ""), vec![2, 3]);
        let untrained_deputies = MemberFilter {
            trained: Some(false),
            ..deputies.clone()
        };
        assert_eq!(ids(&untrained_deputies, ""), vec![2]);
        let team = MemberFilter {
            teams: Some(BTreeSet::from([11])),
            ..deputies
        };
        assert_eq!(ids(&team, ""), vec![3]);
        assert_eq!(ids(&all, "người 4"), vec![4]);
        assert!(ids(&team, "người 4").is_empty());
    }
}
