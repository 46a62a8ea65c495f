//! Indicators through the command line (issue 4 acceptance): importing a commune's sheet as
//! communes really send it, refusals that list every problem and change nothing, roll-up of
//! periods, the report JSON shape, and the report spreadsheet read back cell by cell.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use serde_json::Value;

use crate::common::Env;

/// The commune sample's villages: (code, name as the registry prints it).
fn villages(env: &Env) -> Vec<(String, String)> {
    let units: Value = serde_json::from_str(&env.ok(&["list", "units", "--json"])).expect("json");
    units
        .as_array()
        .expect("array")
        .iter()
        .filter(|u| u["level"] == "village")
        .map(|u| {
            (
                u["code"].as_str().expect("code").to_string(),
                u["name"].as_str().expect("name").to_string(),
            )
        })
        .collect()
}

fn p(env: &Env, name: &str) -> String {
    env.path(name).to_str().expect("utf-8 path").to_string()
}

/// One cell as a sheet may hold it.
#[derive(Clone)]
enum C {
    Blank,
    Num(f64),
    Text(&'static str),
    Owned(String),
}

/// The indicator columns of the test sheet and their headers as a clerk types them: on two
/// lines, below a merged group header.
const HEADERS: [(&str, &str); 4] = [
    ("citizens_guided", "Số người dân\nđược hướng dẫn"),
    ("training_sessions", "Số buổi hội nghị,\ntập huấn"),
    ("vneid_accounts", "Số tài khoản VNeID\nđược kích hoạt"),
    (
        "online_applications",
        "Số hồ sơ trực tuyến\nđược hướng dẫn nộp",
    ),
];

/// Writes a sheet the way a commune sends it: two title rows, a blank row, a two-level merged
/// header (STT and unit merged down, a group header merged across), then `rows`.
fn commune_sheet(path: &Path, rows: &[(String, Vec<C>)]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, 5, "ỦY BAN NHÂN DÂN XÃ HÒA BẮC", &bold)
        .expect("title");
    ws.merge_range(
        1,
        0,
        1,
        5,
        "KẾT QUẢ HOẠT ĐỘNG TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG QUÝ II NĂM 2024",
        &bold,
    )
    .expect("title");
    ws.merge_range(3, 0, 4, 0, "STT", &bold).expect("stt");
    ws.merge_range(3, 1, 4, 1, "Thôn", &bold).expect("unit");
    ws.merge_range(3, 2, 3, 5, "Kết quả hỗ trợ người dân", &bold)
        .expect("group");
    for (k, (_, h)) in HEADERS.iter().enumerate() {
        ws.write_string(4, 2 + k as u16, *h).expect("header");
    }
    for (i, (unit, cells)) in rows.iter().enumerate() {
        let r = 5 + i as u32;
        if !unit.starts_with("Tổng") {
            ws.write_number(r, 0, (i + 1) as f64).expect("stt");
        }
        ws.write_string(r, 1, unit).expect("unit");
        for (k, c) in cells.iter().enumerate() {
            let col = 2 + k as u16;
            match c {
                C::Blank => {}
                C::Num(n) => {
                    ws.write_number(r, col, *n).expect("number");
                }
                C::Text(t) => {
                    ws.write_string(r, col, *t).expect("text");
                }
                C::Owned(t) => {
                    ws.write_string(r, col, t).expect("text");
                }
            }
        }
    }
    wb.save(path).expect("save sheet");
}

fn report_json(env: &Env, period: &str) -> Value {
    serde_json::from_str(&env.ok(&["report", "--unit", "Hòa Bắc", "--period", period, "--json"]))
        .expect("report json")
}

