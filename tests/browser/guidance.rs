//! The guidance in the browser: the error-text diagnosis, the setup selects, the fix steps for each shell, the
//! CLAUDE.md section (copy and download give its exact text, never a key) and the share link. The release build
//! (`dist/`, or `DIST_DIR`) is served under a sub-path on loopback.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::chromium::{screenshot_path, Browser, Options, TempDir};
use crate::support::page::{self, api_key, Page};
use crate::support::stand_in_api::{StandIn, KEY_VALID};
use crate::support::static_server::{dist_dir, team_dist_dir};

const SUB_PATH: &str = "/tools/claude-auth/";

/// A synthetic subscription OAuth access token.
fn oauth_token() -> String {
    let body: String = "Q7x_Lm-3".chars().cycle().take(93).collect();
    format!("sk-ant-oat01-{body}AA")
}

/// The app has mounted once the setup form (step 4) is there.
const READY: &str = "setup-os";

/// After a navigation: the app has mounted.
fn wait_for_app(b: &Browser) {
    page::wait_for_app(b);
    b.wait_for(
        &format!("document.querySelector('[data-testid=\"{READY}\"]')"),
        "the app to mount",
    );
}

fn open() -> Page {
    Page::open(dist_dir(), SUB_PATH, Options::default(), READY)
}

fn set_setup(b: &Browser, os: &str, shell: &str, launcher: &str, auth: &str) {
    b.select_option("setup-os", os);
    b.select_option("setup-shell", shell);
    b.select_option("setup-launcher", launcher);
    b.select_option("setup-auth", auth);
    assert_eq!(setup_of(b), [os, shell, launcher, auth]);
}

fn setup_of(b: &Browser) -> [String; 4] {
    [
        b.value("setup-os"),
        b.value("setup-shell"),
        b.value("setup-launcher"),
        b.value("setup-auth"),
    ]
}

/// The element's exact text (`textContent`: no layout-dependent changes).
fn text_content(b: &Browser, testid: &str) -> String {
    b.js(
        "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); \
         if (!e) throw new Error('no element ' + arguments[0]); return e.textContent;",
        vec![json!(testid)],
    )
    .as_str()
    .unwrap()
    .to_string()
}

fn cause(b: &Browser) -> Option<String> {
    if !b.exists("error-diagnosis") {
        return None;
    }
    b.attr("error-diagnosis", "data-cause")
}

/// The text of the first fix step.
fn first_step(b: &Browser) -> (String, String) {
    let v = b.js(
        "const li = document.querySelector('[data-testid=\"fix-steps\"] ol > li'); \
         return [li.dataset.step, li.innerText];",
        vec![],
    );
    (
        v[0].as_str().unwrap().to_string(),
        v[1].as_str().unwrap().to_string(),
    )
}

