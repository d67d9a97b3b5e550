//! Reading pasted text: JSON escapes resolved, decorations and spacing folded (the form message fragments are
//! written in), the HTTP status and request id it names, the API's own message inside it, and whether what follows
//! a 401 or 403 is a gateway's words rather than Anthropic's. Linear in the input, panic-free.

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
    "\"type\":\"conflict_error\"",
    "\"type\":\"request_too_large\"",
];

/// Words Claude Code adds around an API error; what is left after them is the server's text.
const CLAUDE_CODE_WORDS: &[&str] = &[
    "please run /login",
    "run /login",
    "failed to authenticate",
    "api error",
];

/// A 401/403 followed by text that is neither Anthropic's error shape nor Claude Code's own words.
pub fn gateway_shaped(lower: &str, found: Option<(u16, usize)>) -> bool {
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
    // Any letter or digit; every character outside ASCII counts as one (a gateway's words in another script), as
    // `normalize` already folded the decorations Claude Code draws. (Unicode's own tables would add to the
    // WebAssembly for no better answer.)
    rest.chars()
        .any(|c| c.is_ascii_alphanumeric() || !c.is_ascii())
}

/// Resolves JSON string escapes (`\"`, `\n`, `\\`, `\/`, `\uXXXX`); anything else is kept as is.
pub fn unescape(text: &str) -> String {
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
pub fn normalize(text: &str) -> String {
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
        // ASCII case folding is enough: no message pattern has a letter outside ASCII (a test checks it), and full
        // Unicode lowercasing would add its 12 KB case table to the WebAssembly.
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Words after which an HTTP status appears, strongest first.
const STATUS_PREFIXES: &[&str] = &[
    "api error",
    "request rejected",
    "status code",
    "status",
    "http error",
    "http/1.1",
    "http/2",
    "http",
    "error",
];

/// The HTTP status named in normalized text, and the byte offset just after it.
pub fn status_in(lower: &str) -> Option<(u16, usize)> {
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
pub fn request_id(text: &str) -> Option<String> {
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
pub fn api_message(text: &str) -> Option<String> {
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
    fn message_fragments_need_only_ascii_case_folding() {
        // `normalize` folds ASCII case only: a fragment with a cased letter outside ASCII would never match.
        for message in crate::core::knowledge::MESSAGES {
            for fragment in message.fragments {
                assert!(
                    fragment.chars().all(|c| c.is_ascii() || !c.is_alphabetic()),
                    "{fragment:?} has a letter outside ASCII"
                );
                assert_eq!(
                    normalize(fragment),
                    *fragment,
                    "{fragment:?} is not normalized"
                );
            }
        }
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
        assert_eq!(
            status_in(&normalize("API Error: Request rejected (429) · x")).map(|s| s.0),
            Some(429)
        );
        assert_eq!(status_in(&normalize("Error 1020")), None);
        assert_eq!(status_in(&normalize("https://x")), None);
    }
}
