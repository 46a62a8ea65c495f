//! Cài đặt: the office profile and signer (`Office`), document symbols, the templates folder
//! (open, reset to the shipped templates), the trust store folder, and backups (make now,
//! restore with confirmation; the automatic daily backup runs at start, see `app::auto_backup`),
//! and «Giới thiệu»: what `platform::about` says, with the log folder for support.

use std::path::PathBuf;

use iced::widget::{button, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length};

use super::{Action, Confirm, Notice, Shortcut};
use crate::app::context::{Cancel, Context};
use crate::app::widget::form::{field, labelled};
use crate::app::{text as t, theme, widget};
use crate::model::{Office, SigningMode};
use crate::ops::registry::UnitChoice;
use crate::ops::{self, Workspace};

#[derive(Debug, Default)]
pub struct State {
    /// The profile as edited.
    pub office: Office,
    /// Whether it differs from the saved one.
    pub dirty: bool,
    restore_from: Option<PathBuf>,
    /// The composition rules section (its own file).
    pub rules: super::rules::Section,
    /// The yearly targets grid (its own file).
    pub targets: super::targets::Section,
    /// The office's own indicators and the deadlines (its own file).
    pub indicators: super::own_indicators::Section,
}

/// The office fields the form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeField {
    ParentBody,
    IssuingBody,
    Place,
    SymbolOrg,
    DraftingUnit,
    HeadTitle,
    SignerTitle,
    SignerName,
    ReportTo,
    FocalName,
    FocalPhone,
    FocalEmail,
    Proposer,
    Authority,
    Collective,
    FocalTitle,
}

impl OfficeField {
    fn label(self) -> &'static str {
        match self {
            OfficeField::ParentBody => t::OFFICE_PARENT,
            OfficeField::IssuingBody => t::OFFICE_ISSUING,
            OfficeField::Place => t::OFFICE_PLACE,
            OfficeField::SymbolOrg => t::OFFICE_SYMBOL,
            OfficeField::DraftingUnit => t::OFFICE_DRAFTING,
            OfficeField::HeadTitle => t::OFFICE_HEAD,
            OfficeField::SignerTitle => t::OFFICE_SIGNER_TITLE,
            OfficeField::SignerName => t::OFFICE_SIGNER_NAME,
            OfficeField::ReportTo => t::OFFICE_REPORT_TO,
            OfficeField::FocalName => t::OFFICE_FOCAL_NAME,
            OfficeField::FocalPhone => t::OFFICE_FOCAL_PHONE,
            OfficeField::FocalEmail => t::OFFICE_FOCAL_EMAIL,
            OfficeField::Proposer => t::OFFICE_PROPOSER,
            OfficeField::Authority => t::OFFICE_AUTHORITY,
            OfficeField::Collective => t::OFFICE_COLLECTIVE,
            OfficeField::FocalTitle => t::OFFICE_FOCAL_TITLE,
        }
    }

    fn slot(self, o: &mut Office) -> &mut String {
        match self {
            OfficeField::ParentBody => &mut o.parent_body,
            OfficeField::IssuingBody => &mut o.issuing_body,
            OfficeField::Place => &mut o.place,
            OfficeField::SymbolOrg => &mut o.symbol_org,
            OfficeField::DraftingUnit => &mut o.drafting_unit,
            OfficeField::HeadTitle => &mut o.head_title,
            OfficeField::SignerTitle => &mut o.signer_title,
            OfficeField::SignerName => &mut o.signer_name,
            OfficeField::ReportTo => &mut o.report_to,
            OfficeField::FocalName => &mut o.focal_name,
            OfficeField::FocalPhone => &mut o.focal_phone,
            OfficeField::FocalEmail => &mut o.focal_email,
            OfficeField::Proposer => &mut o.proposer,
            OfficeField::Authority => &mut o.authority,
            OfficeField::Collective => &mut o.collective,
            OfficeField::FocalTitle => &mut o.focal_title,
        }
    }

    fn get(self, o: &Office) -> &str {
        match self {
            OfficeField::ParentBody => &o.parent_body,
            OfficeField::IssuingBody => &o.issuing_body,
            OfficeField::Place => &o.place,
            OfficeField::SymbolOrg => &o.symbol_org,
            OfficeField::DraftingUnit => &o.drafting_unit,
            OfficeField::HeadTitle => &o.head_title,
            OfficeField::SignerTitle => &o.signer_title,
            OfficeField::SignerName => &o.signer_name,
            OfficeField::ReportTo => &o.report_to,
            OfficeField::FocalName => &o.focal_name,
            OfficeField::FocalPhone => &o.focal_phone,
            OfficeField::FocalEmail => &o.focal_email,
            OfficeField::Proposer => &o.proposer,
            OfficeField::Authority => &o.authority,
            OfficeField::Collective => &o.collective,
            OfficeField::FocalTitle => &o.focal_title,
        }
    }
}

