//! Every encoding a Vietnamese office PC writes a .csv/.txt in, told from the bytes and named
//! for the report: UTF-8 with or without BOM; UTF-16 LE/BE with a BOM or without (Excel's
//! «Unicode Text» is UTF-16 LE with tabs); Windows-1258 (Excel's «CSV» on a Windows set to
//! Vietnamese: tone marks as separate combining bytes, composed here to NFC); UTF-8 that went
//! through Windows-1252 and was saved again («Nguyá»…n»); TCVN3 and VNI (read with
//! `legacy`). Out comes UTF-8 text in NFC, the encoding, and the delimiter.

use std::borrow::Cow;
use std::fmt;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252, WINDOWS_1258};

use super::legacy::{self, plausibility};

/// The encoding a text file was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark (plain ASCII included).
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's «CSV UTF-8»).
    Utf8Bom,
    /// UTF-16 little-endian (Excel's «Unicode Text»).
    Utf16Le {
        /// Whether the file starts with a byte-order mark.
        bom: bool,
    },
    /// UTF-16 big-endian.
    Utf16Be {
        /// Whether the file starts with a byte-order mark.
        bom: bool,
    },
    /// Windows-1258, the Vietnamese ANSI code page.
    Windows1258,
    /// UTF-8 bytes read as Windows-1252 and saved again as UTF-8.
    Utf8ViaWindows1252,
    /// TCVN3 (ABC) bytes.
    Tcvn3,
    /// VNI Windows bytes.
    Vni,
}

impl TextEncoding {
    /// The encoding's name for the clerk's report.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (có BOM)",
            TextEncoding::Utf16Le { .. } => "UTF-16 LE («Unicode Text» của Excel)",
            TextEncoding::Utf16Be { .. } => "UTF-16 BE",
            TextEncoding::Windows1258 => "Windows-1258 (bảng mã tiếng Việt của Windows)",
            TextEncoding::Utf8ViaWindows1252 => {
                "UTF-8 bị đọc nhầm thành Windows-1252 rồi lưu lại (chữ lỗi kiểu «Nguyá»…n»)"
            }
            TextEncoding::Tcvn3 => "TCVN3 (ABC)",
            TextEncoding::Vni => "VNI Windows",
        }
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A decoded text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, NFC, byte-order mark removed, line breaks as written.
    pub text: String,
    /// The encoding found.
    pub encoding: TextEncoding,
    /// The field delimiter: `,`, `;` (Excel in a Vietnamese locale), tab or `|`.
    pub delimiter: u8,
}

impl Decoded {
    /// The report's line: `Bảng mã: Windows-1258 …; phân cách bằng dấu chấm phẩy`.
    pub fn describe(&self) -> String {
        let sep = match self.delimiter {
            b'\t' => "dấu tab",
            b';' => "dấu chấm phẩy",
            b'|' => "dấu gạch đứng",
            _ => "dấu phẩy",
        };
        format!("Bảng mã: {}; các cột phân cách bằng {sep}.", self.encoding)
    }
}

/// Decodes a .csv/.txt file's bytes. `Err` carries the reason in Vietnamese (a UTF-16 file cut
/// in the middle of a character).
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let (text, encoding) = decode_text(bytes)?;
    let text = legacy::nfc_owned(text.into_owned());
    let delimiter = sniff_delimiter(&text);
    let text = match encoding {
        TextEncoding::Tcvn3 | TextEncoding::Vni => legacy_fields(&text, delimiter, encoding),
        _ => text,
    };
    Ok(Decoded {
        text,
        encoding,
        delimiter,
    })
}

fn decode_text(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding), String> {
    let broken = |name: &str| format!("tệp không đọc được theo bảng mã {name} (hỏng ở giữa tệp)");
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok(repair_mojibake(s, TextEncoding::Utf8Bom)),
            Err(_) => Err(broken("UTF-8")),
        };
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true, true).ok_or_else(|| broken("UTF-16"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false, true).ok_or_else(|| broken("UTF-16"));
    }
    if let Some(le) = looks_utf16(bytes) {
        return utf16(bytes, le, false).ok_or_else(|| broken("UTF-16"));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(repair_mojibake(s, TextEncoding::Utf8));
    }
    Ok(single_byte(bytes))
}

fn utf16(bytes: &[u8], le: bool, bom: bool) -> Option<(Cow<'_, str>, TextEncoding)> {
    let (codec, encoding) = if le {
        (UTF_16LE, TextEncoding::Utf16Le { bom })
    } else {
        (UTF_16BE, TextEncoding::Utf16Be { bom })
    };
    // A last odd byte is a cut file; anything else that does not decode is too.
    if bytes.len() % 2 == 1 {
        return None;
    }
    codec
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| (Cow::Owned(s.into_owned()), encoding))
}

/// UTF-16 without a byte-order mark: text of mostly Latin letters, digits and separators has a
/// zero in every other byte. `Some(true)` for little-endian.
fn looks_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    let most = pairs * 3 / 10;
    let few = pairs / 50;
    if zero_odd > most && zero_even <= few {
        Some(true)
    } else if zero_even > most && zero_odd <= few {
        Some(false)
    } else {
        None
    }
}

/// UTF-8 whose letters went through Windows-1252 once (or twice) and were saved again as UTF-8:
/// each character maps back to one Windows-1252 byte and those bytes are UTF-8 that reads as
/// Vietnamese strictly better. Otherwise the text as it is.
fn repair_mojibake(s: &str, encoding: TextEncoding) -> (Cow<'_, str>, TextEncoding) {
    let Some(once) = undo_1252(s) else {
        return (Cow::Borrowed(s), encoding);
    };
    // Each misreading scores the same (every word broken), so compare the end results.
    let twice = undo_1252(&once);
    let here = plausibility(s);
    let best = [twice, Some(once)]
        .into_iter()
        .flatten()
        .map(|t| (plausibility(&t), t))
        .filter(|(score, _)| *score > here)
        .max_by_key(|(score, _)| *score);
    match best {
        Some((_, text)) => (Cow::Owned(text), TextEncoding::Utf8ViaWindows1252),
        None => (Cow::Borrowed(s), encoding),
    }
}

