//! Ký số: sign a registered document or any PDF with a .p12 file or a USB token (the password
//! or PIN is typed in a masked field, kept in memory only until the signature is made, never
//! stored), choosing the signature and seal images; verify a received PDF against the office's
//! trust store (`<data dir>/trust/`) with the result in Vietnamese. Both through `ops::sign`, as
//! the command line does: a registered document signed here is marked «đã ký» in the register,
//! and a certificate file of the trust folder that cannot be read is skipped with a notice.

use std::path::{Path, PathBuf};

use iced::widget::{Column, button, column, pick_list, radio, row, scrollable, text, text_input};
use iced::{Element, Length};

use super::{Action, Notice};
use crate::app::context::{Cancel, Context};
use crate::app::widget::form::labelled;
use crate::app::{text as t, theme, widget};
use crate::ops::sign::{self, Appearance, KeySpec, Role, RsaPadding, Signed};
use crate::ops::{Error, Result};

/// Where the key comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    P12,
    Token,
}

/// A role for the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleChoice(pub Role);

impl std::fmt::Display for RoleChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Role::Signer => t::SIGN_ROLE_SIGNER,
            Role::Organization => t::SIGN_ROLE_ORG,
        })
    }
}

const ROLES: [RoleChoice; 2] = [RoleChoice(Role::Signer), RoleChoice(Role::Organization)];

/// Which file a dialog was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Pdf,
    P12,
    Module,
    SignatureImage,
    SealImage,
    Verify,
}

#[derive(Debug)]
pub struct State {
    pub pdf: Option<PathBuf>,
    pub source: Source,
    pub p12: Option<PathBuf>,
    pub module: Option<PathBuf>,
    pub slot: String,
    /// The password or PIN: memory only, cleared after each attempt.
    pub secret: String,
    pub role: RoleChoice,
    pub signature_image: Option<PathBuf>,
    pub seal_image: Option<PathBuf>,
    /// The last verification: the file and its lines, and whether it passed.
    pub verified: Option<(PathBuf, bool, Vec<String>)>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Choose(Pick),
    Chosen(Pick, Option<PathBuf>),
    Source(Source),
    Slot(String),
    Secret(String),
    Role(RoleChoice),
    Sign,
    SignTo(Option<PathBuf>),
    Signed(Result<Signed, Error>),
    Verified(PathBuf, Result<(bool, Vec<String>), Error>),
}

impl Default for State {
    fn default() -> Self {
        State {
            pdf: None,
            source: Source::P12,
            p12: None,
            module: None,
            slot: "0".into(),
            secret: String::new(),
            role: ROLES[0],
            signature_image: None,
            seal_image: None,
            verified: None,
        }
    }
}

impl State {
    /// Opens the signing form on a file (a registered document's output).
    pub fn sign_file(&mut self, pdf: PathBuf) {
        self.pdf = Some(pdf);
    }

