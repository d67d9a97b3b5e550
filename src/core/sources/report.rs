//! The pre-flight script's `--report` format: written by the scripts of [`crate::core::preflight`], read back here.
//!
//! ```text
//! == claude-preflight report ==
//! shell: bash
//! == environment ==
//! ANTHROPIC_API_KEY=sk-ant-api03-...Xy1A (108 chars)
//! ANTHROPIC_BASE_URL=https://gateway.example.com
//! == settings user ~/.claude/settings.json ==
//! env.ANTHROPIC_AUTH_TOKEN=...9f3c (40 chars; line-break)
//! env.ANTHROPIC_API_KEY=""
//! apiKeyHelper=(23 chars)
//! == profile lines ==
//! ~/.zshrc:12: ANTHROPIC_API_KEY=sk-ant-api03-...Xy1A (108 chars)
//! ~/.bashrc:3: ANTHROPIC_API_KEY=(computed)
//! == claude --version ==
//! 2.1.332 (Claude Code)
//! == claude auth status ==
//! { "loggedIn": true, "authMethod": "claude.ai", … }
//! == end of report ==
//! ```
//!
//! Secret values appear only masked: the known prefix (`sk-ant-api03-`), `...` and the last four characters when
//! the value is long enough, its length, and after `;` the problems found (key-check finding codes:
//! `line-break`, `surrounding-whitespace`, `quotes`, `invisible-char`). `""` is an empty value, `(computed)` a
//! value set from a command or another variable. Non-secret variables (switches, the base URL, profile names)
//! appear as they are. Only variables that are set are listed.

use super::blocks::tracked;
use super::values::{self, Raw};
use super::SettingsScope;

/// First line of a report.
pub const START: &str = "== claude-preflight report ==";
/// Last line of a report.
pub const END: &str = "== end of report ==";
/// The section of the shell's environment variables.
pub const ENVIRONMENT: &str = "== environment ==";
/// The section of profile lines (`FILE:LINE: NAME=value`).
pub const PROFILES: &str = "== profile lines ==";
/// The section of `claude --version`.
pub const VERSION: &str = "== claude --version ==";
/// The section of `claude auth status`.
pub const AUTH_STATUS: &str = "== claude auth status ==";
/// A settings section header starts with this, then the scope word and the file.
pub const SETTINGS_PREFIX: &str = "== settings ";
/// A settings line names the `env` member with this prefix.
pub const ENV_PREFIX: &str = "env.";
/// An empty value.
pub const EMPTY: &str = "\"\"";
/// A value set from a command or another variable.
pub const COMPUTED: &str = "(computed)";

/// A section of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Section {
    Preamble,
    Environment,
    Settings(Option<SettingsScope>),
    Profiles,
    Version,
    AuthStatus,
}

pub(super) enum Header {
    Start,
    End,
    /// A section, and the file it shows (settings sections).
    Section(Section, Option<String>),
}

/// Recognises a report header line.
pub(super) fn header(line: &str) -> Option<Header> {
    Some(match line {
        START => Header::Start,
        END => Header::End,
        ENVIRONMENT => Header::Section(Section::Environment, None),
        PROFILES => Header::Section(Section::Profiles, None),
        VERSION => Header::Section(Section::Version, None),
        AUTH_STATUS => Header::Section(Section::AuthStatus, None),
        _ => {
            let rest = line.strip_prefix(SETTINGS_PREFIX)?.strip_suffix(" ==")?;
            let (scope, file) = rest.split_once(' ')?;
            Header::Section(
                Section::Settings(SettingsScope::from_code(scope)),
                Some(file.trim().to_string()),
            )
        }
    })
}

/// A recognised report line.
pub(super) enum Line {
    /// A variable or setting and its (masked) value; `file` and `line` for a profile line.
    Variable {
        name: &'static str,
        raw: Raw,
        file: Option<String>,
        line: Option<usize>,
    },
    /// A line of the section that names nothing tracked.
    Other,
}

/// Reads a shown value back.
fn shown(name: &str, text: &str) -> Raw {
    let t = text.trim();
    if t == EMPTY {
        return Raw::Empty;
    }
    if t == COMPUTED {
        return Raw::Computed;
    }
    if super::order::is_secret(name) || name == super::order::HELPER {
        if let Some(m) = values::masked(t) {
            return Raw::Masked(m);
        }
    }
    values::classify(t.to_string())
}

/// `NAME=value` with a tracked name.
fn variable(text: &str) -> Option<(&'static str, Raw)> {
    let (name, value) = text.split_once('=')?;
    let name = tracked(name.trim())?;
    Some((name, shown(name, value)))
}

/// Reads a line of a section; `None` leaves it to the general recognisers (the JSON of `claude auth status`, the
/// version line).
pub(super) fn line(section: Section, line: &str) -> Option<Line> {
    match section {
        Section::Environment => Some(match variable(line) {
            Some((name, raw)) => Line::Variable {
                name,
                raw,
                file: None,
                line: None,
            },
            None => Line::Other,
        }),
        Section::Settings(_) => {
            let member = line.strip_prefix(ENV_PREFIX).unwrap_or(line);
            Some(match variable(member) {
                Some((name, raw)) => Line::Variable {
                    name,
                    raw,
                    file: None,
                    line: None,
                },
                None => Line::Other,
            })
        }
        Section::Profiles => {
            let (place, assignment) = line.split_once(": ")?;
            let (file, number) = place.rsplit_once(':')?;
            let (name, raw) = variable(assignment)?;
            Some(Line::Variable {
                name,
                raw,
                file: Some(file.to_string()),
                line: number.parse().ok(),
            })
        }
        Section::Preamble => Some(Line::Other),
        Section::Version | Section::AuthStatus => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert!(matches!(header(START), Some(Header::Start)));
        assert!(matches!(
            header("== settings local .claude/settings.local.json =="),
            Some(Header::Section(Section::Settings(Some(SettingsScope::Local)), Some(f))) if f == ".claude/settings.local.json"
        ));
        assert!(header("== something ==").is_none());
    }

    #[test]
    fn lines() {
        let Some(Line::Variable {
            name,
            raw,
            file,
            line: n,
        }) = line(
            Section::Profiles,
            "~/.zshrc:12: ANTHROPIC_API_KEY=sk-ant-api03-...Xy1A (108 chars)",
        )
        else {
            panic!()
        };
        assert_eq!(
            (name, file.as_deref(), n),
            ("ANTHROPIC_API_KEY", Some("~/.zshrc"), Some(12))
        );
        assert!(matches!(raw, Raw::Masked(m) if m.length == Some(108)));
        let Some(Line::Variable { raw, .. }) =
            line(Section::Settings(None), "env.ANTHROPIC_API_KEY=\"\"")
        else {
            panic!()
        };
        assert_eq!(raw, Raw::Empty);
        let Some(Line::Variable { raw, .. }) = line(
            Section::Environment,
            "ANTHROPIC_BASE_URL=http://127.0.0.1:9",
        ) else {
            panic!()
        };
        assert_eq!(raw, Raw::Full("http://127.0.0.1:9".into()));
        assert!(line(Section::AuthStatus, "{").is_none());
    }
}
