//! What differs between Windows, Linux and macOS, in one place: opening, printing and revealing a
//! file with the system's own programs (`open`), one window per data folder (`instance`), the
//! rotating log file (`log`), the password prompt (`password`), and what the program says about
//! itself (`about`). It imports only `model`, `error` and `vietnamese`; what it needs from
//! elsewhere (the schema version) comes in as an argument.
//!
//! Every difference between the platforms is handled here with `cfg` and documented where it is;
//! no other module starts a program.

pub mod about;
pub mod instance;
pub mod log;
pub mod open;
pub mod password;
