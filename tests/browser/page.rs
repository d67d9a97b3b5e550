//! A page under test: a release dist served on loopback under a sub-path, open in headless Chromium once the app
//! has mounted (the key check, and the tools it loads on first use). Shared by the browser test crates.
#![allow(dead_code)]

use std::path::PathBuf;

use crate::static_server::StaticServer;
use crate::webdriver::{Browser, Options};

pub struct Page {
    pub browser: Browser,
    pub server: StaticServer,
}

impl Page {
    /// Serves `dist` under `sub_path`, opens it with `options`, waits for the key field, moves the mouse (which
    /// loads the tools) and waits for the tools to mount and for the element `data-testid=ready_testid`.
    pub fn open(dist: PathBuf, sub_path: &str, options: Options, ready_testid: &str) -> Page {
        let server = StaticServer::start(dist, sub_path);
        let browser = Browser::start(options);
        browser.goto(&server.url());
        wait_for_key_check(&browser);
        browser.move_pointer();
        wait_for_tools(&browser);
        browser.wait_for(
            &format!("document.querySelector('[data-testid=\"{ready_testid}\"]')"),
            &format!("{ready_testid} to mount"),
        );
        Page { browser, server }
    }
}

/// The key check (the initial module) has mounted.
pub fn wait_for_key_check(browser: &Browser) {
    browser.wait_for(
        "document.querySelector('[data-testid=\"key-input\"]')",
        "the key check to mount",
    );
}

/// The tools (the module loaded on first use) have mounted.
pub fn wait_for_tools(browser: &Browser) {
    browser.wait_for(
        "document.querySelector('#tools:not([aria-busy]) [data-testid=\"live-test\"]')",
        "the tools to mount",
    );
}
