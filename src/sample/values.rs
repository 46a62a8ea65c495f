//! A year and more of realistic indicator values for the sample data: quarterly values per
//! village for the previous full year and the current year's ended quarters, commune-level
//! indicators (OCOP, e-commerce, cashless points, digital signatures) on the communes, a few
//! villages that have not reported the latest quarter, and yearly targets per commune.

use chrono::{Datelike, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::Item;
use crate::error::Result;
use crate::model::Period;

/// (indicator id, typical value per village per quarter, share of villages that report it).
const VILLAGE: &[(i64, f64, f64)] = &[
    (1, 1.5, 1.0),   // training_sessions
    (2, 2.0, 0.6),   // members_trained (people: at most `TRAINED_MAX` a village)
    (3, 140.0, 1.0), // citizens_guided
    (4, 30.0, 1.0),  // dvc_accounts
    (5, 45.0, 1.0),  // vneid_accounts
    (6, 25.0, 1.0),  // online_applications
    (7, 12.0, 0.4),  // ewallet_accounts
    (12, 60.0, 1.0), // households_reached
    (14, 90.0, 0.5), // cyber_safety_guided
];

/// The most members trained a village reports in a quarter: fewer than its team has (teams have
/// three or four members at least), so no people-counting figure exceeds the people there are.
const TRAINED_MAX: i64 = 3;

/// Commune-level indicators: (indicator id, typical value per commune per quarter).
const COMMUNE: &[(i64, f64)] = &[
    (8, 4.0),   // cashless_points
    (9, 3.0),   // ecommerce_products
    (10, 3.0),  // ocop_products (point in time)
    (11, 1.0),  // ocop_on_ecommerce (a part of the OCOP stock)
    (13, 15.0), // digital_signatures
];

/// The quarters the sample fills on `today`: the previous year's four and the current year's
/// ended ones.
pub fn sample_quarters(today: NaiveDate) -> Vec<Period> {
    let y = today.year();
    let mut out: Vec<Period> = (1..=4).map(|q| Period::Quarter(y - 1, q)).collect();
    out.extend(
        (1..=4)
            .map(|q| Period::Quarter(y, q))
            .filter(|q| q.end() < today),
    );
    out
}

/// Emits indicator values and targets for every village (with its commune) and commune, by their
/// numbers in the order they were made; deterministic for a seed and a date.
pub(super) fn emit_values(
    emit: &mut dyn FnMut(Item<'_>) -> Result<()>,
    villages: &[(u32, Option<u32>)],
    communes: &[u32],
    rng_seed: u64,
    today: NaiveDate,
) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(rng_seed ^ 0x1d1c_a707);
    let quarters = sample_quarters(today);
    let latest = quarters.len() - 1;
    let mut villages_per_commune: std::collections::HashMap<u32, usize> =
        std::collections::HashMap::new();
    for (i, &(village, parent)) in villages.iter().enumerate() {
        if let Some(p) = parent {
            *villages_per_commune.entry(p).or_default() += 1;
        }
        // Villages differ in size: a factor of 0.4 to 2.2 on every indicator.
        let size: f64 = rng.gen_range(0.4..2.2);
        let reports: Vec<(i64, f64)> = VILLAGE
            .iter()
            .filter(|(_, _, share)| *share >= 1.0 || rng.gen_bool(*share))
            .map(|(id, typical, _)| (*id, *typical))
            .collect();
        // About one village in 25 (and always the second) has not sent its latest quarter.
        let late = i == 1 || rng.gen_ratio(1, 25);
        for (q, period) in quarters.iter().enumerate() {
            if q == latest && late {
                continue;
            }
            for &(id, typical) in &reports {
                let mut v = (typical * size * rng.gen_range(0.5..1.5)).round() as i64;
                if id == 2 {
                    v = v.min(TRAINED_MAX);
                }
                emit(Item::Value {
                    unit: village,
                    period: *period,
                    indicator: id,
                    value: v,
                })?;
            }
        }
    }
    let years = [today.year() - 1, today.year()];
    for &commune in communes {
        let mut ocop: i64 = rng.gen_range(0..=6);
        let mut ocop_online: i64 = 0;
        for period in &quarters {
            for &(id, typical) in COMMUNE {
                let v = if id == 10 {
                    // A stock: grows now and then.
                    ocop += i64::from(rng.gen_bool(0.2));
                    ocop
                } else if id == 11 {
                    // The OCOP products that are online: a part of the stock, never more.
                    ocop_online = (ocop_online + i64::from(rng.gen_bool(0.4))).min(ocop);
                    ocop_online
                } else {
                    (typical * rng.gen_range(0.3..1.8)).round() as i64
                };
                emit(Item::Value {
                    unit: commune,
                    period: *period,
                    indicator: id,
                    value: v,
                })?;
            }
        }
        // Yearly targets a little above what the commune's villages usually reach.
        let n = *villages_per_commune.get(&commune).unwrap_or(&0) as f64;
        for year in years {
            for &(id, typical, share) in VILLAGE.iter().filter(|(_, _, s)| *s >= 1.0) {
                let t = (typical * share * 4.0 * n * 1.3 * rng.gen_range(0.9..1.1) / 10.0).round()
                    as i64
                    * 10;
                if t > 0 {
                    emit(Item::Target {
                        unit: commune,
                        year,
                        indicator: id,
                        target: t,
                    })?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_so_far() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        let q = sample_quarters(d(2026, 11, 22));
        assert_eq!(q.len(), 7);
        assert_eq!(q[6].to_string(), "2026-Q3");
        assert_eq!(sample_quarters(d(2026, 2, 1)).len(), 4);
    }
}
