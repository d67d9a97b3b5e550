//! The page's state and every transition, in one reducer ([`State`] + [`Action`]).
//!
//! The pasted secrets live here and nowhere else: the key in `key_raw` (the exact text as pasted) and the machine
//! state in `machine_raw`, each with the analysis derived from it (which holds only redacted forms).
//! `Action::ClearKey` drops the key; `Action::DropSecrets` (on `pagehide`) drops both.
//!
//! After every action the state settles ([`State::settle`]): the setup follows the evidence until the person
//! chooses (`core::suggest`), the key is judged for where it goes (a gateway's own format is not Anthropic's), and
//! the machine state is read for the setup's shell and intended method.

use std::rc::Rc;

use yew::Reducible;

use crate::core::api::Probe;
use crate::core::base_url::{parse_base_url, ANTHROPIC_BASE};
use crate::core::codes::{Auth, AuthScheme, Launcher, Os, Shell, Verdict};
use crate::core::key::{analyze, Destination, KeyReport};
use crate::core::knowledge::{diagnose, Diagnosis};
use crate::core::probe::LiveResult;
use crate::core::setup::Setup;
use crate::core::sources::{self, SourcesReport};
use crate::core::steps::{Evidence, MachineFindings};
use crate::core::suggest::{suggest, Suggestion};

#[derive(Clone, Default, PartialEq)]
pub struct State {
    /// The exact pasted or typed key. Never rendered, logged or persisted.
    key_raw: String,
    /// The analysis of `key_raw` for where the key goes; `None` while the field has never been used.
    pub key: Option<Rc<KeyReport>>,
    /// Where the current `key` analysis assumed the key goes.
    key_destination: Option<Destination>,
    /// Whether the person asked to see the last 20 characters of the cleaned key.
    pub show_last20: bool,
    /// The live test call: its settings and the current run (see `LiveTest`).
    pub live: LiveTest,
    /// The error-text diagnosis and the setup, which drive the fix steps and CLAUDE.md (see `Guidance`).
    pub guidance: Guidance,
    /// The exact text pasted into "What your machine shows". Never rendered, logged or persisted.
    machine_raw: String,
    /// Its analysis for the current setup; `None` while the box is blank.
    pub machine: Option<Rc<SourcesReport>>,
    /// The setup the current `machine` analysis was made for.
    machine_setup: Option<Setup>,
}

pub enum Action {
    /// The field's text changed (a paste or typing): re-analyse the exact text.
    SetKey(String),
    /// Drop the key and everything derived from it.
    ClearKey,
    ToggleLast20,
    /// Drop every pasted secret (the key and the machine state), e.g. when the page is hidden for good.
    DropSecrets,

    // ----- The live test call -----
    /// The base-url field's text changed. Resets the result.
    LiveSetBaseUrl(String),
    /// The credential header changed. Resets the result.
    LiveSetScheme(AuthScheme),
    /// The billing probe opt-in.
    LiveSetBilling(bool),
    /// The shell the terminal check is written for (the setup's shell until changed here).
    LiveSetCurlShell(Shell),
    /// A test started (`run` is unique per click); the result shows `pending`.
    LiveStarted {
        run: u64,
    },
    /// A running test moved to its next request.
    LiveStep {
        run: u64,
        step: Probe,
    },
    /// A test ended. Ignored unless that same run is still the one running (a reset in between wins).
    LiveFinished {
        run: u64,
        result: Rc<LiveResult>,
    },

    // ----- The error text, the machine state and the setup -----
    /// The error-text box changed: diagnose the text (blank text drops the diagnosis).
    SetErrorText(String),
    /// "What your machine shows" changed: read the exact text (blank text drops it).
    SetMachineText(String),
    /// A whole setup at once (a share link, read at start-up). Normalized; it counts as the person's choice.
    SetSetup(Setup),
    /// The OS changed: the shell is kept if that OS offers it, else the OS's default.
    SetOs(Os),
    /// The shell changed (ignored if the OS does not offer it).
    SetShell(Shell),
    SetLauncher(Launcher),
    /// The person chose the intended method: suggestions stop.
    SetAuth(Auth),
    /// Undo the suggested intended method (it is not suggested again).
    UndoSuggestion,
}

// ----- The error-text diagnosis and the setup -----