#[test]
fn commune_sheet_with_wrong_totals_row_imports_true_sums() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let vs = villages(&env);
    assert_eq!(vs.len(), 12);
    // Values per village: citizens as text with a `.` separator, the rest as numbers; village 3
    // left its VNeID cell blank.
    let mut sums = [0i64; 4];
    let mut rows = Vec::new();
    for (i, (_, name)) in vs.iter().enumerate() {
        let i = i as i64;
        let citizens = 1000 + 120 * i + if i == 0 { 10_000 } else { 0 };
        let vals = [citizens, 2 + i % 3, 40 + 5 * i, 20 + i];
        let mut cells = vec![C::Owned(cnscd::vietnamese::format_number(vals[0]))];
        for (k, v) in vals.iter().enumerate().skip(1) {
            if i == 2 && k == 2 {
                cells.push(C::Blank);
            } else {
                sums[k] += v;
                cells.push(C::Num(*v as f64));
            }
        }
        sums[0] += vals[0];
        rows.push((name.clone(), cells));
    }
    assert_eq!(rows[0].1.len(), 4);
    // The first village's citizens are written `11.000`-style text: check the sheet holds 12.480
    // style numbers at all.
    rows[0].1[0] = C::Text("12.480");
    sums[0] += 12_480 - 11_000;
    // Typed totals: right for training and applications, wrong for citizens and VNeID.
    let wrong_citizens = sums[0] - 100;
    let wrong_vneid = sums[2] + 45;
    rows.push((
        "Tổng cộng".to_string(),
        vec![
            C::Owned(cnscd::vietnamese::format_number(wrong_citizens)),
            C::Num(sums[1] as f64),
            C::Num(wrong_vneid as f64),
            C::Num(sums[3] as f64),
        ],
    ));
    let file = env.path("hoa-bac-q2.xlsx");
    commune_sheet(&file, &rows);

    let out = env.ok(&[
        "import",
        "indicators",
        &p(&env, "hoa-bac-q2.xlsx"),
        "--period",
        "2024-Q2",
        "--unit",
        "Hòa Bắc",
    ]);
    use cnscd::vietnamese::format_number as f;
    assert!(
        out.contains(&format!(
            "cột «Số người dân được hướng dẫn»: ghi {}, tính được {}",
            f(wrong_citizens),
            f(sums[0])
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "cột «Số tài khoản VNeID được kích hoạt»: ghi {}, tính được {}",
            f(wrong_vneid),
            f(sums[2])
        )),
        "{out}"
    );
    assert!(
        !out.contains("«Số buổi hội nghị"),
        "training total was right: {out}"
    );
    assert!(!out.contains("ghi 12"), "no other column flagged: {out}");

    let report = report_json(&env, "2024-Q2");
    let totals = &report["totals"];
    for (k, (code, _)) in HEADERS.iter().enumerate() {
        assert_eq!(totals[code], sums[k], "{code}: {report}");
    }
    assert_eq!(totals.as_object().expect("totals").len(), 4, "{report}");
    let rows = report["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 12);
    assert_eq!(rows[0]["values"]["citizens_guided"], 12_480);
    // The blank stays absent, not 0.
    assert!(
        rows[2]["values"].get("vneid_accounts").is_none(),
        "{}",
        rows[2]
    );
    assert_eq!(rows[2]["values"]["online_applications"], 22);
    assert!(report["missing"].as_array().expect("missing").is_empty());
}

#[test]
fn a_bad_file_is_refused_with_every_problem_and_nothing_written() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let vs = villages(&env);
    let before = env.store().checksum().expect("checksum");
    let rows = vec![
        (
            vs[0].1.clone(),
            vec![C::Num(100.0), C::Num(2.0), C::Num(10.0), C::Num(5.0)],
        ),
        (
            "Thôn Không Có".to_string(),
            vec![C::Num(1.0), C::Num(1.0), C::Num(1.0), C::Num(1.0)],
        ),
        (
            vs[1].1.clone(),
            vec![C::Num(90.0), C::Num(-3.0), C::Num(10.0), C::Num(5.0)],
        ),
        (
            vs[2].1.clone(),
            vec![C::Num(80.0), C::Num(1.0), C::Text("mười hai"), C::Num(5.0)],
        ),
        (
            vs[0].1.clone(),
            vec![C::Num(70.0), C::Num(1.0), C::Num(10.0), C::Num(5.0)],
        ),
    ];
    commune_sheet(&env.path("loi.xlsx"), &rows);
    let out = env.run(&[
        "import",
        "indicators",
        &p(&env, "loi.xlsx"),
        "--period",
        "2024-Q2",
        "--unit",
        "Hòa Bắc",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("4 lỗi"), "{err}");
    assert!(
        err.contains("dòng 7") && err.contains("Thôn Không Có"),
        "unknown unit: {err}"
    );
    assert!(
        err.contains("dòng 10") && err.contains("trùng với dòng 6"),
        "duplicate: {err}"
    );
    assert!(
        err.contains("dòng 8") && err.contains("số âm"),
        "negative: {err}"
    );
    assert!(
        err.contains("dòng 9") && err.contains("«mười hai»") && err.contains("không phải số"),
        "text: {err}"
    );
    assert_eq!(env.store().checksum().expect("checksum"), before);
    // A dry run of a good file writes nothing either.
    commune_sheet(&env.path("tot.xlsx"), &rows[..1]);
    let out = env.ok(&[
        "import",
        "indicators",
        &p(&env, "tot.xlsx"),
        "--period",
        "2024-Q2",
        "--unit",
        "Hòa Bắc",
        "--dry-run",
    ]);
    assert!(out.contains("Chạy thử"), "{out}");
    assert_eq!(env.store().checksum().expect("checksum"), before);
}

