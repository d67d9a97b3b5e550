//! The last step: check that it works, with a check that asks the server where one exists (the key check, the
//! gateway check, the cloud provider's identity) and what `/status` should show.

use super::{c, step, Step};
use crate::core::codes::{Auth, Launcher, Shell};
use crate::core::commands as cmds;
use crate::core::setup::{launcher_name, os_name, shell_name, Setup};

fn quiet_ok(sh: Shell, command: &str) -> String {
    match sh {
        Shell::Powershell => format!("{command} | Out-Null; if ($?) {{ 'ok' }}"),
        Shell::Cmd => format!("{command} >nul && echo ok"),
        Shell::Fish => format!("{command} >/dev/null; and echo ok"),
        _ => format!("{command} >/dev/null && echo ok"),
    }
}

pub(super) fn verify_step(s: &Setup) -> Step {
    let sh = s.shell;
    if s.launcher == Launcher::GithubActions {
        let key_note = match s.auth {
            Auth::ApiKey | Auth::Gateway => " To test the key or gateway token itself, use the live test on this page with the same value.",
            _ => "",
        };
        return step(
            "verify",
            "Check that it works (GitHub Actions)",
            format!("Run the workflow and read the job's log: an authentication failure shows the same messages as on your machine (paste it into the diagnosis box above); a run that reaches the model shows Claude's output.{key_note}"),
            vec![
                c("Recent runs", "gh run list --limit 5"),
                c("The log of a failed run (gh lets you pick one)", "gh run view --log-failed"),
            ],
        );
    }
    let mut commands = Vec::new();
    let body = match s.auth {
        Auth::ApiKey => {
            commands.push(c(format!("Check the key from {} (free; lists models)", shell_name(sh)), cmds::curl_key_check(sh)));
            "Run the live test on this page, or check the key from your shell: a list of models means it works; 401 means the API rejects it. Then /status in Claude Code should show the API key row as ANTHROPIC_API_KEY (or apiKeyHelper), in use."
        }
        // The Login method row is no proof of API billing: it has read "Claude API account" for Max logins
        // (anthropics/claude-code#84015, #31072).
        Auth::Subscription => "In Claude Code, /status should show no API key or Auth token row: either would win over your login. Don't go by the Login method row alone: some versions show \"Claude API account\" there for a Max login. Subscription tokens are not tested on this page: they are only for Claude Code.",
        Auth::OauthToken => "In Claude Code, /status should show CLAUDE_CODE_OAUTH_TOKEN as the auth token. Subscription tokens are not tested on this page: they are only for Claude Code.",
        Auth::Gateway => {
            commands.push(c("Check the gateway token (free; lists models)", cmds::curl_gateway_check(sh)));
            "Check the gateway from your shell (or with the live test, using the gateway's base URL and the bearer scheme): a list of models means the token is accepted; 401 or 403 means the gateway rejects it; 404 means this gateway does not list models, so use the live test or ask its admin. /status should show the gateway as the Anthropic base URL and ANTHROPIC_AUTH_TOKEN as the auth token."
        }
        Auth::Bedrock => {
            commands.push(c("Which AWS identity is in use", "aws sts get-caller-identity"));
            "Check the AWS identity, then /status in Claude Code should show Amazon Bedrock as the API provider and your region."
        }
        Auth::Vertex => {
            commands.push(c("Application Default Credentials work", quiet_ok(sh, "gcloud auth application-default print-access-token")));
            "Check the Google credentials, then /status in Claude Code should show Vertex AI as the API provider and your project."
        }
        Auth::Foundry => {
            commands.push(c("Which Azure account is in use", "az account show --query user.name -o tsv"));
            "Check the Azure sign-in, then /status in Claude Code should show Microsoft Foundry as the API provider."
        }
    };
    let body = body.to_string();
    commands.push(c("In Claude Code", "/status"));
    commands.push(c("In the terminal", "claude auth status --text"));
    step(
        "verify",
        format!(
            "Check that it works ({} on {})",
            launcher_name(s.launcher),
            os_name(s.os)
        ),
        body,
        commands,
    )
}
