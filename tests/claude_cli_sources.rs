//! "Which credential wins" checked against the real Claude Code CLI (`tests/support/claude_cli.rs`).
//!
//! `the_page_names_the_credential_claude_auth_status_reports`: for every credential configuration of the support
//! module it runs the real `claude auth status` and `claude auth status --text`, pastes exactly what they printed
//! into `sources::analyze` (alone, and with the configuration's environment as `env` prints it and its settings
//! files, each under a `$ cat` line) and checks the winner, the conflicts and the states that matter against
//! [`EXPECTED`], with the intended method that makes each case meaningful. One configuration more has a project
//! settings file ([`PROJECT_CONFIGS`]): `claude auth status` does not read it, and `claude -p hi` from that directory
//! shows which key a session there sends.
//!
//! `not_logged_in_after_a_refused_bearer_credential`: `claude -p hi` with a Bearer credential the stand-in API
//! refuses prints `Not logged in · Please run /login` (Claude Code 2.1.332), like a machine with no credential at
//! all; pasted with the environment, the page must name the refused credential, not "nothing set".

use crate::credential_sources::{assert_no_secret, secrets_in};
use crate::support::claude_cli::{
    self as cli, all_configs, config, run_all, ClaudeCli, CliRun, Config, Login,
};
use crate::support::stand_in_api::{Behaviour, StandIn};
use claude_auth_doctor::core::codes::{
    Auth, ConflictCode, Launcher, Os, Shell, SourceCode, SourceState,
};
use claude_auth_doctor::core::setup::Setup;
use claude_auth_doctor::core::sources::{analyze, SourcesReport};
use std::time::Instant;

/// What the page should conclude from one paste.
#[derive(Clone, Copy, Debug)]
struct Page {
    winner: SourceCode,
    conflicts: &'static [ConflictCode],
}

const fn page(winner: SourceCode, conflicts: &'static [ConflictCode]) -> Page {
    Page { winner, conflicts }
}

/// One configuration's expectations.
struct Expected {
    config: &'static str,
    /// The intended method of the setup the paste is analysed with.
    auth: Auth,
    /// `claude auth status` (JSON) pasted alone.
    json: Page,
    /// `claude auth status --text` pasted alone.
    text: Page,
    /// Either of them, or both, with the `env` listing and the settings file.
    machine: Page,
    /// The state of each named source (`/login` for the login) in every paste that shows it; each is shown by at
    /// least one paste.
    states: &'static [(&'static str, SourceState)],
    /// Words the summary or the conflicts' explanations must hold (in a paste with the environment): where the CLI
    /// and the docs disagree, the page follows the CLI and says so, with the version.
    explains: &'static [&'static str],
}

/// Configurations with a project settings file (`claude auth status` only: the message matrix does not need them).
const PROJECT_CONFIGS: &[Config] = &[Config {
    project_settings: Some(cli::SETTINGS_ENV_API_KEY),
    login: Some(Login::Active),
    ..config("local-settings-api-key-and-login", &[])
}];

use ConflictCode::{
    BaseUrlOverride, DamagedCredential as Damaged, EmptyCredential as Empty, KeyOverLogin,
    NotLoggedIn, TokenAndKey,
};
use SourceCode as S;
use SourceState::{Ignored, Overridden, Wins};

const NONE: &[ConflictCode] = &[];
const KEY: &str = "ANTHROPIC_API_KEY";
const TOKEN: &str = "ANTHROPIC_AUTH_TOKEN";
const OAUTH: &str = "CLAUDE_CODE_OAUTH_TOKEN";
const HELPER: &str = "apiKeyHelper";
const LOGIN: &str = "/login";

