//! Applies the order to what the text shows: which value of each variable applies (a settings `env` value beats
//! the shell's, `""` there cancels it), which row is usable, which wins, and each source's state. What Claude Code
//! itself reports (`/status`, `claude auth status`) is authoritative where it says what is in use.

use super::blocks::{Authority, Entry, Said, Scan};
use super::order::{self, Carrier, Expect, Header, Rank, BASE_URL, ORDER};
use super::values::{Masked, Raw};
use super::{
    BaseUrl, BlockKind, Damage, KeyCheck, Layer, Origin, SecretValue, SettingsScope, Source, Value,
};
use crate::core::codes::{Auth, FindingCode, Kind, SourceCode, SourceState, Verdict};
use crate::core::key;
use crate::core::setup::Setup;

/// The key-check findings that are noise around a value (as opposed to the value itself being wrong).
const NOISE: &[FindingCode] = &[
    FindingCode::SurroundingWhitespace,
    FindingCode::LineBreak,
    FindingCode::InvisibleChar,
    FindingCode::NonLatin1,
    FindingCode::Quotes,
    FindingCode::AssignmentPrefix,
    FindingCode::HeaderPrefix,
    FindingCode::Duplicated,
];

/// Findings that say an Anthropic-shaped value is not whole.
const BROKEN: &[FindingCode] = &[
    FindingCode::Truncated,
    FindingCode::TooLong,
    FindingCode::BadCharset,
    FindingCode::BadSuffix,
];

/// At most this many places are kept for one source (a paste that repeats a line a thousand times is one source).
const MAX_ORIGINS: usize = 16;

/// Kinds that must never be sent as a credential.
const NEVER_SENT: &[Kind] = &[
    Kind::OauthRefreshToken,
    Kind::SessionCookie,
    Kind::AdminKey,
    Kind::Placeholder,
];

/// One variable in one layer, with every place the text shows it.
#[derive(Debug)]
struct Group {
    name: &'static str,
    layer: Layer,
    origins: Vec<Origin>,
    value: Value,
    /// Set to something Claude Code would use for selection (non-empty; a switch that is on).
    usable: bool,
    /// Why it is not usable, when it is not.
    unusable: Option<String>,
}

/// The outcome of [`decide`].
pub(super) struct Decided {
    pub sources: Vec<Source>,
    pub winner: SourceCode,
    pub summary: String,
    pub base_url: Option<BaseUrl>,
    /// The winner, when Claude Code's `Not logged in · Please run /login` means the server refused it.
    pub refused: Option<SourceCode>,
}

fn scope_rank(layer: Layer) -> u8 {
    match layer {
        Layer::Shell | Layer::Reported => 0,
        Layer::Settings(None) => 1,
        Layer::Settings(Some(scope)) => 2 + scope as u8,
    }
}

/// `https://user:secret@host/x` → `https://host/x`; at most 200 characters.
fn without_userinfo(url: &str) -> String {
    let trimmed = url.trim();
    let cleaned = match trimmed.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find('/').unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
                None => trimmed.to_string(),
            }
        }
        None => trimmed.to_string(),
    };
    cleaned.chars().take(200).collect()
}

/// Whether a base URL is Anthropic's API.
pub(super) fn is_anthropic(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', ':', '?']).next().unwrap_or("");
    host.eq_ignore_ascii_case("api.anthropic.com")
}

fn noise_in(codes: &[FindingCode]) -> Vec<FindingCode> {
    codes
        .iter()
        .copied()
        .filter(|c| NOISE.contains(c))
        .collect()
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::ApiKey => "a Console API key (sk-ant-api03-)",
        Kind::AdminKey => "an Admin API key",
        Kind::OauthAccessToken => "an OAuth access token (sk-ant-oat01-)",
        Kind::OauthRefreshToken => "an OAuth refresh token (sk-ant-ort01-)",
        Kind::SessionCookie => "a claude.ai session cookie",
        Kind::AnthropicUnknown => "an Anthropic credential of an unknown kind",
        Kind::OtherProvider => "another provider's key",
        Kind::Placeholder => "a placeholder",
        Kind::Empty => "nothing",
        Kind::Unknown => "a value of unknown shape",
    }
}

