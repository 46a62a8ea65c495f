//! The Nghị định 30 check: runs on every `Document` before export and returns Vietnamese
//! findings with a severity. Quốc hiệu and Tiêu ngữ are renderer constants, so this checks what
//! the Document carries: the body name, the number and date lines, căn cứ punctuation, the signer
//! prefix, Nơi nhận, the appendix reference and the closing `./.`. An error refuses the export
//! unless the user forces it (`--force`).

use serde::Serialize;

use super::model::{Block, Document, Paragraph};
use crate::model::DocKind;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; export goes on.
    Warning,
    /// Breaks the decree; export is refused unless forced.
    Error,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Severity.
    pub severity: Severity,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tag = match self.severity {
            Severity::Error => "Lỗi",
            Severity::Warning => "Cảnh báo",
        };
        write!(f, "{tag}: {}", self.message)
    }
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// The signer prefixes of App. I ô 7a.
const PREFIXES: [&str; 5] = ["TM.", "KT.", "TL.", "TUQ.", "Q."];

/// Checks a document.
pub fn lint(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut error = |m: String| {
        out.push(Finding {
            severity: Severity::Error,
            message: m,
        })
    };
    if doc.header.issuing_body.iter().all(|l| l.trim().is_empty()) {
        error("Thiếu tên cơ quan ban hành văn bản (ô 2).".into());
    }
    for line in doc
        .header
        .issuing_body
        .iter()
        .chain(&doc.header.parent_body)
    {
        if *line != crate::vietnamese::upper(line) {
            error(format!(
                "Tên cơ quan \"{line}\" phải viết in hoa (Phụ lục I, ô 2)."
            ));
        }
    }
    if let Err(m) = check_number_line(&doc.header.number_line) {
        error(m);
    }
    if let Err(m) = check_date_line(&doc.header.date_line) {
        error(m);
    }
    if doc.title.kind.trim().is_empty() {
        error("Thiếu tên loại văn bản (ô 5a).".into());
    }
    // Every date written out in the text keeps the padding rule.
    for text in all_text(doc) {
        for m in bad_dates(&text) {
            error(m);
        }
    }
    check_legal_bases(&doc.body, &mut error);
    check_signature(doc, &mut error);
    if !doc.appendices.is_empty() {
        let body: String = doc.body.iter().filter_map(para_text).collect();
        let lower = body.to_lowercase();
        if !lower.contains("kèm theo") && !lower.contains("phụ lục") {
            error(
                "Văn bản có phụ lục nhưng phần nội dung không dẫn chiếu đến phụ lục \
                 (\"… kèm theo\", \"Phụ lục …\")."
                    .into(),
            );
        }
        let n = doc.appendices.len();
        for a in &doc.appendices {
            if a.title.is_empty() {
                error(format!(
                    "Phụ lục {} thiếu tên phụ lục.",
                    if a.label.is_empty() { "" } else { &a.label }
                ));
            }
            if n > 1 && a.label.trim().is_empty() {
                error("Văn bản có từ hai phụ lục trở lên phải đánh số Phụ lục I, II, …".into());
            }
        }
    }
    if !matches!(doc.kind, DocKind::Roster | DocKind::FocalPoints) {
        let last = doc.body.iter().rev().find_map(para_text);
        if !last.is_some_and(|t| t.trim_end().ends_with("./.")) {
            error("Phần nội dung phải kết thúc bằng dấu \"./.\".".into());
        }
    }
    out
}

fn para_text(b: &Block) -> Option<String> {
    match b {
        Block::Paragraph(p) => Some(text_of(p)),
        _ => None,
    }
}

fn text_of(p: &Paragraph) -> String {
    p.runs.iter().map(|r| r.text.as_str()).collect()
}

fn all_text(doc: &Document) -> Vec<String> {
    let mut v: Vec<String> = doc.body.iter().filter_map(para_text).collect();
    for a in &doc.appendices {
        v.push(a.reference.clone());
        v.extend(a.blocks.iter().filter_map(para_text));
    }
    v
}

/// `Số: 05/QĐ-UBND`, or the blank a draft leaves (`Số:       /QĐ-UBND`).
pub fn check_number_line(line: &str) -> Result<(), String> {
    let Some(rest) = line.strip_prefix("Số:") else {
        return Err(format!(
            "Dòng số \"{line}\" phải bắt đầu bằng \"Số:\" (Phụ lục I, ô 3)."
        ));
    };
    let Some((num, symbol)) = rest.split_once('/') else {
        return Err(format!(
            "Dòng số \"{line}\" thiếu ký hiệu sau dấu \"/\" (Số: 05/QĐ-UBND)."
        ));
    };
    let num = num.trim();
    if !num.is_empty() {
        if !num.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("Số văn bản \"{num}\" phải là chữ số Ả Rập."));
        }
        if num.len() < 2 {
            return Err(format!(
                "Số văn bản \"{num}\" nhỏ hơn 10 phải thêm số 0 phía trước (0{num})."
            ));
        }
        if num.starts_with('0') && num.len() > 2 {
            return Err(format!("Số văn bản \"{num}\" thừa số 0 phía trước."));
        }
    }
    if symbol.is_empty() || symbol.contains(char::is_whitespace) {
        return Err(format!(
            "Ký hiệu \"{symbol}\" không được để trống hay chứa dấu cách (QĐ-UBND)."
        ));
    }
    if symbol != crate::vietnamese::upper(symbol) && !symbol.contains("QyĐ") {
        return Err(format!("Ký hiệu \"{symbol}\" phải viết in hoa."));
    }
    Ok(())
}