/// What the page should say for each configuration, decided from what Claude Code 2.1.332 does:
///
/// - `claude auth status` JSON names a kind, not a variable: `oauth_token` covers ANTHROPIC_AUTH_TOKEN,
///   CLAUDE_CODE_OAUTH_TOKEN and a profile, so alone it is `unknown`, except beside `apiKeySource:
///   ANTHROPIC_API_KEY`, where only ANTHROPIC_AUTH_TOKEN (the one token that outranks the key) can be in use. It
///   does not mention a `/login` that an environment credential shadows; `--text` marks it `· not in use`.
/// - A token and a key both go out (`Authorization: Bearer` and `x-api-key`), and an `apiKeyHelper` with a key is
///   reported as the helper while the key goes out as `x-api-key`: the key is overridden by the report, and the
///   conflict says what the CLI really sends.
/// - `claude auth status` does not run the helper nor ask the server: a failing helper and an expired login read as
///   fine, and the page cannot know better from this output.
#[rustfmt::skip]
const EXPECTED: &[Expected] = &[
    Expected { config: "api-key", auth: Auth::ApiKey,
        json: page(S::ApiKey, NONE), text: page(S::ApiKey, NONE), machine: page(S::ApiKey, NONE),
        states: &[(KEY, Wins)], explains: &[] },
    Expected { config: "auth-token-gateway", auth: Auth::Gateway,
        json: page(S::Unknown, NONE), text: page(S::AuthToken, NONE), machine: page(S::AuthToken, NONE),
        states: &[(TOKEN, Wins)], explains: &[] },
    Expected { config: "oauth-token", auth: Auth::OauthToken,
        json: page(S::Unknown, NONE), text: page(S::OauthToken, NONE), machine: page(S::OauthToken, NONE),
        states: &[(OAUTH, Wins)], explains: &[] },
    // Only the value shows the OAuth token in the key variable.
    Expected { config: "oauth-in-api-key", auth: Auth::OauthToken,
        json: page(S::ApiKey, NONE), text: page(S::ApiKey, NONE), machine: page(S::ApiKey, &[Damaged]),
        states: &[(KEY, Wins)], explains: &["CLAUDE_CODE_OAUTH_TOKEN"] },
    Expected { config: "line-break-key", auth: Auth::ApiKey,
        json: page(S::ApiKey, NONE), text: page(S::ApiKey, NONE), machine: page(S::ApiKey, &[Damaged]),
        states: &[(KEY, Wins)], explains: &["line break", "2.1.332"] },
    Expected { config: "helper-failing", auth: Auth::ApiKey,
        json: page(S::ApiKeyHelper, NONE), text: page(S::ApiKeyHelper, NONE), machine: page(S::ApiKeyHelper, NONE),
        states: &[(HELPER, Wins)], explains: &[] },
    Expected { config: "helper-ok", auth: Auth::ApiKey,
        json: page(S::ApiKeyHelper, NONE), text: page(S::ApiKeyHelper, NONE), machine: page(S::ApiKeyHelper, NONE),
        states: &[(HELPER, Wins)], explains: &[] },
    Expected { config: "login", auth: Auth::Subscription,
        json: page(S::Login, NONE), text: page(S::Login, NONE), machine: page(S::Login, NONE),
        states: &[(LOGIN, Wins)], explains: &[] },
    Expected { config: "nothing", auth: Auth::Subscription,
        json: page(S::None, &[NotLoggedIn]), text: page(S::None, &[NotLoggedIn]), machine: page(S::None, &[NotLoggedIn]),
        states: &[], explains: &["no login"] },
    // Both headers go out; the report says the token, its errors follow the key.
    Expected { config: "token-and-key", auth: Auth::Gateway,
        json: page(S::AuthToken, &[TokenAndKey]), text: page(S::AuthToken, &[TokenAndKey]),
        machine: page(S::AuthToken, &[TokenAndKey]),
        states: &[(TOKEN, Wins), (KEY, Overridden)], explains: &["2.1.332", "sends both headers", "x-api-key"] },
    // Reported as the helper (the docs rank the key first); the key goes out as x-api-key, the helper's output as
    // Bearer.
    Expected { config: "helper-and-key", auth: Auth::ApiKey,
        json: page(S::ApiKeyHelper, &[TokenAndKey]), text: page(S::ApiKeyHelper, &[TokenAndKey]),
        machine: page(S::ApiKeyHelper, &[TokenAndKey]),
        states: &[(HELPER, Wins), (KEY, Overridden)],
        explains: &["2.1.332", "documentation says ANTHROPIC_API_KEY", "as `x-api-key` and the helper's output as `Authorization: Bearer`"] },
    Expected { config: "login-and-api-key", auth: Auth::Subscription,
        json: page(S::ApiKey, &[KeyOverLogin]), text: page(S::ApiKey, &[KeyOverLogin]),
        machine: page(S::ApiKey, &[KeyOverLogin]),
        states: &[(KEY, Wins), (LOGIN, Overridden)], explains: &["ranks ANTHROPIC_API_KEY above"] },
    // No notice and no `claude.ai` row: the token silently wins over the login.
    Expected { config: "login-and-auth-token", auth: Auth::Subscription,
        json: page(S::Unknown, NONE), text: page(S::AuthToken, &[KeyOverLogin]),
        machine: page(S::AuthToken, &[KeyOverLogin]),
        states: &[(TOKEN, Wins)], explains: &["ANTHROPIC_AUTH_TOKEN above"] },
    Expected { config: "login-and-oauth-token", auth: Auth::Subscription,
        json: page(S::Unknown, NONE), text: page(S::OauthToken, &[KeyOverLogin]),
        machine: page(S::OauthToken, &[KeyOverLogin]),
        states: &[(OAUTH, Wins)], explains: &["CLAUDE_CODE_OAUTH_TOKEN above"] },
    // The JSON says nothing of the token the key shadows; `--text` marks it `· not in use`.
    Expected { config: "oauth-token-and-api-key", auth: Auth::OauthToken,
        json: page(S::ApiKey, NONE), text: page(S::ApiKey, &[TokenAndKey]),
        machine: page(S::ApiKey, &[TokenAndKey]),
        states: &[(KEY, Wins), (OAUTH, Overridden)], explains: &["Claude Code uses ANTHROPIC_API_KEY"] },
    // `loggedIn: true` for a login that expired in 2023: no server check.
    Expected { config: "login-expired", auth: Auth::Subscription,
        json: page(S::Login, NONE), text: page(S::Login, NONE), machine: page(S::Login, NONE),
        states: &[(LOGIN, Wins)], explains: &[] },
    Expected { config: "helper-failing-and-login", auth: Auth::Subscription,
        json: page(S::ApiKeyHelper, &[KeyOverLogin]), text: page(S::ApiKeyHelper, &[KeyOverLogin]),
        machine: page(S::ApiKeyHelper, &[KeyOverLogin]),
        states: &[(HELPER, Wins)], explains: &["apiKeyHelper above"] },
    Expected { config: "settings-env-api-key", auth: Auth::ApiKey,
        json: page(S::ApiKey, NONE), text: page(S::ApiKey, NONE), machine: page(S::ApiKey, NONE),
        states: &[(KEY, Wins)], explains: &[] },
    Expected { config: "settings-env-api-key-and-login", auth: Auth::Subscription,
        json: page(S::ApiKey, &[KeyOverLogin]), text: page(S::ApiKey, &[KeyOverLogin]),
        machine: page(S::ApiKey, &[KeyOverLogin]),
        states: &[(KEY, Wins), (LOGIN, Overridden)], explains: &["ranks ANTHROPIC_API_KEY above"] },
    // `claude auth status` does not read the project's settings files: it reports the login, while `claude -p` from
    // that directory sends the key in `.claude/settings.local.json` (checked below). With the file shown, the key
    // wins and the page says why `claude auth status` says otherwise.
    Expected { config: "local-settings-api-key-and-login", auth: Auth::Subscription,
        json: page(S::Login, NONE), text: page(S::Login, NONE), machine: page(S::ApiKey, &[KeyOverLogin]),
        states: &[(KEY, Wins)], explains: &["does not read the project's settings files (Claude Code 2.1.332)"] },
    // An empty key is skipped: nothing authenticates.
    Expected { config: "empty-api-key", auth: Auth::ApiKey,
        json: page(S::None, &[NotLoggedIn]), text: page(S::None, &[NotLoggedIn]),
        machine: page(S::None, &[Empty, NotLoggedIn]),
        states: &[(KEY, Ignored)], explains: &["empty"] },
];

