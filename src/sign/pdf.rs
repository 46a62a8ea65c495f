//! The PDF side of signing: reading an existing file (through lopdf) just enough to find its
//! catalog, pages, Info and last cross-reference section, and writing an incremental update that
//! appends new and replaced objects with a classic xref section. The original bytes are never
//! touched: every change is a new revision after the old `%%EOF`.

mod guard;

use std::collections::BTreeMap;
use std::io::Write as _;

use lopdf::{Dictionary, EncryptionState, Object, ObjectId, StringFormat};

use super::raw::Raw;
use crate::error::{Error, Result};

/// An existing PDF, parsed for signing or verifying.
pub struct Parsed {
    /// The merged object graph of all revisions.
    pub doc: lopdf::Document,
    /// Offset of the last cross-reference section (the `/Prev` of our update).
    pub startxref: usize,
    /// The catalog.
    pub root: ObjectId,
    /// The Info dictionary, when it is an indirect object.
    pub info: Option<ObjectId>,
    /// Page number (1-based) to page object.
    pub pages: BTreeMap<u32, ObjectId>,
    /// Number of object slots (`/Size`).
    pub size: u32,
    /// The document key and crypt filters when the file is encrypted (opened with the empty user
    /// password, i.e. only an owner password restricts it).
    pub encryption: Option<EncryptionState>,
    /// The `/Encrypt` dictionary the new trailer must point to again.
    pub encrypt_ref: Option<ObjectId>,
}

/// Parses `bytes`, refusing anything that is not a complete, readable PDF.
pub fn parse(bytes: &[u8]) -> Result<Parsed> {
    let broken = |why: &str| Error::Pdf(format!("Tệp PDF bị hỏng hoặc không đọc được: {why}."));
    if !bytes.starts_with(b"%PDF-") {
        return Err(broken("thiếu phần đầu %PDF-"));
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let trimmed = trim_end(tail);
    if !trimmed.ends_with(b"%%EOF") {
        return Err(broken("thiếu dấu kết thúc %%EOF (tệp bị cắt cụt?)"));
    }
    let startxref = find_startxref(bytes).ok_or_else(|| broken("không tìm thấy startxref"))?;
    if startxref >= bytes.len() {
        return Err(broken("startxref trỏ ra ngoài tệp"));
    }
    let doc = load(bytes)?;
    // lopdf decrypts with the empty user password and then drops /Encrypt from its trailer; when
    // /Encrypt is still there, the file needs a password to open.
    if doc.trailer.has(b"Encrypt") {
        return Err(Error::Pdf(
            "Tệp PDF được bảo vệ bằng mật khẩu mở tệp; hãy mở bằng phần mềm đã tạo ra nó, \
             bỏ mật khẩu mở tệp rồi ký lại."
                .into(),
        ));
    }
    let encryption = doc.encryption_state.clone();
    let encrypt_ref = encryption
        .as_ref()
        .and_then(EncryptionState::encrypt_object_id);
    if encryption.is_some() && encrypt_ref.is_none() {
        return Err(broken(
            "từ điển mã hóa /Encrypt không phải đối tượng gián tiếp",
        ));
    }
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| broken("trailer không có /Root"))?;
    doc.get_dictionary(root)
        .map_err(|_| broken("không đọc được danh mục /Root"))?;
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(broken("tệp không có trang nào"));
    }
    let size = doc
        .trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|s| u32::try_from(s).ok())
        .unwrap_or(0)
        .max(doc.max_id + 1);
    Ok(Parsed {
        doc,
        startxref,
        root,
        info,
        pages,
        size,
        encryption,
        encrypt_ref,
    })
}

/// The most one stream may inflate to while a file is read: far above any real object stream,
/// far below what a decompression bomb would take.
pub const MAX_INFLATED: usize = 64 << 20;

