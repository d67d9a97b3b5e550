//! Mounts the app into `<main id="app">`, below the header and beside the build-time guide. Nothing else.
//!
//! Trunk's start-up script runs `async` (see `src/bin/postbuild.rs`), so this may run while the document is still
//! being parsed: the app mounts at once if `<main id="app">` is already there (the guide and the reference below it
//! may still be arriving), else on `DOMContentLoaded`.

fn mount() {
    let root = gloo::utils::document().get_element_by_id("app");
    match root {
        Some(root) => yew::Renderer::<claude_auth_doctor::ui::app::App>::with_root(root).render(),
        None => yew::Renderer::<claude_auth_doctor::ui::app::App>::new().render(),
    };
}

fn main() {
    let document = gloo::utils::document();
    if document.get_element_by_id("app").is_none() && document.ready_state() == "loading" {
        gloo::events::EventListener::once(&document, "DOMContentLoaded", |_| mount()).forget();
    } else {
        mount();
    }
}
