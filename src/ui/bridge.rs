//! The link between the page's two WebAssembly modules, and the loader of the second.
//!
//! The page is split for its load budget (issue 4, README "Measured"):
//! - the **key check** (`src/main.rs`, [`crate::ui::app`]) is the initial load: it makes the key field interactive;
//! - the **tools** (`src/bin/tools.rs`, [`crate::ui::tools`]: live test, error diagnosis, setup, fix steps,
//!   CLAUDE.md) load on the first sign of use (a pointer, key, focus, touch, wheel or scroll event anywhere), or once
//!   the page has been idle for [`IDLE_MS`], whichever comes first.
//!
//! The key reaches the tools in memory only: as the `detail` of a [`KEY_EVENT`] on `document` (the exact text as
//! pasted; `null` once dropped). The key check sends it on every change and when the tools ask with a
//! [`KEY_REQUEST_EVENT`] (once they have mounted). It is never put in an attribute, storage or the URL.
//!
//! The tools' file names and the wasm's SRI hash are on `<div id="tools">` (`data-js`, `data-wasm`,
//! `data-integrity`), written by the post-build step (`src/bin/postbuild.rs`), which also lists the module's script
//! in the import map's `integrity`.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AddEventListenerOptions, CustomEvent, CustomEventInit, Event, EventTarget};

/// Carries the key field's exact text (or `null`) from the key check to the tools.
pub const KEY_EVENT: &str = "cad-key";
/// Sent by the tools once mounted: the key check answers with a [`KEY_EVENT`].
pub const KEY_REQUEST_EVENT: &str = "cad-key-request";
/// The element the tools mount into; carries their file names (see the module docs).
pub const TOOLS_ROOT_ID: &str = "tools";
/// The tools load after this long even if the page is not used.
pub const IDLE_MS: i32 = 1_500;
/// Events that count as using the page (listened to on `window`, capturing, passive).
const USE_EVENTS: [&str; 9] = [
    "pointerdown",
    "pointermove",
    "keydown",
    "focusin",
    "touchstart",
    "wheel",
    "scroll",
    "paste",
    "input",
];

#[wasm_bindgen(inline_js = "export function import_tools(js, wasm, integrity) {
  const base = document.baseURI;
  const response = fetch(new URL(wasm, base).href, integrity ? { integrity } : {});
  return import(new URL(js, base).href).then((m) => m.default({ module_or_path: response }));
}")]
extern "C" {
    /// Imports the tools' module and starts it with its wasm (fetched with its SRI hash).
    #[wasm_bindgen(catch)]
    fn import_tools(js: &str, wasm: &str, integrity: &str) -> Result<js_sys::Promise, JsValue>;
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Sends the key field's exact text (`None`: the key was dropped) to the tools, if they are listening.
pub fn publish_key(text: Option<&str>) {
    let Some(document) = document() else {
        return;
    };
    let init = CustomEventInit::new();
    init.set_detail(&text.map_or(JsValue::NULL, JsValue::from_str));
    if let Ok(event) = CustomEvent::new_with_event_init_dict(KEY_EVENT, &init) {
        let _ = document.dispatch_event(&event);
    }
}

/// Asks the key check for the current key (it answers with a [`KEY_EVENT`]).
pub fn request_key() {
    if let (Some(document), Ok(event)) = (document(), Event::new(KEY_REQUEST_EVENT)) {
        let _ = document.dispatch_event(&event);
    }
}

/// The text a [`KEY_EVENT`] carries: `Some(text)`, or `None` when the key was dropped.
pub fn key_of(event: &Event) -> Option<String> {
    event.dyn_ref::<CustomEvent>()?.detail().as_string()
}

/// An event listener on `document` or `window`, removed when dropped.
pub struct Listener {
    target: EventTarget,
    name: &'static str,
    callback: Closure<dyn Fn(Event)>,
}

impl Listener {
    pub fn on_document(name: &'static str, f: impl Fn(Event) + 'static) -> Option<Listener> {
        Listener::on(document()?.into(), name, f)
    }

    pub fn on_window(name: &'static str, f: impl Fn(Event) + 'static) -> Option<Listener> {
        Listener::on(web_sys::window()?.into(), name, f)
    }

    fn on(
        target: EventTarget,
        name: &'static str,
        f: impl Fn(Event) + 'static,
    ) -> Option<Listener> {
        let callback = Closure::<dyn Fn(Event)>::new(f);
        target
            .add_event_listener_with_callback(name, callback.as_ref().unchecked_ref())
            .ok()?;
        Some(Listener {
            target,
            name,
            callback,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.name, self.callback.as_ref().unchecked_ref());
    }
}

/// Starts loading the tools on the first use of the page or after [`IDLE_MS`]; `done` gets `Ok` once they have
/// mounted, or the reason they could not load. Call once.
pub fn load_tools_when_used(done: impl FnOnce(Result<(), String>) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Taken by the first event or the timer; later ones find it gone.
    let done = Cell::new(Some(done));
    let handler: Rc<Cell<Option<js_sys::Function>>> = Rc::new(Cell::new(None));
    let start = {
        let handler = handler.clone();
        Closure::<dyn Fn()>::new(move || {
            let Some(done) = done.take() else {
                return;
            };
            if let (Some(window), Some(f)) = (web_sys::window(), handler.take()) {
                let target: &EventTarget = window.as_ref();
                for name in USE_EVENTS {
                    let _ = target.remove_event_listener_with_callback_and_bool(name, &f, true);
                }
            }
            wasm_bindgen_futures::spawn_local(async move { done(load_tools().await) });
        })
    };
    let f: js_sys::Function = start.into_js_value().unchecked_into();
    handler.set(Some(f.clone()));
    let options = AddEventListenerOptions::new();
    options.set_capture(true);
    options.set_passive(true);
    for name in USE_EVENTS {
        let _ = window
            .add_event_listener_with_callback_and_add_event_listener_options(name, &f, &options);
    }
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&f, IDLE_MS);
}

async fn load_tools() -> Result<(), String> {
    let root = document()
        .and_then(|d| d.get_element_by_id(TOOLS_ROOT_ID))
        .ok_or("the page has no tools slot")?;
    let attr = |name: &str, fallback: &str| {
        root.get_attribute(name)
            .unwrap_or_else(|| fallback.to_string())
    };
    let promise = import_tools(
        &attr("data-js", "./tools.js"),
        &attr("data-wasm", "./tools_bg.wasm"),
        &attr("data-integrity", ""),
    )
    .map_err(describe)?;
    JsFuture::from(promise).await.map(|_| ()).map_err(describe)
}

/// A JavaScript error as one line of text.
fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}
