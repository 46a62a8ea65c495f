//! Every user-facing string of the window, in Vietnamese, in one place: a clerk's vocabulary
//! changes here and nowhere else. Strings that take values are small functions.

pub mod guide;
pub mod pick;

/// A count with «.» between thousands, as the documents write numbers.
fn thousands(n: usize) -> String {
    crate::vietnamese::format_number(i64::try_from(n).unwrap_or(i64::MAX))
}

pub const APP_TITLE: &str = "Tổ Công nghệ số cộng đồng";

// Navigation.
pub const NAV_OVERVIEW: &str = "Tổng quan";
pub const NAV_UNITS: &str = "Đơn vị";
pub const NAV_MEMBERS: &str = "Tổ và thành viên";
pub const NAV_DOCUMENTS: &str = "Văn bản";
pub const NAV_REPORTS: &str = "Chỉ tiêu và báo cáo";
pub const NAV_SIGNING: &str = "Ký số";
pub const NAV_SETTINGS: &str = "Cài đặt";
pub const NAV_GUIDE: &str = "Hướng dẫn";

// Shell.
pub const LOADING: &str = "Đang mở dữ liệu…";
pub const OFFICE_UNSET: &str = "Chưa khai báo cơ quan";
pub const CANCEL: &str = "Hủy";
pub const CLOSE: &str = "Đóng";
pub const CONFIRM: &str = "Đồng ý";
pub const SAVE: &str = "Lưu";
pub const JOB_STOPPING: &str = "Đang dừng, chờ ghi lại phần đã làm…";
pub const DIALOG_NO_PORTAL: &str = "Không mở được hộp thoại chọn tệp của hệ thống (máy chưa có \
xdg-desktop-portal hoặc zenity).";
pub const DIALOG_OPEN_NOW: &str = "Hộp thoại chọn tệp đang mở. Hãy chọn tệp hoặc đóng hộp thoại để \
tiếp tục.";
pub const PATH_FIELD_HINT: &str = "Gõ hoặc dán đường dẫn đầy đủ vào ô dưới đây:";
pub const PATH_CHOOSE: &str = "Chọn";
pub const PATH_EMPTY: &str = "Chưa nhập đường dẫn.";

pub fn path_missing(p: &std::path::Path) -> String {
    format!("Không có tệp {}.", p.display())
}

pub fn path_wrong_type(p: &std::path::Path, exts: &[String]) -> String {
    let exts: Vec<String> = exts.iter().map(|e| format!(".{e}")).collect();
    format!("{} không phải tệp {}.", p.display(), exts.join(" hoặc "))
}

pub fn path_no_folder(p: &std::path::Path) -> String {
    format!("Không có thư mục {}.", p.display())
}

pub fn path_not_folder(p: &std::path::Path) -> String {
    format!("{} là một tệp, không phải thư mục.", p.display())
}

pub fn reveal_failed(p: &std::path::Path, reason: &str) -> String {
    format!("Không mở được {}: {reason}", p.display())
}

pub const KEEP_EDITING: &str = "Tiếp tục sửa";
pub const DISCARD_CHANGES: &str = "Bỏ thay đổi";
pub const KEEP_WORKING: &str = "Tiếp tục chờ";
pub const STOP_AND_CLOSE: &str = "Dừng và đóng";

pub fn unsaved_question(screen: &str) -> String {
    format!("Màn hình «{screen}» còn nội dung đã nhập nhưng chưa lưu. Bỏ các thay đổi này?")
}

pub fn job_close_question(job: &str) -> String {
    format!(
        "«{job}» đang chạy. Đóng cửa sổ bây giờ sẽ dừng công việc; phần đã làm xong \
         được ghi vào sổ trước khi cửa sổ đóng."
    )
}

/// The quarter as the documents write it: `Kỳ báo cáo: quý IV năm 2026`.
pub fn period_line(quarter: u32, year: i32) -> String {
    let q = u8::try_from(quarter.clamp(1, 4)).unwrap_or(1);
    format!(
        "Kỳ báo cáo: {}",
        crate::ops::Period::Quarter(year, q).label()
    )
}

pub fn job_running(label: &str, seconds: u64) -> String {
    format!("{label} ({seconds} giây)")
}

// Database error screen.
pub const DB_ERROR_TITLE: &str = "Không mở được cơ sở dữ liệu";
pub const DB_ERROR_PATH: &str = "Tệp dữ liệu:";
pub const DB_ERROR_REASON: &str = "Lý do:";
pub const DB_ERROR_HINT: &str = "Hãy kiểm tra thư mục dữ liệu (quyền ghi, dung lượng đĩa) rồi bấm «Thử lại». \
Nếu tệp bị hỏng, có thể khôi phục từ một bản sao lưu trong thư mục backups.";
pub const OPEN_FOLDER: &str = "Mở thư mục";
pub const RETRY: &str = "Thử lại";

// First start.
pub const WELCOME_TITLE: &str = "Chào mừng! Cơ sở dữ liệu còn trống.";
pub const WELCOME_INTRO: &str = "Chọn một cách để bắt đầu:";
pub const WELCOME_OFFICE: &str = "Khai báo thông tin cơ quan";
pub const WELCOME_OFFICE_HINT: &str = "Tên cơ quan, nơi ban hành, người ký: dùng cho mọi văn bản.";
pub const WELCOME_IMPORT: &str = "Nhập danh sách từ Excel";
pub const WELCOME_IMPORT_HINT: &str =
    "Nhập đơn vị, tổ và thành viên từ tệp XLSX hoặc CSV đang dùng.";
