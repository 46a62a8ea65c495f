//! Tổ và thành viên: the member list (fast at province scale: filter while typing over keys
//! computed once, name order sorted once, only visible rows built), the member form with
//! validation beside each field, the selected member's team with its composition warnings and
//! membership history, import from Excel with a preview of the problems before any write, and
//! export to Excel.

pub mod form;
pub mod io;
pub mod list;

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::text::Wrapping;
use iced::widget::{
    Column, button, checkbox, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Alignment, Element, Length};

use self::form::Form;
use super::{Action, Notice, Shortcut};
use crate::app::background::{self, Cancel};
use crate::app::dialogs::{self, SharedDialogs};
use crate::app::registry::Registry;
use crate::app::widget::form::{field, labelled};
use crate::app::{text as t, theme, widget};
use crate::model::Problems;
use crate::model::{Gender, Member, Role};
use crate::vietnamese::{date_short, search_key};

/// The id of the search field (Ctrl+F focuses it).
pub const SEARCH_ID: &str = "members-search";
/// Fixed column widths of the member list.
const COL_YEAR_W: f32 = 76.0;
const COL_ROLE_W: f32 = 96.0;
const COL_PHONE_W: f32 = 115.0;
/// How many team suggestions the form shows.
const TEAM_SUGGESTIONS: usize = 6;

#[derive(Debug)]
pub struct State {
    data_dir: PathBuf,
    dialogs: SharedDialogs,
    reg: Arc<Registry>,
    /// What the clerk typed in the search field.
    pub query: String,
    /// Indices into `reg.members` that match, in name order.
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
    /// The checked import file and what the check found.
    pub import: Option<(PathBuf, Problems)>,
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
    ShowTeam(i64),
    HistoryLoaded(i64, Result<Vec<String>, crate::Error>),
    New,
    Name(String),
    Year(String),
    Gender(GenderChoice),
    Phone(String),
    Email(String),
    Position(String),
    Trained(bool),
    Role(RoleChoice),
    TeamQuery(String),
    TeamPicked(i64),
    Save,
    Saved(Result<Box<Member>, crate::Error>),
    CloseForm,
    Import,
    ImportPicked(Option<PathBuf>),
    ImportChecked(PathBuf, Result<Problems, crate::Error>),
    ImportCommit,
    Imported(Result<Problems, crate::Error>),
    CloseImport,
    Export,
    ExportPicked(Option<PathBuf>),
    Exported(Result<PathBuf, crate::Error>),
}

impl State {
    pub fn new(data_dir: PathBuf, dialogs: SharedDialogs, reg: Arc<Registry>) -> State {
        let mut s = State {
            data_dir,
            dialogs,
            reg: Arc::new(Registry::default()),
            query: String::new(),
            visible: Vec::new(),
            offset: 0.0,
            viewport: 600.0,
            selected: None,
            team: None,
            history: Vec::new(),
            form: None,
            team_matches: Vec::new(),
            import: None,
        };
        s.refresh(reg);
        s
    }

    /// Takes a new snapshot, keeping the query.
    pub fn refresh(&mut self, reg: Arc<Registry>) {
        self.reg = reg;
        self.visible = list::filter(&self.reg.keys, &self.query);
        if self.team.is_some_and(|id| self.reg.team(id).is_none()) {
            self.team = None;
        }
    }

    /// The members currently listed, in order.
    pub fn listed(&self) -> impl Iterator<Item = &Member> {
        self.visible.iter().map(|&i| &self.reg.members[i as usize])
    }

