//! Finding the clerk's USB token without asking for a `.dll` path and a slot number: the PKCS#11
//! modules (token drivers) of the Vietnamese certification authorities are looked for where their
//! installers put them on Windows and Linux, plus any module the clerk added once; each module is
//! opened and every inserted token is listed with the certificates on it (name, organisation,
//! validity), so the window can offer «token X — Nguyễn Văn A (UBND xã …), hết hạn 12/2027».
//!
//! Where the names come from (public sources, November 2025):
//! - VGCA (Ban Cơ yếu Chính phủ) issues SafeNet eToken and Bit4id tokens: the province of Tuyên
//!   Quang's guide «Hướng dẫn cài đặt trình điều khiển thiết bị ký số» installs «TokenManager»
//!   (VGCAv1_Installer, SafeNet: `eTPKCS11.dll`, `libeTPkcs11.so` on Linux) or
//!   «bit4id_xpki … vgca» (Bit4id: `bit4xpki.dll`, `libbit4xpki.so`),
//!   <https://dientapttdt.tuyenquang.gov.vn/vi/-/huong-dan-cai-dat-trinh-dieu-khien-thiet-bi-bo-cong-cu-ky-so-va-cau-hinh-thiet-bi-ky-so-2023>.
//! - VNPT-CA, Viettel-CA, FPT-CA, BKAV-CA: the module lists that public signing plugins of
//!   Vietnamese e-tax and e-customs portals try in `System32` (`vnpt-ca_csp11.dll`,
//!   `vnpt-ca_v34.dll`, `vnptca_p11_v6…v10.dll`, `viettel-ca_v1…v6.dll`, `viettel-ca.dll`,
//!   `fpt-ca.dll`, `fptca_v3.dll`, `fpt-ca-stx.dll`, `BkavCA.dll`, `BkavCAv2S.dll`,
//!   `bkavcaetoken.dll`), and VNPT's installer script registering
//!   `%SystemRoot%\System32\vnpt-ca_csp11_s.dll`. Several of these CAs ship Feitian ePass2003
//!   tokens (`eps2003csp11.dll`, `libeps2003csp11.so`).
//! - SoftHSM2 and OpenSC: their Debian packages and Windows installers.
//!
//! New versions keep the vendor's prefix, so a file in those folders whose name holds the vendor
//! and `p11`/`csp11`/`pkcs11` is taken too.

use std::path::{Path, PathBuf};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::object::{Attribute, AttributeType, ObjectClass};
use der::Decode as _;
use serde::Serialize;
use x509_cert::Certificate;

use super::fault::{self, SignFault};

/// A PKCS#11 module found on this computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Module {
    /// Who ships it ("VNPT-CA", "Viettel-CA", …, or "thư viện đã thêm").
    pub vendor: String,
    /// The file.
    pub path: PathBuf,
}

