//! PDF rendering of a [`Document`] in the layout of Nghị định 30/2020/NĐ-CP App. I: A4, the
//! two-column header, type and summary, justified body, bordered tables whose columns take their
//! widths from their content (`columns`) and break across pages, the signature block beside Nơi
//! nhận, page numbers top-centre from page 2, and appendices that start a new page, numbered on
//! their own, portrait or landscape (landscape too when a table needs it).
//!
//! Pages break as a careful clerk breaks them (`keep`): a heading never stands alone at a
//! page's foot, a paragraph leaves no single line at a foot or a head, and no paragraph ends
//! with one word alone on its last line where a re-break avoids it (`layout::break_even`).
//!
//! Layout is done here on our own measurements (`layout`, `font`) and drawn through printpdf as
//! absolutely positioned lines; printpdf embeds the subset font with its ToUnicode map, and lopdf
//! writes the file with a classic cross-reference table so a signature can be appended as an
//! incremental update. The rectangle left blank for the signature is returned and recorded in
//! the Info dictionary under `/CnscdSignatureBox` for the signing step.

pub(crate) mod columns;
pub(crate) mod font;
pub(crate) mod keep;
pub(crate) mod layout;
mod page;
mod table;
pub(crate) mod units;

use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions};

use crate::document::{Align, Appendix, Block, Document, Header, Paragraph, Signature, Title};
use crate::error::{Error, Result};
use font::{Style, width};
use layout::{Line, break_even, break_lines, widest};
use page::{Composer, LEADING, baseline_offset, mm};

pub use font::Style as FontStyle;

/// The Info dictionary key holding the signature rectangle, as the text string
/// `"page x y w h"` (page 1-based; points; origin bottom-left).
pub const SIGNATURE_BOX_KEY: &str = "CnscdSignatureBox";

/// The blank rectangle between the signer's position lines and the name, where the signature
/// (and the seal over its left third) goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SigBox {
    /// Page index, 0-based.
    pub page: usize,
    /// Left edge, points from the page's left edge.
    pub x: f32,
    /// Bottom edge, points from the page's bottom edge.
    pub y: f32,
    /// Width in points.
    pub w: f32,
    /// Height in points.
    pub h: f32,
}

impl SigBox {
    /// The Info-dictionary form: `"page x y w h"` with a 1-based page.
    pub fn info_value(&self) -> String {
        format!(
            "{} {:.2} {:.2} {:.2} {:.2}",
            self.page + 1,
            self.x,
            self.y,
            self.w,
            self.h
        )
    }
}

/// A rendered PDF.
#[derive(Debug, Clone)]
pub struct RenderedPdf {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Where the signature goes, when the document has a signer.
    pub signature_box: Option<SigBox>,
}

/// Body text size.
const BODY: f32 = 14.0;
/// First-line indent: 1 cm.
const INDENT_MM: f32 = 10.0;

/// Renders a document to PDF bytes.
pub fn render_pdf(doc: &Document) -> Result<RenderedPdf> {
    render_pdf_with(doc, None)
}

/// Renders a document to PDF bytes, reusing the font subsets `fonts` already deflated (a batch
/// of documents meets the same subsets again and again). The same document gives the same
/// bytes: the fonts have fixed resource names and the file carries no clock.
pub fn render_pdf_with(doc: &Document, cache: Option<&FontCache>) -> Result<RenderedPdf> {
    let mut pdf = PdfDocument::new(&title_of(doc));
    // Fixed names instead of `add_font`'s random ones: the same document, the same bytes.
    let fonts = Style::ALL.map(|s| {
        let id = printpdf::FontId(format!("F{}", s.index() + 1));
        pdf.resources.fonts.map.insert(
            id.clone(),
            printpdf::PdfFont::new(font::face(s).parsed.clone()),
        );
        id
    });
    let mut c = Composer::new(fonts);

    c.section(doc.margins, doc.orientation);
    header(&mut c, &doc.header);
    title(&mut c, &doc.title);
    addressees(&mut c, &doc.addressees);
    let keep = signature_height(&c, &doc.signature);
    blocks(&mut c, &doc.body, keep);
    let signature_box = signature(&mut c, &doc.signature);
    for a in &doc.appendices {
        c.section(doc.margins, columns::appendix_orientation(a, doc.margins));
        appendix(&mut c, a);
    }

    let pages = c.finish();
    let count = pages.len();
    let pdf_pages = pages
        .into_iter()
        .map(|p| PdfPage::new(Mm(p.width * 25.4 / 72.0), Mm(p.height * 25.4 / 72.0), p.ops))
        .collect();
    pdf.with_pages(pdf_pages);
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    if let Some(b) = &signature_box {
        set_info(&mut lo, SIGNATURE_BOX_KEY, &b.info_value())?;
    }
    compress_streams(&mut lo, cache);
    set_id(&mut lo, doc);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::internal(format!("ghi tệp PDF: {e}")))?;
    Ok(RenderedPdf {
        bytes,
        pages: count,
        signature_box,
    })
}

