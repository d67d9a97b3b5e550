//! The pre-flight scripts with the real Claude Code CLI on PATH (feature `claude-cli`; `tests/support/claude_cli.rs`)
//! instead of a stand-in `claude`: every case whose verdict or report depends on what `claude auth status` says.
//!
//! Each case runs in every installed shell (bash, zsh, sh, fish), in a fresh sandbox HOME with the case's files (a
//! `/login` is `~/.claude/.credentials.json`), the pinned binary linked onto PATH as `claude`, and the CLI confined
//! as the CLI support does it: the offline switches, `HTTPS_PROXY`/`HTTP_PROXY` at a refusing loopback fence and
//! `NO_PROXY=127.0.0.1,localhost` (the stand-in API is on loopback). The parent module's checks apply (exit code, one
//! verdict line, what was sent, no secret out, what `analyze` reads from `--report`); on top, the report's winner must
//! be the one `analyze` names from what the real `claude auth status` and `--text` print in a sandbox like it
//! ([`Oracle::AuthStatus`]), or, where the project's settings files set a credential (which `claude auth status`
//! does not apply, Claude Code 2.1.332), the credential the real `claude -p hi` sends from the project directory
//! ([`Oracle::Sends`]).

use super::{check_case, settings, setup, shells, Case, Claude, Sandbox, ShellUnderTest};
use crate::support::claude_cli::{self as cli, run_all, ClaudeCli, Login, LoopbackFence};
use crate::support::stand_in_api::{Behaviour, StandIn, KEY_VALID};
use claude_auth_doctor::core::codes::{Auth, ConflictCode, Shell, SourceCode};
use claude_auth_doctor::core::preflight::{EXIT_LOCAL_PROBLEM, EXIT_READY};
use claude_auth_doctor::core::sources::analyze;
use std::time::Instant;

const CREDENTIALS: &str = "home/.claude/.credentials.json";

/// What the winner the page reads from the script's report is checked against.
#[derive(Clone, Copy, Debug)]
enum Oracle {
    /// What `analyze` reads from the real `claude auth status` and `--text`, run on the same files and variables.
    AuthStatus,
    /// The headers of what the real `claude -p hi` sends to a stand-in API from the project directory (nothing
    /// sent: both `None`), as a session there authenticates; and the winner `analyze` reads from `claude auth status`
    /// run there, which does not apply the project's settings files (Claude Code 2.1.332).
    Sends {
        x_api_key: Option<&'static str>,
        bearer: Option<&'static str>,
        auth_status_says: SourceCode,
    },
}

