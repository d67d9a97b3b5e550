//! Key format analysis: what a pasted text is, which removable noise wraps it, and whether Claude Code can use
//! it (see `shared/reference/claude-auth-facts.md` §15 and `browser-and-build-facts.md` §2).
//!
//! Pure and hand-written (no regex): every step is a bounded number of linear passes, so any input, even a
//! megabyte paste, is analysed in linear time, and nothing here panics (no unchecked indexing or slicing at
//! byte offsets that are not char boundaries). No text this module produces contains the key or a part of it,
//! apart from [`KeyReport::redacted`] (known prefix + last 4) and [`KeyReport::last20`], which exist to be shown.

use std::fmt;

use crate::core::codes::{FindingCode, Kind, Verdict};
use crate::core::providers::{self, ProviderShape};

/// Length of an Anthropic Console API key (`sk-ant-api03-` + 93 + `AA`).
pub const CONSOLE_KEY_LEN: usize = 108;
/// Length of an Anthropic Admin API key (`sk-ant-admin01-` + 93 + `AA`).
pub const ADMIN_KEY_LEN: usize = 110;
/// Above this many bytes (after trimming) the text is reported as far too long without a closer look.
pub const MAX_ANALYSED_BYTES: usize = 4096;

const ANTHROPIC: &str = "sk-ant-";
/// Body length range accepted for OAuth tokens, session cookies and unknown Anthropic kinds.
const OPEN_BODY: (usize, usize) = (40, 400);
/// Bound on the noise-stripping loop (each round removes at least one layer).
const MAX_ROUNDS: usize = 32;

/// One thing wrong with (or wrapped around) the pasted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: FindingCode,
    pub title: String,
    /// What was found, where such noise usually comes from. Positions and counts only, never key text.
    pub detail: String,
    /// What to do, to the stored copy too.
    pub fix: String,
}

/// The result of [`analyze`]. Its `Debug` output never contains the key.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyReport {
    pub verdict: Verdict,
    pub kind: Kind,
    /// Contract provider code for [`Kind::OtherProvider`] (`openai`, `openrouter`, `google`, `aws`, …).
    pub provider: Option<&'static str>,
    /// Display name of that provider ("OpenAI").
    pub provider_name: Option<&'static str>,
    /// One plain sentence: what this is.
    pub headline: String,
    /// What to do, where this credential belongs.
    pub advice: String,
    pub findings: Vec<Finding>,
    /// `Some(key)` only for verdict ok or fixable: the well-formed Console key with noise removed.
    pub cleaned: Option<String>,
    secret: Secret,
}

/// Key text kept for the accessor methods; never printed.
#[derive(Clone, Default, PartialEq, Eq)]
struct Secret {
    /// The noise-stripped value (what a gateway would be sent), if the text was small enough to look at.
    stripped: Option<String>,
    /// A recognised, well-formed credential and its known (displayable) prefix.
    credential: Option<(String, &'static str)>,
}

impl fmt::Debug for KeyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<&str> = self.findings.iter().map(|x| x.code.code()).collect();
        f.debug_struct("KeyReport")
            .field("verdict", &self.verdict)
            .field("kind", &self.kind)
            .field("provider", &self.provider)
            .field("findings", &codes)
            .field("redacted", &self.redacted())
            .finish_non_exhaustive()
    }
}

fn last_chars(s: &str, n: usize) -> Option<String> {
    let count = s.chars().count();
    (count >= n).then(|| s.chars().skip(count - n).collect())
}

impl KeyReport {
    /// For a recognised, well-formed credential (verdict ok, fixable or wrong-credential): its known prefix,
    /// `…` and its last 4 characters, e.g. `sk-ant-api03-…AbAA`. `None` otherwise. Never more of the key.
    pub fn redacted(&self) -> Option<String> {
        if !matches!(
            self.verdict,
            Verdict::Ok | Verdict::Fixable | Verdict::WrongCredential
        ) {
            return None;
        }
        let (key, prefix) = self.secret.credential.as_ref()?;
        if key.chars().count() < prefix.chars().count() + 12 {
            return None;
        }
        Some(format!("{prefix}…{}", last_chars(key, 4)?))
    }

    /// The last 20 characters of the cleaned key: Claude Code's "Detected a custom API key" prompt shows
    /// `sk-ant-...<last 20>` and remembers approvals by them. `None` unless the verdict is ok or fixable.
    pub fn last20(&self) -> Option<String> {
        last_chars(self.cleaned.as_deref()?, 20)
    }

    /// The text with its removable noise stripped (what a gateway, whose credentials may look like anything, would
    /// be sent), if the text was small enough to look at. The live test's rules (`core::probe`) decide whether it
    /// may be sent.
    pub fn stripped(&self) -> Option<&str> {
        self.secret.stripped.as_deref()
    }
}

// ---------------------------------------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------------------------------------

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whitespace in the broad sense (NBSP and other Unicode spaces included).
fn is_ws(c: char) -> bool {
    c.is_whitespace()
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201a}'
            | '\u{201b}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{201e}'
            | '\u{201f}'
            | '\u{ab}'
            | '\u{bb}'
            | '\u{2039}'
            | '\u{203a}'
            | '\u{ff02}'
            | '\u{ff07}'
    )
}

/// Characters UIs use to hide part of a key.
fn is_mask_char(c: char) -> bool {
    matches!(
        c,
        '*' | '\u{2022}' | '\u{25cf}' | '\u{2026}' | '\u{2219}' | '\u{b7}' | '\u{25aa}'
    )
}

/// Invisible characters removed everywhere, by category.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Invisible {
    ZeroWidth,
    Bom,
    SoftHyphen,
    Bidi,
    Control,
}

fn invisible(c: char) -> Option<Invisible> {
    Some(match c {
        '\u{feff}' => Invisible::Bom,
        '\u{ad}' => Invisible::SoftHyphen,
        '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{180e}'
        | '\u{34f}'
        | '\u{115f}'
        | '\u{1160}'
        | '\u{3164}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{e0000}'..='\u{e007f}' => Invisible::ZeroWidth,
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}' => {
            Invisible::Bidi
        }
        '\u{0}'..='\u{8}'
        | '\u{e}'..='\u{1f}'
        | '\u{7f}'
        | '\u{80}'..='\u{84}'
        | '\u{86}'..='\u{9f}' => Invisible::Control,
        _ => return None,
    })
}

/// A non-Latin-1 character that looks like (or stands for) an ASCII one, with a description of what it is.
fn lookalike(c: char) -> Option<(char, &'static str)> {
    const CYR: &str = "a Cyrillic letter that looks like a Latin one";
    const GRK: &str = "a Greek letter that looks like a Latin one";
    let cyr = |a| Some((a, CYR));
    let grk = |a| Some((a, GRK));
    match c {
        'а' => cyr('a'),
        'А' => cyr('A'),
        'В' => cyr('B'),
        'е' => cyr('e'),
        'Е' => cyr('E'),
        'К' => cyr('K'),
        'к' => cyr('k'),
        'М' => cyr('M'),
        'Н' => cyr('H'),
        'о' => cyr('o'),
        'О' => cyr('O'),
        'р' => cyr('p'),
        'Р' => cyr('P'),
        'с' => cyr('c'),
        'С' => cyr('C'),
        'Т' => cyr('T'),
        'у' => cyr('y'),
        'У' => cyr('Y'),
        'х' => cyr('x'),
        'Х' => cyr('X'),
        'ѕ' => cyr('s'),
        'Ѕ' => cyr('S'),
        'і' => cyr('i'),
        'І' => cyr('I'),
        'ј' => cyr('j'),
        'Ј' => cyr('J'),
        'һ' => cyr('h'),
        'ԁ' => cyr('d'),
        'ԛ' => cyr('q'),
        'ԝ' => cyr('w'),
        'Α' => grk('A'),
        'Β' => grk('B'),
        'Ε' => grk('E'),
        'Ζ' => grk('Z'),
        'Η' => grk('H'),
        'Ι' => grk('I'),
        'Κ' => grk('K'),
        'Μ' => grk('M'),
        'Ν' => grk('N'),
        'Ο' => grk('O'),
        'Ρ' => grk('P'),
        'Τ' => grk('T'),
        'Υ' => grk('Y'),
        'Χ' => grk('X'),
        'α' => grk('a'),
        'ο' => grk('o'),
        'ν' => grk('v'),
        'ι' => grk('i'),
        'κ' => grk('k'),
        'ρ' => grk('p'),
        'υ' => grk('u'),
        'ϲ' => grk('c'),
        'ı' => Some(('i', "a Turkish dotless i (from a Turkish keyboard layout)")),
        'İ' => Some(('I', "a Turkish dotted capital I (from a Turkish keyboard layout)")),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{2043}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => {
            Some(('-', "a typographic dash in place of a hyphen (auto-corrected by a word processor or chat app)"))
        }
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0)
            .map(|a| (a, "a full-width character (typed with an East Asian input method)")),
        _ => None,
    }
}

