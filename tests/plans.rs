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

use crate::app::{click, deliver, drive, screenshot, type_into};
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
