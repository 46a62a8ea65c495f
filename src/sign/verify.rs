//! Checking the signatures of a PDF, with three separate answers per signature for a clerk:
//! (a) integrity — the signed bytes are unchanged and what was added afterwards is allowed
//! (ISO 32000 DocMDP/FieldMDP, PAdES; see [`changes`]); (b) who signed — name, organisation, the
//! certificate's validity dates and whether the signing time falls inside them; (c) trust —
//! whether the certificate chains to a root in the office's trust folder. From these, one state
//! per signature and for the file, which the window colours green, amber or red.
//!
//! [`inspect`] never fails and never panics, whatever the bytes: an unreadable signature is
//! "damaged", and "no signature" is said only of a readable file that has none.

mod changes;
mod crypto;
pub mod fields;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use x509_cert::Certificate;

use der::asn1::ObjectIdentifier;

use super::trust::{Trust, TrustStore};
use crate::error::{Error, Result};
pub use changes::Level;
use fields::Value;

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

/// The certificate issuer's common name (NFC).
pub fn issuer_name(cert: &Certificate) -> Option<String> {
    name_attr(&cert.tbs_certificate.issuer, CN).map(|n| crate::vietnamese::nfc(&n))
}

/// The certificate subject's organisation (NFC).
pub fn organization(cert: &Certificate) -> Option<String> {
    name_attr(&cert.tbs_certificate.subject, O).map(|o| crate::vietnamese::nfc(&o))
}

/// The message when no trusted root is found (wording fixed by the issue).
pub const UNKNOWN_TRUST: &str = "không xác định được nguồn tin cậy";

/// The amber answer for an intact signature whose chain ends nowhere trusted (issue 14).
pub const INTACT_UNTRUSTED: &str = "chữ ký đúng nhưng chưa xác định được nguồn tin cậy";

/// The overall state of a signature or a file, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Intact, nothing disallowed added, certificate valid then, chain trusted (green).
    Valid,
    /// As valid, but the chain does not reach a trusted root (amber).
    ValidUntrusted,
    /// Read and found wrong: changed bytes, disallowed changes, certificate not valid then (red).
    Invalid,
    /// Cannot be read: broken, cut, renumbered or unparseable (red).
    Damaged,
    /// A readable file without any signature.
    NoSignature,
}

impl State {
    /// Whether the command line exits 0 for it (every signature intact, only allowed changes).
    pub fn passes(self) -> bool {
        matches!(self, State::Valid | State::ValidUntrusted)
    }

    /// The state in a few Vietnamese words.
    pub fn label(self) -> &'static str {
        match self {
            State::Valid => "hợp lệ",
            State::ValidUntrusted => INTACT_UNTRUSTED,
            State::Invalid => "không hợp lệ",
            State::Damaged => "bị hỏng, không kiểm tra được",
            State::NoSignature => "không có chữ ký số",
        }
    }

    fn rank(self) -> u8 {
        match self {
            State::NoSignature => 0,
            State::Valid => 1,
            State::ValidUntrusted => 2,
            State::Invalid => 3,
            State::Damaged => 4,
        }
    }
}

/// How one answer reads: green, amber or red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Green.
    Good,
    /// Amber.
    Warning,
    /// Red.
    Bad,
}

/// One answer, with its sentence.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// Its colour.
    pub verdict: Verdict,
    /// The sentence for the clerk.
    pub text: String,
}

/// The three answers for one signature.
#[derive(Debug, Clone, Serialize)]
pub struct Answers {
    /// (a) The file is unchanged since signing, and what was added after.
    pub integrity: Answer,
    /// (b) Who signed, the certificate's dates, and whether the signing time is inside them.
    pub signer: Answer,
    /// (c) Whether the certificate chains to a trusted root.
    pub trust: Answer,
}

