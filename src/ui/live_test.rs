//! Step 2: the live test call. Asks the API (or the person's gateway) itself, from this tab, whether the key works,
//! and says what the answer means. `core::probe::LiveRun` decides every request and reads every answer, `net::send`
//! sends them; this file only wires them to the page and shows the result.
//!
//! What is shown about the credential is its redacted fingerprint (prefix + last 4), never the key.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::core::api::Probe;
use crate::core::base_url::{parse_base_url, BaseUrl};
use crate::core::codes::{AuthScheme, OutcomeCode, Shell};
use crate::core::key::{analyze, KeyReport};
use crate::core::outcome::words;
use crate::core::probe::{curl_command, LiveResult, LiveRun, Next, PagePolicy};
use crate::net::{self, Flight};
use crate::ui::copy_button::copy_button;
use crate::ui::reference_words;
use crate::ui::setup_form::on_select;
use crate::ui::state::{Action, LiveStatus, LiveTest};
use crate::ui::text::{markup, rich};

pub struct LiveTestProps {
    /// The key check's analysis; `None` before the key field was used.
    pub report: Option<Rc<KeyReport>>,
    /// Settings, the current run and its result (from the reducer).
    pub live: LiveTest,
    /// Dispatches to the page's reducer.
    pub on_action: Callback<Action>,
}

/// Unique per click, so an answer from an older run is recognised and ignored.
static NEXT_RUN: AtomicU64 = AtomicU64::new(1);

/// The page's own Content-Security-Policy (the `<meta>` the build writes) and origin.
fn page_policy() -> Option<(String, String)> {
    let window = web_sys::window()?;
    let origin = window.location().origin().ok()?;
    let policy = window
        .document()?
        .query_selector("meta[http-equiv=\"Content-Security-Policy\"]")
        .ok()
        .flatten()?
        .get_attribute("content")?;
    Some((policy, origin))
}

/// Everything a run needs, captured at the click.
struct RunInput {
    run: u64,
    base: BaseUrl,
    scheme: AuthScheme,
    billing: bool,
    report: Rc<KeyReport>,
    on_action: Callback<Action>,
    flight_slot: Rc<RefCell<Option<Flight>>>,
}

/// Runs one live test: `core::probe::LiveRun` decides every request and the outcome; this sends the requests and
/// tells the reducer where the test is.
fn start(input: RunInput) {
    let RunInput {
        run,
        base,
        scheme,
        billing,
        report,
        on_action,
        flight_slot,
    } = input;
    on_action.emit(Action::LiveStarted { run });
    let policy = page_policy();
    let page = policy.as_ref().map(|(policy, page_origin)| PagePolicy {
        policy,
        page_origin,
    });
    let (mut live_run, first) = LiveRun::start(base, scheme, billing, report, page);
    let on_done = on_action.clone();
    let finish = move |mut result: LiveResult, elapsed_ms: Option<u32>| {
        result.elapsed_ms = elapsed_ms;
        on_done.emit(Action::LiveFinished {
            run,
            result: Rc::new(result),
        });
    };
    let mut request = match first {
        Next::Done(result) => return finish(result, None),
        Next::Send(request) => request,
    };
    let flight = Flight::new();
    if let Some(previous) = flight_slot.replace(Some(flight.clone())) {
        previous.cancel();
    }
    let on_step = on_action;
    wasm_bindgen_futures::spawn_local(async move {
        let started = net::now_ms();
        let result = loop {
            let answer = net::send(&request, &flight).await;
            match live_run.answer(answer) {
                Next::Send(next) => {
                    request = next;
                    on_step.emit(Action::LiveStep {
                        run,
                        step: live_run.step().clone(),
                    });
                }
                Next::Done(result) => break result,
            }
        };
        drop(request);
        {
            let mut slot = flight_slot.borrow_mut();
            if slot.as_ref() == Some(&flight) {
                *slot = None;
            }
        }
        let elapsed = (net::now_ms() - started).max(0.0).round() as u32;
        finish(result, Some(elapsed));
    });
}

