//! The live test, decided in pure Rust: what may be sent, where (every rule about it is here), the requests, and the
//! test's sequence ([`LiveRun`]: the models list, then the optional billing probe, then the outcome and its notes),
//! plus the equivalent terminal check per shell.
//!
//! Nothing here touches the network: the page's `net` module sends each [`ProbeRequest`] a [`LiveRun`] asks for and
//! hands the raw [`Answer`] back. Sources: platform.claude.com/docs/en/api/overview (headers, CORS opt-in),
//! platform.claude.com/docs/en/api/models-list; code.claude.com/docs/en/llm-gateway (base URLs, x-api-key vs Bearer).

use std::rc::Rc;

use crate::core::api::{smallest_model, Answer, Probe, ProbeRequest, ANTHROPIC_VERSION};
use crate::core::base_url::{BaseUrl, ANTHROPIC_BASE};
use crate::core::codes::{AuthScheme, FindingCode, Kind, OutcomeCode, Shell, Verdict};
use crate::core::csp::connect_allowed;
use crate::core::key::KeyReport;
use crate::core::outcome::{classify, Outcome};

/// Why nothing was sent: a plain explanation for the page (the live test shows it as `blocked-by-policy`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal(pub String);

impl From<&str> for Refusal {
    fn from(why: &str) -> Refusal {
        Refusal(why.to_string())
    }
}

/// The request to send and what the person should know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub request: ProbeRequest,
    pub notes: Vec<String>,
}

const NOTE_CLEANED: &str = "The key was sent cleaned: the whitespace, quotes, prefixes or invisible characters around \
                            it were removed. Claude Code does not do that for you: fix the value where it is set.";
const NOTE_GATEWAY: &str =
    "The credential's format was not judged: it goes to a gateway, and a gateway decides what \
                            its own credentials look like.";
const NOTE_BEARER_TO_ANTHROPIC: &str = "Anthropic's API reads Console keys from the x-api-key header. Sent as \
                                        Authorization: Bearer (what ANTHROPIC_AUTH_TOKEN does) the key is refused \
                                        with \"Invalid bearer token\".";

const WHY_OAUTH: &str = "Nothing was sent: this is an OAuth token (sk-ant-oat01-… or sk-ant-ort01-…): a Claude \
    subscription login or a `claude setup-token` token, or an Anthropic profile's or Workload Identity Federation's \
    access token. This page never sends OAuth tokens anywhere, to Anthropic or to a gateway: a subscription token is \
    only for Claude Code itself (Anthropic's terms forbid routing it through other tools), and the others are short-lived \
    bearer tokens of their own tools. For a subscription, run /login in Claude Code, or put a setup-token in \
    CLAUDE_CODE_OAUTH_TOKEN, and keep it out of ANTHROPIC_API_KEY and ANTHROPIC_AUTH_TOKEN. A refresh token \
    (sk-ant-ort01-…) should never leave its tool's storage: if you copied it somewhere, log out and in again.";
const WHY_SESSION: &str = "Nothing was sent: this is a claude.ai session cookie (sk-ant-sid01-…), the login of your \
    browser, not an API credential. This page never sends it anywhere. Treat it as leaked if you pasted it into a \
    file or chat: log out of claude.ai to end that session. For the API, create a key at \
    https://platform.claude.com/settings/keys.";
const WHY_ADMIN: &str = "Nothing was sent: this is an Admin API key (sk-ant-admin01-… or sk-ant-admin03-…). It \
    manages the organization and cannot call /v1/models or /v1/messages, so Claude Code cannot use it either; it is \
    also too powerful to hand to a gateway. Create a regular API key at https://platform.claude.com/settings/keys.";
const WHY_ANTHROPIC_OTHER: &str = "Nothing was sent: this is an Anthropic credential of a kind that cannot call the \
    Messages API (for example sk-ant-api01-…, the Claude Enterprise Admin key), and no gateway has a use for it. \
    Create a regular API key at https://platform.claude.com/settings/keys.";
const WHY_EMPTY: &str =
    "Nothing was sent: there is no key to test yet. Paste your Console API key (it starts with \
    sk-ant-api03-) into the key field.";
const WHY_INVALID: &str =
    "Nothing was sent: this text cannot be a working key (see the format check), so the API \
    would only answer \"invalid x-api-key\". Fix the key first, or create a new one at \
    https://platform.claude.com/settings/keys (it is shown once: copy it in one piece).";
