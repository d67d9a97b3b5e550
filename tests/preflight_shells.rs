//! The generated pre-flight scripts run for real: the POSIX script in bash, zsh and sh (dash), the fish script in
//! fish, each in a temporary HOME and project with profile and settings files, a `curl` wrapper that records its
//! command line, and the loopback stand-in API (tests/support/stand_in_api.rs).
//!
//! `claude` is not on PATH here, except as a stand-in that never answers (the scripts' own time limit, which the
//! real CLI does not reach offline). The cases whose verdict or report depends on what `claude auth status` says (a
//! `/login`, logged out, a setup-token, a profile, a key beside a login, a cloud switch, the project's settings) run
//! with the real Claude Code CLI in [`claude_cli_preflight`] (feature `claude-cli`).
//!
//! Checked for every case and shell: the exit code, one verdict line, the header sent (or that nothing was sent),
//! that only `GET /v1/models` is ever called, that no secret appears in the output or on curl's command line, and
//! that the `--report` output, read back by `sources::analyze`, names the same winner.
//!
//! A shell that is not installed is skipped with a message, except under CI (`CI` set), where it fails the test:
//! `apt-get install -y zsh fish` (and `shellcheck`, which checks the POSIX script). PowerShell is not installable
//! here; its script is checked structurally at the end.

