//! The pickers and the grid as a clerk uses them: any unit, a village included, found by typing
//! its name without accents and drafted on «Văn bản»; a period chosen from lists and printed as
//! the documents write it; the indicator grid typed with Tab, Enter and the arrows like a
//! spreadsheet (← and → leave a cell only at the edges of its text), its totals following the
//! typing.

use std::path::Path;
use std::sync::Arc;

use cnscd::app::context::Clock;
use cnscd::app::dialogs::{Scripted, SharedDialogs};
use cnscd::app::screen::{documents, reports};
use cnscd::app::widget::indicator_grid::{self, Cursor};
use cnscd::app::widget::period_picker::{self, Part, Span};
use cnscd::app::widget::unit_picker;
use cnscd::app::{App, Message, Phase, text as t};
use cnscd::model::Level;
use cnscd::ops::{DocKind, Workspace};
use iced::keyboard::{self, Key, key::Named};

use crate::app::{click, deliver, drive, pdf_text, shows, type_into, ui};
use crate::common;
use crate::window::shot;

fn start(dir: &Path, dialogs: SharedDialogs) -> App {
    let data = dir.join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let (mut app, task) = App::new(Workspace::new(data), dialogs, Clock::System);
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready), "{:?}", app.phase);
    app
}

fn docs(app: &mut App, m: documents::Message) {
    deliver(app, vec![Message::Documents(m)]);
}

/// A PDF's bytes as poppler reads them.
fn text_of(dir: &Path, pdf: &[u8]) -> String {
    let path = dir.join("xem-truoc.pdf");
    std::fs::write(&path, pdf).unwrap();
    pdf_text(&path)
}

#[test]
fn a_village_is_picked_by_its_name_drafted_previewed_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("quyet-dinh-thon.pdf");
    let mut app = start(dir.path(), Arc::new(Scripted::answering([out.clone()])));
    let reg = app.ctx.registry.clone();
    let village = reg
        .units
        .iter()
        .filter(|u| u.level == Level::Village)
        .nth(1)
        .unwrap()
        .clone();
    let commune = reg.unit(village.parent_id.unwrap()).unwrap().clone();
    let label = format!("{} — {}", village.title_name(), commune.title_name());
    click(&mut app, t::NAV_DOCUMENTS);
    // The picker shows the office's commune; a click opens the search over the tree.
    assert!(shows(&app, &commune.title_name()));
    click(&mut app, &commune.title_name());
    assert!(app.documents.picker.open);
    shot(&mut app, (1024.0, 600.0), "van-ban-cay-don-vi-1024");
    // The tree shows the commune's villages, each with its commune beside it.
    assert!(shows(&app, &label), "the tree lists {label}");
    // Typed without accents, as a clerk types in a hurry.
    let typed = cnscd::vietnamese::search_key(&village.name);
    type_into(&mut app, unit_picker::SEARCH_ID, &typed);
    shot(&mut app, (1366.0, 768.0), "van-ban-tim-thon");
    click(&mut app, &label);
    assert!(!app.documents.picker.open);
    assert_eq!(app.documents.unit.as_ref().map(|u| u.id), Some(village.id));
    assert!(shows(&app, &label), "the chosen village is shown");
    shot(&mut app, (1366.0, 768.0), "van-ban-chon-thon");
    // Its decision: drafted, previewed (pages drawn from the PDF that is exported).
    click(&mut app, t::DOC_DRAFT);
    let d = app.documents.draft.as_ref().expect("a draft");
    let body = text_of(dir.path(), &d.pdf);
    assert!(body.contains(&village.name), "{body}");
    assert!(!d.draft.has_errors(), "{:?}", d.draft.findings);
    if common::require_tool("pdftoppm") {
        assert_eq!(d.previews.as_ref().map(Vec::len), Some(d.pages));
    }
    shot(&mut app, (1366.0, 768.0), "van-ban-du-thao-thon");
    click(&mut app, t::DOC_EXPORT_PDF);
    assert!(out.exists(), "{:?}", app.toasts);
    assert!(pdf_text(&out).contains(&village.name));
    let store = cnscd::Store::open_dir(&dir.path().join("data")).unwrap();
    let rows = cnscd::store::documents::all(store.conn()).unwrap();
    let row = rows.last().unwrap();
    assert_eq!(
        row.unit_id,
        Some(village.id),
        "the register names the village"
    );
    assert_eq!(row.output_path.as_deref(), out.to_str());
}

