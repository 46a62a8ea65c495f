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

/// One decision with a 9-member roster appendix rendered to PDF in-process (target < 5 ms).
#[divan::bench]
fn render_decision_pdf(bencher: divan::Bencher<'_, '_>) {
    let doc = cnscd::export::example::decision(9, false);
    // Parse the fonts before timing: they are parsed once per process.
    cnscd::export::pdf::render_pdf(&doc).expect("render");
    bencher.bench(|| cnscd::export::pdf::render_pdf(divan::black_box(&doc)).expect("render"));
}

/// The same decision to DOCX.
#[divan::bench]
fn render_decision_docx(bencher: divan::Bencher<'_, '_>) {
    let doc = cnscd::export::example::decision(9, false);
    bencher.bench(|| cnscd::export::docx::render_docx(divan::black_box(&doc)).expect("render"));
}

/// Every team's decision of the `province` sample: 3,766 documents (target < 15 s). Team
/// sizes vary from 5 to 14 members, as in the sample.
#[divan::bench(sample_count = 1)]
fn render_province_decisions() {
    let docs: Vec<cnscd::document::Document> = (0..3766)
        .map(|i| cnscd::export::example::decision(5 + i % 10, false))
        .collect();
    for d in &docs {
        divan::black_box(cnscd::export::pdf::render_pdf(d).expect("render"));
    }
}
