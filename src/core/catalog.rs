//! Table: what Claude Code printed → the cause, with the source of every entry.
//!
//! Two tables: [`CAUSES`] (one entry per [`CauseCode`]: title, plain explanation, where the problem usually lives,
//! fix steps, source) and [`PATTERNS`] (lowercase needles → cause, most specific first). A new Claude Code message
//! is one line in [`PATTERNS`] and one test sample.
//!
//! [`diagnose`] takes the text as pasted (`⎿` decorations, `·` separators, line breaks, JSON bodies, JSON-escaped
//! text) and is case-insensitive, hand-written substring matching (no regex), linear in the input and panic-free.
//!
//! Matching works on a normalized copy of the text: JSON escapes resolved (twice, for a body quoted inside
//! another), lowercase, decorations (`·`, `⎿`, `│`, `●`, …) turned into spaces, curly quotes made straight,
//! whitespace runs collapsed to one space, and whitespace next to `{ } [ ] : ,` removed (so `"type": "error"`
//! and `API Error: 401` become `"type":"error"` and `api error:401`). Needles are written in that form.

use crate::core::codes::CauseCode;

/// What a cause means and how to fix it.
#[derive(Debug, PartialEq, Eq)]
pub struct CauseEntry {
    pub code: CauseCode,
    /// A short headline.
    pub title: &'static str,
    /// What happened, in plain words.
    pub explanation: &'static str,
    /// Where the problem usually lives.
    pub likely_sources: &'static [&'static str],
    /// What to do, in order.
    pub fix: &'static [&'static str],
    /// Where this knowledge comes from (reference tags, issue numbers).
    pub source: &'static str,
}

/// A message pattern: every needle must occur in the normalized text (and the status must match, if given).
#[derive(Debug, PartialEq, Eq)]
pub struct Pattern {
    /// Lowercase, normalized needles; all must be present. Empty = status-only.
    pub needles: &'static [&'static str],
    /// Required HTTP status, if any.
    pub status: Option<u16>,
    pub cause: CauseCode,
    /// Generic patterns run only after the check for a gateway's own 401/403 (a non-Anthropic body).
    pub generic: bool,
    pub source: &'static str,
}

const fn p(needles: &'static [&'static str], cause: CauseCode, source: &'static str) -> Pattern {
    Pattern {
        needles,
        status: None,
        cause,
        generic: false,
        source,
    }
}

const fn g(
    needles: &'static [&'static str],
    status: Option<u16>,
    cause: CauseCode,
    source: &'static str,
) -> Pattern {
    Pattern {
        needles,
        status,
        cause,
        generic: true,
        source,
    }
}

use CauseCode as C;