/// One signature's findings.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureReport {
    /// Field name.
    pub field: String,
    /// Signer's name from the certificate.
    pub signer: String,
    /// Organisation from the certificate.
    pub organization: Option<String>,
    /// The time of signing, RFC 3339 (the CMS signing-time attribute, else `/M`).
    pub signing_time: Option<String>,
    /// Digest and CMS signature both check.
    pub intact: bool,
    /// Why not intact (or why damaged).
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
    /// Whether those changes are only later signatures and maintenance (DSS, metadata).
    pub only_signatures_after: bool,
    /// Whether every change after it is allowed by the permissions in force.
    pub changes_allowed: bool,
    /// The most intrusive change allowed after it (DocMDP `/P`: 1, 2 or 3).
    pub allowed_level: u8,
    /// For a certification signature, its DocMDP `/P`.
    pub certification: Option<u8>,
    /// A document timestamp rather than a person's signature.
    pub timestamp: bool,
    /// Certificate issuer (CN).
    pub issuer: Option<String>,
    /// First day of the certificate's validity (dd/mm/yyyy).
    pub certificate_not_before: Option<String>,
    /// Last day of the certificate's validity (dd/mm/yyyy).
    pub certificate_not_after: Option<String>,
    /// This signature's overall state.
    pub state: State,
    /// The three answers.
    pub answers: Answers,
}

/// The findings for a whole file.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    /// Every signature, in signing order.
    pub signatures: Vec<SignatureReport>,
    /// What was appended after the last signature.
    pub after_last: Vec<String>,
    /// Every signature intact and nothing but allowed changes after any of them.
    pub ok: bool,
    /// The file's overall state (the worst of its signatures).
    pub state: State,
    /// One sentence for the clerk.
    pub summary: String,
    /// A problem of the file as a whole (unreadable, password needed), if any.
    pub problem: Option<String>,
}

/// A time as a clerk reads it: Vietnam time (+07:00), whatever zone the signer wrote.
fn vietnam_time(t: chrono::DateTime<chrono::FixedOffset>) -> String {
    let tz = chrono::FixedOffset::east_opt(7 * 3600).unwrap_or(*t.offset());
    t.with_timezone(&tz)
        .format("%H:%M ngày %d/%m/%Y (giờ Việt Nam)")
        .to_string()
}

