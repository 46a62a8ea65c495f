//! The views of Tổ và thành viên: the toolbar, the windowed member list, the side panel (the
//! selected member's team, the form, or the import preview).

use iced::widget::text::Wrapping;
use iced::widget::{
    Column, button, checkbox, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Alignment, Element, Length};

use super::form::Form;
use super::{GENDERS, GenderChoice, Message, ROLES, RoleChoice, SEARCH_ID, State, Tab, list};
use crate::app::context::Context;
use crate::app::widget::form::{field, labelled};
use crate::app::widget::import_flow::{self, Kind};
use crate::app::{text as t, theme, widget};
use crate::model::Member;
use crate::ops::registry::Registry;

/// Fixed column widths of the member list.
const COL_YEAR_W: f32 = 76.0;
/// «Ngày rời» in place of the year of birth when members who left are listed.
const COL_LEFT_W: f32 = 96.0;
const COL_ROLE_W: f32 = 96.0;
const COL_PHONE_W: f32 = 115.0;
const COL_CHECK_W: f32 = 24.0;
/// Below this width of the list and panel together, the narrow layout.
const NARROW_BELOW: f32 = 900.0;
/// The panel's width in the narrow layout.
const PANEL_NARROW: f32 = 320.0;

/// The name and team columns share what is left; a narrow list gives the name more.
fn name_team_widths(narrow: bool) -> (Length, Length) {
    if narrow {
        (Length::FillPortion(5), Length::FillPortion(2))
    } else {
        (Length::FillPortion(4), Length::FillPortion(3))
    }
}

