//! Every style of the window in one place: the palette, the fonts, and the style functions the
//! screens pass to their widgets. A screen never writes a colour itself.

use iced::widget::{button, container, text};
use iced::{Background, Border, Color, Font, Shadow, Theme, Vector, font};

/// The bundled UI font (Liberation Sans: full Vietnamese coverage on any PC).
pub const UI_FONT: Font = Font::with_name("Liberation Sans");

/// The bold cut of the UI font.
pub const UI_BOLD: Font = Font {
    weight: font::Weight::Bold,
    ..UI_FONT
};

/// The font files loaded at start.
pub const FONT_FILES: [&[u8]; 2] = [
    include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf"),
];

/// Text sizes.
pub const SIZE_TITLE: f32 = 22.0;
pub const SIZE_HEADING: f32 = 17.0;
pub const SIZE_BODY: f32 = 15.0;
pub const SIZE_SMALL: f32 = 13.0;
pub const SIZE_BIG_NUMBER: f32 = 30.0;

/// Spacing steps.
pub const GAP: f32 = 8.0;
pub const PAD: f32 = 16.0;

/// Height of one row of the windowed lists (fixed so the visible window can be computed).
pub const ROW_HEIGHT: f32 = 30.0;

/// Colours.
pub const ACCENT: Color = Color::from_rgb(0.10, 0.36, 0.67);
pub const DANGER: Color = Color::from_rgb(0.75, 0.15, 0.15);
pub const SUCCESS: Color = Color::from_rgb(0.12, 0.50, 0.25);
pub const WARNING: Color = Color::from_rgb(0.70, 0.42, 0.0);
pub const MUTED: Color = Color::from_rgb(0.40, 0.42, 0.46);
pub const CHART_TEAMS: Color = Color::from_rgb(0.16, 0.45, 0.75);
pub const CHART_MEMBERS: Color = Color::from_rgb(0.93, 0.55, 0.15);
const SIDEBAR: Color = Color::from_rgb(0.13, 0.20, 0.31);
const SIDEBAR_ACTIVE: Color = Color::from_rgb(0.22, 0.33, 0.50);
const CARD: Color = Color::WHITE;
const PAGE: Color = Color::from_rgb(0.95, 0.96, 0.97);
const ROW_SELECTED: Color = Color::from_rgb(0.85, 0.91, 0.98);

/// The application theme.
pub fn theme() -> Theme {
    Theme::Light
}

pub fn page(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(PAGE)),
        ..container::Style::default()
    }
}

pub fn sidebar(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(SIDEBAR)),
        text_color: Some(Color::WHITE),
        ..container::Style::default()
    }
}

pub fn header(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::WHITE)),
        border: Border {
            color: Color::from_rgb(0.85, 0.87, 0.9),
            width: 1.0,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

pub fn card(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(CARD)),
        border: Border {
            color: Color::from_rgb(0.86, 0.88, 0.91),
            width: 1.0,
            radius: 6.0.into(),
        },
        ..container::Style::default()
    }
}

pub fn selected_row(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(ROW_SELECTED)),
        ..container::Style::default()
    }
}

pub fn modal_backdrop(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::from_rgba(0.0, 0.0, 0.0, 0.45))),
        ..container::Style::default()
    }
}

fn toast(color: Color) -> container::Style {
    container::Style {
        background: Some(Background::Color(color)),
        text_color: Some(Color::WHITE),
        border: Border {
            radius: 6.0.into(),
            ..Border::default()
        },
        shadow: Shadow {
            color: Color::from_rgba(0.0, 0.0, 0.0, 0.3),
            offset: Vector::new(0.0, 2.0),
            blur_radius: 8.0,
        },
        ..container::Style::default()
    }
}

pub fn toast_success(_: &Theme) -> container::Style {
    toast(SUCCESS)
}

pub fn toast_error(_: &Theme) -> container::Style {
    toast(DANGER)
}

