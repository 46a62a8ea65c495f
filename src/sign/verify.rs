//! Checking the signatures of a PDF: for each one, who signed (name and organisation from the
//! certificate), when (`/M`), whether the bytes it covers are intact (digest and CMS signature),
//! whether its certificate was valid then and chains to the office's trust store, and what was
//! added to the file after it: only later signatures are acceptable.

use std::collections::BTreeMap;

use der::asn1::ObjectIdentifier;
use lopdf::{Dictionary, Object, ObjectId};
use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::cms;
use super::pdf;
use super::trust::{Trust, TrustStore};
use crate::error::{Error, Result};

const CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const O: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");

/// The text of a name's first attribute `oid` (UTF8String, PrintableString, BMPString …).
fn name_attr(name: &x509_cert::name::Name, oid: ObjectIdentifier) -> Option<String> {
    for rdn in name.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid != oid {
                continue;
            }
            let bytes = atv.value.value();
            return Some(match der::Tagged::tag(&atv.value) {
                der::Tag::BmpString => {
                    let units: Vec<u16> = bytes
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                        .collect();
                    String::from_utf16_lossy(&units)
                }
                der::Tag::Utf8String => String::from_utf8_lossy(bytes).into_owned(),
                // Printable/IA5/Teletex: treat as Latin-1.
                _ => bytes.iter().map(|&b| b as char).collect(),
            });
        }
    }
    None
}

/// The certificate subject's common name (NFC).
pub fn common_name(cert: &Certificate) -> String {
    crate::vietnamese::nfc(
        &name_attr(&cert.tbs_certificate.subject, CN).unwrap_or_else(|| "(không có tên)".into()),
    )
}

/// The certificate subject's organisation (NFC).
pub fn organization(cert: &Certificate) -> Option<String> {
    name_attr(&cert.tbs_certificate.subject, O).map(|o| crate::vietnamese::nfc(&o))
}

/// The message when no trusted root is found (wording fixed by the issue).
pub const UNKNOWN_TRUST: &str = "không xác định được nguồn tin cậy";

/// One signature's findings.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureReport {
    /// Field name.
    pub field: String,
    /// Signer's name from the certificate.
    pub signer: String,
    /// Organisation from the certificate.
    pub organization: Option<String>,
    /// `/M`, RFC 3339.
    pub signing_time: Option<String>,
    /// Digest and CMS signature both check.
    pub intact: bool,
    /// Why not intact.
    pub problem: Option<String>,
    /// The signature covers the whole file (it is the last revision).
    pub covers_whole_file: bool,
    /// Certificate valid at the signing time.
    pub certificate_valid: bool,
    /// Trust result in words.
    pub trust: String,
    /// Whether the chain reaches a trusted root.
    pub trusted: bool,
    /// Changes made to the file after this signature, in words (later signatures included).
    pub changes_after: Vec<String>,
    /// Whether those changes are only later signatures.
    pub only_signatures_after: bool,
}

/// The findings for a whole file.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    /// Every signature, in signing order.
    pub signatures: Vec<SignatureReport>,
    /// What was appended after the last signature.
    pub after_last: Vec<String>,
    /// Every signature intact and nothing but signatures added after any of them.
    pub ok: bool,
}

struct SigDict {
    field: String,
    dict: Dictionary,
}

