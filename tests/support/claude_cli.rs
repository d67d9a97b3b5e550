//! The real Claude Code CLI, run offline against the loopback stand-in API (`stand_in_api.rs`).
//!
//! The release is pinned in one place, the `CLAUDE_CODE_VERSION=` line of `scripts/lib/claude-code.sh`;
//! `scripts/setup.sh --browser` installs it into `.tools/claude-code/<version>/`. `CLAUDE_CODE_BIN` runs another
//! binary instead (`scripts/claude-messages.sh VERSION` does that to compare a new release).
//!
//! Every run: a fresh `HOME`, working directory and `TMPDIR` (temporary, removed afterwards), a cleared environment
//! (`PATH` for the `/bin/sh` an `apiKeyHelper` runs in, `TERM=dumb`, `LANG=C.UTF-8`, the offline switches
//! `CLAUDE_CODE_MAX_RETRIES=0 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1`, then the
//! configuration's own variables), a hard time bound ([`RUN_TIME_LIMIT`], the whole process group is killed after
//! it), and loopback only: `HTTPS_PROXY`/`HTTP_PROXY` point at a [`LoopbackFence`] that records which host the CLI
//! tried to reach and refuses it, with `NO_PROXY=127.0.0.1,localhost` so the stand-in is reached directly. (Traced
//! with `strace` on 2.1.332: every `connect()` goes to 127.0.0.1, no DNS query, so the proxy variables confine it;
//! `scripts/claude-messages.sh` and `scripts/test.sh` add a private network namespace where the system allows one.)
//!
//! Credential configurations are data ([`MATRIX_CONFIGS`], [`STATUS_CONFIGS`]); every credential is synthetic.

use std::collections::{BTreeMap, VecDeque};
use std::fs;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub use super::cli_matrix::pinned_version;

/// A run that takes longer is killed (the CLI answers in about a second; a failing `apiKeyHelper` takes three).
pub const RUN_TIME_LIMIT: Duration = Duration::from_secs(30);

/// The variables every run gets (besides `PATH`, `HOME`, `TERM`, `LANG`, the proxy and the configuration's own).
pub const OFFLINE_ENV: &[(&str, &str)] = &[
    ("CLAUDE_CODE_MAX_RETRIES", "0"),
    ("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"),
    ("DISABLE_AUTOUPDATER", "1"),
];

// Synthetic credentials of the right shapes (random characters; none was ever issued).
pub const API_KEY: &str =
    "sk-ant-api03-gFIyq8C4g3HOZZUrvCG9sft1wxiJPrP0D3cuc7clKyC8stbatq0f4xWvDHTs6C5_lH9jr8-3dwJQPswC76ttlvm7Kud4iAA";
/// [`API_KEY`] with a line break after its 40th character, as a paste into a profile can leave it.
pub const API_KEY_WITH_LINE_BREAK: &str = concat!(
    "sk-ant-api03-gFIyq8C4g3HOZZUrvCG9sft1wxi",
    "\n",
    "JPrP0D3cuc7clKyC8stbatq0f4xWvDHTs6C5_lH9jr8-3dwJQPswC76ttlvm7Kud4iAA"
);
/// The key an `apiKeyHelper` prints.
pub const HELPER_KEY: &str =
    "sk-ant-api03-61E8G1vSse3wTfI5SpuIg1FNGVCWrNGGl4gvbf6sG6tN4dgJTAGIlBlHsxPeV6S5ob6u-X89SGyDYa2gYjOOQHtmbODhXAA";
pub const OAUTH_TOKEN: &str =
    "sk-ant-oat01-X-7hplOcTwTZdi4hYXL7q1BdJ-bR52_44Gkk2NSZZ-QtLbLuw43va_iCjm19o2tMKWVdeWTof40Vqb57RecHVy-8xMHUcAA";
pub const REFRESH_TOKEN: &str =
    "sk-ant-ort01-4YAMQf2zhuBKios7hbLhECZ_A-Gu2X6v4tQuYDnS3NV3PaaksGM7cuRpnhGrzuSHvo1AvQ5HnZP8EWC6KR55EmudMs5N7AA";