fn codes_text(codes: &[FindingCode]) -> String {
    codes
        .iter()
        .map(|c| match c {
            FindingCode::SurroundingWhitespace => "spaces or a line break around it",
            FindingCode::LineBreak => "a line break inside it",
            FindingCode::InvisibleChar => "an invisible character",
            FindingCode::NonLatin1 => "a character a header cannot carry (a curly quote, an emoji)",
            FindingCode::Quotes => "quotes that are sent as part of it",
            FindingCode::AssignmentPrefix => "an `export NAME=` in the value",
            FindingCode::HeaderPrefix => "a header name in the value",
            FindingCode::Duplicated => "the same key twice",
            FindingCode::Truncated => "a cut-off end",
            FindingCode::TooLong => "extra characters",
            FindingCode::BadCharset => "characters a key never has",
            FindingCode::BadSuffix => "a wrong ending",
            FindingCode::Masked => "a masked copy",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is wrong with a value of `kind` with `codes` in variable `name`, if anything.
fn damage(
    name: &str,
    expect: Expect,
    kind: Option<Kind>,
    codes: &[FindingCode],
    anthropic: bool,
) -> Option<Damage> {
    let noise = noise_in(codes);
    let broken: Vec<FindingCode> = codes
        .iter()
        .copied()
        .filter(|c| BROKEN.contains(c))
        .collect();
    let anthropic_shaped = matches!(
        kind,
        Some(Kind::ApiKey | Kind::OauthAccessToken | Kind::AnthropicUnknown | Kind::AdminKey)
    );
    let wrong_kind = match (expect, kind) {
        (_, Some(k)) if NEVER_SENT.contains(&k) => Some(k),
        // An OAuth token in the key variable goes out as x-api-key, which nothing accepts, gateway or not.
        (Expect::ConsoleKey, Some(Kind::OauthAccessToken)) => Some(Kind::OauthAccessToken),
        (Expect::ConsoleKey, Some(k)) if anthropic && k != Kind::ApiKey && k != Kind::Unknown => {
            Some(k)
        }
        (Expect::OauthToken, Some(k)) if k != Kind::OauthAccessToken && k != Kind::Unknown => {
            Some(k)
        }
        (Expect::AnyToken, Some(Kind::ApiKey)) if anthropic => Some(Kind::ApiKey),
        _ => None,
    };
    if let Some(k) = wrong_kind {
        let reason = match (expect, k) {
            (_, Kind::Placeholder) => format!("{name} holds a placeholder, not a credential."),
            (Expect::ConsoleKey, Kind::OauthAccessToken) => format!(
                "{name} holds {}: sent as x-api-key it is rejected with `invalid x-api-key`; it belongs in \
                 CLAUDE_CODE_OAUTH_TOKEN.",
                kind_name(k)
            ),
            (Expect::AnyToken, Kind::ApiKey) => format!(
                "{name} holds {}: it goes out as `Authorization: Bearer`, which api.anthropic.com answers with \
                 `Invalid bearer token`; it belongs in ANTHROPIC_API_KEY.",
                kind_name(k)
            ),
            _ => format!("{name} holds {}, which does not work there.", kind_name(k)),
        };
        return Some(Damage {
            codes: noise,
            wrong_kind: Some(k),
            reason,
        });
    }
    let mut found = noise;
    if anthropic_shaped
        || expect == Expect::OauthToken
        || (expect == Expect::ConsoleKey && anthropic)
    {
        found.extend(broken);
    }
    (!found.is_empty()).then(|| Damage {
        reason: format!("{name} has {}.", codes_text(&found)),
        codes: found,
        wrong_kind: None,
    })
}

/// The shown form of a secret's full value, with the key check for its variable.
fn full_secret(name: &str, expect: Expect, value: &str, anthropic: bool) -> SecretValue {
    let report = key::analyze(value);
    let findings: Vec<FindingCode> = report.findings.iter().map(|f| f.code).collect();
    let length = Some(value.chars().count());
    if findings.contains(&FindingCode::Masked) {
        return SecretValue {
            redacted: None,
            length: None,
            masked: true,
            check: None,
            damage: None,
        };
    }
    let known_kind = (report.kind != Kind::Empty).then_some(report.kind);
    let mut damage = damage(name, expect, known_kind, &findings, anthropic);
    if damage.is_none()
        && expect == Expect::ConsoleKey
        && anthropic
        && report.verdict != Verdict::Ok
    {
        damage = Some(Damage {
            codes: findings.clone(),
            wrong_kind: (report.verdict == Verdict::WrongCredential).then_some(report.kind),
            reason: format!("{name}: {}", report.headline),
        });
    }
    SecretValue {
        redacted: report.redacted(),
        length,
        masked: false,
        check: Some(KeyCheck {
            verdict: report.verdict,
            kind: report.kind,
            findings,
        }),
        damage,
    }
}

fn masked_secret(name: &str, expect: Expect, m: &Masked, anthropic: bool) -> SecretValue {
    let mut codes = m.problems.clone();
    if let (Some(Kind::ApiKey), Some(len)) = (m.kind(), m.length) {
        // A length is judged only when nothing else (a line break, spaces) already changes it.
        if anthropic && expect == Expect::ConsoleKey && codes.is_empty() {
            if len < key::CONSOLE_KEY_LEN {
                codes.push(FindingCode::Truncated);
            } else if len > key::CONSOLE_KEY_LEN {
                codes.push(FindingCode::TooLong);
            }
        }
    }
    SecretValue {
        redacted: m.redacted(),
        length: m.length,
        masked: true,
        check: None,
        damage: damage(name, expect, m.kind(), &codes, anthropic),
    }
}

/// The shown value of one entry.
fn shown(entry: &Entry, anthropic: bool) -> Value {
    let name = entry.name;
    let carrier = order::row(name).map(|r| r.carrier);
    match (&entry.raw, carrier) {
        (Raw::Empty, _) if matches!(entry.layer, Layer::Settings(_)) => Value::Cancelled,
        (Raw::Empty, _) => Value::Empty,
        (Raw::Computed, _) => Value::Computed,
        (Raw::Full(v), Some(Carrier::Secret(_, expect))) => {
            Value::Secret(full_secret(name, expect, v, anthropic))
        }
        (Raw::Masked(m), Some(Carrier::Secret(_, expect))) => {
            Value::Secret(masked_secret(name, expect, m, anthropic))
        }
        (Raw::Full(v), Some(Carrier::Helper)) => Value::Secret(SecretValue {
            redacted: None,
            length: Some(v.chars().count()),
            masked: false,
            check: None,
            damage: None,
        }),
        (Raw::Masked(m), _) => Value::Secret(SecretValue {
            redacted: None,
            length: m.length,
            masked: true,
            check: None,
            damage: None,
        }),
        (Raw::Full(v), _) if name == BASE_URL => Value::Plain(without_userinfo(v)),
        (Raw::Full(v), _) => Value::Plain(v.chars().take(200).collect()),
    }
}

fn same_origin(a: &Origin, b: &Origin) -> bool {
    a.block == b.block && a.file == b.file && a.line == b.line && a.paste_line == b.paste_line
}

/// Groups entries by variable and layer; the value of the most telling entry (a listing over a profile line, the
/// last of equals) counts.
fn groups(entries: &[Entry], anthropic: bool) -> Vec<Group> {
    let mut out: Vec<(Group, Authority)> = Vec::new();
    for entry in entries {
        let pos = out
            .iter()
            .position(|(g, _)| g.name == entry.name && g.layer == entry.layer);
        let value = shown(entry, anthropic);
        match pos {
            Some(p) => {
                let (group, authority) = &mut out[p];
                if entry.authority >= *authority {
                    // The telling origin first.
                    *authority = entry.authority;
                    group.value = value;
                    group.origins.retain(|o| !same_origin(o, &entry.origin));
                    group.origins.insert(0, entry.origin.clone());
                } else if !group.origins.iter().any(|o| same_origin(o, &entry.origin)) {
                    group.origins.push(entry.origin.clone());
                }
                group.origins.truncate(MAX_ORIGINS);
            }
            None => out.push((
                Group {
                    name: entry.name,
                    layer: entry.layer,
                    origins: vec![entry.origin.clone()],
                    value,
                    usable: false,
                    unusable: None,
                },
                entry.authority,
            )),
        }
    }
    out.into_iter().map(|(g, _)| g).collect()
}

/// The applying group of each name: the highest settings scope, else the shell.
fn effective<'g>(groups: &'g [Group], name: &str) -> Option<&'g Group> {
    groups
        .iter()
        .filter(|g| g.name == name)
        .max_by_key(|g| scope_rank(g.layer))
}

/// Marks each group usable or not (switch on, non-empty; a federation rule id needs the organization id).
fn judge_usability(groups: &mut [Group]) {
    let org_set = effective(groups, order::ORGANIZATION_ID)
        .is_some_and(|g| !matches!(g.value, Value::Empty | Value::Cancelled));
    for g in groups.iter_mut() {
        let Some(row) = order::row(g.name) else {
            continue;
        };
        g.unusable = match (&g.value, row.carrier) {
            (Value::Empty, _) => Some(format!(
                "{} is set but empty: Claude Code skips it.",
                g.name
            )),
            (Value::Cancelled, _) => Some(format!(
                "`\"\"` in the settings `env` block cancels {} (on purpose).",
                g.name
            )),
            (Value::Plain(v), Carrier::Switch) if !order::is_truthy(v) => Some(format!(
                "{}={v} is off (only 1, true, yes or on switch it on).",
                g.name
            )),
            _ if row.needs.is_some() && !org_set => Some(format!(
                "{} needs {} too, which the text does not show set.",
                g.name,
                row.needs.unwrap_or_default()
            )),
            _ => None,
        };
        g.usable = g.unusable.is_none();
    }
}

/// What Claude Code itself said, summed up.
#[derive(Debug, Default)]
struct Reported {
    in_use: Vec<(&'static [SourceCode], Origin)>,
    not_in_use: Vec<SourceCode>,
    present: Vec<(SourceCode, Origin)>,
    logged_in: Option<bool>,
    /// A session or `claude -p` printed `Not logged in · Please run /login`.
    not_logged_in_error: bool,
    login_origins: Vec<Origin>,
    base_url: Option<(String, Origin)>,
    /// What `claude auth status` said of the credential in use was set aside (see [`reported`]).
    auth_status_set_aside: bool,
}

/// What Claude Code said. `claude auth status` does not apply the project's settings files (Claude Code 2.1.332:
/// their `env` blocks change neither its JSON nor `--text`, while `claude -p` and a session in the project apply
/// them), so where the text shows one of them setting a credential, what it printed outside the pre-flight report
/// (whose script gives it those values) says nothing about the credential in use; only that a login is stored.
fn reported(scan: &Scan) -> Reported {
    let project_credential = scan.entries.iter().any(|e| {
        matches!(
            e.layer,
            Layer::Settings(Some(SettingsScope::Project | SettingsScope::Local))
        ) && order::row(e.name).is_some()
    });
    let mut r = Reported::default();
    for e in &scan.evidence {
        let from_auth_status = matches!(
            e.origin.block,
            BlockKind::AuthStatusJson | BlockKind::AuthStatusText
        ) || matches!(e.said, Said::LoggedIn(_));
        if project_credential && from_auth_status && !e.in_report {
            match &e.said {
                Said::InUse(codes) if *codes == [SourceCode::Login] => {
                    r.login_origins.push(e.origin.clone());
                    r.auth_status_set_aside = true;
                }
                Said::InUse(_) | Said::NotInUse(_) | Said::LoggedIn(_) => {
                    r.auth_status_set_aside = true;
                }
                _ => {}
            }
            if !matches!(e.said, Said::Present(_) | Said::BaseUrl(_)) {
                continue;
            }
        }
        match &e.said {
            Said::InUse(codes) => {
                r.in_use.push((codes, e.origin.clone()));
                if codes == &[SourceCode::Login] {
                    r.login_origins.push(e.origin.clone());
                }
            }
            Said::NotInUse(code) => r.not_in_use.push(*code),
            Said::Present(code) => {
                if *code == SourceCode::Login {
                    r.login_origins.push(e.origin.clone());
                }
                r.present.push((*code, e.origin.clone()));
            }
            Said::LoggedIn(b) => r.logged_in = Some(*b),
            Said::NotLoggedInError => r.not_logged_in_error = true,
            Said::LoginExpired => r.login_origins.push(e.origin.clone()),
            Said::BaseUrl(url) => r.base_url = Some((url.clone(), e.origin.clone())),
            Said::Version(_) => {}
        }
    }
    r
}

/// The winning row's group for a code, among usable applying groups in table order.
fn usable_row(groups: &[Group], code: SourceCode) -> Option<(&'static Rank, &Group)> {
    ORDER.iter().filter(|r| r.code == code).find_map(|r| {
        effective(groups, r.name)
            .filter(|g| g.usable)
            .map(|g| (r, g))
    })
}

fn describe_group(g: &Group) -> String {
    match g.origins.first() {
        Some(o) => format!("{} ({})", g.name, o.describe()),
        None => g.name.to_string(),
    }
}

fn source_label(code: SourceCode) -> &'static str {
    match code {
        SourceCode::Login => "your /login",
        SourceCode::Profile => "an Anthropic profile",
        SourceCode::Bedrock => "Amazon Bedrock",
        SourceCode::Vertex => "Google Vertex AI",
        SourceCode::Foundry => "Microsoft Foundry",
        SourceCode::Mantle => "Bedrock through Mantle",
        SourceCode::AnthropicAws => "Claude Platform on AWS",
        _ => ORDER.iter().find(|r| r.code == code).map_or("", |r| r.name),
    }
}

/// Whether a source goes out only as `Authorization: Bearer` (ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN, the
/// `/login`).
fn sends_only_bearer(code: SourceCode) -> bool {
    ORDER.iter().find(|r| r.code == code).is_some_and(|r| {
        matches!(
            r.carrier,
            Carrier::Secret(Header::Bearer, _) | Carrier::Login
        )
    })
}

/// Decides the winner and every source's state.
pub(super) fn decide(scan: &Scan, setup: &Setup) -> Decided {
    let mut said = reported(scan);
    // The base URL first: whether values are judged as Anthropic keys depends on it.
    let pre = groups(&scan.entries, true);
    let base_group = effective(&pre, BASE_URL).filter(|g| matches!(g.value, Value::Plain(_)));
    let base_url = match (&said.base_url, base_group) {
        (Some((url, origin)), _) => Some(BaseUrl {
            url: without_userinfo(url),
            anthropic: is_anthropic(url),
            origins: vec![origin.clone()],
        }),
        (None, Some(g)) => match &g.value {
            Value::Plain(url) => Some(BaseUrl {
                url: url.clone(),
                anthropic: is_anthropic(url),
                origins: pre
                    .iter()
                    .filter(|x| x.name == BASE_URL)
                    .flat_map(|x| x.origins.clone())
                    .collect(),
            }),
            _ => None,
        },
        (None, None) => None,
    };
    let anthropic = setup.auth != Auth::Gateway && base_url.as_ref().is_none_or(|b| b.anthropic);
    let mut groups = groups(&scan.entries, anthropic);
    judge_usability(&mut groups);

    // The login, from what Claude Code reported.
    let login_present = !said.login_origins.is_empty()
        || said.in_use.iter().any(|(c, _)| c == &[SourceCode::Login]);
    let login_usable = login_present && said.logged_in != Some(false);

    // By the order alone, skipping what Claude Code reports as not in use.
    let order_winner = ORDER.iter().find_map(|r| {
        if said.not_in_use.contains(&r.code) {
            return None;
        }
        if r.carrier == Carrier::Login {
            return login_usable.then_some(r.code);
        }
        effective(&groups, r.name)
            .filter(|g| g.usable)
            .map(|_| r.code)
    });

    // What Claude Code says is in use.
    let mut ambiguous: Option<&'static [SourceCode]> = None;
    let mut claimed: Vec<SourceCode> = Vec::new();
    for (codes, _) in &said.in_use {
        let candidates: Vec<SourceCode> = codes
            .iter()
            .copied()
            .filter(|c| !said.not_in_use.contains(c))
            .collect();
        match candidates.as_slice() {
            [] => {}
            [one] => claimed.push(*one),
            many => match many
                .iter()
                .copied()
                .filter(|c| usable_row(&groups, *c).is_some())
                .min_by_key(|c| order::rank_of(*c))
            {
                Some(code) => claimed.push(code),
                None => ambiguous = Some(codes),
            },
        }
    }
    let claude_winner = claimed.iter().copied().min_by_key(|c| order::rank_of(*c));

    // `Not logged in · Please run /login` from a session or `claude -p`: the documentation gives it for a machine
    // without a login, and Claude Code 2.1.332 prints it too when the server refuses a Bearer credential. With such
    // a credential in use, it was refused; without one, nothing would authenticate.
    let refused = claude_winner
        .or(order_winner)
        .filter(|c| said.not_logged_in_error && sends_only_bearer(*c));
    if said.not_logged_in_error && refused.is_none() && said.logged_in.is_none() {
        said.logged_in = Some(false);
    }

    let any_info = !scan.entries.is_empty() || !scan.evidence.is_empty();
    let (winner, summary) = if let Some(w) = claude_winner {
        (
            w,
            format!("Claude Code reports that it uses {}.", source_label(w)),
        )
    } else if let Some(codes) = ambiguous {
        let names: Vec<&str> = codes.iter().map(|c| source_label(*c)).collect();
        (
            SourceCode::Unknown,
            format!(
                "Claude Code reports a token in use, which can be {}; the text shows none of them set. Paste \
                 `env` (or the pre-flight report) too.",
                names.join(", ")
            ),
        )
    } else if said.logged_in == Some(false) {
        (
            SourceCode::None,
            "Nothing would authenticate: Claude Code reports no login and no credential where it ran.".to_string(),
        )
    } else if let Some(w) = order_winner {
        let text = match usable_row(&groups, w) {
            Some((row, g)) => {
                let mut t = format!(
                    "Claude Code uses {}: it comes first in the order.",
                    describe_group(g)
                );
                if row.code == SourceCode::ApiKey {
                    t.push_str(" In an interactive session only once approved at its prompt; with -p always.");
                }
                t
            }
            None => format!(
                "Claude Code uses {}: nothing above it is set.",
                source_label(w)
            ),
        };
        (w, text)
    } else if any_info {
        (
            SourceCode::Unknown,
            "No credential in this text would be used, and it does not say whether you are logged in: paste \
             `claude auth status` too."
                .to_string(),
        )
    } else {
        (
            SourceCode::Unknown,
            "This text says nothing about credentials.".to_string(),
        )
    };

    let sources = states(
        &groups,
        &said,
        winner,
        claude_winner.is_some(),
        login_present,
    );
    // Name where the winner comes from when the text shows its file.
    let mut summary = match sources
        .iter()
        .find(|s| s.state == SourceState::Wins)
        .and_then(|s| s.origins.iter().find(|o| o.file.is_some()))
    {
        Some(o) if claude_winner.is_some() => format!("{summary} It comes from {}.", o.describe()),
        _ => summary,
    };
    if said.auth_status_set_aside {
        summary.push_str(
            " `claude auth status` does not read the project's settings files (Claude Code 2.1.332), which set a \
             credential here, so its answer is set aside and the order decides.",
        );
    }
    let refused = refused.filter(|c| *c == winner);
    if let Some(code) = refused {
        summary.push_str(&format!(
            " Its `Not logged in · Please run /login` means the server refused {} (Claude Code 2.1.332 prints it for \
             a refused Bearer credential too).",
            source_label(code)
        ));
    }
    Decided {
        sources,
        winner,
        summary,
        base_url,
        refused,
    }
}

/// Why a set source is not the one in use.
fn outranked(code: SourceCode, winner: SourceCode) -> String {
    match winner {
        SourceCode::None | SourceCode::Unknown => "Something that ranks higher is used.".to_string(),
        // Where Claude Code reports one of these in use, it sends the key too (the order table's CLI notes).
        SourceCode::AuthToken | SourceCode::ApiKeyHelper if code == SourceCode::ApiKey => format!(
            "Claude Code reports {} in use, but Claude Code 2.1.332 sends this key too, as x-api-key, and its \
             errors then follow the key.",
            source_label(winner)
        ),
        _ => format!("{} ranks higher.", source_label(winner)),
    }
}

/// Every source with its state, in table order.
fn states(
    groups: &[Group],
    said: &Reported,
    winner: SourceCode,
    reported_winner: bool,
    login_present: bool,
) -> Vec<Source> {
    let winning_row = usable_row(groups, winner).map(|(r, g)| (r.name, g.layer));
    let mut out: Vec<(usize, u8, Source)> = Vec::new();
    for g in groups {
        let Some(row) = order::row(g.name) else {
            continue;
        };
        if row.carrier == Carrier::Login {
            continue;
        }
        let rank = ORDER
            .iter()
            .position(|r| r.name == g.name)
            .unwrap_or(ORDER.len());
        let applying = effective(groups, g.name).is_some_and(|e| e.layer == g.layer);
        let (state, why) = if winning_row == Some((g.name, g.layer)) {
            (SourceState::Wins, "Claude Code uses this one.".to_string())
        } else if let Some(reason) = &g.unusable {
            (SourceState::Ignored, reason.clone())
        } else if !applying {
            let by = effective(groups, g.name).expect("a group of this name exists");
            if by.usable {
                (
                    SourceState::Overridden,
                    format!(
                        "The value in {} replaces this one.",
                        by.origins
                            .first()
                            .map_or_else(|| "a settings file".to_string(), Origin::describe)
                    ),
                )
            } else {
                (
                    SourceState::Ignored,
                    by.unusable.clone().unwrap_or_default(),
                )
            }
        } else if said.logged_in == Some(false) && winner == SourceCode::None {
            (
                SourceState::Ignored,
                "Claude Code reported no credential: this was not set where it ran.".to_string(),
            )
        } else if (reported_winner || said.not_in_use.contains(&row.code))
            && order::rank_of(row.code) < order::rank_of(winner)
        {
            let why = if row.code == SourceCode::ApiKey {
                "Claude Code reports it is not in use: declined (or not yet approved) at its prompt, or not set where it ran."
            } else {
                "Claude Code reports it is not in use: it was not set where Claude Code ran."
            };
            (SourceState::Ignored, why.to_string())
        } else {
            (SourceState::Overridden, outranked(row.code, winner))
        };
        out.push((
            rank,
            scope_rank(g.layer),
            Source {
                code: row.code,
                state,
                name: g.name.to_string(),
                layer: g.layer,
                origins: g.origins.clone(),
                value: g.value.clone(),
                why,
            },
        ));
    }
    // Sources Claude Code names (present, or in use: `--text` lists the token and the key that both go out) but
    // the text shows nowhere else, and the login.
    let single_claims = said
        .in_use
        .iter()
        .filter_map(|(codes, origin)| match codes {
            [code] => Some((*code, origin.clone())),
            _ => None,
        });
    let named: Vec<(SourceCode, Origin)> =
        said.present.iter().cloned().chain(single_claims).collect();
    let mut reported_codes: Vec<(SourceCode, Vec<Origin>)> = Vec::new();
    for (code, origin) in &named {
        match reported_codes.iter_mut().find(|(c, _)| c == code) {
            Some((_, origins)) => origins.push(origin.clone()),
            None => reported_codes.push((*code, vec![origin.clone()])),
        }
    }
    if login_present && !reported_codes.iter().any(|(c, _)| *c == SourceCode::Login) {
        reported_codes.push((SourceCode::Login, said.login_origins.clone()));
    }
    if winner != SourceCode::Login
        && !matches!(winner, SourceCode::None | SourceCode::Unknown)
        && !reported_codes.iter().any(|(c, _)| *c == winner)
    {
        reported_codes.push((winner, Vec::new()));
    }
    for (code, origins) in reported_codes {
        let shown_elsewhere = out.iter().any(|(_, _, s)| s.code == code);
        if shown_elsewhere && code != SourceCode::Login {
            continue;
        }
        let rank = order::rank_of(code);
        let (state, why) = if code == winner {
            (SourceState::Wins, "Claude Code uses this one.".to_string())
        } else if code == SourceCode::Login && said.logged_in == Some(false) {
            (
                SourceState::Ignored,
                "Claude Code reports you are not logged in.".to_string(),
            )
        } else if (reported_winner || said.not_in_use.contains(&code))
            && rank < order::rank_of(winner)
        {
            (
                SourceState::Ignored,
                "Claude Code reports it is not in use.".to_string(),
            )
        } else {
            (SourceState::Overridden, outranked(code, winner))
        };
        // The variable or setting of the code's first row (`/login` for the login).
        let name = ORDER
            .iter()
            .find(|r| r.code == code)
            .map_or("", |r| r.name)
            .to_string();
        out.push((
            rank,
            0,
            Source {
                code,
                state,
                name,
                layer: Layer::Reported,
                origins,
                value: Value::NotShown,
                why,
            },
        ));
    }
    crate::core::order::sort_by_key(&mut out, |(rank, scope, s)| {
        (
            *rank,
            std::cmp::Reverse(*scope),
            s.origins.first().map_or(0, |o| o.paste_line),
        )
    });
    out.into_iter().map(|(_, _, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert!(is_anthropic("https://api.anthropic.com"));
        assert!(is_anthropic("https://API.anthropic.com:443/v1"));
        assert!(!is_anthropic("https://api.anthropic.com.evil.example"));
        assert!(!is_anthropic("http://127.0.0.1:4000"));
        assert_eq!(
            without_userinfo("https://u:p@gw.example/x"),
            "https://gw.example/x"
        );
    }

    #[test]
    fn damage_by_variable() {
        let d = damage(
            "ANTHROPIC_API_KEY",
            Expect::ConsoleKey,
            Some(Kind::OauthAccessToken),
            &[],
            true,
        )
        .unwrap();
        assert_eq!(d.wrong_kind, Some(Kind::OauthAccessToken));
        assert!(d.reason.contains("CLAUDE_CODE_OAUTH_TOKEN"));
        // At a gateway any clean token is fine in ANTHROPIC_API_KEY.
        assert!(damage(
            "ANTHROPIC_API_KEY",
            Expect::ConsoleKey,
            Some(Kind::Unknown),
            &[],
            false
        )
        .is_none());
        assert!(damage(
            "ANTHROPIC_AUTH_TOKEN",
            Expect::AnyToken,
            Some(Kind::Unknown),
            &[FindingCode::LineBreak],
            false
        )
        .is_some());
        assert!(damage(
            "ANTHROPIC_AUTH_TOKEN",
            Expect::AnyToken,
            Some(Kind::ApiKey),
            &[],
            true
        )
        .is_some());
        assert!(damage(
            "ANTHROPIC_AUTH_TOKEN",
            Expect::AnyToken,
            Some(Kind::ApiKey),
            &[],
            false
        )
        .is_none());
        assert!(damage(
            "CLAUDE_CODE_OAUTH_TOKEN",
            Expect::OauthToken,
            Some(Kind::ApiKey),
            &[],
            true
        )
        .is_some());
        assert!(damage(
            "X",
            Expect::AnyToken,
            Some(Kind::OauthRefreshToken),
            &[],
            false
        )
        .is_some());
    }
}
