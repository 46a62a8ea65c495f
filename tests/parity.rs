//! The same intent through the command line (the binary) and through the window (`App::update`)
//! leaves the same database and the same files: sample, draft and export, issue, sign, each
//! import, the sheets and the report table exported, backup and restore. Both faces run at one
//! fixed moment (`CNSCD_TODAY` for the binary, `Clock::Fixed` for the window), so timestamps
//! agree too; a spreadsheet, whose container carries the time it was zipped, is compared cell by
//! cell.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use chrono::{Datelike, NaiveDateTime};
use cnscd::app::context::Clock;
use cnscd::app::dialogs::Scripted;
use cnscd::app::screen::{reports, settings, signing};
use cnscd::app::{App, Message, Phase, text as t};
use cnscd::ops::Workspace;

use crate::app::{click, deliver, drive};
use crate::common::require_tool;
use crate::signing::{PASSWORD, Pki};

/// Tomorrow at 08:00: inside the test certificates' validity (made today), and the same for
/// both faces.
fn moment() -> NaiveDateTime {
    let tomorrow = chrono::Local::now().date_naive() + chrono::Duration::days(1);
    tomorrow.and_hms_opt(8, 0, 0).expect("time")
}

/// Runs the binary on `data` at `at`, with extra environment variables; asserts success.
fn cli(data: &Path, at: NaiveDateTime, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cnscd"));
    c.arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("CNSCD_DATA_DIR")
        .env("CNSCD_TODAY", at.format("%Y-%m-%dT%H:%M:%S").to_string());
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("run cnscd");
    assert!(
        out.status.success(),
        "cnscd {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn checksum(data: &Path) -> String {
    cnscd::Store::open_dir(data)
        .expect("db")
        .checksum()
        .expect("checksum")
}

/// The cells of an .xlsx's first sheet, as text.
fn cells(file: &Path) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(file).expect("xlsx");
    let range = wb.worksheet_range_at(0).expect("sheet").expect("sheet");
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn copy(from: &Path, to: &Path) {
    std::fs::copy(from, to).expect("copy");
}

/// A roster sheet adding two members to the sample's first village.
fn roster_file(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows = [
        [
            "Đơn vị",
            "Xã/phường",
            "Họ và tên",
            "Năm sinh",
            "Giới tính",
            "Chức vụ trong Tổ",
            "Chức vụ, đơn vị công tác",
            "Số điện thoại",
            "Đã tập huấn",
        ],
        [
            "Thôn Nam Yên",
            "Hòa Bắc",
            "Lường Thị Ún",
            "1991",
            "Nữ",
            "Thành viên",
            "Giáo viên",
            "0209111001",
            "có",
        ],
        [
            "Thôn Nam Yên",
            "Hòa Bắc",
            "Quàng Văn Dũng",
            "1987",
            "Nam",
            "Thành viên",
            "Nông dân",
            "0209111002",
            "không",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).expect("cell");
        }
    }
    wb.save(path).expect("save");
}

/// A units sheet adding a village to Hòa Bắc.
fn units_file(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in [
        ["Tên đơn vị", "Cấp", "Đơn vị cấp trên"],
        ["Thôn Mới Lập", "thôn", "20314"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).expect("cell");
        }
    }
    wb.save(path).expect("save");
}

/// An indicator sheet of Hòa Bắc's villages (names and one value each).
fn indicators_file(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows = [
        ["Đơn vị", "Số người dân được hướng dẫn", "Số buổi tập huấn"],
        ["Thôn Nam Yên", "120", "2"],
        ["Thôn Lộc Mỹ", "1.250", "3"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).expect("cell");
        }
    }
    wb.save(path).expect("save");
}

/// Queues the next answer of the window's file dialog.
fn answer(dialogs: &Scripted, path: &Path) {
    dialogs
        .answers
        .lock()
        .expect("dialogs")
        .push(path.to_path_buf());
}

