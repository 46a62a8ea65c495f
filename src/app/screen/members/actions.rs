//! The member panel's lifecycle actions: Ghi nhận rời Tổ, Chuyển Tổ, Đổi vai trò (each a small
//! form with a date typed dd/mm/yyyy and checked before anything runs), Xóa (nhập nhầm) after a
//! confirmation, Hoàn tác rời Tổ. Each calls the `ops::lifecycle` operation the command line
//! calls; a refusal is shown in the form, in the operation's Vietnamese words.

use iced::widget::{Column, button, column, pick_list, row, text, text_input};
use iced::{Element, Length};

use super::{ROLES, RoleChoice};
use crate::app::text as t;
use crate::app::theme;
use crate::app::widget::form::{field, labelled};
use crate::model::{LeaveReason, Role};
use crate::ops::{self, lifecycle};

/// The words of the actions (the clerk's Vietnamese).
pub const ACTION_EDIT: &str = "Sửa";
pub const ACTION_LEAVE: &str = "Ghi nhận rời Tổ";
pub const ACTION_MOVE: &str = "Chuyển Tổ";
pub const ACTION_ROLE: &str = "Đổi vai trò";
pub const ACTION_DELETE: &str = "Xóa (nhập nhầm)";
pub const ACTION_RESTORE: &str = "Hoàn tác rời Tổ";
pub const ACTION_DATE: &str = "Từ ngày (ngày/tháng/năm)";
pub const ACTION_REASON: &str = "Lý do";
pub const ACTION_NOTE: &str = "Lý do cụ thể";
pub const ACTION_DECISION: &str = "Quyết định ghi nhận (nếu có), ví dụ 05/QĐ-UBND";
pub const ACTION_NEW_ROLE: &str = "Chức vụ trong Tổ từ ngày đó";
pub const ACTION_BAD_DATE: &str =
    "Ngày không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 01/06/2025.";
pub const ACTION_NEED_NOTE: &str = "Hãy ghi lý do cụ thể.";
pub const ACTION_NEED_TEAM: &str = "Hãy chọn Tổ mới.";
pub const ACTION_NEED_ROLE: &str = "Hãy chọn chức vụ mới.";
pub const ACTION_HISTORY: &str = "Quá trình của thành viên";

/// The toast after departures.
pub fn left_saved(n: usize, date: &str) -> String {
    format!("Đã ghi nhận {n} thành viên rời Tổ từ ngày {date}.")
}

/// The toast after moves.
pub fn moved_saved(n: usize, date: &str) -> String {
    format!("Đã chuyển {n} thành viên sang Tổ mới từ ngày {date}.")
}

/// The toast after a role change.
pub fn role_saved(role: &str, date: &str) -> String {
    format!("Đã ghi nhận chức vụ {role} từ ngày {date}.")
}

/// The question before a delete.
pub fn confirm_delete(name: &str) -> String {
    format!(
        "Xóa {name} khỏi sổ vì nhập nhầm? Nếu người này đã thôi tham gia Tổ, hãy dùng «Ghi nhận rời Tổ» để giữ lại quá trình."
    )
}

/// Which action the form records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Ghi nhận rời Tổ.
    Leave,
    /// Chuyển Tổ.
    Move,
    /// Đổi vai trò.
    Role,
}

/// A departure reason in the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Thôi tham gia.
    Quit,
    /// Chuyển công tác.
    NewPost,
    /// Chuyển nơi ở.
    Moved,
    /// Khác.
    Other,
}

/// The reasons, in the order the pick list shows them.
pub const REASONS: [Reason; 4] = [Reason::Quit, Reason::NewPost, Reason::Moved, Reason::Other];

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Reason::Quit => "Thôi tham gia",
            Reason::NewPost => "Chuyển công tác",
            Reason::Moved => "Chuyển nơi ở",
            Reason::Other => "Khác",
        })
    }
}

/// The open action form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionForm {
    /// What it records.
    pub kind: Kind,
    /// The members it applies to (several for a bulk departure or move).
    pub ids: Vec<i64>,
    /// Who, in words (the heading).
    pub who: String,
    /// The date as typed (dd/mm/yyyy).
    pub date: String,
    /// Departure: why.
    pub reason: Reason,
    /// Departure: the clerk's words for «Khác».
    pub note: String,
    /// Departure: the decision that records it.
    pub decision: String,
    /// Move: the chosen team.
    pub team: Option<(i64, String)>,
    /// Move: what the clerk typed to find the team.
    pub team_query: String,
    /// Move or role change: the new role.
    pub role: Option<Role>,
    /// Why the form cannot be saved yet, or the operation's refusal.
    pub error: Option<String>,
}

