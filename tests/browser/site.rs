//! The built site as a team hosts it: the release `dist/` under a sub-path, its Content-Security-Policy, content
//! without JavaScript, one WebAssembly module that loads with the page, and a whole session that must not reach any
//! other origin.

use std::net::TcpListener;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::chromium::{screenshot_path, Browser, Options};
use crate::support::page;
use crate::support::sizes;
use crate::support::stand_in_api::{StandIn, KEY_VALID};
use crate::support::static_server::{dist_dir, team_dist_dir, StaticServer};

const SUB_PATH: &str = "/intranet/tools/claude-auth/";

fn open(dist: PathBuf, options: Options) -> (Browser, StaticServer) {
    let server = StaticServer::start(dist, SUB_PATH);
    let browser = Browser::start(options);
    browser.goto(&server.url());
    (browser, server)
}

fn wait_for_app(b: &Browser) {
    page::wait_for_app(b);
}

fn csp_of(b: &Browser) -> String {
    b.js(
        "const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); return m ? m.content : '';",
        vec![],
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

fn select(b: &Browser, testid: &str, value: &str) {
    b.js(
        "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); e.value = arguments[1]; \
         e.dispatchEvent(new Event('change', {bubbles: true})); e.dispatchEvent(new Event('input', {bubbles: true}));",
        vec![json!(testid), json!(value)],
    );
}

fn set_input(b: &Browser, testid: &str, value: &str) {
    b.js(
        "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); e.value = arguments[1]; \
         e.dispatchEvent(new InputEvent('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![json!(testid), json!(value)],
    );
}

fn wait_outcome(b: &Browser) -> String {
    b.wait_for(
        "(() => { const e = document.querySelector('[data-testid=\"live-result\"]'); \
         return e && e.dataset.outcome && e.dataset.outcome !== 'pending' ? e.dataset.outcome : null; })()",
        "a live test outcome",
    )
    .as_str()
    .unwrap()
    .to_string()
}

#[test]
fn the_dist_is_portable_and_keeps_sri() {
    let dist = dist_dir();
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap();
    for attr in ["src=\"", "href=\""] {
        for (at, _) in html.match_indices(attr) {
            let value = &html[at + attr.len()..];
            let value = &value[..value.find('"').unwrap()];
            assert!(
                value.starts_with("./") || value.starts_with('#') || value.starts_with("https://"),
                "absolute or remote asset URL in index.html: {value}"
            );
            assert!(
                !value.starts_with("https://") || !value.contains('.'),
                "remote asset: {value}"
            );
        }
    }
    // The icon and the wasm's preload carry Subresource Integrity; the start-up glue is inline (allowed by its hash
    // in the policy), so the page names no script file.
    let integrity = html.matches("integrity=\"sha384-").count();
    assert!(integrity >= 2, "SRI hashes missing: {integrity}");
    for attr in ["src=\"", "href=\""] {
        for (at, _) in html.match_indices(attr) {
            let value = &html[at + attr.len()..];
            let value = &value[..value.find('"').unwrap()];
            assert!(
                !value.ends_with(".js"),
                "index.html names a script file: {value}"
            );
        }
    }
    assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\""));
}

#[test]
fn the_guide_is_there_without_javascript() {
    let (b, _server) = open(
        dist_dir(),
        Options {
            javascript_disabled: true,
            ..Options::default()
        },
    );
    b.wait_for("document.readyState === 'complete'", "the page to load");
    let text = b.js("return document.body.innerText;", vec![]);
    let text = text.as_str().unwrap();
    for needle in [
        "Quick checks",
        "/status",
        "claude auth status",
        "The usual causes",
        "keeps your key private",
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} missing without JavaScript"
        );
    }
    assert!(
        text.contains("need JavaScript"),
        "the noscript note is missing"
    );
    assert_eq!(
        b.js(
            "return !!document.querySelector('[data-testid=\"key-input\"]');",
            vec![]
        ),
        json!(false)
    );
    b.screenshot(&screenshot_path("site-javascript-disabled.png"));
}

