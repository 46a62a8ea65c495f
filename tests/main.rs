//! The one integration-test binary (keeps link time down on a 2-core machine). Each module drives
//! the `cnscd` binary or the library with real files and checks real outcomes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its message"
)]

mod app;
mod common;
mod crash;
mod documents;
mod drift;
mod entry_files;
mod figures;
mod fit;
mod focal_export;
mod fuzz_corpus;
mod hostile;
mod indicators;
mod instance;
mod issuing;
mod layers;
mod layout;
mod lifecycle;
mod office_settings;
mod own_indicators;
mod parity;
mod pickers;
mod plans;
mod preview;
mod reader;
mod real_import;
mod registry;
mod render;
mod robust;
mod signing;
mod signing_corpus;
mod standalone;
mod targets_grid;
mod teams;
mod text;
mod tokens;
mod transfer;
mod usage;
mod verify_fuzz;
mod window;
mod window_files;
