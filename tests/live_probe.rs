//! Native tests of the live test's core: base URLs, request plans, model choice, terminal commands and the
//! classification of answers, driven as far as possible by real HTTP answers from the loopback stand-in API
//! (tests/support/stand_in_api.rs), so the stand-in and the classifier are proven to agree.

use claude_auth_doctor::core::api::{smallest_model, Answer, HttpAnswer, Probe};
use claude_auth_doctor::core::base_url::{parse_base_url, BaseUrl, ANTHROPIC_BASE};
use claude_auth_doctor::core::codes::{AuthScheme, Kind, OutcomeCode, Shell, Verdict};
use claude_auth_doctor::core::key::{self, KeyReport};
use claude_auth_doctor::core::knowledge;
use claude_auth_doctor::core::outcome::{self, classify, words, Outcome, MAX_MESSAGE_CHARS};
use claude_auth_doctor::core::probe::{
    curl_command, plan, LiveResult, LiveRun, Next, PagePolicy, Plan, Refusal,
};
use std::collections::BTreeSet;
use std::time::Duration;

use crate::support::api_client::{raw_request, send};
use crate::support::stand_in_api::{self as stand_in, Options, StandIn, SCENARIOS};

const ORIGIN: &str = "http://127.0.0.1:9";
const FAST: Duration = Duration::from_secs(5);

/// A report with the stable fields set (other fields as `analyze("")` leaves them).
fn report(verdict: Verdict, kind: Kind, cleaned: Option<&str>) -> KeyReport {
    let mut r = key::analyze("");
    r.verdict = verdict;
    r.kind = kind;
    r.cleaned = cleaned.map(str::to_string);
    r
}

/// What the live test shows when the page refuses to send.
fn refused(planned: Result<Plan, Refusal>) -> Outcome {
    Outcome::blocked(&planned.expect_err("the page refuses").0)
}

fn ok_key(key: &str) -> KeyReport {
    report(Verdict::Ok, Kind::ApiKey, Some(key))
}

fn messages() -> Probe {
    Probe::Messages {
        model: stand_in::CHEAPEST_MODEL.to_string(),
    }
}

fn http(status: u16, body: &str) -> Answer {
    Answer::Http(HttpAnswer {
        status,
        headers: vec![],
        body: body.to_string(),
    })
}

fn http_with(status: u16, headers: &[(&str, &str)], body: &str) -> Answer {
    Answer::Http(HttpAnswer {
        status,
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        body: body.to_string(),
    })
}

fn api_error(error_type: &str, message: &str) -> String {
    serde_json::json!({"type": "error", "error": {"type": error_type, "message": message}, "request_id": "req_011CX"})
        .to_string()
}

/// Plans a probe for a well-formed key as against Anthropic (same headers as for any base), aimed at the stand-in.
fn plan_to(stand_in: &StandIn, kind: &Probe, scheme: AuthScheme, key: &str) -> Plan {
    let mut planned =
        plan(kind, &BaseUrl::anthropic(), scheme, &ok_key(key)).expect("a well-formed key is sent");
    planned.request.url = planned
        .request
        .url
        .replacen(ANTHROPIC_BASE, &stand_in.base_url(), 1);
    planned
}

// ---------------------------------------------------------------------------------------------------------------
// The stand-in and the classifier agree, scenario by scenario.

#[test]
fn every_stand_in_scenario_classifies_as_expected_for_both_schemes_and_probes() {
    let server = StandIn::start_with(Options { slow_ms: 1_500 });
    for scenario in SCENARIOS {
        for scheme in AuthScheme::ALL {
            for (kind, expected) in [
                (Probe::Models, scenario.models),
                (messages(), scenario.messages),
            ] {
                let planned = plan_to(&server, &kind, *scheme, scenario.key);
                let timeout = if scenario.behaviour == stand_in::Behaviour::Slow {
                    Duration::from_millis(400)
                } else {
                    FAST
                };
                let answer = send(&planned.request, Some(ORIGIN), timeout);
                let outcome = classify(&kind, true, &answer);
                assert_eq!(
                    outcome.code, expected,
                    "{} via {scheme} on {:?}: {outcome:#?}\nanswer: {answer:?}",
                    scenario.name, kind
                );
                assert!(!outcome.title.is_empty() && !outcome.full_explanation().is_empty());
                if let Answer::Http(h) = &answer {
                    assert_eq!(outcome.status, Some(h.status));
                    assert!(
                        outcome
                            .request_id
                            .as_deref()
                            .is_some_and(|r| r.starts_with("req_")),
                        "{}",
                        scenario.name
                    );
                }
            }
        }
    }
}

#[test]
fn the_stand_in_records_exactly_what_the_plan_sent() {
    let server = StandIn::start();
    let planned = plan_to(
        &server,
        &messages(),
        AuthScheme::XApiKey,
        stand_in::KEY_VALID,
    );
    let answer = send(&planned.request, Some(ORIGIN), FAST);
    assert_eq!(
        classify(&messages(), true, &answer).code,
        OutcomeCode::Valid
    );
    let planned_bearer = plan_to(
        &server,
        &Probe::Models,
        AuthScheme::Bearer,
        stand_in::KEY_VALID,
    );
    send(&planned_bearer.request, Some(ORIGIN), FAST);

    let recorded = server.requests();
    assert_eq!(recorded.len(), 2);
    let post = &recorded[0];
    assert_eq!(post.method, "POST");
    assert_eq!(post.path, "/v1/messages");
    assert_eq!(post.header("x-api-key"), Some(stand_in::KEY_VALID));
    assert_eq!(post.header("authorization"), None);
    assert_eq!(post.header("anthropic-version"), Some("2023-06-01"));
    assert_eq!(
        post.header("anthropic-dangerous-direct-browser-access"),
        Some("true")
    );
    assert_eq!(post.header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_str(&post.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"model": stand_in::CHEAPEST_MODEL, "max_tokens": 1,
                           "messages": [{"role": "user", "content": "."}]})
    );
    let get = &recorded[1];
    assert_eq!(
        (get.method.as_str(), get.path.as_str()),
        ("GET", "/v1/models")
    );
    assert_eq!(
        get.header("authorization").map(str::to_string),
        Some(format!("Bearer {}", stand_in::KEY_VALID))
    );
    assert_eq!(get.header("x-api-key"), None);
    assert_eq!(get.header("content-type"), None);
    assert!(get.body.is_empty());
}

#[test]
fn the_models_list_of_the_stand_in_yields_the_model_for_the_billing_probe() {
    let server = StandIn::start();
    for (key, cheapest) in [
        (stand_in::KEY_VALID, stand_in::CHEAPEST_MODEL),
        (
            stand_in::KEY_GATEWAY_OPENAI_SHAPE,
            stand_in::GATEWAY_CHEAPEST_MODEL,
        ),
    ] {
        let planned = plan_to(&server, &Probe::Models, AuthScheme::XApiKey, key);
        let Answer::Http(answer) = send(&planned.request, Some(ORIGIN), FAST) else {
            panic!("no answer")
        };
        let model = smallest_model(&answer.body).expect("a model");
        assert_eq!(model, cheapest);
        let kind = Probe::Messages { model };
        let planned = plan_to(&server, &kind, AuthScheme::XApiKey, key);
        let outcome = classify(&kind, true, &send(&planned.request, Some(ORIGIN), FAST));
        assert_eq!(outcome.code, OutcomeCode::Valid, "{outcome:#?}");
    }
}

#[test]
fn an_unknown_model_is_not_found_on_messages_with_a_note() {
    let server = StandIn::start();
    let kind = Probe::Messages {
        model: "claude-none-0".to_string(),
    };
    let planned = plan_to(&server, &kind, AuthScheme::XApiKey, stand_in::KEY_VALID);
    let outcome = classify(&kind, true, &send(&planned.request, Some(ORIGIN), FAST));
    assert_eq!(outcome.code, OutcomeCode::NotFound);
    assert_eq!(outcome.message.as_deref(), Some("model: claude-none-0"));
    assert!(outcome.explanation.contains("model"));
}

