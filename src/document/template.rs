//! Templates: rendering with minijinja (strict undefined), and the block language the rendered text is
//! written in, parsed into a `Document`. `templates/README.md` is the clerk's reference for every
//! directive; keep the two in step.
//!
//! A template that fails anywhere (syntax, unknown variable, unknown directive, a table row
//! outside a table) is refused as a whole with its file, line and reason: never half a document.

use minijinja::{Environment, UndefinedBehavior, Value};

use super::model::{
    Align, Appendix, Block, Cell, Document, Header, Margins, Orientation, Paragraph, Run,
    Signature, Table, Title,
};
use crate::error::{Error, Result};
use crate::model::DocKind;
use unicode_normalization::UnicodeNormalization;

/// Body text size (Nghị định 30 App. I: 13–14 pt; the model forms use 14).
pub const BODY_SIZE: f32 = 14.0;
/// Paragraph spacing before, in points (at least 6 pt).
pub const SPACE_BEFORE: f32 = 6.0;
/// Default table text size.
pub const TABLE_SIZE: f32 = 12.0;

/// A template's text and the file it came from (a clerk's copy by its path, a shipped one by
/// its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file, as messages name it.
    pub name: String,
    /// The text.
    pub text: String,
}

/// Renders a template with `context` and parses the result into a `Document` of `kind`.
pub fn render(source: &Source, kind: DocKind, context: Value) -> Result<Document> {
    let text = expand(source, context)?;
    parse(&text, kind).map_err(|e| {
        let line = template_line(&source.text, &e.directive).unwrap_or(e.line);
        Error::Template {
            file: source.name.clone(),
            line,
            reason: e.reason,
        }
    })
}

/// How many instructions a template may run: ample for a national roster (some hundred per
/// member), and an end to a nested loop in a clerk's template that would otherwise run forever.
pub const FUEL: u64 = 300_000_000;

/// The most bytes a template may write: a national roster is some hundred bytes per member; a
/// template printing a sequence repeated millions of times (`{{ 70000000 * [0] }}`, one
/// instruction of fuel) stops here instead of filling the memory.
pub const MAX_OUTPUT: usize = 512 << 20;

/// `text` ending with «./.» (the body's last words): a final «.», «;» or «,» becomes it.
pub fn closing(text: &str) -> String {
    let t = text.trim_end();
    if t.is_empty() || t.ends_with("./.") {
        return t.to_string();
    }
    format!("{}./.", t.trim_end_matches(['.', ';', ',']))
}

/// Runs minijinja over the template (strict: an unknown variable is an error, not a blank).
pub fn expand(source: &Source, context: Value) -> Result<String> {
    expand_with_fuel(source, context, FUEL)
}

/// `expand` with a given fuel (tests use a small one to reach the limit quickly).
pub fn expand_with_fuel(source: &Source, context: Value, fuel: u64) -> Result<String> {
    expand_with_limits(source, context, fuel, MAX_OUTPUT)
}

