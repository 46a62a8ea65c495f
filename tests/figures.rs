//! The figures of a report read as a clerk reads them, on the district sample: the year to date
//! ends with the period, people counted never exceed the people there are, the registry is
//! counted as of the period's end, numbers carry «.» thousands and names their capitals.

use std::path::Path;

use crate::common::{Env, require_tool};

/// The text of a PDF (`pdftotext -layout`).
fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The district sample, made as of 26/11/2026 (values for 2025 and 2026's ended quarters).
fn district() -> Env {
    let env = Env::new();
    let out = crate::common::run_in(&env.data(), &["sample", "--scale", "district"]);
    assert!(out.status.success());
    env
}

fn parse(n: &str) -> i64 {
    n.replace('.', "").parse().expect("number")
}

/// The appendix row of `label`: (in the period, year to date).
fn row(text: &str, label: &str) -> (i64, i64) {
    let line = text
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no row {label}:\n{text}"));
    let nums: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .collect();
    let n = nums.len();
    (parse(nums[n - 2]), parse(nums[n - 1]))
}

/// The members the report's body counts («với 1.300 thành viên»).
fn members_in_body(text: &str) -> i64 {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = flat
        .find(" thành viên (trong đó")
        .expect("members sentence");
    let before = &flat[..at];
    parse(before.rsplit(' ').next().expect("number"))
}

fn report(env: &Env, period: &str) -> String {
    let file = env.path(&format!("bc-{period}.pdf"));
    env.ok(&[
        "draft",
        "report",
        "--unit",
        "497",
        "--period",
        period,
        "-o",
        file.to_str().expect("path"),
    ]);
    pdf_text(&file)
}

#[test]
fn the_year_to_date_ends_with_the_period_and_people_never_exceed_the_members() {
    if !require_tool("pdftotext") {
        return;
    }
    let env = district();
    let q1 = report(&env, "2025-Q1");
    let q2 = report(&env, "2025-Q2");
    let h1 = report(&env, "2025-H1");
    let sessions = "Số buổi hội nghị, tập huấn";
    let (q1_in, q1_ytd) = row(&q1, sessions);
    assert_eq!(q1_in, q1_ytd, "Q1's year to date is Q1");
    let (q2_in, q2_ytd) = row(&q2, sessions);
    assert_eq!(q2_ytd, q1_in + q2_in, "Q2's year to date is Q1 + Q2");
    let (h1_in, h1_ytd) = row(&h1, sessions);
    assert_eq!((h1_in, h1_ytd), (q1_in + q2_in, q1_in + q2_in));
    for text in [&q1, &q2, &h1] {
        let members = members_in_body(text);
        assert_eq!(members, 1300);
        let (trained, trained_ytd) = row(text, "Số thành viên Tổ được tập huấn");
        assert!(
            trained <= members && trained_ytd <= members,
            "{trained}/{trained_ytd} trained of {members}"
        );
        // Counted people are not summed over quarters: H1's figure is not Q1's plus Q2's.
        let (ocop, _) = row(text, "Số sản phẩm OCOP của địa phương");
        let (online, _) = row(text, "Số sản phẩm OCOP được đưa lên sàn TMĐT");
        assert!(online <= ocop, "part {online} over whole {ocop}");
        // Numbers carry «.» thousands in running text, names their capitals, percentages no
        // space.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("với 1.300 thành viên"), "{flat}");
        assert!(
            flat.contains("Phòng Văn hóa và Thông tin báo cáo"),
            "{flat}"
        );
        assert!(flat.contains("100% thôn"), "{flat}");
    }
    let (q1_trained, _) = row(&q1, "Số thành viên Tổ được tập huấn");
    let (q2_trained, _) = row(&q2, "Số thành viên Tổ được tập huấn");
    let (_, h1_trained_ytd) = row(&h1, "Số thành viên Tổ được tập huấn");
    assert_ne!(
        h1_trained_ytd,
        q1_trained + q2_trained,
        "people summed over quarters"
    );
}

#[test]
fn a_member_who_joined_after_the_quarter_is_not_in_its_report() {
    if !require_tool("pdftotext") {
        return;
    }
    let env = district();
    {
        let store = env.store();
        let team: i64 = store
            .conn()
            .query_row("SELECT min(id) FROM teams", [], |r| r.get(0))
            .expect("team");
        cnscd::store::members::add(
            store.conn(),
            &cnscd::model::NewMember {
                full_name: "Lê Văn Mới".into(),
                year_of_birth: Some(1990),
                gender: None,
                phone: None,
                email: None,
                position: None,
                trained: false,
                team_id: team,
                role: None,
                joined_on: chrono::NaiveDate::from_ymd_opt(2025, 10, 1),
                joined_decision: None,
            },
        )
        .expect("add member");
    }
    assert_eq!(members_in_body(&report(&env, "2025-Q3")), 1300);
    assert_eq!(members_in_body(&report(&env, "2025-Q4")), 1301);
}

#[test]
fn a_plans_targets_set_by_command_print_in_section_ii_beside_last_years_results() {
    if !require_tool("pdftotext") {
        return;
    }
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    env.ok(&[
        "target",
        "set",
        "--unit",
        "Hòa Bắc",
        "--year",
        "2026",
        "--indicator",
        "citizens_guided",
        "--value",
        "12480",
    ]);
    let list = env.ok(&[
        "target",
        "list",
        "--unit",
        "Hòa Bắc",
        "--year",
        "2026",
        "--json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&list).expect("json");
    let row = rows
        .as_array()
        .expect("array")
        .iter()
        .find(|r| r["indicator"] == "citizens_guided")
        .expect("the target set");
    assert_eq!(row["target"], 12480);
    // An unknown indicator is refused, naming it.
    let bad = env.run(&[
        "target",
        "set",
        "--unit",
        "Hòa Bắc",
        "--year",
        "2026",
        "--indicator",
        "khong_co",
        "--value",
        "1",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("khong_co"));
    let file = env.path("kh.pdf");
    env.ok(&[
        "draft",
        "plan",
        "--unit",
        "Hòa Bắc",
        "--year",
        "2026",
        "-o",
        file.to_str().expect("path"),
    ]);
    let text = pdf_text(&file);
    let section: String = text
        .split("II. CHỈ TIÊU")
        .nth(1)
        .and_then(|s| s.split("III. NHIỆM VỤ").next())
        .expect("§II")
        .to_string();
    let line = section
        .lines()
        .find(|l| l.contains("Số người dân được hướng dẫn"))
        .unwrap_or_else(|| panic!("no target row in §II:\n{section}"));
    assert!(line.trim_end().ends_with("12.480"), "{line}");
    assert!(
        section.contains("Chỉ tiêu của xã Hòa Bắc năm 2026"),
        "{section}"
    );
}

#[test]
fn deadlines_and_the_offices_own_indicators_are_set_on_the_command_line() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    env.ok(&[
        "deadline",
        "set",
        "--period",
        "2026-Q4",
        "--date",
        "15/12/2026",
    ]);
    env.ok(&[
        "indicator",
        "add",
        "--code",
        "vssid_installs",
        "--label",
        "Số lượt cài đặt VssID",
        "--measure",
        "lượt",
        "--summable",
        "có",
    ]);
    let store = env.store();
    let due: String = store
        .conn()
        .query_row(
            "SELECT due FROM report_deadlines WHERE period = '2026-Q4' AND level = 'village'",
            [],
            |r| r.get(0),
        )
        .expect("deadline");
    assert_eq!(due, "2026-12-15");
    let catalogue = cnscd::store::indicators::catalogue(store.conn()).expect("catalogue");
    assert!(
        catalogue
            .by_code("vssid_installs")
            .is_some_and(|i| i.summable)
    );
    // The same code twice is refused.
    let again = env.run(&[
        "indicator",
        "add",
        "--code",
        "vssid_installs",
        "--label",
        "Khác",
        "--measure",
        "lượt",
    ]);
    assert_eq!(again.status.code(), Some(1));
}

/// The numbers of a `pdftotext -layout` line after its text.
fn numbers(line: &str) -> Vec<i64> {
    line.split_whitespace()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit() || c == '.') && w != &".")
        .map(parse)
        .collect()
}

#[test]
fn the_report_has_a_table_by_unit_with_a_total_row_inside_the_pdf() {
    if !require_tool("pdftotext") {
        return;
    }
    let env = district();
    let text = report(&env, "2025-Q1");
    let table: Vec<&str> = text
        .split("THEO ĐƠN VỊ")
        .nth(1)
        .and_then(|s| s.split("DANH SÁCH TỔ").next())
        .expect("the table by unit")
        .lines()
        .collect();
    // The communes of the district, one row each (STT, name, 14 values).
    let rows: Vec<Vec<i64>> = table
        .iter()
        .filter(|l| l.contains("Xã ") || l.contains("Phường "))
        .map(|l| numbers(l)[1..].to_vec())
        .collect();
    assert_eq!(rows.len(), 15, "{table:?}");
    let total = numbers(
        table
            .iter()
            .find(|l| l.contains("Tổng cộng"))
            .expect("a total row"),
    );
    assert_eq!(total.len(), rows[0].len());
    for (k, t) in total.iter().enumerate() {
        let sum: i64 = rows.iter().map(|r| r[k]).sum();
        assert_eq!(*t, sum, "column {k}");
    }
    // The total row agrees with the report's own figures (sessions in Phụ lục I).
    assert_eq!(total[0], row(&text, "Số buổi hội nghị, tập huấn").0);
}

#[test]
fn section_texts_from_a_file_and_the_requesting_document_print_in_the_report() {
    if !require_tool("pdftotext") {
        return;
    }
    let env = district();
    let sections = env.path("muc.txt");
    std::fs::write(
        &sections,
        "## III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n\
         Việc hướng dẫn người dân ở các thôn vùng cao còn chậm do sóng di động yếu.\n\
         - Thôn Tà Lang chưa có điểm phát sóng 4G\n\
         ## VI. ĐỀ XUẤT, KIẾN NGHỊ\n\
         Đề nghị Sở Khoa học và Công nghệ hỗ trợ 20 điện thoại thông minh cho các Tổ./.\n",
    )
    .expect("write");
    let file = env.path("bc.pdf");
    env.ok(&[
        "draft",
        "report",
        "--unit",
        "497",
        "--period",
        "2025-Q1",
        "--sections",
        sections.to_str().expect("path"),
        "--theo",
        "Công văn số 123/STTTT-CĐS ngày 05/3/2025 của Sở Thông tin và Truyền thông",
        "-o",
        file.to_str().expect("path"),
    ]);
    let flat = pdf_text(&file)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("Thực hiện Công văn số 123/STTTT-CĐS ngày 05/3/2025"),
        "{flat}"
    );
    assert!(flat.contains("còn chậm do sóng di động yếu."), "{flat}");
    assert!(
        flat.contains("- Thôn Tà Lang chưa có điểm phát sóng 4G"),
        "{flat}"
    );
    assert!(
        flat.contains("hỗ trợ 20 điện thoại thông minh cho các Tổ./."),
        "{flat}"
    );
    // The sections not in the file keep the template's words, with the figures quoted.
    assert!(flat.contains("IV. BÀI HỌC KINH NGHIỆM"), "{flat}");
    assert!(flat.contains("Hướng dẫn 30.556 lượt người dân") || flat.contains("lượt người dân"));
    // The template's own text of a replaced section is gone.
    assert!(
        !flat.contains("kinh phí hoạt động của Tổ chưa được bố trí ổn định"),
        "{flat}"
    );
}