#[test]
fn the_guide_does_not_move_when_the_app_takes_over() {
    // The build-time guide sits in its own column: its position is the same with and without the app.
    let (plain, _a) = open(
        dist_dir(),
        Options {
            javascript_disabled: true,
            ..Options::default()
        },
    );
    plain.wait_for("document.readyState === 'complete'", "the page to load");
    let before = plain.js(
        "return document.getElementById('guide').getBoundingClientRect().top;",
        vec![],
    );
    let (b, _s) = open(dist_dir(), Options::default());
    wait_for_app(&b);
    let after = b.js(
        "return document.getElementById('guide').getBoundingClientRect().top;",
        vec![],
    );
    assert_eq!(before, after, "the guide moved when WebAssembly took over");
    let guides = b.js(
        "return document.querySelectorAll('[data-testid=\"guide\"]').length;",
        vec![],
    );
    assert_eq!(guides, json!(1), "the guide is shown twice");
}

/// Records, before the page's own scripts run, each time `data-hold` is set on or lifted from `<html>` and whether the
/// key field was in the page at that moment, and how long after the page's request its first script marked the load
/// (`start-up`: it sets the hold in the same step, within 140 ms of the request).
const HOLD_PROBE: &str = "window.__holds = []; \
    new MutationObserver((changes) => { for (const c of changes) { \
      const html = document.documentElement; \
      if (c.attributeName === 'class' && html.classList.contains('start-up') && window.__marked === undefined) \
        window.__marked = performance.now() - performance.getEntriesByType('navigation')[0].requestStart; \
      if (c.attributeName === 'data-hold') window.__holds.push([html.hasAttribute('data-hold') ? 'set' : 'lifted', \
        !!document.querySelector('[data-testid=\"key-input\"]')]); \
    } }).observe(document, {subtree: true, attributes: true, attributeFilter: ['class', 'data-hold']});";

/// The guide's paint waits for the app's first render only when the page came fast (index.html's first script, the
/// `[data-hold]` rule in static/style.css, `App`'s first effect), and is shown with the key field; with the
/// benchmark's slow link emulated it is never held.
#[test]
fn the_guide_waits_for_the_app_only_on_a_fast_link() {
    let guide_shown = "(() => { const g = document.getElementById('guide-column'); \
        return getComputedStyle(g).contentVisibility === 'visible' && g.getBoundingClientRect().height > 100; })()";
    for slow in [false, true] {
        let server = StaticServer::start(dist_dir(), SUB_PATH);
        let b = Browser::start(Options::default());
        b.cdp("Network.enable", json!({}));
        if slow {
            b.cdp(
                "Network.emulateNetworkConditions",
                json!({ "offline": false, "latency": 150, "downloadThroughput": 200_000,
                        "uploadThroughput": 200_000 }),
            );
        }
        b.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": HOLD_PROBE }),
        );
        b.goto(&server.url());
        wait_for_app(&b);
        b.wait_for(guide_shown, "the guide to be shown");
        let marked = b.js("return window.__marked;", vec![]).as_f64().unwrap();
        let holds = b.js("return window.__holds;", vec![]);
        if slow {
            // One emulated round trip alone is 150 ms.
            assert!(
                marked >= 150.0,
                "the slow link's page was marked {marked:.0} ms after its request"
            );
        }
        if (135.0..145.0).contains(&marked) {
            eprintln!("marked {marked:.0} ms after the request, too close to the 140 ms mark to check the hold");
        } else if marked < 140.0 {
            // Set before the app, lifted by its first render (the key field is there).
            assert_eq!(
                holds,
                json!([["set", false], ["lifted", true]]),
                "marked at {marked:.0} ms"
            );
        } else {
            assert_eq!(holds, json!([]), "marked at {marked:.0} ms");
            if !slow {
                eprintln!("loopback page marked {marked:.0} ms after its request: not held on this machine");
            }
        }
        let held = b.js(
            "return document.documentElement.hasAttribute('data-hold');",
            vec![],
        );
        assert_eq!(held, json!(false));
        b.assert_no_panic();
    }
}

