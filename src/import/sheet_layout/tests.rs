use super::*;
use crate::import::sheet_layout::key;

/// Rows from text: `""` is an empty cell, `#n` a number cell.
fn grid(rows: &[(usize, &[&str])]) -> Vec<(usize, Vec<Cell>)> {
    rows.iter()
        .map(|(line, cells)| {
            let cells = cells
                .iter()
                .map(|s| match s.strip_prefix('#') {
                    Some(n) => Cell::Number(n.parse().expect("number")),
                    None if s.is_empty() => Cell::Empty,
                    None => Cell::Text(s.to_string()),
                })
                .collect();
            (*line, cells)
        })
        .collect()
}

fn merge(first_line: usize, last_line: usize, first_col: usize, last_col: usize) -> Merge {
    Merge {
        first_line,
        last_line,
        first_col,
        last_col,
    }
}

/// A commune's roster typed to its own form: the two-part national header, a title, a
/// two-row header with «Năm sinh» over «Nam» | «Nữ», column numbers, section rows per village,
/// members numbered from 1 in each, a typed total, a note and the signature block.
fn nam_nu_roster() -> Vec<(usize, Vec<Cell>)> {
    grid(&[
        (
            1,
            &[
                "ỦY BAN NHÂN DÂN",
                "",
                "",
                "",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ],
        ),
        (
            2,
            &["XÃ HÒA BẮC", "", "", "", "Độc lập - Tự do - Hạnh phúc"],
        ),
        (4, &["DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"]),
        (
            5,
            &["(Kèm theo Quyết định số 125/QĐ-UBND ngày 10/3/2025 của UBND xã Hòa Bắc)"],
        ),
        (
            7,
            &[
                "TT",
                "Họ và tên",
                "Năm sinh",
                "",
                "Chức vụ trong Tổ",
                "Chức vụ, đơn vị công tác",
                "Số điện thoại",
                "Ghi chú",
            ],
        ),
        (8, &["", "", "Nam", "Nữ", "", "", "", ""]),
        (9, &["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"]),
        (10, &["I. TỔ CNSCĐ THÔN AN PHÚ"]),
        (
            11,
            &[
                "#1",
                "Lê Văn Hùng",
                "#1975",
                "",
                "Tổ trưởng",
                "Trưởng thôn",
                "0905.123.456",
            ],
        ),
        (
            12,
            &[
                "#2",
                "Trần Thị Mai",
                "",
                "#1990",
                "TP",
                "Bí thư Chi đoàn",
                "0912 345 678",
            ],
        ),
        (13, &["II. TỔ CNSCĐ THÔN 2"]),
        (
            14,
            &[
                "#1",
                "Tống Văn Bình",
                "'85",
                "",
                "TT",
                "Công an viên",
                "+84 935 111 222",
            ],
        ),
        (
            15,
            &[
                "#2",
                "Vi Thị Hoa",
                "",
                "1998",
                "Thành viên",
                "Đoàn viên",
                "",
            ],
        ),
        (16, &["Tổng cộng: 4 thành viên"]),
        (17, &["Ghi chú: danh sách có thể bổ sung khi kiện toàn Tổ."]),
        (
            19,
            &["", "", "", "", "", "Hòa Bắc, ngày 10 tháng 3 năm 2025"],
        ),
        (
            20,
            &["", "NGƯỜI LẬP BIỂU", "", "", "", "TM. ỦY BAN NHÂN DÂN"],
        ),
        (21, &["", "", "", "", "", "CHỦ TỊCH"]),
        (24, &["", "Nguyễn Thị Lan", "", "", "", "Phạm Văn Đức"]),
    ])
}

fn merges() -> Vec<Merge> {
    vec![
        merge(4, 4, 0, 7),
        merge(7, 8, 0, 0),
        merge(7, 8, 1, 1),
        merge(7, 7, 2, 3),
        merge(7, 8, 4, 4),
        merge(7, 8, 5, 5),
        merge(7, 8, 6, 6),
        merge(7, 8, 7, 7),
        merge(10, 10, 0, 7),
        merge(13, 13, 0, 7),
        merge(16, 16, 0, 7),
    ]
}

