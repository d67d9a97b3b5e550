//! Where the person stands, at the top of the page: the key's verdict, the live test's outcome, the error's cause,
//! the credential Claude Code uses, and the first fix step, each linking to its section. Five fixed one-line rows
//! (nothing moves as they fill in), in a polite live region that announces each change.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::codes::{SourceCode, Verdict};
use crate::core::key::KeyReport;
use crate::core::knowledge::Diagnosis;
use crate::core::outcome::words;
use crate::core::sources::SourcesReport;
use crate::core::steps::Step;
use crate::ui::key_check::verdict_title;
use crate::ui::machine_state::source_name;
use crate::ui::state::LiveStatus;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub report: Option<Rc<KeyReport>>,
    pub live: LiveStatus,
    pub diagnosis: Option<Rc<Diagnosis>>,
    pub machine: Option<Rc<SourcesReport>>,
    pub first_step: Option<Rc<Step>>,
}

/// One row: the section it links to (`#` and the heading's id), its label, what it says (`None`: not done yet) and
/// its contract code as the attribute the section itself uses (`data-verdict`, `data-outcome`, `data-cause`,
/// `data-winner`).
fn row(
    testid: &'static str,
    anchor: &'static str,
    label: &'static str,
    said: Option<String>,
    code: Option<(&'static str, &'static str)>,
) -> Html {
    let done = said.is_some();
    let mut value = yew::virtual_dom::VTag::new("dd");
    value.add_attribute("data-testid", testid);
    if let Some((attribute, code)) = code {
        value.add_attribute(attribute, code);
    }
    value.add_child(html! { {said.unwrap_or_else(|| "not yet".to_string())} });
    html! {
        <div class={classes!("summary-row", (!done).then_some("summary-pending"))}>
            <dt><a href={anchor}>{label}</a></dt>
            { Html::from(value) }
        </div>
    }
}

#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let key = props
        .report
        .as_deref()
        .filter(|k| k.verdict != Verdict::Empty);
    let live = match &props.live {
        LiveStatus::Done { result, .. } => Some(result.outcome.code),
        LiveStatus::Running { .. } => None,
        LiveStatus::Idle => None,
    };
    let winner = props.machine.as_deref().map(|m| m.winner);
    html! {
        <nav class="card summary" data-testid="summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{"Where you stand"}</h2>
            <dl class="summary-rows" aria-live="polite">
                { row("summary-key", "#key-heading", "Key",
                    key.map(|k| verdict_title(k.verdict).to_string()),
                    key.map(|k| ("data-verdict", k.verdict.code()))) }
                { row("summary-live", "#live-heading", "Live test",
                    live.map(|code| words(code).title.to_string()),
                    live.map(|code| ("data-outcome", code.code()))) }
                { row("summary-error", "#error-heading", "Error text",
                    props.diagnosis.as_deref().map(|d| d.entry.title.to_string()),
                    props.diagnosis.as_deref().map(|d| ("data-cause", d.cause.code()))) }
                { row("summary-machine", "#machine-heading", "In use",
                    winner.filter(|w| *w != SourceCode::Unknown).map(|w| source_name(w).to_string()),
                    winner.map(|w| ("data-winner", w.code()))) }
                { row("summary-first-step", "#fix-steps-heading", "First step",
                    props.first_step.as_deref().map(|s| s.title.clone()), None) }
            </dl>
        </nav>
    }
}