/// A gateway's own token (a LiteLLM-style virtual key).
pub const GATEWAY_TOKEN: &str = "sk-gw-virtual-7f3a9c2e1b4d8f6a0e5c2b7d";
/// The path a gateway serves the Anthropic API under.
pub const GATEWAY_PATH: &str = "/anthropic";

const HELPER_OK_SETTINGS: &str = r#"{"apiKeyHelper": "echo sk-ant-api03-61E8G1vSse3wTfI5SpuIg1FNGVCWrNGGl4gvbf6sG6tN4dgJTAGIlBlHsxPeV6S5ob6u-X89SGyDYa2gYjOOQHtmbODhXAA"}"#;
const HELPER_FAILING_SETTINGS: &str =
    r#"{"apiKeyHelper": "echo 'sso: session expired, run: sso login' >&2; exit 1"}"#;
/// A settings file whose `env` block sets [`API_KEY`].
pub const SETTINGS_ENV_API_KEY: &str = r#"{"env": {"ANTHROPIC_API_KEY": "sk-ant-api03-gFIyq8C4g3HOZZUrvCG9sft1wxiJPrP0D3cuc7clKyC8stbatq0f4xWvDHTs6C5_lH9jr8-3dwJQPswC76ttlvm7Kud4iAA"}}"#;

/// A `/login`, simulated by `~/.claude/.credentials.json` (the file Linux keeps it in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Login {
    /// A Max subscription whose access token expires in 2100.
    Active,
    /// The same, expired in 2023.
    Expired,
}

impl Login {
    pub fn credentials_json(self) -> String {
        let expires_at: u64 = match self {
            Login::Active => 4_102_444_800_000,
            Login::Expired => 1_700_000_000_000,
        };
        serde_json::to_string_pretty(&serde_json::json!({"claudeAiOauth": {
            "accessToken": OAUTH_TOKEN,
            "refreshToken": REFRESH_TOKEN,
            "expiresAt": expires_at,
            "scopes": ["user:inference", "user:profile", "user:sessions:claude_code"],
            "subscriptionType": "max",
            "rateLimitTier": "default_claude_max_20x",
        }}))
        .expect("credentials JSON")
    }
}

/// One credential configuration: what the person's machine has set.
#[derive(Debug)]
pub struct Config {
    pub name: &'static str,
    pub env: &'static [(&'static str, &'static str)],
    /// `~/.claude/settings.json`, if any.
    pub settings: Option<&'static str>,
    /// `.claude/settings.local.json` in the working directory, if any.
    pub project_settings: Option<&'static str>,
    pub login: Option<Login>,
    /// A gateway: `ANTHROPIC_BASE_URL` ends in [`GATEWAY_PATH`].
    pub gateway: bool,
    /// Whether `claude -p hi` sends a request at all. One that does not is run against one scenario only, and the
    /// matrix test checks that it still sends nothing.
    pub sends_request: bool,
}

/// A configuration with these variables and nothing else.
pub const fn config(name: &'static str, env: &'static [(&'static str, &'static str)]) -> Config {
    Config {
        name,
        env,
        settings: None,
        project_settings: None,
        login: None,
        gateway: false,
        sends_request: true,
    }
}

/// The configurations `claude -p hi` runs with, against every stand-in scenario.
pub const MATRIX_CONFIGS: &[Config] = &[
    config("api-key", &[("ANTHROPIC_API_KEY", API_KEY)]),
    Config {
        gateway: true,
        ..config(
            "auth-token-gateway",
            &[("ANTHROPIC_AUTH_TOKEN", GATEWAY_TOKEN)],
        )
    },
    config("oauth-token", &[("CLAUDE_CODE_OAUTH_TOKEN", OAUTH_TOKEN)]),
    config("oauth-in-api-key", &[("ANTHROPIC_API_KEY", OAUTH_TOKEN)]),
    Config {
        sends_request: false,
        ..config(
            "line-break-key",
            &[("ANTHROPIC_API_KEY", API_KEY_WITH_LINE_BREAK)],
        )
    },
    Config {
        settings: Some(HELPER_FAILING_SETTINGS),
        ..config("helper-failing", &[])
    },
    Config {
        settings: Some(HELPER_OK_SETTINGS),
        ..config("helper-ok", &[])
    },
    Config {
        login: Some(Login::Active),
        ..config("login", &[])
    },
    Config {
        sends_request: false,
        ..config("nothing", &[])
    },
    config(
        "token-and-key",
        &[
            ("ANTHROPIC_AUTH_TOKEN", GATEWAY_TOKEN),
            ("ANTHROPIC_API_KEY", API_KEY),
        ],
    ),
    Config {
        settings: Some(HELPER_OK_SETTINGS),
        ..config("helper-and-key", &[("ANTHROPIC_API_KEY", API_KEY)])
    },
];

