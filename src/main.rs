//! The `cnscd` binary: no command opens the window, any command runs the command line.

use clap::Parser;

fn main() -> std::process::ExitCode {
    cnscd::cli::init_tracing();
    let cli = cnscd::cli::Cli::parse();
    if cli.command.is_some() {
        return cnscd::cli::run(cli);
    }
    let ws = cnscd::ops::Workspace::resolve(cli.data_dir);
    match cnscd::app::run(ws) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Không mở được cửa sổ: {e}");
            std::process::ExitCode::from(e.exit_code())
        }
    }
}
