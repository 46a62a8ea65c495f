//! Column widths from the content, shared by the PDF and the DOCX renderers so both print the
//! same grid, and the orientation an appendix takes from its tables.
//!
//! Each column is measured on the document font: its longest unbreakable word (header words
//! included, so «STT» or «Ghi chú» never break inside a word), its natural single-line width
//! (the widest body cell on one line), the same with the header, and whether it holds prose
//! (a cell of six words or more, or a very wide one: a position, a note, a team's full name)
//! rather than short values (names, roles, years, phone numbers). A clerk sets a table the same
//! way: every column as wide as its content on one line when the page allows, the spare width
//! shared out in the template's proportions; when it does not, the prose columns keep a
//! readable measure, the short columns keep their single line from the narrowest up, and the
//! prose wraps in what is left, never narrower than its longest word. Tables of one kind in one
//! part (the rosters of the teams in a plan's appendix) share one grid, so their columns line up.

use super::font::{Style, width};
use super::page::mm;
use crate::document::{Appendix, Block, Cell, Margins, Orientation, Table};

/// Inner padding of a cell, left and right, in points. The DOCX writes the same cell margins.
pub const PAD_X: f32 = 3.0;
/// Inner padding of a cell, top and bottom, in points.
pub const PAD_Y: f32 = 2.5;

/// Added to every measured width: Word and LibreOffice round to twips, may kern or draw the
/// border inside the cell, and a width exactly equal to the text wraps in some of them.
fn slack(w: f32) -> f32 {
    w * 0.02 + 1.5
}

/// A cell of this many words is prose (a position, a note): names, roles and places have fewer.
const PROSE_WORDS: usize = 6;
/// A column wider than this many ems of the table's size on one line is prose too.
const PROSE_EM: f32 = 18.0;
/// The measure a prose column keeps before short columns get their single line, in ems.
const READABLE_EM: f32 = 6.0;
/// The most lines a header is measured on: `Demand::lines[k]` sets it on `k + 1` lines.
pub const HEAD_LINES: usize = 12;
/// A single token wider than this many ems (a web link, an e-mail address) is cut rather than
/// allowed to push its column that wide: the column wraps like prose.
const CUT_EM: f32 = 8.0;

/// What one column's content asks for, padding and slack included, in points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Demand {
    /// The longest unbreakable word of the column (header and body).
    pub min: f32,
    /// The widest body cell on one line (at least `min`).
    pub natural: f32,
    /// The widest cell, header included, on one line (at least `natural`).
    pub head: f32,
    /// The width that sets every header cell on two lines at most (at least `min`).
    pub head2: f32,
    /// Whether the column holds prose that wraps (a body cell of `PROSE_WORDS` words or more, or
    /// one wider than `PROSE_EM` ems, or a token wider than `CUT_EM` ems).
    pub prose: bool,
    /// The width that sets every header cell on `k + 1` lines at most (at least `natural`):
    /// the table of indicators by unit has long headers over short numbers, and its columns
    /// are evened out by giving every header the same number of lines.
    pub lines: [f32; HEAD_LINES],
}

impl Demand {
    /// The width the column asks for before the page counts as too narrow: its single line for
    /// short values, a readable measure for prose.
    fn readable(&self, size: f32) -> f32 {
        if self.prose {
            (READABLE_EM * size).clamp(self.min, self.natural)
        } else {
            self.natural
        }
    }
}

/// Where each cell of `rows` sits on a grid of `ncols` columns: `(column, columns spanned)`.
/// A cell goes to the first column its row leaves free after the row spans from above (only
/// header rows span rows).
pub fn grid(rows: &[Vec<Cell>], ncols: usize, spans: bool) -> Vec<Vec<(usize, usize)>> {
    let mut taken = vec![vec![false; ncols]; rows.len()];
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let mut placed = Vec::with_capacity(row.len());
        let mut col = 0;
        for cell in row {
            while col < ncols && taken[r][col] {
                col += 1;
            }
            if col >= ncols {
                break;
            }
            let cols = usize::from(cell.colspan.max(1)).min(ncols - col);
            let nrows = if spans {
                usize::from(cell.rowspan.max(1)).min(rows.len() - r)
            } else {
                1
            };
            for line in taken.iter_mut().skip(r).take(nrows) {
                for t in line.iter_mut().skip(col).take(cols) {
                    *t = true;
                }
            }
            placed.push((col, cols));
            col += cols;
        }
        out.push(placed);
    }
    out
}

