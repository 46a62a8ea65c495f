//! DOCX rendering of a [`Document`] for clerks who finish a document in Word: the same A4 page
//! and margins (twips), Times New Roman (Word has it; LibreOffice maps it to Liberation Serif),
//! the same sizes and styles, the header and the signature block as borderless two-column
//! tables, justified body paragraphs with a 1 cm first-line indent and 6 pt before, bordered
//! tables on the PDF's grid (`table`), each appendix in its own section (landscape where set or
//! where its tables need it) and page numbers top-centre from the second page of each section.
//!
//! Word lays the pages out itself, so the PDF's pagination rules travel as properties: headings,
//! titles and lines announcing a list keep with the next paragraph (`w:keepNext`), every
//! paragraph has widow control (`w:widowControl`), and where the PDF keeps the last words of a
//! paragraph or a cell together so that its last line never holds one word alone, the DOCX
//! joins them with no-break spaces, so that Word and LibreOffice break the line there too.

mod table;

use docx_rs::{
    AlignmentType, BorderType, Docx, Header as DocxHeader, LineSpacing, PageMargin, PageNum,
    PageNumType, PageOrientationType, PageSize, Paragraph as DocxParagraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run as DocxRun, RunFonts, Section,
    SpecialIndentType, Table as DocxTable, TableBorders, TableCell, TableCellMargins,
    TableLayoutType, TableRow, WidthType,
};

use crate::document::{
    Align, Appendix, Block, Document, Header, Margins, Orientation, Paragraph, Signature, Title,
};
use crate::error::{Error, Result};
use crate::export::pdf::{columns, font, keep, layout, units};

const FONT: &str = "Times New Roman";
const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
/// A4 in twips.
const A4: (u32, u32) = (11906, 16838);

/// Millimetres to twips.
fn twips(mm: f32) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

/// Points to half-points (run sizes).
fn half(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

/// Renders a document to DOCX bytes.
pub fn render_docx(doc: &Document) -> Result<Vec<u8>> {
    let mut main: Vec<Child> = Vec::new();
    header(&mut main, &doc.header, doc.margins, doc.orientation);
    title(&mut main, &doc.title, doc.margins, doc.orientation);
    for (i, a) in doc.addressees.iter().enumerate() {
        let text = match (i, doc.addressees.len()) {
            (0, 1) => format!("Kính gửi: {a}"),
            (0, _) => format!("Kính gửi:\t- {a}"),
            _ => format!("\t- {a}"),
        };
        main.push(Child::P(Box::new(para(
            vec![run(&text, 14.0, false, false)],
            Align::Center,
            false,
            6.0,
        ))));
    }
    blocks(&mut main, &doc.body, doc.margins, doc.orientation);
    // The end of the body goes to the next page with the signature rather than leave it alone
    // there, as in the PDF.
    if let Some(Child::P(p)) = main.last_mut() {
        **p = p.as_ref().clone().keep_next(true);
    }
    signature(&mut main, &doc.signature, doc.margins, doc.orientation);

    let mut parts: Vec<(Vec<Child>, Orientation)> = vec![(main, doc.orientation)];
    for a in &doc.appendices {
        let mut children = Vec::new();
        let orientation = columns::appendix_orientation(a, doc.margins);
        appendix(&mut children, a, doc.margins, orientation);
        parts.push((children, orientation));
    }

    // Every part but the last is a section of its own; the last uses the document's final
    // section properties.
    let mut docx = Docx::new().default_fonts(fonts()).default_size(half(14.0));
    let count = parts.len();
    for (i, (children, orientation)) in parts.into_iter().enumerate() {
        if i + 1 < count {
            let mut s = Section::new()
                .page_size(page_size(orientation))
                .page_margin(margin(doc.margins))
                .page_num_type(PageNumType::new().start(1))
                .header(number_header())
                // docx-rs 0.4 drops a section's first-page header when it also has a default
                // one; "different first page" without one leaves page 1 blank, as wanted.
                .title_pg();
            if orientation == Orientation::Landscape {
                s = s.page_orient(PageOrientationType::Landscape);
            }
            for c in children {
                s = match c {
                    Child::P(p) => s.add_paragraph(*p),
                    Child::T(t) => s.add_table(*t),
                };
            }
            docx = docx.add_section(s);
        } else {
            let (w, h) = dims(orientation);
            docx = docx
                .page_size(w, h)
                .page_margin(margin(doc.margins))
                .page_num_type(PageNumType::new().start(1))
                .header(number_header())
                .first_header(DocxHeader::new());
            if orientation == Orientation::Landscape {
                docx = docx.page_orient(PageOrientationType::Landscape);
            }
            for c in children {
                docx = match c {
                    Child::P(p) => docx.add_paragraph(*p),
                    Child::T(t) => docx.add_table(*t),
                };
            }
        }
    }

    let mut xml = docx.build();
    xml.document = table::mark_header_rows(&xml.document);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| Error::internal(format!("ghi tệp DOCX: {e}")))?;
    Ok(out.into_inner())
}

