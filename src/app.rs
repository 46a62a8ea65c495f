//! The iced desktop application: the only module that imports iced. Placeholder window until
//! the desktop-app work (issue 6) lands its screens.

use std::path::PathBuf;

use iced::widget::{column, container, text};
use iced::{Element, Length, Task};

use crate::error::{Error, Result};

/// Opens the window on the data dir.
pub fn run(data_dir: PathBuf) -> Result<()> {
    iced::application(
        move || (App::new(data_dir.clone()), Task::none()),
        App::update,
        App::view,
    )
    .title("cnscd – Tổ Công nghệ số cộng đồng")
    .run()
    .map_err(|e| Error::invalid(format!("Không mở được cửa sổ: {e}")))
}

struct App {
    status: String,
}

#[derive(Debug, Clone)]
enum Message {}

impl App {
    fn new(data_dir: PathBuf) -> Self {
        let status = match crate::store::Store::open_dir(&data_dir) {
            Ok(_) => format!("Dữ liệu: {}", data_dir.display()),
            Err(e) => e.to_string(),
        };
        App { status }
    }

    fn update(&mut self, message: Message) -> Task<Message> {
        match message {}
    }

    fn view(&self) -> Element<'_, Message> {
        container(
            column![
                text("Tổ Công nghệ số cộng đồng").size(28),
                text(&self.status)
            ]
            .spacing(12),
        )
        .padding(24)
        .width(Length::Fill)
        .into()
    }
}
