//! Tổ và thành viên: the member list (fast at national scale: filter while typing over keys
//! computed once, name order sorted once, only visible rows built), the member form with
//! validation beside each field, the selected member's team with its composition warnings and
//! membership history, import from Excel with a preview of the problems before any write (the
//! import flow the reports share), and export to Excel. The views are in `view`.

pub mod actions;
pub mod as_of;
pub mod filters;
pub mod form;
pub mod lines;
pub mod list;
pub mod menu;
pub mod team_words;
pub mod teams;
mod teams_view;
mod view;

use std::path::PathBuf;

use super::{Action, Notice, Shortcut};
use crate::app::context::{Cancel, Context};
use crate::app::dialogs;
use crate::app::text as t;
use crate::app::widget::import_flow::{self, ImportFlow, Kind};
use crate::model::{Gender, Member, Role};
use crate::ops::registry::{HistoryLine, Registry};
use crate::ops::{self, transfer};
use crate::vietnamese::search_key;
use form::Form;
pub use lines::find_teams;
use lines::{event_line, history_line, t_bulk_who, t_deleted, t_discard, t_restored};

/// The id of the search field (Ctrl+F focuses it).
pub const SEARCH_ID: &str = "members-search";

#[derive(Debug, Default)]
pub struct State {
    /// What the clerk typed in the search field.
    pub query: String,
    /// Indices into the snapshot's members that match, in name order.
    pub visible: Vec<u32>,
    offset: f32,
    viewport: f32,
    /// The selected member.
    pub selected: Option<i64>,
    /// The team shown in the side panel.
    pub team: Option<i64>,
    /// History lines of that team (loaded in the background).
    pub history: Vec<String>,
    /// The open form.
    pub form: Option<Form>,
    /// Team suggestions for the form: (id, label).
    pub team_matches: Vec<(i64, String)>,
    /// The import flow (its preview, when open).
    pub import: ImportFlow,
    /// The open lifecycle action form (departure, move, role change).
    pub action: Option<actions::ActionForm>,
    /// Team suggestions for a move: (id, label).
    pub action_teams: Vec<(i64, String)>,
    /// The member the form edits (None: the form adds a member).
    pub editing: Option<i64>,
    /// Members ticked for a bulk departure or move.
    pub checked: std::collections::BTreeSet<i64>,
    /// The selected member's history lines.
    pub member_history: Vec<String>,
    /// Departures on the shown team that can be undone: (member id, name).
    pub restorable: Vec<(i64, String)>,
    /// The shown team's history: joins, departures with their reasons, role changes, renames,
    /// mergers and decisions, each with its date and decision.
    pub team_events: Vec<String>,
    /// The tab shown: the member list or the team list.
    pub tab: Tab,
    /// The team list tab.
    pub teams: teams::State,
    /// What the clerk typed in «Xem theo ngày».
    pub as_of_text: String,
    /// Why that date cannot be shown.
    pub as_of_error: Option<String>,
    /// The list on that date, once loaded (None: today's list).
    pub as_of: Option<as_of::AsOf>,
    /// The open right-click menu.
    pub menu: Option<menu::Menu>,
    /// The filters above the list (role, training, standing, commune, team).
    pub filters: filters::Filters,
    /// The members who left (or everyone, with who left), once loaded for the standing filter.
    pub standing_list: Option<as_of::AsOf>,
    /// Where the right button last went down, and the screen's size then.
    pointer: (iced::Point, iced::Size),
}

/// The tabs of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Thành viên.
    #[default]
    Members,
    /// Danh sách Tổ.
    Teams,
}

/// A role for the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleChoice(pub Role);

impl std::fmt::Display for RoleChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.label())
    }
}

/// A gender for the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenderChoice(pub Gender);

impl std::fmt::Display for GenderChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.label())
    }
}

const ROLES: [RoleChoice; 3] = [
    RoleChoice(Role::Leader),
    RoleChoice(Role::Deputy),
    RoleChoice(Role::Member),
];
const GENDERS: [GenderChoice; 2] = [GenderChoice(Gender::Male), GenderChoice(Gender::Female)];

