//! Teams in the window (issue #12): the team list of Tổ và thành viên and the unit screen create,
//! rename, re-kind, link, record a paper decision for a whole commune and merge teams through the
//! operations the command line calls; the same steps through both faces end in the same database.

use std::sync::Arc;

use cnscd::app::context::Clock;
use cnscd::app::dialogs::Scripted;
use cnscd::app::screen::members::{self, teams};
use cnscd::app::screen::units;
use cnscd::app::{App, Message, Phase, text as t};
use cnscd::model::{Level, NewUnit, TeamKind, kind_for_level};
use cnscd::ops::Workspace;

use crate::app::{click, deliver, drive, screenshot, shows, type_into};
use crate::common::Env;

const TODAY: &str = "2025-12-15";

/// Runs `cnscd` with the clock fixed on `TODAY`; must succeed.
fn ok(env: &Env, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("--data-dir")
        .arg(env.data())
        .args(args)
        .env_remove("CNSCD_DATA_DIR")
        .env("CNSCD_TODAY", TODAY)
        .output()
        .expect("run cnscd");
    assert!(
        out.status.success(),
        "cnscd {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The sample commune and two new villages without a team.
fn setup(env: &Env) {
    ok(env, &["sample", "--scale", "commune"]);
    let mut store = env.store();
    let commune = cnscd::ops::registry::resolve_unit(&store, "20314").expect("commune");
    for name in ["Tân Lập", "Đồng Tâm"] {
        let new = NewUnit {
            code: None,
            name: name.into(),
            kind: kind_for_level(Level::Village).into(),
            level: Level::Village,
            parent_id: Some(commune.id),
        };
        cnscd::ops::units::add(&mut store, &new).expect("village");
    }
}

fn window(env: &Env) -> App {
    let at = cnscd::ops::clock::parse_fixed(TODAY).expect("moment");
    let (mut app, task) = App::new(
        Workspace::new(env.data()),
        Arc::new(Scripted::default()),
        Clock::Fixed(at),
    );
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready));
    app
}

fn tm(app: &mut App, msg: teams::Msg) {
    deliver(app, vec![Message::Members(members::Message::Teams(msg))]);
}

