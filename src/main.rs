//! Mounts the app. Everything else lives in the library.

fn main() {
    yew::Renderer::<claude_auth_doctor::ui::app::App>::new().render();
}