#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    Scrolled(f32, f32),
    Select(i64),
    HistoryLoaded(i64, Result<Vec<HistoryLine>, ops::Error>),
    New,
    Name(String),
    Year(String),
    Gender(GenderChoice),
    Phone(String),
    Email(String),
    Position(String),
    Joined(String),
    Trained(bool),
    Role(RoleChoice),
    TeamQuery(String),
    TeamPicked(i64),
    Save,
    Saved(Result<Box<Member>, ops::Error>),
    CloseForm,
    Import(import_flow::Message),
    Export,
    ExportPicked(Option<PathBuf>),
    Exported(Result<PathBuf, ops::Error>),
    /// Open an action form for the selected member.
    Open(actions::Kind),
    /// Open an action form for the ticked members.
    OpenBulk(actions::Kind),
    /// A message of the action form.
    Act(actions::Msg),
    /// Open the form on the selected member's fields.
    Edit,
    /// Ask before deleting the selected member.
    Delete,
    /// Delete, after the confirmation.
    DeleteConfirmed(i64),
    /// Undo the departure of a member.
    Restore(i64),
    /// An action ran: the toast, or the refusal.
    Done(Result<String, ops::Error>),
    /// A member ticked or unticked for a bulk action.
    Check(i64, bool),
    /// The selected member's history.
    MemberHistory(i64, Result<Vec<ops::lifecycle::Event>, ops::Error>),
    /// Throw away a half-typed form.
    Discard,
    /// The shown team's history.
    TeamEvents(i64, Result<Vec<ops::lifecycle::Event>, ops::Error>),
    /// Show a tab.
    Tab(Tab),
    /// The «Xem theo ngày» field.
    AsOfText(String),
    /// Show the list on that date.
    AsOfShow,
    /// The list on that date, read.
    AsOfLoaded(chrono::NaiveDate, Result<Vec<Member>, ops::Error>),
    /// Back to today's list.
    AsOfClear,
    /// The right button went down here (relative to the screen, whose size follows).
    RightAt(iced::Point, iced::Size),
    /// A member row was right-clicked: open its menu.
    RowMenu(i64),
    /// A menu item was chosen.
    MenuPick(menu::Item),
    /// Close the menu.
    MenuClose,
    /// A message of the team list tab.
    Teams(teams::Msg),
    /// A filter of the member list changed.
    Filter(filters::Msg),
    /// The list of a standing other than «Đang trong Tổ», read.
    StandingLoaded(
        ops::member_filter::Standing,
        Result<Vec<Member>, ops::Error>,
    ),
}

impl State {
    /// Takes a new snapshot, keeping the query.
    pub fn refresh(&mut self, ctx: &Context) {
        // The registry changed: a list of a past date read before the change is not kept.
        self.as_of = None;
        self.as_of_text.clear();
        self.as_of_error = None;
        self.standing_list = None;
        self.filters.standing = ops::member_filter::Standing::Current;
        self.teams.refresh(&ctx.registry);
        if self
            .filters
            .team
            .is_some_and(|id| ctx.registry.team(id).is_none())
        {
            self.filters.team = None;
        }
        self.relist(&ctx.registry, None);
        if self.team.is_some_and(|id| ctx.registry.team(id).is_none()) {
            self.team = None;
        }
        if self.viewport == 0.0 {
            self.viewport = 600.0;
        }
    }

    /// The members currently listed, in order.
    pub fn listed<'a>(&'a self, reg: &'a Registry) -> impl Iterator<Item = &'a Member> {
        let all = self.source(reg);
        self.visible.iter().map(move |&i| &all[i as usize])
    }

    /// The list the rows index: today's, or the chosen date's.
    pub fn source<'a>(&'a self, reg: &'a Registry) -> &'a [Member] {
        match (&self.standing_list, &self.as_of) {
            (Some(l), _) | (None, Some(l)) => &l.members,
            (None, None) => &reg.members,
        }
    }

    fn index<'a>(&'a self, reg: &'a Registry) -> &'a crate::vietnamese::search::SearchIndex {
        match (&self.standing_list, &self.as_of) {
            (Some(l), _) | (None, Some(l)) => &l.index,
            (None, None) => &reg.member_index,
        }
    }

