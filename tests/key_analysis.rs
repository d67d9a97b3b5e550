//! Native tests of the key format check (`core::key`) and the provider table (`core::providers`).
//!
//! Every key here is synthetic: a known prefix plus pseudo-random characters from a fixed seed.

use std::collections::BTreeSet;

use claude_auth_doctor::core::api::Probe;
use claude_auth_doctor::core::base_url::parse_base_url;
use claude_auth_doctor::core::codes::{AuthScheme, FindingCode, Kind, Verdict};
use claude_auth_doctor::core::key::{analyze, KeyReport, CONSOLE_KEY_LEN};
use claude_auth_doctor::core::probe::{self, Refusal};
use claude_auth_doctor::core::providers;
use proptest::prelude::*;

const KEY_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/// `n` pseudo-random key characters from `seed` (xorshift; no real secret anywhere).
fn chars_from(seed: u64, n: usize, alphabet: &[u8]) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            alphabet[(x % alphabet.len() as u64) as usize] as char
        })
        .collect()
}

fn body(seed: u64, n: usize) -> String {
    chars_from(seed, n, KEY_CHARS)
}

fn api_key(seed: u64) -> String {
    format!("sk-ant-api03-{}AA", body(seed, 93))
}

fn admin_key(seed: u64) -> String {
    format!("sk-ant-admin01-{}AA", body(seed, 93))
}

fn oauth_token(seed: u64) -> String {
    format!("sk-ant-oat01-{}AA", body(seed, 93))
}

fn refresh_token(seed: u64) -> String {
    format!("sk-ant-ort01-{}", body(seed, 95))
}

fn session_cookie(seed: u64) -> String {
    format!("sk-ant-sid01-{}", body(seed, 95))
}

fn alnum(seed: u64, n: usize) -> String {
    chars_from(seed, n, &KEY_CHARS[..62])
}

fn hex(seed: u64, n: usize) -> String {
    chars_from(seed, n, b"0123456789abcdef")
}

