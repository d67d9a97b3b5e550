//! The benchmark (not a test: it is `#[ignore]`d and asserts nothing about speed). Run it with `scripts/bench.sh`,
//! which builds the page and the Yew hello-world in `bench/hello` with the same profile, copies both dists and the
//! plain static page to `target/bench/` with precompressed `.gz`/`.br` siblings (as `scripts/package.sh` ships
//! them), and then runs `cargo test --features e2e --test tests -- --ignored --exact bench_load::benchmark
//! --nocapture`.
//!
//! It prints the bytes per asset (raw, gzip -9, brotli 11), then, for cold loads in headless Chromium (a fresh
//! profile and a disabled cache each time, no chromedriver log recorded and no WebDriver command sent to the page while it loads,
//! the browser idle for a second first; the three pages interleaved round by round so that drift in the machine's
//! load hits them alike), unthrottled and with a slow link emulated (CDP `Network.emulateNetworkConditions`,
//! 1.6 Mbit/s down and up, 150 ms round trips), the median (min–max) of: first contentful paint; when the wasm's last
//! byte arrived (resource timing); the moment the key field is usable; the moment each other section is usable (live test, error box, setup, fix steps); and what the
//! browser transferred. A section is usable once the app has rendered it: Yew attaches its handlers as it renders.
//! Last, the page's key field against the hello-world's: the ratio of the medians, and the ratio of each round's two
//! loads (median, quartiles, min–max), which shows how much one run's ratio moves with the machine.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::support::chromium::{Browser, Options};
use crate::support::sizes::{brotli_size, dist_files, gzip_size};
use crate::support::static_server::StaticServer;

/// Sections and the element that shows each is usable, in page order.
const SECTIONS: [(&str, &str); 5] = [
    ("key field", "key-input"),
    ("live test", "live-test"),
    ("error box", "error-input"),
    ("setup", "setup-os"),
    ("fix steps", "fix-steps"),
];

/// How long a freshly started browser idles before a load.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(1000);

/// How long the harness leaves a page alone after starting its load (the slowest loads take about 0.5 s unthrottled
/// and 1.7 s on the slow link; a later one is still waited for, by the one script that collects the times).
const QUIET: std::time::Duration = std::time::Duration::from_millis(1500);
const QUIET_SLOW: std::time::Duration = std::time::Duration::from_millis(3000);

/// A slow mobile link: 1.6 Mbit/s each way, 150 ms round trips.
const SLOW_LINK: (f64, f64) = (1.6e6 / 8.0, 150.0);

fn runs(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

fn bench_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench")
        .join(name);
    assert!(
        dir.join("index.html").is_file(),
        "{} missing: run scripts/bench.sh",
        dir.display()
    );
    dir
}

fn kib(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1024.0)
}

fn size_table(name: &str, dir: &Path) {
    let (mut raw_total, mut gz_total, mut br_total) = (0, 0, 0);
    println!("\n{name}");
    println!("| asset | raw KiB | gzip KiB | brotli KiB |");
    println!("|---|---:|---:|---:|");
    for file in dist_files(dir) {
        let raw = std::fs::metadata(&file).unwrap().len() as usize;
        let (gz, br) = (gzip_size(&file), brotli_size(&file));
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
        "| **total** | {} | {} ({gz_total} B) | {} |",
        kib(raw_total),
        kib(gz_total),
        kib(br_total)
    );
}

/// Records, before the page's own scripts run, when each section's element first appears (ms since navigation
/// start), and offers `__whenUsable(ids)`, a promise of those times once every one of `ids` has appeared, so that the
/// harness waits for the load with one script instead of polling the page while it starts.
fn probe_script() -> String {
    let ids: Vec<&str> = SECTIONS.iter().map(|(_, id)| *id).collect();
    format!(
        "window.__usable = {{}};
         const ids = {ids:?};
         const waiting = [];
         const look = () => {{
           for (const id of ids) if (!(id in window.__usable)
             && document.querySelector(`[data-testid=\"${{id}}\"]`)) window.__usable[id] = performance.now();
           for (const w of waiting.splice(0)) w();
         }};
         window.__whenUsable = (wanted) => new Promise((resolve) => {{
           const check = () => wanted.every((id) => id in window.__usable)
             ? resolve(wanted.map((id) => window.__usable[id])) : waiting.push(check);
           check();
         }});
         new MutationObserver(look).observe(document, {{subtree: true, childList: true}});
         document.addEventListener('DOMContentLoaded', look);"
    )
}

/// One cold load: first contentful paint, then for each section when it became usable (`None`: the page has no such
/// section), and the bytes transferred.
struct Load {
    fcp: f64,
    /// When the wasm's last byte arrived (resource timing `responseEnd`), if the page has one.
    wasm: Option<f64>,
    usable: Vec<Option<f64>>,
    transferred: f64,
}

