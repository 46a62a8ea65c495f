//! Keeping the registry true over time through the command line (issue #12): a scripted year in
//! one commune ending in a kiện toàn that lists exactly its changes, a second one that starts
//! from the first, an imported office that records its paper decision in one step, counts as of
//! a document's date, composition rules, and a refused delete.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{Env, require_tool};

/// Runs `cnscd` on `env`'s data dir with the clock fixed on `today` (yyyy-mm-dd).
fn run_on(env: &Env, today: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("--data-dir")
        .arg(env.data())
        .args(args)
        .env_remove("CNSCD_DATA_DIR")
        .env("CNSCD_TODAY", today)
        .output()
        .expect("run cnscd")
}

/// `run_on` that must succeed; returns stdout.
fn ok_on(env: &Env, today: &str, args: &[&str]) -> String {
    let out = run_on(env, today, args);
    assert!(
        out.status.success(),
        "cnscd {args:?} failed ({:?}):\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The text of a PDF, its lines joined (pdftotext breaks long lines).
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The id of the first active member of team `team` with `role` (`leader`, `deputy`, `member`).
fn member_of(env: &Env, team: i64, role: &str) -> (i64, String) {
    let list: serde_json::Value =
        serde_json::from_str(&ok_on(env, "2025-01-01", &["list", "members", "--json"]))
            .expect("json");
    let m = list
        .as_array()
        .expect("array")
        .iter()
        .find(|m| m["team"] == team && m["role"] == role)
        .unwrap_or_else(|| panic!("team {team} has a {role}"));
    (
        m["id"].as_i64().expect("id"),
        m["name"].as_str().expect("name").to_string(),
    )
}

/// The register id printed by `draft` («dự thảo số N»).
fn draft_id(out: &str) -> String {
    out.rsplit("dự thảo số ")
        .next()
        .expect("draft id")
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .to_string()
}

/// The year the acceptance scripts: returns the names it touched, for the checks.
pub struct Year {
    pub left: Vec<String>,
    pub joined: Vec<String>,
    pub moved: String,
    pub role_changed: String,
    pub restored: String,
}

/// The scripted year of issue #12 in the sample commune, through the command line.
pub fn script_year(env: &Env) -> Year {
    let today = "2025-12-15";
    ok_on(env, today, &["sample", "--scale", "commune"]);
    ok_on(
        env,
        today,
        &[
            "decision",
            "record",
            "--unit",
            "20314",
            "--number",
            "86/QĐ-UBND",
            "--date",
            "20/04/2022",
            "--summary",
            "Về việc thành lập Tổ Công nghệ số cộng đồng trên địa bàn xã Hòa Bắc",
            "--signer",
            "Chủ tịch UBND xã Hòa Bắc",
        ],
    );
    let (a, a_name) = member_of(env, 2, "member");
    let (b, b_name) = member_of(env, 3, "member");
    let (c, c_name) = member_of(env, 4, "member");
    let (mover, mover_name) = member_of(env, 5, "member");
    let (deputy, deputy_name) = member_of(env, 6, "deputy");
    let (undo, undo_name) = member_of(env, 7, "member");
    let id = |n: i64| n.to_string();
    ok_on(
        env,
        today,
        &[
            "member",
            "leave",
            &id(a),
            "--date",
            "10/02/2025",
            "--reason",
            "chuyen-cong-tac",
            "--decision",
            "05/QĐ-UBND",
        ],
    );
    ok_on(
        env,
        today,
        &["member", "leave", &id(b), "--date", "15/03/2025"],
    );
    ok_on(
        env,
        today,
        &[
            "member",
            "leave",
            &id(c),
            "--date",
            "01/04/2025",
            "--reason",
            "chuyen-noi-o",
        ],
    );
    for (team, name) in [("2", "Lê Thị Mai"), ("3", "Hồ Văn Tâm")] {
        ok_on(
            env,
            today,
            &[
                "member",
                "add",
                "--team",
                team,
                "--name",
                name,
                "--year",
                "1995",
                "--joined",
                "01/05/2025",
            ],
        );
    }
    ok_on(
        env,
        today,
        &[
            "member",
            "move",
            &id(mover),
            "--team",
            "8",
            "--date",
            "01/06/2025",
        ],
    );
    ok_on(
        env,
        today,
        &[
            "member",
            "role",
            &id(deputy),
            "--role",
            "member",
            "--date",
            "01/06/2025",
        ],
    );
    ok_on(
        env,
        today,
        &[
            "team",
            "edit",
            "2",
            "--name",
            "Tổ CNSCĐ và Đề án 06 thôn Nam Yên",
            "--kind",
            "cnscd-de-an-06",
            "--date",
            "01/07/2025",
        ],
    );
    let typo = ok_on(
        env,
        today,
        &["member", "add", "--team", "2", "--name", "Nguyen Van Nhamm"],
    );
    let typo_id = typo
        .split("số hiệu ")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .expect("typo id")
        .to_string();
    ok_on(env, today, &["member", "delete", &typo_id]);
    ok_on(
        env,
        today,
        &["member", "leave", &id(undo), "--date", "01/08/2025"],
    );
    ok_on(env, today, &["member", "restore", &id(undo)]);
    Year {
        left: vec![a_name, b_name, c_name],
        joined: vec!["Lê Thị Mai".into(), "Hồ Văn Tâm".into()],
        moved: mover_name,
        role_changed: deputy_name,
        restored: undo_name,
    }
}

/// The kiện toàn's «Những thay đổi so với quyết định trước» lists exactly the scripted year:
/// three departures (one by decision), two joiners, one move, one role change, the rename; the
/// typing mistake and the undone departure are nowhere.
fn lists_exactly_the_year(text: &str, year: &Year) {
    let changes = text
        .split("Những thay đổi so với quyết định trước:")
        .nth(1)
        .and_then(|s| s.split("Điều 2.").next())
        .expect("the changes paragraph");
    assert_eq!(changes.matches("Thôi tham gia Tổ:").count(), 3, "{changes}");
    for name in &year.left {
        assert!(
            changes.contains(&format!("{name}, Thành viên")),
            "{name}: {changes}"
        );
    }
    assert!(
        changes.contains("lý do: chuyển công tác (theo Quyết định số 05/QĐ-UBND)"),
        "{changes}"
    );
    assert!(changes.contains("lý do: chuyển nơi ở"), "{changes}");
    assert_eq!(
        changes.matches("Bổ sung thành viên:").count(),
        2,
        "{changes}"
    );
    for name in &year.joined {
        assert!(changes.contains(name), "{name}: {changes}");
    }
    assert_eq!(changes.matches("Chuyển sang").count(), 1, "{changes}");
    assert_eq!(changes.matches("Chuyển đến từ").count(), 1, "{changes}");
    assert!(changes.contains(&year.moved), "{changes}");
    assert!(
        changes.contains(&format!(
            "{}, từ Tổ phó thành Thành viên",
            year.role_changed
        )),
        "{changes}"
    );
    assert_eq!(changes.matches("Thay đổi chức vụ").count(), 1, "{changes}");
    assert!(
        changes.contains("Đổi tên Tổ: từ «Tổ Công nghệ số cộng đồng thôn Nam Yên» thành «Tổ CNSCĐ và Đề án 06 thôn Nam Yên»"),
        "{changes}"
    );
    // The typing mistake and the undone departure are nowhere.
    assert!(!text.contains("Nhamm"), "{text}");
    assert!(!changes.contains(&year.restored), "{changes}");
}

#[test]
fn a_scripted_year_ends_in_a_consolidation_of_exactly_its_changes() {
    if !require_tool("pdftotext") {
        return;
    }
    let env = Env::new();
    let year = script_year(&env);
    let pdf = env.path("kien-toan-1.pdf");
    let out = ok_on(
        &env,
        "2025-12-15",
        &[
            "draft",
            "decision",
            "--unit",
            "20314",
            "-o",
            pdf.to_str().expect("path"),
        ],
    );
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Về việc kiện toàn Tổ Công nghệ số cộng đồng"),
        "{text}"
    );
    // It cites and replaces the recorded establishing decision with its number, date and trích yếu.
    assert!(
        text.contains(
            "thay thế Quyết định số 86/QĐ-UBND ngày 20 tháng 4 năm 2022 của Chủ tịch Ủy ban nhân dân xã Hòa Bắc về việc thành lập Tổ Công nghệ số cộng đồng trên địa bàn xã Hòa Bắc"
        ),
        "{text}"
    );
    lists_exactly_the_year(&text, &year);

    // Issuing it records it on every team; the next consolidation starts from it.
    let id = draft_id(&out);
    let issued = ok_on(&env, "2025-12-15", &["issue", &id, "--date", "15/12/2025"]);
    let number = issued
        .split("Đã cấp số ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .expect("number")
        .to_string();
    let teams: serde_json::Value =
        serde_json::from_str(&ok_on(&env, "2026-02-01", &["list", "teams", "--json"]))
            .expect("json");
    assert!(
        teams
            .as_array()
            .expect("teams")
            .iter()
            .all(|t| t["decision"]["number"] == number.as_str()),
        "{teams}"
    );
    let (late, late_name) = member_of(&env, 9, "member");
    ok_on(
        &env,
        "2026-02-01",
        &["member", "leave", &late.to_string(), "--date", "10/01/2026"],
    );
    let second = env.path("kien-toan-2.pdf");
    ok_on(
        &env,
        "2026-02-01",
        &[
            "draft",
            "decision",
            "--unit",
            "20314",
            "-o",
            second.to_str().expect("path"),
        ],
    );
    let text = pdf_text(&second);
    assert!(
        text.contains(&format!(
            "thay thế Quyết định số {number} ngày 15 tháng 12 năm 2025"
        )),
        "{text}"
    );
    let changes = text
        .split("Những thay đổi so với quyết định trước:")
        .nth(1)
        .and_then(|s| s.split("Điều 2.").next())
        .expect("the changes paragraph");
    assert_eq!(changes.matches("Thôi tham gia Tổ:").count(), 1, "{changes}");
    assert!(changes.contains(&late_name), "{changes}");
    for name in year.left.iter().chain(&year.joined) {
        assert!(!changes.contains(name.as_str()), "{name} again: {changes}");
    }
    assert!(!changes.contains("Đổi tên"), "{changes}");
}

#[test]
fn an_imported_office_records_its_paper_decision_once_and_gets_a_consolidation() {
    if !require_tool("pdftotext") {
        return;
    }
    // The units and the roster come from Excel files (written by another office's program).
    let source = Env::new();
    ok_on(&source, "2025-06-01", &["sample", "--scale", "commune"]);
    let units = source.path("don-vi.xlsx");
    let roster = source.path("danh-sach.xlsx");
    ok_on(
        &source,
        "2025-06-01",
        &["export", "units", "-o", units.to_str().expect("p")],
    );
    ok_on(
        &source,
        "2025-06-01",
        &["export", "roster", "-o", roster.to_str().expect("p")],
    );

    let env = Env::new();
    ok_on(
        &env,
        "2025-06-01",
        &["import", "units", units.to_str().expect("p")],
    );
    ok_on(
        &env,
        "2025-06-01",
        &["import", "roster", roster.to_str().expect("p")],
    );
    let out = ok_on(
        &env,
        "2025-06-01",
        &[
            "decision",
            "record",
            "--unit",
            "Hòa Bắc",
            "--number",
            "12/QĐ-UBND",
            "--date",
            "05/05/2022",
            "--summary",
            "Về việc thành lập Tổ Công nghệ số cộng đồng xã Hòa Bắc",
        ],
    );
    assert!(out.contains("cho 13 Tổ"), "{out}");
    let pdf = env.path("qd.pdf");
    let out = ok_on(
        &env,
        "2025-06-01",
        &[
            "draft",
            "decision",
            "--unit",
            "20314",
            "-o",
            pdf.to_str().expect("p"),
        ],
    );
    assert!(out.contains("kiện toàn"), "{out}");
    let text = pdf_text(&pdf);
    assert!(text.contains("Về việc kiện toàn"), "{text}");
    assert!(
        text.contains("thay thế Quyết định số 12/QĐ-UBND ngày 05 tháng 5 năm 2022"),
        "{text}"
    );
}

#[test]
fn documents_count_members_as_of_their_date() {
    if !require_tool("pdftotext") {
        return;
    }
    let env = Env::new();
    ok_on(&env, "2025-10-15", &["sample", "--scale", "commune"]);
    let q3 = |name: &str| {
        let pdf = env.path(name);
        ok_on(
            &env,
            "2025-10-15",
            &[
                "draft",
                "report",
                "--unit",
                "20314",
                "--period",
                "2025-Q3",
                "-o",
                pdf.to_str().expect("p"),
            ],
        );
        pdf_text(&pdf)
    };
    let before = q3("q3-truoc.pdf");
    ok_on(
        &env,
        "2025-10-15",
        &[
            "member",
            "add",
            "--team",
            "2",
            "--name",
            "Đinh Văn Mới",
            "--joined",
            "01/10/2025",
        ],
    );
    let after = q3("q3-sau.pdf");
    let count = |t: &str| {
        t.split(" thành viên (trong đó")
            .next()
            .and_then(|s| s.rsplit(' ').next())
            .expect("member count")
            .to_string()
    };
    assert_eq!(count(&before), "90", "{before}");
    assert_eq!(
        count(&after),
        "90",
        "the member who joined on 1/10 is not in Q3"
    );
    assert!(!after.contains("Đinh Văn Mới"));

    // A decision dated before a departure still lists the member.
    let (gone, gone_name) = member_of(&env, 3, "member");
    ok_on(
        &env,
        "2025-10-15",
        &["member", "leave", &gone.to_string(), "--date", "01/12/2025"],
    );
    let pdf = env.path("qd.pdf");
    ok_on(
        &env,
        "2025-10-15",
        &[
            "draft",
            "decision",
            "--unit",
            "20314.02",
            "-o",
            pdf.to_str().expect("p"),
        ],
    );
    assert!(pdf_text(&pdf).contains(&gone_name));
    let pdf = env.path("qd-sau.pdf");
    ok_on(
        &env,
        "2025-12-02",
        &[
            "draft",
            "decision",
            "--unit",
            "20314.02",
            "-o",
            pdf.to_str().expect("p"),
        ],
    );
    let text = pdf_text(&pdf);
    let appendix = text.split("DANH SÁCH THÀNH VIÊN").nth(1).expect("appendix");
    assert!(!appendix.contains(&gone_name), "{appendix}");
}

#[test]
fn presets_list_the_teams_that_break_them() {
    let env = Env::new();
    let today = "2025-06-01";
    ok_on(&env, today, &["sample", "--scale", "commune"]);
    ok_on(&env, today, &["rules", "set", "--preset", "bac-giang-2023"]);
    let shown: serde_json::Value =
        serde_json::from_str(&ok_on(&env, today, &["rules", "show", "--json"])).expect("json");
    assert_eq!(shown["preset"], "bac-giang-2023");
    // Team 2's deputies: none of them is a Công an viên once their positions say otherwise.
    let list: serde_json::Value = serde_json::from_str(&ok_on(
        &env,
        today,
        &["list", "members", "--unit", "20314.01", "--json"],
    ))
    .expect("json");
    for m in list.as_array().expect("array") {
        let id = m["id"].to_string();
        let position = match m["role"].as_str() {
            Some("leader") => "truong thon Nam Yen",
            Some("deputy") => "Bí thư Chi đoàn",
            _ => "Giáo viên",
        };
        ok_on(
            &env,
            today,
            &["member", "edit", &id, "--position", position],
        );
    }
    let found: serde_json::Value = serde_json::from_str(&ok_on(
        &env,
        today,
        &["check", "teams", "--unit", "20314.01", "--json"],
    ))
    .expect("json");
    let reasons = found[0]["reasons"].to_string();
    assert!(reasons.contains("không có Công an viên"), "{found}");
    assert!(
        !reasons.contains("Trưởng thôn"),
        "the leader is the village head: {found}"
    );
    assert!(!reasons.contains("Bí thư Chi đoàn"), "{found}");
    // The decision draft shows the same warning before it is issued.
    let pdf = env.path("qd.pdf");
    let out = run_on(
        &env,
        today,
        &[
            "draft",
            "decision",
            "--unit",
            "20314.01",
            "-o",
            pdf.to_str().expect("p"),
        ],
    );
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Cảnh báo") && err.contains("không có Công an viên"),
        "{err}"
    );

    // Đà Nẵng: at least 7; a team of 6 is listed.
    ok_on(&env, today, &["rules", "set", "--preset", "da-nang-2023"]);
    let teams: serde_json::Value =
        serde_json::from_str(&ok_on(&env, today, &["list", "teams", "--json"])).expect("json");
    let six = teams
        .as_array()
        .expect("teams")
        .iter()
        .find(|t| t["members"] == 6)
        .expect("a team of 6 in the sample");
    let found: serde_json::Value =
        serde_json::from_str(&ok_on(&env, today, &["check", "teams", "--json"])).expect("json");
    let listed = found
        .as_array()
        .expect("array")
        .iter()
        .find(|c| c["team"] == six["id"])
        .expect("the team of 6 is listed");
    assert!(
        listed["reasons"]
            .to_string()
            .contains("có 6 thành viên, ít hơn mức tối thiểu 7"),
        "{listed}"
    );
}

#[test]
fn deleting_a_member_of_an_issued_decision_is_refused_and_changes_nothing() {
    let env = Env::new();
    let today = "2025-06-01";
    ok_on(&env, today, &["sample", "--scale", "commune"]);
    let pdf = env.path("qd.pdf");
    let out = ok_on(
        &env,
        today,
        &[
            "draft",
            "decision",
            "--unit",
            "20314.01",
            "-o",
            pdf.to_str().expect("p"),
        ],
    );
    let issued = ok_on(&env, today, &["issue", &draft_id(&out)]);
    let number = issued
        .split("Đã cấp số ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .expect("number")
        .to_string();
    let (id, name) = member_of(&env, 2, "member");
    let before = env.store().checksum().expect("checksum");
    let out = run_on(&env, today, &["member", "delete", &id.to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("Không xóa được {name}")), "{err}");
    assert!(err.contains(&format!("Quyết định số {number}")), "{err}");
    assert!(err.contains("Ghi nhận rời Tổ"), "{err}");
    assert_eq!(env.store().checksum().expect("checksum"), before);
    // A member of no issued decision is deleted.
    let (other, _) = member_of(&env, 3, "member");
    ok_on(&env, today, &["member", "delete", &other.to_string()]);
    assert_ne!(env.store().checksum().expect("checksum"), before);
}

/// The same year through the window, from an empty data folder: the welcome page's sample, the
/// team list's forms (the paper decision, the rename) and the member panel's actions, clicked and
/// typed as a clerk would in the simulator, end in the database the command line leaves; the
/// kiện toàn the window then drafts lists exactly the year's changes.
mod window {
    use std::sync::Arc;

    use cnscd::app::context::Clock;
    use cnscd::app::dialogs::Scripted;
    use cnscd::app::screen::members::{self, actions, teams};
    use cnscd::app::{App, Message, Phase, text as t};
    use cnscd::model::TeamKind;
    use cnscd::ops::Workspace;

    use super::{Env, Year, lists_exactly_the_year, member_of, ok_on, pdf_text, require_tool};
    use crate::app::{click, deliver, drive, shows, type_into};

    const TODAY: &str = "2025-12-15";

    /// The command line's setup: the sample, the paper decision, the renamed team.
    fn setup(env: &Env) {
        ok_on(env, TODAY, &["sample", "--scale", "commune"]);
        ok_on(
            env,
            TODAY,
            &[
                "decision",
                "record",
                "--unit",
                "20314",
                "--number",
                "86/QĐ-UBND",
                "--date",
                "20/04/2022",
                "--summary",
                SUMMARY,
            ],
        );
        ok_on(
            env,
            TODAY,
            &[
                "team",
                "edit",
                "2",
                "--name",
                RENAMED,
                "--kind",
                "cnscd-de-an-06",
                "--date",
                "01/07/2025",
            ],
        );
    }

    const SUMMARY: &str = "Về việc thành lập Tổ Công nghệ số cộng đồng";
    const RENAMED: &str = "Tổ CNSCĐ và Đề án 06 thôn Nam Yên";

    fn tm(app: &mut App, msg: teams::Msg) {
        deliver(app, m(members::Message::Teams(msg)));
    }

    /// The same setup in the window, from an empty data folder: the welcome page's sample, then
    /// the team list's forms record the paper decision for the whole commune and rename the team.
    fn window_setup(app: &mut App) {
        assert!(shows(app, t::WELCOME_TITLE), "an empty data folder");
        click(app, t::WELCOME_SAMPLE);
        assert!(app.job.is_none(), "the sample is made");
        click(app, t::NAV_MEMBERS);
        click(app, teams::TAB_TEAMS);
        // The paper decision of 2022, for every team of the commune at once.
        tm(app, teams::Msg::Select(2));
        click(app, teams::RECORD);
        let commune = app
            .ctx
            .registry
            .unit_by_code("20314")
            .expect("commune")
            .title_name();
        click(app, &teams::whole_commune(&commune));
        type_into(app, teams::F_NUMBER, "86/QĐ-UBND");
        type_into(app, teams::F_ISSUED, "20/04/2022");
        type_into(app, teams::F_SUMMARY, SUMMARY);
        click(app, t::SAVE);
        assert!(
            app.members.teams.form.is_none(),
            "{:?}",
            app.members.teams.form
        );
        assert!(
            app.ctx
                .registry
                .teams
                .iter()
                .all(|x| x.decision_ref.as_deref() == Some("86/QĐ-UBND")),
            "every team of the commune has it"
        );
        // The dated rename into a team of both working groups.
        click(app, teams::EDIT);
        tm(app, teams::Msg::Name(RENAMED.into()));
        tm(app, teams::Msg::FormKind(TeamKind::CnscdDeAn06));
        tm(app, teams::Msg::Date("01/07/2025".into()));
        click(app, t::SAVE);
        assert!(
            app.members.teams.form.is_none(),
            "{:?}",
            app.members.teams.form
        );
        let team = app.ctx.registry.team(2).expect("team 2");
        assert_eq!(team.name, RENAMED);
        assert_eq!(app.ctx.registry.team_kind(2), TeamKind::CnscdDeAn06);
        click(app, teams::TAB_MEMBERS);
    }

    fn m(msg: members::Message) -> Vec<Message> {
        vec![Message::Members(msg)]
    }

    fn act(app: &mut App, msg: actions::Msg) {
        deliver(app, m(members::Message::Act(msg)));
    }

    /// Selects member `id` and records one action through its form.
    fn action(app: &mut App, id: i64, button: &str, date: &str, fill: impl FnOnce(&mut App)) {
        deliver(app, m(members::Message::Select(id)));
        click(app, button);
        assert!(app.members.action.is_some(), "{button} opens its form");
        act(app, actions::Msg::Date(date.into()));
        fill(app);
        click(app, t::SAVE);
        assert!(
            app.members.action.is_none(),
            "{button}: saved ({:?})",
            app.members.action
        );
    }

    fn add(app: &mut App, team: i64, name: &str) {
        click(app, t::MEMBER_NEW);
        type_into(app, t::MEMBER_NAME, name);
        type_into(app, t::MEMBER_YEAR, "1995");
        deliver(app, m(members::Message::TeamPicked(team)));
        deliver(app, m(members::Message::Joined("01/05/2025".into())));
        click(app, t::SAVE);
        assert!(app.members.form.is_none(), "{name} saved");
    }

    #[test]
    fn the_window_ends_the_year_in_the_database_the_command_line_leaves() {
        let cli = Env::new();
        let win = Env::new();
        setup(&cli);
        let (a, a_name) = member_of(&cli, 2, "member");
        let (b, b_name) = member_of(&cli, 3, "member");
        let (c, c_name) = member_of(&cli, 4, "member");
        let (mover, mover_name) = member_of(&cli, 5, "member");
        let (deputy, deputy_name) = member_of(&cli, 6, "deputy");
        let (undo, undo_name) = member_of(&cli, 7, "member");
        let (leader7, _) = member_of(&cli, 7, "leader");
        let id = |n: i64| n.to_string();

        // The command line.
        let c_ = |args: &[&str]| ok_on(&cli, TODAY, args);
        c_(&[
            "member",
            "leave",
            &id(a),
            "--date",
            "10/02/2025",
            "--reason",
            "chuyen-cong-tac",
            "--decision",
            "05/QĐ-UBND",
        ]);
        c_(&["member", "leave", &id(b), "--date", "15/03/2025"]);
        c_(&[
            "member",
            "leave",
            &id(c),
            "--date",
            "01/04/2025",
            "--reason",
            "chuyen-noi-o",
        ]);
        for (team, name) in [("2", "Lê Thị Mai"), ("3", "Hồ Văn Tâm")] {
            c_(&[
                "member",
                "add",
                "--team",
                team,
                "--name",
                name,
                "--year",
                "1995",
                "--joined",
                "01/05/2025",
            ]);
        }
        c_(&[
            "member",
            "move",
            &id(mover),
            "--team",
            "8",
            "--date",
            "01/06/2025",
        ]);
        c_(&[
            "member",
            "role",
            &id(deputy),
            "--role",
            "member",
            "--date",
            "01/06/2025",
        ]);
        let typo = c_(&[
            "member",
            "add",
            "--team",
            "2",
            "--name",
            "Nguyen Van Nhamm",
            "--joined",
            "15/12/2025",
        ]);
        let typo_id = typo
            .split("số hiệu ")
            .nth(1)
            .and_then(|s| s.split(')').next())
            .expect("id")
            .to_string();
        c_(&["member", "delete", &typo_id]);
        c_(&["member", "leave", &id(undo), "--date", "01/08/2025"]);
        c_(&["member", "restore", &id(undo)]);

        // The window, the same steps.
        let at = cnscd::ops::clock::parse_fixed(TODAY).expect("moment");
        let dialogs = Arc::new(Scripted::default());
        let (mut app, task) = App::new(Workspace::new(win.data()), dialogs, Clock::Fixed(at));
        drive(&mut app, task);
        assert!(matches!(app.phase, Phase::Ready));
        window_setup(&mut app);
        action(&mut app, a, actions::ACTION_LEAVE, "10/02/2025", |app| {
            act(app, actions::Msg::Reason(actions::Reason::NewPost));
            act(app, actions::Msg::Decision("05/QĐ-UBND".into()));
        });
        action(&mut app, b, actions::ACTION_LEAVE, "15/03/2025", |_| {});
        action(&mut app, c, actions::ACTION_LEAVE, "01/04/2025", |app| {
            act(app, actions::Msg::Reason(actions::Reason::Moved));
        });
        add(&mut app, 2, "Lê Thị Mai");
        add(&mut app, 3, "Hồ Văn Tâm");
        action(&mut app, mover, actions::ACTION_MOVE, "01/06/2025", |app| {
            act(app, actions::Msg::TeamQuery("Phuoc".into()));
            act(app, actions::Msg::TeamPicked(8));
        });
        action(
            &mut app,
            deputy,
            actions::ACTION_ROLE,
            "01/06/2025",
            |app| {
                act(
                    app,
                    actions::Msg::Role(members::RoleChoice(cnscd::model::Role::Member)),
                );
            },
        );
        click(&mut app, t::MEMBER_NEW);
        type_into(&mut app, t::MEMBER_NAME, "Nguyen Van Nhamm");
        deliver(&mut app, m(members::Message::TeamPicked(2)));
        click(&mut app, t::SAVE);
        let typo = app.members.selected.expect("the typo is selected");
        click(&mut app, actions::ACTION_DELETE);
        assert!(shows(&app, t::CONFIRM), "the delete asks first");
        click(&mut app, t::CONFIRM);
        action(&mut app, undo, actions::ACTION_LEAVE, "01/08/2025", |_| {});
        // The undo is on the team's panel, beside the name of who left.
        deliver(&mut app, m(members::Message::Select(leader7)));
        assert!(
            app.members
                .restorable
                .iter()
                .any(|(id, n)| *id == undo && *n == undo_name),
            "{:?}",
            app.members.restorable
        );
        click(&mut app, actions::ACTION_RESTORE);
        assert_eq!(typo.to_string(), typo_id);

        assert_eq!(
            cli.store().checksum().expect("checksum"),
            win.store().checksum().expect("checksum"),
            "both faces leave the same database"
        );

        // The kiện toàn the window drafts afterwards lists exactly the year's changes and
        // replaces the decision recorded in the team list.
        if !require_tool("pdftotext") {
            return;
        }
        click(&mut app, t::NAV_DOCUMENTS);
        click(&mut app, t::DOC_DRAFT);
        let draft = app.documents.draft.as_ref().expect("drafted");
        let pdf = win.path("kien-toan.pdf");
        std::fs::write(&pdf, &draft.pdf).expect("write the draft");
        let text = pdf_text(&pdf);
        assert!(
            text.contains("Về việc kiện toàn Tổ Công nghệ số cộng đồng"),
            "{text}"
        );
        assert!(
            text.contains(
                "thay thế Quyết định số 86/QĐ-UBND ngày 20 tháng 4 năm 2022 của Chủ tịch Ủy ban nhân dân xã Hòa Bắc về việc thành lập Tổ Công nghệ số cộng đồng."
            ),
            "{text}"
        );
        let year = Year {
            left: vec![a_name, b_name, c_name],
            joined: vec!["Lê Thị Mai".into(), "Hồ Văn Tâm".into()],
            moved: mover_name,
            role_changed: deputy_name,
            restored: undo_name,
        };
        lists_exactly_the_year(&text, &year);
    }
}

/// Composition rules set in Cài đặt list the teams that break them on Tổng quan, a click away
/// from the team; screenshots of the panels at 1366×768 are written when `CNSCD_SNAPSHOTS` names
/// a folder.
mod screens {
    use std::sync::Arc;

    use cnscd::app::context::Clock;
    use cnscd::app::dialogs::Scripted;
    use cnscd::app::screen::members::{self, actions, teams};
    use cnscd::app::screen::{Nav, rules, settings};
    use cnscd::app::{App, Message, Phase, text as t};
    use cnscd::model::RulePreset;
    use cnscd::ops::Workspace;

    use super::{Env, member_of, ok_on};
    use crate::app::{click, deliver, drive, shows};

    /// Writes what the window shows at a clerk's 1366×768 to `<CNSCD_SNAPSHOTS>/<name>.png`, once
    /// the toasts of the steps before have gone (as they do after a few seconds).
    fn snapshot(app: &mut App, name: &str) {
        let Some(dir) = std::env::var_os("CNSCD_SNAPSHOTS") else {
            return;
        };
        app.toasts.clear();
        let settings = iced::Settings {
            fonts: cnscd::app::theme::FONT_FILES
                .iter()
                .map(|b| std::borrow::Cow::Borrowed(*b))
                .collect(),
            default_font: cnscd::app::theme::UI_FONT,
            ..iced::Settings::default()
        };
        let mut sim = iced_test::Simulator::with_size(settings, (1366.0, 768.0), app.view());
        let shot = sim.snapshot(&app.theme()).expect("snapshot");
        let path = std::path::Path::new(&dir).join(name);
        // iced_test compares with an existing `<name>-tiny-skia.png` instead of writing it.
        let _ =
            std::fs::remove_file(std::path::Path::new(&dir).join(format!("{name}-tiny-skia.png")));
        shot.matches_image(&path).expect("write snapshot");
    }

    #[test]
    fn rules_set_in_settings_are_checked_on_the_overview_and_open_the_team() {
        let env = Env::new();
        let today = "2025-06-01";
        ok_on(&env, today, &["sample", "--scale", "commune"]);
        let at = cnscd::ops::clock::parse_fixed(today).expect("moment");
        let (mut app, task) = App::new(
            Workspace::new(env.data()),
            Arc::new(Scripted::default()),
            Clock::Fixed(at),
        );
        drive(&mut app, task);
        assert!(matches!(app.phase, Phase::Ready));
        click(&mut app, t::NAV_SETTINGS);
        assert!(shows(&app, rules::TITLE));
        let rules = |m: rules::Message| vec![Message::Settings(settings::Message::Rules(m))];
        deliver(
            &mut app,
            rules(rules::Message::Preset(RulePreset::DaNang2023)),
        );
        assert_eq!(app.settings.rules.min, "7");
        deliver(&mut app, rules(rules::Message::Save));
        assert_eq!(app.ctx.registry.rules.preset, RulePreset::DaNang2023);
        let store = env.store();
        assert_eq!(
            cnscd::ops::settings::rules(&store)
                .expect("rules")
                .min_members,
            7,
            "saved by the operation the command line calls"
        );
        click(&mut app, t::NAV_OVERVIEW);
        let six = app
            .overview
            .warnings
            .iter()
            .find(|(_, m)| m.contains("có 6 thành viên, ít hơn mức tối thiểu 7"))
            .cloned()
            .expect("a team of 6 is listed");
        assert!(shows(&app, &six.1));
        snapshot(&mut app, "tong-quan-canh-bao");
        click(&mut app, &six.1);
        assert_eq!(app.nav, Nav::Members);
        assert_eq!(app.members.team, Some(six.0));

        // The member panel with its actions, the departure form and the histories.
        let (id, _) = member_of(&env, six.0, "member");
        deliver(
            &mut app,
            vec![Message::Members(members::Message::Select(id))],
        );
        assert!(shows(&app, actions::ACTION_LEAVE) && shows(&app, actions::ACTION_DELETE));
        snapshot(&mut app, "thanh-vien-thao-tac");
        click(&mut app, actions::ACTION_LEAVE);
        snapshot(&mut app, "ghi-nhan-roi-to");
        deliver(
            &mut app,
            vec![Message::Members(members::Message::Act(actions::Msg::Date(
                "32/13/2025".into(),
            )))],
        );
        click(&mut app, t::SAVE);
        assert!(
            shows(&app, actions::ACTION_BAD_DATE),
            "a bad date is named in the form"
        );
        snapshot(&mut app, "ghi-nhan-roi-to-loi");
        let act = |m: actions::Msg| vec![Message::Members(members::Message::Act(m))];
        deliver(&mut app, act(actions::Msg::Date("01/06/2025".into())));
        deliver(&mut app, act(actions::Msg::Decision("07/QĐ-UBND".into())));
        click(&mut app, t::SAVE);
        assert!(app.members.action.is_none(), "{:?}", app.members.action);

        // The team's history: who, what, when, by which decision.
        let (leader, _) = member_of(&env, six.0, "leader");
        deliver(
            &mut app,
            vec![Message::Members(members::Message::Select(leader))],
        );
        let line = app
            .members
            .team_events
            .iter()
            .find(|l| l.contains("rời Tổ (thôi tham gia)"))
            .cloned()
            .expect("the departure is in the team's history");
        assert!(
            line.starts_with("01/6/2025") && line.contains("QĐ 07/QĐ-UBND"),
            "{line}"
        );
        assert!(shows(&app, &line));
        snapshot(&mut app, "qua-trinh-to-thanh-vien");
        // The team's own panel on Danh sách Tổ: its decisions and its history, first in sight.
        click(&mut app, teams::TAB_TEAMS);
        deliver(
            &mut app,
            vec![Message::Members(members::Message::Teams(
                teams::Msg::Select(six.0),
            ))],
        );
        assert!(
            app.members.teams.events.contains(&line),
            "{:?}",
            app.members.teams.events
        );
        assert!(shows(&app, &line));
        snapshot(&mut app, "qua-trinh-to");
    }
}

#[test]
fn a_merged_team_is_consolidated_into_the_survivor() {
    if !require_tool("pdftotext") {
        return;
    }
    let env = Env::new();
    let today = "2025-12-15";
    ok_on(&env, today, &["sample", "--scale", "commune"]);
    let moved: serde_json::Value = serde_json::from_str(&ok_on(
        &env,
        today,
        &["list", "members", "--unit", "20314.02", "--json"],
    ))
    .expect("json");
    let moved = moved.as_array().expect("array").len();
    let out = ok_on(
        &env,
        today,
        &["team", "merge", "3", "--into", "2", "--date", "01/07/2025"],
    );
    assert!(out.contains(&format!("{moved} thành viên")), "{out}");
    let history = ok_on(&env, today, &["team", "history", "2"]);
    assert!(
        history.contains("Nhập Tổ Công nghệ số cộng đồng thôn An Định vào Tổ"),
        "{history}"
    );
    let pdf = env.path("qd.pdf");
    ok_on(
        &env,
        today,
        &[
            "draft",
            "decision",
            "--unit",
            "20314",
            "-o",
            pdf.to_str().expect("p"),
        ],
    );
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Kiện toàn 12 Tổ"),
        "the merged team is not one of them: {text}"
    );
    assert!(
        text.contains(
            "Hợp nhất Tổ Công nghệ số cộng đồng thôn An Định vào Tổ, kể từ ngày 01/7/2025"
        ),
        "{text}"
    );
    assert_eq!(
        text.matches("Chuyển đến từ Tổ Công nghệ số cộng đồng thôn An Định")
            .count(),
        moved,
        "{text}"
    );
    // Nobody is left on the merged team; the survivor has everyone.
    let list: serde_json::Value = serde_json::from_str(&ok_on(
        &env,
        today,
        &["list", "members", "--as-of", "02/07/2025", "--json"],
    ))
    .expect("json");
    let list = list.as_array().expect("array");
    assert!(list.iter().all(|m| m["team"] != 3));
    let before: serde_json::Value = serde_json::from_str(&ok_on(
        &env,
        today,
        &["list", "members", "--as-of", "30/06/2025", "--json"],
    ))
    .expect("json");
    assert_eq!(
        before
            .as_array()
            .expect("array")
            .iter()
            .filter(|m| m["team"] == 3)
            .count(),
        moved,
        "as of the day before, they were still on their own team"
    );
}
