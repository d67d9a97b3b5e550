//! Setup + evidence → ordered fix steps, with copyable commands for the person's shell.
//!
//! Order is the order a person works in: what the evidence points to, what Claude Code actually uses, remove
//! what conflicts (session, startup files, .env, settings, Windows variables, IDE, workflow/container, a
//! declined key), set the right credential the right way, restart what must restart, verify.
//!
//! Every command comes from [`crate::core::commands`] (or is shell-neutral: `claude`, `gh`, `docker`, cloud
//! CLIs) and is valid for the selected shell; none ever holds a key value. Sources: reference §2 (precedence),
//! §3.3 (apiKeyHelper), §5 (settings env), §7 (cloud providers), §9–§10 (commands, per-OS/shell/editor facts),
//! §13 (pain points).

use crate::core::codes::{
    Auth, CauseCode, FindingCode, Kind, Launcher, Os, OutcomeCode, Shell, Verdict,
};
use crate::core::commands::{self as cmds, abs_path, home_path, path};
use crate::core::knowledge;
use crate::core::setup::{auth_name, launcher_name, os_name, shell_name, Setup};

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

/// The variables that get in the way of an auth method (they win over it, or redirect it). For api-key and
/// gateway, the method's own variables are listed too: old copies go, a fresh one is set afterwards.
pub fn conflicting(auth: Auth) -> &'static [&'static str] {
    match auth {
        Auth::Subscription => &[
            API_KEY,
            AUTH_TOKEN,
            BASE_URL,
            OAUTH_TOKEN,
            "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CODE_USE_VERTEX",
            "CLAUDE_CODE_USE_FOUNDRY",
        ],
        Auth::ApiKey | Auth::Gateway => &[
            API_KEY,
            AUTH_TOKEN,
            BASE_URL,
            "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CODE_USE_VERTEX",
            "CLAUDE_CODE_USE_FOUNDRY",
        ],
        Auth::OauthToken => &[
            API_KEY,
            AUTH_TOKEN,
            BASE_URL,
            OAUTH_TOKEN,
            "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CODE_USE_VERTEX",
            "CLAUDE_CODE_USE_FOUNDRY",
        ],
        Auth::Bedrock => &["CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY"],
        Auth::Vertex => &["CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_FOUNDRY"],
        Auth::Foundry => &["CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX"],
    }
}

fn why_conflicting(auth: Auth) -> &'static str {
    match auth {
        Auth::Subscription => "Each of these wins over your /login: environment credentials beat a subscription by design, and a key from an old employer or project then fails with 401, a disabled organization or low credit.",
        Auth::ApiKey => "ANTHROPIC_AUTH_TOKEN and a cloud-provider switch win over ANTHROPIC_API_KEY, and ANTHROPIC_BASE_URL sends your key to another server. Old copies of ANTHROPIC_API_KEY go too: you set one fresh copy below.",
        Auth::OauthToken => "ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, apiKeyHelper and a cloud-provider switch all win over CLAUDE_CODE_OAUTH_TOKEN. An old CLAUDE_CODE_OAUTH_TOKEN goes too: you set a fresh one below.",
        Auth::Gateway => "A gateway reads ANTHROPIC_AUTH_TOKEN (Authorization: Bearer); ANTHROPIC_API_KEY travels in another header and confuses both sides. Old gateway values go too: you set fresh ones below.",
        Auth::Bedrock | Auth::Vertex | Auth::Foundry => "Only one cloud provider switch may be on; the other switches must go.",
    }
}

fn names_of_finding(f: FindingCode) -> &'static str {
    match f {
        FindingCode::SurroundingWhitespace => "spaces or a line break around it",
        FindingCode::LineBreak => "a line break inside it",
        FindingCode::InvisibleChar => "an invisible character (zero-width space, BOM)",
        FindingCode::NonLatin1 => {
            "a character that cannot be sent in a header (a curly quote, a dash)"
        }
        FindingCode::Quotes => "quotes around it",
        FindingCode::AssignmentPrefix => "a leftover `NAME=` or `export NAME=` in front",
        FindingCode::HeaderPrefix => "a leftover header name (`x-api-key:` or `Bearer`) in front",
        FindingCode::Duplicated => "the key twice in a row",
        FindingCode::Truncated => "a cut-off end",
        FindingCode::TooLong => "extra characters",
        FindingCode::BadCharset => "characters a key never has",
        FindingCode::BadSuffix => "an ending a key never has",
        FindingCode::Masked => "masked characters (`…` or `*`)",
    }
}

