//! The unit picker of «Văn bản» and «Chỉ tiêu và báo cáo»: the chosen unit on a button that
//! opens a search field over the unit tree. Typing ranks the units like a person would (whole
//! words and prefixes first, exact marks before accent-folded ones: `vietnamese::search` on the
//! registry's precomputed keys); an empty search shows the tree, opened down to the office's
//! own unit. A village is always shown with its commune («Thôn An Phú — Xã Tân Tiến»), since
//! two communes often have a «Thôn 1». The screen that holds the picker keeps the chosen unit;
//! the picker only says when the clerk picked one.

use std::collections::{HashMap, HashSet};

use iced::widget::{Column, button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};

use crate::app::text::pick as t;
use crate::app::theme;
use crate::model::{Level, Unit};
use crate::ops::registry::{Registry, UnitChoice};
use crate::vietnamese::search::Query;

/// How many search matches are listed.
const MATCHES: usize = 60;
/// The height of the list under the search field.
const LIST_HEIGHT: f32 = 230.0;
/// The indent of one tree level.
const INDENT: f32 = 18.0;

/// The picker's own state: open or not, the search, the opened tree nodes.
#[derive(Debug, Default)]
pub struct UnitPicker {
    /// Whether villages may be picked (documents) or not (the reports grid sums villages).
    villages: bool,
    /// The search field and the list are shown.
    pub open: bool,
    /// The search as typed.
    pub query: String,
    /// The ranked matches of `query`: indices into `Registry::units`.
    matches: Vec<usize>,
    /// Tree nodes opened by the clerk (unit ids).
    expanded: HashSet<i64>,
    /// The current children of each unit (indices into `Registry::units`, registry order),
    /// `None` for the top: built once per snapshot.
    children: HashMap<Option<i64>, Vec<usize>>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Open or close the list.
    Toggle,
    /// The search as typed.
    Query(String),
    /// Enter in the search field: the best match.
    PickFirst,
    /// Open or close one tree node.
    Expand(i64),
    /// This unit.
    Pick(i64),
}

/// What an update means to the screen.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing for the screen.
    None,
    /// A task for the window (focus the search field).
    Run(Task<Message>),
    /// The clerk picked this unit.
    Picked(UnitChoice),
}

/// The widget id of the search field (tests type into it).
pub const SEARCH_ID: &str = "unit-picker-search";

/// How a unit is named in the picker: a village with its commune, `Thôn An Phú — Xã Tân Tiến`.
pub fn label(reg: &Registry, unit: &Unit) -> String {
    match (unit.level, unit.parent_id.and_then(|p| reg.unit(p))) {
        (Level::Village, Some(parent)) => {
            format!("{} — {}", unit.title_name(), parent.title_name())
        }
        _ => unit.title_name(),
    }
}

/// The choice for `unit`, named as the picker names it.
pub fn choice(reg: &Registry, unit: &Unit) -> UnitChoice {
    UnitChoice {
        id: unit.id,
        name: label(reg, unit),
    }
}

impl UnitPicker {
    /// A picker; `villages`: whether villages may be chosen.
    pub fn new(villages: bool) -> UnitPicker {
        UnitPicker {
            villages,
            ..UnitPicker::default()
        }
    }

    fn allowed(&self, unit: &Unit) -> bool {
        unit.is_current() && (self.villages || unit.level != Level::Village)
    }

    /// A new snapshot: the tree is rebuilt, the path to `chosen` (else the office's unit)
    /// opened, the search ranked again.
    pub fn refresh(&mut self, reg: &Registry, chosen: Option<i64>) {
        self.children.clear();
        let parent_current = |u: &Unit| {
            u.parent_id
                .filter(|p| reg.unit(*p).is_some_and(Unit::is_current))
        };
        for (i, u) in reg.units.iter().enumerate() {
            if self.allowed(u) {
                self.children.entry(parent_current(u)).or_default().push(i);
            }
        }
        let mut at = chosen
            .and_then(|id| reg.unit(id))
            .or_else(|| reg.home_unit())
            .and_then(|u| u.parent_id)
            .and_then(|p| reg.unit(p));
        while let Some(u) = at {
            self.expanded.insert(u.id);
            at = u.parent_id.and_then(|p| reg.unit(p));
        }
        if let Some(home) = reg.home_unit() {
            self.expanded.insert(home.id);
        }
        self.rank(reg);
    }

    fn rank(&mut self, reg: &Registry) {
        let q = Query::new(&self.query);
        self.matches = if q.is_empty() {
            Vec::new()
        } else {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            q.rank_on(&reg.unit_index, cores)
                .into_iter()
                .map(|i| i as usize)
                .filter(|&i| reg.units.get(i).is_some_and(|u| self.allowed(u)))
                .take(MATCHES)
                .collect()
        };
    }

    pub fn update(&mut self, reg: &Registry, message: Message) -> Outcome {
        match message {
            Message::Toggle => {
                self.open = !self.open;
                if self.open {
                    Outcome::Run(iced::widget::operation::focus(SEARCH_ID))
                } else {
                    Outcome::None
                }
            }
            Message::Query(q) => {
                self.query = q;
                self.rank(reg);
                Outcome::None
            }
            Message::PickFirst => match self.matches.first() {
                Some(&i) => {
                    let id = reg.units[i].id;
                    self.update(reg, Message::Pick(id))
                }
                None => Outcome::None,
            },
            Message::Expand(id) => {
                if !self.expanded.remove(&id) {
                    self.expanded.insert(id);
                }
                Outcome::None
            }
            Message::Pick(id) => match reg.unit(id).filter(|u| self.allowed(u)) {
                Some(u) => {
                    self.open = false;
                    self.query.clear();
                    self.matches.clear();
                    Outcome::Picked(choice(reg, u))
                }
                None => Outcome::None,
            },
        }
    }

