//! Fills a template from the facts of a document: the issuer (the office, or the commune that
//! issues decisions for its own teams), the unit, the legal bases valid on the document's date,
//! the teams with their active members, the changes since the previous decision for a
//! consolidation, and the numbers the plan, the report and the focal-point list print. Pure: the
//! store loads the facts, the report module the figures; nothing here reads a database.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use minijinja::Value;
use minijinja::value::Serde;

use super::context::{
    DocCtx, PreviousDecision, ReportFigures, TeamCtx, UnitCtx, report_numbers, roman, stats,
    team_ctx,
};
use super::issuer::issuer;
use super::legal::{legal_bases, load_legal_bases};
use super::model::Document;
use super::template;
use super::templates::Templates;
use crate::error::{Error, Field, Result};
use crate::model::{DocKind, DraftFacts, Level, NewDraft, Period};
use crate::vietnamese::{capitalize, date_long, date_short};

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
    /// Section texts the clerk wrote, by Roman numeral; the template's text where absent.
    pub sections: super::sections::Sections,
    /// The document that asked for a report (`Công văn số 123/STTTT-CĐS ngày 05/3/2025 của Sở
    /// Thông tin và Truyền thông`), cited in its opening.
    pub cites: Option<String>,
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
    pub fn register_entry(&self, req: &Request, output: &Path, sha256: &str) -> NewDraft {
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
        NewDraft {
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
            sections: (!req.sections.is_empty())
                .then(|| serde_json::to_string(&req.sections).ok())
                .flatten(),
        }
    }
}

/// Establishment when none of the facts' teams has an earlier decision (on the team or in the
/// register), consolidation when one has.
pub fn decision_kind(facts: &DraftFacts) -> DocKind {
    let earlier = facts.teams.iter().any(|t| t.team.decision_ref.is_some())
        || facts.latest_decision.is_some();
    if earlier {
        DocKind::DecisionConsolidate
    } else {
        DocKind::DecisionEstablish
    }
}

/// The day a report counts the registry on: its period's end (a member who joined on 1/10 is
/// not in the third quarter's report), or the report's own date when that comes first. Other
/// documents list the members who have not left.
pub fn registry_date(req: &Request) -> Option<NaiveDate> {
    match (req.kind, req.period) {
        (DocKind::Report, Some(p)) => Some(p.end().min(req.date)),
        _ => None,
    }
}

/// Whether the template of `kind` prints indicator numbers (reports, plans, or a clerk's
/// template that uses them): only then are the figures aggregated, so a decision does not pay
/// for it.
pub fn needs_figures(templates: &Templates, kind: DocKind) -> Result<bool> {
    let text = &templates.template(kind)?.text;
    Ok(text.contains("indicators") || text.contains("targets"))
}

