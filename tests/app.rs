//! The window driven headless with iced_test's simulator (tiny-skia): click and type as a clerk
//! would, run the tasks the app returns on a plain executor, and read what the window shows.

use std::path::PathBuf;
use std::sync::Arc;

use cnscd::app::context::Clock;
use cnscd::app::dialogs::{Scripted, SharedDialogs};
use cnscd::app::screen::Nav;
use cnscd::app::screen::documents::Message as DocMessage;
use cnscd::app::{App, Message, Phase, text as t};
use cnscd::ops::Workspace;
use iced::Task;
use iced_test::futures::futures::{StreamExt, executor::block_on};
use iced_test::runtime::{self, task::into_stream};
use iced_test::selector;

use crate::common;

/// The simulator with the bundled font, so Vietnamese text lays out as in the window. Only the
/// tiny-skia renderer is built, so the headless backend needs no GPU.
pub fn ui(app: &App) -> iced_test::Simulator<'_, Message> {
    let settings = iced::Settings {
        fonts: cnscd::app::theme::FONT_FILES
            .iter()
            .map(|b| std::borrow::Cow::Borrowed(*b))
            .collect(),
        default_font: cnscd::app::theme::UI_FONT,
        ..iced::Settings::default()
    };
    iced_test::Simulator::with_size(settings, (1280.0, 800.0), app.view())
}

/// Runs `task` and every task its messages produce, until nothing is left.
pub fn drive(app: &mut App, task: Task<Message>) {
    let mut queue = vec![task];
    while let Some(task) = queue.pop() {
        let Some(stream) = into_stream(task) else {
            continue;
        };
        for action in block_on(stream.collect::<Vec<_>>()) {
            if let runtime::Action::Output(message) = action {
                queue.push(app.update(message));
            }
        }
    }
}

/// Sends the messages the simulator collected to the app and runs their tasks.
pub fn deliver(app: &mut App, messages: Vec<Message>) {
    for m in messages {
        let task = app.update(m);
        drive(app, task);
    }
}

fn start(data: PathBuf, dialogs: SharedDialogs) -> App {
    let (mut app, task) = App::new(Workspace::new(data), dialogs, Clock::System);
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready), "{:?}", app.phase);
    app
}

fn no_dialogs() -> SharedDialogs {
    Arc::new(Scripted::default())
}

pub fn click(app: &mut App, target: &str) {
    let mut sim = ui(app);
    sim.click(target)
        .unwrap_or_else(|e| panic!("no «{target}» on screen: {e:?}"));
    let messages: Vec<Message> = sim.into_messages().collect();
    deliver(app, messages);
}

pub fn type_into(app: &mut App, id: impl Into<iced::widget::Id>, s: &str) {
    let mut sim = ui(app);
    sim.click(selector::id(id))
        .unwrap_or_else(|e| panic!("no such field: {e:?}"));
    sim.typewrite(s);
    let messages: Vec<Message> = sim.into_messages().collect();
    deliver(app, messages);
}

/// A PDF's text as poppler extracts it.
pub fn pdf_text(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// With `CNSCD_SCREENSHOTS=DIR`, the window as a clerk's 1366×768 screen shows it, to
/// `DIR/<name>.png` (for looking at, not compared).
pub fn screenshot(app: &App, name: &str) {
    let Some(dir) = std::env::var_os("CNSCD_SCREENSHOTS") else {
        return;
    };
    let settings = iced::Settings {
        fonts: cnscd::app::theme::FONT_FILES
            .iter()
            .map(|b| std::borrow::Cow::Borrowed(*b))
            .collect(),
        default_font: cnscd::app::theme::UI_FONT,
        ..iced::Settings::default()
    };
    let path = std::path::Path::new(&dir).join(format!("{name}.png"));
    let _ = std::fs::remove_file(std::path::Path::new(&dir).join(format!("{name}-tiny-skia.png")));
    let mut sim = iced_test::Simulator::with_size(settings, (1366.0, 768.0), app.view());
    let shot = sim.snapshot(&app.theme()).expect("snapshot");
    shot.matches_image(&path).expect("write the screenshot");
}

pub fn shows(app: &App, s: &str) -> bool {
    ui(app).find(s).is_ok()
}

#[test]
fn first_start_loads_sample_and_overview_shows_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = start(dir.path().join("data"), no_dialogs());
    assert!(shows(&app, t::WELCOME_TITLE));
    click(&mut app, t::WELCOME_SAMPLE);
    assert!(app.job.is_none(), "the job ended");
    let store = cnscd::Store::open_dir(&dir.path().join("data")).unwrap();
    let (members, _) = cnscd::store::members::counts(store.conn()).unwrap();
    let teams = cnscd::store::teams::count(store.conn()).unwrap();
    assert!(members > 50, "{members}");
    assert_eq!(app.nav, Nav::Overview);
    assert!(shows(&app, &cnscd::vietnamese::format_number(members)));
    assert!(shows(&app, &cnscd::vietnamese::format_number(teams)));
    assert!(shows(&app, t::COUNT_TRAINED));
    // The success toast names the members generated.
    assert!(
        app.toasts
            .iter()
            .any(|(_, n)| format!("{n:?}").contains("thành viên")),
        "{:?}",
        app.toasts
    );
}

