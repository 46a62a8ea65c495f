use super::*;
use crate::vietnamese::{search_key, sort_by_name};

/// The names in Vietnamese name order (as the registry holds them), ranked for `query`.
fn ranked<'a>(query: &str, names: &[&'a str]) -> Vec<&'a str> {
    let mut names = names.to_vec();
    sort_by_name(&mut names, |n| n);
    let keys: SearchIndex = names.iter().copied().collect();
    rank_all(query, &keys)
        .into_iter()
        .map(|i| names[i as usize])
        .collect()
}

fn score(query: &str, name: &str) -> Option<Score> {
    Query::new(query).score(&SearchIndex::from_iter([name]), 0)
}

fn one(name: &str, other: Option<&str>) -> SearchIndex {
    let mut index = SearchIndex::new();
    index.push(name, other);
    index
}

const HUONG: [&str; 6] = [
    "Lê Thị Thương",
    "Nguyễn Thị Phương",
    "Trần Thị Hường",
    "Phạm Thị Hương",
    "Đỗ Văn Hưởng",
    "Bùi Thị Lan",
];

#[test]
fn huong_lists_huong_and_huong_before_phuong_and_thuong() {
    assert_eq!(
        ranked("huong", &HUONG),
        [
            // Whole words, ties in name order (Hương < Hường < Hưởng).
            "Phạm Thị Hương",
            "Trần Thị Hường",
            "Đỗ Văn Hưởng",
            // Inside a word.
            "Nguyễn Thị Phương",
            "Lê Thị Thương",
        ]
    );
}

#[test]
fn exact_diacritics_come_before_folded_ones() {
    assert_eq!(
        ranked("hương", &HUONG),
        [
            "Phạm Thị Hương",
            // Every mark typed is there, with a tone more.
            "Trần Thị Hường",
            "Đỗ Văn Hưởng",
            "Nguyễn Thị Phương",
            "Lê Thị Thương",
        ]
    );
    assert_eq!(
        ranked("hường", &HUONG)[..2],
        ["Trần Thị Hường", "Phạm Thị Hương"]
    );
    assert_eq!(ranked("HƯỜNG", &HUONG), ranked("hường", &HUONG));
}

#[test]
fn phuong_finds_phuong_first() {
    let names = [
        "Lê Thị Phượng",
        "Nguyễn Thị Phương",
        "Trần Thị Phuong",
        "Phạm Thị Hương",
        "Võ Phương Nam",
    ];
    assert_eq!(
        ranked("Phương", &names),
        [
            // The given name Phương before the middle name Phương.
            "Nguyễn Thị Phương",
            "Võ Phương Nam",
            // Horn typed and present, tone extra.
            "Lê Thị Phượng",
            // Typed without accents in the file.
            "Trần Thị Phuong",
        ]
    );
    assert_eq!(
        ranked("phuong", &names)[..4],
        [
            "Trần Thị Phuong",
            "Nguyễn Thị Phương",
            "Lê Thị Phượng",
            "Võ Phương Nam"
        ]
    );
}

#[test]
fn nguyen_and_nguyen_with_marks() {
    let names = ["Nguyễn Văn An", "Lê Văn Nguyên", "Trần Nguyen Bình"];
    assert_eq!(
        ranked("nguyễn", &names),
        ["Nguyễn Văn An", "Lê Văn Nguyên", "Trần Nguyen Bình"]
    );
    assert_eq!(
        ranked("nguyên", &names),
        ["Lê Văn Nguyên", "Nguyễn Văn An", "Trần Nguyen Bình"]
    );
    // Without marks: the unaccented spelling is exact; then the given name.
    assert_eq!(
        ranked("nguyen", &names),
        ["Trần Nguyen Bình", "Lê Văn Nguyên", "Nguyễn Văn An"]
    );
}

#[test]
fn d_and_stroke_d() {
    let names = ["Nguyễn Văn Đức", "Trần Văn Dục", "Lê Thị Duc"];
    // Neither Dục nor Duc has the marks typed: they follow in name order.
    assert_eq!(
        ranked("đức", &names),
        ["Nguyễn Văn Đức", "Lê Thị Duc", "Trần Văn Dục"]
    );
    assert_eq!(ranked("dục", &names)[0], "Trần Văn Dục");
    // `d` is typed without its stroke, as `u` without its tone: Dục and Đức both fit, in name
    // order (d before đ).
    assert_eq!(
        ranked("duc", &names),
        ["Lê Thị Duc", "Trần Văn Dục", "Nguyễn Văn Đức"]
    );
    assert_eq!(ranked("ĐẶNG", &["Đặng Văn Lâm"]), ["Đặng Văn Lâm"]);
    assert_eq!(ranked("dang", &["Đặng Văn Lâm"]), ["Đặng Văn Lâm"]);
}