use crate::support::stand_in_api::{
    self as stand_in, Behaviour, Options, StandIn, KEY_INVALID_X_API_KEY, KEY_VALID,
};
use claude_auth_doctor::core::codes::{Auth, ConflictCode, Launcher, Os, Shell, SourceCode};
use claude_auth_doctor::core::preflight::{
    self, EXIT_LOCAL_PROBLEM, EXIT_READY, EXIT_REJECTED, EXIT_UNREACHABLE,
};
use claude_auth_doctor::core::setup::Setup;
use claude_auth_doctor::core::sources::{analyze, SourcesReport};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The cases whose verdict or report depends on `claude auth status`, with the real Claude Code CLI on PATH (feature
/// `claude-cli`): `-- preflight_shells::claude_cli_preflight::`.
#[cfg(feature = "claude-cli")]
mod claude_cli_preflight;

/// A shell the scripts run in.
#[derive(Clone, Copy, Debug)]
struct ShellUnderTest {
    program: &'static str,
    /// Whose script it runs.
    shell: Shell,
}

const CANDIDATES: &[ShellUnderTest] = &[
    ShellUnderTest {
        program: "bash",
        shell: Shell::Bash,
    },
    ShellUnderTest {
        program: "zsh",
        shell: Shell::Zsh,
    },
    ShellUnderTest {
        program: "sh",
        shell: Shell::Bash,
    },
    ShellUnderTest {
        program: "fish",
        shell: Shell::Fish,
    },
];

/// The directories the scripts' tools come from (curl, awk, sed, grep, dd, mktemp…), and nothing else.
const SYSTEM_PATH: &str = "/usr/local/bin:/usr/bin:/bin";

fn installed(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .env("PATH", SYSTEM_PATH)
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The installed shells; a missing one is skipped with a message, or fails the test under CI.
fn shells() -> Vec<ShellUnderTest> {
    let mut out = Vec::new();
    for s in CANDIDATES {
        if installed(s.program) {
            out.push(*s);
        } else if std::env::var_os("CI").is_some() {
            panic!("{} is not installed: CI must run the pre-flight scripts in every shell (apt-get install -y zsh fish)", s.program);
        } else {
            eprintln!("SKIPPED: {} is not installed (apt-get install -y zsh fish); its pre-flight runs are skipped", s.program);
        }
    }
    assert!(!out.is_empty(), "no shell to run the scripts in");
    out
}

fn real_curl() -> String {
    let out = Command::new("sh")
        .args(["-c", "command -v curl"])
        .env("PATH", SYSTEM_PATH)
        .output()
        .expect("sh runs");
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!path.is_empty(), "curl is needed by the pre-flight scripts");
    path
}

/// What `claude` is on PATH.
#[derive(Clone, Debug)]
enum Claude {
    /// Not on PATH.
    Missing,
    /// A stand-in that prints a version but never answers `claude auth status` (sleeps far longer than the script's
    /// time limit).
    Hangs,
    /// The real Claude Code CLI: this binary, linked onto PATH.
    #[cfg(feature = "claude-cli")]
    Real(PathBuf),
}

/// A temporary HOME, project directory and bin directory; removed when dropped.
struct Sandbox {
    root: PathBuf,
}

static SANDBOXES: AtomicUsize = AtomicUsize::new(0);

/// Held while an executable is written and while a process is spawned: a fork in one thread while another holds a
/// stub open for writing would make exec'ing that stub fail with "Text file busy".
static EXEC_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Sandbox {
    fn new() -> Sandbox {
        let n = SANDBOXES.fetch_add(1, Ordering::Relaxed);
        let root =
            std::env::temp_dir().join(format!("claude-preflight-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["home/.claude", "project/.claude", "bin", "tmp"] {
            std::fs::create_dir_all(root.join(dir)).expect("create sandbox");
        }
        let sandbox = Sandbox { root };
        sandbox.write_exec(
            "bin/curl",
            &format!(
                "#!/bin/sh\nprintf '%s\\n' \"$@\" >> \"$ARGV_LOG\"\nexec {} \"$@\"\n",
                real_curl()
            ),
        );
        sandbox
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    fn write_exec(&self, rel: &str, text: &str) {
        use std::os::unix::fs::PermissionsExt;
        let _exclusive = EXEC_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        self.write(rel, text);
        std::fs::set_permissions(self.path(rel), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
    }

    fn claude(&self, claude: &Claude) {
        match claude {
            Claude::Missing => {}
            Claude::Hangs => self.write_exec(
                "bin/claude",
                "#!/bin/sh\ncase \"$1\" in\n  --version) echo '2.1.332 (Claude Code)' ;;\n  auth) sleep 60 ;;\nesac\n",
            ),
            #[cfg(feature = "claude-cli")]
            Claude::Real(binary) => {
                std::os::unix::fs::symlink(binary, self.path("bin/claude")).expect("link claude")
            }
        }
    }

    /// Runs a script in a shell with exactly this environment (nothing inherited) from the project directory.
    fn run(
        &self,
        shell: ShellUnderTest,
        script: &Path,
        args: &[&str],
        env: &[(String, String)],
        trace: bool,
    ) -> Run {
        let mut cmd = self.command(Path::new(shell.program), env);
        if trace && shell.shell != Shell::Fish {
            cmd.arg("-x");
        }
        cmd.arg(script).args(args);
        if trace && shell.shell == Shell::Fish {
            cmd.env("fish_trace", "1");
        }
        self.finish(cmd, shell.program)
    }

    /// Runs the sandbox's `claude` as the scripts do: same environment, same directory.
    #[cfg(feature = "claude-cli")]
    fn run_claude(&self, args: &[&str], env: &[(String, String)]) -> Run {
        let mut cmd = self.command(&self.path("bin/claude"), env);
        cmd.args(args);
        self.finish(cmd, "claude")
    }

    /// A command run from the project directory with exactly this environment (nothing inherited).
    fn command(&self, program: &Path, env: &[(String, String)]) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(self.path("project"))
            .env_clear()
            .env("HOME", self.path("home"))
            .env(
                "PATH",
                format!("{}:{SYSTEM_PATH}", self.path("bin").display()),
            )
            .env("TMPDIR", self.path("tmp"))
            .env("ARGV_LOG", self.path("curl-argv.log"))
            .env("CLAUDE_PREFLIGHT_TIMEOUT", "5")
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Spawns a command and waits for it, 40 s at most.
    fn finish(&self, mut cmd: Command, program: &str) -> Run {
        let started = Instant::now();
        let spawned = {
            let _exclusive = EXEC_LOCK.lock().unwrap_or_else(|e| e.into_inner());
            cmd.spawn()
        };
        let mut child = spawned.unwrap_or_else(|e| panic!("{program}: {e}"));
        let mut stdout = child.stdout.take().expect("piped");
        let mut stderr = child.stderr.take().expect("piped");
        let out = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stdout.read_to_string(&mut s);
            s
        });
        let err = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if started.elapsed() > Duration::from_secs(40) {
                let _ = child.kill();
                panic!("{program} did not finish within 40 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Run {
            code: status.code().unwrap_or(-1),
            stdout: out.join().expect("stdout"),
            stderr: err.join().expect("stderr"),
            elapsed: started.elapsed(),
            curl_argv: std::fs::read_to_string(self.path("curl-argv.log")).unwrap_or_default(),
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    curl_argv: String,
}

fn setup(shell: Shell, auth: Auth) -> Setup {
    Setup {
        os: Os::Linux,
        shell,
        launcher: Launcher::Terminal,
        auth,
    }
}

/// Writes the script for a shell and intended method into the sandbox.
fn write_script(sandbox: &Sandbox, shell: ShellUnderTest, auth: Auth, base_url: &str) -> PathBuf {
    let text = preflight::script(&setup(shell.shell, auth), Some(base_url));
    let rel = format!("{}-{}", shell.program, preflight::file_name(shell.shell));
    sandbox.write(&rel, &text);
    sandbox.path(&rel)
}

/// An OAuth access token's shape with a synthetic body.
fn oauth_token() -> String {
    format!("sk-ant-oat01-{}", &KEY_VALID[13..])
}

/// Asserts that no secret (nor a 12-character piece of one past its prefix) appears in a text.
fn assert_no_secret(text: &str, secrets: &[String], context: &str) {
    for secret in secrets {
        let body: Vec<char> = secret.chars().skip(13).collect();
        for piece in body.windows(12) {
            let piece: String = piece.iter().collect();
            assert!(
                !text.contains(&piece),
                "{context}: a piece of a secret appears:\n{text}"
            );
        }
    }
}

/// One situation on a machine.
struct Case {
    name: &'static str,
    auth: Auth,
    env: Vec<(&'static str, String)>,
    /// Files under the sandbox root (`home/…`, `project/…`).
    files: Vec<(&'static str, String)>,
    claude: Claude,
    exit: i32,
    /// The headers the API must have received (name, value), or none: no request at all.
    sent: Option<Vec<(&'static str, String)>>,
    /// The winner `analyze` must name from the `--report` output; `None` where the text cannot say.
    winner: Option<SourceCode>,
    conflict: Option<ConflictCode>,
}

fn settings(env: &[(&str, &str)]) -> String {
    let members: Vec<String> = env
        .iter()
        .map(|(k, v)| format!("    {}: {}", serde_json::json!(k), serde_json::json!(v)))
        .collect();
    // Windows line endings must not matter.
    format!(
        "{{\r\n  \"env\": {{\r\n{}\r\n  }}\r\n}}\r\n",
        members.join(",\r\n")
    )
}

fn cases(api: &str) -> Vec<Case> {
    let split_key = format!("{}\n{}", &KEY_VALID[..50], &KEY_VALID[50..]);
    vec![
        Case {
            name: "an API key the API accepts",
            auth: Auth::ApiKey,
            env: vec![("ANTHROPIC_API_KEY", KEY_VALID.to_string())],
            files: vec![("home/.zshrc", format!("# keys\nalias ll='ls -l'\nexport ANTHROPIC_API_KEY=\"{KEY_VALID}\"\n"))],
            claude: Claude::Missing,
            exit: EXIT_READY,
            sent: Some(vec![("x-api-key", KEY_VALID.to_string())]),
            winner: Some(SourceCode::ApiKey),
            conflict: None,
        },
        Case {
            name: "an API key the API rejects",
            auth: Auth::ApiKey,
            env: vec![("ANTHROPIC_API_KEY", KEY_INVALID_X_API_KEY.to_string())],
            files: vec![],
            claude: Claude::Missing,
            exit: EXIT_REJECTED,
            sent: Some(vec![("x-api-key", KEY_INVALID_X_API_KEY.to_string())]),
            winner: Some(SourceCode::ApiKey),
            conflict: None,
        },
        Case {
            name: "a gateway token from the environment, as Bearer",
            auth: Auth::Gateway,
            env: vec![("ANTHROPIC_AUTH_TOKEN", KEY_VALID.to_string()), ("ANTHROPIC_BASE_URL", api.to_string())],
            files: vec![],
            claude: Claude::Missing,
            exit: EXIT_READY,
            sent: Some(vec![("authorization", format!("Bearer {KEY_VALID}"))]),
            winner: Some(SourceCode::AuthToken),
            conflict: None,
        },
        Case {
            name: "a settings env value beats the shell's",
            auth: Auth::ApiKey,
            env: vec![("ANTHROPIC_API_KEY", KEY_INVALID_X_API_KEY.to_string())],
            files: vec![("home/.claude/settings.json", settings(&[("ANTHROPIC_API_KEY", KEY_VALID)]))],
            claude: Claude::Missing,
            exit: EXIT_READY,
            sent: Some(vec![("x-api-key", KEY_VALID.to_string())]),
            winner: Some(SourceCode::ApiKey),
            conflict: Some(ConflictCode::SettingsEnvOverride),
        },
        Case {
            name: "an apiKeyHelper, sent in both headers",
            auth: Auth::ApiKey,
            env: vec![],
            files: vec![
                ("home/.anthropic-key", KEY_VALID.to_string()),
                (
                    "home/.claude/settings.json",
                    "{\"apiKeyHelper\": \"cat \\\"$HOME/.anthropic-key\\\"\", \"permissions\": {\"allow\": [\"Bash(ls)\"]}}"
                        .to_string(),
                ),
            ],
            claude: Claude::Missing,
            exit: EXIT_READY,
            sent: Some(vec![
                ("x-api-key", KEY_VALID.to_string()),
                ("authorization", format!("Bearer {KEY_VALID}")),
            ]),
            winner: Some(SourceCode::ApiKeyHelper),
            conflict: None,
        },
        Case {
            name: "an OAuth token in ANTHROPIC_API_KEY",
            auth: Auth::ApiKey,
            env: vec![("ANTHROPIC_API_KEY", oauth_token())],
            files: vec![],
            claude: Claude::Missing,
            exit: EXIT_LOCAL_PROBLEM,
            sent: None,
            winner: Some(SourceCode::ApiKey),
            conflict: Some(ConflictCode::DamagedCredential),
        },
        Case {
            name: "a line break inside the key",
            auth: Auth::ApiKey,
            env: vec![("ANTHROPIC_API_KEY", split_key)],
            files: vec![],
            claude: Claude::Missing,
            exit: EXIT_LOCAL_PROBLEM,
            sent: None,
            winner: Some(SourceCode::ApiKey),
            conflict: Some(ConflictCode::DamagedCredential),
        },
        Case {
            name: "quotes around the key",
            auth: Auth::ApiKey,
            env: vec![("ANTHROPIC_API_KEY", format!("\"{KEY_VALID}\""))],
            files: vec![],
            claude: Claude::Missing,
            exit: EXIT_LOCAL_PROBLEM,
            sent: None,
            winner: Some(SourceCode::ApiKey),
            conflict: Some(ConflictCode::DamagedCredential),
        },
        Case {
            name: "a token and a key both set",
            auth: Auth::Gateway,
            env: vec![
                ("ANTHROPIC_AUTH_TOKEN", KEY_VALID.to_string()),
                ("ANTHROPIC_API_KEY", KEY_INVALID_X_API_KEY.to_string()),
            ],
            files: vec![],
            claude: Claude::Missing,
            exit: EXIT_LOCAL_PROBLEM,
            sent: None,
            winner: Some(SourceCode::AuthToken),
            conflict: Some(ConflictCode::TokenAndKey),
        },
        Case {
            name: "nothing set and no claude to ask",
            auth: Auth::Subscription,
            env: vec![],
            files: vec![],
            claude: Claude::Missing,
            exit: EXIT_LOCAL_PROBLEM,
            sent: None,
            winner: Some(SourceCode::Unknown),
            conflict: None,
        },
        Case {
            name: "claude auth status never answers",
            auth: Auth::Subscription,
            env: vec![("CLAUDE_PREFLIGHT_TIMEOUT", "2".to_string())],
            files: vec![],
            claude: Claude::Hangs,
            exit: EXIT_LOCAL_PROBLEM,
            sent: None,
            winner: None,
            conflict: None,
        },
        Case {
            name: "a base URL where nothing listens",
            auth: Auth::Gateway,
            env: vec![("ANTHROPIC_AUTH_TOKEN", KEY_VALID.to_string()), ("ANTHROPIC_BASE_URL", "http://127.0.0.1:9".to_string())],
            files: vec![],
            claude: Claude::Missing,
            exit: EXIT_UNREACHABLE,
            sent: None,
            winner: Some(SourceCode::AuthToken),
            conflict: None,
        },
    ]
}

/// Every secret a case holds.
fn secrets(case: &Case) -> Vec<String> {
    let mut s: Vec<String> = case
        .env
        .iter()
        .filter(|(k, _)| k.contains("KEY") || k.contains("TOKEN"))
        .map(|(_, v)| v.replace(['"', '\n'], ""))
        .filter(|v| v.len() > 20)
        .collect();
    s.push(KEY_VALID.to_string());
    s
}

#[test]
fn every_case_in_every_shell() {
    // One thread and one stand-in per shell: the runs wait on time limits more than they compute.
    let threads: Vec<_> = shells()
        .into_iter()
        .map(|shell| std::thread::spawn(move || every_case_in(shell)))
        .collect();
    for t in threads {
        if let Err(panic) = t.join() {
            std::panic::resume_unwind(panic);
        }
    }
}

fn every_case_in(shell: ShellUnderTest) {
    let api = StandIn::start();
    for case in cases(&api.base_url()) {
        let sandbox = Sandbox::new();
        sandbox.claude(&case.claude);
        check_case(&api, shell, &case, &sandbox);
    }
}

/// Runs a case's script in a sandbox (where `claude` is already in place), then its `--report`, and checks the
/// exit code, the one verdict line, what was sent, that no secret comes out, and what `analyze` reads from the
/// report. Returns the report and its analysis.
fn check_case(
    api: &StandIn,
    shell: ShellUnderTest,
    case: &Case,
    sandbox: &Sandbox,
) -> (Run, SourcesReport) {
    let context = format!("{} [{}]", case.name, shell.program);
    for (rel, text) in &case.files {
        sandbox.write(rel, text);
    }
    let script = write_script(sandbox, shell, case.auth, &api.base_url());
    let env: Vec<(String, String)> = case
        .env
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let secrets = secrets(case);

    api.clear_requests();
    let run = sandbox.run(shell, &script, &[], &env, false);
    assert_eq!(run.code, case.exit, "{context}: exit code\n{run:#?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{context}: one verdict line\n{run:#?}");
    assert!(
        lines[0].starts_with("claude-preflight: "),
        "{context}: {run:#?}"
    );
    assert_no_secret(
        &format!("{}{}{}", run.stdout, run.stderr, run.curl_argv),
        &secrets,
        &context,
    );
    assert!(
        run.elapsed < Duration::from_secs(15),
        "{context}: took {:?}",
        run.elapsed
    );
    let requests = api.requests();
    assert!(
        requests
            .iter()
            .all(|r| r.method == "GET" && r.path == "/v1/models"),
        "{context}: only GET /v1/models may be called: {requests:#?}"
    );
    match &case.sent {
        None => assert!(
            requests.is_empty(),
            "{context}: nothing may be sent: {requests:#?}"
        ),
        Some(headers) => {
            assert_eq!(requests.len(), 1, "{context}: {requests:#?}");
            let r = &requests[0];
            assert_eq!(
                r.header("anthropic-version"),
                Some("2023-06-01"),
                "{context}"
            );
            for (name, value) in headers {
                assert_eq!(
                    r.header(name),
                    Some(value.as_str()),
                    "{context}: header {name}"
                );
            }
            for other in ["x-api-key", "authorization"] {
                if !headers.iter().any(|(n, _)| *n == other) {
                    assert_eq!(r.header(other), None, "{context}: {other} must not be sent");
                }
            }
        }
    }

    // The report, pasted back into the page.
    api.clear_requests();
    let report = sandbox.run(shell, &script, &["--report"], &env, false);
    assert_eq!(report.code, 0, "{context}: --report\n{report:#?}");
    assert!(
        api.requests().is_empty(),
        "{context}: --report calls nothing"
    );
    assert_no_secret(
        &format!("{}{}", report.stdout, report.stderr),
        &secrets,
        &format!("{context} --report"),
    );
    let analysed = analyze(&report.stdout, &setup(shell.shell, case.auth));
    if let Some(winner) = case.winner {
        assert_eq!(
            analysed.winner, winner,
            "{context}: the report names another winner\n{}\n{analysed:#?}",
            report.stdout
        );
        if let Some(source) = analysed.winning_source().filter(|s| s.name != "/login") {
            if case.exit != EXIT_LOCAL_PROBLEM || case.conflict.is_some() {
                assert!(
                    lines[0].contains(&source.name),
                    "{context}: the verdict names {}: {}",
                    source.name,
                    lines[0]
                );
            }
        }
    }
    if let Some(code) = case.conflict {
        assert!(
            analysed.has_conflict(code),
            "{context}: {code} expected\n{}\n{analysed:#?}",
            report.stdout
        );
    }
    assert_no_secret(
        &format!("{analysed:?}"),
        &secrets,
        &format!("{context} analysis"),
    );
    (report, analysed)
}

/// The stale key on line 3 of ~/.zshrc becomes the first fix, read from the report.
#[test]
fn the_report_points_at_the_profile_line() {
    let api = StandIn::start();
    let shell = shells()[0];
    let sandbox = Sandbox::new();
    sandbox.write(
        "home/.zshrc",
        &format!("export EDITOR=vim\n\nexport ANTHROPIC_API_KEY=\"{KEY_VALID}\"\n"),
    );
    let script = write_script(&sandbox, shell, Auth::Subscription, &api.base_url());
    let env = vec![("ANTHROPIC_API_KEY".to_string(), KEY_VALID.to_string())];
    let report = sandbox.run(shell, &script, &["--report"], &env, false);
    let analysed = analyze(&report.stdout, &setup(Shell::Zsh, Auth::Subscription));
    let first = analysed.fixes()[0];
    assert_eq!(
        first.title, "Delete line 3 of ~/.zshrc (it sets ANTHROPIC_API_KEY)",
        "{}",
        report.stdout
    );
    assert_eq!(first.commands, ["sed -i.bak '3d' ~/.zshrc"]);
}

/// What the stand-in answers for each key, and the exit code the scripts give it.
fn expected_exit(behaviour: Behaviour) -> Option<i32> {
    Some(match behaviour {
        Behaviour::Valid
        | Behaviour::LowCredit
        | Behaviour::Billing402
        | Behaviour::OrgDisabled
        | Behaviour::SpendLimit
        | Behaviour::ModelNotFound
        | Behaviour::GatewayOpenAiShape => EXIT_READY,
        Behaviour::InvalidXApiKey
        | Behaviour::InvalidCredentials
        | Behaviour::OauthNotSupported
        | Behaviour::OauthExpired
        | Behaviour::InvalidBearer
        | Behaviour::CorsHeaderMissing
        | Behaviour::CorsDisabledOrg
        | Behaviour::Permission
        | Behaviour::NotFound
        | Behaviour::LitellmAuth
        | Behaviour::GatewayDetail401
        | Behaviour::OauthOrgNotAllowed
        | Behaviour::Unexpected400 => EXIT_REJECTED,
        Behaviour::SpendCap429
        | Behaviour::RateLimited
        | Behaviour::ServerError
        | Behaviour::Overloaded
        | Behaviour::Html502
        | Behaviour::CaptivePortal
        | Behaviour::NonJson200
        | Behaviour::Waf403Html
        | Behaviour::LitellmNoDb
        | Behaviour::Gateway404
        | Behaviour::Dropped => EXIT_UNREACHABLE,
        // Checked with a short time limit in its own test.
        Behaviour::Slow => return None,
    })
}

#[test]
fn every_answer_of_the_api_maps_to_an_exit_code() {
    let api = StandIn::start();
    for shell in shells() {
        let sandbox = Sandbox::new();
        let script = write_script(&sandbox, shell, Auth::ApiKey, &api.base_url());
        for scenario in stand_in::SCENARIOS {
            let Some(exit) = expected_exit(scenario.behaviour) else {
                continue;
            };
            let env = vec![("ANTHROPIC_API_KEY".to_string(), scenario.key.to_string())];
            let run = sandbox.run(shell, &script, &[], &env, false);
            assert_eq!(
                run.code, exit,
                "{} [{}]: {run:#?}",
                scenario.name, shell.program
            );
            assert_eq!(
                run.stdout.lines().count(),
                1,
                "{} [{}]: {run:#?}",
                scenario.name,
                shell.program
            );
            assert_no_secret(&run.stdout, &[scenario.key.to_string()], scenario.name);
        }
    }
}

#[test]
fn a_slow_api_hits_the_scripts_own_time_limit() {
    let api = StandIn::start_with(Options { slow_ms: 12_000 });
    for shell in shells() {
        let sandbox = Sandbox::new();
        let script = write_script(&sandbox, shell, Auth::ApiKey, &api.base_url());
        let env = vec![
            (
                "ANTHROPIC_API_KEY".to_string(),
                stand_in::KEY_SLOW.to_string(),
            ),
            ("CLAUDE_PREFLIGHT_TIMEOUT".to_string(), "2".to_string()),
        ];
        let run = sandbox.run(shell, &script, &[], &env, false);
        assert_eq!(run.code, EXIT_UNREACHABLE, "[{}] {run:#?}", shell.program);
        assert!(
            run.stdout.contains("within 2s"),
            "[{}] {run:#?}",
            shell.program
        );
        assert!(
            run.elapsed < Duration::from_secs(8),
            "[{}] took {:?}",
            shell.program,
            run.elapsed
        );
    }
}

/// Tracing the script (`sh -x`, `fish_trace`) shows its commands, never a secret: it switches tracing off first.
#[test]
fn tracing_does_not_leak_the_secret() {
    let api = StandIn::start();
    for shell in shells() {
        let sandbox = Sandbox::new();
        sandbox.write(
            "home/.claude/settings.json",
            &settings(&[("ANTHROPIC_AUTH_TOKEN", KEY_VALID)]),
        );
        let script = write_script(&sandbox, shell, Auth::Gateway, &api.base_url());
        for args in [&[][..], &["--report"][..]] {
            let run = sandbox.run(shell, &script, args, &[], true);
            assert_eq!(run.code, EXIT_READY, "[{}] {run:#?}", shell.program);
            assert_no_secret(
                &format!("{}{}{}", run.stdout, run.stderr, run.curl_argv),
                &[KEY_VALID.to_string()],
                shell.program,
            );
        }
    }
}

/// The POSIX script passes shellcheck as sh and as bash, for every intended method and with a team base URL.
#[test]
fn the_posix_script_passes_shellcheck() {
    if !installed("shellcheck") {
        assert!(
            std::env::var_os("CI").is_none(),
            "shellcheck is not installed: CI must check the pre-flight script (apt-get install -y shellcheck)"
        );
        eprintln!("SKIPPED: shellcheck is not installed (apt-get install -y shellcheck)");
        return;
    }
    let sandbox = Sandbox::new();
    for &auth in Auth::ALL {
        for base in [None, Some("https://llm.example.com/anthropic")] {
            let text = preflight::script(&setup(Shell::Bash, auth), base);
            sandbox.write("check.sh", &text);
            for dialect in ["sh", "bash"] {
                let out = Command::new("shellcheck")
                    .args(["-s", dialect, "-f", "gcc"])
                    .arg(sandbox.path("check.sh"))
                    .env("PATH", SYSTEM_PATH)
                    .output()
                    .expect("shellcheck runs");
                assert!(
                    out.status.success(),
                    "{auth} as {dialect}:\n{}",
                    String::from_utf8_lossy(&out.stdout)
                );
            }
        }
    }
}

/// PowerShell cannot be installed here, so its script is checked for structure: balanced brackets, the parts every
/// run needs, the headers built in-process (never on a command line), and the same order as the table.
#[test]
fn the_powershell_script_is_well_formed() {
    for shell in [Shell::Powershell, Shell::Cmd] {
        let s = preflight::script(&setup(shell, Auth::ApiKey), Some("https://gw.example.com"));
        let mut stack = Vec::new();
        for (n, line) in s.lines().enumerate() {
            // Strings: '…' (no escapes, '' is a quote), "…" (backtick escapes); a comment runs to the end of the line.
            let (mut single, mut double, mut escaped) = (false, false, false);
            for c in line.chars() {
                match c {
                    _ if escaped => escaped = false,
                    '`' if !single => escaped = true,
                    '\'' if !double => single = !single,
                    '"' if !single => double = !double,
                    '#' if !single && !double => break,
                    '(' | '{' | '[' if !single && !double => stack.push(c),
                    ')' | '}' | ']' if !single && !double => {
                        let open = stack
                            .pop()
                            .unwrap_or_else(|| panic!("{shell}: unbalanced {c} on line {}", n + 1));
                        let expected = match c {
                            ')' => '(',
                            '}' => '{',
                            _ => '[',
                        };
                        assert_eq!(open, expected, "{shell}: mismatched {c} on line {}", n + 1);
                    }
                    _ => {}
                }
            }
            assert!(
                !single && !double,
                "{shell}: a string runs over the end of line {}: {line}",
                n + 1
            );
        }
        assert!(stack.is_empty(), "unclosed {stack:?}");
        for part in [
            "param([switch]$Report)",
            "Set-PSDebug -Off",
            "TryAddWithoutValidation('anthropic-version', '2023-06-01')",
            "\"$base/v1/models\"",
            "Write-Verdict 0 'ready'",
            "Write-Verdict 1 'rejected'",
            "Write-Verdict 2 'local problem'",
            "Write-Verdict 3 'unreachable'",
            "== claude-preflight report ==",
            "== end of report ==",
            "$TeamUrl = 'https://gw.example.com'",
            "Invoke-Bounded $claude.Source @('auth', 'status') -WithSettings",
            "$info.EnvironmentVariables[$name] = $Settings[$name].Value",
            "return , $pairs",
        ] {
            assert!(s.contains(part), "{shell}: missing {part}");
        }
        // `"$name:"` would be a scope-qualified variable (a parse error): a colon after a variable needs `${name}`.
        for (at, _) in s.match_indices('$') {
            let name: String = s[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let after = s[at + 1 + name.len()..].chars().next();
            assert!(
                name.is_empty()
                    || after != Some(':')
                    || name == "env"
                    || s[at + 1 + name.len()..].starts_with("::"),
                "{shell}: ${name}: at byte {at} needs braces"
            );
        }
        assert!(
            !s.contains("curl"),
            "{shell}: the secret must not go through a command line"
        );
        assert!(!s.contains("/v1/messages"));
    }
}
