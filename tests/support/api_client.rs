//! Sends a planned probe ([`ProbeRequest`]) to the loopback stand-in API with ureq, the way the page's `fetch` would,
//! and returns the [`Answer`] the page would see: any HTTP status as an answer (never as an error), a dropped
//! connection as a network error, no answer in time as a timeout.

use std::io::ErrorKind;
use std::time::Duration;

use claude_auth_doctor::core::api::{Answer, HttpAnswer, ProbeRequest};
use ureq::http::{Request, Uri};

/// Why no answer came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoAnswer {
    /// Refused, reset, closed without an answer, malformed, or not a loopback URL.
    Network(String),
    Timeout,
}

/// Only plain HTTP to 127.0.0.1 or localhost: tests never send traffic off this machine.
fn check_loopback(url: &str) -> Result<(), NoAnswer> {
    let uri: Uri = url
        .parse()
        .map_err(|e| NoAnswer::Network(format!("bad URL {url}: {e}")))?;
    if uri.scheme_str() == Some("http") && matches!(uri.host(), Some("127.0.0.1" | "localhost")) {
        Ok(())
    } else {
        Err(NoAnswer::Network(format!(
            "refusing a non-loopback or non-http URL: {url}"
        )))
    }
}

/// Sends one request and reads the whole answer (header names lowercase), within `timeout` overall.
pub fn raw_request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    timeout: Duration,
) -> Result<HttpAnswer, NoAnswer> {
    check_loopback(url)?;
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .build()
        .new_agent();
    let mut request = Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let sent = match body {
        Some(body) => request.body(body).map(|r| agent.run(r)),
        None => request.body(()).map(|r| agent.run(r)),
    }
    .map_err(|e| NoAnswer::Network(format!("bad request: {e}")))?;
    let mut response = sent.map_err(no_answer)?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_string(), value)
        })
        .collect();
    let body = response.body_mut().read_to_vec().map_err(no_answer)?;
    Ok(HttpAnswer {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn no_answer(error: ureq::Error) -> NoAnswer {
    match error {
        ureq::Error::Timeout(_) => NoAnswer::Timeout,
        ureq::Error::Io(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => {
            NoAnswer::Timeout
        }
        other => NoAnswer::Network(other.to_string()),
    }
}

/// Sends a planned probe like the page would (with `Origin` when `origin` is given, as a browser adds it) and
/// returns what `fetch` would have reported: a network error for a dropped connection, a timeout after `timeout`.
pub fn send(request: &ProbeRequest, origin: Option<&str>, timeout: Duration) -> Answer {
    let mut headers: Vec<(&str, &str)> = request
        .headers
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    if let Some(origin) = origin {
        headers.push(("origin", origin));
    }
    match raw_request(
        request.method,
        &request.url,
        &headers,
        request.body.as_deref(),
        timeout,
    ) {
        Ok(answer) => Answer::Http(answer),
        Err(NoAnswer::Timeout) => Answer::Timeout,
        Err(NoAnswer::Network(detail)) => Answer::NetworkError(detail),
    }
}
