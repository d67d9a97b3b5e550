//! Native tests of "which credential wins": every kind of pasted block, mixed pastes, Windows line endings and
//! terminal decorations, masked and full values, `""` cancelling, settings scopes, the order, what Claude Code's own
//! reports say, the conflicts and their fixes, a 1 MB paste, and that no secret ever comes out.
//!
//! Part of it runs on what the real Claude Code CLI 2.1.332 printed (tests/fixtures/claude-cli/: `claude auth
//! status` JSON and `--text`, and the full-screen UI's start-up screen and `/status` panel, each with the environment
//! and files it ran with; all credentials in them are synthetic).

use claude_auth_doctor::core::codes::{
    Auth, ConflictCode, FindingCode, Kind, Launcher, Os, Shell, SourceCode, SourceState,
};
use claude_auth_doctor::core::setup::Setup;
use claude_auth_doctor::core::sources::{
    analyze, BlockKind, Layer, SettingsScope, SourcesReport, Value, MAX_EXAMINED_BYTES,
};
use std::time::Instant;

/// Synthetic, well-formed Console keys (108 characters) and an OAuth token.
const KEY_A: &str =
    "sk-ant-api03-qc6SGv_maFCkTV-E9Lfjg_o1_F7ldFwPHT4cgmvCGTOkREjAKpnQGFsn9bzkjvjb31CFJCFAHf6U79RTjbkn4SSDAz3yNAA";
const KEY_B: &str =
    "sk-ant-api03-JA-2TbCcc1bDHP9MvJg-gHrmYKVPhDcpb4FZeAvfDOnhW4-gQBIe-_FJj8UYjF-3DckwawVq_aFkOAGIWFudkF9M4SAlxAA";
const OAUTH: &str =
    "sk-ant-oat01-Xq3vR8mZ2pL7nK4wT9yB6cF1hJ5sD0gA3eU8iO2rY7tW4qE9uI6oP1aS5dF3gH8jK2lZ7xC4vB9nM6qW1eR3tYAA";
const GATEWAY_TOKEN: &str = "sk-litellm-8f3Kq2Zx7Lm4Np9Rt6Vw1Yb5Cd0Ef";

fn setup(shell: Shell, auth: Auth) -> Setup {
    Setup {
        os: match shell {
            Shell::Powershell | Shell::Cmd => Os::Windows,
            _ => Os::Macos,
        },
        shell,
        launcher: Launcher::Terminal,
        auth,
    }
}

fn zsh(auth: Auth) -> Setup {
    setup(Shell::Zsh, auth)
}

fn codes(r: &SourcesReport) -> Vec<ConflictCode> {
    r.conflicts.iter().map(|c| c.code).collect()
}

fn source<'r>(
    r: &'r SourcesReport,
    name: &str,
    layer: Layer,
) -> &'r claude_auth_doctor::core::sources::Source {
    r.sources
        .iter()
        .find(|s| s.name == name && s.layer == layer)
        .unwrap_or_else(|| panic!("no {name} in {layer:?}: {r:#?}"))
}

/// Every `sk-ant-…` or other long token in a text (the secrets it holds).
pub(crate) fn secrets_in(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| {
            w.len() >= 30
                && (w.starts_with("sk-") || w.chars().filter(char::is_ascii_digit).count() > 3)
        })
        .map(str::to_string)
        .collect()
}

/// No secret, nor a 12-character piece of one past its first 13 characters, appears anywhere in the report: its
/// `Debug`, titles, explanations, fix titles and commands, summary.
pub(crate) fn assert_no_secret(r: &SourcesReport, secrets: &[String]) {
    let mut all = format!("{r:?}\n{}", r.summary);
    for c in &r.conflicts {
        all.push_str(&format!("\n{}\n{}", c.title, c.explanation));
    }
    for f in r.fixes() {
        all.push_str(&format!("\n{}\n{}", f.title, f.commands.join("\n")));
    }
    for s in &r.sources {
        all.push_str(&format!("\n{}", s.why));
    }
    for secret in secrets {
        let chars: Vec<char> = secret.chars().collect();
        let body = &chars[chars.len().min(13)..];
        for piece in body.windows(12) {
            let piece: String = piece.iter().collect();
            assert!(
                !all.contains(&piece),
                "a piece of a secret ({piece}) comes out:\n{all}"
            );
        }
    }
}

/// Every fix command is valid for the setup's shell (the commands module's own check).
fn assert_fixes_fit(r: &SourcesReport, setup: &Setup) {
    for f in r.fixes() {
        for c in &f.commands {
            assert_eq!(
                crate::support::shell_lint::lint(setup.shell, c),
                Ok(()),
                "{}: {c}",
                setup.shell
            );
        }
    }
}

// ---- Claude Code's own output, from the real CLI ----------------------------------------------------------------

struct Fixture {
    config: &'static str,
    auth: Auth,
    winner: SourceCode,
    conflicts: &'static [ConflictCode],
}

/// `claude auth status` (JSON and `--text`) for each configuration the CLI ran with; the whole capture is pasted
/// (its environment listing, the files it wrote, the output).
const AUTH_STATUS: &[Fixture] = &[
    Fixture {
        config: "api-key",
        auth: Auth::ApiKey,
        winner: SourceCode::ApiKey,
        conflicts: &[],
    },
    Fixture {
        config: "auth-token-gateway",
        auth: Auth::Gateway,
        winner: SourceCode::AuthToken,
        conflicts: &[],
    },
    Fixture {
        config: "empty-api-key",
        auth: Auth::ApiKey,
        winner: SourceCode::None,
        conflicts: &[ConflictCode::EmptyCredential, ConflictCode::NotLoggedIn],
    },
    Fixture {
        config: "helper-and-key",
        auth: Auth::ApiKey,
        winner: SourceCode::ApiKeyHelper,
        conflicts: &[ConflictCode::TokenAndKey],
    },
    Fixture {
        config: "helper-failing-and-login",
        auth: Auth::Subscription,
        winner: SourceCode::ApiKeyHelper,
        conflicts: &[ConflictCode::KeyOverLogin],
    },
    Fixture {
        config: "helper-failing",
        auth: Auth::ApiKey,
        winner: SourceCode::ApiKeyHelper,
        conflicts: &[],
    },
    Fixture {
        config: "helper-ok",
        auth: Auth::ApiKey,
        winner: SourceCode::ApiKeyHelper,
        conflicts: &[],
    },
    Fixture {
        config: "line-break-key",
        auth: Auth::ApiKey,
        winner: SourceCode::ApiKey,
        conflicts: &[ConflictCode::DamagedCredential],
    },
    Fixture {
        config: "login-and-api-key",
        auth: Auth::Subscription,
        winner: SourceCode::ApiKey,
        conflicts: &[ConflictCode::KeyOverLogin],
    },
    Fixture {
        config: "login-and-auth-token",
        auth: Auth::Subscription,
        winner: SourceCode::AuthToken,
        conflicts: &[ConflictCode::KeyOverLogin],
    },
    Fixture {
        config: "login-and-oauth-token",
        auth: Auth::Subscription,
        winner: SourceCode::OauthToken,
        conflicts: &[ConflictCode::KeyOverLogin],
    },
    Fixture {
        config: "login-expired",
        auth: Auth::Subscription,
        winner: SourceCode::Login,
        conflicts: &[],
    },
    Fixture {
        config: "login",
        auth: Auth::Subscription,
        winner: SourceCode::Login,
        conflicts: &[],
    },
    Fixture {
        config: "nothing",
        auth: Auth::Subscription,
        winner: SourceCode::None,
        conflicts: &[ConflictCode::NotLoggedIn],
    },
    Fixture {
        config: "oauth-in-api-key",
        auth: Auth::OauthToken,
        winner: SourceCode::ApiKey,
        conflicts: &[ConflictCode::DamagedCredential],
    },
    Fixture {
        config: "oauth-token-and-api-key",
        auth: Auth::OauthToken,
        winner: SourceCode::ApiKey,
        conflicts: &[ConflictCode::TokenAndKey],
    },
    Fixture {
        config: "oauth-token",
        auth: Auth::OauthToken,
        winner: SourceCode::OauthToken,
        conflicts: &[],
    },
    Fixture {
        config: "settings-env-api-key-and-login",
        auth: Auth::Subscription,
        winner: SourceCode::ApiKey,
        conflicts: &[ConflictCode::KeyOverLogin],
    },
    Fixture {
        config: "settings-env-api-key",
        auth: Auth::ApiKey,
        winner: SourceCode::ApiKey,
        conflicts: &[],
    },
    Fixture {
        config: "token-and-key",
        auth: Auth::Gateway,
        winner: SourceCode::AuthToken,
        conflicts: &[ConflictCode::TokenAndKey],
    },
];

