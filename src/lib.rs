//! cnscd: the registry of Tổ Công nghệ số cộng đồng (community digital-technology teams) and the
//! official documents, reports and signatures drawn from it.
//!
//! Layers, each importing only those below it (a test holds the code to them):
//! - `model` (plain vocabulary), `error`, `vietnamese` (text rules);
//! - side by side: `store` (the only SQL), `document` (templates → `Document`, pure), `export`
//!   (values → bytes), `import` (files → checked rows and problems, writing nothing), `report`
//!   (aggregation), `sign` (PAdES), `sample` (generated values); `document` may read `report`
//!   values and `export` may read `document` and `report` values;
//! - `ops`: one function per thing a clerk does, the only place combining the above with files
//!   and the moment the faces give;
//! - the two faces, `cli` and `app` (the window), which call `ops` and never each other.

#[cfg(feature = "window")]
pub mod app;
pub mod cli;
pub mod document;
pub mod error;
pub mod export;
pub mod import;
pub mod model;
pub mod ops;
pub mod platform;
pub mod report;
pub mod sample;
pub mod sign;
pub mod store;
pub mod vietnamese;

pub use error::{Error, Result};
pub use store::Store;
