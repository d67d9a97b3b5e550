//! Steps 2 to 6 below the key check: the live test, the error box, what the machine shows, the fix steps for the
//! setup and what keeps it fixed. `App` mounts them one task after the summary and the key check, so the first
//! render neither runs nor compiles their code (WebAssembly functions are compiled when first called).

use std::rc::Rc;

use yew::prelude::*;

use super::claude_md::use_claude_md;
use super::copy_button::copy_on_click;
use super::error_diagnosis::ErrorDiagnosis;
use super::fix_steps::{fix_steps, FixStepsProps};
use super::live_test::{use_live_test_section, LiveTestProps};
use super::machine_state::{machine_state, MachineStateProps};
use super::preflight::use_preflight;
use super::setup_form::{use_setup_form, SetupFormProps};
use super::share_link::share_link;
use super::state::{Action, LiveTest};
use super::team_notes::team_notes;
use super::text::markup;
use crate::core::key::KeyReport;
use crate::core::knowledge::Diagnosis;
use crate::core::setup::Setup;
use crate::core::sources::SourcesReport;
use crate::core::steps::{Evidence, Step};
use crate::core::suggest::Suggestion;

/// Static markup of steps 5 and 6 (`text::markup`).
pub(crate) const SETUP_HEAD: &str = concat!(
    r#"<h2 id="setup-heading"><span class="step-no">5</span>Fix it for your setup</h2>"#,
    r#"<p class="hint">Where and how you run Claude Code. The steps below use your shell's own commands.</p>"#
);
pub(crate) const KEEP_HEAD: &str =
    r#"<h2 id="keep-heading"><span class="step-no">6</span>Keep it fixed</h2>"#;

#[derive(Properties, PartialEq)]
pub struct SectionsProps {
    pub report: Option<Rc<KeyReport>>,
    pub live: LiveTest,
    pub diagnosis: Option<Rc<Diagnosis>>,
    pub machine: Option<Rc<SourcesReport>>,
    pub setup: Setup,
    pub suggestion: Option<Suggestion>,
    pub evidence: Evidence,
    /// `core::steps::plan` for the setup and the evidence (the summary shows its first step).
    pub steps: Rc<Vec<Step>>,
    pub on_action: Callback<Action>,
    /// The machine-state box, emptied by `App` when the secrets are dropped.
    pub machine_input: NodeRef,
}

#[function_component(Sections)]
pub fn sections(props: &SectionsProps) -> Html {
    let on_action = &props.on_action;
    let text_action = |to_action: fn(String) -> Action| on_action.reform(to_action);
    let setup = props.setup;
    let evidence = props.evidence.clone();
    let found = evidence != Default::default();
    // The sections with state are hooks of this component (each would otherwise be a component of its own, with its
    // own copy of yew's component machinery in the WebAssembly); they are called in the same order at every render.
    let live_test = use_live_test_section(&LiveTestProps {
        report: props.report.clone(),
        live: props.live.clone(),
        on_action: on_action.clone(),
    });
    let setup_form = use_setup_form(&SetupFormProps {
        setup,
        suggestion: props.suggestion,
        on_action: on_action.clone(),
    });
    let preflight = use_preflight(setup);
    let claude_md = use_claude_md(setup, &evidence);
    // Every copy button is raw markup: one listener does their copying.
    use_effect_with((), |_| {
        let listener = copy_on_click();
        move || drop(listener)
    });
    html! {
        <>
            { live_test }
            <ErrorDiagnosis diagnosis={props.diagnosis.clone()} on_text={text_action(Action::SetErrorText)} />
            { machine_state(&MachineStateProps { report: props.machine.clone(), setup,
                on_text: text_action(Action::SetMachineText), input_ref: props.machine_input.clone() }) }
            <section class="card guidance" aria-labelledby="setup-heading">
                { markup(SETUP_HEAD) }
                { team_notes() }
                { setup_form }
                { fix_steps(&FixStepsProps { setup, steps: props.steps.clone(), found }) }
            </section>
            <section class="card guidance" aria-labelledby="keep-heading">
                { markup(KEEP_HEAD) }
                { preflight }
                { claude_md }
                { share_link(&setup) }
            </section>
        </>
    }
}