fn upper(seed: u64, n: usize) -> String {
    chars_from(seed, n, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
}

/// What the live test would send a gateway for this text (the rules about what may be sent live in `core::probe`).
fn gateway_credential(r: &KeyReport) -> Result<String, String> {
    let gateway = parse_base_url("http://127.0.0.1:4000").expect("a loopback gateway");
    match probe::plan(&Probe::Models, &gateway, AuthScheme::Bearer, r) {
        Ok(plan) => Ok(plan
            .request
            .header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .expect("a bearer header")
            .to_string()),
        Err(Refusal(why)) => Err(why),
    }
}

fn codes(r: &KeyReport) -> Vec<FindingCode> {
    r.findings.iter().map(|f| f.code).collect()
}

fn has(r: &KeyReport, code: FindingCode) -> bool {
    r.findings.iter().any(|f| f.code == code)
}

fn all_text(r: &KeyReport) -> String {
    let mut t = format!("{}\n{}\n{:?}\n", r.headline, r.advice, r);
    for f in &r.findings {
        t.push_str(&format!("{}\n{}\n{}\n", f.title, f.detail, f.fix));
    }
    if let Err(e) = gateway_credential(r) {
        t.push_str(&e);
    }
    t
}

/// No text the report shows contains 8 consecutive characters of the secret after its known prefix.
fn assert_no_leak(r: &KeyReport, secret: &str) {
    let text = all_text(r);
    let chars: Vec<char> = secret.chars().collect();
    let start = if secret.starts_with("sk-ant-") {
        13
    } else {
        providers::identify(secret).map_or(0, |m| m.prefix.len())
    }
    .min(chars.len());
    for w in chars[start..].windows(8) {
        let w: String = w.iter().collect();
        assert!(!text.contains(&w), "report text leaks {w:?}: {text}");
    }
}

fn check(input: &str, verdict: Verdict, kind: Kind) -> KeyReport {
    let r = analyze(input);
    assert_eq!(
        (r.verdict, r.kind),
        (verdict, kind),
        "input {:?}: {r:?} / {}",
        input.len(),
        r.headline
    );
    assert!(!r.headline.is_empty() && !r.advice.is_empty(), "{r:?}");
    for f in &r.findings {
        assert!(
            !f.title.is_empty() && !f.detail.is_empty() && !f.fix.is_empty(),
            "{r:?}"
        );
    }
    r
}

// ------------------------------------------------------------------------------------------------------
// Kinds, verdicts, codes
// ------------------------------------------------------------------------------------------------------

#[test]
fn console_key_as_pasted_is_ok() {
    let k = api_key(1);
    assert_eq!(k.len(), CONSOLE_KEY_LEN);
    let r = check(&k, Verdict::Ok, Kind::ApiKey);
    assert!(r.findings.is_empty());
    assert_eq!(r.cleaned.as_deref(), Some(k.as_str()));
    assert_eq!(r.provider, None);
    assert!(r.advice.contains("ANTHROPIC_API_KEY"));
    assert_no_leak(&r, &k);
}

#[test]
fn every_kind_and_verdict_is_reachable() {
    let samples: Vec<(String, Verdict, Kind)> = vec![
        (api_key(2), Verdict::Ok, Kind::ApiKey),
        (format!(" {}\n", api_key(2)), Verdict::Fixable, Kind::ApiKey),
        (admin_key(3), Verdict::WrongCredential, Kind::AdminKey),
        (
            oauth_token(4),
            Verdict::WrongCredential,
            Kind::OauthAccessToken,
        ),
        (
            refresh_token(5),
            Verdict::WrongCredential,
            Kind::OauthRefreshToken,
        ),
        (
            session_cookie(6),
            Verdict::WrongCredential,
            Kind::SessionCookie,
        ),
        (
            format!("sk-ant-api01-{}", body(7, 95)),
            Verdict::WrongCredential,
            Kind::AnthropicUnknown,
        ),
        (
            format!("sk-ant-api04-{}AA", body(7, 93)),
            Verdict::WrongCredential,
            Kind::AnthropicUnknown,
        ),
        (
            format!("sk-proj-{}", alnum(8, 150)),
            Verdict::WrongCredential,
            Kind::OtherProvider,
        ),
        (
            "sk-ant-your-key-here".into(),
            Verdict::Invalid,
            Kind::Placeholder,
        ),
        ("".into(), Verdict::Empty, Kind::Empty),
        (
            "export ANTHROPIC_API_KEY=".into(),
            Verdict::Invalid,
            Kind::Empty,
        ),
        ("hunter2".into(), Verdict::Invalid, Kind::Unknown),
        (api_key(9)[..90].to_string(), Verdict::Invalid, Kind::ApiKey),
    ];
    let mut kinds = BTreeSet::new();
    let mut verdicts = BTreeSet::new();
    for (input, verdict, kind) in &samples {
        let r = check(input, *verdict, *kind);
        kinds.insert(r.kind);
        verdicts.insert(r.verdict);
    }
    // Unjudged exists only for a gateway: a credential in its own format.
    let gateway = claude_auth_doctor::core::key::Destination::Gateway(AuthScheme::Bearer);
    verdicts.insert(
        analyze("gw-0123456789abcdef")
            .for_destination(gateway)
            .verdict,
    );
    assert_eq!(kinds.len(), Kind::ALL.len(), "kinds covered: {kinds:?}");
    assert_eq!(
        verdicts.len(),
        Verdict::ALL.len(),
        "verdicts covered: {verdicts:?}"
    );
}

/// Anthropic prefixes that are not Console keys say where they belong: admin keys of both generations, the Claude
/// Enterprise Admin key, and the three kinds of token behind `sk-ant-oat01-`.
#[test]
fn other_anthropic_kinds_say_where_they_belong() {
    let admin03 = format!("sk-ant-admin03-{}AA", body(12, 93));
    let r = check(&admin03, Verdict::WrongCredential, Kind::AdminKey);
    assert!(r.headline.contains("sk-ant-admin03-"), "{}", r.headline);
    assert!(r.advice.contains("Admin API"), "{}", r.advice);
    assert!(r.redacted().unwrap().starts_with("sk-ant-admin03-…"));
    assert!(
        gateway_credential(&r).is_err(),
        "an admin key is never sent"
    );
    assert_no_leak(&r, &admin03);
    let r = check(&admin_key(13), Verdict::WrongCredential, Kind::AdminKey);
    assert!(r.headline.contains("sk-ant-admin01-"), "{}", r.headline);

    let enterprise = format!("sk-ant-api01-{}", body(14, 95));
    let r = check(
        &enterprise,
        Verdict::WrongCredential,
        Kind::AnthropicUnknown,
    );
    assert!(
        r.headline.contains("Claude Enterprise Admin key"),
        "{}",
        r.headline
    );
    assert!(
        r.advice.contains("cannot call the Messages API"),
        "{}",
        r.advice
    );
    assert!(!all_text(&r).contains("reportedly"));
    assert_no_leak(&r, &enterprise);

    let t = oauth_token(15);
    let r = check(&t, Verdict::WrongCredential, Kind::OauthAccessToken);
    for needle in [
        "Workload Identity Federation",
        "CLAUDE_CODE_OAUTH_TOKEN",
        "ANTHROPIC_PROFILE",
        "ANTHROPIC_FEDERATION_RULE_ID",
        "Authorization: Bearer",
    ] {
        assert!(
            r.headline.contains(needle) || r.advice.contains(needle),
            "{needle}: {} / {}",
            r.headline,
            r.advice
        );
    }
}

#[test]
fn every_finding_code_is_reachable() {
    let k = api_key(10);
    let cases: Vec<(String, FindingCode, Verdict)> = vec![
        (
            format!("{k}\n"),
            FindingCode::SurroundingWhitespace,
            Verdict::Fixable,
        ),
        (
            format!("{}\n{}", &k[..54], &k[54..]),
            FindingCode::LineBreak,
            Verdict::Fixable,
        ),
        (
            format!("{}\u{200b}{}", &k[..30], &k[30..]),
            FindingCode::InvisibleChar,
            Verdict::Fixable,
        ),
        (
            format!("{}о{}", &k[..40], &k[41..]),
            FindingCode::NonLatin1,
            Verdict::Invalid,
        ),
        (format!("“{k}”"), FindingCode::Quotes, Verdict::Fixable),
        (
            format!("ANTHROPIC_API_KEY={k}"),
            FindingCode::AssignmentPrefix,
            Verdict::Fixable,
        ),
        (
            format!("x-api-key: {k}"),
            FindingCode::HeaderPrefix,
            Verdict::Fixable,
        ),
        (format!("{k}{k}"), FindingCode::Duplicated, Verdict::Fixable),
        (
            k[..100].to_string(),
            FindingCode::Truncated,
            Verdict::Invalid,
        ),
        (format!("{k}abc"), FindingCode::TooLong, Verdict::Invalid),
        (
            format!("{}.{}", &k[..60], &k[61..]),
            FindingCode::BadCharset,
            Verdict::Invalid,
        ),
        (
            format!("{}Ab", &k[..106]),
            FindingCode::BadSuffix,
            Verdict::Invalid,
        ),
        (
            format!("{}...{}", &k[..20], &k[100..]),
            FindingCode::Masked,
            Verdict::Invalid,
        ),
    ];
    let mut seen = BTreeSet::new();
    for (input, code, verdict) in &cases {
        let r = analyze(input);
        assert!(has(&r, *code), "{code} missing for case: {r:?}");
        assert_eq!(r.verdict, *verdict, "{code}: {r:?}");
        assert_eq!(r.kind, Kind::ApiKey, "{code}: {r:?}");
        assert_no_leak(&r, &k);
        if r.verdict == Verdict::Fixable {
            assert_eq!(r.cleaned.as_deref(), Some(k.as_str()), "{code}");
        } else {
            assert_eq!(r.cleaned, None, "{code}");
        }
        seen.insert(*code);
    }
    assert_eq!(seen.len(), FindingCode::ALL.len());
}

#[test]
fn findings_are_unique_and_ordered() {
    let k = api_key(11);
    let r = analyze(&format!("\u{feff}  export ANTHROPIC_API_KEY=\"{k}\"  \r\n"));
    let c = codes(&r);
    let mut sorted = c.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(c, sorted);
}

// ------------------------------------------------------------------------------------------------------
// Noise and nesting
// ------------------------------------------------------------------------------------------------------

#[test]
fn nested_export_line_is_fixable() {
    let k = api_key(12);
    let r = check(
        &format!("export ANTHROPIC_API_KEY=\"{k}\"\n"),
        Verdict::Fixable,
        Kind::ApiKey,
    );
    assert_eq!(
        codes(&r),
        vec![
            FindingCode::SurroundingWhitespace,
            FindingCode::Quotes,
            FindingCode::AssignmentPrefix
        ]
    );
    assert_eq!(r.cleaned.as_deref(), Some(k.as_str()));
    let assign = r
        .findings
        .iter()
        .find(|f| f.code == FindingCode::AssignmentPrefix)
        .unwrap();
    assert!(
        assign.detail.contains("ANTHROPIC_API_KEY"),
        "{}",
        assign.detail
    );
    assert_no_leak(&r, &k);
}

#[test]
fn shell_and_config_forms_are_fixable() {
    let k = api_key(13);
    let forms = [
        format!("ANTHROPIC_API_KEY={k}"),
        format!("ANTHROPIC_API_KEY = '{k}'"),
        format!("export ANTHROPIC_API_KEY='{k}'"),
        format!("set ANTHROPIC_API_KEY={k}"),
        format!("set \"ANTHROPIC_API_KEY={k}\""),
        format!("setx ANTHROPIC_API_KEY \"{k}\""),
        format!("$env:ANTHROPIC_API_KEY = \"{k}\""),
        format!("$Env:ANTHROPIC_API_KEY=\"{k}\""),
        format!("set -x ANTHROPIC_API_KEY {k}"),
        format!("set -gx ANTHROPIC_API_KEY \"{k}\""),
        format!("ANTHROPIC_API_KEY: {k}"),
        format!("  ANTHROPIC_API_KEY: \"{k}\""),
        format!("\"ANTHROPIC_API_KEY\": \"{k}\""),
        format!("\"ANTHROPIC_API_KEY\": \"{k}\","),
        format!("{{\"env\": {{\"ANTHROPIC_API_KEY\": \"{k}\"}}}}"),
        format!("{{\n  \"env\": {{\n    \"ANTHROPIC_API_KEY\": \"{k}\"\n  }}\n}}\n"),
        format!("- ANTHROPIC_API_KEY={k}"),
        format!("ENV ANTHROPIC_API_KEY {k}"),
        format!("ANTHROPIC_API_KEY={k} # work"),
        format!("$ export ANTHROPIC_API_KEY={k}"),
        format!("MY_SECRET={k}"),
        format!("anthropic_api_key = \"{k}\""),
        format!("[Environment]::SetEnvironmentVariable(\"ANTHROPIC_API_KEY\", \"{k}\", \"User\")"),
        format!("os.environ[\"ANTHROPIC_API_KEY\"] = \"{k}\""),
        format!("process.env.ANTHROPIC_API_KEY = '{k}';"),
        format!("API key: {k}"),
        format!("ANTHROPIC_API_KEY={k} claude -p hello"),
        format!("\"primaryApiKey\": \"{k}\","),
    ];
    for form in &forms {
        let r = analyze(form);
        assert_eq!(r.verdict, Verdict::Fixable, "{form:?} -> {r:?}");
        assert!(has(&r, FindingCode::AssignmentPrefix), "{r:?}");
        assert_eq!(r.cleaned.as_deref(), Some(k.as_str()));
        assert_no_leak(&r, &k);
    }
    let r = analyze(&format!("MY_SECRET={k}"));
    let f = r
        .findings
        .iter()
        .find(|f| f.code == FindingCode::AssignmentPrefix)
        .unwrap();
    assert!(f.detail.contains("does not read MY_SECRET"), "{}", f.detail);
}

#[test]
fn windows_set_quotes_and_odd_wrappers() {
    let k = api_key(24);
    let r = check(
        &format!("set ANTHROPIC_API_KEY=\"{k}\""),
        Verdict::Fixable,
        Kind::ApiKey,
    );
    let q = r
        .findings
        .iter()
        .find(|f| f.code == FindingCode::Quotes)
        .unwrap();
    assert!(q.detail.contains("keeps the quotes"), "{}", q.detail);
    let r = check(&format!("<{k}>"), Verdict::Fixable, Kind::ApiKey);
    assert_eq!(codes(&r), vec![FindingCode::Quotes]);
    let r = check(&format!("S{}", &k[1..]), Verdict::Invalid, Kind::ApiKey);
    assert_eq!(codes(&r), vec![FindingCode::BadCharset]);
    assert!(
        r.findings[0].detail.contains("capitalised"),
        "{}",
        r.findings[0].detail
    );
    assert_no_leak(&r, &k);
}

#[test]
fn header_forms_are_fixable() {
    let k = api_key(14);
    let forms = [
        format!("Bearer {k}"),
        format!("bearer {k}"),
        format!("Authorization: Bearer {k}"),
        format!("authorization:Bearer {k}"),
        format!("x-api-key: {k}"),
        format!("X-Api-Key:{k}"),
        format!("X-API-KEY: \"{k}\""),
        format!("-H \"x-api-key: {k}\""),
        format!("--header 'Authorization: Bearer {k}'"),
        format!(
            "curl https://api.anthropic.com/v1/messages -H \"x-api-key: {k}\" -H \"anthropic-version: 2023-06-01\""
        ),
    ];
    for form in &forms {
        let r = analyze(form);
        assert_eq!(r.verdict, Verdict::Fixable, "{form:?} -> {r:?}");
        assert!(has(&r, FindingCode::HeaderPrefix), "{r:?}");
        assert_eq!(r.cleaned.as_deref(), Some(k.as_str()));
        assert_no_leak(&r, &k);
    }
}

#[test]
fn whitespace_invisibles_and_quotes() {
    let k = api_key(15);
    for (input, code) in [
        (format!("{k}\r\n"), FindingCode::SurroundingWhitespace),
        (format!("\t{k} "), FindingCode::SurroundingWhitespace),
        (
            format!("\u{a0}{k}\u{a0}"),
            FindingCode::SurroundingWhitespace,
        ),
        (format!("{k}\\n"), FindingCode::SurroundingWhitespace),
        (format!("\u{feff}{k}"), FindingCode::InvisibleChar),
        (
            format!("{}\u{ad}{}", &k[..70], &k[70..]),
            FindingCode::InvisibleChar,
        ),
        (
            format!("{}\u{2060}\u{200d}{}", &k[..9], &k[9..]),
            FindingCode::InvisibleChar,
        ),
        (
            format!("\u{1b}[32m{k}\u{1b}[0m"),
            FindingCode::InvisibleChar,
        ),
        (format!("'{k}'"), FindingCode::Quotes),
        (format!("`{k}`"), FindingCode::Quotes),
        (format!("«{k}»"), FindingCode::Quotes),
        (format!("```\n{k}\n```"), FindingCode::Quotes),
        (
            format!("{}\r\n{}", &k[..40], &k[40..]),
            FindingCode::LineBreak,
        ),
        (
            format!("{}\n  {}\n{}", &k[..30], &k[30..70], &k[70..]),
            FindingCode::LineBreak,
        ),
        (format!("{k} {k}"), FindingCode::Duplicated),
        (format!("{k}\n{k}\n"), FindingCode::Duplicated),
        (format!("\"{k}\"\n\"{k}\""), FindingCode::Duplicated),
    ] {
        let r = analyze(&input);
        assert_eq!(r.verdict, Verdict::Fixable, "{code}: {r:?}");
        assert!(has(&r, code), "{code}: {r:?}");
        assert_eq!(r.cleaned.as_deref(), Some(k.as_str()), "{code}");
        assert_no_leak(&r, &k);
    }
    let r = analyze(&format!("{k}\n"));
    let f = &r.findings[0];
    assert!(f.detail.contains("line break"), "{}", f.detail);
    let r = analyze(&format!("{k}\r\n"));
    assert!(
        r.findings[0].detail.contains("Windows"),
        "{}",
        r.findings[0].detail
    );
    let r = analyze(&format!("“{k}”"));
    assert!(
        r.findings[0].detail.contains("curly"),
        "{}",
        r.findings[0].detail
    );
}

#[test]
fn noise_around_other_credentials_is_wrong_credential() {
    let t = oauth_token(16);
    let r = check(
        &format!("export CLAUDE_CODE_OAUTH_TOKEN=\"{t}\"\n"),
        Verdict::WrongCredential,
        Kind::OauthAccessToken,
    );
    assert_eq!(
        codes(&r),
        vec![
            FindingCode::SurroundingWhitespace,
            FindingCode::Quotes,
            FindingCode::AssignmentPrefix
        ]
    );
    assert_eq!(r.cleaned, None);
    assert_eq!(r.last20(), None);
    assert_eq!(
        r.redacted(),
        Some(format!("sk-ant-oat01-…{}", &t[t.len() - 4..]))
    );
    assert!(r.advice.contains("CLAUDE_CODE_OAUTH_TOKEN"), "{}", r.advice);
    assert!(
        r.advice.contains("never") || r.advice.contains("only"),
        "{}",
        r.advice
    );
    assert_no_leak(&r, &t);

    let r = check(
        &format!("ANTHROPIC_API_KEY={t}"),
        Verdict::WrongCredential,
        Kind::OauthAccessToken,
    );
    assert!(
        r.findings[0].detail.contains("wrong variable"),
        "{}",
        r.findings[0].detail
    );

    let p = format!("sk-or-v1-{}", hex(17, 64));
    let r = check(
        &format!("  \"{p}\"\n"),
        Verdict::WrongCredential,
        Kind::OtherProvider,
    );
    assert_eq!(r.provider, Some("openrouter"));
    assert!(has(&r, FindingCode::Quotes) && has(&r, FindingCode::SurroundingWhitespace));
    assert_no_leak(&r, &p);
}

#[test]
fn auth_token_variable_is_explained() {
    let k = api_key(18);
    let r = check(
        &format!("export ANTHROPIC_AUTH_TOKEN={k}"),
        Verdict::Fixable,
        Kind::ApiKey,
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.code == FindingCode::AssignmentPrefix)
        .unwrap();
    assert!(f.detail.contains("Authorization: Bearer"), "{}", f.detail);
    assert!(r.advice.contains("ANTHROPIC_API_KEY"));
    let r = analyze(&format!("CLAUDE_CODE_OAUTH_TOKEN={k}"));
    let f = r
        .findings
        .iter()
        .find(|f| f.code == FindingCode::AssignmentPrefix)
        .unwrap();
    assert!(f.detail.contains("setup-token"), "{}", f.detail);
}

// ------------------------------------------------------------------------------------------------------
// Damage
// ------------------------------------------------------------------------------------------------------

#[test]
fn truncated_says_how_many_are_missing() {
    let k = api_key(19);
    let r = check(&k[..100], Verdict::Invalid, Kind::ApiKey);
    assert_eq!(codes(&r), vec![FindingCode::Truncated]);
    let d = &r.findings[0].detail;
    assert!(d.contains("108") && d.contains("8 characters"), "{d}");
    assert_eq!(r.redacted(), None);
    assert_eq!(r.cleaned, None);
    assert_no_leak(&r, &k);
    let r = check("sk-ant-api03-", Verdict::Invalid, Kind::Placeholder);
    assert!(r.findings.is_empty());
    let a = admin_key(19);
    let r = check(&a[..109], Verdict::Invalid, Kind::AdminKey);
    assert!(
        r.findings[0].detail.contains("110"),
        "{}",
        r.findings[0].detail
    );
    let r = check(
        &oauth_token(19)[..30],
        Verdict::Invalid,
        Kind::OauthAccessToken,
    );
    assert!(has(&r, FindingCode::Truncated));
}

#[test]
fn too_long_bad_charset_bad_suffix() {
    let k = api_key(20);
    let r = check(&format!("{k}%"), Verdict::Invalid, Kind::ApiKey);
    assert!(has(&r, FindingCode::TooLong), "{r:?}");
    let r = check(
        &format!("{k}{}", &api_key(21)[..30]),
        Verdict::Invalid,
        Kind::ApiKey,
    );
    assert!(
        r.findings[0].detail.contains("first 108"),
        "{}",
        r.findings[0].detail
    );
    let r = check(&format!("{k};"), Verdict::Invalid, Kind::ApiKey);
    assert!(has(&r, FindingCode::TooLong));

    let r = check(
        &format!("{} {}", &k[..60], &k[61..]),
        Verdict::Invalid,
        Kind::ApiKey,
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.code == FindingCode::BadCharset)
        .expect("bad-charset");
    assert!(
        f.detail.contains("Position 61") && f.detail.contains("a space"),
        "{}",
        f.detail
    );
    let r = check(
        &format!("{}\u{a0}{}", &k[..30], &k[30..]),
        Verdict::Invalid,
        Kind::ApiKey,
    );
    assert_eq!(codes(&r), vec![FindingCode::BadCharset]);
    assert!(
        r.findings[0].detail.contains("non-breaking space"),
        "{}",
        r.findings[0].detail
    );
    let r = check(
        &format!("{}+{}", &k[..20], &k[21..]),
        Verdict::Invalid,
        Kind::ApiKey,
    );
    assert!(r.findings[0].detail.contains("Position 21") && r.findings[0].detail.contains("plus"));

    let r = check(&format!("{}xQ", &k[..106]), Verdict::Invalid, Kind::ApiKey);
    assert_eq!(codes(&r), vec![FindingCode::BadSuffix]);
    let r = check(
        &format!("{}Qx", &admin_key(20)[..108]),
        Verdict::Invalid,
        Kind::AdminKey,
    );
    assert_eq!(codes(&r), vec![FindingCode::BadSuffix]);
    assert_no_leak(&r, &k);
}

#[test]
fn look_alike_letters_are_damage() {
    let k = api_key(22);
    for (i, c) in [(20, 'а'), (50, 'Ο'), (70, 'е'), (100, 'ı')] {
        let mut s: Vec<char> = k.chars().collect();
        s[i] = c;
        let s: String = s.into_iter().collect();
        let r = check(&s, Verdict::Invalid, Kind::ApiKey);
        let f = r
            .findings
            .iter()
            .find(|f| f.code == FindingCode::NonLatin1)
            .expect("non-latin1");
        assert!(
            f.detail.contains(&format!("Position {}", i + 1)),
            "{}",
            f.detail
        );
        assert_eq!(r.cleaned, None);
        assert!(gateway_credential(&r).is_err());
        assert_no_leak(&r, &k);
    }
    // A Cyrillic letter in the prefix itself still names the kind.
    let r = check(&k.replacen('a', "а", 1), Verdict::Invalid, Kind::ApiKey);
    assert!(has(&r, FindingCode::NonLatin1));
    let r = check(&k.replacen('-', "–", 1), Verdict::Invalid, Kind::ApiKey);
    assert!(
        r.findings[0].detail.contains("dash"),
        "{}",
        r.findings[0].detail
    );
}

#[test]
fn masked_copies() {
    let k = api_key(23);
    for m in [
        format!("{}...{}", &k[..17], &k[104..]),
        format!("{}…{}", &k[..17], &k[104..]),
        format!("{}****************{}", &k[..17], &k[104..]),
        format!("sk-ant-api03-••••••••{}", &k[100..]),
        format!("sk-ant-api03-{}xxxxxxxxxxxx{}", &k[13..17], &k[104..]),
        format!("sk-ant-...{}", &k[88..]),
    ] {
        let r = analyze(&m);
        assert_eq!(r.verdict, Verdict::Invalid, "{r:?}");
        assert!(has(&r, FindingCode::Masked), "{r:?}");
        assert!(
            r.findings
                .iter()
                .any(|f| f.fix.contains("create a new key")),
            "{r:?}"
        );
        assert!(gateway_credential(&r).is_err());
        assert_no_leak(&r, &k);
    }
    let r = analyze(&format!("ANTHROPIC_API_KEY: sk-ant-...{}", &k[88..]));
    assert!(
        has(&r, FindingCode::Masked) && has(&r, FindingCode::AssignmentPrefix),
        "{r:?}"
    );
    let r = analyze(&format!("sk-proj-abcd...{}", &k[100..]));
    assert!(
        has(&r, FindingCode::Masked) && r.provider == Some("openai"),
        "{r:?}"
    );
}

// ------------------------------------------------------------------------------------------------------
// Placeholders, empty, unknown, whole files
// ------------------------------------------------------------------------------------------------------

#[test]
fn placeholders() {
    for p in [
        "sk-ant-your-key-here",
        "sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "sk-ant-api03-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…",
        "<your-api-key>",
        "your_api_key",
        "YOUR_KEY_HERE",
        "your-anthropic-api-key",
        "$ANTHROPIC_API_KEY",
        "${ANTHROPIC_API_KEY}",
        "%ANTHROPIC_API_KEY%",
        "$env:ANTHROPIC_API_KEY",
        "sk-ant-...",
        "...",
        "…",
        "changeme",
        "proxy-managed",
        "xxxxxxxxxxxxxxxx",
        "XXXXXXXX",
        "0000000000",
        "********",
        "••••••••",
        "ANTHROPIC_API_KEY",
        "${{ secrets.ANTHROPIC_API_KEY }}",
        "op://Private/Anthropic/credential",
        "$(security find-generic-password -s anthropic -w)",
        "<API_KEY>",
        "null",
        "\"$ANTHROPIC_API_KEY\"",
        "export ANTHROPIC_API_KEY=$MY_KEY",
        "-H \"x-api-key: $ANTHROPIC_API_KEY\"",
        "your api key here",
    ] {
        let r = analyze(p);
        assert_eq!(
            (r.verdict, r.kind),
            (Verdict::Invalid, Kind::Placeholder),
            "{p:?}: {r:?}"
        );
        assert!(gateway_credential(&r).is_err(), "{p:?}");
        assert_eq!(r.redacted(), None);
    }
    let r = analyze("$ANTHROPIC_API_KEY");
    assert!(r.advice.contains("expanded"), "{}", r.advice);
    assert!(r.headline.contains("ANTHROPIC_API_KEY"), "{}", r.headline);
    let r = analyze("proxy-managed");
    assert!(r.advice.contains("unset ANTHROPIC_API_KEY"), "{}", r.advice);
}

#[test]
fn empty_inputs() {
    for e in [
        "",
        " ",
        "\n",
        "\r\n\t ",
        "\u{200b}",
        "\u{feff}\u{200b} \n",
        "\u{a0}",
    ] {
        let r = check(e, Verdict::Empty, Kind::Empty);
        assert_eq!(r.cleaned, None);
        assert_eq!(r.redacted(), None);
        assert!(gateway_credential(&r).is_err());
    }
    assert!(has(&analyze("\u{200b}"), FindingCode::InvisibleChar));
}

#[test]
fn unknown_texts() {
    for u in [
        "hunter2",
        "sk-1234",
        "AbCdEf0123456789AbCdEf0123456789",
        "https://api.anthropic.com",
    ] {
        check(u, Verdict::Invalid, Kind::Unknown);
    }
    let r = check("hello world", Verdict::Invalid, Kind::Unknown);
    assert!(has(&r, FindingCode::TooLong));
    let r = analyze("https://claude.ai/code/session_0123456789abcdefXYZ");
    assert!(r.advice.contains("secret"), "{}", r.advice);
    let jwt = format!(
        "eyJ{}.eyJ{}.{}",
        alnum(30, 20),
        alnum(31, 40),
        alnum(32, 43)
    );
    let r = check(&jwt, Verdict::Invalid, Kind::Unknown);
    assert!(r.headline.contains("JWT"));
    assert!(r.advice.contains("ANTHROPIC_AUTH_TOKEN"));
}

#[test]
fn whole_files_and_messages() {
    let (t, rt) = (oauth_token(40), refresh_token(41));
    let creds = format!(
        "{{\"claudeAiOauth\":{{\"accessToken\":\"{t}\",\"refreshToken\":\"{rt}\",\"expiresAt\":1767225600000,\"scopes\":[\"user:inference\"]}}}}"
    );
    let r = check(&creds, Verdict::Invalid, Kind::OauthAccessToken);
    assert!(has(&r, FindingCode::TooLong), "{r:?}");
    assert!(all_text(&r).contains("leaked"), "{}", all_text(&r));
    assert_no_leak(&r, &t);
    assert_no_leak(&r, &rt);

    let k = api_key(42);
    let env_file = format!(
        "# Claude\nANTHROPIC_BASE_URL=https://example.com\nANTHROPIC_API_KEY={k}\nDEBUG=1\n"
    );
    let r = check(&env_file, Verdict::Invalid, Kind::ApiKey);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == FindingCode::TooLong)
        .unwrap();
    assert!(
        f.detail.contains("4 lines") && f.detail.contains("line 3"),
        "{}",
        f.detail
    );
    assert_no_leak(&r, &k);

    let r = check(
        &format!("here is my key {k} thanks!"),
        Verdict::Invalid,
        Kind::ApiKey,
    );
    assert!(has(&r, FindingCode::TooLong));
    assert_no_leak(&r, &k);

    let two = format!("{k}\n{}", api_key(43));
    let r = check(&two, Verdict::Invalid, Kind::ApiKey);
    assert!(
        r.findings[0].detail.contains("2 credentials"),
        "{}",
        r.findings[0].detail
    );
}