/// The full-screen UI: start-up notices, the `/status` panel, what `hi` printed (base URL: the stand-in).
const UI: &[Fixture] = &[
    Fixture {
        config: "gateway-detail-401__auth-token-gateway",
        auth: Auth::Gateway,
        winner: SourceCode::AuthToken,
        conflicts: &[],
    },
    Fixture {
        config: "litellm-401__auth-token-gateway",
        auth: Auth::Gateway,
        winner: SourceCode::AuthToken,
        conflicts: &[],
    },
    Fixture {
        config: "invalid-credentials__api-key",
        auth: Auth::ApiKey,
        winner: SourceCode::ApiKey,
        conflicts: &[ConflictCode::BaseUrlOverride],
    },
    Fixture {
        config: "invalid-x-api-key__api-key-unapproved",
        auth: Auth::ApiKey,
        winner: SourceCode::None,
        conflicts: &[ConflictCode::BaseUrlOverride, ConflictCode::NotLoggedIn],
    },
    Fixture {
        config: "invalid-x-api-key__helper-and-key",
        auth: Auth::Gateway,
        winner: SourceCode::ApiKeyHelper,
        conflicts: &[ConflictCode::TokenAndKey],
    },
    Fixture {
        config: "invalid-x-api-key__helper-failing",
        auth: Auth::Gateway,
        winner: SourceCode::ApiKeyHelper,
        conflicts: &[],
    },
    Fixture {
        config: "invalid-x-api-key__login-and-api-key",
        auth: Auth::Subscription,
        winner: SourceCode::ApiKey,
        conflicts: &[ConflictCode::KeyOverLogin, ConflictCode::BaseUrlOverride],
    },
    // The login was sent and refused, and the session printed `Not logged in · Please run /login`: the page says
    // what that means in 2.1.332 (a refused Bearer credential), not "no login".
    Fixture {
        config: "invalid-x-api-key__login",
        auth: Auth::Subscription,
        winner: SourceCode::Login,
        conflicts: &[ConflictCode::BaseUrlOverride, ConflictCode::NotLoggedIn],
    },
    Fixture {
        config: "invalid-x-api-key__token-and-key",
        auth: Auth::Gateway,
        winner: SourceCode::AuthToken,
        conflicts: &[ConflictCode::TokenAndKey],
    },
    Fixture {
        config: "oauth-expired__login",
        auth: Auth::Subscription,
        winner: SourceCode::Login,
        conflicts: &[ConflictCode::BaseUrlOverride, ConflictCode::LoginExpired],
    },
    Fixture {
        config: "oauth-org-not-allowed__oauth-token",
        auth: Auth::OauthToken,
        winner: SourceCode::OauthToken,
        conflicts: &[ConflictCode::BaseUrlOverride],
    },
    Fixture {
        config: "valid__login-and-auth-token",
        auth: Auth::Subscription,
        winner: SourceCode::AuthToken,
        conflicts: &[ConflictCode::KeyOverLogin, ConflictCode::BaseUrlOverride],
    },
    Fixture {
        config: "valid__oauth-token-and-api-key",
        auth: Auth::OauthToken,
        winner: SourceCode::ApiKey,
        conflicts: &[ConflictCode::TokenAndKey, ConflictCode::BaseUrlOverride],
    },
    // The key in the settings `env` block was declined at the prompt: the login is used (the banner names the
    // plan), but `claude -p` would use the key.
    Fixture {
        config: "valid__settings-env-api-key-and-login",
        auth: Auth::Subscription,
        winner: SourceCode::Login,
        conflicts: &[ConflictCode::KeyOverLogin, ConflictCode::BaseUrlOverride],
    },
];

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/claude-cli/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn check_fixture(name: &str, f: &Fixture) -> SourcesReport {
    let text = fixture(name);
    for shell in [Shell::Zsh, Shell::Fish, Shell::Powershell] {
        let setup = setup(shell, f.auth);
        let r = analyze(&text, &setup);
        assert_eq!(r.winner, f.winner, "{name}: winner\n{}\n{r:#?}", r.summary);
        let mut got = codes(&r);
        got.sort();
        let mut want = f.conflicts.to_vec();
        want.sort();
        assert_eq!(got, want, "{name}: conflicts\n{r:#?}");
        assert_eq!(
            r.claude_version.as_deref().is_some(),
            name.starts_with("ui__"),
            "{name}: version"
        );
        assert_no_secret(&r, &secrets_in(&text));
        assert_fixes_fit(&r, &setup);
        if let Some(w) = r.winning_source() {
            assert_eq!(w.code, f.winner, "{name}");
        }
        if r.conflicts.is_empty() {
            assert!(r.fixes().is_empty());
        }
    }
    analyze(&text, &zsh(f.auth))
}

#[test]
fn claude_auth_status_json_from_the_real_cli() {
    for f in AUTH_STATUS {
        let r = check_fixture(&format!("auth-status-json__{}", f.config), f);
        assert!(
            r.blocks.iter().any(|b| b.kind == BlockKind::AuthStatusJson),
            "{}",
            f.config
        );
        assert!(
            r.blocks.iter().any(|b| b.kind == BlockKind::EnvListing),
            "{}",
            f.config
        );
    }
}

#[test]
fn claude_auth_status_text_from_the_real_cli() {
    for f in AUTH_STATUS {
        let r = check_fixture(&format!("auth-status-text__{}", f.config), f);
        assert!(
            r.blocks.iter().any(|b| matches!(
                b.kind,
                BlockKind::StatusPanel | BlockKind::AuthStatusText | BlockKind::ClaudeMessage
            )),
            "{}: {:#?}",
            f.config,
            r.blocks
        );
    }
}

