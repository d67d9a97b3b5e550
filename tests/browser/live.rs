//! The live test call in the browser, against the loopback stand-in Anthropic API (`support::stand_in_api`). The
//! page reaches the stand-in at `http://127.0.0.1:PORT`, i.e. as a gateway; each scenario is picked by the key
//! pasted.
//!
//! Every outcome code of `live-result[data-outcome]` is reached here: most in one browser session
//! (`every_stand_in_scenario_reaches_its_outcome`), the rest by the tests named after them.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use claude_auth_doctor::core::codes::OutcomeCode;
use claude_auth_doctor::core::knowledge;
use serde_json::{json, Value};

use crate::support::chromium::{screenshot_path, Browser, Options};
use crate::support::page::{self, Page};
use crate::support::stand_in_api::{self as stand_in, RecordedRequest, StandIn};
use crate::support::static_server::dist_dir;

const SUB_PATH: &str = "/tools/claude-auth/";

fn open(options: Options) -> Page {
    Page::open(dist_dir(), SUB_PATH, options, "live-test")
}

fn screenshot(browser: &Browser, name: &str) {
    browser.js(
        "const e = document.querySelector('[data-testid=\"live-result\"]') \
             || document.querySelector('[data-testid=\"live-test\"]'); \
         e.scrollIntoView({block: 'start'}); window.scrollBy(0, -260);",
        vec![],
    );
    browser.screenshot(&screenshot_path(name));
}

/// Where `needle` shows up in the page: its text, HTML, any attribute, storage, the URL.
fn leaks(browser: &Browser, needle: &str) -> Value {
    browser.js(
        "const needle = arguments[0]; const hits = [];
         for (const el of document.querySelectorAll('*'))
             for (const a of el.attributes) if (a.value.includes(needle)) hits.push('attribute ' + a.name);
         if (document.documentElement.outerHTML.includes(needle)) hits.push('html');
         if (document.body.innerText.includes(needle)) hits.push('text');
         if (location.href.includes(needle)) hits.push('url');
         for (const s of [localStorage, sessionStorage]) if (s.length) hits.push('storage');
         return hits;",
        vec![json!(needle)],
    )
}

/// The middle of a key: what must never appear anywhere but in the request header.
fn middle(key: &str) -> &str {
    &key[20..60]
}

fn set_base_url(browser: &Browser, url: &str) {
    browser.paste("base-url", url);
    assert_eq!(
        browser.js(
            "return document.querySelector('[data-testid=\"base-url\"]').value;",
            vec![]
        ),
        json!(url)
    );
}

fn select(browser: &Browser, testid: &str, value: &str) {
    browser.js(
        "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); e.value = arguments[1]; \
         e.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![json!(testid), json!(value)],
    );
}

fn set_billing(browser: &Browser, on: bool) {
    let checked = browser.js(
        "return document.querySelector('[data-testid=\"probe-billing\"]').checked;",
        vec![],
    );
    if checked != json!(on) {
        browser.click("probe-billing");
    }
    browser.wait_for(
        &format!("document.querySelector('[data-testid=\"probe-billing\"]').checked === {on}"),
        "the billing checkbox",
    );
}

fn result_run(browser: &Browser) -> Value {
    browser.js(
        "const e = document.querySelector('[data-testid=\"live-result\"]'); return e ? e.dataset.run : null;",
        vec![],
    )
}

fn disabled(browser: &Browser, testid: &str) -> bool {
    browser.attr(testid, "disabled").is_some()
}

/// Clicks live-test and waits for a new result that is not `pending`; returns its outcome code.
fn run(browser: &Browser) -> String {
    assert!(
        !disabled(browser, "live-test"),
        "the test button is disabled"
    );
    let before = result_run(browser);
    browser.click("live-test");
    let outcome = browser.wait_for(
        &format!(
            "(() => {{ const e = document.querySelector('[data-testid=\"live-result\"]'); \
             return !!e && e.dataset.run !== {before} && e.dataset.outcome !== 'pending' && e.dataset.outcome; }})()"
        ),
        "the live test to finish",
    );
    // The page stays usable: the test button is back, cancel is off.
    assert!(!disabled(browser, "live-test"));
    assert!(disabled(browser, "live-cancel"));
    outcome.as_str().unwrap().to_string()
}

/// Clicks live-test and waits until the result says `pending`.
fn start_pending(browser: &Browser) {
    let before = result_run(browser);
    browser.click("live-test");
    browser.wait_for(
        &format!(
            "(() => {{ const e = document.querySelector('[data-testid=\"live-result\"]'); \
             return !!e && e.dataset.run !== {before} && e.dataset.outcome === 'pending'; }})()"
        ),
        "the pending state",
    );
    assert!(disabled(browser, "live-test"));
    assert!(!disabled(browser, "live-cancel"));
}

