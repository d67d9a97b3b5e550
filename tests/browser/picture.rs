//! One picture of the person's situation: every section uses what the others know.
//!
//! - A team on a gateway (the team build, `"auth": "gateway"`): the gateway's own key is `unjudged` in step 1 and
//!   `valid` in the live test against the loopback stand-in under a path prefix, with Bearer; nothing on the page
//!   contradicts that.
//! - The setup follows the evidence until the person chooses: each suggestion (a pasted OAuth token, a Bedrock
//!   error, a gateway's 401 in the error text or the live test, the pasted machine state) is shown with its reason
//!   and undone with one click for good; the person's own choice and the team's default are never overridden.
//! - The summary at the top fills in as the person goes, links to each section (by keyboard too), does not move the
//!   page, and is a polite live region.

use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::support::chromium::{screenshot_path, Browser, Options};
use crate::support::page::{api_key, run_live_test, Page};
use crate::support::stand_in_api::{Behaviour, StandIn, KEY_LITELLM_AUTH, KEY_VALID};
use crate::support::static_server::{dist_dir, team_dist_dir};

const SUB_PATH: &str = "/tools/claude-auth/";

/// A gateway's own virtual key (LiteLLM's `sk-…` shape; synthetic).
const GATEWAY_KEY: &str = "sk-litellm-8f3Kq2Zx7Lm4Np9Rt6Vw1Yb5Cd0Ef";
/// A gateway key in OpenAI's `sk-proj-…` shape, as some gateways issue them (synthetic).
fn openai_shaped_key() -> String {
    format!("sk-proj-{}T3BlbkFJ{}", "a1B2".repeat(18), "c3D4".repeat(18))
}

/// A synthetic subscription OAuth access token.
fn oauth_token() -> String {
    let body: String = "Q7x_Lm-3".chars().cycle().take(93).collect();
    format!("sk-ant-oat01-{body}AA")
}

/// Every verdict, outcome and cause code the app shows right now, in any section (not the reference, which lists
/// every cause).
fn codes_on_page(b: &Browser) -> Value {
    b.js(
        "return [...document.querySelectorAll('#app [data-verdict], #app [data-outcome], #app [data-cause]')]\
         .map(e => e.dataset.verdict || e.dataset.outcome || e.dataset.cause);",
        vec![],
    )
}

