//! The generated "## Claude Code authentication" section for a project's CLAUDE.md.
//!
//! It takes no key argument at all and never holds a secret: the project CLAUDE.md is shared with the team through
//! git (Claude Code docs, "Manage Claude's memory": https://code.claude.com/docs/en/memory), so it says how credentials are provided and checked, never what they are. Team notes are
//! free text from the person; anything in them that looks like an Anthropic key is removed, lines are folded
//! to one line and capped. The output is deterministic and about 60 lines at most.

use crate::core::codes::{Auth, ConflictCode, Launcher, Os, Shell};
use crate::core::commands as cmds;
use crate::core::preflight;
use crate::core::setup::{auth_name, launcher_name, os_name, shell_name, Setup};
use crate::core::share;
use crate::core::steps::Evidence;
use crate::core::team::TeamConfig;

/// Optional team details for the section (all empty by default).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamNotes {
    pub org_name: Option<String>,
    pub docs_url: Option<String>,
    pub support: Option<String>,
    pub rotation_days: Option<u32>,
    pub gateway_base_url: Option<String>,
    pub extra_lines: Vec<String>,
}

impl From<&TeamConfig> for TeamNotes {
    /// What the section takes from the team config.
    fn from(team: &TeamConfig) -> TeamNotes {
        TeamNotes {
            org_name: team.org_name.as_deref().map(str::to_string),
            docs_url: team.docs_url.as_deref().map(str::to_string),
            support: team.support.as_deref().map(str::to_string),
            rotation_days: team.key_rotation_days,
            gateway_base_url: team.gateway.as_ref().map(|g| g.base_url.to_string()),
            extra_lines: team
                .claude_md_extra_lines
                .iter()
                .map(|l| l.to_string())
                .collect(),
        }
    }
}

/// How many extra lines are kept (the section stays short).
pub const MAX_EXTRA_LINES: usize = 8;
const MAX_NOTE_CHARS: usize = 200;
const KEYS_URL: &str = "https://platform.claude.com/settings/keys";