#[test]
fn the_full_screen_ui_and_its_status_panel_from_the_real_cli() {
    for f in UI {
        check_fixture(&format!("ui__{}", f.config), f);
    }
    // A key declined at the prompt and no login: approving it is the fix when a key is meant.
    let r = analyze(
        &fixture("ui__invalid-x-api-key__api-key-unapproved"),
        &zsh(Auth::ApiKey),
    );
    assert!(
        r.fixes()
            .iter()
            .any(|f| f.title.starts_with("Approve ANTHROPIC_API_KEY")),
        "{r:#?}"
    );
    assert_eq!(
        source(&r, "ANTHROPIC_API_KEY", Layer::Shell).state,
        SourceState::Ignored
    );
    // The settings key the person declined: the login wins, the key is still in the way for `claude -p`.
    let r = analyze(
        &fixture("ui__valid__settings-env-api-key-and-login"),
        &zsh(Auth::Subscription),
    );
    let key = source(
        &r,
        "ANTHROPIC_API_KEY",
        Layer::Settings(Some(SettingsScope::User)),
    );
    assert_eq!(key.state, SourceState::Ignored, "{r:#?}");
    let c = &r.conflicts[0];
    assert_eq!(c.code, ConflictCode::KeyOverLogin);
    assert!(c.explanation.contains("claude -p"), "{}", c.explanation);
    assert_eq!(
        c.fixes[0].title,
        "Remove \"ANTHROPIC_API_KEY\" from the `env` block of ~/.claude/settings.json"
    );
}

#[test]
fn status_rows_mark_what_is_not_in_use() {
    let r = analyze(
        &fixture("auth-status-text__login-and-api-key"),
        &zsh(Auth::Subscription),
    );
    let login = r
        .sources
        .iter()
        .find(|s| s.code == SourceCode::Login)
        .expect("login found");
    assert_eq!(login.state, SourceState::Overridden);
    assert_eq!(
        source(&r, "ANTHROPIC_API_KEY", Layer::Shell).state,
        SourceState::Wins
    );
    // The helper with a key: the CLI reports the helper, sends both, and the conflict says so with the version.
    let r = analyze(
        &fixture("auth-status-json__helper-and-key"),
        &zsh(Auth::ApiKey),
    );
    let c = r
        .conflicts
        .iter()
        .find(|c| c.code == ConflictCode::TokenAndKey)
        .expect("token-and-key");
    assert!(
        c.explanation.contains("2.1.332") && c.explanation.contains("x-api-key"),
        "{}",
        c.explanation
    );
    assert!(
        c.fixes
            .iter()
            .any(|f| f.commands == ["unset ANTHROPIC_API_KEY"]),
        "{c:#?}"
    );
    let helper = source(
        &r,
        "apiKeyHelper",
        Layer::Settings(Some(SettingsScope::User)),
    );
    assert_eq!(helper.state, SourceState::Wins);
    assert!(
        matches!(&helper.value, Value::Secret(v) if v.redacted.is_none() && v.length == Some(113)),
        "{helper:#?}"
    );
}

// ---- Every kind of block ----------------------------------------------------------------------------------------

#[test]
fn every_kind_of_block_is_recognised() {
    let cases: &[(&str, String, BlockKind, Layer)] = &[
        ("env", format!("PATH=/usr/bin\nANTHROPIC_API_KEY={KEY_A}\nHOME=/Users/ann"), BlockKind::EnvListing, Layer::Shell),
        ("printenv after a prompt", format!("ann@mac ~ % printenv\nANTHROPIC_API_KEY={KEY_A}"), BlockKind::EnvListing, Layer::Shell),
        ("bash export -p", format!("declare -x HOME=\"/home/ann\"\ndeclare -x ANTHROPIC_API_KEY=\"{KEY_A}\""), BlockKind::ExportListing, Layer::Shell),
        ("cmd set", format!("C:\\Users\\ann>set\r\nANTHROPIC_API_KEY={KEY_A}\r\nOS=Windows_NT"), BlockKind::EnvListing, Layer::Shell),
        (
            "PowerShell table",
            format!("PS C:\\> Get-ChildItem Env:\n\nName                           Value\n----                           -----\nANTHROPIC_API_KEY              {KEY_A}\nOS                             Windows_NT"),
            BlockKind::PowershellEnv,
            Layer::Shell,
        ),
        ("PowerShell list", format!("Name  : ANTHROPIC_API_KEY\nValue : {KEY_A}"), BlockKind::PowershellEnv, Layer::Shell),
        ("fish set -x", format!("HOME /home/ann\nANTHROPIC_API_KEY {KEY_A}"), BlockKind::FishVariables, Layer::Shell),
        ("echo", format!("$ echo $ANTHROPIC_API_KEY\n{KEY_A}"), BlockKind::EchoedValue, Layer::Shell),
        ("typed export", format!("$ export ANTHROPIC_API_KEY=\"{KEY_A}\""), BlockKind::ShellLines, Layer::Shell),
        ("grep -n over profiles", format!("~/.zshrc:12:export ANTHROPIC_API_KEY=\"{KEY_A}\""), BlockKind::ShellProfile, Layer::Shell),
        ("cat of a profile", format!("$ cat ~/.bashrc\n# aliases\nexport ANTHROPIC_API_KEY='{KEY_A}'"), BlockKind::ShellProfile, Layer::Shell),
        ("fish config", format!("==> ~/.config/fish/config.fish <==\nset -gx ANTHROPIC_API_KEY {KEY_A}"), BlockKind::ShellProfile, Layer::Shell),
        ("PowerShell profile", format!("# $PROFILE\nC:\\Users\\ann\\Documents\\PowerShell\\Microsoft.PowerShell_profile.ps1:\n$env:ANTHROPIC_API_KEY = \"{KEY_A}\""), BlockKind::ShellProfile, Layer::Shell),
        (".env file", format!("$ cat .env\nDATABASE_URL=postgres://x\nANTHROPIC_API_KEY={KEY_A} # for the app"), BlockKind::DotEnv, Layer::Shell),
        (
            "settings.json",
            format!("==> ~/.claude/settings.json <==\n{{\n  \"model\": \"opus\",\n  \"env\": {{\n    \"ANTHROPIC_API_KEY\": \"{KEY_A}\"\n  }}\n}}"),
            BlockKind::Settings,
            Layer::Settings(Some(SettingsScope::User)),
        ),
        (
            "settings fragment",
            format!("\"env\": {{\n  \"ANTHROPIC_API_KEY\": \"{KEY_A}\",\n"),
            BlockKind::Settings,
            Layer::Settings(None),
        ),
        (
            "pre-flight report",
            "== claude-preflight report ==\nshell: zsh\n== environment ==\nANTHROPIC_API_KEY=sk-ant-api03-...yNAA (108 chars)\n== end of report ==".to_string(),
            BlockKind::PreflightReport,
            Layer::Shell,
        ),
    ];
    for (name, text, kind, layer) in cases {
        let r = analyze(text, &zsh(Auth::ApiKey));
        assert!(
            r.blocks.iter().any(|b| b.kind == *kind),
            "{name}: {:#?}",
            r.blocks
        );
        let s = source(&r, "ANTHROPIC_API_KEY", *layer);
        assert_eq!(s.code, SourceCode::ApiKey, "{name}");
        assert_eq!(s.state, SourceState::Wins, "{name}: {r:#?}");
        assert_eq!(r.winner, SourceCode::ApiKey, "{name}");
        assert_eq!(s.origins[0].block, *kind, "{name}");
        match &s.value {
            Value::Secret(v) => {
                assert_eq!(v.redacted.as_deref(), Some("sk-ant-api03-…yNAA"), "{name}");
                assert_eq!(v.length, Some(108), "{name}");
                assert!(v.damage.is_none(), "{name}: {v:#?}");
            }
            other => panic!("{name}: {other:?}"),
        }
        assert!(
            r.conflicts.is_empty(),
            "{name}: a clean setup has no conflict: {:#?}",
            r.conflicts
        );
        assert_no_secret(&r, &[KEY_A.to_string()]);
    }
}

