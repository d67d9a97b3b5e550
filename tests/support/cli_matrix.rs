//! What the real Claude Code CLI prints and what the page should conclude from it: [`EXPECTED`] (each stand-in
//! scenario × credential configuration → a working call or the page's cause code) and the recorded baseline of its
//! messages, `tests/fixtures/claude-cli/<version>.tsv` (one line per scenario × configuration). The native matrix
//! (`claude_cli_messages`, which runs the pinned CLI) and the browser's sample of it (`browser::messages`, which pastes
//! recorded messages into the page) read both from here.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Where the pinned release is named.
pub const VERSION_FILE: &str = "scripts/lib/claude-code.sh";

/// The pinned release: the `CLAUDE_CODE_VERSION=` line of [`VERSION_FILE`].
pub fn pinned_version() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(VERSION_FILE);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .find_map(|line| line.trim().strip_prefix("CLAUDE_CODE_VERSION="))
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| panic!("{} has no CLAUDE_CODE_VERSION= line", path.display()))
}

/// What the page should conclude from what the CLI printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The call works: exit 0 and the stand-in's reply on stdout.
    Succeeds,
    /// The page's cause code (`data-cause`).
    Cause(&'static str),
}

/// One row of [`EXPECTED`]: an empty list matches every scenario or configuration.
pub struct Expect {
    pub scenarios: &'static [&'static str],
    pub configs: &'static [&'static str],
    pub outcome: Outcome,
}

const fn expect(
    scenarios: &'static [&'static str],
    configs: &'static [&'static str],
    outcome: Outcome,
) -> Expect {
    Expect {
        scenarios,
        configs,
        outcome,
    }
}

const ALL: &[&str] = &[];
use Outcome::{Cause, Succeeds};

/// What the page should say for each scenario × configuration; the first matching row wins.
#[rustfmt::skip]
pub const EXPECTED: &[Expect] = &[
    // Refused before sending: `Invalid API key · Fix external API key · Invalid X-Api-Key header value from
    // ANTHROPIC_API_KEY: it contains a line break at character 41 (109 characters on 2 lines).`
    expect(ALL, &["line-break-key"], Cause("bad-header-chars")),
    // Nothing to send: `Not logged in · Please run /login`.
    expect(ALL, &["nothing"], Cause("not-logged-in")),
    // A failing helper: its stderr line `apiKeyHelper failed: exited 1: <the script's stderr>` comes with every
    // message, and it is what the person must fix first.
    expect(ALL, &["helper-failing"], Cause("api-key-helper-failing")),
    expect(&["valid"], ALL, Succeeds),
    // A Bearer credential rejected with `invalid x-api-key`: `Not logged in · Please run /login`.
    expect(&["invalid-x-api-key"], &["auth-token-gateway", "oauth-token", "login"], Cause("not-logged-in")),
    expect(&["invalid-x-api-key"], ALL, Cause("invalid-api-key")),
    expect(&["invalid-bearer"], ALL, Cause("invalid-bearer")),
    expect(&["oauth-not-supported"], ALL, Cause("oauth-not-supported")),
    expect(&["oauth-expired"], ALL, Cause("oauth-expired")),
    expect(&["invalid-credentials"], ALL, Cause("invalid-credentials")),
    // `Failed to authenticate. API Error: 403 Your API key does not have permission to use the specified resource.`
    expect(&["permission"], ALL, Cause("invalid-credentials")),
    // With a `/login`: `Claude Code can't use your Claude subscription, usually because a payment is past due · Pay
    // or renew at https://claude.ai/settings/billing (if you just paid, try again shortly), or use an Anthropic API
    // key instead`.
    expect(&["oauth-org-not-allowed"], ALL, Cause("subscription-access-disabled")),
    expect(&["low-credit"], ALL, Cause("low-credit")),
    // `API Error: 402 Your organization's payment method was declined. Please update it in Plans & Billing.`
    expect(&["billing-402"], ALL, Cause("low-credit")),
    expect(&["org-disabled"], ALL, Cause("org-disabled")),
    expect(&["spend-limit-400"], ALL, Cause("spend-limit")),
    expect(&["rate-limited"], ALL, Cause("rate-limit")),
    expect(&["spend-cap-429"], ALL, Cause("spend-limit")),
    // `API Error: 529 Overloaded. This is a server-side issue, usually temporary — try again in a moment. If it
    // persists, check your inference gateway (127.0.0.1:8080).`
    expect(&["overloaded"], ALL, Cause("rate-limit")),
    // The same template for 500 and 502: a known message that names no credential cause.
    expect(&["server-error", "html-502"], ALL, Cause("unknown")),
    // `There's an issue with the selected model (claude-opus-5-5). It may not exist or you may not have access to
    // it. Run --model to pick a different model.` (a 404 for the model; before 2.1.206 also an expired login).
    expect(&["model-not-found"], ALL, Cause("model-restricted")),
    // `Failed to authenticate. API Error: 401 {"detail":"Invalid API key"}`: the gateway's own words.
    expect(&["gateway-detail-401"], ALL, Cause("gateway-auth")),
    expect(&["litellm-401"], ALL, Cause("gateway-auth")),
    expect(&["waf-403-html"], ALL, Cause("gateway-auth")),
    expect(&["non-json-200", "connection-refused"], ALL, Cause("connection")),
];

pub fn expectation(scenario: &str, config: &str) -> Option<&'static Expect> {
    EXPECTED.iter().find(|row| {
        (row.scenarios.is_empty() || row.scenarios.contains(&scenario))
            && (row.configs.is_empty() || row.configs.contains(&config))
    })
}

/// The recorded messages and `claude auth status` outputs.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/claude-cli")
}

/// A field of the baseline, escaped so that a message stays on one line.
#[cfg(feature = "claude-cli")]
pub fn tsv_field(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

/// `(scenario, configuration) → message` of a baseline file.
pub fn read_baseline(path: &Path) -> BTreeMap<(String, String), String> {
    let Ok(text) = fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| {
            let fields: Vec<&str> = line.splitn(5, '\t').collect();
            (fields.len() == 5).then(|| {
                (
                    (fields[0].to_string(), fields[1].to_string()),
                    fields[4].to_string(),
                )
            })
        })
        .collect()
}

/// A baseline field back to the text it stands for: `\n` a line break, `\t` a tab, `\\` a backslash.
#[cfg(feature = "e2e")]
pub fn from_tsv_field(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}