/// One line of person-supplied text: control characters folded, capped, anything key-like removed.
fn clean(text: &str) -> String {
    let folded: String = text
        .chars()
        .take(MAX_NOTE_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    folded
        .split_whitespace()
        .map(|word| {
            if word.to_ascii_lowercase().contains("sk-ant-") {
                "[removed: looked like a key]"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn clean_opt(text: &Option<String>) -> Option<String> {
    text.as_deref().map(clean).filter(|t| !t.is_empty())
}

/// An inline code span that survives backticks in the text.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// Escapes a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn provided(setup: &Setup, gateway_url: Option<&str>) -> Vec<String> {
    let sh = setup.shell;
    let place = match cmds::persist_file(sh, setup.os) {
        Some(file) if sh != Shell::Powershell => code(file),
        _ => "their Windows user variables".to_string(),
    };
    let ci = setup.launcher == Launcher::GithubActions;
    let mut out = Vec::new();
    match setup.auth {
        Auth::Subscription => {
            out.push("Each developer signs in with `/login` (Claude Pro, Max, Team or Enterprise). No API key is needed: keep `ANTHROPIC_API_KEY`, `ANTHROPIC_AUTH_TOKEN` and `CLAUDE_CODE_OAUTH_TOKEN` unset, or they override the login.".into());
            if ci {
                out.push("CI cannot log in: it uses a token from `claude setup-token` stored as the `CLAUDE_CODE_OAUTH_TOKEN` secret (action input `claude_code_oauth_token`).".into());
            }
        }
        Auth::ApiKey if ci => out.push("CI uses the repository secret `ANTHROPIC_API_KEY`, passed to the action's `anthropic_api_key` input; never written into workflow files.".into()),
        Auth::ApiKey => out.push(format!("Each developer uses their own Console API key in `ANTHROPIC_API_KEY`, set in {place} or (safer) fetched by an `apiKeyHelper` in `~/.claude/settings.json` from the OS keychain. Never in this repository.")),
        Auth::OauthToken if ci => out.push("CI uses a token from `claude setup-token` stored as the `CLAUDE_CODE_OAUTH_TOKEN` secret (action input `claude_code_oauth_token`).".into()),
        Auth::OauthToken => out.push("Each developer uses a token from `claude setup-token` in `CLAUDE_CODE_OAUTH_TOKEN` (valid one year, inference only); `ANTHROPIC_API_KEY` and `ANTHROPIC_AUTH_TOKEN` stay unset.".into()),
        Auth::Gateway => {
            let url = gateway_url.map(code).unwrap_or_else(|| "the team's gateway URL".into());
            out.push(format!("Requests go through our gateway: `ANTHROPIC_BASE_URL` = {url}; each developer's own gateway token goes in `ANTHROPIC_AUTH_TOKEN` (sent as Bearer). `ANTHROPIC_API_KEY` stays unset."));
        }
        Auth::Bedrock => out.push("Amazon Bedrock: `CLAUDE_CODE_USE_BEDROCK=1`, `AWS_REGION`, and AWS credentials from a profile/SSO (`aws sso login`). No Anthropic key.".into()),
        Auth::Vertex => out.push("Google Vertex AI: `CLAUDE_CODE_USE_VERTEX=1`, `CLOUD_ML_REGION`, `ANTHROPIC_VERTEX_PROJECT_ID`, and `gcloud auth application-default login`. No Anthropic key.".into()),
        Auth::Foundry => out.push("Microsoft Foundry: `CLAUDE_CODE_USE_FOUNDRY=1`, `ANTHROPIC_FOUNDRY_RESOURCE`, and `az login` (or a personal `ANTHROPIC_FOUNDRY_API_KEY`). No Anthropic key.".into()),
    }
    match setup.launcher {
        Launcher::Vscode => out.push("VS Code: start it from a terminal that has the variables (`code .`), or set them in `claudeCode.environmentVariables`; quit VS Code fully after a change.".into()),
        Launcher::Jetbrains => out.push("JetBrains IDEs: start the IDE from a terminal that has the variables, or set them in Settings › Tools › Terminal › Environment variables.".into()),
        Launcher::Docker => out.push("Docker: pass credentials at run time by name (`docker run -e NAME`) or with a git-ignored `--env-file`; never in the image (`ENV`, `ARG`).".into()),
        Launcher::Ssh if setup.os == Os::Macos => out.push("Over SSH on macOS: unlock the keychain first (`security unlock-keychain`), or use `CLAUDE_CODE_OAUTH_TOKEN`.".into()),
        _ => {}
    }
    out
}

/// What `/status` should show for the auth method. For a subscription the Login method row is no proof of API
/// billing: it has read `Claude API account` for Max logins (anthropics/claude-code#84015, #31072).
fn status_expectation(auth: Auth) -> &'static str {
    match auth {
        Auth::Subscription => {
            "no API key or Auth token row; the Login method row alone proves nothing, as it has read \"Claude API account\" for Max logins"
        }
        Auth::ApiKey => "the API key row shows `ANTHROPIC_API_KEY` or `apiKeyHelper`",
        Auth::OauthToken => "the Auth token row shows `CLAUDE_CODE_OAUTH_TOKEN`",
        Auth::Gateway => {
            "Anthropic base URL is the gateway and Auth token is `ANTHROPIC_AUTH_TOKEN`"
        }
        Auth::Bedrock => "API provider is Amazon Bedrock",
        Auth::Vertex => "API provider is Vertex AI",
        Auth::Foundry => "API provider is Microsoft Foundry",
    }
}

fn troubleshooting(setup: &Setup) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&str, &str)> = match setup.auth {
        Auth::Subscription => vec![
            ("`Invalid API key · Fix external API key`, a disabled organization or low credit", "A stale `ANTHROPIC_API_KEY` overrides the login: unset it, remove it from profiles, `.env` and settings `env`, restart."),
            ("`Not logged in · Please run /login`", "`/login` (over SSH on macOS, unlock the keychain first)."),
            ("`OAuth token has expired` or `revoked`", "`/login`; if it recurs, `/logout` then `/login`."),
            ("Subscription access disabled for Claude Code", "Ask the organization admin."),
        ],
        Auth::ApiKey => vec![
            ("`Invalid API key · Fix external API key`", "Check the key in the Console; `/status` shows where it comes from; replace the stale copy."),
            ("`… contains a line break at character N`", "Set the key again from a clean copy (no quotes, no line break)."),
            ("`Credit balance is too low`", "Add credits in Console › Billing, or use a key of another organization."),
            ("`Your organization has disabled API key authentication`", "Use `/login` instead, or ask the admin."),
        ],
        Auth::OauthToken => vec![
            ("`OAuth token has expired` or `revoked`", "Create a new token with `claude setup-token` and replace the variable or secret."),
            ("`OAuth authentication is currently not supported`", "The token is in the wrong variable: only `CLAUDE_CODE_OAUTH_TOKEN`."),
            ("`Invalid bearer token`", "Create a new token; unset `ANTHROPIC_AUTH_TOKEN`."),
        ],
        Auth::Gateway => vec![
            ("401 with the gateway's own text", "Token in `ANTHROPIC_AUTH_TOKEN` (not `ANTHROPIC_API_KEY`); `/login` does not help; ask the gateway admin."),
            ("`Invalid bearer token`", "The gateway token expired or is wrong: get a new one."),
            ("`ECONNREFUSED` / `Unable to connect to API`", "Check `ANTHROPIC_BASE_URL` and that the gateway is up."),
        ],
        Auth::Bedrock => vec![
            ("`Could not load credentials from any providers`", "`aws sso login`; check `AWS_PROFILE`."),
            ("`AWS authentication failed` / AccessDenied", "Enable model access in Bedrock; check `AWS_REGION`."),
        ],
        Auth::Vertex => vec![
            ("`Could not load the default credentials`", "`gcloud auth application-default login`."),
            ("404 model not found", "Enable the model in Model Garden; check `CLOUD_ML_REGION`."),
        ],
        Auth::Foundry => vec![
            ("`ChainedTokenCredential authentication failed`", "`az login`, or set `ANTHROPIC_FOUNDRY_API_KEY`."),
        ],
    };
    match setup.launcher {
        Launcher::Vscode | Launcher::Jetbrains => rows.push((
            "Works in a terminal, fails in the IDE",
            "Quit the IDE fully and start it from a terminal that has the variables.",
        )),
        Launcher::GithubActions => rows.push((
            "The workflow fails with 401",
            "Check the secret's name and that the workflow passes it to the action's input.",
        )),
        Launcher::Docker => rows.push((
            "Fails only in the container",
            "Pass the variable with `-e NAME` and recreate the container.",
        )),
        _ => {}
    }
    rows.push((
        "Anything else",
        "Run `/status`; paste the full error into the auth doctor page.",
    ));
    rows
}

/// What the pasted machine state of one person showed, as lessons for the team: which kind of conflict, never which
/// file or value (this section is shared).
fn found_on_a_machine(evidence: &Evidence) -> Vec<&'static str> {
    let Some(machine) = &evidence.machine else {
        return Vec::new();
    };
    machine
        .conflicts
        .iter()
        .filter_map(|code| match code {
            ConflictCode::KeyOverLogin => Some(
                "Seen on a machine here: an `ANTHROPIC_API_KEY` from a shell profile, `.env` or settings `env` block \
                 overriding the login. Keep keys out of those files when you use `/login`.",
            ),
            ConflictCode::TokenAndKey => Some(
                "Seen on a machine here: `ANTHROPIC_AUTH_TOKEN` and `ANTHROPIC_API_KEY` set together (Claude Code then \
                 sends both). Set only the one this project uses.",
            ),
            ConflictCode::SettingsEnvOverride => Some(
                "Seen on a machine here: a settings `env` block setting a credential, which beats the shell's value \
                 and survives `unset`. Check `~/.claude/settings.json` and `.claude/settings.local.json`.",
            ),
            ConflictCode::CloudSwitchOn => Some(
                "Seen on a machine here: a leftover `CLAUDE_CODE_USE_*` switch sending Claude Code to a cloud \
                 provider.",
            ),
            ConflictCode::BaseUrlOverride => Some(
                "Seen on a machine here: a leftover `ANTHROPIC_BASE_URL` pointing Claude Code at a gateway.",
            ),
            _ => None,
        })
        .collect()
}

