//! Two things at once and files from elsewhere: two imports, an import beside a restore, a
//! connection held open across a restore, `list` while an import writes, racing first opens, a
//! read-only data folder, damaged and foreign databases, a full disk. Each runs the real binary
//! (separate processes, as two clerks or a window and a command would) and checks the database
//! afterwards: no duplicate, no lost write, no English.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use crate::common::Env;

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn spawn(data: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("CNSCD_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cnscd")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// English words SQLite, the OS or a library would put in a message.
fn assert_no_english(out: &Output) {
    let t = text(out).to_lowercase();
    for word in [
        "database",
        "locked",
        "error",
        "no such",
        "already exists",
        "permission",
        "panicked",
    ] {
        assert!(!t.contains(word), "English «{word}» reached the clerk: {t}");
    }
}

/// Trials of each race: 2 in `cargo test`, 20 by `scripts/crash-test.sh`.
fn rounds() -> usize {
    std::env::var("CNSCD_CONCURRENCY_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2)
}

fn members(data: &Path) -> usize {
    let store = cnscd::Store::open_dir(data).expect("open");
    cnscd::store::members::active(store.conn(), None)
        .expect("members")
        .len()
}

/// A district sample's roster file and a data folder holding only its units.
struct Fixture {
    src: Env,
    roster: PathBuf,
    dst: Env,
    want: usize,
}

fn fixture() -> Fixture {
    let src = Env::new();
    src.ok(&["sample", "--scale", "district"]);
    let roster = src.path("danh-sach.xlsx");
    src.ok(&["export", "roster", "-o", path_str(&roster)]);
    let units = src.path("don-vi.xlsx");
    src.ok(&["export", "units", "-o", path_str(&units)]);
    let dst = Env::new();
    dst.ok(&["import", "units", path_str(&units)]);
    let want = members(&src.data());
    assert!(want > 1000, "{want}");
    Fixture {
        src,
        roster,
        dst,
        want,
    }
}

#[test]
fn two_imports_of_the_same_roster_at_once_add_it_once() {
    let f = fixture();
    let units_only = f.dst.path("chi-don-vi.db");
    f.dst.ok(&["backup", "-o", path_str(&units_only)]);
    for trial in 0..rounds() {
        // A fresh copy of the units-only folder each time.
        let data = f.dst.path(&format!("trial-{trial}"));
        std::fs::create_dir_all(&data).expect("dir");
        std::fs::copy(&units_only, data.join(cnscd::store::DB_FILE)).expect("copy");
        let a = spawn(&data, &["import", "roster", path_str(&f.roster)]);
        let b = spawn(&data, &["import", "roster", path_str(&f.roster)]);
        let (a, b) = (
            a.wait_with_output().expect("a"),
            b.wait_with_output().expect("b"),
        );
        assert!(a.status.success(), "{}", text(&a));
        assert!(b.status.success(), "{}", text(&b));
        assert_no_english(&a);
        assert_no_english(&b);
        assert_eq!(members(&data), f.want, "trial {trial}: no duplicate");
        // One of them added every row, the other found them all there.
        let added = format!("thêm {}", f.want);
        let said = [text(&a), text(&b)];
        assert_eq!(
            said.iter().filter(|t| t.contains(&added)).count(),
            1,
            "{said:?}"
        );
        assert_eq!(
            said.iter()
                .filter(|t| t.contains(&format!("không đổi {}", f.want)))
                .count(),
            1,
            "{said:?}"
        );
    }
    eprintln!(
        "concurrency two-imports: {} trials, {} members each time, 0 duplicates",
        rounds(),
        f.want
    );
}

#[test]
fn an_import_beside_a_restore_lands_in_the_live_or_the_kept_database() {
    let f = fixture();
    let backup = f.dst.path("chi-don-vi.db");
    f.dst.ok(&["backup", "-o", path_str(&backup)]);
    let (mut after, mut before) = (0, 0);
    for trial in 0..rounds() {
        // Odd trials start the restore first, so both orders are tried.
        let (import, restore) = if trial % 2 == 0 {
            let i = spawn(&f.dst.data(), &["import", "roster", path_str(&f.roster)]);
            (i, spawn(&f.dst.data(), &["restore", path_str(&backup)]))
        } else {
            let r = spawn(&f.dst.data(), &["restore", path_str(&backup)]);
            std::thread::sleep(std::time::Duration::from_millis(40));
            (
                spawn(&f.dst.data(), &["import", "roster", path_str(&f.roster)]),
                r,
            )
        };
        let (import, restore) = (
            import.wait_with_output().expect("import"),
            restore.wait_with_output().expect("restore"),
        );
        assert!(import.status.success(), "{}", text(&import));
        assert!(restore.status.success(), "{}", text(&restore));
        assert_no_english(&import);
        assert_no_english(&restore);
        let live = members(&f.dst.data());
        let kept: Vec<usize> = std::fs::read_dir(f.dst.data().join("backups"))
            .expect("backups")
            .map(|e| e.expect("entry").path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("cnscd-truoc-khoi-phuc-") && n.ends_with(".db"))
            })
            .map(|p| {
                let conn = rusqlite::Connection::open(&p).expect("kept");
                conn.query_row(
                    "SELECT count(*) FROM members m JOIN memberships s ON s.member_id = m.id \
                     WHERE s.left_on IS NULL",
                    [],
                    |r| r.get::<_, i64>(0),
                )
                .expect("count") as usize
            })
            .collect();
        // The import ran wholly before the restore (its rows are in the kept copy) or wholly
        // after it (in the live database); never half, never lost.
        assert!(
            live == f.want || (live == 0 && kept.contains(&f.want)),
            "trial {trial}: live {live}, kept {kept:?}"
        );
        if live == f.want {
            after += 1;
        } else {
            before += 1;
        }
        // Back to the units only for the next trial.
        f.dst.ok(&["restore", path_str(&backup)]);
        std::fs::remove_dir_all(f.dst.data().join("backups")).expect("clear");
        assert_eq!(members(&f.dst.data()), 0);
    }
    eprintln!(
        "concurrency import-beside-restore: {} trials, import after the restore {after}, \
         before it (rows in the kept copy) {before}, 0 lost",
        rounds()
    );
    drop(f.src);
}

