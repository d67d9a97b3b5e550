//! Remove what conflicts with the intended auth method, everywhere it hides: this session, startup files, Windows
//! variables, the project's .env and direnv files, Claude Code settings files, the IDE, the workflow or container,
//! and a key Claude Code was told to use or to decline.

use super::{c, step, vscode_settings, Step, API_KEY, AUTH_TOKEN, BASE_URL, OAUTH_TOKEN};
use crate::core::codes::{Auth, Launcher, Os, Shell};
use crate::core::commands::{self as cmds, abs_path, home_path, path};
use crate::core::setup::{shell_name, Setup};

/// The variables that get in the way of an auth method (they win over it, or redirect it). For api-key and
/// gateway, the method's own variables are listed too: old copies go, a fresh one is set afterwards.
///
/// Precedence, first match wins (https://code.claude.com/docs/en/authentication, "Authentication precedence"):
/// a cloud provider switch, `ANTHROPIC_AUTH_TOKEN`, `ANTHROPIC_API_KEY`, `apiKeyHelper`,
/// `CLAUDE_CODE_OAUTH_TOKEN`, an Anthropic profile (`ANTHROPIC_PROFILE`) or workload identity federation
/// (`ANTHROPIC_FEDERATION_RULE_ID` with `ANTHROPIC_ORGANIZATION_ID`), then `/login`; the switches include
/// `CLAUDE_CODE_USE_MANTLE` and `CLAUDE_CODE_USE_ANTHROPIC_AWS` (https://code.claude.com/docs/en/env-vars).
/// `ANTHROPIC_CUSTOM_HEADERS` can carry an `Authorization` header of its own (CHANGELOG 2.1.101), so it goes
/// where Claude Code talks to Anthropic directly; gateways may need it for their own headers. Bedrock together
/// with Mantle is documented (https://code.claude.com/docs/en/amazon-bedrock), and a provider's own credential
/// (`AWS_BEARER_TOKEN_BEDROCK`, `ANTHROPIC_FOUNDRY_API_KEY`) matters only while its switch is on, so it stays.
pub fn conflicting(auth: Auth) -> &'static [&'static str] {
    match auth {
        Auth::Subscription => &[
            API_KEY,
            AUTH_TOKEN,
            BASE_URL,
            OAUTH_TOKEN,
            "ANTHROPIC_PROFILE",
            "ANTHROPIC_FEDERATION_RULE_ID",
            "ANTHROPIC_ORGANIZATION_ID",
            "ANTHROPIC_CUSTOM_HEADERS",
            "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CODE_USE_VERTEX",
            "CLAUDE_CODE_USE_FOUNDRY",
            "CLAUDE_CODE_USE_MANTLE",
            "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        ],
        Auth::ApiKey => &[
            API_KEY,
            AUTH_TOKEN,
            BASE_URL,
            "ANTHROPIC_CUSTOM_HEADERS",
            "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CODE_USE_VERTEX",
            "CLAUDE_CODE_USE_FOUNDRY",
            "CLAUDE_CODE_USE_MANTLE",
            "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        ],
        Auth::Gateway => &[
            API_KEY,
            AUTH_TOKEN,
            BASE_URL,
            "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CODE_USE_VERTEX",
            "CLAUDE_CODE_USE_FOUNDRY",
            "CLAUDE_CODE_USE_MANTLE",
            "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        ],
        Auth::OauthToken => &[
            API_KEY,
            AUTH_TOKEN,
            BASE_URL,
            OAUTH_TOKEN,
            "ANTHROPIC_CUSTOM_HEADERS",
            "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CODE_USE_VERTEX",
            "CLAUDE_CODE_USE_FOUNDRY",
            "CLAUDE_CODE_USE_MANTLE",
            "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        ],
        Auth::Bedrock => &[
            "CLAUDE_CODE_USE_VERTEX",
            "CLAUDE_CODE_USE_FOUNDRY",
            "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        ],
        Auth::Vertex => &[
            "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CODE_USE_FOUNDRY",
            "CLAUDE_CODE_USE_MANTLE",
            "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        ],
        Auth::Foundry => &[
            "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CODE_USE_VERTEX",
            "CLAUDE_CODE_USE_MANTLE",
            "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        ],
    }
}

fn why_conflicting(auth: Auth) -> &'static str {
    match auth {
        Auth::Subscription => "Each of these wins over your /login: environment credentials beat a subscription by design, and a key from an old employer or project then fails with 401, a disabled organization or low credit. An Anthropic profile (ANTHROPIC_PROFILE) or workload identity federation (ANTHROPIC_FEDERATION_RULE_ID with ANTHROPIC_ORGANIZATION_ID) ranks above /login too, and ANTHROPIC_CUSTOM_HEADERS can carry an Authorization header that replaces it.",
        Auth::ApiKey => "ANTHROPIC_AUTH_TOKEN and a cloud-provider switch win over ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL sends your key to another server, and ANTHROPIC_CUSTOM_HEADERS can add an Authorization header of its own. Old copies of ANTHROPIC_API_KEY go too: you set one fresh copy below.",
        Auth::OauthToken => "ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, apiKeyHelper and a cloud-provider switch all win over CLAUDE_CODE_OAUTH_TOKEN, and ANTHROPIC_CUSTOM_HEADERS can add an Authorization header of its own. An old CLAUDE_CODE_OAUTH_TOKEN goes too: you set a fresh one below.",
        Auth::Gateway => "A gateway reads ANTHROPIC_AUTH_TOKEN (Authorization: Bearer); ANTHROPIC_API_KEY travels in another header and confuses both sides. Old gateway values go too: you set fresh ones below.",
        Auth::Bedrock => "Another cloud provider's switch would take over from Bedrock: turn it off. CLAUDE_CODE_USE_MANTLE may stay on with Bedrock (Bedrock powered by Mantle), and AWS_BEARER_TOKEN_BEDROCK stays if you use a Bedrock API key.",
        Auth::Vertex | Auth::Foundry => "Another cloud provider's switch would take over from this one: turn the others off.",
    }
}

fn managed_settings(sh: Shell, os: Os) -> String {
    match (os, sh) {
        (Os::Macos, _) => abs_path(
            sh,
            "/Library/Application Support/ClaudeCode/managed-settings.json",
        ),
        (Os::Linux | Os::Wsl, _) => abs_path(sh, "/etc/claude-code/managed-settings.json"),
        (Os::Windows, Shell::Bash) => {
            abs_path(sh, "/c/Program Files/ClaudeCode/managed-settings.json")
        }
        (Os::Windows, _) => abs_path(sh, "C:/Program Files/ClaudeCode/managed-settings.json"),
    }
}

fn profile_paths(sh: Shell, os: Os) -> Vec<String> {
    let mut files: Vec<String> = cmds::profile_files(sh, os)
        .iter()
        .map(|f| f.to_string())
        .collect();
    if matches!(os, Os::Linux | Os::Wsl) && !matches!(sh, Shell::Powershell | Shell::Cmd) {
        files.push("~/.config/environment.d".into());
        files.push("/etc/environment".into());
    }
    files
}

pub(super) fn clear_steps(s: &Setup) -> Vec<Step> {
    let sh = s.shell;
    let names = conflicting(s.auth);
    let mut out = Vec::new();

    let local = s.launcher != Launcher::GithubActions;
    if local {
        // This session.
        let mut commands = vec![c(
            format!("Remove them from this {} session", shell_name(sh)),
            cmds::unset_all(sh, names),
        )];
        let mut body = format!(
            "Remove {} from this session. {}",
            names.join(", "),
            why_conflicting(s.auth)
        );
        if let Some(text) = cmds::unset_universal(sh, names) {
            body.push_str(
                " fish universal variables (set -U) outlive every session: erase them too.",
            );
            commands.push(c("Erase fish universal variables", text));
        }
        if s.auth == Auth::Bedrock {
            body.push_str(" If you sign in with an AWS profile or SSO, static AWS keys in the environment win over the profile: remove them.");
            commands.push(c(
                "Only with a profile or SSO: drop static AWS keys",
                cmds::unset_all(
                    sh,
                    &[
                        "AWS_ACCESS_KEY_ID",
                        "AWS_SECRET_ACCESS_KEY",
                        "AWS_SESSION_TOKEN",
                    ],
                ),
            ));
        }
        if s.os == Os::Wsl {
            body.push_str(" In WSL, Windows variables arrive only when WSLENV lists them.");
            commands.push(c(
                "Which Windows variables WSL imports",
                "printf '%s\\n' \"$WSLENV\"",
            ));
        }
        out.push(step(
            "clear-session",
            "Remove conflicting variables from this session",
            body,
            commands,
        ));

        // Startup files.
        if let Some(file) = cmds::persist_file(sh, s.os) {
            let files = profile_paths(sh, s.os);
            let mut commands = vec![c(
                "Find the lines (values masked)",
                cmds::find_in_files(sh, &files),
            )];
            commands.push(c(
                format!("Open {file} and delete those lines"),
                cmds::edit_file(sh, file),
            ));
            if let Some(del) = cmds::delete_profile_lines(sh, s.os, names) {
                commands.push(c(
                    format!("Or delete them from {file} automatically (keeps a .bak copy)"),
                    del,
                ));
            }
            let mut body = format!(
            "A line in a startup file brings a stale value back in every new {} window. Look in {}, delete (or comment out) the lines that set these variables, and repeat for any other file the search shows.",
            shell_name(sh),
            files.join(", ")
        );
            if sh == Shell::Zsh {
                body.push_str(" If you set $ZDOTDIR, the zsh files are there instead of ~.");
            }
            if s.os == Os::Macos && matches!(s.launcher, Launcher::Vscode | Launcher::Jetbrains) {
                body.push_str(
                    " Apps started from the Dock also get variables set with launchctl setenv.",
                );
                commands.push(c(
                    "Last 4 characters of a launchctl value, if any",
                    "launchctl getenv ANTHROPIC_API_KEY | tail -c 5",
                ));
                commands.push(c(
                    "Remove it from launchctl",
                    "launchctl unsetenv ANTHROPIC_API_KEY",
                ));
            }
            out.push(step(
                "clear-profile",
                "Remove the stale lines from your startup files",
                body,
                commands,
            ));
        }

        // Windows variables.
        if let (Some(list), Some(user), Some(machine)) = (
            cmds::list_windows_vars(sh, s.os),
            cmds::remove_user_vars(sh, s.os, names),
            cmds::remove_machine_vars(sh, s.os, names),
        ) {
            let body = "Variables saved with setx, [Environment]::SetEnvironmentVariable or System Properties come back in every new window. Remove those the list shows from the User scope; Machine-scope ones need an elevated (administrator) shell and win for every user. Apps started from the Start menu see the change after you sign out and in.";
            let mut commands = vec![c("Names stored in User and Machine variables", list)];
            commands.push(c(
                "Remove them from your User variables (errors for absent ones are harmless)",
                user,
            ));
            commands.push(c(
                "Only if listed under Machine: remove them there (administrator shell)",
                machine,
            ));
            out.push(step(
                "clear-windows-vars",
                "Remove them from Windows user and machine variables",
                body,
                commands,
            ));
        }

        // .env and direnv.
        {
            let files = [path(sh, ".env"), path(sh, ".env.local"), path(sh, ".envrc")];
            let mut commands = vec![c(
                "Credential lines in this project's env files (values masked)",
                cmds::find_in_files(sh, &files),
            )];
            let mut body = "Run this in the project directory. direnv, dotenv plugins and IDE terminals load a project's .env without a word, so a stale key there comes back in every shell opened in the project. Delete those lines (or keep the project's key out of the environment Claude Code starts in).".to_string();
            if !matches!(sh, Shell::Powershell | Shell::Cmd) {
                body.push_str(" After editing .envrc, allow it again.");
                commands.push(c("Reload direnv after editing .envrc", "direnv allow"));
            }
            out.push(step(
                "clear-dotenv",
                "Check the project's .env and direnv files",
                body,
                commands,
            ));
        }
    }

    // Claude Code settings files.
    if local {
        let user = home_path(sh, ".claude/settings.json");
        let files = vec![
            user.clone(),
            path(sh, ".claude/settings.json"),
            path(sh, ".claude/settings.local.json"),
            managed_settings(sh, s.os),
        ];
        let keep_helper = s.auth == Auth::ApiKey;
        let body = format!(
            "A value in the env block of a Claude Code settings file overrides the shell for every launch and survives unset. Look in your user settings, this project's .claude/settings.json and .claude/settings.local.json, and the managed settings (those belong to your admin). Delete the conflicting entries from \"env\" (a value of \"\" also cancels one).{}",
            if keep_helper {
                " Keep apiKeyHelper only if you set it up on purpose (see the safer-storage step)."
            } else {
                " Remove apiKeyHelper too: it wins over a login."
            }
        );
        let commands = vec![
            c(
                "Credential entries in settings files (values masked)",
                cmds::find_in_files(sh, &files),
            ),
            c("Open your user settings", cmds::edit_file(sh, &user)),
        ];
        out.push(step(
            "clear-settings",
            "Remove credentials from Claude Code settings files",
            body,
            commands,
        ));
    } else {
        let files = [path(sh, ".claude/settings.json")];
        out.push(step(
            "clear-settings",
            "Remove credentials from the project's Claude Code settings",
            "The committed .claude/settings.json applies in CI too, and its env block overrides the job's variables: it must hold no credentials and no stale ANTHROPIC_BASE_URL or apiKeyHelper.",
            vec![c("Credential entries in the project settings (values masked)", cmds::find_in_files(sh, &files))],
        ));
    }

    // IDE.
    match s.launcher {
        Launcher::Vscode => {
            let file = vscode_settings(sh, s.os);
            let mut body = "The Claude Code extension reads claudeCode.environmentVariables (a list of { \"name\", \"value\" } entries in VS Code's user settings) before it starts; a stale entry there wins over everything you fixed above. Delete the conflicting entries.".to_string();
            if s.os == Os::Wsl {
                body.push_str(" Your Windows-side VS Code user settings apply to WSL windows too: check them as well (Ctrl+Shift+P › Preferences: Open User Settings (JSON)).");
            }
            out.push(step(
                "clear-ide",
                "Remove stale entries from VS Code settings",
                body,
                vec![c("Open the VS Code settings file", cmds::edit_file(sh, &file))],
            ));
        }
        Launcher::Jetbrains => out.push(step(
            "clear-ide",
            "Remove stale entries from the IDE's terminal settings",
            "In the JetBrains IDE open Settings › Tools › Terminal and delete conflicting entries under Environment variables. Run configurations can carry their own environment variables too.",
            Vec::new(),
        )),
        Launcher::GithubActions => out.push(step(
            "clear-workflow",
            "Remove conflicting credentials from the workflow",
            "Remove env: entries that set conflicting variables at workflow, job or step level, and check repository, environment and organization variables (Settings › Secrets and variables › Actions). A secret that is not passed to the action does not exist in the job.",
            vec![c("Repository variables (names and values; not secrets)", "gh variable list")],
        )),
        Launcher::Docker => {
            let files = [path(sh, "Dockerfile"), path(sh, "compose.yaml"), path(sh, "docker-compose.yml"), path(sh, ".env")];
            out.push(step(
                "clear-container",
                "Remove credentials from the image and compose files",
                "Never bake a key into an image (ENV or ARG lines, --build-arg): anyone with the image can read it from its layers. If one was baked in, remove it, rebuild, and rotate the key. Check compose environment: and env_file: entries too.",
                vec![c("Credential lines in Docker files (values masked)", cmds::find_in_files(sh, &files))],
            ));
        }
        _ => {}
    }

    // The approval prompt (interactive sessions only).
    match s.auth {
        _ if !local => {}
        Auth::ApiKey => out.push(step(
            "api-key-approval",
            "Make sure the key was not declined",
            "The first time Claude Code sees ANTHROPIC_API_KEY it asks \"Do you want to use this API key?\" and remembers the answer; a declined key is then ignored without a word. In Claude Code open /config and turn \"Use custom API key\" on (shown only while the variable is set), or /logout, start claude again and answer Yes.",
            vec![c("In Claude Code", "/config")],
        )),
        Auth::Subscription => out.push(step(
            "api-key-approval",
            "Decline a key Claude Code offers",
            "If Claude Code says \"Detected a custom API key in your environment\", answer \"No (recommended)\". If you approved one earlier, open /config and turn \"Use custom API key\" off, or remove the variable as above.",
            vec![c("In Claude Code", "/config")],
        )),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::commands::CREDENTIAL_VARS;

    #[test]
    fn conflicting_variables_are_known_credential_variables() {
        for &auth in Auth::ALL {
            for name in conflicting(auth) {
                assert!(CREDENTIAL_VARS.contains(name), "{auth:?}: {name}");
            }
        }
    }

    #[test]
    fn each_method_loses_what_outranks_it_and_keeps_what_it_needs() {
        let subscription = conflicting(Auth::Subscription);
        for name in [
            "ANTHROPIC_PROFILE",
            "ANTHROPIC_FEDERATION_RULE_ID",
            "ANTHROPIC_ORGANIZATION_ID",
            "ANTHROPIC_CUSTOM_HEADERS",
            "CLAUDE_CODE_USE_MANTLE",
            "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        ] {
            assert!(subscription.contains(&name), "{name}");
        }
        let bedrock = conflicting(Auth::Bedrock);
        assert!(!bedrock.contains(&"CLAUDE_CODE_USE_MANTLE"));
        assert!(!bedrock.contains(&"AWS_BEARER_TOKEN_BEDROCK"));
        assert!(bedrock.contains(&"CLAUDE_CODE_USE_VERTEX"));
        for auth in [Auth::Vertex, Auth::Foundry] {
            assert!(
                conflicting(auth).contains(&"CLAUDE_CODE_USE_MANTLE"),
                "{auth:?}"
            );
        }
        assert!(!conflicting(Auth::Gateway).contains(&"ANTHROPIC_CUSTOM_HEADERS"));
    }
}
