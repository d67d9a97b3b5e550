//! Set the right credential the right way for the auth method and launcher: a login, a key or token from a hidden
//! prompt, a gateway, a cloud provider's switch and sign-in, a repository secret for GitHub Actions, or variables
//! passed into a container by name.

use super::store_securely::secure_storage_step;
use super::{
    c, step, Command, Step, API_KEY, AUTH_TOKEN, BASE_URL, GATEWAY_EXAMPLE, KEYS_URL, OAUTH_TOKEN,
};
use crate::core::codes::{Auth, Launcher, Os, Shell};
use crate::core::commands::{self as cmds, home_path};
use crate::core::setup::{auth_name, Setup};

fn secret_and_persist(s: &Setup, var: &str, commands: &mut Vec<Command>) {
    let sh = s.shell;
    commands.push(c(
        format!(
            "Set {var} for this session (hidden prompt{})",
            if sh == Shell::Cmd {
                "; cmd shows what you paste"
            } else {
                ""
            }
        ),
        cmds::prompt_secret(sh, var),
    ));
    let where_ = match sh {
        Shell::Powershell | Shell::Cmd => "your Windows user variables".to_string(),
        _ => cmds::persist_file(sh, s.os)
            .unwrap_or("your profile")
            .to_string(),
    };
    commands.push(c(
        format!("Keep it for new sessions (stored in plain text in {where_})"),
        cmds::persist_from_session(sh, s.os, var),
    ));
}

/// Stores `secret` as a repository secret and passes it to the Claude Code action's `input`.
fn action_secret(commands: &mut Vec<Command>, input: &str, secret: &str) {
    commands.push(c(
        "Store it as a secret (gh prompts for the value)",
        format!("gh secret set {secret}"),
    ));
    commands.push(c(
        "Pass it to the action",
        format!(
            "# file: .github/workflows/claude.yml (excerpt)\n      - uses: anthropics/claude-code-action@v1\n        with:\n          {input}: ${{{{ secrets.{secret} }}}}"
        ),
    ));
}