/// lopdf's loader with [`MAX_INFLATED`] per stream, after [`guard`] has refused a
/// cross-reference stream that would make it allocate without bound.
pub fn load_bounded(bytes: &[u8]) -> lopdf::Result<lopdf::Document> {
    if !guard::sizes_ok(bytes) {
        return Err(lopdf::Error::InvalidOffset(0));
    }
    lopdf::Document::load_mem_with_options(
        bytes,
        lopdf::LoadOptions {
            max_decompressed_size: Some(MAX_INFLATED),
            ..Default::default()
        },
    )
}

/// Loads a PDF with lopdf, its English error turned into a clerk's sentence.
pub fn load(bytes: &[u8]) -> Result<lopdf::Document> {
    load_bounded(bytes).map_err(|e| {
        let why = match e {
            lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => {
                "không giải mã được (kiểu mã hóa chưa hỗ trợ hoặc cần mật khẩu)"
            }
            lopdf::Error::Xref(_) | lopdf::Error::InvalidOffset(_) => {
                "bảng tham chiếu chéo (xref) hỏng"
            }
            lopdf::Error::Parse(_) => "cú pháp PDF sai",
            _ => "cấu trúc không hợp lệ",
        };
        Error::Pdf(format!("Tệp PDF bị hỏng hoặc không đọc được: {why}."))
    })
}

