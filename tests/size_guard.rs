//! Size guard for the release build in `dist/` (scripts/test.sh builds it first), every file compressed with
//! `gzip -9` as a static host would serve it:
//! - the **initial load** (`index.html` and the files it links: the key check) must stay within issue 4's budget of
//!   [`BUDGET_BYTES`];
//! - what loads on first use (the tools module) must not grow past [`DEFERRED_CEILING_BYTES`], a ratchet just
//!   above its last measured size, lowered as size work lands.
//!
//! `scripts/bench.sh` prints the full table (raw, gzip and brotli per file).

#[path = "support/sizes.rs"]
mod sizes;
#[path = "browser/static_server.rs"]
mod static_server;

use std::path::PathBuf;

use sizes::{deferred_files, gzip_size, initial_files};
use static_server::dist_dir;

/// Issue 4: "initial load of at most 130 KB gzip in all".
const BUDGET_BYTES: usize = 130_000;
/// Measured 209,560 bytes on 2026-11-28 (the tools module split off); headroom for small fixes.
const DEFERRED_CEILING_BYTES: usize = 212_000;

fn total(files: &[PathBuf], what: &str) -> usize {
    let mut sum = 0;
    for file in files {
        let gz = gzip_size(file);
        println!("{gz:>8} bytes gzip  {what}  {}", file.display());
        sum += gz;
    }
    sum
}

#[test]
fn the_initial_load_stays_within_the_budget() {
    let dist = dist_dir();
    let initial = initial_files(&dist);
    for ext in ["wasm", "js", "css"] {
        assert!(
            initial
                .iter()
                .any(|f| f.extension().is_some_and(|e| e == ext)),
            "no .{ext} in the initial load of {}: {initial:?}",
            dist.display()
        );
    }
    let sum = total(&initial, "initial");
    println!("{sum:>8} bytes gzip  initial load in all (budget {BUDGET_BYTES})");
    assert!(
        sum <= BUDGET_BYTES,
        "the initial load grew to {sum} bytes gzip, past issue 4's budget of {BUDGET_BYTES}: find what grew with \
         scripts/bench.sh and twiggy"
    );
}

#[test]
fn what_loads_on_first_use_stays_under_its_ceiling() {
    let deferred = deferred_files(&dist_dir());
    assert!(
        deferred
            .iter()
            .any(|f| f.to_string_lossy().ends_with("_bg.wasm")),
        "no tools module in the dist: {deferred:?}"
    );
    let sum = total(&deferred, "on first use");
    println!("{sum:>8} bytes gzip  on first use in all (ceiling {DEFERRED_CEILING_BYTES})");
    assert!(
        sum <= DEFERRED_CEILING_BYTES,
        "what loads on first use grew to {sum} bytes gzip, past the ceiling of {DEFERRED_CEILING_BYTES}"
    );
}