#[test]
fn files_and_lines_are_named_where_the_text_shows_them() {
    let r = analyze(
        &format!("$ cat ~/.zshrc\n# line 1\n\nexport ANTHROPIC_API_KEY={KEY_A}\n$ grep -n ANTHROPIC ~/.bashrc\n7:export ANTHROPIC_BASE_URL=https://api.anthropic.com"),
        &zsh(Auth::Subscription),
    );
    let s = source(&r, "ANTHROPIC_API_KEY", Layer::Shell);
    assert_eq!(
        (s.origins[0].file.as_deref(), s.origins[0].line),
        (Some("~/.zshrc"), Some(3))
    );
    let base = r.base_url.as_ref().expect("base URL");
    assert_eq!(
        (base.origins[0].file.as_deref(), base.origins[0].line),
        (Some("~/.bashrc"), Some(7))
    );
    assert!(base.anthropic);
    // `tail` of several files shows their names but not their first lines: no line number is made up.
    let r = analyze(
        &format!("==> /home/ann/.bashrc <==\nexport ANTHROPIC_API_KEY={KEY_A}"),
        &zsh(Auth::Subscription),
    );
    let o = &source(&r, "ANTHROPIC_API_KEY", Layer::Shell).origins[0];
    assert_eq!(
        (o.file.as_deref(), o.line),
        (Some("/home/ann/.bashrc"), None)
    );
    assert_eq!(
        r.fixes()[0].title,
        "Delete the line that sets ANTHROPIC_API_KEY in /home/ann/.bashrc"
    );
}

#[test]
fn windows_line_endings_colours_and_box_decorations_do_not_matter() {
    let plain = format!(
        "Login method: Claude Max account\nAPI key: ANTHROPIC_API_KEY\nANTHROPIC_API_KEY={KEY_A}\n"
    );
    let decorated = format!(
        "\u{1b}[2m╭──────────────╮\u{1b}[0m\r\n│ \u{1b}[1mLogin method:\u{1b}[0m Claude Max account │\r\n│ API key: ANTHROPIC_API_KEY │\r\n  ⎿  ANTHROPIC_API_KEY={KEY_A}\t\r\n╰──────────────╯\r\n"
    );
    let a = analyze(&plain, &zsh(Auth::Subscription));
    let b = analyze(&decorated, &zsh(Auth::Subscription));
    assert_eq!(a.winner, SourceCode::ApiKey);
    assert_eq!(b.winner, a.winner);
    assert_eq!(codes(&a), codes(&b));
    assert_eq!(codes(&a), [ConflictCode::KeyOverLogin]);
    assert_eq!(
        source(&b, "ANTHROPIC_API_KEY", Layer::Shell).value,
        source(&a, "ANTHROPIC_API_KEY", Layer::Shell).value
    );
}

// ---- Values ------------------------------------------------------------------------------------------------------

#[test]
fn masked_values_are_present_not_damaged() {
    for masked in [
        "…yNAA",
        "sk-ant-api03-...yNAA",
        "sk-ant-api03-…yNAA (108 chars)",
        "(108 chars)",
        "****",
        "sk-ant-api03-qc6SGv_maFCk...",
    ] {
        let r = analyze(&format!("ANTHROPIC_API_KEY={masked}"), &zsh(Auth::ApiKey));
        let s = source(&r, "ANTHROPIC_API_KEY", Layer::Shell);
        assert_eq!(s.state, SourceState::Wins, "{masked}");
        let Value::Secret(v) = &s.value else {
            panic!("{masked}: {s:#?}")
        };
        assert!(
            v.masked && v.damage.is_none() && v.check.is_none(),
            "{masked}: {v:#?}"
        );
        assert!(r.conflicts.is_empty(), "{masked}: {:#?}", r.conflicts);
    }
    // A masked copy still tells its kind by its prefix: an OAuth token in the key variable is wrong.
    let r = analyze("ANTHROPIC_API_KEY=sk-ant-oat01-...tYAA", &zsh(Auth::ApiKey));
    assert_eq!(codes(&r), [ConflictCode::DamagedCredential]);
    // The report's problems after `;` are damage.
    let r = analyze(
        "== environment ==\nANTHROPIC_API_KEY=sk-ant-api03-...yNAA (109 chars; line-break)",
        &zsh(Auth::ApiKey),
    );
    let Value::Secret(v) = &source(&r, "ANTHROPIC_API_KEY", Layer::Shell).value else {
        panic!()
    };
    assert_eq!(
        v.damage.as_ref().map(|d| d.codes.clone()),
        Some(vec![FindingCode::LineBreak])
    );
}

#[test]
fn full_values_get_the_key_check_for_their_variable() {
    let cases: &[(&str, String, Option<Kind>, &[FindingCode])] = &[
        (
            "ANTHROPIC_API_KEY",
            OAUTH.to_string(),
            Some(Kind::OauthAccessToken),
            &[],
        ),
        (
            "ANTHROPIC_API_KEY",
            format!("\"{KEY_A}\""),
            None,
            &[FindingCode::Quotes],
        ),
        (
            "ANTHROPIC_API_KEY",
            KEY_A[..90].to_string(),
            None,
            &[FindingCode::Truncated],
        ),
        (
            "CLAUDE_CODE_OAUTH_TOKEN",
            KEY_A.to_string(),
            Some(Kind::ApiKey),
            &[],
        ),
        (
            "ANTHROPIC_AUTH_TOKEN",
            KEY_A.to_string(),
            Some(Kind::ApiKey),
            &[],
        ),
    ];
    for (name, value, kind, found) in cases {
        let r = analyze(&format!("{name}='{value}'\n"), &zsh(Auth::ApiKey));
        let s = r.sources.iter().find(|s| s.name == *name).expect(name);
        let Value::Secret(v) = &s.value else {
            panic!("{name}: {s:#?}")
        };
        let d = v
            .damage
            .as_ref()
            .unwrap_or_else(|| panic!("{name}={value}: not damaged: {v:#?}"));
        assert_eq!(d.wrong_kind, *kind, "{name}: {d:#?}");
        for code in *found {
            assert!(d.codes.contains(code), "{name}: {d:#?}");
        }
        assert!(r.has_conflict(ConflictCode::DamagedCredential), "{name}");
        assert!(v.check.is_some());
        assert_no_secret(&r, std::slice::from_ref(value));
    }
    // At a gateway any clean token goes in ANTHROPIC_AUTH_TOKEN.
    let r = analyze(
        &format!("ANTHROPIC_AUTH_TOKEN={GATEWAY_TOKEN}\nANTHROPIC_BASE_URL=http://localhost:4000"),
        &zsh(Auth::Gateway),
    );
    assert_eq!((r.winner, codes(&r)), (SourceCode::AuthToken, vec![]));
    let Value::Secret(v) = &source(&r, "ANTHROPIC_AUTH_TOKEN", Layer::Shell).value else {
        panic!()
    };
    assert_eq!(
        (v.redacted.as_deref(), v.length),
        (None, Some(GATEWAY_TOKEN.len()))
    );
    // A line break inside a quoted value over two lines (`export -p` of zsh).
    let r = analyze(
        &format!(
            "export ANTHROPIC_API_KEY='{}\n{}'",
            &KEY_A[..40],
            &KEY_A[40..]
        ),
        &zsh(Auth::ApiKey),
    );
    let Value::Secret(v) = &source(&r, "ANTHROPIC_API_KEY", Layer::Shell).value else {
        panic!()
    };
    assert!(
        v.damage
            .as_ref()
            .is_some_and(|d| d.codes.contains(&FindingCode::LineBreak)),
        "{v:#?}"
    );
    // A value set from a command is present but not known.
    let r = analyze(
        "export ANTHROPIC_API_KEY=\"$(security find-generic-password -s anthropic -w)\"",
        &zsh(Auth::ApiKey),
    );
    assert_eq!(
        source(&r, "ANTHROPIC_API_KEY", Layer::Shell).value,
        Value::Computed
    );
    assert_eq!(r.winner, SourceCode::ApiKey);
}

