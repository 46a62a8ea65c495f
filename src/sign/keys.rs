//! Where the private key lives: a PKCS#12 file (.p12/.pfx, read with p12-keystore) or a USB token
//! through PKCS#11 (cryptoki). Both sit behind [`KeySource`], so the CMS code does not care. The
//! password or PIN is passed in by the caller and never stored, logged or written.

use std::path::Path;
use std::sync::Mutex;

use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use super::cms::{ECDSA_SHA256, SHA256_WITH_RSA};
use super::fault::{self, SignFault};
use crate::error::{Error, Result};

/// A signing key with its certificate chain.
pub trait KeySource {
    /// The signer's certificate first, then its issuers.
    fn chain(&self) -> &[Certificate];
    /// The CMS signature algorithm identifier.
    fn algorithm(&self) -> AlgorithmIdentifierOwned;
    /// Signs `data` (hashing it with SHA-256 as part of the algorithm).
    fn sign(&self, data: &[u8]) -> Result<Vec<u8>>;
}

/// RSA padding for RSA keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RsaPadding {
    /// PKCS#1 v1.5 (what most readers expect).
    #[default]
    Pkcs1v15,
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt.
    Pss,
}

enum PrivateKey {
    Rsa(Box<rsa::RsaPrivateKey>, RsaPadding),
    Ec(p256::ecdsa::SigningKey),
}

/// A key and chain read from a PKCS#12 file.
pub struct P12Key {
    key: PrivateKey,
    chain: Vec<Certificate>,
}

fn rsa_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: SHA256_WITH_RSA,
        parameters: Some(der::asn1::Null.into()),
    }
}

fn ec_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: ECDSA_SHA256,
        parameters: None,
    }
}

impl P12Key {
    /// Opens PKCS#12 bytes with a password. `file` names the file in error messages.
    pub fn from_bytes(
        file: &Path,
        data: &[u8],
        password: &str,
        padding: RsaPadding,
    ) -> Result<P12Key> {
        use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
        let ks = KeyStore::from_pkcs12(data, password, Pkcs12ImportPolicy::Strict).map_err(
            |e| match e {
                p12_keystore::error::Error::MacError(_) => Error::Sign(SignFault::WrongPassword {
                    file: file.to_path_buf(),
                }),
                other => {
                    tracing::warn!(error = %other, "pkcs12");
                    Error::Sign(SignFault::UnreadableKeyFile {
                        file: file.to_path_buf(),
                    })
                }
            },
        )?;
        let (_, kc) = ks.private_key_chain().ok_or_else(|| {
            Error::Sign(SignFault::Key(format!(
                "Tệp {} không chứa khóa bí mật kèm chứng thư số.",
                file.display()
            )))
        })?;
        let certs = kc
            .certs()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| {
                tracing::warn!(error = %e, "certificate in pkcs12");
                Error::Sign(SignFault::Key(format!(
                    "Chứng thư số trong {} bị hỏng.",
                    file.display()
                )))
            })?;
        P12Key::from_pkcs8(kc.key().as_der(), certs, padding).map_err(|e| match e {
            Error::Sign(SignFault::Key(reason)) => {
                Error::Sign(SignFault::Key(format!("Tệp {}: {reason}", file.display())))
            }
            other => other,
        })
    }

    /// A software key from its PKCS#8 DER and certificates in any order (the one matching the
    /// key becomes the signer, its issuers follow).
    pub fn from_pkcs8(
        key_der: &[u8],
        certs: Vec<Certificate>,
        padding: RsaPadding,
    ) -> Result<P12Key> {
        use rsa::pkcs8::DecodePrivateKey as _;
        let key = if let Ok(k) = rsa::RsaPrivateKey::from_pkcs8_der(key_der) {
            PrivateKey::Rsa(Box::new(k), padding)
        } else if let Ok(k) = p256::ecdsa::SigningKey::from_pkcs8_der(key_der) {
            PrivateKey::Ec(k)
        } else {
            return Err(Error::Sign(SignFault::Key(
                "loại khóa chưa hỗ trợ (chỉ RSA hoặc ECDSA P-256).".into(),
            )));
        };
        let public = public_key_der(&key)?;
        let chain = order_chain(certs, |c| {
            c.tbs_certificate
                .subject_public_key_info
                .to_der()
                .is_ok_and(|d| d == public)
        })
        .ok_or_else(|| {
            Error::Sign(SignFault::Key(
                "không có chứng thư số khớp với khóa bí mật.".into(),
            ))
        })?;
        Ok(P12Key { key, chain })
    }
}

