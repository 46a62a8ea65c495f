//! The crash trials: import, restore, backup, batch drafting, issuing and signing are killed
//! (SIGKILL) at random moments; the next start must find a sound database (`integrity_check`),
//! entirely old or entirely new, no temporary file anywhere, and no output without its register
//! entry. `cargo test` runs `CNSCD_CRASH_TRIALS` trials of each (2 by default, so CI stays within
//! a minute); `scripts/crash-test.sh` runs 100 and prints the figures.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};

use crate::common::{Env, has_tool};

fn trials() -> usize {
    std::env::var("CNSCD_CRASH_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2)
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// How long the writes wait between the register's commit and the renames of their outputs, so
/// that random kills land in that window too (`CNSCD_TEST_PAUSE_BEFORE_RENAME`, milliseconds).
const PAUSE_BEFORE_RENAME: &str = "150";

fn cnscd(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cnscd"));
    c.env("CNSCD_TEST_PAUSE_BEFORE_RENAME", PAUSE_BEFORE_RENAME);
    c.arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("CNSCD_DATA_DIR")
        .env("CNSCD_TODAY", "2026-03-05")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// How long the command takes when left alone.
fn duration(mut c: Command) -> Duration {
    let start = Instant::now();
    let out = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{c:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

/// Runs the command and kills it after `after`; whether it was killed (else it had finished).
fn kill_after(mut c: Command, after: Duration) -> bool {
    let mut child = c.spawn().expect("spawn");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return false;
        }
        if start.elapsed() >= after {
            let _ = child.kill();
            let _ = child.wait();
            return true;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The temporary files left in `dirs` (non-recursive, and their `backups/`).
fn litter(dirs: &[&Path]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for d in dirs {
        for dir in [d.to_path_buf(), d.join("backups")] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries {
                let p = e.expect("entry").path();
                if p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(".cnscd-"))
                {
                    found.push(p);
                }
            }
        }
    }
    found
}

/// The next start (a read command), then the checks every trial shares: the start succeeds,
/// the database is sound, no temporary file is left.
fn next_start(data: &Path, outputs: &[&Path]) -> rusqlite::Connection {
    let out = cnscd(data, &["list", "units"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("next start");
    assert!(
        out.status.success(),
        "next start failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut dirs = vec![data];
    dirs.extend_from_slice(outputs);
    assert_eq!(litter(&dirs), Vec::<PathBuf>::new(), "temporary files left");
    let conn = rusqlite::Connection::open(data.join(cnscd::store::DB_FILE)).expect("db");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok", "corrupt database");
    conn
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

/// How many renames a killed process left in the journal of outputs (finished by the next
/// start): read before the next start, so the figures show the commit-to-rename window is hit.
fn pending_renames(data: &Path) -> i64 {
    let conn = rusqlite::Connection::open(data.join(cnscd::store::DB_FILE)).expect("db");
    count(&conn, "SELECT count(*) FROM pending_outputs")
}

const ACTIVE: &str = "SELECT count(*) FROM memberships WHERE left_on IS NULL";

/// Runs `trial` `trials()` times with a kill moment drawn up to 1,2 × the uncut duration; prints
/// how many were killed before the end.
fn run_trials(name: &str, uncut: Duration, mut trial: impl FnMut(Duration)) {
    let seed: u64 = std::env::var("CNSCD_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let max = uncut.as_micros() as u64 * 12 / 10 + 1;
    for _ in 0..trials() {
        trial(Duration::from_micros(rng.gen_range(0..max)));
    }
    eprintln!(
        "crash {name}: {} trials, seed {seed}, uncut {uncut:?}",
        trials()
    );
}

#[test]
fn killed_imports_leave_the_database_old_or_new() {
    let src = Env::new();
    src.ok(&["sample", "--scale", "district"]);
    let roster = src.path("ds.xlsx");
    let units = src.path("dv.xlsx");
    src.ok(&["export", "roster", "-o", path_str(&roster)]);
    src.ok(&["export", "units", "-o", path_str(&units)]);
    let base = Env::new();
    base.ok(&["import", "units", path_str(&units)]);
    let base_db = base.path("base.db");
    base.ok(&["backup", "-o", path_str(&base_db)]);
    let fresh = |i: usize| {
        let d = base.path(&format!("t{i}"));
        std::fs::create_dir_all(&d).expect("dir");
        std::fs::copy(&base_db, d.join(cnscd::store::DB_FILE)).expect("copy");
        d
    };
    let want = i64::try_from(
        cnscd::store::members::active(src.store().conn(), None)
            .expect("m")
            .len(),
    )
    .expect("n");
    let uncut = duration(cnscd(&fresh(0), &["import", "roster", path_str(&roster)]));
    let mut i = 1;
    run_trials("import", uncut, |at| {
        let data = fresh(i);
        i += 1;
        kill_after(cnscd(&data, &["import", "roster", path_str(&roster)]), at);
        let conn = next_start(&data, &[]);
        let n = count(&conn, ACTIVE);
        assert!(n == 0 || n == want, "mixed state: {n} of {want}");
    });
}

#[test]
fn killed_restores_and_backups_leave_the_database_old_or_new() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let old = env.store().checksum().expect("sum");
    // The backup holds the commune with one member fewer.
    let other = Env::new();
    other.ok(&["sample", "--scale", "commune"]);
    other
        .store()
        .transaction(|tx| {
            tx.execute("DELETE FROM memberships WHERE member_id = 1", [])?;
            Ok(())
        })
        .expect("change");
    let new = other.store().checksum().expect("sum");
    let backup = other.path("b.db");
    other.ok(&["backup", "-o", path_str(&backup)]);
    let uncut = duration(cnscd(&env.data(), &["restore", path_str(&backup)]));
    env.ok(&[
        "restore",
        path_str(
            &env.data().join("backups").join(
                std::fs::read_dir(env.data().join("backups"))
                    .expect("b")
                    .next()
                    .expect("kept")
                    .expect("e")
                    .file_name(),
            ),
        ),
    ]);
    std::fs::remove_dir_all(env.data().join("backups")).expect("clear");
    assert_eq!(env.store().checksum().expect("sum"), old);
    run_trials("restore", uncut, |at| {
        kill_after(cnscd(&env.data(), &["restore", path_str(&backup)]), at);
        next_start(&env.data(), &[]);
        let now = env.store().checksum().expect("sum");
        assert!(
            now == old || now == new,
            "mixed state after a killed restore"
        );
        if now == new {
            // Back to the old state for the next trial, through a plain copy.
            let kept = std::fs::read_dir(env.data().join("backups"))
                .expect("kept")
                .map(|e| e.expect("e").path())
                .find(|p| p.extension().is_some_and(|e| e == "db"))
                .expect("the replaced database is kept");
            let c = rusqlite::Connection::open(&kept).expect("kept");
            assert_eq!(
                count(&c, ACTIVE) as usize,
                cnscd::store::members::active(env.store().conn(), None)
                    .expect("m")
                    .len()
                    + 1
            );
            drop(c);
            env.ok(&["restore", path_str(&kept)]);
        }
        let _ = std::fs::remove_dir_all(env.data().join("backups"));
    });
    let out = env.path("ra");
    std::fs::create_dir_all(&out).expect("dir");
    let dest = out.join("sao-luu.db");
    let uncut = duration(cnscd(&env.data(), &["backup", "-o", path_str(&dest)]));
    run_trials("backup", uncut, |at| {
        let _ = std::fs::remove_file(&dest);
        let before = env.store().checksum().expect("sum");
        kill_after(cnscd(&env.data(), &["backup", "-o", path_str(&dest)]), at);
        next_start(&env.data(), &[&out]);
        assert_eq!(env.store().checksum().expect("sum"), before);
        if dest.exists() {
            cnscd::store::check_database_file(&dest).expect("a backup that exists is whole");
        }
    });
}

/// Every output file in `dir` has its register entry (and the recorded SHA-256); returns how
/// many entries point into `dir`.
fn outputs_match_register(conn: &rusqlite::Connection, dir: &Path) -> usize {
    let mut stmt = conn
        .prepare("SELECT output_path, sha256 FROM documents WHERE output_path IS NOT NULL")
        .expect("register");
    let entries: Vec<(String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.expect("e").path()).collect())
        .unwrap_or_default();
    for f in &files {
        assert!(
            entries.iter().any(|(p, _)| Path::new(p) == f),
            "output without its register entry: {}",
            f.display()
        );
    }
    for (p, sha) in &entries {
        if Path::new(p).starts_with(dir) {
            // A kill between the register's commit and the renames is finished by the next
            // start (the journal of outputs): the file is there, and it is the one registered.
            let bytes = std::fs::read(p).unwrap_or_else(|_| panic!("entry without its file: {p}"));
            assert_eq!(
                sha.as_deref(),
                Some(cnscd::sign::sha256_hex(&bytes).as_str()),
                "file and register differ: {p}"
            );
        }
    }
    entries
        .iter()
        .filter(|(p, _)| Path::new(p).starts_with(dir))
        .count()
}

#[test]
fn killed_batches_leave_outputs_and_register_together() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "district"]);
    let base_db = env.path("base.db");
    env.ok(&["backup", "-o", path_str(&base_db)]);
    let out = env.path("qd");
    let args = |o: &Path| -> Vec<String> {
        [
            "draft",
            "decision",
            "--unit",
            "Hòa Vang",
            "--each",
            "-o",
            path_str(o),
        ]
        .map(String::from)
        .to_vec()
    };
    let run = |o: &Path| {
        let a = args(o);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        cnscd(&env.data(), &a)
    };
    let uncut = duration(run(&out));
    let all = outputs_match_register(
        &rusqlite::Connection::open(env.data().join(cnscd::store::DB_FILE)).expect("db"),
        &out,
    );
    assert!(all > 10, "{all}");
    let (mut i, mut finished) = (0, 0);
    run_trials("batch", uncut, |at| {
        env.ok(&["restore", path_str(&base_db)]);
        let _ = std::fs::remove_dir_all(env.data().join("backups"));
        i += 1;
        let o = env.path(&format!("qd{i}"));
        kill_after(run(&o), at);
        finished += i64::from(pending_renames(&env.data()) > 0);
        let conn = next_start(&env.data(), &[&o]);
        let n = outputs_match_register(&conn, &o);
        assert!(
            n == 0 || n == all,
            "a batch is whole or absent: {n} of {all}"
        );
    });

    eprintln!("crash batch: {finished} batches finished by the next start");
}

/// Issuing rewrites the draft's file with its number: killed at any moment, the file and the
/// register agree at the next start (the draft and its file, or the numbered entry and its
/// numbered file).
#[test]
fn killed_issues_leave_the_file_and_the_register_together() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let one = env.path("mot");
    std::fs::create_dir_all(&one).expect("dir");
    let pdf = one.join("qd.pdf");
    env.ok(&[
        "draft",
        "decision",
        "--unit",
        "Hòa Bắc",
        "-o",
        path_str(&pdf),
    ]);
    let drafted_db = env.path("drafted.db");
    env.ok(&["backup", "-o", path_str(&drafted_db)]);
    let drafted_pdf = std::fs::read(&pdf).expect("pdf");
    let id: i64 = count(
        &rusqlite::Connection::open(env.data().join(cnscd::store::DB_FILE)).expect("db"),
        "SELECT max(id) FROM documents",
    );
    let id = id.to_string();
    let uncut = duration(cnscd(&env.data(), &["issue", &id]));
    let (mut issued, mut drafts, mut finished) = (0, 0, 0);
    run_trials("issue", uncut, |at| {
        env.ok(&["restore", path_str(&drafted_db)]);
        let _ = std::fs::remove_dir_all(env.data().join("backups"));
        std::fs::write(&pdf, &drafted_pdf).expect("reset");
        kill_after(cnscd(&env.data(), &["issue", &id]), at);
        finished += pending_renames(&env.data());
        let conn = next_start(&env.data(), &[&one]);
        assert_eq!(outputs_match_register(&conn, &one), 1);
        let numbered = count(
            &conn,
            &format!("SELECT count(*) FROM documents WHERE id = {id} AND number IS NOT NULL"),
        );
        if numbered == 1 {
            issued += 1;
        } else {
            drafts += 1;
            assert_eq!(
                std::fs::read(&pdf).expect("pdf"),
                drafted_pdf,
                "the draft is intact"
            );
        }
    });
    eprintln!(
        "crash issue: {issued} issued (file numbered), {drafts} still drafts (file as drafted); \
         {finished} renames finished by the next start"
    );
}

#[test]
fn killed_signing_leaves_no_signed_file_without_its_register_entry() {
    if !has_tool("openssl") {
        assert!(
            std::env::var_os("CI").is_none(),
            "openssl is required in CI"
        );
        return;
    }
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let pki = crate::signing::Pki::new(env.dir.path());
    let dir = env.path("ky");
    std::fs::create_dir_all(&dir).expect("dir");
    let pdf = dir.join("qd.pdf");
    env.ok(&[
        "draft",
        "decision",
        "--unit",
        "Hòa Bắc",
        "-o",
        path_str(&pdf),
    ]);
    let id: i64 = count(
        &rusqlite::Connection::open(env.data().join(cnscd::store::DB_FILE)).expect("db"),
        "SELECT max(id) FROM documents",
    );
    env.ok(&["issue", &id.to_string()]);
    let issued_db = env.path("issued.db");
    env.ok(&["backup", "-o", path_str(&issued_db)]);
    let signed = dir.join("qd-da-ky.pdf");
    let sign = || {
        let mut c = cnscd(
            &env.data(),
            &[
                "sign",
                path_str(&pdf),
                "-o",
                path_str(&signed),
                "--p12",
                &pki.path("signer.p12"),
                "--password-env",
                "P12_PASS",
            ],
        );
        // The test certificates are valid from today on.
        c.env("P12_PASS", crate::signing::PASSWORD)
            .env_remove("CNSCD_TODAY");
        c
    };
    let uncut = duration(sign());
    let status_after = |conn: &rusqlite::Connection| -> String {
        conn.query_row("SELECT status FROM documents WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .expect("status")
    };
    let uncut_status = status_after(
        &rusqlite::Connection::open(env.data().join(cnscd::store::DB_FILE)).expect("db"),
    );
    let (mut signed_n, mut unsigned_n, mut finished) = (0, 0, 0);
    run_trials("sign", uncut, |at| {
        env.ok(&["restore", path_str(&issued_db)]);
        let _ = std::fs::remove_dir_all(env.data().join("backups"));
        let _ = std::fs::remove_file(&signed);
        kill_after(sign(), at);
        finished += pending_renames(&env.data());
        let conn = next_start(&env.data(), &[&dir]);
        let status: String = conn
            .query_row("SELECT status FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .expect("status");
        assert_eq!(
            signed.exists(),
            status == "signed",
            "signed file {} / register {status} (uncut {uncut_status}) at {at:?}",
            signed.exists()
        );
        if signed.exists() {
            signed_n += 1;
            let sha: String = conn
                .query_row("SELECT sha256 FROM documents WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .expect("sha");
            let bytes = std::fs::read(&signed).expect("signed");
            assert_eq!(
                sha,
                cnscd::sign::sha256_hex(&bytes),
                "the signed file is the registered one"
            );
        } else {
            unsigned_n += 1;
        }
    });
    eprintln!(
        "crash sign: {signed_n} signed (file and «đã ký»), {unsigned_n} not (neither); \
         {finished} renames finished by the next start"
    );
}
