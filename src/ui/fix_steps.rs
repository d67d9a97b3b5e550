//! Step 4, second half: the ordered fix steps from `core::steps::plan` for the setup and what the page found (the key
//! check's codes, the live test's outcome, the diagnosed cause). Every command is a `<pre><code>` block with a copy
//! button; none ever holds the key (the plan is made from codes only).

use yew::prelude::*;

use crate::core::setup::{launcher_name, os_name, shell_name, Setup};
use crate::core::steps::{plan, Evidence, Step};
use crate::ui::copy_button::CopyButton;
use crate::ui::text::rich;

#[derive(Properties, PartialEq)]
pub struct FixStepsProps {
    pub setup: Setup,
    /// What the page found so far (`State::evidence`).
    pub evidence: Evidence,
}

fn step_html(step: &Step) -> Html {
    html! {
        <li class="fix-step" data-step={step.id}>
            <h4 class="fix-step-title">{&step.title}</h4>
            { for step.body.lines().filter(|l| !l.trim().is_empty()).map(|line| html! { <p>{rich(line)}</p> }) }
            { for step.commands.iter().map(|command| html! {
                <div class="command">
                    <div class="command-bar">
                        <span class="command-label">{&command.label}</span>
                        <CopyButton text={AttrValue::from(command.text.clone())}
                            what={AttrValue::from(format!("Copy: {}", command.label))} />
                    </div>
                    <pre><code>{&command.text}</code></pre>
                </div>
            }) }
        </li>
    }
}

#[function_component(FixSteps)]
pub fn fix_steps(props: &FixStepsProps) -> Html {
    let steps = plan(&props.setup, &props.evidence);
    let s = props.setup.normalized();
    let found = props.evidence.key_verdict.is_some()
        || props.evidence.outcome.is_some()
        || props.evidence.cause.is_some();
    html! {
        <div data-testid="fix-steps" class="fix-steps">
            <h3 id="fix-steps-heading">{format!(
                "Fix steps for {} on {}, from {}",
                shell_name(s.shell),
                os_name(s.os),
                launcher_name(s.launcher)
            )}</h3>
            <p class="hint">{ if found {
                "In the order to work through them. What the key check, the live test or the error text found comes first."
            } else {
                "In the order to work through them. Check a key, run the live test or paste the error above, and the \
                 steps start with what they found."
            } }</p>
            <ol class="fix-step-list" aria-labelledby="fix-steps-heading">
                { for steps.iter().map(step_html) }
            </ol>
        </div>
    }
}
