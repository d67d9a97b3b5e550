//! The removable noise around a key: what was seen ([`Noise`]) and how it is stripped. Invisible characters and
//! terminal escapes go everywhere; around the value, layer by layer, go blanks and line breaks, quotes, Markdown
//! fences, JSON braces, variable assignments (`export NAME=`, `$env:NAME =`, `NAME: value`, …), labels, header
//! names (`x-api-key:`, `Authorization: Bearer`) and shell prompts.

use super::chars::{
    find_ci, invisible, is_line_break, is_quote, is_ws, starts_with_ci, strip_prefix_ci,
};
use super::classify::{classify, starts_like_credential};
use crate::core::providers;

/// Bound on the noise-stripping loop (each round removes at least one layer).
const MAX_ROUNDS: usize = 32;

#[derive(Default)]
pub(super) struct WsSeen {
    pub(super) spaces: bool,
    pub(super) tabs: bool,
    pub(super) lf: bool,
    pub(super) crlf: bool,
    pub(super) cr: bool,
    pub(super) nbsp: bool,
    pub(super) other: bool,
    pub(super) escape: bool,
}

impl WsSeen {
    pub(super) fn any(&self) -> bool {
        self.spaces
            || self.tabs
            || self.lf
            || self.crlf
            || self.cr
            || self.nbsp
            || self.other
            || self.escape
    }

    fn note(&mut self, removed: &str) {
        let mut prev_cr = false;
        for c in removed.chars() {
            match c {
                ' ' => self.spaces = true,
                '\t' => self.tabs = true,
                '\n' if prev_cr => self.crlf = true,
                '\n' => self.lf = true,
                '\r' => {}
                '\u{a0}' => self.nbsp = true,
                _ => self.other = true,
            }
            if prev_cr && c != '\n' {
                self.cr = true;
            }
            prev_cr = c == '\r';
        }
        if prev_cr {
            self.cr = true;
        }
    }
}

#[derive(Default)]
pub(super) struct QuotesSeen {
    pub(super) straight: bool,
    pub(super) backtick: bool,
    pub(super) curly: bool,
    pub(super) guillemets: bool,
    pub(super) fence: bool,
    pub(super) reply: bool,
    pub(super) angle: bool,
}

impl QuotesSeen {
    pub(super) fn any(&self) -> bool {
        self.straight
            || self.backtick
            || self.curly
            || self.guillemets
            || self.fence
            || self.reply
            || self.angle
    }

    fn note(&mut self, c: char) {
        match c {
            '"' | '\'' | '\u{ff02}' | '\u{ff07}' => self.straight = true,
            '`' => self.backtick = true,
            '\u{ab}' | '\u{bb}' | '\u{2039}' | '\u{203a}' => self.guillemets = true,
            _ => self.curly = true,
        }
    }
}

#[derive(Default)]
pub(super) struct Noise {
    pub(super) ws: WsSeen,
    pub(super) invisible: [usize; 5],
    pub(super) ansi: usize,
    pub(super) line_breaks: usize,
    pub(super) quotes: QuotesSeen,
    /// Innermost variable name (safe to show) and the style of the assignment.
    pub(super) assign: Option<(Option<String>, &'static str)>,
    pub(super) json: bool,
    pub(super) comment: bool,
    pub(super) command: bool,
    pub(super) prompt: bool,
    pub(super) trailing_punct: bool,
    pub(super) header: Option<&'static str>,
    pub(super) duplicated: usize,
}

impl Noise {
    pub(super) fn invisible_count(&self) -> usize {
        self.invisible.iter().sum::<usize>() + self.ansi
    }
}

/// Removes invisible characters and terminal escape sequences everywhere. Linear.
pub(super) fn strip_invisibles(input: &str, noise: &mut Noise) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            noise.ansi += 1;
            if chars.peek() == Some(&'[') {
                chars.next();
                while let Some(&d) = chars.peek() {
                    if ('\u{20}'..='\u{3f}').contains(&d) {
                        chars.next();
                    } else {
                        if ('\u{40}'..='\u{7e}').contains(&d) {
                            chars.next();
                        }
                        break;
                    }
                }
            }
            continue;
        }
        match invisible(c) {
            Some(kind) => noise.invisible[kind as usize] += 1,
            None => out.push(c),
        }
    }
    out
}

pub(super) fn trim_ws_noting<'a>(s: &'a str, ws: &mut WsSeen) -> &'a str {
    let t = s.trim_matches(is_ws);
    if t.len() != s.len() {
        let start = s.len() - s.trim_start_matches(is_ws).len();
        ws.note(s.get(..start).unwrap_or(""));
        ws.note(s.get(start + t.len()..).unwrap_or(""));
    }
    t
}

