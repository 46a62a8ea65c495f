//! A grouped bar chart drawn with iced's canvas: one group per label, one bar per series, the
//! value written above each bar. Used for teams and members per commune and for indicator
//! results against plan targets.

use iced::widget::canvas::{self, Frame, Geometry, Text};
use iced::{Color, Element, Length, Point, Rectangle, Renderer, Size, Theme, mouse};

use crate::app::theme;

/// One series: its name, colour and one value per label.
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub color: Color,
    pub values: Vec<f64>,
}

/// How bar heights are scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// One scale for the whole chart (values of the same kind, comparable across groups).
    Shared,
    /// Each group scaled to its own largest bar (a target against its result, when the groups'
    /// magnitudes differ by orders).
    PerGroup,
}

/// The chart's data.
#[derive(Debug, Clone)]
pub struct Bars {
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    pub scale: Scale,
}

impl Bars {
    /// The chart as an element of the given height.
    pub fn view<'a, M: 'a>(&'a self, height: f32) -> Element<'a, M> {
        iced::widget::canvas(self)
            .width(Length::Fill)
            .height(height)
            .into()
    }
}

impl<M> canvas::Program<M> for Bars {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let legend_h = 22.0;
        let label_h = 34.0;
        let plot_h = (bounds.height - legend_h - label_h).max(10.0);
        // Legend.
        let mut x = 0.0;
        for s in &self.series {
            frame.fill_rectangle(Point::new(x, 4.0), Size::new(12.0, 12.0), s.color);
            frame.fill_text(Text {
                content: s.name.clone(),
                position: Point::new(x + 16.0, 2.0),
                size: theme::SIZE_SMALL.into(),
                font: theme::UI_FONT,
                ..Text::default()
            });
            x += 30.0 + 8.0 * s.name.chars().count() as f32;
        }
        let groups = self.labels.len().max(1) as f32;
        let group_w = bounds.width / groups;
        let bar_w = (group_w * 0.8 / self.series.len().max(1) as f32).max(1.0);
        let shared = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().cloned())
            .fold(0.0, f64::max)
            .max(1.0);
        let group_max = |i: usize| {
            self.series
                .iter()
                .filter_map(|s| s.values.get(i).cloned())
                .fold(0.0, f64::max)
                .max(1.0)
        };
        for (si, s) in self.series.iter().enumerate() {
            for (i, v) in s.values.iter().enumerate() {
                let max = match self.scale {
                    Scale::Shared => shared,
                    Scale::PerGroup => group_max(i),
                };
                let h = (*v / max) as f32 * (plot_h - 16.0);
                let x = i as f32 * group_w + group_w * 0.1 + si as f32 * bar_w;
                let y = legend_h + plot_h - h;
                frame.fill_rectangle(Point::new(x, y), Size::new(bar_w - 1.0, h), s.color);
                if bar_w >= 14.0 {
                    frame.fill_text(Text {
                        content: crate::vietnamese::format_number(*v as i64),
                        position: Point::new(x, y - 14.0),
                        size: 11.0.into(),
                        font: theme::UI_FONT,
                        ..Text::default()
                    });
                }
            }
        }
        for (i, label) in self.labels.iter().enumerate() {
            let max_chars = (group_w / 6.5).max(3.0) as usize;
            let short: String = if label.chars().count() > max_chars {
                let mut s: String = label.chars().take(max_chars.saturating_sub(1)).collect();
                s.push('…');
                s
            } else {
                label.clone()
            };
            frame.fill_text(Text {
                content: short,
                position: Point::new(i as f32 * group_w + 2.0, legend_h + plot_h + 4.0),
                size: 11.0.into(),
                font: theme::UI_FONT,
                color: theme::MUTED,
                ..Text::default()
            });
        }
        vec![frame.into_geometry()]
    }
}