#[test]
fn add_member_through_form_and_find_without_accents() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 3);
    }
    let mut app = start(data.clone(), no_dialogs());
    click(&mut app, t::NAV_MEMBERS);
    click(&mut app, t::MEMBER_NEW);
    // Saving an empty form shows the messages beside the fields and writes nothing.
    click(&mut app, t::SAVE);
    assert!(shows(&app, t::REQUIRED));
    assert!(shows(&app, t::TEAM_REQUIRED));
    type_into(&mut app, t::MEMBER_NAME, "Hoàng Thị Ánh Tuyết");
    type_into(&mut app, t::MEMBER_YEAR, "1994");
    type_into(&mut app, t::MEMBER_PHONE, "0912 000 111");
    type_into(&mut app, t::MEMBER_TEAM, "thon");
    let (_, first_team) = app.members.team_matches.first().cloned().expect("teams");
    click(&mut app, &first_team);
    click(&mut app, t::SAVE);
    assert!(app.members.form.is_none(), "saved");
    type_into(
        &mut app,
        cnscd::app::screen::members::SEARCH_ID,
        "anh tuyet",
    );
    assert_eq!(
        app.members
            .listed(&app.ctx.registry)
            .map(|m| m.full_name.as_str())
            .collect::<Vec<_>>(),
        vec!["Hoàng Thị Ánh Tuyết"]
    );
    assert!(shows(&app, "Hoàng Thị Ánh Tuyết"));
    assert!(shows(&app, "0912000111"));
    let store = cnscd::Store::open_dir(&data).unwrap();
    let all = cnscd::store::members::active(store.conn(), None).unwrap();
    let m = all
        .iter()
        .find(|m| m.full_name == "Hoàng Thị Ánh Tuyết")
        .expect("in the database");
    assert_eq!(m.year_of_birth, Some(1994));
}

#[test]
fn type_indicator_values_and_see_the_totals() {
    use cnscd::app::screen::reports;
    use cnscd::app::widget::period_picker;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 5);
    }
    let mut app = start(data.clone(), no_dialogs());
    click(&mut app, t::NAV_REPORTS);
    // A future quarter: nothing reported yet, so the totals are exactly what is typed.
    // Typed in the picker's field, as a clerk may paste it, then Enter.
    type_into(&mut app, period_picker::TYPED_ID, "2030-Q1");
    deliver(
        &mut app,
        vec![Message::Reports(reports::Message::Period(
            period_picker::Message::Apply,
        ))],
    );
    let loaded = app.reports.loaded.as_ref().expect("report loaded");
    assert_eq!(loaded.agg.period.to_string(), "2030-Q1");
    assert!(loaded.agg.totals.is_empty(), "{:?}", loaded.agg.totals);
    let rows: Vec<i64> = loaded
        .agg
        .rows
        .iter()
        .map(|r| app.ctx.registry.unit_by_code(&r.unit.code).unwrap().id)
        .collect();
    assert!(rows.len() >= 3, "{rows:?}");
    let code = loaded.catalogue.all()[0].code.clone();
    type_into(&mut app, reports::cell_id(rows[0], &code), "120");
    type_into(&mut app, reports::cell_id(rows[1], &code), "35");
    type_into(&mut app, reports::cell_id(rows[2], &code), "1200");
    click(&mut app, t::REPORT_SAVE);
    let loaded = app.reports.loaded.as_ref().expect("report reloaded");
    assert_eq!(loaded.agg.totals.get(&code), Some(1355));
    assert!(app.reports.edits.is_empty());
    // The totals row shows the sum, formatted the Vietnamese way.
    assert!(shows(&app, "1.355"));
    assert!(shows(&app, t::REPORT_TOTAL));
}