#[test]
fn team_steps_in_the_window_end_in_the_database_the_command_line_leaves() {
    let cli = Env::new();
    let win = Env::new();
    setup(&cli);
    setup(&win);
    let c = |args: &[&str]| ok(&cli, args);
    c(&["team", "add", "--unit", "Tân Lập"]);
    c(&[
        "team",
        "add",
        "--unit",
        "Đồng Tâm",
        "--kind",
        "cnscd-de-an-06",
    ]);
    c(&[
        "team",
        "edit",
        "2",
        "--name",
        "Tổ CNSCĐ và Đề án 06 thôn Nam Yên",
        "--kind",
        "cnscd-de-an-06",
        "--zalo",
        "https://zalo.me/g/namyen",
        "--date",
        "01/07/2025",
    ]);
    c(&[
        "decision",
        "record",
        "--unit",
        "20314",
        "--number",
        "86/QĐ-UBND",
        "--date",
        "20/04/2022",
        "--summary",
        "Về việc thành lập Tổ Công nghệ số cộng đồng",
        "--signer",
        "Chủ tịch UBND xã",
    ]);
    c(&["team", "merge", "3", "--into", "4", "--date", "01/08/2025"]);

    let mut app = window(&win);
    // A new village gets its team from the unit screen.
    click(&mut app, t::NAV_UNITS);
    let village = |app: &App, name: &str| {
        app.ctx
            .registry
            .units
            .iter()
            .find(|u| u.name == name)
            .map(|u| u.id)
            .expect("village")
    };
    let tan_lap = village(&app, "Tân Lập");
    deliver(
        &mut app,
        vec![Message::Units(units::Message::Select(tan_lap))],
    );
    click(&mut app, units::UNIT_ADD_TEAM);
    assert_eq!(app.ctx.registry.teams_of_unit(tan_lap), 1);
    assert!(!shows(&app, units::UNIT_ADD_TEAM), "it has its team now");
    // Its team is listed on the unit's panel and opens on Tổ và thành viên.
    let made = app
        .ctx
        .registry
        .teams
        .iter()
        .find(|x| x.unit_id == tan_lap)
        .map(|x| (x.id, x.name.clone()))
        .expect("the team");
    assert_eq!(made.1, "Tổ Công nghệ số cộng đồng thôn Tân Lập");
    click(&mut app, &made.1);
    assert_eq!(app.nav, cnscd::app::screen::Nav::Members);
    assert_eq!(app.members.team, Some(made.0));

    // The team list: create a team of the other kind for the other village.
    click(&mut app, t::NAV_MEMBERS);
    click(&mut app, teams::TAB_TEAMS);
    let before = app.members.teams.rows.len();
    click(&mut app, teams::NEW);
    click(&mut app, t::SAVE);
    assert!(shows(&app, teams::NEED_UNIT), "the unit is asked for");
    type_into(&mut app, teams::F_UNIT, "Dong Tam");
    let pick = app.members.teams.picks[0].1.clone();
    assert!(pick.contains("Đồng Tâm"), "{pick}");
    click(&mut app, &pick);
    tm(&mut app, teams::Msg::FormKind(TeamKind::CnscdDeAn06));
    click(&mut app, t::SAVE);
    assert!(
        app.members.teams.form.is_none(),
        "{:?}",
        app.members.teams.form
    );
    assert_eq!(app.members.teams.rows.len(), before + 1);
    let made = app
        .members
        .teams
        .selected
        .expect("the new team is selected");
    assert_eq!(
        app.ctx.registry.team(made).expect("team").name,
        "Tổ Công nghệ số cộng đồng và Đề án 06 thôn Đồng Tâm"
    );

    // Rename (dated), kind and Zalo link.
    tm(&mut app, teams::Msg::Select(2));
    click(&mut app, teams::EDIT);
    tm(
        &mut app,
        teams::Msg::Name("Tổ CNSCĐ và Đề án 06 thôn Nam Yên".into()),
    );
    tm(&mut app, teams::Msg::FormKind(TeamKind::CnscdDeAn06));
    // The field holds the old link; the clerk replaces it.
    assert!(shows(&app, teams::F_ZALO));
    tm(
        &mut app,
        teams::Msg::Zalo("https://zalo.me/g/namyen".into()),
    );
    tm(&mut app, teams::Msg::Date("01/07/2025".into()));
    click(&mut app, t::SAVE);
    assert!(
        app.members.teams.form.is_none(),
        "{:?}",
        app.members.teams.form
    );
    assert!(
        app.members
            .teams
            .events
            .iter()
            .any(|l| l.starts_with("01/7/2025") && l.contains("Nam Yên")),
        "the rename is in the team's history: {:?}",
        app.members.teams.events
    );

    // The paper decision, for every team of the commune at once.
    tm(&mut app, teams::Msg::Select(5));
    click(&mut app, teams::RECORD);
    let commune = app
        .ctx
        .registry
        .unit_by_code("20314")
        .expect("commune")
        .title_name();
    click(&mut app, &teams::whole_commune(&commune));
    type_into(&mut app, teams::F_NUMBER, "86/QĐ-UBND");
    type_into(&mut app, teams::F_ISSUED, "20/04/2022");
    type_into(&mut app, teams::F_SIGNER, "Chủ tịch UBND xã");
    type_into(
        &mut app,
        teams::F_SUMMARY,
        "Về việc thành lập Tổ Công nghệ số cộng đồng",
    );
    screenshot(&app, "ghi-nhan-quyet-dinh");
    click(&mut app, t::SAVE);
    assert!(
        app.members.teams.form.is_none(),
        "{:?}",
        app.members.teams.form
    );
    assert!(
        app.members
            .teams
            .decisions
            .iter()
            .any(|d| d.number == "86/QĐ-UBND"),
        "{:?}",
        app.members.teams.decisions
    );
    // Every team of the commune has it now: none is left without a decision.
    tm(
        &mut app,
        teams::Msg::Decision(teams::DecisionFilter::Without),
    );
    assert!(
        app.members.teams.rows.is_empty(),
        "{:?}",
        app.members.teams.rows
    );
    tm(&mut app, teams::Msg::Decision(teams::DecisionFilter::All));
    screenshot(&app, "danh-sach-to");

    // Merge team 3 into team 4, after a confirmation.
    tm(&mut app, teams::Msg::Select(3));
    click(&mut app, teams::MERGE);
    let survivor = app.ctx.registry.team_label(4).to_string();
    let village4 = survivor.split(" – ").next().expect("village").to_string();
    type_into(&mut app, teams::F_SURVIVOR, &village4);
    // The suggestion reads as the team's row in the list does: picked by its message.
    assert!(
        app.members
            .teams
            .picks
            .iter()
            .any(|(id, l)| *id == 4 && *l == survivor),
        "{:?}",
        app.members.teams.picks
    );
    tm(&mut app, teams::Msg::Picked(4));
    tm(&mut app, teams::Msg::Date("01/08/2025".into()));
    click(&mut app, t::SAVE);
    assert!(shows(&app, t::CONFIRM), "the merger asks first");
    click(&mut app, t::CONFIRM);
    assert!(
        app.ctx.registry.team(3).is_none(),
        "the merged team is gone"
    );
    assert_eq!(app.members.teams.selected, Some(4));

    assert_eq!(
        cli.store().checksum().expect("checksum"),
        win.store().checksum().expect("checksum"),
        "both faces leave the same database"
    );
}

