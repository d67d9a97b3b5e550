//! Table: per-shell command templates (list, show masked, unset, set, prompt, persist, find, remove, check).
//!
//! One entry per shell in [`SHELLS`]; every template names its placeholders (`{name}`, `{names}`, `{value}`,
//! `{file}`, `{files}`) and the helpers below fill them. No template ever holds a credential: secrets are read
//! from a hidden prompt (or copied from the session variable the prompt filled), values shown are masked to their
//! length and last 4 characters, and the only value placeholder is [`VALUE_PLACEHOLDER`].
//!
//! Sources: the Claude Code docs pages `https://code.claude.com/docs/en/<page>` authentication, env-vars, errors,
//! settings, llm-gateway-connect and troubleshoot-install (2026-08); support.claude.com article 12304248 (API key
//! environment variables, with the set and persist commands per shell); bash(1) `read`, zsh `read`, fish
//! `set`/`read`/`string`, PowerShell `about_Environment_Variables`, `setx`/`reg` docs.

use crate::core::codes::{Os, Shell};

/// The only stand-in for a secret value that commands may show. Always quoted where it appears.
pub const VALUE_PLACEHOLDER: &str = "<paste-your-key>";

/// The variables that carry or redirect the credentials Claude Code uses (https://code.claude.com/docs/en/env-vars):
/// Anthropic's own, an Anthropic profile or workload identity federation, custom headers (they can carry an
/// `Authorization` header, CHANGELOG 2.1.101), and the cloud provider switches with their credentials.
pub const CREDENTIAL_VARS: &[&str] = &[
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_BASE_URL",
    "CLAUDE_CODE_OAUTH_TOKEN",
    "ANTHROPIC_PROFILE",
    "ANTHROPIC_FEDERATION_RULE_ID",
    "ANTHROPIC_ORGANIZATION_ID",
    "ANTHROPIC_CUSTOM_HEADERS",
    "CLAUDE_CODE_USE_BEDROCK",
    "CLAUDE_CODE_USE_VERTEX",
    "CLAUDE_CODE_USE_FOUNDRY",
    "CLAUDE_CODE_USE_MANTLE",
    "CLAUDE_CODE_USE_ANTHROPIC_AWS",
    "AWS_BEARER_TOKEN_BEDROCK",
    "ANTHROPIC_FOUNDRY_API_KEY",
    "ANTHROPIC_FOUNDRY_AUTH_TOKEN",
];

/// The command templates of one shell.
#[derive(Debug, PartialEq, Eq)]
pub struct ShellCommands {
    pub shell: Shell,
    /// Lists `ANTHROPIC_*` and `CLAUDE_CODE_*` variables of this session, values masked (cmd: names only).
    pub list_vars: &'static str,
    /// `{name}`: prints the length and the last 4 characters only (cmd: the last 4 characters).
    pub show_masked: &'static str,
    /// `{name}`: removes a variable from this session.
    pub unset: &'static str,
    /// Joins several `unset` commands on one line.
    pub separator: &'static str,
    /// `{name}`, `{value}`: sets a non-secret variable for this session.
    pub set: &'static str,
    /// `{name}`: reads a secret from a prompt (hidden where the shell can) into an exported session variable.
    pub prompt_secret: &'static str,
    /// `{name}`, `{value}`, `{file}`: persists a non-secret variable for new sessions.
    pub persist: &'static str,
    /// `{name}`, `{file}`: persists the current session value of `{name}` without showing it.
    pub persist_from_session: &'static str,
    /// `{names}` (`A|B`), `{file}`: deletes the lines that set these variables from a profile, keeping a backup.
    pub delete_profile_lines: &'static str,
    /// `{line}`, `{file}`: deletes one line of a file, keeping a backup.
    pub delete_line: &'static str,
    /// fish only, `{name}`: erases a universal variable.
    pub unset_universal: &'static str,
    /// `{files}`: finds the lines that mention credential variables or `apiKeyHelper`, values masked.
    /// cmd: `{file}`, one command per file.
    pub find_in_files: &'static str,
    /// `{file}`: opens a file in an editor.
    pub edit_file: &'static str,
    /// Windows only: names of credential variables in the User and Machine scopes.
    pub list_windows_vars: &'static str,
    /// Windows only, `{name}`: removes a persisted User-scope variable.
    pub remove_user_var: &'static str,
    /// Windows only, `{name}`: removes a Machine-scope variable (needs an elevated shell).
    pub remove_machine_var: &'static str,
    /// Checks `ANTHROPIC_API_KEY` against `GET /v1/models` (free; no tokens).
    pub curl_key_check: &'static str,
    /// Checks `ANTHROPIC_AUTH_TOKEN` against `GET $ANTHROPIC_BASE_URL/v1/models` (free; no tokens, no model id).
    pub curl_gateway_check: &'static str,
    /// Checks that api.anthropic.com is reachable (headers only).
    pub reach_check: &'static str,
    /// Where the templates come from.
    pub source: &'static str,
}