#[test]
fn empty_values_and_the_settings_cancel() {
    // `""` in a settings env block cancels the shell's key: both ignored, no conflict.
    let r = analyze(
        &format!("ANTHROPIC_API_KEY={KEY_A}\n$ cat .claude/settings.local.json\n{{\"env\": {{\"ANTHROPIC_API_KEY\": \"\"}}}}\nLogin method: Claude Pro account"),
        &zsh(Auth::Subscription),
    );
    assert_eq!(r.winner, SourceCode::Login, "{r:#?}");
    let shell = source(&r, "ANTHROPIC_API_KEY", Layer::Shell);
    let settings = source(
        &r,
        "ANTHROPIC_API_KEY",
        Layer::Settings(Some(SettingsScope::Local)),
    );
    assert_eq!(
        (shell.state, settings.state),
        (SourceState::Ignored, SourceState::Ignored)
    );
    assert_eq!(settings.value, Value::Cancelled);
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
    // An empty variable in the shell is a problem, and skipped.
    let r = analyze(
        "ANTHROPIC_API_KEY=\nLogin method: Claude Pro account",
        &zsh(Auth::Subscription),
    );
    assert_eq!(
        (r.winner, codes(&r)),
        (SourceCode::Login, vec![ConflictCode::EmptyCredential])
    );
    assert_eq!(
        source(&r, "ANTHROPIC_API_KEY", Layer::Shell).value,
        Value::Empty
    );
}

// ---- The order ---------------------------------------------------------------------------------------------------

#[test]
fn the_order_decides_between_any_two() {
    let setting_lines: &[(&str, &str, SourceCode)] = &[
        ("CLAUDE_CODE_USE_BEDROCK", "1", SourceCode::Bedrock),
        ("CLAUDE_CODE_USE_VERTEX", "true", SourceCode::Vertex),
        ("CLAUDE_CODE_USE_FOUNDRY", "1", SourceCode::Foundry),
        ("CLAUDE_CODE_USE_MANTLE", "1", SourceCode::Mantle),
        (
            "CLAUDE_CODE_USE_ANTHROPIC_AWS",
            "1",
            SourceCode::AnthropicAws,
        ),
        ("ANTHROPIC_AUTH_TOKEN", GATEWAY_TOKEN, SourceCode::AuthToken),
        ("apiKeyHelper", "~/bin/get-key", SourceCode::ApiKeyHelper),
        ("ANTHROPIC_API_KEY", KEY_A, SourceCode::ApiKey),
        ("CLAUDE_CODE_OAUTH_TOKEN", OAUTH, SourceCode::OauthToken),
        ("ANTHROPIC_PROFILE", "work", SourceCode::Profile),
    ];
    let line = |(name, value, _): &(&str, &str, SourceCode)| {
        if *name == "apiKeyHelper" {
            format!("{{\"apiKeyHelper\": \"{value}\"}}")
        } else {
            format!("{name}={value}")
        }
    };
    for (i, high) in setting_lines.iter().enumerate() {
        for low in &setting_lines[i + 1..] {
            for text in [
                format!(
                    "{}\n{}\nLogin method: Claude Max account",
                    line(high),
                    line(low)
                ),
                format!("{}\n{}", line(low), line(high)),
            ] {
                let r = analyze(&text, &zsh(Auth::Subscription));
                assert_eq!(r.winner, high.2, "{} over {}: {r:#?}", high.0, low.0);
                let lost = r
                    .sources
                    .iter()
                    .find(|s| s.code == low.2)
                    .expect("the lower source is listed");
                assert_eq!(
                    lost.state,
                    SourceState::Overridden,
                    "{} under {}",
                    low.0,
                    high.0
                );
            }
        }
        // Everything beats a /login.
        let r = analyze(
            &format!("Login method: Claude Max account\n{}", line(high)),
            &zsh(Auth::Subscription),
        );
        assert_eq!(r.winner, high.2);
        assert_eq!(
            r.sources
                .iter()
                .find(|s| s.code == SourceCode::Login)
                .map(|s| s.state),
            Some(SourceState::Overridden)
        );
    }
    // A switch that is off is ignored; a federation rule id needs the organization id.
    let r = analyze("CLAUDE_CODE_USE_BEDROCK=0\nANTHROPIC_FEDERATION_RULE_ID=fdrl_1\nLogin method: Claude Max account", &zsh(Auth::Subscription));
    assert_eq!(r.winner, SourceCode::Login);
    assert!(
        r.sources
            .iter()
            .filter(|s| s.code != SourceCode::Login)
            .all(|s| s.state == SourceState::Ignored),
        "{r:#?}"
    );
    let r = analyze(
        "ANTHROPIC_FEDERATION_RULE_ID=fdrl_1\nANTHROPIC_ORGANIZATION_ID=org_1",
        &zsh(Auth::Subscription),
    );
    assert_eq!(r.winner, SourceCode::Profile);
}

#[test]
fn settings_scopes_beat_the_shell_and_each_other() {
    let settings = |scope: &str, key: &str| {
        format!(
            "== settings {scope} x ==\nenv.ANTHROPIC_API_KEY=sk-ant-api03-...{} (108 chars)",
            &key[104..]
        )
    };
    let text = format!(
        "== environment ==\nANTHROPIC_API_KEY=sk-ant-api03-...{} (108 chars)\n{}\n{}\n{}",
        &KEY_B[104..],
        settings("user", KEY_B),
        settings("local", KEY_A),
        settings("project", KEY_B)
    );
    let r = analyze(&text, &zsh(Auth::ApiKey));
    assert_eq!(
        source(
            &r,
            "ANTHROPIC_API_KEY",
            Layer::Settings(Some(SettingsScope::Local))
        )
        .state,
        SourceState::Wins
    );
    for layer in [
        Layer::Shell,
        Layer::Settings(Some(SettingsScope::User)),
        Layer::Settings(Some(SettingsScope::Project)),
    ] {
        assert_eq!(
            source(&r, "ANTHROPIC_API_KEY", layer).state,
            SourceState::Overridden,
            "{layer:?}"
        );
    }
    assert_eq!(codes(&r), [ConflictCode::SettingsEnvOverride]);
    assert!(
        r.conflicts[0].fixes[0].title.contains("env` block of x"),
        "{:#?}",
        r.conflicts
    );
    // Managed settings beat the local ones.
    let r = analyze(
        &format!(
            "{}\n{}",
            settings("local", KEY_A),
            settings("managed", KEY_B)
        ),
        &zsh(Auth::ApiKey),
    );
    assert_eq!(
        source(
            &r,
            "ANTHROPIC_API_KEY",
            Layer::Settings(Some(SettingsScope::Managed))
        )
        .state,
        SourceState::Wins
    );
    // The same value in both places is no conflict.
    let r = analyze(
        &format!("ANTHROPIC_API_KEY={KEY_A}\n{{\"env\": {{\"ANTHROPIC_API_KEY\": \"{KEY_A}\"}}}}"),
        &zsh(Auth::ApiKey),
    );
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
}

