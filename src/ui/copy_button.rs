//! Copy buttons: every text the page offers to copy (the fix steps' and the machine state's commands, the pre-flight
//! script, the CLAUDE.md section, the share link, the terminal check) has a small "Copy" button. A click writes the
//! text with `navigator.clipboard.writeText`, then the button says "Copied" for two seconds (or that copying was
//! blocked, so the person selects the text by hand), and a polite live region beside it tells screen readers.
//!
//! What is copied is what the page shows: the text of the element the button names (`data-copy-from`, an element id),
//! or in a command block (`command.rs`) that block's command. So copy and the page can never disagree.
//!
//! A button is plain markup, one raw node (`Html::from_html_unchecked`), and one listener for the whole page,
//! [`copy_on_click`] (installed by `Sections`), does the copying and the feedback. The page shows about thirty copy
//! buttons: as yew components, each with its own state, scope and elements, they were a third of the work of showing
//! the sections below the key check. Yew never diffs inside a raw node (it keeps it while its markup is unchanged), so
//! the feedback is written into the button directly. Text is escaped with html-escape, the escaper yew's own
//! server-side renderer uses; unit tests compare the markup with yew's rendering of the same elements.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::ui::effects::{after, write_clipboard};

/// How long "Copied" stays on the button.
const FEEDBACK_MS: u32 = 2_000;

/// A copy button for the text of the element with the id `from`, with its `data-testid` and what it copies, for
/// screen readers ("Copy the CLAUDE.md section").
pub fn copy_button(from: &str, testid: &str, what: &str) -> Html {
    let mut html = String::new();
    push_button(&mut html, from, Some(testid), what);
    Html::from_html_unchecked(html.into())
}

/// Appends the button and its live region to `html`. An empty `from` means the command of the block around it.
pub(crate) fn push_button(html: &mut String, from: &str, testid: Option<&str>, what: &str) {
    html.push_str(r#"<span class="copy"><button type="button" data-copy-from=""#);
    html.push_str(&html_escape::encode_double_quoted_attribute(from));
    if let Some(testid) = testid {
        html.push_str(r#"" data-testid=""#);
        html.push_str(&html_escape::encode_double_quoted_attribute(testid));
    }
    html.push_str(r#"" aria-label=""#);
    html.push_str(&html_escape::encode_double_quoted_attribute(what));
    html.push_str(concat!(
        r#"" class="secondary copy-button">Copy</button>"#,
        r#"<span role="status" aria-live="polite" class="visually-hidden"></span></span>"#
    ));
}

/// What a copy button shows: its label, and the status its live region reads out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Feedback {
    Idle,
    Copied,
    Blocked,
}

impl Feedback {
    fn label(self) -> &'static str {
        match self {
            Self::Idle => "Copy",
            Self::Copied => "Copied",
            Self::Blocked => "Copy blocked",
        }
    }

    fn status(self) -> &'static str {
        match self {
            Self::Idle => "",
            Self::Copied => "Copied to the clipboard.",
            Self::Blocked => "The browser blocked copying: select the text and copy it by hand.",
        }
    }
}

/// The text a copy button copies: the text of the element it names, or its command block's command.
fn source_text(button: &Element) -> Option<String> {
    let from = button.get_attribute("data-copy-from")?;
    let source = if from.is_empty() {
        button
            .closest(".command")
            .ok()??
            .query_selector("pre > code")
            .ok()??
    } else {
        gloo::utils::document().get_element_by_id(&from)?
    };
    source.text_content()
}

/// Copies when a copy button is clicked, anywhere on the page, for as long as the listener lives.
pub fn copy_on_click() -> EventListener {
    // Numbers the clicks, so that an older click's timer does not cut a newer "Copied" short.
    let clicks = Rc::new(Cell::new(0u64));
    EventListener::new(&gloo::utils::document(), "click", move |event| {
        let button = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|element| element.closest("button[data-copy-from]").ok().flatten());
        let Some((button, text)) = button.and_then(|b| source_text(&b).map(|text| (b, text)))
        else {
            return;
        };
        let click = clicks.get() + 1;
        clicks.set(click);
        let clicks = clicks.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let copied = write_clipboard(&text).await;
            show(
                &button,
                if copied {
                    Feedback::Copied
                } else {
                    Feedback::Blocked
                },
            );
            after(FEEDBACK_MS, move || {
                if clicks.get() == click {
                    show(&button, Feedback::Idle);
                }
            });
        });
    })
}

/// The button's label, its `copied` class and `data-copied` flag, and the status in the live region beside it.
fn show(button: &Element, feedback: Feedback) {
    let copied = feedback == Feedback::Copied;
    button.set_text_content(Some(feedback.label()));
    let class = if copied {
        "secondary copy-button copied"
    } else {
        "secondary copy-button"
    };
    let _ = button.set_attribute("class", class);
    let _ = if copied {
        button.set_attribute("data-copied", "true")
    } else {
        button.remove_attribute("data-copied")
    };
    if let Some(status) = button.next_element_sibling() {
        status.set_text_content(Some(feedback.status()));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;
    use crate::ui::text::tests::render_html as render;

    /// The button as yew elements.
    pub(crate) fn elements(from: &str, testid: Option<&str>, what: &str) -> Html {
        html! {
            <span class="copy">
                <button type="button" data-copy-from={from.to_string()} data-testid={testid.map(str::to_string)}
                    aria-label={what.to_string()} class="secondary copy-button">{"Copy"}</button>
                <span role="status" aria-live="polite" class="visually-hidden"></span>
            </span>
        }
    }

    #[test]
    fn the_markup_is_what_yew_renders_for_the_same_elements() {
        let cases = [
            (
                "claude-md-text",
                Some("claude-md-copy"),
                "Copy the CLAUDE.md section",
            ),
            ("", None, "Copy: Find the line that sets it"),
            (
                "a\"b",
                Some("x<y>&z"),
                "Copy: <b>\"quoted\"</b> & 'single' · “curly”",
            ),
        ];
        for (from, testid, what) in cases {
            let mut markup = String::new();
            push_button(&mut markup, from, testid, what);
            assert_eq!(
                markup,
                render(elements(from, testid, what)),
                "{from:?} {testid:?} {what:?}"
            );
        }
    }

    #[test]
    fn copy_button_is_the_raw_markup() {
        let mut markup = String::new();
        push_button(
            &mut markup,
            "share-link-text",
            Some("share-link-copy"),
            "Copy the share link",
        );
        assert_eq!(
            render(copy_button(
                "share-link-text",
                "share-link-copy",
                "Copy the share link"
            )),
            markup
        );
    }
}