#[test]
fn huge_inputs_complete() {
    let k = api_key(44);
    let noise: String = body(45, 1 << 20);
    let r = check(&noise, Verdict::Invalid, Kind::Unknown);
    assert_eq!(codes(&r), vec![FindingCode::TooLong]);
    let log = format!(
        "{}\n{k}\n{}",
        "log line\n".repeat(150_000),
        "x".repeat(1 << 20)
    );
    let r = check(&log, Verdict::Invalid, Kind::Unknown);
    assert!(
        r.findings[0].detail.contains("lines"),
        "{}",
        r.findings[0].detail
    );
    assert!(
        r.findings[0].detail.contains("sk-ant-"),
        "{}",
        r.findings[0].detail
    );
    assert_no_leak(&r, &k);
    // Padding of whitespace or invisibles is trimmed first, so a key inside a megabyte of it is still found.
    let padded = format!("{}{k}{}", " ".repeat(1 << 20), "\u{200b}".repeat(1 << 18));
    let r = check(&padded, Verdict::Fixable, Kind::ApiKey);
    assert_eq!(r.cleaned.as_deref(), Some(k.as_str()));
    // Worst cases for the scanners: many separators, quotes, prefixes.
    for unit in [
        "sk-ant-", "\"", "=", " x", "\n", "{\"a\":", "AKIA", "-H ", "curl ", "…", "а",
    ] {
        let s = unit.repeat((1 << 20) / unit.len());
        let r = analyze(&s);
        assert!(
            matches!(r.verdict, Verdict::Invalid | Verdict::Empty),
            "{unit:?}"
        );
        let s = unit.repeat(4000 / unit.len());
        let r = analyze(&s);
        assert!(
            matches!(r.verdict, Verdict::Invalid | Verdict::Empty),
            "{unit:?}"
        );
    }
}