/// The file identifier (`/ID` of the trailer) from the document's content instead of printpdf's
/// random one: the same document gives the same bytes, so the register's SHA-256 of a file is
/// the same whichever face wrote it.
fn set_id(lo: &mut lopdf::Document, doc: &Document) {
    use sha2::Digest as _;
    let json = serde_json::to_vec(doc).unwrap_or_default();
    let id = hex::encode_upper(&sha2::Sha256::digest(&json)[..16]);
    let part = || lopdf::Object::String(id.clone().into_bytes(), lopdf::StringFormat::Literal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![part(), part()]));
}

/// Deflates every stream that allows it, as lopdf's `compress` does but at a fast level: its
/// best level spent about 40 % of a decision's rendering time for files a few per cent smaller.
fn compress_streams(doc: &mut lopdf::Document, cache: Option<&FontCache>) {
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        // Embedded font subsets (the streams with `Length1`) repeat from one document to the
        // next in a batch: the same glyphs give the same subset, deflated once.
        let is_font = stream.dict.get(b"Length1").is_ok();
        let compressed = match cache {
            Some(cache) if is_font => cache.deflated(&stream.content),
            _ => deflate(&stream.content),
        };
        // A stream that does not shrink is kept as it is, as lopdf does.
        if let Some(bytes) = compressed
            && bytes.len() + 19 < stream.content.len()
        {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(bytes);
        }
    }
}

fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;

    use flate2::Compression;
    use flate2::write::ZlibEncoder;

    let mut encoder = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::new(3));
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

/// Font subsets deflated lately, by a cheap fingerprint; a hit is compared in full before use.
/// A batch of documents shares one (`render_pdf_with`); a single document needs none. Nothing
/// is kept between calls that were not given the same cache.
#[derive(Debug, Default)]
pub struct FontCache {
    entries: std::sync::Mutex<std::collections::HashMap<(usize, u64), CachedFont>>,
}

/// A deflated font subset: the raw bytes (to confirm a hit), the deflated ones, and whether it
/// was used again since the cache last filled up.
#[derive(Debug)]
struct CachedFont {
    raw: Vec<u8>,
    deflated: Vec<u8>,
    reused: bool,
}

impl FontCache {
    /// Enough for the subsets a batch keeps meeting; when full, those not met again go.
    const ENTRIES: usize = 64;

    /// The deflated bytes of a font subset, from the cache when the same subset was deflated
    /// before.
    fn deflated(&self, raw: &[u8]) -> Option<Vec<u8>> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        // Subsets of one face share their tables' layout; the ends and a middle slice tell them
        // apart cheaply, and a hit is checked byte for byte below.
        let n = raw.len();
        raw[..n.min(2048)].hash(&mut h);
        raw[n / 2..(n / 2 + 2048).min(n)].hash(&mut h);
        raw[n.saturating_sub(2048)..].hash(&mut h);
        let key = (n, h.finish());
        // A poisoned lock only means another thread panicked; the map is still valid.
        let lock = || self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = lock().get_mut(&key)
            && hit.raw.as_slice() == raw
        {
            hit.reused = true;
            return Some(hit.deflated.clone());
        }
        let deflated = deflate(raw)?;
        let mut cache = lock();
        if cache.len() >= Self::ENTRIES {
            cache.retain(|_, c| std::mem::take(&mut c.reused));
            if cache.len() >= Self::ENTRIES {
                cache.clear();
            }
        }
        cache.insert(
            key,
            CachedFont {
                raw: raw.to_vec(),
                deflated: deflated.clone(),
                reused: false,
            },
        );
        Some(deflated)
    }
}

