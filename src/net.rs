//! The only code that touches the network: sends one [`ProbeRequest`] that `core::probe::LiveRun` decided, with
//! gloo-net, and hands back the raw [`Answer`] for it; and fetches the page's own files that it shows on demand (the
//! pre-flight script's template), from the page's own origin.
//!
//! - `fetch` with `mode: cors`, `credentials: omit` (no cookies or HTTP auth go along), `referrerPolicy: no-referrer`,
//!   `cache: no-store`.
//! - One [`Flight`] per live test: its `AbortController` serves both the cancel button and the 15-second timeout of
//!   each request, and remembers which of the two aborted, so the answer says [`Answer::Cancelled`] or
//!   [`Answer::Timeout`].
//! - The answer keeps the status, the headers JavaScript may read (lowercase names) and at most
//!   [`MAX_BODY_BYTES`] of the body. A rejected `fetch` (a `TypeError`: offline, DNS, refused, a failed CORS
//!   preflight, the page's CSP) is [`Answer::NetworkError`]: the status is unknown.
//! - Nothing here logs anything, and nothing here keeps the request (it holds the credential) after it is sent.

use std::cell::Cell;
use std::rc::Rc;

use gloo::net::http::{Headers, Method, RequestBuilder};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, ReferrerPolicy, RequestCache, RequestCredentials, RequestMode};

use crate::core::api::{Answer, HttpAnswer, ProbeRequest};

/// How long one request may take, answer body included.
pub const TIMEOUT_MS: u32 = 15_000;

/// The most of a body kept for classification and display.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Why a flight was aborted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    None,
    Cancelled,
    Timeout,
}

/// One live test in flight: the abort switch for its requests. Clones share it.
#[derive(Clone)]
pub struct Flight {
    controller: Option<AbortController>,
    stop: Rc<Cell<Stop>>,
}

impl PartialEq for Flight {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.stop, &other.stop)
    }
}

impl Default for Flight {
    fn default() -> Self {
        Flight::new()
    }
}

impl Flight {
    pub fn new() -> Flight {
        Flight {
            controller: AbortController::new().ok(),
            stop: Rc::new(Cell::new(Stop::None)),
        }
    }

    /// Stops every request of this flight; they end as [`Answer::Cancelled`].
    pub fn cancel(&self) {
        self.abort(Stop::Cancelled);
    }

    fn abort(&self, why: Stop) {
        if self.stop.get() == Stop::None {
            self.stop.set(why);
        }
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }

    fn stopped_answer(&self) -> Option<Answer> {
        match self.stop.get() {
            Stop::None => None,
            Stop::Cancelled => Some(Answer::Cancelled),
            Stop::Timeout => Some(Answer::Timeout),
        }
    }
}

/// Sends `request` as part of `flight` and returns what came back. Never panics, never logs.
pub async fn send(request: &ProbeRequest, flight: &Flight) -> Answer {
    if let Some(answer) = flight.stopped_answer() {
        return answer;
    }
    let deadline = {
        let flight = flight.clone();
        Timeout::new(TIMEOUT_MS, move || flight.abort(Stop::Timeout))
    };
    let answer = match exchange(request, flight).await {
        Ok(answer) => answer,
        Err(error) => flight
            .stopped_answer()
            .unwrap_or_else(|| Answer::NetworkError(describe(error))),
    };
    drop(deadline);
    // An abort that raced the last bytes still counts as what the person saw happen.
    match (&answer, flight.stopped_answer()) {
        (Answer::Http(_), _) | (_, None) => answer,
        (_, Some(stopped)) => stopped,
    }
}

async fn exchange(request: &ProbeRequest, flight: &Flight) -> Result<Answer, gloo::net::Error> {
    // Headers go in through web-sys, whose `set` reports a value fetch would refuse instead of throwing.
    let raw = web_sys::Headers::new().map_err(js_error)?;
    for (name, value) in &request.headers {
        raw.set(name, value).map_err(js_error)?;
    }
    let method = match request.method {
        "POST" => Method::POST,
        _ => Method::GET,
    };
    let builder = RequestBuilder::new(&request.url)
        .method(method)
        .headers(Headers::from_raw(raw))
        .mode(RequestMode::Cors)
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .cache(RequestCache::NoStore)
        .abort_signal(flight.controller.as_ref().map(|c| c.signal()).as_ref());
    let built = match &request.body {
        Some(body) => builder.body(body.as_str())?,
        None => builder.build()?,
    };
    let response = built.send().await?;
    let status = response.status();
    let headers = response
        .headers()
        .entries()
        .take(200)
        .map(|(name, value)| (name.to_ascii_lowercase(), value))
        .collect();
    let body = cap(response.text().await?, MAX_BODY_BYTES);
    Ok(Answer::Http(HttpAnswer {
        status,
        headers,
        body,
    }))
}

fn js_error(value: wasm_bindgen::JsValue) -> gloo::net::Error {
    match value.dyn_into::<js_sys::Error>() {
        Ok(error) => gloo::net::Error::JsError(error.into()),
        Err(value) => gloo::net::Error::GlooError(
            value
                .as_string()
                .unwrap_or_else(|| "the request could not be built".into()),
        ),
    }
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn cap(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max;
        while end > 0 && !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

/// The error's own words (`TypeError: Failed to fetch`); it never holds the request's headers.
fn describe(error: gloo::net::Error) -> String {
    match error {
        gloo::net::Error::JsError(error) => match (error.name.is_empty(), error.message.is_empty())
        {
            (false, false) => format!("{}: {}", error.name, error.message),
            (false, true) => error.name,
            _ => error.message,
        },
        gloo::net::Error::GlooError(message) => message,
        gloo::net::Error::SerdeError(_) => "The answer could not be read.".into(),
    }
}

/// A text file of the page itself (a relative URL, same origin: the pre-flight script's template).
pub async fn page_file(url: &str) -> Result<String, String> {
    let response = gloo::net::http::Request::get(url)
        .cache(RequestCache::Default)
        .send()
        .await
        .map_err(describe)?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    response.text().await.map_err(describe)
}

/// Milliseconds since the page started (monotonic), for the elapsed time.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::cap;

    #[test]
    fn cap_cuts_at_a_character_boundary() {
        assert_eq!(cap("abcdef".into(), 4), "abcd");
        assert_eq!(cap("ab€".into(), 3), "ab");
        assert_eq!(cap("ab".into(), 4), "ab");
    }
}
