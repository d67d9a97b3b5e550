//! Effects the components share: saving a text as a file, writing the clipboard, running something later, reading a
//! text area as it changes.
//! Built on gloo (files, timers) and the browser's clipboard API.

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlAnchorElement;

/// Runs `f` once after `ms` milliseconds.
pub fn after(ms: u32, f: impl FnOnce() + 'static) {
    gloo::timers::callback::Timeout::new(ms, f).forget();
}

/// Saves `text` as a file: a Blob behind an object URL, a temporary `<a download>` clicked once. The URL is revoked a
/// second later (at once can cancel the download in some browsers).
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let document = gloo::utils::document();
    let url = gloo::file::ObjectUrl::from(gloo::file::Blob::new_with_options(text, Some(mime)));
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = gloo::utils::body();
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    after(1_000, move || drop(url));
    Ok(())
}

/// `navigator.clipboard.writeText(text)`; false when the API is missing (an insecure page) or refuses.
pub async fn write_clipboard(text: &str) -> bool {
    let navigator = gloo::utils::window().navigator();
    // `navigator.clipboard` is undefined outside secure contexts: check before calling into it.
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false);
    if !has_clipboard {
        return false;
    }
    let promise: Promise = navigator.clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// An `oninput` for a `<textarea>` that hands its whole text to `on_text` at every change.
pub fn textarea_text(on_text: &yew::Callback<String>) -> yew::Callback<yew::InputEvent> {
    let on_text = on_text.clone();
    yew::Callback::from(move |event: yew::InputEvent| {
        use yew::TargetCast;
        if let Some(area) = event.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
            on_text.emit(area.value());
        }
    })
}
