//! Aggregation of indicator values over the unit tree and over periods. The values are loaded
//! once (one query) and summed in memory over a parent index: no SQL per unit. A unit's value is
//! its own stored value when it has one, otherwise the sum over the units below it; a stored
//! value that disagrees with that sum is flagged. Blank stays blank: a unit with no value is
//! absent, never 0.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::error::{Error, Result};
use crate::model::Catalogue;
use crate::model::Period;
use crate::model::{Level, StoredValue, Unit};

/// The unit tree, indexed: the parent index the aggregation walks.
#[derive(Debug, Clone)]
pub struct UnitTree {
    units: Vec<Unit>,
    index: HashMap<i64, usize>,
    children: Vec<Vec<usize>>,
}

impl UnitTree {
    /// Builds the index from every unit; merged units are left out of the tree.
    pub fn new(all: Vec<Unit>) -> UnitTree {
        let index: HashMap<i64, usize> = all.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
        let mut children = vec![Vec::new(); all.len()];
        for (i, u) in all.iter().enumerate() {
            if !u.is_current() {
                continue;
            }
            if let Some(p) = u.parent_id.and_then(|p| index.get(&p)) {
                children[*p].push(i);
            }
        }
        UnitTree {
            units: all,
            index,
            children,
        }
    }

    /// A unit by id.
    pub fn unit(&self, id: i64) -> Option<&Unit> {
        self.index.get(&id).map(|&i| &self.units[i])
    }

    /// The current direct children of a unit, in id order.
    pub fn children(&self, id: i64) -> Vec<&Unit> {
        self.index
            .get(&id)
            .map(|&i| self.children[i].iter().map(|&c| &self.units[c]).collect())
            .unwrap_or_default()
    }

    /// The unit and every current unit below it, parents before children.
    fn subtree(&self, root: usize) -> Vec<usize> {
        let mut out = vec![root];
        let mut i = 0;
        while i < out.len() {
            out.extend_from_slice(&self.children[out[i]]);
            i += 1;
        }
        out
    }

    /// The current units below `root` (or every current unit when `root` is `None`) with their
    /// depth: 1 for a direct child (or a top unit), 2 below that, and so on.
    pub fn descendants(&self, root: Option<i64>) -> Vec<(&Unit, usize)> {
        let mut out: Vec<(usize, usize)> = match root {
            Some(id) => match self.index.get(&id) {
                Some(&r) => self.children[r].iter().map(|&c| (c, 1)).collect(),
                None => Vec::new(),
            },
            None => self
                .units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.is_current() && u.parent_id.is_none())
                .map(|(i, _)| (i, 1))
                .collect(),
        };
        let mut i = 0;
        while i < out.len() {
            let (u, d) = out[i];
            out.extend(self.children[u].iter().map(|&c| (c, d + 1)));
            i += 1;
        }
        out.into_iter().map(|(u, d)| (&self.units[u], d)).collect()
    }

    /// The smallest and largest id in a unit's subtree (the range `load_values` reads).
    pub fn id_range(&self, id: i64) -> Option<(i64, i64)> {
        let root = *self.index.get(&id)?;
        let ids = self.subtree(root).into_iter().map(|i| self.units[i].id);
        let (mut lo, mut hi) = (i64::MAX, i64::MIN);
        for id in ids {
            lo = lo.min(id);
            hi = hi.max(id);
        }
        Some((lo, hi))
    }
}

/// A unit as a report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRef {
    /// Code.
    pub code: String,
    /// Name with its unit-type word (`Xã Hòa Bắc`).
    pub name: String,
}

impl From<&Unit> for UnitRef {
    fn from(u: &Unit) -> Self {
        UnitRef {
            code: u.code.clone(),
            name: u.title_name(),
        }
    }
}

/// Indicator values in catalogue order, serialised as a JSON object `{code: value}`; an
/// indicator without a value is absent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Values(pub Vec<(String, i64)>);

impl Values {
    /// The value of an indicator, if reported.
    pub fn get(&self, code: &str) -> Option<i64> {
        self.0.iter().find(|(c, _)| c == code).map(|(_, v)| *v)
    }

    /// Whether nothing is reported.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Values {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Where a unit's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The unit reported it itself.
    Own,
    /// Summed over the units below.
    Children,
}

/// One row of the report: a direct child of the report's unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The child unit.
    pub unit: UnitRef,
    /// Its values.
    pub values: Values,
    /// For each value, where it comes from (same order as `values`).
    pub sources: Vec<Source>,
}

