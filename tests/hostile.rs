//! Hostile and oversized input through the command line: control and bidi characters are
//! stripped with a notice (and the DOCX stays well-formed XML), an oversized cell, file and
//! row count are refused with the reason and the database unchanged, a million bad rows give a
//! summary rather than a million lines.

use std::path::Path;
use std::process::Command;

use crate::common::{Env, require_tool};

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A commune sample and its roster exported as .csv (`;`-separated lines).
fn sample_csv() -> (Env, std::path::PathBuf, Vec<String>) {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let csv = env.path("ds.csv");
    env.ok(&["export", "roster", "-o", path_str(&csv)]);
    let text = std::fs::read_to_string(&csv).expect("csv");
    let lines = text.lines().map(str::to_string).collect();
    (env, csv, lines)
}

/// The column of `label` in the header line of an exported roster, and its delimiter.
fn column(lines: &[String], label: &str) -> (usize, char) {
    let header_at = lines
        .iter()
        .position(|l| l.contains("Họ và tên"))
        .expect("header");
    let d = if lines[header_at].contains(';') {
        ';'
    } else {
        ','
    };
    let i = lines[header_at]
        .split(d)
        .position(|c| c.trim_matches('"') == label)
        .expect("column");
    (i, d)
}

fn set_cell(line: &str, i: usize, d: char, value: &str) -> String {
    let mut cells: Vec<String> = line.split(d).map(str::to_string).collect();
    cells[i] = value.to_string();
    cells.join(&d.to_string())
}

#[test]
fn control_and_bidi_characters_are_stripped_with_a_notice_and_the_docx_is_well_formed() {
    let (env, csv, mut lines) = sample_csv();
    let (name, d) = column(&lines, "Họ và tên");
    let row = lines.len() - 1;
    lines[row] = set_cell(&lines[row], name, d, "Nguy\u{0}ễn\u{202E} Thị\u{7} Hoa");
    std::fs::write(&csv, lines.join("\r\n")).expect("write");
    let out = env.ok(&["import", "roster", path_str(&csv)]);
    assert!(out.contains("ký tự điều khiển"), "{out}");
    assert!(out.contains("đổi chiều văn bản"), "{out}");
    let store = env.store();
    let names: Vec<String> = cnscd::store::members::active(store.conn(), None)
        .expect("members")
        .into_iter()
        .map(|m| m.full_name)
        .collect();
    assert!(names.iter().any(|n| n == "Nguyễn Thị Hoa"), "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| !n.chars().any(|c| c.is_control() || c == '\u{202E}'))
    );
    drop(store);
    // The roster as DOCX is well-formed XML.
    if !require_tool("python3") {
        return;
    }
    let docx = env.path("ds.docx");
    env.ok(&["export", "roster", "-o", path_str(&docx)]);
    let check = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile, xml.dom.minidom as m; \
             z = zipfile.ZipFile(sys.argv[1]); \
             [m.parseString(z.read(n)) for n in z.namelist() if n.endswith('.xml')]; \
             print('ok')",
            path_str(&docx),
        ])
        .output()
        .expect("python");
    assert!(check.status.success(), "{}", text(&check));
}