fn setup(auth: Auth) -> Setup {
    Setup {
        os: Os::Linux,
        shell: Shell::Bash,
        launcher: Launcher::Terminal,
        auth,
    }
}

/// The environment a run had, as `env` prints it (`NAME=value` lines; a value with a line break goes on over two).
fn env_listing(run: &CliRun) -> String {
    run.env
        .iter()
        .map(|(name, value)| format!("{name}={value}\n"))
        .collect()
}

/// The configuration's settings files as `cat` shows them, each with the command line naming the file.
fn settings_listing(config: &Config) -> String {
    let user = config
        .settings
        .map(|s| format!("$ cat ~/.claude/settings.json\n{s}\n"));
    let project = config
        .project_settings
        .map(|s| format!("$ cat .claude/settings.local.json\n{s}\n"));
    user.into_iter().chain(project).collect()
}

/// Everything that checks one paste against one [`Page`]; failures are collected, not panicked on.
struct Check<'a> {
    expected: &'a Expected,
    failures: &'a mut Vec<String>,
    /// How often each [`Expected::states`] row was shown by some paste.
    states_shown: Vec<usize>,
}

impl Check<'_> {
    fn paste(&mut self, what: &str, text: &str, want: Page, explained: bool) -> SourcesReport {
        let e = self.expected;
        let r = analyze(text, &setup(e.auth));
        let mut got: Vec<ConflictCode> = r.conflicts.iter().map(|c| c.code).collect();
        got.sort();
        let mut wanted = want.conflicts.to_vec();
        wanted.sort();
        let context = || format!("configuration {} ({what}, intended {})", e.config, e.auth);
        if r.winner != want.winner || got != wanted {
            self.failures.push(format!(
                "{}: the page says winner {} with conflicts {got:?}; expected {} with {wanted:?}\n    summary: {}\n    \
                 pasted:\n{}\n",
                context(),
                r.winner,
                want.winner,
                r.summary,
                indent(text)
            ));
        }
        if let Some(w) = r.winning_source() {
            if w.code != r.winner {
                self.failures.push(format!(
                    "{}: the winning source is {} but the winner {}",
                    context(),
                    w.code,
                    r.winner
                ));
            }
        }
        for (i, (name, state)) in e.states.iter().enumerate() {
            for s in r.sources.iter().filter(|s| s.name == *name) {
                self.states_shown[i] += 1;
                if s.state != *state {
                    self.failures.push(format!(
                        "{}: {name} ({:?}) is {}, expected {state} ({})",
                        context(),
                        s.layer,
                        s.state,
                        s.why
                    ));
                }
            }
        }
        if explained {
            let explained: String = r
                .conflicts
                .iter()
                .map(|c| format!("{}\n{}\n", c.title, c.explanation))
                .chain([r.summary.clone()])
                .collect();
            for words in e.explains {
                if !explained.contains(words) {
                    self.failures.push(format!(
                        "{}: no conflict explains `{words}`:\n{}",
                        context(),
                        indent(&explained)
                    ));
                }
            }
        }
        assert_no_secret(&r, &secrets_in(text));
        r
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("      | {l}\n"))
        .collect::<String>()
}

