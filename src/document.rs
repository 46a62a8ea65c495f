//! Official documents, pure: the templates (shipped, or a clerk's copy) filled from the facts the
//! store loads (minijinja) → the `Document` block model → the Nghị định 30 linter. The renderers
//! in `export` turn a `Document` into PDF or DOCX bytes.

pub mod context;
pub mod fill;
pub mod issuer;
pub mod legal;
pub mod lint;
pub mod model;
pub mod plan;
pub mod register;
pub mod sections;
pub mod template;
pub mod templates;

pub use context::ReportFigures;
pub use fill::{Drafted, Request};
pub use model::{
    Align, Appendix, Block, Cell, Document, Header, Margins, Orientation, Paragraph, Run,
    Signature, Table, Title,
};
pub use templates::Templates;
