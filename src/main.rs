//! Mounts the key check into `<div id="app">`, below the header and beside the build-time guide. Nothing else.
//!
//! The start-up script is `async` (see `src/bin/postbuild.rs`), so this may run before the document is parsed: it
//! then waits for `DOMContentLoaded`.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

fn mount() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<claude_auth_doctor::ui::app::App>::with_root(root).render(),
        None => yew::Renderer::<claude_auth_doctor::ui::app::App>::new().render(),
    };
}

fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.ready_state() == "loading" {
        let on_parsed = Closure::once_into_js(mount);
        let _ = document
            .add_event_listener_with_callback("DOMContentLoaded", on_parsed.unchecked_ref());
    } else {
        mount();
    }
}
