//! cnscd: the registry of Tổ Công nghệ số cộng đồng (community digital-technology teams) and the
//! official documents, reports and signatures drawn from it.
//!
//! The library knows nothing of windows: `model` holds plain types, `store` the SQLite registry,
//! `import`/`export` the spreadsheet and document edges, `document` the templates and the
//! Nghị định 30 block model, `report` the indicators and periods, `sign` PAdES signatures. The
//! `cli` and `app` modules are the two front ends over the same functions.

pub mod app;
pub mod cli;
pub mod config;
pub mod document;
pub mod error;
pub mod export;
pub mod import;
pub mod model;
pub mod platform;
pub mod report;
pub mod sample;
pub mod sign;
pub mod store;
pub mod vietnamese;

pub use error::{Error, Result};
pub use store::Store;
