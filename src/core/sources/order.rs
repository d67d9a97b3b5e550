//! Table: the order in which Claude Code picks a credential, first usable row wins, with what each row sends and
//! where the knowledge comes from. The analysis of pasted text and the pre-flight script both read this one table.
//!
//! Sources: Claude Code docs, "authentication" (Authentication precedence), "env-vars" (Precedence; provider
//! switches, profile and federation variables), "settings" (`apiKeyHelper`, the `env` block), "llm-gateway-connect"
//! (which header each variable becomes), "cli-reference" (`claude auth status`), all as of 2026-08-22; and what the
//! Claude Code CLI 2.1.332 was seen doing (2026-12-02), where it differs from the docs. Where the two differ the table
//! follows the CLI and the row says so.

use crate::core::codes::{Auth, SourceCode};

/// How a row's credential reaches Claude Code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carrier {
    /// A `CLAUDE_CODE_USE_*` switch: on when truthy (see [`is_truthy`]).
    Switch,
    /// A secret in an environment variable, sent in a header.
    Secret(Header, Expect),
    /// The `apiKeyHelper` setting: a command whose standard output is the credential, sent in both headers.
    Helper,
    /// A name or id that selects a credential stored elsewhere (not itself a secret).
    Selector,
    /// The credential `/login` stored.
    Login,
}

/// The request header a credential goes out in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Header {
    XApiKey,
    /// `Authorization: Bearer`.
    Bearer,
}

/// What the key check expects in a secret variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A Console API key (`sk-ant-api03-…`) when the base URL is Anthropic's; any clean token at a gateway.
    ConsoleKey,
    /// A long-lived OAuth access token (`sk-ant-oat01-…`) from `claude setup-token`.
    OauthToken,
    /// Any clean token: a gateway's key, a federation access token.
    AnyToken,
}

/// One row of the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rank {
    pub code: SourceCode,
    /// The environment variable or setting name (`/login` for the stored login).
    pub name: &'static str,
    pub carrier: Carrier,
    /// Another variable that must be set too for this row to count.
    pub needs: Option<&'static str>,
    /// What the documentation says about this row.
    pub docs: &'static str,
    /// Where the CLI was seen behaving otherwise, with its version.
    pub cli: Option<&'static str>,
}

