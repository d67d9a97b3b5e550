//! Key shapes of other providers' credentials, which people paste by mistake where Claude Code wants an
//! Anthropic key. The shapes follow the public secret scanners' rules (gitleaks/gitleaks `config/gitleaks.toml`
//! and `cmd/generate/config/rules`, trufflesecurity/trufflehog `pkg/detectors`) and each provider's own docs.
//!
//! Pure data plus a hand-written matcher: no regex crate, every check is a prefix test plus one linear pass
//! over the token. First matching row wins, so rows with longer or more specific prefixes come first.

/// The characters a row's body (the part after the prefix) is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// `[A-Za-z0-9_-]` (base64url), the Anthropic key alphabet too.
    KeyChars,
    /// `[A-Za-z0-9]`.
    Alnum,
    /// `[A-Za-z0-9_]`.
    Word,
    /// `[0-9a-f]` (lowercase hex).
    LowerHex,
    /// `[A-Z0-9]` (AWS access key ids; strictly `[A-Z2-7]`, but scanners accept digits).
    UpperAlnum,
    /// `[A-Za-z0-9+/=_-]` (base64, either alphabet, with padding).
    Base64,
}

impl Charset {
    /// Whether `c` belongs to this alphabet.
    pub fn allows(self, c: char) -> bool {
        match self {
            Charset::KeyChars => c.is_ascii_alphanumeric() || c == '_' || c == '-',
            Charset::Alnum => c.is_ascii_alphanumeric(),
            Charset::Word => c.is_ascii_alphanumeric() || c == '_',
            Charset::LowerHex => c.is_ascii_digit() || ('a'..='f').contains(&c),
            Charset::UpperAlnum => c.is_ascii_uppercase() || c.is_ascii_digit(),
            Charset::Base64 => {
                c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '_' | '-')
            }
        }
    }
}

/// How a row recognises a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matcher {
    /// One of `prefixes`, then a body of `charset` whose length is in `body_len` (inclusive).
    ///
    /// `contains`: the body must contain this marker (OpenAI's `T3BlbkFJ`). `strict`: only the exact shape
    /// names the provider (for shapes whose prefix alone is ambiguous, like DeepSeek's bare `sk-`); otherwise a
    /// prefix match with a somewhat different length still names it, reported as not well-formed.
    Prefix {
        prefixes: &'static [&'static str],
        charset: Charset,
        body_len: (usize, usize),
        contains: Option<&'static str>,
        strict: bool,
    },
    /// z.ai (Zhipu GLM) API keys: 32 lowercase hex, a period, 16 alphanumerics. No prefix, so exact shape only.
    HexDotAlnum,
}

/// One row of the table: a credential shape of another provider.
#[derive(Debug, PartialEq, Eq)]
pub struct ProviderShape {
    /// Contract code written into `key-verdict[data-provider]`.
    pub code: &'static str,
    /// Display name, e.g. "OpenAI".
    pub name: &'static str,
    /// What the credential is, as a noun phrase ("an OpenAI API key").
    pub what: &'static str,
    pub matcher: Matcher,
    /// Where this credential belongs, and that Claude Code cannot use it against the Anthropic API.
    pub note: &'static str,
}

/// Said of every row: why it does not help with Claude Code on the Anthropic API.
pub const CANNOT_USE: &str =
    "Claude Code talks to the Anthropic API and cannot use it there: Anthropic answers 401.";

