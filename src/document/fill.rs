//! Builds each template's context from the registry: the issuer (the office, or the commune that
//! issues decisions for its own teams), the unit, the legal bases valid on the document's date,
//! the teams with their active members (Tổ trưởng → Tổ phó → Thành viên, each group in
//! Vietnamese name order), the changes since the previous decision for a consolidation, and the
//! numbers the plan, the report and the focal-point list print. `templates/README.md` lists every
//! variable; keep the two in step.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use minijinja::Value;
use minijinja::value::Serde;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::model::Document;
use super::template;
use super::templates::{LEGAL_BASES, Templates};
use crate::error::{Error, Field, Result};
use crate::model::{DocKind, Level, Member, Office, Period, Role, Symbols, Team, Unit};
use crate::store::{documents, members, settings, teams, units};
use crate::vietnamese::{capitalize, compare_names, date_long, date_short, nfc, upper};

/// The date two-tier local government began (Luật 72/2025/QH15): communes draft through their
/// Phòng Văn hóa - Xã hội from then on.
fn two_tier_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

/// What to draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Kind (a decision kind may be picked with `decision_kind`).
    pub kind: DocKind,
    /// The unit the document is about.
    pub unit_id: i64,
    /// Only this one of the unit's teams (a commune's own team), instead of all of them.
    pub team_id: Option<i64>,
    /// The document's date (the day it is drafted, or issued).
    pub date: NaiveDate,
    /// The year a plan covers (default: the date's year).
    pub year: Option<i32>,
    /// The period a report covers (default: the date's year).
    pub period: Option<Period>,
    /// The register number, once issued.
    pub number: Option<u32>,
}

/// A drafted document with what the register needs.
#[derive(Debug, Clone)]
pub struct Drafted {
    /// The document.
    pub document: Document,
    /// Symbol (`QĐ-UBND`).
    pub symbol: String,
    /// The register the number comes from (the issuing body's name).
    pub register: String,
    /// Tên loại và trích yếu for the register.
    pub summary: String,
}

impl Drafted {
    /// The register entry for this draft written to `output` with content hash `sha256`: the
    /// Nơi nhận items become the register's recipients, and `Lưu: …` its keeper. The command line
    /// and the window record drafts through this one function.
    pub fn register_entry(
        &self,
        req: &Request,
        output: &Path,
        sha256: &str,
    ) -> documents::NewDraft {
        let sig = &self.document.signature;
        let (keep, send): (Vec<&String>, Vec<&String>) =
            sig.recipients.iter().partition(|r| r.starts_with("Lưu:"));
        let keeper = keep
            .first()
            .map(|k| {
                k.trim_start_matches("Lưu:")
                    .trim()
                    .trim_end_matches('.')
                    .to_string()
            })
            .unwrap_or_default();
        let recipients = send
            .iter()
            .map(|r| r.trim_end_matches([';', '.']))
            .collect::<Vec<_>>()
            .join("; ");
        documents::NewDraft {
            kind: req.kind.code().into(),
            unit_id: Some(req.unit_id),
            team_id: req.team_id,
            body: serde_json::to_string(&self.document).ok(),
            summary: self.summary.clone(),
            register: self.register.clone(),
            symbol: self.symbol.clone(),
            signer: sig.signer_name.clone(),
            recipients,
            keeper,
            output_path: Some(output.display().to_string()),
            sha256: Some(sha256.to_string()),
        }
    }
}

/// One legal basis with the dates it may be cited and the kinds that cite it
/// (`templates/can-cu.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalBasis {
    /// Text without the leading `Căn cứ` and the final punctuation.
    pub text: String,
    /// First day it may be cited.
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    /// Last day it may be cited.
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
    /// Kinds: `decision`, `plan`, `report`, `list`.
    pub kinds: Vec<String>,
}

/// Legal bases valid on `date` for `kind`, in file order.
pub fn legal_bases(all: &[LegalBasis], kind: DocKind, date: NaiveDate) -> Vec<String> {
    let group = kind.group();
    all.iter()
        .filter(|b| b.kinds.iter().any(|k| k == group))
        .filter(|b| b.valid_from.is_none_or(|f| f <= date) && b.valid_to.is_none_or(|t| date <= t))
        .map(|b| nfc(&b.text))
        .collect()
}

