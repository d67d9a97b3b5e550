//! The key format check in the browser: verdicts, kinds and findings of pasted and typed keys, the redacted
//! preview, the key (and a secret in the pasted machine state) never stored, logged or put in the URL, both dropped
//! on `pagehide`, a 1 MB paste, and a page that loads only from its own sub-path.

use serde_json::json;

use crate::support::chromium::{screenshot_path, Browser, Options};
use crate::support::page::{api_key, Page};
use crate::support::static_server::dist_dir;

const SUB_PATH: &str = "/tools/claude-auth/";

fn open(options: Options) -> Page {
    Page::open(dist_dir(), SUB_PATH, options, "key-input")
}

fn verdict(browser: &Browser) -> (String, String) {
    (
        browser.attr("key-verdict", "data-verdict").unwrap(),
        browser.attr("key-verdict", "data-kind").unwrap(),
    )
}

#[test]
fn the_key_field_is_a_private_password_field() {
    let page = open(Options::default());
    let b = &page.browser;
    assert_eq!(b.attr("key-input", "type").as_deref(), Some("password"));
    assert_eq!(b.attr("key-input", "autocomplete").as_deref(), Some("off"));
    assert_eq!(b.attr("key-input", "spellcheck").as_deref(), Some("false"));
    assert_eq!(
        b.attr("key-input", "autocapitalize").as_deref(),
        Some("off")
    );
    let in_form = b.js(
        "return !!document.querySelector('[data-testid=\"key-input\"]').closest('form');",
        vec![],
    );
    assert_eq!(
        in_form,
        json!(false),
        "the key field must not sit inside a submitting form"
    );
    let live = b.js(
        "return document.querySelector('[data-testid=\"key-verdict\"]').getAttribute('aria-live');",
        vec![],
    );
    assert_eq!(live, json!("polite"));
    let labelled = b.js(
        "return document.querySelector('label[for=\"key-input\"]') !== null;",
        vec![],
    );
    assert_eq!(labelled, json!(true));
    assert_eq!(verdict(b), ("empty".into(), "empty".into()));
}

#[test]
fn pasted_keys_get_their_verdict_kind_and_findings() {
    let page = open(Options::default());
    let b = &page.browser;
    let key = api_key('k');
    let cases: Vec<(String, &str, &str, Vec<&str>)> = vec![
        (key.clone(), "ok", "api-key", vec![]),
        (
            format!("{key}\n"),
            "fixable",
            "api-key",
            vec!["surrounding-whitespace"],
        ),
        (
            format!("export ANTHROPIC_API_KEY=\"{key}\"\n"),
            "fixable",
            "api-key",
            vec!["assignment-prefix", "quotes"],
        ),
        (
            format!("{}\n{}", &key[..50], &key[50..]),
            "fixable",
            "api-key",
            vec!["line-break"],
        ),
        (
            format!("\u{200b}{key}"),
            "fixable",
            "api-key",
            vec!["invisible-char"],
        ),
        (
            format!("Bearer {key}"),
            "fixable",
            "api-key",
            vec!["header-prefix"],
        ),
        (
            format!("{key}{key}"),
            "fixable",
            "api-key",
            vec!["duplicated"],
        ),
        (
            key[..80].to_string(),
            "invalid",
            "api-key",
            vec!["truncated"],
        ),
        (
            format!("{}...{}", &key[..20], &key[100..]),
            "invalid",
            "api-key",
            vec!["masked"],
        ),
        (
            format!("sk-ant-oat01-{}", &key[13..]),
            "wrong-credential",
            "oauth-access-token",
            vec![],
        ),
        (
            format!("sk-ant-admin01-{}", &key[13..]),
            "wrong-credential",
            "admin-key",
            vec![],
        ),
        (
            "sk-ant-your-key-here".into(),
            "invalid",
            "placeholder",
            vec![],
        ),
        ("   \n".into(), "empty", "empty", vec![]),
    ];
    for (text, want_verdict, want_kind, want_codes) in cases {
        b.paste("key-input", &text);
        let (got_verdict, got_kind) = verdict(b);
        assert_eq!(
            (got_verdict.as_str(), got_kind.as_str()),
            (want_verdict, want_kind),
            "for {:?}",
            text.escape_debug().to_string()
        );
        let codes = b.codes("key-finding", "data-code");
        for code in want_codes {
            assert!(
                codes.iter().any(|c| c == code),
                "{code} missing in {codes:?} for {:?}",
                text.escape_debug().to_string()
            );
        }
    }
    // Another provider's key names the provider.
    let openai = format!("sk-proj-{}T3BlbkFJ{}", "a".repeat(74), "b".repeat(74));
    b.paste("key-input", &openai);
    assert_eq!(
        verdict(b),
        ("wrong-credential".into(), "other-provider".into())
    );
    assert_eq!(
        b.attr("key-verdict", "data-provider").as_deref(),
        Some("openai")
    );
    b.assert_no_panic();
}

