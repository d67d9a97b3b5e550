//! A stand-in for the Anthropic API (and for the gateways in front of it) on 127.0.0.1, for native and browser
//! tests. It answers like the real API where its documentation and public reports show it
//! (platform.claude.com/docs/en/api/errors, /api/overview; the error bodies quoted in anthropics/claude-code issues):
//! CORS preflight, `request-id`, Anthropic's error shape, the opt-in header rule for browser calls.
//!
//! The answer is chosen by the CREDENTIAL VALUE (in `x-api-key` or `authorization: Bearer`), so a browser test picks
//! a scenario by the key it pastes: see [`SCENARIOS`]. Every scenario key is a synthetic, well-formed Console key
//! (`sk-ant-api03-` + 93 × `[A-Za-z0-9_-]` + `AA`, 108 characters), so the page's format check says `ok`. A key not
//! in the table gets 401 `invalid x-api-key` (or `Invalid bearer token` as Bearer), as an unknown key would.
//!
//! One scenario cannot be picked by the key, because a preflight carries no credential: a base URL whose path starts
//! with [`PREFLIGHT_FAILS_PREFIX`] ([`StandIn::preflight_failing_base_url`]) answers `OPTIONS` with 403 and no CORS
//! headers. Any other path prefix before `/v1/` is accepted, as a gateway's would be.
//!
//! A client whose credential the test does not choose (the real Claude Code CLI sends its own, from each credential
//! source; the page sends a gateway's own token, which no scenario names) gets one [`Behaviour`] for every
//! credential instead: [`StandIn::start_answering`]. Like the API, such a
//! stand-in still refuses a request without a usable credential first (gateway behaviours answer their own body),
//! answers `"stream": true` with a server-sent event stream, and serves whatever model the client names (the
//! client's default models are current ones), except in [`Behaviour::ModelNotFound`].
//!
//! The server only binds 127.0.0.1, handles one request per connection (`Connection: close`), bounds what it reads,
//! and stops when dropped.

use claude_auth_doctor::core::codes::OutcomeCode;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// A valid key's answer: a models list with haiku, sonnet and opus models and a message for `POST /v1/messages`.
pub const KEY_VALID: &str =
    "sk-ant-api03-qc6SGv_maFCkTV-E9Lfjg_o1_F7ldFwPHT4cgmvCGTOkREjAKpnQGFsn9bzkjvjb31CFJCFAHf6U79RTjbkn4SSDAz3yNAA";
pub const KEY_INVALID_X_API_KEY: &str =
    "sk-ant-api03-cHsjWKHlRE6C_AtVjkr8sJfn5u_v91OBsfFPfGRyCFBXZFvq6_VjfIL4MAAPGiN_1OCxXaNtAcHDa0Bl5pnYB7JUUGMjOAA";
pub const KEY_INVALID_CREDENTIALS: &str =
    "sk-ant-api03-JA-2TbCcc1bDHP9MvJg-gHrmYKVPhDcpb4FZeAvfDOnhW4-gQBIe-_FJj8UYjF-3DckwawVq_aFkOAGIWFudkF9M4SAlxAA";
pub const KEY_OAUTH_NOT_SUPPORTED: &str =
    "sk-ant-api03-ztOV_Qjs1KkkPfBWybqtY0JqJLmQDd6ogodzmcT2_KJOVWgZb-19dT5OVYJbYVe79ysk8MsNpmUMzBVmQsohFWq1gUxALAA";
pub const KEY_OAUTH_EXPIRED: &str =
    "sk-ant-api03-d_rhSTk3XGWrXbTmWvH5HmKlwlKDAaNU6fI0ipD4wrcX6L-hdFvD-IQkkbIpNESLATdnxBqK02njHI7OgDx7NxRf9HwhBAA";
pub const KEY_INVALID_BEARER: &str =
    "sk-ant-api03-9GRj8iUBEQYuJ-38MgXps03pi_AHoPsSB6-5AOUs0UyGhTCD3fCUi9FhAEDwxzJIO6_aq0iYzUYwTeInk3Ppszj0fNyJ9AA";
pub const KEY_CORS_HEADER_MISSING: &str =
    "sk-ant-api03-KoHVv9F4v93PgUn-U2ZPBvmjPEcaa3wahuaMMPZETD_5Pt3FYRARgUPI-aWd2HPU3WZ50kp3R98AW8jUE8nZ2Bc8gfJ24AA";
pub const KEY_CORS_DISABLED_ORG: &str =
    "sk-ant-api03-3EKvVGeQp4-lXNPX8z8e7Y54Y1UWQxPtauS25Y_MetK_iF47peEyX22zLctGlJY-zBn8Bv5_Bfx8L2eLjM6Grx7JM3w3IAA";
pub const KEY_PERMISSION: &str =
    "sk-ant-api03-7y4rR9rQLH-2SaR1Ey80E8q3hwqNDFsVt8eIZzKgUBANdg-dLmsQ7xcqyClfuKnm_Fyjr0jy7VkD9PsKJRrrTxYnx7uRQAA";
