//! Benchmarks at the sample scales (run by hand: `cargo bench`). Figures go in the closing notes.

#![allow(
    clippy::expect_used,
    reason = "a failed setup should stop the benchmark"
)]

fn main() {
    divan::main();
}

use std::sync::atomic::AtomicBool;

use cnscd::ops::sample::{Scale, sample};

/// Sample generation into a file database (as `cnscd sample` does), province scale.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn sample_province(bencher: divan::Bencher<'_, '_>) {
    sample_into_file(bencher, Scale::Province);
}

/// Sample generation at national scale (target < 20 s).
#[divan::bench(sample_count = 1, sample_size = 1)]
fn sample_national(bencher: divan::Bencher<'_, '_>) {
    sample_into_file(bencher, Scale::National);
}

fn sample_into_file(bencher: divan::Bencher<'_, '_>, scale: Scale) {
    bencher
        .with_inputs(|| tempfile::tempdir().expect("temporary dir"))
        .bench_local_values(|dir| {
            let mut store = cnscd::Store::open_dir(dir.path()).expect("db");
            let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
            sample(&mut store, scale, 1, today, &AtomicBool::new(false)).expect("sample");
            dir
        });
}

/// Indicator benchmarks over the `national` sample (74,422 teams) with a year and more of
/// sample values, generated once into a database file shared by the benchmarks.
mod indicators {
    use std::path::PathBuf;
    use std::sync::OnceLock;

    use chrono::NaiveDate;
    use cnscd::Store;
    use cnscd::model::{Period, StoredValue};
    use cnscd::report::aggregate::{UnitTree, compute};
    use cnscd::store::indicators as stored;

    fn tree(store: &Store) -> UnitTree {
        UnitTree::new(cnscd::store::units::all(store.conn()).expect("units"))
    }

    fn load(store: &Store, tree: &UnitTree, root: i64, period: Period) -> Vec<StoredValue> {
        let range = tree.id_range(root).expect("range");
        stored::load_values(store.conn(), range, &period.all_inside()).expect("values")
    }

