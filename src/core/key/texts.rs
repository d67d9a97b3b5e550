//! The wording: the headline and advice for each kind of credential and verdict, the title, detail and fix of
//! each noise finding, and the texts for placeholders. Positions and counts only: no text here contains key
//! characters.

use super::chars::plural;
use super::classify::Class;
use super::noise::{env_like, Noise};
use super::placeholders::Why;
use super::{finding, Finding};
use crate::core::codes::{AuthScheme, FindingCode, Kind, Verdict};
use crate::core::providers::{self, ProviderShape};

pub(super) fn kind_noun(kind: Kind, provider: Option<&'static ProviderShape>) -> String {
    match kind {
        Kind::ApiKey => "a Console API key".into(),
        Kind::AdminKey => "an Admin API key".into(),
        Kind::OauthAccessToken => {
            "an OAuth access token (a Claude subscription, federation or profile token)".into()
        }
        Kind::OauthRefreshToken => "an OAuth refresh token".into(),
        Kind::SessionCookie => "a claude.ai session cookie".into(),
        Kind::AnthropicUnknown => "an Anthropic credential of an unknown kind".into(),
        Kind::OtherProvider => {
            provider.map_or("another provider's key".into(), |p| p.what.to_string())
        }
        Kind::Placeholder => "a placeholder".into(),
        Kind::Empty => "an empty value".into(),
        Kind::Unknown => "unrecognised text".into(),
    }
}

/// Variables Claude Code reads that hold a credential of a cloud provider or in another form
/// (https://code.claude.com/docs/en/env-vars): a key found in one of them is not in a variable Claude Code ignores.
const OTHER_CREDENTIAL_VARS: &[&str] = &[
    "AWS_BEARER_TOKEN_BEDROCK",
    "ANTHROPIC_FOUNDRY_API_KEY",
    "ANTHROPIC_FOUNDRY_AUTH_TOKEN",
    "ANTHROPIC_CUSTOM_HEADERS",
];

