//! One signature's own checks: that its `/ByteRange` is sound and its gap is exactly the
//! `/Contents` of its own dictionary, that the CMS reads, that the digest of the covered bytes is
//! the signed one and that the signer's key made the signature (a document timestamp's token
//! covers the bytes through its message imprint instead). Everything here reads the file's bytes
//! directly: in an encrypted file `/Contents` is not encrypted, while lopdf would decrypt it.

use der::asn1::{Any, OctetString};
use der::{Decode as _, Sequence};
use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Object, ObjectId};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use crate::sign::{cms, pdf};

/// What the checks found.
pub struct Checked {
    /// The signer's certificate, when the CMS could be read.
    pub signer: Option<Certificate>,
    /// Every certificate the CMS carries (for the chain).
    pub certs: Vec<Certificate>,
    /// The time of signing: the CMS signing-time attribute when present, else `/M`.
    pub time: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// The end of the revision the signature covers, when its byte range is sound.
    pub end: Option<usize>,
    /// Digest and signature both check.
    pub intact: bool,
    /// Why not intact (or why damaged).
    pub problem: Option<String>,
    /// The signature cannot be read at all (as opposed to read and found wrong).
    pub damaged: bool,
    /// A document timestamp rather than a person's signature.
    pub timestamp: bool,
}

impl Checked {
    /// A signature that cannot be read, and why.
    pub fn damaged_because(problem: &str) -> Checked {
        Checked::damaged(problem.to_owned())
    }

    fn damaged(problem: impl Into<String>) -> Checked {
        Checked {
            signer: None,
            certs: Vec::new(),
            time: None,
            end: None,
            intact: false,
            problem: Some(problem.into()),
            damaged: true,
            timestamp: false,
        }
    }
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

fn unhex(s: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = s
        .iter()
        .copied()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if digits.len() % 2 == 1 {
        return None;
    }
    hex::decode(digits).ok()
}

#[derive(Sequence)]
struct MessageImprint {
    hash_algorithm: AlgorithmIdentifierOwned,
    hashed_message: OctetString,
}

/// The message imprint of an RFC 3161 TSTInfo (its third field).
fn message_imprint(tst: &[u8]) -> Option<MessageImprint> {
    let fields: Vec<Any> = Vec::<Any>::from_der(tst).ok()?;
    fields.get(2)?.decode_as::<MessageImprint>().ok()
}

/// Checks the signature whose dictionary is `sig` (object `id`, when indirect) in `bytes`.
pub fn check(
    doc: &lopdf::Document,
    bytes: &[u8],
    id: Option<ObjectId>,
    sig: &Dictionary,
) -> Checked {
    let m_time = sig
        .get(b"M")
        .ok()
        .and_then(pdf::decode_text)
        .and_then(|m| pdf::parse_pdf_date(&m));
    let Some([a, b, c, d]) = byte_range(sig) else {
        return Checked::damaged("thiếu hoặc sai /ByteRange");
    };
    let Some(end) = c.checked_add(d).filter(|e| *e <= bytes.len()) else {
        return Checked::damaged("/ByteRange vượt quá độ dài tệp (tệp bị cắt?)");
    };
    if a != 0 || b >= c || b == 0 || bytes[b] != b'<' || bytes[c - 1] != b'>' {
        return Checked::damaged("/ByteRange không khớp vị trí /Contents");
    }
    // The gap must be this dictionary's own /Contents, not some other string of the file.
    if let Some(id) = id {
        match doc.reference_table.get(id.0) {
            Some(XrefEntry::Normal { offset, .. }) => {
                // lopdf counts offsets from the `%PDF-` header, as readers do for files with
                // bytes before it; /ByteRange counts from the file's first byte.
                let header = bytes.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
                let start = header + *offset as usize;
                let stop = pdf::find_from(bytes, b"endobj", start).unwrap_or(0);
                if !(start < b && c <= stop) {
                    return Checked::damaged(
                        "vùng /Contents do /ByteRange chỉ ra không nằm trong từ điển chữ ký",
                    );
                }
            }
            _ => {
                return Checked::damaged("từ điển chữ ký nằm trong luồng đối tượng nén");
            }
        }
    }
    let Some(der) = unhex(&bytes[b + 1..c - 1]) else {
        return Checked::damaged("/Contents không phải chuỗi hex");
    };
    let parsed = match cms::parse(&der) {
        Ok(p) => p,
        Err(e) => return Checked::damaged(e.to_string()),
    };
    let Some(signer) = parsed.signer.clone() else {
        return Checked::damaged("chữ ký không kèm chứng thư số của người ký");
    };
    let timestamp = sig.get(b"Type").and_then(Object::as_name).ok() == Some(b"DocTimeStamp")
        || sig.get(b"SubFilter").and_then(Object::as_name).ok() == Some(b"ETSI.RFC3161");
    let time = parsed.signing_time.map(|t| t.fixed_offset()).or(m_time);
    let mut out = Checked {
        signer: Some(signer.clone()),
        certs: parsed.certs.clone(),
        time,
        end: Some(end),
        intact: false,
        problem: None,
        damaged: false,
        timestamp,
    };
    let covered = [&bytes[..b], &bytes[c..end]];
    let digest_ok = if timestamp {
        // The token's imprint covers the bytes; the signed attributes cover the token.
        let imprint = parsed.econtent.as_deref().and_then(message_imprint);
        match imprint {
            Some(mi) => {
                cms::digest(mi.hash_algorithm.oid, &covered).as_deref()
                    == Some(mi.hashed_message.as_bytes())
                    && parsed
                        .econtent
                        .as_ref()
                        .and_then(|e| cms::digest(parsed.digest_alg, &[e]))
                        == parsed.message_digest
            }
            None => {
                out.problem = Some("dấu thời gian không đọc được (thiếu TSTInfo)".into());
                return Checked {
                    damaged: true,
                    ..out
                };
            }
        }
    } else {
        match cms::digest(parsed.digest_alg, &covered) {
            Some(h) => parsed.message_digest.as_deref() == Some(&h[..]),
            None => {
                out.problem = Some(format!(
                    "thuật toán băm {} chưa hỗ trợ (chỉ SHA-256, SHA-384, SHA-512)",
                    parsed.digest_alg
                ));
                return out;
            }
        }
    };
    if !digest_ok {
        out.problem = Some("nội dung được ký đã bị thay đổi (mã băm không khớp)".into());
    } else if !cms::verify_signature_with(
        &signer.tbs_certificate.subject_public_key_info,
        &parsed.signature_algorithm,
        parsed.digest_alg,
        &parsed.signed_attrs_der,
        &parsed.signature,
    ) {
        out.problem = Some("giá trị chữ ký CMS không đúng (hoặc thuật toán chưa hỗ trợ)".into());
    } else if !pdf::trim_end(&bytes[..end]).ends_with(b"%%EOF") {
        out.problem = Some(
            "vùng được ký không trùng với một phiên bản trọn vẹn của tệp (thiếu %%EOF)".into(),
        );
    } else {
        out.intact = true;
    }
    out
}