/// Renders the CLAUDE.md section for a setup. `evidence` only selects what to stress; no secret can reach it.
pub fn render(setup: &Setup, evidence: &Evidence, extra: &TeamNotes) -> String {
    let setup = setup.normalized();
    let sh = setup.shell;
    let mut out: Vec<String> = Vec::new();
    out.push("## Claude Code authentication".into());
    out.push(String::new());
    out.push(format!(
        "<!-- Generated by Claude Code auth doctor ({}). Shared with the team: never put a key or token here. -->",
        share::to_query(&setup)
    ));
    out.push(String::new());
    let org = clean_opt(&extra.org_name)
        .map(|o| format!("{o}: "))
        .unwrap_or_default();
    out.push(format!(
        "{org}This project uses {} with Claude Code ({} on {}, from {}).",
        auth_name(setup.auth),
        shell_name(sh),
        os_name(setup.os),
        launcher_name(setup.launcher)
    ));
    out.push(String::new());

    out.push("### How credentials are provided".into());
    let gateway_url = clean_opt(&extra.gateway_base_url);
    for line in provided(&setup, gateway_url.as_deref()) {
        out.push(format!("- {line}"));
    }
    out.push("- Personal details (which keychain item, your own token names) belong in `~/.claude/CLAUDE.md` or an `@~/.claude/…` import, not here.".into());
    out.push(String::new());

    out.push("### How to check".into());
    out.push(format!(
        "- In Claude Code: `/status` ({}).",
        status_expectation(setup.auth)
    ));
    out.push("- In a terminal: `claude auth status --text` (it does not ask the server, so also try a real request).".into());
    out.push(format!(
        "- Variables in {} (values masked): {}",
        shell_name(sh),
        code(&cmds::list_vars(sh))
    ));
    if setup.auth == Auth::ApiKey && setup.launcher != Launcher::GithubActions {
        out.push(format!(
            "- Test the key (free): {}",
            code(&cmds::curl_key_check(sh))
        ));
    }
    out.push(format!(
        "- Before a long session and in CI, run the pre-flight script (`{}`, from the auth doctor page): {}. It \
         prints one verdict line and exits 0 ready, 1 rejected, 2 a local problem, 3 unreachable; `--report` \
         prints a masked report to paste into the page.",
        preflight::file_name(sh),
        code(preflight::run_command(sh))
    ));
    out.push(String::new());

    out.push("### Troubleshooting".into());
    out.push(String::new());
    out.push("| Symptom | Action |".into());
    out.push("|---|---|".into());
    let stress_stale = evidence.cause.is_some_and(|c| {
        use crate::core::codes::CauseCode as C;
        matches!(
            c,
            C::OrgDisabled | C::LowCredit | C::InvalidApiKey | C::SpendLimit
        )
    }) && setup.auth == Auth::Subscription;
    for (symptom, action) in troubleshooting(&setup) {
        out.push(format!("| {} | {} |", cell(symptom), cell(action)));
    }
    out.push(String::new());

    out.push("### Key hygiene".into());
    out.push("- Never commit credentials: `.env` is in `.gitignore`; `.claude/settings.local.json` is personal and not shared; `.claude/settings.json` and this file hold no secrets.".into());
    out.push("- Separate keys per person and per environment (local, CI, production), each named in the Console.".into());
    match extra.rotation_days {
        Some(days) if days > 0 => out.push(format!(
            "- Rotate keys and tokens every {days} days, and when someone leaves."
        )),
        _ => out.push("- Rotate keys and tokens regularly, and when someone leaves.".into()),
    }
    out.push(format!("- A leaked key: revoke it at once at {KEYS_URL}, create a new one, and replace it where it is stored."));
    if stress_stale {
        out.push("- This team's recent failure was a stale `ANTHROPIC_API_KEY` overriding logins: check profiles and `.env` first.".into());
    }
    for line in found_on_a_machine(evidence) {
        out.push(format!("- {line}"));
    }

    let docs = clean_opt(&extra.docs_url);
    let support = clean_opt(&extra.support);
    let extra_lines: Vec<String> = extra
        .extra_lines
        .iter()
        .map(|l| clean(l))
        .filter(|l| !l.is_empty())
        .take(MAX_EXTRA_LINES)
        .collect();
    let gateway_elsewhere = gateway_url.filter(|_| setup.auth != Auth::Gateway);
    if docs.is_some() || support.is_some() || !extra_lines.is_empty() || gateway_elsewhere.is_some()
    {
        out.push(String::new());
        out.push("### Team notes".into());
        if let Some(d) = docs {
            out.push(format!("- Docs: {d}"));
        }
        if let Some(s) = support {
            out.push(format!("- Help: {s}"));
        }
        if let Some(g) = gateway_elsewhere {
            out.push(format!(
                "- Team gateway (if you use it): `ANTHROPIC_BASE_URL` = {}",
                code(&g)
            ));
        }
        for l in extra_lines {
            out.push(format!("- {l}"));
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_keys_and_folds_lines() {
        assert_eq!(
            clean("a\nb sk-ant-api03-xyz c"),
            "a b [removed: looked like a key] c"
        );
        assert_eq!(clean(&"x".repeat(500)).len(), MAX_NOTE_CHARS);
    }

    #[test]
    fn short_and_stable() {
        let notes = TeamNotes {
            org_name: Some("Acme".into()),
            docs_url: Some("https://wiki.example.com/claude".into()),
            support: Some("#dev-help".into()),
            rotation_days: Some(90),
            gateway_base_url: Some("https://llm.example.com".into()),
            extra_lines: (0..20).map(|i| format!("note {i}")).collect(),
        };
        for s in Setup::all() {
            let a = render(&s, &Evidence::default(), &notes);
            assert_eq!(a, render(&s, &Evidence::default(), &notes));
            assert!(
                a.lines().count() <= 60,
                "{} lines for {s:?}",
                a.lines().count()
            );
            assert!(a.starts_with("## Claude Code authentication\n"));
        }
    }
}