#[test]
fn anh_and_anh_with_acute() {
    let names = [
        "Lê Thị Ánh",
        "Phạm Văn Anh",
        "Nguyễn Thị Thanh",
        "Trần Anh Tuấn",
        "Võ Thị Ân",
    ];
    assert_eq!(
        ranked("ánh", &names),
        [
            "Lê Thị Ánh",
            "Phạm Văn Anh",
            "Trần Anh Tuấn",
            "Nguyễn Thị Thanh"
        ]
    );
    assert_eq!(
        ranked("anh", &names),
        [
            "Phạm Văn Anh",
            "Trần Anh Tuấn",
            "Lê Thị Ánh",
            "Nguyễn Thị Thanh"
        ]
    );
}

#[test]
fn whole_words_then_prefixes_then_inside_words() {
    let names = ["Lê Thị Lan", "Phạm Văn Anh", "Trần Văn An", "Võ Thị Loan"];
    assert_eq!(
        ranked("an", &names),
        ["Trần Văn An", "Phạm Văn Anh", "Lê Thị Lan", "Võ Thị Loan"]
    );
    assert!(score("an", "Trần Văn An") > score("an", "Phạm Văn Anh"));
    assert!(score("an", "Phạm Văn Anh") > score("an", "Lê Thị Lan"));
    // A word's end is not its beginning.
    assert!(score("an", "Lê Thị Lan") == score("oa", "Võ Thị Loan"));
}

#[test]
fn two_words_in_any_order_in_order_adjacent_first() {
    let names = ["Trần Anh Văn", "Văn Đức Anh", "Phạm Văn Anh", "Lê Thị Bình"];
    assert_eq!(
        ranked("van anh", &names),
        ["Phạm Văn Anh", "Văn Đức Anh", "Trần Anh Văn"]
    );
    assert_eq!(
        ranked("anh van", &names),
        ["Trần Anh Văn", "Văn Đức Anh", "Phạm Văn Anh"]
    );
    // Typing in progress: `thi h` is Thị followed by a word starting with h.
    let names = ["Hoàng Thị Lan", "Nguyễn Thị Hà", "Trần Văn Thịnh"];
    assert_eq!(
        ranked("thi h", &names),
        ["Nguyễn Thị Hà", "Hoàng Thị Lan", "Trần Văn Thịnh"]
    );
    // Every word must be found.
    assert!(ranked("nguyen xyz", &["Nguyễn Văn Xuân"]).is_empty());
}

#[test]
fn digits_find_a_phone() {
    let mut names = vec![
        ("Lê Thị Lan", "0987091234"),
        ("Trần Văn An", "0912345678"),
        ("Phạm Văn Bình", "0363555999"),
    ];
    sort_by_name(&mut names, |n| n.0);
    let mut keys = SearchIndex::new();
    for (n, p) in &names {
        keys.push(n, Some(*p));
    }
    let found = |q: &str| -> Vec<&str> {
        rank_all(q, &keys)
            .into_iter()
            .map(|i| names[i as usize].0)
            .collect()
    };
    assert_eq!(found("345"), ["Trần Văn An"]);
    // Starting with it before containing it.
    assert_eq!(found("0912"), ["Trần Văn An", "Lê Thị Lan"]);
    assert_eq!(found("an 0912"), ["Trần Văn An", "Lê Thị Lan"]);
    assert_eq!(found("555 999"), ["Phạm Văn Bình"]);
    assert!(found("0912 9999").is_empty());
}

#[test]
fn the_name_comes_before_other_fields() {
    let names = ["Lê Văn Minh", "Trần Thị Hòa", "Phạm Văn Thoại"];
    let units = ["Xã Hòa Bắc", "Thôn Hòa Phú", "Thôn Đông"];
    let mut keys = SearchIndex::with_capacity(3);
    for (n, u) in names.iter().zip(units) {
        keys.push(n, Some(u));
    }
    assert_eq!(rank_all("hoa", &keys), [1, 0, 2]);
    // A field boundary is not a space: the last word of a name and the first of the unit are
    // not adjacent.
    let q = Query::new("minh xa");
    let apart = q.score(&keys, 0);
    let together = q.score(&one("Lê Văn Minh Xa", None), 0);
    assert!(apart.is_some() && together > apart);
    assert_eq!(keys.folded(0), Some("le van minh\u{1f}xa hoa bac"));
    let mut keys = SearchIndex::new();
    keys.push("An", ["", "  ", "0912"]);
    keys.push("", ["0913"]);
    keys.push("Bình", None);
    assert_eq!(keys.folded(0), Some("an\u{1f}0912"));
    assert_eq!(keys.folded(1), Some("0913"));
    assert_eq!(keys.folded(2), Some("binh"));
    assert_eq!(keys.folded(3), None);
    // A phone alone is not a name.
    let q = Query::new("0913");
    assert!(q.score(&keys, 1).is_some());
    assert!(q.score(&keys, 1) < q.score(&one("0913", None), 0));
}

#[test]
fn tone_placement_does_not_matter() {
    // Old and new spellings put the tone on different letters of the same syllable.
    assert_eq!(score("thủy", "Lê Thị Thuỷ"), score("thủy", "Lê Thị Thủy"));
    assert_eq!(score("hoà", "Lê Văn Hòa"), score("hòa", "Lê Văn Hòa"));
    assert!(score("thủy", "Lê Thị Thuỷ") > score("thủy", "Lê Thị Thúy"));
    assert!(score("thuy", "Lê Thị Thuỷ") > score("thúy", "Lê Thị Thuỷ"));
}