/// The member list as of a date: the window shows the rows `list members --as-of` prints, and
/// «Hôm nay» returns to today's list.
#[test]
fn the_member_list_as_of_a_date_shows_the_rows_active_that_day() {
    let env = Env::new();
    ok(&env, &["sample", "--scale", "commune"]);
    let ids = |json: &str| -> std::collections::BTreeSet<i64> {
        let v: serde_json::Value = serde_json::from_str(json).expect("json");
        v.as_array()
            .expect("array")
            .iter()
            .map(|m| m["id"].as_i64().expect("id"))
            .collect()
    };
    let today = ids(&ok(&env, &["list", "members", "--json"]));
    let left = *today.iter().next().expect("a member");
    ok(
        &env,
        &["member", "leave", &left.to_string(), "--date", "01/06/2025"],
    );
    let out = ok(
        &env,
        &[
            "member",
            "add",
            "--team",
            "2",
            "--name",
            "Lê Thị Mai",
            "--joined",
            "01/10/2025",
        ],
    );
    assert!(out.contains("Lê Thị Mai"), "{out}");
    let may = ids(&ok(
        &env,
        &["list", "members", "--as-of", "15/05/2025", "--json"],
    ));
    assert!(may.contains(&left));

    let mut app = window(&env);
    click(&mut app, t::NAV_MEMBERS);
    let listed = |app: &App| -> std::collections::BTreeSet<i64> {
        app.members
            .listed(&app.ctx.registry)
            .map(|m| m.id)
            .collect()
    };
    let now = listed(&app);
    assert!(!now.contains(&left));
    assert!(
        app.members
            .listed(&app.ctx.registry)
            .any(|m| m.full_name == "Lê Thị Mai")
    );
    type_into(&mut app, members::as_of::LABEL, "32/13/2025");
    click(&mut app, members::as_of::SHOW);
    assert!(shows(&app, members::as_of::BAD_DATE));
    deliver(
        &mut app,
        vec![Message::Members(members::Message::AsOfText(String::new()))],
    );
    type_into(&mut app, members::as_of::LABEL, "15/05/2025");
    click(&mut app, members::as_of::SHOW);
    assert_eq!(listed(&app), may, "the rows active on 15/5/2025");
    assert!(
        !app.members
            .listed(&app.ctx.registry)
            .any(|m| m.full_name == "Lê Thị Mai"),
        "she joined on 1/10"
    );
    let count = format!("{} thành viên theo ngày 15/5/2025", may.len());
    assert!(shows(&app, &count), "{count}");
    // The search works on that day's list.
    let name = app
        .members
        .listed(&app.ctx.registry)
        .find(|m| m.id == left)
        .expect("left later")
        .full_name
        .clone();
    type_into(&mut app, members::SEARCH_ID, &name);
    assert!(listed(&app).contains(&left));
    deliver(
        &mut app,
        vec![Message::Members(members::Message::Search(String::new()))],
    );
    screenshot(&app, "thanh-vien-theo-ngay");
    click(&mut app, members::as_of::TODAY);
    assert_eq!(listed(&app), now);
}

