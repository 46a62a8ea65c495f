//! PAdES signing and verification, PKCS#12 and PKCS#11 key sources, and the visible appearances
//! of Nghị định 30. Owned by the signing work (issue 5).
//!
//! [`sign_pdf`] is a function from bytes to bytes: it appends one incremental update (signature
//! dictionary, widget with its own appearance stream, the page's `/Annots` and the AcroForm's
//! `/Fields`, those two rewritten from their source so nothing else in them changes) to the
//! untouched original and fills in a detached CMS over the `/ByteRange`. An owner-password file
//! stays encrypted. The caller supplies the key, the images and the time. [`verify`] judges any
//! signed file, [`tokens`] finds the clerk's USB tokens.

pub mod appearance;
pub mod cms;
pub mod fault;
mod field;
pub mod keys;
pub mod pdf;
pub mod raw;
pub mod tokens;
pub mod trust;
pub mod verify;

use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};

use crate::error::{Error, Field, Result};
use appearance::PT_PER_MM;
pub use appearance::Rect;
use keys::KeySource;
use pdf::{Parsed, Update};

pub use fault::SignFault;
pub use keys::{P12Key, Pkcs11Key, RsaPadding};
pub use verify::{SignatureReport, Verification, verify_pdf};

/// Who applies the signature (Nghị định 30 §8: the competent person first, then the clerk for the
/// organisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The competent person (blue signature image).
    Signer,
    /// The organisation (red seal image, or the text stamp on a separate attachment).
    Organization,
}

/// Everything about one signature except the key.
#[derive(Debug, Clone)]
pub struct Options {
    /// Who signs.
    pub role: Role,
    /// PNG of the handwritten signature (blue, transparent background).
    pub signature_image: Option<Vec<u8>>,
    /// PNG of the seal (red, transparent background).
    pub seal_image: Option<Vec<u8>>,
    /// Real diameter of the seal.
    pub seal_diameter_mm: f32,
    /// Page for the signature when the document records no signature box.
    pub page: Option<u32>,
    /// Signature box on that page when the document records none (default: bottom right).
    pub signature_box: Option<Rect>,
    /// For a separate attachment file: the main document's number (`12/QĐ-UBND`).
    pub attachment_of: Option<String>,
    /// Signing time (written to `/M` and to the attachment stamp).
    pub time: chrono::DateTime<chrono::FixedOffset>,
    /// `/Location` (the office's place), if known.
    pub location: Option<String>,
}

impl Options {
    /// Defaults for a role at a time: no images, 36 mm seal.
    pub fn new(role: Role, time: chrono::DateTime<chrono::FixedOffset>) -> Options {
        Options {
            role,
            signature_image: None,
            seal_image: None,
            seal_diameter_mm: 36.0,
            page: None,
            signature_box: None,
            attachment_of: None,
            time,
            location: None,
        }
    }
}

/// Room for the CMS in `/Contents`, in bytes: the chain plus generous space for the signature
/// and attributes.
fn contents_capacity(key: &dyn KeySource) -> usize {
    use der::Encode as _;
    let chain: usize = key
        .chain()
        .iter()
        .map(|c| c.encoded_len().map_or(4096, |l| u32::from(l) as usize))
        .sum();
    chain + 4096
}

/// The Info key our renderer writes: "page x y w h" (1-based page, points, origin bottom-left).
pub const SIGNATURE_BOX_KEY: &[u8] = b"CnscdSignatureBox";

/// Reads `/CnscdSignatureBox` from the Info dictionary.
pub fn recorded_box(parsed: &Parsed) -> Option<(u32, Rect)> {
    let info = parsed.doc.trailer.get(b"Info").ok()?;
    let (_, info) = parsed.doc.dereference(info).ok()?;
    let text = pdf::decode_text(info.as_dict().ok()?.get(SIGNATURE_BOX_KEY).ok()?)?;
    let n: Vec<f32> = text
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    if n.len() != 5 || n[0] < 1.0 || n[3] <= 0.0 || n[4] <= 0.0 {
        return None;
    }
    Some((
        n[0] as u32,
        Rect {
            x: n[1],
            y: n[2],
            w: n[3],
            h: n[4],
        },
    ))
}