/// Message patterns, most specific first. First match wins. One line per message (kept unformatted).
#[rustfmt::skip]
pub static PATTERNS: &[Pattern] = &[
    // A credential Claude Code refused to send (≥ v2.1.227): before any "invalid api key" pattern.
    p(&["header value from"], C::BadHeaderChars, "CC-docs errors (Invalid X-Api-Key header value from …)"),
    p(&["contains a line break at character"], C::BadHeaderChars, "CC-docs errors"),
    p(&["contains a nul"], C::BadHeaderChars, "CC-docs errors"),
    p(&["fix external auth token"], C::BadHeaderChars, "CC-docs errors (Invalid auth token · Fix external auth token)"),
    p(&["invalid anthropic_custom_headers"], C::BadHeaderChars, "CC-docs errors"),
    p(&["invalid request header from the environment"], C::BadHeaderChars, "CC-docs errors"),
    p(&["invalid character in header content"], C::BadHeaderChars, "Node.js ERR_INVALID_CHAR (older Claude Code)"),
    p(&["cannot convert argument to a bytestring"], C::BadHeaderChars, "Fetch ByteString rule (chars > U+00FF)"),
    // Admin policy.
    p(&["managed settings require a first-party login"], C::ManagedLoginRequired, "CC-docs errors"),
    // Cloud providers.
    p(&["could not load credentials from any providers"], C::AwsCredentials, "CC-docs amazon-bedrock, errors"),
    p(&["aws credentials expired or invalid"], C::AwsCredentials, "CC-docs errors"),
    p(&["aws authentication failed"], C::AwsCredentials, "CC-docs errors"),
    p(&["credential resolve timed out"], C::AwsCredentials, "CC-docs errors (AWS default-chain …)"),
    p(&["security token included in the request is"], C::AwsCredentials, "AWS STS/Bedrock (invalid/expired token)"),
    p(&["unrecognizedclientexception"], C::AwsCredentials, "AWS Bedrock"),
    p(&["expiredtokenexception"], C::AwsCredentials, "AWS Bedrock"),
    p(&["sso session associated with this profile has expired"], C::AwsCredentials, "AWS CLI/SDK"),
    p(&["aws_bearer_token_bedrock"], C::AwsCredentials, "CC-docs amazon-bedrock"),
    p(&["could not load the default credentials"], C::GcpCredentials, "CC-docs google-vertex-ai"),
    p(&["application default credentials"], C::GcpCredentials, "google-auth-library"),
    p(&["invalid_grant", "reauth"], C::GcpCredentials, "google-auth-library (invalid_rapt)"),
    p(&["aiplatform.endpoints.predict"], C::GcpCredentials, "Vertex AI IAM permission"),
    p(&["unable to detect a project id"], C::GcpCredentials, "google-auth-library"),
    p(&["chainedtokencredential authentication failed"], C::AzureCredentials, "CC-docs microsoft-foundry"),
    p(&["credentialunavailableerror"], C::AzureCredentials, "CC-docs microsoft-foundry"),
    p(&["defaultazurecredential"], C::AzureCredentials, "@azure/identity"),
    p(&["aadsts"], C::AzureCredentials, "Microsoft Entra ID error codes"),
    p(&["anthropic_foundry_api_key"], C::AzureCredentials, "CC-docs microsoft-foundry"),
    p(&["invalid subscription key"], C::AzureCredentials, "Azure API Management / Azure AI services 401 (Access denied due to invalid subscription key)"),
    // TLS interception (before the generic "unable to connect").
    p(&["ssl certificate"], C::TlsInspection, "CC-docs errors, network-config"),
    p(&["self-signed certificate"], C::TlsInspection, "CC-docs errors"),
    p(&["self signed certificate"], C::TlsInspection, "Node.js TLS"),
    p(&["unable_to_get_issuer_cert_locally"], C::TlsInspection, "CC-docs errors"),
    p(&["unable to get local issuer certificate"], C::TlsInspection, "Node.js TLS"),
    p(&["certificate verification failed"], C::TlsInspection, "CC-docs errors"),
    p(&["self_signed_cert_in_chain"], C::TlsInspection, "Node.js TLS"),
    p(&["depth_zero_self_signed_cert"], C::TlsInspection, "Node.js TLS"),
    p(&["unable_to_verify_leaf_signature"], C::TlsInspection, "Node.js TLS"),
    p(&["err_tls_cert_altname_invalid"], C::TlsInspection, "Node.js TLS"),
    // Organization and account settings.
    p(&["organization has disabled api key authentication"], C::ApiKeyAuthDisabled, "CC-docs errors (≥ v2.1.169)"),
    p(&["disabled claude subscription access"], C::SubscriptionAccessDisabled, "CC-docs errors"),
    p(&["oauth authentication is currently not allowed for this organization"], C::SubscriptionAccessDisabled, "CC-src errors.ts; CC-docs errors"),
    p(&["oauth_org_not_allowed"], C::SubscriptionAccessDisabled, "CC-docs errors (-p/SDK code)"),
    p(&["account does not have access to claude code"], C::SubscriptionAccessDisabled, "CC-docs errors (older wording)"),
    p(&["organization does not have access to claude"], C::SubscriptionAccessDisabled, "CC-docs errors (older wording)"),
    p(&["belongs to a disabled organization"], C::OrgDisabled, "CC-docs errors; claude-code#8327"),
    p(&["organization has been disabled"], C::OrgDisabled, "API 400; claude-code#8327, #5088"),
    p(&["apikeyhelper script is failing"], C::ApiKeyHelperFailing, "CC-docs errors (≥ v2.1.208)"),
    p(&["apikeyhelper is taking a while"], C::ApiKeyHelperFailing, "CC-docs changelog v2.1.77"),
    p(&["from apikeyhelper"], C::ApiKeyHelperFailing, "CC-bundle (Error getting API key from apiKeyHelper)"),
    // Subscription login (OAuth).
    p(&["oauth token revoked"], C::OauthRevoked, "CC-docs errors"),
    p(&["oauth token has been revoked"], C::OauthRevoked, "CC-src errors.ts (API 403)"),
    p(&["account does not have access to claude. please login"], C::OauthRevoked, "CC-docs errors (non-interactive)"),
    p(&["invalid oauth token"], C::OauthRevoked, "API 401; claude-code#3251"),
    p(&["oauth token has expired"], C::OauthExpired, "CC-docs errors; API 401; claude-code#6459"),
    p(&["oauth session expired"], C::OauthExpired, "CC-docs errors (-p/SDK)"),
    p(&["login expired"], C::OauthExpired, "CC-docs errors (≥ v2.1.206)"),
    p(&["token refresh failed"], C::OauthExpired, "CC-docs errors (Remote Control)"),
    p(&["jwt refresh failed"], C::OauthExpired, "CC-docs errors (Remote Control)"),
    p(&["does not meet scope requirement"], C::OauthExpired, "CC-docs errors"),
    p(&["your login expires in"], C::OauthExpired, "reference §4"),
    p(&["oauth authentication is currently not supported"], C::OauthNotSupported, "API 401; claude-code#5893, #45783"),
    p(&["only authorized for use with claude code"], C::OauthNotSupported, "API 400; claude-code#8042"),
    p(&["invalid bearer token"], C::InvalidBearer, "API 401; claude-code#7508, #17402, #84903"),
    p(&["invalid authentication credentials"], C::InvalidCredentials, "CC-docs errors; claude-code#74192"),
    p(&["request not allowed"], C::InvalidCredentials, "CC-docs errors (403 forbidden after login)"),
    // Browser calls.
    p(&["cors requests must set"], C::CorsHeaderMissing, "API 401; NextChat#5452, page-assist#511"),
    p(&["cors requests are not allowed for this organization"], C::CorsHeaderMissing, "nanobrowser#50"),
    // Billing and limits.
    p(&["credit balance is too low"], C::LowCredit, "API 400; CC-docs errors; claude-code#1491"),
    p(&["enforced_spend_limit_reached"], C::SpendLimit, "API-docs rate-limits (429)"),
    p(&["api usage limit"], C::SpendLimit, "API-docs rate-limits (specified/workspace API usage limits)"),
    p(&["monthly api usage threshold"], C::SpendLimit, "API-docs rate-limits"),
    p(&["rate_limit_error"], C::RateLimit, "API-docs errors (429)"),
    p(&["rate limit"], C::RateLimit, "API-docs rate-limits"),
    p(&["usage limit reached"], C::RateLimit, "Claude Code subscription limit notice"),
    p(&["limit reached", "resets"], C::RateLimit, "Claude Code subscription limit notice"),
    p(&["too many requests"], C::RateLimit, "HTTP 429"),
    // No credential at all.
    p(&["could not resolve authentication method"], C::NoCredential, "CC-docs errors; claude-code#6270"),
    p(&["expected either apikey or authtoken"], C::NoCredential, "CC-docs errors (older SDK)"),
    p(&["x-api-key header is required"], C::NoCredential, "API 401; gptel#354"),
    p(&["env var is required"], C::NoCredential, "CC-src (CI without a credential)"),
    p(&["no api key available"], C::NoCredential, "claude-code#59527"),
    // API key rejected, and logins.
    p(&["fix external api key"], C::InvalidApiKey, "CC-docs errors (Invalid API key · Fix external API key)"),
    p(&["invalid x-api-key"], C::InvalidApiKey, "API 401; CC-src errors.ts; claude-code#9694"),
    p(&["not logged in"], C::NotLoggedIn, "CC-docs errors (Not logged in · Please run /login)"),
    p(&["missing api key"], C::NotLoggedIn, "reference §11 (Missing API key · Run /login)"),
    p(&["invalid api key", "/login"], C::NotLoggedIn, "CC-docs errors (older wording of Not logged in)"),
    p(&["oauth error:invalid code"], C::NotLoggedIn, "CC-docs errors (login code expired or truncated)"),
    p(&["is not supported by client"], C::NotLoggedIn, "claude-code#45783 (redirect URI)"),
    p(&["invalid api key"], C::InvalidApiKey, "CC-docs errors"),
    // Network.
    p(&["unable to connect to api"], C::Connection, "CC-docs errors"),
    p(&["unable to connect to anthropic services"], C::Connection, "CC-bundle first-run probe"),
    p(&["failed to connect to api.anthropic.com"], C::Connection, "CC-bundle first-run probe"),
    p(&["econnrefused"], C::Connection, "CC-docs errors"),
    p(&["connection refused"], C::Connection, "CC-docs errors"),
    p(&["enotfound"], C::Connection, "CC-docs errors"),
    p(&["getaddrinfo"], C::Connection, "Node.js DNS"),
    p(&["eai_again"], C::Connection, "Node.js DNS"),
    p(&["can't reach the api server"], C::Connection, "CC-docs errors"),
    p(&["err_proxy_tunnel"], C::Connection, "CC-docs errors"),
    p(&["connect through your proxy"], C::Connection, "CC-docs errors"),
    p(&["econnreset"], C::Connection, "Node.js"),
    p(&["etimedout"], C::Connection, "Node.js"),
    p(&["request timed out"], C::Connection, "CC-docs errors"),
    p(&["socket hang up"], C::Connection, "Node.js"),
    p(&["fetch failed"], C::Connection, "CC-docs errors"),
    p(&["connection error"], C::Connection, "SDK APIConnectionError"),
    p(&["empty or malformed response"], C::Connection, "CC-docs errors (captive portal, HTML from a proxy)"),
    // A gateway's own rejection, recognisable by its words.
    p(&["login fail"], C::GatewayAuth, "CC-docs errors; claude-code#27182"),
    p(&["carry the api secret key"], C::GatewayAuth, "claude-code#27182"),
    p(&["\"type\":\"auth_error\""], C::GatewayAuth, "LiteLLM proxy auth error"),
    p(&["invalid proxy server token"], C::GatewayAuth, "LiteLLM proxy auth error"),
    p(&["no api key found in request"], C::GatewayAuth, "Kong key-auth"),
    // Generic: after the gateway-shape check.
    g(&[], Some(429), C::RateLimit, "API-docs errors (429)"),
    g(&["overloaded_error"], None, C::RateLimit, "API-docs errors (529)"),
    g(&[], Some(529), C::RateLimit, "API-docs errors (529)"),
    g(&["\"type\":\"authentication_error\""], None, C::InvalidCredentials, "API-docs errors (401)"),
    g(&["\"type\":\"permission_error\""], None, C::InvalidCredentials, "API-docs errors (403)"),
    g(&["\"type\":\"billing_error\""], None, C::LowCredit, "API-docs errors (402)"),
    g(&["auth conflict"], None, C::InvalidApiKey, "CC-src statusNoticeDefinitions (Auth conflict)"),
    g(&["detected a custom api key"], None, C::InvalidApiKey, "CC-bundle v2.1.7 (ANTHROPIC_API_KEY approval prompt)"),
    g(&["/login"], None, C::NotLoggedIn, "CC-docs errors (Please run /login · API Error: …)"),
];

