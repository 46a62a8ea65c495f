//! The issue dialog (number and date confirmed before anything is written) and the report
//! sections the clerk writes: their types, their messages and their view.

use iced::widget::{button, column, row, text, text_input};
use iced::{Alignment, Element};

use super::{Action, Message, Notice, State};
use crate::app::context::Context;
use crate::app::widget::form::labelled;
use crate::app::{text as t, theme, widget};
use crate::ops::documents;

/// The sections of a report a clerk writes (the template's `sections.I` … `sections.VI`).
pub const REPORT_SECTIONS: [(&str, &str); 6] = [
    ("I", "ĐẶC ĐIỂM TÌNH HÌNH"),
    ("II", "KẾT QUẢ THỰC HIỆN"),
    ("III", "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
    ("IV", "BÀI HỌC KINH NGHIỆM"),
    ("V", "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"),
    ("VI", "ĐỀ XUẤT, KIẾN NGHỊ"),
];

/// The widget id of the section editor.
pub const SECTION_EDITOR: &str = "section-editor";

/// A report section in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionChoice(pub usize);

impl std::fmt::Display for SectionChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (k, title) = REPORT_SECTIONS[self.0.min(REPORT_SECTIONS.len() - 1)];
        write!(f, "{k}. {title}")
    }
}

/// The issue dialog: the number (blank: the next one, shown) and the date, confirmed by the
/// clerk before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueForm {
    /// The register entry.
    pub id: i64,
    /// Its trích yếu.
    pub summary: String,
    /// Its symbol (`QĐ-UBND`).
    pub symbol: String,
    /// The next number of the register this year.
    pub next: u32,
    /// The number typed (blank: `next`).
    pub number: String,
    /// The date typed (`dd/mm/yyyy`).
    pub date: String,
    /// What is wrong with what was typed.
    pub error: Option<String>,
}

/// The widget ids of the issue dialog's fields.
pub const ISSUE_NUMBER: &str = "issue-number";
pub const ISSUE_DATE: &str = "issue-date";

impl State {
    /// The issue dialog's messages.
    pub(super) fn update_issue(&mut self, ctx: &Context, message: Message) -> Action<Message> {
        match message {
            Message::Issue(id) => {
                let today = ctx.today();
                let Some(e) = self.entries.iter().find(|e| e.id == id) else {
                    return Action::None;
                };
                let (summary, symbol) = (e.summary.clone(), e.symbol.clone());
                Action::Run(ctx.run(
                    move |store, _| {
                        Ok(IssueForm {
                            id,
                            next: documents::next_number(store, id, today)?,
                            summary,
                            symbol,
                            number: String::new(),
                            date: crate::vietnamese::date_short(today),
                            error: None,
                        })
                    },
                    Message::IssueReady,
                ))
            }
            Message::IssueReady(Ok(form)) => {
                self.issuing = Some(form);
                Action::None
            }
            Message::IssueReady(Err(e)) => Action::Notify(Notice::error(&e)),
            Message::IssueNumber(n) => {
                if let Some(f) = &mut self.issuing {
                    f.number = n;
                    f.error = None;
                }
                Action::None
            }
            Message::IssueDate(d) => {
                if let Some(f) = &mut self.issuing {
                    f.date = d;
                    f.error = None;
                }
                Action::None
            }
            Message::IssueCancel => {
                self.issuing = None;
                Action::None
            }
            Message::IssueConfirm => {
                let Some(f) = &mut self.issuing else {
                    return Action::None;
                };
                let number = match f.number.trim() {
                    "" => None,
                    n => match n.parse::<u32>() {
                        Ok(n) if n > 0 => Some(n),
                        _ => {
                            f.error = Some(t::ISSUE_BAD_NUMBER.into());
                            return Action::None;
                        }
                    },
                };
                let Some(date) = crate::vietnamese::parse_date(&f.date) else {
                    f.error = Some(t::ISSUE_BAD_DATE.into());
                    return Action::None;
                };
                let spec = documents::IssueSpec {
                    id: f.id,
                    date,
                    number,
                    file: None,
                };
                Action::Run(ctx.run(
                    // The exported file is written again with its number and date.
                    move |store, _| {
                        documents::issue_with(store, &spec).map(|i| i.entry.reference())
                    },
                    Message::Issued,
                ))
            }
            Message::Issued(Ok(reference)) => {
                self.issuing = None;
                Action::Reload(Notice::Success(t::doc_issued(&reference)))
            }
            Message::Issued(Err(e)) => match &mut self.issuing {
                // A number already used: said in the dialog, which stays open to choose another.
                Some(f) => {
                    f.error = Some(crate::app::errors::message(&e));
                    Action::None
                }
                None => Action::Notify(Notice::error(&e)),
            },
            _ => Action::None,
        }
    }
}

