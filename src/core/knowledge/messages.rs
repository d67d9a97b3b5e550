//! The message table: what Claude Code, the Anthropic API, the SDK, the cloud providers and gateways print → the
//! cause, with the versions each message applies to, a verbatim example, and its public source. The error-text
//! diagnosis reads every row; the live test reads the rows whose text is the API's own error message.
//!
//! A new message is one row here (and its example is tested). Fragments are written in the normalized form of
//! [`super::text::normalize`]: lowercase, decorations (`·`, `⎿`, `⚠` …) and runs of whitespace folded to one space,
//! straight quotes, no whitespace next to `{ } [ ] : ,`.

use super::{doc, Doc};
use crate::core::codes::{CauseCode, OutcomeCode};

/// When a row is tried. Rows are tried stage by stage, in table order within a stage; the first match wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// A message that names its cause: tried first.
    Specific,
    /// A notice printed beside errors (two credentials set): wins only when no error says more, and never over a
    /// gateway's own rejection.
    Notice,
    /// Broad hints (a bare status, an error type, "/login"): tried last, after the check for a gateway's own 401/403.
    Generic,
}

/// Who prints a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The Anthropic API, as `error.message` of its error body: the live test matches these too.
    Api,
    /// Claude Code itself.
    ClaudeCode,
    /// The SDK, Node.js, a cloud provider's library, or a gateway.
    Other,
}

/// One message.
#[derive(Debug, PartialEq, Eq)]
pub struct Message {
    /// Normalized fragments; all must occur in the text. Empty: the status alone decides.
    pub fragments: &'static [&'static str],
    /// The HTTP status the text must name, if any.
    pub status: Option<u16>,
    pub cause: CauseCode,
    pub stage: Stage,
    pub origin: Origin,
    /// The Claude Code versions the message applies to (`all` when it does not depend on the version).
    pub versions: Doc,
    /// The message as it is printed, verbatim: the test diagnoses it.
    pub example: Doc,
    /// What this message adds to its cause's words ("" for nothing).
    pub note: &'static str,
    /// The live test's outcome, where it differs from the cause's.
    pub outcome: Option<OutcomeCode>,
    pub source: Doc,
}

use CauseCode as C;
use Origin::{Api, ClaudeCode, Other};
use Stage::{Generic, Notice, Specific};

const fn row(
    fragments: &'static [&'static str],
    cause: CauseCode,
    origin: Origin,
    versions: &'static str,
    example: &'static str,
    source: &'static str,
) -> Message {
    Message {
        fragments,
        status: None,
        cause,
        stage: Specific,
        origin,
        versions: doc(versions),
        example: doc(example),
        note: "",
        outcome: None,
        source: doc(source),
    }
}

impl Message {
    const fn note(mut self, note: &'static str) -> Message {
        self.note = note;
        self
    }
    const fn outcome(mut self, outcome: OutcomeCode) -> Message {
        self.outcome = Some(outcome);
        self
    }
    const fn stage(mut self, stage: Stage) -> Message {
        self.stage = stage;
        self
    }
    const fn status(mut self, status: u16) -> Message {
        self.status = Some(status);
        self
    }
}

const ERRORS: &str = "code.claude.com/docs/en/errors";
const API_ERRORS: &str = "platform.claude.com/docs/en/api/errors";
const SEEN: &str = "Claude Code 2.1.332, run against a stand-in API";

