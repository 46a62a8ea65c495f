//! The right-click menu of a member row: the member panel's actions (Sửa, Ghi nhận rời Tổ,
//! Chuyển Tổ, Đổi vai trò, Xóa (nhập nhầm)) and, when several members are ticked, the bulk
//! departure and move. The team list's rows use the same menu with the team's actions. iced 0.14 has no context menu: `Area` notes where the right button went
//! down (relative to the screen, before the row sees the press), the row's `mouse_area` says which
//! member, and the menu floats there over the screen, `pin`ned in a `stack`, with a click outside
//! closing it.

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{Operation, Tree, Widget};
use iced::advanced::{Clipboard, Shell, overlay, renderer};
use iced::widget::{Column, button, container, mouse_area, opaque, pin, stack, text};
use iced::{Element, Event, Length, Point, Rectangle, Size, Vector, mouse};

use super::actions::{self, Kind};
use crate::app::theme;

/// The menu's width, and the height of one item (to keep the menu inside the screen).
const WIDTH: f32 = 250.0;
const ITEM_H: f32 = 30.0;

/// What a menu item asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// Sửa.
    Edit,
    /// An action form for the member.
    Open(Kind),
    /// Xóa (nhập nhầm).
    Delete,
    /// An action form for every ticked member.
    Bulk(Kind),
}

/// An open menu: the member and where it floats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Menu {
    /// The member right-clicked.
    pub member: i64,
    /// Its top-left corner, relative to the screen.
    pub at: Point,
}

/// «Ghi nhận rời Tổ (3 thành viên đã chọn)».
pub fn bulk_label(label: &str, n: usize) -> String {
    format!("{label} ({n} thành viên đã chọn)")
}

/// The items of the menu; `ticked` is how many members are ticked for a bulk action when the
/// right-clicked one is among them.
pub fn items(ticked: usize) -> Vec<(String, Item)> {
    let mut v = vec![
        (actions::ACTION_EDIT.to_string(), Item::Edit),
        (actions::ACTION_LEAVE.to_string(), Item::Open(Kind::Leave)),
        (actions::ACTION_MOVE.to_string(), Item::Open(Kind::Move)),
        (actions::ACTION_ROLE.to_string(), Item::Open(Kind::Role)),
        (actions::ACTION_DELETE.to_string(), Item::Delete),
    ];
    if ticked > 1 {
        v.push((
            bulk_label(actions::ACTION_LEAVE, ticked),
            Item::Bulk(Kind::Leave),
        ));
        v.push((
            bulk_label(actions::ACTION_MOVE, ticked),
            Item::Bulk(Kind::Move),
        ));
    }
    v
}

/// Where the menu goes for a right press at `p` on a screen of `size`: at the cursor, moved
/// left or up so that all of it stays on the screen.
pub fn place(p: Point, size: Size, items: usize) -> Point {
    let h = items as f32 * ITEM_H + 12.0;
    Point::new(
        p.x.min(size.width - WIDTH).max(0.0),
        p.y.min(size.height - h).max(0.0),
    )
}

/// `base` with the open menu floating over it; a click outside the menu sends `close`. The items
/// are a member row's or a team row's (`teams::Item`).
pub fn over<'a, M: Clone + 'a, I>(
    base: Element<'a, M>,
    menu: Point,
    items: Vec<(String, I)>,
    pick: impl Fn(I) -> M,
    close: M,
) -> Element<'a, M> {
    let mut col = Column::new().spacing(0).width(WIDTH);
    for (label, item) in items {
        col = col.push(
            button(text(label).size(theme::SIZE_SMALL))
                .on_press(pick(item))
                .style(theme::row_button)
                .width(Length::Fill)
                .height(ITEM_H)
                .padding([6.0, 10.0]),
        );
    }
    let card = container(col).padding(6).style(theme::card);
    let backdrop = mouse_area(
        iced::widget::space()
            .width(Length::Fill)
            .height(Length::Fill),
    )
    .on_press(close.clone())
    .on_right_press(close);
    stack![base, opaque(backdrop), pin(opaque(card)).position(menu)].into()
}

/// A wrapper that tells where the right button went down inside it (relative to its top-left
/// corner, with its size) before its content sees the press.
pub struct Area<'a, M> {
    content: Element<'a, M>,
    on_right: Box<dyn Fn(Point, Size) -> M + 'a>,
    outside: Option<M>,
}

impl<'a, M> Area<'a, M> {
    /// Wraps `content`.
    pub fn new(
        content: impl Into<Element<'a, M>>,
        on_right: impl Fn(Point, Size) -> M + 'a,
    ) -> Self {
        Area {
            content: content.into(),
            on_right: Box::new(on_right),
            outside: None,
        }
    }

    /// Sends `m` when a button goes down outside the area (the navigation, the header): an open
    /// menu closes as a menu does.
    pub fn outside(mut self, m: Option<M>) -> Self {
        self.outside = m;
        self
    }
}

impl<M: Clone> Widget<M, iced::Theme, iced::Renderer> for Area<'_, M> {
    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        if let Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Right)) = event
            && let Some(p) = cursor.position_in(layout.bounds())
        {
            shell.publish((self.on_right)(p, layout.bounds().size()));
        }
        if let (Event::Mouse(mouse::Event::ButtonPressed(_)), Some(m)) = (event, &self.outside)
            && !cursor.is_over(layout.bounds())
        {
            shell.publish(m.clone());
        }
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &iced::Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &iced::Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, M, iced::Theme, iced::Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

impl<'a, M: Clone + 'a> From<Area<'a, M>> for Element<'a, M> {
    fn from(a: Area<'a, M>) -> Self {
        Element::new(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_stays_on_the_screen_and_offers_bulk_only_for_several() {
        let size = Size::new(1100.0, 650.0);
        assert_eq!(
            place(Point::new(100.0, 80.0), size, 5),
            Point::new(100.0, 80.0)
        );
        let p = place(Point::new(1000.0, 640.0), size, 5);
        assert_eq!(p.x, 1100.0 - WIDTH);
        assert!(p.y + 5.0 * ITEM_H <= 650.0, "{p:?}");
        assert_eq!(items(1).len(), 5);
        let many = items(3);
        assert_eq!(many.len(), 7);
        assert_eq!(
            many[5],
            (
                "Ghi nhận rời Tổ (3 thành viên đã chọn)".to_string(),
                Item::Bulk(Kind::Leave)
            )
        );
    }
}
