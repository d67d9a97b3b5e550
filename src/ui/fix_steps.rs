//! Step 5, second half: the ordered fix steps from `core::steps::plan` for the setup and what the page found (the key
//! check's codes, the live test's outcome, the diagnosed cause, the machine state's fixes). Every command comes with
//! a copy button; none ever holds a secret (the plan is made from codes and redacted text only).

use std::rc::Rc;

use yew::prelude::*;

use crate::core::setup::{launcher_name, os_name, shell_name, Setup};
use crate::core::steps::Step;
use crate::ui::command::command_block;
use crate::ui::text::rich;

pub struct FixStepsProps {
    pub setup: Setup,
    /// `core::steps::plan` for the setup and what the page found.
    pub steps: Rc<Vec<Step>>,
    /// Whether anything was found yet (a key, a live result, an error text, the machine state).
    pub found: bool,
}

fn step_html(step: &Step) -> Html {
    html! {
        <li class="fix-step" data-step={step.id}>
            <h4 class="fix-step-title">{&step.title}</h4>
            { for step.body.lines().filter(|l| !l.trim().is_empty()).map(|line| html! { <p>{rich(line)}</p> }) }
            { for step.commands.iter().map(|command| html! {
                { command_block(&command.label, &command.text) }
            }) }
        </li>
    }
}

/// A view function, not a component: it holds no state, and as a component it would add its own copy of yew's
/// component machinery to the WebAssembly (`Sections` renders it).
pub fn fix_steps(props: &FixStepsProps) -> Html {
    let s = props.setup.normalized();
    let found = props.found;
    html! {
        <div data-testid="fix-steps" class="fix-steps">
            <h3 id="fix-steps-heading">{format!(
                "Fix steps for {} on {}, from {}",
                shell_name(s.shell),
                os_name(s.os),
                launcher_name(s.launcher)
            )}</h3>
            <p class="hint">{ if found {
                "In the order to work through them. What the key check, the live test, the error text or your \
                 machine's state found comes first."
            } else {
                "In the order to work through them. Check a key, run the live test, paste the error or what your \
                 machine shows above, and the steps start with what they found."
            } }</p>
            <ol class="fix-step-list" aria-labelledby="fix-steps-heading">
                { for props.steps.iter().map(step_html) }
            </ol>
        </div>
    }
}