/// A stored value that disagrees with the sum of the units below.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The unit whose stored total disagrees.
    pub unit: UnitRef,
    /// Indicator code.
    pub indicator: String,
    /// The value it reported itself (the one used).
    pub stored: i64,
    /// The sum over its children.
    pub children: i64,
}

/// An indicator column of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// Code.
    pub code: String,
    /// Label.
    pub label: String,
    /// Unit of measure.
    pub measure: String,
}

/// The aggregated indicators of a unit over a period: what `report`, the report spreadsheet and
/// the report document all print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aggregate {
    /// The report's unit.
    pub unit: UnitRef,
    /// The level of the unit (its children report one level down).
    pub level: Level,
    /// The period.
    pub period: Period,
    /// Indicators with at least one value, catalogue order.
    pub columns: Vec<Column>,
    /// The unit's totals (only indicators with a value).
    pub totals: Values,
    /// Where each total comes from (same order as `totals`).
    pub total_sources: Vec<Source>,
    /// One row per direct child, in registry order; rows with nothing reported included.
    pub rows: Vec<Row>,
    /// Children with nothing reported for the period ("chưa báo cáo").
    pub missing: Vec<UnitRef>,
    /// Stored totals that disagree with their children's sum, anywhere in the subtree.
    pub conflicts: Vec<Conflict>,
}

impl Aggregate {
    /// The JSON of interfaces.md §5, exactly: `unit`, `period`, `totals`, `rows` [{unit, values}],
    /// `missing`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "unit": self.unit,
            "period": self.period,
            "totals": self.totals,
            "rows": self.rows.iter().map(|r| serde_json::json!({
                "unit": r.unit,
                "values": r.values,
            })).collect::<Vec<_>>(),
            "missing": self.missing,
        })
    }

    /// Children that have not reported indicator `code` when its own `deadline` has passed on
    /// `today`, in registry order.
    pub fn late_for(&self, code: &str, deadline: NaiveDate, today: NaiveDate) -> Vec<UnitRef> {
        if today <= deadline {
            return Vec::new();
        }
        self.rows
            .iter()
            .filter(|r| r.values.get(code).is_none())
            .map(|r| r.unit.clone())
            .collect()
    }

    /// Children still missing after `deadline` has passed on `today`: the late ones.
    pub fn late(&self, deadline: NaiveDate, today: NaiveDate) -> &[UnitRef] {
        if today > deadline { &self.missing } else { &[] }
    }
}

/// Absent value marker in the dense arrays.
const NONE: i64 = i64::MIN;

/// The months of one year an aggregation covers: a period's own, or the year to date through a
/// period's end (the «Lũy kế từ đầu năm» of a report: Q1's is Q1, H1's is Q1 + Q2, May's is
/// January to May).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    year: i32,
    first: u8,
    last: u8,
}

impl Span {
    /// The months of `period`.
    pub fn of(period: Period) -> Span {
        let (first, last) = period.months();
        Span {
            year: period.year(),
            first,
            last,
        }
    }

    /// January of `period`'s year through the end of `period`.
    pub fn year_to_date(period: Period) -> Span {
        Span {
            year: period.year(),
            first: 1,
            last: period.months().1,
        }
    }

    /// Whether a stored period lies inside the span.
    pub fn contains(self, p: Period) -> bool {
        let (a, b) = p.months();
        p.year() == self.year && self.first <= a && b <= self.last
    }
}

/// The value of one unit's indicator over `period` from the periods it stored: the parts when
/// there are any, else a value stored for the period itself. Summable indicators add their parts;
/// point-in-time ones take the latest part.
///
/// That is: a stored value counts when nothing stored lies strictly inside its period (a quarter
/// replaces the half it belongs to), and the periods that count never overlap. Usually every
/// value is of one length (four quarters), and then all of them count without comparing pairs.
/// This runs for every unit and indicator of a national report: no allocation, no recursion.
fn rollup(period: Span, stored: &[(Period, i64)], summable: bool) -> Option<i64> {
    use std::mem::discriminant;
    let one_length = stored
        .windows(2)
        .all(|w| discriminant(&w[0].0) == discriminant(&w[1].0));
    let counts = |p: Period| one_length || !stored.iter().any(|&(q, _)| q != p && p.contains(q));
    let mut out: Option<i64> = None;
    let mut latest = 0u8;
    for &(p, v) in stored {
        if !period.contains(p) || !counts(p) {
            continue;
        }
        if summable {
            out = Some(out.unwrap_or(0) + v);
        } else {
            let (first, _) = p.months();
            if out.is_none() || first >= latest {
                latest = first;
                out = Some(v);
            }
        }
    }
    out
}