/// What the guidance sections show: the diagnosis of the pasted error text and the setup.
#[derive(Clone, Debug, PartialEq)]
pub struct Guidance {
    /// The diagnosis of the error text; `None` while the box is blank. The text itself is not kept.
    pub diagnosis: Option<Rc<Diagnosis>>,
    /// The setup in effect: `chosen`, with a suggested intended method while the person has not chosen one.
    pub setup: Setup,
    /// The setup as chosen: the person's own choices, else the team's defaults, else the public defaults.
    chosen: Setup,
    /// Whether the intended method was chosen (by the person, a share link or the team's build).
    auth_chosen: bool,
    /// The intended method the evidence suggests, while applied.
    pub suggestion: Option<Suggestion>,
    /// Suggested methods the person undid: never suggested again.
    dismissed: Vec<Auth>,
}

impl Default for Guidance {
    /// The team's default setup when the build has one (README, "Team configuration"), else the public default.
    /// A share link replaces it after start-up (`Action::SetSetup`), never here: the first render stays the same
    /// whatever the URL.
    fn default() -> Self {
        let team = crate::core::team::BUILT_IN.setup;
        let setup = team.unwrap_or_default();
        Guidance {
            diagnosis: None,
            setup,
            chosen: setup,
            auth_chosen: team.is_some(),
            suggestion: None,
            dismissed: Vec::new(),
        }
    }
}

impl Guidance {
    fn apply(&mut self, action: Action) {
        match action {
            Action::SetErrorText(text) => {
                self.diagnosis = if text.trim().is_empty() {
                    None
                } else {
                    Some(Rc::new(diagnose(&text)))
                };
            }
            Action::SetSetup(setup) => {
                self.chosen = setup.normalized();
                self.auth_chosen = true;
            }
            Action::SetOs(os) => self.chosen = self.setup.with_os(os),
            Action::SetShell(shell) => self.chosen = self.setup.with_shell(shell),
            Action::SetLauncher(launcher) => {
                self.chosen = Setup {
                    launcher,
                    ..self.setup
                }
            }
            Action::SetAuth(auth) => {
                self.chosen = Setup { auth, ..self.setup };
                self.auth_chosen = true;
            }
            Action::UndoSuggestion => {
                if let Some(undone) = self.suggestion.take() {
                    self.dismissed.push(undone.auth);
                }
            }
            // Actions that are not the guidance's.
            _ => {}
        }
        // A choice made while a suggestion was applied keeps the rest of the setup as shown, but not the suggested
        // method unless the person chose it.
        if !self.auth_chosen {
            self.chosen.auth = crate::core::team::BUILT_IN.setup.unwrap_or_default().auth;
        }
    }

    /// Applies `suggestion` unless the method was chosen, the person undid it, or it is what is chosen anyway.
    fn follow(&mut self, suggestion: Option<Suggestion>) {
        self.suggestion = suggestion.filter(|s| {
            !self.auth_chosen && !self.dismissed.contains(&s.auth) && s.auth != self.chosen.auth
        });
        self.setup = match self.suggestion {
            Some(s) => Setup {
                auth: s.auth,
                ..self.chosen
            },
            None => self.chosen,
        };
    }
}

// ----- The live test call: settings, the current run and its result -----

