//! What a template sees: the unit, the issuer, the teams with their members in roster order
//! (Tổ trưởng → Tổ phó → Thành viên, each group in Vietnamese name order), who joined and left
//! since the last decision, the figures of a plan and the indicator rows of a report, all made
//! from the facts the store loaded. `templates/README.md` lists every variable; keep the two in
//! step.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Change, DraftFacts, Level, Member, Period, Role, TeamFacts, Unit};
use crate::report::aggregate::Aggregate;
use crate::vietnamese::{compare_names, date_long, date_short, upper};

/// A unit as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct UnitCtx {
    /// Code.
    pub code: String,
    /// `Hòa Bắc`.
    pub name: String,
    /// `xã Hòa Bắc`.
    pub full_name: String,
    /// `Xã Hòa Bắc`.
    pub title_name: String,
    /// `XÃ HÒA BẮC`.
    pub upper_name: String,
    /// `province`, `district`, `commune`, `village`.
    pub level: &'static str,
}

impl From<&Unit> for UnitCtx {
    fn from(u: &Unit) -> Self {
        UnitCtx {
            code: u.code.clone(),
            name: u.name.clone(),
            full_name: u.full_name(),
            title_name: u.title_name(),
            upper_name: u.upper_name(),
            level: u.level.code(),
        }
    }
}

/// Who issues the document (ô 2, 4, 7 and the authority line).
#[derive(Debug, Clone, Serialize)]
pub struct Issuer {
    /// Parent body lines (upright).
    pub parent_body: Vec<String>,
    /// Issuing body lines (bold).
    pub issuing_body: Vec<String>,
    /// Place for the date line.
    pub place: String,
    /// Authority line of a decision, upper case.
    pub authority: String,
    /// The same in running text (`Chủ tịch Ủy ban nhân dân xã Hòa Bắc`).
    pub authority_text: String,
    /// The body in running text (`Ủy ban nhân dân xã Hòa Bắc`).
    pub name_text: String,
    /// Short form (`UBND xã Hòa Bắc`).
    pub short: String,
    /// Who proposes (`Trưởng phòng Văn hóa - Xã hội`).
    pub proposer: String,
    /// Drafting unit abbreviation for `Lưu: VT, …`.
    pub drafting_unit: String,
    /// Symbol abbreviation (`UBND`).
    pub symbol_org: String,
    /// Signer lines (ô 7a).
    pub signer_lines: Vec<String>,
    /// Signer's name.
    pub signer_name: String,
    /// The body above the issuer that gets a copy (`UBND huyện Hòa Vang`), or empty.
    pub superior: String,
    /// Whom reports go to.
    pub report_to: String,
    /// Focal point of the office.
    pub focal_name: String,
    /// Focal point's position.
    pub focal_title: String,
    /// Focal point's phone.
    pub focal_phone: String,
    /// Focal point's email.
    pub focal_email: String,
    /// True when the issuer is the commune derived from the unit, not the office itself.
    pub derived: bool,
    /// The level the issuer speaks for, from its unit in the registry: `commune` (a commune
    /// People's Committee), `district` (a district office, before 7/2025), `province` (a
    /// provincial department), `central` (an office with no unit).
    pub level: &'static str,
    /// The issuer's area in running text (`huyện Hòa Vang`), empty for a central office.
    pub area_name: String,
    /// The People's Committees of the units directly below the document's unit, by their kinds
    /// in the registry (`UBND các xã, phường`), empty when it has none.
    pub below: String,
    /// Whom the issuer reports to, in running text (`UBND huyện Hòa Vang và Sở Thông tin và
    /// Truyền thông thành phố Đà Nẵng`).
    pub answers_to: String,
}

