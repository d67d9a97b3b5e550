//! Native tests of the guidance core: error-text diagnosis, per-shell commands, fix steps, CLAUDE.md, share link.

use std::time::{Duration, Instant};

use claude_auth_doctor::core::base_url::parse_base_url;
use claude_auth_doctor::core::claude_md::{render, TeamNotes};
use claude_auth_doctor::core::codes::{
    Auth, AuthScheme, CauseCode, FindingCode, Kind, Launcher, Os, OutcomeCode, Shell, Verdict,
};
use claude_auth_doctor::core::commands as cmds;
use claude_auth_doctor::core::key::analyze;
use claude_auth_doctor::core::knowledge::{cause as cause_entry, diagnose, CAUSES, MESSAGES};
use claude_auth_doctor::core::probe::curl_command;
use claude_auth_doctor::core::setup::{default_shell, shells_for, Setup};
use claude_auth_doctor::core::share::{from_query, to_query};
use claude_auth_doctor::core::steps::{plan, Evidence};
use proptest::prelude::*;

use CauseCode as C;

/// Realistic texts for every cause: as printed, decorated, JSON-embedded and JSON-escaped.
const SAMPLES: &[(CauseCode, &str)] = &[
    (C::InvalidApiKey, "Invalid API key · Fix external API key"),
    (C::InvalidApiKey, "  ⎿  API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}"),
    (C::InvalidApiKey, "Failed to authenticate. API Error: 401 {\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"authentication_error\\\",\\\"message\\\":\\\"invalid x-api-key\\\"}}"),
    (C::InvalidApiKey, "Please run /login · API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"),
    (C::NotLoggedIn, "Not logged in · Please run /login"),
    (C::NotLoggedIn, "⏺ Invalid API key · Please run /login"),
    (C::NotLoggedIn, "  ⎿  Missing API key · Run /login"),
    (C::NotLoggedIn, "Please run /login · API Error: 401"),
    (C::OauthExpired, "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"OAuth token has expired. Please obtain a new token or refresh your existing token.\"},\"request_id\":\"req_011CT5x3gZ9aBcDeFgH\"} · Please run /login"),
    (C::OauthExpired, "OAuth token has expired · Please run /login"),
    (C::OauthExpired, "Login expired · Please run /login"),
    (C::OauthExpired, "Failed to authenticate: OAuth session expired and could not be refreshed"),
    (C::OauthRevoked, "OAuth token revoked · Please run /login"),
    (C::OauthRevoked, "Please run /login · API Error: 403 {\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"OAuth token has been revoked. Please obtain a new token.\"}}"),
    (C::OauthRevoked, "Your account does not have access to Claude. Please login again or contact your administrator."),
    (C::OauthNotSupported, "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"OAuth authentication is currently not supported.\"}}"),
    (C::OauthNotSupported, "Please run /login · API Error: 401 OAuth authentication is currently not supported."),
    (C::OauthNotSupported, "API Error: 400 {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"This credential is only authorized for use with Claude Code and cannot be used for other API requests.\"}}"),
    (C::InvalidBearer, "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"Invalid bearer token\"}} · Please run /login"),
    (C::InvalidBearer, "Please run /login · API Error: 401 Invalid bearer token"),
    (C::InvalidCredentials, "Please run /login · API Error: 401 Invalid authentication credentials"),
    (C::InvalidCredentials, "API Error: 403 {\"error\":{\"type\":\"forbidden\",\"message\":\"Request not allowed\"}}"),
    (C::InvalidCredentials, "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"Something new\"}}"),
    (C::OrgDisabled, "Your ANTHROPIC_API_KEY belongs to a disabled organization · Unset the environment variable to use your subscription instead"),
    (C::OrgDisabled, "API Error: 400 {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"This organization has been disabled.\"}}"),
    (C::LowCredit, "Credit balance is too low"),
    (C::LowCredit, "API Error: 400 {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.\"},\"request_id\":\"req_011CRkAbCdEfGh\"}"),
    (C::LowCredit, "  ⎿  Your credit balance is\n     too low to access the Anthropic API."),
    (C::SpendLimit, "API Error: 400 {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"You have reached your specified API usage limits. You will regain access on 2026-09-01 at 00:00 UTC.\"}}"),
    (C::SpendLimit, "API Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"You have reached your API usage limits: your organization has crossed its monthly API usage threshold.\",\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}"),
    (C::RateLimit, "API Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"This request would exceed the rate limit for your organization of 50,000 input tokens per minute.\"}}"),
    (C::RateLimit, "API Error: Request rejected (429) · Number of requests has exceeded your per-minute rate limit. Please try again later."),
    (C::RateLimit, "API Error: Server is temporarily limiting requests (not your usage limit) · Rate limited"),
    (C::RateLimit, "API Error: 429"),
    (C::RateLimit, "API Error: 529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
    (C::ApiKeyAuthDisabled, "Your organization has disabled API key authentication · Unset ANTHROPIC_API_KEY and run /login"),
    (C::ApiKeyAuthDisabled, "Your organization has disabled API key authentication · Unset the apiKeyHelper setting and run /login"),
    (C::SubscriptionAccessDisabled, "Your organization has disabled Claude subscription access for Claude Code · Use an Anthropic API key instead, or ask your admin to enable access"),
    (C::SubscriptionAccessDisabled, "API Error: 403 {\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"OAuth authentication is currently not allowed for this organization.\"}}"),
    (C::SubscriptionAccessDisabled, "Your account does not have access to Claude Code. Please run /login."),
    (C::ApiKeyHelperFailing, "Your apiKeyHelper script is failing · This usually means you need to re-authenticate with your provider · Run /status to see the script's error output"),
    (C::ApiKeyHelperFailing, "Error getting API key from apiKeyHelper (in settings or ~/.claude.json): Command failed: vault read secret/anthropic"),
    (C::NoCredential, "Could not resolve authentication method. Expected one of apiKey, authToken, credentials, config, or profile to be set. Or for one of the \"X-Api-Key\" or \"Authorization\" headers to be explicitly omitted"),
    (C::NoCredential, "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"x-api-key header is required\"}}"),
    (C::NoCredential, "Expected either apiKey or authToken to be set. Or for one of the \"X-Api-Key\" or \"Authorization\" headers to be explicitly omitted"),
    (C::BadHeaderChars, "Invalid API key · Fix external API key · Invalid X-Api-Key header value from ANTHROPIC_API_KEY: it contains a line break at character 41 (120 characters on 2 lines)."),
    (C::BadHeaderChars, "Invalid auth token · Fix external auth token"),
    (C::BadHeaderChars, "TypeError [ERR_INVALID_CHAR]: Invalid character in header content [\"x-api-key\"]"),
    (C::CorsHeaderMissing, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"CORS requests must set 'anthropic-dangerous-direct-browser-access' header\"}}"),
    (C::CorsHeaderMissing, "401 CORS requests are not allowed for this Organization because of its settings"),
    (C::ManagedLoginRequired, "This machine's managed settings require a first-party login"),
    (C::ManagedLoginRequired, "  ⎿  This machine\u{2019}s managed settings require a first-party login · Run /login"),
    (C::Connection, "Unable to connect to API (ECONNREFUSED)"),
    (C::Connection, "Can\u{2019}t reach the API server — check your internet or DNS (ENOTFOUND)"),
    (C::Connection, "Couldn't connect through your proxy (ERR_PROXY_TUNNEL)"),
    (C::Connection, "Unable to connect to Anthropic services\nFailed to connect to api.anthropic.com: ETIMEDOUT"),
    (C::TlsInspection, "Unable to connect to API: SSL certificate verification failed. Check your proxy or corporate SSL certificates"),
    (C::TlsInspection, "SSL certificate error (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). If you are behind a corporate proxy, set NODE_EXTRA_CA_CERTS. Run `claude doctor` for details."),
    (C::TlsInspection, "Error: self-signed certificate in certificate chain"),
    (C::AwsCredentials, "Could not load credentials from any providers"),
    (C::AwsCredentials, "API Error: 403 AWS authentication failed: AccessDeniedException"),
    (C::AwsCredentials, "AWS credentials expired or invalid · Run aws sso login"),
    (C::GcpCredentials, "Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information."),
    (C::GcpCredentials, "invalid_grant: reauth related error (invalid_rapt)"),
    (C::AzureCredentials, "ChainedTokenCredential authentication failed.\nCredentialUnavailableError: EnvironmentCredential is unavailable."),
    (C::AzureCredentials, "DefaultAzureCredential failed to retrieve a token from the included credentials."),
    (C::AzureCredentials, "API Error: 401 {\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.\"}}"),
    (C::AuthConflict, "Auth conflict: Using ANTHROPIC_API_KEY instead of Anthropic Console key. Either unset ANTHROPIC_API_KEY, or run `claude /logout`."),
    (C::AuthConflict, "Detected a custom API key in your environment\nANTHROPIC_API_KEY: sk-ant-...\nDo you want to use this API key?\n  1. Yes\n\u{276f} 2. No (recommended)"),
    (C::AuthConflict, "⚠ Both ANTHROPIC_AUTH_TOKEN and /login managed key set · auth may not work as expected"),
    (C::AuthConflict, "⚠ Both claude.ai and ANTHROPIC_API_KEY set · auth may not work as expected"),
    (C::InvalidApiKey, "⚠ Auth conflict: Both a token (claude.ai) and an API key (ANTHROPIC_API_KEY) are set.\n  ⎿  Invalid API key · Fix external API key"),
    (C::ProfileExpired, "Anthropic profile login expired · Re-authenticate your Anthropic profile"),
    (C::ProfileExpired, "Anthropic profile login expired · Run /login to use your claude.ai account instead, or re-authenticate the profile"),
    (C::UsageLimit, "You've hit your session limit · resets 3:45pm"),
    (C::UsageLimit, "You\u{2019}ve hit your weekly limit · resets Mon 9:00am"),
    (C::UsageLimit, "You've hit your Opus limit · resets Dec 4, 5pm"),
    (C::UsageLimit, "Claude usage limit reached. Your limit will reset at 5pm (Europe/Berlin)."),
    (C::ExtraUsageExhausted, "API Error: 400 {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"You're out of extra usage. Add more at claude.ai/settings/usage and keep going.\"}}"),
    (C::ExtraUsageExhausted, "You\u{2019}re out of extra usage. Add more at claude.ai/settings/usage and keep going."),
    (C::PlanRequired, "Claude Max or Pro is required to connect to Claude Code"),
    (C::PlanRequired, "Claude Opus is not available with the Claude Pro plan. Switch to Sonnet with /model."),
    (C::OrgAccessDenied, "Can't access this organization — You don't have access to this organization or it doesn't meet the requirements for Claude Code."),
    (C::OrgAccessDenied, "Can\u{2019}t access this organization"),
    (C::ModelRestricted, "Model \"claude-opus-5\" is restricted by your organization's settings."),
    (C::ModelRestricted, "There's an issue with the selected model (claude-sonnet-4-5-20250929). It may not exist or you may not have access to it. Run /model to pick a different model."),
    (C::RemoteControlAuth, "Remote Control is only available when using Claude via api.anthropic.com. Unset ANTHROPIC_BASE_URL or use a claude.ai account."),
    (C::RemoteControlAuth, "Remote Control stopped — the app running this session is signed out of Claude"),
    (C::ApiKeyHelperFailing, "apiKeyHelper returned output that cannot be used as an API key"),
    (C::SpendLimit, "API Error: spend limit reached"),
    (C::SpendLimit, "spend limit unavailable"),
    (C::SubscriptionAccessDisabled, "Claude Code can't use your Claude subscription, usually because a payment is past due · Pay or renew at https://claude.ai/settings/billing"),
    (C::GatewayAuth, "Please run /login · API Error: 401 {\"detail\":\"Invalid API key\"}"),
    (C::GatewayAuth, "Failed to authenticate. API Error: 401 {\"detail\":\"Invalid API key\"}"),
    (C::GatewayAuth, "Please run /login · API Error: 401 login fail: Please carry the API secret key in the 'Authorization' field"),
    (C::GatewayAuth, "API Error: 401 {\"error\":{\"message\":\"Authentication Error, Invalid proxy server token passed. valid_token=None.\",\"type\":\"auth_error\",\"param\":\"None\",\"code\":\"401\"}}"),
    (C::GatewayAuth, "API Error: 401 {\"detail\":\"Unauthorized\"}"),
    (C::GatewayAuth, "Please run /login · API Error: 403 <!DOCTYPE html><html><head><title>Access Denied</title></head><body>Blocked by policy</body></html>"),
    (C::GatewayAuth, "Failed to authenticate. API Error: 401 Unauthorized"),
    (C::Unknown, "Failed to authenticate. API Error: 401"),
    (C::Unknown, "Something went wrong, try again later"),
    (C::Unknown, ""),
    (C::Unknown, " \n\t "),
];

#[test]
fn every_sample_is_diagnosed() {
    for (cause, text) in SAMPLES {
        let d = diagnose(text);
        assert_eq!(d.cause, *cause, "text: {text}");
        assert_eq!(d.entry.code, *cause);
    }
}

#[test]
fn every_cause_has_two_samples_and_a_pattern_or_rule() {
    for &cause in CauseCode::ALL {
        let n = SAMPLES.iter().filter(|(c, _)| *c == cause).count();
        assert!(n >= 2, "{cause} has {n} samples");
        assert!(
            cause == C::Unknown || MESSAGES.iter().any(|m| m.cause == cause),
            "{cause} has no pattern"
        );
        assert!(CAUSES.iter().any(|e| e.code == cause));
    }
}

#[test]
fn unknown_entry_points_to_the_live_test() {
    let d = diagnose("completely unrelated text");
    assert_eq!(d.cause, C::Unknown);
    assert!(d.entry.fix.steps().any(|f| f.contains("live test")));
    assert_eq!(d.matched(), None);
}

#[test]
fn details_are_extracted() {
    let d = diagnose(SAMPLES[1].1);
    assert_eq!(d.status, Some(401));
    assert_eq!(
        d.request_id.as_deref(),
        Some("req_011CSHoEeqs5C35K2UUqR7Fy")
    );
    assert_eq!(d.api_message.as_deref(), Some("invalid x-api-key"));
    let d = diagnose(SAMPLES[2].1);
    assert_eq!(d.api_message.as_deref(), Some("invalid x-api-key"));
    let d = diagnose("Please run /login · API Error: 401 {\"error\":{\"message\":\"Authentication Error, bad key\",\"type\":\"auth_error\"}}");
    assert_eq!((d.cause, d.status), (C::GatewayAuth, Some(401)));
    assert_eq!(
        d.api_message.as_deref(),
        Some("Authentication Error, bad key")
    );
}

#[test]
fn case_and_decorations_do_not_matter() {
    for (cause, text) in SAMPLES {
        let shouted = format!("  ⎿  {}\n", text.to_uppercase());
        assert_eq!(diagnose(&shouted).cause, *cause, "text: {shouted}");
    }
}

#[test]
fn pretty_printed_json_body() {
    let text = "API Error: 401\n{\n  \"type\": \"error\",\n  \"error\": {\n    \"type\": \"authentication_error\",\n    \"message\": \"invalid x-api-key\"\n  },\n  \"request_id\": \"req_0123456789abcdef\"\n}";
    let d = diagnose(text);
    assert_eq!(d.cause, C::InvalidApiKey);
    assert_eq!(d.request_id.as_deref(), Some("req_0123456789abcdef"));
}

#[test]
fn one_megabyte_paste_is_linear_and_safe() {
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str("⎿ req_ \"message\" api error: status {\\\"x\\\": [1, 2]} · ");
    }
    text.push_str("Credit balance is too low");
    let start = Instant::now();
    let d = diagnose(&text);
    assert_eq!(d.cause, C::LowCredit);
    let mut junk = "\\".repeat(500_000);
    junk.push_str(&"{[\"".repeat(170_000));
    assert_eq!(diagnose(&junk).cause, C::Unknown);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------------------------

#[test]
fn shell_commands_use_their_shells_idioms() {
    for &shell in Shell::ALL {
        let c = cmds::commands(shell);
        assert_eq!(c.shell, shell);
        let set = cmds::set_placeholder(shell, "ANTHROPIC_API_KEY");
        match shell {
            Shell::Bash | Shell::Zsh => {
                assert!(set.starts_with("export "));
                assert!(cmds::unset_all(shell, &["A"]).starts_with("unset "));
            }
            Shell::Fish => {
                assert!(set.starts_with("set -gx "));
                assert_eq!(cmds::unset_all(shell, &["A"]), "set -e A");
                assert_eq!(
                    cmds::unset_universal(shell, &["A"]).as_deref(),
                    Some("set -Ue A")
                );
            }
            Shell::Powershell => {
                assert!(set.starts_with("$env:"));
                assert!(cmds::unset_all(shell, &["A"]).starts_with("Remove-Item Env:A"));
                assert!(cmds::curl_key_check(shell).starts_with("curl.exe "));
                assert!(cmds::persist_from_session(shell, Os::Windows, "A").contains("'User'"));
            }
            Shell::Cmd => {
                assert!(set.starts_with("set \""));
                assert!(cmds::persist_from_session(shell, Os::Windows, "A").starts_with("setx A"));
                assert_eq!(
                    cmds::remove_user_vars(shell, Os::Windows, &["A"]).as_deref(),
                    Some("reg delete HKCU\\Environment /F /V A")
                );
                assert!(cmds::curl_key_check(shell).contains("%ANTHROPIC_API_KEY%"));
            }
        }
        assert!(set.contains(cmds::VALUE_PLACEHOLDER));
        assert!(!cmds::show_masked(shell, "ANTHROPIC_API_KEY").contains("echo $ANTHROPIC_API_KEY"));
    }
}

#[test]
fn profile_files_per_os() {
    assert_eq!(
        cmds::persist_file(Shell::Bash, Os::Macos),
        Some("~/.bash_profile")
    );
    assert_eq!(
        cmds::persist_file(Shell::Bash, Os::Linux),
        Some("~/.bashrc")
    );
    assert_eq!(
        cmds::persist_file(Shell::Fish, Os::Linux),
        Some("~/.config/fish/config.fish")
    );
    assert_eq!(
        cmds::persist_file(Shell::Powershell, Os::Windows),
        Some("$PROFILE")
    );
    assert_eq!(cmds::persist_file(Shell::Cmd, Os::Windows), None);
}

// ---------------------------------------------------------------------------------------------------------------

const ORDER: &[&str] = &[
    "leads",
    "inspect",
    "clear-session",
    "clear-profile",
    "clear-windows-vars",
    "clear-dotenv",
    "clear-settings",
    "clear-ide",
    "clear-workflow",
    "clear-container",
    "api-key-approval",
    "set-credential",
    "store-securely",
    "restart",
    "verify",
];

fn rich_evidence() -> Vec<Evidence> {
    let mut out = vec![Evidence::default()];
    for &cause in CauseCode::ALL {
        out.push(Evidence {
            cause: Some(cause),
            ..Evidence::default()
        });
    }
    for &kind in Kind::ALL {
        out.push(Evidence {
            key_kind: Some(kind),
            key_verdict: Some(Verdict::WrongCredential),
            ..Evidence::default()
        });
    }
    for &outcome in OutcomeCode::ALL {
        out.push(Evidence {
            outcome: Some(outcome),
            ..Evidence::default()
        });
    }
    out.push(Evidence {
        findings: FindingCode::ALL.to_vec(),
        key_verdict: Some(Verdict::Fixable),
        ..Evidence::default()
    });
    out
}

fn check_plan(setup: &Setup, ev: &Evidence) {
    let steps = plan(setup, ev);
    assert!(steps.len() >= 4, "{setup:?}");
    let mut last = 0;
    for step in &steps {
        let pos = ORDER
            .iter()
            .position(|id| *id == step.id)
            .unwrap_or_else(|| panic!("unknown step id {}", step.id));
        assert!(pos >= last, "{} out of order in {setup:?}", step.id);
        last = pos + 1;
        assert!(!step.title.is_empty() && !step.body.is_empty());
        for text in [&step.title, &step.body] {
            assert!(!text.to_ascii_lowercase().contains("sk-ant-"), "{text}");
        }
        for c in &step.commands {
            assert!(!c.label.is_empty() && !c.text.is_empty());
            assert!(!c.label.to_ascii_lowercase().contains("sk-ant-"));
        }
    }
    assert_eq!(steps.last().map(|s| s.id), Some("verify"));
    assert!(steps.iter().any(|s| s.id == "set-credential"));
}

#[test]
fn plan_for_every_setup_is_ordered_and_valid() {
    let evidence = rich_evidence();
    for setup in Setup::all() {
        check_plan(&setup, &Evidence::default());
    }
    for setup in Setup::all().step_by(7) {
        for ev in &evidence {
            check_plan(&setup, ev);
        }
    }
    for ev in &evidence {
        for &os in Os::ALL {
            for &shell in shells_for(os) {
                check_plan(
                    &Setup {
                        os,
                        shell,
                        ..Setup::default()
                    },
                    ev,
                );
            }
        }
    }
}

#[test]
fn plan_normalizes_a_mismatched_setup() {
    let odd = Setup {
        os: Os::Windows,
        shell: Shell::Zsh,
        launcher: Launcher::Terminal,
        auth: Auth::ApiKey,
    };
    // The normalized setup's commands are the ones tests/shell_syntax.rs checks for PowerShell.
    assert_eq!(odd.normalized().shell, default_shell(Os::Windows));
    assert_eq!(
        plan(&odd, &Evidence::default()),
        plan(&odd.normalized(), &Evidence::default())
    );
}

fn leads(setup: &Setup, ev: &Evidence) -> String {
    let steps = plan(setup, ev);
    assert_eq!(steps[0].id, "leads");
    steps[0].body.clone()
}

#[test]
fn evidence_leads() {
    let sub = Setup::default();
    let key = Setup {
        auth: Auth::ApiKey,
        ..sub
    };
    for cause in [
        C::OrgDisabled,
        C::LowCredit,
        C::InvalidApiKey,
        C::ApiKeyAuthDisabled,
    ] {
        let ev = Evidence {
            cause: Some(cause),
            ..Evidence::default()
        };
        assert!(
            leads(&sub, &ev).contains("stale ANTHROPIC_API_KEY is overriding your login"),
            "{cause}"
        );
        assert!(
            !leads(&key, &ev).contains("overriding your login"),
            "{cause}"
        );
    }
    let ev = Evidence {
        findings: vec![FindingCode::LineBreak],
        ..Evidence::default()
    };
    let steps = plan(&key, &ev);
    assert!(steps[0].body.contains("Fix the stored copy"));
    assert!(steps[0]
        .commands
        .iter()
        .any(|c| c.text.contains("read -rs") && c.text.contains("ANTHROPIC_API_KEY")));

    let ev = Evidence {
        key_kind: Some(Kind::OauthAccessToken),
        ..Evidence::default()
    };
    let steps = plan(&key, &ev);
    assert!(steps[0].body.contains("CLAUDE_CODE_OAUTH_TOKEN"));
    assert!(steps[0]
        .commands
        .iter()
        .any(|c| c.text.contains("CLAUDE_CODE_OAUTH_TOKEN")));

    let ev = Evidence {
        outcome: Some(OutcomeCode::Valid),
        ..Evidence::default()
    };
    assert!(leads(&key, &ev).contains("key is fine"));
    assert_eq!(plan(&key, &Evidence::default())[0].id, "inspect");
}

#[test]
fn plan_covers_the_places_a_key_hides() {
    let mac = Setup {
        launcher: Launcher::Vscode,
        auth: Auth::ApiKey,
        ..Setup::default()
    };
    let all: String = plan(&mac, &Evidence::default())
        .iter()
        .flat_map(|s| {
            s.commands
                .iter()
                .map(|c| c.text.clone())
                .chain([s.body.clone()])
        })
        .collect::<Vec<_>>()
        .join("\n");
    for needle in [
        "~/.zshrc",
        ".claude/settings.local.json",
        ".env",
        "claudeCode.environmentVariables",
        "/config",
        "security find-generic-password -s anthropic-api-key -w",
        "code .",
    ] {
        assert!(all.contains(needle), "missing {needle}");
    }
    let win = Setup {
        os: Os::Windows,
        shell: Shell::Powershell,
        launcher: Launcher::Terminal,
        auth: Auth::Subscription,
    };
    let all: String = plan(&win, &Evidence::default())
        .iter()
        .flat_map(|s| s.commands.iter().map(|c| c.text.clone()))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("'User'") && all.contains("'Machine'") && all.contains("$PROFILE"));
    let ci = Setup {
        launcher: Launcher::GithubActions,
        auth: Auth::OauthToken,
        ..Setup::default()
    };
    let all: String = plan(&ci, &Evidence::default())
        .iter()
        .flat_map(|s| s.commands.iter().map(|c| c.text.clone()))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("claude_code_oauth_token: ${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}"));
    let docker = Setup {
        launcher: Launcher::Docker,
        auth: Auth::ApiKey,
        ..Setup::default()
    };
    let all: String = plan(&docker, &Evidence::default())
        .iter()
        .flat_map(|s| s.commands.iter().map(|c| c.text.clone()))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("-e ANTHROPIC_API_KEY your-image"));
}

