//! Drives headless Chromium through chromedriver's W3C WebDriver API (a small blocking client).
// Shared by several test crates, each of which uses a different part.
#![allow(dead_code)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::http;

/// A free loopback port (bound, then released for the child process to take).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One chromedriver process and one Chromium session; both end on drop.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: TempDir,
}

pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let path =
            std::env::temp_dir().join(format!("auth-doctor-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[derive(Default)]
pub struct Options {
    pub javascript_disabled: bool,
    pub dark: bool,
}

impl Browser {
    pub fn start(options: Options) -> Browser {
        let port = free_port();
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {driver_path} ({e}): run scripts/setup.sh --browser")
            });
        let deadline = Instant::now() + Duration::from_secs(20);
        while http::request(port, "GET", "/status", None)
            .map(|r| r.status)
            .ok()
            != Some(200)
        {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = TempDir::new("profile");
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--no-first-run".into(),
            "--disable-sync".into(),
            "--disable-quic".into(),
            "--window-size=1100,1400".into(),
            format!("--user-data-dir={}", profile.0.display()),
        ];
        if options.dark {
            args.push("--force-dark-mode".into());
            args.push("--blink-settings=preferredColorScheme=0".into());
        }
        let mut prefs = json!({});
        if options.javascript_disabled {
            prefs = json!({"profile.managed_default_content_settings.javascript": 2});
        }
        let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": binary, "args": args, "prefs": prefs},
            "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"},
        }}});
        let answer =
            http::request(port, "POST", "/session", Some(&caps.to_string())).expect("new session");
        let value: Value = serde_json::from_str(&answer.body).expect("session JSON");
        let session = value["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {}", answer.body))
            .to_string();
        Browser {
            driver,
            port,
            session,
            _profile: profile,
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string());
        let answer = http::request(
            self.port,
            method,
            &format!("/session/{}{path}", self.session),
            body.as_deref(),
        )
        .unwrap_or_else(|e| panic!("webdriver {method} {path}: {e}"));
        let value: Value = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
        assert!(
            answer.status < 400,
            "webdriver {method} {path} -> {}: {}",
            answer.status,
            answer.body
        );
        value["value"].clone()
    }

    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs a synchronous script; `arguments[i]` are `args`.
    pub fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Runs an async script: it must call `arguments[arguments.length - 1](result)`.
    pub fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.call(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Waits until `predicate` (a JS expression) is truthy, returning its value.
    pub fn wait_for(&self, expression: &str, what: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let value = self.js(&format!("return ({expression});"), vec![]);
            if !(value.is_null()
                || value == json!(false)
                || value == json!("")
                || value == json!(0))
            {
                return value;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} ({expression})"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// The element for a `data-testid` must exist; returns the given attribute (None if absent).
    pub fn attr(&self, testid: &str, name: &str) -> Option<String> {
        let v = self.js(
            "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); \
             if (!e) throw new Error('no element ' + arguments[0]); return e.getAttribute(arguments[1]);",
            vec![json!(testid), json!(name)],
        );
        v.as_str().map(str::to_string)
    }

    pub fn text(&self, testid: &str) -> String {
        self.js(
            "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); return e ? e.innerText : null;",
            vec![json!(testid)],
        )
        .as_str()
        .unwrap_or_else(|| panic!("no element {testid}"))
        .to_string()
    }

    pub fn exists(&self, testid: &str) -> bool {
        self.js(
            "return !!document.querySelector(`[data-testid=\"${arguments[0]}\"]`);",
            vec![json!(testid)],
        ) == json!(true)
    }

    /// All `data-code` values of the elements with this testid, in order.
    pub fn codes(&self, testid: &str, attribute: &str) -> Vec<String> {
        let v = self.js(
            "return [...document.querySelectorAll(`[data-testid=\"${arguments[0]}\"]`)].map(e => e.getAttribute(arguments[1]));",
            vec![json!(testid), json!(attribute)],
        );
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap_or("").to_string())
            .collect()
    }

    pub fn click(&self, testid: &str) {
        let element = self.element(testid);
        self.call(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    /// Types text into the element with real key events.
    pub fn type_text(&self, testid: &str, text: &str) {
        let element = self.element(testid);
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn element(&self, testid: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": format!("[data-testid=\"{testid}\"]")})),
        );
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("element id")
            .to_string()
    }

    /// Pastes `text` into the element through a paste event that carries the text on its clipboardData, exactly as
    /// a browser does for Ctrl+V (line breaks and all); the page's own handler decides what lands in the field.
    pub fn paste(&self, testid: &str, text: &str) {
        self.js(
            "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); e.focus(); \
             if (e.select) e.select(); \
             const data = new DataTransfer(); data.setData('text/plain', arguments[1]); \
             const ev = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}); \
             if (e.dispatchEvent(ev)) { e.value = arguments[1]; e.dispatchEvent(new InputEvent('input', {bubbles: true})); }",
            vec![json!(testid), json!(text)],
        );
    }

    /// The page's browser console messages so far (level, message).
    pub fn console(&self) -> Vec<(String, String)> {
        let v = self.call_root("POST", "/se/log", json!({"type": "browser"}));
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|e| {
                        (
                            e["level"].as_str().unwrap_or("").into(),
                            e["message"].as_str().unwrap_or("").into(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every URL that a document under `document_prefix` requested so far (Chromium's performance log), the
    /// document itself included. Chromium's own pages (the new-tab page and the like) are not counted.
    pub fn requested_urls(&self, document_prefix: &str) -> Vec<String> {
        let v = self.call_root("POST", "/se/log", json!({"type": "performance"}));
        let mut urls = Vec::new();
        for entry in v.as_array().into_iter().flatten() {
            let Some(message) = entry["message"].as_str() else {
                continue;
            };
            let Ok(parsed) = serde_json::from_str::<Value>(message) else {
                continue;
            };
            if parsed["message"]["method"] != "Network.requestWillBeSent" {
                continue;
            }
            let params = &parsed["message"]["params"];
            let document = params["documentURL"].as_str().unwrap_or("");
            if let Some(url) = params["request"]["url"].as_str() {
                if document.starts_with(document_prefix) || url.starts_with(document_prefix) {
                    urls.push(url.to_string());
                }
            }
        }
        urls
    }

    fn call_root(&self, method: &str, path: &str, body: Value) -> Value {
        self.call(method, path, Some(body))
    }

    /// Fails on a Rust panic or an uncaught error in the page's console.
    pub fn assert_no_panic(&self) {
        for (level, message) in self.console() {
            assert!(
                !(message.contains("panicked")
                    || message.contains("RuntimeError")
                    || message.contains("unreachable")),
                "console {level}: {message}"
            );
        }
    }

    /// Sends a Chrome DevTools Protocol command through chromedriver.
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({ "cmd": cmd, "params": params })),
        )
    }

    /// Saves a PNG screenshot of the viewport.
    pub fn screenshot(&self, path: &std::path::Path) {
        use std::io::Write;
        let b64 = self.call("GET", "/screenshot", None);
        let bytes = decode_base64(b64.as_str().expect("screenshot data"));
        std::fs::File::create(path)
            .and_then(|mut f| f.write_all(&bytes))
            .expect("write screenshot");
    }
}

// Form controls (used by the guidance tests).
impl Browser {
    /// Chooses `value` in the `<select>` with this testid as a person would: sets it, then fires `input` and
    /// `change`. Panics when the select has no such option.
    pub fn select_option(&self, testid: &str, value: &str) {
        let found = self.js(
            "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); \
             if (!e) throw new Error('no element ' + arguments[0]); \
             if (![...e.options].some(o => o.value === arguments[1])) return false; \
             e.value = arguments[1]; \
             e.dispatchEvent(new Event('input', {bubbles: true})); \
             e.dispatchEvent(new Event('change', {bubbles: true})); return true;",
            vec![json!(testid), json!(value)],
        );
        assert_eq!(found, json!(true), "{testid} has no option {value:?}");
    }

    /// The `.value` of the form control with this testid.
    pub fn value(&self, testid: &str) -> String {
        self.js(
            "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); \
             if (!e) throw new Error('no element ' + arguments[0]); return e.value;",
            vec![json!(testid)],
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// The option values of the `<select>` with this testid, in order.
    pub fn options(&self, testid: &str) -> Vec<String> {
        let v = self.js(
            "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); \
             if (!e) throw new Error('no element ' + arguments[0]); return [...e.options].map(o => o.value);",
            vec![json!(testid)],
        );
        v.as_array()
            .into_iter()
            .flatten()
            .map(|x| x.as_str().unwrap_or("").to_string())
            .collect()
    }

    /// Saves a PNG of the whole element matching the CSS `selector`, even when it is taller than the window: the
    /// viewport is made as tall as the page for the capture (so nothing reflows between measuring and capturing),
    /// then restored.
    pub fn screenshot_element(&self, selector: &str, path: &std::path::Path) {
        use std::io::Write;
        let size = self.js(
            "return [document.documentElement.clientWidth, document.documentElement.scrollHeight];",
            vec![],
        );
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": false}),
        );
        let rect = self.js(
            "const e = document.querySelector(arguments[0]); \
             if (!e) throw new Error('no element ' + arguments[0]); \
             window.scrollTo(0, 0); const r = e.getBoundingClientRect(); \
             return [r.left, r.top, r.width, r.height];",
            vec![json!(selector)],
        );
        let n = |i: usize| rect[i].as_f64().unwrap_or(0.0);
        let shot = self.cdp(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": false,
                "clip": {"x": n(0), "y": n(1), "width": n(2), "height": n(3), "scale": 1},
            }),
        );
        self.cdp("Emulation.clearDeviceMetricsOverride", json!({}));
        let bytes = decode_base64(shot["data"].as_str().expect("screenshot data"));
        std::fs::File::create(path)
            .and_then(|mut f| f.write_all(&bytes))
            .expect("write screenshot");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http::request(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Where screenshots go: `target/screenshots/NAME`.
pub fn screenshot_path(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &d)| acc | (u32::from(d) << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}
