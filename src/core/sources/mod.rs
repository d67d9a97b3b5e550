//! Which credential wins: what a person pasted from their machine (Claude Code's `/status`, `claude auth status`,
//! `env` and its cousins, settings files, `.env` files, shell profile lines, the pre-flight script's report) →
//! every credential source with where it came from, the one Claude Code uses, every conflict and its fix for the
//! person's shell.
//!
//! - [`text`] cleans the paste (bounded; line endings, colour escapes and box decorations removed);
//! - [`blocks`] recognises each kind of block and what each line says ([`values`] decodes quoting and masks,
//!   [`claude`] reads Claude Code's own reports, [`report`] the pre-flight report);
//! - [`decide`] applies the order ([`order`], one table with its sources) to name the winner and each state;
//! - [`conflicts`] finds the problems and their fixes.
//!
//! Values are secrets. A full value is decoded only to run the key check on it, and nothing of it survives in a
//! [`SourcesReport`] but its redacted form (known prefix, `…`, last four), its length and the check's codes.
//! Profile lines and `.env` files count as the shell's environment: a new shell reads the first, and direnv or a
//! dotenv plugin loads the second (older Claude Code builds loaded a project `.env` themselves,
//! anthropics/claude-code#401).

mod blocks;
mod claude;
mod conflicts;
mod decide;
pub mod order;
pub mod report;
mod text;
mod values;

use crate::core::codes::{Auth, ConflictCode, FindingCode, Kind, SourceCode, SourceState, Verdict};
use crate::core::setup::Setup;

/// What kind of text a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// Claude Code's `/status` panel.
    StatusPanel,
    /// `claude auth status` (JSON).
    AuthStatusJson,
    /// `claude auth status --text`.
    AuthStatusText,
    /// A message Claude Code printed (`Not logged in · Please run /login`, an auth-conflict notice).
    ClaudeMessage,
    /// `claude --version`.
    ClaudeVersion,
    /// `env`, `printenv`, cmd `set`: `NAME=value` lines.
    EnvListing,
    /// `export -p` / `declare -x`.
    ExportListing,
    /// PowerShell `Get-ChildItem Env:` (a Name/Value table or list).
    PowershellEnv,
    /// fish `set -x` (`NAME value` lines).
    FishVariables,
    /// A value printed by `echo $NAME` or `printenv NAME`.
    EchoedValue,
    /// Commands that set variables, typed or pasted without a file (`export NAME=…`, `$env:NAME = …`).
    ShellLines,
    /// A Claude Code settings file.
    Settings,
    /// A `.env` file.
    DotEnv,
    /// A shell startup file (`~/.zshrc`, `config.fish`, `$PROFILE`) or `grep` output naming one.
    ShellProfile,
    /// `~/.claude/.credentials.json` or `~/.claude.json`: a stored login.
    StoredLogin,
    /// The pre-flight script's `--report`.
    PreflightReport,
}

impl BlockKind {
    /// A short plain name.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::StatusPanel => "Claude Code's /status",
            BlockKind::AuthStatusJson => "claude auth status",
            BlockKind::AuthStatusText => "claude auth status --text",
            BlockKind::ClaudeMessage => "a Claude Code message",
            BlockKind::ClaudeVersion => "claude --version",
            BlockKind::EnvListing => "an environment listing (env, printenv, set)",
            BlockKind::ExportListing => "export -p",
            BlockKind::PowershellEnv => "Get-ChildItem Env:",
            BlockKind::FishVariables => "fish set -x",
            BlockKind::EchoedValue => "an echoed variable",
            BlockKind::ShellLines => "shell commands",
            BlockKind::Settings => "a settings file",
            BlockKind::DotEnv => "a .env file",
            BlockKind::ShellProfile => "a shell profile",
            BlockKind::StoredLogin => "a stored login",
            BlockKind::PreflightReport => "the pre-flight report",
        }
    }
}

/// Which settings file (Claude Code docs, settings: Managed > local project > shared project > user).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SettingsScope {
    User,
    Project,
    Local,
    Managed,
}

impl SettingsScope {
    pub const ALL: [SettingsScope; 4] = [
        SettingsScope::User,
        SettingsScope::Project,
        SettingsScope::Local,
        SettingsScope::Managed,
    ];