/// Known module file names (lower case) and their vendors.
const KNOWN: &[(&str, &str)] = &[
    ("etpkcs11.dll", "VGCA (SafeNet eToken)"),
    ("libetpkcs11.so", "VGCA (SafeNet eToken)"),
    ("bit4xpki.dll", "VGCA (Bit4id)"),
    ("libbit4xpki.so", "VGCA (Bit4id)"),
    ("vnpt-ca_csp11.dll", "VNPT-CA"),
    ("vnpt-ca_csp11_s.dll", "VNPT-CA"),
    ("vnpt-ca_v34.dll", "VNPT-CA"),
    ("vnpt-ca_cl_v1.dll", "VNPT-CA"),
    ("vnptca_p11_v6.dll", "VNPT-CA"),
    ("vnptca_p11_v7.dll", "VNPT-CA"),
    ("vnptca_p11_v8.dll", "VNPT-CA"),
    ("vnptca_p11_v9.dll", "VNPT-CA"),
    ("vnptca_p11_v10.dll", "VNPT-CA"),
    ("viettel-ca.dll", "Viettel-CA"),
    ("viettel-ca_v1.dll", "Viettel-CA"),
    ("viettel-ca_v2.dll", "Viettel-CA"),
    ("viettel-ca_v3.dll", "Viettel-CA"),
    ("viettel-ca_v4.dll", "Viettel-CA"),
    ("viettel-ca_v5.dll", "Viettel-CA"),
    ("viettel-ca_v6.dll", "Viettel-CA"),
    ("fpt-ca.dll", "FPT-CA"),
    ("fptca_v3.dll", "FPT-CA"),
    ("fpt-ca-stx.dll", "FPT-CA"),
    ("bkavca.dll", "BKAV-CA"),
    ("bkavcav2s.dll", "BKAV-CA"),
    ("bkavcaetoken.dll", "BKAV-CA"),
    ("eps2003csp11.dll", "ePass2003 (VNPT, Viettel, …)"),
    ("eps2003csp11v2.dll", "ePass2003 (VNPT, Viettel, …)"),
    ("libeps2003csp11.so", "ePass2003 (VNPT, Viettel, …)"),
    ("libsofthsm2.so", "SoftHSM2"),
    ("softhsm2.dll", "SoftHSM2"),
    ("softhsm2-x64.dll", "SoftHSM2"),
    ("opensc-pkcs11.so", "OpenSC"),
    ("opensc-pkcs11.dll", "OpenSC"),
];

/// Vendor words that mark a newer module version not in [`KNOWN`].
const VENDOR_WORDS: &[(&str, &str)] = &[
    ("vnpt", "VNPT-CA"),
    ("viettel", "Viettel-CA"),
    ("fpt", "FPT-CA"),
    ("bkav", "BKAV-CA"),
    ("vgca", "VGCA"),
];

/// The vendor of a module file name, if it is one we know.
pub fn vendor_of(file_name: &str) -> Option<&'static str> {
    let lower = file_name.to_lowercase();
    if let Some((_, v)) = KNOWN.iter().find(|(n, _)| *n == lower) {
        return Some(v);
    }
    let library = lower.ends_with(".dll") || lower.ends_with(".so") || lower.contains(".so.");
    let pkcs11 = ["p11", "pkcs11", "csp11"].iter().any(|w| lower.contains(w));
    if !(library && pkcs11) {
        return None;
    }
    VENDOR_WORDS
        .iter()
        .find(|(w, _)| lower.contains(w))
        .map(|(_, v)| *v)
}

/// Folders the installers put modules in, on this platform.
pub fn search_dirs() -> Vec<PathBuf> {
    if cfg!(windows) {
        let root = std::env::var_os("SystemRoot")
            .or_else(|| std::env::var_os("windir"))
            .map_or_else(|| PathBuf::from(r"C:\Windows"), PathBuf::from);
        let mut dirs = vec![root.join("System32")];
        for pf in ["ProgramFiles", "ProgramFiles(x86)"] {
            if let Some(p) = std::env::var_os(pf).map(PathBuf::from) {
                dirs.push(p.join(r"OpenSC Project\OpenSC\pkcs11"));
            }
        }
        dirs.push(PathBuf::from(r"C:\SoftHSM2\lib"));
        dirs
    } else {
        [
            "/usr/lib",
            "/usr/lib64",
            "/usr/local/lib",
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/x86_64-linux-gnu/pkcs11",
            "/usr/lib/pkcs11",
            "/usr/lib/softhsm",
            "/usr/lib/x86_64-linux-gnu/softhsm",
            "/usr/local/lib/softhsm",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu/softhsm",
        ]
        .into_iter()
        .map(PathBuf::from)
        .collect()
    }
}

