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

/// Bytes of brotli (quality 11) output for the file, by Node.js's zlib (Node is installed for wasm-opt).
pub fn brotli_size(path: &Path) -> usize {
    let script = "const z=require('zlib');const b=z.brotliCompressSync(require('fs').readFileSync(process.argv[1]),\
                  {params:{[z.constants.BROTLI_PARAM_QUALITY]:11}});process.stdout.write(String(b.length))";
    let out = Command::new("node")
        .args(["-e", script])
        .arg(path)
        .output()
        .expect("node runs");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("brotli failed on {}", path.display()))
}

/// Every file of the dist, subdirectories included, sorted; precompressed copies (`.gz`, `.br`) left out.
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
            let precompressed = path.extension().is_some_and(|e| e == "gz" || e == "br");
            if path.is_dir() {
                dirs.push(path);
            } else if path.is_file() && !precompressed {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// `index.html` and every local file it links (`href="./…"` and `src="./…"`: the stylesheet, the icon, the
/// app's script and wasm), sorted: what a browser fetches to show the page.
pub fn linked_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = vec![dir.join("index.html")];
    files.extend(files_named(dir, &[" href=\"./", " src=\"./"]));
    files.sort();
    files.dedup();
    files
}

/// The files the page fetches only when it shows them: the pre-flight scripts' templates, named in
/// `data-preflight-*="./…"` on the app's element.
pub fn on_demand_files(dir: &Path) -> Vec<PathBuf> {
    files_named(
        dir,
        &[
            " data-preflight-posix=\"./",
            " data-preflight-fish=\"./",
            " data-preflight-powershell=\"./",
        ],
    )
}

/// The files of `dir` that `index.html` names in attributes starting as in `attrs`.
fn files_named(dir: &Path, attrs: &[&str]) -> Vec<PathBuf> {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index)
        .unwrap_or_else(|e| panic!("{}: {e} (build it first)", index.display()));
    let mut files = Vec::new();
    for attr in attrs {
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
    files
}
