//! Each member's task in a year's plan («Phân công nhiệm vụ thành viên», Bắc Giang's «phân công
//! nhiệm vụ cụ thể cho từng thành viên»), the same for both faces: the window's form lists the
//! members of a commune's or a village's teams with the task and area typed for the year and
//! saves them in one transaction; `cnscd member task` sets one member's. The plan's appendix prints
//! the typed task against the member's name, the role's default where none is typed.

use chrono::NaiveDate;

use crate::error::{Error, Field, Result};
use crate::model::{Level, MemberTask};
use crate::store::{Store, members, tasks, units};
use crate::vietnamese::{compare_names, nfc};

/// The longest task or area a cell of the appendix takes.
pub const MAX_CHARS: usize = 300;

/// One member's line of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRow {
    /// The member's id.
    pub member_id: i64,
    /// Full name.
    pub name: String,
    /// Role on the team (`Tổ trưởng`).
    pub role: &'static str,
    /// The task typed for the year (empty: the role's default is printed).
    pub task: MemberTask,
}

/// One team of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTeam {
    /// The team's name.
    pub name: String,
    /// Its members on the day, in roster order (Tổ trưởng, Tổ phó, Thành viên; by name).
    pub members: Vec<TaskRow>,
}

/// The teams of `unit_id` (a commune: its own and its villages'; a village: its own) with their
/// members on `day` and the tasks typed for `year`. Refused for a district or a province: their
/// plans carry no assignment appendix.
pub fn list(store: &Store, unit_id: i64, year: i32, day: NaiveDate) -> Result<Vec<TaskTeam>> {
    check_year(year)?;
    let conn = store.conn();
    let unit = units::get(conn, unit_id)?;
    if !matches!(unit.level, Level::Commune | Level::Village) {
        return Err(Error::not_allowed(format!(
            "Nhiệm vụ từng thành viên được phân công trong kế hoạch của xã, phường hoặc thôn, tổ \
             dân phố; {} không có phụ lục phân công: hãy chọn một xã hoặc một thôn.",
            unit.full_name()
        )));
    }
    let typed = tasks::of_year(conn, year)?;
    let mut out = Vec::new();
    for team in crate::store::facts::teams_for(conn, &unit)? {
        let mut people: Vec<_> = members::of_team(conn, team.id, true)?
            .into_iter()
            .filter(|m| m.active_on(day))
            .collect();
        people.sort_by(|a, b| {
            a.role
                .cmp(&b.role)
                .then_with(|| compare_names(&a.full_name, &b.full_name))
        });
        if people.is_empty() {
            continue;
        }
        out.push(TaskTeam {
            name: team.name.clone(),
            members: people
                .into_iter()
                .map(|m| TaskRow {
                    member_id: m.id,
                    role: m.role.label(),
                    task: typed.get(&m.id).cloned().unwrap_or_default(),
                    name: m.full_name,
                })
                .collect(),
        });
    }
    Ok(out)
}

/// The task typed for `member_id` in `year` (empty when none is).
pub fn get(store: &Store, member_id: i64, year: i32) -> Result<MemberTask> {
    members::get(store.conn(), member_id)?;
    Ok(tasks::of_year(store.conn(), year)?
        .remove(&member_id)
        .unwrap_or_default())
}

/// Sets one member's task of `year` (`cnscd member task`); both fields empty clear it. Returns
/// the member's name.
pub fn set(store: &mut Store, member_id: i64, year: i32, task: &MemberTask) -> Result<String> {
    check_year(year)?;
    let task = clean(task)?;
    store.transaction(|tx| {
        let m = members::get(tx, member_id)?;
        tasks::set(tx, member_id, year, &task)?;
        Ok(m.full_name)
    })
}

/// Saves the tasks typed in the window's form for `year`, in one transaction; returns how many
/// members' tasks were written (cleared ones included). Nothing is written when one is refused.
pub fn save(store: &mut Store, year: i32, typed: &[(i64, MemberTask)]) -> Result<usize> {
    check_year(year)?;
    let rows = typed
        .iter()
        .map(|(id, t)| clean(t).map(|t| (*id, t)))
        .collect::<Result<Vec<_>>>()?;
    store.transaction(|tx| {
        for (id, t) in &rows {
            members::get(tx, *id)?;
            tasks::set(tx, *id, year, t)?;
        }
        Ok(rows.len())
    })
}

fn check_year(year: i32) -> Result<()> {
    if (2000..=2100).contains(&year) {
        Ok(())
    } else {
        Err(Error::bad_value(
            Field::Year,
            year.to_string(),
            "năm kế hoạch ghi bốn chữ số, ví dụ 2026",
        ))
    }
}

/// The texts as the appendix prints them: NFC, trimmed, each on one line, not over `MAX_CHARS`.
fn clean(t: &MemberTask) -> Result<MemberTask> {
    let one = |s: &str, field: &'static str| -> Result<String> {
        let s = nfc(&s.split_whitespace().collect::<Vec<_>>().join(" "));
        if s.chars().count() > MAX_CHARS {
            return Err(Error::bad_value(
                Field::Text(field),
                s.chars().take(40).collect::<String>() + "…",
                format!("dài quá {MAX_CHARS} ký tự; hãy viết gọn để vừa một ô của phụ lục"),
            ));
        }
        Ok(s)
    };
    Ok(MemberTask {
        task: one(&t.task, "Nhiệm vụ được phân công")?,
        area: one(&t.area, "Địa bàn, số hộ phụ trách")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_one_trimmed_line_and_not_too_long() {
        let t = clean(&MemberTask {
            task: "  Hướng dẫn\n VNeID  ".into(),
            area: "Xóm 2".into(),
        })
        .expect("clean");
        assert_eq!(t.task, "Hướng dẫn VNeID");
        let long = MemberTask {
            task: "a".repeat(MAX_CHARS + 1),
            area: String::new(),
        };
        assert!(clean(&long).is_err());
        assert!(check_year(26).is_err());
    }
}