#[test]
fn import_roster_with_a_bad_row_shows_the_problem_before_any_write() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let village = {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 4);
        let units = cnscd::store::units::all(store.conn()).unwrap();
        units
            .iter()
            .find(|u| u.level == cnscd::model::Level::Village)
            .unwrap()
            .title_name()
    };
    let file = dir.path().join("danh-sach.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "STT",
        "Đơn vị",
        "Họ và tên",
        "Năm sinh",
        "Giới tính",
        "Chức vụ trong Tổ",
        "Chức vụ, đơn vị công tác",
        "Số điện thoại",
        "Đã tập huấn",
    ];
    let rows = [
        [
            "1",
            village.as_str(),
            "Lường Thị Ún",
            "1991",
            "Nữ",
            "Thành viên",
            "Giáo viên",
            "0209111001",
            "có",
        ],
        [
            "2",
            village.as_str(),
            "Quàng Văn Dũng",
            "tám mươi",
            "Nam",
            "Thành viên",
            "Giáo viên",
            "0209111002",
            "có",
        ],
        [
            "3",
            village.as_str(),
            "Cầm Thị Hoa",
            "1988",
            "Nữ",
            "Thành viên",
            "Giáo viên",
            "0209111003",
            "có",
        ],
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save(&file).unwrap();

    let before = cnscd::Store::open_dir(&data).unwrap().checksum().unwrap();
    let mut app = start(data.clone(), Arc::new(Scripted::answering([file.clone()])));
    click(&mut app, t::NAV_MEMBERS);
    click(&mut app, t::MEMBER_IMPORT);
    let report = app
        .members
        .import
        .preview
        .clone()
        .expect("the preview is open")
        .report;
    assert_eq!(report.problems.len(), 1, "{report}");
    let problem = report.problems[0].to_string();
    assert!(
        problem.contains("dòng 3") && problem.contains("tám mươi"),
        "{problem}"
    );
    // The clerk sees the problem and the refusal before anything is written …
    assert!(shows(&app, &problem));
    assert!(shows(&app, t::IMPORT_PREVIEW_BAD));
    assert_eq!(
        cnscd::Store::open_dir(&data).unwrap().checksum().unwrap(),
        before
    );
    // … and "Nhập" does nothing while the file has problems.
    click(&mut app, t::IMPORT_COMMIT);
    assert_eq!(
        cnscd::Store::open_dir(&data).unwrap().checksum().unwrap(),
        before
    );
    assert!(
        app.members
            .listed(&app.ctx.registry)
            .all(|m| m.full_name != "Lường Thị Ún")
    );
}

#[test]
fn draft_every_teams_decision_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let folder = dir.path().join("quyet-dinh");
    let mut app = start(
        data.clone(),
        Arc::new(Scripted::answering([folder.clone()])),
    );
    click(&mut app, t::NAV_DOCUMENTS);
    // The button is there for a decision (the screen opens on the consolidation).
    assert!(shows(&app, t::DOC_DRAFT_EACH_HINT));
    click(&mut app, t::DOC_DRAFT_EACH);
    let files = std::fs::read_dir(&folder)
        .expect("the folder was made")
        .count();
    assert_eq!(files, 13, "12 village teams and the commune's own");
    let store = cnscd::Store::open_dir(&data).unwrap();
    let entries = cnscd::store::documents::all(store.conn()).unwrap();
    assert_eq!(entries.len(), 13);
    assert!(entries.iter().all(|e| {
        e.output_path
            .as_deref()
            .is_some_and(|p| p.ends_with(".pdf"))
    }));
    assert!(
        app.toasts
            .iter()
            .any(|(_, n)| format!("{n:?}").contains("Đã soạn 13 quyết định")),
        "{:?}",
        app.toasts
    );
}

