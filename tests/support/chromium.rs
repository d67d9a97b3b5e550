//! Headless Chromium, driven through chromedriver with fantoccini (a WebDriver client).
//!
//! [`Browser`] is a blocking wrapper made for test bodies: it owns a chromedriver process, a fresh Chromium profile
//! and a current-thread tokio runtime, and every method runs one fantoccini call to completion on that runtime. A
//! WebDriver error panics with what was asked, as a failed assertion would. Chrome DevTools commands
//! ([`Browser::cdp`]) and the browser's logs ([`Browser::console`], [`Browser::requested_urls`]) go through
//! chromedriver's own endpoints (`goog/cdp/execute`, `se/log`), sent as custom commands.

use std::fmt::Display;
use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::error::CmdError;
use fantoccini::key::Key;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

/// How long [`Browser::wait_for`] waits.
const WAIT: Duration = Duration::from_secs(30);

/// A directory under the system's temporary directory, removed on drop.
pub struct TempDir(pub PathBuf);

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

/// How the browser starts.
#[derive(Default)]
pub struct Options {
    /// JavaScript off in the profile (the build-time guide must stand alone).
    pub javascript_disabled: bool,
    /// The dark color scheme (`prefers-color-scheme: dark`).
    pub dark: bool,
    /// A timed load (the benchmark): no console or performance log (for the performance log chromedriver records
    /// every DevTools network and page event of the load, work that a person's browser does not do), and `goto`
    /// returns as the navigation starts (page load strategy `none`), so the caller can leave the page alone while it
    /// loads.
    pub timed: bool,
}