#[test]
fn a_connection_held_open_across_a_restore_refuses_its_stale_write_then_writes_the_restored_database()
 {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let backup = env.path("mau.db");
    env.ok(&["backup", "-o", path_str(&backup)]);
    let mut held = env.store();
    let before = members(&env.data());
    let read_name = |s: &cnscd::Store| -> String {
        s.conn()
            .query_row("SELECT full_name FROM members WHERE id = 1", [], |r| {
                r.get(0)
            })
            .expect("read")
    };
    for round in 0..rounds() {
        // As a window does: its writes are prepared against the data it loaded.
        let loaded = held.restore_mark().expect("mark");
        assert!(loaded.is_some());
        held.expect_mark(loaded.clone());
        // Changes after the backup, through the held connection.
        held.transaction(|tx| {
            tx.execute("UPDATE members SET full_name = 'Đổi Tên' WHERE id = 1", [])?;
            Ok(())
        })
        .expect("write");
        let out = env.run(&["restore", path_str(&backup)]);
        assert!(out.status.success(), "{}", text(&out));
        assert_no_english(&out);
        // The held connection reads the restored data …
        assert_ne!(read_name(&held), "Đổi Tên", "round {round}");
        // … refuses a write prepared against the replaced data, saying why, and writes
        // nothing …
        let sum = held.checksum().expect("sum");
        let refused = held.transaction(|tx| {
            tx.execute("UPDATE members SET full_name = 'Cũ' WHERE id = 1", [])?;
            Ok(())
        });
        let e = refused.expect_err("a stale write is refused");
        assert!(matches!(e, cnscd::Error::Restored), "{e:?}");
        assert!(e.to_string().contains("khôi phục từ bản sao lưu"), "{e}");
        assert_eq!(held.checksum().expect("sum"), sum);
        // … and once reloaded (the new mark), what it writes goes into the live database, not
        // into a replaced file.
        let now = held.restore_mark().expect("mark");
        assert_ne!(now, loaded, "a restore changes the mark");
        held.expect_mark(now);
        held.transaction(|tx| {
            tx.execute(
                "UPDATE members SET full_name = 'Sau Khôi Phục' WHERE id = 1",
                [],
            )?;
            Ok(())
        })
        .expect("write after restore");
        let store = env.store();
        assert_eq!(read_name(&store), "Sau Khôi Phục");
        assert_eq!(members(&env.data()), before);
        let check: String = store
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(check, "ok");
        let _ = std::fs::remove_dir_all(env.data().join("backups"));
    }
    eprintln!(
        "concurrency held-connection: {} restores under a held connection, every stale write \
         refused, every later write in the live database",
        rounds()
    );
}