#[test]
fn a_report_period_is_chosen_from_lists_and_printed_as_documents_write_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = start(dir.path(), Arc::new(Scripted::default()));
    click(&mut app, t::NAV_DOCUMENTS);
    docs(
        &mut app,
        documents::Message::Kind(documents::KindChoice(Some(DocKind::Report))),
    );
    // A plan's year is not asked of a report, and nothing is typed.
    assert!(!shows(&app, t::DOC_YEAR));
    let pick = |m| documents::Message::Period(m);
    docs(&mut app, pick(period_picker::Message::Span(Span::Quarter)));
    docs(
        &mut app,
        pick(period_picker::Message::Part(Part(Span::Quarter, 3))),
    );
    docs(&mut app, pick(period_picker::Message::Year(2025)));
    assert!(shows(&app, "quý III năm 2025"), "shown as written");
    shot(&mut app, (1366.0, 768.0), "van-ban-chon-ky");
    shot(&mut app, (1024.0, 600.0), "van-ban-chon-ky-1024");
    click(&mut app, t::DOC_DRAFT);
    let d = app.documents.draft.as_ref().expect("a draft");
    let body = text_of(dir.path(), &d.pdf);
    assert!(body.contains("quý III năm 2025"), "{body}");
    // The way clerks write it, typed, is read by the same parser.
    docs(&mut app, documents::Message::CloseDraft);
    type_into(&mut app, period_picker::TYPED_ID, "6 tháng đầu năm 2026");
    docs(&mut app, pick(period_picker::Message::Apply));
    assert_eq!(
        app.documents.period.period,
        cnscd::ops::Period::Half(2026, 1)
    );
    assert!(shows(&app, "6 tháng đầu năm 2026"));
    type_into(&mut app, period_picker::TYPED_ID, "Quý 5/2026");
    docs(&mut app, pick(period_picker::Message::Apply));
    assert!(shows(&app, cnscd::app::text::pick::PERIOD_TYPED_INVALID));
    assert_eq!(
        app.documents.period.period,
        cnscd::ops::Period::Half(2026, 1),
        "kept"
    );
    // A plan asks for its year only.
    docs(
        &mut app,
        documents::Message::Kind(documents::KindChoice(Some(DocKind::Plan))),
    );
    assert!(shows(&app, t::DOC_YEAR));
    assert!(!shows(&app, t::DOC_PERIOD));
}

/// A key as the window's keyboard subscription delivers it (one no field took).
fn key(named: Named, shift: bool) -> keyboard::Event {
    keyboard::Event::KeyPressed {
        key: Key::Named(named),
        modified_key: Key::Named(named),
        physical_key: keyboard::key::Physical::Unidentified(
            keyboard::key::NativeCode::Unidentified,
        ),
        location: keyboard::Location::Standard,
        modifiers: if shift {
            keyboard::Modifiers::SHIFT
        } else {
            keyboard::Modifiers::empty()
        },
        text: None,
        repeat: false,
    }
}

/// Types `s` into the cell the grid's cursor is on (the window focuses it; the simulator,
/// which keeps no focus between frames, clicks it), then presses `then`: a key the field takes
/// (Enter) acts in the field, one it lets through (Tab, arrows) goes to the window's keyboard
/// subscription, as in the running program.
fn type_then(app: &mut App, cells: &[Vec<String>], s: &str, then: Option<(Named, bool)>) {
    type_keys(app, cells, s, then.as_slice());
}

/// `type_then` with several keys pressed in turn after the typing.
fn type_keys(app: &mut App, cells: &[Vec<String>], s: &str, then: &[(Named, bool)]) {
    let c = app.reports.grid.cursor.expect("a cell is being typed in");
    let id = cells[c.row][c.col].clone();
    let mut sim = ui(app);
    sim.click(iced_test::selector::id(id.clone()))
        .unwrap_or_else(|e| panic!("no cell {id}: {e:?}"));
    // Arriving in a cell selects its text (Ctrl+A here), so typing replaces it.
    let ctrl = keyboard::Modifiers::CTRL;
    sim.simulate([
        iced::Event::Keyboard(keyboard::Event::ModifiersChanged(ctrl)),
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: Key::Character("a".into()),
            modified_key: Key::Character("a".into()),
            physical_key: keyboard::key::Physical::Unidentified(
                keyboard::key::NativeCode::Unidentified,
            ),
            location: keyboard::Location::Standard,
            modifiers: ctrl,
            text: None,
            repeat: false,
        }),
        iced::Event::Keyboard(keyboard::Event::ModifiersChanged(
            keyboard::Modifiers::empty(),
        )),
    ]);
    sim.typewrite(s);
    let mut passed = Vec::new();
    for &(named, shift) in then {
        let event = key(named, shift);
        let status = sim.simulate([iced::Event::Keyboard(event.clone())]);
        if status.first() == Some(&iced::event::Status::Ignored) {
            passed.push(Message::Key(event));
        }
    }
    let mut messages: Vec<Message> = sim.into_messages().collect();
    messages.extend(passed);
    deliver(app, messages);
}