    /// The word the pre-flight report uses.
    pub fn code(self) -> &'static str {
        match self {
            SettingsScope::User => "user",
            SettingsScope::Project => "project",
            SettingsScope::Local => "local",
            SettingsScope::Managed => "managed",
        }
    }

    pub fn from_code(code: &str) -> Option<SettingsScope> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// A plain name.
    pub fn name(self) -> &'static str {
        match self {
            SettingsScope::User => "user settings",
            SettingsScope::Project => "shared project settings",
            SettingsScope::Local => "local project settings",
            SettingsScope::Managed => "managed settings",
        }
    }

    /// The usual path, for a fix when the paste named no file.
    pub fn usual_path(self) -> &'static str {
        match self {
            SettingsScope::User => "~/.claude/settings.json",
            SettingsScope::Project => ".claude/settings.json",
            SettingsScope::Local => ".claude/settings.local.json",
            SettingsScope::Managed => "managed-settings.json",
        }
    }
}

/// One recognised block of the paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The file it shows, when the text names one.
    pub file: Option<String>,
    pub scope: Option<SettingsScope>,
    /// First and last line of the paste (1-based).
    pub first_line: usize,
    pub last_line: usize,
}

/// Where the text shows a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub block: BlockKind,
    /// The file, when the text names it.
    pub file: Option<String>,
    /// The line in that file, when the text shows it (`grep -n`, `cat`, the pre-flight report).
    pub line: Option<usize>,
    pub scope: Option<SettingsScope>,
    /// The line of the paste (1-based).
    pub paste_line: usize,
}

impl Origin {
    /// "line 12 of ~/.zshrc", "~/.claude/settings.json", "an environment listing (env, printenv, set)".
    pub fn describe(&self) -> String {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => format!("line {line} of {file}"),
            (Some(file), None) => file.clone(),
            (None, _) => match self.scope {
                Some(scope) => scope.name().to_string(),
                None => self.block.name().to_string(),
            },
        }
    }
}

/// Which layer a value lives in: a settings `env` value beats the shell's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// The shell's environment (listings, profile lines, `.env` files).
    Shell,
    /// A settings file's `env` block or `apiKeyHelper` (scope unknown when the paste did not say).
    Settings(Option<SettingsScope>),
    /// Known only from what Claude Code itself reports (`/status`, `claude auth status`), or its stored login.
    Reported,
}

/// The key check's result for a full value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyCheck {
    pub verdict: Verdict,
    pub kind: Kind,
    pub findings: Vec<FindingCode>,
}

/// What the text shows of a value (never the value itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// No value in the text (a `/status` row, a stored login).
    NotShown,
    /// Set to the empty string.
    Empty,
    /// `""` in a settings `env` block: cancels the variable.
    Cancelled,
    /// Computed when the shell starts (`$(…)`, another variable): present, not known.
    Computed,
    /// Not a secret (a switch, a profile name): shown as is.
    Plain(String),
    /// A secret, as far as it may be shown.
    Secret(SecretValue),
}

/// A secret value as far as it may be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretValue {
    /// Known prefix + `…` + last four (`sk-ant-api03-…Xy1A`), or `…` + last four of a masked copy.
    pub redacted: Option<String>,
    pub length: Option<usize>,
    /// The paste showed it masked (not the whole value): understood as present, not as damage.
    pub masked: bool,
    /// The key check's codes, for a full value.
    pub check: Option<KeyCheck>,
    /// What makes it unusable in this variable, in plain words (`None` when nothing is wrong).
    pub damage: Option<Damage>,
}

/// Why a value cannot work in its variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    /// The key check's finding codes that apply (empty for a wrong kind).
    pub codes: Vec<FindingCode>,
    /// The kind found, when it is the wrong one for the variable.
    pub wrong_kind: Option<Kind>,
    /// One plain sentence.
    pub reason: String,
}

/// A credential source found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub code: SourceCode,
    pub state: SourceState,
    /// The variable or setting (`ANTHROPIC_API_KEY`, `apiKeyHelper`), or `/login`.
    pub name: String,
    pub layer: Layer,
    /// Every place the text shows it, the most telling first.
    pub origins: Vec<Origin>,
    pub value: Value,
    /// Why it has its state, in one plain sentence.
    pub why: String,
}

/// Commands that fix a problem in the person's shell, most important first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What to do, naming the variable, file and line ("Delete line 12 of ~/.zshrc (it sets ANTHROPIC_API_KEY)").
    pub title: String,
    /// Commands for the setup's shell, one per entry (none when the step is done by hand, e.g. in an editor).
    pub commands: Vec<String>,
}

