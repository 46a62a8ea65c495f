//! The PDF and DOCX renderers checked with independent tools: poppler (pdfinfo, pdffonts,
//! pdftotext) on the PDF, LibreOffice converting the DOCX.

use std::path::{Path, PathBuf};
use std::process::Command;

use cnscd::document::{Block, Document};
use cnscd::export::example;
use cnscd::export::pdf::render_pdf;

use crate::common::require_tool;

const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

/// Writes bytes into the temp dir (and into `$CNSCD_KEEP_RENDER/name` when set, to look at).
fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    if let Some(keep) = std::env::var_os("CNSCD_KEEP_RENDER") {
        std::fs::write(Path::new(&keep).join(name), bytes).unwrap();
    }
    path
}

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(name).args(args).arg(file).output().unwrap();
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `pdftotext -layout` of the whole file, or of one page (1-based).
fn text(file: &Path, page: Option<usize>) -> String {
    let mut args = vec!["-enc".to_string(), "UTF-8".to_string()];
    if let Some(p) = page {
        args.extend(["-f".into(), p.to_string(), "-l".into(), p.to_string()]);
    }
    args.push(file.display().to_string());
    args.push("-".into());
    let out = Command::new("pdftotext").args(&args).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Page sizes from `pdfinfo -l`, in points.
fn page_sizes(file: &Path) -> Vec<(f32, f32)> {
    let info = tool("pdfinfo", &["-l", "1000"], file);
    info.lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let nums: Vec<f32> = l
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (nums[1], nums[2])
        })
        .collect()
}

/// One word of `pdftotext -bbox`: its page (1-based), box and text.
#[derive(Debug)]
struct Word {
    page: usize,
    page_w: f32,
    page_h: f32,
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
    text: String,
}

fn attr(tag: &str, name: &str) -> f32 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = tag[start..].find('"').unwrap() + start;
    tag[start..end].parse().unwrap()
}

fn bbox_words(file: &Path) -> Vec<Word> {
    let out = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let mut words = Vec::new();
    let (mut page, mut pw, mut ph) = (0, 0.0, 0.0);
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
            pw = attr(line, "width");
            ph = attr(line, "height");
        } else if line.starts_with("<word ") {
            let text =
                line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()].to_string();
            words.push(Word {
                page,
                page_w: pw,
                page_h: ph,
                x_min: attr(line, "xMin"),
                y_min: attr(line, "yMin"),
                x_max: attr(line, "xMax"),
                y_max: attr(line, "yMax"),
                text,
            });
        }
    }
    words
}

/// Every word inside the margins (mm, of a document with `Margins::DEFAULT`), except the page
/// number, which the decree puts in the top margin.
fn assert_inside_margins(file: &Path, doc: &Document) {
    let m = doc.margins;
    let pt = |mm: f32| mm * 72.0 / 25.4;
    let words = bbox_words(file);
    assert!(!words.is_empty());
    for w in &words {
        let is_page_number = w.text.chars().all(|c| c.is_ascii_digit()) && w.y_max <= pt(m.top);
        if is_page_number {
            continue;
        }
        let tol = 0.5;
        assert!(
            w.x_min >= pt(m.left) - tol
                && w.x_max <= w.page_w - pt(m.right) + tol
                && w.y_min >= pt(m.top) - tol
                && w.y_max <= w.page_h - pt(m.bottom) + tol,
            "word outside the margins: {w:?}"
        );
    }
}

/// The top-of-page words above the first text line: the page number, if any.
fn page_number(words: &[Word], page: usize, top_margin_pt: f32) -> Option<String> {
    let top: Vec<&Word> = words
        .iter()
        .filter(|w| w.page == page && w.y_max <= top_margin_pt)
        .collect();
    match top.as_slice() {
        [] => None,
        [one] => {
            // Centred on the text area.
            Some(one.text.clone())
        }
        more => panic!("several words in the top margin of page {page}: {more:?}"),
    }
}

#[test]
fn decision_pdf_is_a4_embedded_and_reads_back_exactly() {
    if !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = example::decision(9, false);
    let out = render_pdf(&doc).unwrap();
    let file = write(dir.path(), "decision.pdf", &out.bytes);

    let sizes = page_sizes(&file);
    assert_eq!(sizes.len(), out.pages);
    assert!(out.pages >= 2, "the decision and its appendix");
    for (w, h) in &sizes {
        assert!(
            (w - 595.28).abs() < 0.1 && (h - 841.89).abs() < 0.1,
            "{w} x {h}"
        );
    }

    let fonts = tool("pdffonts", &[], &file);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type [encoding…] emb sub uni object ID: `emb` is the 5th field from the end.
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
        assert_eq!(cols[cols.len() - 3], "yes", "font without ToUnicode: {row}");
    }

    let all = text(&file, None);
    for s in [
        QUOC_HIEU,
        TIEU_NGU,
        "ỦY BAN NHÂN DÂN",
        "Số: 05/QĐ-UBND",
        "Hòa Bắc, ngày 05 tháng 3 năm 2025",
        "QUYẾT ĐỊNH",
        "Về việc kiện toàn Tổ Công nghệ số cộng đồng",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "Lê Văn Hùng",
        "Phụ lục I",
    ] {
        assert!(all.contains(s), "{s:?} missing from:\n{all}");
    }
    for i in 0..9 {
        let name = example::member_name(i);
        assert!(all.contains(&name), "{name} missing");
    }
    // The text comes back precomposed (NFC), as it went in.
    assert!(unicode_normalization::is_nfc(&all));
    assert_inside_margins(&file, &doc);
}

