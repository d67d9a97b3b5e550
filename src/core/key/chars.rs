//! Character classes of pasted text: the key alphabet, blanks and line breaks, quotes, masking characters,
//! invisible characters, look-alikes of ASCII letters, plain descriptions of characters that cannot be in a key,
//! and the small case-insensitive string helpers the other parts share. All linear, none panics.

pub(super) fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

pub(super) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whitespace in the broad sense (NBSP and other Unicode spaces included).
pub(super) fn is_ws(c: char) -> bool {
    c.is_whitespace()
}

pub(super) fn is_quote(c: char) -> bool {
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
pub(super) fn is_mask_char(c: char) -> bool {
    matches!(
        c,
        '*' | '\u{2022}' | '\u{25cf}' | '\u{2026}' | '\u{2219}' | '\u{b7}' | '\u{25aa}'
    )
}

/// Invisible characters removed everywhere, by category.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Invisible {
    ZeroWidth,
    Bom,
    SoftHyphen,
    Bidi,
    Control,
}

pub(super) fn invisible(c: char) -> Option<Invisible> {
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
pub(super) fn lookalike(c: char) -> Option<(char, &'static str)> {
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
pub(super) fn describe_bad_char(c: char) -> String {
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

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub(super) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

pub(super) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    if starts_with_ci(s, prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// Byte offset of the first case-insensitive occurrence of an ASCII `needle`. Linear (the needle is short).
pub(super) fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_ci_works_at_edges() {
        assert_eq!(find_ci("abcX-API-KEY:", "x-api-key:"), Some(3));
        assert_eq!(find_ci("ab", "abc"), None);
        assert_eq!(find_ci("", "a"), None);
    }
}
