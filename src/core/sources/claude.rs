//! What Claude Code itself says about its credential: the `/status` panel and `claude auth status --text` rows,
//! `claude auth status` JSON, and the messages it prints. These are authoritative where they say what is in use.
//!
//! Sources: Claude Code docs, "commands" and "authentication" (`/status` rows `Login method`, `Auth token`,
//! `API key`, `Profile`, `Anthropic base URL`; "`/status` marks the credential that isn't in use"), "cli-reference"
//! (`claude auth status`: JSON by default, `--text`, exit 0 logged in / 1 not), "errors" (messages); the Claude
//! Code CLI 2.1.332 as seen on 2026-12-02 (`--text` rows end with `· not in use` for an overridden source,
//! `authMethod` values, the notice `Both claude.ai and ANTHROPIC_API_KEY set · auth may not work as expected`).

use super::blocks::Said;
use super::order::{auth_method, provider_named, rank_of, source_named};
use super::BlockKind;
use crate::core::codes::SourceCode;

/// The row labels that say something about credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    LoginMethod,
    /// `Auth token` and `API key`: a source name.
    SourceName,
    Provider,
    BaseUrl,
    Profile,
    Login,
    /// `Organization`, `Email`: part of the panel, nothing to decide.
    Account,
    Version,
}

const ROWS: &[(&str, Row)] = &[
    ("Login method", Row::LoginMethod),
    ("Auth token", Row::SourceName),
    ("API key", Row::SourceName),
    ("API provider", Row::Provider),
    ("Anthropic base URL", Row::BaseUrl),
    ("Profile", Row::Profile),
    ("Login", Row::Login),
    ("Organization", Row::Account),
    ("Email", Row::Account),
    ("Version", Row::Version),
];

/// Messages Claude Code prints, as lowercase fragments, and what they say.
const MESSAGES: &[(&str, Message)] = &[
    // auth status --text: `Not logged in. Run claude auth login to authenticate.` (no credential where it ran).
    ("not logged in. run claude auth login", Message::LoggedOut),
    // errors: `Not logged in · Please run /login`; the full-screen UI's status line `Not logged in · run /login`.
    ("not logged in", Message::NotLoggedInError),
    // errors: `Login expired · Please run /login` (≥ 2.1.206); `OAuth token has expired · Please run /login`.
    ("login expired", Message::Expired),
    ("oauth token has expired", Message::Expired),
    // 2.1.332: a declined key: `ANTHROPIC_API_KEY not used here · turn on "Use custom API key" in /config`.
    ("anthropic_api_key not used here", Message::KeyDeclined),
    // The approval prompt: `Detected a custom API key in your environment`.
    ("detected a custom api key", Message::KeyPresent),
    // Notices: `⚠ Both claude.ai and ANTHROPIC_API_KEY set · auth may not work as expected`, and the older
    // `Auth conflict: Both a token (SOURCE) and an API key (SOURCE) are set.`
    ("auth may not work as expected", Message::BothSet),
    ("auth conflict: both a token", Message::BothSet),
    // 2.1.332's start-up banner names the plan when the login is in use (`Opus 5.5 · Claude Max`); it says
    // `API Usage Billing` otherwise, even for a declined key with no login, so only a plan name is read.
    ("· claude max", Message::PlanBanner),
    ("· claude pro", Message::PlanBanner),
    ("· claude team", Message::PlanBanner),
    ("· claude enterprise", Message::PlanBanner),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Message {
    LoggedOut,
    NotLoggedInError,
    Expired,
    KeyDeclined,
    KeyPresent,
    BothSet,
    PlanBanner,
}

/// One code as a static slice.
fn one(code: SourceCode) -> &'static [SourceCode] {
    let i = SourceCode::ALL.iter().position(|c| *c == code).unwrap_or(0);
    &SourceCode::ALL[i..i + 1]
}

fn row(line: &str) -> Option<(Row, &str)> {
    let (label, value) = line.split_once(':')?;
    let label = label.trim();
    ROWS.iter()
        .find(|(l, _)| *l == label)
        .map(|(_, r)| (*r, value.trim()))
}

/// Whether a line is a `/status` row about credentials.
pub(super) fn is_row(line: &str) -> bool {
    row(line).is_some()
}