/// A problem with the credentials found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub code: ConflictCode,
    /// A plain title naming the variable, file or line.
    pub title: String,
    pub explanation: String,
    /// The steps that resolve it, in order.
    pub fixes: Vec<Fix>,
}

/// `ANTHROPIC_BASE_URL` as it applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    /// The URL without any user name or password in it.
    pub url: String,
    /// Whether it is Anthropic's API (`api.anthropic.com`).
    pub anthropic: bool,
    pub origins: Vec<Origin>,
}

/// Everything [`analyze`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcesReport {
    pub blocks: Vec<Block>,
    /// Every credential source, in the order Claude Code considers them.
    pub sources: Vec<Source>,
    /// The source Claude Code uses; `none` when nothing in the text would authenticate, `unknown` when the text
    /// does not say.
    pub winner: SourceCode,
    /// One or two plain sentences: who wins and why.
    pub summary: String,
    pub base_url: Option<BaseUrl>,
    /// Most important first; empty for a clean setup.
    pub conflicts: Vec<Conflict>,
    /// `claude --version`, when shown.
    pub claude_version: Option<String>,
    /// Only the first [`MAX_EXAMINED_BYTES`] of the paste were examined.
    pub truncated: bool,
}

/// How much of a paste is examined at most.
pub const MAX_EXAMINED_BYTES: usize = text::MAX_EXAMINED_BYTES;

impl SourcesReport {
    /// Every fix step of every conflict, most important first, without repeats: the first one is the change
    /// that matters most (e.g. "Delete line 12 of ~/.zshrc").
    pub fn fixes(&self) -> Vec<&Fix> {
        let mut out: Vec<&Fix> = Vec::new();
        for fix in self.conflicts.iter().flat_map(|c| &c.fixes) {
            if !out.iter().any(|f| f == &fix) {
                out.push(fix);
            }
        }
        out
    }

    /// The source that wins, if one in the text does.
    pub fn winning_source(&self) -> Option<&Source> {
        self.sources.iter().find(|s| s.state == SourceState::Wins)
    }

    /// Whether a conflict with this code was found.
    pub fn has_conflict(&self, code: ConflictCode) -> bool {
        self.conflicts.iter().any(|c| c.code == code)
    }

    /// The method the machine shows in use, when the paste says so without ambiguity: the winner's method, or a
    /// gateway when a token or key goes to a base URL that is not Anthropic's. `None` when nothing wins, or when a
    /// `/login` sits beside a winning key (whether that key was meant is the question, not the answer).
    pub fn method_in_use(&self) -> Option<Auth> {
        let gateway = self.base_url.as_ref().is_some_and(|b| !b.anthropic);
        let login_beside = self
            .sources
            .iter()
            .any(|s| s.code == SourceCode::Login && s.state != SourceState::Wins);
        Some(match self.winner {
            SourceCode::Bedrock | SourceCode::Mantle => Auth::Bedrock,
            SourceCode::Vertex => Auth::Vertex,
            SourceCode::Foundry => Auth::Foundry,
            SourceCode::AuthToken | SourceCode::ApiKey | SourceCode::ApiKeyHelper if gateway => {
                Auth::Gateway
            }
            SourceCode::ApiKey | SourceCode::ApiKeyHelper if !login_beside => Auth::ApiKey,
            SourceCode::OauthToken => Auth::OauthToken,
            SourceCode::Login => Auth::Subscription,
            _ => return None,
        })
    }
}

/// Analyses pasted text for the person's setup (its shell for the fixes, its intended method for what counts as a
/// conflict). Bounded: at most [`MAX_EXAMINED_BYTES`] are examined, in linear time.
pub fn analyze(text: &str, setup: &Setup) -> SourcesReport {
    let (lines, truncated) = text::clean_lines(text);
    let scan = blocks::scan(&lines);
    let decided = decide::decide(&scan, setup);
    let conflicts = conflicts::find(&decided, &scan, setup);
    SourcesReport {
        blocks: scan.blocks,
        sources: decided.sources,
        winner: decided.winner,
        summary: decided.summary,
        base_url: decided.base_url,
        conflicts,
        claude_version: scan.claude_version,
        truncated,
    }
}
