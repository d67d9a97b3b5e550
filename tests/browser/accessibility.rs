//! Accessibility regression test: axe-core, the rule engine of the npm package `axe-core` (installed at the version
//! scripts/setup.sh pins, into `.tools/`), runs in the page with it in use (a key pasted with findings and its
//! preview, a live test answered by the loopback stand-in API, an error text diagnosed with its fix steps, the
//! machine state's sources and conflict, the setup's suggestion, the summary filled in) in the light and the dark
//! color scheme, and finds no violation of WCAG 2.0, 2.1 and 2.2 at levels A and AA.
//!
//! The page's Content-Security-Policy allows no inline or injected script; axe-core enters through DevTools
//! (`Runtime.evaluate`), which the policy does not govern, as a browser extension would.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::{json, Value};

use crate::support::chromium::{screenshot_path, Browser, Options};
use crate::support::page::{strings, Page};
use crate::support::stand_in_api::{StandIn, KEY_VALID};
use crate::support::static_server::dist_dir;

const SUB_PATH: &str = "/tools/claude-auth/";

/// axe-core's tags for the success criteria of WCAG 2.0, 2.1 and 2.2 at levels A and AA.
const WCAG_A_AA: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// The minified axe-core that scripts/setup.sh --test installs (or `AXE_CORE_JS`).
fn axe_core_source() -> String {
    let path = std::env::var("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join(".tools/node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (scripts/setup.sh --test installs axe-core)",
            path.display()
        )
    })
}

/// What one axe-core run found: the rules that passed, the violations (each with its failing nodes), and the rules
/// axe-core could not decide on some node (it leaves those to a person; they are not violations).
struct Audit {
    passed_rules: Vec<String>,
    violations: Vec<Value>,
    undecided: Vec<String>,
}

/// Runs axe-core on the whole document with the WCAG A/AA rules (injecting it first if the page has none yet).
fn audit(b: &Browser, axe_core: &str) -> Audit {
    if b.js("return typeof window.axe;", vec![]) != json!("object") {
        let injected = b.cdp(
            "Runtime.evaluate",
            json!({ "expression": axe_core, "returnByValue": true }),
        );
        assert!(
            injected.get("exceptionDetails").is_none(),
            "axe-core did not load: {injected}"
        );
    }
    let result = b.js_async(
        "const [tags, done] = arguments;
         axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then(r => done({
             passed: r.passes.map(p => p.id),
             undecided: r.incomplete.map(i => `${i.id} at ${i.nodes.map(n => n.target.join(' ')).join(', ')}`),
             violations: r.violations.map(v => ({
                 id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                 nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary})),
             })),
         }), e => done({error: String(e && e.stack || e)}));",
        vec![json!(WCAG_A_AA)],
    );
    assert!(result.get("error").is_none(), "axe-core failed: {result}");
    Audit {
        passed_rules: strings(&result["passed"]),
        violations: result["violations"].as_array().cloned().unwrap_or_default(),
        undecided: strings(&result["undecided"]),
    }
}

/// Each violation: its rule, impact and help, then every failing node's selector and what fails there.
fn report(violations: &[Value]) -> String {
    let mut out = String::new();
    for v in violations {
        let _ = writeln!(
            out,
            "- {} ({}): {} <{}>",
            v["id"].as_str().unwrap_or("?"),
            v["impact"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or(""),
            v["helpUrl"].as_str().unwrap_or(""),
        );
        for node in v["nodes"].as_array().into_iter().flatten() {
            let summary = node["summary"].as_str().unwrap_or("").replace('\n', " ");
            let _ = writeln!(out, "    {}: {summary}", node["target"]);
        }
    }
    out
}

/// Emulates the color scheme; returns the page's background color in it.
fn set_color_scheme(b: &Browser, scheme: &str) -> Value {
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
    );
    let dark = b.js(
        "return matchMedia('(prefers-color-scheme: dark)').matches;",
        vec![],
    );
    assert_eq!(
        dark,
        json!(scheme == "dark"),
        "the color scheme is not {scheme}"
    );
    b.js(
        "return getComputedStyle(document.body).backgroundColor;",
        vec![],
    )
}

