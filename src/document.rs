//! Official documents: templates (minijinja) → the `Document` block model → the Nghị định 30
//! linter. The renderers in `export` turn a `Document` into PDF or DOCX bytes.

pub mod batch;
pub mod fill;
pub mod issue;
pub mod lint;
pub mod model;
pub mod template;

pub use model::{
    Align, Appendix, Block, Cell, DocKind, Document, Header, Margins, Orientation, Paragraph, Run,
    Signature, Table, Title,
};
