//! Benchmarks at the sample scales (run by hand: `cargo bench`). Figures go in the closing notes.

#![allow(
    clippy::expect_used,
    reason = "a failed setup should stop the benchmark"
)]

fn main() {
    divan::main();
}

use cnscd::sample::{Scale, generate};

/// Sample generation into a file database (as `cnscd sample` does), province scale.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn sample_province(bencher: divan::Bencher<'_, '_>) {
    sample_into_file(bencher, Scale::Province);
}

/// Sample generation at national scale (target < 20 s).
#[divan::bench(sample_count = 1, sample_size = 1)]
fn sample_national(bencher: divan::Bencher<'_, '_>) {
    sample_into_file(bencher, Scale::National);
}

fn sample_into_file(bencher: divan::Bencher<'_, '_>, scale: Scale) {
    bencher
        .with_inputs(|| tempfile::tempdir().expect("temporary dir"))
        .bench_local_values(|dir| {
            let mut store = cnscd::Store::open_dir(dir.path()).expect("db");
            generate(&mut store, scale, 1).expect("sample");
            dir
        });
}
