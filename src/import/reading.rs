//! What every import does around the sheet reader (`sheet_layout`): settle the layout from the
//! clerk's choices or from a choice remembered for the same layout, say in the report what was
//! read (header lines, which column is which field, the encoding), list each row left out as
//! «bỏ qua» with its line and reason, compare a typed total with what was read, and turn a
//! sheet the reader cannot settle into a refusal that shows what it read.

use super::header::column_letter;
use super::sheet_layout::{FieldSpec, Layout, Merge, Overrides, RowKind, Skip, Total, Unsettled};
use super::table::Cell;
use crate::model::Problems;

/// How many rows a refusal shows of what it read.
const SHOWN_ROWS: usize = 12;

/// A layout, and whether it came from a choice remembered for its fingerprint.
#[derive(Debug, Clone)]
pub struct Settled {
    /// The layout.
    pub layout: Layout,
    /// The remembered choice applied, if one was.
    pub remembered: Option<Overrides>,
}

/// Settles the layout of a sheet from its first rows. The clerk's `chosen` overrides win;
/// without any, a choice remembered for the sheet's layout (`remembered`, by fingerprint) is
/// applied, whether or not the reader could settle the sheet alone.
pub fn settle(
    head: &[(usize, Vec<Cell>)],
    merges: &[Merge],
    fields: &[FieldSpec],
    chosen: &Overrides,
    remembered: &dyn Fn(&str) -> Option<Overrides>,
) -> Result<Settled, Box<Unsettled>> {
    let plain = Overrides {
        sheet: None,
        ..chosen.clone()
    };
    let first = Layout::detect(head, merges, fields, &plain);
    if !plain.is_empty() {
        return first.map(|layout| Settled {
            layout,
            remembered: None,
        });
    }
    let fingerprints: Vec<String> = match &first {
        Ok(layout) => vec![layout.fingerprint.clone()],
        Err(u) => u.candidates.iter().map(|(_, f)| f.clone()).collect(),
    };
    for f in fingerprints {
        if let Some(o) = remembered(&f)
            && let Ok(layout) = Layout::detect(head, merges, fields, &o)
        {
            return Ok(Settled {
                layout,
                remembered: Some(o),
            });
        }
    }
    first.map(|layout| Settled {
        layout,
        remembered: None,
    })
}

/// A clerk's choice in words: `dòng tiêu đề 9; cột E là Năm sinh`.
pub fn describe_overrides(o: &Overrides, fields: &[FieldSpec]) -> String {
    let mut parts = Vec::new();
    if let Some(lines) = &o.header_lines {
        let l: Vec<String> = lines.iter().map(usize::to_string).collect();
        parts.push(format!("dòng tiêu đề {}", l.join("–")));
    }
    for c in &o.columns {
        let letter = column_letter(c.column);
        match &c.field {
            Some(k) => {
                let label = fields
                    .iter()
                    .find(|f| &f.key == k)
                    .map_or(k.as_str(), |f| f.label.as_str());
                parts.push(format!("cột {letter} là {label}"));
            }
            None => parts.push(format!("bỏ qua cột {letter}")),
        }
    }
    parts.join("; ")
}

/// Says in the report how the sheet was read: its header lines and each column's field, the
/// columns left out, the optional fields it does not have, and a remembered choice applied.
pub fn describe_layout(settled: &Settled, fields: &[FieldSpec], report: &mut Problems) {
    let layout = &settled.layout;
    if let Some(o) = &settled.remembered {
        report.notice(format!(
            "Bảng có cùng mẫu với tệp đã nhập trước: dùng lại cách đọc đã chọn ({}).",
            describe_overrides(o, fields)
        ));
    }
    let lines: Vec<String> = layout.header_lines.iter().map(usize::to_string).collect();
    let cols: Vec<String> = layout
        .columns
        .iter()
        .map(|c| {
            let header = c.header.join(" › ");
            let by = if c.by_clerk {
                " (do người dùng chọn)"
            } else {
                ""
            };
            format!(
                "{} «{header}» → {}{by}",
                column_letter(c.index),
                layout.label(&c.key)
            )
        })
        .collect();
    report.notice(format!(
        "Dòng tiêu đề: {}; đọc các cột: {}.",
        lines.join("–"),
        cols.join(", ")
    ));
    for (c, text) in &layout.ignored {
        report.notice(format!(
            "Cột «{text}» (cột {}) không thuộc mẫu nhập, đã bỏ qua.",
            column_letter(*c)
        ));
    }
    for (c, text) in &layout.repeated {
        report.notice(format!(
            "Cột «{text}» (cột {}) lặp lại một cột đã đọc; chỉ dùng cột đầu tiên.",
            column_letter(*c)
        ));
    }
}