    pub fn update(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::Choose(pick) => {
                let dialogs = ctx.dialogs.clone();
                Action::Run(ctx.files(
                    move |_| {
                        let (title, filter): (&str, (&str, &[&str])) = match pick {
                            Pick::Pdf | Pick::Verify => {
                                (t::DIALOG_OPEN_PDF, (t::FILTER_PDF, &["pdf"]))
                            }
                            Pick::P12 => (t::DIALOG_OPEN_P12, (t::FILTER_P12, &["p12", "pfx"])),
                            Pick::Module => (
                                t::DIALOG_OPEN_MODULE,
                                (t::FILTER_MODULE, &["so", "dll", "dylib"]),
                            ),
                            Pick::SignatureImage | Pick::SealImage => {
                                (t::DIALOG_OPEN_PNG, (t::FILTER_PNG, &["png"]))
                            }
                        };
                        Ok(dialogs.open_file(title, filter))
                    },
                    move |r| Message::Chosen(pick, r.ok().flatten()),
                ))
            }
            Message::Chosen(_, None) => Action::None,
            Message::Chosen(pick, Some(path)) => {
                match pick {
                    Pick::Pdf => self.pdf = Some(path),
                    Pick::P12 => self.p12 = Some(path),
                    Pick::Module => self.module = Some(path),
                    Pick::SignatureImage => self.signature_image = Some(path),
                    Pick::SealImage => self.seal_image = Some(path),
                    Pick::Verify => {
                        let file = path.clone();
                        let now = ctx.now();
                        return Action::Run(ctx.files(
                            move |ws| verify(ws, &file, now),
                            move |r| Message::Verified(path, r),
                        ));
                    }
                }
                Action::None
            }
            Message::Source(s) => {
                self.source = s;
                Action::None
            }
            Message::Slot(s) => {
                self.slot = s;
                Action::None
            }
            Message::Secret(s) => {
                self.secret = s;
                Action::None
            }
            Message::Role(r) => {
                self.role = r;
                Action::None
            }
            Message::Sign => {
                let ready = self.pdf.is_some()
                    && !self.secret.is_empty()
                    && match self.source {
                        Source::P12 => self.p12.is_some(),
                        Source::Token => self.module.is_some(),
                    };
                if !ready {
                    return Action::Notify(Notice::Error(t::SIGN_NEED.into()));
                }
                let dialogs = ctx.dialogs.clone();
                let name = self
                    .pdf
                    .as_deref()
                    .and_then(Path::file_stem)
                    .map(|s| format!("{}-da-ky.pdf", s.to_string_lossy()))
                    .unwrap_or_else(|| "da-ky.pdf".into());
                Action::Run(ctx.files(
                    move |_| {
                        Ok(dialogs.save_file(
                            t::DIALOG_SAVE_SIGNED,
                            &name,
                            (t::FILTER_PDF, &["pdf"]),
                        ))
                    },
                    |r| Message::SignTo(r.ok().flatten()),
                ))
            }
            Message::SignTo(None) => Action::None,
            Message::SignTo(Some(output)) => {
                let Some(input) = self.pdf.clone() else {
                    return Action::None;
                };
                // Taken out of the state: the secret lives only in the signing thread now.
                let secret = std::mem::take(&mut self.secret);
                let key = match self.source {
                    Source::P12 => self.p12.clone().map(|file| KeySpec::P12 {
                        file,
                        password: secret,
                        padding: RsaPadding::Pkcs1v15,
                    }),
                    Source::Token => self.module.clone().map(|module| KeySpec::Token {
                        module,
                        slot: self.slot.trim().parse().unwrap_or(0),
                        pin: secret,
                    }),
                };
                let Some(key) = key else {
                    return Action::Notify(Notice::Error(t::SIGN_NEED.into()));
                };
                let look = Appearance {
                    signature_image: self.signature_image.clone(),
                    seal_image: self.seal_image.clone(),
                    ..Appearance::new(self.role.0)
                };
                let now = ctx.now();
                let cancel = Cancel::default();
                let flag = cancel.clone();
                Action::Job {
                    label: t::SIGN_RUNNING.into(),
                    task: ctx.run(
                        move |store, _| {
                            flag.check()?;
                            let key = sign::open_key(&key, now)?;
                            drop(flag);
                            sign::sign_files(store, key.as_ref(), &[(input, output)], &look, now)
                        },
                        Message::Signed,
                    ),
                    cancel,
                }
            }
            Message::Signed(Ok(mut signed)) => match (signed.done.pop(), signed.failed.pop()) {
                (Some((_, path)), _) => {
                    let mut text = t::signed_to(&path);
                    for n in &signed.notices {
                        text.push_str(&format!(" Lưu ý: {n}"));
                    }
                    Action::Reload(Notice::Success(text))
                }
                (None, Some((_, e))) => Action::Notify(Notice::error(&e)),
                (None, None) => Action::None,
            },
            Message::Signed(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::Verified(path, Ok((ok, lines))) => {
                self.verified = Some((path, ok, lines));
                Action::None
            }
            Message::Verified(_, Err(e)) => Action::Notify(Notice::error(&e)),
        }
    }