/// What each row below the header reads as: a short word and the row's point.
fn kinds(layout: &mut Layout, rows: &[(usize, Vec<Cell>)]) -> Vec<(usize, String)> {
    let end = layout.header_end();
    rows.iter()
        .filter(|(line, _)| *line > end)
        .map(|(line, cells)| {
            let k = match layout.classify(*line, cells) {
                RowKind::Data { sections } => format!(
                    "data {} in {}",
                    cells[1].text(),
                    sections
                        .iter()
                        .map(|s| s.unit.as_str())
                        .collect::<Vec<_>>()
                        .join(" › ")
                ),
                RowKind::Section(s) => format!("section {} ({:?})", s.unit, s.level),
                RowKind::Total(t) => format!("total {:?} sub={}", t.count, t.subtotal),
                RowKind::Skipped(s) => format!("skip {}", s.reason()),
            };
            (*line, k)
        })
        .collect()
}

fn expected_nam_nu() -> Vec<(usize, String)> {
    [
        (9, "skip dòng đánh số cột"),
        (10, "section THÔN AN PHÚ (Some(Village))"),
        (11, "data Lê Văn Hùng in THÔN AN PHÚ"),
        (12, "data Trần Thị Mai in THÔN AN PHÚ"),
        (13, "section THÔN 2 (Some(Village))"),
        (14, "data Tống Văn Bình in THÔN 2"),
        (15, "data Vi Thị Hoa in THÔN 2"),
        (16, "total Some(4) sub=false"),
        (
            17,
            "skip ghi chú «Ghi chú: danh sách có thể bổ sung khi kiện toàn Tổ.»",
        ),
        (19, "skip phần ký tên «Hòa Bắc, ngày 10 tháng 3 năm 2025»"),
        (
            20,
            "skip phần ký tên «NGƯỜI LẬP BIỂU | TM. ỦY BAN NHÂN DÂN»",
        ),
        (21, "skip phần ký tên «CHỦ TỊCH»"),
        (24, "skip phần ký tên «Nguyễn Thị Lan | Phạm Văn Đức»"),
    ]
    .into_iter()
    .map(|(l, s)| (l, s.to_string()))
    .collect()
}

#[test]
fn two_row_header_with_merges_sections_totals_notes_and_signatures() {
    let rows = nam_nu_roster();
    let mut layout =
        Layout::detect(&rows, &merges(), &roster_fields(), &Overrides::default()).expect("settled");
    assert_eq!(layout.header_lines, vec![7, 8]);
    assert_eq!(layout.stt_column, Some(0));
    let cols: Vec<(usize, &str, Option<&str>)> = layout
        .columns
        .iter()
        .map(|c| (c.index, c.key.as_str(), c.sub.as_deref()))
        .collect();
    assert_eq!(
        cols,
        vec![
            (1, key::NAME, None),
            (2, key::YEAR, Some("Nam")),
            (3, key::YEAR, Some("Nữ")),
            (4, key::ROLE, None),
            (5, key::POSITION, None),
            (6, key::PHONE, None),
        ]
    );
    assert_eq!(layout.ignored, vec![(7, "Ghi chú".to_string())]);
    assert!(layout.absent.contains(&"Đã tập huấn".to_string()));
    assert_eq!(layout.preamble.unit_hint.as_deref(), Some("XÃ HÒA BẮC"));
    assert_eq!(layout.label(key::YEAR), "Năm sinh");
    assert_eq!(kinds(&mut layout, &rows), expected_nam_nu());
}

#[test]
fn the_same_header_without_merges_reads_the_same() {
    // An .ods, or a CSV: merged cells lost, the parent left of an empty cell.
    let rows = nam_nu_roster();
    let mut layout =
        Layout::detect(&rows, &[], &roster_fields(), &Overrides::default()).expect("settled");
    assert_eq!(layout.header_lines, vec![7, 8]);
    assert_eq!(layout.column(key::YEAR), Some(2));
    let years: Vec<Option<&str>> = layout
        .columns_of(key::YEAR)
        .map(|c| c.sub.as_deref())
        .collect();
    assert_eq!(years, vec![Some("Nam"), Some("Nữ")]);
    assert_eq!(kinds(&mut layout, &rows), expected_nam_nu());
    let with =
        Layout::detect(&rows, &merges(), &roster_fields(), &Overrides::default()).expect("settled");
    assert_eq!(layout.fingerprint, with.fingerprint);
}

