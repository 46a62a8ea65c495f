//! The binary as a clerk's machine sees it. Copied alone into an empty folder, run from there
//! with a new data folder and nothing of the build around it (no source tree, no cargo
//! environment, no PATH at all), it makes the sample and drafts every document kind: the templates
//! and the legal bases are inside it. Its exit code follows the cause of a failure, and the
//! libraries' English goes to the log file, never to the clerk.

use std::path::Path;
use std::process::Command;

use chrono::Datelike;

fn run(bin: &Path, home: &Path, args: &[&str]) -> String {
    let out = Command::new(bin)
        .args(args)
        .current_dir(home)
        .env_clear()
        // No outside program can be found: everything the clerk asks for is inside the binary.
        .env("PATH", "/nonexistent")
        .env("HOME", home)
        .output()
        .expect("run the copied binary");
    assert!(
        out.status.success(),
        "cnscd {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_binary_alone_in_an_empty_folder_drafts_every_document_kind() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("may-khac");
    std::fs::create_dir_all(&folder).expect("folder");
    let bin = folder.join("cnscd");
    std::fs::copy(env!("CARGO_BIN_EXE_cnscd"), &bin).expect("copy the binary");
    assert_eq!(std::fs::read_dir(&folder).expect("list").count(), 1);
    // The source tree is still on this machine; the binary must not know where it is.
    let tree = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
    let binary = std::fs::read(&bin).expect("read the binary");
    assert!(
        !binary.windows(tree.len()).any(|w| w == tree.as_bytes()),
        "the binary names the build tree's {tree}"
    );
    let data = folder.join("du-lieu");
    let data = data.to_str().expect("path");
    let out = |name: &str| folder.join(name).to_str().expect("path").to_owned();
    let c = |args: &[&str]| {
        let mut all = vec!["--data-dir", data];
        all.extend_from_slice(args);
        run(&bin, &folder, &all)
    };
    c(&["sample", "--scale", "commune"]);
    let today = chrono::Local::now().date_naive();
    let year = today.year().to_string();
    let period = format!("{}-Q{}", today.year(), today.month0() / 3 + 1);
    let unit = ["--unit", "Hòa Bắc"];
    let drafts: Vec<(String, Vec<&str>)> = vec![
        (
            out("qd-thanh-lap.pdf"),
            vec!["draft", "decision", "--kind", "thanh-lap"],
        ),
        (
            out("qd-kien-toan.docx"),
            vec!["draft", "decision", "--kind", "kien-toan"],
        ),
        (out("ke-hoach.pdf"), vec!["draft", "plan", "--year", &year]),
        (
            out("bao-cao.pdf"),
            vec!["draft", "report", "--period", &period],
        ),
        (out("dau-moi.pdf"), vec!["draft", "focal-points"]),
        (out("danh-sach.pdf"), vec!["export", "roster"]),
    ];
    for (file, args) in &drafts {
        let mut all = args.clone();
        all.extend_from_slice(&unit);
        all.extend_from_slice(&["-o", file]);
        c(&all);
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let magic: &[u8] = if file.ends_with(".pdf") {
            b"%PDF"
        } else {
            b"PK"
        };
        assert!(bytes.starts_with(magic), "{file}");
    }
    let each = out("moi-to");
    c(&[
        "draft",
        "decision",
        "--unit",
        "Hòa Bắc",
        "--each",
        "-o",
        &each,
    ]);
    assert!(std::fs::read_dir(&each).expect("folder").count() > 1);
    // The preview renders in-process: a PNG of the plan's first page, A4 at 60 dpi.
    let page = out("trang-1.png");
    c(&[
        "preview",
        &out("ke-hoach.pdf"),
        "--page",
        "1",
        "--dpi",
        "60",
        "-o",
        &page,
    ]);
    let png = std::fs::read(&page).expect("the page image");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let (w, h) = (
        u32::from_be_bytes(png[16..20].try_into().expect("width")),
        u32::from_be_bytes(png[20..24].try_into().expect("height")),
    );
    assert_eq!(
        (w, h),
        (497, 702),
        "A4 (595.3 × 841.9 pt) at 60 dpi, rounded up"
    );
    // Nothing was looked up beside the binary: the folder holds the binary, the data and the
    // files asked for.
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = drafts
        .iter()
        .map(|(f, _)| {
            Path::new(f)
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .chain(["cnscd", "du-lieu", "moi-to", "trang-1.png"].map(String::from))
        .collect();
    expected.sort();
    assert_eq!(names, expected);
}

#[test]
fn the_exit_code_follows_the_cause_and_the_cause_goes_to_the_log() {
    let env = crate::common::Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    // Wrong usage.
    assert_eq!(env.run(&["list", "everything"]).status.code(), Some(2));
    // A value refused.
    let r = env.run(&["report", "--unit", "Hòa Bắc", "--period", "quý 5"]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("--period"));
    // The machine's fault: a database file that is not one.
    std::fs::write(env.data().join("cnscd.db"), vec![b'x'; 4096]).unwrap();
    let r = Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("--data-dir")
        .arg(env.data())
        .args(["list", "units"])
        .env_remove("CNSCD_LOG")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(3), "{said}");
    assert!(said.contains("bị hỏng"), "{said}");
    assert!(!said.contains("not a database"), "{said}");
    let log =
        std::fs::read_to_string(env.data().join("logs").join("cnscd.log")).expect("the log file");
    assert!(log.contains("not a database"), "{log}");
}