    pub fn view(&self, _ctx: &Context) -> Element<'_, Message> {
        let path_line = |p: &Option<PathBuf>, none: &'static str| -> Element<'_, Message> {
            match p {
                Some(p) => text(p.display().to_string()).size(theme::SIZE_SMALL).into(),
                None => widget::note(none),
            }
        };
        let key: Element<'_, Message> = match self.source {
            Source::P12 => column![
                row![
                    button(text(t::SIGN_PICK_P12))
                        .on_press(Message::Choose(Pick::P12))
                        .style(theme::secondary),
                    path_line(&self.p12, ""),
                ]
                .spacing(theme::GAP),
                labelled(
                    t::SIGN_PASSWORD,
                    text_input(t::SIGN_PASSWORD, &self.secret)
                        .secure(true)
                        .on_input(Message::Secret),
                    None
                ),
            ]
            .spacing(theme::GAP)
            .into(),
            Source::Token => column![
                row![
                    button(text(t::SIGN_PICK_MODULE))
                        .on_press(Message::Choose(Pick::Module))
                        .style(theme::secondary),
                    path_line(&self.module, ""),
                ]
                .spacing(theme::GAP),
                labelled(
                    t::SIGN_SLOT,
                    text_input("0", &self.slot).on_input(Message::Slot),
                    None
                ),
                labelled(
                    t::SIGN_PIN,
                    text_input(t::SIGN_PIN, &self.secret)
                        .secure(true)
                        .on_input(Message::Secret),
                    None
                ),
            ]
            .spacing(theme::GAP)
            .into(),
        };
        let sign = widget::card(
            t::SIGN_TITLE,
            column![
                row![
                    button(text(t::SIGN_PICK_PDF))
                        .on_press(Message::Choose(Pick::Pdf))
                        .style(theme::secondary),
                    path_line(&self.pdf, t::SIGN_NO_PDF),
                ]
                .spacing(theme::GAP),
                text(t::SIGN_SOURCE).size(theme::SIZE_SMALL),
                row![
                    radio(t::SIGN_P12, Source::P12, Some(self.source), Message::Source),
                    radio(
                        t::SIGN_TOKEN,
                        Source::Token,
                        Some(self.source),
                        Message::Source
                    ),
                ]
                .spacing(theme::PAD),
                key,
                labelled(
                    t::SIGN_ROLE,
                    pick_list(ROLES, Some(self.role), Message::Role),
                    None
                ),
                row![
                    button(text(t::SIGN_SIGNATURE_IMAGE))
                        .on_press(Message::Choose(Pick::SignatureImage))
                        .style(theme::secondary),
                    path_line(&self.signature_image, ""),
                ]
                .spacing(theme::GAP),
                row![
                    button(text(t::SIGN_SEAL_IMAGE))
                        .on_press(Message::Choose(Pick::SealImage))
                        .style(theme::secondary),
                    path_line(&self.seal_image, ""),
                ]
                .spacing(theme::GAP),
                button(text(t::SIGN_DO))
                    .on_press(Message::Sign)
                    .style(theme::primary),
            ]
            .spacing(theme::GAP),
        );
        let mut result = Column::new().spacing(4);
        if let Some((path, ok, lines)) = &self.verified {
            result = result.push(text(path.display().to_string()).size(theme::SIZE_SMALL));
            result = result.push(if *ok {
                text(t::VERIFY_OK).style(theme::success_text)
            } else if lines.is_empty() {
                text(t::VERIFY_NONE).style(theme::warning_text)
            } else {
                text(t::VERIFY_BAD).style(theme::error_text)
            });
            for l in lines {
                result = result.push(text(l).size(theme::SIZE_SMALL));
            }
        }
        let verify = widget::card(
            t::VERIFY_TITLE,
            column![
                button(text(t::VERIFY_PICK))
                    .on_press(Message::Choose(Pick::Verify))
                    .style(theme::primary),
                result
            ]
            .spacing(theme::GAP),
        );
        scrollable(
            column![widget::title(t::NAV_SIGNING), sign, verify]
                .spacing(theme::PAD)
                .padding(theme::PAD)
                .max_width(900)
                .width(Length::Fill),
        )
        .into()
    }
}

