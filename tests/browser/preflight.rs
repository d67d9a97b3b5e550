//! The pre-flight script in the page (step 6): for the chosen shell it is exactly `core::preflight::script` (one POSIX
//! sh script for bash and zsh, fish, PowerShell, and the PowerShell one for cmd; the page fills in the template the
//! build wrote beside it), copy and download give that text under its file name, the CLAUDE.md section names it, and
//! nothing pasted into the page gets into it.

use std::time::{Duration, Instant};

use claude_auth_doctor::core::codes::{Auth, Launcher, Os, Shell};
use claude_auth_doctor::core::preflight::{file_name, run_command, script};
use claude_auth_doctor::core::setup::Setup;
use serde_json::json;

use crate::support::chromium::{screenshot_path, Browser, Options, TempDir};
use crate::support::page::{api_key, text_content, Page};
use crate::support::static_server::dist_dir;

const SUB_PATH: &str = "/tools/claude-auth/";

fn open() -> Page {
    Page::open(dist_dir(), SUB_PATH, Options::default(), "preflight-script")
}

/// The setup the page shows, read from its four selects.
fn setup_shown(b: &Browser) -> Setup {
    Setup {
        os: Os::from_code(&b.value("setup-os")).expect("an OS code"),
        shell: Shell::from_code(&b.value("setup-shell")).expect("a shell code"),
        launcher: Launcher::from_code(&b.value("setup-launcher")).expect("a launcher code"),
        auth: Auth::from_code(&b.value("setup-auth")).expect("an auth code"),
    }
}