pub const WELCOME_SAMPLE_TITLE: &str = "Dùng thử với dữ liệu mẫu";
pub const WELCOME_SAMPLE: &str = "Tạo dữ liệu mẫu";
pub const WELCOME_SAMPLE_HINT: &str = "Dữ liệu giả lập để làm quen với phần mềm; chọn quy mô:";
pub const SAMPLE_RUNNING: &str = "Đang tạo dữ liệu mẫu";

pub fn sample_done(units: usize, teams: usize, members: usize) -> String {
    format!(
        "Đã tạo dữ liệu mẫu: {units} đơn vị, {teams} tổ, {members} thành viên.",
        units = crate::vietnamese::format_number(units as i64),
        teams = crate::vietnamese::format_number(teams as i64),
        members = crate::vietnamese::format_number(members as i64),
    )
}

pub fn scale_label(scale: crate::ops::sample::Scale) -> String {
    use crate::ops::sample::Scale;
    match scale {
        Scale::Commune => "Một xã (khoảng 90 thành viên)".into(),
        Scale::District => "Một huyện (khoảng 1.300 thành viên)".into(),
        Scale::Province => "Một tỉnh (khoảng 24.300 thành viên)".into(),
        Scale::National => "Toàn quốc (khoảng 348.000 thành viên)".into(),
    }
}

// Overview.
pub const COUNT_UNITS: &str = "Đơn vị";
pub const COUNT_TEAMS: &str = "Tổ CNSCĐ";
pub const COUNT_MEMBERS: &str = "Thành viên";
pub const COUNT_TRAINED: &str = "Đã tập huấn";
pub const CHART_PER_COMMUNE: &str = "Số tổ và thành viên theo xã";
pub const CHART_TEAMS: &str = "Tổ";
pub const CHART_MEMBERS: &str = "Thành viên";
pub const CHART_EMPTY: &str = "Chưa có số liệu để vẽ biểu đồ.";
pub const WARNINGS_TITLE: &str = "Tổ cần rà soát thành phần";
pub const WARNINGS_NONE: &str = "Không có tổ nào cần rà soát.";
pub const DEADLINES_TITLE: &str = "Hạn báo cáo và đơn vị chưa báo cáo";
pub const DEADLINES_PENDING: &str = "Hạn báo cáo sẽ hiện ở đây khi có số liệu chỉ tiêu của kỳ.";

pub fn more_items(n: usize) -> String {
    format!(
        "… và {} mục khác",
        crate::vietnamese::format_number(n as i64)
    )
}

pub fn chart_more(n: usize) -> String {
    format!(
        "Biểu đồ hiển thị các xã có nhiều thành viên nhất; còn {} xã khác.",
        thousands(n)
    )
}

// Units.
pub const UNITS_SEARCH: &str = "Tìm đơn vị (gõ không dấu cũng được)…";
pub const UNIT_ADD: &str = "Thêm đơn vị trực thuộc";
pub const UNIT_ADD_ROOT: &str = "Thêm đơn vị";
pub const UNIT_IMPORT: &str = "Nhập đơn vị từ Excel…";
pub const UNIT_RENAME: &str = "Đổi tên";
pub const UNIT_MOVE: &str = "Chuyển sang đơn vị khác";
pub const UNIT_MERGE: &str = "Sáp nhập vào…";
pub const UNIT_NAME: &str = "Tên đơn vị";
pub const UNIT_LEVEL: &str = "Cấp";
pub const UNIT_NEW_PARENT: &str = "Đơn vị cấp trên mới";
pub const UNIT_SURVIVOR: &str = "Đơn vị tiếp nhận (còn lại sau sáp nhập)";
pub const UNIT_MERGE_DATE: &str = "Ngày sáp nhập (dd/mm/yyyy)";
pub const UNIT_NONE_SELECTED: &str = "Chọn một đơn vị trong cây để xem và sửa.";
pub const UNIT_PICK_HINT: &str = "Gõ để tìm rồi chọn một đơn vị:";
pub const UNIT_MERGED: &str = "Đã sáp nhập";
pub const REQUIRED: &str = "Bắt buộc nhập.";
pub const DATE_INVALID: &str = "Ngày không hợp lệ; nhập theo dạng 05/03/2025.";
pub const PICK_UNIT: &str = "Hãy chọn một đơn vị.";
pub const SAME_UNIT: &str = "Không thể chọn chính đơn vị này.";

pub fn unit_children(n: usize) -> String {
    format!("{} đơn vị trực thuộc", thousands(n))
}

pub fn unit_teams(n: usize) -> String {
    format!("{} tổ", thousands(n))
}

pub fn unit_code(code: &str) -> String {
    format!("Mã: {code}")
}

pub fn unit_merged_into(name: &str, date: &str) -> String {
    format!("Đã sáp nhập vào {name} từ ngày {date}")
}

pub fn merge_confirm(from: &str, into: &str, date: &str) -> String {
    format!(
        "Sáp nhập {from} vào {into} từ ngày {date}? Các tổ và đơn vị trực thuộc chuyển sang {into}; \
         lịch sử được giữ lại."
    )
}

pub fn unit_saved(name: &str) -> String {
    format!("Đã lưu {name}.")
}