#[test]
fn a_parent_that_names_no_field_over_sub_headers_that_do() {
    let rows = grid(&[
        (
            3,
            &[
                "STT",
                "Họ và tên",
                "Năm sinh",
                "Giới tính",
                "",
                "Thông tin liên hệ",
                "",
            ],
        ),
        (4, &["", "", "", "Nam", "Nữ", "Điện thoại", "Email"]),
        (
            5,
            &["#1", "Lê Văn A", "#1980", "x", "", "0905123456", "a@b.vn"],
        ),
    ]);
    let layout = Layout::detect(&rows, &[], &roster_fields(), &Overrides::default());
    // No role column: the roster's required field is missing.
    let unsettled = layout.expect_err("role is required");
    assert_eq!(unsettled.missing, vec!["Chức vụ trong Tổ".to_string()]);
    assert_eq!(unsettled.header_guess, Some(vec![3, 4]));
    let cols: Vec<(usize, &str, Option<&str>)> = unsettled
        .columns
        .iter()
        .map(|c| (c.index, c.key.as_str(), c.sub.as_deref()))
        .collect();
    assert_eq!(
        cols,
        vec![
            (1, key::NAME, None),
            (2, key::YEAR, None),
            (3, key::GENDER, Some("Nam")),
            (4, key::GENDER, Some("Nữ")),
            (5, key::PHONE, None),
            (6, key::EMAIL, None),
        ]
    );
}

#[test]
fn an_unread_column_is_mapped_by_the_clerk_and_the_choice_is_fingerprinted() {
    let rows = grid(&[
        (1, &["DANH SÁCH THÀNH VIÊN"]),
        (2, &["STT", "Họ và tên", "Vai trò", "Điện thoại", "N.S"]),
        (3, &["#1", "Lê Văn A", "TT", "0905123456", "#1980"]),
        (4, &["#2", "Lê Thị B", "TV", "0905123457", "#1985"]),
    ]);
    let fields = roster_fields();
    let unsettled =
        Layout::detect(&rows, &[], &fields, &Overrides::default()).expect_err("unsettled");
    assert_eq!(unsettled.reason, "thiếu cột bắt buộc: Năm sinh");
    assert_eq!(unsettled.missing, vec!["Năm sinh".to_string()]);
    assert_eq!(
        unsettled.found,
        vec!["Họ và tên".to_string(), "Chức vụ trong Tổ".to_string()]
    );
    assert_eq!(unsettled.header_guess, Some(vec![2]));
    assert_eq!(unsettled.rows.len(), 4);
    assert_eq!(unsettled.rows[1].1[4], "N.S");
    assert!(unsettled.candidates.iter().any(|(l, _)| l == &vec![2]));
    // «Cột E là Năm sinh».
    let choice = ColumnChoice::parse("E=Năm sinh", &fields).expect("choice");
    assert_eq!(
        choice,
        ColumnChoice {
            column: 4,
            field: Some(key::YEAR.into())
        }
    );
    let o = Overrides {
        columns: vec![choice],
        ..Overrides::default()
    };
    let mut layout = Layout::detect(&rows, &[], &fields, &o).expect("settled");
    assert_eq!(layout.column(key::YEAR), Some(4));
    assert!(layout.columns_of(key::YEAR).all(|c| c.by_clerk));
    // The fingerprint the window remembers the choice by is the candidate's.
    let remembered = unsettled
        .candidates
        .iter()
        .find(|(l, _)| l == &vec![2])
        .map(|(_, f)| f.clone());
    assert_eq!(remembered.as_deref(), Some(layout.fingerprint.as_str()));
    assert!(matches!(
        layout.classify(3, &rows[2].1),
        RowKind::Data { .. }
    ));
}