fn csv(env: &Env, name: &str, body: &str) -> String {
    std::fs::write(env.path(name), body).expect("write csv");
    p(env, name)
}

#[test]
fn quarters_roll_up_and_a_stored_half_is_used_when_quarters_are_absent() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let vs = villages(&env);
    let (a, b) = (&vs[0].1, &vs[1].1);
    let q1 = csv(
        &env,
        "q1.csv",
        &format!("Đơn vị;Số người dân được hướng dẫn\n{a};1.200\n"),
    );
    let q2 = csv(
        &env,
        "q2.csv",
        &format!("Đơn vị;Số người dân được hướng dẫn\n{a};800\n"),
    );
    let h1 = csv(
        &env,
        "h1.csv",
        &format!("Đơn vị;Số người dân được hướng dẫn\n{b};3.000\n"),
    );
    // Without --unit the rows are matched under the office's own unit (the commune).
    env.ok(&["import", "indicators", &q1, "--period", "2024-Q1"]);
    for (file, period) in [(&q2, "2024-Q2"), (&h1, "2024-H1")] {
        env.ok(&[
            "import",
            "indicators",
            file,
            "--period",
            period,
            "--unit",
            "Hòa Bắc",
        ]);
    }
    for period in ["2024-H1", "2024"] {
        let r = report_json(&env, period);
        assert_eq!(
            r["rows"][0]["values"]["citizens_guided"], 2000,
            "{period}: {r}"
        );
        assert_eq!(
            r["rows"][1]["values"]["citizens_guided"], 3000,
            "{period}: {r}"
        );
        assert_eq!(r["totals"]["citizens_guided"], 5000, "{period}: {r}");
        assert_eq!(r["missing"].as_array().expect("missing").len(), 10);
    }
    assert_eq!(
        report_json(&env, "2024-Q1")["totals"]["citizens_guided"],
        1200
    );
    assert!(
        report_json(&env, "2024-H2")["totals"]
            .as_object()
            .expect("totals")
            .is_empty()
    );

    // A corrected Q2 file replaces that unit-period's values; the earlier import stays in the
    // history.
    let fixed = csv(
        &env,
        "q2-sua.csv",
        &format!("Đơn vị;Số người dân được hướng dẫn\n{a};850\n"),
    );
    let out = env.ok(&[
        "import",
        "indicators",
        &fixed,
        "--period",
        "2024-Q2",
        "--unit",
        "Hòa Bắc",
    ]);
    assert!(out.contains("cập nhật 1"), "{out}");
    assert_eq!(
        report_json(&env, "2024-H1")["totals"]["citizens_guided"],
        5050
    );
    let store = env.store();
    let commune = cnscd::store::units::resolve(store.conn(), "Hòa Bắc").expect("commune");
    let history = cnscd::store::indicators::imports(
        store.conn(),
        commune.id,
        "2024-Q2".parse().expect("period"),
    )
    .expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].file_name, "q2.csv");
    assert_eq!(history[1].file_name, "q2-sua.csv");
    assert_eq!(history[1].sha256.len(), 64);
}

