//! Step 5, first half: the person's setup. Four labelled `<select>`s whose option values are the contract codes
//! (`setup-os`, `setup-shell`, `setup-launcher`, `setup-auth`). The shell list is filtered by the OS
//! (`core::setup::shells_for`); the reducer keeps the shell when the new OS offers it, else takes the OS's default.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::core::codes::{Auth, Launcher, Os, Shell};
use crate::core::setup::{os_name, shells_for, Setup};
use crate::core::suggest::Suggestion;
use crate::ui::state::Action;

pub struct SetupFormProps {
    pub setup: Setup,
    /// The intended method the evidence suggests, while applied (the person has not chosen one).
    pub suggestion: Option<Suggestion>,
    /// Dispatches to the page's reducer.
    pub on_action: Callback<Action>,
}

fn shell_label(os: Os, shell: Shell) -> &'static str {
    match shell {
        Shell::Zsh => "zsh",
        Shell::Bash if os == Os::Windows => "Git Bash",
        Shell::Bash => "bash",
        Shell::Fish => "fish",
        Shell::Powershell => "PowerShell",
        Shell::Cmd => "Command Prompt (cmd)",
    }
}

fn launcher_label(launcher: Launcher) -> &'static str {
    match launcher {
        Launcher::Terminal => "A terminal",
        Launcher::Vscode => "VS Code (extension or its terminal)",
        Launcher::Jetbrains => "A JetBrains IDE",
        Launcher::GithubActions => "GitHub Actions",
        Launcher::Docker => "A Docker container",
        Launcher::Ssh => "Over SSH",
    }
}

pub(crate) fn auth_label(auth: Auth) -> &'static str {
    match auth {
        Auth::Subscription => "Claude subscription (/login)",
        Auth::ApiKey => "Console API key",
        Auth::OauthToken => "Long-lived token (claude setup-token)",
        Auth::Gateway => "LLM gateway or proxy",
        Auth::Bedrock => "Amazon Bedrock",
        Auth::Vertex => "Google Vertex AI (Agent Platform)",
        Auth::Foundry => "Microsoft Foundry",
    }
}

/// A callback that reads a `<select>`'s value and turns a known code into an action (shared by the sections whose
/// selects carry contract codes).
pub(crate) fn on_select(
    on_action: &Callback<Action>,
    to_action: fn(&str) -> Option<Action>,
) -> Callback<Event> {
    let on_action = on_action.clone();
    Callback::from(move |event: Event| {
        if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
            if let Some(action) = to_action(&select.value()) {
                on_action.emit(action);
            }
        }
    })
}

/// One labelled select. `options` are (code, label); the one equal to `value` is selected.
fn select(
    id: &'static str,
    label: &'static str,
    value: &'static str,
    options: Vec<(&'static str, &'static str)>,
    node: &NodeRef,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <div class="field">
            <label for={id}>{label}</label>
            <select id={id} data-testid={id} ref={node.clone()} {onchange}>
                { for options.into_iter().map(|(code, text)| html! {
                    <option value={code} selected={code == value}>{text}</option>
                }) }
            </select>
        </div>
    }
}

/// A hook that `Sections` calls, not a component: as a component it would add its own copy of yew's component
/// machinery to the WebAssembly.
#[hook]
pub fn use_setup_form(props: &SetupFormProps) -> Html {
    let setup = props.setup;
    let refs = use_memo((), |_| {
        [
            NodeRef::default(),
            NodeRef::default(),
            NodeRef::default(),
            NodeRef::default(),
        ]
    });
    // The `selected` attributes set the first paint; after that the selects' values are set from the state, so a
    // change from outside (a share link, the OS filtering the shells) always shows.
    {
        let refs = refs.clone();
        use_effect_with(setup, move |setup| {
            let values = [
                setup.os.code(),
                setup.shell.code(),
                setup.launcher.code(),
                setup.auth.code(),
            ];
            for (node, value) in refs.iter().zip(values) {
                if let Some(select) = node.cast::<HtmlSelectElement>() {
                    if select.value() != value {
                        select.set_value(value);
                    }
                }
            }
        });
    }

    let os_options = Os::ALL.iter().map(|&os| (os.code(), os_name(os))).collect();
    let shell_options = shells_for(setup.os)
        .iter()
        .map(|&shell| (shell.code(), shell_label(setup.os, shell)))
        .collect();
    let launcher_options = Launcher::ALL
        .iter()
        .map(|&l| (l.code(), launcher_label(l)))
        .collect();
    let auth_options = Auth::ALL
        .iter()
        .map(|&a| (a.code(), auth_label(a)))
        .collect();

    html! {
        <div class="setup-form" role="group" aria-labelledby="setup-heading">
            { select("setup-os", "Operating system", setup.os.code(), os_options, &refs[0],
                on_select(&props.on_action, |v| Os::from_code(v).map(Action::SetOs))) }
            { select("setup-shell", "Shell", setup.shell.code(), shell_options, &refs[1],
                on_select(&props.on_action, |v| Shell::from_code(v).map(Action::SetShell))) }
            { select("setup-launcher", "Where Claude Code runs", setup.launcher.code(), launcher_options, &refs[2],
                on_select(&props.on_action, |v| Launcher::from_code(v).map(Action::SetLauncher))) }
            { select("setup-auth", "How you mean to sign in", setup.auth.code(), auth_options, &refs[3],
                on_select(&props.on_action, |v| Auth::from_code(v).map(Action::SetAuth))) }
            <p class="suggestion" data-testid="setup-suggestion" aria-live="polite"
                data-suggested={props.suggestion.map(|s| s.auth.code())}>
                if let Some(suggestion) = props.suggestion {
                    {"“"}{auth_label(suggestion.auth)}{"” is suggested "}{suggestion.because.words()}
                    {": choose another above if you mean something else. "}
                    <button type="button" class="link" data-testid="setup-suggestion-undo"
                        onclick={props.on_action.reform(|_: MouseEvent| Action::UndoSuggestion)}>{"Undo"}</button>
                }
            </p>
        </div>
    }
}