#[test]
fn error_texts_are_diagnosed_and_a_blank_box_shows_nothing() {
    let page = open();
    let b = &page.browser;
    assert!(!b.exists("error-diagnosis"), "a diagnosis before any text");
    assert_eq!(
        b.attr("error-input", "spellcheck").as_deref(),
        Some("false")
    );
    let labelled = b.js(
        "return !!document.querySelector('label[for=\"error-input\"]') && \
         document.querySelector('[data-testid=\"error-input\"]').tagName === 'TEXTAREA';",
        vec![],
    );
    assert_eq!(labelled, json!(true));
    let cases: &[(&str, &str)] = &[
        // Claude Code's decorations and the JSON body, as printed.
        ("  ⎿  API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}", "invalid-api-key"),
        // Newer wording.
        ("Invalid API key · Fix external API key", "invalid-api-key"),
        // Older wording, JSON-escaped inside another message.
        ("Failed to authenticate. API Error: 401 {\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"authentication_error\\\",\\\"message\\\":\\\"invalid x-api-key\\\"}}", "invalid-api-key"),
        ("⏺ Not logged in · Please run /login", "not-logged-in"),
        ("API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"OAuth token has expired. Please obtain a new token or refresh your existing token.\"},\"request_id\":\"req_011CT5x3gZ9aBcDeFgH\"} · Please run /login", "oauth-expired"),
        ("Your ANTHROPIC_API_KEY belongs to a disabled organization · Unset the environment variable to use your subscription instead", "org-disabled"),
        ("  ⎿  Your credit balance is\n     too low to access the Anthropic API.", "low-credit"),
        ("Your apiKeyHelper script is failing · This usually means you need to re-authenticate with your provider", "api-key-helper-failing"),
        ("Invalid API key · Fix external API key · Invalid X-Api-Key header value from ANTHROPIC_API_KEY: it contains a line break at character 41 (120 characters on 2 lines).", "bad-header-chars"),
        ("Unable to connect to API: SSL certificate verification failed. Check your proxy or corporate SSL certificates", "tls-inspection"),
        // A gateway's own 401 (not Anthropic's error shape).
        ("API Error: 401 {\"error\":{\"message\":\"Authentication Error, Invalid proxy server token passed. valid_token=None.\",\"type\":\"auth_error\",\"param\":\"None\",\"code\":\"401\"}}", "gateway-auth"),
        ("Please run /login · API Error: 403 <!DOCTYPE html><html><head><title>Access Denied</title></head><body>Blocked by policy</body></html>", "gateway-auth"),
        // Unknown text.
        ("Something went wrong, try again later", "unknown"),
    ];
    for (text, want) in cases {
        b.paste("error-input", text);
        assert_eq!(cause(b).as_deref(), Some(*want), "for {text:?}");
    }

    // The result carries the explanation, sources, fix, the matched phrase, status and request id.
    b.paste("error-input", cases[0].0);
    let shown = b.text("error-diagnosis");
    for needle in [
        "invalid x-api-key",
        "401",
        "req_011CSHoEeqs5C35K2UUqR7Fy",
        "Where it usually comes from",
        "Fix",
    ] {
        assert!(shown.contains(needle), "{needle:?} missing in: {shown}");
    }
    // In the words of the cause's entry in the reference, copied from it.
    let missing = page::reference_words_missing(b, "error-diagnosis", "invalid-api-key", true);
    assert!(missing.is_empty(), "not shown: {missing:?}");
    // The catalog's `code spans` show as code, not as backticks.
    assert!(!shown.contains('`'), "backticks shown: {shown}");
    let codes = b.js(
        "return document.querySelectorAll('[data-testid=\"error-diagnosis\"] li code').length;",
        vec![],
    );
    assert!(
        codes.as_u64().unwrap_or(0) > 0,
        "no code spans in the diagnosis"
    );
    let polite = b.js(
        "return document.querySelector('[data-testid=\"error-diagnosis\"]').closest('[aria-live=\"polite\"]') !== null;",
        vec![],
    );
    assert_eq!(
        polite,
        json!(true),
        "the diagnosis is not in a polite live region"
    );

    // Colour follows the kind of cause: a credential problem, a passing one (rate limit, network), unrecognised.
    let tone_of = |text: &str| -> (String, String) {
        b.paste("error-input", text);
        let style = b.js(
            "const d = document.querySelector('[data-testid=\"error-diagnosis\"]'); \
             return [d.className, getComputedStyle(d).backgroundColor];",
            vec![],
        );
        (
            style[0].as_str().unwrap_or_default().to_string(),
            style[1].as_str().unwrap_or_default().to_string(),
        )
    };
    let bad = tone_of(cases[0].0);
    let warn = tone_of("API Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}");
    let neutral = tone_of("Something went wrong, try again later");
    assert!(bad.0.contains("tone-bad"), "{bad:?}");
    assert!(warn.0.contains("tone-warn"), "{warn:?}");
    assert!(neutral.0.contains("tone-neutral"), "{neutral:?}");
    assert!(
        bad.1 != warn.1 && warn.1 != neutral.1 && bad.1 != neutral.1,
        "the three tones look the same: {bad:?} {warn:?} {neutral:?}"
    );

    // Unknown text says so and points to the live test.
    b.paste("error-input", "Something went wrong, try again later");
    let unknown = b.text("error-diagnosis");
    assert!(unknown.contains("does not recognise"), "{unknown}");
    assert!(unknown.contains("live test"), "{unknown}");
    let link = b.js(
        "const a = document.querySelector('[data-testid=\"error-diagnosis\"] a'); return a && a.getAttribute('href');",
        vec![],
    );
    assert_eq!(link, json!("#live-heading"));
    assert!(
        b.js("return !!document.getElementById('live-heading');", vec![]) == json!(true),
        "the live test heading the link points to is missing"
    );

    // Typing works too, and a blank box removes the diagnosis again.
    b.paste("error-input", "");
    assert_eq!(cause(b), None);
    b.type_text("error-input", "OAuth token revoked · Please run /login");
    assert_eq!(cause(b).as_deref(), Some("oauth-revoked"));
    b.paste("error-input", "  \n ");
    assert_eq!(cause(b), None);
    b.assert_no_panic();
}

