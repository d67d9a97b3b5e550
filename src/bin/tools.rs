//! The tools module (live test, error diagnosis, setup, fix steps, CLAUDE.md), loaded by the key check on the first
//! use of the page (see `src/ui/bridge.rs`). Mounts into `<div id="tools">` and marks it no longer busy. Nothing else.

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(claude_auth_doctor::ui::bridge::TOOLS_ROOT_ID));
    match root {
        Some(root) => {
            let _ = root.remove_attribute("aria-busy");
            yew::Renderer::<claude_auth_doctor::ui::tools::Tools>::with_root(root).render();
        }
        None => {
            yew::Renderer::<claude_auth_doctor::ui::tools::Tools>::new().render();
        }
    }
}
