//! Step 3: paste what Claude Code printed. Every change of the box is diagnosed by `core::knowledge::diagnose` (linear
//! and safe on a megabyte); the result names the cause (`data-cause`), explains it, says where it usually comes from
//! and how to fix it (in the words of the cause's entry in the page's reference, copied: `reference_words`), links to
//! that entry, and shows what the text gave away (the matched phrase, the HTTP status, the request id).

use std::rc::Rc;

use yew::prelude::*;

use crate::core::codes::CauseCode;
use crate::core::knowledge::Diagnosis;
use crate::ui::effects;
use crate::ui::reference_words;
use crate::ui::text::{markup, rich};

/// The most of the API's own message shown (a paste can be huge; the message is a sentence).
const MAX_MESSAGE_CHARS: usize = 400;

#[derive(Properties, PartialEq)]
pub struct ErrorDiagnosisProps {
    /// The diagnosis of the box's text; `None` while it is blank.
    pub diagnosis: Option<Rc<Diagnosis>>,
    /// The box's new text.
    pub on_text: Callback<String>,
}

fn shortened(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(MAX_MESSAGE_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

fn fact(label: &'static str, value: Html) -> Html {
    html! {
        <div class="diagnosis-fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

fn render(d: &Diagnosis) -> Html {
    let entry = d.entry;
    let known = d.cause != CauseCode::Unknown;
    // What the cause means, where it comes from and its fix: copies of its entry in the page's reference.
    let (comes_from, fix) = if known {
        (
            reference_words::comes_from(d.cause),
            reference_words::fix(d.cause),
        )
    } else {
        Default::default()
    };
    let mut facts = Vec::new();
    // The matched phrase, unless the API's own message (shown below) already is or contains it.
    let in_message = |needle: &str| {
        d.api_message
            .as_deref()
            .is_some_and(|m| m.to_ascii_lowercase().contains(needle))
    };
    if let Some(needle) = d.matched().filter(|n| !in_message(n)) {
        facts.push(fact("Recognised", html! { <q>{needle}</q> }));
    }
    if let Some(status) = d.status {
        facts.push(fact("HTTP status", html! { {status} }));
    }
    if let Some(id) = &d.request_id {
        facts.push(fact(
            "Request id",
            html! { <><code data-testid="error-request-id">{id.clone()}</code>{" (support asks for it)"}</> },
        ));
    }
    if let Some(message) = &d.api_message {
        facts.push(fact("API message", html! { <q>{shortened(message)}</q> }));
    }
    html! {
        <div data-testid="error-diagnosis" data-cause={d.cause.code()}
            class={classes!("diagnosis", entry.tone.class())}>
            if known {
                <p class="diagnosis-title">{entry.title}</p>
                { reference_words::meaning(d.cause) }
                { for d.notes().into_iter().map(|note| html! { <p class="diagnosis-note">{rich(&note)}</p> }) }
            } else {
                <p class="diagnosis-title">{"This page does not recognise that text"}</p>
                <p>{"It is not one of the messages in the catalog. "}
                    <a href="#live-heading">{"Run the live test (step 2)"}</a>
                    {": it asks the API itself whether the key works and explains the answer. The fix steps below \
                      still apply; start with what Claude Code is actually using."}</p>
                { for d.notes().into_iter().map(|note| html! { <p class="diagnosis-note">{rich(&note)}</p> }) }
            }
            if !facts.is_empty() {
                <dl class="diagnosis-facts">{ for facts }</dl>
            }
            if known {
                if !comes_from.is_empty() {
                    <h3>{"Where it usually comes from"}</h3>
                    <ul class="diagnosis-sources">{ for comes_from }</ul>
                }
                if !fix.is_empty() {
                    <h3>{"Fix"}</h3>
                    <ol class="diagnosis-fix">{ for fix }</ol>
                }
                <p class="hint">{"The fix steps for your setup (step 5) now start with this. "}
                    <a data-testid="cause-link" href={format!("#cause-{}", d.cause.code())}>
                        {"Every message that leads here, in the reference"}</a></p>
            }
        </div>
    }
}

/// The section's static markup (`text::markup`).
pub(crate) const ERROR_HEAD: &str = concat!(
    r#"<h2 id="error-heading"><span class="step-no">3</span>Paste what Claude Code printed</h2>"#,
    r#"<p class="hint">The whole message, as it appeared: the decorations around it, the JSON body and the "#,
    "request id can stay. It is read here, in this tab, and not kept.</p>",
    r#"<label for="error-input" class="visually-hidden">Claude Code's error text</label>"#
);

#[function_component(ErrorDiagnosis)]
pub fn error_diagnosis(props: &ErrorDiagnosisProps) -> Html {
    let oninput = effects::textarea_text(&props.on_text);
    html! {
        <section class="card" aria-labelledby="error-heading">
            { markup(ERROR_HEAD) }
            <textarea id="error-input" data-testid="error-input" rows="5" spellcheck="false" autocomplete="off"
                autocapitalize="off" autocorrect="off"
                placeholder="API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\", …"
                {oninput} />
            <div class="diagnosis-region" role="status" aria-live="polite" aria-atomic="true">
                { props.diagnosis.as_deref().map(render).unwrap_or_default() }
            </div>
        </section>
    }
}