const UNKNOWN_ENTRY: CauseEntry = CauseEntry {
    code: C::Unknown,
    title: "Not a message this page knows",
    explanation: "The text does not match a known Claude Code or Anthropic API message. \"Failed to authenticate · API Error: 401\" on its own does not say which credential failed or why.",
    likely_sources: &["whichever credential /status shows in use (Login method, API key, Auth token rows)"],
    fix: &[
        "Run /status in Claude Code (or `claude auth status --text`) and note which credential is in use.",
        "Paste the key into the format check above, then run the live test: it tells a bad key from a billing or network problem.",
        "Paste the full message, including the JSON after \"API Error\", for a closer diagnosis.",
    ],
    source: "no matching pattern",
};

/// One entry per cause, in [`CauseCode::ALL`] order.
pub static CAUSES: &[CauseEntry] = &[
    CauseEntry {
        code: C::InvalidApiKey,
        title: "The API key Claude Code sent was rejected",
        explanation: "Claude Code is sending an API key from ANTHROPIC_API_KEY (or an apiKeyHelper). When Anthropic answers 401 \"invalid x-api-key\", that key is wrong, revoked, expired, cut short, or not an API key at all (an OAuth token, another provider's key). If you meant to use your Pro/Max login, a leftover key is overriding it (Claude Code's \"Auth conflict\" notice and its \"Detected a custom API key\" prompt say so): environment keys win over a subscription by design.",
        likely_sources: &[
            "an `export ANTHROPIC_API_KEY=…` line in a shell profile",
            "a project .env loaded by direnv or a dotenv plugin",
            "the env block of ~/.claude/settings.json or .claude/settings.local.json",
            "Windows User or Machine environment variables",
            "VS Code claudeCode.environmentVariables",
            "an apiKeyHelper script printing an old key",
        ],
        fix: &[
            "Run /status and read the API key row: it names the source of the key in use.",
            "Paste the key into the format check above and run the live test.",
            "Meant to use your subscription? Remove ANTHROPIC_API_KEY everywhere it is set, restart, then /login.",
            "Meant to use a key? Create one at https://platform.claude.com/settings/keys and set it in one place only.",
        ],
        source: "CC-docs errors; API 401 invalid x-api-key; CC-src errors.ts; claude-code#8327, #9694",
    },
    CauseEntry {
        code: C::NotLoggedIn,
        title: "Claude Code has no working login",
        explanation: "Claude Code found no credential it could use, or the login it holds was rejected. Older versions print \"Invalid API key · Please run /login\" for the same thing; a locked macOS Keychain (over SSH, mosh or tmux) looks the same.",
        likely_sources: &[
            "no /login yet, or a login stored under another CLAUDE_CONFIG_DIR",
            "a macOS Keychain that is locked in this session (SSH, tmux)",
            "an IDE that did not inherit the shell's variables",
        ],
        fix: &[
            "Run /login (press c to copy the URL; over SSH or WSL paste the code at \"Paste code here if prompted\").",
            "macOS over SSH: `security unlock-keychain ~/Library/Keychains/login.keychain-db`, then start claude.",
            "If it keeps coming back: check the clock, run `claude update`, then /logout and /login.",
        ],
        source: "CC-docs errors (Not logged in · Please run /login); reference §13.3; claude-code#5166, #12105",
    },
    CauseEntry {
        code: C::OauthExpired,
        title: "Your login expired",
        explanation: "The subscription login (OAuth) expired and could not be refreshed, or a token from `claude setup-token` (which never refreshes) reached its end. Several sessions refreshing the same login at once can also lose it.",
        likely_sources: &[
            "the stored login (macOS Keychain, or ~/.claude/.credentials.json)",
            "CLAUDE_CODE_OAUTH_TOKEN from claude setup-token",
        ],
        fix: &[
            "Run /login. If it recurs: /logout, then /login.",
            "Using CLAUDE_CODE_OAUTH_TOKEN: run `claude setup-token`, replace the variable, restart Claude Code.",
            "Check the system clock and run `claude update` (refresh races were fixed in several versions).",
        ],
        source: "CC-docs errors; API 401 OAuth token has expired; claude-code#24317, #91009",
    },
    CauseEntry {
        code: C::OauthRevoked,
        title: "Your login was revoked",
        explanation: "Anthropic no longer accepts this OAuth token: it was revoked (a logout elsewhere, a plan or password change, an admin action, a refresh race) or it is unknown.",
        likely_sources: &["the stored login", "CLAUDE_CODE_OAUTH_TOKEN"],
        fix: &[
            "Run /login; if it recurs, /logout then /login.",
            "Using CLAUDE_CODE_OAUTH_TOKEN: create a new one with `claude setup-token`.",
        ],
        source: "CC-docs errors (OAuth token revoked); CC-src (API 403 OAuth token has been revoked); claude-code#3251",
    },
    CauseEntry {
        code: C::OauthNotSupported,
        title: "A subscription token was used where it is not accepted",
        explanation: "A claude.ai OAuth token (sk-ant-oat01-…) reached the API the wrong way: in ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY, through a third-party tool or proxy, or outside Claude Code. Claude Code v1.0.82–1.0.84 also printed this by mistake.",
        likely_sources: &[
            "an OAuth token in ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY",
            "a proxy or tool reusing the Claude Code login",
            "an old Claude Code version",
        ],
        fix: &[
            "Put a setup-token in CLAUDE_CODE_OAUTH_TOKEN only; remove it from ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY.",
            "Run `claude update`, then /login, and open a new terminal.",
            "Subscription logins are only for Claude Code and Anthropic's apps; other tools need a Console API key.",
        ],
        source: "API 401 OAuth authentication is currently not supported (claude-code#5893, #45783); API 400 (claude-code#8042); CC-docs legal-and-compliance",
    },
    CauseEntry {
        code: C::InvalidBearer,
        title: "The bearer token was rejected",
        explanation: "The Authorization: Bearer value was refused: ANTHROPIC_AUTH_TOKEN is wrong for this endpoint, an API key went out as a bearer, or a subscription or setup-token login failed on the server side.",
        likely_sources: &[
            "ANTHROPIC_AUTH_TOKEN (for a gateway, or left over from one)",
            "apiKeyHelper output (sent in both headers)",
            "a fresh setup-token in CLAUDE_CODE_OAUTH_TOKEN (claude-code#84903)",
        ],
        fix: &[
            "Run /status and read the Auth token row.",
            "Gateway: test the token against ANTHROPIC_BASE_URL with the check below; ask the gateway's admin.",
            "No gateway: unset ANTHROPIC_AUTH_TOKEN and ANTHROPIC_BASE_URL.",
            "Subscription: /logout then /login. Setup-token: create a new one.",
        ],
        source: "API 401 Invalid bearer token; CC-docs llm-gateway-connect; claude-code#7508, #17402, #84903",
    },
    CauseEntry {
        code: C::InvalidCredentials,
        title: "The credential is known but no longer allowed",
        explanation: "Anthropic recognised the credential and refused it: the key was revoked, the organization was disabled, your access was removed, or the account was deactivated; an expired token is not the cause. A 403 \"Request not allowed\" after login means an inactive subscription or a missing Claude Code/Developer role.",
        likely_sources: &[
            "an old key from a former employer or project",
            "a Console membership without the Claude Code or Developer role",
            "an inactive subscription",
        ],
        fix: &[
            "Run /status: if the API key row shows a key, rotate or unset it.",
            "Otherwise /login again; if it persists, check https://claude.ai/settings or ask your admin (Console › Settings › Members).",
        ],
        source: "CC-docs errors (Please run /login · API Error: 401 Invalid authentication credentials; 403 Request not allowed); claude-code#74192",
    },
    CauseEntry {
        code: C::OrgDisabled,
        title: "The credential's organization is disabled",
        explanation: "The key belongs to an Anthropic organization that has been disabled. Most often a stale ANTHROPIC_API_KEY from an old employer or project is overriding a working Pro/Max login.",
        likely_sources: &["a stale ANTHROPIC_API_KEY in a profile, .env or settings env block"],
        fix: &[
            "Unset ANTHROPIC_API_KEY, remove it from every profile, .env and settings env block, restart, and check /status.",
            "No key set anywhere? The organization of your login is disabled: contact support.",
        ],
        source: "CC-docs errors (Your ANTHROPIC_API_KEY belongs to a disabled organization); API 400; claude-code#8327, #5088",
    },
    CauseEntry {
        code: C::LowCredit,
        title: "The API organization is out of credit",
        explanation: "Requests are billed to a Console organization whose credit balance is too low. With a Pro/Max plan this means an approved ANTHROPIC_API_KEY is routing you through API billing instead of your subscription.",
        likely_sources: &["an ANTHROPIC_API_KEY you did not mean to use", "an organization with no prepaid credit"],
        fix: &[
            "Run /status: an API key row means a key is in use; unset it to use your subscription.",
            "Otherwise add credits at https://platform.claude.com/settings/billing.",
        ],
        source: "API 400 Your credit balance is too low; CC-docs errors; claude-code#1491, #34521",
    },
    CauseEntry {
        code: C::SpendLimit,
        title: "A spend limit was reached",
        explanation: "The organization or workspace reached a spend limit: one set by an admin (\"specified API usage limits\") or the usage tier's monthly cap (enforced_spend_limit_reached, lifted on the 1st at 00:00 UTC).",
        likely_sources: &["Console limits of the organization or workspace"],
        fix: &[
            "Raise the limit at https://platform.claude.com/settings/limits, or ask an admin.",
            "Subscription users: unset a stale ANTHROPIC_API_KEY.",
        ],
        source: "API-docs rate-limits (400 specified API usage limits; 429 enforced_spend_limit_reached)",
    },
    CauseEntry {
        code: C::RateLimit,
        title: "A rate, usage or capacity limit, not an authentication failure",
        explanation: "Too many requests or tokens for now (429), a subscription usage limit, or an overloaded API (529). The credential works.",
        likely_sources: &["usage in this period", "several sessions or agents sharing one key"],
        fix: &[
            "Wait for the time the message gives, then retry.",
            "Subscription: see https://claude.ai/settings/usage. API: see https://platform.claude.com/settings/limits.",
        ],
        source: "API-docs errors (429 rate_limit_error, 529 overloaded_error), rate-limits",
    },
    CauseEntry {
        code: C::ApiKeyAuthDisabled,
        title: "Your organization turned off API key sign-in",
        explanation: "A Console admin disabled API key authentication for Claude Code, so the key from ANTHROPIC_API_KEY or apiKeyHelper cannot be used.",
        likely_sources: &["ANTHROPIC_API_KEY", "apiKeyHelper in settings"],
        fix: &[
            "Unset ANTHROPIC_API_KEY (or remove apiKeyHelper from settings), then /login.",
            "Or ask your admin which sign-in to use.",
        ],
        source: "CC-docs errors (Your organization has disabled API key authentication, ≥ v2.1.169)",
    },
    CauseEntry {
        code: C::SubscriptionAccessDisabled,
        title: "Your organization turned off subscription access for Claude Code",
        explanation: "The Team or Enterprise organization does not allow claude.ai logins in Claude Code (oauth_org_not_allowed).",
        likely_sources: &["the organization's Claude Code settings"],
        fix: &[
            "Use a Console API key instead, or ask your admin to allow Claude Code (claude.ai › Admin settings › Claude Code).",
        ],
        source: "CC-docs errors; CC-src (OAuth authentication is currently not allowed for this organization); claude-code#74714",
    },
    CauseEntry {
        code: C::ApiKeyHelperFailing,
        title: "The apiKeyHelper script fails",
        explanation: "Claude Code runs the apiKeyHelper command from settings to get a key; it exited non-zero, timed out, printed nothing, or printed more than the key (a banner or a log line).",
        likely_sources: &[
            "apiKeyHelper in ~/.claude/settings.json, .claude/settings.json or .claude/settings.local.json",
            "an expired login of the vault or SSO the script reads from",
            "a locked keychain",
        ],
        fix: &[
            "Run the command by hand: it must print only the key and exit 0.",
            "Re-authenticate with whatever the script reads from; /status shows the script's error output.",
        ],
        source: "CC-docs errors (Your apiKeyHelper script is failing), settings (apiKeyHelper)",
    },
    CauseEntry {
        code: C::NoCredential,
        title: "No credential reached Claude Code",
        explanation: "The request had no key or token at all: \"Could not resolve authentication method\" is the SDK's error when nothing is set (background or SDK workers, a CI job without its secret, an IDE without the variables).",
        likely_sources: &["the environment of the process that starts claude (IDE, CI job, container, service)"],
        fix: &[
            "Run `claude update` (v2.1.176 fixed the worker cases).",
            "CI: store ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN as a secret and pass it to the job.",
            "Make sure the variable exists where claude starts, not only in your terminal.",
        ],
        source: "CC-docs errors (Could not resolve authentication method); API 401 x-api-key header is required; claude-code#6270",
    },
    CauseEntry {
        code: C::BadHeaderChars,
        title: "The stored credential has characters that cannot be sent",
        explanation: "Claude Code (v2.1.227+) refuses to send a key or token containing a line break, a NUL, or a character above U+00FF (curly quotes, zero-width spaces, a BOM). The message gives the position, never the value. Older versions sent it and got a 401.",
        likely_sources: &[
            "a key copied from a chat, document or PDF",
            "a profile or .env line with quotes or a trailing line break",
        ],
        fix: &[
            "Paste the key into the format check above: it shows what is wrong.",
            "Set the variable again from a clean copy, and fix the file it came from.",
        ],
        source: "CC-docs errors (… contains a line break at character N; Invalid auth token · Fix external auth token)",
    },
    CauseEntry {
        code: C::CorsHeaderMissing,
        title: "A browser request was refused by the API's CORS rules",
        explanation: "A browser-based tool called the API without the anthropic-dangerous-direct-browser-access header, or the organization blocks browser calls. This is not the Claude Code CLI and says nothing about the key.",
        likely_sources: &["a browser extension or web app", "an organization setting that blocks browser access"],
        fix: &[
            "Check the key with the curl command instead.",
            "In your own browser app, send the opt-in header or call the API from a server.",
        ],
        source: "API 401 CORS requests must set … (NextChat#5452); nanobrowser#50",
    },
    CauseEntry {
        code: C::ManagedLoginRequired,
        title: "Managed settings require a first-party login",
        explanation: "An administrator's managed settings (forceLoginMethod or forceLoginOrgUUID) block ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN and apiKeyHelper on this machine.",
        likely_sources: &["managed-settings.json (MDM, Group Policy) together with an environment credential"],
        fix: &[
            "Remove those credentials from your environment and settings, then /login with the organization your admin requires.",
        ],
        source: "CC-docs errors, settings (forceLoginMethod)",
    },
    CauseEntry {
        code: C::Connection,
        title: "Claude Code could not reach the server",
        explanation: "A network failure before any authentication: DNS, a refused connection, a proxy tunnel, a firewall, a timeout, or a captive portal answering instead. With a gateway, ANTHROPIC_BASE_URL may point at something that is not running.",
        likely_sources: &["HTTPS_PROXY/NO_PROXY", "DNS (/etc/resolv.conf in WSL)", "ANTHROPIC_BASE_URL"],
        fix: &[
            "Check that the API answers at all (command below).",
            "Behind a proxy: set HTTPS_PROXY (no SOCKS support).",
            "With a gateway: check ANTHROPIC_BASE_URL.",
        ],
        source: "CC-docs errors, network-config (ECONNREFUSED, ENOTFOUND, ERR_PROXY_TUNNEL)",
    },
    CauseEntry {
        code: C::TlsInspection,
        title: "A proxy's certificate is not trusted",
        explanation: "A corporate proxy or antivirus inspects TLS and presents its own certificate, which Claude Code does not trust.",
        likely_sources: &["a TLS-inspecting proxy or antivirus"],
        fix: &[
            "Get your company's CA certificate (PEM) and set NODE_EXTRA_CA_CERTS to its path.",
            "Never set NODE_TLS_REJECT_UNAUTHORIZED=0. `claude doctor` shows the certificates in use.",
        ],
        source: "CC-docs network-config, errors (SSL certificate verification failed; UNABLE_TO_GET_ISSUER_CERT_LOCALLY)",
    },
    CauseEntry {
        code: C::AwsCredentials,
        title: "AWS credentials for Bedrock are missing, expired or not allowed",
        explanation: "CLAUDE_CODE_USE_BEDROCK is set and the AWS credential chain found no valid credentials, or they lack access to the model.",
        likely_sources: &["AWS_PROFILE / SSO session", "stale AWS_ACCESS_KEY_ID/AWS_SESSION_TOKEN", "AWS_REGION"],
        fix: &[
            "Run `aws sts get-caller-identity`; then `aws sso login` (or `aws configure`).",
            "Check AWS_REGION and that the model is enabled in Bedrock.",
            "Not meant to use Bedrock? Unset CLAUDE_CODE_USE_BEDROCK.",
        ],
        source: "CC-docs amazon-bedrock, errors",
    },
    CauseEntry {
        code: C::GcpCredentials,
        title: "Google Cloud credentials for Vertex AI are missing",
        explanation: "CLAUDE_CODE_USE_VERTEX is set and no Application Default Credentials were found, or they need re-authentication or lack permission.",
        likely_sources: &["Application Default Credentials", "GOOGLE_APPLICATION_CREDENTIALS", "ANTHROPIC_VERTEX_PROJECT_ID"],
        fix: &[
            "Run `gcloud auth application-default login`.",
            "Set ANTHROPIC_VERTEX_PROJECT_ID and CLOUD_ML_REGION; enable the model in Model Garden.",
            "Not meant to use Vertex? Unset CLAUDE_CODE_USE_VERTEX.",
        ],
        source: "CC-docs google-vertex-ai (Could not load the default credentials)",
    },
    CauseEntry {
        code: C::AzureCredentials,
        title: "Azure credentials for Microsoft Foundry are missing",
        explanation: "CLAUDE_CODE_USE_FOUNDRY is set and neither ANTHROPIC_FOUNDRY_API_KEY nor the Azure credential chain (az login) produced a credential.",
        likely_sources: &["az login session", "ANTHROPIC_FOUNDRY_API_KEY", "ANTHROPIC_FOUNDRY_RESOURCE"],
        fix: &[
            "Run `az login`, or set ANTHROPIC_FOUNDRY_API_KEY.",
            "Check ANTHROPIC_FOUNDRY_RESOURCE. Not meant to use Foundry? Unset CLAUDE_CODE_USE_FOUNDRY.",
        ],
        source: "CC-docs microsoft-foundry (ChainedTokenCredential authentication failed)",
    },
    CauseEntry {
        code: C::GatewayAuth,
        title: "Your gateway or proxy rejected the request",
        explanation: "The 401/403 came from the gateway in ANTHROPIC_BASE_URL (LiteLLM, a company proxy, an \"Anthropic-compatible\" provider), not from Anthropic: the text after the status is the gateway's own, and /login does not change it.",
        likely_sources: &[
            "ANTHROPIC_BASE_URL in the shell or a settings env block",
            "the token in the wrong variable: most gateways read ANTHROPIC_AUTH_TOKEN (Bearer), not ANTHROPIC_API_KEY",
            "an expired gateway token",
        ],
        fix: &[
            "Run /status and read the Anthropic base URL and Auth token rows.",
            "Put the gateway token in ANTHROPIC_AUTH_TOKEN and unset ANTHROPIC_API_KEY (unless the gateway wants x-api-key).",
            "Test the gateway with the check below, and ask its admin. Not meant to use one? Unset ANTHROPIC_BASE_URL.",
        ],
        source: "CC-docs errors, llm-gateway-connect; claude-code#27182; docs.litellm.ai claude_code",
    },
    UNKNOWN_ENTRY,
];

