//! Ký số: sign a registered document or any PDF with a .p12 file or a USB token (the password
//! or PIN is typed in a masked field, kept in memory only until the signature is made, never
//! stored, and checked by opening the key before the output path is asked), choosing the
//! signature image and, for the organisation's signature only, the seal image; verify a received
//! PDF against the office's trust store (`<data dir>/trust/`). Both through `ops::sign`, as the
//! command line does.
//!
//! Tokens are listed by what a clerk recognises: the token and each certificate's holder,
//! organisation and expiry, found where the Vietnamese CAs' installers put their modules, plus
//! any module the clerk added once («Thêm thư viện…», remembered in the data folder).
//!
//! A verification shows three separate answers per signature (the file is unchanged since
//! signing; who signed, with organisation and validity dates; whether the certificate chains to
//! a trusted CA of the trust folder), each coloured; the whole is green only when all hold,
//! amber «chữ ký đúng nhưng chưa xác định được nguồn tin cậy» for an intact signature of an
//! unknown source, red when broken.

use std::path::{Path, PathBuf};

use iced::widget::text_input;
use iced::widget::{Column, button, column, container, pick_list, radio, row, scrollable, text};
use iced::{Element, Length};

use super::{Action, Notice};
use crate::app::context::{Cancel, Context};
use crate::app::widget::form::labelled;
use crate::app::{text as t, theme, widget};
use crate::ops::sign::{
    self, Answer, Appearance, KeySpec, Role, RsaPadding, Scan, Signed, State as Verdicts, Verdict,
    Verified,
};
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

/// One certificate on an inserted token, as the clerk chooses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenChoice {
    /// The module that sees the token.
    pub module: PathBuf,
    /// The token's slot.
    pub slot: u64,
    /// The certificate's CKA_ID.
    pub certificate: String,
    /// «token X (VNPT-CA) — Nguyễn Văn A (UBND xã …), hết hạn 12/2027».
    pub label: String,
}

/// The choices of a scan, one per certificate, in the scan's order.
pub fn choices(scan: &Scan) -> Vec<TokenChoice> {
    scan.tokens
        .iter()
        .flat_map(|token| {
            token
                .certificates
                .iter()
                .zip(token.choices())
                .map(|(c, label)| TokenChoice {
                    module: token.module.path.clone(),
                    slot: token.slot,
                    certificate: c.id.clone(),
                    label,
                })
        })
        .collect()
}

#[derive(Debug)]
pub struct State {
    pub pdf: Option<PathBuf>,
    pub source: Source,
    pub p12: Option<PathBuf>,
    /// The last token scan (`None`: not scanned yet).
    pub scan: Option<Scan>,
    /// A scan is running.
    pub scanning: bool,
    /// The certificate chosen among `choices(scan)`.
    pub token: Option<usize>,
    /// The password or PIN: memory only, cleared after each attempt.
    pub secret: String,
    pub role: RoleChoice,
    pub signature_image: Option<PathBuf>,
    /// Only with the organisation role.
    pub seal_image: Option<PathBuf>,
    /// The key is being checked.
    pub checking: bool,
    /// The last verification: the file and what it found.
    pub verified: Option<(PathBuf, Verified)>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Choose(Pick),
    Chosen(Pick, Option<PathBuf>),
    Source(Source),
    Scan,
    Scanned(Scan),
    ModuleAdded(Result<(), Error>),
    PickToken(usize),
    Secret(String),
    Role(RoleChoice),
    Sign,
    KeyChecked(Result<(), Error>),
    SignTo(Option<PathBuf>),
    Signed(Result<Signed, Error>),
    Verified(PathBuf, Result<Verified, Error>),
}

impl Default for State {
    fn default() -> Self {
        State {
            pdf: None,
            source: Source::P12,
            p12: None,
            scan: None,
            scanning: false,
            token: None,
            secret: String::new(),
            role: ROLES[0],
            signature_image: None,
            seal_image: None,
            checking: false,
            verified: None,
        }
    }
}

impl State {
    /// Opens the signing form on a file (a registered document's output).
    pub fn sign_file(&mut self, pdf: PathBuf) {
        self.pdf = Some(pdf);
    }

    /// The token certificates offered.
    pub fn token_choices(&self) -> Vec<TokenChoice> {
        self.scan.as_ref().map(choices).unwrap_or_default()
    }

    /// The key as chosen, with the secret typed (cloned: it stays until the signature is made).
    fn key(&self) -> Option<KeySpec> {
        match self.source {
            Source::P12 => self.p12.clone().map(|file| KeySpec::P12 {
                file,
                password: self.secret.clone(),
                padding: RsaPadding::Pkcs1v15,
            }),
            Source::Token => {
                let choice = self.token_choices().into_iter().nth(self.token?)?;
                Some(KeySpec::Token {
                    module: choice.module,
                    slot: choice.slot,
                    certificate: Some(choice.certificate),
                    pin: self.secret.clone(),
                })
            }
        }
    }