/// `expand` with a given fuel and output limit in bytes.
pub fn expand_with_limits(
    source: &Source,
    context: Value,
    fuel: u64,
    max_output: usize,
) -> Result<String> {
    use minijinja::ErrorKind as K;
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(fuel));
    // Every whole number a template prints is written as the programme's documents write it,
    // with «.» thousands (1.300, 74.422): by construction, not by each template remembering a
    // filter. Years are strings in the context, so they stay 2025.
    // A list printed whole (never in a document, only by mistake or malice) is refused past
    // 100.000 items before it is walked: `{{ 70000000 * [0] }}` costs one instruction of fuel.
    env.set_formatter(|out, state, value| {
        use minijinja::value::ValueKind;
        if matches!(
            value.kind(),
            ValueKind::Seq | ValueKind::Iterable | ValueKind::Map
        ) && value.len().is_some_and(|n| n > 100_000)
        {
            return Err(minijinja::Error::new(
                minijinja::ErrorKind::WriteFailure,
                "list printed whole",
            ));
        }
        match value.as_i64().filter(|_| value.is_integer()) {
            Some(n) => out
                .write_str(&crate::vietnamese::format_number(n))
                .map_err(|e| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
                }),
            None => minijinja::escape_formatter(out, state, value),
        }
    });
    // The last section's text as the clerk wrote it still closes the body with «./.», as
    // Nghị định 30 asks: `{{ sections.VI | ket_thuc }}`.
    env.add_filter("ket_thuc", |text: String| closing(&text));
    let name = source.name.clone();
    let refuse = |e: minijinja::Error| {
        // minijinja's own words (English) go to the log; the clerk reads the cause.
        tracing::warn!(error = %e, "template refused");
        let reason = match e.kind() {
            K::UndefinedError => format!(
                "biến không xác định{}",
                e.detail().map(|d| format!(" ({d})")).unwrap_or_default()
            ),
            K::SyntaxError | K::BadEscape | K::InvalidDelimiter => {
                "sai cú pháp (thẻ {% %} hoặc {{ }} viết sai, thiếu thẻ đóng)".to_string()
            }
            K::OutOfFuel => "mẫu chạy quá lâu (vòng lặp quá lớn hoặc lồng nhau); \
                              hãy sửa các vòng {% for %} của mẫu"
                .to_string(),
            K::UnknownFilter | K::UnknownFunction | K::UnknownTest | K::UnknownMethod => {
                "dùng bộ lọc hoặc hàm không có".to_string()
            }
            K::MissingArgument | K::TooManyArguments => "gọi hàm sai số đối số".to_string(),
            K::TemplateNotFound => "gọi một mẫu không có".to_string(),
            // Only the capped output below refuses a write.
            K::WriteFailure => format!(
                "mẫu sinh ra văn bản quá lớn (hơn {}); hãy sửa phép nhân hoặc vòng lặp của mẫu",
                if max_output >= 1 << 20 {
                    format!(
                        "{} MB",
                        crate::vietnamese::format_number((max_output >> 20) as i64)
                    )
                } else {
                    format!(
                        "{} KB",
                        crate::vietnamese::format_number((max_output >> 10) as i64)
                    )
                }
            ),
            _ => "phép tính không thực hiện được với dữ liệu này".to_string(),
        };
        Error::Template {
            file: source.name.clone(),
            line: e.line().unwrap_or(0),
            reason,
        }
    };
    let tmpl = env
        .template_from_named_str(&name, &source.text)
        .map_err(refuse)?;
    let mut out = Capped {
        bytes: Vec::new(),
        max: max_output,
    };
    tmpl.render_captured_to(context, &mut out).map_err(refuse)?;
    let out = String::from_utf8(out.bytes)
        .map_err(|_| Error::internal("mẫu sinh ra văn bản không phải UTF-8"))?;
    // NFC without `vietnamese::nfc`'s white-space collapsing: lines are the block structure.
    Ok(out.nfc().collect())
}