#[test]
fn draft_a_decision_and_export_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let out = dir.path().join("quyet-dinh.pdf");
    let mut app = start(data.clone(), Arc::new(Scripted::answering([out.clone()])));
    click(&mut app, t::NAV_DOCUMENTS);
    assert!(shows(&app, t::DOC_EMPTY));
    click(&mut app, t::DOC_DRAFT);
    let draft = app.documents.draft.as_ref().expect("drafted");
    assert!(draft.pages >= 1);
    assert!(draft.pdf.starts_with(b"%PDF"));
    let summary = draft.draft.drafted.summary.clone();
    assert!(summary.starts_with("Quyết định"), "{summary}");
    // The export step: the check's verdict and the export buttons are on screen.
    assert!(shows(&app, t::DOC_EXPORT_PDF));
    assert!(shows(&app, t::DOC_EXPORT_DOCX));
    assert!(shows(&app, t::DOC_CHECK));
    click(&mut app, t::DOC_EXPORT_PDF);
    let bytes = std::fs::read(&out).expect("the PDF was written");
    assert_eq!(bytes, app.documents.draft.as_ref().unwrap().pdf);
    let store = cnscd::Store::open_dir(&data).unwrap();
    let entries = cnscd::store::documents::all(store.conn()).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].summary, summary);
    assert_eq!(
        entries[0].output_path.as_deref(),
        Some(out.display().to_string().as_str())
    );
    if common::require_tool("pdftotext") {
        let text = pdf_text(&out);
        assert!(text.contains("QUYẾT ĐỊNH"), "{text}");
    }
    // The register lists it once the draft is closed.
    click(&mut app, t::CLOSE);
    assert!(shows(&app, &entries[0].reference()));
    // Issuing asks for the number and the date in a dialog; nothing is written before the
    // clerk confirms.
    click(&mut app, &entries[0].summary);
    click(&mut app, t::DOC_ISSUE);
    assert!(shows(&app, t::ISSUE_TITLE));
    assert!(shows(&app, &t::issue_next_hint(1)));
    let entry = cnscd::store::documents::get(store.conn(), entries[0].id).unwrap();
    assert_eq!(entry.status, cnscd::store::documents::Status::Draft);
    // A number that is not one is said in the dialog.
    type_into(&mut app, cnscd::app::screen::documents::ISSUE_NUMBER, "3x");
    click(&mut app, t::ISSUE_CONFIRM);
    assert!(shows(&app, t::ISSUE_BAD_NUMBER));
    // The office continues its own numbering at 38, on a date of its choice.
    deliver(
        &mut app,
        vec![
            Message::Documents(DocMessage::IssueNumber("38".into())),
            Message::Documents(DocMessage::IssueDate("15/03/2024".into())),
        ],
    );
    screenshot(&app, "issue-dialog");
    click(&mut app, t::ISSUE_CONFIRM);
    let entry = cnscd::store::documents::get(store.conn(), entries[0].id).unwrap();
    assert_eq!(entry.status, cnscd::store::documents::Status::Issued);
    assert_eq!(entry.number, Some(38));
    assert_eq!(
        entry.issued_on,
        chrono::NaiveDate::from_ymd_opt(2024, 3, 15)
    );
    assert!(!shows(&app, t::ISSUE_TITLE), "the dialog closes");
    assert!(shows(&app, &entry.reference()));
    if common::require_tool("pdftotext") {
        let text = pdf_text(&out);
        assert!(
            text.contains(&format!("Số: {}", entry.reference())),
            "{text}"
        );
    }
}

#[test]
fn a_report_section_typed_in_the_window_prints_in_the_draft() {
    use cnscd::app::screen::documents::{self as docs, KindChoice, SectionChoice};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let mut app = start(data, no_dialogs());
    click(&mut app, t::NAV_DOCUMENTS);
    deliver(
        &mut app,
        vec![
            Message::Documents(DocMessage::Kind(KindChoice(Some(
                cnscd::ops::DocKind::Report,
            )))),
            Message::Documents(DocMessage::Section(SectionChoice(2))),
        ],
    );
    assert!(shows(&app, t::DOC_SECTION));
    // Typed as a clerk types: two paragraphs, the second a bulleted line.
    type_into(
        &mut app,
        docs::SECTION_EDITOR,
        "Sóng di động yếu ở thôn vùng cao.",
    );
    let mut sim = ui(&app);
    sim.click(selector::id(docs::SECTION_EDITOR)).unwrap();
    sim.tap_key(iced::keyboard::key::Named::End);
    sim.tap_key(iced::keyboard::key::Named::Enter);
    sim.typewrite("- Hai Tổ chưa có điện thoại dùng chung");
    let messages: Vec<Message> = sim.into_messages().collect();
    deliver(&mut app, messages);
    assert!(shows(&app, &t::doc_sections_written(1)));
    screenshot(&app, "section-editor");
    click(&mut app, t::DOC_DRAFT);
    let draft = app.documents.draft.as_ref().expect("drafted");
    let text = draft.draft.drafted.document.plain_text();
    assert!(text.contains("Sóng di động yếu ở thôn vùng cao."), "{text}");
    assert!(
        text.contains("- Hai Tổ chưa có điện thoại dùng chung"),
        "{text}"
    );
    assert!(
        !text.contains("thời gian dành cho Tổ còn hạn chế"),
        "the template's words of section III are replaced"
    );
    assert!(
        text.contains("BÀI HỌC KINH NGHIỆM"),
        "the other sections stay"
    );
}