/// The text before a Windows-1252 misreading: each letter back to its Windows-1252 byte, the
/// bytes read as UTF-8. `None` when that cannot be (most texts, at their first `ư` or `ạ`).
fn undo_1252(s: &str) -> Option<String> {
    // Vietnamese letters are two or three UTF-8 bytes led by C3, C4, C5, C6 or E1 (`Ã`, `Ä`,
    // `Å`, `Æ`, `á` in Windows-1252); a letter Windows-1252 lacks (`ư`, `ạ`) ends the search at
    // once, which is where real Vietnamese text ends it.
    if s.is_ascii() || !s.chars().any(|c| matches!(c, 'Ã' | 'Ä' | 'Å' | 'Æ' | 'á')) {
        return None;
    }
    if s.chars().any(|c| c as u32 > 0xFF && !in_1252_upper_half(c)) {
        return None;
    }
    let (bytes, _, unmappable) = WINDOWS_1252.encode(s);
    if unmappable {
        return None;
    }
    String::from_utf8(bytes.into_owned()).ok()
}

/// The letters Windows-1252 puts at 0x80–0x9F.
fn in_1252_upper_half(c: char) -> bool {
    matches!(
        c,
        '€' | '‚'
            | 'ƒ'
            | '„'
            | '…'
            | '†'
            | '‡'
            | 'ˆ'
            | '‰'
            | 'Š'
            | '‹'
            | 'Œ'
            | 'Ž'
            | '‘'
            | '’'
            | '“'
            | '”'
            | '•'
            | '–'
            | '—'
            | '˜'
            | '™'
            | 'š'
            | '›'
            | 'œ'
            | 'ž'
            | 'Ÿ'
    )
}

/// The first 64 KiB of a file, cut after a line: enough to tell its encoding.
fn sample(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= 65_536 {
        return bytes;
    }
    let head = &bytes[..65_536];
    match head.iter().rposition(|b| *b == b'\n') {
        Some(i) => &head[..=i],
        None => head,
    }
}

/// A file in a one-byte code page: Windows-1258, TCVN3 or VNI, whichever reads as Vietnamese
/// best (Windows-1258 on a tie: it is what Excel writes on a Vietnamese Windows). TCVN3 and
/// VNI text comes back as Windows-1252 letters, for `legacy_fields` to convert field by field.
fn single_byte(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    let head = sample(bytes);
    let w1258 = |b: &[u8]| -> String {
        legacy::nfc_owned(WINDOWS_1258.decode_without_bom_handling(b).0.into_owned())
    };
    let latin = |b: &[u8]| -> String { b.iter().map(|b| legacy::byte_char(*b)).collect() };
    let mut best = (plausibility(&w1258(head)), TextEncoding::Windows1258);
    let head_latin = latin(head);
    for (enc, e) in [
        (legacy::Encoding::Tcvn3, TextEncoding::Tcvn3),
        (legacy::Encoding::Vni, TextEncoding::Vni),
    ] {
        let score = plausibility(&legacy::nfc_owned(legacy::decode(enc, &head_latin)));
        if score > best.0 {
            best = (score, e);
        }
    }
    match best.1 {
        TextEncoding::Windows1258 => (Cow::Owned(w1258(bytes)), TextEncoding::Windows1258),
        e => (Cow::Owned(latin(bytes)), e),
    }
}

/// Converts each field of a TCVN3 or VNI text on its own, so that `legacy` restores the
/// capitals VN3 fonts cannot write (it looks at the other words of the same cell). Delimiters,
/// quotes and line breaks are ASCII, the same in every reading.
fn legacy_fields(latin: &str, delimiter: u8, encoding: TextEncoding) -> String {
    let enc = match encoding {
        TextEncoding::Vni => legacy::Encoding::Vni,
        _ => legacy::Encoding::Tcvn3,
    };
    let mut out = String::with_capacity(latin.len() * 2);
    let mut field = String::new();
    let flush = |field: &mut String, out: &mut String| {
        if !field.is_empty() {
            out.push_str(&legacy::reading_in(enc, field));
            field.clear();
        }
    };
    for c in latin.chars() {
        if c == delimiter as char || matches!(c, '\r' | '\n' | '"') {
            flush(&mut field, &mut out);
            out.push(c);
        } else {
            field.push(c);
        }
    }
    flush(&mut field, &mut out);
    out
}

/// The delimiter of a delimited text: among tab, `;`, `,` and `|`, the one found the same
/// number of times (at least once) on most of the first lines, outside quotes. Title lines
/// above a table hold the delimiters of their empty cells too. Tab wins a tie (Excel's
/// «Unicode Text»), then `;`.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (0usize, 0usize, b',');
    for d in [b'\t', b';', b',', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let mut modes: Vec<(usize, usize)> = Vec::new();
        for c in counts.iter().copied().filter(|c| *c > 0) {
            match modes.iter_mut().find(|(v, _)| *v == c) {
                Some(m) => m.1 += 1,
                None => modes.push((c, 1)),
            }
        }
        let (mode, lines_at_mode) = modes
            .into_iter()
            .max_by_key(|(v, n)| (*n, *v))
            .unwrap_or((0, 0));
        if (lines_at_mode, mode) > (best.0, best.1) {
            best = (lines_at_mode, mode, d);
        }
    }
    best.2
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d && !quoted {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests;