pub const KEY_NOT_FOUND: &str =
    "sk-ant-api03-aMN1jMsDH9O5ZKCKckVIdur1cmYAAQkVR0P74P2vX1UT9hiL1k9I5Bv5q5QFs9U33ilxbUchrkpXR_CuPNeEcCLyLFIhNAA";
pub const KEY_LOW_CREDIT: &str =
    "sk-ant-api03-urjb7y3rNh2k-QcRnHjKfjh3NOMT68cFHQufAg4hEyNsqOOYq8QgjmaVCCwJ9DONxGZHnVrMMtNYmFtNB-K6LxVJPmEhiAA";
pub const KEY_BILLING_402: &str =
    "sk-ant-api03-pkADDNGiKH4nTZThQdHivoQrThVGJOlpIkryaByiVXaWVPvV8avmQIUPulNW3lUtqEr-idMw3GdCKNInvJr2lhEv80gcvAA";
pub const KEY_ORG_DISABLED: &str =
    "sk-ant-api03-Ruvl_LeXtRVOjjtAWd7is3knHCDC6E1L4qD47tKqspzDEbeZQKGF01yjOVCa-vgx0TtTTWvKO2TXM1-oGXQaTGl1RFz6vAA";
pub const KEY_SPEND_LIMIT: &str =
    "sk-ant-api03-7TzekhxxFmgYM8v4dMChD4pCV4vZVlkIy95SUgKDq9bZi-km0n6Vq_0pf_b1qiQzUPpE4DH8QxskpmOll50KVCU_mz2xKAA";
pub const KEY_SPEND_CAP_429: &str =
    "sk-ant-api03-82OIf-Wc74M7rUbEiwV5tW_lAtbK2hkE1tH2BNWOvq-q7FlL1L2BUnHJDDA9mCEC1zXHXe4pMt5Il8jhrRjjOh3I_NgEoAA";
pub const KEY_RATE_LIMITED: &str =
    "sk-ant-api03-S_lkoattyML5Rjfm32So8Rmyr6XOJtjL9_rOCxuu8C5oMmFHFtHBPJ-oIsUP82zvoq-32WTNPvtPDFdXgBQ1vh1_mxjtrAA";
pub const KEY_SERVER_ERROR: &str =
    "sk-ant-api03-fYVcVfwF2Xy-P4ELCbLx5uk2XuU__qklEehO2DuMikEu88iUy3nDd50EoA3x2LJDEQ8NNqPRcPaLqt54t0K_1MyE_zSwvAA";
pub const KEY_OVERLOADED: &str =
    "sk-ant-api03-Bttq6gDUGf5ePqjdZwuLzHJhk2_9slB2eFOHMDnZVP02iLxwEa7HyDtlOjJyytmZG6o1gkFFiJIdOcqoKie30pHwrPA6nAA";
pub const KEY_HTML_502: &str =
    "sk-ant-api03-j1SY5aAfK-lcUQptT448uhck9tDoXXy3hurHNuLZXuvn6HV6whcoUn0zGVOy9Ce63CrrvDtVTAwFe1Aj48JmlJwf9pc5iAA";
pub const KEY_CAPTIVE_PORTAL: &str =
    "sk-ant-api03-w_ufCLPScdO0ilwNWbffpt6vudzChh4FSncRaASTyaELxCYfo9cYCet9wFQg_5mJLUxtvp4_Fc6R5Nn6dcbbUaMmvVIrAAA";
pub const KEY_NON_JSON_200: &str =
    "sk-ant-api03-FBqNnFW7YBy4-CO_1rJTtBLKC63J4p31H0EcjM78nunLl5hgy97ghWATNIWowrtbjhFKF7JufBKvI2lE-8ZforrX4R0ybAA";
pub const KEY_WAF_403_HTML: &str =
    "sk-ant-api03-MFl1ic7nAYKe07uZgpOsF7ViOHm7ebRvcnNZF3ll69VX8WLhNlP22O4vM7kGwWkYq_EncxeUhG38dWAwLP5usjGTSCDI8AA";
pub const KEY_LITELLM_AUTH: &str =
    "sk-ant-api03-8zC55hl6SP5tydP0lRQzeK0Lk9oy4yLvRrf6kY7PHzzJDTvXvnJBNDdRXffBPqiAr6hYbGbJZhljsBrULnh9HpEGf52gjAA";
pub const KEY_LITELLM_NO_DB: &str =
    "sk-ant-api03-XIj-94M7AijK4r1xeLFzWiGMsEJFNoZnNMFxDA54lYqobFwERUgeybv9t9ouUrdsFs3rhM1ebp_dRD9ejdRVAPpFJNoX5AA";
pub const KEY_GATEWAY_OPENAI_SHAPE: &str =
    "sk-ant-api03-V94sd9Ml0qq_0aCIjsuYtE54y0E9iqERm4tUeIyChfOLtdHBZ9sojZQYaMT4CL1n1vrI2e1h1un8RtqzOKBLp5PngeY_7AA";
pub const KEY_GATEWAY_404: &str =
    "sk-ant-api03-hdTNA7i9L1TCim37q_KyotrXLjHTB1Xqok3ZE4-WmRUd1ByvaqUuqnruOIobBusirLn63NTnl-QygS65u-cOc1P5JonHUAA";
