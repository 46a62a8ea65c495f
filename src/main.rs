//! The `cnscd` binary: no command opens the window, any command runs the command line.

fn main() -> std::process::ExitCode {
    let cli = cnscd::cli::parse();
    let ws = cnscd::ops::Workspace::resolve(cli.data_dir);
    cnscd::platform::log::init(ws.data_dir(), cli.command.is_none());
    if let Some(command) = cli.command {
        return cnscd::cli::run(command, &ws);
    }
    match cnscd::app::run(ws) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Không mở được cửa sổ: {e}");
            std::process::ExitCode::from(e.exit_code())
        }
    }
}
