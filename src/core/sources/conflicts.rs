//! The problems with the credentials found, each with a plain title and explanation naming the variable, file and
//! line, and its fix for the person's shell (commands from [`crate::core::commands`]). Most important first; a clean
//! setup has none.

use super::blocks::{Said, Scan};
use super::decide::Decided;
use super::order::{self, intended, BASE_URL, HELPER};
use super::{BlockKind, Conflict, Fix, Layer, Origin, SettingsScope, Source, Value};
use crate::core::codes::{Auth, ConflictCode, Kind, Shell, SourceCode, SourceState};
use crate::core::commands;
use crate::core::setup::{auth_name, Setup};

/// The order conflicts are shown in: what blocks everything first.
const IMPORTANCE: &[ConflictCode] = &[
    ConflictCode::CloudSwitchOn,
    ConflictCode::KeyOverLogin,
    ConflictCode::TokenAndKey,
    ConflictCode::SettingsEnvOverride,
    ConflictCode::DamagedCredential,
    ConflictCode::EmptyCredential,
    ConflictCode::BaseUrlOverride,
    ConflictCode::LoginExpired,
    ConflictCode::NotLoggedIn,
];

/// The sources Claude Code reads from the environment or settings, as opposed to its own login.
const CREDENTIALS: &[SourceCode] = &[
    SourceCode::AuthToken,
    SourceCode::ApiKeyHelper,
    SourceCode::ApiKey,
    SourceCode::OauthToken,
    SourceCode::Profile,
];

/// A path from the paste in the shell's syntax (`~/.zshrc` → `$HOME\.zshrc` in PowerShell).
fn shell_path(shell: Shell, file: &str) -> String {
    if let Some(rest) = file
        .strip_prefix("~/")
        .or_else(|| file.strip_prefix("$HOME/"))
    {
        return commands::home_path(shell, rest);
    }
    let absolute = file.starts_with('/')
        || file.get(1..3) == Some(":\\")
        || file.starts_with('$')
        || file.starts_with('%');
    if absolute {
        commands::abs_path(shell, file)
    } else {
        commands::path(shell, file)
    }
}

/// Whether this source is the one that applies for its name (no settings value of a higher scope replaces it).
fn applies(s: &Source, all: &[Source]) -> bool {
    let rank = |l: Layer| match l {
        Layer::Shell | Layer::Reported => 0,
        Layer::Settings(None) => 1,
        Layer::Settings(Some(scope)) => 2 + scope as u8,
    };
    !all.iter()
        .any(|o| o.name == s.name && rank(o.layer) > rank(s.layer))
}

/// Set, applying and not ignored.
fn active(all: &[Source], code: SourceCode) -> impl Iterator<Item = &Source> {
    all.iter()
        .filter(move |s| s.code == code && s.state != SourceState::Ignored && applies(s, all))
}

/// Whether a source holds a value (not empty, not cancelled).
fn is_set(s: &Source) -> bool {
    !matches!(s.value, Value::Empty | Value::Cancelled)
}

/// A key Claude Code reports as not in use (declined or not approved at its prompt) although it is set.
fn declined_key(s: &Source) -> bool {
    s.code == SourceCode::ApiKey && s.state == SourceState::Ignored && is_set(s)
}

/// Where a source is, for titles: "ANTHROPIC_API_KEY (line 12 of ~/.zshrc)".
fn named(s: &Source) -> String {
    match s.origins.iter().find(|o| o.file.is_some()) {
        Some(o) if o.line.is_some() => format!("{} ({})", s.name, o.describe()),
        Some(o) => format!("{} (in {})", s.name, o.describe()),
        None => s.name.clone(),
    }
}

fn settings_file(o: &Origin, scope: Option<SettingsScope>) -> String {
    o.file
        .clone()
        .or_else(|| scope.map(|s| s.usual_path().to_string()))
        .unwrap_or_else(|| "~/.claude/settings.json".to_string())
}