#[test]
fn both_faces_leave_the_same_database_and_files() {
    if !require_tool("openssl") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    let at = moment();
    let (cli_data, win_data) = (root.join("cli"), root.join("win"));
    let out = root.join("out");
    std::fs::create_dir_all(&out).expect("out");
    let keep = root.join("keep");
    std::fs::create_dir_all(&keep).expect("keep");
    let pki = Pki::new(root);
    let p12 = PathBuf::from(pki.path("signer.p12"));
    let (roster, units, sheet) = (
        root.join("to.xlsx"),
        root.join("don-vi.xlsx"),
        root.join("chi-tieu.xlsx"),
    );
    roster_file(&roster);
    units_file(&units);
    indicators_file(&sheet);
    let qd = out.join("qd.pdf");
    let signed = out.join("qd-da-ky.pdf");
    let roster_out = out.join("ds.xlsx");
    let report_out = out.join("bc.xlsx");
    let period = format!("{}-Q1", at.year());

    // The command line, step by step; each step's checksum and files are kept.
    let mut sums = Vec::new();
    let c = |args: &[&str]| cli(&cli_data, at, args, &[("P12_PASS", PASSWORD)]);
    c(&["sample", "--scale", "commune"]);
    sums.push(("sample", checksum(&cli_data)));
    let drafted = c(&[
        "draft",
        "decision",
        "--unit",
        "Hòa Bắc",
        "-o",
        qd.to_str().expect("p"),
    ]);
    assert!(drafted.contains("dự thảo số 1"), "{drafted}");
    copy(&qd, &keep.join("draft.pdf"));
    sums.push(("draft", checksum(&cli_data)));
    c(&["issue", "1"]);
    copy(&qd, &keep.join("issued.pdf"));
    sums.push(("issue", checksum(&cli_data)));
    c(&[
        "sign",
        qd.to_str().expect("p"),
        "-o",
        signed.to_str().expect("p"),
        "--p12",
        p12.to_str().expect("p"),
        "--password-env",
        "P12_PASS",
    ]);
    copy(&signed, &keep.join("signed.pdf"));
    sums.push(("sign", checksum(&cli_data)));
    c(&["import", "roster", roster.to_str().expect("p")]);
    sums.push(("import roster", checksum(&cli_data)));
    c(&["import", "units", units.to_str().expect("p")]);
    sums.push(("import units", checksum(&cli_data)));
    c(&[
        "import",
        "indicators",
        sheet.to_str().expect("p"),
        "--period",
        &period,
        "--unit",
        "Hòa Bắc",
    ]);
    sums.push(("import indicators", checksum(&cli_data)));
    c(&["export", "roster", "-o", roster_out.to_str().expect("p")]);
    copy(&roster_out, &keep.join("ds.xlsx"));
    c(&[
        "report",
        "--unit",
        "Hòa Bắc",
        "--period",
        &period,
        "-o",
        report_out.to_str().expect("p"),
    ]);
    copy(&report_out, &keep.join("bc.xlsx"));
    let backup = keep.join("sao-luu.db");
    c(&["backup", "-o", backup.to_str().expect("p")]);
    c(&["restore", backup.to_str().expect("p")]);
    sums.push(("restore", checksum(&cli_data)));

    // The window, the same steps.
    let dialogs = Arc::new(Scripted::default());
    let (mut app, task) = App::new(Workspace::new(&win_data), dialogs.clone(), Clock::Fixed(at));
    drive(&mut app, task);
    assert!(matches!(app.phase, Phase::Ready));
    let mut window = Vec::new();
    click(&mut app, t::WELCOME_SAMPLE);
    window.push(("sample", checksum(&win_data)));
    click(&mut app, t::NAV_DOCUMENTS);
    click(&mut app, t::DOC_DRAFT);
    answer(&dialogs, &qd);
    click(&mut app, t::DOC_EXPORT_PDF);
    assert_eq!(
        std::fs::read(&qd).expect("window pdf"),
        std::fs::read(keep.join("draft.pdf")).expect("cli pdf"),
        "the drafted PDF"
    );
    window.push(("draft", checksum(&win_data)));
    click(&mut app, t::CLOSE);
    let summary = app.documents.entries[0].summary.clone();
    click(&mut app, &summary);
    click(&mut app, t::DOC_ISSUE);
    // The dialog proposes the next number and today; the clerk confirms.
    click(&mut app, t::ISSUE_CONFIRM);
    assert_eq!(
        std::fs::read(&qd).expect("window pdf"),
        std::fs::read(keep.join("issued.pdf")).expect("cli pdf"),
        "the issued PDF"
    );
    window.push(("issue", checksum(&win_data)));
    click(&mut app, &summary);
    click(&mut app, t::DOC_SIGN);
    assert_eq!(app.signing.pdf.as_deref(), Some(qd.as_path()));
    answer(&dialogs, &p12);
    click(&mut app, t::SIGN_PICK_P12);
    deliver(
        &mut app,
        vec![Message::Signing(signing::Message::Secret(PASSWORD.into()))],
    );
    answer(&dialogs, &signed);
    click(&mut app, t::SIGN_DO);
    assert_eq!(
        std::fs::read(&signed).expect("window signed"),
        std::fs::read(keep.join("signed.pdf")).expect("cli signed"),
        "the signed PDF"
    );
    window.push(("sign", checksum(&win_data)));
    click(&mut app, t::NAV_MEMBERS);
    answer(&dialogs, &roster);
    click(&mut app, t::MEMBER_IMPORT);
    click(&mut app, t::IMPORT_COMMIT);
    window.push(("import roster", checksum(&win_data)));
    click(&mut app, t::NAV_UNITS);
    answer(&dialogs, &units);
    click(&mut app, t::UNIT_IMPORT);
    click(&mut app, t::IMPORT_COMMIT);
    window.push(("import units", checksum(&win_data)));
    click(&mut app, t::NAV_REPORTS);
    deliver(
        &mut app,
        vec![
            Message::Reports(reports::Message::Period(
                cnscd::app::widget::period_picker::Message::Typed(period.clone()),
            )),
            Message::Reports(reports::Message::Period(
                cnscd::app::widget::period_picker::Message::Apply,
            )),
        ],
    );
    answer(&dialogs, &sheet);
    click(&mut app, t::REPORT_IMPORT);
    click(&mut app, t::IMPORT_COMMIT);
    window.push(("import indicators", checksum(&win_data)));
    answer(&dialogs, &report_out);
    click(&mut app, t::REPORT_EXPORT);
    assert_eq!(
        cells(&report_out),
        cells(&keep.join("bc.xlsx")),
        "report table"
    );
    click(&mut app, t::NAV_MEMBERS);
    answer(&dialogs, &roster_out);
    click(&mut app, t::MEMBER_EXPORT);
    assert_eq!(
        cells(&roster_out),
        cells(&keep.join("ds.xlsx")),
        "roster sheet"
    );
    click(&mut app, t::NAV_SETTINGS);
    // The backup buttons sit below the folds of the settings page: their messages.
    deliver(
        &mut app,
        vec![Message::Settings(settings::Message::BackupNow)],
    );
    let made = Workspace::new(&win_data)
        .backups_dir()
        .join(format!("cnscd-{}.db", at.format("%Y%m%d-%H%M%S")));
    assert_eq!(
        cnscd::Store::open(&made)
            .expect("db")
            .checksum()
            .expect("sum"),
        cnscd::Store::open(&backup)
            .expect("db")
            .checksum()
            .expect("sum"),
        "the backups"
    );
    answer(&dialogs, &made);
    deliver(
        &mut app,
        vec![Message::Settings(settings::Message::Restore)],
    );
    click(&mut app, t::CONFIRM);
    window.push(("restore", checksum(&win_data)));

    for ((step, a), (_, b)) in sums.iter().zip(&window) {
        assert_eq!(a, b, "after «{step}» the two databases differ");
    }
    assert_eq!(sums.len(), window.len());
    // The drift the window had: signing marks the register «đã ký» with the signed file's hash.
    let store = cnscd::Store::open_dir(&win_data).expect("db");
    let entry = cnscd::store::documents::get(store.conn(), 1).expect("entry");
    assert_eq!(entry.status, cnscd::model::Status::Signed);
    assert_eq!(
        entry.sha256.as_deref(),
        Some(cnscd::ops::files::sha256_hex(&std::fs::read(&signed).expect("signed")).as_str())
    );
}
