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
    let mut lines = Vec::new();
    for segment in words(runs, size) {
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

/// Cuts an over-wide word into pieces no wider than `avail`.
fn cut(word: &Word, size: f32, avail: f32) -> Vec<Word> {
    let mut pieces = Vec::new();
    let mut frags: Vec<Frag> = Vec::new();
    let mut w = 0.0;
    for f in &word.frags {
        for c in f.text.chars() {
            let cw = width(c.encode_utf8(&mut [0; 4]), f.style, size);
            if w + cw > avail && !frags.is_empty() {
                pieces.push(Word {
                    frags: std::mem::take(&mut frags),
                    width: w,
                });
                w = 0.0;
            }
            match frags.last_mut() {
                Some(last) if last.style == f.style => last.text.push(c),
                _ => frags.push(Frag {
                    style: f.style,
                    text: c.to_string(),
                }),
            }
            w += cw;
        }
    }
    if !frags.is_empty() {
        pieces.push(Word { frags, width: w });
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
    }
}