    pub fn shortcut(&mut self, ctx: &Context, s: Shortcut) -> Action<Message> {
        if s == Shortcut::Close && (self.menu.is_some() || self.teams.menu.is_some()) {
            self.menu = None;
            self.teams.menu = None;
            return Action::None;
        }
        if self.tab == Tab::Teams {
            return match s {
                Shortcut::Search => Action::Run(iced::widget::operation::focus(teams::SEARCH)),
                Shortcut::New => self.update(ctx, Message::Teams(teams::Msg::New)),
                Shortcut::Save => self.update(ctx, Message::Teams(teams::Msg::Submit)),
                Shortcut::Close => self.update(ctx, Message::Teams(teams::Msg::Cancel)),
                _ => Action::None,
            };
        }
        match s {
            Shortcut::Search => Action::Run(iced::widget::operation::focus(SEARCH_ID)),
            Shortcut::New => self.update(ctx, Message::New),
            Shortcut::Save if self.form.is_some() => self.update(ctx, Message::Save),
            Shortcut::Close if self.action.as_ref().is_some_and(|f| f.is_dirty()) => {
                Action::Confirm(super::Confirm {
                    text: t_discard(),
                    yes: Message::Discard,
                })
            }
            Shortcut::Close if self.action.is_some() => self.update(ctx, Message::Discard),
            Shortcut::Close if self.form.is_some() => self.update(ctx, Message::CloseForm),
            Shortcut::Close if self.import.is_open() => {
                self.update(ctx, Message::Import(import_flow::Message::Close))
            }
            _ => Action::None,
        }
    }

