//! The pre-flight script for each shell: run before a long session or in CI, it finds the credential Claude Code
//! would use in that shell, refuses locally what cannot work, checks the rest with the free `GET /v1/models` (or
//! `claude auth status` for a login) and prints one verdict line; `--report` prints a masked report made for the
//! page's "What your machine shows" box ([`crate::core::sources::analyze`] reads it back).
//!
//! One POSIX sh script serves bash and zsh (and `sh`), fish has its own, PowerShell its own, and cmd gets the
//! PowerShell one with a note on how to start it from cmd. The templates live beside this file; every list and the
//! order come from [`crate::core::sources::order`], so a change to the table changes the scripts. The scripts
//! never hold a secret, never print one (values appear as in [`crate::core::sources::report`]), never put one on a
//! command line (curl reads its headers from standard input), and never name a model.
//!
//! Exit codes: `0` ready · `1` the credential was rejected · `2` a local problem found before any call · `3` the
//! API could not be reached or did not answer as the API.

use crate::core::codes::{Shell, SourceCode};
use crate::core::setup::{auth_name, Setup};
use crate::core::sources::order::{self, Carrier, ORDER};

const POSIX: &str = include_str!("preflight/posix.sh");
const FISH: &str = include_str!("preflight/fish.fish");
const POWERSHELL: &str = include_str!("preflight/powershell.ps1");
/// The settings reader both Unix scripts embed (plain awk; no `'` in it).
const SETTINGS_AWK: &str = include_str!("preflight/settings.awk");

/// The watcher both Unix scripts run (as `sh -c WATCH sh SECONDS PID TIMEOUT_FILE`): it checks every second whether
/// the command still runs, and when the time is up leaves the file and stops the command with SIGKILL. Plain POSIX
/// sh with no `'` in it, so it sits inside single quotes in sh and fish alike.
const WATCH: &str = "left=$1; while [ \"$left\" -gt 0 ] && kill -0 \"$2\" 2>/dev/null; do sleep 1; left=$((left - 1)); \
                     done; if kill -0 \"$2\" 2>/dev/null; then : >\"$3\" && kill -9 \"$2\"; fi";

/// Where requests go when neither `ANTHROPIC_BASE_URL` nor a team default says otherwise.
pub const DEFAULT_BASE_URL: &str = "https://api.anthropic.com";

/// Exit codes, as the scripts use them.
pub const EXIT_READY: i32 = 0;
pub const EXIT_REJECTED: i32 = 1;
pub const EXIT_LOCAL_PROBLEM: i32 = 2;
pub const EXIT_UNREACHABLE: i32 = 3;

/// The download name of the script for a shell.
pub fn file_name(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash | Shell::Zsh => "claude-preflight.sh",
        Shell::Fish => "claude-preflight.fish",
        Shell::Powershell | Shell::Cmd => "claude-preflight.ps1",
    }
}

/// How to run the script in a shell (for the page and the CLAUDE.md section).
pub fn run_command(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash | Shell::Zsh => "sh claude-preflight.sh",
        Shell::Fish => "fish claude-preflight.fish",
        Shell::Powershell => "powershell -ExecutionPolicy Bypass -File .\\claude-preflight.ps1",
        Shell::Cmd => "powershell -ExecutionPolicy Bypass -File claude-preflight.ps1",
    }
}

/// A team default base URL the scripts may embed: `http(s)://`, at most 300 characters, no quotes, spaces,
/// backslashes, `$` or backticks (so it is inert in every shell's quoting). `None` for anything else.
fn safe_base_url(url: Option<&str>) -> Option<String> {
    let url = url?.trim().trim_end_matches('/');
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    let chars_ok = url
        .chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '\'' | '"' | '\\' | '$' | '`'));
    (scheme_ok && chars_ok && url.len() <= 300 && url.len() > "https://".len())
        .then(|| url.to_string())
}

/// Text that is inert in every script's double quotes and comments.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| {
            c.is_ascii_alphanumeric() || matches!(c, ' ' | ',' | '.' | '(' | ')' | '/' | '-')
        })
        .collect()
}

