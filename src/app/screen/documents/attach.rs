//! The register's search and its export as the sổ đăng ký văn bản đi (.xlsx, or printed as .pdf,
//! through `ops::documents::export_register` with the filters shown, as `cnscd export register`).
//!
//! One draft, one register entry: exporting a draft that is already in the register in another
//! format asks first, then adds the file to the same entry (one number for the PDF and the
//! DOCX); a register row exports its kept document in the format it lacks. Both through
//! `ops::documents::export_entry`, as `cnscd export document --id` does.

use iced::widget::{button, column, row, text};
use iced::{Element, Length};

use super::{Action, Format, Message, Notice, State};
use crate::app::context::Context;
use crate::app::{text as t, theme};
use crate::ops::documents;

/// The widget id of the register's search field.
pub const REGISTER_SEARCH: &str = "register-search";

/// The question before a draft already in the register is exported in another format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attach {
    /// The register entry the draft was exported to.
    pub id: i64,
    /// The format asked for.
    pub format: Format,
    /// The entry's files so far.
    pub files: Vec<String>,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Docx => "DOCX",
        }
    }
}

impl State {
    /// The export messages that concern an entry already in the register.
    pub(super) fn update_attach(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::AttachConfirm => {
                let Some(a) = self.attaching.take() else {
                    return Action::None;
                };
                self.save_dialog(ctx, a.format, move |r| {
                    Message::ExportEntryTo(a.id, a.format, r)
                })
            }
            Message::AttachCancel => {
                self.attaching = None;
                Action::None
            }
            Message::ExportEntry(id, format) => {
                self.save_dialog(ctx, format, move |r| Message::ExportEntryTo(id, format, r))
            }
            Message::ExportEntryTo(_, _, None) => Action::None,
            Message::ExportEntryTo(id, format, Some(path)) => {
                // The PDF previewed is the PDF written when it is the draft on screen.
                let rendered = self
                    .draft
                    .as_ref()
                    .filter(|d| d.entry == Some(id) && format == Format::Pdf)
                    .map(|d| d.pdf.clone());
                Action::Run(ctx.run(
                    move |store, _| {
                        documents::export_entry(store, id, &path, format.ops(), rendered)
                    },
                    Message::Attached,
                ))
            }
            Message::Attached(Ok(done)) => {
                self.selected = Some(done.entry_id);
                Action::Reload(Notice::Success(t::doc_attached(&done.path, done.entry_id)))
            }
            Message::Attached(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::FilterText(v) => {
                self.filter_text = v;
                Action::None
            }
            Message::ExportRegister => Action::Run(crate::app::dialogs::save_sheet(
                &ctx.dialogs,
                t::REGISTER_FILE,
                Message::ExportRegisterTo,
            )),
            Message::PrintRegister => Action::Run(crate::app::dialogs::save_listing_pdf(
                &ctx.dialogs,
                t::REGISTER_PDF_FILE,
                Message::ExportRegisterTo,
            )),
            Message::ExportRegisterTo(None) => Action::None,
            Message::ExportRegisterTo(Some(path)) => {
                let filter = self.register_filter();
                Action::Run(ctx.run(
                    move |store, _| {
                        documents::export_register(store, &path, &filter).map(|n| (path, n))
                    },
                    Message::RegisterExported,
                ))
            }
            Message::RegisterExported(Ok((path, n))) => {
                Action::Notify(Notice::Success(t::register_exported(n, &path)))
            }
            Message::RegisterExported(Err(e)) => Action::Notify(Notice::error(&e)),
            _ => Action::None,
        }
    }

    /// Asks the draft's export, when it is already in the register, to go to the same entry.
    pub(super) fn ask_attach(&mut self, format: Format) -> bool {
        let Some(id) = self.draft.as_ref().and_then(|d| d.entry) else {
            return false;
        };
        let files = self
            .entries
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.files.clone())
            .unwrap_or_default();
        self.attaching = Some(Attach { id, format, files });
        true
    }

    pub(super) fn save_dialog(
        &self,
        ctx: &Context,
        format: Format,
        then: impl FnOnce(Option<std::path::PathBuf>) -> Message + Send + 'static,
    ) -> Action<Message> {
        let dialogs = ctx.dialogs.clone();
        let name = self
            .draft
            .as_ref()
            .map(|d| file_name(&d.draft.drafted.summary, format))
            .unwrap_or_else(|| file_name("van ban", format));
        Action::Run(ctx.files(
            move |_| {
                Ok(match format {
                    Format::Pdf => {
                        dialogs.save_file(t::DIALOG_SAVE_DOC, &name, (t::FILTER_PDF, &["pdf"]))
                    }
                    Format::Docx => {
                        dialogs.save_file(t::DIALOG_SAVE_DOC, &name, (t::FILTER_DOCX, &["docx"]))
                    }
                })
            },
            move |r| then(r.ok().flatten()),
        ))
    }
}

/// The register row's exports of the formats its entry lacks.
pub(super) fn more_formats(e: &crate::ops::Entry) -> Vec<(Format, &'static str)> {
    let has = |ext: &str| {
        e.files
            .iter()
            .chain(e.output_path.iter())
            .any(|f| f.to_lowercase().ends_with(ext))
    };
    let mut out = Vec::new();
    if e.status != crate::ops::Status::Signed && e.output_path.is_some() {
        if !has(".pdf") {
            out.push((Format::Pdf, t::DOC_EXPORT_MORE_PDF));
        }
        if !has(".docx") {
            out.push((Format::Docx, t::DOC_EXPORT_MORE_DOCX));
        }
    }
    out
}

/// The question over the screen: the entry, its files, and the two answers.
pub(super) fn attach_dialog<'a>(base: Element<'a, Message>, a: &'a Attach) -> Element<'a, Message> {
    let body = column![
        text(t::ATTACH_TITLE).size(theme::SIZE_TITLE),
        text(t::attach_question(a.id, a.format.name(), &a.files)).width(Length::Fill),
        row![
            button(text(t::ATTACH_CONFIRM))
                .on_press(Message::AttachConfirm)
                .style(theme::primary),
            button(text(t::CANCEL))
                .on_press(Message::AttachCancel)
                .style(theme::secondary),
        ]
        .spacing(theme::GAP),
    ]
    .spacing(theme::GAP);
    crate::app::widget::overlay::form(base, body, 560.0)
}

/// A default file name from the summary, accents kept (the file system takes UTF-8).
fn file_name(summary: &str, format: Format) -> String {
    let stem: String = crate::vietnamese::search_key(summary)
        .split(' ')
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    match format {
        Format::Pdf => format!("{stem}.pdf"),
        Format::Docx => format!("{stem}.docx"),
    }
}

/// The register's tools under its search: the sổ as a spreadsheet or printed, and the numbers
/// the office controls. They wrap on a narrow window rather than squeeze the search.
pub(super) fn register_tools<'a>() -> Element<'a, Message> {
    row![
        button(text(t::DOC_EXPORT_REGISTER))
            .on_press(Message::ExportRegister)
            .style(theme::secondary),
        button(text(t::DOC_PRINT_REGISTER))
            .on_press(Message::PrintRegister)
            .style(theme::secondary),
    ]
    .extend(super::numbers::register_buttons())
    .spacing(theme::GAP)
    .wrap()
    .vertical_spacing(theme::GAP)
    .into()
}
