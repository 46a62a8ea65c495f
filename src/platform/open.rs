//! Opening a file or folder with the system's viewer, printing a file, and showing a file in its
//! folder, each with the platform's own way:
//!
//! | | Windows | Linux | macOS |
//! |---|---|---|---|
//! | open | `explorer.exe FILE` (ShellExecute «open» of the file's association) | `xdg-open` | `open` |
//! | print | PowerShell `Start-Process -Verb Print` (ShellExecute «print») | `lp` (CUPS) | `lpr` |
//! | reveal | `explorer.exe /select,"FILE"` | `xdg-open` on the folder | `open -R` |
//!
//! Every failure comes back as a Vietnamese error naming the file and the program missing or
//! failing, so the window can show it instead of doing nothing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::error::{Error, Result};

/// How long to wait for an opener to say it failed: `xdg-open` and `open` return at once when
/// they hand the file over, but some desktops keep `xdg-open` running as long as the viewer.
const OPENER_WAIT: Duration = Duration::from_secs(3);

/// Opens a file with its usual program, or a folder in the file manager.
pub fn open(path: &Path) -> Result<()> {
    exists(path)?;
    run(opener(path), path, "mở", OPENER_WAIT)
}

/// Sends a file to the default printer (the program registered to print that kind of file on
/// Windows, CUPS on Linux and macOS).
pub fn print(path: &Path) -> Result<()> {
    exists(path)?;
    run(printer(path), path, "in", Duration::from_secs(30))
}

/// Shows a file selected in its folder (Windows, macOS) or opens its folder (Linux, where no
/// file manager command is common to every desktop). A folder is opened.
pub fn reveal(path: &Path) -> Result<()> {
    exists(path)?;
    if path.is_dir() {
        return open(path);
    }
    run(revealer(path), path, "mở thư mục chứa", OPENER_WAIT)
}

fn exists(path: &Path) -> Result<()> {
    if path.exists() {
        Ok(())
    } else {
        Err(Error::not_allowed(format!(
            "Không tìm thấy {}: tệp hoặc thư mục đã bị xóa hay đổi tên.",
            path.display()
        )))
    }
}

/// A program to start, how a clerk gets it when it is missing.
struct Tool {
    command: Command,
    name: &'static str,
    install: &'static str,
    /// Whether its exit code means anything (Explorer's does not).
    checked: bool,
}

#[cfg(windows)]
fn opener(path: &Path) -> Tool {
    let mut command = Command::new("explorer.exe");
    command.arg(path);
    Tool {
        command,
        name: "explorer.exe",
        install: "Windows luôn có chương trình này; hãy kiểm tra tệp có được gắn với một chương trình xem không",
        checked: false,
    }
}

#[cfg(target_os = "macos")]
fn opener(path: &Path) -> Tool {
    let mut command = Command::new("open");
    command.arg(path);
    Tool {
        command,
        name: "open",
        install: "macOS luôn có chương trình này",
        checked: true,
    }
}

#[cfg(not(any(windows, target_os = "macos")))]
fn opener(path: &Path) -> Tool {
    let mut command = Command::new("xdg-open");
    command.arg(path);
    Tool {
        command,
        name: "xdg-open",
        install: "hãy cài gói xdg-utils",
        checked: true,
    }
}

#[cfg(windows)]
fn printer(path: &Path) -> Tool {
    // The path goes through the environment, not the command text, so no quoting can break it.
    let mut command = Command::new("powershell.exe");
    command
        .args([
            "-NoProfile",
            "-NonInteractive",
            "-Command",
            "Start-Process -FilePath $env:CNSCD_PRINT_FILE -Verb Print",
        ])
        .env("CNSCD_PRINT_FILE", path);
    Tool {
        command,
        name: "powershell.exe",
        install: "hãy cài một chương trình xem PDF có chức năng in (ví dụ Adobe Acrobat Reader)",
        checked: true,
    }
}

#[cfg(target_os = "macos")]
fn printer(path: &Path) -> Tool {
    let mut command = Command::new("lpr");
    command.arg(path);
    Tool {
        command,
        name: "lpr",
        install: "hãy thêm máy in trong Cài đặt hệ thống",
        checked: true,
    }
}

#[cfg(not(any(windows, target_os = "macos")))]
fn printer(path: &Path) -> Tool {
    let mut command = Command::new("lp");
    command.arg("--").arg(path);
    Tool {
        command,
        name: "lp",
        install: "hãy cài gói cups-client và chọn một máy in mặc định",
        checked: true,
    }
}

