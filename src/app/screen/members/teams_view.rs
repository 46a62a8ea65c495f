//! The views of Danh sách Tổ: the filters, the sortable windowed team list, the selected team's
//! panel (decisions, warnings, dated history, actions) and the team forms.

use iced::widget::text::Wrapping;
use iced::widget::{
    Column, button, checkbox, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Alignment, Element, Length};

use super::teams::*;
use crate::app::widget::form::{field, labelled};
use crate::app::{text as t, theme, widget};
use crate::model::TeamKind;
use crate::ops::registry::Registry;

const COL_KIND_W: f32 = 128.0;
const COL_SIZE_W: f32 = 52.0;
const COL_DECISION_W: f32 = 168.0;

impl State {
    pub fn view<'a>(&'a self, reg: &'a Registry) -> Element<'a, Msg> {
        let commune = self
            .communes
            .iter()
            .find(|c| Some(c.id) == self.commune)
            .or(self.communes.first())
            .cloned();
        let filters = column![
            row![
                text_input(SEARCH, &self.query)
                    .id(SEARCH)
                    .on_input(Msg::Query)
                    .width(Length::Fill),
                button(text(NEW)).on_press(Msg::New).style(theme::primary),
            ]
            .spacing(theme::GAP)
            .align_y(Alignment::Center),
            row![
                pick_list(self.communes.as_slice(), commune, Msg::Commune)
                    .width(Length::FillPortion(3)),
                pick_list(KIND_FILTERS, Some(self.kind), Msg::Kind).width(Length::FillPortion(3)),
                pick_list(DECISION_FILTERS, Some(self.decision), Msg::Decision)
                    .width(Length::FillPortion(3)),
            ]
            .spacing(theme::GAP),
            row![
                checkbox(self.broken)
                    .label(BROKEN_ONLY)
                    .on_toggle(Msg::Broken),
                iced::widget::space().width(Length::Fill),
                widget::note(team_count(self.rows.len(), reg.teams.len())),
            ]
            .align_y(Alignment::Center),
        ]
        .spacing(6);
        let panel: Element<'a, Msg> = match &self.form {
            Some(f) => self.form_view(reg, f),
            None => self.panel_view(reg),
        };
        let tab: Element<'a, Msg> = row![
            column![filters, self.list_view(reg)]
                .spacing(6)
                .width(Length::FillPortion(7)),
            container(widget::vscroll(panel))
                .padding(theme::PAD)
                .style(theme::card)
                .width(Length::FillPortion(4))
                .height(Length::Fill),
        ]
        .spacing(theme::GAP)
        .height(Length::Fill)
        .into();
        // A right-click on a row opens the team's actions where the pointer is.
        let tab = match self.menu {
            Some((_, at)) => {
                super::menu::over(tab, at, menu_items(), Msg::MenuPick, Msg::MenuClose)
            }
            None => tab,
        };
        super::menu::Area::new(tab, Msg::RightAt)
            .outside(self.menu.is_some().then_some(Msg::MenuClose))
            .into()
    }

    fn header<'a>(&self, label: &'a str, col: Col, width: Length) -> Element<'a, Msg> {
        let mark = match self.sort {
            (c, false) if c == col => " ▲",
            (c, true) if c == col => " ▼",
            _ => "",
        };
        button(text(format!("{label}{mark}")).font(theme::UI_BOLD))
            .on_press(Msg::Sort(col))
            .style(theme::row_button)
            .padding(0)
            .width(width)
            .into()
    }

    fn list_view<'a>(&'a self, reg: &'a Registry) -> Element<'a, Msg> {
        let header = row![
            self.header(COL_UNIT, Col::Unit, Length::FillPortion(3)),
            self.header(COL_TEAM, Col::Name, Length::FillPortion(4)),
            self.header(COL_KIND, Col::Kind, Length::Fixed(COL_KIND_W)),
            self.header(COL_SIZE, Col::Size, Length::Fixed(COL_SIZE_W)),
            self.header(COL_DECISION, Col::Decision, Length::Fixed(COL_DECISION_W)),
        ]
        .spacing(theme::GAP)
        .padding([4.0, theme::GAP]);
        let (first, count) = self.window();
        let mut rows = Column::with_capacity(count + 2)
            .push(iced::widget::space().height(first as f32 * theme::ROW_HEIGHT));
        for &i in &self.rows[first..first + count] {
            rows = rows.push(self.row_view(reg, i));
        }
        let after = self.rows.len() - first - count;
        rows = rows.push(iced::widget::space().height(after as f32 * theme::ROW_HEIGHT));
        container(
            column![
                header,
                scrollable(rows)
                    .on_scroll(|v| Msg::Scrolled(v.absolute_offset().y, v.bounds().height))
                    .height(Length::Fill)
            ]
            .spacing(2),
        )
        .style(theme::card)
        .height(Length::Fill)
        .into()
    }

    fn row_view<'a>(&'a self, reg: &'a Registry, i: usize) -> Element<'a, Msg> {
        let team = &reg.teams[i];
        let cell = |s: String, width: Length| {
            container(text(s).wrapping(Wrapping::None))
                .width(width)
                .clip(true)
        };
        let broken = reg.warnings_of(team.id).next().is_some();
        let size = container(
            text(reg.team_sizes[i].to_string())
                .wrapping(Wrapping::None)
                .style(if broken {
                    theme::warning_text
                } else {
                    |_: &iced::Theme| text::Style::default()
                }),
        )
        .width(COL_SIZE_W);
        let r = row![
            // The unit alone: the commune is the filter above.
            cell(
                reg.unit(team.unit_id)
                    .map(|u| u.title_name())
                    .unwrap_or_default(),
                Length::FillPortion(3)
            ),
            // The programme's long name, shortened as clerks write it, so the part that tells
            // the teams apart (the village) shows in the cell.
            cell(
                team.name
                    .replace("Tổ Công nghệ số cộng đồng", "Tổ CNSCĐ")
                    .replace("và Đề án 06", "và ĐA06"),
                Length::FillPortion(4)
            ),
            cell(
                match reg.team_kinds[i] {
                    TeamKind::Cnscd => "CNSCĐ",
                    TeamKind::CnscdDeAn06 => "CNSCĐ và ĐA06",
                }
                .to_string(),
                Length::Fixed(COL_KIND_W)
            ),
            size,
            cell(State::decision_cell(reg, i), Length::Fixed(COL_DECISION_W)),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center);
        let b = button(r)
            .on_press(Msg::Select(team.id))
            .style(theme::row_button)
            .padding([0.0, theme::GAP])
            .height(theme::ROW_HEIGHT)
            .width(Length::Fill);
        let b = iced::widget::mouse_area(b).on_right_press(Msg::RowMenu(team.id));
        if self.selected == Some(team.id) || self.menu.is_some_and(|(t, _)| t == team.id) {
            container(b).style(theme::selected_row).into()
        } else {
            b.into()
        }
    }

    fn panel_view<'a>(&'a self, reg: &'a Registry) -> Element<'a, Msg> {
        let Some(team) = self.selected.and_then(|id| reg.team(id)) else {
            return widget::note(NONE_SELECTED);
        };
        let mut col = Column::new()
            .spacing(theme::GAP)
            .push(widget::heading(&team.name))
            .push(widget::note(reg.team_label(team.id)))
            .push(text(format!(
                "{} · {} thành viên",
                reg.team_kind(team.id).label(),
                reg.team_members(team.id).len()
            )));
        if let Some(z) = &team.zalo_link {
            col = col.push(text(format!("Zalo: {z}")).size(theme::SIZE_SMALL));
        }
        let b = |label: &'a str, m: Msg| {
            button(text(label).size(theme::SIZE_SMALL))
                .on_press(m)
                .style(theme::secondary)
        };
        col = col.push(
            column![
                row![
                    b(EDIT, Msg::Edit),
                    b(RECORD, Msg::Record),
                    b(SHOW_MEMBERS, Msg::ShowMembers(team.id)),
                ]
                .spacing(4),
                row![b(MERGE, Msg::Merge)].spacing(4),
            ]
            .spacing(4),
        );
        col = col.push(widget::heading(t::MEMBER_WARNINGS));
        let warnings: Vec<_> = reg.warnings_of(team.id).collect();
        if warnings.is_empty() {
            col = col.push(text(t::MEMBER_NO_WARNINGS).style(theme::success_text));
        }
        for w in warnings {
            col = col.push(text(&w.message).style(theme::warning_text));
        }
        col = col.push(widget::heading(DECISIONS));
        if self.decisions.is_empty() {
            // A number read from a roster or the sample, without the decision's details.
            col = col.push(widget::note(match &team.decision_ref {
                Some(n) => decision_from_list(n, team.decision_date),
                None => NO_DECISION.to_string(),
            }));
        }
        for d in &self.decisions {
            col = col.push(text(decision_line(d)).size(theme::SIZE_SMALL));
        }
        col = col.push(widget::heading(HISTORY));
        for line in &self.events {
            col = col.push(text(line).size(theme::SIZE_SMALL));
        }
        col.into()
    }

    fn picker<'a>(
        &'a self,
        label: &'static str,
        hint: &'a str,
        query: &'a str,
        chosen: &'a Option<(i64, String)>,
    ) -> Element<'a, Msg> {
        let mut col = Column::new().spacing(2);
        if let Some((_, name)) = chosen {
            col = col.push(text(name).font(theme::UI_BOLD));
        }
        col = col.push(text_input(hint, query).id(label).on_input(Msg::PickQuery));
        for (id, name) in &self.picks {
            col = col.push(
                button(text(name).size(theme::SIZE_SMALL))
                    .on_press(Msg::Picked(*id))
                    .style(theme::link)
                    .padding(2),
            );
        }
        labelled(label, col, None)
    }

    fn form_view<'a>(&'a self, reg: &'a Registry, f: &'a Form) -> Element<'a, Msg> {
        let (title, error) = match f {
            Form::Create { error, .. } => (NEW, error),
            Form::Edit { error, .. } => (EDIT, error),
            Form::Merge { error, .. } => (MERGE, error),
            Form::Decision { error, .. } => (RECORD, error),
        };
        let mut col = Column::new().spacing(theme::GAP).push(
            row![
                widget::heading(title),
                iced::widget::space().width(Length::Fill),
                button(text(t::SAVE))
                    .on_press(Msg::Submit)
                    .style(theme::primary),
                button(text(t::CLOSE))
                    .on_press(Msg::Cancel)
                    .style(theme::secondary),
            ]
            .spacing(theme::GAP)
            .align_y(Alignment::Center),
        );
        let kinds = |k: TeamKind| {
            labelled(
                F_KIND,
                pick_list(TeamKind::ALL, Some(k), Msg::FormKind),
                None,
            )
        };
        match f {
            Form::Create {
                query,
                unit,
                kind,
                name,
                ..
            } => {
                col = col
                    .push(self.picker(F_UNIT, F_UNIT_SEARCH, query, unit))
                    .push(kinds(*kind))
                    .push(labelled(
                        F_NAME,
                        text_input(F_NAME_HINT, name).id(F_NAME).on_input(Msg::Name),
                        None,
                    ));
            }
            Form::Edit {
                id,
                name,
                kind,
                zalo,
                date,
                ..
            } => {
                col = col
                    .push(widget::note(reg.team_label(*id)))
                    .push(field(F_NAME, name, None, Msg::Name))
                    .push(kinds(*kind))
                    .push(field(F_ZALO, zalo, None, Msg::Zalo))
                    .push(field(F_DATE, date, None, Msg::Date));
            }
            Form::Merge {
                id,
                query,
                into,
                date,
                ..
            } => {
                col = col
                    .push(text(reg.team_label(*id)).font(theme::UI_BOLD))
                    .push(self.picker(F_SURVIVOR, F_SURVIVOR_SEARCH, query, into))
                    .push(field(F_DATE, date, None, Msg::Date));
            }
            Form::Decision {
                id,
                commune,
                whole,
                number,
                date,
                signer,
                summary,
                consolidates,
                ..
            } => {
                col = col.push(text(reg.team_label(*id)).font(theme::UI_BOLD));
                if let Some((_, name)) = commune {
                    col = col.push(
                        checkbox(*whole)
                            .label(whole_commune(name))
                            .on_toggle(Msg::Whole),
                    );
                }
                col = col
                    .push(field(F_NUMBER, number, None, Msg::Number))
                    .push(field(F_ISSUED, date, None, Msg::Date))
                    .push(field(F_SIGNER, signer, None, Msg::Signer))
                    .push(field(F_SUMMARY, summary, None, Msg::Summary))
                    .push(
                        checkbox(*consolidates)
                            .label(F_CONSOLIDATES)
                            .on_toggle(Msg::Consolidates),
                    );
            }
        }
        if let Some(e) = error {
            col = col.push(text(e).style(theme::error_text).width(Length::Fill));
        }
        col.into()
    }
}