/// The section's static markup (`text::markup`).
pub(crate) const LIVE_HEAD: &str = concat!(
    r#"<h2 id="live-heading"><span class="step-no">2</span>Test the key live</h2>"#,
    r#"<p class="hint">Sends one request from this tab to the API (or your gateway) and explains the answer. "#,
    "The key goes only there, only when you press the button, and only in a header: never in the address. ",
    "Free by default: it lists the models.</p>"
);
pub(crate) const BASE_URL_LABEL: &str =
    r#"<label for="base-url">Base URL (<code>ANTHROPIC_BASE_URL</code>)</label>"#;
pub(crate) const SCHEME_LABEL: &str = r#"<label for="auth-scheme">Send the key as</label>"#;
pub(crate) const LIVE_BILLING: &str = concat!(
    r#"<label for="probe-billing">Also run the billing probe <strong>(costs a few tokens)</strong></label>"#,
    r#"<p id="probe-billing-help" class="hint">After the models list succeeds, sends POST /v1/messages with "#,
    "max_tokens 1 to the cheapest model that list names. Only this shows low credit, a disabled ",
    "organization or a spend limit. It is billed like any request: a fraction of a cent.</p>"
);
pub(crate) const LIVE_CURL_HEAD: &str = concat!(
    r#"<h3>The same check from a terminal</h3><p class="hint">Run it where Claude Code runs. "#,
    "It reads the key from the environment variable, so it shows what Claude Code would send; the key never ",
    r#"appears in the command. An answer with a "data" list means the key works; an error body names the problem.</p>"#
);
pub(crate) const CURL_SHELL_LABEL: &str = r#"<label for="curl-shell">Shell</label>"#;

/// How a result is coloured.
fn tone(code: OutcomeCode) -> &'static str {
    use OutcomeCode::*;
    match code {
        Pending => "pending",
        Valid => "good",
        RateLimited | Overloaded | ServerError | LowCredit | SpendLimit | CorsDisabledOrg
        | CorsHeaderMissing | Permission => "warn",
        InvalidKey | InvalidCredentials | OauthNotSupported | OauthExpired | InvalidBearer
        | NotFound | OrgDisabled | GatewayAuth => "bad",
        GatewayError | NetworkError | Timeout | Cancelled | BlockedByPolicy | Unknown => "neutral",
    }
}

fn elapsed_text(ms: u32) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        // Integer arithmetic: float formatting would add ~10 KiB of code to the WebAssembly.
        let tenths = (ms + 50) / 100;
        format!("{}.{} s", tenths / 10, tenths % 10)
    }
}

fn fact(label: &str, value: Html, testid: &'static str) -> Html {
    html! {
        <div class="live-fact">
            <dt>{label}</dt>
            <dd data-testid={testid}>{value}</dd>
        </div>
    }
}

