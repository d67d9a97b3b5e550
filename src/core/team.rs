//! Team defaults: an organization's own settings, read at build time from a JSON file (see README, "Team
//! configuration"). Absent config means the public defaults.
//!
//! Build-time, not fetched at start-up: the gateway origin must be in the page's Content-Security-Policy, which is
//! fixed when the page is built, and a build-time file costs the page no extra request.

use crate::core::claude_md::TeamNotes;
use crate::core::codes::{Auth, AuthScheme, Launcher, Os, Shell};
use crate::core::json::{self, Value};
use crate::core::probe::{parse_base_url, BaseUrl};
use crate::core::setup::Setup;

/// The file's fields (all optional); anything else is an error, so a typo does not pass silently.
const TOP_FIELDS: &[&str] = &[
    "org_name",
    "default_setup",
    "gateway",
    "docs_url",
    "support",
    "key_rotation_days",
    "claude_md_extra_lines",
];
const SETUP_FIELDS: &[&str] = &["os", "shell", "launcher", "auth"];
const GATEWAY_FIELDS: &[&str] = &["base_url", "auth_scheme"];

/// The members of an object (`what` names it in errors), rejecting unknown ones.
fn members<'a>(
    value: &'a Value,
    what: &str,
    known: &[&str],
) -> Result<&'a [(String, Value)], String> {
    let Value::Object(members) = value else {
        return Err(format!("{what}: must be a JSON object"));
    };
    match members
        .iter()
        .find(|(name, _)| !known.contains(&name.as_str()))
    {
        Some((name, _)) => Err(format!(
            "{what}: unknown field \"{name}\" (expected one of {})",
            known.join(", ")
        )),
        None => Ok(members),
    }
}

/// An optional string member (`null` counts as absent).
fn string(object: &Value, what: &str, name: &str) -> Result<Option<String>, String> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("{what}{name}: must be a string")),
    }
}

/// A team's validated configuration.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TeamConfig {
    pub org_name: Option<String>,
    /// The setup the page opens with (a share link still wins).
    pub setup: Option<Setup>,
    /// The team's gateway: the live test's default base URL, and an origin the CSP allows.
    pub gateway: Option<(BaseUrl, AuthScheme)>,
    pub docs_url: Option<String>,
    pub support: Option<String>,
    pub key_rotation_days: Option<u32>,
    pub claude_md_extra_lines: Vec<String>,
}

/// Reads one optional setup code, listing the allowed ones when it is not one of them.
fn code<T: Copy>(
    field: &str,
    value: &Option<String>,
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

fn https_url(field: &str, value: Option<String>) -> Result<Option<String>, String> {
    match value {
        Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) => {
            Err(format!("{field}: \"{url}\" must be an http(s) URL"))
        }
        other => Ok(other),
    }
}