fn public_key_der(key: &PrivateKey) -> Result<Vec<u8>> {
    use rsa::pkcs8::EncodePublicKey as _;
    let doc = match key {
        PrivateKey::Rsa(k, _) => k.to_public_key().to_public_key_der(),
        PrivateKey::Ec(k) => k.verifying_key().to_public_key_der(),
    };
    doc.map(|d| d.as_bytes().to_vec())
        .map_err(|e| Error::internal(format!("mã hóa khóa công khai: {e}")))
}

/// Puts the certificate matching `is_leaf` first, then follows issuer names.
pub fn order_chain(
    certs: Vec<Certificate>,
    is_leaf: impl Fn(&Certificate) -> bool,
) -> Option<Vec<Certificate>> {
    let leaf = certs.iter().position(is_leaf)?;
    let mut rest = certs;
    let mut chain = vec![rest.remove(leaf)];
    loop {
        let last = &chain[chain.len() - 1].tbs_certificate;
        if last.issuer == last.subject {
            break;
        }
        let Some(i) = rest
            .iter()
            .position(|c| c.tbs_certificate.subject == last.issuer)
        else {
            break;
        };
        chain.push(rest.remove(i));
    }
    Some(chain)
}

impl KeySource for P12Key {
    fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn algorithm(&self) -> AlgorithmIdentifierOwned {
        match &self.key {
            PrivateKey::Rsa(_, RsaPadding::Pkcs1v15) => rsa_alg(),
            PrivateKey::Rsa(_, RsaPadding::Pss) => {
                rsa::pss::get_default_pss_signature_algo_id::<Sha256>()
                    .unwrap_or_else(|_| rsa_alg())
            }
            PrivateKey::Ec(_) => ec_alg(),
        }
    }

    fn sign(&self, data: &[u8]) -> Result<Vec<u8>> {
        use signature::{RandomizedSigner as _, SignatureEncoding as _, Signer as _};
        let fail = |e: signature::Error| Error::internal(format!("ký bằng khóa phần mềm: {e}"));
        Ok(match &self.key {
            PrivateKey::Rsa(k, RsaPadding::Pkcs1v15) => {
                rsa::pkcs1v15::SigningKey::<Sha256>::new((**k).clone())
                    .try_sign(data)
                    .map_err(fail)?
                    .to_vec()
            }
            PrivateKey::Rsa(k, RsaPadding::Pss) => {
                rsa::pss::BlindedSigningKey::<Sha256>::new((**k).clone())
                    .try_sign_with_rng(&mut rand::thread_rng(), data)
                    .map_err(fail)?
                    .to_vec()
            }
            PrivateKey::Ec(k) => {
                let sig: p256::ecdsa::Signature = k.try_sign(data).map_err(fail)?;
                sig.to_der().to_vec()
            }
        })
    }
}

/// A key on a PKCS#11 token (logged-in session kept open while signing).
pub struct Pkcs11Key {
    session: Mutex<cryptoki::session::Session>,
    key: cryptoki::object::ObjectHandle,
    is_ec: bool,
    chain: Vec<Certificate>,
    // Keeps the library loaded while the session lives.
    _ctx: cryptoki::context::Pkcs11,
}

impl Pkcs11Key {
    /// Opens `module`, picks the slot (by slot id, else by index), respects the token's PIN
    /// counters, logs in with `pin` and finds the first private key with a matching certificate.
    pub fn open(module: &Path, slot: u64, pin: &str, now: i64) -> Result<Pkcs11Key> {
        Ok(Pkcs11Key::open_certificate(module, slot, None, pin, now)?)
    }

