//! The window as a clerk's daily tool: work is not lost without a question (leaving a screen,
//! Esc, closing the window), a stopped batch reports exactly what it kept, a dialog that cannot
//! open turns into a path field, and the signing screen says what a signature proves.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cnscd::app::context::Clock;
use cnscd::app::dialogs::{Event, Scripted, SharedDialogs};
use cnscd::app::path_field::PathMessage;
use cnscd::app::screen::{Nav, Shortcut, documents, signing};
use cnscd::app::{App, Message, Phase, text as t};
use cnscd::ops::Workspace;
use iced_test::futures::futures::{StreamExt, executor::block_on};
use iced_test::runtime::{self, task::into_stream};

use crate::app::{click, deliver, drive, shows, type_into};
use crate::common;

fn sample(dir: &Path, scale: cnscd::ops::sample::Scale) -> PathBuf {
    let data = dir.join("data");
    let mut store = cnscd::Store::open_dir(&data).unwrap();
    common::sample_into(&mut store, scale, 6);
    data
}

fn start(data: PathBuf, dialogs: SharedDialogs) -> App {
    let (mut app, task) = App::new(Workspace::new(data), dialogs, Clock::System);
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready), "{:?}", app.phase);
    app
}

/// Runs `task` on a thread of its own (it may wait for the window), returning its messages.
fn in_background(task: iced::Task<Message>) -> std::thread::JoinHandle<Vec<Message>> {
    let stream = into_stream(task).expect("a task");
    std::thread::spawn(move || {
        block_on(stream.collect::<Vec<_>>())
            .into_iter()
            .filter_map(|a| match a {
                runtime::Action::Output(m) => Some(m),
                _ => None,
            })
            .collect()
    })
}

fn window_id() -> iced::window::Id {
    iced::window::Id::unique()
}

#[test]
fn closing_the_window_with_a_half_filled_form_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample(dir.path(), cnscd::ops::sample::Scale::Commune);
    let mut app = start(data, Arc::new(Scripted::default()));
    click(&mut app, t::NAV_MEMBERS);
    click(&mut app, t::MEMBER_NEW);
    // A form just opened holds nothing: leaving it asks nothing.
    let _ = app.update(Message::Navigate(Nav::Units));
    assert!(app.ask.is_none());
    assert_eq!(app.nav, Nav::Units);
    click(&mut app, t::NAV_MEMBERS);
    type_into(&mut app, t::MEMBER_NAME, "Lê Thị Hường");
    // The × of the window: the question, with the two answers.
    let _ = app.update(Message::CloseRequested(window_id()));
    assert!(shows(&app, &t::unsaved_question(t::NAV_MEMBERS)));
    assert!(shows(&app, t::DISCARD_CHANGES));
    click(&mut app, t::KEEP_EDITING);
    assert!(app.ask.is_none());
    let form = app.members.form.as_ref().expect("the form is still open");
    assert_eq!(form.name, "Lê Thị Hường");
    // Leaving for another screen asks the same.
    click(&mut app, t::NAV_SIGNING);
    assert_eq!(app.nav, Nav::Members, "still on the form");
    assert!(shows(&app, t::KEEP_EDITING));
    click(&mut app, t::KEEP_EDITING);
    // Esc asks too; «Bỏ thay đổi» drops the form.
    let _ = app.update(Message::Shortcut(Shortcut::Close));
    assert!(shows(&app, t::KEEP_EDITING));
    click(&mut app, t::DISCARD_CHANGES);
    assert!(app.members.form.is_none());
    assert!(app.ask.is_none());
}

#[test]
fn closing_the_window_during_a_job_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample(dir.path(), cnscd::ops::sample::Scale::Commune);
    let folder = dir.path().join("quyet-dinh");
    let mut app = start(data, Arc::new(Scripted::default()));
    click(&mut app, t::NAV_DOCUMENTS);
    let task = app.update(Message::Documents(documents::Message::DraftEachTo(Some(
        folder.clone(),
    ))));
    assert!(app.job.is_some());
    let _ = app.update(Message::CloseRequested(window_id()));
    assert!(
        shows(&app, t::STOP_AND_CLOSE),
        "the job asks before closing"
    );
    click(&mut app, t::KEEP_WORKING);
    assert!(app.job.is_some(), "still running");
    drive(&mut app, task);
    assert!(app.job.is_none());
}

