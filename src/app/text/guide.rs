//! The words of the built-in guide («Hướng dẫn», F1): the common jobs of a clerk, step by step,
//! each naming the buttons as the window writes them. The README repeats them for clerks.

/// One job: its title, its steps, and the screenshot shown beside them (a file of
/// `assets/guide/`, bundled by `screen::guide`).
#[derive(Debug, Clone, Copy)]
pub struct Topic {
    /// The job.
    pub title: &'static str,
    /// What to do, in order.
    pub steps: &'static [&'static str],
    /// The screenshot's file name.
    pub image: Option<&'static str>,
}

pub const TITLE: &str = "Hướng dẫn sử dụng";
pub const INTRO: &str = "Chọn một việc ở cột bên trái để xem các bước. Bấm F1 ở bất kỳ màn hình \
nào để mở lại trang này.";

pub const TOPICS: &[Topic] = &[
    Topic {
        title: "Bắt đầu lần đầu",
        steps: &[
            "Mở «Cài đặt», điền «Thông tin cơ quan» (tên cơ quan, nơi ban hành, người ký) rồi \
             bấm «Lưu». Mọi văn bản dùng các thông tin này.",
            "Ở «Tổng quan», chọn «Nhập danh sách từ Excel» để nhập đơn vị, Tổ và thành viên từ tệp \
             đang dùng; hoặc «Tạo dữ liệu mẫu» để làm quen trước.",
            "Trước khi ghi, phần mềm kiểm tra cả tệp và chỉ rõ dòng, cột có lỗi. Chưa có gì được \
             ghi cho đến khi bạn bấm «Nhập».",
        ],
        image: Some("tong-quan.png"),
    },
    Topic {
        title: "Thêm và tìm thành viên",
        steps: &[
            "Mở «Tổ và thành viên», bấm «Thêm thành viên» (Ctrl+N).",
            "Điền họ tên, năm sinh, số điện thoại; gõ vài chữ tên thôn để chọn Tổ; bấm «Lưu» \
             (Ctrl+S). Lỗi hiện ngay bên cạnh ô cần sửa.",
            "Tìm: gõ vào ô tìm kiếm (Ctrl+F), có dấu hoặc không dấu. Gõ «huong» thì Hương, Hường \
             đứng trước Phương, Thương.",
            "Lọc: chọn chức vụ (ví dụ «Tổ phó»), «Chưa tập huấn», xã, hoặc bấm «Chỉ hiện thành viên \
             Tổ này» ở khung bên phải; người đã rời Tổ chỉ hiện khi chọn «Đã rời Tổ». Dòng trên \
             danh sách ghi «Đang hiện 6/88 thành viên»; «Bỏ lọc» trở về cả danh sách. Nhấp chuột \
             phải vào một thành viên hoặc một Tổ (ở «Danh sách Tổ») để mở các việc của dòng đó.",
            "Đang sửa mà bấm Esc, chuyển màn hình hoặc đóng cửa sổ, phần mềm hỏi trước: «Tiếp tục \
             sửa» giữ nguyên nội dung đã gõ, «Bỏ thay đổi» mới xóa.",
        ],
        image: Some("thanh-vien.png"),
    },
    Topic {
        title: "Soạn quyết định, xuất PDF/DOCX và cấp số",
        steps: &[
            "Mở «Văn bản». Ở «Soạn văn bản», chọn loại văn bản. Bấm ô «Đơn vị» rồi gõ vài chữ \
             tên (không cần dấu) hoặc mở cây đơn vị: mọi đơn vị đều chọn được, kể cả thôn, ghi \
             kèm xã («Thôn An Định — Xã Hòa Bắc»). Báo cáo thì chọn kỳ (Năm, 6 tháng, Quý, \
             Tháng và năm); kế hoạch thì chọn năm. Bấm «Soạn».",
            "Xem trước trang in và kết quả «Kiểm tra thể thức Nghị định 30». Sửa thông tin còn \
             thiếu nếu có lỗi.",
            "Bấm «Xuất PDF…» hoặc «Xuất DOCX…», chọn nơi lưu. Văn bản được ghi vào «Sổ văn bản» \
             là dự thảo.",
            "Khi đã duyệt, bấm «Cấp số và ban hành» để lấy số văn bản; «In» để in, «Mở thư mục \
             chứa» để xem tệp.",
        ],
        image: Some("van-ban.png"),
    },
    Topic {
        title: "Soạn quyết định cho từng Tổ cùng lúc",
        steps: &[
            "Ở «Văn bản», chọn xã (hoặc huyện, tỉnh) rồi bấm «Soạn cho từng Tổ…» và chọn thư mục.",
            "Thanh tiến trình ở đầu cửa sổ cho biết công việc đang chạy. Bấm «Hủy» để dừng: phần \
             mềm báo chính xác đã giữ lại bao nhiêu tệp, bao nhiêu dự thảo trong sổ và bao nhiêu \
             Tổ chưa soạn.",
            "Đóng cửa sổ khi công việc đang chạy, phần mềm hỏi trước; «Dừng và đóng» ghi phần đã \
             làm vào sổ rồi mới đóng.",
        ],
        image: None,
    },
    Topic {
        title: "Nhập số liệu chỉ tiêu và làm báo cáo",
        steps: &[
            "Mở «Chỉ tiêu và báo cáo», chọn đơn vị tổng hợp và kỳ báo cáo (Năm, 6 tháng, Quý, \
             Tháng và năm); bảng số liệu hiện ngay. Kỳ cũng gõ được, ví dụ «Quý 3/2026», rồi \
             Enter.",
            "Gõ số liệu vào bảng như Excel: Tab sang ô bên phải, Shift+Tab ô bên trái, Enter \
             hoặc ↓ xuống ô dưới, ↑ lên ô trên; → ở cuối số đã gõ sang ô bên phải, ← ở đầu số \
             về ô bên trái. Dòng «Tổng cộng» cộng ngay khi gõ; ô tô đỏ là số \
             chưa hợp lệ. Bấm «Lưu số liệu» (Ctrl+S).",
            "Hoặc bấm «Nhập bảng số liệu của đơn vị…» để nhập từ tệp Excel các đơn vị gửi lên.",
            "Bấm «Soạn báo cáo» để sang «Văn bản» với báo cáo của kỳ đang xem.",
        ],
        image: Some("chi-tieu.png"),
    },
    Topic {
        title: "Ký số và kiểm tra chữ ký",
        steps: &[
            "Mở «Ký số», bấm «Chọn tệp PDF cần ký…».",
            "Chọn «Tệp .p12 / .pfx» và nhập mật khẩu; hoặc chọn «USB token (PKCS#11)»: phần mềm \
             tự tìm token của VGCA, VNPT-CA, Viettel-CA, FPT-CA, BKAV-CA và liệt kê chứng thư số \
             theo tên người, cơ quan, hạn dùng. Nếu token chưa hiện, bấm «Thêm thư viện…» một lần.",
            "Chọn «Ký với tư cách»: ảnh con dấu chỉ dùng khi ký với tư cách cơ quan. Bấm «Ký số…»: \
             mật khẩu/PIN được kiểm tra trước, sau đó mới hỏi nơi lưu.",
            "Kiểm tra văn bản nhận được: bấm «Chọn tệp PDF cần kiểm tra…». Ba câu trả lời: tệp có \
             bị sửa sau khi ký không; ai ký, chứng thư còn hiệu lực không; có thuộc nguồn tin cậy \
             không. Xanh: cả ba đều đạt. Vàng: chữ ký đúng nhưng chưa xác định được nguồn tin cậy \
             (đặt chứng thư gốc của CA vào thư mục «Chứng thư tin cậy» ở «Cài đặt»). Đỏ: chữ ký \
             hỏng hoặc tệp đã bị sửa.",
        ],
        image: Some("ky-so.png"),
    },
    Topic {
        title: "Sao lưu và khôi phục",
        steps: &[
            "Mỗi ngày phần mềm tự sao lưu khi mở và giữ 30 bản gần nhất.",
            "Mở «Cài đặt», mục «Sao lưu»: «Sao lưu ngay» để tạo bản sao lưu; «Khôi phục từ bản sao \
             lưu…» để quay lại một bản cũ (phần mềm hỏi lại trước khi thay dữ liệu).",
        ],
        image: None,
    },
    Topic {
        title: "Khi hộp thoại chọn tệp không mở",
        steps: &[
            "Trên một số máy Linux thiếu xdg-desktop-portal hoặc zenity, hộp thoại chọn tệp không \
             mở được. Phần mềm báo rõ lý do và hiện ô nhập đường dẫn.",
            "Gõ hoặc dán đường dẫn đầy đủ của tệp (hoặc thư mục) rồi bấm «Chọn». Đường dẫn sai \
             được báo ngay bên dưới ô.",
            "Để có hộp thoại, cài một trong các gói: xdg-desktop-portal-gtk (hoặc \
             xdg-desktop-portal-kde) hay zenity.",
        ],
        image: Some("duong-dan.png"),
    },
];