/// Builds the context of a template from `facts` (loaded for `req`'s unit and team) and renders
/// it into a `Document`. `figures` are the report's indicators, when the template prints them
/// (`needs_figures`).
pub fn draft(
    facts: &DraftFacts,
    templates: &Templates,
    req: &Request,
    figures: Option<&ReportFigures>,
) -> Result<Drafted> {
    let unit = &facts.unit;
    let issuer = issuer(facts, req.date);
    let symbol = facts.symbols.for_kind(req.kind, &issuer.symbol_org);
    let is_decision = req.kind.is_decision();
    if is_decision && !matches!(unit.level, Level::Commune | Level::Village) {
        return Err(Error::not_allowed(format!(
            "Quyết định thành lập, kiện toàn Tổ do Chủ tịch UBND cấp xã ban hành: hãy chọn một xã, \
             phường hoặc một thôn, tổ dân phố (đã chọn {}).",
            unit.full_name()
        )));
    }
    // Everything is counted as of the document's date, a report's as of its period's end when
    // that comes first: a member who joined on 1/10 is not in the Q3 report.
    let as_of = registry_date(req).unwrap_or(req.date);
    let team_list: Vec<TeamCtx> = facts
        .teams
        .iter()
        .filter(|t| req.team_id.is_none_or(|id| t.team.id == id))
        .map(|t| team_ctx(t, req.kind == DocKind::DecisionConsolidate, as_of))
        // A team with nobody on it yet on the report's day did not exist then.
        .filter(|t| req.kind != DocKind::Report || t.count > 0)
        .collect();
    let mut team_list = team_list;
    // A plan's assignment appendix prints each member's task of the year, as typed.
    for m in team_list.iter_mut().flat_map(|t| t.members.iter_mut()) {
        if let Some(task) = facts.tasks.get(&m.id) {
            m.task = crate::vietnamese::nfc(task.task.trim());
            m.area = crate::vietnamese::nfc(task.area.trim());
        }
    }
    if team_list.is_empty() && req.kind != DocKind::Report && req.kind != DocKind::Plan {
        return Err(Error::not_allowed(format!(
            "{} chưa có Tổ Công nghệ số cộng đồng nào trong sổ.",
            unit.title_name()
        )));
    }
    // The decisions a consolidation replaces: the teams' own, else the register's.
    let mut previous: Vec<PreviousDecision> = Vec::new();
    for (t, f) in team_list.iter().zip(
        facts
            .teams
            .iter()
            .filter(|t| req.team_id.is_none_or(|id| t.team.id == id)),
    ) {
        if !t.decision_ref.is_empty() {
            let summary = f
                .decision
                .as_ref()
                .map(|d| citing(d.summary.as_deref(), d.consolidates))
                .unwrap_or_default();
            let p = PreviousDecision {
                number: t.decision_ref.clone(),
                date: t.decision_date.clone(),
                summary,
            };
            if !previous.contains(&p) {
                previous.push(p);
            }
        }
    }
    if previous.is_empty()
        && let Some(e) = &facts.latest_decision
    {
        previous.push(PreviousDecision {
            number: e.reference(),
            date: e.issued_on.map(date_long).unwrap_or_default(),
            summary: String::new(),
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
    let indicators = report_numbers(figures, period);
    let mut stats = stats(facts, &team_list);
    if req.kind == DocKind::Report
        && let Some(f) = figures
    {
        super::context::trained_as_reported(&mut stats, &f.period);
    }
    let appendix_labels: Vec<String> = if team_list.len() > 1 {
        (1..=team_list.len())
            .map(|i| format!("Phụ lục {}", roman(i)))
            .collect()
    } else {
        vec![String::new(); team_list.len()]
    };
    let commune = facts.commune.clone().unwrap_or_else(|| unit.clone());
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
        unit => Value::from(Serde(UnitCtx::from(unit))),
        can_cu => bases,
        teams => Value::from(Serde(&team_list)),
        appendix_labels => appendix_labels,
        previous => Value::from(Serde(&previous)),
        stats => Value::from(Serde(&stats)),
        period => period.to_string(),
        period_text => period_text,
        indicators => Value::from(Serde(&indicators)),
        targets => Value::from(Serde(super::plan::plan_targets(figures))),
        sections => Value::from(Serde(&req.sections)),
        cites => req.cites.as_deref().map(crate::vietnamese::nfc).unwrap_or_default(),
        previous_year => (doc.year - 1).to_string(),
        two_tier => req.date >= super::issuer::two_tier_start(),
    };
    let document = template::render(&source, req.kind, ctx)?;
    // «Tên loại và trích yếu» of the register reads as one phrase: «Quyết định về việc …»,
    // «Kế hoạch hoạt động của Tổ …» (the title's own capital stays on the page); a proper
    // name at the start keeps its capital.
    let trich_yeu = document.title.summary.join(" ");
    let first = trich_yeu.split(' ').next().unwrap_or("");
    let proper = ["Tổ", "Ủy", "UBND", "Sở", "Phòng", "Đề"].contains(&first);
    let trich_yeu = if proper {
        trich_yeu
    } else {
        lower_first(&trich_yeu)
    };
    let summary = format!(
        "{} {trich_yeu}",
        capitalize(&document.title.kind.to_lowercase())
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

/// A recorded decision's trích yếu as the sentence that cites it reads it: always «về việc …»
/// (a typed «V/v …» or a bare «Thành lập Tổ …» made so); a trích yếu left empty, or only «Về
/// việc», reads as what the decision did (thành lập or kiện toàn the team).
fn citing(summary: Option<&str>, consolidates: bool) -> String {
    let s = lower_first(
        summary
            .unwrap_or("")
            .trim()
            .trim_end_matches(['.', ';', ',']),
    );
    let key = crate::vietnamese::search_key(&s);
    let bare = key.is_empty() || key == "ve viec" || key == "v/v" || key == "vv";
    if bare {
        return if consolidates {
            "về việc kiện toàn Tổ Công nghệ số cộng đồng".into()
        } else {
            "về việc thành lập Tổ Công nghệ số cộng đồng".into()
        };
    }
    if let Some(rest) = s.strip_prefix("v/v ").or_else(|| s.strip_prefix("V/v ")) {
        return format!("về việc {}", rest.trim());
    }
    if key.starts_with("ve viec ") {
        s
    } else {
        format!("về việc {s}")
    }
}

/// A recorded trích yếu as it reads inside a sentence: `Về việc …` becomes `về việc …`, and
/// a kind word typed before it (`Quyết định về việc …`) is dropped.
fn lower_first(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("Quyết định ")
        .or_else(|| s.strip_prefix("quyết định "))
        .unwrap_or(s);
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
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
    fn a_cited_summary_always_reads_ve_viec() {
        let est = "về việc thành lập Tổ Công nghệ số cộng đồng";
        assert_eq!(citing(None, false), est);
        assert_eq!(citing(Some("  "), false), est);
        assert_eq!(citing(Some("Về việc"), false), est);
        assert_eq!(
            citing(Some("V/v"), true),
            "về việc kiện toàn Tổ Công nghệ số cộng đồng"
        );
        assert_eq!(
            citing(Some("V/v thành lập Tổ CNSCĐ thôn An Phú."), false),
            "về việc thành lập Tổ CNSCĐ thôn An Phú"
        );
        assert_eq!(
            citing(Some("Thành lập Tổ CNSCĐ xã Hòa Bắc"), false),
            "về việc thành lập Tổ CNSCĐ xã Hòa Bắc"
        );
        assert_eq!(
            citing(Some("Quyết định Về việc kiện toàn Tổ"), true),
            "về việc kiện toàn Tổ"
        );
    }
}