/// A member as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct MemberCtx {
    /// The member's id in the registry.
    pub id: i64,
    /// Row number in the roster.
    pub stt: usize,
    /// Full name.
    pub name: String,
    /// `ông` / `bà`.
    pub title: &'static str,
    /// Năm sinh.
    pub year: String,
    /// Giới tính.
    pub gender: &'static str,
    /// Chức vụ trong Tổ.
    pub role: &'static str,
    /// Chức vụ, đơn vị công tác.
    pub position: String,
    /// Điện thoại.
    pub phone: String,
    /// Email.
    pub email: String,
    /// Ghi chú.
    pub note: String,
    /// Joined on (`05/3/2024`).
    pub joined_on: String,
    /// Left on.
    pub left_on: String,
    /// The decision that recorded the departure (`05/QĐ-UBND`), in a consolidation's changes.
    pub decision: String,
    /// The task typed for the member in a plan's year, or empty (the template then prints the
    /// role's default).
    pub task: String,
    /// The area or households in charge typed with it, or empty.
    pub area: String,
}

/// A role change a consolidation lists.
#[derive(Debug, Clone, Serialize)]
pub struct RoleChangeCtx {
    /// `ông` / `bà`.
    pub title: &'static str,
    /// Full name.
    pub name: String,
    /// Old role.
    pub from: &'static str,
    /// New role.
    pub to: &'static str,
    /// From (`01/6/2025`).
    pub on: String,
}

/// A move between teams a consolidation lists.
#[derive(Debug, Clone, Serialize)]
pub struct MoveCtx {
    /// `ông` / `bà`.
    pub title: &'static str,
    /// Full name.
    pub name: String,
    /// The other team (where they came from, or went to).
    pub team: String,
    /// Role.
    pub role: &'static str,
    /// From (`01/6/2025`).
    pub on: String,
}

/// A rename or a merger of the team a consolidation lists.
#[derive(Debug, Clone, Serialize)]
pub struct TeamChangeCtx {
    /// The old name (rename) or the merged team's name (merger).
    pub old: String,
    /// The new name (rename), empty for a merger.
    pub new: String,
    /// From (`01/6/2025`).
    pub on: String,
}

/// A team as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct TeamCtx {
    /// Id.
    pub id: i64,
    /// `Tổ Công nghệ số cộng đồng thôn An Phú`.
    pub name: String,
    /// Upper-case name for appendix titles.
    pub upper_name: String,
    /// The team's unit.
    pub unit: UnitCtx,
    /// The commune (or ward) the team belongs to, as in a table (`Xã Hòa Bắc`).
    pub commune: String,
    /// Active members in roster order.
    pub members: Vec<MemberCtx>,
    /// How many.
    pub count: usize,
    /// How many of them are trained.
    pub trained: usize,
    /// The Tổ trưởng, if any.
    pub leader: Option<MemberCtx>,
    /// The decision it was established or last consolidated by.
    pub decision_ref: String,
    /// Its date, long form.
    pub decision_date: String,
    /// Members who joined since that decision (consolidation).
    pub joined: Vec<MemberCtx>,
    /// Members who left since that decision (`note`: why; `decision`: by which decision).
    pub left: Vec<MemberCtx>,
    /// Role changes since that decision.
    pub role_changes: Vec<RoleChangeCtx>,
    /// Members who came from another team.
    pub moved_in: Vec<MoveCtx>,
    /// Members who went to another team.
    pub moved_out: Vec<MoveCtx>,
    /// Renames of the team.
    pub renamed: Vec<TeamChangeCtx>,
    /// Teams merged into this one.
    pub merged: Vec<TeamChangeCtx>,
    /// The name the team had in the decision being replaced, when it was renamed since (the
    /// kiện toàn names it «… (thay cho …)»); empty otherwise.
    pub replaces: String,
    /// How many changes in all.
    pub changes: usize,
    /// Zalo group link.
    pub zalo: String,
}

/// A decision being replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviousDecision {
    /// `05/QĐ-UBND`.
    pub number: String,
    /// `ngày 15 tháng 4 năm 2022`, or empty when unknown.
    pub date: String,
    /// Its trích yếu as recorded (`về việc thành lập Tổ …`), or empty when unknown.
    pub summary: String,
}