#[test]
fn the_page_names_the_credential_claude_auth_status_reports() {
    let claude = ClaudeCli::locate();
    let configs: Vec<&Config> = all_configs().chain(PROJECT_CONFIGS).collect();
    for config in &configs {
        assert!(
            EXPECTED.iter().any(|e| e.config == config.name),
            "configuration {} has no row in EXPECTED",
            config.name
        );
    }
    // The gateway configuration's base URL (nothing is sent: `claude auth status` asks no server).
    let gateway = StandIn::start_answering(Behaviour::Valid);
    let jobs: Vec<(&Config, bool)> = configs
        .iter()
        .flat_map(|config| [(*config, false), (*config, true)])
        .collect();
    let started = Instant::now();
    let runs = run_all(&jobs, |&(config, text)| {
        claude.auth_status(config, text, &gateway.base_url())
    });
    assert!(
        gateway.requests().is_empty(),
        "claude auth status sent a request"
    );
    // What a session in the project uses: `claude -p` from its directory sends the key of its settings file.
    let sends = run_all(PROJECT_CONFIGS, |config| {
        let api = StandIn::start_answering(Behaviour::Valid);
        let run = claude.print_hi(config, &api.base_url());
        (run, api.requests())
    });
    let took = started.elapsed();
    for (config, (run, requests)) in PROJECT_CONFIGS.iter().zip(&sends) {
        let keys: Vec<Option<&str>> = requests.iter().map(|r| r.header("x-api-key")).collect();
        assert!(
            !keys.is_empty() && keys.iter().all(|k| *k == Some(cli::API_KEY)),
            "{}: claude -p hi sent x-api-key {keys:?} (exit {:?}: {})",
            config.name,
            run.exit_code,
            run.printed()
        );
    }

    let mut failures = Vec::new();
    for e in EXPECTED {
        let config = configs
            .iter()
            .find(|c| c.name == e.config)
            .unwrap_or_else(|| panic!("EXPECTED names an unknown configuration {}", e.config));
        let of = |text: bool| {
            jobs.iter()
                .zip(&runs)
                .find(|((c, t), _)| c.name == config.name && *t == text)
                .map(|(_, run)| run)
                .expect("ran")
        };
        let (json, text) = (of(false), of(true));
        for run in [json, text] {
            if run.timed_out || run.exit_code.is_none() {
                failures.push(format!("{}: killed after {:?}", e.config, run.elapsed));
            }
        }
        let machine = format!("{}{}", env_listing(json), settings_listing(config));
        let mut check = Check {
            expected: e,
            failures: &mut failures,
            states_shown: vec![0; e.states.len()],
        };
        check.paste("claude auth status", &json.printed(), e.json, false);
        check.paste("claude auth status --text", &text.printed(), e.text, false);
        // `--text` pasted without its command line reads like a session's `/status` panel, which does apply the
        // project's settings: nothing of it is set aside, so only the JSON makes the page say why `claude auth
        // status` disagrees with a project settings file.
        let text_explains = config.project_settings.is_none();
        let with_env = [
            (
                "claude auth status, env, settings",
                format!("{}\n{machine}", json.printed()),
                true,
            ),
            (
                "claude auth status --text, env, settings",
                format!("{}\n\n{machine}", text.printed()),
                text_explains,
            ),
            (
                "env, settings, claude auth status, --text",
                format!("{machine}\n{}\n\n{}", json.printed(), text.printed()),
                true,
            ),
        ];
        for (what, paste, explained) in &with_env {
            let r = check.paste(what, paste, e.machine, *explained);
            if config.gateway && r.base_url.as_ref().is_none_or(|b| b.anthropic) {
                check.failures.push(format!(
                    "{}: the gateway's base URL is not found ({what}): {:?}",
                    e.config, r.base_url
                ));
            }
        }
        for ((name, _), shown) in e.states.iter().zip(&check.states_shown) {
            if *shown == 0 {
                failures.push(format!("{}: no paste shows {name}", e.config));
            }
        }
    }
    println!(
        "Claude Code {}: {} runs of `claude auth status` and {} of `claude -p hi` in {:.1} s",
        claude.version,
        runs.len(),
        sends.len(),
        took.as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "Claude Code {}: {} failure(s):\n{}",
        claude.version,
        failures.len(),
        failures.join("\n")
    );
}

