//! Spreadsheet round trips through the command line: export then import reproduces every
//! member, a second import changes nothing, a bad file is refused whole with every problem
//! named and the database untouched, legacy TCVN3/VNI sheets import as Unicode, and a dry run
//! writes nothing.

use std::collections::HashMap;
use std::path::Path;

use cnscd::import::legacy::{Encoding, encode};
use cnscd::import::roster::col;
use cnscd::store::{members, teams, units};
use rust_xlsxwriter::Workbook;

use crate::common::Env;

/// Every active member with the fields the roster carries and its team and unit, sorted.
fn roster(env: &Env) -> Vec<String> {
    let store = env.store();
    let conn = store.conn();
    let unit_codes: HashMap<i64, String> = units::all(conn)
        .expect("units")
        .into_iter()
        .map(|u| (u.id, u.code))
        .collect();
    let team_of: HashMap<i64, (String, String)> = teams::all(conn)
        .expect("teams")
        .into_iter()
        .map(|t| (t.id, (t.name, unit_codes[&t.unit_id].clone())))
        .collect();
    let mut out: Vec<String> = members::active(conn, None)
        .expect("members")
        .into_iter()
        .map(|m| {
            let (team, unit) = &team_of[&m.team_id];
            format!(
                "{unit} | {team} | {} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?} | {} | {:?}",
                m.full_name,
                m.year_of_birth,
                m.gender,
                m.phone,
                m.email,
                m.position,
                m.role,
                m.trained,
                m.joined_on
            )
        })
        .collect();
    out.sort();
    out
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A fresh data dir holding the units of `from` (export units → import units).
fn same_units(from: &Env) -> Env {
    let units_file = from.path("don-vi.xlsx");
    from.ok(&["export", "units", "-o", path_str(&units_file)]);
    let env = Env::new();
    let out = env.ok(&["import", "units", path_str(&units_file)]);
    assert!(out.contains("cập nhật 0"), "{out}");
    env
}

#[test]
fn roster_round_trip_through_xlsx_and_csv_is_exact_and_idempotent() {
    let src = Env::new();
    src.ok(&["sample", "--scale", "district"]);
    let want = roster(&src);
    assert!(want.len() > 1000, "{}", want.len());

    for ext in ["xlsx", "csv"] {
        let file = src.path(&format!("danh-sach.{ext}"));
        let out = src.ok(&["export", "roster", "-o", path_str(&file)]);
        assert!(out.contains(&format!("{} dòng", want.len())), "{out}");

        let dst = same_units(&src);
        let out = dst.ok(&["import", "roster", path_str(&file)]);
        assert!(
            out.contains(&format!("thêm {}, cập nhật 0", want.len())),
            "{ext}: {out}"
        );
        let got = roster(&dst);
        assert_eq!(got.len(), want.len(), "{ext}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{ext}: member differs");
        }

        // A second import of the same file changes nothing.
        let before = dst.store().checksum().expect("checksum");
        let out = dst.ok(&["import", "roster", path_str(&file)]);
        assert!(
            out.contains(&format!("thêm 0, cập nhật 0, không đổi {}", want.len())),
            "{ext}: {out}"
        );
        assert_eq!(dst.store().checksum().expect("checksum"), before, "{ext}");
    }
}