/// The issue dialog over the screen: what is issued, the number (blank: the next one, named),
/// the date, and the confirmation; a refused number is said in the dialog.
pub(super) fn issue_dialog<'a>(
    base: Element<'a, Message>,
    f: &'a IssueForm,
) -> Element<'a, Message> {
    let mut body = column![
        text(t::ISSUE_TITLE).size(theme::SIZE_TITLE),
        text(&f.summary),
        labelled(
            t::ISSUE_NUMBER_LABEL,
            row![
                text("Số:"),
                text_input(&f.next.to_string(), &f.number)
                    .id(ISSUE_NUMBER)
                    .on_input(Message::IssueNumber)
                    .on_submit(Message::IssueConfirm)
                    .width(90),
                text(format!("/{}", f.symbol)),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
            None
        ),
        widget::note(t::issue_next_hint(f.next)),
        labelled(
            t::ISSUE_DATE_LABEL,
            text_input("15/03/2024", &f.date)
                .id(ISSUE_DATE)
                .on_input(Message::IssueDate)
                .on_submit(Message::IssueConfirm)
                .width(140),
            None
        ),
    ]
    .spacing(theme::GAP);
    if let Some(e) = &f.error {
        body = body.push(text(e).style(theme::error_text));
    }
    body = body.push(
        row![
            button(text(t::ISSUE_CONFIRM))
                .on_press(Message::IssueConfirm)
                .style(theme::primary),
            button(text(t::CANCEL))
                .on_press(Message::IssueCancel)
                .style(theme::secondary),
        ]
        .spacing(theme::GAP),
    );
    crate::app::widget::overlay::form(base, body, 560.0)
}

/// What the window says when one decision per team was drafted into `folder`: a success, or
/// an error naming the units that failed and how many were left.
pub(super) fn each_done(
    folder: &std::path::Path,
    summary: &crate::ops::batch::Summary,
) -> Action<Message> {
    let failed: Vec<(String, String)> = summary
        .failed
        .iter()
        .map(|f| (f.unit.clone(), f.reason.clone()))
        .collect();
    let message = t::doc_each_done(
        summary.written.len(),
        summary.recorded,
        summary.left,
        folder,
        &failed,
    );
    Action::Reload(if failed.is_empty() && summary.left == 0 {
        Notice::Success(message)
    } else {
        Notice::Error(message)
    })
}

impl State {
    /// Opens report section `c` in the editor, with what the clerk wrote for it.
    pub(super) fn pick_section(&mut self, c: SectionChoice) {
        self.section = c;
        let key = REPORT_SECTIONS[c.0].0;
        let text = self
            .sections
            .get(key)
            .map(|b| documents::to_editor(b))
            .unwrap_or_default();
        self.editor = iced::widget::text_editor::Content::with_text(&text);
    }

    /// An edit in the section editor, kept as typed: the next draft prints it; blank gives the
    /// template's words back.
    pub(super) fn edit_section(&mut self, action: iced::widget::text_editor::Action) {
        self.editor.perform(action);
        let key = REPORT_SECTIONS[self.section.0].0.to_string();
        match documents::from_editor(&self.editor.text()) {
            Some(blocks) => self.sections.insert(key, blocks),
            None => self.sections.remove(&key),
        };
    }

    /// A report's sections on the compose form: which one, its editor, how many are written.
    pub(super) fn sections_field(&self) -> Element<'_, Message> {
        labelled(
            t::DOC_SECTION,
            column![
                iced::widget::pick_list(
                    (0..REPORT_SECTIONS.len())
                        .map(SectionChoice)
                        .collect::<Vec<_>>(),
                    Some(self.section),
                    Message::Section
                )
                .width(iced::Length::Fill),
                iced::widget::text_editor(&self.editor)
                    .id(SECTION_EDITOR)
                    .placeholder(t::DOC_SECTION_HINT)
                    .on_action(Message::EditSection)
                    .height(170),
                widget::note(t::doc_sections_written(self.sections.len())),
            ]
            .spacing(4),
            None,
        )
    }
}
