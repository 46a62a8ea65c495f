//! The `cnscd` binary: no command opens the window, any command runs the command line.

fn main() -> std::process::ExitCode {
    let cli = cnscd::cli::parse();
    let ws = cnscd::ops::Workspace::resolve(cli.data_dir);
    cnscd::platform::log::init(ws.data_dir(), cli.command.is_none());
    if let Some(command) = cli.command {
        return cnscd::cli::run(command, &ws);
    }
    window(ws)
}

#[cfg(feature = "window")]
fn window(ws: cnscd::ops::Workspace) -> std::process::ExitCode {
    match cnscd::app::run(ws) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Không mở được cửa sổ: {e}");
            std::process::ExitCode::from(e.exit_code())
        }
    }
}

/// A build without the window (`--no-default-features`) still runs every command.
#[cfg(not(feature = "window"))]
fn window(_ws: cnscd::ops::Workspace) -> std::process::ExitCode {
    eprintln!("Bản cnscd này được dựng không có cửa sổ; hãy gõ một lệnh, ví dụ: cnscd --help");
    std::process::ExitCode::from(2)
}
