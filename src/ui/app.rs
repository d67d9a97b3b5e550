//! The page: layout, the reducer, and the `pagehide` hook that drops the key.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::key_check::KeyCheck;
use super::live_test::LiveTestSection;
use super::state::{Action, State};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let key_input = use_node_ref();

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

    html! {
        <>
                <KeyCheck report={state.key.clone()} show_last20={state.show_last20}
                    {on_change} {on_clear} {on_toggle_last20} input_ref={key_input} />
                <LiveTestSection report={state.key.clone()} live={state.live.clone()} on_action={on_live_action} />
        </>
    }
}
