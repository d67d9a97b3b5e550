//! A command to copy: its label, a copy button and the command as a `<pre><code>` block (fix steps, the machine
//! state's fixes, how to print what to paste, how to run the pre-flight script).

use yew::prelude::*;

use crate::ui::copy_button::CopyButton;

#[derive(Properties, PartialEq)]
pub struct CommandProps {
    pub label: AttrValue,
    pub text: AttrValue,
}

#[function_component(Command)]
pub fn command(props: &CommandProps) -> Html {
    html! {
        <div class="command">
            <div class="command-bar">
                <span class="command-label">{props.label.clone()}</span>
                <CopyButton text={props.text.clone()} what={AttrValue::from(format!("Copy: {}", props.label))} />
            </div>
            <pre><code>{props.text.clone()}</code></pre>
        </div>
    }
}
