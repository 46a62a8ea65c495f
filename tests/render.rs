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

#[test]
fn signature_box_lies_between_the_signer_lines_and_the_name_and_is_in_the_info() {
    if !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = example::decision(9, false);
    let out = render_pdf(&doc).unwrap();
    let file = write(dir.path(), "sigbox.pdf", &out.bytes);
    let b = out.signature_box.unwrap();

    // The Info dictionary carries the same rectangle for the signing step.
    let lo = lopdf::Document::load_mem(&out.bytes).unwrap();
    let info_ref = lo.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = lo.get_object(info_ref).unwrap().as_dict().unwrap();
    let value = info.get(b"CnscdSignatureBox").unwrap().as_str().unwrap();
    let value = String::from_utf8(value.to_vec()).unwrap();
    let nums: Vec<f32> = value.split(' ').map(|v| v.parse().unwrap()).collect();
    assert_eq!(nums[0] as usize, b.page + 1);
    for (got, want) in nums[1..].iter().zip([b.x, b.y, b.w, b.h]) {
        assert!((got - want).abs() < 0.01, "{value} vs {b:?}");
    }
    // About four 14 pt lines (25–30 mm) of blank space, in the right column.
    let h_mm = b.h * 25.4 / 72.0;
    assert!((20.0..=32.0).contains(&h_mm), "{h_mm} mm");

    // Classic cross-reference table, no object streams: incremental signing stays simple.
    let raw = String::from_utf8_lossy(&out.bytes);
    assert!(raw.contains("\nxref\n") && !raw.contains("/ObjStm") && !raw.contains("/XRef"));

    // No word inside the box; the position line just above it, the name just below.
    let words = bbox_words(&file);
    let page_words: Vec<&Word> = words.iter().filter(|w| w.page == b.page + 1).collect();
    let top = page_words[0].page_h - (b.y + b.h);
    let bottom = page_words[0].page_h - b.y;
    for w in &page_words {
        let inside_x = w.x_max > b.x && w.x_min < b.x + b.w;
        let inside_y = w.y_max > top + 0.5 && w.y_min < bottom - 0.5;
        assert!(
            !(inside_x && inside_y),
            "word inside the signature box: {w:?}"
        );
    }
    let find = |t: &str| page_words.iter().find(|w| w.text == t).unwrap();
    let position = find("PHÓ");
    let name = find("Hùng");
    assert!(
        position.y_max <= top + 1.0 && top - position.y_max < 10.0,
        "{position:?} top {top}"
    );
    assert!(
        name.y_min >= bottom - 1.0 && name.y_min - bottom < 10.0,
        "{name:?} bottom {bottom}"
    );
    // Nơi nhận sits level with the first signer line.
    let label = find("Nơi");
    let signer = find("KT.");
    assert!(
        (label.y_max - signer.y_max).abs() < 1.5,
        "{label:?} vs {signer:?}"
    );
}

#[test]
fn landscape_appendix_and_official_margins() {
    if !require_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut doc = example::decision(30, true);
    doc.margins = cnscd::document::Margins::OFFICIAL;
    let out = render_pdf(&doc).unwrap();
    let file = write(dir.path(), "landscape.pdf", &out.bytes);
    let sizes = page_sizes(&file);
    let start = (1..=out.pages)
        .find(|&p| text(&file, Some(p)).contains("DANH SÁCH THÀNH VIÊN"))
        .unwrap();
    assert!(
        sizes.len() > start,
        "the roster should take two landscape pages: {sizes:?}"
    );
    for (i, (w, h)) in sizes.iter().enumerate() {
        let (ew, eh) = if i + 1 < start {
            (595.28, 841.89)
        } else {
            (841.89, 595.28)
        };
        assert!(
            (w - ew).abs() < 0.1 && (h - eh).abs() < 0.1,
            "page {}: {w} x {h}",
            i + 1
        );
    }
    let all = text(&file, None);
    assert!(all.contains(QUOC_HIEU) && all.contains(TIEU_NGU));
    // The narrower text pushes the signature to page 2; the end of Điều 5 goes with it.
    let sig_page = (1..=out.pages)
        .find(|&p| text(&file, Some(p)).contains("Lê Văn Hùng"))
        .unwrap();
    assert!(
        text(&file, Some(sig_page)).contains("Quyết định này./."),
        "the signature block stands alone on page {sig_page}"
    );
    for i in 0..30 {
        assert!(all.contains(&example::member_name(i)));
    }
    assert_inside_margins(&file, &doc);
}

#[test]
fn two_level_table_header_with_spans() {
    if !require_tool("pdftotext") {
        return;
    }
    use cnscd::document::{Align, Cell, Table};
    let head = |t: &str, colspan: u16, rowspan: u16| Cell {
        bold: true,
        align: Align::Center,
        colspan,
        rowspan,
        ..Cell::new(t)
    };
    let table = Table {
        widths: vec![10.0, 50.0, 20.0, 20.0],
        header: vec![
            vec![
                head("STT", 1, 2),
                head("Chỉ tiêu", 1, 2),
                head("Kết quả năm 2025", 2, 1),
            ],
            vec![head("Kế hoạch", 1, 1), head("Thực hiện", 1, 1)],
        ],
        rows: (1..=60)
            .map(|i| {
                vec![
                    Cell::new(i.to_string()),
                    Cell::new(format!("Tỷ lệ hộ gia đình có kết nối cáp quang số {i}")),
                    Cell::new("95%"),
                    Cell::new(format!("{},5%", 90 + i % 9)),
                ]
            })
            .collect(),
        size: 13.0,
    };
    let mut doc = example::decision(3, false);
    doc.body.push(Block::Table(table));
    let out = render_pdf(&doc).unwrap();
    let file = write(dir_path(&doc), "spans.pdf", &out.bytes);
    let pages: Vec<usize> = (1..=out.pages)
        .filter(|&p| text(&file, Some(p)).contains("cáp quang"))
        .collect();
    assert!(pages.len() >= 2);
    for p in pages {
        let t = text(&file, Some(p));
        for h in ["Chỉ tiêu", "Kết quả năm 2025", "Kế hoạch", "Thực hiện"] {
            assert!(t.contains(h), "page {p} lacks {h:?}");
        }
    }
    // The spanning header cell sits above its two sub-columns.
    let words = bbox_words(&file);
    let first = |t: &str| words.iter().find(|w| w.text == t).unwrap();
    let ket = first("Kết");
    let thuc = first("Thực");
    let ke = words
        .iter()
        .find(|w| w.text == "Kế" && w.page == thuc.page && (w.y_min - thuc.y_min).abs() < 1.0)
        .unwrap();
    assert!(ket.y_max <= ke.y_min && ket.y_max <= thuc.y_min);
    assert!(ke.x_min < ket.x_min && thuc.x_max > ket.x_max);
    assert_inside_margins(&file, &doc);
}

/// A temp dir that lives for the test process (the spans test writes one file).
fn dir_path(_doc: &Document) -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path()
}
