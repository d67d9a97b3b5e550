//! A substring lint for generated commands: the only check PowerShell and cmd commands get, since neither shell can
//! be installed on the machines these tests run on (Linux). bash, zsh and fish commands get it as an extra check on
//! top of their real parsers (`tests/shell_syntax.rs`).

use claude_auth_doctor::core::codes::Shell;

/// Whether a text is a file snippet (JSON, or YAML headed `# file:`) rather than a shell command.
pub fn is_file_snippet(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('{') || t.starts_with('"') || t.starts_with("# file:")
}

/// Checks that a command is plausible for its shell: returns the first problem found.
///
/// Every text: no `sk-ant-` and no bare `<` (a redirect) outside quotes. File snippets (see
/// [`is_file_snippet`]) get only those checks. Shell rules: no `export`/`unset`/`$env:`/`%VAR%` where they do
/// not belong, no `set -x` in bash/zsh, `curl.exe` (not the `curl` alias) in PowerShell, no `&&` in PowerShell
/// (5.1 lacks it), no `${`/`$(` in fish, no zsh `read '?prompt'` in bash and no bash `read -p` in zsh.
pub fn lint(shell: Shell, text: &str) -> Result<(), String> {
    if text.to_ascii_lowercase().contains("sk-ant-") {
        return Err("contains something like a key (sk-ant-)".into());
    }
    let (mut in_double, mut in_single, mut escaped) = (false, false, false);
    for (i, b) in text.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if in_double => escaped = true,
            b'"' if !in_single => in_double = !in_double,
            b'\'' if !in_double => in_single = !in_single,
            b'\n' => (in_double, in_single) = (false, false),
            b'<' if !in_double && !in_single => return Err(format!("unquoted '<' at byte {i}")),
            _ => {}
        }
    }
    if is_file_snippet(text) {
        return Ok(());
    }
    let forbidden: &[&str] = match shell {
        Shell::Bash | Shell::Zsh => &[
            "$env:",
            "set -x",
            "set -gx",
            "set -Ux",
            "set -e ",
            "set -Ue",
            "Remove-Item",
            "%ANTHROPIC",
            "%CLAUDE",
            "Get-ChildItem",
            "[Environment]",
            "setx ",
            "curl.exe",
        ],
        Shell::Fish => &[
            "export ",
            "unset ",
            "$env:",
            "${",
            "$(",
            "%ANTHROPIC",
            "%CLAUDE",
            "Remove-Item",
            "[Environment]",
            "read -rs",
            "setx ",
        ],
        Shell::Powershell => &[
            "export ",
            "unset ",
            "set -",
            "%ANTHROPIC",
            "%CLAUDE",
            "| grep",
            "/dev/null",
            "&&",
            "||",
            "$ANTHROPIC",
            "$CLAUDE",
            "$AWS",
            "read -",
            "sed ",
            "setx ",
        ],
        Shell::Cmd => &[
            "export ",
            "unset ",
            "$env:",
            "$ANTHROPIC",
            "$CLAUDE",
            "| grep",
            "/dev/null",
            "Remove-Item",
            "Get-ChildItem",
            "set -",
            "read -",
            "sed ",
        ],
    };
    for f in forbidden {
        if text.contains(f) {
            return Err(format!("'{f}' does not belong in {shell}"));
        }
    }
    match shell {
        Shell::Bash if text.contains("read -rs '?") => return Err("zsh read prompt in bash".into()),
        Shell::Zsh if text.contains("read -rsp") => return Err("bash read -p in zsh".into()),
        Shell::Powershell => {
            for (i, _) in text.match_indices("curl") {
                if !text[i..].starts_with("curl.exe") {
                    return Err("PowerShell needs curl.exe, not the curl alias".into());
                }
            }
        }
        _ => {}
    }
    Ok(())
}
