//! The member list's filters: role in the Tổ, training, standing (members who left are listed
//! only when asked: «Đã rời Tổ», «Cả người đã rời Tổ»), commune and one team. They combine with
//! the search and make the `ops::member_filter::MemberFilter` that `list members --role
//! --trained --left --all --team` applies too; the row above the list shows them.

use std::collections::BTreeSet;

use iced::widget::{button, pick_list, row, text};
use iced::{Alignment, Element, Length};

use super::{Message, State, as_of, list};
use crate::app::context::Context;
use crate::app::screen::{Action, Notice};
use crate::app::theme;
use crate::model::{Member, Role};
use crate::ops::member_filter::{self, MemberFilter, Standing};
use crate::ops::registry::{Registry, UnitChoice};

/// The words of the filters.
pub const CLEAR: &str = "Bỏ lọc";
pub const CLEAR_TEAM: &str = "Bỏ lọc Tổ";
pub const ONLY_TEAM: &str = "Chỉ hiện thành viên Tổ này";
/// The column of the date of leaving.
pub const COL_LEFT: &str = "Ngày rời";

/// «Tổ: Thôn Nam Yên – Xã Hòa Bắc».
pub fn team_chip(label: &str) -> String {
    format!("Tổ: {label}")
}

/// The count above the list, saying which standing it counts.
pub fn count(members: &str, standing: Standing) -> String {
    match standing {
        Standing::Current => members.to_string(),
        Standing::Left => format!("{members} đã rời Tổ"),
        Standing::All => format!("{members}, gồm cả người đã rời Tổ"),
    }
}

/// A filter on the role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RoleFilter {
    #[default]
    All,
    Only(Role),
}

impl std::fmt::Display for RoleFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RoleFilter::All => f.write_str("Mọi chức vụ"),
            RoleFilter::Only(r) => f.write_str(r.label()),
        }
    }
}

/// The role filters, as the pick list shows them.
pub const ROLE_FILTERS: [RoleFilter; 4] = [
    RoleFilter::All,
    RoleFilter::Only(Role::Leader),
    RoleFilter::Only(Role::Deputy),
    RoleFilter::Only(Role::Member),
];

/// A filter on training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrainedFilter {
    #[default]
    All,
    Yes,
    No,
}

impl std::fmt::Display for TrainedFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TrainedFilter::All => "Tập huấn: tất cả",
            TrainedFilter::Yes => "Đã tập huấn",
            TrainedFilter::No => "Chưa tập huấn",
        })
    }
}

/// The training filters, as the pick list shows them.
pub const TRAINED_FILTERS: [TrainedFilter; 3] =
    [TrainedFilter::All, TrainedFilter::Yes, TrainedFilter::No];

/// A standing in the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StandingChoice(pub Standing);

impl std::fmt::Display for StandingChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Standing::Current => "Đang trong Tổ",
            Standing::Left => "Đã rời Tổ",
            Standing::All => "Cả người đã rời Tổ",
        })
    }
}

/// The standings, as the pick list shows them.
pub const STANDINGS: [StandingChoice; 3] = [
    StandingChoice(Standing::Current),
    StandingChoice(Standing::Left),
    StandingChoice(Standing::All),
];

/// What the clerk chose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub role: RoleFilter,
    pub trained: TrainedFilter,
    pub standing: Standing,
    /// Only the teams of this commune.
    pub commune: Option<i64>,
    /// Only this team.
    pub team: Option<i64>,
}

/// A change of a filter.
#[derive(Debug, Clone)]
pub enum Msg {
    Role(RoleFilter),
    Trained(TrainedFilter),
    Standing(StandingChoice),
    Commune(UnitChoice),
    /// Only the members of this team.
    Team(i64),
    ClearTeam,
    /// Every filter back to «all».
    Clear,
}

impl Filters {
    /// The filter for the operation: one team, or the teams of the commune.
    pub fn to_filter(&self, reg: &Registry) -> MemberFilter {
        let teams = match (self.team, self.commune) {
            (Some(t), _) => Some(BTreeSet::from([t])),
            (None, Some(c)) => Some(
                reg.teams
                    .iter()
                    .filter(|t| reg.commune_of(t.unit_id).is_some_and(|u| u.id == c))
                    .map(|t| t.id)
                    .collect(),
            ),
            (None, None) => None,
        };
        MemberFilter {
            role: match self.role {
                RoleFilter::All => None,
                RoleFilter::Only(r) => Some(r),
            },
            trained: match self.trained {
                TrainedFilter::All => None,
                TrainedFilter::Yes => Some(true),
                TrainedFilter::No => Some(false),
            },
            teams,
        }
    }