const POSIX_LIST: &str =
    "env | grep -E '^(ANTHROPIC|CLAUDE_CODE)_' | sed -E 's/=.*(.{4})$/=...\\1/'";
const POSIX_FIND: &str = "grep -rnE 'ANTHROPIC_|CLAUDE_CODE_|apiKeyHelper' {files} 2>/dev/null | sed -E 's/((ANTHROPIC|CLAUDE_CODE)_[A-Z_]*|apiKeyHelper).*/\\1 .../'";
const POSIX_KEY_CHECK: &str = "curl -sS https://api.anthropic.com/v1/models -H \"x-api-key: $ANTHROPIC_API_KEY\" -H \"anthropic-version: 2023-06-01\"";
const POSIX_GATEWAY_CHECK: &str = "curl -sS \"$ANTHROPIC_BASE_URL/v1/models\" -H \"Authorization: Bearer $ANTHROPIC_AUTH_TOKEN\" -H \"anthropic-version: 2023-06-01\"";
const POSIX_MASKED: &str =
    "printf '%s characters, ends with ...%s\\n' \"${#{name}}\" \"${{name}: -4}\"";
const POSIX_DELETE: &str = "sed -i.bak -E '/^[[:space:]]*export[[:space:]]+({names})=/d' {file}";
const POSIX_DELETE_LINE: &str = "sed -i.bak '{line}d' {file}";
const POSIX_PERSIST: &str = "echo 'export {name}=\"{value}\"' >> {file}";
const POSIX_PERSIST_SESSION: &str = "printf 'export {name}=%q\\n' \"${name}\" >> {file}";

