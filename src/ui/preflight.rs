//! Step 6, first part: the pre-flight script for the setup's shell, exactly as copy and download give it, with how to
//! run it and what its exit codes mean. The build writes each shell family's template beside the page
//! (`core::preflight::template`, never holding a secret); this fetches the one it shows from the page's own origin
//! and fills in the setup (`core::preflight::finish`).

use std::rc::Rc;

use yew::prelude::*;

use crate::core::preflight::{file_name, finish, run_command, Family};
use crate::core::setup::Setup;
use crate::net;
use crate::ui::command::command_block;
use crate::ui::copy_button::copy_button;
use crate::ui::effects::download;
use crate::ui::text::markup;

/// The block's static markup (`text::markup`).
pub(crate) const PREFLIGHT_HEAD: &str = concat!(
    r#"<h3 id="preflight-heading">A pre-flight check for your shell</h3><p class="hint">Run it before a long "#,
    "session and in CI: it finds the credential Claude Code would use here, refuses what cannot work, asks the API ",
    "once (the free models list; a login through <code>claude auth status</code>) and prints one line. Exit codes: ",
    "0 ready · 1 rejected · 2 a local problem, found before any call · 3 the API could not be reached. It never ",
    "prints a secret; <code>--report</code> prints a masked report to paste into step 4.</p>"
);

/// A family's template as fetched, or why it could not be.
type Fetched = (Family, Result<Rc<str>, String>);

/// The template's address, as the build wrote it on `<main id="app">`.
fn template_url(family: Family) -> Option<String> {
    gloo::utils::document()
        .get_element_by_id("app")?
        .get_attribute(family.asset().1)
}

/// A hook that `Sections` calls, not a component: as a component it would add its own copy of yew's component
/// machinery to the WebAssembly.
#[hook]
pub fn use_preflight(setup: Setup) -> Html {
    let family = Family::of(setup.shell);
    let fetched = use_state(|| None::<Fetched>);
    {
        let fetched = fetched.clone();
        use_effect_with(family, move |&family| {
            wasm_bindgen_futures::spawn_local(async move {
                let result = match template_url(family) {
                    Some(url) => net::page_file(&url).await.map(Rc::from),
                    None => Err("this copy of the page was built without it".to_string()),
                };
                fetched.set(Some((family, result)));
            });
        });
    }
    let template = match &*fetched {
        Some((f, result)) if *f == family => Some(result.clone()),
        _ => None,
    };
    let text = use_memo(
        (setup, template.clone()),
        |(setup, template)| match template {
            Some(Ok(template)) => AttrValue::from(finish(template, setup)),
            _ => AttrValue::default(),
        },
    );
    let text = (*text).clone();
    let ready = !text.is_empty();
    let name = file_name(setup.shell);
    let on_download = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = download(name, &text, "text/plain");
        })
    };
    let run = run_command(setup.shell);
    html! {
        <div class="preflight">
            { markup(PREFLIGHT_HEAD) }
            { command_block("Run it (save it first)", run) }
            <div class="preflight-actions">
                if ready {
                    { copy_button("preflight-script-text", "preflight-copy", "Copy the pre-flight script") }
                }
                <button type="button" class="secondary" data-testid="preflight-download" onclick={on_download}
                    disabled={!ready}>{format!("Download {name}")}</button>
            </div>
            if let Some(Err(why)) = &template {
                <p class="field-error" role="alert">{"The script could not be loaded ("}{why.clone()}
                    {"): reload the page to try again."}</p>
            }
            <pre id="preflight-script-text" class="preflight-script" data-testid="preflight-script" tabindex="0" role="region"
                aria-labelledby="preflight-heading" aria-busy={(!ready).to_string()}><code>{text}</code></pre>
        </div>
    }
}