/// The table. Order matters: first match wins.
pub static PROVIDERS: &[ProviderShape] = &[
    ProviderShape {
        code: "openrouter",
        name: "OpenRouter",
        what: "an OpenRouter API key",
        matcher: Matcher::Prefix {
            prefixes: &["sk-or-v1-", "sk-or-"],
            charset: Charset::LowerHex,
            body_len: (64, 64),
            contains: None,
            strict: false,
        },
        note: "It belongs to OpenRouter (openrouter.ai). Claude Code can only use it through OpenRouter's \
               Anthropic-compatible endpoint: ANTHROPIC_BASE_URL set to that endpoint and the key in \
               ANTHROPIC_AUTH_TOKEN (not ANTHROPIC_API_KEY), as OpenRouter's Claude Code guide describes.",
    },
    ProviderShape {
        code: "openai",
        name: "OpenAI",
        what: "an OpenAI API key",
        matcher: Matcher::Prefix {
            prefixes: &["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-service-", "sk-None-"],
            charset: Charset::KeyChars,
            body_len: (40, 240),
            contains: None,
            strict: false,
        },
        note: "It belongs in OPENAI_API_KEY for OpenAI's own tools and SDKs.",
    },
    ProviderShape {
        code: "openai",
        name: "OpenAI",
        what: "an OpenAI API key (legacy format)",
        matcher: Matcher::Prefix {
            prefixes: &["sk-"],
            charset: Charset::Alnum,
            body_len: (40, 60),
            contains: Some("T3BlbkFJ"),
            strict: false,
        },
        note: "It belongs in OPENAI_API_KEY for OpenAI's own tools and SDKs.",
    },
    ProviderShape {
        code: "deepseek",
        name: "DeepSeek",
        what: "a DeepSeek API key (sk- followed by 32 hex digits; a few other services use the same shape)",
        matcher: Matcher::Prefix {
            prefixes: &["sk-"],
            charset: Charset::LowerHex,
            body_len: (32, 32),
            contains: None,
            strict: true,
        },
        note: "It belongs to DeepSeek (platform.deepseek.com). Claude Code can only use it through DeepSeek's \
               Anthropic-compatible endpoint: ANTHROPIC_BASE_URL set to that endpoint and the key in \
               ANTHROPIC_AUTH_TOKEN, as DeepSeek's Claude Code guide describes.",
    },
    ProviderShape {
        code: "google",
        name: "Google",
        what: "a Google API key (Gemini / Google Cloud)",
        matcher: Matcher::Prefix {
            prefixes: &["AIza"],
            charset: Charset::KeyChars,
            body_len: (35, 35),
            contains: None,
            strict: false,
        },
        note: "It belongs to Google's Gemini API or another Google Cloud API. Claude Code on Vertex AI does not use \
               API keys either: it needs CLAUDE_CODE_USE_VERTEX=1, a project and region, and Google Cloud \
               credentials (gcloud auth application-default login).",
    },
    ProviderShape {
        code: "google",
        name: "Google Cloud",
        what: "a Google Cloud OAuth access token (ya29.…)",
        matcher: Matcher::Prefix {
            prefixes: &["ya29."],
            charset: Charset::Base64,
            body_len: (40, 4096),
            contains: None,
            strict: false,
        },
        note: "It is a short-lived Google Cloud access token (about an hour), e.g. from gcloud auth \
               print-access-token. Claude Code on Vertex AI gets its own tokens: set CLAUDE_CODE_USE_VERTEX=1 and \
               run gcloud auth application-default login.",
    },
    ProviderShape {
        code: "aws-bedrock",
        name: "Amazon Bedrock",
        what: "an Amazon Bedrock API key (long-lived, ABSK…)",
        matcher: Matcher::Prefix {
            prefixes: &["ABSK"],
            charset: Charset::Base64,
            body_len: (100, 300),
            contains: None,
            strict: false,
        },
        note: "Claude Code uses it only on Amazon Bedrock: CLAUDE_CODE_USE_BEDROCK=1, the key in \
               AWS_BEARER_TOKEN_BEDROCK and AWS_REGION set.",
    },
    ProviderShape {
        code: "aws-bedrock",
        name: "Amazon Bedrock",
        what: "an Amazon Bedrock API key (short-lived, bedrock-api-key-…)",
        matcher: Matcher::Prefix {
            prefixes: &["bedrock-api-key-"],
            charset: Charset::Base64,
            body_len: (40, 4096),
            contains: None,
            strict: false,
        },
        note: "Claude Code uses it only on Amazon Bedrock: CLAUDE_CODE_USE_BEDROCK=1, the key in \
               AWS_BEARER_TOKEN_BEDROCK and AWS_REGION set. Short-lived keys expire within hours.",
    },
    ProviderShape {
        code: "aws",
        name: "AWS",
        what: "an AWS access key ID",
        matcher: Matcher::Prefix {
            prefixes: &["AKIA", "ASIA", "ABIA", "ACCA"],
            charset: Charset::UpperAlnum,
            body_len: (16, 16),
            contains: None,
            strict: false,
        },
        note: "It is only half of an AWS credential (the secret access key is the other half). Claude Code uses \
               AWS credentials only on Amazon Bedrock: CLAUDE_CODE_USE_BEDROCK=1 with AWS_ACCESS_KEY_ID and \
               AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and AWS_REGION.",
    },
    ProviderShape {
        code: "aws",
        name: "AWS",
        what: "an AWS access key ID",
        matcher: Matcher::Prefix {
            prefixes: &["A3T"],
            charset: Charset::UpperAlnum,
            body_len: (17, 17),
            contains: None,
            strict: true,
        },
        note: "It is only half of an AWS credential (the secret access key is the other half). Claude Code uses \
               AWS credentials only on Amazon Bedrock: CLAUDE_CODE_USE_BEDROCK=1 with AWS_ACCESS_KEY_ID and \
               AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and AWS_REGION.",
    },
    ProviderShape {
        code: "xai",
        name: "xAI",
        what: "an xAI (Grok) API key",
        matcher: Matcher::Prefix {
            prefixes: &["xai-"],
            charset: Charset::Alnum,
            body_len: (80, 80),
            contains: None,
            strict: false,
        },
        note: "It belongs to xAI's API (console.x.ai), e.g. in XAI_API_KEY.",
    },
    ProviderShape {
        code: "groq",
        name: "Groq",
        what: "a Groq API key",
        matcher: Matcher::Prefix {
            prefixes: &["gsk_"],
            charset: Charset::Alnum,
            body_len: (52, 52),
            contains: None,
            strict: false,
        },
        note: "It belongs to Groq's API (console.groq.com), e.g. in GROQ_API_KEY.",
    },
    ProviderShape {
        code: "huggingface",
        name: "Hugging Face",
        what: "a Hugging Face access token",
        matcher: Matcher::Prefix {
            prefixes: &["hf_", "api_org_"],
            charset: Charset::Alnum,
            body_len: (34, 34),
            contains: None,
            strict: false,
        },
        note: "It belongs to Hugging Face (huggingface.co), e.g. in HF_TOKEN.",
    },
    ProviderShape {
        code: "perplexity",
        name: "Perplexity",
        what: "a Perplexity API key",
        matcher: Matcher::Prefix {
            prefixes: &["pplx-"],
            charset: Charset::Alnum,
            body_len: (48, 48),
            contains: None,
            strict: false,
        },
        note: "It belongs to Perplexity's API, e.g. in PERPLEXITY_API_KEY.",
    },
    ProviderShape {
        code: "github",
        name: "GitHub",
        what: "a GitHub token",
        matcher: Matcher::Prefix {
            prefixes: &["github_pat_"],
            charset: Charset::Word,
            body_len: (82, 82),
            contains: None,
            strict: false,
        },
        note: "It belongs to GitHub (GH_TOKEN / GITHUB_TOKEN). In GitHub Actions, Claude Code's own credential \
               is the repository secret ANTHROPIC_API_KEY (or CLAUDE_CODE_OAUTH_TOKEN), not a GitHub token.",
    },
    ProviderShape {
        code: "github",
        name: "GitHub",
        what: "a GitHub token",
        matcher: Matcher::Prefix {
            prefixes: &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
            charset: Charset::Alnum,
            body_len: (36, 36),
            contains: None,
            strict: false,
        },
        note: "It belongs to GitHub (GH_TOKEN / GITHUB_TOKEN). In GitHub Actions, Claude Code's own credential \
               is the repository secret ANTHROPIC_API_KEY (or CLAUDE_CODE_OAUTH_TOKEN), not a GitHub token.",
    },
    ProviderShape {
        code: "zai",
        name: "Z.ai",
        what: "a Z.ai (Zhipu GLM) API key",
        matcher: Matcher::HexDotAlnum,
        note: "It belongs to Z.ai / Zhipu. Claude Code can only use it through Z.ai's Anthropic-compatible \
               endpoint: ANTHROPIC_BASE_URL set to that endpoint and the key in ANTHROPIC_AUTH_TOKEN, as Z.ai's \
               Claude Code guide describes.",
    },
];