/// `Hòa Bắc, ngày 05 tháng 3 năm 2024`.
pub fn check_date_line(line: &str) -> Result<(), String> {
    let Some((place, date)) = line.split_once(", ") else {
        return Err(format!(
            "Dòng địa danh, ngày tháng \"{line}\" phải có dạng \"Địa danh, ngày 05 tháng 3 năm 2024\"."
        ));
    };
    if place.trim().is_empty() {
        return Err("Thiếu địa danh trước ngày tháng (ô 4).".into());
    }
    if !date.starts_with("ngày ") {
        return Err(format!(
            "Ngày tháng \"{date}\" phải viết \"ngày … tháng … năm …\"."
        ));
    }
    // A draft may leave the day and month blank for the signer to fill in.
    if date.contains(char::is_numeric) && dates_in(date).is_empty() && !date.contains("tháng") {
        return Err(format!("Ngày tháng \"{date}\" không đúng dạng."));
    }
    match bad_dates(date).into_iter().next() {
        Some(m) => Err(m),
        None => Ok(()),
    }
}

/// Every `ngày D tháng M năm Y` in a text, as (day, month, year) strings.
fn dates_in(text: &str) -> Vec<(String, String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for w in words.windows(6) {
        if w[0].eq_ignore_ascii_case("ngày") && w[2] == "tháng" && w[4] == "năm" {
            let year: String = w[5].chars().take_while(char::is_ascii_digit).collect();
            let (d, m) = (w[1], w[3]);
            if d.bytes().all(|b| b.is_ascii_digit()) && m.bytes().all(|b| b.is_ascii_digit()) {
                out.push((d.to_string(), m.to_string(), year));
            }
        }
    }
    out
}

/// Padding rule (App. I, ô 4): days 1–9 and months 1–2 take a leading zero, other months none.
fn bad_dates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (d, m, y) in dates_in(text) {
        let (Ok(dn), Ok(mn)) = (d.parse::<u32>(), m.parse::<u32>()) else {
            continue;
        };
        let want_d = if dn < 10 {
            format!("0{dn}")
        } else {
            dn.to_string()
        };
        let want_m = if mn <= 2 {
            format!("0{mn}")
        } else {
            mn.to_string()
        };
        if d != want_d || m != want_m || !(1..=31).contains(&dn) || !(1..=12).contains(&mn) {
            out.push(format!(
                "Ngày tháng \"ngày {d} tháng {m} năm {y}\" sai quy tắc: ngày dưới 10 và tháng 1, 2 \
                 thêm số 0 (\"ngày {want_d} tháng {want_m} năm {y}\")."
            ));
        }
    }
    out
}