#[test]
fn the_full_chain_from_pasted_key_through_plan_reaches_the_stand_in_as_a_gateway() {
    let server = StandIn::start_with(Options { slow_ms: 1_500 });
    let base = parse_base_url(&server.base_url()).unwrap();
    assert!(!base.is_anthropic());
    for scenario in SCENARIOS
        .iter()
        .filter(|s| s.behaviour != stand_in::Behaviour::Slow)
    {
        let report = key::analyze(scenario.key);
        assert_eq!(
            report.verdict,
            Verdict::Ok,
            "{} must pass the page's format check",
            scenario.name
        );
        for scheme in AuthScheme::ALL {
            let planned = plan(&Probe::Models, &base, *scheme, &report)
                .expect("a gateway credential is sent");
            assert!(planned.notes.iter().any(|n| n.contains("not judged")));
            let outcome = classify(
                &Probe::Models,
                true,
                &send(&planned.request, Some(ORIGIN), FAST),
            );
            assert_eq!(
                outcome.code, scenario.models,
                "{} via {scheme}",
                scenario.name
            );
        }
    }
    // A pasted key with noise is cleaned before it goes to the gateway.
    let noisy = format!("  \"{}\"\n", stand_in::KEY_VALID);
    let planned = plan(
        &Probe::Models,
        &base,
        AuthScheme::XApiKey,
        &key::analyze(&noisy),
    )
    .unwrap();
    assert_eq!(
        planned.request.header("x-api-key"),
        Some(stand_in::KEY_VALID)
    );
    assert_eq!(
        classify(
            &Probe::Models,
            true,
            &send(&planned.request, Some(ORIGIN), FAST)
        )
        .code,
        OutcomeCode::Valid
    );
}

#[test]
fn a_gateway_path_prefix_is_kept() {
    let server = StandIn::start();
    let base = parse_base_url(&format!("{}/", server.base_url_with_prefix("/anthropic"))).unwrap();
    assert_eq!(base.as_str(), format!("{}/anthropic", server.base_url()));
    let mut planned = plan(
        &Probe::Models,
        &BaseUrl::anthropic(),
        AuthScheme::Bearer,
        &ok_key(stand_in::KEY_VALID),
    )
    .unwrap();
    planned.request.url = base.endpoint("/v1/models");
    let outcome = classify(
        &Probe::Models,
        true,
        &send(&planned.request, Some(ORIGIN), FAST),
    );
    assert_eq!(outcome.code, OutcomeCode::Valid);
    assert_eq!(server.requests()[0].path, "/anthropic/v1/models");
}

// ---------------------------------------------------------------------------------------------------------------
// The stand-in behaves like the API (CORS, request ids, header rules).

