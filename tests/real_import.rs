//! The imports of both faces with the files offices really have (`tests/data/real/`), through
//! the command line: the official 2025 unit list, a unit list where a province and its ward
//! share a name, rosters typed to a commune's own form in every format and encoding, a sheet
//! the reader cannot settle until the clerk maps a column (then remembered for the layout).
//! Each member and unit is checked field by field in the database.

use std::path::{Path, PathBuf};

use cnscd::import::unit_names::name_key;
use cnscd::model::Level;
use cnscd::store::{members, teams, units};

use crate::common::Env;
use crate::reader::{Member, nam_nu_members, row9_members};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real")
        .join(name)
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Runs an import that must be refused; its stderr.
fn refused(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("bị từ chối"), "{err}");
    err
}

/// A member as stored, in the fields a roster row gives: name, year, gender, unit (name key),
/// role, position, phone.
type Stored = (
    String,
    Option<i32>,
    Option<cnscd::model::Gender>,
    String,
    cnscd::model::Role,
    String,
    Option<String>,
);

fn stored(env: &Env) -> Vec<Stored> {
    let s = env.store();
    let c = s.conn();
    let mut out: Vec<Stored> = members::active(c, None)
        .expect("members")
        .into_iter()
        .map(|m| {
            let team = teams::get(c, m.team_id).expect("team");
            let unit = units::get(c, team.unit_id).expect("unit");
            (
                m.full_name,
                m.year_of_birth,
                m.gender,
                name_key(&unit.name),
                m.role,
                m.position.unwrap_or_default(),
                m.phone,
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn expected(members: Vec<Member>) -> Vec<Stored> {
    let mut out: Vec<Stored> = members
        .into_iter()
        .map(|m| {
            (
                m.name,
                m.year,
                m.gender,
                name_key(&m.unit),
                m.role.expect("role"),
                m.position,
                m.phone,
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The units the realistic rosters name, imported from a list typed the way offices type one.
fn units_of_the_rosters(env: &Env) {
    let list = env.path("don-vi.csv");
    std::fs::write(
        &list,
        "Tên đơn vị,Cấp,Trực thuộc\n\
         Thành phố Đà Nẵng,Thành phố trực thuộc trung ương,\n\
         Xã Hòa Bắc,Xã,Đà Nẵng\n\
         Thôn An Phú,Thôn,Xã Hòa Bắc\n\
         Thôn Nam Yên,Thôn,Xã Hòa Bắc\n\
         Thôn Tà Lang,Thôn,Xã Hòa Bắc\n\
         Phường Hải Châu,Phường,Thành phố Đà Nẵng\n\
         Tổ dân phố Số 5,Tổ dân phố,Phường Hải Châu\n\
         Tổ dân phố 12,Tổ dân phố,Phường Hải Châu\n\
         Tổ dân phố 7,Tổ dân phố,Phường Hải Châu\n",
    )
    .expect("write");
    let out = env.ok(&["import", "units", p(&list)]);
    assert!(out.contains("thêm 9"), "{out}");
}

#[test]
fn the_nam_nu_roster_with_sections_and_footer_imports_field_by_field() {
    for file in [
        "to-cnscd-nam-nu.xlsx",
        "to-cnscd-nam-nu.xls",
        "to-cnscd-nam-nu.ods",
    ] {
        let env = Env::new();
        units_of_the_rosters(&env);
        let out = env.ok(&["import", "roster", p(&data(file))]);
        let want = nam_nu_members();
        assert!(
            out.contains(&format!("đọc {} dòng; thêm {}", want.len(), want.len())),
            "{file}: {out}"
        );
        assert_eq!(stored(&env), expected(want.clone()), "{file}");
        // What was left out, each with its line and reason; the typed total checked.
        for line in [
            "Dòng tiêu đề: 7–8",
            "Dòng 9: bỏ qua — dòng đánh số cột.",
            "Dòng 25: bỏ qua — ghi chú «Ghi chú: Danh sách gồm 03 Tổ",
            "Dòng 27: bỏ qua — phần ký tên «Hòa Bắc, ngày 10 tháng 3 năm 2025»",
            "Dòng 33: bỏ qua — phần ký tên «Nguyễn Thị Thanh Lan | Phạm Văn Đức»",
        ] {
            assert!(out.contains(line), "{file}: {line}\n{out}");
        }
        assert!(
            out.contains(&format!("khớp với {} thành viên đọc được", want.len())),
            "{file}: {out}"
        );
        // No «Đã tập huấn» column: unknown, taken as not trained, never as a problem.
        let s = env.store();
        assert!(
            members::active(s.conn(), None)
                .expect("members")
                .iter()
                .all(|m| !m.trained)
        );
        // The same file again changes nothing.
        let again = env.ok(&["import", "roster", p(&data(file))]);
        assert!(
            again.contains(&format!("không đổi {}", want.len())),
            "{again}"
        );
    }
}

#[test]
fn the_roster_with_its_header_on_row_9_imports_in_every_format_and_encoding() {
    for (file, encoding) in [
        ("to-cnscd-tieu-de-dong-9.xlsx", None),
        ("to-cnscd-tieu-de-dong-9.xls", None),
        ("to-cnscd-tieu-de-dong-9.ods", None),
        (
            "to-cnscd-tieu-de-dong-9-unicode.txt",
            Some("Bảng mã: UTF-16 LE («Unicode Text» của Excel); các cột phân cách bằng dấu tab."),
        ),
    ] {
        let env = Env::new();
        units_of_the_rosters(&env);
        let out = env.ok(&["import", "roster", p(&data(file))]);
        if let Some(e) = encoding {
            assert!(out.contains(e), "{file}: {out}");
        }
        assert!(out.contains("Dòng tiêu đề: 9;"), "{file}: {out}");
        assert!(out.contains("thêm 8"), "{file}: {out}");
        assert_eq!(stored(&env), expected(row9_members()), "{file}");
        // «Đã tập huấn» marks (x, ✓, Có, chưa, blank) read.
        let s = env.store();
        let trained: Vec<(String, bool)> = {
            let mut t: Vec<(String, bool)> = members::active(s.conn(), None)
                .expect("members")
                .into_iter()
                .map(|m| (m.full_name, m.trained))
                .collect();
            t.sort();
            t
        };
        let mut want: Vec<(String, bool)> = row9_members()
            .into_iter()
            .map(|m| (m.name, m.trained.unwrap_or(false)))
            .collect();
        want.sort();
        assert_eq!(trained, want, "{file}");
    }
}

#[test]
fn a_windows_1258_csv_is_read_and_its_lost_tick_refused_naming_the_cell() {
    let env = Env::new();
    units_of_the_rosters(&env);
    let before = env.store().checksum().expect("checksum");
    let file = data("to-cnscd-tieu-de-dong-9-windows-1258.csv");
    let err = refused(&env, &["import", "roster", p(&file)]);
    assert!(
        err.contains("Bảng mã: Windows-1258 (bảng mã tiếng Việt của Windows); các cột phân cách bằng dấu chấm phẩy."),
        "{err}"
    );
    // Windows-1258 has no ✓: Excel wrote `?`, and that one cell is the only problem.
    assert!(err.contains("1 lỗi:"), "{err}");
    assert!(
        err.contains("dòng 11, cột «Đã tập huấn», giá trị «?»"),
        "{err}"
    );
    assert_eq!(env.store().checksum().expect("checksum"), before);
}

#[test]
fn a_sheet_the_reader_cannot_settle_imports_once_the_clerk_maps_a_column_and_is_remembered() {
    let env = Env::new();
    units_of_the_rosters(&env);
    let before = env.store().checksum().expect("checksum");
    // The row-9 roster with its role column headed in a way no form names.
    let bytes = std::fs::read(data("to-cnscd-tieu-de-dong-9-unicode.txt")).expect("read");
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let text = String::from_utf16(&units).expect("utf-16");
    assert_eq!(text.matches("Chức vụ trong Tổ").count(), 1);
    let text = text.replace("Chức vụ trong Tổ", "Phân công");
    let file = env.path("phan-cong.csv");
    std::fs::write(&file, &text).expect("write");
    let err = refused(&env, &["import", "roster", p(&file)]);
    assert!(err.contains("Chức vụ trong Tổ"), "{err}");
    assert!(err.contains("--column"), "{err}");
    // What it read: the header row and the first data rows, by column letter.
    assert!(
        err.contains("Dòng 9 đọc được — A: STT | B: Họ và tên"),
        "{err}"
    );
    assert!(err.contains("F: Phân công"), "{err}");
    assert!(
        err.contains("Dòng 10 đọc được — A: 1 | B: Nguyễn Văn An"),
        "{err}"
    );
    assert_eq!(env.store().checksum().expect("checksum"), before);
    // A bad choice names what it did not understand.
    let bad = env.run(&["import", "roster", p(&file), "--column", "F=Nghề"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("«Nghề»"));
    // The clerk maps the one column.
    let out = env.ok(&[
        "import",
        "roster",
        p(&file),
        "--column",
        "F=Chức vụ trong Tổ",
    ]);
    assert!(out.contains("thêm 8"), "{out}");
    assert!(
        out.contains("F «Phân công» → Chức vụ trong Tổ (do người dùng chọn)"),
        "{out}"
    );
    assert_eq!(stored(&env), expected(row9_members()));
    // A file of the same layout later (here the same roster, in a second registry) is read
    // with the remembered choice, without the option.
    let other = env.path("phan-cong-2.csv");
    std::fs::write(&other, &text).expect("write");
    let out = env.ok(&["import", "roster", p(&other)]);
    assert!(
        out.contains("dùng lại cách đọc đã chọn (cột F là Chức vụ trong Tổ)"),
        "{out}"
    );
    assert!(out.contains("không đổi 8"), "{out}");
}

#[test]
fn the_same_person_on_a_commune_team_and_a_village_team_is_not_a_duplicate() {
    let env = Env::new();
    units_of_the_rosters(&env);
    let file = env.path("hai-to.csv");
    std::fs::write(
        &file,
        "Đơn vị,Họ và tên,Năm sinh,Giới tính,Chức vụ trong Tổ,Số điện thoại\n\
         Xã Hòa Bắc,Lê Văn Hùng,1975,Nam,Tổ trưởng,0905123456\n\
         Thôn An Phú,Lê Văn Hùng,1975,Nam,Thành viên,0905123456\n\
         Thôn An Phú,Lê Văn Hùng,1975,Nam,Thành viên,0905123456\n",
    )
    .expect("write");
    // Twice in one team is refused; once on each of two teams is not.
    let err = refused(&env, &["import", "roster", p(&file)]);
    assert!(
        err.contains("dòng 4") && err.contains("trùng với dòng 3"),
        "{err}"
    );
    assert!(!err.contains("dòng 3,"), "{err}");
    let text = std::fs::read_to_string(&file).expect("read");
    let two: Vec<&str> = text.lines().take(3).collect();
    std::fs::write(&file, two.join("\n")).expect("write");
    let out = env.ok(&["import", "roster", p(&file)]);
    assert!(out.contains("thêm 2"), "{out}");
}

#[test]
fn a_roster_with_decision_columns_records_each_teams_establishing_decision() {
    use cnscd::model::DecisionSource;
    use cnscd::store::history;
    let env = Env::new();
    units_of_the_rosters(&env);
    let file = env.path("qd.csv");
    std::fs::write(
        &file,
        "Đơn vị,Họ và tên,Năm sinh,Giới tính,Chức vụ trong Tổ,Số QĐ thành lập,Ngày QĐ,Cơ quan ban hành,Trích yếu\n\
         Thôn An Phú,Lê Văn Hùng,1975,Nam,Tổ trưởng,12/QĐ-UBND,05/03/2024,UBND xã Hòa Bắc,Về việc thành lập Tổ CNSCĐ thôn An Phú\n\
         Thôn An Phú,Trần Thị Mai,1988,Nữ,Thành viên,12/QĐ-UBND,05/03/2024,UBND xã Hòa Bắc,\n\
         Thôn Nam Yên,Võ Văn Tâm,1990,Nam,Tổ trưởng,13/QĐ-UBND,06/03/2024,,\n\
         Thôn Tà Lang,Hồ Văn Lý,1982,Nam,Tổ trưởng,,,,\n",
    )
    .expect("write");
    let out = env.ok(&["import", "roster", p(&file)]);
    assert!(out.contains("thêm 4"), "{out}");
    assert!(out.contains("quyết định thành lập"), "{out}");
    type Recorded = (String, Option<String>, Option<String>);
    let decisions = |env: &Env| -> Vec<(String, Vec<Recorded>)> {
        let s = env.store();
        let c = s.conn();
        let mut all: Vec<_> = teams::all(c)
            .expect("teams")
            .into_iter()
            .map(|t| {
                let ds = history::decisions_of(c, t.id)
                    .expect("decisions")
                    .into_iter()
                    .map(|d| {
                        assert_eq!(d.source, DecisionSource::Imported);
                        (
                            d.number,
                            d.issued_on.map(|x| x.to_string()),
                            d.signer.or(d.summary),
                        )
                    })
                    .collect();
                (t.name, ds)
            })
            .collect();
        all.sort();
        all
    };
    let first = decisions(&env);
    let want = |n: &str, d: &str, by: Option<&str>| {
        vec![(n.to_string(), Some(d.to_string()), by.map(String::from))]
    };
    assert_eq!(first.len(), 3, "{first:?}");
    assert_eq!(
        first[0].1,
        want("12/QĐ-UBND", "2024-03-05", Some("UBND xã Hòa Bắc"))
    );
    assert_eq!(first[1].1, want("13/QĐ-UBND", "2024-03-06", None));
    assert!(first[2].1.is_empty(), "{first:?}");
    // The decision in force on the team is the one recorded.
    let s = env.store();
    let team = teams::all(s.conn())
        .expect("teams")
        .into_iter()
        .find(|t| t.name == first[0].0)
        .expect("team");
    assert_eq!(team.decision_ref.as_deref(), Some("12/QĐ-UBND"));
    drop(s);
    // The same sheet again records nothing twice.
    let again = env.ok(&["import", "roster", p(&file)]);
    assert!(again.contains("không đổi 4"), "{again}");
    assert_eq!(decisions(&env), first);
    // Two numbers for one team are refused, nothing written.
    let two = env.path("qd2.csv");
    std::fs::write(
        &two,
        "Đơn vị,Họ và tên,Năm sinh,Chức vụ trong Tổ,Số QĐ thành lập,Ngày QĐ\n\
         Thôn Tà Lang,Hồ Văn Lý,1982,Tổ trưởng,20/QĐ-UBND,01/04/2024\n\
         Thôn Tà Lang,Đinh Thị Hoa,1995,Thành viên,21/QĐ-UBND,01/04/2024\n",
    )
    .expect("write");
    let sum = env.store().checksum().expect("sum");
    let err = refused(&env, &["import", "roster", p(&two)]);
    assert!(
        err.contains("dòng 3, cột «Số QĐ thành lập», giá trị «21/QĐ-UBND»")
            && err.contains("số 20/QĐ-UBND ở dòng 2"),
        "{err}"
    );
    assert_eq!(env.store().checksum().expect("sum"), sum);
}

#[test]
fn a_parent_chain_ending_in_a_bare_province_name_and_unclean_names_import() {
    let env = Env::new();
    let list = env.path("don-vi-qt.csv");
    std::fs::write(
        &list,
        "Tên đơn vị,Cấp,Đơn vị cấp trên\n\
         Tỉnh Quảng Trị,Tỉnh,\n\
         Tỉnh Thanh Hóa,Tỉnh,\n\
         Phường Quảng Trị,Phường,Quảng Trị\n\
         Xã Quảng Ninh,Xã,Tỉnh Quảng Trị\n\
         Xã Quảng Ninh,Xã,Tỉnh Thanh Hóa\n\
         Thôn Đông,Thôn,\"Xã Quảng Ninh, Quảng Trị\"\n\
         Thôn Tây\u{200B},Thôn,\"Xã Quảng Ninh, Thanh Hóa\"\n\
         Thôn \u{202E}Nam,Thôn,\"Phường Quảng Trị, Quảng Trị\"\n",
    )
    .expect("write");
    let out = env.ok(&["import", "units", p(&list)]);
    assert!(out.contains("thêm 8"), "{out}");
    assert!(
        out.contains("đã bỏ 1 ký tự vô hình ở cột Tên đơn vị, dòng 8"),
        "{out}"
    );
    assert!(
        out.contains("đã bỏ 1 ký tự đổi chiều văn bản ở cột Tên đơn vị, dòng 9"),
        "{out}"
    );
    let s = env.store();
    let all = units::all(s.conn()).expect("units");
    let named =
        |n: &str| -> Vec<&cnscd::model::Unit> { all.iter().filter(|u| u.name == n).collect() };
    let parent_of = |u: &cnscd::model::Unit| -> String {
        let p = all
            .iter()
            .find(|x| Some(x.id) == u.parent_id)
            .expect("parent");
        let gp = all
            .iter()
            .find(|x| Some(x.id) == p.parent_id)
            .map_or(String::new(), |g| format!(" / {} {}", g.kind, g.name));
        format!("{} {}{gp}", p.kind, p.name)
    };
    assert_eq!(
        parent_of(named("Đông")[0]),
        "xã Quảng Ninh / tỉnh Quảng Trị"
    );
    assert_eq!(parent_of(named("Tây")[0]), "xã Quảng Ninh / tỉnh Thanh Hóa");
    assert_eq!(
        parent_of(named("Nam")[0]),
        "phường Quảng Trị / tỉnh Quảng Trị"
    );
    let ward = named("Quảng Trị")
        .into_iter()
        .find(|u| u.level == Level::Commune)
        .expect("ward");
    assert_eq!(parent_of(ward), "tỉnh Quảng Trị");
    // A name over its field's limit is refused with its row, nothing written.
    let long = env.path("dai.csv");
    let name = "A".repeat(400);
    std::fs::write(
        &long,
        format!("Tên đơn vị,Cấp,Đơn vị cấp trên\nThôn {name},Thôn,Tỉnh Quảng Trị\n"),
    )
    .expect("write");
    drop(s);
    let sum = env.store().checksum().expect("sum");
    let err = refused(&env, &["import", "units", p(&long)]);
    assert!(
        err.contains("dòng 2, cột «Tên đơn vị»") && err.contains("quá giới hạn 300 ký tự"),
        "{err}"
    );
    assert_eq!(env.store().checksum().expect("sum"), sum);
}

#[test]
fn a_large_streamed_xlsx_with_a_merged_two_row_header_imports() {
    use rust_xlsxwriter::{Format, Workbook};
    let env = Env::new();
    units_of_the_rosters(&env);
    // A commune's form: a title block, «Năm sinh» merged over «Nam» | «Nữ», the other
    // headers merged down over both header rows; 6,000 members, more than the reader ever
    // takes whole, so the file goes through the streaming path.
    let file = env.path("to-lon.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let merged = Format::new();
    ws.merge_range(0, 0, 0, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", &merged)
        .expect("title");
    ws.merge_range(
        1,
        0,
        1,
        6,
        "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG XÃ HÒA BẮC",
        &merged,
    )
    .expect("title");
    for (c, label) in [
        (0, "STT"),
        (1, "Thôn"),
        (2, "Họ và tên"),
        (5, "Chức vụ trong Tổ"),
        (6, "Số điện thoại"),
    ] {
        ws.merge_range(3, c, 4, c, label, &merged).expect("header");
    }
    ws.merge_range(3, 3, 3, 4, "Năm sinh", &merged)
        .expect("header");
    ws.write(4, 3, "Nam").expect("sub");
    ws.write(4, 4, "Nữ").expect("sub");
    let villages = ["An Phú", "Nam Yên", "Tà Lang"];
    let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"];
    let middle = ["Văn", "Thị", "Hữu", "Đức", "Minh"];
    let given = [
        "An", "Bình", "Chi", "Dũng", "Hà", "Hương", "Khánh", "Lan", "Mai", "Nam",
    ];
    const N: u32 = 6_000;
    let mut want = Vec::new();
    for i in 0..N {
        let row = 5 + i;
        let village = villages[(i % 3) as usize];
        let name = format!(
            "{} {} {}",
            family[(i / 3 % 6) as usize],
            middle[(i / 18 % 5) as usize],
            given[(i / 90 % 10) as usize]
        );
        let year = 1950 + (i / 900) as i32 * 7 + (i % 7) as i32;
        let female = i % 2 == 1;
        let role = if i < 3 {
            "Tổ trưởng"
        } else {
            "Thành viên"
        };
        let phone = format!("09{:08}", 10_000_000 + i);
        ws.write(row, 0, f64::from(i + 1)).expect("stt");
        ws.write(row, 1, format!("Thôn {village}")).expect("unit");
        ws.write(row, 2, name.as_str()).expect("name");
        ws.write(row, if female { 4 } else { 3 }, f64::from(year))
            .expect("year");
        ws.write(row, 5, role).expect("role");
        ws.write(row, 6, phone.as_str()).expect("phone");
        want.push((name, year, female, village, phone));
    }
    wb.save(&file).expect("save");
    let out = env.ok(&["import", "roster", p(&file)]);
    assert!(out.contains(&format!("thêm {N}")), "{out}");
    let s = env.store();
    let c = s.conn();
    let stored = members::active(c, None).expect("members");
    assert_eq!(stored.len(), N as usize);
    let by_phone: std::collections::HashMap<&str, &cnscd::model::Member> = stored
        .iter()
        .map(|m| (m.phone.as_deref().expect("phone"), m))
        .collect();
    for (name, year, female, village, phone) in &want {
        let m = by_phone[phone.as_str()];
        assert_eq!(&m.full_name, name);
        assert_eq!(m.year_of_birth, Some(*year));
        let gender = if *female {
            cnscd::model::Gender::Female
        } else {
            cnscd::model::Gender::Male
        };
        assert_eq!(m.gender, Some(gender), "{name} {phone}");
        let team = teams::get(c, m.team_id).expect("team");
        let unit = units::get(c, team.unit_id).expect("unit");
        assert_eq!(name_key(&unit.name), name_key(village));
    }
}

/// The province a parent text names (`Tỉnh Lào Cai`, `Thành phố Hà Nội`), by string cutting.
fn bare_province(parent: &str) -> &str {
    ["Thành phố ", "Tỉnh ", "Tp "]
        .iter()
        .find_map(|x| parent.strip_prefix(x))
        .unwrap_or(parent)
}

#[test]
fn the_official_2025_unit_list_imports_every_commune_under_its_own_province() {
    let env = Env::new();
    let file = data("don-vi-hanh-chinh-2025.csv");
    let out = env.ok(&["import", "units", p(&file)]);
    assert!(out.contains("Bảng mã: UTF-8 (có BOM)"), "{out}");
    assert!(out.contains("thêm 3355"), "{out}");
    // The list as printed: name, level, parent as written, code.
    let text = std::fs::read_to_string(&file).expect("read");
    let mut rdr =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.expect("row").iter().map(String::from).collect())
        .collect();
    let province_code = |name: &str| -> String {
        rows.iter()
            .take(34)
            .find(|r| bare_province(&r[1]) == bare_province(name))
            .map(|r| r[4].clone())
            .unwrap_or_else(|| panic!("no province «{name}»"))
    };
    let s = env.store();
    let all = units::all(s.conn()).expect("units");
    assert_eq!(all.len(), 3355);
    let by_code: std::collections::HashMap<&str, &cnscd::model::Unit> =
        all.iter().map(|u| (u.code.as_str(), u)).collect();
    let by_id: std::collections::HashMap<i64, &cnscd::model::Unit> =
        all.iter().map(|u| (u.id, u)).collect();
    let mut placed = 0;
    for r in rows.iter().skip(34) {
        let u = by_code[r[4].as_str()];
        assert_eq!(u.level, Level::Commune, "{r:?}");
        let parent = by_id[&u.parent_id.expect("parent")];
        assert_eq!(parent.code, province_code(&r[3]), "{r:?}");
        assert_eq!(parent.level, Level::Province);
        placed += 1;
    }
    assert_eq!(placed, 3321);
    // Imported again: nothing changes.
    let sum = s.checksum().expect("sum");
    drop(s);
    let again = env.ok(&["import", "units", p(&file)]);
    assert!(again.contains("không đổi 3355"), "{again}");
    assert_eq!(env.store().checksum().expect("sum"), sum);
}

#[test]
fn a_unit_list_where_a_province_and_its_ward_share_a_name_refuses_only_the_true_tie() {
    let env = Env::new();
    let file = data("don-vi-tinh-phuong.xlsx");
    let err = refused(&env, &["import", "units", p(&file)]);
    assert!(err.contains("1 lỗi:"), "{err}");
    assert!(
        err.contains(
            "«Xã Quảng Ninh» khớp với 2 đơn vị ngang nhau (16540 – Xã Quảng Ninh thuộc Tỉnh \
             Thanh Hóa; 19207 – Xã Quảng Ninh thuộc Tỉnh Quảng Trị)"
        ),
        "{err}"
    );
    assert!(env.store().is_empty().expect("empty"));
    // The clerk writes the parent in full, as the list's other rows do: every unit lands.
    let fixed = env.path("don-vi.xlsx");
    let status = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import openpyxl,sys\n\
             wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.active\n\
             for row in ws.iter_rows():\n\
             \x20   if row[1].value=='Thôn Xuân Lai': row[3].value='Xã Quảng Ninh, Tỉnh Quảng Trị'\n\
             wb.save(sys.argv[2])",
        )
        .arg(&file)
        .arg(&fixed)
        .status()
        .expect("python3");
    assert!(status.success());
    let out = env.ok(&["import", "units", p(&fixed)]);
    assert!(out.contains("thêm 18"), "{out}");
    let s = env.store();
    let c = s.conn();
    let parent_code = |code: &str| -> String {
        let u = units::all(c)
            .expect("units")
            .into_iter()
            .find(|u| u.code == code)
            .expect("unit");
        units::get(c, u.parent_id.expect("parent")).expect("p").code
    };
    // The ward named like its province is under it; the commune named alike in two provinces
    // is under each; a parent abbreviated (`Tp Hồ Chí Minh`) or given by code resolves.
    assert_eq!(parent_code("02647"), "15");
    assert_eq!(parent_code("16540"), "38");
    assert_eq!(parent_code("19207"), "44");
    assert_eq!(parent_code("19360"), "44");
    assert_eq!(parent_code("07942"), "25");
    assert_eq!(parent_code("27226"), "79");
    let xuan_lai = units::all(c)
        .expect("units")
        .into_iter()
        .find(|u| u.name == "Xuân Lai")
        .expect("Xuân Lai");
    let q = units::get(c, xuan_lai.parent_id.expect("p")).expect("q");
    assert_eq!(q.code, "19207");
}

/// The window: a roster whose role column no form names is refused in the preview, which shows
/// the sheet as read; the clerk says «Cột F là Chức vụ trong Tổ», the file is checked again and
/// imports; the choice is remembered for the next file of that layout. A screenshot of the
/// preview with the mapped column is written (`CNSCD_SHOTS` names the folder, else a temporary
/// one) for a person to look at.
#[test]
fn the_window_preview_lets_the_clerk_map_a_column_and_remembers_it() {
    use std::sync::Arc;

    use cnscd::app::context::Clock;
    use cnscd::app::dialogs::Scripted;
    use cnscd::app::screen::members;
    use cnscd::app::widget::import_flow;
    use cnscd::app::{App, Message, Phase, text as t};
    use cnscd::ops::Workspace;

    use crate::app::{click, deliver, drive};

    let env = Env::new();
    units_of_the_rosters(&env);
    let bytes = std::fs::read(data("to-cnscd-tieu-de-dong-9-unicode.txt")).expect("read");
    let units16: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let text = String::from_utf16(&units16)
        .expect("utf-16")
        .replace("Chức vụ trong Tổ", "Phân công");
    let file = env.path("phan-cong.csv");
    std::fs::write(&file, &text).expect("write");
    let before = env.store().checksum().expect("checksum");

    let dialogs = Arc::new(Scripted::answering([file.clone(), file.clone()]));
    let (mut app, task) = App::new(Workspace::new(env.data()), dialogs, Clock::System);
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready));
    click(&mut app, t::NAV_MEMBERS);
    click(&mut app, t::MEMBER_IMPORT);
    let checked = app.members.import.preview.clone().expect("preview");
    assert!(!checked.report.is_ok());
    let read = checked.read.expect("the sheet as read");
    assert!(read.unsettled.is_some(), "{read:?}");
    assert_eq!(read.missing, vec!["Chức vụ trong Tổ".to_string()]);
    assert_eq!(read.header_lines, vec![9]);
    let f = &read.columns[5];
    assert_eq!(
        (f.letter.as_str(), f.header.as_str(), f.field.as_deref()),
        ("F", "Phân công", None)
    );
    assert!(
        read.rows
            .iter()
            .any(|(l, r)| *l == 10 && r[1] == "Nguyễn Văn An")
    );
    assert_eq!(env.store().checksum().expect("checksum"), before);

    // «Cột F là Chức vụ trong Tổ».
    shoot(&app, &env, "import-preview-chua-nhan-ra");
    let flow = |m| Message::Members(members::Message::Import(m));
    deliver(
        &mut app,
        vec![
            flow(import_flow::Message::Column(5)),
            flow(import_flow::Message::Field(Some("role".into()))),
        ],
    );
    click(&mut app, t::IMPORT_ASSIGN);
    let checked = app.members.import.preview.clone().expect("preview");
    assert!(checked.report.is_ok(), "{}", checked.report);
    let read = checked.read.expect("read");
    assert!(read.unsettled.is_none());
    let f = &read.columns[5];
    assert_eq!(f.field.as_deref(), Some("Chức vụ trong Tổ"));
    assert!(f.by_clerk);
    assert_eq!(read.choices.as_deref(), Some("cột F là Chức vụ trong Tổ"));

    shoot(&app, &env, "import-preview-cot-F");

    click(&mut app, t::IMPORT_COMMIT);
    assert!(app.members.import.preview.is_none());
    assert_eq!(stored(&env), expected(row9_members()));

    // The next file of that layout is read with the remembered choice.
    click(&mut app, t::MEMBER_IMPORT);
    let checked = app.members.import.preview.clone().expect("preview");
    assert!(checked.report.is_ok(), "{}", checked.report);
    let read = checked.read.expect("read");
    assert_eq!(
        read.choices.as_deref(),
        Some("dùng lại cách đọc đã chọn cho mẫu bảng này: cột F là Chức vụ trong Tổ")
    );
}

/// A screenshot of the window at a clerk's screen size (1366×768), as a PNG in `CNSCD_SHOTS`
/// (else a temporary folder).
fn shoot(app: &cnscd::app::App, env: &Env, name: &str) {
    let shots = std::env::var_os("CNSCD_SHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| env.path("shots"));
    std::fs::create_dir_all(&shots).expect("dir");
    let settings = iced::Settings {
        fonts: cnscd::app::theme::FONT_FILES
            .iter()
            .map(|b| std::borrow::Cow::Borrowed(*b))
            .collect(),
        default_font: cnscd::app::theme::UI_FONT,
        ..iced::Settings::default()
    };
    let mut sim = iced_test::Simulator::with_size(settings, (1366.0, 768.0), app.view());
    let shot = sim.snapshot(&cnscd::app::theme::theme()).expect("snapshot");
    // iced_test names the file after the renderer: `<name>-tiny-skia.png`.
    let written = shots.join(format!("{name}-tiny-skia.png"));
    let _ = std::fs::remove_file(&written);
    assert!(shot.matches_image(shots.join(name)).expect("write png"));
    assert!(written.exists());
}

#[test]
fn the_clerk_can_choose_the_sheet_and_the_header_rows_on_the_command_line() {
    let env = Env::new();
    units_of_the_rosters(&env);
    let file = data("to-cnscd-nam-nu.xlsx");
    // A sheet the workbook does not have is named with the ones it has.
    let out = env.run(&["import", "roster", p(&file), "--sheet", "3"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("không có trang tính thứ 3; các trang: DS thành viên"),
        "{err}"
    );
    // A header row that is not one (line 3 is blank) is refused, showing what was read.
    let err = refused(
        &env,
        &[
            "import",
            "roster",
            p(&file),
            "--sheet",
            "DS thành viên",
            "--header-row",
            "3",
        ],
    );
    assert!(err.contains("dòng tiêu đề đã chọn (3)"), "{err}");
    assert!(
        err.contains("Dòng 7 đọc được — A: TT | B: Họ và tên | C: Năm sinh"),
        "{err}"
    );
    // The sheet by name and the two header rows as the form has them.
    let out = env.ok(&[
        "import",
        "roster",
        p(&file),
        "--sheet",
        "DS thành viên",
        "--header-row",
        "7-8",
        "--dry-run",
    ]);
    assert!(out.contains("Dòng tiêu đề: 7–8;"), "{out}");
    assert!(
        out.contains(&format!("thêm {}", nam_nu_members().len())),
        "{out}"
    );
}
