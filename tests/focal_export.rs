//! `export focal-points` to .xlsx and .csv: one focal official per commune of the district
//! sample, read back cell by cell; the team and member counts add up to the registry's. The
//! window's button in Cài đặt writes the same table.

use std::sync::Arc;

use calamine::{Data, Reader, Xlsx};
use cnscd::app::context::Clock;
use cnscd::app::dialogs::Scripted;
use cnscd::app::{App, Phase, text as t};
use cnscd::ops::Workspace;

use crate::app::{click, drive};
use crate::common::{self, Env};

fn cell(row: &[Data], i: usize) -> String {
    match &row[i] {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(n) => n.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn focal_points_export_one_official_per_commune_to_xlsx_and_csv() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "district"]);
    let xlsx = env.path("dau-moi.xlsx");
    let out = env.ok(&["export", "focal-points", "-o", xlsx.to_str().unwrap()]);
    assert!(out.contains("15 xã, phường"), "{out}");
    let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header = rows
        .iter()
        .position(|r| cell(r, 0) == "STT")
        .expect("header row");
    assert_eq!(cell(rows[header], 2), "Họ và tên cán bộ đầu mối");
    let body = &rows[header + 1..];
    assert_eq!(body.len(), 15, "one row per commune");
    let leaders: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["list", "members", "--json"])).unwrap();
    let (mut teams, mut members) = (0.0, 0.0);
    for r in body {
        let name = cell(r, 2);
        let phone = cell(r, 5);
        assert!(
            leaders.iter().any(|m| m["name"] == name.as_str()
                && m["role"] == "leader"
                && m["phone"] == phone.as_str()),
            "{name} {phone} is a Tổ trưởng with that phone"
        );
        assert!(phone.starts_with('0'), "the leading zero is kept: {phone}");
        teams += cell(r, 7).parse::<f64>().unwrap();
        members += cell(r, 8).parse::<f64>().unwrap();
    }
    assert_eq!(
        (teams, members),
        (180.0, 1300.0),
        "every team and member, once"
    );

    let csv = env.path("dau-moi.csv");
    env.ok(&["export", "focal-points", "-o", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 16, "{text}");
    assert!(lines[0].contains("Họ và tên cán bộ đầu mối"));
    assert!(lines[1].contains(&cell(body[0], 2)), "{}", lines[1]);
    // Another extension is refused, saying which ones work.
    let r = env.run(&[
        "export",
        "focal-points",
        "-o",
        env.path("x.txt").to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains(".xlsx"));
}

#[test]
fn the_focal_point_table_is_exported_from_settings() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::Commune, 6);
    }
    let out = dir.path().join("dau-moi.xlsx");
    let (mut app, task) = App::new(
        Workspace::new(data),
        Arc::new(Scripted::answering([out.clone()])),
        Clock::System,
    );
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready), "{:?}", app.phase);
    click(&mut app, t::NAV_SETTINGS);
    let task = app.update(cnscd::app::Message::Settings(
        cnscd::app::screen::settings::Message::ExportFocalTo(Some(out.clone())),
    ));
    drive(&mut app, task);
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let names: Vec<String> = range.rows().map(|r| cell(r, 1)).collect();
    assert!(names.iter().any(|n| n == "Xã Hòa Bắc"), "{names:?}");
}
