//! Values as pasted: decoding each syntax's quoting (POSIX shells, fish, PowerShell, `.env`), and recognising what
//! is not a value but a masked copy of one (`…Xy1A`, `sk-ant-api03-...Xy1A`, `(108 chars)`, `****`).
//!
//! A decoded full value is a secret: it lives in [`Raw::Full`] only while the analysis runs, and its `Debug` shows
//! nothing of it.

use std::fmt;

use crate::core::codes::{FindingCode, Kind};

/// How many following lines a quoted value may continue over (a line break inside quotes).
const MAX_CONTINUATION_LINES: usize = 4;

/// A value as the text shows it.
#[derive(Clone, PartialEq, Eq)]
pub(super) enum Raw {
    /// The whole value: a secret.
    Full(String),
    /// A masked copy: present, not shown.
    Masked(Masked),
    /// Set to the empty string.
    Empty,
    /// Computed when the shell runs (`$(…)`, `$OTHER`, `%OTHER%`): present, not known.
    Computed,
}

impl fmt::Debug for Raw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Raw::Full(v) => write!(f, "Full({} chars)", v.chars().count()),
            Raw::Masked(m) => write!(f, "{m:?}"),
            Raw::Empty => f.write_str("Empty"),
            Raw::Computed => f.write_str("Computed"),
        }
    }
}

/// What a masked copy still tells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Masked {
    /// A known, displayable prefix such as `sk-ant-api03-`.
    pub prefix: Option<String>,
    /// Up to 4 last characters.
    pub last4: Option<String>,
    /// The full value's length, when shown.
    pub length: Option<usize>,
    /// Problems the tool that masked it reported (the pre-flight report's `; line-break` and the like).
    pub problems: Vec<FindingCode>,
}

impl Masked {
    /// The kind a prefix announces (`sk-ant-oat01-` is an OAuth access token), if it is a known one.
    pub fn kind(&self) -> Option<Kind> {
        prefix_kind(self.prefix.as_deref()?)
    }

    /// `prefix…last4` (or `…last4`), or `None` when neither is known.
    pub fn redacted(&self) -> Option<String> {
        if self.prefix.is_none() && self.last4.is_none() {
            return None;
        }
        Some(format!(
            "{}…{}",
            self.prefix.as_deref().unwrap_or(""),
            self.last4.as_deref().unwrap_or("")
        ))
    }
}

/// The kinds announced by Anthropic's prefixes, for masked copies (a full value goes through the key check).
const PREFIX_KINDS: &[(&str, Kind)] = &[
    ("sk-ant-api03-", Kind::ApiKey),
    ("sk-ant-admin01-", Kind::AdminKey),
    ("sk-ant-oat01-", Kind::OauthAccessToken),
    ("sk-ant-ort01-", Kind::OauthRefreshToken),
    ("sk-ant-sid01-", Kind::SessionCookie),
];

fn prefix_kind(prefix: &str) -> Option<Kind> {
    PREFIX_KINDS
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, k)| *k)
        .or_else(|| {
            prefix
                .starts_with("sk-ant-")
                .then_some(Kind::AnthropicUnknown)
        })
}

/// The known prefix a text starts with: `sk-` + up to two short lowercase/digit tags, each ending in `-`
/// (`sk-ant-api03-`, `sk-proj-`). Never more than 16 characters, so no secret part is taken.
pub(super) fn known_prefix(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("sk-")?;
    let mut end = 3;
    for _ in 0..2 {
        let tail = text.get(end..)?;
        let tag_len = tail
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            .count();
        if tag_len == 0 || tag_len > 8 || tail.as_bytes().get(tag_len) != Some(&b'-') {
            break;
        }
        end += tag_len + 1;
    }
    let _ = rest;
    (end > 3 && end <= 16).then(|| &text[..end])
}

/// Words that stand for a hidden value.
const HIDDEN_WORDS: &[&str] = &[
    "<redacted>",
    "[redacted]",
    "redacted",
    "<hidden>",
    "[hidden]",
    "hidden",
];