    pub fn shortcut(&mut self, s: Shortcut) -> Action<Message> {
        match s {
            Shortcut::Search => Action::Run(iced::widget::operation::focus(SEARCH_ID)),
            Shortcut::New => self.update(Message::New),
            Shortcut::Save if self.form.is_some() => self.update(Message::Save),
            Shortcut::Close if self.form.is_some() => self.update(Message::CloseForm),
            Shortcut::Close if self.import.is_some() => self.update(Message::CloseImport),
            _ => Action::None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Search(q) => {
                self.query = q;
                self.visible = list::filter(&self.reg.keys, &self.query);
                Action::None
            }
            Message::Scrolled(offset, height) => {
                self.offset = offset;
                self.viewport = height;
                Action::None
            }
            Message::Select(id) => {
                self.selected = Some(id);
                let team = self
                    .reg
                    .members
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| m.team_id);
                match team {
                    Some(team) => self.show_team(team),
                    None => Action::None,
                }
            }
            Message::ShowTeam(team) => {
                self.selected = None;
                self.show_team(team)
            }
            Message::HistoryLoaded(team, result) => {
                if self.team == Some(team) {
                    match result {
                        Ok(lines) => self.history = lines,
                        Err(e) => return Action::Notify(Notice::error(&e)),
                    }
                }
                Action::None
            }
            Message::New => {
                let mut form = Form {
                    role: Some(Role::Member),
                    ..Form::default()
                };
                if let Some(team) = self.team.and_then(|id| self.reg.team(id)) {
                    form.team = Some((team.id, self.team_label(team.id)));
                }
                self.form = Some(form);
                self.import = None;
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
            Message::Role(v) => self.edit(|f| f.role = Some(v.0)),
            Message::TeamQuery(q) => {
                self.team_matches = self.find_teams(&q);
                self.edit(|f| f.team_query = q)
            }
            Message::TeamPicked(id) => {
                let label = self.team_label(id);
                self.team_matches.clear();
                self.edit(|f| {
                    f.team = Some((id, label));
                    f.team_query.clear();
                })
            }
            Message::Save => {
                let Some(form) = &mut self.form else {
                    return Action::None;
                };
                match form.validate(chrono::Local::now().date_naive()) {
                    Err(errors) => {
                        form.errors = errors;
                        Action::None
                    }
                    Ok(new) => {
                        form.errors = form::Errors::default();
                        let dir = self.data_dir.clone();
                        Action::Run(background::run_result(
                            move || {
                                let mut store = crate::Store::open_dir(&dir)?;
                                store
                                    .transaction(|tx| crate::store::members::insert(tx, &new))
                                    .map(Box::new)
                            },
                            Message::Saved,
                        ))
                    }
                }
            }
            Message::Saved(result) => match result {
                Ok(member) => {
                    self.form = None;
                    self.selected = Some(member.id);
                    Action::Reload(Notice::Success(t::member_saved(&member.full_name)))
                }
                Err(e) => Action::Notify(Notice::error(&e)),
            },
            Message::CloseForm => {
                self.form = None;
                Action::None
            }
            Message::Import => {
                Action::Run(dialogs::pick_sheet(&self.dialogs, Message::ImportPicked))
            }
            Message::ImportPicked(None) => Action::None,
            Message::ImportPicked(Some(path)) => {
                let dir = self.data_dir.clone();
                let file = path.clone();
                Action::Job {
                    label: t::IMPORT_RUNNING.into(),
                    task: background::run_result(
                        move || io::check_roster(&dir, &file, chrono::Local::now().date_naive()),
                        move |r| Message::ImportChecked(path, r),
                    ),
                    cancel: Cancel::default(),
                }
            }
            Message::ImportChecked(path, result) => match result {
                Ok(report) => {
                    self.form = None;
                    self.import = Some((path, report));
                    Action::None
                }
                Err(crate::Error::Refused(report)) => {
                    self.form = None;
                    self.import = Some((path, (*report).clone()));
                    Action::None
                }
                Err(e) => Action::Notify(Notice::error(&e)),
            },
            Message::ImportCommit => {
                let Some((path, report)) = &self.import else {
                    return Action::None;
                };
                if !report.is_ok() {
                    return Action::None;
                }
                let dir = self.data_dir.clone();
                let file = path.clone();
                let cancel = Cancel::default();
                let flag = cancel.clone();
                Action::Job {
                    label: t::IMPORT_RUNNING.into(),
                    task: background::run_result(
                        move || {
                            flag.check()?;
                            io::import_roster(&dir, &file, chrono::Local::now().date_naive())
                        },
                        Message::Imported,
                    ),
                    cancel,
                }
            }
            Message::Imported(result) => match result {
                Ok(report) => {
                    self.import = None;
                    Action::Reload(Notice::Success(report.to_string().trim().to_string()))
                }
                Err(crate::Error::Refused(report)) => {
                    if let Some((_, r)) = &mut self.import {
                        *r = (*report).clone();
                    }
                    Action::None
                }
                Err(e) => Action::Notify(Notice::error(&e)),
            },
            Message::CloseImport => {
                self.import = None;
                Action::None
            }
            Message::Export => Action::Run(dialogs::save_sheet(
                &self.dialogs,
                t::DEFAULT_EXPORT_NAME,
                Message::ExportPicked,
            )),
            Message::ExportPicked(None) => Action::None,
            Message::ExportPicked(Some(dest)) => {
                let dir = self.data_dir.clone();
                Action::Job {
                    label: t::EXPORT_RUNNING.into(),
                    task: background::run_result(
                        move || io::export_roster(&dir, dest),
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

    fn edit(&mut self, f: impl FnOnce(&mut Form)) -> Action<Message> {
        if let Some(form) = &mut self.form {
            f(form);
        }
        Action::None
    }

    fn show_team(&mut self, team: i64) -> Action<Message> {
        self.team = Some(team);
        self.history.clear();
        let dir = self.data_dir.clone();
        Action::Run(background::run_result(
            move || history_lines(&crate::Store::open_dir(&dir)?, team),
            move |r| Message::HistoryLoaded(team, r),
        ))
    }

    fn team_label(&self, team_id: i64) -> String {
        let Some(team) = self.reg.team(team_id) else {
            return String::new();
        };
        match self.reg.unit(team.unit_id) {
            Some(u) => match u.parent_id.and_then(|p| self.reg.unit(p)) {
                Some(p) => format!("{} – {}", u.title_name(), p.title_name()),
                None => u.title_name(),
            },
            None => team.name.clone(),
        }
    }

    fn find_teams(&self, query: &str) -> Vec<(i64, String)> {
        let q = search_key(query);
        if q.is_empty() {
            return Vec::new();
        }
        self.reg
            .teams
            .iter()
            .map(|team| (team.id, self.team_label(team.id)))
            .filter(|(_, label)| search_key(label).contains(&q))
            .take(TEAM_SUGGESTIONS)
            .collect()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let toolbar = row![
            text_input(t::MEMBERS_SEARCH, &self.query)
                .id(SEARCH_ID)
                .on_input(Message::Search)
                .width(Length::Fill),
            button(text(t::MEMBER_NEW))
                .on_press(Message::New)
                .style(theme::primary),
            button(text(t::MEMBER_IMPORT))
                .on_press(Message::Import)
                .style(theme::secondary),
            button(text(t::MEMBER_EXPORT))
                .on_press(Message::Export)
                .style(theme::secondary),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center);
        let count = widget::note(t::member_count(self.visible.len(), self.reg.members.len()));
        let panel: Element<'_, Message> = if let Some(form) = &self.form {
            self.form_view(form)
        } else if let Some((path, report)) = &self.import {
            import_view(path, report)
        } else {
            self.detail_view()
        };
        column![
            widget::title(t::NAV_MEMBERS),
            toolbar,
            row![
                column![count, self.list_view()]
                    .spacing(4)
                    .width(Length::FillPortion(7)),
                container(scrollable(panel))
                    .padding(theme::PAD)
                    .style(theme::card)
                    .width(Length::FillPortion(4))
                    .height(Length::Fill),
            ]
            .spacing(theme::GAP)
            .height(Length::Fill),
        ]
        .spacing(theme::GAP)
        .padding(theme::PAD)
        .into()
    }

    /// The windowed list: a header, a top spacer, the visible rows, a bottom spacer.
    pub fn list_view(&self) -> Element<'_, Message> {
        let header = row![
            text(t::COL_NAME)
                .font(theme::UI_BOLD)
                .width(Length::FillPortion(4)),
            text(t::COL_YEAR).font(theme::UI_BOLD).width(COL_YEAR_W),
            text(t::COL_ROLE).font(theme::UI_BOLD).width(COL_ROLE_W),
            text(t::COL_PHONE).font(theme::UI_BOLD).width(COL_PHONE_W),
            text(t::COL_TEAM)
                .font(theme::UI_BOLD)
                .width(Length::FillPortion(3)),
        ]
        .spacing(theme::GAP)
        .padding([4.0, theme::GAP]);
        let (first, count) = list::window(
            self.visible.len(),
            self.offset,
            self.viewport,
            theme::ROW_HEIGHT,
        );
        let mut rows = Column::with_capacity(count + 2)
            .push(iced::widget::space().height(first as f32 * theme::ROW_HEIGHT));
        for &i in &self.visible[first..first + count] {
            rows = rows.push(self.row_view(&self.reg.members[i as usize]));
        }
        let after = self.visible.len() - first - count;
        rows = rows.push(iced::widget::space().height(after as f32 * theme::ROW_HEIGHT));
        container(
            column![
                header,
                scrollable(rows)
                    .on_scroll(|v| Message::Scrolled(v.absolute_offset().y, v.bounds().height))
                    .height(Length::Fill)
            ]
            .spacing(2),
        )
        .style(theme::card)
        .height(Length::Fill)
        .into()
    }

    fn row_view<'a>(&'a self, m: &'a Member) -> Element<'a, Message> {
        let unit = self
            .reg
            .team(m.team_id)
            .and_then(|team| self.reg.unit(team.unit_id))
            .map(|u| u.title_name())
            .unwrap_or_default();
        // One line per row, never wrapped: the visible window is computed from a fixed height.
        // A text longer than its column is cut at the column's edge, never drawn over the next.
        let cell = |s: String, width: Length| {
            container(text(s).wrapping(Wrapping::None))
                .width(width)
                .clip(true)
        };
        let r = row![
            cell(m.full_name.clone(), Length::FillPortion(4)),
            cell(
                m.year_of_birth.map(|y| y.to_string()).unwrap_or_default(),
                Length::Fixed(COL_YEAR_W)
            ),
            cell(m.role.label().to_string(), Length::Fixed(COL_ROLE_W)),
            cell(
                m.phone.clone().unwrap_or_default(),
                Length::Fixed(COL_PHONE_W)
            ),
            cell(unit, Length::FillPortion(3)),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center);
        let b = button(r)
            .on_press(Message::Select(m.id))
            .style(theme::row_button)
            .padding([0.0, theme::GAP])
            .height(theme::ROW_HEIGHT);
        if self.selected == Some(m.id) {
            container(b).style(theme::selected_row).into()
        } else {
            b.into()
        }
    }

    fn detail_view(&self) -> Element<'_, Message> {
        let Some(team_id) = self.team else {
            return widget::note(t::MEMBER_NONE_SELECTED);
        };
        let mut col = Column::new().spacing(theme::GAP);
        if let Some(m) = self
            .selected
            .and_then(|id| self.reg.members.iter().find(|m| m.id == id))
        {
            col = col.push(widget::heading(&m.full_name));
            let mut facts = vec![m.role.label().to_string()];
            if let Some(y) = m.year_of_birth {
                facts.push(format!("{} {y}", t::MEMBER_YEAR));
            }
            if let Some(g) = m.gender {
                facts.push(g.label().into());
            }
            if let Some(p) = &m.phone {
                facts.push(p.clone());
            }
            if m.trained {
                facts.push(t::MEMBER_TRAINED.into());
            }
            col = col.push(text(facts.join(" · ")));
            if let Some(p) = &m.position {
                col = col.push(widget::note(p.as_str()));
            }
        }
        if let Some(team) = self.reg.team(team_id) {
            col = col.push(text(&team.name).font(theme::UI_BOLD));
            col = col.push(widget::note(self.team_label(team_id)));
            col = col.push(widget::heading(t::MEMBER_WARNINGS));
            let warnings: Vec<_> = self
                .reg
                .warnings
                .iter()
                .filter(|w| w.team_id == team_id)
                .collect();
            if warnings.is_empty() {
                col = col.push(text(t::MEMBER_NO_WARNINGS).style(theme::success_text));
            }
            for w in warnings {
                col = col.push(text(&w.message).style(theme::warning_text));
            }
            col = col.push(widget::heading(t::MEMBER_HISTORY));
            for line in &self.history {
                col = col.push(text(line).size(theme::SIZE_SMALL));
            }
        }
        col.into()
    }

    fn form_view<'a>(&'a self, f: &'a Form) -> Element<'a, Message> {
        let e = &f.errors;
        let team: Element<'a, Message> = {
            let mut col = Column::new().spacing(2);
            if let Some((_, label)) = &f.team {
                col = col.push(text(label).font(theme::UI_BOLD));
            }
            col = col.push(
                text_input(t::MEMBER_TEAM_SEARCH, &f.team_query)
                    .id(t::MEMBER_TEAM)
                    .on_input(Message::TeamQuery),
            );
            for (id, label) in &self.team_matches {
                col = col.push(
                    button(text(label).size(theme::SIZE_SMALL))
                        .on_press(Message::TeamPicked(*id))
                        .style(theme::link)
                        .padding(2),
                );
            }
            col.into()
        };
        column![
            widget::heading(t::MEMBER_NEW),
            field(t::MEMBER_NAME, &f.name, e.name.as_deref(), Message::Name),
            field(t::MEMBER_YEAR, &f.year, e.year.as_deref(), Message::Year),
            labelled(
                t::MEMBER_GENDER,
                pick_list(GENDERS, f.gender.map(GenderChoice), Message::Gender),
                None
            ),
            field(
                t::MEMBER_PHONE,
                &f.phone,
                e.phone.as_deref(),
                Message::Phone
            ),
            field(
                t::MEMBER_EMAIL,
                &f.email,
                e.email.as_deref(),
                Message::Email
            ),
            field(t::MEMBER_POSITION, &f.position, None, Message::Position),
            labelled(
                t::MEMBER_ROLE,
                pick_list(ROLES, f.role.map(RoleChoice), Message::Role),
                None
            ),
            labelled(t::MEMBER_TEAM, team, e.team.as_deref()),
            checkbox(f.trained)
                .label(t::MEMBER_TRAINED)
                .on_toggle(Message::Trained),
            row![
                button(text(t::SAVE))
                    .on_press(Message::Save)
                    .style(theme::primary),
                button(text(t::CLOSE))
                    .on_press(Message::CloseForm)
                    .style(theme::secondary),
            ]
            .spacing(theme::GAP),
        ]
        .spacing(theme::GAP)
        .into()
    }
}

fn import_view<'a>(path: &'a std::path::Path, report: &'a Problems) -> Element<'a, Message> {
    let mut col = column![
        widget::heading(t::IMPORT_PREVIEW_TITLE),
        widget::note(path.display().to_string()),
    ]
    .spacing(theme::GAP);
    if report.is_ok() {
        col = col.push(text(report.to_string().trim().to_string()));
        col = col.push(text(t::IMPORT_PREVIEW_OK).style(theme::success_text));
    } else {
        col = col.push(text(t::IMPORT_PREVIEW_BAD).style(theme::error_text));
        for p in &report.problems {
            col = col.push(text(p.to_string()).style(theme::error_text));
        }
    }
    for n in &report.notices {
        col = col.push(widget::note(n.as_str()));
    }
    col.push(
        row![
            button(text(t::IMPORT_COMMIT))
                .on_press_maybe(report.is_ok().then_some(Message::ImportCommit))
                .style(theme::primary),
            button(text(t::CLOSE))
                .on_press(Message::CloseImport)
                .style(theme::secondary),
        ]
        .spacing(theme::GAP),
    )
    .into()
}

/// The membership history of a team as lines: who, which role, from when to when.
fn history_lines(store: &crate::Store, team: i64) -> crate::Result<Vec<String>> {
    let conn = store.conn();
    let mut out = Vec::new();
    for ms in crate::store::members::history(conn, team)? {
        let name = crate::store::members::get(conn, ms.member_id)?.full_name;
        let day =
            |d: Option<chrono::NaiveDate>, none: &str| d.map(date_short).unwrap_or(none.into());
        out.push(t::history_line(
            &name,
            ms.role.label(),
            &day(ms.joined_on, t::HISTORY_UNKNOWN),
            &day(ms.left_on, t::HISTORY_NOW),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::dialogs::Scripted;
    use crate::model::Problems;

    fn state() -> (tempfile::TempDir, State) {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = crate::Store::open_dir(dir.path()).expect("db");
        crate::sample::generate(&mut store, crate::sample::Scale::Commune, 2).expect("sample");
        let reg = Arc::new(Registry::load(&store).expect("load"));
        let s = State::new(dir.path().into(), Arc::new(Scripted::default()), reg);
        (dir, s)
    }

    #[test]
    fn search_filters_in_name_order() {
        let (_d, mut s) = state();
        let all = s.visible.len();
        assert_eq!(all, s.reg.members.len());
        let first = s.reg.members[0].full_name.clone();
        let given = first
            .split(' ')
            .next_back()
            .expect("given name")
            .to_string();
        assert!(s.update(Message::Search(search_key(&given))).is_none());
        assert!(s.visible.len() < all);
        assert!(
            s.listed()
                .all(|m| search_key(&m.full_name).contains(&search_key(&given)))
        );
        s.update(Message::Search(String::new()));
        assert_eq!(s.visible.len(), all);
    }

    #[test]
    fn form_validates_then_saves_and_reloads() {
        let (_d, mut s) = state();
        assert!(s.update(Message::New).is_none());
        assert!(s.update(Message::Save).is_none(), "invalid: nothing runs");
        let errors = &s.form.as_ref().expect("form").errors;
        assert!(errors.name.is_some() && errors.team.is_some());
        s.update(Message::Name("Lò Văn Páo".into()));
        s.update(Message::TeamQuery("thon".into()));
        let (team, _) = s.team_matches[0].clone();
        s.update(Message::TeamPicked(team));
        assert!(s.team_matches.is_empty());
        assert!(matches!(s.update(Message::Save), Action::Run(_)));
        let member = Member {
            id: 999,
            full_name: "Lò Văn Páo".into(),
            year_of_birth: None,
            gender: None,
            phone: None,
            email: None,
            position: None,
            trained: false,
            team_id: team,
            role: Role::Member,
            joined_on: None,
            left_on: None,
        };
        let a = s.update(Message::Saved(Ok(Box::new(member))));
        assert!(matches!(a, Action::Reload(Notice::Success(m)) if m.contains("Lò Văn Páo")));
        assert!(s.form.is_none());
        assert_eq!(s.selected, Some(999));
    }

    #[test]
    fn refused_import_shows_problems_and_cannot_commit() {
        let (_d, mut s) = state();
        let mut report = Problems::new("to.xlsx");
        report.problem(Some(7), Some("Số điện thoại"), Some("12"), "không hợp lệ");
        let a = s.update(Message::ImportChecked(
            "to.xlsx".into(),
            Err(crate::Error::Refused(Arc::new(report))),
        ));
        assert!(a.is_none());
        let (_, r) = s.import.as_ref().expect("preview");
        assert_eq!(r.problems.len(), 1);
        assert!(
            s.update(Message::ImportCommit).is_none(),
            "nothing is written"
        );
        assert!(s.shortcut(Shortcut::Close).is_none());
        assert!(s.import.is_none());
        // A clean check can be committed, as a long job.
        s.update(Message::ImportChecked(
            "ok.xlsx".into(),
            Ok(Problems::new("ok.xlsx")),
        ));
        assert!(matches!(
            s.update(Message::ImportCommit),
            Action::Job { .. }
        ));
    }

    #[test]
    fn selecting_a_member_loads_the_team_history() {
        let (_d, mut s) = state();
        let m = s.reg.members[0].clone();
        assert!(matches!(s.update(Message::Select(m.id)), Action::Run(_)));
        assert_eq!(s.team, Some(m.team_id));
        let lines = history_lines(&crate::Store::open_dir(&s.data_dir).expect("db"), m.team_id)
            .expect("history");
        assert!(
            lines.iter().any(|l| l.starts_with(&m.full_name)),
            "{lines:?}"
        );
        s.update(Message::HistoryLoaded(m.team_id, Ok(lines.clone())));
        assert_eq!(s.history, lines);
    }
}
