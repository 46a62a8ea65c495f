//! The root's own checks: shortcuts, the confirmation modal, toasts, Esc.

use super::*;
use iced::keyboard::{Location, Modifiers, key};

fn press(key: Key, modifiers: Modifiers) -> keyboard::Event {
    keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    }
}

#[test]
fn shortcuts_map_keys() {
    let ctrl = Modifiers::CTRL;
    assert_eq!(
        shortcut(&press(Key::Character("f".into()), ctrl)),
        Some(Shortcut::Search)
    );
    assert_eq!(
        shortcut(&press(Key::Character("S".into()), ctrl)),
        Some(Shortcut::Save)
    );
    assert_eq!(
        shortcut(&press(Key::Named(Named::Escape), Modifiers::empty())),
        Some(Shortcut::Close)
    );
    assert_eq!(
        shortcut(&press(Key::Character("f".into()), Modifiers::empty())),
        None
    );
}

#[test]
fn confirmation_toasts_and_escape() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut app, _) = App::new(
        crate::app::context::tests::workspace(dir.path()),
        Arc::new(dialogs::Scripted::default()),
        Clock::System,
    );
    let _ = app.update(Message::Loaded(Ok(Arc::new(Registry::default()))));
    assert!(matches!(app.phase, Phase::Ready));
    let _ = app.update(Message::Navigate(Nav::Settings));
    let _ = app.update(Message::Settings(settings::Message::ResetTemplates));
    assert!(app.confirm.is_some());
    let _ = app.update(Message::Shortcut(Shortcut::Close));
    assert!(app.confirm.is_none(), "Esc closes the modal");
    app.notify(Notice::Error("lỗi".into()));
    app.notify(Notice::Success("xong".into()));
    assert_eq!(app.toasts.len(), 2);
    let later = Instant::now() + Duration::from_secs(TOAST_SECONDS + 1);
    let _ = app.update(Message::Tick(later));
    assert_eq!(app.toasts.len(), 1, "success toasts expire, errors stay");
    let _ = app.update(Message::Shortcut(Shortcut::Close));
    assert!(app.toasts.is_empty(), "Esc closes the error");
    let _ = app.update(Message::Loaded(Err(Error::Db {
        cause: crate::error::DbCause::Full,
        path: None,
    })));
    assert!(matches!(&app.phase, Phase::Failed(s) if s.reason.contains("ổ đĩa đã đầy")));
}

#[test]
fn a_restore_by_another_process_is_noticed_reloaded_and_refuses_stale_writes() {
    use crate::app::context::tests::store;
    let dir = tempfile::tempdir().expect("dir");
    let ctx = crate::app::context::tests::sample_context(dir.path(), ops::sample::Scale::Commune);
    let backup = dir.path().join("b.db");
    ops::data::backup(&store(&ctx.ws), &backup).expect("backup");
    let (mut app, _) = App::new(
        ctx.ws.clone(),
        Arc::new(dialogs::Scripted::default()),
        ctx.clock,
    );
    // What `load` runs on its worker.
    let reg = load_registry(&mut store(&app.ctx.ws), &app.ctx.ws).expect("load");
    let _ = app.update(Message::Loaded(Ok(reg)));
    assert_eq!(app.ctx.ws.restored_since_loaded().ok(), Some(false));
    // `cnscd restore` in another process: a workspace of its own.
    let other = crate::app::context::tests::workspace(dir.path());
    ops::data::restore(&other, &backup, app.ctx.now().local).expect("restore");
    // A write the window prepared before is refused, in words the clerk reads.
    let e = store(&app.ctx.ws)
        .transaction(|_| Ok(()))
        .expect_err("stale write refused");
    assert!(matches!(e, Error::Restored));
    assert!(super::errors::message(&e).contains("khôi phục từ bản sao lưu"));
    // The timer's check sees it, says so and reloads.
    let seen = app.ctx.ws.restored_since_loaded();
    assert_eq!(seen.as_ref().ok(), Some(&true));
    let _ = app.update(Message::RestoreChecked(seen));
    assert!(app.toasts.iter().any(|(_, n)| matches!(n,
        Notice::Success(t) if t.contains("khôi phục từ bản sao lưu") && t.contains("đã tải lại"))));
    let reg = load_registry(&mut store(&app.ctx.ws), &app.ctx.ws).expect("reload");
    let _ = app.update(Message::Loaded(Ok(reg)));
    assert_eq!(app.ctx.ws.restored_since_loaded().ok(), Some(false));
    app.ctx
        .ws
        .open()
        .expect("db")
        .transaction(|_| Ok(()))
        .expect("writes again");
}
