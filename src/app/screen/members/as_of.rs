//! «Xem theo ngày»: the member list as it stood on a chosen date (the membership rows active on
//! that date, `ops::lifecycle::members_on`, the query `list members --as-of` runs), with its own
//! search keys so the search and the count work on it as on today's list.

use chrono::NaiveDate;

use crate::model::Member;
use crate::vietnamese::search::SearchIndex;

/// The words of the date field.
pub const LABEL: &str = "Xem theo ngày";
pub const HINT: &str = "ngày/tháng/năm";
pub const SHOW: &str = "Xem";
pub const TODAY: &str = "Hôm nay";
pub const BAD_DATE: &str = "Ngày không hợp lệ: hãy ghi theo dạng ngày/tháng/năm.";

/// «… thành viên vào ngày 01/6/2025».
pub fn note(date: NaiveDate) -> String {
    format!("theo ngày {}", crate::vietnamese::date_short(date))
}

/// The list on a past date.
#[derive(Debug, Default)]
pub struct AsOf {
    /// The date.
    pub date: NaiveDate,
    /// The members on their teams that day, in name order.
    pub members: Vec<Member>,
    /// Their search keys, aligned with `members`.
    pub index: SearchIndex,
}

impl AsOf {
    /// The list of `date` from `members` (already in name order).
    pub fn new(date: NaiveDate, members: Vec<Member>) -> AsOf {
        let mut index = SearchIndex::with_capacity(members.len());
        for m in &members {
            index.push(&m.full_name, m.phone.as_deref());
        }
        AsOf {
            date,
            members,
            index,
        }
    }

    /// A member of that day's list.
    pub fn member(&self, id: i64) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }
}