/// Signature dictionaries reachable from the AcroForm fields, with their field names.
fn signature_dicts(doc: &lopdf::Document) -> Vec<SigDict> {
    let mut out = Vec::new();
    let Ok(root) = doc.trailer.get(b"Root").and_then(|r| doc.dereference(r)) else {
        return out;
    };
    let Some(form) = root
        .1
        .as_dict()
        .ok()
        .and_then(|r| r.get(b"AcroForm").ok())
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|f| f.1.as_dict().ok())
    else {
        return out;
    };
    let Some(fields) = form
        .get(b"Fields")
        .ok()
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|f| f.1.as_array().ok())
    else {
        return out;
    };
    let mut stack: Vec<(Object, String)> = fields
        .iter()
        .rev()
        .map(|f| (f.clone(), String::new()))
        .collect();
    let mut guard = 0;
    while let Some((f, prefix)) = stack.pop() {
        guard += 1;
        if guard > 10_000 {
            break;
        }
        let Ok((_, Object::Dictionary(d))) = doc.dereference(&f) else {
            continue;
        };
        let t = d
            .get(b"T")
            .ok()
            .and_then(pdf::decode_text)
            .unwrap_or_default();
        let name = if prefix.is_empty() {
            t
        } else {
            format!("{prefix}.{t}")
        };
        if let Ok(kids) = d.get(b"Kids").and_then(|k| doc.dereference(k))
            && let Ok(kids) = kids.1.as_array()
        {
            for k in kids.iter().rev() {
                stack.push((k.clone(), name.clone()));
            }
        }
        if super::is_sig_field(doc, d)
            && let Ok((_, Object::Dictionary(v))) = d.get(b"V").and_then(|v| doc.dereference(v))
        {
            out.push(SigDict {
                field: name,
                dict: v.clone(),
            });
        }
    }
    out
}

fn byte_range(d: &Dictionary) -> Option<[usize; 4]> {
    let a = d.get(b"ByteRange").ok()?.as_array().ok()?;
    if a.len() != 4 {
        return None;
    }
    let mut r = [0usize; 4];
    for (i, o) in a.iter().enumerate() {
        r[i] = usize::try_from(o.as_i64().ok()?).ok()?;
    }
    Some(r)
}