#[test]
fn the_policy_blocks_origins_it_does_not_list() {
    let (b, _server) = open(dist_dir(), Options::default());
    wait_for_app(&b);
    let csp = csp_of(&b);
    assert!(
        csp.contains("default-src 'none'") && csp.contains("'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(
        !csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    // Another loopback address, not in connect-src: the fetch must be refused before anything is sent.
    let other = TcpListener::bind("127.0.0.2:0").expect("bind 127.0.0.2");
    other.set_nonblocking(true).unwrap();
    let url = format!(
        "http://127.0.0.2:{}/v1/models",
        other.local_addr().unwrap().port()
    );
    let result = b.js_async(
        "const [url, done] = arguments; let violated = null;
         document.addEventListener('securitypolicyviolation', e => { violated = e.violatedDirective; });
         fetch(url).then(() => done({ok: true, violated}), e => setTimeout(() => done({ok: false, violated}), 50));",
        vec![json!(url)],
    );
    assert_eq!(
        result["ok"],
        json!(false),
        "the fetch went through: {result}"
    );
    assert_eq!(result["violated"], json!("connect-src"), "{result}");
    assert!(
        other.accept().is_err(),
        "a connection reached the unlisted origin"
    );
}

#[test]
fn a_base_url_outside_the_policy_is_reported_not_sent() {
    let (b, server) = open(dist_dir(), Options::default());
    wait_for_app(&b);
    b.paste("key-input", KEY_VALID);
    set_input(&b, "base-url", "https://gateway.not-allowed.example");
    b.click("live-test");
    assert_eq!(wait_outcome(&b), "blocked-by-policy");
    let text = b.text("live-result");
    assert!(
        text.contains("Content-Security-Policy"),
        "the reason is not explained: {text}"
    );
    let urls = b.requested_urls(&server.url());
    assert!(
        urls.iter().all(|u| !u.contains("not-allowed")),
        "a request was made: {urls:?}"
    );
}

#[test]
fn a_whole_session_reaches_only_the_page_and_the_chosen_api() {
    let api = StandIn::start();
    let (b, server) = open(dist_dir(), Options::default());
    wait_for_app(&b);
    b.paste(
        "key-input",
        &format!("export ANTHROPIC_API_KEY=\"{KEY_VALID}\"\n"),
    );
    set_input(&b, "base-url", &api.base_url());
    b.click("live-test");
    assert_eq!(wait_outcome(&b), "valid");
    b.paste("error-input", "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
    b.wait_for(
        "document.querySelector('[data-testid=\"error-diagnosis\"]')",
        "a diagnosis",
    );
    for (os, shell) in [
        ("windows", "powershell"),
        ("linux", "fish"),
        ("macos", "zsh"),
    ] {
        select(&b, "setup-os", os);
        select(&b, "setup-shell", shell);
    }
    select(&b, "setup-auth", "gateway");
    b.wait_for(
        "document.querySelector('[data-testid=\"fix-steps\"]').innerText.length > 0",
        "fix steps",
    );
    let page_origin = server.origin();
    let api_origin = api.base_url();
    let urls = b.requested_urls(&server.url());
    assert!(
        urls.iter().any(|u| u.starts_with(&api_origin)),
        "the live test request is not in the log: {urls:?}"
    );
    for url in &urls {
        assert!(
            url.starts_with(&page_origin)
                || url.starts_with(&api_origin)
                || url.starts_with("data:"),
            "a request to another origin: {url}"
        );
    }
    let served = server.requests.lock().unwrap().clone();
    assert!(
        served.iter().all(|p| p.starts_with(SUB_PATH)),
        "a request escaped the sub-path: {served:?}"
    );
    assert!(
        api.requests().iter().all(|r| !r.path.contains("sk-ant")),
        "the key went into a URL"
    );
}

/// The team build (scripts/test.sh makes it with tests/fixtures/team.json): its gateway is in the policy and its
/// defaults are the page's.
#[test]
fn a_team_build_allows_its_gateway_and_opens_with_its_setup() {
    let dist = team_dist_dir();
    let (b, _server) = open(dist, Options::default());
    wait_for_app(&b);
    let csp = csp_of(&b);
    assert!(
        csp.contains("https://llm.example.com"),
        "the team gateway is not in connect-src: {csp}"
    );
    let base = b.js(
        "return document.querySelector('[data-testid=\"base-url\"]').value;",
        vec![],
    );
    assert_eq!(
        base,
        json!("https://llm.example.com/anthropic"),
        "the team gateway is not the default base URL"
    );
    for (testid, value) in [
        ("setup-os", "windows"),
        ("setup-shell", "powershell"),
        ("setup-launcher", "vscode"),
        ("setup-auth", "gateway"),
    ] {
        let got = b.js(
            &format!("return document.querySelector('[data-testid=\"{testid}\"]').value;"),
            vec![],
        );
        assert_eq!(got, json!(value), "{testid}");
    }
    let claude_md = b.text("claude-md");
    assert!(
        claude_md.contains("Example Corp"),
        "team name missing from CLAUDE.md"
    );
    assert!(
        claude_md.contains("#ai-help"),
        "team lines missing from CLAUDE.md"
    );
}

/// The resources the page fetched so far: (path relative to the page, start time in ms since navigation start).
fn resources(b: &Browser, page_url: &str) -> Vec<(String, f64)> {
    let entries = b.js(
        "return performance.getEntriesByType('resource').map(e => [e.name, e.startTime]);",
        vec![],
    );
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let url = e[0].as_str().unwrap();
            let path = url
                .strip_prefix(page_url)
                .unwrap_or_else(|| panic!("a resource outside the page's directory: {url}"));
            (path.to_string(), e[1].as_f64().unwrap())
        })
        .collect()
}

/// The page is one WebAssembly module that loads with it: what the browser fetched, with no input at all, is exactly
/// what index.html links (one script, one wasm), and every section is there without any use of the page.
#[test]
fn the_page_loads_one_module_with_every_section() {
    let dist = dist_dir();
    let (b, server) = open(dist.clone(), Options::default());
    page::wait_for_app(&b);
    for testid in [
        "key-input",
        "live-test",
        "error-input",
        "setup-auth",
        "fix-steps",
        "claude-md",
    ] {
        assert!(
            b.exists(testid),
            "{testid} is missing without any use of the page"
        );
    }
    // Chromium fetches the icon after the load event, which can come after the app has mounted: give the page up to
    // ten seconds to fetch as many files as index.html links, and the pre-flight script it shows, before comparing
    // which ones it fetched.
    let linked_count = sizes::linked_files(&dist).len();
    let deadline = Instant::now() + Duration::from_secs(10);
    while resources(&b, &server.url()).len() < linked_count && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut fetched: Vec<String> = resources(&b, &server.url())
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    fetched.sort();
    let relative = |f: &std::path::PathBuf| {
        f.strip_prefix(&dist)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    };
    // The public page opens for zsh: the POSIX script is the one step 6 shows.
    let shown_script = sizes::on_demand_files(&dist)
        .iter()
        .map(relative)
        .find(|path| path.starts_with("claude-preflight-posix-"))
        .expect("the POSIX script's template is named on the page");
    let mut linked: Vec<String> = sizes::linked_files(&dist)
        .iter()
        .map(|f| {
            f.strip_prefix(&dist)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|path| path != "index.html")
        .chain([shown_script])
        .collect();
    linked.sort();
    assert_eq!(
        fetched, linked,
        "what the page fetched is not what index.html links and the script it shows"
    );
    assert_eq!(
        fetched
            .iter()
            .filter(|path| path.ends_with(".wasm"))
            .count(),
        1,
        "not one WebAssembly module: {fetched:?}"
    );
    assert_eq!(
        sizes::linked_files(&dist).len() + sizes::on_demand_files(&dist).len(),
        sizes::dist_files(&dist).len(),
        "the dist holds files index.html does not name"
    );
    b.assert_no_panic();
}

/// A pasted key reaches the live test (sent cleaned) and the fix steps; clearing it drops the live result too.
#[test]
fn a_pasted_key_reaches_every_section_and_a_clear_drops_it() {
    let api = StandIn::start();
    let (b, _server) = open(dist_dir(), Options::default());
    page::wait_for_app(&b);
    b.paste("key-input", &format!("  {KEY_VALID}\n"));
    assert_eq!(
        b.attr("key-verdict", "data-verdict").as_deref(),
        Some("fixable")
    );
    set_input(&b, "base-url", &api.base_url());
    b.click("live-test");
    assert_eq!(wait_outcome(&b), "valid");
    let sent = api.requests();
    let models = sent
        .iter()
        .find(|r| r.method == "GET")
        .expect("GET /v1/models");
    assert_eq!(
        models.header("x-api-key"),
        Some(KEY_VALID),
        "not sent cleaned"
    );
    b.wait_for(
        "document.querySelector('[data-testid=\"fix-steps\"]').innerText.length > 0",
        "fix steps",
    );
    b.click("key-clear");
    b.wait_for(
        "!document.querySelector('[data-testid=\"live-result\"]')",
        "the result to be dropped with the key",
    );
    b.assert_no_panic();
}