/// A template's output, refusing to grow past `max` bytes.
struct Capped {
    bytes: Vec<u8>,
    max: usize,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len().saturating_add(buf.len()) > self.max {
            return Err(std::io::Error::other("template output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The first template line that starts with the directive the parser stopped at, so an error in
/// the generated text points at the line the clerk wrote.
fn template_line(template: &str, directive: &str) -> Option<usize> {
    if directive.is_empty() {
        return None;
    }
    template
        .lines()
        .position(|l| {
            let t = l.trim_start();
            t.split_whitespace().next() == Some(directive)
        })
        .map(|i| i + 1)
}

/// A block-language error: the line of the generated text, the directive, the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Line in the generated text.
    pub line: usize,
    /// The directive (`@bang`) or first word of the line.
    pub directive: String,
    /// Why, in Vietnamese.
    pub reason: String,
}

/// Where body blocks go: the main part or the current appendix.
fn target(doc: &mut Document) -> &mut Vec<Block> {
    match doc.appendices.last_mut() {
        Some(a) => &mut a.blocks,
        None => &mut doc.body,
    }
}

/// Parses the block language (see `templates/README.md`).
pub fn parse(text: &str, kind: DocKind) -> std::result::Result<Document, ParseError> {
    let mut doc = Document {
        kind,
        margins: Margins::DEFAULT,
        orientation: Orientation::Portrait,
        header: Header::default(),
        title: Title::default(),
        addressees: Vec::new(),
        body: Vec::new(),
        signature: Signature::default(),
        appendices: Vec::new(),
    };
    // Căn cứ lines waiting for their punctuation (known only when the group ends).
    let mut legal: Vec<String> = Vec::new();
    let mut table: Option<(Table, Vec<Align>, bool)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        let err = |directive: &str, reason: String| ParseError {
            line: line_no,
            directive: directive.to_string(),
            reason,
        };
        if line.starts_with('|') {
            let Some((t, aligns, in_body)) = table.as_mut() else {
                return Err(err(
                    "|",
                    "dòng bảng `| … |` nằm ngoài bảng; hãy mở bảng bằng @bang".into(),
                ));
            };
            if is_separator(line) {
                // Rows so far were the header.
                if *in_body {
                    return Err(err("|", "bảng có hai dòng phân cách `|---|`".into()));
                }
                t.header = std::mem::take(&mut t.rows);
                *in_body = true;
                continue;
            }
            let cells = split_row(line);
            if cells.len() > t.widths.len() {
                return Err(err(
                    "|",
                    format!(
                        "dòng có {} ô, bảng chỉ có {} cột",
                        cells.len(),
                        t.widths.len()
                    ),
                ));
            }
            let mut row: Vec<Cell> = cells
                .iter()
                .enumerate()
                .map(|(k, c)| cell(c, aligns.get(k).copied().unwrap_or(Align::Left)))
                .collect();
            // A short row: the last cell spans the missing columns (a `Tổng cộng` line, a note).
            let missing = t.widths.len() - row.len();
            if let Some(last) = row.last_mut() {
                last.colspan += missing as u16;
            }
            t.rows.push(row);
            continue;
        }
        // Blank lines (left by template tags) do not end a table; the next other line does.
        if line.is_empty() {
            continue;
        }
        // A table without a `|---|` line has no header row: every row is a body row.
        if let Some((mut t, _, _)) = table.take() {
            if t.rows.is_empty() && t.header.is_empty() {
                return Err(err("@bang", "bảng không có dòng nào".into()));
            }
            t.header.iter_mut().flatten().for_each(|c| {
                c.bold = true;
                c.align = Align::Center;
            });
            target(&mut doc).push(Block::Table(t));
        }
        if line.is_empty() {
            continue;
        }
        let (directive, rest) = match line.strip_prefix('@') {
            Some(d) if !d.starts_with('@') => {
                let (word, rest) = d.split_once(char::is_whitespace).unwrap_or((d, ""));
                (format!("@{word}"), rest.trim().to_string())
            }
            _ => (String::new(), line.trim_start_matches('@').to_string()),
        };
        let directive = directive.as_str();
        if directive != "@can-cu" && directive != "@de-nghi" && !legal.is_empty() {
            flush_legal(&mut legal, target(&mut doc));
        }
        let need = |what: &str| -> std::result::Result<(), ParseError> {
            if rest.is_empty() {
                Err(err(directive, format!("{directive} cần {what}")))
            } else {
                Ok(())
            }
        };
        match directive {
            "" => target(&mut doc).push(Block::Paragraph(para(runs(&rest), Align::Justify, true))),
            "@co-quan-cap-tren" => {
                need("tên cơ quan chủ quản")?;
                doc.header.parent_body.push(rest);
            }
            "@co-quan" => {
                need("tên cơ quan ban hành")?;
                doc.header.issuing_body.push(rest);
            }
            "@so" => {
                need("số và ký hiệu (Số: 05/QĐ-UBND)")?;
                doc.header.number_line = rest;
            }
            "@ngay" => {
                need("địa danh và ngày tháng")?;
                doc.header.date_line = rest;
            }
            "@loai" => {
                need("tên loại văn bản (QUYẾT ĐỊNH)")?;
                doc.title.kind = rest;
            }
            "@trich-yeu" => {
                need("nội dung trích yếu")?;
                doc.title.summary.push(rest);
            }
            "@kinh-gui" => {
                need("nơi gửi")?;
                doc.addressees.push(rest);
            }
            "@le" => match rest.as_str() {
                "mac-dinh" => doc.margins = Margins::DEFAULT,
                "chinh-thuc" => doc.margins = Margins::OFFICIAL,
                other => {
                    return Err(err(
                        directive,
                        format!("lề `{other}` không có; dùng mac-dinh hoặc chinh-thuc"),
                    ));
                }
            },
            "@ngang" => match doc.appendices.last_mut() {
                Some(a) => a.orientation = Orientation::Landscape,
                None => doc.orientation = Orientation::Landscape,
            },
            "@tham-quyen" | "@giua" => {
                need("nội dung")?;
                let mut p = para(runs(&rest), Align::Center, false);
                if directive == "@tham-quyen" {
                    p.runs.iter_mut().for_each(|r| r.bold = true);
                }
                target(&mut doc).push(Block::Paragraph(p));
            }
            "@phai" => {
                need("nội dung")?;
                target(&mut doc).push(Block::Paragraph(para(runs(&rest), Align::Right, false)));
            }
            "@trai" => {
                need("nội dung")?;
                target(&mut doc).push(Block::Paragraph(para(runs(&rest), Align::Left, false)));
            }
            "@can-cu" | "@de-nghi" => {
                need("nội dung căn cứ")?;
                if directive == "@can-cu" && !rest.starts_with("Căn cứ") {
                    legal.push(format!("Căn cứ {rest}"));
                } else {
                    legal.push(rest);
                }
            }
            "@dieu" => {
                need("số điều và nội dung (@dieu 1. …)")?;
                let (num, text) = rest.split_once(char::is_whitespace).unwrap_or((&rest, ""));
                let mut rs = vec![Run::bold(format!("Điều {num}"))];
                if !text.trim().is_empty() {
                    rs.push(Run::plain(" "));
                    rs.extend(runs(text.trim()));
                }
                target(&mut doc).push(Block::Paragraph(para(rs, Align::Justify, true)));
            }
            "@muc" | "@khoan" => {
                need("tiêu đề")?;
                let rs = runs(&rest)
                    .into_iter()
                    .map(|mut r| {
                        r.bold = true;
                        r
                    })
                    .collect();
                target(&mut doc).push(Block::Paragraph(para(rs, Align::Justify, true)));
            }
            "@bang" => {
                let mut widths = Vec::new();
                let mut aligns = Vec::new();
                let mut size = TABLE_SIZE;
                for word in rest.split_whitespace() {
                    if let Some(s) = word.strip_prefix("co=") {
                        size = s.parse().map_err(|_| {
                            err(directive, format!("cỡ chữ `{s}` không phải là số"))
                        })?;
                        continue;
                    }
                    let (w, a) = word.split_once(':').unwrap_or((word, "trai"));
                    let w: f32 = w.parse().map_err(|_| {
                        err(
                            directive,
                            format!(
                                "độ rộng cột `{w}` không phải là số (ví dụ: @bang 8:giua 40 20)"
                            ),
                        )
                    })?;
                    let a = match a {
                        "trai" => Align::Left,
                        "giua" => Align::Center,
                        "phai" => Align::Right,
                        "deu" => Align::Justify,
                        other => {
                            return Err(err(
                                directive,
                                format!("căn lề `{other}` không có; dùng trai, giua, phai"),
                            ));
                        }
                    };
                    widths.push(w);
                    aligns.push(a);
                }
                if widths.is_empty() {
                    return Err(err(
                        directive,
                        "@bang cần độ rộng các cột (ví dụ: @bang 8:giua 40 20)".into(),
                    ));
                }
                table = Some((
                    Table {
                        widths,
                        header: Vec::new(),
                        rows: Vec::new(),
                        size,
                    },
                    aligns,
                    false,
                ));
            }
            "@noi-nhan" => {
                need("nơi nhận")?;
                doc.signature
                    .recipients
                    .push(rest.trim_start_matches("- ").to_string());
            }
            "@ky" => {
                need("chức vụ người ký")?;
                doc.signature.signer_lines.push(rest);
            }
            "@nguoi-ky" => doc.signature.signer_name = rest,
            "@phu-luc" => doc.appendices.push(Appendix {
                label: rest,
                title: Vec::new(),
                reference: String::new(),
                orientation: Orientation::Portrait,
                blocks: Vec::new(),
            }),
            "@tieu-de" | "@kem-theo" => {
                need("nội dung")?;
                let Some(a) = doc.appendices.last_mut() else {
                    return Err(err(directive, format!("{directive} chỉ dùng sau @phu-luc")));
                };
                if directive == "@tieu-de" {
                    a.title.push(rest);
                } else {
                    a.reference = rest;
                }
            }
            "@trang-moi" => target(&mut doc).push(Block::PageBreak),
            "@cach" => {
                let pt: f32 = rest.parse().map_err(|_| {
                    err(directive, format!("khoảng cách `{rest}` không phải là số"))
                })?;
                target(&mut doc).push(Block::Space(pt));
            }
            other => {
                return Err(err(
                    other,
                    format!("lệnh {other} không có (xem templates/README.md)"),
                ));
            }
        }
    }
    if let Some((mut t, _, _)) = table.take() {
        t.header.iter_mut().flatten().for_each(|c| {
            c.bold = true;
            c.align = Align::Center;
        });
        target(&mut doc).push(Block::Table(t));
    }
    flush_legal(&mut legal, target(&mut doc));
    Ok(doc)
}

/// Emits the căn cứ group: italic, indented, every line but the last ending with `;`, the last
/// with `.` (whatever the data or the clerk typed at the end).
fn flush_legal(legal: &mut Vec<String>, out: &mut Vec<Block>) {
    let n = legal.len();
    for (k, text) in legal.drain(..).enumerate() {
        let body = text.trim_end_matches([';', '.', ',', ' ']);
        let end = if k + 1 == n { "." } else { ";" };
        out.push(Block::Paragraph(Paragraph {
            runs: vec![Run::italic(format!("{body}{end}"))],
            align: Align::Justify,
            indent: true,
            size: BODY_SIZE,
            space_before: SPACE_BEFORE,
        }));
    }
}

fn para(runs: Vec<Run>, align: Align, indent: bool) -> Paragraph {
    Paragraph {
        runs,
        align,
        indent,
        size: BODY_SIZE,
        space_before: SPACE_BEFORE,
    }
}

fn is_separator(line: &str) -> bool {
    line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Splits `| a | b |` into trimmed cells; `\|` is a literal bar.
fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur).trim().to_string()),
            c => cur.push(c),
        }
    }
    cells.push(cur.trim().to_string());
    cells
}