#[test]
fn list_runs_while_an_import_writes() {
    let f = fixture();
    for round in 0..rounds() {
        let import = spawn(&f.dst.data(), &["import", "roster", path_str(&f.roster)]);
        for _ in 0..5 {
            let out = f.dst.run(&["list", "members"]);
            assert!(out.status.success(), "{}", text(&out));
            assert_no_english(&out);
        }
        let import = import.wait_with_output().expect("import");
        assert!(import.status.success(), "{}", text(&import));
        assert_eq!(members(&f.dst.data()), f.want, "round {round}");
    }
    eprintln!(
        "concurrency list-during-import: {} trials, {} lists, 0 failures",
        rounds(),
        rounds() * 5
    );
}

#[test]
fn racing_first_opens_create_the_tables_once() {
    for trial in 0..rounds() + 2 {
        let env = Env::new();
        let children: Vec<Child> = (0..4)
            .map(|i| {
                let args: &[&str] = if i % 2 == 0 {
                    &["list", "units"]
                } else {
                    &["backup", "-o", "/dev/null/khong-co"]
                };
                spawn(&env.data(), args)
            })
            .collect();
        for (i, c) in children.into_iter().enumerate() {
            let out = c.wait_with_output().expect("wait");
            assert_no_english(&out);
            if i % 2 == 0 {
                assert!(out.status.success(), "trial {trial}: {}", text(&out));
            }
        }
        let store = env.store();
        let version: i64 = store
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(version, cnscd::store::SCHEMA_VERSION);
    }
    eprintln!(
        "concurrency first-opens: {} trials of 4 processes, 0 failures",
        rounds() + 2
    );
}

/// Makes `dir` read-only for this process: a read-only bind mount when running as root (chmod
/// does not stop root), else chmod. Returns the guard that undoes it.
struct ReadOnly(PathBuf, bool);

