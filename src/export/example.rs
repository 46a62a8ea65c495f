//! A representative decision (căn cứ, Điều 1–5, a roster appendix) built from plain values, so
//! the renderers' tests and benchmarks exercise every part of the layout without a database.

use crate::document::{
    Align, Appendix, Block, Cell, Document, Header, Margins, Orientation, Paragraph, Run,
    Signature, Table, Title,
};
use crate::model::DocKind;

const FAMILY: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Hữu", "Ngọc", "Minh", "Thị Thu"];
const GIVEN: [&str; 14] = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hằng",
    "Khoa",
    "Linh",
    "Lộc",
    "Nghĩa",
    "Phượng",
    "Quỳnh",
    "Thảo",
];
const ROLES: [&str; 3] = ["Tổ trưởng", "Tổ phó", "Thành viên"];
const POSITIONS: [&str; 5] = [
    "Trưởng thôn Phước Hưng",
    "Bí thư Chi đoàn thôn",
    "Công chức Văn hóa - Xã hội",
    "Chi hội trưởng Chi hội Phụ nữ",
    "Đoàn viên thanh niên",
];

/// The full name of the `i`-th example member (distinct for i < 2016).
pub fn member_name(i: usize) -> String {
    format!(
        "{} {} {}",
        FAMILY[i % FAMILY.len()],
        MIDDLE[(i / FAMILY.len()) % MIDDLE.len()],
        GIVEN[(i / (FAMILY.len() * MIDDLE.len())) % GIVEN.len()]
    )
}

fn para(runs: Vec<Run>, align: Align, indent: bool) -> Block {
    Block::Paragraph(Paragraph {
        runs,
        align,
        indent,
        size: 14.0,
        space_before: 6.0,
    })
}

fn centred_bold(text: &str) -> Block {
    para(vec![Run::bold(text)], Align::Center, false)
}

/// The roster table of `members` people: STT, name, role, position, phone.
pub fn roster(members: usize) -> Table {
    let head = |t: &str| Cell {
        bold: true,
        align: Align::Center,
        ..Cell::new(t)
    };
    let centre = |t: String| Cell {
        align: Align::Center,
        ..Cell::new(t)
    };
    Table {
        widths: vec![10.0, 38.0, 22.0, 50.0, 25.0],
        header: vec![vec![
            head("STT"),
            head("Họ và tên"),
            head("Chức danh trong Tổ"),
            head("Chức vụ, đơn vị công tác"),
            head("Số điện thoại"),
        ]],
        rows: (0..members)
            .map(|i| {
                vec![
                    centre((i + 1).to_string()),
                    Cell::new(member_name(i)),
                    Cell::new(
                        ROLES[if i == 0 {
                            0
                        } else if i < 3 {
                            1
                        } else {
                            2
                        }],
                    ),
                    Cell::new(POSITIONS[i % POSITIONS.len()]),
                    centre(format!("09{:08}", 35_120_000 + i * 7919)),
                ]
            })
            .collect(),
        size: 13.0,
    }
}