fn sent(stand_in: &StandIn) -> Vec<RecordedRequest> {
    stand_in
        .requests()
        .into_iter()
        .filter(|r| r.method != "OPTIONS")
        .collect()
}

/// The request as the page sent it: browser headers, the credential only in its header, nothing in the URL.
fn assert_sent_cleanly(request: &RecordedRequest, key: &str, page_origin: &str) {
    assert_eq!(request.header("anthropic-version"), Some("2023-06-01"));
    assert_eq!(
        request.header("anthropic-dangerous-direct-browser-access"),
        Some("true")
    );
    assert_eq!(request.header("cookie"), None, "a cookie was sent");
    assert_eq!(request.header("referer"), None, "a referrer was sent");
    assert_eq!(request.header("origin"), Some(page_origin));
    assert!(
        !request.path.contains(middle(key)) && !request.path.contains('?'),
        "the key or a query in the URL: {}",
        request.path
    );
    for (name, value) in &request.headers {
        if name != "x-api-key" && name != "authorization" {
            assert!(!value.contains(middle(key)), "the key in header {name}");
        }
    }
}

#[test]
fn every_stand_in_scenario_reaches_its_outcome() {
    let api = StandIn::start();
    let page = open(Options::default());
    let b = &page.browser;
    set_base_url(b, &api.base_url());
    let mut reached = BTreeSet::new();
    let mut shots = 0;
    for (key, models, messages) in stand_in::expected_outcomes() {
        if key == stand_in::KEY_SLOW {
            continue; // timeout and cancel have their own tests
        }
        for (billing, expected) in [(false, models), (true, messages)] {
            b.paste("key-input", key);
            assert!(
                !b.exists("live-result"),
                "a new key must drop the old result"
            );
            set_billing(b, billing);
            let got = run(b);
            assert_eq!(
                got,
                expected.code(),
                "key scenario {:?} with billing {billing}",
                stand_in::scenario_for(key).map(|s| s.name)
            );
            reached.insert(got.clone());
            // What is shown: the status and request id of an answer, the fingerprint, never the key.
            if got != "network-error" {
                let status = b.text("live-status");
                assert!(
                    status.trim().parse::<u16>().is_ok(),
                    "status shown: {status:?}"
                );
                let request_id = b.text("live-request-id");
                assert!(
                    request_id.starts_with("req_011CStandIn"),
                    "request id shown: {request_id:?}"
                );
            }
            let fingerprint = b.text("live-fingerprint");
            assert!(
                fingerprint.starts_with("sk-ant-api03-…")
                    && fingerprint.ends_with(&key[key.len() - 4..]),
                "fingerprint: {fingerprint}"
            );
            assert!(!b.text("live-result").trim().is_empty());
            // An outcome a cause owns is explained in that cause's words, copied from its reference entry.
            if let Some(cause) = knowledge::for_outcome(expected) {
                let missing =
                    page::reference_words_missing(b, "live-result", cause.code.code(), false);
                assert!(missing.is_empty(), "{got}: not shown: {missing:?}");
            }
            assert_eq!(leaks(b, middle(key)), json!([]), "the key leaked");
            let billing_probe_ran = b.codes("live-probe", "data-outcome").len();
            assert_eq!(
                billing_probe_ran,
                if billing && models == OutcomeCode::Valid {
                    2
                } else {
                    1
                },
                "requests listed for {got}"
            );
            let name = match (got.as_str(), billing) {
                ("valid", true) if key == stand_in::KEY_VALID => Some("live-valid-billing.png"),
                ("low-credit", true) => Some("live-low-credit.png"),
                ("invalid-key", false) => Some("live-invalid-key.png"),
                ("gateway-auth", false) if key == stand_in::KEY_LITELLM_AUTH => {
                    Some("live-gateway-auth.png")
                }
                ("network-error", false) => Some("live-network-error.png"),
                _ => None,
            };
            if let Some(name) = name {
                screenshot(b, name);
                shots += 1;
            }
        }
        b.assert_no_panic();
    }
    assert!(shots >= 5);
    // The same answers through the bearer scheme (what ANTHROPIC_AUTH_TOKEN sends to a gateway).
    select(b, "auth-scheme", "bearer");
    set_billing(b, false);
    for (key, models, _) in stand_in::expected_outcomes() {
        if key == stand_in::KEY_SLOW {
            continue;
        }
        b.paste("key-input", key);
        assert_eq!(
            run(b),
            models.code(),
            "bearer, key scenario {:?}",
            stand_in::scenario_for(key).map(|s| s.name)
        );
    }
    let bearer_requests = sent(&api);
    assert!(bearer_requests.iter().rev().take(5).all(|r| r
        .header("authorization")
        .is_some_and(|v| v.starts_with("Bearer "))
        && r.header("x-api-key").is_none()));
    b.assert_no_panic();
    let expected: BTreeSet<String> = OutcomeCode::ALL
        .iter()
        .filter(|c| {
            !matches!(
                c,
                OutcomeCode::Pending
                    | OutcomeCode::Timeout
                    | OutcomeCode::Cancelled
                    | OutcomeCode::BlockedByPolicy
            )
        })
        .map(|c| c.code().to_string())
        .collect();
    assert_eq!(
        reached, expected,
        "outcomes reached by the stand-in scenarios"
    );
    for (_, message) in b.console() {
        assert!(
            !stand_in::expected_outcomes()
                .iter()
                .any(|(key, _, _)| message.contains(middle(key))),
            "a key was logged: {message}"
        );
    }
}

