//! Step 5, first half: the "Claude Code authentication" section for the project's CLAUDE.md, exactly as
//! `core::claude_md::render` makes it from the setup, the evidence codes and the team notes. The preview, the copy
//! button and the download give the same text. The render function takes no key, so none can end up here.

use yew::prelude::*;

use crate::core::claude_md::{render, TeamNotes};
use crate::core::setup::Setup;
use crate::core::steps::Evidence;
use crate::core::team;
use crate::ui::copy_button::copy_button;
use crate::ui::effects::download;
use crate::ui::text::markup;

/// The block's static markup (`text::markup`).
pub(crate) const CLAUDE_MD_HEAD: &str = concat!(
    r#"<h3 id="claude-md-heading">CLAUDE.md section</h3><p class="hint">For the project's <code>CLAUDE.md</code> "#,
    "(shared through git): how this project's credentials are provided and checked, a troubleshooting table for ",
    "this setup, and key hygiene. It never contains a key, whatever you pasted above.</p>"
);

/// The downloaded file's name.
pub const FILE_NAME: &str = "CLAUDE.md-auth-section.md";

/// A hook that `Sections` calls, not a component: as a component it would add its own copy of yew's component
/// machinery to the WebAssembly.
#[hook]
pub fn use_claude_md(setup: Setup, evidence: &Evidence) -> Html {
    let text = use_memo((setup, evidence.clone()), |(setup, evidence)| {
        AttrValue::from(render(setup, evidence, &TeamNotes::from(&team::BUILT_IN)))
    });
    let text = (*text).clone();
    let on_download = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = download(FILE_NAME, &text, "text/markdown");
        })
    };
    html! {
        <div class="claude-md">
            { markup(CLAUDE_MD_HEAD) }
            <div class="claude-md-bar">
                { copy_button("claude-md-text", "claude-md-copy", "Copy the CLAUDE.md section") }
                <button type="button" class="secondary" data-testid="claude-md-download" onclick={on_download}>
                    {"Download"}</button>
                <span class="hint">{FILE_NAME}</span>
            </div>
            <pre id="claude-md-text" data-testid="claude-md" class="claude-md-text" role="region" aria-labelledby="claude-md-heading"
                tabindex="0">{text}</pre>
        </div>
    }
}