/// A commune's decision consolidating its digital-technology team, with the roster of
/// `members` as Phụ lục I (landscape when asked).
pub fn decision(members: usize, landscape: bool) -> Document {
    let body = vec![
        Block::Space(6.0),
        centred_bold("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BẮC"),
        para(
            vec![Run::italic(
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa \
                 đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền \
                 địa phương ngày 22 tháng 11 năm 2019;",
            )],
            Align::Justify,
            true,
        ),
        para(
            vec![Run::italic(
                "Căn cứ Quyết định số 1907/QĐ-BTTTT ngày 12 tháng 11 năm 2022 của Bộ trưởng Bộ \
                 Thông tin và Truyền thông ban hành Kế hoạch triển khai Tổ công nghệ số cộng đồng;",
            )],
            Align::Justify,
            true,
        ),
        para(
            vec![Run::italic(
                "Theo đề nghị của Công chức Văn hóa - Xã hội xã Hòa Bắc.",
            )],
            Align::Justify,
            true,
        ),
        centred_bold("QUYẾT ĐỊNH:"),
        para(
            vec![
                Run::bold("Điều 1."),
                Run::plain(
                    " Kiện toàn Tổ Công nghệ số cộng đồng thôn Phước Hưng, xã Hòa Bắc (sau đây \
                     gọi tắt là Tổ), gồm các thành viên có tên tại Phụ lục I kèm theo Quyết định \
                     này.",
                ),
            ],
            Align::Justify,
            true,
        ),
        para(
            vec![
                Run::bold("Điều 2."),
                Run::plain(
                    " Tổ có nhiệm vụ hướng dẫn người dân sử dụng dịch vụ công trực tuyến, cài đặt \
                     và sử dụng ứng dụng định danh điện tử VNeID, thanh toán không dùng tiền \
                     mặt, kỹ năng số cơ bản và bảo đảm an toàn thông tin trên không gian mạng; \
                     tuyên truyền, phổ biến chủ trương của Đảng, chính sách, pháp luật của Nhà \
                     nước về chuyển đổi số đến từng hộ gia đình trên địa bàn.",
                ),
            ],
            Align::Justify,
            true,
        ),
        para(
            vec![
                Run::bold("Điều 3."),
                Run::plain(
                    " Tổ trưởng chịu trách nhiệm phân công nhiệm vụ cho các thành viên, định kỳ \
                     hằng tháng báo cáo kết quả hoạt động về Ủy ban nhân dân xã qua Công chức \
                     Văn hóa - Xã hội.",
                ),
            ],
            Align::Justify,
            true,
        ),
        para(
            vec![
                Run::bold("Điều 4."),
                Run::plain(
                    " Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số \
                     12/QĐ-UBND ngày 05 tháng 3 năm 2024 của Chủ tịch Ủy ban nhân dân xã.",
                ),
            ],
            Align::Justify,
            true,
        ),
        para(
            vec![
                Run::bold("Điều 5."),
                Run::plain(
                    " Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, Công chức Văn hóa - Xã \
                     hội, Trưởng thôn Phước Hưng và các thành viên có tên tại Điều 1 chịu trách \
                     nhiệm thi hành Quyết định này./.",
                ),
            ],
            Align::Justify,
            true,
        ),
    ];
    Document {
        kind: DocKind::DecisionConsolidate,
        margins: Margins::DEFAULT,
        orientation: Orientation::Portrait,
        header: Header {
            parent_body: vec![],
            issuing_body: vec!["ỦY BAN NHÂN DÂN".into(), "XÃ HÒA BẮC".into()],
            number_line: "Số: 05/QĐ-UBND".into(),
            date_line: "Hòa Bắc, ngày 05 tháng 3 năm 2025".into(),
        },
        title: Title {
            kind: "QUYẾT ĐỊNH".into(),
            summary: vec![
                "Về việc kiện toàn Tổ Công nghệ số cộng đồng".into(),
                "thôn Phước Hưng, xã Hòa Bắc".into(),
            ],
        },
        addressees: vec![],
        body,
        signature: Signature {
            recipients: vec![
                "Như Điều 5;".into(),
                "UBND huyện Hòa Vang;".into(),
                "Phòng Văn hóa và Thông tin huyện;".into(),
                "TT Đảng ủy, TT HĐND xã;".into(),
                "Lưu: VT, VHXH.".into(),
            ],
            signer_lines: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
            signer_name: "Lê Văn Hùng".into(),
        },
        appendices: vec![Appendix {
            label: "Phụ lục I".into(),
            title: vec![
                "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG".into(),
                "THÔN PHƯỚC HƯNG, XÃ HÒA BẮC".into(),
            ],
            reference: "(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 3 năm 2025 của Chủ tịch \
                        Ủy ban nhân dân xã Hòa Bắc)"
                .into(),
            orientation: if landscape {
                Orientation::Landscape
            } else {
                Orientation::Portrait
            },
            blocks: vec![Block::Table(roster(members))],
        }],
    }
}