#[derive(Clone, Debug, PartialEq)]
pub enum LiveStatus {
    /// No result: never run, or reset by a new key, base URL or scheme.
    Idle,
    Running {
        run: u64,
        step: Probe,
    },
    Done {
        run: u64,
        result: Rc<LiveResult>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct LiveTest {
    /// The base-url field's text, as typed (checked with `probe::parse_base_url`).
    pub base_url: String,
    pub scheme: AuthScheme,
    /// Also run the 1-token billing probe.
    pub billing: bool,
    /// The shell of the equivalent terminal command.
    pub curl_shell: Shell,
    pub status: LiveStatus,
    /// Bumped on every reset, so the UI aborts a request still in flight.
    pub epoch: u64,
}

impl Default for LiveTest {
    /// Anthropic's API with x-api-key, or the team's gateway when the build has one (README, "Team configuration").
    fn default() -> Self {
        let team = &crate::core::team::BUILT_IN;
        let (base_url, scheme) = match &team.gateway {
            Some(gateway) => (gateway.base_url.to_string(), gateway.scheme),
            None => (ANTHROPIC_BASE.to_string(), AuthScheme::XApiKey),
        };
        let curl_shell = team.setup.map(|setup| setup.shell).unwrap_or(Shell::Bash);
        LiveTest {
            base_url,
            scheme,
            billing: false,
            curl_shell,
            status: LiveStatus::Idle,
            epoch: 0,
        }
    }
}

impl LiveTest {
    /// Drops the result (no stale answer for a different key or URL) and abandons a test in flight.
    fn reset(&mut self) {
        self.status = LiveStatus::Idle;
        self.epoch += 1;
    }

    pub fn is_running(&self) -> bool {
        matches!(self.status, LiveStatus::Running { .. })
    }

    fn running(&self, run: u64) -> bool {
        matches!(self.status, LiveStatus::Running { run: r, .. } if r == run)
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::LiveSetBaseUrl(text) if text != self.base_url => {
                self.base_url = text;
                self.reset();
            }
            Action::LiveSetScheme(scheme) if scheme != self.scheme => {
                self.scheme = scheme;
                self.reset();
            }
            Action::LiveSetBilling(on) => self.billing = on,
            Action::LiveSetCurlShell(shell) => self.curl_shell = shell,
            Action::LiveStarted { run } => {
                self.status = LiveStatus::Running {
                    run,
                    step: Probe::Models,
                }
            }
            Action::LiveStep { run, step } if self.running(run) => {
                self.status = LiveStatus::Running { run, step };
            }
            Action::LiveFinished { run, result } if self.running(run) => {
                self.status = LiveStatus::Done { run, result };
            }
            // Unchanged settings, stale runs, and actions that are not the live test's.
            _ => {}
        }
    }
}

impl State {
    /// Reads the machine state's text for `setup` (a blank text has no reading).
    fn read_machine(&mut self, setup: Setup) {
        self.machine = (!self.machine_raw.trim().is_empty())
            .then(|| Rc::new(sources::analyze(&self.machine_raw, &setup)));
        self.machine_setup = Some(setup);
    }

    /// Whether the field holds anything at all.
    pub fn has_key(&self) -> bool {
        !self.key_raw.is_empty()
    }

    /// Where the key goes: a gateway when the setup says so or the live test's base URL is not Anthropic's.
    fn destination(&self) -> Destination {
        let gateway_url = parse_base_url(&self.live.base_url).is_ok_and(|b| !b.is_anthropic());
        if gateway_url || self.guidance.setup.auth == Auth::Gateway {
            Destination::Gateway(self.live.scheme)
        } else {
            Destination::Anthropic
        }
    }

    /// What the page found so far, for the fix steps and CLAUDE.md. Codes and redacted text only: the key check's
    /// verdict, kind and finding codes (never the key), the live test's outcome once a run is done, the cause
    /// diagnosed from the error text, and what the machine state showed.
    pub fn evidence(&self) -> Evidence {
        let key = self
            .key
            .as_deref()
            .filter(|report| report.verdict != Verdict::Empty);
        Evidence {
            key_verdict: key.map(|report| report.verdict),
            key_kind: key.map(|report| report.kind),
            findings: key
                .map(|report| report.findings.iter().map(|f| f.code).collect())
                .unwrap_or_default(),
            outcome: match &self.live.status {
                LiveStatus::Done { result, .. } => Some(result.outcome.code),
                _ => None,
            },
            cause: self.guidance.diagnosis.as_ref().map(|d| d.cause),
            machine: self.machine.as_deref().map(MachineFindings::from),
        }
    }