#[test]
fn a_fixable_key_is_sent_cleaned_with_the_browser_headers_and_nothing_else() {
    let api = StandIn::start();
    let page = open(Options::default());
    let b = &page.browser;
    let page_origin = page.server.origin();
    // A cookie on 127.0.0.1 would go to the stand-in's port too, unless the request omits credentials.
    b.js("document.cookie = 'trap=must-not-be-sent; path=/';", vec![]);
    set_base_url(b, &api.base_url());
    set_billing(b, true);
    let key = stand_in::KEY_VALID;
    b.paste(
        "key-input",
        &format!(
            "export ANTHROPIC_API_KEY=\"{}\n{}\"\n",
            &key[..50],
            &key[50..]
        ),
    );
    assert_eq!(
        b.attr("key-verdict", "data-verdict").as_deref(),
        Some("fixable")
    );
    assert_eq!(run(b), "valid");

    let requests = sent(&api);
    let summary: Vec<String> = requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        summary,
        ["GET /v1/models", "POST /v1/messages"],
        "models first, then the billing probe"
    );
    for request in &requests {
        assert_eq!(
            request.header("x-api-key"),
            Some(key),
            "the cleaned key goes in x-api-key"
        );
        assert_eq!(request.header("authorization"), None);
        assert_sent_cleanly(request, key, &page_origin);
    }
    let body: Value = serde_json::from_str(&requests[1].body).expect("a JSON body");
    assert_eq!(body["model"], json!(stand_in::CHEAPEST_MODEL));
    assert_eq!(body["max_tokens"], json!(1));
    assert_eq!(requests[1].header("content-type"), Some("application/json"));
    // The preflight carried no credential.
    for preflight in api.requests().iter().filter(|r| r.method == "OPTIONS") {
        assert_eq!(preflight.header("x-api-key"), None);
        assert_eq!(preflight.header("authorization"), None);
    }

    // What is shown: the note that it was sent cleaned, the fingerprint, the model, never the key.
    let notes = b.codes("live-note", "data-testid").len();
    assert!(notes >= 1);
    let text = b.text("live-result");
    assert!(text.contains("sent cleaned"), "{text}");
    assert!(text.contains(stand_in::CHEAPEST_MODEL), "{text}");
    assert!(text.contains(&format!("sk-ant-api03-…{}", &key[key.len() - 4..])));
    assert!(b.text("live-elapsed").contains("ms") || b.text("live-elapsed").contains(" s"));
    assert_eq!(leaks(b, middle(key)), json!([]));

    // The bearer scheme: Authorization: Bearer, no x-api-key.
    api.clear_requests();
    select(b, "auth-scheme", "bearer");
    assert!(!b.exists("live-result"), "a scheme change drops the result");
    set_billing(b, false);
    b.paste("key-input", stand_in::KEY_INVALID_BEARER);
    assert_eq!(run(b), "invalid-bearer");
    let requests = sent(&api);
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].header("authorization").map(str::to_string),
        Some(format!("Bearer {}", stand_in::KEY_INVALID_BEARER))
    );
    assert_eq!(requests[0].header("x-api-key"), None);
    assert_sent_cleanly(&requests[0], stand_in::KEY_INVALID_BEARER, &page_origin);
    // A gateway that takes the key as a bearer token accepts it.
    b.paste("key-input", stand_in::KEY_VALID);
    assert_eq!(run(b), "valid");
    b.assert_no_panic();
}