    /// Whether any filter narrows the list.
    pub fn is_set(&self) -> bool {
        *self != Filters::default()
    }

    /// Applies `msg`; the standing it asks for when that changed.
    pub fn update(&mut self, msg: Msg) -> Option<Standing> {
        let before = self.standing;
        match msg {
            Msg::Role(r) => self.role = r,
            Msg::Trained(t) => self.trained = t,
            Msg::Standing(s) => self.standing = s.0,
            Msg::Commune(c) => self.commune = (c.id != 0).then_some(c.id),
            Msg::Team(t) => self.team = Some(t),
            Msg::ClearTeam => self.team = None,
            Msg::Clear => *self = Filters::default(),
        }
        (self.standing != before).then_some(self.standing)
    }

    /// The row of filters; `communes` has «Tất cả các xã» first.
    pub fn view<'a>(&'a self, reg: &'a Registry, communes: &'a [UnitChoice]) -> Element<'a, Msg> {
        let commune = communes
            .iter()
            .find(|c| Some(c.id) == self.commune)
            .or(communes.first())
            .cloned();
        let small = |s: &'a str| text(s).size(theme::SIZE_SMALL);
        let mut r = row![
            pick_list(ROLE_FILTERS, Some(self.role), Msg::Role).text_size(theme::SIZE_SMALL),
            pick_list(TRAINED_FILTERS, Some(self.trained), Msg::Trained)
                .text_size(theme::SIZE_SMALL),
            pick_list(
                STANDINGS,
                Some(StandingChoice(self.standing)),
                Msg::Standing
            )
            .text_size(theme::SIZE_SMALL),
            pick_list(communes, commune, Msg::Commune)
                .text_size(theme::SIZE_SMALL)
                .width(Length::Fixed(220.0)),
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center);
        if let Some(team) = self.team {
            r = r.push(
                text(team_chip(reg.team_label(team)))
                    .size(theme::SIZE_SMALL)
                    .font(theme::UI_BOLD),
            );
            r = r.push(
                button(small(CLEAR_TEAM))
                    .on_press(Msg::ClearTeam)
                    .style(theme::secondary),
            );
        }
        if self.is_set() {
            r = r.push(
                button(small(CLEAR))
                    .on_press(Msg::Clear)
                    .style(theme::secondary),
            );
        }
        // On a narrow window the team's name goes to a second line rather than off the edge.
        r.wrap().vertical_spacing(4).into()
    }
}

impl State {
    /// The rows the search finds (among `within`, the rows a shorter query found) that the
    /// filters keep.
    pub(super) fn relist(&mut self, reg: &Registry, within: Option<Vec<u32>>) {
        let mut rows = list::filter(self.index(reg), &self.query, within.as_deref());
        let filter = self.filters.to_filter(reg);
        if !filter.is_empty() {
            let all = self.source(reg);
            rows.retain(|&i| filter.keeps(&all[i as usize]));
        }
        self.visible = rows;
    }

    /// A filter changed: the rows again, or first the list of who left.
    pub(super) fn filter(&mut self, ctx: &Context, m: Msg) -> Action<Message> {
        self.checked.clear();
        match self.filters.update(m) {
            Some(Standing::Current) => self.standing_list = None,
            Some(standing) => {
                // Who left is read from the store: the registry holds today's teams.
                self.as_of = None;
                self.as_of_text.clear();
                return Action::Run(ctx.run(
                    move |store, _| member_filter::members_of(store, None, standing),
                    move |r| Message::StandingLoaded(standing, r),
                ));
            }
            None => {}
        }
        self.relist(&ctx.registry, None);
        Action::None
    }

    /// The list of a standing, read.
    pub(super) fn standing_loaded(
        &mut self,
        ctx: &Context,
        standing: Standing,
        r: Result<Vec<Member>, crate::ops::Error>,
    ) -> Action<Message> {
        if self.filters.standing == standing {
            match r {
                Ok(list) => self.standing_list = Some(as_of::AsOf::new(ctx.today(), list)),
                Err(e) => return Action::Notify(Notice::error(&e)),
            }
            self.relist(&ctx.registry, None);
        }
        Action::None
    }
}
