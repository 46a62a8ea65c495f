//! Line breaking: styled runs → words → lines that fit a width. Words are measured from the
//! font's glyph advances and lines break at spaces only, so a Vietnamese syllable (one word
//! between spaces) is never split; only a single token wider than the whole line is cut, as a
//! last resort, between characters.

use super::font::{Style, width};

/// A piece of a word in one style (`Điều 1` bold followed by `.` upright is one word in two
/// fragments).
#[derive(Debug, Clone, PartialEq)]
pub struct Frag {
    /// Face.
    pub style: Style,
    /// Text without spaces.
    pub text: String,
}

/// A word: the text between two spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Its styled pieces.
    pub frags: Vec<Frag>,
    /// Width in points.
    pub width: f32,
}

impl Word {
    /// The style of the last fragment: the space after the word is set in it.
    pub fn end_style(&self) -> Style {
        self.frags.last().map_or(Style::Regular, |f| f.style)
    }
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its words.
    pub words: Vec<Word>,
    /// Natural width: words plus one space between each pair, in points.
    pub width: f32,
    /// The last line of a paragraph (or before a forced break): never justified.
    pub last: bool,
}

impl Line {
    /// The line's plain text (words joined by single spaces).
    #[cfg(test)]
    pub fn text(&self) -> String {
        let words: Vec<String> = self
            .words
            .iter()
            .map(|w| w.frags.iter().map(|f| f.text.as_str()).collect())
            .collect();
        words.join(" ")
    }
}

/// Splits styled text into hard lines (at `\n`) of words (at spaces; runs of spaces collapse).
pub fn words(runs: &[(Style, &str)], size: f32) -> Vec<Vec<Word>> {
    let mut segments = vec![Vec::new()];
    let mut current: Vec<Frag> = Vec::new();
    let finish = |current: &mut Vec<Frag>, segments: &mut Vec<Vec<Word>>| {
        if !current.is_empty() {
            let frags = std::mem::take(current);
            let w = frags.iter().map(|f| width(&f.text, f.style, size)).sum();
            if let Some(seg) = segments.last_mut() {
                seg.push(Word { frags, width: w });
            }
        }
    };
    for (style, text) in runs {
        for c in text.chars() {
            match c {
                ' ' | '\t' => finish(&mut current, &mut segments),
                '\n' => {
                    finish(&mut current, &mut segments);
                    segments.push(Vec::new());
                }
                '\r' => {}
                _ => match current.last_mut() {
                    Some(f) if f.style == *style => f.text.push(c),
                    _ => current.push(Frag {
                        style: *style,
                        text: c.to_string(),
                    }),
                },
            }
        }
    }
    finish(&mut current, &mut segments);
    segments
}

/// Width of the space that follows `word`.
fn space_after(word: &Word, size: f32) -> f32 {
    width(" ", word.end_style(), size)
}

/// Breaks styled text into lines: the first line `first` points wide (after a first-line
/// indent), the others `rest` points. Greedy, which is what word processors do for body text.
pub fn break_lines(runs: &[(Style, &str)], size: f32, first: f32, rest: f32) -> Vec<Line> {
    break_segments(words(runs, size), size, first, rest)
}

/// [`break_lines`] on text already split into hard lines of words.
fn break_segments(segments: Vec<Vec<Word>>, size: f32, first: f32, rest: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    for segment in segments {
        let mut line: Vec<Word> = Vec::new();
        let mut line_w = 0.0f32;
        for word in segment {
            let avail = if lines.is_empty() { first } else { rest };
            let added = match line.last() {
                Some(prev) => space_after(prev, size) + word.width,
                None => word.width,
            };
            if !line.is_empty() && line_w + added > avail + 0.01 {
                lines.push(Line {
                    words: std::mem::take(&mut line),
                    width: line_w,
                    last: false,
                });
                line_w = 0.0;
            }
            let avail = if lines.is_empty() { first } else { rest };
            if line.is_empty() && word.width > avail + 0.01 {
                // A token wider than the line (a long address or code): cut between characters.
                for piece in cut(&word, size, avail) {
                    if piece.width > 0.0 && !line.is_empty() {
                        lines.push(Line {
                            words: std::mem::take(&mut line),
                            width: line_w,
                            last: false,
                        });
                    }
                    line_w = piece.width;
                    line.push(piece);
                }
                continue;
            }
            line_w += match line.last() {
                Some(prev) => space_after(prev, size) + word.width,
                None => word.width,
            };
            line.push(word);
        }
        lines.push(Line {
            words: line,
            width: line_w,
            last: true,
        });
    }
    lines
}

/// Breaks text as [`break_lines`] does, then, when its last line would hold one word alone, as
/// a careful typesetter re-breaks it: the last two (or three) words kept together, so a word of
/// the line above comes down to keep the last one company, as long as that takes no more lines
/// and leaves no word alone on another line instead.
pub fn break_even(runs: &[(Style, &str)], size: f32, first: f32, rest: f32) -> Vec<Line> {
    even(runs, size, first, rest).0
}

