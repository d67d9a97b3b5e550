//! A command to copy: its label, a copy button and the command as a `<pre><code>` block (fix steps, the machine
//! state's fixes, how to print what to paste, how to run the pre-flight script).

use yew::prelude::*;

use crate::ui::copy_button::CopyButton;

/// A view function, not a component: it holds no state, and as a component each of its uses would add a copy of
/// yew's component machinery to the WebAssembly.
pub fn command_block(label: AttrValue, text: AttrValue) -> Html {
    html! {
        <div class="command">
            <div class="command-bar">
                <span class="command-label">{label.clone()}</span>
                <CopyButton text={text.clone()} what={AttrValue::from(format!("Copy: {label}"))} />
            </div>
            <pre><code>{text}</code></pre>
        </div>
    }
}
