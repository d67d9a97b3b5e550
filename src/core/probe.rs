//! The live test request, decided in pure Rust: which base URL, which endpoint, which headers, which credential (and
//! when to send nothing at all), plus the equivalent terminal check per shell.
//!
//! Nothing here touches the network: `net` sends the [`ProbeRequest`] a [`Plan`] holds and hands the raw answer to
//! [`crate::core::outcome::classify`]. Sources: browser-and-build-facts.md §1 (browser calls, opt-in header) and §3
//! (probe endpoints); claude-auth-facts.md §6 (base URLs and gateways), §14 (request headers), §15 (credential kinds).

use crate::core::codes::{AuthScheme, Kind, Shell, Verdict};
use crate::core::json;
use crate::core::key::KeyReport;
use crate::core::outcome::Outcome;

/// The API Claude Code talks to when `ANTHROPIC_BASE_URL` is unset.
pub const ANTHROPIC_BASE: &str = "https://api.anthropic.com";

/// The only API version the probe sends (claude-auth-facts.md §14: required; `2023-06-01` current).
pub const ANTHROPIC_VERSION: &str = "2023-06-01";

/// Longest base URL the page accepts.
const MAX_BASE_URL_CHARS: usize = 2048;

/// Hosts that are Anthropic or Claude web sites, not the API: a common wrong `ANTHROPIC_BASE_URL`.
const NOT_THE_API: &[(&str, &str)] = &[
    ("console.anthropic.com", "the old Console web site"),
    ("platform.claude.com", "the Console web site"),
    ("claude.ai", "the claude.ai web app"),
    ("www.claude.ai", "the claude.ai web app"),
    ("anthropic.com", "Anthropic's home page"),
    ("www.anthropic.com", "Anthropic's home page"),
    ("docs.anthropic.com", "the documentation site"),
    ("docs.claude.com", "the documentation site"),
    ("code.claude.com", "the Claude Code documentation site"),
    ("status.claude.com", "the status page"),
    ("claude.com", "Claude's home page"),
    ("www.claude.com", "Claude's home page"),
];

/// A checked API base URL: `scheme://host[:port][/prefix]`, lowercase scheme and host, no default port, no trailing
/// slash, no query, fragment or credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    full: String,
    origin_len: usize,
    https: bool,
    host: String,
    port: Option<u16>,
}

impl Default for BaseUrl {
    fn default() -> Self {
        BaseUrl::anthropic()
    }
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.full)
    }
}

impl BaseUrl {
    /// `https://api.anthropic.com`.
    pub fn anthropic() -> BaseUrl {
        BaseUrl {
            full: ANTHROPIC_BASE.to_string(),
            origin_len: ANTHROPIC_BASE.len(),
            https: true,
            host: "api.anthropic.com".to_string(),
            port: None,
        }
    }

    /// The normalized URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.full
    }

    /// `scheme://host[:port]`, as the browser's `Origin` and a CSP `connect-src` entry spell it.
    pub fn origin(&self) -> &str {
        self.full.get(..self.origin_len).unwrap_or(&self.full)
    }

    /// The host name (lowercase; IPv6 in brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The path prefix, e.g. `/anthropic` (empty for none).
    pub fn path(&self) -> &str {
        self.full.get(self.origin_len..).unwrap_or("")
    }

    /// Exactly `https://api.anthropic.com` (no port, no path prefix).
    pub fn is_anthropic(&self) -> bool {
        self.https
            && self.host == "api.anthropic.com"
            && self.port.is_none()
            && self.path().is_empty()
    }

    /// Whether it is `http:` (only ever a loopback host).
    pub fn is_plain_http(&self) -> bool {
        !self.https
    }

    /// `base + path`, e.g. `endpoint("/v1/models")`; a missing leading slash is added.
    pub fn endpoint(&self, path: &str) -> String {
        if path.is_empty() || path.starts_with('/') {
            format!("{}{}", self.full, path)
        } else {
            format!("{}/{}", self.full, path)
        }
    }
}