#[test]
fn network_errors_say_the_status_is_unknown() {
    let api = StandIn::start();
    let page = open(Options::default());
    let b = &page.browser;
    // A dropped connection.
    set_base_url(b, &api.base_url());
    b.paste("key-input", stand_in::KEY_DROPPED);
    assert_eq!(run(b), "network-error");
    assert!(
        !b.exists("live-status"),
        "no HTTP status for a network error"
    );
    // A gateway whose CORS preflight fails: the credential never reaches it.
    api.clear_requests();
    set_base_url(b, &api.preflight_failing_base_url());
    b.paste("key-input", stand_in::KEY_VALID);
    assert_eq!(run(b), "network-error");
    let text = b.text("live-result");
    assert!(text.contains("says nothing about the key"), "{text}");
    assert!(
        sent(&api).is_empty(),
        "only the preflight may arrive: {:?}",
        api.requests()
    );
    assert!(api
        .requests()
        .iter()
        .all(|r| r.header("x-api-key").is_none()));
    // Run again, against a working base URL: the page recovered.
    set_base_url(b, &api.base_url());
    assert_eq!(run(b), "valid");
    b.assert_no_panic();
}

#[test]
fn nothing_is_sent_when_the_page_refuses() {
    let api = StandIn::start();
    let page = open(Options::default());
    let b = &page.browser;
    let body: String = "Q7x_Lm-3".chars().cycle().take(93).collect();
    let oauth = format!("sk-ant-oat01-{body}AA");

    // Against Anthropic (the default base URL): a subscription OAuth token and an invalid key are never sent.
    assert_eq!(
        b.js(
            "return document.querySelector('[data-testid=\"base-url\"]').value;",
            vec![]
        ),
        json!("https://api.anthropic.com")
    );
    b.paste("key-input", &oauth);
    assert_eq!(run(b), "blocked-by-policy");
    assert!(b.text("live-result").contains("Nothing was sent"));
    assert!(!b.exists("live-elapsed"));
    assert_eq!(leaks(b, middle(&oauth)), json!([]));
    screenshot(b, "live-blocked-oauth.png");
    b.paste("key-input", &stand_in::KEY_VALID[..80]);
    assert_eq!(
        b.attr("key-verdict", "data-verdict").as_deref(),
        Some("invalid")
    );
    assert_eq!(run(b), "blocked-by-policy");
    b.paste("key-input", "   ");
    assert_eq!(run(b), "blocked-by-policy");

    // Nor to a gateway: an OAuth token stays in the tab.
    set_base_url(b, &api.base_url());
    b.paste("key-input", &oauth);
    assert_eq!(run(b), "blocked-by-policy");
    assert!(api.requests().is_empty(), "{:?}", api.requests());

    // A base URL outside the page's Content-Security-Policy: refused before the browser would block it.
    set_base_url(b, "https://llm-gateway.corp.example");
    b.paste("key-input", stand_in::KEY_VALID);
    assert_eq!(run(b), "blocked-by-policy");
    let text = b.text("live-result");
    assert!(
        text.contains("Content-Security-Policy") && text.contains("Team configuration"),
        "{text}"
    );
    screenshot(b, "live-blocked-csp.png");

    // Nothing left the page for any of these.
    let origin = page.server.origin();
    let urls = b.requested_urls(&page.server.url());
    for url in &urls {
        assert!(
            url.starts_with(&origin) || url.starts_with("data:"),
            "request to another origin: {url}"
        );
    }

    // A base URL that is not one: explained at once, and the button waits for a fix.
    set_base_url(b, "api.anthropic.com");
    assert!(b.text("base-url-error").contains("scheme"));
    assert!(disabled(b, "live-test"));
    assert_eq!(b.attr("base-url", "aria-invalid").as_deref(), Some("true"));
    set_base_url(b, "https://api.anthropic.com/v1");
    assert!(b.text("base-url-error").contains("/v1"));
    set_base_url(b, &format!("{}/", api.base_url()));
    assert!(!b.exists("base-url-error"));
    assert_eq!(run(b), "valid");
    b.assert_no_panic();
}

