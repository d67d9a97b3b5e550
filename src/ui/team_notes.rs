//! The team's own pointers in the guidance (README, "Team configuration"): its name, docs and support channel, when
//! the build has them. Nothing is shown for the public build.

use yew::prelude::*;

use crate::core::team;

/// Only http(s) links become links (the build already rejects anything else; this keeps `javascript:` out for sure).
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A view function, not a component: it holds no state, and as a component it would add its own copy of yew's
/// component machinery to the WebAssembly (`Sections` renders it).
pub fn team_notes() -> Html {
    let team = &team::BUILT_IN;
    let org = team.org_name.as_deref().filter(|s| !s.trim().is_empty());
    let docs = team.docs_url.as_deref().filter(|u| safe_url(u));
    let support = team.support.as_deref().filter(|s| !s.trim().is_empty());
    if org.is_none() && docs.is_none() && support.is_none() {
        return html! {};
    }
    let heading = match org {
        Some(org) => format!("{org}: how this team signs in"),
        None => "How this team signs in".to_string(),
    };
    html! {
        <aside class="team-notes" data-testid="team-notes" aria-label="Your team's pointers">
            <p class="team-notes-title">{heading}</p>
            <p>{"The choices below start from your team's setup; the steps and the CLAUDE.md section follow them."}</p>
            <ul>
                if let Some(docs) = docs {
                    <li>{"Team docs: "}<a href={docs.to_string()} rel="noopener noreferrer" target="_blank">{docs}</a></li>
                }
                if let Some(support) = support {
                    <li>{"Help: "}{support}</li>
                }
            </ul>
        </aside>
    }
}
