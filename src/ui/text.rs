//! The knowledge tables write commands and file names as `code spans`, as Markdown does (the CLAUDE.md section uses
//! them as they are). On the page they become `<code>` elements instead of showing the backticks.
//!
//! The same as markup, for the page's raw blocks (`Html::from_html_unchecked`: the fix steps, the command blocks, the
//! copy buttons): [`push_text`] and [`push_rich`] escape text with html-escape, as yew's server-side renderer does, and
//! unit tests compare them with yew's rendering of the same nodes.

use yew::prelude::*;

/// `text` with every `` `…` `` span as a `<code>` element. Text nodes only: nothing is parsed as HTML. An unpaired
/// backtick stays as it is.
pub fn rich(text: &str) -> Html {
    if !text.contains('`') {
        return html! { {text.to_string()} };
    }
    let parts: Vec<&str> = text.split('`').collect();
    // Odd parts sit between backticks; with an odd number of backticks the last one has no partner.
    let unpaired = parts.len() % 2 == 0;
    let last = parts.len() - 1;
    html! {
        <>{ for parts.iter().enumerate().map(|(i, part)| {
            if i % 2 == 1 && !(unpaired && i == last) {
                html! { <code>{part.to_string()}</code> }
            } else if i % 2 == 1 {
                html! { {format!("`{part}")} }
            } else {
                html! { {part.to_string()} }
            }
        }) }</>
    }
}

/// Static markup written out in the source (headings, hints, labels): one raw node instead of an element and a text
/// node each, so the page builds and yew reconciles a few nodes fewer. Yew compares it by its text on a re-render and
/// leaves it alone. Escape `&`, `<` and `>` by hand; a unit test checks every such constant is well-formed.
pub fn markup(html: &'static str) -> Html {
    Html::from_html_unchecked(AttrValue::Static(html))
}

/// Appends `text` to `html` as text. A carriage return is written as a character reference: written as such, the HTML
/// parser would turn it into a line feed, and the text (what a copy button copies) would differ.
pub fn push_text(html: &mut String, text: &str) {
    html.push_str(&html_escape::encode_text(text).replace('\r', "&#13;"));
}

