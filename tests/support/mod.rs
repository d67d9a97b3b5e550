//! Test support shared by the native and browser tests: the loopback stand-in API, a tiny blocking HTTP/1.1
//! client that sends a [`ProbeRequest`] the way the page's `fetch` would and returns the [`Answer`] it would see,
//! and the substring lint of generated shell commands.
//!
//! Use from a test crate with `mod support;` (or `#[path = "support/mod.rs"] mod support;`).
#![allow(dead_code)]

pub mod claude_cli;
pub mod shell_lint;
pub mod stand_in_api;
// The browser tests' HTTP client: its chunked-body decoder serves here too.
#[path = "../browser/http.rs"]
pub mod wire;

use claude_auth_doctor::core::api::{Answer, HttpAnswer, ProbeRequest};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A response as the raw client read it (header names lowercase): the core's own answer type.
pub type RawResponse = HttpAnswer;

/// Why no response came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawError {
    /// Refused, reset, closed without an answer, malformed, or not a loopback URL.
    Network(String),
    Timeout,
}

/// `http://127.0.0.1:PORT/path` → `(host, port, path)`. Anything not plain-HTTP loopback is refused: tests never
/// send traffic off this machine.
fn loopback_target(url: &str) -> Result<(String, u16, String), RawError> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        RawError::Network(format!("refusing a non-loopback or non-http URL: {url}"))
    })?;
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (
            h,
            p.parse::<u16>()
                .map_err(|_| RawError::Network(format!("bad port in {url}")))?,
        ),
        None => (authority, 80),
    };
    if !matches!(host, "127.0.0.1" | "localhost") {
        return Err(RawError::Network(format!(
            "refusing a non-loopback host: {host}"
        )));
    }
    Ok(("127.0.0.1".to_string(), port, path.to_string()))
}

/// Sends one request and reads the whole answer, within `timeout` overall.
pub fn raw_request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    timeout: Duration,
) -> Result<RawResponse, RawError> {
    let (host, port, path) = loopback_target(url)?;
    let deadline = Instant::now() + timeout;
    let mut stream =
        TcpStream::connect_timeout(&(std::net::Ipv4Addr::LOCALHOST, port).into(), timeout)
            .map_err(|e| RawError::Network(format!("connect: {e}")))?;
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream
        .set_write_timeout(Some(timeout))
        .map_err(|e| RawError::Network(e.to_string()))?;
    stream
        .write_all(head.as_bytes())
        .map_err(|e| RawError::Network(format!("write: {e}")))?;
    if let Some(body) = body {
        stream
            .write_all(body.as_bytes())
            .map_err(|e| RawError::Network(format!("write: {e}")))?;
    }

    let mut raw = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(RawError::Timeout);
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|e| RawError::Network(e.to_string()))?;
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(RawError::Timeout)
            }
            Err(e) if raw.is_empty() => return Err(RawError::Network(format!("read: {e}"))),
            Err(_) => break,
        }
        if raw.len() > 16 * 1024 * 1024 {
            return Err(RawError::Network("answer too large".to_string()));
        }
    }
    if raw.is_empty() {
        return Err(RawError::Network(
            "the connection closed without an answer".to_string(),
        ));
    }
    parse_response(&raw).ok_or_else(|| RawError::Network("malformed HTTP answer".to_string()))
}

fn parse_response(raw: &[u8]) -> Option<RawResponse> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        body = wire::dechunk(&body)?;
    } else if let Some(length) = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
    {
        body.truncate(length);
    }
    Some(HttpAnswer {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
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
        Ok(response) => Answer::Http(response),
        Err(RawError::Timeout) => Answer::Timeout,
        Err(RawError::Network(detail)) => Answer::NetworkError(detail),
    }
}