/// Parses `(108 chars)` / `(108 chars; line-break, quotes)` / `(108 characters)` at the end of a text.
fn length_note(text: &str) -> Option<(&str, usize, Vec<FindingCode>)> {
    let t = text.trim_end();
    let inner_start = t.strip_suffix(')')?.rfind('(')?;
    let inner = &t[inner_start + 1..t.len() - 1];
    let (count, problems) = match inner.split_once(';') {
        Some((c, p)) => (c, p),
        None => (inner, ""),
    };
    let mut words = count.split_whitespace();
    let n: usize = words.next()?.parse().ok()?;
    if !matches!(words.next()?, "chars" | "char" | "characters" | "character")
        || words.next().is_some()
    {
        return None;
    }
    let problems = problems
        .split(',')
        .filter_map(|p| FindingCode::from_code(p.trim()))
        .collect();
    Some((t[..inner_start].trim_end(), n, problems))
}

/// Recognises a masked copy. `None` for anything else (a full value, even a damaged one).
pub(super) fn masked(text: &str) -> Option<Masked> {
    let t = text.trim();
    let (body, length, problems) = match length_note(t) {
        Some((body, n, problems)) => (body, Some(n), problems),
        None => (t, None, Vec::new()),
    };
    let lower = body.to_ascii_lowercase();
    if body.is_empty() || HIDDEN_WORDS.contains(&lower.as_str()) {
        return length
            .map(|length| Masked {
                length: Some(length),
                problems: problems.clone(),
                ..Masked::default()
            })
            .or_else(|| (!body.is_empty()).then(Masked::default));
    }
    let stars = body
        .chars()
        .filter(|c| matches!(c, '*' | '•' | '●'))
        .count();
    if stars >= 3
        && body.chars().all(|c| {
            matches!(c, '*' | '•' | '●') || c.is_ascii_alphanumeric() || c == '-' || c == '_'
        })
    {
        let last: String = body
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        return Some(Masked {
            prefix: known_prefix(body).map(str::to_string),
            last4: (!last.is_empty() && last.len() <= 4).then(|| last.chars().rev().collect()),
            length,
            problems,
        });
    }
    let (left, right) = match (body.find('…'), body.find("...")) {
        (Some(i), Some(j)) if j < i => (&body[..j], &body[j + 3..]),
        (Some(i), _) => (&body[..i], &body[i + '…'.len_utf8()..]),
        (None, Some(j)) => (&body[..j], &body[j + 3..]),
        (None, None) => return None,
    };
    let right = right.trim_start_matches(['.', '…']);
    // The part after the ellipsis is the end of the value: keep at most its last 4 characters, and only when
    // the whole part is that short (a long tail would be the value itself, not a mask).
    if right.chars().count() > 24 || right.contains(char::is_whitespace) {
        return None;
    }
    let last4: String = {
        let n = right.chars().count();
        right.chars().skip(n.saturating_sub(4)).collect()
    };
    Some(Masked {
        prefix: known_prefix(left).map(str::to_string),
        last4: (!last4.is_empty()).then_some(last4),
        length,
        problems,
    })
}

/// Classifies a decoded value. A pair of quotes around nothing (`""`, as some listings print an empty value) is
/// empty.
pub(super) fn classify(value: String) -> Raw {
    if value.is_empty() || value == "\"\"" || value == "''" {
        Raw::Empty
    } else if let Some(m) = masked(&value) {
        Raw::Masked(m)
    } else {
        Raw::Full(value)
    }
}

/// The result of decoding one quoted word.
pub(super) struct Word {
    pub value: String,
    /// Expanded when the shell runs: the value is not known.
    pub computed: bool,
    /// Following lines the value continued over.
    pub extra_lines: usize,
}

impl Word {
    pub(super) fn into_raw(self) -> Raw {
        if self.computed {
            Raw::Computed
        } else {
            classify(self.value)
        }
    }
}