/// Body content of a section.
enum Child {
    P(Box<DocxParagraph>),
    T(Box<DocxTable>),
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

fn dims(o: Orientation) -> (u32, u32) {
    match o {
        Orientation::Portrait => A4,
        Orientation::Landscape => (A4.1, A4.0),
    }
}

fn page_size(o: Orientation) -> PageSize {
    let (w, h) = dims(o);
    PageSize::new().size(w, h)
}

fn margin(m: Margins) -> PageMargin {
    PageMargin::new()
        .top(twips(m.top))
        .bottom(twips(m.bottom))
        .left(twips(m.left))
        .right(twips(m.right))
        // The page number sits in the top margin, about half-way down it.
        .header(twips(m.top / 2.0))
        .footer(twips(m.bottom / 2.0))
        .gutter(0)
}

/// The page-number header: 14 pt, centred.
fn number_header() -> DocxHeader {
    DocxHeader::new().add_paragraph(
        DocxParagraph::new()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new())
            .size(half(14.0)),
    )
}

fn text_width(m: Margins, o: Orientation) -> usize {
    let (w, _) = dims(o);
    (w as i32 - twips(m.left) - twips(m.right)).max(1000) as usize
}

fn run(text: &str, size: f32, bold: bool, italic: bool) -> DocxRun {
    let mut r = DocxRun::new()
        .add_text(text)
        .size(half(size))
        .fonts(fonts());
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    r
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Justify => AlignmentType::Both,
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// A paragraph with single line spacing, `before` points above and none below.
fn para(runs: Vec<DocxRun>, align: Align, indent: bool, before: f32) -> DocxParagraph {
    let mut p = DocxParagraph::new()
        .align(alignment(align))
        .line_spacing(
            LineSpacing::new()
                .before((before * 20.0).round() as u32)
                .after(0)
                .line(240)
                // Explicit: LibreOffice reads a missing rule as exact 12 pt, squeezing 14 pt text.
                .line_rule(docx_rs::LineSpacingType::Auto),
        )
        .widow_control(true);
    if indent {
        p = p.indent(
            None,
            Some(SpecialIndentType::FirstLine(twips(10.0))),
            None,
            None,
        );
    }
    for r in runs {
        p = p.add_run(r);
    }
    p
}

/// A short centred rule `len_twips` long in a column `col_twips` wide: an empty paragraph
/// indented from both sides with a bottom border.
fn rule(len_twips: i32, col_twips: i32) -> DocxParagraph {
    let side = ((col_twips - len_twips) / 2).max(0);
    DocxParagraph::new()
        .indent(Some(side), None, Some(side), None)
        .line_spacing(LineSpacing::new().before(0).after(0).line(120))
        .size(4)
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(6)
                    .space(0),
            ),
        )
}

/// Text width in twips, measured on Liberation Serif (metric-compatible with Times New Roman).
fn approx_width(text: &str, size: f32, bold: bool) -> i32 {
    (font::width(text, font::Style::of(bold, false), size) * 20.0).round() as i32
}

fn cell(paragraphs: Vec<DocxParagraph>, width: usize) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn borderless(rows: Vec<TableRow>, widths: Vec<usize>) -> DocxTable {
    let total = widths.iter().sum();
    DocxTable::new(rows)
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(TableBorders::with_empty())
        // No side padding, so the Quốc hiệu fits its 60 % column at 13 pt as in the models.
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}

/// Ô 1–4 as a borderless two-column table (about 40 % / 60 %, the PDF's columns).
fn header(out: &mut Vec<Child>, h: &Header, m: Margins, o: Orientation) {
    let w = text_width(m, o);
    // The PDF's columns: the right one wide enough for the Quốc hiệu with room to spare.
    let (lw_pt, _, qh_size) = columns::header_columns(w as f32 / 20.0);
    let lw = ((lw_pt * 20.0).round() as usize).min(w);
    let rw = w - lw;
    let mut left = Vec::new();
    for l in &h.parent_body {
        left.push(para(
            vec![run(l, 13.0, false, false)],
            Align::Center,
            false,
            0.0,
        ));
    }
    for l in &h.issuing_body {
        left.push(para(
            vec![run(l, 13.0, true, false)],
            Align::Center,
            false,
            0.0,
        ));
    }
    let widest = h
        .issuing_body
        .iter()
        .map(|l| approx_width(l, 13.0, true))
        .max()
        .unwrap_or(0);
    left.push(rule(widest * 2 / 5, lw as i32));
    let right = vec![
        para(
            vec![run(QUOC_HIEU, qh_size, true, false)],
            Align::Center,
            false,
            0.0,
        ),
        para(
            vec![run(TIEU_NGU, 14.0, true, false)],
            Align::Center,
            false,
            0.0,
        ),
        rule(approx_width(TIEU_NGU, 14.0, true), rw as i32),
    ];
    let row1 = TableRow::new(vec![cell(left, lw), cell(right, rw)]);
    let row2 = TableRow::new(vec![
        cell(
            vec![para(
                vec![run(&h.number_line, 13.0, false, false)],
                Align::Center,
                false,
                6.0,
            )],
            lw,
        ),
        cell(
            vec![para(
                vec![run(&h.date_line, 14.0, false, true)],
                Align::Center,
                false,
                6.0,
            )],
            rw,
        ),
    ]);
    out.push(Child::T(Box::new(borderless(
        vec![row1, row2],
        vec![lw, rw],
    ))));
}

