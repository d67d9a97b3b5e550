//! The live test's raw answer → an outcome of the page's contract (`live-result[data-outcome]`), with a title, a
//! plain explanation and concrete next steps.
//!
//! The words come from one place per outcome: an outcome a cause of the knowledge tables owns ([`knowledge::Cause::outcome`],
//! e.g. `invalid-key` ← `invalid-api-key`) shows that cause's words; the others (the request's own fate: valid,
//! pending, network error, timeout…) are in [`OUTCOME_TEXTS`]. An Anthropic error's message is looked up in the
//! message table ([`knowledge::api_message_row`]), the same rows the error-text diagnosis reads. [`classify`] only
//! decides the code and adds the details of this answer (status, error type, message, request id, retry-after).

use crate::core::api::{Answer, ApiError, HttpAnswer, Probe};
use crate::core::codes::{CauseCode, OutcomeCode};
use crate::core::knowledge::{self, doc, Doc};

/// Longest message (in characters) an outcome carries for display.
pub const MAX_MESSAGE_CHARS: usize = 300;

/// How much of a body is examined for a readable message (bytes).
const MAX_SCAN_BYTES: usize = 64 * 1024;

/// What the page shows in `live-result`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub code: OutcomeCode,
    pub title: String,
    /// The cause whose words explain this outcome, when one owns it: the page shows what that cause means before
    /// `explanation`, and its fix after `next_steps` (from its entry of the reference: [`knowledge::Cause`]).
    pub cause: Option<CauseCode>,
    /// The outcome's own explanation when no cause owns it, then what this answer adds (a retry-after, a gateway's
    /// message…). Empty when a cause owns the outcome and the answer adds nothing.
    pub explanation: String,
    /// The outcome's own next steps when no cause owns it, or the steps this answer adds before the cause's fix.
    pub next_steps: Vec<String>,
    pub status: Option<u16>,
    pub error_type: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
}

impl Outcome {
    /// The outcome's own words, with no details of any answer.
    pub fn new(code: OutcomeCode) -> Outcome {
        let words = words(code);
        Outcome {
            code,
            title: words.title.to_string(),
            cause: knowledge::for_outcome(code).map(|cause| cause.code),
            explanation: words.explanation.to_string(),
            next_steps: words.steps.iter().map(|s| s.to_string()).collect(),
            status: None,
            error_type: None,
            message: None,
            request_id: None,
        }
    }

    /// The page refused to send: `blocked-by-policy`, with the reason as the explanation.
    pub fn blocked(reason: &str) -> Outcome {
        let mut outcome = Outcome::new(OutcomeCode::BlockedByPolicy);
        if !reason.trim().is_empty() {
            outcome.explanation = bounded(reason, 2000);
        }
        outcome
    }

    fn add_note(&mut self, note: &str) {
        if !note.is_empty() {
            if !self.explanation.is_empty() {
                self.explanation.push(' ');
            }
            self.explanation.push_str(note);
        }
    }
}

/// Everything the page shows, the owning cause's words included (natively only: the WebAssembly shows those from the
/// reference in the page).
#[cfg(not(target_arch = "wasm32"))]
impl Outcome {
    /// What the outcome means: the cause's meaning, then this outcome's explanation.
    pub fn full_explanation(&self) -> String {
        let meaning = self.cause.map(|c| knowledge::cause(c).meaning);
        [meaning.unwrap_or(""), &self.explanation]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// What to do: this outcome's steps, then the cause's fix.
    pub fn full_steps(&self) -> Vec<String> {
        let fix = self
            .cause
            .into_iter()
            .flat_map(|c| knowledge::cause(c).fix.steps());
        self.next_steps
            .iter()
            .cloned()
            .chain(fix.map(str::to_string))
            .collect()
    }
}

/// The words of an outcome no cause owns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutcomeText {
    pub code: OutcomeCode,
    pub title: &'static str,
    pub explanation: &'static str,
    pub steps: &'static [&'static str],
    /// Where the mapping comes from.
    pub source: Doc,
}

