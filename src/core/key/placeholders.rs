//! Placeholders: text that stands where a key should be (a `$VAR` reference, a template, `your-key-here`, a
//! 1Password reference, a variable's name, filler such as `xxxx`), and why each one is a placeholder.

use super::chars::{is_mask_char, is_quote, is_ws, strip_prefix_ci};
use super::noise::env_like;

/// Why a text is a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub(super) enum Why {
    /// A `$NAME` / `${NAME}` / `%NAME%` / `$env:NAME` reference; the name and the syntax's shell.
    VarRef(String, &'static str),
    Template,
    CommandSubst,
    OnePassword,
    VarName(String),
    PrefixOnly,
    Filler,
    Dummy,
    ProxyManaged,
}

fn var_name(s: &str) -> Option<String> {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    let name = s.get(..end)?;
    (!name.is_empty() && name.len() <= 64 && !name.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| name.to_string())
}

/// Words that make a short text a template ("sk-ant-your-key-here", "YOUR_KEY_HERE").
const PLACEHOLDER_WORDS: &[&str] = &[
    "your",
    "here",
    "placeholder",
    "example",
    "changeme",
    "change-me",
    "change_me",
    "replace",
    "insert",
    "redacted",
    "dummy",
    "fake",
    "sample",
    "todo",
    "fixme",
    "paste",
    "not-needed",
    "not_needed",
    "notneeded",
    "xxx",
];

/// Weaker words, checked after variable names ("ANTHROPIC_API_KEY" is a name, "my-api-key" a template).
const PLACEHOLDER_WEAK: &[&str] = &[
    "my-key",
    "my_key",
    "mykey",
    "api-key",
    "api_key",
    "apikey",
    "secret-key",
    "secret_key",
];

const PLACEHOLDER_EXACT: &[&str] = &[
    "...",
    "..",
    "…",
    "null",
    "none",
    "nil",
    "undefined",
    "empty",
    "test",
    "testing",
    "secret",
    "token",
    "key",
    "password",
    "n/a",
    "na",
    "tbd",
    "foo",
    "bar",
    "abc",
    "123",
    "1234",
    "12345",
    "123456",
    "sk",
    "sk-",
    "sk-ant",
    "sk-ant-",
    "sk-...",
    "sk-ant-...",
    "hidden",
    "unset",
    "false",
    "true",
    "0",
    "-",
    "dummy",
    "anthropic",
];

pub(super) fn placeholder_reason(s: &str) -> Option<Why> {
    let s = s.trim_matches(|c: char| is_ws(c) || is_quote(c));
    if s.is_empty() || s.len() > 256 {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("${{") || lower.starts_with("{{") {
        return Some(Why::Template);
    }
    if lower.starts_with("$(") || (lower.starts_with('`') && lower.len() > 2) {
        return Some(Why::CommandSubst);
    }
    if lower.starts_with("op://") {
        return Some(Why::OnePassword);
    }
    if let Some(rest) = strip_prefix_ci(s, "$env:") {
        return var_name(rest).map(|n| Why::VarRef(n, "PowerShell"));
    }
    if let Some(rest) = s.strip_prefix("${") {
        return Some(Why::VarRef(var_name(rest).unwrap_or_default(), "shell"));
    }
    if let Some(rest) = s.strip_prefix('$') {
        if let Some(n) = var_name(rest) {
            return Some(Why::VarRef(n, "shell"));
        }
    }
    if let Some(rest) = s.strip_prefix('%') {
        if let Some(n) = var_name(rest) {
            if rest.get(n.len()..).is_some_and(|t| t.starts_with('%')) {
                return Some(Why::VarRef(n, "Windows cmd"));
            }
        }
    }
    if (s.starts_with('<') && s.ends_with('>')) || (s.starts_with('[') && s.ends_with(']')) {
        return Some(Why::Template);
    }
    if lower.contains("proxy-managed") || lower.contains("proxy_managed") {
        return Some(Why::ProxyManaged);
    }
    if s.len() <= 80 && PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w)) {
        return Some(Why::Template);
    }
    let dotted_last = s.rsplit('.').next().unwrap_or(s);
    if env_like(dotted_last)
        && ["KEY", "TOKEN", "SECRET", "API", "ANTHROPIC", "CLAUDE"]
            .iter()
            .any(|w| dotted_last.contains(w))
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    {
        return Some(Why::VarName(dotted_last.to_string()));
    }
    if PLACEHOLDER_EXACT.contains(&lower.as_str()) {
        return Some(if lower.starts_with("sk") {
            Why::PrefixOnly
        } else {
            Why::Dummy
        });
    }
    if s.len() <= 80 && PLACEHOLDER_WEAK.iter().any(|w| lower.contains(w)) {
        return Some(Why::Template);
    }
    if s.chars().count() >= 3 && is_filler(s) {
        return Some(Why::Filler);
    }
    if s.contains(['<', '>', '{', '}']) {
        return Some(Why::Template);
    }
    None
}

/// Whether a body is only filler: masking characters, x's, zeros, or one character repeated.
pub(super) fn is_filler(body: &str) -> bool {
    let mut chars = body.chars().filter(|&c| c != '-' && c != '_');
    let Some(first) = chars.next() else {
        return true;
    };
    let mut all_same = true;
    let mut all_fill = true;
    let mut n = 1;
    for c in chars {
        n += 1;
        all_same &= c == first;
        all_fill &= matches!(c, 'x' | 'X' | '0' | '.' | '#') || is_mask_char(c);
    }
    all_fill &= matches!(first, 'x' | 'X' | '0' | '.' | '#') || is_mask_char(first);
    all_fill || (all_same && n >= 3)
}