/// Verifies every signature in `bytes` against `trust` (roots). A signature that carries no
/// signing time has its certificate checked at `now` (the caller's clock).
pub fn verify_pdf(
    bytes: &[u8],
    trust: &TrustStore,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Verification> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| {
        tracing::warn!(error = %e, "pdf");
        Error::Pdf("Tệp PDF bị hỏng hoặc không đọc được.".into())
    })?;
    let mut sigs = signature_dicts(&doc);
    if sigs.is_empty() {
        return Err(Error::Pdf("Tệp PDF không có chữ ký số nào.".into()));
    }
    sigs.sort_by_key(|s| byte_range(&s.dict).map_or(usize::MAX, |r| r[2] + r[3]));
    let file_end = bytes.len() - (bytes.len() - pdf_trimmed_len(bytes));
    let mut reports = Vec::new();
    let mut revisions = Vec::new();
    for s in &sigs {
        let (report, end) = check_one(bytes, s, trust, file_end, now);
        reports.push(report);
        revisions.push(end);
    }
    // Changes after each signature's revision.
    let mut cache: BTreeMap<usize, Vec<Change>> = BTreeMap::new();
    for (rep, end) in reports.iter_mut().zip(&revisions) {
        let Some(end) = *end else {
            rep.only_signatures_after = false;
            continue;
        };
        if end >= file_end {
            rep.only_signatures_after = true;
            continue;
        }
        let changes = cache
            .entry(end)
            .or_insert_with(|| changes_since(bytes, end, &doc))
            .clone();
        rep.only_signatures_after = changes.iter().all(|c| c.allowed);
        rep.changes_after = dedup(changes.iter().map(|c| c.text.clone()));
    }
    let after_last = reports
        .last()
        .map(|r| r.changes_after.clone())
        .unwrap_or_default();
    // Each signature's later revisions may only add signatures (an object replaced after the
    // last signature is new relative to the first one, so every signature is checked).
    let ok = reports.iter().all(|r| r.intact && r.only_signatures_after);
    Ok(Verification {
        signatures: reports,
        after_last,
        ok,
    })
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Length without trailing whitespace (a revision may end in a newline or not).
fn pdf_trimmed_len(bytes: &[u8]) -> usize {
    let mut end = bytes.len();
    while end > 0 && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

fn check_one(
    bytes: &[u8],
    s: &SigDict,
    trust: &TrustStore,
    file_end: usize,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> (SignatureReport, Option<usize>) {
    let time = s
        .dict
        .get(b"M")
        .ok()
        .and_then(pdf::decode_text)
        .and_then(|m| pdf::parse_pdf_date(&m));
    let mut rep = SignatureReport {
        field: s.field.clone(),
        signer: "(không rõ)".into(),
        organization: None,
        signing_time: time.map(|t| t.to_rfc3339()),
        intact: false,
        problem: None,
        covers_whole_file: false,
        certificate_valid: false,
        trust: UNKNOWN_TRUST.into(),
        trusted: false,
        changes_after: Vec::new(),
        only_signatures_after: false,
    };
    let Some([a, b, c, d]) = byte_range(&s.dict) else {
        rep.problem = Some("thiếu hoặc sai /ByteRange".into());
        return (rep, None);
    };
    let end = c.checked_add(d);
    if a != 0 || b >= c || end.is_none_or(|e| e > bytes.len()) {
        rep.problem = Some("/ByteRange không hợp lệ hoặc vượt quá độ dài tệp".into());
        return (rep, None);
    }
    let end = c + d;
    rep.covers_whole_file = end >= file_end;
    if bytes[b] != b'<' || bytes[c - 1] != b'>' {
        rep.problem = Some("/ByteRange không khớp vị trí /Contents".into());
        return (rep, Some(end));
    }
    let Ok(contents) = s.dict.get(b"Contents").and_then(Object::as_str) else {
        rep.problem = Some("thiếu /Contents".into());
        return (rep, Some(end));
    };
    let parsed = match cms::parse(contents) {
        Ok(p) => p,
        Err(e) => {
            rep.problem = Some(e.to_string());
            return (rep, Some(end));
        }
    };
    let Some(signer) = &parsed.signer else {
        rep.problem = Some("chữ ký không kèm chứng thư số của người ký".into());
        return (rep, Some(end));
    };
    rep.signer = common_name(signer);
    rep.organization = organization(signer);
    let mut h = Sha256::new();
    h.update(&bytes[..b]);
    h.update(&bytes[c..end]);
    let digest = h.finalize();
    if parsed.digest_alg != cms::ID_SHA256 {
        rep.problem = Some("thuật toán băm chưa hỗ trợ (chỉ SHA-256)".into());
    } else if parsed.message_digest.as_deref() != Some(&digest[..]) {
        rep.problem = Some("nội dung được ký đã bị thay đổi (mã băm không khớp)".into());
    } else if !cms::verify_signature(
        &signer.tbs_certificate.subject_public_key_info,
        &parsed.signature_algorithm,
        &parsed.signed_attrs_der,
        &parsed.signature,
    ) {
        rep.problem = Some("giá trị chữ ký CMS không đúng".into());
    } else {
        rep.intact = true;
    }
    let at = time.map_or_else(|| now.timestamp(), |t| t.timestamp());
    let v = &signer.tbs_certificate.validity;
    rep.certificate_valid = at >= v.not_before.to_unix_duration().as_secs() as i64
        && at <= v.not_after.to_unix_duration().as_secs() as i64;
    match trust.check(signer, &parsed.certs) {
        Trust::Trusted(root) => {
            rep.trusted = true;
            rep.trust = format!("tin cậy (chứng thư gốc: {root})");
        }
        Trust::Unknown => {}
    }
    (rep, Some(end))
}

/// One difference between a signed revision and the final file.
#[derive(Debug, Clone)]
struct Change {
    text: String,
    allowed: bool,
}

fn dict_of<'a>(doc: &'a lopdf::Document, o: &'a Object) -> Option<&'a Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        Object::Reference(_) => doc.dereference(o).ok()?.1.as_dict().ok(),
        _ => None,
    }
}

fn type_of(d: &Dictionary) -> &[u8] {
    d.get(b"Type").and_then(Object::as_name).unwrap_or(b"")
}

fn same(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::Stream(x), Object::Stream(y)) => x.dict == y.dict && x.content == y.content,
        _ => a == b,
    }
}

fn without(d: &Dictionary, keys: &[&[u8]]) -> Dictionary {
    let mut d = d.clone();
    for k in keys {
        d.remove(k);
    }
    d
}