    /// Like [`Pkcs11Key::open`], for the certificate with CKA_ID `certificate` (hex, as listed by
    /// [`super::tokens::list`]) when given. Each failure has its own [`SignFault`]; a certificate
    /// that is expired or not yet valid is refused before anything is signed.
    pub fn open_certificate(
        module: &Path,
        slot: u64,
        certificate: Option<&str>,
        pin: &str,
        now: i64,
    ) -> std::result::Result<Pkcs11Key, SignFault> {
        use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass};
        use cryptoki::session::UserType;
        let ctx = super::tokens::load(module)?;
        let slots = ctx
            .get_slots_with_token()
            .map_err(|e| fault::from_pkcs11(&e, "liệt kê khe cắm token", false))?;
        if slots.is_empty() {
            return Err(SignFault::NoToken {
                module: module.to_owned(),
            });
        }
        let chosen = slots
            .iter()
            .find(|s| s.id() == slot)
            .or_else(|| usize::try_from(slot).ok().and_then(|i| slots.get(i)))
            .copied()
            .ok_or(SignFault::TokenGone)?;
        let info = ctx
            .get_token_info(chosen)
            .map_err(|e| fault::from_pkcs11(&e, "đọc thông tin token", false))?;
        if let Some(f) = fault::from_flags(info.user_pin_locked(), info.user_pin_final_try()) {
            return Err(f);
        }
        let session = ctx
            .open_ro_session(chosen)
            .map_err(|e| fault::from_pkcs11(&e, "mở phiên làm việc với token", false))?;
        let auth = cryptoki::types::AuthPin::from(pin.to_owned());
        if let Err(e) = session.login(UserType::User, Some(&auth)) {
            let few_left = ctx
                .get_token_info(chosen)
                .map(|i| i.user_pin_count_low() || i.user_pin_final_try())
                .unwrap_or(false);
            return Err(fault::from_pkcs11(&e, "đăng nhập", few_left));
        }
        let certs = super::tokens::certificates(&session)?;
        if certs.is_empty() {
            return Err(SignFault::NoCertificate);
        }
        let wanted = certificate.and_then(|h| hex::decode(h).ok());
        let keys = session
            .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY)])
            .map_err(|e| fault::from_pkcs11(&e, "tìm khóa bí mật", false))?;
        for key in keys {
            let attrs = session
                .get_attributes(key, &[AttributeType::Id, AttributeType::KeyType])
                .map_err(|e| fault::from_pkcs11(&e, "đọc khóa bí mật", false))?;
            let mut id = Vec::new();
            let mut is_ec = false;
            for a in attrs {
                match a {
                    Attribute::Id(i) => id = i,
                    Attribute::KeyType(t) => is_ec = t == KeyType::EC,
                    _ => {}
                }
            }
            if wanted.as_ref().is_some_and(|w| *w != id) {
                continue;
            }
            let all: Vec<Certificate> = certs.iter().map(|(_, c)| c.clone()).collect();
            let Some(chain) =
                order_chain(all, |c| certs.iter().any(|(cid, cc)| *cid == id && cc == c))
            else {
                continue;
            };
            check_at(&chain[0], now)?;
            return Ok(Pkcs11Key {
                session: Mutex::new(session),
                key,
                is_ec,
                chain,
                _ctx: ctx,
            });
        }
        Err(SignFault::NoPrivateKey)
    }
}

/// Refuses a certificate that is not valid at `now` (Unix seconds, the caller's clock).
fn check_at(cert: &Certificate, now: i64) -> std::result::Result<(), SignFault> {
    let d = super::tokens::describe(&[], cert, now);
    if d.expired {
        Err(SignFault::CertificateExpired {
            name: d.name,
            not_after: d.not_after,
        })
    } else if d.not_yet_valid {
        Err(SignFault::CertificateNotYetValid {
            name: d.name,
            not_before: d.not_before,
        })
    } else {
        Ok(())
    }
}

impl KeySource for Pkcs11Key {
    fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn algorithm(&self) -> AlgorithmIdentifierOwned {
        if self.is_ec { ec_alg() } else { rsa_alg() }
    }

    fn sign(&self, data: &[u8]) -> Result<Vec<u8>> {
        use cryptoki::mechanism::Mechanism;
        let session = self
            .session
            .lock()
            .map_err(|_| Error::internal("phiên USB token bị khóa sau một lỗi"))?;
        let fail = |e: cryptoki::error::Error| {
            tracing::warn!(error = %e, "pkcs11 sign");
            Error::Sign(fault::from_pkcs11(&e, "ký", false))
        };
        if self.is_ec {
            // The token signs the hash and returns r‖s; CMS wants the DER form.
            let hash = Sha256::digest(data);
            let raw = session
                .sign(&Mechanism::Ecdsa, self.key, &hash)
                .map_err(fail)?;
            let sig = p256::ecdsa::Signature::from_slice(&raw)
                .map_err(|e| Error::internal(format!("chữ ký ECDSA từ token: {e}")))?;
            Ok(sig.to_der().as_bytes().to_vec())
        } else {
            session
                .sign(&Mechanism::Sha256RsaPkcs, self.key, data)
                .map_err(fail)
        }
    }
}