#[test]
fn a_team_on_a_gateway_sees_its_key_unjudged_and_valid_with_no_contradiction() {
    let api = StandIn::start_answering(Behaviour::Valid);
    let page = Page::open(team_dist_dir(), SUB_PATH, Options::default(), "live-test");
    let b = &page.browser;
    assert_eq!(b.value("setup-auth"), "gateway", "the team's default");
    assert_eq!(
        b.value("auth-scheme"),
        "bearer",
        "the team's gateway scheme"
    );

    // The gateway's own keys, in two shapes: not judged by Anthropic's formats, and their variable is named.
    for key in [GATEWAY_KEY.to_string(), openai_shaped_key()] {
        b.paste("key-input", &key);
        assert_eq!(
            b.attr("key-verdict", "data-verdict").as_deref(),
            Some("unjudged"),
            "{key}"
        );
        let said = b.text("key-verdict");
        assert!(said.contains("ANTHROPIC_AUTH_TOKEN"), "{said}");
        assert!(
            !b.exists("key-finding"),
            "{key}: {:?}",
            b.codes("key-finding", "data-code")
        );
    }
    // Removable noise still makes it fixable.
    b.paste("key-input", &format!("  \"{GATEWAY_KEY}\"\n"));
    assert_eq!(
        b.attr("key-verdict", "data-verdict").as_deref(),
        Some("fixable")
    );
    assert!(b
        .codes("key-finding", "data-code")
        .contains(&"quotes".to_string()));

    // The live test against the gateway (the stand-in under a path prefix), with Bearer.
    b.paste("key-input", GATEWAY_KEY);
    b.paste("base-url", &api.base_url_with_prefix("/litellm"));
    assert_eq!(run_live_test(b), "valid");
    let sent = api
        .requests()
        .into_iter()
        .find(|r| r.method == "GET")
        .expect("the models request");
    assert_eq!(sent.path, "/litellm/v1/models");
    assert_eq!(
        sent.header("authorization").map(str::to_string),
        Some(format!("Bearer {GATEWAY_KEY}"))
    );
    assert_eq!(sent.header("x-api-key"), None);

    // No contradiction anywhere: no section calls the key wrong, the summary says the same as the sections.
    let codes = codes_on_page(b);
    for wrong in [
        "wrong-credential",
        "invalid",
        "invalid-key",
        "invalid-bearer",
        "gateway-auth",
    ] {
        assert!(
            !codes.as_array().unwrap().contains(&json!(wrong)),
            "{wrong} on the page: {codes}"
        );
    }
    assert_eq!(
        b.attr("key-verdict", "data-verdict").as_deref(),
        Some("unjudged")
    );
    assert_eq!(
        b.attr("summary-key", "data-verdict").as_deref(),
        Some("unjudged")
    );
    assert_eq!(
        b.attr("summary-live", "data-outcome").as_deref(),
        Some("valid")
    );
    let text = b.js("return document.body.innerText;", vec![]);
    let text = text.as_str().unwrap();
    for contradiction in ["This cannot be a working key", "Wrong kind of credential"] {
        assert!(
            !text.contains(contradiction),
            "{contradiction:?} on the page"
        );
    }
    assert_eq!(b.value("setup-auth"), "gateway");
    assert!(
        !b.exists("setup-suggestion-undo"),
        "a suggestion over the team's default"
    );

    b.js("window.scrollTo(0, 0);", vec![]);
    b.screenshot(&screenshot_path("team-gateway-unjudged-valid.png"));
    b.js(
        "document.getElementById('key-heading').scrollIntoView({block: 'start'}); window.scrollBy(0, -12);",
        vec![],
    );
    b.screenshot(&screenshot_path("team-gateway-key-and-live-test.png"));
    b.assert_no_panic();
}

/// The suggestion shown now: (suggested code, the words of the suggestion) or None.
fn suggestion(b: &Browser) -> Option<(String, String)> {
    b.attr("setup-suggestion", "data-suggested")
        .map(|code| (code, b.text("setup-suggestion")))
}

/// The evidence suggests `auth` for `because`: the setup shows it and says why.
fn assert_suggested(b: &Browser, auth: &str, because: &str) {
    let (code, words) = suggestion(b).unwrap_or_else(|| panic!("no suggestion; {auth} expected"));
    assert_eq!(code, auth, "{words}");
    assert!(
        words.contains(because),
        "{words:?} does not say {because:?}"
    );
    assert_eq!(b.value("setup-auth"), auth);
}

/// Undo restores `before`, and the same evidence once more does not bring the suggestion back.
fn undo(b: &Browser, before: &str) {
    b.click("setup-suggestion-undo");
    assert_eq!(suggestion(b), None);
    assert_eq!(b.value("setup-auth"), before);
}

fn open_public() -> Page {
    Page::open(dist_dir(), SUB_PATH, Options::default(), "setup-auth")
}