#[cfg(windows)]
fn revealer(path: &Path) -> Tool {
    use std::os::windows::process::CommandExt as _;
    // Explorer reads `/select,"C:\…"` as one argument, which the usual quoting would break;
    // a Windows path cannot contain `"`, so the raw argument is safe.
    let mut command = Command::new("explorer.exe");
    command.raw_arg(format!("/select,\"{}\"", path.display()));
    Tool {
        command,
        name: "explorer.exe",
        install: "Windows luôn có chương trình này",
        checked: false,
    }
}

#[cfg(target_os = "macos")]
fn revealer(path: &Path) -> Tool {
    let mut command = Command::new("open");
    command.arg("-R").arg(path);
    Tool {
        command,
        name: "open",
        install: "macOS luôn có chương trình này",
        checked: true,
    }
}

#[cfg(not(any(windows, target_os = "macos")))]
fn revealer(path: &Path) -> Tool {
    opener(path.parent().unwrap_or(path))
}

/// Starts the tool and waits up to `wait` for it to fail; one still running then is taken to
/// have handed the file over (a thread reaps it when it ends).
fn run(mut tool: Tool, path: &Path, verb: &str, wait: Duration) -> Result<()> {
    let mut child = tool
        .command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            let why = if e.kind() == std::io::ErrorKind::NotFound {
                format!(
                    "máy này không có chương trình {} ({})",
                    tool.name, tool.install
                )
            } else {
                format!("không chạy được chương trình {}", tool.name)
            };
            tracing::warn!(program = tool.name, error = %e, "could not start a system program");
            Error::not_allowed(format!("Không {verb} được {}: {why}.", path.display()))
        })?;
    let started = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() || !tool.checked => return Ok(()),
            Ok(Some(status)) => {
                let mut said = String::new();
                if let Some(mut err) = child.stderr.take() {
                    use std::io::Read as _;
                    let _ = err.read_to_string(&mut said);
                }
                tracing::warn!(program = tool.name, code = ?status.code(), stderr = %said.trim(), "system program failed");
                return Err(Error::not_allowed(format!(
                    "Không {verb} được {}: chương trình {} báo lỗi (mã {}){}.",
                    path.display(),
                    tool.name,
                    status.code().map_or("?".to_string(), |c| c.to_string()),
                    hint(tool.name, &said)
                )));
            }
            Ok(None) if started.elapsed() < wait => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) => {
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Err(e) => return Err(Error::io(path, e)),
        }
    }
}

/// What the usual failures of the tools mean, in the clerk's words (their own text is English).
fn hint(program: &str, stderr: &str) -> &'static str {
    let s = stderr.to_ascii_lowercase();
    match program {
        "lp" | "lpr" if s.contains("destination") || s.contains("no default") => {
            ": chưa chọn máy in mặc định"
        }
        "lp" | "lpr" if s.contains("scheduler") || s.contains("connect") => {
            ": dịch vụ in (CUPS) chưa chạy"
        }
        "xdg-open" | "open" => ": không có chương trình nào được gắn để mở loại tệp này",
        "powershell.exe" => ": không có chương trình nào được gắn để in loại tệp này",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_named() {
        let e = open(Path::new("/không/có/tệp.pdf")).expect_err("missing");
        assert!(e.to_string().contains("tệp.pdf"), "{e}");
        assert!(e.to_string().contains("Không tìm thấy"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_missing_program_is_named_in_vietnamese() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("a.pdf");
        std::fs::write(&file, b"%PDF").expect("write");
        let mut tool = opener(&file);
        tool.command.env("PATH", "/nonexistent");
        let e = run(tool, &file, "mở", OPENER_WAIT).expect_err("no xdg-open");
        let s = e.to_string();
        assert!(
            s.contains("a.pdf") && s.contains("xdg-open") && s.contains("không có"),
            "{s}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_program_is_reported_with_its_meaning() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("b.pdf");
        std::fs::write(&file, b"%PDF").expect("write");
        let mut command = Command::new("sh");
        command.args([
            "-c",
            "echo 'lp: Error - No default destination.' >&2; exit 1",
        ]);
        let tool = Tool {
            command,
            name: "lp",
            install: "",
            checked: true,
        };
        let e = run(tool, &file, "in", OPENER_WAIT).expect_err("lp fails");
        let s = e.to_string();
        assert!(s.contains("b.pdf") && s.contains("máy in mặc định"), "{s}");
        assert!(!s.contains("destination"), "no English text: {s}");
    }
}