// ------------------------------------------------------------------------------------------------------
// Providers
// ------------------------------------------------------------------------------------------------------

fn provider_samples() -> Vec<(String, &'static str, &'static str)> {
    vec![
        (
            format!("sk-proj-{}T3BlbkFJ{}", alnum(50, 74), alnum(51, 74)),
            "openai",
            "sk-proj-",
        ),
        (
            format!("sk-svcacct-{}T3BlbkFJ{}", alnum(52, 58), alnum(53, 58)),
            "openai",
            "sk-svcacct-",
        ),
        (
            format!("sk-admin-{}T3BlbkFJ{}", alnum(52, 58), alnum(53, 58)),
            "openai",
            "sk-admin-",
        ),
        (
            format!("sk-{}T3BlbkFJ{}", alnum(54, 20), alnum(55, 20)),
            "openai",
            "sk-",
        ),
        (
            format!("sk-or-v1-{}", hex(56, 64)),
            "openrouter",
            "sk-or-v1-",
        ),
        (format!("AIza{}", body(57, 35)), "google", "AIza"),
        (format!("AKIA{}", upper(58, 16)), "aws", "AKIA"),
        (format!("ASIA{}", upper(59, 16)), "aws", "ASIA"),
        (format!("ABSK{}", alnum(60, 130)), "aws-bedrock", "ABSK"),
        (
            format!("bedrock-api-key-{}", alnum(61, 300)),
            "aws-bedrock",
            "bedrock-api-key-",
        ),
        (format!("xai-{}", alnum(62, 80)), "xai", "xai-"),
        (format!("gsk_{}", alnum(63, 52)), "groq", "gsk_"),
        (format!("sk-{}", hex(64, 32)), "deepseek", "sk-"),
        (format!("hf_{}", alnum(65, 34)), "huggingface", "hf_"),
        (
            format!("api_org_{}", alnum(66, 34)),
            "huggingface",
            "api_org_",
        ),
        (format!("pplx-{}", alnum(67, 48)), "perplexity", "pplx-"),
        (format!("ghp_{}", alnum(68, 36)), "github", "ghp_"),
        (
            format!("github_pat_{}", alnum(69, 82)),
            "github",
            "github_pat_",
        ),
        (format!("{}.{}", hex(70, 32), alnum(71, 16)), "zai", ""),
        (format!("ya29.{}", body(72, 150)), "google", "ya29."),
    ]
}

