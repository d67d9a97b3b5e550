//! The setup model: where and how a person runs Claude Code (OS, shell, launcher, intended auth).
//!
//! Every value is a contract code from [`crate::core::codes`]; the setup never holds a credential.
//!
//! Choices:
//! - The default auth is `subscription`: most people who hit "API Error: 401" meant to use their Pro/Max/Team
//!   login, and the top cause is a stale `ANTHROPIC_API_KEY` that overrides it (anthropics/claude-code#8327).
//! - Windows offers PowerShell, cmd and bash (Git Bash): native Claude Code on Windows ships with and runs
//!   through Git for Windows, and people do start `claude` from Git Bash (anthropics/claude-code#1084); its
//!   commands are bash commands, with Windows user variables handled through `reg.exe`.
//! - Launchers are independent of the OS: `github-actions` and `docker` run in a runner or container whose
//!   shell is usually bash; the selected shell is then the one on the person's own machine (for `gh`, `docker`).

use crate::core::codes::{Auth, Launcher, Os, Shell};

/// Where and how Claude Code runs, and how the person means to authenticate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Setup {
    pub os: Os,
    pub shell: Shell,
    pub launcher: Launcher,
    pub auth: Auth,
}

impl Default for Setup {
    /// macOS, zsh, a terminal, and a subscription login (the most common intended method).
    fn default() -> Self {
        Setup {
            os: Os::Macos,
            shell: Shell::Zsh,
            launcher: Launcher::Terminal,
            auth: Auth::Subscription,
        }
    }
}

const MACOS_SHELLS: &[Shell] = &[Shell::Zsh, Shell::Bash, Shell::Fish];
const LINUX_SHELLS: &[Shell] = &[Shell::Bash, Shell::Zsh, Shell::Fish];
const WINDOWS_SHELLS: &[Shell] = &[Shell::Powershell, Shell::Cmd, Shell::Bash];

/// The shells offered for an OS, the default first.
pub fn shells_for(os: Os) -> &'static [Shell] {
    match os {
        Os::Macos => MACOS_SHELLS,
        Os::Linux | Os::Wsl => LINUX_SHELLS,
        Os::Windows => WINDOWS_SHELLS,
    }
}

/// The usual shell of an OS: zsh on macOS (since 10.15), bash on Linux and WSL, PowerShell on Windows.
pub fn default_shell(os: Os) -> Shell {
    match os {
        Os::Macos => Shell::Zsh,
        Os::Linux | Os::Wsl => Shell::Bash,
        Os::Windows => Shell::Powershell,
    }
}

/// Whether `shell` is offered for `os`.
pub fn shell_fits(os: Os, shell: Shell) -> bool {
    shells_for(os).contains(&shell)
}

/// Whether the launcher runs somewhere other than the person's own shell (a CI runner or a container),
/// where the shell is the runner's or image's (usually bash).
pub fn launcher_is_remote_runtime(launcher: Launcher) -> bool {
    matches!(launcher, Launcher::GithubActions | Launcher::Docker)
}

impl Setup {
    /// The same setup on another OS: the shell is kept if that OS offers it, else the OS's default shell.
    pub fn with_os(self, os: Os) -> Setup {
        let shell = if shell_fits(os, self.shell) {
            self.shell
        } else {
            default_shell(os)
        };
        Setup { os, shell, ..self }
    }

    /// The same setup with the shell replaced, if the OS offers it (otherwise unchanged).
    pub fn with_shell(self, shell: Shell) -> Setup {
        if shell_fits(self.os, shell) {
            Setup { shell, ..self }
        } else {
            self
        }
    }

    /// The setup with a shell that fits its OS. Launchers and auth methods fit every OS.
    pub fn normalized(self) -> Setup {
        self.with_os(self.os)
    }

    /// Whether the setup is already normalized.
    pub fn is_normalized(&self) -> bool {
        shell_fits(self.os, self.shell)
    }

