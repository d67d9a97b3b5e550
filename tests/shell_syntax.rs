//! Every command the page can generate, checked by the shells themselves.
//!
//! The commands come from everything that writes shell text: the fix steps (`steps::plan`) for every setup and a
//! set of evidence that reaches every branch, the CLAUDE.md section, the live test's curl command for every kind
//! of base URL and scheme, and the per-shell templates filled directly. Each unique bash, zsh and fish command is
//! parsed by `bash -n`, `zsh -n` and `fish --no-execute` (one process per command, fed on stdin). Text meant for a
//! file is parsed as that file's language instead: JSON with serde_json, a workflow excerpt as YAML.
//!
//! PowerShell and cmd cannot be installed on the Linux machines these tests run on: their commands get only the
//! substring lint of `support::shell_lint`, which every other command passes too, as an extra check.
//!
//! A missing bash, zsh or fish fails the test when `CI` is set (scripts/setup.sh installs them) and is skipped
//! with a loud message otherwise.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Instant;

use claude_auth_doctor::core::base_url::parse_base_url;
use claude_auth_doctor::core::claude_md::{render, TeamNotes};
use claude_auth_doctor::core::codes::{
    AuthScheme, CauseCode, FindingCode, Kind, Os, OutcomeCode, Shell, Verdict,
};
use claude_auth_doctor::core::commands as cmds;
use claude_auth_doctor::core::probe::curl_command;
use claude_auth_doctor::core::setup::Setup;
use claude_auth_doctor::core::steps::{plan, Evidence};

use crate::support::shell_lint::{is_file_snippet, lint};

/// Every unique generated text per shell, with a description of the first place that produced it.
type Generated = BTreeMap<(Shell, String), String>;

fn add(out: &mut Generated, shell: Shell, text: String, origin: impl FnOnce() -> String) {
    out.entry((shell, text)).or_insert_with(origin);
}

/// Evidence that reaches every branch of the fix steps: nothing; each cause; each verdict; each kind, alone and
/// with every finding (the kind decides which variable a cleaned-up secret goes to); each finding alone; each
/// outcome. Combinations beyond these add lines to the leads step, not commands.
fn evidence_cases() -> Vec<Evidence> {
    let mut out = vec![Evidence::default()];
    out.extend(CauseCode::ALL.iter().map(|&cause| Evidence {
        cause: Some(cause),
        ..Evidence::default()
    }));
    out.extend(Verdict::ALL.iter().map(|&verdict| Evidence {
        key_verdict: Some(verdict),
        ..Evidence::default()
    }));
    for &kind in Kind::ALL {
        out.push(Evidence {
            key_kind: Some(kind),
            ..Evidence::default()
        });
        out.push(Evidence {
            key_kind: Some(kind),
            findings: FindingCode::ALL.to_vec(),
            ..Evidence::default()
        });
    }
    out.extend(FindingCode::ALL.iter().map(|&finding| Evidence {
        findings: vec![finding],
        ..Evidence::default()
    }));
    out.extend(OutcomeCode::ALL.iter().map(|&outcome| Evidence {
        outcome: Some(outcome),
        ..Evidence::default()
    }));
    out
}

fn from_fix_steps(out: &mut Generated) {
    let evidence = evidence_cases();
    for setup in Setup::all() {
        for ev in &evidence {
            for step in plan(&setup, ev) {
                for command in step.commands {
                    let id = step.id;
                    add(out, setup.shell, command.text, || {
                        format!(
                            "fix step {id} ({:?}) for {setup:?} with {ev:?}",
                            command.label
                        )
                    });
                }
            }
        }
    }
}

/// The inline code spans of a Markdown text (CommonMark: a run of backticks closed by a run of the same length,
/// one space of padding on both sides stripped).
fn code_spans(markdown: &str) -> Vec<String> {
    let mut spans = Vec::new();
    let mut rest = markdown;
    while let Some(open) = rest.find('`') {
        let ticks = rest[open..].chars().take_while(|&c| c == '`').count();
        let fence = "`".repeat(ticks);
        let inner_start = open + ticks;
        let Some(len) = rest[inner_start..].find(&fence) else {
            break;
        };
        let inner = &rest[inner_start..inner_start + len];
        let inner = match inner.strip_prefix(' ').and_then(|i| i.strip_suffix(' ')) {
            Some(padded) if !padded.trim().is_empty() => padded,
            _ => inner,
        };
        spans.push(inner.to_string());
        rest = &rest[inner_start + len + ticks..];
    }
    spans
}

