//! The faster paths of `legacy` held to the straightforward code they replaced, on random texts
//! of real legacy words, misread bytes, capitals and odd spaces.

use rand::{Rng, SeedableRng};
use unicode_normalization::UnicodeNormalization;

use super::*;

/// `is_syllable` before its early exit.
fn is_syllable_plain(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: Vec<char> = chars.collect();
    let case_ok = rest.iter().all(|c| c.is_lowercase())
        || (first.is_uppercase() && rest.iter().all(|c| c.is_uppercase()));
    if !case_ok {
        return false;
    }
    let lower = word.to_lowercase();
    let mut tones = 0;
    let base: String = lower
        .nfd()
        .filter(|c| {
            let tone = matches!(
                *c,
                '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'
            );
            tones += usize::from(tone);
            !tone
        })
        .nfc()
        .collect();
    if tones > 1
        || !base
            .chars()
            .all(|c| c.is_ascii_lowercase() || "ăâêôơưđ".contains(c))
    {
        return false;
    }
    let rime_ok = |rime: &str| {
        let (nucleus, _) = FINALS
            .iter()
            .find_map(|f| rime.strip_suffix(f).map(|n| (n, *f)))
            .filter(|(n, _)| !n.is_empty())
            .unwrap_or((rime, ""));
        NUCLEI.contains(&nucleus)
    };
    if rime_ok(&base) {
        return true;
    }
    INITIALS.iter().any(|i| {
        base.strip_prefix(i).is_some_and(|rime| {
            rime_ok(rime) || (*i == "gi" && (rime.is_empty() || rime_ok(&format!("i{rime}"))))
        })
    })
}

/// The VN3 capitals restored by looking at every other word for each lowered start.
fn fix_case_plain(text: &str) -> String {
    let out = decode_tcvn3(text, false);
    let mut lowered_starts = Vec::new();
    let mut at_word_start = true;
    let mut len = 0;
    for c in text.chars() {
        let decoded = legacy_byte(c).and_then(|b| TABLES.tcvn_decode.get(&b).map(|d| (b, *d)));
        let d = match decoded {
            Some((b, d)) => {
                if at_word_start && b >= 0xB5 && d.is_lowercase() {
                    lowered_starts.push(len);
                }
                d
            }
            None => c,
        };
        len += d.len_utf8();
        at_word_start = c.is_whitespace();
    }
    let words = word_spans(&out);
    let title_case_others = |start: usize| {
        let others: Vec<&str> = words
            .iter()
            .filter(|(s, w)| *s != start && w.chars().next().is_some_and(char::is_alphabetic))
            .map(|(_, w)| *w)
            .collect();
        !others.is_empty()
            && others
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let mut fixed = String::with_capacity(out.len());
    let mut last = 0;
    for start in lowered_starts {
        if start == 0 || title_case_others(start) {
            fixed.push_str(&out[last..start]);
            let c = out[start..].chars().next().unwrap_or(' ');
            fixed.extend(c.to_uppercase());
            last = start + c.len_utf8();
        }
    }
    fixed.push_str(&out[last..]);
    fixed
}

/// What `legacy_fields` did with a field before `reading_in`.
fn reading_via_detect(encoding: Encoding, text: &str) -> String {
    let text = match detect(text) {
        Some((e, t)) if e == encoding => t,
        _ => decode(encoding, text),
    };
    text.nfc().collect()
}

/// Random texts: words of real names and places in both legacy encodings (some in capitals),
/// words of misread bytes, ASCII, Unicode Vietnamese, and spaces of several kinds.
fn texts(seed: u64, count: usize) -> Vec<String> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let real: Vec<&str> = tests::SENTENCES
        .iter()
        .flat_map(|s| s.split_whitespace())
        .chain(["Ánh", "Ủy", "Ứng", "nghiêng", "khuyếch", "Nguyễn"])
        .collect();
    let spaces = [" ", " ", " ", "  ", "\u{85}", "\u{A0}", "\t"];
    (0..count)
        .map(|_| {
            let words = rng.gen_range(0..9);
            let mut text = String::new();
            for _ in 0..words {
                let word = real[rng.gen_range(0..real.len())];
                let word = match rng.gen_range(0..6) {
                    0 => word.to_uppercase(),
                    1 => word.to_lowercase(),
                    _ => word.to_string(),
                };
                let piece = match rng.gen_range(0..7) {
                    0 | 1 => encode(Encoding::Tcvn3, &word),
                    2 | 3 => encode(Encoding::Vni, &word),
                    4 => (0..rng.gen_range(1..12))
                        .map(|_| byte_char(rng.gen_range(0x20..=0xFF)))
                        .collect(),
                    5 => word.nfd().collect(),
                    _ => word,
                };
                text.push_str(&piece);
                text.push_str(spaces[rng.gen_range(0..spaces.len())]);
            }
            text
        })
        .collect()
}

#[test]
fn the_early_exit_of_is_syllable_changes_no_answer() {
    let mut checked = 0;
    for text in texts(1, 4_000) {
        for word in text
            .split_whitespace()
            .chain(std::iter::once(text.as_str()))
        {
            assert_eq!(is_syllable(word), is_syllable_plain(word), "{word:?}");
            checked += 1;
        }
        for e in [Encoding::Tcvn3, Encoding::Vni] {
            let decoded: String = decode(e, &text).nfc().collect();
            for word in decoded.split_whitespace() {
                assert_eq!(is_syllable(word), is_syllable_plain(word), "{word:?}");
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
}

#[test]
fn counting_capitals_once_restores_the_same_vn3_capitals() {
    let mut restored = 0;
    for text in texts(2, 4_000) {
        let fast = decode_tcvn3(&text, true);
        assert_eq!(fast, fix_case_plain(&text), "{text:?}");
        restored += usize::from(fast != decode_tcvn3(&text, false));
    }
    // The texts exercise the restoring, not only its absence.
    assert!(restored > 200, "{restored}");
}

#[test]
fn reading_in_one_encoding_agrees_with_detecting_both() {
    let mut legacy = 0;
    for text in texts(3, 4_000) {
        for e in [Encoding::Tcvn3, Encoding::Vni] {
            assert_eq!(
                reading_in(e, &text),
                reading_via_detect(e, &text),
                "{e} {text:?}"
            );
            legacy += usize::from(detect(&text).is_some_and(|(found, _)| found == e));
        }
    }
    assert!(legacy > 500, "{legacy}");
}