/// The catalog entry of a cause.
pub fn entry(code: CauseCode) -> &'static CauseEntry {
    CAUSES
        .iter()
        .find(|e| e.code == code)
        .unwrap_or(&UNKNOWN_ENTRY)
}

/// The diagnosis of a pasted error text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    pub cause: CauseCode,
    pub entry: &'static CauseEntry,
    /// The needle that matched (None for a status-only or structural match).
    pub matched: Option<&'static str>,
    /// The HTTP status named in the text.
    pub status: Option<u16>,
    /// The `req_…` id from the text (support asks for it).
    pub request_id: Option<String>,
    /// `error.message` of an embedded JSON body.
    pub api_message: Option<String>,
}

impl Diagnosis {
    fn new(cause: CauseCode, matched: Option<&'static str>) -> Self {
        Diagnosis {
            cause,
            entry: entry(cause),
            matched,
            status: None,
            request_id: None,
            api_message: None,
        }
    }
}

/// Anthropic's error types (`{"type":"error","error":{"type":…}}`).
const ANTHROPIC_TYPES: &[&str] = &[
    "\"type\":\"error\"",
    "\"type\":\"authentication_error\"",
    "\"type\":\"permission_error\"",
    "\"type\":\"invalid_request_error\"",
    "\"type\":\"billing_error\"",
    "\"type\":\"not_found_error\"",
    "\"type\":\"rate_limit_error\"",
    "\"type\":\"api_error\"",
    "\"type\":\"overloaded_error\"",
    "\"type\":\"timeout_error\"",
];

