//! The live test's raw answer → an outcome of the contract (`live-result[data-outcome]`), with a title, a plain
//! explanation and concrete next steps.
//!
//! All wording lives in [`OUTCOME_TABLE`], one row per code with the source of its mapping; [`classify`] only decides
//! the code and adds the details of this answer (status, error type, message, request id, retry-after). Sources:
//! claude-auth-facts.md §12 (raw error bodies), §14 (error model), §16 (Console URLs); browser-and-build-facts.md §1
//! (browser calls) and §3 (result mapping, trufflehog's verifier).

use crate::core::codes::OutcomeCode;
use crate::core::json;
use crate::core::probe::ProbeKind;

/// Longest message (in characters) an outcome carries for display.
pub const MAX_MESSAGE_CHARS: usize = 300;

/// How much of a body is examined for a readable message (bytes).
const MAX_SCAN_BYTES: usize = 64 * 1024;

/// An HTTP answer as `fetch` saw it. Header names are lowercase.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct HttpAnswer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpAnswer {
    /// The first header of that name (compared without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Everything a live test can end with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Http(HttpAnswer),
    /// `fetch` rejected (`TypeError: Failed to fetch` and kin): the status is unknown.
    NetworkError(String),
    Timeout,
    Cancelled,
}

/// What the page shows in `live-result`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub code: OutcomeCode,
    pub title: String,
    pub explanation: String,
    pub next_steps: Vec<String>,
    pub status: Option<u16>,
    pub error_type: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
}

impl Outcome {
    /// The table's wording for a code, with no details of any answer.
    pub fn new(code: OutcomeCode) -> Outcome {
        let text = outcome_text(code);
        Outcome {
            code,
            title: text.title.to_string(),
            explanation: text.explanation.to_string(),
            next_steps: text.steps.iter().map(|s| s.to_string()).collect(),
            status: None,
            error_type: None,
            message: None,
            request_id: None,
        }
    }

    fn add_note(&mut self, note: &str) {
        if !note.is_empty() {
            self.explanation.push(' ');
            self.explanation.push_str(note);
        }
    }
}

/// The page refused to send: `blocked-by-policy`, with the reason as the explanation.
pub fn blocked(reason: impl Into<String>) -> Outcome {
    let mut outcome = Outcome::new(OutcomeCode::BlockedByPolicy);
    let reason = reason.into();
    if !reason.trim().is_empty() {
        outcome.explanation = bounded(&reason, 2000);
    }
    outcome
}

impl Outcome {
    /// Same as [`blocked`].
    pub fn blocked(reason: impl Into<String>) -> Outcome {
        blocked(reason)
    }
}

/// One row of the outcome table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutcomeText {
    pub code: OutcomeCode,
    pub title: &'static str,
    pub explanation: &'static str,
    pub steps: &'static [&'static str],
    /// Where the mapping comes from.
    pub source: &'static str,
}

