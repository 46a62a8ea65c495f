//! Signing and verification speed (issue 5): a 3-page decision from the renderer signed with an
//! RSA-2048 key already loaded (target < 30 ms), and verified (target < 20 ms), also with a
//! second signature whose earlier revision is compared object by object.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a failed setup should stop the benchmark"
)]

use std::str::FromStr as _;
use std::sync::LazyLock;

use cnscd::sign::{Options, P12Key, Role, RsaPadding, sign_pdf, trust::TrustStore, verify_pdf};
use x509_cert::builder::{Builder as _, CertificateBuilder, Profile};

fn main() {
    divan::main();
}

/// An RSA-2048 key with a self-signed certificate.
static KEY: LazyLock<P12Key> = LazyLock::new(|| {
    use rsa::pkcs8::EncodePrivateKey as _;
    let key = rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("rsa key");
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone());
    let spki = spki::SubjectPublicKeyInfoOwned::from_key(key.to_public_key()).expect("spki");
    let cert = CertificateBuilder::new(
        Profile::Root,
        x509_cert::serial_number::SerialNumber::from(1u32),
        x509_cert::time::Validity::from_now(std::time::Duration::from_secs(86_400))
            .expect("validity"),
        x509_cert::name::Name::from_str("CN=Nguyễn Văn Ánh,O=Ủy ban nhân dân xã Hòa Bắc")
            .expect("name"),
        spki,
        &signer,
    )
    .expect("builder")
    .build::<rsa::pkcs1v15::Signature>()
    .expect("certificate");
    let der = key.to_pkcs8_der().expect("pkcs8");
    P12Key::from_pkcs8(der.as_bytes(), vec![cert], RsaPadding::Pkcs1v15).expect("key")
});

/// A 3-page decision (body + roster appendix) from the renderer.
static DOC: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (2..400)
        .map(|n| {
            cnscd::export::pdf::render_pdf(&cnscd::export::example::decision(n, false))
                .expect("render")
        })
        .find(|r| r.pages == 3)
        .expect("a 3-page decision")
        .bytes
});

fn options() -> Options {
    let tz = chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00");
    Options::new(Role::Signer, chrono::Utc::now().with_timezone(&tz))
}

#[divan::bench]
fn sign_3_pages_rsa2048(bencher: divan::Bencher<'_, '_>) {
    let (key, doc) = (&*KEY, &*DOC);
    bencher.bench(|| sign_pdf(doc, key, &options()).expect("sign"));
}

#[divan::bench]
fn verify_3_pages(bencher: divan::Bencher<'_, '_>) {
    let signed = sign_pdf(&DOC, &*KEY, &options()).expect("sign");
    let trust = TrustStore::new();
    bencher.bench(|| {
        let r = verify_pdf(&signed, &trust, chrono::Utc::now().fixed_offset()).expect("verify");
        assert!(r.ok);
    });
}

/// Two signatures: the first one's later changes are analysed object by object.
#[divan::bench]
fn verify_3_pages_two_signatures(bencher: divan::Bencher<'_, '_>) {
    let once = sign_pdf(&DOC, &*KEY, &options()).expect("sign");
    let twice = sign_pdf(&once, &*KEY, &options()).expect("sign again");
    let trust = TrustStore::new();
    bencher.bench(|| {
        let r = verify_pdf(&twice, &trust, chrono::Utc::now().fixed_offset()).expect("verify");
        assert!(r.ok && r.signatures.len() == 2);
    });
}
