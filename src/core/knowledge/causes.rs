//! The cause table: one entry per [`CauseCode`], in contract order. Each says what the cause means, where it usually
//! comes from and how to fix it, with the public source of that knowledge. The error-text diagnosis, the live test
//! (through [`Cause::outcome`]), the fix steps and the build-time reference all read their words from here.
//!
//! The long words (what a cause means, where it comes from, the fix after its first step) are written into the page
//! once, by the build-time reference (`src/ui/reference.rs`); the WebAssembly does not carry them a second time
//! ([`Doc`]): the diagnosis and the live test show copies of the reference entry's own elements
//! (`src/ui/reference_words.rs`). The title and the first fix step stay in the module: the summary and the fix steps
//! for a setup repeat them.

use super::{doc, docs, Doc, Docs};
use crate::core::codes::{CauseCode, OutcomeCode};

/// How a cause is coloured on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// A credential or account problem: act on it.
    Bad,
    /// A limit, the network or a proxy: passing, or outside the credential.
    Warn,
    /// Not recognised.
    Neutral,
}

impl Tone {
    pub const fn class(self) -> &'static str {
        match self {
            Tone::Bad => "tone-bad",
            Tone::Warn => "tone-warn",
            Tone::Neutral => "tone-neutral",
        }
    }
}

/// What a cause means and how to fix it.
#[derive(Debug, PartialEq, Eq)]
pub struct Cause {
    pub code: CauseCode,
    /// A short headline.
    pub title: &'static str,
    /// What happened, in plain words.
    pub meaning: Doc,
    /// Where the problem usually lives.
    pub comes_from: Docs,
    /// What to do, in order.
    pub fix: Fix,
    /// The live test's outcome when an API answer carries this cause, if the live test can see it. That outcome
    /// shows this entry's words.
    pub outcome: Option<OutcomeCode>,
    pub tone: Tone,
    /// Where this knowledge comes from.
    pub source: Doc,
}

/// A cause's fix, in order: its first step, which the fix steps for a setup repeat, and the rest, which only the
/// reference shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fix {
    pub first: &'static str,
    pub rest: Docs,
}