pub(super) fn set_steps(s: &Setup) -> Vec<Step> {
    let sh = s.shell;
    let mut out = Vec::new();
    let mut commands = Vec::new();
    let body: String;
    let title = format!("Set up {} the right way", auth_name(s.auth));
    let actions = s.launcher == Launcher::GithubActions;
    let docker = s.launcher == Launcher::Docker;

    match s.auth {
        Auth::Subscription if actions => {
            body = "A subscription login cannot happen inside a CI job. Create a long-lived token with `claude setup-token` on your machine (it is printed once, valid for a year), store it as a repository secret, and pass it to the action.".into();
            commands.push(c("On your machine", "claude setup-token"));
            action_secret(&mut commands, "claude_code_oauth_token", OAUTH_TOKEN);
        }
        Auth::Subscription => {
            let mut b = "Sign in with /login and choose your Claude account (Pro, Max, Team or Enterprise). Keep ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN and CLAUDE_CODE_OAUTH_TOKEN unset.".to_string();
            commands.push(c("In Claude Code", "/login"));
            commands.push(c("Or from the terminal", "claude auth login"));
            if matches!(s.launcher, Launcher::Ssh | Launcher::Docker) || s.os == Os::Wsl {
                b.push_str(" Without a browser here, press c to copy the sign-in URL, open it on your own computer, and paste the code at \"Paste code here if prompted\".");
            }
            if s.os == Os::Wsl {
                b.push_str(" Or let WSL open your Windows browser (use your browser's path).");
                commands.push(c(
                    "Open sign-in pages in Windows Chrome",
                    cmds::set_var(
                        sh,
                        "BROWSER",
                        "/mnt/c/Program Files/Google/Chrome/Application/chrome.exe",
                    ),
                ));
            }
            if s.os == Os::Macos && s.launcher == Launcher::Ssh {
                b.push_str(" Over SSH the login keychain is locked: unlock it first.");
                commands.push(c(
                    "Unlock the login keychain",
                    "security unlock-keychain ~/Library/Keychains/login.keychain-db",
                ));
            }
            if docker || s.launcher == Launcher::Ssh {
                b.push_str(" For a headless machine or a container, a token from `claude setup-token` in CLAUDE_CODE_OAUTH_TOKEN avoids logging in there at all.");
            }
            body = b;
        }
        Auth::ApiKey if actions => {
            body = format!("Create a key at {KEYS_URL}, store it as a repository secret, and pass it to the action's anthropic_api_key input. Never write the key into the workflow file.");
            action_secret(&mut commands, "anthropic_api_key", API_KEY);
        }
        Auth::ApiKey => {
            let mut b = format!("Create a key at {KEYS_URL} (it is shown once). Set it from a hidden prompt so it never lands in your shell history, check it (last step), then keep it in ONE place.");
            secret_and_persist(s, API_KEY, &mut commands);
            if docker {
                b.push_str(" Pass it into the container by name, so the value never appears on the command line, or from a git-ignored (and .dockerignore'd) env file.");
                commands.push(c(
                    "Pass it through from this shell",
                    "docker run --rm -it -e ANTHROPIC_API_KEY your-image claude",
                ));
                commands.push(c(
                    "Or from an env file",
                    "docker run --rm -it --env-file .env your-image claude",
                ));
            }
            if s.launcher == Launcher::Vscode {
                b.push_str(" Or give it to the VS Code extension only, in user settings (plain text there too):");
                commands.push(c(
                    "VS Code user settings (JSON)",
                    format!("\"claudeCode.environmentVariables\": [{{ \"name\": \"ANTHROPIC_API_KEY\", \"value\": \"{}\" }}]", cmds::VALUE_PLACEHOLDER),
                ));
            }
            body = b;
        }
        Auth::OauthToken => {
            let mut b = "Run `claude setup-token` (needs a Pro, Max, Team or Enterprise plan): it prints a one-year token once and does not save it. Put it in CLAUDE_CODE_OAUTH_TOKEN only. It is for inference only (no Remote Control).".to_string();
            commands.push(c("Create the token", "claude setup-token"));
            if actions {
                action_secret(&mut commands, "claude_code_oauth_token", OAUTH_TOKEN);
            } else {
                secret_and_persist(s, OAUTH_TOKEN, &mut commands);
                if docker {
                    b.push_str(" Pass it into the container by name.");
                    commands.push(c(
                        "Pass it through from this shell",
                        "docker run --rm -it -e CLAUDE_CODE_OAUTH_TOKEN your-image claude",
                    ));
                }
            }
            body = b;
        }
        Auth::Gateway => {
            let mut b = "Point Claude Code at the gateway with ANTHROPIC_BASE_URL and put the gateway's token in ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer). Keep ANTHROPIC_API_KEY unset unless the gateway's docs say it reads x-api-key. Use your gateway's URL instead of the example.".to_string();
            if actions {
                commands.push(c(
                    "Store the token as a secret (gh prompts for the value)",
                    "gh secret set ANTHROPIC_AUTH_TOKEN",
                ));
                commands.push(c(
                    "Pass both to the job",
                    format!("# file: .github/workflows/claude.yml (excerpt)\n    env:\n      ANTHROPIC_BASE_URL: {GATEWAY_EXAMPLE}\n      ANTHROPIC_AUTH_TOKEN: ${{{{ secrets.ANTHROPIC_AUTH_TOKEN }}}}"),
                ));
            } else {
                commands.push(c(
                    "Set the gateway URL for this session",
                    cmds::set_var(sh, BASE_URL, GATEWAY_EXAMPLE),
                ));
                commands.push(c(
                    "Keep the URL for new sessions",
                    cmds::persist_var(sh, s.os, BASE_URL, GATEWAY_EXAMPLE),
                ));
                secret_and_persist(s, AUTH_TOKEN, &mut commands);
                if docker {
                    b.push_str(" Pass both into the container by name.");
                    commands.push(c("Pass them through", "docker run --rm -it -e ANTHROPIC_BASE_URL -e ANTHROPIC_AUTH_TOKEN your-image claude"));
                }
                if matches!(s.launcher, Launcher::Vscode | Launcher::Jetbrains) {
                    b.push_str(" The URL may also live in ~/.claude/settings.json (it is not a secret); keep the token out of shared files.");
                    commands.push(c(
                        "~/.claude/settings.json",
                        format!(
                            "{{ \"env\": {{ \"ANTHROPIC_BASE_URL\": \"{GATEWAY_EXAMPLE}\" }} }}"
                        ),
                    ));
                }
            }
            body = b;
        }
        Auth::Bedrock | Auth::Vertex | Auth::Foundry => {
            let (flag, pairs, login, text): (&str, &[(&str, &str)], Option<&str>, &str) = match s.auth {
                Auth::Bedrock => (
                    "CLAUDE_CODE_USE_BEDROCK",
                    &[("AWS_REGION", "us-east-1"), ("AWS_PROFILE", "your-profile")],
                    Some("aws sso login --profile your-profile"),
                    "Turn on Bedrock, choose the region and AWS profile (use yours instead of the examples), and sign in to AWS. Claude Code uses the AWS credential chain (profile/SSO, static keys, or AWS_BEARER_TOKEN_BEDROCK); enable the Claude models in the Bedrock console. /logout does not apply.",
                ),
                Auth::Vertex => (
                    "CLAUDE_CODE_USE_VERTEX",
                    &[("CLOUD_ML_REGION", "global"), ("ANTHROPIC_VERTEX_PROJECT_ID", "your-project-id")],
                    Some("gcloud auth application-default login"),
                    "Turn on Vertex AI, set the region and your project ID, and create Application Default Credentials. Enable the Claude models in Model Garden for that region.",
                ),
                _ => (
                    "CLAUDE_CODE_USE_FOUNDRY",
                    &[("ANTHROPIC_FOUNDRY_RESOURCE", "your-resource")],
                    Some("az login"),
                    "Turn on Microsoft Foundry, set your resource name, and sign in with az login (or set ANTHROPIC_FOUNDRY_API_KEY instead).",
                ),
            };
            if actions {
                let mut yaml = format!(
                    "# file: .github/workflows/claude.yml (excerpt)\n    env:\n      {flag}: \"1\""
                );
                for (name, value) in pairs.iter().filter(|(n, _)| *n != "AWS_PROFILE") {
                    yaml.push_str(&format!("\n      {name}: {value}"));
                }
                commands.push(c("Job environment", yaml));
                body = format!("{text} In a workflow, sign in with the provider's official action (OIDC) instead of stored keys: aws-actions/configure-aws-credentials, google-github-actions/auth, or azure/login.");
            } else {
                commands.push(c(
                    "Turn it on for this session",
                    cmds::set_var(sh, flag, "1"),
                ));
                for (name, value) in pairs {
                    commands.push(c(
                        format!("Set {name} (your value)"),
                        cmds::set_var(sh, name, value),
                    ));
                }
                commands.push(c(
                    "Keep the switch for new sessions",
                    cmds::persist_var(sh, s.os, flag, "1"),
                ));
                if let Some(login) = login {
                    commands.push(c("Sign in to the provider", login));
                }
                if s.auth == Auth::Foundry {
                    commands.push(c(
                        "Or use a Foundry API key (hidden prompt)",
                        cmds::prompt_secret(sh, "ANTHROPIC_FOUNDRY_API_KEY"),
                    ));
                }
                if docker {
                    commands.push(c(
                        "Pass the settings (by name) and the provider's sign-in into the container",
                        docker_provider_run(s, flag, pairs),
                    ));
                }
                body = text.to_string();
            }
        }
    }
    out.push(step("set-credential", title, body, commands));

    if s.auth == Auth::ApiKey && !actions && !docker {
        out.push(secure_storage_step(s));
    }
    out
}

