//! Every screen drawn at the office screens the window is made for — 1024×600 (the minimum),
//! 1366×768 (most clerks) and 1920×1080 — on the district sample, whose names are the longest.
//! With `CNSCD_SHOTS=DIR` the pictures are written for a person to look at; without it the
//! test still walks every screen in its typical state and checks that each one draws.

use std::sync::Arc;

use cnscd::app::context::Clock;
use cnscd::app::dialogs::Scripted;
use cnscd::app::screen::{Nav, members, units};
use cnscd::app::{App, Message, Phase, text as t};
use cnscd::ops::Workspace;

use crate::app::{click, deliver, drive, shows};
use crate::common;
use crate::window::shot;

const SIZES: [(f32, f32); 3] = [(1024.0, 600.0), (1366.0, 768.0), (1920.0, 1080.0)];

fn at_every_size(app: &mut App, name: &str) {
    for (w, h) in SIZES {
        shot(app, (w, h), &format!("{name}-{w}x{h}"));
    }
}

#[test]
fn every_screen_at_every_office_screen_size() {
    let dir = tempfile::tempdir().unwrap();
    // The welcome page, before any data.
    let (mut empty, task) = App::new(
        Workspace::new(dir.path().join("trong")),
        Arc::new(Scripted::default()),
        Clock::System,
    );
    drive(&mut empty, task);
    assert!(shows(&empty, t::WELCOME_TITLE));
    at_every_size(&mut empty, "chao-mung");
    let data = dir.path().join("data");
    {
        let mut store = cnscd::Store::open_dir(&data).unwrap();
        common::sample_into(&mut store, cnscd::ops::sample::Scale::District, 3);
    }
    let (mut app, task) = App::new(
        Workspace::new(data),
        Arc::new(Scripted::default()),
        Clock::System,
    );
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready));
    at_every_size(&mut app, "tong-quan");
    // Units: a commune chosen, its villages open.
    click(&mut app, t::NAV_UNITS);
    let commune = app
        .ctx
        .registry
        .units
        .iter()
        .find(|u| u.level == cnscd::model::Level::Commune)
        .unwrap()
        .id;
    deliver(
        &mut app,
        vec![
            Message::Units(units::Message::Toggle(commune)),
            Message::Units(units::Message::Select(commune)),
        ],
    );
    at_every_size(&mut app, "don-vi");
    // Members: the member with the longest team name chosen, its panel open.
    click(&mut app, t::NAV_MEMBERS);
    let reg = app.ctx.registry.clone();
    let member = reg
        .members
        .iter()
        .max_by_key(|m| reg.team_label(m.team_id).chars().count())
        .unwrap()
        .id;
    deliver(
        &mut app,
        vec![Message::Members(members::Message::Select(member))],
    );
    at_every_size(&mut app, "thanh-vien");
    click(&mut app, t::MEMBER_NEW);
    at_every_size(&mut app, "thanh-vien-them");
    let _ = app.update(Message::Members(members::Message::CloseForm));
    click(&mut app, t::NAV_DOCUMENTS);
    at_every_size(&mut app, "van-ban");
    click(&mut app, t::DOC_DRAFT);
    assert!(app.documents.draft.is_some());
    at_every_size(&mut app, "van-ban-du-thao");
    click(&mut app, t::NAV_REPORTS);
    at_every_size(&mut app, "chi-tieu");
    click(&mut app, cnscd::app::text::pick::REPORT_LISTS_SHOW);
    at_every_size(&mut app, "chi-tieu-danh-sach");
    click(&mut app, t::NAV_SIGNING);
    at_every_size(&mut app, "ky-so");
    click(&mut app, t::NAV_SETTINGS);
    at_every_size(&mut app, "cai-dat");
    click(&mut app, t::NAV_GUIDE);
    assert_eq!(app.nav, Nav::Guide);
    at_every_size(&mut app, "huong-dan");
}