/// The commands of the CLAUDE.md section: each bullet under "How to check" names one command in its first code
/// span. Claude Code's own slash commands (`/status`) are typed into Claude Code, not into a shell.
fn from_claude_md(out: &mut Generated) {
    let notes = TeamNotes {
        gateway_base_url: Some("https://llm.example.com/anthropic".into()),
        ..TeamNotes::default()
    };
    for setup in Setup::all() {
        for ev in [
            Evidence::default(),
            Evidence {
                cause: Some(CauseCode::OrgDisabled),
                ..Evidence::default()
            },
        ] {
            let section = render(&setup, &ev, &notes);
            let how_to_check = section
                .split("\n### ")
                .find(|part| part.starts_with("How to check"))
                .unwrap_or_else(|| panic!("no How to check part in {section}"));
            let firsts: Vec<String> = how_to_check
                .lines()
                .filter(|line| line.starts_with("- "))
                .filter_map(|line| code_spans(line).into_iter().next())
                .collect();
            assert!(
                firsts.len() >= 3,
                "too few commands in How to check: {how_to_check}"
            );
            for command in firsts.into_iter().filter(|c| !c.starts_with('/')) {
                add(out, setup.shell, command, || {
                    format!("CLAUDE.md How to check for {setup:?}")
                });
            }
        }
    }
}

/// Base URLs of every shape the live test accepts: Anthropic's, a gateway with a path prefix (one of them with
/// every character a prefix may hold), a port, and loopback http.
const BASE_URLS: &[&str] = &[
    "",
    "https://api.anthropic.com",
    "https://llm-gateway.example.com/anthropic",
    "https://gw.example.com:8443/team-a.b_c~d/e+f=g,h:i@j%20k/",
    "http://127.0.0.1:4000",
    "http://localhost:8080/litellm",
    "http://[::1]:4000/v1prefix",
];

fn from_curl_command(out: &mut Generated) {
    for input in BASE_URLS {
        let base = parse_base_url(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        for &shell in Shell::ALL {
            for &scheme in AuthScheme::ALL {
                add(out, shell, curl_command(shell, &base, scheme), || {
                    format!("live test curl command for {input:?} ({scheme})")
                });
            }
        }
    }
}

/// Every template of the per-shell table, filled with every credential variable name.
fn from_templates(out: &mut Generated) {
    let names = cmds::CREDENTIAL_VARS;
    for &shell in Shell::ALL {
        let mut texts = vec![
            cmds::list_vars(shell),
            cmds::unset_all(shell, names),
            cmds::unset_all(shell, &names[..1]),
            cmds::set_var(shell, "CLAUDE_CODE_USE_BEDROCK", "1"),
            cmds::set_var(shell, "BROWSER", "/mnt/c/Program Files/Browser/browser.exe"),
            cmds::curl_key_check(shell),
            cmds::curl_gateway_check(shell),
            cmds::reach_check(shell),
            cmds::find_in_files(
                shell,
                &[
                    cmds::home_path(shell, ".claude/settings.json"),
                    cmds::path(shell, ".env"),
                    cmds::abs_path(shell, "/Library/Application Support/ClaudeCode/x.json"),
                ],
            ),
            cmds::edit_file(shell, &cmds::home_path(shell, ".claude/settings.json")),
        ];
        texts.extend(cmds::unset_universal(shell, names));
        for name in names {
            texts.push(cmds::show_masked(shell, name));
            texts.push(cmds::set_placeholder(shell, name));
            texts.push(cmds::prompt_secret(shell, name));
        }
        for &os in Os::ALL {
            texts.push(cmds::persist_var(shell, os, "AWS_REGION", "us-east-1"));
            texts.extend(cmds::delete_profile_lines(shell, os, names));
            texts.extend(cmds::delete_line(
                shell,
                &cmds::home_path(shell, ".zshrc"),
                12,
            ));
            texts.extend(cmds::list_windows_vars(shell, os));
            texts.extend(cmds::remove_user_vars(shell, os, names));
            texts.extend(cmds::remove_machine_vars(shell, os, names));
            for name in names {
                texts.push(cmds::persist_from_session(shell, os, name));
            }
        }
        for text in texts {
            add(out, shell, text, || format!("{shell} template"));
        }
    }
}

fn generated() -> &'static Generated {
    static GENERATED: OnceLock<Generated> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let start = Instant::now();
        let mut out = Generated::new();
        from_fix_steps(&mut out);
        from_claude_md(&mut out);
        from_curl_command(&mut out);
        from_templates(&mut out);
        let per_shell: Vec<String> = Shell::ALL
            .iter()
            .map(|&s| format!("{s}: {}", out.keys().filter(|(k, _)| *k == s).count()))
            .collect();
        eprintln!(
            "generated texts, unique per shell ({:?} to enumerate): {}",
            start.elapsed(),
            per_shell.join(", ")
        );
        out
    })
}

/// The commands of one shell, file snippets left out.
fn commands_of(shell: Shell) -> Vec<(&'static str, &'static str)> {
    generated()
        .iter()
        .filter(|((s, text), _)| *s == shell && !is_file_snippet(text))
        .map(|((_, text), origin)| (text.as_str(), origin.as_str()))
        .collect()
}

