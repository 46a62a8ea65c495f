// What each fuzz target does with its input, shared by `fuzz_targets/*.rs` and by
// `tests/fuzz_corpus.rs` (`include!`d by both): whatever the bytes, each returns (an `Err` is
// fine), never panics, never runs away.

/// The sheet reader: the first byte picks the format, the rest is the file. Workbooks go through
/// both readers (the import's and the layout reader's); a text file, whose decoding is most of
/// the work, through one of them, picked by the same byte.
pub fn sheet_reader(data: &[u8]) {
    let Some((&kind, body)) = data.split_first() else {
        return;
    };
    let ext = ["xlsx", "csv", "ods", "xls"][usize::from(kind % 4)];
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        std::path::PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let path = dir.join(format!(
        "cnscd-fuzz-{}-{:?}.{ext}",
        std::process::id(),
        std::thread::current().id()
    ));
    if std::fs::write(&path, body).is_err() {
        return;
    }
    let text = ext == "csv";
    if !text || kind & 4 == 0 {
        let _ = cnscd::import::table::read_table(&path);
    }
    if ext == "xlsx"
        && let Ok(rows) = cnscd::import::table::XlsxRows::open(&path)
    {
        for row in rows.take(100_000) {
            if row.is_err() {
                break;
            }
        }
    }
    if !text || kind & 4 != 0 {
        let _ = cnscd::import::workbook::read(&path, None);
    }
    let _ = std::fs::remove_file(&path);
}

/// `verify`: any bytes as a PDF.
pub fn verify(data: &[u8]) {
    let trust = cnscd::sign::trust::TrustStore::new();
    let _ = cnscd::sign::verify::inspect(data, &trust, chrono::Utc::now().fixed_offset());
}

/// Template rendering: any text as a clerk's template, over a small context, with little fuel
/// and a 1 MB output (the limits themselves are what a runaway template must meet), then the
/// block language.
pub fn template(data: &[u8]) {
    use cnscd::document::template::{Source, expand_with_limits, parse};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source {
        name: "mau.txt".into(),
        text: text.into(),
    };
    let context = minijinja::context! {
        don_vi => "Xã Hòa Bắc",
        nam => 2026,
        to => vec![
            minijinja::context! { ten => "Tổ 1", thanh_vien => vec!["Lê Văn A", "Trần Thị B"] },
            minijinja::context! { ten => "Tổ 2", thanh_vien => Vec::<String>::new() },
        ],
    };
    if let Ok(expanded) = expand_with_limits(&source, context, 20_000, 1 << 20) {
        let _ = parse(&expanded, cnscd::model::DocKind::DecisionEstablish);
    }
}
