//! What is left once the wrappers are stripped: one token, a token wrapped over several lines, the same token
//! pasted twice (or more), or more text than a key (a whole file, log or message, reported with the credentials
//! found inside it).

use super::chars::{is_key_char, is_line_break, is_quote, is_ws, plural};
use super::classify::{classify, starts_like_credential, Class};
use super::noise::{split_lines, strip_assignment, strip_header, Noise};
use super::placeholders::placeholder_reason;
use super::texts::kind_noun;
use super::{finding, ANTHROPIC};
use crate::core::codes::{FindingCode, Kind};
use crate::core::providers;

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
pub(super) fn analyse_rest(rest: &str, noise: &mut Noise) -> Class {
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
