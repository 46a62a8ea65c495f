//! The office's trust store (root certificates such as the national NEAC/VGCA roots, added as
//! files) and the chain check from a signer's certificate up to one of them.

use der::{Decode, Encode};
use x509_cert::Certificate;

use super::cms::verify_signature;
use crate::error::{Error, Field, Result};

/// Trusted root certificates.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    roots: Vec<Certificate>,
}

/// Where a chain ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// Chains up to this trusted root (its subject CN).
    Trusted(String),
    /// No path to a trusted root.
    Unknown,
}

/// Reads certificates from PEM (one or more blocks) or DER bytes. `what` names the file.
pub fn load_certs(bytes: &[u8], what: &str) -> Result<Vec<Certificate>> {
    let bad = |e: String| {
        tracing::warn!(error = e, "certificate");
        Error::bad_value(
            Field::Input,
            what,
            "không đọc được như một chứng thư số (PEM hoặc DER)",
        )
    };
    if bytes.windows(11).any(|w| w == b"-----BEGIN ") {
        Certificate::load_pem_chain(bytes).map_err(|e| bad(e.to_string()))
    } else {
        Certificate::from_der(bytes)
            .map(|c| vec![c])
            .map_err(|e| bad(e.to_string()))
    }
}

impl TrustStore {
    /// An empty store.
    pub fn new() -> TrustStore {
        TrustStore::default()
    }

    /// Adds root certificates.
    pub fn add(&mut self, certs: impl IntoIterator<Item = Certificate>) {
        self.roots.extend(certs);
    }

    /// Number of roots.
    pub fn len(&self) -> usize {
        self.roots.len()
    }

    /// Whether the store is empty.
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// Follows issuers from `leaf` through `pool` (certificates carried in the signature) until a
    /// trusted root signs the current certificate. Only certificates marked as a CA may issue: a
    /// signer's own certificate cannot vouch for another one it signed.
    pub fn check(&self, leaf: &Certificate, pool: &[Certificate]) -> Trust {
        let mut current = leaf.clone();
        for _ in 0..12 {
            if self.roots.contains(&current) {
                return Trust::Trusted(super::verify::common_name(&current));
            }
            // A root the office put in its trust folder may predate basicConstraints (X.509 v1).
            if let Some(root) = self
                .roots
                .iter()
                .find(|r| issued_by(&current, r) && may_issue(r, true))
            {
                return Trust::Trusted(super::verify::common_name(root));
            }
            let tbs = &current.tbs_certificate;
            if tbs.subject == tbs.issuer {
                return Trust::Unknown;
            }
            match pool
                .iter()
                .find(|c| issued_by(&current, c) && may_issue(c, false))
            {
                Some(next) => current = next.clone(),
                None => return Trust::Unknown,
            }
        }
        Trust::Unknown
    }
}

/// Whether `c` may issue certificates (RFC 5280 §4.2.1.9 and §4.2.1.3): basicConstraints with
/// cA true (or, for a trusted root, no basicConstraints at all) and, when keyUsage is present,
/// keyCertSign.
fn may_issue(c: &Certificate, root: bool) -> bool {
    use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};
    let ca = match c.tbs_certificate.get::<BasicConstraints>() {
        Ok(Some((_, bc))) => bc.ca,
        Ok(None) => root,
        Err(_) => false,
    };
    let signs = match c.tbs_certificate.get::<KeyUsage>() {
        Ok(Some((_, ku))) => ku.0.contains(KeyUsages::KeyCertSign),
        Ok(None) => true,
        Err(_) => false,
    };
    ca && signs
}

/// Whether `issuer` issued and signed `cert`.
pub fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate.issuer != issuer.tbs_certificate.subject {
        return false;
    }
    let Ok(tbs) = cert.tbs_certificate.to_der() else {
        return false;
    };
    let Some(sig) = cert.signature.as_bytes() else {
        return false;
    };
    verify_signature(
        &issuer.tbs_certificate.subject_public_key_info,
        &cert.signature_algorithm,
        &tbs,
        sig,
    )
}

#[cfg(test)]
mod tests {
    use std::str::FromStr as _;

    use super::*;
    use x509_cert::builder::{Builder as _, CertificateBuilder, Profile};
    use x509_cert::name::Name;

    fn cert(
        profile: Profile,
        subject: &str,
        key: &p256::ecdsa::SigningKey,
        signer: &p256::ecdsa::SigningKey,
        serial: u32,
    ) -> Certificate {
        let spki = spki::SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).unwrap();
        CertificateBuilder::new(
            profile,
            x509_cert::serial_number::SerialNumber::from(serial),
            x509_cert::time::Validity::from_now(std::time::Duration::from_secs(86_400)).unwrap(),
            Name::from_str(subject).unwrap(),
            spki,
            signer,
        )
        .unwrap()
        .build::<p256::ecdsa::DerSignature>()
        .unwrap()
    }

    #[test]
    fn only_certification_authorities_extend_a_chain() {
        let rng = &mut rand::thread_rng();
        let (root_k, sub_k, leaf_k, fake_k) = (
            p256::ecdsa::SigningKey::random(rng),
            p256::ecdsa::SigningKey::random(rng),
            p256::ecdsa::SigningKey::random(rng),
            p256::ecdsa::SigningKey::random(rng),
        );
        let root = cert(Profile::Root, "CN=Gốc", &root_k, &root_k, 1);
        let sub = cert(
            Profile::SubCA {
                issuer: Name::from_str("CN=Gốc").unwrap(),
                path_len_constraint: None,
            },
            "CN=Trung gian",
            &sub_k,
            &root_k,
            2,
        );
        let leaf_of = |issuer: &str, subject: &str, key, signer, serial| {
            cert(
                Profile::Leaf {
                    issuer: Name::from_str(issuer).unwrap(),
                    enable_key_agreement: false,
                    enable_key_encipherment: false,
                },
                subject,
                key,
                signer,
                serial,
            )
        };
        let leaf = leaf_of("CN=Trung gian", "CN=Người ký", &leaf_k, &sub_k, 3);
        // A certificate made by the signer's own (non-CA) key, naming the signer as issuer.
        let fake = leaf_of("CN=Người ký", "CN=Giả mạo", &fake_k, &leaf_k, 4);
        let mut store = TrustStore::new();
        store.add([root]);
        let pool = [sub.clone(), leaf.clone()];
        assert_eq!(store.check(&leaf, &pool), Trust::Trusted("Gốc".into()));
        assert_eq!(store.check(&fake, &pool), Trust::Unknown);
        assert_eq!(store.check(&leaf, &[]), Trust::Unknown);
    }
}