fn is_cleanable(f: FindingCode) -> bool {
    matches!(
        f,
        FindingCode::SurroundingWhitespace
            | FindingCode::LineBreak
            | FindingCode::InvisibleChar
            | FindingCode::NonLatin1
            | FindingCode::Quotes
            | FindingCode::AssignmentPrefix
            | FindingCode::HeaderPrefix
            | FindingCode::Duplicated
    )
}

/// The ordered fix steps for a setup and what the page found. Never empty.
pub fn plan(setup: &Setup, evidence: &Evidence) -> Vec<Step> {
    let s = setup.normalized();
    let mut steps = Vec::new();
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

// ---------------------------------------------------------------------------------------------------------------
// (0) Leads from the evidence

/// The variable a pasted secret belongs in for this setup; None when the setup needs no pasted secret.
fn secret_var_for(s: &Setup, evidence: &Evidence) -> Option<&'static str> {
    match (evidence.key_kind, s.auth) {
        (_, Auth::Subscription | Auth::Bedrock | Auth::Vertex) => None,
        (Some(Kind::OauthAccessToken), _) | (_, Auth::OauthToken) => Some(OAUTH_TOKEN),
        (_, Auth::Gateway) => Some(AUTH_TOKEN),
        (_, Auth::ApiKey) => Some(API_KEY),
        (_, Auth::Foundry) => Some("ANTHROPIC_FOUNDRY_API_KEY"),
    }
}

/// Sets a secret again: a repository secret in GitHub Actions, else a hidden prompt in the person's shell.
fn set_secret_command(s: &Setup, var: &str) -> Command {
    if s.launcher == Launcher::GithubActions {
        c(
            format!("Store it as the {var} secret (gh prompts for the value)"),
            format!("gh secret set {var}"),
        )
    } else {
        c(
            format!("Set {var} from a clean copy (hidden prompt)"),
            cmds::prompt_secret(s.shell, var),
        )
    }
}

