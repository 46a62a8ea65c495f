//! ← and → out of a text field, as in a spreadsheet cell: → with the caret after the last
//! character (or the whole text selected, as on arriving in a cell) and ← with it before the
//! first leave the field instead of moving the caret; anywhere else they move the caret as usual.
//!
//! iced's `text_input` takes every arrow key while it has focus and reports no caret position to
//! the program, so this wrapper looks at the field's own state (its caret, through the widget
//! tree) when an arrow arrives, before the field sees it.

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{Operation, Tree, Widget, tree};
use iced::advanced::{Clipboard, Shell, overlay, renderer};
use iced::keyboard::{self, Key, key::Named};
use iced::widget::text_input::{self, Value, cursor};
use iced::{Element, Event, Length, Rectangle, Size, Vector, mouse};

/// The text field's state in the widget tree.
type FieldState = text_input::State<<iced::Renderer as iced::advanced::text::Renderer>::Paragraph>;

/// The side a key leaves the field by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// ← at the start.
    Left,
    /// → at the end.
    Right,
}

/// A text field that leaves by its edges: `on_edge` is sent instead of moving the caret.
pub struct EdgeKeys<'a, M> {
    field: Element<'a, M>,
    value: Value,
    on_edge: Box<dyn Fn(Edge) -> M + 'a>,
}

impl<'a, M> EdgeKeys<'a, M> {
    /// Wraps `field` (a `text_input` showing `value`).
    pub fn new(
        field: impl Into<Element<'a, M>>,
        value: &str,
        on_edge: impl Fn(Edge) -> M + 'a,
    ) -> Self {
        EdgeKeys {
            field: field.into(),
            value: Value::new(value),
            on_edge: Box::new(on_edge),
        }
    }
}

/// The edge an arrow key leaves by, given the caret: `None` when the caret should move.
pub fn leaves(
    key: &Key,
    modifiers: keyboard::Modifiers,
    caret: cursor::State,
    len: usize,
) -> Option<Edge> {
    // Shift selects, Ctrl jumps by words: those stay in the field.
    if !modifiers.is_empty() {
        return None;
    }
    let all = matches!(caret, cursor::State::Selection { start, end }
        if start.min(end) == 0 && start.max(end) == len);
    match key.as_ref() {
        Key::Named(Named::ArrowRight) if all || caret == cursor::State::Index(len) => {
            Some(Edge::Right)
        }
        Key::Named(Named::ArrowLeft) if all || caret == cursor::State::Index(0) => Some(Edge::Left),
        _ => None,
    }
}

impl<M> Widget<M, iced::Theme, iced::Renderer> for EdgeKeys<'_, M> {
    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.field)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.field));
    }

    fn size(&self) -> Size<Length> {
        self.field.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.field
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
        self.field
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
        if let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event
            && let Some(field) = tree.children.first()
            && field.tag == tree::Tag::of::<FieldState>()
        {
            let state = field.state.downcast_ref::<FieldState>();
            if state.is_focused()
                && let Some(edge) = leaves(
                    key,
                    *modifiers,
                    state.cursor().state(&self.value),
                    self.value.len(),
                )
            {
                shell.publish((self.on_edge)(edge));
                shell.capture_event();
                return;
            }
        }
        self.field.as_widget_mut().update(
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
        self.field.as_widget().mouse_interaction(
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
        self.field.as_widget().draw(
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
        self.field.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

impl<'a, M: 'a> From<EdgeKeys<'a, M>> for Element<'a, M> {
    fn from(w: EdgeKeys<'a, M>) -> Self {
        Element::new(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cursor::State::{Index, Selection};

    #[test]
    fn arrows_leave_only_at_the_edges() {
        let none = keyboard::Modifiers::empty();
        let right = Key::Named(Named::ArrowRight);
        let left = Key::Named(Named::ArrowLeft);
        // «12» with the caret after the 2, between, before the 1.
        assert_eq!(leaves(&right, none, Index(2), 2), Some(Edge::Right));
        assert_eq!(leaves(&right, none, Index(1), 2), None);
        assert_eq!(leaves(&left, none, Index(1), 2), None);
        assert_eq!(leaves(&left, none, Index(0), 2), Some(Edge::Left));
        assert_eq!(leaves(&right, none, Index(0), 2), None);
        // Arriving selects the whole text: both arrows leave, as in a cell not yet edited.
        let all = Selection { start: 0, end: 2 };
        assert_eq!(leaves(&right, none, all, 2), Some(Edge::Right));
        assert_eq!(leaves(&left, none, all, 2), Some(Edge::Left));
        assert_eq!(
            leaves(&right, none, Selection { start: 0, end: 1 }, 2),
            None
        );
        // An empty cell is both ends at once.
        assert_eq!(leaves(&left, none, Index(0), 0), Some(Edge::Left));
        assert_eq!(leaves(&right, none, Index(0), 0), Some(Edge::Right));
        // Shift+→ selects inside the field.
        assert_eq!(
            leaves(&right, keyboard::Modifiers::SHIFT, Index(2), 2),
            None
        );
        assert_eq!(leaves(&Key::Named(Named::ArrowUp), none, Index(2), 2), None);
    }
}
