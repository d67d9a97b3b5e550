//! Size guard for the release build in `dist/` (scripts/test.sh builds it first): the gzip total of the page (every
//! file of the dist, `gzip -9` as a static host would serve it) must not grow past [`CEILING_BYTES`], a ratchet just
//! above its last measured size, lowered as size work lands. What a person feels is time to a usable page, which on
//! a slow link is mostly these bytes: `scripts/bench.sh` measures both.

use crate::support::sizes::{dist_files, gzip_size};
use crate::support::static_server::dist_dir;

/// The last measured gzip total plus a little headroom for small fixes (README, "Measured").
const CEILING_BYTES: usize = 297_000;

#[test]
fn the_page_stays_under_its_gzip_ceiling() {
    let dist = dist_dir();
    let files = dist_files(&dist);
    assert!(
        !files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "js")),
        "the start-up glue is inlined into index.html by the post-build step: {files:?}"
    );
    for ext in ["wasm", "html", "txt"] {
        assert!(
            files
                .iter()
                .any(|f| f.extension().is_some_and(|e| e == ext)),
            "no .{ext} in {}: {files:?}",
            dist.display()
        );
    }
    let mut sum = 0;
    for file in &files {
        let gz = gzip_size(file);
        println!("{gz:>8} bytes gzip  {}", file.display());
        sum += gz;
    }
    println!("{sum:>8} bytes gzip  in all (ceiling {CEILING_BYTES})");
    assert!(
        sum <= CEILING_BYTES,
        "the page grew to {sum} bytes gzip, past the ceiling of {CEILING_BYTES}: find what grew with \
         scripts/bench.sh and twiggy"
    );
}
