//! Step 6, first part: the pre-flight script for the setup's shell, exactly as copy and download give it
//! (`core::preflight::script`, never holding a secret), with how to run it and what its exit codes mean.

use yew::prelude::*;

use crate::core::preflight::{file_name, run_command, script};
use crate::core::setup::Setup;
use crate::core::team;
use crate::ui::command::Command;
use crate::ui::copy_button::CopyButton;
use crate::ui::effects::download;

#[derive(Properties, PartialEq)]
pub struct PreflightProps {
    pub setup: Setup,
}

#[function_component(Preflight)]
pub fn preflight(props: &PreflightProps) -> Html {
    let gateway = team::BUILT_IN
        .gateway
        .as_ref()
        .map(|g| g.base_url.to_string());
    let text = AttrValue::from(script(&props.setup, gateway.as_deref()));
    let name = file_name(props.setup.shell);
    let on_download = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = download(name, &text, "text/plain");
        })
    };
    let run = run_command(props.setup.shell);
    html! {
        <div class="preflight">
            <h3 id="preflight-heading">{"A pre-flight check for your shell"}</h3>
            <p class="hint">{"Run it before a long session and in CI: it finds the credential Claude Code would use \
                here, refuses what cannot work, asks the API once (the free models list; a login through "}
                <code>{"claude auth status"}</code>{") and prints one line. Exit codes: 0 ready · 1 rejected · 2 a \
                local problem, found before any call · 3 the API could not be reached. It never prints a secret; "}
                <code>{"--report"}</code>{" prints a masked report to paste into step 4."}</p>
            <Command label="Run it (save it first)" text={run} />
            <div class="preflight-actions">
                <CopyButton text={text.clone()} testid="preflight-copy" what="Copy the pre-flight script" />
                <button type="button" class="secondary" data-testid="preflight-download" onclick={on_download}>
                    {format!("Download {name}")}</button>
            </div>
            <pre class="preflight-script" data-testid="preflight-script" tabindex="0" role="region"
                aria-labelledby="preflight-heading"><code>{text}</code></pre>
        </div>
    }
}
