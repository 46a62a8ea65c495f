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
}

#[test]
fn verify_corpus() {
    run("verify", bodies::verify);
}

#[test]
fn template_corpus() {
    run("template", bodies::template);
}