// ---------------------------------------------------------------------------------------------------------------

#[test]
fn claude_md_has_no_secrets_and_is_stable() {
    let leaky = TeamNotes {
        org_name: Some("Acme sk-ant-api03-AAAA".into()),
        docs_url: Some("https://wiki.example.com/claude".into()),
        support: Some("#help\nsk-ant-oat01-BBBB".into()),
        rotation_days: Some(90),
        gateway_base_url: Some("https://llm.example.com/?key=sk-ant-api03-CCCC".into()),
        extra_lines: vec![
            "export ANTHROPIC_API_KEY=sk-ant-api03-DDDD".into(),
            "Ask #platform for a gateway token".into(),
        ],
    };
    for setup in Setup::all() {
        for notes in [TeamNotes::default(), leaky.clone()] {
            for ev in [
                Evidence::default(),
                Evidence {
                    cause: Some(C::OrgDisabled),
                    ..Evidence::default()
                },
            ] {
                let md = render(&setup, &ev, &notes);
                assert!(!md.to_ascii_lowercase().contains("sk-ant-"), "{setup:?}");
                assert_eq!(md, render(&setup, &ev, &notes));
                assert!(md.lines().count() <= 60);
                assert!(md.starts_with("## Claude Code authentication"));
                assert!(md.contains("/status") && md.contains("claude auth status"));
                assert!(md.contains("https://platform.claude.com/settings/keys"));
                assert!(md.contains(".gitignore"));
            }
        }
    }
    let with = render(&Setup::default(), &Evidence::default(), &leaky);
    assert!(with.contains("every 90 days") && with.contains("wiki.example.com"));
}