#[test]
fn every_provider_in_the_table_is_recognised() {
    let samples = provider_samples();
    for code in providers::codes() {
        assert!(
            samples.iter().any(|(_, c, _)| *c == code),
            "no sample for provider {code}"
        );
    }
    for (token, code, prefix) in &samples {
        let r = check(token, Verdict::WrongCredential, Kind::OtherProvider);
        assert_eq!(r.provider, Some(*code), "{token:.12}");
        assert_eq!(
            r.provider_name,
            providers::identify(token).map(|m| m.provider.name)
        );
        assert!(r.provider_name.is_some());
        assert!(r.advice.contains("cannot use it"), "{}", r.advice);
        assert_eq!(r.cleaned, None);
        let red = r.redacted().expect("redacted");
        assert_eq!(red, format!("{prefix}…{}", &token[token.len() - 4..]));
        assert_no_leak(&r, token);
        // With noise around it: still the provider, still wrong-credential.
        let r = check(
            &format!("export OTHER_KEY=\"{token}\"\n"),
            Verdict::WrongCredential,
            Kind::OtherProvider,
        );
        assert_eq!(r.provider, Some(*code));
    }
    for row in providers::PROVIDERS {
        assert!(!row.note.is_empty() && !row.name.is_empty() && !row.what.is_empty());
        assert_eq!(providers::by_code(row.code).map(|p| p.code), Some(row.code));
    }
}