#[test]
fn fingerprints_ignore_data_and_titles_but_not_columns() {
    let a = grid(&[
        (1, &["UBND XÃ A"]),
        (2, &["STT", "Họ và tên", "Năm sinh", "Chức vụ trong Tổ"]),
        (3, &["#1", "A", "#1980", "TT"]),
    ]);
    let b = grid(&[
        (1, &["UBND PHƯỜNG B"]),
        (2, &[""]),
        (3, &["S T T", "HỌ VÀ TÊN", "Năm sinh*", "Chức vụ trong tổ"]),
        (4, &["#1", "B", "#1990", "TV"]),
    ]);
    let c = grid(&[(1, &["STT", "Năm sinh", "Họ và tên", "Chức vụ trong Tổ"])]);
    let f = roster_fields();
    let o = Overrides::default();
    let la = Layout::detect(&a, &[], &f, &o).expect("a");
    let lb = Layout::detect(&b, &[], &f, &o).expect("b");
    let lc = Layout::detect(&c, &[], &f, &o).expect("c");
    assert_eq!(la.fingerprint, lb.fingerprint);
    assert_ne!(la.fingerprint, lc.fingerprint);
    assert_eq!(la.fingerprint.len(), 16);
}

#[test]
fn header_rows_chosen_by_the_clerk() {
    let rows = grid(&[
        (1, &["Họ và tên", "Năm sinh", "Vai trò"]),
        (2, &["Người", "Năm", "Chức vụ trong Tổ"]),
        (3, &["Lê Văn A", "#1980", "TT"]),
    ]);
    let f = roster_fields();
    let o = Overrides {
        header_lines: Some(parse_header_lines("2").expect("2")),
        columns: vec![
            ColumnChoice::parse("A=Họ và tên", &f).expect("A"),
            ColumnChoice::parse("b = năm sinh", &f).expect("B"),
        ],
        ..Overrides::default()
    };
    let layout = Layout::detect(&rows, &[], &f, &o).expect("settled");
    assert_eq!(layout.header_lines, vec![2]);
    assert_eq!(layout.column(key::ROLE), Some(2));
    let o = Overrides {
        header_lines: Some(vec![7]),
        ..Overrides::default()
    };
    let u = Layout::detect(&rows, &[], &f, &o).expect_err("no line 7");
    assert!(
        u.reason.contains("dòng tiêu đề đã chọn (7) trống"),
        "{}",
        u.reason
    );
    assert_eq!(parse_header_lines("9-10"), Ok(vec![9, 10]));
    assert_eq!(parse_header_lines("9, 10"), Ok(vec![9, 10]));
    assert!(parse_header_lines("9,11").is_err());
    assert!(parse_header_lines("chín").is_err());
    assert_eq!(SheetChoice::parse("2"), SheetChoice::Number(2));
    assert_eq!(
        SheetChoice::parse("Danh sách"),
        SheetChoice::Name("Danh sách".into())
    );
    assert_eq!(
        ColumnChoice::parse("cột AB = bỏ qua", &f),
        Ok(ColumnChoice {
            column: 27,
            field: None
        })
    );
    assert!(
        ColumnChoice::parse("E=Quê quán", &f)
            .unwrap_err()
            .contains("không có cột nào tên «Quê quán»")
    );
    assert!(
        ColumnChoice::parse("Năm sinh", &f)
            .unwrap_err()
            .contains("E=Năm sinh")
    );
}

fn indicator_fields() -> Vec<FieldSpec> {
    vec![
        FieldSpec::new("unit", "Đơn vị", &["Tên đơn vị", "Xã, phường"], true),
        FieldSpec::new(
            "citizens_guided",
            "Số người dân được hướng dẫn",
            &["người dân được hướng dẫn kỹ năng số"],
            false,
        ),
        FieldSpec::new(
            "ewallet_accounts",
            "Số tài khoản thanh toán, ví điện tử được mở",
            &["ví điện tử"],
            false,
        ),
    ]
}

