//! The texts a clerk writes for a document's sections, kept with the draft: a file of sections
//! (`draft report … --sections FILE`) or the window's editors. The format is Markdown-like:
//!
//! ```text
//! ## II. KHÓ KHĂN, VƯỚNG MẮC
//! Một đoạn văn.
//! - một ý gạch đầu dòng
//! ### 1. Một khoản
//! ```
//!
//! A `## ` line opens the section its Roman numeral names (`II`); the lines after it, up to the
//! next `## `, replace that section's text in the template. A `### ` line is a khoản heading;
//! every other non-blank line is a paragraph (a `- ` line a bulleted one).

use std::collections::BTreeMap;

use crate::error::{Error, Result};

/// Section texts by Roman numeral (`I`, `II`…), as the template's blocks.
pub type Sections = BTreeMap<String, String>;

/// Parses a sections file (`file` names it in messages).
pub fn parse(text: &str, file: &str) -> Result<Sections> {
    let mut out = Sections::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if let Some(head) = line.strip_prefix("## ") {
            if let Some((k, lines)) = current.take() {
                out.insert(k, lines.join("\n"));
            }
            let key = head
                .split(['.', ' '])
                .next()
                .unwrap_or_default()
                .trim()
                .to_uppercase();
            if key.is_empty() || !key.chars().all(|c| "IVXLC".contains(c)) {
                return Err(Error::Template {
                    file: file.into(),
                    line: n + 1,
                    reason: format!(
                        "tiêu đề mục «{head}» cần bắt đầu bằng số La Mã (ví dụ: ## II. KHÓ KHĂN, \
                         VƯỚNG MẮC)"
                    ),
                });
            }
            current = Some((key, Vec::new()));
            continue;
        }
        let Some((_, lines)) = current.as_mut() else {
            if line.trim().is_empty() {
                continue;
            }
            return Err(Error::Template {
                file: file.into(),
                line: n + 1,
                reason: "nội dung nằm trước tiêu đề mục đầu tiên (## I. …)".into(),
            });
        };
        lines.push(block(line));
    }
    if let Some((k, lines)) = current.take() {
        out.insert(k, lines.join("\n"));
    }
    Ok(out)
}

/// A section's text as a clerk types it (the window's editor) as the template's blocks; `None`
/// when it is blank (the template's text stays).
pub fn from_editor(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| {
        text.trim_end()
            .lines()
            .map(block)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// A section's blocks back as the text the editor shows.
pub fn to_editor(blocks: &str) -> String {
    blocks
        .lines()
        .map(|l| {
            l.strip_prefix("@khoan ").map_or_else(
                || l.strip_prefix('@').unwrap_or(l).to_string(),
                |h| format!("### {h}"),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line of a section as a template block: `### ` a khoản heading, a leading `@` escaped.
fn block(line: &str) -> String {
    let line = crate::vietnamese::nfc(line);
    if let Some(h) = line.strip_prefix("### ") {
        return format!("@khoan {}", h.trim());
    }
    if line.starts_with('@') {
        return format!("@{line}");
    }
    line
}

/// The sections as a file of the same format (what the window saves and a clerk can edit).
pub fn to_text(sections: &Sections, titles: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (k, body) in sections {
        let title = titles.get(k).cloned().unwrap_or_default();
        out.push_str(&format!("## {k}. {title}\n"));
        for l in body.lines() {
            let l = l.strip_prefix("@khoan ").map_or_else(
                || l.strip_prefix('@').map_or(l.to_string(), str::to_string),
                |h| format!("### {h}"),
            );
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_by_roman_numeral_with_paragraphs_bullets_and_khoan() {
        let s = parse(
            "## II. KHÓ KHĂN, VƯỚNG MẮC\nNgười cao tuổi còn e ngại.\n- Thiếu điện thoại thông minh\n\n## IV. ĐỀ XUẤT\n### 1. Với tỉnh\n@ không phải lệnh\n",
            "muc.txt",
        )
        .expect("parse");
        assert_eq!(
            s.get("II").map(String::as_str),
            Some("Người cao tuổi còn e ngại.\n- Thiếu điện thoại thông minh\n")
        );
        assert_eq!(
            s.get("IV").map(String::as_str),
            Some("@khoan 1. Với tỉnh\n@@ không phải lệnh")
        );
        let bad = parse("Một dòng\n## II. X\n", "muc.txt").unwrap_err();
        assert!(format!("{bad}").contains("muc.txt"), "{bad}");
    }
}