#[test]
fn report_json_shape_and_spreadsheet_read_back() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let vs = villages(&env);
    let mut body = "STT,Thôn,Số người dân được hướng dẫn,Số buổi tập huấn\n".to_string();
    for (i, (_, name)) in vs.iter().enumerate().take(10) {
        let training = if i == 4 {
            String::new()
        } else {
            (i % 4 + 1).to_string()
        };
        body.push_str(&format!(
            "{},{name},\"{}\",{training}\n",
            i + 1,
            1000 + 17 * i
        ));
    }
    let file = csv(&env, "h1.csv", &body);
    env.ok(&[
        "import",
        "indicators",
        &file,
        "--period",
        "2024-H1",
        "--unit",
        "Hòa Bắc",
    ]);
    let xlsx = p(&env, "bao-cao.xlsx");
    let json: Value = serde_json::from_str(&env.ok(&[
        "report",
        "--unit",
        "Hòa Bắc",
        "--period",
        "2024-H1",
        "--json",
        "-o",
        &xlsx,
    ]))
    .expect("json");

    // Exactly the shape of interfaces.md §5.
    let keys: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["missing", "period", "rows", "totals", "unit"]);
    assert_eq!(json["period"], "2024-H1");
    assert_eq!(json["unit"]["name"], "Xã Hòa Bắc");
    assert_eq!(json["unit"].as_object().expect("unit").len(), 2);
    assert!(json["unit"]["code"].is_string());
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 12);
    for r in rows {
        let mut k: Vec<&String> = r.as_object().expect("row").keys().collect();
        k.sort();
        assert_eq!(k, ["unit", "values"]);
    }
    let missing = json["missing"].as_array().expect("missing");
    assert_eq!(missing.len(), 2);
    assert_eq!(missing[0]["name"], rows[10]["unit"]["name"]);
    assert_eq!(
        json["totals"]["citizens_guided"],
        (0..10).map(|i| 1000 + 17 * i).sum::<i64>()
    );

    // The spreadsheet holds the same numbers, blanks blank, and a SUM formula in the totals row.
    let mut wb = open_workbook_auto(&xlsx).expect("open report");
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).expect("range");
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let text = |r: u32, c: u32| match cell(r, c) {
        Data::String(s) => s,
        other => format!("{other:?}"),
    };
    assert!(
        text(1, 0).starts_with("(Kèm theo Báo cáo số"),
        "{}",
        text(1, 0)
    );
    assert_eq!(text(4, 0), "STT");
    // Columns in catalogue order: training sessions (code 1) before citizens guided (code 3).
    assert!(text(5, 2).starts_with("Số buổi hội nghị, tập huấn"));
    assert!(text(5, 3).starts_with("Số người dân được hướng dẫn"));
    for (i, r) in rows.iter().enumerate() {
        let row = 6 + i as u32;
        assert_eq!(text(row, 1), r["unit"]["name"].as_str().expect("name"));
        for (col, code) in [(2, "training_sessions"), (3, "citizens_guided")] {
            match r["values"].get(code) {
                Some(v) => assert_eq!(cell(row, col), Data::Float(v.as_f64().expect("n"))),
                None => assert_eq!(cell(row, col), Data::Empty, "row {row} {code}"),
            }
        }
    }
    let total_row = 6 + rows.len() as u32;
    assert_eq!(text(total_row, 1), "Tổng cộng");
    assert_eq!(
        cell(total_row, 2),
        Data::Float(json["totals"]["training_sessions"].as_f64().expect("n"))
    );
    assert_eq!(
        cell(total_row, 3),
        Data::Float(json["totals"]["citizens_guided"].as_f64().expect("n"))
    );
    let formulas = wb.worksheet_formula(&sheet).expect("formulas");
    let f = formulas
        .get_value((total_row, 2))
        .cloned()
        .unwrap_or_default();
    assert_eq!(f.trim_start_matches('='), format!("SUM(C7:C{})", total_row));

    // Printed as offices print it: A4 landscape, header rows repeated.
    if crate::common::require_tool("unzip") {
        let out = std::process::Command::new("unzip")
            .args(["-p", &xlsx])
            .output()
            .expect("unzip");
        let xml = String::from_utf8_lossy(&out.stdout);
        assert!(xml.contains("paperSize=\"9\""), "A4");
        assert!(xml.contains("orientation=\"landscape\""));
        assert!(xml.contains("_xlnm.Print_Titles"), "repeated header rows");
        assert!(xml.contains("#,##0"));
    }
}