/// The steps that remove one source: the file lines first (the change that lasts), then this shell's copy.
fn removal(s: &Source, setup: &Setup) -> Vec<Fix> {
    let shell = setup.shell;
    let mut fixes = Vec::new();
    match s.layer {
        Layer::Settings(scope) => {
            let mut files: Vec<String> =
                s.origins.iter().map(|o| settings_file(o, scope)).collect();
            if files.is_empty() {
                files.push(settings_file(
                    &Origin {
                        block: BlockKind::Settings,
                        file: None,
                        line: None,
                        scope,
                        paste_line: 0,
                    },
                    scope,
                ));
            }
            files.dedup();
            for file in files {
                let what = if s.name == HELPER {
                    "the apiKeyHelper setting".to_string()
                } else {
                    format!("\"{}\" from the `env` block", s.name)
                };
                let managed = if scope == Some(SettingsScope::Managed) {
                    " (managed settings: whoever manages this machine must change it)"
                } else {
                    ""
                };
                fixes.push(Fix {
                    title: format!("Remove {what} of {file}{managed}"),
                    commands: vec![commands::edit_file(shell, &shell_path(shell, &file))],
                });
            }
        }
        Layer::Shell | Layer::Reported => {
            let mut seen_file = false;
            for o in &s.origins {
                let Some(file) = &o.file else { continue };
                seen_file = true;
                let path = shell_path(shell, file);
                let fix = match o.line {
                    Some(line) => Fix {
                        title: format!("Delete line {line} of {file} (it sets {})", s.name),
                        commands: vec![commands::delete_line(shell, &path, line)
                            .unwrap_or_else(|| commands::edit_file(shell, &path))],
                    },
                    None => Fix {
                        title: format!("Delete the line that sets {} in {file}", s.name),
                        commands: vec![commands::edit_file(shell, &path)],
                    },
                };
                if !fixes.contains(&fix) {
                    fixes.push(fix);
                }
            }
            if !seen_file && s.name != "/login" {
                let mut files: Vec<String> = commands::profile_files(shell, setup.os)
                    .iter()
                    .map(|f| shell_path(shell, f))
                    .collect();
                files.push(commands::path(shell, ".env"));
                if !files.is_empty() && shell != Shell::Cmd {
                    fixes.push(Fix {
                        title: format!("Find where {} is set (delete those lines)", s.name),
                        commands: vec![commands::find_in_files(shell, &files)],
                    });
                }
                if let Some(list) = commands::list_windows_vars(shell, setup.os) {
                    fixes.push(Fix {
                        title: format!(
                            "See whether {} is stored as a Windows user or machine variable",
                            s.name
                        ),
                        commands: vec![list],
                    });
                }
            }
            if s.name != "/login" && s.name.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                let mut cmds = vec![commands::unset_all(shell, &[s.name.as_str()])];
                cmds.extend(commands::unset_universal(shell, &[s.name.as_str()]));
                cmds.extend(commands::remove_user_vars(
                    shell,
                    setup.os,
                    &[s.name.as_str()],
                ));
                fixes.push(Fix {
                    title: format!("Remove {} from this shell too (or open a new one)", s.name),
                    commands: cmds,
                });
            }
        }
    }
    fixes
}

/// Steps to put a credential in the right variable, read from a hidden prompt (never shown in a command).
fn set_again(name: &str, setup: &Setup) -> Fix {
    let shell = setup.shell;
    Fix {
        title: format!("Set {name} again from a fresh copy, typed into a hidden prompt, and keep it for new shells"),
        commands: vec![
            commands::prompt_secret(shell, name),
            commands::persist_from_session(shell, setup.os, name),
        ],
    }
}

fn login_fix() -> Fix {
    Fix {
        title: "Log in again: run `claude auth login` (or /login inside Claude Code)".to_string(),
        commands: vec!["claude auth login".to_string()],
    }
}