/// A configuration whose `claude -p hi` prints `Not logged in · Please run /login`, and what the page should say of
/// that message pasted with the environment (`env`), and with `claude auth status --text` too (`status`).
struct SaysNotLoggedIn {
    config: &'static str,
    auth: Auth,
    /// What the stand-in API answers (a configuration with nothing to send sends no request).
    api: Behaviour,
    env: Page,
    status: Page,
    /// The message means the server refused this credential (else: nothing would authenticate).
    refused: Option<&'static str>,
}

/// The three Bearer credentials refused with 401 (`invalid x-api-key`), and a machine with nothing set. The base URL
/// is the stand-in's, away from api.anthropic.com: a conflict unless a gateway is meant.
#[rustfmt::skip]
const NOT_LOGGED_IN: &[SaysNotLoggedIn] = &[
    SaysNotLoggedIn { config: "auth-token-gateway", auth: Auth::Gateway, api: Behaviour::InvalidXApiKey,
        env: page(S::AuthToken, &[NotLoggedIn]), status: page(S::AuthToken, &[NotLoggedIn]),
        refused: Some(TOKEN) },
    SaysNotLoggedIn { config: "oauth-token", auth: Auth::OauthToken, api: Behaviour::InvalidXApiKey,
        env: page(S::OauthToken, &[BaseUrlOverride, NotLoggedIn]),
        status: page(S::OauthToken, &[BaseUrlOverride, NotLoggedIn]), refused: Some(OAUTH) },
    // The environment shows no credential: only `--text` shows the login that was refused.
    SaysNotLoggedIn { config: "login", auth: Auth::Subscription, api: Behaviour::InvalidXApiKey,
        env: page(S::None, &[BaseUrlOverride, NotLoggedIn]),
        status: page(S::Login, &[BaseUrlOverride, NotLoggedIn]), refused: Some("your /login") },
    SaysNotLoggedIn { config: "nothing", auth: Auth::Subscription, api: Behaviour::Valid,
        env: page(S::None, &[BaseUrlOverride, NotLoggedIn]),
        status: page(S::None, &[BaseUrlOverride, NotLoggedIn]), refused: None },
];