// Members.
pub const MEMBERS_SEARCH: &str = "Tìm theo họ tên hoặc số điện thoại (gõ không dấu cũng được)…";
pub const MEMBER_NEW: &str = "Thêm thành viên";
pub const MEMBER_IMPORT: &str = "Nhập từ Excel…";
pub const MEMBER_EXPORT: &str = "Xuất Excel…";
pub const MEMBER_NAME: &str = "Họ và tên";
pub const MEMBER_YEAR: &str = "Năm sinh";
pub const MEMBER_GENDER: &str = "Giới tính";
pub const MEMBER_PHONE: &str = "Số điện thoại";
pub const MEMBER_EMAIL: &str = "Email";
pub const MEMBER_POSITION: &str = "Chức vụ, đơn vị công tác";
pub const MEMBER_TRAINED: &str = "Đã tập huấn";
pub const MEMBER_TEAM: &str = "Tổ";
pub const MEMBER_ROLE: &str = "Vai trò";
pub const MEMBER_TEAM_SEARCH: &str = "Gõ tên thôn hoặc tổ…";
pub const MEMBER_NONE_SELECTED: &str =
    "Chọn một thành viên để xem chi tiết, quá trình của Tổ và cảnh báo.";
pub const MEMBER_HISTORY: &str = "Quá trình của Tổ";
pub const MEMBER_WARNINGS: &str = "Cảnh báo thành phần Tổ";
pub const MEMBER_NO_WARNINGS: &str = "Thành phần tổ đạt yêu cầu.";
pub const COL_NAME: &str = "Họ và tên";
pub const COL_YEAR: &str = "Năm sinh";
pub const COL_ROLE: &str = "Vai trò";
pub const COL_PHONE: &str = "Điện thoại";
pub const COL_TEAM: &str = "Tổ";
pub const PHONE_INVALID: &str = "Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0.";
pub const EMAIL_INVALID: &str = "Email không hợp lệ.";
pub const TEAM_REQUIRED: &str = "Hãy chọn tổ.";
pub const IMPORT_PREVIEW_TITLE: &str = "Kiểm tra tệp trước khi nhập";
pub const IMPORT_PREVIEW_OK: &str = "Không phát hiện lỗi. Bấm \"Nhập\" để ghi vào cơ sở dữ liệu.";
pub const IMPORT_PREVIEW_BAD: &str = "Tệp có lỗi; chưa có gì được ghi. Sửa tệp rồi chọn lại.";
pub const IMPORT_COMMIT: &str = "Nhập";
pub const IMPORT_RUNNING: &str = "Đang kiểm tra tệp";
pub const IMPORT_READ_TITLE: &str = "Bảng như chương trình đọc được";
pub const IMPORT_UNSETTLED: &str =
    "Chương trình chưa nhận ra bảng: hãy chỉ rõ cột (Cột … là …) hoặc dòng tiêu đề.";
pub const IMPORT_COLUMN: &str = "Cột";
pub const IMPORT_COLUMN_IS: &str = "là";
pub const IMPORT_LEAVE_OUT: &str = "(bỏ qua cột này)";
pub const IMPORT_ASSIGN: &str = "Gán cột";
pub const IMPORT_HEADER_ROW: &str = "Dòng tiêu đề";
pub const IMPORT_HEADER_PLACEHOLDER: &str = "ví dụ 9 hoặc 7-8";
pub const IMPORT_SET_HEADER: &str = "Đặt";
pub const IMPORT_SHEET: &str = "Trang tính";
pub const IMPORT_LINE: &str = "Dòng";
pub const IMPORT_NOT_READ: &str = "—";
pub const EXPORT_RUNNING: &str = "Đang xuất danh sách";
pub const EXPORT_EMPTY: &str = "Chưa có thành viên nào để xuất.";
pub const ROLE_ANY: &str = "Mọi vai trò";

pub fn year_invalid(years: std::ops::RangeInclusive<i32>) -> String {
    format!("Năm sinh từ {} đến {}.", years.start(), years.end())
}

pub fn member_count(shown: usize, total: usize) -> String {
    use crate::vietnamese::format_number;
    if shown == total {
        format!("{} thành viên", format_number(total as i64))
    } else {
        format!(
            "Đang hiện {}/{} thành viên",
            format_number(shown as i64),
            format_number(total as i64)
        )
    }
}

pub fn member_saved(name: &str) -> String {
    format!("Đã thêm {name}.")
}

pub fn history_line(name: &str, role: &str, from: &str, to: &str) -> String {
    format!("{name} – {role}: {from} → {to}")
}

pub const HISTORY_NOW: &str = "nay";
pub const HISTORY_UNKNOWN: &str = "?";

pub fn problem_line(row: usize, column: &str, message: &str) -> String {
    if row == 0 {
        message.to_string()
    } else if column.is_empty() {
        format!("Dòng {row}: {message}")
    } else {
        format!("Dòng {row}, cột {column}: {message}")
    }
}

pub fn exported(path: &std::path::Path) -> String {
    format!("Đã lưu {}.", path.display())
}

// Screens whose library part is still being built.
pub const DOCUMENTS_PENDING: &str =
    "Sổ văn bản, soạn thảo, xem trước và xuất PDF/DOCX sẽ mở ở đây.";
