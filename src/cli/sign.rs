//! `cnscd sign` and `cnscd verify`: the file and terminal edges of `crate::sign` (reading inputs,
//! asking for the password or PIN once, the clock, the trust folder, writing outputs atomically).

use super::say;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use super::{SignArgs, SignAs};
use crate::error::{Error, Result};
use crate::sign::keys::KeySource;
use crate::sign::trust::{TrustStore, load_certs};
use crate::sign::{self as signing, Options, Role};
use crate::store::Store;

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Vietnam time (+07:00), the zone the decree asks for.
fn now_vietnam() -> chrono::DateTime<chrono::FixedOffset> {
    let now = chrono::Utc::now();
    chrono::FixedOffset::east_opt(7 * 3600)
        .map_or_else(|| now.fixed_offset(), |tz| now.with_timezone(&tz))
}

/// A secret from the environment variable `var`, else typed at the terminal without echo.
/// Never from the command line, never logged.
fn secret(var: Option<&str>, prompt: &str, flag: &str) -> Result<String> {
    if let Some(var) = var {
        return std::env::var(var).map_err(|_| {
            Error::invalid(format!(
                "Biến môi trường {var} (được chỉ định bởi {flag}) chưa được đặt."
            ))
        });
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(format!(
            "Cần {prompt}: hãy đặt nó vào một biến môi trường và dùng {flag} TÊN_BIẾN."
        )));
    }
    crate::platform::password::prompt(prompt)
}

/// The key named by the arguments (the password or PIN is asked once for the whole batch).
fn open_key(args: &SignArgs) -> Result<Box<dyn KeySource>> {
    match (&args.p12, &args.pkcs11) {
        (Some(p12), None) => {
            let data = read(p12)?;
            let pw = secret(
                args.password_env.as_deref(),
                "mật khẩu tệp .p12",
                "--password-env",
            )?;
            let padding = if args.rsa_pss {
                signing::RsaPadding::Pss
            } else {
                signing::RsaPadding::Pkcs1v15
            };
            Ok(Box::new(signing::P12Key::from_bytes(
                p12, &data, &pw, padding,
            )?))
        }
        (None, Some(module)) => {
            let pin = secret(args.pin_env.as_deref(), "mã PIN của USB token", "--pin-env")?;
            Ok(Box::new(signing::Pkcs11Key::open(
                module,
                args.slot.unwrap_or(0),
                &pin,
            )?))
        }
        (Some(_), Some(_)) => Err(Error::invalid(
            "Chỉ dùng một nguồn khóa: --p12 hoặc --pkcs11, không dùng cả hai.",
        )),
        (None, None) => Err(Error::invalid(
            "Cần chứng thư số: --p12 TỆP hoặc --pkcs11 THƯ_VIỆN.so --slot N.",
        )),
    }
}