fn is_loopback_host(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

/// Characters accepted in a path prefix: unreserved, a few harmless sub-delimiters and `%XX` escapes. Shell
/// metacharacters (`$`, backtick, quotes, `!`, `&`, `;`, `|`, `<`, `>`, parentheses, `^`) never belong in a gateway prefix,
/// and keeping them out keeps [`curl_command`] safe to paste in every shell.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '.' | '_' | '~' | '/' | '+' | '=' | ',' | ':' | '@' | '%'
        )
}

/// Checks and normalizes what a person typed as `ANTHROPIC_BASE_URL`. Empty means the default, Anthropic's API.
/// Errors are plain sentences meant for the page, and never repeat a password found in the URL.
pub fn parse_base_url(input: &str) -> Result<BaseUrl, String> {
    if input.trim().is_empty() {
        return Ok(BaseUrl::anthropic());
    }
    if looks_like_a_credential(input) {
        return Err(format!(
            "This looks like a key or token, not an address: paste the key into the key field. The base URL is an \
             address such as {ANTHROPIC_BASE}, or your gateway's."
        ));
    }
    if input.chars().count() > MAX_BASE_URL_CHARS {
        return Err(format!(
            "This base URL is over {MAX_BASE_URL_CHARS} characters long, which no API address is. Paste just the \
             address, for example {ANTHROPIC_BASE}."
        ));
    }
    let quotes = [
        '"', '\'', '`', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{00AB}', '\u{00BB}',
    ];
    if input.contains(quotes) {
        let inner: String = input
            .trim()
            .chars()
            .filter(|c| !quotes.contains(c))
            .collect();
        return Err(format!(
            "Remove the quotes: they belong to the shell command that sets the variable, not to the URL. The value \
             itself is {}.",
            redact_userinfo(&inner)
        ));
    }
    let trimmed = input.trim();
    if trimmed != input {
        return Err(format!(
            "The base URL has spaces or a line break around it. Remove them: {}. (In a settings file or shell \
             profile a trailing space becomes part of ANTHROPIC_BASE_URL.)",
            redact_userinfo(trimmed)
        ));
    }
    if input
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
    {
        return Err("The base URL contains a space, a line break or an invisible character in the middle. Type it \
                    again by hand, without spaces."
            .to_string());
    }
    if !input.is_ascii() {
        return Err("The base URL contains characters that are not plain ASCII (letters with accents, typographic \
                    dashes or look-alike characters). Retype it; a host name with accents must be written in its \
                    punycode form (xn--…)."
            .to_string());
    }

    let (scheme, rest) = match input.find("://") {
        Some(at) => (&input[..at], &input[at + 3..]),
        None => return Err(explain_missing_scheme(input)),
    };
    let scheme_lower = scheme.to_ascii_lowercase();
    let https = match scheme_lower.as_str() {
        "https" => true,
        "http" => false,
        "" => return Err(explain_missing_scheme(rest)),
        "file" => {
            return Err(format!(
                "A file: URL points at a file on this computer, not at an API. ANTHROPIC_BASE_URL must be the web \
                 address of the API or of your gateway, for example {ANTHROPIC_BASE}."
            ))
        }
        other if other.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) => {
            return Err(format!(
                "{other}: is not an address the API answers on. The base URL must start with https:// (http:// is \
                 allowed only for a gateway on this computer: localhost, 127.0.0.1 or [::1])."
            ))
        }
        _ => return Err(explain_missing_scheme(input)),
    };

    let authority_end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let (authority, remainder) = rest.split_at(authority_end);
    if authority.contains('@') {
        return Err("The base URL contains a user name or password (the part before @). Remove it: the credential \
                    belongs in ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN, and a URL with a password in it ends up \
                    in logs and shell history. If that was a real password, change it."
            .to_string());
    }
    if authority.is_empty() {
        return Err(format!(
            "There is no host name after {scheme_lower}://. Example: {ANTHROPIC_BASE}."
        ));
    }
    let (host, port) = split_host_port(authority)?;

    if remainder.starts_with('\\') || remainder.contains('\\') {
        return Err(
            "The base URL contains a backslash (\\). URLs use forward slashes (/).".to_string(),
        );
    }
    if let Some(at) = remainder.find(['?', '#']) {
        let what = if remainder[at..].starts_with('?') {
            "a query (the part from ?)"
        } else {
            "a fragment (the part from #)"
        };
        return Err(format!(
            "The base URL has {what}. Claude Code appends /v1/messages to the base URL, so anything after ? or # \
             would land in the wrong place: remove it and keep only {scheme_lower}://{}{}.",
            authority.to_ascii_lowercase(),
            remainder[..at].trim_end_matches('/')
        ));
    }
    let path = normalize_path(remainder)?;

    let default_port = if https { 443 } else { 80 };
    let port = port.filter(|&p| p != default_port);
    if host == "api.anthropic.com" && (!path.is_empty() || port.is_some()) {
        return Err(format!(
            "api.anthropic.com takes no port or path prefix: use exactly {ANTHROPIC_BASE} (or leave \
             ANTHROPIC_BASE_URL unset, which means the same)."
        ));
    }
    if let Some((_, what)) = NOT_THE_API.iter().find(|(h, _)| *h == host) {
        return Err(format!(
            "{host} is {what}, not the API. The API's address is {ANTHROPIC_BASE} (the default: leaving \
             ANTHROPIC_BASE_URL unset means the same)."
        ));
    }
    if !https && !is_loopback_host(&host) {
        let port_text = port.map(|p| format!(":{p}")).unwrap_or_default();
        return Err(format!(
            "http:// sends the key unencrypted, so it is only allowed for a gateway on this computer (localhost, \
             127.0.0.1 or [::1]). Use https://{host}{port_text}{path}."
        ));
    }

    let origin = match port {
        Some(p) => format!("{}://{host}:{p}", if https { "https" } else { "http" }),
        None => format!("{}://{host}", if https { "https" } else { "http" }),
    };
    let origin_len = origin.len();
    Ok(BaseUrl {
        full: origin + &path,
        origin_len,
        https,
        host,
        port,
    })
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