/// One entry per shell, in [`Shell::ALL`] order.
pub static SHELLS: [ShellCommands; 5] = [
    ShellCommands {
        shell: Shell::Zsh,
        list_vars: POSIX_LIST,
        show_masked: POSIX_MASKED,
        unset: "unset {name}",
        separator: "; ",
        set: "export {name}=\"{value}\"",
        prompt_secret: "read -rs '?Paste the value, then press Enter: ' {name} && export {name} && echo",
        persist: POSIX_PERSIST,
        persist_from_session: POSIX_PERSIST_SESSION,
        delete_profile_lines: POSIX_DELETE,
        delete_line: POSIX_DELETE_LINE,
        unset_universal: "",
        find_in_files: POSIX_FIND,
        edit_file: "nano {file}",
        list_windows_vars: "",
        remove_user_var: "",
        remove_machine_var: "",
        curl_key_check: POSIX_KEY_CHECK,
        curl_gateway_check: POSIX_GATEWAY_CHECK,
        reach_check: "curl -sSI https://api.anthropic.com",
        source: "support.claude.com 12304248 (export, ~/.zshrc); code.claude.com/docs/en/env-vars (unset); zsh read -s/'?prompt'; code.claude.com/docs/en/troubleshoot-install (~/.zshrc, $ZDOTDIR)",
    },
    ShellCommands {
        shell: Shell::Bash,
        list_vars: POSIX_LIST,
        show_masked: POSIX_MASKED,
        unset: "unset {name}",
        separator: "; ",
        set: "export {name}=\"{value}\"",
        prompt_secret: "read -rsp 'Paste the value, then press Enter: ' {name} && export {name} && echo",
        persist: POSIX_PERSIST,
        persist_from_session: POSIX_PERSIST_SESSION,
        delete_profile_lines: POSIX_DELETE,
        delete_line: POSIX_DELETE_LINE,
        unset_universal: "",
        find_in_files: POSIX_FIND,
        edit_file: "nano {file}",
        list_windows_vars: "MSYS_NO_PATHCONV=1 reg query 'HKCU\\Environment' | grep -iE '^ +(ANTHROPIC|CLAUDE_CODE)_' | awk '{print \"User scope: \" $1}'\nMSYS_NO_PATHCONV=1 reg query 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment' | grep -iE '^ +(ANTHROPIC|CLAUDE_CODE)_' | awk '{print \"Machine scope: \" $1}'",
        remove_user_var: "MSYS_NO_PATHCONV=1 reg delete 'HKCU\\Environment' /F /V {name}",
        remove_machine_var: "MSYS_NO_PATHCONV=1 reg delete 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment' /F /V {name}",
        curl_key_check: POSIX_KEY_CHECK,
        curl_gateway_check: POSIX_GATEWAY_CHECK,
        reach_check: "curl -sSI https://api.anthropic.com",
        source: "support.claude.com 12304248 (export, ~/.bashrc); code.claude.com/docs/en/env-vars (unset); bash(1) read -rsp, printf %q; Git for Windows MSYS_NO_PATHCONV; code.claude.com/docs/en/troubleshoot-install",
    },
    ShellCommands {
        shell: Shell::Fish,
        list_vars: POSIX_LIST,
        show_masked: "printf '%s characters, ends with ...%s\\n' (string length -- \"${name}\") (string sub -s -4 -- \"${name}\")",
        unset: "set -e {name}",
        separator: "; ",
        set: "set -gx {name} \"{value}\"",
        prompt_secret: "read -s -g -x -P 'Paste the value, then press Enter: ' {name}",
        persist: "echo 'set -gx {name} \"{value}\"' >> {file}",
        persist_from_session: "printf 'set -gx {name} %s\\n' (string escape -- ${name}) >> {file}",
        delete_profile_lines: "sed -i.bak -E '/^[[:space:]]*set[[:space:]].*[[:space:]]({names})([[:space:]]|$)/d' {file}",
        delete_line: POSIX_DELETE_LINE,
        unset_universal: "set -Ue {name}",
        find_in_files: POSIX_FIND,
        edit_file: "nano {file}",
        list_windows_vars: "",
        remove_user_var: "",
        remove_machine_var: "",
        curl_key_check: POSIX_KEY_CHECK,
        curl_gateway_check: POSIX_GATEWAY_CHECK,
        reach_check: "curl -sSI https://api.anthropic.com",
        source: "fish docs: set -gx/-e/-Ue, read -s -x -P, string escape/sub; code.claude.com/docs/en/troubleshoot-install (config.fish)",
    },
    ShellCommands {
        shell: Shell::Powershell,
        list_vars: "Get-ChildItem Env:ANTHROPIC_*, Env:CLAUDE_CODE_* | ForEach-Object { '{0}=...{1}' -f $_.Name, $_.Value.Substring([Math]::Max(0, $_.Value.Length - 4)) }",
        show_masked: "$v = \"$env:{name}\"; '{0} characters, ends with ...{1}' -f $v.Length, $v.Substring([Math]::Max(0, $v.Length - 4))",
        unset: "Remove-Item Env:{name} -ErrorAction SilentlyContinue",
        separator: "; ",
        set: "$env:{name} = \"{value}\"",
        prompt_secret: "$env:{name} = [System.Net.NetworkCredential]::new('', (Read-Host 'Paste the value, then press Enter' -AsSecureString)).Password",
        persist: "[Environment]::SetEnvironmentVariable('{name}', '{value}', 'User')",
        persist_from_session: "[Environment]::SetEnvironmentVariable('{name}', $env:{name}, 'User')",
        delete_profile_lines: "Copy-Item {file} \"{file}.bak\"; @(Get-Content {file}) -notmatch '^\\s*\\$env:({names})\\s*=' | Set-Content {file}",
        delete_line: "Copy-Item {file} \"{file}.bak\"; Set-Content {file} -Value (Get-Content {file} | Where-Object { $_.ReadCount -ne {line} })",
        unset_universal: "",
        find_in_files: "Select-String -Path {files} -Pattern 'ANTHROPIC_|CLAUDE_CODE_|apiKeyHelper' -ErrorAction SilentlyContinue | ForEach-Object { '{0}:{1}: {2}' -f $_.Path, $_.LineNumber, ($_.Line -replace '((ANTHROPIC|CLAUDE_CODE)_[A-Z_]*|apiKeyHelper).*', '$1 ...') }",
        edit_file: "notepad {file}",
        list_windows_vars: "foreach ($s in 'User', 'Machine') { [Environment]::GetEnvironmentVariables($s).Keys | Where-Object { $_ -match '^(ANTHROPIC|CLAUDE_CODE)_' } | ForEach-Object { \"$s scope: $_\" } }",
        remove_user_var: "[Environment]::SetEnvironmentVariable('{name}', $null, 'User')",
        remove_machine_var: "[Environment]::SetEnvironmentVariable('{name}', $null, 'Machine')",
        curl_key_check: "curl.exe -sS https://api.anthropic.com/v1/models -H \"x-api-key: $env:ANTHROPIC_API_KEY\" -H \"anthropic-version: 2023-06-01\"",
        curl_gateway_check: "curl.exe -sS \"$env:ANTHROPIC_BASE_URL/v1/models\" -H \"Authorization: Bearer $env:ANTHROPIC_AUTH_TOKEN\" -H \"anthropic-version: 2023-06-01\"",
        reach_check: "curl.exe -sSI https://api.anthropic.com",
        source: "support.claude.com 12304248 ($env:, SetEnvironmentVariable User); about_Environment_Variables (Remove-Item Env:); about_Profiles; curl.exe, not the curl alias",
    },
    ShellCommands {
        shell: Shell::Cmd,
        list_vars: "for /f \"delims==\" %A in ('set ANTHROPIC_ 2^>nul ^& set CLAUDE_CODE_ 2^>nul') do @echo %A",
        show_masked: "echo ends with ...%{name}:~-4%",
        unset: "set \"{name}=\"",
        separator: " & ",
        set: "set \"{name}={value}\"",
        prompt_secret: "set /p \"{name}=Paste the value (cmd shows it; run cls after), then press Enter: \"",
        persist: "setx {name} \"{value}\"",
        persist_from_session: "setx {name} \"%{name}%\"",
        delete_profile_lines: "",
        delete_line: "",
        unset_universal: "",
        find_in_files: "for /f \"tokens=1,2 delims=:=\" %A in ('findstr /n /i \"ANTHROPIC_ CLAUDE_CODE_ apiKeyHelper\" \"{file}\" 2^>nul') do @echo {file} line %A: %B",
        edit_file: "notepad \"{file}\"",
        list_windows_vars: "for /f \"tokens=1\" %A in ('reg query HKCU\\Environment ^| findstr /i \"ANTHROPIC_ CLAUDE_CODE_\"') do @echo User scope: %A\nfor /f \"tokens=1\" %A in ('reg query \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\" ^| findstr /i \"ANTHROPIC_ CLAUDE_CODE_\"') do @echo Machine scope: %A",
        remove_user_var: "reg delete HKCU\\Environment /F /V {name}",
        remove_machine_var: "reg delete \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\" /F /V {name}",
        curl_key_check: "curl -sS https://api.anthropic.com/v1/models -H \"x-api-key: %ANTHROPIC_API_KEY%\" -H \"anthropic-version: 2023-06-01\"",
        curl_gateway_check: "curl -sS \"%ANTHROPIC_BASE_URL%/v1/models\" -H \"Authorization: Bearer %ANTHROPIC_AUTH_TOKEN%\" -H \"anthropic-version: 2023-06-01\"",
        reach_check: "curl -sSI https://api.anthropic.com",
        source: "support.claude.com 12304248 (set, setx, echo %VAR%); reg.exe docs (HKCU\\Environment); for /f and findstr docs",
    },
];

