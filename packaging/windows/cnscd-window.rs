//! `cnscd-window.exe`, what the Start menu and the desktop shortcut start on Windows.
//!
//! `cnscd.exe` is a console program, so that `cnscd list units`, `cnscd draft …` and every other
//! command print in the terminal that ran them and scripts get their exit codes (a program of
//! the Windows subsystem returns to the prompt at once and loses both). Started from a
//! shortcut, a console program would also open an empty black console beside the window. This
//! small program of the Windows subsystem starts `cnscd.exe` beside it with no console
//! (`CREATE_NO_WINDOW`), passing its arguments on, and returns its exit code. It holds no other
//! logic and needs no unsafe code, unlike attaching to a parent console with `AttachConsole`.
//!
//! Built only with `--features windows-launcher` (see README, Windows build).

#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let name = if cfg!(windows) { "cnscd.exe" } else { "cnscd" };
    let Some(program) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join(name)))
    else {
        return ExitCode::from(3);
    };
    let mut command = Command::new(program);
    command.args(std::env::args_os().skip(1));
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt as _;
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        command.creation_flags(CREATE_NO_WINDOW);
    }
    match command.status() {
        Ok(status) => ExitCode::from(status.code().map_or(1, |c| c.clamp(0, 255) as u8)),
        Err(_) => ExitCode::from(3),
    }
}