/// Turns every run of two or more spaces into as many no-break spaces.
fn keep_space_runs(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let run =
            c == ' ' && (chars.get(i + 1) == Some(&' ') || i > 0 && chars.get(i - 1) == Some(&' '));
        out.push(if run { '\u{a0}' } else { c });
    }
    out
}

/// The document title for the Info dictionary: type and summary.
fn title_of(doc: &Document) -> String {
    let mut t = doc.title.kind.clone();
    for s in &doc.title.summary {
        t.push(' ');
        t.push_str(s);
    }
    t
}

/// Sets a text-string key in the Info dictionary.
fn set_info(doc: &mut lopdf::Document, key: &str, value: &str) -> Result<()> {
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .map_err(|e| Error::internal(format!("từ điển Info của PDF: {e}")))?;
    let dict = doc
        .get_object_mut(info)
        .and_then(lopdf::Object::as_dict_mut)
        .map_err(|e| Error::internal(format!("từ điển Info của PDF: {e}")))?;
    dict.set(key, lopdf::Object::string_literal(value));
    Ok(())
}

/// Lays out `runs` in a box `w` wide at `x` and draws it at the cursor.
fn text(
    c: &mut Composer,
    runs: &[(Style, &str)],
    size: f32,
    x: f32,
    w: f32,
    indent: f32,
    align: Align,
) -> Vec<Line> {
    let lines = break_even(runs, size, w - indent, w);
    c.lines(&lines, x, w - indent, w, size, align);
    lines
}

/// Centred lines of one style in a column; returns the widest line's width.
fn centred(c: &mut Composer, lines: &[String], style: Style, size: f32, x: f32, w: f32) -> f32 {
    let mut wid = 0.0f32;
    for l in lines.iter().filter(|l| !l.is_empty()) {
        let laid = text(c, &[(style, l)], size, x, w, 0.0, Align::Center);
        wid = wid.max(widest(&laid));
    }
    wid
}

/// The header (ô 1–4): issuing body on the left (about 40 %), Quốc hiệu and Tiêu ngữ on the
/// right, each with its rule; then the number and the date on one row.
fn header(c: &mut Composer, h: &Header) {
    const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
    let x = c.left();
    let w = c.text_width();
    // Quốc hiệu at 13 pt when the page allows it (165 mm text width), else 12 pt.
    let (lw, rw, qh_size) = columns::header_columns(w);
    let rx = x + lw;
    let top = c.y;
    centred(c, &h.parent_body, Style::Regular, 13.0, x, lw);
    let body_w = centred(c, &h.issuing_body, Style::Bold, 13.0, x, lw);
    let rule_y = c.y + 1.5;
    if body_w > 0.0 {
        let rl = body_w * 0.4;
        c.rule(x + (lw - rl) / 2.0, x + (lw + rl) / 2.0, rule_y, 0.6);
    }
    let left_end = rule_y;

    c.y = top;
    centred(c, &[QUOC_HIEU.to_string()], Style::Bold, qh_size, rx, rw);
    let tn_w = centred(c, &[TIEU_NGU.to_string()], Style::Bold, 14.0, rx, rw);
    let tn_rule = c.y + 1.5;
    c.rule(rx + (rw - tn_w) / 2.0, rx + (rw + tn_w) / 2.0, tn_rule, 0.6);
    let right_end = tn_rule;

    // Number (13 pt) and date (14 pt italic) share a baseline.
    let row = left_end.max(right_end) + 8.0;
    let baseline = row + baseline_offset(14.0);
    // A draft's blank number (`Số:       /QĐ-UBND`) keeps its gap for the handwritten number:
    // runs of spaces become no-break spaces, which the line breaker does not fold.
    let number_line = keep_space_runs(&h.number_line);
    let num = break_lines(&[(Style::Regular, &number_line)], 13.0, lw, lw);
    let date = break_lines(&[(Style::Italic, &h.date_line)], 14.0, rw, rw);
    for (i, l) in num.iter().enumerate() {
        c.line(
            l,
            x,
            lw,
            baseline + i as f32 * 13.0 * LEADING,
            13.0,
            Align::Center,
        );
    }
    for (i, l) in date.iter().enumerate() {
        c.line(
            l,
            rx,
            rw,
            baseline + i as f32 * 14.0 * LEADING,
            14.0,
            Align::Center,
        );
    }
    let rows = |n: usize, size: f32| n.max(1) as f32 * size * LEADING;
    c.y = row + rows(num.len(), 13.0).max(rows(date.len(), 14.0));
}

