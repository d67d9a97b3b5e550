//! The first step, when the page found something: what the key check, the error text and the live test point
//! to, with the commands that act on it.

use super::{
    c, step, Command, Evidence, Step, API_KEY, AUTH_TOKEN, BILLING_URL, KEYS_URL, LIMITS_URL,
    OAUTH_TOKEN,
};
use crate::core::codes::{Auth, CauseCode, FindingCode, Kind, Launcher, Os, OutcomeCode, Shell};
use crate::core::commands as cmds;
use crate::core::knowledge;
use crate::core::setup::Setup;

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

pub(super) fn leads_step(s: &Setup, ev: &Evidence) -> Option<Step> {
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
                lines.push(format!("{}. {}", e.title, e.fix.first));
            }
        }
    }

    if let Some(kind) = ev.key_kind {
        match kind {
            Kind::OauthAccessToken if s.auth == Auth::Subscription => {
                lines.push("The pasted credential is an OAuth token (its prefix says oat01: a subscription, federation or profile token), not an API key. With /login you never handle it yourself: take it out of ANTHROPIC_API_KEY and ANTHROPIC_AUTH_TOKEN and sign in again.".into());
                commands.push(c(
                    "Take it out of the key slots",
                    cmds::unset_all(sh, &[API_KEY, AUTH_TOKEN]),
                ));
            }
            Kind::OauthAccessToken => {
                lines.push("The pasted credential is an OAuth token (its prefix says oat01), not an API key. A subscription token belongs in CLAUDE_CODE_OAUTH_TOKEN, never in ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN; a Workload Identity Federation or Anthropic profile token is fetched by Claude Code itself (ANTHROPIC_PROFILE or the federation variables), not stored.".into());
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
            Kind::AnthropicUnknown => lines.push(format!("That is an Anthropic credential but not a Console API key (for example a Claude Enterprise Admin key, whose prefix says api01), and it cannot call the Messages API. Create a standard API key at {KEYS_URL}.")),
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