#[test]
fn a_stopped_batch_reports_exactly_the_files_and_register_rows_it_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample(dir.path(), cnscd::ops::sample::Scale::Commune);
    let folder = dir.path().join("quyet-dinh");
    let mut app = start(data.clone(), Arc::new(Scripted::default()));
    click(&mut app, t::NAV_DOCUMENTS);
    let task = app.update(Message::Documents(documents::Message::DraftEachTo(Some(
        folder.clone(),
    ))));
    let running = in_background(task);
    // «Hủy» as soon as the first file is on disk.
    while std::fs::read_dir(&folder).map_or(0, |d| d.count()) == 0 && !running.is_finished() {
        std::thread::yield_now();
    }
    let _ = app.update(Message::CancelJob);
    assert!(
        shows(&app, t::JOB_STOPPING),
        "the header says it is stopping"
    );
    deliver(&mut app, running.join().unwrap());
    assert!(app.job.is_none());
    let files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let store = cnscd::Store::open_dir(&data).unwrap();
    let rows = cnscd::store::documents::all(store.conn()).unwrap();
    assert_eq!(rows.len(), files.len(), "one register row per file kept");
    for f in &files {
        assert!(
            rows.iter()
                .any(|r| r.output_path.as_deref() == Some(f.to_str().unwrap())),
            "{} is in the register",
            f.display()
        );
    }
    let toast = app
        .toasts
        .iter()
        .map(|(_, n)| format!("{n:?}"))
        .collect::<String>();
    assert!(!toast.contains("không thay đổi"), "{toast}");
    let total = 13;
    if files.len() < total {
        let expected = format!(
            "Giữ lại {n} tệp quyết định trong {} và {n} dự thảo trong sổ văn bản; {} Tổ chưa soạn.",
            folder.display(),
            total - files.len(),
            n = files.len(),
        );
        assert!(toast.contains(&expected), "{toast}\n{expected}");
    } else {
        assert!(toast.contains("Đã soạn 13 quyết định"), "{toast}");
    }
}

#[test]
fn a_dialog_that_cannot_open_offers_a_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut app = start(data, Arc::new(Scripted::failing(t::DIALOG_NO_PORTAL)));
    let pdf = dir.path().join("chua-ky.pdf");
    let doc = cnscd::export::example::decision(2, false);
    std::fs::write(&pdf, cnscd::export::pdf::render_pdf(&doc).unwrap().bytes).unwrap();
    click(&mut app, t::NAV_SIGNING);
    let task = app.update(Message::Signing(signing::Message::Choose(
        signing::Pick::Verify,
    )));
    let waiting = in_background(task);
    // The worker that asked waits; the window hears why no dialog opened.
    let ask = loop {
        match app.ctx.broker.pending().into_iter().find_map(|e| match e {
            Event::AskPath(a) => Some(a),
            _ => None,
        }) {
            Some(a) => break a,
            None => std::thread::yield_now(),
        }
    };
    let _ = app.update(Message::Dialog(Event::AskPath(ask)));
    assert!(shows(&app, t::DIALOG_NO_PORTAL));
    assert!(shows(&app, t::PATH_FIELD_HINT));
    // A path that is not there is refused beside the field, naming it.
    let missing = dir.path().join("khong-co.pdf");
    type_into(
        &mut app,
        cnscd::app::path_field::FIELD_ID,
        missing.to_str().unwrap(),
    );
    click(&mut app, t::PATH_CHOOSE);
    assert!(shows(&app, &t::path_missing(&missing)));
    shot(&mut app, (1366.0, 768.0), "duong-dan");
    assert!(!waiting.is_finished());
    let _ = app.update(Message::Path(PathMessage::Typed(
        pdf.to_str().unwrap().into(),
    )));
    click(&mut app, t::PATH_CHOOSE);
    assert!(app.path_field.is_none());
    deliver(&mut app, waiting.join().unwrap());
    // The typed file went where the dialog's answer goes: it was verified.
    assert!(shows(&app, "Tệp PDF không có chữ ký số nào."));
}

