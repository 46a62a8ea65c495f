//! Đơn vị: the unit tree with search; add, rename, move, and merge units (choosing the surviving
//! unit and the date; the merged unit stays in the registry with its lineage). The search runs
//! over the snapshot's precomputed keys when the clerk types, never per frame.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use iced::widget::{
    Column, button, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Alignment, Element, Length};

use super::{Action, Confirm, Notice, Shortcut};
use crate::app::context::Context;
use crate::app::widget::form::{field, labelled};
use crate::app::widget::import_flow::{self, ImportFlow, Kind};
use crate::app::{text as t, theme, widget};
use crate::model::NewUnit;
use crate::model::{Level, Unit, kind_for_level};
use crate::ops;
use crate::ops::registry::Registry;
use crate::vietnamese::{date_field, nfc, parse_date, search_key};

/// The id of the search field (Ctrl+F).
pub const SEARCH_ID: &str = "units-search";
/// At most this many search results are listed.
const MAX_MATCHES: usize = 300;
const PICK_MATCHES: usize = 6;
/// The button that gives a unit without a team its team.
pub const UNIT_ADD_TEAM: &str = "Tạo Tổ cho đơn vị này";

#[derive(Debug, Default)]
pub struct State {
    children: HashMap<Option<i64>, Vec<usize>>,
    /// The search text.
    pub query: String,
    /// Indices into the snapshot's units that match the search, at most `MAX_MATCHES`.
    pub matches: Vec<usize>,
    /// Expanded nodes.
    pub expanded: HashSet<i64>,
    /// The selected unit.
    pub selected: Option<i64>,
    /// The open form.
    pub form: Option<Form>,
    /// The import flow (its preview, when open).
    pub import: ImportFlow,
}

/// A level for the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelChoice(pub Level);

impl std::fmt::Display for LevelChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::vietnamese::capitalize(self.0.label()))
    }
}

const LEVELS: [LevelChoice; 4] = [
    LevelChoice(Level::Province),
    LevelChoice(Level::District),
    LevelChoice(Level::Commune),
    LevelChoice(Level::Village),
];

/// The forms of this screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    Add {
        parent: Option<i64>,
        name: String,
        level: Level,
        error: Option<String>,
    },
    Rename {
        id: i64,
        name: String,
        error: Option<String>,
    },
    Move {
        id: i64,
        query: String,
        target: Option<i64>,
        error: Option<String>,
    },
    Merge {
        id: i64,
        query: String,
        target: Option<i64>,
        date: String,
        error: Option<String>,
        date_error: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    Toggle(i64),
    Select(i64),
    Add,
    Rename,
    Move,
    Merge,
    Name(String),
    Level(LevelChoice),
    PickQuery(String),
    Pick(i64),
    Date(String),
    Submit,
    Confirmed,
    Close,
    Done(Result<String, crate::Error>),
    Import(import_flow::Message),
    /// Create the usual team of the selected unit (a new village gets its team).
    AddTeam,
    /// Open a team of the unit on Tổ và thành viên.
    OpenTeam(i64),
}