/// Registry figures for plans and reports.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Villages (thôn, tổ dân phố) in the unit.
    pub villages: usize,
    /// Villages with a team.
    pub villages_with_team: usize,
    /// Coverage `87,5%`.
    pub coverage: String,
    /// Teams.
    pub teams: usize,
    /// Active members.
    pub members: usize,
    /// Women among them.
    pub women: usize,
    /// Trained members.
    pub trained: usize,
    /// Trained share `72%`.
    pub trained_share: String,
    /// Communes in the unit (for district and province documents).
    pub communes: usize,
}

/// One indicator row of the report appendix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorRow {
    /// Label.
    pub label: String,
    /// Unit of measure.
    pub unit: String,
    /// Value in the period, formatted.
    pub value: String,
    /// Cumulative value, formatted.
    pub cumulative: String,
}

/// The report's indicator numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReportNumbers {
    /// Rows; empty when nothing is reported yet.
    pub rows: Vec<IndicatorRow>,
    /// Shown in place of the rows when there are none.
    pub empty_note: String,
    /// The indicator columns of the table by unit: `label`, `unit`.
    pub columns: Vec<ColumnCtx>,
    /// One row per unit below the report's, in registry order: its values in the period,
    /// formatted, blank where it reported nothing.
    pub units: Vec<UnitRowCtx>,
    /// The total row of that table (the report's own totals).
    pub total: Vec<String>,
    /// Each indicator's value in the period by code, formatted (`citizens_guided` →
    /// `30.556`), for the text that quotes them; `0` where nothing was reported.
    pub value: std::collections::BTreeMap<String, String>,
}

/// An indicator column of the table by unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnCtx {
    /// Label.
    pub label: String,
    /// Unit of measure.
    pub unit: String,
}

/// A unit's row in the table by unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRowCtx {
    /// `Xã Hòa Bắc`.
    pub name: String,
    /// Values in column order.
    pub values: Vec<String>,
}

/// The aggregated indicators a report prints: the period's and, for a shorter period, the
/// year's so far (its cumulative column).
#[derive(Debug, Clone)]
pub struct ReportFigures {
    /// Over the document's period.
    pub period: Aggregate,
    /// Over the period's year from January through the period's end, when the period is shorter
    /// than a year.
    pub year: Option<Aggregate>,
    /// A plan's targets for its year: (label, unit of measure, target), with the current
    /// status taken from `period` (the year before the plan's).
    pub targets: Vec<(String, String, String, i64)>,
}

/// The report template's indicator numbers over `period`, from `crate::report`'s aggregation
/// (the one source every report prints): one row per indicator that has a value, the period's
/// total and the cumulative total of the year so far. No figures or no values: no rows, and the
/// appendix shows "chưa có số liệu".
pub fn report_numbers(figures: Option<&ReportFigures>, period: Period) -> ReportNumbers {
    let empty_note = format!("Chưa có số liệu chỉ tiêu cho kỳ {}.", period.label());
    let Some(f) = figures else {
        return ReportNumbers {
            empty_note,
            value: crate::model::builtin_codes()
                .map(|code| (code.to_string(), "0".to_string()))
                .collect(),
            ..ReportNumbers::default()
        };
    };
    let agg = &f.period;
    let fmt = |v: Option<i64>| v.map(crate::vietnamese::format_number).unwrap_or_default();
    let rows = agg
        .columns
        .iter()
        .filter_map(|c| {
            let value = agg.totals.get(&c.code);
            let cum = match &f.year {
                Some(y) => y.totals.get(&c.code),
                None => value,
            };
            (value.is_some() || cum.is_some()).then(|| IndicatorRow {
                label: c.label.clone(),
                unit: c.measure.clone(),
                value: fmt(value),
                cumulative: fmt(cum),
            })
        })
        .collect();
    let columns = agg
        .columns
        .iter()
        .map(|c| ColumnCtx {
            label: c.label.clone(),
            unit: c.measure.clone(),
        })
        .collect();
    let units = agg
        .rows
        .iter()
        .map(|r| UnitRowCtx {
            name: r.unit.name.clone(),
            values: agg
                .columns
                .iter()
                .map(|c| fmt(r.values.get(&c.code)))
                .collect(),
        })
        .collect();
    let total = agg
        .columns
        .iter()
        .map(|c| fmt(agg.totals.get(&c.code)))
        .collect();
    let value = crate::model::builtin_codes()
        .map(|code| {
            (
                code.to_string(),
                crate::vietnamese::format_number(agg.totals.get(code).unwrap_or(0)),
            )
        })
        .chain(
            agg.totals
                .0
                .iter()
                .map(|(c, v)| (c.clone(), crate::vietnamese::format_number(*v))),
        )
        .collect();
    ReportNumbers {
        rows,
        empty_note,
        columns,
        units,
        total,
        value,
    }
}

