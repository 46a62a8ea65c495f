//! `member task` and `member tasks`: each member's task in a year's plan, set one member at a time
//! or listed for a commune or a village, through `ops::tasks` (the window's «Phân công nhiệm
//! vụ…» form saves through the same operation).

use clap::Args;

use super::{print_json, say};
use crate::error::Result;
use crate::model::MemberTask;
use crate::ops::{Moment, Store, documents, tasks};

/// `member task ID --year Y [--task T] [--area A] [--clear]`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).multiple(true).args(["task", "area", "clear"])))]
pub struct TaskArgs {
    /// Số hiệu thành viên.
    id: i64,
    /// Năm kế hoạch.
    #[arg(long)]
    year: i32,
    /// Nhiệm vụ được phân công (in ở phụ lục «Phân công nhiệm vụ» của kế hoạch năm).
    #[arg(long)]
    task: Option<String>,
    /// Địa bàn, số hộ phụ trách («Xóm 2, 45 hộ»).
    #[arg(long)]
    area: Option<String>,
    /// Xóa nhiệm vụ đã ghi: kế hoạch in nhiệm vụ mặc định theo chức vụ trong Tổ.
    #[arg(long, conflicts_with_all = ["task", "area"])]
    clear: bool,
}

/// `member tasks --unit U --year Y [--json]`.
#[derive(Debug, Args)]
pub struct TasksArgs {
    /// Xã, phường hoặc thôn, tổ dân phố (mã hoặc tên).
    #[arg(long)]
    unit: String,
    /// Năm kế hoạch.
    #[arg(long)]
    year: i32,
    /// In JSON.
    #[arg(long)]
    json: bool,
}

/// Sets one member's task; a field not given keeps what was typed before.
pub fn task(store: &mut Store, a: TaskArgs) -> Result<()> {
    let before = tasks::get(store, a.id, a.year)?;
    let task = if a.clear {
        MemberTask::default()
    } else {
        MemberTask {
            task: a.task.unwrap_or(before.task),
            area: a.area.unwrap_or(before.area),
        }
    };
    let name = tasks::set(store, a.id, a.year, &task)?;
    if task.task.trim().is_empty() && task.area.trim().is_empty() {
        say!(
            "Đã xóa nhiệm vụ năm {} của {name}: kế hoạch in nhiệm vụ mặc định theo chức vụ.",
            a.year
        );
    } else {
        say!(
            "Đã phân công {name} năm {}: {}{}.",
            a.year,
            if task.task.trim().is_empty() {
                "(nhiệm vụ mặc định theo chức vụ)"
            } else {
                task.task.trim()
            },
            if task.area.trim().is_empty() {
                String::new()
            } else {
                format!("; phụ trách {}", task.area.trim())
            }
        );
    }
    Ok(())
}

/// Lists the members of a commune's or a village's teams with their tasks of the year.
pub fn list(store: &Store, a: TasksArgs, now: Moment) -> Result<()> {
    let unit = documents::unit_or_office(store, Some(&a.unit))?;
    let teams = tasks::list(store, unit.id, a.year, now.today())?;
    if a.json {
        let v: Vec<serde_json::Value> = teams
            .iter()
            .flat_map(|t| {
                t.members.iter().map(|m| {
                    serde_json::json!({
                        "id": m.member_id,
                        "name": m.name,
                        "role": m.role,
                        "team": t.name,
                        "task": m.task.task,
                        "area": m.task.area,
                    })
                })
            })
            .collect();
        return print_json(&v);
    }
    let mut typed = 0;
    for t in &teams {
        say!("{}", t.name);
        for m in &t.members {
            typed += usize::from(!m.task.task.is_empty() || !m.task.area.is_empty());
            say!(
                "{}\t{}\t{}\t{}\t{}",
                m.member_id,
                m.name,
                m.role,
                if m.task.task.is_empty() {
                    "(mặc định theo chức vụ)"
                } else {
                    &m.task.task
                },
                m.task.area
            );
        }
    }
    say!(
        "Tổng: {typed} thành viên của {} đã được phân công nhiệm vụ năm {}.",
        unit.title_name(),
        a.year
    );
    Ok(())
}