impl State {
    /// Takes a new snapshot; the roots start expanded, the search is run again.
    pub fn refresh(&mut self, ctx: &Context) {
        let reg = &ctx.registry;
        let mut children: HashMap<Option<i64>, Vec<usize>> = HashMap::new();
        for (i, u) in reg.units.iter().enumerate() {
            if u.is_current() {
                children.entry(u.parent_id).or_default().push(i);
            }
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| {
                crate::vietnamese::compare(&reg.units[*a].name, &reg.units[*b].name)
            });
        }
        if self.expanded.is_empty()
            && let Some(roots) = children.get(&None)
        {
            self.expanded.extend(roots.iter().map(|&i| reg.units[i].id));
        }
        self.children = children;
        self.matches = search(reg, &self.query);
    }

    /// The rows shown: (depth, unit), the tree or the search results.
    pub fn rows<'a>(&'a self, reg: &'a Registry) -> Vec<(usize, &'a Unit)> {
        if !search_key(&self.query).is_empty() {
            return self.matches.iter().map(|&i| (0, &reg.units[i])).collect();
        }
        let mut out = Vec::new();
        self.walk(reg, None, 0, &mut out);
        out
    }

    fn walk<'a>(
        &'a self,
        reg: &'a Registry,
        parent: Option<i64>,
        depth: usize,
        out: &mut Vec<(usize, &'a Unit)>,
    ) {
        for &i in self.children.get(&parent).map(Vec::as_slice).unwrap_or(&[]) {
            let u = &reg.units[i];
            out.push((depth, u));
            if self.expanded.contains(&u.id) {
                self.walk(reg, Some(u.id), depth + 1, out);
            }
        }
    }

    pub fn shortcut(&mut self, ctx: &Context, s: Shortcut) -> Action<Message> {
        match s {
            Shortcut::Search => Action::Run(iced::widget::operation::focus(SEARCH_ID)),
            Shortcut::New => self.update(ctx, Message::Add),
            Shortcut::Save if self.form.is_some() => self.update(ctx, Message::Submit),
            Shortcut::Close if self.import.is_open() => {
                self.update(ctx, Message::Import(import_flow::Message::Close))
            }
            Shortcut::Close => self.update(ctx, Message::Close),
            _ => Action::None,
        }
    }

    pub fn update(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::Search(q) => {
                self.query = q;
                self.matches = search(&ctx.registry, &self.query);
                Action::None
            }
            Message::Toggle(id) => {
                if !self.expanded.remove(&id) {
                    self.expanded.insert(id);
                }
                Action::None
            }
            Message::Select(id) => {
                self.selected = Some(id);
                self.form = None;
                Action::None
            }
            Message::Add => {
                let parent = self.selected.and_then(|id| ctx.registry.unit(id));
                let level = parent
                    .and_then(|p| p.level.below())
                    .unwrap_or(Level::Province);
                self.form = Some(Form::Add {
                    parent: parent.map(|p| p.id),
                    name: String::new(),
                    level,
                    error: None,
                });
                Action::None
            }
            Message::Rename => {
                if let Some(u) = self.selected.and_then(|id| ctx.registry.unit(id)) {
                    self.form = Some(Form::Rename {
                        id: u.id,
                        name: u.name.clone(),
                        error: None,
                    });
                }
                Action::None
            }
            Message::Move => {
                if let Some(id) = self.selected {
                    self.form = Some(Form::Move {
                        id,
                        query: String::new(),
                        target: None,
                        error: None,
                    });
                }
                Action::None
            }
            Message::Merge => {
                if let Some(id) = self.selected {
                    self.form = Some(Form::Merge {
                        id,
                        query: String::new(),
                        target: None,
                        date: String::new(),
                        error: None,
                        date_error: None,
                    });
                }
                Action::None
            }
            Message::Name(v) => {
                if let Some(Form::Add { name, .. } | Form::Rename { name, .. }) = &mut self.form {
                    *name = v;
                }
                Action::None
            }
            Message::Level(l) => {
                if let Some(Form::Add { level, .. }) = &mut self.form {
                    *level = l.0;
                }
                Action::None
            }
            Message::PickQuery(v) => {
                if let Some(Form::Move { query, .. } | Form::Merge { query, .. }) = &mut self.form {
                    *query = v;
                }
                Action::None
            }
            Message::Pick(id) => {
                if let Some(Form::Move { target, query, .. } | Form::Merge { target, query, .. }) =
                    &mut self.form
                {
                    *target = Some(id);
                    query.clear();
                }
                Action::None
            }
            Message::Date(v) => {
                if let Some(Form::Merge { date, .. }) = &mut self.form {
                    *date = v;
                }
                Action::None
            }
            Message::Submit => self.submit(ctx),
            Message::Confirmed => match self.form.clone() {
                Some(Form::Merge {
                    id,
                    target: Some(into),
                    date,
                    ..
                }) => match parse_date(&date) {
                    Some(d) => run(ctx, move |store| ops::units::merge(store, id, into, d)),
                    None => Action::None,
                },
                _ => Action::None,
            },
            Message::Close => {
                self.form = None;
                Action::None
            }
            Message::OpenTeam(id) => Action::Open(super::Target::Team(id)),
            Message::AddTeam => match self.selected {
                Some(id) => Action::Run(ctx.run(
                    move |store, _| {
                        let kind = crate::model::TeamKind::Cnscd;
                        let team = ops::lifecycle::add_team(store, id, None, kind)?;
                        Ok(format!("Đã tạo {}.", team.name))
                    },
                    Message::Done,
                )),
                None => Action::None,
            },
            Message::Import(m) => {
                if matches!(m, import_flow::Message::Checked(..)) {
                    self.form = None;
                }
                self.import.update(ctx, Kind::Units, m).map(Message::Import)
            }
            Message::Done(result) => match result {
                Ok(message) => {
                    self.form = None;
                    Action::Reload(Notice::Success(message))
                }
                Err(e) => Action::Notify(Notice::error(&e)),
            },
        }
    }

    fn submit(&mut self, ctx: &Context) -> Action<Message> {
        let Some(form) = &mut self.form else {
            return Action::None;
        };
        match form {
            Form::Add {
                parent,
                name,
                level,
                error,
            } => {
                let clean = nfc(name);
                if clean.is_empty() {
                    *error = Some(t::REQUIRED.into());
                    return Action::None;
                }
                let new = NewUnit {
                    code: None,
                    name: clean,
                    kind: kind_for_level(*level).into(),
                    level: *level,
                    parent_id: *parent,
                };
                run(ctx, move |store| ops::units::add(store, &new))
            }
            Form::Rename { id, name, error } => {
                let clean = nfc(name);
                if clean.is_empty() {
                    *error = Some(t::REQUIRED.into());
                    return Action::None;
                }
                let id = *id;
                run(ctx, move |store| ops::units::rename(store, id, &clean))
            }
            Form::Move {
                id, target, error, ..
            } => match *target {
                None => {
                    *error = Some(t::PICK_UNIT.into());
                    Action::None
                }
                Some(p) if p == *id => {
                    *error = Some(t::SAME_UNIT.into());
                    Action::None
                }
                Some(p) => {
                    let id = *id;
                    run(ctx, move |store| ops::units::move_to(store, id, p))
                }
            },
            Form::Merge {
                id,
                target,
                date,
                error,
                date_error,
                ..
            } => {
                *error = match *target {
                    None => Some(t::PICK_UNIT.into()),
                    Some(p) if p == *id => Some(t::SAME_UNIT.into()),
                    Some(_) => None,
                };
                let parsed: Option<NaiveDate> = parse_date(date);
                *date_error = parsed.is_none().then(|| t::DATE_INVALID.into());
                match (error.is_none(), parsed, *target) {
                    (true, Some(d), Some(into)) => {
                        let name = |id| {
                            ctx.registry
                                .unit(id)
                                .map(|u| u.title_name())
                                .unwrap_or_default()
                        };
                        Action::Confirm(Confirm {
                            text: t::merge_confirm(&name(*id), &name(into), &date_field(d)),
                            yes: Message::Confirmed,
                        })
                    }
                    _ => Action::None,
                }
            }
        }
    }

    fn matches<'a>(reg: &'a Registry, query: &str, exclude: i64) -> Vec<&'a Unit> {
        let q = crate::vietnamese::search::Query::new(query);
        if q.is_empty() {
            return Vec::new();
        }
        q.rank_on(&reg.unit_index, super::members::list::cores())
            .into_iter()
            .map(|i| &reg.units[i as usize])
            .filter(|u| u.is_current() && u.id != exclude)
            .take(PICK_MATCHES)
            .collect()
    }

    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let reg = &ctx.registry;
        let tree = column(self.rows(reg).into_iter().map(|(depth, u)| {
            let has_children = self.children.contains_key(&Some(u.id));
            let marker = match (has_children, self.expanded.contains(&u.id)) {
                (false, _) => "  ",
                (true, true) => "▾",
                (true, false) => "▸",
            };
            let mut label = u.title_name();
            if !u.is_current() {
                label = format!("{label} ({})", t::UNIT_MERGED);
            }
            let toggle = button(text(marker))
                .on_press_maybe(has_children.then_some(Message::Toggle(u.id)))
                .style(theme::row_button)
                .padding([0, 4]);
            let name = button(text(label))
                .on_press(Message::Select(u.id))
                .style(theme::row_button)
                .padding([2, 4]);
            let r = row![
                iced::widget::space().width(depth as f32 * 18.0),
                toggle,
                name
            ]
            .align_y(Alignment::Center);
            if self.selected == Some(u.id) {
                container(r).style(theme::selected_row).into()
            } else {
                r.into()
            }
        }));
        let left = column![
            text_input(t::UNITS_SEARCH, &self.query)
                .id(SEARCH_ID)
                .on_input(Message::Search),
            container(scrollable(tree).width(Length::Fill))
                .style(theme::card)
                .padding(theme::GAP)
                .height(Length::Fill),
        ]
        .spacing(theme::GAP)
        .width(Length::FillPortion(3));
        let right = container(scrollable(self.panel(reg)))
            .padding(theme::PAD)
            .style(theme::card)
            .width(Length::FillPortion(2))
            .height(Length::Fill);
        column![
            widget::title(t::NAV_UNITS),
            row![left, right].spacing(theme::GAP).height(Length::Fill),
        ]
        .spacing(theme::GAP)
        .padding(theme::PAD)
        .into()
    }

    fn panel<'a>(&'a self, reg: &'a Registry) -> Element<'a, Message> {
        let add_label = if self.selected.is_some() {
            t::UNIT_ADD
        } else {
            t::UNIT_ADD_ROOT
        };
        let mut col = Column::new().spacing(theme::GAP);
        match self.selected.and_then(|id| reg.unit(id)) {
            Some(u) => {
                col = col.push(widget::heading(&u.name));
                col = col.push(text(u.title_name()).font(theme::UI_BOLD));
                col = col.push(widget::note(t::unit_code(&u.code)));
                let kids = self.children.get(&Some(u.id)).map_or(0, Vec::len);
                let teams = reg.teams_of_unit(u.id);
                col = col.push(text(format!(
                    "{} · {}",
                    t::unit_children(kids),
                    t::unit_teams(teams)
                )));
                if let (Some(into), Some(d)) = (u.merged_into, u.merged_on) {
                    let name = reg.unit(into).map(|x| x.title_name()).unwrap_or_default();
                    col = col.push(
                        text(t::unit_merged_into(&name, &date_field(d))).style(theme::warning_text),
                    );
                }
                col = col.push(
                    row![
                        button(text(add_label))
                            .on_press(Message::Add)
                            .style(theme::primary),
                        button(text(t::UNIT_RENAME))
                            .on_press(Message::Rename)
                            .style(theme::secondary),
                    ]
                    .spacing(theme::GAP)
                    .wrap()
                    .vertical_spacing(theme::GAP),
                );
                // The unit's own teams, each a click away from its members and history.
                for team in reg.teams.iter().filter(|x| x.unit_id == u.id) {
                    col = col.push(
                        button(text(team.name.as_str()).size(theme::SIZE_SMALL))
                            .on_press(Message::OpenTeam(team.id))
                            .style(theme::link)
                            .padding(2),
                    );
                }
                if u.is_current() && teams == 0 {
                    col = col.push(
                        button(text(UNIT_ADD_TEAM))
                            .on_press(Message::AddTeam)
                            .style(theme::primary),
                    );
                }
                if u.is_current() {
                    col = col.push(
                        row![
                            button(text(t::UNIT_MOVE))
                                .on_press(Message::Move)
                                .style(theme::secondary),
                            button(text(t::UNIT_MERGE))
                                .on_press(Message::Merge)
                                .style(theme::danger),
                        ]
                        .spacing(theme::GAP)
                        // On a narrow panel a button goes to the next line, not into three.
                        .wrap()
                        .vertical_spacing(theme::GAP),
                    );
                }
            }
            None => {
                col = col.push(widget::note(t::UNIT_NONE_SELECTED));
                col = col.push(
                    button(text(add_label))
                        .on_press(Message::Add)
                        .style(theme::primary),
                );
            }
        }
        if let Some(form) = &self.form {
            col = col.push(iced::widget::rule::horizontal(1));
            col = col.push(self.form_view(reg, form));
        }
        col = col.push(iced::widget::rule::horizontal(1));
        match self.import.view(Kind::Units) {
            Some(preview) => col = col.push(preview.map(Message::Import)),
            None => {
                col = col.push(
                    button(text(t::UNIT_IMPORT))
                        .on_press(Message::Import(import_flow::Message::Pick))
                        .style(theme::secondary),
                )
            }
        }
        col.into()
    }

    fn form_view<'a>(&'a self, reg: &'a Registry, form: &'a Form) -> Element<'a, Message> {
        let buttons = row![
            button(text(t::SAVE))
                .on_press(Message::Submit)
                .style(theme::primary),
            button(text(t::CLOSE))
                .on_press(Message::Close)
                .style(theme::secondary),
        ]
        .spacing(theme::GAP);
        let picker = |id: i64,
                      query: &'a str,
                      target: Option<i64>,
                      label: &'a str,
                      error: Option<&'a str>| {
            let mut col = Column::new().spacing(2);
            if let Some(u) = target.and_then(|x| reg.unit(x)) {
                col = col.push(text(u.title_name()).font(theme::UI_BOLD));
            }
            col = col.push(text_input(t::UNIT_PICK_HINT, query).on_input(Message::PickQuery));
            for u in State::matches(reg, query, id) {
                col = col.push(
                    button(text(u.title_name()).size(theme::SIZE_SMALL))
                        .on_press(Message::Pick(u.id))
                        .style(theme::link)
                        .padding(2),
                );
            }
            labelled(label, col, error)
        };
        match form {
            Form::Add {
                name, level, error, ..
            } => column![
                widget::heading(t::UNIT_ADD),
                labelled(
                    t::UNIT_LEVEL,
                    pick_list(LEVELS, Some(LevelChoice(*level)), Message::Level),
                    None
                ),
                field(t::UNIT_NAME, name, error.as_deref(), Message::Name),
                buttons,
            ]
            .spacing(theme::GAP)
            .into(),
            Form::Rename { name, error, .. } => column![
                widget::heading(t::UNIT_RENAME),
                field(t::UNIT_NAME, name, error.as_deref(), Message::Name),
                buttons,
            ]
            .spacing(theme::GAP)
            .into(),
            Form::Move {
                id,
                query,
                target,
                error,
            } => column![
                widget::heading(t::UNIT_MOVE),
                picker(*id, query, *target, t::UNIT_NEW_PARENT, error.as_deref()),
                buttons,
            ]
            .spacing(theme::GAP)
            .into(),
            Form::Merge {
                id,
                query,
                target,
                date,
                error,
                date_error,
            } => column![
                widget::heading(t::UNIT_MERGE),
                picker(*id, query, *target, t::UNIT_SURVIVOR, error.as_deref()),
                field(
                    t::UNIT_MERGE_DATE,
                    date,
                    date_error.as_deref(),
                    Message::Date
                ),
                buttons,
            ]
            .spacing(theme::GAP)
            .into(),
        }
    }
}