const OFFICE_FIELDS: [OfficeField; 7] = [
    OfficeField::ParentBody,
    OfficeField::IssuingBody,
    OfficeField::Place,
    OfficeField::Authority,
    OfficeField::DraftingUnit,
    OfficeField::Proposer,
    OfficeField::ReportTo,
];
const CONTACT_FIELDS: [OfficeField; 4] = [
    OfficeField::FocalName,
    OfficeField::FocalTitle,
    OfficeField::FocalPhone,
    OfficeField::FocalEmail,
];
const SIGNER_FIELDS: [OfficeField; 4] = [
    OfficeField::HeadTitle,
    OfficeField::Collective,
    OfficeField::SignerTitle,
    OfficeField::SignerName,
];

/// A signing mode in the picker (Nghị định 30, App. I, ô 7a).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModeChoice(pub SigningMode);

impl std::fmt::Display for ModeChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(t::signing_mode(self.0))
    }
}

const MODES: [ModeChoice; 7] = [
    ModeChoice(SigningMode::Direct),
    ModeChoice(SigningMode::Kt),
    ModeChoice(SigningMode::Tm),
    ModeChoice(SigningMode::TmKt),
    ModeChoice(SigningMode::Q),
    ModeChoice(SigningMode::Tl),
    ModeChoice(SigningMode::Tuq),
];

const SYMBOL_FIELDS: [OfficeField; 1] = [OfficeField::SymbolOrg];

/// The folders the settings open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    Data,
    Templates,
    Trust,
    Backups,
    Logs,
}

#[derive(Debug, Clone)]
pub enum Message {
    Edit(OfficeField, String),
    /// How the signer signs.
    Mode(ModeChoice),
    /// A new, empty deputy row.
    DeputyAdd,
    /// A deputy's title or name (`true`: the title) as typed.
    DeputyEdit(usize, bool, String),
    DeputyRemove(usize),
    /// The office's own unit.
    OwnUnit(UnitChoice),
    Save,
    Saved(Result<Box<Office>, crate::Error>),
    Open(Folder),
    Opened(Result<(), crate::Error>),
    ResetTemplates,
    ResetConfirmed,
    ResetDone(Result<usize, crate::Error>),
    BackupNow,
    BackedUp(Result<PathBuf, crate::Error>),
    Restore,
    RestorePicked(Option<PathBuf>),
    RestoreConfirmed,
    Restored(Result<Option<PathBuf>, crate::Error>),
    Rules(super::rules::Message),
    Targets(super::targets::Message),
    Indicators(super::own_indicators::Message),
    /// The focal officials of the communes, one per commune, to a spreadsheet.
    ExportFocal,
    ExportFocalTo(Option<PathBuf>),
    ExportedFocal(Result<(PathBuf, usize), crate::Error>),
}