/// A fix of these steps, in order.
pub const fn fix(first: &'static str, rest: &'static [&'static str]) -> Fix {
    Fix {
        first,
        rest: docs(rest),
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Fix {
    /// Every step, in order.
    pub fn steps(&self) -> impl Iterator<Item = &'static str> + use<> {
        std::iter::once(self.first).chain(self.rest.iter().copied())
    }
}

use CauseCode as C;
use OutcomeCode as O;

/// One entry per cause, in [`CauseCode::ALL`] order.
pub static CAUSES: &[Cause] = &[
    Cause {
        code: C::InvalidApiKey,
        title: "The API key was rejected",
        meaning: doc("Anthropic answered 401 \"invalid x-api-key\": the key sent in the x-api-key header (what ANTHROPIC_API_KEY and an apiKeyHelper send) is wrong, revoked, expired or cut short, or it is not a Console API key at all (an OAuth token, another provider's key). If you meant to use your Pro or Max login, a leftover key is overriding it: an environment key wins over a subscription by design."),
        comes_from: docs(&[
            "an `export ANTHROPIC_API_KEY=…` line in a shell profile",
            "a project .env loaded by direnv or a dotenv plugin",
            "the env block of ~/.claude/settings.json or .claude/settings.local.json",
            "Windows User or Machine environment variables",
            "VS Code's claudeCode.environmentVariables",
            "an apiKeyHelper script printing an old key",
        ]),
        fix: fix(
            "Run /status in Claude Code (or `claude auth status --text`): the API key row names where the key in use comes from.",
            &[
                "Check the key in step 1 and test it live in step 2.",
                "Meant to use your subscription? Remove ANTHROPIC_API_KEY everywhere it is set, open a new terminal, then /login.",
                "Meant to use a key? Create one at https://platform.claude.com/settings/keys, copy it in one piece, and set it in one place only.",
            ],
        ),
        outcome: Some(O::InvalidKey),
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (Invalid API key · Fix external API key); platform.claude.com/docs/en/api/errors (401); anthropics/claude-code#8327, #9694"),
    },
    Cause {
        code: C::NotLoggedIn,
        title: "Claude Code has no working login",
        meaning: doc("Claude Code found no credential it could use, or the one it sent as a bearer token (a /login, CLAUDE_CODE_OAUTH_TOKEN, ANTHROPIC_AUTH_TOKEN) was rejected: Claude Code 2.1.332 prints \"Not logged in · Please run /login\" for both. Older versions printed \"Invalid API key · Please run /login\" for the same thing; a locked macOS Keychain (over SSH, mosh or tmux) and a declined ANTHROPIC_API_KEY look the same."),
        comes_from: docs(&[
            "no /login yet, or a login stored under another CLAUDE_CONFIG_DIR",
            "a macOS Keychain that is locked in this session (SSH, tmux)",
            "an IDE or service that did not inherit the shell's variables",
            "a gateway token or OAuth token that the server rejected",
            "an ANTHROPIC_API_KEY declined at Claude Code's \"Detected a custom API key\" prompt",
        ]),
        fix: fix(
            "Run /login (press c to copy the URL; over SSH or WSL paste the code at \"Paste code here if prompted\").",
            &[
                "macOS over SSH: `security unlock-keychain ~/Library/Keychains/login.keychain-db`, then start claude.",
                "Using ANTHROPIC_AUTH_TOKEN or CLAUDE_CODE_OAUTH_TOKEN: the token itself was refused; replace it (a gateway's admin, or `claude setup-token`).",
                "If it keeps coming back: check the clock, run `claude update`, then /logout and /login.",
            ],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (Not logged in · Please run /login); Claude Code 2.1.332 (a rejected bearer credential); anthropics/claude-code#5166, #12105"),
    },
    Cause {
        code: C::OauthExpired,
        title: "The login expired",
        meaning: doc("The subscription login (OAuth) expired and could not be refreshed, or a token from `claude setup-token` (which never refreshes) reached its end. Several sessions refreshing the same login at once can also lose it."),
        comes_from: docs(&[
            "the stored login (macOS Keychain, or ~/.claude/.credentials.json)",
            "CLAUDE_CODE_OAUTH_TOKEN from `claude setup-token`",
        ]),
        fix: fix(
            "Run /login. If it recurs: /logout, then /login.",
            &[
                "Using CLAUDE_CODE_OAUTH_TOKEN: run `claude setup-token`, replace the variable, restart Claude Code.",
                "Check the system clock and run `claude update` (refresh races were fixed in several versions).",
            ],
        ),
        outcome: Some(O::OauthExpired),
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (OAuth token has expired; Login expired, 2.1.206+); anthropics/claude-code#6459, #24317, #91009"),
    },
    Cause {
        code: C::OauthRevoked,
        title: "The login was revoked",
        meaning: doc("Anthropic no longer accepts this OAuth token: it was revoked (a logout elsewhere, a plan or password change, an admin action, a refresh race) or it is unknown."),
        comes_from: docs(&["the stored login", "CLAUDE_CODE_OAUTH_TOKEN"]),
        fix: fix(
            "Run /login; if it recurs, /logout then /login.",
            &["Using CLAUDE_CODE_OAUTH_TOKEN: create a new one with `claude setup-token`."],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (OAuth token revoked · Please run /login); anthropics/claude-code#3251"),
    },
    Cause {
        code: C::OauthNotSupported,
        title: "A subscription token was used where it is not accepted",
        meaning: doc("A claude.ai OAuth token (sk-ant-oat01-…) reached the API the wrong way: as a bearer token outside Claude Code, in ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY, or through a third-party tool or proxy. The API accepts those tokens only from Claude Code itself. Claude Code 1.0.82–1.0.84 also printed this by mistake."),
        comes_from: docs(&[
            "an OAuth token in ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY",
            "a proxy or tool reusing the Claude Code login",
            "an old Claude Code version",
        ]),
        fix: fix(
            "Put a setup-token in CLAUDE_CODE_OAUTH_TOKEN only (or use /login); remove it from ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY.",
            &[
                "Run `claude update`, then /login, and open a new terminal.",
                "Subscription logins are only for Claude Code and Anthropic's apps; other tools need a Console API key from https://platform.claude.com/settings/keys.",
            ],
        ),
        outcome: Some(O::OauthNotSupported),
        tone: Tone::Bad,
        source: doc("platform.claude.com/docs/en/api/errors (401); code.claude.com/docs/en/legal-and-compliance; anthropics/claude-code#5893, #8042, #45783"),
    },
    Cause {
        code: C::InvalidBearer,
        title: "The bearer token was refused",
        meaning: doc("The Authorization: Bearer value was refused with 401 \"Invalid bearer token\": ANTHROPIC_AUTH_TOKEN is wrong for this endpoint, a Console API key went out as a bearer (it belongs in x-api-key, that is ANTHROPIC_API_KEY), or a subscription or setup-token login failed on the server's side."),
        comes_from: docs(&[
            "ANTHROPIC_AUTH_TOKEN (for a gateway, or left over from one)",
            "apiKeyHelper output (sent in both headers)",
            "a fresh setup-token in CLAUDE_CODE_OAUTH_TOKEN",
        ]),
        fix: fix(
            "Run /status and read the Auth token row.",
            &[
                "Direct to Anthropic: move a Console key to ANTHROPIC_API_KEY and unset ANTHROPIC_AUTH_TOKEN and ANTHROPIC_BASE_URL.",
                "Through a gateway: ANTHROPIC_AUTH_TOKEN must hold the gateway's own token; ask its admin.",
                "Subscription: /logout then /login. Setup-token: create a new one.",
            ],
        ),
        outcome: Some(O::InvalidBearer),
        tone: Tone::Bad,
        source: doc("platform.claude.com/docs/en/api/errors (401); code.claude.com/docs/en/llm-gateway; anthropics/claude-code#7508, #17402, #84903"),
    },
    Cause {
        code: C::InvalidCredentials,
        title: "The credential is known but no longer allowed",
        meaning: doc("Anthropic recognised the credential and refused it: the key was revoked, your access or role was removed, the organization was disabled, or the account was deactivated; an expired token is not the cause. A 403 \"Request not allowed\" or \"does not have permission\" means an inactive subscription, a workspace the key may not use, or a missing Claude Code or Developer role."),
        comes_from: docs(&[
            "an old key from a former employer or project (a personal key stops working when you leave)",
            "a Console membership without the Claude Code or Developer role",
            "a workspace whose limits or settings exclude this use",
            "an inactive subscription",
        ]),
        fix: fix(
            "Run /status: if the API key row shows a key, rotate it or unset it.",
            &[
                "Ask an organization admin whether you still have a role that may use the API: https://platform.claude.com/settings/members.",
                "With a subscription, /logout then /login; if it persists, check https://claude.ai/settings.",
            ],
        ),
        outcome: Some(O::InvalidCredentials),
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (Please run /login · API Error: 401 Invalid authentication credentials; 403 Request not allowed); platform.claude.com/docs/en/api/errors (403 permission_error); anthropics/claude-code#74192"),
    },
    Cause {
        code: C::OrgDisabled,
        title: "The credential's organization is disabled",
        meaning: doc("The key belongs to an Anthropic organization that has been disabled. Most often a stale ANTHROPIC_API_KEY from an old employer or project is overriding a working Pro or Max login."),
        comes_from: docs(&["a stale ANTHROPIC_API_KEY in a shell profile, .env file or settings env block"]),
        fix: fix(
            "Unset ANTHROPIC_API_KEY, remove it from every profile, .env file and settings env block, open a new terminal, and check /status.",
            &[
                "No key set anywhere? Then the organization of your login is disabled: contact support at https://support.claude.com.",
            ],
        ),
        outcome: Some(O::OrgDisabled),
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (Your ANTHROPIC_API_KEY belongs to a disabled organization); anthropics/claude-code#8327, #5088"),
    },
    Cause {
        code: C::LowCredit,
        title: "The API organization is out of credit",
        meaning: doc("Requests are billed to a Console organization whose credit balance is too low (400 \"Your credit balance is too low…\" or 402 billing_error). The key works; billing does not. With a Pro or Max plan this means an approved ANTHROPIC_API_KEY is routing you through API billing instead of your subscription."),
        comes_from: docs(&["an ANTHROPIC_API_KEY you did not mean to use", "an organization with no prepaid credit"]),
        fix: fix(
            "Run /status: an API key row means a key is in use; unset it to use your subscription.",
            &[
                "Otherwise buy credits or turn on auto-reload at https://platform.claude.com/settings/billing (it can take a few minutes to apply).",
                "Credit shown there, yet this message? The key may belong to another organization or workspace: create one where the credit is.",
            ],
        ),
        outcome: Some(O::LowCredit),
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (Credit balance is too low); platform.claude.com/docs/en/api/errors (402 billing_error); anthropics/claude-code#1491, #34521"),
    },
    Cause {
        code: C::SpendLimit,
        title: "A spend limit was reached",
        meaning: doc("The organization, workspace or company gateway reached a spend limit: one an admin set (\"specified API usage limits\"), the usage tier's monthly cap (enforced_spend_limit_reached, lifted on the 1st at 00:00 UTC), or the Claude apps gateway's budget (\"spend limit reached\"). The credential itself works."),
        comes_from: docs(&["the Console limits of the organization or workspace", "a company gateway's budget"]),
        fix: fix(
            "Raise the limit at https://platform.claude.com/settings/limits (workspaces: https://platform.claude.com/settings/workspaces), or ask an admin.",
            &["A subscriber who sees this: a stale ANTHROPIC_API_KEY is in use; unset it."],
        ),
        outcome: Some(O::SpendLimit),
        tone: Tone::Warn,
        source: doc("platform.claude.com/docs/en/api/rate-limits (400 specified API usage limits; 429 enforced_spend_limit_reached); code.claude.com/docs/en/errors (spend limit reached)"),
    },
    Cause {
        code: C::RateLimit,
        title: "A rate limit or a busy server, not an authentication failure",
        meaning: doc("Too many requests or tokens for now (429 \"Request rejected\", \"Server is temporarily limiting requests (not your usage limit)\") or an overloaded API (529). The credential is valid: it got through authentication. Wait and try again."),
        comes_from: docs(&["usage in this minute", "several sessions or agents sharing one key", "an incident at Anthropic"]),
        fix: fix(
            "Wait for the time the message gives (retry-after), then retry.",
            &[
                "See your limits at https://platform.claude.com/settings/limits, and incidents at https://status.claude.com.",
            ],
        ),
        outcome: Some(O::RateLimited),
        tone: Tone::Warn,
        source: doc("platform.claude.com/docs/en/api/errors (429 rate_limit_error, 529 overloaded_error); code.claude.com/docs/en/errors (Request rejected (429); Server is temporarily limiting requests)"),
    },
    Cause {
        code: C::ApiKeyAuthDisabled,
        title: "The organization turned off API key sign-in",
        meaning: doc("A Console admin disabled API key authentication for Claude Code, so the key from ANTHROPIC_API_KEY or an apiKeyHelper cannot be used."),
        comes_from: docs(&["ANTHROPIC_API_KEY", "apiKeyHelper in settings"]),
        fix: fix(
            "Unset ANTHROPIC_API_KEY (or remove apiKeyHelper from the settings file), then /login.",
            &["Or ask your admin which sign-in to use."],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (Your organization has disabled API key authentication, 2.1.169+)"),
    },
    Cause {
        code: C::SubscriptionAccessDisabled,
        title: "The subscription cannot be used for Claude Code",
        meaning: doc("Claude Code may not use this claude.ai login: the Team or Enterprise organization turned subscription access off (oauth_org_not_allowed), or the subscription lapsed or has a payment past due. Claude Code 2.1.332 words the same API answer two ways: \"Your organization has disabled Claude subscription access\" for a token in the environment, \"Claude Code can't use your Claude subscription, usually because a payment is past due\" for a /login."),
        comes_from: docs(&["the organization's Claude Code settings", "the subscription's billing state"]),
        fix: fix(
            "Check the plan and its payment at https://claude.ai/settings/billing (if you just paid, try again shortly).",
            &[
                "Team or Enterprise: ask your admin to allow Claude Code (claude.ai › Admin settings › Claude Code).",
                "Or use a Console API key instead.",
            ],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (subscription access); Claude Code 2.1.332 (both wordings); anthropics/claude-code#6752, #74714"),
    },
    Cause {
        code: C::ApiKeyHelperFailing,
        title: "The apiKeyHelper script fails",
        meaning: doc("Claude Code runs the apiKeyHelper command from a settings file to get a key; it exited non-zero, timed out, printed nothing, or printed more than the key (a banner or a log line: from 2.1.227 that output \"cannot be used as an API key\")."),
        comes_from: docs(&[
            "apiKeyHelper in ~/.claude/settings.json, .claude/settings.json or .claude/settings.local.json",
            "an expired login of the vault or SSO the script reads from",
            "a locked keychain",
        ]),
        fix: fix(
            "Run the command by hand: it must print only the key, on one line, and exit 0.",
            &[
                "Re-authenticate with whatever the script reads from; /status shows the script's error output.",
            ],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (Your apiKeyHelper script is failing, 2.1.208+), settings (apiKeyHelper); Claude Code 2.1.332 (apiKeyHelper failed: exited 1)"),
    },
    Cause {
        code: C::NoCredential,
        title: "No credential reached Claude Code",
        meaning: doc("The request had no key or token at all: \"Could not resolve authentication method\" is the SDK's error when nothing is set (background or SDK workers, a CI job without its secret, an IDE without the variables), and the API answers \"x-api-key header is required\"."),
        comes_from: docs(&["the environment of the process that starts claude (IDE, CI job, container, service)"]),
        fix: fix(
            "Run `claude update` (2.1.176 fixed the worker cases).",
            &[
                "CI: store ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN as a secret and pass it to the job.",
                "Make sure the variable exists where claude starts, not only in your terminal.",
            ],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (Could not resolve authentication method); anthropics/claude-code#6270"),
    },
    Cause {
        code: C::BadHeaderChars,
        title: "The stored credential has characters that cannot be sent",
        meaning: doc("Claude Code (2.1.227+) refuses to send a key or token containing a line break, a NUL, or a character above U+00FF (curly quotes, zero-width spaces, a BOM). The message gives the position, never the value. Older versions sent it and got a 401."),
        comes_from: docs(&[
            "a key copied from a chat, document or PDF",
            "a profile or .env line with quotes or a trailing line break",
        ]),
        fix: fix(
            "Paste the key into the key check (step 1): it shows what is wrong.",
            &["Set the variable again from a clean copy, and fix the file it came from."],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (… contains a line break at character N; Invalid auth token · Fix external auth token); Claude Code 2.1.332"),
    },
    Cause {
        code: C::CorsHeaderMissing,
        title: "A browser call was refused by the API's browser rules",
        meaning: doc("A call from a web page reached the API without the anthropic-dangerous-direct-browser-access opt-in header (401 \"CORS requests must set…\"), for example because an extension or proxy removed it. This is not the Claude Code CLI and says nothing about the key."),
        comes_from: docs(&["a browser extension or web app", "a proxy that strips request headers"]),
        fix: fix(
            "Check the key from a terminal instead (the terminal check in step 2).",
            &["In your own browser app, send the opt-in header or call the API from a server."],
        ),
        outcome: Some(O::CorsHeaderMissing),
        tone: Tone::Warn,
        source: doc("platform.claude.com/docs/en/api/errors (401 CORS); ChatGPTNextWeb/NextChat#5452"),
    },
    Cause {
        code: C::ManagedLoginRequired,
        title: "Managed settings require a first-party login",
        meaning: doc("An administrator's managed settings (forceLoginMethod or forceLoginOrgUUID) block ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN and apiKeyHelper on this machine."),
        comes_from: docs(&["managed-settings.json (MDM, Group Policy) together with an environment credential"]),
        fix: fix(
            "Remove those credentials from your environment and settings files, then /login with the organization your admin requires.",
            &[],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors, code.claude.com/docs/en/settings (forceLoginMethod)"),
    },
    Cause {
        code: C::Connection,
        title: "Claude Code could not reach the server",
        meaning: doc("A network failure before any authentication: DNS, a refused connection, a proxy tunnel, a firewall, a timeout, or a captive portal or proxy answering instead of the API (\"empty or malformed response\"). With a gateway, ANTHROPIC_BASE_URL may point at something that is not running."),
        comes_from: docs(&["HTTPS_PROXY and NO_PROXY", "DNS (/etc/resolv.conf in WSL)", "ANTHROPIC_BASE_URL"]),
        fix: fix(
            "Check that the API answers at all: `curl -sI https://api.anthropic.com`.",
            &[
                "Behind a proxy: set HTTPS_PROXY (SOCKS is not supported).",
                "With a gateway: check ANTHROPIC_BASE_URL and that the gateway runs.",
            ],
        ),
        outcome: None,
        tone: Tone::Warn,
        source: doc("code.claude.com/docs/en/errors, code.claude.com/docs/en/network-config (ECONNREFUSED, ENOTFOUND, ERR_PROXY_TUNNEL); Claude Code 2.1.332"),
    },
    Cause {
        code: C::TlsInspection,
        title: "A proxy's certificate is not trusted",
        meaning: doc("A corporate proxy or antivirus inspects TLS and presents its own certificate, which Claude Code does not trust."),
        comes_from: docs(&["a TLS-inspecting proxy or antivirus"]),
        fix: fix(
            "Get your company's CA certificate (PEM) and set NODE_EXTRA_CA_CERTS to its path.",
            &["Never set NODE_TLS_REJECT_UNAUTHORIZED=0. `claude doctor` shows the certificates in use."],
        ),
        outcome: None,
        tone: Tone::Warn,
        source: doc("code.claude.com/docs/en/network-config, code.claude.com/docs/en/errors (SSL certificate verification failed; UNABLE_TO_GET_ISSUER_CERT_LOCALLY)"),
    },
    Cause {
        code: C::AwsCredentials,
        title: "AWS credentials for Bedrock are missing, expired or not allowed",
        meaning: doc("CLAUDE_CODE_USE_BEDROCK is set and the AWS credential chain (or AWS_BEARER_TOKEN_BEDROCK) gave no valid credentials, or they lack access to the model."),
        comes_from: docs(&["AWS_PROFILE and its SSO session", "a stale AWS_ACCESS_KEY_ID or AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK", "AWS_REGION"]),
        fix: fix(
            "Run `aws sts get-caller-identity`; then `aws sso login` (or `aws configure`).",
            &[
                "Check AWS_REGION and that the model is enabled in Bedrock.",
                "Not meant to use Bedrock? Unset CLAUDE_CODE_USE_BEDROCK.",
            ],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/amazon-bedrock, code.claude.com/docs/en/errors"),
    },
    Cause {
        code: C::GcpCredentials,
        title: "Google Cloud credentials for Vertex AI are missing",
        meaning: doc("CLAUDE_CODE_USE_VERTEX is set (Vertex AI, now called Google Cloud's Agent Platform) and no Application Default Credentials were found, or they need re-authentication or lack permission."),
        comes_from: docs(&["Application Default Credentials", "GOOGLE_APPLICATION_CREDENTIALS", "ANTHROPIC_VERTEX_PROJECT_ID"]),
        fix: fix(
            "Run `gcloud auth application-default login`.",
            &[
                "Set ANTHROPIC_VERTEX_PROJECT_ID and CLOUD_ML_REGION; enable the model in Model Garden.",
                "Not meant to use Vertex AI? Unset CLAUDE_CODE_USE_VERTEX.",
            ],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/google-vertex-ai (Could not load the default credentials)"),
    },
    Cause {
        code: C::AzureCredentials,
        title: "Azure credentials for Microsoft Foundry are missing",
        meaning: doc("CLAUDE_CODE_USE_FOUNDRY is set and neither ANTHROPIC_FOUNDRY_API_KEY, ANTHROPIC_FOUNDRY_AUTH_TOKEN nor the Azure credential chain (az login) produced a credential, or the key was refused."),
        comes_from: docs(&["the az login session", "ANTHROPIC_FOUNDRY_API_KEY or ANTHROPIC_FOUNDRY_AUTH_TOKEN", "ANTHROPIC_FOUNDRY_RESOURCE"]),
        fix: fix(
            "Run `az login`, or set ANTHROPIC_FOUNDRY_API_KEY.",
            &["Check ANTHROPIC_FOUNDRY_RESOURCE. Not meant to use Foundry? Unset CLAUDE_CODE_USE_FOUNDRY."],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/microsoft-foundry (ChainedTokenCredential authentication failed)"),
    },
    Cause {
        code: C::GatewayAuth,
        title: "Your gateway or proxy rejected the credential",
        meaning: doc("The 401 or 403 came from the gateway in ANTHROPIC_BASE_URL (LiteLLM, a company proxy, an \"Anthropic-compatible\" provider), not from Anthropic: the text after the status is the gateway's own, and /login does not change it, even when Claude Code puts \"Please run /login\" in front of it."),
        comes_from: docs(&[
            "ANTHROPIC_BASE_URL in the shell or a settings env block",
            "the token in the wrong variable: most gateways read ANTHROPIC_AUTH_TOKEN (Authorization: Bearer), not ANTHROPIC_API_KEY (x-api-key)",
            "an expired gateway token",
        ]),
        fix: fix(
            "Run /status and read the Anthropic base URL and Auth token rows.",
            &[
                "Put the gateway token in ANTHROPIC_AUTH_TOKEN and unset ANTHROPIC_API_KEY (unless the gateway wants x-api-key).",
                "Test the gateway with its own token (the live test in step 2, or its terminal check), and ask its admin. Not meant to use one? Unset ANTHROPIC_BASE_URL.",
            ],
        ),
        outcome: Some(O::GatewayAuth),
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors, code.claude.com/docs/en/llm-gateway; anthropics/claude-code#27182; docs.litellm.ai (Claude Code)"),
    },
    Cause {
        code: C::AuthConflict,
        title: "Two credentials are set at once",
        meaning: doc("Claude Code warns that a token and a key (or a key and your /login) are both set, so it may not use the one you expect: an environment or settings credential wins over /login. Claude Code 2.1.332 also sends both ANTHROPIC_AUTH_TOKEN (as Bearer) and ANTHROPIC_API_KEY (as x-api-key) when both are set, and errors may then blame the key; with an apiKeyHelper beside ANTHROPIC_API_KEY it reports the helper in use (the docs rank the key first) but sends the key as x-api-key and the helper's output as Bearer."),
        comes_from: docs(&[
            "ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN left in a shell profile, .env file or settings env block beside a /login",
            "an apiKeyHelper beside ANTHROPIC_API_KEY",
            "a key minted by a Console /login (\"/login managed key\") beside a gateway token",
        ]),
        fix: fix(
            "Decide which one you mean to use (your setup, step 5), and remove the other everywhere it is set.",
            &[
                "Paste `/status` or `claude auth status --text` into \"What your machine shows\" (step 4) to see which one wins and the line to change.",
            ],
        ),
        outcome: None,
        tone: Tone::Warn,
        source: doc("code.claude.com/docs/en/authentication (precedence); Claude Code's notices \"Auth conflict\" and \"⚠ Both … set · auth may not work as expected\"; Claude Code 2.1.332 (both headers sent, for a token and for an apiKeyHelper beside the key)"),
    },
    Cause {
        code: C::ProfileExpired,
        title: "The Anthropic profile's login expired",
        meaning: doc("Claude Code is using an Anthropic profile (ANTHROPIC_PROFILE, or the active profile of the `ant` CLI in ~/.config/anthropic, for example a Console sign-in or Workload Identity Federation) and that profile's login expired. /login does not renew a profile."),
        comes_from: docs(&["ANTHROPIC_PROFILE", "the `ant` CLI's active profile", "ANTHROPIC_FEDERATION_RULE_ID with ANTHROPIC_ORGANIZATION_ID"]),
        fix: fix(
            "Renew the profile: `ant auth login`.",
            &["Or stop using it: unset ANTHROPIC_PROFILE (and the federation variables), then /login."],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (Anthropic profile login expired); code.claude.com/docs/en/env-vars (ANTHROPIC_PROFILE)"),
    },
    Cause {
        code: C::UsageLimit,
        title: "The plan's usage limit was reached",
        meaning: doc("Your subscription used up its allowance for now: the session (five-hour) limit, the weekly limit, or a model's own limit such as Opus. Nothing is wrong with the login; it resets at the time shown."),
        comes_from: docs(&["usage on your Pro, Max, Team or Enterprise plan"]),
        fix: fix(
            "Wait until the reset time the message gives, or switch to a model with room left (/model).",
            &[
                "See usage at https://claude.ai/settings/usage; extra usage or a higher plan lifts the limit.",
            ],
        ),
        outcome: None,
        tone: Tone::Warn,
        source: doc("code.claude.com/docs/en/errors (You've hit your session limit · resets …); support.claude.com (usage limits)"),
    },
    Cause {
        code: C::ExtraUsageExhausted,
        title: "Extra usage is used up",
        meaning: doc("Past the plan's limit, requests were billed as extra usage, and that allowance is spent (a 400 \"You're out of extra usage\")."),
        comes_from: docs(&["the extra usage settings of your claude.ai plan"]),
        fix: fix(
            "Add more at https://claude.ai/settings/usage, or wait for the plan's limit to reset.",
            &[],
        ),
        outcome: None,
        tone: Tone::Warn,
        source: doc("code.claude.com/docs/en/errors; anthropics/claude-code#45033"),
    },
    Cause {
        code: C::PlanRequired,
        title: "The plan does not include this",
        meaning: doc("The account's plan does not include Claude Code, or not that model: Claude Code needs Pro, Max, Team or Enterprise (\"Claude Max or Pro is required to connect to Claude Code\"), and some models need a higher plan (\"Claude Opus is not available with the Claude Pro plan\")."),
        comes_from: docs(&["a Free plan, or a plan without the model chosen in /model or --model"]),
        fix: fix(
            "Upgrade at https://claude.ai/settings/billing, or pick a model your plan includes (/model).",
            &["Or use a Console API key, billed per use."],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors; anthropics/claude-code#70189"),
    },
    Cause {
        code: C::OrgAccessDenied,
        title: "The account cannot use that organization",
        meaning: doc("At sign-in, the organization chosen is one your account does not belong to, or one that does not meet Claude Code's requirements (\"Can't access this organization\")."),
        comes_from: docs(&["an account in several organizations", "forceLoginOrgUUID in managed settings", "an organization without Claude Code enabled"]),
        fix: fix(
            "Run /login again and pick the organization your plan or seat is in.",
            &["Ask its admin to add you, or to enable Claude Code for the organization."],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors; anthropics/claude-code#34968"),
    },
    Cause {
        code: C::ModelRestricted,
        title: "The model is not available to you",
        meaning: doc("The model Claude Code asked for is restricted by your organization's settings, or it does not exist or your account may not use it. Claude Code 2.1.332 prints \"There's an issue with the selected model\" for such a model (a 404); before 2.1.206 the same words could also stand for an expired login."),
        comes_from: docs(&["the model chosen with /model, --model, ANTHROPIC_MODEL or a settings file", "the organization's model restrictions", "a model id that was retired"]),
        fix: fix(
            "Pick another model with /model (or --model).",
            &[
                "Ask an admin which models the organization allows.",
                "On Claude Code older than 2.1.206, run /login too (it could mean an expired login) and `claude update`.",
            ],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (Model \"…\" is restricted; There's an issue with the selected model); Claude Code 2.1.332 (404 model)"),
    },
    Cause {
        code: C::RemoteControlAuth,
        title: "Remote Control needs a claude.ai login on Anthropic's API",
        meaning: doc("Remote Control works only with a claude.ai login talking to api.anthropic.com: not with ANTHROPIC_BASE_URL pointing elsewhere (2.1.196+), not with an API key or a setup-token, and it stops when the app running the session signs out."),
        comes_from: docs(&["ANTHROPIC_BASE_URL set to a gateway", "an API key or CLAUDE_CODE_OAUTH_TOKEN instead of /login", "a signed-out desktop or mobile app"]),
        fix: fix(
            "Unset ANTHROPIC_BASE_URL for sessions you control remotely, and use /login with your claude.ai account.",
            &["Sign in again in the app that runs the session."],
        ),
        outcome: None,
        tone: Tone::Bad,
        source: doc("code.claude.com/docs/en/errors (Remote Control); code.claude.com/docs/en/remote-control"),
    },
    Cause {
        code: C::Unknown,
        title: "Not a message this page knows",
        meaning: doc("The text does not match a known Claude Code or Anthropic API message about authentication. \"Failed to authenticate · API Error: 401\" on its own does not say which credential failed or why."),
        comes_from: docs(&["whichever credential /status shows in use (its API key and Auth token rows)"]),
        fix: fix(
            "Run /status in Claude Code (or `claude auth status --text`) and note which credential is in use.",
            &[
                "Check the key in step 1, then run the live test in step 2: it tells a bad key from a billing or network problem.",
                "Paste the full message, including the JSON after \"API Error\", for a closer diagnosis.",
            ],
        ),
        outcome: None,
        tone: Tone::Neutral,
        source: doc("no matching message"),
    },
];

/// The entry of a cause.
pub fn cause(code: CauseCode) -> &'static Cause {
    CAUSES
        .iter()
        .find(|c| c.code == code)
        .unwrap_or(&CAUSES[CAUSES.len() - 1])
}

/// The cause whose words a live-test outcome shows, if one carries them.
pub fn for_outcome(code: OutcomeCode) -> Option<&'static Cause> {
    CAUSES.iter().find(|c| c.outcome == Some(code))
}
