//! The fuzz corpora as regression tests: every file of `fuzz/corpus/<target>/` (the minimised
//! corpus and every crash the fuzzers found) goes through the same body the cargo-fuzz target
//! runs (`fuzz/bodies.rs`), which must return without a panic.

use std::path::PathBuf;

mod bodies {
    #![allow(dead_code, reason = "each test runs one body")]
    include!("../fuzz/bodies.rs");
}

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{target}: empty corpus");
    files
}

fn run(target: &str, body: fn(&[u8])) {
    for (name, bytes) in corpus(target) {
        let outcome = std::panic::catch_unwind(|| body(&bytes));
        assert!(outcome.is_ok(), "{target}/{name} panics");
    }
}

#[test]
fn sheet_reader_corpus() {
    run("sheet_reader", bodies::sheet_reader);
    // A text file goes through one reader, picked by bit 2 of the first byte: each file of the
    // corpus through the other one too.
    run("sheet_reader", |data| {
        let mut other = data.to_vec();
        if let Some(kind) = other.first_mut() {
            *kind ^= 4;
        }
        bodies::sheet_reader(&other);
    });
}

#[test]
fn verify_corpus() {
    run("verify", bodies::verify);
}

#[test]
fn template_corpus() {
    run("template", bodies::template);
}

/// A loop harness without libFuzzer, for machines where `cargo fuzz` cannot build: each corpus
/// file mutated `CNSCD_FUZZ_RUNS` times (byte flips, insertions, deletions, splices of another
/// corpus file, truncations), every mutant through the target's body. Run by hand:
/// `CNSCD_FUZZ_RUNS=20000 cargo test --release --test main fuzz_corpus::mutants -- --ignored
/// --nocapture`; a panicking mutant is written to `fuzz/corpus/<target>/crash-<n>` to become a
/// regression test of the corpus tests above.
#[test]
#[ignore = "by hand: minutes of work"]
fn mutants() {
    use rand::{Rng, SeedableRng};
    let runs: usize = std::env::var("CNSCD_FUZZ_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let seed: u64 = std::env::var("CNSCD_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let only = std::env::var("CNSCD_FUZZ_TARGET").ok();
    type Body = fn(&[u8]);
    let targets: [(&str, Body); 3] = [
        ("sheet_reader", bodies::sheet_reader),
        ("verify", bodies::verify),
        ("template", bodies::template),
    ];
    std::panic::set_hook(Box::new(|_| {}));
    for (target, body) in targets {
        if only.as_deref().is_some_and(|o| o != target) {
            continue;
        }
        let files = corpus(target);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let (start, mut execs, mut crashes) = (std::time::Instant::now(), 0usize, 0usize);
        for (_, base) in &files {
            for _ in 0..runs {
                let mut m = base.clone();
                for _ in 0..rng.gen_range(1..8) {
                    let at = if m.is_empty() {
                        0
                    } else {
                        rng.gen_range(0..m.len())
                    };
                    match rng.gen_range(0..5) {
                        0 if !m.is_empty() => m[at] ^= 1 << rng.gen_range(0..8),
                        1 => m.insert(at, rng.r#gen()),
                        2 if !m.is_empty() => {
                            let end = (at + rng.gen_range(1..64)).min(m.len());
                            m.drain(at..end);
                        }
                        3 => {
                            let (_, other) = &files[rng.gen_range(0..files.len())];
                            if !other.is_empty() {
                                let from = rng.gen_range(0..other.len());
                                let end = (from + rng.gen_range(1..256)).min(other.len());
                                m.splice(at..at, other[from..end].iter().copied());
                            }
                        }
                        _ => m.truncate(at),
                    }
                }
                execs += 1;
                if std::panic::catch_unwind(|| body(&m)).is_err() {
                    crashes += 1;
                    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                        .join("fuzz/corpus")
                        .join(target);
                    let _ = std::fs::write(dir.join(format!("crash-{seed}-{execs}")), &m);
                }
            }
        }
        eprintln!(
            "fuzz {target}: {execs} mutants of {} corpus files in {:?}, {crashes} panics",
            files.len(),
            start.elapsed()
        );
    }
    let _ = std::panic::take_hook();
}