/// How many words at the end of the text [`break_even`] keeps together where greedy breaking
/// would leave the last one alone; `None` when greedy breaking is already right. The DOCX joins
/// them with no-break spaces, so that Word and LibreOffice, breaking greedily, break as the PDF.
pub fn joined_tail(runs: &[(Style, &str)], size: f32, first: f32, rest: f32) -> Option<usize> {
    even(runs, size, first, rest).1
}

/// The lines of [`break_even`] and how many last words it glued.
fn even(runs: &[(Style, &str)], size: f32, first: f32, rest: f32) -> (Vec<Line>, Option<usize>) {
    let segments = words(runs, size);
    let lines = break_segments(segments.clone(), size, first, rest);
    if lines.len() < 2 || runts(&lines) == 0 {
        return (lines, None);
    }
    let lone = singles(&lines);
    for k in 2..=3 {
        let Some(glued) = glue_tail(&segments, k, size) else {
            break;
        };
        let l = break_segments(glued, size, first, rest);
        // Not at the price of another line, nor of a word left alone above instead.
        if l.len() == lines.len() && runts(&l) == 0 && singles(&l) < lone {
            return (l, Some(k));
        }
    }
    (lines, None)
}

/// The segments with the last `k` words of the last one made a single word (the spaces between
/// them kept inside it), when it has more than `k` words.
fn glue_tail(segments: &[Vec<Word>], k: usize, size: f32) -> Option<Vec<Vec<Word>>> {
    let mut out = segments.to_vec();
    let last = out.last_mut()?;
    if last.len() <= k {
        return None;
    }
    let tail = last.split_off(last.len() - k);
    let mut frags: Vec<Frag> = Vec::new();
    let push = |frags: &mut Vec<Frag>, style: Style, text: &str| match frags.last_mut() {
        Some(f) if f.style == style => f.text.push_str(text),
        _ => frags.push(Frag {
            style,
            text: text.to_string(),
        }),
    };
    let mut w = 0.0;
    for (i, word) in tail.iter().enumerate() {
        if i > 0 {
            w += space_after(&tail[i - 1], size);
            push(&mut frags, tail[i - 1].end_style(), " ");
        }
        for f in &word.frags {
            push(&mut frags, f.style, &f.text);
        }
        w += word.width;
    }
    last.push(Word { frags, width: w });
    Some(out)
}

/// Number of paragraphs (or hard lines) whose last line holds one word alone under a line of
/// the same paragraph.
fn runts(lines: &[Line]) -> usize {
    lines
        .windows(2)
        .filter(|w| !w[0].last && w[1].last && words_on(&w[1]) == 1)
        .count()
}

/// Words on a line, those glued together by [`glue_tail`] counted one by one.
fn words_on(line: &Line) -> usize {
    line.words
        .iter()
        .map(|w| {
            1 + w
                .frags
                .iter()
                .map(|f| f.text.matches(' ').count())
                .sum::<usize>()
        })
        .sum()
}

/// Number of one-word lines in paragraphs (or hard lines) of several lines.
fn singles(lines: &[Line]) -> usize {
    let mut n = 0;
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.last {
            let para = &lines[start..=i];
            if para.len() > 1 {
                n += para.iter().filter(|l| words_on(l) == 1).count();
            }
            start = i + 1;
        }
    }
    n
}

/// Cuts an over-wide word (a web link, an e-mail address) into pieces no wider than `avail`:
/// after a `/`, `@`, `.`, `-`, `_`, `?`, `&` or `=` where one falls in the line, as LibreOffice
/// breaks links, else between any two characters.
fn cut(word: &Word, size: f32, avail: f32) -> Vec<Word> {
    let chars: Vec<(Style, char, f32)> = word
        .frags
        .iter()
        .flat_map(|f| {
            f.text
                .chars()
                .map(move |c| (f.style, c, width(c.encode_utf8(&mut [0; 4]), f.style, size)))
        })
        .collect();
    let piece = |part: &[(Style, char, f32)]| {
        let mut frags: Vec<Frag> = Vec::new();
        for &(style, c, _) in part {
            match frags.last_mut() {
                Some(last) if last.style == style => last.text.push(c),
                _ => frags.push(Frag {
                    style,
                    text: c.to_string(),
                }),
            }
        }
        Word {
            frags,
            width: part.iter().map(|p| p.2).sum(),
        }
    };
    let mut pieces = Vec::new();
    let (mut start, mut w) = (0usize, 0.0f32);
    let mut opening: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let (_, c, cw) = chars[i];
        if w + cw > avail && i > start {
            // Cut after the last opening in this piece, or here.
            let end = opening.filter(|&o| o > start).unwrap_or(i);
            pieces.push(piece(&chars[start..end]));
            start = end;
            w = chars[start..i].iter().map(|p| p.2).sum();
            opening = None;
            continue;
        }
        w += cw;
        i += 1;
        if "/@.-_?&=".contains(c) && i < chars.len() {
            opening = Some(i);
        }
    }
    if start < chars.len() {
        pieces.push(piece(&chars[start..]));
    }
    pieces
}