/// The modules in `dirs` (by file name, in each folder's listing) followed by `added` (modules
/// the clerk chose once), each file once even when reached through a link.
pub fn discover_in(dirs: &[PathBuf], added: &[PathBuf]) -> Vec<Module> {
    let mut out: Vec<Module> = Vec::new();
    let mut seen = Vec::new();
    let mut push = |vendor: String, path: PathBuf, out: &mut Vec<Module>| {
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        if !seen.contains(&key) {
            seen.push(key);
            out.push(Module { vendor, path });
        }
    };
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut found: Vec<(String, PathBuf)> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let vendor = vendor_of(&name)?;
                let path = e.path();
                path.is_file().then(|| (vendor.to_owned(), path))
            })
            .collect();
        found.sort();
        for (v, p) in found {
            push(v, p, &mut out);
        }
    }
    for p in added.iter().filter(|p| p.is_file()) {
        let vendor = p
            .file_name()
            .and_then(|n| vendor_of(&n.to_string_lossy()))
            .unwrap_or("thư viện đã thêm");
        push(vendor.to_owned(), p.clone(), &mut out);
    }
    out
}

/// The modules on this computer: [`search_dirs`] plus `added`.
pub fn discover(added: &[PathBuf]) -> Vec<Module> {
    discover_in(&search_dirs(), added)
}

/// A certificate on a token.
#[derive(Debug, Clone, Serialize)]
pub struct TokenCertificate {
    /// Its CKA_ID in hex (the key with the same id signs for it).
    pub id: String,
    /// Subject common name.
    pub name: String,
    /// Subject organisation.
    pub organization: Option<String>,
    /// Issuer common name (the CA).
    pub issuer: Option<String>,
    /// First valid day, dd/mm/yyyy.
    pub not_before: String,
    /// Last valid day, dd/mm/yyyy.
    pub not_after: String,
    /// Expired now.
    pub expired: bool,
    /// Not valid yet.
    pub not_yet_valid: bool,
    /// A private key with the same CKA_ID is visible without logging in (`None`: the token hides
    /// its keys until the PIN is given).
    pub has_private_key: Option<bool>,
}

impl TokenCertificate {
    /// «Nguyễn Văn A (UBND xã Hòa Bắc), hết hạn 12/2027».
    pub fn label(&self) -> String {
        let month = self.not_after.get(3..).unwrap_or(&self.not_after);
        let who = match &self.organization {
            Some(o) if *o != self.name => format!("{} ({o})", self.name),
            _ => self.name.clone(),
        };
        if self.expired {
            format!("{who}, đã hết hạn {month}")
        } else if self.not_yet_valid {
            format!("{who}, có hiệu lực từ {}", self.not_before)
        } else {
            format!("{who}, hết hạn {month}")
        }
    }
}

/// An inserted token.
#[derive(Debug, Clone, Serialize)]
pub struct Token {
    /// The module that sees it.
    pub module: Module,
    /// Its slot id (give it to [`super::Pkcs11Key::open_certificate`]).
    pub slot: u64,
    /// The token's label.
    pub label: String,
    /// Manufacturer.
    pub manufacturer: String,
    /// Model.
    pub model: String,
    /// Serial number.
    pub serial: String,
    /// The PIN is locked.
    pub pin_locked: bool,
    /// One PIN try left.
    pub pin_final_try: bool,
    /// Few PIN tries left.
    pub pin_count_low: bool,
    /// Certificates on it.
    pub certificates: Vec<TokenCertificate>,
}

impl Token {
    /// «token cnscd (SoftHSM2) — Nguyễn Văn A (UBND xã Hòa Bắc), hết hạn 12/2027» per certificate.
    pub fn choices(&self) -> Vec<String> {
        let token = format!("token {} ({})", self.label, self.module.vendor);
        if self.certificates.is_empty() {
            return vec![format!("{token} — không có chứng thư số")];
        }
        self.certificates
            .iter()
            .map(|c| format!("{token} — {}", c.label()))
            .collect()
    }
}

/// Loads and initialises a module.
pub(crate) fn load(module: &Path) -> Result<Pkcs11, SignFault> {
    let unusable = |reason: String| SignFault::ModuleUnusable {
        module: module.to_owned(),
        reason,
    };
    let ctx = Pkcs11::new(module).map_err(|e| unusable(format!("không mở được tệp ({e})")))?;
    match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
        Ok(())
        | Err(cryptoki::error::Error::Pkcs11(
            cryptoki::error::RvError::CryptokiAlreadyInitialized,
            _,
        )) => Ok(ctx),
        Err(e) => Err(unusable(format!("khởi tạo thất bại ({e})"))),
    }
}

