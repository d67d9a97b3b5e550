//! What the page knows about Claude Code's authentication messages, in two tables: [`MESSAGES`] (message → cause,
//! with versions, a verbatim example and the source) and [`CAUSES`] (what a cause means, where it comes from, the
//! fix). [`diagnose`] reads pasted text with them; the live test's classifier (`core::outcome`) reads the API's own
//! messages with [`api_message_row`]; the build-time reference lists every cause with the messages that lead to it.

mod causes;
mod messages;
pub mod text;

/// Text only the build-time reference and the native tests read (a message's example and versions, every source):
/// the WebAssembly never shows it, so there it is an empty value and its words are not in the module.
#[cfg(not(target_arch = "wasm32"))]
pub type Doc = &'static str;
/// Text only the build-time reference and the native tests read: empty in the WebAssembly.
#[cfg(target_arch = "wasm32")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Doc;

/// Keeps `text` where it is read (natively), drops it from the WebAssembly.
#[cfg(not(target_arch = "wasm32"))]
pub const fn doc(text: &'static str) -> Doc {
    text
}
/// Keeps `text` where it is read (natively), drops it from the WebAssembly.
#[cfg(target_arch = "wasm32")]
pub const fn doc(_text: &'static str) -> Doc {
    Doc
}

/// A list only the build-time reference and the native tests read: empty in the WebAssembly.
#[cfg(not(target_arch = "wasm32"))]
pub type Docs = &'static [&'static str];
/// A list only the build-time reference and the native tests read: empty in the WebAssembly.
#[cfg(target_arch = "wasm32")]
pub type Docs = Doc;

/// Keeps `list` where it is read (natively), drops it from the WebAssembly.
#[cfg(not(target_arch = "wasm32"))]
pub const fn docs(list: &'static [&'static str]) -> Docs {
    list
}
/// Keeps `list` where it is read (natively), drops it from the WebAssembly.
#[cfg(target_arch = "wasm32")]
pub const fn docs(_list: &'static [&'static str]) -> Docs {
    Doc
}

pub use causes::{cause, fix, for_outcome, Cause, Fix, Tone, CAUSES};
pub use messages::{Message, Origin, Stage, MESSAGES};

use crate::core::codes::CauseCode;

/// The diagnosis of a pasted error text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    pub cause: CauseCode,
    pub entry: &'static Cause,
    /// The row that decided (None for a gateway's own rejection recognised by its shape, or nothing known).
    pub message: Option<&'static Message>,
    /// Other causes the text also shows (a notice beside an error), strongest first; never the cause itself.
    pub also: Vec<CauseCode>,
    /// The HTTP status named in the text.
    pub status: Option<u16>,
    /// The `req_…` id from the text (support asks for it).
    pub request_id: Option<String>,
    /// `error.message` of an embedded JSON body.
    pub api_message: Option<String>,
}

impl Diagnosis {
    /// The fragment that matched, for display.
    pub fn matched(&self) -> Option<&'static str> {
        self.message.and_then(|m| m.fragments.first().copied())
    }

    /// What the deciding message adds to its cause's words, and what the other causes in the text mean for it.
    pub fn notes(&self) -> Vec<String> {
        let mut notes: Vec<String> = self
            .message
            .map(|m| m.note)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .into_iter()
            .collect();
        if self.cause == CauseCode::Unknown && self.message.is_none() {
            if let Some(status) = self.status.filter(|s| *s >= 500) {
                notes.push(format!(
                    "A {status} is a server-side error, from the API or a gateway: it says nothing about your \
                     credential."
                ));
            }
        }
        for other in &self.also {
            let entry = cause(*other);
            notes.push(match other {
                CauseCode::AuthConflict => format!(
                    "The text also holds Claude Code's notice that two credentials are set: the one that failed may \
                     not be the one you meant to use. {}",
                    entry.fix.first
                ),
                _ => format!("The text also says: {}.", entry.title),
            });
        }
        notes
    }
}

fn matches(row: &Message, lower: &str, status: Option<u16>) -> bool {
    row.status.is_none_or(|s| Some(s) == status)
        && (!row.fragments.is_empty() || row.status.is_some())
        && row.fragments.iter().all(|f| lower.contains(f))
}

/// Diagnoses what Claude Code printed: decorations, JSON bodies and JSON-escaped text included, any case. When the
/// text holds several messages, the one to act on wins: a specific message, then a gateway's own 401/403, then a
/// notice, then the broad hints. Never panics; linear in the input (times the table's size).
pub fn diagnose(text: &str) -> Diagnosis {
    let unescaped = text::unescape(&text::unescape(text));
    let lower = text::normalize(&unescaped);
    let found = text::status_in(&lower);
    let status = found.map(|(s, _)| s);
    let hits: Vec<&'static Message> = MESSAGES
        .iter()
        .filter(|row| matches(row, &lower, status))
        .collect();
    let first = |stage: Stage| hits.iter().copied().find(|row| row.stage == stage);
    let gateway = text::gateway_shaped(&lower, found);
    let (cause, message) = match first(Stage::Specific) {
        Some(row) => (row.cause, Some(row)),
        None if gateway => (CauseCode::GatewayAuth, None),
        None => match first(Stage::Notice).or_else(|| first(Stage::Generic)) {
            Some(row) => (row.cause, Some(row)),
            None => (CauseCode::Unknown, None),
        },
    };
    let mut also = Vec::new();
    for row in &hits {
        let shown = row.stage != Stage::Generic
            && row.cause != cause
            && row.cause != CauseCode::Unknown
            && !also.contains(&row.cause);
        if shown {
            also.push(row.cause);
        }
    }
    if gateway && cause != CauseCode::GatewayAuth && !also.contains(&CauseCode::GatewayAuth) {
        // A gateway's shape is weaker evidence than a message that names its cause: mention it only beside a notice.
        if message.is_some_and(|m| m.stage == Stage::Notice) {
            also.push(CauseCode::GatewayAuth);
        }
    }
    Diagnosis {
        cause,
        entry: causes::cause(cause),
        message,
        also,
        status,
        request_id: text::request_id(&unescaped),
        api_message: text::api_message(&unescaped),
    }
}