/// Every message, most specific first within its stage. One row per message (kept unformatted).
#[rustfmt::skip]
pub static MESSAGES: &[Message] = &[
    // A credential Claude Code refused to send: before any "invalid api key" row.
    row(&["header value from"], C::BadHeaderChars, ClaudeCode, "2.1.227+", "Invalid API key · Fix external API key · Invalid X-Api-Key header value from ANTHROPIC_API_KEY: it contains a line break at character 41 (109 characters on 2 lines).", ERRORS),
    row(&["contains a line break at character"], C::BadHeaderChars, ClaudeCode, "2.1.227+", "it contains a line break at character 41 (109 characters on 2 lines)", ERRORS),
    row(&["fix external auth token"], C::BadHeaderChars, ClaudeCode, "2.1.227+", "Invalid auth token · Fix external auth token", ERRORS),
    row(&["invalid anthropic_custom_headers"], C::BadHeaderChars, ClaudeCode, "2.1.227+", "Invalid ANTHROPIC_CUSTOM_HEADERS · Fix the environment variable", ERRORS),
    row(&["invalid request header from the environment"], C::BadHeaderChars, ClaudeCode, "2.1.227+", "Invalid request header from the environment · Fix the environment variable", ERRORS),
    row(&["invalid character in header content"], C::BadHeaderChars, Other, "before 2.1.227", "TypeError [ERR_INVALID_CHAR]: Invalid character in header content [\"x-api-key\"]", "Node.js ERR_INVALID_CHAR"),
    row(&["cannot convert argument to a bytestring"], C::BadHeaderChars, Other, "before 2.1.227", "TypeError: Cannot convert argument to a ByteString because the character at index 108 has a value of 8203 which is greater than 255.", "the Fetch standard's ByteString rule"),
    // Admin policy.
    row(&["managed settings require a first-party login"], C::ManagedLoginRequired, ClaudeCode, "all", "This machine's managed settings require a first-party login", ERRORS),
    // The apiKeyHelper.
    row(&["apikeyhelper script is failing"], C::ApiKeyHelperFailing, ClaudeCode, "2.1.208+", "Your apiKeyHelper script is failing · This usually means you need to re-authenticate with your provider · Run /status to see the script's error output", ERRORS),
    row(&["apikeyhelper", "cannot be used as an api key"], C::ApiKeyHelperFailing, ClaudeCode, "2.1.227+", "apiKeyHelper returned output that cannot be used as an API key (it spans 3 lines): print only the key", ERRORS),
    row(&["apikeyhelper failed"], C::ApiKeyHelperFailing, ClaudeCode, "2.1.332 seen", "apiKeyHelper failed: exited 1: helper: token expired, run sso login", SEEN),
    row(&["apikeyhelper is taking a while"], C::ApiKeyHelperFailing, ClaudeCode, "2.1.77+", "apiKeyHelper is taking a while…", "Claude Code CHANGELOG 2.1.77"),
    row(&["from apikeyhelper"], C::ApiKeyHelperFailing, ClaudeCode, "before 2.1.208", "Error getting API key from apiKeyHelper (in settings or ~/.claude.json):", "Claude Code 2.1.7 (cli.js)"),
    // Cloud providers.
    row(&["could not load credentials from any providers"], C::AwsCredentials, Other, "all", "CredentialsProviderError: Could not load credentials from any providers", "code.claude.com/docs/en/amazon-bedrock"),
    row(&["aws credentials expired or invalid"], C::AwsCredentials, ClaudeCode, "all", "AWS credentials expired or invalid · Run aws sso login, or refresh your credentials", ERRORS),
    row(&["aws authentication failed"], C::AwsCredentials, ClaudeCode, "all", "AWS authentication failed · Check that your credentials can call Bedrock in this region", ERRORS),
    row(&["credential resolve timed out"], C::AwsCredentials, ClaudeCode, "all", "AWS default-chain credential resolve timed out after 60s", ERRORS),
    row(&["security token included in the request is"], C::AwsCredentials, Other, "all", "UnrecognizedClientException: The security token included in the request is invalid.", "AWS STS and Bedrock"),
    row(&["unrecognizedclientexception"], C::AwsCredentials, Other, "all", "UnrecognizedClientException", "AWS Bedrock"),
    row(&["expiredtokenexception"], C::AwsCredentials, Other, "all", "ExpiredTokenException: The security token included in the request is expired", "AWS Bedrock"),
    row(&["sso session associated with this profile has expired"], C::AwsCredentials, Other, "all", "The SSO session associated with this profile has expired or is otherwise invalid.", "AWS CLI and SDK"),
    row(&["aws_bearer_token_bedrock"], C::AwsCredentials, ClaudeCode, "all", "Bedrock rejected AWS_BEARER_TOKEN_BEDROCK (403)", "code.claude.com/docs/en/amazon-bedrock"),
    row(&["could not load the default credentials"], C::GcpCredentials, Other, "all", "Error: Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.", "code.claude.com/docs/en/google-vertex-ai"),
    row(&["application default credentials"], C::GcpCredentials, Other, "all", "Your application default credentials have expired: run gcloud auth application-default login", "google-auth-library"),
    row(&["invalid_grant", "reauth"], C::GcpCredentials, Other, "all", "invalid_grant: reauth related error (invalid_rapt)", "google-auth-library"),
    row(&["aiplatform.endpoints.predict"], C::GcpCredentials, Other, "all", "Permission 'aiplatform.endpoints.predict' denied on resource", "Vertex AI IAM"),
    row(&["unable to detect a project id"], C::GcpCredentials, Other, "all", "Unable to detect a Project Id in the current environment.", "google-auth-library"),
    row(&["chainedtokencredential authentication failed"], C::AzureCredentials, Other, "all", "ChainedTokenCredential authentication failed.", "code.claude.com/docs/en/microsoft-foundry"),
    row(&["credentialunavailableerror"], C::AzureCredentials, Other, "all", "CredentialUnavailableError: EnvironmentCredential is unavailable.", "code.claude.com/docs/en/microsoft-foundry"),
    row(&["defaultazurecredential"], C::AzureCredentials, Other, "all", "DefaultAzureCredential failed to retrieve a token from the included credentials.", "@azure/identity"),
    row(&["aadsts"], C::AzureCredentials, Other, "all", "AADSTS700082: The refresh token has expired due to inactivity.", "Microsoft Entra ID error codes"),
    row(&["anthropic_foundry_api_key"], C::AzureCredentials, ClaudeCode, "all", "Foundry rejected ANTHROPIC_FOUNDRY_API_KEY (401)", "code.claude.com/docs/en/microsoft-foundry"),
    row(&["invalid subscription key"], C::AzureCredentials, Other, "all", "Access denied due to invalid subscription key or wrong API endpoint.", "Azure API Management and Azure AI services (401)"),
    // TLS interception (before the connection rows).
    row(&["ssl certificate"], C::TlsInspection, ClaudeCode, "all", "Unable to connect to API: SSL certificate verification failed. Check your proxy or corporate SSL certificates", "code.claude.com/docs/en/network-config"),
    row(&["self-signed certificate"], C::TlsInspection, ClaudeCode, "all", "Self-signed certificate detected", ERRORS),
    row(&["self signed certificate"], C::TlsInspection, Other, "all", "Error: self signed certificate in certificate chain", "Node.js TLS"),
    row(&["unable_to_get_issuer_cert_locally"], C::TlsInspection, ClaudeCode, "all", "SSL certificate error (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). If you are behind a corporate proxy, set NODE_EXTRA_CA_CERTS", ERRORS),
    row(&["unable to get local issuer certificate"], C::TlsInspection, Other, "all", "Error: unable to get local issuer certificate", "Node.js TLS"),
    row(&["certificate verification failed"], C::TlsInspection, ClaudeCode, "all", "certificate verification failed", ERRORS),
    row(&["self_signed_cert_in_chain"], C::TlsInspection, Other, "all", "SELF_SIGNED_CERT_IN_CHAIN", "Node.js TLS"),
    row(&["depth_zero_self_signed_cert"], C::TlsInspection, Other, "all", "DEPTH_ZERO_SELF_SIGNED_CERT", "Node.js TLS"),
    row(&["unable_to_verify_leaf_signature"], C::TlsInspection, Other, "all", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "Node.js TLS"),
    row(&["err_tls_cert_altname_invalid"], C::TlsInspection, Other, "all", "ERR_TLS_CERT_ALTNAME_INVALID", "Node.js TLS"),
    // Organization, plan and account.
    row(&["organization has disabled api key authentication"], C::ApiKeyAuthDisabled, ClaudeCode, "2.1.169+", "Your organization has disabled API key authentication · Unset ANTHROPIC_API_KEY and run /login", ERRORS),
    row(&["disabled claude subscription access"], C::SubscriptionAccessDisabled, ClaudeCode, "all", "Your organization has disabled Claude subscription access for Claude Code · Use an Anthropic API key instead, or ask your admin to enable access", ERRORS),
    row(&["can't use your claude subscription"], C::SubscriptionAccessDisabled, ClaudeCode, "2.1.332 seen", "Claude Code can't use your Claude subscription, usually because a payment is past due · Pay or renew at https://claude.ai/settings/billing (if you just paid, try again shortly), or use an Anthropic API key instead", SEEN).note("Claude Code prints this for a /login when the API answers \"OAuth authentication is currently not allowed for this organization\": most often a lapsed subscription or a payment past due."),
    row(&["oauth authentication is currently not allowed for this organization"], C::SubscriptionAccessDisabled, Api, "all", "OAuth authentication is currently not allowed for this organization.", "anthropics/claude-code#6752; code.claude.com/docs/en/errors").outcome(OutcomeCode::OauthNotSupported).note("The organization does not allow subscription (OAuth) sign-in for this use, or the subscription lapsed."),
    row(&["oauth_org_not_allowed"], C::SubscriptionAccessDisabled, ClaudeCode, "all", "{\"type\":\"result\",\"subtype\":\"error\",\"error\":\"oauth_org_not_allowed\"}", ERRORS),
    row(&["account does not have access to claude code"], C::SubscriptionAccessDisabled, ClaudeCode, "older versions", "Your account does not have access to Claude Code. Please run /login.", ERRORS),
    row(&["organization does not have access to claude"], C::SubscriptionAccessDisabled, ClaudeCode, "older versions", "Your organization does not have access to Claude. Please login again or contact your administrator.", ERRORS),
    row(&["max or pro is required to connect to claude code"], C::PlanRequired, ClaudeCode, "all", "Claude Max or Pro is required to connect to Claude Code", "anthropics/claude-code#70189"),
    row(&["is not available with the claude", "plan"], C::PlanRequired, ClaudeCode, "all", "Claude Opus is not available with the Claude Pro plan. Switch to a different model with /model, or upgrade your plan.", ERRORS),
    row(&["can't access this organization"], C::OrgAccessDenied, ClaudeCode, "all", "Can't access this organization — You don't have access to this organization or it doesn't meet the requirements for Claude Code.", "anthropics/claude-code#34968"),
    row(&["have access to this organization or it doesn't meet the requirements"], C::OrgAccessDenied, ClaudeCode, "all", "You don't have access to this organization or it doesn't meet the requirements for Claude Code.", "anthropics/claude-code#34968"),
    row(&["is restricted by your organization's settings"], C::ModelRestricted, ClaudeCode, "all", "Model \"claude-opus-5\" is restricted by your organization's settings.", ERRORS),
    row(&["there's an issue with the selected model"], C::ModelRestricted, ClaudeCode, "all; before 2.1.206 also an expired login", "There's an issue with the selected model (claude-opus-5-5). It may not exist or you may not have access to it. Run --model to pick a different model.", "code.claude.com/docs/en/errors; Claude Code 2.1.332 (a 404 for the model)"),
    row(&["remote control is only available when using claude via api.anthropic.com"], C::RemoteControlAuth, ClaudeCode, "2.1.196+", "Remote Control is only available when using Claude via api.anthropic.com. Unset ANTHROPIC_BASE_URL to use it.", ERRORS),
    row(&["remote control stopped", "signed out"], C::RemoteControlAuth, ClaudeCode, "all", "Remote Control stopped — the app running this session is signed out of Claude. Sign in again to resume.", ERRORS),
    row(&["jwt refresh failed"], C::RemoteControlAuth, ClaudeCode, "all", "JWT refresh failed: no OAuth token — run /login", ERRORS),
    row(&["belongs to a disabled organization"], C::OrgDisabled, ClaudeCode, "all", "Your ANTHROPIC_API_KEY belongs to a disabled organization · Update or unset the environment variable", ERRORS),
    row(&["organization has been disabled"], C::OrgDisabled, Api, "all", "This organization has been disabled.", "anthropics/claude-code#8327, #5088"),
    // Plan usage.
    row(&["out of extra usage"], C::ExtraUsageExhausted, Api, "all", "You're out of extra usage. Add more at claude.ai/settings/usage and keep going.", "anthropics/claude-code#45033"),
    row(&["you've hit your", "limit"], C::UsageLimit, ClaudeCode, "all", "You've hit your session limit · resets 3:45pm", ERRORS),
    row(&["usage limit reached"], C::UsageLimit, ClaudeCode, "older versions", "Claude usage limit reached. Your limit will reset at 5pm (Europe/Berlin).", "Claude Code usage limit notice"),
    row(&["limit reached", "resets"], C::UsageLimit, ClaudeCode, "older versions", "5-hour limit reached ∙ resets 3pm", "Claude Code usage limit notice"),
    // Logins.
    row(&["anthropic profile login expired"], C::ProfileExpired, ClaudeCode, "all", "Anthropic profile login expired · Re-authenticate your Anthropic profile", ERRORS),
    row(&["oauth token revoked"], C::OauthRevoked, ClaudeCode, "all", "OAuth token revoked · Please run /login", ERRORS),
    row(&["oauth token has been revoked"], C::OauthRevoked, Api, "all", "OAuth token has been revoked. Please obtain a new token.", "code.claude.com/docs/en/errors (API 403)").outcome(OutcomeCode::InvalidCredentials).note("The OAuth token was revoked: run /login in Claude Code again."),
    row(&["account does not have access to claude. please login"], C::OauthRevoked, ClaudeCode, "all", "Your account does not have access to Claude. Please login again or contact your administrator.", ERRORS),
    row(&["invalid oauth token"], C::OauthRevoked, Api, "1.0.44", "Invalid OAuth token. The provided token was not found or is malformed.", "anthropics/claude-code#3251").outcome(OutcomeCode::InvalidBearer).note("The OAuth token was not found or is malformed."),
    row(&["oauth token has expired"], C::OauthExpired, Api, "all", "OAuth token has expired. Please obtain a new token or refresh your existing token.", "anthropics/claude-code#6459"),
    row(&["oauth session expired"], C::OauthExpired, ClaudeCode, "2.1.206+", "Failed to authenticate: OAuth session expired and could not be refreshed", ERRORS),
    row(&["login expired"], C::OauthExpired, ClaudeCode, "2.1.206+", "Login expired · Please run /login", ERRORS),
    row(&["token refresh failed"], C::OauthExpired, ClaudeCode, "all", "OAuth token refresh failed — run /login to re-authenticate", ERRORS),
    row(&["does not meet scope requirement"], C::OauthExpired, ClaudeCode, "all", "OAuth token does not meet scope requirement: user:profile", ERRORS),
    row(&["your login expires in"], C::OauthExpired, ClaudeCode, "all", "Your login expires in 3 days · run /login to renew", ERRORS),
    row(&["oauth authentication is currently not supported"], C::OauthNotSupported, Api, "all", "OAuth authentication is currently not supported.", "anthropics/claude-code#5893, #45783"),
    row(&["only authorized for use with claude code"], C::OauthNotSupported, Api, "all", "This credential is only authorized for use with Claude Code and cannot be used for other API requests.", "anthropics/claude-code#8042").note("This subscription credential works only inside Claude Code: run /login there, and drop a stale CLAUDE_CODE_OAUTH_TOKEN."),
    row(&["invalid bearer token"], C::InvalidBearer, Api, "all", "Invalid bearer token", "anthropics/claude-code#7508, #17402, #84903"),
    row(&["invalid authentication credentials"], C::InvalidCredentials, Api, "all", "Invalid authentication credentials", ERRORS),
    row(&["does not have permission to use the specified resource"], C::InvalidCredentials, Api, "all", "Your API key does not have permission to use the specified resource.", API_ERRORS).outcome(OutcomeCode::Permission),
    row(&["request not allowed"], C::InvalidCredentials, Api, "all", "API Error: 403 {\"error\":{\"type\":\"forbidden\",\"message\":\"Request not allowed\"}}", ERRORS).outcome(OutcomeCode::Permission),
    // Browser calls.
    row(&["cors requests must set"], C::CorsHeaderMissing, Api, "all", "CORS requests must set 'anthropic-dangerous-direct-browser-access' header", "ChatGPTNextWeb/NextChat#5452"),
    row(&["cors requests are not allowed for this organization"], C::CorsHeaderMissing, Api, "all", "CORS requests are not allowed for this Organization because of its settings", "nanobrowser/nanobrowser#50").outcome(OutcomeCode::CorsDisabledOrg).note("Here the organization forbids calls from web pages altogether; the key itself may be fine."),
    // Billing and limits.
    row(&["payment method was declined"], C::LowCredit, Api, "all", "API Error: 402 Your organization's payment method was declined. Please update it in Plans & Billing.", API_ERRORS),
    row(&["credit balance is too low"], C::LowCredit, Api, "all", "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.", "anthropics/claude-code#1491"),
    row(&["enforced_spend_limit_reached"], C::SpendLimit, Api, "all", "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"You have reached your API usage limits\",\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}", "platform.claude.com/docs/en/api/rate-limits"),
    row(&["specified api usage limits"], C::SpendLimit, Api, "all", "You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC.", "platform.claude.com/docs/en/api/rate-limits"),
    row(&["workspace api usage limits"], C::SpendLimit, Api, "all", "You have reached your specified workspace API usage limits.", "platform.claude.com/docs/en/api/rate-limits"),
    row(&["monthly api usage threshold"], C::SpendLimit, Api, "all", "You have reached your API usage limits: your organization has crossed its monthly API usage threshold. Access resumes at 00:00 UTC on the 1st.", "platform.claude.com/docs/en/api/rate-limits"),
    row(&["spend limit reached"], C::SpendLimit, ClaudeCode, "all", "API Error: spend limit reached · Ask your admin to raise your limit", ERRORS),
    row(&["spend limit unavailable"], C::SpendLimit, ClaudeCode, "all", "API Error: spend limit unavailable · Try again shortly", ERRORS),
    row(&["request rejected (429)"], C::RateLimit, ClaudeCode, "all", "API Error: Request rejected (429) · Number of requests has exceeded your per-minute rate limit. Please try again later.", ERRORS),
    row(&["server is temporarily limiting requests"], C::RateLimit, ClaudeCode, "all", "API Error: Server is temporarily limiting requests (not your usage limit) · Number of requests has exceeded your per-minute rate limit. Please try again later.", ERRORS),
    row(&["rate_limit_error"], C::RateLimit, Api, "all", "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}", API_ERRORS),
    row(&["rate limit"], C::RateLimit, Other, "all", "429 Too Many Requests: rate limit exceeded", API_ERRORS),
    row(&["too many requests"], C::RateLimit, Other, "all", "HTTP 429 Too Many Requests", "RFC 6585 (429)"),
    // No credential at all.
    row(&["could not resolve authentication method"], C::NoCredential, Other, "before 2.1.176 in workers", "Could not resolve authentication method. Expected one of apiKey, authToken, credentials, config, or profile to be set.", "code.claude.com/docs/en/errors; anthropics/claude-code#6270"),
    row(&["expected either apikey or authtoken"], C::NoCredential, Other, "older SDK", "Expected either apiKey or authToken to be set. Or for one of the \"X-Api-Key\" or \"Authorization\" headers to be explicitly omitted", ERRORS),
    row(&["x-api-key header is required"], C::NoCredential, Api, "all", "x-api-key header is required", "karthink/gptel#354").outcome(OutcomeCode::InvalidKey).note("The API saw no key at all. Through a gateway this usually means the credential went in a header the gateway does not pass on: switch the scheme (ANTHROPIC_API_KEY ↔ ANTHROPIC_AUTH_TOKEN)."),
    row(&["env var is required"], C::NoCredential, ClaudeCode, "all", "ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN env var is required", "Claude Code in CI without a credential"),
    row(&["no api key available"], C::NoCredential, ClaudeCode, "all", "Failed to get auth headers: No API key available", "anthropics/claude-code#59527"),
    // An API key rejected, and logins.
    row(&["fix external api key"], C::InvalidApiKey, ClaudeCode, "all", "Invalid API key · Fix external API key", ERRORS),
    row(&["invalid x-api-key"], C::InvalidApiKey, Api, "all", "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}", "anthropics/claude-code#9694"),
    row(&["not logged in"], C::NotLoggedIn, ClaudeCode, "all", "Not logged in · Please run /login", ERRORS),
    row(&["missing api key"], C::NotLoggedIn, ClaudeCode, "older versions", "Missing API key · Run /login", ERRORS),
    row(&["invalid api key please run /login"], C::NotLoggedIn, ClaudeCode, "older versions", "Invalid API key · Please run /login", ERRORS),
    row(&["oauth error:invalid code"], C::NotLoggedIn, ClaudeCode, "all", "OAuth error: Invalid code. Please make sure the full code was copied", ERRORS),
    row(&["is not supported by client"], C::NotLoggedIn, Other, "all", "Redirect URI https://platform.claude.com/oauth/code/callback is not supported by client.", "anthropics/claude-code#45783"),
    // A busy API, then requests the API took but could not serve: answers the page knows, none of them about the
    // credential (before the network rows: "request timed out" is also a network text).
    row(&["overloaded_error"], C::RateLimit, Api, "all", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", API_ERRORS),
    row(&["overloaded"], C::RateLimit, ClaudeCode, "all", "API Error: 529 Overloaded. This is a server-side issue, usually temporary — try again in a moment. If it persists, check your inference gateway (127.0.0.1:4000).", SEEN).status(529),
    row(&["\"type\":\"api_error\""], C::Unknown, Api, "all", "API Error: 500 {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}", API_ERRORS).note("The API failed on its side (500): not your credential. Try again; if it persists, check https://status.claude.com."),
    row(&["\"type\":\"timeout_error\""], C::Unknown, Api, "all", "API Error: 504 {\"type\":\"error\",\"error\":{\"type\":\"timeout_error\",\"message\":\"Request timed out\"}}", API_ERRORS).note("The API took the request but did not finish it in time (504): a server-side problem, not your credential. Try again."),
    row(&["\"type\":\"request_too_large\""], C::Unknown, Api, "all", "API Error: 413 {\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum allowed number of bytes.\"}}", API_ERRORS).note("The request was too large (413): shorten the conversation (/compact) or the attached files. Not a credential problem."),
    row(&["server-side issue"], C::Unknown, ClaudeCode, "all", "API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment. If it persists, check your inference gateway (127.0.0.1:4000).", SEEN).note("A server-side error: the API or the gateway failed, not your credential. Try again; if it persists, check https://status.claude.com or the gateway."),
    // The network.
    row(&["unable to connect to api"], C::Connection, ClaudeCode, "all", "Unable to connect to API (ECONNRESET)", ERRORS),
    row(&["unable to connect to anthropic services"], C::Connection, ClaudeCode, "all", "Unable to connect to Anthropic services", "Claude Code's first-run check"),
    row(&["failed to connect to api.anthropic.com"], C::Connection, ClaudeCode, "all", "Failed to connect to api.anthropic.com: EAI_AGAIN", SEEN),
    row(&["econnrefused"], C::Connection, ClaudeCode, "all", "API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)", SEEN),
    row(&["connection refused"], C::Connection, Other, "all", "connect: connection refused", ERRORS),
    row(&["enotfound"], C::Connection, ClaudeCode, "all", "Can't reach the API server — check your internet or DNS (ENOTFOUND)", ERRORS),
    row(&["getaddrinfo"], C::Connection, Other, "all", "getaddrinfo EAI_AGAIN api.anthropic.com", "Node.js DNS"),
    row(&["eai_again"], C::Connection, Other, "all", "EAI_AGAIN", "Node.js DNS"),
    row(&["err_proxy_tunnel"], C::Connection, ClaudeCode, "all", "Couldn't connect through your proxy (ERR_PROXY_TUNNEL)", ERRORS),
    row(&["econnreset"], C::Connection, Other, "all", "read ECONNRESET", "Node.js"),
    row(&["request timed out"], C::Connection, ClaudeCode, "all", "Request timed out. Check your internet connection and proxy settings.", ERRORS),
    row(&["etimedout"], C::Connection, Other, "all", "connect ETIMEDOUT 160.79.104.10:443", "Node.js"),
    row(&["socket hang up"], C::Connection, Other, "all", "Error: socket hang up", "Node.js"),
    row(&["fetch failed"], C::Connection, Other, "all", "TypeError: fetch failed", ERRORS),
    row(&["connection error"], C::Connection, Other, "all", "APIConnectionError: Connection error.", "the Anthropic SDK"),
    row(&["empty or malformed response"], C::Connection, ClaudeCode, "all", "API Error: API returned an empty or malformed response (HTTP 200) — check for a proxy or gateway intercepting the request.", ERRORS),
    // A gateway's own rejection, recognisable by its words.
    row(&["login fail"], C::GatewayAuth, Other, "all", "API Error: 401 login fail: Please carry the API secret key in the 'Authorization' field of the request header", "anthropics/claude-code#27182"),
    row(&["\"type\":\"auth_error\""], C::GatewayAuth, Other, "all", "API Error: 401 {\"error\":{\"message\":\"Authentication Error, Invalid proxy server token passed.\",\"type\":\"auth_error\",\"param\":\"None\",\"code\":\"401\"}}", "LiteLLM proxy"),
    row(&["invalid proxy server token"], C::GatewayAuth, Other, "all", "Failed to authenticate. API Error: 401 Authentication Error, Invalid proxy server token passed. Unable to find token in cache or `LiteLLM_VerificationTokenTable`", "LiteLLM proxy; Claude Code 2.1.332"),
    row(&["no api key found in request"], C::GatewayAuth, Other, "all", "{\"message\":\"No API key found in request\"}", "Kong key-auth"),
    // Claude Code's notices about two credentials: they win only when no error says more.
    row(&["auth conflict"], C::AuthConflict, ClaudeCode, "before 2.1.2xx", "Auth conflict: Both a token (ANTHROPIC_AUTH_TOKEN) and an API key (ANTHROPIC_API_KEY) are set. This may lead to unexpected behavior.", "Claude Code's status notices").stage(Notice),
    row(&["auth may not work as expected"], C::AuthConflict, ClaudeCode, "2.1.2xx+", "⚠ Both ANTHROPIC_AUTH_TOKEN and /login managed key set · auth may not work as expected", "code.claude.com/docs/en/errors; Claude Code 2.1.332").stage(Notice),
    row(&["detected a custom api key"], C::AuthConflict, ClaudeCode, "all", "Detected a custom API key in your environment\nANTHROPIC_API_KEY: sk-ant-...Ob6NA3m8T4TAbJ1Ah9ZAA\nDo you want to use this API key?", "Claude Code 2.1.7 (the approval prompt)").stage(Notice).note("This is Claude Code's approval prompt for ANTHROPIC_API_KEY: answering Yes makes the key win over your /login."),
    row(&["not used here", "use custom api key"], C::AuthConflict, ClaudeCode, "2.1.332 seen", "ANTHROPIC_API_KEY not used here · turn on \"Use custom API key\" in /config", SEEN).stage(Notice).note("The key was declined at the prompt, so Claude Code ignores it."),
    // Generic: after the check for a gateway's own 401/403.
    row(&["invalid api key"], C::InvalidApiKey, ClaudeCode, "all", "Invalid API key", ERRORS).stage(Generic),
    row(&[], C::RateLimit, Other, "all", "HTTP/1.1 429", API_ERRORS).status(429).stage(Generic),
    row(&[], C::RateLimit, Other, "all", "API Error: 529 Overloaded. This is a temporary condition.", API_ERRORS).status(529).stage(Generic),
    row(&["\"type\":\"authentication_error\""], C::InvalidCredentials, Api, "all", "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"There is an issue with your API key\"}}", API_ERRORS).stage(Generic),
    row(&["\"type\":\"permission_error\""], C::InvalidCredentials, Api, "all", "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"You do not have access to this resource\"}}", API_ERRORS).stage(Generic),
    row(&[], C::LowCredit, Other, "all", "API Error: 402", API_ERRORS).status(402).stage(Generic),
    row(&["\"type\":\"billing_error\""], C::LowCredit, Api, "all", "{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"There is an issue with your account's billing\"}}", API_ERRORS).stage(Generic),
    row(&["/login"], C::NotLoggedIn, ClaudeCode, "all", "Please run /login", ERRORS).stage(Generic),
];