fn render_result(run: u64, result: &LiveResult) -> Html {
    let outcome = &result.outcome;
    let code = outcome.code;
    // An outcome a cause owns is explained in that cause's words: copies of its entry in the page's reference.
    let fix = outcome.cause.map(reference_words::fix).unwrap_or_default();
    html! {
        <div data-testid="live-result" data-outcome={code.code()} data-run={run.to_string()}
            class={classes!("live-result", format!("tone-{}", tone(code)))}
            role="status" aria-live="polite" aria-atomic="true">
            <p class="live-title">{&outcome.title}</p>
            if let Some(cause) = outcome.cause {
                { reference_words::meaning(cause) }
            }
            if !outcome.explanation.is_empty() {
                <p class="live-explanation">{rich(&outcome.explanation)}</p>
            }
            <dl class="live-facts">
                if let Some(status) = outcome.status {
                    { fact("HTTP status", html!{<code>{status}</code>}, "live-status") }
                }
                if let Some(error_type) = &outcome.error_type {
                    { fact("Error type", html!{<code>{error_type}</code>}, "live-error-type") }
                }
                if let Some(message) = &outcome.message {
                    { fact("Message", html!{{message}}, "live-message") }
                }
                if let Some(request_id) = &outcome.request_id {
                    { fact("Request id", html!{<code>{request_id}</code>}, "live-request-id") }
                }
                if let Some(ms) = result.elapsed_ms {
                    { fact("Time", html!{{elapsed_text(ms)}}, "live-elapsed") }
                }
                { fact("Key", match &result.fingerprint {
                    Some(f) => html!{<code>{f}</code>},
                    None => html!{{"not shown"}},
                }, "live-fingerprint") }
            </dl>
            if !result.probes.is_empty() {
                <ul class="live-probes" aria-label="Requests sent">
                    { for result.probes.iter().map(|p| html! {
                        <li data-testid="live-probe" data-outcome={p.code.code()}>
                            <code>{&p.label}</code>{" → "}
                            { p.status.map(|s| s.to_string()).unwrap_or_else(|| "no answer".to_string()) }
                            {" · "}{words(p.code).title}
                        </li>
                    }) }
                </ul>
            }
            if !result.notes.is_empty() {
                <ul class="live-notes">
                    { for result.notes.iter().map(|n| html! { <li data-testid="live-note">{n}</li> }) }
                </ul>
            }
            if !outcome.next_steps.is_empty() || !fix.is_empty() {
                <h3 class="live-steps-heading">{"What to do"}</h3>
                <ol class="live-steps">
                    { for outcome.next_steps.iter().map(|s| html! { <li>{rich(s)}</li> }) }
                    { for fix }
                </ol>
            }
        </div>
    }
}

fn render_pending(run: u64, step: &Probe, base: &str) -> Html {
    let pending = words(OutcomeCode::Pending);
    let doing = match step {
        Probe::Models => format!("Listing models: GET {base}/v1/models (free)…"),
        Probe::Messages { model } => {
            format!("Billing probe: POST {base}/v1/messages, 1 token on {model}…")
        }
    };
    html! {
        <div data-testid="live-result" data-outcome={OutcomeCode::Pending.code()} data-run={run.to_string()}
            class="live-result tone-pending" role="status" aria-live="polite" aria-atomic="true" aria-busy="true">
            <p class="live-title"><span class="spinner" aria-hidden="true"></span>{pending.title}</p>
            <p>{doing}</p>
            <p class="hint">{rich(pending.explanation)}</p>
        </div>
    }
}