pub fn nav_item(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_, status| {
        let background = match (active, status) {
            (true, _) => Some(Background::Color(SIDEBAR_ACTIVE)),
            (false, button::Status::Hovered) => {
                Some(Background::Color(Color::from_rgb(0.18, 0.27, 0.40)))
            }
            _ => None,
        };
        button::Style {
            background,
            text_color: Color::WHITE,
            border: Border {
                radius: 4.0.into(),
                ..Border::default()
            },
            ..button::Style::default()
        }
    }
}

/// One choice of a list on a light page (a guide topic, a token certificate): the chosen one
/// in the accent colour.
pub fn choice(chosen: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_, status| {
        let (background, text_color) = match (chosen, status) {
            (true, _) => (ACCENT, Color::WHITE),
            (false, button::Status::Hovered) => (Color::from_rgb(0.88, 0.91, 0.96), Color::BLACK),
            _ => (Color::from_rgb(0.95, 0.96, 0.98), Color::BLACK),
        };
        button::Style {
            background: Some(Background::Color(background)),
            text_color,
            border: Border {
                radius: 4.0.into(),
                color: Color::from_rgb(0.85, 0.87, 0.90),
                width: 1.0,
            },
            ..button::Style::default()
        }
    }
}

pub fn row_button(_: &Theme, status: button::Status) -> button::Style {
    button::Style {
        background: match status {
            button::Status::Hovered => Some(Background::Color(Color::from_rgb(0.93, 0.95, 0.98))),
            _ => None,
        },
        text_color: Color::BLACK,
        ..button::Style::default()
    }
}

pub fn link(_: &Theme, status: button::Status) -> button::Style {
    button::Style {
        background: None,
        text_color: match status {
            button::Status::Hovered => Color::from_rgb(0.05, 0.25, 0.55),
            _ => ACCENT,
        },
        ..button::Style::default()
    }
}

/// The × on a toast: white on the toast's colour.
pub fn toast_close(_: &Theme, _: button::Status) -> button::Style {
    button::Style {
        background: None,
        text_color: Color::WHITE,
        ..button::Style::default()
    }
}

pub fn primary(theme: &Theme, status: button::Status) -> button::Style {
    button::primary(theme, status)
}

pub fn secondary(theme: &Theme, status: button::Status) -> button::Style {
    button::secondary(theme, status)
}

/// A button that opens a list (the unit picker): white with a border, like a pick list.
pub fn field_button(_: &Theme, status: button::Status) -> button::Style {
    button::Style {
        background: Some(Background::Color(Color::WHITE)),
        text_color: Color::BLACK,
        border: Border {
            radius: 2.0.into(),
            color: match status {
                button::Status::Hovered | button::Status::Pressed => ACCENT,
                _ => Color::from_rgb(0.75, 0.77, 0.80),
            },
            width: 1.0,
        },
        ..button::Style::default()
    }
}

pub fn danger(theme: &Theme, status: button::Status) -> button::Style {
    button::danger(theme, status)
}

pub fn error_text(_: &Theme) -> text::Style {
    text::Style {
        color: Some(DANGER),
    }
}

pub fn warning_text(_: &Theme) -> text::Style {
    text::Style {
        color: Some(WARNING),
    }
}

pub fn muted_text(_: &Theme) -> text::Style {
    text::Style { color: Some(MUTED) }
}

pub fn success_text(_: &Theme) -> text::Style {
    text::Style {
        color: Some(SUCCESS),
    }
}

fn tinted(border: Color) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color { a: 0.10, ..border })),
        border: Border {
            color: border,
            width: 1.0,
            radius: 6.0.into(),
        },
        text_color: None,
        ..container::Style::default()
    }
}

/// An answer that holds (green).
pub fn good_box(_: &Theme) -> container::Style {
    tinted(SUCCESS)
}

/// An answer that holds with a doubt (amber).
pub fn warning_box(_: &Theme) -> container::Style {
    tinted(WARNING)
}

/// An answer that fails (red).
pub fn bad_box(_: &Theme) -> container::Style {
    tinted(DANGER)
}