/// Type and summary (ô 5a), centred bold 14 pt, with a short rule under the summary.
fn title(c: &mut Composer, t: &Title) {
    if t.kind.is_empty() && t.summary.is_empty() {
        return;
    }
    let x = c.left();
    let w = c.text_width();
    c.y += 14.0;
    centred(c, std::slice::from_ref(&t.kind), Style::Bold, BODY, x, w);
    let sw = centred(
        c,
        &t.summary,
        Style::Bold,
        BODY,
        x,
        w * 0.85 + (w * 0.15) / 2.0,
    );
    let rl = if sw > 0.0 { sw * 0.4 } else { w * 0.25 };
    let y = c.y + 1.5;
    c.rule(x + (w - rl) / 2.0, x + (w + rl) / 2.0, y, 0.6);
    c.y = y + 4.0;
}

/// `Kính gửi:` (ô 9a): one recipient on the same line, several as a dashed list beside it.
fn addressees(c: &mut Composer, list: &[String]) {
    if list.is_empty() {
        return;
    }
    let x = c.left();
    let w = c.text_width();
    c.y += 6.0;
    if let [one] = list {
        text(
            c,
            &[(Style::Regular, &format!("Kính gửi: {one}"))],
            BODY,
            x,
            w,
            0.0,
            Align::Center,
        );
        return;
    }
    let label = "Kính gửi: ";
    let lx = x + w * 0.2;
    let ix = lx + width(label, Style::Regular, BODY);
    let first = break_lines(&[(Style::Regular, label)], BODY, w, w);
    if let Some(l) = first.first() {
        c.line(l, lx, w, c.y + baseline_offset(BODY), BODY, Align::Left);
    }
    for item in list {
        text(
            c,
            &[(Style::Regular, &format!("- {item}"))],
            BODY,
            ix,
            x + w - ix,
            0.0,
            Align::Left,
        );
    }
}

/// A paragraph of the body; its last lines stay on the page of the `keep_after` points
/// that follow it.
fn paragraph(c: &mut Composer, p: &Paragraph, keep_after: f32) {
    let lines = paragraph_lines(c, p);
    c.y += p.space_before;
    let indent = if p.indent { mm(INDENT_MM) } else { 0.0 };
    let x = c.left();
    let w = c.text_width();
    c.lines_keep(&lines, x, (w - indent, w), p.size, p.align, keep_after);
}

/// The body blocks; a final paragraph keeps its end with the `keep_last` points that follow. A
/// heading (or a line announcing what follows) goes to the next page unless the start of what
/// follows fits under it.
fn blocks(c: &mut Composer, blocks: &[Block], keep_last: f32) {
    // Units of measure kept whole in the headers where the page allows; tables of one kind
    // share their columns (the rosters of one appendix line up).
    let blocks = &*units::keep_units(blocks, c.text_width());
    let grids = columns::grids(blocks, c.text_width());
    for (i, b) in blocks.iter().enumerate() {
        let keep = if i + 1 == blocks.len() {
            keep_last
        } else {
            0.0
        };
        match b {
            Block::Paragraph(p) => {
                if keep::keeps_with_next(p) {
                    let rest = (&blocks[i + 1..], &grids[i + 1..]);
                    let need = paragraph_height(c, p) + lead(c, rest, 3, keep_last);
                    c.ensure(need);
                }
                paragraph(c, p, keep);
            }
            Block::Table(t) => table::draw(c, t, grids[i].as_deref().unwrap_or_default()),
            Block::Space(pt) => {
                if c.room() > *pt {
                    c.y += pt;
                } else {
                    c.new_page();
                }
            }
            Block::PageBreak => c.new_page(),
        }
    }
}