/// Every outcome's wording, in the contract's order. Update a message here, with its source, and nowhere else.
pub const OUTCOME_TABLE: [OutcomeText; 24] = [
    OutcomeText {
        code: OutcomeCode::Pending,
        title: "Testing…",
        explanation: "The test request is on its way. It gives up after 15 seconds.",
        steps: &[],
        source: "ui-contract.md",
    },
    OutcomeText {
        code: OutcomeCode::Valid,
        title: "The key works",
        explanation: "The request was accepted and answered normally.",
        steps: &[
            "If Claude Code still says 401, it is not using this key. Run /status in Claude Code to see which \
             credential it picked: an ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN in the environment or in a settings \
             file's env block wins over /login.",
            "Set the key where Claude Code reads it (your shell profile, or the env block of ~/.claude/settings.json), \
             then open a new terminal and start claude again.",
        ],
        source: "browser-and-build-facts.md §3 (200 = key live); claude-auth-facts.md §2 (credential precedence)",
    },
    OutcomeText {
        code: OutcomeCode::InvalidKey,
        title: "The API does not recognise this key",
        explanation: "The API answered 401 \"invalid x-api-key\": the key is wrong, truncated, revoked or expired, \
                      or it is not a Console API key at all (an OAuth token or another provider's key).",
        steps: &[
            "Create a new key at https://platform.claude.com/settings/keys and copy it in one piece: the Console shows \
             it only once.",
            "Put it where Claude Code reads it (ANTHROPIC_API_KEY in your shell profile or settings env block), open a \
             new terminal and try again.",
            "On a Pro or Max subscription you need no key: unset ANTHROPIC_API_KEY and run /login in Claude Code.",
        ],
        source: "claude-auth-facts.md §12 (CC-src; anthropics/claude-code#9694, #28091)",
    },
    OutcomeText {
        code: OutcomeCode::InvalidCredentials,
        title: "The credential is no longer accepted",
        explanation: "The API answered 401 \"Invalid authentication credentials\": the credential was recognised, \
                      but it was revoked, your organization removed your access, the organization was disabled or \
                      the account was deactivated.",
        steps: &[
            "Create a new key at https://platform.claude.com/settings/keys (a personal key stops working when you \
             leave the organization).",
            "Ask an organization admin whether you are still a member with a role that may use the API \
             (https://platform.claude.com/settings/members).",
            "With a subscription, run /logout and then /login in Claude Code.",
        ],
        source: "claude-auth-facts.md §12 (CC-docs errors; anthropics/claude-code#74192, #66462, #58066)",
    },
    OutcomeText {
        code: OutcomeCode::OauthNotSupported,
        title: "OAuth tokens are not accepted here",
        explanation: "The API answered 401 \"OAuth authentication is currently not supported\": a subscription \
                      OAuth token was sent as a Bearer token. The API accepts those only from Claude Code itself.",
        steps: &[
            "For a subscription, let Claude Code hold the token: run /login (or put a `claude setup-token` token in \
             CLAUDE_CODE_OAUTH_TOKEN), and remove any sk-ant-oat01-… value from ANTHROPIC_AUTH_TOKEN and \
             ANTHROPIC_API_KEY.",
            "For API use, create a Console key at https://platform.claude.com/settings/keys and set it as \
             ANTHROPIC_API_KEY.",
        ],
        source: "claude-auth-facts.md §12 (anthropics/claude-code#5893, #5983, #6052, #28091)",
    },
    OutcomeText {
        code: OutcomeCode::OauthExpired,
        title: "The OAuth token has expired",
        explanation: "The API answered 401 \"OAuth token has expired\".",
        steps: &[
            "Run /login in Claude Code to get a fresh token.",
            "If you set CLAUDE_CODE_OAUTH_TOKEN yourself, create a new one with `claude setup-token` and replace the \
             old value (or unset it and use /login).",
        ],
        source: "claude-auth-facts.md §12 (anthropics/claude-code#6459, #4293, #12879)",
    },
    OutcomeText {
        code: OutcomeCode::InvalidBearer,
        title: "The bearer token was refused",
        explanation: "The server answered 401 \"Invalid bearer token\": the credential went in Authorization: Bearer \
                      (what ANTHROPIC_AUTH_TOKEN does) but is not a token accepted there. A Console API key \
                      (sk-ant-api03-…) belongs in x-api-key, that is ANTHROPIC_API_KEY.",
        steps: &[
            "Direct to Anthropic: move the key to ANTHROPIC_API_KEY, unset ANTHROPIC_AUTH_TOKEN, and test again with \
             the x-api-key scheme.",
            "Through a gateway: check that ANTHROPIC_AUTH_TOKEN holds the gateway's own token, not an Anthropic key.",
            "A stale CLAUDE_CODE_OAUTH_TOKEN can cause the same message: unset it and run /login.",
        ],
        source: "claude-auth-facts.md §12 (Jeffser/Alpaca#727, obsidian-clipper#243; anthropics/claude-code#17402)",
    },
    OutcomeText {
        code: OutcomeCode::CorsHeaderMissing,
        title: "The browser request lacked its opt-in header",
        explanation: "The API answered 401 \"CORS requests must set 'anthropic-dangerous-direct-browser-access' \
                      header\". The page sends that header, so something in between (an extension, a proxy) removed \
                      it. This says nothing about the key.",
        steps: &[
            "Run the terminal check below: it does not need the header.",
            "Try again with browser extensions that rewrite requests turned off.",
        ],
        source: "browser-and-build-facts.md §1; claude-auth-facts.md §12 (ChatGPTNextWeb/NextChat#5452)",
    },
    OutcomeText {
        code: OutcomeCode::CorsDisabledOrg,
        title: "Your organization blocks API calls from browsers",
        explanation: "The API answered 401 \"CORS requests are not allowed for this Organization because of its \
                      settings\". The key itself may be fine: the organization only forbids calls made from web \
                      pages, and Claude Code does not run in a browser.",
        steps: &[
            "Run the terminal check below: it is not a browser call, so it shows whether the key works.",
            "If you need browser access, ask an organization admin about the setting.",
        ],
        source: "browser-and-build-facts.md §1 (nanobrowser/nanobrowser#50)",
    },
    OutcomeText {
        code: OutcomeCode::Permission,
        title: "The key may not do this",
        explanation: "The API answered 403 permission_error: the key authenticated but lacks permission, because of \
                      its workspace, your role, or the organization's settings.",
        steps: &[
            "Check which workspace the key belongs to and its limits: https://platform.claude.com/settings/workspaces.",
            "Ask an admin to give you a role that may use the API (Developer or Claude Code) at \
             https://platform.claude.com/settings/members.",
            "Or create a key in a workspace you may use: https://platform.claude.com/settings/keys.",
        ],
        source: "claude-auth-facts.md §14 (403 permission_error), §16 (roles)",
    },
    OutcomeText {
        code: OutcomeCode::NotFound,
        title: "Key disabled or not found",
        explanation: "The API answered 404 not_found_error. On /v1/models that means the key is disabled or does not \
                      exist (trufflehog's reading of this answer).",
        steps: &[
            "Check at https://platform.claude.com/settings/keys that the key is listed and active.",
            "If it is not, create a new key there and replace the old one everywhere Claude Code reads it.",
        ],
        source: "browser-and-build-facts.md §3 (trufflesecurity/trufflehog PR #5180: \"404 is returned if api key is \
                 disabled or not found\")",
    },
    OutcomeText {
        code: OutcomeCode::LowCredit,
        title: "The organization has no credit left",
        explanation: "The key works, but the API refused to run a request: the credit balance is too low (400 \
                      \"Your credit balance is too low…\" or 402 billing_error). This is a billing problem, not a key \
                      problem.",
        steps: &[
            "Buy credits or turn on auto-reload at https://platform.claude.com/settings/billing; it can take a few \
             minutes to apply.",
            "If credit is shown there, the key may belong to another organization or workspace (an old key): create \
             a new key in the organization that has credit.",
            "On a Pro or Max subscription you don't need API credit: unset ANTHROPIC_API_KEY and run /login.",
        ],
        source: "claude-auth-facts.md §12 (anthropics/claude-code#1491, #4684; anthropics/claude-code-action#1224), \
                 §14 (402 billing_error)",
    },
    OutcomeText {
        code: OutcomeCode::OrgDisabled,
        title: "The organization has been disabled",
        explanation: "The API answered \"This organization has been disabled.\" Often the key belongs to an old \
                      organization (a former employer's, for example) rather than yours.",
        steps: &[
            "Check which organization the key comes from; create a key in an active one at \
             https://platform.claude.com/settings/keys.",
            "If it is your organization, contact support: \
             https://support.claude.com/en/articles/9015913-how-to-get-support.",
        ],
        source: "claude-auth-facts.md §12 (anthropics/claude-code#8327, #5088, #12424)",
    },
    OutcomeText {
        code: OutcomeCode::SpendLimit,
        title: "A spend limit was reached",
        explanation: "The key works, but a spend limit stops requests: a limit your organization or workspace set \
                      (400 \"You have reached your specified … API usage limits\") or the monthly cap of your usage \
                      tier (429 enforced_spend_limit_reached, which lasts until 00:00 UTC on the 1st).",
        steps: &[
            "Raise or remove the limit at https://platform.claude.com/settings/limits (workspace limits: \
             https://platform.claude.com/settings/workspaces).",
            "Check usage and billing at https://platform.claude.com/settings/billing.",
        ],
        source: "claude-auth-facts.md §12 (API-docs rate-limits), §16 (tiers, workspace limits)",
    },
    OutcomeText {
        code: OutcomeCode::RateLimited,
        title: "Rate limited, but the key authenticated",
        explanation: "The API answered 429 rate_limit_error. The key is valid; too many requests or tokens were used \
                      in a short time.",
        steps: &[
            "Wait and test again.",
            "See your rate limits and tier at https://platform.claude.com/settings/limits.",
        ],
        source: "claude-auth-facts.md §14 (429 rate_limit_error, retry-after)",
    },
    OutcomeText {
        code: OutcomeCode::Overloaded,
        title: "The API is overloaded, but the key authenticated",
        explanation: "The API answered 529 overloaded_error: Anthropic is busy right now. The key got through \
                      authentication.",
        steps: &["Try again in a minute.", "Check https://status.claude.com for an incident."],
        source: "claude-auth-facts.md §14 (529 overloaded_error)",
    },
    OutcomeText {
        code: OutcomeCode::ServerError,
        title: "The API had an internal error",
        explanation: "The API answered with a server error (500 api_error or 504 timeout_error). This says nothing \
                      about the key.",
        steps: &[
            "Try again in a minute.",
            "Check https://status.claude.com. If it persists, contact support with the request id: \
             https://support.claude.com/en/articles/9015913-how-to-get-support.",
        ],
        source: "claude-auth-facts.md §14 (500 api_error, 504 timeout_error)",
    },
    OutcomeText {
        code: OutcomeCode::GatewayAuth,
        title: "The gateway rejected the credential",
        explanation: "The answer is a 401 or 403, but not in Anthropic's error format: your gateway or a proxy \
                      refused the credential with its own message. /login does not change it.",
        steps: &[
            "Check the credential with the gateway's admin: it is the gateway's token (a LiteLLM virtual key, for \
             example), not necessarily an Anthropic key.",
            "Try the other header: ANTHROPIC_AUTH_TOKEN sends Authorization: Bearer, ANTHROPIC_API_KEY sends \
             x-api-key. A credential in the header the gateway does not read fails with 401. If unsure, use \
             ANTHROPIC_AUTH_TOKEN and unset ANTHROPIC_API_KEY.",
            "Check that ANTHROPIC_BASE_URL points at the right gateway.",
        ],
        source: "ui-contract.md (gateway-auth); claude-auth-facts.md §6 (CC-docs llm-gateway-connect, \
                 anthropics/claude-code#27182, docs.litellm.ai)",
    },
    OutcomeText {
        code: OutcomeCode::GatewayError,
        title: "The answer did not come from the API",
        explanation: "Something answered that is not the API: a web page (HTML), a Wi-Fi login page (captive \
                      portal), a gateway's own error, or text that is not JSON. Claude Code reports this as an empty \
                      or malformed response.",
        steps: &[
            "Open the base URL in a browser tab: a Wi-Fi or proxy login page shows up there.",
            "Check the base URL and its path prefix: Claude Code appends /v1/messages to ANTHROPIC_BASE_URL.",
            "If you run the gateway, check its logs and health (a database or upstream it needs may be down).",
        ],
        source: "ui-contract.md (gateway-error); claude-auth-facts.md §6 (HTML/captive portal, WAF)",
    },
    OutcomeText {
        code: OutcomeCode::NetworkError,
        title: "The request did not get through",
        explanation: "The browser could not complete the request, so the status is unknown: no network, a DNS \
                      failure, a proxy, VPN or firewall, a refused CORS preflight, or this page's \
                      Content-Security-Policy. This says nothing about the key, good or bad.",
        steps: &[
            "Run the terminal check below: it is not subject to the browser's rules.",
            "Check your connection, VPN and proxy settings (HTTPS_PROXY).",
            "Through a gateway: it must answer the browser's OPTIONS preflight with Access-Control-Allow-Origin and \
             allow the x-api-key or authorization, anthropic-version and anthropic-dangerous-direct-browser-access \
             headers; many don't, and then only the terminal check can tell.",
        ],
        source: "browser-and-build-facts.md §1 (TypeError: Failed to fetch = status unknown), §5 (CSP connect-src)",
    },
    OutcomeText {
        code: OutcomeCode::Timeout,
        title: "No answer within 15 seconds",
        explanation: "The request was sent but no answer came back in time. This says nothing about the key.",
        steps: &[
            "Try again.",
            "Check https://status.claude.com, your connection, or the gateway.",
            "Run the terminal check below.",
        ],
        source: "browser-and-build-facts.md §1 (status unknown without an answer)",
    },
    OutcomeText {
        code: OutcomeCode::Cancelled,
        title: "Test cancelled",
        explanation: "The test was stopped before an answer came. Nothing was concluded.",
        steps: &["Start the test again when you are ready."],
        source: "ui-contract.md (live-cancel)",
    },
    OutcomeText {
        code: OutcomeCode::BlockedByPolicy,
        title: "Not sent",
        explanation: "This page refused to send the request.",
        steps: &[
            "Fix what is explained above, then test again.",
            "Or run the terminal check below, which reads the credential from your environment.",
        ],
        source: "ui-contract.md (blocked-by-policy); code.claude.com/docs/en/legal-and-compliance (subscription \
                 credentials)",
    },
    OutcomeText {
        code: OutcomeCode::Unknown,
        title: "An answer this page does not know",
        explanation: "The server answered in a way this page has no rule for. The status, error type, message and \
                      request id are shown as they came.",
        steps: &[
            "Look the error type up at https://platform.claude.com/docs/en/api/errors.",
            "If it persists, contact support with the request id: \
             https://support.claude.com/en/articles/9015913-how-to-get-support.",
        ],
        source: "browser-and-build-facts.md §3 (400 other = indeterminate, \"never a bad-key signal\")",
    },
];

