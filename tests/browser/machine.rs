//! "What your machine shows" in the browser: what Claude Code's `/status` panel (a real capture of 2.1.332), an `env`
//! listing, settings files and profile lines say about which credential wins, pasted into `env-input`; every source
//! with its state, every conflict, the fix steps that start with the line to change, the summary's row, and a 1 MB
//! paste that does not freeze the tab.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::chromium::{screenshot_path, Browser, Options};
use crate::support::page::{api_key, Page};
use crate::support::static_server::dist_dir;

const SUB_PATH: &str = "/tools/claude-auth/";

fn open() -> Page {
    Page::open(dist_dir(), SUB_PATH, Options::default(), "env-input")
}

/// The `/status` panel Claude Code 2.1.332 showed with a `/login` and `ANTHROPIC_API_KEY` set (its full-screen UI,
/// captured in tests/fixtures/claude-cli/), as a person copies it from the terminal.
fn real_status_panel() -> String {
    let capture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/claude-cli/ui__invalid-x-api-key__login-and-api-key.txt"
    ))
    .expect("the capture");
    let panel = capture
        .split("## screen: after /status\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the /status screen in the capture");
    assert!(panel.contains("API key:") && panel.contains("Auth token:"));
    panel.to_string()
}

/// What the page read: the winner and (source, state) of every source, and the conflict codes.
struct Reading {
    winner: String,
    sources: Vec<(String, String)>,
    conflicts: Vec<String>,
}

/// Pastes `text` into `env-input` and reads the result.
fn paste_machine_state(b: &Browser, text: &str) -> Reading {
    b.paste("env-input", text);
    let winner = b.wait_for(
        "(() => { const e = document.querySelector('[data-testid=\"credential-sources\"]'); \
         return e && e.dataset.winner; })()",
        "the credential sources",
    );
    let sources = b.codes("credential-source", "data-source");
    let states = b.codes("credential-source", "data-state");
    Reading {
        winner: winner.as_str().unwrap_or_default().to_string(),
        sources: sources.into_iter().zip(states).collect(),
        conflicts: b.codes("credential-conflict", "data-code"),
    }
}

/// The state of the first source with this code.
fn state_of<'r>(reading: &'r Reading, source: &str) -> Option<&'r str> {
    reading
        .sources
        .iter()
        .find(|(s, _)| s == source)
        .map(|(_, state)| state.as_str())
}

fn first_step(b: &Browser) -> (String, String) {
    let v = b.js(
        "const li = document.querySelector('[data-testid=\"fix-steps\"] ol > li'); \
         return [li.dataset.step, li.innerText];",
        vec![],
    );
    (
        v[0].as_str().unwrap_or_default().to_string(),
        v[1].as_str().unwrap_or_default().to_string(),
    )
}