    fn scan(&mut self, ctx: &Context) -> Action<Message> {
        self.scanning = true;
        let now = ctx.now();
        Action::Run(ctx.files(
            move |ws| Ok(sign::scan_tokens(ws, now)),
            |r| Message::Scanned(r.unwrap_or_default()),
        ))
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
                    Pick::Module => {
                        let now = ctx.now();
                        return Action::Run(ctx.files(
                            move |ws| sign::add_module(ws, &path, now),
                            Message::ModuleAdded,
                        ));
                    }
                    Pick::SignatureImage => self.signature_image = Some(path),
                    Pick::SealImage if self.role.0 == Role::Organization => {
                        self.seal_image = Some(path)
                    }
                    Pick::SealImage => {}
                    Pick::Verify => {
                        let file = path.clone();
                        let now = ctx.now();
                        return Action::Run(ctx.files(
                            move |ws| sign::verify(ws, &file, &[], now),
                            move |r| Message::Verified(path, r),
                        ));
                    }
                }
                Action::None
            }
            Message::Source(s) => {
                self.source = s;
                self.secret.clear();
                if s == Source::Token && self.scan.is_none() && !self.scanning {
                    return self.scan(ctx);
                }
                Action::None
            }
            Message::Scan => self.scan(ctx),
            Message::Scanned(scan) => {
                self.scanning = false;
                let offered = choices(&scan);
                // Keep the certificate chosen when it is still there; a single one is chosen.
                let kept = self
                    .token
                    .and_then(|i| self.token_choices().into_iter().nth(i))
                    .and_then(|c| offered.iter().position(|o| *o == c));
                self.token = kept.or((offered.len() == 1).then_some(0));
                self.scan = Some(scan);
                Action::None
            }
            Message::ModuleAdded(Ok(())) => self.scan(ctx),
            Message::ModuleAdded(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::PickToken(i) => {
                self.token = Some(i);
                Action::None
            }
            Message::Secret(s) => {
                self.secret = s;
                Action::None
            }
            Message::Role(r) => {
                self.role = r;
                if r.0 != Role::Organization {
                    // A seal belongs to the organisation's signature only.
                    self.seal_image = None;
                }
                Action::None
            }
            Message::Sign => {
                let key = self.key();
                let (true, false, Some(key)) = (self.pdf.is_some(), self.secret.is_empty(), key)
                else {
                    return Action::Notify(Notice::Error(
                        match self.source {
                            Source::P12 => t::SIGN_NEED,
                            Source::Token => t::SIGN_NEED_TOKEN,
                        }
                        .into(),
                    ));
                };
                // The password is checked before the clerk is asked where to save.
                self.checking = true;
                let now = ctx.now();
                Action::Run(ctx.files(
                    move |_| sign::open_key(&key, now).map(drop),
                    Message::KeyChecked,
                ))
            }
            Message::KeyChecked(Err(e)) => {
                self.checking = false;
                self.secret.clear();
                Action::Notify(Notice::error(&e))
            }
            Message::KeyChecked(Ok(())) => {
                self.checking = false;
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
            Message::SignTo(None) => {
                self.secret.clear();
                Action::None
            }
            Message::SignTo(Some(output)) => {
                let Some(input) = self.pdf.clone() else {
                    return Action::None;
                };
                let key = self.key();
                // Out of the state: the secret lives only in the signing thread now.
                self.secret.clear();
                let Some(key) = key else {
                    return Action::Notify(Notice::Error(t::SIGN_NEED.into()));
                };
                let look = Appearance {
                    signature_image: self.signature_image.clone(),
                    seal_image: self
                        .seal_image
                        .clone()
                        .filter(|_| self.role.0 == Role::Organization),
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
            Message::Verified(path, Ok(verified)) => {
                self.verified = Some((path, verified));
                Action::None
            }
            Message::Verified(_, Err(e)) => Action::Notify(Notice::error(&e)),
        }
    }

    fn token_panel(&self) -> Element<'_, Message> {
        let mut col = Column::new().spacing(theme::GAP);
        let offered = self.token_choices();
        if self.scanning {
            col = col.push(widget::note(t::TOKEN_SCANNING));
        } else if offered.is_empty() {
            col = col.push(text(t::TOKEN_NONE).style(theme::warning_text));
        } else {
            col = col.push(text(t::TOKEN_FOUND).size(theme::SIZE_SMALL));
            // Rows rather than radios: a long label wraps, and the whole row is the target.
            for (i, c) in offered.iter().enumerate() {
                let chosen = self.token == Some(i);
                col = col.push(
                    button(
                        row![
                            text(if chosen { "●" } else { "○" }),
                            text(c.label.clone()).width(Length::Fill)
                        ]
                        .spacing(theme::GAP),
                    )
                    .on_press(Message::PickToken(i))
                    .style(theme::choice(chosen))
                    .width(Length::Fill)
                    .padding([6.0, 10.0]),
                );
            }
        }
        if let Some(scan) = &self.scan {
            for token in scan.tokens.iter().filter(|t| t.certificates.is_empty()) {
                for line in token.choices() {
                    col = col.push(widget::note(line));
                }
            }
            for (module, why) in &scan.problems {
                col = col.push(
                    text(t::token_problem(module, why))
                        .size(theme::SIZE_SMALL)
                        .style(theme::error_text),
                );
            }
        }
        col.push(
            row![
                button(text(t::TOKEN_RESCAN))
                    .on_press_maybe((!self.scanning).then_some(Message::Scan))
                    .style(theme::secondary),
                button(text(t::TOKEN_ADD_MODULE))
                    .on_press(Message::Choose(Pick::Module))
                    .style(theme::secondary),
            ]
            .spacing(theme::GAP),
        )
        .push(labelled(
            t::SIGN_PIN,
            text_input(t::SIGN_PIN, &self.secret)
                .secure(true)
                .on_input(Message::Secret),
            None,
        ))
        .into()
    }

    fn sign_card(&self) -> Element<'_, Message> {
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
            Source::Token => self.token_panel(),
        };
        let mut form = column![
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
        ]
        .spacing(theme::GAP);
        if self.role.0 == Role::Organization {
            form = form.push(
                row![
                    button(text(t::SIGN_SEAL_IMAGE))
                        .on_press(Message::Choose(Pick::SealImage))
                        .style(theme::secondary),
                    path_line(&self.seal_image, ""),
                ]
                .spacing(theme::GAP),
            );
        }
        form = form.push(
            button(text(if self.checking {
                t::SIGN_CHECKING
            } else {
                t::SIGN_DO
            }))
            .on_press_maybe((!self.checking).then_some(Message::Sign))
            .style(theme::primary),
        );
        widget::card(t::SIGN_TITLE, form)
    }

    fn verify_card(&self) -> Element<'_, Message> {
        let mut body = column![
            button(text(t::VERIFY_PICK))
                .on_press(Message::Choose(Pick::Verify))
                .style(theme::primary),
        ]
        .spacing(theme::GAP);
        if let Some((path, verified)) = &self.verified {
            body = body.push(verification(path, verified));
        }
        widget::card(t::VERIFY_TITLE, body)
    }

    pub fn view(&self, _ctx: &Context) -> Element<'_, Message> {
        // Side by side where the screen is wide enough, so a verification is seen without
        // scrolling past the signing form; one above the other on a small screen.
        iced::widget::responsive(move |size| {
            fn pane(e: Element<'_, Message>) -> Element<'_, Message> {
                scrollable(container(e).padding(theme::PAD))
                    .height(Length::Fill)
                    .width(Length::FillPortion(1))
                    .into()
            }
            if size.width >= 1000.0 {
                column![
                    container(widget::title(t::NAV_SIGNING)).padding([theme::PAD, theme::PAD]),
                    row![pane(self.sign_card()), pane(self.verify_card())],
                ]
                .into()
            } else {
                scrollable(
                    column![
                        widget::title(t::NAV_SIGNING),
                        self.sign_card(),
                        self.verify_card()
                    ]
                    .spacing(theme::PAD)
                    .padding(theme::PAD)
                    .width(Length::Fill),
                )
                .into()
            }
        })
        .into()
    }
}