fn refs(doc: &lopdf::Document, o: Option<&Object>) -> Vec<Object> {
    o.and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok().cloned())
        .unwrap_or_default()
}

/// Classifies every object that is new or different in `after` compared to the revision that
/// ends at `end`.
fn changes_since(bytes: &[u8], end: usize, after: &lopdf::Document) -> Vec<Change> {
    let before = match lopdf::Document::load_mem(&bytes[..end]) {
        Ok(d) => d,
        Err(_) => {
            return vec![Change {
                text: "không đọc được phiên bản đã ký để so sánh".into(),
                allowed: false,
            }];
        }
    };
    let page_numbers: BTreeMap<ObjectId, u32> = after
        .get_pages()
        .into_iter()
        .map(|(n, id)| (id, n))
        .collect();
    let is_sig_widget = |doc: &lopdf::Document, o: &Object| {
        dict_of(doc, o).is_some_and(|d| super::is_sig_field(doc, d))
    };
    let new_annots = |old: Vec<Object>, new: Vec<Object>, page: String| -> Vec<Change> {
        let mut out = Vec::new();
        if new.len() < old.len() || new[..old.len()] != old[..] {
            out.push(Change {
                text: format!("chú thích trên {page} bị xóa hoặc thay đổi"),
                allowed: false,
            });
        }
        for a in new.iter().filter(|a| !old.contains(a)) {
            if is_sig_widget(after, a) {
                out.push(Change {
                    text: "thêm chữ ký số mới".into(),
                    allowed: true,
                });
            } else {
                out.push(Change {
                    text: format!("thêm chú thích (annotation) trên {page}"),
                    allowed: false,
                });
            }
        }
        out
    };
    let mut out = Vec::new();
    let mut pages_added = false;
    for (id, obj) in &after.objects {
        let old = before.objects.get(id);
        if old.is_some_and(|o| same(o, obj)) {
            continue;
        }
        let d = dict_of(after, obj);
        let ty = d.map(type_of).unwrap_or(b"");
        if matches!(ty, b"XRef" | b"ObjStm") {
            continue;
        }
        let Some(old) = old else {
            // A new object only matters when something old points at it; those changes are
            // classified below. Pages are the exception worth naming.
            if ty == b"Page" {
                pages_added = true;
            }
            continue;
        };
        let page = page_numbers
            .get(id)
            .map_or_else(|| format!("đối tượng {}", id.0), |n| format!("trang {n}"));
        let old_d = dict_of(&before, old);
        let change = |text: String, allowed: bool| Change { text, allowed };
        match (ty, d, old_d) {
            (b"Catalog", Some(d), Some(o)) => {
                if without(d, &[b"AcroForm"]) != without(o, &[b"AcroForm"]) {
                    out.push(change(
                        "danh mục tài liệu (Catalog) bị thay đổi".into(),
                        false,
                    ));
                } else {
                    out.extend(fields_change(
                        &before,
                        after,
                        o.get(b"AcroForm").ok(),
                        d.get(b"AcroForm").ok(),
                    ));
                }
            }
            (b"Page", Some(d), Some(o)) => {
                if without(d, &[b"Annots"]) != without(o, &[b"Annots"]) {
                    out.push(change(
                        format!("{page} bị thay đổi (nội dung hoặc tài nguyên)"),
                        false,
                    ));
                } else if matches!(d.get(b"Annots"), Ok(Object::Array(_)))
                    || matches!(o.get(b"Annots"), Ok(Object::Array(_)))
                {
                    out.extend(new_annots(
                        refs(&before, o.get(b"Annots").ok()),
                        refs(after, d.get(b"Annots").ok()),
                        page,
                    ));
                }
            }
            (b"Pages", Some(d), Some(o)) => {
                if d.get(b"Kids").ok() != o.get(b"Kids").ok()
                    || d.get(b"Count").ok() != o.get(b"Count").ok()
                {
                    pages_added = true;
                } else {
                    out.push(change("cây trang (Pages) bị thay đổi".into(), false));
                }
            }
            (_, Some(d), Some(o))
                if d.has(b"Fields")
                    && o.has(b"Fields")
                    && without(d, &[b"Fields", b"SigFlags"])
                        == without(o, &[b"Fields", b"SigFlags"]) =>
            {
                out.extend(fields_change(
                    &before,
                    after,
                    Some(&Object::Dictionary(o.clone())),
                    Some(&Object::Dictionary(d.clone())),
                ));
            }
            _ => {
                if let (Object::Array(new), Object::Array(prev)) = (obj, old) {
                    // An indirect /Annots or /Fields array.
                    let owner = page_numbers
                        .iter()
                        .find(|(p, _)| {
                            after
                                .get_dictionary(**p)
                                .ok()
                                .and_then(|d| d.get(b"Annots").ok())
                                == Some(&Object::Reference(*id))
                        })
                        .map(|(_, n)| format!("trang {n}"));
                    out.extend(new_annots(
                        prev.clone(),
                        new.clone(),
                        owner.unwrap_or_else(|| "tài liệu".into()),
                    ));
                } else if d.is_some_and(|d| {
                    d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
                }) {
                    out.push(change(
                        format!(
                            "ảnh (đối tượng {}) bị thay thế, ví dụ ảnh chữ ký hoặc con dấu",
                            id.0
                        ),
                        false,
                    ));
                } else if d.is_some_and(|d| type_of(d) == b"Annot") {
                    out.push(change(
                        format!("chú thích (đối tượng {}) bị thay đổi", id.0),
                        false,
                    ));
                } else if d.is_some_and(|d| d.has(b"ByteRange")) {
                    out.push(change("chữ ký đã có bị thay đổi".into(), false));
                } else {
                    out.push(change(format!("đối tượng {} bị thay đổi", id.0), false));
                }
            }
        }
    }
    if pages_added || after.get_pages().len() != before.get_pages().len() {
        out.push(Change {
            text: "thêm hoặc bớt trang".into(),
            allowed: false,
        });
    }
    // Trailer: a new /Info dictionary object would show above; a swapped /Root is a new catalog.
    if after.trailer.get(b"Root").ok() != before.trailer.get(b"Root").ok() {
        out.push(Change {
            text: "danh mục tài liệu (Root) bị thay thế".into(),
            allowed: false,
        });
    }
    if out.is_empty() {
        // Bytes were appended but nothing differs (e.g. an empty update).
        out.push(Change {
            text: "thêm dữ liệu không làm thay đổi nội dung".into(),
            allowed: true,
        });
    }
    out
}

