//! The team config file and its validation: what `build.rs` runs once (it includes this file), and what the native
//! tests check.

use std::borrow::Cow;

use serde::Deserialize;

use crate::core::base_url::parse_base_url;
use crate::core::codes::{Auth, AuthScheme, Launcher, Os, Shell};
use crate::core::setup::Setup;

/// The file as written: every field optional, anything else refused, so a typo does not pass silently.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TeamFile {
    org_name: Option<String>,
    default_setup: Option<SetupFile>,
    gateway: Option<GatewayFile>,
    docs_url: Option<String>,
    support: Option<String>,
    key_rotation_days: Option<u32>,
    #[serde(default)]
    claude_md_extra_lines: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetupFile {
    os: Option<String>,
    shell: Option<String>,
    launcher: Option<String>,
    auth: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GatewayFile {
    base_url: String,
    auth_scheme: Option<String>,
}

/// The team's gateway: the live test's default base URL and scheme, and an origin the page's CSP allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gateway {
    /// Normalized (no trailing slash), as `core::base_url` writes it.
    pub base_url: Cow<'static, str>,
    /// `scheme://host[:port]`.
    pub origin: Cow<'static, str>,
    pub scheme: AuthScheme,
}

/// A team's validated configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamConfig {
    pub org_name: Option<Cow<'static, str>>,
    /// The setup the page opens with (a share link still wins).
    pub setup: Option<Setup>,
    pub gateway: Option<Gateway>,
    pub docs_url: Option<Cow<'static, str>>,
    pub support: Option<Cow<'static, str>>,
    pub key_rotation_days: Option<u32>,
    pub claude_md_extra_lines: Cow<'static, [Cow<'static, str>]>,
}

/// Reads one optional setup code, listing the allowed ones when it is not one of them.
fn code<T: Copy>(
    field: &str,
    value: Option<String>,
    all: &[T],
    code_of: fn(T) -> &'static str,
) -> Result<Option<T>, String> {
    let Some(text) = value else { return Ok(None) };
    all.iter()
        .copied()
        .find(|&v| code_of(v) == text)
        .map(Some)
        .ok_or_else(|| {
            let allowed: Vec<&str> = all.iter().map(|&v| code_of(v)).collect();
            format!(
                "default_setup.{field}: \"{text}\" is not one of {}",
                allowed.join(", ")
            )
        })
}

fn http_url(field: &str, value: Option<String>) -> Result<Option<String>, String> {
    match value {
        Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) => {
            Err(format!("{field}: \"{url}\" must be an http(s) URL"))
        }
        other => Ok(other),
    }
}

fn non_blank(value: Option<String>) -> Option<Cow<'static, str>> {
    value.filter(|s| !s.trim().is_empty()).map(Cow::Owned)
}

impl SetupFile {
    fn validate(self) -> Result<Setup, String> {
        let mut setup = Setup::default();
        if let Some(os) = code("os", self.os, Os::ALL, Os::code)? {
            setup = setup.with_os(os);
        }
        if let Some(shell) = code("shell", self.shell, Shell::ALL, Shell::code)? {
            setup = setup.with_shell(shell);
        }
        if let Some(launcher) = code("launcher", self.launcher, Launcher::ALL, Launcher::code)? {
            setup.launcher = launcher;
        }
        if let Some(auth) = code("auth", self.auth, Auth::ALL, Auth::code)? {
            setup.auth = auth;
        }
        Ok(setup.normalized())
    }
}

impl GatewayFile {
    fn validate(self) -> Result<Gateway, String> {
        let base = parse_base_url(&self.base_url).map_err(|e| format!("gateway.base_url: {e}"))?;
        let scheme = match self.auth_scheme.as_deref() {
            None => AuthScheme::Bearer,
            Some(s) => AuthScheme::from_code(s).ok_or_else(|| {
                format!("gateway.auth_scheme: \"{s}\" is not x-api-key or bearer")
            })?,
        };
        Ok(Gateway {
            origin: Cow::Owned(base.origin().to_string()),
            base_url: Cow::Owned(base.as_str().to_string()),
            scheme,
        })
    }
}

impl TeamConfig {
    /// Parses and validates the team file. An empty text (no file) gives the public defaults. An error names the
    /// field.
    pub fn from_json(text: &str) -> Result<TeamConfig, String> {
        if text.trim().is_empty() {
            return Ok(TeamConfig::default());
        }
        let file: TeamFile = serde_json::from_str(text).map_err(|e| format!("team config: {e}"))?;
        Ok(TeamConfig {
            org_name: non_blank(file.org_name),
            setup: file.default_setup.map(SetupFile::validate).transpose()?,
            gateway: file.gateway.map(GatewayFile::validate).transpose()?,
            docs_url: http_url("docs_url", file.docs_url)?.map(Cow::Owned),
            support: non_blank(file.support),
            key_rotation_days: file.key_rotation_days,
            claude_md_extra_lines: Cow::Owned(
                file.claude_md_extra_lines
                    .into_iter()
                    .map(Cow::Owned)
                    .collect(),
            ),
        })
    }