/// A token matched to a row of [`PROVIDERS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProviderMatch {
    pub provider: &'static ProviderShape,
    /// The matched prefix ("" for prefix-less shapes); safe to show in a redacted preview.
    pub prefix: &'static str,
    /// Body length in characters (after the prefix).
    pub body_len: usize,
    /// The expected body length range.
    pub expected: (usize, usize),
    /// 1-based position (in the whole token) of the first character outside the row's alphabet, if any.
    pub bad_char_at: Option<usize>,
}

impl ProviderMatch {
    /// Whether the token has exactly the row's shape.
    pub fn well_formed(&self) -> bool {
        self.bad_char_at.is_none()
            && self.body_len >= self.expected.0
            && self.body_len <= self.expected.1
    }
}

/// Shortest body that still names a provider from its prefix alone.
const MIN_TOLERANT_BODY: usize = 8;

fn is_hex_dot_alnum(token: &str) -> bool {
    let b = token.as_bytes();
    b.len() == 49
        && b[32] == b'.'
        && b[..32]
            .iter()
            .all(|&c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
        && b[33..].iter().all(u8::is_ascii_alphanumeric)
}

/// The provider a token belongs to, judged from its shape. Linear in the token length times the (constant)
/// number of rows.
pub fn identify(token: &str) -> Option<ProviderMatch> {
    for provider in PROVIDERS {
        match provider.matcher {
            Matcher::HexDotAlnum => {
                if is_hex_dot_alnum(token) {
                    return Some(ProviderMatch {
                        provider,
                        prefix: "",
                        body_len: 49,
                        expected: (49, 49),
                        bad_char_at: None,
                    });
                }
            }
            Matcher::Prefix {
                prefixes,
                charset,
                body_len,
                contains,
                strict,
            } => {
                for &prefix in prefixes {
                    let Some(body) = token.strip_prefix(prefix) else {
                        continue;
                    };
                    if let Some(marker) = contains {
                        if !body.contains(marker) {
                            continue;
                        }
                    }
                    let len = body.chars().count();
                    let bad = body
                        .chars()
                        .position(|c| !charset.allows(c))
                        .map(|i| prefix.len() + i + 1);
                    let m = ProviderMatch {
                        provider,
                        prefix,
                        body_len: len,
                        expected: body_len,
                        bad_char_at: bad,
                    };
                    if strict && !m.well_formed() {
                        continue;
                    }
                    // A prefix alone names the provider only with a body of some substance, and for AWS-like
                    // all-caps ids only when the alphabet fits (otherwise "AKIAbcdef" would be AWS).
                    if !m.well_formed()
                        && (len < MIN_TOLERANT_BODY
                            || (charset == Charset::UpperAlnum && bad.is_some()))
                    {
                        continue;
                    }
                    return Some(m);
                }
            }
        }
    }
    None
}

/// Whether `token` starts with a prefix from the table that is distinctive on its own (used to spot a second
/// credential inside pasted text). The bare `sk-` prefix is not distinctive.
pub fn has_distinctive_prefix(token: &str) -> bool {
    PROVIDERS.iter().any(|p| match p.matcher {
        Matcher::Prefix { prefixes, .. } => prefixes
            .iter()
            .any(|&pre| pre != "sk-" && token.starts_with(pre)),
        Matcher::HexDotAlnum => false,
    })
}

/// The first row with this contract code.
pub fn by_code(code: &str) -> Option<&'static ProviderShape> {
    PROVIDERS.iter().find(|p| p.code == code)
}