impl TeamConfig {
    /// Parses and validates the team file. An empty text (no file) gives the public defaults.
    pub fn from_json(text: &str) -> Result<TeamConfig, String> {
        if text.trim().is_empty() {
            return Ok(TeamConfig::default());
        }
        let root = json::parse(text).map_err(|e| format!("team config: {e}"))?;
        members(&root, "team config", TOP_FIELDS)?;
        let setup = match root.get("default_setup") {
            None | Some(Value::Null) => None,
            Some(s) => {
                members(s, "default_setup", SETUP_FIELDS)?;
                let field = |name| string(s, "default_setup.", name);
                let os = code("os", &field("os")?, Os::ALL, Os::code)?;
                let shell = code("shell", &field("shell")?, Shell::ALL, Shell::code)?;
                let launcher = code(
                    "launcher",
                    &field("launcher")?,
                    Launcher::ALL,
                    Launcher::code,
                )?;
                let auth = code("auth", &field("auth")?, Auth::ALL, Auth::code)?;
                let mut setup = Setup::default();
                if let Some(os) = os {
                    setup = setup.with_os(os);
                }
                if let Some(shell) = shell {
                    setup = setup.with_shell(shell);
                }
                if let Some(launcher) = launcher {
                    setup.launcher = launcher;
                }
                if let Some(auth) = auth {
                    setup.auth = auth;
                }
                Some(setup.normalized())
            }
        };
        let gateway = match root.get("gateway") {
            None | Some(Value::Null) => None,
            Some(g) => {
                members(g, "gateway", GATEWAY_FIELDS)?;
                let base_url = string(g, "gateway.", "base_url")?
                    .ok_or("gateway.base_url: missing (the gateway's base URL)")?;
                let base =
                    parse_base_url(&base_url).map_err(|e| format!("gateway.base_url: {e}"))?;
                let scheme = match string(g, "gateway.", "auth_scheme")?.as_deref() {
                    None => AuthScheme::Bearer,
                    Some(s) => AuthScheme::from_code(s).ok_or_else(|| {
                        format!("gateway.auth_scheme: \"{s}\" is not x-api-key or bearer")
                    })?,
                };
                Some((base, scheme))
            }
        };
        let key_rotation_days = match root.get("key_rotation_days") {
            None | Some(Value::Null) => None,
            Some(days) => Some(
                days.as_i64()
                    .and_then(|d| u32::try_from(d).ok())
                    .ok_or("key_rotation_days: must be a whole number of days")?,
            ),
        };
        let claude_md_extra_lines = match root.get("claude_md_extra_lines") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(lines)) => lines
                .iter()
                .map(|line| line.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or("claude_md_extra_lines: must be a list of strings")?,
            Some(_) => return Err("claude_md_extra_lines: must be a list of strings".into()),
        };
        Ok(TeamConfig {
            org_name: string(&root, "", "org_name")?.filter(|s| !s.trim().is_empty()),
            setup,
            gateway,
            docs_url: https_url("docs_url", string(&root, "", "docs_url")?)?,
            support: string(&root, "", "support")?,
            key_rotation_days,
            claude_md_extra_lines,
        })
    }

    /// The origins beyond the Anthropic API and loopback that the page must be able to reach.
    pub fn extra_connect_origins(&self) -> Vec<String> {
        self.gateway
            .iter()
            .map(|(base, _)| base.origin().to_string())
            .filter(|o| !o.starts_with("http://localhost") && !o.starts_with("http://127.0.0.1"))
            .collect()
    }

    /// What the CLAUDE.md generator takes from the team config.
    pub fn notes(&self) -> TeamNotes {
        TeamNotes {
            org_name: self.org_name.clone(),
            docs_url: self.docs_url.clone(),
            support: self.support.clone(),
            rotation_days: self.key_rotation_days,
            gateway_base_url: self.gateway.as_ref().map(|(b, _)| b.as_str().to_string()),
            extra_lines: self.claude_md_extra_lines.clone(),
        }
    }
}

/// The team file this build was made with (`{}` when there was none); `build.rs` copies it.
pub const BUILT_IN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/team.json"));

/// The team config this build was made with. `build.rs` has already rejected an invalid file.
pub fn built_in() -> TeamConfig {
    TeamConfig::from_json(BUILT_IN_JSON).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_means_public_defaults() {
        assert_eq!(TeamConfig::from_json("").unwrap(), TeamConfig::default());
        assert_eq!(TeamConfig::from_json("{}").unwrap(), TeamConfig::default());
    }

    #[test]
    fn a_full_file_is_read() {
        let config = TeamConfig::from_json(
            r##"{"org_name":"Example Corp","default_setup":{"os":"windows","auth":"gateway","launcher":"vscode"},
                "gateway":{"base_url":"https://llm.example.com/anthropic","auth_scheme":"bearer"},
                "docs_url":"https://intranet.example/ai","support":"#ai-help on Slack","key_rotation_days":90,
                "claude_md_extra_lines":["Ask #ai-help for a gateway key."]}"##,
        )
        .unwrap();
        assert_eq!(config.org_name.as_deref(), Some("Example Corp"));
        let setup = config.setup.unwrap();
        assert_eq!(
            (setup.os, setup.auth, setup.launcher),
            (Os::Windows, Auth::Gateway, Launcher::Vscode)
        );
        assert_eq!(setup.shell, crate::core::setup::default_shell(Os::Windows));
        assert_eq!(
            config.extra_connect_origins(),
            vec!["https://llm.example.com".to_string()]
        );
        let notes = config.notes();
        assert_eq!(notes.rotation_days, Some(90));
        assert_eq!(
            notes.gateway_base_url.as_deref(),
            Some("https://llm.example.com/anthropic")
        );
    }

    #[test]
    fn mistakes_are_explained() {
        for (text, needle) in [
            (r#"{"default_setup":{"os":"beos"}}"#, "default_setup.os"),
            (
                r#"{"gateway":{"base_url":"llm.example.com"}}"#,
                "gateway.base_url",
            ),
            (
                r#"{"gateway":{"base_url":"https://x.example","auth_scheme":"basic"}}"#,
                "auth_scheme",
            ),
            (r#"{"docs_url":"javascript:alert(1)"}"#, "docs_url"),
            (r#"{"colour":"blue"}"#, "unknown field"),
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