fn day(t: &x509_cert::time::Time) -> (String, i64) {
    let secs = t.to_unix_duration().as_secs() as i64;
    let s = chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default();
    (s, secs)
}

/// Describes a certificate found on a token.
pub fn describe(id: &[u8], cert: &Certificate, now: i64) -> TokenCertificate {
    let (not_before, nb) = day(&cert.tbs_certificate.validity.not_before);
    let (not_after, na) = day(&cert.tbs_certificate.validity.not_after);
    TokenCertificate {
        id: hex::encode(id),
        name: super::verify::common_name(cert),
        organization: super::verify::organization(cert),
        issuer: super::verify::issuer_name(cert),
        not_before,
        not_after,
        expired: now > na,
        not_yet_valid: now < nb,
        has_private_key: None,
    }
}

/// Certificates (CKA_ID, certificate) readable in `session`.
pub(crate) fn certificates(
    session: &cryptoki::session::Session,
) -> Result<Vec<(Vec<u8>, Certificate)>, SignFault> {
    let handles = session
        .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
        .map_err(|e| fault::from_pkcs11(&e, "tìm chứng thư số", false))?;
    let mut out = Vec::new();
    for h in handles {
        let attrs = session
            .get_attributes(h, &[AttributeType::Value, AttributeType::Id])
            .map_err(|e| fault::from_pkcs11(&e, "đọc chứng thư số", false))?;
        let mut value = None;
        let mut id = Vec::new();
        for a in attrs {
            match a {
                Attribute::Value(v) => value = Some(v),
                Attribute::Id(i) => id = i,
                _ => {}
            }
        }
        if let Some(c) = value.and_then(|v| Certificate::from_der(&v).ok()) {
            out.push((id, c));
        }
    }
    Ok(out)
}

/// Every inserted token that `module` sees, with its certificates. No PIN is asked: certificates
/// are public objects.
pub fn list(module: &Module, now: i64) -> Result<Vec<Token>, SignFault> {
    let ctx = load(&module.path)?;
    let result = list_with(&ctx, module, now);
    // Unload cleanly so that signing can initialise the module again.
    let _ = ctx.finalize();
    result
}

fn list_with(ctx: &Pkcs11, module: &Module, now: i64) -> Result<Vec<Token>, SignFault> {
    let slots = ctx
        .get_slots_with_token()
        .map_err(|e| fault::from_pkcs11(&e, "liệt kê khe cắm token", false))?;
    let mut tokens = Vec::new();
    for slot in slots {
        let Ok(info) = ctx.get_token_info(slot) else {
            continue;
        };
        if !info.token_initialized() {
            continue;
        }
        let session = ctx
            .open_ro_session(slot)
            .map_err(|e| fault::from_pkcs11(&e, "mở phiên làm việc với token", false))?;
        let found = certificates(&session)?;
        let keys: Vec<Vec<u8>> = session
            .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY)])
            .unwrap_or_default()
            .into_iter()
            .filter_map(|k| session.get_attributes(k, &[AttributeType::Id]).ok())
            .flat_map(|attrs| attrs.into_iter())
            .filter_map(|a| match a {
                Attribute::Id(i) => Some(i),
                _ => None,
            })
            .collect();
        let certificates = found
            .iter()
            // A CA certificate stored beside the signer's is not a choice.
            .filter(|(_, c)| !is_ca(c))
            .map(|(id, c)| {
                let mut d = describe(id, c, now);
                d.has_private_key = keys.contains(id).then_some(true);
                d
            })
            .collect();
        tokens.push(Token {
            module: module.clone(),
            slot: slot.id(),
            label: info.label().trim().to_owned(),
            manufacturer: info.manufacturer_id().trim().to_owned(),
            model: info.model().trim().to_owned(),
            serial: info.serial_number().trim().to_owned(),
            pin_locked: info.user_pin_locked(),
            pin_final_try: info.user_pin_final_try(),
            pin_count_low: info.user_pin_count_low(),
            certificates,
        });
    }
    Ok(tokens)
}