/// Roman numerals for appendix labels and section numbers.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Sorts members for a roster: Tổ trưởng, Tổ phó, Thành viên; Vietnamese name order in each.
pub fn roster_order(list: &mut [Member]) {
    list.sort_by(|a, b| {
        a.role
            .cmp(&b.role)
            .then_with(|| compare_names(&a.full_name, &b.full_name))
            .then_with(|| a.id.cmp(&b.id))
    });
}

fn member_ctx(stt: usize, m: &Member) -> MemberCtx {
    MemberCtx {
        id: m.id,
        stt,
        name: m.full_name.clone(),
        title: match m.gender {
            Some(crate::model::Gender::Female) => "bà",
            _ => "ông",
        },
        year: m.year_of_birth.map(|y| y.to_string()).unwrap_or_default(),
        gender: m.gender.map(|g| g.label()).unwrap_or_default(),
        role: m.role.label(),
        position: m.position.clone().unwrap_or_default(),
        phone: m.phone.clone().unwrap_or_default(),
        email: m.email.clone().unwrap_or_default(),
        note: String::new(),
        joined_on: m.joined_on.map(date_short).unwrap_or_default(),
        left_on: m.left_on.map(date_short).unwrap_or_default(),
        decision: String::new(),
        task: String::new(),
        area: String::new(),
    }
}

/// The members on a team on `date` (a membership is the period `joined_on ≤ date < left_on`),
/// each with the role they held then: from the team's history when it was loaded, else from
/// each member's current (or last) membership.
pub fn members_on(facts: &TeamFacts, date: NaiveDate) -> Vec<Member> {
    if facts.history.is_empty() {
        return facts
            .members
            .iter()
            .filter(|m| m.active_on(date))
            .cloned()
            .collect();
    }
    let by_id: HashMap<i64, &Member> = facts.members.iter().map(|m| (m.id, m)).collect();
    let mut seen = HashSet::new();
    facts
        .history
        .iter()
        .filter(|ms| ms.joined_on.is_none_or(|j| j <= date) && ms.left_on.is_none_or(|l| l > date))
        .filter_map(|ms| {
            let person = by_id.get(&ms.member_id)?;
            seen.insert(ms.member_id).then(|| Member {
                role: ms.role,
                joined_on: ms.joined_on,
                left_on: ms.left_on,
                ..(*person).clone()
            })
        })
        .collect()
}

