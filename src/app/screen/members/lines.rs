//! The member screen's lines and words: team suggestions, history lines as the panels show them
//! (who, what, when, by which decision), and the questions and toasts of the actions.

use crate::app::text as t;
use crate::ops::registry::{HistoryLine, Registry};
use crate::ops::{self};
use crate::vietnamese::date_short;

/// How many team suggestions a form shows.
const TEAM_SUGGESTIONS: usize = 6;

/// The teams whose label matches `query`, at most a few: a scan of the precomputed keys.
pub fn find_teams(reg: &Registry, query: &str) -> Vec<(i64, String)> {
    let q = crate::vietnamese::search::Query::new(query);
    if q.is_empty() {
        return Vec::new();
    }
    q.rank(&reg.team_index)
        .into_iter()
        .take(TEAM_SUGGESTIONS)
        .map(|i| {
            (
                reg.teams[i as usize].id,
                reg.team_labels[i as usize].clone(),
            )
        })
        .collect()
}

/// The question before a half-typed form is thrown away.
pub fn t_discard() -> String {
    "Bỏ những gì đã nhập trong biểu mẫu? Chọn «Hủy» để tiếp tục sửa.".into()
}

/// Who a bulk action applies to.
pub fn t_bulk_who(n: usize) -> String {
    format!("{n} thành viên đã chọn")
}

/// The toast after a delete.
pub fn t_deleted(name: &str) -> String {
    format!("Đã xóa {name} (nhập nhầm).")
}

/// The toast after an undone departure.
pub fn t_restored(name: &str) -> String {
    format!("Đã hoàn tác việc rời Tổ của {name}.")
}

/// A history event as the panel shows it: when, what, by which decision.
pub fn event_line(e: &ops::lifecycle::Event) -> String {
    let when =
        e.on.map(date_short)
            .unwrap_or_else(|| t::HISTORY_UNKNOWN.into());
    match &e.decision {
        Some(d) => format!("{when}: {} (QĐ {d})", e.what),
        None => format!("{when}: {}", e.what),
    }
}

/// A history line as the panel shows it: who, which role, from when to when.
pub fn history_line(h: &HistoryLine) -> String {
    let day = |d: Option<chrono::NaiveDate>, none: &str| d.map(date_short).unwrap_or(none.into());
    t::history_line(
        &h.name,
        h.role.label(),
        &day(h.joined, t::HISTORY_UNKNOWN),
        &day(h.left, t::HISTORY_NOW),
    )
}