#[test]
fn a_megabyte_of_error_text_is_diagnosed_without_freezing() {
    let page = open();
    let b = &page.browser;
    let huge = format!(
        "{}\n⎿ API Error: 401 {{\"type\":\"error\",\"error\":{{\"type\":\"authentication_error\",\"message\":\"OAuth token has expired.\"}}}}",
        "debug: retrying request… ".repeat(40_000)
    );
    assert!(huge.len() > 1_000_000);
    let started = Instant::now();
    b.paste("error-input", &huge);
    assert_eq!(cause(b).as_deref(), Some("oauth-expired"));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    b.paste("error-input", "Credit balance is too low");
    assert_eq!(cause(b).as_deref(), Some("low-credit"));
    b.assert_no_panic();
}

#[test]
fn the_setup_selects_are_labelled_and_the_shells_follow_the_os() {
    let page = open();
    let b = &page.browser;
    for testid in ["setup-os", "setup-shell", "setup-launcher", "setup-auth"] {
        let labelled = b.js(
            "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); \
             const l = e.id && document.querySelector(`label[for=\"${e.id}\"]`); \
             return e.tagName === 'SELECT' && !!l && l.textContent.trim().length > 0;",
            vec![json!(testid)],
        );
        assert_eq!(labelled, json!(true), "{testid} is not a labelled select");
    }
    // The public build's defaults.
    assert_eq!(
        setup_of(b),
        ["macos", "zsh", "terminal", "subscription"].map(String::from)
    );
    assert_eq!(b.options("setup-os"), ["macos", "linux", "windows", "wsl"]);
    assert_eq!(
        b.options("setup-launcher"),
        [
            "terminal",
            "vscode",
            "jetbrains",
            "github-actions",
            "docker",
            "ssh"
        ]
    );
    assert_eq!(
        b.options("setup-auth"),
        [
            "api-key",
            "subscription",
            "oauth-token",
            "gateway",
            "bedrock",
            "vertex",
            "foundry"
        ]
    );
    let labels = b.js(
        "return [...document.querySelectorAll('[data-testid=\"setup-os\"] option, [data-testid=\"setup-shell\"] option')].map(o => o.textContent);",
        vec![],
    );
    assert!(
        labels.as_array().unwrap().contains(&json!("macOS")),
        "{labels}"
    );

    assert_eq!(b.options("setup-shell"), ["zsh", "bash", "fish"]);
    b.select_option("setup-shell", "fish");
    // Linux offers fish: it stays.
    b.select_option("setup-os", "linux");
    assert_eq!(b.options("setup-shell"), ["bash", "zsh", "fish"]);
    assert_eq!(b.value("setup-shell"), "fish");
    // Windows does not: its default (PowerShell) takes over.
    b.select_option("setup-os", "windows");
    assert_eq!(b.options("setup-shell"), ["powershell", "cmd", "bash"]);
    assert_eq!(b.value("setup-shell"), "powershell");
    let powershell_label = b.js(
        "const s = document.querySelector('[data-testid=\"setup-shell\"]'); return s.options[s.selectedIndex].textContent;",
        vec![],
    );
    assert_eq!(powershell_label, json!("PowerShell"));
    b.select_option("setup-shell", "cmd");
    // WSL has no cmd: bash.
    b.select_option("setup-os", "wsl");
    assert_eq!(b.options("setup-shell"), ["bash", "zsh", "fish"]);
    assert_eq!(b.value("setup-shell"), "bash");
    b.select_option("setup-os", "macos");
    assert_eq!(b.value("setup-shell"), "bash");
    b.assert_no_panic();
}