/// The words of every outcome that no cause of the knowledge tables owns, in the contract's order.
pub const OUTCOME_TEXTS: &[OutcomeText] = &[
    OutcomeText {
        code: OutcomeCode::Pending,
        title: "Testing…",
        explanation: "The test request is on its way. It gives up after 15 seconds.",
        steps: &[],
        source: doc("the page's own state while a request is in flight"),
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
        source: doc("platform.claude.com/docs/en/api/models-list (200); code.claude.com/docs/en/authentication (precedence)"),
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
        source: doc("nanobrowser/nanobrowser#50"),
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
        source: doc("platform.claude.com/docs/en/api/errors (403 permission_error); platform.claude.com/docs/en/build-with-claude/workspaces (roles)"),
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
        source: doc("trufflesecurity/trufflehog PR #5180 (\"404 is returned if api key is disabled or not found\")"),
    },
    OutcomeText {
        code: OutcomeCode::Overloaded,
        title: "The API is overloaded, but the key authenticated",
        explanation: "The API answered 529 overloaded_error: Anthropic is busy right now. The key got through \
                      authentication.",
        steps: &["Try again in a minute.", "Check https://status.claude.com for an incident."],
        source: doc("platform.claude.com/docs/en/api/errors (529 overloaded_error)"),
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
        source: doc("platform.claude.com/docs/en/api/errors (500 api_error, 504 timeout_error)"),
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
        source: doc("code.claude.com/docs/en/errors (empty or malformed response); code.claude.com/docs/en/llm-gateway"),
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
        source: doc("fetch.spec.whatwg.org (a network error rejects with TypeError); w3.org/TR/CSP3 (connect-src)"),
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
        source: doc("fetch.spec.whatwg.org (no answer, no status)"),
    },
    OutcomeText {
        code: OutcomeCode::Cancelled,
        title: "Test cancelled",
        explanation: "The test was stopped before an answer came. Nothing was concluded.",
        steps: &["Start the test again when you are ready."],
        source: doc("the page's cancel button"),
    },
    OutcomeText {
        code: OutcomeCode::BlockedByPolicy,
        title: "Not sent",
        explanation: "This page refused to send the request.",
        steps: &[
            "Fix what is explained above, then test again.",
            "Or run the terminal check below, which reads the credential from your environment.",
        ],
        source: doc("code.claude.com/docs/en/legal-and-compliance (subscription credentials); w3.org/TR/CSP3"),
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
        source: doc("trufflesecurity/trufflehog (anthropic detector: other answers are indeterminate)"),
    },
];

/// An outcome's title, explanation and next steps: its own row, or, when a cause owns it, that cause's title with no
/// words of its own (the cause's meaning and fix are its entry's in the reference: [`Outcome::cause`]).
pub fn words(code: OutcomeCode) -> OutcomeText {
    if let Some(cause) = knowledge::for_outcome(code) {
        return OutcomeText {
            code,
            title: cause.title,
            explanation: "",
            steps: &[],
            source: cause.source,
        };
    }
    *OUTCOME_TEXTS
        .iter()
        .find(|t| t.code == code)
        .unwrap_or(&OUTCOME_TEXTS[OUTCOME_TEXTS.len() - 1])
}

/// A gateway's own message and type, from the usual JSON error shapes (LiteLLM/OpenAI `{"error":{"message","type"}}`,
/// `{"error":"…"}`, `{"message":…}`, `{"detail":…}`).
fn gateway_error_fields(value: &serde_json::Value) -> (Option<String>, Option<String>) {
    use serde_json::Value;
    let text = |v: Option<&Value>| -> Option<String> {
        match v? {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
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
pub fn classify(kind: &Probe, via_gateway: bool, answer: &Answer) -> Outcome {
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

fn classify_http(kind: &Probe, via_gateway: bool, http: &HttpAnswer) -> Outcome {
    let status = http.status;
    let json: Option<serde_json::Value> = serde_json::from_str(http.body.trim()).ok();
    let api = json.as_ref().and_then(ApiError::from_json);
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
            outcome.error_type = Some(bounded(&err.error.error_type, 100));
            let message = bounded(&err.error.message, MAX_MESSAGE_CHARS);
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
    kind: &Probe,
    via_gateway: bool,
    status: u16,
    err: &ApiError,
) -> (OutcomeCode, &'static str) {
    if let Some(row) = knowledge::api_message_row(&err.error.message, err.error_code()) {
        let owned = knowledge::cause(row.cause).outcome;
        if let Some(code) = row.outcome.or(owned) {
            return (code, row.note);
        }
    }
    let models = matches!(kind, Probe::Models);
    match (err.error.error_type.as_str(), status) {
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
    kind: &Probe,
    via_gateway: bool,
    status: u16,
    value: &serde_json::Value,
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
            Probe::Models => value.get("data").is_some_and(|d| d.is_array()),
            Probe::Messages { .. } => value.get("type").and_then(|t| t.as_str()) == Some("message"),
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
    kind: &Probe,
    via_gateway: bool,
    http: &HttpAnswer,
    api: Option<&ApiError>,
) {
    let models = matches!(kind, Probe::Models);
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
