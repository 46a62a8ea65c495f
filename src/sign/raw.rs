//! Objects of an existing PDF as their producer wrote them, for the few dictionaries and arrays an
//! incremental update must replace (a page's `/Annots`, the AcroForm's `/Fields`, the catalog).
//!
//! lopdf keeps reals as `f32`, so writing back an object it parsed turns `595.27563` into
//! `595.276`: a validator comparing revisions (pyHanko, Acrobat) then sees the page's `/CropBox`
//! changed and calls the earlier signature broken. Here every number, name, keyword and reference
//! keeps its bytes; only strings are held decoded, so that in an encrypted file they can be
//! decrypted with the old object's key and encrypted again with the new one.

use lopdf::encryption::{decrypt_object, encrypt_object};
use lopdf::xref::XrefEntry;
use lopdf::{EncryptionState, Object, ObjectId, StringFormat};

/// A PDF value with its tokens as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    /// A number, name (with its `/`), `true`, `false`, `null` or a reference `N G R`, verbatim.
    Token(Vec<u8>),
    /// A string's bytes, decoded (and decrypted).
    Str(Vec<u8>),
    /// An array.
    Array(Vec<Raw>),
    /// A dictionary: raw key names (with `/`) and values, in file order.
    Dict(Vec<(Vec<u8>, Raw)>),
}

/// Nesting beyond this is refused (a hostile file could otherwise exhaust the stack).
const MAX_DEPTH: usize = 64;