#[test]
fn page_numbers_from_page_two_and_restart_in_the_appendix() {
    if !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut doc = example::decision(40, false);
    // A long body so the main part takes two pages.
    let extra: Vec<Block> = doc.body[5..].to_vec();
    doc.body.extend(extra.iter().cloned());
    doc.body.extend(extra);
    let out = render_pdf(&doc).unwrap();
    let file = write(dir.path(), "numbers.pdf", &out.bytes);
    let words = bbox_words(&file);
    let top = doc.margins.top * 72.0 / 25.4;
    let appendix_start = (1..=out.pages)
        .find(|&p| text(&file, Some(p)).contains("DANH SÁCH THÀNH VIÊN"))
        .unwrap();
    assert!(appendix_start >= 3, "main part should take two pages");
    assert_eq!(page_number(&words, 1, top), None);
    assert_eq!(page_number(&words, 2, top).as_deref(), Some("2"));
    assert_eq!(page_number(&words, appendix_start, top), None);
    assert_eq!(
        page_number(&words, appendix_start + 1, top).as_deref(),
        Some("2")
    );
    assert_inside_margins(&file, &doc);
}

#[test]
fn a_forty_member_roster_spans_pages_and_repeats_its_header() {
    if !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = example::decision(40, false);
    let out = render_pdf(&doc).unwrap();
    let file = write(dir.path(), "roster40.pdf", &out.bytes);
    let table_pages: Vec<usize> = (1..=out.pages)
        .filter(|&p| {
            text(&file, Some(p)).contains("0935120000")
                || p > 1 && text(&file, Some(p)).contains("Thành viên")
        })
        .collect();
    assert!(
        table_pages.len() >= 2,
        "the roster should span pages: {table_pages:?}"
    );
    let mut seen = Vec::new();
    for &p in &table_pages {
        let t = text(&file, Some(p));
        for head in ["STT", "Họ và tên", "Số điện thoại"] {
            assert!(t.contains(head), "page {p} lacks the header {head:?}:\n{t}");
        }
        seen.push(t);
    }
    let all = seen.join("\n");
    for i in 0..40 {
        let name = example::member_name(i);
        assert_eq!(
            all.matches(&name).count(),
            1,
            "{name} should appear exactly once"
        );
    }
    assert_inside_margins(&file, &doc);
}

/// Converts a DOCX to PDF with LibreOffice in `dir`; returns the PDF path.
fn soffice_to_pdf(docx: &Path, dir: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = docx.with_extension("pdf");
    assert!(
        pdf.exists(),
        "soffice wrote no PDF: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    pdf
}

#[test]
fn decision_docx_opens_in_libreoffice_with_the_same_text() {
    if !require_tool("soffice") || !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = example::decision(40, true);
    let bytes = cnscd::export::docx::render_docx(&doc).unwrap();
    let file = write(dir.path(), "decision.docx", &bytes);
    let pdf = soffice_to_pdf(&file, dir.path());
    if let Some(keep) = std::env::var_os("CNSCD_KEEP_RENDER") {
        std::fs::copy(&pdf, Path::new(&keep).join("decision-docx.pdf")).unwrap();
    }
    let all = text(&pdf, None);
    for s in [
        QUOC_HIEU,
        TIEU_NGU,
        "Số: 05/QĐ-UBND",
        "Hòa Bắc, ngày 05 tháng 3 năm 2025",
        "QUYẾT ĐỊNH",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "Lê Văn Hùng",
        "Phụ lục I",
    ] {
        assert!(all.contains(s), "{s:?} missing from:\n{all}");
    }
    for i in 0..40 {
        let name = example::member_name(i);
        assert!(all.contains(&name), "{name} missing");
    }
    // Portrait main part, landscape appendix; the roster's header repeats on its pages.
    let sizes = page_sizes(&pdf);
    assert!(
        (sizes[0].0 - 595.3).abs() < 1.0 && (sizes[0].1 - 841.9).abs() < 1.0,
        "{sizes:?}"
    );
    let last = sizes[sizes.len() - 1];
    assert!(
        (last.0 - 841.9).abs() < 1.0 && (last.1 - 595.3).abs() < 1.0,
        "{sizes:?}"
    );
    let roster_pages: Vec<usize> = (1..=sizes.len())
        .filter(|&p| text(&pdf, Some(p)).contains("Thành viên"))
        .collect();
    assert!(roster_pages.len() >= 2, "{roster_pages:?}");
    for p in roster_pages {
        assert!(
            text(&pdf, Some(p)).contains("Họ và tên"),
            "page {p} lacks the header row"
        );
    }
}