#[test]
fn not_logged_in_after_a_refused_bearer_credential() {
    let claude = ClaudeCli::locate();
    let runs = run_all(NOT_LOGGED_IN, |case| {
        let config = all_configs()
            .find(|c| c.name == case.config)
            .unwrap_or_else(|| panic!("no configuration {}", case.config));
        let api = StandIn::start_answering(case.api);
        let printed = claude.print_hi(config, &api.base_url());
        let status = claude.auth_status(config, true, &api.base_url());
        (printed, status)
    });
    let mut failures = Vec::new();
    for (case, (printed, status)) in NOT_LOGGED_IN.iter().zip(&runs) {
        assert!(
            printed.stdout.contains("Not logged in · Please run /login"),
            "Claude Code {}, {}: `claude -p hi` printed {:?} (the message matrix shows what changed)",
            claude.version,
            case.config,
            printed.printed()
        );
        let expected = Expected {
            config: case.config,
            auth: case.auth,
            json: case.env,
            text: case.status,
            machine: case.status,
            states: &[],
            explains: &[],
        };
        let mut check = Check {
            expected: &expected,
            failures: &mut failures,
            states_shown: Vec::new(),
        };
        let with_env = format!("{}\n\n{}", printed.printed(), env_listing(printed));
        let with_status = format!("{with_env}\n{}", status.printed());
        for (what, paste, want) in [
            ("claude -p hi, env", &with_env, case.env),
            (
                "claude -p hi, env, claude auth status --text",
                &with_status,
                case.status,
            ),
        ] {
            let r = check.paste(what, paste, want, true);
            let explanation = r
                .conflicts
                .iter()
                .find(|c| c.code == ConflictCode::NotLoggedIn)
                .map_or("", |c| c.explanation.as_str());
            let says = match (case.refused, r.winner) {
                (Some(name), winner) if winner != S::None => {
                    [name, "refused Bearer credential", "2.1.332"].to_vec()
                }
                _ => ["no login and no credential"].to_vec(),
            };
            for words in says {
                if !explanation.contains(words) {
                    check.failures.push(format!(
                        "{} ({what}): the not-logged-in explanation does not say `{words}`: {explanation}",
                        case.config
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "Claude Code {}: {} failure(s):\n{}",
        claude.version,
        failures.len(),
        failures.join("\n")
    );
}
