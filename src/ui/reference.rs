//! The reference of every cause: for each, what it means, the messages that lead to it (verbatim, so that a search
//! for a message finds its entry), where it usually comes from and the fix. Rendered to HTML at build time
//! (`src/bin/postbuild.rs`, yew's server-side renderer) from the knowledge tables and written into `index.html`, so it
//! reads without JavaScript; each diagnosis links to its entry (`#cause-<code>`). It must stay free of browser calls.
//! The diagnosis and the live test show copies of an entry's meaning, sources and fix (`src/ui/reference_words.rs`
//! finds them by their classes), so the WebAssembly does not carry those words a second time.

use yew::prelude::*;

use crate::core::codes::CauseCode;
use crate::core::knowledge::{self, Cause};
use crate::ui::text::rich;

fn entry(cause: &Cause) -> Html {
    let code = cause.code.code();
    let mut examples: Vec<(&str, &str)> = Vec::new();
    for message in knowledge::messages_for(cause.code) {
        if !examples
            .iter()
            .any(|(example, _)| *example == message.example)
        {
            examples.push((message.example, message.versions));
        }
    }
    html! {
        <article class="cause-ref" id={format!("cause-{code}")} data-testid="cause-ref" data-cause={code}
            aria-labelledby={format!("cause-{code}-title")}>
            <h3 id={format!("cause-{code}-title")}>{cause.title}</h3>
            <p class="cause-meaning">{rich(cause.meaning)}</p>
            <h4>{"What Claude Code or the API prints"}</h4>
            <ul class="cause-messages">
                { for examples.iter().map(|(example, versions)| html! {
                    <li><code class="message">{*example}</code>
                        if *versions != "all" { <span class="versions">{format!(" ({versions})")}</span> }
                    </li>
                }) }
            </ul>
            <h4>{"Where it usually comes from"}</h4>
            <ul class="cause-from">{ for cause.comes_from.iter().map(|s| html! { <li>{rich(s)}</li> }) }</ul>
            <h4>{"Fix"}</h4>
            <ol class="cause-fix">{ for cause.fix.steps().map(|s| html! { <li>{rich(s)}</li> }) }</ol>
            <p class="source">{"Sources: "}{cause.source}</p>
        </article>
    }
}

#[function_component(Reference)]
pub fn reference() -> Html {
    let causes = knowledge::CAUSES
        .iter()
        .filter(|cause| cause.code != CauseCode::Unknown);
    let index = causes.clone().map(|cause| {
        html! { <li><a href={format!("#cause-{}", cause.code.code())}>{cause.title}</a></li> }
    });
    html! {
        <section class="card reference" aria-labelledby="reference-heading" data-testid="reference">
            <h2 id="reference-heading">{"Every Claude Code authentication message, explained"}</h2>
            <p class="hint">{"Each cause below lists the messages that lead to it as Claude Code and the Anthropic API \
                print them, what they mean, where the problem usually lives and how to fix it. Search this page \
                (Ctrl+F or ⌘F) for the words of your message, or paste the whole message into step 3."}</p>
            <nav aria-label="Causes">
                <ul class="reference-index">{ for index }</ul>
            </nav>
            { for causes.map(entry) }
        </section>
    }
}