// ---- What Claude Code says is authoritative ----------------------------------------------------------------------

#[test]
fn claude_codes_own_word_wins_over_the_order() {
    // The environment shows a key, but Claude Code says the login is in use: the key was declined.
    let r = analyze(
        &format!("ANTHROPIC_API_KEY={KEY_A}\nANTHROPIC_API_KEY not used here · turn on \"Use custom API key\" in /config\nOpus 5.5 · Claude Max"),
        &zsh(Auth::Subscription),
    );
    assert_eq!(r.winner, SourceCode::Login, "{r:#?}");
    assert_eq!(
        source(&r, "ANTHROPIC_API_KEY", Layer::Shell).state,
        SourceState::Ignored
    );
    assert_eq!(codes(&r), [ConflictCode::KeyOverLogin]);
    // `oauth_token` covers three sources: the text decides which; with none shown it cannot say.
    let json =
        "{\"loggedIn\": true, \"authMethod\": \"oauth_token\", \"apiProvider\": \"firstParty\"}";
    assert_eq!(
        analyze(json, &zsh(Auth::OauthToken)).winner,
        SourceCode::Unknown
    );
    let r = analyze(
        &format!("{json}\nCLAUDE_CODE_OAUTH_TOKEN={OAUTH}"),
        &zsh(Auth::OauthToken),
    );
    assert_eq!((r.winner, codes(&r)), (SourceCode::OauthToken, vec![]));
    // A cloud provider named by `/status`.
    let r = analyze(
        "API provider: AWS Bedrock\nAWS region: us-east-1",
        &zsh(Auth::Bedrock),
    );
    assert_eq!((r.winner, codes(&r)), (SourceCode::Bedrock, vec![]));
    let r = analyze("API provider: AWS Bedrock", &zsh(Auth::Subscription));
    assert_eq!(r.winner, SourceCode::Bedrock);
    assert_eq!(codes(&r), [ConflictCode::CloudSwitchOn]);
    let switch = r.winning_source().expect("the switch Claude Code reports");
    assert_eq!(
        (switch.name.as_str(), switch.layer),
        ("CLAUDE_CODE_USE_BEDROCK", Layer::Reported)
    );
    assert_eq!(
        r.fixes()[0].title,
        "Find where CLAUDE_CODE_USE_BEDROCK is set (delete those lines)"
    );
}

/// Where Claude Code 2.1.332 and the docs disagree, the page follows the CLI and says so, with the version.
#[test]
fn what_claude_code_really_does_where_the_docs_say_otherwise() {
    // `Not logged in · Please run /login` after a Bearer credential was sent: the server refused it.
    let r = analyze(
        &format!(
            "Not logged in · Please run /login\nANTHROPIC_AUTH_TOKEN={GATEWAY_TOKEN}\n\
             ANTHROPIC_BASE_URL=https://llm.example.com"
        ),
        &zsh(Auth::Gateway),
    );
    assert_eq!(
        (r.winner, codes(&r)),
        (SourceCode::AuthToken, vec![ConflictCode::NotLoggedIn]),
        "{r:#?}"
    );
    let c = &r.conflicts[0];
    for words in [
        "ANTHROPIC_AUTH_TOKEN",
        "2.1.332",
        "refused Bearer credential",
    ] {
        assert!(c.explanation.contains(words), "{words}: {}", c.explanation);
    }
    assert!(r.summary.contains("refused"), "{}", r.summary);
    // The same message with only an API key shown (sent as x-api-key, so not refused that way): nothing works.
    let r = analyze(
        &format!("Not logged in · Please run /login\nANTHROPIC_API_KEY={KEY_A}\nANTHROPIC_API_KEY not used here · turn on \"Use custom API key\" in /config"),
        &zsh(Auth::ApiKey),
    );
    assert_eq!(r.winner, SourceCode::None, "{r:#?}");
    // `claude auth status` asks no server: its `Not logged in.` means no credential where it ran.
    let r = analyze(
        &format!("Not logged in. Run claude auth login to authenticate.\nCLAUDE_CODE_OAUTH_TOKEN={OAUTH}"),
        &zsh(Auth::OauthToken),
    );
    assert_eq!(
        (r.winner, codes(&r)),
        (SourceCode::None, vec![ConflictCode::NotLoggedIn])
    );
    assert_eq!(
        source(&r, "CLAUDE_CODE_OAUTH_TOKEN", Layer::Shell).state,
        SourceState::Ignored
    );
    // `oauth_token` beside a present key: only ANTHROPIC_AUTH_TOKEN outranks the key, and both go out.
    let r = analyze(
        "{\"loggedIn\": true, \"authMethod\": \"oauth_token\", \"apiKeySource\": \"ANTHROPIC_API_KEY\"}",
        &zsh(Auth::Gateway),
    );
    assert_eq!(
        (r.winner, codes(&r)),
        (SourceCode::AuthToken, vec![ConflictCode::TokenAndKey])
    );
    let c = &r.conflicts[0];
    assert!(
        c.explanation.contains("2.1.332") && c.explanation.contains("sends both headers"),
        "{}",
        c.explanation
    );
    let key = source(&r, "ANTHROPIC_API_KEY", Layer::Reported);
    assert_eq!(key.state, SourceState::Overridden);
    assert!(key.why.contains("sends this key too"), "{}", key.why);
    // `claude auth status` does not read the project's settings files: beside one that sets a key, its word is set
    // aside and the order decides (a session in the project, and `claude -p`, use the key).
    let r = analyze(
        &format!(
            "{{\"loggedIn\": true, \"authMethod\": \"claude.ai\"}}\n$ cat .claude/settings.local.json\n\
             {{\"env\": {{\"ANTHROPIC_API_KEY\": \"{KEY_A}\"}}}}"
        ),
        &zsh(Auth::Subscription),
    );
    assert_eq!(
        (r.winner, codes(&r)),
        (SourceCode::ApiKey, vec![ConflictCode::KeyOverLogin]),
        "{r:#?}"
    );
    assert!(
        r.summary
            .contains("does not read the project's settings files (Claude Code 2.1.332)"),
        "{}",
        r.summary
    );
    assert_eq!(
        source(&r, "/login", Layer::Reported).state,
        SourceState::Overridden
    );
    // The pre-flight report's `claude auth status` ran with those values: its word stands.
    let r = analyze(
        &format!(
            "== claude-preflight report ==\n== environment ==\nANTHROPIC_API_KEY=sk-ant-api03-...{} (108 chars)\n\
             == settings local .claude/settings.local.json ==\nenv.ANTHROPIC_API_KEY=\"\"\n== claude auth status ==\n\
             {{\"loggedIn\": true, \"authMethod\": \"claude.ai\"}}\n(exit 0)\n== end of report ==",
            &KEY_A[104..]
        ),
        &zsh(Auth::Subscription),
    );
    assert_eq!((r.winner, codes(&r)), (SourceCode::Login, vec![]), "{r:#?}");
    assert!(!r.summary.contains("set aside"), "{}", r.summary);
    // `--text` lists a token and a key that both go out: the key is named too.
    let r = analyze(
        "Auth token: apiKeyHelper\nAPI key: ANTHROPIC_API_KEY",
        &zsh(Auth::ApiKey),
    );
    assert_eq!(
        (r.winner, codes(&r)),
        (SourceCode::ApiKeyHelper, vec![ConflictCode::TokenAndKey])
    );
    assert!(
        r.conflicts[0].explanation.contains(
            "ANTHROPIC_API_KEY as `x-api-key` and the helper's output as `Authorization: Bearer`"
        ),
        "{}",
        r.conflicts[0].explanation
    );
}

