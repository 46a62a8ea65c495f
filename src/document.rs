//! Official documents: templates (minijinja) → the `Document` block model → the Nghị định 30
//! linter. The renderers in `export` turn a `Document` into PDF or DOCX bytes.

pub mod batch;
pub mod fill;
pub mod issue;
pub mod lint;
pub mod model;
pub mod template;
pub mod templates;

pub use model::{
    Align, Appendix, Block, Cell, Document, Header, Margins, Orientation, Paragraph, Run,
    Signature, Table, Title,
};
pub use templates::Templates;