    /// Brings what is derived up to date after an action: the suggested method, the machine state's reading for
    /// the setup, and the key's judgement for where it goes.
    fn settle(&mut self) {
        // New machine text is read before anything is suggested from it (a suggestion from the previous paste would
        // stay applied until the next action).
        if self.machine_setup.is_none() {
            self.read_machine(self.guidance.setup);
        }
        let gateway_url = parse_base_url(&self.live.base_url).is_ok_and(|b| !b.is_anthropic());
        let shown = self
            .machine
            .as_deref()
            .and_then(SourcesReport::method_in_use);
        let suggestion = suggest(&self.evidence(), shown, gateway_url);
        self.guidance.follow(suggestion);
        let setup = self.guidance.setup;
        if self.machine_setup != Some(setup) {
            self.read_machine(setup);
        }
        let destination = self.destination();
        if self.key.is_some() && self.key_destination != Some(destination) {
            self.key = Some(Rc::new(analyze(&self.key_raw).for_destination(destination)));
        }
        self.key_destination = Some(destination);
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetKey(text) => {
                next.key = Some(Rc::new(analyze(&text).for_destination(next.destination())));
                next.key_destination = Some(next.destination());
                next.key_raw = text;
                next.show_last20 = false;
                next.live.reset();
            }
            Action::ClearKey => {
                next.key_raw = String::new();
                next.key = None;
                next.show_last20 = false;
                next.live.reset();
            }
            Action::DropSecrets => {
                next.key_raw = String::new();
                next.key = None;
                next.show_last20 = false;
                next.live.reset();
                next.machine_raw = String::new();
                next.machine = None;
            }
            Action::ToggleLast20 => next.show_last20 = !next.show_last20,
            Action::SetMachineText(text) => {
                next.machine_raw = text;
                next.machine_setup = None;
            }
            // The live test call.
            live @ (Action::LiveSetBaseUrl(_)
            | Action::LiveSetScheme(_)
            | Action::LiveSetBilling(_)
            | Action::LiveSetCurlShell(_)
            | Action::LiveStarted { .. }
            | Action::LiveStep { .. }
            | Action::LiveFinished { .. }) => next.live.apply(live),
            // The error-text diagnosis and the setup.
            Action::SetErrorText(_)
            | Action::SetLauncher(_)
            | Action::SetAuth(_)
            | Action::UndoSuggestion => next.guidance.apply(action),
            setup @ (Action::SetSetup(_) | Action::SetOs(_) | Action::SetShell(_)) => {
                next.guidance.apply(setup);
                // The live test's terminal check follows the setup's shell (it can still be changed there).
                next.live.curl_shell = next.guidance.chosen.shell;
            }
        }
        next.settle();
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::codes::OutcomeCode;

    fn apply(state: Rc<State>, action: Action) -> Rc<State> {
        state.reduce(action)
    }

    #[test]
    fn set_then_clear_drops_the_key() {
        let s = apply(
            Rc::new(State::default()),
            Action::SetKey("  sk-ant-something\n".into()),
        );
        assert!(s.has_key());
        assert!(s.key.is_some());
        let s = apply(s, Action::ClearKey);
        assert!(!s.has_key());
        assert!(s.key.is_none());
    }

    #[test]
    fn a_new_key_or_a_clear_hides_the_last_20_again() {
        let s = apply(Rc::new(State::default()), Action::SetKey("sk-ant-x".into()));
        let s = apply(s, Action::ToggleLast20);
        assert!(s.show_last20);
        let s = apply(s, Action::SetKey("sk-ant-y".into()));
        assert!(!s.show_last20, "a new key hides the last 20 again");
        let s = apply(apply(s, Action::ToggleLast20), Action::ClearKey);
        assert!(!s.show_last20);
        assert!(s.key.is_none());
    }

    fn finished(code: OutcomeCode) -> Rc<LiveResult> {
        Rc::new(LiveResult {
            outcome: crate::core::outcome::Outcome::new(code),
            notes: Vec::new(),
            probes: Vec::new(),
            elapsed_ms: Some(5),
            fingerprint: None,
        })
    }

    #[test]
    fn a_live_result_is_dropped_by_a_new_key_base_url_or_scheme() {
        let resets: Vec<fn() -> Action> = vec![
            || Action::SetKey("x".into()),
            || Action::ClearKey,
            || Action::LiveSetBaseUrl("http://127.0.0.1:4000".into()),
            || Action::LiveSetScheme(AuthScheme::Bearer),
        ];
        for reset in resets {
            let s = apply(Rc::new(State::default()), Action::LiveStarted { run: 1 });
            let s = apply(
                s,
                Action::LiveFinished {
                    run: 1,
                    result: finished(OutcomeCode::Valid),
                },
            );
            assert!(matches!(s.live.status, LiveStatus::Done { run: 1, .. }));
            let epoch = s.live.epoch;
            let s = apply(s, reset());
            assert_eq!(s.live.status, LiveStatus::Idle);
            assert_eq!(s.live.epoch, epoch + 1);
        }
    }

    #[test]
    fn a_stale_run_cannot_overwrite_the_current_one() {
        let s = apply(Rc::new(State::default()), Action::LiveStarted { run: 1 });
        let s = apply(s, Action::SetKey("y".into()));
        let s = apply(
            s,
            Action::LiveFinished {
                run: 1,
                result: finished(OutcomeCode::Valid),
            },
        );
        assert_eq!(s.live.status, LiveStatus::Idle);
        let s = apply(s, Action::LiveStarted { run: 2 });
        let s = apply(
            s,
            Action::LiveFinished {
                run: 1,
                result: finished(OutcomeCode::Valid),
            },
        );
        assert!(s.live.is_running());
        let s = apply(
            s,
            Action::LiveFinished {
                run: 2,
                result: finished(OutcomeCode::Cancelled),
            },
        );
        assert!(matches!(s.live.status, LiveStatus::Done { run: 2, .. }));
    }