pub(super) fn noise_findings(n: &Noise, class: &Class) -> Vec<Finding> {
    let mut out = Vec::new();
    if n.ws.any() {
        let w = &n.ws;
        let mut parts = Vec::new();
        let mut sources = Vec::new();
        if w.lf || w.cr {
            parts.push("a line break");
            sources.push("a trailing line break comes from copying a whole line in a terminal or editor, from echo output, or from a file saved with a final newline and read with $(cat …)");
        }
        if w.crlf {
            parts.push("a Windows line ending (\\r\\n)");
            sources.push("a Windows line ending comes from a .env file or script saved on Windows (Notepad) and read on macOS, Linux or WSL");
        }
        if w.spaces || w.tabs {
            parts.push(if w.tabs { "spaces or tabs" } else { "spaces" });
            sources.push("spaces come from a chat message, an email, a document, or an .env line like KEY= value");
        }
        if w.nbsp || w.other {
            parts.push("non-breaking or other Unicode spaces");
            sources.push(
                "non-breaking spaces come from web pages, Word or Google Docs, Slack or Teams",
            );
        }
        if w.escape {
            parts.push("a literal \\n escape");
            sources.push("a literal \\n comes from copying out of JSON or a log");
        }
        out.push(finding(
            FindingCode::SurroundingWhitespace,
            "Whitespace around the key",
            format!(
                "The key is surrounded by {}. Where it usually comes from: {}. Claude Code sends the value exactly as \
                 stored, so the API sees a different key (and Claude Code v2.1.227 and later refuses a header with a \
                 line break).",
                parts.join(", "),
                sources.join("; ")
            ),
            "Remove it from the stored copy: in a shell profile write export ANTHROPIC_API_KEY='…' with nothing \
             after the closing quote; in a .env file no spaces around =; a file read by a helper should be written \
             with printf '%s' rather than echo; save files with LF line endings (dos2unix).",
        ));
    }
    if n.line_breaks > 0 {
        out.push(finding(
            FindingCode::LineBreak,
            "A line break inside the key",
            format!(
                "The key is split over {} lines. A terminal or editor that wraps long lines, an email or chat app, or \
                 a PDF put the break there. Joined back together the pieces have the shape of {}.",
                n.line_breaks + 1,
                kind_noun(class.kind, class.provider)
            ),
            "Rejoin the pieces into one unbroken line wherever the key is stored (shell profile, .env file, secret \
             store), or copy it again in one piece from its source.",
        ));
    }
    let inv = n.invisible_count();
    if inv > 0 {
        let names = [
            "zero-width characters (from chat apps, web pages, Word or Google Docs)",
            "a byte-order mark (BOM, from a file saved as \"UTF-8 with BOM\", e.g. by Windows Notepad or PowerShell)",
            "soft hyphens (from word processors and PDFs)",
            "text-direction marks (from web pages and chat apps)",
            "control characters (NUL and the like, from binary or corrupted files)",
        ];
        let mut parts: Vec<&str> = names
            .iter()
            .zip(n.invisible)
            .filter(|(_, k)| *k > 0)
            .map(|(s, _)| *s)
            .collect();
        if n.ansi > 0 {
            parts.push("terminal colour codes (from copying coloured terminal output)");
        }
        out.push(finding(
            FindingCode::InvisibleChar,
            "Invisible characters",
            format!(
                "The text contains {}: {}. They are not part of the key; the API sees a different key, and browsers \
                 and Claude Code v2.1.227 and later refuse to send most of them in a header.",
                plural(inv, "invisible character", "invisible characters"),
                parts.join("; ")
            ),
            "Re-enter the stored value so it holds only the key: paste it into a plain-text editor first, save files \
             as UTF-8 without BOM, or copy the key again from its source.",
        ));
    }
    if n.quotes.any() {
        let q = &n.quotes;
        let mut parts = Vec::new();
        if q.straight {
            parts.push("straight quotes");
        }
        if q.curly {
            parts.push("curly “smart” quotes (from Word, Pages, PDFs, Notes or a chat app)");
        }
        if q.guillemets {
            parts.push("guillemets « »");
        }
        if q.backtick || q.fence {
            parts.push("Markdown backticks or a code block");
        }
        if q.reply {
            parts.push("a quoted-reply marker (> )");
        }
        if q.angle {
            parts.push("angle brackets < >");
        }
        if n.trailing_punct && n.assign.is_none() && !n.json {
            parts.push("a trailing comma or semicolon");
        }
        let mut detail = format!(
            "The key is wrapped in {}. They come from an export KEY=\"…\" line, a JSON or YAML value, a Markdown \
             snippet, or a document or chat message. A shell removes straight quotes, but not curly ones; in a .env \
             file read by some tools, a settings.json value, a password manager, a CI secret or an apiKeyHelper \
             output the quotes become part of the key.",
            parts.join(", ")
        );
        if n.assign
            .as_ref()
            .is_some_and(|(_, style)| *style == "a Windows set command")
        {
            detail.push_str(
                " In Windows cmd, set NAME=\"value\" keeps the quotes in the value: write set \"NAME=value\" or no \
                 quotes.",
            );
        }
        out.push(finding(
            FindingCode::Quotes,
            "Quotation marks around the key",
            detail,
            "Store the bare key: in a shell use straight quotes only (export ANTHROPIC_API_KEY='sk-ant-…'), in \
             settings.json only the JSON string quotes, and in secret stores, password managers and CI secrets no \
             quotes at all.",
        ));
    }
    if n.assign.is_some() || n.json || n.comment || n.prompt || n.command {
        let (name, style) = n.assign.clone().unwrap_or((
            None,
            if n.json {
                "a JSON block"
            } else {
                "a shell command line"
            },
        ));
        let mut extras = Vec::new();
        if n.json {
            extras.push("JSON braces");
        }
        if n.trailing_punct {
            extras.push("a trailing comma or semicolon");
        }
        if n.comment {
            extras.push("a trailing # comment");
        }
        if n.command {
            extras.push("the command that follows it");
        }
        if n.prompt {
            extras.push("a shell prompt");
        }
        let extras = if extras.is_empty() {
            String::new()
        } else {
            format!(" (with {})", extras.join(", "))
        };
        let what = match &name {
            Some(v) => format!("{style} that sets {v}{extras}, not just the key."),
            None => format!("{style}{extras}, not just the key."),
        };
        let about = match name.as_deref() {
            Some("ANTHROPIC_API_KEY") if class.kind == Kind::ApiKey => {
                " ANTHROPIC_API_KEY is the right variable for a Console API key.".to_string()
            }
            Some("ANTHROPIC_API_KEY") if class.kind == Kind::OauthAccessToken => {
                " ANTHROPIC_API_KEY is the wrong variable for an OAuth token: Claude Code sends it as x-api-key and \
                 gets Invalid API key."
                    .to_string()
            }
            Some("ANTHROPIC_AUTH_TOKEN") => " ANTHROPIC_AUTH_TOKEN is sent as Authorization: Bearer and is meant for \
                 gateways and proxies (with ANTHROPIC_BASE_URL); a Console key for api.anthropic.com belongs in \
                 ANTHROPIC_API_KEY (sent as x-api-key), and a subscription token in CLAUDE_CODE_OAUTH_TOKEN."
                .to_string(),
            Some("CLAUDE_CODE_OAUTH_TOKEN") => " CLAUDE_CODE_OAUTH_TOKEN holds a subscription token from claude \
                 setup-token (sk-ant-oat01-…), never a Console API key."
                .to_string(),
            Some("ANTHROPIC_PROFILE") => " ANTHROPIC_PROFILE names an Anthropic profile (set up with ant auth login), \
                 not a credential: Claude Code reads the profile's token itself."
                .to_string(),
            Some(v) if env_like(v) && v != "ANTHROPIC_API_KEY" && !OTHER_CREDENTIAL_VARS.contains(&v) => {
                format!(
                    " Claude Code does not read {v}: it reads ANTHROPIC_API_KEY (Console key), \
                     CLAUDE_CODE_OAUTH_TOKEN (subscription token) or ANTHROPIC_AUTH_TOKEN (gateway token)."
                )
            }
            _ => String::new(),
        };
        out.push(finding(
            FindingCode::AssignmentPrefix,
            "A variable assignment around the key",
            format!("The text is {what}{about} It was copied from a shell profile, an .env file, a settings.json env block or a CI configuration."),
            "Paste only the value here. In the stored copy keep exactly one assignment per variable, with nothing \
             but the key in the value, and check that the variable Claude Code reads is the one set (echo \
             ${#ANTHROPIC_API_KEY} prints its length: 108 for a Console key).",
        ));
    }
    if let Some(style) = n.header {
        out.push(finding(
            FindingCode::HeaderPrefix,
            "An HTTP header prefix before the key",
            format!(
                "The text starts with {style}, copied from a curl command, an HTTP client or a proxy log. The header \
                 name and the word Bearer are not part of the key: Claude Code adds the header itself (ANTHROPIC_API_KEY \
                 as x-api-key, ANTHROPIC_AUTH_TOKEN as Authorization: Bearer)."
            ),
            "Store only the key: if the stored value (a variable, an apiKeyHelper's output, a secret) begins with \
             \"Bearer \" or a header name, remove it.",
        ));
    }
    if n.duplicated > 1 {
        out.push(finding(
            FindingCode::Duplicated,
            "The key pasted more than once",
            format!(
                "The same key appears {} times in a row. This happens when pasting into a field or file that already \
                 held it, when a password manager fills it in and it is pasted too, or when two identical lines were \
                 copied.",
                n.duplicated
            ),
            "Keep a single copy in the stored value, and check the file does not set the variable twice.",
        ));
    }
    out
}