/// A plain description of a character that cannot be in a key. Never used for key characters.
fn describe_bad_char(c: char) -> String {
    let s = match c {
        ' ' => "a space",
        '\t' => "a tab",
        '\u{a0}' => "a non-breaking space",
        c if is_line_break(c) => "a line break",
        c if c.is_whitespace() => "a blank (Unicode space)",
        '.' => "a period",
        ',' => "a comma",
        ':' => "a colon",
        ';' => "a semicolon",
        '/' => "a slash",
        '\\' => "a backslash",
        '+' => "a plus sign",
        '=' => "an equals sign",
        '"' | '\'' | '`' => "a quotation mark",
        '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' => "a bracket",
        '!' => "an exclamation mark",
        '?' => "a question mark",
        '#' => "a hash sign",
        '$' => "a dollar sign",
        '%' => "a percent sign (zsh prints one after output without a final newline)",
        '&' => "an ampersand",
        '@' => "an at sign",
        '|' | '^' | '~' => "a punctuation character",
        c if is_mask_char(c) => "a masking character",
        '\u{c0}'..='\u{ff}' => "an accented letter",
        '\u{a1}'..='\u{bf}' => "a Latin-1 symbol",
        c if c.is_control() => "a control character",
        c if (c as u32) > 0xff => {
            return format!("a character outside Latin-1 (U+{:04X})", c as u32)
        }
        _ => "a character outside A–Z, a–z, 0–9, '-' and '_'",
    };
    s.to_string()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    if starts_with_ci(s, prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// Byte offset of the first case-insensitive occurrence of an ASCII `needle`. Linear (the needle is short).
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

// ---------------------------------------------------------------------------------------------------------
// Noise bookkeeping
// ---------------------------------------------------------------------------------------------------------

#[derive(Default)]
struct WsSeen {
    spaces: bool,
    tabs: bool,
    lf: bool,
    crlf: bool,
    cr: bool,
    nbsp: bool,
    other: bool,
    escape: bool,
}

impl WsSeen {
    fn any(&self) -> bool {
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
struct QuotesSeen {
    straight: bool,
    backtick: bool,
    curly: bool,
    guillemets: bool,
    fence: bool,
    reply: bool,
    angle: bool,
}

impl QuotesSeen {
    fn any(&self) -> bool {
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
struct Noise {
    ws: WsSeen,
    invisible: [usize; 5],
    ansi: usize,
    line_breaks: usize,
    quotes: QuotesSeen,
    /// Innermost variable name (safe to show) and the style of the assignment.
    assign: Option<(Option<String>, &'static str)>,
    json: bool,
    comment: bool,
    command: bool,
    prompt: bool,
    trailing_punct: bool,
    header: Option<&'static str>,
    duplicated: usize,
}

impl Noise {
    fn invisible_count(&self) -> usize {
        self.invisible.iter().sum::<usize>() + self.ansi
    }
}

/// Removes invisible characters and terminal escape sequences everywhere. Linear.
fn strip_invisibles(input: &str, noise: &mut Noise) -> String {
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

fn trim_ws_noting<'a>(s: &'a str, ws: &mut WsSeen) -> &'a str {
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

fn env_like(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && name.chars().any(|c| c.is_ascii_uppercase())
}

/// `NAME=value`, `export NAME=value`, `$env:NAME = "value"`, `set -x NAME value`, `NAME: value`,
/// `"NAME": "value"`, … Returns the value and (safe-to-show name, style).
fn strip_assignment(s: &str) -> Option<(&str, Option<String>, &'static str)> {
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
fn strip_header(s: &str) -> Option<(&str, &'static str)> {
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
fn strip_noise<'a>(mut s: &'a str, n: &mut Noise) -> &'a str {
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
fn frame_line(line: &str) -> Option<bool> {
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

fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_line_break)
        .map(|l| l.trim_matches(is_ws))
        .filter(|l| !l.is_empty())
}

// ---------------------------------------------------------------------------------------------------------
// Classification of one candidate token
// ---------------------------------------------------------------------------------------------------------

/// Why a text is a placeholder.
#[derive(Clone, PartialEq, Eq)]
enum Why {
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

fn placeholder_reason(s: &str) -> Option<Why> {
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
fn is_filler(body: &str) -> bool {
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

/// Masking: `...`, `…`, `*`, `•`, or a run of `x_run` or more x's. Returns a description.
fn mask_kind(s: &str, x_run: usize) -> Option<&'static str> {
    let mut run = 0usize;
    let mut prev = '\0';
    let mut dots = 0usize;
    for c in s.chars() {
        if c == '\u{2026}' || (c == '.' && prev == '.' && dots >= 1) {
            return Some("an ellipsis (… or ...)");
        }
        if c == '.' {
            dots += 1;
        } else {
            dots = 0;
        }
        if is_mask_char(c) {
            return Some("masking characters (* or •)");
        }
        if (c == 'x' || c == 'X') && c == prev {
            run += 1;
            if run >= x_run {
                return Some("a run of x's");
            }
        } else {
            run = 1;
        }
        prev = c;
    }
    None
}

/// Result of classifying one candidate token.
#[derive(Clone)]
struct Class {
    kind: Kind,
    provider: Option<&'static ProviderShape>,
    /// Displayable prefix for previews.
    prefix: &'static str,
    well_formed: bool,
    damage: Vec<Finding>,
    /// The candidate (noise removed), as pasted (not case-folded or look-alike-folded).
    token: String,
    why: Option<Why>,
    /// A short safe-to-show label of an unknown Anthropic type ("api01"), or special shapes (URL, JWT).
    label: Option<String>,
    /// Extra text mode: a summary of what was found inside.
    extra: Option<String>,
}

impl Class {
    fn new(kind: Kind, token: &str) -> Self {
        Class {
            kind,
            provider: None,
            prefix: "",
            well_formed: false,
            damage: Vec::new(),
            token: token.to_string(),
            why: None,
            label: None,
            extra: None,
        }
    }

    fn placeholder(mut self, why: Why) -> Self {
        self.kind = Kind::Placeholder;
        self.provider = None;
        self.well_formed = false;
        self.damage.retain(|f| f.code == FindingCode::NonLatin1);
        self.why = Some(why);
        self
    }

    fn recognised(&self) -> bool {
        !matches!(self.kind, Kind::Unknown | Kind::Placeholder | Kind::Empty)
    }
}

fn finding(code: FindingCode, title: &str, detail: String, fix: &str) -> Finding {
    Finding {
        code,
        title: title.to_string(),
        detail,
        fix: fix.to_string(),
    }
}

const FIX_RECOPY: &str = "Do not repair it by hand: copy the key again from where it was first saved (a password \
     manager or secret store). The Console shows a key only once, at creation, so if no full copy exists, create a \
     new key in the Console (Settings → API keys), update every stored copy, and delete the old key.";

/// What the token's shape says about its expected length, for texts.
struct Expect {
    what: &'static str,
    total: (usize, usize),
    exact_suffix: bool,
}

/// Non-Latin-1 characters in the token: (1-based position of the first, its description, count), ignoring
/// masking characters. Also returns the token with look-alikes folded to ASCII.
fn fold(token: &str) -> (String, Option<(usize, String, usize)>) {
    let mut folded = String::with_capacity(token.len());
    let mut first: Option<(usize, String)> = None;
    let mut count = 0;
    for (i, c) in token.chars().enumerate() {
        if (c as u32) <= 0xff || is_mask_char(c) {
            folded.push(c);
            continue;
        }
        count += 1;
        match lookalike(c) {
            Some((a, what)) => {
                folded.push(a);
                first.get_or_insert_with(|| (i + 1, what.to_string()));
            }
            None => {
                folded.push(c);
                first.get_or_insert_with(|| (i + 1, describe_bad_char(c)));
            }
        }
    }
    (folded, first.map(|(p, d)| (p, d, count)))
}

fn non_latin1_finding(pos: usize, desc: &str, count: usize) -> Finding {
    let more = if count > 1 {
        format!(" ({count} such characters in all)")
    } else {
        String::new()
    };
    finding(
        FindingCode::NonLatin1,
        "A look-alike or non-Latin character inside the key",
        format!(
            "Position {pos} holds {desc}{more}. Real keys use only A–Z, a–z, 0–9, '-' and '_', so the key was \
             damaged on the way: retyped, auto-corrected, or passed through a font, keyboard layout or translation \
             tool. Browsers' fetch and Claude Code (v2.1.227 and later) refuse to send header values with \
             characters above U+00FF; older versions send them and get 401."
        ),
        FIX_RECOPY,
    )
}

/// Charset, length and suffix findings for a body, shared by Anthropic and provider shapes.
fn shape_findings(
    class: &mut Class,
    folded: &str,
    prefix_chars: usize,
    body: &str,
    allowed: fn(char) -> bool,
    e: &Expect,
) {
    let mut first_bad: Option<(usize, char)> = None;
    let mut bad = 0;
    for (i, c) in body.chars().enumerate() {
        if !allowed(c) && (c as u32) <= 0xff && !is_mask_char(c) {
            bad += 1;
            first_bad.get_or_insert((prefix_chars + i + 1, c));
        }
    }
    if let Some((pos, c)) = first_bad {
        let more = if bad > 1 {
            format!(" ({bad} characters that cannot be in a key in all)")
        } else {
            String::new()
        };
        let squashed: String = folded.chars().filter(|&c| !is_ws(c)).collect();
        let hint = if c.is_whitespace()
            && squashed.len() != folded.len()
            && squashed.len() >= e.total.0
        {
            " Without the blanks the rest has the right length, but a key with a blank inside was damaged on the \
             way (a PDF, document or chat app that wrapped or spaced it): check the source."
        } else {
            ""
        };
        class.damage.push(finding(
            FindingCode::BadCharset,
            "A character that cannot be in a key",
            format!(
                "Position {pos} holds {}{more}. {} use only A–Z, a–z, 0–9, '-' and '_'.{hint}",
                describe_bad_char(c),
                e.what
            ),
            FIX_RECOPY,
        ));
    }
    // Blanks inside are reported as bad characters already; the length is that of the rest.
    let len = folded.chars().filter(|&c| !is_ws(c)).count();
    let (lo, hi) = e.total;
    let expected = if lo == hi {
        format!("{lo}")
    } else {
        format!("{lo} to {hi}")
    };
    if len < lo {
        let missing = if lo == hi {
            format!(
                ", so {} are missing",
                plural(lo - len, "character", "characters")
            )
        } else {
            String::new()
        };
        let detail = if len <= prefix_chars + 4 {
            format!("It is only the beginning of {}: {len} characters where there should be {expected}{missing}.", e.what)
        } else {
            format!(
                "It has {len} characters; {} has {expected}{missing}. The end was cut off when copying: a narrow \
                 terminal or a table column that clips long values, a copy that stopped at a line wrap, or a field \
                 with a length limit.",
                e.what
            )
        };
        class.damage.push(finding(
            FindingCode::Truncated,
            "The key is too short",
            detail,
            FIX_RECOPY,
        ));
    } else if len > hi {
        let extra = len - hi;
        let mut detail = format!(
            "It has {len} characters; {} has {expected}, so {} too many.",
            e.what,
            plural(extra, "character is", "characters are")
        );
        if e.exact_suffix {
            let head: String = folded.chars().take(hi).collect();
            let tail: String = folded.chars().skip(hi).collect();
            if head.ends_with("AA") && head.chars().skip(prefix_chars).all(is_key_char) {
                detail.push_str(&format!(
                    " The first {hi} form a complete key; {} follow",
                    plural(extra, "more character", "more characters")
                ));
                detail.push_str(if tail.starts_with(ANTHROPIC) {
                    ", starting like another key."
                } else {
                    "."
                });
            }
        }
        detail.push_str(
            " Something was appended: a second key or value run together with it, text typed into the field after \
             pasting, or a stray character such as the % zsh prints after output without a final newline.",
        );
        class.damage.push(finding(
            FindingCode::TooLong,
            "Extra characters after the key",
            detail,
            "Remove everything after the key in the stored copy, or better, copy the key again from its source.",
        ));
    } else if e.exact_suffix && first_bad.is_none() && !folded.ends_with("AA") {
        class.damage.push(finding(
            FindingCode::BadSuffix,
            "The key does not end the way real keys end",
            format!(
                "It has the right length ({expected} characters), but {} always ends in \"AA\" and this one does \
                 not: at least one character was changed (retyped or auto-corrected) or the end was cut off and \
                 something else added.",
                e.what
            ),
            FIX_RECOPY,
        ));
    }
}

fn masked_finding(how: &str) -> Finding {
    finding(
        FindingCode::Masked,
        "A masked copy, not the key",
        format!(
            "Part of it is hidden by {how}. This is how the Console's key list, Claude Code's \"Detected a custom \
             API key\" prompt (sk-ant-...<last 20>), logs and dashboards display keys: a preview that cannot \
             authenticate."
        ),
        "The full key is shown only once, when it is created. Find the full copy where you saved it (password \
         manager, secret store, .env file), or create a new key in the Console and store that.",
    )
}

fn classify_anthropic(token: &str, folded: &str, nl: Option<(usize, String, usize)>) -> Class {
    let after = folded.get(ANTHROPIC.len()..).unwrap_or("");
    let (ty, body) = match after.find('-') {
        Some(i)
            if (1..=12).contains(&i)
                && after
                    .get(..i)
                    .is_some_and(|t| t.chars().all(|c| c.is_ascii_alphanumeric())) =>
        {
            (
                after.get(..i).unwrap_or(""),
                after.get(i + 1..).unwrap_or(""),
            )
        }
        _ => ("", after),
    };
    let (kind, prefix, expect) = match ty {
        "api03" => (
            Kind::ApiKey,
            "sk-ant-api03-",
            Expect {
                what: "a Console API key",
                total: (CONSOLE_KEY_LEN, CONSOLE_KEY_LEN),
                exact_suffix: true,
            },
        ),
        "admin01" => (
            Kind::AdminKey,
            "sk-ant-admin01-",
            Expect {
                what: "an Admin API key",
                total: (ADMIN_KEY_LEN, ADMIN_KEY_LEN),
                exact_suffix: true,
            },
        ),
        "oat01" => (
            Kind::OauthAccessToken,
            "sk-ant-oat01-",
            Expect {
                what: "an OAuth access token",
                total: (13 + OPEN_BODY.0, 13 + OPEN_BODY.1),
                exact_suffix: false,
            },
        ),
        "ort01" => (
            Kind::OauthRefreshToken,
            "sk-ant-ort01-",
            Expect {
                what: "an OAuth refresh token",
                total: (13 + OPEN_BODY.0, 13 + OPEN_BODY.1),
                exact_suffix: false,
            },
        ),
        "sid01" => (
            Kind::SessionCookie,
            "sk-ant-sid01-",
            Expect {
                what: "a session cookie",
                total: (13 + OPEN_BODY.0, 13 + OPEN_BODY.1),
                exact_suffix: false,
            },
        ),
        _ => (
            Kind::AnthropicUnknown,
            ANTHROPIC,
            Expect {
                what: "an Anthropic credential",
                total: (7 + OPEN_BODY.0, 7 + OPEN_BODY.1),
                exact_suffix: false,
            },
        ),
    };
    let mut class = Class::new(kind, token);
    class.prefix = prefix;
    let tag_like = ty.starts_with(|c: char| c.is_ascii_lowercase())
        && ty.ends_with(|c: char| c.is_ascii_digit())
        && ty
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if kind == Kind::AnthropicUnknown && tag_like && ty.len() <= 8 {
        class.label = Some(format!("sk-ant-{ty}-"));
    }
    if body.is_empty() || is_filler(body) {
        return class.placeholder(if body.is_empty() {
            Why::PrefixOnly
        } else {
            Why::Filler
        });
    }
    if let Some((pos, desc, count)) = &nl {
        class.damage.push(non_latin1_finding(*pos, desc, *count));
    }
    // A run of 4 x's is masking only when the length is off too (a real key may contain "xxxx").
    let x_run =
        if expect.total.0 <= folded.chars().count() && folded.chars().count() <= expect.total.1 {
            8
        } else {
            4
        };
    if let Some(how) = mask_kind(body, x_run) {
        let real = body
            .chars()
            .filter(|&c| is_key_char(c) && c != 'x' && c != 'X')
            .count();
        if real == 0 {
            return class.placeholder(Why::Filler);
        }
        class.damage.push(masked_finding(how));
        return class;
    }
    let prefix_chars = folded.chars().count() - body.chars().count();
    shape_findings(&mut class, folded, prefix_chars, body, is_key_char, &expect);
    if !class.damage.is_empty() {
        if let Some(why) = placeholder_reason(token) {
            return class.placeholder(why);
        }
    }
    class.well_formed = class.damage.is_empty();
    class
}

/// Tolerance for other providers: a length this close to the row's still counts as that credential.
fn within_tolerance(len: usize, (lo, hi): (usize, usize)) -> bool {
    len * 4 >= lo * 3 && len * 4 <= hi * 5 + 16
}

fn classify_provider(
    token: &str,
    folded: &str,
    nl: Option<(usize, String, usize)>,
    m: providers::ProviderMatch,
) -> Class {
    let mut class = Class::new(Kind::OtherProvider, token);
    class.provider = Some(m.provider);
    class.prefix = m.prefix;
    if let Some((pos, desc, count)) = &nl {
        class.damage.push(non_latin1_finding(*pos, desc, *count));
    }
    if let Some(how) = mask_kind(folded, if m.well_formed() { 8 } else { 4 }) {
        class.damage.push(masked_finding(how));
        return class;
    }
    if let Some(pos) = m.bad_char_at {
        let c = folded.chars().nth(pos - 1).unwrap_or(' ');
        if (c as u32) <= 0xff {
            class.damage.push(finding(
                FindingCode::BadCharset,
                "A character that cannot be in this key",
                format!(
                    "Position {pos} holds {}, which {} keys never contain.",
                    describe_bad_char(c),
                    m.provider.name
                ),
                "Copy the key again from its source.",
            ));
        }
    }
    if !within_tolerance(m.body_len, m.expected) {
        let pre = m.prefix.chars().count();
        let e = Expect {
            what: m.provider.what,
            total: (pre + m.expected.0, pre + m.expected.1),
            exact_suffix: false,
        };
        shape_findings(&mut class, folded, pre, "", |_| true, &e);
    }
    class.well_formed = class.damage.is_empty();
    class
}

fn classify_special(token: &str, folded: &str) -> Option<Class> {
    let lower = folded.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let mut c = Class::new(Kind::Unknown, token);
        c.label = Some(
            if lower.contains("claude.ai/code/session_") {
                "a Claude Code session URL"
            } else if lower.contains("anthropic.com") || lower.contains("claude.com") {
                "an Anthropic web address"
            } else {
                "a web address"
            }
            .to_string(),
        );
        return Some(c);
    }
    let dots = folded.matches('.').count();
    if folded.starts_with("eyJ")
        && dots == 2
        && folded.len() >= 30
        && folded.chars().all(|c| is_key_char(c) || c == '.')
    {
        let mut c = Class::new(Kind::Unknown, token);
        c.label = Some("a JSON Web Token (JWT)".to_string());
        return Some(c);
    }
    None
}

/// Classifies one token (no surrounding noise, possibly damaged).
fn classify(token: &str) -> Class {
    let (folded, nl) = fold(token);
    if folded.starts_with(ANTHROPIC) {
        return classify_anthropic(token, &folded, nl);
    }
    if starts_with_ci(&folded, ANTHROPIC) {
        // "Sk-ant-…": auto-capitalised by a phone, a notes app or an editor.
        let fixed = format!("{ANTHROPIC}{}", folded.get(ANTHROPIC.len()..).unwrap_or(""));
        let mut class = classify_anthropic(token, &fixed, nl);
        if class.kind != Kind::Placeholder {
            class.damage.insert(
                0,
                finding(
                    FindingCode::BadCharset,
                    "Capital letters in the key's prefix",
                    "The key starts with a capitalised prefix (like Sk-ant- instead of sk-ant-): a phone, a notes \
                     app or an editor auto-capitalised it. Keys are case-sensitive, so the API sees a different key."
                        .into(),
                    "Correct the stored copy to a lowercase sk-ant- prefix, or better, copy the key again from its \
                     source.",
                ),
            );
            class.well_formed = false;
        }
        return class;
    }
    if let Some(why) = placeholder_reason(token) {
        let mut c = Class::new(Kind::Placeholder, token);
        c.why = Some(why);
        return c;
    }
    if let Some(m) = providers::identify(&folded) {
        return classify_provider(token, &folded, nl, m);
    }
    if let Some(c) = classify_special(token, &folded) {
        return c;
    }
    let mut class = Class::new(Kind::Unknown, token);
    if let Some((pos, desc, count)) = &nl {
        class.damage.push(non_latin1_finding(*pos, desc, *count));
    }
    if let Some(how) = mask_kind(&folded, 4) {
        class.damage.push(masked_finding(how));
    }
    class
}

/// Whether a token starts like a credential (used to tell two values apart from one wrapped value).
fn starts_like_credential(s: &str) -> bool {
    let s = s.trim_start_matches(|c: char| is_quote(c));
    s.starts_with(ANTHROPIC) || providers::has_distinctive_prefix(s)
}

/// Classifies a token that may be the same credential twice without a separator.
fn classify_maybe_doubled(token: &str, noise: &mut Noise) -> Class {
    let n = token.chars().count();
    if n >= 32 && (n & 1) == 0 {
        let split = token
            .char_indices()
            .nth(n / 2)
            .map_or(token.len(), |(i, _)| i);
        let (a, b) = token.split_at(split);
        if a == b && (a.starts_with(ANTHROPIC) || providers::identify(a).is_some()) {
            let c = classify(a);
            if c.well_formed {
                noise.duplicated = noise.duplicated.max(2);
                return c;
            }
        }
    }
    classify(token)
}

/// Separators between values in code, JSON, logs and prose.
fn is_separator(c: char) -> bool {
    is_ws(c)
        || is_quote(c)
        || matches!(
            c,
            ',' | ';' | '{' | '}' | '[' | ']' | '(' | ')' | '<' | '>' | '|'
        )
}

fn trim_word(w: &str) -> &str {
    w.trim_matches(|c: char| is_quote(c) || c == ',' || c == ';')
}

/// The remainder after stripping: one token, a wrapped token, duplicates, or more text than a key.
fn analyse_rest(rest: &str, noise: &mut Noise) -> Class {
    if rest.is_empty() {
        return Class::new(Kind::Empty, rest);
    }
    if !rest.contains(is_ws) {
        let c = classify_maybe_doubled(rest, noise);
        // `"accessToken":"sk-ant-oat01-…","refreshToken":"sk-ant-ort01-…"`: values run together.
        if !c.well_formed
            && rest.contains(is_separator)
            && rest
                .split(is_separator)
                .filter(|p| !p.is_empty())
                .nth(1)
                .is_some()
        {
            return extra_text(rest, &[rest]);
        }
        return c;
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    let first = trim_word(words.first().copied().unwrap_or(""));
    if !first.is_empty() && words.iter().all(|w| trim_word(w) == first) {
        if words.iter().any(|w| w.len() != first.len()) {
            noise.quotes.straight = true;
        }
        let c = classify_maybe_doubled(first, noise);
        if c.recognised() {
            noise.duplicated = noise.duplicated.max(words.len());
            return c;
        }
    }
    // Blank runs that contain a line break are a wrap; other blanks stay and count as bad characters.
    let mut joined = String::with_capacity(rest.len());
    let mut breaks = 0;
    let mut run = String::new();
    for c in rest.chars() {
        if is_ws(c) {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            if run.contains(is_line_break) {
                breaks += 1;
            } else {
                joined.push_str(&run);
            }
            run.clear();
        }
        joined.push(c);
    }
    let later_credential = words.iter().skip(1).any(|w| starts_like_credential(w));
    if breaks > 0 && !joined.contains(is_ws) {
        let c = classify_maybe_doubled(&joined, noise);
        if c.well_formed || (c.recognised() && !later_credential) {
            noise.line_breaks = breaks;
            return c;
        }
    }
    if breaks > 0 {
        let jwords: Vec<&str> = joined.split_whitespace().collect();
        if jwords.len() >= 2 && jwords.iter().all(|w| *w == jwords[0]) {
            let c = classify_maybe_doubled(jwords[0], noise);
            if c.well_formed {
                noise.line_breaks = breaks;
                noise.duplicated = noise.duplicated.max(jwords.len());
                return c;
            }
        }
    }
    let squashed: String = joined.chars().filter(|&c| !is_ws(c)).collect();
    let fragments = words.len() <= 4 && words.iter().all(|w| w.chars().all(is_key_char));
    if starts_like_credential(&joined)
        && !later_credential
        && (fragments || classify(&squashed).well_formed)
    {
        noise.line_breaks = breaks;
        return classify(&joined);
    }
    extra_text(rest, &words)
}

/// A whole file, log or message: report what is inside without treating it as a key.
fn extra_text(rest: &str, words: &[&str]) -> Class {
    let lines = split_lines(rest).count();
    let mut found: Vec<(Class, usize)> = Vec::new();
    for (line_no, line) in split_lines(rest).enumerate() {
        for w in line.split(is_separator).filter(|w| !w.is_empty()) {
            let mut t = trim_word(w);
            for _ in 0..4 {
                if let Some((v, _, _)) = strip_assignment(t) {
                    t = trim_word(v);
                } else if let Some((v, _)) = strip_header(t) {
                    t = trim_word(v);
                } else {
                    break;
                }
            }
            if !(t.starts_with(ANTHROPIC) || providers::identify(t).is_some()) || found.len() >= 50
            {
                continue;
            }
            let c = classify(t);
            if c.recognised() {
                found.push((c, line_no + 1));
            }
        }
    }
    let shape = if lines > 1 {
        format!("{lines} lines")
    } else if words.len() > 1 {
        format!("{} separate words", words.len())
    } else {
        "several values run together (separated by quotes, commas or brackets)".to_string()
    };
    let mut class =
        if let Some((c, _)) = found.iter().find(|(c, _)| c.well_formed).or(found.first()) {
            let mut k = Class::new(c.kind, rest);
            k.provider = c.provider;
            k.label = c.label.clone();
            k
        } else if let Some(why) = placeholder_reason(rest) {
            let mut k = Class::new(Kind::Placeholder, rest);
            k.why = Some(why);
            return k;
        } else {
            Class::new(Kind::Unknown, rest)
        };
    let looks = if lines >= 3 || rest.len() > 400 {
        "It looks like a whole file, a configuration block or a log was pasted."
    } else {
        "It looks like a message, a command or a note was pasted along with (or instead of) the key."
    };
    let inside = if found.is_empty() {
        " Nothing in it has the shape of an Anthropic key.".to_string()
    } else {
        let list: Vec<String> = found
            .iter()
            .take(6)
            .map(|(c, line)| {
                let what = kind_noun(c.kind, c.provider);
                let state = if c.well_formed { "" } else { " (damaged)" };
                if lines > 1 {
                    format!("{what}{state} on line {line}")
                } else {
                    format!("{what}{state}")
                }
            })
            .collect();
        let leak = if found
            .iter()
            .any(|(c, _)| matches!(c.kind, Kind::OauthRefreshToken | Kind::SessionCookie))
        {
            " A refresh token or session cookie must never be shared: if this text went anywhere, treat it as leaked \
             and sign out and in again to rotate it."
        } else {
            ""
        };
        format!(
            " It contains {}: {}.{leak}",
            plural(found.len(), "credential", "credentials"),
            list.join("; ")
        )
    };
    class.extra = Some(inside.trim().to_string());
    class.damage.push(finding(
        FindingCode::TooLong,
        "Much more text than a key",
        format!("The pasted text has {shape}; a key is one unbroken string. {looks}{inside}"),
        "Paste only the key itself. In the stored copy (shell profile, .env file, settings env block, secret \
         store), make sure the variable holds just the key, with nothing else on the line.",
    ));
    class
}

// ---------------------------------------------------------------------------------------------------------
// Texts
// ---------------------------------------------------------------------------------------------------------

fn kind_noun(kind: Kind, provider: Option<&'static ProviderShape>) -> String {
    match kind {
        Kind::ApiKey => "a Console API key".into(),
        Kind::AdminKey => "an Admin API key".into(),
        Kind::OauthAccessToken => "a Claude subscription OAuth access token".into(),
        Kind::OauthRefreshToken => "an OAuth refresh token".into(),
        Kind::SessionCookie => "a claude.ai session cookie".into(),
        Kind::AnthropicUnknown => "an Anthropic credential of an unknown kind".into(),
        Kind::OtherProvider => {
            provider.map_or("another provider's key".into(), |p| p.what.to_string())
        }
        Kind::Placeholder => "a placeholder".into(),
        Kind::Empty => "an empty value".into(),
        Kind::Unknown => "unrecognised text".into(),
    }
}

fn noise_findings(n: &Noise, class: &Class) -> Vec<Finding> {
    let mut out = Vec::new();
    if n.ws.any() {
        let w = &n.ws;
        let mut parts = Vec::new();
        let mut sources = Vec::new();
        if w.lf || w.cr {
            parts.push("a line break");
            sources.push("a trailing line break comes from copying a whole line in a terminal or editor, from echo output, or from a file saved with a final newline and read with $(cat …)");
        }
        if w.crlf {
            parts.push("a Windows line ending (\\r\\n)");
            sources.push("a Windows line ending comes from a .env file or script saved on Windows (Notepad) and read on macOS, Linux or WSL");
        }
        if w.spaces || w.tabs {
            parts.push(if w.tabs { "spaces or tabs" } else { "spaces" });
            sources.push("spaces come from a chat message, an email, a document, or an .env line like KEY= value");
        }
        if w.nbsp || w.other {
            parts.push("non-breaking or other Unicode spaces");
            sources.push(
                "non-breaking spaces come from web pages, Word or Google Docs, Slack or Teams",
            );
        }
        if w.escape {
            parts.push("a literal \\n escape");
            sources.push("a literal \\n comes from copying out of JSON or a log");
        }
        out.push(finding(
            FindingCode::SurroundingWhitespace,
            "Whitespace around the key",
            format!(
                "The key is surrounded by {}. Where it usually comes from: {}. Claude Code sends the value exactly as \
                 stored, so the API sees a different key (and Claude Code v2.1.227 and later refuses a header with a \
                 line break).",
                parts.join(", "),
                sources.join("; ")
            ),
            "Remove it from the stored copy: in a shell profile write export ANTHROPIC_API_KEY='…' with nothing \
             after the closing quote; in a .env file no spaces around =; a file read by a helper should be written \
             with printf '%s' rather than echo; save files with LF line endings (dos2unix).",
        ));
    }
    if n.line_breaks > 0 {
        out.push(finding(
            FindingCode::LineBreak,
            "A line break inside the key",
            format!(
                "The key is split over {} lines. A terminal or editor that wraps long lines, an email or chat app, or \
                 a PDF put the break there. Joined back together the pieces have the shape of {}.",
                n.line_breaks + 1,
                kind_noun(class.kind, class.provider)
            ),
            "Rejoin the pieces into one unbroken line wherever the key is stored (shell profile, .env file, secret \
             store), or copy it again in one piece from its source.",
        ));
    }
    let inv = n.invisible_count();
    if inv > 0 {
        let names = [
            "zero-width characters (from chat apps, web pages, Word or Google Docs)",
            "a byte-order mark (BOM, from a file saved as \"UTF-8 with BOM\", e.g. by Windows Notepad or PowerShell)",
            "soft hyphens (from word processors and PDFs)",
            "text-direction marks (from web pages and chat apps)",
            "control characters (NUL and the like, from binary or corrupted files)",
        ];
        let mut parts: Vec<&str> = names
            .iter()
            .zip(n.invisible)
            .filter(|(_, k)| *k > 0)
            .map(|(s, _)| *s)
            .collect();
        if n.ansi > 0 {
            parts.push("terminal colour codes (from copying coloured terminal output)");
        }
        out.push(finding(
            FindingCode::InvisibleChar,
            "Invisible characters",
            format!(
                "The text contains {}: {}. They are not part of the key; the API sees a different key, and browsers \
                 and Claude Code v2.1.227 and later refuse to send most of them in a header.",
                plural(inv, "invisible character", "invisible characters"),
                parts.join("; ")
            ),
            "Re-enter the stored value so it holds only the key: paste it into a plain-text editor first, save files \
             as UTF-8 without BOM, or copy the key again from its source.",
        ));
    }
    if n.quotes.any() {
        let q = &n.quotes;
        let mut parts = Vec::new();
        if q.straight {
            parts.push("straight quotes");
        }
        if q.curly {
            parts.push("curly “smart” quotes (from Word, Pages, PDFs, Notes or a chat app)");
        }
        if q.guillemets {
            parts.push("guillemets « »");
        }
        if q.backtick || q.fence {
            parts.push("Markdown backticks or a code block");
        }
        if q.reply {
            parts.push("a quoted-reply marker (> )");
        }
        if q.angle {
            parts.push("angle brackets < >");
        }
        if n.trailing_punct && n.assign.is_none() && !n.json {
            parts.push("a trailing comma or semicolon");
        }
        let mut detail = format!(
            "The key is wrapped in {}. They come from an export KEY=\"…\" line, a JSON or YAML value, a Markdown \
             snippet, or a document or chat message. A shell removes straight quotes, but not curly ones; in a .env \
             file read by some tools, a settings.json value, a password manager, a CI secret or an apiKeyHelper \
             output the quotes become part of the key.",
            parts.join(", ")
        );
        if n.assign
            .as_ref()
            .is_some_and(|(_, style)| *style == "a Windows set command")
        {
            detail.push_str(
                " In Windows cmd, set NAME=\"value\" keeps the quotes in the value: write set \"NAME=value\" or no \
                 quotes.",
            );
        }
        out.push(finding(
            FindingCode::Quotes,
            "Quotation marks around the key",
            detail,
            "Store the bare key: in a shell use straight quotes only (export ANTHROPIC_API_KEY='sk-ant-…'), in \
             settings.json only the JSON string quotes, and in secret stores, password managers and CI secrets no \
             quotes at all.",
        ));
    }
    if n.assign.is_some() || n.json || n.comment || n.prompt || n.command {
        let (name, style) = n.assign.clone().unwrap_or((
            None,
            if n.json {
                "a JSON block"
            } else {
                "a shell command line"
            },
        ));
        let mut extras = Vec::new();
        if n.json {
            extras.push("JSON braces");
        }
        if n.trailing_punct {
            extras.push("a trailing comma or semicolon");
        }
        if n.comment {
            extras.push("a trailing # comment");
        }
        if n.command {
            extras.push("the command that follows it");
        }
        if n.prompt {
            extras.push("a shell prompt");
        }
        let extras = if extras.is_empty() {
            String::new()
        } else {
            format!(" (with {})", extras.join(", "))
        };
        let what = match &name {
            Some(v) => format!("{style} that sets {v}{extras}, not just the key."),
            None => format!("{style}{extras}, not just the key."),
        };
        let about = match name.as_deref() {
            Some("ANTHROPIC_API_KEY") if class.kind == Kind::ApiKey => {
                " ANTHROPIC_API_KEY is the right variable for a Console API key.".to_string()
            }
            Some("ANTHROPIC_API_KEY") if class.kind == Kind::OauthAccessToken => {
                " ANTHROPIC_API_KEY is the wrong variable for an OAuth token: Claude Code sends it as x-api-key and \
                 gets Invalid API key."
                    .to_string()
            }
            Some("ANTHROPIC_AUTH_TOKEN") => " ANTHROPIC_AUTH_TOKEN is sent as Authorization: Bearer and is meant for \
                 gateways and proxies (with ANTHROPIC_BASE_URL); a Console key for api.anthropic.com belongs in \
                 ANTHROPIC_API_KEY (sent as x-api-key), and a subscription token in CLAUDE_CODE_OAUTH_TOKEN."
                .to_string(),
            Some("CLAUDE_CODE_OAUTH_TOKEN") => " CLAUDE_CODE_OAUTH_TOKEN holds a subscription token from claude \
                 setup-token (sk-ant-oat01-…), never a Console API key."
                .to_string(),
            Some(v) if env_like(v) && !matches!(v, "ANTHROPIC_API_KEY" | "AWS_BEARER_TOKEN_BEDROCK" | "ANTHROPIC_FOUNDRY_API_KEY") => {
                format!(
                    " Claude Code does not read {v}: it reads ANTHROPIC_API_KEY (Console key), \
                     CLAUDE_CODE_OAUTH_TOKEN (subscription token) or ANTHROPIC_AUTH_TOKEN (gateway token)."
                )
            }
            _ => String::new(),
        };
        out.push(finding(
            FindingCode::AssignmentPrefix,
            "A variable assignment around the key",
            format!("The text is {what}{about} It was copied from a shell profile, an .env file, a settings.json env block or a CI configuration."),
            "Paste only the value here. In the stored copy keep exactly one assignment per variable, with nothing \
             but the key in the value, and check that the variable Claude Code reads is the one set (echo \
             ${#ANTHROPIC_API_KEY} prints its length: 108 for a Console key).",
        ));
    }
    if let Some(style) = n.header {
        out.push(finding(
            FindingCode::HeaderPrefix,
            "An HTTP header prefix before the key",
            format!(
                "The text starts with {style}, copied from a curl command, an HTTP client or a proxy log. The header \
                 name and the word Bearer are not part of the key: Claude Code adds the header itself (ANTHROPIC_API_KEY \
                 as x-api-key, ANTHROPIC_AUTH_TOKEN as Authorization: Bearer)."
            ),
            "Store only the key: if the stored value (a variable, an apiKeyHelper's output, a secret) begins with \
             \"Bearer \" or a header name, remove it.",
        ));
    }
    if n.duplicated > 1 {
        out.push(finding(
            FindingCode::Duplicated,
            "The key pasted more than once",
            format!(
                "The same key appears {} times in a row. This happens when pasting into a field or file that already \
                 held it, when a password manager fills it in and it is pasted too, or when two identical lines were \
                 copied.",
                n.duplicated
            ),
            "Keep a single copy in the stored value, and check the file does not set the variable twice.",
        ));
    }
    out
}

fn placeholder_text(why: &Why) -> (String, String) {
    match why {
        Why::VarRef(name, shell) => {
            let name = if name.is_empty() { "a variable".to_string() } else { name.clone() };
            (
                format!("A reference to {name} ({shell} syntax), not its value."),
                format!(
                    "The variable was never expanded: it was written inside single quotes ('$X' stays literal), in a \
                     settings.json env block or .env file that does not expand variables, or with the syntax of a \
                     different shell. Paste the key itself; to see what the variable holds, run echo \
                     ${{#{name}}} (its length; 108 for a Console key) rather than printing it."
                ),
            )
        }
        Why::Template => (
            "A placeholder or template, not a real key.".into(),
            "This is the example text from documentation, an .env.example file, or a template expression (GitHub \
             Actions ${{ secrets.… }}, Helm or Jinja {{ … }}) that was never filled in or rendered. Put the real \
             key (sk-ant-api03-…, from the Console) in its place, or check that the secret exists."
                .into(),
        ),
        Why::CommandSubst => (
            "A shell command, not its output.".into(),
            "A $(…) or backtick command substitution was stored without being run, e.g. in a settings.json env block \
             or an .env file. Use apiKeyHelper for a command that prints the key, or store the key itself."
                .into(),
        ),
        Why::OnePassword => (
            "A 1Password secret reference (op://…), not the key.".into(),
            "It is resolved only when the command runs under op run (or with op read). Start Claude Code with op run \
             --env-file=… -- claude, or use an apiKeyHelper that runs op read."
                .into(),
        ),
        Why::VarName(name) => (
            format!("The name of a variable ({name}), not its value."),
            "Paste the value the variable holds (the key itself), not its name.".into(),
        ),
        Why::PrefixOnly => (
            "Only the beginning of a key, a placeholder.".into(),
            "A Console API key is 108 characters: sk-ant-api03- followed by 95 more. Paste the whole key.".into(),
        ),
        Why::Filler => (
            "A placeholder made of filler characters, not a real key.".into(),
            "It is example text (x's, dots or a repeated character) from documentation or a template. Put the real \
             key, from the Console, in its place."
                .into(),
        ),
        Why::Dummy => (
            "A dummy value, not a real key.".into(),
            "Words like test, null, none or changeme are stand-ins. Put the real key, from the Console, in its place; \
             if the variable should not be set at all, unset it."
                .into(),
        ),
        Why::ProxyManaged => (
            "A dummy value set by a proxy or sandbox tool, not a key.".into(),
            "Some sandboxing and proxy tools set ANTHROPIC_API_KEY=proxy-managed (or similar) and inject the real \
             credential in their proxy. Outside that proxy Claude Code sends the dummy and gets Invalid API key: \
             unset ANTHROPIC_API_KEY (check shell profiles and settings.json env blocks) and /login, or set the \
             real key."
                .into(),
        ),
    }
}

const LIVE_TEST: &str = "A well-formed key can still be revoked, disabled or out of credit: the live test asks the API.";

/// A short phrase per finding, for headlines.
fn phrase(code: FindingCode) -> &'static str {
    match code {
        FindingCode::SurroundingWhitespace => "whitespace",
        FindingCode::LineBreak => "a line break",
        FindingCode::InvisibleChar => "invisible characters",
        FindingCode::NonLatin1 => "a look-alike or non-Latin character inside",
        FindingCode::Quotes => "quotation marks",
        FindingCode::AssignmentPrefix => "a variable assignment",
        FindingCode::HeaderPrefix => "a header prefix",
        FindingCode::Duplicated => "a second copy",
        FindingCode::Truncated => "it is too short",
        FindingCode::TooLong => "there is more than the key",
        FindingCode::BadCharset => "a character that cannot be in a key",
        FindingCode::BadSuffix => "it does not end in AA like real keys",
        FindingCode::Masked => "it is a masked copy",
    }
}

fn join_and(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn kind_texts(
    class: &Class,
    verdict: Verdict,
    n: &Noise,
    findings: &[Finding],
) -> (String, String) {
    let damaged = verdict == Verdict::Invalid;
    let damage: Vec<&str> = findings
        .iter()
        .filter(|f| f.code >= FindingCode::Truncated || f.code == FindingCode::NonLatin1)
        .map(|f| phrase(f.code))
        .collect();
    let main_damage = join_and(&damage);
    let noise_words: Vec<&str> = findings.iter().map(|f| phrase(f.code)).collect();
    let name = n.assign.as_ref().and_then(|(name, _)| name.as_deref());
    match class.kind {
        Kind::ApiKey => {
            let headline = match verdict {
                Verdict::Ok => "A well-formed Anthropic Console API key (108 characters), pasted cleanly.".to_string(),
                Verdict::Fixable => format!(
                    "A well-formed Anthropic Console API key, wrapped in removable noise: {}.",
                    join_and(&noise_words)
                ),
                _ => format!("This starts like a Console API key, but cannot work as pasted: {main_damage}."),
            };
            let advice = if damaged {
                "Claude Code would send it as is and get Invalid API key. Get an intact copy of the key (or create a new \
                 one in the Console) and store that in ANTHROPIC_API_KEY."
                    .to_string()
            } else {
                let moved = if name == Some("ANTHROPIC_AUTH_TOKEN") || name == Some("CLAUDE_CODE_OAUTH_TOKEN") {
                    " It was assigned to the wrong variable: move it to ANTHROPIC_API_KEY."
                } else {
                    ""
                };
                format!(
                    "It belongs in ANTHROPIC_API_KEY (sent as the x-api-key header) or in an apiKeyHelper's output.{moved} {}{LIVE_TEST}",
                    if verdict == Verdict::Fixable {
                        "Clean the stored copy too: Claude Code reads the value exactly as stored. "
                    } else {
                        ""
                    }
                )
            };
            (headline, advice)
        }
        Kind::AdminKey => (
            if damaged {
                format!("This starts like an Anthropic Admin API key and is damaged too: {main_damage}.")
            } else {
                "An Anthropic Admin API key (sk-ant-admin01-…), not a key for Claude Code.".into()
            },
            "Admin keys work only with the Admin API (managing the organization); they cannot call the Messages API, \
             so Claude Code gets 401. Create a regular API key in the Console (Settings → API keys), put that in \
             ANTHROPIC_API_KEY, and keep the admin key out of your environment."
                .into(),
        ),
        Kind::OauthAccessToken => (
            if damaged {
                format!("This starts like a Claude subscription OAuth token and is damaged: {main_damage}.")
            } else {
                "A Claude subscription OAuth access token (sk-ant-oat01-…, e.g. from claude setup-token), not a Console API key.".into()
            },
            "It belongs only in CLAUDE_CODE_OAUTH_TOKEN. In ANTHROPIC_API_KEY it gives Invalid API key, in \
             ANTHROPIC_AUTH_TOKEN OAuth authentication is currently not supported. Or simply run /login. Remove it \
             from any other variable it was put in. Such tokens expire (setup-token ones after a year): run claude \
             setup-token again for a new one."
                .into(),
        ),
        Kind::OauthRefreshToken => (
            "An OAuth refresh token (sk-ant-ort01-…), part of a Claude login, not an API credential.".into(),
            "It cannot authenticate requests and should never leave the credentials store. Treat it as leaked: run \
             /logout and /login again (this rotates it) and delete it from wherever it was pasted or stored. For \
             Claude Code use /login, or CLAUDE_CODE_OAUTH_TOKEN with a token from claude setup-token."
                .into(),
        ),
        Kind::SessionCookie => (
            "A claude.ai browser session cookie (sk-ant-sid01-…, the sessionKey cookie), not an API credential.".into(),
            "Anyone holding it is signed in to claude.ai as you. Treat it as leaked: sign out of claude.ai on all \
             devices to invalidate it, and delete it from wherever it was pasted. For Claude Code use /login, \
             CLAUDE_CODE_OAUTH_TOKEN or a Console API key."
                .into(),
        ),
        Kind::AnthropicUnknown => {
            let label = class.label.clone().unwrap_or_else(|| "sk-ant-".into());
            (
                if damaged {
                    format!("An Anthropic-style credential ({label}…) that is damaged: {main_damage}.")
                } else {
                    format!("An Anthropic credential of a kind this page does not know ({label}…), not a Console API key.")
                },
                "Keys for Claude Code start with sk-ant-api03- and have 108 characters. sk-ant-api01- keys are \
                 reportedly Enterprise analytics or compliance keys that cannot call the Messages API. Create an API \
                 key in the Console (Settings → API keys) and store that in ANTHROPIC_API_KEY."
                    .into(),
            )
        }
        Kind::OtherProvider => {
            let p = class.provider;
            let what = kind_noun(Kind::OtherProvider, p);
            let mut what_cap = what.clone();
            if let Some(f) = what_cap.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            (
                if damaged {
                    format!("{what_cap}, and it is damaged too: {main_damage}.")
                } else {
                    format!("{what_cap}, not an Anthropic key.")
                },
                format!(
                    "{} {} For Claude Code create an Anthropic Console API key (sk-ant-api03-…) or run /login.",
                    p.map_or("", |p| p.note),
                    providers::CANNOT_USE
                ),
            )
        }
        Kind::Placeholder => {
            let why = class.why.clone().unwrap_or(Why::Template);
            placeholder_text(&why)
        }
        Kind::Empty => (
            "The assignment has an empty value.".into(),
            "The variable is set to nothing. An empty ANTHROPIC_API_KEY is ignored by some tools and sent as an empty \
             key by others: set the real key, or remove the line."
                .into(),
        ),
        Kind::Unknown => {
            if let Some(label) = &class.label {
                let headline = format!("This is {label}, not a key.");
                let advice = match label.as_str() {
                    "a Claude Code session URL" => "It gives access to a Claude Code session: treat it as a secret and \
                         do not share it. It is not a credential Claude Code can use."
                        .to_string(),
                    "an Anthropic web address" => "A URL is not a credential. If it is an API address, it belongs in \
                         ANTHROPIC_BASE_URL (and only for gateways); the key comes from the Console."
                        .to_string(),
                    "a JSON Web Token (JWT)" => "JWTs come from single sign-on or a gateway, never from Anthropic. If \
                         your gateway issued it, put it in ANTHROPIC_AUTH_TOKEN with ANTHROPIC_BASE_URL pointing at \
                         the gateway; for api.anthropic.com use a Console API key."
                        .to_string(),
                    _ => "A URL is not a credential. The key comes from the Console (Settings → API keys).".to_string(),
                };
                return (headline, advice);
            }
            (
                if class.extra.is_some() {
                    "More text than a key.".to_string()
                } else {
                    "This does not look like an Anthropic key.".to_string()
                },
                "Anthropic Console API keys start with sk-ant-api03- and have 108 characters. If ANTHROPIC_BASE_URL \
                 points at a gateway (LiteLLM, a corporate proxy), its own keys look different (often sk-…): put \
                 such a key in ANTHROPIC_AUTH_TOKEN and run the live test against that base URL."
                    .into(),
            )
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------------------

fn report(
    verdict: Verdict,
    class: &Class,
    findings: Vec<Finding>,
    headline: String,
    advice: String,
) -> KeyReport {
    let cleaned = matches!(verdict, Verdict::Ok | Verdict::Fixable).then(|| class.token.clone());
    let credential = (class.well_formed && class.recognised() && class.extra.is_none())
        .then(|| (class.token.clone(), class.prefix));
    KeyReport {
        verdict,
        kind: class.kind,
        provider: class.provider.map(|p| p.code),
        provider_name: class.provider.map(|p| p.name),
        headline,
        advice,
        findings,
        cleaned,
        secret: Secret {
            stripped: Some(class.token.clone()),
            credential,
        },
    }
}

fn huge_report(text: &str) -> KeyReport {
    let lines = text.split('\n').count();
    let anthropic = text.matches(ANTHROPIC).count();
    let inside = match anthropic {
        0 => String::new(),
        n => format!(
            " It contains {} that start like Anthropic credentials (sk-ant-…).",
            plural(n, "string", "strings")
        ),
    };
    let leak = if text.contains("sk-ant-ort01-") || text.contains("sk-ant-sid01-") {
        " It includes a refresh token or session cookie: if this text was shared anywhere, treat those as leaked \
         (log out and in again)."
    } else {
        ""
    };
    let finding = finding(
        FindingCode::TooLong,
        "Far too long to be a key",
        format!(
            "The pasted text has {} characters on {}; a Console API key has 108. It looks like a whole file or log \
             was pasted.{inside}",
            text.chars().count(),
            plural(lines, "line", "lines")
        ),
        "Paste only the key itself (one line, 108 characters for a Console API key).",
    );
    KeyReport {
        verdict: Verdict::Invalid,
        kind: Kind::Unknown,
        provider: None,
        provider_name: None,
        headline: "Far too long to be a key: this looks like a whole file or log.".into(),
        advice: format!("Paste only the key.{leak}"),
        findings: vec![finding],
        cleaned: None,
        secret: Secret::default(),
    }
}

/// Analyses a pasted text: what it is, what wraps it, and whether Claude Code can use it.
pub fn analyze(input: &str) -> KeyReport {
    let mut noise = Noise::default();
    let text = strip_invisibles(input, &mut noise);
    let trimmed = trim_ws_noting(&text, &mut noise.ws);
    if trimmed.is_empty() {
        let mut findings = Vec::new();
        if noise.invisible_count() > 0 {
            noise.ws = WsSeen::default();
            findings = noise_findings(&noise, &Class::new(Kind::Empty, ""));
        }
        return KeyReport {
            verdict: Verdict::Empty,
            kind: Kind::Empty,
            provider: None,
            provider_name: None,
            headline: if findings.is_empty() {
                "Nothing to check yet.".into()
            } else {
                "Only invisible characters, no key.".into()
            },
            advice: "Paste the key Claude Code uses (the value of ANTHROPIC_API_KEY, or the key you stored).".into(),
            findings,
            cleaned: None,
            secret: Secret::default(),
        };
    }
    if trimmed.len() > MAX_ANALYSED_BYTES {
        return huge_report(trimmed);
    }

    // Several lines: frames (JSON braces, Markdown fences) around one value, or the same line repeated.
    let mut work = trimmed;
    if trimmed.contains(is_line_break) {
        let mut kept: Vec<&str> = Vec::new();
        let (mut json, mut fence) = (false, false);
        for line in split_lines(trimmed) {
            match frame_line(line) {
                Some(true) => json = true,
                Some(false) => fence = true,
                None => kept.push(line),
            }
        }
        if kept.len() == 1 && (json || fence) {
            work = kept[0];
            noise.json |= json;
            noise.quotes.fence |= fence;
        } else if kept.len() >= 2 && kept.iter().all(|l| *l == kept[0]) {
            work = kept[0];
            noise.duplicated = kept.len();
            noise.json |= json;
            noise.quotes.fence |= fence;
        }
    }

    let rest = strip_noise(work, &mut noise);
    let class = analyse_rest(rest, &mut noise);
    if class.extra.is_some() {
        // Whitespace around a whole file or message says nothing about the key inside.
        noise.ws = WsSeen::default();
    }
    let mut findings = noise_findings(&noise, &class);
    if class.extra.is_none()
        && noise.trailing_punct
        && noise.assign.is_none()
        && !noise.json
        && !noise.quotes.any()
    {
        findings.push(finding(
            FindingCode::TooLong,
            "A stray character after the key",
            "The key is followed by a comma or semicolon, copied from a list, a line of code or a configuration \
             file."
                .into(),
            "Remove it from the stored copy.",
        ));
    }
    findings.extend(class.damage.iter().cloned());
    findings.sort_by_key(|f| f.code);
    findings.dedup_by_key(|f| f.code);

    let damaged = findings.iter().any(|f| {
        matches!(
            f.code,
            FindingCode::NonLatin1
                | FindingCode::Truncated
                | FindingCode::TooLong
                | FindingCode::BadCharset
                | FindingCode::BadSuffix
                | FindingCode::Masked
        )
    });
    let verdict = if damaged || !class.well_formed || !class.recognised() {
        Verdict::Invalid
    } else if class.kind != Kind::ApiKey {
        Verdict::WrongCredential
    } else if findings.is_empty() {
        Verdict::Ok
    } else {
        Verdict::Fixable
    };
    let (mut headline, mut advice) = kind_texts(&class, verdict, &noise, &findings);
    if let Some(extra) = &class.extra {
        if class.recognised() {
            headline = format!(
                "More than a key was pasted; inside is {}.",
                kind_noun(class.kind, class.provider)
            );
            // Advice for the credential found inside, as if it had been pasted on its own.
            let alone = if class.kind == Kind::ApiKey {
                Verdict::Ok
            } else {
                Verdict::WrongCredential
            };
            let (_, inner) = kind_texts(&class, alone, &Noise::default(), &[]);
            advice = format!("{extra} Paste only that value to check it. {inner}");
        }
    }
    report(verdict, &class, findings, headline, advice)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> String {
        let body: String = (0..93)
            .map(|i| b"AbCdEfGh0123456789_-xyzQRS"[i % 26] as char)
            .collect();
        format!("sk-ant-api03-{body}AA")
    }

    #[test]
    fn clean_key_is_ok() {
        let r = analyze(&key());
        assert_eq!(r.verdict, Verdict::Ok, "{r:?}");
        assert_eq!(r.kind, Kind::ApiKey);
        assert!(r.findings.is_empty());
        assert_eq!(r.cleaned.as_deref(), Some(key().as_str()));
    }

    #[test]
    fn debug_never_prints_the_key() {
        let r = analyze(&format!("export ANTHROPIC_API_KEY=\"{}\"\n", key()));
        let dbg = format!("{r:?}");
        assert!(!dbg.contains(&key()[13..40]), "{dbg}");
        assert!(dbg.contains("Fixable"), "{dbg}");
    }

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

    #[test]
    fn frames_masks_and_placeholders() {
        assert_eq!(frame_line("\"env\": {"), Some(true));
        assert_eq!(frame_line("},"), Some(true));
        assert_eq!(frame_line("```bash"), Some(false));
        assert_eq!(frame_line("\"A\": \"v\""), None);
        assert!(mask_kind("ab...cd", 8).is_some());
        assert!(mask_kind("abxxxxcd", 8).is_none());
        assert!(mask_kind("abxxxxcd", 4).is_some());
        assert!(mask_kind("a.b.c", 4).is_none());
        assert!(
            matches!(placeholder_reason("$FOO_KEY"), Some(Why::VarRef(n, "shell")) if n == "FOO_KEY")
        );
        assert!(matches!(
            placeholder_reason("%FOO%"),
            Some(Why::VarRef(_, "Windows cmd"))
        ));
        assert!(matches!(
            placeholder_reason("ANTHROPIC_API_KEY"),
            Some(Why::VarName(_))
        ));
        assert!(placeholder_reason("sk-ant-api03-Q7bZ").is_none());
        assert!(is_filler("xxxx") && is_filler("…") && !is_filler("ab"));
    }

    #[test]
    fn find_ci_works_at_edges() {
        assert_eq!(find_ci("abcX-API-KEY:", "x-api-key:"), Some(3));
        assert_eq!(find_ci("ab", "abc"), None);
        assert_eq!(find_ci("", "a"), None);
    }
}