/// Number of columns of a table: its widths, or its longest row.
pub fn count(t: &Table) -> usize {
    t.widths.len().max(
        t.header
            .iter()
            .chain(&t.rows)
            .map(Vec::len)
            .max()
            .unwrap_or(0),
    )
}

/// A cell's text measured once: its words' widths, hard line by hard line, split as
/// [`words`](super::layout::words) splits them. Every width a column asks for (up to
/// `HEAD_LINES` binary searches of a header) is computed from them without allocating again.
struct Measured {
    lines: Vec<Vec<f32>>,
    space: f32,
    longest: f32,
}

/// The room a word of `width` points needs. Words joined by no-break spaces (a unit of measure
/// kept whole, `units`) get more: Word and LibreOffice set them a little wider than measured
/// here, and a joined unit that does not fit is broken inside a word («(sả» / «n phẩm)»).
fn unbreakable(word: &str, width: f32) -> f32 {
    if word.contains('\u{a0}') {
        width * 1.04 + 2.0
    } else {
        width
    }
}

impl Measured {
    fn new(text: &str, style: Style, size: f32) -> Self {
        let mut buf = [0u8; 4];
        let mut longest = 0.0f32;
        let lines = text
            .split('\n')
            .map(|line| {
                line.split([' ', '\t'])
                    .filter(|w| !w.chars().all(|c| c == '\r'))
                    .map(|w| {
                        let width = if w.contains('\r') {
                            w.chars()
                                .filter(|&c| c != '\r')
                                .map(|c| width(c.encode_utf8(&mut buf), style, size))
                                .sum()
                        } else {
                            width(w, style, size)
                        };
                        longest = longest.max(unbreakable(w, width));
                        width
                    })
                    .collect()
            })
            .collect();
        Measured {
            lines,
            space: width(" ", style, size),
            longest,
        }
    }

    fn span(&self, ws: &[f32]) -> f32 {
        ws.iter().sum::<f32>() + self.space * ws.len().saturating_sub(1) as f32
    }

    /// The room of the longest word, the widest hard line, the most words on one hard line.
    fn extent(&self) -> (f32, f32, usize) {
        let longest = self.longest;
        let widest = self
            .lines
            .iter()
            .map(|l| self.span(l))
            .fold(0.0f32, f32::max);
        let most = self.lines.iter().map(Vec::len).max().unwrap_or(0);
        (longest, widest, most)
    }

    /// The lines [`break_lines`](super::layout::break_lines) gives at `avail` points, for a
    /// width no narrower than the longest word (so no word is cut).
    fn count(&self, avail: f32) -> usize {
        self.lines
            .iter()
            .map(|line| {
                let mut lines = 1;
                let mut run: Option<f32> = None;
                for &w in line {
                    run = Some(match run {
                        Some(r) if r + self.space + w > avail + 0.01 => {
                            lines += 1;
                            w
                        }
                        Some(r) => r + self.space + w,
                        None => w,
                    });
                }
                lines
            })
            .sum()
    }

    /// The narrowest width that sets the text on two lines at most (each hard line): the best
    /// place to split its words in two.
    fn two_lines(&self) -> f32 {
        self.lines
            .iter()
            .map(|w| {
                (0..=w.len())
                    .map(|k| self.span(&w[..k]).max(self.span(&w[k..])))
                    .fold(f32::INFINITY, f32::min)
            })
            .fold(0.0, f32::max)
    }

