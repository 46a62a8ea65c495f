//! Signing and verifying PDFs, the same for both faces: the key opened once for a batch, each
//! file signed to its output (written atomically), and a registered document (its recorded
//! SHA-256 is that of the file signed) marked «đã ký» in the register with the signed file's
//! hash. Verification reads the office's trust folder, skipping a certificate file it cannot
//! read with a notice that names it.

use std::path::{Path, PathBuf};

use super::clock::Moment;

use super::{Workspace, files};
use crate::error::{Error, Field, Result};
use crate::model::Status;
use crate::sign::keys::KeySource;
use crate::sign::trust::{TrustStore, load_certs};
use crate::sign::{self as signing, Options};
use crate::store::{Store, documents};

pub use crate::sign::tokens::{Module, Scan, Token, TokenCertificate};
pub use crate::sign::verify::{Answer, Answers, Verdict};
pub use crate::sign::verify::{INTACT_UNTRUSTED, State, Verification};
pub use crate::sign::{Rect, Role, RsaPadding, SignatureReport};

/// Where the key comes from; the secret lives here only until the key is opened.
#[derive(Clone)]
pub enum KeySpec {
    /// A .p12/.pfx file and its password.
    P12 {
        /// The file.
        file: PathBuf,
        /// Its password.
        password: String,
        /// RSA padding.
        padding: RsaPadding,
    },
    /// A USB token: its PKCS#11 module, slot and PIN.
    Token {
        /// The module.
        module: PathBuf,
        /// The slot (id, else index).
        slot: u64,
        /// The certificate chosen (CKA_ID in hex, as `scan_tokens` lists it); `None`: the first
        /// with a key.
        certificate: Option<String>,
        /// The PIN.
        pin: String,
    },
}

impl std::fmt::Debug for KeySpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        match self {
            KeySpec::P12 { file, .. } => write!(f, "P12({})", file.display()),
            KeySpec::Token { module, slot, .. } => {
                write!(f, "Token({}, {slot})", module.display())
            }
        }
    }
}

/// Everything about a signature except the key and the files.
#[derive(Debug, Clone)]
pub struct Appearance {
    /// Who signs.
    pub role: Role,
    /// The handwritten signature image (PNG).
    pub signature_image: Option<PathBuf>,
    /// The seal image (PNG).
    pub seal_image: Option<PathBuf>,
    /// Real diameter of the seal, mm.
    pub seal_diameter_mm: f32,
    /// Page for the signature when the PDF records no signature box.
    pub page: Option<u32>,
    /// Signature box on that page when the PDF records none.
    pub signature_box: Option<Rect>,
    /// For a separate attachment: the main document's number.
    pub attachment_of: Option<String>,
}

impl Appearance {
    /// A signature of `role` with no images, at the recorded box.
    pub fn new(role: Role) -> Appearance {
        Appearance {
            role,
            signature_image: None,
            seal_image: None,
            seal_diameter_mm: 36.0,
            page: None,
            signature_box: None,
            attachment_of: None,
        }
    }
}

/// What a batch of signatures did.
#[derive(Debug, Clone, Default)]
pub struct Signed {
    /// Each signed file and its output.
    pub done: Vec<(PathBuf, PathBuf)>,
    /// Each file that could not be signed, and why.
    pub failed: Vec<(PathBuf, Error)>,
    /// Notices (a registered document not yet issued, so not marked).
    pub notices: Vec<String>,
}

/// Opens the key of `spec`; a token's certificate must be valid at `now`.
pub fn open_key(spec: &KeySpec, now: Moment) -> Result<Box<dyn KeySource>> {
    match spec {
        KeySpec::P12 {
            file,
            password,
            padding,
        } => Ok(Box::new(signing::P12Key::from_bytes(
            file,
            &files::read(file)?,
            password,
            *padding,
        )?)),
        KeySpec::Token {
            module,
            slot,
            certificate,
            pin,
        } => Ok(Box::new(signing::Pkcs11Key::open_certificate(
            module,
            *slot,
            certificate.as_deref(),
            pin,
            now.vietnam.timestamp(),
        )?)),
    }
}