/// The lines of a body paragraph as [`paragraph`] breaks them.
fn paragraph_lines(c: &Composer, p: &Paragraph) -> Vec<Line> {
    let runs: Vec<(Style, &str)> = p
        .runs
        .iter()
        .map(|r| (Style::of(r.bold, r.italic), r.text.as_str()))
        .collect();
    let indent = if p.indent { mm(INDENT_MM) } else { 0.0 };
    let w = c.text_width();
    break_even(&runs, p.size, w - indent, w)
}

/// Height of a whole body paragraph with its space before.
fn paragraph_height(c: &Composer, p: &Paragraph) -> f32 {
    p.space_before + paragraph_lines(c, p).len() as f32 * p.size * page::LEADING
}

/// The height the start of `rest` needs on the page of the heading above it: two lines of a
/// paragraph (a whole heading and what it keeps, in turn), a table's header and first row. The
/// last paragraph of the body keeps its last two lines with the `keep_last` points after it,
/// so a short one goes whole with them.
fn lead(
    c: &Composer,
    (rest, grids): (&[Block], &[Option<Vec<f32>>]),
    depth: usize,
    keep_last: f32,
) -> f32 {
    let Some(first) = rest.first() else {
        return 0.0;
    };
    let next = (&rest[1..], &grids[1..]);
    match first {
        Block::Paragraph(p) if keep::keeps_with_next(p) && depth > 0 => {
            paragraph_height(c, p) + lead(c, next, depth - 1, keep_last)
        }
        Block::Paragraph(p) => {
            let n = paragraph_lines(c, p).len();
            let lh = p.size * page::LEADING;
            if rest.len() == 1 && keep_last > 0.0 && n <= 3 {
                p.space_before + n as f32 * lh + keep_last
            } else {
                p.space_before + n.min(2) as f32 * lh
            }
        }
        Block::Table(t) => table::lead_height(c, t, grids[0].as_deref().unwrap_or_default()),
        Block::Space(pt) => pt + lead(c, next, depth, keep_last),
        Block::PageBreak => 0.0,
    }
}

/// Height of the signature block with its space before, as laid out by [`signature`].
fn signature_height(c: &Composer, s: &Signature) -> f32 {
    if s.signer_lines.is_empty() && s.signer_name.is_empty() && s.recipients.is_empty() {
        return 0.0;
    }
    let (signer, items) = signature_lines(c, s);
    let (right_h, left_h) = signature_heights(&signer, &items);
    6.0 + right_h.max(left_h)
}

/// The signer lines (right column) and Nơi nhận items (left column), broken to their widths.
fn signature_lines(c: &Composer, s: &Signature) -> (Vec<Vec<Line>>, Vec<Vec<Line>>) {
    let w = c.text_width();
    let lw = (w * 0.4).round();
    let rw = w - lw;
    let signer = s
        .signer_lines
        .iter()
        .map(|l| break_lines(&[(Style::Bold, l)], BODY, rw, rw))
        .collect();
    let items = s
        .recipients
        .iter()
        .map(|r| {
            break_lines(
                &[(Style::Regular, &format!("- {r}"))],
                11.0,
                lw - 4.0,
                lw - 4.0,
            )
        })
        .collect();
    (signer, items)
}

