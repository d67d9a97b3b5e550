//! Step 2: the live test call. Asks the API (or the person's gateway) itself, from this tab, whether the key works,
//! and says what the answer means. The request is decided by `core::probe::plan`, sent by `net::send`, read by
//! `core::outcome::classify`; this file only wires them to the page and shows the result.
//!
//! What is shown about the credential is its redacted fingerprint (prefix + last 4), never the key.

use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::core::codes::{AuthScheme, OutcomeCode, Shell};
use crate::core::csp::connect_allowed;
use crate::core::key::{analyze, KeyReport};
use crate::core::outcome::{blocked, classify, outcome_text, Answer, Outcome};
use crate::core::probe::{
    curl_command, parse_base_url, plan, smallest_model, BaseUrl, ProbeKind, ANTHROPIC_BASE,
};
use crate::net::{self, Flight};
use crate::ui::copy_button::CopyButton;
use crate::ui::setup_form::on_select;
use crate::ui::state::{Action, LiveResult, LiveStatus, LiveStep, LiveTest, ProbeLine};
use crate::ui::text::rich;

#[derive(Properties, PartialEq)]
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

const NOTE_BILLING_SKIPPED: &str =
    "The billing probe was not run: it only makes sense once the models check \
                                    succeeds, so fix what the models check found first.";

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

/// `blocked-by-policy` when the page's CSP would stop the browser from reaching `base`.
fn csp_refusal(base: &BaseUrl) -> Option<Outcome> {
    let (policy, page_origin) = page_policy()?;
    if connect_allowed(&policy, &page_origin, base.origin()) {
        return None;
    }
    Some(blocked(format!(
        "Nothing was sent: this page's Content-Security-Policy does not list {} in connect-src, so the browser \
         would refuse the connection. This copy of the page may only call {ANTHROPIC_BASE}, gateways on this \
         computer (localhost, 127.0.0.1) and the origins its builders added. A team adds its gateway origin to the \
         build config: see the README's Team configuration section. Meanwhile, the terminal check below works \
         with any base URL.",
        base.origin()
    )))
}

fn probe_label(kind: &ProbeKind) -> String {
    match kind {
        ProbeKind::Models => "GET /v1/models".to_string(),
        ProbeKind::Messages { model } => format!("POST /v1/messages ({model}, max_tokens 1)"),
    }
}

fn status_of(answer: &Answer) -> Option<u16> {
    match answer {
        Answer::Http(http) => Some(http.status),
        _ => None,
    }
}

fn push_notes(notes: &mut Vec<String>, more: Vec<String>) {
    for note in more {
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
}

/// Everything a run needs, captured at the click.
struct RunInput {
    run: u64,
    base: BaseUrl,
    scheme: AuthScheme,
    billing: bool,
    report: Rc<KeyReport>,
    on_action: Callback<Action>,
    flight_slot: Rc<std::cell::RefCell<Option<Flight>>>,
}

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
    let fingerprint = report.redacted();
    on_action.emit(Action::LiveStarted { run });
    let refuse = |outcome: Outcome| {
        on_action.emit(Action::LiveFinished {
            run,
            result: Rc::new(LiveResult {
                outcome,
                notes: Vec::new(),
                probes: Vec::new(),
                elapsed_ms: None,
                fingerprint: fingerprint.clone(),
            }),
        });
    };
    if let Some(outcome) = csp_refusal(&base) {
        return refuse(outcome);
    }
    let models_plan = match plan(&ProbeKind::Models, &base, scheme, &report) {
        Ok(plan) => plan,
        Err(outcome) => return refuse(outcome),
    };

    let flight = Flight::new();
    if let Some(previous) = flight_slot.replace(Some(flight.clone())) {
        previous.cancel();
    }
    wasm_bindgen_futures::spawn_local(async move {
        let via_gateway = !base.is_anthropic();
        let started = net::now_ms();
        let mut notes = Vec::new();
        push_notes(&mut notes, models_plan.notes);
        let answer = net::send(&models_plan.request, &flight).await;
        drop(models_plan.request);
        let mut outcome = classify(&ProbeKind::Models, via_gateway, &answer);
        let mut probes = vec![ProbeLine {
            label: probe_label(&ProbeKind::Models),
            status: status_of(&answer),
            code: outcome.code,
        }];
        if billing && outcome.code == OutcomeCode::Valid {
            let model = match &answer {
                Answer::Http(http) => smallest_model(&http.body),
                _ => None,
            }
            .unwrap_or_default();
            let kind = ProbeKind::Messages {
                model: model.clone(),
            };
            match plan(&kind, &base, scheme, &report) {
                Err(refused) => outcome = refused,
                Ok(messages_plan) => {
                    on_action.emit(Action::LiveStep {
                        run,
                        step: LiveStep::Messages { model },
                    });
                    push_notes(&mut notes, messages_plan.notes);
                    let answer = net::send(&messages_plan.request, &flight).await;
                    drop(messages_plan.request);
                    outcome = classify(&kind, via_gateway, &answer);
                    probes.push(ProbeLine {
                        label: probe_label(&kind),
                        status: status_of(&answer),
                        code: outcome.code,
                    });
                }
            }
        } else if billing {
            notes.push(NOTE_BILLING_SKIPPED.to_string());
        }
        drop(report);
        let elapsed = (net::now_ms() - started).max(0.0).round() as u32;
        {
            let mut slot = flight_slot.borrow_mut();
            if slot.as_ref() == Some(&flight) {
                *slot = None;
            }
        }
        on_action.emit(Action::LiveFinished {
            run,
            result: Rc::new(LiveResult {
                outcome,
                notes,
                probes,
                elapsed_ms: Some(elapsed),
                fingerprint,
            }),
        });
    });
}

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
    html! {
        <div data-testid="live-result" data-outcome={code.code()} data-run={run.to_string()}
            class={classes!("live-result", format!("tone-{}", tone(code)))}
            role="status" aria-live="polite" aria-atomic="true">
            <p class="live-title">{&outcome.title}</p>
            <p class="live-explanation">{rich(&outcome.explanation)}</p>
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
                            {" · "}{outcome_text(p.code).title}
                        </li>
                    }) }
                </ul>
            }
            if !result.notes.is_empty() {
                <ul class="live-notes">
                    { for result.notes.iter().map(|n| html! { <li data-testid="live-note">{n}</li> }) }
                </ul>
            }
            if !outcome.next_steps.is_empty() {
                <h3 class="live-steps-heading">{"What to do"}</h3>
                <ol class="live-steps">
                    { for outcome.next_steps.iter().map(|s| html! { <li>{rich(s)}</li> }) }
                </ol>
            }
        </div>
    }
}

