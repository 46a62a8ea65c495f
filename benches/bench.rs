//! Benchmarks at the sample scales (run by hand: `cargo bench`). Figures go in the closing notes.

#![allow(
    clippy::expect_used,
    reason = "a failed setup should stop the benchmark"
)]

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 3)]
fn sample_province() {
    let mut store = cnscd::Store::open_in_memory().expect("db");
    cnscd::sample::generate(&mut store, cnscd::sample::Scale::Province, 1).expect("sample");
}