/// The cases: what the machine has, what the script must conclude and what the page must read from its report.
fn cases(claude: &ClaudeCli) -> Vec<(Case, Oracle)> {
    let real = || Claude::Real(claude.binary.clone());
    let login = || (CREDENTIALS, Login::Active.credentials_json());
    let cancel_the_key = || {
        (
            "project/.claude/settings.local.json",
            settings(&[("ANTHROPIC_API_KEY", "")]),
        )
    };
    let by_auth_status = vec![
        Case {
            name: "a /login (a credentials file), asked with claude auth status",
            auth: Auth::Subscription,
            env: vec![],
            files: vec![login()],
            claude: real(),
            exit: EXIT_READY,
            sent: None,
            winner: Some(SourceCode::Login),
            conflict: None,
        },
        Case {
            name: "logged out",
            auth: Auth::Subscription,
            env: vec![],
            files: vec![],
            claude: real(),
            exit: EXIT_LOCAL_PROBLEM,
            sent: None,
            winner: Some(SourceCode::None),
            conflict: Some(ConflictCode::NotLoggedIn),
        },
        Case {
            name: "a setup-token in CLAUDE_CODE_OAUTH_TOKEN",
            auth: Auth::OauthToken,
            env: vec![("CLAUDE_CODE_OAUTH_TOKEN", cli::OAUTH_TOKEN.to_string())],
            files: vec![],
            claude: real(),
            exit: EXIT_READY,
            sent: None,
            winner: Some(SourceCode::OauthToken),
            conflict: None,
        },
        // Claude Code 2.1.332 ignores a profile it cannot use: not logged in.
        Case {
            name: "an Anthropic profile Claude Code cannot use",
            auth: Auth::ApiKey,
            env: vec![("ANTHROPIC_PROFILE", "work".to_string())],
            files: vec![],
            claude: real(),
            exit: EXIT_LOCAL_PROBLEM,
            sent: None,
            winner: Some(SourceCode::None),
            conflict: Some(ConflictCode::NotLoggedIn),
        },
        Case {
            name: "a stale key in ~/.zshrc over a /login",
            auth: Auth::Subscription,
            env: vec![("ANTHROPIC_API_KEY", KEY_VALID.to_string())],
            files: vec![
                login(),
                (
                    "home/.zshrc",
                    format!("export PATH=\"$HOME/bin:$PATH\"\n\nexport ANTHROPIC_API_KEY='{KEY_VALID}'\n"),
                ),
            ],
            claude: real(),
            exit: EXIT_LOCAL_PROBLEM,
            sent: None,
            winner: Some(SourceCode::ApiKey),
            conflict: Some(ConflictCode::KeyOverLogin),
        },
        Case {
            name: "an empty key variable beside a /login",
            auth: Auth::Subscription,
            env: vec![("ANTHROPIC_API_KEY", String::new())],
            files: vec![login()],
            claude: real(),
            exit: EXIT_LOCAL_PROBLEM,
            sent: None,
            winner: Some(SourceCode::Login),
            conflict: Some(ConflictCode::EmptyCredential),
        },
        Case {
            name: "a cloud switch while a login is meant",
            auth: Auth::Subscription,
            env: vec![("CLAUDE_CODE_USE_BEDROCK", "1".to_string())],
            files: vec![login()],
            claude: real(),
            exit: EXIT_LOCAL_PROBLEM,
            sent: None,
            winner: Some(SourceCode::Bedrock),
            conflict: Some(ConflictCode::CloudSwitchOn),
        },
    ];
    let by_what_is_sent = [
        (
            Case {
                name: "\"\" in the local settings cancels the shell's key, beside a /login",
                auth: Auth::Subscription,
                env: vec![("ANTHROPIC_API_KEY", KEY_VALID.to_string())],
                files: vec![login(), cancel_the_key()],
                claude: real(),
                exit: EXIT_READY,
                sent: None,
                winner: Some(SourceCode::Login),
                conflict: None,
            },
            Oracle::Sends {
                x_api_key: None,
                bearer: Some(cli::OAUTH_TOKEN),
                auth_status_says: SourceCode::ApiKey,
            },
        ),
        (
            Case {
                name: "\"\" in the local settings cancels the shell's key, and no /login",
                auth: Auth::Subscription,
                env: vec![("ANTHROPIC_API_KEY", KEY_VALID.to_string())],
                files: vec![cancel_the_key()],
                claude: real(),
                exit: EXIT_LOCAL_PROBLEM,
                sent: None,
                winner: Some(SourceCode::None),
                conflict: Some(ConflictCode::NotLoggedIn),
            },
            Oracle::Sends {
                x_api_key: None,
                bearer: None,
                auth_status_says: SourceCode::ApiKey,
            },
        ),
    ];
    by_auth_status
        .into_iter()
        .map(|case| (case, Oracle::AuthStatus))
        .chain(by_what_is_sent)
        .collect()
}

/// The variables that keep the CLI offline and on loopback, for a fence at `fence_port`.
fn confinement(fence_port: u16) -> Vec<(&'static str, String)> {
    let proxy = format!("http://127.0.0.1:{fence_port}");
    cli::OFFLINE_ENV
        .iter()
        .map(|(k, v)| (*k, v.to_string()))
        .chain([
            ("HTTPS_PROXY", proxy.clone()),
            ("HTTP_PROXY", proxy),
            ("NO_PROXY", "127.0.0.1,localhost".to_string()),
        ])
        .collect()
}

/// One case in one shell.
struct Job {
    shell: ShellUnderTest,
    case: usize,
}

