//! Restart what must restart: a process keeps the environment it started with (a shell, VS Code and its
//! extension, a JetBrains IDE, a workflow run, a container, an SSH session and its tmux server).

use super::clear::conflicting;
use super::{c, step, Step};
use crate::core::codes::{Launcher, Os};
use crate::core::commands as cmds;
use crate::core::setup::{shell_name, Setup};

pub(super) fn restart_step(s: &Setup) -> Step {
    let sh = s.shell;
    let names = conflicting(s.auth);
    let windows_note = if matches!(s.os, Os::Windows) {
        " Windows variables changed with setx or [Environment]::SetEnvironmentVariable reach only windows opened afterwards."
    } else {
        ""
    };
    let (title, body, commands) = match s.launcher {
        Launcher::Terminal => (
            "Open a new terminal and start Claude Code again",
            format!("A running shell keeps the variables it started with, and Claude Code reads them only at start. Close this {} window, open a new one, check the variables again, then start claude.{windows_note}", shell_name(sh)),
            vec![c("Check again in the new window", cmds::list_vars(sh)), c("Start Claude Code", "claude")],
        ),
        Launcher::Vscode => (
            "Quit VS Code completely and start it from a fresh terminal",
            format!("Reloading the window or opening a new VS Code terminal is not enough: the extension keeps the environment VS Code started with. Quit VS Code entirely (every window; on macOS Cmd+Q), open a new terminal, check the variables, and start VS Code from there so it inherits them. Or set the variables for the extension in claudeCode.environmentVariables.{windows_note}{}", if s.os == Os::Wsl { " For WSL windows the VS Code server keeps running for a while after you close them: run `wsl --shutdown` from Windows if the old values stay." } else { "" }),
            vec![c("Check in the new terminal", cmds::list_vars(sh)), c("Start VS Code from it", "code .")],
        ),
        Launcher::Jetbrains => (
            "Quit the IDE completely and start it from a fresh terminal",
            format!("The IDE and its terminal keep the environment the IDE started with. Quit it (File › Exit), open a new terminal, check the variables, and start the IDE from there (for example with the idea, pycharm or webstorm launcher), or set them in Settings › Tools › Terminal › Environment variables.{windows_note}"),
            vec![c("Check in the new terminal", cmds::list_vars(sh)), c("Start IntelliJ IDEA from it (other IDEs: their own launcher)", "idea .")],
        ),
        Launcher::GithubActions => (
            "Run the workflow again",
            "Secrets and variables are read when a job starts: re-run the workflow after changing them.".to_string(),
            vec![c("Re-run a workflow run (gh lets you pick one)", "gh run rerun")],
        ),
        Launcher::Docker => (
            "Recreate the container",
            "A container's environment is fixed when it is created: remove it and run it again (rebuild the image if you removed ENV lines).".to_string(),
            vec![c("Remove the old container", "docker rm -f your-container"), c("With compose", "docker compose up -d --force-recreate")],
        ),
        Launcher::Ssh => {
            let mut commands = Vec::new();
            if s.os != Os::Windows {
                let text = names.iter().map(|n| format!("tmux set-environment -gu {n}")).collect::<Vec<_>>().join("; ");
                commands.push(c("Inside tmux: drop the old values from its global environment", text));
            }
            commands.push(c("Start Claude Code", "claude"));
            (
                "Reconnect, then start Claude Code again",
                format!("Log out of the SSH session and connect again so the remote shell reads its files afresh. tmux and screen keep the environment their server started with: clear it there too, or start a new server.{windows_note}"),
                commands,
            )
        }
    };
    step("restart", title, body, commands)
}