/// Right-clicks the text `target` as a clerk would.
fn right_click(app: &mut App, target: &str) {
    let mut sim = crate::app::ui(app);
    let found = sim
        .find(target)
        .unwrap_or_else(|e| panic!("no «{target}» on screen: {e:?}"));
    let at = found.visible_bounds().expect("visible").center();
    sim.point_at(at);
    let right = iced::mouse::Button::Right;
    sim.simulate([
        iced::Event::Mouse(iced::mouse::Event::ButtonPressed(right)),
        iced::Event::Mouse(iced::mouse::Event::ButtonReleased(right)),
    ]);
    let messages: Vec<Message> = sim.into_messages().collect();
    deliver(app, messages);
}

/// The right-click menu of a member row records a departure for that member, and with several
/// ticked, one move for all of them; the database ends as the command line leaves it.
#[test]
fn the_right_click_menu_and_bulk_actions_match_the_command_line() {
    use cnscd::app::screen::members::{actions, menu};
    let cli = Env::new();
    let win = Env::new();
    ok(&cli, &["sample", "--scale", "commune"]);
    ok(&win, &["sample", "--scale", "commune"]);

    let mut app = window(&win);
    click(&mut app, t::NAV_MEMBERS);
    let first: Vec<(i64, String, i64)> = app
        .members
        .listed(&app.ctx.registry)
        .filter(|m| m.team_id != 8)
        .take(4)
        .map(|m| (m.id, m.full_name.clone(), m.team_id))
        .collect();
    let (leaver, leaver_name, _) = first[0].clone();
    // The window lists the ticked members by id; so does the command line here.
    let mut movers: Vec<i64> = first[1..].iter().map(|m| m.0).collect();
    movers.sort_unstable();
    let ids: Vec<String> = movers.iter().map(i64::to_string).collect();
    ok(
        &cli,
        &[
            "member",
            "leave",
            &leaver.to_string(),
            "--date",
            "01/11/2025",
            "--reason",
            "chuyen-noi-o",
        ],
    );
    let mut args = vec!["member", "move"];
    args.extend(ids.iter().map(String::as_str));
    args.extend(["--team", "8", "--date", "01/12/2025"]);
    ok(&cli, &args);

    // One member: right-click the row, «Ghi nhận rời Tổ» in the menu.
    assert!(app.members.selected.is_none());
    right_click(&mut app, &leaver_name);
    let open = app.members.menu.expect("the menu opens");
    assert_eq!(open.member, leaver);
    assert!(shows(&app, actions::ACTION_ROLE) && shows(&app, actions::ACTION_DELETE));
    screenshot(&app, "menu-chuot-phai");
    click(&mut app, actions::ACTION_LEAVE);
    assert!(app.members.menu.is_none());
    let form = app.members.action.as_ref().expect("the departure form");
    assert_eq!(form.ids, vec![leaver]);
    deliver(
        &mut app,
        vec![Message::Members(members::Message::Act(actions::Msg::Date(
            "01/11/2025".into(),
        )))],
    );
    deliver(
        &mut app,
        vec![Message::Members(members::Message::Act(
            actions::Msg::Reason(actions::Reason::Moved),
        ))],
    );
    click(&mut app, t::SAVE);
    assert!(app.members.action.is_none(), "{:?}", app.members.action);
    assert!(app.ctx.registry.member(leaver).is_none(), "left");

    // A click outside closes the menu without doing anything.
    let (_, second, _) = first[1].clone();
    right_click(&mut app, &second);
    assert!(app.members.menu.is_some());
    click(&mut app, t::NAV_MEMBERS);
    assert!(app.members.menu.is_none() && app.members.action.is_none());

    // Several ticked: the menu offers one move for all of them.
    for id in &movers {
        deliver(
            &mut app,
            vec![Message::Members(members::Message::Check(*id, true))],
        );
    }
    right_click(&mut app, &second);
    let bulk = menu::bulk_label(actions::ACTION_MOVE, movers.len());
    assert!(shows(&app, &bulk), "{bulk}");
    click(&mut app, &bulk);
    let form = app.members.action.as_ref().expect("the move form");
    assert_eq!(form.ids, movers);
    let act = |m: actions::Msg| vec![Message::Members(members::Message::Act(m))];
    deliver(&mut app, act(actions::Msg::Date("01/12/2025".into())));
    deliver(&mut app, act(actions::Msg::TeamPicked(8)));
    click(&mut app, t::SAVE);
    assert!(app.members.action.is_none(), "{:?}", app.members.action);
    assert!(app.members.checked.is_empty());
    for id in &movers {
        assert_eq!(app.ctx.registry.member(*id).map(|m| m.team_id), Some(8));
    }

    assert_eq!(
        cli.store().checksum().expect("checksum"),
        win.store().checksum().expect("checksum"),
        "both faces leave the same database"
    );
}

