//! The key check (the page's initial module, `src/main.rs`): step 1, its reducer, the key's hand-over to the tools,
//! the tools' loader (see `ui::bridge`), and the `pagehide` hook that drops the key.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::bridge::{self, Listener, KEY_REQUEST_EVENT};
use super::key_check::KeyCheck;
use super::state::{KeyAction, KeyState, ToolsStatus};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(KeyState::default);
    let key_input = use_node_ref();

    // The tools: loaded on the first use of the page, or once it has been idle a moment.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            bridge::load_tools_when_used(move |result| {
                dispatcher.dispatch(KeyAction::Tools(match result {
                    Ok(()) => ToolsStatus::Ready,
                    Err(reason) => ToolsStatus::Failed(reason),
                }))
            });
        });
    }

    // The key's exact text goes to the tools on every paste, edit or clear, and whenever they ask (right after they
    // mount): until the next change, the request listener answers with this text.
    {
        let state = state.clone();
        use_effect_with(state.revision, move |_| {
            let text = state.text().map(str::to_string);
            bridge::publish_key(text.as_deref());
            let listener = Listener::on_document(KEY_REQUEST_EVENT, move |_| {
                bridge::publish_key(text.as_deref())
            });
            move || drop(listener)
        });
    }

    // Drop the key when the page is hidden for good or put in the back/forward cache.
    {
        let dispatcher = state.dispatcher();
        let key_input = key_input.clone();
        use_effect_with((), move |_| {
            let listener = Listener::on_window("pagehide", move |_| {
                if let Some(input) = key_input.cast::<HtmlInputElement>() {
                    input.set_value("");
                }
                dispatcher.dispatch(KeyAction::Clear);
            });
            move || drop(listener)
        });
    }

    let on_change = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(KeyAction::Set(text)))
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(KeyAction::Clear))
    };
    let on_toggle_last20 = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(KeyAction::ToggleLast20))
    };

    html! {
        <>
            <KeyCheck report={state.key.clone()} show_last20={state.show_last20}
                {on_change} {on_clear} {on_toggle_last20} input_ref={key_input} />
            { match &state.tools {
                ToolsStatus::Loading => html! {
                    <p class="card tools-note" data-testid="tools-loading" aria-live="polite">
                        {"Loading the live test, the error diagnosis and the fix steps…"}</p>
                },
                ToolsStatus::Ready => html! {},
                ToolsStatus::Failed(reason) => html! {
                    <p class="card tone-warn" data-testid="tools-failed" role="alert">
                        {"The live test, the error diagnosis and the fix steps could not load ("}{reason}
                        {"). The key check above still works; reload the page to try again."}</p>
                },
            } }
        </>
    }
}
