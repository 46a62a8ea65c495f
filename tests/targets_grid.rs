//! The yearly targets typed in the window's grid (Cài đặt › Chỉ tiêu kế hoạch năm): a cell typed
//! wrong is marked and nothing is saved; the saved targets are those `cnscd target list` shows
//! and the plan prints in its §II.

use std::sync::Arc;

use cnscd::app::context::Clock;
use cnscd::app::dialogs::Scripted;
use cnscd::app::screen::documents::{KindChoice, Message as Doc};
use cnscd::app::screen::settings;
use cnscd::app::screen::targets::{self, cell_id};
use cnscd::app::{App, Message, Phase, text as t};
use cnscd::ops::Workspace;

use crate::app::{click, deliver, drive, screenshot, shows, type_into};
use crate::common;

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn targets_typed_in_the_grid_are_saved_listed_and_printed_in_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let (mut app, task) = App::new(
        Workspace::new(data.clone()),
        Arc::new(Scripted::default()),
        Clock::System,
    );
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready), "{:?}", app.phase);
    let commune = app.ctx.registry.home_unit().expect("own unit").clone();
    let village = app
        .ctx
        .registry
        .current_units()
        .find(|u| u.name == "Nam Yên")
        .expect("Nam Yên")
        .clone();
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let before = {
        let store = cnscd::Store::open_dir(&data).unwrap();
        store.checksum().unwrap()
    };
    click(&mut app, t::NAV_SETTINGS);
    click(&mut app, targets::SHOW);
    let grid = app.settings.targets.grid.as_ref().expect("loaded");
    assert_eq!(grid.units.len(), 13, "the commune and its 12 villages");
    assert_eq!(grid.units[0].id, commune.id);
    // Two empty cells of one indicator, typed as a clerk types.
    let code = grid
        .indicators
        .iter()
        .map(|i| i.code.clone())
        .find(|c| {
            app.settings.targets.cell(commune.id, c).is_empty()
                && app.settings.targets.cell(village.id, c).is_empty()
        })
        .expect("an indicator without targets yet");
    type_into(&mut app, cell_id(commune.id, &code), "1.500");
    type_into(&mut app, cell_id(village.id, &code), "12o");
    click(&mut app, targets::SAVE);
    assert!(shows(&app, targets::BAD_CELL));
    screenshot(&app, "chi-tieu-nam");
    let store = cnscd::Store::open_dir(&data).unwrap();
    assert_eq!(
        store.checksum().unwrap(),
        before,
        "nothing saved while a cell is wrong"
    );
    // Corrected: both saved, in one go.
    deliver(
        &mut app,
        vec![Message::Settings(settings::Message::Targets(
            targets::Message::Cell(village.id, code.clone(), "120".into()),
        ))],
    );
    click(&mut app, targets::SAVE);
    assert!(
        !app.settings.targets.dirty(),
        "{:?} {:?}",
        app.settings.targets.error,
        app.settings.targets.edits
    );
    let target = |unit: i64| {
        cnscd::ops::indicators::targets(&store, unit, year)
            .unwrap()
            .into_iter()
            .find(|r| r.indicator == code)
            .map(|r| r.target)
    };
    assert_eq!(target(commune.id), Some(1500));
    assert_eq!(target(village.id), Some(120));
    click(&mut app, targets::CLOSE);
    assert!(!app.settings.targets.shown);
    // The commune's plan prints the target in §II.
    click(&mut app, t::NAV_DOCUMENTS);
    deliver(
        &mut app,
        vec![Message::Documents(Doc::Kind(KindChoice(Some(
            cnscd::ops::DocKind::Plan,
        ))))],
    );
    click(&mut app, t::DOC_DRAFT);
    let text = flat(
        &app.documents
            .draft
            .as_ref()
            .expect("drafted")
            .draft
            .drafted
            .document
            .plain_text(),
    );
    assert!(text.contains("1.500"), "{text}");
}