/// What a row or message line says, and the block it belongs to. `auth_text` when the line follows
/// `claude auth status --text`.
pub(super) fn line(line: &str, auth_text: bool) -> Option<(BlockKind, Vec<Said>)> {
    if let Some((row, value)) = row(line) {
        let panel = if auth_text {
            BlockKind::AuthStatusText
        } else {
            BlockKind::StatusPanel
        };
        let mut parts = value.split('·').map(str::trim);
        let value = parts.next().unwrap_or("");
        let not_in_use = parts.any(|p| p.eq_ignore_ascii_case("not in use"));
        let mut said = Vec::new();
        let none = value.is_empty() || value.eq_ignore_ascii_case("none");
        match row {
            Row::LoginMethod if !none => said.push(Said::Present(SourceCode::Login)),
            Row::SourceName | Row::Profile if !none => {
                let code = if row == Row::Profile {
                    Some(SourceCode::Profile)
                } else {
                    source_named(value)
                };
                if let Some(code) = code {
                    said.push(if not_in_use {
                        Said::NotInUse(code)
                    } else if row == Row::Profile {
                        Said::Present(code)
                    } else {
                        Said::InUse(one(code))
                    });
                    if not_in_use {
                        said.push(Said::Present(code));
                    }
                }
            }
            Row::Provider => {
                if let Some(code) = provider_named(value) {
                    said.push(Said::InUse(one(code)));
                }
            }
            Row::BaseUrl if !none => said.push(Said::BaseUrl(value.to_string())),
            Row::Login if value.to_ascii_lowercase().starts_with("expired") => {
                said.push(Said::LoginExpired)
            }
            Row::Version if !none => said.push(Said::Version(value.chars().take(40).collect())),
            _ => {}
        }
        return Some((panel, said));
    }
    let lower = line.to_ascii_lowercase();
    let (_, message) = MESSAGES
        .iter()
        .find(|(fragment, _)| lower.contains(fragment))?;
    let said = match message {
        Message::LoggedOut => vec![Said::LoggedIn(false)],
        Message::NotLoggedInError => vec![Said::NotLoggedInError],
        Message::Expired => vec![Said::LoginExpired],
        Message::KeyDeclined => vec![
            Said::Present(SourceCode::ApiKey),
            Said::NotInUse(SourceCode::ApiKey),
        ],
        Message::KeyPresent => vec![Said::Present(SourceCode::ApiKey)],
        Message::BothSet => named_sources(line).into_iter().map(Said::Present).collect(),
        Message::PlanBanner => vec![Said::InUse(one(SourceCode::Login))],
    };
    let kind = if auth_text && *message == Message::LoggedOut {
        BlockKind::AuthStatusText
    } else {
        BlockKind::ClaudeMessage
    };
    Some((kind, said))
}

/// The source names inside a notice (`Both claude.ai and ANTHROPIC_API_KEY set`, `a token (apiKeyHelper)`).
fn named_sources(line: &str) -> Vec<SourceCode> {
    line.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '·'))
        .filter_map(source_named)
        .fold(Vec::new(), |mut acc, code| {
            if !acc.contains(&code) {
                acc.push(code);
            }
            acc
        })
}

