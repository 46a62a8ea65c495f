//! Writing the sample data `sample` generates into an empty database, in one transaction, as
//! the values come (the national scale never holds its members at once). Cancelling stops the
//! writing and rolls it back.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::sample::{Item, generate};
use crate::store::units::NewUnit;
use crate::store::{Store, indicators, members, settings, teams, units};

pub use crate::sample::{Counts, Scale};

/// Fills an empty database with the sample at `scale` as of `today`; refuses a database that has
/// units (`Error::NotEmpty`). `cancel` is checked as the values are written.
pub fn sample(
    store: &mut Store,
    scale: Scale,
    seed: u64,
    today: NaiveDate,
    cancel: &AtomicBool,
) -> Result<Counts> {
    if !store.is_empty()? {
        return Err(Error::NotEmpty);
    }
    store.bulk_transaction(|tx| {
        let mut unit_ids: Vec<i64> = Vec::new();
        let mut team_ids: Vec<i64> = Vec::new();
        let mut written: u64 = 0;
        let mut emit = |item: Item<'_>| -> Result<()> {
            written += 1;
            if written.is_multiple_of(4096) && cancel.load(Ordering::Relaxed) {
                return Err(Error::Cancelled);
            }
            match item {
                Item::Unit { parent, unit, .. } => {
                    let parent_id = parent.and_then(|p| unit_ids.get(p as usize).copied());
                    let u = units::insert(
                        tx,
                        &NewUnit {
                            code: Some(unit.code.clone()),
                            name: unit.name.clone(),
                            kind: unit.kind.clone(),
                            level: unit.level,
                            parent_id,
                        },
                    )?;
                    unit_ids.push(u.id);
                }
                Item::Team { unit, team, .. } => {
                    let mut t = team.clone();
                    t.unit_id = unit_ids[unit as usize];
                    team_ids.push(teams::insert(tx, &t)?.id);
                }
                Item::Member { team, member } => {
                    let mut m = member.clone();
                    m.team_id = team_ids[team as usize];
                    members::add(tx, &m)?;
                }
                Item::Office(office) => settings::set_office(tx, office)?,
                Item::Value {
                    unit,
                    period,
                    indicator,
                    value,
                } => indicators::set_value(tx, unit_ids[unit as usize], period, indicator, value)?,
                Item::Target {
                    unit,
                    year,
                    indicator,
                    target,
                } => indicators::set_target(tx, unit_ids[unit as usize], year, indicator, target)?,
            }
            Ok(())
        };
        generate(scale, seed, today, &mut emit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Gender, Role};

    fn generate(store: &mut Store, scale: Scale, seed: u64) -> Result<Counts> {
        let today = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        sample(store, scale, seed, today, &AtomicBool::new(false))
    }

    #[test]
    fn commune_sample_is_deterministic_and_realistic() {
        let mut a = Store::open_in_memory().expect("db");
        let counts = generate(&mut a, Scale::Commune, 7).expect("sample");
        assert_eq!(counts.teams, 13);
        assert_eq!(counts.members, 90);
        let mut b = Store::open_in_memory().expect("db");
        generate(&mut b, Scale::Commune, 7).expect("sample");
        assert_eq!(a.checksum().expect("a"), b.checksum().expect("b"));
        assert!(
            matches!(generate(&mut a, Scale::Commune, 7), Err(Error::NotEmpty)),
            "refuses a non-empty db"
        );
        let all = members::active(a.conn(), None).expect("members");
        let phones: std::collections::HashSet<_> = all.iter().map(|m| m.phone.clone()).collect();
        assert_eq!(phones.len(), all.len(), "phones are unique");
        for t in teams::all(a.conn()).expect("teams") {
            let ms = members::of_team(a.conn(), t.id, false).expect("team");
            assert_eq!(ms.iter().filter(|m| m.role == Role::Leader).count(), 1);
        }
        assert!(
            all.iter()
                .filter(|m| m.gender == Some(Gender::Male))
                .all(|m| !m.full_name.contains(" Thị ")),
            "gender-consistent middle names"
        );
    }

    #[test]
    fn a_cancelled_sample_writes_nothing() {
        let mut s = Store::open_in_memory().expect("db");
        let cancel = AtomicBool::new(true);
        let today = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        assert!(matches!(
            sample(&mut s, Scale::District, 1, today, &cancel),
            Err(Error::Cancelled)
        ));
        assert!(s.is_empty().expect("empty"));
    }
}
