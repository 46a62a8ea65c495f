//! A look at a PDF's stream dictionaries before lopdf reads the file. lopdf allocates each `/W`
//! field width of a cross-reference stream as given, so `/W [700000000001 0 1]` asks for 700 GB
//! and aborts the whole process, beyond `catch_unwind` (found by the `verify` fuzz target). A
//! width counts bytes: 1 to 4 in real files, never more than 8. A stream dictionary whose `/W` is
//! a plain array of integers with a larger one is a damaged cross-reference table.
//!
//! The scan is a light tokenizer: comments, literal and hex strings and stream data are skipped,
//! names are read with their `#xx` escapes (`/#57` is `/W`), dictionaries are nested.

/// The most bytes a cross-reference field may take.
const MAX_WIDTH: u64 = 8;

/// Whether no stream dictionary of `bytes` has a `/W` field wider than [`MAX_WIDTH`].
pub fn xref_widths_ok(bytes: &[u8]) -> bool {
    // Per open dictionary: whether its /W is too wide.
    let mut open: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => i = skip_line(bytes, i),
            b'(' => i = skip_literal(bytes, i),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                open.push(false);
                i += 2;
            }
            b'<' => i = find(bytes, i, b">").map_or(bytes.len(), |e| e + 1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                let wide = open.pop().unwrap_or(false);
                i += 2;
                let next = skip_space(bytes, i);
                if bytes[next..].starts_with(b"stream") {
                    if wide && open.is_empty() {
                        return false;
                    }
                    // The data: to its `endstream` (none: nothing more to read).
                    match find(bytes, next + 6, b"endstream") {
                        Some(end) => i = end + 9,
                        None => return true,
                    }
                }
            }
            b'/' => {
                let (name, end) = name(bytes, i + 1);
                i = end;
                if name == b"W"
                    && let Some(top) = open.last_mut()
                {
                    let (too_wide, end) = widths(bytes, i);
                    *top |= too_wide;
                    i = end;
                }
            }
            _ => i += 1,
        }
    }
    true
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

fn skip_line(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |p| i + p + 1)
}

/// Past a literal string `( … )`: nested parentheses balance, `\` escapes one byte.
fn skip_literal(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, what: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, what).map(|p| from + p)
}

/// A name's bytes from `i` (after its `/`), `#xx` decoded, and where it ends.
fn name(bytes: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    while i < bytes.len() && !is_space(bytes[i]) && !is_delimiter(bytes[i]) {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'#', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    (out, i)
}

/// After `/W`: whether its value is an array of plain integers with one over [`MAX_WIDTH`], and
/// where the scan goes on (after the array, or where the value starts when it is none).
fn widths(bytes: &[u8], at: usize) -> (bool, usize) {
    let mut i = skip_space(bytes, at);
    if bytes.get(i) != Some(&b'[') {
        return (false, i);
    }
    i += 1;
    let mut too_wide = false;
    loop {
        i = skip_space(bytes, i);
        match bytes.get(i) {
            Some(b']') => return (too_wide, i + 1),
            Some(b'+' | b'-' | b'0'..=b'9') => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                // Any integer that does not fit is too wide too.
                let value = std::str::from_utf8(&bytes[start..i])
                    .ok()
                    .and_then(|s| s.parse::<i128>().ok())
                    .map_or(u64::MAX, |v| u64::try_from(v.max(0)).unwrap_or(u64::MAX));
                too_wide |= value > MAX_WIDTH;
            }
            // Not a plain array (a nested one, a real number): a font's widths, not a table's.
            _ => return (false, i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cross_reference_stream_wider_than_eight_bytes_is_refused_however_it_is_written() {
        let ok = b"1 0 obj\n<< /Type /XRef /W [1 4 2] /Size 3 /DecodeParms << /Columns 4 >> >>\nstream\nxx /W [900] endstream\nendobj";
        assert!(xref_widths_ok(ok));
        // The fuzzer's file: leading zeros, a 12-digit width.
        let bad = b"8 0 obj\n<< /Type /XRef /Length 32 /W [00000000700000000001 0 1 1 ] /Size 9 >>\nstream\ncD'\nendstream";
        assert!(!xref_widths_ok(bad));
        // The same without /Type, with an escaped name, a width past u64, or 9.
        assert!(!xref_widths_ok(
            b"<</#57[1 2 99999999999999999999999]>>stream\nx\nendstream"
        ));
        assert!(!xref_widths_ok(
            b"<</W[9 1 1]/Size 2>> stream\r\nx endstream"
        ));
        // A CID font's widths (no stream follows), a string or comment that mentions one, and a
        // nested array are not tables.
        assert!(xref_widths_ok(b"<< /Type /Font /W [1 100 600] >>\nendobj"));
        assert!(xref_widths_ok(
            b"<< /T (/W [99] >> stream) >>\n% /W [99]\nendobj"
        ));
        assert!(xref_widths_ok(b"<< /W [1 [500 600]] >>\nstream\nendstream"));
    }
}