/// A team's context on `date`: the members on the team that day (`members_on`); with
/// `changes`, what changed after its decision in force up to `date` (joiners, leavers with their
/// reason, role changes, moves, renames and mergers).
pub fn team_ctx(facts: &TeamFacts, changes: bool, date: NaiveDate) -> TeamCtx {
    let team = &facts.team;
    let unit = &facts.unit;
    let mut active: Vec<Member> = members_on(facts, date);
    roster_order(&mut active);
    let list: Vec<MemberCtx> = active
        .iter()
        .enumerate()
        .map(|(i, m)| member_ctx(i + 1, m))
        .collect();
    let mut c = Changes::default();
    if changes {
        c = changes_ctx(facts, date);
    }
    let count = c.joined.len()
        + c.left.len()
        + c.role_changes.len()
        + c.moved_in.len()
        + c.moved_out.len()
        + c.renamed.len()
        + c.merged.len();
    TeamCtx {
        id: team.id,
        name: team.name.clone(),
        upper_name: upper(&team.name),
        commune: facts
            .commune
            .as_ref()
            .map(|c| c.title_name())
            .unwrap_or_default(),
        unit: UnitCtx::from(unit),
        count: list.len(),
        trained: active.iter().filter(|m| m.trained).count(),
        leader: list
            .iter()
            .find(|m| m.role == Role::Leader.label())
            .cloned(),
        members: list,
        decision_ref: team.decision_ref.clone().unwrap_or_default(),
        decision_date: team.decision_date.map(date_long).unwrap_or_default(),
        joined: c.joined,
        left: c.left,
        role_changes: c.role_changes,
        moved_in: c.moved_in,
        moved_out: c.moved_out,
        replaces: c
            .renamed
            .first()
            .map(|r| r.old.clone())
            .filter(|old| *old != team.name)
            .unwrap_or_default(),
        renamed: c.renamed,
        merged: c.merged,
        changes: count,
        zalo: team.zalo_link.clone().unwrap_or_default(),
    }
}

/// The change lists of a team context.
#[derive(Default)]
struct Changes {
    joined: Vec<MemberCtx>,
    left: Vec<MemberCtx>,
    role_changes: Vec<RoleChangeCtx>,
    moved_in: Vec<MoveCtx>,
    moved_out: Vec<MoveCtx>,
    renamed: Vec<TeamChangeCtx>,
    merged: Vec<TeamChangeCtx>,
}

/// The team's recorded changes up to `date`, as the template lists them.
fn changes_ctx(facts: &TeamFacts, date: NaiveDate) -> Changes {
    let by_id: HashMap<i64, &Member> = facts.members.iter().map(|m| (m.id, m)).collect();
    let title = |m: &Member| match m.gender {
        Some(crate::model::Gender::Female) => "bà",
        _ => "ông",
    };
    let mut c = Changes::default();
    // Each joiner or leaver with the reason and the decision of a departure.
    type Noted = Vec<(Member, String, String)>;
    let (mut joined, mut left): (Noted, Noted) = (Vec::new(), Vec::new());
    for change in &facts.changes {
        match change {
            Change::Joined { member, role, on } if on.is_none_or(|d| d <= date) => {
                if let Some(p) = by_id.get(member) {
                    let m = Member {
                        role: *role,
                        joined_on: *on,
                        left_on: None,
                        ..(*p).clone()
                    };
                    joined.push((m, String::new(), String::new()));
                }
            }
            Change::Left {
                member,
                role,
                on,
                reason,
                decision,
            } if *on <= date => {
                if let Some(p) = by_id.get(member) {
                    let m = Member {
                        role: *role,
                        left_on: Some(*on),
                        ..(*p).clone()
                    };
                    left.push((
                        m,
                        reason.clone().unwrap_or_default(),
                        decision.clone().unwrap_or_default(),
                    ));
                }
            }
            Change::RoleChanged {
                member,
                from,
                to,
                on,
            } if *on <= date => {
                if let Some(p) = by_id.get(member) {
                    c.role_changes.push(RoleChangeCtx {
                        title: title(p),
                        name: p.full_name.clone(),
                        from: from.label(),
                        to: to.label(),
                        on: date_short(*on),
                    });
                }
            }
            Change::MovedIn {
                member,
                from_team,
                role,
                on,
            } if *on <= date => {
                if let Some(p) = by_id.get(member) {
                    c.moved_in.push(MoveCtx {
                        title: title(p),
                        name: p.full_name.clone(),
                        team: from_team.clone(),
                        role: role.label(),
                        on: date_short(*on),
                    });
                }
            }
            Change::MovedOut {
                member,
                to_team,
                role,
                on,
            } if *on <= date => {
                if let Some(p) = by_id.get(member) {
                    c.moved_out.push(MoveCtx {
                        title: title(p),
                        name: p.full_name.clone(),
                        team: to_team.clone(),
                        role: role.label(),
                        on: date_short(*on),
                    });
                }
            }
            Change::Renamed { old, new, on } if *on <= date => c.renamed.push(TeamChangeCtx {
                old: old.clone(),
                new: new.clone(),
                on: date_short(*on),
            }),
            Change::Merged { other, on } if *on <= date => c.merged.push(TeamChangeCtx {
                old: other.clone(),
                new: String::new(),
                on: date_short(*on),
            }),
            _ => {}
        }
    }
    let ordered = |mut v: Noted| -> Vec<MemberCtx> {
        v.sort_by(|a, b| {
            a.0.role
                .cmp(&b.0.role)
                .then_with(|| compare_names(&a.0.full_name, &b.0.full_name))
        });
        v.iter()
            .enumerate()
            .map(|(i, (m, note, decision))| MemberCtx {
                note: note.clone(),
                decision: decision.clone(),
                ..member_ctx(i + 1, m)
            })
            .collect()
    };
    c.joined = ordered(joined);
    c.left = ordered(left);
    c
}