    /// The narrowest width that sets the text on `lines` lines at most, as the renderer breaks
    /// it; never under its longest word.
    fn on_lines(&self, lines: usize) -> f32 {
        let (longest, widest, _) = self.extent();
        if self.count(longest) <= lines {
            return longest;
        }
        let (mut lo, mut hi) = (longest, widest);
        for _ in 0..24 {
            let mid = (lo + hi) / 2.0;
            if self.count(mid) <= lines {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    }
}

/// What each column of `t` asks for.
pub fn demands(t: &Table) -> Vec<Demand> {
    let ncols = count(t);
    let mut d = vec![Demand::default(); ncols];
    let pad = |w: f32| w + 2.0 * PAD_X + slack(w);
    let cut = CUT_EM * size_of(t);
    // Cells spanning several columns: their longest word must fit the columns together.
    let mut spanning: Vec<(usize, usize, f32)> = Vec::new();
    let mut take = |rows: &[Vec<Cell>], header: bool| {
        for (row, places) in rows.iter().zip(grid(rows, ncols, header)) {
            for (cell, (col, cols)) in row.iter().zip(places) {
                let style = Style::of(header || cell.bold, false);
                let m = Measured::new(&cell.text, style, size_of(t));
                let (longest, widest, most) = m.extent();
                if cols > 1 {
                    spanning.push((col, cols, pad(longest.min(cut))));
                    continue;
                }
                let c = &mut d[col];
                c.min = c.min.max(pad(longest.min(cut)));
                c.prose |= longest > cut;
                if !header {
                    c.natural = c.natural.max(pad(widest));
                    c.prose |= most >= PROSE_WORDS;
                }
                c.head = c.head.max(pad(widest));
                if header {
                    c.head2 = c.head2.max(pad(m.two_lines()));
                    // A bold header word runs wider in LibreOffice than on the document font:
                    // a column as narrow as its longest header word cut it («phươn g»).
                    let word = (longest * 1.06).min(cut);
                    for (k, l) in c.lines.iter_mut().enumerate() {
                        let w = m.on_lines(k + 1);
                        *l = l.max(pad(w.max(word)));
                    }
                }
            }
        }
    };
    take(&t.header, true);
    take(&t.rows, false);
    for c in &mut d {
        // An empty column still gets room for a few characters.
        c.min = c.min.max(pad(size_of(t)));
        c.natural = c.natural.max(c.min);
        c.head = c.head.max(c.natural);
        c.head2 = c.head2.clamp(c.min, c.head);
        let natural = c.natural;
        for l in &mut c.lines {
            *l = l.clamp(natural, c.head);
        }
        c.prose |= c.natural > PROSE_EM * size_of(t);
    }
    for (col, cols, need) in spanning {
        let have: f32 = d[col..col + cols].iter().map(|c| c.min).sum();
        if have < need {
            let add = (need - have) / cols as f32;
            for c in &mut d[col..col + cols] {
                c.min += add;
                c.natural = c.natural.max(c.min);
                c.head = c.head.max(c.natural);
            }
        }
    }
    d
}

fn size_of(t: &Table) -> f32 {
    if t.size > 0.0 { t.size } else { 12.0 }
}

/// The template's relative widths, one per column (1 where missing or not positive).
fn weights(t: &Table, ncols: usize) -> Vec<f32> {
    (0..ncols)
        .map(|i| t.widths.get(i).copied().filter(|v| *v > 0.0).unwrap_or(1.0))
        .collect()
}

/// Column widths in points for a table set `avail` points wide; they add up to `avail`.
#[cfg(test)]
pub fn fit(t: &Table, avail: f32) -> Vec<f32> {
    let d = demands(t);
    let w = weights(t, d.len());
    fit_demands(&d, &w, avail, size_of(t))
}

/// Tables of one kind: the same header, template widths and size (the rosters of the teams of
/// one appendix, one after another).
fn same_kind(a: &Table, b: &Table) -> bool {
    a.widths == b.widths && a.header == b.header && a.size == b.size
}

/// The demands of a group of tables of one kind: the largest of each column's.
fn merged(tables: &[&Table]) -> Vec<Demand> {
    let mut out: Vec<Demand> = Vec::new();
    for t in tables {
        for (i, d) in demands(t).into_iter().enumerate() {
            match out.get_mut(i) {
                Some(m) => {
                    m.min = m.min.max(d.min);
                    m.natural = m.natural.max(d.natural);
                    m.head = m.head.max(d.head);
                    m.head2 = m.head2.max(d.head2);
                    m.prose |= d.prose;
                    for (a, b) in m.lines.iter_mut().zip(d.lines) {
                        *a = a.max(b);
                    }
                }
                None => out.push(d),
            }
        }
    }
    out
}

/// The groups of tables of one kind among `blocks`, as block indices.
fn groups(blocks: &[Block]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Block::Table(t) = b else { continue };
        let kind = groups.iter_mut().find(|g| match &blocks[g[0]] {
            Block::Table(first) => same_kind(first, t),
            _ => false,
        });
        match kind {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
}

fn tables_at<'a>(blocks: &'a [Block], group: &[usize]) -> Vec<&'a Table> {
    group
        .iter()
        .filter_map(|&i| match &blocks[i] {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The column widths of every table among `blocks` (by block index; `None` for other blocks)
/// set `avail` points wide. Tables of one kind share one grid, fitted to the content of them
/// all, so that the rosters of one appendix line up column for column.
pub fn grids(blocks: &[Block], avail: f32) -> Vec<Option<Vec<f32>>> {
    let mut out = vec![None; blocks.len()];
    for g in groups(blocks) {
        let tables = tables_at(blocks, &g);
        let d = merged(&tables);
        let w = weights(tables[0], d.len());
        let widths = fit_demands(&d, &w, avail, size_of(tables[0]));
        for i in g {
            out[i] = Some(widths.clone());
        }
    }
    out
}

/// [`fit`] on measured demands and template weights, for a table of `size` points.
pub fn fit_demands(d: &[Demand], weights: &[f32], avail: f32, size: f32) -> Vec<f32> {
    let n = d.len();
    if n == 0 {
        return Vec::new();
    }
    let sum = |f: fn(&Demand) -> f32| d.iter().map(f).sum::<f32>();
    let mins: Vec<f32> = d.iter().map(|c| c.min).collect();
    if sum(|c| c.min) >= avail {
        // Not even the longest words fit: share the width out by them (the renderers cut the
        // words that still do not fit, as a last resort).
        let total = sum(|c| c.min);
        return mins.iter().map(|m| avail * m / total).collect();
    }
    let unbounded = vec![f32::INFINITY; n];
    // Every column on one line, headers too; else the body on one line and as many headers as
    // fit, the cheapest first. The spare width goes out in the template's proportions.
    if sum(|c| c.head) <= avail {
        let floors: Vec<f32> = d.iter().map(|c| c.head).collect();
        return spread(&floors, &unbounded, weights, avail);
    }
    if sum(|c| c.natural) <= avail {
        let mut floors: Vec<f32> = d.iter().map(|c| c.natural).collect();
        // Every header on as few lines as the page allows, the same number for all: a header
        // row is as tall as its tallest cell, so a column whose header stays on twelve lines
        // beside one on two wastes the width the second took.
        let on = |k: usize| d.iter().map(move |c| c.lines[k].max(c.natural));
        if let Some(k) = (0..HEAD_LINES).find(|&k| on(k).sum::<f32>() <= avail) {
            floors = on(k).collect();
        }
        heads(d, (0..n).collect(), &mut floors, avail, |c| c.head2);
        heads(d, (0..n).collect(), &mut floors, avail, |c| c.head);
        return spread(&floors, &unbounded, weights, avail);
    }
    // Too wide for one line each. Prose keeps a readable measure when the longest words
    // leave room for it; then short columns get their single line from the narrowest up while
    // the rest fits; prose wraps in what is left.
    let mut floors = mins.clone();
    let readable: Vec<f32> = d
        .iter()
        .map(|c| if c.prose { c.readable(size) } else { c.min })
        .collect();
    if readable.iter().sum::<f32>() <= avail {
        floors = readable;
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| !d[i].prose).collect();
    order.sort_by(|&a, &b| d[a].natural.total_cmp(&d[b].natural));
    let mut caps: Vec<f32> = d.iter().map(|c| c.natural).collect();
    let mut used: f32 = floors.iter().sum();
    for &i in &order {
        let extra = d[i].natural - floors[i];
        if used + extra <= avail {
            used += extra;
            floors[i] = d[i].natural;
        }
    }
    // A header over three lines or more («Đơn / vị / tính» over «%») gets two where the prose
    // keeps its readable measure; what is left goes to the prose, not to headers on one line:
    // «Số điện / thoại» reads better than a position squeezed into a narrower column.
    heads(d, order, &mut floors, avail, |c| c.head2);
    for i in 0..n {
        caps[i] = caps[i].max(floors[i]);
    }
    if caps.iter().sum::<f32>() <= avail {
        caps = unbounded;
    }
    spread(&floors, &caps, weights, avail)
}

/// Raises the floors of the columns in `order` to what `want` says of their header (its single
/// line, or two lines), the cheapest first, while the floors still add up to no more than
/// `avail`.
fn heads(
    d: &[Demand],
    mut order: Vec<usize>,
    floors: &mut [f32],
    avail: f32,
    want: fn(&Demand) -> f32,
) {
    let mut used: f32 = floors.iter().sum();
    order.sort_by(|&a, &b| (want(&d[a]) - floors[a]).total_cmp(&(want(&d[b]) - floors[b])));
    for i in order {
        let extra = want(&d[i]) - floors[i];
        if extra > 0.0 && used + extra <= avail {
            used += extra;
            floors[i] = want(&d[i]);
        }
    }
}

/// Widths `clamp(λ·weight, floor, cap)` adding up to `total`, found by bisection on λ: the width
/// above the floors goes to the columns in proportion to their weights, none past its cap.
fn spread(floors: &[f32], caps: &[f32], weights: &[f32], total: f32) -> Vec<f32> {
    let at = |lambda: f32| -> Vec<f32> {
        floors
            .iter()
            .zip(caps)
            .zip(weights)
            .map(|((&f, &c), &w)| (lambda * w).clamp(f, c.max(f)))
            .collect()
    };
    let sum = |v: &[f32]| v.iter().sum::<f32>();
    let (mut lo, mut hi) = (0.0f32, 1.0f32);
    while sum(&at(hi)) < total && hi < 1e9 {
        hi *= 2.0;
    }
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if sum(&at(mid)) < total {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut w = at(hi);
    // Rounding: the widest column absorbs the difference.
    let diff = total - sum(&w);
    if let Some(i) = (0..w.len()).max_by(|&a, &b| w[a].total_cmp(&w[b])) {
        w[i] += diff;
    }
    w
}

/// Text width of a page of `orientation` with `margins`, in points.
pub fn text_width(margins: Margins, orientation: Orientation) -> f32 {
    let page = match orientation {
        Orientation::Portrait => 210.0,
        Orientation::Landscape => 297.0,
    };
    mm(page - margins.left - margins.right)
}

/// Whether a table keeps every short column on one line, and its prose columns readable, in
/// `avail` points.
#[cfg(test)]
pub fn fits(t: &Table, avail: f32) -> bool {
    fits_demands(&demands(t), size_of(t), avail)
}

fn fits_demands(d: &[Demand], size: f32, avail: f32) -> bool {
    d.iter().map(|c| c.readable(size)).sum::<f32>() <= avail
}

/// The orientation an appendix is set in: its own, or landscape when one of its tables does not
/// fit a portrait page (a roster with long names, a table of many indicators) and is better off
/// on a landscape one.
pub fn appendix_orientation(a: &Appendix, margins: Margins) -> Orientation {
    if a.orientation == Orientation::Landscape {
        return Orientation::Landscape;
    }
    let portrait = text_width(margins, Orientation::Portrait);
    let wide = groups(&a.blocks).iter().any(|g| {
        let tables = tables_at(&a.blocks, g);
        !fits_demands(&merged(&tables), size_of(tables[0]), portrait)
    });
    if wide {
        Orientation::Landscape
    } else {
        Orientation::Portrait
    }
}

/// The header's two columns (issuing body | Quốc hiệu) for a text `w` points wide, and the
/// Quốc hiệu's size: 13 pt with room to spare where the page allows, else 12 pt. The right
/// column takes at least 60 % (Nghị định 30 App. I, the model forms) and more when the Quốc
/// hiệu needs it, so a renderer whose font runs a little wider does not wrap it.
pub fn header_columns(w: f32) -> (f32, f32, f32) {
    const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    let room = |size: f32| {
        let q = width(QUOC_HIEU, Style::Bold, size);
        q * 1.05 + 2.0
    };
    // The issuing body (`ỦY BAN NHÂN DÂN`, a district office's name wraps) keeps 36 %.
    let most = w * 0.64;
    let (size, need) = if room(13.0) <= most {
        (13.0, room(13.0))
    } else {
        (12.0, room(12.0))
    };
    let rw = need.clamp(w * 0.6, most).round();
    (w - rw, rw, size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Align;
    use crate::export::pdf::layout::break_lines;

    #[test]
    fn measuring_once_breaks_as_the_renderer_does() {
        let texts = [
            "Số điện thoại",
            "Họ và tên\nthành viên",
            "Chức vụ,  nơi công tác",
            "",
        ];
        for text in texts {
            let m = Measured::new(text, Style::Bold, 12.0);
            for avail in [0.0, 40.0, 61.5, 80.0, 200.0].map(|a: f32| a.max(m.extent().0)) {
                let lines = break_lines(&[(Style::Bold, text)], 12.0, avail, avail).len();
                assert_eq!(m.count(avail), lines, "{text:?} at {avail}");
            }
        }
    }

    fn table(widths: Vec<f32>, header: &[&str], rows: &[&[&str]]) -> Table {
        let head = header
            .iter()
            .map(|h| Cell {
                bold: true,
                align: Align::Center,
                ..Cell::new(*h)
            })
            .collect();
        Table {
            widths,
            header: vec![head],
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| Cell::new(*c)).collect())
                .collect(),
            size: 12.0,
        }
    }

    fn roster(position: &str) -> Table {
        table(
            vec![11.0, 44.0, 12.0, 11.0, 17.0, 30.0, 24.0, 9.0],
            &[
                "STT",
                "Họ và tên",
                "Năm sinh",
                "Giới tính",
                "Chức vụ trong Tổ",
                "Chức vụ, đơn vị công tác",
                "Số điện thoại",
                "Ghi chú",
            ],
            &[
                &[
                    "1",
                    "Nguyễn Thị Phương Thảo",
                    "1985",
                    "Nữ",
                    "Tổ trưởng",
                    position,
                    "0935120000",
                    "",
                ],
                &[
                    "2",
                    "Tôn Nữ Thị Minh Khai",
                    "1990",
                    "Nam",
                    "Thành viên",
                    "Y tế thôn",
                    "0935120001",
                    "",
                ],
            ],
        )
    }

    #[test]
    fn short_columns_stay_on_one_line_and_the_position_wraps() {
        let t = roster("Chi hội trưởng Chi hội Cựu chiến binh thôn Phước Thuận");
        let portrait = text_width(Margins::DEFAULT, Orientation::Portrait);
        let w = fit(&t, portrait);
        assert!((w.iter().sum::<f32>() - portrait).abs() < 0.01);
        let d = demands(&t);
        for (i, (w, d)) in w.iter().zip(&d).enumerate() {
            assert!(*w >= d.min - 0.01, "column {i} under its longest word");
            if i != 5 {
                assert!(
                    *w >= d.natural - 0.01,
                    "column {i} wraps: {w} < {}",
                    d.natural
                );
            }
        }
        // The position column wraps in what is left.
        assert!(w[5] < d[5].natural);
        // «STT» and «Ghi chú» take no more than their words need plus their template share.
        assert!(w[0] < 40.0 && w[7] < 45.0, "{w:?}");
    }

    #[test]
    fn spare_width_follows_the_template_and_the_content_overrides_it() {
        let t = table(
            vec![10.0, 10.0, 80.0],
            &["STT", "Họ và tên", "Ghi chú"],
            &[&["1", "Nguyễn Thị Phương Thảo", "x"]],
        );
        let w = fit(&t, 400.0);
        let d = demands(&t);
        // The name column is far wider than its 10 % share; the notes take the rest.
        assert!(w[1] >= d[1].head - 0.01, "{w:?}");
        assert!(w[2] > w[1], "{w:?}");
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 0.01);
    }

    #[test]
    fn too_narrow_for_the_longest_words_shares_by_them() {
        let t = table(vec![1.0, 1.0], &["Supercalifragilistic", "x"], &[]);
        let w = fit(&t, 50.0);
        assert!((w.iter().sum::<f32>() - 50.0).abs() < 0.01);
        assert!(w[0] > w[1]);
    }

    #[test]
    fn a_roster_too_wide_for_portrait_turns_landscape() {
        let portrait = text_width(Margins::DEFAULT, Orientation::Portrait);
        assert!(fits(&roster("Y tế thôn"), portrait));
        let mut wide = roster("Y tế thôn");
        // A longer role and a note: short columns that no longer fit beside the others.
        wide.rows[0][7] = Cell::new("Đã tập huấn năm 2024");
        wide.rows[0][4] = Cell::new("Tổ phó thường trực");
        assert!(!fits(&wide, portrait));
        let a = Appendix {
            label: String::new(),
            title: Vec::new(),
            reference: String::new(),
            orientation: Orientation::Portrait,
            blocks: vec![Block::Table(wide)],
        };
        assert_eq!(
            appendix_orientation(&a, Margins::DEFAULT),
            Orientation::Landscape
        );
        let landscape = text_width(Margins::DEFAULT, Orientation::Landscape);
        let Block::Table(t) = &a.blocks[0] else {
            unreachable!()
        };
        assert!(fits(t, landscape));
    }

    #[test]
    fn a_header_over_a_narrow_column_takes_two_lines_not_three() {
        let long =
            "Người trưởng thành được phổ cập kiến thức chuyển đổi số cơ bản (Bình dân học vụ số)";
        let t = table(
            vec![11.0, 70.0, 16.0, 22.0],
            &["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025"],
            &[&["1", long, "%", "> 85 %"], &["2", long, "%", "100 %"]],
        );
        let w = fit(&t, 300.0);
        let bold = |s: &str| width(s, Style::Bold, 12.0) + 2.0 * PAD_X;
        // «Đơn vị» on one line, «tính» on the next.
        assert!(w[2] >= bold("Đơn vị"), "{w:?}");
        assert!(w[2] < bold("Đơn vị tính"), "{w:?}");
        assert!((w.iter().sum::<f32>() - 300.0).abs() < 0.01);
    }

    #[test]
    fn tables_of_one_kind_share_a_grid() {
        let a = roster("Y tế thôn");
        let mut b = roster("Công an viên");
        b.rows[1][1] = Cell::new("Nguyễn Thị Phương Thảo Nguyên");
        let other = table(vec![1.0, 1.0], &["STT", "Nội dung"], &[&["1", "Tập huấn"]]);
        let blocks = vec![
            Block::Table(a.clone()),
            Block::Space(6.0),
            Block::Table(other),
            Block::Table(b.clone()),
        ];
        let avail = text_width(Margins::DEFAULT, Orientation::Landscape);
        let g = grids(&blocks, avail);
        assert!(g[1].is_none());
        let (ga, gb, go) = (
            g[0].clone().unwrap(),
            g[3].clone().unwrap(),
            g[2].clone().unwrap(),
        );
        assert_eq!(ga, gb);
        assert_eq!(go.len(), 2);
        // The shared name column holds the longest name of either table.
        assert!(ga[1] >= demands(&b)[1].natural - 0.01);
        assert!(ga[1] > fit(&a, avail)[1] - 0.01);
    }

    #[test]
    fn header_columns_hold_the_quoc_hieu_with_room() {
        const QH: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        for m in [Margins::DEFAULT, Margins::OFFICIAL] {
            let w = text_width(m, Orientation::Portrait);
            let (lw, rw, size) = header_columns(w);
            assert!((lw + rw - w).abs() < 0.01);
            assert!(rw >= w * 0.6 - 0.5 && lw >= w * 0.35);
            assert!(width(QH, Style::Bold, size) * 1.04 < rw, "{m:?}");
        }
        // 165 mm of text: 13 pt as in the model forms.
        assert_eq!(
            header_columns(text_width(Margins::DEFAULT, Orientation::Portrait)).2,
            13.0
        );
    }
}
