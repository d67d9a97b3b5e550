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
    }

    #[test]
    fn counts_match_the_contract() {
        assert_eq!(Verdict::ALL.len(), 6);
        assert_eq!(Kind::ALL.len(), 10);
        assert_eq!(FindingCode::ALL.len(), 13);
        assert_eq!(OutcomeCode::ALL.len(), 24);
        assert_eq!(CauseCode::ALL.len(), 33);
    }
}
