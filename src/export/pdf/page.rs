//! The page composer: a cursor running down the text area of the current page, the pages
//! produced so far with their drawing operations, sections with their own orientation and page
//! numbering (the main part, then each appendix), and the primitives the layout uses (a line of
//! styled text, a rule, a box). Coordinates given to it are points from the top-left corner of
//! the page; it converts to PDF's bottom-left origin.

use printpdf::{FontId, Line as PdfLine, LinePoint, Op, PdfFontHandle, Point, Pt, TextItem};

use super::font::{Style, face, width};
use super::keep::page_breaks;
use super::layout::Line;
use crate::document::{Align, Margins, Orientation};

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// A4 in points.
pub const A4: (f32, f32) = (595.2756, 841.8898);

/// Line height as a multiple of the font size: "single" spacing of Times New Roman.
pub const LEADING: f32 = 1.15;

/// One page being drawn.
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// Drawing operations.
    pub ops: Vec<Op>,
    /// The number printed at the top, if any (none on the first page of a section).
    pub number: Option<usize>,
    /// Top margin (the page number is centred in it).
    pub top: f32,
    /// Left edge of the text area.
    pub left: f32,
    /// Right edge of the text area.
    pub right: f32,
}

/// The composer.
pub struct Composer {
    fonts: [FontId; 4],
    /// Pages drawn so far.
    pub pages: Vec<Page>,
    margins: Margins,
    orientation: Orientation,
    /// Cursor: distance from the top of the current page, in points.
    pub y: f32,
    section_page: usize,
}

impl Composer {
    /// A composer drawing with the given font ids (indexed by [`Style::index`]).
    pub fn new(fonts: [FontId; 4]) -> Composer {
        Composer {
            fonts,
            pages: Vec::new(),
            margins: Margins::DEFAULT,
            orientation: Orientation::Portrait,
            y: 0.0,
            section_page: 0,
        }
    }

    /// Starts a section (main part or appendix) on a fresh page, numbered from 1 with the
    /// number hidden on its first page.
    pub fn section(&mut self, margins: Margins, orientation: Orientation) {
        self.margins = margins;
        self.orientation = orientation;
        self.section_page = 0;
        self.new_page();
    }

    /// Continues the current section on a new page.
    pub fn new_page(&mut self) {
        self.section_page += 1;
        let (width, height) = match self.orientation {
            Orientation::Portrait => A4,
            Orientation::Landscape => (A4.1, A4.0),
        };
        let m = self.margins;
        self.pages.push(Page {
            width,
            height,
            ops: Vec::new(),
            number: (self.section_page > 1).then_some(self.section_page),
            top: mm(m.top),
            left: mm(m.left),
            right: width - mm(m.right),
        });
        self.y = mm(m.top);
    }

    /// Left edge of the text area.
    pub fn left(&self) -> f32 {
        mm(self.margins.left)
    }

    /// Width of the text area.
    pub fn text_width(&self) -> f32 {
        self.page().right - self.left()
    }

    /// Lowest y the text may reach on this page.
    pub fn bottom(&self) -> f32 {
        self.page().height - mm(self.margins.bottom)
    }