impl State {
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let reg = &ctx.registry;
        let tab = |label: &'a str, tab: Tab| {
            button(text(label))
                .on_press(Message::Tab(tab))
                .style(theme::choice(self.tab == tab))
        };
        let tabs = row![
            widget::title(t::NAV_MEMBERS),
            iced::widget::space().width(Length::Fixed(theme::PAD)),
            tab(super::teams::TAB_MEMBERS, Tab::Members),
            tab(super::teams::TAB_TEAMS, Tab::Teams),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center);
        if self.tab == Tab::Teams {
            return column![tabs, self.teams.view(reg).map(Message::Teams)]
                .spacing(theme::GAP)
                .padding(theme::PAD)
                .into();
        }
        let toolbar = row![
            text_input(t::MEMBERS_SEARCH, &self.query)
                .id(SEARCH_ID)
                .on_input(Message::Search)
                .width(Length::Fill),
            button(text(t::MEMBER_NEW))
                .on_press(Message::New)
                .style(theme::primary),
            button(text(t::MEMBER_IMPORT))
                .on_press(Message::Import(import_flow::Message::Pick))
                .style(theme::secondary),
            button(text(t::MEMBER_EXPORT))
                .on_press(Message::Export)
                .style(theme::secondary),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center);
        // On a narrow window (1024 wide) the panel keeps a fixed width and the list drops the
        // year of birth, so names stay readable.
        let body = iced::widget::responsive(move |size| self.body(reg, size.width < NARROW_BELOW));
        let filters = self
            .filters
            .view(reg, &self.teams.communes)
            .map(Message::Filter);
        let screen: Element<'a, Message> = column![tabs, toolbar, filters, body]
            .spacing(theme::GAP)
            .padding(theme::PAD)
            .into();
        let screen = match self.menu {
            Some(m) => super::menu::over(
                screen,
                m.at,
                super::menu::items(self.ticked_with(m.member)),
                Message::MenuPick,
                Message::MenuClose,
            ),
            None => screen,
        };
        super::menu::Area::new(screen, Message::RightAt)
            .outside(self.menu.is_some().then_some(Message::MenuClose))
            .into()
    }

    fn body<'a>(&'a self, reg: &'a Registry, narrow: bool) -> Element<'a, Message> {
        let count: Element<'a, Message> = if self.checked.is_empty() {
            let all = self.source(reg).len();
            match &self.as_of {
                // A past date's list says so in colour: it is not today's.
                Some(a) => text(format!(
                    "{} {}",
                    t::member_count(self.visible.len(), all),
                    super::as_of::note(a.date)
                ))
                .size(theme::SIZE_SMALL)
                .style(theme::warning_text)
                .into(),
                None => widget::note(super::filters::count(
                    &t::member_count(self.visible.len(), all),
                    self.filters.standing,
                )),
            }
        } else {
            // Several members ticked: one departure or one move for all of them.
            row![
                text(format!("Đã chọn {} thành viên:", self.checked.len())),
                button(text(super::actions::ACTION_LEAVE).size(theme::SIZE_SMALL))
                    .on_press(Message::OpenBulk(super::actions::Kind::Leave))
                    .style(theme::secondary),
                button(text(super::actions::ACTION_MOVE).size(theme::SIZE_SMALL))
                    .on_press(Message::OpenBulk(super::actions::Kind::Move))
                    .style(theme::secondary),
            ]
            .spacing(theme::GAP)
            .align_y(Alignment::Center)
            .into()
        };
        let count = row![
            count,
            iced::widget::space().width(Length::Fill),
            self.as_of_view()
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center);
        let panel: Element<'a, Message> = if let Some(action) = &self.action {
            super::actions::view(action, &self.action_teams).map(Message::Act)
        } else if let Some(form) = &self.form {
            self.form_view(form)
        } else if let Some(preview) = self.import.view(Kind::Roster) {
            preview.map(Message::Import)
        } else {
            self.detail_view(reg)
        };
        row![
            column![count, self.list_view(reg, narrow)]
                .spacing(4)
                .width(Length::FillPortion(7)),
            container(widget::vscroll(panel))
                .padding(theme::PAD)
                .style(theme::card)
                .width(if narrow {
                    Length::Fixed(PANEL_NARROW)
                } else {
                    Length::FillPortion(4)
                })
                .height(Length::Fill),
        ]
        .spacing(theme::GAP)
        .height(Length::Fill)
        .into()
    }

    /// «Xem theo ngày»: the date field, «Xem», and «Hôm nay» while a past date is shown.
    fn as_of_view<'a>(&'a self) -> Element<'a, Message> {
        use super::as_of;
        let mut r = row![
            text(as_of::LABEL).size(theme::SIZE_SMALL),
            text_input(as_of::HINT, &self.as_of_text)
                .id(as_of::LABEL)
                .on_input(Message::AsOfText)
                .on_submit(Message::AsOfShow)
                .size(theme::SIZE_SMALL)
                .width(124),
            button(text(as_of::SHOW).size(theme::SIZE_SMALL))
                .on_press(Message::AsOfShow)
                .style(theme::secondary),
        ]
        .spacing(6)
        .align_y(Alignment::Center);
        if self.as_of.is_some() {
            r = r.push(
                button(text(as_of::TODAY).size(theme::SIZE_SMALL))
                    .on_press(Message::AsOfClear)
                    .style(theme::secondary),
            );
        }
        if let Some(e) = &self.as_of_error {
            r = r.push(
                text(e.as_str())
                    .size(theme::SIZE_SMALL)
                    .style(theme::error_text),
            );
        }
        r.into()
    }

    /// The windowed list: a header, a top spacer, the visible rows, a bottom spacer.
    pub fn list_view<'a>(&'a self, reg: &'a Registry, narrow: bool) -> Element<'a, Message> {
        let (name_w, team_w) = name_team_widths(narrow);
        let year: Element<'a, Message> = match self.year_column(narrow) {
            (_, 0.0) => iced::widget::space().width(0).into(),
            (label, w) => text(label).font(theme::UI_BOLD).width(w).into(),
        };
        let header = row![
            iced::widget::space().width(COL_CHECK_W),
            text(t::COL_NAME).font(theme::UI_BOLD).width(name_w),
            year,
            text(t::COL_ROLE).font(theme::UI_BOLD).width(COL_ROLE_W),
            text(t::COL_PHONE).font(theme::UI_BOLD).width(COL_PHONE_W),
            text(t::COL_TEAM).font(theme::UI_BOLD).width(team_w),
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
            rows = rows.push(self.row_view(reg, &self.source(reg)[i as usize], narrow));
        }
        let after = self.visible.len() - first - count;
        rows = rows.push(iced::widget::space().height(after as f32 * theme::ROW_HEIGHT));
        container(
            column![
                header,
                scrollable(rows)
                    .direction(scrollable::Direction::Vertical(
                        scrollable::Scrollbar::new().spacing(2)
                    ))
                    .on_scroll(|v| Message::Scrolled(v.absolute_offset().y, v.bounds().height))
                    .height(Length::Fill)
            ]
            .spacing(2),
        )
        .style(theme::card)
        .height(Length::Fill)
        .into()
    }

    /// The third column: the year of birth (dropped on a narrow window), or the date of leaving
    /// when members who left are listed.
    fn year_column(&self, narrow: bool) -> (&'static str, f32) {
        match (self.filters.standing, narrow) {
            (crate::ops::member_filter::Standing::Current, true) => (t::COL_YEAR, 0.0),
            (crate::ops::member_filter::Standing::Current, false) => (t::COL_YEAR, COL_YEAR_W),
            _ => (super::filters::COL_LEFT, COL_LEFT_W),
        }
    }

    fn row_view<'a>(
        &'a self,
        reg: &'a Registry,
        m: &'a Member,
        narrow: bool,
    ) -> Element<'a, Message> {
        let (name_w, team_w) = name_team_widths(narrow);
        let unit = reg
            .team(m.team_id)
            .and_then(|team| reg.unit(team.unit_id))
            .map(|u| u.title_name())
            .unwrap_or_default();
        // One line per row, never wrapped: the visible window is computed from a fixed height.
        // A text longer than its column is cut at the column's edge, never drawn over the next.
        let cell = |s: String, width: Length| {
            container(text(s).wrapping(Wrapping::None))
                .width(width)
                .clip(true)
        };
        let (label, year_w) = self.year_column(narrow);
        // With who left listed, the date they left stands where the year of birth stood.
        let year = if label == super::filters::COL_LEFT {
            m.left_on.map(crate::vietnamese::date_short)
        } else {
            m.year_of_birth.map(|y| y.to_string())
        };
        let r = row![
            cell(m.full_name.clone(), name_w),
            cell(year.unwrap_or_default(), Length::Fixed(year_w)),
            cell(m.role.label().to_string(), Length::Fixed(COL_ROLE_W)),
            cell(
                m.phone.clone().unwrap_or_default(),
                Length::Fixed(COL_PHONE_W)
            ),
            cell(unit, team_w),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center);
        let id = m.id;
        // Who left has no bulk departure or move: no tick.
        let tick: Element<'a, Message> = if m.left_on.is_some() {
            iced::widget::space().width(COL_CHECK_W).into()
        } else {
            container(
                checkbox(self.checked.contains(&id)).on_toggle(move |on| Message::Check(id, on)),
            )
            .width(COL_CHECK_W)
            .into()
        };
        let b = button(r)
            .on_press(Message::Select(m.id))
            .style(theme::row_button)
            .padding([0.0, theme::GAP])
            .height(theme::ROW_HEIGHT)
            .width(Length::Fill);
        let b = iced::widget::mouse_area(b).on_right_press(Message::RowMenu(id));
        let line = row![tick, b].align_y(Alignment::Center);
        let marked = self.selected == Some(m.id) || self.menu.is_some_and(|x| x.member == m.id);
        if marked {
            container(line).style(theme::selected_row).into()
        } else {
            line.into()
        }
    }

    fn detail_view<'a>(&'a self, reg: &'a Registry) -> Element<'a, Message> {
        let Some(team_id) = self.team else {
            return widget::note(t::MEMBER_NONE_SELECTED);
        };
        let mut col = Column::new().spacing(theme::GAP);
        if let Some(m) = self.selected.and_then(|id| reg.member(id)) {
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
            col = col.push(super::actions::buttons(
                false,
                Message::Open,
                Message::Edit,
                Message::Delete,
                Message::Restore(m.id),
            ));
            if !self.member_history.is_empty() {
                col = col.push(widget::heading(super::actions::ACTION_HISTORY));
                for line in &self.member_history {
                    col = col.push(text(line).size(theme::SIZE_SMALL));
                }
            }
        }
        if let Some(team) = reg.team(team_id) {
            col = col.push(text(&team.name).font(theme::UI_BOLD));
            col = col.push(widget::note(reg.team_label(team_id)));
            if self.filters.team != Some(team_id) {
                col = col.push(
                    button(text(super::filters::ONLY_TEAM).size(theme::SIZE_SMALL))
                        .on_press(Message::Filter(super::filters::Msg::Team(team_id)))
                        .style(theme::secondary),
                );
            }
            col = col.push(widget::heading(t::MEMBER_WARNINGS));
            let warnings: Vec<_> = reg.warnings_of(team_id).collect();
            if warnings.is_empty() {
                col = col.push(text(t::MEMBER_NO_WARNINGS).style(theme::success_text));
            }
            for w in warnings {
                col = col.push(text(&w.message).style(theme::warning_text));
            }
            // Departures that can be undone come before the long history, in sight.
            for (id, name) in &self.restorable {
                col = col.push(
                    row![
                        text(name.as_str()).size(theme::SIZE_SMALL),
                        super::actions::buttons(
                            true,
                            Message::Open,
                            Message::Edit,
                            Message::Delete,
                            Message::Restore(*id)
                        ),
                    ]
                    .spacing(theme::GAP)
                    .align_y(Alignment::Center),
                );
            }
            col = col.push(widget::heading(t::MEMBER_HISTORY));
            // The dated events (with reasons, renames and decisions) once loaded.
            let lines = if self.team_events.is_empty() {
                &self.history
            } else {
                &self.team_events
            };
            for line in lines {
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
            // Save and close first: the form is taller than a 768-pixel screen's panel.
            row![
                widget::heading(if self.editing.is_some() {
                    super::actions::ACTION_EDIT
                } else {
                    t::MEMBER_NEW
                }),
                iced::widget::space().width(Length::Fill),
                button(text(t::SAVE))
                    .on_press(Message::Save)
                    .style(theme::primary),
                button(text(t::CLOSE))
                    .on_press(Message::CloseForm)
                    .style(theme::secondary),
            ]
            .spacing(theme::GAP)
            .align_y(Alignment::Center),
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
            // Role and team change by dated actions (Đổi vai trò, Chuyển Tổ), not by an edit.
            if self.editing.is_some() {
                Element::from(iced::widget::space().height(0))
            } else {
                column![
                    labelled(
                        t::MEMBER_ROLE,
                        pick_list(ROLES, f.role.map(RoleChoice), Message::Role),
                        None
                    ),
                    labelled(t::MEMBER_TEAM, team, e.team.as_deref()),
                    field(
                        super::form::JOINED,
                        &f.joined,
                        e.joined.as_deref(),
                        Message::Joined
                    ),
                ]
                .spacing(theme::GAP)
                .into()
            },
            checkbox(f.trained)
                .label(t::MEMBER_TRAINED)
                .on_toggle(Message::Trained),
        ]
        .spacing(theme::GAP)
        .into()
    }
}
