//! Ranking the member list on one keystroke at national scale: 348,362 generated names with
//! phones (the programme's member count), keys made once as the registry does, one query per
//! iteration. Target: under 16 ms per keystroke. Run by hand: `cargo bench --bench search`.

#![allow(
    clippy::expect_used,
    reason = "a failed setup should stop the benchmark"
)]

use std::sync::LazyLock;

use cnscd::vietnamese::search::{Query, SearchIndex};
use rand::{Rng, SeedableRng};

fn main() {
    // On a shared machine the wall time divan measures includes the time other processes ran;
    // `SEARCH_CPU_TIME=all` (or `=huong`: that query only) reports this thread's own CPU time
    // per query instead.
    if let Some(only) = std::env::var_os("SEARCH_CPU_TIME") {
        cpu_times(only.to_str().unwrap_or("all"));
    } else {
        divan::main();
    }
}

/// The same names as today's window keeps them: `search_key(name phone)` strings, filtered by
/// "contains every word", unranked (the baseline the ranking replaces).
static OLD_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| {
    (0..KEYS.len())
        .map(|i| KEYS.folded(i).expect("key").replace('\u{1f}', " "))
        .collect()
});

fn old_filter(query: &str) -> Vec<u32> {
    let q = cnscd::vietnamese::search_key(query);
    let words: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
    OLD_KEYS
        .iter()
        .enumerate()
        .filter(|(_, k)| words.iter().all(|w| k.contains(w)))
        .map(|(i, _)| i as u32)
        .collect()
}

/// The mean CPU time of ranking each query, from the kernel's per-thread accounting.
fn cpu_times(only: &str) {
    let cpu_ns = || -> u64 {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .expect("schedstat (Linux)")
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .expect("CPU time")
    };
    let keys = &*KEYS;
    const RUNS: u32 = 30;
    for query in QUERIES.into_iter().filter(|q| only == "all" || only == *q) {
        let q = Query::new(query);
        let found = q.rank(keys).len();
        let before = cpu_ns();
        for _ in 0..RUNS {
            divan::black_box(Query::new(divan::black_box(query)).rank(keys));
        }
        let each = (cpu_ns() - before) as f64 / f64::from(RUNS) / 1e6;
        let old_found = old_filter(query).len();
        let before = cpu_ns();
        for _ in 0..RUNS {
            divan::black_box(old_filter(divan::black_box(query)));
        }
        let old = (cpu_ns() - before) as f64 / f64::from(RUNS) / 1e6;
        println!(
            "{query:>18}: {each:6.2} ms CPU per keystroke, {found} found \
             (unranked filter of today: {old:6.2} ms, {old_found} found)"
        );
    }
}

const MEMBERS: usize = 348_362;

const FAMILY: &[&str] = &[
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
    "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Mai",
];
const MIDDLE: &[&str] = &[
    "Văn", "Văn", "Thị", "Thị", "Hữu", "Đức", "Minh", "Quang", "Ngọc", "Thu", "Thanh", "Kim",
    "Phương", "Hồng", "Bích", "Xuân", "Đình", "Anh",
];
const GIVEN: &[&str] = &[
    "An", "Anh", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Hưng", "Long", "Minh",
    "Nam", "Phong", "Sơn", "Tuấn", "Ánh", "Ân", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hạnh",
    "Hoa", "Hồng", "Hương", "Hường", "Lan", "Linh", "Mai", "Nga", "Phương", "Thương", "Thảo",
    "Thủy", "Trang", "Vân", "Yến", "Nguyên",
];

/// The keys of the generated roster, made once (the registry makes them when it loads).
static KEYS: LazyLock<SearchIndex> = LazyLock::new(|| {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let pick = |rng: &mut rand_chacha::ChaCha8Rng, from: &[&'static str]| {
        from[rng.gen_range(0..from.len())]
    };
    let mut keys = SearchIndex::with_capacity(MEMBERS);
    for i in 0..MEMBERS as u64 {
        let name = format!(
            "{} {} {}",
            pick(&mut rng, FAMILY),
            pick(&mut rng, MIDDLE),
            pick(&mut rng, GIVEN)
        );
        let phone = format!("09{:08}", (i * 7_919_201) % 100_000_000);
        keys.push(&name, Some(phone.as_str()));
    }
    keys
});

/// A clerk's keystrokes: the first letter, a given name without and with marks, a full name
/// being typed, a phone's first digits.
const QUERIES: [&str; 7] = [
    "n",
    "huong",
    "hương",
    "nguyen thi h",
    "nguyễn thị hương",
    "0912",
    "xyz",
];

#[divan::bench(args = QUERIES)]
fn rank_national(bencher: divan::Bencher<'_, '_>, query: &str) {
    let keys = &*KEYS;
    bencher.bench(|| Query::new(divan::black_box(query)).rank(keys));
}

/// The same on two threads, as the window can on a clerk's two-core PC.
#[divan::bench(args = QUERIES)]
fn rank_national_two_threads(bencher: divan::Bencher<'_, '_>, query: &str) {
    let keys = &*KEYS;
    bencher.bench(|| Query::new(divan::black_box(query)).rank_on(keys, 2));
}

/// The scoring alone (no ordering), to see what each part costs.
#[divan::bench(args = ["n", "huong"])]
fn score_only_national(bencher: divan::Bencher<'_, '_>, query: &str) {
    let keys = &*KEYS;
    bencher.bench(|| {
        let q = Query::new(divan::black_box(query));
        (0..keys.len())
            .filter(|&i| q.score(keys, i).is_some())
            .count()
    });
}

/// What loading the registry pays for the keys.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn keys_national() -> SearchIndex {
    let mut keys = SearchIndex::with_capacity(MEMBERS);
    for i in 0..MEMBERS {
        keys.push("Nguyễn Thị Minh Hương", Some(format!("09{i:08}").as_str()));
    }
    keys
}
