//! One keystroke in the window's search fields at the `national` sample (348,362 members, 78,000
//! units, 74,422 teams), as the window pays for it: the screen's update (filtering the keys the
//! snapshot computed once) and building its view. Target: < 16 ms each (one frame). Also the
//! snapshot's load, which runs once off the UI thread.

#![allow(
    clippy::expect_used,
    reason = "a failed setup should stop the benchmark"
)]

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, LazyLock};

use cnscd::app::context::{Clock, Context};
use cnscd::app::dialogs::Scripted;
use cnscd::app::screen::{members, units};
use cnscd::ops::{self, Workspace};

fn main() {
    divan::main();
}

/// The national sample in a temporary data folder, and the window's context over it.
static CONTEXT: LazyLock<(tempfile::TempDir, Context)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("dir");
    let ws = Workspace::new(dir.path());
    let mut store = ws.open().expect("db");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
    ops::sample::sample(
        &mut store,
        ops::sample::Scale::National,
        1,
        today,
        &AtomicBool::new(false),
    )
    .expect("sample");
    let mut ctx = Context::new(ws, Arc::new(Scripted::default()), Clock::System);
    ctx.registry = Arc::new(ops::registry::load(&store).expect("registry"));
    (dir, ctx)
});

fn ctx() -> &'static Context {
    &CONTEXT.1
}

/// The keystrokes of a clerk typing a name: each bench types the last character of the query
/// into a field that already holds the rest.
const KEYSTROKES: [&str; 6] = ["n", "ng", "nguy", "nguyen", "nguyen thi", "nguyen thi h"];

fn before(query: &str) -> String {
    let mut chars = query.chars();
    chars.next_back();
    chars.as_str().to_string()
}

/// Tổ và thành viên: one keystroke in the member search.
#[divan::bench(args = KEYSTROKES)]
fn members_keystroke(bencher: divan::Bencher<'_, '_>, query: &str) {
    let ctx = ctx();
    bencher
        .with_inputs(|| {
            let mut s = members::State::default();
            s.refresh(ctx);
            let _ = s.update(ctx, members::Message::Search(before(query)));
            s
        })
        .bench_local_refs(|s| {
            let _ = s.update(ctx, members::Message::Search(query.to_string()));
            divan::black_box(s.view(ctx));
        });
}

/// Đơn vị: one keystroke in the unit search (`qqq` matches nothing: every key is read).
#[divan::bench(args = ["h", "hoa", "hoa b", "thon 1", "qqq"])]
fn units_keystroke(bencher: divan::Bencher<'_, '_>, query: &str) {
    let ctx = ctx();
    bencher
        .with_inputs(|| {
            let mut s = units::State::default();
            s.refresh(ctx);
            let _ = s.update(ctx, units::Message::Search(before(query)));
            s
        })
        .bench_local_refs(|s| {
            let _ = s.update(ctx, units::Message::Search(query.to_string()));
            divan::black_box(s.view(ctx));
        });
}

/// The member form's team field: one keystroke while looking for a team (the first matches are
/// shown; `qqq` matches nothing, so every team's key is read).
#[divan::bench(args = ["t", "thon", "thon an", "to dan pho 3", "qqq"])]
fn teams_keystroke(bencher: divan::Bencher<'_, '_>, query: &str) {
    let ctx = ctx();
    bencher
        .with_inputs(|| {
            let mut s = members::State::default();
            s.refresh(ctx);
            let _ = s.update(ctx, members::Message::New);
            let _ = s.update(ctx, members::Message::TeamQuery(before(query)));
            s
        })
        .bench_local_refs(|s| {
            let _ = s.update(ctx, members::Message::TeamQuery(query.to_string()));
            divan::black_box(s.view(ctx));
        });
}

/// Loading the snapshot (off the UI thread, once per change of the data).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn registry_load_national(bencher: divan::Bencher<'_, '_>) {
    let store = ctx().ws.open().expect("db");
    bencher.bench_local(|| divan::black_box(ops::registry::load(&store).expect("load")));
}