// ---------------------------------------------------------------------------------------------------------
// Noise stripping
// ---------------------------------------------------------------------------------------------------------

/// `- ` list items, shell keywords, PowerShell and Dockerfile forms before `NAME`. The flag says whether the
/// name and value may be separated by blanks alone.
const ASSIGN_KEYWORDS: &[(&str, &str, bool)] = &[
    ("export ", "a shell export line", false),
    ("declare -x ", "a shell declare line", false),
    ("typeset -x ", "a shell typeset line", false),
    ("set -gx ", "a fish set line", true),
    ("set -Ux ", "a fish set line", true),
    ("set -Ugx ", "a fish set line", true),
    ("set -x ", "a fish set line", true),
    ("set -g ", "a fish set line", true),
    ("set -U ", "a fish set line", true),
    ("setx ", "a Windows setx command", true),
    ("set ", "a Windows set command", false),
    ("$env:", "a PowerShell $env: assignment", false),
    ("env ", "an env command", false),
    ("ENV ", "a Dockerfile ENV line", true),
    ("const ", "a line of code", false),
    ("let ", "a line of code", false),
    ("var ", "a line of code", false),
    ("--env=", "a docker --env flag", false),
    ("--env ", "a docker --env flag", false),
    ("-e ", "a docker -e flag", false),
];

pub(super) fn env_like(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && name.chars().any(|c| c.is_ascii_uppercase())
}

/// `NAME=value`, `export NAME=value`, `$env:NAME = "value"`, `set -x NAME value`, `NAME: value`,
/// `"NAME": "value"`, … Returns the value and (safe-to-show name, style).
pub(super) fn strip_assignment(s: &str) -> Option<(&str, Option<String>, &'static str)> {
    let mut p = s;
    let mut style: Option<&'static str> = None;
    let mut blank_sep = false;
    if let Some(t) = p.strip_prefix("- ") {
        p = t.trim_start_matches([' ', '\t']);
        style = Some("a YAML list item");
    }
    for &(kw, st, blank) in ASSIGN_KEYWORDS {
        let hit = if kw.starts_with('$') || kw.starts_with("set") {
            strip_prefix_ci(p, kw)
        } else {
            p.strip_prefix(kw)
        };
        if let Some(t) = hit {
            p = t.trim_start_matches([' ', '\t']);
            style = Some(st);
            blank_sep = blank;
            break;
        }
    }
    let quote = p.chars().next().filter(|&c| is_quote(c));
    if let Some(q) = quote {
        p = p.get(q.len_utf8()..)?;
    }
    let name_len = p
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_alphanumeric() || c == '_' || (c == '.' && i > 0)))
        .map_or(p.len(), |(i, _)| i);
    let mut name = p.get(..name_len)?;
    if name.is_empty() || name.len() > 128 || name.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    p = p.get(name_len..)?;
    // os.environ["NAME"] = …, ENV['NAME'] = …
    if let Some(t) = p.strip_prefix('[') {
        let t = t.trim_start_matches(is_quote);
        let inner_len = t
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(t.len());
        let inner = t.get(..inner_len)?;
        p = t
            .get(inner_len..)?
            .trim_start_matches(is_quote)
            .strip_prefix(']')?;
        if inner.is_empty() {
            return None;
        }
        name = inner;
        style = style.or(Some("a line of code"));
    }
    // The closing quote of a quoted name (its opening quote may already be gone with an outer layer).
    let quoted = quote.is_some() || p.starts_with(is_quote);
    if let Some(c) = p.chars().next().filter(|&c| is_quote(c)) {
        p = p.get(c.len_utf8()..)?;
    }
    let after_name = p.trim_start_matches([' ', '\t']);
    let had_blank = after_name.len() != p.len();
    let (value, sep) = if let Some(v) = after_name.strip_prefix(":=") {
        (v, '=')
    } else if let Some(v) = after_name.strip_prefix('=') {
        (v, '=')
    } else if let Some(v) = after_name.strip_prefix(':') {
        if v.starts_with("//") {
            return None;
        }
        (v, ':')
    } else if blank_sep && had_blank && !after_name.is_empty() {
        (after_name, ' ')
    } else {
        return None;
    };
    let value = value.trim_start_matches([' ', '\t']);
    // A credential that happens to be followed by "=" (base64 padding) is not a variable name.
    if style.is_none() && (name.len() > 64 || providers::identify(name).is_some()) {
        return None;
    }
    if value.is_empty() && !env_like(name) {
        return None;
    }
    let style = style.unwrap_or(match (sep, quoted) {
        (':', true) => "a JSON \"NAME\": value entry",
        (':', false) => "a YAML NAME: value line",
        _ => "a NAME=value line (.env file or shell)",
    });
    Some((value, shown_name(name), style))
}