/// `b` without trailing whitespace.
pub fn trim_end(b: &[u8]) -> &[u8] {
    let mut end = b.len();
    while end > 0 && b[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    &b[..end]
}

/// The number after the last `startxref` keyword.
fn find_startxref(bytes: &[u8]) -> Option<usize> {
    let pos = rfind(bytes, b"startxref")?;
    let rest = &bytes[pos + 9..];
    let digits: String = rest
        .iter()
        .skip_while(|c| c.is_ascii_whitespace())
        .take_while(|c| c.is_ascii_digit())
        .map(|&c| c as char)
        .collect();
    digits.parse().ok()
}

/// Last occurrence of `needle` in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// First occurrence of `needle` in `hay` at or after `from`.
pub fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// A text string as UTF-16BE with a byte-order mark, so Vietnamese survives every reader.
pub fn utf16_text(text: &str) -> Object {
    let mut v = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        v.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(v, StringFormat::Hexadecimal)
}

/// Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding).
pub fn decode_text(obj: &Object) -> Option<String> {
    lopdf::decode_text_string(obj).ok()
}

/// The incremental update being assembled: objects keyed by number, written in order. In an
/// encrypted file every string and stream of a new object is encrypted with the document key, as
/// the file's own objects are.
pub struct Update {
    objects: BTreeMap<u32, (u16, Vec<u8>)>,
    next_id: u32,
    encryption: Option<EncryptionState>,
}

impl Update {
    /// A new update for a file whose xref has `size` slots.
    pub fn new(size: u32) -> Update {
        Update {
            objects: BTreeMap::new(),
            next_id: size.max(1),
            encryption: None,
        }
    }

    /// A new update for `parsed`, encrypting as the file does.
    pub fn for_file(parsed: &Parsed) -> Update {
        Update {
            encryption: parsed.encryption.clone(),
            ..Update::new(parsed.size)
        }
    }

    /// Reserves an object number for an object written later.
    pub fn reserve(&mut self) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id += 1;
        id
    }

    /// Adds a new object and returns its reference.
    pub fn add(&mut self, obj: &Object) -> ObjectId {
        let id = self.reserve();
        self.set(id, obj);
        id
    }

    /// Writes (or replaces) the object `id`.
    pub fn set(&mut self, id: ObjectId, obj: &Object) {
        let mut body = Vec::new();
        match &self.encryption {
            Some(state) => {
                let mut obj = obj.clone();
                // Only a malformed crypt filter fails here, and the document loaded with it.
                let _ = lopdf::encryption::encrypt_object(state, id, &mut obj);
                write_object(&mut body, &obj);
            }
            None => write_object(&mut body, obj),
        }
        self.objects.insert(id.0, (id.1, body));
    }

    /// Writes (or replaces) the object `id` from its source-preserving form.
    pub fn set_raw_value(&mut self, id: ObjectId, value: &Raw) {
        let mut body = Vec::new();
        value.write(&mut body, id, self.encryption.as_ref());
        self.objects.insert(id.0, (id.1, body));
    }

    /// Writes raw object body bytes (used for the signature dictionary whose layout we control).
    pub fn set_raw(&mut self, id: ObjectId, body: Vec<u8>) {
        self.objects.insert(id.0, (id.1, body));
    }

    /// A string object serialised for object `id` (encrypted when the file is).
    pub fn string_for(&self, id: ObjectId, obj: &Object) -> Vec<u8> {
        let mut obj = obj.clone();
        if let Some(state) = &self.encryption {
            let _ = lopdf::encryption::encrypt_object(state, id, &mut obj);
        }
        let mut out = Vec::new();
        write_object(&mut out, &obj);
        out
    }

    /// Appends the update to `original`: objects, xref section, trailer. Returns the new file and,
    /// for each object, the offset of its body in the new file.
    pub fn finish(
        self,
        original: &[u8],
        parsed: &Parsed,
        trailer_extra: &Dictionary,
    ) -> (Vec<u8>, BTreeMap<u32, usize>) {
        let mut out = Vec::with_capacity(original.len() + 64 * 1024);
        out.extend_from_slice(original);
        if !out.ends_with(b"\n") && !out.ends_with(b"\r") {
            out.push(b'\n');
        }
        let mut offsets = BTreeMap::new();
        let mut body_offsets = BTreeMap::new();
        for (num, (generation, body)) in &self.objects {
            offsets.insert(*num, (out.len(), *generation));
            let _ = writeln!(out, "{num} {generation} obj");
            body_offsets.insert(*num, out.len());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref_at = out.len();
        out.extend_from_slice(b"xref\n");
        // Subsections of consecutive object numbers.
        let nums: Vec<u32> = offsets.keys().copied().collect();
        let mut i = 0;
        while i < nums.len() {
            let mut j = i;
            while j + 1 < nums.len() && nums[j + 1] == nums[j] + 1 {
                j += 1;
            }
            let _ = writeln!(out, "{} {}", nums[i], j - i + 1);
            for n in &nums[i..=j] {
                let (at, generation) = offsets[n];
                let _ = write!(out, "{at:010} {generation:05} n\r\n");
            }
            i = j + 1;
        }
        let mut trailer = Dictionary::new();
        trailer.set(
            "Size",
            Object::Integer(i64::from(self.next_id.max(parsed.size))),
        );
        trailer.set("Root", Object::Reference(parsed.root));
        if let Some(info) = parsed.info {
            trailer.set("Info", Object::Reference(info));
        }
        if let Ok(id) = parsed.doc.trailer.get(b"ID") {
            trailer.set("ID", id.clone());
        }
        if let Some(enc) = parsed.encrypt_ref {
            trailer.set("Encrypt", Object::Reference(enc));
        }
        trailer.set("Prev", Object::Integer(parsed.startxref as i64));
        for (k, v) in trailer_extra.iter() {
            trailer.set(k.clone(), v.clone());
        }
        out.extend_from_slice(b"trailer\n");
        write_object(&mut out, &Object::Dictionary(trailer));
        let _ = write!(out, "\nstartxref\n{xref_at}\n%%EOF\n");
        (out, body_offsets)
    }
}

/// Serialises a PDF object. Streams get a correct `/Length`.
pub fn write_object(out: &mut Vec<u8>, obj: &Object) {
    match obj {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        Object::Real(r) => write_real(out, *r),
        Object::Name(n) => write_name(out, n),
        Object::String(s, StringFormat::Hexadecimal) => {
            out.push(b'<');
            out.extend_from_slice(hex::encode_upper(s).as_bytes());
            out.push(b'>');
        }
        Object::String(s, StringFormat::Literal) => {
            out.push(b'(');
            for &c in s {
                match c {
                    b'(' | b')' | b'\\' => {
                        out.push(b'\\');
                        out.push(c);
                    }
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    _ => out.push(c),
                }
            }
            out.push(b')');
        }
        Object::Array(a) => {
            out.push(b'[');
            for (i, o) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, o);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dict(out, d),
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", Object::Integer(s.content.len() as i64));
            write_dict(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((n, g)) => {
            let _ = write!(out, "{n} {g} R");
        }
    }
}

fn write_dict(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (k, v) in d.iter() {
        write_name(out, k);
        out.push(b' ');
        write_object(out, v);
    }
    out.extend_from_slice(b">>");
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &c in name {
        let regular = c.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&c);
        if regular {
            out.push(c);
        } else {
            let _ = write!(out, "#{c:02X}");
        }
    }
}

fn write_real(out: &mut Vec<u8>, r: f32) {
    let s = format!("{r:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    out.extend_from_slice(if s.is_empty() || s == "-" { "0" } else { s }.as_bytes());
}

/// A number as a PDF real.
pub fn real(v: f32) -> Object {
    Object::Real(v)
}

/// A PDF date with the offset written as `+07'00'`.
pub fn pdf_date(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    let off = t.offset().local_minus_utc();
    let sign = if off < 0 { '-' } else { '+' };
    let off = off.abs();
    format!(
        "D:{}{sign}{:02}'{:02}'",
        t.format("%Y%m%d%H%M%S"),
        off / 3600,
        (off % 3600) / 60
    )
}

/// Parses a PDF date (`D:YYYYMMDDHHmmSS+HH'mm'`), missing parts defaulting as the spec says.
pub fn parse_pdf_date(s: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let rest = &s[digits.len()..];
    let num = |a: usize, b: usize, d: u32| -> u32 {
        digits.get(a..b).and_then(|x| x.parse().ok()).unwrap_or(d)
    };
    let year = digits.get(0..4)?.parse::<i32>().ok()?;
    let date = chrono::NaiveDate::from_ymd_opt(year, num(4, 6, 1), num(6, 8, 1))?;
    let time = chrono::NaiveTime::from_hms_opt(num(8, 10, 0), num(10, 12, 0), num(12, 14, 0))?;
    let mut off = 0i32;
    let mut chars = rest.chars();
    if let Some(c @ ('+' | '-')) = chars.next() {
        let tz: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
        let h: i32 = tz.get(0..2).and_then(|x| x.parse().ok()).unwrap_or(0);
        let m: i32 = tz.get(2..4).and_then(|x| x.parse().ok()).unwrap_or(0);
        off = (h * 3600 + m * 60) * if c == '-' { -1 } else { 1 };
    }
    let offset = chrono::FixedOffset::east_opt(off)?;
    date.and_time(time).and_local_timezone(offset).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_with_offset() {
        let t = chrono::DateTime::parse_from_rfc3339("2024-03-05T14:30:15+07:00").unwrap();
        let s = pdf_date(&t);
        assert_eq!(s, "D:20240305143015+07'00'");
        assert_eq!(parse_pdf_date(&s), Some(t));
    }

    #[test]
    fn names_and_strings_are_escaped() {
        let mut out = Vec::new();
        let mut d = Dictionary::new();
        d.set(
            "A B",
            Object::String(b"x(y)".to_vec(), StringFormat::Literal),
        );
        write_object(&mut out, &Object::Dictionary(d));
        assert_eq!(out, b"<</A#20B (x\\(y\\))>>");
    }

    #[test]
    fn truncated_file_is_refused() {
        let err = parse(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n").err().unwrap();
        assert!(err.to_string().contains("%%EOF"), "{err}");
    }
}
