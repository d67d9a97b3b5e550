//! Step 5, second half: the ordered fix steps from `core::steps::plan` for the setup and what the page found (the key
//! check's codes, the live test's outcome, the diagnosed cause, the machine state's fixes). Every command comes with
//! a copy button; none ever holds a secret (the plan is made from codes and redacted text only).
//!
//! The steps are one raw node (`Html::from_html_unchecked`), like the command blocks in them: about 150 elements that
//! would otherwise be created and inserted one by one, the most of any section. A unit test compares the markup with
//! yew's rendering of the same elements.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::setup::{launcher_name, os_name, shell_name, Setup};
use crate::core::steps::Step;
use crate::ui::command::push_block;
use crate::ui::text::{push_rich, push_text};

pub struct FixStepsProps {
    pub setup: Setup,
    /// `core::steps::plan` for the setup and what the page found.
    pub steps: Rc<Vec<Step>>,
    /// Whether anything was found yet (a key, a live result, an error text, the machine state).
    pub found: bool,
}

/// The steps' `<li>` elements: each a title, a paragraph per line of its body and a command block per command.
fn steps_markup(steps: &[Step]) -> String {
    let mut html = String::with_capacity(steps.len() * 1_200);
    for step in steps {
        // The ids are the contract's fixed codes (`[a-z-]`): nothing to escape.
        html.push_str(r#"<li data-step=""#);
        html.push_str(step.id);
        html.push_str(r#"" class="fix-step"><h4 class="fix-step-title">"#);
        push_text(&mut html, &step.title);
        html.push_str("</h4>");
        for line in step.body.lines().filter(|l| !l.trim().is_empty()) {
            html.push_str("<p>");
            push_rich(&mut html, line);
            html.push_str("</p>");
        }
        for command in &step.commands {
            push_block(&mut html, &command.label, &command.text);
        }
        html.push_str("</li>");
    }
    html
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
                { Html::from_html_unchecked(steps_markup(&props.steps).into()) }
            </ol>
        </div>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::codes::{Auth, Launcher, Os, Shell};
    use crate::core::steps::{plan, Command, Evidence};
    use crate::ui::copy_button::tests::elements;
    use crate::ui::text::rich;
    use crate::ui::text::tests::render_html as render;

    /// A step as yew elements.
    fn step_elements(step: &Step) -> Html {
        html! {
            <li data-step={step.id} class="fix-step">
                <h4 class="fix-step-title">{step.title.clone()}</h4>
                { for step.body.lines().filter(|l| !l.trim().is_empty()).map(|line| html! { <p>{rich(line)}</p> }) }
                { for step.commands.iter().map(|command| html! {
                    <div class="command">
                        <div class="command-bar">
                            <span class="command-label">{command.label.clone()}</span>
                            { elements("", None, &format!("Copy: {}", command.label)) }
                        </div>
                        <pre><code>{command.text.clone()}</code></pre>
                    </div>
                }) }
            </li>
        }
    }

    #[test]
    fn the_markup_is_what_yew_renders_for_the_same_elements() {
        let mut cases: Vec<Vec<Step>> = [
            Setup {
                os: Os::Macos,
                shell: Shell::Zsh,
                launcher: Launcher::Terminal,
                auth: Auth::ApiKey,
            },
            Setup {
                os: Os::Windows,
                shell: Shell::Powershell,
                launcher: Launcher::Vscode,
                auth: Auth::Subscription,
            },
            Setup {
                os: Os::Linux,
                shell: Shell::Fish,
                launcher: Launcher::Docker,
                auth: Auth::Gateway,
            },
        ]
        .iter()
        .map(|setup| plan(setup, &Evidence::default()))
        .collect();
        cases.push(vec![Step {
            id: "inspect",
            title: "A <title> & \"more\"".into(),
            body: "One `line` with <b>.\n\n  \nA ` second\r\n".into(),
            commands: vec![Command {
                label: "L & <l>".into(),
                text: "a && b > c 'd' \"e\"".into(),
            }],
        }]);
        for steps in cases {
            assert!(!steps.is_empty());
            let yew = render(html! { <>{ for steps.iter().map(step_elements) }</> });
            assert_eq!(steps_markup(&steps), yew);
        }
    }
}
