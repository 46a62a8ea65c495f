//! The office's own indicators: added (summed, latest or people counted), renamed, retired and
//! brought back, on the command line and in Cài đặt; a people-counting one is never summed over
//! the periods of a year; a retired one leaves the entry sheet, its values kept.

use std::sync::Arc;

use calamine::{Reader, Xlsx};
use cnscd::app::context::Clock;
use cnscd::app::dialogs::Scripted;
use cnscd::app::screen::own_indicators::{self as own, Kind};
use cnscd::app::screen::settings;
use cnscd::app::{App, Message, Phase, text as t};
use cnscd::model::Period;
use cnscd::ops::Workspace;

use crate::app::{click, deliver, drive, screenshot, type_into};
use crate::common::{self, Env};

fn list(env: &Env) -> Vec<serde_json::Value> {
    serde_json::from_str(&env.ok(&["indicator", "list", "--json"])).unwrap()
}

fn sheet_headers(path: &std::path::Path) -> String {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn own_indicators_are_added_renamed_and_retired_on_the_command_line() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    env.ok(&[
        "indicator",
        "add",
        "--code",
        "vssid_installs",
        "--label",
        "Số lượt cài đặt VssID",
        "--measure",
        "lượt",
    ]);
    env.ok(&[
        "indicator",
        "add",
        "--code",
        "elderly_guided",
        "--label",
        "Số người cao tuổi được hướng dẫn",
        "--measure",
        "người",
        "--people-counting",
    ]);
    let rows = list(&env);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["people"], true);
    assert_eq!(
        rows[1]["summable"], false,
        "people counted are never summed"
    );
    env.ok(&[
        "indicator",
        "rename",
        "--code",
        "vssid_installs",
        "--label",
        "Số lượt cài VssID",
    ]);
    assert_eq!(list(&env)[0]["label"], "Số lượt cài VssID");
    // A built-in indicator keeps its name.
    let r = env.run(&[
        "indicator",
        "rename",
        "--code",
        "members_trained",
        "--label",
        "Khác",
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("có sẵn"));

    // A people-counting indicator: H1 is the people of the year so far, not Q1 + Q2.
    let mut store = env.store();
    let commune = cnscd::ops::documents::unit_or_office(&store, Some("Nam Yên")).unwrap();
    let catalogue = cnscd::store::indicators::catalogue(store.conn()).unwrap();
    let elderly = catalogue.by_code("elderly_guided").unwrap().id;
    let vssid = catalogue.by_code("vssid_installs").unwrap().id;
    for (period, people, installs) in [("2025-Q1", 40, 10), ("2025-Q2", 55, 7)] {
        let p: Period = period.parse().unwrap();
        cnscd::ops::indicators::save_values(
            &mut store,
            p,
            &[(commune.id, elderly, people), (commune.id, vssid, installs)],
        )
        .unwrap();
    }
    let h1 = cnscd::ops::indicators::aggregate_year_to_date(
        &store,
        commune.id,
        "2025-Q2".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(h1.totals.get("vssid_installs"), Some(17), "events add up");
    assert_eq!(
        h1.totals.get("elderly_guided"),
        Some(55),
        "people are counted once: the latest value, not 95"
    );
    drop(store);

    // Retired: out of the entry sheet; back again with --undo.
    env.ok(&["indicator", "retire", "--code", "vssid_installs"]);
    assert_eq!(list(&env)[0]["retired"], true);
    let sheet = env.path("mau.xlsx");
    env.ok(&[
        "export",
        "indicators",
        "-o",
        sheet.to_str().unwrap(),
        "--period",
        "2025-Q3",
    ]);
    let headers = sheet_headers(&sheet);
    assert!(!headers.contains("VssID"), "{headers}");
    assert!(headers.contains("người cao tuổi"), "{headers}");
    env.ok(&["indicator", "retire", "--code", "vssid_installs", "--undo"]);
    assert_eq!(list(&env)[0]["retired"], false);
}

#[test]
fn own_indicators_are_added_and_retired_in_settings() {
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
    click(&mut app, t::NAV_SETTINGS);
    click(&mut app, own::SHOW);
    type_into(&mut app, own::CODE_ID, "elderly_guided");
    type_into(&mut app, own::LABEL_ID, "Số người cao tuổi được hướng dẫn");
    type_into(&mut app, own::MEASURE_ID, "người");
    deliver(
        &mut app,
        vec![Message::Settings(settings::Message::Indicators(
            own::Message::Kind(Kind::People),
        ))],
    );
    click(&mut app, own::ADD);
    let listed = &app.settings.indicators.list;
    assert_eq!(listed.len(), 1, "{:?}", app.settings.indicators.error);
    assert!(listed[0].indicator.people && !listed[0].indicator.summable);
    screenshot(&app, "chi-tieu-rieng");
    click(&mut app, own::RETIRE);
    assert!(app.settings.indicators.list[0].retired);
    let store = cnscd::Store::open_dir(&data).unwrap();
    let catalogue = cnscd::store::indicators::catalogue(store.conn()).unwrap();
    assert!(catalogue.by_code("elderly_guided").is_none(), "retired");
    // A deadline set here is the one the command line's report reads.
    deliver(
        &mut app,
        vec![
            Message::Settings(settings::Message::Indicators(own::Message::Period(
                "2026-Q1".into(),
            ))),
            Message::Settings(settings::Message::Indicators(own::Message::Due(
                "25/04/2026".into(),
            ))),
        ],
    );
    click(&mut app, own::SET_DEADLINE);
    let due = cnscd::store::indicators::deadline(
        store.conn(),
        "2026-Q1".parse().unwrap(),
        cnscd::model::Level::Village,
    )
    .unwrap();
    assert_eq!(due, chrono::NaiveDate::from_ymd_opt(2026, 4, 25).unwrap());
}