/// The colour of an answer.
fn tone(v: Verdict) -> fn(&iced::Theme) -> container::Style {
    match v {
        Verdict::Good => theme::good_box,
        Verdict::Warning => theme::warning_box,
        Verdict::Bad => theme::bad_box,
    }
}

/// The whole file's verdict in words and colour: green only when every answer holds.
pub fn headline(state: Verdicts) -> (&'static str, Option<Verdict>) {
    match state {
        Verdicts::Valid => (t::VERIFY_OK, Some(Verdict::Good)),
        Verdicts::ValidUntrusted => (t::VERIFY_UNTRUSTED, Some(Verdict::Warning)),
        Verdicts::Invalid => (t::VERIFY_BAD, Some(Verdict::Bad)),
        Verdicts::Damaged => (t::VERIFY_DAMAGED, Some(Verdict::Bad)),
        Verdicts::NoSignature => (t::VERIFY_NONE, None),
    }
}

fn answer<'a>(title: &'a str, a: &'a Answer) -> Element<'a, Message> {
    container(
        column![
            text(title).size(theme::SIZE_SMALL).font(theme::UI_BOLD),
            text(&a.text).size(theme::SIZE_BODY),
        ]
        .spacing(2),
    )
    .padding([6.0, theme::GAP * 1.5])
    .width(Length::Fill)
    .style(tone(a.verdict))
    .into()
}

