//! Step 4: what the person's machine shows. Paste `/status`, `claude auth status`, an `env` listing, settings
//! files, `.env` files, profile lines or the pre-flight report, several at once; `core::sources::analyze` (bounded,
//! linear) finds every credential source, the one Claude Code uses, and every conflict with its fix for the setup's
//! shell. Values are shown only redacted (known prefix and last four), as the analysis keeps them.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::codes::{Shell, SourceCode, SourceState};
use crate::core::commands;
use crate::core::preflight;
use crate::core::setup::Setup;
use crate::core::sources::{Conflict, Source, SourcesReport, Value};
use crate::ui::command::command_block;
use crate::ui::effects;
use crate::ui::text::{markup, rich};

pub struct MachineStateProps {
    /// The reading of the box's text; `None` while it is blank.
    pub report: Option<Rc<SourcesReport>>,
    pub setup: Setup,
    /// The box's new text.
    pub on_text: Callback<String>,
    /// Emptied by the parent when the secrets are dropped (e.g. on `pagehide`).
    pub input_ref: NodeRef,
}

/// How the page names a source.
pub fn source_name(code: SourceCode) -> &'static str {
    match code {
        SourceCode::Bedrock => "Amazon Bedrock (CLAUDE_CODE_USE_BEDROCK)",
        SourceCode::Vertex => "Google Vertex AI (CLAUDE_CODE_USE_VERTEX)",
        SourceCode::Foundry => "Microsoft Foundry (CLAUDE_CODE_USE_FOUNDRY)",
        SourceCode::Mantle => "Bedrock through Mantle (CLAUDE_CODE_USE_MANTLE)",
        SourceCode::AnthropicAws => "Claude Platform on AWS (CLAUDE_CODE_USE_ANTHROPIC_AWS)",
        SourceCode::AuthToken => "ANTHROPIC_AUTH_TOKEN",
        SourceCode::ApiKey => "ANTHROPIC_API_KEY",
        SourceCode::ApiKeyHelper => "apiKeyHelper",
        SourceCode::OauthToken => "CLAUDE_CODE_OAUTH_TOKEN",
        SourceCode::Profile => "an Anthropic profile or federation",
        SourceCode::Login => "your /login",
        SourceCode::None => "nothing that authenticates",
        SourceCode::Unknown => "not shown",
    }
}

fn state_label(state: SourceState) -> &'static str {
    match state {
        SourceState::Wins => "in use",
        SourceState::Overridden => "overridden",
        SourceState::Ignored => "ignored",
    }
}

fn value_text(value: &Value) -> Html {
    match value {
        Value::NotShown => html! {},
        Value::Empty => html! { {"empty"} },
        Value::Cancelled => html! { <>{"cancelled by "}<code>{"\"\""}</code></> },
        Value::Computed => html! { {"computed when the shell starts"} },
        Value::Plain(text) => html! { <code>{text.clone()}</code> },
        Value::Secret(secret) => {
            let length = secret.length.map(|n| format!(" ({n} characters)"));
            html! {
                <>
                    if let Some(redacted) = &secret.redacted { <code>{redacted.clone()}</code> }
                    {length.unwrap_or_default()}
                    if secret.masked { {" · masked in the paste"} }
                    if let Some(damage) = &secret.damage {
                        <span class="source-damage">{" · "}{rich(&damage.reason)}</span>
                    }
                </>
            }
        }
    }
}

fn source_item(source: &Source) -> Html {
    let place = source.origins.first().map(|o| o.describe());
    html! {
        <li data-testid="credential-source" data-source={source.code.code()} data-state={source.state.code()}
            class={classes!("source", format!("source-{}", source.state.code()))}>
            <p class="source-title"><code>{source.name.clone()}</code>{" · "}
                <strong>{state_label(source.state)}</strong>
                if let Some(place) = place { {" · from "}{place} }</p>
            <p class="source-value">{value_text(&source.value)}</p>
            <p class="hint">{rich(&source.why)}</p>
        </li>
    }
}

fn conflict_item(conflict: &Conflict) -> Html {
    html! {
        <li data-testid="credential-conflict" data-code={conflict.code.code()} class="conflict">
            <p class="conflict-title">{rich(&conflict.title)}</p>
            <p>{rich(&conflict.explanation)}</p>
            <ol class="conflict-fixes">
                { for conflict.fixes.iter().map(|fix| html! {
                    <li>
                        <p>{rich(&fix.title)}</p>
                        { for fix.commands.iter().map(|command| html! {
                            { command_block("Command", command) }
                        }) }
                    </li>
                }) }
            </ol>
        </li>
    }
}