/// The order, highest first. A settings `env` value replaces the shell's value of the same variable before this
/// order applies, and `""` there cancels it (Claude Code docs, env-vars: Precedence).
pub const ORDER: &[Rank] = &[
    Rank {
        code: SourceCode::Bedrock,
        name: "CLAUDE_CODE_USE_BEDROCK",
        carrier: Carrier::Switch,
        needs: None,
        docs: "A cloud provider switch comes first: Anthropic credentials are then not used (Claude Code docs, \
               authentication: Authentication precedence; amazon-bedrock).",
        cli: None,
    },
    Rank {
        code: SourceCode::Vertex,
        name: "CLAUDE_CODE_USE_VERTEX",
        carrier: Carrier::Switch,
        needs: None,
        docs: "A cloud provider switch comes first (Claude Code docs, authentication: Authentication precedence; \
               google-vertex-ai).",
        cli: None,
    },
    Rank {
        code: SourceCode::Foundry,
        name: "CLAUDE_CODE_USE_FOUNDRY",
        carrier: Carrier::Switch,
        needs: None,
        docs: "A cloud provider switch comes first (Claude Code docs, authentication: Authentication precedence; \
               microsoft-foundry).",
        cli: None,
    },
    Rank {
        code: SourceCode::Mantle,
        name: "CLAUDE_CODE_USE_MANTLE",
        carrier: Carrier::Switch,
        needs: None,
        docs: "A cloud provider switch; documented together with Bedrock (Claude Code docs, env-vars; \
               amazon-bedrock).",
        cli: None,
    },
    Rank {
        code: SourceCode::AnthropicAws,
        name: "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        carrier: Carrier::Switch,
        needs: None,
        docs: "A cloud provider switch: Claude Platform on AWS (Claude Code docs, env-vars).",
        cli: None,
    },
    Rank {
        code: SourceCode::AuthToken,
        name: "ANTHROPIC_AUTH_TOKEN",
        carrier: Carrier::Secret(Header::Bearer, Expect::AnyToken),
        needs: None,
        docs: "Sent as `Authorization: Bearer`, for gateways and proxies; no approval prompt (Claude Code docs, \
               authentication; llm-gateway-connect).",
        cli: Some(
            "Claude Code 2.1.332 with ANTHROPIC_API_KEY also set sends both headers (`Authorization: Bearer` \
             with the token and `x-api-key` with the key); `claude auth status` then says `oauth_token` with \
             `apiKeySource: ANTHROPIC_API_KEY`, and its errors follow the key. With a `/login` it uses the token \
             without any notice.",
        ),
    },
    Rank {
        code: SourceCode::ApiKeyHelper,
        name: "apiKeyHelper",
        carrier: Carrier::Helper,
        needs: None,
        docs: "A settings command whose output is sent as both `x-api-key` and `Authorization: Bearer`; the docs \
               rank it below ANTHROPIC_API_KEY (Claude Code docs, settings; authentication).",
        cli: Some(
            "Claude Code 2.1.332 with ANTHROPIC_API_KEY also set reports `api_key_helper` but sends both: \
             ANTHROPIC_API_KEY as `x-api-key` and the helper's output as `Authorization: Bearer`; its errors \
             follow the key, and the full-screen UI shows `Both apiKeyHelper and ANTHROPIC_API_KEY set · auth may \
             not work as expected`.",
        ),
    },
    Rank {
        code: SourceCode::ApiKey,
        name: "ANTHROPIC_API_KEY",
        carrier: Carrier::Secret(Header::XApiKey, Expect::ConsoleKey),
        needs: None,
        docs: "Sent as `x-api-key`. In an interactive session Claude Code asks once whether to use it and \
               remembers the answer; with `-p` it is always used (Claude Code docs, authentication).",
        cli: Some(
            "Claude Code 2.1.332 asks `Detected a custom API key in your environment` with `No \
             (recommended)` as the default; a declined key is then `not used here`, but `claude -p` and \
             `claude auth status` (`api_key`) use it unapproved. It trims surrounding whitespace before sending, \
             sends quotes as part of the key and refuses a line break inside it.",
        ),
    },
    Rank {
        code: SourceCode::OauthToken,
        name: "CLAUDE_CODE_OAUTH_TOKEN",
        carrier: Carrier::Secret(Header::Bearer, Expect::OauthToken),
        needs: None,
        docs: "A one-year OAuth token from `claude setup-token`; read by every new session until removed (Claude \
               Code docs, authentication).",
        cli: None,
    },
    Rank {
        code: SourceCode::Profile,
        name: "ANTHROPIC_PROFILE",
        carrier: Carrier::Selector,
        needs: None,
        docs: "An Anthropic profile; ranks above a `/login` (Claude Code docs, env-vars; authentication).",
        cli: Some("Claude Code 2.1.332 silently ignores an ANTHROPIC_PROFILE it cannot use."),
    },
    Rank {
        code: SourceCode::Profile,
        name: "ANTHROPIC_FEDERATION_RULE_ID",
        carrier: Carrier::Selector,
        needs: Some(ORGANIZATION_ID),
        docs: "Workload identity federation, with ANTHROPIC_ORGANIZATION_ID; ranks above a `/login` (Claude Code \
               docs, env-vars).",
        cli: None,
    },
    Rank {
        code: SourceCode::Login,
        name: "/login",
        carrier: Carrier::Login,
        needs: None,
        docs: "The default: the subscription or Console login `/login` stored (Claude Code docs, authentication).",
        cli: Some(
            "`claude auth status` does no server check: Claude Code 2.1.332 said `loggedIn: true` for an expired \
             login while offline.",
        ),
    },
];

/// Where a request goes: not a credential, but it decides which credential a gateway expects.
pub const BASE_URL: &str = "ANTHROPIC_BASE_URL";
/// Completes a federation rule id (see the `ANTHROPIC_FEDERATION_RULE_ID` row).
pub const ORGANIZATION_ID: &str = "ANTHROPIC_ORGANIZATION_ID";
/// The settings key of the helper row.
pub const HELPER: &str = "apiKeyHelper";

/// The rank (0 = highest) of the first row with this code.
pub fn rank_of(code: SourceCode) -> usize {
    ORDER
        .iter()
        .position(|r| r.code == code)
        .unwrap_or(ORDER.len())
}

/// The row of an environment variable or setting name.
pub fn row(name: &str) -> Option<&'static Rank> {
    ORDER.iter().find(|r| r.name == name)
}

/// Every environment variable the analysis and the pre-flight script read, in table order: the credential
/// variables, then the related ones.
pub fn variables() -> impl Iterator<Item = &'static str> {
    ORDER
        .iter()
        .filter(|r| !matches!(r.carrier, Carrier::Helper | Carrier::Login))
        .map(|r| r.name)
        .chain([ORGANIZATION_ID, BASE_URL])
}

/// Whether a variable's value is a secret (shown masked only).
pub fn is_secret(name: &str) -> bool {
    matches!(row(name), Some(r) if matches!(r.carrier, Carrier::Secret(..)))
}

/// Claude Code's truthiness for switches: `1`, `true`, `yes`, `on` (any case, surrounding spaces ignored).
pub fn is_truthy(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    )
}

/// The sources that fit the intended method (from the setup): a winner outside this list is not what the person
/// meant to use.
pub fn intended(auth: Auth) -> &'static [SourceCode] {
    match auth {
        Auth::ApiKey => &[SourceCode::ApiKey, SourceCode::ApiKeyHelper],
        Auth::Subscription => &[SourceCode::Login],
        Auth::OauthToken => &[SourceCode::OauthToken],
        Auth::Gateway => &[
            SourceCode::AuthToken,
            SourceCode::ApiKey,
            SourceCode::ApiKeyHelper,
        ],
        Auth::Bedrock => &[SourceCode::Bedrock, SourceCode::Mantle],
        Auth::Vertex => &[SourceCode::Vertex],
        Auth::Foundry => &[SourceCode::Foundry],
    }
}