/// The rule `rollup` implements, written as the decree reads it (parts first, recursively): the
/// reference the tests compare it with.
#[cfg(test)]
fn rollup_by_parts(period: Period, stored: &[(Period, i64)], summable: bool) -> Option<i64> {
    let has_parts = stored
        .iter()
        .any(|(p, _)| *p != period && period.contains(*p));
    if !has_parts {
        return stored.iter().find(|(p, _)| *p == period).map(|(_, v)| *v);
    }
    let mut out = None;
    for part in period.parts() {
        if let Some(v) = rollup_by_parts(part, stored, summable) {
            out = Some(if summable { out.unwrap_or(0) + v } else { v });
        }
    }
    out
}

/// Aggregates `values` (as loaded by `store::indicators::load_values`, sorted by unit, indicator
/// and period) over the subtree of `root` for `period`. Pure: no database, no clock.
pub fn compute(
    tree: &UnitTree,
    catalogue: &Catalogue,
    values: &[StoredValue],
    root: i64,
    period: Period,
) -> Result<Aggregate> {
    compute_span(tree, catalogue, values, root, period, Span::of(period))
}

/// Aggregates `values` over the months of `span` (the year to date of `period`, or its own),
/// as `compute` does; the aggregate is labelled `period`.
pub fn compute_span(
    tree: &UnitTree,
    catalogue: &Catalogue,
    values: &[StoredValue],
    root: i64,
    period: Period,
    span: Span,
) -> Result<Aggregate> {
    let root_idx = *tree
        .index
        .get(&root)
        .ok_or_else(|| Error::NotFound(format!("đơn vị có số hiệu {root}")))?;
    let order = tree.subtree(root_idx);
    let mut pos = vec![u32::MAX; tree.units.len()];
    for (i, &u) in order.iter().enumerate() {
        pos[u] = i as u32;
    }
    let inds = catalogue.all();
    let n = inds.len();
    let mut own = vec![NONE; order.len() * n];

    // Each (unit, indicator) group rolled up over its periods.
    let mut group: Vec<(Period, i64)> = Vec::with_capacity(24);
    // Values come sorted by unit: look each unit up once, not once per indicator.
    let mut last: Option<(i64, u32)> = None;
    let mut i = 0;
    while i < values.len() {
        let (unit_id, ind) = (values[i].unit_id, values[i].indicator);
        group.clear();
        let mut j = i;
        while j < values.len() && values[j].unit_id == unit_id && values[j].indicator == ind {
            if span.contains(values[j].period) {
                group.push((values[j].period, values[j].value));
            }
            j += 1;
        }
        i = j;
        let p = match last {
            Some((id, p)) if id == unit_id => p,
            _ => {
                let p = tree.index.get(&unit_id).map_or(u32::MAX, |&u| pos[u]);
                last = Some((unit_id, p));
                p
            }
        };
        if p == u32::MAX || group.is_empty() {
            continue;
        }
        let Some(slot) = catalogue.position(ind) else {
            continue;
        };
        if let Some(v) = rollup(span, &group, inds[slot].summable) {
            own[p as usize * n + slot] = v;
        }
    }

    // Children before parents: a unit's value is its own, else its children's sum.
    let mut below = vec![NONE; order.len() * n];
    let mut value = vec![NONE; order.len() * n];
    let mut conflicts = Vec::new();
    for (k, &u) in order.iter().enumerate().rev() {
        let parent = if k == 0 {
            None
        } else {
            tree.units[u]
                .parent_id
                .and_then(|p| tree.index.get(&p))
                .map(|&p| pos[p] as usize)
        };
        for s in 0..n {
            let (o, b) = (own[k * n + s], below[k * n + s]);
            let v = if o != NONE { o } else { b };
            value[k * n + s] = v;
            if o != NONE && b != NONE && o != b {
                conflicts.push(Conflict {
                    unit: (&tree.units[u]).into(),
                    indicator: inds[s].code.clone(),
                    stored: o,
                    children: b,
                });
            }
            if v != NONE
                && let Some(p) = parent
            {
                let acc = &mut below[p * n + s];
                *acc = if *acc == NONE { v } else { *acc + v };
            }
        }
    }
    conflicts.reverse();

    let values_of = |k: usize| -> (Values, Vec<Source>) {
        let mut vals = Vec::new();
        let mut sources = Vec::new();
        for (s, ind) in inds.iter().enumerate() {
            let v = value[k * n + s];
            if v != NONE {
                vals.push((ind.code.clone(), v));
                sources.push(if own[k * n + s] != NONE {
                    Source::Own
                } else {
                    Source::Children
                });
            }
        }
        (Values(vals), sources)
    };

    let (totals, total_sources) = values_of(0);
    let mut rows = Vec::new();
    let mut missing = Vec::new();
    for &c in &tree.children[root_idx] {
        let (values, sources) = values_of(pos[c] as usize);
        let unit: UnitRef = (&tree.units[c]).into();
        if values.is_empty() {
            missing.push(unit.clone());
        }
        rows.push(Row {
            unit,
            values,
            sources,
        });
    }
    let columns = inds
        .iter()
        .filter(|i| totals.get(&i.code).is_some())
        .map(|i| Column {
            code: i.code.clone(),
            label: i.label.clone(),
            measure: i.measure.clone(),
        })
        .collect();
    let root_unit = &tree.units[root_idx];
    Ok(Aggregate {
        unit: root_unit.into(),
        level: root_unit.level,
        period,
        columns,
        totals,
        total_sources,
        rows,
        missing,
        conflicts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().expect("period")
    }

    fn rollup(period: Period, stored: &[(Period, i64)], summable: bool) -> Option<i64> {
        super::rollup(Span::of(period), stored, summable)
    }

    #[test]
    fn the_year_to_date_ends_with_the_period() {
        let stored = [
            (p("2025-Q1"), 321),
            (p("2025-Q2"), 300),
            (p("2025-Q3"), 350),
            (p("2025-Q4"), 345),
        ];
        let ytd = |s: &str, summable| super::rollup(Span::year_to_date(p(s)), &stored, summable);
        assert_eq!(ytd("2025-Q1", true), Some(321), "Q1's year to date is Q1");
        assert_eq!(ytd("2025-H1", true), Some(621), "H1's is Q1 + Q2");
        assert_eq!(ytd("2025-Q3", true), Some(971));
        assert_eq!(ytd("2025", true), Some(1316));
        assert_eq!(ytd("2025-05", true), Some(321), "May: only Q1 has ended");
        // Not summable (a stock, or people counted): the last value reported by then.
        assert_eq!(ytd("2025-Q2", false), Some(300));
        assert_eq!(ytd("2025-Q1", false), Some(321));
    }

    #[test]
    fn quarters_roll_up_and_a_stored_half_fills_in() {
        let stored = [(p("2024-Q1"), 10), (p("2024-Q2"), 5)];
        assert_eq!(rollup(p("2024-H1"), &stored, true), Some(15));
        assert_eq!(rollup(p("2024"), &stored, true), Some(15));
        assert_eq!(rollup(p("2024-H2"), &[], true), None);
        // A value stored for H1 is used when its quarters are absent; H2's quarters add to it.
        let stored = [(p("2024-H1"), 40), (p("2024-Q3"), 7)];
        assert_eq!(rollup(p("2024"), &stored, true), Some(47));
        assert_eq!(rollup(p("2024-H1"), &stored, true), Some(40));
        // Point-in-time: the latest part.
        let stored = [(p("2024-Q1"), 3), (p("2024-Q3"), 4)];
        assert_eq!(rollup(p("2024"), &stored, false), Some(4));
        // Months inside a quarter.
        let stored = [(p("2024-04"), 1), (p("2024-06"), 2)];
        assert_eq!(rollup(p("2024-Q2"), &stored, true), Some(3));
    }

    #[test]
    fn rollup_agrees_with_the_rule_by_parts_on_every_mix_of_periods() {
        let year = p("2024");
        let all = year.all_inside();
        // Every subset of a half-year's periods (the half, its quarters, their months), and a
        // spread of subsets of the whole year's 19 periods, each summed and taken as latest.
        let half: Vec<Period> = all
            .iter()
            .copied()
            .filter(|q| p("2024-H1").contains(*q))
            .collect();
        let mut cases: Vec<Vec<Period>> = (0u32..1 << half.len())
            .map(|bits| {
                (0..half.len())
                    .filter(|i| bits >> i & 1 == 1)
                    .map(|i| half[i])
                    .collect()
            })
            .collect();
        let mut x: u32 = 12345;
        for _ in 0..5000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let bits = x >> 8;
            cases.push(
                (0..all.len())
                    .filter(|i| bits >> i & 1 == 1)
                    .map(|i| all[i])
                    .collect(),
            );
        }
        for case in &cases {
            let stored: Vec<(Period, i64)> =
                case.iter().enumerate().map(|(i, &q)| (q, 1 << i)).collect();
            for target in [year, p("2024-H1"), p("2024-H2"), p("2024-Q2"), p("2024-05")] {
                for summable in [true, false] {
                    assert_eq!(
                        rollup(target, &stored, summable),
                        rollup_by_parts(target, &stored, summable),
                        "{target} {case:?} summable={summable}"
                    );
                }
            }
        }
    }
}