    /// The sample fills 2025 and 2026 up to its last ended quarter.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
    }

    fn national() -> &'static PathBuf {
        static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
        &DB.get_or_init(|| {
            let dir = tempfile::tempdir().expect("dir");
            let path = dir.path().join("cnscd.db");
            let mut store = Store::open(&path).expect("db");
            let started = std::time::Instant::now();
            cnscd::ops::sample::sample(
                &mut store,
                cnscd::ops::sample::Scale::National,
                1,
                today(),
                &std::sync::atomic::AtomicBool::new(false),
            )
            .expect("sample with indicator values");
            let values: i64 = store
                .conn()
                .query_row("SELECT count(*) FROM indicator_values", [], |r| r.get(0))
                .expect("count");
            eprintln!(
                "national sample with {values} indicator values in {:?}",
                started.elapsed()
            );
            (dir, path)
        })
        .1
    }

    fn provinces(store: &Store) -> Vec<i64> {
        tree(store)
            .descendants(None)
            .into_iter()
            .filter(|(_, depth)| *depth == 1)
            .map(|(u, _)| u.id)
            .collect()
    }

    /// The pure aggregation of the year 2025 over the whole national sample (all 34 provinces,
    /// values already in memory): the < 50 ms target.
    #[divan::bench(sample_count = 10)]
    fn aggregate_national_year(bencher: divan::Bencher<'_, '_>) {
        let store = Store::open(national()).expect("db");
        let tree = tree(&store);
        let catalogue = stored::catalogue(store.conn()).expect("catalogue");
        let year = Period::Year(2025);
        let roots = provinces(&store);
        let values: Vec<_> = roots
            .iter()
            .map(|&p| load(&store, &tree, p, year))
            .collect();
        bencher.bench_local(|| {
            for (root, vals) in roots.iter().zip(&values) {
                divan::black_box(compute(&tree, &catalogue, vals, *root, year).expect("aggregate"));
            }
        });
    }

    /// The same with the values read from the database (one query per province).
    #[divan::bench(sample_count = 5)]
    fn aggregate_national_year_with_loading(bencher: divan::Bencher<'_, '_>) {
        let store = Store::open(national()).expect("db");
        let roots = provinces(&store);
        let year = Period::Year(2025);
        bencher.bench_local(|| {
            let tree = tree(&store);
            let catalogue = stored::catalogue(store.conn()).expect("catalogue");
            for &root in &roots {
                let vals = load(&store, &tree, root, year);
                divan::black_box(compute(&tree, &catalogue, &vals, root, year).expect("aggregate"));
            }
        });
    }

    /// Importing an indicator sheet of all 3,321 communes (xlsx, code and name columns, six
    /// indicators): read, match, check, write in one transaction. The < 1 s target.
    #[divan::bench(sample_count = 5)]
    fn import_sheet_of_3321_communes(bencher: divan::Bencher<'_, '_>) {
        let mut store = Store::open(national()).expect("db");
        let communes: Vec<(String, String)> = {
            let mut stmt = store
                .conn()
                .prepare("SELECT code, name FROM units WHERE level = 'commune' ORDER BY id")
                .expect("query");
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .expect("rows")
                .collect::<Result<_, _>>()
                .expect("communes")
        };
        assert_eq!(communes.len(), 3321);
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("xa.xlsx");
        {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            ws.write_string(0, 0, "TỔNG HỢP SỐ LIỆU CÁC XÃ")
                .expect("title");
            let headers = [
                "STT",
                "Mã đơn vị",
                "Xã/phường",
                "Số người dân được hướng dẫn",
                "Số tài khoản VNeID được kích hoạt",
                "Số tài khoản DVCTT",
                "Số hồ sơ trực tuyến",
                "Số hộ gia đình được hướng dẫn",
                "Số buổi tập huấn",
            ];
            for (c, h) in headers.iter().enumerate() {
                ws.write_string(2, c as u16, *h).expect("header");
            }
            for (i, (code, name)) in communes.iter().enumerate() {
                let r = 3 + i as u32;
                ws.write_number(r, 0, (i + 1) as f64).expect("stt");
                ws.write_string(r, 1, code).expect("code");
                ws.write_string(r, 2, name).expect("name");
                for c in 3..headers.len() as u16 {
                    ws.write_string(
                        r,
                        c,
                        cnscd::vietnamese::format_number(1000 + i as i64 * 7 + i64::from(c)),
                    )
                    .expect("value");
                }
            }
            wb.save(&file).expect("save");
        }
        let period = Period::Quarter(2026, 4);
        bencher.bench_local(|| {
            let sheet = cnscd::import::read_table(&file).expect("read");
            let tree = tree(&store);
            let catalogue = stored::catalogue(store.conn()).expect("catalogue");
            let index = cnscd::import::indicators::UnitIndex::new(tree.descendants(None));
            let plan = cnscd::import::indicators::plan_sheet(
                sheet,
                "xa.xlsx",
                &catalogue,
                &index,
                "cả nước",
            );
            assert!(plan.report.is_ok(), "{}", plan.report);
            assert_eq!(plan.rows.len(), 3321);
            let record = stored::ImportRecord {
                file_name: "xa.xlsx".into(),
                sha256: String::new(),
                imported_at: "2026-11-22T00:00:00".into(),
                period,
                unit_id: None,
                row_count: plan.rows.len(),
            };
            store
                .transaction(|tx| stored::record_import(tx, &record, &plan.rows))
                .expect("write");
        });
    }
}

/// One decision with a 9-member roster appendix rendered to PDF in-process (target < 5 ms).
#[divan::bench]
fn render_decision_pdf(bencher: divan::Bencher<'_, '_>) {
    let doc = cnscd::export::example::decision(9, false);
    // Parse the fonts before timing: they are parsed once per process.
    cnscd::export::pdf::render_pdf(&doc).expect("render");
    bencher.bench(|| cnscd::export::pdf::render_pdf(divan::black_box(&doc)).expect("render"));
}

/// The same decision to DOCX.
#[divan::bench]
fn render_decision_docx(bencher: divan::Bencher<'_, '_>) {
    let doc = cnscd::export::example::decision(9, false);
    bencher.bench(|| cnscd::export::docx::render_docx(divan::black_box(&doc)).expect("render"));
}

/// Every team's decision of the `province` sample: 3,766 documents (target < 15 s). Team
/// sizes vary from 5 to 14 members, as in the sample.
#[divan::bench(sample_count = 1)]
fn render_province_decisions() {
    let docs: Vec<cnscd::document::Document> = (0..3766)
        .map(|i| cnscd::export::example::decision(5 + i % 10, false))
        .collect();
    for d in &docs {
        divan::black_box(cnscd::export::pdf::render_pdf(d).expect("render"));
    }
}
