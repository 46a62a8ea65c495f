//! Putting bytes on disk safely: a temporary file beside the destination (`.cnscd-tmp-…`),
//! synced, then renamed over it, so a reader never sees half a file and a failure leaves no
//! output (`store::files`, shared with the register's staged outputs).

use std::path::Path;

use crate::error::{Error, Result};

pub use crate::store::files::{Staged, parent_of, write_atomic};

/// Reads a file the clerk named.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// The SHA-256 of bytes, in hex: what the register records of a file.
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::sign::sha256_hex(bytes)
}
