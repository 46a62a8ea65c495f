//! The sheet reader's costs (run by hand: `cargo bench --bench reader`): resolving the official
//! list of 2025 (3,321 communes under 34 provinces), classifying and reading roster rows at
//! the national scale's pace, decoding a Windows-1258 CSV, and the whole unit import of the
//! official list into an empty database.

#![allow(
    clippy::expect_used,
    reason = "a failed setup should stop the benchmark"
)]

use std::path::PathBuf;

use cnscd::import::Cell;
use cnscd::import::sheet_layout::{Layout, Overrides, RowKind, key, roster_fields, unit_fields};
use cnscd::import::unit_names::{UnitEntry, UnitNames, Want};
use cnscd::import::values::{parse_birth_year, parse_phone, parse_role};
use cnscd::import::workbook;

fn main() {
    divan::main();
}

fn official_rows() -> Vec<(String, String, String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real/don-vi-hanh-chinh-2025.csv");
    let read = workbook::read(&path, None).expect("official list");
    let mut layout =
        Layout::detect(&read.head(), &[], &unit_fields(), &Overrides::default()).expect("layout");
    let end = layout.header_end();
    let mut rows = Vec::new();
    for (line, cells) in read.lines().filter(|(l, _)| *l > end) {
        if let RowKind::Data { .. } = layout.classify(line, cells) {
            let t = |k: &str| {
                layout
                    .column(k)
                    .and_then(|c| cells.get(c))
                    .map(Cell::text)
                    .unwrap_or_default()
            };
            rows.push((
                t(key::NAME_OF_UNIT),
                t(key::LEVEL),
                t(key::PARENT),
                t(key::CODE),
            ));
        }
    }
    rows
}

/// Indexing the 3,355 units of 2025 and resolving every commune's parent (target: well under
/// 1 s).
#[divan::bench(sample_count = 20)]
fn resolve_official_list(bencher: divan::Bencher<'_, '_>) {
    let rows = official_rows();
    bencher.bench_local(|| {
        let mut names = UnitNames::default();
        let idx: Vec<usize> = rows
            .iter()
            .map(|(name, level, _, code)| names.push(UnitEntry::from_row(Some(code), name, level)))
            .collect();
        for ((_, _, parent, _), i) in rows.iter().zip(&idx) {
            if parent.is_empty() {
                continue;
            }
            let want = Want {
                above: names.entry(*i).level,
                hints: &[],
                exclude: Some(*i),
            };
            let p = names.resolve(parent, &want).expect("resolved");
            names.set_parent(*i, Some(p));
        }
        names
    });
}

/// Classifying 100,000 roster rows and reading their phone, year and role (the national
/// roster has 348,362).
#[divan::bench(sample_count = 5)]
fn classify_roster_rows(bencher: divan::Bencher<'_, '_>) {
    let t = |s: &str| Cell::Text(s.to_string());
    let head = vec![(
        1,
        vec![
            t("STT"),
            t("Họ và tên"),
            t("Năm sinh"),
            t("Chức vụ trong Tổ"),
            t("Chức vụ, đơn vị công tác"),
            t("Số điện thoại"),
        ],
    )];
    let rows: Vec<Vec<Cell>> = (0..100_000)
        .map(|i| {
            vec![
                Cell::Number(f64::from(i % 9 + 1)),
                t("Nguyễn Văn Ánh"),
                Cell::Number(f64::from(1960 + i % 40)),
                t(["Tổ trưởng", "Tổ phó", "Thành viên"][i as usize % 3]),
                t("Bí thư Chi đoàn thôn"),
                t("0912.345.678"),
            ]
        })
        .collect();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    bencher.bench_local(|| {
        let mut layout =
            Layout::detect(&head, &[], &roster_fields(), &Overrides::default()).expect("layout");
        let (year, role, phone) = (
            layout.column(key::YEAR).expect("year"),
            layout.column(key::ROLE).expect("role"),
            layout.column(key::PHONE).expect("phone"),
        );
        let mut n = 0usize;
        for (i, cells) in rows.iter().enumerate() {
            if let RowKind::Data { .. } = layout.classify(i + 2, cells) {
                let ok = parse_birth_year(&cells[year], today).is_ok()
                    && parse_role(&cells[role]).is_ok()
                    && parse_phone(&cells[phone]).is_ok();
                n += usize::from(ok);
            }
        }
        n
    });
}

/// Telling and decoding a 20,000-row Windows-1258 CSV with combining tone marks.
#[divan::bench(sample_count = 5)]
fn decode_windows_1258(bencher: divan::Bencher<'_, '_>) {
    // «Nguyễn Văn Ánh;Trưởng thôn» in code page 1258: `ễ` is ê + combining tilde (0xDE).
    let line: &[u8] = b"1;Nguy\xea\xden V\xe3n \xc1nh;1985;T\xf4\xd2 tr\xfd\xf5\xd2ng;Tr\xfd\xf5\xd2ng th\xf4n\r\n";
    let bytes: Vec<u8> = line.repeat(20_000);
    bencher.bench_local(|| cnscd::import::encoding::decode(&bytes).expect("decoded"));
}

/// The whole unit import of the official list of 2025 as a clerk runs it (`import units`):
/// read and decode the CSV, settle its layout, resolve every parent, plan, and write the
/// 3,355 units into an empty database in one transaction. The < 1 s target of the issue.
#[divan::bench(sample_count = 5)]
fn import_official_unit_list(bencher: divan::Bencher<'_, '_>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real/don-vi-hanh-chinh-2025.csv");
    bencher
        .with_inputs(|| tempfile::tempdir().expect("dir"))
        .bench_local_values(|dir| {
            let mut store = cnscd::Store::open_dir(dir.path()).expect("db");
            let r = cnscd::ops::transfer::import_units(&mut store, &path, false).expect("import");
            assert_eq!(r.added, 3355);
            dir
        });
}
