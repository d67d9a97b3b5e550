//! The optional step for a Console API key: keep it in the OS's secret store (macOS Keychain, the Secret Service,
//! Windows DPAPI) and let Claude Code fetch it with `apiKeyHelper`, instead of a plain-text profile line.

use super::{c, step, Step, API_KEY};
use crate::core::codes::{Os, Shell};
use crate::core::commands as cmds;
use crate::core::setup::Setup;

pub(super) fn secure_storage_step(s: &Setup) -> Step {
    let sh = s.shell;
    let helper_note = "Put the apiKeyHelper line in your user ~/.claude/settings.json (never in the project's shared settings), and keep ANTHROPIC_API_KEY unset: a set variable wins over apiKeyHelper. Claude Code caches the helper's output for 5 minutes and runs it again after a 401.";
    let mut commands = Vec::new();
    let body = match s.os {
        Os::Macos => {
            commands.push(c(
                "Store the key in the login keychain (prompts for it)",
                "security add-generic-password -U -a \"$USER\" -s anthropic-api-key -w",
            ));
            commands.push(c(
                "~/.claude/settings.json",
                "{ \"apiKeyHelper\": \"security find-generic-password -s anthropic-api-key -w\" }",
            ));
            format!("Safer than a plain-text profile line: keep the key in the macOS Keychain and let Claude Code fetch it with apiKeyHelper. {helper_note}")
        }
        Os::Linux | Os::Wsl => {
            commands.push(c(
                "Store the key in the Secret Service (prompts for it)",
                "secret-tool store --label='Anthropic API key' service anthropic",
            ));
            commands.push(c(
                "~/.claude/settings.json",
                "{ \"apiKeyHelper\": \"secret-tool lookup service anthropic\" }",
            ));
            format!("Safer than a plain-text profile line: keep the key in the desktop keyring (GNOME Keyring, KWallet) with secret-tool and let Claude Code fetch it with apiKeyHelper. Servers and WSL often run no keyring; then the environment variable is the practical choice. {helper_note}")
        }
        Os::Windows => {
            let store = match sh {
                Shell::Powershell => "Read-Host 'Paste the key' -AsSecureString | ConvertFrom-SecureString | Set-Content $HOME\\.claude\\anthropic-key.dpapi".to_string(),
                Shell::Cmd => "powershell -NoProfile -Command \"Read-Host 'Paste the key' -AsSecureString | ConvertFrom-SecureString | Set-Content $HOME\\.claude\\anthropic-key.dpapi\"".to_string(),
                _ => "powershell -NoProfile -Command 'Read-Host \"Paste the key\" -AsSecureString | ConvertFrom-SecureString | Set-Content $HOME\\.claude\\anthropic-key.dpapi'".to_string(),
            };
            commands.push(c(
                "Store the key encrypted for your Windows account (DPAPI; prompts for it)",
                store,
            ));
            commands.push(c(
                "~/.claude/settings.json",
                "{ \"apiKeyHelper\": \"powershell -NoProfile -Command \\\"[System.Net.NetworkCredential]::new('', (Get-Content $HOME/.claude/anthropic-key.dpapi | ConvertTo-SecureString)).Password\\\"\" }",
            ));
            format!("Safer than a plain-text user variable: keep the key encrypted with Windows DPAPI (readable only by your Windows account) and let Claude Code decrypt it with apiKeyHelper. Windows Credential Manager (cmdkey) cannot give a stored password back, so it cannot feed apiKeyHelper; PowerShell SecretManagement (Get-Secret -AsPlainText) is another option. {helper_note}")
        }
    };
    commands.push(c(
        "Then remove the variable from this session",
        cmds::unset_all(sh, &[API_KEY]),
    ));
    step(
        "store-securely",
        "Optional: keep the key out of plain-text files",
        body,
        commands,
    )
}