fn leads_step(s: &Setup, ev: &Evidence) -> Option<Step> {
    let sh = s.shell;
    let mut lines: Vec<String> = Vec::new();
    let mut commands: Vec<Command> = Vec::new();
    let login_auth = matches!(s.auth, Auth::Subscription | Auth::OauthToken);
    let stale_key = |lines: &mut Vec<String>, commands: &mut Vec<Command>, why: &str| {
        lines.push(format!(
            "A stale ANTHROPIC_API_KEY is overriding your login: {why} Environment keys win over a subscription by design. Remove it everywhere it is set (steps below), then check /status."
        ));
        commands.push(c(
            "Remove it from this session",
            cmds::unset_all(sh, &[API_KEY]),
        ));
    };

    if let Some(cause) = ev.cause {
        match cause {
            CauseCode::OrgDisabled | CauseCode::LowCredit | CauseCode::SpendLimit | CauseCode::ApiKeyAuthDisabled
            | CauseCode::InvalidApiKey | CauseCode::InvalidCredentials
                if login_auth =>
            {
                let why = match cause {
                    CauseCode::OrgDisabled => "the error says the key's organization is disabled, which a Claude login never reports.",
                    CauseCode::LowCredit => "\"credit balance is too low\" is API billing, not your plan.",
                    CauseCode::SpendLimit => "a spend limit is an API billing limit, not your plan's.",
                    CauseCode::ApiKeyAuthDisabled => "the error is about API key sign-in, which you don't mean to use.",
                    _ => "the error is about a key, and you don't mean to use one.",
                };
                stale_key(&mut lines, &mut commands, why);
            }
            CauseCode::OrgDisabled => lines.push(format!("The key's organization is disabled. Create a key in an active organization ({KEYS_URL}) or contact support; no local change fixes this key.")),
            CauseCode::LowCredit => lines.push(format!("The key's organization is out of credit: add credits at {BILLING_URL} (it can take a few minutes to apply).")),
            CauseCode::SpendLimit => lines.push(format!("A spend limit was reached: raise it at {LIMITS_URL} or ask an admin; a tier's monthly cap lifts on the 1st (00:00 UTC).")),
            CauseCode::ApiKeyAuthDisabled => lines.push("Your organization turned off API keys for Claude Code: switch to /login (a subscription) or ask your admin.".into()),
            CauseCode::InvalidApiKey if s.auth == Auth::Gateway => lines.push("Claude Code sent ANTHROPIC_API_KEY (x-api-key) and it was rejected: gateways usually read ANTHROPIC_AUTH_TOKEN. Move the gateway token there and unset ANTHROPIC_API_KEY.".into()),
            CauseCode::InvalidApiKey => lines.push(format!("The key Claude Code sent is wrong, revoked, expired or cut short. Check it with the format check and the live test; if it fails, create a new key at {KEYS_URL} and set it in one place.")),
            CauseCode::NotLoggedIn if s.auth == Auth::ApiKey => lines.push("Claude Code did not see a usable key: the process that starts it (an IDE, a new shell, a service) may not have ANTHROPIC_API_KEY, or a declined key is being ignored (see the /config step).".into()),
            CauseCode::NotLoggedIn if s.os == Os::Macos && s.launcher == Launcher::Ssh => {
                lines.push("Over SSH the macOS Keychain is usually locked, so Claude Code cannot read your login. Unlock it, then start claude.".into());
                commands.push(c("Unlock the login keychain", "security unlock-keychain ~/Library/Keychains/login.keychain-db"));
            }
            CauseCode::OauthNotSupported => lines.push("A subscription OAuth token went out as a bearer or key: it belongs only in CLAUDE_CODE_OAUTH_TOKEN (or use /login). If you changed nothing, update Claude Code: some versions printed this by mistake.".into()),
            CauseCode::InvalidBearer if s.auth == Auth::Gateway => lines.push("The gateway token in ANTHROPIC_AUTH_TOKEN was rejected: check it with the gateway check below and ask the gateway's admin.".into()),
            CauseCode::InvalidBearer => lines.push("A bearer token was rejected: look for a leftover ANTHROPIC_AUTH_TOKEN or ANTHROPIC_BASE_URL from a gateway; with a login, /logout then /login; with a setup-token, create a new one.".into()),
            CauseCode::GatewayAuth if s.auth != Auth::Gateway => lines.push("The rejection came from a gateway, not Anthropic: something sets ANTHROPIC_BASE_URL. Remove it (steps below) unless you mean to use that gateway.".into()),
            CauseCode::BadHeaderChars => lines.push("The stored credential contains a line break or a character that cannot be sent. Set it again from a clean copy and fix the file it came from.".into()),
            CauseCode::NoCredential if s.launcher == Launcher::GithubActions => lines.push("The job ran without a credential: the secret is missing or not passed to the action's input.".into()),
            CauseCode::Connection => {
                lines.push("The server was not reached at all; this says nothing about your key. Check the network, proxy and ANTHROPIC_BASE_URL.".into());
                commands.push(c("Does the API answer?", cmds::reach_check(sh)));
            }
            CauseCode::TlsInspection => {
                let ca = if matches!(sh, Shell::Powershell | Shell::Cmd) { "C:\\certs\\company-ca.pem" } else { "/path/to/company-ca.pem" };
                lines.push("A proxy replaces the server's certificate: point NODE_EXTRA_CA_CERTS at your company's CA file (never disable TLS checks).".into());
                commands.push(c("Trust the company CA (use your path)", cmds::set_var(sh, "NODE_EXTRA_CA_CERTS", ca)));
            }
            CauseCode::Unknown => {}
            other => {
                let e = knowledge::cause(other);
                lines.push(format!("{}. {}", e.title, e.fix.first().copied().unwrap_or("")));
            }
        }
    }

    if let Some(kind) = ev.key_kind {
        match kind {
            Kind::OauthAccessToken if s.auth == Auth::Subscription => {
                lines.push("The pasted credential is a subscription OAuth token (its prefix says oat01), not an API key. With /login you never handle it yourself: take it out of ANTHROPIC_API_KEY and ANTHROPIC_AUTH_TOKEN and sign in again.".into());
                commands.push(c(
                    "Take it out of the key slots",
                    cmds::unset_all(sh, &[API_KEY, AUTH_TOKEN]),
                ));
            }
            Kind::OauthAccessToken => {
                lines.push("The pasted credential is a subscription OAuth token (its prefix says oat01), not an API key. It belongs in CLAUDE_CODE_OAUTH_TOKEN, never in ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN.".into());
                commands.push(c("Take it out of the key slots", cmds::unset_all(sh, &[API_KEY, AUTH_TOKEN])));
                if !matches!(s.auth, Auth::Bedrock | Auth::Vertex | Auth::Foundry) {
                    commands.push(set_secret_command(s, OAUTH_TOKEN));
                }
            }
            Kind::OauthRefreshToken => lines.push("The pasted credential is a login refresh token: not usable as a key, and private. Treat it as leaked: /logout, then /login.".into()),
            Kind::SessionCookie => lines.push("The pasted text is a claude.ai session cookie, not an API credential. Log out of claude.ai to end that session; use /login or an API key.".into()),
            Kind::AdminKey => lines.push(format!("That is an Admin API key: it only works for the Admin API. Create a standard API key at {KEYS_URL}.")),
            Kind::OtherProvider => lines.push("That is another provider's key. Claude Code needs an Anthropic key, or a gateway that accepts that key (ANTHROPIC_BASE_URL plus ANTHROPIC_AUTH_TOKEN).".into()),
            Kind::Placeholder => lines.push("That is a placeholder, not a key: the variable was never filled in, or a tool set a stand-in value.".into()),
            Kind::AnthropicUnknown => lines.push(format!("That looks like an Anthropic credential of an unknown type. Create a standard API key at {KEYS_URL}.")),
            Kind::ApiKey if login_auth => stale_key(&mut lines, &mut commands, "you pasted an API key, and with a subscription Claude Code needs none."),
            Kind::ApiKey | Kind::Empty | Kind::Unknown => {}
        }
    }

    let cleanable: Vec<&str> = ev
        .findings
        .iter()
        .copied()
        .filter(|f| is_cleanable(*f))
        .map(names_of_finding)
        .collect();
    let broken: Vec<&str> = ev
        .findings
        .iter()
        .copied()
        .filter(|f| !is_cleanable(*f))
        .map(names_of_finding)
        .collect();
    if !cleanable.is_empty() {
        lines.push(format!(
            "Fix the stored copy: the credential as pasted has {}. Wherever it is stored (a profile line, .env, a settings env block, a secret), set it again from the cleaned value and fix that file.",
            cleanable.join(", ")
        ));
        match secret_var_for(s, ev) {
            Some(var) => commands.push(set_secret_command(s, var)),
            None => lines.push(
                "Your setup needs no pasted key at all: remove the stored copy instead of fixing it.".into(),
            ),
        }
    }
    if !broken.is_empty() {
        lines.push(format!(
            "The credential is damaged ({}): copy it again from where it was created. The Console shows a key only once, so usually create a new key at {KEYS_URL}.",
            broken.join(", ")
        ));
    }

    if let Some(outcome) = ev.outcome {
        let line = match outcome {
            OutcomeCode::Valid if login_auth => Some("The live test accepted the key, but with your login you don't need it at all: remove it, or Claude Code keeps billing it instead of your plan.".to_string()),
            OutcomeCode::Valid => Some("The live test accepted the key: the key is fine, so the problem is which credential Claude Code uses or where it reads it from.".into()),
            OutcomeCode::InvalidKey => Some(format!("The API rejected the key (invalid x-api-key): wrong, revoked, expired, or not an API key. Create a new one at {KEYS_URL}.")),
            OutcomeCode::InvalidCredentials => Some("The API knows the credential but refuses it: revoked, organization disabled, or access removed.".into()),
            OutcomeCode::OauthNotSupported => Some("A subscription token was sent as a bearer: it only works inside Claude Code, from CLAUDE_CODE_OAUTH_TOKEN or /login.".into()),
            OutcomeCode::OauthExpired => Some("The OAuth token has expired: /login, or create a new setup-token.".into()),
            OutcomeCode::InvalidBearer => Some("The bearer token was rejected: check that it belongs to this base URL.".into()),
            OutcomeCode::CorsHeaderMissing => Some("The live test was refused for a missing browser header (a page problem): use the curl check instead.".into()),
            OutcomeCode::CorsDisabledOrg => Some("Your organization blocks browser calls, so the page cannot test this key; the key may be fine. Use the curl check.".into()),
            OutcomeCode::Permission => Some("The key works but lacks permission for this request: check its workspace and your role.".into()),
            OutcomeCode::NotFound => Some("404: on this endpoint that usually means the key is disabled or unknown, or the base URL path is wrong.".into()),
            OutcomeCode::LowCredit => Some(format!("The key works but its organization is out of credit: {BILLING_URL}.")),
            OutcomeCode::OrgDisabled => Some("The key's organization is disabled.".into()),
            OutcomeCode::SpendLimit => Some(format!("The key works but a spend limit was reached: {LIMITS_URL}.")),
            OutcomeCode::RateLimited | OutcomeCode::Overloaded => Some("The key works; the API is limiting or overloaded right now. Wait and retry.".into()),
            OutcomeCode::ServerError => Some("The API had a server error; see https://status.claude.com and retry.".into()),
            OutcomeCode::GatewayAuth => Some("The gateway at the base URL rejected the credential with its own message: check the token and which header the gateway reads.".into()),
            OutcomeCode::GatewayError => Some("Something other than the API answered (HTML, a captive portal): check the base URL and any proxy.".into()),
            OutcomeCode::NetworkError | OutcomeCode::Timeout => Some("The live test could not reach the server: no verdict on the key. Try the curl check from your shell.".into()),
            OutcomeCode::BlockedByPolicy => Some("The page refused to send this request (a base URL it may not call, or a credential it must not send). Use the curl check.".into()),
            OutcomeCode::Pending | OutcomeCode::Cancelled | OutcomeCode::Unknown => None,
        };
        lines.extend(line);
    }

    if lines.is_empty() {
        return None;
    }
    let mut seen = Vec::new();
    commands.retain(|cmd| {
        let new = !seen.contains(&cmd.text);
        seen.push(cmd.text.clone());
        new
    });
    Some(step(
        "leads",
        "What the evidence points to",
        lines.join("\n"),
        commands,
    ))
}