/// Heights of the right column (positions, four blank lines, the name) and the left one.
fn signature_heights(signer: &[Vec<Line>], items: &[Vec<Line>]) -> (f32, f32) {
    let lh = BODY * LEADING;
    let n_signer: usize = signer.iter().map(Vec::len).sum();
    let right_h = n_signer as f32 * lh + 4.0 * lh + lh;
    let n_items: usize = items.iter().map(Vec::len).sum();
    let left_h = baseline_offset(BODY) + 12.0 * 0.3 + n_items as f32 * 11.0 * LEADING;
    (right_h, left_h)
}

/// The signature block (ô 7) in the right column, Nơi nhận (ô 9b) in the left, their first
/// lines level. Returns the blank rectangle for the signature.
fn signature(c: &mut Composer, s: &Signature) -> Option<SigBox> {
    if s.signer_lines.is_empty() && s.signer_name.is_empty() && s.recipients.is_empty() {
        return None;
    }
    let x = c.left();
    let w = c.text_width();
    let lw = (w * 0.4).round();
    let rw = w - lw;
    let rx = x + lw;
    let blank = 4.0 * BODY * LEADING;
    let (signer, items) = signature_lines(c, s);
    let (right_h, left_h) = signature_heights(&signer, &items);

    c.y += 6.0;
    c.ensure(right_h.max(left_h));
    let top = c.y;
    let page = c.page_index();

    // Right column: position lines, the blank, the name.
    for lines in &signer {
        c.lines(lines, rx, rw, rw, BODY, Align::Center);
    }
    let blank_top = c.y;
    c.y += blank;
    let name_top = c.y;
    if !s.signer_name.is_empty() {
        text(
            c,
            &[(Style::Bold, &s.signer_name)],
            BODY,
            rx,
            rw,
            0.0,
            Align::Center,
        );
    }
    let right_end = c.y;

    // Left column: the label on the first signer line's baseline, then the items.
    let mut left_end = top;
    if !s.recipients.is_empty() {
        let label_base = top + baseline_offset(BODY);
        let label = break_lines(&[(Style::BoldItalic, "Nơi nhận:")], 12.0, lw, lw);
        if let Some(l) = label.first() {
            c.line(l, x, lw, label_base, 12.0, Align::Left);
        }
        c.y = label_base + 12.0 * 0.3;
        for lines in &items {
            c.lines(lines, x, lw - 4.0, lw - 4.0, 11.0, Align::Left);
        }
        left_end = c.y;
    }
    c.y = right_end.max(left_end);

    let page_h = c.pages.get(page).map_or(page::A4.1, |p| p.height);
    (!s.signer_lines.is_empty() || !s.signer_name.is_empty()).then_some(SigBox {
        page,
        x: rx,
        y: page_h - name_top,
        w: rw,
        h: name_top - blank_top,
    })
}

/// An appendix: label, title, reference line and rule, then its blocks.
fn appendix(c: &mut Composer, a: &Appendix) {
    let x = c.left();
    let w = c.text_width();
    if !a.label.is_empty() {
        centred(c, std::slice::from_ref(&a.label), Style::Bold, BODY, x, w);
    }
    let tw = centred(c, &a.title, Style::Bold, BODY, x, w);
    // A draft's blank number (`số       /QĐ-UBND`) keeps its gap here too.
    let rw = centred(
        c,
        &[keep_space_runs(&a.reference)],
        Style::Italic,
        BODY,
        x,
        w,
    );
    let rl = tw.max(rw).max(w * 0.5) * 0.3;
    // Below the italic reference line's descenders (g, p, y), not touching them.
    let y = c.y + 4.0;
    c.rule(x + (w - rl) / 2.0, x + (w + rl) / 2.0, y, 0.6);
    c.y = y + 8.0;
    blocks(c, &a.blocks, 0.0);
}

#[cfg(test)]
mod tests {
    use super::keep_space_runs;

    #[test]
    fn blank_number_keeps_its_gap() {
        assert_eq!(
            keep_space_runs("Số:   /QĐ-UBND"),
            "Số:\u{a0}\u{a0}\u{a0}/QĐ-UBND"
        );
        assert_eq!(keep_space_runs("Số: 05/QĐ-UBND"), "Số: 05/QĐ-UBND");
    }
}