#[test]
fn the_fix_steps_use_the_commands_of_the_chosen_shell() {
    let page = open();
    let b = &page.browser;
    // (setup, must contain, must not contain)
    let cases: &[([&str; 4], &[&str], &[&str])] = &[
        (
            ["macos", "zsh", "vscode", "api-key"],
            &[
                "unset ANTHROPIC_API_KEY",
                "~/.zshrc",
                "claudeCode.environmentVariables",
                "security add-generic-password",
                "Quit VS Code",
            ],
            &["$env:", "Remove-Item", "set -gx"],
        ),
        (
            ["windows", "powershell", "terminal", "subscription"],
            &[
                "$env:ANTHROPIC_API_KEY",
                "Remove-Item Env:ANTHROPIC_API_KEY",
                "$PROFILE",
                "[Environment]::SetEnvironmentVariable('ANTHROPIC_API_KEY', $null, 'User')",
                "/login",
            ],
            &["export ", "unset ANTHROPIC", "~/.zshrc", "set -gx"],
        ),
        (
            ["linux", "fish", "docker", "gateway"],
            &[
                "set -e ANTHROPIC_API_KEY",
                "set -gx ANTHROPIC_BASE_URL",
                "config.fish",
                "docker run",
                "ANTHROPIC_AUTH_TOKEN",
            ],
            &["export ", "$env:", "unset ANTHROPIC"],
        ),
        (
            ["wsl", "bash", "terminal", "api-key"],
            &["unset ANTHROPIC_API_KEY", "~/.bashrc", "WSLENV"],
            &["$env:", "set -gx", "launchctl"],
        ),
        (
            ["linux", "bash", "github-actions", "oauth-token"],
            &[
                "gh secret set CLAUDE_CODE_OAUTH_TOKEN",
                "claude setup-token",
                "claude_code_oauth_token",
            ],
            &["$env:", "set -gx"],
        ),
    ];
    for (setup, wanted, unwanted) in cases {
        set_setup(b, setup[0], setup[1], setup[2], setup[3]);
        let steps = b.text("fix-steps");
        for needle in *wanted {
            assert!(steps.contains(needle), "{setup:?}: {needle:?} missing");
        }
        for needle in *unwanted {
            assert!(!steps.contains(needle), "{setup:?}: {needle:?} present");
        }
        // An ordered list; every command a <pre><code> with its own copy button.
        let shape = b.js(
            "const root = document.querySelector('[data-testid=\"fix-steps\"]'); \
             const items = root.querySelectorAll('ol > li'); \
             const blocks = [...root.querySelectorAll('pre > code')]; \
             const copyable = blocks.every(c => c.closest('.command').querySelector('button')); \
             return [items.length, blocks.length, copyable];",
            vec![],
        );
        assert!(shape[0].as_u64().unwrap() >= 4, "{setup:?}: {shape}");
        assert!(shape[1].as_u64().unwrap() >= 4, "{setup:?}: {shape}");
        assert_eq!(
            shape[2],
            json!(true),
            "{setup:?}: a command without a copy button"
        );
    }
    b.assert_no_panic();
}

#[test]
fn a_command_block_copies_exactly_its_command_and_says_so() {
    let page = open();
    let b = &page.browser;
    let origin = page.server.origin();
    for setup in [
        ["linux", "bash", "terminal", "api-key"],
        ["windows", "powershell", "vscode", "subscription"],
    ] {
        set_setup(b, setup[0], setup[1], setup[2], setup[3]);
        // A command with characters the markup escapes (quotes, <, >, &, |, $), marked for the click.
        let picked = b.js(
            "const codes = [...document.querySelectorAll('[data-testid=\"fix-steps\"] .command pre > code')]; \
             const i = codes.findIndex(c => /['\"<>&|$]/.test(c.textContent)); \
             document.querySelectorAll('[data-picked]').forEach(e => e.removeAttribute('data-picked')); \
             if (i < 0) return null; \
             codes[i].closest('.command').setAttribute('data-picked', ''); \
             return codes[i].textContent;",
            vec![],
        );
        let command = picked
            .as_str()
            .unwrap_or_else(|| panic!("{setup:?}: no command with a special character"))
            .to_string();
        let button = "[data-picked] button.copy-button";
        let clipboard = b.copy_css_and_read(
            &origin,
            button,
            "document.querySelector('[data-picked] button').textContent === 'Copied'",
        );
        assert_eq!(
            clipboard,
            json!(command),
            "{setup:?}: the clipboard differs"
        );
        let shown = b.js(
            "const b = document.querySelector('[data-picked] button'); \
             return [b.dataset.copied, b.classList.contains('copied'), b.nextElementSibling.textContent, \
                     b.getAttribute('aria-label')];",
            vec![],
        );
        assert_eq!(shown[0], json!("true"), "{setup:?}: {shown}");
        assert_eq!(shown[1], json!(true), "{setup:?}: {shown}");
        assert_eq!(
            shown[2],
            json!("Copied to the clipboard."),
            "{setup:?}: {shown}"
        );
        assert!(
            shown[3].as_str().unwrap().starts_with("Copy: "),
            "{setup:?}: {shown}"
        );
        b.wait_for(
            "(b => b.textContent === 'Copy' && !b.dataset.copied && !b.classList.contains('copied') \
             && b.nextElementSibling.textContent === '')(document.querySelector('[data-picked] button'))",
            "the copy button to say Copy again",
        );
    }
    b.assert_no_panic();
}