#[test]
fn a_folder_that_cannot_be_shown_is_a_message_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = start(
        dir.path().join("data"),
        Arc::new(Scripted::failing("không có trình quản lý tệp")),
    );
    let folder = dir.path().join("thu-muc");
    app.ctx.dialogs.reveal(&folder);
    for e in app.ctx.broker.pending() {
        let task = app.update(Message::Dialog(e));
        drive(&mut app, task);
    }
    let expected = t::reveal_failed(&folder, "không có trình quản lý tệp");
    assert!(shows(&app, &expected), "{:?}", app.toasts);
}

#[test]
fn a_folder_that_cannot_be_shown_from_the_database_error_screen_is_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ws = Workspace::new(&data);
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(ws.db_path(), b"khong phai co so du lieu").unwrap();
    let (mut app, task) = App::new(
        ws.clone(),
        Arc::new(Scripted::failing("không có trình quản lý tệp")),
        Clock::System,
    );
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Failed(_)), "{:?}", app.phase);
    click(&mut app, t::OPEN_FOLDER);
    for e in app.ctx.broker.pending() {
        let task = app.update(Message::Dialog(e));
        drive(&mut app, task);
    }
    let folder = ws.db_path().parent().unwrap().to_path_buf();
    let expected = t::reveal_failed(&folder, "không có trình quản lý tệp");
    assert!(shows(&app, &expected), "{:?}", app.toasts);
    assert!(
        shows(&app, t::RETRY),
        "the screen is still there under the message"
    );
    shot(&mut app, (1024.0, 600.0), "loi-co-so-du-lieu-1024");
}

/// Draws the window at `size` into `path` when `CNSCD_SHOTS` names a folder (screenshots for the
/// guide and the README; `CNSCD_SHOTS=docs/guide cargo test window::`).
pub fn shot(app: &mut App, size: (f32, f32), name: &str) {
    let Some(dir) = std::env::var_os("CNSCD_SHOTS").map(PathBuf::from) else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    let settings = iced::Settings {
        fonts: cnscd::app::theme::FONT_FILES
            .iter()
            .map(|b| std::borrow::Cow::Borrowed(*b))
            .collect(),
        default_font: cnscd::app::theme::UI_FONT,
        ..iced::Settings::default()
    };
    // A toast of the steps before would hide what the screenshot is for.
    let toasts = std::mem::take(&mut app.toasts);
    let mut sim = iced_test::Simulator::with_size(settings, size, app.view());
    let snapshot = sim.snapshot(&app.theme()).unwrap();
    let path = dir.join(format!("{name}.png"));
    // The snapshot is written as `<name>-tiny-skia.png` and only when none is there yet.
    let _ = std::fs::remove_file(dir.join(format!("{name}-tiny-skia.png")));
    snapshot.matches_image(&path).unwrap();
    drop(sim);
    app.toasts = toasts;
}

