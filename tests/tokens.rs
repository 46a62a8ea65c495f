//! Token discovery and the causes of token failures, with SoftHSM2 tokens made here: the module
//! is found where Debian installs it, each token is listed with its certificates by name and
//! validity, and a wrong PIN, an expired certificate and a token without a private key each give
//! their own cause. The library reads `SOFTHSM2_CONF` when it loads the module, so the checks run
//! in a child process started with that variable (the test crate forbids `unsafe` `set_var`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Env, require_tool};
use crate::signing::{Pki, fixture_pdf, must, tool};

pub(crate) const PIN: &str = "123456";

pub(crate) fn hsm_conf(env: &Env) -> PathBuf {
    let tokens = env.path("tokens");
    std::fs::create_dir_all(&tokens).unwrap();
    let conf = env.path("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\n",
            tokens.display()
        ),
    )
    .unwrap();
    conf
}

fn module_path() -> &'static str {
    [
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    ]
    .into_iter()
    .find(|p| Path::new(p).exists())
    .expect("libsofthsm2.so")
}

/// A token `label` holding `objects` (type, PEM/key file in the PKI, CKA_ID).
pub(crate) fn token(conf: &Path, pki: &Pki, label: &str, objects: &[(&str, &str, &str)]) {
    let hsm = [("SOFTHSM2_CONF", conf.to_str().unwrap())];
    let (ok, out) = tool(
        "softhsm2-util",
        &[
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            PIN,
            "--so-pin",
            "12345678",
        ],
        &hsm,
    );
    assert!(ok, "{out}");
    for (ty, name, id) in objects {
        let der = pki.path(&format!("{name}.{ty}.der"));
        if *ty == "privkey" {
            must(
                "openssl",
                &[
                    "pkcs8",
                    "-topk8",
                    "-nocrypt",
                    "-in",
                    &pki.path(&format!("{name}.key")),
                    "-outform",
                    "DER",
                    "-out",
                    &der,
                ],
            );
        } else {
            must(
                "openssl",
                &[
                    "x509",
                    "-in",
                    &pki.path(&format!("{name}.pem")),
                    "-outform",
                    "DER",
                    "-out",
                    &der,
                ],
            );
        }
        let (ok, out) = tool(
            "pkcs11-tool",
            &[
                "--module",
                module_path(),
                "--login",
                "--pin",
                PIN,
                "--token-label",
                label,
                "--write-object",
                &der,
                "--type",
                ty,
                "--id",
                id,
                "--label",
                name,
            ],
            &hsm,
        );
        assert!(ok, "{out}");
    }
}

#[test]
fn softhsm_tokens_are_found_listed_by_certificate_and_fail_for_distinct_causes() {
    if !require_tool("softhsm2-util") || !require_tool("pkcs11-tool") {
        return;
    }
    let env = Env::new();
    let pki = Pki::new(env.dir.path());
    let conf = hsm_conf(&env);
    token(
        &conf,
        &pki,
        "cnscd",
        &[
            ("privkey", "signer", "01"),
            ("cert", "signer", "01"),
            ("cert", "inter", "02"),
        ],
    );
    token(
        &conf,
        &pki,
        "het-han",
        &[("privkey", "expired", "03"), ("cert", "expired", "03")],
    );
    token(&conf, &pki, "khong-khoa", &[("cert", "org", "04")]);
    std::fs::write(env.path("in.pdf"), fixture_pdf(1, None)).unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "tokens::token_checks_in_child",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("SOFTHSM2_CONF", &conf)
        .env("CNSCD_TOKEN_CHILD", env.dir.path())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("1 passed"),
        "the child did not run its checks:\n{text}"
    );
    assert!(
        text.contains(
            "token cnscd (SoftHSM2) — Nguyễn Văn Ánh (Ủy ban nhân dân xã Hòa Bắc), hết hạn"
        ),
        "{text}"
    );
}

/// The checks, run only as the child of the test above (it sets `CNSCD_TOKEN_CHILD`).
#[test]
fn token_checks_in_child() {
    use cnscd::sign::{Options, Pkcs11Key, Role, SignFault, tokens};
    let Some(dir) = std::env::var_os("CNSCD_TOKEN_CHILD").map(PathBuf::from) else {
        return;
    };
    // Found where the Debian package installs it, without being told.
    let modules = tokens::discover(&[]);
    let module = modules
        .iter()
        .find(|m| m.vendor == "SoftHSM2")
        .unwrap_or_else(|| panic!("SoftHSM2 not discovered: {modules:?}"))
        .clone();
    let scan = tokens::scan_modules(vec![module.clone()], chrono::Utc::now().timestamp());
    assert!(scan.problems.is_empty(), "{:?}", scan.problems);
    let mut labels: Vec<&str> = scan.tokens.iter().map(|t| t.label.as_str()).collect();
    labels.sort_unstable();
    assert_eq!(labels, ["cnscd", "het-han", "khong-khoa"]);
    let by_label = |l: &str| scan.tokens.iter().find(|t| t.label == l).unwrap();
    for t in &scan.tokens {
        for c in t.choices() {
            println!("{c}");
        }
    }
    let cnscd = by_label("cnscd");
    // The CA certificate beside the signer's is not offered.
    assert_eq!(cnscd.certificates.len(), 1, "{:?}", cnscd.certificates);
    let cert = &cnscd.certificates[0];
    assert_eq!(cert.name, "Nguyễn Văn Ánh");
    assert!(!cert.expired);
    let expired = by_label("het-han");
    assert!(expired.certificates[0].expired);
    assert!(expired.choices()[0].contains("Lê Văn Hết Hạn, đã hết hạn 01/2021"));

    let open = |slot: u64, id: Option<&str>, pin: &str| {
        Pkcs11Key::open_certificate(&module.path, slot, id, pin, chrono::Utc::now().timestamp())
    };
    assert_eq!(
        open(cnscd.slot, Some(&cert.id), "000000").err(),
        // SoftHSM2 raises "PIN count low" after a wrong PIN (it never locks), so the warning shows.
        Some(SignFault::WrongPin { few_left: true })
    );
    assert!(matches!(
        open(expired.slot, None, PIN).err(),
        Some(SignFault::CertificateExpired { ref not_after, .. }) if not_after == "01/01/2021"
    ));
    assert_eq!(
        open(by_label("khong-khoa").slot, None, PIN).err(),
        Some(SignFault::NoPrivateKey)
    );
    // The chosen certificate signs.
    let key = open(cnscd.slot, Some(&cert.id), PIN).unwrap();
    let time = chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap());
    let input = std::fs::read(dir.join("in.pdf")).unwrap();
    let signed = cnscd::sign::sign_pdf(&input, &key, &Options::new(Role::Signer, time)).unwrap();
    let report = cnscd::sign::verify::inspect(
        &signed,
        &cnscd::sign::trust::TrustStore::new(),
        chrono::Utc::now().fixed_offset(),
    );
    assert_eq!(report.signatures[0].signer, "Nguyễn Văn Ánh");
    assert!(report.signatures[0].intact, "{report:?}");
}
