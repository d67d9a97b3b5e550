//! Step 5, first half: the "Claude Code authentication" section for the project's CLAUDE.md, exactly as
//! `core::claude_md::render` makes it from the setup, the evidence codes and the team notes. The preview, the copy
//! button and the download give the same text. The render function takes no key, so none can end up here.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use yew::prelude::*;

use crate::core::claude_md::{render, TeamNotes};
use crate::core::setup::Setup;
use crate::core::steps::Evidence;
use crate::core::team;
use crate::ui::copy_button::CopyButton;

/// The downloaded file's name.
pub const FILE_NAME: &str = "CLAUDE.md-auth-section.md";

#[derive(Properties, PartialEq)]
pub struct ClaudeMdProps {
    pub setup: Setup,
    pub evidence: Evidence,
}

/// Saves `text` as a Markdown file: a Blob, an object URL, a temporary `<a download>` clicked once; the URL is
/// revoked shortly after (at once can cancel the download in some browsers).
fn download(text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type("text/markdown");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(FILE_NAME);
    anchor.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1_000)?;
    Ok(())
}

#[function_component(ClaudeMd)]
pub fn claude_md(props: &ClaudeMdProps) -> Html {
    let notes = use_memo((), |_| TeamNotes::from(&team::BUILT_IN));
    let text = AttrValue::from(render(&props.setup, &props.evidence, &notes));
    let on_download = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = download(&text);
        })
    };
    html! {
        <div class="claude-md">
            <h3 id="claude-md-heading">{"CLAUDE.md section"}</h3>
            <p class="hint">{"For the project's "}<code>{"CLAUDE.md"}</code>{" (shared through git): how this project's \
                credentials are provided and checked, a troubleshooting table for this setup, and key hygiene. It \
                never contains a key, whatever you pasted above."}</p>
            <div class="claude-md-bar">
                <CopyButton text={text.clone()} testid="claude-md-copy" what="Copy the CLAUDE.md section" />
                <button type="button" class="secondary" data-testid="claude-md-download" onclick={on_download}>
                    {"Download"}</button>
                <span class="hint">{FILE_NAME}</span>
            </div>
            <pre data-testid="claude-md" class="claude-md-text" aria-labelledby="claude-md-heading"
                tabindex="0">{text}</pre>
        </div>
    }
}
