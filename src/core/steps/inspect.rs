//! See what Claude Code actually uses: `/status`, `claude auth status`, the session's credential variables, and
//! where the launcher keeps its own (VS Code settings, a container, tmux, a workflow).

use super::{c, step, vscode_settings, Step, API_KEY};
use crate::core::codes::{Auth, Launcher, Os, Shell};
use crate::core::commands as cmds;
use crate::core::setup::{shell_name, Setup};

/// Names only of credential variables in the NAME=VALUE output of `producer`.
fn names_from(sh: Shell, producer: &str) -> String {
    match sh {
        Shell::Powershell => format!(
            "{producer} | ForEach-Object {{ ($_ -split '=')[0] }} | Where-Object {{ $_ -match '^(ANTHROPIC|CLAUDE_CODE)_' }}"
        ),
        Shell::Cmd => format!(
            "for /f \"delims==\" %A in ('{producer}') do @echo %A | findstr /b \"ANTHROPIC_ CLAUDE_CODE_\""
        ),
        _ => format!("{producer} | cut -d= -f1 | grep -E '^(ANTHROPIC|CLAUDE_CODE)_'"),
    }
}

pub(super) fn inspect_step(s: &Setup) -> Step {
    let sh = s.shell;
    if s.launcher == Launcher::GithubActions {
        return inspect_ci_step(sh);
    }
    // /status has shown "Login method: Claude API account" for Max logins (anthropics/claude-code#84015 on 2.1.222,
    // #31072 on 2.1.68): the API key and Auth token rows are what tell which credential is in use.
    let mut body = String::from(
        "In Claude Code, run /status: the API key and Auth token rows show which credential is in use and where it comes from (a credential that is set but unused is marked). Read them rather than the Login method row: \"Claude API account\" there has been shown for Max logins too, so it is no proof of API billing. `claude auth status --text` shows the same from the terminal, without asking the server (it can say you are logged in while every call fails).",
    );
    let mut commands = vec![
        c("In Claude Code", "/status"),
        c("In the terminal", "claude auth status --text"),
        c(
            format!(
                "Credential variables in this {} session (values masked)",
                shell_name(sh)
            ),
            cmds::list_vars(sh),
        ),
    ];
    if !matches!(s.auth, Auth::Bedrock | Auth::Vertex | Auth::Foundry) {
        commands.push(c(
            "Length and last 4 characters of ANTHROPIC_API_KEY",
            cmds::show_masked(sh, API_KEY),
        ));
    }
    if let Some(text) = cmds::list_windows_vars(sh, s.os) {
        body.push_str(" On Windows, variables saved with setx or System Properties live in the User and Machine scopes and come back in every new window.");
        commands.push(c(
            "Names stored in Windows User and Machine variables",
            text,
        ));
    }
    match s.launcher {
        Launcher::Vscode => {
            body.push_str(" VS Code may not have your shell's variables at all, and its Claude Code extension can carry its own in the claudeCode.environmentVariables setting.");
            commands.push(c("Credential lines in VS Code settings (masked)", cmds::find_in_files(sh, &[vscode_settings(sh, s.os)])));
        }
        Launcher::Jetbrains => body.push_str(" A JetBrains IDE passes its own environment to its terminal; also look at Settings › Tools › Terminal › Environment variables."),
        Launcher::Docker => {
            body.push_str(" In a container only what `docker run -e`, `--env-file`, compose or the image's ENV lines pass exists; the container's shell is usually bash.");
            commands.push(c("Credential variable names inside the container", names_from(sh, "docker exec your-container env")));
        }
        Launcher::Ssh if s.os != Os::Windows => {
            body.push_str(" Over SSH, run these on the remote machine, in the kind of session Claude Code runs in: tmux keeps the environment its server started with.");
            commands.push(c("Credential names in tmux's global environment", names_from(sh, "tmux show-environment -g")));
        }
        _ => {}
    }
    step(
        "inspect",
        "See what Claude Code actually uses",
        body,
        commands,
    )
}

fn inspect_ci_step(sh: Shell) -> Step {
    let workflows = match sh {
        Shell::Powershell => "Select-String -Path .github\\workflows\\* -Pattern 'ANTHROPIC_|CLAUDE_CODE_|anthropic_api_key|claude_code_oauth_token'",
        Shell::Cmd => "findstr /s /n /i \"ANTHROPIC_ CLAUDE_CODE_ anthropic_api_key claude_code_oauth_token\" .github\\workflows\\*",
        _ => "grep -rnE 'ANTHROPIC_|CLAUDE_CODE_|anthropic_api_key|claude_code_oauth_token' .github/workflows",
    };
    step(
        "inspect",
        "See what the workflow actually passes",
        "In GitHub Actions the runner's shell (usually bash) has only what the workflow passes: look at the job's env: blocks and the action's with: inputs, and at the secrets the repository has. Run these in a clone of the repository.",
        vec![
            c("Where the workflows pass credentials", workflows),
            c("Repository secrets (names only)", "gh secret list"),
            c("The log of a failed run (gh lets you pick one)", "gh run view --log-failed"),
        ],
    )
}