#[test]
fn sign_with_a_p12_then_verify_amber_without_the_root_and_green_with_it() {
    use crate::signing::{PASSWORD, Pki, fixture_pdf};
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path());
    let input = dir.path().join("to-trinh.pdf");
    std::fs::write(&input, fixture_pdf(1, None)).unwrap();
    let output = dir.path().join("to-trinh-da-ky.pdf");
    let data = dir.path().join("data");
    let mut app = start(
        data.clone(),
        Arc::new(Scripted::answering([output.clone()])),
    );
    click(&mut app, t::NAV_SIGNING);
    let sign = |app: &mut App, m: signing::Message| {
        let task = app.update(Message::Signing(m));
        drive(app, task);
    };
    sign(
        &mut app,
        signing::Message::Chosen(signing::Pick::Pdf, Some(input.clone())),
    );
    sign(
        &mut app,
        signing::Message::Chosen(signing::Pick::P12, Some(pki.path("signer.p12").into())),
    );
    // A wrong password is refused before the clerk is asked where to save.
    sign(&mut app, signing::Message::Secret("sai".into()));
    click(&mut app, t::SIGN_DO);
    assert!(
        app.toasts
            .iter()
            .any(|(_, n)| format!("{n:?}").contains("Sai mật khẩu")),
        "{:?}",
        app.toasts
    );
    assert!(!output.exists());
    sign(&mut app, signing::Message::Secret(PASSWORD.into()));
    click(&mut app, t::SIGN_DO);
    assert!(output.exists(), "{:?}", app.toasts);
    // No root in the trust folder: intact, amber, three answers.
    sign(
        &mut app,
        signing::Message::Chosen(signing::Pick::Verify, Some(output.clone())),
    );
    assert!(shows(&app, t::VERIFY_UNTRUSTED));
    for q in [t::ANSWER_INTEGRITY, t::ANSWER_SIGNER, t::ANSWER_TRUST] {
        assert!(shows(&app, q), "{q}");
    }
    let (_, v) = app.signing.verified.as_ref().unwrap();
    let answers = &v.report.signatures[0].answers;
    use cnscd::ops::sign::Verdict;
    assert_eq!(answers.integrity.verdict, Verdict::Good);
    assert_eq!(answers.trust.verdict, Verdict::Warning);
    assert!(!shows(&app, t::VERIFY_OK));
    shot(&mut app, (1366.0, 768.0), "ky-so-kiem-tra-vang");
    // The root in the trust folder: green.
    let trust = Workspace::new(&data).trust_dir();
    std::fs::create_dir_all(&trust).unwrap();
    std::fs::copy(pki.path("root.pem"), trust.join("goc.pem")).unwrap();
    sign(
        &mut app,
        signing::Message::Chosen(signing::Pick::Verify, Some(output.clone())),
    );
    assert!(shows(&app, t::VERIFY_OK));
    assert!(!shows(&app, t::VERIFY_UNTRUSTED));
    shot(&mut app, (1366.0, 768.0), "ky-so-kiem-tra-xanh");
}

#[test]
fn the_tokens_found_are_listed_by_certificate_and_sign_with_the_pin() {
    use crate::signing::{Pki, fixture_pdf};
    use crate::tokens::{hsm_conf, token};
    if !common::require_tool("softhsm2-util") || !common::require_tool("pkcs11-tool") {
        return;
    }
    let env = common::Env::new();
    let pki = Pki::new(env.dir.path());
    let conf = hsm_conf(&env);
    token(
        &conf,
        &pki,
        "cnscd",
        &[("privkey", "signer", "01"), ("cert", "signer", "01")],
    );
    std::fs::write(env.path("in.pdf"), fixture_pdf(1, None)).unwrap();
    // The module reads SOFTHSM2_CONF when it loads: the window runs in a child with it set.
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "window::token_window_in_child",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("SOFTHSM2_CONF", &conf)
        .env("CNSCD_TOKEN_CHILD", env.dir.path())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(text.contains("1 passed"), "the child did not run:\n{text}");
    assert!(env.path("in-da-ky.pdf").exists(), "{text}");
}

/// The window's token list and signing, run only as the child of the test above.
#[test]
fn token_window_in_child() {
    let Some(dir) = std::env::var_os("CNSCD_TOKEN_CHILD").map(PathBuf::from) else {
        return;
    };
    let output = dir.join("in-da-ky.pdf");
    let mut app = start(
        dir.join("data"),
        Arc::new(Scripted::answering([output.clone()])),
    );
    click(&mut app, t::NAV_SIGNING);
    let sign = |app: &mut App, m: signing::Message| {
        let task = app.update(Message::Signing(m));
        drive(app, task);
    };
    sign(
        &mut app,
        signing::Message::Chosen(signing::Pick::Pdf, Some(dir.join("in.pdf"))),
    );
    sign(&mut app, signing::Message::Source(signing::Source::Token));
    let offered = app.signing.token_choices();
    let ours = offered
        .iter()
        .find(|c| c.label.starts_with("token cnscd (SoftHSM2) — "))
        .unwrap_or_else(|| panic!("{offered:?}"));
    assert!(
        ours.label
            .contains("Nguyễn Văn Ánh (Ủy ban nhân dân xã Hòa Bắc), hết hạn"),
        "{}",
        ours.label
    );
    // By name on screen, with no library path or slot number to type.
    assert!(shows(&app, &ours.label));
    assert!(shows(&app, t::TOKEN_ADD_MODULE));
    assert!(!shows(&app, ".so"));
    assert_eq!(app.signing.token, Some(0), "the only certificate is chosen");
    shot(&mut app, (1366.0, 768.0), "ky-so-usb-token");
    sign(
        &mut app,
        signing::Message::Secret(crate::tokens::PIN.into()),
    );
    click(&mut app, t::SIGN_DO);
    assert!(output.exists(), "{:?}", app.toasts);
}