/// A sheet the reader could not settle, as a refusal that shows what it read.
pub fn unsettled(u: &Unsettled, report: &mut Problems) {
    let mut reason = u.reason.clone();
    if !u.missing.is_empty() {
        reason.push_str(&format!("; không tìm thấy cột: {}", u.missing.join(", ")));
    }
    reason.push_str(
        "; hãy chọn dòng tiêu đề hoặc chỉ rõ cột (cửa sổ «Xem trước», hoặc dòng lệnh \
         --header-row 9, --column \"E=Năm sinh\")",
    );
    report.problem(
        u.header_guess.as_ref().and_then(|h| h.last().copied()),
        None,
        None,
        reason,
    );
    if let Some(guess) = &u.header_guess {
        let lines: Vec<String> = guess.iter().map(usize::to_string).collect();
        let cols: Vec<String> = u
            .columns
            .iter()
            .map(|c| {
                format!(
                    "{} «{}» → {}",
                    column_letter(c.index),
                    c.header.join(" › "),
                    c.key
                )
            })
            .collect();
        report.notice(format!(
            "Đã đọc dòng {} như dòng tiêu đề; các cột nhận ra: {}.",
            lines.join("–"),
            if cols.is_empty() {
                "không có".to_string()
            } else {
                cols.join(", ")
            }
        ));
    }
    for (line, cells) in u.rows.iter().take(SHOWN_ROWS) {
        let shown: Vec<String> = cells
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(c, t)| format!("{}: {}", column_letter(c), t.trim()))
            .collect();
        if !shown.is_empty() {
            report.notice(format!("Dòng {line} đọc được — {}", shown.join(" | ")));
        }
    }
}

/// The rows left out, the totals typed and the sections met while a sheet is read.
#[derive(Debug, Default)]
pub struct Tally {
    skipped: Vec<(usize, String)>,
    totals: Vec<Total>,
    sections: usize,
}

impl Tally {
    /// Notes a row that is not data; `false` when it is data (the caller reads it).
    pub fn note(&mut self, line: usize, kind: &RowKind) -> bool {
        match kind {
            RowKind::Data { .. } => return false,
            RowKind::Section(_) => self.sections += 1,
            RowKind::Total(t) => self.totals.push(t.clone()),
            // Blank rows are not worth a line of the report.
            RowKind::Skipped(Skip::Blank) => {}
            RowKind::Skipped(s) => self.skipped.push((line, s.reason())),
        }
        true
    }

    /// Writes the «bỏ qua» list and compares the typed totals with `read` (`what`: `thành
    /// viên`, `đơn vị`).
    pub fn finish(self, read: usize, what: &str, report: &mut Problems) {
        for (line, reason) in self.skipped {
            report.notice(format!("Dòng {line}: bỏ qua — {reason}."));
        }
        for t in self.totals {
            let kind = if t.subtotal {
                "dòng cộng"
            } else {
                "dòng tổng"
            };
            match t.count {
                Some(n) if !t.subtotal && n != read as i64 => report.notice(format!(
                    "Dòng {}: bỏ qua — {kind} «{}» ghi {n} {what} nhưng đọc được {read}; hãy \
                     kiểm tra lại tệp.",
                    t.line, t.label
                )),
                Some(n) if !t.subtotal => report.notice(format!(
                    "Dòng {}: bỏ qua — {kind} «{}»; khớp với {n} {what} đọc được.",
                    t.line, t.label
                )),
                _ => report.notice(format!("Dòng {}: bỏ qua — {kind} «{}».", t.line, t.label)),
            }
        }
    }
}
