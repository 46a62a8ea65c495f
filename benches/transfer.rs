//! Roster export to .xlsx and roster import at the `province` and `national` sample scales
//! (targets: national export < 3 s, national import of 348,362 rows < 5 s). The sample, its
//! roster file and a units-only database are made once per bench process.

#![allow(
    clippy::expect_used,
    reason = "a failed setup should stop the benchmark"
)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use std::sync::atomic::AtomicBool;

use cnscd::ops::files::write_atomic;
use cnscd::ops::sample::{Scale, sample};
use cnscd::ops::{roster, transfer};
use cnscd::store::Store;

fn main() {
    divan::main();
}

/// A generated sample: its database, its roster as .xlsx, and a database with its units only.
struct Prepared {
    _dir: tempfile::TempDir,
    full: PathBuf,
    roster: PathBuf,
    units_only: PathBuf,
}

fn prepare(scale: Scale) -> Prepared {
    let dir = tempfile::tempdir().expect("dir");
    let full = dir.path().join("full");
    let mut store = Store::open_dir(&full).expect("db");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
    sample(&mut store, scale, 1, today, &AtomicBool::new(false)).expect("sample");
    let roster_file = dir.path().join("roster.xlsx");
    let (bytes, _) = transfer::roster_xlsx(&store, None).expect("roster");
    write_atomic(&roster_file, &bytes).expect("write");
    let units_file = dir.path().join("units.xlsx");
    transfer::export_sheet(&store, transfer::Sheet::Units, None, &units_file).expect("units");
    let units_only = dir.path().join("units-only");
    let mut u = Store::open_dir(&units_only).expect("db");
    transfer::import_units(&mut u, &units_file, false).expect("units");
    drop(u);
    Prepared {
        full,
        roster: roster_file,
        units_only,
        _dir: dir,
    }
}

static PROVINCE: LazyLock<Prepared> = LazyLock::new(|| prepare(Scale::Province));
static NATIONAL: LazyLock<Prepared> = LazyLock::new(|| prepare(Scale::National));

fn export(bencher: divan::Bencher<'_, '_>, p: &Prepared) {
    let out = tempfile::tempdir().expect("dir");
    let dest = out.path().join("r.xlsx");
    bencher.bench_local(|| {
        let store = Store::open_dir(&p.full).expect("db");
        let (bytes, _) = transfer::roster_xlsx(&store, None).expect("roster");
        write_atomic(&dest, &bytes).expect("write");
    });
}

fn copy_db(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_dir(from).expect("db");
    store
        .backup_to(&dir.path().join(cnscd::store::DB_FILE))
        .expect("copy");
    dir
}

fn import(bencher: divan::Bencher<'_, '_>, p: &Prepared) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    bencher
        .with_inputs(|| copy_db(&p.units_only))
        .bench_local_values(|dir| {
            let mut store = Store::open_dir(dir.path()).expect("db");
            let opts = roster::Options::new(false, today);
            roster::import_file(&mut store, &p.roster, &opts, &AtomicBool::new(false))
                .expect("import");
            dir
        });
}

/// Roster export to .xlsx, province scale (about 24,300 members).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn export_roster_xlsx_province(bencher: divan::Bencher<'_, '_>) {
    export(bencher, &PROVINCE);
}

/// Roster export to .xlsx, national scale (348,362 members; target < 3 s).
#[divan::bench(sample_count = 2, sample_size = 1)]
fn export_roster_xlsx_national(bencher: divan::Bencher<'_, '_>) {
    export(bencher, &NATIONAL);
}

/// Roster import from .xlsx into a database holding the units, province scale.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn import_roster_province(bencher: divan::Bencher<'_, '_>) {
    import(bencher, &PROVINCE);
}

/// Roster import of 348,362 rows from .xlsx, national scale (target < 5 s).
#[divan::bench(sample_count = 2, sample_size = 1)]
fn import_roster_national(bencher: divan::Bencher<'_, '_>) {
    import(bencher, &NATIONAL);
}