/// Further combinations whose `claude auth status` output matters (which credential wins).
pub const STATUS_CONFIGS: &[Config] = &[
    Config {
        login: Some(Login::Active),
        ..config("login-and-api-key", &[("ANTHROPIC_API_KEY", API_KEY)])
    },
    Config {
        login: Some(Login::Active),
        ..config(
            "login-and-auth-token",
            &[("ANTHROPIC_AUTH_TOKEN", GATEWAY_TOKEN)],
        )
    },
    Config {
        login: Some(Login::Active),
        ..config(
            "login-and-oauth-token",
            &[("CLAUDE_CODE_OAUTH_TOKEN", OAUTH_TOKEN)],
        )
    },
    config(
        "oauth-token-and-api-key",
        &[
            ("CLAUDE_CODE_OAUTH_TOKEN", OAUTH_TOKEN),
            ("ANTHROPIC_API_KEY", API_KEY),
        ],
    ),
    Config {
        login: Some(Login::Expired),
        ..config("login-expired", &[])
    },
    Config {
        settings: Some(HELPER_FAILING_SETTINGS),
        login: Some(Login::Active),
        ..config("helper-failing-and-login", &[])
    },
    Config {
        settings: Some(SETTINGS_ENV_API_KEY),
        ..config("settings-env-api-key", &[])
    },
    Config {
        settings: Some(SETTINGS_ENV_API_KEY),
        login: Some(Login::Active),
        ..config("settings-env-api-key-and-login", &[])
    },
    config("empty-api-key", &[("ANTHROPIC_API_KEY", "")]),
];

/// Every configuration: the matrix's, then the status-only ones.
pub fn all_configs() -> impl Iterator<Item = &'static Config> {
    MATRIX_CONFIGS.iter().chain(STATUS_CONFIGS)
}

/// What one run printed and did.
#[derive(Clone, Debug)]
pub struct CliRun {
    pub stdout: String,
    pub stderr: String,
    /// `None`: killed (time limit) or ended by a signal.
    pub exit_code: Option<i32>,
    pub timed_out: bool,
    pub elapsed: Duration,
    /// What the CLI tried to reach besides loopback (refused by the fence), e.g. `api.anthropic.com:443`.
    pub refused: Vec<String>,
    /// The temporary `HOME` the run had (removed by now): output that names it can be made stable.
    pub home: PathBuf,
    /// The fence's port (`Proxy: http://127.0.0.1:PORT` in `auth status --text`).
    pub fence_port: u16,
    /// The whole environment the CLI ran with, in the order it was given (what `env` would have printed there).
    pub env: Vec<(String, String)>,
}

impl CliRun {
    /// What a terminal shows: the lines written to stderr while it ran, then the result on stdout.
    pub fn printed(&self) -> String {
        let mut text = self.stderr.trim_end().to_string();
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(self.stdout.trim_end());
        text
    }
}

/// The CLI binary and the release it reports.
#[derive(Clone, Debug)]
pub struct ClaudeCli {
    pub binary: PathBuf,
    pub version: String,
}

