//! The `cnscd` binary: no command opens the window, any command runs the command line.

fn main() -> std::process::ExitCode {
    cnscd::cli::main()
}