#[test]
fn one_paste_of_everything() {
    let paste = format!(
        "ann@mac ~ % claude --version\n2.1.332 (Claude Code)\n\
         ann@mac ~ % claude auth status\n{{\"loggedIn\":true,\"authMethod\":\"api_key\",\"apiProvider\":\"firstParty\",\"apiKeySource\":\"ANTHROPIC_API_KEY\"}}\n\
         ann@mac ~ % claude auth status --text\nAuth token: claude.ai · not in use\nAPI key: ANTHROPIC_API_KEY\n\n\
         ann@mac ~ % env | grep -E '^(ANTHROPIC|CLAUDE_CODE)_'\nANTHROPIC_API_KEY={KEY_A}\n\
         ann@mac ~ % grep -n ANTHROPIC ~/.zshrc ~/.zprofile\n/Users/ann/.zshrc:41:export ANTHROPIC_API_KEY=\"{KEY_A}\"\n\
         ann@mac ~ % cat ~/.claude/settings.json\n{{\n  \"env\": {{ \"ANTHROPIC_BASE_URL\": \"https://api.anthropic.com\" }}\n}}\n\
         ann@mac ~ % cat ~/.claude/.credentials.json\n{{\"claudeAiOauth\": {{\"accessToken\": \"{OAUTH}\"}}}}\n\
         ann@mac app % cat .env\nANTHROPIC_API_KEY={KEY_B}\n\
         ann@mac app % typeset -x | grep CLAUDE\ndeclare -x CLAUDE_CODE_USE_VERTEX=\"0\"\n\
         ⚠ Both claude.ai and ANTHROPIC_API_KEY set · auth may not work as expected\n\
         == claude-preflight report ==\n== profile lines ==\n~/.bashrc:3: ANTHROPIC_API_KEY=sk-ant-api03-...yNAA (108 chars)\n== end of report ==\n"
    );
    let r = analyze(&paste, &zsh(Auth::Subscription));
    for kind in [
        BlockKind::ClaudeVersion,
        BlockKind::AuthStatusJson,
        BlockKind::AuthStatusText,
        BlockKind::EnvListing,
        BlockKind::ShellProfile,
        BlockKind::Settings,
        BlockKind::StoredLogin,
        BlockKind::DotEnv,
        BlockKind::ExportListing,
        BlockKind::ClaudeMessage,
        BlockKind::PreflightReport,
    ] {
        assert!(
            r.blocks.iter().any(|b| b.kind == kind),
            "{kind:?} missing: {:#?}",
            r.blocks
        );
    }
    assert_eq!(r.claude_version.as_deref(), Some("2.1.332"));
    assert_eq!(r.winner, SourceCode::ApiKey);
    let key = source(&r, "ANTHROPIC_API_KEY", Layer::Shell);
    // One source, seen in the listing, two profiles and a .env file; the listing's value counts.
    let places: Vec<String> = key.origins.iter().map(|o| o.describe()).collect();
    assert_eq!(places[0], "an environment listing (env, printenv, set)");
    for place in [
        "line 41 of /Users/ann/.zshrc",
        "line 3 of ~/.bashrc",
        "line 1 of .env",
    ] {
        assert!(
            places.iter().any(|p| p == place),
            "{place} missing from {places:?}"
        );
    }
    assert!(
        matches!(&key.value, Value::Secret(v) if v.redacted.as_deref() == Some("sk-ant-api03-…yNAA"))
    );
    assert_eq!(codes(&r), [ConflictCode::KeyOverLogin]);
    let titles: Vec<&str> = r.fixes().iter().map(|f| f.title.as_str()).collect();
    assert_eq!(
        titles[..3],
        [
            "Delete line 41 of /Users/ann/.zshrc (it sets ANTHROPIC_API_KEY)",
            "Delete line 1 of .env (it sets ANTHROPIC_API_KEY)",
            "Delete line 3 of ~/.bashrc (it sets ANTHROPIC_API_KEY)",
        ],
        "{titles:#?}"
    );
    assert_eq!(
        source(&r, "CLAUDE_CODE_USE_VERTEX", Layer::Shell).state,
        SourceState::Ignored
    );
    assert_no_secret(
        &r,
        &[KEY_A.to_string(), KEY_B.to_string(), OAUTH.to_string()],
    );
}

#[test]
fn unknown_and_none() {
    for text in [
        "",
        "hello world",
        "PATH=/usr/bin\nHOME=/home/ann",
        "{\"model\": \"opus\"}",
        "Login: fine",
    ] {
        let r = analyze(text, &zsh(Auth::Subscription));
        assert_eq!(r.winner, SourceCode::Unknown, "{text:?}");
        assert!(
            r.conflicts.is_empty() && r.sources.is_empty(),
            "{text:?}: {r:#?}"
        );
    }
    // Credential information, but whether a login exists is not in the text: never a guess.
    let r = analyze("ANTHROPIC_API_KEY=", &zsh(Auth::Subscription));
    assert_eq!(r.winner, SourceCode::Unknown);
    // Claude Code says nothing authenticates.
    let r = analyze(
        "Not logged in · Please run /login",
        &zsh(Auth::Subscription),
    );
    assert_eq!(
        (r.winner, codes(&r)),
        (SourceCode::None, vec![ConflictCode::NotLoggedIn])
    );
    assert_eq!(r.fixes()[0].commands, ["claude auth login"]);
}

// ---- Conflicts and fixes -----------------------------------------------------------------------------------------

#[test]
fn a_stale_key_in_a_profile_becomes_the_first_fix_in_every_shell() {
    let text = format!("$ grep -n ANTHROPIC ~/.zshrc\n12:export ANTHROPIC_API_KEY=\"{KEY_A}\"\nLogin method: Claude Max account");
    let expected: &[(Shell, &str)] = &[
        (Shell::Zsh, "sed -i.bak '12d' ~/.zshrc"),
        (Shell::Bash, "sed -i.bak '12d' ~/.zshrc"),
        (Shell::Fish, "sed -i.bak '12d' ~/.zshrc"),
        (
            Shell::Powershell,
            "Copy-Item $HOME\\.zshrc \"$HOME\\.zshrc.bak\"; Set-Content $HOME\\.zshrc -Value (Get-Content $HOME\\.zshrc | Where-Object { $_.ReadCount -ne 12 })",
        ),
        (Shell::Cmd, "notepad \"%USERPROFILE%\\.zshrc\""),
    ];
    for (shell, first_command) in expected {
        let setup = setup(*shell, Auth::Subscription);
        let r = analyze(&text, &setup);
        assert_eq!(codes(&r), [ConflictCode::KeyOverLogin], "{shell}");
        let fixes = r.fixes();
        assert_eq!(
            fixes[0].title, "Delete line 12 of ~/.zshrc (it sets ANTHROPIC_API_KEY)",
            "{shell}"
        );
        assert_eq!(fixes[0].commands, [first_command.to_string()], "{shell}");
        assert!(
            fixes[1]
                .title
                .starts_with("Remove ANTHROPIC_API_KEY from this shell"),
            "{shell}: {fixes:#?}"
        );
        assert_fixes_fit(&r, &setup);
        assert!(
            r.conflicts[0].title.contains("line 12 of ~/.zshrc"),
            "{}",
            r.conflicts[0].title
        );
    }
}