/// Input PDFs: files as given, folders expanded to their `.pdf` files (sorted).
fn expand_inputs(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, bool)> {
    let mut files = Vec::new();
    let mut batch = inputs.len() > 1;
    for p in inputs {
        if p.is_dir() {
            batch = true;
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Error::io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file() && f.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf"))
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    if files.is_empty() {
        return Err(Error::invalid("Không có tệp PDF nào để ký."));
    }
    Ok((files, batch))
}

/// `cnscd sign`.
pub fn sign(store: &mut Store, data_dir: &Path, args: &SignArgs) -> Result<()> {
    let _ = data_dir;
    let (files, batch) = expand_inputs(&args.inputs)?;
    let image = |p: &Option<PathBuf>| p.as_deref().map(read).transpose();
    let signature_image = image(&args.signature_image)?;
    let seal_image = image(&args.seal_image)?;
    let key = open_key(args)?;
    let place = crate::store::settings::office(store.conn())
        .map(|o| o.place)
        .unwrap_or_default();
    let mut failures = Vec::new();
    for input in &files {
        let output = if batch {
            let name = input.file_name().unwrap_or_default();
            args.output.join(name)
        } else {
            args.output.clone()
        };
        match sign_one(
            store,
            key.as_ref(),
            input,
            &output,
            args,
            &signature_image,
            &seal_image,
            &place,
        ) {
            Ok(()) => say!("Đã ký: {} → {}", input.display(), output.display()),
            Err(e) => failures.push(format!("{}: {e}", input.display())),
        }
    }
    if failures.is_empty() {
        Ok(())
    } else if !batch {
        Err(Error::invalid(failures.remove(0)))
    } else {
        Err(Error::invalid(format!(
            "{} / {} tệp không ký được:\n{}",
            failures.len(),
            files.len(),
            failures.join("\n")
        )))
    }
}

#[allow(
    clippy::too_many_arguments,
    reason = "one call site; the pieces are read once per batch"
)]
fn sign_one(
    store: &mut Store,
    key: &dyn KeySource,
    input: &Path,
    output: &Path,
    args: &SignArgs,
    signature_image: &Option<Vec<u8>>,
    seal_image: &Option<Vec<u8>>,
    place: &str,
) -> Result<()> {
    if input.canonicalize().ok() == output.canonicalize().ok() && output.exists() {
        return Err(Error::invalid("Tệp kết quả phải khác tệp cần ký."));
    }
    let bytes = read(input)?;
    let role = match args.as_ {
        SignAs::Signer => Role::Signer,
        SignAs::Organization => Role::Organization,
    };
    let mut opts = Options::new(role, now_vietnam());
    opts.signature_image = signature_image.clone();
    opts.seal_image = seal_image.clone();
    opts.seal_diameter_mm = args.seal_diameter;
    opts.page = args.page;
    opts.signature_box = args.signature_box.as_deref().map(parse_box).transpose()?;
    opts.attachment_of = args.attachment_of.as_deref().map(crate::vietnamese::nfc);
    opts.location = (!place.trim().is_empty()).then(|| place.to_owned());
    // The caller names the input file in front of the reason.
    let signed = signing::sign_pdf(&bytes, key, &opts)?;
    crate::export::write_atomic(output, &signed)?;
    mark_registered_document_signed(
        store,
        &signing::sha256_hex(&bytes),
        &signing::sha256_hex(&signed),
    )
}

/// `--signature-box "x y w h"` in points.
fn parse_box(text: &str) -> Result<signing::Rect> {
    let n: Vec<f32> = text
        .split([' ', ','])
        .filter(|t| !t.is_empty())
        .map(|t| t.parse::<f32>())
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| {
            Error::invalid(format!(
                "--signature-box \"{text}\": cần bốn số x y w h (điểm PDF)."
            ))
        })?;
    match n[..] {
        [x, y, w, h] if w > 0.0 && h > 0.0 => Ok(signing::Rect { x, y, w, h }),
        _ => Err(Error::invalid(format!(
            "--signature-box \"{text}\": cần bốn số x y w h, với w và h dương."
        ))),
    }
}

/// The document register (issue 5 §5): when the input is a registered document (its stored
/// SHA-256 is that of the file just signed), move it to "đã ký" with the signed file's SHA-256.
/// The signer's signature updates the hash, so the organisation's signature finds it again.
fn mark_registered_document_signed(
    store: &mut Store,
    unsigned_sha256: &str,
    signed_sha256: &str,
) -> Result<()> {
    use crate::store::documents::{self, Status};
    let entry = documents::all(store.conn())?.into_iter().find(|e| {
        e.sha256
            .as_deref()
            .is_some_and(|h| h.eq_ignore_ascii_case(unsigned_sha256))
    });
    let Some(entry) = entry else {
        return Ok(());
    };
    if entry.status == Status::Draft {
        eprintln!(
            "Lưu ý: văn bản \"{}\" chưa được cấp số nên sổ văn bản chưa ghi là đã ký.",
            entry.summary
        );
        return Ok(());
    }
    store.transaction(|tx| documents::mark_signed(tx, entry.id, signed_sha256))
}