/// Verifies a PDF against the trust folder; returns whether it passed and the lines to show:
/// the verdict in words first (an untrusted chain, the reason for a damaged file), then the
/// trust folder's skipped certificates and each signature.
pub fn verify(
    ws: &crate::ops::Workspace,
    file: &Path,
    now: crate::ops::Moment,
) -> Result<(bool, Vec<String>)> {
    let verified = sign::verify(ws, file, &[], now)?;
    let report = verified.report;
    let mut lines = vec![report.summary.clone()];
    lines.extend(verified.notices);
    for (i, s) in report.signatures.iter().enumerate() {
        if report.signatures.len() > 1 {
            lines.push(format!("Chữ ký {}:", i + 1));
        }
        lines.extend(t::verify_lines(s));
    }
    for c in &report.after_last {
        lines.push(format!("Thay đổi sau chữ ký cuối: {c}"));
    }
    Ok((report.ok && !report.signatures.is_empty(), lines))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::dialogs::Scripted;
    use std::sync::Arc;

    fn context(dir: &Path) -> Context {
        Context::new(
            crate::ops::Workspace::new(dir),
            Arc::new(Scripted::default()),
            crate::app::context::Clock::System,
        )
    }

    #[test]
    fn secret_is_required_and_taken_out_of_the_state() {
        let dir = tempfile::tempdir().expect("dir");
        let ctx = context(dir.path());
        let mut s = State::default();
        assert!(matches!(
            s.update(&ctx, Message::Sign),
            Action::Notify(Notice::Error(_))
        ));
        s.update(&ctx, Message::Chosen(Pick::Pdf, Some("a.pdf".into())));
        s.update(&ctx, Message::Chosen(Pick::P12, Some("k.p12".into())));
        s.update(&ctx, Message::Secret("mật-khẩu".into()));
        assert!(matches!(s.update(&ctx, Message::Sign), Action::Run(_)));
        assert!(matches!(
            s.update(&ctx, Message::SignTo(Some("b.pdf".into()))),
            Action::Job { .. }
        ));
        assert!(s.secret.is_empty(), "the password is not kept");
        let wrong = Error::Sign(crate::error::SignFault::WrongPassword {
            file: "k.p12".into(),
        });
        let failed = s.update(&ctx, Message::Signed(Err(wrong)));
        assert!(
            matches!(failed, Action::Notify(Notice::Error(m)) if m.contains("Sai mật khẩu") && !m.contains("--"))
        );
        s.update(&ctx, Message::Source(Source::Token));
        s.update(&ctx, Message::Secret("1234".into()));
        assert!(
            matches!(s.update(&ctx, Message::Sign), Action::Notify(_)),
            "no module yet"
        );
    }

    #[test]
    fn verifying_an_unsigned_pdf_says_so() {
        let dir = tempfile::tempdir().expect("dir");
        let doc = crate::export::example::decision(3, false);
        let pdf = crate::export::pdf::render_pdf(&doc).expect("pdf").bytes;
        let file = dir.path().join("chua-ky.pdf");
        std::fs::write(&file, pdf).expect("write");
        let (ok, lines) = verify(
            &crate::ops::Workspace::new(dir.path()),
            &file,
            crate::ops::Moment::fixed(chrono::Local::now().naive_local()),
        )
        .expect("a report");
        assert!(!ok);
        assert_eq!(lines, ["Tệp PDF không có chữ ký số nào."]);
    }
}
