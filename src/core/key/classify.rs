//! Classification of one candidate token (its noise already removed): which Anthropic kind or other provider's
//! credential it is, and what damage its shape shows (masked, truncated, too long, characters a key never has,
//! a wrong ending, look-alike characters).

use super::chars::{
    describe_bad_char, is_key_char, is_mask_char, is_quote, is_ws, lookalike, plural,
    starts_with_ci,
};
use super::placeholders::{is_filler, placeholder_reason, Why};
use super::{finding, Finding, ADMIN_KEY_LEN, ANTHROPIC, CONSOLE_KEY_LEN, OPEN_BODY};
use crate::core::codes::{FindingCode, Kind};
use crate::core::providers::{self, ProviderShape};

/// Masking: `...`, `…`, `*`, `•`, or a run of `x_run` or more x's. Returns a description.
pub(super) fn mask_kind(s: &str, x_run: usize) -> Option<&'static str> {
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
pub(super) struct Class {
    pub(super) kind: Kind,
    pub(super) provider: Option<&'static ProviderShape>,
    /// Displayable prefix for previews.
    pub(super) prefix: &'static str,
    pub(super) well_formed: bool,
    pub(super) damage: Vec<Finding>,
    /// The candidate (noise removed), as pasted (not case-folded or look-alike-folded).
    pub(super) token: String,
    pub(super) why: Option<Why>,
    /// A short safe-to-show label of an unknown Anthropic type ("api01"), or special shapes (URL, JWT).
    pub(super) label: Option<String>,
    /// Extra text mode: a summary of what was found inside.
    pub(super) extra: Option<String>,
}

impl Class {
    pub(super) fn new(kind: Kind, token: &str) -> Self {
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

    pub(super) fn recognised(&self) -> bool {
        !matches!(self.kind, Kind::Unknown | Kind::Placeholder | Kind::Empty)
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
        // Admin API keys with this prefix appear in the docs and examples of the Terraform provider for the Admin
        // API (registry.terraform.io/providers/anthropics/anthropic; also ippontech/terraform-provider-anthropic
        // `docs/index.md`); their length is not documented, so any body of some substance is accepted.
        "admin03" => (
            Kind::AdminKey,
            "sk-ant-admin03-",
            Expect {
                what: "an Admin API key",
                total: (15 + OPEN_BODY.0, 15 + OPEN_BODY.1),
                exact_suffix: false,
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
pub(super) fn classify(token: &str) -> Class {
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
pub(super) fn starts_like_credential(s: &str) -> bool {
    let s = s.trim_start_matches(|c: char| is_quote(c));
    s.starts_with(ANTHROPIC) || providers::has_distinctive_prefix(s)
}