/// The page's MediaBox, following inheritance through the page tree.
pub fn media_box(doc: &lopdf::Document, page: ObjectId) -> Rect {
    let mut id = Some(page);
    let mut depth = 0;
    while let Some(cur) = id {
        let Ok(d) = doc.get_dictionary(cur) else {
            break;
        };
        if let Ok(mb) = d.get(b"MediaBox")
            && let Ok((_, mb)) = doc.dereference(mb)
            && let Some(r) = Rect::from_pdf(mb)
        {
            return r;
        }
        id = d.get(b"Parent").and_then(Object::as_reference).ok();
        depth += 1;
        if depth > 64 {
            break;
        }
    }
    // A4 portrait, the decree's paper.
    Rect {
        x: 0.0,
        y: 0.0,
        w: 595.28,
        h: 841.89,
    }
}

/// Signature widgets already on a page, in /Annots order, with their rectangles.
fn signature_widgets(doc: &lopdf::Document, page: ObjectId) -> Vec<Rect> {
    let Ok(d) = doc.get_dictionary(page) else {
        return Vec::new();
    };
    let Ok(annots) = d.get(b"Annots").and_then(|a| doc.dereference(a)) else {
        return Vec::new();
    };
    let Ok(annots) = annots.1.as_array() else {
        return Vec::new();
    };
    annots
        .iter()
        .filter_map(|a| doc.dereference(a).ok()?.1.as_dict().ok())
        .filter(|a| is_sig_field(doc, a))
        .filter_map(|a| Rect::from_pdf(a.get(b"Rect").ok()?))
        .filter(|r| r.w > 0.0 && r.h > 0.0)
        .collect()
}

/// Whether a widget/field dictionary is a signature field (directly or through its parent).
pub fn is_sig_field(doc: &lopdf::Document, d: &Dictionary) -> bool {
    if d.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig") {
        return true;
    }
    d.get(b"Parent")
        .and_then(|p| doc.dereference(p))
        .ok()
        .and_then(|(_, p)| p.as_dict().ok())
        .and_then(|p| p.get(b"FT").and_then(Object::as_name).ok())
        == Some(b"Sig")
}

/// Where the signature goes: page object, widget rectangle and appearance (if visible).
struct Placement {
    page: ObjectId,
    rect: Rect,
    appearance: Option<ObjectId>,
}

fn place(parsed: &Parsed, u: &mut Update, opts: &Options) -> Result<Placement> {
    let page_obj = |n: u32| {
        parsed.pages.get(&n).copied().ok_or_else(|| {
            Error::bad_value(
                Field::Page,
                n.to_string(),
                format!("tệp PDF chỉ có {} trang", parsed.pages.len()),
            )
        })
    };
    let last = parsed.pages.keys().next_back().copied().unwrap_or(1);
    if let Some(number) = &opts.attachment_of {
        let page = page_obj(1)?;
        let media = media_box(&parsed.doc, page);
        let text = crate::vietnamese::nfc(&format!(
            "Số: {}; {}",
            number.trim(),
            opts.time.format("%d/%m/%Y; %H:%M:%S %:z")
        ));
        // Top right of page 1, inside the 15 mm right margin, in the top margin.
        let (rect, ap) =
            appearance::text_stamp(u, &text, media, 15.0 * PT_PER_MM, 12.0 * PT_PER_MM)?;
        return Ok(Placement {
            page,
            rect,
            appearance: Some(ap),
        });
    }
    let (page_no, sig_box) = match recorded_box(parsed) {
        Some((p, r)) => (p, Some(r)),
        None => (opts.page.unwrap_or(last), None),
    };
    let page = page_obj(page_no)?;
    let media = media_box(&parsed.doc, page);
    // Default box: bottom right, 90 mm × 35 mm, inside 15 mm / 30 mm margins.
    let sig_box = sig_box.or(opts.signature_box).unwrap_or(Rect {
        x: media.x + media.w - 15.0 * PT_PER_MM - 90.0 * PT_PER_MM,
        y: media.y + 30.0 * PT_PER_MM,
        w: 90.0 * PT_PER_MM,
        h: 35.0 * PT_PER_MM,
    });
    let (image, what) = match opts.role {
        Role::Signer => (&opts.signature_image, "chữ ký"),
        Role::Organization => (&opts.seal_image, "con dấu"),
    };
    let Some(png) = image else {
        return Ok(Placement {
            page,
            rect: Rect {
                x: 0.0,
                y: 0.0,
                w: 0.0,
                h: 0.0,
            },
            appearance: None,
        });
    };
    let img = appearance::decode_png(png, what)?;
    let (iw, ih) = (img.width as f32, img.height as f32);
    let rect = match opts.role {
        Role::Signer => sig_box.fit(iw, ih),
        Role::Organization => {
            // The signer's widget rectangle is the drawn signature image.
            let signature = signature_widgets(&parsed.doc, page)
                .last()
                .copied()
                .unwrap_or(sig_box);
            let d = opts.seal_diameter_mm * PT_PER_MM;
            signature.seal_over_left_third(d).fit(iw, ih)
        }
    };
    let ap = appearance::image_appearance(u, &img, rect);
    Ok(Placement {
        page,
        rect,
        appearance: Some(ap),
    })
}