/// Words Claude Code adds around an API error; what is left after them is the server's text.
const CLAUDE_CODE_WORDS: &[&str] = &[
    "please run /login",
    "run /login",
    "failed to authenticate",
    "api error",
];

/// Diagnoses what Claude Code printed. Never panics; linear in the input.
pub fn diagnose(text: &str) -> Diagnosis {
    if text.trim().is_empty() {
        return Diagnosis::new(C::Unknown, None);
    }
    let unescaped = unescape(&unescape(text));
    let lower = normalize(&unescaped);
    let found = status_in(&lower);
    let status = found.map(|(s, _)| s);

    let matches = |pat: &Pattern| {
        pat.status.is_none_or(|s| Some(s) == status)
            && (!pat.needles.is_empty() || pat.status.is_some())
            && pat.needles.iter().all(|n| lower.contains(n))
    };
    let specific = PATTERNS.iter().filter(|p| !p.generic).find(|p| matches(p));
    let chosen = specific
        .map(|p| (p.cause, p.needles.first().copied()))
        .or_else(|| {
            if gateway_shaped(&lower, found) {
                Some((C::GatewayAuth, None))
            } else {
                PATTERNS
                    .iter()
                    .filter(|p| p.generic)
                    .find(|p| matches(p))
                    .map(|p| (p.cause, p.needles.first().copied()))
            }
        });
    let (cause, matched) = chosen.unwrap_or((C::Unknown, None));
    Diagnosis {
        status,
        request_id: request_id(&unescaped),
        api_message: api_message(&unescaped),
        ..Diagnosis::new(cause, matched)
    }
}

