//! Every code of the page's testable contract, in one place.
//!
//! The page writes these codes into `data-*` attributes; browser tests (ours and any a team writes against a
//! hosted copy) read them. Wording is free to change, these strings are not.

/// Declares a contract enum with its wire code, `ALL`, `code()` and `from_code()`.
macro_rules! contract_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code written into the page's `data-*` attribute.
            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The value for a contract code, if there is one.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

contract_enum! {
    /// `key-verdict[data-verdict]`.
    Verdict {
        /// A well-formed Console API key, exactly as pasted.
        Ok => "ok",
        /// A well-formed key wrapped in removable noise.
        Fixable => "fixable",
        /// A well-formed credential of another kind.
        WrongCredential => "wrong-credential",
        /// Text that cannot be a working key.
        Invalid => "invalid",
        /// Nothing but whitespace.
        Empty => "empty",
        /// For a gateway: a credential in the gateway's own format, which the live test checks.
        Unjudged => "unjudged",
    }
}

contract_enum! {
    /// `key-verdict[data-kind]`.
    Kind {
        ApiKey => "api-key",
        AdminKey => "admin-key",
        OauthAccessToken => "oauth-access-token",
        OauthRefreshToken => "oauth-refresh-token",
        SessionCookie => "session-cookie",
        AnthropicUnknown => "anthropic-unknown",
        OtherProvider => "other-provider",
        Placeholder => "placeholder",
        Empty => "empty",
        Unknown => "unknown",
    }
}

contract_enum! {
    /// `key-finding[data-code]`.
    FindingCode {
        SurroundingWhitespace => "surrounding-whitespace",
        LineBreak => "line-break",
        InvisibleChar => "invisible-char",
        NonLatin1 => "non-latin1",
        Quotes => "quotes",
        AssignmentPrefix => "assignment-prefix",
        HeaderPrefix => "header-prefix",
        Duplicated => "duplicated",
        Truncated => "truncated",
        TooLong => "too-long",
        BadCharset => "bad-charset",
        BadSuffix => "bad-suffix",
        Masked => "masked",
    }
}

contract_enum! {
    /// `live-result[data-outcome]`.
    OutcomeCode {
        Pending => "pending",
        Valid => "valid",
        InvalidKey => "invalid-key",
        InvalidCredentials => "invalid-credentials",
        OauthNotSupported => "oauth-not-supported",
        OauthExpired => "oauth-expired",
        InvalidBearer => "invalid-bearer",
        CorsHeaderMissing => "cors-header-missing",
        CorsDisabledOrg => "cors-disabled-org",
        Permission => "permission",
        NotFound => "not-found",
        LowCredit => "low-credit",
        OrgDisabled => "org-disabled",
        SpendLimit => "spend-limit",
        RateLimited => "rate-limited",
        Overloaded => "overloaded",
        ServerError => "server-error",
        GatewayAuth => "gateway-auth",
        GatewayError => "gateway-error",
        NetworkError => "network-error",
        Timeout => "timeout",
        Cancelled => "cancelled",
        BlockedByPolicy => "blocked-by-policy",
        Unknown => "unknown",
    }
}

contract_enum! {
    /// `error-diagnosis[data-cause]`.
    CauseCode {
        InvalidApiKey => "invalid-api-key",
        NotLoggedIn => "not-logged-in",
        OauthExpired => "oauth-expired",
        OauthRevoked => "oauth-revoked",
        OauthNotSupported => "oauth-not-supported",
        InvalidBearer => "invalid-bearer",
        InvalidCredentials => "invalid-credentials",
        OrgDisabled => "org-disabled",
        LowCredit => "low-credit",
        SpendLimit => "spend-limit",
        RateLimit => "rate-limit",
        ApiKeyAuthDisabled => "api-key-auth-disabled",
        SubscriptionAccessDisabled => "subscription-access-disabled",
        ApiKeyHelperFailing => "api-key-helper-failing",
        NoCredential => "no-credential",
        BadHeaderChars => "bad-header-chars",
        CorsHeaderMissing => "cors-header-missing",
        ManagedLoginRequired => "managed-login-required",
        Connection => "connection",
        TlsInspection => "tls-inspection",
        AwsCredentials => "aws-credentials",
        GcpCredentials => "gcp-credentials",
        AzureCredentials => "azure-credentials",
        GatewayAuth => "gateway-auth",
        AuthConflict => "auth-conflict",
        ProfileExpired => "profile-expired",
        UsageLimit => "usage-limit",
        ExtraUsageExhausted => "extra-usage-exhausted",
        PlanRequired => "plan-required",
        OrgAccessDenied => "org-access-denied",
        ModelRestricted => "model-restricted",
        RemoteControlAuth => "remote-control-auth",
        Unknown => "unknown",
    }
}