fn reason(opts: &Options) -> String {
    match (&opts.attachment_of, opts.role) {
        (Some(n), _) => format!("Ký số tệp đính kèm văn bản số {}", n.trim()),
        (None, Role::Signer) => "Người có thẩm quyền ký ban hành văn bản".into(),
        (None, Role::Organization) => "Cơ quan, tổ chức ký số văn bản (văn thư)".into(),
    }
}

/// Refuses a certificate not valid at `time`.
pub fn check_validity(
    cert: &x509_cert::Certificate,
    time: chrono::DateTime<chrono::FixedOffset>,
) -> Result<()> {
    let d = tokens::describe(&[], cert, time.timestamp());
    if d.expired {
        return Err(SignFault::CertificateExpired {
            name: d.name,
            not_after: d.not_after,
        }
        .into());
    }
    if d.not_yet_valid {
        return Err(SignFault::CertificateNotYetValid {
            name: d.name,
            not_before: d.not_before,
        }
        .into());
    }
    Ok(())
}

/// Refuses a file whose owner (through its encryption permissions) allows neither filling forms
/// nor annotating: signing would add a field the author did not allow.
fn check_permissions(parsed: &Parsed) -> Result<()> {
    use lopdf::Permissions as P;
    let Some(state) = &parsed.encryption else {
        return Ok(());
    };
    if state.permissions().intersects(P::ANNOTABLE | P::FILLABLE) {
        return Ok(());
    }
    Err(Error::Pdf(
        "Tệp PDF được người tạo khóa quyền (mật khẩu chủ sở hữu) không cho điền biểu mẫu hay ký; \
         hãy xin bản không khóa quyền từ nơi gửi."
            .into(),
    ))
}