impl ClaudeCli {
    /// `CLAUDE_CODE_BIN` if set, else the pinned release under `.tools/claude-code/`. Panics with what to run when it
    /// is missing.
    pub fn locate() -> ClaudeCli {
        let binary = match std::env::var_os("CLAUDE_CODE_BIN") {
            Some(path) => PathBuf::from(path),
            None => pinned_binary(&pinned_version()),
        };
        let output = Command::new(&binary)
            .arg("--version")
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run Claude Code at {} ({e}): run scripts/setup.sh --browser",
                    binary.display()
                )
            });
        let reported = String::from_utf8_lossy(&output.stdout);
        let version = reported
            .trim()
            .strip_suffix(" (Claude Code)")
            .unwrap_or_else(|| panic!("{} --version printed {reported:?}", binary.display()))
            .to_string();
        ClaudeCli { binary, version }
    }

    /// `claude -p hi` against the stand-in at `api_base_url` (`http://127.0.0.1:PORT`).
    pub fn print_hi(&self, config: &Config, api_base_url: &str) -> CliRun {
        self.run(config, Some(api_base_url), &["-p", "hi"])
    }

    /// `claude auth status` (JSON) or `claude auth status --text`. It sends no request; `ANTHROPIC_BASE_URL` is set
    /// only for a gateway configuration (to `gateway_base_url`), as it would be on the person's machine.
    pub fn auth_status(&self, config: &Config, text: bool, gateway_base_url: &str) -> CliRun {
        let args: &[&str] = if text {
            &["auth", "status", "--text"]
        } else {
            &["auth", "status"]
        };
        self.run(config, config.gateway.then_some(gateway_base_url), args)
    }

    /// Runs the CLI once in a fresh HOME and cwd with `config`, bounded by [`RUN_TIME_LIMIT`].
    pub fn run(&self, config: &Config, api_base_url: Option<&str>, args: &[&str]) -> CliRun {
        let scratch = Scratch::new();
        let home = scratch.path.join("home");
        let cwd = scratch.path.join("work");
        fs::create_dir_all(home.join(".claude")).expect("HOME");
        fs::create_dir_all(&cwd).expect("cwd");
        let tmp = scratch.path.join("tmp");
        fs::create_dir_all(&tmp).expect("TMPDIR");
        if let Some(settings) = config.settings {
            fs::write(home.join(".claude/settings.json"), settings).expect("settings.json");
        }
        if let Some(settings) = config.project_settings {
            fs::create_dir_all(cwd.join(".claude")).expect(".claude");
            fs::write(cwd.join(".claude/settings.local.json"), settings)
                .expect("settings.local.json");
        }
        if let Some(login) = config.login {
            let path = home.join(".claude/.credentials.json");
            fs::write(&path, login.credentials_json()).expect(".credentials.json");
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod 600");
        }
        let fence = LoopbackFence::start();
        let proxy = format!("http://127.0.0.1:{}", fence.port());

        let mut env: Vec<(String, String)> = [
            ("PATH", "/usr/bin:/bin"),
            ("HOME", &*home.to_string_lossy()),
            ("TERM", "dumb"),
            ("LANG", "C.UTF-8"),
            ("TMPDIR", &*tmp.to_string_lossy()),
        ]
        .into_iter()
        .chain(OFFLINE_ENV.iter().copied())
        .chain([
            ("HTTPS_PROXY", proxy.as_str()),
            ("HTTP_PROXY", proxy.as_str()),
            ("NO_PROXY", "127.0.0.1,localhost"),
        ])
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
        if let Some(base) = api_base_url {
            let path = if config.gateway { GATEWAY_PATH } else { "" };
            env.push(("ANTHROPIC_BASE_URL".to_string(), format!("{base}{path}")));
        }
        env.extend(
            config
                .env
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string())),
        );

        let mut command = Command::new(&self.binary);
        command
            .args(args)
            .current_dir(&cwd)
            .env_clear()
            .envs(env.iter().map(|(name, value)| (name, value)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0);

        let started = Instant::now();
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("run {}: {e}", self.binary.display()));
        let stdout = read_in_background(child.stdout.take().expect("stdout pipe"));
        let stderr = read_in_background(child.stderr.take().expect("stderr pipe"));
        let mut timed_out = false;
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for the CLI") {
                break status;
            }
            if started.elapsed() > RUN_TIME_LIMIT {
                timed_out = true;
                kill_group(child.id());
                break child.wait().expect("wait for the killed CLI");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        // An apiKeyHelper's shell may outlive the CLI: nothing of the run stays behind.
        kill_group(child.id());
        let elapsed = started.elapsed();
        CliRun {
            stdout: stdout.join().unwrap_or_default(),
            stderr: stderr.join().unwrap_or_default(),
            exit_code: status.code(),
            timed_out,
            elapsed,
            refused: fence.attempts(),
            home,
            fence_port: fence.port(),
            env,
        }
    }
}