#[test]
fn an_oversized_cell_is_refused_and_the_database_is_unchanged() {
    let (env, csv, mut lines) = sample_csv();
    let sum = env.store().checksum().expect("sum");
    let (name, d) = column(&lines, "Họ và tên");
    // 4 MB in one cell (the limit logic is the same for 400 MB; a test spares the memory).
    let huge = "A".repeat(4 << 20);
    let row = lines.len() - 1;
    lines[row] = set_cell(&lines[row], name, d, &huge);
    std::fs::write(&csv, lines.join("\r\n")).expect("write");
    let out = env.run(&["import", "roster", path_str(&csv)]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(
        said.contains("quá giới hạn 200 ký tự của họ và tên"),
        "{said}"
    );
    assert!(said.len() < 4096, "the refusal does not repeat the cell");
    assert_eq!(env.store().checksum().expect("sum"), sum);
}

#[test]
fn a_gigabyte_csv_is_refused_before_it_is_read() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let sum = env.store().checksum().expect("sum");
    let big = env.path("lon.csv");
    // Sparse: 1 GB long, nothing written to disk.
    std::fs::File::create(&big)
        .expect("create")
        .set_len(1 << 30)
        .expect("sparse");
    let out = env.run(&["import", "roster", path_str(&big)]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(said.contains("lon.csv"), "{said}");
    assert!(said.contains("quá giới hạn"), "{said}");
    assert_eq!(env.store().checksum().expect("sum"), sum);
}

#[test]
fn too_many_rows_and_many_bad_rows_are_summarised() {
    let (env, csv, mut lines) = sample_csv();
    let sum = env.store().checksum().expect("sum");
    let (year, d) = column(&lines, "Năm sinh");
    let template = lines.last().expect("row").clone();
    // 20.000 rows with a bad year of birth.
    for _ in 0..20_000 {
        lines.push(set_cell(&template, year, d, "1700"));
    }
    std::fs::write(&csv, lines.join("\r\n")).expect("write");
    let out = env.run(&["import", "roster", path_str(&csv)]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(said.contains("lỗi nữa không liệt kê"), "{}", &said[..2000]);
    assert!(
        said.contains("cột «Năm sinh»: 20.000 lỗi") || said.contains("cột «Năm sinh»: 20000 lỗi"),
        "{}",
        &said[said.len() - 1000..]
    );
    assert!(said.lines().count() < 300, "{} lines", said.lines().count());
    assert_eq!(env.store().checksum().expect("sum"), sum);
    // The rows-per-file limit, lowered by the test hook rather than writing millions of rows.
    let out = Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("--data-dir")
        .arg(env.data())
        .args(["import", "roster", path_str(&csv)])
        .env("CNSCD_TEST_MAX_ROWS", "50")
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(text(&out).contains("tệp có hơn 50 dòng"), "{}", text(&out));
    assert_eq!(env.store().checksum().expect("sum"), sum);
}

#[test]
fn csv_export_neutralises_formula_leading_names() {
    let (env, csv, mut lines) = sample_csv();
    let (name, d) = column(&lines, "Họ và tên");
    let row = lines.len() - 1;
    lines[row] = set_cell(&lines[row], name, d, "=HYPERLINK(\"http://x\")");
    std::fs::write(&csv, lines.join("\r\n")).expect("write");
    env.ok(&["import", "roster", path_str(&csv)]);
    let out = env.path("ra.csv");
    env.ok(&["export", "roster", "-o", path_str(&out)]);
    let exported = std::fs::read_to_string(&out).expect("csv");
    assert!(exported.contains("'=HYPERLINK"), "guarded");
    assert!(
        !exported
            .split(['\n', ';', ','])
            .any(|c| c.trim_matches('"').starts_with('=')),
        "no cell starts with ="
    );
}

#[test]
fn excel_error_cells_are_reported_not_blanked() {
    if !require_tool("python3") {
        return;
    }
    let (env, csv, _) = sample_csv();
    let sum = env.store().checksum().expect("sum");
    // The exported roster as .xlsx with #REF! in a phone cell and #N/A in a year, written by
    // openpyxl as error values (as Excel saves a formula whose reference was deleted).
    let xlsx = env.path("loi.xlsx");
    let made = Command::new("python3")
        .args([
            "-c",
            "import sys, csv, openpyxl\n\
             t = open(sys.argv[1], encoding='utf-8-sig').read()\n\
             d = ';' if t.count(';') > t.count(',') else ','\n\
             rows = list(csv.reader(t.splitlines(), delimiter=d))\n\
             wb = openpyxl.Workbook(); ws = wb.active\n\
             for r in rows: ws.append(r)\n\
             h = [i for i, r in enumerate(rows) if 'Họ và tên' in r][0]\n\
             ph = rows[h].index('Số điện thoại') + 1; yr = rows[h].index('Năm sinh') + 1\n\
             c = ws.cell(row=h + 2, column=ph); c.value = '#REF!'; c.data_type = 'e'\n\
             c = ws.cell(row=h + 3, column=yr); c.value = '#N/A'; c.data_type = 'e'\n\
             wb.save(sys.argv[2])",
            path_str(&csv),
            path_str(&xlsx),
        ])
        .output()
        .expect("python");
    assert!(made.status.success(), "{}", text(&made));
    let out = env.run(&["import", "roster", path_str(&xlsx)]);
    assert!(!out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("#REF!"), "{said}");
    assert!(said.contains("#N/A"), "{said}");
    assert!(said.contains("lỗi #REF! của Excel"), "{said}");
    assert!(said.contains("cột «Số điện thoại»"), "{said}");
    assert_eq!(env.store().checksum().expect("sum"), sum);
}

#[test]
fn terminal_output_escapes_control_characters_from_files() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    // A unit name with an ESC sequence and a bare CR, written straight into the database as a
    // file from elsewhere might have carried it before hygiene existed.
    env.store()
        .transaction(|tx| {
            tx.execute(
                "UPDATE units SET name = 'Hòa Bắc\u{1b}]0;pwned\u{7}\rX' WHERE name = 'Hòa Bắc'",
                [],
            )?;
            Ok(())
        })
        .expect("write");
    let out = env.ok(&["list", "units"]);
    assert!(!out.contains('\u{1b}'), "raw ESC printed");
    assert!(!out.contains('\r'), "raw CR printed");
    assert!(out.contains("\\u{1b}"), "{out}");
}

/// Texts typed on the command line (and in the window's forms: the same operations) are
/// cleaned like imported cells: control and bidi characters stripped with a notice on stderr,
/// a text over its field's limit refused naming the field, the database unchanged.
#[test]
fn form_and_argument_texts_are_cleaned_with_a_notice_and_overlong_ones_refused() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let team = cnscd::store::teams::as_of(env.store().conn(), None, chrono::NaiveDate::MAX)
        .expect("teams")[0]
        .id
        .to_string();
    let out = env.run(&[
        "member",
        "add",
        "--team",
        &team,
        "--name",
        "Nguyễn\u{7} Văn\u{202E} Hostile",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Lưu ý: Ô «Họ và tên»: đã bỏ 1 ký tự điều khiển, 1 ký tự đổi chiều văn bản."),
        "{err}"
    );
    let stored: Vec<String> = cnscd::store::members::active(env.store().conn(), None)
        .expect("members")
        .into_iter()
        .map(|m| m.full_name)
        .filter(|n| n.contains("Hostile"))
        .collect();
    assert_eq!(stored, vec!["Nguyễn Văn Hostile".to_string()]);

    let out = env.run(&["team", "edit", &team, "--name", "Tổ\u{1b}[31m Đỏ"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Ô «Tổ»: đã bỏ 1 ký tự điều khiển"));
    let name = cnscd::store::teams::get(env.store().conn(), team.parse().expect("id"))
        .expect("team")
        .name;
    assert_eq!(name, "Tổ[31m Đỏ");

    let sum = env.store().checksum().expect("sum");
    let long = "Nguyễn ".repeat(40);
    let out = env.run(&["member", "add", "--team", &team, "--name", &long]);
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(msg.contains("Họ và tên «Nguyễn Nguyễn"), "{msg}");
    assert!(
        msg.contains("quá giới hạn 200 ký tự của họ và tên"),
        "{msg}"
    );
    assert_eq!(env.store().checksum().expect("sum"), sum, "nothing written");
}

/// Damaged spreadsheets, documents and PDFs, and the system's refusals (a path too long, a file
/// where a folder should be, a missing file), each reach the clerk as a Vietnamese cause that
/// names the file: no English on the command line's stderr.
#[test]
fn damaged_files_and_system_refusals_are_told_in_vietnamese_naming_the_file() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let put = |name: &str, bytes: &[u8]| {
        let p = env.path(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    let zip_garbage = put("hong.xlsx", b"PK\x03\x04 not really a zip archive");
    let random = put("ngau-nhien.xlsx", &[0x9au8; 3000]);
    let bad_docx = put("sua.docx", b"PK\x03\x04 nothing inside");
    let bad_pdf = put(
        "hong.pdf",
        b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
    );
    let not_pdf = put("khong-phai.pdf", &[0x41u8; 5000]);
    let pdf = env.path("qd.docx");
    env.ok(&[
        "draft",
        "decision",
        "--unit",
        "Hòa Bắc",
        "-o",
        path_str(&pdf),
    ]);
    let long = env.path(&format!("{}.xlsx", "a".repeat(300)));
    let under_file = bad_pdf.join("ds.xlsx");
    let missing = env.path("khong-co.xlsx");
    let png = env.path("x.png");
    let signed = env.path("da-ky.pdf");
    let key = crate::signing::Pki::new(env.dir.path());
    let p12 = key.path("signer.p12");
    let cases: Vec<(Vec<&str>, &Path, &str)> = vec![
        (
            vec!["import", "roster", path_str(&zip_garbage)],
            &zip_garbage,
            "bảng tính",
        ),
        (
            vec!["import", "units", path_str(&random)],
            &random,
            "bảng tính",
        ),
        (
            vec!["issue", "1", "--file", path_str(&bad_docx)],
            &bad_docx,
            ".docx",
        ),
        (vec!["verify", path_str(&bad_pdf)], &bad_pdf, "hỏng"),
        (vec!["verify", path_str(&not_pdf)], &not_pdf, "PDF"),
        (
            vec![
                "sign",
                path_str(&bad_pdf),
                "--p12",
                &p12,
                "--password-env",
                "P12_PASS",
                "-o",
                path_str(&signed),
            ],
            &bad_pdf,
            "PDF bị hỏng",
        ),
        (
            vec!["preview", path_str(&not_pdf), "-o", path_str(&png)],
            &not_pdf,
            "PDF",
        ),
        (
            vec!["export", "roster", "-o", path_str(&long)],
            &long,
            "quá dài",
        ),
        (
            vec!["export", "roster", "-o", path_str(&under_file)],
            &bad_pdf,
            "không phải thư mục",
        ),
        (
            vec!["import", "roster", path_str(&missing)],
            &missing,
            "không có tệp",
        ),
    ];
    for (args, file, cause) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_cnscd"))
            .arg("--data-dir")
            .arg(env.data())
            .args(&args)
            .env_remove("CNSCD_DATA_DIR")
            .env("P12_PASS", crate::signing::PASSWORD)
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!out.status.success(), "{args:?} succeeded");
        let name = file.file_name().and_then(|n| n.to_str()).expect("name");
        assert!(err.contains(name), "{args:?}: the file is not named: {err}");
        assert!(err.contains(cause), "{args:?}: «{cause}» not said: {err}");
        let lower = err.to_lowercase();
        for english in [
            "error",
            "invalid",
            "failed",
            "no such",
            "not a",
            "denied",
            "zip",
            "end of",
            "os error",
            "panicked",
            "file name too long",
        ] {
            assert!(
                !lower.contains(english),
                "{args:?}: English «{english}»: {err}"
            );
        }
    }
}

/// A small .xlsx whose cell `B2` is renamed `to`: a workbook that names a position far away.
fn xlsx_with_cell_at(path: &Path, to: &str) {
    use std::io::{Read, Write};
    let plain = path.with_extension("plain.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "Họ và tên").expect("cell");
    ws.write(0, 1, "Năm sinh").expect("cell");
    ws.write(1, 0, "Nguyễn Văn An").expect("cell");
    ws.write(1, 1, 1990).expect("cell");
    wb.save(&plain).expect("save");
    let mut zin = zip::ZipArchive::new(std::fs::File::open(&plain).expect("open")).expect("zip");
    let mut zout = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(data).expect("xml");
            assert!(xml.contains(r#"r="B2""#), "{xml}");
            data = xml
                .replace(r#"r="B2""#, &format!(r#"r="{to}""#))
                .into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zout.write_all(&data).expect("write");
    }
    zout.finish().expect("finish");
}

#[test]
fn a_cell_named_far_away_is_refused_without_building_its_grid() {
    // A 6 KB file with one cell at column ZZZZZZ asked for a 10 GB grid, one at row 4.294.967.295
    // for 275 GB, and the process aborted; Excel's last cell is a real position, but its grid
    // is still 17 billion cells. Each is refused by every import, naming the file and the cell.
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let sum = env.store().checksum().expect("sum");
    let cases = [
        (
            "ZZZZZZ2",
            "có ô ZZZZZZ2 nằm ngoài giới hạn của Excel (1.048.576 dòng, 16.384 cột)",
        ),
        (
            "B4294967295",
            "có ô B4294967295 nằm ngoài giới hạn của Excel",
        ),
        (
            "XFD1048576",
            "trải đến ô XFD1048576 (1.048.576 dòng × 16.384 cột), quá lớn để đọc",
        ),
    ];
    for (at, reason) in cases {
        let file = env.path(&format!("xa-{at}.xlsx"));
        xlsx_with_cell_at(&file, at);
        for command in [
            vec!["import", "roster"],
            vec!["import", "units"],
            vec!["import", "indicators", "--period", "2025-Q4"],
            vec!["import", "roster", "--sheet", "1"],
        ] {
            let mut args = command.clone();
            args.push(path_str(&file));
            let out = env.run(&args);
            let said = text(&out);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {said}");
            // A roster read row by row holds no grid: Excel's last cell is only a row of it
            // (this one is refused for its missing columns).
            if at == "XFD1048576" && command.len() == 2 && command[1] == "roster" {
                continue;
            }
            assert!(said.contains(reason), "{args:?}: {said}");
            assert!(said.contains(&format!("xa-{at}.xlsx")), "{args:?}: {said}");
        }
    }
    assert_eq!(env.store().checksum().expect("sum"), sum);
}
