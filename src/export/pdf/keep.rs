//! Pagination rules: which paragraphs stay with what follows them (headings, titles, a line
//! announcing a list or a table; the DOCX marks the same ones `w:keepNext`), and where a
//! paragraph's lines may break across pages (never one line alone at a page's foot or head).

use crate::document::Paragraph;

/// Whether a paragraph is a heading or announces what follows: every run bold (`I. MỤC`,
/// `1. Khoản`, `QUYẾT ĐỊNH:`, the authority line) or a text ending in `:` (`…, cụ thể:`). It
/// never stands alone at the foot of a page.
pub fn keeps_with_next(p: &Paragraph) -> bool {
    let text: String = p.runs.iter().map(|r| r.text.as_str()).collect();
    let text = text.trim();
    if text.is_empty() {
        return false;
    }
    let all_bold = p
        .runs
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .all(|r| r.bold);
    all_bold || text.ends_with(':')
}

/// Where to start new pages among `n` lines `lh` points high, the first drawn at `y` on a page
/// whose text runs from `top` to `bottom`: the indices of the lines that open a new page (0: the
/// paragraph starts on the next page). A paragraph never leaves its first line alone at a
/// page's foot nor carries its last line alone to the next page, and its last two lines share
/// a page with the `keep_after` points that follow it (the signature block) when those fit on a
/// page at all.
pub fn page_breaks(
    n: usize,
    lh: f32,
    y: f32,
    top: f32,
    bottom: f32,
    keep_after: f32,
) -> Vec<usize> {
    const EPS: f32 = 0.01;
    let fit = |from: f32| (((bottom - from) + EPS) / lh).floor().max(0.0) as usize;
    let per_page = fit(top).max(1);
    let at_top = y <= top + EPS;
    let mut breaks = Vec::new();
    if n == 0 {
        return breaks;
    }
    let mut room = if at_top { fit(y).max(1) } else { fit(y) };
    // Nothing fits, or one line of several would stand alone at the foot: start on the next page.
    if !at_top && room < n.min(2) {
        breaks.push(0);
        room = per_page;
    }
    let mut start = 0usize;
    while n - start > room {
        let mut cut = start + room;
        if n - cut == 1 {
            if room >= 3 {
                // The last line would open the next page alone: one more goes with it.
                cut -= 1;
            } else if start == 0 && breaks.is_empty() {
                // Two lines at the foot and one over: the three go over together.
                breaks.push(0);
                room = per_page;
                continue;
            }
        }
        breaks.push(cut);
        start = cut;
        room = per_page;
    }
    if keep_after > 0.0 && keep_after <= (bottom - top) - 2.0 * lh {
        let last_top = if breaks.is_empty() { y } else { top };
        let end = last_top + (n - start) as f32 * lh;
        if end + keep_after > bottom + EPS {
            let k = n - n.min(2);
            let page_top = start > 0 || !breaks.is_empty() || at_top;
            if k > start + 1 || k > start && page_top {
                breaks.push(k);
            } else if start == 0 && !page_top {
                // The whole short paragraph goes over with what follows.
                breaks.push(0);
            }
        }
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Align, Run};

    fn para(runs: Vec<Run>) -> Paragraph {
        Paragraph {
            runs,
            align: Align::Justify,
            indent: true,
            size: 14.0,
            space_before: 6.0,
        }
    }

    #[test]
    fn headings_and_announcements_keep_with_next() {
        assert!(keeps_with_next(&para(vec![Run::bold(
            "I. MỤC ĐÍCH, YÊU CẦU"
        )])));
        assert!(keeps_with_next(&para(vec![
            Run::bold("Điều 2"),
            Run::plain(". Chức năng, nhiệm vụ của Tổ:")
        ])));
        assert!(!keeps_with_next(&para(vec![
            Run::bold("Điều 4"),
            Run::plain(". Quyết định này có hiệu lực kể từ ngày ký.")
        ])));
        assert!(!keeps_with_next(&para(vec![Run::plain("Nội dung.")])));
        assert!(!keeps_with_next(&para(vec![Run::bold("  ")])));
    }

    #[test]
    fn no_line_alone_at_a_foot_or_a_head() {
        // 10 lines per page (0..100 by 10).
        // Room for 1 line: the paragraph starts on the next page.
        assert_eq!(page_breaks(5, 10.0, 90.0, 0.0, 100.0, 0.0), vec![0]);
        // Room for 4 lines of 5: the last would stand alone; 3 go first, 2 follow.
        assert_eq!(page_breaks(5, 10.0, 60.0, 0.0, 100.0, 0.0), vec![3]);
        // Room for 2 lines of 3: the last would open the next page alone; all three go over.
        assert_eq!(page_breaks(3, 10.0, 80.0, 0.0, 100.0, 0.0), vec![0]);
        // At the top of a page a paragraph never moves.
        assert_eq!(page_breaks(11, 10.0, 0.0, 0.0, 100.0, 0.0), vec![9]);
        // Fits: no break.
        assert!(page_breaks(3, 10.0, 50.0, 0.0, 100.0, 0.0).is_empty());
        // A one-line paragraph that fits does not move; one that does not goes over.
        assert!(page_breaks(1, 10.0, 90.0, 0.0, 100.0, 0.0).is_empty());
        assert_eq!(page_breaks(1, 10.0, 95.0, 0.0, 100.0, 0.0), vec![0]);
        // A long paragraph over three pages: no widow on the last.
        let b = page_breaks(21, 10.0, 0.0, 0.0, 100.0, 0.0);
        assert_eq!(b, vec![10, 19]);
    }

    #[test]
    fn the_end_goes_with_what_follows() {
        // 4 lines from y=50 end at 90; 30 points of signature do not fit below: the last two
        // lines go to the next page with it.
        assert_eq!(page_breaks(4, 10.0, 50.0, 0.0, 100.0, 30.0), vec![2]);
        // A paragraph at the top of a page is not pushed off it.
        assert!(page_breaks(2, 10.0, 0.0, 0.0, 100.0, 95.0).is_empty());
        // Two lines at the foot: both go over with what follows.
        assert_eq!(page_breaks(2, 10.0, 70.0, 0.0, 100.0, 30.0), vec![0]);
        // Three lines: one would stay alone at the foot, so all three go.
        assert_eq!(page_breaks(3, 10.0, 60.0, 0.0, 100.0, 30.0), vec![0]);
    }
}