/// Runs `jobs` on a few threads (each job starts its own CLI, and its own stand-in where it needs one), keeping the
/// order of the results. `CLAUDE_CLI_JOBS` sets how many run at once (default: 2 per core, at most 8).
pub fn run_all<J: Sync, R: Send>(jobs: &[J], run: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let workers = std::env::var("CLAUDE_CLI_JOBS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| (2 * n.get()).min(8)))
        .max(1);
    let queue = Mutex::new((0..jobs.len()).collect::<VecDeque<_>>());
    let results = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let Some(index) = queue.lock().expect("queue").pop_front() else {
                    return;
                };
                let result = run(&jobs[index]);
                results.lock().expect("results").insert(index, result);
            });
        }
    });
    results
        .into_inner()
        .expect("results")
        .into_values()
        .collect()
}

fn pinned_binary(version: &str) -> PathBuf {
    let packages = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".tools/claude-code")
        .join(version)
        .join("node_modules/@anthropic-ai");
    // The platform package npm chose, e.g. claude-code-linux-x64 (the wrapper package is plain claude-code).
    fs::read_dir(&packages)
        .ok()
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with("claude-code-")
        })
        .map(|entry| entry.path().join("claude"))
        .find(|binary| binary.is_file())
        .unwrap_or_else(|| {
            panic!(
                "Claude Code {version} is not installed under {}: run scripts/setup.sh --browser",
                packages.display()
            )
        })
}

fn read_in_background(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// SIGKILL to the process group the CLI leads (it was started with `process_group(0)`).
fn kill_group(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pid}")])
        .stderr(Stdio::null())
        .status();
}

/// A temporary directory, removed when dropped.
struct Scratch {
    path: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "claude-cli-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("temporary directory");
        Scratch { path }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// The proxy every run is given: a loopback listener that records the first line of each request (`CONNECT
/// host:port …`, or an absolute URL) and answers 403, so nothing goes further and the attempt is on record.
pub struct LoopbackFence {
    port: u16,
    attempts: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl LoopbackFence {
    pub fn start() -> LoopbackFence {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("local address").port();
        let attempts = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (attempts, stop) = (attempts.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let Ok((mut stream, _)) = listener.accept() else {
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    };
                    let _ = stream.set_nonblocking(false);
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                    let mut head = [0u8; 1024];
                    let read = stream.read(&mut head).unwrap_or(0);
                    let line = String::from_utf8_lossy(&head[..read])
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_string();
                    let target = line.split(' ').nth(1).unwrap_or(&line).to_string();
                    if let Ok(mut attempts) = attempts.lock() {
                        attempts.push(target);
                    }
                    let _ = stream.write_all(
                        b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                    );
                    let _ = stream.shutdown(Shutdown::Both);
                }
            })
        };
        LoopbackFence {
            port,
            attempts,
            stop,
            thread: Some(thread),
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn attempts(&self) -> Vec<String> {
        self.attempts.lock().map(|a| a.clone()).unwrap_or_default()
    }
}

impl Drop for LoopbackFence {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Output made stable across runs, for fixtures and baselines: the run's temporary HOME becomes `/home/user`, the
/// fence's port `3128` and `api_port` (the stand-in's) `8080`, request ids `req_…`.
pub fn stable_output(text: &str, run: &CliRun, api_port: Option<u16>) -> String {
    let mut text = text.replace(&*run.home.to_string_lossy(), "/home/user");
    text = text.replace(&format!("127.0.0.1:{}", run.fence_port), "127.0.0.1:3128");
    if let Some(port) = api_port {
        text = text.replace(&format!("127.0.0.1:{port}"), "127.0.0.1:8080");
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("req_") {
        out.push_str(&rest[..at]);
        out.push_str("req_…");
        rest = rest[at + 4..].trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    }
    out.push_str(rest);
    out
}