#[test]
fn provider_with_slightly_different_length_is_still_named() {
    for (token, code) in [
        (format!("xai-{}", alnum(73, 76)), "xai"),
        (format!("gsk_{}", alnum(74, 56)), "groq"),
        (format!("AIza{}", body(75, 33)), "google"),
        (format!("sk-or-v1-{}", hex(76, 60)), "openrouter"),
        (format!("pplx-{}", alnum(77, 50)), "perplexity"),
    ] {
        let r = analyze(&token);
        assert_eq!(r.provider, Some(code), "{r:?}");
        assert_eq!(r.kind, Kind::OtherProvider);
        assert_eq!(r.verdict, Verdict::WrongCredential, "{r:?}");
    }
    // Far off: still named, but invalid.
    let r = analyze(&format!("xai-{}", alnum(78, 20)));
    assert_eq!((r.provider, r.verdict), (Some("xai"), Verdict::Invalid));
    assert!(has(&r, FindingCode::Truncated));
    // A bare sk- key of another shape (e.g. a LiteLLM virtual key) is not claimed by any provider.
    let r = analyze("sk-litellm-0123456789");
    assert_eq!((r.kind, r.provider), (Kind::Unknown, None));
}

// ------------------------------------------------------------------------------------------------------
// Accessors
// ------------------------------------------------------------------------------------------------------

#[test]
fn redacted_and_last20() {
    let k = api_key(80);
    let r = analyze(&format!("  '{k}'\n"));
    assert_eq!(r.redacted(), Some(format!("sk-ant-api03-…{}", &k[104..])));
    assert_eq!(r.last20().as_deref(), Some(&k[88..]));
    let r = analyze(&admin_key(81));
    assert!(r.redacted().unwrap().starts_with("sk-ant-admin01-…"));
    assert_eq!(r.last20(), None);
    for bad in [&k[..80], "hello", ""] {
        let r = analyze(bad);
        assert_eq!(r.redacted(), None);
        assert_eq!(r.last20(), None);
    }
}

