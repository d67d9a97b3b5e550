//! The page's knowledge checked against the real Claude Code CLI (`tests/support/claude_cli.rs`).
//!
//! `the_page_diagnoses_every_message_claude_code_prints`: for each stand-in scenario × credential configuration it
//! runs `claude -p hi`, pastes exactly what it printed into the page's diagnosis ([`page_cause`]) and checks the
//! cause against [`EXPECTED`](crate::support::cli_matrix::EXPECTED); it also checks which headers carried which
//! credential ([`SENT`]) and compares every message with the recorded baseline
//! `tests/fixtures/claude-cli/<version>.tsv`.
//! `claude_auth_status_prints_what_the_fixtures_hold`: `claude auth status` and `--text` per configuration against
//! `tests/fixtures/claude-cli/auth-status/`.
//!
//! Environment: `CLAUDE_CODE_BIN` runs another release (see `scripts/claude-messages.sh`); `CLAUDE_CLI_RECORD=1`
//! rewrites the baseline and the fixtures for the release that runs; `CLAUDE_CLI_REPORT=<file>` also writes the
//! message table there; `CLAUDE_CLI_JOBS` sets how many CLIs run at once ([`run_all`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::time::{Duration, Instant};

use crate::support::claude_cli::{
    self as cli, all_configs, pinned_version, run_all, stable_output, ClaudeCli, CliRun, Config,
    MATRIX_CONFIGS,
};
use crate::support::cli_matrix::Outcome::{Cause, Succeeds};
use crate::support::cli_matrix::{expectation, fixtures_dir, read_baseline, tsv_field};
use crate::support::stand_in_api::{Behaviour, RecordedRequest, StandIn, REPLY_TEXT};
use claude_auth_doctor::core::codes::CauseCode;

/// The page's cause code for a pasted text: the one place this test names the diagnosis. A text no row of the message
/// table knows is [`UNRECOGNISED`], never a cause: `unknown` is a message the table knows that names no credential
/// cause (a server-side error).
fn page_cause(text: &str) -> String {
    let diagnosis = claude_auth_doctor::core::knowledge::diagnose(text);
    if diagnosis.cause == CauseCode::Unknown && diagnosis.message.is_none() {
        UNRECOGNISED.to_string()
    } else {
        diagnosis.cause.code().to_string()
    }
}

/// What [`page_cause`] says of a message the tables do not know.
const UNRECOGNISED: &str = "unrecognised";

/// What the stand-in does in a scenario.
#[derive(Clone, Copy, Debug)]
enum Api {
    Answers(Behaviour),
    /// Nothing listens at the base URL.
    Refused,
}

/// The stand-in scenarios, by name.
const SCENARIOS: &[(&str, Api)] = &[
    ("valid", Api::Answers(Behaviour::Valid)),
    ("invalid-x-api-key", Api::Answers(Behaviour::InvalidXApiKey)),
    ("invalid-bearer", Api::Answers(Behaviour::InvalidBearer)),
    (
        "oauth-not-supported",
        Api::Answers(Behaviour::OauthNotSupported),
    ),
    ("oauth-expired", Api::Answers(Behaviour::OauthExpired)),
    (
        "invalid-credentials",
        Api::Answers(Behaviour::InvalidCredentials),
    ),
    ("permission", Api::Answers(Behaviour::Permission)),
    (
        "oauth-org-not-allowed",
        Api::Answers(Behaviour::OauthOrgNotAllowed),
    ),
    ("low-credit", Api::Answers(Behaviour::LowCredit)),
    ("billing-402", Api::Answers(Behaviour::Billing402)),
    ("org-disabled", Api::Answers(Behaviour::OrgDisabled)),
    ("spend-limit-400", Api::Answers(Behaviour::SpendLimit)),
    ("rate-limited", Api::Answers(Behaviour::RateLimited)),
    ("spend-cap-429", Api::Answers(Behaviour::SpendCap429)),
    ("overloaded", Api::Answers(Behaviour::Overloaded)),
    ("server-error", Api::Answers(Behaviour::ServerError)),
    ("model-not-found", Api::Answers(Behaviour::ModelNotFound)),
    (
        "gateway-detail-401",
        Api::Answers(Behaviour::GatewayDetail401),
    ),
    ("litellm-401", Api::Answers(Behaviour::LitellmAuth)),
    ("waf-403-html", Api::Answers(Behaviour::Waf403Html)),
    ("html-502", Api::Answers(Behaviour::Html502)),
    ("non-json-200", Api::Answers(Behaviour::NonJson200)),
    ("connection-refused", Api::Refused),
];