/// The secret variables, in table order.
fn secret_vars() -> Vec<&'static str> {
    order::variables().filter(|n| order::is_secret(n)).collect()
}

/// The order for the scripts' header comment.
fn order_line() -> String {
    ORDER.iter().map(|r| r.name).collect::<Vec<_>>().join(" > ")
}

/// The credential-picking code, generated from the order table, in the script's language.
fn pick(shell: Shell) -> String {
    let mut out = Vec::new();
    for row in ORDER {
        let code = row.code.code();
        let name = row.name;
        let (check, value) = match row.carrier {
            Carrier::Login => continue,
            Carrier::Switch => ("truthy", false),
            Carrier::Secret(..) => ("set", true),
            Carrier::Helper | Carrier::Selector => ("set", false),
        };
        let text = match shell {
            Shell::Bash | Shell::Zsh => {
                let needs = row
                    .needs
                    .map(|n| format!("pf_lookup {n}\n  pf_needs=$PF_V\n  "))
                    .unwrap_or_default();
                let cond = match (check, row.needs) {
                    ("truthy", _) => "pf_truthy \"$PF_V\"".to_string(),
                    (_, Some(_)) => "[ -n \"$PF_V\" ] && [ -n \"$pf_needs\" ]".to_string(),
                    _ => "[ -n \"$PF_V\" ]".to_string(),
                };
                let secret = if value {
                    "\n    PF_SECRET=$PF_V\n    PF_WIN_FLAGS=$PF_FLAGS"
                } else {
                    ""
                };
                format!(
                    "if [ -z \"$PF_WIN\" ]; then\n  {needs}pf_lookup {name}\n  if {cond}; then\n    PF_WIN={code}\n    \
                     PF_WIN_NAME={name}\n    PF_WIN_WHERE=$PF_WHERE{secret}\n  fi\nfi"
                )
            }
            Shell::Fish => {
                let needs = row
                    .needs
                    .map(|n| format!("pf_lookup {n}\n    set -l needs \"$pf_v\"\n    "))
                    .unwrap_or_default();
                let cond = match (check, row.needs) {
                    ("truthy", _) => "pf_truthy \"$pf_v\"".to_string(),
                    (_, Some(_)) => "test -n \"$pf_v\"; and test -n \"$needs\"".to_string(),
                    _ => "test -n \"$pf_v\"".to_string(),
                };
                let secret = if value {
                    "\n        set pf_secret \"$pf_v\"\n        set pf_win_flags \"$pf_flags\""
                } else {
                    ""
                };
                format!(
                    "if test -z \"$pf_win\"\n    {needs}pf_lookup {name}\n    if {cond}\n        set pf_win {code}\n        \
                     set pf_win_name {name}\n        set pf_win_where \"$pf_where\"{secret}\n    end\nend"
                )
            }
            Shell::Powershell | Shell::Cmd => {
                let needs = row
                    .needs
                    .map(|n| format!("$n = Get-Effective '{n}'; "))
                    .unwrap_or_default();
                let cond = match (check, row.needs) {
                    ("truthy", _) => "Test-Truthy $e.Value".to_string(),
                    (_, Some(_)) => "$e.Value -and $n.Value".to_string(),
                    _ => "$e.Value".to_string(),
                };
                format!(
                    "if (-not $Win) {{ {needs}$e = Get-Effective '{name}'; if ({cond}) {{ $Win = @{{ Code = '{code}'; \
                     Name = '{name}'; Where = $e.Where; Value = $e.Value }} }} }}"
                )
            }
        };
        out.push(text);
    }
    out.join("\n")
}

fn codes_of(codes: &[SourceCode]) -> Vec<&'static str> {
    codes.iter().map(|c| c.code()).collect()
}

/// The three scripts: bash and zsh share the POSIX one, cmd gets PowerShell's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Posix,
    Fish,
    PowerShell,
}

impl Family {
    pub const ALL: [Family; 3] = [Family::Posix, Family::Fish, Family::PowerShell];