fn day(t: &x509_cert::time::Time) -> String {
    chrono::DateTime::from_timestamp(t.to_unix_duration().as_secs() as i64, 0)
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

fn file_report(state: State, problem: Option<String>) -> Verification {
    let summary = match (&problem, state) {
        (Some(p), _) => format!("Chữ ký bị hỏng, không kiểm tra được: {p}."),
        (None, State::NoSignature) => "Tệp PDF không có chữ ký số nào.".into(),
        (None, _) => state.label().into(),
    };
    Verification {
        signatures: Vec::new(),
        after_last: Vec::new(),
        ok: false,
        state,
        summary,
        problem,
    }
}

/// Whether the bytes look like they hold a signature even though it cannot be read.
fn signature_traces(bytes: &[u8]) -> bool {
    let has = |n: &[u8]| bytes.windows(n.len()).any(|w| w == n);
    has(b"/ByteRange") || has(b"/Type/Sig") || has(b"/Type /Sig") || has(b"/FT/Sig")
}

/// lopdf on hostile bytes: an error, and (as a last line of defence for a function that must never
/// panic) a panic inside the parser, both read as "cannot load".
fn load(bytes: &[u8]) -> Option<lopdf::Document> {
    std::panic::catch_unwind(|| super::pdf::load_bounded(bytes).ok())
        .ok()
        .flatten()
}

struct One {
    found: fields::Found,
    checked: crypto::Checked,
    index: usize,
}

/// Checks every signature of `bytes` against the roots in `trust`. Never fails.
pub fn inspect(bytes: &[u8], trust: &TrustStore, now: DateTime<FixedOffset>) -> Verification {
    let Some(doc) = load(bytes) else {
        let why = if bytes.starts_with(b"%PDF-") || signature_traces(bytes) {
            "tệp PDF bị hỏng hoặc bị cắt, không đọc được cấu trúc"
        } else {
            "tệp không phải PDF hoặc bị hỏng"
        };
        return file_report(State::Damaged, Some(why.into()));
    };
    if doc.trailer.has(b"Encrypt") {
        return file_report(
            State::Damaged,
            Some("tệp có mật khẩu mở tệp nên không đọc được chữ ký".into()),
        );
    }
    let found = fields::signatures(&doc);
    if found.is_empty() {
        return if signature_traces(bytes) {
            file_report(
                State::Damaged,
                Some("tệp có dấu vết chữ ký số nhưng không tìm thấy trường chữ ký đọc được".into()),
            )
        } else {
            file_report(State::NoSignature, None)
        };
    }
    let certification = fields::certification(&doc, &found);
    let mut ones: Vec<One> = found
        .into_iter()
        .enumerate()
        .map(|(index, f)| {
            let checked = match &f.value {
                Value::Ok(id, d) => crypto::check(&doc, bytes, *id, d),
                Value::Damaged(why) => crypto::Checked::damaged_because(why),
            };
            One {
                found: f,
                checked,
                index,
            }
        })
        .collect();
    ones.sort_by_key(|o| o.checked.end.unwrap_or(usize::MAX));
    let cert_position = certification.and_then(|c| ones.iter().position(|o| o.index == c.index));
    let file_end = super::pdf::trim_end(bytes).len();
    let mut revisions: std::collections::BTreeMap<usize, Option<lopdf::Document>> =
        std::collections::BTreeMap::new();
    let mut reports = Vec::new();
    for (pos, one) in ones.iter().enumerate() {
        let lock = fields::lock(&doc, &one.found);
        // The certification's DocMDP level rules every later change; a field lock may narrow
        // it; an approval signature alone allows signing and form filling (as pyHanko judges).
        let docmdp = match (certification, cert_position) {
            (Some(c), Some(cp)) if cp <= pos => Some(c.level),
            _ => None,
        };
        let allowed = match (docmdp, lock.level) {
            (Some(d), Some(l)) => d.min(l),
            (Some(p), None) | (None, Some(p)) => p,
            (None, None) => 2,
        };
        let mut changes = Vec::new();
        let mut unreadable_revision = false;
        if let Some(end) = one.checked.end
            && end < file_end
            && !one.checked.damaged
        {
            let old = revisions.entry(end).or_insert_with(|| load(&bytes[..end]));
            match old {
                Some(old) => changes = changes::analyse(old, &doc, &lock),
                None => unreadable_revision = true,
            }
        }
        let is_cert = certification.is_some_and(|c| c.index == one.index);
        reports.push(report_one(
            one,
            trust,
            Judged {
                changes,
                allowed,
                unreadable_revision,
                certification: is_cert.then(|| certification.map_or(2, |c| c.level)),
                file_end,
            },
            now,
        ));
    }
    let state = reports
        .iter()
        .map(|r| r.state)
        .max_by_key(|s| s.rank())
        .unwrap_or(State::NoSignature);
    let after_last = reports
        .last()
        .map(|r| r.changes_after.clone())
        .unwrap_or_default();
    let summary = match state {
        State::Valid => "Mọi chữ ký hợp lệ và chuỗi lên chứng thư gốc tin cậy.".to_string(),
        State::ValidUntrusted => {
            "Chữ ký đúng nhưng chưa xác định được nguồn tin cậy của chứng thư số.".into()
        }
        State::Invalid => "Có chữ ký không hợp lệ: xem từng chữ ký.".into(),
        State::Damaged => "Có chữ ký bị hỏng, không kiểm tra được.".into(),
        State::NoSignature => "Tệp PDF không có chữ ký số nào.".into(),
    };
    Verification {
        ok: state.passes(),
        signatures: reports,
        after_last,
        state,
        summary,
        problem: None,
    }
}

/// Verifies every signature in `bytes` against `trust` (roots). Fails only for a file without
/// any signature; a damaged or invalid one is reported in the [`Verification`].
pub fn verify_pdf(
    bytes: &[u8],
    trust: &TrustStore,
    now: DateTime<FixedOffset>,
) -> Result<Verification> {
    let report = inspect(bytes, trust, now);
    if report.state == State::NoSignature {
        return Err(Error::not_allowed("Tệp PDF không có chữ ký số nào."));
    }
    Ok(report)
}

struct Judged {
    changes: Vec<changes::Change>,
    allowed: u8,
    unreadable_revision: bool,
    certification: Option<u8>,
    file_end: usize,
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

fn report_one(
    one: &One,
    trust: &TrustStore,
    j: Judged,
    now: DateTime<FixedOffset>,
) -> SignatureReport {
    let c = &one.checked;
    let signer = c.signer.as_ref();
    let allowed_level = j.allowed;
    let permitted = |l: Level| (l as u8) <= allowed_level;
    let changes_allowed = !j.unreadable_revision && j.changes.iter().all(|ch| permitted(ch.level));
    let only_signatures_after = !j.unreadable_revision
        && j.changes
            .iter()
            .all(|ch| ch.signature || ch.level == Level::Maintenance);
    let mut changes_after = dedup(j.changes.iter().map(|ch| ch.text.clone()));
    if j.unreadable_revision {
        changes_after.push("không đọc được phiên bản đã ký để so sánh".into());
    }
    let time = c.time;
    let validity = signer.map(|s| &s.tbs_certificate.validity);
    // Without any recorded time the certificate is judged as of now, as pyHanko does.
    let at = time.unwrap_or(now);
    let certificate_valid = validity.is_some_and(|v| {
        let t = at.timestamp();
        t >= v.not_before.to_unix_duration().as_secs() as i64
            && t <= v.not_after.to_unix_duration().as_secs() as i64
    });
    let chain = signer.map(|s| trust.check(s, &c.certs));
    let trusted = matches!(chain, Some(Trust::Trusted(_)));
    let state = if c.damaged {
        State::Damaged
    } else if !c.intact || !changes_allowed || !certificate_valid {
        State::Invalid
    } else if trusted {
        State::Valid
    } else {
        State::ValidUntrusted
    };
    let name = signer.map_or_else(|| "(không rõ)".to_string(), common_name);
    let organization = signer.and_then(organization);
    let issuer = signer.and_then(issuer_name);
    let (not_before, not_after) = (
        validity.map(|v| day(&v.not_before)),
        validity.map(|v| day(&v.not_after)),
    );
    let bad_changes: Vec<String> = dedup(
        j.changes
            .iter()
            .filter(|ch| !permitted(ch.level))
            .map(|ch| ch.text.clone()),
    );
    let integrity = if c.damaged {
        Answer {
            verdict: Verdict::Bad,
            text: format!(
                "Chữ ký bị hỏng, không kiểm tra được: {}.",
                c.problem.as_deref().unwrap_or("không rõ lý do")
            ),
        }
    } else if !c.intact {
        Answer {
            verdict: Verdict::Bad,
            text: format!(
                "Nội dung đã ký không còn nguyên vẹn: {}.",
                c.problem.as_deref().unwrap_or("không rõ lý do")
            ),
        }
    } else if !changes_allowed {
        Answer {
            verdict: Verdict::Bad,
            text: format!(
                "Tệp bị sửa sau khi ký, những thay đổi không được phép: {}.",
                if bad_changes.is_empty() {
                    changes_after.join("; ")
                } else {
                    bad_changes.join("; ")
                }
            ),
        }
    } else if changes_after.is_empty() {
        Answer {
            verdict: Verdict::Good,
            text: "Tệp không thay đổi kể từ khi ký.".into(),
        }
    } else {
        Answer {
            verdict: Verdict::Good,
            text: format!(
                "Nội dung đã ký không thay đổi; sau khi ký chỉ thêm những phần được phép: {}.",
                changes_after.join("; ")
            ),
        }
    };
    let who = match &organization {
        Some(o) => format!("{name} ({o})"),
        None => name.clone(),
    };
    let signer_answer = match (signer, &not_before, &not_after, time) {
        (None, ..) => Answer {
            verdict: Verdict::Bad,
            text: "Không đọc được chứng thư số của người ký.".into(),
        },
        (Some(_), Some(nb), Some(na), Some(t)) => Answer {
            verdict: if certificate_valid {
                Verdict::Good
            } else {
                Verdict::Bad
            },
            text: format!(
                "Người ký: {who}. Chứng thư số có hiệu lực từ {nb} đến {na}; thời điểm ký {} {} \
                 thời hạn đó.",
                vietnam_time(t),
                if certificate_valid {
                    "nằm trong"
                } else {
                    "nằm NGOÀI"
                }
            ),
        },
        (Some(_), nb, na, _) => Answer {
            verdict: if certificate_valid {
                Verdict::Warning
            } else {
                Verdict::Bad
            },
            text: format!(
                "Người ký: {who}. Chứng thư số có hiệu lực từ {} đến {}; chữ ký không ghi thời \
                 điểm ký nên chỉ kiểm tra được thời hạn tại lúc này ({}).",
                nb.as_deref().unwrap_or("?"),
                na.as_deref().unwrap_or("?"),
                if certificate_valid {
                    "còn hiệu lực"
                } else {
                    "đã hết hoặc chưa tới hạn"
                }
            ),
        },
    };
    let self_signed = signer.is_some_and(|s| s.tbs_certificate.subject == s.tbs_certificate.issuer);
    let (trust_text, trust_answer) = match &chain {
        Some(Trust::Trusted(root)) => (
            format!("tin cậy (chứng thư gốc: {root})"),
            Answer {
                verdict: Verdict::Good,
                text: format!("Chứng thư số chuỗi lên chứng thư gốc tin cậy «{root}»."),
            },
        ),
        _ => (
            UNKNOWN_TRUST.to_string(),
            Answer {
                verdict: Verdict::Warning,
                text: format!(
                    "{}{}.",
                    if c.intact {
                        "Chữ ký đúng nhưng chưa xác định được nguồn tin cậy"
                    } else {
                        "Chưa xác định được nguồn tin cậy"
                    },
                    if self_signed {
                        " (chứng thư số tự ký, không do tổ chức cung cấp dịch vụ chứng thực cấp)"
                    } else {
                        " (chứng thư gốc không có trong thư mục tin cậy)"
                    }
                ),
            },
        ),
    };
    SignatureReport {
        field: one.found.name.clone(),
        signer: name,
        organization,
        signing_time: time.map(|t| t.to_rfc3339()),
        intact: c.intact,
        problem: c.problem.clone(),
        covers_whole_file: c.end.is_some_and(|e| e >= j.file_end),
        certificate_valid,
        trust: trust_text,
        trusted,
        changes_after,
        only_signatures_after,
        changes_allowed,
        allowed_level,
        certification: j.certification,
        timestamp: c.timestamp,
        issuer,
        certificate_not_before: not_before,
        certificate_not_after: not_after,
        state,
        answers: Answers {
            integrity,
            signer: signer_answer,
            trust: trust_answer,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    /// A file whose object stream inflates past the bound is read without inflating it.
    #[test]
    fn a_decompression_bomb_is_not_inflated() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..(super::super::pdf::MAX_INFLATED >> 20) + 4 {
            z.write_all(&zeros).unwrap();
        }
        let bomb = z.finish().unwrap();
        let mut out = b"%PDF-1.7\n".to_vec();
        let o1 = out.len();
        out.extend_from_slice(b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        let o3 = out.len();
        out.extend_from_slice(
            format!(
                "3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
                bomb.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&bomb);
        out.extend_from_slice(b"\nendstream\nendobj\n");
        let xref = out.len();
        out.extend_from_slice(
            format!(
                "xref\n0 4\n0000000000 65535 f\r\n{o1:010} 00000 n\r\n0000000000 65535 f\r\n{o3:010} 00000 n\r\ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            )
            .as_bytes(),
        );
        let r = inspect(&out, &TrustStore::new(), chrono::Utc::now().fixed_offset());
        assert!(!r.state.passes(), "{r:?}");
        // Unbounded, lopdf inflates the stream in place while loading.
        let doc = super::super::pdf::load_bounded(&out).unwrap();
        let kept = doc
            .objects
            .get(&(3, 0))
            .and_then(|o| o.as_stream().ok())
            .map_or(0, |s| s.content.len());
        assert!(kept < 1 << 20, "inflated to {kept} bytes");
    }
}