/// The command templates of a shell.
pub fn commands(shell: Shell) -> &'static ShellCommands {
    match shell {
        Shell::Zsh => &SHELLS[0],
        Shell::Bash => &SHELLS[1],
        Shell::Fish => &SHELLS[2],
        Shell::Powershell => &SHELLS[3],
        Shell::Cmd => &SHELLS[4],
    }
}

/// Fills `{key}` placeholders of a template.
pub fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in pairs {
        let needle = format!("{{{key}}}");
        if out.contains(&needle) {
            out = out.replace(&needle, value);
        }
    }
    out
}

fn some(text: String) -> Option<String> {
    if text.is_empty() {
        None
    } else {
        Some(text)
    }
}

/// Lists the credential variables of this session, values masked.
pub fn list_vars(shell: Shell) -> String {
    commands(shell).list_vars.to_string()
}

/// Prints the length and last 4 characters of `name` (never the whole value).
pub fn show_masked(shell: Shell, name: &str) -> String {
    fill(commands(shell).show_masked, &[("name", name)])
}

/// Removes variables from this session, on one line.
pub fn unset_all(shell: Shell, names: &[&str]) -> String {
    let c = commands(shell);
    if shell == Shell::Powershell && names.len() > 1 {
        let list: Vec<String> = names.iter().map(|n| format!("Env:{n}")).collect();
        return format!(
            "Remove-Item {} -ErrorAction SilentlyContinue",
            list.join(", ")
        );
    }
    names
        .iter()
        .map(|n| fill(c.unset, &[("name", n)]))
        .collect::<Vec<_>>()
        .join(c.separator)
}