#[test]
fn typing_is_analysed_too() {
    let page = open(Options::default());
    let b = &page.browser;
    let key = api_key('t');
    b.type_text("key-input", &key[..40]);
    assert_eq!(verdict(b).0, "invalid");
    b.type_text("key-input", &key[40..]);
    assert_eq!(verdict(b), ("ok".into(), "api-key".into()));
}

#[test]
fn a_fixable_key_shows_a_redacted_preview_and_the_last_20_on_request() {
    let page = open(Options::default());
    let b = &page.browser;
    let key = api_key('p');
    b.paste("key-input", &format!("  \"{key}\"\r\n"));
    assert_eq!(verdict(b).0, "fixable");
    let preview = b.text("key-preview");
    assert!(
        preview.contains(&format!("sk-ant-api03-…{}", &key[key.len() - 4..])),
        "preview: {preview}"
    );
    assert!(
        !preview.contains(&key[13..40]),
        "the preview shows more than prefix and last four"
    );
    assert!(!b.exists("key-last20"));
    b.click("key-show-last20");
    let last20 = b.text("key-last20");
    assert!(
        last20.ends_with(&key[key.len() - 20..]),
        "last 20: {last20}"
    );
    b.click("key-show-last20");
    assert!(!b.exists("key-last20"));
}

#[test]
fn the_key_and_the_machine_state_are_never_stored_logged_or_put_in_the_url() {
    let page = open(Options::default());
    let b = &page.browser;
    let key = api_key('s');
    b.paste("key-input", &format!("export ANTHROPIC_API_KEY='{key}'\n"));
    assert_eq!(verdict(b).0, "fixable");
    // A full secret in what the machine shows: read there, shown only redacted.
    let machine_key = api_key('w');
    b.paste(
        "env-input",
        &format!("Login method: Claude Max account\n$ env\nANTHROPIC_API_KEY={machine_key}\nPATH=/usr/bin\n"),
    );
    let sources = b.text("credential-sources");
    assert!(
        sources.contains(&format!(
            "sk-ant-api03-…{}",
            &machine_key[machine_key.len() - 4..]
        )),
        "the redacted form is not shown: {sources}"
    );
    let needles = [&key[20..60], &machine_key[20..60]];
    let found = b.js_async(
        "const [needles, done] = arguments; (async () => {
            const hits = [];
            for (const s of [localStorage, sessionStorage]) {
                if (s.length) hits.push('storage has ' + s.length + ' items');
                for (let i = 0; i < s.length; i++) { const k = s.key(i); if (needles.some(n => (k + s.getItem(k)).includes(n))) hits.push('storage'); }
            }
            if (document.cookie) hits.push('cookie: ' + document.cookie.length);
            for (const needle of needles) {
                if (location.href.includes(needle)) hits.push('url');
                if (history.state && JSON.stringify(history.state).includes(needle)) hits.push('history');
                for (const el of document.querySelectorAll('*')) {
                    for (const a of el.attributes) if (a.value.includes(needle)) hits.push('attribute ' + a.name);
                }
                if (document.documentElement.outerHTML.includes(needle)) hits.push('html');
                if (document.body.innerText.includes(needle)) hits.push('text');
            }
            if (indexedDB.databases) { const dbs = await indexedDB.databases(); if (dbs.length) hits.push('indexeddb'); }
            if (window.caches) { const names = await caches.keys(); if (names.length) hits.push('cache storage'); }
            done(hits);
        })();",
        vec![json!(needles)],
    );
    assert_eq!(found, json!([]), "a secret leaked into: {found}");
    for (_, message) in b.console() {
        for needle in needles {
            assert!(!message.contains(needle), "a secret was logged: {message}");
        }
    }
    // Clear drops the key from the field and the analysis.
    b.click("key-clear");
    assert_eq!(
        b.js(
            "return document.querySelector('[data-testid=\"key-input\"]').value;",
            vec![]
        ),
        json!("")
    );
    assert_eq!(verdict(b).0, "empty");
    assert!(!b.exists("key-preview"));
}

