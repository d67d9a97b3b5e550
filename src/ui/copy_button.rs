//! A small "Copy" button for any text (commands, the CLAUDE.md section, the share link): writes the text with
//! `navigator.clipboard.writeText`, then says "Copied" for two seconds (or that copying was blocked, so the person
//! selects the text by hand). A status for screen readers goes into a polite live region beside it.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// How long "Copied" stays on the button.
const FEEDBACK_MS: i32 = 2_000;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// Exactly what lands on the clipboard.
    pub text: AttrValue,
    /// The button's `data-testid`, if a test needs it.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// What is copied, for screen readers ("Copy the CLAUDE.md section").
    #[prop_or_default]
    pub what: Option<AttrValue>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Feedback {
    Idle,
    Copied,
    Blocked,
}

/// `navigator.clipboard.writeText(text)`; false when the API is missing (an insecure page) or refuses.
async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    // `navigator.clipboard` is undefined outside secure contexts: check before calling into it.
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false);
    if !has_clipboard {
        return false;
    }
    let promise: Promise = navigator.clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Runs `f` once after `ms` milliseconds.
fn after(ms: i32, f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(f);
    let _ =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
}

#[function_component(CopyButton)]
pub fn copy_button(props: &CopyButtonProps) -> Html {
    let feedback = use_state_eq(|| Feedback::Idle);
    // Bumped per click, so an older click's timer does not cut a newer "Copied" short.
    let clicks = use_mut_ref(|| Rc::new(Cell::new(0u64)));

    let onclick = {
        let feedback = feedback.clone();
        let text = props.text.clone();
        let clicks = clicks.borrow().clone();
        Callback::from(move |_: MouseEvent| {
            let feedback = feedback.clone();
            let text = text.clone();
            let clicks = clicks.clone();
            let click = clicks.get() + 1;
            clicks.set(click);
            wasm_bindgen_futures::spawn_local(async move {
                let ok = write_clipboard(&text).await;
                feedback.set(if ok {
                    Feedback::Copied
                } else {
                    Feedback::Blocked
                });
                after(FEEDBACK_MS, move || {
                    if clicks.get() == click {
                        feedback.set(Feedback::Idle);
                    }
                });
            });
        })
    };

    let (label, status) = match *feedback {
        Feedback::Idle => ("Copy", ""),
        Feedback::Copied => ("Copied", "Copied to the clipboard."),
        Feedback::Blocked => (
            "Copy blocked",
            "The browser blocked copying: select the text and copy it by hand.",
        ),
    };
    html! {
        <span class="copy">
            <button type="button" class={classes!("secondary", "copy-button", (*feedback == Feedback::Copied).then_some("copied"))}
                data-testid={props.testid.clone()} aria-label={props.what.clone()}
                data-copied={(*feedback == Feedback::Copied).then_some("true")}
                {onclick}>{label}</button>
            <span class="visually-hidden" role="status" aria-live="polite">{status}</span>
        </span>
    }
}
