//! The Anthropic API as the live test meets it: the requests it sends ([`Probe`], [`ProbeRequest`]), the answers it
//! gets ([`Answer`], [`HttpAnswer`]), and the JSON shapes it reads with serde: the API's error body and the models list
//! (Anthropic's, and the OpenAI-shaped list that gateways such as LiteLLM answer with). Sources:
//! platform.claude.com/docs/en/api/errors, /api/versioning, /api/models-list.

/// The only API version the live test sends (required; `2023-06-01` is current).
pub const ANTHROPIC_VERSION: &str = "2023-06-01";

/// A request of the live test: list models (free), then optionally a 1-token message (the billing probe).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Probe {
    /// `GET /v1/models`: no tokens; proves the key and organization are live.
    Models,
    /// `POST /v1/messages` with `max_tokens: 1` on this model: spends a few tokens; also surfaces credit and
    /// organization problems.
    Messages { model: String },
}

impl Probe {
    /// The API path the probe calls.
    pub fn path(&self) -> &'static str {
        match self {
            Probe::Models => "/v1/models",
            Probe::Messages { .. } => "/v1/messages",
        }
    }

    /// How the page names the request (never the credential).
    pub fn label(&self) -> String {
        match self {
            Probe::Models => "GET /v1/models".to_string(),
            Probe::Messages { model } => format!("POST /v1/messages ({model}, max_tokens 1)"),
        }
    }
}

/// Header names whose value is a credential; [`ProbeRequest`]'s `Debug` never prints them.
const CREDENTIAL_HEADERS: &[&str] = &["x-api-key", "authorization"];

/// One HTTP request, ready for `fetch`. Header names are lowercase.
#[derive(Clone, PartialEq, Eq)]
pub struct ProbeRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

impl ProbeRequest {
    /// The value of a header, if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl std::fmt::Debug for ProbeRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Headers<'a>(&'a [(&'static str, String)]);
        impl std::fmt::Debug for Headers<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut list = f.debug_list();
                for (name, value) in self.0 {
                    if CREDENTIAL_HEADERS
                        .iter()
                        .any(|c| name.eq_ignore_ascii_case(c))
                    {
                        let shown = if value
                            .get(..7)
                            .is_some_and(|p| p.eq_ignore_ascii_case("bearer "))
                        {
                            "Bearer [redacted]"
                        } else {
                            "[redacted]"
                        };
                        list.entry(&(name, shown));
                    } else {
                        list.entry(&(name, value));
                    }
                }
                list.finish()
            }
        }
        f.debug_struct("ProbeRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &Headers(&self.headers))
            .field("body", &self.body)
            .finish()
    }
}

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

/// Everything a live test request can end with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Http(HttpAnswer),
    /// `fetch` rejected (`TypeError: Failed to fetch` and kin): the status is unknown.
    NetworkError(String),
    Timeout,
    Cancelled,
}

/// An error in Anthropic's shape: `{"type":"error","error":{"type":…,"message":…,"details":…},"request_id":…}`.
///
/// Read from a `serde_json::Value` by hand rather than derived: the page parses every body once into a `Value`
/// anyway, and a derived `Deserialize` for these few fields would carry its own copy of serde's deserializer code
/// in the WebAssembly (see `scripts/bench.sh`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub error: ApiErrorDetail,
    pub request_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiErrorDetail {
    pub error_type: String,
    pub message: String,
    /// `error.details.error_code`, e.g. `enforced_spend_limit_reached` on the tier's monthly spend cap.
    pub error_code: Option<String>,
}

/// A member that must be a string when present: `Some(None)` when it is absent or null, `None` when it has another
/// type (the body is then not in the shape).
fn optional_text(value: &serde_json::Value, member: &str) -> Option<Option<String>> {
    match value.get(member) {
        None | Some(serde_json::Value::Null) => Some(None),
        Some(serde_json::Value::String(text)) => Some(Some(text.clone())),
        Some(_) => None,
    }
}

impl ApiError {
    /// The body in Anthropic's error shape, if it is one.
    pub fn from_json(value: &serde_json::Value) -> Option<ApiError> {
        if value.get("type")?.as_str()? != "error" {
            return None;
        }
        let error = value.get("error")?;
        let details = match error.get("details") {
            None | Some(serde_json::Value::Null) => None,
            Some(details @ serde_json::Value::Object(_)) => optional_text(details, "error_code")?,
            Some(_) => return None,
        };
        Some(ApiError {
            error: ApiErrorDetail {
                error_type: error.get("type")?.as_str()?.to_string(),
                message: optional_text(error, "message")?.unwrap_or_default(),
                error_code: details,
            },
            request_id: optional_text(value, "request_id")?,
        })
    }