    /// The script a shell runs.
    pub fn of(shell: Shell) -> Family {
        match shell {
            Shell::Bash | Shell::Zsh => Family::Posix,
            Shell::Fish => Family::Fish,
            Shell::Powershell | Shell::Cmd => Family::PowerShell,
        }
    }

    /// What the build names the family's template after (`src/bin/postbuild.rs` adds a content hash), and the
    /// attribute of `<main id="app">` that holds the file's name for the page.
    pub fn asset(self) -> (&'static str, &'static str) {
        match self {
            Family::Posix => ("claude-preflight-posix", "data-preflight-posix"),
            Family::Fish => ("claude-preflight-fish", "data-preflight-fish"),
            Family::PowerShell => ("claude-preflight-powershell", "data-preflight-powershell"),
        }
    }

    /// The shell the family's template is written for (the one [`pick`] writes code for).
    fn shell(self) -> Shell {
        match self {
            Family::Posix => Shell::Bash,
            Family::Fish => Shell::Fish,
            Family::PowerShell => Shell::Powershell,
        }
    }
}

/// A family's script with everything filled in but what depends on the setup (the intended method, cmd's note): what
/// the build writes beside the page, which fetches it when it shows the script, so the long templates stay out of
/// the WebAssembly. `base_url` is the team's default (a gateway) if any.
pub fn template(family: Family, base_url: Option<&str>) -> String {
    let team_url = safe_base_url(base_url);
    let vars: Vec<&str> = order::variables().collect();
    let secrets = secret_vars();
    let (template, awk) = match family {
        Family::Posix => (POSIX, SETTINGS_AWK.to_string()),
        // Inside fish single quotes only `\\` and `\'` are escapes.
        Family::Fish => (FISH, SETTINGS_AWK.replace('\\', "\\\\")),
        Family::PowerShell => (POWERSHELL, String::new()),
    };
    let replacements: [(&str, String); 10] = [
        ("@@TEAM_URL@@", team_url.clone().unwrap_or_default()),
        (
            "@@DEFAULT_URL@@",
            team_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_string()),
        ),
        ("@@PS_VARS@@", quoted(&vars)),
        ("@@PS_SECRETS@@", quoted(&secrets)),
        ("@@VARS@@", vars.join(" ")),
        ("@@SECRETS@@", secrets.join(" ")),
        ("@@ORDER@@", order_line()),
        ("@@PICK@@", pick(family.shell())),
        ("@@AWK@@", awk),
        ("@@WATCH@@", WATCH.to_string()),
    ];
    let mut out = template.to_string();
    for (key, value) in &replacements {
        out = out.replace(key, value);
    }
    out
}