    /// Every normalized setup (for tests and exhaustive checks).
    pub fn all() -> impl Iterator<Item = Setup> {
        Os::ALL.iter().flat_map(|&os| {
            shells_for(os).iter().flat_map(move |&shell| {
                Launcher::ALL.iter().flat_map(move |&launcher| {
                    Auth::ALL.iter().map(move |&auth| Setup {
                        os,
                        shell,
                        launcher,
                        auth,
                    })
                })
            })
        })
    }
}

/// A short human name for an OS.
pub fn os_name(os: Os) -> &'static str {
    match os {
        Os::Macos => "macOS",
        Os::Linux => "Linux",
        Os::Windows => "Windows",
        Os::Wsl => "WSL",
    }
}

/// A short human name for a shell (on Windows, bash means Git Bash).
pub fn shell_name(shell: Shell) -> &'static str {
    match shell {
        Shell::Zsh => "zsh",
        Shell::Bash => "bash",
        Shell::Fish => "fish",
        Shell::Powershell => "PowerShell",
        Shell::Cmd => "Command Prompt (cmd)",
    }
}

/// A short human name for a launcher.
pub fn launcher_name(launcher: Launcher) -> &'static str {
    match launcher {
        Launcher::Terminal => "a terminal",
        Launcher::Vscode => "VS Code",
        Launcher::Jetbrains => "a JetBrains IDE",
        Launcher::GithubActions => "GitHub Actions",
        Launcher::Docker => "Docker",
        Launcher::Ssh => "SSH",
    }
}

/// A short human name for an auth method. Vertex AI keeps the name people search for, with the one Google's and
/// Claude Code's current docs use (https://code.claude.com/docs/en/google-vertex-ai).
pub fn auth_name(auth: Auth) -> &'static str {
    match auth {
        Auth::ApiKey => "an Anthropic Console API key",
        Auth::Subscription => "a Claude subscription login (Pro, Max, Team or Enterprise)",
        Auth::OauthToken => "a long-lived OAuth token from `claude setup-token`",
        Auth::Gateway => "an LLM gateway or proxy",
        Auth::Bedrock => "Amazon Bedrock",
        Auth::Vertex => "Google Vertex AI (Google Cloud's Agent Platform)",
        Auth::Foundry => "Microsoft Foundry",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let s = Setup::default();
        assert_eq!(s.os, Os::Macos);
        assert_eq!(s.shell, Shell::Zsh);
        assert_eq!(s.auth, Auth::Subscription);
        assert!(s.is_normalized());
    }

    #[test]
    fn default_shell_is_first_and_allowed() {
        for &os in Os::ALL {
            assert_eq!(shells_for(os)[0], default_shell(os));
        }
    }

    #[test]
    fn with_os_keeps_or_replaces_the_shell() {
        let s = Setup {
            shell: Shell::Fish,
            ..Setup::default()
        };
        assert_eq!(s.with_os(Os::Linux).shell, Shell::Fish);
        assert_eq!(s.with_os(Os::Windows).shell, Shell::Powershell);
        let w = Setup {
            os: Os::Windows,
            shell: Shell::Cmd,
            ..Setup::default()
        };
        assert_eq!(w.with_os(Os::Wsl).shell, Shell::Bash);
        let b = Setup {
            os: Os::Windows,
            shell: Shell::Bash,
            ..Setup::default()
        };
        assert_eq!(b.with_os(Os::Macos).shell, Shell::Bash);
    }

    #[test]
    fn normalized_is_idempotent() {
        for &os in Os::ALL {
            for &shell in Shell::ALL {
                let s = Setup {
                    os,
                    shell,
                    ..Setup::default()
                }
                .normalized();
                assert!(s.is_normalized());
                assert_eq!(s.normalized(), s);
            }
        }
        assert_eq!(Setup::all().count(), 12 * 6 * 7);
    }
}
