//! Plans vs results: the yearly targets of an activity plan (per indicator, per unit, per year)
//! compared with the reported values: achieved, percentage, and behind schedule, pro rata for
//! the share of the year that has elapsed.

use chrono::NaiveDate;
use serde::Serialize;

use super::aggregate::Values;
use crate::model::Catalogue;
use crate::model::Period;

/// One indicator's target and result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// Indicator code.
    pub indicator: String,
    /// Its label.
    pub label: String,
    /// The year's target.
    pub target: i64,
    /// Reported so far (absent when nothing was reported).
    pub achieved: Option<i64>,
    /// Achieved as a percentage of the target (absent for a zero target or no result).
    pub percent: Option<f64>,
    /// What the target calls for by now, pro rata.
    pub expected_by_now: i64,
    /// Whether the result is below what is expected by now.
    pub behind: bool,
}

/// Compares `targets` (indicator id, target) with the year's `totals`. Pure.
pub fn compare(
    catalogue: &Catalogue,
    targets: &[(i64, i64)],
    totals: &Values,
    year: i32,
    today: NaiveDate,
) -> Vec<Progress> {
    let share = Period::Year(year).elapsed_share(today);
    targets
        .iter()
        .filter_map(|&(id, target)| {
            let ind = catalogue.by_id(id)?;
            let achieved = totals.get(&ind.code);
            let expected_by_now = (target as f64 * share).floor() as i64;
            Some(Progress {
                indicator: ind.code.clone(),
                label: ind.label.clone(),
                target,
                achieved,
                percent: match (achieved, target) {
                    (Some(a), t) if t > 0 => Some(a as f64 * 100.0 / t as f64),
                    _ => None,
                },
                expected_by_now,
                behind: achieved.unwrap_or(0) < expected_by_now,
            })
        })
        .collect()
}

/// A unit's targets: its own, completed by the sum of its children's targets for the
/// indicators it has none of; (indicator id, target) in id order.
pub fn combine(own: Vec<(i64, i64)>, children: &[Vec<(i64, i64)>]) -> Vec<(i64, i64)> {
    let mut out = own;
    let mut summed: std::collections::BTreeMap<i64, i64> = std::collections::BTreeMap::new();
    for child in children {
        for &(id, t) in child {
            *summed.entry(id).or_default() += t;
        }
    }
    for (id, t) in summed {
        if !out.iter().any(|(i, _)| *i == id) {
            out.push((id, t));
        }
    }
    out.sort_unstable();
    out
}

/// Splits `total` over units in proportion to `weights` (members, or 1 each for an even split),
/// in whole numbers that add up to `total` exactly: each unit first gets the floor of its
/// share, then the units left over go one each to the largest remainders, ties to the unit
/// listed first (the largest-remainder rule). All weights zero: an even split.
pub fn split(total: i64, weights: &[i64]) -> Vec<i64> {
    if weights.is_empty() {
        return Vec::new();
    }
    let even = weights.iter().all(|w| *w <= 0);
    let w: Vec<i128> = weights
        .iter()
        .map(|&x| if even { 1 } else { i128::from(x.max(0)) })
        .collect();
    let sum: i128 = w.iter().sum();
    let t = i128::from(total);
    let mut out: Vec<i128> = w.iter().map(|x| t * x / sum).collect();
    let left = t - out.iter().sum::<i128>();
    let mut order: Vec<usize> = (0..w.len()).collect();
    // Remainders compared exactly: t·w mod sum.
    order.sort_by(|&a, &b| ((t * w[b]) % sum).cmp(&((t * w[a]) % sum)).then(a.cmp(&b)));
    for &i in order.iter().take(usize::try_from(left).unwrap_or(0)) {
        out[i] += 1;
    }
    out.into_iter()
        .map(|v| i64::try_from(v).unwrap_or(i64::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_adds_up_to_the_total_by_the_largest_remainders() {
        assert_eq!(split(100, &[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(split(10, &[5, 3, 2]), vec![5, 3, 2]);
        // 1.000 over 7, 6 and 1 members: 500, 428,57…, 71,43… → 500, 429, 71.
        assert_eq!(split(1000, &[7, 6, 1]), vec![500, 429, 71]);
        assert_eq!(split(5, &[0, 0]), vec![3, 2], "no members: even");
        assert_eq!(split(0, &[4, 2]), vec![0, 0]);
        assert!(split(7, &[]).is_empty());
        for (t, w) in [(12_480, vec![91, 77, 103, 64]), (3, vec![1, 1, 1, 1, 1])] {
            assert_eq!(split(t, &w).iter().sum::<i64>(), t);
        }
    }

    #[test]
    fn pro_rata_behind_schedule() {
        let c = Catalogue::builtin();
        let totals = Values(vec![
            ("citizens_guided".into(), 600),
            ("vneid_accounts".into(), 100),
        ]);
        let mid = NaiveDate::from_ymd_opt(2024, 7, 1).expect("date");
        let out = compare(&c, &[(3, 1000), (5, 400), (4, 50)], &totals, 2024, mid);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].indicator, "citizens_guided");
        assert_eq!(out[0].percent, Some(60.0));
        assert!(!out[0].behind, "600 of 1000 by July is ahead");
        assert_eq!(out[1].expected_by_now, 200);
        assert!(out[1].behind, "100 of 400 by July is behind");
        assert_eq!(out[2].achieved, None);
        assert!(out[2].behind);
    }

    #[test]
    fn a_unit_without_targets_takes_its_childrens_sums() {
        let own = vec![(3, 1000)];
        let children = vec![vec![(3, 10), (5, 40)], vec![(5, 60), (1, 2)]];
        assert_eq!(combine(own, &children), vec![(1, 2), (3, 1000), (5, 100)]);
    }
}