/// Appends [`rich`]`(text)` to `html` as markup.
pub fn push_rich(html: &mut String, text: &str) {
    let parts: Vec<&str> = text.split('`').collect();
    let unpaired = parts.len() % 2 == 0;
    let last = parts.len() - 1;
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 && !(unpaired && i == last) {
            html.push_str("<code>");
            push_text(html, part);
            html.push_str("</code>");
        } else {
            if i % 2 == 1 {
                html.push('`');
            }
            push_text(html, part);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;

    /// `html` rendered with yew's server-side renderer: what the raw markup of the page is compared with.
    pub(crate) fn render_html(html: Html) -> String {
        #[derive(Properties, PartialEq)]
        struct Props {
            html: Html,
        }
        #[function_component(Render)]
        fn render(props: &Props) -> Html {
            props.html.clone()
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let renderer =
            yew::LocalServerRenderer::<Render>::with_props(Props { html }).hydratable(false);
        tokio::task::LocalSet::new().block_on(&runtime, renderer.render())
    }

    fn render(text: &str) -> String {
        render_html(rich(text))
    }

    #[test]
    fn code_spans_become_code_elements() {
        assert_eq!(
            render("Run `claude update`, then `/login`."),
            "Run <code>claude update</code>, then <code>/login</code>."
        );
        assert_eq!(render("plain text"), "plain text");
        assert_eq!(render("``"), "<code></code>");
    }

    #[test]
    fn the_markup_is_what_yew_renders() {
        for text in [
            "Run `claude update`, then `/login`.",
            "plain text",
            "``",
            "a `b` c ` d",
            "`<b>x</b>` & <i> \"quoted\" 'single' · “curly”",
            "",
            "`",
            "ends with `code`",
        ] {
            let mut markup = String::new();
            push_rich(&mut markup, text);
            assert_eq!(markup, render(text), "{text:?}");
        }
    }

    /// The page's static markup (`markup`): tags balanced and known, attribute values quoted, `<` and `&` only as
    /// markup or character references, so that the browser builds exactly the elements the source shows.
    #[test]
    fn static_markup_is_well_formed() {
        use crate::ui::{
            claude_md, error_diagnosis, live_test, machine_state, preflight, sections, share_link,
        };
        for markup in [
            live_test::LIVE_HEAD,
            live_test::BASE_URL_LABEL,
            live_test::SCHEME_LABEL,
            live_test::LIVE_BILLING,
            live_test::LIVE_CURL_HEAD,
            live_test::CURL_SHELL_LABEL,
            error_diagnosis::ERROR_HEAD,
            machine_state::MACHINE_HEAD,
            machine_state::MACHINE_LABEL,
            sections::SETUP_HEAD,
            sections::KEEP_HEAD,
            preflight::PREFLIGHT_HEAD,
            claude_md::CLAUDE_MD_HEAD,
            share_link::SHARE_HEAD,
        ] {
            assert_well_formed(markup);
        }
    }

    #[test]
    fn the_markup_check_finds_what_would_break_the_page() {
        for broken in [
            "<p>Tom & Jerry</p>",
            "<p>a < b</p>",
            "<p><code>x</p></code>",
            "<p>unclosed",
            r#"<p class=hint>x</p>"#,
            r#"<p title="a<b">x</p>"#,
            "<div>x</div>",
            "<p>x</p>>",
        ] {
            let caught = std::panic::catch_unwind(|| assert_well_formed(broken));
            assert!(caught.is_err(), "{broken:?} passed the check");
        }
        assert_well_formed(r#"<p class="hint">a &amp; b &lt;c&gt; &#13;<code>x</code></p>"#);
    }

    fn assert_well_formed(markup: &str) {
        const ELEMENTS: [&str; 7] = ["h2", "h3", "p", "span", "label", "code", "strong"];
        let mut open: Vec<&str> = Vec::new();
        let mut rest = markup;
        while let Some(at) = rest.find(['<', '&']) {
            let (text, tail) = rest.split_at(at);
            assert!(!text.contains('>'), "a bare > in {markup:?}");
            if tail.starts_with('&') {
                let end = tail
                    .find(';')
                    .unwrap_or_else(|| panic!("a bare & in {markup:?}"));
                let entity = &tail[1..end];
                assert!(
                    ["amp", "lt", "gt", "quot"].contains(&entity)
                        || entity
                            .strip_prefix('#')
                            .is_some_and(|n| n.parse::<u32>().is_ok()),
                    "&{entity}; in {markup:?}"
                );
                rest = &tail[end + 1..];
                continue;
            }
            let end = tail
                .find('>')
                .unwrap_or_else(|| panic!("an unclosed tag in {markup:?}"));
            let tag = &tail[1..end];
            rest = &tail[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(
                    open.pop(),
                    Some(name),
                    "</{name}> out of order in {markup:?}"
                );
                continue;
            }
            let (name, mut attributes) = tag.split_once(' ').unwrap_or((tag, ""));
            assert!(ELEMENTS.contains(&name), "<{name}> in {markup:?}");
            while !attributes.is_empty() {
                let (attribute, value) = attributes
                    .split_once("=\"")
                    .unwrap_or_else(|| panic!("an unquoted attribute in <{tag}>"));
                assert!(
                    !attribute.is_empty()
                        && attribute
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '-'),
                    "attribute {attribute:?} in <{tag}>"
                );
                let (value, after) = value.split_once('"').expect("a closing quote");
                assert!(
                    !value.contains(['<', '&']),
                    "attribute value {value:?} in <{tag}>"
                );
                attributes = after.strip_prefix(' ').unwrap_or(after);
                assert!(after.is_empty() || after.starts_with(' '), "<{tag}>");
            }
            open.push(name);
        }
        assert!(!rest.contains('>'), "a bare > in {markup:?}");
        assert!(open.is_empty(), "unclosed {open:?} in {markup:?}");
    }

    #[test]
    fn a_carriage_return_survives_the_html_parser() {
        let mut markup = String::new();
        push_text(&mut markup, "a\r\nb <");
        assert_eq!(markup, "a&#13;\nb &lt;");
    }

    #[test]
    fn an_unpaired_backtick_stays_and_nothing_is_parsed_as_html() {
        assert_eq!(render("a `b` c ` d"), "a <code>b</code> c ` d");
        assert_eq!(
            render("`<b>x</b>` & <i>"),
            "<code>&lt;b&gt;x&lt;/b&gt;</code> &amp; &lt;i&gt;"
        );
    }
}