#[test]
fn the_indicator_grid_is_typed_with_tab_and_enter_like_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = start(dir.path(), Arc::new(Scripted::default()));
    click(&mut app, t::NAV_REPORTS);
    // A quarter nothing is reported in yet: the totals are what is typed.
    type_into(&mut app, period_picker::TYPED_ID, "2030-Q1");
    deliver(
        &mut app,
        vec![Message::Reports(reports::Message::Period(
            period_picker::Message::Apply,
        ))],
    );
    let loaded = app.reports.loaded.as_ref().expect("report loaded");
    assert_eq!(loaded.agg.period.to_string(), "2030-Q1");
    let reg = app.ctx.registry.clone();
    let units = indicator_grid::row_units(loaded, &reg);
    let codes: Vec<String> = loaded
        .catalogue
        .all()
        .iter()
        .map(|i| i.code.clone())
        .collect();
    assert!(units.len() >= 3 && codes.len() >= 3);
    let cells: Vec<Vec<String>> = units
        .iter()
        .map(|u| codes.iter().map(|c| reports::cell_id(*u, c)).collect())
        .collect();
    // The first cell clicked and typed; then 5, Tab, 12, Enter, 30, Shift+Tab, 4, ↑.
    type_into(&mut app, cells[0][0].clone(), "");
    assert_eq!(app.reports.grid.cursor, Some(Cursor { row: 0, col: 0 }));
    type_then(&mut app, &cells, "5", Some((Named::Tab, false)));
    assert_eq!(app.reports.grid.cursor, Some(Cursor { row: 0, col: 1 }));
    type_then(&mut app, &cells, "12", Some((Named::Enter, false)));
    assert_eq!(app.reports.grid.cursor, Some(Cursor { row: 1, col: 1 }));
    type_then(&mut app, &cells, "30", Some((Named::Tab, true)));
    assert_eq!(app.reports.grid.cursor, Some(Cursor { row: 1, col: 0 }));
    type_then(&mut app, &cells, "4", Some((Named::ArrowUp, false)));
    assert_eq!(app.reports.grid.cursor, Some(Cursor { row: 0, col: 0 }));
    type_then(&mut app, &cells, "", Some((Named::ArrowDown, false)));
    type_then(&mut app, &cells, "", Some((Named::ArrowDown, false)));
    assert_eq!(app.reports.grid.cursor, Some(Cursor { row: 2, col: 0 }));
    let typed = |app: &App, r: usize, c: usize| {
        app.reports
            .edits
            .get(&(units[r], codes[c].clone()))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(typed(&app, 0, 0), "5", "not «512»");
    assert_eq!(typed(&app, 0, 1), "12");
    assert_eq!(typed(&app, 1, 1), "30");
    assert_eq!(typed(&app, 1, 0), "4");
    // The totals follow the typing, before anything is saved.
    let totals = |app: &App| {
        indicator_grid::live_totals(
            app.reports.loaded.as_ref().unwrap(),
            &app.ctx.registry,
            &app.reports.edits,
        )
    };
    assert_eq!(totals(&app)[&codes[0]], (Some(9), false));
    assert_eq!(totals(&app)[&codes[1]], (Some(42), false));
    assert!(shows(&app, "42"));
    shot(&mut app, (1366.0, 768.0), "chi-tieu");
    // A bad value is marked in its cell, and the column's total says so.
    type_then(&mut app, &cells, "1O", None);
    assert!(shows(&app, cnscd::app::text::pick::GRID_BAD_VALUE));
    assert_eq!(totals(&app)[&codes[0]], (Some(9), true));
    shot(&mut app, (1366.0, 768.0), "chi-tieu-luoi");
    shot(&mut app, (1024.0, 600.0), "chi-tieu-luoi-1024");
    // Saving refuses it and keeps what was typed.
    let task = app.update(Message::Reports(reports::Message::Save));
    drive(&mut app, task);
    assert!(
        app.toasts
            .iter()
            .any(|(_, n)| format!("{n:?}").contains(t::VALUE_INVALID)),
        "{:?}",
        app.toasts
    );
    assert_eq!(typed(&app, 0, 0), "5");
    type_then(&mut app, &cells, "1.000", None);
    assert_eq!(totals(&app)[&codes[0]], (Some(1009), false));
    assert!(shows(&app, "1.009"));
    click(&mut app, t::REPORT_SAVE);
    let loaded = app.reports.loaded.as_ref().unwrap();
    assert_eq!(loaded.agg.totals.get(&codes[0]), Some(1009));
    assert_eq!(loaded.agg.totals.get(&codes[1]), Some(42));
    assert!(app.reports.edits.is_empty());
}

