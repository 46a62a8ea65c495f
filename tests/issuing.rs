//! Issuing with the office's own number and date, on the command line: into the PDF the
//! program exported, and into a .docx the clerk edited beforehand (with python-docx: a paragraph
//! added), whose edit survives; a number already used is refused, and so is a PDF changed since
//! it was drafted.

use std::path::Path;
use std::process::Command;

use crate::common::{Env, require_tool};

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The commune sample and the decision of thôn Nam Yên drafted to `file`; its register id.
fn drafted(env: &Env, file: &Path) -> i64 {
    let out = env.ok(&[
        "draft",
        "decision",
        "--unit",
        "Nam Yên",
        "-o",
        file.to_str().expect("path"),
    ]);
    let tail = out.rsplit("dự thảo số ").next().expect("register id");
    tail.trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .expect("id")
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Every text of a .docx (body and tables), read back with python-docx.
fn docx_text(path: &Path) -> String {
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

#[test]
fn issuing_with_number_38_and_a_date_writes_them_into_the_pdf_and_an_edited_docx() {
    if !require_tool("pdftotext") || !require_tool("python3") {
        return;
    }
    // The PDF the program exported.
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let pdf = env.path("qd.pdf");
    let id = drafted(&env, &pdf);
    env.ok(&[
        "issue",
        &id.to_string(),
        "--number",
        "38",
        "--date",
        "15/03/2024",
    ]);
    let text = flat(&pdf_text(&pdf));
    assert!(text.contains("Số: 38/QĐ-UBND"), "{text}");
    assert!(text.contains("ngày 15 tháng 3 năm 2024"), "{text}");
    // The next number follows the clerk's.
    let next = env.path("qd2.pdf");
    let id2 = drafted(&env, &next);
    // 38 is used in 2024: refused, and nothing changes.
    let refused = env.run(&[
        "issue",
        &id2.to_string(),
        "--number",
        "38",
        "--date",
        "20/03/2024",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&refused.stderr);
    assert!(msg.contains("38") && msg.contains("đã cấp"), "{msg}");
    // A PDF changed since it was drafted is refused with the reason.
    let mut bytes = std::fs::read(&next).expect("pdf");
    bytes.extend_from_slice(b"\n% sua tay\n");
    let changed = env.path("qd2-sua.pdf");
    std::fs::write(&changed, &bytes).expect("write");
    let refused = env.run(&[
        "issue",
        &id2.to_string(),
        "--file",
        changed.to_str().expect("path"),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&refused.stderr);
    assert!(msg.contains("khác bản chương trình đã xuất"), "{msg}");
    env.ok(&["issue", &id2.to_string(), "--date", "20/03/2024"]);
    assert!(flat(&pdf_text(&next)).contains("Số: 39/QĐ-UBND"));

    // A .docx edited with python-docx before issuing.
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let docx = env.path("qd.docx");
    let id = drafted(&env, &docx);
    let added = "Đoạn văn thư thêm bằng Word trước khi trình ký.";
    let edit = Command::new("python3")
        .args([
            "-c",
            "import sys, docx\nd = docx.Document(sys.argv[1])\nd.add_paragraph(sys.argv[2])\nd.save(sys.argv[1])\n",
        ])
        .arg(&docx)
        .arg(added)
        .output()
        .expect("python3");
    assert!(
        edit.status.success(),
        "{}",
        String::from_utf8_lossy(&edit.stderr)
    );
    env.ok(&[
        "issue",
        &id.to_string(),
        "--number",
        "38",
        "--date",
        "15/03/2024",
        "--file",
        docx.to_str().expect("path"),
    ]);
    let text = docx_text(&docx);
    assert!(text.contains("Số: 38/QĐ-UBND"), "{text}");
    assert!(text.contains("ngày 15 tháng 3 năm 2024"), "{text}");
    assert!(text.contains(added), "the clerk's edit is lost:\n{text}");
    assert!(!text.contains("Số:       /QĐ-UBND"), "{text}");
    // The register shows it issued with 38.
    let list = env.ok(&["list", "documents", "--json"]);
    assert!(
        list.contains("\"number\": 38") || list.contains("\"number\":38"),
        "{list}"
    );
}