#[test]
fn cancel_stops_a_test_and_a_new_key_or_base_url_drops_the_result() {
    let api = StandIn::start();
    let page = open(Options::default());
    let b = &page.browser;
    set_base_url(b, &api.base_url());
    b.paste("key-input", stand_in::KEY_SLOW);
    start_pending(b);
    assert!(b.text("live-result").contains("/v1/models"));
    screenshot(b, "live-pending.png");
    let started = Instant::now();
    b.click("live-cancel");
    b.wait_for(
        "document.querySelector('[data-testid=\"live-result\"]').dataset.outcome === 'cancelled'",
        "the cancelled outcome",
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!disabled(b, "live-test") && disabled(b, "live-cancel"));
    assert_eq!(
        sent(&api)
            .iter()
            .map(|r| r.path.as_str())
            .collect::<Vec<_>>(),
        ["/v1/models"]
    );
    screenshot(b, "live-cancelled.png");

    // A new key while a test runs: the result goes, and the old answer never comes back.
    start_pending(b);
    b.paste("key-input", stand_in::KEY_VALID);
    assert!(!b.exists("live-result"));
    assert!(!disabled(b, "live-test"));
    std::thread::sleep(Duration::from_millis(600));
    assert!(!b.exists("live-result"), "a stale result came back");

    // A base URL change drops a finished result.
    assert_eq!(run(b), "valid");
    set_base_url(b, &api.base_url_with_prefix("/anthropic"));
    assert!(!b.exists("live-result"));
    assert_eq!(run(b), "valid");
    assert_eq!(sent(&api).last().unwrap().path, "/anthropic/v1/models");
    // Clear drops it too.
    b.click("key-clear");
    assert!(!b.exists("live-result"));
    b.assert_no_panic();
}

#[test]
fn a_silent_server_times_out_after_15_seconds() {
    let api = StandIn::start();
    let page = open(Options::default());
    let b = &page.browser;
    set_base_url(b, &api.base_url());
    b.paste("key-input", stand_in::KEY_SLOW);
    let started = Instant::now();
    assert_eq!(run(b), "timeout");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(14) && waited < Duration::from_secs(20),
        "{waited:?}"
    );
    let elapsed = b.text("live-elapsed");
    assert!(
        elapsed.starts_with("15.") || elapsed.starts_with("14.9"),
        "{elapsed}"
    );
    screenshot(b, "live-timeout.png");
    // Usable afterwards.
    b.paste("key-input", stand_in::KEY_VALID);
    assert_eq!(run(b), "valid");
    b.assert_no_panic();
}

#[test]
fn the_terminal_check_matches_the_shell_and_never_holds_the_key() {
    let api = StandIn::start();
    let page = open(Options::default());
    let b = &page.browser;
    b.paste("key-input", stand_in::KEY_VALID);
    set_base_url(b, &api.base_url());
    let command = |b: &Browser| b.text("live-curl");
    let base = api.base_url();
    select(b, "live-curl-shell", "bash");
    assert_eq!(
        command(b),
        format!(
            "curl -sS \"{base}/v1/models\" -H \"x-api-key: $ANTHROPIC_API_KEY\" -H \"anthropic-version: 2023-06-01\""
        )
    );
    select(b, "live-curl-shell", "powershell");
    assert!(command(b).starts_with("curl.exe ") && command(b).contains("$env:ANTHROPIC_API_KEY"));
    select(b, "live-curl-shell", "cmd");
    assert!(command(b).contains("%ANTHROPIC_API_KEY%"));
    select(b, "auth-scheme", "bearer");
    select(b, "live-curl-shell", "fish");
    assert!(
        command(b).contains("Authorization: Bearer $ANTHROPIC_AUTH_TOKEN"),
        "{}",
        command(b)
    );
    assert!(!command(b).contains(middle(stand_in::KEY_VALID)));
    b.click("live-curl-copy");
    let status = b.wait_for(
        "document.querySelector('[data-testid=\"live-curl-copy\"]').dataset.copied",
        "the copy status",
    );
    assert_eq!(status, json!("true"));
    // What went to the clipboard (reading it back needs a permission headless Chromium denies): the command shown.
    select(b, "live-curl-shell", "zsh");
    b.js(
        "navigator.clipboard.writeText = text => { window.copiedText = text; return Promise.resolve(); };",
        vec![],
    );
    b.click("live-curl-copy");
    let copied = b.wait_for("window.copiedText", "the copied text");
    assert_eq!(copied, json!(command(b)));
    assert!(command(b).contains("$ANTHROPIC_AUTH_TOKEN"));
    b.js(
        "document.querySelector('[data-testid=\"live-curl\"]').scrollIntoView({block: 'center'});",
        vec![],
    );
    b.screenshot(&screenshot_path("live-terminal-check.png"));
    b.assert_no_panic();
}

#[test]
fn screenshot_in_dark_mode() {
    let api = StandIn::start();
    let page = open(Options {
        dark: true,
        ..Options::default()
    });
    let b = &page.browser;
    set_base_url(b, &api.base_url());
    set_billing(b, true);
    b.paste("key-input", stand_in::KEY_ORG_DISABLED);
    assert_eq!(run(b), "org-disabled");
    screenshot(b, "live-org-disabled-dark.png");
    let _ = &page.server;
}