/// Which header carried which credential on a working call (`None`: the header was absent).
struct Sent {
    config: &'static str,
    x_api_key: Option<&'static str>,
    bearer: Option<&'static str>,
    /// `anthropic-beta` names `oauth-2025-04-20` (how the API tells a subscription token).
    oauth_beta: bool,
}

const fn sent(
    config: &'static str,
    x_api_key: Option<&'static str>,
    bearer: Option<&'static str>,
    oauth_beta: bool,
) -> Sent {
    Sent {
        config,
        x_api_key,
        bearer,
        oauth_beta,
    }
}

/// The headers of the `valid` scenario's requests, per configuration that sends one (observed on 2.1.332: both
/// headers go out for a token with a key, and for a helper with a key, the key in `x-api-key`).
const SENT: &[Sent] = &[
    sent("api-key", Some(cli::API_KEY), None, false),
    sent("auth-token-gateway", None, Some(cli::GATEWAY_TOKEN), false),
    sent("oauth-token", None, Some(cli::OAUTH_TOKEN), true),
    sent("oauth-in-api-key", Some(cli::OAUTH_TOKEN), None, false),
    // A failing helper leaves an empty x-api-key and a bare `Bearer`.
    sent("helper-failing", Some(""), Some(""), false),
    sent(
        "helper-ok",
        Some(cli::HELPER_KEY),
        Some(cli::HELPER_KEY),
        false,
    ),
    sent("login", None, Some(cli::OAUTH_TOKEN), true),
    sent(
        "token-and-key",
        Some(cli::API_KEY),
        Some(cli::GATEWAY_TOKEN),
        false,
    ),
    sent(
        "helper-and-key",
        Some(cli::API_KEY),
        Some(cli::HELPER_KEY),
        false,
    ),
];

/// One finished run of the matrix.
struct MatrixRun {
    scenario: &'static str,
    config: &'static Config,
    run: CliRun,
    requests: Vec<RecordedRequest>,
    /// The text as pasted into the page, made stable (ports, ids, HOME).
    message: String,
    /// The page's cause for the text, or [`WORKS`] when the call worked.
    cause: String,
}

/// In place of a cause: the call worked (exit 0), there is no error to diagnose.
const WORKS: &str = "(works)";

fn free_loopback_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn run_matrix_cell(
    cli: &ClaudeCli,
    scenario: &'static str,
    api: Api,
    config: &'static Config,
) -> MatrixRun {
    let (run, requests, api_port) = match api {
        Api::Answers(behaviour) => {
            let stand_in = StandIn::start_answering(behaviour);
            let run = cli.print_hi(config, &stand_in.base_url());
            (run, stand_in.requests(), stand_in.port())
        }
        Api::Refused => {
            let port = free_loopback_port();
            let run = cli.print_hi(config, &format!("http://127.0.0.1:{port}"));
            (run, Vec::new(), port)
        }
    };
    let printed = run.printed();
    MatrixRun {
        scenario,
        config,
        cause: if run.exit_code == Some(0) {
            WORKS.to_string()
        } else {
            page_cause(&printed)
        },
        message: stable_output(&printed, &run, Some(api_port)),
        run,
        requests,
    }
}

fn recording() -> bool {
    std::env::var_os("CLAUDE_CLI_RECORD").is_some_and(|v| v == "1")
}

const BASELINE_HEADER: &str =
    "# scenario\tconfiguration\texit\tcause\tmessage (stderr lines, then stdout; \\n = line break)";