#[test]
fn decomposed_text_ranks_as_composed() {
    let nfd = "Pha\u{323}m Thi\u{323} Hu\u{31b}o\u{31b}\u{300}ng";
    assert_eq!(score("hường", nfd), score("hường", "Phạm Thị Hường"));
    assert_eq!(
        score("hu\u{31b}o\u{31b}\u{300}ng", "Phạm Thị Hường"),
        score("hường", "Phạm Thị Hường")
    );
    assert_eq!(one(nfd, None), one("Phạm Thị Hường", None));
}

#[test]
fn folded_text_is_the_search_key() {
    for s in [
        "Nguyễn Văn Ánh",
        "ĐẶNG THỊ HỒNG",
        "  Hòa   Bắc ",
        "Trương Ưng Ước",
        "Ho\u{0300}a  Ba\u{0306}\u{0301}c",
        "Ελληνικά, 한국어, Ǆemal",
        "İstanbul",
    ] {
        assert_eq!(one(s, None).folded(0), Some(search_key(s).as_str()), "{s}");
    }
}

#[test]
fn empty_queries_keep_every_item_in_order() {
    let keys: SearchIndex = ["B", "A", "C"].into_iter().collect();
    assert_eq!(rank_all("", &keys), [0, 1, 2]);
    assert_eq!(rank_all(" \t ", &keys), [0, 1, 2]);
    assert!(Query::new("  ").is_empty());
    assert!(Query::new("").matches(&keys, 0));
    assert!(!Query::new("").matches(&keys, 3));
    assert!(!Query::new("x").matches(&keys, 0));
    assert!(Query::new("b").matches(&keys, 0));
    let q = Query::new("a");
    assert_eq!(q.rank_among(&keys, [2, 1, 7, 0]), [1]);
    assert_eq!(Query::new("").rank_among(&keys, [2, 7, 0]), [2, 0]);
}

#[test]
fn ties_keep_the_order_given() {
    let keys: SearchIndex = ["Trần Thị Hà", "Lê Thị Hà", "Võ Văn Hải", "Bùi Thị Hà"]
        .into_iter()
        .collect();
    assert_eq!(rank_all("ha", &keys), [0, 1, 3, 2]);
    assert_eq!(
        Query::new("ha").rank_among(&keys, [3, 2, 1, 0]),
        [3, 1, 0, 2]
    );
}

#[test]
fn long_keys_rank_as_short_ones() {
    // Past 64 bytes a key has no word-start map: the same ranks must come from the long path.
    let unit = "Thôn Phước Hưng Tây, xã Hòa Phước, huyện Hòa Vang, thành phố Đà Nẵng";
    let long = one("Nguyễn Văn An", Some(unit));
    let short = one("Nguyễn Văn An", Some("Đà Nẵng"));
    assert!(long.folded(0).is_some_and(|f| f.len() > 64));
    for q in [
        "an", "nguyen", "van a", "ng", "nẵng", "da nang", "uyen", "nang an",
    ] {
        assert_eq!(
            Query::new(q).score(&long, 0),
            Query::new(q).score(&short, 0),
            "{q}"
        );
    }
    assert!(Query::new("vang").score(&long, 0).is_some());
    assert!(Query::new("hoa vang").score(&long, 0) > Query::new("vang hoa").score(&long, 0));
}

#[test]
fn byte_positions_are_exact() {
    let text: Vec<u8> = (0..64u8).map(|i| i.wrapping_mul(37) % 7 + b'a').collect();
    for len in [0, 1, 7, 8, 9, 27, 63, 64] {
        let text = &text[..len];
        for b in [b'a', b'b', b'g', b'z', 0, 0x80, 0xFF] {
            let want = text
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == b)
                .fold(0u64, |m, (i, _)| m | 1 << i);
            assert_eq!(byte_positions(text, b), want, "{len} {b}");
        }
    }
    // Bytes next to each other and high bytes (UTF-8) do not disturb the test.
    assert_eq!(byte_positions(&[1, 0, 1, 0xC3, 0x82, 1], 1), 0b100101);
    assert_eq!(byte_positions(&[0, 0, 0], 0), 0b111);
}

#[test]
fn ranking_on_several_threads_gives_the_same_order() {
    let given = [
        "An", "Anh", "Hương", "Hường", "Phương", "Thương", "Nguyên", "Lan",
    ];
    let family = ["Nguyễn", "Trần", "Lê", "Dương", "Trương"];
    let mut keys = SearchIndex::with_capacity(30_000);
    for i in 0..30_000usize {
        let name = format!(
            "{} Thị {}",
            family[i % family.len()],
            given[i * 7 % given.len()]
        );
        keys.push(&name, Some(format!("09{i:08}").as_str()));
    }
    for q in ["n", "huong", "hương", "an 09", "0912", "", "xyz"] {
        let query = Query::new(q);
        let one = query.rank(&keys);
        for threads in [0, 1, 2, 3, 8] {
            assert_eq!(query.rank_on(&keys, threads), one, "{q} on {threads}");
        }
    }
}
