//! A page under test: a release dist served on loopback under a sub-path, open in headless Chromium once the app
//! has mounted.

use std::path::PathBuf;

use super::chromium::{Browser, Options};
use super::static_server::StaticServer;

pub struct Page {
    pub browser: Browser,
    pub server: StaticServer,
}

impl Page {
    /// Serves `dist` under `sub_path`, opens it with `options`, and waits for the app and for the element
    /// `data-testid=ready_testid`.
    pub fn open(dist: PathBuf, sub_path: &str, options: Options, ready_testid: &str) -> Page {
        let server = StaticServer::start(dist, sub_path);
        let browser = Browser::start(options);
        browser.goto(&server.url());
        wait_for_app(&browser);
        browser.wait_for(
            &format!("document.querySelector('[data-testid=\"{ready_testid}\"]')"),
            &format!("{ready_testid} to mount"),
        );
        Page { browser, server }
    }
}

/// The app has mounted: its first section and its last.
pub fn wait_for_app(browser: &Browser) {
    browser.wait_for(
        "document.querySelector('[data-testid=\"key-input\"]') && document.querySelector('[data-testid=\"share-link\"]')",
        "the app to mount",
    );
}
