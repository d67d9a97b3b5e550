//! Step 1: the key field, its verdict and findings, and the redacted preview of a fixable key.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlInputElement};
use yew::prelude::*;

use crate::core::codes::Verdict;
use crate::core::key::KeyReport;
use crate::ui::text::rich;

#[derive(Properties, PartialEq)]
pub struct KeyCheckProps {
    /// The analysis of the field's text; `None` before the field was used.
    pub report: Option<Rc<KeyReport>>,
    pub show_last20: bool,
    /// The field's exact new text (a paste keeps its line breaks, which `<input>` would drop).
    pub on_change: Callback<String>,
    pub on_clear: Callback<()>,
    pub on_toggle_last20: Callback<()>,
    /// Cleared by the parent when the key is dropped (e.g. on `pagehide`), so the field empties too.
    pub input_ref: NodeRef,
}

/// The text the field would hold after pasting `pasted` over the current selection, with the pasted text exactly as
/// it was on the clipboard (line breaks included). Selection offsets are UTF-16 code units, as the DOM gives them.
fn text_after_paste(input: &HtmlInputElement, pasted: &str) -> String {
    let value: Vec<u16> = input.value().encode_utf16().collect();
    let clamp = |offset: Option<u32>, fallback: usize| {
        offset.map_or(fallback, |o| (o as usize).min(value.len()))
    };
    let start = clamp(input.selection_start().ok().flatten(), value.len());
    let end = clamp(input.selection_end().ok().flatten(), value.len()).max(start);
    let mut text = String::from_utf16_lossy(&value[..start]);
    text.push_str(pasted);
    text.push_str(&String::from_utf16_lossy(&value[end..]));
    text
}

/// The verdict in a few words (the key check's heading, and the summary's row).
pub fn verdict_title(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Ok => "Looks right: a well-formed Console API key",
        Verdict::Fixable => "Fixable: a good key wrapped in extra characters",
        Verdict::WrongCredential => "Wrong kind of credential for this slot",
        Verdict::Invalid => "This cannot be a working key",
        Verdict::Empty => "Nothing to check yet",
        Verdict::Unjudged => "Your gateway's own credential: the live test checks it",
    }
}

#[function_component(KeyCheck)]
pub fn key_check(props: &KeyCheckProps) -> Html {
    let onpaste = {
        let on_change = props.on_change.clone();
        let input_ref = props.input_ref.clone();
        Callback::from(move |event: Event| {
            let Some(pasted) = event
                .dyn_ref::<ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
                .and_then(|data| data.get_data("text").ok())
            else {
                return;
            };
            let Some(input) = input_ref.cast::<HtmlInputElement>() else {
                return;
            };
            event.prevent_default();
            let text = text_after_paste(&input, &pasted);
            input.set_value(&text);
            on_change.emit(text);
        })
    };
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                on_change.emit(input.value());
            }
        })
    };
    let onclear = {
        let on_clear = props.on_clear.clone();
        let input_ref = props.input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                input.set_value("");
                let _ = input.focus();
            }
            on_clear.emit(());
        })
    };
    let ontoggle = props.on_toggle_last20.reform(|_: MouseEvent| ());

    let empty_report;
    let report: &KeyReport = match &props.report {
        Some(report) => report,
        None => {
            empty_report = KeyReport::empty();
            &empty_report
        }
    };
    let verdict = report.verdict;
    let provider = report.provider.map(|p| p.to_string());

    html! {
        <section class="card" aria-labelledby="key-heading">
            <h2 id="key-heading"><span class="step-no">{"1"}</span>{"Check the key"}</h2>
            <p class="hint">{"Paste the key Claude Code uses (the value of "}<code>{"ANTHROPIC_API_KEY"}</code>
                {", or whatever you stored). It is checked here, in this tab: nothing is stored or sent."}</p>
            <div class="key-row">
                <label for="key-input" class="visually-hidden">{"API key"}</label>
                <input id="key-input" data-testid="key-input" ref={props.input_ref.clone()}
                    type="password" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                    data-lpignore="true" data-bwignore="true"
                    placeholder="sk-ant-api03-…" aria-describedby="key-verdict"
                    {onpaste} {oninput} />
                <button type="button" class="secondary" data-testid="key-clear" onclick={onclear}>{"Clear"}</button>
            </div>
            <div id="key-verdict" data-testid="key-verdict" class={classes!("verdict", ["verdict-", verdict.code()].concat())}
                data-verdict={verdict.code()} data-kind={report.kind.code()} data-provider={provider}
                role="status" aria-live="polite" aria-atomic="true">
                <p class="verdict-title">{verdict_title(verdict)}</p>
                if !report.headline.is_empty() { <p>{&report.headline}</p> }
                if !report.advice.is_empty() { <p class="advice">{rich(&report.advice)}</p> }
            </div>
            if !report.findings.is_empty() {
                <ul class="findings" aria-label="What is wrong with the pasted text">
                    { for report.findings.iter().map(|f| html! {
                        <li data-testid="key-finding" data-code={f.code.code()} class="finding">
                            <p class="finding-title">{&f.title}</p>
                            <p>{rich(&f.detail)}</p>
                            <p class="fix"><strong>{"Fix: "}</strong>{rich(&f.fix)}</p>
                        </li>
                    }) }
                </ul>
            }
            if let Some(redacted) = report.redacted() {
                <div class="preview" data-testid="key-preview">
                    if verdict == Verdict::Fixable {
                        <p>{"Once cleaned, the key is "}<code>{redacted}</code>{". That is what the live test sends. "}
                            <strong>{"Fix the stored copy too"}</strong>
                            {" (shell profile, .env file, settings, secret store): Claude Code reads it exactly as stored."}</p>
                    } else {
                        <p>{"Key: "}<code>{redacted}</code></p>
                    }
                    if let Some(last20) = report.last20() {
                        <p>
                            <button type="button" class="link" data-testid="key-show-last20" onclick={ontoggle}
                                aria-expanded={props.show_last20.to_string()}>
                                { if props.show_last20 { "Hide the last 20 characters" } else { "Show the last 20 characters" } }
                            </button>
                        </p>
                        if props.show_last20 {
                            <p class="last20">{"Claude Code's “Detected a custom API key” prompt shows "}
                                <code data-testid="key-last20">{format!("sk-ant-...{last20}")}</code>
                                {": if it shows other characters, Claude Code is reading a different key than this one."}</p>
                        }
                    }
                </div>
            }
        </section>
    }
}