/// The table row for a code.
pub fn outcome_text(code: OutcomeCode) -> &'static OutcomeText {
    OUTCOME_TABLE
        .iter()
        .find(|t| t.code == code)
        .unwrap_or(&OUTCOME_TABLE[OUTCOME_TABLE.len() - 1])
}

/// Message fragments (lowercase) of Anthropic error bodies → code, checked in order before the error type.
/// Source: claude-auth-facts.md §12.
const MESSAGE_RULES: &[(&str, OutcomeCode, &str)] = &[
    ("cors requests must set", OutcomeCode::CorsHeaderMissing, ""),
    ("cors requests are not allowed", OutcomeCode::CorsDisabledOrg, ""),
    ("invalid x-api-key", OutcomeCode::InvalidKey, ""),
    (
        "x-api-key header is required",
        OutcomeCode::InvalidKey,
        "Here the API saw no key at all. Through a gateway this usually means the credential went in a header the \
         gateway does not pass on: switch the scheme (ANTHROPIC_API_KEY ↔ ANTHROPIC_AUTH_TOKEN).",
    ),
    ("oauth authentication is currently not supported", OutcomeCode::OauthNotSupported, ""),
    (
        "oauth authentication is currently not allowed for this organization",
        OutcomeCode::OauthNotSupported,
        "This organization does not allow subscription (OAuth) sign-in at all: use an API key from it instead.",
    ),
    (
        "only authorized for use with claude code",
        OutcomeCode::OauthNotSupported,
        "This subscription credential works only inside Claude Code: run /login there, and drop a stale \
         CLAUDE_CODE_OAUTH_TOKEN.",
    ),
    ("oauth token has expired", OutcomeCode::OauthExpired, ""),
    (
        "oauth token has been revoked",
        OutcomeCode::InvalidCredentials,
        "The OAuth token was revoked: run /login in Claude Code again.",
    ),
    ("invalid oauth token", OutcomeCode::InvalidBearer, "The OAuth token was not found or is malformed."),
    ("invalid bearer token", OutcomeCode::InvalidBearer, ""),
    ("invalid authentication credentials", OutcomeCode::InvalidCredentials, ""),
    ("credit balance is too low", OutcomeCode::LowCredit, ""),
    ("organization has been disabled", OutcomeCode::OrgDisabled, ""),
    ("specified api usage limits", OutcomeCode::SpendLimit, ""),
    ("workspace api usage limits", OutcomeCode::SpendLimit, ""),
    ("monthly api usage threshold", OutcomeCode::SpendLimit, ""),
];

