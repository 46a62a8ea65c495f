//! Tables and pages laid out like a careful clerk's, checked on what a reader sees: the text
//! `pdftotext -layout` reads from the PDF and from the DOCX converted by LibreOffice, page sizes
//! from `pdfinfo`, and the table XML inside the DOCX.
//!
//! LibreOffice runs with a font configuration that adds the program's own Liberation Serif (the
//! metrics of Times New Roman with every Vietnamese letter), as on an office PC with Times New
//! Roman: the Liberation Serif 1.07 of some Linux systems lacks letters such as «ễ», «ộ», and
//! LibreOffice then takes those from a wider font.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use cnscd::document::{Align, Appendix, Block, Cell, Document, Orientation, Paragraph, Run, Table};
use cnscd::export::example;

use crate::common::{Env, require_tool};

/// Output of a tool that must succeed.
fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `pdftotext -layout` of each page, in order.
fn pages_text(pdf: &Path) -> Vec<String> {
    let all = run(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    );
    let mut pages: Vec<String> = all.split('\u{c}').map(str::to_string).collect();
    // The text ends with a form feed: no page after it.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Copies a file to `$CNSCD_KEEP_RENDER`, when set, to look at (LibreOffice's with `lo-`).
fn keep(file: &Path) {
    if let Some(dir) = std::env::var_os("CNSCD_KEEP_RENDER") {
        let name = file.file_name().unwrap().to_string_lossy();
        let name = if file.parent().is_some_and(|p| p.ends_with("lo")) {
            format!("lo-{name}")
        } else {
            name.to_string()
        };
        std::fs::copy(file, Path::new(&dir).join(name)).unwrap();
    }
}

/// Page sizes in points from `pdfinfo`.
fn page_sizes(pdf: &Path) -> Vec<(f32, f32)> {
    run("pdfinfo", &["-l", "1000", pdf.to_str().unwrap()])
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let n: Vec<f32> = l
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (n[1], n[2])
        })
        .collect()
}

/// White space collapsed to single spaces (the columns of `-layout` are runs of spaces).
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Converts DOCX files to PDF with LibreOffice in one run, with the Times New Roman metrics of
/// an office PC (see the module comment); returns the PDFs in the same order.
fn soffice_to_pdf(docx: &[PathBuf], dir: &Path) -> Vec<PathBuf> {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let conf = dir.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n\
             <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n<dir>{}</dir>\n\
             <cachedir>{}</cachedir>\n</fontconfig>\n",
            fonts.display(),
            dir.join("fontconfig-cache").display()
        ),
    )
    .unwrap();
    let out_dir = dir.join("lo");
    let out = Command::new("soffice")
        .env("FONTCONFIG_FILE", &conf)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out_dir)
        .args(docx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    docx.iter()
        .map(|d| {
            let pdf = out_dir.join(d.with_extension("pdf").file_name().unwrap());
            assert!(pdf.exists(), "soffice wrote no {}", pdf.display());
            pdf
        })
        .collect()
}

/// `cnscd draft <args> -o <dir>/<name>.{pdf,docx,json}`: the drafted document and its two
/// renderings.
fn draft(env: &Env, args: &[&str], name: &str) -> (Document, PathBuf, PathBuf) {
    let mut outs = Vec::new();
    for ext in ["json", "pdf", "docx"] {
        let out = env.path(&format!("{name}.{ext}"));
        let mut a: Vec<&str> = vec!["draft"];
        a.extend(args);
        a.extend(["-o", out.to_str().unwrap()]);
        env.ok(&a);
        outs.push(out);
    }
    let doc: Document = serde_json::from_slice(&std::fs::read(&outs[0]).unwrap()).unwrap();
    (doc, outs[1].clone(), outs[2].clone())
}

/// The commune codes of the sample.
fn communes(env: &Env) -> Vec<String> {
    let units: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["list", "units", "--json"])).unwrap();
    units
        .iter()
        .filter(|u| u["level"] == "commune")
        .map(|u| u["code"].as_str().unwrap().to_string())
        .collect()
}