/// A chromedriver endpoint beyond W3C WebDriver: `POST /session/{id}/{path}` with a JSON body.
#[derive(Debug)]
struct ChromedriverPost {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for ChromedriverPost {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// One chromedriver process and one Chromium session with a fresh profile; all of it ends on drop.
pub struct Browser {
    client: Client,
    runtime: tokio::runtime::Runtime,
    driver: Child,
    _profile: TempDir,
}

impl Browser {
    pub fn start(options: Options) -> Browser {
        let port = free_port();
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let mut driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {driver_path} ({e}): run scripts/setup.sh --test")
            });
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                let _ = driver.kill();
                panic!("chromedriver did not start on port {port}");
            }
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
        let prefs = if options.javascript_disabled {
            json!({"profile.managed_default_content_settings.javascript": 2})
        } else {
            json!({})
        };
        let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut capabilities = Capabilities::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({"binary": binary, "args": args, "prefs": prefs}),
        );
        if options.timed {
            capabilities.insert("pageLoadStrategy".into(), json!("none"));
        } else {
            capabilities.insert(
                "goog:loggingPrefs".into(),
                json!({"browser": "ALL", "performance": "ALL"}),
            );
        }

        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let client = runtime
            .block_on(
                ClientBuilder::new(HttpConnector::new())
                    .capabilities(capabilities)
                    .connect(&format!("http://127.0.0.1:{port}")),
            )
            .unwrap_or_else(|e| {
                let _ = driver.kill();
                panic!("no Chromium session from chromedriver: {e}")
            });
        Browser {
            client,
            runtime,
            driver,
            _profile: profile,
        }
    }

    /// Runs one WebDriver call to completion; a WebDriver error panics, naming `what` was asked.
    fn run<T>(&self, what: impl Display, call: impl Future<Output = Result<T, CmdError>>) -> T {
        self.runtime
            .block_on(call)
            .unwrap_or_else(|e| panic!("webdriver {what}: {e}"))
    }

    pub fn goto(&self, url: &str) {
        self.run(format_args!("goto {url}"), self.client.goto(url));
    }

    /// Runs a synchronous script; `arguments[i]` are `args`.
    pub fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.run(
            format_args!("script {script}"),
            self.client.execute(script, args),
        )
    }

    /// Runs an async script: it must call `arguments[arguments.length - 1](result)`.
    pub fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.run(
            format_args!("async script {script}"),
            self.client.execute_async(script, args),
        )
    }

    /// Waits until `expression` (a JS expression) is truthy, returning its value.
    pub fn wait_for(&self, expression: &str, what: &str) -> Value {
        let deadline = Instant::now() + WAIT;
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

    /// The values of `attribute` on every element with this testid, in order.
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

    /// Clicks the element with this testid as a person would (WebDriver's element click: scrolled into view, at
    /// its centre).
    pub fn click(&self, testid: &str) {
        self.click_css(&testid_selector(testid));
    }

    /// Clicks the first element matching the CSS `selector`, as [`Browser::click`] does.
    pub fn click_css(&self, selector: &str) {
        self.run(format_args!("click {selector}"), async {
            self.client
                .find(Locator::Css(selector))
                .await?
                .click()
                .await
        });
    }

    /// Types text into the element with real key events.
    pub fn type_text(&self, testid: &str, text: &str) {
        let selector = testid_selector(testid);
        self.run(format_args!("type into {testid}"), async {
            self.client
                .find(Locator::Css(&selector))
                .await?
                .send_keys(text)
                .await
        });
    }

    /// Presses and releases `key` as a keyboard would, wherever the focus is (WebDriver's key actions).
    pub fn press(&self, key: Key) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        self.run(
            format_args!("press {key:?}"),
            self.client.perform_actions(keys),
        );
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

    /// Entries of one of chromedriver's logs (`browser`: the console; `performance`: DevTools events) since the last
    /// read.
    fn log(&self, kind: &'static str) -> Vec<Value> {
        let entries = self.run(
            format_args!("{kind} log"),
            self.client.issue_cmd(ChromedriverPost {
                path: "se/log",
                body: json!({ "type": kind }),
            }),
        );
        match entries {
            Value::Array(entries) => entries,
            _ => Vec::new(),
        }
    }

    /// The page's browser console messages so far (level, message).
    pub fn console(&self) -> Vec<(String, String)> {
        self.log("browser")
            .iter()
            .map(|e| {
                (
                    e["level"].as_str().unwrap_or("").into(),
                    e["message"].as_str().unwrap_or("").into(),
                )
            })
            .collect()
    }

    /// Every URL that a document under `document_prefix` requested so far (Chromium's performance log), the
    /// document itself included. Chromium's own pages (the new-tab page and the like) are not counted.
    pub fn requested_urls(&self, document_prefix: &str) -> Vec<String> {
        let mut urls = Vec::new();
        for entry in self.log("performance") {
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

    /// Sends a Chrome DevTools Protocol command through chromedriver; returns its result.
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.run(
            format_args!("DevTools {cmd}"),
            self.client.issue_cmd(ChromedriverPost {
                path: "goog/cdp/execute",
                body: json!({ "cmd": cmd, "params": params }),
            }),
        )
    }

    /// Lets `origin` use the clipboard, clicks the copy button `testid`, waits until `copied` (a JavaScript condition)
    /// holds, and returns what the clipboard then holds (or `ERROR …`).
    pub fn copy_and_read(&self, origin: &str, testid: &str, copied: &str) -> Value {
        self.copy_css_and_read(origin, &testid_selector(testid), copied)
    }

    /// [`Browser::copy_and_read`] for the copy button matching the CSS `selector`.
    pub fn copy_css_and_read(&self, origin: &str, selector: &str, copied: &str) -> Value {
        self.cdp(
            "Browser.grantPermissions",
            json!({"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}),
        );
        self.click_css(selector);
        self.wait_for(copied, "the copy button to say Copied");
        self.js_async(
            "const done = arguments[arguments.length - 1]; \
             navigator.clipboard.readText().then(done, e => done('ERROR ' + e));",
            vec![],
        )
    }

    /// Saves a PNG screenshot of the viewport.
    pub fn screenshot(&self, path: &Path) {
        let png = self.run("screenshot", self.client.screenshot());
        std::fs::write(path, png).expect("write screenshot");
    }

    /// Saves a PNG of the whole element matching the CSS `selector`, even when it is taller than the window: the
    /// viewport is made as tall as the page for the capture (so nothing reflows between measuring and capturing),
    /// then restored.
    pub fn screenshot_element(&self, selector: &str, path: &Path) {
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
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("screenshot data"))
            .expect("base64 screenshot");
        std::fs::write(path, png).expect("write screenshot");
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
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.runtime.block_on(self.client.clone().close());
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The CSS selector of the element with this `data-testid`.
fn testid_selector(testid: &str) -> String {
    format!("[data-testid=\"{testid}\"]")
}

/// A free loopback port (bound, then released for the child process to take).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Where screenshots go: `target/screenshots/NAME`.
pub fn screenshot_path(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}