/// Ô 5a: type and summary, bold 14, centred, with a short rule.
fn title(out: &mut Vec<Child>, t: &Title, m: Margins, o: Orientation) {
    if t.kind.is_empty() && t.summary.is_empty() {
        return;
    }
    out.push(Child::P(Box::new(
        para(
            vec![run(&t.kind, 14.0, true, false)],
            Align::Center,
            false,
            12.0,
        )
        .keep_next(true),
    )));
    for s in &t.summary {
        out.push(Child::P(Box::new(
            para(vec![run(s, 14.0, true, false)], Align::Center, false, 0.0).keep_next(true),
        )));
    }
    let widest = t
        .summary
        .iter()
        .map(|l| approx_width(l, 14.0, true))
        .max()
        .unwrap_or(2000);
    let page = text_width(m, o) as i32;
    out.push(Child::P(Box::new(rule(widest * 2 / 5, page))));
}

/// A body paragraph in a text `line` twips wide (before any first-line indent): a heading keeps
/// with the next paragraph, and the words the PDF keeps together on the last line are joined.
fn paragraph(p: &Paragraph, line: usize) -> DocxParagraph {
    let mut texts: Vec<(String, font::Style)> = p
        .runs
        .iter()
        .map(|r| (r.text.clone(), font::Style::of(r.bold, r.italic)))
        .collect();
    let w = line as f32 / 20.0;
    let indent = if p.indent {
        twips(10.0) as f32 / 20.0
    } else {
        0.0
    };
    join_tail(&mut texts, p.size, (w - indent, w));
    let runs = texts
        .iter()
        .zip(&p.runs)
        .map(|((text, _), r)| run(text, p.size, r.bold, r.italic))
        .collect();
    para(runs, p.align, p.indent, p.space_before).keep_next(keep::keeps_with_next(p))
}

/// Where the PDF re-breaks styled text so that its last line does not hold one word alone
/// (`layout::joined_tail`, lines `first` then `rest` points wide), turns the spaces between the
/// words of that last line into no-break spaces: Word and LibreOffice then break it alike.
fn join_tail(texts: &mut [(String, font::Style)], size: f32, (first, rest): (f32, f32)) {
    let runs: Vec<(font::Style, &str)> = texts.iter().map(|(t, s)| (*s, t.as_str())).collect();
    let Some(words) = layout::joined_tail(&runs, size, first, rest) else {
        return;
    };
    // Walk back from the end over `words` words, turning the gaps between them into no-break
    // spaces; runs of spaces inside the gap all go.
    let mut seen = 0usize;
    let mut in_word = false;
    for (text, _) in texts.iter_mut().rev() {
        let mut chars: Vec<char> = text.chars().collect();
        for c in chars.iter_mut().rev() {
            if c.is_whitespace() {
                if in_word {
                    seen += 1;
                    in_word = false;
                }
                if seen >= words {
                    break;
                }
                if seen > 0 && *c == ' ' {
                    *c = '\u{a0}';
                }
            } else {
                in_word = true;
            }
        }
        *text = chars.into_iter().collect();
        if seen >= words {
            break;
        }
    }
}

fn blocks(out: &mut Vec<Child>, blocks: &[Block], m: Margins, o: Orientation) {
    // The PDF's headers (units kept whole where the page allows) and grids: tables of one
    // kind share their columns.
    let avail = text_width(m, o) as f32 / 20.0;
    let blocks = &*units::keep_units(blocks, avail);
    let grids = columns::grids(blocks, avail);
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Paragraph(p) => {
                out.push(Child::P(Box::new(paragraph(p, text_width(m, o)))));
            }
            Block::Table(t) => {
                // The PDF's 6 pt above a table, kept with it (and so is a heading above it).
                out.push(Child::P(Box::new(space(6.0).keep_next(true))));
                let widths = grids[i].as_deref().unwrap_or_default();
                out.push(Child::T(Box::new(table::table(
                    t,
                    text_width(m, o),
                    widths,
                ))));
                // Word needs a paragraph between a table and what follows.
                out.push(Child::P(Box::new(para(vec![], Align::Left, false, 0.0))));
            }
            Block::Space(pt) => out.push(Child::P(Box::new(space(*pt)))),
            Block::PageBreak => out.push(Child::P(Box::new(
                DocxParagraph::new().add_run(DocxRun::new().add_break(docx_rs::BreakType::Page)),
            ))),
        }
    }
}