#[test]
fn the_setup_follows_the_evidence_and_one_click_undoes_it_for_good() {
    // A pasted OAuth token.
    let page = open_public();
    let b = &page.browser;
    assert_eq!(b.value("setup-auth"), "subscription");
    assert_eq!(suggestion(b), None);
    b.paste("key-input", &oauth_token());
    assert_suggested(b, "oauth-token", "from the key you pasted");
    // The fix steps and CLAUDE.md follow the suggested method.
    assert!(b.text("claude-md").contains("CLAUDE_CODE_OAUTH_TOKEN"));
    undo(b, "subscription");
    b.paste("key-input", &format!("{} ", oauth_token()));
    assert_eq!(suggestion(b), None, "an undone suggestion came back");
    assert_eq!(b.value("setup-auth"), "subscription");

    // A Bedrock (AWS) error text.
    b.paste(
        "error-input",
        "CredentialsProviderError: Could not load credentials from any providers",
    );
    assert_eq!(
        b.attr("error-diagnosis", "data-cause").as_deref(),
        Some("aws-credentials")
    );
    assert_suggested(b, "bedrock", "from the error text you pasted");
    undo(b, "subscription");
    b.paste(
        "error-input",
        "AWS credentials expired or invalid · Run aws sso login, or refresh your credentials",
    );
    assert_eq!(suggestion(b), None, "an undone suggestion came back");
    b.paste("error-input", "");

    // A gateway's own 401 in the error text.
    b.paste(
        "error-input",
        "API Error: 401 {\"error\":{\"message\":\"Authentication Error, Invalid proxy server token passed. valid_token=None.\",\"type\":\"auth_error\",\"param\":\"None\",\"code\":\"401\"}}",
    );
    assert_eq!(
        b.attr("error-diagnosis", "data-cause").as_deref(),
        Some("gateway-auth")
    );
    assert_suggested(b, "gateway", "from the error text you pasted");
    undo(b, "subscription");
    b.assert_no_panic();

    // A gateway's own 401 from the live test (a fresh page: nothing undone yet).
    let api = StandIn::start();
    let page = open_public();
    let b = &page.browser;
    b.paste("key-input", KEY_LITELLM_AUTH);
    b.paste("base-url", &api.base_url());
    // Before the test, the base URL alone points to a gateway.
    assert_suggested(b, "gateway", "from the base URL you entered");
    assert_eq!(run_live_test(b), "gateway-auth");
    assert_suggested(b, "gateway", "from the live test's answer");
    undo(b, "subscription");
    assert_eq!(run_live_test(b), "gateway-auth");
    assert_eq!(suggestion(b), None, "an undone suggestion came back");

    // What the machine shows (a fresh page).
    let page = open_public();
    let b = &page.browser;
    b.paste(
        "env-input",
        "$ env\nCLAUDE_CODE_USE_VERTEX=1\nPATH=/usr/bin\n",
    );
    assert_eq!(
        b.attr("credential-sources", "data-winner").as_deref(),
        Some("vertex")
    );
    assert_suggested(b, "vertex", "from what your machine shows");
    // A paste that shows a login in use: the Vertex suggestion goes with the paste it came from.
    b.paste("env-input", "Login method: Claude Max account\n");
    assert_eq!(suggestion(b), None);
    assert_eq!(b.value("setup-auth"), "subscription");
    b.paste(
        "env-input",
        &format!("CLAUDE_CODE_OAUTH_TOKEN={}\n", oauth_token()),
    );
    assert_suggested(b, "oauth-token", "from what your machine shows");
    b.js(
        "document.querySelector('[data-testid=\"setup-suggestion\"]').scrollIntoView({block: 'center'});",
        vec![],
    );
    b.screenshot(&screenshot_path("setup-suggestion.png"));
    undo(b, "subscription");
    b.paste(
        "env-input",
        &format!("CLAUDE_CODE_OAUTH_TOKEN={}\nPATH=/bin\n", oauth_token()),
    );
    assert_eq!(suggestion(b), None, "an undone suggestion came back");
    b.assert_no_panic();
}

/// Evidence that would suggest a method: an OAuth token, a Bedrock error, a machine state with Vertex.
fn paste_every_kind_of_evidence(b: &Browser) {
    b.paste("key-input", &oauth_token());
    b.paste(
        "error-input",
        "CredentialsProviderError: Could not load credentials from any providers",
    );
    b.paste("env-input", "CLAUDE_CODE_USE_VERTEX=1\n");
    assert_eq!(
        b.attr("credential-sources", "data-winner").as_deref(),
        Some("vertex")
    );
}