/// The kiện toàn after a village merger, a rename and a paper decision recorded without a trích
/// yếu, read back with pdftotext: the surviving village's team is consolidated from both, the
/// renamed team reads «… (thay cho …)», and the replaced decision is cited «về việc thành lập …».
#[test]
fn a_consolidation_after_a_village_merger_and_a_rename_reads_naturally() {
    if !crate::common::require_tool("pdftotext") {
        return;
    }
    let env = Env::new();
    ok(&env, &["sample", "--scale", "commune"]);
    // The sample's decision has no trích yếu: recorded as the paper says, number and date only.
    ok(
        &env,
        &[
            "decision",
            "record",
            "--unit",
            "20314",
            "--number",
            "86/QĐ-UBND",
            "--date",
            "20/04/2022",
        ],
    );
    ok(
        &env,
        &[
            "team",
            "edit",
            "2",
            "--name",
            "Tổ CNSCĐ và Đề án 06 thôn Nam Yên",
            "--date",
            "01/07/2025",
        ],
    );
    let absorbed: serde_json::Value = serde_json::from_str(&ok(
        &env,
        &["list", "members", "--unit", "20314.02", "--json"],
    ))
    .expect("json");
    let absorbed = absorbed.as_array().expect("array").len();
    assert!(absorbed > 0);
    // Thôn An Định merges into Thôn Lộc Mỹ (the units screen's «Sáp nhập vào…»).
    {
        let mut store = env.store();
        let unit = |code: &str| {
            cnscd::ops::registry::resolve_unit(&store, code)
                .expect("unit")
                .id
        };
        let (from, into) = (unit("20314.02"), unit("20314.03"));
        let date = chrono::NaiveDate::from_ymd_opt(2025, 8, 1).expect("date");
        cnscd::ops::units::merge(&mut store, from, into, date).expect("merge");
    }
    let teams: serde_json::Value =
        serde_json::from_str(&ok(&env, &["list", "teams", "--json"])).expect("json");
    let survivor = teams
        .as_array()
        .expect("array")
        .iter()
        .find(|t| {
            t["unit"] == "20314.03" && t["name"].as_str().is_some_and(|n| n.ends_with("Lộc Mỹ"))
        })
        .expect("the surviving village's team")
        .clone();
    let survivor_name = survivor["name"].as_str().expect("name").to_string();
    assert!(
        teams
            .as_array()
            .expect("array")
            .iter()
            .all(|t| t["name"].as_str().is_some_and(|n| !n.ends_with("An Định"))),
        "the absorbed team is no longer listed: {teams}"
    );

    let pdf = env.path("kien-toan.pdf");
    ok(
        &env,
        &[
            "draft",
            "decision",
            "--unit",
            "20314",
            "-o",
            pdf.to_str().expect("path"),
        ],
    );
    let text = crate::app::pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Kiện toàn 12 Tổ"), "one team fewer: {text}");
    // The survivor's changes (pdftotext may put a page number before its heading).
    let at = text
        .find(&format!("{survivor_name}: - Hợp nhất Tổ Công nghệ số cộng đồng thôn An Định vào Tổ, kể từ ngày 01/8/2025"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(at > 0);
    assert_eq!(
        text.matches("Chuyển đến từ Tổ Công nghệ số cộng đồng thôn An Định")
            .count(),
        absorbed,
        "every member of the absorbed team is listed as come over: {text}"
    );
    assert!(
        text.contains(
            "Tổ CNSCĐ và Đề án 06 thôn Nam Yên (thay cho Tổ Công nghệ số cộng đồng thôn Nam Yên):"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "thay thế Quyết định số 86/QĐ-UBND ngày 20 tháng 4 năm 2022 của Chủ tịch Ủy ban nhân dân xã Hòa Bắc về việc thành lập Tổ Công nghệ số cộng đồng."
        ),
        "{text}"
    );
    assert!(
        !text.contains("«»") && !text.contains("về việc ."),
        "{text}"
    );
}

/// The member list narrowed by role, training and standing, combined with the search and the
/// team filter: the window lists the ids `list members` prints for the same choices, in the same
/// order, and says how many of how many it shows; members who left appear only when asked for.
#[test]
fn the_member_list_filters_list_what_the_command_line_lists() {
    use cnscd::app::screen::members::filters::{self, RoleFilter, StandingChoice, TrainedFilter};
    use cnscd::model::Role;
    use cnscd::ops::member_filter::Standing;
    let env = Env::new();
    ok(&env, &["sample", "--scale", "commune"]);
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["list", "members", "--json"];
        all.extend_from_slice(args);
        let v: serde_json::Value = serde_json::from_str(&ok(&env, &all)).expect("json");
        v.as_array()
            .expect("array")
            .iter()
            .map(|m| m["id"].as_i64().expect("id"))
            .collect()
    };
    // Two members leave, one of them a deputy.
    let deputies = ids(&["--role", "deputy"]);
    let everyone = ids(&[]);
    let plain = *everyone
        .iter()
        .find(|id| !deputies.contains(id))
        .expect("a member");
    for id in [deputies[0], plain] {
        ok(
            &env,
            &["member", "leave", &id.to_string(), "--date", "01/06/2025"],
        );
    }
    let total = everyone.len() - 2;

    let mut app = window(&env);
    click(&mut app, t::NAV_MEMBERS);
    let listed = |app: &App| -> Vec<i64> {
        app.members
            .listed(&app.ctx.registry)
            .map(|m| m.id)
            .collect()
    };
    let f = |app: &mut App, m: filters::Msg| {
        deliver(app, vec![Message::Members(members::Message::Filter(m))]);
    };
    assert_eq!(listed(&app), ids(&[]), "today's list, nobody who left");

    // Tổ phó.
    f(&mut app, filters::Msg::Role(RoleFilter::Only(Role::Deputy)));
    let want = ids(&["--role", "deputy"]);
    assert_eq!(want.len(), deputies.len() - 1);
    assert_eq!(listed(&app), want);
    let count = format!("Đang hiện {}/{} thành viên", want.len(), total);
    assert!(shows(&app, &count), "{count}");
    // … and not trained.
    f(&mut app, filters::Msg::Trained(TrainedFilter::No));
    let want = ids(&["--role", "deputy", "--trained", "không"]);
    assert!(!want.is_empty());
    assert_eq!(listed(&app), want);
    assert!(app.members.listed(&app.ctx.registry).all(|m| !m.trained));
    screenshot(&app, "thanh-vien-loc");

    // Đã rời Tổ: only the two who left.
    f(&mut app, filters::Msg::Clear);
    assert_eq!(listed(&app), ids(&[]));
    f(
        &mut app,
        filters::Msg::Standing(StandingChoice(Standing::Left)),
    );
    let left = ids(&["--left"]);
    let mut two = vec![deputies[0], plain];
    two.sort_unstable();
    let mut sorted = left.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, two);
    assert_eq!(listed(&app), left);
    assert!(shows(&app, "2 thành viên đã rời Tổ"));
    // The date they left stands where the year of birth stood.
    assert!(shows(&app, filters::COL_LEFT) && shows(&app, "01/6/2025"));
    screenshot(&app, "thanh-vien-da-roi");
    // With a role: the deputy who left.
    f(&mut app, filters::Msg::Role(RoleFilter::Only(Role::Deputy)));
    assert_eq!(listed(&app), vec![deputies[0]]);
    assert_eq!(listed(&app), ids(&["--left", "--role", "deputy"]));
    // Everyone, with who left.
    f(&mut app, filters::Msg::Role(RoleFilter::All));
    f(
        &mut app,
        filters::Msg::Standing(StandingChoice(Standing::All)),
    );
    assert_eq!(listed(&app), ids(&["--all"]));
    assert_eq!(listed(&app).len(), everyone.len());

    // One team, with the search: «Chỉ hiện thành viên Tổ này» on the team's panel.
    f(&mut app, filters::Msg::Clear);
    let member = ids(&["--team", "3"])[0];
    deliver(
        &mut app,
        vec![Message::Members(members::Message::Select(member))],
    );
    click(&mut app, filters::ONLY_TEAM);
    assert_eq!(listed(&app), ids(&["--team", "3"]));
    let label = app.ctx.registry.team_label(3).to_string();
    assert!(shows(&app, &filters::team_chip(&label)));
    type_into(&mut app, members::SEARCH_ID, "thi");
    let want = ids(&["--team", "3", "--search", "thi"]);
    assert!(!want.is_empty() && want.len() < ids(&["--team", "3"]).len());
    assert_eq!(listed(&app), want);
    // The whole commune's list with the same search ranks as the command line does.
    click(&mut app, filters::CLEAR_TEAM);
    assert_eq!(listed(&app), ids(&["--search", "thi"]));
    assert_eq!(
        listed(&app),
        ids(&["--search", "thi", "--unit", "20314"]),
        "the commune filter of the command line"
    );
}