/// A key or token pasted into the base URL field: never quoted back (the page must not echo credentials).
fn looks_like_a_credential(input: &str) -> bool {
    let t = input.trim();
    let lower = t.to_ascii_lowercase();
    lower.contains("sk-ant-")
        || (!t.contains("://")
            && !t.contains('.')
            && t.len() >= 20
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}

/// A URL fit to quote back to the person: without a `user:password@` part and without a query or fragment (either
/// may hold a secret).
fn redact_userinfo(url: &str) -> String {
    let url = url.split(['?', '#']).next().unwrap_or("");
    let start = url.find("://").map(|i| i + 3).unwrap_or(0);
    let authority_end = url[start..]
        .find('/')
        .map(|i| start + i)
        .unwrap_or(url.len());
    match url[start..authority_end].rfind('@') {
        Some(at) => format!("{}{}", &url[..start], &url[start + at + 1..]),
        None => url.to_string(),
    }
}

fn explain_missing_scheme(input: &str) -> String {
    let bare = input.trim_start_matches(':').trim_start_matches('/');
    if let Some(colon) = bare.find(':') {
        let before = &bare[..colon];
        let after = &bare[colon + 1..];
        let looks_like_port = after.chars().next().is_some_and(|c| c.is_ascii_digit());
        if !looks_like_port && !before.is_empty() && before.chars().all(|c| c.is_ascii_alphabetic())
        {
            let lower = before.to_ascii_lowercase();
            if lower == "http" || lower == "https" {
                return format!(
                    "The scheme needs two slashes: write {lower}://{}.",
                    redact_userinfo(after.trim_start_matches('/'))
                );
            }
            if lower == "file" {
                return format!(
                    "A file: URL points at a file on this computer, not at an API. Use the web address of the API \
                     or of your gateway, for example {ANTHROPIC_BASE}."
                );
            }
            return format!(
                "{lower}: is not an address the API answers on. The base URL must start with https:// (http:// only \
                 for a gateway on this computer)."
            );
        }
    }
    let host = bare
        .split(['/', ':', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let scheme = if is_loopback_host(&host) {
        "http://"
    } else {
        "https://"
    };
    format!(
        "The base URL needs a scheme at the start: {scheme}{}. Without it, the address is not a URL.",
        redact_userinfo(bare)
    )
}

fn split_host_port(authority: &str) -> Result<(String, Option<u16>), String> {
    let (host, port_text) = if let Some(inner) = authority.strip_prefix('[') {
        let Some(close) = inner.find(']') else {
            return Err(
                "The IPv6 address in the base URL is missing its closing bracket ].".to_string(),
            );
        };
        let address = &inner[..close];
        if address.is_empty()
            || !address
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Err("The IPv6 address in brackets is not valid.".to_string());
        }
        let after = &inner[close + 1..];
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return Err("Only a :port may follow the IPv6 address in brackets.".to_string()),
        };
        (format!("[{}]", address.to_ascii_lowercase()), port)
    } else {
        let mut parts = authority.splitn(2, ':');
        let host = parts.next().unwrap_or("");
        let port = parts.next();
        if port.is_some_and(|p| p.contains(':')) {
            return Err(
                "An IPv6 address must be written in brackets, for example http://[::1]:4000."
                    .to_string(),
            );
        }
        (host.to_ascii_lowercase(), port)
    };
    if !host.starts_with('[') {
        if host.is_empty() {
            return Err("The base URL has no host name before the port.".to_string());
        }
        let bad_label = host.split('.').any(|label| {
            label.is_empty()
                || label.len() > 63
                || label.starts_with('-')
                || label.ends_with('-')
                || !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        if bad_label || host.len() > 253 {
            return Err(format!(
                "{host} is not a valid host name: use letters, digits, dots and hyphens only, like api.anthropic.com."
            ));
        }
    }
    let port = match port_text {
        None => None,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 && !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) => Some(n),
            _ => {
                return Err(format!(
                    "The port {p:?} is not a number between 1 and 65535."
                ))
            }
        },
    };
    Ok((host, port))
}

/// `/a//b/` → `/a/b`; refuses characters that have no place in a gateway prefix and a `/v1…` that Claude Code adds.
fn normalize_path(raw: &str) -> Result<String, String> {
    if let Some(c) = raw.chars().find(|&c| !is_path_char(c)) {
        return Err(format!(
            "The base URL path contains {c:?}, which does not belong in an API address. Keep only the address and \
             its path prefix, for example https://gateway.example.com/anthropic."
        ));
    }
    let bytes = raw.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'%' {
            let ok = bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
            if !ok {
                return Err(
                    "The base URL path has a % that is not followed by two hex digits.".to_string(),
                );
            }
        }
    }
    let segments: Vec<&str> = raw.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return Err(
            "The base URL path contains . or .. segments: write the prefix out in full."
                .to_string(),
        );
    }
    if let Some(v1) = segments.iter().rposition(|s| s.eq_ignore_ascii_case("v1")) {
        let after: Vec<String> = segments[v1 + 1..]
            .iter()
            .map(|s| s.to_ascii_lowercase())
            .collect();
        let appended = match after.first().map(String::as_str) {
            None => true,
            Some("messages" | "models" | "complete" | "chat" | "completions") => true,
            Some(_) => false,
        };
        if appended {
            let keep = segments[..v1].join("/");
            let keep = if keep.is_empty() {
                String::new()
            } else {
                format!("/{keep}")
            };
            return Err(format!(
                "Remove /{} from the end: Claude Code appends /v1/messages (and the page /v1/models) to the base URL \
                 itself, so ANTHROPIC_BASE_URL must stop before /v1. With it, requests go to …/v1/v1/messages and \
                 fail. Keep the part before it{}.",
                segments[v1..].join("/"),
                if keep.is_empty() { String::new() } else { format!(" ({keep})") }
            ));
        }
    }
    if segments.is_empty() {
        Ok(String::new())
    } else {
        Ok(format!("/{}", segments.join("/")))
    }
}

