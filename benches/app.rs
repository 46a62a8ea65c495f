//! The member list at province scale (24,300 members): one keystroke in the search field, as the
//! window pays for it: filter the precomputed keys, build the view, and (second bench) lay it out
//! headless. Target: < 50 ms per keystroke.

#![allow(
    clippy::expect_used,
    reason = "a failed setup should stop the benchmark"
)]

use std::sync::{Arc, LazyLock};

use cnscd::app::dialogs::Scripted;
use cnscd::app::registry::Registry;
use cnscd::app::screen::members::{Message, State};

fn main() {
    divan::main();
}

static REGISTRY: LazyLock<Arc<Registry>> = LazyLock::new(|| {
    let mut store = cnscd::Store::open_in_memory().expect("db");
    cnscd::sample::generate(&mut store, cnscd::sample::Scale::Province, 1).expect("sample");
    Arc::new(Registry::load(&store).expect("load"))
});

/// The queries a clerk's keystrokes produce while typing "nguyen thi h".
const KEYSTROKES: [&str; 6] = ["n", "ng", "nguy", "nguyen", "nguyen thi", "nguyen thi h"];

fn state() -> State {
    State::new(
        std::env::temp_dir(),
        Arc::new(Scripted::default()),
        REGISTRY.clone(),
    )
}

#[divan::bench(args = KEYSTROKES)]
fn filter_and_view(bencher: divan::Bencher<'_, '_>, query: &str) {
    let mut s = state();
    bencher.bench_local(|| {
        let _ = s.update(Message::Search(query.to_string()));
        divan::black_box(s.view());
    });
}

#[divan::bench(args = ["", "nguyen thi h"])]
fn filter_view_and_layout(bencher: divan::Bencher<'_, '_>, query: &str) {
    let mut s = state();
    bencher.bench_local(|| {
        let _ = s.update(Message::Search(query.to_string()));
        let ui =
            iced_test::Simulator::with_size(iced::Settings::default(), (1280.0, 800.0), s.view());
        divan::black_box(ui);
    });
}

#[divan::bench(sample_count = 3)]
fn registry_load_province(bencher: divan::Bencher<'_, '_>) {
    let mut store = cnscd::Store::open_in_memory().expect("db");
    cnscd::sample::generate(&mut store, cnscd::sample::Scale::Province, 1).expect("sample");
    bencher.bench_local(|| divan::black_box(Registry::load(&store).expect("load")));
}
