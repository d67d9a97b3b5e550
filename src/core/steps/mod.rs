//! Setup + evidence → ordered fix steps, with copyable commands for the person's shell.
//!
//! Order is the order a person works in, one file per kind of step: `found` (the concrete changes the pasted machine
//! state showed, file and line included), `leads` (what the other evidence points to),
//! `inspect` (what Claude Code actually uses), `clear` (remove what conflicts: session, startup files, .env,
//! settings, Windows variables, IDE, workflow/container, a declined key), `set_credential` (set the right
//! credential the right way, with `store_securely` for a key kept out of plain-text files), `restart` (what must
//! restart) and `verify`.
//!
//! Every command comes from [`crate::core::commands`] (or is shell-neutral: `claude`, `gh`, `docker`, cloud
//! CLIs) and is valid for the selected shell; none ever holds a key value. Sources: the Claude Code docs pages
//! `https://code.claude.com/docs/en/<page>`: `authentication` (credential precedence, apiKeyHelper), `env-vars`,
//! `settings` (the `env` block, managed settings), `llm-gateway-connect`, `amazon-bedrock`, `google-vertex-ai`,
//! `microsoft-foundry`, `commands`, `cli-reference`, `vs-code`, `troubleshoot-install` and `errors`;
//! support.claude.com article 12304248 (API key environment variables); and anthropics/claude-code issues on
//! where stale credentials hide (#8327 a stale key over a login, #1084 PowerShell and Git Bash, #68363 Windows
//! variable scopes, #12105 VS Code without the shell's variables).

mod clear;
mod found;
mod inspect;
mod leads;
mod restart;
mod set_credential;
mod store_securely;
mod verify;

pub use clear::conflicting;

use clear::clear_steps;
use found::found_step;
use inspect::inspect_step;
use leads::leads_step;
use restart::restart_step;
use set_credential::set_steps;
use verify::verify_step;

use crate::core::codes::{
    CauseCode, ConflictCode, FindingCode, Kind, Os, OutcomeCode, Shell, SourceCode, Verdict,
};
use crate::core::commands::home_path;
use crate::core::setup::Setup;
use crate::core::sources::{Fix, SourcesReport};

/// A copyable command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    pub label: String,
    pub text: String,
}

/// One step of the fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub id: &'static str,
    pub title: String,
    pub body: String,
    pub commands: Vec<Command>,
}

/// What the page found so far (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    pub key_verdict: Option<Verdict>,
    pub key_kind: Option<Kind>,
    pub findings: Vec<FindingCode>,
    pub outcome: Option<OutcomeCode>,
    pub cause: Option<CauseCode>,
    /// What the pasted machine state showed.
    pub machine: Option<MachineFindings>,
}

/// What the pasted machine state showed, for the steps and the CLAUDE.md section: codes, a summary, and the
/// concrete fixes (file, line, commands for the shell). Redacted text only: no value of the paste is in here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MachineFindings {
    pub winner: SourceCode,
    pub conflicts: Vec<ConflictCode>,
    /// Who wins and why, in a sentence or two.
    pub summary: String,
    /// Most important first.
    pub fixes: Vec<Fix>,
}

impl From<&SourcesReport> for MachineFindings {
    fn from(report: &SourcesReport) -> MachineFindings {
        MachineFindings {
            winner: report.winner,
            conflicts: report.conflicts.iter().map(|c| c.code).collect(),
            summary: report.summary.clone(),
            fixes: report.fixes().into_iter().cloned().collect(),
        }
    }
}

fn c(label: impl Into<String>, text: impl Into<String>) -> Command {
    Command {
        label: label.into(),
        text: text.into(),
    }
}

fn step(
    id: &'static str,
    title: impl Into<String>,
    body: impl Into<String>,
    commands: Vec<Command>,
) -> Step {
    Step {
        id,
        title: title.into(),
        body: body.into(),
        commands,
    }
}

const API_KEY: &str = "ANTHROPIC_API_KEY";
const AUTH_TOKEN: &str = "ANTHROPIC_AUTH_TOKEN";
const BASE_URL: &str = "ANTHROPIC_BASE_URL";
const OAUTH_TOKEN: &str = "CLAUDE_CODE_OAUTH_TOKEN";
const KEYS_URL: &str = "https://platform.claude.com/settings/keys";
const BILLING_URL: &str = "https://platform.claude.com/settings/billing";
const LIMITS_URL: &str = "https://platform.claude.com/settings/limits";
const GATEWAY_EXAMPLE: &str = "https://your-gateway.example.com";

fn vscode_settings(sh: Shell, os: Os) -> String {
    match (os, sh) {
        (Os::Macos, _) => "\"$HOME/Library/Application Support/Code/User/settings.json\"".into(),
        (Os::Linux, _) => home_path(sh, ".config/Code/User/settings.json"),
        (Os::Wsl, _) => home_path(sh, ".vscode-server/data/Machine/settings.json"),
        (Os::Windows, Shell::Powershell) => "$env:APPDATA\\Code\\User\\settings.json".into(),
        (Os::Windows, Shell::Cmd) => "%APPDATA%\\Code\\User\\settings.json".into(),
        (Os::Windows, _) => "\"$APPDATA/Code/User/settings.json\"".into(),
    }
}

/// The ordered fix steps for a setup and what the page found. Never empty.
// Not inlined into its one caller, the page's `App`: WebAssembly compiles a function when it is first called, and the
// page's first render does not plan.
#[inline(never)]
pub fn plan(setup: &Setup, evidence: &Evidence) -> Vec<Step> {
    let s = setup.normalized();
    let mut steps = Vec::new();
    if let Some(found) = evidence.machine.as_ref().and_then(found_step) {
        steps.push(found);
    }
    if let Some(leads) = leads_step(&s, evidence) {
        steps.push(leads);
    }
    steps.push(inspect_step(&s));
    steps.extend(clear_steps(&s));
    steps.extend(set_steps(&s));
    steps.push(restart_step(&s));
    steps.push(verify_step(&s));
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_without_evidence_starts_with_inspect_and_ends_with_verify() {
        let steps = plan(&Setup::default(), &Evidence::default());
        assert_eq!(steps.first().map(|s| s.id), Some("inspect"));
        assert_eq!(steps.last().map(|s| s.id), Some("verify"));
    }

    #[test]
    fn stale_key_lead_for_subscription() {
        let ev = Evidence {
            cause: Some(CauseCode::OrgDisabled),
            ..Evidence::default()
        };
        let steps = plan(&Setup::default(), &ev);
        assert_eq!(steps[0].id, "leads");
        assert!(steps[0]
            .body
            .contains("stale ANTHROPIC_API_KEY is overriding your login"));
        assert!(steps[0]
            .commands
            .iter()
            .any(|c| c.text == "unset ANTHROPIC_API_KEY"));
    }

    #[test]
    fn unique_step_ids() {
        for s in Setup::all() {
            let steps = plan(&s, &Evidence::default());
            let mut ids: Vec<_> = steps.iter().map(|s| s.id).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), steps.len(), "{s:?}");
        }
    }
}