/// The roster tables of a decision's appendices: one per team.
fn rosters(doc: &Document) -> Vec<&Table> {
    doc.appendices
        .iter()
        .flat_map(|a| &a.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Each member row of a roster as the words a reader must find on one line, in order: name,
/// year of birth, gender, role in the team, then the phone number further along that line.
fn member_lines(t: &Table) -> Vec<(String, String)> {
    let head: Vec<&str> = t.header[0].iter().map(|c| c.text.as_str()).collect();
    let col = |label: &str| head.iter().position(|h| *h == label).unwrap();
    let (name, year, gender, role, phone) = (
        col("Họ và tên"),
        col("Năm sinh"),
        col("Giới tính"),
        col("Chức vụ trong Tổ"),
        col("Số điện thoại"),
    );
    t.rows
        .iter()
        .map(|r| {
            let start = [name, year, gender, role]
                .iter()
                .map(|&i| r[i].text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            (start, r[phone].text.clone())
        })
        .collect()
}

/// Every member's name, year, gender and role on one line, with the phone number, in `pdf`.
fn assert_one_line_each(pdf: &Path, tables: &[&Table]) {
    let lines: Vec<String> = pages_text(pdf)
        .iter()
        .flat_map(|p| p.lines().map(flat).collect::<Vec<_>>())
        .collect();
    // A name may repeat in a district: count each (line, phone) pair once.
    let mut wanted: HashMap<(String, String), usize> = HashMap::new();
    for t in tables {
        for key in member_lines(t) {
            *wanted.entry(key).or_default() += 1;
        }
    }
    for ((start, phone), n) in &wanted {
        let found = lines
            .iter()
            .filter(|l| l.contains(start.as_str()) && l.contains(phone.as_str()))
            .count();
        assert!(
            found >= *n,
            "{}: «{start} … {phone}» is not on one line ({found} of {n}); lines with the phone:\n{}",
            pdf.display(),
            lines
                .iter()
                .filter(|l| l.contains(phone.as_str()))
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn every_roster_of_the_district_keeps_names_and_roles_on_one_line() {
    if !require_tool("pdftotext") || !require_tool("soffice") {
        return;
    }
    let env = Env::new();
    env.ok(&["sample", "--scale", "district"]);
    let teams: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["list", "teams", "--json"])).unwrap();
    let mut drafted = Vec::new();
    for code in communes(&env) {
        let (doc, pdf, docx) = draft(&env, &["decision", "--unit", &code], &code);
        drafted.push((doc, pdf, docx));
    }
    // One roster appendix per team, every team of the district.
    let tables: usize = drafted.iter().map(|(d, _, _)| rosters(d).len()).sum();
    assert_eq!(tables, teams.len());
    let docx: Vec<PathBuf> = drafted.iter().map(|(_, _, d)| d.clone()).collect();
    let converted = soffice_to_pdf(&docx, env.dir.path());
    for ((doc, pdf, _), lo) in drafted.iter().zip(&converted) {
        let tables = rosters(doc);
        assert_one_line_each(pdf, &tables);
        assert_one_line_each(lo, &tables);
    }
}

/// The paragraphs a reader takes for headings: every run bold (titles of sections and items,
/// `QUYẾT ĐỊNH:`), in the body and the appendices.
fn headings(doc: &Document) -> Vec<String> {
    doc.body
        .iter()
        .chain(doc.appendices.iter().flat_map(|a| &a.blocks))
        .filter_map(|b| match b {
            Block::Paragraph(p)
                if p.runs.iter().any(|r| !r.text.trim().is_empty())
                    && p.runs
                        .iter()
                        .filter(|r| !r.text.trim().is_empty())
                        .all(|r| r.bold) =>
            {
                Some(flat(
                    &p.runs.iter().map(|r| r.text.as_str()).collect::<String>(),
                ))
            }
            _ => None,
        })
        .collect()
}

/// The pages of `pdf` whose last line is (the end of) one of `headings`.
fn headings_at_a_foot(pdf: &Path, headings: &[String]) -> Vec<(usize, String)> {
    let pages = pages_text(pdf);
    let mut found = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let Some(last) = page.lines().map(flat).rfind(|l| !l.is_empty()) else {
            continue;
        };
        let is_heading = headings
            .iter()
            .any(|h| *h == last || last.chars().count() > 12 && h.ends_with(&last));
        if is_heading {
            found.push((i + 1, last));
        }
    }
    found
}

#[test]
fn no_heading_stands_alone_at_the_foot_of_a_page() {
    if !require_tool("pdftotext") || !require_tool("soffice") {
        return;
    }
    let env = Env::new();
    env.ok(&["sample", "--scale", "district"]);
    let cases: [(&[&str], &str); 4] = [
        (
            &["report", "--unit", "497", "--period", "2025-Q1"],
            "report",
        ),
        (
            &["plan", "--unit", "497.003", "--year", "2025"],
            "plan-commune",
        ),
        (
            &["plan", "--unit", "497", "--year", "2025"],
            "plan-district",
        ),
        (&["decision", "--unit", "497.001"], "decision"),
    ];
    let mut drafted = Vec::new();
    for (args, name) in cases {
        drafted.push(draft(&env, args, name));
    }
    let docx: Vec<PathBuf> = drafted.iter().map(|(_, _, d)| d.clone()).collect();
    let converted = soffice_to_pdf(&docx, env.dir.path());
    let mut long = 0;
    for ((doc, pdf, _), lo) in drafted.iter().zip(&converted) {
        let heads = headings(doc);
        assert!(!heads.is_empty(), "{} has no headings", pdf.display());
        if pages_text(pdf).len() >= 3 {
            long += 1;
        }
        for file in [pdf, lo] {
            let at_foot = headings_at_a_foot(file, &heads);
            assert!(
                at_foot.is_empty(),
                "{}: headings at the foot of pages {at_foot:?}",
                file.display()
            );
        }
    }
    assert!(long >= 3, "the check needs long documents");
}

/// The value of attribute `name` in the first tag of `xml` that starts with `tag`.
fn attr_of(xml: &str, tag: &str, name: &str) -> Option<String> {
    let start = xml.find(tag)?;
    let end = xml[start..].find('>')? + start;
    let t = &xml[start..end];
    let a = t.find(&format!("{name}=\""))? + name.len() + 2;
    let b = t[a..].find('"')? + a;
    Some(t[a..b].to_string())
}

/// The chunks of `xml` between `open` and `close` (not nested).
fn chunks<'a>(xml: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(a) = rest.find(open) {
        let Some(b) = rest[a..].find(close) else {
            break;
        };
        out.push(&rest[a..a + b + close.len()]);
        rest = &rest[a + b + close.len()..];
    }
    out
}

#[test]
fn the_docx_tables_carry_a_fixed_grid_that_adds_up() {
    if !require_tool("unzip") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = example::decision(30, false);
    let file = dir.path().join("qd.docx");
    std::fs::write(&file, cnscd::export::docx::render_docx(&doc).unwrap()).unwrap();
    let xml = run(
        "unzip",
        &["-p", file.to_str().unwrap(), "word/document.xml"],
    );
    let tables = chunks(&xml, "<w:tbl>", "</w:tbl>");
    // The header, the signature block and the roster.
    assert_eq!(tables.len(), 3);
    for t in &tables {
        assert!(t.contains(r#"<w:tblLayout w:type="fixed""#), "{t:.300}");
        let total: i64 = attr_of(t, "<w:tblW ", "w:w").unwrap().parse().unwrap();
        assert_eq!(attr_of(t, "<w:tblW ", "w:type").as_deref(), Some("dxa"));
        let grid: Vec<i64> = chunks(t, "<w:gridCol ", "/>")
            .iter()
            .map(|g| attr_of(g, "<w:gridCol ", "w:w").unwrap().parse().unwrap())
            .collect();
        assert_eq!(grid.iter().sum::<i64>(), total, "grid {grid:?}");
        for row in chunks(t, "<w:tr>", "</w:tr>") {
            let mut col = 0;
            for cell in chunks(row, "<w:tc>", "</w:tc>") {
                let span: usize =
                    attr_of(cell, "<w:gridSpan ", "w:val").map_or(1, |v| v.parse().unwrap());
                let w: i64 = attr_of(cell, "<w:tcW ", "w:w").unwrap().parse().unwrap();
                assert_eq!(attr_of(cell, "<w:tcW ", "w:type").as_deref(), Some("dxa"));
                assert_eq!(w, grid[col..col + span].iter().sum::<i64>(), "{cell:.200}");
                col += span;
            }
            assert_eq!(col, grid.len());
        }
    }
    // The roster: each column as wide as its content asks (no «ST T»), cell margins set, the
    // header row repeated on each page, no row split across pages.
    let roster = tables[2];
    let grid: Vec<i64> = chunks(roster, "<w:gridCol ", "/>")
        .iter()
        .map(|g| attr_of(g, "<w:gridCol ", "w:w").unwrap().parse().unwrap())
        .collect();
    assert_eq!(grid.len(), 5);
    // «STT» in bold 13 pt is about 25 pt = 500 twips; with 3 pt margins each side.
    assert!(grid[0] >= 600, "{grid:?}");
    // The name column holds «Nguyễn Văn An» … on one line; the position column is the widest.
    assert!(grid[3] == *grid.iter().max().unwrap(), "{grid:?}");
    assert!(roster.contains("<w:tblCellMar>"));
    let rows = chunks(roster, "<w:tr>", "</w:tr>");
    assert_eq!(rows.len(), 31);
    assert!(rows[0].contains("<w:tblHeader"));
    assert!(rows[1..].iter().all(|r| !r.contains("<w:tblHeader")));
    assert!(rows.iter().all(|r| r.contains("<w:cantSplit")));
    // Headings and titles keep with the next paragraph.
    for p in chunks(&xml, "<w:p ", "</w:p>") {
        if p.contains(">QUYẾT ĐỊNH:<") || p.contains(">Phụ lục I<") || p.contains(">QUYẾT ĐỊNH<")
        {
            assert!(p.contains("<w:keepNext"), "{p}");
        }
    }
}

/// A roster whose columns cannot all keep one line on a portrait page.
fn wide_roster() -> Table {
    let mut t = example::roster(12);
    t.header[0].push(Cell {
        bold: true,
        align: Align::Center,
        ..Cell::new("Ghi chú")
    });
    t.widths.push(20.0);
    for (i, row) in t.rows.iter_mut().enumerate() {
        row.push(Cell::new(format!("Đã tập huấn năm {}", 2020 + i % 5)));
        row[1] = Cell::new(format!("Tôn Nữ {}", example::member_name(i)));
    }
    t
}

#[test]
fn a_roster_too_wide_for_portrait_is_set_in_landscape_in_both() {
    if !require_tool("pdfinfo") || !require_tool("soffice") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut doc = example::decision(3, false);
    doc.appendices[0].blocks = vec![Block::Table(wide_roster())];
    assert_eq!(doc.appendices[0].orientation, Orientation::Portrait);
    // A second appendix with the ordinary roster stays portrait.
    doc.appendices.push(Appendix {
        label: "Phụ lục II".into(),
        ..doc.appendices[0].clone()
    });
    doc.appendices[1].blocks = vec![Block::Table(example::roster(5))];
    let pdf = dir.path().join("wide.pdf");
    std::fs::write(&pdf, cnscd::export::pdf::render_pdf(&doc).unwrap().bytes).unwrap();
    let docx = dir.path().join("wide.docx");
    std::fs::write(&docx, cnscd::export::docx::render_docx(&doc).unwrap()).unwrap();
    let lo = soffice_to_pdf(&[docx], dir.path()).remove(0);
    for file in [&pdf, &lo] {
        keep(file);
        let pages = pages_text(file);
        let sizes = page_sizes(file);
        let start = |label: &str| {
            pages
                .iter()
                .position(|p| p.lines().any(|l| l.trim() == label))
                .unwrap()
        };
        let (one, two) = (start("Phụ lục I"), start("Phụ lục II"));
        assert!(sizes[0].0 < sizes[0].1, "the decision is portrait");
        for (i, (w, h)) in sizes.iter().enumerate() {
            if (one..two).contains(&i) {
                assert!(
                    w > h,
                    "{}: page {} of Phụ lục I portrait",
                    file.display(),
                    i + 1
                );
            } else if i >= two {
                assert!(
                    w < h,
                    "{}: page {} of Phụ lục II landscape",
                    file.display(),
                    i + 1
                );
            }
        }
        // And in landscape every name, role and note keeps its line.
        let text: Vec<String> = pages[one..two]
            .iter()
            .flat_map(|p| p.lines().map(flat).collect::<Vec<_>>())
            .collect();
        let Block::Table(t) = &doc.appendices[0].blocks[0] else {
            unreachable!()
        };
        for row in &t.rows {
            let want = format!("{} {}", row[1].text, row[2].text);
            assert!(
                text.iter()
                    .any(|l| l.contains(&want) && l.contains(&row[5].text)),
                "{}: «{want}» … «{}» not on one line",
                file.display(),
                row[5].text
            );
        }
    }
}

/// Body paragraphs of every length from 8 to 60 words: greedy breaking leaves some of them with
/// one word on their last line.
fn prose_document() -> Document {
    const WORDS: &[&str] = &[
        "Tổ", "Công", "nghệ", "số", "cộng", "đồng", "hướng", "dẫn", "người", "dân", "cài", "đặt",
        "và", "sử", "dụng", "dịch", "vụ", "công", "trực", "tuyến", "thanh", "toán", "không",
        "dùng", "tiền", "mặt", "trên", "địa", "bàn", "thôn",
    ];
    let mut doc = example::decision(3, false);
    doc.appendices.clear();
    doc.body = (8..60)
        .map(|n| {
            let text: Vec<&str> = (0..n).map(|i| WORDS[(i * 7 + n) % WORDS.len()]).collect();
            Block::Paragraph(Paragraph {
                runs: vec![Run::plain(format!("{}.", text.join(" ")))],
                align: Align::Justify,
                indent: true,
                size: 14.0,
                space_before: 6.0,
            })
        })
        .collect();
    doc
}

/// Lines of text on each page from `pdftotext -bbox`: (page, baseline y, words), top to bottom.
fn bbox_lines(pdf: &Path) -> Vec<(usize, f32, Vec<String>)> {
    let html = run(
        "pdftotext",
        &["-bbox", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    );
    let mut lines: Vec<(usize, f32, Vec<String>)> = Vec::new();
    let mut page = 0;
    for l in html.lines().map(str::trim) {
        if l.starts_with("<page ") {
            page += 1;
        } else if l.starts_with("<word ") {
            let y: f32 = attr_of(l, "<word ", "yMax").unwrap().parse().unwrap();
            let text = l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_string();
            match lines.last_mut() {
                Some((p, ly, words)) if *p == page && (*ly - y).abs() < 2.0 => words.push(text),
                _ => lines.push((page, y, vec![text])),
            }
        }
    }
    lines
}

#[test]
fn no_paragraph_ends_with_one_word_alone() {
    if !require_tool("pdftotext") || !require_tool("soffice") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = prose_document();
    let pdf = dir.path().join("prose.pdf");
    std::fs::write(&pdf, cnscd::export::pdf::render_pdf(&doc).unwrap().bytes).unwrap();
    let docx = dir.path().join("prose.docx");
    std::fs::write(&docx, cnscd::export::docx::render_docx(&doc).unwrap()).unwrap();
    let lo = soffice_to_pdf(&[docx], dir.path()).remove(0);
    for file in [&pdf, &lo] {
        keep(file);
        // Each paragraph ends with «.»: its last line is the line holding that word.
        let lines = bbox_lines(file);
        let mut ends = 0;
        for (i, (page, _, words)) in lines.iter().enumerate() {
            let ends_paragraph = words.last().is_some_and(|w| w.ends_with('.'));
            let continues = i > 0 && {
                let (p, _, above) = &lines[i - 1];
                p == page && !above.last().is_some_and(|w| w.ends_with('.'))
            };
            if ends_paragraph && continues {
                ends += 1;
                assert!(
                    words.len() >= 2,
                    "{}: page {page}: a paragraph ends with «{}» alone",
                    file.display(),
                    words.join(" ")
                );
            }
        }
        assert!(ends >= 40, "{}: {ends} paragraph ends seen", file.display());
    }
}

#[test]
fn a_unit_of_measure_in_a_table_header_is_not_broken_in_two() {
    if !require_tool("pdftotext") || !require_tool("soffice") || !require_tool("unzip") {
        return;
    }
    let env = Env::new();
    env.ok(&["sample", "--scale", "district"]);
    let (_, pdf, docx) = draft(
        &env,
        &["report", "--unit", "497", "--period", "2025-Q1"],
        "report",
    );
    // The table by unit: fourteen indicators on a landscape page, each header ending with its
    // unit; «(lượt người)» (two of them) keeps its line in the PDF and in LibreOffice.
    let lo = soffice_to_pdf(std::slice::from_ref(&docx), env.dir.path());
    for file in [&pdf, &lo[0]] {
        let text = pages_text(file).join("\n").replace('\u{a0}', " ");
        let start = text.find("THEO ĐƠN VỊ").expect("the table by unit");
        let table = &text[start..];
        let table = &table[..table.find("Tổng cộng").expect("its total row")];
        assert_eq!(
            table.matches("(lượt người)").count(),
            2,
            "{}:\n{table}",
            file.display()
        );
        // No unit is cut inside a word to make room.
        for (start, word) in [
            ("(sả", "(sản"),
            ("(tà", "(tài"),
            ("(lượ", "(lượt"),
            ("(ngư", "(người"),
        ] {
            assert_eq!(
                table.matches(start).count(),
                table.matches(word).count(),
                "{word} cut in {}:\n{table}",
                file.display()
            );
        }
    }
    let xml = run(
        "unzip",
        &["-p", docx.to_str().unwrap(), "word/document.xml"],
    );
    assert!(xml.contains("(lượt\u{a0}người)"));
}
