//! The words of Danh sách Tổ (the clerk's Vietnamese) and its filter choices.

use crate::model::TeamKind;

/// The words of the tab (the clerk's Vietnamese).
pub const TAB_MEMBERS: &str = "Thành viên";
pub const TAB_TEAMS: &str = "Danh sách Tổ";
pub const SEARCH: &str = "Tìm Tổ theo tên thôn, xã…";
pub const ALL_COMMUNES: &str = "Tất cả các xã";
pub const BROKEN_ONLY: &str = "Chỉ Tổ chưa đúng quy định";
pub const COL_TEAM: &str = "Tổ";
pub const COL_UNIT: &str = "Đơn vị";
pub const COL_KIND: &str = "Loại";
pub const COL_SIZE: &str = "Số TV";
pub const COL_DECISION: &str = "Quyết định";
pub const NEW: &str = "Tạo Tổ";
pub const EDIT: &str = "Sửa Tổ";
pub const MERGE: &str = "Hợp nhất vào Tổ khác";
pub const RECORD: &str = "Ghi nhận quyết định";
pub const SHOW_MEMBERS: &str = "Xem thành viên";
/// The menu of a team row (an ellipsis where a form opens).
pub const MENU_EDIT: &str = "Sửa tên, loại Tổ, nhóm Zalo…";
pub const MENU_RECORD: &str = "Ghi nhận quyết định…";
pub const MENU_MERGE: &str = "Hợp nhất vào Tổ khác…";
pub const MENU_MEMBERS: &str = "Mở danh sách thành viên";
pub const NONE_SELECTED: &str = "Chọn một Tổ trong danh sách để xem quyết định và quá trình.";
pub const NO_DECISION: &str = "Chưa ghi nhận quyết định thành lập.";
pub const DECISIONS: &str = "Quyết định của Tổ";
pub const HISTORY: &str = "Quá trình của Tổ";
pub const F_UNIT: &str = "Đơn vị (thôn, xã) của Tổ";
pub const F_UNIT_SEARCH: &str = "Gõ tên thôn hoặc xã…";
pub const F_KIND: &str = "Loại Tổ";
pub const F_NAME: &str = "Tên Tổ";
pub const F_NAME_HINT: &str = "Để trống: tên thường dùng theo loại Tổ";
pub const F_ZALO: &str = "Nhóm Zalo (https://zalo.me/…)";
pub const F_DATE: &str = "Từ ngày (ngày/tháng/năm)";
pub const F_SURVIVOR: &str = "Tổ còn lại (nhận thành viên và giữ quá trình)";
pub const F_SURVIVOR_SEARCH: &str = "Gõ tên thôn của Tổ còn lại…";
pub const F_NUMBER: &str = "Số, ký hiệu (ví dụ 86/QĐ-UBND)";
pub const F_ISSUED: &str = "Ngày ban hành (ngày/tháng/năm)";
pub const F_SIGNER: &str = "Người ký hoặc cơ quan ban hành";
pub const F_SUMMARY: &str = "Trích yếu";
pub const F_CONSOLIDATES: &str = "Đây là quyết định kiện toàn (không phải thành lập)";
pub const NEED_UNIT: &str = "Hãy chọn đơn vị của Tổ.";
pub const NEED_TEAM: &str = "Hãy chọn Tổ còn lại.";
pub const NEED_NUMBER: &str = "Hãy ghi số, ký hiệu của quyết định.";
pub const SAME_TEAM: &str = "Không thể hợp nhất một Tổ vào chính nó.";
pub const BAD_DATE: &str = "Ngày không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 01/06/2025.";

/// «Áp dụng cho mọi Tổ của Xã …».
pub fn whole_commune(commune: &str) -> String {
    format!("Áp dụng cho mọi Tổ của {commune}")
}

/// The question before a merger.
pub fn confirm_merge(from: &str, into: &str, date: &str) -> String {
    format!(
        "Hợp nhất {from} vào {into} từ ngày {date}? Thành viên chuyển sang Tổ còn lại; Tổ được hợp nhất không còn trong danh sách."
    )
}

/// A decision known only by the number (and date) a roster gave the team.
pub fn decision_from_list(number: &str, date: Option<chrono::NaiveDate>) -> String {
    let on = date
        .map(|d| format!(" ngày {}", crate::vietnamese::date_short(d)))
        .unwrap_or_default();
    format!(
        "Quyết định {number}{on} (theo danh sách Tổ): chưa ghi trích yếu, người ký; bấm «{RECORD}» để ghi đủ."
    )
}

/// How many teams are listed.
pub fn team_count(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} Tổ")
    } else {
        format!("{shown} trong {total} Tổ")
    }
}

/// A filter on the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KindFilter {
    #[default]
    All,
    Only(TeamKind),
}

impl std::fmt::Display for KindFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KindFilter::All => f.write_str("Mọi loại Tổ"),
            KindFilter::Only(k) => f.write_str(k.label()),
        }
    }
}

/// The kind filters, as the pick list shows them.
pub const KIND_FILTERS: [KindFilter; 3] = [
    KindFilter::All,
    KindFilter::Only(TeamKind::Cnscd),
    KindFilter::Only(TeamKind::CnscdDeAn06),
];

/// A filter on the recorded decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecisionFilter {
    #[default]
    All,
    With,
    Without,
}

impl std::fmt::Display for DecisionFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DecisionFilter::All => "Có hoặc chưa có QĐ",
            DecisionFilter::With => "Đã có quyết định",
            DecisionFilter::Without => "Chưa có quyết định",
        })
    }
}

/// The decision filters, as the pick list shows them.
pub const DECISION_FILTERS: [DecisionFilter; 3] = [
    DecisionFilter::All,
    DecisionFilter::With,
    DecisionFilter::Without,
];
