//! The page: its one reducer (`state.rs`), the summary and the sections in order, a share link's setup read at
//! start-up, and the `pagehide` hook that drops every pasted secret.

use std::rc::Rc;

use gloo::events::EventListener;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::key_check::KeyCheck;
use super::sections::Sections;
use super::state::{Action, State};
use super::summary::Summary;
use crate::core::steps::plan;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let key_input = use_node_ref();
    let machine_input = use_node_ref();

    // A share link's setup (`?os=…&shell=…`), read once after the first render, so that first render is the same
    // whatever the URL. The address bar is never written.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let search = gloo::utils::window().location().search().ok();
            if let Some(setup) = search.as_deref().and_then(crate::core::share::from_query) {
                dispatcher.dispatch(Action::SetSetup(setup));
            }
        });
    }

    // Drop every pasted secret when the page is hidden for good or put in the back/forward cache.
    {
        let dispatcher = state.dispatcher();
        let (key_input, machine_input) = (key_input.clone(), machine_input.clone());
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                if let Some(input) = key_input.cast::<HtmlInputElement>() {
                    input.set_value("");
                }
                if let Some(area) = machine_input.cast::<HtmlTextAreaElement>() {
                    area.set_value("");
                }
                dispatcher.dispatch(Action::DropSecrets);
            });
            move || drop(listener)
        });
    }

    // The summary and the key check render first; the other sections one task later, so the key field is usable a
    // few milliseconds sooner (they hold most of the page's elements) and nothing moves: they are below it.
    let rest_shown = use_state(|| false);
    {
        let rest_shown = rest_shown.clone();
        use_effect_with((), move |_| {
            // On a fast link index.html holds the guide's first paint for this render (`data-hold`, see
            // static/style.css): it paints with the key field, in the next frame.
            let _ = gloo::utils::document_element().remove_attribute("data-hold");
            gloo::timers::callback::Timeout::new(0, move || rest_shown.set(true)).forget();
        });
    }

    // Every section's actions go straight to the reducer.
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action: Action| dispatcher.dispatch(action))
    };
    let text_action = |to_action: fn(String) -> Action| on_action.reform(to_action);
    let evidence = state.evidence();
    let setup = state.guidance.setup;
    // Planned once the sections are shown: the summary's first step fills in with them, one task after the first
    // render, which then neither runs nor compiles the planner.
    let steps = use_memo(
        (setup, evidence.clone(), *rest_shown),
        |(setup, evidence, shown)| {
            if *shown {
                plan(setup, evidence)
            } else {
                Vec::new()
            }
        },
    );
    let first_step = steps.first().cloned().map(Rc::new);

    html! {
        <>
            <Summary report={state.key.clone()} live={state.live.status.clone()}
                diagnosis={state.guidance.diagnosis.clone()} machine={state.machine.clone()} {first_step} />
            <KeyCheck report={state.key.clone()} show_last20={state.show_last20}
                on_change={text_action(Action::SetKey)} on_clear={on_action.reform(|()| Action::ClearKey)}
                on_toggle_last20={on_action.reform(|()| Action::ToggleLast20)} input_ref={key_input} />
            if *rest_shown {
                <Sections report={state.key.clone()} live={state.live.clone()}
                    diagnosis={state.guidance.diagnosis.clone()} machine={state.machine.clone()} {setup}
                    suggestion={state.guidance.suggestion} {evidence} steps={steps.clone()} on_action={on_action.clone()}
                    {machine_input} />
            }
        </>
    }
}
