//! The page: layout, the reducer, and the `pagehide` hook that drops the key.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::key_check::KeyCheck;
use super::live_test::LiveTestSection;
use super::state::{Action, State};
// Guidance (issue 3).
use super::claude_md::ClaudeMd;
use super::error_diagnosis::ErrorDiagnosis;
use super::fix_steps::FixSteps;
use super::setup_form::SetupForm;
use super::share_link::ShareLink;
use super::team_notes::TeamNotes;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let key_input = use_node_ref();

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
        let key_input = key_input.clone();
        use_effect_with((), move |_| {
            let on_pagehide = Closure::<dyn Fn()>::new(move || {
                if let Some(input) = key_input.cast::<HtmlInputElement>() {
                    input.set_value("");
                }
                dispatcher.dispatch(Action::ClearKey);
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback(
                    "pagehide",
                    on_pagehide.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "pagehide",
                        on_pagehide.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    // Steps 4 and 5 (setup, fix steps, CLAUDE.md: most of the page's elements, below the fold) mount one task after
    // the first render, so the key field at the top is interactive sooner.
    let below_fold = use_state(|| false);
    {
        let below_fold = below_fold.clone();
        use_effect_with((), move |_| {
            let show = Closure::once_into_js(move || below_fold.set(true));
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(show.unchecked_ref());
            }
        });
    }

    let on_change = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(Action::SetKey(text)))
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::ClearKey))
    };
    let on_toggle_last20 = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::ToggleLast20))
    };
    // Live test (issue 5): any of its actions, straight to the reducer.
    let on_live_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action: Action| dispatcher.dispatch(action))
    };
    // Guidance (issue 3): the error text, and the setup's actions straight to the reducer.
    let on_error_text = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(Action::SetErrorText(text)))
    };
    let on_setup_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action: Action| dispatcher.dispatch(action))
    };
    let evidence = state.evidence();
    let setup = state.guidance.setup;

    html! {
        <>
                <KeyCheck report={state.key.clone()} show_last20={state.show_last20}
                    {on_change} {on_clear} {on_toggle_last20} input_ref={key_input} />
                <LiveTestSection report={state.key.clone()} live={state.live.clone()} on_action={on_live_action} />
                // ----- Guidance (issue 3): 3 error text, 4 setup + fix steps, 5 CLAUDE.md + share link -----
                <ErrorDiagnosis diagnosis={state.guidance.diagnosis.clone()} on_text={on_error_text} />
                if *below_fold {
                <section class="card guidance" aria-labelledby="setup-heading">
                    <h2 id="setup-heading"><span class="step-no">{"4"}</span>{"Fix it for your setup"}</h2>
                    <p class="hint">{"Where and how you run Claude Code. The steps below use your shell's own commands."}</p>
                    <TeamNotes />
                    <SetupForm {setup} on_action={on_setup_action} />
                    <FixSteps {setup} evidence={evidence.clone()} />
                </section>
                <section class="card guidance" aria-labelledby="keep-heading">
                    <h2 id="keep-heading"><span class="step-no">{"5"}</span>{"Keep it fixed"}</h2>
                    <ClaudeMd {setup} {evidence} />
                    <ShareLink {setup} />
                </section>
                }
        </>
    }
}
