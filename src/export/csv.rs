//! Tables to CSV: UTF-8 with a byte-order mark (so Excel opens Vietnamese correctly), comma
//! separated, header row first.

use super::table::Listing;
use crate::error::{Error, Result};

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
        w.write_record(row.iter().map(|v| v.as_field()))
            .map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| Error::internal(format!("tạo tệp CSV: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::table::{Column, Value};

    #[test]
    fn csv_has_bom_header_and_quoted_commas() {
        let t = Listing {
            title: "x".into(),
            columns: vec![
                Column::new("Họ và tên"),
                Column::new("Chức vụ, đơn vị công tác"),
            ],
            rows: vec![vec![
                Value::text("Lê Văn A"),
                Value::text("Bí thư, Chi đoàn"),
            ]],
        };
        let b = to_bytes(&t).expect("csv");
        assert!(b.starts_with(b"\xEF\xBB\xBF"));
        let s = String::from_utf8(b[3..].to_vec()).expect("utf-8");
        assert_eq!(
            s,
            "Họ và tên,\"Chức vụ, đơn vị công tác\"\r\nLê Văn A,\"Bí thư, Chi đoàn\"\r\n"
        );
    }
}
