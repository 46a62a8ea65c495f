//! The window's side of `platform::instance`: claiming the data folder before the window opens,
//! turning "raise" requests from a second start into a message, and bringing the window forward;
//! also the window's settings (size, icon).

use iced::futures::channel::mpsc;
use iced::futures::{Stream, StreamExt as _, stream};
use iced::{Subscription, Task, window};

use crate::error::Result;
use crate::platform::instance::{self as lock, Claim};

/// The receiving end of the raise requests, taken by the subscription when the window starts.
static RAISES: std::sync::Mutex<Option<mpsc::UnboundedReceiver<()>>> = std::sync::Mutex::new(None);

/// The program's icon (a PNG inside the binary), shown in the title bar and task bar.
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/hicolor/128x128/apps/cnscd.png");

/// Claims the data folder for this window. `false` when another window holds it: that window
/// was asked to come forward, and the clerk is told (on the terminal, and in a message box when
/// the other window did not answer).
pub fn claim(ws: &crate::ops::Workspace) -> Result<bool> {
    let folder = ws.data_dir();
    match lock::claim(folder)? {
        Claim::First(guard) => {
            let (tx, rx) = mpsc::unbounded();
            if let Ok(mut slot) = RAISES.lock() {
                *slot = Some(rx);
            }
            guard.serve(move || {
                let _ = tx.unbounded_send(());
            });
            tracing::info!(version = crate::platform::about::VERSION, "window started");
            Ok(true)
        }
        Claim::AlreadyOpen { raised } => {
            let message = lock::already_open_message(folder, raised);
            eprintln!("{message}");
            if !raised {
                rfd::MessageDialog::new()
                    .set_level(rfd::MessageLevel::Info)
                    .set_title(crate::app::text::APP_TITLE)
                    .set_description(&message)
                    .show();
            }
            Ok(false)
        }
    }
}

/// Emits once each time a second start asks this window to come forward.
pub fn raises() -> Subscription<()> {
    Subscription::run(requests)
}

fn requests() -> impl Stream<Item = ()> {
    let rx = RAISES.lock().ok().and_then(|mut slot| slot.take());
    match rx {
        Some(rx) => rx.boxed(),
        None => stream::pending().boxed(),
    }
}

/// Brings the window forward: out of the task bar if minimised, then focused.
pub fn raise<M: Send + 'static>() -> Task<M> {
    window::latest().then(|id| match id {
        Some(id) => Task::batch([
            window::minimize(id, false),
            window::gain_focus(id),
            window::request_user_attention(id, Some(window::UserAttention::Informational)),
        ]),
        None => Task::none(),
    })
}

/// The main window: maximised (a clerk's screen is 1366×768, where 800 pixels of height would
/// not fit), the icon, and on Linux the class `cnscd` that the desktop entry's
/// `StartupWMClass` names, so the task bar groups the window under the program's icon.
pub fn settings() -> window::Settings {
    window::Settings {
        size: iced::Size::new(1280.0, 700.0),
        maximized: true,
        // The smallest office screen the layout is made for.
        min_size: Some(iced::Size::new(1024.0, 600.0)),
        icon: window::icon::from_file_data(ICON_PNG, None).ok(),
        #[cfg(all(unix, not(target_os = "macos")))]
        platform_specific: window::settings::PlatformSpecific {
            application_id: "cnscd".into(),
            ..Default::default()
        },
        ..window::Settings::default()
    }
}
