//! Mounts the app into `<main id="app">`, below the header and beside the build-time guide. Nothing else.

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<claude_auth_doctor::ui::app::App>::with_root(root).render(),
        None => yew::Renderer::<claude_auth_doctor::ui::app::App>::new().render(),
    };
}