/// A 401/403 followed by text that is neither Anthropic's error shape nor Claude Code's own words.
fn gateway_shaped(lower: &str, found: Option<(u16, usize)>) -> bool {
    let Some((status, end)) = found else {
        return false;
    };
    if status != 401 && status != 403 {
        return false;
    }
    if ANTHROPIC_TYPES.iter().any(|t| lower.contains(t)) {
        return false;
    }
    let mut rest = lower.get(end..).unwrap_or("").to_string();
    for w in CLAUDE_CODE_WORDS {
        if rest.contains(w) {
            rest = rest.replace(w, " ");
        }
    }
    rest.chars().any(char::is_alphanumeric)
}

/// Resolves JSON string escapes (`\"`, `\n`, `\\`, `\/`, `\uXXXX`); anything else is kept as is.
fn unescape(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('n') | Some('r') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('u') => {
                chars.next();
                let mut code = 0u32;
                let mut digits = 0;
                while digits < 4 {
                    match chars.peek().and_then(|d| d.to_digit(16)) {
                        Some(d) => {
                            code = code * 16 + d;
                            digits += 1;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(if digits == 4 {
                    char::from_u32(code).unwrap_or(' ')
                } else {
                    ' '
                });
                continue;
            }
            _ => {
                out.push('\\');
                continue;
            }
        }
        chars.next();
    }
    out
}

/// Characters Claude Code's UI draws around messages; treated as spaces.
fn is_decoration(c: char) -> bool {
    matches!(
        c,
        '·' | '•'
            | '∙'
            | '⎿'
            | '│'
            | '─'
            | '╭'
            | '╮'
            | '╰'
            | '╯'
            | '⏺'
            | '●'
            | '❯'
            | '✗'
            | '✘'
            | '⚠'
            | '⎯'
            | '▐'
            | '▌'
    )
}

/// Lowercase, decorations and whitespace folded, no whitespace next to JSON punctuation.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut after_punct = true;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
            _ => c,
        };
        if c.is_whitespace() || is_decoration(c) {
            pending_space = true;
            continue;
        }
        if matches!(c, '{' | '}' | '[' | ']' | ':' | ',') {
            out.push(c);
            pending_space = false;
            after_punct = true;
            continue;
        }
        if pending_space && !after_punct {
            out.push(' ');
        }
        pending_space = false;
        after_punct = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Words after which an HTTP status appears, strongest first.