#[test]
fn a_number_held_for_a_paper_document_is_voided_from_the_register() {
    use cnscd::app::screen::documents::NUMBER_REASON;
    use cnscd::store::documents::Status;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let mut app = start(data.clone(), no_dialogs());
    click(&mut app, t::NAV_DOCUMENTS);
    // «Giữ số…»: the next number, held for a decision signed on paper.
    click(&mut app, t::NUM_RESERVE);
    assert!(shows(&app, t::NUM_RESERVE_TITLE));
    click(&mut app, t::NUM_CONFIRM);
    assert!(shows(&app, t::NUM_NEED_REASON), "the reason is required");
    let paper = "Quyết định khen thưởng ký trên giấy";
    type_into(&mut app, NUMBER_REASON, paper);
    click(&mut app, t::NUM_CONFIRM);
    assert!(!shows(&app, t::NUM_RESERVE_TITLE), "the form closes");
    let store = cnscd::Store::open_dir(&data).unwrap();
    let held = cnscd::store::documents::all(store.conn()).unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(
        (held[0].status, held[0].number, held[0].reason.as_str()),
        (Status::Reserved, Some(1), paper)
    );
    assert!(shows(&app, &held[0].reference()));
    // «Hủy số…» on the selected row: a reason again, then the number stays marked «Đã hủy».
    click(&mut app, paper);
    click(&mut app, t::NUM_VOID);
    assert!(shows(&app, t::NUM_VOID_TITLE));
    click(&mut app, t::NUM_CONFIRM);
    assert!(shows(&app, t::NUM_NEED_REASON));
    type_into(&mut app, NUMBER_REASON, "Giữ nhầm số");
    screenshot(&app, "void-number");
    click(&mut app, t::NUM_CONFIRM);
    assert!(!shows(&app, t::NUM_VOID_TITLE), "the form closes");
    let e = cnscd::store::documents::get(store.conn(), held[0].id).unwrap();
    assert_eq!(
        (e.status, e.number, e.reason.as_str()),
        (Status::Voided, Some(1), "Giữ nhầm số")
    );
    assert!(shows(&app, Status::Voided.label()));
    assert!(shows(
        &app,
        &format!("{paper} — {}: Giữ nhầm số", t::NUM_VOIDED)
    ));
    // Voided once only: the button is gone for this row.
    click(&mut app, &e.reference());
    assert!(!shows(&app, t::NUM_VOID));
    // «Số bắt đầu…»: this year continues at 38; below what is used is refused in the form.
    click(&mut app, t::NUM_START);
    assert!(shows(&app, t::NUM_START_TITLE));
    let typed = |n: &str| {
        vec![Message::Documents(DocMessage::Number(
            cnscd::app::screen::documents::NumberMessage::Number(n.into()),
        ))]
    };
    deliver(&mut app, typed("1"));
    click(&mut app, t::NUM_CONFIRM);
    assert!(
        shows(&app, t::NUM_START_TITLE),
        "refused: the form stays open"
    );
    deliver(&mut app, typed("38"));
    click(&mut app, t::NUM_CONFIRM);
    assert!(!shows(&app, t::NUM_START_TITLE));
    let year = chrono::Datelike::year(&e.issued_on.unwrap());
    assert_eq!(
        cnscd::ops::numbers::next_of(&store, cnscd::ops::DocKind::DecisionEstablish, year).unwrap(),
        38
    );
}