    #[test]
    fn the_live_test_defaults_to_anthropic_with_x_api_key_and_no_billing() {
        let live = LiveTest::default();
        if crate::core::team::BUILT_IN.gateway.is_none() {
            assert_eq!(live.base_url, ANTHROPIC_BASE);
            assert_eq!(live.scheme, AuthScheme::XApiKey);
        }
        assert!(!live.billing);
        assert_eq!(live.status, LiveStatus::Idle);
    }

    // ----- The error-text diagnosis and the setup -----

    #[test]
    fn blank_error_text_has_no_diagnosis() {
        let s = apply(
            Rc::new(State::default()),
            Action::SetErrorText("Invalid API key · Fix external API key".into()),
        );
        assert_eq!(
            s.guidance.diagnosis.as_ref().map(|d| d.cause),
            Some(crate::core::codes::CauseCode::InvalidApiKey)
        );
        let s = apply(s, Action::SetErrorText(" \n ".into()));
        assert!(s.guidance.diagnosis.is_none());
    }

    #[test]
    fn the_setup_changes_stay_normalized_and_drive_the_curl_shell() {
        let s = apply(
            Rc::new(State::default()),
            Action::SetSetup(Setup::default()),
        );
        let s = apply(s, Action::SetShell(Shell::Fish));
        assert_eq!(s.guidance.setup.shell, Shell::Fish);
        assert_eq!(s.live.curl_shell, Shell::Fish);
        let s = apply(s, Action::SetOs(Os::Linux));
        assert_eq!(s.guidance.setup.shell, Shell::Fish);
        let s = apply(s, Action::SetOs(Os::Windows));
        assert_eq!(s.guidance.setup.shell, Shell::Powershell);
        assert_eq!(s.live.curl_shell, Shell::Powershell);
        let s = apply(s, Action::SetShell(Shell::Zsh));
        assert_eq!(s.guidance.setup.shell, Shell::Powershell);
        let s = apply(s, Action::SetLauncher(Launcher::Docker));
        let s = apply(s, Action::SetAuth(Auth::Gateway));
        assert_eq!(
            (s.guidance.setup.launcher, s.guidance.setup.auth),
            (Launcher::Docker, Auth::Gateway)
        );
        let odd = Setup {
            os: Os::Linux,
            shell: Shell::Cmd,
            ..Setup::default()
        };
        let s = apply(s, Action::SetSetup(odd));
        assert_eq!(s.guidance.setup.shell, Shell::Bash);
    }

    #[test]
    fn evidence_carries_codes_from_the_key_the_live_test_and_the_error_text() {
        let s = Rc::new(State::default());
        assert_eq!(s.evidence(), Evidence::default());
        let s = apply(s, Action::SetKey("   ".into()));
        assert_eq!(s.evidence().key_verdict, None);
        let s = apply(s, Action::SetKey("sk-ant-your-key-here".into()));
        assert_eq!(s.evidence().key_verdict, Some(Verdict::Invalid));
        let s = apply(s, Action::SetErrorText("Credit balance is too low".into()));
        assert_eq!(
            s.evidence().cause,
            Some(crate::core::codes::CauseCode::LowCredit)
        );
        let s = apply(s, Action::LiveStarted { run: 7 });
        assert_eq!(s.evidence().outcome, None);
        let s = apply(
            s,
            Action::LiveFinished {
                run: 7,
                result: finished(OutcomeCode::InvalidKey),
            },
        );
        assert_eq!(s.evidence().outcome, Some(OutcomeCode::InvalidKey));
    }

    // ----- Suggestions, where the key goes, the machine state -----

    fn oauth_token() -> String {
        format!("sk-ant-oat01-{}AA", "Qx7".repeat(31))
    }