pub const REPORTS_PENDING: &str = "Bảng nhập chỉ tiêu, tổng hợp và xuất phụ lục XLSX sẽ mở ở đây.";
pub const SIGNING_PENDING: &str =
    "Ký số bằng tệp .p12 hoặc USB token và kiểm tra chữ ký sẽ mở ở đây.";
pub const PENDING_NOTE: &str = "Chức năng này đang được hoàn thiện trong phiên bản này.";

// Settings.
pub const SETTINGS_OFFICE: &str = "Thông tin cơ quan";
pub const SETTINGS_SIGNER: &str = "Người ký";
pub const SETTINGS_SYMBOLS: &str = "Ký hiệu văn bản";
pub const SETTINGS_FOLDERS: &str = "Thư mục";
pub const SETTINGS_BACKUP: &str = "Sao lưu";
pub const OFFICE_PARENT: &str = "Cơ quan chủ quản";
pub const OFFICE_ISSUING: &str = "Cơ quan ban hành";
pub const OFFICE_PLACE: &str = "Địa danh";
pub const OFFICE_SYMBOL: &str = "Chữ viết tắt tên cơ quan (ký hiệu)";
pub const OFFICE_DRAFTING: &str = "Đơn vị soạn thảo";
pub const OFFICE_HEAD: &str = "Chức danh thủ trưởng";
pub const OFFICE_SIGNER_TITLE: &str = "Chức danh người ký";
pub const OFFICE_SIGNER_NAME: &str = "Họ tên người ký";
pub const OFFICE_REPORT_TO: &str = "Nơi nhận báo cáo";
pub const OFFICE_FOCAL_NAME: &str = "Đầu mối: họ tên";
pub const OFFICE_FOCAL_PHONE: &str = "Đầu mối: điện thoại";
pub const OFFICE_FOCAL_EMAIL: &str = "Đầu mối: email";
pub const OFFICE_SAVED: &str = "Đã lưu thông tin cơ quan.";
pub const SETTINGS_FOCAL: &str = "Cán bộ đầu mối";
pub const FOCAL_EXPORT: &str = "Xuất danh sách đầu mối các xã (Excel)…";
pub const FOCAL_FILE: &str = "danh-sach-dau-moi.xlsx";
pub const FOCAL_NO_UNIT: &str =
    "Chọn «Đơn vị của cơ quan» rồi lưu, để xuất đầu mối của các xã, phường thuộc đơn vị.";

/// After the focal-point table was written.
pub fn focal_exported(n: usize, path: &std::path::Path) -> String {
    format!("Đã xuất đầu mối của {n} xã, phường vào {}.", path.display())
}
pub const OFFICE_OWN_UNIT: &str = "Đơn vị của cơ quan";
pub const OFFICE_OWN_UNIT_NONE: &str = "Chọn xã, huyện hoặc tỉnh cơ quan phụ trách";
pub const OFFICE_PROPOSER: &str = "Người đề nghị (câu «Theo đề nghị của …»)";
pub const OFFICE_AUTHORITY: &str = "Thẩm quyền ban hành (để trống: chức danh thủ trưởng + cơ quan)";
pub const OFFICE_COLLECTIVE: &str = "Tập thể (dòng «TM. …»)";
pub const OFFICE_FOCAL_TITLE: &str = "Đầu mối: chức vụ";
pub const OFFICE_SIGNING_MODE: &str = "Hình thức ký";
pub const OFFICE_DEPUTIES: &str = "Cấp phó ký thay (KT.)";
pub const OFFICE_DEPUTY_TITLE: &str = "Chức danh (PHÓ CHỦ TỊCH)";
pub const OFFICE_DEPUTY_NAME: &str = "Họ và tên";
pub const OFFICE_DEPUTY_ADD: &str = "Thêm cấp phó";
pub const OFFICE_DEPUTY_REMOVE: &str = "Bỏ";
pub const OFFICE_DEPUTIES_HINT: &str =
    "Khi soạn văn bản, chọn ở ô «Người ký» cấp phó nào ký thay thủ trưởng.";
pub const OFFICE_SIGNING_HINT: &str =
    "KT.: cấp phó ký thay thủ trưởng; TM.: thay mặt tập thể; Q.: quyền thủ trưởng.";

/// A signing mode as the settings picker names it.
pub fn signing_mode(m: crate::model::SigningMode) -> &'static str {
    use crate::model::SigningMode as S;
    match m {
        S::Direct => "Thủ trưởng ký trực tiếp",
        S::Kt => "KT. — cấp phó ký thay",
        S::TmKt => "TM. và KT. — cấp phó ký thay, thay mặt tập thể",
        S::Tm => "TM. — thay mặt tập thể",
        S::Q => "Q. — quyền thủ trưởng",
        S::Tl => "TL. — thừa lệnh",
        S::Tuq => "TUQ. — thừa ủy quyền",
    }
}
pub const TEMPLATES_FOLDER: &str = "Mẫu văn bản";
pub const TRUST_FOLDER: &str = "Chứng thư tin cậy (kiểm tra chữ ký)";
pub const DATA_FOLDER: &str = "Thư mục dữ liệu";
pub const OPEN: &str = "Mở";
pub const TEMPLATES_RESET: &str = "Khôi phục mẫu gốc";
pub const TEMPLATES_RESET_CONFIRM: &str =
    "Chép đè các mẫu gốc vào thư mục mẫu văn bản? Mẫu đã sửa cùng tên sẽ bị thay thế.";