// ---------------------------------------------------------------------------------------------------------------

#[test]
fn share_round_trips_and_ignores_junk() {
    for setup in Setup::all() {
        let q = to_query(&setup);
        assert_eq!(from_query(&q), Some(setup));
        assert_eq!(
            from_query(&format!("?{q}&utm_source=x&key=sk-ant-api03-zzz")),
            Some(setup)
        );
        assert!(!q.contains("sk-ant"));
    }
    assert_eq!(from_query("?key=sk-ant-api03-zzz"), None);
    assert_eq!(from_query("#os=linux").map(|s| s.shell), Some(Shell::Bash));
    assert_eq!(
        from_query("os=windows&shell=fish").map(|s| s.shell),
        Some(Shell::Powershell)
    );
}

// ---------------------------------------------------------------------------------------------------------------

/// The first Claude model id in a text (`claude-haiku-4-5`, `claude-3-5-sonnet-20241022`, `claude-opus-5`), if any.
fn model_id_in(text: &str) -> Option<&str> {
    text.match_indices("claude-").find_map(|(i, _)| {
        let rest = &text[i..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
            .unwrap_or(rest.len());
        let id = &rest[..end];
        ["haiku", "sonnet", "opus"]
            .iter()
            .any(|family| id.contains(family))
            .then_some(id)
    })
}

/// Model ids retire (`claude-haiku-4-5` among them), so nothing the page generates may hard-code one: the fix
/// steps, the CLAUDE.md section, every command template, the live test's curl command, the cause table's words and
/// the key check's texts. The live test picks its model from `/v1/models` instead.
#[test]
fn no_generated_command_or_text_names_a_model_id() {
    assert_eq!(
        model_id_in(r#"-d '{"model":"claude-haiku-4-5","max_tokens":1}'"#),
        Some("claude-haiku-4-5")
    );
    assert_eq!(
        model_id_in("claude-3-5-sonnet-20241022 or claude-opus-5."),
        Some("claude-3-5-sonnet-20241022")
    );
    assert_eq!(
        model_id_in("uses: anthropics/claude-code-action@v1, claude-code#8327"),
        None
    );

    let mut texts: Vec<String> = Vec::new();
    let mut add_plan = |setup: &Setup, ev: &Evidence| {
        for step in plan(setup, ev) {
            texts.extend([step.title, step.body]);
            for c in step.commands {
                texts.extend([c.label, c.text]);
            }
        }
        texts.push(render(setup, ev, &TeamNotes::default()));
    };
    let evidence = rich_evidence();
    for setup in Setup::all() {
        add_plan(&setup, &Evidence::default());
    }
    for setup in Setup::all().step_by(7) {
        for ev in &evidence {
            add_plan(&setup, ev);
        }
    }
    for &shell in Shell::ALL {
        let names = cmds::CREDENTIAL_VARS;
        texts.extend([
            cmds::list_vars(shell),
            cmds::unset_all(shell, names),
            cmds::curl_key_check(shell),
            cmds::curl_gateway_check(shell),
            cmds::reach_check(shell),
        ]);
        for input in ["https://api.anthropic.com", "http://127.0.0.1:4000/litellm"] {
            let base = parse_base_url(input).expect("a valid base URL");
            for &scheme in AuthScheme::ALL {
                texts.push(curl_command(shell, &base, scheme));
            }
        }
    }
    for cause in CAUSES {
        texts.extend([cause.title, cause.meaning].map(String::from));
        texts.extend(
            cause
                .comes_from
                .iter()
                .copied()
                .chain(cause.fix.steps())
                .map(str::to_string),
        );
    }
    let body: String = (0..93)
        .map(|i| b"AbCdEfGh0123456789_-xyzQRS"[i % 26] as char)
        .collect();
    for input in [
        format!("sk-ant-api03-{body}AA"),
        format!("export ANTHROPIC_API_KEY=\"sk-ant-api03-{}\"", &body[..60]),
        format!("sk-ant-admin01-{body}AA"),
        format!("sk-ant-oat01-{body}AA"),
        format!("sk-ant-api01-{body}AA"),
        format!("sk-proj-{body}"),
        "your-key-here".to_string(),
        "hunter2".to_string(),
    ] {
        let r = analyze(&input);
        texts.extend([r.headline, r.advice]);
        for f in r.findings {
            texts.extend([f.title, f.detail, f.fix]);
        }
    }

    assert!(texts.len() > 10_000, "only {} texts", texts.len());
    for text in &texts {
        assert_eq!(model_id_in(text), None, "a model id in: {text}");
    }
}

proptest! {
    #[test]
    fn diagnose_never_panics(text in any::<String>()) {
        let d = diagnose(&text);
        prop_assert_eq!(d.entry.code, d.cause);
        prop_assert_eq!(cause_entry(d.cause).code, d.cause);
    }

    #[test]
    fn diagnose_tolerates_surrounding_noise(i in 0..SAMPLES.len(), pre in "[ \n⎿·│●]{0,6}", post in "[ \n·.]{0,6}") {
        let (cause, text) = SAMPLES[i];
        prop_assert_eq!(diagnose(&format!("{pre}{text}{post}")).cause, cause);
    }

    #[test]
    fn from_query_never_panics_and_normalizes(q in any::<String>()) {
        if let Some(s) = from_query(&q) {
            prop_assert!(s.is_normalized());
        }
    }
}
