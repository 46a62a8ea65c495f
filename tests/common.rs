//! Helpers shared by the integration tests: a temporary data dir and a way to run the binary.

#![allow(dead_code, reason = "each test module uses a different subset")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary data dir that is removed at the end of the test.
pub struct Env {
    /// Keeps the directory alive.
    pub dir: tempfile::TempDir,
}

impl Env {
    /// A fresh, empty data dir.
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temporary dir"),
        }
    }

    /// The data dir.
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// A path inside the temporary dir (for output files).
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `cnscd --data-dir <data> args…`.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(&self.data(), args)
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "cnscd {args:?} failed ({:?}):\nstdout: {}\nstderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Opens the database of this env.
    pub fn store(&self) -> cnscd::Store {
        cnscd::Store::open_dir(&self.data()).expect("open store")
    }
}

/// Fills an empty store with the sample at `scale` as of today.
pub fn sample_into(store: &mut cnscd::Store, scale: cnscd::ops::sample::Scale, seed: u64) {
    sample_on(store, scale, seed, chrono::Local::now().date_naive());
}

/// Fills an empty store with the sample at `scale` as of `today`.
pub fn sample_on(
    store: &mut cnscd::Store,
    scale: cnscd::ops::sample::Scale,
    seed: u64,
    today: chrono::NaiveDate,
) {
    cnscd::ops::sample::sample(
        store,
        scale,
        seed,
        today,
        &std::sync::atomic::AtomicBool::new(false),
    )
    .expect("sample");
}

/// Runs the binary with a data dir.
pub fn run_in(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("CNSCD_DATA_DIR")
        .output()
        .expect("run cnscd")
}

/// Whether a command-line tool is on PATH (poppler, libreoffice …).
pub fn has_tool(name: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Requires a tool: in CI (`CI` set) its absence fails the test, elsewhere it is reported.
pub fn require_tool(name: &str) -> bool {
    if has_tool(name) {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{name} is required in CI (.ci/run installs it)"
    );
    eprintln!("skipping: {name} not installed");
    false
}