pub const BACKUP_NOW: &str = "Sao lưu ngay";
pub const BACKUP_RESTORE: &str = "Khôi phục từ bản sao lưu…";
pub const BACKUP_AUTO: &str = "Mỗi ngày phần mềm tự sao lưu khi mở và giữ 30 ngày gần nhất.";
pub const BACKUP_RUNNING: &str = "Đang sao lưu";
pub const RESTORE_RUNNING: &str = "Đang khôi phục";
pub const RESTORE_CONFIRM: &str = "Khôi phục sẽ thay toàn bộ dữ liệu hiện tại bằng bản sao lưu đã chọn \
(dữ liệu hiện tại được giữ lại một bản trong thư mục backups). Tiếp tục?";

pub fn backup_done(path: &std::path::Path) -> String {
    format!("Đã sao lưu vào {}.", path.display())
}

/// The window noticed a restore made by `cnscd restore` or another window, and reloaded.
pub const RESTORED_ELSEWHERE: &str = "Dữ liệu đã được khôi phục từ bản sao lưu (bằng cửa sổ khác \
hoặc lệnh cnscd restore) — đã tải lại.";

pub fn restore_done(kept: Option<&std::path::Path>) -> String {
    match kept {
        Some(p) => format!("Đã khôi phục. Dữ liệu cũ được giữ ở {}.", p.display()),
        None => "Đã khôi phục.".into(),
    }
}

pub fn templates_reset_done(n: usize) -> String {
    format!("Đã khôi phục {} mẫu gốc.", thousands(n))
}

// Dialog titles and filters.
pub const DIALOG_OPEN_SHEET: &str = "Chọn tệp Excel";
pub const DIALOG_SAVE_SHEET: &str = "Lưu danh sách";
pub const DIALOG_OPEN_BACKUP: &str = "Chọn bản sao lưu";
pub const FILTER_SHEET: &str = "Bảng tính";
pub const FILTER_DB: &str = "Cơ sở dữ liệu cnscd";
pub const DEFAULT_EXPORT_NAME: &str = "danh-sach-thanh-vien.xlsx";

// Indicators and reports.
pub const REPORT_PERIOD: &str = "Kỳ báo cáo";
pub const REPORT_UNIT: &str = "Đơn vị tổng hợp";
pub const REPORT_GRID: &str = "Nhập số liệu theo đơn vị";
pub const REPORT_TOTAL: &str = "Tổng cộng";
pub const REPORT_MISSING: &str = "Đơn vị chưa báo cáo";
pub const REPORT_MISSING_NONE: &str = "Tất cả đơn vị đã báo cáo.";
pub const REPORT_CONFLICTS: &str = "Số tổng không khớp với cộng các đơn vị trực thuộc";
pub const REPORT_TARGETS: &str = "Kết quả so với kế hoạch năm";
pub const REPORT_TARGETS_NONE: &str = "Chưa có chỉ tiêu kế hoạch cho năm này.";
pub const REPORT_UNIT_COL: &str = "Đơn vị";
pub const REPORT_SAVE: &str = "Lưu số liệu";
pub const REPORT_DISCARD: &str = "Bỏ thay đổi";
pub const REPORT_LOADING: &str = "Đang tổng hợp…";
pub const REPORT_NO_CHILDREN: &str = "Đơn vị này không có đơn vị trực thuộc để nhập số liệu.";
pub const VALUE_INVALID: &str = "Chỉ nhập số nguyên không âm.";
pub const CHART_TARGET: &str = "Kế hoạch";
pub const CHART_ACHIEVED: &str = "Đã đạt";
pub const CHART_TARGETS_TITLE: &str = "Kết quả chỉ tiêu so với kế hoạch năm";

pub fn report_title(unit: &str, period: &str) -> String {
    format!("{unit} – {period}")
}

pub fn deadline_line(date: &str) -> String {
    format!("Hạn báo cáo của đơn vị trực thuộc: {date}")
}

pub fn values_saved(n: usize) -> String {
    format!("Đã lưu {} số liệu.", thousands(n))
}

pub fn conflict_line(unit: &str, label: &str, stored: i64, children: i64) -> String {
    use crate::vietnamese::format_number;
    format!(
        "{unit}, {label}: báo cáo {} nhưng cộng các đơn vị trực thuộc là {}",
        format_number(stored),
        format_number(children)
    )
}

pub fn progress_line(label: &str, achieved: i64, target: i64, percent: Option<f64>) -> String {
    use crate::vietnamese::{format_number, format_percent};
    let pct = percent
        .map(|p| format!(" ({})", format_percent(p)))
        .unwrap_or_default();
    format!(
        "{label}: {} / {}{pct}",
        format_number(achieved),
        format_number(target)
    )
}

pub fn late_units(period: &str, n: usize) -> String {
    format!("{} đơn vị chưa báo cáo {period}", thousands(n))
}

// Documents.
pub const DOC_REGISTER: &str = "Sổ văn bản";
pub const DOC_COMPOSE: &str = "Soạn văn bản";
pub const DOC_KIND: &str = "Loại văn bản";
pub const DOC_UNIT: &str = "Đơn vị";
pub const DOC_PERIOD: &str = "Kỳ báo cáo";
pub const DOC_YEAR: &str = "Năm của kế hoạch";
pub const DOC_DRAFT: &str = "Soạn";
pub const DOC_DRAFTING: &str = "Đang soạn văn bản";
pub const DOC_DRAFT_EACH: &str = "Soạn cho từng Tổ…";
pub const DOC_DRAFT_EACH_HINT: &str =
    "Mỗi Tổ (thôn, tổ dân phố và Tổ của xã) một quyết định riêng, lưu vào thư mục bạn chọn.";