#[test]
fn what_the_page_found_leads_the_fix_steps() {
    let page = open();
    let b = &page.browser;
    // Without evidence, the steps start by looking at what Claude Code uses.
    assert_eq!(first_step(b).0, "inspect");

    // An OAuth token pasted into the key field: it belongs in CLAUDE_CODE_OAUTH_TOKEN.
    b.select_option("setup-auth", "api-key");
    b.paste("key-input", &oauth_token());
    assert_eq!(
        b.attr("key-verdict", "data-kind").as_deref(),
        Some("oauth-access-token")
    );
    let (id, text) = first_step(b);
    assert_eq!(id, "leads");
    assert!(text.contains("CLAUDE_CODE_OAUTH_TOKEN"), "{text}");
    b.click("key-clear");
    assert_eq!(first_step(b).0, "inspect");

    // An API-billing error with a subscription: a stale ANTHROPIC_API_KEY is overriding the login.
    b.select_option("setup-auth", "subscription");
    b.paste(
        "error-input",
        "Your ANTHROPIC_API_KEY belongs to a disabled organization · Unset the environment variable to use your subscription instead",
    );
    let (id, text) = first_step(b);
    assert_eq!(id, "leads");
    assert!(text.contains("stale ANTHROPIC_API_KEY"), "{text}");
    assert!(text.contains("unset ANTHROPIC_API_KEY"), "{text}");
    b.paste("error-input", "");

    // The live test's outcome: a key that works is not needed with a subscription.
    let api = StandIn::start();
    b.paste("key-input", KEY_VALID);
    b.js(
        "const e = document.querySelector('[data-testid=\"base-url\"]'); e.value = arguments[0]; \
         e.dispatchEvent(new InputEvent('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![json!(api.base_url())],
    );
    b.click("live-test");
    let outcome = b.wait_for(
        "(() => { const e = document.querySelector('[data-testid=\"live-result\"]'); \
         return e && e.dataset.outcome && e.dataset.outcome !== 'pending' ? e.dataset.outcome : null; })()",
        "a live test outcome",
    );
    assert_eq!(outcome, json!("valid"));
    let (id, text) = first_step(b);
    assert_eq!(id, "leads");
    assert!(text.contains("The live test accepted the key"), "{text}");
    assert!(
        !text.contains(&KEY_VALID[20..60]),
        "the key is in the fix steps"
    );
    b.assert_no_panic();
}