impl ReadOnly {
    fn make(dir: &Path) -> Option<ReadOnly> {
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        if root {
            let d = path_str(dir);
            let ok = Command::new("mount")
                .args(["--bind", d, d])
                .status()
                .is_ok_and(|s| s.success())
                && Command::new("mount")
                    .args(["-o", "remount,bind,ro", d])
                    .status()
                    .is_ok_and(|s| s.success());
            if !ok {
                let _ = Command::new("umount").arg(d).status();
                return None;
            }
            return Some(ReadOnly(dir.to_path_buf(), true));
        }
        use std::os::unix::fs::PermissionsExt;
        for e in std::fs::read_dir(dir).expect("list") {
            let p = e.expect("entry").path();
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        }
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        Some(ReadOnly(dir.to_path_buf(), false))
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.1 {
            let _ = Command::new("umount").arg(&self.0).status();
        } else {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
}

#[test]
fn a_read_only_data_folder_still_lists_exports_reports_and_verifies() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let pdf = env.path("qd.pdf");
    env.ok(&[
        "draft",
        "decision",
        "--unit",
        "Hòa Bắc",
        "-o",
        path_str(&pdf),
    ]);
    let db = env.data().join(cnscd::store::DB_FILE);
    let before = std::fs::read(&db).expect("db");
    let listing: Vec<String> = std::fs::read_dir(env.data())
        .expect("list")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !listing
            .iter()
            .any(|n| n.ends_with("-wal") || n.ends_with("-shm")),
        "{listing:?}"
    );
    let Some(_ro) = ReadOnly::make(&env.data()) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "cannot make a read-only folder"
        );
        return;
    };
    assert!(
        std::fs::write(env.data().join("thu"), b"x").is_err(),
        "the folder is read-only"
    );
    let out = env.run(&["list", "units"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Hòa Bắc"), "{}", text(&out));
    let out = env.run(&["list", "members"]);
    assert!(out.status.success(), "{}", text(&out));
    let csv = env.path("ds.csv");
    let out = env.run(&["export", "roster", "-o", path_str(&csv)]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(csv.exists());
    let out = env.run(&["report", "--unit", "Hòa Bắc", "--period", "2025", "--json"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = env.run(&["verify", path_str(&pdf)]);
    assert!(text(&out).contains("chữ ký"), "{}", text(&out));
    assert!(!text(&out).contains("cơ sở dữ liệu"), "{}", text(&out));
    assert_no_english(&out);
    // A write is refused in Vietnamese, naming the folder's file.
    let out = env.run(&["import", "units", path_str(&csv)]);
    assert!(!out.status.success());
    assert_no_english(&out);
    drop(_ro);
    assert_eq!(std::fs::read(&db).expect("db"), before, "nothing written");
}

#[test]
fn backup_refuses_a_damaged_database_and_restore_a_foreign_one() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "district"]);
    let db = env.data().join(cnscd::store::DB_FILE);
    // Damage a page in the middle of the file (the header page stays readable).
    {
        use std::io::{Seek, SeekFrom, Write};
        let len = std::fs::metadata(&db).expect("meta").len();
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&db)
            .expect("open");
        f.seek(SeekFrom::Start((len / 4096 / 2) * 4096))
            .expect("seek");
        f.write_all(&[0xA5; 4096]).expect("damage");
    }
    let copy = env.path("sao-luu.db");
    let out = env.run(&["backup", "-o", path_str(&copy)]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("bị hỏng"), "{}", text(&out));
    assert!(text(&out).contains("khôi phục"), "{}", text(&out));
    assert_no_english(&out);
    assert!(!copy.exists());
    assert!(
        !std::fs::read_dir(env.dir.path()).expect("list").any(|e| e
            .expect("e")
            .file_name()
            .to_string_lossy()
            .starts_with(".cnscd-tmp-")),
        "no temporary file left"
    );

    // Another program's database that happens to have a `units` table.
    let good = Env::new();
    good.ok(&["sample", "--scale", "commune"]);
    let sum = good.store().checksum().expect("sum");
    let foreign = good.path("khac.db");
    {
        let conn = rusqlite::Connection::open(&foreign).expect("foreign");
        conn.execute_batch(
            "CREATE TABLE units (id INTEGER PRIMARY KEY, name TEXT); \
             INSERT INTO units VALUES (1, 'x'); PRAGMA user_version = 1;",
        )
        .expect("schema");
    }
    let out = good.run(&["restore", path_str(&foreign)]);
    assert!(!out.status.success());
    assert!(text(&out).contains("khac.db"), "{}", text(&out));
    assert!(text(&out).contains("không khôi phục"), "{}", text(&out));
    assert_no_english(&out);
    assert_eq!(good.store().checksum().expect("sum"), sum, "unchanged");
}

#[test]
fn a_full_disk_leaves_no_pdf_and_no_register_entry() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let full = env.path("day");
    std::fs::create_dir_all(&full).expect("dir");
    // A 16 KiB tmpfs where mounting is allowed (root); else the write hook simulates ENOSPC.
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs", path_str(&full)])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let pdf = full.join("qd.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("--data-dir")
        .arg(env.data())
        .args([
            "draft",
            "decision",
            "--unit",
            "Hòa Bắc",
            "-o",
            path_str(&pdf),
        ])
        .env_remove("CNSCD_DATA_DIR")
        .env(
            "CNSCD_TEST_DISK_FULL_AFTER",
            if mounted { "" } else { "16384" },
        )
        .output()
        .expect("run");
    let left: Vec<String> = std::fs::read_dir(&full)
        .expect("list")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    if mounted {
        let _ = Command::new("umount").arg(&full).status();
    }
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("đầy"), "{}", text(&out));
    assert!(text(&out).contains("qd.pdf"), "{}", text(&out));
    assert_no_english(&out);
    assert!(left.is_empty(), "nothing left: {left:?}");
    let store = env.store();
    assert!(
        cnscd::store::documents::all(store.conn())
            .expect("register")
            .is_empty()
    );
}
