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
    /// trusted root signs the current certificate.
    pub fn check(&self, leaf: &Certificate, pool: &[Certificate]) -> Trust {
        let mut current = leaf.clone();
        for _ in 0..12 {
            if self.roots.contains(&current) {
                return Trust::Trusted(super::verify::common_name(&current));
            }
            if let Some(root) = self.roots.iter().find(|r| issued_by(&current, r)) {
                return Trust::Trusted(super::verify::common_name(root));
            }
            let tbs = &current.tbs_certificate;
            if tbs.subject == tbs.issuer {
                return Trust::Unknown;
            }
            match pool.iter().find(|c| issued_by(&current, c)) {
                Some(next) => current = next.clone(),
                None => return Trust::Unknown,
            }
        }
        Trust::Unknown
    }
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