#[test]
fn the_claude_md_follows_the_setup_never_holds_the_key_and_copy_and_download_give_its_text() {
    let page = open();
    let b = &page.browser;
    let key = api_key('c');
    b.paste(
        "key-input",
        &format!("export ANTHROPIC_API_KEY=\"{key}\"\n"),
    );
    assert_eq!(
        b.attr("key-verdict", "data-verdict").as_deref(),
        Some("fixable")
    );

    set_setup(b, "macos", "zsh", "vscode", "api-key");
    let mac = text_content(b, "claude-md");
    set_setup(b, "windows", "powershell", "terminal", "subscription");
    let windows = text_content(b, "claude-md");
    set_setup(b, "linux", "fish", "docker", "gateway");
    let fish = text_content(b, "claude-md");
    assert_ne!(mac, windows);
    assert_ne!(windows, fish);
    assert!(mac.starts_with("## Claude Code authentication"), "{mac}");
    assert!(mac.contains("zsh") && mac.contains("macOS"), "{mac}");
    assert!(
        windows.contains("PowerShell") && windows.contains("subscription"),
        "{windows}"
    );
    assert!(fish.contains("fish") && fish.contains("gateway"), "{fish}");
    for text in [&mac, &windows, &fish] {
        assert!(!text.contains(&key[20..60]), "the key is in CLAUDE.md");
        assert!(
            !text.contains(&key[key.len() - 12..]),
            "the key's end is in CLAUDE.md"
        );
    }

    // Copy puts exactly the shown text on the clipboard.
    let origin = page.server.origin();
    let clipboard = b.copy_and_read(
        &origin,
        "claude-md-copy",
        "document.querySelector('[data-testid=\"claude-md-copy\"]').textContent === 'Copied'",
    );
    assert_eq!(
        clipboard,
        json!(fish),
        "the clipboard differs from the preview"
    );
    b.wait_for(
        "document.querySelector('[data-testid=\"claude-md-copy\"]').textContent === 'Copy'",
        "the copy button to say Copy again",
    );

    // Download saves the same text as CLAUDE.md-auth-section.md.
    let downloads = TempDir::new("downloads");
    b.cdp(
        "Browser.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": downloads.0.display().to_string()}),
    );
    b.click("claude-md-download");
    let file = downloads.0.join("CLAUDE.md-auth-section.md");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !file.is_file() {
        assert!(
            Instant::now() < deadline,
            "no download in {}",
            downloads.0.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut saved = std::fs::read_to_string(&file).unwrap();
    while saved.len() < fish.len() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        saved = std::fs::read_to_string(&file).unwrap();
    }
    assert_eq!(saved, fish, "the download differs from the preview");
    // The object URL is gone and no stray link is left behind.
    let leftovers = b.js(
        "return document.querySelectorAll('a[download]').length;",
        vec![],
    );
    assert_eq!(leftovers, json!(0));
    b.assert_no_panic();
}

#[test]
fn the_share_link_carries_only_the_setup_and_restores_it() {
    let page = open();
    let b = &page.browser;
    let history_length = b.js("return history.length;", vec![]);
    let key = api_key('u');
    b.paste("key-input", &key);
    set_setup(b, "windows", "powershell", "vscode", "gateway");
    let href = b.attr("share-link", "href").unwrap();
    let expected = format!(
        "{}?os=windows&shell=powershell&launcher=vscode&auth=gateway",
        page.server.url()
    );
    assert_eq!(href, expected);
    assert!(!href.contains("sk-ant") && !href.contains(&key[20..60]));
    assert_eq!(b.text("share-link"), expected);
    set_setup(b, "linux", "fish", "github-actions", "oauth-token");
    let href = b.attr("share-link", "href").unwrap();
    assert!(
        href.ends_with("?os=linux&shell=fish&launcher=github-actions&auth=oauth-token"),
        "{href}"
    );
    // The page never writes the address bar or the history.
    assert_eq!(
        b.js("return location.search + location.hash;", vec![]),
        json!("")
    );
    assert_eq!(b.js("return history.length;", vec![]), history_length);

    // Opening the link restores the setup.
    b.goto(&href);
    wait_for_app(b);
    b.wait_for(
        "document.querySelector('[data-testid=\"setup-os\"]').value === 'linux'",
        "the shared setup",
    );
    assert_eq!(
        setup_of(b),
        ["linux", "fish", "github-actions", "oauth-token"].map(String::from)
    );
    assert_eq!(b.options("setup-shell"), ["bash", "zsh", "fish"]);
    assert!(b
        .text("fix-steps")
        .contains("gh secret set CLAUDE_CODE_OAUTH_TOKEN"));
    assert!(b.attr("share-link", "href").unwrap() == href);

    // A Windows link: the shell list follows.
    b.goto(&expected);
    wait_for_app(b);
    b.wait_for(
        "document.querySelector('[data-testid=\"setup-os\"]').value === 'windows'",
        "the shared Windows setup",
    );
    assert_eq!(
        setup_of(b),
        ["windows", "powershell", "vscode", "gateway"].map(String::from)
    );
    assert_eq!(b.options("setup-shell"), ["powershell", "cmd", "bash"]);

    // Anything else in a query is ignored (a key pasted into a URL by mistake is never read back).
    b.goto(&format!("{}?key={key}&os=wsl&shell=cmd", page.server.url()));
    wait_for_app(b);
    b.wait_for(
        "document.querySelector('[data-testid=\"setup-os\"]').value === 'wsl'",
        "the WSL setup",
    );
    assert_eq!(b.value("setup-shell"), "bash");
    // What the page writes, not what the browser resolves: an in-page link (`#cause-…`) resolves against the
    // address, query included, but points nowhere else.
    let leaked = b.js(
        "return document.body.innerText.includes(arguments[0]) || \
         [...document.querySelectorAll('a')].some(a => (a.getAttribute('href') || '').includes(arguments[0]));",
        vec![json!(&key[20..60])],
    );
    assert_eq!(
        leaked,
        json!(false),
        "the key from the URL shows in the page"
    );
    b.assert_no_panic();
}