/// What `claude auth status` JSON says. `authMethod` names what is in use (`third_party` through `apiProvider`);
/// an `apiKeySource` beside another method is a key that is present but not the one in use.
pub(super) fn auth_json(obj: &serde_json::Map<String, serde_json::Value>) -> Vec<Said> {
    let text = |k: &str| obj.get(k).and_then(|v| v.as_str());
    let mut said = Vec::new();
    if let Some(logged_in) = obj.get("loggedIn").and_then(|v| v.as_bool()) {
        said.push(Said::LoggedIn(logged_in));
    }
    let key_source = text("apiKeySource").and_then(source_named);
    match text("authMethod") {
        Some("third_party") => {
            if let Some(code) = text("apiProvider").and_then(provider_named) {
                said.push(Said::InUse(one(code)));
            }
        }
        Some("api_key") => said.push(Said::InUse(one(key_source.unwrap_or(SourceCode::ApiKey)))),
        Some(method) => {
            if let Some(codes) = auth_method(method).filter(|c| !c.is_empty()) {
                // The source in use outranks a source reported present beside it, so of the sources a method
                // covers only those above it remain: beside `apiKeySource: ANTHROPIC_API_KEY`, `oauth_token` can
                // only be ANTHROPIC_AUTH_TOKEN (with CLAUDE_CODE_OAUTH_TOKEN the key is used and the method reads
                // `api_key`, Claude Code 2.1.332).
                let above: Vec<SourceCode> = codes
                    .iter()
                    .copied()
                    .filter(|c| key_source.is_none_or(|k| rank_of(*c) < rank_of(k)))
                    .collect();
                said.push(Said::InUse(match above.as_slice() {
                    [code] => one(*code),
                    _ => codes,
                }));
            }
            if let Some(code) = key_source {
                said.push(Said::Present(code));
            }
        }
        None => {}
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows() {
        let (kind, said) = line("Auth token: claude.ai · not in use", true).unwrap();
        assert_eq!(kind, BlockKind::AuthStatusText);
        assert_eq!(
            said,
            [
                Said::NotInUse(SourceCode::Login),
                Said::Present(SourceCode::Login)
            ]
        );
        assert_eq!(
            line("API key: ANTHROPIC_API_KEY", false).unwrap().1,
            [Said::InUse(&[SourceCode::ApiKey])]
        );
        assert_eq!(
            line("API provider: AWS Bedrock", false).unwrap().1,
            [Said::InUse(&[SourceCode::Bedrock])]
        );
        assert_eq!(
            line("Login: Expired — log in again", false).unwrap().1,
            [Said::LoginExpired]
        );
        assert_eq!(line("Email: a@b.c", false).unwrap().1, []);
        assert!(line("Model: default", false).is_none());
    }

    #[test]
    fn messages() {
        // What a session prints: no credential, or (2.1.332) a Bearer credential the server refused.
        assert_eq!(
            line("Not logged in · Please run /login", false).unwrap().1,
            [Said::NotLoggedInError]
        );
        // What `claude auth status --text` prints: no credential where it ran.
        assert_eq!(
            line(
                "Not logged in. Run claude auth login to authenticate.",
                false
            )
            .unwrap()
            .1,
            [Said::LoggedIn(false)]
        );
        assert_eq!(
            line(
                "⚠ Both claude.ai and ANTHROPIC_API_KEY set · auth may not work as expected",
                false
            )
            .unwrap()
            .1,
            [
                Said::Present(SourceCode::Login),
                Said::Present(SourceCode::ApiKey)
            ]
        );
        assert_eq!(
            line("Auth conflict: Both a token (ANTHROPIC_AUTH_TOKEN) and an API key (apiKeyHelper) are set.", false)
                .unwrap()
                .1,
            [
                Said::Present(SourceCode::AuthToken),
                Said::Present(SourceCode::ApiKeyHelper)
            ]
        );
    }

    #[test]
    fn auth_status_json() {
        let parse = |s: &str| match serde_json::from_str::<serde_json::Value>(s).unwrap() {
            serde_json::Value::Object(o) => auth_json(&o),
            _ => unreachable!(),
        };
        assert_eq!(
            parse(
                r#"{"loggedIn":true,"authMethod":"claude.ai","apiKeySource":"ANTHROPIC_API_KEY"}"#
            ),
            [
                Said::LoggedIn(true),
                Said::InUse(&[SourceCode::Login]),
                Said::Present(SourceCode::ApiKey)
            ]
        );
        // `oauth_token` names three sources, but beside a key only ANTHROPIC_AUTH_TOKEN outranks it.
        assert_eq!(
            parse(r#"{"loggedIn":true,"authMethod":"oauth_token"}"#),
            [
                Said::LoggedIn(true),
                Said::InUse(&[
                    SourceCode::AuthToken,
                    SourceCode::OauthToken,
                    SourceCode::Profile
                ])
            ]
        );
        assert_eq!(
            parse(
                r#"{"loggedIn":true,"authMethod":"oauth_token","apiKeySource":"ANTHROPIC_API_KEY"}"#
            ),
            [
                Said::LoggedIn(true),
                Said::InUse(&[SourceCode::AuthToken]),
                Said::Present(SourceCode::ApiKey)
            ]
        );
        assert_eq!(
            parse(r#"{"loggedIn":true,"authMethod":"third_party","apiProvider":"vertex"}"#),
            [Said::LoggedIn(true), Said::InUse(&[SourceCode::Vertex])]
        );
        assert_eq!(
            parse(r#"{"loggedIn":false,"authMethod":"none","apiProvider":"firstParty"}"#),
            [Said::LoggedIn(false)]
        );
    }
}