    /// The button with the chosen unit and, when open, the search and the list.
    pub fn view<'a>(&'a self, reg: &'a Registry, chosen: Option<i64>) -> Element<'a, Message> {
        let shown = chosen
            .and_then(|id| reg.unit(id))
            .map_or_else(|| t::UNIT_NONE.to_string(), |u| label(reg, u));
        let head = button(
            row![
                text(shown).width(Length::Fill),
                text(if self.open { "▴" } else { "▾" }),
            ]
            .align_y(Alignment::Center),
        )
        .on_press(Message::Toggle)
        .style(theme::field_button)
        .width(Length::Fill);
        if !self.open {
            return head.into();
        }
        let search = text_input(t::UNIT_SEARCH, &self.query)
            .id(SEARCH_ID)
            .on_input(Message::Query)
            .on_submit(Message::PickFirst)
            .width(Length::Fill);
        let mut list = Column::new().spacing(1);
        if self.query.trim().is_empty() {
            for (depth, i) in self.tree_rows(reg) {
                list = list.push(self.tree_row(reg, depth, &reg.units[i], chosen));
            }
        } else if self.matches.is_empty() {
            list = list.push(
                text(t::UNIT_NO_MATCH)
                    .size(theme::SIZE_SMALL)
                    .style(theme::muted_text),
            );
        } else {
            for &i in &self.matches {
                let u = &reg.units[i];
                list = list.push(pick_button(label(reg, u), u.id, chosen));
            }
        }
        column![
            head,
            search,
            container(
                scrollable(list.padding(iced::Padding::ZERO.right(12.0))).height(LIST_HEIGHT)
            )
            .padding(4)
            .style(theme::card),
        ]
        .spacing(4)
        .into()
    }

    /// The tree's visible rows: (depth, index into `Registry::units`).
    fn tree_rows(&self, reg: &Registry) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut stack: Vec<(usize, usize)> = self
            .children
            .get(&None)
            .map(|v| v.iter().rev().map(|&i| (0, i)).collect())
            .unwrap_or_default();
        while let Some((depth, i)) = stack.pop() {
            out.push((depth, i));
            let id = reg.units[i].id;
            if self.expanded.contains(&id)
                && let Some(kids) = self.children.get(&Some(id))
            {
                stack.extend(kids.iter().rev().map(|&k| (depth + 1, k)));
            }
        }
        out
    }

    fn tree_row<'a>(
        &self,
        reg: &Registry,
        depth: usize,
        unit: &Unit,
        chosen: Option<i64>,
    ) -> Element<'a, Message> {
        let has_children = self.children.contains_key(&Some(unit.id));
        let marker = match (has_children, self.expanded.contains(&unit.id)) {
            (false, _) => " ",
            (true, true) => "▾",
            (true, false) => "▸",
        };
        let toggle = button(text(marker))
            .on_press_maybe(has_children.then_some(Message::Expand(unit.id)))
            .style(theme::row_button)
            .width(26);
        row![
            iced::widget::Space::new().width(INDENT * depth as f32),
            toggle,
            pick_button(label(reg, unit), unit.id, chosen),
        ]
        .align_y(Alignment::Center)
        .into()
    }
}

/// One unit to pick; the chosen one highlighted.
fn pick_button<'a>(name: String, id: i64, chosen: Option<i64>) -> Element<'a, Message> {
    button(text(name).size(theme::SIZE_SMALL))
        .on_press(Message::Pick(id))
        .style(theme::choice(chosen == Some(id)))
        .width(Length::Fill)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_village_is_found_by_its_name_and_named_with_its_commune() {
        let dir = tempfile::tempdir().expect("dir");
        let ctx = crate::app::context::tests::sample_context(
            dir.path(),
            crate::ops::sample::Scale::Commune,
        );
        let reg = &ctx.registry;
        let village = reg
            .units
            .iter()
            .find(|u| u.level == Level::Village)
            .expect("a village");
        let commune = reg
            .unit(village.parent_id.expect("parent"))
            .expect("commune");
        let mut p = UnitPicker::new(true);
        p.refresh(reg, None);
        assert!(matches!(p.update(reg, Message::Toggle), Outcome::Run(_)));
        // The tree is open down to the commune's villages.
        let rows = p.tree_rows(reg);
        assert!(rows.iter().any(|&(_, i)| reg.units[i].id == village.id));
        // Accents are optional; the best match comes first.
        let typed = crate::vietnamese::search_key(&village.name);
        p.update(reg, Message::Query(typed));
        let first = &reg.units[p.matches[0]];
        assert_eq!(first.id, village.id);
        let Outcome::Picked(c) = p.update(reg, Message::PickFirst) else {
            panic!("picked nothing");
        };
        assert_eq!(c.id, village.id);
        assert_eq!(
            c.name,
            format!("{} — {}", village.title_name(), commune.title_name())
        );
        assert!(!p.open);
        // Without villages (the reports grid), a village is not offered.
        let mut p = UnitPicker::new(false);
        p.refresh(reg, None);
        p.update(reg, Message::Query(village.name.clone()));
        assert!(
            p.matches
                .iter()
                .all(|&i| reg.units[i].level != Level::Village)
        );
        assert!(matches!(
            p.update(reg, Message::Pick(village.id)),
            Outcome::None
        ));
    }
}