/// Compares two AcroForm entries (inline or indirect): only appended signature fields are fine.
fn fields_change(
    before: &lopdf::Document,
    after: &lopdf::Document,
    old: Option<&Object>,
    new: Option<&Object>,
) -> Vec<Change> {
    let form = |doc: &lopdf::Document, o: Option<&Object>| -> Option<Dictionary> {
        o.and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok().cloned())
    };
    let (of, nf) = (form(before, old), form(after, new));
    let old_fields = refs(before, of.as_ref().and_then(|f| f.get(b"Fields").ok()));
    let new_fields = refs(after, nf.as_ref().and_then(|f| f.get(b"Fields").ok()));
    let mut out = Vec::new();
    let other = |f: &Option<Dictionary>| f.as_ref().map(|f| without(f, &[b"Fields", b"SigFlags"]));
    if other(&of).unwrap_or_default() != other(&nf).unwrap_or_default()
        || new_fields.len() < old_fields.len()
        || new_fields[..old_fields.len()] != old_fields[..]
    {
        out.push(Change {
            text: "biểu mẫu (AcroForm) bị thay đổi".into(),
            allowed: false,
        });
    }
    for f in new_fields.iter().skip(old_fields.len()) {
        let sig = dict_of(after, f).is_some_and(|d| super::is_sig_field(after, d));
        out.push(Change {
            text: if sig {
                "thêm chữ ký số mới".into()
            } else {
                "thêm trường biểu mẫu không phải chữ ký".into()
            },
            allowed: sig,
        });
    }
    out
}