#[test]
fn screenshots_of_the_steps_and_the_claude_md_for_two_setups() {
    let cases = [
        (
            ["macos", "zsh", "vscode", "api-key"],
            "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}",
            "macos-zsh-vscode-apikey",
        ),
        (
            ["windows", "powershell", "terminal", "subscription"],
            "Your ANTHROPIC_API_KEY belongs to a disabled organization · Unset the environment variable to use your subscription instead",
            "windows-powershell-terminal-subscription",
        ),
    ];
    for (setup, error, name) in cases {
        let page = open();
        let b = &page.browser;
        set_setup(b, setup[0], setup[1], setup[2], setup[3]);
        b.paste("error-input", error);
        assert!(cause(b).is_some());
        // The diagnosis and the setup choices.
        b.js(
            "document.getElementById('error-heading').scrollIntoView();",
            vec![],
        );
        b.screenshot(&screenshot_path(&format!("guidance-{name}-diagnosis.png")));
        // The fix steps: where they start (the viewport), and all of them.
        b.js(
            "document.querySelector('[data-testid=\"fix-steps\"]').scrollIntoView();",
            vec![],
        );
        b.screenshot(&screenshot_path(&format!("guidance-{name}.png")));
        b.screenshot_element(
            "[data-testid=\"fix-steps\"]",
            &screenshot_path(&format!("guidance-{name}-all-steps.png")),
        );
        // The CLAUDE.md section: the page as it shows it, then its whole text (the preview's height cap lifted
        // through the CSSOM, which the page's CSP allows to a test).
        b.js(
            "document.querySelector('.claude-md').scrollIntoView();",
            vec![],
        );
        b.screenshot(&screenshot_path(&format!("guidance-{name}-claude-md.png")));
        b.js(
            "document.querySelector('[data-testid=\"claude-md\"]').style.maxHeight = 'none';",
            vec![],
        );
        b.screenshot_element(
            "[data-testid=\"claude-md\"]",
            &screenshot_path(&format!("guidance-{name}-claude-md-full.png")),
        );
        b.assert_no_panic();
    }
}

/// The team build (scripts/test.sh makes it with tests/fixtures/team.json, or `TEAM_DIST_DIR`): the guidance opens
/// with the team's setup and shows its pointers; a share link still wins over the team's setup.
#[test]
fn a_team_build_shows_its_pointers_and_a_share_link_wins_over_its_setup() {
    let page = Page::open(team_dist_dir(), SUB_PATH, Options::default(), READY);
    let b = &page.browser;
    assert_eq!(
        setup_of(b),
        ["windows", "powershell", "vscode", "gateway"].map(String::from)
    );
    let notes = b.text("team-notes");
    assert!(notes.contains("Example Corp"), "{notes}");
    assert!(notes.contains("#ai-help on chat"), "{notes}");
    let docs = b.js(
        "const a = document.querySelector('[data-testid=\"team-notes\"] a'); return a && a.getAttribute('href');",
        vec![],
    );
    assert_eq!(docs, json!("https://intranet.example/ai"));
    assert!(text_content(b, "claude-md").contains("Example Corp"));

    b.goto(&format!(
        "{}?os=macos&shell=zsh&launcher=terminal&auth=api-key",
        page.server.url()
    ));
    wait_for_app(b);
    b.wait_for(
        "document.querySelector('[data-testid=\"setup-os\"]').value === 'macos'",
        "the shared setup over the team's",
    );
    assert_eq!(
        setup_of(b),
        ["macos", "zsh", "terminal", "api-key"].map(String::from)
    );
    b.assert_no_panic();
}
