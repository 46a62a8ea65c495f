//! Document drafting benchmarks (run by hand: `cargo bench --bench documents`): one village
//! decision with its roster drafted, checked and rendered to PDF in-process (target < 5 ms), and
//! every team's decision of the `province` sample (3,766 documents, target < 15 s) as the batch
//! `draft decision --each` makes them, on every core and on one.

#![allow(
    clippy::expect_used,
    reason = "a failed setup should stop the benchmark"
)]

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDate;
use cnscd::document::Templates;
use cnscd::model::{DocKind, Format, Level};
use cnscd::ops::documents::{self, DraftSpec};
use cnscd::ops::sample::{Scale, sample};
use cnscd::ops::{Workspace, batch};
use cnscd::store::{Store, teams, units};

fn main() {
    divan::main();
}

/// The province sample, built once (a file database, as the command line uses), with the
/// village whose decision the single-document bench drafts.
fn province() -> &'static (tempfile::TempDir, i64) {
    static P: OnceLock<(tempfile::TempDir, i64)> = OnceLock::new();
    P.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary dir");
        let mut store = Store::open_dir(dir.path()).expect("db");
        let today = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        sample(
            &mut store,
            Scale::Province,
            1,
            today,
            &AtomicBool::new(false),
        )
        .expect("sample");
        let villages: Vec<i64> = teams::all(store.conn())
            .expect("teams")
            .into_iter()
            .map(|t| t.unit_id)
            .filter(|&u| units::get(store.conn(), u).expect("unit").level == Level::Village)
            .collect();
        (dir, villages[villages.len() / 2])
    })
}

fn draft_one(store: &Store, ws: &Workspace, unit_id: i64) -> usize {
    let spec = DraftSpec {
        kind: Some(DocKind::DecisionConsolidate),
        unit_id,
        team_id: None,
        date: NaiveDate::from_ymd_opt(2026, 1, 15).expect("date"),
        year: None,
        period: None,
        sections: Default::default(),
        cites: None,
        deputy: None,
    };
    let draft = documents::draft(store, ws, &spec).expect("draft");
    assert!(!draft.has_errors(), "{:?}", draft.findings);
    documents::render(ws, &draft, Format::Pdf)
        .expect("pdf")
        .len()
}

fn dirs() -> Templates {
    Templates::shipped()
}

/// One village's decision with its roster appendix: fill, check, render to PDF.
#[divan::bench(sample_count = 50)]
fn village_decision_pdf(bencher: divan::Bencher<'_, '_>) {
    let (dir, id) = province();
    let store = Store::open_dir(dir.path()).expect("db");
    let ws = Workspace::new(dir.path());
    bencher.bench_local(|| draft_one(&store, &ws, *id));
}

/// Every team's decision of the province sample (3,766: each village's team and each commune's
/// own), as `draft decision --unit <province> --each` makes them, without writing the files.
fn every_team(threads: usize) -> usize {
    let (dir, _) = province();
    let store = Store::open_dir(dir.path()).expect("db");
    let root = units::resolve(store.conn(), "48").expect("province");
    let items = batch::teams_under(store.conn(), &root).expect("teams");
    assert_eq!(items.len(), 3766);
    let options = batch::Options {
        kind: Some(DocKind::DecisionConsolidate),
        date: NaiveDate::from_ymd_opt(2026, 1, 15).expect("date"),
        format: Format::Pdf,
        force: false,
        deputy: None,
    };
    let bytes = AtomicUsize::new(0);
    let sink = |done: batch::Done| {
        bytes.fetch_add(done.bytes.len(), Ordering::Relaxed);
        Ok(())
    };
    let db = store.path().expect("file db").to_path_buf();
    let failed = batch::decisions(
        &db,
        &dirs(),
        &items,
        &options,
        threads,
        &AtomicBool::new(false),
        &sink,
    )
    .expect("batch");
    assert!(failed.is_empty(), "{failed:?}");
    bytes.into_inner()
}

/// The 3,766 decisions on every core (the < 15 s target).
#[divan::bench(sample_count = 1, sample_size = 1)]
fn every_team_decision_province() -> usize {
    every_team(0)
}

/// The same on one core, for comparison.
#[divan::bench(sample_count = 1, sample_size = 1)]
fn every_team_decision_province_one_core() -> usize {
    every_team(1)
}