/// Sets a NON-secret variable (a flag, a region, a URL) for this session.
pub fn set_var(shell: Shell, name: &str, value: &str) -> String {
    fill(commands(shell).set, &[("name", name), ("value", value)])
}

/// Sets a variable to [`VALUE_PLACEHOLDER`], for display where a prompt cannot be used.
pub fn set_placeholder(shell: Shell, name: &str) -> String {
    set_var(shell, name, VALUE_PLACEHOLDER)
}

/// Reads a secret into an exported session variable from a prompt (hidden except in cmd).
pub fn prompt_secret(shell: Shell, name: &str) -> String {
    fill(commands(shell).prompt_secret, &[("name", name)])
}

/// Persists a NON-secret variable for new sessions.
pub fn persist_var(shell: Shell, os: Os, name: &str, value: &str) -> String {
    let file = persist_file(shell, os).unwrap_or("");
    fill(
        commands(shell).persist,
        &[("name", name), ("value", value), ("file", file)],
    )
}

/// Persists the current session value of `name` (filled by [`prompt_secret`]) without showing it.
pub fn persist_from_session(shell: Shell, os: Os, name: &str) -> String {
    let file = persist_file(shell, os).unwrap_or("");
    fill(
        commands(shell).persist_from_session,
        &[("name", name), ("file", file)],
    )
}

/// Deletes the lines setting `names` from the shell's persist file (a `.bak` copy is kept). None for cmd.
pub fn delete_profile_lines(shell: Shell, os: Os, names: &[&str]) -> Option<String> {
    let file = persist_file(shell, os)?;
    let joined = names.join("|");
    some(fill(
        commands(shell).delete_profile_lines,
        &[("names", &joined), ("file", file)],
    ))
}