pub const DOC_DRAFTING_EACH: &str = "Đang soạn quyết định cho từng Tổ";
pub const DIALOG_PICK_FOLDER_EACH: &str = "Chọn thư mục lưu quyết định của từng Tổ";
pub const DOC_PREVIEW: &str = "Xem trước (trang in từ chính tệp PDF)";
pub const DOC_PREVIEW_NONE: &str =
    "Không có công cụ pdftoppm để vẽ trang xem trước; tệp PDF vẫn xuất bình thường.";
pub const DOC_CHECK: &str = "Kiểm tra thể thức Nghị định 30";
pub const DOC_CHECK_OK: &str = "Văn bản đúng thể thức.";
pub const DOC_EXPORT_PDF: &str = "Xuất PDF…";
pub const DOC_EXPORT_DOCX: &str = "Xuất DOCX…";
pub const DOC_EXPORT_FORCE: &str = "Xuất dù còn lỗi";
pub const DOC_SIGN: &str = "Ký số văn bản";
pub const DOC_PRINT: &str = "In";
pub const DOC_ISSUE: &str = "Cấp số và ban hành";
pub const DOC_OPEN_FOLDER: &str = "Mở thư mục chứa";
pub const DOC_ANY_KIND: &str = "Mọi loại";
pub const DOC_ANY_STATUS: &str = "Mọi trạng thái";
pub const DOC_YEAR_FILTER: &str = "Năm";
pub const DOC_EMPTY: &str = "Sổ văn bản chưa có văn bản nào.";
pub const DOC_HAS_ERRORS: &str =
    "Văn bản còn lỗi thể thức; vẫn có thể xuất bản dự thảo để sửa trong Word.";
pub const DIALOG_SAVE_DOC: &str = "Lưu văn bản";
pub const FILTER_PDF: &str = "PDF";
pub const FILTER_DOCX: &str = "Word (DOCX)";

pub fn doc_pages(n: usize) -> String {
    format!("{} trang", thousands(n))
}

/// After a batch: how many files went where, and the teams left out with why.
pub fn doc_each_done(
    written: usize,
    recorded: usize,
    left: usize,
    dir: &std::path::Path,
    failed: &[(String, String)],
) -> String {
    let n = |v: usize| crate::vietnamese::format_number(v as i64);
    let mut s = if left > 0 {
        format!(
            "Đã dừng theo yêu cầu. Giữ lại {} tệp quyết định trong {} và {} dự thảo trong sổ \
             văn bản; {} Tổ chưa soạn.",
            n(written),
            dir.display(),
            n(recorded),
            n(left)
        )
    } else {
        format!(
            "Đã soạn {} quyết định vào {} (đã ghi {} dự thảo vào sổ văn bản).",
            n(written),
            dir.display(),
            n(recorded)
        )
    };
    if !failed.is_empty() {
        s.push_str(&format!(" {} Tổ chưa soạn được:", n(failed.len())));
        for (unit, reason) in failed.iter().take(5) {
            s.push_str(&format!("\n• {unit}: {reason}"));
        }
        if failed.len() > 5 {
            s.push_str(&format!("\n… và {} Tổ khác.", n(failed.len() - 5)));
        }
    }
    s
}

pub fn doc_saved(path: &std::path::Path, id: i64) -> String {
    format!("Đã lưu {} (sổ văn bản: dự thảo số {id}).", path.display())
}

pub const DOC_TEXT_FILTER: &str = "Tìm trích yếu, số, người ký";
pub const DOC_EXPORT_REGISTER: &str = "Xuất sổ (Excel)…";
pub const REGISTER_FILE: &str = "so-dang-ky-van-ban-di.xlsx";
pub const DOC_PRINT_REGISTER: &str = "In sổ (PDF)…";
pub const REGISTER_PDF_FILE: &str = "so-dang-ky-van-ban-di.pdf";

/// After the register was exported.
pub fn register_exported(n: usize, path: &std::path::Path) -> String {
    format!(
        "Đã xuất {n} văn bản vào sổ đăng ký văn bản đi {}.",
        path.display()
    )
}

pub const ATTACH_TITLE: &str = "Cùng một văn bản trong sổ";
pub const ATTACH_CONFIRM: &str = "Xuất vào cùng văn bản";
pub const DOC_EXPORT_MORE_PDF: &str = "Xuất thêm bản PDF…";
pub const DOC_EXPORT_MORE_DOCX: &str = "Xuất thêm bản DOCX…";

/// The question before a draft already in the register is exported in another format.
pub fn attach_question(id: i64, format: &str, files: &[String]) -> String {
    format!(
        "Dự thảo này đã ghi trong sổ văn bản (số hiệu {id}; tệp: {}). Bản {format} sẽ là tệp \
         thứ hai của cùng văn bản: một mục trong sổ, cùng một số khi ban hành, và cả hai tệp \
         được ghi số, ngày khi cấp số.",
        files.join("; ")
    )
}

