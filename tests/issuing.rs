//! Issuing with the office's own number and date, on the command line: into the PDF the
//! program exported, and into a .docx the clerk edited beforehand (with python-docx: a paragraph
//! added), whose edit survives; a number already used is refused, and so is a PDF changed since
//! it was drafted.

use std::path::Path;
use std::process::Command;

use crate::common::{Env, require_tool};
use crate::entry_files::docx_text;

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

/// The register read back as JSON: (kind, number, date, status, reason) of each numbered entry.
fn numbered(env: &Env) -> Vec<(String, u64, String, String, String)> {
    let list = env.ok(&["list", "documents", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&list).expect("json");
    rows.as_array()
        .expect("array")
        .iter()
        .filter(|r| !r["number"].is_null())
        .map(|r| {
            (
                r["kind"].as_str().unwrap_or("").to_string(),
                r["number"].as_u64().expect("number"),
                r["date"].as_str().unwrap_or("").to_string(),
                r["status"].as_str().unwrap_or("").to_string(),
                r["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_year_started_at_38_with_numbers_reserved_and_voided_skips_them() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    // The office issued 37 documents in 2024 before using the program.
    env.ok(&[
        "number", "start", "--kind", "decision", "--year", "2024", "--next", "38",
    ]);
    // 38 held for a decision signed on paper; 39 reserved, then voided.
    env.ok(&[
        "number",
        "reserve",
        "--kind",
        "decision",
        "--reason",
        "Quyết định khen thưởng ký trên giấy",
        "--date",
        "10/03/2024",
    ]);
    env.ok(&[
        "number",
        "reserve",
        "--kind",
        "decision",
        "--number",
        "39",
        "--reason",
        "Dự phòng",
        "--date",
        "11/03/2024",
    ]);
    env.ok(&[
        "number",
        "void",
        "--kind",
        "decision",
        "--number",
        "39",
        "--year",
        "2024",
        "--reason",
        "Giữ nhầm",
    ]);
    assert_eq!(
        numbered(&env),
        vec![
            (
                "decision-establish".into(),
                38,
                "2024-03-10".into(),
                "reserved".into(),
                "Quyết định khen thưởng ký trên giấy".into()
            ),
            (
                "decision-establish".into(),
                39,
                "2024-03-11".into(),
                "voided".into(),
                "Giữ nhầm".into()
            ),
        ]
    );
    // A reserved or voided number typed by hand at issue is refused, naming why.
    let pdf = env.path("qd.pdf");
    let id = drafted(&env, &pdf);
    for (n, why) in [("38", "đang được giữ"), ("39", "đã hủy")] {
        let refused = env.run(&[
            "issue",
            &id.to_string(),
            "--number",
            n,
            "--date",
            "20/03/2024",
        ]);
        assert_eq!(refused.status.code(), Some(1), "{n}");
        let msg = String::from_utf8_lossy(&refused.stderr);
        assert!(msg.contains(why), "{n}: {msg}");
    }
    // Reserving 38 again is refused too; a reason is required.
    let again = env.run(&[
        "number",
        "reserve",
        "--kind",
        "decision",
        "--number",
        "38",
        "--reason",
        "x",
        "--date",
        "12/03/2024",
    ]);
    assert_eq!(again.status.code(), Some(1));
    let empty = env.run(&[
        "number",
        "reserve",
        "--kind",
        "decision",
        "--reason",
        " ",
        "--date",
        "12/03/2024",
    ]);
    assert_eq!(empty.status.code(), Some(1));
    // The year cannot start again below what is used.
    let back = env.run(&[
        "number", "start", "--kind", "decision", "--year", "2024", "--next", "10",
    ]);
    assert_eq!(back.status.code(), Some(1));
    // The next issue skips both.
    env.ok(&["issue", &id.to_string(), "--date", "20/03/2024"]);
    assert!(flat(&pdf_text(&pdf)).contains("Số: 40/QĐ-UBND"));
    // An issued number voided stays in the register, by its register id.
    env.ok(&[
        "number",
        "void",
        "--id",
        &id.to_string(),
        "--reason",
        "Ban hành nhầm",
    ]);
    let rows = numbered(&env);
    assert_eq!(
        rows.last().map(|r| (r.1, r.3.as_str(), r.4.as_str())),
        Some((40, "voided", "Ban hành nhầm"))
    );
    // The next document gets 41, never 40 again.
    let pdf2 = env.path("qd2.pdf");
    let id2 = drafted(&env, &pdf2);
    env.ok(&["issue", &id2.to_string(), "--date", "21/03/2024"]);
    assert!(flat(&pdf_text(&pdf2)).contains("Số: 41/QĐ-UBND"));
    // The sổ đăng ký văn bản đi lists each number with its reason in «Ghi chú».
    if !require_tool("python3") {
        return;
    }
    let book = env.path("so.xlsx");
    env.ok(&["export", "register", "-o", book.to_str().expect("path")]);
    let read = Command::new("python3")
        .args([
            "-c",
            "import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1]).active\nfor r in ws.iter_rows(min_row=2, values_only=True):\n    print(r[0], '|', r[7])\n",
        ])
        .arg(&book)
        .output()
        .expect("python3");
    let rows = String::from_utf8_lossy(&read.stdout);
    let rows: Vec<&str> = rows.lines().collect();
    assert_eq!(
        rows,
        vec![
            "38/QĐ-UBND | Giữ số: Quyết định khen thưởng ký trên giấy",
            "39/QĐ-UBND | Giữ số: Dự phòng; hủy số: Giữ nhầm",
            "40/QĐ-UBND | Hủy số: Ban hành nhầm",
            "41/QĐ-UBND | None",
        ],
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    // The same sổ printed: A4 landscape under the office's name, the same four rows in number
    // order with their notes.
    let printed = env.path("so.pdf");
    let said = env.ok(&["export", "register", "-o", printed.to_str().expect("path")]);
    assert!(said.contains("Đã xuất 4 văn bản"), "{said}");
    let info = Command::new("pdfinfo")
        .arg(&printed)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("841.89 x 595.276"), "A4 landscape: {info}");
    let text = flat(&pdf_text(&printed));
    assert!(text.contains("SỔ ĐĂNG KÝ VĂN BẢN ĐI"), "{text}");
    assert!(
        text.contains("Tên loại và trích yếu nội dung văn bản"),
        "{text}"
    );
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s} missing: {text}"))
    };
    assert!(at("38/QĐ-UBND") < at("39/QĐ-UBND") && at("40/QĐ-UBND") < at("41/QĐ-UBND"));
    assert!(text.contains("Hủy số: Ban hành nhầm"), "{text}");
    assert!(
        !text.contains("Số:"),
        "a register has no number line: {text}"
    );
}
