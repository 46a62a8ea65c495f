//! DOCX rendering of a [`Document`] for clerks who finish a document in Word: the same A4 page
//! and margins (twips), Times New Roman (Word has it; LibreOffice maps it to Liberation Serif),
//! the same sizes and styles, the header and the signature block as borderless two-column
//! tables, justified body paragraphs with a 1 cm first-line indent and 6 pt before, bordered
//! tables whose header rows repeat on every page, each appendix in its own section (landscape
//! where set) and page numbers top-centre from the second page of each section.

use docx_rs::{
    AlignmentType, BorderType, Docx, Header as DocxHeader, LineSpacing, PageMargin, PageNum,
    PageNumType, PageOrientationType, PageSize, Paragraph as DocxParagraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run as DocxRun, RunFonts, Section,
    SpecialIndentType, Table as DocxTable, TableBorders, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use crate::document::{
    Align, Appendix, Block, Cell, Document, Header, Margins, Orientation, Paragraph, Signature,
    Table, Title,
};
use crate::error::{Error, Result};
use crate::export::pdf::font;

const FONT: &str = "Times New Roman";
const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
/// A4 in twips.
const A4: (u32, u32) = (11906, 16838);
/// Marks header rows until the XML is patched: docx-rs 0.4 cannot write `<w:tblHeader/>`.
const HEADER_ROW_MARK: f32 = 1.0;

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
    signature(&mut main, &doc.signature, doc.margins, doc.orientation);

    let mut parts: Vec<(Vec<Child>, Orientation)> = vec![(main, doc.orientation)];
    for a in &doc.appendices {
        let mut children = Vec::new();
        appendix(&mut children, a, doc.margins);
        parts.push((children, a.orientation));
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
    xml.document = mark_header_rows(&xml.document);
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
    let mut p = DocxParagraph::new().align(alignment(align)).line_spacing(
        LineSpacing::new()
            .before((before * 20.0).round() as u32)
            .after(0)
            .line(240)
            // Explicit: LibreOffice reads a missing rule as exact 12 pt, squeezing 14 pt text.
            .line_rule(docx_rs::LineSpacingType::Auto),
    );
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

/// Ô 1–4 as a borderless two-column table (40 % / 60 %).
fn header(out: &mut Vec<Child>, h: &Header, m: Margins, o: Orientation) {
    let w = text_width(m, o);
    let lw = w * 2 / 5;
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
    let qh_size = if approx_width(QUOC_HIEU, 13.0, true) < rw as i32 {
        13.0
    } else {
        12.0
    };
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
    out.push(Child::P(Box::new(para(
        vec![run(&t.kind, 14.0, true, false)],
        Align::Center,
        false,
        12.0,
    ))));
    for s in &t.summary {
        out.push(Child::P(Box::new(para(
            vec![run(s, 14.0, true, false)],
            Align::Center,
            false,
            0.0,
        ))));
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

fn paragraph(p: &Paragraph) -> DocxParagraph {
    let runs = p
        .runs
        .iter()
        .map(|r| run(&r.text, p.size, r.bold, r.italic))
        .collect();
    para(runs, p.align, p.indent, p.space_before)
}

fn blocks(out: &mut Vec<Child>, blocks: &[Block], m: Margins, o: Orientation) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push(Child::P(Box::new(paragraph(p)))),
            Block::Table(t) => {
                out.push(Child::T(Box::new(table(t, text_width(m, o)))));
                // Word needs a paragraph between a table and what follows.
                out.push(Child::P(Box::new(para(vec![], Align::Left, false, 0.0))));
            }
            Block::Space(pt) => out.push(Child::P(Box::new(
                DocxParagraph::new().line_spacing(
                    LineSpacing::new()
                        .before(0)
                        .after(0)
                        .line((pt * 20.0).round() as i32)
                        .line_rule(docx_rs::LineSpacingType::Exact),
                ),
            ))),
            Block::PageBreak => out.push(Child::P(Box::new(
                DocxParagraph::new().add_run(DocxRun::new().add_break(docx_rs::BreakType::Page)),
            ))),
        }
    }
}

fn cell_paragraphs(c: &Cell, size: f32, bold: bool) -> Vec<DocxParagraph> {
    c.text
        .split('\n')
        .map(|line| {
            let align = match c.align {
                Align::Justify => Align::Left,
                a => a,
            };
            para(
                vec![run(line, size, bold || c.bold, false)],
                align,
                false,
                0.0,
            )
        })
        .collect()
}

/// A bordered table; header rows repeat on each page and rows do not split.
fn table(t: &Table, total: usize) -> DocxTable {
    let ncols = t
        .widths
        .len()
        .max(
            t.header
                .iter()
                .chain(&t.rows)
                .map(Vec::len)
                .max()
                .unwrap_or(0),
        )
        .max(1);
    let weights: Vec<f32> = (0..ncols)
        .map(|i| t.widths.get(i).copied().filter(|v| *v > 0.0).unwrap_or(1.0))
        .collect();
    let sum: f32 = weights.iter().sum();
    let grid: Vec<usize> = weights
        .iter()
        .map(|w| (total as f32 * w / sum) as usize)
        .collect();

    let mut rows = Vec::new();
    // Header rows: place cells on the grid; a rowspan cell restarts a vertical merge and
    // continues it in the rows below.
    let mut pending: Vec<(usize, usize, usize)> = Vec::new(); // (col, cols, rows left)
    for hrow in &t.header {
        let mut cells: Vec<(usize, TableCell)> = Vec::new();
        for &(col, cols, _) in &pending {
            let span: usize = grid[col..col + cols].iter().sum();
            let mut c = cell(vec![DocxParagraph::new()], span).vertical_merge(VMergeType::Continue);
            if cols > 1 {
                c = c.grid_span(cols);
            }
            cells.push((col, c));
        }
        let taken: Vec<(usize, usize)> = pending.iter().map(|&(c, n, _)| (c, n)).collect();
        pending = pending
            .into_iter()
            .filter_map(|(c, n, left)| (left > 1).then_some((c, n, left - 1)))
            .collect();
        let mut col = 0;
        for hc in hrow {
            while let Some(&(_, n)) = taken.iter().find(|(c, _)| *c == col) {
                col += n;
            }
            if col >= ncols {
                break;
            }
            let cols = usize::from(hc.colspan.max(1)).min(ncols - col);
            let span: usize = grid[col..col + cols].iter().sum();
            let mut c =
                cell(cell_paragraphs(hc, t.size, true), span).vertical_align(VAlignType::Center);
            if cols > 1 {
                c = c.grid_span(cols);
            }
            if hc.rowspan > 1 {
                c = c.vertical_merge(VMergeType::Restart);
                pending.push((col, cols, usize::from(hc.rowspan) - 1));
            }
            cells.push((col, c));
            col += cols;
        }
        cells.sort_by_key(|(c, _)| *c);
        rows.push(
            TableRow::new(cells.into_iter().map(|(_, c)| c).collect())
                .cant_split()
                .row_height(HEADER_ROW_MARK),
        );
    }
    for brow in &t.rows {
        let mut cells = Vec::new();
        let mut col = 0;
        for bc in brow {
            if col >= ncols {
                break;
            }
            let cols = usize::from(bc.colspan.max(1)).min(ncols - col);
            let span: usize = grid[col..col + cols].iter().sum();
            let mut c =
                cell(cell_paragraphs(bc, t.size, false), span).vertical_align(VAlignType::Center);
            if cols > 1 {
                c = c.grid_span(cols);
            }
            cells.push(c);
            col += cols;
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    DocxTable::new(rows)
        .set_grid(grid)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// Replaces the marker row height of header rows by `<w:tblHeader/>` (repeat on each page).
fn mark_header_rows(xml: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(xml);
    let marker = format!(r#"<w:trHeight w:val="{HEADER_ROW_MARK}" w:hRule="atLeast" />"#);
    s.replace(&marker, "<w:tblHeader />").into_bytes()
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
    out.push(Child::P(Box::new(para(vec![], Align::Left, false, 6.0))));
    out.push(Child::T(Box::new(borderless(
        vec![TableRow::new(vec![cell(left, lw), cell(right, rw)]).cant_split()],
        vec![lw, rw],
    ))));
}

/// An appendix: label, title, reference line, rule, then its blocks.
fn appendix(out: &mut Vec<Child>, a: &Appendix, m: Margins) {
    if !a.label.is_empty() {
        out.push(Child::P(Box::new(para(
            vec![run(&a.label, 14.0, true, false)],
            Align::Center,
            false,
            0.0,
        ))));
    }
    for t in &a.title {
        out.push(Child::P(Box::new(para(
            vec![run(t, 14.0, true, false)],
            Align::Center,
            false,
            0.0,
        ))));
    }
    if !a.reference.is_empty() {
        out.push(Child::P(Box::new(para(
            vec![run(&a.reference, 14.0, false, true)],
            Align::Center,
            false,
            0.0,
        ))));
    }
    let w = text_width(m, a.orientation) as i32;
    out.push(Child::P(Box::new(rule(w * 3 / 10, w))));
    blocks(out, &a.blocks, m, a.orientation);
}
