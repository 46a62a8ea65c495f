//! Text from files, made safe to print on a terminal. A member's name read from a hostile file
//! may hold ESC sequences (move the cursor, clear the screen, retitle the window, write to the
//! clipboard), a bare CR (print over the line before it), BEL, C1 controls that some terminals
//! obey as ESC sequences, or bidi controls that show the line in another order than it is stored.
//! Every such character is printed as a visible escape (`\u{1b}`) instead; everything else,
//! Vietnamese letters included, passes unchanged.
//!
//! `for_terminal` is for one value in a line (a name in a list); `lines_for_terminal` for a
//! block that has its own line breaks (an import report), keeping `\n` and tabs.

use std::borrow::Cow;
use std::fmt::{self, Write};

/// Formats as the text with every character that could steer a terminal escaped.
///
/// ```
/// use cnscd::vietnamese::terminal::for_terminal;
/// let name = "Nguyễn Văn An\u{1b}]0;pwned\u{7}";
/// assert_eq!(
///     format!("{}", for_terminal(name)),
///     "Nguyễn Văn An\\u{1b}]0;pwned\\u{7}"
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ForTerminal<'a> {
    text: &'a str,
    keep_lines: bool,
}

/// `text` for one place in a line: line breaks and tabs are escaped too.
pub fn for_terminal(text: &str) -> ForTerminal<'_> {
    ForTerminal {
        text,
        keep_lines: false,
    }
}

/// `text` that has its own lines: `\n` and tabs stay, a CR and every other control is escaped.
pub fn lines_for_terminal(text: &str) -> ForTerminal<'_> {
    ForTerminal {
        text,
        keep_lines: true,
    }
}

impl ForTerminal<'_> {
    /// The escaped text, borrowed when nothing needed escaping.
    pub fn to_cow(&self) -> Cow<'_, str> {
        if self.text.chars().any(|c| self.escapes(c)) {
            Cow::Owned(self.to_string())
        } else {
            Cow::Borrowed(self.text)
        }
    }

    fn escapes(&self, c: char) -> bool {
        if self.keep_lines && (c == '\n' || c == '\t') {
            return false;
        }
        steers_terminal(c)
    }
}

impl fmt::Display for ForTerminal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.text;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| self.escapes(c)) {
            f.write_str(&rest[..at])?;
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                _ => write!(f, "\\u{{{:x}}}", c as u32)?,
            }
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// Whether a terminal could take `c` as an instruction rather than a letter, or it changes the
/// order or visibility of what follows: C0 and C1 controls, DEL, bidi controls, line and
/// paragraph separators, zero-width and other default-ignorable characters.
fn steers_terminal(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Writes `text` escaped for a terminal into `out` (for callers building a line themselves).
pub fn push_for_terminal(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = write!(out, "{}", for_terminal(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        let cases = [
            // Clear the screen and move home.
            ("An\u{1b}[2J\u{1b}[H", "An\\u{1b}[2J\\u{1b}[H"),
            // Retitle the window (OSC 0), write the clipboard (OSC 52).
            ("\u{1b}]0;x\u{7}Bình", "\\u{1b}]0;x\\u{7}Bình"),
            (
                "\u{1b}]52;c;ZXZpbA==\u{1b}\\",
                "\\u{1b}]52;c;ZXZpbA==\\u{1b}\\",
            ),
            // Print over the start of the line.
            ("Lê Văn A\rAdmin", "Lê Văn A\\rAdmin"),
            // 8-bit CSI and OSC, DEL, NUL, backspace.
            (
                "\u{9b}31m\u{9d}x\u{7f}\0\u{8}",
                "\\u{9b}31m\\u{9d}x\\u{7f}\\u{0}\\u{8}",
            ),
            // Trojan Source: a right-to-left override hides the order of the text.
            ("Hà\u{202e}nA\u{2066}", "Hà\\u{202e}nA\\u{2066}"),
            ("Ngu\u{200b}yễn", "Ngu\\u{200b}yễn"),
            ("a\nb\tc", "a\\nb\\tc"),
        ];
        for (raw, shown) in cases {
            let out = for_terminal(raw).to_string();
            assert_eq!(out, shown, "{raw:?}");
            assert!(out.chars().all(|c| !steers_terminal(c)), "{raw:?}");
        }
    }

    #[test]
    fn multi_line_text_keeps_its_lines() {
        let report = "Tệp a.csv: đọc 2 dòng\n  - dòng 2: «\u{1b}[31mAn»\r\n\tLưu ý";
        assert_eq!(
            lines_for_terminal(report).to_string(),
            "Tệp a.csv: đọc 2 dòng\n  - dòng 2: «\\u{1b}[31mAn»\\r\n\tLưu ý"
        );
    }

    #[test]
    fn plain_text_passes_unchanged_and_borrowed() {
        for s in [
            "Nguyễn Thị Hương",
            "Đặng Văn Đức – 0912.345.678",
            "Tổ CNSCĐ «Hòa Bắc» 👍",
            "",
        ] {
            assert_eq!(for_terminal(s).to_string(), s);
            assert!(matches!(for_terminal(s).to_cow(), Cow::Borrowed(_)), "{s}");
        }
        assert!(matches!(for_terminal("a\u{7}").to_cow(), Cow::Owned(_)));
        let mut line = String::from("Tên: ");
        push_for_terminal(&mut line, "An\u{1b}c");
        assert_eq!(line, "Tên: An\\u{1b}c");
    }
}