const STATUS_PREFIXES: &[&str] = &[
    "api error",
    "status code",
    "status",
    "http error",
    "http/1.1",
    "http/2",
    "http",
    "error",
];

/// The HTTP status named in normalized text, and the byte offset just after it.
fn status_in(lower: &str) -> Option<(u16, usize)> {
    for prefix in STATUS_PREFIXES {
        for (i, _) in lower.match_indices(prefix) {
            if let Some(found) = three_digits_after(lower, i + prefix.len()) {
                return Some(found);
            }
        }
    }
    for (code, phrase) in [
        (401, "401 unauthorized"),
        (403, "403 forbidden"),
        (429, "429 too many requests"),
    ] {
        if let Some(i) = lower.find(phrase) {
            return Some((code, i + 3));
        }
    }
    None
}

fn three_digits_after(lower: &str, start: usize) -> Option<(u16, usize)> {
    let bytes = lower.as_bytes();
    let mut i = start;
    let mut skipped = 0;
    while i < bytes.len()
        && skipped < 3
        && matches!(bytes[i], b' ' | b':' | b'=' | b'(' | b'#' | b'"')
    {
        i += 1;
        skipped += 1;
    }
    let digits = bytes.get(i..i + 3)?;
    if !digits.iter().all(u8::is_ascii_digit) || bytes.get(i + 3).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let value = digits
        .iter()
        .fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'));
    (100..=599).contains(&value).then_some((value, i + 3))
}

