//! What a plan's template sees beyond the registry: the unit's targets beside the year
//! before's results (§II). Pure, like the rest of `document`.

use serde::Serialize;

use super::context::ReportFigures;

/// One target a plan prints in §II: the unit's own, beside the current status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetCtx {
    /// Label.
    pub label: String,
    /// Unit of measure.
    pub unit: String,
    /// The result of the year before, formatted (blank when nothing was reported).
    pub current: String,
    /// The target, formatted.
    pub target: String,
}

/// The targets a plan prints, each beside the year before's result.
pub fn plan_targets(figures: Option<&ReportFigures>) -> Vec<TargetCtx> {
    let Some(f) = figures else {
        return Vec::new();
    };
    f.targets
        .iter()
        .map(|(code, label, measure, target)| TargetCtx {
            label: label.clone(),
            unit: measure.clone(),
            current: f
                .period
                .totals
                .get(code)
                .map(crate::vietnamese::format_number)
                .unwrap_or_default(),
            target: crate::vietnamese::format_number(*target),
        })
        .collect()
}
