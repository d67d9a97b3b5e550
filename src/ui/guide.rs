//! The guide that is readable before (or without) WebAssembly: the usual causes, the quick checks, and how the page
//! keeps the key private. It is rendered to HTML at build time (`src/bin/postbuild.rs`, yew's server-side renderer)
//! from the same core tables the app uses, and written into `index.html`; the app mounts below it, so nothing moves
//! when WebAssembly takes over. It must stay free of browser calls: it also runs natively.

use yew::prelude::*;

use crate::core::codes::{CauseCode, Shell};
use crate::core::commands;
use crate::core::knowledge;

/// The causes the guide lists first, most common first, as anthropics/claude-code issues report them: a stale
/// `ANTHROPIC_API_KEY` overriding a login (#8327, #5088, #12424), expired logins (#68398, #28302), gateways in the
/// wrong variable (#7508), damaged values and failing `apiKeyHelper`s.
const COMMON_CAUSES: &[CauseCode] = &[
    CauseCode::InvalidApiKey,
    CauseCode::OrgDisabled,
    CauseCode::LowCredit,
    CauseCode::OauthExpired,
    CauseCode::NotLoggedIn,
    CauseCode::GatewayAuth,
    CauseCode::BadHeaderChars,
    CauseCode::ApiKeyHelperFailing,
];

#[function_component(Guide)]
pub fn guide() -> Html {
    let list_unix = commands::list_vars(Shell::Zsh);
    let list_powershell = commands::list_vars(Shell::Powershell);
    html! {
        <section class="card guide" aria-labelledby="guide-heading" data-testid="guide">
            <h2 id="guide-heading">{"Most 401s are the wrong credential winning, not a bad key"}</h2>
            <p>{"Claude Code uses the first credential it finds: a cloud provider setting, then "}
                <code>{"ANTHROPIC_AUTH_TOKEN"}</code>{", then "}<code>{"ANTHROPIC_API_KEY"}</code>
                {", then an "}<code>{"apiKeyHelper"}</code>{", then "}<code>{"CLAUDE_CODE_OAUTH_TOKEN"}</code>
                {", and only then your "}<code>{"/login"}</code>{" subscription. A stale key in a shell profile, a "}
                <code>{".env"}</code>{" file or a settings "}<code>{"env"}</code>
                {" block therefore beats a working login."}</p>
            <h3>{"Quick checks"}</h3>
            <ol class="quick-checks">
                <li>{"In Claude Code, run "}<code>{"/status"}</code>
                    {": the API key and Auth token rows say which credential is in use and where it comes from (a \
                      credential that is set but not used is marked). The Login method row alone is no proof: it has \
                      read \u{201c}Claude API account\u{201d} for Max logins."}</li>
                <li>{"In a terminal, "}<code>{"claude auth status"}</code>
                    {" shows the login method (it does not contact the API)."}</li>
                <li>{"List the variables that can override your login (the values stay hidden):"}
                    <pre><code>{list_unix}</code></pre>
                    {"PowerShell:"}
                    <pre><code>{list_powershell}</code></pre>
                </li>
            </ol>
            <h3>{"The usual causes"}</h3>
            <ul class="causes">
                { for COMMON_CAUSES.iter().map(|&code| {
                    let entry = knowledge::cause(code);
                    html! { <li><a href={format!("#cause-{}", code.code())}>{entry.title}</a></li> }
                }) }
            </ul>
            <p><a href="#reference">{"Every message and its cause"}</a>{": what it means, where it comes from, the fix."}</p>
            <h3>{"How this page keeps your key private"}</h3>
            <ul class="privacy">
                <li>{"The key stays in this tab's memory only: never saved to storage, cookies, the address bar or history, never logged."}</li>
                <li>{"It is dropped when you press Clear or leave the page, and it leaves the tab only in the live test, to the address you choose."}</li>
                <li>{"The page loads nothing from other sites (no fonts, CDNs, analytics or telemetry), and its Content-Security-Policy lets it connect only to itself, the Anthropic API, loopback and your team's gateway."}</li>
                <li>{"Browser extensions that can read pages can read this one too. When in doubt, test with a fresh key that has a low spend limit, and revoke it afterwards."}</li>
            </ul>
        </section>
    }
}
