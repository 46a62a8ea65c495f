use super::*;
use unicode_normalization::UnicodeNormalization;

const SHEET: &str = "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG\n\
STT;Họ và tên;Năm sinh;Chức vụ trong Tổ;Số điện thoại\n\
1;Nguyễn Văn Ánh;1985;Tổ trưởng;0912.345.678\n\
2;Trần Thị Hồng Nhung;1990;Tổ phó;0905 111 222\n\
3;Lê Đức Thắng;1978;Thành viên;0236 3822 123\n";

/// The bytes Excel on a Vietnamese Windows writes: Windows-1258, a letter the code page lacks
/// written as its base letter and a combining tone mark.
pub(crate) fn to_1258(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in text.nfc() {
        let s = c.to_string();
        let (b, _, unmappable) = WINDOWS_1258.encode(&s);
        if !unmappable {
            out.extend_from_slice(&b);
            continue;
        }
        // The tone mark is not always last in canonical order (`Ệ` is E, dot below, circumflex).
        let is_tone =
            |m: &char| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
        let d: Vec<char> = s.nfd().collect();
        let tone: String = d.iter().filter(|m| is_tone(m)).collect();
        let base: String = d
            .iter()
            .filter(|m| !is_tone(m))
            .collect::<String>()
            .nfc()
            .collect();
        out.extend_from_slice(&WINDOWS_1258.encode(&base).0);
        out.extend_from_slice(&WINDOWS_1258.encode(&tone).0);
    }
    out
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

fn utf16be(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFE, 0xFF] } else { Vec::new() };
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}

fn check(bytes: &[u8], encoding: TextEncoding, delimiter: u8, text: &str) {
    let d = decode(bytes).expect("decoded");
    assert_eq!(d.encoding, encoding);
    assert_eq!(d.delimiter, delimiter);
    assert_eq!(d.text, text);
    assert!(
        unicode_normalization::is_nfc(&d.text),
        "not NFC: {:?}",
        d.text
    );
}

#[test]
fn utf8_with_and_without_bom() {
    check(SHEET.as_bytes(), TextEncoding::Utf8, b';', SHEET);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(SHEET.as_bytes());
    check(&bom, TextEncoding::Utf8Bom, b';', SHEET);
    // Decomposed input (a Mac, a web form) comes out composed.
    let nfd: String = SHEET.nfd().collect();
    check(nfd.as_bytes(), TextEncoding::Utf8, b';', SHEET);
    let comma = SHEET.replace(';', ",");
    check(comma.as_bytes(), TextEncoding::Utf8, b',', &comma);
}

#[test]
fn utf16_unicode_text_with_tabs_bom_or_not() {
    let tabs = SHEET.replace(';', "\t").replace('\n', "\r\n");
    check(
        &utf16le(&tabs, true),
        TextEncoding::Utf16Le { bom: true },
        b'\t',
        &tabs,
    );
    check(
        &utf16le(&tabs, false),
        TextEncoding::Utf16Le { bom: false },
        b'\t',
        &tabs,
    );
    check(
        &utf16be(&tabs, true),
        TextEncoding::Utf16Be { bom: true },
        b'\t',
        &tabs,
    );
    check(
        &utf16be(SHEET, false),
        TextEncoding::Utf16Be { bom: false },
        b';',
        SHEET,
    );
    let mut cut = utf16le(&tabs, true);
    cut.pop();
    assert!(decode(&cut).unwrap_err().contains("UTF-16"));
}

#[test]
fn windows_1258_with_combining_tone_marks_is_composed() {
    let bytes = to_1258(SHEET);
    // «Nguyễn» is written `Nguy` + ê + combining tilde (0xDE).
    assert!(
        bytes.windows(6).any(|w| w == b"Nguy\xea\xde"),
        "{:?}",
        &bytes[..80]
    );
    assert!(std::str::from_utf8(&bytes).is_err());
    check(&bytes, TextEncoding::Windows1258, b';', SHEET);
}

#[test]
fn utf8_that_went_through_windows_1252_is_repaired() {
    let (once, _, _) = WINDOWS_1252.decode(SHEET.as_bytes());
    assert!(once.contains("Nguyá»…n"), "{once}");
    check(
        once.as_bytes(),
        TextEncoding::Utf8ViaWindows1252,
        b';',
        SHEET,
    );
    // Saved twice through the same mistake.
    let (twice, _, _) = WINDOWS_1252.decode(once.as_bytes());
    check(
        twice.as_bytes(),
        TextEncoding::Utf8ViaWindows1252,
        b';',
        SHEET,
    );
    // French or English text with Latin-1 letters is left alone.
    let latin = "Café;Crème brûlée;Ã la carte\n";
    check(latin.as_bytes(), TextEncoding::Utf8, b';', latin);
}

#[test]
fn tcvn3_and_vni_bytes_are_converted_field_by_field() {
    for (enc, want) in [
        (legacy::Encoding::Tcvn3, TextEncoding::Tcvn3),
        (legacy::Encoding::Vni, TextEncoding::Vni),
    ] {
        let latin = legacy::encode(enc, SHEET);
        let (bytes, _, unmappable) = WINDOWS_1252.encode(&latin);
        assert!(!unmappable);
        let d = decode(&bytes).expect("decoded");
        assert_eq!(d.encoding, want);
        assert_eq!(d.delimiter, b';');
        // VN3 fonts have no upper-case toned letters (`Ánh` is typed `ánh`): the capitals
        // are restored from the other words of the same cell, hence field by field.
        assert_eq!(d.text, SHEET, "{enc}");
    }
}

#[test]
fn delimiters_are_sniffed_across_title_lines_and_quoted_commas() {
    let text = "UBND XÃ HÒA BẮC;;;\nDANH SÁCH;;;\n\"Chức vụ, đơn vị công tác\";Họ và tên;Năm sinh;Ghi chú\nx, y;A;1;\n";
    assert_eq!(sniff_delimiter(text), b';');
    let text = "\"Chức vụ; đơn vị\",Họ và tên,Năm sinh\n\"a; b\",A,1\n";
    assert_eq!(sniff_delimiter(text), b',');
    assert_eq!(sniff_delimiter("a|b|c\nd|e|f\n"), b'|');
    assert_eq!(sniff_delimiter("one column\n"), b',');
    let d = decode(to_1258(SHEET).as_slice()).expect("d");
    assert_eq!(
        d.describe(),
        "Bảng mã: Windows-1258 (bảng mã tiếng Việt của Windows); các cột phân cách bằng dấu \
         chấm phẩy."
    );
}