#[test]
fn the_entry_sheet_imports_back_as_it_is() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let mau = p(&env, "mau.xlsx");
    let out = env.ok(&[
        "export",
        "indicators",
        "-o",
        &mau,
        "--unit",
        "Hòa Bắc",
        "--period",
        "2024-Q3",
    ]);
    assert!(out.contains("12 đơn vị"), "{out}");
    let before = env.store().checksum().expect("checksum");
    let out = env.ok(&[
        "import",
        "indicators",
        &mau,
        "--period",
        "2024-Q3",
        "--unit",
        "Hòa Bắc",
    ]);
    assert!(out.contains("12 đơn vị chưa có số liệu"), "{out}");
    assert_eq!(env.store().checksum().expect("checksum"), before);
    if crate::common::require_tool("unzip") {
        let out = std::process::Command::new("unzip")
            .args(["-p", &mau, "xl/worksheets/sheet1.xml"])
            .output()
            .expect("unzip");
        let xml = String::from_utf8_lossy(&out.stdout);
        assert!(
            xml.contains("type=\"whole\"") && xml.contains("operator=\"greaterThanOrEqual\""),
            "whole numbers ≥ 0: {xml}"
        );
    }
    // Read back with calamine: the units are listed with their codes under the header.
    let mut wb = open_workbook_auto(&mau).expect("open");
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).expect("range");
    assert_eq!(
        range.get_value((3, 2)),
        Some(&Data::String("Đơn vị".into()))
    );
    assert_eq!(range.get_value((4, 0)), Some(&Data::Float(1.0)));
    let villages = villages(&env);
    assert_eq!(
        range.get_value((4, 1)),
        Some(&Data::String(villages[0].0.clone()))
    );
}

/// A commune's indicator report as its office types it, not an export of this program: the
/// national header beside the office's name, a title, «Kết quả thực hiện» merged over the
/// indicators on a second header row (STT and «Thôn» merged down), a row of column numbers,
/// villages grouped under two «khu vực» section rows each closed by a «Cộng» subtotal, a grand
/// total with one typo, a note and the signature block.
fn realistic_sheet(path: &Path, vs: &[(String, String)], bad: Option<&str>) -> [[i64; 4]; 6] {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 2, "ỦY BAN NHÂN DÂN", &f)
        .expect("t");
    ws.merge_range(0, 3, 0, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", &f)
        .expect("t");
    ws.merge_range(1, 0, 1, 2, "XÃ HÒA BẮC", &f).expect("t");
    ws.merge_range(1, 3, 1, 6, "Độc lập - Tự do - Hạnh phúc", &f)
        .expect("t");
    ws.merge_range(
        3,
        0,
        3,
        6,
        "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG 6 THÁNG ĐẦU NĂM 2025",
        &f,
    )
    .expect("t");
    ws.merge_range(5, 0, 6, 0, "STT", &f).expect("h");
    ws.merge_range(5, 1, 6, 1, "Thôn", &f).expect("h");
    ws.merge_range(5, 2, 5, 5, "Kết quả thực hiện", &f)
        .expect("h");
    for (k, (_, h)) in HEADERS.iter().enumerate() {
        ws.write_string(6, 2 + k as u16, *h).expect("h");
    }
    ws.merge_range(5, 6, 6, 6, "Ghi chú", &f).expect("h");
    for c in 0..7u16 {
        ws.write_string(7, c, format!("({})", c + 1)).expect("n");
    }
    let values: [[i64; 4]; 6] = [
        [1250, 3, 430, 85],
        [980, 2, 365, 60],
        [1105, 4, 402, 71],
        [2140, 5, 890, 150],
        [1760, 3, 712, 133],
        [905, 1, 388, 64],
    ];
    let mut r = 8u32;
    let mut totals = [0i64; 4];
    for (part, roman) in [(0usize, "I"), (1, "II")] {
        let label = if part == 0 {
            "Khu vực trung tâm xã"
        } else {
            "Khu vực miền núi"
        };
        ws.write_string(r, 0, roman).expect("s");
        ws.write_string(r, 1, label).expect("s");
        r += 1;
        let mut sub = [0i64; 4];
        for j in 0..3 {
            let i = part * 3 + j;
            ws.write_number(r, 0, (j + 1) as f64).expect("stt");
            ws.write_string(r, 1, &vs[i].1).expect("unit");
            for (k, v) in values[i].iter().enumerate() {
                match bad {
                    Some(text) if i == 4 && k == 1 => {
                        ws.write_string(r, 2 + k as u16, text).expect("v");
                    }
                    _ => {
                        ws.write_number(r, 2 + k as u16, *v as f64).expect("v");
                    }
                }
                sub[k] += v;
                totals[k] += v;
            }
            r += 1;
        }
        ws.write_string(r, 1, format!("Cộng khu vực {roman}"))
            .expect("c");
        for (k, v) in sub.iter().enumerate() {
            ws.write_number(r, 2 + k as u16, *v as f64).expect("c");
        }
        r += 1;
    }
    ws.write_string(r, 1, "Tổng cộng").expect("t");
    for (k, v) in totals.iter().enumerate() {
        // The typo: the VNeID total typed 3.178 for 3.187.
        let typed = if k == 2 { *v - 9 } else { *v };
        ws.write_number(r, 2 + k as u16, typed as f64).expect("t");
    }
    ws.write_string(r + 2, 0, "Ghi chú: số liệu tính đến ngày 30/6/2025.")
        .expect("n");
    ws.write_string(r + 4, 4, "Hòa Bắc, ngày 02 tháng 7 năm 2025")
        .expect("s");
    ws.write_string(r + 5, 1, "NGƯỜI LẬP BIỂU").expect("s");
    ws.write_string(r + 5, 4, "TM. ỦY BAN NHÂN DÂN").expect("s");
    ws.write_string(r + 9, 1, "Lê Thị Thu").expect("s");
    ws.write_string(r + 9, 4, "Nguyễn Văn Bình").expect("s");
    wb.save(path).expect("save");
    values
}