impl State {
    /// A new snapshot: takes the saved profile unless the clerk is editing.
    pub fn refresh(&mut self, ctx: &Context) {
        if !self.dirty {
            self.office = ctx.registry.office.clone();
        }
        self.rules.refresh(ctx);
        if self.targets.year.is_empty() {
            // The year the documents screen drafts a plan for by default.
            self.targets.year = chrono::Datelike::year(&ctx.today()).to_string();
        }
    }

    pub fn shortcut(&mut self, ctx: &Context, s: Shortcut) -> Action<Message> {
        match s {
            Shortcut::Save => self.update(ctx, Message::Save),
            _ => Action::None,
        }
    }

    pub fn update(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::Rules(m) => self.rules.update(ctx, m).map(Message::Rules),
            Message::Targets(m) => self.targets.update(ctx, m).map(Message::Targets),
            Message::Indicators(m) => self.indicators.update(ctx, m).map(Message::Indicators),
            Message::ExportFocal => Action::Run(crate::app::dialogs::save_sheet(
                &ctx.dialogs,
                t::FOCAL_FILE,
                Message::ExportFocalTo,
            )),
            Message::ExportFocalTo(None) => Action::None,
            Message::ExportFocalTo(Some(dest)) => {
                let Some(unit) = ctx.registry.home_unit().cloned() else {
                    return Action::Notify(Notice::Error(t::FOCAL_NO_UNIT.into()));
                };
                Action::Run(ctx.run(
                    move |store, _| {
                        ops::focal::export(store, &unit, &dest).map(|n| (dest.clone(), n))
                    },
                    Message::ExportedFocal,
                ))
            }
            Message::ExportedFocal(Ok((path, n))) => {
                Action::Notify(Notice::Success(t::focal_exported(n, &path)))
            }
            Message::ExportedFocal(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::Edit(f, v) => {
                *f.slot(&mut self.office) = v;
                self.dirty = true;
                Action::None
            }
            Message::Mode(m) => {
                self.office.signing_mode = m.0;
                self.dirty = true;
                Action::None
            }
            Message::DeputyAdd => {
                self.office.deputies.push(crate::model::Deputy::default());
                self.dirty = true;
                Action::Run(iced::widget::operation::focus(deputy_id(
                    self.office.deputies.len() - 1,
                )))
            }
            Message::DeputyEdit(i, title, v) => {
                if let Some(d) = self.office.deputies.get_mut(i) {
                    *(if title { &mut d.title } else { &mut d.name }) = v;
                    self.dirty = true;
                }
                Action::None
            }
            Message::DeputyRemove(i) => {
                if i < self.office.deputies.len() {
                    self.office.deputies.remove(i);
                    self.dirty = true;
                }
                Action::None
            }
            Message::OwnUnit(u) => {
                if let Some(unit) = ctx.registry.unit(u.id) {
                    self.office.unit_code = Some(unit.code.clone());
                    self.dirty = true;
                }
                Action::None
            }
            Message::Save => {
                let office = self.office.clone();
                Action::Run(ctx.run(
                    move |store, _| ops::settings::save_office(store, &office).map(Box::new),
                    Message::Saved,
                ))
            }
            Message::Saved(result) => match result {
                Ok(office) => {
                    self.office = *office;
                    self.dirty = false;
                    Action::Reload(Notice::Success(t::OFFICE_SAVED.into()))
                }
                Err(e) => Action::Notify(Notice::error(&e)),
            },
            Message::Open(f) => {
                let path = folder(&ctx.ws, f);
                let dialogs = ctx.dialogs.clone();
                Action::Run(ctx.files(
                    move |_| {
                        std::fs::create_dir_all(&path).map_err(|e| crate::Error::io(&path, e))?;
                        dialogs.reveal(&path);
                        Ok(())
                    },
                    Message::Opened,
                ))
            }
            Message::ResetTemplates => Action::Confirm(Confirm {
                text: t::TEMPLATES_RESET_CONFIRM.into(),
                yes: Message::ResetConfirmed,
            }),
            Message::ResetConfirmed => {
                Action::Run(ctx.files(ops::settings::reset_templates, Message::ResetDone))
            }
            Message::Opened(Ok(())) => Action::None,
            Message::Opened(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::ResetDone(result) => match result {
                Ok(n) => Action::Notify(Notice::Success(t::templates_reset_done(n))),
                Err(e) => Action::Notify(Notice::error(&e)),
            },
            Message::BackupNow => {
                let now = ctx.now();
                let cancel = Cancel::default();
                let flag = cancel.clone();
                Action::Job {
                    label: t::BACKUP_RUNNING.into(),
                    task: ctx.run(
                        move |store, ws| {
                            flag.check()?;
                            ops::data::backup_now(store, ws, now.local)
                        },
                        Message::BackedUp,
                    ),
                    cancel,
                }
            }
            Message::BackedUp(result) => match result {
                Ok(p) => Action::Notify(Notice::Success(t::backup_done(&p))),
                Err(e) => Action::Notify(Notice::error(&e)),
            },
            Message::Restore => {
                let dialogs = ctx.dialogs.clone();
                Action::Run(ctx.files(
                    move |_| Ok(dialogs.open_file(t::DIALOG_OPEN_BACKUP, (t::FILTER_DB, &["db"]))),
                    |r| Message::RestorePicked(r.ok().flatten()),
                ))
            }
            Message::RestorePicked(None) => Action::None,
            Message::RestorePicked(Some(p)) => {
                self.restore_from = Some(p);
                Action::Confirm(Confirm {
                    text: t::RESTORE_CONFIRM.into(),
                    yes: Message::RestoreConfirmed,
                })
            }
            Message::RestoreConfirmed => {
                let Some(from) = self.restore_from.take() else {
                    return Action::None;
                };
                let now = ctx.now();
                Action::Job {
                    label: t::RESTORE_RUNNING.into(),
                    task: ctx.files(
                        move |ws| ops::data::restore(ws, &from, now.local),
                        Message::Restored,
                    ),
                    cancel: Cancel::default(),
                }
            }
            Message::Restored(result) => match result {
                Ok(kept) => {
                    self.dirty = false;
                    Action::Reload(Notice::Success(t::restore_done(kept.as_deref())))
                }
                Err(e) => Action::Notify(Notice::error(&e)),
            },
        }
    }

    /// The office's own unit: the commune, district or province it serves (its documents speak
    /// for it; a commune below it drafts in that commune's name).
    fn own_unit<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let reg = &ctx.registry;
        let choices = reg.unit_choices();
        let selected = self.office.unit_code.as_deref().and_then(|code| {
            choices
                .iter()
                .find(|c| reg.unit(c.id).is_some_and(|u| u.code == code))
                .cloned()
        });
        pick_list(choices, selected, Message::OwnUnit)
            .placeholder(t::OFFICE_OWN_UNIT_NONE)
            .width(Length::Fill)
            .into()
    }