#[test]
fn the_member_search_ranks_huong_before_phuong() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
        let team = cnscd::ops::registry::load(&store).unwrap().teams[0].id;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        // In name order (by the given name) Phương Anh and Thương Bảo come first; ranked,
        // the whole words «Hương», «Hường» do.
        for name in [
            "Trần Phương Anh",
            "Đỗ Thương Bảo",
            "Lê Thị Hường",
            "Nguyễn Thị Hương",
        ] {
            let member = cnscd::model::NewMember {
                full_name: name.into(),
                year_of_birth: None,
                gender: None,
                phone: None,
                email: None,
                position: None,
                trained: false,
                team_id: team,
                role: None,
                joined_on: None,
                joined_decision: None,
            };
            cnscd::ops::members::add(&mut store, &member, today).unwrap();
        }
    }
    let mut app = start(data, Arc::new(Scripted::default()));
    click(&mut app, t::NAV_MEMBERS);
    type_into(&mut app, cnscd::app::screen::members::SEARCH_ID, "huong");
    let names: Vec<String> = app
        .members
        .listed(&app.ctx.registry)
        .map(|m| m.full_name.clone())
        .collect();
    let at = |n: &str| names.iter().position(|m| m == n).expect(n);
    assert!(at("Lê Thị Hường") < at("Trần Phương Anh"), "{names:?}");
    assert!(at("Nguyễn Thị Hương") < at("Trần Phương Anh"), "{names:?}");
    assert!(at("Nguyễn Thị Hương") < at("Đỗ Thương Bảo"), "{names:?}");
    let whole = |n: &str| {
        n.split(' ')
            .any(|w| cnscd::vietnamese::search_key(w) == "huong")
    };
    let first_other = names.iter().position(|n| !whole(n)).expect("a Phương");
    assert!(
        names[first_other..].iter().all(|n| !whole(n)),
        "every whole-word match first: {names:?}"
    );
    // What the clerk sees at the top is the same.
    assert!(shows(&app, &names[0]));
}

#[test]
fn the_guide_opens_with_f1_and_shows_every_job() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample(dir.path(), cnscd::ops::sample::Scale::Commune);
    let mut app = start(data, Arc::new(Scripted::default()));
    shot(&mut app, (1366.0, 768.0), "tong-quan");
    click(&mut app, t::NAV_MEMBERS);
    shot(&mut app, (1366.0, 768.0), "thanh-vien");
    click(&mut app, t::NAV_DOCUMENTS);
    click(&mut app, t::DOC_DRAFT);
    assert!(app.documents.draft.is_some());
    shot(&mut app, (1366.0, 768.0), "van-ban");
    guide_checks(&mut app);
}

/// F1 opens the guide from any screen; each job lists its steps and its screenshot.
fn guide_checks(app: &mut App) {
    use cnscd::app::text::guide::TOPICS;
    let task = app.update(Message::Key(iced::keyboard::Event::KeyPressed {
        key: iced::keyboard::Key::Named(iced::keyboard::key::Named::F1),
        modified_key: iced::keyboard::Key::Named(iced::keyboard::key::Named::F1),
        physical_key: iced::keyboard::key::Physical::Unidentified(
            iced::keyboard::key::NativeCode::Unidentified,
        ),
        location: iced::keyboard::Location::Standard,
        modifiers: iced::keyboard::Modifiers::empty(),
        text: None,
        repeat: false,
    }));
    drive(app, task);
    assert_eq!(app.nav, Nav::Guide);
    for topic in TOPICS {
        click(app, topic.title);
        assert!(shows(app, topic.steps[0]), "{}", topic.title);
    }
    click(app, TOPICS[5].title);
    shot(app, (1366.0, 768.0), "huong-dan");
}

