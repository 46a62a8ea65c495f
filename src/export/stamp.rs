//! Writes an issued document's number and date into a .docx the clerk edited outside the
//! program (in Word or LibreOffice), in place: only the texts of the «Số:» line, the date line
//! and the appendices' «(Kèm theo … số … ngày …)» lines change; every other part of the file
//! (the clerk's paragraphs, styles, pictures) is copied byte for byte.

use std::io::{Cursor, Read, Write};

use crate::error::{Error, Field, Result};

/// What to write: each `(old, new)` replaces a text of the document's body where it occurs.
/// `number_line` is the new «Số: 38/QĐ-UBND»: it replaces the first text that starts with
/// `Số:` and names the symbol, whatever number (or blank) it held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The document's symbol (`QĐ-UBND`).
    pub symbol: String,
    /// `Số: 38/QĐ-UBND`.
    pub number_line: String,
    /// Texts replaced wherever they occur: the date line as drafted → as issued, the appendix
    /// references.
    pub replace: Vec<(String, String)>,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn refused(file: &str, reason: &str) -> Error {
    Error::bad_value(Field::Input, file, reason)
}

/// Applies `stamp` to the texts (`<w:t>` runs) of a document.xml. Returns the new XML and
/// whether the «Số:» line was found.
fn stamp_xml(xml: &str, stamp: &Stamp) -> (String, bool) {
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    let mut numbered = false;
    let suffix = format!("/{}", stamp.symbol);
    while let Some(open) = rest.find("<w:t") {
        // `<w:t>` or `<w:t xml:space="preserve">`, not `<w:tab/>`, `<w:tbl>`…
        let after = &rest[open + 4..];
        if !(after.starts_with('>') || after.starts_with(' ')) {
            out.push_str(&rest[..open + 4]);
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        if after[..gt].ends_with('/') {
            out.push_str(&rest[..open + 4 + gt + 1]);
            rest = &after[gt + 1..];
            continue;
        }
        let body_start = open + 4 + gt + 1;
        let Some(close) = rest[body_start..].find("</w:t>") else {
            break;
        };
        out.push_str(&rest[..body_start]);
        let text = unescape(&rest[body_start..body_start + close]);
        let mut new = text.clone();
        if !numbered && new.trim_start().starts_with("Số:") && new.contains(&suffix) {
            new = stamp.number_line.clone();
            numbered = true;
        }
        for (old, to) in &stamp.replace {
            if !old.is_empty() && new.contains(old.as_str()) {
                new = new.replace(old.as_str(), to);
            }
        }
        out.push_str(&escape(&new));
        rest = &rest[body_start + close..];
    }
    out.push_str(rest);
    (out, numbered)
}

/// The .docx `bytes` (named `file` in messages) with `stamp` written into its body. Refused
/// when the file is not a .docx or its «Số: …/SYMBOL» line is gone (the clerk deleted or
/// retyped it: the number would be lost silently).
pub fn stamp_docx(bytes: &[u8], file: &str, stamp: &Stamp) -> Result<Vec<u8>> {
    let not_docx = || refused(file, "không phải tệp .docx đọc được (Word, LibreOffice)");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_docx())?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + 256)));
    let mut found = false;
    for i in 0..zip.len() {
        let name = zip
            .by_index_raw(i)
            .map_err(|_| not_docx())?
            .name()
            .map_err(|_| not_docx())?
            .to_string();
        if name == "word/document.xml" {
            let mut entry = zip.by_index(i).map_err(|_| not_docx())?;
            let mut xml = String::new();
            entry.read_to_string(&mut xml).map_err(|_| not_docx())?;
            let (xml, numbered) = stamp_xml(&xml, stamp);
            if !numbered {
                return Err(refused(
                    file,
                    &format!(
                        "không tìm thấy dòng «Số: …/{}» trong văn bản; hãy giữ dòng số, ký hiệu \
                         để chương trình ghi số vào",
                        stamp.symbol
                    ),
                ));
            }
            found = true;
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            out.start_file(name, options)
                .and_then(|()| out.write_all(xml.as_bytes()).map_err(Into::into))
                .map_err(|e| Error::internal(format!("ghi tệp docx: {e}")))?;
        } else {
            let entry = zip.by_index_raw(i).map_err(|_| not_docx())?;
            out.raw_copy_file(entry)
                .map_err(|e| Error::internal(format!("ghi tệp docx: {e}")))?;
        }
    }
    if !found {
        return Err(not_docx());
    }
    let cursor = out
        .finish()
        .map_err(|e| Error::internal(format!("ghi tệp docx: {e}")))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_date_and_references_change_and_nothing_else() {
        let xml = r#"<w:p><w:r><w:t xml:space="preserve">Số:       /QĐ-UBND</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>Hòa Bắc, ngày 05 tháng 3 năm 2024</w:t></w:r></w:p><w:p><w:r><w:t>Một đoạn &amp; thêm</w:t></w:r></w:p>"#;
        let stamp = Stamp {
            symbol: "QĐ-UBND".into(),
            number_line: "Số: 38/QĐ-UBND".into(),
            replace: vec![(
                "ngày 05 tháng 3 năm 2024".into(),
                "ngày 15 tháng 3 năm 2024".into(),
            )],
        };
        let (out, numbered) = stamp_xml(xml, &stamp);
        assert!(numbered);
        assert!(out.contains(">Số: 38/QĐ-UBND</w:t>"), "{out}");
        assert!(out.contains(">Hòa Bắc, ngày 15 tháng 3 năm 2024</w:t>"));
        assert!(out.contains("Một đoạn &amp; thêm"), "{out}");
        assert!(out.contains("<w:tab/>"));
        let other = Stamp {
            symbol: "BC-UBND".into(),
            ..stamp
        };
        assert!(
            !stamp_xml(xml, &other).1,
            "another symbol's line is not this one"
        );
    }
}