    /// The deputies who may sign for the head (`KT.`): title and name per row; the draft form
    /// chooses among them.
    fn deputies(&self) -> Element<'_, Message> {
        let mut list = column![text(t::OFFICE_DEPUTIES)].spacing(4);
        for (i, d) in self.office.deputies.iter().enumerate() {
            list = list.push(
                row![
                    text_input(t::OFFICE_DEPUTY_TITLE, &d.title)
                        .id(deputy_id(i))
                        .on_input(move |v| Message::DeputyEdit(i, true, v))
                        .width(Length::FillPortion(2)),
                    text_input(t::OFFICE_DEPUTY_NAME, &d.name)
                        .id(iced::widget::Id::from(format!("deputy-name-{i}")))
                        .on_input(move |v| Message::DeputyEdit(i, false, v))
                        .width(Length::FillPortion(3)),
                    button(text(t::OFFICE_DEPUTY_REMOVE))
                        .on_press(Message::DeputyRemove(i))
                        .style(theme::secondary),
                ]
                .spacing(theme::GAP)
                .align_y(iced::Alignment::Center),
            );
        }
        list.push(widget::note(t::OFFICE_DEPUTIES_HINT))
            .push(
                button(text(t::OFFICE_DEPUTY_ADD))
                    .on_press(Message::DeputyAdd)
                    .style(theme::secondary),
            )
            .into()
    }

    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let fields = |list: &'static [OfficeField]| {
            column(list.iter().map(|&f| {
                field(f.label(), f.get(&self.office), None, move |v| {
                    Message::Edit(f, v)
                })
            }))
            .spacing(theme::GAP)
        };
        let folder_row = |label: &'static str, f: Folder| {
            row![
                column![
                    text(label),
                    widget::note(folder(&ctx.ws, f).display().to_string())
                ]
                .width(Length::Fill),
                button(text(t::OPEN))
                    .on_press(Message::Open(f))
                    .style(theme::secondary),
            ]
            .spacing(theme::GAP)
        };
        let page: Element<'a, Message> = scrollable(
            column![
                // «Lưu» beside the title: in view whichever field the clerk changed (Ctrl+S too).
                row![
                    container(widget::title(t::NAV_SETTINGS)).width(Length::Fill),
                    button(text(super::targets::SHOW))
                        .on_press(Message::Targets(super::targets::Message::Show))
                        .style(theme::secondary),
                    button(text(super::own_indicators::SHOW))
                        .on_press(Message::Indicators(super::own_indicators::Message::Show))
                        .style(theme::secondary),
                    button(text(t::SAVE))
                        .on_press(Message::Save)
                        .style(theme::primary),
                ]
                .align_y(iced::Alignment::Center),
                // Two columns on a clerk's 1366-pixel screen: the issuer on the left, the signer,
                // the focal official and the save button on the right, all in view at once.
                row![
                    widget::card(
                        t::SETTINGS_OFFICE,
                        column![
                            labelled(t::OFFICE_OWN_UNIT, self.own_unit(ctx), None),
                            fields(&OFFICE_FIELDS),
                            fields(&SYMBOL_FIELDS)
                        ]
                        .spacing(theme::GAP)
                    ),
                    column![
                        widget::card(
                            t::SETTINGS_SIGNER,
                            column![
                                labelled(
                                    t::OFFICE_SIGNING_MODE,
                                    pick_list(
                                        MODES,
                                        Some(ModeChoice(self.office.signing_mode)),
                                        Message::Mode
                                    )
                                    .width(Length::Fill),
                                    None
                                ),
                                widget::note(t::OFFICE_SIGNING_HINT),
                                fields(&SIGNER_FIELDS),
                                self.deputies(),
                            ]
                            .spacing(theme::GAP)
                        ),
                        widget::card(
                            t::SETTINGS_FOCAL,
                            column![
                                fields(&CONTACT_FIELDS),
                                button(text(t::FOCAL_EXPORT))
                                    .on_press(Message::ExportFocal)
                                    .style(theme::secondary),
                            ]
                            .spacing(theme::GAP)
                        ),
                    ]
                    .spacing(theme::GAP)
                ]
                .spacing(theme::GAP),
                self.rules.view().map(Message::Rules),
                widget::card(
                    t::SETTINGS_FOLDERS,
                    column![
                        folder_row(t::DATA_FOLDER, Folder::Data),
                        folder_row(t::TEMPLATES_FOLDER, Folder::Templates),
                        button(text(t::TEMPLATES_RESET))
                            .on_press(Message::ResetTemplates)
                            .style(theme::secondary),
                        folder_row(t::TRUST_FOLDER, Folder::Trust),
                    ]
                    .spacing(theme::GAP)
                ),
                widget::card(
                    t::SETTINGS_BACKUP,
                    column![
                        widget::note(t::BACKUP_AUTO),
                        row![
                            button(text(t::BACKUP_NOW))
                                .on_press(Message::BackupNow)
                                .style(theme::primary),
                            button(text(t::BACKUP_RESTORE))
                                .on_press(Message::Restore)
                                .style(theme::danger),
                            button(text(t::OPEN))
                                .on_press(Message::Open(Folder::Backups))
                                .style(theme::secondary),
                        ]
                        .spacing(theme::GAP)
                    ]
                    .spacing(theme::GAP)
                ),
                about(ctx),
            ]
            .spacing(theme::PAD)
            .padding(theme::PAD)
            .max_width(900),
        )
        .into();
        match (self.targets.overlay(), self.indicators.overlay()) {
            (Some(grid), _) => iced::widget::stack![page, grid.map(Message::Targets)].into(),
            (None, Some(panel)) => {
                iced::widget::stack![page, panel.map(Message::Indicators)].into()
            }
            (None, None) => page,
        }
    }
}