/// Deletes line `line` of `file` (a path in this shell's syntax; a `.bak` copy is kept). None for cmd, which has
/// no line editor: open the file with [`edit_file`] instead.
pub fn delete_line(shell: Shell, file: &str, line: usize) -> Option<String> {
    some(fill(
        commands(shell).delete_line,
        &[("line", &line.to_string()), ("file", file)],
    ))
}

/// fish: erases universal variables (they outlive every session). None for other shells.
pub fn unset_universal(shell: Shell, names: &[&str]) -> Option<String> {
    let c = commands(shell);
    if c.unset_universal.is_empty() {
        return None;
    }
    some(
        names
            .iter()
            .map(|n| fill(c.unset_universal, &[("name", n)]))
            .collect::<Vec<_>>()
            .join(c.separator),
    )
}

/// Finds credential lines in files (paths in this shell's syntax, see [`path`]), values masked.
pub fn find_in_files(shell: Shell, files: &[String]) -> String {
    let c = commands(shell);
    match shell {
        Shell::Cmd => files
            .iter()
            .map(|f| fill(c.find_in_files, &[("file", f)]))
            .collect::<Vec<_>>()
            .join("\n"),
        Shell::Powershell => fill(c.find_in_files, &[("files", &files.join(", "))]),
        _ => fill(c.find_in_files, &[("files", &files.join(" "))]),
    }
}

/// Opens a file in a plain editor.
pub fn edit_file(shell: Shell, file: &str) -> String {
    fill(commands(shell).edit_file, &[("file", file)])
}

/// Windows: names of credential variables stored in the User and Machine scopes. None elsewhere.
pub fn list_windows_vars(shell: Shell, os: Os) -> Option<String> {
    if os != Os::Windows {
        return None;
    }
    some(commands(shell).list_windows_vars.to_string())
}

/// Windows: removes persisted User-scope variables. None elsewhere.
pub fn remove_user_vars(shell: Shell, os: Os, names: &[&str]) -> Option<String> {
    windows_remove(os, names, commands(shell).remove_user_var)
}

/// Windows: removes Machine-scope variables (run in an elevated shell). None elsewhere.
pub fn remove_machine_vars(shell: Shell, os: Os, names: &[&str]) -> Option<String> {
    windows_remove(os, names, commands(shell).remove_machine_var)
}