/// The row for an error message in the API's own body (`error.message`, and `error.details.error_code` when there
/// is one), if the table knows it: what the live test uses to name an Anthropic answer.
pub fn api_message_row(message: &str, error_code: Option<&str>) -> Option<&'static Message> {
    let mut lower = text::normalize(message);
    if let Some(code) = error_code {
        lower.push(' ');
        lower.push_str(&text::normalize(code));
    }
    MESSAGES
        .iter()
        .filter(|row| row.origin == Origin::Api && !row.fragments.is_empty())
        .find(|row| row.fragments.iter().all(|f| lower.contains(f)))
}

/// Every message that leads to a cause, in table order (for the reference).
pub fn messages_for(code: CauseCode) -> impl Iterator<Item = &'static Message> {
    MESSAGES.iter().filter(move |row| row.cause == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::codes::OutcomeCode;

    #[test]
    fn one_complete_cause_entry_per_code_in_order() {
        assert_eq!(CAUSES.len(), CauseCode::ALL.len());
        for (entry, &code) in CAUSES.iter().zip(CauseCode::ALL) {
            assert_eq!(entry.code, code);
            assert_eq!(cause(code).code, code);
            assert!(
                !entry.title.is_empty()
                    && !entry.meaning.is_empty()
                    && !entry.fix.first.is_empty()
                    && entry.fix.steps().all(|step| !step.is_empty())
                    && !entry.comes_from.is_empty()
                    && !entry.source.is_empty(),
                "{code}"
            );
        }
    }

    #[test]
    fn an_outcome_takes_its_words_from_at_most_one_cause() {
        for &code in OutcomeCode::ALL {
            let owners = CAUSES.iter().filter(|c| c.outcome == Some(code)).count();
            assert!(owners <= 1, "{code} has {owners} causes");
        }
    }

    #[test]
    fn every_row_is_normalized_and_sourced() {
        for row in MESSAGES {
            for f in row.fragments {
                assert_eq!(&text::normalize(f), f, "fragment not in normalized form");
            }
            assert!(!row.fragments.is_empty() || row.status.is_some());
            assert!(!row.example.is_empty() && !row.source.is_empty() && !row.versions.is_empty());
        }
    }

    #[test]
    fn no_two_rows_claim_the_same_fragments_for_different_causes() {
        for (i, a) in MESSAGES.iter().enumerate() {
            for b in &MESSAGES[i + 1..] {
                if a.fragments == b.fragments && a.status == b.status {
                    assert_eq!(
                        a.cause, b.cause,
                        "{:?} is claimed by {} and {}",
                        a.fragments, a.cause, b.cause
                    );
                }
            }
        }
    }

    #[test]
    fn every_row_s_example_diagnoses_to_its_cause() {
        for row in MESSAGES {
            let d = diagnose(row.example);
            assert_eq!(
                d.cause, row.cause,
                "{:?} → {}, expected {}",
                row.example, d.cause, row.cause
            );
        }
    }

    #[test]
    fn the_api_s_own_messages_are_found_for_the_live_test() {
        for row in MESSAGES
            .iter()
            .filter(|r| r.origin == Origin::Api && !r.fragments.is_empty())
        {
            if row.fragments.iter().all(|f| !f.contains('"')) {
                let found = api_message_row(row.example, None).map(|r| r.cause);
                assert_eq!(found, Some(row.cause), "{:?}", row.example);
            }
        }
        assert_eq!(
            api_message_row(
                "You have reached your API usage limits",
                Some("enforced_spend_limit_reached")
            )
            .map(|r| r.cause),
            Some(CauseCode::SpendLimit)
        );
    }

    #[test]
    fn extracts_request_id_and_message() {
        let d = diagnose(
            r#"API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"#,
        );
        assert_eq!(d.cause, CauseCode::InvalidApiKey);
        assert_eq!(d.status, Some(401));
        assert_eq!(
            d.request_id.as_deref(),
            Some("req_011CSHoEeqs5C35K2UUqR7Fy")
        );
        assert_eq!(d.api_message.as_deref(), Some("invalid x-api-key"));
        assert_eq!(d.matched(), Some("invalid x-api-key"));
    }

    #[test]
    fn the_message_to_act_on_wins_and_names_the_others() {
        let d = diagnose(
            "⚠ Auth conflict: Both a token (claude.ai) and an API key (ANTHROPIC_API_KEY) are set.\n\
             Invalid API key · Fix external API key",
        );
        assert_eq!(d.cause, CauseCode::InvalidApiKey);
        assert_eq!(d.also, vec![CauseCode::AuthConflict]);
        assert!(d.notes().iter().any(|n| n.contains("two credentials")));
        let d = diagnose("⚠ Both ANTHROPIC_AUTH_TOKEN and /login managed key set · auth may not work as expected");
        assert_eq!(d.cause, CauseCode::AuthConflict);
        let d = diagnose("Please run /login · API Error: 401 {\"detail\":\"Invalid API key\"}");
        assert_eq!(d.cause, CauseCode::GatewayAuth);
    }
}
