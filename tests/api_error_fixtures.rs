//! The Anthropic API's documented error answers (`tests/fixtures/api-errors/`, sources in its README), classified
//! without the stand-in API: what the live test shows for each, and what the error box says when the same body is
//! pasted as Claude Code prints it (`API Error: <status> <body>`).
//!
//! Expectations about the API's own fields (status, error type, message, request id) are read from the fixture
//! with serde_json, independently of the page's parser.

use std::path::PathBuf;

use claude_auth_doctor::core::api::{self, Answer, HttpAnswer};
use claude_auth_doctor::core::codes::{CauseCode, OutcomeCode};
use claude_auth_doctor::core::knowledge::{self, Diagnosis};
use claude_auth_doctor::core::outcome::{self, Outcome};

use CauseCode as C;
use OutcomeCode as O;

/// Which request of the live test got the answer.
#[derive(Clone, Copy, Debug)]
enum Probe {
    /// `GET /v1/models`, the free check.
    Models,
    /// `POST /v1/messages` with one token, the billing probe.
    Messages,
}

/// The live test's verdict on an answer straight from Anthropic's API (no gateway). The one call into the
/// classifier.
fn live_test_outcome(probe: Probe, answer: &HttpAnswer) -> Outcome {
    let kind = match probe {
        Probe::Models => api::Probe::Models,
        Probe::Messages => api::Probe::Messages {
            model: "claude-opus-5".into(),
        },
    };
    outcome::classify(&kind, false, &Answer::Http(answer.clone()))
}

/// What the error box says about a text pasted from Claude Code. The one call into the knowledge tables.
fn error_box(printed: &str) -> Diagnosis {
    knowledge::diagnose(printed)
}

/// One documented answer and what the page makes of it.
struct Case {
    file: &'static str,
    /// The live test's outcome, on the models check and on the billing probe alike.
    outcome: OutcomeCode,
    /// The error box's cause for `API Error: <status> <body>`.
    cause: CauseCode,
}

const CASES: &[Case] = &[
    // A 400 says nothing about the key unless its message does (the spend-limit message below does).
    Case {
        file: "400-invalid_request_error.http",
        outcome: O::Unknown,
        cause: C::Unknown,
    },
    Case {
        file: "400-invalid_request_error-spend-limit.http",
        outcome: O::SpendLimit,
        cause: C::SpendLimit,
    },
    // An authentication_error whose message is none of the known ones: the live test shows it as it came; the
    // error box reads the type as a refused credential.
    Case {
        file: "401-authentication_error.http",
        outcome: O::Unknown,
        cause: C::InvalidCredentials,
    },
    Case {
        file: "401-authentication_error-cors.http",
        outcome: O::CorsDisabledOrg,
        cause: C::CorsHeaderMissing,
    },
    Case {
        file: "402-billing_error.http",
        outcome: O::LowCredit,
        cause: C::LowCredit,
    },
    Case {
        file: "403-permission_error.http",
        outcome: O::Permission,
        cause: C::InvalidCredentials,
    },
    Case {
        file: "404-not_found_error.http",
        outcome: O::NotFound,
        cause: C::Unknown,
    },
    Case {
        file: "404-not_found_error-id-in-header-only.http",
        outcome: O::NotFound,
        cause: C::Unknown,
    },
    Case {
        file: "409-conflict_error.http",
        outcome: O::Unknown,
        cause: C::Unknown,
    },
    Case {
        file: "413-request_too_large.http",
        outcome: O::Unknown,
        cause: C::Unknown,
    },
    Case {
        file: "429-rate_limit_error.http",
        outcome: O::RateLimited,
        cause: C::RateLimit,
    },
    Case {
        file: "429-rate_limit_error-spend-cap.http",
        outcome: O::SpendLimit,
        cause: C::SpendLimit,
    },
    Case {
        file: "500-api_error.http",
        outcome: O::ServerError,
        cause: C::Unknown,
    },
    // No cause names a server error, so unknown is the honest reading (with a note that the server failed, not the
    // credential); "request timed out" is also a network text, which must not win here: the server was reached.
    Case {
        file: "504-timeout_error.http",
        outcome: O::ServerError,
        cause: C::Unknown,
    },
    // The rate-limit cause covers an overloaded API (529) too.
    Case {
        file: "529-overloaded_error.http",
        outcome: O::Overloaded,
        cause: C::RateLimit,
    },
];