#[test]
fn left_and_right_leave_a_cell_at_the_edges_of_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = start(dir.path(), Arc::new(Scripted::default()));
    click(&mut app, t::NAV_REPORTS);
    type_into(&mut app, period_picker::TYPED_ID, "2030-Q1");
    deliver(
        &mut app,
        vec![Message::Reports(reports::Message::Period(
            period_picker::Message::Apply,
        ))],
    );
    let loaded = app.reports.loaded.as_ref().expect("report loaded");
    let reg = app.ctx.registry.clone();
    let units = indicator_grid::row_units(loaded, &reg);
    let codes: Vec<String> = loaded
        .catalogue
        .all()
        .iter()
        .map(|i| i.code.clone())
        .collect();
    let cells: Vec<Vec<String>> = units
        .iter()
        .map(|u| codes.iter().map(|c| reports::cell_id(*u, c)).collect())
        .collect();
    let typed = |app: &App, c: usize| {
        app.reports
            .edits
            .get(&(units[0], codes[c].clone()))
            .cloned()
            .unwrap_or_default()
    };
    type_into(&mut app, cells[0][0].clone(), "");
    // 5, →: the caret is after the 5, so → goes to the next cell, where 12 is typed.
    type_then(&mut app, &cells, "5", Some((Named::ArrowRight, false)));
    assert_eq!(app.reports.grid.cursor, Some(Cursor { row: 0, col: 1 }));
    type_then(&mut app, &cells, "12", None);
    assert_eq!(typed(&app, 0), "5", "not «512»");
    assert_eq!(typed(&app, 1), "12");
    // Inside «12» ← moves the caret: before the 2, before the 1, then out to the left.
    type_keys(
        &mut app,
        &cells,
        "12",
        &[(Named::ArrowLeft, false), (Named::ArrowLeft, false)],
    );
    assert_eq!(app.reports.grid.cursor, Some(Cursor { row: 0, col: 1 }));
    type_keys(
        &mut app,
        &cells,
        "12",
        &[
            (Named::ArrowLeft, false),
            (Named::ArrowLeft, false),
            (Named::ArrowLeft, false),
        ],
    );
    assert_eq!(app.reports.grid.cursor, Some(Cursor { row: 0, col: 0 }));
    // ← at the first cell of a row stays there (it does not wrap like Shift+Tab).
    type_then(&mut app, &cells, "5", Some((Named::ArrowLeft, false)));
    type_then(&mut app, &cells, "", Some((Named::ArrowLeft, false)));
    assert_eq!(app.reports.grid.cursor, Some(Cursor { row: 0, col: 0 }));
    assert_eq!(typed(&app, 0), "5");
    assert_eq!(typed(&app, 1), "12");
    let totals = indicator_grid::live_totals(
        app.reports.loaded.as_ref().unwrap(),
        &app.ctx.registry,
        &app.reports.edits,
    );
    assert_eq!(totals[&codes[0]], (Some(5), false));
    assert_eq!(totals[&codes[1]], (Some(12), false));
}

#[test]
fn on_a_short_window_the_lists_under_the_grid_open_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = start(dir.path(), Arc::new(Scripted::default()));
    click(&mut app, t::NAV_REPORTS);
    let loaded = app.reports.loaded.as_ref().expect("report loaded");
    let first_missing = loaded
        .agg
        .missing
        .first()
        .expect("a unit not reported")
        .name
        .clone();
    // The window the tests draw (1280×800) is short: the grid keeps the height, the lists are
    // one line saying what they hold.
    let summary = cnscd::app::text::pick::report_compact(
        loaded.agg.missing.len(),
        loaded.progress.iter().filter(|p| p.behind).count(),
    );
    assert!(shows(&app, &summary));
    assert!(!shows(&app, t::REPORT_MISSING));
    click(&mut app, cnscd::app::text::pick::REPORT_LISTS_SHOW);
    assert!(shows(&app, t::REPORT_MISSING));
    assert!(shows(&app, t::REPORT_TARGETS));
    assert!(shows(&app, &first_missing));
    click(&mut app, cnscd::app::text::pick::REPORT_LISTS_HIDE);
    assert!(!shows(&app, t::REPORT_MISSING));
}
