//! A command to copy: its label, a copy button and the command as a `<pre><code>` block (fix steps, the machine
//! state's fixes, how to print what to paste, how to run the pre-flight script).
//!
//! A block is plain markup, one raw node (`Html::from_html_unchecked`), like its copy button (`copy_button.rs`): the
//! page shows twenty-odd blocks, and built element by element (yew creates, fills and inserts each one through
//! JavaScript) they were most of the elements below the key check. The label and the command are escaped with
//! html-escape, as yew's server-side renderer escapes text; a unit test compares the markup with yew's rendering of
//! the same elements.

use yew::prelude::*;

use crate::ui::copy_button::push_button;
use crate::ui::text::push_text;

/// A view function: the block as one raw node. Yew keeps it as long as its markup is unchanged, so a re-render of
/// the section leaves it (and its button's feedback) alone.
pub fn command_block(label: &str, text: &str) -> Html {
    let mut html = String::with_capacity(400 + 2 * label.len() + text.len());
    push_block(&mut html, label, text);
    Html::from_html_unchecked(html.into())
}

/// Appends the block's markup to `html` (the fix steps render theirs inside their own raw list).
pub fn push_block(html: &mut String, label: &str, text: &str) {
    html.push_str(r#"<div class="command"><div class="command-bar"><span class="command-label">"#);
    push_text(html, label);
    html.push_str("</span>");
    push_button(html, "", None, &format!("Copy: {label}"));
    html.push_str("</div><pre><code>");
    push_text(html, text);
    html.push_str("</code></pre></div>");
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::ui::copy_button::tests::elements;
    use crate::ui::text::tests::render_html as render;

    /// The block as yew elements.
    fn block(label: &str, text: &str) -> Html {
        html! {
            <div class="command">
                <div class="command-bar">
                    <span class="command-label">{label.to_string()}</span>
                    { elements("", None, &format!("Copy: {label}")) }
                </div>
                <pre><code>{text.to_string()}</code></pre>
            </div>
        }
    }

    fn markup(label: &str, text: &str) -> String {
        let mut html = String::new();
        push_block(&mut html, label, text);
        html
    }

    #[test]
    fn the_markup_is_what_yew_renders_for_the_same_elements() {
        let cases = [
            ("In Claude Code", "/status"),
            (
                "Find every line that sets it",
                "grep -n 'ANTHROPIC_API_KEY' ~/.zshrc ~/.zprofile 2>/dev/null && echo \"found\"",
            ),
            (
                "A label with <b>, \"quotes\" & 'apostrophes'",
                "echo '<script>alert(1)</script>' > /tmp/x & $env:A = \"b\"\n  second line\tTab",
            ),
            ("", ""),
            (
                "Unicode: naïve · “quotes”",
                "printf '%s\\n' \"${ANTHROPIC_API_KEY:+set}\"",
            ),
        ];
        for (label, text) in cases {
            assert_eq!(
                markup(label, text),
                render(block(label, text)),
                "{label:?} / {text:?}"
            );
        }
    }

    #[test]
    fn a_carriage_return_survives_the_html_parser() {
        assert!(markup("Label", "a\r\nb").contains("<code>a&#13;\nb</code>"));
    }
}
