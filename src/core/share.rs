//! Setup ↔ URL query, for the share link. Only the four setup codes travel; nothing else is written or read,
//! so a key pasted into a URL by mistake is never read back.

use crate::core::codes::{Auth, Launcher, Os, Shell};
use crate::core::setup::{default_shell, shell_fits, Setup};

/// `os=macos&shell=zsh&launcher=vscode&auth=api-key` for a (normalized) setup.
pub fn to_query(setup: &Setup) -> String {
    let s = setup.normalized();
    format!(
        "os={}&shell={}&launcher={}&auth={}",
        s.os, s.shell, s.launcher, s.auth
    )
}

/// Reads a setup from a query or fragment (a leading `?` or `#` is accepted). Unknown parameters and values
/// are ignored; missing ones come from [`Setup::default`] (a missing shell is the OS's default shell; when
/// only the shell is given, the OS is the first one that offers it); the result is normalized. `None` when
/// no parameter was recognised.
pub fn from_query(query: &str) -> Option<Setup> {
    let query = query.trim();
    let query = query
        .strip_prefix('?')
        .or_else(|| query.strip_prefix('#'))
        .unwrap_or(query);
    let query = query.strip_prefix('/').unwrap_or(query);
    let (mut os, mut shell, mut launcher, mut auth) = (None, None, None, None);
    for pair in query.split(['&', ';']) {
        let Some((key, value)) = pair.split_once('=') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match key.trim() {
            "os" if os.is_none() => os = Os::from_code(&value),
            "shell" if shell.is_none() => shell = Shell::from_code(&value),
            "launcher" if launcher.is_none() => launcher = Launcher::from_code(&value),
            "auth" if auth.is_none() => auth = Auth::from_code(&value),
            _ => {}
        }
    }
    if os.is_none() && shell.is_none() && launcher.is_none() && auth.is_none() {
        return None;
    }
    let d = Setup::default();
    let os = os.unwrap_or_else(|| match shell {
        Some(sh) if !shell_fits(d.os, sh) => Os::ALL
            .iter()
            .copied()
            .find(|&o| shell_fits(o, sh))
            .unwrap_or(d.os),
        _ => d.os,
    });
    let setup = Setup {
        os,
        shell: shell.unwrap_or_else(|| default_shell(os)),
        launcher: launcher.unwrap_or(d.launcher),
        auth: auth.unwrap_or(d.auth),
    };
    Some(setup.normalized())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_setup() {
        for s in Setup::all() {
            assert_eq!(from_query(&to_query(&s)), Some(s));
            assert_eq!(from_query(&format!("?{}", to_query(&s))), Some(s));
            assert_eq!(from_query(&format!("#{}", to_query(&s))), Some(s));
        }
    }

    #[test]
    fn example() {
        let s = Setup {
            os: Os::Macos,
            shell: Shell::Zsh,
            launcher: Launcher::Vscode,
            auth: Auth::ApiKey,
        };
        assert_eq!(
            to_query(&s),
            "os=macos&shell=zsh&launcher=vscode&auth=api-key"
        );
    }

    #[test]
    fn partial_and_junk() {
        assert_eq!(from_query(""), None);
        assert_eq!(from_query("?key=sk-ant-api03-xyz&x=1"), None);
        let s = from_query("?shell=powershell").unwrap();
        assert_eq!((s.os, s.shell), (Os::Windows, Shell::Powershell));
        let s = from_query("os=linux&shell=cmd&auth=nope&api_key=sk-ant-x").unwrap();
        assert_eq!(
            (s.os, s.shell, s.auth),
            (Os::Linux, Shell::Bash, Auth::Subscription)
        );
    }
}