#[test]
fn preflight_is_answered_with_cors_headers_echoing_the_request() {
    let server = StandIn::start();
    let asked = "anthropic-dangerous-direct-browser-access,anthropic-version,x-api-key";
    let response = raw_request(
        "OPTIONS",
        &format!("{}/v1/models", server.base_url()),
        &[
            ("origin", ORIGIN),
            ("access-control-request-method", "GET"),
            ("access-control-request-headers", asked),
        ],
        None,
        FAST,
    )
    .unwrap();
    assert!(response.status == 204 || response.status == 200);
    assert_eq!(response.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(response.header("access-control-allow-headers"), Some(asked));
    assert!(response
        .header("access-control-allow-methods")
        .is_some_and(|m| m.contains("GET") && m.contains("POST")));
    assert!(response.header("access-control-max-age").is_some());
    assert_eq!(server.requests()[0].method, "OPTIONS");
}

#[test]
fn a_failed_preflight_has_no_cors_headers_and_the_page_reports_a_network_error() {
    let server = StandIn::start();
    let response = raw_request(
        "OPTIONS",
        &format!("{}/v1/models", server.preflight_failing_base_url()),
        &[("origin", ORIGIN), ("access-control-request-method", "GET")],
        None,
        FAST,
    )
    .unwrap();
    assert_eq!(response.status, 403);
    assert_eq!(response.header("access-control-allow-origin"), None);
    // What fetch reports when a preflight fails.
    let outcome = classify(
        &Probe::Models,
        true,
        &Answer::NetworkError("TypeError: Failed to fetch".into()),
    );
    assert_eq!(outcome.code, OutcomeCode::NetworkError);
    assert_eq!(outcome.status, None);
}

#[test]
fn every_answer_carries_cors_headers_and_the_same_request_id_in_header_and_body() {
    let server = StandIn::start();
    for key in [
        stand_in::KEY_VALID,
        stand_in::KEY_INVALID_X_API_KEY,
        stand_in::KEY_RATE_LIMITED,
        stand_in::KEY_HTML_502,
    ] {
        let planned = plan_to(&server, &Probe::Models, AuthScheme::XApiKey, key);
        let Answer::Http(answer) = send(&planned.request, Some(ORIGIN), FAST) else {
            panic!("no answer")
        };
        assert_eq!(answer.header("access-control-allow-origin"), Some(ORIGIN));
        assert!(answer
            .header("access-control-expose-headers")
            .is_some_and(|h| h.contains("request-id")));
        let id = answer.header("request-id").expect("request-id").to_string();
        assert!(id.starts_with("req_"));
        if let Ok(body) = serde_json::from_str::<serde_json::Value>(&answer.body) {
            if body.get("type").and_then(|t| t.as_str()) == Some("error") {
                assert_eq!(body["request_id"].as_str(), Some(id.as_str()));
            }
        }
    }
    let planned = plan_to(
        &server,
        &Probe::Models,
        AuthScheme::XApiKey,
        stand_in::KEY_RATE_LIMITED,
    );
    let outcome = classify(
        &Probe::Models,
        true,
        &send(&planned.request, Some(ORIGIN), FAST),
    );
    assert!(
        outcome.explanation.contains("7 seconds"),
        "{}",
        outcome.explanation
    );
    assert!(outcome.full_explanation().to_lowercase().contains("valid"));
}

#[test]
fn the_stand_in_enforces_the_opt_in_credential_and_version_headers() {
    let server = StandIn::start();
    let url = format!("{}/v1/models", server.base_url());
    let key = stand_in::KEY_VALID;
    let body_of = |headers: &[(&str, &str)]| {
        let r = raw_request("GET", &url, headers, None, FAST).unwrap();
        let value: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        (
            r.status,
            value["error"]["message"].as_str().unwrap_or("").to_string(),
            r,
        )
    };
    // Browser (Origin) without the opt-in header.
    let (status, message, response) = body_of(&[
        ("origin", ORIGIN),
        ("x-api-key", key),
        ("anthropic-version", "2023-06-01"),
    ]);
    assert_eq!(status, 401);
    assert!(
        message.starts_with("CORS requests must set 'anthropic-dangerous-direct-browser-access'")
    );
    let answer = Answer::Http(HttpAnswer {
        status,
        headers: response.headers,
        body: response.body,
    });
    assert_eq!(
        classify(&Probe::Models, false, &answer).code,
        OutcomeCode::CorsHeaderMissing
    );
    // A terminal (no Origin) needs no opt-in header.
    let (status, _, _) = body_of(&[("x-api-key", key), ("anthropic-version", "2023-06-01")]);
    assert_eq!(status, 200);
    // No credential.
    let (status, message, _) = body_of(&[("anthropic-version", "2023-06-01")]);
    assert_eq!(
        (status, message.as_str()),
        (401, "x-api-key header is required")
    );
    // No version.
    let (status, message, _) = body_of(&[("x-api-key", key)]);
    assert_eq!(
        (status, message.as_str()),
        (400, "anthropic-version: header is required")
    );
    // An unknown key: rejected per header.
    let unknown = format!("sk-ant-api03-{}AA", "Zq9".repeat(31));
    let (_, message, _) = body_of(&[
        ("x-api-key", unknown.as_str()),
        ("anthropic-version", "2023-06-01"),
    ]);
    assert_eq!(message, "invalid x-api-key");
    let bearer = format!("Bearer {unknown}");
    let (_, message, _) = body_of(&[
        ("authorization", bearer.as_str()),
        ("anthropic-version", "2023-06-01"),
    ]);
    assert_eq!(message, "Invalid bearer token");
}

#[test]
fn a_dropped_connection_and_a_slow_answer_are_network_error_and_timeout() {
    let server = StandIn::start_with(Options { slow_ms: 2_000 });
    let planned = plan_to(
        &server,
        &Probe::Models,
        AuthScheme::XApiKey,
        stand_in::KEY_DROPPED,
    );
    assert!(matches!(
        send(&planned.request, Some(ORIGIN), FAST),
        Answer::NetworkError(_)
    ));
    let planned = plan_to(
        &server,
        &Probe::Models,
        AuthScheme::XApiKey,
        stand_in::KEY_SLOW,
    );
    assert_eq!(
        send(&planned.request, Some(ORIGIN), Duration::from_millis(300)),
        Answer::Timeout
    );
    // Given time, the slow scenario does answer.
    let answer = send(&planned.request, Some(ORIGIN), Duration::from_secs(10));
    assert_eq!(
        classify(&Probe::Models, true, &answer).code,
        OutcomeCode::Valid
    );
}

#[test]
fn scenario_keys_are_distinct_well_formed_console_keys() {
    let mut seen = BTreeSet::new();
    assert_eq!(stand_in::expected_outcomes().len(), SCENARIOS.len());
    for scenario in SCENARIOS {
        let k = scenario.key;
        assert_eq!(k.len(), 108, "{}", scenario.name);
        assert!(
            k.starts_with("sk-ant-api03-") && k.ends_with("AA"),
            "{}",
            scenario.name
        );
        assert!(
            k[13..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "{}",
            scenario.name
        );
        assert!(seen.insert(k), "duplicate key {}", scenario.name);
        assert_eq!(
            stand_in::scenario_for(k).map(|s| s.name),
            Some(scenario.name)
        );
        assert!(
            scenario.models != OutcomeCode::Pending && scenario.messages != OutcomeCode::Pending
        );
    }
}

#[test]
fn the_client_refuses_anything_but_loopback() {
    let answer = send(
        &plan(
            &Probe::Models,
            &BaseUrl::anthropic(),
            AuthScheme::XApiKey,
            &ok_key(stand_in::KEY_VALID),
        )
        .unwrap()
        .request,
        None,
        FAST,
    );
    assert!(matches!(answer, Answer::NetworkError(ref m) if m.contains("refusing")));
}

// ---------------------------------------------------------------------------------------------------------------
// classify: every code, and details.

#[test]
fn every_outcome_code_except_pending_is_reachable() {
    let models = Probe::Models;
    let mut reached: BTreeSet<OutcomeCode> = BTreeSet::new();
    // Real HTTP answers from the stand-in.
    let server = StandIn::start_with(Options { slow_ms: 1_000 });
    for scenario in SCENARIOS {
        for kind in [Probe::Models, messages()] {
            let planned = plan_to(&server, &kind, AuthScheme::XApiKey, scenario.key);
            let timeout = if scenario.behaviour == stand_in::Behaviour::Slow {
                Duration::from_millis(300)
            } else {
                FAST
            };
            reached
                .insert(classify(&kind, true, &send(&planned.request, Some(ORIGIN), timeout)).code);
        }
    }
    reached.insert(classify(&models, true, &Answer::Cancelled).code);
    reached.insert(
        refused(plan(
            &models,
            &BaseUrl::anthropic(),
            AuthScheme::XApiKey,
            &report(Verdict::Empty, Kind::Empty, None),
        ))
        .code,
    );
    let expected: BTreeSet<OutcomeCode> = OutcomeCode::ALL
        .iter()
        .copied()
        .filter(|c| *c != OutcomeCode::Pending)
        .collect();
    let missing: Vec<_> = expected.difference(&reached).collect();
    assert!(missing.is_empty(), "not reached: {missing:?}");
}

#[test]
fn anthropic_error_bodies_map_to_their_codes() {
    let m = Probe::Models;
    let msg = messages();
    let cases: &[(&Probe, u16, &str, &str, OutcomeCode)] = &[
        (&m, 401, "authentication_error", "invalid x-api-key", OutcomeCode::InvalidKey),
        (&m, 401, "authentication_error", "x-api-key header is required", OutcomeCode::InvalidKey),
        (&m, 401, "authentication_error", "Invalid authentication credentials", OutcomeCode::InvalidCredentials),
        (&m, 401, "authentication_error", "OAuth authentication is currently not supported.", OutcomeCode::OauthNotSupported),
        (
            &m,
            401,
            "authentication_error",
            "OAuth token has expired. Please obtain a new token or refresh your existing token.",
            OutcomeCode::OauthExpired,
        ),
        (&m, 401, "authentication_error", "Invalid bearer token", OutcomeCode::InvalidBearer),
        (
            &m,
            401,
            "authentication_error",
            "Invalid OAuth token. The provided token was not found or is malformed.",
            OutcomeCode::InvalidBearer,
        ),
        (&m, 403, "permission_error", "OAuth token has been revoked.", OutcomeCode::InvalidCredentials),
        (
            &m,
            401,
            "authentication_error",
            "CORS requests must set 'anthropic-dangerous-direct-browser-access' header",
            OutcomeCode::CorsHeaderMissing,
        ),
        (
            &m,
            401,
            "authentication_error",
            "CORS requests are not allowed for this Organization because of its settings",
            OutcomeCode::CorsDisabledOrg,
        ),
        (&m, 403, "permission_error", "Your API key does not have permission", OutcomeCode::Permission),
        (&m, 403, "forbidden", "Request not allowed", OutcomeCode::Permission),
        (&m, 404, "not_found_error", "Not Found", OutcomeCode::NotFound),
        (
            &msg,
            400,
            "invalid_request_error",
            "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or \
             purchase credits.",
            OutcomeCode::LowCredit,
        ),
        (&msg, 402, "billing_error", "Payment required", OutcomeCode::LowCredit),
        (&msg, 400, "invalid_request_error", "This organization has been disabled.", OutcomeCode::OrgDisabled),
        (&msg, 400, "invalid_request_error", "You have reached your specified API usage limits.", OutcomeCode::SpendLimit),
        (
            &msg,
            400,
            "invalid_request_error",
            "You have reached your specified workspace API usage limits.",
            OutcomeCode::SpendLimit,
        ),
        (
            &msg,
            400,
            "invalid_request_error",
            "This credential is only authorized for use with Claude Code and cannot be used for other API requests.",
            OutcomeCode::OauthNotSupported,
        ),
        (&m, 429, "rate_limit_error", "Number of requests has exceeded your rate limit", OutcomeCode::RateLimited),
        (&m, 529, "overloaded_error", "Overloaded", OutcomeCode::Overloaded),
        (&m, 500, "api_error", "Internal server error", OutcomeCode::ServerError),
        (&m, 504, "timeout_error", "Request timed out", OutcomeCode::ServerError),
        (&m, 400, "invalid_request_error", "anthropic-version: header is required", OutcomeCode::Unknown),
        (&m, 409, "conflict_error", "Conflict", OutcomeCode::Unknown),
        (&m, 413, "request_too_large", "Request exceeds the maximum allowed number of bytes.", OutcomeCode::Unknown),
        (&m, 401, "authentication_error", "Some future message", OutcomeCode::Unknown),
    ];
    for (kind, status, error_type, message, code) in cases {
        for via_gateway in [false, true] {
            let outcome = classify(
                kind,
                via_gateway,
                &http(*status, &api_error(error_type, message)),
            );
            let expected = if via_gateway
                && *code == OutcomeCode::Unknown
                && (*status == 401 || *status == 403)
            {
                OutcomeCode::GatewayAuth
            } else {
                *code
            };
            assert_eq!(
                outcome.code, expected,
                "{status} {error_type} {message} (gateway: {via_gateway})"
            );
            assert_eq!(outcome.status, Some(*status));
            assert_eq!(outcome.error_type.as_deref(), Some(*error_type));
            assert_eq!(outcome.message.as_deref(), Some(*message));
            assert_eq!(outcome.request_id.as_deref(), Some("req_011CX"));
        }
    }
}

#[test]
fn the_tier_spend_cap_is_a_spend_limit_and_says_when_it_lifts() {
    let body = serde_json::json!({"type": "error", "error": {"type": "rate_limit_error",
        "message": "You have reached your API usage limits: your organization has crossed its monthly API usage \
                    threshold.", "details": {"error_code": "enforced_spend_limit_reached"}}})
    .to_string();
    let outcome = classify(&Probe::Models, false, &http(429, &body));
    assert_eq!(outcome.code, OutcomeCode::SpendLimit);
    assert!(outcome.explanation.contains("1st"));
    assert!(outcome
        .full_steps()
        .iter()
        .any(|s| s.contains("https://platform.claude.com/settings/limits")));
}

#[test]
fn success_is_valid_only_for_the_apis_shapes_or_a_gateways_json() {
    let list = r#"{"data":[{"type":"model","id":"claude-x"}],"has_more":false}"#;
    let message = r#"{"id":"msg_1","type":"message","role":"assistant","content":[]}"#;
    let m = Probe::Models;
    let msg = messages();
    assert_eq!(
        classify(&m, false, &http(200, list)).code,
        OutcomeCode::Valid
    );
    assert_eq!(
        classify(&msg, false, &http(200, message)).code,
        OutcomeCode::Valid
    );
    assert_eq!(
        classify(&m, false, &http(200, r#"{"hello":"world"}"#)).code,
        OutcomeCode::Unknown
    );
    assert_eq!(
        classify(&msg, false, &http(200, list)).code,
        OutcomeCode::Unknown
    );
    assert_eq!(
        classify(&m, true, &http(200, r#"{"object":"list","data":[]}"#)).code,
        OutcomeCode::Valid
    );
    assert_eq!(
        classify(&m, true, &http(200, "[]")).code,
        OutcomeCode::Valid
    );
    // A captive portal, plain text or nothing is never valid, directly or through a gateway.
    for via_gateway in [false, true] {
        for body in [
            "<html><head><title>Sign in to Wi-Fi</title></head></html>",
            "OK",
            "",
            "   ",
        ] {
            let outcome = classify(
                &m,
                via_gateway,
                &http_with(200, &[("content-type", "text/html")], body),
            );
            assert_eq!(outcome.code, OutcomeCode::GatewayError, "{body:?}");
        }
    }
    let portal = classify(
        &m,
        true,
        &http(
            200,
            "<html><head><title>Sign in to Wi-Fi</title></head><body>x</body></html>",
        ),
    );
    assert_eq!(portal.message.as_deref(), Some("Sign in to Wi-Fi"));
    // A 200 that carries an error is not a success.
    let auth = r#"{"error":{"message":"Authentication Error, invalid key","type":"auth_error"}}"#;
    assert_eq!(
        classify(&m, true, &http(200, auth)).code,
        OutcomeCode::GatewayAuth
    );
    assert_eq!(
        classify(&m, true, &http(200, r#"{"error":"upstream down"}"#)).code,
        OutcomeCode::GatewayError
    );
    assert_eq!(
        classify(&m, true, &http(204, "")).code,
        OutcomeCode::GatewayError
    );
}

#[test]
fn non_anthropic_answers_are_the_gateways() {
    let m = Probe::Models;
    let litellm = r#"{"error":{"message":"Authentication Error, Invalid proxy server token passed.","type":"auth_error","param":"None","code":"401"}}"#;
    let outcome = classify(&m, true, &http(401, litellm));
    assert_eq!(outcome.code, OutcomeCode::GatewayAuth);
    assert_eq!(outcome.error_type.as_deref(), Some("auth_error"));
    assert_eq!(
        outcome.message.as_deref(),
        Some("Authentication Error, Invalid proxy server token passed.")
    );
    assert!(outcome.explanation.contains("Invalid proxy server token"));
    let openai = r#"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}"#;
    assert_eq!(
        classify(&m, true, &http(401, openai)).code,
        OutcomeCode::GatewayAuth
    );
    assert_eq!(
        classify(
            &m,
            false,
            &http(403, "<html><title>403 Forbidden</title></html>")
        )
        .code,
        OutcomeCode::GatewayAuth
    );
    assert_eq!(
        classify(
            &m,
            true,
            &http(
                401,
                "login fail: Please carry the API secret key in the 'Authorization' field"
            )
        )
        .code,
        OutcomeCode::GatewayAuth
    );
    let no_db = r#"{"error":{"message":"No connected db.","type":"no_db_connection","param":"None","code":"400"}}"#;
    let outcome = classify(&m, true, &http(500, no_db));
    assert_eq!(
        (outcome.code, outcome.error_type.as_deref()),
        (OutcomeCode::GatewayError, Some("no_db_connection"))
    );
    assert_eq!(
        classify(
            &m,
            true,
            &http(502, "<html><title>502 Bad Gateway</title></html>")
        )
        .code,
        OutcomeCode::GatewayError
    );
    let not_found = classify(&m, true, &http(404, "404 page not found"));
    assert_eq!(not_found.code, OutcomeCode::GatewayError);
    assert!(not_found.explanation.contains("path prefix"));
    assert_eq!(
        classify(
            &m,
            true,
            &http(429, r#"{"error":{"message":"budget exceeded"}}"#)
        )
        .code,
        OutcomeCode::GatewayError
    );
    assert_eq!(
        classify(&m, true, &http(302, "")).code,
        OutcomeCode::GatewayError
    );
    assert_eq!(
        classify(&m, true, &http(0, "")).code,
        OutcomeCode::NetworkError
    );
}

#[test]
fn no_answer_is_never_read_as_a_verdict_on_the_key() {
    let m = Probe::Models;
    let net = classify(
        &m,
        false,
        &Answer::NetworkError("TypeError: Failed to fetch".into()),
    );
    assert_eq!(net.code, OutcomeCode::NetworkError);
    assert_eq!(net.status, None);
    assert!(net.explanation.contains("says nothing about the key"));
    assert!(net.explanation.contains("Content-Security-Policy"));
    assert_eq!(net.message.as_deref(), Some("TypeError: Failed to fetch"));
    assert_eq!(
        classify(&m, false, &Answer::Timeout).code,
        OutcomeCode::Timeout
    );
    assert_eq!(
        classify(&m, false, &Answer::Cancelled).code,
        OutcomeCode::Cancelled
    );
}

#[test]
fn request_id_comes_from_the_body_or_else_the_header() {
    let m = Probe::Models;
    let body = r#"{"type":"error","error":{"type":"api_error","message":"x"}}"#;
    let outcome = classify(
        &m,
        false,
        &http_with(500, &[("request-id", "req_018EeWyXxfu5pfWkrYcMdjWG")], body),
    );
    assert_eq!(
        outcome.request_id.as_deref(),
        Some("req_018EeWyXxfu5pfWkrYcMdjWG")
    );
    let outcome = classify(
        &m,
        false,
        &http_with(
            500,
            &[("request-id", "req_header")],
            &api_error("api_error", "x"),
        ),
    );
    assert_eq!(outcome.request_id.as_deref(), Some("req_011CX"));
    assert_eq!(classify(&m, false, &http(500, body)).request_id, None);
}

#[test]
fn retry_after_is_shown_for_rate_limits() {
    let outcome = classify(
        &Probe::Models,
        false,
        &http_with(
            429,
            &[("retry-after", "30")],
            &api_error("rate_limit_error", "slow down"),
        ),
    );
    assert_eq!(outcome.code, OutcomeCode::RateLimited);
    assert!(outcome.explanation.contains("30 seconds"));
    assert!(outcome.next_steps[0].contains("retry-after: 30"));
}

#[test]
fn huge_or_hostile_bodies_are_bounded_and_single_line() {
    let m = Probe::Models;
    let long = "x".repeat(100_000);
    for answer in [
        http(401, &api_error("authentication_error", &long)),
        http(502, &format!("<html><body>{long}</body></html>")),
        http(500, &long),
        http(401, &format!(r#"{{"error":{{"message":"{long}"}}}}"#)),
        Answer::NetworkError(long.clone()),
    ] {
        let outcome = classify(&m, true, &answer);
        let message = outcome.message.expect("a message");
        assert!(
            message.chars().count() <= MAX_MESSAGE_CHARS + 1,
            "{}",
            message.len()
        );
        assert!(outcome.explanation.chars().count() < 2_000);
    }
    let outcome = classify(&m, true, &http(502, "line one\r\n\tline\u{0}two\n\n"));
    assert_eq!(outcome.message.as_deref(), Some("line one line two"));
    let multibyte = "é".repeat(70_000);
    let outcome = classify(
        &m,
        true,
        &http(502, &format!("<html><body>{multibyte}</body></html>")),
    );
    assert!(outcome.message.is_some());
}

// ---------------------------------------------------------------------------------------------------------------
// The outcome table.

#[test]
fn every_outcome_has_its_words_once_from_a_cause_or_its_own_row() {
    let steps = |code: OutcomeCode| Outcome::new(code).full_steps();
    for code in OutcomeCode::ALL {
        let row = words(*code);
        assert_eq!(row.code, *code);
        let owned = knowledge::for_outcome(*code).is_some();
        let own_row = outcome::OUTCOME_TEXTS.iter().any(|t| t.code == *code);
        assert!(
            owned != own_row,
            "{code}: words from a cause {owned}, own row {own_row}"
        );
        // A cause's words are shown from its entry in the reference, not repeated as the outcome's own.
        assert_eq!(
            row.explanation.is_empty() && row.steps.is_empty(),
            owned,
            "{code}"
        );
        let outcome = Outcome::new(*code);
        assert_eq!(outcome.cause.is_some(), owned, "{code}");
        let explanation = outcome.full_explanation();
        assert!(
            !row.title.is_empty() && !explanation.is_empty() && !row.source.is_empty(),
            "{code}"
        );
        if *code != OutcomeCode::Pending {
            assert!(!outcome.full_steps().is_empty(), "{code} has no next steps");
        }
        for text in outcome.full_steps().iter().chain([&explanation]) {
            assert!(!text.contains("http://"), "{code}: {text}");
            assert!(!text.contains("  "), "{code}: double space in {text:?}");
        }
        assert_eq!(
            (outcome.code, outcome.status, outcome.message),
            (*code, None, None)
        );
    }
    assert!(steps(OutcomeCode::LowCredit)
        .iter()
        .any(|s| s.contains("https://platform.claude.com/settings/billing")));
    assert!(steps(OutcomeCode::InvalidKey)
        .iter()
        .any(|s| s.contains("https://platform.claude.com/settings/keys")));
    assert!(steps(OutcomeCode::Overloaded)
        .iter()
        .any(|s| s.contains("https://status.claude.com")));
    assert!(steps(OutcomeCode::CorsDisabledOrg)
        .iter()
        .any(|s| s.contains("terminal check")));
}

#[test]
fn blocked_carries_its_reason() {
    let outcome = Outcome::blocked("Nothing was sent: because.");
    assert_eq!(outcome.code, OutcomeCode::BlockedByPolicy);
    assert_eq!(outcome.explanation, "Nothing was sent: because.");
    assert!(!outcome.next_steps.is_empty());
    assert!(!Outcome::blocked("").explanation.is_empty());
}

// ---------------------------------------------------------------------------------------------------------------
// plan(): headers, bodies, blocked cases.

#[test]
fn plan_builds_the_header_sets_for_both_schemes_and_probes() {
    let key = stand_in::KEY_VALID;
    let base = BaseUrl::anthropic();
    for scheme in AuthScheme::ALL {
        for kind in [Probe::Models, messages()] {
            let planned = plan(&kind, &base, *scheme, &ok_key(key)).unwrap();
            let r = &planned.request;
            assert_eq!(r.header("anthropic-version"), Some("2023-06-01"));
            assert_eq!(
                r.header("anthropic-dangerous-direct-browser-access"),
                Some("true")
            );
            match scheme {
                AuthScheme::XApiKey => {
                    assert_eq!(r.header("x-api-key"), Some(key));
                    assert_eq!(r.header("authorization"), None);
                    assert!(planned.notes.is_empty(), "{:?}", planned.notes);
                }
                AuthScheme::Bearer => {
                    assert_eq!(
                        r.header("authorization").map(str::to_string),
                        Some(format!("Bearer {key}"))
                    );
                    assert_eq!(r.header("x-api-key"), None);
                    assert!(planned
                        .notes
                        .iter()
                        .any(|n| n.contains("Invalid bearer token")));
                }
            }
            match &kind {
                Probe::Models => {
                    assert_eq!(
                        (r.method, r.url.as_str()),
                        ("GET", "https://api.anthropic.com/v1/models")
                    );
                    assert_eq!(r.body, None);
                    assert_eq!(r.header("content-type"), None);
                    assert_eq!(r.headers.len(), 3);
                }
                Probe::Messages { model } => {
                    assert_eq!(
                        (r.method, r.url.as_str()),
                        ("POST", "https://api.anthropic.com/v1/messages")
                    );
                    assert_eq!(r.header("content-type"), Some("application/json"));
                    let body: serde_json::Value =
                        serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
                    assert_eq!(body["model"], model.as_str());
                    assert_eq!(body["max_tokens"], 1);
                    assert_eq!(
                        body["messages"],
                        serde_json::json!([{"role": "user", "content": "."}])
                    );
                    assert_eq!(r.headers.len(), 4);
                }
            }
            assert!(r
                .headers
                .iter()
                .all(|(n, _)| n.chars().all(|c| !c.is_ascii_uppercase())));
            let shown = format!("{planned:?} {r:?}");
            assert!(!shown.contains(key), "Debug leaks the key: {shown}");
            assert!(!shown.contains("sk-ant-"), "{shown}");
            assert!(shown.contains("[redacted]"));
        }
    }
}

#[test]
fn plan_sends_only_the_cleaned_key_to_anthropic_and_says_so() {
    let key = stand_in::KEY_VALID;
    let planned = plan(
        &Probe::Models,
        &BaseUrl::anthropic(),
        AuthScheme::XApiKey,
        &report(Verdict::Fixable, Kind::ApiKey, Some(key)),
    )
    .unwrap();
    assert_eq!(planned.request.header("x-api-key"), Some(key));
    assert!(planned.notes.iter().any(|n| n.contains("cleaned")));
    // A message model with JSON-hostile characters stays valid JSON.
    let kind = Probe::Messages {
        model: "a\"b\\c".to_string(),
    };
    let planned = plan(
        &kind,
        &BaseUrl::anthropic(),
        AuthScheme::XApiKey,
        &ok_key(key),
    )
    .unwrap();
    let body: serde_json::Value =
        serde_json::from_str(planned.request.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["model"], "a\"b\\c");
}

#[test]
fn plan_refuses_what_must_not_or_cannot_be_sent() {
    let anthropic = BaseUrl::anthropic();
    let gateway = parse_base_url("https://gw.example.com/anthropic/").unwrap();
    let m = Probe::Models;
    let cases: &[(Verdict, Kind, Option<&str>, &str)] = &[
        (Verdict::Empty, Kind::Empty, None, "no key"),
        (
            Verdict::Invalid,
            Kind::ApiKey,
            None,
            "cannot be a working key",
        ),
        (
            Verdict::Invalid,
            Kind::Placeholder,
            None,
            "cannot be a working key",
        ),
        (
            Verdict::WrongCredential,
            Kind::OauthAccessToken,
            None,
            "subscription",
        ),
        (
            Verdict::WrongCredential,
            Kind::OauthRefreshToken,
            None,
            "subscription",
        ),
        (
            Verdict::WrongCredential,
            Kind::SessionCookie,
            None,
            "session cookie",
        ),
        (
            Verdict::WrongCredential,
            Kind::AdminKey,
            None,
            "Admin API key",
        ),
        (
            Verdict::WrongCredential,
            Kind::OtherProvider,
            None,
            "another provider",
        ),
        (
            Verdict::WrongCredential,
            Kind::AnthropicUnknown,
            None,
            "cannot call the Messages API",
        ),
        (Verdict::Ok, Kind::ApiKey, None, "cannot be a working key"),
        (
            Verdict::Ok,
            Kind::ApiKey,
            Some("sk-ant-api03-with space"),
            "header",
        ),
        (
            Verdict::Ok,
            Kind::ApiKey,
            Some("sk-ant-api03-\u{201C}"),
            "header",
        ),
        // Whatever the verdict says, a subscription token is never sent.
        (
            Verdict::Ok,
            Kind::OauthAccessToken,
            Some("sk-ant-oat01-x"),
            "subscription",
        ),
    ];
    for (verdict, kind, cleaned, why) in cases {
        let r = report(*verdict, *kind, *cleaned);
        for scheme in AuthScheme::ALL {
            let outcome = refused(plan(&m, &anthropic, *scheme, &r));
            assert_eq!(outcome.code, OutcomeCode::BlockedByPolicy);
            assert!(
                outcome.explanation.contains(why),
                "{verdict:?} {kind:?}: {}",
                outcome.explanation
            );
            assert!(
                outcome.explanation.starts_with("Nothing was sent"),
                "{}",
                outcome.explanation
            );
        }
    }
    // OAuth tokens, session cookies, admin keys and other Anthropic kinds are not sent to gateways either.
    for kind in [
        Kind::OauthAccessToken,
        Kind::OauthRefreshToken,
        Kind::SessionCookie,
        Kind::AdminKey,
        Kind::AnthropicUnknown,
    ] {
        let r = report(Verdict::WrongCredential, kind, None);
        let outcome = refused(plan(&m, &gateway, AuthScheme::Bearer, &r));
        assert_eq!(outcome.code, OutcomeCode::BlockedByPolicy, "{kind:?}");
    }
    let outcome = refused(plan(
        &m,
        &gateway,
        AuthScheme::Bearer,
        &report(Verdict::Empty, Kind::Empty, None),
    ));
    assert!(outcome.explanation.contains("no key"));
    // The billing probe needs a model.
    let outcome = refused(plan(
        &Probe::Messages { model: " ".into() },
        &anthropic,
        AuthScheme::XApiKey,
        &ok_key(stand_in::KEY_VALID),
    ));
    assert!(outcome.explanation.contains("model"));
}

#[test]
fn plan_sends_a_gateway_its_own_credential_unjudged() {
    let gateway = parse_base_url("https://gw.example.com/anthropic").unwrap();
    let token = "sk-litellm-0123456789abcdefABCDEF";
    let planned = plan(
        &Probe::Models,
        &gateway,
        AuthScheme::Bearer,
        &key::analyze(token),
    )
    .unwrap();
    assert_eq!(
        planned.request.url,
        "https://gw.example.com/anthropic/v1/models"
    );
    assert_eq!(
        planned.request.header("authorization").map(str::to_string),
        Some(format!("Bearer {token}"))
    );
    assert!(planned.notes.iter().any(|n| n.contains("not judged")));
    // A value no header may carry is not sent, with its reason.
    let broken = key::analyze("two words");
    let outcome = refused(plan(&Probe::Models, &gateway, AuthScheme::Bearer, &broken));
    assert!(
        outcome.explanation.starts_with("Nothing was sent"),
        "{}",
        outcome.explanation
    );
}

// ---------------------------------------------------------------------------------------------------------------
// parse_base_url.

#[test]
fn base_urls_that_are_accepted_and_how_they_normalize() {
    let cases: &[(&str, &str, &str, bool)] = &[
        (
            "",
            "https://api.anthropic.com",
            "https://api.anthropic.com",
            true,
        ),
        (
            "   ",
            "https://api.anthropic.com",
            "https://api.anthropic.com",
            true,
        ),
        (
            "https://api.anthropic.com",
            "https://api.anthropic.com",
            "https://api.anthropic.com",
            true,
        ),
        (
            "https://api.anthropic.com/",
            "https://api.anthropic.com",
            "https://api.anthropic.com",
            true,
        ),
        (
            "HTTPS://API.Anthropic.com:443",
            "https://api.anthropic.com",
            "https://api.anthropic.com",
            true,
        ),
        (
            "https://gw.example.com/anthropic/",
            "https://gw.example.com/anthropic",
            "https://gw.example.com",
            false,
        ),
        (
            "https://gw.example.com:8443/a//b/",
            "https://gw.example.com:8443/a/b",
            "https://gw.example.com:8443",
            false,
        ),
        (
            "http://localhost:4000",
            "http://localhost:4000",
            "http://localhost:4000",
            false,
        ),
        (
            "http://127.0.0.1:8080/litellm",
            "http://127.0.0.1:8080/litellm",
            "http://127.0.0.1:8080",
            false,
        ),
        (
            "http://[::1]:4000/",
            "http://[::1]:4000",
            "http://[::1]:4000",
            false,
        ),
        (
            "http://localhost:80",
            "http://localhost",
            "http://localhost",
            false,
        ),
        (
            "https://openrouter.ai/api",
            "https://openrouter.ai/api",
            "https://openrouter.ai",
            false,
        ),
        (
            "https://gateway.ai.cloudflare.com/v1/acct/gw/anthropic",
            "https://gateway.ai.cloudflare.com/v1/acct/gw/anthropic",
            "https://gateway.ai.cloudflare.com",
            false,
        ),
    ];
    for (input, full, origin, anthropic) in cases {
        let base = parse_base_url(input).unwrap_or_else(|e| panic!("{input:?} rejected: {e}"));
        assert_eq!(base.as_str(), *full, "{input:?}");
        assert_eq!(base.origin(), *origin, "{input:?}");
        assert_eq!(base.is_anthropic(), *anthropic, "{input:?}");
        assert_eq!(base.endpoint("/v1/models"), format!("{full}/v1/models"));
        assert_eq!(base.endpoint("v1/models"), format!("{full}/v1/models"));
        assert_eq!(
            parse_base_url(base.as_str()).as_ref(),
            Ok(&base),
            "normalization is stable"
        );
    }
    assert_eq!(BaseUrl::default(), BaseUrl::anthropic());
    assert_eq!(BaseUrl::anthropic().as_str(), ANTHROPIC_BASE);
}

#[test]
fn base_url_mistakes_are_explained() {
    let cases: &[(&str, &[&str])] = &[
        ("api.anthropic.com", &["https://api.anthropic.com"]),
        (
            "gw.example.com/anthropic",
            &["https://gw.example.com/anthropic"],
        ),
        ("localhost:4000", &["http://localhost:4000"]),
        (
            "https:/api.anthropic.com",
            &["two slashes", "https://api.anthropic.com"],
        ),
        ("https://api.anthropic.com/v1", &["/v1", "appends"]),
        ("https://api.anthropic.com/v1/", &["/v1", "appends"]),
        (
            "https://api.anthropic.com/v1/messages",
            &["/v1/messages", "appends"],
        ),
        (
            "https://gw.example.com/anthropic/v1/models",
            &["/v1/models", "/anthropic"],
        ),
        ("http://localhost:4000/v1", &["/v1"]),
        ("file:///etc/passwd", &["file:"]),
        ("file:/tmp/x", &["file:"]),
        ("ftp://api.anthropic.com", &["ftp:", "https://"]),
        ("wss://api.anthropic.com", &["wss:"]),
        (" https://api.anthropic.com", &["spaces"]),
        ("https://api.anthropic.com\n", &["spaces"]),
        ("https://api.anthropic .com", &["space"]),
        (
            "\"https://api.anthropic.com\"",
            &["quotes", "https://api.anthropic.com"],
        ),
        ("'https://api.anthropic.com'", &["quotes"]),
        ("“https://api.anthropic.com”", &["quotes"]),
        ("https://api.anthropic.com\u{200B}", &["invisible"]),
        ("https://gw.example.com/?key=1", &["query"]),
        ("https://gw.example.com/a#frag", &["fragment"]),
        ("https://user:hunter2@gw.example.com", &["password"]),
        (
            "http://gw.example.com",
            &["unencrypted", "https://gw.example.com"],
        ),
        ("http://api.anthropic.com", &["https://api.anthropic.com"]),
        ("http://192.168.1.10:4000", &["unencrypted"]),
        ("https://", &["no host"]),
        ("https://gw.example.com:99999", &["port"]),
        ("https://gw.example.com:abc", &["port"]),
        ("https://gw..example.com", &["host name"]),
        ("https://gw_example.com", &["host name"]),
        ("https://api.anthropic.com/anthropic", &["no port or path"]),
        (
            "https://console.anthropic.com",
            &["not the API", "https://api.anthropic.com"],
        ),
        (
            "https://platform.claude.com/settings/keys",
            &["not the API"],
        ),
        ("https://claude.ai", &["not the API"]),
        ("https://gw.example.com/a$b", &["does not belong"]),
        ("https://gw.example.com/a\\b", &["backslash"]),
        ("https://gw.example.com/%zz", &["hex"]),
        ("https://gw.example.com/../x", &[".."]),
        ("https://grüße.example", &["ASCII"]),
        ("http://::1:4000", &["brackets"]),
        ("http://[::1", &["bracket"]),
        (stand_in::KEY_VALID, &["key field"]),
        (" sk-ant-oat01-SECRETSECRETSECRET", &["key field"]),
        ("SECRETxSECRETxSECRETxSECRET", &["key or token"]),
        (
            "\"https://gw.example.com/?key=SECRET\"",
            &["quotes", "https://gw.example.com/."],
        ),
        (
            " https://hunter:hunter2@gw.example.com/#SECRET",
            &["spaces", "https://gw.example.com/."],
        ),
        (
            "gw.example.com/?token=SECRET",
            &["https://gw.example.com/."],
        ),
    ];
    for (input, needles) in cases {
        let error = parse_base_url(input).expect_err(&format!("{input:?} must be rejected"));
        for needle in *needles {
            assert!(
                error.contains(needle),
                "{input:?}: {error:?} lacks {needle:?}"
            );
        }
        assert!(
            !error.contains("hunter2") && !error.contains("SECRET") && !error.contains("sk-ant-"),
            "a secret is repeated: {error}"
        );
        assert!(
            error.ends_with('.') || error.ends_with(')'),
            "{input:?}: {error}"
        );
    }
    let long = format!("https://gw.example.com/{}", "a".repeat(3_000));
    assert!(parse_base_url(&long).is_err());
}

// ---------------------------------------------------------------------------------------------------------------
// smallest_model.

#[test]
fn smallest_model_prefers_haiku_then_sonnet_then_newest() {
    let anthropic = serde_json::json!({"data": [
        {"type": "model", "id": "claude-opus-4-1-20250805", "display_name": "Opus", "created_at": "2025-08-05T00:00:00Z"},
        {"type": "model", "id": "claude-3-5-haiku-20241022", "display_name": "H35", "created_at": "2024-10-22T00:00:00Z"},
        {"type": "model", "id": "claude-haiku-4-5-20251001", "display_name": "H45", "created_at": "2025-10-01T00:00:00Z"},
        {"type": "model", "id": "claude-sonnet-4-5-20250929", "display_name": "S45", "created_at": "2025-09-29T00:00:00Z"}
    ], "has_more": false})
    .to_string();
    assert_eq!(
        smallest_model(&anthropic).as_deref(),
        Some("claude-haiku-4-5-20251001")
    );
    let no_haiku = r#"{"data":[{"type":"model","id":"claude-opus-4-1"},{"type":"model","id":"claude-sonnet-4"},
        {"type":"model","id":"claude-sonnet-4-5"}]}"#;
    assert_eq!(
        smallest_model(no_haiku).as_deref(),
        Some("claude-sonnet-4-5")
    );
    // Without dates, the highest version wins; a dated id beats its undated twin only by date.
    let undated = r#"{"data":[{"id":"claude-3-haiku-20240307"},{"id":"claude-3-5-haiku-20241022"},{"id":"claude-haiku-4-5"}]}"#;
    assert_eq!(smallest_model(undated).as_deref(), Some("claude-haiku-4-5"));
    let openai = r#"{"object":"list","data":[{"id":"text-embedding-3-small","object":"model","created":1705948997},
        {"id":"gpt-4o-mini","object":"model","created":1721172741},{"id":"my-haiku","object":"model","created":1},
        {"id":"other-haiku","object":"model","created":2}]}"#;
    assert_eq!(smallest_model(openai).as_deref(), Some("other-haiku"));
    let anything = r#"{"object":"list","data":[{"id":"text-embedding-3-small"},{"id":"llama-3-8b"},{"id":"big-opus"}]}"#;
    assert_eq!(smallest_model(anything).as_deref(), Some("llama-3-8b"));
    assert_eq!(
        smallest_model(r#"[{"id":"solo"}]"#).as_deref(),
        Some("solo")
    );
}

#[test]
fn smallest_model_returns_none_on_junk() {
    for junk in [
        "",
        "null",
        "[]",
        "{}",
        r#"{"data":{}}"#,
        r#"{"data":[1,"x",null,{"id":5},{"id":""},{"id":"  "},{"id":"a b"}]}"#,
        r#"{"data":[{"type":"organization","id":"claude-haiku"}]}"#,
        "<html>captive</html>",
        "{\"data\":[{\"id\":\"x\"}",
    ] {
        assert_eq!(smallest_model(junk), None, "{junk:?}");
    }
    let weird_dates = r#"{"data":[{"id":"a-haiku","created_at":"soon"},{"id":"b-haiku","created_at":"2025-99-99"},
        {"id":"c-haiku","created_at":"2025-01-01T00:00:00Z","created":"x"},{"id":"d-haiku","created":-5}]}"#;
    assert_eq!(smallest_model(weird_dates).as_deref(), Some("c-haiku"));
}

// ---------------------------------------------------------------------------------------------------------------
// curl_command.

#[test]
fn curl_commands_read_the_credential_from_the_environment_in_each_shells_syntax() {
    let gateway = parse_base_url("https://gw.example.com/anthropic").unwrap();
    for base in [BaseUrl::anthropic(), gateway] {
        let url = base.endpoint("/v1/models");
        for shell in Shell::ALL {
            for scheme in AuthScheme::ALL {
                let command = curl_command(*shell, &base, *scheme);
                let var = match scheme {
                    AuthScheme::XApiKey => "ANTHROPIC_API_KEY",
                    AuthScheme::Bearer => "ANTHROPIC_AUTH_TOKEN",
                };
                let reference = match shell {
                    Shell::Bash | Shell::Zsh | Shell::Fish => format!("${var}"),
                    Shell::Powershell => format!("$env:{var}"),
                    Shell::Cmd => format!("%{var}%"),
                };
                let header = match scheme {
                    AuthScheme::XApiKey => format!("\"x-api-key: {reference}\""),
                    AuthScheme::Bearer => format!("\"Authorization: Bearer {reference}\""),
                };
                assert!(command.contains(&format!("\"{url}\"")), "{command}");
                assert!(command.contains(&header), "{command}");
                assert!(
                    command.contains("-H \"anthropic-version: 2023-06-01\""),
                    "{command}"
                );
                assert!(!command.contains("sk-ant-"), "{command}");
                assert!(
                    !command.contains('\n') && !command.contains('\''),
                    "{command}"
                );
                assert!(!command.contains("$("), "{command}");
                assert_eq!(command.matches('"').count() % 2, 0, "{command}");
                match shell {
                    Shell::Powershell => assert!(command.starts_with("curl.exe -sS "), "{command}"),
                    _ => assert!(command.starts_with("curl -sS "), "{command}"),
                }
                if *shell == Shell::Cmd {
                    assert!(!command.contains('$'), "{command}");
                }
            }
        }
    }
    assert_eq!(
        curl_command(Shell::Bash, &BaseUrl::anthropic(), AuthScheme::XApiKey),
        "curl -sS \"https://api.anthropic.com/v1/models\" -H \"x-api-key: $ANTHROPIC_API_KEY\" -H \"anthropic-version: \
         2023-06-01\""
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Never panic on any input.

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn classify_any_answer(status in 0u16..1000, body in ".{0,400}", header in ".{0,40}", gateway: bool) {
            let answer = Answer::Http(HttpAnswer {
                status,
                headers: vec![("request-id".into(), header.clone()), ("retry-after".into(), header)],
                body,
            });
            for kind in [Probe::Models, Probe::Messages { model: "m".into() }] {
                let outcome = classify(&kind, gateway, &answer);
                prop_assert!(outcome.code != OutcomeCode::Pending);
                prop_assert!(outcome.code != OutcomeCode::Valid || (200..300).contains(&status));
            }
        }

        #[test]
        fn classify_json_like_bodies(status in 0u16..1000, error_type in "[a-z_]{0,20}", message in ".{0,80}") {
            let body = serde_json::json!({"type": "error", "error": {"type": error_type, "message": message}}).to_string();
            let _ = classify(&Probe::Models, false, &Answer::Http(HttpAnswer { status, headers: vec![], body }));
        }

        #[test]
        fn parse_base_url_any_text(input in ".{0,80}") {
            if let Ok(base) = parse_base_url(&input) {
                prop_assert!(!base.as_str().ends_with('/'));
                prop_assert!(base.as_str().starts_with("https://") || base.as_str().starts_with("http://"));
                prop_assert!(!base.as_str().contains(['?', '#', '@', '"', '$', '`', ' ']));
                let _ = curl_command(Shell::Cmd, &base, AuthScheme::Bearer);
            }
        }

        #[test]
        fn parse_base_url_url_like_text(input in "(https?|file|ftp)?(:/?/?)?[a-zA-Z0-9.:@\\[\\]/_~%?#-]{0,40}") {
            let _ = parse_base_url(&input);
        }

        #[test]
        fn smallest_model_any_text(input in ".{0,200}") {
            let _ = smallest_model(&input);
        }

        #[test]
        fn smallest_model_list_like(ids in proptest::collection::vec(".{0,30}", 0..8), dates in proptest::collection::vec(".{0,25}", 0..8)) {
            let data: Vec<serde_json::Value> = ids.iter().zip(dates.iter().chain(std::iter::repeat(&String::new())))
                .map(|(id, date)| serde_json::json!({"id": id, "created_at": date})).collect();
            let _ = smallest_model(&serde_json::json!({"data": data}).to_string());
        }
    }
}

#[test]
fn probe_request_debug_redacts_any_credential_value_without_panicking() {
    use claude_auth_doctor::core::api::ProbeRequest;
    for value in [
        "",
        "é",
        "Bearer",
        "bearer sk-ant-api03-secret",
        "ééééééééé secret",
        "sk-ant-api03-secret",
    ] {
        let request = ProbeRequest {
            method: "GET",
            url: "https://api.anthropic.com/v1/models".into(),
            headers: vec![
                ("x-api-key", value.to_string()),
                ("authorization", value.to_string()),
            ],
            body: None,
        };
        let shown = format!("{request:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("[redacted]"));
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The live test's sequence (`LiveRun`), driven as the page drives it: each request it asks for is sent for real to
// the stand-in, and each answer handed back.

/// Runs one live test against the stand-in (a loopback gateway to the page), with the page's policy if given.
fn run_live(
    server: &StandIn,
    pasted: &str,
    billing: bool,
    page: Option<PagePolicy>,
) -> (LiveResult, Vec<Probe>) {
    let base = parse_base_url(&server.base_url()).unwrap();
    let report = std::rc::Rc::new(key::analyze(pasted));
    let (mut run, mut next) = LiveRun::start(base, AuthScheme::XApiKey, billing, report, page);
    let mut steps = Vec::new();
    loop {
        match next {
            Next::Done(result) => return (result, steps),
            Next::Send(request) => {
                steps.push(run.step().clone());
                next = run.answer(send(&request, Some(ORIGIN), FAST));
            }
        }
    }
}

#[test]
fn a_live_test_lists_models_then_probes_billing_on_the_cheapest_model() {
    let server = StandIn::start();
    let (result, steps) = run_live(&server, &format!(" {}\n", stand_in::KEY_VALID), true, None);
    assert_eq!(result.outcome.code, OutcomeCode::Valid);
    assert_eq!(
        steps,
        vec![
            Probe::Models,
            Probe::Messages {
                model: stand_in::CHEAPEST_MODEL.to_string()
            }
        ]
    );
    let labels: Vec<&str> = result.probes.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels[0], "GET /v1/models");
    assert!(labels[1].starts_with("POST /v1/messages (claude-haiku"));
    assert!(result
        .probes
        .iter()
        .all(|p| p.status == Some(200) && p.code == OutcomeCode::Valid));
    assert!(
        result.notes.iter().any(|n| n.contains("sent cleaned")),
        "{:?}",
        result.notes
    );
    assert_eq!(
        result
            .notes
            .iter()
            .filter(|n| n.contains("not judged"))
            .count(),
        1
    );
    assert!(result
        .fingerprint
        .as_deref()
        .is_some_and(|f| f.starts_with("sk-ant-api03-…")));
    let methods: Vec<String> = server.requests().iter().map(|r| r.method.clone()).collect();
    assert_eq!(methods, ["GET", "POST"]);
}

#[test]
fn a_failed_models_check_ends_the_test_and_says_the_billing_probe_was_skipped() {
    let server = StandIn::start();
    let (result, steps) = run_live(&server, stand_in::KEY_INVALID_X_API_KEY, true, None);
    assert_eq!(result.outcome.code, OutcomeCode::InvalidKey);
    assert_eq!(steps, vec![Probe::Models]);
    assert_eq!(result.probes.len(), 1);
    assert!(result
        .notes
        .iter()
        .any(|n| n.contains("billing probe was not run")));
    assert_eq!(server.requests().len(), 1);
    let (result, _) = run_live(&server, stand_in::KEY_INVALID_X_API_KEY, false, None);
    assert!(!result.notes.iter().any(|n| n.contains("billing probe")));
}

#[test]
fn a_refused_credential_or_a_base_url_outside_the_policy_sends_nothing() {
    let server = StandIn::start();
    let oauth = format!("sk-ant-oat01-{}AA", "x".repeat(93));
    let (result, steps) = run_live(&server, &oauth, true, None);
    assert_eq!(result.outcome.code, OutcomeCode::BlockedByPolicy);
    assert!(steps.is_empty() && result.probes.is_empty() && result.elapsed_ms.is_none());
    let policy = "default-src 'none'; connect-src 'self' https://api.anthropic.com";
    let page = PagePolicy {
        policy,
        page_origin: "https://intranet.example",
    };
    let (result, steps) = run_live(&server, stand_in::KEY_VALID, false, Some(page));
    assert_eq!(result.outcome.code, OutcomeCode::BlockedByPolicy);
    assert!(result.outcome.explanation.contains("connect-src"));
    assert!(steps.is_empty());
    assert!(server.requests().is_empty(), "something was sent");
}
