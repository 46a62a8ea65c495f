//! A look at a PDF's bytes before lopdf reads them. lopdf allocates each `/W` field width of a
//! cross-reference stream as given, so `/W [700000000001 0 1]` asks for 700 GB and aborts the
//! whole process, beyond `catch_unwind` (found by the `verify` fuzz target). A width counts
//! bytes: 1 to 4 in real files. A `/W` array anywhere in the file (a table's, or a CID font's
//! glyph widths, whose numbers stay under 65.536 and some thousands) holding a number past
//! [`MAX_WIDTH`] is a damaged file.
//!
//! The scan is positional, not a tokenizer: damaged files are what it is for, and one stray `(`
//! in binary data must not hide the rest of the file from it. Names are matched with their
//! `#xx` escape too (`/#57` is `/W`).

/// Far above any font's glyph number or width, far below an allocation that could fail.
const MAX_WIDTH: u64 = 1 << 24;

/// Whether no `/W` array of `bytes` holds a number past [`MAX_WIDTH`].
pub fn xref_widths_ok(bytes: &[u8]) -> bool {
    [&b"/W"[..], &b"/#57"[..]].iter().all(|name| {
        memchr::memmem::find_iter(bytes, name).all(|at| {
            let after = at + name.len();
            // `/Width`, `/WMode`: another name.
            match bytes.get(after) {
                Some(&b) if !is_space(b) && !is_delimiter(b) => true,
                _ => !too_wide(bytes, after),
            }
        })
    })
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && is_space(bytes[i]) {
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
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let digits = &bytes[start..i];
                let significant = &digits[digits
                    .iter()
                    .position(|&d| d != b'0')
                    .unwrap_or(digits.len())..];
                // More than 19 digits is past u64 without parsing.
                let value = if significant.len() > 19 {
                    u64::MAX
                } else {
                    std::str::from_utf8(significant)
                        .ok()
                        .and_then(|s| s.parse::<u64>().ok())
                        .unwrap_or(0)
                };
                if value > MAX_WIDTH {
                    return true;
                }
            }
            b if is_space(b) || matches!(b, b'+' | b'-' | b'.') => i += 1,
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
        assert!(xref_widths_ok(ok));
        // The fuzzer's files: leading zeros, a 12-digit width; one behind a stray `(` in
        // binary data.
        let bad = b"<< /Type /XRef /Length 32 /W [00000000700000000001 0 1 1 ] /Size 9 >>\nstream";
        assert!(!xref_widths_ok(bad));
        assert!(!xref_widths_ok(
            b"s\x06ream (\xff\x00 endstream\n<< /W [0000006000000000000000000 1 0 1 1 ] >>"
        ));
        // An escaped name, a width past u64, a nested array.
        assert!(!xref_widths_ok(b"<</#57[1 2 99999999999999999999999]>>"));
        assert!(!xref_widths_ok(b"<</W[1 [500 99999999999]]>>"));
        // Fonts' widths, other names, and a /W that is no array are not refused.
        assert!(xref_widths_ok(
            b"<< /Type /Font /W [1 [500 600] 10 65535 1000] /Width 9999999999 >>"
        ));
        assert!(xref_widths_ok(b"<< /WMode 99999999999 /W 12 0 R >>"));
    }
}
