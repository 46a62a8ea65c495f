//! The rules the two faces used to apply each their own way, now one rule each, checked through
//! both: a document with decree errors is refused until the clerk insists; a certificate of the
//! trust folder that cannot be read is skipped with a notice; a year of birth, a phone number and
//! an e-mail address are accepted or refused alike by the form, the roster import and the store;
//! a period is read alike by `--period` and the reports screen.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use chrono::Datelike;
use cnscd::app::context::Clock;
use cnscd::app::dialogs::Scripted;
use cnscd::app::screen::{reports, signing};
use cnscd::app::{App, Message, text as t};
use cnscd::ops::Workspace;

use crate::app::{click, deliver, drive, shows, type_into};
use crate::common::Env;
use crate::signing::{PASSWORD, Pki, fixture_pdf};

fn window(data: &Path, dialogs: Arc<Scripted>) -> App {
    let (mut app, task) = App::new(Workspace::new(data), dialogs, Clock::System);
    drive(&mut app, task);
    app
}

fn answer(dialogs: &Scripted, path: &Path) {
    dialogs
        .answers
        .lock()
        .expect("dialogs")
        .push(path.to_path_buf());
}

fn toasts(app: &App) -> String {
    format!("{:?}", app.toasts)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn decree_errors_refuse_the_export_in_both_faces_until_the_clerk_insists() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    // A clerk's copy of both decision templates writes the căn cứ lines with the wrong endings.
    let user = env.data().join("templates");
    std::fs::create_dir_all(&user).unwrap();
    for name in ["quyet-dinh-thanh-lap.txt", "quyet-dinh-kien-toan.txt"] {
        let shipped = cnscd::document::Templates::shipped_text(name).unwrap();
        let text = shipped.replace(
            "{% for c in can_cu %}\n@can-cu {{ c }}\n{% endfor %}",
            "*Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015.*\n\
             *Căn cứ Văn bản số 793/BTTTT-THH ngày 05 tháng 3 năm 2022;*",
        );
        assert_ne!(text, shipped, "{name} has the căn cứ loop");
        std::fs::write(user.join(name), text).unwrap();
    }

    let cli_pdf = env.path("cli.pdf");
    let args = [
        "draft",
        "decision",
        "--unit",
        "Hòa Bắc",
        "-o",
        cli_pdf.to_str().unwrap(),
    ];
    let r = env.run(&args);
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
    assert!(stderr(&r).contains("dấu chấm phẩy"), "{}", stderr(&r));
    assert!(!cli_pdf.exists());

    let dialogs = Arc::new(Scripted::default());
    let mut app = window(&env.data(), dialogs.clone());
    click(&mut app, t::NAV_DOCUMENTS);
    click(&mut app, t::DOC_DRAFT);
    assert!(shows(&app, t::DOC_HAS_ERRORS));
    let win_pdf = env.path("window.pdf");
    answer(&dialogs, &win_pdf);
    click(&mut app, t::DOC_EXPORT_PDF);
    assert!(!win_pdf.exists(), "refused like the command line");
    assert!(toasts(&app).contains("dấu chấm phẩy"), "{}", toasts(&app));
    assert!(
        toasts(&app).contains(t::DOC_EXPORT_FORCE),
        "{}",
        toasts(&app)
    );
    let store = env.store();
    assert!(
        cnscd::store::documents::all(store.conn())
            .unwrap()
            .is_empty()
    );

    // Insisting writes the file and records the draft, in both faces.
    answer(&dialogs, &win_pdf);
    click(&mut app, t::DOC_EXPORT_FORCE);
    assert!(win_pdf.exists());
    let mut forced = args.to_vec();
    forced.push("--force");
    env.ok(&forced);
    assert!(cli_pdf.exists());
    assert_eq!(cnscd::store::documents::all(store.conn()).unwrap().len(), 2);
}