/// PDF white space (ISO 32000-1, 7.2.2).
pub(super) fn is_white(c: u8) -> bool {
    matches!(c, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// PDF delimiters (ISO 32000-1, 7.2.2).
pub(super) fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A cursor over object source bytes.
struct Lexer<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Lexer<'_> {
    fn skip_space(&mut self) {
        while let Some(&c) = self.s.get(self.pos) {
            if is_white(c) {
                self.pos += 1;
            } else if c == b'%' {
                while let Some(&c) = self.s.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A run of regular characters (number, keyword, or a name's body).
    fn regular(&mut self) -> &[u8] {
        let start = self.pos;
        while let Some(&c) = self.s.get(self.pos) {
            if is_white(c) || is_delim(c) {
                break;
            }
            self.pos += 1;
        }
        &self.s[start..self.pos]
    }

    fn literal_string(&mut self) -> Option<Vec<u8>> {
        // At '('.
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        loop {
            let c = *self.s.get(self.pos)?;
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(out);
                    }
                    out.push(c);
                }
                b'\\' => {
                    let e = *self.s.get(self.pos)?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.s.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.s.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }

    fn hex_string(&mut self) -> Option<Vec<u8>> {
        // At '<' (not '<<').
        self.pos += 1;
        let mut digits = Vec::new();
        loop {
            let c = *self.s.get(self.pos)?;
            self.pos += 1;
            match c {
                b'>' => break,
                c if c.is_ascii_hexdigit() => digits.push(c),
                c if is_white(c) => {}
                _ => return None,
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(b'0');
        }
        Some(
            digits
                .chunks(2)
                .map(|p| {
                    let h = (p[0] as char).to_digit(16).unwrap_or(0);
                    let l = (p[1] as char).to_digit(16).unwrap_or(0);
                    (h * 16 + l) as u8
                })
                .collect(),
        )
    }

    fn value(&mut self, depth: usize) -> Option<Raw> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        let c = *self.s.get(self.pos)?;
        match c {
            b'<' if self.s.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let mut entries = Vec::new();
                loop {
                    self.skip_space();
                    match self.s.get(self.pos)? {
                        b'>' if self.s.get(self.pos + 1) == Some(&b'>') => {
                            self.pos += 2;
                            return Some(Raw::Dict(entries));
                        }
                        b'/' => {
                            self.pos += 1;
                            let mut key = vec![b'/'];
                            key.extend_from_slice(self.regular());
                            let v = self.value(depth + 1)?;
                            entries.push((key, v));
                        }
                        _ => return None,
                    }
                }
            }
            b'<' => self.hex_string().map(Raw::Str),
            b'(' => self.literal_string().map(Raw::Str),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if *self.s.get(self.pos)? == b']' {
                        self.pos += 1;
                        return Some(Raw::Array(items));
                    }
                    items.push(self.value(depth + 1)?);
                }
            }
            b'/' => {
                self.pos += 1;
                let mut name = vec![b'/'];
                name.extend_from_slice(self.regular());
                Some(Raw::Token(name))
            }
            _ => {
                let tok = self.regular().to_vec();
                if tok.is_empty() {
                    return None;
                }
                // `N G R`: look ahead for the generation and the R.
                if is_uint(&tok) {
                    let save = self.pos;
                    self.skip_space();
                    let generation = self.regular().to_vec();
                    if is_uint(&generation) {
                        self.skip_space();
                        if self.regular() == b"R" {
                            let mut r = tok;
                            r.push(b' ');
                            r.extend_from_slice(&generation);
                            r.extend_from_slice(b" R");
                            return Some(Raw::Token(r));
                        }
                    }
                    self.pos = save;
                }
                Some(Raw::Token(tok))
            }
        }
    }
}

fn is_uint(t: &[u8]) -> bool {
    !t.is_empty() && t.len() < 12 && t.iter().all(u8::is_ascii_digit)
}

/// Parses one value from `s` (whitespace and comments before it are skipped).
pub fn parse(s: &[u8]) -> Option<Raw> {
    Lexer { s, pos: 0 }.value(0)
}

/// Parses `N G obj <value>` at the start of `s`; returns the id and the value.
fn parse_indirect(s: &[u8]) -> Option<(ObjectId, Raw)> {
    let mut lx = Lexer { s, pos: 0 };
    lx.skip_space();
    let num = std::str::from_utf8(lx.regular()).ok()?.parse().ok()?;
    lx.skip_space();
    let generation = std::str::from_utf8(lx.regular()).ok()?.parse().ok()?;
    lx.skip_space();
    if lx.regular() != b"obj" {
        return None;
    }
    let v = lx.value(0)?;
    Some(((num, generation), v))
}

/// The object `id` of `doc` as written in `bytes` (the file `doc` was loaded from), with strings
/// decrypted when the file is encrypted. `None` when it cannot be found or read.
pub fn object(doc: &lopdf::Document, bytes: &[u8], id: ObjectId) -> Option<Raw> {
    match doc.reference_table.get(id.0)? {
        XrefEntry::Normal { offset, generation } => {
            if *generation != id.1 {
                return None;
            }
            let (found, mut v) = parse_indirect(bytes.get(*offset as usize..)?)?;
            if found != id {
                return None;
            }
            if let Some(state) = &doc.encryption_state {
                v.map_strings(&mut |s| {
                    let mut o = Object::String(std::mem::take(s), StringFormat::Literal);
                    let _ = decrypt_object(state, id, &mut o);
                    if let Object::String(b, _) = o {
                        *s = b;
                    }
                });
            }
            Some(v)
        }
        XrefEntry::Compressed { container, .. } => {
            // Object streams are decrypted as a whole by lopdf; their strings are plain.
            let stream = doc.objects.get(&(*container, 0))?.as_stream().ok()?;
            let content = stream
                .decompressed_content_with_limit(super::pdf::MAX_INFLATED)
                .unwrap_or_else(|_| stream.content.clone());
            let n = usize::try_from(stream.dict.get(b"N").ok()?.as_i64().ok()?).ok()?;
            let first = usize::try_from(stream.dict.get(b"First").ok()?.as_i64().ok()?).ok()?;
            let header = std::str::from_utf8(content.get(..first)?).ok()?;
            let nums: Vec<usize> = header
                .split_ascii_whitespace()
                .filter_map(|t| t.parse().ok())
                .collect();
            let at = nums
                .chunks(2)
                .take(n)
                .find(|p| p.len() == 2 && p[0] == id.0 as usize)?[1];
            parse(content.get(first.checked_add(at)?..)?)
        }
        _ => None,
    }
}

impl Raw {
    /// A reference `N G R`.
    pub fn reference(id: ObjectId) -> Raw {
        Raw::Token(format!("{} {} R", id.0, id.1).into_bytes())
    }

    /// An integer.
    pub fn int(v: i64) -> Raw {
        Raw::Token(v.to_string().into_bytes())
    }

    /// The reference this value is, if it is one.
    pub fn as_ref_id(&self) -> Option<ObjectId> {
        let Raw::Token(t) = self else { return None };
        let text = std::str::from_utf8(t).ok()?;
        let mut it = text.split(' ');
        let (n, g, r) = (it.next()?, it.next()?, it.next()?);
        (r == "R").then_some(())?;
        Some((n.parse().ok()?, g.parse().ok()?))
    }

    /// The integer this value is, if it is one.
    pub fn as_int(&self) -> Option<i64> {
        let Raw::Token(t) = self else { return None };
        std::str::from_utf8(t).ok()?.parse().ok()
    }

    /// The value of `key` (given without `/`) in a dictionary.
    pub fn get(&self, key: &[u8]) -> Option<&Raw> {
        let Raw::Dict(entries) = self else {
            return None;
        };
        entries
            .iter()
            .find(|(k, _)| name_eq(k, key))
            .map(|(_, v)| v)
    }

    /// Sets `key` (given without `/`) in a dictionary, in place when present, else at the end.
    pub fn set(&mut self, key: &[u8], value: Raw) {
        let Raw::Dict(entries) = self else {
            return;
        };
        match entries.iter_mut().find(|(k, _)| name_eq(k, key)) {
            Some(entry) => entry.1 = value,
            None => {
                let mut k = vec![b'/'];
                k.extend_from_slice(key);
                entries.push((k, value));
            }
        }
    }

    /// Appends to an array.
    pub fn push(&mut self, value: Raw) {
        if let Raw::Array(items) = self {
            items.push(value);
        }
    }

    /// Number of items of an array (0 for anything else).
    pub fn len(&self) -> usize {
        match self {
            Raw::Array(items) => items.len(),
            _ => 0,
        }
    }

    /// Whether this is an empty array (or not an array).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn map_strings(&mut self, f: &mut impl FnMut(&mut Vec<u8>)) {
        match self {
            Raw::Str(s) => f(s),
            Raw::Array(items) => items.iter_mut().for_each(|i| i.map_strings(f)),
            Raw::Dict(entries) => entries.iter_mut().for_each(|(_, v)| v.map_strings(f)),
            Raw::Token(_) => {}
        }
    }

    /// Serialises the value as the body of object `id`, encrypting its strings with that object's
    /// key when `encryption` is given. Strings are written in hex, which needs no escaping.
    pub fn write(&self, out: &mut Vec<u8>, id: ObjectId, encryption: Option<&EncryptionState>) {
        match self {
            Raw::Token(t) => out.extend_from_slice(t),
            Raw::Str(s) => {
                let mut bytes = s.clone();
                if let Some(state) = encryption {
                    let mut o = Object::String(bytes, StringFormat::Hexadecimal);
                    let _ = encrypt_object(state, id, &mut o);
                    bytes = match o {
                        Object::String(b, _) => b,
                        _ => Vec::new(),
                    };
                }
                out.push(b'<');
                out.extend_from_slice(hex::encode_upper(&bytes).as_bytes());
                out.push(b'>');
            }
            Raw::Array(items) => {
                out.push(b'[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b' ');
                    }
                    v.write(out, id, encryption);
                }
                out.push(b']');
            }
            Raw::Dict(entries) => {
                out.extend_from_slice(b"<<");
                for (k, v) in entries {
                    out.extend_from_slice(k);
                    out.push(b' ');
                    v.write(out, id, encryption);
                }
                out.extend_from_slice(b">>");
            }
        }
    }
}