#[test]
fn the_person_s_choice_and_the_team_s_default_are_never_overridden() {
    let page = open_public();
    let b = &page.browser;
    b.select_option("setup-auth", "api-key");
    paste_every_kind_of_evidence(b);
    assert_eq!(b.value("setup-auth"), "api-key");
    assert_eq!(suggestion(b), None);
    // Choosing again what was shown is a choice too: the method stays whatever comes next.
    b.select_option("setup-auth", "subscription");
    b.paste("env-input", "CLAUDE_CODE_USE_BEDROCK=1\n");
    assert_eq!(b.value("setup-auth"), "subscription");
    assert_eq!(suggestion(b), None);

    let page = Page::open(team_dist_dir(), SUB_PATH, Options::default(), "setup-auth");
    let b = &page.browser;
    assert_eq!(b.value("setup-auth"), "gateway");
    paste_every_kind_of_evidence(b);
    assert_eq!(
        b.value("setup-auth"),
        "gateway",
        "a suggestion overrode the team's default"
    );
    assert_eq!(suggestion(b), None);
    b.assert_no_panic();
}

/// Each summary row: (its testid, the code attribute it carries, the section its label links to).
const ROWS: [(&str, &str, &str); 5] = [
    ("summary-key", "data-verdict", "#key-heading"),
    ("summary-live", "data-outcome", "#live-heading"),
    ("summary-error", "data-cause", "#error-heading"),
    ("summary-machine", "data-winner", "#machine-heading"),
    ("summary-first-step", "", "#fix-steps-heading"),
];

/// The summary's rows: (code attribute or None, the text shown).
fn summary_rows(b: &Browser) -> Vec<(Option<String>, String)> {
    ROWS.iter()
        .map(|(testid, attribute, _)| {
            let code = if attribute.is_empty() {
                None
            } else {
                b.attr(testid, attribute)
            };
            (code, b.text(testid))
        })
        .collect()
}

/// Where the key check's section starts, from the top of the document.
fn key_section_top(b: &Browser) -> Value {
    b.js(
        "return document.getElementById('key-heading').closest('section').getBoundingClientRect().top + scrollY;",
        vec![],
    )
}

/// Fills every row of the summary as a person would get there: a key, a live test, an error text, the machine state.
fn fill_the_summary(b: &Browser, api: &StandIn) {
    b.select_option("setup-auth", "subscription");
    b.paste("key-input", KEY_VALID);
    b.paste("base-url", &api.base_url());
    assert_eq!(run_live_test(b), "valid");
    b.paste(
        "error-input",
        "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}",
    );
    b.paste(
        "env-input",
        &format!(
            "Login method: Claude Max account\n~/.zshrc:12:export ANTHROPIC_API_KEY={}\n",
            api_key('z')
        ),
    );
}