fn render(report: &SourcesReport) -> Html {
    let said_nothing = report.winner == SourceCode::Unknown && report.sources.is_empty();
    html! {
        <div data-testid="credential-sources" data-winner={report.winner.code()} class="credential-sources">
            if said_nothing {
                <p class="sources-summary">{"This text says nothing this page can read about credentials: no \
                    /status rows, no claude auth status, no credential variables or settings. Paste one of the \
                    outputs listed above."}</p>
            } else {
                <p class="sources-summary"><strong>{"Claude Code uses: "}{source_name(report.winner)}{". "}</strong>
                    {rich(&report.summary)}</p>
            }
            if let Some(base) = &report.base_url {
                <p>{"ANTHROPIC_BASE_URL: "}<code>{base.url.clone()}</code>
                    { if base.anthropic { " (Anthropic's API)" } else { " (a gateway or proxy)" } }</p>
            }
            if !report.sources.is_empty() {
                <h3>{"Every credential source found"}</h3>
                <ul class="sources">{ for report.sources.iter().map(source_item) }</ul>
            }
            if !report.conflicts.is_empty() {
                <h3>{"What to change"}</h3>
                <ol class="conflicts">{ for report.conflicts.iter().map(conflict_item) }</ol>
            } else if !said_nothing {
                <p>{"No conflict: nothing here fights the credential in use."}</p>
            }
            if report.truncated {
                <p class="hint">{"The paste was long: only its first 256 KB were read."}</p>
            }
        </div>
    }
}

/// The commands that print what the box reads, for the setup's shell.
fn how_to_collect(setup: &Setup) -> Html {
    let shell = setup.shell;
    let settings = [
        commands::home_path(shell, ".claude/settings.json"),
        commands::path(shell, ".claude/settings.json"),
        commands::path(shell, ".claude/settings.local.json"),
    ];
    let mut files: Vec<String> = commands::profile_files(shell, setup.os)
        .iter()
        .map(|f| f.to_string())
        .collect();
    files.extend(settings);
    files.push(commands::path(shell, ".env"));
    let report = format!("{} --report", preflight::run_command(shell));
    let rows: Vec<(&str, String)> = vec![
        ("In Claude Code", "/status".to_string()),
        ("In a terminal", "claude auth status --text".to_string()),
        (
            "Credential variables (values masked)",
            commands::list_vars(shell),
        ),
        (
            "Profile and settings lines that set them",
            commands::find_in_files(shell, &files),
        ),
        (
            "Or all of it at once, with the pre-flight script (step 6)",
            report,
        ),
    ];
    html! {
        <details class="collect">
            <summary>{"How to print what to paste"}{if shell == Shell::Cmd { " (cmd)" } else { "" }}</summary>
            <ul>
                { for rows.into_iter().map(|(label, command)| html! {
                    <li>{ command_block(label, &command) }</li>
                }) }
            </ul>
        </details>
    }
}

/// The section's static markup (`text::markup`).
pub(crate) const MACHINE_HEAD: &str = concat!(
    r#"<h2 id="machine-heading"><span class="step-no">4</span>What your machine shows</h2>"#,
    r#"<p class="hint">Paste what Claude Code and your shell print, several at once: <code>/status</code>, "#,
    "<code>claude auth status</code>, an <code>env</code> listing, settings.json files, .env files, profile lines ",
    "or the pre-flight report. The page names the credential Claude Code uses and the exact line to change. It is ",
    "read here, in this tab, and values are shown only redacted.</p>"
);
pub(crate) const MACHINE_LABEL: &str =
    r#"<label for="env-input" class="visually-hidden">What your machine shows</label>"#;

/// A view function, not a component: it holds no state, and as a component it would add its own copy of yew's
/// component machinery to the WebAssembly (`Sections` renders it).
pub fn machine_state(props: &MachineStateProps) -> Html {
    let oninput = effects::textarea_text(&props.on_text);
    html! {
        <section class="card" aria-labelledby="machine-heading">
            { markup(MACHINE_HEAD) }
            { how_to_collect(&props.setup) }
            { markup(MACHINE_LABEL) }
            <textarea id="env-input" data-testid="env-input" rows="6" spellcheck="false" autocomplete="off"
                autocapitalize="off" autocorrect="off" ref={props.input_ref.clone()}
                placeholder={"Login method: Claude Max account\nANTHROPIC_API_KEY=…Xy1A\n~/.zshrc:12:export ANTHROPIC_API_KEY=…"}
                {oninput} />
            <div class="sources-region" role="status" aria-live="polite" aria-atomic="true">
                { props.report.as_deref().map(render).unwrap_or_default() }
            </div>
        </section>
    }
}