fn cold_load(server: &StaticServer, sections: usize, slow: bool) -> Load {
    let browser = Browser::start(Options {
        timed: true,
        ..Options::default()
    });
    // A person's browser is already running when they open the page: let this one finish its own start-up work
    // (its first second competes for the same two cores) before the load is timed.
    std::thread::sleep(SETTLE);
    browser.cdp("Network.enable", json!({}));
    browser.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }));
    if slow {
        let (throughput, latency) = SLOW_LINK;
        browser.cdp(
            "Network.emulateNetworkConditions",
            json!({ "offline": false, "latency": latency, "downloadThroughput": throughput,
                    "uploadThroughput": throughput }),
        );
    }
    browser.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": probe_script() }),
    );
    browser.goto(&server.url());
    // No WebDriver command reaches the page until it has (almost always) finished: a script run by chromedriver in
    // the middle of the start-up would be timed with it.
    std::thread::sleep(if slow { QUIET_SLOW } else { QUIET });
    let wanted: Vec<&str> = SECTIONS[..sections].iter().map(|(_, id)| *id).collect();
    let usable = browser.js_async(
        "window.__whenUsable(arguments[0]).then(arguments[arguments.length - 1]);",
        vec![json!(wanted)],
    );
    let fcp = browser.wait_for(
        "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime",
        "first contentful paint",
    );
    let transferred = browser.js(
        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
           .reduce((sum, e) => sum + e.transferSize, 0);",
        vec![],
    );
    let wasm = browser.js(
        "const e = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'));
         return e ? e.responseEnd : null;",
        vec![],
    );
    let mut usable: Vec<Option<f64>> = usable
        .as_array()
        .unwrap()
        .iter()
        .map(Value::as_f64)
        .collect();
    usable.resize(SECTIONS.len(), None);
    Load {
        fcp: fcp.as_f64().unwrap(),
        wasm: wasm.as_f64(),
        usable,
        transferred: transferred.as_f64().unwrap_or(0.0),
    }
}

/// "median (min–max)" of the samples, or "—" for none.
fn spread(mut values: Vec<f64>) -> String {
    if values.is_empty() {
        return "—".into();
    }
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let (median, min, max) = (
        values[values.len() / 2],
        values[0],
        values[values.len() - 1],
    );
    format!("{median:.0} ({min:.0}–{max:.0})")
}

/// "median (quartiles; min–max)" of ratios, two decimals.
fn ratio_spread(mut values: Vec<f64>) -> String {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:.2} (quartiles {:.2}–{:.2}; min–max {:.2}–{:.2})",
        at(0.5),
        at(0.25),
        at(0.75),
        at(0.0),
        at(1.0)
    )
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

#[test]
#[ignore = "a benchmark: run scripts/bench.sh"]
fn benchmark() {
    let pages = [
        ("this page", bench_dir("page"), SECTIONS.len()),
        ("Yew hello-world", bench_dir("hello"), 1),
        ("plain static HTML", bench_dir("static"), 1),
    ];
    println!("# Bytes per asset");
    for (name, dir, _) in &pages[..2] {
        size_table(name, dir);
    }
    let servers: Vec<StaticServer> = pages
        .iter()
        .map(|(_, dir, _)| StaticServer::start(dir.clone(), "/bench/"))
        .collect();
    for (slow, rounds) in [
        (false, runs("BENCH_RUNS", 9)),
        (true, runs("BENCH_SLOW_RUNS", 5)),
    ] {
        let link = if slow {
            "slow link emulated (1.6 Mbit/s, 150 ms round trips)"
        } else {
            "unthrottled, loopback"
        };
        println!("\n# Cold loads, {link}: median (min–max) of {rounds} rounds, ms since navigation start");
        let mut loads: Vec<Vec<Load>> = pages.iter().map(|_| Vec::new()).collect();
        for _ in 0..rounds {
            for ((_, _, sections), (server, loads)) in
                pages.iter().zip(servers.iter().zip(&mut loads))
            {
                loads.push(cold_load(server, *sections, slow));
            }
        }
        println!(
            "| page | first contentful paint | wasm received | {} | every section usable | KiB transferred |",
            SECTIONS
                .map(|(name, _)| format!("{name} usable"))
                .join(" | ")
        );
        println!(
            "|---|---:|---:|{}---:|---:|",
            "---:|".repeat(SECTIONS.len())
        );
        for ((name, _, sections), loads) in pages.iter().zip(&loads) {
            let column = |i: usize| spread(loads.iter().filter_map(|l| l.usable[i]).collect());
            let every: Vec<f64> = loads
                .iter()
                .map(|l| {
                    l.usable[..*sections]
                        .iter()
                        .map(|u| u.unwrap())
                        .fold(0.0, f64::max)
                })
                .collect();
            println!(
                "| {name} | {} | {} | {} | {} | {} |",
                spread(loads.iter().map(|l| l.fcp).collect()),
                spread(loads.iter().filter_map(|l| l.wasm).collect()),
                (0..SECTIONS.len())
                    .map(column)
                    .collect::<Vec<_>>()
                    .join(" | "),
                spread(every),
                kib(median(loads.iter().map(|l| l.transferred).collect()) as usize)
            );
        }
        let key = |loads: &[Load]| median(loads.iter().map(|l| l.usable[0].unwrap()).collect());
        // Each round loads the page and the hello-world one after the other, so a round's own ratio is what the
        // machine's drift (a slow minute, another process) touches least; its spread says how far one run's ratio
        // of medians can be trusted.
        let paired: Vec<f64> = loads[0]
            .iter()
            .zip(&loads[1])
            .map(|(page, hello)| page.usable[0].unwrap() / hello.usable[0].unwrap())
            .collect();
        println!(
            "\nkey field usable, this page / Yew hello-world: {:.2} (medians); round by round: {}",
            key(&loads[0]) / key(&loads[1]),
            ratio_spread(paired)
        );
    }
}
