//! The only code that touches the network: sends one [`ProbeRequest`] that `core::probe::plan` decided, and hands
//! back the raw [`Answer`] for `core::outcome::classify`.
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

use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, ReferrerPolicy, RequestCache, RequestCredentials, RequestInit,
    RequestMode, Response,
};

use crate::core::outcome::{Answer, HttpAnswer};
use crate::core::probe::ProbeRequest;

/// How long one request may take, answer body included.
pub const TIMEOUT_MS: i32 = 15_000;

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

    /// Whether the flight was cancelled or timed out.
    pub fn is_stopped(&self) -> bool {
        self.stop.get() != Stop::None
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

/// A `setTimeout` that aborts the flight with [`Stop::Timeout`]; cleared when dropped.
struct Deadline {
    handle: Option<i32>,
    _callback: Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(flight: &Flight, ms: i32) -> Deadline {
        let target = flight.clone();
        let callback = Closure::<dyn FnMut()>::new(move || target.abort(Stop::Timeout));
        let handle = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                ms,
            )
            .ok()
        });
        Deadline {
            handle,
            _callback: callback,
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.handle, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
    }
}

/// Sends `request` as part of `flight` and returns what came back. Never panics, never logs.
pub async fn send(request: &ProbeRequest, flight: &Flight) -> Answer {
    if let Some(answer) = flight.stopped_answer() {
        return answer;
    }
    let deadline = Deadline::start(flight, TIMEOUT_MS);
    let answer = match exchange(request, flight).await {
        Ok(answer) => answer,
        Err(error) => flight
            .stopped_answer()
            .unwrap_or_else(|| Answer::NetworkError(describe(&error))),
    };
    drop(deadline);
    // An abort that raced the last bytes still counts as what the person saw happen.
    match (&answer, flight.stopped_answer()) {
        (Answer::Http(_), _) | (_, None) => answer,
        (_, Some(stopped)) => stopped,
    }
}

async fn exchange(request: &ProbeRequest, flight: &Flight) -> Result<Answer, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let headers = Headers::new()?;
    for (name, value) in &request.headers {
        headers.set(name, value)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_headers(&headers);
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_cache(RequestCache::NoStore);
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    if let Some(controller) = &flight.controller {
        init.set_signal(Some(&controller.signal()));
    }
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(&request.url, &init))
        .await?
        .dyn_into()?;
    let status = response.status();
    let headers = readable_headers(&response.headers());
    let text = JsFuture::from(response.text()?).await?;
    let body = cap(text.as_string().unwrap_or_default(), MAX_BODY_BYTES);
    Ok(Answer::Http(HttpAnswer {
        status,
        headers,
        body,
    }))
}

/// The response headers JavaScript may read (the CORS-safelisted ones and those the server exposed).
fn readable_headers(headers: &Headers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(Some(entries)) = js_sys::try_iter(headers) else {
        return out;
    };
    for entry in entries.flatten().take(200) {
        let pair: Array = entry.unchecked_into();
        if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            out.push((name.to_ascii_lowercase(), value));
        }
    }
    out
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
fn describe(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        let name = error.name().as_string().unwrap_or_default();
        let message = error.message().as_string().unwrap_or_default();
        return match (name.is_empty(), message.is_empty()) {
            (false, false) => format!("{name}: {message}"),
            (false, true) => name,
            _ => message,
        };
    }
    error
        .as_string()
        .unwrap_or_else(|| "The request failed before an answer arrived.".to_string())
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