/// Widest natural line width of plain text in one style (for rules and column fitting).
pub fn widest(lines: &[Line]) -> f32 {
    lines.iter().map(|l| l.width).fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_only_at_spaces_and_keeps_every_syllable() {
        let text = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; \
                    Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức \
                    chính quyền địa phương ngày 22 tháng 11 năm 2019;";
        let lines = break_lines(&[(Style::Italic, text)], 14.0, 200.0, 230.0);
        assert!(lines.len() > 3);
        let joined: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(
            joined.join(" "),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        for (i, l) in lines.iter().enumerate() {
            let avail = if i == 0 { 200.0 } else { 230.0 };
            assert!(l.width <= avail + 0.01, "line {i} too wide: {}", l.width);
        }
        assert!(lines.last().is_some_and(|l| l.last));
        assert!(!lines[0].last);
    }

    #[test]
    fn styles_split_inside_a_word_and_forced_breaks() {
        let lines = break_lines(
            &[(Style::Bold, "Điều 1"), (Style::Regular, ". Thành lập\nTổ")],
            14.0,
            1000.0,
            1000.0,
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "Điều 1. Thành lập");
        assert_eq!(lines[0].words[1].frags.len(), 2);
        assert!(lines[0].last && lines[1].last);
    }

    #[test]
    fn no_lone_last_word() {
        let text = "Trưởng Ban công tác Mặt trận";
        let w = width("Trưởng Ban công tác Mặt", Style::Regular, 12.0) + 1.0;
        let greedy = break_lines(&[(Style::Regular, text)], 12.0, w, w);
        assert_eq!(greedy.last().map(Line::text).as_deref(), Some("trận"));
        let even = break_even(&[(Style::Regular, text)], 12.0, w, w);
        let texts: Vec<String> = even.iter().map(Line::text).collect();
        assert_eq!(texts, ["Trưởng Ban công tác", "Mặt trận"]);
        // The DOCX is told to keep the same two words together.
        assert_eq!(joined_tail(&[(Style::Regular, text)], 12.0, w, w), Some(2));
        // Not by leaving the first word alone instead.
        let w = width("Nhân viên", Style::Regular, 12.0) + 1.0;
        let l = break_even(&[(Style::Regular, "Nhân viên Agribank")], 12.0, w, w);
        assert_eq!(l[0].text(), "Nhân viên");
        assert_eq!(
            joined_tail(&[(Style::Regular, "Nhân viên Agribank")], 12.0, w, w),
            None
        );

        // A title: the lone word takes company from the line above.
        let title = "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG XÃ HÒA BẮC";
        let w = width(
            "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG XÃ HÒA",
            Style::Bold,
            14.0,
        ) + 2.0;
        let greedy = break_lines(&[(Style::Bold, title)], 14.0, w, w);
        assert_eq!(greedy.last().map(Line::text).as_deref(), Some("BẮC"));
        let even = break_even(&[(Style::Bold, title)], 14.0, w, w);
        assert_eq!(even.len(), 2);
        assert_eq!(even[1].text(), "HÒA BẮC");
        let joined: Vec<String> = even.iter().map(Line::text).collect();
        assert_eq!(joined.join(" "), title);
        // A justified paragraph: the last word takes one from the line above.
        let text = "Một hai ba bốn năm sáu bảy tám chín mười mười một mười hai x";
        let w = width(
            "Một hai ba bốn năm sáu bảy tám chín mười mười một mười hai",
            Style::Regular,
            14.0,
        ) + 1.0;
        let l = break_even(&[(Style::Regular, text)], 14.0, w, w);
        assert_eq!(l.len(), 2);
        assert_eq!(l[1].text(), "hai x");
    }

    #[test]
    fn an_overlong_token_is_cut_to_fit() {
        let lines = break_lines(
            &[(Style::Regular, "https://dichvucong.gov.vn/p/home")],
            12.0,
            60.0,
            60.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 60.0));
        let joined: String = lines.iter().map(Line::text).collect();
        assert_eq!(joined, "https://dichvucong.gov.vn/p/home");
        // At a slash or a dot where one falls in the line.
        assert!(
            lines[..lines.len() - 1]
                .iter()
                .all(|l| l.text().ends_with(['/', '.'])),
            "{:?}",
            lines.iter().map(Line::text).collect::<Vec<_>>()
        );
    }
}