/// After a file was added to an entry.
pub fn doc_attached(path: &std::path::Path, id: i64) -> String {
    format!(
        "Đã lưu {} vào cùng văn bản số hiệu {id} trong sổ văn bản.",
        path.display()
    )
}

pub const DOC_SECTION: &str = "Nội dung các mục của báo cáo";
pub const DOC_SIGNER: &str = "Người ký";

/// «Người ký» for a document a commune other than the office's own issues itself.
pub fn doc_signer_commune(commune: &str) -> String {
    format!(
        "Chủ tịch Ủy ban nhân dân {commune} ký: văn bản về đơn vị này do {commune} tự ban hành."
    )
}

/// The settings' signer in the draft's «Người ký» list.
pub fn doc_signer_default(name: &str) -> String {
    if name.trim().is_empty() {
        "Người ký trong Cài đặt".into()
    } else {
        format!("{name} (người ký trong Cài đặt)")
    }
}

/// A deputy in that list: «KT. — PHÓ CHỦ TỊCH Lê Thị Mai».
pub fn doc_signer_deputy(label: &str) -> String {
    format!("Ký thay (KT.): {label}")
}
pub const DOC_SECTION_HINT: &str = "Để trống: giữ lời mẫu (có số liệu). Mỗi dòng là một đoạn; dòng bắt đầu bằng «- » là gạch đầu dòng; «### 1. …» là một khoản.";

/// How many sections the clerk has written.
pub fn doc_sections_written(n: usize) -> String {
    if n == 0 {
        "Các mục đang dùng lời mẫu.".into()
    } else {
        format!("Đã viết {n} mục; các mục khác dùng lời mẫu.")
    }
}

pub const ISSUE_TITLE: &str = "Cấp số, ngày ban hành";
pub const ISSUE_NUMBER_LABEL: &str = "Số văn bản";
pub const ISSUE_DATE_LABEL: &str = "Ngày ban hành (ngày/tháng/năm)";
pub const ISSUE_CONFIRM: &str = "Cấp số";
pub const ISSUE_BAD_NUMBER: &str = "Số văn bản là một số nguyên dương (ví dụ 38).";
pub const ISSUE_BAD_DATE: &str = "Ngày ghi dạng 15/03/2024.";

/// The hint under the number field of the issue dialog.
pub fn issue_next_hint(next: u32) -> String {
    format!(
        "Để trống: cấp số tiếp theo ({next}). Cơ quan đã ban hành văn bản trước khi dùng chương \
         trình gõ số của mình (ví dụ 38); số đã cấp bị từ chối."
    )
}

pub fn doc_issued(reference: &str) -> String {
    format!("Đã cấp số {reference}.")
}

// Signing.
pub const SIGN_TITLE: &str = "Ký số văn bản PDF";
pub const SIGN_PICK_PDF: &str = "Chọn tệp PDF cần ký…";
pub const SIGN_NO_PDF: &str = "Chưa chọn tệp PDF.";
pub const SIGN_SOURCE: &str = "Chứng thư số";
pub const SIGN_P12: &str = "Tệp .p12 / .pfx";
pub const SIGN_TOKEN: &str = "USB token (PKCS#11)";
pub const SIGN_PICK_P12: &str = "Chọn tệp .p12…";
pub const SIGN_PASSWORD: &str = "Mật khẩu tệp .p12 (không lưu lại)";
pub const SIGN_PIN: &str = "Mã PIN của token (không lưu lại)";
pub const SIGN_ROLE: &str = "Ký với tư cách";
pub const SIGN_ROLE_SIGNER: &str = "Người có thẩm quyền (chữ ký)";
pub const SIGN_ROLE_ORG: &str = "Cơ quan (con dấu)";
pub const SIGN_SIGNATURE_IMAGE: &str = "Ảnh chữ ký (PNG)…";
pub const SIGN_SEAL_IMAGE: &str = "Ảnh con dấu (PNG)…";
pub const SIGN_DO: &str = "Ký số…";
pub const SIGN_RUNNING: &str = "Đang ký số";
pub const SIGN_NEED: &str = "Hãy chọn tệp PDF, chứng thư số và nhập mật khẩu/PIN.";
pub const VERIFY_TITLE: &str = "Kiểm tra chữ ký số của văn bản nhận được";
pub const VERIFY_PICK: &str = "Chọn tệp PDF cần kiểm tra…";
pub const VERIFY_OK: &str = "Chữ ký hợp lệ: văn bản không bị sửa sau khi ký, chứng thư số còn \
hiệu lực khi ký và thuộc nguồn tin cậy.";
pub const VERIFY_UNTRUSTED: &str = "Chữ ký đúng nhưng chưa xác định được nguồn tin cậy: chứng \
thư số không dẫn tới chứng thư gốc nào trong thư mục trust của cơ quan.";
pub const VERIFY_BAD: &str = "Chữ ký KHÔNG hợp lệ hoặc văn bản đã bị sửa sau khi ký.";
pub const VERIFY_DAMAGED: &str = "Chữ ký bị hỏng, không kiểm tra được.";
pub const VERIFY_NONE: &str = "Tệp PDF không có chữ ký số nào.";
pub const ANSWER_INTEGRITY: &str = "1. Tệp có bị sửa sau khi ký không?";
pub const ANSWER_SIGNER: &str = "2. Ai ký, chứng thư số của ai, còn hiệu lực không?";
pub const ANSWER_TRUST: &str = "3. Chứng thư số có thuộc nguồn tin cậy (thư mục trust) không?";
pub const SIGN_NEED_TOKEN: &str =
    "Hãy chọn tệp PDF, chọn chứng thư số trên USB token và nhập mã PIN.";