fn baseline_text(runs: &[MatrixRun]) -> String {
    let mut out = format!("{BASELINE_HEADER}\n");
    for r in runs {
        let exit = r
            .run
            .exit_code
            .map_or("killed".to_string(), |c| c.to_string());
        let _ = writeln!(
            out,
            "{}\t{}\t{exit}\t{}\t{}",
            r.scenario,
            r.config.name,
            r.cause,
            tsv_field(&r.message)
        );
    }
    out
}

#[test]
fn the_page_diagnoses_every_message_claude_code_prints() {
    let cli = ClaudeCli::locate();
    let pinned = pinned_version();
    let mut jobs = Vec::new();
    for config in MATRIX_CONFIGS {
        for &(scenario, api) in SCENARIOS {
            // A configuration that sends nothing prints the same whatever the API would say: one run shows it.
            if config.sends_request || scenario == "valid" {
                jobs.push((scenario, api, config));
            }
        }
    }
    let started = Instant::now();
    let runs = run_all(&jobs, |&(scenario, api, config)| {
        run_matrix_cell(&cli, scenario, api, config)
    });
    let took = started.elapsed();

    let mut failures = Vec::new();
    // (what the page should say, what it says and why, the message) → where.
    let where_ = |r: &MatrixRun| {
        format!(
            "Claude Code {}, scenario {}, configuration {} ({})",
            cli.version,
            r.scenario,
            r.config.name,
            describe(r.config)
        )
    };
    for r in &runs {
        if r.run.timed_out {
            failures.push(format!(
                "{}: killed after {:?}",
                where_(r),
                cli::RUN_TIME_LIMIT
            ));
            continue;
        }
        if !r.config.sends_request && !r.requests.is_empty() {
            failures.push(format!(
                "{}: sent {} request(s) now; mark the configuration as sending (sends_request: true)",
                where_(r),
                r.requests.len()
            ));
        }
        let Some(row) = expectation(r.scenario, r.config.name) else {
            failures.push(format!(
                "{}: no row in EXPECTED\n    printed: {}",
                where_(r),
                r.message
            ));
            continue;
        };
        let met = match row.outcome {
            Succeeds => r.cause == WORKS && r.run.stdout.trim() == REPLY_TEXT,
            Cause(cause) => r.cause == cause,
        };
        let wanted = match row.outcome {
            Succeeds => "a working call (exit 0, the reply on stdout)".to_string(),
            Cause(cause) => format!("cause {cause}"),
        };
        if !met {
            failures.push(format!(
                "{}: expected {wanted}, the page says {}{} (exit {:?})\n    printed: {}",
                where_(r),
                r.cause,
                if r.cause == UNRECOGNISED {
                    " — a message the tables do not know"
                } else {
                    ""
                },
                r.run.exit_code,
                r.message
            ));
        }
    }
    failures.extend(header_failures(&runs));

    // The baseline: recorded for the pinned release; another release is compared with it and may differ.
    let baseline_path = fixtures_dir().join(format!("{pinned}.tsv"));
    let own_baseline = fixtures_dir().join(format!("{}.tsv", cli.version));
    if recording() {
        fs::create_dir_all(fixtures_dir()).expect("fixtures dir");
        fs::write(&own_baseline, baseline_text(&runs)).expect("write the baseline");
    }
    let baseline = read_baseline(&baseline_path);
    let report = message_report(&cli, &pinned, &runs, &baseline, took);
    println!("{report}");
    if let Some(path) = std::env::var_os("CLAUDE_CLI_REPORT") {
        fs::write(path, &report).expect("write the report");
    }
    if cli.version == pinned && !recording() {
        for r in &runs {
            let key = (r.scenario.to_string(), r.config.name.to_string());
            let recorded = baseline.get(&key).map(String::as_str);
            if recorded != Some(tsv_field(&r.message).as_str()) {
                failures.push(format!(
                    "{}: printed something else than {} records (CLAUDE_CLI_RECORD=1 rewrites it)\n    printed: \
                     {}\n    recorded: {}",
                    where_(r),
                    baseline_path.display(),
                    r.message,
                    recorded.unwrap_or("(nothing)")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} runs failed:\n{}",
        failures.len(),
        runs.len(),
        failures.join("\n")
    );
}

/// A configuration in words, for failure messages.
fn describe(config: &Config) -> String {
    let mut parts: Vec<String> = config
        .env
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    if let Some(settings) = config.settings {
        parts.push(format!("~/.claude/settings.json {settings}"));
    }
    if let Some(login) = config.login {
        parts.push(format!("/login ({login:?}) in ~/.claude/.credentials.json"));
    }
    if config.gateway {
        parts.push(format!("ANTHROPIC_BASE_URL …{}", cli::GATEWAY_PATH));
    }
    if parts.is_empty() {
        "nothing set".to_string()
    } else {
        parts.join(", ")
    }
}

/// Checks [`SENT`] against the requests of the `valid` scenario.
fn header_failures(runs: &[MatrixRun]) -> Vec<String> {
    let mut failures = Vec::new();
    for r in runs.iter().filter(|r| r.scenario == "valid") {
        let Some(expected) = SENT.iter().find(|s| s.config == r.config.name) else {
            if r.config.sends_request {
                failures.push(format!("configuration {}: no row in SENT", r.config.name));
            }
            continue;
        };
        if r.requests.is_empty() {
            failures.push(format!(
                "configuration {}: no request reached the stand-in",
                r.config.name
            ));
        }
        let prefix = if r.config.gateway {
            cli::GATEWAY_PATH
        } else {
            ""
        };
        for request in &r.requests {
            let bearer = request
                .header("authorization")
                .map(|v| v.strip_prefix("Bearer").unwrap_or(v).trim());
            let beta = request
                .header("anthropic-beta")
                .is_some_and(|v| v.split(',').any(|b| b.trim() == "oauth-2025-04-20"));
            let path_ok = request.path.starts_with(&format!("{prefix}/v1/messages"));
            if request.header("x-api-key") != expected.x_api_key
                || bearer != expected.bearer
                || beta != expected.oauth_beta
                || !path_ok
            {
                failures.push(format!(
                    "configuration {}: sent {} {} with x-api-key {:?}, authorization {:?}, oauth beta {beta}; SENT \
                     expects x-api-key {:?}, Bearer {:?}, oauth beta {}",
                    r.config.name,
                    request.method,
                    request.path,
                    request.header("x-api-key"),
                    request.header("authorization"),
                    expected.x_api_key,
                    expected.bearer,
                    expected.oauth_beta
                ));
            }
        }
    }
    failures
}

/// The table of every distinct message with the page's cause, marked against the baseline: `NEW` (no run of the
/// baseline printed it), `CHANGED` (a scenario × configuration printed something else before), `UNKNOWN` (the page
/// does not recognise it); and the baseline's messages that no run printed any more.
fn message_report(
    cli: &ClaudeCli,
    pinned: &str,
    runs: &[MatrixRun],
    baseline: &BTreeMap<(String, String), String>,
    took: Duration,
) -> String {
    let known: BTreeSet<&str> = baseline.values().map(String::as_str).collect();
    let mut messages: BTreeMap<(&str, &str), Vec<&MatrixRun>> = BTreeMap::new();
    for r in runs {
        messages.entry((&r.message, &r.cause)).or_default().push(r);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Claude Code {} (binary {}): {} runs of `claude -p hi` in {:.1} s; baseline {pinned}.tsv ({} rows)",
        cli.version,
        cli.binary.display(),
        runs.len(),
        took.as_secs_f64(),
        baseline.len()
    );
    let _ = writeln!(
        out,
        "\nmark     cause                          where (scenario × configurations) / message"
    );
    for ((message, cause), group) in &messages {
        let mut marks = Vec::new();
        if !known.contains(tsv_field(message).as_str()) {
            marks.push("NEW");
        }
        let changed: Vec<String> = group
            .iter()
            .filter_map(|r| {
                let before = baseline.get(&(r.scenario.to_string(), r.config.name.to_string()))?;
                (*before != tsv_field(message)).then(|| before.clone())
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !changed.is_empty() {
            marks.push("CHANGED");
        }
        if *cause == "unknown" {
            marks.push("UNKNOWN");
        }
        let mut by_scenario: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for r in group {
            by_scenario
                .entry(r.scenario)
                .or_default()
                .push(r.config.name);
        }
        let places: Vec<String> = by_scenario
            .iter()
            .map(|(scenario, configs)| format!("{scenario} × {}", configs.join(", ")))
            .collect();
        let _ = writeln!(
            out,
            "{:<8} {cause:<30} {}",
            marks.join(","),
            places.join("; ")
        );
        let _ = writeln!(
            out,
            "{:<40}{}",
            "",
            message.replace('\n', "\n                                        ")
        );
        for before in changed {
            let _ = writeln!(out, "{:<40}was: {}", "", before);
        }
    }
    let printed: BTreeSet<String> = runs.iter().map(|r| tsv_field(&r.message)).collect();
    let gone: BTreeSet<&str> = known
        .iter()
        .copied()
        .filter(|m| !printed.contains(*m))
        .collect();
    for message in gone {
        let _ = writeln!(out, "GONE     {:<30} {message}", "");
    }
    let slowest = runs.iter().max_by_key(|r| r.run.elapsed);
    if let Some(slowest) = slowest {
        let total: Duration = runs.iter().map(|r| r.run.elapsed).sum();
        let _ = writeln!(
            out,
            "\nOne run took {:.2} s on average, at most {:.2} s ({} × {}).",
            total.as_secs_f64() / runs.len() as f64,
            slowest.run.elapsed.as_secs_f64(),
            slowest.scenario,
            slowest.config.name
        );
    }
    let mut refused: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in runs {
        for host in &r.run.refused {
            refused.entry(host).or_default().insert(r.config.name);
        }
    }
    for (host, configs) in &refused {
        let configs: Vec<&str> = configs.iter().copied().collect();
        let _ = writeln!(
            out,
            "Tried to reach {host} (refused by the loopback proxy) with: {}.",
            configs.join(", ")
        );
    }
    out
}

#[test]
fn claude_auth_status_prints_what_the_fixtures_hold() {
    let cli = ClaudeCli::locate();
    let dir = fixtures_dir().join("auth-status");
    let stand_in = StandIn::start_answering(Behaviour::Valid);
    let gateway_base_url = stand_in.base_url();
    let jobs: Vec<(&Config, bool)> = all_configs()
        .flat_map(|config| [(config, false), (config, true)])
        .collect();
    let runs = run_all(&jobs, |&(config, text)| {
        cli.auth_status(config, text, &gateway_base_url)
    });
    assert!(
        stand_in.requests().is_empty(),
        "claude auth status sent requests: {:?}",
        stand_in.requests()
    );
    if recording() {
        fs::create_dir_all(&dir).expect("fixtures dir");
    }
    let mut failures = Vec::new();
    for (&(config, text), run) in jobs.iter().zip(&runs) {
        let name = format!("{}.{}", config.name, if text { "txt" } else { "json" });
        let output = stable_output(&run.stdout, run, Some(stand_in.port()));
        if !text {
            let logged_in = serde_json::from_str::<serde_json::Value>(&run.stdout)
                .ok()
                .and_then(|json| json["loggedIn"].as_bool());
            let exit_says = run.exit_code.map(|code| code == 0);
            if logged_in.is_none() || logged_in != exit_says {
                failures.push(format!(
                    "{name}: exit {:?} with loggedIn {logged_in:?} (exit 0 means logged in)",
                    run.exit_code
                ));
            }
        }
        let path = dir.join(&name);
        if recording() {
            fs::write(&path, &output).expect("write the fixture");
            continue;
        }
        let recorded = fs::read_to_string(&path).unwrap_or_default();
        if recorded != output {
            failures.push(format!(
                "Claude Code {}, configuration {} ({}): `claude auth status{}` printed\n{output}\n    but {} holds\n{recorded}",
                cli.version,
                config.name,
                describe(config),
                if text { " --text" } else { "" },
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