/// `docker run` passing a cloud provider's variables by name, with its CLI credentials mounted read-only.
fn docker_provider_run(s: &Setup, flag: &str, pairs: &[(&str, &str)]) -> String {
    let sh = s.shell;
    let mut args = format!("-e {flag}");
    for (name, _) in pairs {
        args.push_str(&format!(" -e {name}"));
    }
    let windows_home = |rel: &str| match sh {
        Shell::Powershell => format!("$env:APPDATA\\{rel}"),
        Shell::Cmd => format!("%APPDATA%\\{rel}"),
        _ => format!("\"$APPDATA/{rel}\""),
    };
    let mount = match s.auth {
        Auth::Bedrock => Some((home_path(sh, ".aws"), "/root/.aws")),
        Auth::Vertex if s.os == Os::Windows => {
            Some((windows_home("gcloud"), "/root/.config/gcloud"))
        }
        Auth::Vertex => Some((home_path(sh, ".config/gcloud"), "/root/.config/gcloud")),
        _ => {
            args.push_str(" -e ANTHROPIC_FOUNDRY_API_KEY");
            None
        }
    };
    if let Some((host, container)) = mount {
        args.push_str(&format!(" -v {host}:{container}:ro"));
    }
    let prefix = if s.os == Os::Windows && sh == Shell::Bash {
        "MSYS_NO_PATHCONV=1 "
    } else {
        ""
    };
    format!("{prefix}docker run --rm -it {args} your-image claude")
}
