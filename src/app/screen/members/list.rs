//! The member list's two fast paths: filtering the precomputed search keys while the clerk types,
//! and the visible window of rows (a province has 24,300 members; only the rows on screen become
//! widgets, with spacers standing in for the rest).

use crate::vietnamese::search_key;

/// Indices of the members whose key contains every word of `query` (accent- and case-insensitive),
/// among `within` when given (the rows a shorter query found: typing only narrows them). `keys`
/// are `registry::member_key` values, already in name order, so the result is too.
pub fn filter(keys: &[String], query: &str, within: Option<&[u32]>) -> Vec<u32> {
    let q = search_key(query);
    let words: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return (0..keys.len() as u32).collect();
    }
    let matches = |i: u32| {
        let k = &keys[i as usize];
        words.iter().all(|w| k.contains(w))
    };
    match within {
        Some(rows) => rows.iter().copied().filter(|&i| matches(i)).collect(),
        None => (0..keys.len() as u32).filter(|&i| matches(i)).collect(),
    }
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

    #[test]
    fn filter_ignores_accents_and_keeps_order() {
        let keys: Vec<String> = ["Nguyễn Thị Ánh", "Trần Văn Bình 0912345678", "Lê Ánh Dương"]
            .iter()
            .map(|s| search_key(s))
            .collect();
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
    fn window_covers_the_viewport() {
        assert_eq!(window(1000, 0.0, 300.0, 30.0), (0, 13));
        assert_eq!(window(1000, 3000.0, 300.0, 30.0), (99, 13));
        assert_eq!(window(5, 0.0, 300.0, 30.0), (0, 5));
        assert_eq!(window(0, 100.0, 300.0, 30.0), (0, 0));
    }
}
