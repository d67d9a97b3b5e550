//! The tools (the second module, `src/bin/tools.rs`; see `ui::bridge`): steps 2 to 5, their reducer, the key they
//! get from the key check, a share link's setup, and the `pagehide` hook that drops the key.

use std::rc::Rc;

use yew::prelude::*;

use super::bridge::{self, Listener, KEY_EVENT};
use super::live_test::LiveTestSection;
use super::state::{Action, State};
// Guidance (issue 3).
use super::claude_md::ClaudeMd;
use super::error_diagnosis::ErrorDiagnosis;
use super::fix_steps::FixSteps;
use super::setup_form::SetupForm;
use super::share_link::ShareLink;
use super::team_notes::TeamNotes;

#[function_component(Tools)]
pub fn tools() -> Html {
    let state = use_reducer(State::default);

    // The key field's exact text, from the key check: every change, and the current text right after mounting.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = Listener::on_document(KEY_EVENT, move |event| {
                dispatcher.dispatch(match bridge::key_of(&event) {
                    Some(text) => Action::SetKey(text),
                    None => Action::ClearKey,
                })
            });
            bridge::request_key();
            move || drop(listener)
        });
    }

    // Guidance (issue 3): a share link's setup (`?os=…&shell=…`), read once after the first render, so that first
    // render is the same whatever the URL. The address bar is never written.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let search = web_sys::window().and_then(|w| w.location().search().ok());
            if let Some(setup) = search.as_deref().and_then(crate::core::share::from_query) {
                dispatcher.dispatch(Action::SetSetup(setup));
            }
        });
    }

    // Drop the key when the page is hidden for good or put in the back/forward cache.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener =
                Listener::on_window("pagehide", move |_| dispatcher.dispatch(Action::ClearKey));
            move || drop(listener)
        });
    }

    // Every section's actions go straight to the reducer.
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action: Action| dispatcher.dispatch(action))
    };
    let on_error_text = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(Action::SetErrorText(text)))
    };
    let evidence = state.evidence();
    let setup = state.guidance.setup;
    let report: Option<Rc<_>> = state.key.clone();

    html! {
        <>
            <LiveTestSection {report} live={state.live.clone()} on_action={on_action.clone()} />
            // ----- Guidance (issue 3): 3 error text, 4 setup + fix steps, 5 CLAUDE.md + share link -----
            <ErrorDiagnosis diagnosis={state.guidance.diagnosis.clone()} on_text={on_error_text} />
            <section class="card guidance" aria-labelledby="setup-heading">
                <h2 id="setup-heading"><span class="step-no">{"4"}</span>{"Fix it for your setup"}</h2>
                <p class="hint">{"Where and how you run Claude Code. The steps below use your shell's own commands."}</p>
                <TeamNotes />
                <SetupForm {setup} {on_action} />
                <FixSteps {setup} evidence={evidence.clone()} />
            </section>
            <section class="card guidance" aria-labelledby="keep-heading">
                <h2 id="keep-heading"><span class="step-no">{"5"}</span>{"Keep it fixed"}</h2>
                <ClaudeMd {setup} {evidence} />
                <ShareLink {setup} />
            </section>
        </>
    }
}
