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
use crate::error::{Error, Result, SignFault};

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
            Error::Sign(SignFault::NoPrivateKey {
                source: format!("Tệp {}", file.display()),
            })
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
    pub fn open(module: &Path, slot: u64, pin: &str) -> Result<Pkcs11Key> {
        use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
        use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass};
        use cryptoki::session::UserType;
        let p11 = |what: &str, e: cryptoki::error::Error| {
            tracing::warn!(error = %e, step = what, "pkcs11");
            Error::Sign(SignFault::Token {
                step: what.to_string(),
            })
        };
        let ctx = Pkcs11::new(module).map_err(|e| {
            tracing::warn!(error = %e, "pkcs11 module");
            Error::Sign(SignFault::ModuleNotLoaded {
                module: module.to_path_buf(),
            })
        })?;
        ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
            .map_err(|e| p11("khởi tạo", e))?;
        let slots = ctx
            .get_slots_with_token()
            .map_err(|e| p11("liệt kê khe", e))?;
        let chosen = slots
            .iter()
            .find(|s| s.id() == slot)
            .or_else(|| usize::try_from(slot).ok().and_then(|i| slots.get(i)))
            .copied()
            .ok_or(Error::Sign(SignFault::NoToken {
                slot,
                found: slots.len(),
            }))?;
        let info = ctx
            .get_token_info(chosen)
            .map_err(|e| p11("đọc thông tin token", e))?;
        if info.user_pin_locked() {
            return Err(Error::Sign(SignFault::TokenLocked));
        }
        if info.user_pin_final_try() {
            return Err(Error::Sign(SignFault::LastPinTry));
        }
        let session = ctx
            .open_ro_session(chosen)
            .map_err(|e| p11("mở phiên", e))?;
        let auth = cryptoki::types::AuthPin::from(pin.to_owned());
        if let Err(e) = session.login(UserType::User, Some(&auth)) {
            use cryptoki::error::RvError;
            return Err(match e {
                cryptoki::error::Error::Pkcs11(RvError::PinIncorrect, _) => {
                    let low = ctx
                        .get_token_info(chosen)
                        .map(|i| i.user_pin_count_low() || i.user_pin_final_try())
                        .unwrap_or(false);
                    Error::Sign(SignFault::WrongPin { tries_low: low })
                }
                cryptoki::error::Error::Pkcs11(RvError::PinLocked, _) => {
                    Error::Sign(SignFault::TokenLocked)
                }
                other => p11("đăng nhập", other),
            });
        }
        let keys = session
            .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY)])
            .map_err(|e| p11("tìm khóa", e))?;
        let cert_handles = session
            .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
            .map_err(|e| p11("tìm chứng thư", e))?;
        let mut certs = Vec::new();
        for h in cert_handles {
            let attrs = session
                .get_attributes(h, &[AttributeType::Value, AttributeType::Id])
                .map_err(|e| p11("đọc chứng thư", e))?;
            let mut value = None;
            let mut id = Vec::new();
            for a in attrs {
                match a {
                    Attribute::Value(v) => value = Some(v),
                    Attribute::Id(i) => id = i,
                    _ => {}
                }
            }
            if let Some(v) = value
                && let Ok(c) = Certificate::from_der(&v)
            {
                certs.push((id, c));
            }
        }
        for key in keys {
            let attrs = session
                .get_attributes(key, &[AttributeType::Id, AttributeType::KeyType])
                .map_err(|e| p11("đọc khóa", e))?;
            let mut id = Vec::new();
            let mut is_ec = false;
            for a in attrs {
                match a {
                    Attribute::Id(i) => id = i,
                    Attribute::KeyType(t) => is_ec = t == KeyType::EC,
                    _ => {}
                }
            }
            let all: Vec<Certificate> = certs.iter().map(|(_, c)| c.clone()).collect();
            if let Some(chain) =
                order_chain(all, |c| certs.iter().any(|(cid, cc)| *cid == id && cc == c))
            {
                return Ok(Pkcs11Key {
                    session: Mutex::new(session),
                    key,
                    is_ec,
                    chain,
                    _ctx: ctx,
                });
            }
        }
        Err(Error::Sign(SignFault::NoPrivateKey {
            source: "USB token (CKA_ID của khóa và chứng thư phải trùng nhau)".into(),
        }))
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
        let session = self.session.lock().map_err(|_| {
            Error::Sign(SignFault::Token {
                step: "phiên làm việc".into(),
            })
        })?;
        let fail = |e: cryptoki::error::Error| {
            tracing::warn!(error = %e, "pkcs11 sign");
            Error::Sign(SignFault::Token { step: "ký".into() })
        };
        if self.is_ec {
            // The token signs the hash and returns r‖s; CMS wants the DER form.
            let hash = Sha256::digest(data);
            let raw = session
                .sign(&Mechanism::Ecdsa, self.key, &hash)
                .map_err(fail)?;
            let sig = p256::ecdsa::Signature::from_slice(&raw).map_err(|e| {
                tracing::warn!(error = %e, "ecdsa from token");
                Error::Sign(SignFault::Token {
                    step: "đọc chữ ký ECDSA".into(),
                })
            })?;
            Ok(sig.to_der().as_bytes().to_vec())
        } else {
            session
                .sign(&Mechanism::Sha256RsaPkcs, self.key, data)
                .map_err(fail)
        }
    }
}
