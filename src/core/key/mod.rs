//! Key format analysis: what a pasted text is, which removable noise wraps it, and whether Claude Code can use
//! it.
//!
//! The parts, in the order [`analyze`] uses them: `chars` (character classes), `noise` (what wraps the value and
//! how it is stripped), `remainder` (one token, a wrapped or doubled token, or a whole file), `classify` (which
//! credential a token is and what damage its shape shows, with `placeholders` for stand-in values), and `texts`
//! (the wording of every headline, advice and finding).
//!
//! Key shapes: Anthropic's Console, Admin and OAuth prefixes as the public secret scanners match them
//! (gitleaks/gitleaks `config/gitleaks.toml`, trufflesecurity/trufflehog `pkg/detectors/anthropic`), Claude
//! Enterprise Admin keys and Admin API keys from the Claude Platform docs
//! (<https://platform.claude.com/docs/en/manage-claude/admin-api-keys>), federation tokens from
//! <https://platform.claude.com/docs/en/manage-claude/wif-reference>; other providers' shapes are in
//! [`crate::core::providers`].
//!
//! Pure and hand-written (no regex): every step is a bounded number of linear passes, so any input, even a
//! megabyte paste, is analysed in linear time, and nothing here panics (no unchecked indexing or slicing at
//! byte offsets that are not char boundaries). No text this module produces contains the key or a part of it,
//! apart from [`KeyReport::redacted`] (known prefix + last 4) and [`KeyReport::last20`], which exist to be shown.

mod chars;
mod classify;
mod noise;
mod placeholders;
mod remainder;
mod texts;

use std::fmt;

use crate::core::codes::{AuthScheme, FindingCode, Kind, Verdict};
use chars::{is_line_break, plural};
use classify::Class;
use noise::{
    frame_line, split_lines, strip_invisibles, strip_noise, trim_ws_noting, Noise, WsSeen,
};
use remainder::analyse_rest;
use texts::{kind_noun, kind_texts, noise_findings};

/// Length of an Anthropic Console API key (`sk-ant-api03-` + 93 + `AA`).
pub const CONSOLE_KEY_LEN: usize = 108;
/// Length of an Anthropic Admin API key (`sk-ant-admin01-` + 93 + `AA`).
pub const ADMIN_KEY_LEN: usize = 110;
/// Above this many bytes (after trimming) the text is reported as far too long without a closer look.
pub const MAX_ANALYSED_BYTES: usize = 4096;

const ANTHROPIC: &str = "sk-ant-";
/// Body length range accepted for OAuth tokens, session cookies and unknown Anthropic kinds.
const OPEN_BODY: (usize, usize) = (40, 400);

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

/// Where the pasted credential is meant to go, which decides what of its format can be judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination {
    /// Anthropic's API: every kind is judged against Anthropic's shapes.
    Anthropic,
    /// A gateway or proxy (the intended method is a gateway, or the base URL is not Anthropic's), which reads the
    /// credential from this header and decides what its own credentials look like.
    Gateway(AuthScheme),
}

/// Findings about an Anthropic key's shape: they say nothing about a gateway's own credential.
const SHAPE_FINDINGS: [FindingCode; 4] = [
    FindingCode::Truncated,
    FindingCode::TooLong,
    FindingCode::BadSuffix,
    FindingCode::BadCharset,
];

/// Kinds whose format is a gateway's business: not Anthropic's, not a placeholder, not nothing.
fn gateway_format(kind: Kind) -> bool {
    matches!(kind, Kind::Unknown | Kind::OtherProvider)
}

impl KeyReport {
    /// The report for a blank field: what `analyze("")` gives, without running it (the page's first render shows it,
    /// and WebAssembly compiles a function when it is first called).
    pub fn empty() -> KeyReport {
        KeyReport {
            verdict: Verdict::Empty,
            kind: Kind::Empty,
            provider: None,
            provider_name: None,
            headline: "Nothing to check yet.".into(),
            advice: "Paste the key Claude Code uses (the value of ANTHROPIC_API_KEY, or the key you stored).".into(),
            findings: Vec::new(),
            cleaned: None,
            secret: Secret::default(),
        }
    }

    /// The same report for a credential going to `destination`. For a gateway, a credential that is not
    /// Anthropic-shaped is `unjudged` (its format is the gateway's; the live test checks it), or `fixable` when
    /// removable noise wraps it, or `invalid` when it is masked or no header could carry it; an Anthropic credential
    /// is still judged, and the advice says what a gateway makes of it.
    pub fn for_destination(mut self, destination: Destination) -> KeyReport {
        let Destination::Gateway(scheme) = destination else {
            return self;
        };
        if !gateway_format(self.kind) {
            if let Some(note) = texts::anthropic_kind_at_gateway(self.kind, scheme) {
                self.advice = format!("{} {note}", self.advice);
            }
            return self;
        }
        self.findings.retain(|f| !SHAPE_FINDINGS.contains(&f.code));
        let value = self.secret.stripped.as_deref().unwrap_or("");
        let sendable =
            !value.is_empty() && value.chars().all(|c| ('\u{21}'..='\u{7e}').contains(&c));
        let masked = self.findings.iter().any(|f| f.code == FindingCode::Masked);
        self.verdict = if masked || !sendable {
            Verdict::Invalid
        } else if self.findings.is_empty() {
            Verdict::Unjudged
        } else {
            Verdict::Fixable
        };
        if !sendable && !masked {
            self.findings.push(texts::not_header_safe());
        }
        let (headline, advice) =
            texts::gateway_credential(self.verdict, self.provider_name, scheme);
        self.headline = headline;
        self.advice = advice;
        self
    }
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

fn finding(code: FindingCode, title: &str, detail: String, fix: &str) -> Finding {
    Finding {
        code,
        title: title.to_string(),
        detail,
        fix: fix.to_string(),
    }
}

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
        if findings.is_empty() {
            return KeyReport::empty();
        }
        return KeyReport {
            headline: "Only invisible characters, no key.".into(),
            findings,
            ..KeyReport::empty()
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
    crate::core::order::sort_by_key(&mut findings, |f| f.code);
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
    use super::classify::mask_kind;
    use super::placeholders::{is_filler, placeholder_reason, Why};
    use super::*;

    fn key() -> String {
        let body: String = (0..93)
            .map(|i| b"AbCdEfGh0123456789_-xyzQRS"[i % 26] as char)
            .collect();
        format!("sk-ant-api03-{body}AA")
    }

    #[test]
    fn the_blank_field_report_is_what_analysing_nothing_gives() {
        assert!(KeyReport::empty() == analyze(""));
        assert!(KeyReport::empty() == analyze(" \n\t"));
        let invisible = analyze("\u{200b}");
        assert_eq!(invisible.verdict, Verdict::Empty);
        assert!(!invisible.findings.is_empty(), "{invisible:?}");
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
}
