//! Sizes of a built dist, as the benchmark (`bench_load.rs`) and the size guard (`size_guard.rs`) measure them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Bytes of `gzip -9` output for the file: what a static host serving gzip sends.
pub fn gzip_size(path: &Path) -> usize {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .expect("gzip runs");
    assert!(out.status.success(), "gzip failed on {}", path.display());
    out.stdout.len()
}

/// Every file of the dist (the page's whole initial load), sorted.
pub fn dist_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (build it first: trunk build --release)",
                dir.display()
            )
        })
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}
