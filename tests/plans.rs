//! Plans from the office's data, read as a clerk reads the PDF: each member's task typed in the
//! window's «Phân công nhiệm vụ…» form or with `cnscd member task` printed against their name
//! in the appendix, the role's default for the others.

use std::path::Path;
use std::sync::Arc;

use cnscd::app::context::Clock;
use cnscd::app::dialogs::Scripted;
use cnscd::app::screen::documents::tasks::{self, area_id, task_id};
use cnscd::app::screen::documents::{KindChoice, Message as Doc};
use cnscd::app::{App, Message, Phase, text as t};
use cnscd::ops::Workspace;

use crate::app::{click, deliver, drive, screenshot, shows, type_into};
use crate::common::{self, Env};

/// A PDF's text with its layout kept (a table row stays on its lines).
pub fn layout_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The words of the appendix row of `name`: its line and the two lines above and below (a cell
/// of several lines sets the name in their middle), whitespace collapsed.
pub fn row_of(text: &str, name: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains(name))
        .unwrap_or_else(|| panic!("{name} is not in the plan:\n{text}"));
    let from = i.saturating_sub(2);
    let to = (i + 3).min(lines.len());
    lines[from..to]
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the words of `phrase` appear in `row` in their order (a cell wraps them around the
/// name's line).
pub fn has_words(row: &str, phrase: &str) -> bool {
    let mut words = row.split_whitespace();
    phrase.split_whitespace().all(|w| words.any(|r| r == w))
}

/// Today as `CNSCD_TODAY` takes it.
fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

fn this_year() -> i32 {
    chrono::Datelike::year(&chrono::Local::now().date_naive())
}

/// Two members of the village Nam Yên's team and one left to the default: (id, name).
fn three_members(store: &cnscd::Store) -> Vec<(i64, String, &'static str)> {
    let commune = cnscd::ops::documents::unit_or_office(store, None).expect("own unit");
    let teams = cnscd::ops::tasks::list(
        store,
        commune.id,
        this_year(),
        chrono::Local::now().date_naive(),
    )
    .expect("teams");
    let team = teams
        .iter()
        .find(|t| t.name.ends_with("Nam Yên"))
        .expect("Nam Yên's team");
    let members: Vec<_> = team
        .members
        .iter()
        .filter(|m| m.role == "Thành viên")
        .map(|m| (m.member_id, m.name.clone(), m.role))
        .collect();
    assert!(members.len() >= 3, "{members:?}");
    members.into_iter().take(3).collect()
}

#[test]
fn tasks_set_on_the_command_line_are_printed_against_the_names() {
    if !common::require_tool("pdftotext") {
        return;
    }
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let year = this_year().to_string();
    let m = three_members(&env.store());
    let (a, b, c) = (&m[0], &m[1], &m[2]);
    let out = env.ok(&[
        "member",
        "task",
        &a.0.to_string(),
        "--year",
        &year,
        "--task",
        "Hướng dẫn cài đặt VNeID",
        "--area",
        "Xóm 2, 45 hộ",
    ]);
    assert!(out.contains(&a.1), "{out}");
    env.ok(&[
        "member",
        "task",
        &b.0.to_string(),
        "--year",
        &year,
        "--task",
        "Hỗ trợ bán hàng trên sàn",
    ]);
    // A later call with only the area keeps the task typed before.
    env.ok(&[
        "member",
        "task",
        &b.0.to_string(),
        "--year",
        &year,
        "--area",
        "Xóm 5",
    ]);
    // The listing shows both; an unknown member is refused with exit 1, naming it.
    let list = env.ok(&[
        "member",
        "tasks",
        "--unit",
        "Hòa Bắc",
        "--year",
        &year,
        "--json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&list).expect("json");
    let row = |id: i64| {
        rows.as_array()
            .expect("array")
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .expect("listed")
    };
    assert_eq!(row(b.0)["task"], "Hỗ trợ bán hàng trên sàn");
    assert_eq!(row(b.0)["area"], "Xóm 5");
    assert_eq!(row(c.0)["task"], "");
    let bad = env.run(&["member", "task", "999999", "--year", &year, "--task", "x"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("999999"));
    let file = env.path("kh.pdf");
    env.ok(&[
        "draft",
        "plan",
        "--unit",
        "Hòa Bắc",
        "--year",
        &year,
        "-o",
        file.to_str().expect("path"),
    ]);
    let text = layout_text(&file);
    let appendix = text
        .split("PHÂN CÔNG NHIỆM VỤ THÀNH VIÊN")
        .nth(1)
        .expect("the appendix");
    let ra = row_of(appendix, &a.1);
    assert!(
        has_words(&ra, "Hướng dẫn cài đặt VNeID") && has_words(&ra, "Phụ trách: Xóm 2, 45 hộ"),
        "{ra}"
    );
    let rb = row_of(appendix, &b.1);
    assert!(
        has_words(&rb, "Hỗ trợ bán hàng trên sàn") && has_words(&rb, "Phụ trách: Xóm 5"),
        "{rb}"
    );
    let rc = row_of(appendix, &c.1);
    assert!(
        has_words(&rc, "Hướng dẫn người dân sử dụng"),
        "the third keeps the role's default: {rc}"
    );
    // Cleared: the default comes back.
    env.ok(&[
        "member",
        "task",
        &a.0.to_string(),
        "--year",
        &year,
        "--clear",
    ]);
    env.ok(&[
        "draft",
        "plan",
        "--unit",
        "Hòa Bắc",
        "--year",
        &year,
        "-o",
        file.to_str().expect("path"),
    ]);
    let text = layout_text(&file);
    assert!(!text.contains("Hướng dẫn cài đặt VNeID"), "{text}");
}

#[test]
fn tasks_typed_in_the_window_are_printed_in_the_plan() {
    if !common::require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let m = three_members(&cnscd::Store::open_dir(&data).unwrap());
    let (mut app, task) = App::new(
        Workspace::new(data.clone()),
        Arc::new(Scripted::default()),
        Clock::System,
    );
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready), "{:?}", app.phase);
    click(&mut app, t::NAV_DOCUMENTS);
    deliver(
        &mut app,
        vec![Message::Documents(Doc::Kind(KindChoice(Some(
            cnscd::ops::DocKind::Plan,
        ))))],
    );
    click(&mut app, tasks::OPEN);
    let form = app.documents.tasks.as_ref().expect("the form is open");
    assert_eq!(form.year, this_year());
    type_into(
        &mut app,
        task_id(m[0].0),
        "Tuyên truyền qua loa truyền thanh",
    );
    type_into(&mut app, area_id(m[0].0), "Xóm 1");
    type_into(&mut app, task_id(m[1].0), "Hướng dẫn thanh toán trực tuyến");
    screenshot(&app, "phan-cong-nhiem-vu");
    click(&mut app, tasks::SAVE);
    assert!(app.documents.tasks.is_none(), "saved and closed");
    click(&mut app, t::DOC_DRAFT);
    let draft = app.documents.draft.as_ref().expect("drafted");
    let pdf = dir.path().join("kh.pdf");
    std::fs::write(&pdf, &draft.pdf).unwrap();
    let text = layout_text(&pdf);
    let appendix = text
        .split("PHÂN CÔNG NHIỆM VỤ THÀNH VIÊN")
        .nth(1)
        .expect("the appendix");
    let r0 = row_of(appendix, &m[0].1);
    assert!(
        has_words(&r0, "Tuyên truyền qua loa truyền thanh") && has_words(&r0, "Phụ trách: Xóm 1"),
        "{r0}"
    );
    let r1 = row_of(appendix, &m[1].1);
    assert!(has_words(&r1, "Hướng dẫn thanh toán trực tuyến"), "{r1}");
    let r2 = row_of(appendix, &m[2].1);
    assert!(has_words(&r2, "Hướng dẫn người dân sử dụng"), "{r2}");
}

/// The shares `target allocate --json` printed: (unit id, value) of its first indicator.
fn shares(json: &str) -> Vec<(i64, i64)> {
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    v[0]["shares"]
        .as_array()
        .expect("shares")
        .iter()
        .map(|s| {
            (
                s["id"].as_i64().expect("id"),
                s["value"].as_i64().expect("v"),
            )
        })
        .collect()
}

fn target_of(store: &cnscd::Store, unit: i64, year: i32) -> Option<i64> {
    cnscd::ops::indicators::targets(store, unit, year)
        .unwrap()
        .into_iter()
        .find(|r| r.indicator == "citizens_guided")
        .map(|r| r.target)
}

#[test]
fn a_districts_target_is_allocated_to_communes_then_villages_alike_in_both_faces() {
    use cnscd::app::screen::{settings, targets};
    let env = Env::new();
    env.ok(&["sample", "--scale", "district"]);
    let year = this_year();
    let y = year.to_string();
    env.ok(&[
        "target",
        "set",
        "--unit",
        "Hòa Vang",
        "--year",
        &y,
        "--indicator",
        "citizens_guided",
        "--value",
        "12480",
    ]);
    let before = env.store().checksum().unwrap();
    let dry = shares(&env.ok(&[
        "target",
        "allocate",
        "--unit",
        "Hòa Vang",
        "--year",
        &y,
        "--indicator",
        "citizens_guided",
        "--dry-run",
        "--json",
    ]));
    assert_eq!(dry.len(), 15, "one share per commune");
    assert_eq!(dry.iter().map(|s| s.1).sum::<i64>(), 12480, "{dry:?}");
    assert!(
        dry.iter().any(|s| s.1 != dry[0].1),
        "by members the communes differ: {dry:?}"
    );
    assert_eq!(
        env.store().checksum().unwrap(),
        before,
        "--dry-run saves nothing"
    );
    // The window splits the same target into the same cells, then saves them.
    let (mut app, task) = App::new(
        Workspace::new(env.data()),
        Arc::new(Scripted::default()),
        Clock::System,
    );
    drive(&mut app, task);
    click(&mut app, t::NAV_SETTINGS);
    click(&mut app, targets::SHOW);
    click(&mut app, targets::ALLOCATE);
    for (id, value) in &dry {
        assert_eq!(
            app.settings.targets.cell(*id, "citizens_guided"),
            cnscd::vietnamese::format_number(*value),
            "unit {id}: {:?}",
            app.settings.targets.error
        );
    }
    screenshot(&app, "chia-chi-tieu");
    click(&mut app, targets::SAVE);
    assert!(
        !app.settings.targets.dirty(),
        "{:?}",
        app.settings.targets.error
    );
    let store = env.store();
    for (id, value) in &dry {
        assert_eq!(target_of(&store, *id, year), Some(*value));
    }
    // A commune's share over its villages: its name opens its grid; split evenly.
    let (commune, share) = dry[0];
    deliver(
        &mut app,
        vec![Message::Settings(settings::Message::Targets(
            targets::Message::Drill(Some(commune)),
        ))],
    );
    let grid = app
        .settings
        .targets
        .grid
        .as_ref()
        .expect("the commune's grid");
    assert_eq!(grid.units[0].id, commune);
    let villages: Vec<i64> = grid.units[1..].iter().map(|u| u.id).collect();
    deliver(
        &mut app,
        vec![Message::Settings(settings::Message::Targets(
            targets::Message::Basis(cnscd::ops::allocate::Basis::Evenly),
        ))],
    );
    click(&mut app, targets::ALLOCATE);
    click(&mut app, targets::SAVE);
    let store = env.store();
    let values: Vec<i64> = villages
        .iter()
        .map(|v| target_of(&store, *v, year).expect("a village's share"))
        .collect();
    assert_eq!(values.iter().sum::<i64>(), share, "{values:?}");
    assert!(values.iter().max().unwrap() - values.iter().min().unwrap() <= 1);
    // The command line gives the same rows for that commune.
    let cli = shares(&env.ok(&[
        "target",
        "allocate",
        "--unit",
        &commune_code(&store, commune),
        "--year",
        &y,
        "--indicator",
        "citizens_guided",
        "--by",
        "evenly",
        "--dry-run",
        "--json",
    ]));
    assert_eq!(
        cli,
        villages.iter().copied().zip(values).collect::<Vec<_>>()
    );
    // The commune's plan prints its share as its own target in §II.
    let code = commune_code(&store, commune);
    plan_text(&env, &today(), &code, &y, "xa.pdf");
    let layout = layout_text(&env.path("xa.pdf"));
    let line = between(&layout, "II. CHỈ TIÊU", "III. NHIỆM VỤ")
        .lines()
        .find(|l| l.contains("Số người dân được hướng dẫn"))
        .unwrap_or_else(|| panic!("{layout}"))
        .to_string();
    assert!(
        line.trim_end()
            .ends_with(&format!(" {}", cnscd::vietnamese::format_number(share))),
        "{line}"
    );
    // A district's plan has no appendix of members' tasks: no button for them.
    click(&mut app, targets::CLOSE);
    click(&mut app, t::NAV_DOCUMENTS);
    deliver(
        &mut app,
        vec![Message::Documents(Doc::Kind(KindChoice(Some(
            cnscd::ops::DocKind::Plan,
        ))))],
    );
    assert!(shows(&app, t::DOC_DRAFT));
    assert!(!shows(&app, tasks::OPEN));
}

fn commune_code(store: &cnscd::Store, id: i64) -> String {
    cnscd::store::units::get(store.conn(), id).unwrap().code
}

/// Drafts the plan of `unit` for `year` on `today` into `out` and returns its text, whitespace
/// collapsed (a line broken inside a sentence reads as one).
fn plan_text(env: &Env, today: &str, unit: &str, year: &str, out: &str) -> String {
    let file = env.path(out);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("--data-dir")
        .arg(env.data())
        .args(["draft", "plan", "--unit", unit, "--year", year, "-o"])
        .arg(&file)
        .env("CNSCD_TODAY", today)
        .env_remove("CNSCD_DATA_DIR")
        .output()
        .expect("run cnscd");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text between two headings.
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no «{from}» in:\n{text}"));
    let rest = &text[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

#[test]
fn plans_name_the_five_basic_skills_and_speak_as_their_issuers_level() {
    if !common::require_tool("pdftotext") {
        return;
    }
    // A commune People's Committee: after 7/2025 its Phòng Văn hóa - Xã hội, before it the
    // commune's civil servant; village heads and the teams' own tasks (appendix).
    let commune = Env::new();
    commune.ok(&["sample", "--scale", "commune"]);
    let text = plan_text(&commune, "2026-01-10", "Hòa Bắc", "2026", "xa.pdf");
    let tasks = between(&text, "III. NHIỆM VỤ", "IV. THỜI GIAN");
    for skill in [
        "05 nội dung kỹ năng số cơ bản: (1) sử dụng dịch vụ công trực tuyến; (2) mua sắm trực \
         tuyến; (3) thanh toán trực tuyến; (4) tự bảo vệ mình trên không gian mạng; (5) sử \
         dụng nền tảng số khác tùy đặc thù của địa phương",
        "“đi từng ngõ, gõ từng nhà, hướng dẫn từng người”",
    ] {
        assert!(tasks.contains(skill), "{skill}\n{tasks}");
    }
    let vi = between(&text, "VI. TỔ CHỨC THỰC HIỆN", "Nơi nhận");
    for words in [
        "1. Phòng Văn hóa - Xã hội",
        "Công an xã Hòa Bắc",
        "3. Trưởng thôn, Tổ trưởng tổ dân phố",
        "4. Các Tổ Công nghệ số cộng đồng",
    ] {
        assert!(vi.contains(words), "{words}\n{vi}");
    }
    let iv = between(&text, "IV. THỜI GIAN THỰC HIỆN", "V. KINH PHÍ");
    assert!(iv.contains("Trưởng thôn, Tổ trưởng tổ dân phố"), "{iv}");
    assert!(text.contains("PHÂN CÔNG NHIỆM VỤ THÀNH VIÊN"));
    let before = plan_text(&commune, "2025-03-10", "Hòa Bắc", "2025", "xa-2025.pdf");
    let vi = between(&before, "VI. TỔ CHỨC THỰC HIỆN", "Nơi nhận");
    assert!(vi.contains("1. Công chức Văn hóa - Xã hội"), "{vi}");

    // A district office before 7/2025: it guides the communes, which consolidate their teams
    // and assign each member; no village head, no appendix of members.
    let district = Env::new();
    district.ok(&["sample", "--scale", "district"]);
    let text = plan_text(&district, "2025-03-10", "Hòa Vang", "2025", "huyen.pdf");
    let vi = between(&text, "VI. TỔ CHỨC THỰC HIỆN", "Nơi nhận");
    for words in [
        "1. Phòng Văn hóa và Thông tin Chủ trì, hướng dẫn, theo dõi, đôn đốc",
        "báo cáo UBND huyện Hòa Vang và Sở Thông tin và Truyền thông thành phố Đà Nẵng",
        "2. Công an huyện Hòa Vang Chỉ đạo Công an cấp xã",
        "3. UBND các xã, phường Kiện toàn các Tổ Công nghệ số cộng đồng cấp xã",
        "phân công nhiệm vụ cụ thể cho từng thành viên",
        "báo cáo kết quả về Phòng Văn hóa và Thông tin",
    ] {
        assert!(vi.contains(words), "{words}\n{vi}");
    }
    let iv = between(&text, "IV. THỜI GIAN THỰC HIỆN", "V. KINH PHÍ");
    assert!(has_words(iv, "UBND các xã, phường"), "{iv}");
    assert!(!text.contains("Trưởng thôn"), "{text}");
    assert!(!text.contains("PHÂN CÔNG NHIỆM VỤ THÀNH VIÊN"));
    assert!(text.contains("(1) sử dụng dịch vụ công trực tuyến"));

    // A provincial department: the focal point of the province, the communes below it.
    let province = Env::new();
    province.ok(&["sample", "--scale", "province"]);
    let text = plan_text(&province, "2026-01-10", "48", "2026", "tinh.pdf");
    let vi = between(&text, "VI. TỔ CHỨC THỰC HIỆN", "Nơi nhận");
    for words in [
        "1. Sở Khoa học và Công nghệ Là đầu mối",
        "báo cáo UBND thành phố Đà Nẵng và Bộ Khoa học và Công nghệ",
        "2. Công an thành phố Đà Nẵng",
        "3. UBND các xã, phường Chỉ đạo kiện toàn",
        "ngân hàng thương mại",
        "báo cáo kết quả về Sở Khoa học và Công nghệ",
    ] {
        assert!(vi.contains(words), "{words}\n{vi}");
    }
    let iv = between(&text, "IV. THỜI GIAN THỰC HIỆN", "V. KINH PHÍ");
    assert!(has_words(iv, "UBND các xã, phường"), "{iv}");
    assert!(!text.contains("Trưởng thôn"), "{text}");
    assert!(!text.contains("Công chức Văn hóa"), "{text}");
    let sent = between(&text, "Nơi nhận", "Lưu: VT");
    assert!(
        sent.contains("Công an thành phố Đà Nẵng;") && sent.contains("UBND các xã, phường;"),
        "{sent}"
    );
}

#[test]
fn a_deadline_for_one_indicator_lists_who_has_not_reported_it() {
    use cnscd::app::screen::own_indicators as own;
    use cnscd::app::screen::settings;
    let env = Env::new();
    env.ok(&["sample", "--scale", "district"]);
    env.ok(&[
        "indicator",
        "add",
        "--code",
        "vssid_installs",
        "--label",
        "Số lượt cài đặt VssID",
        "--measure",
        "lượt",
    ]);
    // Nobody reported the new indicator for 2025-Q4: every commune is late for it once its
    // deadline passed; the communes reported citizens guided, so none is late for that one.
    env.ok(&[
        "deadline",
        "set",
        "--period",
        "2025-Q4",
        "--date",
        "10/01/2026",
        "--indicator",
        "vssid_installs",
    ]);
    let report = env.ok(&["report", "--unit", "Hòa Vang", "--period", "2025-Q4"]);
    let late = report
        .lines()
        .find(|l| {
            l.contains("Quá hạn báo cáo chỉ tiêu «Số lượt cài đặt VssID» (15, hạn 10/01/2026)")
        })
        .unwrap_or_else(|| panic!("{report}"));
    assert!(late.contains("Xã Hòa Sơn"), "{late}");
    let bad = env.run(&[
        "deadline",
        "set",
        "--period",
        "2025-Q4",
        "--date",
        "10/01/2026",
        "--indicator",
        "khong_co",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    // The window's deadline card sets one for citizens guided: the same report reads it.
    let (mut app, task) = App::new(
        Workspace::new(env.data()),
        Arc::new(Scripted::default()),
        Clock::System,
    );
    drive(&mut app, task);
    click(&mut app, t::NAV_SETTINGS);
    click(&mut app, own::SHOW);
    let choice = app
        .settings
        .indicators
        .choices
        .iter()
        .find(|c| {
            c.0.as_ref()
                .is_some_and(|(code, _)| code == "citizens_guided")
        })
        .cloned()
        .expect("citizens guided in the picker");
    let m = |x: own::Message| Message::Settings(settings::Message::Indicators(x));
    deliver(
        &mut app,
        vec![
            m(own::Message::Period("2025-Q4".into())),
            m(own::Message::Due("12/01/2026".into())),
            m(own::Message::DeadlineFor(choice)),
        ],
    );
    click(&mut app, own::SET_DEADLINE);
    assert!(
        app.settings.indicators.error.is_none(),
        "{:?}",
        app.settings.indicators.error
    );
    let report = env.ok(&["report", "--unit", "Hòa Vang", "--period", "2025-Q4"]);
    assert!(
        report.contains("Hạn báo cáo chỉ tiêu «Số người dân được hướng dẫn»: 12/01/2026."),
        "{report}"
    );
}