/// The figures of a plan or a report about the facts' unit.
pub fn stats(facts: &DraftFacts, team_list: &[TeamCtx]) -> Stats {
    let mut s = Stats::default();
    let with_team: HashSet<&str> = team_list.iter().map(|t| t.unit.code.as_str()).collect();
    for u in facts.subtree.iter().filter(|u| u.is_current()) {
        match u.level {
            Level::Village => {
                s.villages += 1;
                if with_team.contains(u.code.as_str()) {
                    s.villages_with_team += 1;
                }
            }
            Level::Commune => s.communes += 1,
            _ => {}
        }
    }
    s.teams = team_list.len();
    for t in team_list {
        s.members += t.count;
        s.women += t.members.iter().filter(|m| m.gender == "Nữ").count();
    }
    // The team list covers the same teams as the subtree: no second read of the members.
    s.trained = team_list.iter().map(|t| t.trained).sum();
    s.coverage = share(s.villages_with_team, s.villages);
    s.trained_share = share(s.trained, s.members);
    s
}

/// `a` of `b` as a share (`0%` of nobody).
fn share(a: usize, b: usize) -> String {
    if b == 0 {
        "0%".to_string()
    } else {
        percent(a as f64 * 100.0 / b as f64)
    }
}

/// A report's members trained are the period's `members_trained` as the units reported it (the
/// figure its appendices print), not the registry's trained flag: that flag has no date, so on a
/// report of a past period it counts people trained since. Unreported: 0, and the body says
/// nothing of it.
pub fn trained_as_reported(s: &mut Stats, period: &Aggregate) {
    let reported = period
        .totals
        .get(crate::report::checks::MEMBERS_TRAINED)
        .unwrap_or(0);
    s.trained = usize::try_from(reported).unwrap_or(0);
    s.trained_share = share(s.trained, s.members);
}

/// The `doc` variable.
#[derive(Debug, Clone, Serialize)]
pub struct DocCtx {
    pub number_line: String,
    pub number: String,
    pub symbol: String,
    pub date_line: String,
    pub date: String,
    pub date_long: String,
    /// Years print as written (2025), never with a thousands dot: strings in the context.
    #[serde(serialize_with = "as_text")]
    pub year: i32,
    #[serde(serialize_with = "as_text")]
    pub today_year: i32,
    pub reference: String,
    /// The `(Kèm theo … )` line of the appendices.
    pub attached: String,
}

/// A value serialised as its text (a year is not a quantity: no thousands dot).
fn as_text<S: serde::Serializer>(v: &i32, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// A percentage as the programme's documents write it: `100%`, `70,8%` (no space).
pub fn percent(value: f64) -> String {
    crate::vietnamese::format_percent(value)
}