#[test]
fn a_realistic_commune_sheet_reads_through_the_sheet_reader() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let vs = villages(&env);
    let file = env.path("bao-cao-6-thang.xlsx");
    let values = realistic_sheet(&file, &vs, None);
    let import = |file: &str| {
        env.run(&[
            "import",
            "indicators",
            file,
            "--period",
            "2020-H1",
            "--unit",
            "Hòa Bắc",
        ])
    };
    let out = import(&p(&env, "bao-cao-6-thang.xlsx"));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{text}{err}");
    // How it was read: the two header rows, each column's field.
    assert!(text.contains("Dòng tiêu đề: 6–7"), "{text}");
    assert!(
        text.contains("C «Kết quả thực hiện › Số người dân"),
        "{text}"
    );
    // Every row left out is listed with its line and reason.
    for line in [8, 13, 18, 19, 21, 23, 24, 28] {
        assert!(
            text.contains(&format!("Dòng {line}: bỏ qua")),
            "{line}: {text}"
        );
    }
    assert!(text.contains("dòng cộng «Cộng khu vực I»"), "{text}");
    assert!(text.contains("dòng cộng «Cộng khu vực II»"), "{text}");
    assert!(
        text.contains("dòng tổng (dòng 19) sai ở cột «Số tài khoản VNeID được kích hoạt»: ghi 3.178, tính được 3.187"),
        "{text}"
    );
    // The values, village by village.
    let report = report_json(&env, "2020-H1");
    let rows = report["rows"].as_array().expect("rows");
    for (i, vals) in values.iter().enumerate() {
        let row = rows
            .iter()
            .find(|r| r["unit"]["name"] == vs[i].1.as_str())
            .unwrap_or_else(|| panic!("{}: {report}", vs[i].1));
        for (k, (code, _)) in HEADERS.iter().enumerate() {
            assert_eq!(row["values"][code], vals[k], "{} {code}", vs[i].1);
        }
    }
    assert_eq!(report["totals"]["vneid_accounts"], 3187);
    // A value that is not a number refuses the whole sheet, naming its cell; nothing written.
    let bad = env.path("loi-6-thang.xlsx");
    realistic_sheet(&bad, &vs, Some("hai buổi"));
    let before = env.store().checksum().expect("checksum");
    let out = import(&p(&env, "loi-6-thang.xlsx"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("dòng 16") && err.contains("«hai buổi»") && err.contains("không phải số"),
        "{err}"
    );
    assert_eq!(env.store().checksum().expect("checksum"), before);
}

#[test]
fn an_indicator_csv_names_its_encoding() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let vs = villages(&env);
    let file = env.path("chi-tieu.csv");
    let mut text =
        String::from("\u{feff}BÁO CÁO CHỈ TIÊU\n\nSTT,Thôn,Số người dân được hướng dẫn\n");
    text.push_str(&format!(
        "1,{},120\n2,{},80\nTổng cộng,,200\n",
        vs[0].1, vs[1].1
    ));
    std::fs::write(&file, text).expect("write");
    let out = env.ok(&[
        "import",
        "indicators",
        &p(&env, "chi-tieu.csv"),
        "--period",
        "2020-H1",
        "--unit",
        "Hòa Bắc",
    ]);
    assert!(out.contains("Bảng mã: UTF-8 (có BOM)"), "{out}");
    assert!(out.contains("dòng tổng (dòng 5) khớp"), "{out}");
    let report = report_json(&env, "2020-H1");
    assert_eq!(report["totals"]["citizens_guided"], 200);
}