impl ActionForm {
    /// A fresh form of `kind` for `ids`, dated `today`.
    pub fn new(kind: Kind, ids: Vec<i64>, who: String, today: chrono::NaiveDate) -> ActionForm {
        ActionForm {
            kind,
            ids,
            who,
            date: crate::vietnamese::date_field(today),
            reason: Reason::Quit,
            note: String::new(),
            decision: String::new(),
            team: None,
            team_query: String::new(),
            role: None,
            error: None,
        }
    }

    /// Whether the clerk typed anything beyond what the form opened with (asked before it is
    /// thrown away).
    pub fn is_dirty(&self) -> bool {
        !self.note.is_empty()
            || !self.decision.is_empty()
            || self.team.is_some()
            || !self.team_query.is_empty()
            || self.role.is_some()
    }

    /// The operation this form asks for, or why it cannot run yet.
    pub fn operation(&self) -> Result<Op, String> {
        let date = lifecycle::date(&self.date).map_err(|_| ACTION_BAD_DATE.to_string())?;
        match self.kind {
            Kind::Leave => {
                let reason = match self.reason {
                    Reason::Quit => LeaveReason::Quit,
                    Reason::NewPost => LeaveReason::NewPost,
                    Reason::Moved => LeaveReason::Moved,
                    Reason::Other if self.note.trim().is_empty() => {
                        return Err(ACTION_NEED_NOTE.into());
                    }
                    Reason::Other => LeaveReason::Other(self.note.trim().to_string()),
                };
                let decision = Some(self.decision.trim().to_string()).filter(|s| !s.is_empty());
                Ok(Op::Leave {
                    ids: self.ids.clone(),
                    date,
                    reason,
                    decision,
                })
            }
            Kind::Move => match &self.team {
                Some((team, _)) => Ok(Op::Move {
                    ids: self.ids.clone(),
                    team: *team,
                    role: self.role,
                    date,
                }),
                None => Err(ACTION_NEED_TEAM.into()),
            },
            Kind::Role => match (self.role, self.ids.as_slice()) {
                (Some(role), [id]) => Ok(Op::Role {
                    id: *id,
                    role,
                    date,
                }),
                _ => Err(ACTION_NEED_ROLE.into()),
            },
        }
    }
}

/// A checked action, ready to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Departures.
    Leave {
        ids: Vec<i64>,
        date: chrono::NaiveDate,
        reason: LeaveReason,
        decision: Option<String>,
    },
    /// Moves.
    Move {
        ids: Vec<i64>,
        team: i64,
        role: Option<Role>,
        date: chrono::NaiveDate,
    },
    /// A role change.
    Role {
        id: i64,
        role: Role,
        date: chrono::NaiveDate,
    },
}

impl Op {
    /// Runs the operation (off the UI thread); returns the toast.
    pub fn run(self, store: &mut ops::Store) -> ops::Result<String> {
        Ok(match self {
            Op::Leave {
                ids,
                date,
                reason,
                decision,
            } => {
                let n = lifecycle::depart(store, &ids, date, &reason, decision.as_deref())?;
                left_saved(n, &crate::vietnamese::date_short(date))
            }
            Op::Move {
                ids,
                team,
                role,
                date,
            } => {
                let n = lifecycle::move_members(store, &ids, team, role, date)?;
                moved_saved(n, &crate::vietnamese::date_short(date))
            }
            Op::Role { id, role, date } => {
                lifecycle::change_role(store, id, role, date)?;
                role_saved(role.label(), &crate::vietnamese::date_short(date))
            }
        })
    }
}

/// What the action form sends.
#[derive(Debug, Clone)]
pub enum Msg {
    Date(String),
    Reason(Reason),
    Note(String),
    Decision(String),
    TeamQuery(String),
    TeamPicked(i64),
    Role(RoleChoice),
    Submit,
    Cancel,
}

