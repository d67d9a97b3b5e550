//! The benchmark (not a test: every function is `#[ignore]`d and asserts nothing about speed). Run it with
//! `scripts/bench.sh`, which builds the page and the Yew hello-world in `bench/hello` with the same profile and then
//! runs `cargo test --features e2e --test bench_load -- --ignored --nocapture`.
//!
//! It prints, per asset, raw / gzip -9 / brotli -q11 sizes, and for N cold loads in headless Chromium (a fresh
//! browser profile each time) the medians of: first contentful paint, and "ready" (the moment the WebAssembly app has
//! put its key field in the document, i.e. the key field is interactive), for the page, the hello-world and a plain
//! static HTML page; and for the page, how long its tools take to mount after the first mouse move.

#[path = "browser/http.rs"]
mod http;
#[path = "support/sizes.rs"]
mod sizes;
#[path = "browser/static_server.rs"]
mod static_server;
#[path = "browser/webdriver.rs"]
mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;
use sizes::{deferred_files, dist_files, gzip_size, initial_files};
use static_server::{dist_dir, StaticServer};
use webdriver::{Browser, Options};

fn runs() -> usize {
    std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(9)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn brotli_size(path: &Path) -> Option<usize> {
    let script = "const z=require('zlib');const b=z.brotliCompressSync(require('fs').readFileSync(process.argv[1]),\
                  {params:{[z.constants.BROTLI_PARAM_QUALITY]:11}});process.stdout.write(String(b.length))";
    let out = Command::new("node")
        .args(["-e", script])
        .arg(path)
        .output()
        .ok()?;
    String::from_utf8(out.stdout).ok()?.trim().parse().ok()
}

fn kib(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1024.0)
}

fn size_table(name: &str, dir: &Path, files: Vec<PathBuf>) -> (usize, usize) {
    let (mut raw_total, mut gz_total, mut br_total) = (0, 0, 0);
    println!("\n{name}: {}", dir.display());
    println!("| asset | raw KiB | gzip KiB | brotli KiB |");
    println!("|---|---:|---:|---:|");
    for file in &files {
        let raw = std::fs::metadata(file).unwrap().len() as usize;
        let gz = gzip_size(file);
        let br = brotli_size(file).unwrap_or(0);
        raw_total += raw;
        gz_total += gz;
        br_total += br;
        let short = file
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .to_string();
        println!("| {short} | {} | {} | {} |", kib(raw), kib(gz), kib(br));
    }
    println!(
        "| **total** | {} | {} | {} |",
        kib(raw_total),
        kib(gz_total),
        kib(br_total)
    );
    (raw_total, gz_total)
}

/// Records when the key field is in the document (both apps render `data-testid="key-input"`; the app is then
/// interactive), when the page is first used (a pointer move), and when the tools it then loads have mounted
/// (`#tools` loses `aria-busy`). Installed before the page's own scripts run.
const READY_PROBE: &str =
    "new MutationObserver(() => {
       if (!window.__ready && document.querySelector('[data-testid=\"key-input\"]')) window.__ready = performance.now();
       const t = document.getElementById('tools');
       if (t && !t.hasAttribute('aria-busy')) window.__tools ??= performance.now();
     }).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy']});
     addEventListener('pointermove', () => { window.__used ??= performance.now(); }, {capture: true});";

/// (median, min, max) of the samples.
fn spread(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (
        values[values.len() / 2],
        values[0],
        values[values.len() - 1],
    )
}

/// One cold load in a fresh browser profile: (first contentful paint, ready, tools) in ms; FCP and ready since
/// navigation start (ready is None for a page without WebAssembly); tools (this page only) from the first mouse
/// move, made once the app is ready, to the tools having mounted.
fn cold_load(server: &StaticServer, wasm: bool, tools: bool) -> (f64, Option<f64>, Option<f64>) {
    let browser = Browser::start(Options::default());
    browser.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": READY_PROBE }),
    );
    browser.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }));
    browser.goto(&server.url());
    let ready = wasm.then(|| {
        browser
            .wait_for("window.__ready", "the app to start")
            .as_f64()
            .unwrap()
    });
    let fcp = browser.wait_for(
        "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime",
        "first contentful paint",
    );
    let tools = tools.then(|| {
        browser.move_pointer();
        browser
            .wait_for(
                "window.__tools && window.__used && window.__tools - window.__used",
                "the tools to mount",
            )
            .as_f64()
            .unwrap()
    });
    (fcp.as_f64().unwrap(), ready, tools)
}

fn fmt_spread((median, min, max): (f64, f64, f64)) -> String {
    format!("{median:.0} ({min:.0}–{max:.0})")
}

#[test]
#[ignore = "a benchmark: run scripts/bench.sh"]
fn benchmark() {
    let page = dist_dir();
    let hello = root().join("bench/hello/dist");
    let plain = root().join("bench/static");
    println!("# Sizes");
    let (_, page_gz) = size_table(
        "page, initial load (index.html and what it links: the key check)",
        &page,
        initial_files(&page),
    );
    size_table(
        "page, on first use or after 1.5 s idle (the tools)",
        &page,
        deferred_files(&page),
    );
    size_table(
        "Yew hello-world (same profile), all of it",
        &hello,
        dist_files(&hello),
    );
    let verdict = if page_gz <= 130_000 { "within" } else { "OVER" };
    println!(
        "\nbudget: initial load {page_gz} bytes gzip ({} KiB): {verdict} the 130 KB budget",
        kib(page_gz)
    );

    // Rounds interleave the three pages, so that drift in the machine's load hits them alike.
    println!(
        "\n# Cold loads in headless Chromium: median (min–max) of {} rounds, ms since navigation start",
        runs()
    );
    let servers = [
        StaticServer::start(page, "/bench/"),
        StaticServer::start(hello, "/bench/"),
        StaticServer::start(plain, "/bench/"),
    ];
    let mut fcp: [Vec<f64>; 3] = Default::default();
    let mut ready: [Vec<f64>; 2] = Default::default();
    let mut ratios = Vec::new();
    let mut tools = Vec::new();
    for _ in 0..runs() {
        let mut round = [0.0; 2];
        for (i, server) in servers.iter().enumerate() {
            let (paint, started, mounted) = cold_load(server, i < 2, i == 0);
            fcp[i].push(paint);
            tools.extend(mounted);
            if let Some(started) = started {
                ready[i].push(started);
                round[i] = started;
            }
        }
        ratios.push(round[0] / round[1]);
    }
    let [page_fcp, hello_fcp, plain_fcp] = fcp.map(spread);
    let [page_ready, hello_ready] = ready.map(spread);
    let ratio = spread(ratios);
    println!("| page | first contentful paint | app ready (key field interactive) |");
    println!("|---|---:|---:|");
    println!(
        "| this page | {} | {} |",
        fmt_spread(page_fcp),
        fmt_spread(page_ready)
    );
    println!(
        "| Yew hello-world | {} | {} |",
        fmt_spread(hello_fcp),
        fmt_spread(hello_ready)
    );
    println!("| plain static HTML | {} | n/a |", fmt_spread(plain_fcp));
    println!(
        "\ntools (steps 2 to 5) mounted after the first mouse move: {} ms",
        fmt_spread(spread(tools))
    );
    println!(
        "\nready ratio page / hello-world: {:.2} from the medians; per round {:.2} ({:.2}–{:.2}) (budget 1.5)",
        page_ready.0 / hello_ready.0,
        ratio.0,
        ratio.1,
        ratio.2
    );
    println!(
        "FCP page - static: {:+.0} ms (medians)",
        page_fcp.0 - plain_fcp.0
    );
}