/// The figures the report's body quotes, each as (the words that follow the number in the body,
/// the indicator's row in Phụ lục I).
const QUOTED: &[(&str, &str)] = &[
    ("buổi hội nghị, tập huấn", "Số buổi hội nghị, tập huấn"),
    (
        "thành viên Tổ được tập huấn",
        "Số thành viên Tổ được tập huấn",
    ),
    (
        "lượt người về an toàn thông tin",
        "Số lượt người được hướng dẫn an toàn thông tin",
    ),
    (
        "lượt người dân sử dụng dịch vụ số",
        "Số người dân được hướng dẫn",
    ),
    (
        "tài khoản dịch vụ công trực tuyến",
        "Số tài khoản dịch vụ công trực tuyến được tạo",
    ),
    (
        "tài khoản định danh điện tử VNeID",
        "Số tài khoản VNeID được kích hoạt",
    ),
    (
        "hồ sơ trực tuyến;",
        "Số hồ sơ trực tuyến được hướng dẫn nộp",
    ),
    (
        "hộ gia đình được hướng dẫn",
        "Số hộ gia đình được hướng dẫn",
    ),
    (
        "tài khoản thanh toán, ví điện tử",
        "Số tài khoản thanh toán, ví điện tử được mở",
    ),
    (
        "điểm, cửa hàng thanh toán",
        "Số điểm, cửa hàng thanh toán không dùng tiền mặt",
    ),
    (
        "sản phẩm lên sàn thương mại điện tử",
        "Số sản phẩm đưa lên sàn thương mại điện tử",
    ),
];

