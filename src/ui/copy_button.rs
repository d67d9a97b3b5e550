//! A small "Copy" button for any text (commands, the CLAUDE.md section, the share link): writes the text with
//! `navigator.clipboard.writeText`, then says "Copied" for two seconds (or that copying was blocked, so the person
//! selects the text by hand). A status for screen readers goes into a polite live region beside it.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::effects::{after, write_clipboard};

/// How long "Copied" stays on the button.
const FEEDBACK_MS: u32 = 2_000;

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