#[test]
fn export_xlsx_has_title_bold_frozen_header_and_typed_cells() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let file = env.path("r.xlsx");
    env.ok(&[
        "export",
        "roster",
        "-o",
        path_str(&file),
        "--unit",
        "Hòa Bắc",
    ]);
    let mut wb: Xlsx<_> = open_workbook(&file).expect("open xlsx");
    let range = wb.worksheet_range("Danh sách").expect("sheet");
    let title = range.get((0, 0)).expect("title").to_string();
    assert!(title.starts_with("DANH SÁCH THÀNH VIÊN"), "{title}");
    let header: Vec<String> = (0..14)
        .map(|c| range.get((1, c)).map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(header[5], "Họ và tên");
    assert_eq!(header[10], "Số điện thoại");
    // Year of birth is a number, the phone text with its leading 0.
    assert!(matches!(range.get((2, 6)), Some(Data::Float(y)) if (1940.0..2010.0).contains(y)));
    assert!(matches!(range.get((2, 10)), Some(Data::String(p)) if p.starts_with('0')));
    assert_eq!(
        range.get((2, 8)).map(|d| d.to_string()).as_deref(),
        Some("Tổ trưởng")
    );
    // Print setup and frozen pane live in the sheet XML.
    let xml = {
        use std::io::Read;
        let mut zip = zip_entry(&file, "xl/worksheets/sheet1.xml");
        let mut s = String::new();
        zip.read_to_string(&mut s).expect("xml");
        s
    };
    assert!(xml.contains(r#"orientation="landscape""#), "landscape");
    assert!(xml.contains(r#"paperSize="9""#), "A4");
    assert!(xml.contains(r#"ySplit="2""#), "frozen header");
    let wbxml = {
        use std::io::Read;
        let mut s = String::new();
        zip_entry(&file, "xl/workbook.xml")
            .read_to_string(&mut s)
            .expect("xml");
        s
    };
    assert!(wbxml.contains("_xlnm.Print_Titles"), "repeated header rows");
}

/// One member of the xlsx zip, read into memory.
fn zip_entry(file: &Path, name: &str) -> std::io::Cursor<Vec<u8>> {
    // The test uses the `unzip` tool rather than a zip dependency.
    let out = std::process::Command::new("unzip")
        .arg("-p")
        .arg(file)
        .arg(name)
        .output()
        .expect("unzip");
    assert!(out.status.success(), "unzip {name}");
    std::io::Cursor::new(out.stdout)
}

/// Writes a sheet with a header row and data rows, all text except whole numbers.
fn write_sheet(path: &Path, header: &[&str], rows: &[Vec<String>]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v.parse::<f64>() {
                Ok(n) if !v.starts_with('0') => ws.write_number(r, c, n).expect("write"),
                _ => ws.write_string(r, c, v).expect("write"),
            };
        }
    }
    wb.save(path).expect("save");
}

/// Writes the same as `write_sheet` as a .csv separated by `;`, as Excel saves it in a
/// Vietnamese locale (a column label holds a comma); no field holds a `;`.
fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>]) {
    let lines: Vec<String> = std::iter::once(header.join(";"))
        .chain(rows.iter().map(|r| r.join(";")))
        .collect();
    std::fs::write(path, lines.join("\r\n")).expect("csv");
}

fn counts(env: &Env) -> (i64, i64, i64) {
    let s = env.store();
    let c = s.conn();
    (
        units::count(c).expect("units"),
        teams::count(c).expect("teams"),
        members::counts(c).expect("members").0,
    )
}

/// Imports `file` as a roster, which must be refused; the refusal as printed.
fn refused(env: &Env, file: &Path) -> String {
    let out = env.run(&["import", "roster", path_str(file)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("bị từ chối"), "{err}");
    err
}

#[test]
fn bad_roster_is_refused_whole_naming_every_problem() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let before = env.store().checksum().expect("checksum");
    let before_counts = counts(&env);
    // No `Giới tính` column (said, the gender left unknown); an unknown unit; a year of birth
    // typed as words; a duplicate row.
    let header = [
        "STT",
        "Đơn vị",
        "Họ và tên",
        "Năm sinh",
        "Chức vụ trong Tổ",
        "Chức vụ, đơn vị công tác",
        "Số điện thoại",
        "Đã tập huấn",
    ];
    let row = |n: &str, unit: &str, name: &str, year: &str, phone: &str| {
        [n, unit, name, year, "Thành viên", "Giáo viên", phone, "có"]
            .map(String::from)
            .to_vec()
    };
    let rows = vec![
        row("1", "Thôn Nam Yên", "Phạm Thị Lan", "1990", "0209000001"),
        row("2", "Thôn Không Có", "Võ Văn Tám", "1985", "0209000002"),
        row("3", "Thôn Nam Yên", "Hồ Văn Sáu", "tám mươi", "0209000003"),
        row("4", "Thôn Nam Yên", "Đặng Văn Bảy", "1979", "0209000004"),
        row("5", "Thôn Nam Yên", "Đặng Văn Bảy", "1979", "0209000004"),
    ];
    let file = env.path("sai.xlsx");
    write_sheet(&file, &header, &rows);
    let err = refused(&env, &file);
    assert!(
        err.contains("cột «Giới tính»") && err.contains("thiếu cột"),
        "{err}"
    );
    assert!(err.contains("dòng 3") && err.contains("Không Có"), "{err}");
    assert!(
        err.contains("dòng 4") && err.contains("«tám mươi»"),
        "{err}"
    );
    assert!(
        err.contains("dòng 6") && err.contains("trùng với dòng 5"),
        "{err}"
    );
    assert_eq!(env.store().checksum().expect("checksum"), before);
    assert_eq!(counts(&env), before_counts);
}

#[test]
fn tcvn3_and_vni_sheets_import_as_unicode() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let csv_env = Env::new();
    csv_env.ok(&["sample", "--scale", "commune"]);
    let header = [
        "Đơn vị",
        "Họ và tên",
        "Năm sinh",
        "Giới tính",
        "Chức vụ trong Tổ",
        "Chức vụ, đơn vị công tác",
        "Số điện thoại",
        "Đã tập huấn",
    ];
    let people = [
        (Encoding::Tcvn3, "Nguyễn Văn Ánh", "Nam", "0209100001"),
        (Encoding::Tcvn3, "Trần Thị Hồng Nhung", "Nữ", "0209100002"),
        (Encoding::Vni, "Lê Đình Phước", "Nam", "0209100003"),
        (Encoding::Vni, "Ủy Thị Ngọc Ánh", "Nữ", "0209100004"),
    ];
    for enc in [Encoding::Tcvn3, Encoding::Vni] {
        let rows: Vec<Vec<String>> = people
            .iter()
            .filter(|p| p.0 == enc)
            .map(|(_, name, gender, phone)| {
                vec![
                    encode(enc, "Thôn Nam Yên"),
                    encode(enc, name),
                    "1988".into(),
                    encode(enc, gender),
                    encode(enc, "Thành viên"),
                    encode(enc, "Đoàn viên thanh niên"),
                    (*phone).into(),
                    encode(enc, "có"),
                ]
            })
            .collect();
        let header: Vec<String> = header.iter().map(|h| encode(enc, h)).collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        assert!(header[1] != "Họ và tên", "header is really encoded");
        let file = env.path(&format!("{enc}.xlsx"));
        write_sheet(&file, &header, &rows);
        let out = env.ok(&["import", "roster", path_str(&file)]);
        assert!(out.contains("thêm 2"), "{out}");
        assert!(
            out.contains(&format!(
                "Cột «Họ và tên» được chuyển từ mã {enc} sang Unicode"
            )),
            "{out}"
        );
        // The same sheet saved as CSV, into a second registry.
        let csv = csv_env.path(&format!("{enc}.csv"));
        write_csv(&csv, &header, &rows);
        let out = csv_env.ok(&["import", "roster", path_str(&csv)]);
        assert!(out.contains("thêm 2"), "{out}");
        assert!(
            out.contains(&format!(
                "Cột «Họ và tên» được chuyển từ mã {enc} sang Unicode"
            )),
            "{out}"
        );
    }
    for env in [&env, &csv_env] {
        let names: Vec<String> = roster(env);
        for (_, name, _, _) in people {
            assert!(
                names
                    .iter()
                    .any(|r| r.contains(&format!("| {name} | Some(1988)"))),
                "{name} imported in Unicode"
            );
        }
        assert!(names.iter().any(|r| r.contains("Đoàn viên thanh niên")));
    }
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let src = Env::new();
    src.ok(&["sample", "--scale", "commune"]);
    let file = src.path("r.xlsx");
    src.ok(&["export", "roster", "-o", path_str(&file)]);
    let dst = same_units(&src);
    let before = dst.store().checksum().expect("checksum");
    let out = dst.ok(&["import", "roster", path_str(&file), "--dry-run"]);
    assert!(out.contains("Chạy thử"), "{out}");
    assert!(out.contains("thêm 90, cập nhật 0"), "{out}");
    assert_eq!(dst.store().checksum().expect("checksum"), before);
    assert_eq!(counts(&dst).2, 0);
    // The units import has a dry run too.
    let units_file = src.path("don-vi.csv");
    src.ok(&["export", "units", "-o", path_str(&units_file)]);
    let empty = Env::new();
    let out = empty.ok(&["import", "units", path_str(&units_file), "--dry-run"]);
    assert!(out.contains("thêm 14"), "{out}");
    assert_eq!(counts(&empty), (0, 0, 0));
}

/// `n` new members of Thôn Nam Yên (commune sample), one row each: Thành viên, unique phones.
fn new_members(n: usize) -> Vec<Vec<String>> {
    const FAMILY: [&str; 10] = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    ];
    const MIDDLE: [&str; 10] = [
        "Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Thu",
    ];
    const GIVEN: [&str; 40] = [
        "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
        "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngân", "Nhung", "Phong", "Phúc",
        "Phương", "Quang", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Thu", "Thủy", "Tiến", "Trang",
        "Trung", "Tuấn", "Uyên", "Vân", "Việt", "Yến",
    ];
    (0..n)
        .map(|i| {
            let name = format!(
                "{} {} {}",
                FAMILY[i % 10],
                MIDDLE[(i / 10) % 10],
                GIVEN[(i / 100) % 40]
            );
            vec![
                "Thôn Nam Yên".into(),
                name,
                (1960 + i % 40).to_string(),
                if i % 2 == 0 { "Nam" } else { "Nữ" }.into(),
                "Thành viên".into(),
                "Giáo viên".into(),
                format!("0209{:06}", 500_000 + i),
                "có".into(),
            ]
        })
        .collect()
}