/// An error in Anthropic's shape: `{"type":"error","error":{"type":…,"message":…},"request_id":…}`.
struct ApiError {
    error_type: String,
    message: String,
    error_code: Option<String>,
}

fn api_error(value: &json::Value) -> Option<ApiError> {
    if value.get("type")?.as_str()? != "error" {
        return None;
    }
    let error = value.get("error")?;
    let error_type = error.get("type")?.as_str()?.to_string();
    let message = error
        .get("message")
        .and_then(|m| m.as_str())
        .unwrap_or("")
        .to_string();
    let error_code = error
        .get("details")
        .and_then(|d| d.get("error_code"))
        .and_then(|c| c.as_str())
        .map(str::to_string);
    Some(ApiError {
        error_type,
        message,
        error_code,
    })
}

/// A gateway's own message and type, from the usual JSON error shapes (LiteLLM/OpenAI `{"error":{"message","type"}}`,
/// `{"error":"…"}`, `{"message":…}`, `{"detail":…}`).
fn gateway_error_fields(value: &json::Value) -> (Option<String>, Option<String>) {
    let text = |v: Option<&json::Value>| -> Option<String> {
        match v? {
            json::Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            json::Value::Number(n) => Some(n.clone()),
            _ => None,
        }
    };
    let error = value.get("error");
    let message = text(error.and_then(|e| e.get("message")))
        .or_else(|| text(error))
        .or_else(|| text(value.get("message")))
        .or_else(|| text(value.get("detail")))
        .or_else(|| text(value.get("msg")))
        .or_else(|| text(value.get("error_description")))
        .or_else(|| value.get("detail").map(|d| d.to_string()));
    let error_type = text(error.and_then(|e| e.get("type")))
        .or_else(|| text(error.and_then(|e| e.get("code"))))
        .or_else(|| text(value.get("type")))
        .or_else(|| text(value.get("code")));
    (message, error_type)
}