/// The part of `text` between `from` and `to` (to the end when `to` is absent).
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no «{from}»:\n{text}"));
    let rest = &text[start + from.len()..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

/// The number the body writes just before `words` (`321 buổi hội nghị, tập huấn`).
fn quoted(body: &str, words: &str) -> i64 {
    let at = body
        .find(words)
        .unwrap_or_else(|| panic!("the body does not quote «{words}»:\n{body}"));
    parse(body[..at].split_whitespace().last().expect("a number"))
}

/// Checks every figure the body of the report in `text` quotes against its appendices: each
/// indicator against Phụ lục I's «Trong kỳ» and Phụ lục II's total row, the teams and members
/// against the list of teams in Phụ lục III.
fn body_agrees_with_appendices(text: &str, what: &str) {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let body = between(&flat, "như sau:", "Nơi nhận:");
    // Phụ lục I: the labels in order (the columns of Phụ lục II) and their «Trong kỳ».
    let first = between(text, "Lũy kế từ", "Phụ lục II");
    let appendix_one: Vec<(String, i64)> = first
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .map(|l| {
            let label: String = l
                .split_whitespace()
                .skip(1)
                .take_while(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
                .collect::<Vec<_>>()
                .join(" ");
            (label, row(l, "").0)
        })
        .collect();
    assert!(appendix_one.len() >= QUOTED.len(), "{what}: {first}");
    let by_unit = between(text, "THEO ĐƠN VỊ", "Phụ lục III");
    let total = numbers(
        by_unit
            .lines()
            .find(|l| l.contains("Tổng cộng"))
            .expect("the total row of Phụ lục II"),
    );
    assert_eq!(total.len(), appendix_one.len(), "{what}: {by_unit}");
    for (words, label) in QUOTED {
        let k = appendix_one
            .iter()
            .position(|(l, _)| l.starts_with(label))
            .unwrap_or_else(|| panic!("{what}: no «{label}» in Phụ lục I:\n{first}"));
        let in_body = quoted(body, words);
        assert_eq!(
            in_body, appendix_one[k].1,
            "{what}: «{words}», body vs Phụ lục I"
        );
        assert_eq!(
            in_body, total[k],
            "{what}: «{words}», body vs Phụ lục II's total"
        );
    }
    // Teams and members against the list of teams.
    let teams_in_body = quoted(body, "Tổ Công nghệ số cộng đồng với");
    let members_in_body = members_in_body(text);
    let list = between(text, "DANH SÁCH TỔ CÔNG NGHỆ SỐ", "\u{0}");
    let (teams, members): (i64, i64) = if list.contains("thành viên)") {
        // A commune's list: one heading a team, «1. Tổ … (5 thành viên)».
        let heads: Vec<i64> = list
            .lines()
            .filter_map(|l| l.trim_end().strip_suffix(" thành viên)"))
            .map(|l| parse(l.rsplit('(').next().expect("count")))
            .collect();
        (heads.len() as i64, heads.iter().sum())
    } else {
        // A district's: one row a team, its members in the last column.
        let rows: Vec<i64> = list
            .lines()
            .filter(|l| {
                l.trim_start().starts_with(|c: char| c.is_ascii_digit())
                    && l.contains("Tổ Công nghệ số cộng đồng")
            })
            .map(|l| *numbers(l).last().expect("members"))
            .collect();
        (rows.len() as i64, rows.iter().sum())
    };
    assert_eq!(teams_in_body, teams, "{what}: teams, body vs Phụ lục III");
    assert_eq!(
        members_in_body, members,
        "{what}: members, body vs Phụ lục III"
    );
    // People trained in the period never exceed the members at its end.
    assert!(quoted(body, "thành viên Tổ được tập huấn") <= members_in_body);
}

#[test]
fn every_figure_the_body_quotes_is_the_one_its_appendices_print() {
    if !require_tool("pdftotext") {
        return;
    }
    let commune = Env::new();
    commune.ok(&["sample", "--scale", "commune"]);
    let file = commune.path("bc.pdf");
    commune.ok(&[
        "draft",
        "report",
        "--unit",
        "Hòa Bắc",
        "--period",
        "2025-Q1",
        "-o",
        file.to_str().expect("path"),
    ]);
    body_agrees_with_appendices(&pdf_text(&file), "xã, quý I");
    let district = district();
    for period in ["2025-Q1", "2025-H1"] {
        body_agrees_with_appendices(&report(&district, period), period);
    }
}

/// A word of `pdftotext -bbox`: (x min, y min, x max, text, height).
type Boxed = (f64, f64, f64, String, f64);

/// The size and the words of page `page` (1-based) of a PDF, by `pdftotext -bbox`.
fn page_words(path: &Path, page: usize) -> ((f64, f64), Vec<Boxed>) {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext -bbox");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).expect("utf-8");
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        tag[at..]
            .split('"')
            .next()
            .expect("value")
            .parse()
            .expect("number")
    };
    let page_tag = html.lines().find(|l| l.contains("<page ")).expect("page");
    let size = (attr(page_tag, "width"), attr(page_tag, "height"));
    let words = html
        .lines()
        .filter(|l| l.contains("<word "))
        .map(|l| {
            let text = l
                .split('>')
                .nth(1)
                .and_then(|t| t.split('<').next())
                .expect("text");
            (
                attr(l, "xMin"),
                attr(l, "yMin"),
                attr(l, "xMax"),
                text.to_string(),
                attr(l, "yMax") - attr(l, "yMin"),
            )
        })
        .collect();
    (size, words)
}

#[test]
fn the_table_by_unit_fits_a_landscape_page_with_short_headers_and_numbers_right_aligned() {
    if !require_tool("pdftotext") {
        return;
    }
    let env = district();
    let file = env.path("bc.pdf");
    env.ok(&[
        "draft",
        "report",
        "--unit",
        "497",
        "--period",
        "2025-Q1",
        "-o",
        file.to_str().expect("path"),
    ]);
    let text = pdf_text(&file);
    let page = 1 + text
        .split('\u{c}')
        .position(|p| p.contains("THEO ĐƠN VỊ"))
        .expect("the page of Phụ lục II");
    let ((width, height), words) = page_words(&file, page);
    assert!(width > height, "Phụ lục II is landscape: {width}×{height}");
    // Inside the page: nothing within 10 mm of either edge.
    let edge = 10.0 * 72.0 / 25.4;
    for (x0, _, x1, w, _) in &words {
        assert!(
            *x0 >= edge && *x1 <= width - edge,
            "«{w}» at {x0}..{x1} of {width}"
        );
    }
    // The lines of the page, top down, each as its words left to right.
    let mut lines: Vec<(f64, Vec<&Boxed>)> = Vec::new();
    for w in &words {
        match lines.iter_mut().find(|(y, _)| (y - w.1).abs() < 2.0) {
            Some((_, l)) => l.push(w),
            None => lines.push((w.1, vec![w])),
        }
    }
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    let has = |l: &[&Boxed], s: &str| l.iter().any(|w| w.3 == s);
    let head_top = lines
        .iter()
        .position(|(_, l)| has(l, "STT") || has(l, "Số"))
        .expect("the header row");
    let first_row = lines
        .iter()
        .position(|(_, l)| has(l, "Phường") || has(l, "Xã"))
        .expect("the first unit");
    // Long headers over short numbers: the columns evened out so that the header row is at
    // most nine lines of its text tall (it was twelve, its longest header on fourteen lines
    // beside columns whose header took two).
    let line = lines[head_top].1[0].4;
    let tall = (lines[first_row].0 - lines[head_top].0) / line;
    assert!(tall <= 9.0, "the header row is {tall:.1} lines tall");
    // Numbers right-aligned, column for column: each unit's values end where the total row's do.
    let number = |w: &&&Boxed| w.3.chars().all(|c| c.is_ascii_digit() || c == '.');
    let total: Vec<f64> = lines
        .iter()
        .find(|(_, l)| has(l, "Tổng"))
        .expect("the total row")
        .1
        .iter()
        .filter(number)
        .map(|w| w.2)
        .collect();
    assert_eq!(total.len(), 14);
    let rows: Vec<Vec<f64>> = lines[first_row..]
        .iter()
        .filter(|(_, l)| has(l, "Phường") || has(l, "Xã"))
        .map(|(_, l)| l.iter().filter(number).skip(1).map(|w| w.2).collect())
        .collect();
    assert_eq!(rows.len(), 15);
    for r in &rows {
        assert_eq!(r.len(), total.len());
        for (a, b) in r.iter().zip(&total) {
            assert!((a - b).abs() < 1.0, "{r:?} against {total:?}");
        }
    }
}
