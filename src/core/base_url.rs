//! `ANTHROPIC_BASE_URL`: what a person typed, checked and normalized into a [`BaseUrl`], with a plain explanation
//! of every mistake (a missing scheme, quotes, a `/v1` that Claude Code appends itself, a web site instead of the API,
//! plain `http://` to anything but this computer). Sources: Claude Code docs, "LLM gateway configuration" and
//! "Environment variables" (`ANTHROPIC_BASE_URL`), code.claude.com/docs/en/llm-gateway.

/// The API Claude Code talks to when `ANTHROPIC_BASE_URL` is unset.
pub const ANTHROPIC_BASE: &str = "https://api.anthropic.com";

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
