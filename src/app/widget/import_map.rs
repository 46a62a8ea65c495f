//! The sheet as the reader read it, in the import preview of a unit list or a roster: the
//! first rows by spreadsheet line and column letter, the header lines marked, the field each
//! column is read as under its letter; and the clerk's controls for when the reader cannot
//! tell — assign a column to a field («Cột E là Năm sinh»), mark the header rows, choose a
//! sheet of the workbook.

use iced::widget::{
    Column, Row, button, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Element, Length};

use super::super::{text as t, theme, widget};
use super::import_flow::{ImportFlow, Message};
use crate::ops::reading::Preview;

/// Rows of the sheet shown.
const SHOWN: usize = 14;
/// Width of a column of the sheet, and of the line numbers.
const CELL: f32 = 104.0;
const LINE: f32 = 44.0;
/// Characters of a cell shown.
const CHARS: usize = 16;

fn cut(s: &str) -> String {
    if s.chars().count() > CHARS {
        let mut c: String = s.chars().take(CHARS - 1).collect();
        c.push('…');
        c
    } else {
        s.to_string()
    }
}

fn cell<'a>(s: String, width: f32) -> Element<'a, Message> {
    container(text(s).size(13))
        .width(Length::Fixed(width))
        .into()
}

/// The preview of the sheet as read, with the clerk's controls.
pub fn view<'a>(flow: &'a ImportFlow, read: &'a Preview) -> Element<'a, Message> {
    let mut col = column![widget::heading(t::IMPORT_READ_TITLE)].spacing(6);
    if read.unsettled.is_some() {
        // The reason is the report's problem, above; here what the clerk can do.
        col = col.push(text(t::IMPORT_UNSETTLED).style(theme::error_text));
    }
    if let Some(c) = &read.choices {
        col = col.push(widget::note(format!("Đã chọn: {c}")));
    }
    if let Some(e) = &read.encoding {
        col = col.push(widget::note(e.as_str()));
    }

    // Assign a column.
    let letter_list: Vec<String> = read.columns.iter().map(|c| c.letter.clone()).collect();
    let picked_letter = flow
        .column
        .and_then(|i| read.columns.iter().find(|c| c.index == i))
        .map(|c| c.letter.clone());
    let indices: Vec<(String, usize)> = read
        .columns
        .iter()
        .map(|c| (c.letter.clone(), c.index))
        .collect();
    let mut field_list: Vec<String> = read.fields.iter().map(|(_, l)| l.clone()).collect();
    field_list.push(t::IMPORT_LEAVE_OUT.into());
    let picked_field = match (&flow.field, flow.column) {
        (Some(k), _) => read
            .fields
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, l)| l.clone()),
        (None, Some(_)) => Some(t::IMPORT_LEAVE_OUT.into()),
        (None, None) => None,
    };
    let keys: Vec<(String, String)> = read.fields.clone();
    col = col.push(
        row![
            text(t::IMPORT_COLUMN),
            pick_list(letter_list, picked_letter, move |l: String| {
                let i = indices.iter().find(|(x, _)| *x == l).map_or(0, |(_, i)| *i);
                Message::Column(i)
            })
            .width(Length::Fixed(64.0)),
            text(t::IMPORT_COLUMN_IS),
            pick_list(field_list, picked_field, move |l: String| {
                Message::Field(keys.iter().find(|(_, x)| *x == l).map(|(k, _)| k.clone()))
            })
            .width(Length::Fixed(220.0)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center),
    );
    col = col.push(
        button(text(t::IMPORT_ASSIGN))
            .on_press_maybe(flow.column.map(|_| Message::Assign))
            .style(theme::secondary),
    );
    col = col.push(
        row![
            text(t::IMPORT_HEADER_ROW),
            text_input(t::IMPORT_HEADER_PLACEHOLDER, &flow.header_text)
                .on_input(Message::HeaderText)
                .on_submit(Message::SetHeader)
                .width(Length::Fixed(110.0)),
            button(text(t::IMPORT_SET_HEADER))
                .on_press_maybe((!flow.header_text.trim().is_empty()).then_some(Message::SetHeader))
                .style(theme::secondary),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center),
    );
    if read.sheets.len() > 1 {
        col = col.push(
            row![
                text(t::IMPORT_SHEET),
                pick_list(
                    read.sheets.clone(),
                    Some(read.sheet.clone()),
                    Message::Sheet
                )
                .width(Length::Fixed(240.0)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        );
    }
    // Each column with its header and the field it is read as: what the clerk checks first,
    // readable in a narrow panel.
    let mut list = Column::new().spacing(2);
    for c in &read.columns {
        let (field, style): (String, fn(&iced::Theme) -> text::Style) = match &c.field {
            Some(f) if c.by_clerk => (format!("✓ {f}"), theme::success_text),
            Some(f) => (f.clone(), theme::success_text),
            None => (t::IMPORT_NOT_READ.into(), theme::muted_text),
        };
        let header = if c.header.is_empty() {
            String::new()
        } else {
            format!(" «{}»", c.header)
        };
        list = list.push(
            text(format!(
                "{} {} {header} → {field}",
                t::IMPORT_COLUMN,
                c.letter
            ))
            .size(14)
            .style(style),
        );
    }
    col = col.push(list);

    // The table: letters, the field of each column, then the rows from the header down.
    let mut letters = Row::new().push(cell(t::IMPORT_LINE.into(), LINE));
    let mut fields = Row::new().push(cell("→".into(), LINE));
    for c in &read.columns {
        letters = letters.push(cell(c.letter.clone(), CELL));
        let (label, style): (String, fn(&iced::Theme) -> text::Style) = match &c.field {
            Some(f) if c.by_clerk => (format!("✓ {f}"), theme::success_text),
            Some(f) => (f.clone(), theme::success_text),
            None => (t::IMPORT_NOT_READ.into(), theme::muted_text),
        };
        fields = fields
            .push(container(text(cut(&label)).size(13).style(style)).width(Length::Fixed(CELL)));
    }
    let mut table = Column::new().spacing(2).push(letters).push(fields);
    let from = read.header_lines.first().map_or(0, |h| h.saturating_sub(1));
    for (line, cells) in read.rows.iter().filter(|(l, _)| *l >= from).take(SHOWN) {
        let mut r = Row::new().push(cell(line.to_string(), LINE));
        for c in cells {
            r = r.push(cell(cut(c), CELL));
        }
        let r: Element<'a, Message> = if read.header_lines.contains(line) {
            container(r).style(theme::selected_row).into()
        } else {
            r.into()
        };
        table = table.push(r);
    }
    col = col.push(
        container(
            scrollable(table)
                .direction(scrollable::Direction::Both {
                    vertical: scrollable::Scrollbar::default(),
                    horizontal: scrollable::Scrollbar::default(),
                })
                .height(Length::Fixed(210.0)),
        )
        .padding(6)
        .style(theme::card),
    );

    col.into()
}