#[test]
fn pagehide_drops_the_key_and_the_machine_state() {
    let page = open(Options::default());
    let b = &page.browser;
    b.paste("key-input", &api_key('h'));
    assert_eq!(verdict(b).0, "ok");
    b.paste(
        "env-input",
        &format!(
            "Login method: Claude Max account\nANTHROPIC_API_KEY={}\n",
            api_key('i')
        ),
    );
    assert_eq!(
        b.attr("credential-sources", "data-winner").as_deref(),
        Some("api-key")
    );
    b.js(
        "window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}));",
        vec![],
    );
    b.wait_for(
        "document.querySelector('[data-testid=\"key-verdict\"]').dataset.verdict === 'empty'",
        "the key to be dropped",
    );
    let fields = b.js(
        "return ['key-input', 'env-input'].map(t => document.querySelector(`[data-testid=\"${t}\"]`).value);",
        vec![],
    );
    assert_eq!(fields, json!(["", ""]), "a field still holds a secret");
    // The analysis of the machine state is gone with its text, from its section and from the summary.
    assert!(!b.exists("credential-sources"));
    assert!(!b.exists("credential-source"));
    assert_eq!(b.attr("summary-machine", "data-winner"), None);
    assert_eq!(b.attr("summary-key", "data-verdict"), None);
}

#[test]
fn a_one_megabyte_paste_gets_a_message_not_a_frozen_tab() {
    let page = open(Options::default());
    let b = &page.browser;
    let huge: String = "sk-ant-api03-".to_string() + &"abcdefghij".repeat(100_000);
    b.paste("key-input", &huge);
    assert_eq!(verdict(b).0, "invalid");
    assert!(!b.text("key-verdict").is_empty());
    // Still responsive: a normal key afterwards is analysed at once.
    b.paste("key-input", &api_key('m'));
    assert_eq!(verdict(b).0, "ok");
    b.assert_no_panic();
}

#[test]
fn screenshots_of_a_fixable_key_in_light_and_dark() {
    for (dark, name) in [
        (false, "key-fixable-light.png"),
        (true, "key-fixable-dark.png"),
    ] {
        let page = open(Options {
            dark,
            ..Options::default()
        });
        let b = &page.browser;
        // A key copied with its quotes and the line break after it: two findings, and the preview below them.
        b.paste("key-input", &format!("\"{}\"\n", api_key('d')));
        assert_eq!(verdict(b).0, "fixable");
        assert!(b.exists("key-preview"));
        b.js(
            "document.querySelector('[data-testid=\"key-input\"]').scrollIntoView({block: 'start'}); \
             window.scrollBy(0, -90);",
            vec![],
        );
        let scheme = b.js(
            "return matchMedia('(prefers-color-scheme: dark)').matches;",
            vec![],
        );
        assert_eq!(scheme, json!(dark));
        b.screenshot(&screenshot_path(name));
        let _ = &page.server;
    }
}

#[test]
fn the_page_loads_only_from_its_own_sub_path() {
    let page = open(Options::default());
    let b = &page.browser;
    b.paste("key-input", &api_key('o'));
    assert_eq!(verdict(b).0, "ok");
    let origin = page.server.origin();
    let urls = b.requested_urls(&page.server.url());
    assert!(
        urls.len() >= 3,
        "the performance log recorded too few requests: {urls:?}"
    );
    for url in &urls {
        assert!(
            url.starts_with(&origin) || url.starts_with("data:"),
            "request to another origin: {url}"
        );
    }
    let served = page.server.requests.lock().unwrap().clone();
    assert!(
        served
            .iter()
            .any(|p| p.starts_with(SUB_PATH) && p.ends_with(".wasm")),
        "wasm not loaded from the sub-path: {served:?}"
    );
    assert!(
        served.iter().all(|p| p.starts_with(SUB_PATH)),
        "a request escaped the sub-path: {served:?}"
    );
}