/// Reads `can-cu.json`.
pub fn load_legal_bases(templates: &Templates) -> Result<Vec<LegalBasis>> {
    let source = templates.file(LEGAL_BASES)?;
    serde_json::from_str(&source.text).map_err(|e| Error::Template {
        file: source.name.clone(),
        line: e.line(),
        reason: format!("cột {}: JSON không hợp lệ", e.column()),
    })
}

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
}

/// A member as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct MemberCtx {
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
    /// Members who left since that decision.
    pub left: Vec<MemberCtx>,
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
}

/// Registry figures for plans and reports.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Villages (thôn, tổ dân phố) in the unit.
    pub villages: usize,
    /// Villages with a team.
    pub villages_with_team: usize,
    /// Coverage `87,5 %`.
    pub coverage: String,
    /// Teams.
    pub teams: usize,
    /// Active members.
    pub members: usize,
    /// Women among them.
    pub women: usize,
    /// Trained members.
    pub trained: usize,
    /// Trained share `72 %`.
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
}

/// The report template's indicator numbers for `unit` over `period`, from `crate::report`'s
/// aggregation (the one source every report prints): one row per indicator that has a value,
/// the period's total and the cumulative total of the year so far (the year's values; later
/// periods have none yet). No values: no rows, and the appendix shows "chưa có số liệu".
pub fn report_context(conn: &Connection, unit: &Unit, p: Period) -> Result<ReportNumbers> {
    let agg = crate::report::aggregate(conn, unit.id, &p)?;
    let year = Period::Year(p.year());
    let cumulative = if p == year {
        None
    } else {
        Some(crate::report::aggregate(conn, unit.id, &year)?)
    };
    let fmt = |v: Option<i64>| v.map(crate::vietnamese::format_number).unwrap_or_default();
    let rows = agg
        .columns
        .iter()
        .filter_map(|c| {
            let value = agg.totals.get(&c.code);
            let cum = match &cumulative {
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
    Ok(ReportNumbers {
        rows,
        empty_note: format!("Chưa có số liệu chỉ tiêu cho kỳ {}.", p.label()),
    })
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

/// The commune a unit belongs to (itself for a commune).
fn commune_of(conn: &Connection, unit: &Unit) -> Result<Option<Unit>> {
    match unit.level {
        Level::Commune => Ok(Some(unit.clone())),
        Level::Village => match unit.parent_id {
            Some(p) => {
                let parent = units::get(conn, p)?;
                Ok((parent.level == Level::Commune).then_some(parent))
            }
            None => Ok(None),
        },
        _ => Ok(None),
    }
}

/// `ỦY BAN NHÂN DÂN XÃ HÒA BẮC` → [`ỦY BAN NHÂN DÂN`, `XÃ HÒA BẮC`]: the body name as printed.
fn body_lines(s: &str) -> Vec<String> {
    let s = nfc(s);
    if s.is_empty() {
        return Vec::new();
    }
    for head in ["ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "] {
        if let Some(rest) = s.strip_prefix(head) {
            return vec![head.trim().to_string(), rest.to_string()];
        }
    }
    vec![s]
}

/// An upper-case body or authority as running text: the unit's name keeps its capitals,
/// the rest is sentence case, `Ủy ban nhân dân` keeps its capital.
fn running_text(upper_text: &str, unit: Option<&Unit>) -> String {
    let mut head = upper_text.to_string();
    let mut tail = String::new();
    if let Some(u) = unit
        && let Some(h) = upper_text.strip_suffix(&u.upper_name())
    {
        head = h.trim_end().to_string();
        tail = u.full_name();
    }
    let lower = head.to_lowercase();
    let lower = lower.replace("ủy ban nhân dân", "Ủy ban nhân dân");
    let text = capitalize(&lower);
    if tail.is_empty() {
        text
    } else if text.is_empty() {
        capitalize(&tail)
    } else {
        format!("{text} {tail}")
    }
}

/// The issuer of a document about `unit`: the office, unless the unit is a commune (or a village
/// of one) that is not the office's own unit; then that commune's People's Committee issues it.
pub fn issuer(conn: &Connection, office: &Office, unit: &Unit, date: NaiveDate) -> Result<Issuer> {
    let own = match &office.unit_code {
        Some(c) => units::by_code(conn, c)?,
        None => None,
    };
    let commune = commune_of(conn, unit)?;
    if let Some(c) = commune.filter(|c| own.as_ref().is_none_or(|o| o.id != c.id)) {
        let parent = c.parent_id.map(|p| units::get(conn, p)).transpose()?;
        // The commune chairman leads the commune team in most rosters: take the name from there.
        let chair = teams::of_unit(conn, c.id)?
            .iter()
            .map(|t| members::of_team(conn, t.id, false))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .find(|m| {
                m.position
                    .as_deref()
                    .is_some_and(|p| p.starts_with("Chủ tịch"))
            })
            .map(|m| m.full_name)
            .unwrap_or_default();
        let proposer = if date >= two_tier_start() {
            "Trưởng phòng Văn hóa - Xã hội"
        } else {
            "công chức Văn hóa - Xã hội"
        };
        let superior = parent
            .map(|p| format!("UBND {}", p.full_name()))
            .unwrap_or_default();
        return Ok(Issuer {
            parent_body: Vec::new(),
            issuing_body: vec!["ỦY BAN NHÂN DÂN".into(), c.upper_name()],
            place: c.name.clone(),
            authority: format!("CHỦ TỊCH ỦY BAN NHÂN DÂN {}", c.upper_name()),
            authority_text: format!("Chủ tịch Ủy ban nhân dân {}", c.full_name()),
            name_text: format!("Ủy ban nhân dân {}", c.full_name()),
            short: format!("UBND {}", c.full_name()),
            proposer: proposer.into(),
            drafting_unit: "VHXH".into(),
            symbol_org: "UBND".into(),
            signer_lines: vec!["CHỦ TỊCH".into()],
            signer_name: chair,
            // A commune reports to the level above it, which is what the office serves.
            report_to: if superior.is_empty() {
                nfc(&office.report_to)
            } else {
                superior.clone()
            },
            superior,
            focal_name: String::new(),
            focal_title: String::new(),
            focal_phone: String::new(),
            focal_email: String::new(),
            derived: true,
        });
    }
    let issuing = nfc(&office.issuing_body);
    let authority = if office.authority.trim().is_empty() {
        upper(&format!("{} {issuing}", office.head_title))
    } else {
        nfc(&office.authority)
    };
    let superior = own
        .as_ref()
        .and_then(|o| o.parent_id)
        .map(|p| units::get(conn, p))
        .transpose()?
        .map(|p| format!("UBND {}", p.full_name()))
        .unwrap_or_default();
    let name_text = running_text(&issuing, own.as_ref());
    let short = name_text.replace("Ủy ban nhân dân", "UBND");
    Ok(Issuer {
        parent_body: body_lines(&office.parent_body),
        issuing_body: body_lines(&issuing),
        place: nfc(&office.place),
        authority_text: running_text(&authority, own.as_ref()),
        authority,
        name_text,
        short,
        proposer: nfc(&office.proposer),
        drafting_unit: nfc(&office.drafting_unit),
        symbol_org: nfc(&office.symbol_org),
        signer_lines: office.signer_lines(),
        signer_name: nfc(&office.signer_name),
        superior,
        report_to: nfc(&office.report_to),
        focal_name: nfc(&office.focal_name),
        focal_title: nfc(&office.focal_title),
        focal_phone: nfc(&office.focal_phone),
        focal_email: nfc(&office.focal_email),
        derived: false,
    })
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
    }
}

/// A team's context; with `changes`, the members who joined and left after its decision date.
fn team_ctx(conn: &Connection, team: &Team, changes: bool) -> Result<TeamCtx> {
    let unit = units::get(conn, team.unit_id)?;
    let everyone = members::of_team(conn, team.id, true)?;
    let mut active: Vec<Member> = everyone.iter().filter(|m| m.is_active()).cloned().collect();
    roster_order(&mut active);
    let list: Vec<MemberCtx> = active
        .iter()
        .enumerate()
        .map(|(i, m)| member_ctx(i + 1, m))
        .collect();
    let (mut joined, mut left) = (Vec::new(), Vec::new());
    if changes {
        let after = |d: Option<NaiveDate>| match (d, team.decision_date) {
            (Some(d), Some(prev)) => d > prev,
            // Without a decision date every recorded change counts.
            (Some(_), None) => true,
            (None, _) => false,
        };
        let by_id: std::collections::HashMap<i64, &Member> =
            everyone.iter().map(|m| (m.id, m)).collect();
        let mut j: Vec<Member> = Vec::new();
        let mut l: Vec<Member> = Vec::new();
        for ms in members::history(conn, team.id)? {
            let Some(person) = by_id.get(&ms.member_id) else {
                continue;
            };
            let m = Member {
                role: ms.role,
                joined_on: ms.joined_on,
                left_on: ms.left_on,
                ..(*person).clone()
            };
            if ms.left_on.is_some() && after(ms.left_on) {
                l.push(m);
            } else if ms.left_on.is_none()
                && after(ms.joined_on)
                && ms.joined_decision.as_deref() != team.decision_ref.as_deref()
            {
                j.push(m);
            }
        }
        roster_order(&mut j);
        roster_order(&mut l);
        joined = j
            .iter()
            .enumerate()
            .map(|(i, m)| member_ctx(i + 1, m))
            .collect();
        left = l
            .iter()
            .enumerate()
            .map(|(i, m)| member_ctx(i + 1, m))
            .collect();
    }
    Ok(TeamCtx {
        id: team.id,
        name: team.name.clone(),
        upper_name: upper(&team.name),
        commune: commune_of(conn, &unit)?
            .map(|c| c.title_name())
            .unwrap_or_default(),
        unit: UnitCtx::from(&unit),
        count: list.len(),
        trained: active.iter().filter(|m| m.trained).count(),
        leader: list
            .iter()
            .find(|m| m.role == Role::Leader.label())
            .cloned(),
        members: list,
        decision_ref: team.decision_ref.clone().unwrap_or_default(),
        decision_date: team.decision_date.map(date_long).unwrap_or_default(),
        joined,
        left,
        zalo: team.zalo_link.clone().unwrap_or_default(),
    })
}

/// The teams a document about `unit` covers: a commune's (its own and its villages'), a
/// village's, or every team below a district or province.
fn teams_for(conn: &Connection, unit: &Unit) -> Result<Vec<Team>> {
    match unit.level {
        Level::Village => teams::of_unit(conn, unit.id),
        _ => teams::in_subtree(conn, unit.id),
    }
}

/// Establishment when none of the unit's teams has an earlier decision (on the team or in the
/// register), consolidation when one has.
pub fn decision_kind(conn: &Connection, unit: &Unit) -> Result<DocKind> {
    decision_kind_of(conn, unit, &teams_for(conn, unit)?)
}

/// `decision_kind` for some of the unit's teams (one team of a per-team batch).
pub fn decision_kind_of(conn: &Connection, unit: &Unit, teams: &[Team]) -> Result<DocKind> {
    let earlier = teams.iter().any(|t| t.decision_ref.is_some())
        || documents::latest_decision(conn, unit.id)?.is_some();
    Ok(if earlier {
        DocKind::DecisionConsolidate
    } else {
        DocKind::DecisionEstablish
    })
}

fn stats(conn: &Connection, unit: &Unit, team_list: &[TeamCtx]) -> Result<Stats> {
    let mut s = Stats::default();
    // Only the subtree: reading every unit per document dominated batch drafting.
    let inside = units::subtree(conn, unit.id)?;
    let with_team: std::collections::HashSet<&str> =
        team_list.iter().map(|t| t.unit.code.as_str()).collect();
    for u in inside.iter().filter(|u| u.is_current()) {
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
    let share = |a: usize, b: usize| {
        if b == 0 {
            "0 %".to_string()
        } else {
            crate::vietnamese::format_percent(a as f64 * 100.0 / b as f64)
        }
    };
    s.coverage = share(s.villages_with_team, s.villages);
    s.trained_share = share(s.trained, s.members);
    Ok(s)
}

/// The `doc` variable.
#[derive(Debug, Clone, Serialize)]
struct DocCtx {
    number_line: String,
    number: String,
    symbol: String,
    date_line: String,
    date: String,
    date_long: String,
    year: i32,
    today_year: i32,
    reference: String,
    /// The `(Kèm theo … )` line of the appendices.
    attached: String,
}

/// Builds the context of a template and renders it into a `Document`.
pub fn draft(conn: &Connection, templates: &Templates, req: &Request) -> Result<Drafted> {
    let unit = units::get(conn, req.unit_id)?;
    let office = settings::office(conn)?;
    let symbols: Symbols = settings::get(conn, "document_symbols")?;
    let issuer = issuer(conn, &office, &unit, req.date)?;
    let symbol = symbols.for_kind(req.kind, &issuer.symbol_org);
    let is_decision = req.kind.is_decision();
    if is_decision && !matches!(unit.level, Level::Commune | Level::Village) {
        return Err(Error::not_allowed(format!(
            "Quyết định thành lập, kiện toàn Tổ do Chủ tịch UBND cấp xã ban hành: hãy chọn một xã, \
             phường hoặc một thôn, tổ dân phố (đã chọn {}).",
            unit.full_name()
        )));
    }
    let team_list: Vec<TeamCtx> = teams_for(conn, &unit)?
        .iter()
        .filter(|t| req.team_id.is_none_or(|id| t.id == id))
        .map(|t| team_ctx(conn, t, req.kind == DocKind::DecisionConsolidate))
        .collect::<Result<_>>()?;
    if team_list.is_empty() && req.kind != DocKind::Report && req.kind != DocKind::Plan {
        return Err(Error::not_allowed(format!(
            "{} chưa có Tổ Công nghệ số cộng đồng nào trong sổ.",
            unit.title_name()
        )));
    }
    // The decisions a consolidation replaces: the teams' own, else the register's.
    let mut previous: Vec<PreviousDecision> = Vec::new();
    for t in &team_list {
        if !t.decision_ref.is_empty() {
            let p = PreviousDecision {
                number: t.decision_ref.clone(),
                date: t.decision_date.clone(),
            };
            if !previous.contains(&p) {
                previous.push(p);
            }
        }
    }
    if previous.is_empty()
        && let Some(e) = documents::latest_decision(conn, unit.id)?
    {
        previous.push(PreviousDecision {
            number: e.reference(),
            date: e.issued_on.map(date_long).unwrap_or_default(),
        });
    }
    if req.kind == DocKind::DecisionConsolidate && previous.is_empty() {
        return Err(Error::bad_value(
            Field::DecisionKind,
            "kiện toàn",
            format!(
                "không kiện toàn được: các Tổ của {} chưa có quyết định thành lập nào (trên hồ sơ \
                 Tổ hoặc trong sổ đăng ký); hãy soạn quyết định thành lập",
                unit.full_name()
            ),
        ));
    }
    let bases = legal_bases(&load_legal_bases(templates)?, req.kind, req.date);
    let number = req
        .number
        .map(crate::vietnamese::doc_number)
        .unwrap_or_default();
    let reference = crate::vietnamese::doc_reference(req.number, &symbol);
    let kind_word = req.kind.word();
    let doc = DocCtx {
        number_line: crate::vietnamese::number_line(req.number, &symbol),
        number,
        symbol: symbol.clone(),
        date_line: crate::vietnamese::date_line(&issuer.place, req.date),
        date: date_short(req.date),
        date_long: date_long(req.date),
        year: req.year.unwrap_or(req.date.year()),
        today_year: req.date.year(),
        attached: format!(
            "(Kèm theo {kind_word} số {reference} {} của {})",
            date_long(req.date),
            if is_decision {
                issuer.authority_text.clone()
            } else {
                issuer.name_text.clone()
            }
        ),
        reference,
    };
    let period = req.period.unwrap_or(Period::Year(req.date.year()));
    let period_text = period.label();
    let source = templates.template(req.kind)?;
    // The aggregation only where the template prints indicator numbers (reports, plans, or a
    // clerk's template that uses them): a decision does not pay for it.
    let indicators = if source.text.contains("indicators") {
        report_context(conn, &unit, period)?
    } else {
        ReportNumbers::default()
    };
    let stats = stats(conn, &unit, &team_list)?;
    let appendix_labels: Vec<String> = if team_list.len() > 1 {
        (1..=team_list.len())
            .map(|i| format!("Phụ lục {}", roman(i)))
            .collect()
    } else {
        vec![String::new(); team_list.len()]
    };
    let commune = commune_of(conn, &unit)?.unwrap_or_else(|| unit.clone());
    // How the area is named in a summary: `trên địa bàn xã X` or `thôn Y, xã X`.
    let area = if unit.level == Level::Village && commune.id != unit.id {
        format!("{}, {}", unit.full_name(), commune.full_name())
    } else {
        format!("trên địa bàn {}", unit.full_name())
    };
    let ctx = minijinja::context! {
        commune => Value::from(Serde(UnitCtx::from(&commune))),
        area => area,
        doc => Value::from(Serde(&doc)),
        issuer => Value::from(Serde(&issuer)),
        unit => Value::from(Serde(UnitCtx::from(&unit))),
        can_cu => bases,
        teams => Value::from(Serde(&team_list)),
        appendix_labels => appendix_labels,
        previous => Value::from(Serde(&previous)),
        stats => Value::from(Serde(&stats)),
        period => period.to_string(),
        period_text => period_text,
        indicators => Value::from(Serde(&indicators)),
        two_tier => req.date >= two_tier_start(),
    };
    let document = template::render(&source, req.kind, ctx)?;
    let summary = format!(
        "{} {}",
        capitalize(&document.title.kind.to_lowercase()),
        document.title.summary.join(" ")
    )
    .trim()
    .to_string();
    Ok(Drafted {
        register: issuer.issuing_body.join(" "),
        symbol,
        summary,
        document,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_numerals() {
        let label = |s: &str| s.parse::<Period>().map(Period::label);
        assert_eq!(label("2024").unwrap(), "năm 2024");
        assert_eq!(label("2024-H1").unwrap(), "6 tháng đầu năm 2024");
        assert_eq!(label("2024-Q2").unwrap(), "quý II năm 2024");
        assert_eq!(label("2024-05").unwrap(), "tháng 5 năm 2024");
        assert!(label("2024-13").is_err());
        assert!(label("abc").is_err());
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
    }

    #[test]
    fn legal_bases_follow_dates() {
        let all: Vec<LegalBasis> = serde_json::from_str(
            r#"[{"text":"Luật 2015","valid_to":"2025-06-30","kinds":["decision"]},
                {"text":"Luật 2025","valid_from":"2025-07-01","kinds":["decision"]},
                {"text":"Kế hoạch","kinds":["plan"]}]"#,
        )
        .unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            legal_bases(&all, DocKind::DecisionEstablish, d(2024, 3, 5)),
            vec!["Luật 2015"]
        );
        assert_eq!(
            legal_bases(&all, DocKind::DecisionConsolidate, d(2026, 1, 5)),
            vec!["Luật 2025"]
        );
        assert_eq!(
            legal_bases(&all, DocKind::Plan, d(2026, 1, 5)),
            vec!["Kế hoạch"]
        );
    }

    #[test]
    fn running_text_keeps_place_names() {
        let u = Unit {
            id: 1,
            code: "1".into(),
            name: "Hòa Bắc".into(),
            kind: "xã".into(),
            level: Level::Commune,
            parent_id: None,
            merged_into: None,
            merged_on: None,
        };
        assert_eq!(
            running_text("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BẮC", Some(&u)),
            "Chủ tịch Ủy ban nhân dân xã Hòa Bắc"
        );
        assert_eq!(
            body_lines("ỦY BAN NHÂN DÂN XÃ HÒA BẮC"),
            vec!["ỦY BAN NHÂN DÂN", "XÃ HÒA BẮC"]
        );
    }
}