fn placeholder_text(why: &Why) -> (String, String) {
    match why {
        Why::VarRef(name, shell) => {
            let name = if name.is_empty() { "a variable".to_string() } else { name.clone() };
            (
                format!("A reference to {name} ({shell} syntax), not its value."),
                format!(
                    "The variable was never expanded: it was written inside single quotes ('$X' stays literal), in a \
                     settings.json env block or .env file that does not expand variables, or with the syntax of a \
                     different shell. Paste the key itself; to see what the variable holds, run echo \
                     ${{#{name}}} (its length; 108 for a Console key) rather than printing it."
                ),
            )
        }
        Why::Template => (
            "A placeholder or template, not a real key.".into(),
            "This is the example text from documentation, an .env.example file, or a template expression (GitHub \
             Actions ${{ secrets.… }}, Helm or Jinja {{ … }}) that was never filled in or rendered. Put the real \
             key (sk-ant-api03-…, from the Console) in its place, or check that the secret exists."
                .into(),
        ),
        Why::CommandSubst => (
            "A shell command, not its output.".into(),
            "A $(…) or backtick command substitution was stored without being run, e.g. in a settings.json env block \
             or an .env file. Use apiKeyHelper for a command that prints the key, or store the key itself."
                .into(),
        ),
        Why::OnePassword => (
            "A 1Password secret reference (op://…), not the key.".into(),
            "It is resolved only when the command runs under op run (or with op read). Start Claude Code with op run \
             --env-file=… -- claude, or use an apiKeyHelper that runs op read."
                .into(),
        ),
        Why::VarName(name) => (
            format!("The name of a variable ({name}), not its value."),
            "Paste the value the variable holds (the key itself), not its name.".into(),
        ),
        Why::PrefixOnly => (
            "Only the beginning of a key, a placeholder.".into(),
            "A Console API key is 108 characters: sk-ant-api03- followed by 95 more. Paste the whole key.".into(),
        ),
        Why::Filler => (
            "A placeholder made of filler characters, not a real key.".into(),
            "It is example text (x's, dots or a repeated character) from documentation or a template. Put the real \
             key, from the Console, in its place."
                .into(),
        ),
        Why::Dummy => (
            "A dummy value, not a real key.".into(),
            "Words like test, null, none or changeme are stand-ins. Put the real key, from the Console, in its place; \
             if the variable should not be set at all, unset it."
                .into(),
        ),
        Why::ProxyManaged => (
            "A dummy value set by a proxy or sandbox tool, not a key.".into(),
            "Some sandboxing and proxy tools set ANTHROPIC_API_KEY=proxy-managed (or similar) and inject the real \
             credential in their proxy. Outside that proxy Claude Code sends the dummy and gets Invalid API key: \
             unset ANTHROPIC_API_KEY (check shell profiles and settings.json env blocks) and /login, or set the \
             real key."
                .into(),
        ),
    }
}