const WHY_OTHER_PROVIDER: &str = "Nothing was sent: this is another provider's key, which Anthropic's API would reject \
    as \"invalid x-api-key\". Use a Console key from https://platform.claude.com/settings/keys, or, if you reach \
    Claude through a gateway that takes this key, enter the gateway's base URL.";
const WHY_WRONG: &str =
    "Nothing was sent: this is not a Console API key (sk-ant-api03-…), so the API would reject \
    it. Create one at https://platform.claude.com/settings/keys.";
const WHY_NOT_HEADER_SAFE: &str = "Nothing was sent: the credential contains characters that cannot go in an HTTP \
    header (line breaks, control characters or characters beyond Latin-1); Claude Code refuses such a value too. \
    Retype or re-copy it.";
const WHY_NO_MODEL: &str =
    "Nothing was sent: the billing probe needs a model name, and none was found. Run the \
    models check first, or check that the gateway lists its models.";

const WHY_MASKED: &str =
    "Nothing was sent: this is a masked copy (part of it is hidden), not the credential itself.";
const WHY_HUGE: &str = "Nothing was sent: the pasted text is far too long to be a credential.";
const NOTE_BILLING_SKIPPED: &str =
    "The billing probe was not run: it only makes sense once the models check \
    succeeds, so fix what the models check found first.";

/// Credentials that are never sent anywhere, whatever the base URL.
fn never_sent(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::OauthAccessToken | Kind::OauthRefreshToken => Some(WHY_OAUTH),
        Kind::SessionCookie => Some(WHY_SESSION),
        Kind::AdminKey => Some(WHY_ADMIN),
        Kind::AnthropicUnknown => Some(WHY_ANTHROPIC_OTHER),
        _ => None,
    }
}

/// To Anthropic's API: only a well-formed Console key, cleaned of its noise.
fn anthropic_credential(report: &KeyReport, notes: &mut Vec<String>) -> Result<String, Refusal> {
    match report.verdict {
        Verdict::Ok | Verdict::Fixable => match report.cleaned.as_deref().filter(|k| !k.is_empty())
        {
            Some(key) => {
                if report.verdict == Verdict::Fixable {
                    notes.push(NOTE_CLEANED.to_string());
                }
                Ok(key.to_string())
            }
            None => Err(WHY_INVALID.into()),
        },
        Verdict::Empty => Err(WHY_EMPTY.into()),
        Verdict::Invalid => Err(WHY_INVALID.into()),
        Verdict::WrongCredential | Verdict::Unjudged => Err(match report.kind {
            Kind::OtherProvider => WHY_OTHER_PROVIDER,
            _ => WHY_WRONG,
        }
        .into()),
    }
}

/// To a gateway (whose credentials may look like anything): the noise-stripped text, if it is one line of visible
/// ASCII.
fn gateway_credential(report: &KeyReport, notes: &mut Vec<String>) -> Result<String, Refusal> {
    if report.verdict == Verdict::Empty {
        return Err(WHY_EMPTY.into());
    }
    if report.kind == Kind::Placeholder {
        return Err(
            "Nothing was sent: this is a placeholder, not a credential: paste the real value."
                .into(),
        );
    }
    if report
        .findings
        .iter()
        .any(|f| f.code == FindingCode::Masked)
    {
        return Err(WHY_MASKED.into());
    }
    let value = report.stripped().ok_or(Refusal::from(WHY_HUGE))?;
    if value.is_empty() {
        return Err(
            "Nothing was sent: nothing is left once the surrounding noise is removed.".into(),
        );
    }
    if value.chars().any(|c| c == '\n' || c == '\r') {
        return Err("Nothing was sent: the value spans several lines; a header value must be a single line.".into());
    }
    if let Some(pos) = value.chars().position(char::is_whitespace) {
        return Err(Refusal(format!(
            "Nothing was sent: position {} is a space or other blank; a credential in a header is one unbroken string.",
            pos + 1
        )));
    }
    if let Some(pos) = value
        .chars()
        .position(|c| !('\u{21}'..='\u{7e}').contains(&c))
    {
        return Err(Refusal(format!(
            "Nothing was sent: position {} is not a visible ASCII character; browsers and Claude Code refuse such \
             header values.",
            pos + 1
        )));
    }
    if report.verdict == Verdict::Fixable {
        notes.push(NOTE_CLEANED.to_string());
    }
    notes.push(NOTE_GATEWAY.to_string());
    Ok(value.to_string())
}