/// Ô 7 and 9b as a borderless two-column table: Nơi nhận left, signer right, their first
/// lines level.
fn signature(out: &mut Vec<Child>, s: &Signature, m: Margins, o: Orientation) {
    if s.signer_lines.is_empty() && s.signer_name.is_empty() && s.recipients.is_empty() {
        return;
    }
    let w = text_width(m, o);
    let lw = w * 2 / 5;
    let rw = w - lw;
    let mut left = Vec::new();
    if !s.recipients.is_empty() {
        left.push(para(
            vec![run("Nơi nhận:", 12.0, true, true)],
            Align::Left,
            false,
            0.0,
        ));
        for r in &s.recipients {
            left.push(para(
                vec![run(&format!("- {r}"), 11.0, false, false)],
                Align::Left,
                false,
                0.0,
            ));
        }
    }
    let mut right = Vec::new();
    for l in &s.signer_lines {
        right.push(para(
            vec![run(l, 14.0, true, false)],
            Align::Center,
            false,
            0.0,
        ));
    }
    for _ in 0..4 {
        right.push(para(vec![], Align::Center, false, 0.0).size(half(14.0)));
    }
    right.push(para(
        vec![run(&s.signer_name, 14.0, true, false)],
        Align::Center,
        false,
        0.0,
    ));
    if left.is_empty() {
        left.push(DocxParagraph::new());
    }
    out.push(Child::P(Box::new(
        para(vec![], Align::Left, false, 6.0).keep_next(true),
    )));
    out.push(Child::T(Box::new(borderless(
        vec![TableRow::new(vec![cell(left, lw), cell(right, rw)]).cant_split()],
        vec![lw, rw],
    ))));
}

/// An empty paragraph exactly `pt` points high.
fn space(pt: f32) -> DocxParagraph {
    DocxParagraph::new().line_spacing(
        LineSpacing::new()
            .before(0)
            .after(0)
            .line((pt * 20.0).round() as i32)
            .line_rule(docx_rs::LineSpacingType::Exact),
    )
}

/// An appendix: label, title, reference line, rule, then its blocks.
fn appendix(out: &mut Vec<Child>, a: &Appendix, m: Margins, o: Orientation) {
    // The label, title and reference stay with the first lines of the appendix.
    let centred = |text: &str, bold: bool, italic: bool| {
        Child::P(Box::new(
            para(
                vec![run(text, 14.0, bold, italic)],
                Align::Center,
                false,
                0.0,
            )
            .keep_next(true),
        ))
    };
    if !a.label.is_empty() {
        out.push(centred(&a.label, true, false));
    }
    let line = text_width(m, o) as f32 / 20.0;
    for t in &a.title {
        // A long title breaks as in the PDF («… TỔ DÂN / PHỐ 1», never «PHỐ» alone).
        let mut texts = vec![(t.clone(), font::Style::Bold)];
        join_tail(&mut texts, 14.0, (line, line));
        out.push(centred(&texts[0].0, true, false));
    }
    if !a.reference.is_empty() {
        out.push(centred(&a.reference, false, true));
    }
    let w = text_width(m, o) as i32;
    out.push(Child::P(Box::new(rule(w * 3 / 10, w))));
    blocks(out, &a.blocks, m, o);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_the_pdf_keeps_together_are_joined_across_runs() {
        use font::Style;
        // Greedy breaking at this width leaves «trận» alone; the PDF keeps «Mặt trận» together.
        let w = font::width("Trưởng Ban công tác ", Style::Regular, 12.0)
            + font::width("Mặt", Style::Bold, 12.0)
            + 1.0;
        let mut texts = vec![
            ("Trưởng Ban công tác ".to_string(), Style::Regular),
            ("Mặt".to_string(), Style::Bold),
            (" trận".to_string(), Style::Regular),
        ];
        join_tail(&mut texts, 12.0, (w, w));
        assert_eq!(texts[0].0, "Trưởng Ban công tác ");
        assert_eq!(texts[1].0, "Mặt");
        assert_eq!(texts[2].0, "\u{a0}trận");
        // Nothing changes where greedy breaking is right.
        let mut texts = vec![("Trưởng Ban công tác Mặt trận".to_string(), Style::Regular)];
        join_tail(&mut texts, 12.0, (1000.0, 1000.0));
        assert_eq!(texts[0].0, "Trưởng Ban công tác Mặt trận");
    }
}