    /// Space left on the page below the cursor.
    pub fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    /// Starts a new page unless `height` points still fit below the cursor.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom() + 0.01 && self.y > mm(self.margins.top) + 0.01 {
            self.new_page();
        }
    }

    /// Index of the current page.
    pub fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    fn page(&self) -> &Page {
        // `section` is always called first; an empty composer has an A4 text area.
        match self.pages.last() {
            Some(p) => p,
            None => &FALLBACK,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last].ops
    }

    fn page_height(&self) -> f32 {
        self.page().height
    }

    /// Draws one laid-out line with its left edge at `x` in a box `avail` wide, its baseline
    /// `baseline` points from the top, aligned as asked (justified lines spread their spaces).
    pub fn line(
        &mut self,
        line: &Line,
        x: f32,
        avail: f32,
        baseline: f32,
        size: f32,
        align: Align,
    ) {
        if line.words.is_empty() {
            return;
        }
        let gaps = line.words.len().saturating_sub(1);
        let (x0, extra) = match align {
            Align::Left => (x, 0.0),
            Align::Center => (x + (avail - line.width) / 2.0, 0.0),
            Align::Right => (x + avail - line.width, 0.0),
            Align::Justify if line.last || gaps == 0 => (x, 0.0),
            Align::Justify => (x, ((avail - line.width) / gaps as f32).max(0.0)),
        };
        let y = self.page_height() - baseline;
        let mut ops = vec![
            Op::StartTextSection,
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x0),
                    y: Pt(y),
                },
            },
        ];
        // One ShowText per run of a style; the extra justification space is a TJ offset
        // after each real space, so text extraction still sees the spaces.
        let mut style: Option<Style> = None;
        let mut items: Vec<TextItem> = Vec::new();
        let mut text = String::new();
        let kern = -extra * 1000.0 / size;
        for (i, word) in line.words.iter().enumerate() {
            for frag in &word.frags {
                if style != Some(frag.style) {
                    self.flush(&mut ops, style, size, &mut items, &mut text);
                    style = Some(frag.style);
                }
                text.push_str(&frag.text);
            }
            if i < gaps {
                text.push(' ');
                if extra > 0.0 {
                    items.push(TextItem::Text(std::mem::take(&mut text)));
                    items.push(TextItem::Offset(kern));
                }
            }
        }
        self.flush(&mut ops, style, size, &mut items, &mut text);
        ops.push(Op::EndTextSection);
        self.ops().extend(ops);
    }

    fn flush(
        &self,
        ops: &mut Vec<Op>,
        style: Option<Style>,
        size: f32,
        items: &mut Vec<TextItem>,
        text: &mut String,
    ) {
        if !text.is_empty() {
            items.push(TextItem::Text(std::mem::take(text)));
        }
        if items.is_empty() {
            return;
        }
        let Some(style) = style else { return };
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(self.fonts[style.index()].clone()),
            size: Pt(size),
        });
        ops.push(Op::ShowText {
            items: std::mem::take(items),
        });
    }

    /// Draws lines of text at the cursor, one after another (breaking the page between lines
    /// when needed), and moves the cursor below them.
    pub fn lines(
        &mut self,
        lines: &[Line],
        x: f32,
        first: f32,
        rest: f32,
        size: f32,
        align: Align,
    ) {
        self.lines_keep(lines, x, (first, rest), size, align, 0.0);
    }

    /// Like [`Composer::lines`], with the page-break rules of `keep::page_breaks`: no line of
    /// several alone at a page's foot or head, and the last two lines on the same page as the
    /// `keep_after` points that follow (the signature block).
    pub fn lines_keep(
        &mut self,
        lines: &[Line],
        x: f32,
        (first, rest): (f32, f32),
        size: f32,
        align: Align,
        keep_after: f32,
    ) {
        let lh = size * LEADING;
        let breaks = page_breaks(
            lines.len(),
            lh,
            self.y,
            mm(self.margins.top),
            self.bottom(),
            keep_after,
        );
        for (i, line) in lines.iter().enumerate() {
            if breaks.contains(&i) {
                self.new_page();
            }
            self.ensure(lh);
            let (lx, avail) = if i == 0 {
                (x + rest - first, first)
            } else {
                (x, rest)
            };
            let baseline = self.y + baseline_offset(size);
            self.line(line, lx, avail, baseline, size, align);
            self.y += lh;
        }
    }

    /// A horizontal rule from `x1` to `x2` at `y` points from the top.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        self.segment((x1, y), (x2, y), thickness);
    }

    /// A vertical rule at `x` from `y1` to `y2` (points from the top).
    pub fn vrule(&mut self, x: f32, y1: f32, y2: f32, thickness: f32) {
        self.segment((x, y1), (x, y2), thickness);
    }

    /// A straight line between two points given as (x, points from the top).
    fn segment(&mut self, from: (f32, f32), to: (f32, f32), thickness: f32) {
        let h = self.page_height();
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(h - y),
            },
            bezier: false,
        };
        let points = vec![point(from), point(to)];
        let ops = self.ops();
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::DrawLine {
            line: PdfLine {
                points,
                is_closed: false,
            },
        });
    }

    /// Draws the page numbers (top centre, 14 pt, in the top margin) and returns the pages.
    pub fn finish(mut self) -> Vec<Page> {
        let fonts = self.fonts.clone();
        for page in &mut self.pages {
            let Some(n) = page.number else { continue };
            let text = n.to_string();
            let size = 14.0;
            let w = width(&text, Style::Regular, size);
            let x = (page.left + page.right - w) / 2.0;
            // Baseline in the lower half of the top margin, clear of the first text line.
            let baseline = page.top * 0.6 + size * 0.3;
            page.ops.extend([
                Op::StartTextSection,
                Op::SetTextCursor {
                    pos: Point {
                        x: Pt(x),
                        y: Pt(page.height - baseline),
                    },
                },
                Op::SetFont {
                    font: PdfFontHandle::External(fonts[Style::Regular.index()].clone()),
                    size: Pt(size),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(text)],
                },
                Op::EndTextSection,
            ]);
        }
        self.pages
    }
}

/// Distance from the top of a line box to its baseline: the descender (0.216 em in Liberation
/// Serif) stays inside the box, so the last line never pokes into the bottom margin.
pub fn baseline_offset(size: f32) -> f32 {
    size * (LEADING - DESCENT).max(face(Style::Regular).ascent)
}

/// Descender of the document font, in em.
const DESCENT: f32 = 0.216;

static FALLBACK: Page = Page {
    width: A4.0,
    height: A4.1,
    ops: Vec::new(),
    number: None,
    top: 56.69,
    left: 85.04,
    right: 552.76,
};