    pub fn error_code(&self) -> Option<&str> {
        self.error.error_code.as_deref()
    }
}

/// One entry of a models list: Anthropic's `{"type":"model","id":…,"created_at":"2025-10-01T00:00:00Z"}` or the
/// OpenAI/LiteLLM `{"id":…,"created":1727740800}`. Entries of another shape are skipped, not fatal.
struct ModelEntry<'a> {
    id: &'a str,
    /// Anthropic: RFC 3339 in UTC, which sorts as text.
    created_at: Option<&'a serde_json::Value>,
    /// OpenAI-shaped: seconds since 1970.
    created: Option<&'a serde_json::Value>,
}

impl<'a> ModelEntry<'a> {
    fn from_json(value: &'a serde_json::Value) -> Option<ModelEntry<'a>> {
        if optional_text(value, "type")?.is_some_and(|kind| kind != "model") {
            return None;
        }
        Some(ModelEntry {
            id: value.get("id")?.as_str()?,
            created_at: value.get("created_at"),
            created: value.get("created"),
        })
    }

    /// When the model was published, if the entry says it in a form the list's entries can be compared by.
    fn published(&self) -> Option<Published> {
        if let Some(seconds) = self.created.and_then(serde_json::Value::as_i64) {
            return Some(Published::Unix(seconds));
        }
        let text = self.created_at?.as_str()?;
        rfc3339_utc(text).then(|| Published::Rfc3339(text.to_string()))
    }
}

/// `YYYY-MM-DDTHH:MM:SS…`, with a month and a day that exist in some year: the form whose text order is time order.
fn rfc3339_utc(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let number = |range: std::ops::Range<usize>| {
        text.get(range)
            .and_then(|d| d.parse::<u8>().ok())
            .unwrap_or(0)
    };
    digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && digits(11..13)
        && (1..=12).contains(&number(5..7))
        && (1..=31).contains(&number(8..10))
}

/// When a model was published, as the list says it (a list uses one form throughout).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Published {
    Unix(i64),
    Rfc3339(String),
}

/// How cheap a model id looks: lower is cheaper. Non-chat models (embeddings, speech, images) come last.
fn model_tier(id: &str) -> u8 {
    let id = id.to_ascii_lowercase();
    const NOT_CHAT: &[&str] = &[
        "embed",
        "whisper",
        "tts",
        "dall-e",
        "moderation",
        "rerank",
        "image",
        "audio",
    ];
    if NOT_CHAT.iter().any(|w| id.contains(w)) {
        4
    } else if id.contains("haiku") {
        0
    } else if id.contains("sonnet") {
        1
    } else if id.contains("opus") {
        3
    } else {
        2
    }
}

/// Version-ish numbers of an id: small numbers in order (`claude-haiku-4-5-20251001` → `[4, 5]`) and the date-like
/// 8-digit number (`20251001`).
fn version_key(id: &str) -> (Vec<u64>, u64) {
    let mut versions = Vec::new();
    let mut date = 0;
    for part in id
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
    {
        if part.len() == 8 && (part.starts_with("19") || part.starts_with("20")) {
            date = part.parse().unwrap_or(0);
        } else if part.len() <= 4 {
            versions.push(part.parse().unwrap_or(0));
        }
    }
    (versions, date)
}

/// From a `/v1/models` body, the cheapest-looking model: haiku, then sonnet, then any other chat model, then opus;
/// among equals the newest (`created_at`/`created`, then the highest version in the id). No model id is ever
/// hard-coded: the billing probe uses what the API (or gateway) lists.
pub fn smallest_model(models_json: &str) -> Option<String> {
    // A page `{"data":[…]}` or a bare array of entries.
    let list: serde_json::Value = serde_json::from_str(models_json).ok()?;
    let entries = match &list {
        serde_json::Value::Array(entries) => entries,
        page => page.get("data")?.as_array()?,
    };
    entries
        .iter()
        .filter_map(ModelEntry::from_json)
        .filter_map(|entry| {
            let id = entry.id.trim().to_string();
            let usable = !id.is_empty()
                && id.len() <= 256
                && !id.chars().any(|c| c.is_control() || c.is_whitespace());
            usable.then(|| (model_tier(&id), entry.published(), version_key(&id), id))
        })
        .min_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| b.1.cmp(&a.1))
                .then_with(|| b.2.cmp(&a.2))
                .then_with(|| a.3.cmp(&b.3))
        })
        .map(|(_, _, _, id)| id)
}