/// A variable name safe to repeat in a finding: an upper-case environment name, or letters, `_` and `.` only
/// (never something that could be part of a credential).
fn shown_name(name: &str) -> Option<String> {
    let plain = name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '_' || c == '.');
    ((env_like(name) || plain) && providers::identify(name).is_none()).then(|| name.to_string())
}

/// `[Environment]::SetEnvironmentVariable("NAME", "value", "User")` (PowerShell).
fn strip_set_environment_variable(s: &str) -> Option<(&str, Option<String>)> {
    let rest = strip_prefix_ci(s, "[Environment]::SetEnvironmentVariable(")
        .or_else(|| strip_prefix_ci(s, "[System.Environment]::SetEnvironmentVariable("))?;
    let rest = rest.trim_start().trim_start_matches(is_quote);
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let name = rest.get(..name_len)?;
    let value = rest
        .get(name_len..)?
        .trim_start_matches(is_quote)
        .trim_start()
        .strip_prefix(',')?
        .trim_start();
    let end = value.find([',', ')']).unwrap_or(value.len());
    Some((value.get(..end)?.trim_end(), shown_name(name)))
}

/// `API key: value`, `Anthropic key - value`: a few words of label before the value.
fn strip_label(s: &str) -> Option<&str> {
    let colon = s.find(':')?;
    let label = s.get(..colon)?;
    let value = s.get(colon + 1..)?.trim_start_matches([' ', '\t']);
    let ok = (3..=40).contains(&label.len())
        && label.contains(' ')
        && label.starts_with(|c: char| c.is_ascii_alphabetic())
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '(' || c == ')')
        && !value.is_empty()
        && !value.starts_with("//");
    ok.then_some(value)
}

/// Header names and curl forms before the key.
pub(super) fn strip_header(s: &str) -> Option<(&str, &'static str)> {
    if starts_with_ci(s, "curl ") || starts_with_ci(s, "curl.exe ") {
        let at = [("x-api-key:", 10), ("authorization:", 14)]
            .iter()
            .filter_map(|&(h, n)| find_ci(s, h).map(|i| i + n))
            .min()?;
        let mut v = s.get(at..)?.trim_start_matches([' ', '\t']);
        if let Some(t) = strip_prefix_ci(v, "bearer ") {
            v = t.trim_start_matches(' ');
        }
        let end = v
            .find(|c: char| is_ws(c) || is_quote(c) || c == '\\')
            .unwrap_or(v.len());
        return Some((
            v.get(..end)?,
            "a curl command with an x-api-key or Authorization header",
        ));
    }
    for (flag, style) in [
        ("-H ", "a curl -H option"),
        ("--header ", "a curl --header option"),
        ("--header=", "a curl --header option"),
    ] {
        if let Some(t) = strip_prefix_ci(s, flag) {
            return Some((t.trim_start_matches([' ', '\t']), style));
        }
    }
    for (name, style) in [
        ("authorization:", "an Authorization: header"),
        ("proxy-authorization:", "a Proxy-Authorization: header"),
        ("x-api-key:", "an x-api-key: header"),
        ("api-key:", "an api-key: header"),
    ] {
        if let Some(t) = strip_prefix_ci(s, name) {
            let t = t.trim_start_matches([' ', '\t']);
            let t = strip_prefix_ci(t, "bearer ").map_or(t, |u| u.trim_start_matches(' '));
            return Some((t, style));
        }
    }
    for word in ["bearer ", "bearer\t", "bearer:"] {
        if let Some(t) = strip_prefix_ci(s, word) {
            return Some((
                t.trim_start_matches([' ', '\t']),
                "the word Bearer (the Authorization header scheme)",
            ));
        }
    }
    None
}

