//! CMS SignedData for PAdES baseline B-B: detached (no encapsulated content), SHA-256, the signed
//! attributes content-type, message-digest and signing-certificate-v2 (ESSCertIDv2) and no
//! signing-time (PAdES puts the time in `/M`). The structures come from the `cms`/`x509-cert`
//! crates and the maths from `rsa`/`p256`/`sha2`; this module only assembles and checks them.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedAttributes, SignedData, SignerIdentifier,
    SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::Certificate;
use x509_cert::attr::{Attribute, AttributeValue};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;

use super::keys::KeySource;
use crate::error::{Error, Result, SignFault};

/// id-data.
pub const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
/// id-signedData.
pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// id-contentType.
pub const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
/// id-messageDigest.
pub const ID_MESSAGE_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
/// id-signingTime (must not appear in PAdES B-B).
pub const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
/// id-aa-signingCertificateV2.
pub const ID_SIGNING_CERT_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// id-sha256.
pub const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// id-sha384.
pub const ID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
/// id-sha512.
pub const ID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
/// sha384WithRSAEncryption.
pub const SHA384_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
/// sha512WithRSAEncryption.
pub const SHA512_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
/// rsaEncryption.
pub const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// sha256WithRSAEncryption.
pub const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
/// id-RSASSA-PSS.
pub const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// ecdsa-with-SHA256.
pub const ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// id-ecPublicKey.
pub const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// ESSCertIDv2 with the default hash (SHA-256), so `hashAlgorithm` is omitted (RFC 5035).
#[derive(Clone, Debug, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: Option<IssuerSerial>,
}

#[derive(Clone, Debug, Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

#[derive(Clone, Debug, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn der_err(e: der::Error) -> Error {
    Error::internal(format!("mã hóa ASN.1 khi tạo chữ ký: {e}"))
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: ID_SHA256,
        parameters: None,
    }
}

fn attribute(oid: ObjectIdentifier, value: &impl Encode) -> Result<Attribute> {
    let der = value.to_der().map_err(der_err)?;
    let value = AttributeValue::from_der(&der).map_err(der_err)?;
    let mut values = SetOfVec::new();
    values.insert(value).map_err(der_err)?;
    Ok(Attribute { oid, values })
}

/// The DER of the signed attributes (a SET, as signed) for a document digest and signer.
pub fn signed_attributes(digest: &[u8], signer: &Certificate) -> Result<SignedAttributes> {
    let cert_der = signer.to_der().map_err(der_err)?;
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(&cert_der).to_vec()).map_err(der_err)?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    signer.tbs_certificate.issuer.clone(),
                )],
                serial_number: signer.tbs_certificate.serial_number.clone(),
            }),
        }],
    };
    let attrs = vec![
        attribute(ID_CONTENT_TYPE, &ID_DATA)?,
        attribute(
            ID_MESSAGE_DIGEST,
            &OctetString::new(digest.to_vec()).map_err(der_err)?,
        )?,
        attribute(ID_SIGNING_CERT_V2, &ess)?,
    ];
    SetOfVec::try_from(attrs).map_err(der_err)
}

/// Builds the detached CMS SignedData (as a ContentInfo, DER) over a SHA-256 `digest`.
pub fn build(digest: &[u8], key: &dyn KeySource) -> Result<Vec<u8>> {
    let chain = key.chain();
    let signer = chain
        .first()
        .ok_or_else(|| Error::Sign(SignFault::Key("Khóa ký không kèm chứng thư số.".into())))?;
    let attrs = signed_attributes(digest, signer)?;
    let attrs_der = attrs.to_der().map_err(der_err)?;
    let signature = key.sign(&attrs_der)?;
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: signer.tbs_certificate.issuer.clone(),
            serial_number: signer.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256_alg(),
        signed_attrs: Some(attrs),
        signature_algorithm: key.algorithm(),
        signature: OctetString::new(signature).map_err(der_err)?,
        unsigned_attrs: None,
    };
    let certs: Vec<CertificateChoices> = chain
        .iter()
        .cloned()
        .map(CertificateChoices::Certificate)
        .collect();
    let mut digests = SetOfVec::new();
    digests.insert(sha256_alg()).map_err(der_err)?;
    let mut infos = SetOfVec::new();
    infos.insert(signer_info).map_err(der_err)?;
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: digests,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet::try_from(certs).map_err(der_err)?),
        crls: None,
        signer_infos: SignerInfos(infos),
    };
    let ci = ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed).map_err(der_err)?,
    };
    ci.to_der().map_err(der_err)
}

