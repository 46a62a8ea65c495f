//! The verifier on hostile input: the signed files of `tests/data/sign-corpus/` keep their
//! expected states, and 2,000 deterministic mutations of them (byte flips, cuts, deleted and
//! repeated runs, changed `/ByteRange` digits and object numbers, stray `%%EOF`) go through
//! `sign::verify::inspect`, which must return for each (a panic fails the test) and must never
//! pass a file whose first signed range was changed. `inspect` is the entry a cargo-fuzz target
//! would call.

use std::path::PathBuf;

use cnscd::sign::trust::TrustStore;
use cnscd::sign::verify::{State, inspect};
use rand::{Rng as _, SeedableRng as _};

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/sign-corpus");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn corpus_files_keep_their_states() {
    let expected = [
        ("cert2-ours.pdf", State::ValidUntrusted, 2),
        ("enc.pdf", State::ValidUntrusted, 1),
        ("form-fill.pdf", State::ValidUntrusted, 1),
        ("modern.pdf", State::ValidUntrusted, 1),
        ("ours-annot.pdf", State::Invalid, 1),
        ("ours-ours.pdf", State::ValidUntrusted, 2),
        ("ours-py.pdf", State::ValidUntrusted, 2),
        ("ours.pdf", State::ValidUntrusted, 1),
    ];
    let files = corpus();
    assert_eq!(files.len(), expected.len());
    for ((name, bytes), (want_name, want, count)) in files.iter().zip(expected) {
        assert_eq!(name, want_name);
        let r = inspect(bytes, &TrustStore::new(), chrono::Utc::now().fixed_offset());
        assert_eq!(r.state, want, "{name}: {r:?}");
        assert_eq!(r.signatures.len(), count, "{name}");
        for s in &r.signatures {
            assert!(s.intact, "{name}: {s:?}");
            let amber = "Chữ ký đúng nhưng chưa xác định được nguồn tin cậy";
            assert!(s.answers.trust.text.starts_with(amber), "{name}: {s:?}");
        }
    }
}

/// The start of the first signature's `/Contents` gap: every byte before it is signed by every
/// signature of the file.
fn first_gap(bytes: &[u8]) -> Option<usize> {
    let at = cnscd::sign::pdf::find_from(bytes, b"/ByteRange", 0)?;
    let text = String::from_utf8_lossy(&bytes[at..(at + 80).min(bytes.len())]).into_owned();
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .nth(1)?
        .parse()
        .ok()
}

#[test]
fn two_thousand_mutations_never_panic_and_never_pass_a_changed_signed_byte() {
    let files = corpus();
    let trust = TrustStore::new();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x00c0_ffee);
    let significant = b"0123456789<>[]()/ R\n%";
    let mut outcomes = std::collections::BTreeMap::new();
    for i in 0..2000 {
        let (name, original) = &files[i % files.len()];
        let mut b = original.clone();
        let len = b.len();
        let op = rng.gen_range(0..8);
        let mut changed_signed_byte = false;
        match op {
            0 => {
                let at = rng.gen_range(0..len);
                b[at] ^= rng.gen_range(1..=255u8);
                changed_signed_byte = first_gap(original).is_some_and(|g| at < g);
            }
            1 => {
                let at = rng.gen_range(0..len);
                let new = significant[rng.gen_range(0..significant.len())];
                changed_signed_byte = b[at] != new && first_gap(original).is_some_and(|g| at < g);
                b[at] = new;
            }
            2 => b.truncate(rng.gen_range(0..len)),
            3 => {
                let at = rng.gen_range(0..len);
                let n = rng.gen_range(1..64).min(len - at);
                b.drain(at..at + n);
            }
            4 => {
                let at = rng.gen_range(0..len);
                let n = rng.gen_range(1..256).min(len - at);
                let chunk = b[at..at + n].to_vec();
                let to = rng.gen_range(0..len);
                b.splice(to..to, chunk);
            }
            5 => {
                if let Some(at) = cnscd::sign::pdf::find_from(&b, b"/ByteRange", 0) {
                    let digits: Vec<usize> = (at..(at + 60).min(len))
                        .filter(|&k| b[k].is_ascii_digit())
                        .collect();
                    if !digits.is_empty() {
                        let k = digits[rng.gen_range(0..digits.len())];
                        b[k] = b'0' + rng.gen_range(0..10u8);
                    }
                }
            }
            6 => {
                let heads: Vec<usize> = (0..len.saturating_sub(6))
                    .filter(|&k| &b[k..k + 6] == b" 0 obj")
                    .collect();
                if !heads.is_empty() {
                    let k = heads[rng.gen_range(0..heads.len())];
                    if k > 0 && b[k - 1].is_ascii_digit() {
                        b[k - 1] = b'0' + rng.gen_range(0..10u8);
                    }
                }
            }
            _ => {
                let at = rng.gen_range(0..len);
                b.splice(at..at, b"\n%%EOF\n".iter().copied());
            }
        }
        let report = inspect(&b, &trust, chrono::Utc::now().fixed_offset());
        *outcomes.entry(format!("{:?}", report.state)).or_insert(0) += 1;
        if changed_signed_byte {
            assert!(
                !report.state.passes(),
                "mutation {i} ({name}, op {op}) changed a signed byte but passed: {report:?}"
            );
        }
    }
    // The mutations reach every kind of answer, not only "cannot read".
    for state in ["Invalid", "Damaged", "ValidUntrusted"] {
        assert!(outcomes.get(state).is_some_and(|n| *n > 20), "{outcomes:?}");
    }
}

/// What the old signer did to owner-password files: an update whose trailer lost `/Encrypt`, so
/// every other reader shows blank pages. The file must not pass.
#[test]
fn an_update_that_drops_the_encryption_invalidates_the_signature() {
    let (_, enc) = corpus().into_iter().find(|(n, _)| n == "enc.pdf").unwrap();
    let mut parsed = cnscd::sign::pdf::parse(&enc).unwrap();
    assert!(parsed.encrypt_ref.is_some());
    parsed.encrypt_ref = None;
    let u = cnscd::sign::pdf::Update::new(parsed.size);
    let (stripped, _) = u.finish(&enc, &parsed, &lopdf::Dictionary::new());
    let r = inspect(
        &stripped,
        &TrustStore::new(),
        chrono::Utc::now().fixed_offset(),
    );
    // lopdf cannot read it at all (its strings and streams are still encrypted): damaged.
    assert!(!r.state.passes(), "{r:?}");
    assert_eq!(r.state, State::Damaged, "{r:?}");
}
