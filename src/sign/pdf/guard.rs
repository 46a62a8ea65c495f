//! A look at a PDF's bytes before lopdf reads them. lopdf allocates each `/W` field width of a
//! cross-reference stream as given, so `/W [700000000001 0 1]` asks for 700 GB and aborts the
//! whole process, beyond `catch_unwind` (found by the `verify` fuzz target). A width counts
//! bytes: 1 to 4 in real files. A `/W` array anywhere in the file (a table's, or a CID font's
//! glyph widths, whose numbers stay under 65.536 and some thousands) holding a number past
//! [`MAX_WIDTH`] is a damaged file.
//!
//! The same holds for a stream's predictor parameters (`/Columns`, `/Colors`,
//! `/BitsPerComponent`), from which lopdf sizes a row buffer.
//!
//! The scan is positional, not a tokenizer: damaged files are what it is for, and one stray `(`
//! in binary data must not hide the rest of the file from it. Every name is read at its `/` with
//! its `#xx` escapes decoded (`/#57` is `/W`).

use crate::sign::raw::{is_delim, is_white, name_eq};

/// Far above any font's glyph number or width, far below an allocation that could fail.
const MAX_WIDTH: u64 = 1 << 24;

/// The same bound for a stream's predictor parameters: lopdf allocates a row of `/Columns`
/// (times `/Colors`) bytes, so `/Columns 1421753062` took 2,8 GB (the fuzz target again). Real
/// images are some thousand columns wide.
const PREDICTOR_KEYS: [&[u8]; 3] = [b"Columns", b"Colors", b"BitsPerComponent"];

/// Whether no `/W` array of `bytes` holds a number past [`MAX_WIDTH`], and no predictor
/// parameter is past it either. Every name is read at its `/`, `#xx` escapes decoded.
pub fn sizes_ok(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'/', bytes).all(|at| {
        let end = bytes[at + 1..]
            .iter()
            .position(|&b| is_white(b) || is_delim(b))
            .map_or(bytes.len(), |p| at + 1 + p);
        let name = &bytes[at..end];
        if name_eq(name, b"W") {
            !too_wide(bytes, end)
        } else if PREDICTOR_KEYS.iter().any(|key| name_eq(name, key)) {
            number_at(bytes, skip_space(bytes, end)).is_none_or(|n| n <= MAX_WIDTH)
        } else {
            true
        }
    })
}

/// The unsigned integer at `i`, saturating; `None` when no digit is there.
fn number_at(bytes: &[u8], i: usize) -> Option<u64> {
    let digits = bytes.get(i..)?;
    let len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    if len == 0 {
        return None;
    }
    let digits = &digits[..len];
    let significant = &digits[digits.iter().position(|&d| d != b'0').unwrap_or(len)..];
    // More than 19 digits is past u64 without parsing.
    Some(if significant.len() > 19 {
        u64::MAX
    } else {
        std::str::from_utf8(significant)
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0)
    })
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && is_white(bytes[i]) {
        i += 1;
    }
    i
}

/// Whether the array at `at` (after white space) holds an integer past [`MAX_WIDTH`]; nested
/// arrays (a font's `[500 600]`) are read through.
fn too_wide(bytes: &[u8], at: usize) -> bool {
    let mut i = skip_space(bytes, at);
    if bytes.get(i) != Some(&b'[') {
        return false;
    }
    let mut depth = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => {
                depth += 1;
                i += 1;
            }
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return false;
                }
                i += 1;
            }
            b'0'..=b'9' => {
                let value = number_at(bytes, i).unwrap_or(0);
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if value > MAX_WIDTH {
                    return true;
                }
            }
            b if is_white(b) || matches!(b, b'+' | b'-' | b'.') => i += 1,
            // Anything else ends what could be an array of numbers.
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cross_reference_width_past_any_font_is_refused_however_it_is_written() {
        let ok = b"1 0 obj\n<< /Type /XRef /W [1 4 2] /Size 3 >>\nstream\nxx endstream\nendobj";
        assert!(sizes_ok(ok));
        // The fuzzer's files: leading zeros, a 12-digit width; one behind a stray `(` in
        // binary data.
        let bad = b"<< /Type /XRef /Length 32 /W [00000000700000000001 0 1 1 ] /Size 9 >>\nstream";
        assert!(!sizes_ok(bad));
        assert!(!sizes_ok(
            b"s\x06ream (\xff\x00 endstream\n<< /W [0000006000000000000000000 1 0 1 1 ] >>"
        ));
        // An escaped name, a width past u64, a nested array.
        assert!(!sizes_ok(b"<</#57[1 2 99999999999999999999999]>>"));
        assert!(!sizes_ok(b"<</W[1 [500 99999999999]]>>"));
        // Fonts' widths, other names, and a /W that is no array are not refused.
        assert!(sizes_ok(
            b"<< /Type /Font /W [1 [500 600] 10 65535 1000] /Width 9999999999 >>"
        ));
        assert!(sizes_ok(b"<< /WMode 99999999999 /W 12 0 R >>"));
        // A predictor row of 1,4 GB, plainly or escaped; a real image's passes.
        assert!(!sizes_ok(
            b"/DecodeParms << /Columns 000000001421753062 /Predictor 12 >>"
        ));
        assert!(!sizes_ok(b"<</Col#75mns 99999999999>>"));
        assert!(sizes_ok(
            b"/DecodeParms << /Columns 4 /Colors 3 /BitsPerComponent 8 >>"
        ));
    }
}