    pub fn update(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        let reg = &ctx.registry;
        match message {
            Message::Tab(tab) => {
                self.tab = tab;
                self.menu = None;
                self.teams.menu = None;
                // The team shown may have changed on the member tab since: read it again.
                match (tab, self.teams.selected) {
                    (Tab::Teams, Some(id)) if self.teams.form.is_none() => {
                        self.teams.select(ctx, id).map(Message::Teams)
                    }
                    _ => Action::None,
                }
            }
            Message::Teams(teams::Msg::ShowMembers(team)) => {
                // The team's members: the list narrowed to it, the team in the panel.
                self.filters.team = Some(team);
                self.relist(reg, None);
                self.show_team(ctx, team)
            }
            Message::Teams(teams::Msg::MenuPick(teams::Item::Members)) => {
                match self.teams.menu.take() {
                    Some((team, _)) => {
                        self.update(ctx, Message::Teams(teams::Msg::ShowMembers(team)))
                    }
                    None => Action::None,
                }
            }
            Message::Filter(m) => self.filter(ctx, m),
            Message::StandingLoaded(standing, r) => self.standing_loaded(ctx, standing, r),
            Message::Teams(m) => self.teams.update(ctx, m).map(Message::Teams),
            Message::RightAt(p, size) => {
                self.pointer = (p, size);
                self.menu = None;
                Action::None
            }
            Message::RowMenu(id) => {
                // Only today's members have actions (a past date's list is for reading).
                if reg.member(id).is_some() {
                    let n = menu::items(self.ticked_with(id)).len();
                    self.menu = Some(menu::Menu {
                        member: id,
                        at: menu::place(self.pointer.0, self.pointer.1, n),
                    });
                }
                Action::None
            }
            Message::MenuClose => {
                self.menu = None;
                Action::None
            }
            Message::MenuPick(item) => {
                let Some(m) = self.menu.take() else {
                    return Action::None;
                };
                let then = match item {
                    menu::Item::Edit => Message::Edit,
                    menu::Item::Open(kind) => Message::Open(kind),
                    menu::Item::Delete => Message::Delete,
                    menu::Item::Bulk(kind) => return self.update(ctx, Message::OpenBulk(kind)),
                };
                let select = self.update(ctx, Message::Select(m.member));
                match self.update(ctx, then) {
                    Action::None => select,
                    other => other,
                }
            }
            Message::AsOfText(v) => {
                self.as_of_text = v;
                self.as_of_error = None;
                Action::None
            }
            Message::AsOfShow => match crate::vietnamese::parse_date(&self.as_of_text) {
                Some(date) => Action::Run(ctx.run(
                    move |store, _| ops::lifecycle::members_on(store, None, date),
                    move |r| Message::AsOfLoaded(date, r),
                )),
                None => {
                    self.as_of_error = Some(as_of::BAD_DATE.into());
                    Action::None
                }
            },
            Message::AsOfLoaded(date, r) => match r {
                Ok(list) => {
                    // A past date's list is of who was on a team that day.
                    self.filters.standing = ops::member_filter::Standing::Current;
                    self.standing_list = None;
                    self.as_of = Some(as_of::AsOf::new(date, list));
                    self.checked.clear();
                    self.relist(reg, None);
                    Action::None
                }
                Err(e) => Action::Notify(Notice::error(&e)),
            },
            Message::AsOfClear => {
                self.as_of = None;
                self.as_of_text.clear();
                self.as_of_error = None;
                self.relist(reg, None);
                Action::None
            }
            Message::Search(q) => {
                // A query that only adds to the previous one narrows the rows already found.
                let within = search_key(&q)
                    .starts_with(&search_key(&self.query))
                    .then(|| std::mem::take(&mut self.visible));
                self.query = q;
                self.relist(reg, within);
                Action::None
            }
            Message::Scrolled(offset, height) => {
                self.offset = offset;
                self.viewport = height;
                Action::None
            }
            Message::Select(id) => {
                self.selected = Some(id);
                self.member_history.clear();
                // On a past date's list, the member's team of that day.
                let team = self
                    .as_of
                    .as_ref()
                    .and_then(|a| a.member(id))
                    .or_else(|| reg.member(id))
                    .or_else(|| self.standing_list.as_ref().and_then(|l| l.member(id)))
                    .map(|m| m.team_id);
                match team {
                    Some(team) => {
                        let history = ctx.run(
                            move |store, _| ops::lifecycle::member_events(store, id),
                            move |r| Message::MemberHistory(id, r),
                        );
                        match self.open_team(ctx, team) {
                            Action::Run(task) => Action::Run(iced::Task::batch([task, history])),
                            other => other,
                        }
                    }
                    None => Action::None,
                }
            }
            Message::TeamEvents(team, result) => {
                if self.team == Some(team) {
                    match result {
                        Ok(events) => self.team_events = events.iter().map(event_line).collect(),
                        Err(e) => return Action::Notify(Notice::error(&e)),
                    }
                }
                Action::None
            }
            Message::MemberHistory(id, result) => {
                if self.selected == Some(id) {
                    match result {
                        Ok(events) => self.member_history = events.iter().map(event_line).collect(),
                        Err(e) => return Action::Notify(Notice::error(&e)),
                    }
                }
                Action::None
            }
            Message::Open(kind) => {
                let Some(m) = self.selected.and_then(|id| reg.member(id)) else {
                    return Action::None;
                };
                self.form = None;
                self.action = Some(actions::ActionForm::new(
                    kind,
                    vec![m.id],
                    m.full_name.clone(),
                    ctx.today(),
                ));
                self.action_teams.clear();
                Action::None
            }
            Message::OpenBulk(kind) => {
                if self.checked.is_empty() {
                    return Action::None;
                }
                self.form = None;
                let ids: Vec<i64> = self.checked.iter().copied().collect();
                let who = t_bulk_who(ids.len());
                self.action = Some(actions::ActionForm::new(kind, ids, who, ctx.today()));
                self.action_teams.clear();
                Action::None
            }
            Message::Act(actions::Msg::Cancel) => {
                if self.action.as_ref().is_some_and(|f| f.is_dirty()) {
                    return Action::Confirm(super::Confirm {
                        text: t_discard(),
                        yes: Message::Discard,
                    });
                }
                self.action = None;
                Action::None
            }
            Message::Act(actions::Msg::TeamPicked(id)) => {
                let label = reg.team_label(id).to_string();
                self.action_teams.clear();
                if let Some(f) = &mut self.action {
                    f.team = Some((id, label));
                    f.team_query.clear();
                }
                Action::None
            }
            Message::Act(m) => {
                if let actions::Msg::TeamQuery(q) = &m {
                    self.action_teams = find_teams(reg, q);
                }
                let Some(f) = &mut self.action else {
                    return Action::None;
                };
                match actions::update(f, m) {
                    Some(op) => Action::Run(ctx.run(move |store, _| op.run(store), Message::Done)),
                    None => Action::None,
                }
            }
            Message::Discard => {
                self.action = None;
                self.form = None;
                self.editing = None;
                Action::None
            }
            Message::Edit => {
                let Some(m) = self.selected.and_then(|id| reg.member(id)) else {
                    return Action::None;
                };
                self.action = None;
                self.editing = Some(m.id);
                self.form = Some(Form {
                    name: m.full_name.clone(),
                    year: m.year_of_birth.map(|y| y.to_string()).unwrap_or_default(),
                    gender: m.gender,
                    phone: m.phone.clone().unwrap_or_default(),
                    email: m.email.clone().unwrap_or_default(),
                    position: m.position.clone().unwrap_or_default(),
                    trained: m.trained,
                    role: Some(m.role),
                    team: Some((m.team_id, reg.team_label(m.team_id).to_string())),
                    ..Form::default()
                });
                Action::None
            }
            Message::Delete => {
                let Some(m) = self.selected.and_then(|id| reg.member(id)) else {
                    return Action::None;
                };
                Action::Confirm(super::Confirm {
                    text: actions::confirm_delete(&m.full_name),
                    yes: Message::DeleteConfirmed(m.id),
                })
            }
            Message::DeleteConfirmed(id) => Action::Run(ctx.run(
                move |store, _| {
                    ops::lifecycle::delete_member(store, id).map(|name| t_deleted(&name))
                },
                Message::Done,
            )),
            Message::Restore(id) => Action::Run(ctx.run(
                move |store, _| {
                    ops::lifecycle::restore(store, id).map(|m| t_restored(&m.full_name))
                },
                Message::Done,
            )),
            Message::Done(result) => match result {
                Ok(toast) => {
                    self.action = None;
                    self.checked.clear();
                    Action::Reload(Notice::Success(toast))
                }
                Err(e) => {
                    // A refusal stays in the form that asked, in the operation's words.
                    if let Some(f) = &mut self.action {
                        f.error = Some(e.to_string());
                        return Action::None;
                    }
                    Action::Notify(Notice::error(&e))
                }
            },
            Message::Check(id, on) => {
                if on {
                    self.checked.insert(id);
                } else {
                    self.checked.remove(&id);
                }
                Action::None
            }
            Message::HistoryLoaded(team, result) => {
                if self.team == Some(team) {
                    match result {
                        Ok(lines) => {
                            self.history = lines.iter().map(history_line).collect();
                            // A departure of someone no longer on any team can be undone here.
                            self.restorable = lines
                                .iter()
                                .filter(|l| l.reason.is_some() && reg.member(l.member_id).is_none())
                                .map(|l| (l.member_id, l.name.clone()))
                                .collect();
                        }
                        Err(e) => return Action::Notify(Notice::error(&e)),
                    }
                }
                Action::None
            }
            Message::New => {
                self.editing = None;
                self.action = None;
                let mut form = Form {
                    role: Some(Role::Member),
                    joined: crate::vietnamese::date_field(ctx.today()),
                    ..Form::default()
                };
                if let Some(team) = self.team.and_then(|id| reg.team(id)) {
                    form.team = Some((team.id, reg.team_label(team.id).to_string()));
                }
                self.form = Some(form);
                self.import.preview = None;
                self.team_matches.clear();
                Action::None
            }
            Message::Name(v) => self.edit(|f| f.name = v),
            Message::Year(v) => self.edit(|f| f.year = v),
            Message::Gender(v) => self.edit(|f| f.gender = Some(v.0)),
            Message::Phone(v) => self.edit(|f| f.phone = v),
            Message::Email(v) => self.edit(|f| f.email = v),
            Message::Position(v) => self.edit(|f| f.position = v),
            Message::Trained(v) => self.edit(|f| f.trained = v),
            Message::Joined(v) => self.edit(|f| f.joined = v),
            Message::Role(v) => self.edit(|f| f.role = Some(v.0)),
            Message::TeamQuery(q) => {
                self.team_matches = find_teams(reg, &q);
                self.edit(|f| f.team_query = q)
            }
            Message::TeamPicked(id) => {
                let label = reg.team_label(id).to_string();
                self.team_matches.clear();
                self.edit(|f| {
                    f.team = Some((id, label));
                    f.team_query.clear();
                })
            }
            Message::Save => {
                let today = ctx.today();
                let Some(form) = &mut self.form else {
                    return Action::None;
                };
                match form.validate(today) {
                    Err(errors) => {
                        form.errors = errors;
                        Action::None
                    }
                    Ok(new) => {
                        form.errors = form::Errors::default();
                        if let Some(id) = self.editing {
                            let edit = ops::lifecycle::MemberEdit {
                                name: Some(new.full_name),
                                year: Some(new.year_of_birth),
                                gender: Some(new.gender),
                                position: Some(new.position),
                                phone: Some(new.phone),
                                email: Some(new.email),
                                trained: Some(new.trained),
                            };
                            return Action::Run(ctx.run(
                                move |store, _| {
                                    ops::lifecycle::edit_member(store, id, &edit, today)
                                        .map(Box::new)
                                },
                                Message::Saved,
                            ));
                        }
                        Action::Run(ctx.run(
                            move |store, _| ops::members::add(store, &new, today).map(Box::new),
                            Message::Saved,
                        ))
                    }
                }
            }
            Message::Saved(result) => match result {
                Ok(member) => {
                    self.form = None;
                    self.editing = None;
                    self.selected = Some(member.id);
                    Action::Reload(Notice::Success(t::member_saved(&member.full_name)))
                }
                Err(e) => Action::Notify(Notice::error(&e)),
            },
            Message::CloseForm => {
                self.form = None;
                self.editing = None;
                Action::None
            }
            Message::Import(m) => {
                if matches!(
                    m,
                    import_flow::Message::Checked(..) | import_flow::Message::Read(..)
                ) {
                    self.form = None;
                }
                self.import
                    .update(ctx, Kind::Roster, m)
                    .map(Message::Import)
            }
            Message::Export => {
                if reg.members.is_empty() {
                    return Action::Notify(Notice::Error(t::EXPORT_EMPTY.into()));
                }
                Action::Run(dialogs::save_sheet(
                    &ctx.dialogs,
                    t::DEFAULT_EXPORT_NAME,
                    Message::ExportPicked,
                ))
            }
            Message::ExportPicked(None) => Action::None,
            Message::ExportPicked(Some(dest)) => {
                // A name without .xlsx or .csv gets .xlsx.
                let dest = match ops::Format::of_path(&dest) {
                    Some(ops::Format::Xlsx | ops::Format::Csv) => dest,
                    _ => dest.with_extension("xlsx"),
                };
                Action::Job {
                    label: t::EXPORT_RUNNING.into(),
                    task: ctx.run(
                        move |store, _| {
                            transfer::export_sheet(store, transfer::Sheet::Roster, None, &dest)
                                .map(|_| dest)
                        },
                        Message::Exported,
                    ),
                    cancel: Cancel::default(),
                }
            }
            Message::Exported(result) => match result {
                Ok(path) => Action::Notify(Notice::Success(t::exported(&path))),
                Err(e) => Action::Notify(Notice::error(&e)),
            },
        }
    }