#[test]
fn the_summary_fills_in_as_the_person_goes_links_to_each_section_and_does_not_move_the_page() {
    let api = StandIn::start();
    let page = open_public();
    let b = &page.browser;
    assert_eq!(
        b.js(
            "return document.querySelector('[data-testid=\"summary\"] dl').getAttribute('aria-live');",
            vec![]
        ),
        json!("polite")
    );
    // By keyboard, on the page as it opened: Tab to the "Error text" link, Enter, and the focus moves on from there.
    let mut tabs = 0;
    while b.js(
        "return document.activeElement && document.activeElement.getAttribute('href');",
        vec![],
    ) != json!("#error-heading")
    {
        tabs += 1;
        assert!(
            tabs <= 10,
            "the summary's links are not among the first stops of Tab"
        );
        b.press(Key::Tab);
    }
    b.press(Key::Enter);
    let heading = b.wait_for(
        "(() => { const h = document.getElementById('error-heading'); const r = h.getBoundingClientRect(); \
         return location.hash === '#error-heading' && r.top >= -1 && r.top < innerHeight / 2; })()",
        "the error section to be scrolled into view",
    );
    assert_eq!(heading, json!(true));
    // The next Tab goes into the error section, not back to the summary.
    b.press(Key::Tab);
    let inside = b.js(
        "return !!document.activeElement.closest('section') && \
         document.activeElement.closest('section').contains(document.getElementById('error-heading'));",
        vec![],
    );
    assert_eq!(
        inside,
        json!(true),
        "focus did not move to the error section"
    );
    b.js("window.scrollTo(0, 0);", vec![]);

    let first_step_title = |b: &Browser| {
        b.js(
            "return document.querySelector('[data-testid=\"fix-steps\"] ol > li .fix-step-title').textContent;",
            vec![],
        )
    };
    // Nothing done yet: four rows wait, the first step is the general one.
    let rows = summary_rows(b);
    for (i, (code, text)) in rows.iter().take(4).enumerate() {
        assert_eq!(
            (code.as_deref(), text.as_str()),
            (None, "not yet"),
            "{}",
            ROWS[i].0
        );
    }
    assert_eq!(json!(rows[4].1), first_step_title(b));
    let top = key_section_top(b);

    // Each row as its section is used, by a person who means to use their subscription.
    b.select_option("setup-auth", "subscription");
    b.paste("key-input", KEY_VALID);
    assert_eq!(b.attr("summary-key", "data-verdict").as_deref(), Some("ok"));
    assert_eq!(b.attr("summary-live", "data-outcome"), None);
    b.paste("base-url", &api.base_url());
    assert_eq!(run_live_test(b), "valid");
    assert_eq!(
        b.attr("summary-live", "data-outcome").as_deref(),
        Some("valid")
    );
    assert_eq!(b.attr("summary-error", "data-cause"), None);
    b.paste("error-input", "Invalid API key · Fix external API key");
    assert_eq!(
        b.attr("summary-error", "data-cause").as_deref(),
        Some("invalid-api-key")
    );
    assert_eq!(b.attr("summary-machine", "data-winner"), None);
    b.paste(
        "env-input",
        &format!(
            "Login method: Claude Max account\n~/.zshrc:12:export ANTHROPIC_API_KEY={}\n",
            api_key('y')
        ),
    );
    assert_eq!(
        b.attr("summary-machine", "data-winner").as_deref(),
        Some("api-key")
    );
    let rows = summary_rows(b);
    assert!(rows.iter().all(|(_, text)| text != "not yet"), "{rows:?}");
    // The first step is the fix steps' first: the line to change.
    assert_eq!(json!(rows[4].1), first_step_title(b));
    assert_eq!(rows[4].1, "Change what your machine shows");
    // Every row one line, and the key check did not move.
    let heights = b.js(
        "return [...document.querySelectorAll('.summary-row')].map(r => r.getBoundingClientRect().height);",
        vec![],
    );
    let heights: Vec<f64> = heights
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_f64().unwrap())
        .collect();
    assert!(
        heights.iter().all(|h| (h - heights[0]).abs() < 0.5),
        "rows of different heights: {heights:?}"
    );
    assert_eq!(
        key_section_top(b),
        top,
        "the key check moved when the summary filled in"
    );

    // Each label links to its section.
    for (testid, _, anchor) in ROWS {
        let href = b.js(
            "return document.querySelector(`[data-testid=\"${arguments[0]}\"]`).closest('.summary-row').querySelector('a').getAttribute('href');",
            vec![json!(testid)],
        );
        assert_eq!(href, json!(anchor), "{testid}");
        let exists = b.js(
            "return !!document.querySelector(arguments[0]);",
            vec![json!(anchor)],
        );
        assert_eq!(exists, json!(true), "{anchor} does not exist");
    }

    b.assert_no_panic();
}

#[test]
fn screenshots_of_the_summary_filled_in_light_and_dark() {
    let api = StandIn::start();
    for (dark, name) in [(false, "summary-light.png"), (true, "summary-dark.png")] {
        let page = Page::open(
            dist_dir(),
            SUB_PATH,
            Options {
                dark,
                ..Options::default()
            },
            "setup-auth",
        );
        let b = &page.browser;
        fill_the_summary(b, &api);
        assert!(summary_rows(b).iter().all(|(_, text)| text != "not yet"));
        assert_eq!(
            b.js(
                "return matchMedia('(prefers-color-scheme: dark)').matches;",
                vec![]
            ),
            json!(dark)
        );
        b.js("window.scrollTo(0, 0);", vec![]);
        b.screenshot(&screenshot_path(name));
        b.assert_no_panic();
    }
}
