//! The crate's one error type. Every message is written for a clerk, in Vietnamese, and names the
//! file, row, column and reason where there is one. `Clone` (through `Arc`) so the window can keep
//! an error in its state and show it again.

use std::path::PathBuf;
use std::sync::Arc;

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, in words a clerk can act on.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The database refused an operation.
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Db(Arc<rusqlite::Error>),
    /// A file could not be read or written.
    #[error("Không đọc/ghi được tệp {}: {source}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The operating system's reason.
        source: Arc<std::io::Error>,
    },
    /// The input or the data was refused (exit code 1); the text says why.
    #[error("{0}")]
    Invalid(String),
    /// Something named by the user does not exist.
    #[error("Không tìm thấy {0}.")]
    NotFound(String),
    /// A unit name matched several units.
    #[error("Tên \"{query}\" khớp với nhiều đơn vị, hãy dùng mã đơn vị: {}", candidates.join("; "))]
    Ambiguous {
        /// What the user typed.
        query: String,
        /// The units it matched, as "code – full name".
        candidates: Vec<String>,
    },
    /// An import was refused; the report lists every problem.
    #[error("{0}")]
    Refused(Arc<crate::import::Report>),
    /// A feature that this build does not offer yet.
    #[error("Chức năng này chưa hỗ trợ: {0}")]
    Unsupported(String),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source: Arc::new(source),
        }
    }

    /// Shorthand for a refusal with a message.
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    /// The process exit code the command line uses for this error (interfaces.md §1).
    pub fn exit_code(&self) -> i32 {
        1
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(Arc::new(e))
    }
}