/// `'A', 'B'`: a PowerShell list.
fn quoted(list: &[&str]) -> String {
    list.iter()
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The setup's script from its family's [`template`]: the intended method and, for cmd, how to start it.
pub fn finish(template: &str, setup: &Setup) -> String {
    let intended_codes = codes_of(order::intended(setup.auth));
    let cmd_note = if setup.shell == Shell::Cmd {
        format!(
            "\n# From cmd: save it as claude-preflight.ps1 and run: {}",
            run_command(Shell::Cmd)
        )
    } else {
        String::new()
    };
    let replacements: [(&str, String); 5] = [
        ("@@INTENDED_NAME@@", plain(auth_name(setup.auth))),
        ("@@INTENDED_CODES@@", intended_codes.join(" ")),
        ("@@PS_INTENDED_CODES@@", quoted(&intended_codes)),
        ("@@INTENDED@@", setup.auth.code().to_string()),
        ("@@CMD_NOTE@@", cmd_note),
    ];
    let mut out = template.to_string();
    for (key, value) in &replacements {
        out = out.replace(key, value);
    }
    out
}

/// The script for the setup's shell. `base_url` is the team's default (a gateway) if any; the script still
/// follows `ANTHROPIC_BASE_URL` first.
pub fn script(setup: &Setup, base_url: Option<&str>) -> String {
    finish(&template(Family::of(setup.shell), base_url), setup)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::codes::{Auth, Os};

    fn setup(shell: Shell, auth: Auth) -> Setup {
        Setup {
            os: if matches!(shell, Shell::Powershell | Shell::Cmd) {
                Os::Windows
            } else {
                Os::Linux
            },
            shell,
            auth,
            ..Setup::default()
        }
    }

    #[test]
    fn every_placeholder_is_filled_and_no_model_is_named() {
        for &shell in Shell::ALL {
            for &auth in Auth::ALL {
                let s = script(
                    &setup(shell, auth),
                    Some("https://gw.example.com/anthropic/"),
                );
                assert!(!s.contains("@@"), "{shell}/{auth}: unfilled placeholder");
                for model in [
                    "claude-3",
                    "claude-haiku",
                    "claude-sonnet",
                    "claude-opus",
                    "\"model\"",
                ] {
                    assert!(!s.contains(model), "{shell}: names a model ({model})");
                }
                for (at, _) in s.match_indices("sk-ant-") {
                    let tail = s[at + 7..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-');
                    assert!(
                        tail.count() <= 8,
                        "{shell}: something like a key at byte {at}"
                    );
                }
                assert!(s.contains("https://gw.example.com/anthropic"));
                assert!(!s.contains("/anthropic/'"));
            }
        }
    }

    #[test]
    fn a_template_leaves_only_the_setup_to_fill_and_its_name_is_the_family_s() {
        for family in Family::ALL {
            let template = template(family, None);
            let left: Vec<&str> = template
                .match_indices("@@")
                .map(|(at, _)| &template[at..])
                .filter_map(|rest| rest[2..].find("@@").map(|end| &rest[..end + 4]))
                .step_by(2)
                .collect();
            for placeholder in left {
                assert!(
                    [
                        "@@INTENDED_NAME@@",
                        "@@INTENDED_CODES@@",
                        "@@PS_INTENDED_CODES@@",
                        "@@INTENDED@@",
                        "@@CMD_NOTE@@"
                    ]
                    .contains(&placeholder),
                    "{family:?}: {placeholder} is left for the page"
                );
            }
        }
        assert_eq!(Family::of(Shell::Zsh), Family::of(Shell::Bash));
        assert_eq!(Family::of(Shell::Cmd), Family::PowerShell);
    }

    #[test]
    fn bash_and_zsh_share_one_script_and_cmd_gets_powershell() {
        let s = |shell| script(&setup(shell, Auth::ApiKey), None);
        assert_eq!(s(Shell::Bash), s(Shell::Zsh));
        assert!(s(Shell::Cmd).contains("From cmd: save it as claude-preflight.ps1"));
        assert_eq!(file_name(Shell::Zsh), "claude-preflight.sh");
        assert_eq!(file_name(Shell::Fish), "claude-preflight.fish");
        assert_eq!(file_name(Shell::Cmd), "claude-preflight.ps1");
    }

    #[test]
    fn the_scripts_follow_the_order_table() {
        for &shell in Shell::ALL {
            let s = script(&setup(shell, Auth::Subscription), None);
            let mut last = 0;
            for row in ORDER.iter().filter(|r| r.carrier != Carrier::Login) {
                let needle = match shell {
                    Shell::Powershell | Shell::Cmd => format!("Get-Effective '{}'; if", row.name),
                    _ => format!("pf_lookup {}\n", row.name),
                };
                let at = s[last..]
                    .find(&needle)
                    .unwrap_or_else(|| panic!("{shell}: {} not picked in order", row.name));
                last += at + needle.len();
            }
        }
    }

    #[test]
    fn only_a_safe_team_url_is_embedded() {
        assert_eq!(
            safe_base_url(Some("https://gw.example.com/x/")),
            Some("https://gw.example.com/x".into())
        );
        assert_eq!(safe_base_url(Some("https://x.example/'; rm -rf ~")), None);
        assert_eq!(safe_base_url(Some("https://x.example/$(id)")), None);
        assert_eq!(safe_base_url(Some("ftp://x")), None);
        assert_eq!(safe_base_url(None), None);
        assert_eq!(
            plain("a long-lived OAuth token from `claude setup-token`"),
            "a long-lived OAuth token from claude setup-token"
        );
    }
}
