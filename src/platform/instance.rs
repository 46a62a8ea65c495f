//! One window per data folder. The first window takes an operating-system lock on
//! `cnscd.lock` in the data folder (`File::try_lock`: `flock` on Linux and macOS, `LockFileEx` on
//! Windows; released by the system when the process ends, even after a crash) and listens on a
//! loopback port for "raise" requests; the port and a random token go to `cnscd.instance`
//! beside it (a separate file, because Windows forbids reading a locked file). A second start on
//! the same folder finds the lock taken, asks the first window to come forward, and stops, so
//! only one process ever writes the database from a window.
//!
//! The command line does not take the lock: its commands are short and the database handles
//! their concurrency with the window.

use std::fs::{File, OpenOptions};
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};

/// The lock file's name in the data folder.
pub const LOCK_FILE: &str = "cnscd.lock";
/// Where the first window says how to reach it.
pub const INFO_FILE: &str = "cnscd.instance";

/// How long a second start waits for the first to answer.
const ANSWER_WAIT: Duration = Duration::from_secs(3);

/// What starting a window on a data folder found.
#[derive(Debug)]
pub enum Claim {
    /// This is the only window: keep the guard for the life of the window.
    First(Guard),
    /// Another window holds the folder.
    AlreadyOpen {
        /// Whether that window was asked to come forward and said it would.
        raised: bool,
    },
}

/// The held lock and the listener of the first window.
#[derive(Debug)]
pub struct Guard {
    _lock: Option<File>,
    listener: TcpListener,
    token: String,
}

/// Claims `data_dir` for a window.
pub fn claim(data_dir: &Path) -> Result<Claim> {
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
    let lock_path = data_dir.join(LOCK_FILE);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, e))?;
    let lock = match lock.try_lock() {
        Ok(()) => Some(lock),
        Err(std::fs::TryLockError::WouldBlock) => {
            let raised = ask_to_raise(data_dir);
            tracing::info!(raised, "a window is already open on this data folder");
            return Ok(Claim::AlreadyOpen { raised });
        }
        // A file system without locks (some network shares): the window still opens; two
        // windows there would rely on SQLite's own locking, as commands do.
        Err(std::fs::TryLockError::Error(e)) => {
            tracing::warn!(error = %e, "no file lock on this data folder");
            None
        }
    };
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| Error::io(data_dir.join(INFO_FILE), e))?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::io(data_dir.join(INFO_FILE), e))?
        .port();
    let token = format!("{:032x}", rand::random::<u128>());
    let info = data_dir.join(INFO_FILE);
    crate_write(
        &info,
        format!("{} {port} {token}\n", std::process::id()).as_bytes(),
    )?;
    Ok(Claim::First(Guard {
        _lock: lock,
        listener,
        token,
    }))
}

fn crate_write(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = File::create(path).map_err(|e| Error::io(path, e))?;
    f.write_all(bytes).map_err(|e| Error::io(path, e))
}

impl Guard {
    /// Serves raise requests on a thread for the rest of the process (which keeps the lock):
    /// `raise` is called for each second start.
    pub fn serve(self, raise: impl Fn() + Send + 'static) {
        std::thread::spawn(move || {
            let Guard {
                _lock,
                listener,
                token,
            } = self;
            for stream in listener.incoming().flatten() {
                if answer(stream, &token) {
                    tracing::info!("a second start asked this window to come forward");
                    raise();
                }
            }
            drop(_lock);
        });
    }
}

/// Reads one request; true when it carries the token (answered "ok").
fn answer(mut stream: TcpStream, token: &str) -> bool {
    let _ = stream.set_read_timeout(Some(ANSWER_WAIT));
    let mut line = String::new();
    let Ok(reader) = stream.try_clone() else {
        return false;
    };
    if BufReader::new(reader).read_line(&mut line).is_err() {
        return false;
    }
    let ok = line.trim_end() == format!("raise {token}");
    if ok {
        let _ = stream.write_all(b"ok\n");
    }
    ok
}

/// Asks the window holding `data_dir` to come forward; true when it answered. The first window
/// may still be writing its info file, so a missing or stale one is read again for a moment.
fn ask_to_raise(data_dir: &Path) -> bool {
    let info: PathBuf = data_dir.join(INFO_FILE);
    let deadline = std::time::Instant::now() + ANSWER_WAIT;
    loop {
        if let Some((port, token)) = read_info(&info)
            && send_raise(port, &token)
        {
            return true;
        }
        if std::time::Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn read_info(info: &Path) -> Option<(u16, String)> {
    let text = std::fs::read_to_string(info).ok()?;
    let mut parts = text.split_whitespace();
    let _pid = parts.next()?;
    let port = parts.next()?.parse().ok()?;
    Some((port, parts.next()?.to_string()))
}

fn send_raise(port: u16, token: &str) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, ANSWER_WAIT) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(ANSWER_WAIT));
    if stream
        .write_all(format!("raise {token}\n").as_bytes())
        .is_err()
    {
        return false;
    }
    let mut reply = String::new();
    BufReader::new(stream).read_line(&mut reply).is_ok() && reply.trim_end() == "ok"
}

/// What a second start tells the clerk.
pub fn already_open_message(data_dir: &Path, raised: bool) -> String {
    if raised {
        format!(
            "Chương trình đã mở với thư mục dữ liệu {}: đã đưa cửa sổ đang mở lên trước.",
            data_dir.display()
        )
    } else {
        format!(
            "Chương trình đã mở với thư mục dữ liệu {}. Hãy dùng cửa sổ đang mở (xem trên thanh tác vụ); \
             hai cửa sổ cùng ghi một cơ sở dữ liệu có thể làm mất dữ liệu.",
            data_dir.display()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_second_claim_raises_the_first_and_a_wrong_token_is_ignored() {
        let dir = tempfile::tempdir().expect("dir");
        let Claim::First(guard) = claim(dir.path()).expect("first") else {
            panic!("the folder is free");
        };
        let (tx, rx) = mpsc::channel();
        guard.serve(move || {
            let _ = tx.send(());
        });
        let Claim::AlreadyOpen { raised } = claim(dir.path()).expect("second") else {
            panic!("the folder is taken");
        };
        assert!(raised);
        rx.recv_timeout(Duration::from_secs(5))
            .expect("the first window was asked to come forward");
        // A wrong token is not obeyed.
        let (port, _) = read_info(&dir.path().join(INFO_FILE)).expect("info");
        assert!(!send_raise(port, "sai"));
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
    }

    #[test]
    fn a_lock_left_by_a_dead_process_does_not_block() {
        let dir = tempfile::tempdir().expect("dir");
        // A stale info file and lock file from a crashed window: no lock is held on them.
        std::fs::write(dir.path().join(LOCK_FILE), b"").expect("lock");
        std::fs::write(dir.path().join(INFO_FILE), b"1 1 x\n").expect("info");
        assert!(matches!(claim(dir.path()).expect("claim"), Claim::First(_)));
    }
}