/// Signs `input` and returns the signed file: the original bytes followed by one incremental
/// update carrying a PAdES B-B signature (ETSI.CAdES.detached, SHA-256).
pub fn sign_pdf(input: &[u8], key: &dyn KeySource, opts: &Options) -> Result<Vec<u8>> {
    let signer = key
        .chain()
        .first()
        .ok_or_else(|| Error::Sign(SignFault::Key("Khóa ký không kèm chứng thư số.".into())))?;
    check_validity(signer, opts.time)?;
    if opts.role == Role::Signer && opts.seal_image.is_some() {
        return Err(Error::not_allowed(
            "Ảnh con dấu chỉ dùng khi ký với vai trò cơ quan, tổ chức (văn thư); \
             người có thẩm quyền ký chỉ kèm ảnh chữ ký. Hãy bỏ ảnh con dấu hoặc chọn vai trò cơ quan.",
        ));
    }
    let parsed = pdf::parse(input)?;
    check_permissions(&parsed)?;
    let found = verify::fields::signatures(&parsed.doc);
    if verify::fields::certification(&parsed.doc, &found).is_some_and(|c| c.level == 1) {
        return Err(Error::not_allowed(
            "Tệp PDF đã được ký chứng nhận với quyền \"không cho phép thay đổi\": thêm chữ ký \
             mới sẽ làm chữ ký chứng nhận mất hiệu lực, nên không ký.",
        ));
    }
    let mut u = Update::for_file(&parsed);
    let placement = place(&parsed, &mut u, opts)?;
    let sig_id = u.reserve();
    let widget_id = u.reserve();
    let field_name = field::add(
        &parsed,
        input,
        &mut u,
        widget_id,
        placement.page,
        !found.is_empty(),
    )?;

    // The widget (merged with its field); its appearance stream is the visible signature.
    let mut widget = Dictionary::new();
    widget.set("Type", Object::Name(b"Annot".to_vec()));
    widget.set("Subtype", Object::Name(b"Widget".to_vec()));
    widget.set("FT", Object::Name(b"Sig".to_vec()));
    widget.set("T", Object::string_literal(field_name));
    widget.set("V", Object::Reference(sig_id));
    // Print + Locked.
    widget.set("F", Object::Integer(132));
    widget.set("P", Object::Reference(placement.page));
    widget.set("Rect", placement.rect.to_pdf());
    if let Some(ap) = placement.appearance {
        let mut apd = Dictionary::new();
        apd.set("N", Object::Reference(ap));
        widget.set("AP", Object::Dictionary(apd));
    }
    u.set(widget_id, &Object::Dictionary(widget));

    // The signature dictionary, laid out by hand so /ByteRange and /Contents can be patched.
    let capacity = contents_capacity(key);
    let name = verify::common_name(signer);
    let mut body = Vec::new();
    body.extend_from_slice(
        b"<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M ",
    );
    // In an encrypted file these strings are encrypted like any other; /Contents is not (ISO
    // 32000-2 §7.6.2), so the CMS can be patched in afterwards.
    body.extend(u.string_for(sig_id, &Object::string_literal(pdf::pdf_date(&opts.time))));
    body.extend_from_slice(b" /Name ");
    body.extend(u.string_for(sig_id, &pdf::utf16_text(&name)));
    body.extend_from_slice(b" /Reason ");
    body.extend(u.string_for(sig_id, &pdf::utf16_text(&reason(opts))));
    if let Some(loc) = &opts.location {
        body.extend_from_slice(b" /Location ");
        body.extend(u.string_for(sig_id, &pdf::utf16_text(&crate::vietnamese::nfc(loc))));
    }
    body.extend_from_slice(b" /ByteRange [");
    let br_at = body.len();
    body.extend_from_slice(&[b' '; BYTE_RANGE_WIDTH]);
    body.extend_from_slice(b"] /Contents ");
    let contents_at = body.len();
    body.push(b'<');
    body.extend(std::iter::repeat_n(b'0', capacity * 2));
    body.push(b'>');
    body.extend_from_slice(b">>");
    u.set_raw(sig_id, body);

    let (mut out, offsets) = u.finish(input, &parsed, &Dictionary::new());
    let base = offsets[&sig_id.0];
    let (cs, ce) = (base + contents_at, base + contents_at + capacity * 2 + 2);
    let br = format!("0 {cs} {ce} {}", out.len() - ce);
    out[base + br_at..base + br_at + br.len()].copy_from_slice(br.as_bytes());
    let mut h = Sha256::new();
    h.update(&out[..cs]);
    h.update(&out[ce..]);
    let digest = h.finalize();
    let cms = cms::build(&digest, key)?;
    if cms.len() > capacity {
        return Err(Error::internal(format!(
            "Chữ ký CMS ({} byte) vượt chỗ dành sẵn ({capacity} byte).",
            cms.len()
        )));
    }
    let hex = hex::encode_upper(&cms);
    out[cs + 1..cs + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// Width reserved for the four /ByteRange numbers.
const BYTE_RANGE_WIDTH: usize = 48;

/// SHA-256 of bytes, as lowercase hex (the register stores this).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr as _;

    use super::*;
    use x509_cert::builder::{Builder as _, CertificateBuilder, Profile};

    /// A self-signed EC P-256 certificate with a Vietnamese subject, and its key.
    fn ec_key() -> P12Key {
        use p256::pkcs8::EncodePrivateKey as _;
        let sk = p256::ecdsa::SigningKey::random(&mut rand::thread_rng());
        let spki = spki::SubjectPublicKeyInfoOwned::from_key(*sk.verifying_key()).unwrap();
        let subject =
            x509_cert::name::Name::from_str("CN=Nguyễn Văn Ánh,O=Ủy ban nhân dân xã Hòa Bắc")
                .unwrap();
        let cert = CertificateBuilder::new(
            Profile::Root,
            x509_cert::serial_number::SerialNumber::from(7u32),
            x509_cert::time::Validity::from_now(std::time::Duration::from_secs(86_400)).unwrap(),
            subject,
            spki,
            &sk,
        )
        .unwrap()
        .build::<p256::ecdsa::DerSignature>()
        .unwrap();
        let der = sk.to_pkcs8_der().unwrap();
        P12Key::from_pkcs8(der.as_bytes(), vec![cert], RsaPadding::Pkcs1v15).unwrap()
    }

    fn one_page_pdf() -> Vec<u8> {
        let doc = crate::export::example::decision(2, false);
        crate::export::pdf::render_pdf(&doc).unwrap().bytes
    }

    fn now() -> chrono::DateTime<chrono::FixedOffset> {
        chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap())
    }

    #[test]
    fn signed_file_appends_and_verifies_in_process() {
        let key = ec_key();
        let input = one_page_pdf();
        let out = sign_pdf(&input, &key, &Options::new(Role::Signer, now())).unwrap();
        assert!(out.starts_with(&input));
        let report = verify_pdf(&out, &trust::TrustStore::new(), now()).unwrap();
        assert!(report.ok, "{report:?}");
        let s = &report.signatures[0];
        assert_eq!(s.signer, "Nguyễn Văn Ánh");
        assert_eq!(
            s.organization.as_deref(),
            Some("Ủy ban nhân dân xã Hòa Bắc")
        );
        assert!(s.covers_whole_file && s.certificate_valid && !s.trusted);
        assert_eq!(s.trust, verify::UNKNOWN_TRUST);
        // A self-signed certificate: intact, but amber (issue 14 §5).
        assert_eq!(report.state, verify::State::ValidUntrusted);
        assert_eq!(s.answers.integrity.verdict, verify::Verdict::Good);
        assert_eq!(s.answers.signer.verdict, verify::Verdict::Good);
        assert_eq!(s.answers.trust.verdict, verify::Verdict::Warning);
        assert!(
            s.answers.trust.text.starts_with(
                "Chữ ký đúng nhưng chưa xác định được nguồn tin cậy (chứng thư số tự ký"
            ),
            "{}",
            s.answers.trust.text
        );
        assert!(s.answers.signer.text.contains("nằm trong"), "{s:?}");
        // Trusting the certificate itself turns it green.
        let mut trust = trust::TrustStore::new();
        trust.add(key.chain().to_vec());
        let report = verify_pdf(&out, &trust, now()).unwrap();
        assert_eq!(report.state, verify::State::Valid);
        assert_eq!(
            report.signatures[0].answers.trust.verdict,
            verify::Verdict::Good
        );
    }

    #[test]
    fn a_seal_image_with_the_signer_role_is_refused() {
        let key = ec_key();
        let mut opts = Options::new(Role::Signer, now());
        opts.seal_image = Some(vec![1, 2, 3]);
        let err = sign_pdf(&one_page_pdf(), &key, &opts)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("Ảnh con dấu chỉ dùng khi ký với vai trò cơ quan"),
            "{err}"
        );
    }

    #[test]
    fn unsigned_broken_and_foreign_inputs_get_their_own_state() {
        let empty = trust::TrustStore::new();
        let unsigned = one_page_pdf();
        assert_eq!(
            verify::inspect(&unsigned, &empty, now()).state,
            verify::State::NoSignature
        );
        assert!(verify_pdf(&unsigned, &empty, now()).is_err());
        let r = verify::inspect(b"not a pdf at all", &empty, now());
        assert_eq!(r.state, verify::State::Damaged);
        assert!(r.problem.is_some() && !r.ok);
        let key = ec_key();
        let signed = sign_pdf(&unsigned, &key, &Options::new(Role::Signer, now())).unwrap();
        // Cut inside the signature: damaged, never "no signature".
        let cut = &signed[..signed.len() - 200];
        assert_eq!(
            verify::inspect(cut, &empty, now()).state,
            verify::State::Damaged
        );
    }

    #[test]
    fn cms_has_the_pades_attributes_and_no_signing_time() {
        let key = ec_key();
        let out = sign_pdf(&one_page_pdf(), &key, &Options::new(Role::Signer, now())).unwrap();
        let start = pdf::rfind(&out, b"/Contents <").unwrap() + 11;
        let end = pdf::find_from(&out, b">", start).unwrap();
        let der = hex::decode(&out[start..end]).unwrap();
        let parsed = cms::parse(&der).unwrap();
        assert!(parsed.signing_cert_ok);
        assert!(!parsed.has_signing_time);
        assert!(parsed.message_digest.is_some());
        assert_eq!(parsed.signature_algorithm.oid, cms::ECDSA_SHA256);
        // Names as UTF-16BE with a byte-order mark.
        assert!(pdf::find_from(&out, b"/Name <FEFF", 0).is_some());
    }

    #[test]
    fn a_changed_byte_breaks_the_digest() {
        let key = ec_key();
        let mut out = sign_pdf(&one_page_pdf(), &key, &Options::new(Role::Signer, now())).unwrap();
        out[20] ^= 1;
        let report = verify_pdf(&out, &trust::TrustStore::new(), now()).unwrap();
        assert!(!report.ok);
        assert!(
            report.signatures[0]
                .problem
                .as_deref()
                .unwrap()
                .contains("mã băm không khớp")
        );
    }
}
