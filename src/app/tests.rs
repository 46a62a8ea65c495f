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