fn conflict(code: ConflictCode, title: String, explanation: String, fixes: Vec<Fix>) -> Conflict {
    Conflict {
        code,
        title,
        explanation,
        fixes,
    }
}

/// The CLI note of a row, as a sentence to append.
fn cli_note(name: &str) -> String {
    order::row(name)
        .and_then(|r| r.cli)
        .map(|n| format!(" {n}"))
        .unwrap_or_default()
}

/// Finds every conflict, most important first.
pub(super) fn find(decided: &Decided, scan: &Scan, setup: &Setup) -> Vec<Conflict> {
    let all = &decided.sources;
    let want = intended(setup.auth);
    let mut out: Vec<Conflict> = Vec::new();

    // A cloud switch that is not the intended method.
    for code in [
        SourceCode::Bedrock,
        SourceCode::Vertex,
        SourceCode::Foundry,
        SourceCode::Mantle,
        SourceCode::AnthropicAws,
    ] {
        for s in active(all, code) {
            if want.contains(&code) {
                continue;
            }
            out.push(conflict(
                ConflictCode::CloudSwitchOn,
                format!("{} sends Claude Code to a cloud provider", named(s)),
                format!(
                    "A cloud provider switch comes first in Claude Code's order: with {} on, ANTHROPIC_API_KEY, \
                     ANTHROPIC_AUTH_TOKEN and /login are not used. You meant to use {}.",
                    s.name,
                    auth_name(setup.auth)
                ),
                removal(s, setup),
            ));
        }
    }

    // An environment or settings credential wins over a login that is present or intended. A key that Claude Code
    // reports as not in use here (declined or not approved at its prompt) counts too: `claude -p` always uses it.
    let login_present = all
        .iter()
        .any(|s| s.code == SourceCode::Login && s.state != SourceState::Ignored);
    let winner = decided.winner;
    let winning_credential = CREDENTIALS.contains(&winner) && !want.contains(&winner);
    let in_the_way: Vec<&Source> = all
        .iter()
        .filter(|s| CREDENTIALS.contains(&s.code) && !want.contains(&s.code) && applies(s, all))
        .filter(|s| {
            (winning_credential && s.state != SourceState::Ignored)
                || (winner == SourceCode::Login && declined_key(s))
        })
        .collect();
    let login_matters = setup.auth == Auth::Subscription || login_present;
    if let (Some(first), true) = (in_the_way.first(), login_matters) {
        let names: Vec<String> = in_the_way.iter().map(|s| named(s)).collect();
        let login = if login_present {
            "the /login you have"
        } else {
            "a /login"
        };
        let how = if declined_key(first) {
            format!(
                "Claude Code reports that it uses your login here ({} was declined or not yet approved at its \
                 prompt), but `claude -p` always uses {}, and so does any session that approves it",
                first.name, first.name
            )
        } else {
            format!(
                "Claude Code ranks {} above {login}, so it authenticates with that instead (an API key is billed \
                 to its Console organization, and fails with 401 if it was revoked or its organization disabled)",
                first.name
            )
        };
        out.push(conflict(
            ConflictCode::KeyOverLogin,
            format!("{} is used instead of your login", named(first)),
            format!(
                "{how}. Remove {}; afterwards `/status` shows your login.",
                if names.len() == 1 {
                    "it".to_string()
                } else {
                    names.join(", ")
                },
            ),
            in_the_way.iter().flat_map(|s| removal(s, setup)).collect(),
        ));
    }

    // A token and a key both set: Claude Code's own notice, `Both X and ANTHROPIC_API_KEY set · auth may not work
    // as expected`, covers ANTHROPIC_AUTH_TOKEN, apiKeyHelper and CLAUDE_CODE_OAUTH_TOKEN alike.
    let key = active(all, SourceCode::ApiKey).next();
    for other in [
        SourceCode::AuthToken,
        SourceCode::ApiKeyHelper,
        SourceCode::OauthToken,
    ] {
        let (Some(key), Some(token)) = (key, active(all, other).next()) else {
            continue;
        };
        let keep_key = want.contains(&SourceCode::ApiKey) && !want.contains(&other);
        let drop = if keep_key { token } else { key };
        let (first, second) = if order::rank_of(other) < order::rank_of(SourceCode::ApiKey) {
            (token, key)
        } else {
            (key, token)
        };
        // The documentation ranks ANTHROPIC_AUTH_TOKEN, then ANTHROPIC_API_KEY, then apiKeyHelper, then
        // CLAUDE_CODE_OAUTH_TOKEN; where the CLI does otherwise, its row says how.
        let documented = if other == SourceCode::AuthToken {
            token
        } else {
            key
        };
        let behaviour = match order::row(&first.name).and_then(|r| r.cli) {
            Some(note) if other != SourceCode::OauthToken => {
                format!("The documentation says {} is used. {note}", documented.name)
            }
            _ => format!(
                "Claude Code uses {} and leaves {} unused.",
                first.name, second.name
            ),
        };
        out.push(conflict(
            ConflictCode::TokenAndKey,
            format!("{} and {} are both set", named(token), named(key)),
            format!(
                "Claude Code's own notice calls this an auth conflict (`Both {} and {} set · auth may not work as \
                 expected`). {behaviour} Keep one: remove {}.",
                token.name, key.name, drop.name
            ),
            removal(drop, setup),
        ));
    }

    // A settings value that replaces a different shell (or lower settings) value.
    for s in all
        .iter()
        .filter(|s| matches!(s.layer, Layer::Settings(_)) && applies(s, all))
    {
        if matches!(s.value, Value::Cancelled | Value::Empty) {
            continue;
        }
        let replaced: Vec<&Source> = all
            .iter()
            .filter(|o| {
                o.name == s.name
                    && o.layer != s.layer
                    && !matches!(o.value, Value::Empty | Value::Cancelled)
            })
            .filter(|o| o.value != s.value || matches!(o.value, Value::NotShown | Value::Computed))
            .collect();
        if let Some(first) = replaced.first() {
            out.push(conflict(
                ConflictCode::SettingsEnvOverride,
                format!("{} replaces the {} from {}", named(s), s.name, first.origins.first().map_or_else(|| "your shell".to_string(), Origin::describe)),
                format!(
                    "A settings file's `env` block beats the shell, however Claude Code is started, and `unset` \
                     does not change it. Claude Code uses the value in {}.",
                    s.origins.first().map_or_else(|| "the settings file".to_string(), Origin::describe)
                ),
                removal(s, setup),
            ));
        }
    }
    if let Some(base) = &decided.base_url {
        let in_settings = base
            .origins
            .iter()
            .any(|o| o.block == BlockKind::Settings || o.scope.is_some());
        let in_shell = base.origins.iter().any(|o| {
            o.block != BlockKind::Settings
                && o.scope.is_none()
                && !matches!(o.block, BlockKind::StatusPanel | BlockKind::AuthStatusText)
        });
        if in_settings && in_shell {
            let o = base
                .origins
                .iter()
                .find(|o| o.block == BlockKind::Settings || o.scope.is_some())
                .expect("checked");
            out.push(conflict(
                ConflictCode::SettingsEnvOverride,
                format!("{} in {} replaces the one in your shell", BASE_URL, o.describe()),
                "A settings file's `env` block beats the shell, however Claude Code is started, and `unset` does not \
                 change it."
                    .to_string(),
                vec![Fix {
                    title: format!("Remove \"{BASE_URL}\" from the `env` block of {} (or set the right URL there)", settings_file(o, o.scope)),
                    commands: vec![commands::edit_file(setup.shell, &shell_path(setup.shell, &settings_file(o, o.scope)))],
                }],
            ));
        }
    }

    // Damaged and empty values.
    for s in all {
        if s.state == SourceState::Ignored && !matches!(s.value, Value::Empty) {
            continue;
        }
        match &s.value {
            Value::Secret(v) => {
                let Some(d) = &v.damage else { continue };
                let mut fixes = removal(s, setup);
                match (d.wrong_kind, s.code) {
                    (Some(Kind::OauthAccessToken), _) if setup.auth == Auth::OauthToken => {
                        fixes.push(set_again("CLAUDE_CODE_OAUTH_TOKEN", setup));
                    }
                    (Some(Kind::ApiKey), SourceCode::AuthToken) => fixes.push(set_again("ANTHROPIC_API_KEY", setup)),
                    (Some(_), _) => {}
                    (None, _) if s.layer == Layer::Shell => {
                        fixes.retain(|f| !f.title.starts_with("Remove ") && !f.title.starts_with("Find where"));
                        fixes.push(set_again(&s.name, setup));
                    }
                    (None, _) => {}
                }
                out.push(conflict(
                    ConflictCode::DamagedCredential,
                    format!("{}: {}", named(s), title_of_damage(d)),
                    // What the CLI does with noise around a key (trims spaces, sends quotes, refuses a line break).
                    format!(
                        "{}{}",
                        d.reason,
                        if s.code == SourceCode::ApiKey && !d.codes.is_empty() {
                            cli_note(&s.name)
                        } else {
                            String::new()
                        }
                    ),
                    fixes,
                ));
            }
            Value::Empty => out.push(conflict(
                ConflictCode::EmptyCredential,
                format!("{} is set but empty", named(s)),
                format!(
                    "Claude Code skips an empty {}, but other tools may not, and a value you meant to set is \
                     missing (for example `export {}=$KEY` with KEY unset). Remove the line, or set the value.",
                    s.name, s.name
                ),
                removal(s, setup),
            )),
            _ => {}
        }
    }

    // A base URL away from the API while no gateway is meant.
    if let Some(base) = &decided.base_url {
        if !base.anthropic
            && matches!(
                setup.auth,
                Auth::ApiKey | Auth::Subscription | Auth::OauthToken
            )
        {
            let source = Source {
                code: SourceCode::Unknown,
                state: SourceState::Overridden,
                name: BASE_URL.to_string(),
                layer: if base
                    .origins
                    .iter()
                    .any(|o| o.block == BlockKind::Settings || o.scope.is_some())
                {
                    Layer::Settings(base.origins.iter().find_map(|o| o.scope))
                } else {
                    Layer::Shell
                },
                origins: base
                    .origins
                    .iter()
                    .filter(|o| {
                        !matches!(o.block, BlockKind::StatusPanel | BlockKind::AuthStatusText)
                    })
                    .cloned()
                    .collect(),
                value: Value::Plain(base.url.clone()),
                why: String::new(),
            };
            out.push(conflict(
                ConflictCode::BaseUrlOverride,
                format!("{BASE_URL} sends requests to {}", base.url),
                format!(
                    "Requests go to {} instead of api.anthropic.com, but you meant to use {}: a gateway or proxy \
                     there answers with its own 401, and /login does not change it.",
                    base.url,
                    auth_name(setup.auth)
                ),
                removal(&source, setup),
            ));
        }
    }

    // What Claude Code says about the login.
    let expired = scan.evidence.iter().any(|e| e.said == Said::LoginExpired);
    if expired
        && matches!(
            winner,
            SourceCode::Login | SourceCode::None | SourceCode::Unknown
        )
    {
        out.push(conflict(
            ConflictCode::LoginExpired,
            "Your login has expired".to_string(),
            "Claude Code reports the stored login as expired: it cannot refresh it and sends no request until \
             you log in again."
                .to_string(),
            vec![login_fix()],
        ));
    }
    if winner == SourceCode::None {
        let declined = all.iter().any(|s| declined_key(s) && applies(s, all));
        let fixes = match setup.auth {
            Auth::Subscription => vec![login_fix()],
            Auth::ApiKey if declined => vec![Fix {
                title: "Approve ANTHROPIC_API_KEY: in Claude Code run /config and turn on \"Use custom API key\" (it \
                        was declined at the prompt)"
                    .to_string(),
                commands: Vec::new(),
            }],
            Auth::ApiKey => vec![set_again("ANTHROPIC_API_KEY", setup)],
            Auth::Gateway => vec![set_again("ANTHROPIC_AUTH_TOKEN", setup)],
            Auth::OauthToken => vec![
                Fix {
                    title: "Create a long-lived token (it is printed once; copy it)".to_string(),
                    commands: vec!["claude setup-token".to_string()],
                },
                set_again("CLAUDE_CODE_OAUTH_TOKEN", setup),
            ],
            Auth::Bedrock | Auth::Vertex | Auth::Foundry => {
                let switch = order::ORDER
                    .iter()
                    .find(|r| want.contains(&r.code))
                    .map_or("", |r| r.name);
                vec![Fix {
                    title: format!("Switch Claude Code to {}", auth_name(setup.auth)),
                    commands: vec![commands::set_var(setup.shell, switch, "1")],
                }]
            }
        };
        out.push(conflict(
            ConflictCode::NotLoggedIn,
            "Claude Code is not logged in".to_string(),
            format!(
                "Claude Code reports no login and no credential where it ran. You meant to use {}.",
                auth_name(setup.auth)
            ),
            fixes,
        ));
    }

    // `Not logged in · Please run /login` for a credential that was sent: Claude Code 2.1.332 prints it when the
    // server refuses a Bearer credential, which the documentation does not say.
    if let Some(code) = decided.refused {
        let source = all
            .iter()
            .find(|s| s.code == code && s.state == SourceState::Wins);
        let name = match source {
            Some(s) if code != SourceCode::Login => named(s),
            _ => "your /login".to_string(),
        };
        let (what, fixes) = match code {
            SourceCode::Login => (
                "Log in again; if it comes back, the server at ANTHROPIC_BASE_URL (when set) or the subscription \
                 refuses it."
                    .to_string(),
                vec![login_fix()],
            ),
            SourceCode::OauthToken => (
                format!("/login does not help while {name} is set: create a new token and set it again."),
                vec![
                    Fix {
                        title: "Create a long-lived token (it is printed once; copy it)".to_string(),
                        commands: vec!["claude setup-token".to_string()],
                    },
                    set_again("CLAUDE_CODE_OAUTH_TOKEN", setup),
                ],
            ),
            _ => (
                format!(
                    "/login does not help while {name} is set: set the token the server expects (a gateway's own \
                     token comes from its admin), or remove it."
                ),
                vec![set_again(
                    source.map_or("ANTHROPIC_AUTH_TOKEN", |s| s.name.as_str()),
                    setup,
                )],
            ),
        };
        out.push(conflict(
            ConflictCode::NotLoggedIn,
            format!("The server refused {name}: Claude Code says \"Not logged in\""),
            format!(
                "Claude Code sent {name} as `Authorization: Bearer` and the server answered 401. The documentation \
                 gives `Not logged in · Please run /login` for a machine without a login; Claude Code 2.1.332 prints \
                 it for a refused Bearer credential too. {what}"
            ),
            fixes,
        ));
    }

    crate::core::order::sort_by_key(&mut out, |c| IMPORTANCE.iter().position(|i| *i == c.code));
    out
}

fn title_of_damage(d: &super::Damage) -> String {
    match d.wrong_kind {
        Some(Kind::Placeholder) => "a placeholder, not a credential".to_string(),
        Some(_) => "the wrong kind of credential for this variable".to_string(),
        None => "damaged (a line break, spaces, quotes or a cut-off value)".to_string(),
    }
}