/// The action form's view; `teams` are the suggestions for a move.
pub fn view<'a>(f: &'a ActionForm, teams: &'a [(i64, String)]) -> Element<'a, Msg> {
    let title = match f.kind {
        Kind::Leave => ACTION_LEAVE,
        Kind::Move => ACTION_MOVE,
        Kind::Role => ACTION_ROLE,
    };
    let mut col = Column::new()
        .spacing(theme::GAP)
        .push(
            row![
                crate::app::widget::heading(title),
                iced::widget::space().width(Length::Fill),
                button(text(t::SAVE))
                    .on_press(Msg::Submit)
                    .style(theme::primary),
                button(text(t::CLOSE))
                    .on_press(Msg::Cancel)
                    .style(theme::secondary),
            ]
            .spacing(theme::GAP)
            .align_y(iced::Alignment::Center),
        )
        .push(text(&f.who).font(theme::UI_BOLD))
        .push(field(ACTION_DATE, &f.date, None, Msg::Date));
    match f.kind {
        Kind::Leave => {
            col = col.push(labelled(
                ACTION_REASON,
                pick_list(REASONS, Some(f.reason), Msg::Reason),
                None,
            ));
            if f.reason == Reason::Other {
                col = col.push(field(ACTION_NOTE, &f.note, None, Msg::Note));
            }
            col = col.push(field(ACTION_DECISION, &f.decision, None, Msg::Decision));
        }
        Kind::Move => {
            let mut team = Column::new().spacing(2);
            if let Some((_, label)) = &f.team {
                team = team.push(text(label).font(theme::UI_BOLD));
            }
            team = team.push(
                text_input(t::MEMBER_TEAM_SEARCH, &f.team_query)
                    .id("action-team")
                    .on_input(Msg::TeamQuery),
            );
            for (id, label) in teams {
                team = team.push(
                    button(text(label).size(theme::SIZE_SMALL))
                        .on_press(Msg::TeamPicked(*id))
                        .style(theme::link)
                        .padding(2),
                );
            }
            col = col.push(labelled(t::MEMBER_TEAM, team, None));
            col = col.push(labelled(
                ACTION_NEW_ROLE,
                pick_list(ROLES, f.role.map(RoleChoice), Msg::Role),
                None,
            ));
        }
        Kind::Role => {
            col = col.push(labelled(
                ACTION_NEW_ROLE,
                pick_list(ROLES, f.role.map(RoleChoice), Msg::Role),
                None,
            ));
        }
    }
    if let Some(e) = &f.error {
        col = col.push(text(e).style(theme::error_text).width(Length::Fill));
    }
    col.into()
}

/// Applies a form message; returns the checked operation on Submit when it can run.
pub fn update(f: &mut ActionForm, msg: Msg) -> Option<Op> {
    match msg {
        Msg::Date(v) => f.date = v,
        Msg::Reason(r) => f.reason = r,
        Msg::Note(v) => f.note = v,
        Msg::Decision(v) => f.decision = v,
        Msg::TeamQuery(q) => f.team_query = q,
        Msg::TeamPicked(_) | Msg::Cancel => {}
        Msg::Role(r) => f.role = Some(r.0),
        Msg::Submit => match f.operation() {
            Ok(op) => {
                f.error = None;
                return Some(op);
            }
            Err(e) => f.error = Some(e),
        },
    }
    None
}

/// The member panel's action buttons for a member; `left` when the member has left (only the
/// undo is offered then).
pub fn buttons<'a, M: Clone + 'a>(
    left: bool,
    open: impl Fn(Kind) -> M,
    edit: M,
    delete: M,
    restore: M,
) -> Element<'a, M> {
    if left {
        return button(text(ACTION_RESTORE).size(theme::SIZE_SMALL))
            .on_press(restore)
            .style(theme::secondary)
            .into();
    }
    let b = |label: &'a str, m: M| {
        button(text(label).size(theme::SIZE_SMALL))
            .on_press(m)
            .style(theme::secondary)
    };
    column![
        row![
            b(ACTION_EDIT, edit),
            b(ACTION_LEAVE, open(Kind::Leave)),
            b(ACTION_MOVE, open(Kind::Move)),
        ]
        .spacing(4),
        row![b(ACTION_ROLE, open(Kind::Role)), b(ACTION_DELETE, delete),].spacing(4),
    ]
    .spacing(4)
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_checks_the_date_and_what_each_action_needs() {
        let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).expect("date");
        let mut f = ActionForm::new(Kind::Leave, vec![3], "A".into(), today);
        assert_eq!(f.date, "01/06/2025");
        update(&mut f, Msg::Date("31/02/2025".into()));
        assert!(update(&mut f, Msg::Submit).is_none());
        assert_eq!(f.error.as_deref(), Some(ACTION_BAD_DATE));
        update(&mut f, Msg::Date("15/3/2025".into()));
        update(&mut f, Msg::Reason(Reason::Other));
        assert!(update(&mut f, Msg::Submit).is_none(), "khác needs words");
        update(&mut f, Msg::Note("đi học".into()));
        update(&mut f, Msg::Decision("05/QĐ-UBND".into()));
        assert!(f.is_dirty());
        let op = update(&mut f, Msg::Submit).expect("runs");
        assert_eq!(
            op,
            Op::Leave {
                ids: vec![3],
                date: chrono::NaiveDate::from_ymd_opt(2025, 3, 15).expect("date"),
                reason: LeaveReason::Other("đi học".into()),
                decision: Some("05/QĐ-UBND".into()),
            }
        );
        let mut m = ActionForm::new(Kind::Move, vec![1, 2], "2".into(), today);
        assert!(update(&mut m, Msg::Submit).is_none());
        assert_eq!(m.error.as_deref(), Some(ACTION_NEED_TEAM));
    }
}