/// One round-trip of removable layers, repeated until nothing changes (bounded).
pub(super) fn strip_noise<'a>(mut s: &'a str, n: &mut Noise) -> &'a str {
    for _ in 0..MAX_ROUNDS {
        let before = s.len();
        s = trim_ws_noting(s, &mut n.ws);
        for esc in ["\\r\\n", "\\n", "\\r", "\\t"] {
            if let Some(t) = s.strip_suffix(esc) {
                n.ws.escape = true;
                s = t;
            }
        }
        if let Some(t) = s.strip_suffix([',', ';']) {
            n.trailing_punct = true;
            s = t;
        }
        if let Some(c) = s.chars().next().filter(|&c| is_quote(c)) {
            n.quotes.note(c);
            s = s.get(c.len_utf8()..).unwrap_or("");
        }
        if let Some(c) = s.chars().next_back().filter(|&c| is_quote(c)) {
            n.quotes.note(c);
            s = s.get(..s.len() - c.len_utf8()).unwrap_or("");
        }
        if let Some(inner) = s.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
            if starts_like_credential(inner) {
                n.quotes.angle = true;
                s = inner;
            }
        }
        if let Some(t) = s.strip_prefix(['{', '[']) {
            if t.trim_start().starts_with(['"', '\'', '{']) {
                n.json = true;
                s = t;
            }
        }
        if n.json {
            if let Some(t) = s.strip_suffix(['}', ']']) {
                s = t;
            }
        }
        if let Some((t, style)) = strip_header(s) {
            n.header.get_or_insert(style);
            s = t;
        } else if let Some((value, name, style)) = strip_assignment(s) {
            if name.is_some() || n.assign.is_none() {
                n.assign = Some((name, style));
            }
            s = value;
            if let Some(i) = s.find(" #").or_else(|| s.find("\t#")) {
                n.comment = true;
                s = s.get(..i).unwrap_or(s);
            }
            // `ANTHROPIC_API_KEY=sk-ant-… claude`: an inline assignment before a command.
            if let Some(i) = s.find(is_ws) {
                let (first, after) = s.split_at(i);
                let after = after.trim_start_matches([' ', '\t']);
                if after.starts_with(|c: char| c.is_ascii_alphabetic())
                    && starts_like_credential(first)
                    && classify(first.trim_matches(is_quote)).well_formed
                {
                    n.command = true;
                    s = first;
                }
            }
        } else if let Some((value, name)) = strip_set_environment_variable(s) {
            n.assign = Some((name, "a PowerShell SetEnvironmentVariable call"));
            s = value;
        } else if let Some(t) = strip_label(s) {
            n.assign
                .get_or_insert((None, "a label in front of the value"));
            s = t;
        } else if let Some(t) = s.strip_prefix("> ") {
            n.quotes.reply = true;
            s = t;
        } else if let Some(t) = ["$ ", "% ", "\u{276f} ", "PS> "]
            .iter()
            .find_map(|p| s.strip_prefix(p))
        {
            n.prompt = true;
            s = t;
        }
        if s.len() == before {
            break;
        }
    }
    s
}

/// `{`, `}`, `],`, `"env": {` and Markdown fences: lines that only frame a value.
pub(super) fn frame_line(line: &str) -> Option<bool> {
    let l = line.trim_end_matches(',');
    if matches!(l, "{" | "}" | "[" | "]" | "{}") {
        return Some(true);
    }
    if let Some(rest) = l.strip_prefix("```").or_else(|| l.strip_prefix("~~~")) {
        return rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
            .then_some(false);
    }
    let inner = l.strip_prefix('"')?;
    let close = inner.find('"')?;
    let name = inner.get(..close)?;
    let rest = inner
        .get(close + 1..)?
        .trim_start()
        .strip_prefix(':')?
        .trim();
    (name.len() <= 64
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && matches!(rest, "{" | "["))
    .then_some(true)
}

pub(super) fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_line_break)
        .map(|l| l.trim_matches(is_ws))
        .filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignment_forms() {
        let cases = [
            ("export A_B=v", Some("A_B"), "v"),
            ("setx A_B \"v\"", Some("A_B"), "\"v\""),
            ("$env:A_B = 'v'", Some("A_B"), "'v'"),
            ("set -gx A_B v", Some("A_B"), "v"),
            ("\"A_B\": \"v\"", Some("A_B"), "\"v\""),
            ("A_B: v", Some("A_B"), "v"),
            ("os.environ['A_B'] = v", Some("A_B"), "v"),
            ("key9x=v", None, "v"),
        ];
        for (input, name, value) in cases {
            let (v, n, _) = strip_assignment(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!((v, n.as_deref()), (value, name), "{input}");
        }
        for not in [
            "https://x",
            "A_B",
            "AIzaSyAbCdEfGhIjKlMnOpQrStUvWxYz0123456=",
            "a b=c",
            "1X=v",
            "A_B v",
        ] {
            assert!(strip_assignment(not).is_none(), "{not}");
        }
    }
}