    /// How many members are ticked when `id` is one of them (a bulk action is offered), else 1.
    pub fn ticked_with(&self, id: i64) -> usize {
        if self.checked.contains(&id) {
            self.checked.len()
        } else {
            1
        }
    }

    fn edit(&mut self, f: impl FnOnce(&mut Form)) -> Action<Message> {
        if let Some(form) = &mut self.form {
            f(form);
        }
        Action::None
    }

    /// Shows a team in the side panel (from this screen or another: `Target::Team`) and loads
    /// its history.
    pub fn show_team(&mut self, ctx: &Context, team: i64) -> Action<Message> {
        self.tab = Tab::Members;
        self.selected = None;
        self.open_team(ctx, team)
    }

    fn open_team(&mut self, ctx: &Context, team: i64) -> Action<Message> {
        self.team = Some(team);
        self.history.clear();
        self.restorable.clear();
        self.team_events.clear();
        Action::Run(iced::Task::batch([
            ctx.run(
                move |store, _| ops::registry::team_history(store, team),
                move |r| Message::HistoryLoaded(team, r),
            ),
            ctx.run(
                move |store, _| ops::lifecycle::team_events(store, team),
                move |r| Message::TeamEvents(team, r),
            ),
        ]))
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_history {
    use super::*;

    #[test]
    fn selecting_a_member_loads_the_team_history() {
        let dir = tempfile::tempdir().expect("dir");
        let ctx =
            crate::app::context::tests::sample_context(dir.path(), ops::sample::Scale::Commune);
        let mut s = State::default();
        s.refresh(&ctx);
        let m = ctx.registry.members[0].clone();
        assert!(matches!(
            s.update(&ctx, Message::Select(m.id)),
            Action::Run(_)
        ));
        assert_eq!(s.team, Some(m.team_id));
        let store = ctx.ws.open().expect("db");
        let lines = ops::registry::team_history(&store, m.team_id).expect("history");
        assert!(lines.iter().any(|l| l.name == m.full_name), "{lines:?}");
        s.update(&ctx, Message::HistoryLoaded(m.team_id, Ok(lines.clone())));
        assert_eq!(s.history.len(), lines.len());
        assert!(
            s.history.iter().any(|l| l.starts_with(&m.full_name)),
            "{:?}",
            s.history
        );
    }
}