/// Whether a certificate is a CA's (basicConstraints cA = true).
fn is_ca(c: &Certificate) -> bool {
    use x509_cert::ext::pkix::BasicConstraints;
    c.tbs_certificate
        .get::<BasicConstraints>()
        .ok()
        .flatten()
        .is_some_and(|(_, bc)| bc.ca)
}

/// What a scan of the whole computer found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scan {
    /// Modules found.
    pub modules: Vec<Module>,
    /// Tokens inserted, across all modules.
    pub tokens: Vec<Token>,
    /// Modules that could not be used, and why (in Vietnamese).
    pub problems: Vec<(PathBuf, String)>,
}

/// Finds the modules, then lists the tokens each one sees (certificates judged at `now`, Unix
/// seconds).
pub fn scan(added: &[PathBuf], now: i64) -> Scan {
    scan_modules(discover(added), now)
}

/// Lists the tokens of the given modules.
pub fn scan_modules(modules: Vec<Module>, now: i64) -> Scan {
    let mut scan = Scan::default();
    for m in &modules {
        match list(m, now) {
            Ok(t) => scan.tokens.extend(t),
            Err(e) => scan.problems.push((m.path.clone(), e.to_string())),
        }
    }
    scan.modules = modules;
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_names_are_recognised_in_any_case_and_new_versions() {
        assert_eq!(vendor_of("VNPT-CA_v34.dll"), Some("VNPT-CA"));
        assert_eq!(vendor_of("vnptca_p11_v11.dll"), Some("VNPT-CA"));
        assert_eq!(vendor_of("viettel-ca_v6.dll"), Some("Viettel-CA"));
        assert_eq!(vendor_of("BkavCA.dll"), Some("BKAV-CA"));
        assert_eq!(vendor_of("eTPKCS11.dll"), Some("VGCA (SafeNet eToken)"));
        assert_eq!(vendor_of("libsofthsm2.so"), Some("SoftHSM2"));
        assert_eq!(vendor_of("kernel32.dll"), None);
        assert_eq!(vendor_of("vnpt-update.exe"), None);
    }

    #[test]
    fn discovery_lists_known_files_once_and_the_clerks_own() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "viettel-ca_v6.dll",
            "notes.txt",
            "fptca_v3.dll",
            "kernel32.dll",
        ] {
            std::fs::write(d.join(f), b"x").unwrap();
        }
        let own = d.join("sub").join("my-token.dll");
        std::fs::create_dir_all(own.parent().unwrap()).unwrap();
        std::fs::write(&own, b"x").unwrap();
        let found = discover_in(
            &[d.to_path_buf(), d.to_path_buf()],
            &[own.clone(), d.join("missing.dll")],
        );
        let names: Vec<(&str, String)> = found
            .iter()
            .map(|m| {
                (
                    m.vendor.as_str(),
                    m.path.file_name().unwrap().to_string_lossy().into_owned(),
                )
            })
            .collect();
        assert_eq!(
            names,
            vec![
                ("FPT-CA", "fptca_v3.dll".to_owned()),
                ("Viettel-CA", "viettel-ca_v6.dll".to_owned()),
                ("thư viện đã thêm", "my-token.dll".to_owned()),
            ]
        );
    }

    #[test]
    fn certificate_labels_read_like_the_window_shows_them() {
        let c = TokenCertificate {
            id: "01".into(),
            name: "Nguyễn Văn A".into(),
            organization: Some("UBND xã Hòa Bắc".into()),
            issuer: None,
            not_before: "01/01/2025".into(),
            not_after: "31/12/2027".into(),
            expired: false,
            not_yet_valid: false,
            has_private_key: None,
        };
        assert_eq!(c.label(), "Nguyễn Văn A (UBND xã Hòa Bắc), hết hạn 12/2027");
        let old = TokenCertificate { expired: true, ..c };
        assert_eq!(
            old.label(),
            "Nguyễn Văn A (UBND xã Hòa Bắc), đã hết hạn 12/2027"
        );
    }
}
