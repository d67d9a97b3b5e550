//! The pasted text made line-clean: bounded in size, Windows line endings, ANSI colour escapes and terminal box
//! decorations (`│`, `╭`, `⎿`) removed, so that what follows sees only the content.

/// At most this much of a paste is examined (a settings file, a report and an `env` listing fit many times over).
pub(super) const MAX_EXAMINED_BYTES: usize = 256 * 1024;
/// Longer lines are cut to this length before they are looked at.
pub(super) const MAX_LINE_BYTES: usize = 64 * 1024;

/// The largest char boundary at or below `at`.
pub(super) fn floor_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    let mut i = at;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Decorations terminals and Claude Code's panels put around content.
fn is_decoration(c: char) -> bool {
    matches!(
        c,
        '\u{2500}'
            ..='\u{257F}'
                | '⎿'
                | '⎡'
                | '⎣'
                | '⎢'
                | '▌'
                | '▐'
                | '⏺'
                | '●'
                | '✻'
                | '✶'
                | '❯'
                | '➜'
                | '▶'
    )
}

/// Removes ANSI escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL|ESC \`, and two-byte escapes) and other
/// control characters except tab.
fn strip_escapes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                Some('[') => {
                    for n in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&n) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    while let Some(n) = chars.next() {
                        if n == '\u{7}' || (n == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\u{9b}' => {
                for n in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&n) {
                        break;
                    }
                }
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Cleans one line: escapes removed, decorations and surrounding whitespace trimmed.
fn clean_line(line: &str) -> String {
    let line = &line[..floor_boundary(line, MAX_LINE_BYTES)];
    let plain = if line.contains(|c: char| c.is_control() && c != '\t') || line.contains('\u{9b}') {
        strip_escapes(line)
    } else {
        line.to_string()
    };
    plain
        .trim_matches(|c: char| c.is_whitespace() || is_decoration(c))
        .to_string()
}

/// The cleaned lines of a paste (1-based line numbers are their index + 1), and whether it was cut to
/// [`MAX_EXAMINED_BYTES`].
pub(super) fn clean_lines(text: &str) -> (Vec<String>, bool) {
    let cut = floor_boundary(text, MAX_EXAMINED_BYTES);
    let truncated = cut < text.len();
    let lines = text[..cut].split('\n').map(clean_line).collect();
    (lines, truncated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning() {
        let (lines, truncated) = clean_lines(
            "\u{1b}[1mLogin method:\u{1b}[0m Claude Max Account\r\n│ API key: ANTHROPIC_API_KEY  │\r\n  ⎿  x\t\r\n\u{1b}]0;title\u{7}ok",
        );
        assert!(!truncated);
        assert_eq!(
            lines,
            [
                "Login method: Claude Max Account",
                "API key: ANTHROPIC_API_KEY",
                "x",
                "ok"
            ]
        );
        let big = "a".repeat(MAX_EXAMINED_BYTES + 10);
        let (lines, truncated) = clean_lines(&big);
        assert!(truncated);
        assert_eq!(lines[0].len(), MAX_LINE_BYTES);
        assert_eq!(floor_boundary("é", 1), 0);
    }
}