/// The units whose name or code matches `query`, by index into the snapshot, at most
/// `MAX_MATCHES`: a scan of the precomputed keys, run once per keystroke.
pub fn search(reg: &Registry, query: &str) -> Vec<usize> {
    // Ranked like a person (whole words and prefixes first, exact marks first); the code is the
    // key's second field, so «20314» finds its unit.
    let q = crate::vietnamese::search::Query::new(query);
    if q.is_empty() {
        return Vec::new();
    }
    q.rank_on(&reg.unit_index, super::members::list::cores())
        .into_iter()
        .map(|i| i as usize)
        .take(MAX_MATCHES)
        .collect()
}

/// Runs a change of the unit tree off the UI thread; the toast names the unit.
fn run(
    ctx: &Context,
    op: impl FnOnce(&mut ops::Store) -> ops::Result<String> + Send + 'static,
) -> Action<Message> {
    Action::Run(ctx.run(
        move |store, _| op(store).map(|name| t::unit_saved(&name)),
        Message::Done,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> (tempfile::TempDir, Context, State) {
        let dir = tempfile::tempdir().expect("dir");
        let ctx =
            crate::app::context::tests::sample_context(dir.path(), ops::sample::Scale::Commune);
        let mut s = State::default();
        s.refresh(&ctx);
        (dir, ctx, s)
    }

    #[test]
    fn tree_search_and_add_with_validation() {
        let (_d, ctx, mut s) = state();
        let rows = s.rows(&ctx.registry);
        assert!(rows.len() > 1, "root expanded");
        let commune = rows
            .iter()
            .find(|(_, u)| u.level == Level::Commune)
            .map(|(_, u)| u.id)
            .expect("a commune");
        s.update(&ctx, Message::Search("thon".into()));
        assert!(
            s.rows(&ctx.registry)
                .iter()
                .all(|(_, u)| search_key(&u.full_name()).contains("thon"))
        );
        s.update(&ctx, Message::Select(commune));
        s.update(&ctx, Message::Add);
        assert!(
            matches!(&s.form, Some(Form::Add { level: Level::Village, parent: Some(p), .. }) if *p == commune)
        );
        assert!(s.update(&ctx, Message::Submit).is_none());
        assert!(matches!(&s.form, Some(Form::Add { error: Some(_), .. })));
        s.update(&ctx, Message::Name("Thôn Mới".into()));
        assert!(matches!(s.update(&ctx, Message::Submit), Action::Run(_)));
        let done = s.update(&ctx, Message::Done(Ok("Đã lưu".into())));
        assert!(matches!(done, Action::Reload(_)));
        assert!(s.form.is_none());
    }

    #[test]
    fn merge_asks_for_unit_and_date_then_confirms() {
        let (_d, ctx, mut s) = state();
        let villages: Vec<i64> = ctx
            .registry
            .units
            .iter()
            .filter(|u| u.level == Level::Village)
            .map(|u| u.id)
            .take(2)
            .collect();
        s.update(&ctx, Message::Select(villages[0]));
        s.update(&ctx, Message::Merge);
        assert!(s.update(&ctx, Message::Submit).is_none());
        assert!(matches!(
            &s.form,
            Some(Form::Merge {
                error: Some(_),
                date_error: Some(_),
                ..
            })
        ));
        s.update(&ctx, Message::Pick(villages[0]));
        s.update(&ctx, Message::Date("31/02/2025".into()));
        assert!(
            s.update(&ctx, Message::Submit).is_none(),
            "same unit, bad date"
        );
        s.update(&ctx, Message::Pick(villages[1]));
        s.update(&ctx, Message::Date("01/07/2025".into()));
        let a = s.update(&ctx, Message::Submit);
        let Action::Confirm(c) = a else {
            panic!("expected a confirmation");
        };
        assert!(c.text.contains("01/07/2025"), "{}", c.text);
        assert!(matches!(s.update(&ctx, c.yes), Action::Run(_)));
    }
}
