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

/// The signature block as pdftotext gives it, on one line.
fn signs(pdf: &std::path::Path, lines: &str) -> bool {
    flat(&pdf_text(pdf)).contains(lines)
}

#[test]
fn a_deputy_set_on_the_command_line_signs_kt_when_the_draft_names_them() {
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
        "--signer-title",
        "Chủ tịch",
        "--signer-name",
        "Nguyễn Văn Thành",
        "--deputy",
        "PHÓ CHỦ TỊCH:Lê Thị Mai",
        "--deputy",
        "Phó Chủ tịch : Trần  Văn Hùng",
    ]);
    let shown = env.ok(&["office", "show"]);
    assert!(
        shown.contains("Cấp phó ký thay 1: PHÓ CHỦ TỊCH Lê Thị Mai"),
        "{shown}"
    );
    assert!(
        shown.contains("Cấp phó ký thay 2: Phó Chủ tịch Trần Văn Hùng"),
        "{shown}"
    );
    // By number: under TM., the deputy signs KT. for the chairman.
    let plan = env.path("kh.pdf");
    env.ok(&[
        "draft",
        "plan",
        "--unit",
        "Hòa Bắc",
        "--year",
        "2026",
        "--ky-thay",
        "2",
        "-o",
        plan.to_str().unwrap(),
    ]);
    assert!(
        signs(
            &plan,
            "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Hùng"
        ),
        "{}",
        pdf_text(&plan)
    );
    // By name, accents aside; and without the option, the signer of the settings.
    let by_name = env.path("qd-mai.pdf");
    env.ok(&[
        "draft",
        "decision",
        "--unit",
        "Nam Yên",
        "--ky-thay",
        "le thi mai",
        "-o",
        by_name.to_str().unwrap(),
    ]);
    assert!(signs(&by_name, "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Thị Mai"));
    let own = env.path("qd.pdf");
    env.ok(&[
        "draft",
        "decision",
        "--unit",
        "Nam Yên",
        "-o",
        own.to_str().unwrap(),
    ]);
    assert!(signs(&own, "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn Thành"));
    assert!(!flat(&pdf_text(&own)).contains("KT."));
    // The register names who signed each draft.
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["list", "documents", "--json"])).unwrap();
    let signers: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["signer"].as_str().unwrap())
        .collect();
    assert_eq!(signers, ["Trần Văn Hùng", "Lê Thị Mai", "Nguyễn Văn Thành"]);
    // A deputy the office does not have is refused naming the option; nothing is written.
    let none = env.path("khong.pdf");
    let r = env.run(&[
        "draft",
        "decision",
        "--unit",
        "Nam Yên",
        "--ky-thay",
        "3",
        "-o",
        none.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(1), "{r:?}");
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("--ky-thay"), "{err}");
    assert!(err.contains("1. PHÓ CHỦ TỊCH Lê Thị Mai"), "{err}");
    assert!(!none.exists());
    let again: serde_json::Value =
        serde_json::from_str(&env.ok(&["list", "documents", "--json"])).unwrap();
    assert_eq!(again.as_array().unwrap().len(), 3);
    // A deputy typed without a title is refused; --no-deputies clears the list.
    let r = env.run(&["office", "set", "--deputy", "Lê Thị Mai"]);
    assert_eq!(r.status.code(), Some(1), "{r:?}");
    env.ok(&["office", "set", "--no-deputies"]);
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["office", "show", "--json"])).unwrap();
    assert_eq!(v["deputies"], serde_json::json!([]));
}

