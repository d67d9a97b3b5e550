//! Step 5, second half: a link that reopens this page with the same setup: the page's address without its query or
//! fragment, then `?` and `core::share::to_query` (the four setup codes, never the key). Opening such a link restores
//! the setup (`app.rs` reads `location.search` once at start-up). The page never writes the address bar itself.

use yew::prelude::*;

use crate::core::setup::Setup;
use crate::core::share::to_query;
use crate::ui::copy_button::copy_button;
use crate::ui::text::markup;

/// The block's static markup (`text::markup`).
pub(crate) const SHARE_HEAD: &str = concat!(
    r#"<h3 id="share-heading">Share this setup</h3><p class="hint">A link that opens this page with the same "#,
    "choices, for a teammate or your own notes. It holds only the four choices above, never a key.</p>"
);

/// The page's own address without query or fragment.
fn page_address() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(format!(
        "{}{}",
        location.origin().ok()?,
        location.pathname().ok()?
    ))
}

/// A view function, not a component: it holds no state, and as a component it would add its own copy of yew's
/// component machinery to the WebAssembly. `Sections` renders it, never in the page's first render, so the first paint
/// does not depend on where the page is served.
pub fn share_link(setup: &Setup) -> Html {
    let base = page_address().unwrap_or_default();
    let href = AttrValue::from(format!("{base}?{}", to_query(setup)));
    html! {
        <div class="share">
            { markup(SHARE_HEAD) }
            <div class="share-bar">
                <a id="share-link-text" data-testid="share-link" class="share-link" href={href.clone()}
                    aria-describedby="share-heading">{href.clone()}</a>
                { copy_button("share-link-text", "share-link-copy", "Copy the share link") }
            </div>
        </div>
    }
}