/// The office's trust store: files in `<data dir>/trust/` plus `--trust` files.
fn trust_store(data_dir: &Path, extra: &[PathBuf]) -> Result<TrustStore> {
    let mut store = TrustStore::new();
    let dir = data_dir.join("trust");
    let mut files = Vec::new();
    if dir.is_dir() {
        for e in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let p = e.map_err(|e| Error::io(&dir, e))?.path();
            if p.is_file() {
                files.push(p);
            }
        }
    }
    files.sort();
    files.extend(extra.iter().cloned());
    for f in files {
        store.add(load_certs(&read(&f)?, &f.display().to_string())?);
    }
    Ok(store)
}

fn yes(b: bool) -> &'static str {
    if b { "có" } else { "KHÔNG" }
}

/// `cnscd verify`: the three answers per signature, then the verdict. Exit 0 only when every
/// signature is intact and only allowed changes followed it (an untrusted chain still passes:
/// the answer says so in amber).
pub fn verify(data_dir: &Path, file: &Path, json: bool, trust: &[PathBuf]) -> Result<()> {
    use crate::sign::verify::State;
    let trust = trust_store(data_dir, trust)?;
    let bytes = read(file)?;
    let report = signing::verify::inspect(&bytes, &trust);
    if json {
        super::print_json(&report)?;
    } else {
        for (i, s) in report.signatures.iter().enumerate() {
            let field = if s.field.is_empty() {
                "không gắn với trường nào"
            } else {
                &s.field
            };
            say!(
                "Chữ ký {} ({field}): {}{}",
                i + 1,
                s.signer,
                s.organization
                    .as_deref()
                    .map(|o| format!(" — {o}"))
                    .unwrap_or_default()
            );
            say!("  Kết luận: {}", s.state.label());
            say!("  (a) {}", s.answers.integrity.text);
            say!("  (b) {}", s.answers.signer.text);
            say!("  (c) {}", s.answers.trust.text);
            say!(
                "  Thời điểm ký: {}",
                s.signing_time.as_deref().unwrap_or("(không ghi)")
            );
            match &s.problem {
                None => say!("  Toàn vẹn: có"),
                Some(p) => say!("  Toàn vẹn: KHÔNG ({p})"),
            }
            say!(
                "  Chứng thư số còn hiệu lực lúc ký: {}",
                yes(s.certificate_valid)
            );
            say!("  Nguồn tin cậy: {}", s.trust);
            say!("  Bao trọn tệp: {}", yes(s.covers_whole_file));
            if !s.changes_after.is_empty() {
                say!("  Thay đổi sau chữ ký này: {}", s.changes_after.join("; "));
            }
        }
        if !report.after_last.is_empty() {
            say!("Thêm vào sau chữ ký cuối: {}", report.after_last.join("; "));
        }
    }
    match report.state {
        State::Valid | State::ValidUntrusted => {
            if !json {
                say!("Kết quả: mọi chữ ký còn nguyên vẹn.");
                if report.state == State::ValidUntrusted {
                    say!("Lưu ý: {}.", crate::sign::verify::INTACT_UNTRUSTED);
                }
            }
            Ok(())
        }
        State::NoSignature => Err(Error::invalid(format!(
            "{}: Tệp PDF không có chữ ký số nào.",
            file.display()
        ))),
        _ if report.signatures.is_empty() => Err(Error::invalid(format!(
            "{}: {}",
            file.display(),
            report.summary
        ))),
        state => {
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
            let what = if state == State::Damaged {
                "chữ ký bị hỏng"
            } else {
                "chữ ký không hợp lệ"
            };
            Err(Error::invalid(format!(
                "{}: {what}: {}.",
                file.display(),
                why.join("; ")
            )))
        }
    }
}