    #[test]
    fn a_pasted_oauth_token_suggests_oauth_token_until_undone() {
        if crate::core::team::BUILT_IN.setup.is_some() {
            return; // A team's default method always wins: nothing is suggested (the browser tests cover it).
        }
        let s = apply(Rc::new(State::default()), Action::SetKey(oauth_token()));
        let suggested = s.guidance.suggestion.expect("a suggestion");
        assert_eq!(suggested.auth, Auth::OauthToken);
        assert_eq!(suggested.because, crate::core::suggest::Because::KeyPasted);
        assert_eq!(s.guidance.setup.auth, Auth::OauthToken);
        // The rest of the setup stays the person's; a change of shell keeps the suggestion.
        let s = apply(s, Action::SetShell(Shell::Bash));
        assert_eq!(
            (s.guidance.setup.shell, s.guidance.setup.auth),
            (Shell::Bash, Auth::OauthToken)
        );
        let s = apply(s, Action::UndoSuggestion);
        assert_eq!(s.guidance.suggestion, None);
        assert_eq!(s.guidance.setup.auth, Auth::Subscription);
        let s = apply(s, Action::SetKey(oauth_token() + " "));
        assert_eq!(
            s.guidance.setup.auth,
            Auth::Subscription,
            "an undone suggestion does not come back"
        );
    }

    #[test]
    fn a_new_paste_of_the_machine_state_is_followed_at_once() {
        if crate::core::team::BUILT_IN.setup.is_some() {
            return; // A team's default method always wins: nothing is suggested.
        }
        let s = apply(
            Rc::new(State::default()),
            Action::SetMachineText("CLAUDE_CODE_USE_BEDROCK=1".into()),
        );
        assert_eq!(s.guidance.setup.auth, Auth::Bedrock);
        // The next paste shows a login in use: the Bedrock suggestion goes with the paste it came from.
        let s = apply(
            s,
            Action::SetMachineText("Login method: Claude Max account".into()),
        );
        assert_eq!(s.guidance.suggestion, None);
        assert_eq!(s.guidance.setup.auth, Auth::Subscription);
        assert_eq!(
            s.machine.as_ref().map(|m| m.winner),
            Some(crate::core::codes::SourceCode::Login)
        );
    }

    #[test]
    fn the_person_s_own_choice_wins_over_any_suggestion() {
        let s = apply(Rc::new(State::default()), Action::SetAuth(Auth::ApiKey));
        let s = apply(s, Action::SetKey(oauth_token()));
        assert_eq!(s.guidance.suggestion, None);
        assert_eq!(s.guidance.setup.auth, Auth::ApiKey);
        let s = apply(
            s,
            Action::SetErrorText("ChainedTokenCredential authentication failed.".into()),
        );
        assert_eq!(s.guidance.setup.auth, Auth::ApiKey);
    }

    #[test]
    fn a_gateway_credential_is_unjudged_once_the_key_goes_to_a_gateway() {
        let token = "gw-0123456789abcdef0123";
        let s = apply(
            Rc::new(State::default()),
            Action::LiveSetBaseUrl(ANTHROPIC_BASE.into()),
        );
        let s = apply(s, Action::SetKey(token.into()));
        if crate::core::team::BUILT_IN.gateway.is_none()
            && crate::core::team::BUILT_IN.setup.is_none()
        {
            assert_ne!(s.key.as_ref().unwrap().verdict, Verdict::Unjudged);
        }
        let s = apply(
            s,
            Action::LiveSetBaseUrl("http://127.0.0.1:4000/anthropic".into()),
        );
        assert_eq!(s.key.as_ref().unwrap().verdict, Verdict::Unjudged);
        if crate::core::team::BUILT_IN.setup.is_none() {
            assert_eq!(
                s.guidance.setup.auth,
                Auth::Gateway,
                "the base URL suggests a gateway"
            );
        }
    }

    #[test]
    fn the_machine_state_is_read_for_the_setup_and_dropped_with_the_secrets() {
        let pasted = "~/.zshrc:12:export ANTHROPIC_API_KEY=sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n\
                      Login method: Claude Max account";
        let s = apply(
            Rc::new(State::default()),
            Action::SetAuth(Auth::Subscription),
        );
        let s = apply(s, Action::SetMachineText(pasted.into()));
        let machine = s.machine.clone().expect("read");
        assert!(!machine.conflicts.is_empty(), "{machine:?}");
        let findings = s.evidence().machine.expect("in the evidence");
        assert!(
            findings
                .fixes
                .iter()
                .any(|f| f.title.contains("line 12 of ~/.zshrc")),
            "{findings:?}"
        );
        let bash = apply(s.clone(), Action::SetShell(Shell::Bash));
        assert!(
            !Rc::ptr_eq(bash.machine.as_ref().unwrap(), &machine),
            "read again for the new shell"
        );
        let s = apply(s, Action::DropSecrets);
        assert!(s.machine.is_none() && s.key.is_none());
        assert!(s.evidence().machine.is_none());
    }
}