#[test]
fn gateway_credential_rules() {
    let k = api_key(82);
    assert_eq!(
        gateway_credential(&analyze(&format!("Bearer {k}\n"))),
        Ok(k.clone())
    );
    assert_eq!(
        gateway_credential(&analyze("sk-1234")),
        Ok("sk-1234".to_string())
    );
    assert_eq!(
        gateway_credential(&analyze("  \"sk-litellm-virtual-key_42\"\n")),
        Ok("sk-litellm-virtual-key_42".into())
    );
    assert_eq!(
        gateway_credential(&analyze("export ANTHROPIC_AUTH_TOKEN=gw-0123")),
        Ok("gw-0123".into())
    );
    let or = format!("sk-or-v1-{}", hex(84, 64));
    assert_eq!(gateway_credential(&analyze(&or)), Ok(or));
    for bad in [
        "".to_string(),
        "two words".to_string(),
        "line\nbreak".to_string(),
        "caf\u{e9}-key".to_string(),
        "ключ-key".to_string(),
        refresh_token(85),
        session_cookie(86),
        admin_key(87),
        "your-api-key".to_string(),
        "x".repeat(10_000),
        oauth_token(83),
    ] {
        let r = analyze(&bad);
        let e = gateway_credential(&r).expect_err("should refuse");
        assert!(!e.is_empty());
        assert_no_leak(&r, &bad);
    }
}

#[test]
fn debug_output_never_shows_the_key() {
    let k = api_key(88);
    for input in [
        k.clone(),
        format!("x-api-key: {k}"),
        k[..90].to_string(),
        format!("{k}zz"),
    ] {
        let r = analyze(&input);
        let dbg = format!("{r:?}");
        assert!(!dbg.contains(&k[13..30]), "{dbg}");
        assert!(dbg.contains("verdict"));
    }
}

#[test]
fn no_text_contains_the_key() {
    let k = api_key(89);
    let o = oauth_token(90);
    let inputs = [
        k.clone(),
        format!("{k}\n"),
        format!("\"{k}\""),
        format!("export ANTHROPIC_API_KEY={k}"),
        format!("{k}{k}"),
        k[..50].to_string(),
        format!("{k}EXTRA"),
        format!("{}!{}", &k[..50], &k[51..]),
        format!("{}а{}", &k[..50], &k[51..]),
        format!("{}...", &k[..60]),
        format!("my key: {k}"),
        format!("{k} {o}"),
        o.clone(),
        format!("Authorization: Bearer {o}"),
        admin_key(91),
        refresh_token(92),
        session_cookie(93),
    ];
    for input in &inputs {
        let r = analyze(input);
        assert_no_leak(&r, &k);
        assert_no_leak(&r, &o);
    }
}

// ------------------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------------------

fn key_body() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(KEY_CHARS.to_vec()), 93)
        .prop_map(|v| v.into_iter().map(char::from).collect::<String>())
        // A body of one repeated character is a placeholder ("sk-ant-api03-xxxx…"), not a key.
        .prop_filter("real keys are not filler", |b| {
            b.chars().collect::<BTreeSet<_>>().len() > 4
        })
}

fn invariants(r: &KeyReport) {
    assert_eq!(
        r.cleaned.is_some(),
        matches!(r.verdict, Verdict::Ok | Verdict::Fixable),
        "{r:?}"
    );
    if let Some(c) = &r.cleaned {
        assert_eq!(c.len(), CONSOLE_KEY_LEN);
        assert!(c.starts_with("sk-ant-api03-") && c.ends_with("AA"));
        assert!(c.bytes().all(|b| KEY_CHARS.contains(&b)));
        assert_eq!(r.kind, Kind::ApiKey);
    }
    if r.verdict == Verdict::Ok {
        assert!(r.findings.is_empty());
    }
    if r.verdict == Verdict::Fixable {
        assert!(!r.findings.is_empty());
    }
    if matches!(
        r.verdict,
        Verdict::Ok | Verdict::Fixable | Verdict::WrongCredential
    ) {
        assert!(
            r.findings
                .iter()
                .all(|f| f.code <= FindingCode::Duplicated && f.code != FindingCode::NonLatin1),
            "{r:?}"
        );
        assert!(r.redacted().is_some(), "{r:?}");
    } else {
        assert_eq!(r.redacted(), None);
    }
    assert_eq!(r.provider.is_some(), r.kind == Kind::OtherProvider, "{r:?}");
    assert_eq!(r.provider.is_some(), r.provider_name.is_some());
    let mut seen = BTreeSet::new();
    assert!(
        r.findings.iter().all(|f| seen.insert(f.code)),
        "duplicate finding codes: {r:?}"
    );
    assert!(!r.headline.is_empty() && !r.advice.is_empty());
    if let Ok(v) = gateway_credential(r) {
        assert!(!v.is_empty() && v.chars().all(|c| ('\u{21}'..='\u{7e}').contains(&c)));
    }
}