    /// The config as a Rust expression with full paths (what `build.rs` writes for `core::team::BUILT_IN`). String
    /// literals are written with `{:?}`, which escapes them as Rust does.
    pub fn to_rust(&self) -> String {
        const COW: &str = "::std::borrow::Cow::Borrowed";
        const CODES: &str = "crate::core::codes";
        fn text(value: &Option<Cow<'static, str>>) -> String {
            match value {
                Some(s) => format!("Some({COW}({:?}))", s.as_ref()),
                None => "None".into(),
            }
        }
        let setup = match &self.setup {
            Some(s) => format!(
                "Some(crate::core::setup::Setup {{ os: {CODES}::Os::{:?}, shell: {CODES}::Shell::{:?}, \
                 launcher: {CODES}::Launcher::{:?}, auth: {CODES}::Auth::{:?} }})",
                s.os, s.shell, s.launcher, s.auth
            ),
            None => "None".into(),
        };
        let gateway = match &self.gateway {
            Some(g) => format!(
                "Some(crate::core::team::Gateway {{ base_url: {COW}({:?}), origin: {COW}({:?}), \
                 scheme: {CODES}::AuthScheme::{:?} }})",
                g.base_url.as_ref(),
                g.origin.as_ref(),
                g.scheme
            ),
            None => "None".into(),
        };
        let lines: Vec<String> = self
            .claude_md_extra_lines
            .iter()
            .map(|l| format!("{COW}({:?})", l.as_ref()))
            .collect();
        format!(
            "crate::core::team::TeamConfig {{ org_name: {}, setup: {setup}, gateway: {gateway}, docs_url: {}, \
             support: {}, key_rotation_days: {:?}, claude_md_extra_lines: {COW}(&[{}]) }}",
            text(&self.org_name),
            text(&self.docs_url),
            text(&self.support),
            self.key_rotation_days,
            lines.join(", ")
        )
    }

    /// The origins beyond the Anthropic API and loopback that the page must be able to reach.
    pub fn extra_connect_origins(&self) -> Vec<String> {
        self.gateway
            .iter()
            .map(|g| g.origin.to_string())
            .filter(|o| !o.starts_with("http://localhost") && !o.starts_with("http://127.0.0.1"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_means_public_defaults() {
        assert_eq!(TeamConfig::from_json("").unwrap(), TeamConfig::default());
        assert_eq!(TeamConfig::from_json("{}").unwrap(), TeamConfig::default());
    }

    const FULL: &str = r##"{"org_name":"Example Corp","default_setup":{"os":"windows","auth":"gateway","launcher":"vscode"},
        "gateway":{"base_url":"https://llm.example.com/anthropic/","auth_scheme":"bearer"},
        "docs_url":"https://intranet.example/ai","support":"#ai-help on \"Slack\"","key_rotation_days":90,
        "claude_md_extra_lines":["Ask #ai-help for a gateway key."]}"##;

    #[test]
    fn a_full_file_is_read() {
        let config = TeamConfig::from_json(FULL).unwrap();
        assert_eq!(config.org_name.as_deref(), Some("Example Corp"));
        let setup = config.setup.unwrap();
        assert_eq!(
            (setup.os, setup.auth, setup.launcher),
            (Os::Windows, Auth::Gateway, Launcher::Vscode)
        );
        assert_eq!(setup.shell, crate::core::setup::default_shell(Os::Windows));
        let gateway = config.gateway.as_ref().unwrap();
        assert_eq!(gateway.base_url, "https://llm.example.com/anthropic");
        assert_eq!(
            config.extra_connect_origins(),
            vec!["https://llm.example.com".to_string()]
        );
        assert_eq!(config.key_rotation_days, Some(90));
    }

    #[test]
    fn the_rust_form_is_the_same_config() {
        // Compiled here as it is in the app: `to_rust` of the parsed file, read back by the compiler.
        let config = TeamConfig::from_json(FULL).unwrap();
        let written = config.to_rust();
        assert!(written.starts_with(
            "crate::core::team::TeamConfig { org_name: Some(::std::borrow::Cow::Borrowed(\"Example Corp\"))"
        ));
        assert!(
            written.contains("\"#ai-help on \\\"Slack\\\"\""),
            "{written}"
        );
        assert!(written.contains("Os::Windows") && written.contains("AuthScheme::Bearer"));
        assert_eq!(
            TeamConfig::default().to_rust(),
            "crate::core::team::TeamConfig { org_name: None, setup: None, gateway: None, docs_url: None, \
             support: None, key_rotation_days: None, claude_md_extra_lines: ::std::borrow::Cow::Borrowed(&[]) }"
        );
    }

    #[test]
    fn mistakes_are_explained_with_the_field() {
        for (text, needle) in [
            (r#"{"default_setup":{"os":"beos"}}"#, "default_setup.os"),
            (
                r#"{"gateway":{"base_url":"llm.example.com"}}"#,
                "gateway.base_url",
            ),
            (r#"{"gateway":{}}"#, "base_url"),
            (
                r#"{"gateway":{"base_url":"https://x.example","auth_scheme":"basic"}}"#,
                "auth_scheme",
            ),
            (r#"{"docs_url":"javascript:alert(1)"}"#, "docs_url"),
            (r#"{"colour":"blue"}"#, "unknown field `colour`"),
            (
                r#"{"default_setup":{"editor":"vim"}}"#,
                "unknown field `editor`",
            ),
            (r#"{"key_rotation_days":-3}"#, "team config"),
            ("not json", "team config"),
        ] {
            let error = TeamConfig::from_json(text).unwrap_err();
            assert!(error.contains(needle), "{text}: {error}");
        }
    }

    #[test]
    fn loopback_gateways_need_no_extra_origin() {
        let config =
            TeamConfig::from_json(r#"{"gateway":{"base_url":"http://localhost:4000"}}"#).unwrap();
        assert!(config.extra_connect_origins().is_empty());
    }
}