fn render_pending(run: u64, step: &LiveStep, base: &str) -> Html {
    let pending = outcome_text(OutcomeCode::Pending);
    let doing = match step {
        LiveStep::Models => format!("Listing models: GET {base}/v1/models (free)…"),
        LiveStep::Messages { model } => {
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

#[function_component(LiveTestSection)]
pub fn live_test_section(props: &LiveTestProps) -> Html {
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
            <h2 id="live-heading"><span class="step-no">{"2"}</span>{"Test the key live"}</h2>
            <p class="hint">{"Sends one request from this tab to the API (or your gateway) and explains the answer. \
                The key goes only there, only when you press the button, and only in a header: never in the address. \
                Free by default: it lists the models."}</p>
            <div class="live-grid">
                <div class="field">
                    <label for="base-url">{"Base URL ("}<code>{"ANTHROPIC_BASE_URL"}</code>{")"}</label>
                    <input id="base-url" data-testid="base-url" type="url" inputmode="url"
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        value={live.base_url.clone()} oninput={on_base_url}
                        aria-invalid={parsed.is_err().to_string()} aria-describedby="base-url-help" />
                    {base_hint}
                </div>
                <div class="field">
                    <label for="auth-scheme">{"Send the key as"}</label>
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
                <label for="probe-billing">{"Also run the billing probe "}<strong>{"(costs a few tokens)"}</strong></label>
                <p id="probe-billing-help" class="hint">{"After the models list succeeds, sends POST /v1/messages with \
                    max_tokens 1 to the cheapest model that list names. Only this shows low credit, a disabled \
                    organization or a spend limit. It is billed like any request: a fraction of a cent."}</p>
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
                <h3>{"The same check from a terminal"}</h3>
                <p class="hint">{"Run it where Claude Code runs. It reads the key from the environment variable, so \
                    it shows what Claude Code would send; the key never appears in the command. An answer with a \
                    \"data\" list means the key works; an error body names the problem."}</p>
                <div class="live-curl-bar">
                    <label for="curl-shell">{"Shell"}</label>
                    <select id="curl-shell" data-testid="live-curl-shell" onchange={on_shell}>
                        { for Shell::ALL.iter().map(|s| html! {
                            <option value={s.code()} selected={*s == live.curl_shell}>{crate::core::setup::shell_name(*s)}</option>
                        }) }
                    </select>
                    <CopyButton text={command.clone()} testid="live-curl-copy" what="Copy the terminal check" />
                </div>
                <pre data-testid="live-curl"><code>{command}</code></pre>
            </div>
        </section>
    }
}