pub const SIGN_CHECKING: &str = "Đang kiểm tra mật khẩu/PIN…";
pub const TOKEN_SCANNING: &str = "Đang tìm USB token…";
pub const TOKEN_FOUND: &str = "Chọn chứng thư số trên USB token đang cắm:";
pub const TOKEN_NONE: &str = "Không tìm thấy USB token nào. Hãy cắm token rồi bấm «Tìm lại», \
hoặc bấm «Thêm thư viện…» để chọn thư viện (.dll/.so) do nhà cung cấp token cài đặt.";
pub const TOKEN_RESCAN: &str = "Tìm lại";
pub const TOKEN_ADD_MODULE: &str = "Thêm thư viện…";

pub fn token_problem(module: &std::path::Path, why: &str) -> String {
    format!("Không dùng được thư viện {}: {why}", module.display())
}

pub fn signature_heading(n: usize, time: Option<&str>) -> String {
    let time = time.map(|t| {
        chrono::DateTime::parse_from_rfc3339(t)
            .map(|d| d.format("%H:%M ngày %d/%m/%Y").to_string())
            .unwrap_or_else(|_| t.to_owned())
    });
    match time {
        Some(t) => format!("Chữ ký {n} (ký lúc {t})"),
        None => format!("Chữ ký {n}"),
    }
}
pub const DIALOG_OPEN_PDF: &str = "Chọn tệp PDF";
pub const DIALOG_OPEN_P12: &str = "Chọn tệp chứng thư số";
pub const DIALOG_OPEN_MODULE: &str = "Chọn thư viện PKCS#11";
pub const DIALOG_OPEN_PNG: &str = "Chọn ảnh PNG";
pub const DIALOG_SAVE_SIGNED: &str = "Lưu tệp đã ký";
pub const FILTER_P12: &str = "Chứng thư số";
pub const FILTER_MODULE: &str = "Thư viện";
pub const FILTER_PNG: &str = "Ảnh PNG";

pub fn signed_to(path: &std::path::Path) -> String {
    format!("Đã ký số và lưu {}.", path.display())
}

pub const REPORT_IMPORT: &str = "Nhập bảng số liệu của đơn vị…";
pub const REPORT_EXPORT: &str = "Xuất phụ lục XLSX…";
pub const REPORT_DRAFT: &str = "Soạn báo cáo";
pub const REPORT_IMPORT_TITLE: &str = "Kiểm tra bảng số liệu trước khi nhập";
pub const REPORT_IMPORT_RUNNING: &str = "Đang kiểm tra bảng số liệu";
pub const DEFAULT_APPENDIX_NAME: &str = "phu-luc-bao-cao.xlsx";

pub fn sheet_ok(rows: usize) -> String {
    format!(
        "Bảng hợp lệ: {} đơn vị có số liệu. Bấm \"Nhập\" để ghi vào kỳ đang xem.",
        thousands(rows)
    )
}

// Cài đặt → Giới thiệu (version, data folder, schema, fonts; the log for support).
pub const SETTINGS_ABOUT: &str = "Giới thiệu";
pub const OPEN_LOGS: &str = "Mở thư mục nhật ký";
pub const ABOUT_LOGS_NOTE: &str = "Khi cần hỗ trợ, gửi các tệp trong thư mục nhật ký: chúng ghi loại việc, số lượng và lỗi, không ghi tên thành viên hay mật khẩu.";

// The register's numbers: «Giữ số…», «Hủy số…», «Số bắt đầu…».
pub const NUM_RESERVE: &str = "Giữ số…";
pub const NUM_VOID: &str = "Hủy số…";
pub const NUM_START: &str = "Số bắt đầu…";
pub const NUM_RESERVE_TITLE: &str = "Giữ số cho văn bản ban hành trên giấy";
pub const NUM_VOID_TITLE: &str = "Hủy số";
pub const NUM_VOIDED: &str = "đã hủy";
pub const NUM_START_TITLE: &str = "Số bắt đầu của năm";
pub const NUM_KIND: &str = "Loại văn bản";
pub const NUM_NUMBER: &str = "Số (để trống: số tiếp theo)";
pub const NUM_NEXT: &str = "Số tiếp theo";
pub const NUM_DATE: &str = "Ngày (dd/mm/yyyy)";
pub const NUM_YEAR: &str = "Năm";
pub const NUM_REASON: &str = "Lý do (bắt buộc)";
pub const NUM_CONFIRM: &str = "Ghi vào sổ";
pub const NUM_VOID_HINT: &str = "Số đã hủy ở lại trong sổ, ghi «đã hủy» và lý do, không cấp lại.";
pub const NUM_START_HINT: &str = "Các loại văn bản cùng sổ dùng chung dãy số.";
pub const NUM_NEED_REASON: &str = "Hãy ghi lý do.";
pub const NUM_BAD_NUMBER: &str = "Số phải là số nguyên dương.";
pub const NUM_BAD_YEAR: &str = "Năm ghi bốn chữ số, ví dụ 2026.";

/// What the register's number forms say when done.
pub fn num_done(what: &str) -> String {
    format!("Đã ghi vào sổ đăng ký: {what}.")
}
