//! `cnscd sign` and `cnscd verify`: the terminal's part (the password or PIN asked once, from an
//! environment variable or typed without echo; the files named) around `ops::sign`, which signs,
//! writes and marks the register as the window does.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use super::{SignArgs, SignAs, say};
use crate::error::{Error, Field, Result};
use crate::ops::sign::{self, Appearance, KeySpec, Role, RsaPadding};
use crate::ops::{Moment, Store, Workspace};

/// A secret from the environment variable `var`, else typed at the terminal without echo.
/// Never from the command line, never logged.
fn secret(var: Option<&str>, prompt: &str, field: Field) -> Result<String> {
    if let Some(var) = var {
        return std::env::var(var)
            .map_err(|_| Error::bad_value(field, var, "biến môi trường này chưa được đặt"));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::bad_value(
            field,
            "",
            format!("cần {prompt}: hãy đặt nó vào một biến môi trường và ghi tên biến"),
        ));
    }
    crate::platform::password::prompt(prompt)
}

/// The key named by the arguments (the password or PIN is asked once for the whole batch).
fn key_spec(args: &SignArgs) -> Result<KeySpec> {
    match (&args.p12, &args.pkcs11) {
        (Some(p12), None) => Ok(KeySpec::P12 {
            file: p12.clone(),
            password: secret(
                args.password_env.as_deref(),
                "mật khẩu tệp .p12",
                Field::Password,
            )?,
            padding: if args.rsa_pss {
                RsaPadding::Pss
            } else {
                RsaPadding::Pkcs1v15
            },
        }),
        (None, Some(module)) => Ok(KeySpec::Token {
            module: module.clone(),
            slot: args.slot.unwrap_or(0),
            certificate: None,
            pin: secret(args.pin_env.as_deref(), "mã PIN của USB token", Field::Pin)?,
        }),
        (Some(_), Some(_)) => Err(Error::bad_value(
            Field::KeyFile,
            "",
            "chỉ dùng một nguồn khóa: --p12 hoặc --pkcs11, không dùng cả hai",
        )),
        (None, None) => Err(Error::bad_value(
            Field::KeyFile,
            "",
            "cần chứng thư số: --p12 TỆP hoặc --pkcs11 THƯ_VIỆN.so --slot N",
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
        return Err(Error::bad_value(
            Field::Input,
            "",
            "không có tệp PDF nào để ký",
        ));
    }
    Ok((files, batch))
}

/// `cnscd sign`.
pub fn sign(store: &mut Store, args: &SignArgs, now: Moment) -> Result<()> {
    let (files, batch) = expand_inputs(&args.inputs)?;
    let key = sign::open_key(&key_spec(args)?, now)?;
    let pairs: Vec<(PathBuf, PathBuf)> = files
        .iter()
        .map(|input| {
            let output = if batch {
                args.output.join(input.file_name().unwrap_or_default())
            } else {
                args.output.clone()
            };
            (input.clone(), output)
        })
        .collect();
    let look = Appearance {
        role: match args.as_ {
            SignAs::Signer => Role::Signer,
            SignAs::Organization => Role::Organization,
        },
        signature_image: args.signature_image.clone(),
        seal_image: args.seal_image.clone(),
        seal_diameter_mm: args.seal_diameter,
        page: args.page,
        signature_box: args.signature_box.as_deref().map(parse_box).transpose()?,
        attachment_of: args.attachment_of.clone(),
    };
    let signed = sign::sign_files(store, key.as_ref(), &pairs, &look, now)?;
    for (input, output) in &signed.done {
        say!("Đã ký: {} → {}", input.display(), output.display());
    }
    for n in &signed.notices {
        eprintln!("Lưu ý: {n}");
    }
    let mut failed = signed.failed;
    if failed.is_empty() {
        Ok(())
    } else if !batch {
        Err(failed.remove(0).1)
    } else {
        let failures: Vec<String> = failed
            .iter()
            .map(|(f, e)| format!("{}: {}", f.display(), super::message(e)))
            .collect();
        Err(Error::not_allowed(format!(
            "{} / {} tệp không ký được:\n{}",
            failures.len(),
            files.len(),
            failures.join("\n")
        )))
    }
}

/// `--signature-box "x y w h"` in points.
fn parse_box(text: &str) -> Result<crate::ops::sign::Rect> {
    let n: Vec<f32> = text
        .split([' ', ','])
        .filter(|t| !t.is_empty())
        .map(|t| t.parse::<f32>())
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| {
            Error::bad_value(Field::SignatureBox, text, "cần bốn số x y w h (điểm PDF)")
        })?;
    match n[..] {
        [x, y, w, h] if w > 0.0 && h > 0.0 => Ok(crate::ops::sign::Rect { x, y, w, h }),
        _ => Err(Error::bad_value(
            Field::SignatureBox,
            text,
            "cần bốn số x y w h, với w và h dương",
        )),
    }
}

fn yes(b: bool) -> &'static str {
    if b { "có" } else { "KHÔNG" }
}

/// `cnscd verify`: the three answers per signature, then the verdict. Exit 0 only when every
/// signature is intact and only allowed changes followed it (an untrusted chain still passes:
/// the answer says so).
pub fn verify(
    ws: &Workspace,
    file: &Path,
    json: bool,
    trust: &[PathBuf],
    now: Moment,
) -> Result<()> {
    let verified = sign::verify(ws, file, trust, now)?;
    for n in &verified.notices {
        eprintln!("Lưu ý: {n}");
    }
    let report = verified.report;
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
    sign::verdict(file, &report)?;
    if !json {
        say!("Kết quả: mọi chữ ký còn nguyên vẹn.");
        if report.state == sign::State::ValidUntrusted {
            say!("Lưu ý: {}.", sign::INTACT_UNTRUSTED);
        }
    }
    Ok(())
}