/// Visible ASCII only, no spaces (what survives `fetch`'s ByteString rule and Claude Code's own header check), bounded.
fn header_safe(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 8192
        && value.bytes().all(|b| (0x21..0x7f).contains(&b))
        && value.trim() == value
}

/// Decides the request for a probe, or why nothing may be sent.
///
/// Against Anthropic (`base.is_anthropic()`) only a well-formed Console key (`report.cleaned`) goes out. Against a
/// gateway the noise-stripped text does. OAuth tokens, session cookies, Admin keys and placeholders are never sent
/// anywhere.
pub fn plan(
    probe: &Probe,
    base: &BaseUrl,
    scheme: AuthScheme,
    report: &KeyReport,
) -> Result<Plan, Refusal> {
    if let Some(why) = never_sent(report.kind) {
        return Err(why.into());
    }
    let mut notes = Vec::new();
    let credential = if base.is_anthropic() {
        anthropic_credential(report, &mut notes)?
    } else {
        gateway_credential(report, &mut notes)?
    };
    if !header_safe(&credential) {
        return Err(WHY_NOT_HEADER_SAFE.into());
    }
    if base.is_anthropic() && scheme == AuthScheme::Bearer {
        notes.push(NOTE_BEARER_TO_ANTHROPIC.to_string());
    }
    let mut headers: Vec<(&'static str, String)> = vec![
        ("anthropic-version", ANTHROPIC_VERSION.to_string()),
        (
            "anthropic-dangerous-direct-browser-access",
            "true".to_string(),
        ),
    ];
    match scheme {
        AuthScheme::XApiKey => headers.push(("x-api-key", credential)),
        AuthScheme::Bearer => headers.push(("authorization", format!("Bearer {credential}"))),
    }
    let (method, body) = match probe {
        Probe::Models => ("GET", None),
        Probe::Messages { model } => {
            let model = model.trim();
            if model.is_empty() || model.len() > 256 || model.chars().any(char::is_control) {
                return Err(WHY_NO_MODEL.into());
            }
            headers.push(("content-type", "application/json".to_string()));
            let body = serde_json::json!({
                "model": model,
                "max_tokens": 1,
                "messages": [{ "role": "user", "content": "." }],
            });
            ("POST", Some(body.to_string()))
        }
    };
    Ok(Plan {
        request: ProbeRequest {
            method,
            url: base.endpoint(probe.path()),
            headers,
            body,
        },
        notes,
    })
}

/// One request of a finished test, for the summary (never the credential).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeLine {
    /// `GET /v1/models` or `POST /v1/messages (model, max_tokens 1)`.
    pub label: String,
    pub status: Option<u16>,
    pub code: OutcomeCode,
}

/// What a finished (or refused) test shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveResult {
    pub outcome: Outcome,
    /// What the person should know about what was sent (e.g. "sent cleaned").
    pub notes: Vec<String>,
    pub probes: Vec<ProbeLine>,
    /// Wall time of the requests, which the page measures; `None` when nothing was sent.
    pub elapsed_ms: Option<u32>,
    /// The key's redacted fingerprint (prefix + last 4), when it has one. Never more of the key.
    pub fingerprint: Option<String>,
}

/// What a test does next.
#[derive(Debug)]
pub enum Next {
    /// Send this request and give its answer to [`LiveRun::answer`].
    Send(ProbeRequest),
    /// The test is over.
    Done(LiveResult),
}

/// The page's own Content-Security-Policy and origin, to refuse a base URL the browser would block anyway.
pub struct PagePolicy<'a> {
    pub policy: &'a str,
    pub page_origin: &'a str,
}

/// One live test: the models list, then (if asked and the key worked) the billing probe on the cheapest model that
/// list names. The key is held only until the last request is planned.
pub struct LiveRun {
    base: BaseUrl,
    scheme: AuthScheme,
    billing: bool,
    report: Option<Rc<KeyReport>>,
    step: Probe,
    notes: Vec<String>,
    probes: Vec<ProbeLine>,
    fingerprint: Option<String>,
}