#[test]
fn a_deputy_added_in_settings_signs_the_draft_chosen_in_the_compose_form() {
    use cnscd::app::screen::documents;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let pdf = dir.path().join("quyet-dinh.pdf");
    let dialogs = Arc::new(Scripted::answering([pdf.clone()]));
    let (mut app, task) = App::new(Workspace::new(data.clone()), dialogs, Clock::System);
    drive(&mut app, task);
    click(&mut app, t::NAV_SETTINGS);
    // The sample's commune has two deputies; the clerk adds a third and a blank row.
    let before = app.settings.office.deputies.len();
    click(&mut app, t::OFFICE_DEPUTY_ADD);
    type_into(&mut app, format!("deputy-{before}"), "Phó Chủ tịch");
    type_into(&mut app, format!("deputy-name-{before}"), "Phạm  Thị Thu");
    click(&mut app, t::OFFICE_DEPUTY_ADD);
    screenshot(&app, "cai-dat-cap-pho");
    click(&mut app, t::SAVE);
    assert!(!app.settings.dirty, "saved");
    let store = cnscd::Store::open_dir(&data).unwrap();
    let office = cnscd::ops::settings::office(&store).unwrap();
    // Saved cleaned; the blank row is no deputy.
    assert_eq!(office.deputies.len(), before + 1);
    assert_eq!(office.deputies[before].name, "Phạm Thị Thu");
    assert_eq!(office.deputies[before].title, "Phó Chủ tịch");
    // «Người ký» on the compose form lists the settings' signer and each deputy.
    click(&mut app, t::NAV_DOCUMENTS);
    assert!(shows(&app, t::DOC_SIGNER));
    let choices = documents::signer_choices(&app.ctx.registry.office);
    assert_eq!(choices.len(), before + 2);
    assert_eq!(
        choices[before + 1].to_string(),
        "Ký thay (KT.): Phó Chủ tịch Phạm Thị Thu"
    );
    deliver(
        &mut app,
        vec![Message::Documents(documents::Message::Signer(
            choices[before + 1].clone(),
        ))],
    );
    screenshot(&app, "van-ban-nguoi-ky");
    click(&mut app, t::DOC_DRAFT);
    let draft = app.documents.draft.as_ref().expect("drafted");
    let text = flat(&draft.draft.drafted.document.plain_text());
    assert!(
        text.contains("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Phạm Thị Thu"),
        "{text}"
    );
    if require_tool("pdftotext") {
        click(&mut app, t::DOC_EXPORT_PDF);
        assert!(
            signs(&pdf, "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Phạm Thị Thu"),
            "{}",
            pdf_text(&pdf)
        );
        let store = cnscd::Store::open_dir(&data).unwrap();
        let entries = cnscd::ops::documents::register(&store).unwrap();
        assert_eq!(entries.last().unwrap().signer, "Phạm Thị Thu");
    }
}

/// A commune of the district sample (not the office's own unit) and one of its villages.
fn other_commune_and_village(
    reg: &cnscd::ops::registry::Registry,
) -> (cnscd::model::Unit, cnscd::model::Unit) {
    let own = reg.office.unit_code.clone();
    let village = reg
        .units
        .iter()
        .filter(|u| u.level == cnscd::model::Level::Village)
        .find(|v| {
            reg.unit(v.parent_id.unwrap()).is_some_and(|c| {
                c.level == cnscd::model::Level::Commune && Some(&c.code) != own.as_ref()
            })
        })
        .expect("a village of another commune")
        .clone();
    let commune = reg.unit(village.parent_id.unwrap()).unwrap().clone();
    (commune, village)
}