/// A native dialog that stays open until the test answers it (the clerk has not chosen yet).
#[derive(Debug)]
struct HeldOpen(std::sync::Mutex<std::sync::mpsc::Receiver<Option<PathBuf>>>);

impl cnscd::app::dialogs::Dialogs for HeldOpen {
    fn try_open_file(&self, _: &str, _: (&str, &[&str])) -> cnscd::app::dialogs::Picked {
        Ok(self.0.lock().unwrap().recv().unwrap())
    }
    fn try_save_file(&self, _: &str, _: &str, _: (&str, &[&str])) -> cnscd::app::dialogs::Picked {
        Ok(None)
    }
    fn try_pick_folder(&self, _: &str) -> cnscd::app::dialogs::Picked {
        Ok(None)
    }
    fn try_reveal(&self, _: &Path) -> std::result::Result<(), String> {
        Ok(())
    }
}

#[test]
fn while_a_file_dialog_is_open_no_click_or_key_reaches_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample(dir.path(), cnscd::ops::sample::Scale::Commune);
    let (answer, rx) = std::sync::mpsc::channel();
    let mut app = start(data, Arc::new(HeldOpen(std::sync::Mutex::new(rx))));
    let pdf = dir.path().join("chua-ky.pdf");
    let doc = cnscd::export::example::decision(2, false);
    std::fs::write(&pdf, cnscd::export::pdf::render_pdf(&doc).unwrap().bytes).unwrap();
    click(&mut app, t::NAV_SIGNING);
    let task = app.update(Message::Signing(signing::Message::Choose(
        signing::Pick::Verify,
    )));
    let waiting = in_background(task);
    // The dialog's worker tells the window it is open.
    let opened = loop {
        let events = app.ctx.broker.pending();
        if !events.is_empty() {
            break events;
        }
        std::thread::yield_now();
    };
    assert!(matches!(opened[..], [Event::Opened]), "{opened:?}");
    let _ = app.update(Message::Dialog(Event::Opened));
    // The window is dimmed and says why.
    assert!(shows(&app, t::DIALOG_OPEN_NOW));
    shot(&mut app, (1366.0, 768.0), "hop-thoai-dang-mo");
    // A click on a navigation button lands on the cover: no message, the screen stays.
    let mut sim = crate::app::ui(&app);
    sim.click(t::NAV_UNITS).unwrap();
    let messages: Vec<Message> = sim.into_messages().collect();
    assert!(messages.is_empty(), "{messages:?}");
    assert_eq!(app.nav, Nav::Signing);
    // Keys do nothing behind it: F1 would open the guide.
    let f1 = iced::keyboard::Event::KeyPressed {
        key: iced::keyboard::Key::Named(iced::keyboard::key::Named::F1),
        modified_key: iced::keyboard::Key::Named(iced::keyboard::key::Named::F1),
        physical_key: iced::keyboard::key::Physical::Unidentified(
            iced::keyboard::key::NativeCode::Unidentified,
        ),
        location: iced::keyboard::Location::Standard,
        modifiers: iced::keyboard::Modifiers::empty(),
        text: None,
        repeat: false,
    };
    let task = app.update(Message::Key(f1.clone()));
    drive(&mut app, task);
    assert_eq!(app.nav, Nav::Signing);
    // The clerk chooses the file: the dialog closes, the screen gets the file, the window
    // takes clicks and keys again.
    answer.send(Some(pdf)).unwrap();
    let messages = waiting.join().unwrap();
    for e in app.ctx.broker.pending() {
        let task = app.update(Message::Dialog(e));
        drive(&mut app, task);
    }
    deliver(&mut app, messages);
    assert_eq!(app.dialogs_open, 0);
    assert!(!shows(&app, t::DIALOG_OPEN_NOW));
    assert!(shows(&app, "Tệp PDF không có chữ ký số nào."));
    let task = app.update(Message::Key(f1));
    drive(&mut app, task);
    assert_eq!(app.nav, Nav::Guide);
    click(&mut app, t::NAV_UNITS);
    assert_eq!(app.nav, Nav::Units);
}