// ---------------------------------------------------------------------------------------------------------------
// The shells

/// How a shell checks syntax without running anything: the script comes on stdin, no startup files are read.
struct Parser {
    shell: Shell,
    program: &'static str,
    args: &'static [&'static str],
}

const BASH: Parser = Parser {
    shell: Shell::Bash,
    program: "bash",
    args: &["--norc", "--noprofile", "-n"],
};
// zsh reads /etc/zshenv whatever the flags; with -n (NO_EXEC) it only parses it.
const ZSH: Parser = Parser {
    shell: Shell::Zsh,
    program: "zsh",
    args: &["-f", "-n"],
};
// fish ignores --no-execute for -c commands (3.6): the script must come on stdin or from a file.
const FISH: Parser = Parser {
    shell: Shell::Fish,
    program: "fish",
    args: &["--no-config", "--no-execute"],
};

impl Parser {
    /// Whether the shell is installed. When it is not: a failure under CI, a loud skip elsewhere.
    fn available(&self) -> bool {
        let found = Command::new(self.program)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            let message = format!(
                "{} is not installed, so no {} command was parsed. Install it: apt-get install -y zsh fish \
                 (scripts/setup.sh does)",
                self.program, self.shell
            );
            assert!(std::env::var_os("CI").is_none(), "{message}");
            // Straight to the process's stderr: the test harness captures eprintln! of passing tests.
            let banner = "!".repeat(100);
            let _ = writeln!(
                std::io::stderr(),
                "\n{banner}\n!!! SKIPPED: {message}\n{banner}\n"
            );
        }
        found
    }

    /// Parses one script; the shell's complaint when it does not parse.
    fn check(&self, script: &str) -> Result<(), String> {
        let mut child = Command::new(self.program)
            .args(self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{} does not start: {e}", self.program));
        let mut stdin = child.stdin.take().expect("stdin is piped");
        stdin
            .write_all(script.as_bytes())
            .and_then(|()| stdin.write_all(b"\n"))
            .unwrap_or_else(|e| panic!("writing to {}: {e}", self.program));
        drop(stdin);
        let output = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("{} did not finish: {e}", self.program));
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{} ({}): {}{}",
                self.program,
                output.status,
                String::from_utf8_lossy(&output.stderr).trim(),
                String::from_utf8_lossy(&output.stdout).trim()
            ))
        }
    }

    /// Parses every generated command of this shell, one process each, and lists every one that fails.
    fn check_every_command(&self) {
        if !self.available() {
            return;
        }
        let commands = commands_of(self.shell);
        let start = Instant::now();
        assert!(
            commands.len() > 50,
            "only {} {} commands",
            commands.len(),
            self.shell
        );
        let failures: Vec<String> = commands
            .iter()
            .filter_map(|(text, origin)| {
                self.check(text)
                    .err()
                    .map(|why| format!("{origin}\n  command: {text}\n  {why}"))
            })
            .collect();
        eprintln!(
            "{}: parsed {} unique commands in {:?}",
            self.program,
            commands.len(),
            start.elapsed()
        );
        assert!(
            failures.is_empty(),
            "{} of {} {} commands do not parse:\n\n{}",
            failures.len(),
            commands.len(),
            self.shell,
            failures.join("\n\n")
        );
    }
}

#[test]
fn bash_parses_every_bash_command() {
    BASH.check_every_command();
}

#[test]
fn zsh_parses_every_zsh_command() {
    ZSH.check_every_command();
}

#[test]
fn fish_parses_every_fish_command() {
    FISH.check_every_command();
}