pub const KEY_UNEXPECTED_400: &str =
    "sk-ant-api03-pTj-LPuRulfnJEY3TIU0mkw-t-X7d7_5Wv9qpfDBxN-w35y6oUtZvlxeL0fuNtlL2pkA38bP1osKJQXnZRwJexb4QjyWmAA";
/// A gateway's own 401 `{"detail":"Invalid API key"}` (FastAPI-based gateways).
pub const KEY_GATEWAY_DETAIL_401: &str =
    "sk-ant-api03-vNbqEEbM8eQttjiQNV-0C4L2oXrW8wSzJ88z2QCkmJI2TW6JH6tJ7aYz7NxWpoiPuj5FDZQlr25wy0OiW1ZjoKHtAj1f9AA";
/// 403 `OAuth authentication is currently not allowed for this organization.`
pub const KEY_OAUTH_ORG_NOT_ALLOWED: &str =
    "sk-ant-api03-4udnD8O0w2INYBaITfIdLYZ1jZSR2D5aveRnzw1dnu5YAMGllhzpR9QoTF9Qbe18-0MQfVyFvIxBKCQV8oCBI4mJdUbUOAA";
/// The models list works; `/v1/messages` answers 404 for the model.
pub const KEY_MODEL_NOT_FOUND: &str =
    "sk-ant-api03-nV6ye9P3pFIEH9FzHZfJrBniKpdY8txzLkm30fde4bhIlXysv24id0gQjuy4f6GlD6f9JHEobhT3fWJHYDkJYPS8-LYf2AA";
pub const KEY_DROPPED: &str =
    "sk-ant-api03-aMIKbWqdt2fRGzFxtmuERUSTKiB2NVnv2y3Xd2-gdMDQ_XxDjs6okMrs5UNhffQDUvh-x9XWHNbfB00q3eezmIiQOuwFRAA";
pub const KEY_SLOW: &str =
    "sk-ant-api03-cW8MoKYflM5LoXvtirj4m1r4eTmGQonJVCQdYXkXAnJaYq-W8gIGCG6SjG842HSFzngLbO8nJQ7sMs_hVqMWTGEg0L5OuAA";

/// Path prefix whose `OPTIONS` preflight fails (403, no CORS headers): the browser reports `TypeError`.
pub const PREFLIGHT_FAILS_PREFIX: &str = "/preflight-fails";

/// The page's own timeout; the slow scenario waits longer than this by default.
pub const PAGE_TIMEOUT_MS: u64 = 15_000;

/// Models the valid key lists (Anthropic shape). The cheapest-looking, newest one is [`CHEAPEST_MODEL`].
pub const MODELS: &[(&str, &str, &str)] = &[
    (
        "claude-opus-4-1-20250805",
        "Claude Opus 4.1",
        "2025-08-05T00:00:00Z",
    ),
    (
        "claude-sonnet-4-5-20250929",
        "Claude Sonnet 4.5",
        "2025-09-29T00:00:00Z",
    ),
    (
        "claude-3-5-haiku-20241022",
        "Claude Haiku 3.5",
        "2024-10-22T00:00:00Z",
    ),
    (
        "claude-haiku-4-5-20251001",
        "Claude Haiku 4.5",
        "2025-10-01T00:00:00Z",
    ),
    (
        "claude-sonnet-4-20250514",
        "Claude Sonnet 4",
        "2025-05-14T00:00:00Z",
    ),
];
pub const CHEAPEST_MODEL: &str = "claude-haiku-4-5-20251001";

/// The text of every successful message.
pub const REPLY_TEXT: &str = ".";

/// Models the OpenAI/LiteLLM-shaped gateway lists (`{"object":"list","data":[{"id","object","created"}]}`).
pub const GATEWAY_MODELS: &[(&str, i64)] = &[
    ("text-embedding-3-small", 1_705_948_997),
    ("gpt-4o-mini", 1_721_172_741),
    ("claude-3-5-haiku", 1_729_555_200),
    ("claude-sonnet-4-5", 1_759_104_000),
];
pub const GATEWAY_CHEAPEST_MODEL: &str = "claude-3-5-haiku";

/// What the stand-in does for a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    Valid,
    InvalidXApiKey,
    InvalidCredentials,
    OauthNotSupported,
    OauthExpired,
    InvalidBearer,
    CorsHeaderMissing,
    CorsDisabledOrg,
    Permission,
    NotFound,
    /// 400 credit balance too low on `/v1/messages`; the models list works.
    LowCredit,
    /// 402 billing_error on `/v1/messages`; the models list works.
    Billing402,
    /// 400 organization disabled on `/v1/messages`; the models list works.
    OrgDisabled,
    /// 400 user-set spend limit on `/v1/messages`; the models list works.
    SpendLimit,
    /// 429 `enforced_spend_limit_reached`, no `retry-after`.
    SpendCap429,
    /// 429 rate_limit_error with `retry-after: 7`.
    RateLimited,
    ServerError,
    Overloaded,
    /// 502 nginx HTML page.
    Html502,
    /// 200 `text/html` Wi-Fi login page.
    CaptivePortal,
    /// 200 `text/plain` "OK".
    NonJson200,
    /// 403 HTML page of a web application firewall.
    Waf403Html,
    /// 401 LiteLLM `{"error":{"message":…,"type":"auth_error"}}`.
    LitellmAuth,
    /// 401 `{"detail":"Invalid API key"}`: the shape of a FastAPI-based gateway's own rejection.
    GatewayDetail401,
    /// 403 permission_error `OAuth authentication is currently not allowed for this organization.`
    OauthOrgNotAllowed,
    /// 404 not_found_error `model: <the model asked for>` on `/v1/messages`; the models list works.
    ModelNotFound,
    /// 500 LiteLLM `no_db_connection`.
    LitellmNoDb,
    /// 200 in OpenAI/LiteLLM shapes (models list, chat completion).
    GatewayOpenAiShape,
    /// 404 `text/plain` from a gateway with no such route.
    Gateway404,
    /// 400 invalid_request_error with a message no rule knows.
    Unexpected400,
    /// Reads the request, then closes the connection without an answer.
    Dropped,
    /// Waits `Options::slow_ms`, then answers like `Valid`.
    Slow,
}