/// The script shown, once the page has it (it fetches its shell's template from its own origin), checked against
/// what the public build (no team gateway) must show for the page's setup.
fn shown_script(b: &Browser) -> String {
    let setup = setup_shown(b);
    let expected = script(&setup, None);
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let shown = text_content(b, "preflight-script");
        let busy = b.attr("preflight-script", "aria-busy");
        if shown == expected && busy.as_deref() == Some("false") {
            return shown;
        }
        if Instant::now() > deadline {
            let differs = shown
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .map_or("in length".to_string(), |i| format!("from line {}", i + 1));
            panic!(
                "the page's pre-flight script ({} bytes, aria-busy {busy:?}) is not core::preflight::script for \
                 {setup:?} ({} bytes): it differs {differs}",
                shown.len(),
                expected.len()
            );
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Waits for a downloaded file to be complete (as long as `expected`), then returns its text.
fn downloaded(path: &std::path::Path, expected: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(saved) = std::fs::read_to_string(path) {
            if saved.len() >= expected.len() {
                return saved;
            }
        }
        assert!(
            Instant::now() < deadline,
            "no download at {}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_script_follows_the_shell_and_the_intended_method() {
    let page = open();
    let b = &page.browser;
    let mut seen = Vec::new();
    for (os, shell) in [
        ("macos", "zsh"),
        ("macos", "bash"),
        ("linux", "fish"),
        ("windows", "powershell"),
        ("windows", "cmd"),
    ] {
        b.select_option("setup-os", os);
        b.select_option("setup-shell", shell);
        let text = shown_script(b);
        let shell = Shell::from_code(shell).unwrap();
        assert!(
            b.text("preflight-download").contains(file_name(shell)),
            "{shell:?}: the download button does not name {}",
            file_name(shell)
        );
        let page_text = b.js(
            "return document.querySelector('.preflight').innerText;",
            vec![],
        );
        assert!(
            page_text.as_str().unwrap().contains(run_command(shell)),
            "{shell:?}: how to run it is not shown"
        );
        seen.push((shell, text));
    }
    let text = |shell: Shell| &seen.iter().find(|(s, _)| *s == shell).unwrap().1;
    // One POSIX sh script for bash and zsh; fish and PowerShell their own; cmd the PowerShell one with a note.
    assert_eq!(text(Shell::Bash), text(Shell::Zsh));
    assert!(
        text(Shell::Zsh).starts_with("#!/bin/sh"),
        "{}",
        &text(Shell::Zsh)[..40]
    );
    assert!(text(Shell::Fish).starts_with("#!/usr/bin/env fish"));
    assert_ne!(text(Shell::Fish), text(Shell::Zsh));
    assert_ne!(text(Shell::Powershell), text(Shell::Fish));
    assert!(text(Shell::Cmd).contains(run_command(Shell::Cmd)));

    // The intended method: the script checks what the person means to use.
    b.select_option("setup-os", "linux");
    b.select_option("setup-shell", "bash");
    let mut by_auth = Vec::new();
    for auth in ["subscription", "api-key", "gateway"] {
        b.select_option("setup-auth", auth);
        by_auth.push(shown_script(b));
    }
    assert_ne!(by_auth[0], by_auth[1]);
    assert_ne!(by_auth[1], by_auth[2]);
    b.assert_no_panic();
}

#[test]
fn copy_and_download_give_the_script_and_the_claude_md_names_it_and_no_secret_gets_in() {
    let page = open();
    let b = &page.browser;
    // What the person pasted elsewhere on the page: a key, and a machine state with another one.
    let (key, machine_key) = (api_key('k'), api_key('m'));
    b.paste("key-input", &key);
    assert_eq!(b.attr("key-verdict", "data-verdict").as_deref(), Some("ok"));
    b.paste(
        "env-input",
        &format!("Login method: Claude Max account\n~/.zshrc:12:export ANTHROPIC_API_KEY={machine_key}\n"),
    );
    assert_eq!(
        b.attr("credential-sources", "data-winner").as_deref(),
        Some("api-key")
    );
    b.select_option("setup-auth", "subscription");
    b.select_option("setup-os", "linux");
    b.select_option("setup-shell", "fish");
    let text = shown_script(b);
    for secret in [&key, &machine_key] {
        assert!(
            !text.contains(&secret[20..60]),
            "a pasted secret is in the script"
        );
        assert!(
            !text.contains(&secret[secret.len() - 12..]),
            "a pasted secret's end is in the script"
        );
    }
    // The CLAUDE.md section names the script and how to run it.
    let claude_md = text_content(b, "claude-md");
    assert!(
        claude_md.contains(file_name(Shell::Fish)) && claude_md.contains(run_command(Shell::Fish)),
        "the CLAUDE.md section does not name the pre-flight script: {claude_md}"
    );

    // Copy puts exactly the script on the clipboard.
    let clipboard = b.copy_and_read(
        &page.server.origin(),
        "preflight-copy",
        "document.querySelector('[data-testid=\"preflight-copy\"]').dataset.copied === 'true'",
    );
    assert!(
        clipboard == json!(text),
        "the clipboard differs from the script shown"
    );

    // Download saves the same text under the shell's file name; then for PowerShell.
    let downloads = TempDir::new("preflight-downloads");
    b.cdp(
        "Browser.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": downloads.0.display().to_string()}),
    );
    b.click("preflight-download");
    let saved = downloaded(&downloads.0.join(file_name(Shell::Fish)), &text);
    assert!(saved == text, "the download differs from the script shown");
    b.select_option("setup-os", "windows");
    let powershell = shown_script(b);
    b.click("preflight-download");
    let saved = downloaded(&downloads.0.join(file_name(Shell::Powershell)), &powershell);
    assert!(
        saved == powershell,
        "the PowerShell download differs from the script shown"
    );
    let leftovers = b.js(
        "return document.querySelectorAll('a[download]').length;",
        vec![],
    );
    assert_eq!(leftovers, json!(0), "a download link was left behind");

    // The section as the README shows it: bash/zsh on macOS.
    b.select_option("setup-os", "macos");
    b.select_option("setup-shell", "zsh");
    shown_script(b);
    b.wait_for(
        "!document.querySelector('[data-testid=\"preflight-copy\"]').dataset.copied",
        "the copy button to say Copy again",
    );
    b.js(
        "document.getElementById('keep-heading').scrollIntoView();",
        vec![],
    );
    b.screenshot(&screenshot_path("preflight-script.png"));
    b.assert_no_panic();
}
