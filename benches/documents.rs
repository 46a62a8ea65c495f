//! Document drafting benchmarks (run by hand: `cargo bench --bench documents`): one village
//! decision with its roster drafted, checked and rendered to PDF in-process (target < 5 ms), and
//! every team's decision of the `province` sample (3,766 documents, target < 15 s).

#![allow(
    clippy::expect_used,
    reason = "a failed setup should stop the benchmark"
)]

use std::sync::OnceLock;

use chrono::NaiveDate;
use cnscd::document::DocKind;
use cnscd::document::fill::{self, Request, TemplateDirs};
use cnscd::model::Level;
use cnscd::sample::{Scale, generate};
use cnscd::store::{Store, teams, units};

fn main() {
    divan::main();
}

/// The province sample, built once (a file database, as the command line uses).
fn province() -> &'static (tempfile::TempDir, Vec<i64>) {
    static P: OnceLock<(tempfile::TempDir, Vec<i64>)> = OnceLock::new();
    P.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary dir");
        let mut store = Store::open_dir(dir.path()).expect("db");
        generate(&mut store, Scale::Province, 1).expect("sample");
        // Every unit that has a team of its own: villages, and communes for their own team.
        let with_team: std::collections::HashSet<i64> = teams::all(store.conn())
            .expect("teams")
            .into_iter()
            .map(|t| t.unit_id)
            .collect();
        let mut ids: Vec<i64> = units::all(store.conn())
            .expect("units")
            .into_iter()
            .filter(|u| with_team.contains(&u.id) && u.level == Level::Village)
            .map(|u| u.id)
            .collect();
        ids.sort_unstable();
        (dir, ids)
    })
}

fn draft_one(store: &Store, dirs: &TemplateDirs, unit_id: i64) -> usize {
    let req = Request {
        kind: DocKind::DecisionConsolidate,
        unit_id,
        team_id: None,
        date: NaiveDate::from_ymd_opt(2026, 1, 15).expect("date"),
        year: None,
        period: None,
        number: None,
    };
    let drafted = fill::draft(store.conn(), dirs, &req).expect("draft");
    let findings = cnscd::document::lint::lint(&drafted.document);
    assert!(
        !cnscd::document::lint::has_errors(&findings),
        "{findings:?}"
    );
    cnscd::export::pdf::render_pdf(&drafted.document)
        .expect("pdf")
        .bytes
        .len()
}

fn dirs() -> TemplateDirs {
    TemplateDirs::new(None, cnscd::config::shipped_templates_dir())
}

/// One village's decision with its roster appendix: fill, check, render to PDF.
#[divan::bench(sample_count = 50)]
fn village_decision_pdf(bencher: divan::Bencher<'_, '_>) {
    let (dir, ids) = province();
    let store = Store::open_dir(dir.path()).expect("db");
    let dirs = dirs();
    let id = ids[ids.len() / 2];
    bencher.bench_local(|| draft_one(&store, &dirs, id));
}

/// Every village team's decision of the province sample, one after another.
#[divan::bench(sample_count = 1, sample_size = 1)]
fn every_team_decision_province(bencher: divan::Bencher<'_, '_>) {
    let (dir, ids) = province();
    let store = Store::open_dir(dir.path()).expect("db");
    let dirs = dirs();
    bencher.bench_local(|| {
        let mut total = 0usize;
        for id in ids {
            total += draft_one(&store, &dirs, *id);
        }
        total
    });
}