#[test]
fn indicator_sheet_with_district_sections_subtotals_and_footnotes() {
    let rows = grid(&[
        (
            1,
            &[
                "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                "",
                "",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ],
        ),
        (
            3,
            &["BIỂU TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG TỔ CNSCĐ 6 THÁNG ĐẦU NĂM 2025"],
        ),
        (5, &["STT", "Tên đơn vị", "Kết quả thực hiện", ""]),
        (
            6,
            &["", "", "Số lượng người dân được hướng dẫn", "Ví điện tử"],
        ),
        (7, &["A", "B", "#1", "#2"]),
        (8, &["I", "HUYỆN HÒA VANG"]),
        (9, &["#1", "Xã Hòa Bắc", "1.250", "#40"]),
        (10, &["#2", "Hòa Ninh", "#980", "#35"]),
        (11, &["#3", "Xã Hòa Phú"]),
        (12, &["", "Cộng", "2.230", "#75"]),
        (13, &["II", "QUẬN LIÊN CHIỂU"]),
        (14, &["#1", "Phường Hòa Khánh Bắc", "#3100", "#120"]),
        (15, &["", "Tổng cộng", "5.330", "#195"]),
        (
            16,
            &["(*) Số liệu tính đến ngày 30/6/2025, theo báo cáo của các xã, phường."],
        ),
        (17, &["- Xã Hòa Phú chưa gửi báo cáo."]),
    ]);
    let mut layout = Layout::detect(
        &rows,
        &[merge(5, 5, 2, 3)],
        &indicator_fields(),
        &Overrides::default(),
    )
    .expect("settled");
    assert_eq!(layout.header_lines, vec![5, 6]);
    let cols: Vec<(usize, &str)> = layout
        .columns
        .iter()
        .map(|c| (c.index, c.key.as_str()))
        .collect();
    assert_eq!(
        cols,
        vec![(1, "unit"), (2, "citizens_guided"), (3, "ewallet_accounts")]
    );
    let got: Vec<(usize, String)> = kinds(&mut layout, &rows);
    let want: Vec<(usize, String)> = [
        (7, "skip dòng đánh số cột"),
        (8, "section HUYỆN HÒA VANG (Some(District))"),
        (9, "data Xã Hòa Bắc in HUYỆN HÒA VANG"),
        (10, "data Hòa Ninh in HUYỆN HÒA VANG"),
        // A commune listed without figures has not reported: a row, not a section.
        (11, "data Xã Hòa Phú in HUYỆN HÒA VANG"),
        (12, "total None sub=true"),
        (13, "section QUẬN LIÊN CHIỂU (Some(District))"),
        (14, "data Phường Hòa Khánh Bắc in QUẬN LIÊN CHIỂU"),
        (15, "total None sub=false"),
        (
            16,
            "skip ghi chú «(*) Số liệu tính đến ngày 30/6/2025, theo báo cáo của các xã, phường.»",
        ),
        (17, "skip ghi chú «- Xã Hòa Phú chưa gửi báo cáo.»"),
    ]
    .into_iter()
    .map(|(l, s)| (l, s.to_string()))
    .collect();
    assert_eq!(got, want);
    // The typed total's values by field.
    let RowKind::Total(t) = layout.classify(15, &rows[12].1) else {
        panic!("total");
    };
    assert_eq!(
        t.values,
        vec![
            ("citizens_guided".to_string(), Cell::Text("5.330".into())),
            ("ewallet_accounts".to_string(), Cell::Number(195.0)),
        ]
    );
}

#[test]
fn repeated_headers_and_cells_outside_the_table() {
    let rows = grid(&[
        (1, &["STT", "Họ và tên", "Năm sinh", "Chức vụ trong Tổ"]),
        (2, &["#1", "Lê Văn A", "#1980", "TT"]),
        (3, &["STT", "Họ và tên", "Năm sinh", "Chức vụ trong Tổ"]),
        (4, &["", "", "", "", "", "kiểm tra lại"]),
        (5, &["#2", "Lê Văn B", "#1981", "TV"]),
    ]);
    let mut layout =
        Layout::detect(&rows, &[], &roster_fields(), &Overrides::default()).expect("settled");
    let got: Vec<String> = rows[1..]
        .iter()
        .map(|(l, c)| match layout.classify(*l, c) {
            RowKind::Skipped(s) => s.reason(),
            RowKind::Data { .. } => "data".into(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        got,
        vec![
            "data",
            "dòng tiêu đề lặp lại",
            "chữ ngoài các cột của bảng «kiểm tra lại»",
            "data"
        ]
    );
}

#[test]
fn no_header_at_all_shows_what_was_read() {
    let rows = grid(&[(1, &["Báo cáo"]), (2, &["a", "b", "c"])]);
    let u =
        Layout::detect(&rows, &[], &roster_fields(), &Overrides::default()).expect_err("unsettled");
    assert_eq!(u.reason, "không tìm thấy dòng tiêu đề trong 2 dòng đầu");
    assert_eq!(u.header_guess, None);
    assert_eq!(u.missing.len(), 3);
    assert_eq!(u.rows[1], (2, vec!["a".into(), "b".into(), "c".into()]));
}