/// A fixture: an HTTP answer as the API sends it (status line, headers, blank line, body).
struct Fixture {
    file: &'static str,
    answer: HttpAnswer,
    /// The body as JSON, read with serde_json.
    json: serde_json::Value,
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/api-errors")
}

fn load(file: &'static str) -> Fixture {
    let path = fixtures_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = text.replace("\r\n", "\n");
    let (head, body) = text
        .split_once("\n\n")
        .unwrap_or_else(|| panic!("{file}: no blank line after the headers"));
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("{file}: bad status line {status_line:?}"));
    let headers = lines
        .map(|line| {
            let (name, value) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("{file}: bad header line {line:?}"));
            (name.trim().to_ascii_lowercase(), value.trim().to_string())
        })
        .collect();
    let body = body.trim_end().to_string();
    let json =
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{file}: body is not JSON: {e}"));
    Fixture {
        file,
        answer: HttpAnswer {
            status,
            headers,
            body,
        },
        json,
    }
}

impl Fixture {
    fn error_field(&self, field: &str) -> String {
        self.json["error"][field]
            .as_str()
            .unwrap_or_else(|| panic!("{}: no error.{field}", self.file))
            .to_string()
    }

    fn body_request_id(&self) -> Option<String> {
        self.json["request_id"].as_str().map(str::to_string)
    }

    /// What Claude Code prints for this answer.
    fn as_printed_by_claude_code(&self) -> String {
        format!("API Error: {} {}", self.answer.status, self.answer.body)
    }
}

#[test]
fn every_fixture_has_a_case_and_every_case_a_fixture() {
    let mut files: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("the fixtures directory")
        .map(|entry| entry.expect("a directory entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".http"))
        .collect();
    files.sort();
    let mut cases: Vec<String> = CASES.iter().map(|c| c.file.to_string()).collect();
    cases.sort();
    assert_eq!(files, cases);
}

/// The documented shape holds in every fixture (so the cases below test the API's format, not a typo).
#[test]
fn fixtures_have_the_documented_shape() {
    for case in CASES {
        let f = load(case.file);
        assert_eq!(f.json["type"], "error", "{}", f.file);
        let error_type = f.error_field("type");
        assert!(
            f.file[4..].starts_with(&error_type),
            "{}: error.type {error_type}",
            f.file
        );
        assert!(f.file.starts_with(&f.answer.status.to_string()));
        assert!(!f.error_field("message").is_empty());
        let header_id = f.answer.header("request-id").expect("a request-id header");
        assert!(header_id.starts_with("req_"), "{}", f.file);
        if let Some(body_id) = f.body_request_id() {
            assert_eq!(body_id, header_id, "{}", f.file);
        }
    }
}

#[test]
fn the_live_test_shows_each_documented_error_with_its_details() {
    for case in CASES {
        let f = load(case.file);
        let request_id = f
            .body_request_id()
            .or_else(|| f.answer.header("request-id").map(str::to_string));
        for probe in [Probe::Models, Probe::Messages] {
            let shown = live_test_outcome(probe, &f.answer);
            let at = format!("{} on {probe:?}", f.file);
            assert_eq!(shown.code, case.outcome, "{at}");
            assert_eq!(shown.status, Some(f.answer.status), "{at}");
            assert_eq!(shown.error_type, Some(f.error_field("type")), "{at}");
            assert_eq!(shown.message, Some(f.error_field("message")), "{at}");
            assert_eq!(shown.request_id, request_id, "{at}");
            match f.answer.header("retry-after") {
                Some(wait) => assert!(
                    shown
                        .next_steps
                        .first()
                        .is_some_and(|step| step.contains(&format!("retry-after: {wait}"))),
                    "{at}: {:?}",
                    shown.next_steps
                ),
                None => assert!(
                    shown.next_steps.iter().all(|s| !s.contains("retry-after:")),
                    "{at}"
                ),
            }
        }
    }
}

#[test]
fn the_error_box_reads_each_documented_error_as_claude_code_prints_it() {
    for case in CASES {
        let f = load(case.file);
        let read = error_box(&f.as_printed_by_claude_code());
        assert_eq!(read.cause, case.cause, "{}", f.file);
        assert_eq!(read.status, Some(f.answer.status), "{}", f.file);
        assert_eq!(
            read.api_message,
            Some(f.error_field("message")),
            "{}",
            f.file
        );
        // Claude Code prints the body only, so an id that came in the header alone is not in the text.
        assert_eq!(read.request_id, f.body_request_id(), "{}", f.file);
    }
}
