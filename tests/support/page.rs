//! A page under test: a release dist served on loopback under a sub-path, open in headless Chromium once the app
//! has mounted.

use std::path::PathBuf;

use super::chromium::{Browser, Options};
use super::static_server::StaticServer;

/// A synthetic, well-formed Console API key to paste (never a real one): the prefix, `seed`, 92 body characters and
/// `AA`, 108 characters in all. Different seeds give different keys.
pub fn api_key(seed: char) -> String {
    let body: String = "Q7x_Lm-3".chars().cycle().take(92).collect();
    format!("sk-ant-api03-{seed}{body}AA")
}

pub struct Page {
    pub browser: Browser,
    pub server: StaticServer,
}

impl Page {
    /// Serves `dist` under `sub_path`, opens it with `options`, and waits for the app and for the element
    /// `data-testid=ready_testid`.
    pub fn open(dist: PathBuf, sub_path: &str, options: Options, ready_testid: &str) -> Page {
        let server = StaticServer::start(dist, sub_path);
        let browser = Browser::start(options);
        browser.goto(&server.url());
        wait_for_app(&browser);
        browser.wait_for(
            &format!("document.querySelector('[data-testid=\"{ready_testid}\"]')"),
            &format!("{ready_testid} to mount"),
        );
        Page { browser, server }
    }
}

/// The app has mounted: its first section and its last.
pub fn wait_for_app(browser: &Browser) {
    browser.wait_for(
        "document.querySelector('[data-testid=\"key-input\"]') && document.querySelector('[data-testid=\"share-link\"]')",
        "the app to mount",
    );
}

/// Clicks `live-test` and waits for this run's result: its outcome code once it is no longer `pending`.
pub fn run_live_test(browser: &Browser) -> String {
    let result = "document.querySelector('[data-testid=\"live-result\"]')";
    let before = browser.js(
        &format!("const e = {result}; return e ? e.dataset.run : null;"),
        vec![],
    );
    browser.click("live-test");
    browser
        .wait_for(
            &format!(
                "(() => {{ const e = {result}; \
                 return e && e.dataset.run !== {before} && e.dataset.outcome !== 'pending' && e.dataset.outcome; }})()"
            ),
            "the live test's outcome",
        )
        .as_str()
        .expect("an outcome code")
        .to_string()
}

/// The exact text of the element with this testid (`textContent`: nothing changed by layout or CSS).
pub fn text_content(browser: &Browser, testid: &str) -> String {
    browser
        .js(
            "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); \
             if (!e) throw new Error('no element ' + arguments[0]); return e.textContent;",
            vec![serde_json::json!(testid)],
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The strings of a JSON array (anything else in it reads as empty); none for a value that is not an array.
pub fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| s.as_str().unwrap_or_default().to_string())
        .collect()
}

/// The words of a cause's entry in the page's reference (what it means, each fix step, and where it comes from when
/// `sources`) that the element with this testid does not show: none when the section explains the cause in the
/// reference's own words.
pub fn reference_words_missing(
    browser: &Browser,
    testid: &str,
    cause: &str,
    sources: bool,
) -> Vec<String> {
    let missing = browser.js(
        "const shown = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); \
         const entry = document.getElementById('cause-' + arguments[1]); \
         if (!shown || !entry) return ['no section or no entry']; \
         const parts = '.cause-meaning, .cause-fix > li' + (arguments[2] ? ', .cause-from > li' : ''); \
         const words = [...entry.querySelectorAll(parts)] \
           .map(e => e.textContent.trim()); \
         if (words.length < 3) return ['the entry has no words']; \
         return words.filter(w => !shown.textContent.includes(w));",
        vec![
            serde_json::json!(testid),
            serde_json::json!(cause),
            serde_json::json!(sources),
        ],
    );
    strings(&missing)
}