#[test]
fn a_status_panel_and_an_env_listing_show_a_stale_key_over_the_login() {
    let page = open();
    let b = &page.browser;
    assert_eq!(b.value("setup-auth"), "subscription");
    assert!(
        !b.exists("credential-sources"),
        "a reading before any paste"
    );
    assert_eq!(b.attr("summary-machine", "data-winner"), None);
    let labelled = b.js(
        "return !!document.querySelector('label[for=\"env-input\"]') && \
         document.querySelector('[data-testid=\"env-input\"]').tagName === 'TEXTAREA';",
        vec![],
    );
    assert_eq!(labelled, json!(true));

    // The person means to use their subscription (their own choice: no suggestion replaces it).
    b.select_option("setup-auth", "subscription");
    let key = api_key('e');
    let paste = format!(
        "{}\n$ env\nPATH=/usr/bin:/bin\nANTHROPIC_API_KEY={key}\nHOME=/Users/ann\n",
        real_status_panel()
    );
    let r = paste_machine_state(b, &paste);
    assert_eq!(r.winner, "api-key", "{:?}", r.sources);
    assert_eq!(state_of(&r, "api-key"), Some("wins"), "{:?}", r.sources);
    assert_eq!(state_of(&r, "login"), Some("overridden"), "{:?}", r.sources);
    assert!(
        r.conflicts.iter().any(|c| c == "key-over-login"),
        "{:?}",
        r.conflicts
    );
    // The conflict comes with its fix for the shell (zsh): unset the variable.
    let conflicts = b.text("credential-sources");
    assert!(conflicts.contains("unset ANTHROPIC_API_KEY"), "{conflicts}");
    // The key in the paste is shown redacted, never whole.
    assert!(
        conflicts.contains(&format!("sk-ant-api03-…{}", &key[key.len() - 4..])),
        "{conflicts}"
    );
    assert!(!conflicts.contains(&key[20..60]), "the key is shown");
    // The summary says which credential is in use, and links to this section.
    assert_eq!(
        b.attr("summary-machine", "data-winner").as_deref(),
        Some("api-key")
    );
    assert!(
        b.text("summary-machine").contains("ANTHROPIC_API_KEY"),
        "{}",
        b.text("summary-machine")
    );

    // Where the key is set, with its line: the fix steps start with deleting that line.
    let r = paste_machine_state(
        b,
        &format!(
            "$ grep -n ANTHROPIC ~/.zshrc\n12:export ANTHROPIC_API_KEY=\"{key}\"\nLogin method: Claude Max account"
        ),
    );
    assert_eq!(r.winner, "api-key");
    assert_eq!(r.conflicts, ["key-over-login"]);
    let (id, text) = first_step(b);
    assert_eq!(id, "found", "{text}");
    assert!(
        text.contains("line 12") && text.contains("~/.zshrc"),
        "{text}"
    );
    assert!(!text.contains(&key[20..60]), "the key is in the fix steps");
    // In bash the same paste names the same file and line, with bash's own command where there is one.
    b.select_option("setup-shell", "bash");
    let (id, text) = first_step(b);
    assert_eq!(id, "found");
    assert!(text.contains("line 12 of ~/.zshrc"), "{text}");

    b.js(
        "document.getElementById('machine-heading').scrollIntoView();",
        vec![],
    );
    b.screenshot(&screenshot_path("machine-state-conflict.png"));
    b.screenshot_element(
        "[data-testid=\"credential-sources\"]",
        &screenshot_path("machine-state-conflict-all.png"),
    );
    b.assert_no_panic();
}

#[test]
fn a_cancelling_empty_string_masked_values_and_windows_line_endings_are_not_problems() {
    let page = open();
    let b = &page.browser;
    let key = api_key('c');

    // `""` in a settings env block cancels the shell's key: both ignored, the login wins, no conflict.
    let r = paste_machine_state(
        b,
        &format!(
            "ANTHROPIC_API_KEY={key}\n$ cat .claude/settings.local.json\n{{\"env\": {{\"ANTHROPIC_API_KEY\": \"\"}}}}\n\
             Login method: Claude Pro account"
        ),
    );
    assert_eq!(r.winner, "login");
    let api_key_states: Vec<&str> = r
        .sources
        .iter()
        .filter(|(s, _)| s == "api-key")
        .map(|(_, state)| state.as_str())
        .collect();
    assert_eq!(api_key_states, ["ignored", "ignored"], "{:?}", r.sources);
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    assert!(b.text("credential-sources").contains("No conflict"));

    // Masked values (the last four, a length) are present, not damaged.
    b.select_option("setup-auth", "api-key");
    for masked in [
        "…Xy1A",
        "sk-ant-api03-…Xy1A",
        "(108 chars)",
        "sk-ant-api03-...Xy1A (108 chars)",
    ] {
        let r = paste_machine_state(b, &format!("ANTHROPIC_API_KEY={masked}\n"));
        assert_eq!(r.winner, "api-key", "{masked}");
        assert_eq!(r.sources, [("api-key".into(), "wins".into())], "{masked}");
        assert!(r.conflicts.is_empty(), "{masked}: {:?}", r.conflicts);
        assert!(
            b.text("credential-sources").contains("masked in the paste"),
            "{masked}"
        );
    }

    // Windows line endings read the same as Unix ones.
    b.select_option("setup-auth", "subscription");
    let unix = format!(
        "Login method: Claude Max account\nAPI key: ANTHROPIC_API_KEY\nANTHROPIC_API_KEY={key}\nPATH=/usr/bin\n"
    );
    let a = paste_machine_state(b, &unix);
    let c = paste_machine_state(b, &unix.replace('\n', "\r\n"));
    assert_eq!(
        (&a.winner, &a.sources, &a.conflicts),
        (&c.winner, &c.sources, &c.conflicts)
    );
    assert_eq!(a.winner, "api-key");
    assert_eq!(a.conflicts, ["key-over-login"]);
    b.assert_no_panic();
}