/// A hook that `Sections` calls, not a component: as a component it would add its own copy of yew's component
/// machinery to the WebAssembly.
#[hook]
pub fn use_live_test_section(props: &LiveTestProps) -> Html {
    let live = &props.live;
    let flight_slot = use_mut_ref(|| None::<Flight>);

    // A reset (new key, base URL or scheme) or leaving the page abandons the request in flight.
    {
        let flight_slot = flight_slot.clone();
        use_effect_with(live.epoch, move |_| {
            move || {
                if let Some(flight) = flight_slot.borrow_mut().take() {
                    flight.cancel();
                }
            }
        });
    }

    let parsed = parse_base_url(&live.base_url);
    let running = live.is_running();

    let on_base_url = props.on_action.reform(|event: InputEvent| {
        let value = event
            .target_dyn_into::<HtmlInputElement>()
            .map(|input| input.value())
            .unwrap_or_default();
        Action::LiveSetBaseUrl(value)
    });
    let on_scheme = on_select(&props.on_action, |code| {
        AuthScheme::from_code(code).map(Action::LiveSetScheme)
    });
    let on_billing = props.on_action.reform(|event: Event| {
        let on = event
            .target_dyn_into::<HtmlInputElement>()
            .is_some_and(|input| input.checked());
        Action::LiveSetBilling(on)
    });
    let on_shell = on_select(&props.on_action, |code| {
        Shell::from_code(code).map(Action::LiveSetCurlShell)
    });
    let on_run = {
        let on_action = props.on_action.clone();
        let report = props.report.clone();
        let parsed = parsed.clone();
        let (scheme, billing) = (live.scheme, live.billing);
        let flight_slot = flight_slot.clone();
        Callback::from(move |_: MouseEvent| {
            let Ok(base) = parsed.clone() else {
                return;
            };
            let report = report.clone().unwrap_or_else(|| Rc::new(analyze("")));
            start(RunInput {
                run: NEXT_RUN.fetch_add(1, Ordering::Relaxed),
                base,
                scheme,
                billing,
                report,
                on_action: on_action.clone(),
                flight_slot: flight_slot.clone(),
            });
        })
    };
    let on_cancel = {
        let flight_slot = flight_slot.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(flight) = flight_slot.borrow().as_ref() {
                flight.cancel();
            }
        })
    };

    let command_base = parsed.clone().unwrap_or_default();
    let command = curl_command(live.curl_shell, &command_base, live.scheme);
    let base_hint = match &parsed {
        Err(message) => html! {
            <p id="base-url-help" class="field-error" data-testid="base-url-error">{message}</p>
        },
        Ok(base) if base.is_anthropic() => html! {
            <p id="base-url-help" class="hint">{"Anthropic's API (the default, same as leaving ANTHROPIC_BASE_URL unset)."}</p>
        },
        Ok(base) => html! {
            <p id="base-url-help" class="hint">{format!(
                "A gateway or proxy at {}. The credential goes to it as pasted (noise removed); its format is not \
                 judged, since a gateway decides what its own credentials look like.",
                base.origin()
            )}</p>
        },
    };
    let scheme_note = match live.scheme {
        AuthScheme::XApiKey => "x-api-key: what ANTHROPIC_API_KEY sends.",
        AuthScheme::Bearer => "Authorization: Bearer: what ANTHROPIC_AUTH_TOKEN sends (gateways).",
    };

    html! {
        <section class="card live" aria-labelledby="live-heading">
            { markup(LIVE_HEAD) }
            <div class="live-grid">
                <div class="field">
                    { markup(BASE_URL_LABEL) }
                    <input id="base-url" data-testid="base-url" type="url" inputmode="url"
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        value={live.base_url.clone()} oninput={on_base_url}
                        aria-invalid={parsed.is_err().to_string()} aria-describedby="base-url-help" />
                    {base_hint}
                </div>
                <div class="field">
                    { markup(SCHEME_LABEL) }
                    <select id="auth-scheme" data-testid="auth-scheme" onchange={on_scheme}
                        aria-describedby="auth-scheme-help">
                        { for AuthScheme::ALL.iter().map(|s| html! {
                            <option value={s.code()} selected={*s == live.scheme}>
                                { match s { AuthScheme::XApiKey => "x-api-key", AuthScheme::Bearer => "Authorization: Bearer" } }
                            </option>
                        }) }
                    </select>
                    <p id="auth-scheme-help" class="hint">{scheme_note}</p>
                </div>
            </div>
            <div class="live-billing">
                <input id="probe-billing" data-testid="probe-billing" type="checkbox"
                    checked={live.billing} onchange={on_billing} aria-describedby="probe-billing-help" />
                { markup(LIVE_BILLING) }
            </div>
            <div class="live-actions">
                <button type="button" data-testid="live-test" onclick={on_run}
                    disabled={running || parsed.is_err()}>{"Test the key"}</button>
                <button type="button" class="secondary" data-testid="live-cancel" onclick={on_cancel}
                    disabled={!running}>{"Cancel"}</button>
            </div>
            { match &live.status {
                LiveStatus::Idle => html! {},
                LiveStatus::Running { run, step } => render_pending(*run, step, command_base.as_str()),
                LiveStatus::Done { run, result } => render_result(*run, result),
            } }
            <div class="live-curl">
                { markup(LIVE_CURL_HEAD) }
                <div class="live-curl-bar">
                    { markup(CURL_SHELL_LABEL) }
                    <select id="curl-shell" data-testid="live-curl-shell" onchange={on_shell}>
                        { for Shell::ALL.iter().map(|s| html! {
                            <option value={s.code()} selected={*s == live.curl_shell}>{crate::core::setup::shell_name(*s)}</option>
                        }) }
                    </select>
                    { copy_button("live-curl-text", "live-curl-copy", "Copy the terminal check") }
                </div>
                <pre id="live-curl-text" data-testid="live-curl"><code>{command}</code></pre>
            </div>
        </section>
    }
}