// ---------------------------------------------------------------------------------------------------------------
// (1) What Claude Code actually uses

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

fn inspect_step(s: &Setup) -> Step {
    let sh = s.shell;
    if s.launcher == Launcher::GithubActions {
        return inspect_ci_step(sh);
    }
    let mut body = String::from(
        "In Claude Code, run /status: the Login method, API key and Auth token rows show which credential is in use and where it comes from (a credential that is set but unused is marked). `claude auth status --text` shows the same from the terminal, without asking the server (it can say you are logged in while every call fails).",
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

// ---------------------------------------------------------------------------------------------------------------
// (2) Remove what conflicts

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

fn clear_steps(s: &Setup) -> Vec<Step> {
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

// ---------------------------------------------------------------------------------------------------------------
// (3) Set the right credential the right way

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

fn workflow_yaml(input: &str, secret: &str) -> String {
    format!(
        "# file: .github/workflows/claude.yml (excerpt)\n      - uses: anthropics/claude-code-action@v1\n        with:\n          {input}: ${{{{ secrets.{secret} }}}}"
    )
}

fn set_steps(s: &Setup) -> Vec<Step> {
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
            commands.push(c(
                "Store it as a secret (gh prompts for the value)",
                "gh secret set CLAUDE_CODE_OAUTH_TOKEN",
            ));
            commands.push(c(
                "Pass it to the action",
                workflow_yaml("claude_code_oauth_token", OAUTH_TOKEN),
            ));
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
            commands.push(c(
                "Store it as a secret (gh prompts for the value)",
                "gh secret set ANTHROPIC_API_KEY",
            ));
            commands.push(c(
                "Pass it to the action",
                workflow_yaml("anthropic_api_key", API_KEY),
            ));
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
                commands.push(c(
                    "Store it as a secret (gh prompts for the value)",
                    "gh secret set CLAUDE_CODE_OAUTH_TOKEN",
                ));
                commands.push(c(
                    "Pass it to the action",
                    workflow_yaml("claude_code_oauth_token", OAUTH_TOKEN),
                ));
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

fn secure_storage_step(s: &Setup) -> Step {
    let sh = s.shell;
    let helper_note = "Put the apiKeyHelper line in your user ~/.claude/settings.json (never in the project's shared settings), and keep ANTHROPIC_API_KEY unset: a set variable wins over apiKeyHelper. Claude Code caches the helper's output for 5 minutes and runs it again after a 401.";
    let mut commands = Vec::new();
    let body = match s.os {
        Os::Macos => {
            commands.push(c(
                "Store the key in the login keychain (prompts for it)",
                "security add-generic-password -U -a \"$USER\" -s anthropic-api-key -w",
            ));
            commands.push(c(
                "~/.claude/settings.json",
                "{ \"apiKeyHelper\": \"security find-generic-password -s anthropic-api-key -w\" }",
            ));
            format!("Safer than a plain-text profile line: keep the key in the macOS Keychain and let Claude Code fetch it with apiKeyHelper. {helper_note}")
        }
        Os::Linux | Os::Wsl => {
            commands.push(c(
                "Store the key in the Secret Service (prompts for it)",
                "secret-tool store --label='Anthropic API key' service anthropic",
            ));
            commands.push(c(
                "~/.claude/settings.json",
                "{ \"apiKeyHelper\": \"secret-tool lookup service anthropic\" }",
            ));
            format!("Safer than a plain-text profile line: keep the key in the desktop keyring (GNOME Keyring, KWallet) with secret-tool and let Claude Code fetch it with apiKeyHelper. Servers and WSL often run no keyring; then the environment variable is the practical choice. {helper_note}")
        }
        Os::Windows => {
            let store = match sh {
                Shell::Powershell => "Read-Host 'Paste the key' -AsSecureString | ConvertFrom-SecureString | Set-Content $HOME\\.claude\\anthropic-key.dpapi".to_string(),
                Shell::Cmd => "powershell -NoProfile -Command \"Read-Host 'Paste the key' -AsSecureString | ConvertFrom-SecureString | Set-Content $HOME\\.claude\\anthropic-key.dpapi\"".to_string(),
                _ => "powershell -NoProfile -Command 'Read-Host \"Paste the key\" -AsSecureString | ConvertFrom-SecureString | Set-Content $HOME\\.claude\\anthropic-key.dpapi'".to_string(),
            };
            commands.push(c(
                "Store the key encrypted for your Windows account (DPAPI; prompts for it)",
                store,
            ));
            commands.push(c(
                "~/.claude/settings.json",
                "{ \"apiKeyHelper\": \"powershell -NoProfile -Command \\\"[System.Net.NetworkCredential]::new('', (Get-Content $HOME/.claude/anthropic-key.dpapi | ConvertTo-SecureString)).Password\\\"\" }",
            ));
            format!("Safer than a plain-text user variable: keep the key encrypted with Windows DPAPI (readable only by your Windows account) and let Claude Code decrypt it with apiKeyHelper. Windows Credential Manager (cmdkey) cannot give a stored password back, so it cannot feed apiKeyHelper; PowerShell SecretManagement (Get-Secret -AsPlainText) is another option. {helper_note}")
        }
    };
    commands.push(c(
        "Then remove the variable from this session",
        cmds::unset_all(sh, &[API_KEY]),
    ));
    step(
        "store-securely",
        "Optional: keep the key out of plain-text files",
        body,
        commands,
    )
}

// ---------------------------------------------------------------------------------------------------------------
// (4) Restart what must restart

fn restart_step(s: &Setup) -> Step {
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

// ---------------------------------------------------------------------------------------------------------------
// (5) Verify

fn quiet_ok(sh: Shell, command: &str) -> String {
    match sh {
        Shell::Powershell => format!("{command} | Out-Null; if ($?) {{ 'ok' }}"),
        Shell::Cmd => format!("{command} >nul && echo ok"),
        Shell::Fish => format!("{command} >/dev/null; and echo ok"),
        _ => format!("{command} >/dev/null && echo ok"),
    }
}

fn verify_step(s: &Setup) -> Step {
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
        Auth::Subscription => "In Claude Code, /status should show your Claude account as the login method and no API key or Auth token row. Subscription tokens are not tested on this page: they are only for Claude Code.",
        Auth::OauthToken => "In Claude Code, /status should show CLAUDE_CODE_OAUTH_TOKEN as the auth token. Subscription tokens are not tested on this page: they are only for Claude Code.",
        Auth::Gateway => {
            commands.push(c("Check the gateway token (a 1-token request)", cmds::curl_gateway_check(sh)));
            "Check the gateway from your shell (or with the live test, using the gateway's base URL and the bearer scheme): a message id, or even an unknown-model error, means the token is accepted; 401 means the gateway rejects it. /status should show the gateway as the Anthropic base URL and ANTHROPIC_AUTH_TOKEN as the auth token."
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