/// The text after `start` on this line and the next few, for quotes that run over a line break.
fn joined<'a>(first: &'a str, next: &[&'a str]) -> Vec<&'a str> {
    let mut parts = vec![first];
    parts.extend(next.iter().take(MAX_CONTINUATION_LINES).copied());
    parts
}

/// Decodes a POSIX shell word (bash, zsh, dash; `export -p`, `declare -x`, profile lines): `'…'`, `"…"`,
/// `$'…'`, backslashes; it ends at unquoted whitespace, `;`, `&`, `|` or `#` at its start. `$…` and backticks
/// outside single quotes make it computed.
pub(super) fn shell_word(first: &str, next: &[&str]) -> Word {
    let parts = joined(first, next);
    let mut out = String::new();
    let mut computed = false;
    let mut line = 0;
    let mut chars = parts[0].chars().peekable();
    #[derive(PartialEq)]
    enum Q {
        None,
        Single,
        Double,
        AnsiC,
    }
    let mut q = Q::None;
    let mut started = false;
    loop {
        let Some(c) = chars.next() else {
            if q != Q::None && line + 1 < parts.len() {
                line += 1;
                out.push('\n');
                chars = parts[line].chars().peekable();
                continue;
            }
            break;
        };
        match q {
            Q::None => match c {
                c if c.is_whitespace() || matches!(c, ';' | '&' | '|') => {
                    if started || !c.is_whitespace() {
                        break;
                    }
                }
                '#' if !started => break,
                '\'' => q = Q::Single,
                '"' => q = Q::Double,
                '$' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    q = Q::AnsiC;
                }
                '$' | '`' => {
                    computed = true;
                    out.push(c);
                }
                '\\' => {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                _ => out.push(c),
            },
            Q::Single => {
                if c == '\'' {
                    q = Q::None;
                } else {
                    out.push(c);
                }
            }
            Q::Double => match c {
                '"' => q = Q::None,
                '\\' => match chars.peek() {
                    Some(&n) if matches!(n, '"' | '\\' | '$' | '`') => {
                        chars.next();
                        out.push(n);
                    }
                    _ => out.push('\\'),
                },
                '$' | '`' => {
                    computed = true;
                    out.push(c);
                }
                _ => out.push(c),
            },
            Q::AnsiC => match c {
                '\'' => q = Q::None,
                '\\' => out.push(match chars.next() {
                    Some('n') => '\n',
                    Some('t') => '\t',
                    Some('r') => '\r',
                    Some('e' | 'E') => '\u{1b}',
                    Some('0') => '\0',
                    Some(other) => other,
                    None => '\\',
                }),
                _ => out.push(c),
            },
        }
        started = true;
    }
    Word {
        value: out,
        computed,
        extra_lines: line,
    }
}

/// Decodes a fish word (`set -x` output, `set -gx` lines): `'…'` (with `\'` and `\\`), `"…"`, and unquoted
/// backslash escapes (`\n` is a line break). `$…` outside single quotes makes it computed. Several words (a list)
/// are joined with spaces.
pub(super) fn fish_words(text: &str) -> Word {
    let mut out = String::new();
    let mut computed = false;
    let mut chars = text.trim().chars().peekable();
    let mut q: Option<char> = None;
    while let Some(c) = chars.next() {
        match (q, c) {
            (None, '\'' | '"') => q = Some(c),
            (Some(open), c) if c == open => q = None,
            (Some('\''), '\\') => match chars.peek() {
                Some(&n) if matches!(n, '\'' | '\\') => {
                    chars.next();
                    out.push(n);
                }
                _ => out.push('\\'),
            },
            (Some('"'), '\\') => match chars.peek() {
                Some(&n) if matches!(n, '"' | '\\' | '$') => {
                    chars.next();
                    out.push(n);
                }
                _ => out.push('\\'),
            },
            (None, '\\') => out.push(match chars.next() {
                Some('n') => '\n',
                Some('t') => '\t',
                Some('r') => '\r',
                Some(other) => other,
                None => '\\',
            }),
            (None | Some('"'), '$') => {
                computed = true;
                out.push(c);
            }
            (None, '#') if out.is_empty() || out.ends_with(' ') => break,
            (None, c) if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            _ => out.push(c),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    Word {
        value: out,
        computed,
        extra_lines: 0,
    }
}

/// Decodes a PowerShell string (`$env:NAME = "…"` in a profile): `'…'` (`''` is a quote), `"…"` (backtick
/// escapes; `$…` makes it computed), or a bare word.
pub(super) fn powershell_string(text: &str) -> Word {
    let t = text.trim();
    let mut out = String::new();
    let mut computed = false;
    let mut chars = t.chars().peekable();
    match chars.next() {
        Some('\'') => {
            while let Some(c) = chars.next() {
                if c == '\'' {
                    if chars.peek() == Some(&'\'') {
                        chars.next();
                        out.push('\'');
                    } else {
                        break;
                    }
                } else {
                    out.push(c);
                }
            }
        }
        Some('"') => {
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '`' => out.push(match chars.next() {
                        Some('n') => '\n',
                        Some('t') => '\t',
                        Some('r') => '\r',
                        Some(other) => other,
                        None => '`',
                    }),
                    '$' => {
                        computed = true;
                        out.push(c);
                    }
                    _ => out.push(c),
                }
            }
        }
        Some('$') => computed = true,
        Some(c) => {
            out.push(c);
            out.extend(chars.take_while(|c| !c.is_whitespace() && *c != ';'));
        }
        None => {}
    }
    Word {
        value: out,
        computed,
        extra_lines: 0,
    }
}

/// Decodes a `.env` value: quoted like a shell word, or the rest of the line without a ` #` comment.
pub(super) fn dotenv_value(first: &str, next: &[&str]) -> Word {
    let t = first.trim_start();
    if t.starts_with(['"', '\'']) {
        return shell_word(t, next);
    }
    let value = match t.find(" #") {
        Some(i) => &t[..i],
        None => t,
    };
    let value = value.trim();
    Word {
        computed: value.contains("${") || value.starts_with('$'),
        value: value.to_string(),
        extra_lines: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> (String, bool) {
        let w = shell_word(text, &[]);
        (w.value, w.computed)
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(word("abc def"), ("abc".into(), false));
        assert_eq!(word("'a b'c"), ("a bc".into(), false));
        assert_eq!(word(r#""a\"b" x"#), ("a\"b".into(), false));
        assert_eq!(word(r"$'a\nb'"), ("a\nb".into(), false));
        assert_eq!(word(r"a\ b"), ("a b".into(), false));
        assert_eq!(word("v; echo"), ("v".into(), false));
        assert_eq!(word("v # comment"), ("v".into(), false));
        assert!(word("\"$(op read x)\"").1);
        assert!(word("$OTHER").1);
        assert_eq!(word("'$literal'"), ("$literal".into(), false));
        let w = shell_word("'line1", &["line2'", "unrelated"]);
        assert_eq!((w.value.as_str(), w.extra_lines), ("line1\nline2", 1));
    }

    #[test]
    fn fish_and_powershell_quoting() {
        assert_eq!(fish_words(r"line1\nline2").value, "line1\nline2");
        assert_eq!(fish_words(r"a\'b").value, "a'b");
        assert_eq!(fish_words("'a b'").value, "a b");
        assert_eq!(fish_words("x y  z").value, "x y z");
        assert!(fish_words("\"$KEY\"").computed);
        assert_eq!(powershell_string("'it''s'").value, "it's");
        assert_eq!(powershell_string("\"a`tb\"").value, "a\tb");
        assert!(powershell_string("\"$x\"").computed);
        assert!(powershell_string("$env:OTHER").computed);
        assert_eq!(dotenv_value("abc # note", &[]).value, "abc");
        assert_eq!(dotenv_value("\"a b\"", &[]).value, "a b");
    }

    #[test]
    fn masked_forms() {
        let m = masked("sk-ant-api03-...Xy1A (108 chars)").unwrap();
        assert_eq!(m.prefix.as_deref(), Some("sk-ant-api03-"));
        assert_eq!(m.last4.as_deref(), Some("Xy1A"));
        assert_eq!(m.length, Some(108));
        assert_eq!(m.kind(), Some(Kind::ApiKey));
        assert_eq!(m.redacted().as_deref(), Some("sk-ant-api03-…Xy1A"));
        let m = masked("…Xy1A").unwrap();
        assert_eq!((m.prefix, m.last4.as_deref()), (None, Some("Xy1A")));
        let m = masked("(40 chars; line-break, quotes)").unwrap();
        assert_eq!(m.length, Some(40));
        assert_eq!(m.problems, [FindingCode::LineBreak, FindingCode::Quotes]);
        assert!(masked("****").is_some());
        assert!(masked("sk-ant-oat01-****abcd").unwrap().kind() == Some(Kind::OauthAccessToken));
        assert!(masked("<redacted>").is_some());
        // PowerShell's table cuts long values: only the known prefix is kept.
        let m = masked("sk-ant-api03-Q7bZx2Lm9Kp4R...").unwrap();
        assert_eq!(
            (m.prefix.as_deref(), m.last4),
            (Some("sk-ant-api03-"), None)
        );
        // Full values, even damaged ones, are not masks.
        assert!(masked("sk-ant-api03-Q7bZx2Lm9Kp4Rt8W").is_none());
        assert!(masked("see the docs... for more").is_none());
        assert!(masked("").is_none());
    }

    #[test]
    fn known_prefixes_never_take_a_secret_part() {
        assert_eq!(known_prefix("sk-ant-api03-AbCd"), Some("sk-ant-api03-"));
        assert_eq!(known_prefix("sk-proj-abc"), Some("sk-proj-"));
        assert_eq!(known_prefix("sk-abcdefghijklmnop"), None);
        assert_eq!(known_prefix("pk-ant-"), None);
    }
}