/// The page in use: a key with removable noise (its findings and redacted preview), a live test answered by the
/// stand-in, an error text with its diagnosis and fix steps, and what the machine shows (sources and a conflict):
/// every row of the summary filled in.
fn use_the_page(b: &Browser, api: &StandIn) {
    b.paste("key-input", &format!("\"{KEY_VALID}\"\n"));
    assert_eq!(
        b.attr("key-verdict", "data-verdict").as_deref(),
        Some("fixable")
    );
    assert!(b.exists("key-finding") && b.exists("key-preview"));
    b.paste("base-url", &api.base_url());
    b.click("live-test");
    let outcome = b.wait_for(
        "(() => { const e = document.querySelector('[data-testid=\"live-result\"]'); \
         return e && e.dataset.outcome !== 'pending' && e.dataset.outcome; })()",
        "the live test's result",
    );
    assert_eq!(outcome, json!("valid"));
    b.paste(
        "error-input",
        "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}",
    );
    b.wait_for(
        "document.querySelector('[data-testid=\"error-diagnosis\"]') \
         && document.querySelector('[data-testid=\"fix-steps\"]').innerText.length > 0",
        "the diagnosis and its fix steps",
    );
    // What the machine shows: a gateway token and a stale key in a profile, two sources and their conflict.
    b.paste(
        "env-input",
        &format!(
            "$ env\nANTHROPIC_AUTH_TOKEN=sk-litellm-8f3Kq2Zx7Lm4Np9Rt6Vw1Yb5Cd0Ef\n$ grep -n ANTHROPIC ~/.zshrc\n\
             12:export ANTHROPIC_API_KEY={KEY_VALID}\n"
        ),
    );
    assert!(b.exists("credential-source") && b.exists("credential-conflict"));
    // The summary is filled in, and the setup shows the method the evidence suggests (with its Undo).
    for (row, attribute) in [
        ("summary-key", "data-verdict"),
        ("summary-live", "data-outcome"),
        ("summary-error", "data-cause"),
        ("summary-machine", "data-winner"),
    ] {
        assert!(b.attr(row, attribute).is_some(), "{row} is not filled in");
    }
    assert!(b.exists("setup-suggestion-undo"));
}

#[test]
fn the_page_in_use_has_no_wcag_a_or_aa_violation_in_light_and_dark() {
    let axe_core = axe_core_source();
    let api = StandIn::start();
    let page = Page::open(dist_dir(), SUB_PATH, Options::default(), "live-test");
    let b = &page.browser;
    use_the_page(b, &api);

    let mut failures = String::new();
    let mut backgrounds = Vec::new();
    for scheme in ["light", "dark"] {
        backgrounds.push(set_color_scheme(b, scheme));
        let audit = audit(b, &axe_core);
        // The audit really looked at this page: the rules that apply to a form page with text ran and passed.
        for rule in ["color-contrast", "label", "document-title", "html-has-lang"] {
            assert!(
                audit.passed_rules.iter().any(|r| r == rule)
                    || audit.violations.iter().any(|v| v["id"] == rule),
                "axe-core did not check {rule} in {scheme}: passed {:?}",
                audit.passed_rules
            );
        }
        println!(
            "{scheme}: {} WCAG A/AA rules passed, {} violated, left to a person: {:?}",
            audit.passed_rules.len(),
            audit.violations.len(),
            audit.undecided
        );
        if !audit.violations.is_empty() {
            b.screenshot(&screenshot_path(&format!("accessibility-{scheme}.png")));
            let _ = writeln!(failures, "{scheme}:\n{}", report(&audit.violations));
        }
    }
    assert_ne!(
        backgrounds[0], backgrounds[1],
        "the dark scheme did not change the page's colors"
    );
    assert!(
        failures.is_empty(),
        "WCAG 2.2 A/AA violations found by axe-core:\n{failures}"
    );
    b.assert_no_panic();
}

/// The audit above can fail: an image without a text alternative, added to the same page, is reported.
#[test]
fn a_violation_added_to_the_page_is_reported() {
    let axe_core = axe_core_source();
    let page = Page::open(dist_dir(), SUB_PATH, Options::default(), "key-input");
    let b = &page.browser;
    b.js(
        "const img = document.createElement('img'); img.src = 'favicon.svg'; img.id = 'no-alt'; \
         document.body.append(img);",
        vec![],
    );
    let audit = audit(b, &axe_core);
    let image_alt = audit
        .violations
        .iter()
        .find(|v| v["id"] == "image-alt")
        .unwrap_or_else(|| panic!("image-alt not reported: {}", report(&audit.violations)));
    let report = report(std::slice::from_ref(image_alt));
    assert!(report.contains("#no-alt"), "{report}");
}