/// A cell: `**…**` makes it bold; `\n` (typed as the two characters) breaks the line.
fn cell(text: &str, align: Align) -> Cell {
    let (bold, text) = match text.strip_prefix("**").and_then(|t| t.strip_suffix("**")) {
        Some(inner) => (true, inner),
        None => (false, text),
    };
    Cell {
        text: text.replace("\\n", "\n"),
        bold,
        align,
        colspan: 1,
        rowspan: 1,
    }
}

/// Inline styles: `**bold**`, `*italic*`; `\*` is a literal star.
pub fn runs(text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut cur = String::new();
    let (mut bold, mut italic) = (false, false);
    let mut chars = text.chars().peekable();
    let flush = |cur: &mut String, out: &mut Vec<Run>, bold: bool, italic: bool| {
        if !cur.is_empty() {
            out.push(Run {
                text: std::mem::take(cur),
                bold,
                italic,
            });
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'*') => {
                cur.push('*');
                chars.next();
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                flush(&mut cur, &mut out, bold, italic);
                bold = !bold;
            }
            '*' => {
                flush(&mut cur, &mut out, bold, italic);
                italic = !italic;
            }
            c => cur.push(c),
        }
    }
    flush(&mut cur, &mut out, bold, italic);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_loop_runs_out_of_fuel_with_a_vietnamese_reason() {
        let source = Source {
            name: "mau-cua-toi.txt".into(),
            text: "@loai QUYẾT ĐỊNH\n{% for i in range(100000) %}{% for j in range(100000) %}\
                   {{ i }}{% endfor %}{% endfor %}"
                .into(),
        };
        let Err(Error::Template { file, reason, .. }) =
            expand_with_fuel(&source, Value::from(()), 200_000)
        else {
            panic!("expected a template error");
        };
        assert_eq!(file, "mau-cua-toi.txt");
        assert!(reason.contains("mẫu chạy quá lâu"), "{reason}");
        assert!(!reason.contains("fuel"), "{reason}");
        // An ordinary loop over a few thousand rows fits in the same fuel many times over.
        let fits = Source {
            name: "x".into(),
            text: "{% for i in range(2000) %}{{ i }}\n{% endfor %}".into(),
        };
        assert!(expand_with_fuel(&fits, Value::from(()), 200_000).is_ok());
    }

    #[test]
    fn a_repeated_sequence_stops_at_the_output_limit_with_a_vietnamese_reason() {
        // Found by the template fuzz target: one multiplication (one instruction of fuel)
        // printed a list of 70 million items, 19 s and 370 MB before the limit.
        let source = Source {
            name: "mau-cua-toi.txt".into(),
            text: "@loai QUYẾT ĐỊNH\n{{ 69985967 * [0.] }}".into(),
        };
        let Err(Error::Template { file, reason, .. }) =
            expand_with_limits(&source, Value::from(()), 20_000, 64 << 10)
        else {
            panic!("expected a template error");
        };
        assert_eq!(file, "mau-cua-toi.txt");
        assert!(reason.contains("quá lớn (hơn 64 KB)"), "{reason}");
        // A long string: the output limit itself.
        let long = Source {
            name: "x".into(),
            text: "{{ 'ab' * 100000 }}".into(),
        };
        let Err(Error::Template { reason, .. }) =
            expand_with_limits(&long, Value::from(()), 20_000, 64 << 10)
        else {
            panic!("expected a template error");
        };
        assert!(reason.contains("quá lớn (hơn 64 KB)"), "{reason}");
        let fits = Source {
            name: "x".into(),
            text: "{{ 3 * [0] }}".into(),
        };
        assert_eq!(
            expand_with_limits(&fits, Value::from(()), 20_000, 64 << 10).unwrap(),
            "[0, 0, 0]"
        );
    }

    fn texts(b: &Block) -> String {
        match b {
            Block::Paragraph(p) => p.runs.iter().map(|r| r.text.as_str()).collect(),
            _ => String::new(),
        }
    }

    #[test]
    fn block_language_parses() {
        let src = "@co-quan ỦY BAN NHÂN DÂN\n@co-quan XÃ HÒA BẮC\n@so Số: 05/QĐ-UBND\n\
            @ngay Hòa Bắc, ngày 05 tháng 3 năm 2024\n@loai QUYẾT ĐỊNH\n@trich-yeu Về việc A\n\
            @can-cu Luật X;\n@can-cu Căn cứ Quyết định Y.\n@de-nghi Theo đề nghị của Z\n\
            @giua **QUYẾT ĐỊNH:**\n@dieu 1. Thành lập **Tổ** và *ghi chú*.\n\
            @bang 8:giua 40 20:phai\n| STT | Họ và tên | Số |\n|---|---|---|\n| 1 | Lê Văn A | 3 |\n| **Tổng** |\n\
            Đoạn thường./.\n@ky KT. CHỦ TỊCH\n@ky PHÓ CHỦ TỊCH\n@nguoi-ky Trần Văn Hùng\n\
            @noi-nhan - Như Điều 5;\n@noi-nhan Lưu: VT, VHXH.\n@phu-luc\n@tieu-de DANH SÁCH\n@kem-theo (Kèm theo …)\n@ngang\nNội dung phụ lục\n";
        let d = parse(src, DocKind::DecisionEstablish).unwrap();
        assert_eq!(d.header.issuing_body, vec!["ỦY BAN NHÂN DÂN", "XÃ HÒA BẮC"]);
        assert_eq!(texts(&d.body[0]), "Căn cứ Luật X;");
        assert_eq!(texts(&d.body[1]), "Căn cứ Quyết định Y;");
        assert_eq!(texts(&d.body[2]), "Theo đề nghị của Z.");
        let Block::Paragraph(dieu) = &d.body[4] else {
            panic!()
        };
        assert_eq!(dieu.runs[0], Run::bold("Điều 1."));
        assert!(dieu.runs.iter().any(|r| r.text == "Tổ" && r.bold));
        assert!(dieu.runs.iter().any(|r| r.text == "ghi chú" && r.italic));
        let Block::Table(t) = &d.body[5] else {
            panic!("{:?}", d.body[5])
        };
        assert_eq!(t.header.len(), 1);
        assert!(t.header[0][1].bold);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][2].align, Align::Right);
        assert_eq!(t.rows[1][0].colspan, 3);
        assert!(t.rows[1][0].bold);
        assert_eq!(texts(&d.body[6]), "Đoạn thường./.");
        assert_eq!(
            d.signature.recipients,
            vec!["Như Điều 5;", "Lưu: VT, VHXH."]
        );
        assert_eq!(d.appendices.len(), 1);
        assert_eq!(d.appendices[0].orientation, Orientation::Landscape);
        assert_eq!(d.appendices[0].blocks.len(), 1);
        assert_eq!(d.orientation, Orientation::Portrait);
    }

    #[test]
    fn unknown_directive_and_stray_row_are_refused() {
        let e = parse("@loai A\n@khong-co x\n", DocKind::Plan).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.reason.contains("@khong-co"));
        let e = parse("| a | b |\n", DocKind::Plan).unwrap_err();
        assert_eq!(e.line, 1);
        let e = parse("@bang 10 x\n", DocKind::Plan).unwrap_err();
        assert!(e.reason.contains("`x`"));
    }

    #[test]
    fn the_clerks_last_section_still_closes_the_body() {
        assert_eq!(closing("Đề nghị hỗ trợ."), "Đề nghị hỗ trợ./.");
        assert_eq!(closing("- một ý;\n"), "- một ý./.");
        assert_eq!(closing("Hết./."), "Hết./.");
        assert_eq!(closing("Không dấu"), "Không dấu./.");
    }

    #[test]
    fn errors_point_at_the_template_line() {
        let src = Source {
            name: "mau.txt".into(),
            text: "@loai {{ title }}\n\n{% if true %}\n@sai-lenh x\n{% endif %}\n".into(),
        };
        let e = render(
            &src,
            DocKind::Plan,
            minijinja::context! { title => "KẾ HOẠCH" },
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("mau.txt") && e.contains("dòng 4"), "{e}");
        let e = render(&src, DocKind::Plan, minijinja::context! {})
            .unwrap_err()
            .to_string();
        assert!(e.contains("dòng 1") && e.contains("không xác định"), "{e}");
        let bad = Source {
            name: "mau.txt".into(),
            text: "@loai A\n{% for x in %}\n".into(),
        };
        let e = render(&bad, DocKind::Plan, minijinja::context! {})
            .unwrap_err()
            .to_string();
        assert!(e.contains("dòng 2") && e.contains("cú pháp"), "{e}");
    }
}
