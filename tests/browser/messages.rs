//! Claude Code's messages in the browser: the reference of every cause, rendered at build time and read with
//! JavaScript off (each entry with its messages verbatim, so a search for a message lands on it); the messages Claude
//! Code 2.1.x added, diagnosed in the page with a link to their entry; and a sample of what the real CLI printed (the
//! recorded baseline of the native matrix) pasted into the page, each with the cause the matrix expects.

use std::collections::BTreeMap;

use claude_auth_doctor::core::codes::CauseCode;
use claude_auth_doctor::core::knowledge;
use serde_json::json;

use crate::support::chromium::{screenshot_path, Browser, Options};
use crate::support::cli_matrix::{
    expectation, fixtures_dir, from_tsv_field, pinned_version, read_baseline, Outcome,
};
use crate::support::page::{strings, Page};
use crate::support::static_server::{dist_dir, StaticServer};

const SUB_PATH: &str = "/tools/claude-auth/";

fn open() -> Page {
    Page::open(dist_dir(), SUB_PATH, Options::default(), "error-input")
}

/// Pastes `text` into the error box; returns the diagnosed cause and the `cause-link`'s href (if any).
fn diagnose(b: &Browser, text: &str) -> (String, Option<String>) {
    b.paste("error-input", text);
    let v = b.js(
        "const d = document.querySelector('[data-testid=\"error-diagnosis\"]'); \
         if (!d) return null; \
         const a = d.querySelector('[data-testid=\"cause-link\"]'); \
         return [d.dataset.cause, a && a.getAttribute('href')];",
        vec![],
    );
    assert!(!v.is_null(), "no diagnosis for {text:?}");
    (
        v[0].as_str().unwrap_or_default().to_string(),
        v[1].as_str().map(str::to_string),
    )
}