const LIVE_TEST: &str = "A well-formed key can still be revoked, disabled or out of credit: the live test asks the API.";

/// A short phrase per finding, for headlines.
fn phrase(code: FindingCode) -> &'static str {
    match code {
        FindingCode::SurroundingWhitespace => "whitespace",
        FindingCode::LineBreak => "a line break",
        FindingCode::InvisibleChar => "invisible characters",
        FindingCode::NonLatin1 => "a look-alike or non-Latin character inside",
        FindingCode::Quotes => "quotation marks",
        FindingCode::AssignmentPrefix => "a variable assignment",
        FindingCode::HeaderPrefix => "a header prefix",
        FindingCode::Duplicated => "a second copy",
        FindingCode::Truncated => "it is too short",
        FindingCode::TooLong => "there is more than the key",
        FindingCode::BadCharset => "a character that cannot be in a key",
        FindingCode::BadSuffix => "it does not end in AA like real keys",
        FindingCode::Masked => "it is a masked copy",
    }
}

fn join_and(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub(super) fn kind_texts(
    class: &Class,
    verdict: Verdict,
    n: &Noise,
    findings: &[Finding],
) -> (String, String) {
    let damaged = verdict == Verdict::Invalid;
    let damage: Vec<&str> = findings
        .iter()
        .filter(|f| f.code >= FindingCode::Truncated || f.code == FindingCode::NonLatin1)
        .map(|f| phrase(f.code))
        .collect();
    let main_damage = join_and(&damage);
    let noise_words: Vec<&str> = findings.iter().map(|f| phrase(f.code)).collect();
    let name = n.assign.as_ref().and_then(|(name, _)| name.as_deref());
    match class.kind {
        Kind::ApiKey => {
            let headline = match verdict {
                Verdict::Ok => "A well-formed Anthropic Console API key (108 characters), pasted cleanly.".to_string(),
                Verdict::Fixable => format!(
                    "A well-formed Anthropic Console API key, wrapped in removable noise: {}.",
                    join_and(&noise_words)
                ),
                _ => format!("This starts like a Console API key, but cannot work as pasted: {main_damage}."),
            };
            let advice = if damaged {
                "Claude Code would send it as is and get Invalid API key. Get an intact copy of the key (or create a new \
                 one in the Console) and store that in ANTHROPIC_API_KEY."
                    .to_string()
            } else {
                let moved = if name == Some("ANTHROPIC_AUTH_TOKEN") || name == Some("CLAUDE_CODE_OAUTH_TOKEN") {
                    " It was assigned to the wrong variable: move it to ANTHROPIC_API_KEY."
                } else {
                    ""
                };
                format!(
                    "It belongs in ANTHROPIC_API_KEY (sent as the x-api-key header) or in an apiKeyHelper's output.{moved} {}{LIVE_TEST}",
                    if verdict == Verdict::Fixable {
                        "Clean the stored copy too: Claude Code reads the value exactly as stored. "
                    } else {
                        ""
                    }
                )
            };
            (headline, advice)
        }
        Kind::AdminKey => (
            if damaged {
                format!("This starts like an Anthropic Admin API key and is damaged too: {main_damage}.")
            } else {
                format!("An Anthropic Admin API key ({}…), not a key for Claude Code.", class.prefix)
            },
            "Admin keys work only with the Admin API (managing the organization); they cannot call the Messages API, \
             so Claude Code gets 401. Create a regular API key in the Console (Settings → API keys), put that in \
             ANTHROPIC_API_KEY, and keep the admin key out of your environment."
                .into(),
        ),
        // Three kinds of token share the sk-ant-oat01- prefix: a Claude subscription login or `claude setup-token`
        // token (https://code.claude.com/docs/en/authentication), a Workload Identity Federation access token
        // ("prefixed sk-ant-oat01-... Pass it as Authorization: Bearer",
        // https://platform.claude.com/docs/en/manage-claude/wif-reference) and an Anthropic profile's token from the
        // ant CLI, which Claude Code reads through ANTHROPIC_PROFILE (https://code.claude.com/docs/en/env-vars).
        Kind::OauthAccessToken => (
            if damaged {
                format!("This starts like an OAuth access token (sk-ant-oat01-…) and is damaged: {main_damage}.")
            } else {
                "An OAuth access token (sk-ant-oat01-…), not a Console API key: a Claude subscription token (from \
                 /login or claude setup-token), or a Workload Identity Federation or Anthropic profile (ant CLI) token."
                    .into()
            },
            "Where it belongs depends on where it came from. A Claude subscription token belongs only in \
             CLAUDE_CODE_OAUTH_TOKEN (or simply run /login): in ANTHROPIC_API_KEY it gives \"Invalid API key\", in \
             ANTHROPIC_AUTH_TOKEN \"OAuth authentication is currently not supported\"; setup-token tokens expire \
             after a year, then run claude setup-token again. A federation or profile token is short-lived and sent as \
             Authorization: Bearer: let Claude Code fetch and renew it itself, from ANTHROPIC_PROFILE (an ant CLI \
             profile) or the federation variables (ANTHROPIC_FEDERATION_RULE_ID, ANTHROPIC_ORGANIZATION_ID and an \
             identity token), instead of storing it. Either way, remove it from any other variable it was put in."
                .into(),
        ),
        Kind::OauthRefreshToken => (
            "An OAuth refresh token (sk-ant-ort01-…), part of a Claude login, not an API credential.".into(),
            "It cannot authenticate requests and should never leave the credentials store. Treat it as leaked: run \
             /logout and /login again (this rotates it) and delete it from wherever it was pasted or stored. For \
             Claude Code use /login, or CLAUDE_CODE_OAUTH_TOKEN with a token from claude setup-token."
                .into(),
        ),
        Kind::SessionCookie => (
            "A claude.ai browser session cookie (sk-ant-sid01-…, the sessionKey cookie), not an API credential.".into(),
            "Anyone holding it is signed in to claude.ai as you. Treat it as leaked: sign out of claude.ai on all \
             devices to invalidate it, and delete it from wherever it was pasted. For Claude Code use /login, \
             CLAUDE_CODE_OAUTH_TOKEN or a Console API key."
                .into(),
        ),
        // sk-ant-api01- is the Claude Enterprise Admin key, created in claude.ai › Organization settings › API
        // (https://platform.claude.com/docs/en/manage-claude/admin-api-keys).
        Kind::AnthropicUnknown if class.label.as_deref() == Some("sk-ant-api01-") && !damaged => (
            "A Claude Enterprise Admin key (sk-ant-api01-…), not a Console API key.".into(),
            "Claude Enterprise organizations create these in claude.ai (Organization settings › API) for user \
             management, the Compliance API, Enterprise analytics and spend limits; they cannot call the Messages \
             API, so Claude Code gets 401. For Claude Code sign in with /login, or create an API key in the Console \
             (Settings → API keys) and store that in ANTHROPIC_API_KEY; keep the admin key out of your environment."
                .into(),
        ),
        Kind::AnthropicUnknown => {
            let label = class.label.clone().unwrap_or_else(|| "sk-ant-".into());
            (
                if damaged {
                    format!("An Anthropic-style credential ({label}…) that is damaged: {main_damage}.")
                } else {
                    format!("An Anthropic credential of a kind this page does not know ({label}…), not a Console API key.")
                },
                "Keys for Claude Code start with sk-ant-api03- and have 108 characters. sk-ant-api01- keys are \
                 Claude Enterprise Admin keys, which cannot call the Messages API. Create an API key in the Console \
                 (Settings → API keys) and store that in ANTHROPIC_API_KEY."
                    .into(),
            )
        }
        Kind::OtherProvider => {
            let p = class.provider;
            let what = kind_noun(Kind::OtherProvider, p);
            let mut what_cap = what.clone();
            if let Some(f) = what_cap.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            (
                if damaged {
                    format!("{what_cap}, and it is damaged too: {main_damage}.")
                } else {
                    format!("{what_cap}, not an Anthropic key.")
                },
                format!(
                    "{} {} For Claude Code create an Anthropic Console API key (sk-ant-api03-…) or run /login.",
                    p.map_or("", |p| p.note),
                    providers::CANNOT_USE
                ),
            )
        }
        Kind::Placeholder => {
            let why = class.why.clone().unwrap_or(Why::Template);
            placeholder_text(&why)
        }
        Kind::Empty => (
            "The assignment has an empty value.".into(),
            "The variable is set to nothing. An empty ANTHROPIC_API_KEY is ignored by some tools and sent as an empty \
             key by others: set the real key, or remove the line."
                .into(),
        ),
        Kind::Unknown => {
            if let Some(label) = &class.label {
                let headline = format!("This is {label}, not a key.");
                let advice = match label.as_str() {
                    "a Claude Code session URL" => "It gives access to a Claude Code session: treat it as a secret and \
                         do not share it. It is not a credential Claude Code can use."
                        .to_string(),
                    "an Anthropic web address" => "A URL is not a credential. If it is an API address, it belongs in \
                         ANTHROPIC_BASE_URL (and only for gateways); the key comes from the Console."
                        .to_string(),
                    "a JSON Web Token (JWT)" => "JWTs come from single sign-on or a gateway, never from Anthropic. If \
                         your gateway issued it, put it in ANTHROPIC_AUTH_TOKEN with ANTHROPIC_BASE_URL pointing at \
                         the gateway; for api.anthropic.com use a Console API key."
                        .to_string(),
                    _ => "A URL is not a credential. The key comes from the Console (Settings → API keys).".to_string(),
                };
                return (headline, advice);
            }
            (
                if class.extra.is_some() {
                    "More text than a key.".to_string()
                } else {
                    "This does not look like an Anthropic key.".to_string()
                },
                "Anthropic Console API keys start with sk-ant-api03- and have 108 characters. If ANTHROPIC_BASE_URL \
                 points at a gateway (LiteLLM, a corporate proxy), its own keys look different (often sk-…): put \
                 such a key in ANTHROPIC_AUTH_TOKEN and run the live test against that base URL."
                    .into(),
            )
        }
    }
}

/// The variable a gateway's credential goes in, by the header the gateway reads.
fn gateway_variable(scheme: AuthScheme) -> &'static str {
    match scheme {
        AuthScheme::Bearer => {
            "ANTHROPIC_AUTH_TOKEN (Claude Code sends it as Authorization: Bearer, which this gateway reads), with \
             ANTHROPIC_API_KEY unset"
        }
        AuthScheme::XApiKey => "ANTHROPIC_API_KEY (Claude Code sends it as x-api-key, which this gateway reads)",
    }
}