#[test]
fn the_scripts_with_the_real_claude_auth_status() {
    let claude = ClaudeCli::locate();
    let fence = LoopbackFence::start();
    let confined = confinement(fence.port());
    let cases: Vec<(Case, Oracle)> = cases(&claude)
        .into_iter()
        .map(|(mut case, oracle)| {
            case.env.extend(confined.iter().cloned());
            (case, oracle)
        })
        .collect();
    let jobs: Vec<Job> = shells()
        .into_iter()
        .flat_map(|shell| (0..cases.len()).map(move |case| Job { shell, case }))
        .collect();
    let started = Instant::now();
    // What the page reads from the script's report, per job.
    let reports = run_all(&jobs, |job| {
        let case = &cases[job.case].0;
        // Its own stand-in API: the checks read what it received.
        let api = StandIn::start();
        let sandbox = Sandbox::new();
        sandbox.claude(&case.claude);
        let (report, analysed) = check_case(&api, job.shell, case, &sandbox);
        (report.stdout, analysed)
    });
    // What the real CLI says and does on the same files and variables, once per case.
    let truths = run_all(&cases, |(case, oracle)| the_truth(case, *oracle));
    let took = started.elapsed();

    for (job, (report, analysed)) in jobs.iter().zip(&reports) {
        let (case, _) = &cases[job.case];
        let context = format!("{} [{}]", case.name, job.shell.program);
        let truth = &truths[job.case];
        assert_eq!(
            analysed.winner, truth.winner,
            "{context}: the report names {}, the real CLI {}\n--- report\n{report}\n--- the real CLI\n{}",
            analysed.winner, truth.winner, truth.evidence
        );
        assert_eq!(
            analysed.claude_version.as_deref(),
            Some(claude.version.as_str()),
            "{context}: claude --version in the report\n{report}"
        );
        for secret in [cli::OAUTH_TOKEN, cli::REFRESH_TOKEN] {
            assert!(
                !report.contains(&secret[13..30]),
                "{context}: the stored login comes out\n{report}"
            );
        }
    }
    let mut reached: Vec<String> = fence.attempts();
    reached.sort();
    reached.dedup();
    println!(
        "Claude Code {}: {} pre-flight runs with the real claude ({} cases × {} shells) and {} checks of what it \
         says and sends, in {:.1} s; it tried to reach (refused by the fence): {}",
        claude.version,
        jobs.len() * 2,
        cases.len(),
        jobs.len() / cases.len().max(1),
        cases.len(),
        took.as_secs_f64(),
        reached.join(", ")
    );
}

/// What the real CLI says (and, for [`Oracle::Sends`], does) on the case's machine.
struct Truth {
    /// The winner the page must name from the script's report.
    winner: SourceCode,
    /// What it printed and sent, for failure messages.
    evidence: String,
}

fn the_truth(case: &Case, oracle: Oracle) -> Truth {
    let sandbox = Sandbox::new();
    sandbox.claude(&case.claude);
    for (rel, text) in &case.files {
        sandbox.write(rel, text);
    }
    let env: Vec<(String, String)> = case
        .env
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let json = sandbox.run_claude(&["auth", "status"], &env);
    let text = sandbox.run_claude(&["auth", "status", "--text"], &env);
    let said = format!("{}\n{}", json.stdout, text.stdout);
    let claude_says = analyze(&said, &setup(Shell::Bash, case.auth)).winner;
    let Oracle::Sends {
        x_api_key,
        bearer,
        auth_status_says,
    } = oracle
    else {
        return Truth {
            winner: claude_says,
            evidence: said,
        };
    };
    assert_eq!(
        claude_says, auth_status_says,
        "{}: claude auth status now says otherwise (does it read the project's settings now?)\n{said}",
        case.name
    );
    let api = StandIn::start_answering(Behaviour::Valid);
    let mut with_api = env.clone();
    with_api.push(("ANTHROPIC_BASE_URL".to_string(), api.base_url()));
    let printed = sandbox.run_claude(&["-p", "hi"], &with_api);
    let requests = api.requests();
    let sent: Vec<(Option<&str>, Option<&str>)> = requests
        .iter()
        .map(|r| {
            (
                r.header("x-api-key"),
                r.header("authorization")
                    .and_then(|v| v.strip_prefix("Bearer "))
                    .map(str::trim),
            )
        })
        .collect();
    let expected: Vec<(Option<&str>, Option<&str>)> = if x_api_key.is_none() && bearer.is_none() {
        Vec::new()
    } else {
        vec![(x_api_key, bearer); requests.len().max(1)]
    };
    assert_eq!(
        sent, expected,
        "{}: claude -p hi from the project directory sent otherwise (exit {}: {}{})",
        case.name, printed.code, printed.stdout, printed.stderr
    );
    Truth {
        winner: case.winner.expect("a case checked by what is sent names its winner"),
        evidence: format!(
            "claude -p hi sent {sent:?} and printed {:?}; claude auth status (which does not read the project's \
             settings) said:\n{said}",
            printed.stdout
        ),
    }
}