/// Every `cause-ref` entry of the page: (id, data-cause, the messages it lists verbatim, its text).
fn reference_entries(b: &Browser) -> Vec<(String, String, Vec<String>, String)> {
    let entries = b.js(
        "return [...document.querySelectorAll('[data-testid=\"cause-ref\"]')].map(e => [e.id, e.dataset.cause, \
         [...e.querySelectorAll('code.message')].map(c => c.textContent), e.innerText]);",
        vec![],
    );
    entries
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            (
                e[0].as_str().unwrap_or_default().to_string(),
                e[1].as_str().unwrap_or_default().to_string(),
                strings(&e[2]),
                e[3].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn without_javascript_the_reference_lists_every_cause_with_its_messages() {
    let server = StaticServer::start(dist_dir(), SUB_PATH);
    let b = Browser::start(Options {
        javascript_disabled: true,
        ..Options::default()
    });
    b.goto(&server.url());
    b.wait_for("document.readyState === 'complete'", "the page to load");
    assert!(!b.exists("key-input"), "the app ran with JavaScript off");

    let entries = reference_entries(&b);
    let listed: Vec<&str> = entries.iter().map(|e| e.1.as_str()).collect();
    let contract: Vec<&str> = CauseCode::ALL
        .iter()
        .filter(|c| **c != CauseCode::Unknown)
        .map(|c| c.code())
        .collect();
    assert_eq!(
        listed, contract,
        "the reference's causes are not the contract's (unknown excluded)"
    );
    for (id, cause, messages, text) in &entries {
        assert_eq!(*id, format!("cause-{cause}"));
        let code = CauseCode::from_code(cause).expect("a contract code");
        // Every message of the table that leads to this cause, verbatim and once.
        let mut expected: Vec<&str> = Vec::new();
        for message in knowledge::messages_for(code) {
            if !expected.contains(&message.example) {
                expected.push(message.example);
            }
        }
        assert!(!expected.is_empty(), "{cause}: no message leads here");
        assert_eq!(
            messages, &expected,
            "{cause}: the messages listed are not the table's"
        );
        let entry = knowledge::cause(code);
        for part in ["What Claude Code or the API prints", "Fix", entry.title] {
            assert!(text.contains(part), "{cause}: {part:?} missing in {text}");
        }
    }

    // A search for a message, as a person would make it with Ctrl+F: the words are in the page, in their entry.
    let page_text = b.js("return document.body.innerText;", vec![]);
    let page_text = page_text.as_str().unwrap();
    for (message, cause) in [
        ("Invalid API key · Fix external API key", "invalid-api-key"),
        ("Not logged in · Please run /login", "not-logged-in"),
        (
            "You've hit your session limit · resets 3:45pm",
            "usage-limit",
        ),
        ("Anthropic profile login expired", "profile-expired"),
    ] {
        assert!(
            page_text.contains(message),
            "{message:?} is not in the page's text without JavaScript"
        );
        let holder = entries
            .iter()
            .find(|e| e.3.contains(message))
            .map(|e| e.1.as_str());
        assert_eq!(holder, Some(cause), "{message:?} is not in its entry");
    }
    // Made to be found: the title and description name the messages, the reference has real headings.
    let head = b.js(
        "return [document.title, document.querySelector('meta[name=\"description\"]').content, \
         document.querySelectorAll('[data-testid=\"cause-ref\"] h3').length, \
         document.getElementById('reference-heading').tagName];",
        vec![],
    );
    assert!(
        head[0].as_str().unwrap().contains("Claude Code"),
        "title: {}",
        head[0]
    );
    assert!(
        head[1].as_str().unwrap().contains("Invalid API key"),
        "description: {}",
        head[1]
    );
    assert_eq!(head[2], json!(contract.len()), "one heading per entry");
    assert_eq!(head[3], json!("H2"));
    b.js(
        "document.getElementById('cause-invalid-api-key').scrollIntoView();",
        vec![],
    );
    b.screenshot(&screenshot_path("reference-javascript-disabled.png"));
}

/// On a fresh load the reference is skipped for its first half second (`.start-up` in static/style.css): a link into
/// it is not a fresh load and opens at its entry, and afterwards the reference is laid out and reads like the rest.
#[test]
fn with_javascript_a_link_into_the_reference_opens_at_its_entry() {
    let server = StaticServer::start(dist_dir(), SUB_PATH);
    let b = Browser::start(Options::default());
    let starting = "document.documentElement.classList.contains('start-up')";
    b.goto(&format!("{}#cause-low-credit", server.url()));
    crate::support::page::wait_for_app(&b);
    assert_eq!(b.js(&format!("return {starting};"), vec![]), json!(false));
    let landed = b.wait_for(
        "(() => { const t = document.querySelector(':target'); if (!t) return null; \
         const r = t.getBoundingClientRect(); \
         return r.height > 0 && r.top >= -1 && r.top < innerHeight / 2 ? t.id : null; })()",
        "the linked entry to be the target, laid out and in view",
    );
    assert_eq!(landed, json!("cause-low-credit"));

    // Opened without a link, the reference is laid out once start-up is over, and reads as text.
    b.goto(&server.url());
    crate::support::page::wait_for_app(&b);
    assert_eq!(b.js(&format!("return {starting};"), vec![]), json!(true));
    b.wait_for(
        "getComputedStyle(document.querySelector('[data-testid=\"reference\"]')).contentVisibility === 'auto'",
        "the reference to be shown after start-up",
    );
    let text = b.js(
        "const e = document.getElementById('cause-invalid-api-key'); e.scrollIntoView(); \
         return [e.innerText, e.getBoundingClientRect().height];",
        vec![],
    );
    let shown = text[0].as_str().unwrap_or_default();
    assert!(
        shown.contains("Invalid API key") && text[1].as_f64().unwrap_or(0.0) > 100.0,
        "the entry does not read as laid-out text: {text}"
    );
    b.assert_no_panic();
}

#[test]
fn the_new_messages_are_diagnosed_and_link_to_their_entry() {
    let page = open();
    let b = &page.browser;
    let cases: &[(&str, &str)] = &[
        (
            "apiKeyHelper returned output that cannot be used as an API key (it spans 3 lines): print only the key",
            "api-key-helper-failing",
        ),
        ("You've hit your session limit · resets 3:45pm", "usage-limit"),
        ("You've hit your weekly limit · resets Mon 9am", "usage-limit"),
        (
            "API Error: Request rejected (429) · Number of requests has exceeded your per-minute rate limit. Please try again later.",
            "rate-limit",
        ),
        (
            "API Error: Server is temporarily limiting requests (not your usage limit) · Please try again later.",
            "rate-limit",
        ),
        ("API Error: spend limit reached · Ask your admin to raise your limit", "spend-limit"),
        (
            "⚠ Both ANTHROPIC_AUTH_TOKEN and /login managed key set · auth may not work as expected",
            "auth-conflict",
        ),
        ("Please run /login · API Error: 401 {\"detail\":\"Invalid API key\"}", "gateway-auth"),
        (
            "Anthropic profile login expired · Re-authenticate your Anthropic profile",
            "profile-expired",
        ),
        (
            "Claude Opus is not available with the Claude Pro plan. Switch to a different model with /model, or upgrade your plan.",
            "plan-required",
        ),
        ("Claude Max or Pro is required to connect to Claude Code", "plan-required"),
        ("Model \"x\" is restricted by your organization's settings.", "model-restricted"),
        (
            "Remote Control is only available when using Claude via api.anthropic.com. Unset ANTHROPIC_BASE_URL to use it.",
            "remote-control-auth",
        ),
        (
            "Remote Control stopped — the app running this session is signed out of Claude. Sign in again to resume.",
            "remote-control-auth",
        ),
        (
            "Can't access this organization — You don't have access to this organization or it doesn't meet the requirements for Claude Code.",
            "org-access-denied",
        ),
        (
            "API Error: 400 {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"You're out of extra usage. Add more at claude.ai/settings/usage and keep going.\"}}",
            "extra-usage-exhausted",
        ),
    ];
    // Where each cause-link points: an entry of the reference, for the same cause.
    let mut targets: BTreeMap<String, String> = BTreeMap::new();
    for (text, want) in cases {
        let (cause, href) = diagnose(b, text);
        assert_eq!(cause, *want, "for {text:?}");
        let href = href.unwrap_or_else(|| panic!("{text:?}: no cause-link"));
        assert_eq!(href, format!("#cause-{want}"));
        let target = b.js(
            "const e = document.getElementById(arguments[0]); \
             return e && e.dataset.testid === 'cause-ref' ? e.dataset.cause : null;",
            vec![json!(&href[1..])],
        );
        assert_eq!(target, json!(want), "{href} is not the {want} entry");
        let missing =
            crate::support::page::reference_words_missing(b, "error-diagnosis", want, true);
        assert!(missing.is_empty(), "{want}: not shown: {missing:?}");
        targets.insert(cause, href);
    }
    assert_eq!(targets.len(), 12, "every new cause and the rerouted ones");

    // The message to act on wins over a notice beside it, and the explanation names the notice.
    let (cause, _) = diagnose(
        b,
        "⚠ Auth conflict: Both a token (ANTHROPIC_AUTH_TOKEN) and an API key (ANTHROPIC_API_KEY) are set. This may \
         lead to unexpected behavior.\n⎿ Invalid API key · Fix external API key",
    );
    assert_eq!(cause, "invalid-api-key");
    let shown = b.text("error-diagnosis");
    assert!(shown.contains("two credentials are set"), "{shown}");

    // Following the link lands on the entry: it is the `:target` and in view.
    let (_, href) = diagnose(b, "You've hit your session limit · resets 3:45pm");
    b.js("window.scrollTo(0, 0);", vec![]);
    b.click("cause-link");
    let landed = b.wait_for(
        "(() => { const t = document.querySelector(':target'); if (!t) return null; \
         const r = t.getBoundingClientRect(); \
         return r.top >= -1 && r.top < innerHeight / 2 ? t.id : null; })()",
        "the reference entry to be the target, in view",
    );
    assert_eq!(json!(href.unwrap()[1..]), landed);
    b.screenshot(&screenshot_path("reference-entry-from-diagnosis.png"));
    b.assert_no_panic();
}

/// A sample of the real CLI matrix: messages Claude Code printed (the pinned release's recorded baseline), pasted
/// into the page as printed, each with the cause the native matrix expects for its scenario and configuration.
#[test]
fn what_the_real_cli_printed_gets_the_cause_the_matrix_expects() {
    let pinned = pinned_version();
    let baseline = read_baseline(&fixtures_dir().join(format!("{pinned}.tsv")));
    assert!(!baseline.is_empty(), "no baseline for Claude Code {pinned}");
    let sample = [
        // Refused before sending: a key with a line break.
        ("valid", "line-break-key"),
        // A gateway's own 401 body after Claude Code's words.
        ("gateway-detail-401", "auth-token-gateway"),
        // The OAuth-not-allowed 403, worded for a /login and for a token.
        ("oauth-org-not-allowed", "login"),
        ("oauth-org-not-allowed", "oauth-token"),
        // A Bearer credential refused with `invalid x-api-key`: "Not logged in".
        ("invalid-x-api-key", "login"),
        ("invalid-x-api-key", "api-key"),
        // The 529, the 429, a model 404, a connection refused.
        ("overloaded", "api-key"),
        ("rate-limited", "api-key"),
        ("model-not-found", "api-key"),
        ("connection-refused", "api-key"),
        // A failing apiKeyHelper: its stderr lines, several, before the message.
        ("invalid-x-api-key", "helper-failing"),
    ];
    let page = open();
    let b = &page.browser;
    for (scenario, config) in sample {
        let field = baseline
            .get(&(scenario.to_string(), config.to_string()))
            .unwrap_or_else(|| panic!("{scenario} × {config} is not in the baseline"));
        let printed = from_tsv_field(field);
        let Outcome::Cause(want) = expectation(scenario, config)
            .unwrap_or_else(|| panic!("{scenario} × {config}: no row in EXPECTED"))
            .outcome
        else {
            panic!("{scenario} × {config}: a working call has no message to diagnose");
        };
        let (cause, href) = diagnose(b, &printed);
        assert_eq!(
            cause, want,
            "{scenario} × {config} (Claude Code {pinned}) printed {printed:?}"
        );
        if cause != "unknown" {
            assert_eq!(
                href,
                Some(format!("#cause-{want}")),
                "{scenario} × {config}"
            );
        }
    }
    b.assert_no_panic();
}
