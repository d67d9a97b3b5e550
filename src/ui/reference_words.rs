//! The words of a cause that only the reference carries: what it means, where it usually comes from, and its fix
//! (`core::knowledge::causes`). The reference is rendered into the page at build time (`src/ui/reference.rs`), so
//! those words reach the browser once, in the HTML; the error diagnosis and the live test show copies of the entry's
//! own elements. A copy is build-time HTML only: nothing pasted is ever in it.

use web_sys::Element;
use yew::prelude::*;

use crate::core::codes::CauseCode;

/// The part of this cause's reference entry that `selector` names.
fn part(code: CauseCode, selector: &str) -> Option<Element> {
    let entry = gloo::utils::document().get_element_by_id(&format!("cause-{}", code.code()))?;
    entry.query_selector(selector).ok().flatten()
}

fn copy(element: &Element) -> Option<Html> {
    element.clone_node_with_deep(true).ok().map(Html::VRef)
}

/// What the cause means: a copy of the entry's paragraph (nothing when the page has no such entry).
pub fn meaning(code: CauseCode) -> Html {
    part(code, ".cause-meaning")
        .and_then(|p| copy(&p))
        .unwrap_or_default()
}

/// Where the cause usually comes from: copies of the entry's list items.
pub fn comes_from(code: CauseCode) -> Vec<Html> {
    items(code, ".cause-from")
}

/// The cause's fix, in order: copies of the entry's list items.
pub fn fix(code: CauseCode) -> Vec<Html> {
    items(code, ".cause-fix")
}

fn items(code: CauseCode, list: &str) -> Vec<Html> {
    let Some(list) = part(code, list) else {
        return Vec::new();
    };
    let children = list.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .filter_map(|item| copy(&item))
        .collect()
}