/// A right-click on a team row opens the team's actions in the member rows' menu: the rename
/// with its kind and Zalo group, the paper decision, the merger and the team's members, each for
/// the row clicked; the database ends as the command line leaves it.
#[test]
fn the_right_click_menu_of_team_rows_matches_the_command_line() {
    let cli = Env::new();
    let win = Env::new();
    ok(&cli, &["sample", "--scale", "commune"]);
    ok(&win, &["sample", "--scale", "commune"]);
    let c = |args: &[&str]| ok(&cli, args);
    c(&[
        "team",
        "edit",
        "2",
        "--name",
        "Tổ CNSCĐ và Đề án 06 thôn Nam Yên",
        "--kind",
        "cnscd-de-an-06",
        "--zalo",
        "https://zalo.me/g/namyen",
        "--date",
        "01/07/2025",
    ]);
    c(&[
        "decision",
        "record",
        "--team",
        "3",
        "--number",
        "12/QĐ-UBND",
        "--date",
        "05/05/2023",
        "--summary",
        "Về việc thành lập Tổ Công nghệ số cộng đồng thôn An Định",
    ]);
    c(&["team", "merge", "4", "--into", "5", "--date", "01/08/2025"]);

    let mut app = window(&win);
    click(&mut app, t::NAV_MEMBERS);
    click(&mut app, teams::TAB_TEAMS);
    // The unit's cell of a team's row.
    let unit_of = |app: &App, team: i64| -> String {
        let reg = &app.ctx.registry;
        reg.team(team)
            .and_then(|x| reg.unit(x.unit_id))
            .expect("unit")
            .title_name()
    };

    // Rename, kind and Zalo group of team 2.
    let cell = unit_of(&app, 2);
    right_click(&mut app, &cell);
    assert_eq!(app.members.teams.menu.map(|m| m.0), Some(2));
    for item in [
        teams::MENU_EDIT,
        teams::MENU_RECORD,
        teams::MENU_MERGE,
        teams::MENU_MEMBERS,
    ] {
        assert!(shows(&app, item), "{item}");
    }
    screenshot(&app, "menu-chuot-phai-to");
    click(&mut app, teams::MENU_EDIT);
    assert!(app.members.teams.menu.is_none());
    assert!(
        matches!(
            app.members.teams.form,
            Some(teams::Form::Edit { id: 2, .. })
        ),
        "{:?}",
        app.members.teams.form
    );
    tm(
        &mut app,
        teams::Msg::Name("Tổ CNSCĐ và Đề án 06 thôn Nam Yên".into()),
    );
    tm(&mut app, teams::Msg::FormKind(TeamKind::CnscdDeAn06));
    tm(
        &mut app,
        teams::Msg::Zalo("https://zalo.me/g/namyen".into()),
    );
    tm(&mut app, teams::Msg::Date("01/07/2025".into()));
    click(&mut app, t::SAVE);
    assert!(
        app.members.teams.form.is_none(),
        "{:?}",
        app.members.teams.form
    );

    // The paper decision of team 3, though team 2 is the one selected.
    let cell = unit_of(&app, 3);
    right_click(&mut app, &cell);
    click(&mut app, teams::MENU_RECORD);
    assert!(
        matches!(
            app.members.teams.form,
            Some(teams::Form::Decision { id: 3, .. })
        ),
        "{:?}",
        app.members.teams.form
    );
    type_into(&mut app, teams::F_NUMBER, "12/QĐ-UBND");
    type_into(&mut app, teams::F_ISSUED, "05/05/2023");
    type_into(
        &mut app,
        teams::F_SUMMARY,
        "Về việc thành lập Tổ Công nghệ số cộng đồng thôn An Định",
    );
    click(&mut app, t::SAVE);
    assert!(
        app.members.teams.form.is_none(),
        "{:?}",
        app.members.teams.form
    );

    // A click outside closes the menu and does nothing.
    let cell = unit_of(&app, 4);
    right_click(&mut app, &cell);
    assert!(app.members.teams.menu.is_some());
    click(&mut app, t::NAV_MEMBERS);
    assert!(app.members.teams.menu.is_none() && app.members.teams.form.is_none());

    // Team 4 merged into team 5, after the confirmation.
    click(&mut app, teams::TAB_TEAMS);
    right_click(&mut app, &cell);
    click(&mut app, teams::MENU_MERGE);
    assert!(
        matches!(
            app.members.teams.form,
            Some(teams::Form::Merge { id: 4, .. })
        ),
        "{:?}",
        app.members.teams.form
    );
    tm(&mut app, teams::Msg::Picked(5));
    tm(&mut app, teams::Msg::Date("01/08/2025".into()));
    click(&mut app, t::SAVE);
    click(&mut app, t::CONFIRM);
    assert!(app.ctx.registry.team(4).is_none(), "merged");

    // The members of team 5: the member tab, narrowed to it.
    let cell = unit_of(&app, 5);
    right_click(&mut app, &cell);
    click(&mut app, teams::MENU_MEMBERS);
    assert_eq!(app.members.tab, members::Tab::Members);
    assert_eq!(app.members.filters.team, Some(5));
    assert_eq!(app.members.team, Some(5));
    let shown: Vec<i64> = app
        .members
        .listed(&app.ctx.registry)
        .map(|m| m.id)
        .collect();
    let v: serde_json::Value =
        serde_json::from_str(&ok(&win, &["list", "members", "--team", "5", "--json"]))
            .expect("json");
    let want: Vec<i64> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|m| m["id"].as_i64().expect("id"))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(shown, want);

    assert_eq!(
        cli.store().checksum().expect("checksum"),
        win.store().checksum().expect("checksum"),
        "both faces leave the same database"
    );
}