#[test]
fn a_clean_setup_shows_no_conflict() {
    let clean: &[(Auth, String)] = &[
        (Auth::Subscription, "Login method: Claude Max account\nPATH=/usr/bin".to_string()),
        (Auth::ApiKey, format!("ANTHROPIC_API_KEY={KEY_A}")),
        (
            Auth::Gateway,
            format!("$ cat ~/.claude/settings.json\n{{\"env\": {{\"ANTHROPIC_BASE_URL\": \"https://llm.example.com\", \"ANTHROPIC_AUTH_TOKEN\": \"{GATEWAY_TOKEN}\"}}}}"),
        ),
        (Auth::OauthToken, format!("CLAUDE_CODE_OAUTH_TOKEN={OAUTH}")),
        (Auth::Bedrock, "CLAUDE_CODE_USE_BEDROCK=1\nAWS_REGION=us-east-1".to_string()),
    ];
    for (auth, text) in clean {
        let r = analyze(text, &zsh(*auth));
        assert!(r.conflicts.is_empty(), "{auth}: {:#?}", r.conflicts);
        assert!(r.fixes().is_empty());
        assert_ne!(r.winner, SourceCode::Unknown, "{auth}");
    }
}

#[test]
fn every_conflict_names_what_to_change() {
    let text = format!(
        "CLAUDE_CODE_USE_VERTEX=1\nANTHROPIC_AUTH_TOKEN={GATEWAY_TOKEN}\nANTHROPIC_API_KEY={OAUTH}\nCLAUDE_CODE_OAUTH_TOKEN=\n\
         ANTHROPIC_BASE_URL=https://user:pw@proxy.example.com\nLogin: Expired — log in again\nLogin method: Claude Pro account\n\
         $ cat ~/.claude/settings.json\n{{\"env\": {{\"ANTHROPIC_AUTH_TOKEN\": \"{KEY_B}\"}}}}"
    );
    for &shell in Shell::ALL {
        let setup = setup(shell, Auth::Subscription);
        let r = analyze(&text, &setup);
        let got = codes(&r);
        for code in [
            ConflictCode::CloudSwitchOn,
            ConflictCode::SettingsEnvOverride,
            ConflictCode::DamagedCredential,
            ConflictCode::EmptyCredential,
            ConflictCode::BaseUrlOverride,
        ] {
            assert!(got.contains(&code), "{shell}: {code} missing from {got:?}");
        }
        assert_eq!(got[0], ConflictCode::CloudSwitchOn, "most important first");
        for c in &r.conflicts {
            assert!(!c.fixes.is_empty(), "{shell}: {c:#?}");
            let names_something = [
                "ANTHROPIC_",
                "CLAUDE_CODE_",
                "apiKeyHelper",
                "settings",
                "login",
            ]
            .iter()
            .any(|n| c.title.contains(n));
            assert!(names_something, "{shell}: {}", c.title);
        }
        // The base URL is shown without its password.
        assert_eq!(
            r.base_url.as_ref().map(|b| b.url.as_str()),
            Some("https://proxy.example.com")
        );
        assert!(!format!("{r:?}").contains("user:pw"));
        assert_fixes_fit(&r, &setup);
        assert_no_secret(
            &r,
            &[
                GATEWAY_TOKEN.to_string(),
                OAUTH.to_string(),
                KEY_B.to_string(),
            ],
        );
    }
}

// ---- Bounded, and secrets stay in ---------------------------------------------------------------------------------

#[test]
fn a_one_megabyte_paste_is_bounded() {
    let mut text =
        format!("ANTHROPIC_API_KEY={KEY_A}\n$ cat ~/.claude/settings.json\n{{\"env\": {{\n");
    while text.len() < 1024 * 1024 {
        text.push_str("export SOMETHING_ELSE=\"value\" {{ [ \"unbalanced\n");
    }
    text.push_str(&format!("ANTHROPIC_AUTH_TOKEN={GATEWAY_TOKEN}\n"));
    assert!(text.len() > MAX_EXAMINED_BYTES);
    let started = Instant::now();
    let r = analyze(&text, &zsh(Auth::ApiKey));
    let elapsed = started.elapsed();
    assert!(r.truncated);
    assert_eq!(
        r.winner,
        SourceCode::ApiKey,
        "what comes first is still read"
    );
    assert!(
        !r.sources.iter().any(|s| s.code == SourceCode::AuthToken),
        "beyond the examined part: not read"
    );
    assert!(elapsed.as_secs() < 5, "took {elapsed:?}");
    // A megabyte of one line, of JSON openers and of settings lines: no quadratic corner.
    for filler in [
        "{".repeat(1 << 20),
        "{\n".repeat(1 << 19),
        "\"ANTHROPIC_API_KEY\": \"x\",\n".repeat(40_000),
        "a".repeat(1 << 20),
    ] {
        let started = Instant::now();
        let r = analyze(&filler, &zsh(Auth::ApiKey));
        assert!(
            started.elapsed().as_secs() < 5,
            "took {:?}",
            started.elapsed()
        );
        assert!(r.sources.len() <= 8);
    }
}

#[test]
fn real_looking_secrets_never_come_out() {
    let aws = "AKIAIOSFODNN7EXAMPLE";
    let text = format!(
        "ANTHROPIC_API_KEY={KEY_A}\nANTHROPIC_AUTH_TOKEN={KEY_B}\nCLAUDE_CODE_OAUTH_TOKEN={OAUTH}\nAWS_ACCESS_KEY_ID={aws}\n\
         export ANTHROPIC_API_KEY=' {KEY_B} '\n{{\"apiKeyHelper\": \"echo {KEY_A}\", \"env\": {{\"ANTHROPIC_API_KEY\": \"{OAUTH}\"}}}}\n\
         {{\"claudeAiOauth\": {{\"accessToken\": \"{OAUTH}\", \"refreshToken\": \"sk-ant-ort01-Lm4Nq8Rt2Vx6Zb0Dc3Fg7Hj1Kl5Mn9Pq2Rs6Tv0Wx4Yz8Ab3Cd7Ef1Gh5Ij9Kl2Mn6Op0Qr4St8Uv3Wx7YzAA\"}}}}\n\
         ANTHROPIC_BASE_URL=https://admin:{KEY_B}@gw.example.com\n"
    );
    for auth in [Auth::Subscription, Auth::ApiKey, Auth::Gateway] {
        for &shell in Shell::ALL {
            let r = analyze(&text, &setup(shell, auth));
            assert!(!r.conflicts.is_empty());
            assert_no_secret(&r, &secrets_in(&text));
            assert_no_secret(&r, &[aws.to_string()]);
        }
    }
}