/// A verification: the file, the verdict, and the three answers of each signature.
fn verification<'a>(path: &'a Path, v: &'a Verified) -> Element<'a, Message> {
    let report = &v.report;
    let (words, colour) = headline(report.state);
    let banner: Element<'a, Message> = match colour {
        Some(c) => container(text(words).size(theme::SIZE_HEADING).font(theme::UI_BOLD))
            .padding(theme::GAP * 1.5)
            .width(Length::Fill)
            .style(tone(c))
            .into(),
        None => text(words).style(theme::muted_text).into(),
    };
    let mut col = column![
        text(path.display().to_string()).size(theme::SIZE_SMALL),
        banner
    ]
    .spacing(theme::GAP);
    if report.signatures.is_empty() && report.state != Verdicts::NoSignature {
        col = col.push(text(&report.summary).style(theme::error_text));
    }
    for (i, s) in report.signatures.iter().enumerate() {
        col = col.push(
            text(t::signature_heading(i + 1, s.signing_time.as_deref()))
                .size(theme::SIZE_BODY)
                .font(theme::UI_BOLD),
        );
        col = col.push(answer(t::ANSWER_INTEGRITY, &s.answers.integrity));
        col = col.push(answer(t::ANSWER_SIGNER, &s.answers.signer));
        col = col.push(answer(t::ANSWER_TRUST, &s.answers.trust));
    }
    for c in &report.after_last {
        col = col.push(widget::note(format!("Thay đổi sau chữ ký cuối: {c}")));
    }
    for n in &v.notices {
        col = col.push(widget::note(n.as_str()));
    }
    col.into()
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
    fn the_key_is_checked_before_the_output_is_asked_and_the_secret_is_not_kept() {
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
        assert!(s.checking, "the key is opened first");
        let wrong = Error::Sign(crate::error::SignFault::WrongPassword {
            file: "k.p12".into(),
        });
        let failed = s.update(&ctx, Message::KeyChecked(Err(wrong)));
        assert!(
            matches!(failed, Action::Notify(Notice::Error(m)) if m.contains("Sai mật khẩu") && !m.contains("--"))
        );
        assert!(s.secret.is_empty(), "a wrong password is not kept");
        s.update(&ctx, Message::Secret("mật-khẩu".into()));
        assert!(matches!(
            s.update(&ctx, Message::SignTo(Some("b.pdf".into()))),
            Action::Job { .. }
        ));
        assert!(s.secret.is_empty(), "the password is not kept");
        s.update(&ctx, Message::Source(Source::Token));
        s.update(&ctx, Message::Secret("1234".into()));
        assert!(
            matches!(s.update(&ctx, Message::Sign), Action::Notify(_)),
            "no token chosen yet"
        );
    }

    #[test]
    fn the_seal_goes_with_the_organisation_role_only() {
        let dir = tempfile::tempdir().expect("dir");
        let ctx = context(dir.path());
        let mut s = State::default();
        s.update(
            &ctx,
            Message::Chosen(Pick::SealImage, Some("dau.png".into())),
        );
        assert_eq!(s.seal_image, None, "not with the signer's role");
        s.update(&ctx, Message::Role(ROLES[1]));
        s.update(
            &ctx,
            Message::Chosen(Pick::SealImage, Some("dau.png".into())),
        );
        assert_eq!(s.seal_image, Some("dau.png".into()));
        s.update(&ctx, Message::Role(ROLES[0]));
        assert_eq!(s.seal_image, None, "dropped when the role changes back");
    }

    #[test]
    fn verifying_an_unsigned_pdf_says_so() {
        let dir = tempfile::tempdir().expect("dir");
        let doc = crate::export::example::decision(3, false);
        let pdf = crate::export::pdf::render_pdf(&doc).expect("pdf").bytes;
        let file = dir.path().join("chua-ky.pdf");
        std::fs::write(&file, pdf).expect("write");
        let v = sign::verify(
            &crate::ops::Workspace::new(dir.path()),
            &file,
            &[],
            crate::ops::Moment::fixed(chrono::Local::now().naive_local()),
        )
        .expect("a report");
        assert_eq!(v.report.state, Verdicts::NoSignature);
        assert_eq!(headline(v.report.state), (t::VERIFY_NONE, None));
        let amber = headline(Verdicts::ValidUntrusted);
        assert!(amber.0.to_lowercase().contains(sign::INTACT_UNTRUSTED));
        assert_eq!(amber.1, Some(Verdict::Warning));
    }
}