/// The file in the data folder that remembers the token modules the clerk added, one a line.
const ADDED_MODULES: &str = "token-modules.txt";

/// The token modules the clerk added once (those still on disk).
pub fn added_modules(ws: &Workspace) -> Vec<PathBuf> {
    std::fs::read_to_string(ws.data_dir().join(ADDED_MODULES))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Remembers `module` (a PKCS#11 library the search did not find) for every later scan, after
/// checking that it loads; refused with the reason when it does not.
pub fn add_module(ws: &Workspace, module: &Path, now: Moment) -> Result<()> {
    let probe = Module {
        vendor: String::new(),
        path: module.to_owned(),
    };
    crate::sign::tokens::list(&probe, now.vietnam.timestamp()).map_err(Error::Sign)?;
    let mut added = added_modules(ws);
    if !added.iter().any(|p| p == module) {
        added.push(module.to_owned());
        let text: String = added.iter().map(|p| format!("{}\n", p.display())).collect();
        files::write_atomic(&ws.data_dir().join(ADDED_MODULES), text.as_bytes())?;
    }
    Ok(())
}

/// The tokens inserted now, found through the usual install paths of the Vietnamese CAs'
/// modules and the modules the clerk added, with their certificates.
pub fn scan_tokens(ws: &Workspace, now: Moment) -> Scan {
    crate::sign::tokens::scan(&added_modules(ws), now.vietnam.timestamp())
}

/// Signs each `(input, output)` pair with one key at `now` (written as Vietnam time). A failed file does not stop the others. The register's entry of a signed document is
/// marked signed.
pub fn sign_files(
    store: &mut Store,
    key: &dyn KeySource,
    pairs: &[(PathBuf, PathBuf)],
    look: &Appearance,
    now: Moment,
) -> Result<Signed> {
    let read_image = |p: &Option<PathBuf>, field: Field| {
        p.as_deref()
            .map(|p| {
                files::read(p).map_err(|_| {
                    Error::bad_value(field, p.display().to_string(), "không đọc được tệp ảnh")
                })
            })
            .transpose()
    };
    let signature_image = read_image(&look.signature_image, Field::SignatureImage)?;
    let seal_image = read_image(&look.seal_image, Field::SealImage)?;
    let place = crate::store::settings::office(store.conn())?.place;
    let mut opts = Options::new(look.role, now.vietnam);
    opts.signature_image = signature_image;
    opts.seal_image = seal_image;
    opts.seal_diameter_mm = look.seal_diameter_mm;
    opts.page = look.page;
    opts.signature_box = look.signature_box;
    opts.attachment_of = look.attachment_of.as_deref().map(crate::vietnamese::nfc);
    opts.location = (!place.trim().is_empty()).then_some(place);
    let mut out = Signed::default();
    for (input, output) in pairs {
        match sign_one(store, key, input, output, &opts) {
            Ok(notice) => {
                out.notices.extend(notice);
                out.done.push((input.clone(), output.clone()));
            }
            Err(e) => out.failed.push((input.clone(), e)),
        }
    }
    Ok(out)
}

fn sign_one(
    store: &mut Store,
    key: &dyn KeySource,
    input: &Path,
    output: &Path,
    opts: &Options,
) -> Result<Option<String>> {
    if input.canonicalize().ok() == output.canonicalize().ok() && output.exists() {
        return Err(Error::bad_value(
            Field::Output,
            output.display().to_string(),
            "tệp kết quả phải khác tệp cần ký",
        ));
    }
    let bytes = files::read(input)?;
    let signed = signing::sign_pdf(&bytes, key, opts).map_err(|e| e.in_pdf(input))?;
    // The signed file takes its name together with the register's «đã ký», never before.
    let staged = store.stage(output, &signed)?;
    mark_signed(
        store,
        staged,
        &files::sha256_hex(&bytes),
        &files::sha256_hex(&signed),
    )
}

/// When the file signed is a registered document (its recorded SHA-256 is that of the file
/// before signing), its entry becomes «đã ký» with the signed file's SHA-256; the signer's
/// signature updates the hash, so the organisation's signature finds it again. A draft is not
/// marked: the notice says so.
fn mark_signed(
    store: &mut Store,
    staged: files::Staged,
    unsigned: &str,
    signed: &str,
) -> Result<Option<String>> {
    let Some(entry) = documents::by_sha256(store.conn(), unsigned)? else {
        staged.publish()?;
        return Ok(None);
    };
    if entry.status == Status::Draft {
        staged.publish()?;
        return Ok(Some(format!(
            "văn bản \"{}\" chưa được cấp số nên sổ văn bản chưa ghi là đã ký.",
            entry.summary
        )));
    }
    store.transaction_publishing(vec![staged], |tx| {
        documents::mark_signed(tx, entry.id, signed)
    })?;
    Ok(None)
}

/// The office's trust store: the files of the trust folder (sorted) and `extra` files. A file
/// that is not a certificate is skipped; the notices name each one skipped.
pub fn trust_store(ws: &Workspace, extra: &[PathBuf]) -> Result<(TrustStore, Vec<String>)> {
    let mut store = TrustStore::new();
    let dir = ws.trust_dir();
    let mut list = Vec::new();
    if dir.is_dir() {
        for e in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let p = e.map_err(|e| Error::io(&dir, e))?.path();
            if p.is_file() {
                list.push(p);
            }
        }
    }
    list.sort();
    list.extend(extra.iter().cloned());
    let mut skipped = Vec::new();
    for f in list {
        match files::read(&f).and_then(|b| load_certs(&b, &f.display().to_string())) {
            Ok(certs) => store.add(certs),
            Err(e) => skipped.push(format!("Bỏ qua chứng thư gốc: {e}")),
        }
    }
    Ok((store, skipped))
}

/// A verification and the trust-store notices.
#[derive(Debug, Clone)]
pub struct Verified {
    /// Every signature's result.
    pub report: Verification,
    /// Certificate files of the trust folder that were skipped.
    pub notices: Vec<String>,
}

/// Verifies every signature of `file` against the trust folder and `extra` roots. Never fails
/// on the PDF itself: a damaged or unsigned file is a state of the report.
pub fn verify(ws: &Workspace, file: &Path, extra: &[PathBuf], now: Moment) -> Result<Verified> {
    let (trust, notices) = trust_store(ws, extra)?;
    let bytes = files::read(file)?;
    let report = signing::verify::inspect(&bytes, &trust, now.vietnam);
    Ok(Verified { report, notices })
}

/// Whether a verification passes: every signature intact with only allowed changes after it (an
/// untrusted chain still passes; the report says so). Otherwise the refusal names the file and
/// every reason.
pub fn verdict(file: &Path, report: &Verification) -> Result<()> {
    let why = match report.state {
        State::Valid | State::ValidUntrusted => return Ok(()),
        State::NoSignature => "Tệp PDF không có chữ ký số nào.".to_owned(),
        _ if report.signatures.is_empty() => report.summary.clone(),
        state => {
            let what = if state == State::Damaged {
                "chữ ký bị hỏng"
            } else {
                "chữ ký không hợp lệ"
            };
            format!("{what}: {}.", failures(report).join("; "))
        }
    };
    Err(Error::not_allowed(format!("{}: {why}", file.display())))
}

/// Why a verification failed, one reason per broken signature or forbidden change; empty when
/// every signature is intact.
pub fn failures(report: &Verification) -> Vec<String> {
    let mut why = Vec::new();
    for (i, s) in report.signatures.iter().enumerate() {
        if let Some(p) = &s.problem {
            why.push(format!("chữ ký {}: {p}", i + 1));
        }
        if s.intact && !s.certificate_valid {
            why.push(format!(
                "chữ ký {}: chứng thư số không còn hiệu lực lúc ký",
                i + 1
            ));
        }
    }
    let mut bad: Vec<&str> = Vec::new();
    for s in report.signatures.iter().filter(|s| !s.changes_allowed) {
        for c in &s.changes_after {
            if !c.starts_with("thêm chữ ký số mới") && !bad.contains(&c.as_str()) {
                bad.push(c);
            }
        }
    }
    if !bad.is_empty() {
        why.push(format!("tệp bị sửa sau khi ký: {}", bad.join("; ")));
    }
    why
}
