//! The problem list of an import: every problem (file, row, column, value, reason), every notice,
//! and what was or would be written. A file with any problem is refused whole (`Error::Refused`).

use std::fmt;

use serde::Serialize;

/// One problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Row number as the spreadsheet shows it (1-based), when the problem is in a row.
    pub row: Option<usize>,
    /// Column header (or letter) concerned.
    pub column: Option<String>,
    /// The value found.
    pub value: Option<String>,
    /// Why it is refused.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(r) = self.row {
            parts.push(format!("dòng {r}"));
        }
        if let Some(c) = &self.column {
            parts.push(format!("cột «{c}»"));
        }
        if let Some(v) = &self.value {
            parts.push(format!("giá trị «{v}»"));
        }
        if parts.is_empty() {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "{}: {}", parts.join(", "), self.reason)
        }
    }
}

/// What an import found: problems (any one refuses the file), notices (kept for the clerk), and
/// what would be or was written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Problems {
    /// The file's name as given.
    pub file: String,
    /// Problems; a non-empty list means the file was refused.
    pub problems: Vec<Problem>,
    /// Notices: ignored columns, converted legacy encodings, recognised totals rows.
    pub notices: Vec<String>,
    /// Rows read.
    pub rows_read: usize,
    /// Records added.
    pub added: usize,
    /// Records changed.
    pub updated: usize,
    /// Records found identical.
    pub unchanged: usize,
}

impl Problems {
    /// A report for `file`.
    pub fn new(file: impl Into<String>) -> Self {
        Problems {
            file: file.into(),
            ..Problems::default()
        }
    }

    /// Adds a problem.
    pub fn problem(
        &mut self,
        row: Option<usize>,
        column: Option<&str>,
        value: Option<&str>,
        reason: impl Into<String>,
    ) {
        self.problems.push(Problem {
            row,
            column: column.map(str::to_string),
            value: value.map(str::to_string),
            reason: reason.into(),
        });
    }

    /// Adds a notice.
    pub fn notice(&mut self, text: impl Into<String>) {
        self.notices.push(text.into());
    }

    /// Whether the file is accepted.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.problems.is_empty() {
            writeln!(
                f,
                "Tệp {}: đọc {} dòng; thêm {}, cập nhật {}, không đổi {}.",
                self.file, self.rows_read, self.added, self.updated, self.unchanged
            )?;
        } else {
            writeln!(
                f,
                "Tệp {} bị từ chối, không ghi gì vào cơ sở dữ liệu. {} lỗi:",
                self.file,
                self.problems.len()
            )?;
            for p in &self.problems {
                writeln!(f, "  - {p}")?;
            }
        }
        for n in &self.notices {
            writeln!(f, "  Lưu ý: {n}")?;
        }
        Ok(())
    }
}