/// A source name as Claude Code prints it (`/status` rows `Auth token` and `API key`, `claude auth status`
/// `apiKeySource`) → its code. Claude Code source names: `ANTHROPIC_AUTH_TOKEN`, `CLAUDE_CODE_OAUTH_TOKEN`,
/// `apiKeyHelper`, `ANTHROPIC_API_KEY`, `claude.ai` and `/login managed key` (a key `/login` created).
pub fn source_named(name: &str) -> Option<SourceCode> {
    let name = name.trim();
    if let Some(r) = row(name) {
        return Some(r.code);
    }
    match name.to_ascii_lowercase().as_str() {
        "claude.ai" | "/login managed key" | "/login" => Some(SourceCode::Login),
        _ => None,
    }
}

/// `claude auth status` `authMethod` → the sources it can mean (the JSON names one kind, not always one row:
/// Claude Code 2.1.332 says `oauth_token` for ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN and profiles alike).
/// `third_party` is resolved through `apiProvider` ([`provider_named`]). `None` for an unknown method.
pub fn auth_method(method: &str) -> Option<&'static [SourceCode]> {
    Some(match method {
        "claude.ai" => &[SourceCode::Login],
        "api_key" => &[SourceCode::ApiKey],
        "api_key_helper" => &[SourceCode::ApiKeyHelper],
        "oauth_token" => &[
            SourceCode::AuthToken,
            SourceCode::OauthToken,
            SourceCode::Profile,
        ],
        "none" => &[],
        _ => return None,
    })
}

/// A provider as `claude auth status` (`apiProvider`) or `/status` (`API provider`) names it → its switch.
pub fn provider_named(provider: &str) -> Option<SourceCode> {
    let p = provider.to_ascii_lowercase();
    if p.contains("mantle") {
        Some(SourceCode::Mantle)
    } else if p.contains("bedrock") {
        Some(SourceCode::Bedrock)
    } else if p.contains("vertex") || p.contains("agent platform") {
        Some(SourceCode::Vertex)
    } else if p.contains("foundry") {
        Some(SourceCode::Foundry)
    } else if p.contains("aws") {
        Some(SourceCode::AnthropicAws)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_code_but_none_and_unknown_has_a_row() {
        for &code in SourceCode::ALL {
            let has_row = ORDER.iter().any(|r| r.code == code);
            assert_eq!(
                has_row,
                !matches!(code, SourceCode::None | SourceCode::Unknown),
                "{code}"
            );
        }
    }

    #[test]
    fn the_order_follows_the_docs_except_where_the_cli_differs() {
        let codes: Vec<&str> = ORDER.iter().map(|r| r.code.code()).collect();
        assert_eq!(
            codes,
            [
                "bedrock",
                "vertex",
                "foundry",
                "mantle",
                "anthropic-aws",
                "auth-token",
                "api-key-helper",
                "api-key",
                "oauth-token",
                "profile",
                "profile",
                "login"
            ]
        );
        // The one place the table leaves the documented order says why, with the version.
        assert!(row(HELPER).unwrap().cli.unwrap().contains("2.1.332"));
        assert!(rank_of(SourceCode::ApiKeyHelper) < rank_of(SourceCode::ApiKey));
        assert!(rank_of(SourceCode::Login) == ORDER.len() - 1);
    }

    #[test]
    fn names_and_variables() {
        let vars: Vec<&str> = variables().collect();
        assert!(vars.contains(&"ANTHROPIC_API_KEY"));
        assert!(vars.contains(&BASE_URL));
        assert!(!vars.contains(&HELPER) && !vars.contains(&"/login"));
        assert!(is_secret("ANTHROPIC_AUTH_TOKEN") && !is_secret(BASE_URL));
        assert!(!is_secret("CLAUDE_CODE_USE_BEDROCK") && !is_secret("ANTHROPIC_PROFILE"));
        assert_eq!(source_named("/login managed key"), Some(SourceCode::Login));
        assert_eq!(
            source_named(" apiKeyHelper "),
            Some(SourceCode::ApiKeyHelper)
        );
        assert_eq!(source_named("something"), None);
        assert_eq!(provider_named("AWS Bedrock"), Some(SourceCode::Bedrock));
        assert_eq!(provider_named("Google Vertex AI"), Some(SourceCode::Vertex));
        assert_eq!(provider_named("firstParty"), None);
        assert!(is_truthy(" True ") && is_truthy("1") && !is_truthy("0") && !is_truthy(""));
        for &auth in Auth::ALL {
            assert!(!intended(auth).is_empty());
        }
    }
}