#[test]
fn an_unreadable_trust_certificate_is_skipped_with_a_notice_in_both_faces() {
    let env = Env::new();
    let pki = Pki::new(env.dir.path());
    let unsigned = env.path("chua-ky.pdf");
    std::fs::write(&unsigned, fixture_pdf(1, None)).unwrap();
    let signed = env.path("da-ky.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("--data-dir")
        .arg(env.data())
        .args(["sign", unsigned.to_str().unwrap(), "-o"])
        .arg(&signed)
        .args([
            "--p12",
            &pki.path("signer.p12"),
            "--password-env",
            "P12_PASS",
        ])
        .env("P12_PASS", PASSWORD)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let trust = env.data().join("trust");
    std::fs::create_dir_all(&trust).unwrap();
    std::fs::copy(pki.path("root.pem"), trust.join("goc.pem")).unwrap();
    std::fs::write(trust.join("hong.cer"), b"not a certificate").unwrap();

    let out = env.run(&["verify", signed.to_str().unwrap()]);
    let (said, warned) = (String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert!(out.status.success(), "{said}{warned}");
    assert!(warned.contains("Lưu ý: Bỏ qua chứng thư gốc"), "{warned}");
    assert!(warned.contains("hong.cer"), "{warned}");
    assert!(said.contains("Gốc thử nghiệm cnscd"), "{said}");

    let dialogs = Arc::new(Scripted::default());
    let mut app = window(&env.data(), dialogs.clone());
    answer(&dialogs, &signed);
    deliver(
        &mut app,
        vec![Message::Signing(signing::Message::Choose(
            signing::Pick::Verify,
        ))],
    );
    let (_, verified) = app.signing.verified.clone().expect("verified");
    assert!(verified.report.state.passes(), "{verified:?}");
    let lines = &verified.notices;
    let notice = lines
        .iter()
        .find(|l| l.contains("Bỏ qua chứng thư gốc"))
        .unwrap_or_else(|| panic!("{lines:?}"));
    assert!(notice.contains("hong.cer"), "{notice}");
    assert!(
        warned.contains(notice.as_str()),
        "the same notice: {warned}"
    );
    let trust = &verified.report.signatures[0].answers.trust.text;
    assert!(trust.contains("Gốc thử nghiệm cnscd"), "{trust}");
}

/// One roster row for the sample's first village.
fn roster_row(path: &Path, name: &str, year: &str, phone: &str, email: &str) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows = [
        [
            "Đơn vị",
            "Xã/phường",
            "Họ và tên",
            "Năm sinh",
            "Giới tính",
            "Chức vụ trong Tổ",
            "Chức vụ, đơn vị công tác",
            "Số điện thoại",
            "Email",
            "Đã tập huấn",
        ],
        [
            "Thôn Nam Yên",
            "Hòa Bắc",
            name,
            year,
            "Nam",
            "Thành viên",
            "Nông dân",
            phone,
            email,
            "không",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn year_phone_and_email_follow_one_rule_in_form_import_and_store() {
    let today = chrono::Local::now().date_naive();
    let youngest = (today.year() - 14).to_string();
    let too_young = (today.year() - 13).to_string();
    // (year, phone, e-mail, accepted). A blank year is left out: the roster import requires it
    // (the decision's appendix prints it), the form and the store do not.
    let cases: Vec<(&str, &str, &str, bool)> = vec![
        ("1900", "", "", true),
        ("1899", "", "", false),
        (&youngest, "", "", true),
        (&too_young, "", "", false),
        ("1985", "0912 000 111", "", true),
        ("1985", "+84 912 000 112", "", true),
        ("1985", "12345", "", false),
        ("1985", "091200011122", "", false),
        ("1985", "không có", "", false),
        ("1985", "", "to.ct@hoabac.gov.vn", true),
        ("1985", "", "to.ct@hoabac", false),
        ("1985", "", "to@ct@hoabac.gov.vn", false),
        ("1985", "", "@hoabac.gov.vn", false),
    ];
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let team = {
        let store = env.store();
        let unit = cnscd::store::units::resolve(store.conn(), "Thôn Nam Yên").unwrap();
        cnscd::store::teams::in_subtree(store.conn(), unit.id).unwrap()[0].clone()
    };
    let mut app = window(&env.data(), Arc::new(Scripted::default()));
    click(&mut app, t::NAV_MEMBERS);
    for (i, &(year, phone, email, accepted)) in cases.iter().enumerate() {
        let case = format!("{year} / {phone} / {email}");
        // The roster import.
        let file = env.path(&format!("row-{i}.xlsx"));
        roster_row(&file, &format!("Người Nhập {i}"), year, phone, email);
        let r = env.run(&["import", "roster", file.to_str().unwrap()]);
        assert_eq!(
            r.status.success(),
            accepted,
            "import {case}: {}",
            stderr(&r)
        );
        // The store.
        let new = cnscd::model::NewMember {
            full_name: format!("Người Lưu {i}"),
            year_of_birth: year.parse().ok(),
            gender: None,
            phone: Some(phone.to_string()).filter(|p| !p.is_empty()),
            email: Some(email.to_string()).filter(|e| !e.is_empty()),
            position: None,
            trained: false,
            team_id: team.id,
            role: None,
            joined_on: None,
            joined_decision: None,
        };
        let stored = cnscd::store::members::insert(env.store().conn(), &new, today);
        assert_eq!(stored.is_ok(), accepted, "store {case}: {stored:?}");
        // The form.
        click(&mut app, t::MEMBER_NEW);
        type_into(&mut app, t::MEMBER_NAME, &format!("Người Gõ {i}"));
        type_into(&mut app, t::MEMBER_YEAR, year);
        if !phone.is_empty() {
            type_into(&mut app, t::MEMBER_PHONE, phone);
        }
        if !email.is_empty() {
            type_into(&mut app, t::MEMBER_EMAIL, email);
        }
        deliver(
            &mut app,
            vec![Message::Members(
                cnscd::app::screen::members::Message::TeamPicked(team.id),
            )],
        );
        click(&mut app, t::SAVE);
        assert_eq!(app.members.form.is_none(), accepted, "form {case}");
        if !accepted {
            click(&mut app, t::CLOSE);
            assert!(app.members.form.is_none());
        }
    }
}

#[test]
fn a_period_reads_alike_on_the_command_line_and_in_the_reports_screen() {
    use cnscd::app::widget::period_picker::Message::{Apply, Typed};
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let mut app = window(&env.data(), Arc::new(Scripted::default()));
    click(&mut app, t::NAV_REPORTS);
    for (typed, code) in [
        ("2026-Q1", "2026-Q1"),
        ("Quý 3/2026", "2026-Q3"),
        ("quý III năm 2026", "2026-Q3"),
        ("6 tháng đầu năm 2026", "2026-H1"),
        ("tháng 5/2026", "2026-05"),
        ("năm 2026", "2026"),
    ] {
        let json = env.ok(&["report", "--unit", "Hòa Bắc", "--period", typed, "--json"]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["period"], code, "command line: {typed}");
        deliver(
            &mut app,
            vec![
                Message::Reports(reports::Message::Period(Typed(typed.into()))),
                Message::Reports(reports::Message::Period(Apply)),
            ],
        );
        assert_eq!(app.reports.period.to_string(), code, "window: {typed}");
        assert!(app.reports.period_picker.error.is_none(), "window: {typed}");
    }
    // Refused alike.
    let r = env.run(&["report", "--unit", "Hòa Bắc", "--period", "quý 5", "--json"]);
    assert_eq!(r.status.code(), Some(1));
    deliver(
        &mut app,
        vec![
            Message::Reports(reports::Message::Period(Typed("quý 5".into()))),
            Message::Reports(reports::Message::Period(Apply)),
        ],
    );
    assert!(app.reports.period_picker.error.is_some());
}