/// What the live test asks: list models (free) or send a 1-token message (proves billing too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeKind {
    /// `GET /v1/models`: no tokens; proves the key and organization are live.
    Models,
    /// `POST /v1/messages` with `max_tokens: 1`: spends a few tokens; also surfaces credit and org problems.
    Messages { model: String },
}

impl ProbeKind {
    /// The API path the probe calls.
    pub fn path(&self) -> &'static str {
        match self {
            ProbeKind::Models => "/v1/models",
            ProbeKind::Messages { .. } => "/v1/messages",
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

const WHY_SUBSCRIPTION: &str = "Nothing was sent: this is a Claude subscription OAuth token (sk-ant-oat01-… or \
    sk-ant-ort01-…). This page never sends subscription credentials anywhere, to Anthropic or to a gateway: they are \
    only for Claude Code itself (Anthropic's terms forbid routing them through other tools). For a subscription, run \
    /login in Claude Code, or put a token from `claude setup-token` in CLAUDE_CODE_OAUTH_TOKEN, and keep it out of \
    ANTHROPIC_API_KEY and ANTHROPIC_AUTH_TOKEN. A refresh token (sk-ant-ort01-…) should never leave Claude Code's own \
    storage: if you copied it somewhere, log out and in again.";
const WHY_SESSION: &str = "Nothing was sent: this is a claude.ai session cookie (sk-ant-sid01-…), the login of your \
    browser, not an API credential. This page never sends it anywhere. Treat it as leaked if you pasted it into a \
    file or chat: log out of claude.ai to end that session. For the API, create a key at \
    https://platform.claude.com/settings/keys.";
const WHY_ADMIN: &str = "Nothing was sent: this is an Admin API key (sk-ant-admin01-…). It manages the organization \
    and cannot call /v1/models or /v1/messages, so Claude Code cannot use it either; it is also too powerful to hand \
    to a gateway. Create a regular API key at https://platform.claude.com/settings/keys.";
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

fn never_sent(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::OauthAccessToken | Kind::OauthRefreshToken => Some(WHY_SUBSCRIPTION),
        Kind::SessionCookie => Some(WHY_SESSION),
        Kind::AdminKey => Some(WHY_ADMIN),
        _ => None,
    }
}

// The contract returns the full `Outcome` (called once per click; size does not matter).
#[allow(clippy::result_large_err)]
fn anthropic_credential(report: &KeyReport, notes: &mut Vec<String>) -> Result<String, Outcome> {
    if let Some(why) = never_sent(report.kind) {
        return Err(Outcome::blocked(why));
    }
    match report.verdict {
        Verdict::Ok | Verdict::Fixable => match report.cleaned.as_deref().filter(|k| !k.is_empty())
        {
            Some(key) => {
                if report.verdict == Verdict::Fixable {
                    notes.push(NOTE_CLEANED.to_string());
                }
                Ok(key.to_string())
            }
            None => Err(Outcome::blocked(WHY_INVALID)),
        },
        Verdict::Empty => Err(Outcome::blocked(WHY_EMPTY)),
        Verdict::Invalid => Err(Outcome::blocked(WHY_INVALID)),
        Verdict::WrongCredential => Err(Outcome::blocked(match report.kind {
            Kind::OtherProvider => WHY_OTHER_PROVIDER,
            _ => WHY_WRONG,
        })),
    }
}

// The contract returns the full `Outcome` (called once per click; size does not matter).
#[allow(clippy::result_large_err)]
fn gateway_credential(report: &KeyReport, notes: &mut Vec<String>) -> Result<String, Outcome> {
    if let Some(why) = never_sent(report.kind) {
        return Err(Outcome::blocked(why));
    }
    if report.verdict == Verdict::Empty {
        return Err(Outcome::blocked(WHY_EMPTY));
    }
    match report.gateway_credential() {
        Ok(credential) if !credential.is_empty() => {
            if report.verdict == Verdict::Fixable {
                notes.push(NOTE_CLEANED.to_string());
            }
            notes.push(NOTE_GATEWAY.to_string());
            Ok(credential)
        }
        Ok(_) => Err(Outcome::blocked(WHY_EMPTY)),
        Err(reason) if reason.trim().is_empty() => Err(Outcome::blocked(WHY_NOT_HEADER_SAFE)),
        Err(reason) => Err(Outcome::blocked(format!("Nothing was sent: {reason}"))),
    }
}

/// Visible ASCII only, no spaces (what survives `fetch`'s ByteString rule and Claude Code's own header check), bounded.
fn header_safe(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 8192
        && value.bytes().all(|b| (0x21..0x7f).contains(&b))
        && value.trim() == value
}

/// Decides the request for a probe, or why nothing may be sent (an `Outcome` with code `blocked-by-policy`).
///
/// Against Anthropic (`base.is_anthropic()`) only a well-formed Console key (`report.cleaned`) goes out. Against a
/// gateway the noise-stripped [`KeyReport::gateway_credential`] does, unless it is a subscription OAuth token, a
/// session cookie or an Admin key, which are never sent anywhere.
// The contract returns the full `Outcome` (called once per click; size does not matter).
#[allow(clippy::result_large_err)]
pub fn plan(
    kind: &ProbeKind,
    base: &BaseUrl,
    scheme: AuthScheme,
    report: &KeyReport,
) -> Result<Plan, Outcome> {
    let mut notes = Vec::new();
    let credential = if base.is_anthropic() {
        anthropic_credential(report, &mut notes)?
    } else {
        gateway_credential(report, &mut notes)?
    };
    if !header_safe(&credential) {
        return Err(Outcome::blocked(WHY_NOT_HEADER_SAFE));
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
    let (method, body) = match kind {
        ProbeKind::Models => ("GET", None),
        ProbeKind::Messages { model } => {
            let model = model.trim();
            if model.is_empty() || model.len() > 256 || model.chars().any(char::is_control) {
                return Err(Outcome::blocked(WHY_NO_MODEL));
            }
            headers.push(("content-type", "application/json".to_string()));
            let body = format!(
                r#"{{"model":{},"max_tokens":1,"messages":[{{"role":"user","content":"."}}]}}"#,
                json::quote(model)
            );
            ("POST", Some(body))
        }
    };
    Ok(Plan {
        request: ProbeRequest {
            method,
            url: base.endpoint(kind.path()),
            headers,
            body,
        },
        notes,
    })
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

/// Seconds since 1970 of an RFC 3339 time (`2025-10-01T00:00:00Z`; offsets ignored), or of a number.
fn created_seconds(entry: &json::Value) -> Option<i64> {
    if let Some(n) = entry.get("created").and_then(json::Value::as_i64) {
        return Some(n);
    }
    let text = entry.get("created_at")?.as_str()?;
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(range)?;
        if s.chars().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let (hh, mm, ss) = (
        num(11..13).unwrap_or(0),
        num(14..16).unwrap_or(0),
        num(17..19).unwrap_or(0),
    );
    // Days from civil (H. Hinnant), proleptic Gregorian.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// From a `/v1/models` body (Anthropic's `{"data":[{"type":"model","id":…,"created_at":…}]}` or the OpenAI/LiteLLM
/// `{"object":"list","data":[{"id":…,"created":…}]}`), the cheapest-looking model: haiku, then sonnet, then any other
/// chat model, then opus; among equals the newest (`created_at`/`created`, then the highest version in the id).
pub fn smallest_model(models_json: &str) -> Option<String> {
    let value: json::Value = json::parse(models_json).ok()?;
    let data = match &value {
        json::Value::Array(items) => items,
        json::Value::Object(_) => value.get("data")?.as_array()?,
        _ => return None,
    };
    data.iter()
        .filter_map(|entry| {
            if entry
                .get("type")
                .and_then(|t| t.as_str())
                .is_some_and(|t| t != "model")
            {
                return None;
            }
            let id = entry.get("id")?.as_str()?.trim();
            if id.is_empty()
                || id.len() > 256
                || id.chars().any(|c| c.is_control() || c.is_whitespace())
            {
                return None;
            }
            Some((model_tier(id), created_seconds(entry), version_key(id), id))
        })
        .min_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| b.1.cmp(&a.1))
                .then_with(|| b.2.cmp(&a.2))
                .then_with(|| a.3.cmp(b.3))
        })
        .map(|(_, _, _, id)| id.to_string())
}

/// The environment variable Claude Code reads for a scheme (claude-auth-facts.md §6).
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