fn windows_remove(os: Os, names: &[&str], template: &str) -> Option<String> {
    if os != Os::Windows || template.is_empty() {
        return None;
    }
    some(
        names
            .iter()
            .map(|n| fill(template, &[("name", n)]))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The `curl` check of `ANTHROPIC_API_KEY` (free `GET /v1/models`).
pub fn curl_key_check(shell: Shell) -> String {
    commands(shell).curl_key_check.to_string()
}

/// The gateway check of `ANTHROPIC_AUTH_TOKEN` at `ANTHROPIC_BASE_URL`: `GET /v1/models` with the token as a bearer,
/// which costs nothing and needs no model id (a model id in a command goes stale when the model retires).
pub fn curl_gateway_check(shell: Shell) -> String {
    commands(shell).curl_gateway_check.to_string()
}

/// Checks that api.anthropic.com answers at all.
pub fn reach_check(shell: Shell) -> String {
    commands(shell).reach_check.to_string()
}

/// A path under the home directory (`rel` uses `/`) in this shell's syntax.
pub fn home_path(shell: Shell, rel: &str) -> String {
    match shell {
        Shell::Powershell => format!("$HOME\\{}", rel.replace('/', "\\")),
        Shell::Cmd => format!("%USERPROFILE%\\{}", rel.replace('/', "\\")),
        _ => format!("~/{rel}"),
    }
}

/// A path relative to the project directory (`rel` uses `/`) in this shell's syntax.
pub fn path(shell: Shell, rel: &str) -> String {
    match shell {
        Shell::Powershell | Shell::Cmd => rel.replace('/', "\\"),
        _ => rel.to_string(),
    }
}

/// An absolute path, quoted when it has a space.
pub fn abs_path(shell: Shell, p: &str) -> String {
    let p = match shell {
        Shell::Powershell | Shell::Cmd => p.replace('/', "\\"),
        _ => p.to_string(),
    };
    if p.contains(' ') && shell != Shell::Cmd {
        format!("\"{p}\"")
    } else {
        p
    }
}

/// The startup files the shell reads on this OS, where a stale `export` hides (zsh honours `$ZDOTDIR`).
pub fn profile_files(shell: Shell, os: Os) -> &'static [&'static str] {
    match (shell, os) {
        (Shell::Zsh, _) => &["~/.zshenv", "~/.zprofile", "~/.zshrc", "~/.zlogin"],
        (Shell::Bash, Os::Macos) => &[
            "~/.bash_profile",
            "~/.bash_login",
            "~/.profile",
            "~/.bashrc",
        ],
        (Shell::Bash, _) => &["~/.bashrc", "~/.bash_profile", "~/.profile"],
        (Shell::Fish, _) => &[
            "~/.config/fish/config.fish",
            "~/.config/fish/conf.d",
            "~/.config/fish/fish_variables",
        ],
        (Shell::Powershell, _) => &[
            "$PROFILE.CurrentUserCurrentHost",
            "$PROFILE.CurrentUserAllHosts",
            "$PROFILE.AllUsersCurrentHost",
            "$PROFILE.AllUsersAllHosts",
        ],
        (Shell::Cmd, _) => &[],
    }
}

/// The file where this guide persists variables for the shell (macOS bash: `~/.bash_profile`, Linux/WSL/Git
/// Bash: `~/.bashrc`, PowerShell: `$PROFILE`). None for cmd, which persists with `setx` instead.
pub fn persist_file(shell: Shell, os: Os) -> Option<&'static str> {
    match (shell, os) {
        (Shell::Zsh, _) => Some("~/.zshrc"),
        (Shell::Bash, Os::Macos) => Some("~/.bash_profile"),
        (Shell::Bash, _) => Some("~/.bashrc"),
        (Shell::Fish, _) => Some("~/.config/fish/config.fish"),
        (Shell::Powershell, _) => Some("$PROFILE"),
        (Shell::Cmd, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_order_matches_shell_all() {
        for (i, &s) in Shell::ALL.iter().enumerate() {
            assert_eq!(SHELLS[i].shell, s);
            assert_eq!(commands(s).shell, s);
        }
    }

    #[test]
    fn fill_replaces_only_named_placeholders() {
        assert_eq!(
            show_masked(Shell::Bash, "X"),
            "printf '%s characters, ends with ...%s\\n' \"${#X}\" \"${X: -4}\""
        );
        assert!(list_vars(Shell::Powershell).contains("'{0}=...{1}'"));
        assert_eq!(show_masked(Shell::Cmd, "X"), "echo ends with ...%X:~-4%");
        assert_eq!(
            set_placeholder(Shell::Cmd, "X"),
            "set \"X=<paste-your-key>\""
        );
    }

    #[test]
    fn persist_paths_follow_the_os() {
        assert_eq!(
            persist_file(Shell::Bash, Os::Macos),
            Some("~/.bash_profile")
        );
        assert_eq!(persist_file(Shell::Bash, Os::Linux), Some("~/.bashrc"));
        assert_eq!(persist_file(Shell::Bash, Os::Wsl), Some("~/.bashrc"));
        assert!(
            persist_from_session(Shell::Zsh, Os::Macos, "ANTHROPIC_API_KEY")
                .ends_with(">> ~/.zshrc")
        );
        assert_eq!(delete_profile_lines(Shell::Cmd, Os::Windows, &["A"]), None);
    }
}
