#!/bin/sh
# Kills import, restore, backup, batch drafting, issuing and signing at random moments and
# checks each next start (tests/crash.rs): 0 corrupt databases, 0 mixed states, 0 temporary
# files, 0 outputs without their register entry. Then the concurrency trials (tests/robust.rs).
# By hand: scripts/crash-test.sh [trials]   (default 100; CI runs 2 through `cargo test`).
# CNSCD_CRASH_SEED fixes the kill moments to repeat a run.
set -eu
cd "$(dirname "$0")/.."
trials="${1:-100}"
CNSCD_CRASH_TRIALS="$trials" nice cargo test --test main crash:: -- --nocapture --test-threads=1 2>&1 \
    | grep -E '^(crash |test |test result)'
CNSCD_CONCURRENCY_TRIALS="${CONCURRENCY_TRIALS:-20}" nice cargo test --test main robust:: -- --nocapture --test-threads=1 2>&1 \
    | grep -E '^(concurrency |test |test result)'
