//! One draft, one register entry: a report drafted to PDF with the clerk's section texts and
//! exported again as DOCX (`cnscd export document --id`) is one entry with two files; issuing it
//! writes the same number and date into both, and the section texts kept with the draft are in
//! both. The window's side is in `window_files`.

use std::path::Path;
use std::process::Command;

use crate::common::{Env, require_tool};

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Every paragraph text of a .docx (body and tables), read back with python-docx; the issuing
/// and window tests read their .docx files with it too.
pub fn docx_text(path: &Path) -> String {
    let script = concat!(
        "import sys, docx\n",
        "d = docx.Document(sys.argv[1])\n",
        "ns = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'\n",
        "for p in d.element.body.iter(ns + 'p'):\n",
        "    print(''.join(t.text or '' for t in p.iter(ns + 't')))\n",
    );
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Every non-empty cell of the first sheet, as text.
pub fn xlsx_cells(path: &Path) -> Vec<String> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).expect("xlsx");
    let range = wb
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    range
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .filter(|c| !c.is_empty())
        .collect()
}

fn register(env: &Env) -> Vec<serde_json::Value> {
    serde_json::from_str(&env.ok(&["list", "documents", "--json"])).expect("json")
}

#[test]
fn a_report_as_pdf_and_docx_is_one_entry_numbered_once_with_the_clerks_sections() {
    if !require_tool("pdftotext") || !require_tool("python3") {
        return;
    }
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let sections = env.path("muc.md");
    let written = "Văn thư viết: Tổ đã hướng dẫn 120 hộ cài đặt VNeID mức 2.";
    std::fs::write(&sections, format!("## III. TỒN TẠI, HẠN CHẾ\n{written}\n")).unwrap();
    let pdf = env.path("bao-cao.pdf");
    let out = env.ok(&[
        "draft",
        "report",
        "--unit",
        "Hòa Bắc",
        "--period",
        "2025-Q1",
        "--sections",
        sections.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let id: i64 = out
        .rsplit("dự thảo số ")
        .next()
        .unwrap()
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap();
    // The sections file is gone by now: the DOCX comes from what the register kept.
    std::fs::remove_file(&sections).unwrap();
    let docx = env.path("bao-cao.docx");
    env.ok(&[
        "export",
        "document",
        "--id",
        &id.to_string(),
        "-o",
        docx.to_str().unwrap(),
    ]);
    let rows = register(&env);
    assert_eq!(rows.len(), 1, "one entry for both files: {rows:?}");
    let files: Vec<&str> = rows[0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(files, vec![pdf.to_str().unwrap(), docx.to_str().unwrap()]);
    assert!(flat(&docx_text(&docx)).contains(written));
    // The clerk's sections are kept with the entry.
    let store = env.store();
    let kept = cnscd::store::documents::sections(store.conn(), id)
        .unwrap()
        .unwrap();
    assert!(kept.contains(written), "{kept}");
    drop(store);

    env.ok(&[
        "issue",
        &id.to_string(),
        "--number",
        "38",
        "--date",
        "15/03/2025",
    ]);
    let p = flat(&pdf_text(&pdf));
    let d = flat(&docx_text(&docx));
    for (name, text) in [("pdf", &p), ("docx", &d)] {
        assert!(text.contains("Số: 38/BC-UBND"), "{name}: {text}");
        assert!(text.contains("ngày 15 tháng 3 năm 2025"), "{name}: {text}");
        assert!(text.contains(written), "{name}: {text}");
    }
    let rows = register(&env);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["number"], 38);
    // The next document takes 39: the DOCX did not spend a number of its own.
    let other = env.path("bao-cao-2.pdf");
    let out = env.ok(&[
        "draft",
        "report",
        "--unit",
        "Hòa Bắc",
        "--period",
        "2025-Q2",
        "-o",
        other.to_str().unwrap(),
    ]);
    let id2 = out
        .rsplit("dự thảo số ")
        .next()
        .unwrap()
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .to_string();
    env.ok(&["issue", &id2, "--date", "20/03/2025"]);
    assert!(flat(&pdf_text(&other)).contains("Số: 39/BC-UBND"));
    // An entry exported again after issuing carries its number.
    let again = env.path("bao-cao-ban-hanh.docx");
    env.ok(&[
        "export",
        "document",
        "--id",
        &id.to_string(),
        "-o",
        again.to_str().unwrap(),
    ]);
    assert!(flat(&docx_text(&again)).contains("Số: 38/BC-UBND"));
    // The sổ đăng ký văn bản đi of 2025: the two reports, numbers 38 and 39, one row each.
    let book = env.path("so.xlsx");
    env.ok(&[
        "export",
        "register",
        "--period",
        "2025",
        "-o",
        book.to_str().unwrap(),
    ]);
    let cells = xlsx_cells(&book);
    assert!(cells.iter().any(|c| c == "38/BC-UBND"), "{cells:?}");
    assert!(cells.iter().any(|c| c == "39/BC-UBND"), "{cells:?}");
    let rows = cells.iter().filter(|c| c.ends_with("/BC-UBND")).count();
    assert_eq!(rows, 2, "one row per entry, not per file: {cells:?}");
    // Without --id: wrong usage of the data, said.
    let r = env.run(&["export", "document", "-o", again.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("--id"));
}
