//! Sizes of a built dist, as the benchmark (`bench_load.rs`) and the size guard (`size_guard.rs`) measure them.
#![allow(dead_code)]

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

/// Every file of the dist, subdirectories included, sorted.
pub fn dist_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (build it first: trunk build --release)",
                dir.display()
            )
        });
        for path in entries.filter_map(|entry| entry.ok().map(|entry| entry.path())) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The initial load: `index.html` and every local file it links (`href="./…"` and `src="./…"`: the stylesheet,
/// the icon, the key check's script, wasm and snippets), sorted. What loads later (the tools, named only in
/// `data-*` attributes) is not in it.
pub fn initial_files(dir: &Path) -> Vec<PathBuf> {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index)
        .unwrap_or_else(|e| panic!("{}: {e} (build it first)", index.display()));
    let mut files = vec![index];
    for attr in [" href=\"./", " src=\"./"] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            let path = dir.join(&rest[..rest.find('"').expect("closed attribute")]);
            assert!(
                path.is_file(),
                "index.html links a missing file: {}",
                path.display()
            );
            files.push(path);
        }
    }
    files.sort();
    files.dedup();
    files
}

/// Every file of the dist that is not in the initial load (the tools module, loaded on first use).
pub fn deferred_files(dir: &Path) -> Vec<PathBuf> {
    let initial = initial_files(dir);
    dist_files(dir)
        .into_iter()
        .filter(|f| !initial.contains(f))
        .collect()
}