const NEW_MEMBER_HEADER: [&str; 8] = [
    col::UNIT,
    col::NAME,
    col::YEAR,
    col::GENDER,
    col::ROLE,
    col::POSITION,
    col::PHONE,
    col::TRAINED,
];

#[test]
fn a_problem_after_thousands_of_written_rows_still_leaves_the_database_as_it_was() {
    // An .xlsx is written while it is still being read; a problem in its last row must undo
    // the rows already written.
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let before = env.store().checksum().expect("checksum");
    let before_counts = counts(&env);
    let mut rows = new_members(3000);
    rows.push(rows[0].clone());
    let file = env.path("dai.xlsx");
    write_sheet(&file, &NEW_MEMBER_HEADER, &rows);
    let err = refused(&env, &file);
    assert!(
        err.contains("1 lỗi:") && err.contains("dòng 3002") && err.contains("trùng với dòng 2"),
        "{err}"
    );
    assert_eq!(env.store().checksum().expect("checksum"), before);
    assert_eq!(counts(&env), before_counts);
    // The same as .csv, streamed too.
    let csv = env.path("dai.csv");
    write_csv(&csv, &NEW_MEMBER_HEADER, &rows);
    let err = refused(&env, &csv);
    assert!(
        err.contains("1 lỗi:") && err.contains("dòng 3002") && err.contains("trùng với dòng 2"),
        "{err}"
    );
    assert_eq!(env.store().checksum().expect("checksum"), before);

    // A legacy-encoded cell in the last row sends the file through the whole-sheet reader
    // after rows were written: they are undone first, so each member is added once.
    let mut rows = new_members(3000);
    rows[2999][5] = encode(Encoding::Tcvn3, "Đoàn viên thanh niên");
    // Read whole, the sheet is checked and written row by row too: first with a duplicate at
    // its end, refused and undone.
    let mut with_duplicate = rows.clone();
    with_duplicate.push(rows[0].clone());
    write_sheet(&file, &NEW_MEMBER_HEADER, &with_duplicate);
    let err = refused(&env, &file);
    assert!(
        err.contains("1 lỗi:") && err.contains("dòng 3002") && err.contains("trùng với dòng 2"),
        "{err}"
    );
    assert_eq!(env.store().checksum().expect("checksum"), before);
    write_sheet(&file, &NEW_MEMBER_HEADER, &rows);
    let out = env.ok(&["import", "roster", path_str(&file)]);
    assert!(
        out.contains("đọc 3000 dòng; thêm 3000, cập nhật 0"),
        "{out}"
    );
    assert!(
        out.contains("Cột «Chức vụ, đơn vị công tác» được chuyển từ mã TCVN3 sang Unicode (1 ô)"),
        "{out}"
    );
    assert_eq!(counts(&env).2, before_counts.2 + 3000);
    let last = &rows[2999];
    assert!(
        roster(&env).iter().any(
            |r| r.contains(&format!("| {} | Some({}) |", last[1], last[2]))
                && r.contains("Some(\"Đoàn viên thanh niên\")")
        ),
        "the last member, position in Unicode"
    );
    // The same file again changes nothing.
    let out = env.ok(&["import", "roster", path_str(&file)]);
    assert!(out.contains("thêm 0, cập nhật 0, không đổi 3000"), "{out}");
}