contract_enum! {
    /// `setup-os` option values.
    Os {
        Macos => "macos",
        Linux => "linux",
        Windows => "windows",
        Wsl => "wsl",
    }
}

contract_enum! {
    /// `setup-shell` option values.
    Shell {
        Zsh => "zsh",
        Bash => "bash",
        Fish => "fish",
        Powershell => "powershell",
        Cmd => "cmd",
    }
}

contract_enum! {
    /// `setup-launcher` option values: where Claude Code runs.
    Launcher {
        Terminal => "terminal",
        Vscode => "vscode",
        Jetbrains => "jetbrains",
        GithubActions => "github-actions",
        Docker => "docker",
        Ssh => "ssh",
    }
}

contract_enum! {
    /// `setup-auth` option values: how the person means to authenticate.
    Auth {
        ApiKey => "api-key",
        Subscription => "subscription",
        OauthToken => "oauth-token",
        Gateway => "gateway",
        Bedrock => "bedrock",
        Vertex => "vertex",
        Foundry => "foundry",
    }
}

contract_enum! {
    /// `auth-scheme` values: the header that carries the credential in the live test.
    AuthScheme {
        XApiKey => "x-api-key",
        Bearer => "bearer",
    }
}

contract_enum! {
    /// `credential-sources[data-winner]` and `credential-source[data-source]`: where a credential comes from.
    SourceCode {
        /// `CLAUDE_CODE_USE_BEDROCK`: Amazon Bedrock.
        Bedrock => "bedrock",
        /// `CLAUDE_CODE_USE_VERTEX`: Google Vertex AI.
        Vertex => "vertex",
        /// `CLAUDE_CODE_USE_FOUNDRY`: Microsoft Foundry.
        Foundry => "foundry",
        /// `CLAUDE_CODE_USE_MANTLE`: Bedrock through Mantle.
        Mantle => "mantle",
        /// `CLAUDE_CODE_USE_ANTHROPIC_AWS`: Claude Platform on AWS.
        AnthropicAws => "anthropic-aws",
        /// `ANTHROPIC_AUTH_TOKEN`, sent as `Authorization: Bearer`.
        AuthToken => "auth-token",
        /// `ANTHROPIC_API_KEY`, sent as `x-api-key`.
        ApiKey => "api-key",
        /// The `apiKeyHelper` setting: a command whose output is the credential.
        ApiKeyHelper => "api-key-helper",
        /// `CLAUDE_CODE_OAUTH_TOKEN`, from `claude setup-token`.
        OauthToken => "oauth-token",
        /// An Anthropic profile or workload identity federation.
        Profile => "profile",
        /// The credential `/login` stored.
        Login => "login",
        /// The text shows credential information, but nothing that would authenticate.
        None => "none",
        /// The text does not say.
        Unknown => "unknown",
    }
}

contract_enum! {
    /// `credential-source[data-state]`.
    SourceState {
        /// Claude Code uses this one.
        Wins => "wins",
        /// Set and usable, but a source that ranks higher (or a settings `env` value) is used instead.
        Overridden => "overridden",
        /// Set but unusable: empty, switched off, cancelled by `""` in a settings `env` block, or not approved.
        Ignored => "ignored",
    }
}

