//! «Phân công nhiệm vụ…» of a plan: a form over Văn bản listing the members of the chosen
//! commune's (or village's) teams for the plan's year, each with a task and the area or
//! households in charge; «Lưu phân công» saves every line typed in one transaction through
//! `ops::tasks::save` (the twin of `cnscd member task`). The plan's appendix prints them against
//! the names; a line left empty prints the role's default task.

use std::collections::BTreeMap;

use iced::widget::{Column, button, column, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length};

use super::{Action, Message, Notice, State};
use crate::app::context::Context;
use crate::app::{text as t, theme, widget};
use crate::model::MemberTask;
use crate::ops::tasks::{self, TaskTeam};

/// The button under the plan's year that opens the form.
pub const OPEN: &str = "Phân công nhiệm vụ thành viên…";
/// The form's title.
pub const TITLE: &str = "Phân công nhiệm vụ thành viên";
/// Saves the lines typed.
pub const SAVE: &str = "Lưu phân công";
/// Closes the form without saving.
pub const CLOSE: &str = "Đóng";
/// The task field's placeholder.
pub const TASK_HINT: &str = "Nhiệm vụ (để trống: theo chức vụ)";
/// The area field's placeholder.
pub const AREA_HINT: &str = "Địa bàn, số hộ phụ trách";
/// Said under the title.
pub const NOTE: &str = "Kế hoạch in nhiệm vụ bên cạnh tên từng thành viên ở phụ lục «Phân công nhiệm vụ». Dòng để trống: nhiệm vụ mặc định theo chức vụ trong Tổ.";

/// The widget id of a member's task field.
pub fn task_id(member: i64) -> String {
    format!("task-{member}")
}

/// The widget id of a member's area field.
pub fn area_id(member: i64) -> String {
    format!("area-{member}")
}

/// The form as edited.
#[derive(Debug, Clone)]
pub struct TaskForm {
    /// The unit's name (`xã Hòa Bắc`).
    pub unit: String,
    /// The plan's year.
    pub year: i32,
    /// The teams and their members, as loaded.
    pub teams: Vec<TaskTeam>,
    /// Lines typed since: member id → task.
    pub edits: BTreeMap<i64, MemberTask>,
    /// Why it was not saved.
    pub error: Option<String>,
}

impl TaskForm {
    /// What a member's line shows: as typed, else as saved.
    pub fn line(&self, member: i64) -> MemberTask {
        if let Some(t) = self.edits.get(&member) {
            return t.clone();
        }
        self.teams
            .iter()
            .flat_map(|t| &t.members)
            .find(|m| m.member_id == member)
            .map(|m| m.task.clone())
            .unwrap_or_default()
    }
}

/// The form's messages.
#[derive(Debug, Clone)]
pub enum TaskMessage {
    Open,
    Loaded(Result<Box<TaskForm>, crate::Error>),
    Task(i64, String),
    Area(i64, String),
    Save,
    Saved(Result<usize, crate::Error>),
    Close,
}

impl State {
    pub(super) fn update_tasks(&mut self, ctx: &Context, message: TaskMessage) -> Action<Message> {
        match message {
            TaskMessage::Open => {
                let Some(unit) = self.unit.as_ref() else {
                    return Action::Notify(Notice::Error(t::PICK_UNIT.into()));
                };
                let (id, year, today) = (unit.id, self.year.period.year(), ctx.today());
                let name = ctx
                    .registry
                    .unit(id)
                    .map(|u| u.full_name())
                    .unwrap_or_default();
                Action::Run(ctx.run(
                    move |store, _| {
                        Ok(Box::new(TaskForm {
                            unit: name,
                            year,
                            teams: tasks::list(store, id, year, today)?,
                            edits: BTreeMap::new(),
                            error: None,
                        }))
                    },
                    |r| Message::Tasks(TaskMessage::Loaded(r)),
                ))
            }
            TaskMessage::Loaded(Ok(form)) => {
                self.tasks = Some(form);
                Action::None
            }
            TaskMessage::Loaded(Err(e)) => Action::Notify(Notice::error(&e)),
            TaskMessage::Task(id, v) => {
                if let Some(f) = &mut self.tasks {
                    let mut line = f.line(id);
                    line.task = v;
                    f.edits.insert(id, line);
                    f.error = None;
                }
                Action::None
            }
            TaskMessage::Area(id, v) => {
                if let Some(f) = &mut self.tasks {
                    let mut line = f.line(id);
                    line.area = v;
                    f.edits.insert(id, line);
                    f.error = None;
                }
                Action::None
            }
            TaskMessage::Save => {
                let Some(f) = &self.tasks else {
                    return Action::None;
                };
                let (year, typed): (i32, Vec<(i64, MemberTask)>) =
                    (f.year, f.edits.clone().into_iter().collect());
                Action::Run(ctx.run(
                    move |store, _| tasks::save(store, year, &typed),
                    |r| Message::Tasks(TaskMessage::Saved(r)),
                ))
            }
            TaskMessage::Saved(Ok(n)) => {
                let year = self.tasks.take().map(|f| f.year).unwrap_or_default();
                Action::Notify(Notice::Success(format!(
                    "Đã lưu phân công nhiệm vụ năm {year} của {n} thành viên; soạn lại kế hoạch để in."
                )))
            }
            TaskMessage::Saved(Err(e)) => {
                if let Some(f) = &mut self.tasks {
                    f.error = Some(crate::app::errors::message(&e));
                }
                Action::None
            }
            TaskMessage::Close => {
                self.tasks = None;
                Action::None
            }
        }
    }
}

/// The form over the screen: one line per member, team by team, scrolling; the buttons and
/// what went wrong stay in view above the list.
pub(super) fn tasks_dialog<'a>(
    base: Element<'a, Message>,
    f: &'a TaskForm,
) -> Element<'a, Message> {
    let m = |x: TaskMessage| Message::Tasks(x);
    let mut list = Column::new()
        .spacing(4)
        .padding(iced::Padding::ZERO.right(12.0));
    for team in &f.teams {
        list = list.push(text(&team.name).font(theme::UI_BOLD));
        for p in &team.members {
            let id = p.member_id;
            let line = f.line(id);
            list = list.push(
                row![
                    text(&p.name).width(190),
                    text(p.role).size(theme::SIZE_SMALL).width(80),
                    text_input(TASK_HINT, &line.task)
                        .id(task_id(id))
                        .on_input(move |v| m(TaskMessage::Task(id, v)))
                        .width(Length::FillPortion(3)),
                    text_input(AREA_HINT, &line.area)
                        .id(area_id(id))
                        .on_input(move |v| m(TaskMessage::Area(id, v)))
                        .width(Length::FillPortion(2)),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
    }
    let mut body = column![
        text(format!("{TITLE} năm {} — {}", f.year, f.unit)).size(theme::SIZE_TITLE),
        widget::note(NOTE),
        row![
            button(text(SAVE))
                .on_press_maybe((!f.edits.is_empty()).then(|| m(TaskMessage::Save)))
                .style(theme::primary),
            button(text(CLOSE))
                .on_press(m(TaskMessage::Close))
                .style(theme::secondary),
        ]
        .spacing(theme::GAP),
    ]
    .spacing(theme::GAP);
    if let Some(e) = &f.error {
        body = body.push(text(e).style(theme::error_text));
    }
    body = body.push(scrollable(list).height(480));
    crate::app::widget::overlay::form(base, body, 1200.0)
}