/// Căn cứ lines: consecutive italic paragraphs starting with `Căn cứ` (plus the `Theo đề nghị`
/// line after them); each ends with `;`, the last of the group with `.`.
fn check_legal_bases(body: &[Block], error: &mut impl FnMut(String)) {
    let is_legal = |b: &Block| match b {
        Block::Paragraph(p) => {
            let t = text_of(p);
            t.starts_with("Căn cứ") || t.starts_with("Theo đề nghị")
        }
        _ => false,
    };
    let mut i = 0;
    while i < body.len() {
        if !is_legal(&body[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < body.len() && is_legal(&body[i]) {
            i += 1;
        }
        let group: Vec<String> = body[start..i].iter().filter_map(para_text).collect();
        for (k, t) in group.iter().enumerate() {
            let t = t.trim_end();
            let last = k + 1 == group.len();
            let short: String = t.chars().take(60).collect();
            if last && !t.ends_with('.') {
                error(format!(
                    "Dòng căn cứ cuối cùng \"{short}…\" phải kết thúc bằng dấu chấm \".\"."
                ));
            } else if !last && !t.ends_with(';') {
                error(format!(
                    "Dòng căn cứ \"{short}…\" phải kết thúc bằng dấu chấm phẩy \";\"."
                ));
            }
        }
        for b in &body[start..i] {
            if let Block::Paragraph(p) = b
                && !p.runs.iter().all(|r| r.italic)
            {
                error(format!(
                    "Dòng căn cứ \"{}\" phải in nghiêng.",
                    text_of(p).chars().take(60).collect::<String>()
                ));
            }
        }
    }
}

fn check_signature(doc: &Document, error: &mut impl FnMut(String)) {
    let sig = &doc.signature;
    match sig.signer_lines.first() {
        None => error("Thiếu quyền hạn, chức vụ của người ký (ô 7a).".into()),
        Some(first) => {
            let word = first.split_whitespace().next().unwrap_or_default();
            if word.contains('.') && !PREFIXES.contains(&word) {
                error(format!(
                    "Tiền tố \"{word}\" của người ký không hợp lệ; chỉ dùng TM., KT., TL., TUQ., Q."
                ));
            }
            if word.len() <= 4
                && !word.ends_with('.')
                && PREFIXES.contains(&format!("{word}.").as_str())
            {
                error(format!(
                    "Tiền tố \"{word}\" của người ký thiếu dấu chấm ({word}.)."
                ));
            }
            if word == "KT." && sig.signer_lines.len() < 2 {
                error("Ký thay (KT.) phải có dòng chức vụ của người ký thay.".into());
            }
            for l in &sig.signer_lines {
                if *l != crate::vietnamese::upper(l) {
                    error(format!("Chức vụ người ký \"{l}\" phải viết in hoa."));
                }
            }
        }
    }
    if sig.signer_name.trim().is_empty() {
        error("Thiếu họ tên người ký (ô 7b).".into());
    }
    match sig.recipients.last() {
        None => error("Nơi nhận để trống (ô 9b).".into()),
        Some(last) => {
            if !last.starts_with("Lưu: VT") {
                error(format!(
                    "Dòng cuối Nơi nhận phải là \"Lưu: VT, …\", đang là \"{last}\"."
                ));
            } else if !last.ends_with('.') {
                error(format!(
                    "Dòng \"{last}\" (cuối Nơi nhận) phải kết thúc bằng dấu chấm."
                ));
            }
            for r in &sig.recipients[..sig.recipients.len() - 1] {
                if !r.ends_with(';') {
                    error(format!("Nơi nhận \"{r}\" phải kết thúc bằng dấu \";\"."));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::template::parse;

    const GOOD: &str = "@co-quan ỦY BAN NHÂN DÂN\n@co-quan XÃ HÒA BẮC\n@so Số: 05/QĐ-UBND\n\
        @ngay Hòa Bắc, ngày 05 tháng 3 năm 2024\n@loai QUYẾT ĐỊNH\n@trich-yeu Về việc A\n\
        @can-cu Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015\n@de-nghi Theo đề nghị của B\n\
        @dieu 1. Thành lập Tổ (danh sách kèm theo).\n@dieu 2. Hiệu lực./.\n\
        @ky KT. CHỦ TỊCH\n@ky PHÓ CHỦ TỊCH\n@nguoi-ky Trần Văn Hùng\n\
        @noi-nhan Như Điều 5;\n@noi-nhan Lưu: VT, VHXH.\n@phu-luc\n@tieu-de DANH SÁCH\n";

    fn messages(src: &str) -> Vec<String> {
        let d = parse(src, DocKind::DecisionEstablish).unwrap();
        lint(&d).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn a_good_document_passes() {
        assert_eq!(messages(GOOD), Vec::<String>::new());
        let blank = GOOD.replace("Số: 05/", "Số:       /");
        assert_eq!(messages(&blank), Vec::<String>::new());
    }

    #[test]
    fn bad_legal_punctuation_is_caught() {
        let mut d = parse(GOOD, DocKind::DecisionEstablish).unwrap();
        // Hand-edit the first căn cứ line to end with a full stop instead of `;`.
        if let Block::Paragraph(p) = &mut d.body[0] {
            let t = &mut p.runs[0].text;
            t.pop();
            t.push('.');
        }
        let f = lint(&d);
        assert!(has_errors(&f));
        assert!(
            f.iter().any(|f| f.message.contains("dấu chấm phẩy")),
            "{f:?}"
        );
        if let Block::Paragraph(p) = &mut d.body[1] {
            p.runs[0].text = "Theo đề nghị của B;".into();
        }
        assert!(
            lint(&d)
                .iter()
                .any(|f| f.message.contains("căn cứ cuối cùng"))
        );
    }

    #[test]
    fn header_signature_and_recipients_are_checked() {
        let cases = [
            ("Số: 05/QĐ-UBND", "Số: 5/QĐ-UBND", "thêm số 0"),
            ("Số: 05/QĐ-UBND", "Số: 05/QĐ - UBND", "dấu cách"),
            ("ngày 05 tháng 3", "ngày 5 tháng 03", "sai quy tắc"),
            ("KT. CHỦ TỊCH", "K.T CHỦ TỊCH", "không hợp lệ"),
            ("KT. CHỦ TỊCH", "KT CHỦ TỊCH", "thiếu dấu chấm"),
            ("Lưu: VT, VHXH.", "Lưu: VT, VHXH", "dấu chấm"),
            ("Hiệu lực./.", "Hiệu lực.", "./."),
            ("(danh sách kèm theo)", "", "dẫn chiếu"),
            (
                "@noi-nhan Như Điều 5;\n@noi-nhan Lưu: VT, VHXH.\n",
                "",
                "Nơi nhận để trống",
            ),
        ];
        for (from, to, want) in cases {
            let m = messages(&GOOD.replace(from, to));
            assert!(m.iter().any(|m| m.contains(want)), "{to}: {m:?}");
        }
    }
}