/// The check can fail: each shell rejects a broken command, and the idioms of one shell that another lacks.
#[test]
fn the_shells_reject_what_they_cannot_parse() {
    let broken: [(Parser, &[&str]); 3] = [
        (BASH, &["echo 'unbalanced", "set -gx A (string length x)"]),
        (ZSH, &["echo 'unbalanced", "printf '%s' \"${{A}: -4}\""]),
        (
            FISH,
            &[
                "echo 'unbalanced",
                "printf '%s' \"${A: -4}\"",
                "if test -n x; echo y",
            ],
        ),
    ];
    for (parser, texts) in broken {
        if !parser.available() {
            continue;
        }
        assert_eq!(parser.check("echo ok"), Ok(()));
        for text in texts {
            assert!(
                parser.check(text).is_err(),
                "{} accepted {text}",
                parser.program
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Files

/// What a file snippet is, from its first characters.
enum FileSnippet<'a> {
    /// A whole JSON settings file: `{ … }`.
    Json(&'a str),
    /// One member of a JSON settings object: `"name": …`.
    JsonMember(&'a str),
    /// A YAML excerpt headed `# file: <path> (excerpt)`.
    Yaml(&'a str),
}

fn file_snippet(text: &str) -> FileSnippet<'_> {
    let t = text.trim_start();
    if t.starts_with("# file:") {
        FileSnippet::Yaml(text)
    } else if t.starts_with('"') {
        FileSnippet::JsonMember(text)
    } else {
        FileSnippet::Json(text)
    }
}

fn parse_json(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))
}

/// Parses a snippet as its file's language; for a JSON settings file, returns its `apiKeyHelper` command.
fn check_file_snippet(text: &str) -> Result<Option<String>, String> {
    match file_snippet(text) {
        FileSnippet::Json(json) => {
            let value = parse_json(json)?;
            if !value.is_object() {
                return Err("a settings file is a JSON object".into());
            }
            Ok(value
                .get("apiKeyHelper")
                .and_then(|h| h.as_str())
                .map(str::to_string))
        }
        FileSnippet::JsonMember(member) => parse_json(&format!("{{{member}}}")).map(|_| None),
        FileSnippet::Yaml(yaml) => {
            let first = yaml.lines().next().unwrap_or("");
            if !(first.contains(".yml") || first.contains(".yaml")) {
                return Err(format!("the heading names no YAML file: {first}"));
            }
            let docs = yaml_rust2::YamlLoader::load_from_str(yaml)
                .map_err(|e| format!("not YAML: {e}"))?;
            match docs.first() {
                Some(doc) if !doc.is_null() && !doc.is_badvalue() => Ok(None),
                _ => Err("an empty YAML excerpt".into()),
            }
        }
    }
}

#[test]
fn file_snippets_parse_as_their_files_language() {
    let snippets: Vec<(&str, &str)> = generated()
        .iter()
        .filter(|((_, text), _)| is_file_snippet(text))
        .map(|((_, text), origin)| (text.as_str(), origin.as_str()))
        .collect();
    assert!(snippets.len() >= 5, "only {} file snippets", snippets.len());
    let mut failures = Vec::new();
    let mut helpers = Vec::new();
    for (text, origin) in &snippets {
        match check_file_snippet(text) {
            Ok(helper) => helpers.extend(helper.map(|h| (h, *origin))),
            Err(why) => failures.push(format!("{origin}\n  snippet: {text}\n  {why}")),
        }
    }
    // An apiKeyHelper is a command line Claude Code hands to a shell (sh; Git Bash on Windows).
    assert!(!helpers.is_empty(), "no apiKeyHelper snippet was generated");
    if BASH.available() {
        for (helper, origin) in helpers {
            if let Err(why) = BASH.check(&helper) {
                failures.push(format!("{origin}\n  apiKeyHelper: {helper}\n  {why}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn file_snippet_checks_reject_broken_files() {
    assert!(check_file_snippet("{ \"apiKeyHelper\": \"x\" ").is_err());
    assert!(check_file_snippet("\"a\": [1,]").is_err());
    assert!(check_file_snippet("# file: a.yml (excerpt)\n  a: [1\n").is_err());
    assert!(check_file_snippet("# file: a.txt\n  a: 1").is_err());
    assert_eq!(
        check_file_snippet("{ \"apiKeyHelper\": \"x -y\" }"),
        Ok(Some("x -y".into()))
    );
}

// ---------------------------------------------------------------------------------------------------------------
// The lint (all five shells)

#[test]
fn every_generated_text_passes_the_lint_and_has_no_placeholder_left() {
    let mut failures = Vec::new();
    for ((shell, text), origin) in generated() {
        if let Err(why) = lint(*shell, text) {
            failures.push(format!("{origin}\n  {shell}: {text}\n  {why}"));
        }
        for placeholder in ["{name}", "{names}", "{value}", "{file}", "{files}"] {
            if text.contains(placeholder) {
                failures.push(format!("{origin}\n  unfilled {placeholder}: {text}"));
            }
        }
    }
    for &shell in Shell::ALL {
        assert!(
            generated().keys().filter(|(s, _)| *s == shell).count() > 50,
            "too few {shell} texts"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn lint_catches_cross_shell_mistakes() {
    assert!(lint(Shell::Powershell, "export A=1").is_err());
    assert!(lint(Shell::Powershell, "curl https://x").is_err());
    assert!(lint(Shell::Cmd, "$env:A = 1").is_err());
    assert!(lint(Shell::Fish, "export A=1").is_err());
    assert!(lint(Shell::Bash, "set -x A 1").is_err());
    assert!(lint(Shell::Bash, "$env:A").is_err());
    assert!(lint(Shell::Cmd, "set A=<paste-your-key>").is_err());
    assert!(lint(Shell::Bash, "echo sk-ant-api03-xyz").is_err());
    assert!(lint(Shell::Fish, "{\"env\": {\"A\": \"${X}\"}}").is_ok());
}
