//! The log a clerk can send to support: `logs/cnscd.log` in the data folder, rotated by size
//! (`cnscd.log` → `cnscd.1.log` → … → `cnscd.3.log`, 1 MiB each, so at most 4 MiB), plus the
//! window's events and every command's warnings and faults (`CNSCD_LOG` sends them to standard
//! error instead).
//!
//! What goes in: event kinds, counts, durations, paths of the program's own files, errors. What
//! never goes in: member names, phone numbers, passwords or PINs; callers log kinds and counts,
//! not the rows.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer as _};

/// The log folder inside the data folder.
pub const DIR: &str = "logs";
/// The current log file's name.
pub const FILE: &str = "cnscd.log";
/// Size at which the file is rotated.
pub const MAX_BYTES: u64 = 1024 * 1024;
/// How many older files are kept beside the current one.
pub const KEPT: usize = 3;

/// The log folder of a data folder.
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DIR)
}

/// Starts logging. With `CNSCD_LOG` set (`info`, `debug`, any tracing filter) that level goes
/// to standard error and nowhere else (scripts, support on the phone). Otherwise the rotating
/// file in `data_dir/logs` gets the window's events of level info and above, or a command's
/// warnings and faults, with the libraries' own words: a clerk reads the Vietnamese messages
/// only, never a library's English. The file is opened at its first line, so a command with
/// nothing to report leaves no folder behind; a data folder that cannot hold the log (read
/// only, a full disk) loses the log, never the work.
pub fn init(data_dir: &Path, window: bool) {
    if let Ok(filter) = EnvFilter::try_from_env("CNSCD_LOG") {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(io::stderr)
            .try_init();
        return;
    }
    let filter = if window {
        "info,wgpu=warn,naga=warn,cosmic_text=warn,iced_winit=warn,iced_wgpu=warn"
    } else {
        "warn"
    };
    let file = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_target(false)
        .with_writer(Rotating::open(&dir(data_dir)))
        .with_filter(EnvFilter::new(filter));
    let _ = tracing_subscriber::registry().with(file).try_init();
}

/// A log file that starts over in a fresh file once it reaches `MAX_BYTES`, keeping `KEPT`
/// older ones.
#[derive(Debug)]
pub struct Rotating {
    dir: PathBuf,
    max: u64,
    /// `None` until the first line is written.
    state: Mutex<Option<Current>>,
}

#[derive(Debug)]
struct Current {
    file: File,
    written: u64,
}

impl Rotating {
    /// The log in `dir`; the folder and file are made at the first line.
    pub fn open(dir: &Path) -> Rotating {
        Rotating::with_limit(dir, MAX_BYTES)
    }

    /// As `open`, rotating at `max` bytes.
    pub fn with_limit(dir: &Path, max: u64) -> Rotating {
        Rotating {
            dir: dir.to_path_buf(),
            max,
            state: Mutex::new(None),
        }
    }

    fn current(&self) -> io::Result<Current> {
        std::fs::create_dir_all(&self.dir)?;
        let file = append(&self.dir.join(FILE))?;
        let written = file.metadata()?.len();
        Ok(Current { file, written })
    }

    fn write_line(&self, buf: &[u8]) -> io::Result<()> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if state.is_none() {
            *state = Some(self.current()?);
        }
        let Some(cur) = state.as_mut() else {
            return Ok(());
        };
        if cur.written > 0 && cur.written + buf.len() as u64 > self.max {
            // Another process (a command beside the window) may have rotated already; the
            // renames are then of files that are gone, which is harmless.
            for i in (1..KEPT).rev() {
                let _ = std::fs::rename(self.numbered(i), self.numbered(i + 1));
            }
            let _ = std::fs::rename(self.dir.join(FILE), self.numbered(1));
            *cur = self.current()?;
        }
        cur.file.write_all(buf)?;
        cur.written += buf.len() as u64;
        Ok(())
    }

    fn numbered(&self, i: usize) -> PathBuf {
        self.dir.join(format!("cnscd.{i}.log"))
    }
}

fn append(path: &Path) -> io::Result<File> {
    OpenOptions::new().create(true).append(true).open(path)
}

/// The writer of one event: the formatter writes each event in one call, so a line is never
/// split across two files.
pub struct LineWriter<'a>(&'a Rotating);

impl Write for LineWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_line(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Rotating {
    type Writer = LineWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        LineWriter(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotates_by_size_and_keeps_three() {
        let dir = tempfile::tempdir().expect("dir");
        let log = Rotating::with_limit(dir.path(), 100);
        for i in 0..40 {
            let mut w = log.make_writer();
            w.write_all(format!("dòng {i:02} ........\n").as_bytes())
                .expect("write");
        }
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["cnscd.1.log", "cnscd.2.log", "cnscd.3.log", "cnscd.log"]
        );
        for n in &names {
            let len = std::fs::metadata(dir.path().join(n)).expect("size").len();
            assert!(len <= 100, "{n}: {len} bytes");
        }
        let current = std::fs::read_to_string(dir.path().join(FILE)).expect("read");
        assert!(current.ends_with("dòng 39 ........\n"), "{current}");
        let older = std::fs::read_to_string(dir.path().join("cnscd.1.log")).expect("read");
        assert!(
            !older.contains("dòng 39"),
            "the newest line is in the current file"
        );
        // Lines are whole in every file.
        for n in &names {
            let text = std::fs::read_to_string(dir.path().join(n)).expect("read");
            assert!(
                text.lines()
                    .all(|l| l.starts_with("dòng ") && l.ends_with('.')),
                "{text}"
            );
        }
    }
}
