//! The member list's two fast paths: filtering the precomputed search keys while the clerk types,
//! and the visible window of rows (a province has 24,300 members; only the rows on screen become
//! widgets, with spacers standing in for the rest).

use crate::vietnamese::search::{Query, SearchIndex};

/// Indices of the members matching `query`, ranked as a person would (`vietnamese::search`:
/// whole words and prefixes before substrings, exact diacritics before folded ones, ties in name
/// order), among `within` when given (the rows a shorter query found: typing only narrows them).
pub fn filter(index: &SearchIndex, query: &str, within: Option<&[u32]>) -> Vec<u32> {
    let q = Query::new(query);
    let cores = cores();
    match within {
        // Narrowing pays only when the shorter query left few rows: scoring most of the index
        // again on one core, after sorting the rows back to name order, costs more than
        // scoring all of it on every core («n» then «ng» over a national roster).
        Some(rows) if !q.is_empty() && rows.len().saturating_mul(cores) < index.len() => {
            // Ties keep name order, whatever order the shorter query ranked them in.
            let mut rows = rows.to_vec();
            rows.sort_unstable();
            q.rank_among(index, rows)
        }
        _ if q.is_empty() => (0..index.len() as u32).collect(),
        _ => q.rank_on(index, cores),
    }
}

/// The cores to rank on.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The rows to build for a scroll `offset` and a viewport `height` (pixels) with rows of
/// `row_height`: the first index and how many, with one spare row on each side.
pub fn window(len: usize, offset: f32, height: f32, row_height: f32) -> (usize, usize) {
    let first = ((offset / row_height).floor().max(0.0) as usize).saturating_sub(1);
    let count = (height / row_height).ceil() as usize + 3;
    let first = first.min(len);
    (first, count.min(len - first))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(names: &[&str]) -> SearchIndex {
        let mut index = SearchIndex::new();
        for n in names {
            let (name, phone) = n.split_once('|').unwrap_or((n, ""));
            index.push(name, Some(phone));
        }
        index
    }

    #[test]
    fn filter_ignores_accents_and_keeps_order() {
        let keys = index(&["Nguyễn Thị Ánh", "Trần Văn Bình|0912345678", "Lê Ánh Dương"]);
        assert_eq!(filter(&keys, "anh", None), vec![0, 2]);
        assert_eq!(filter(&keys, "ÁNH  dương", None), vec![2]);
        assert_eq!(filter(&keys, "0912", None), vec![1]);
        assert_eq!(filter(&keys, "  ", None), vec![0, 1, 2]);
        assert!(filter(&keys, "xyz", None).is_empty());
        // Narrowing what a shorter query found gives what a full scan gives.
        let first = filter(&keys, "an", None);
        assert_eq!(
            filter(&keys, "anh d", Some(&first)),
            filter(&keys, "anh d", None)
        );
    }

    #[test]
    fn huong_lists_huong_and_huong_before_phuong_and_thuong() {
        // In name order, as the registry holds them.
        let names = [
            "Lê Thị Hường",
            "Nguyễn Thị Hương",
            "Trần Thị Phương",
            "Đỗ Văn Thương",
        ];
        let keys = index(&names);
        let ranked = |q: &str| -> Vec<&str> {
            filter(&keys, q, None)
                .into_iter()
                .map(|i| names[i as usize])
                .collect()
        };
        assert_eq!(
            ranked("huong"),
            [
                "Lê Thị Hường",
                "Nguyễn Thị Hương",
                "Trần Thị Phương",
                "Đỗ Văn Thương"
            ]
        );
        // Typed with its marks, the exact name first.
        assert_eq!(ranked("hương")[0], "Nguyễn Thị Hương");
        assert_eq!(ranked("hường")[0], "Lê Thị Hường");
        // Narrowed from a shorter query, the same ranking.
        let first = filter(&keys, "huo", None);
        assert_eq!(
            filter(&keys, "huong", Some(&first)),
            filter(&keys, "huong", None)
        );
    }

    #[test]
    fn window_covers_the_viewport() {
        assert_eq!(window(1000, 0.0, 300.0, 30.0), (0, 13));
        assert_eq!(window(1000, 3000.0, 300.0, 30.0), (99, 13));
        assert_eq!(window(5, 0.0, 300.0, 30.0), (0, 5));
        assert_eq!(window(0, 100.0, 300.0, 30.0), (0, 0));
    }
}