#[test]
fn a_second_leader_found_after_every_row_was_written_refuses_the_file() {
    // The stored Tổ trưởng of Thôn Nam Yên stays unless the file names them; a file giving the
    // team another Tổ trưởng is refused by the check that runs once every row has been read.
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let before = env.store().checksum().expect("checksum");
    let mut rows = new_members(2500);
    rows[1][4] = "Tổ trưởng".into();
    let file = env.path("to-truong.xlsx");
    write_sheet(&file, &NEW_MEMBER_HEADER, &rows);
    let err = refused(&env, &file);
    assert!(
        err.contains("dòng 3") && err.contains("(không có trong tệp); mỗi Tổ chỉ có một Tổ trưởng"),
        "{err}"
    );
    assert_eq!(env.store().checksum().expect("checksum"), before);
}

/// Rewrites an .xlsx so that spreadsheet row `row` comes last in the sheet's XML, as some
/// programs other than Excel write rows (python3's zipfile; the tests need no zip crate).
fn move_row_to_end(file: &Path, row: u32) {
    let script = r#"
import re, sys, zipfile
path, row = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(path) as z:
    entries = [(i, z.read(i.filename)) for i in z.infolist()]
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    for info, data in entries:
        if info.filename == "xl/worksheets/sheet1.xml":
            xml = data.decode("utf-8")
            m = re.search(r'<row r="%s"[ >].*?</row>' % row, xml)
            xml = xml[:m.start()] + xml[m.end():]
            xml = xml.replace("</sheetData>", m.group(0) + "</sheetData>")
            data = xml.encode("utf-8")
        z.writestr(info, data)
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .arg(row.to_string())
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_sheet_whose_rows_are_out_of_order_imports_whole() {
    // Rows are streamed in the order the file gives them; a row that comes back to an
    // earlier line sends the file through the whole-sheet reader, which puts it in its place.
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let before = counts(&env).2;
    let rows = new_members(40);
    let file = env.path("lon-xon.xlsx");
    write_sheet(&file, &NEW_MEMBER_HEADER, &rows);
    move_row_to_end(&file, 2);
    let xml = {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip_entry(&file, "xl/worksheets/sheet1.xml"), &mut s)
            .expect("xml");
        s
    };
    assert!(
        xml.find("<row r=\"2\"") > xml.find("<row r=\"41\""),
        "row 2 is last in the file"
    );
    let out = env.ok(&["import", "roster", path_str(&file)]);
    assert!(out.contains("đọc 40 dòng; thêm 40, cập nhật 0"), "{out}");
    assert_eq!(counts(&env).2, before + 40);
    let first = &rows[0];
    assert!(
        roster(&env).iter().any(|r| r.contains(&format!(
            "| {} | Some({}) | Some(Male) | Some(\"{}\")",
            first[1], first[2], first[6]
        ))),
        "the row moved to the end is imported whole"
    );
    // A duplicate of the moved row is named by its spreadsheet line, not its place in the file.
    let mut rows = rows;
    rows.push(rows[0].clone());
    write_sheet(&file, &NEW_MEMBER_HEADER, &rows);
    move_row_to_end(&file, 2);
    let err = refused(&env, &file);
    assert!(
        err.contains("dòng 42") && err.contains("trùng với dòng 2"),
        "{err}"
    );
}