impl Behaviour {
    /// A gateway's own answer (not the API's): it comes whatever credential arrives, none included.
    pub fn is_gateways_own(self) -> bool {
        matches!(
            self,
            Behaviour::Html502
                | Behaviour::CaptivePortal
                | Behaviour::NonJson200
                | Behaviour::Waf403Html
                | Behaviour::LitellmAuth
                | Behaviour::LitellmNoDb
                | Behaviour::GatewayOpenAiShape
                | Behaviour::Gateway404
                | Behaviour::GatewayDetail401
        )
    }
}

/// One row of the scenario table: the key that selects it and what the page should conclude.
#[derive(Clone, Copy, Debug)]
pub struct Scenario {
    pub name: &'static str,
    pub key: &'static str,
    pub behaviour: Behaviour,
    /// Expected outcome of the models probe (`GET /v1/models`).
    pub models: OutcomeCode,
    /// Expected outcome of the billing probe (`POST /v1/messages`).
    pub messages: OutcomeCode,
}

macro_rules! scenarios {
    ($($key:ident => $behaviour:ident, $models:ident, $messages:ident;)+) => {
        /// Every scenario, selected by its key. Expected outcomes hold for both auth schemes.
        pub const SCENARIOS: &[Scenario] = &[$(Scenario {
            name: stringify!($key),
            key: $key,
            behaviour: Behaviour::$behaviour,
            models: OutcomeCode::$models,
            messages: OutcomeCode::$messages,
        }),+];
    };
}

scenarios! {
    KEY_VALID => Valid, Valid, Valid;
    KEY_INVALID_X_API_KEY => InvalidXApiKey, InvalidKey, InvalidKey;
    KEY_INVALID_CREDENTIALS => InvalidCredentials, InvalidCredentials, InvalidCredentials;
    KEY_OAUTH_NOT_SUPPORTED => OauthNotSupported, OauthNotSupported, OauthNotSupported;
    KEY_OAUTH_EXPIRED => OauthExpired, OauthExpired, OauthExpired;
    KEY_INVALID_BEARER => InvalidBearer, InvalidBearer, InvalidBearer;
    KEY_CORS_HEADER_MISSING => CorsHeaderMissing, CorsHeaderMissing, CorsHeaderMissing;
    KEY_CORS_DISABLED_ORG => CorsDisabledOrg, CorsDisabledOrg, CorsDisabledOrg;
    KEY_PERMISSION => Permission, Permission, Permission;
    KEY_NOT_FOUND => NotFound, NotFound, NotFound;
    KEY_LOW_CREDIT => LowCredit, Valid, LowCredit;
    KEY_BILLING_402 => Billing402, Valid, LowCredit;
    KEY_ORG_DISABLED => OrgDisabled, Valid, OrgDisabled;
    KEY_SPEND_LIMIT => SpendLimit, Valid, SpendLimit;
    KEY_SPEND_CAP_429 => SpendCap429, SpendLimit, SpendLimit;
    KEY_GATEWAY_DETAIL_401 => GatewayDetail401, GatewayAuth, GatewayAuth;
    KEY_OAUTH_ORG_NOT_ALLOWED => OauthOrgNotAllowed, OauthNotSupported, OauthNotSupported;
    KEY_MODEL_NOT_FOUND => ModelNotFound, Valid, NotFound;
    KEY_RATE_LIMITED => RateLimited, RateLimited, RateLimited;
    KEY_SERVER_ERROR => ServerError, ServerError, ServerError;
    KEY_OVERLOADED => Overloaded, Overloaded, Overloaded;
    KEY_HTML_502 => Html502, GatewayError, GatewayError;
    KEY_CAPTIVE_PORTAL => CaptivePortal, GatewayError, GatewayError;
    KEY_NON_JSON_200 => NonJson200, GatewayError, GatewayError;
    KEY_WAF_403_HTML => Waf403Html, GatewayAuth, GatewayAuth;
    KEY_LITELLM_AUTH => LitellmAuth, GatewayAuth, GatewayAuth;
    KEY_LITELLM_NO_DB => LitellmNoDb, GatewayError, GatewayError;
    KEY_GATEWAY_OPENAI_SHAPE => GatewayOpenAiShape, Valid, Valid;
    KEY_GATEWAY_404 => Gateway404, GatewayError, GatewayError;
    KEY_UNEXPECTED_400 => Unexpected400, Unknown, Unknown;
    KEY_DROPPED => Dropped, NetworkError, NetworkError;
    KEY_SLOW => Slow, Timeout, Timeout;
}