/// The title field of deputy row `i` (`deputy-0`…), focused when the row is added; its name
/// field is `deputy-name-0`….
fn deputy_id(i: usize) -> iced::widget::Id {
    iced::widget::Id::from(format!("deputy-{i}"))
}

/// The folder paths.
pub fn folder(ws: &Workspace, f: Folder) -> PathBuf {
    match f {
        Folder::Data => ws.data_dir().to_path_buf(),
        Folder::Templates => ws.templates_dir(),
        Folder::Trust => ws.trust_dir(),
        Folder::Backups => ws.backups_dir(),
        Folder::Logs => crate::platform::log::dir(ws.data_dir()),
    }
}

/// «Giới thiệu»: version, data folder, schema version, fonts and their licence, the log.
fn about(ctx: &Context) -> Element<'_, Message> {
    let about = crate::platform::about::About::new(ctx.ws.data_dir(), ops::data::SCHEMA_VERSION);
    let lines = about.lines().into_iter().map(|(label, value)| {
        row![
            text(label).width(Length::Fixed(200.0)),
            text(value).width(Length::Fill)
        ]
        .spacing(theme::GAP)
        .into()
    });
    widget::card(
        t::SETTINGS_ABOUT,
        column(lines)
            .push(widget::note(t::ABOUT_LOGS_NOTE))
            .push(
                button(text(t::OPEN_LOGS))
                    .on_press(Message::Open(Folder::Logs))
                    .style(theme::secondary),
            )
            .spacing(theme::GAP),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::dialogs::Scripted;
    use std::sync::Arc;

    #[test]
    fn edit_save_restore_and_reset_ask_first() {
        let dir = tempfile::tempdir().expect("dir");
        let ctx = Context::new(
            Workspace::new(dir.path()),
            Arc::new(Scripted::default()),
            crate::app::context::Clock::System,
        );
        let mut s = State::default();
        s.update(
            &ctx,
            Message::Edit(OfficeField::SignerName, "  Trần   Văn Bình ".into()),
        );
        assert!(s.dirty);
        // A snapshot arriving while editing keeps what the clerk typed.
        s.refresh(&ctx);
        assert_eq!(s.office.signer_name, "  Trần   Văn Bình ");
        assert!(matches!(s.shortcut(&ctx, Shortcut::Save), Action::Run(_)));
        let saved = Office {
            signer_name: "Trần Văn Bình".into(),
            ..Office::default()
        };
        assert!(matches!(
            s.update(&ctx, Message::Saved(Ok(Box::new(saved)))),
            Action::Reload(_)
        ));
        assert!(!s.dirty);
        assert_eq!(s.office.signer_name, "Trần Văn Bình");
        assert!(matches!(
            s.update(&ctx, Message::ResetTemplates),
            Action::Confirm(_)
        ));
        assert!(s.update(&ctx, Message::RestorePicked(None)).is_none());
        let Action::Confirm(c) = s.update(&ctx, Message::RestorePicked(Some("b.db".into()))) else {
            panic!("restore asks first");
        };
        assert!(matches!(s.update(&ctx, c.yes), Action::Job { .. }));
        assert!(matches!(
            s.update(&ctx, Message::BackupNow),
            Action::Job { .. }
        ));
    }
}
