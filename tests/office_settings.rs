//! The office's own settings are what the documents print: changed on the command line
//! (`cnscd office set`) or in Cài đặt, the next draft shows them (pdftotext).

use std::sync::Arc;

use cnscd::app::context::Clock;
use cnscd::app::dialogs::Scripted;
use cnscd::app::screen::settings::{self, ModeChoice, OfficeField};
use cnscd::app::{App, Message, Phase, text as t};
use cnscd::model::SigningMode;
use cnscd::ops::Workspace;

use crate::app::{click, deliver, drive, pdf_text, screenshot, shows, type_into};
use crate::common::{self, Env, require_tool};

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn office_settings_set_on_the_command_line_are_printed_in_the_documents() {
    if !require_tool("pdftotext") {
        return;
    }
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    env.ok(&[
        "office",
        "set",
        "--signing-mode",
        "tm",
        "--collective",
        "Ủy ban nhân dân",
        "--signer-title",
        "Chủ tịch",
        "--signer-name",
        "Lê Thị Bích Ngọc",
        "--proposer",
        "Công chức Văn hóa - Xã hội xã",
        "--report-to",
        "Ủy ban nhân dân thành phố Đà Nẵng",
        "--focal-name",
        "Hồ Văn Đầu",
        "--focal-title",
        "Công chức Văn hóa - Xã hội",
        "--focal-phone",
        "0905123456",
        "--focal-email",
        "dau.hv@danang.gov.vn",
    ]);
    let report = env.path("bc.pdf");
    env.ok(&[
        "draft",
        "report",
        "--unit",
        "Hòa Bắc",
        "--period",
        "2025-Q1",
        "-o",
        report.to_str().unwrap(),
    ]);
    let text = flat(&pdf_text(&report));
    assert!(
        text.contains("Kính gửi: Ủy ban nhân dân thành phố Đà Nẵng"),
        "{text}"
    );
    assert!(
        text.contains("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Lê Thị Bích Ngọc"),
        "{text}"
    );
    let decision = env.path("qd.pdf");
    env.ok(&[
        "draft",
        "decision",
        "--unit",
        "Nam Yên",
        "-o",
        decision.to_str().unwrap(),
    ]);
    let text = flat(&pdf_text(&decision));
    assert!(
        text.contains("Theo đề nghị của Công chức Văn hóa - Xã hội xã"),
        "{text}"
    );
    let focal = env.path("dm.pdf");
    env.ok(&[
        "draft",
        "focal-points",
        "--unit",
        "Hòa Bắc",
        "-o",
        focal.to_str().unwrap(),
    ]);
    let text = flat(&pdf_text(&focal));
    assert!(
        text.contains("Hồ Văn Đầu, Công chức Văn hóa - Xã hội, điện thoại 0905123456, thư điện tử dau.hv@danang.gov.vn"),
        "{text}"
    );
    // Shown back as saved; a unit that does not exist is refused, nothing changed.
    let shown = env.ok(&["office", "show", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(v["signing_mode"], "tm");
    let r = env.run(&[
        "office",
        "set",
        "--unit",
        "Không Có Xã Này",
        "--signer-name",
        "X",
    ]);
    assert_eq!(r.status.code(), Some(1));
    let again: serde_json::Value =
        serde_json::from_str(&env.ok(&["office", "show", "--json"])).unwrap();
    assert_eq!(again["signer_name"], "Lê Thị Bích Ngọc");
}

#[test]
fn the_signing_mode_and_signer_saved_in_settings_sign_the_next_draft() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let pdf = dir.path().join("bao-cao.pdf");
    let dialogs = Arc::new(Scripted::answering([pdf.clone()]));
    let (mut app, task) = App::new(Workspace::new(data.clone()), dialogs, Clock::System);
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready), "{:?}", app.phase);
    click(&mut app, t::NAV_SETTINGS);
    assert!(shows(&app, t::OFFICE_SIGNING_MODE));
    assert!(shows(&app, t::OFFICE_FOCAL_TITLE));
    deliver(
        &mut app,
        vec![
            Message::Settings(settings::Message::Mode(ModeChoice(SigningMode::Q))),
            Message::Settings(settings::Message::Edit(
                OfficeField::SignerName,
                String::new(),
            )),
            Message::Settings(settings::Message::Edit(
                OfficeField::SignerTitle,
                "Chủ tịch".into(),
            )),
        ],
    );
    type_into(&mut app, t::OFFICE_SIGNER_NAME, "Phan Văn Quyền");
    assert_eq!(app.settings.office.signing_mode, SigningMode::Q);
    screenshot(&app, "cai-dat-co-quan");
    click(&mut app, t::SAVE);
    assert!(!app.settings.dirty, "saved");
    let store = cnscd::Store::open_dir(&data).unwrap();
    let office = cnscd::ops::settings::office(&store).unwrap();
    assert_eq!(office.signing_mode, SigningMode::Q);
    assert_eq!(office.signer_name, "Phan Văn Quyền");
    click(&mut app, t::NAV_DOCUMENTS);
    click(&mut app, t::DOC_DRAFT);
    let draft = app.documents.draft.as_ref().expect("drafted");
    let text = flat(&draft.draft.drafted.document.plain_text());
    assert!(text.contains("Q. CHỦ TỊCH"), "{text}");
    assert!(text.contains("Phan Văn Quyền"), "{text}");
    if require_tool("pdftotext") {
        click(&mut app, t::DOC_EXPORT_PDF);
        let text = flat(&pdf_text(&pdf));
        assert!(text.contains("Q. CHỦ TỊCH"), "{text}");
        assert!(text.contains("Phan Văn Quyền"), "{text}");
    }
}