#[test]
fn text_that_says_nothing_about_credentials_is_unknown() {
    let page = open();
    let b = &page.browser;
    let r = paste_machine_state(
        b,
        "total 24\ndrwxr-xr-x  5 ann  staff  160 Mar  3 09:12 .\n-rw-r--r--  1 ann  staff  512 Mar  3 09:12 notes.md\n",
    );
    assert_eq!(r.winner, "unknown");
    assert!(r.sources.is_empty() && r.conflicts.is_empty());
    assert!(
        b.text("credential-sources").contains("says nothing"),
        "{}",
        b.text("credential-sources")
    );
    // The summary does not guess either.
    assert_eq!(
        b.attr("summary-machine", "data-winner").as_deref(),
        Some("unknown")
    );
    assert_eq!(b.text("summary-machine"), "not yet");
    // A blank box drops the reading.
    b.paste("env-input", "  \n");
    assert!(!b.exists("credential-sources"));
    b.assert_no_panic();
}

#[test]
fn a_one_megabyte_paste_is_read_without_freezing_the_tab() {
    let page = open();
    let b = &page.browser;
    let key = api_key('m');
    let huge = format!(
        "Login method: Claude Max account\nANTHROPIC_API_KEY={key}\n{}",
        "NODE_OPTIONS=--max-old-space-size=4096\n".repeat(27_000)
    );
    assert!(huge.len() > 1_000_000);
    let started = Instant::now();
    let r = paste_machine_state(b, &huge);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert_eq!(r.winner, "api-key");
    assert_eq!(r.conflicts, ["key-over-login"]);
    assert!(
        b.text("credential-sources").contains("only its first"),
        "the page does not say it read part of the paste"
    );
    // Still responsive: a small paste afterwards is read at once.
    let r = paste_machine_state(b, "Login method: Claude Pro account\n");
    assert_eq!((r.winner.as_str(), r.conflicts.len()), ("login", 0));
    b.assert_no_panic();
}

#[test]
fn a_pasted_file_name_with_markup_is_shown_as_text_in_the_fix_steps() {
    let page = open();
    let b = &page.browser;
    let key = api_key('d');
    // The fix steps are markup the page writes in one piece (src/ui/fix_steps.rs): what the paste names must stay text.
    let file = "~/<img_src=x_data-injected=1>&amp;/.zshrc";
    let r = paste_machine_state(
        b,
        &format!(
            "$ grep -n ANTHROPIC {file}\n7:export ANTHROPIC_API_KEY=\"{key}\"\nLogin method: Claude Max account"
        ),
    );
    assert_eq!(r.winner, "api-key");
    let (id, text) = first_step(b);
    assert_eq!(id, "found", "{text}");
    assert!(text.contains(&format!("line 7 of {file}")), "{text}");
    let injected = b.js(
        "return [document.querySelectorAll('[data-injected], img').length, \
         [...document.querySelectorAll('[data-testid=\"fix-steps\"] code')].some(c => c.textContent.includes('<img_src'))];",
        vec![],
    );
    assert_eq!(injected, json!([0, true]), "{text}");
    assert!(!text.contains(&key[20..60]), "the key is in the fix steps");
    b.assert_no_panic();
}