/// `(key, expected outcome of the models probe, expected outcome of the messages probe)` for every scenario, for
/// tests that iterate. The page reaches the stand-in through a non-Anthropic base URL, i.e. as a gateway.
pub fn expected_outcomes() -> Vec<(&'static str, OutcomeCode, OutcomeCode)> {
    SCENARIOS
        .iter()
        .map(|s| (s.key, s.models, s.messages))
        .collect()
}

/// The scenario a key selects, if any.
pub fn scenario_for(key: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.key == key)
}

/// Server options.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// How long the slow scenario waits before answering (default 20 s, longer than the page's 15 s timeout).
    pub slow_ms: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            slow_ms: PAGE_TIMEOUT_MS + 5_000,
        }
    }
}

/// One request as the stand-in received it. Header names are lowercase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    pub method: String,
    /// The request target, query included.
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl RecordedRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Shared {
    stop: AtomicBool,
    next_id: AtomicU64,
    requests: Mutex<Vec<RecordedRequest>>,
    options: Options,
    /// The behaviour for every credential ([`StandIn::start_answering`]); `None`: chosen by the credential.
    answering: Option<Behaviour>,
}

/// The running stand-in. Stops accepting when dropped; a slow answer still in flight gives up within 50 ms.
pub struct StandIn {
    port: u16,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl StandIn {
    pub fn start() -> StandIn {
        StandIn::start_with(Options::default())
    }

    pub fn start_with(options: Options) -> StandIn {
        StandIn::launch(options, None)
    }

    /// A stand-in that behaves as `behaviour` for whatever credential arrives (see the module documentation).
    #[cfg(any(feature = "claude-cli", feature = "e2e"))]
    pub fn start_answering(behaviour: Behaviour) -> StandIn {
        StandIn::launch(Options::default(), Some(behaviour))
    }

    fn launch(options: Options, answering: Option<Behaviour>) -> StandIn {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let port = listener.local_addr().expect("local address").port();
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            next_id: AtomicU64::new(1),
            requests: Mutex::new(Vec::new()),
            options,
            answering,
        });
        let thread = {
            let shared = shared.clone();
            std::thread::spawn(move || {
                while !shared.stop.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let shared = shared.clone();
                            std::thread::spawn(move || serve(stream, &shared));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            })
        };
        StandIn {
            port,
            shared,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT` (no trailing slash): what goes in the page's base-url field.
    /// The loopback port it listens on (the real Claude Code names it in some messages).
    #[cfg(feature = "claude-cli")]
    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The base URL with a gateway-like path prefix, e.g. `"/anthropic"`.
    pub fn base_url_with_prefix(&self, prefix: &str) -> String {
        format!("{}/{}", self.base_url(), prefix.trim_matches('/'))
    }

    /// A base URL whose CORS preflight fails (403 without CORS headers).
    pub fn preflight_failing_base_url(&self) -> String {
        self.base_url_with_prefix(PREFLIGHT_FAILS_PREFIX)
    }

    /// Every request received so far, preflights included, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared
            .requests
            .lock()
            .map(|r| r.clone())
            .unwrap_or_default()
    }

    /// Forgets the requests received so far (a browser test that runs several live tests in one page).
    pub fn clear_requests(&self) {
        if let Ok(mut r) = self.shared.requests.lock() {
            r.clear();
        }
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

const MAX_HEAD_BYTES: usize = 64 * 1024;
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Reads one request: `(method, target, headers, body)`, or `None` if the client sent nothing usable.
fn read_request(stream: &mut TcpStream) -> Option<RecordedRequest> {
    let mut raw = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        if raw.len() > MAX_HEAD_BYTES {
            return None;
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        raw.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_string();
    let path = request_line.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            Some((name.trim().to_ascii_lowercase(), value.trim().to_string()))
        })
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0)
        .min(MAX_BODY_BYTES);
    let mut body = raw[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    Some(RecordedRequest {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

struct Reply {
    status: u16,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
    body: String,
    cors: bool,
}

impl Reply {
    fn json(status: u16, body: serde_json::Value) -> Reply {
        Reply {
            status,
            content_type: "application/json",
            headers: Vec::new(),
            body: body.to_string(),
            cors: true,
        }
    }

    fn text(status: u16, content_type: &'static str, body: &str) -> Reply {
        Reply {
            status,
            content_type,
            headers: Vec::new(),
            body: body.to_string(),
            cors: true,
        }
    }

    fn with_header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_string()));
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        529 => "Overloaded",
        _ => "Status",
    }
}

/// Anthropic's error body: `{"type":"error","error":{"type":…,"message":…},"request_id":…}`.
fn api_error(status: u16, error_type: &str, message: &str, request_id: &str) -> Reply {
    Reply::json(
        status,
        serde_json::json!({"type": "error", "error": {"type": error_type, "message": message}, "request_id": request_id}),
    )
}

fn models_list() -> serde_json::Value {
    let data: Vec<serde_json::Value> = MODELS
        .iter()
        .map(|(id, name, created)| {
            serde_json::json!({"type": "model", "id": id, "display_name": name, "created_at": created})
        })
        .collect();
    let first = MODELS.first().map(|m| m.0).unwrap_or("");
    let last = MODELS.last().map(|m| m.0).unwrap_or("");
    serde_json::json!({"data": data, "has_more": false, "first_id": first, "last_id": last})
}

fn gateway_models_list() -> serde_json::Value {
    let data: Vec<serde_json::Value> = GATEWAY_MODELS
        .iter()
        .map(|(id, created)| serde_json::json!({"id": id, "object": "model", "created": created, "owned_by": "litellm"}))
        .collect();
    serde_json::json!({"object": "list", "data": data})
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Models,
    Messages,
}

fn serve(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let Some(request) = read_request(&mut stream) else {
        return;
    };
    if let Ok(mut requests) = shared.requests.lock() {
        requests.push(request.clone());
    }
    let request_id = format!(
        "req_011CStandIn{:012}",
        shared.next_id.fetch_add(1, Ordering::Relaxed)
    );
    let origin = request.header("origin").map(str::to_string);
    let reply = match answer(&request, &request_id, shared) {
        Some(reply) => reply,
        None => {
            // Dropped: the request was read, no answer is written.
            let _ = stream.shutdown(Shutdown::Both);
            return;
        }
    };
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    if reply.cors {
        head.push_str(&format!(
            "access-control-allow-origin: {}\r\n",
            origin.as_deref().unwrap_or("*")
        ));
        if origin.is_some() {
            head.push_str("vary: Origin\r\n");
        }
        head.push_str("access-control-expose-headers: request-id, retry-after\r\n");
        head.push_str(&format!("request-id: {request_id}\r\n"));
    }
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !reply.body.is_empty() || reply.status != 204 {
        head.push_str(&format!("content-type: {}\r\n", reply.content_type));
    }
    head.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        reply.body.len()
    ));
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(reply.body.as_bytes());
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Both);
}

/// The reply for a request, or `None` to drop the connection.
fn answer(request: &RecordedRequest, request_id: &str, shared: &Shared) -> Option<Reply> {
    let path = request.path.split(['?', '#']).next().unwrap_or("");
    let (prefix, route) = match path.find("/v1/") {
        Some(at) => (&path[..at], &path[at..]),
        None => (path, ""),
    };

    if request.method == "OPTIONS" {
        return Some(preflight(request, prefix));
    }

    // The opt-in rule: a browser request (it has an Origin) must send anthropic-dangerous-direct-browser-access.
    if request.header("origin").is_some()
        && !request
            .header("anthropic-dangerous-direct-browser-access")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return Some(cors_header_missing(request_id));
    }

    // A gateway's own answer comes before any check of Anthropic's.
    if let Some(behaviour) = shared.answering.filter(|b| b.is_gateways_own()) {
        let endpoint = if route == "/v1/models" {
            Endpoint::Models
        } else {
            Endpoint::Messages
        };
        return behave(behaviour, endpoint, request, request_id, shared);
    }

    let bearer = request
        .header("authorization")
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim);
    let credential = request.header("x-api-key").map(str::trim).or(bearer);
    let Some(credential) = credential.filter(|c| !c.is_empty()) else {
        return Some(api_error(
            401,
            "authentication_error",
            "x-api-key header is required",
            request_id,
        ));
    };
    if request
        .header("anthropic-version")
        .is_none_or(|v| v.trim().is_empty())
    {
        return Some(api_error(
            400,
            "invalid_request_error",
            "anthropic-version: header is required",
            request_id,
        ));
    }

    let endpoint = match (request.method.as_str(), route) {
        ("GET", "/v1/models") => Endpoint::Models,
        ("POST", "/v1/messages") => Endpoint::Messages,
        _ => return Some(api_error(404, "not_found_error", "Not Found", request_id)),
    };

    let behaviour = match (shared.answering, scenario_for(credential)) {
        (Some(behaviour), _) => behaviour,
        (None, Some(scenario)) => scenario.behaviour,
        (None, None) => return Some(unknown_credential(request, request_id)),
    };
    behave(behaviour, endpoint, request, request_id, shared)
}

/// A credential no scenario names: rejected as the API rejects an unknown key or token.
fn unknown_credential(request: &RecordedRequest, request_id: &str) -> Reply {
    if request.header("x-api-key").is_some() {
        api_error(401, "authentication_error", "invalid x-api-key", request_id)
    } else {
        api_error(
            401,
            "authentication_error",
            "Invalid bearer token",
            request_id,
        )
    }
}

fn preflight(request: &RecordedRequest, prefix: &str) -> Reply {
    if prefix.starts_with(PREFLIGHT_FAILS_PREFIX) {
        let mut reply = Reply::text(403, "text/plain", "Forbidden");
        reply.cors = false;
        return reply;
    }
    let allow_headers = request
        .header("access-control-request-headers")
        .filter(|h| !h.trim().is_empty())
        .unwrap_or("x-api-key, authorization, anthropic-version, anthropic-dangerous-direct-browser-access, content-type")
        .to_string();
    let mut reply = Reply::text(204, "text/plain", "")
        .with_header("access-control-allow-methods", "GET, POST, OPTIONS")
        .with_header("access-control-allow-headers", &allow_headers)
        .with_header("access-control-max-age", "600");
    if request
        .header("access-control-request-private-network")
        .is_some()
    {
        reply = reply.with_header("access-control-allow-private-network", "true");
    }
    reply
}

fn cors_header_missing(request_id: &str) -> Reply {
    api_error(
        401,
        "authentication_error",
        "CORS requests must set 'anthropic-dangerous-direct-browser-access' header",
        request_id,
    )
}

/// A valid answer for the endpoint: the models list, or a one-token message after checking the body like the API
/// (as a server-sent event stream when the body asks for `"stream": true`). `any_model`: every model named exists.
fn valid(
    endpoint: Endpoint,
    request: &RecordedRequest,
    request_id: &str,
    gateway_shape: bool,
    any_model: bool,
) -> Reply {
    if endpoint == Endpoint::Models {
        return Reply::json(
            200,
            if gateway_shape {
                gateway_models_list()
            } else {
                models_list()
            },
        );
    }
    let body: serde_json::Value = match serde_json::from_str(&request.body) {
        Ok(v) => v,
        Err(_) => {
            return api_error(
                400,
                "invalid_request_error",
                "There was an issue with the format of your request",
                request_id,
            )
        }
    };
    let model = body.get("model").and_then(|m| m.as_str()).unwrap_or("");
    if model.is_empty() {
        return api_error(
            400,
            "invalid_request_error",
            "model: Field required",
            request_id,
        );
    }
    let Some(max_tokens) = body.get("max_tokens").and_then(|m| m.as_u64()) else {
        return api_error(
            400,
            "invalid_request_error",
            "max_tokens: Field required",
            request_id,
        );
    };
    let has_messages = body
        .get("messages")
        .and_then(|m| m.as_array())
        .is_some_and(|a| !a.is_empty());
    if !has_messages {
        return api_error(
            400,
            "invalid_request_error",
            "messages: at least one message is required",
            request_id,
        );
    }
    let known = any_model
        || MODELS.iter().any(|m| m.0 == model)
        || GATEWAY_MODELS.iter().any(|m| m.0 == model);
    if !known {
        return api_error(
            404,
            "not_found_error",
            &format!("model: {model}"),
            request_id,
        );
    }
    if gateway_shape {
        return Reply::json(
            200,
            serde_json::json!({
                "id": "chatcmpl-standin", "object": "chat.completion", "created": 1_759_104_000, "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "."}, "finish_reason": "length"}],
                "usage": {"prompt_tokens": 8, "completion_tokens": 1, "total_tokens": 9},
            }),
        );
    }
    let stop_reason = if max_tokens <= 1 {
        "max_tokens"
    } else {
        "end_turn"
    };
    if body.get("stream").and_then(|s| s.as_bool()) == Some(true) {
        return Reply::text(
            200,
            "text/event-stream; charset=utf-8",
            &message_stream(model, stop_reason),
        );
    }
    Reply::json(
        200,
        serde_json::json!({
            "id": "msg_01StandIn", "type": "message", "role": "assistant", "model": model,
            "content": [{"type": "text", "text": REPLY_TEXT}], "stop_reason": stop_reason, "stop_sequence": null,
            "usage": {"input_tokens": 8, "output_tokens": 1},
        }),
    )
}

/// The streamed form of the one-token message: the API's event sequence (`message_start` … `message_stop`).
fn message_stream(model: &str, stop_reason: &str) -> String {
    let events = [
        serde_json::json!({"type": "message_start", "message": {
            "id": "msg_01StandIn", "type": "message", "role": "assistant", "model": model, "content": [],
            "stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": 8, "output_tokens": 1},
        }}),
        serde_json::json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        serde_json::json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": REPLY_TEXT}}),
        serde_json::json!({"type": "content_block_stop", "index": 0}),
        serde_json::json!({"type": "message_delta", "delta": {"stop_reason": stop_reason, "stop_sequence": null},
            "usage": {"output_tokens": 1}}),
        serde_json::json!({"type": "message_stop"}),
    ];
    events
        .iter()
        .map(|event| {
            format!(
                "event: {}\ndata: {event}\n\n",
                event["type"].as_str().unwrap_or("")
            )
        })
        .collect()
}

fn behave(
    behaviour: Behaviour,
    endpoint: Endpoint,
    request: &RecordedRequest,
    id: &str,
    shared: &Shared,
) -> Option<Reply> {
    let any_model = shared.answering.is_some();
    let messages_only = |reply: Reply| {
        if endpoint == Endpoint::Messages {
            reply
        } else {
            valid(endpoint, request, id, false, any_model)
        }
    };
    let reply = match behaviour {
        Behaviour::Valid => valid(endpoint, request, id, false, any_model),
        Behaviour::InvalidXApiKey => api_error(401, "authentication_error", "invalid x-api-key", id),
        Behaviour::InvalidCredentials => api_error(401, "authentication_error", "Invalid authentication credentials", id),
        Behaviour::OauthNotSupported => {
            api_error(401, "authentication_error", "OAuth authentication is currently not supported.", id)
        }
        Behaviour::OauthExpired => api_error(
            401,
            "authentication_error",
            "OAuth token has expired. Please obtain a new token or refresh your existing token.",
            id,
        ),
        Behaviour::InvalidBearer => api_error(401, "authentication_error", "Invalid bearer token", id),
        Behaviour::CorsHeaderMissing => cors_header_missing(id),
        Behaviour::CorsDisabledOrg => api_error(
            401,
            "authentication_error",
            "CORS requests are not allowed for this Organization because of its settings. Please contact your \
             organization administrator.",
            id,
        ),
        Behaviour::Permission => api_error(
            403,
            "permission_error",
            "Your API key does not have permission to use the specified resource.",
            id,
        ),
        Behaviour::NotFound => api_error(404, "not_found_error", "Not Found", id),
        Behaviour::LowCredit => messages_only(api_error(
            400,
            "invalid_request_error",
            "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or \
             purchase credits.",
            id,
        )),
        Behaviour::Billing402 => messages_only(api_error(
            402,
            "billing_error",
            "Your organization's payment method was declined. Please update it in Plans & Billing.",
            id,
        )),
        Behaviour::OrgDisabled => {
            messages_only(api_error(400, "invalid_request_error", "This organization has been disabled.", id))
        }
        Behaviour::SpendLimit => messages_only(api_error(
            400,
            "invalid_request_error",
            "You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC.",
            id,
        )),
        Behaviour::SpendCap429 => Reply::json(
            429,
            serde_json::json!({
                "type": "error",
                "error": {
                    "type": "rate_limit_error",
                    "message": "You have reached your API usage limits: your organization has crossed its monthly API \
                                usage threshold. Access resumes at 00:00 UTC on the 1st.",
                    "details": {"error_code": "enforced_spend_limit_reached"},
                },
                "request_id": id,
            }),
        ),
        Behaviour::RateLimited => api_error(
            429,
            "rate_limit_error",
            "Number of requests has exceeded your per-minute rate limit. Please try again later.",
            id,
        )
        .with_header("retry-after", "7")
        .with_header("anthropic-ratelimit-requests-remaining", "0"),
        Behaviour::ServerError => api_error(500, "api_error", "Internal server error", id),
        Behaviour::Overloaded => api_error(529, "overloaded_error", "Overloaded", id),
        Behaviour::Html502 => Reply::text(
            502,
            "text/html",
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>\
             </center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
        ),
        Behaviour::CaptivePortal => Reply::text(
            200,
            "text/html; charset=utf-8",
            "<!DOCTYPE html><html><head><title>Sign in to Wi-Fi</title></head><body><h1>Welcome to Airport Wi-Fi</h1>\
             <form action=\"/portal/login\" method=\"post\"><input name=\"email\"><button>Connect</button></form>\
             </body></html>",
        ),
        Behaviour::NonJson200 => Reply::text(200, "text/plain", "OK"),
        Behaviour::Waf403Html => Reply::text(
            403,
            "text/html",
            "<html><head><title>403 Forbidden</title></head><body><h1>Access denied</h1><p>The request was blocked \
             by the web application firewall.</p></body></html>",
        ),
        Behaviour::LitellmAuth => Reply::json(
            401,
            serde_json::json!({"error": {
                "message": "Authentication Error, Invalid proxy server token passed. Unable to find token in cache \
                            or `LiteLLM_VerificationTokenTable`",
                "type": "auth_error", "param": "None", "code": "401",
            }}),
        ),
        Behaviour::GatewayDetail401 => Reply::json(401, serde_json::json!({"detail": "Invalid API key"})),
        Behaviour::OauthOrgNotAllowed => api_error(
            403,
            "permission_error",
            "OAuth authentication is currently not allowed for this organization.",
            id,
        ),
        Behaviour::ModelNotFound => {
            let model = serde_json::from_str::<serde_json::Value>(&request.body)
                .ok()
                .and_then(|body| body.get("model")?.as_str().map(str::to_string))
                .unwrap_or_default();
            messages_only(api_error(404, "not_found_error", &format!("model: {model}"), id))
        }
        Behaviour::LitellmNoDb => Reply::json(
            500,
            serde_json::json!({"error": {
                "message": "No connected db.", "type": "no_db_connection", "param": "None", "code": "400",
            }}),
        ),
        Behaviour::GatewayOpenAiShape => valid(endpoint, request, id, true, any_model),
        Behaviour::Gateway404 => Reply::text(404, "text/plain; charset=utf-8", "404 page not found\n"),
        Behaviour::Unexpected400 => api_error(
            400,
            "invalid_request_error",
            "anthropic-beta: unknown value 'stand-in-2099-01-01'",
            id,
        ),
        Behaviour::Dropped => return None,
        Behaviour::Slow => {
            let deadline = std::time::Instant::now() + Duration::from_millis(shared.options.slow_ms);
            while std::time::Instant::now() < deadline {
                if shared.stop.load(Ordering::Relaxed) {
                    return None;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            valid(endpoint, request, id, false, any_model)
        }
    };
    Some(reply)
}