/// The first `req_…` id (at least 8 characters after the prefix).
fn request_id(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices("req_") {
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
            continue;
        }
        let id: String = text[i + 4..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .take(64)
            .collect();
        if id.len() >= 8 {
            return Some(format!("req_{id}"));
        }
    }
    None
}

/// `error.message` of an embedded JSON body: the first `"message": "…"` after `"error"` (or anywhere).
fn api_message(text: &str) -> Option<String> {
    let from = text.find("\"error\"").unwrap_or(0);
    let rest = text.get(from..)?;
    for (i, _) in rest.match_indices("\"message\"") {
        let after = rest.get(i + 9..)?.trim_start();
        let Some(after) = after.strip_prefix(':') else {
            continue;
        };
        let Some(value) = after.trim_start().strip_prefix('"') else {
            continue;
        };
        let mut out = String::new();
        let mut escaped = false;
        for c in value.chars().take(1000) {
            match c {
                _ if escaped => {
                    out.push(c);
                    escaped = false;
                }
                '\\' => escaped = true,
                '"' => break,
                _ => out.push(c),
            }
        }
        let out = out.trim().to_string();
        return (!out.is_empty()).then_some(out);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_entry_per_cause_in_order() {
        assert_eq!(CAUSES.len(), CauseCode::ALL.len());
        for (e, &c) in CAUSES.iter().zip(CauseCode::ALL) {
            assert_eq!(e.code, c);
            assert_eq!(entry(c).code, c);
            assert!(
                !e.title.is_empty()
                    && !e.explanation.is_empty()
                    && !e.fix.is_empty()
                    && !e.source.is_empty()
            );
        }
    }

    #[test]
    fn needles_are_normalized() {
        for pat in PATTERNS {
            for n in pat.needles {
                assert_eq!(&normalize(n), n, "needle not in normalized form");
            }
            assert!(!pat.needles.is_empty() || pat.status.is_some());
        }
    }

    #[test]
    fn normalize_folds_decorations_and_json_spacing() {
        assert_eq!(
            normalize("  ⎿  API Error: 401 {\n \"type\" : \"error\" }"),
            "api error:401{\"type\":\"error\"}"
        );
        assert_eq!(
            normalize("Not logged in · Please run /login"),
            "not logged in please run /login"
        );
    }

    #[test]
    fn unescape_handles_json_strings() {
        assert_eq!(unescape(r#"{\"a\":\"b\\n\"}"#), "{\"a\":\"b\\n\"}");
        assert_eq!(
            unescape(&unescape(r#"{\"a\":\"b\\n\"}"#)),
            "{\"a\":\"b\n\"}"
        );
        assert_eq!(unescape("x \\u00b7 y \\u12"), "x · y  ");
        assert_eq!(unescape("trailing \\"), "trailing \\");
    }

    #[test]
    fn status_extraction() {
        assert_eq!(
            status_in(&normalize("API Error: 401 {}")).map(|s| s.0),
            Some(401)
        );
        assert_eq!(status_in(&normalize("(HTTP 200)")).map(|s| s.0), Some(200));
        assert_eq!(
            status_in(&normalize("\"status\": 429")).map(|s| s.0),
            Some(429)
        );
        assert_eq!(status_in(&normalize("Error 1020")), None);
        assert_eq!(status_in(&normalize("https://x")), None);
    }

    #[test]
    fn extracts_request_id_and_message() {
        let d = diagnose(
            r#"API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"#,
        );
        assert_eq!(d.cause, C::InvalidApiKey);
        assert_eq!(d.status, Some(401));
        assert_eq!(
            d.request_id.as_deref(),
            Some("req_011CSHoEeqs5C35K2UUqR7Fy")
        );
        assert_eq!(d.api_message.as_deref(), Some("invalid x-api-key"));
        assert_eq!(d.matched, Some("invalid x-api-key"));
    }
}