/// Every distinct contract code in the table, in table order.
pub fn codes() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for p in PROVIDERS {
        if !out.contains(&p.code) {
            out.push(p.code);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rep(c: char, n: usize) -> String {
        std::iter::repeat_n(c, n).collect()
    }

    #[test]
    fn each_shape_is_named() {
        let cases = [
            (format!("sk-or-v1-{}", rep('a', 64)), "openrouter"),
            (
                format!("sk-proj-{}T3BlbkFJ{}", rep('A', 58), rep('b', 58)),
                "openai",
            ),
            (
                format!("sk-{}T3BlbkFJ{}", rep('A', 20), rep('b', 20)),
                "openai",
            ),
            (format!("sk-{}", rep('e', 32)), "deepseek"),
            (format!("AIza{}", rep('Q', 35)), "google"),
            (format!("AKIA{}", rep('Q', 16)), "aws"),
            (format!("A3TX{}", rep('Q', 16)), "aws"),
            (format!("ABSK{}", rep('Q', 120)), "aws-bedrock"),
            (format!("bedrock-api-key-{}", rep('Q', 200)), "aws-bedrock"),
            (format!("xai-{}", rep('Q', 80)), "xai"),
            (format!("gsk_{}", rep('Q', 52)), "groq"),
            (format!("hf_{}", rep('Q', 34)), "huggingface"),
            (format!("pplx-{}", rep('Q', 48)), "perplexity"),
            (format!("ghp_{}", rep('Q', 36)), "github"),
            (format!("{}.{}", rep('a', 32), rep('Q', 16)), "zai"),
        ];
        for (token, code) in cases {
            let m = identify(&token).unwrap_or_else(|| panic!("{code} not identified"));
            assert_eq!(m.provider.code, code);
            assert!(m.well_formed(), "{code} not well-formed");
        }
    }

    #[test]
    fn tolerant_and_strict() {
        let m = identify(&format!("xai-{}", rep('Q', 70))).unwrap();
        assert_eq!(m.provider.code, "xai");
        assert!(!m.well_formed());
        assert!(identify(&format!("sk-{}", rep('e', 31))).is_none());
        assert!(identify("AKIAbcdefghijklmnopq").is_none());
        assert!(identify("sk-ant-api03-abc").is_none());
        assert!(identify("").is_none());
    }
}