/// Compares a raw name (`/A#42`) with a plain key (`AB`), decoding `#xx` escapes.
pub(super) fn name_eq(raw: &[u8], key: &[u8]) -> bool {
    let body = raw.strip_prefix(b"/").unwrap_or(raw);
    if !body.contains(&b'#') {
        return body == key;
    }
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'#'
            && let Some(h) = body.get(i + 1..i + 3)
            && let Ok(v) = u8::from_str_radix(std::str::from_utf8(h).unwrap_or("zz"), 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(body[i]);
        i += 1;
    }
    out == key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(src: &[u8]) -> Vec<u8> {
        let v = parse(src).unwrap();
        let mut out = Vec::new();
        v.write(&mut out, (1, 0), None);
        out
    }

    #[test]
    fn numbers_and_names_keep_their_bytes() {
        let out = round_trip(b"<< /Type /Page /CropBox [0 0 595.27563 841.88983] /Rotate 0 >>");
        assert_eq!(
            out,
            b"<</Type /Page/CropBox [0 0 595.27563 841.88983]/Rotate 0>>".to_vec()
        );
    }

    #[test]
    fn references_strings_and_comments() {
        let v = parse(b"[1 0 R 2 (a\\(b\\)\\101) <4142> % note\n 3.5 /N#20x]").unwrap();
        let Raw::Array(items) = &v else { panic!() };
        assert_eq!(items[0].as_ref_id(), Some((1, 0)));
        assert_eq!(items[1], Raw::Token(b"2".to_vec()));
        assert_eq!(items[2], Raw::Str(b"a(b)A".to_vec()));
        assert_eq!(items[3], Raw::Str(b"AB".to_vec()));
        assert_eq!(items[4], Raw::Token(b"3.5".to_vec()));
        let mut d = parse(b"<</A#42 1>>").unwrap();
        assert_eq!(d.get(b"AB"), Some(&Raw::int(1)));
        d.set(b"AB", Raw::int(2));
        d.set(b"C", Raw::reference((7, 0)));
        let mut out = Vec::new();
        d.write(&mut out, (1, 0), None);
        assert_eq!(out, b"<</A#42 2/C 7 0 R>>".to_vec());
    }

    #[test]
    fn hostile_nesting_and_truncation_are_refused() {
        let deep = vec![b'['; 10_000];
        assert!(parse(&deep).is_none());
        assert!(parse(b"<< /A (unterminated").is_none());
        assert!(parse(b"<< /A <4G> >>").is_none());
    }
}
