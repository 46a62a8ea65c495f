//! One draft, one register entry, in the window: a draft exported as PDF and then as DOCX asks
//! first and goes to the same entry; issuing it through the dialog writes one number into both
//! files. The command line's side is in `entry_files`.

use std::sync::Arc;

use cnscd::app::context::Clock;
use cnscd::app::dialogs::Scripted;
use cnscd::app::widget::period_picker::Message::{Apply, Typed};
use cnscd::app::{App, Phase, text as t};
use cnscd::ops::Workspace;

use crate::app::{click, drive, pdf_text, screenshot, shows};
use crate::common;
use crate::entry_files::docx_text;

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_draft_exported_as_pdf_then_docx_is_one_entry_and_one_number() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let pdf = dir.path().join("quyet-dinh.pdf");
    let docx = dir.path().join("quyet-dinh.docx");
    let dialogs = Arc::new(Scripted::answering([pdf.clone(), docx.clone()]));
    let (mut app, task) = App::new(Workspace::new(data.clone()), dialogs, Clock::System);
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready), "{:?}", app.phase);
    click(&mut app, t::NAV_DOCUMENTS);
    click(&mut app, t::DOC_DRAFT);
    click(&mut app, t::DOC_EXPORT_PDF);
    assert!(pdf.is_file());
    // The same draft as DOCX: asked first, naming the entry and its file.
    click(&mut app, t::DOC_EXPORT_DOCX);
    assert!(shows(&app, t::ATTACH_TITLE));
    let entries = {
        let store = cnscd::Store::open_dir(&data).unwrap();
        cnscd::store::documents::all(store.conn()).unwrap()
    };
    assert_eq!(entries.len(), 1);
    let id = entries[0].id;
    assert!(shows(
        &app,
        &t::attach_question(id, "DOCX", &[pdf.display().to_string()])
    ));
    assert!(!docx.exists(), "nothing written before the clerk answers");
    screenshot(&app, "cung-van-ban");
    click(&mut app, t::ATTACH_CONFIRM);
    assert!(docx.is_file());
    let store = cnscd::Store::open_dir(&data).unwrap();
    let entries = cnscd::store::documents::all(store.conn()).unwrap();
    assert_eq!(entries.len(), 1, "one entry for the PDF and the DOCX");
    assert_eq!(
        entries[0].files,
        vec![pdf.display().to_string(), docx.display().to_string()]
    );
    // Issued through the dialog: both files carry the number and the date.
    click(&mut app, t::CLOSE);
    click(&mut app, &entries[0].summary);
    assert!(!shows(&app, t::DOC_EXPORT_MORE_DOCX), "it has a DOCX");
    click(&mut app, t::DOC_ISSUE);
    click(&mut app, t::ISSUE_CONFIRM);
    let entry = cnscd::store::documents::get(store.conn(), id).unwrap();
    assert_eq!(entry.number, Some(1));
    let reference = format!("Số: {}", entry.reference());
    if common::require_tool("pdftotext") {
        assert!(flat(&pdf_text(&pdf)).contains(&reference));
    }
    if common::require_tool("python3") {
        assert!(flat(&docx_text(&docx)).contains(&reference));
    }
}