contract_enum! {
    /// `credential-conflict[data-code]`.
    ConflictCode {
        /// An environment or settings credential wins over a `/login` that is present or intended.
        KeyOverLogin => "key-over-login",
        /// `ANTHROPIC_AUTH_TOKEN` and `ANTHROPIC_API_KEY` both set (or `apiKeyHelper` with `ANTHROPIC_API_KEY`).
        TokenAndKey => "token-and-key",
        /// A `CLAUDE_CODE_USE_*` switch makes Anthropic credentials unused.
        CloudSwitchOn => "cloud-switch-on",
        /// A settings `env` block sets a credential or base URL that beats the shell's.
        SettingsEnvOverride => "settings-env-override",
        /// A credential variable is set but empty.
        EmptyCredential => "empty-credential",
        /// A value the key check would not pass for its variable (noise, truncated, another kind).
        DamagedCredential => "damaged-credential",
        /// `ANTHROPIC_BASE_URL` points away from the API while the intended method is not a gateway.
        BaseUrlOverride => "base-url-override",
        /// Claude Code reports no login.
        NotLoggedIn => "not-logged-in",
        /// Claude Code reports an expired login.
        LoginExpired => "login-expired",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        code: fn(T) -> &'static str,
        from: fn(&str) -> Option<T>,
    ) {
        let mut seen = std::collections::HashSet::new();
        for &v in all {
            assert_eq!(from(code(v)), Some(v));
            assert!(seen.insert(code(v)), "duplicate code {}", code(v));
        }
        assert_eq!(from("no-such-code"), None);
    }

    #[test]
    fn every_code_round_trips_and_is_unique() {
        round_trips(Verdict::ALL, Verdict::code, Verdict::from_code);
        round_trips(Kind::ALL, Kind::code, Kind::from_code);
        round_trips(FindingCode::ALL, FindingCode::code, FindingCode::from_code);
        round_trips(OutcomeCode::ALL, OutcomeCode::code, OutcomeCode::from_code);
        round_trips(CauseCode::ALL, CauseCode::code, CauseCode::from_code);
        round_trips(Os::ALL, Os::code, Os::from_code);
        round_trips(Shell::ALL, Shell::code, Shell::from_code);
        round_trips(Launcher::ALL, Launcher::code, Launcher::from_code);
        round_trips(Auth::ALL, Auth::code, Auth::from_code);
        round_trips(AuthScheme::ALL, AuthScheme::code, AuthScheme::from_code);
        round_trips(SourceCode::ALL, SourceCode::code, SourceCode::from_code);
        round_trips(SourceState::ALL, SourceState::code, SourceState::from_code);
        round_trips(
            ConflictCode::ALL,
            ConflictCode::code,
            ConflictCode::from_code,
        );
    }

    #[test]
    fn counts_match_the_contract() {
        assert_eq!(Verdict::ALL.len(), 6);
        assert_eq!(Kind::ALL.len(), 10);
        assert_eq!(FindingCode::ALL.len(), 13);
        assert_eq!(OutcomeCode::ALL.len(), 24);
        assert_eq!(CauseCode::ALL.len(), 33);
        assert_eq!(SourceCode::ALL.len(), 13);
        assert_eq!(SourceState::ALL.len(), 3);
        assert_eq!(ConflictCode::ALL.len(), 9);
    }

    #[test]
    fn credential_codes_are_the_contract_lists() {
        let codes = |all: Vec<&'static str>| all.join(" · ");
        assert_eq!(
            codes(SourceCode::ALL.iter().map(|c| c.code()).collect()),
            "bedrock · vertex · foundry · mantle · anthropic-aws · auth-token · api-key · api-key-helper · \
             oauth-token · profile · login · none · unknown"
        );
        assert_eq!(
            codes(SourceState::ALL.iter().map(|c| c.code()).collect()),
            "wins · overridden · ignored"
        );
        assert_eq!(
            codes(ConflictCode::ALL.iter().map(|c| c.code()).collect()),
            "key-over-login · token-and-key · cloud-switch-on · settings-env-override · empty-credential · \
             damaged-credential · base-url-override · not-logged-in · login-expired"
        );
    }
}
