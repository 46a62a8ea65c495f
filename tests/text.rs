//! Text hygiene at the edges: a roster exported as CSV keeps a spreadsheet from running member
//! data as formulas, and what the importers read back from that file returns to the original
//! text through `unguard_formula`.

use std::path::Path;

use cnscd::import::table::{Cell, read_table};
use cnscd::vietnamese::clean::unguard_formula;

use crate::common::Env;

const NAME: &str = "=HYPERLINK(\"http://x.example/\",\"Nguyễn Văn An\")";
const POSITION: &str = "+ Tổ viên";
const EMAIL: &str = "@cmd|' /C calc'!A0";

fn cells_of(file: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(file).expect("exported file");
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body)
        .records()
        .map(|r| r.expect("record").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn exported_csv_runs_no_formula_and_reads_back_exactly() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let store = env.store();
    let id: i64 = store
        .conn()
        .query_row("SELECT min(id) FROM members", [], |r| r.get(0))
        .expect("a member");
    store
        .conn()
        .execute(
            "UPDATE members SET full_name = ?1, position = ?2, email = ?3 WHERE id = ?4",
            (NAME, POSITION, EMAIL, id),
        )
        .expect("hostile member");
    drop(store);

    let file = env.path("danh-sach.csv");
    env.ok(&["export", "roster", "-o", file.to_str().expect("utf-8 path")]);

    // What a spreadsheet's CSV reader gets: no cell starts a formula.
    let cells = cells_of(&file);
    assert!(cells.len() > 10, "{}", cells.len());
    for row in &cells {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']),
                "{cell:?}"
            );
        }
    }
    let hostile = cells
        .iter()
        .find(|row| row.iter().any(|c| c.contains("HYPERLINK")))
        .expect("the hostile member's row");
    for original in [NAME, POSITION, EMAIL] {
        assert!(hostile.contains(&format!("'{original}")), "{hostile:?}");
    }

    // What the importers read from the same file, with the guard taken off.
    let sheet = read_table(&file).expect("read back");
    let row = sheet
        .rows
        .iter()
        .find(|row| row.iter().any(|c| c.text().contains("HYPERLINK")))
        .expect("the hostile member's row");
    let texts: Vec<String> = row
        .iter()
        .map(|c| match c {
            Cell::Text(s) => unguard_formula(s).to_owned(),
            other => other.text(),
        })
        .collect();
    for original in [NAME, POSITION, EMAIL] {
        assert!(texts.iter().any(|t| t == original), "{original}: {texts:?}");
    }
}