#[test]
fn a_section_typed_in_the_window_is_kept_with_the_draft_and_in_the_docx_exported_later() {
    use cnscd::app::Message;
    use cnscd::app::screen::documents::{self as docs, KindChoice, Message as Doc, SectionChoice};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let pdf = dir.path().join("bao-cao.pdf");
    let docx = dir.path().join("bao-cao.docx");
    let dialogs = Arc::new(Scripted::answering([pdf.clone(), docx.clone()]));
    let (mut app, task) = App::new(Workspace::new(data.clone()), dialogs, Clock::System);
    drive(&mut app, task);
    click(&mut app, t::NAV_DOCUMENTS);
    crate::app::deliver(
        &mut app,
        vec![
            Message::Documents(Doc::Kind(KindChoice(Some(cnscd::ops::DocKind::Report)))),
            Message::Documents(Doc::Period(Typed("2025-Q1".into()))),
            Message::Documents(Doc::Period(Apply)),
            Message::Documents(Doc::Section(SectionChoice(5))),
        ],
    );
    let typed = "Đề nghị hỗ trợ 20 điện thoại thông minh cho các Tổ vùng cao.";
    crate::app::type_into(&mut app, docs::SECTION_EDITOR, typed);
    click(&mut app, t::DOC_DRAFT);
    click(&mut app, t::DOC_EXPORT_PDF);
    let store = cnscd::Store::open_dir(&data).unwrap();
    let entries = cnscd::store::documents::all(store.conn()).unwrap();
    assert_eq!(entries.len(), 1, "{:?}", app.toasts);
    let kept = cnscd::store::documents::sections(store.conn(), entries[0].id)
        .unwrap()
        .expect("the sections are kept with the draft");
    assert!(kept.contains(typed), "{kept}");
    // Later, from the register row: the DOCX of the same entry, with the section as typed —
    // though the editor now holds something else.
    crate::app::deliver(
        &mut app,
        vec![Message::Documents(Doc::Section(SectionChoice(0)))],
    );
    crate::app::type_into(&mut app, docs::SECTION_EDITOR, "Một nội dung khác.");
    click(&mut app, t::CLOSE);
    click(&mut app, &entries[0].summary);
    click(&mut app, t::DOC_EXPORT_MORE_DOCX);
    assert!(docx.is_file());
    let entries = cnscd::store::documents::all(store.conn()).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].files.len(), 2);
    if common::require_tool("python3") {
        let text = flat(&docx_text(&docx));
        assert!(text.contains(typed), "{text}");
        assert!(!text.contains("Một nội dung khác."), "{text}");
    }
}

#[test]
fn the_register_is_searched_without_accents_and_exported_as_shown() {
    use cnscd::app::screen::documents as docs;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let book = dir.path().join("so.xlsx");
    let printed = dir.path().join("so.pdf");
    let folder = dir.path().join("qd");
    let dialogs = Arc::new(Scripted::answering([
        folder.clone(),
        book.clone(),
        printed.clone(),
    ]));
    let (mut app, task) = App::new(Workspace::new(data.clone()), dialogs, Clock::System);
    drive(&mut app, task);
    click(&mut app, t::NAV_DOCUMENTS);
    // Thirteen decisions, one per team.
    click(&mut app, t::DOC_DRAFT_EACH);
    assert_eq!(app.documents.entries.len(), 13);
    crate::app::type_into(&mut app, docs::REGISTER_SEARCH, "nam yen");
    let shown: Vec<String> = app
        .documents
        .filtered()
        .map(|e| e.summary.clone())
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains("Nam Yên"), "{shown:?}");
    screenshot(&app, "so-van-ban-tim");
    // The book lists issued documents: Nam Yên's issued through the dialog, An Định's too.
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        let other = cnscd::store::documents::all(store.conn())
            .unwrap()
            .into_iter()
            .find(|e| e.summary.contains("An Định"))
            .unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        cnscd::ops::documents::issue(&mut store, other.id, day).unwrap();
    }
    let summary = shown[0].clone();
    click(&mut app, &summary);
    click(&mut app, t::DOC_ISSUE);
    click(&mut app, t::ISSUE_CONFIRM);
    assert_eq!(app.documents.filtered().count(), 1, "the search stays");
    click(&mut app, t::DOC_EXPORT_REGISTER);
    let cells = crate::entry_files::xlsx_cells(&book);
    assert!(cells.iter().any(|c| c.contains("Nam Yên")), "{cells:?}");
    assert!(
        !cells.iter().any(|c| c.contains("An Định")),
        "only what the filter shows"
    );
    // Printed, the same row under the title of the sổ.
    click(&mut app, t::DOC_PRINT_REGISTER);
    if common::require_tool("pdftotext") {
        let text = flat(&pdf_text(&printed));
        assert!(text.contains("SỔ ĐĂNG KÝ VĂN BẢN ĐI"), "{text}");
        assert!(text.contains("Nam Yên"), "{text}");
        assert!(
            !text.contains("An Định"),
            "only what the filter shows: {text}"
        );
    }
}