/// Bounded, single-line text for display: control characters become spaces, runs of whitespace collapse.
fn bounded(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut last_space = true;
    for c in text.chars() {
        let c = if c.is_control() || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' && last_space {
            continue;
        }
        if count == max_chars {
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push('…');
            return out;
        }
        last_space = c == ' ';
        out.push(c);
        count += 1;
    }
    out.trim_end().to_string()
}

/// At most `max` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A readable line from a non-JSON body: an HTML page's `<title>` (or its text), or the text itself.
fn readable_text(body: &str) -> Option<String> {
    let body = prefix(body, MAX_SCAN_BYTES);
    let lower = body.to_ascii_lowercase();
    let looks_html =
        lower.trim_start().starts_with('<') || lower.contains("<html") || lower.contains("<body");
    let text = if looks_html {
        let title = lower
            .find("<title")
            .and_then(|start| lower[start..].find('>').map(|gt| start + gt + 1))
            .and_then(|start| {
                lower[start..]
                    .find("</title")
                    .map(|end| &body[start..start + end])
            })
            .filter(|t| !t.trim().is_empty());
        match title {
            Some(t) => t.to_string(),
            None => strip_tags(body),
        }
    } else {
        body.to_string()
    };
    let text = bounded(&text, MAX_MESSAGE_CHARS);
    (!text.is_empty()).then_some(text)
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Turns the live test's answer into an outcome. `via_gateway` is true when the base URL is not Anthropic's own.
///
/// `valid` only on a real 2xx: Anthropic's models list or message (direct), any JSON that is not an error (gateway).
/// Everything not in Anthropic's error shape is the gateway's (`gateway-auth` for 401/403, else `gateway-error`).
pub fn classify(kind: &ProbeKind, via_gateway: bool, answer: &Answer) -> Outcome {
    match answer {
        Answer::Http(http) => classify_http(kind, via_gateway, http),
        Answer::NetworkError(detail) => {
            let mut outcome = Outcome::new(OutcomeCode::NetworkError);
            let detail = bounded(detail, MAX_MESSAGE_CHARS);
            outcome.message = (!detail.is_empty()).then_some(detail);
            outcome
        }
        Answer::Timeout => Outcome::new(OutcomeCode::Timeout),
        Answer::Cancelled => Outcome::new(OutcomeCode::Cancelled),
    }
}

fn classify_http(kind: &ProbeKind, via_gateway: bool, http: &HttpAnswer) -> Outcome {
    let status = http.status;
    let json: Option<json::Value> = json::parse(http.body.trim()).ok();
    let api = json.as_ref().and_then(api_error);
    let body_request_id = json
        .as_ref()
        .and_then(|v| v.get("request_id"))
        .and_then(|r| r.as_str())
        .filter(|r| !r.trim().is_empty());
    let request_id = body_request_id
        .or_else(|| http.header("request-id").filter(|r| !r.trim().is_empty()))
        .map(|r| bounded(r, 100));

    let (code, note) = match (&api, &json) {
        (Some(err), _) => api_error_code(kind, via_gateway, status, err),
        (None, Some(value)) => json_code(kind, via_gateway, status, value),
        (None, None) => (non_json_code(status), non_json_note(status)),
    };

    let mut outcome = Outcome::new(code);
    outcome.status = Some(status);
    outcome.request_id = request_id;
    match (&api, &json) {
        (Some(err), _) => {
            outcome.error_type = Some(bounded(&err.error_type, 100));
            let message = bounded(&err.message, MAX_MESSAGE_CHARS);
            outcome.message = (!message.is_empty()).then_some(message);
        }
        (None, Some(value)) if code != OutcomeCode::Valid => {
            let (message, error_type) = gateway_error_fields(value);
            outcome.message = message
                .map(|m| bounded(&m, MAX_MESSAGE_CHARS))
                .filter(|m| !m.is_empty());
            outcome.error_type = error_type.map(|t| bounded(&t, 100));
            if outcome.message.is_none() {
                outcome.message = Some(bounded(&value.to_string(), MAX_MESSAGE_CHARS));
            }
        }
        (None, None) if code != OutcomeCode::Valid => {
            outcome.message = readable_text(&http.body);
        }
        _ => {}
    }
    outcome.add_note(note);
    add_answer_notes(&mut outcome, kind, via_gateway, http, api.as_ref());
    outcome
}

/// Code for an Anthropic-shaped error (which a pass-through gateway may relay unchanged).
fn api_error_code(
    kind: &ProbeKind,
    via_gateway: bool,
    status: u16,
    err: &ApiError,
) -> (OutcomeCode, &'static str) {
    let message = err.message.to_ascii_lowercase();
    if err.error_code.as_deref() == Some("enforced_spend_limit_reached") {
        return (OutcomeCode::SpendLimit, "");
    }
    if let Some((_, code, note)) = MESSAGE_RULES
        .iter()
        .find(|(fragment, _, _)| message.contains(fragment))
    {
        return (*code, note);
    }
    let models = matches!(kind, ProbeKind::Models);
    match (err.error_type.as_str(), status) {
        ("permission_error", _) | ("forbidden", 403) => (OutcomeCode::Permission, ""),
        ("not_found_error", _) | (_, 404) => {
            if models {
                (OutcomeCode::NotFound, "")
            } else {
                (
                    OutcomeCode::NotFound,
                    "On /v1/messages it usually means the model is not available to this key (the message names it); \
                     an unknown model is still a sign the key authenticated. Test the models list too.",
                )
            }
        }
        ("billing_error", _) | (_, 402) => (OutcomeCode::LowCredit, ""),
        ("rate_limit_error", _) | (_, 429) => (OutcomeCode::RateLimited, ""),
        ("overloaded_error", _) | (_, 529) => (OutcomeCode::Overloaded, ""),
        ("api_error" | "timeout_error", _) | (_, 500 | 502 | 503 | 504) => (OutcomeCode::ServerError, ""),
        ("authentication_error", _) | (_, 401 | 403) if via_gateway => (
            OutcomeCode::GatewayAuth,
            "The rejection is dressed in Anthropic's error format, but its message is not one of Anthropic's: most \
             likely the gateway's own.",
        ),
        _ if (200..300).contains(&status) => (OutcomeCode::Unknown, "The error came with a success status."),
        _ => (OutcomeCode::Unknown, ""),
    }
}

/// Code for JSON that is not Anthropic's error shape.
fn json_code(
    kind: &ProbeKind,
    via_gateway: bool,
    status: u16,
    value: &json::Value,
) -> (OutcomeCode, &'static str) {
    if (200..300).contains(&status) {
        let has_error = value.get("error").is_some_and(|e| !e.is_null());
        if has_error {
            let (message, error_type) = gateway_error_fields(value);
            let text = format!(
                "{} {}",
                message.unwrap_or_default(),
                error_type.unwrap_or_default()
            )
            .to_ascii_lowercase();
            let auth = [
                "auth",
                "api key",
                "api_key",
                "token",
                "unauthorized",
                "credential",
            ]
            .iter()
            .any(|w| text.contains(w));
            let code = if auth {
                OutcomeCode::GatewayAuth
            } else {
                OutcomeCode::GatewayError
            };
            return (code, "The error came with a success status (200).");
        }
        if via_gateway {
            return (OutcomeCode::Valid, "");
        }
        let anthropic_shape = match kind {
            ProbeKind::Models => value.get("data").is_some_and(|d| d.is_array()),
            ProbeKind::Messages { .. } => {
                value.get("type").and_then(|t| t.as_str()) == Some("message")
            }
        };
        return if anthropic_shape {
            (OutcomeCode::Valid, "")
        } else {
            (
                OutcomeCode::Unknown,
                "The success answer does not look like the API's.",
            )
        };
    }
    match status {
        401 | 403 => (OutcomeCode::GatewayAuth, ""),
        _ => (OutcomeCode::GatewayError, ""),
    }
}

fn non_json_code(status: u16) -> OutcomeCode {
    match status {
        0 => OutcomeCode::NetworkError,
        401 | 403 => OutcomeCode::GatewayAuth,
        _ => OutcomeCode::GatewayError,
    }
}

fn non_json_note(status: u16) -> &'static str {
    match status {
        0 => "The browser got an opaque answer (status 0).",
        200..=299 => "A success status with a body that is not JSON is never the API: typically a Wi-Fi login page \
                      or a proxy's page.",
        300..=399 => "The answer is a redirect, which the API never sends: a proxy or login page is in between.",
        404 => "Nothing answers on this path: check the base URL's path prefix.",
        _ => "",
    }
}