/// What a CMS signature says, read back for verification.
pub struct Parsed {
    /// All certificates carried in the CMS.
    pub certs: Vec<Certificate>,
    /// The signer's certificate (matched by issuer and serial number).
    pub signer: Option<Certificate>,
    /// The message-digest attribute.
    pub message_digest: Option<Vec<u8>>,
    /// The digest algorithm of the signer.
    pub digest_alg: ObjectIdentifier,
    /// DER of the signed attributes as signed (SET OF).
    pub signed_attrs_der: Vec<u8>,
    /// Whether a signing-certificate-v2 attribute is present and names the signer.
    pub signing_cert_ok: bool,
    /// Whether a signing-time attribute is present (not allowed in PAdES B-B).
    pub has_signing_time: bool,
    /// The signing-time attribute's value (other tools' CMS signatures carry one).
    pub signing_time: Option<chrono::DateTime<chrono::Utc>>,
    /// The encapsulated content (a document timestamp's TSTInfo), when not detached.
    pub econtent: Option<Vec<u8>>,
    /// Signature algorithm.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    /// Signature value.
    pub signature: Vec<u8>,
}

/// Parses a CMS ContentInfo/SignedData (trailing zero padding from `/Contents` is ignored).
pub fn parse(der_bytes: &[u8]) -> Result<Parsed> {
    let bad = |why: String| {
        tracing::warn!(why, "cms");
        Error::Pdf("Chữ ký CMS trong tệp PDF không đọc được.".into())
    };
    // /Contents is zero-padded: decode only the outer TLV.
    let mut reader = der::SliceReader::new(der_bytes).map_err(|e| bad(e.to_string()))?;
    let len = der::Header::decode(&mut reader)
        .ok()
        .and_then(|h| {
            let hl = u32::from(h.encoded_len().ok()?) as usize;
            Some(hl + u32::from(h.length) as usize)
        })
        .ok_or_else(|| bad("không phải DER".into()))?;
    let ci = ContentInfo::from_der(der_bytes.get(..len).ok_or_else(|| bad("bị cắt".into()))?)
        .map_err(|e| bad(e.to_string()))?;
    if ci.content_type != ID_SIGNED_DATA {
        return Err(bad("không phải SignedData".into()));
    }
    let sd: SignedData = ci.content.decode_as().map_err(|e| bad(e.to_string()))?;
    let certs: Vec<Certificate> = sd
        .certificates
        .as_ref()
        .map(|c| {
            c.0.iter()
                .filter_map(|cc| match cc {
                    CertificateChoices::Certificate(c) => Some(c.clone()),
                    CertificateChoices::Other(_) => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let si = sd
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or_else(|| bad("không có SignerInfo".into()))?;
    let signer = match &si.sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => certs
            .iter()
            .find(|c| {
                c.tbs_certificate.issuer == ias.issuer
                    && c.tbs_certificate.serial_number == ias.serial_number
            })
            .cloned(),
        SignerIdentifier::SubjectKeyIdentifier(_) => certs.first().cloned(),
    };
    let attrs = si
        .signed_attrs
        .as_ref()
        .ok_or_else(|| bad("thiếu thuộc tính ký (signed attributes)".into()))?;
    let mut message_digest = None;
    let mut signing_cert_ok = false;
    let mut has_signing_time = false;
    let mut signing_time = None;
    for a in attrs.iter() {
        let Some(v) = a.values.iter().next() else {
            continue;
        };
        if a.oid == ID_MESSAGE_DIGEST {
            message_digest = v
                .decode_as::<OctetString>()
                .ok()
                .map(|o| o.as_bytes().to_vec());
        } else if a.oid == ID_SIGNING_TIME {
            has_signing_time = true;
            signing_time = v
                .to_der()
                .ok()
                .and_then(|d| x509_cert::time::Time::from_der(&d).ok())
                .and_then(|t| {
                    chrono::DateTime::from_timestamp(t.to_unix_duration().as_secs() as i64, 0)
                });
        } else if a.oid == ID_SIGNING_CERT_V2
            && let (Ok(scv2), Some(signer)) = (v.decode_as::<SigningCertificateV2>(), &signer)
            && let Ok(der) = signer.to_der()
        {
            let h = Sha256::digest(&der);
            signing_cert_ok = scv2
                .certs
                .first()
                .is_some_and(|id| id.cert_hash.as_bytes() == &h[..]);
        }
    }
    let econtent = sd
        .encap_content_info
        .econtent
        .as_ref()
        .and_then(|c| c.decode_as::<OctetString>().ok())
        .map(|o| o.as_bytes().to_vec());
    Ok(Parsed {
        certs,
        signer,
        message_digest,
        signing_time,
        econtent,
        digest_alg: si.digest_alg.oid,
        signed_attrs_der: attrs.to_der().map_err(|e| bad(e.to_string()))?,
        signing_cert_ok,
        has_signing_time,
        signature_algorithm: si.signature_algorithm.clone(),
        signature: si.signature.as_bytes().to_vec(),
    })
}

/// Digest of `data` with the algorithm `oid` (SHA-256, -384 or -512).
pub fn digest(oid: ObjectIdentifier, data: &[&[u8]]) -> Option<Vec<u8>> {
    fn run<D: Digest>(data: &[&[u8]]) -> Vec<u8> {
        let mut h = D::new();
        data.iter().for_each(|d| h.update(d));
        h.finalize().to_vec()
    }
    match oid {
        o if o == ID_SHA256 => Some(run::<Sha256>(data)),
        o if o == ID_SHA384 => Some(run::<sha2::Sha384>(data)),
        o if o == ID_SHA512 => Some(run::<sha2::Sha512>(data)),
        _ => None,
    }
}

/// Checks `signature` over `data` (hashed with SHA-256) with a public key, for the algorithms this
/// app signs with: RSA PKCS#1 v1.5, RSA-PSS and ECDSA P-256. Returns false on any mismatch.
pub fn verify_signature(
    spki: &SubjectPublicKeyInfoOwned,
    alg: &AlgorithmIdentifierOwned,
    data: &[u8],
    signature: &[u8],
) -> bool {
    verify_signature_with(spki, alg, ID_SHA256, data, signature)
}

/// Like [`verify_signature`], also for RSA with SHA-384/512 (named by the algorithm, or by
/// `digest_alg` when the algorithm is plain rsaEncryption, as many CMS producers write it).
pub fn verify_signature_with(
    spki: &SubjectPublicKeyInfoOwned,
    alg: &AlgorithmIdentifierOwned,
    digest_alg: ObjectIdentifier,
    data: &[u8],
    signature: &[u8],
) -> bool {
    use rsa::pkcs8::DecodePublicKey as _;
    use signature::Verifier as _;
    let Ok(spki_der) = spki.to_der() else {
        return false;
    };
    let rsa_hash = match alg.oid {
        o if o == SHA256_WITH_RSA => Some(ID_SHA256),
        o if o == SHA384_WITH_RSA => Some(ID_SHA384),
        o if o == SHA512_WITH_RSA => Some(ID_SHA512),
        o if o == RSA_ENCRYPTION => Some(digest_alg),
        _ => None,
    };
    if let Some(hash) = rsa_hash {
        let Ok(pk) = rsa::RsaPublicKey::from_public_key_der(&spki_der) else {
            return false;
        };
        let Ok(sig) = rsa::pkcs1v15::Signature::try_from(signature) else {
            return false;
        };
        return match hash {
            h if h == ID_SHA256 => rsa::pkcs1v15::VerifyingKey::<Sha256>::new(pk)
                .verify(data, &sig)
                .is_ok(),
            h if h == ID_SHA384 => rsa::pkcs1v15::VerifyingKey::<sha2::Sha384>::new(pk)
                .verify(data, &sig)
                .is_ok(),
            h if h == ID_SHA512 => rsa::pkcs1v15::VerifyingKey::<sha2::Sha512>::new(pk)
                .verify(data, &sig)
                .is_ok(),
            _ => false,
        };
    }
    match alg.oid {
        o if o == RSASSA_PSS => {
            let Ok(pk) = rsa::RsaPublicKey::from_public_key_der(&spki_der) else {
                return false;
            };
            let hashed = Sha256::digest(data);
            pk.verify(rsa::Pss::new::<Sha256>(), &hashed, signature)
                .is_ok()
        }
        o if o == ECDSA_SHA256 || o == EC_PUBLIC_KEY && digest_alg == ID_SHA256 => {
            let Ok(vk) = p256::ecdsa::VerifyingKey::from_public_key_der(&spki_der) else {
                return false;
            };
            let Ok(sig) = p256::ecdsa::Signature::from_der(signature) else {
                return false;
            };
            vk.verify(data, &sig).is_ok()
        }
        _ => false,
    }
}
