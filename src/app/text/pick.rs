//! The words of the unit and period pickers and of the indicator grid.

// Unit picker.
pub const UNIT_NONE: &str = "Chưa chọn đơn vị";
pub const UNIT_SEARCH: &str = "Tìm đơn vị: tên hoặc mã (không cần dấu)…";
pub const UNIT_NO_MATCH: &str = "Không có đơn vị nào khớp.";

// Period picker.
pub const SPAN_YEAR: &str = "Năm";
pub const SPAN_HALF: &str = "6 tháng";
pub const SPAN_QUARTER: &str = "Quý";
pub const SPAN_MONTH: &str = "Tháng";
pub const HALF_FIRST: &str = "6 tháng đầu năm";
pub const HALF_SECOND: &str = "6 tháng cuối năm";
pub const PERIOD_TYPED_HINT: &str = "gõ kỳ: Quý 3/2026";
pub const PERIOD_TYPED_INVALID: &str =
    "Không đọc được kỳ; ví dụ: «Quý 3/2026», «6 tháng đầu năm 2026», «tháng 5/2026», «2026».";
pub const YEAR_ONLY: &str = "Ở đây chỉ chọn năm, ví dụ: 2026.";

// Indicator grid.
pub const GRID_HINT: &str = "Tab, →: ô bên phải; Shift+Tab, ←: ô bên trái; Enter, ↓: ô dưới; ↑: ô trên. Tổng cộng tính ngay khi gõ.";
pub const GRID_BAD_VALUE: &str = "Ô tô đỏ chưa phải số hợp lệ (số nguyên không âm, ví dụ 1.200).";

/// Under the grid on a short screen: what the lists hold (the button beside it opens them).
pub fn report_compact(missing: usize, behind: usize) -> String {
    let missing = match missing {
        0 => "Các đơn vị trực thuộc đã báo cáo đủ".to_string(),
        n => format!("{n} đơn vị trực thuộc chưa báo cáo"),
    };
    match behind {
        0 => format!("{missing}."),
        n => format!("{missing}; {n} chỉ tiêu chậm so với kế hoạch."),
    }
}
pub const REPORT_LISTS_SHOW: &str = "Xem danh sách và kết quả";
pub const REPORT_LISTS_HIDE: &str = "Ẩn danh sách";