impl LiveRun {
    /// Starts a test: the first request to send, or the refusal when nothing may be sent.
    pub fn start(
        base: BaseUrl,
        scheme: AuthScheme,
        billing: bool,
        report: Rc<KeyReport>,
        page: Option<PagePolicy>,
    ) -> (LiveRun, Next) {
        let mut run = LiveRun {
            fingerprint: report.redacted(),
            base,
            scheme,
            billing,
            report: Some(report),
            step: Probe::Models,
            notes: Vec::new(),
            probes: Vec::new(),
        };
        if let Some(page) = page {
            if !connect_allowed(page.policy, page.page_origin, run.base.origin()) {
                let why = format!(
                    "Nothing was sent: this page's Content-Security-Policy does not list {} in connect-src, so the \
                     browser would refuse the connection. This copy of the page may only call {ANTHROPIC_BASE}, \
                     gateways on this computer (localhost, 127.0.0.1) and the origins its builders added. A team adds \
                     its gateway origin to the build config: see the README's Team configuration section. Meanwhile, \
                     the terminal check below works with any base URL.",
                    run.base.origin()
                );
                let next = run.finish(Outcome::blocked(&why));
                return (run, next);
            }
        }
        let next = run.plan_step();
        (run, next)
    }

    /// The request in flight.
    pub fn step(&self) -> &Probe {
        &self.step
    }

    /// The answer to the request in flight; what to do next.
    pub fn answer(&mut self, answer: Answer) -> Next {
        let outcome = classify(&self.step, !self.base.is_anthropic(), &answer);
        self.probes.push(ProbeLine {
            label: self.step.label(),
            status: match &answer {
                Answer::Http(http) => Some(http.status),
                _ => None,
            },
            code: outcome.code,
        });
        let models_worked = self.step == Probe::Models && outcome.code == OutcomeCode::Valid;
        if self.billing && models_worked {
            let model = match &answer {
                Answer::Http(http) => smallest_model(&http.body),
                _ => None,
            };
            self.step = Probe::Messages {
                model: model.unwrap_or_default(),
            };
            return self.plan_step();
        }
        if self.billing && self.step == Probe::Models {
            self.notes.push(NOTE_BILLING_SKIPPED.to_string());
        }
        self.finish(outcome)
    }

    fn plan_step(&mut self) -> Next {
        let Some(report) = self.report.clone() else {
            return self.finish(Outcome::new(OutcomeCode::Unknown));
        };
        match plan(&self.step, &self.base, self.scheme, &report) {
            Ok(plan) => {
                for note in plan.notes {
                    if !self.notes.contains(&note) {
                        self.notes.push(note);
                    }
                }
                if matches!(self.step, Probe::Messages { .. }) {
                    self.report = None;
                }
                Next::Send(plan.request)
            }
            Err(Refusal(why)) => self.finish(Outcome::blocked(&why)),
        }
    }

    fn finish(&mut self, outcome: Outcome) -> Next {
        self.report = None;
        Next::Done(LiveResult {
            outcome,
            notes: std::mem::take(&mut self.notes),
            probes: std::mem::take(&mut self.probes),
            elapsed_ms: None,
            fingerprint: self.fingerprint.take(),
        })
    }
}

/// The environment variable Claude Code reads for a scheme (code.claude.com/docs/en/llm-gateway).
pub fn credential_variable(scheme: AuthScheme) -> &'static str {
    match scheme {
        AuthScheme::XApiKey => "ANTHROPIC_API_KEY",
        AuthScheme::Bearer => "ANTHROPIC_AUTH_TOKEN",
    }
}

/// The same models check from a terminal, reading the credential from the environment variable (never a literal
/// key), in the syntax of `shell`. One line, so it pastes the same everywhere.
pub fn curl_command(shell: Shell, base: &BaseUrl, scheme: AuthScheme) -> String {
    let var = credential_variable(scheme);
    let reference = match shell {
        Shell::Bash | Shell::Zsh | Shell::Fish => format!("${var}"),
        Shell::Powershell => format!("$env:{var}"),
        Shell::Cmd => format!("%{var}%"),
    };
    let credential_header = match scheme {
        AuthScheme::XApiKey => format!("x-api-key: {reference}"),
        AuthScheme::Bearer => format!("Authorization: Bearer {reference}"),
    };
    let curl = if shell == Shell::Powershell {
        "curl.exe"
    } else {
        "curl"
    };
    // The URL is safe inside double quotes in every shell: parse_base_url admits no $, `, ", \, !, % outside %XX.
    format!(
        "{curl} -sS \"{}\" -H \"{credential_header}\" -H \"anthropic-version: {ANTHROPIC_VERSION}\"",
        base.endpoint("/v1/models")
    )
}