#[test]
fn a_deputy_named_for_a_commune_that_issues_its_own_decision_is_left_with_a_warning() {
    if !require_tool("pdftotext") {
        return;
    }
    let env = Env::new();
    env.ok(&["sample", "--scale", "district"]);
    let store = env.store();
    let reg = cnscd::ops::registry::load(&store).unwrap();
    drop(store);
    let deputy = reg
        .office
        .deputies
        .first()
        .expect("the sample has a deputy")
        .clone();
    let (commune, _) = other_commune_and_village(&reg);
    // The district office's own plan: its deputy signs KT.
    let plan = env.path("kh.pdf");
    let home = reg.home_unit().expect("the office's unit").code.clone();
    env.ok(&[
        "draft",
        "plan",
        "--unit",
        &home,
        "--year",
        "2026",
        "--ky-thay",
        "1",
        "-o",
        plan.to_str().unwrap(),
    ]);
    let text = flat(&pdf_text(&plan));
    assert!(text.contains("KT. "), "{text}");
    assert!(text.contains(&deputy.name), "{text}");
    // A commune's decision is issued by its People's Committee and signed by its chairman:
    // the deputy is left out, and the clerk is told why.
    let qd = env.path("qd.pdf");
    let out = env.run(&[
        "draft",
        "decision",
        "--unit",
        &commune.code,
        "--ky-thay",
        "1",
        "-o",
        qd.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "Văn bản này do Ủy ban nhân dân {} ban hành và Chủ tịch ký: cấp phó ký thay của cơ \
             quan không áp dụng.",
            commune.full_name()
        )),
        "{stderr}"
    );
    let text = flat(&pdf_text(&qd));
    assert!(!text.contains("KT."), "{text}");
    assert!(!text.contains(&deputy.name), "{text}");
    assert!(text.contains("CHỦ TỊCH"), "{text}");
    // Without `--ky-thay` there is nothing to warn about.
    let out = env.run(&[
        "draft",
        "decision",
        "--unit",
        &commune.code,
        "-o",
        env.path("qd2.pdf").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("cấp phó"));
}

#[test]
fn the_signer_choice_is_hidden_for_a_commune_that_signs_its_own_documents() {
    use cnscd::app::screen::documents;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::District, 6);
    }
    let (mut app, task) = App::new(
        Workspace::new(data.clone()),
        Arc::new(Scripted::answering(Vec::<std::path::PathBuf>::new())),
        Clock::System,
    );
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready), "{:?}", app.phase);
    let reg = app.ctx.registry.clone();
    let deputy = reg.office.deputies.first().expect("a deputy").clone();
    let (commune, village) = other_commune_and_village(&reg);
    click(&mut app, t::NAV_DOCUMENTS);
    // The office's own unit: its deputies are offered; the clerk picks one.
    assert!(shows(&app, t::DOC_SIGNER));
    let choice = documents::signer_choices(&reg.office)[1].clone();
    let picked = choice.to_string();
    deliver(
        &mut app,
        vec![Message::Documents(documents::Message::Signer(choice))],
    );
    screenshot(&app, "van-ban-huyen-nguoi-ky");
    // A village of another commune: that commune's chairman signs; the form says so and offers
    // no deputy …
    let home = reg.home_unit().expect("the office's unit").title_name();
    click(&mut app, &home);
    let label = format!("{} — {}", village.title_name(), commune.title_name());
    type_into(
        &mut app,
        cnscd::app::widget::unit_picker::SEARCH_ID,
        &cnscd::vietnamese::search_key(&village.name),
    );
    click(&mut app, &label);
    assert_eq!(app.documents.unit.as_ref().map(|u| u.id), Some(village.id));
    let instead = t::doc_signer_commune(&commune.full_name());
    assert!(shows(&app, &instead), "«Người ký» says who signs {label}");
    assert!(!shows(&app, &picked), "no deputy to choose for {label}");
    screenshot(&app, "van-ban-thon-xa-khac");
    // … and the deputy picked before is not applied: the draft is signed by the chairman,
    // without a warning about a choice the clerk can no longer see.
    click(&mut app, t::DOC_DRAFT);
    let draft = app.documents.draft.as_ref().expect("drafted");
    let text = flat(&draft.draft.drafted.document.plain_text());
    assert!(!text.contains("KT."), "{text}");
    assert!(!text.contains(&deputy.name), "{text}");
    assert!(
        draft
            .draft
            .findings
            .iter()
            .all(|f| !f.message.contains("cấp phó"))
    );
}