/// Characters and fragments that exercise every parser branch.
fn tricky_text() -> impl Strategy<Value = String> {
    let atoms = prop_oneof![
        Just("sk-ant-".to_string()),
        Just("api03-".to_string()),
        Just("oat01-".to_string()),
        Just("AA".to_string()),
        Just("export ".to_string()),
        Just("ANTHROPIC_API_KEY".to_string()),
        Just("=".to_string()),
        Just(":".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("“".to_string()),
        Just("Bearer ".to_string()),
        Just("x-api-key:".to_string()),
        Just("curl ".to_string()),
        Just("-H ".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(",".to_string()),
        Just("$".to_string()),
        Just("%".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just("•".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{1b}[".to_string()),
        Just("а".to_string()),
        Just("x".to_string()),
        Just("AKIA".to_string()),
        Just("sk-".to_string()),
        "[A-Za-z0-9_-]{1,20}".prop_map(|s| s),
    ];
    proptest::collection::vec(atoms, 0..24).prop_map(|v| v.concat())
}

#[derive(Clone, Debug)]
struct Wrap {
    line_break: Option<(usize, &'static str)>,
    invisible: Vec<(usize, char)>,
    dup: usize,
    quotes: usize,
    prefix: usize,
    name: usize,
    lead: usize,
    trail: usize,
}

fn wrap_strategy() -> impl Strategy<Value = Wrap> {
    (
        proptest::option::of((
            1usize..107,
            proptest::sample::select(vec!["\n", "\r\n", "\n  ", " \n"]),
        )),
        proptest::collection::vec(
            (
                0usize..109,
                proptest::sample::select(vec![
                    '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}',
                ]),
            ),
            0..3,
        ),
        0usize..4,
        0usize..6,
        0usize..18,
        0usize..5,
        0usize..6,
        0usize..6,
    )
        .prop_map(
            |(line_break, invisible, dup, quotes, prefix, name, lead, trail)| Wrap {
                line_break,
                invisible,
                dup,
                quotes,
                prefix,
                name,
                lead,
                trail,
            },
        )
}

const NAMES: [&str; 5] = [
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "MY_KEY",
    "anthropic_api_key",
    "api_key",
];
const WS: [&str; 6] = ["", " ", "\t", "\n", "\r\n", "\u{a0}"];

fn apply(key: &str, w: &Wrap) -> String {
    let mut chars: Vec<String> = key.chars().map(String::from).collect();
    for &(pos, c) in &w.invisible {
        let p = pos.min(chars.len());
        chars.insert(p, c.to_string());
    }
    if let Some((pos, br)) = w.line_break {
        let p = pos.clamp(1, chars.len() - 1);
        chars.insert(p, br.to_string());
    }
    let k: String = chars.concat();
    let k = match w.dup {
        1 => format!("{k}{k}"),
        2 => format!("{k} {k}"),
        3 => format!("{k}\n{k}"),
        _ => k,
    };
    let k = match w.quotes {
        1 => format!("\"{k}\""),
        2 => format!("'{k}'"),
        3 => format!("“{k}”"),
        4 => format!("`{k}`"),
        _ => k,
    };
    let n = NAMES[w.name];
    let s = match w.prefix {
        1 => format!("export {n}={k}"),
        2 => format!("{n}={k}"),
        3 => format!("set {n}={k}"),
        4 => format!("setx {n} {k}"),
        5 => format!("$env:{n} = {k}"),
        6 => format!("set -x {n} {k}"),
        7 => format!("set -gx {n} {k}"),
        8 => format!("{n}: {k}"),
        9 => format!("\"{n}\": {k},"),
        10 => format!("Bearer {k}"),
        11 => format!("Authorization: Bearer {k}"),
        12 => format!("x-api-key: {k}"),
        13 => format!("X-Api-Key:{k}"),
        14 => format!("-H \"x-api-key: {k}\""),
        15 => format!("{{\"env\": {{\"{n}\": {k}}}}}"),
        16 => format!("declare -x {n}={k}"),
        _ => k,
    };
    format!("{}{s}{}", WS[w.lead], WS[w.trail])
}

proptest! {
    // No regression file next to the tests; failures print their minimal input.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]


    #[test]
    fn arbitrary_unicode_never_panics(chars in proptest::collection::vec(any::<char>(), 0..300)) {
        let s: String = chars.into_iter().collect();
        invariants(&analyze(&s));
    }

    #[test]
    fn tricky_fragments_never_panic(s in tricky_text()) {
        invariants(&analyze(&s));
    }

    #[test]
    fn valid_keys_are_ok(b in key_body()) {
        let k = format!("sk-ant-api03-{b}AA");
        let r = analyze(&k);
        prop_assert_eq!(r.verdict, Verdict::Ok, "{:?}", r);
        prop_assert_eq!(r.cleaned.as_deref(), Some(k.as_str()));
        prop_assert_eq!(r.last20(), Some(k[88..].to_string()));
    }

    #[test]
    fn noise_around_valid_keys_is_fixable(b in key_body(), w in wrap_strategy()) {
        let k = format!("sk-ant-api03-{b}AA");
        let input = apply(&k, &w);
        let r = analyze(&input);
        let expected = if input == k { Verdict::Ok } else { Verdict::Fixable };
        prop_assert_eq!(r.verdict, expected, "{:?} {:?}", w, r);
        prop_assert_eq!(r.cleaned.as_deref(), Some(k.as_str()));
        prop_assert_eq!(gateway_credential(&r), Ok(k.clone()));
        invariants(&r);
        assert_no_leak(&r, &k);
    }

    #[test]
    fn noise_around_oauth_tokens_is_wrong_credential(b in key_body(), w in wrap_strategy()) {
        let t = format!("sk-ant-oat01-{b}AA");
        let r = analyze(&apply(&t, &w));
        prop_assert_eq!((r.verdict, r.kind), (Verdict::WrongCredential, Kind::OauthAccessToken), "{:?} {:?}", w, r);
        prop_assert!(r.cleaned.is_none());
        invariants(&r);
        assert_no_leak(&r, &t);
    }

    #[test]
    fn cut_or_damaged_keys_are_never_ok(b in key_body(), cut in 13usize..107, bad in 13usize..108, c in any::<char>()) {
        let k = format!("sk-ant-api03-{b}AA");
        let r = analyze(&k[..cut]);
        prop_assert_eq!(r.verdict, Verdict::Invalid, "{:?}", r);
        invariants(&r);
        let mut v: Vec<char> = k.chars().collect();
        v[bad] = c;
        let damaged: String = v.into_iter().collect();
        let r = analyze(&damaged);
        invariants(&r);
        if damaged != k && !c.is_ascii_alphanumeric() && c != '_' && c != '-' {
            prop_assert!(r.verdict != Verdict::Ok, "{:?}", r);
        }
    }
}

#[test]
fn a_gateway_s_own_credential_is_unjudged_not_wrong() {
    use claude_auth_doctor::core::key::Destination;
    let bearer = Destination::Gateway(AuthScheme::Bearer);
    let virtual_key = format!("sk-{}", chars_from(91, 48, KEY_CHARS));
    let plain = analyze(&virtual_key);
    assert_ne!(
        plain.verdict,
        Verdict::Unjudged,
        "judged against Anthropic's shapes: {plain:?}"
    );
    let r = analyze(&virtual_key).for_destination(bearer);
    assert_eq!(r.verdict, Verdict::Unjudged, "{r:?}");
    assert!(r.findings.is_empty(), "{r:?}");
    assert!(r.advice.contains("ANTHROPIC_AUTH_TOKEN"), "{}", r.advice);
    assert!(r.headline.contains("live test"));
    assert_eq!(gateway_credential(&r), Ok(virtual_key.clone()));
    assert_no_leak(&r, &virtual_key);
    // The header the gateway reads decides the variable.
    let x_api_key =
        analyze("gw-0123456789abcdef").for_destination(Destination::Gateway(AuthScheme::XApiKey));
    assert_eq!(x_api_key.verdict, Verdict::Unjudged);
    assert!(x_api_key
        .advice
        .contains("ANTHROPIC_API_KEY (Claude Code sends it as x-api-key"));
    // Noise still applies and makes it fixable.
    let wrapped = analyze(&format!("export ANTHROPIC_AUTH_TOKEN=\"{virtual_key}\"\n"))
        .for_destination(bearer);
    assert_eq!(wrapped.verdict, Verdict::Fixable, "{wrapped:?}");
    assert!(has(&wrapped, FindingCode::AssignmentPrefix) && has(&wrapped, FindingCode::Quotes));
    // What no gateway can take stays invalid: masked, spaces inside, a placeholder.
    for text in ["sk-...************abcd", "two words", "your-api-key"] {
        let r = analyze(text).for_destination(bearer);
        assert_eq!(r.verdict, Verdict::Invalid, "{text}: {r:?}");
    }
    // An Anthropic key is still judged, and the advice says what a gateway makes of it.
    let key = api_key(92);
    let r = analyze(&key).for_destination(bearer);
    assert_eq!(r.verdict, Verdict::Ok);
    assert!(
        r.advice.contains("most gateways issue their own key"),
        "{}",
        r.advice
    );
    // For Anthropic's API nothing changes.
    assert_eq!(
        analyze(&virtual_key).for_destination(Destination::Anthropic),
        analyze(&virtual_key)
    );
}