/// Details that depend on this answer: what a success proves, retry-after, the gateway's own words.
fn add_answer_notes(
    outcome: &mut Outcome,
    kind: &ProbeKind,
    via_gateway: bool,
    http: &HttpAnswer,
    api: Option<&ApiError>,
) {
    let models = matches!(kind, ProbeKind::Models);
    match outcome.code {
        OutcomeCode::Valid => {
            let note = match (via_gateway, models) {
                (true, _) => "The gateway accepted the credential (what it does upstream is its own business).",
                (false, true) => "This proves the key and its organization are live, not that the organization can \
                                  pay: run the billing probe (one token) to check credit too.",
                (false, false) => "The key authenticated and the organization can pay for requests.",
            };
            outcome.add_note(note);
        }
        OutcomeCode::RateLimited | OutcomeCode::SpendLimit => {
            if let Some(retry) = http
                .header("retry-after")
                .map(|r| bounded(r, 40))
                .filter(|r| !r.is_empty())
            {
                let note = match retry.parse::<u64>() {
                    Ok(seconds) => format!(
                        "The API asks to wait {seconds} seconds before trying again (retry-after)."
                    ),
                    Err(_) => format!(
                        "The API asks to wait until {retry} before trying again (retry-after)."
                    ),
                };
                outcome.add_note(&note);
                outcome
                    .next_steps
                    .insert(0, format!("Wait (retry-after: {retry}) and test again."));
            } else if outcome.code == OutcomeCode::SpendLimit && http.status == 429 {
                outcome.add_note(
                    "No retry-after came with it: a monthly cap lasts until the 1st of next month.",
                );
            }
        }
        OutcomeCode::GatewayAuth | OutcomeCode::GatewayError if api.is_none() => {
            if let Some(message) = &outcome.message {
                let end = if message.ends_with(['.', '!', '?', '…']) {
                    ""
                } else {
                    "."
                };
                let note = format!("It said: \"{message}\"{end}");
                outcome.add_note(&note);
            }
        }
        _ => {}
    }
}
