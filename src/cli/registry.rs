//! `member …`, `team …`, `decision record`, `rules …` and `check teams` (interfaces.md §7): each
//! parses its flags and calls one `ops::lifecycle` operation, the one the window calls.

use clap::{Args, Subcommand};

use super::{print_json, say};
use crate::error::{Error, Field, Result};
use crate::model::{Gender, LeaveReason, NewDecision, NewMember, Role, RulePreset, TeamKind};
use crate::ops::lifecycle::{self, DecisionTarget, MemberEdit, TeamEdit};
use crate::ops::{Moment, Store, members, registry};

/// `member` subcommands.
#[derive(Debug, Subcommand)]
pub enum MemberCmd {
    /// Thêm thành viên vào một Tổ.
    Add(MemberAdd),
    /// Sửa thông tin của thành viên.
    Edit(MemberEditArgs),
    /// Ghi nhận thành viên rời Tổ (một hoặc nhiều thành viên).
    Leave {
        /// Số hiệu thành viên (một hoặc nhiều).
        #[arg(required = true)]
        ids: Vec<i64>,
        /// Ngày rời Tổ.
        #[arg(long)]
        date: String,
        /// Lý do: thoi-tham-gia, chuyen-cong-tac, chuyen-noi-o, khac.
        #[arg(long, default_value = "thoi-tham-gia")]
        reason: String,
        /// Lý do cụ thể (với --reason khac).
        #[arg(long)]
        note: Option<String>,
        /// Số quyết định ghi nhận việc rời Tổ.
        #[arg(long)]
        decision: Option<String>,
    },
    /// Chuyển thành viên sang Tổ khác (một hoặc nhiều thành viên).
    Move {
        /// Số hiệu thành viên (một hoặc nhiều).
        #[arg(required = true)]
        ids: Vec<i64>,
        /// Tổ mới (số hiệu hoặc tên).
        #[arg(long)]
        team: String,
        /// Từ ngày.
        #[arg(long)]
        date: String,
        /// Chức vụ trong Tổ mới (mặc định: giữ như cũ).
        #[arg(long)]
        role: Option<String>,
    },
    /// Đổi chức vụ trong Tổ kể từ một ngày.
    Role {
        /// Số hiệu thành viên.
        id: i64,
        /// leader, deputy hoặc member.
        #[arg(long)]
        role: String,
        /// Từ ngày.
        #[arg(long)]
        date: String,
    },
    /// Hoàn tác việc rời Tổ ghi nhầm.
    Restore {
        /// Số hiệu thành viên.
        id: i64,
    },
    /// Xóa thành viên nhập nhầm (không xóa được người có tên trong quyết định đã ban hành).
    Delete {
        /// Số hiệu thành viên.
        id: i64,
    },
    /// Phân công nhiệm vụ cho thành viên trong kế hoạch năm (in ở phụ lục của kế hoạch).
    Task(super::tasks::TaskArgs),
    /// Nhiệm vụ được phân công của các thành viên một xã, thôn trong năm.
    Tasks(super::tasks::TasksArgs),
    /// Quá trình tham gia Tổ của một thành viên.
    History {
        /// Số hiệu thành viên.
        id: i64,
        /// In JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `member add` arguments.
#[derive(Debug, Args)]
pub struct MemberAdd {
    /// Tổ (số hiệu hoặc tên).
    #[arg(long)]
    team: String,
    /// Họ và tên.
    #[arg(long)]
    name: String,
    /// Năm sinh.
    #[arg(long)]
    year: Option<i32>,
    /// Giới tính: nam hoặc nữ.
    #[arg(long)]
    gender: Option<String>,
    /// leader, deputy hoặc member.
    #[arg(long, default_value = "member")]
    role: String,
    /// Chức vụ, đơn vị công tác.
    #[arg(long)]
    position: Option<String>,
    /// Số điện thoại.
    #[arg(long)]
    phone: Option<String>,
    /// Email.
    #[arg(long)]
    email: Option<String>,
    /// Đã tập huấn: có hoặc không.
    #[arg(long)]
    trained: Option<String>,
    /// Ngày vào Tổ.
    #[arg(long)]
    joined: Option<String>,
}

/// `member edit` arguments.
#[derive(Debug, Args)]
pub struct MemberEditArgs {
    /// Số hiệu thành viên.
    id: i64,
    /// Họ và tên.
    #[arg(long)]
    name: Option<String>,
    /// Năm sinh.
    #[arg(long)]
    year: Option<i32>,
    /// Giới tính: nam hoặc nữ.
    #[arg(long)]
    gender: Option<String>,
    /// Chức vụ, đơn vị công tác.
    #[arg(long)]
    position: Option<String>,
    /// Số điện thoại.
    #[arg(long)]
    phone: Option<String>,
    /// Email.
    #[arg(long)]
    email: Option<String>,
    /// Đã tập huấn: có hoặc không.
    #[arg(long)]
    trained: Option<String>,
}

/// `team` subcommands.
#[derive(Debug, Subcommand)]
pub enum TeamCmd {
    /// Tạo Tổ cho một đơn vị.
    Add {
        /// Đơn vị (mã hoặc tên).
        #[arg(long)]
        unit: String,
        /// Tên Tổ (mặc định: tên thường dùng theo loại Tổ).
        #[arg(long)]
        name: Option<String>,
        /// Loại: cnscd hoặc cnscd-de-an-06.
        #[arg(long, default_value = "cnscd")]
        kind: String,
    },
    /// Đổi tên, loại Tổ hoặc đường dẫn nhóm Zalo.
    Edit {
        /// Tổ (số hiệu hoặc tên).
        team: String,
        /// Tên mới.
        #[arg(long)]
        name: Option<String>,
        /// Loại: cnscd hoặc cnscd-de-an-06.
        #[arg(long)]
        kind: Option<String>,
        /// Đường dẫn nhóm Zalo (để trống để xóa).
        #[arg(long)]
        zalo: Option<String>,
        /// Ngày đổi tên (mặc định hôm nay).
        #[arg(long)]
        date: Option<String>,
    },
    /// Hợp nhất một Tổ vào Tổ khác (Tổ còn lại giữ quá trình).
    Merge {
        /// Tổ được hợp nhất.
        team: String,
        /// Tổ còn lại.
        #[arg(long)]
        into: String,
        /// Từ ngày.
        #[arg(long)]
        date: String,
    },
    /// Quá trình của Tổ: thành viên vào, ra, đổi chức vụ, đổi tên, quyết định.
    History {
        /// Tổ (số hiệu hoặc tên).
        team: String,
        /// In JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `decision` subcommands.
#[derive(Debug, Subcommand)]
pub enum DecisionCmd {
    /// Ghi nhận một quyết định (giấy) đã có cho một Tổ hoặc mọi Tổ của một đơn vị.
    Record(DecisionRecord),
}

/// `decision record` arguments.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["team", "unit"])))]
pub struct DecisionRecord {
    /// Một Tổ (số hiệu hoặc tên).
    #[arg(long)]
    team: Option<String>,
    /// Mọi Tổ của đơn vị (mã hoặc tên).
    #[arg(long)]
    unit: Option<String>,
    /// Số, ký hiệu (`86/QĐ-UBND`).
    #[arg(long)]
    number: String,
    /// Ngày ban hành.
    #[arg(long)]
    date: String,
    /// Trích yếu.
    #[arg(long)]
    summary: Option<String>,
    /// Người ký hoặc cơ quan ban hành.
    #[arg(long)]
    signer: Option<String>,
    /// thanh-lap (mặc định) hoặc kien-toan.
    #[arg(long, default_value = "thanh-lap")]
    kind: String,
}

/// `rules` subcommands.
#[derive(Debug, Subcommand)]
pub enum RulesCmd {
    /// Xem quy định về thành phần Tổ.
    Show {
        /// In JSON.
        #[arg(long)]
        json: bool,
    },
    /// Đặt quy định theo hướng dẫn: 793, bac-giang-2023, da-nang-2023.
    Set {
        /// Bộ quy định có sẵn.
        #[arg(long)]
        preset: Option<String>,
        /// Số thành viên tối thiểu.
        #[arg(long)]
        min: Option<u32>,
        /// Số thành viên tối đa.
        #[arg(long)]
        max: Option<u32>,
    },
}

/// `check` targets.
#[derive(Debug, Subcommand)]
pub enum CheckCmd {
    /// Các Tổ không đúng quy định về thành phần.
    Teams {
        /// Chỉ trong đơn vị này.
        #[arg(long)]
        unit: Option<String>,
        /// In JSON.
        #[arg(long)]
        json: bool,
    },
}

pub(super) fn role(s: &str) -> Result<Role> {
    Role::parse(s).ok_or_else(|| {
        Error::bad_value(
            Field::Input,
            s,
            "chức vụ trong Tổ: leader, deputy hoặc member",
        )
    })
}

fn gender(s: &str) -> Result<Gender> {
    Gender::parse(s).ok_or_else(|| Error::bad_value(Field::Input, s, "giới tính: nam hoặc nữ"))
}

pub(super) fn yes_no(s: &str) -> Result<bool> {
    match crate::vietnamese::search_key(s).as_str() {
        "co" | "yes" | "x" | "1" => Ok(true),
        "khong" | "no" | "0" => Ok(false),
        _ => Err(Error::bad_value(
            Field::Input,
            s,
            "đã tập huấn: có hoặc không",
        )),
    }
}

fn kind(s: &str) -> Result<TeamKind> {
    TeamKind::parse(s)
        .ok_or_else(|| Error::bad_value(Field::Input, s, "loại Tổ: cnscd hoặc cnscd-de-an-06"))
}

fn opt(s: &Option<String>) -> Option<Option<String>> {
    s.as_ref()
        .map(|v| Some(v.trim().to_string()).filter(|v| !v.is_empty()))
}

/// `cnscd member …`.
pub fn member(store: &mut Store, cmd: MemberCmd, now: Moment) -> Result<()> {
    let today = now.today();
    match cmd {
        MemberCmd::Task(a) => super::tasks::task(store, a)?,
        MemberCmd::Tasks(a) => super::tasks::list(store, a, now)?,
        MemberCmd::Add(a) => {
            let team = lifecycle::resolve_team(store, &a.team)?;
            let new = NewMember {
                full_name: a.name,
                year_of_birth: a.year,
                gender: a.gender.as_deref().map(gender).transpose()?,
                phone: a.phone,
                email: a.email,
                position: a.position,
                trained: a
                    .trained
                    .as_deref()
                    .map(yes_no)
                    .transpose()?
                    .unwrap_or(false),
                team_id: team.id,
                role: Some(role(&a.role)?),
                joined_on: a.joined.as_deref().map(lifecycle::date).transpose()?,
                joined_decision: None,
            };
            let m = members::add(store, &new, today)?;
            say!(
                "Đã thêm {} (số hiệu {}) vào {}.",
                m.full_name,
                m.id,
                team.name
            );
        }
        MemberCmd::Edit(a) => {
            let edit = MemberEdit {
                name: a.name,
                year: a.year.map(Some),
                gender: a.gender.as_deref().map(gender).transpose()?.map(Some),
                position: opt(&a.position),
                phone: opt(&a.phone),
                email: opt(&a.email),
                trained: a.trained.as_deref().map(yes_no).transpose()?,
            };
            let m = lifecycle::edit_member(store, a.id, &edit, today)?;
            say!("Đã sửa thông tin của {} (số hiệu {}).", m.full_name, m.id);
        }
        MemberCmd::Leave {
            ids,
            date,
            reason,
            note,
            decision,
        } => {
            let reason = LeaveReason::parse(&reason, note.as_deref()).ok_or_else(|| {
                Error::bad_value(
                    Field::Input,
                    reason.clone(),
                    "lý do: thoi-tham-gia, chuyen-cong-tac, chuyen-noi-o hoặc khac",
                )
            })?;
            let date = lifecycle::date(&date)?;
            let n = lifecycle::depart(store, &ids, date, &reason, decision.as_deref())?;
            say!(
                "Đã ghi nhận {n} thành viên rời Tổ từ ngày {} ({}).",
                crate::vietnamese::date_short(date),
                reason.text()
            );
        }
        MemberCmd::Move {
            ids,
            team,
            date,
            role: r,
        } => {
            let team = lifecycle::resolve_team(store, &team)?;
            let date = lifecycle::date(&date)?;
            let r = r.as_deref().map(role).transpose()?;
            let n = lifecycle::move_members(store, &ids, team.id, r, date)?;
            say!(
                "Đã chuyển {n} thành viên sang {} từ ngày {}.",
                team.name,
                crate::vietnamese::date_short(date)
            );
        }
        MemberCmd::Role { id, role: r, date } => {
            let r = role(&r)?;
            let date = lifecycle::date(&date)?;
            lifecycle::change_role(store, id, r, date)?;
            say!(
                "Đã ghi nhận: thành viên số hiệu {id} là {} từ ngày {}.",
                r.label(),
                crate::vietnamese::date_short(date)
            );
        }
        MemberCmd::Restore { id } => {
            let m = lifecycle::restore(store, id)?;
            say!("Đã hoàn tác việc rời Tổ của {}.", m.full_name);
        }
        MemberCmd::Delete { id } => {
            let name = lifecycle::delete_member(store, id)?;
            say!("Đã xóa {name} (số hiệu {id}).");
        }
        MemberCmd::History { id, json } => {
            let events = lifecycle::member_events(store, id)?;
            print_events(&events, json)?;
        }
    }
    Ok(())
}

fn print_events(events: &[lifecycle::Event], json: bool) -> Result<()> {
    if json {
        return print_json(&events);
    }
    for e in events {
        say!(
            "{}\t{}\t{}",
            e.on.map(crate::vietnamese::date_short)
                .unwrap_or_else(|| "(từ đầu)".into()),
            e.what,
            e.decision.as_deref().unwrap_or("")
        );
    }
    Ok(())
}

/// `cnscd team …`.
pub fn team(store: &mut Store, cmd: TeamCmd, now: Moment) -> Result<()> {
    match cmd {
        TeamCmd::Add {
            unit,
            name,
            kind: k,
        } => {
            let unit = registry::resolve_unit(store, &unit)?;
            let t = lifecycle::add_team(store, unit.id, name.as_deref(), kind(&k)?)?;
            say!("Đã tạo {} (số hiệu {}).", t.name, t.id);
        }
        TeamCmd::Edit {
            team,
            name,
            kind: k,
            zalo,
            date,
        } => {
            let t = lifecycle::resolve_team(store, &team)?;
            let date = date
                .as_deref()
                .map(lifecycle::date)
                .transpose()?
                .unwrap_or(now.today());
            let edit = TeamEdit {
                name,
                kind: k.as_deref().map(kind).transpose()?,
                zalo: opt(&zalo),
            };
            let t = lifecycle::edit_team(store, t.id, &edit, date)?;
            say!("Đã lưu {} (số hiệu {}).", t.name, t.id);
        }
        TeamCmd::Merge { team, into, date } => {
            let from = lifecycle::resolve_team(store, &team)?;
            let into = lifecycle::resolve_team(store, &into)?;
            let date = lifecycle::date(&date)?;
            let n = lifecycle::merge_teams(store, from.id, into.id, date)?;
            say!(
                "Đã hợp nhất {} vào {} ({n} thành viên chuyển sang).",
                from.name,
                into.name
            );
        }
        TeamCmd::History { team, json } => {
            let t = lifecycle::resolve_team(store, &team)?;
            print_events(&lifecycle::team_events(store, t.id)?, json)?;
        }
    }
    Ok(())
}

/// `cnscd decision record …`.
pub fn decision(store: &mut Store, cmd: DecisionCmd) -> Result<()> {
    let DecisionCmd::Record(a) = cmd;
    let target = match (&a.team, &a.unit) {
        (Some(t), _) => DecisionTarget::Team(lifecycle::resolve_team(store, t)?.id),
        (None, Some(u)) => DecisionTarget::Unit(registry::resolve_unit(store, u)?.id),
        (None, None) => unreachable!("clap requires --team or --unit"),
    };
    let consolidates = match a.kind.as_str() {
        "thanh-lap" => false,
        "kien-toan" => true,
        other => {
            return Err(Error::bad_value(
                Field::DecisionKind,
                other,
                "dùng thanh-lap hoặc kien-toan",
            ));
        }
    };
    let d = NewDecision {
        number: a.number,
        issued_on: Some(lifecycle::date(&a.date)?),
        signer: a.signer,
        summary: a.summary,
        consolidates,
    };
    let n = lifecycle::record_decision(store, target, &d)?;
    say!("Đã ghi nhận Quyết định số {} cho {n} Tổ.", d.number.trim());
    Ok(())
}

/// `cnscd rules …`.
pub fn rules(store: &mut Store, cmd: RulesCmd) -> Result<()> {
    match cmd {
        RulesCmd::Show { json } => {
            let r = crate::ops::settings::rules(store)?;
            if json {
                return print_json(&r);
            }
            say!("Bộ quy định: {}", r.preset.label());
            say!("Số thành viên: từ {} đến {}", r.min_members, r.max_members);
        }
        RulesCmd::Set { preset, min, max } => {
            let mut r = match preset {
                Some(p) => RulePreset::parse(&p)
                    .ok_or_else(|| {
                        Error::bad_value(
                            Field::Input,
                            p.clone(),
                            "bộ quy định: 793, bac-giang-2023 hoặc da-nang-2023",
                        )
                    })?
                    .rules(),
                None => crate::ops::settings::rules(store)?,
            };
            if let Some(m) = min {
                r.min_members = m;
            }
            if let Some(m) = max {
                r.max_members = m;
            }
            lifecycle::set_rules(store, &r)?;
            say!(
                "Đã đặt quy định: {} (từ {} đến {} thành viên).",
                r.preset.label(),
                r.min_members,
                r.max_members
            );
        }
    }
    Ok(())
}

/// `cnscd check teams …`.
pub fn check(store: &Store, cmd: CheckCmd, now: Moment) -> Result<()> {
    let CheckCmd::Teams { unit, json } = cmd;
    let root = unit
        .map(|u| registry::resolve_unit(store, &u))
        .transpose()?
        .map(|u| u.id);
    let found = lifecycle::check_teams(store, root, now.today())?;
    if json {
        return print_json(&found);
    }
    for c in &found {
        say!("{}\t{}\t{}", c.team, c.name, c.reasons.join(" "));
    }
    say!("{} Tổ chưa đúng quy định.", found.len());
    Ok(())
}