/// What a credential in a gateway's own format is, and where it goes.
pub(super) fn gateway_credential(
    verdict: Verdict,
    provider_name: Option<&'static str>,
    scheme: AuthScheme,
) -> (String, String) {
    let shape = match provider_name {
        Some(name) => format!(
            " It has the shape of a {name} key; gateways such as LiteLLM issue virtual keys of that shape too."
        ),
        None => String::new(),
    };
    let headline = match verdict {
        Verdict::Unjudged => format!(
            "A credential in your gateway's own format: this page does not judge it, the live test checks it.{shape}"
        ),
        Verdict::Fixable => format!(
            "A credential in your gateway's own format, wrapped in removable characters (below).{shape}"
        ),
        _ => "This cannot be sent to your gateway as it is (below).".to_string(),
    };
    let advice = format!(
        "A gateway decides what its own credentials look like, so only the live test can say whether it accepts \
         this one. It belongs in {}.",
        gateway_variable(scheme)
    );
    (headline, advice)
}

/// What a gateway makes of an Anthropic credential, when the setup goes through one.
pub(super) fn anthropic_kind_at_gateway(kind: Kind, scheme: AuthScheme) -> Option<String> {
    match kind {
        Kind::ApiKey => Some(match scheme {
            AuthScheme::Bearer => format!(
                "Through your gateway: a gateway that passes your own Anthropic key through takes it in \
                 ANTHROPIC_API_KEY (x-api-key); most gateways issue their own key instead, which goes in {}. The \
                 live test shows whether this one accepts it.",
                gateway_variable(scheme)
            ),
            AuthScheme::XApiKey => "Through your gateway: this gateway reads ANTHROPIC_API_KEY (x-api-key), which \
                 is where an Anthropic key goes if it passes your own key through; most gateways issue their own key \
                 instead, which goes in the same variable. The live test shows whether this one accepts it."
                .to_owned(),
        }),
        Kind::OauthAccessToken | Kind::OauthRefreshToken | Kind::SessionCookie | Kind::AdminKey => Some(
            "A gateway has no use for it either: it is never sent to one.".to_string(),
        ),
        _ => None,
    }
}

/// A gateway credential no HTTP header can carry.
pub(super) fn not_header_safe() -> Finding {
    finding(
        FindingCode::BadCharset,
        "Characters no header can carry",
        "Once the removable noise is gone, the value still has a space or a character beyond visible ASCII inside \
         it: browsers and Claude Code refuse to send that in a header."
            .to_string(),
        "Copy the credential again from where the gateway's admin gave it to you, in one piece.",
    )
}
