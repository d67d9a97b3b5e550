//! Recognises each kind of block in a paste and what each of its lines says: variable values with where they come
//! from ([`Entry`]), and what Claude Code itself reports ([`Evidence`]).
//!
//! One pass over the cleaned lines. A header (`==> file <==`, `$ cat file`, a line naming a known file, the
//! pre-flight report's `== … ==`) sets the file the following lines belong to; a prompt line with a known command
//! (`$ env`, `PS> Get-ChildItem Env:`) says what output follows; everything else is recognised by its own shape.
//! A JSON block is collected until its braces balance (bounded), and a failed collection is not retried from
//! inside it, so the pass stays linear.

use super::claude;
use super::order::{self, HELPER};
use super::report;
use super::values::{self, Raw};
use super::{Block, BlockKind, Layer, Origin, SettingsScope};
use crate::core::codes::SourceCode;

/// A JSON block longer than this (lines or bytes) is not parsed as one.
const MAX_JSON_LINES: usize = 4096;
const MAX_JSON_BYTES: usize = 256 * 1024;
/// At most this many values are kept (a paste of thousands of profile lines is not a setup).
const MAX_ENTRIES: usize = 1024;

/// How much a value's origin says about the current environment: a listing shows it, a profile line only sets it
/// for new shells. The highest authority's value is the one that counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Authority {
    StartupFile,
    Typed,
    Listing,
}

/// A value the text shows for a tracked variable or setting.
#[derive(Debug)]
pub(super) struct Entry {
    pub name: &'static str,
    pub raw: Raw,
    pub layer: Layer,
    pub authority: Authority,
    pub origin: Origin,
}

/// Something Claude Code said about the credential in use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Said {
    /// In use: one of these (several when Claude Code's word covers more than one source).
    InUse(&'static [SourceCode]),
    /// Marked as not in use.
    NotInUse(SourceCode),
    /// Present, use not stated.
    Present(SourceCode),
    /// `claude auth status`: logged in (a credential where it ran) or not.
    LoggedIn(bool),
    /// `Not logged in · Please run /login` from a session or `claude -p`: no usable credential, or, as Claude Code
    /// 2.1.332 prints it, a Bearer credential (ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN, a /login) the server
    /// refused with 401.
    NotLoggedInError,
    LoginExpired,
    BaseUrl(String),
    /// The `/status` panel's `Version` row.
    Version(String),
}

#[derive(Clone, Debug)]
pub(super) struct Evidence {
    pub said: Said,
    pub origin: Origin,
    /// Part of the pre-flight report (whose `claude auth status` ran with the settings files' `env` values).
    pub in_report: bool,
}

/// Everything the pass found.
#[derive(Debug, Default)]
pub(super) struct Scan {
    pub blocks: Vec<Block>,
    pub entries: Vec<Entry>,
    pub evidence: Vec<Evidence>,
    pub claude_version: Option<String>,
}

/// What kind of file a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Settings(Option<SettingsScope>),
    Profile,
    DotEnv,
    StoredLogin,
}

#[derive(Clone, Debug)]
struct FileCtx {
    path: String,
    kind: FileKind,
    /// Index of the file's first line in the paste, when the whole file follows (`cat`), so line numbers count.
    first: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Plain,
    /// After `Name  Value` and its dashes.
    PowershellTable,
    /// `Name  : X` lines waiting for their `Value : …`.
    PowershellList(Option<&'static str>),
    /// The next line is the value of this variable (`echo $NAME`).
    Echo(&'static str),
    /// Output of `claude auth status --text`.
    AuthText,
    /// Inside the pre-flight report, in this section.
    Report(report::Section),
}

/// The tracked name equal to `name`: a credential variable, a related variable or `apiKeyHelper`.
pub(super) fn tracked(name: &str) -> Option<&'static str> {
    order::variables().chain([HELPER]).find(|n| *n == name)
}

/// A leading identifier (`[A-Za-z_][A-Za-z0-9_]*`) and the rest.
fn ident(s: &str) -> Option<(&str, &str)> {
    let end = s
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
        .unwrap_or(s.len());
    let first = s.as_bytes().first()?;
    (end > 0 && !first.is_ascii_digit()).then(|| (&s[..end], &s[end..]))
}

/// The last path component.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Whether a path is the user's own `.claude` directory (`~/.claude/…`, `/home/x/.claude/…`, `C:\Users\x\.claude\…`).
fn in_home_claude_dir(path: &str) -> bool {
    let p = path.replace('\\', "/");
    let lower = p.to_ascii_lowercase();
    if [
        "~/.claude/",
        "$home/.claude/",
        "${home}/.claude/",
        "%userprofile%/.claude/",
        "/root/.claude/",
    ]
    .iter()
    .any(|h| lower.starts_with(h))
    {
        return true;
    }
    let parts: Vec<&str> = lower.split('/').collect();
    // /home/<user>/.claude/…, /Users/<user>/.claude/…, c:/users/<user>/.claude/…
    let (home, rest) = match parts.as_slice() {
        ["", "home" | "users", _user, rest @ ..] => (true, rest),
        [drive, "users", _user, rest @ ..] if drive.ends_with(':') => (true, rest),
        _ => (false, &[][..]),
    };
    home && rest.first() == Some(&".claude")
}

fn file_kind(path: &str) -> Option<FileKind> {
    let name = file_name(path);
    let lower = name.to_ascii_lowercase();
    let norm = path.replace('\\', "/");
    Some(match lower.as_str() {
        "managed-settings.json" => FileKind::Settings(Some(SettingsScope::Managed)),
        "settings.local.json" => FileKind::Settings(Some(SettingsScope::Local)),
        "settings.json" if norm.contains(".claude/") || norm.starts_with(".claude") => {
            FileKind::Settings(Some(if in_home_claude_dir(path) {
                SettingsScope::User
            } else {
                SettingsScope::Project
            }))
        }
        "settings.json" => FileKind::Settings(None),
        _ if norm.contains("managed-settings.d/") && lower.ends_with(".json") => {
            FileKind::Settings(Some(SettingsScope::Managed))
        }
        ".credentials.json" | ".claude.json" => FileKind::StoredLogin,
        ".zshrc" | ".zshenv" | ".zprofile" | ".zlogin" | ".bashrc" | ".bash_profile"
        | ".bash_login" | ".profile" | ".kshrc" | ".cshrc" | ".tcshrc" | ".envrc"
        | "config.fish" | "fish_variables" | "environment" => FileKind::Profile,
        _ if lower.ends_with(".fish") || lower.ends_with(".ps1") => FileKind::Profile,
        _ if lower == ".env" || lower.starts_with(".env.") || lower.ends_with(".env") => {
            FileKind::DotEnv
        }
        _ => return None,
    })
}

/// A path-like word: no spaces, at most 300 bytes, and a known file name.
fn known_path(word: &str) -> Option<&str> {
    let w = word.trim_matches(|c| c == '"' || c == '\'' || c == '`');
    (!w.is_empty() && w.len() <= 300 && !w.contains(char::is_whitespace) && file_kind(w).is_some())
        .then_some(w)
}

/// A line that is only a file name or path, perhaps as a comment or a label: `# ~/.zshrc`, `~/.zshrc:`,
/// `File: .claude/settings.json`, `## file ~/.claude/settings.json`.
fn path_header(line: &str) -> Option<&str> {
    let t = line
        .trim_start_matches(['#', '/', '*', '-', ' '])
        .trim_end_matches([':', ' ']);
    let t = ["File:", "file:", "File ", "file "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim();
    (t.starts_with(['~', '.', '/', '$', '%']) || t.contains(['/', '\\']) || file_kind(t).is_some())
        .then(|| known_path(t))
        .flatten()
}

/// The command of a prompt line (`$ env`, `user@host:~$ cat x`, `PS C:\> gci env:`, `C:\> set`), if the line has
/// a prompt and the command is one this scanner knows.
fn command_of(line: &str) -> Option<&str> {
    let candidates: [Option<&str>; 3] = [
        line.strip_prefix("PS ")
            .and_then(|r| r.find("> ").map(|i| &r[i + 2..])),
        {
            let b = line.as_bytes();
            (b.len() > 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\')
                .then(|| line.find('>').map(|i| &line[i + 1..]))
                .flatten()
        },
        // `$ cmd`, `user@host:~/app$ cmd`, `root@box:~# cmd`, `ann@mac ~ % cmd`, `➜ app git:(main) cmd`: a prompt
        // character and a space after at most four words within the first 120 bytes, then a known command. `#` and
        // `>` count only at the end of the first word (elsewhere they are comments and redirections).
        {
            let mut words = 0;
            let mut previous_space = true;
            line.char_indices()
                .take_while(|(i, _)| *i < 120)
                .filter(|(i, c)| {
                    if c.is_whitespace() {
                        previous_space = true;
                        return false;
                    }
                    if previous_space {
                        words += 1;
                        previous_space = false;
                    }
                    let prompt = match c {
                        '$' | '%' | '❯' | '»' | ')' => words <= 4,
                        '#' | '>' => words == 1,
                        _ => false,
                    };
                    prompt && line[i + c.len_utf8()..].starts_with(' ')
                })
                .take(4)
                .map(|(i, c)| &line[i + c.len_utf8()..])
                .find(|rest| is_known_command(rest.trim()))
        },
    ];
    candidates
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|cmd| is_known_command(cmd))
}

const KNOWN_COMMANDS: &[&str] = &[
    "cat",
    "type",
    "get-content",
    "gc",
    "bat",
    "less",
    "more",
    "head",
    "tail",
    "nl",
    "grep",
    "egrep",
    "rg",
    "findstr",
    "select-string",
    "sls",
    "env",
    "printenv",
    "set",
    "export",
    "declare",
    "typeset",
    "get-childitem",
    "gci",
    "dir",
    "ls",
    "claude",
    "echo",
    "setx",
    "$env:",
    "sudo",
    "jq",
    "unset",
    "remove-item",
];

fn is_known_command(cmd: &str) -> bool {
    let first = cmd
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    KNOWN_COMMANDS.contains(&first.as_str()) || first.starts_with("$env:")
}

/// `FILE:LINE:rest` (grep -n over several files), or `FILE:rest` for a known file name.
fn grep_prefixed(line: &str) -> Option<(&str, Option<usize>, &str)> {
    let (file, rest) = line.split_once(':')?;
    // Windows drive letters: `C:\Users\…\.zshrc:12:…`.
    let (file, rest) = if file.len() == 1 && rest.starts_with('\\') {
        let (more, rest) = rest.split_once(':')?;
        (&line[..file.len() + 1 + more.len()], rest)
    } else {
        (file, rest)
    };
    let file = known_path(file)?;
    match rest.split_once(':') {
        Some((n, after)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            Some((file, n.parse().ok(), after))
        }
        _ => Some((file, None, rest)),
    }
}

/// `12:rest`, `12-rest` (grep -n on one file), or `12<tab>rest` / `    12  rest` (cat -n, nl).
fn numbered(line: &str) -> Option<(usize, &str)> {
    let digits = line.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 7 {
        return None;
    }
    let n = line[..digits].parse().ok()?;
    let rest = &line[digits..];
    let rest = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix('\t'))
        .or_else(|| rest.strip_prefix("  "))?;
    Some((n, rest))
}

/// What a line that sets a variable says: the name and its raw value.
struct Assignment {
    name: &'static str,
    raw: Raw,
    extra_lines: usize,
    exported: bool,
}

/// Recognises the shell forms that set a variable, in any shell: `export NAME=v`, `declare -x NAME="v"`,
/// `typeset -x`, `setenv NAME v`, fish `set -gx NAME v` / `set -Ux` / `SETUVAR --export NAME:v`, PowerShell
/// `$env:NAME = "v"` / `[Environment]::SetEnvironmentVariable('NAME', 'v', 'User')`, cmd `set NAME=v` /
/// `setx NAME v`, and (when `bare` is allowed) `NAME=v`.
fn assignment(line: &str, next: &[&str], bare: bool) -> Option<Assignment> {
    let t = line.trim_start();
    let lower_start = t.get(..t.len().min(40)).unwrap_or(t).to_ascii_lowercase();
    // PowerShell.
    if lower_start.starts_with("$env:") {
        let (name, rest) = ident(&t[5..])?;
        let value = rest.trim_start().strip_prefix('=')?;
        let name = tracked(name)?;
        return Some(done(name, values::powershell_string(value), true));
    }
    if lower_start.starts_with("[environment]::setenvironmentvariable(") {
        let args = &t[t.find('(')? + 1..];
        let (first, rest) = args.split_once(',')?;
        let name = tracked(values::powershell_string(first).value.as_str())?;
        let value = match rest.rsplit_once(',') {
            Some((v, _scope)) => v,
            None => rest.trim_end_matches([')', ';', ' ']),
        };
        return Some(done(name, values::powershell_string(value), true));
    }
    // fish universal variables file.
    if let Some(rest) = t.strip_prefix("SETUVAR ") {
        let rest = rest
            .trim_start()
            .strip_prefix("--export")
            .unwrap_or(rest)
            .trim_start();
        let (name, value) = rest.split_once(':')?;
        let name = tracked(name)?;
        return Some(done(name, values::fish_words(value), true));
    }
    // fish `set` with flags, csh `setenv`, cmd `setx`.
    for (word, fish) in [("set ", true), ("setenv ", false), ("setx ", false)] {
        if let Some(rest) = t.strip_prefix(word) {
            let mut rest = rest.trim_start();
            let mut exported = word != "set ";
            if word == "set " && !rest.starts_with('-') {
                // cmd: `set NAME=value`, `set "NAME=value"`.
                let inner = rest.trim_matches('"');
                let (name, after) = ident(inner)?;
                let value = after.strip_prefix('=')?;
                let name = tracked(name)?;
                return Some(done(
                    name,
                    values::Word {
                        value: value.to_string(),
                        computed: value.contains('%'),
                        extra_lines: 0,
                    },
                    true,
                ));
            }
            while let Some(flags) = rest.strip_prefix('-') {
                let end = flags.find(char::is_whitespace).unwrap_or(flags.len());
                let f = &flags[..end];
                if f.contains('x') || f == "-export" {
                    exported = true;
                }
                if f.contains('e') && !f.contains("export") {
                    return None;
                }
                rest = flags[end..].trim_start();
            }
            let (name, value) = ident(rest)?;
            let name = tracked(name)?;
            let word = if fish {
                values::fish_words(value)
            } else {
                values::shell_word(value.trim_start(), next)
            };
            return Some(Assignment {
                exported,
                ..done(name, word, exported)
            });
        }
    }
    // POSIX: export / declare -x / typeset -x / local.
    let mut rest = t;
    let mut exported = false;
    for word in ["export ", "declare ", "typeset "] {
        if let Some(r) = rest.strip_prefix(word) {
            rest = r.trim_start();
            exported = word == "export ";
            while let Some(flags) = rest.strip_prefix('-') {
                let end = flags.find(char::is_whitespace).unwrap_or(flags.len());
                exported |= flags[..end].contains('x');
                rest = flags[end..].trim_start();
            }
            break;
        }
    }
    if !exported && !bare {
        return None;
    }
    let (name, after) = ident(rest)?;
    let value = after.strip_prefix('=')?;
    let name = tracked(name)?;
    Some(done(name, values::shell_word(value, next), exported))
}

fn done(name: &'static str, word: values::Word, exported: bool) -> Assignment {
    let extra_lines = word.extra_lines;
    Assignment {
        name,
        raw: word.into_raw(),
        extra_lines,
        exported,
    }
}

struct Scanner<'a> {
    lines: &'a [String],
    out: Scan,
    file: Option<FileCtx>,
    mode: Mode,
    /// JSON collection is not retried before this line (a collection from here on already failed).
    no_json_until: usize,
    /// The file of the pre-flight report's current settings section.
    report_file: Option<String>,
}

/// Scans cleaned lines.
pub(super) fn scan(lines: &[String]) -> Scan {
    let mut s = Scanner {
        lines,
        out: Scan::default(),
        file: None,
        mode: Mode::Plain,
        no_json_until: 0,
        report_file: None,
    };
    let mut i = 0;
    // The pass ends early once as many values as are kept have been found.
    while i < lines.len() && s.out.entries.len() < MAX_ENTRIES && s.out.evidence.len() < MAX_ENTRIES
    {
        i += s.line(i).max(1);
    }
    s.out
}

impl<'a> Scanner<'a> {
    fn next_lines(&self, i: usize) -> Vec<&'a str> {
        self.lines[i + 1..self.lines.len().min(i + 6)]
            .iter()
            .map(String::as_str)
            .collect()
    }

    /// Records that line `i` belongs to a block of this kind (merging with the last block when it continues it).
    fn block(
        &mut self,
        kind: BlockKind,
        file: Option<String>,
        scope: Option<SettingsScope>,
        i: usize,
        last: usize,
    ) {
        if let Some(b) = self.out.blocks.last_mut() {
            if b.kind == kind && b.file == file && b.scope == scope && b.last_line + 8 > i {
                b.last_line = b.last_line.max(last + 1);
                return;
            }
        }
        self.out.blocks.push(Block {
            kind,
            file,
            scope,
            first_line: i + 1,
            last_line: last + 1,
        });
    }

    fn origin(
        &self,
        block: BlockKind,
        file: Option<String>,
        line: Option<usize>,
        scope: Option<SettingsScope>,
        i: usize,
    ) -> Origin {
        Origin {
            block,
            file,
            line,
            scope,
            paste_line: i + 1,
        }
    }

    fn entry(
        &mut self,
        name: &'static str,
        raw: Raw,
        layer: Layer,
        authority: Authority,
        origin: Origin,
    ) {
        if self.out.entries.len() < MAX_ENTRIES {
            self.out.entries.push(Entry {
                name,
                raw,
                layer,
                authority,
                origin,
            });
        }
    }

    fn evidence(&mut self, said: Said, origin: Origin) {
        if self.out.evidence.len() < MAX_ENTRIES {
            let in_report = matches!(self.mode, Mode::Report(_));
            self.out.evidence.push(Evidence {
                said,
                origin,
                in_report,
            });
        }
    }

    fn open_file(&mut self, path: &str, first: Option<usize>) {
        self.mode = Mode::Plain;
        self.file = file_kind(path).map(|kind| FileCtx {
            path: path.to_string(),
            kind,
            first,
        });
    }

    /// Handles line `i`; returns how many lines it used.
    fn line(&mut self, i: usize) -> usize {
        let line = self.lines[i].as_str();
        if line.is_empty() {
            if matches!(
                self.mode,
                Mode::PowershellTable | Mode::PowershellList(_) | Mode::AuthText
            ) {
                self.mode = Mode::Plain;
            }
            return 1;
        }
        if line.starts_with("```") {
            return 1;
        }
        // Nothing to recognise on a line without a letter, unless it opens a JSON block.
        if !line.bytes().any(|b| b.is_ascii_alphabetic()) {
            if line.starts_with('{') && i >= self.no_json_until {
                return self.json_block(i).unwrap_or(1);
            }
            return 1;
        }
        if let Some(header) = report::header(line) {
            self.report_header(i, header);
            return 1;
        }
        if let Mode::Report(section) = self.mode {
            if let Some(used) = self.report_line(i, section) {
                return used;
            }
        }
        if let Some(path) = line
            .strip_prefix("==> ")
            .and_then(|r| r.strip_suffix(" <=="))
        {
            // `head`/`tail` of several files: the file, but not from its first line.
            self.open_file(path.trim(), None);
            return 1;
        }
        if let Some(cmd) = command_of(line) {
            return self.command(i, cmd);
        }
        if let Mode::Echo(name) = self.mode {
            self.mode = Mode::Plain;
            let origin = self.origin(BlockKind::EchoedValue, None, None, None, i);
            self.block(BlockKind::EchoedValue, None, None, i, i);
            self.entry(
                name,
                values::classify(line.to_string()),
                Layer::Shell,
                Authority::Listing,
                origin,
            );
            return 1;
        }
        if let Some(path) = path_header(line) {
            self.open_file(path, None);
            return 1;
        }
        if line.starts_with('{') && i >= self.no_json_until {
            if let Some(used) = self.json_block(i) {
                return used;
            }
        }
        if let Some((file, number, rest)) = grep_prefixed(line) {
            let ctx = FileCtx {
                path: file.to_string(),
                kind: file_kind(file).unwrap_or(FileKind::Profile),
                first: None,
            };
            return self.file_line(i, &ctx, number, rest);
        }
        if let Some(ctx) = self.file.clone() {
            if let Some((n, rest)) = numbered(line) {
                return self.file_line(i, &ctx, Some(n), rest);
            }
            let number = ctx.first.map(|first| i + 1 - first);
            if let Some(used) = self.in_file(i, &ctx, number, line) {
                return used;
            }
        }
        if let Some((kind, said)) = claude::line(line, self.mode == Mode::AuthText) {
            self.file = None;
            self.block(kind, None, None, i, i);
            for said in said {
                if let Said::Version(version) = said {
                    self.out.claude_version = Some(version);
                    continue;
                }
                let origin = self.origin(kind, None, None, None, i);
                self.evidence(said, origin);
            }
            return 1;
        }
        if let Some(version) = claude_version(line) {
            self.out.claude_version = Some(version.to_string());
            self.block(BlockKind::ClaudeVersion, None, None, i, i);
            return 1;
        }
        self.loose_line(i, line)
    }

    /// A prompt line: sets what the following output is, or is itself an assignment.
    fn command(&mut self, i: usize, cmd: &str) -> usize {
        self.file = None;
        self.mode = Mode::Plain;
        let words: Vec<&str> = cmd.split_whitespace().collect();
        let first = words
            .first()
            .map(|w| w.to_ascii_lowercase())
            .unwrap_or_default();
        let args: Vec<&str> = words[1..]
            .iter()
            .copied()
            .filter(|w| !w.starts_with('-'))
            .collect();
        match first.as_str() {
            "cat" | "type" | "get-content" | "gc" | "bat" | "less" | "more" | "head" | "tail"
            | "nl" | "jq" => {
                let paths: Vec<&str> = args.iter().filter_map(|a| known_path(a)).collect();
                if let [path] = paths.as_slice() {
                    let whole = matches!(first.as_str(), "cat" | "type" | "get-content" | "gc");
                    self.open_file(path, whole.then_some(i + 1));
                }
            }
            "grep" | "egrep" | "rg" | "findstr" | "select-string" | "sls" => {
                let paths: Vec<&str> = args.iter().filter_map(|a| known_path(a)).collect();
                if let [path] = paths.as_slice() {
                    self.open_file(path, None);
                }
            }
            "echo" | "printenv" => {
                let target = words.get(1).map(|w| {
                    w.trim_matches(|c| matches!(c, '"' | '\'' | '%' | '{' | '}'))
                        .trim_start_matches('$')
                        .trim_start_matches("env:")
                        .trim_matches(|c| matches!(c, '{' | '}'))
                });
                if let Some(name) = target.and_then(tracked) {
                    if words.len() == 2 {
                        self.mode = Mode::Echo(name);
                    }
                }
            }
            "claude" if words.contains(&"--text") => self.mode = Mode::AuthText,
            _ if first.starts_with("$env:") && !cmd.contains('=') => {
                if let Some(name) = tracked(&words[0][5..]) {
                    self.mode = Mode::Echo(name);
                }
            }
            _ => {
                let next = self.next_lines(i);
                if let Some(a) = assignment(cmd, &next, false) {
                    let origin = self.origin(BlockKind::ShellLines, None, None, None, i);
                    self.block(BlockKind::ShellLines, None, None, i, i + a.extra_lines);
                    self.entry(a.name, a.raw, Layer::Shell, Authority::Typed, origin);
                    return 1 + a.extra_lines;
                }
            }
        }
        1
    }

    /// A line that a `grep` prefix or a line number ties to a file.
    fn file_line(&mut self, i: usize, ctx: &FileCtx, number: Option<usize>, rest: &str) -> usize {
        self.in_file(i, ctx, number, rest).unwrap_or(1)
    }

    /// A line of a known file.
    fn in_file(
        &mut self,
        i: usize,
        ctx: &FileCtx,
        number: Option<usize>,
        line: &str,
    ) -> Option<usize> {
        let next = self.next_lines(i);
        match ctx.kind {
            FileKind::Profile | FileKind::DotEnv => {
                let dotenv = ctx.kind == FileKind::DotEnv;
                let t = line.trim_start();
                if t.starts_with('#') || t.starts_with("//") {
                    return Some(1);
                }
                let a = match assignment(line, &next, dotenv) {
                    Some(a) => a,
                    None if dotenv => {
                        // A .env value is not shell-quoted when it has no quotes: take the rest of the line.
                        let (name, after) = ident(t.strip_prefix("export ").unwrap_or(t))?;
                        let name = tracked(name)?;
                        let w = values::dotenv_value(after.strip_prefix('=')?, &next);
                        done(name, w, true)
                    }
                    None => return self.file_may_continue(line),
                };
                if !a.exported && !dotenv {
                    return Some(1);
                }
                let kind = if dotenv {
                    BlockKind::DotEnv
                } else {
                    BlockKind::ShellProfile
                };
                let origin = self.origin(kind, Some(ctx.path.clone()), number, None, i);
                self.block(kind, Some(ctx.path.clone()), None, i, i + a.extra_lines);
                self.entry(a.name, a.raw, Layer::Shell, Authority::StartupFile, origin);
                Some(1 + a.extra_lines)
            }
            FileKind::Settings(scope) => {
                // A fragment of a settings file that is not whole JSON: `"NAME": "value",` lines.
                let (key, raw) = json_member(line)?;
                let origin = self.origin(
                    BlockKind::Settings,
                    Some(ctx.path.clone()),
                    number,
                    scope,
                    i,
                );
                self.block(BlockKind::Settings, Some(ctx.path.clone()), scope, i, i);
                self.entry(key, raw, Layer::Settings(scope), Authority::Listing, origin);
                Some(1)
            }
            FileKind::StoredLogin => None,
        }
    }

    /// A line in a profile that sets nothing: the file goes on, unless the line is clearly something else.
    fn file_may_continue(&mut self, line: &str) -> Option<usize> {
        let other = line.starts_with("declare -x")
            || claude::is_row(line)
            || powershell_table_header(line)
            || line.starts_with('{');
        if other {
            self.file = None;
            return None;
        }
        Some(1)
    }

    /// A line outside any file.
    fn loose_line(&mut self, i: usize, line: &str) -> usize {
        let next = self.next_lines(i);
        if powershell_table_header(line) {
            self.mode = Mode::PowershellTable;
            self.block(BlockKind::PowershellEnv, None, None, i, i);
            return 1;
        }
        match self.mode {
            Mode::PowershellTable => {
                if line.bytes().all(|b| b == b'-' || b == b' ') {
                    return 1;
                }
                if let Some((name, rest)) = ident(line) {
                    if rest.starts_with(char::is_whitespace) {
                        self.block(BlockKind::PowershellEnv, None, None, i, i);
                        if let Some(name) = tracked(name) {
                            let origin = self.origin(BlockKind::PowershellEnv, None, None, None, i);
                            self.entry(
                                name,
                                values::classify(rest.trim().to_string()),
                                Layer::Shell,
                                Authority::Listing,
                                origin,
                            );
                        }
                        return 1;
                    }
                }
                self.mode = Mode::Plain;
            }
            Mode::PowershellList(pending) => {
                if let Some(value) = list_field(line, "Value") {
                    if let Some(name) = pending {
                        let origin = self.origin(BlockKind::PowershellEnv, None, None, None, i);
                        self.entry(
                            name,
                            values::classify(value.to_string()),
                            Layer::Shell,
                            Authority::Listing,
                            origin,
                        );
                    }
                    self.block(BlockKind::PowershellEnv, None, None, i, i);
                    self.mode = Mode::PowershellList(None);
                    return 1;
                }
            }
            _ => {}
        }
        if let Some(name) = list_field(line, "Name") {
            self.mode = Mode::PowershellList(tracked(name));
            self.block(BlockKind::PowershellEnv, None, None, i, i);
            return 1;
        }
        if let Some(a) = assignment(line, &next, false) {
            let kind = if line.starts_with("declare ") || line.starts_with("typeset ") {
                BlockKind::ExportListing
            } else {
                BlockKind::ShellLines
            };
            let authority = if kind == BlockKind::ExportListing {
                Authority::Listing
            } else {
                Authority::Typed
            };
            let origin = self.origin(kind, None, None, None, i);
            self.block(kind, None, None, i, i + a.extra_lines);
            self.entry(a.name, a.raw, Layer::Shell, authority, origin);
            return 1 + a.extra_lines;
        }
        if let Some((name, rest)) = ident(line) {
            if let Some(value) = rest.strip_prefix('=') {
                // `env`, `printenv`, cmd `set`: the raw value; a value broken over lines continues on lines that
                // are one bare word.
                self.block(BlockKind::EnvListing, None, None, i, i);
                if let Some(name) = tracked(name) {
                    let mut value = value.to_string();
                    let mut used = 1;
                    if order::is_secret(name) {
                        while let Some(more) = self.lines.get(i + used) {
                            if used > 4
                                || more.is_empty()
                                || more.contains(['=', ' ', ':'])
                                || ident(more).is_some_and(|(n, r)| {
                                    r.is_empty()
                                        && n.len() == more.len()
                                        && n.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
                                })
                            {
                                break;
                            }
                            value.push('\n');
                            value.push_str(more);
                            used += 1;
                        }
                    }
                    let origin = self.origin(BlockKind::EnvListing, None, None, None, i);
                    self.entry(
                        name,
                        values::classify(value),
                        Layer::Shell,
                        Authority::Listing,
                        origin,
                    );
                    return used;
                }
                return 1;
            }
            if let Some(name) = tracked(name) {
                // `NAME: sk-ant-...<last 20>` under Claude Code's approval prompt: the key is there, shown masked
                // (the prompt's own line already says so), whatever layer it comes from.
                if rest.starts_with(':') {
                    self.block(BlockKind::ClaudeMessage, None, None, i, i);
                    return 1;
                }
                // fish `set -x` output: `NAME value`.
                if rest.starts_with(char::is_whitespace) {
                    let origin = self.origin(BlockKind::FishVariables, None, None, None, i);
                    self.block(BlockKind::FishVariables, None, None, i, i);
                    self.entry(
                        name,
                        values::fish_words(rest).into_raw(),
                        Layer::Shell,
                        Authority::Listing,
                        origin,
                    );
                    return 1;
                }
            }
        }
        if let Some((key, raw)) = json_member(line) {
            // A settings fragment without its file.
            let origin = self.origin(BlockKind::Settings, None, None, None, i);
            self.block(BlockKind::Settings, None, None, i, i);
            self.entry(key, raw, Layer::Settings(None), Authority::Listing, origin);
        }
        1
    }

    /// Collects a JSON block from line `i`; `None` when it does not balance or parse.
    fn json_block(&mut self, i: usize) -> Option<usize> {
        let (mut depth, mut in_str, mut escaped) = (0i64, false, false);
        let mut text = String::new();
        let mut end = None;
        let limit = self.lines.len().min(i + MAX_JSON_LINES);
        let mut j = i;
        while j < limit {
            let l = &self.lines[j];
            text.push_str(l);
            text.push('\n');
            for b in l.bytes() {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' if in_str => escaped = true,
                    b'"' => in_str = !in_str,
                    b'{' | b'[' if !in_str => depth += 1,
                    b'}' | b']' if !in_str => depth -= 1,
                    _ => {}
                }
            }
            if depth <= 0 {
                end = Some(j);
                break;
            }
            if text.len() > MAX_JSON_BYTES {
                break;
            }
            j += 1;
        }
        let parsed = end.and_then(|_| serde_json::from_str::<serde_json::Value>(&text).ok());
        let (Some(end), Some(serde_json::Value::Object(obj))) = (end, parsed) else {
            self.no_json_until = j + 1;
            return None;
        };
        let settings_ctx = match &self.file {
            Some(FileCtx {
                kind: FileKind::Settings(scope),
                path,
                ..
            }) => Some((path.clone(), *scope)),
            _ => None,
        };
        if obj.contains_key("loggedIn") || obj.contains_key("authMethod") {
            self.block(BlockKind::AuthStatusJson, None, None, i, end);
            for said in claude::auth_json(&obj) {
                let origin = self.origin(BlockKind::AuthStatusJson, None, None, None, i);
                self.evidence(said, origin);
            }
            self.file = None;
        } else if obj.contains_key("claudeAiOauth")
            || obj.contains_key("oauthAccount")
            || obj.contains_key("primaryApiKey")
        {
            let file = self.file.as_ref().map(|f| f.path.clone());
            let origin = self.origin(BlockKind::StoredLogin, file.clone(), None, None, i);
            self.block(BlockKind::StoredLogin, file, None, i, end);
            self.evidence(Said::Present(SourceCode::Login), origin);
            self.file = None;
        } else if settings_ctx.is_some()
            || obj.get("env").is_some_and(|e| e.is_object())
            || obj.contains_key(HELPER)
        {
            let (file, scope) = settings_ctx.unzip();
            let scope = scope.flatten();
            self.settings(i, end, file, scope, &obj);
            self.file = None;
        }
        Some(end - i + 1)
    }

    /// The `env` block and `apiKeyHelper` of a parsed settings file.
    fn settings(
        &mut self,
        i: usize,
        end: usize,
        file: Option<String>,
        scope: Option<SettingsScope>,
        obj: &serde_json::Map<String, serde_json::Value>,
    ) {
        let kind = BlockKind::Settings;
        self.block(kind, file.clone(), scope, i, end);
        let mut members: Vec<(&'static str, &serde_json::Value)> = Vec::new();
        if let Some(serde_json::Value::Object(env)) = obj.get("env") {
            members.extend(
                env.iter()
                    .filter_map(|(k, v)| tracked(k).filter(|n| *n != HELPER).map(|n| (n, v))),
            );
        }
        if let Some(helper) = obj.get(HELPER) {
            members.push((HELPER, helper));
        }
        for (name, value) in members {
            let raw = match value {
                serde_json::Value::String(s) => values::classify(s.clone()),
                serde_json::Value::Null => continue,
                other => values::classify(other.to_string()),
            };
            let origin = self.origin(kind, file.clone(), None, scope, i);
            self.entry(
                name,
                raw,
                Layer::Settings(scope),
                Authority::Listing,
                origin,
            );
        }
    }

    fn report_header(&mut self, i: usize, header: report::Header) {
        self.file = None;
        match header {
            report::Header::Start => {
                self.mode = Mode::Report(report::Section::Preamble);
                self.block(BlockKind::PreflightReport, None, None, i, i);
            }
            report::Header::End => {
                self.mode = Mode::Plain;
                self.block(BlockKind::PreflightReport, None, None, i, i);
            }
            report::Header::Section(section, file) => {
                self.mode = Mode::Report(section);
                self.report_file = file;
                self.block(BlockKind::PreflightReport, None, None, i, i);
            }
        }
    }

    /// A line of the pre-flight report; `None` leaves it to the general recognisers (JSON, version lines).
    fn report_line(&mut self, i: usize, section: report::Section) -> Option<usize> {
        let line = self.lines[i].as_str();
        let parsed = report::line(section, line)?;
        self.block(BlockKind::PreflightReport, None, None, i, i);
        if let report::Line::Variable {
            name,
            raw,
            file,
            line: number,
        } = parsed
        {
            let (layer, authority, file, scope) = match section {
                report::Section::Settings(scope) => (
                    Layer::Settings(scope),
                    Authority::Listing,
                    self.report_file.clone(),
                    scope,
                ),
                report::Section::Profiles => (Layer::Shell, Authority::StartupFile, file, None),
                _ => (Layer::Shell, Authority::Listing, None, None),
            };
            let origin = self.origin(BlockKind::PreflightReport, file, number, scope, i);
            self.entry(name, raw, layer, authority, origin);
        }
        Some(1)
    }
}

/// The version in `claude --version` output (`2.1.332 (Claude Code)`) or the start-up banner
/// (`Claude Code v2.1.332`).
fn claude_version(line: &str) -> Option<&str> {
    let version = match line.split_once(' ') {
        Some((v, rest)) if rest.trim() == "(Claude Code)" => v,
        _ => {
            let at = line.find("Claude Code v")?;
            let rest = &line[at + "Claude Code v".len()..];
            rest.split_whitespace().next()?
        }
    };
    let ok = version.len() <= 20
        && version.starts_with(|c: char| c.is_ascii_digit())
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    ok.then_some(version)
}

/// `Name  Value` (a PowerShell table header).
fn powershell_table_header(line: &str) -> bool {
    let mut words = line.split_whitespace();
    words.next() == Some("Name") && words.next() == Some("Value") && words.next().is_none()
}

/// `Field : value` of a PowerShell list (`Name  : ANTHROPIC_API_KEY`).
fn list_field<'l>(line: &'l str, field: &str) -> Option<&'l str> {
    let rest = line.strip_prefix(field)?;
    let rest = rest.trim_start().strip_prefix(':')?;
    Some(rest.trim())
}

/// `"NAME": "value",` for a tracked name (a settings fragment), with the JSON string decoded.
fn json_member(line: &str) -> Option<(&'static str, Raw)> {
    let t = line.trim().trim_end_matches(',');
    let rest = t.strip_prefix('"')?;
    let (key, rest) = rest.split_once('"')?;
    let name = tracked(key)?;
    let value = rest.trim_start().strip_prefix(':')?.trim();
    let raw = match serde_json::from_str::<serde_json::Value>(value).ok()? {
        serde_json::Value::String(s) => values::classify(s),
        serde_json::Value::Null => return None,
        other => values::classify(other.to_string()),
    };
    Some((name, raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_kinds_and_scopes() {
        let scope = |p: &str| match file_kind(p) {
            Some(FileKind::Settings(s)) => s,
            other => panic!("{p}: {other:?}"),
        };
        assert_eq!(scope("~/.claude/settings.json"), Some(SettingsScope::User));
        assert_eq!(
            scope("/home/ann/.claude/settings.json"),
            Some(SettingsScope::User)
        );
        assert_eq!(
            scope("/Users/ann/.claude/settings.json"),
            Some(SettingsScope::User)
        );
        assert_eq!(
            scope(r"C:\Users\ann\.claude\settings.json"),
            Some(SettingsScope::User)
        );
        assert_eq!(scope(".claude/settings.json"), Some(SettingsScope::Project));
        assert_eq!(
            scope("/home/ann/work/app/.claude/settings.json"),
            Some(SettingsScope::Project)
        );
        assert_eq!(
            scope("app/.claude/settings.local.json"),
            Some(SettingsScope::Local)
        );
        assert_eq!(
            scope("/etc/claude-code/managed-settings.json"),
            Some(SettingsScope::Managed)
        );
        assert_eq!(file_kind("~/.zshrc"), Some(FileKind::Profile));
        assert_eq!(file_kind(".env.local"), Some(FileKind::DotEnv));
        assert_eq!(file_kind("notes.txt"), None);
    }

    #[test]
    fn prompts_and_commands() {
        assert_eq!(command_of("$ env"), Some("env"));
        assert_eq!(
            command_of("ann@box:~/app$ cat ~/.zshrc"),
            Some("cat ~/.zshrc")
        );
        assert_eq!(
            command_of("PS C:\\Users\\ann> Get-ChildItem Env:"),
            Some("Get-ChildItem Env:")
        );
        assert_eq!(command_of("C:\\Users\\ann>set"), Some("set"));
        assert_eq!(
            command_of("% claude auth status"),
            Some("claude auth status")
        );
        assert_eq!(command_of("# a comment"), None);
        assert_eq!(
            command_of("ann@mac ~ % claude auth status --text"),
            Some("claude auth status --text")
        );
        assert_eq!(
            command_of("root@box:~# cat /etc/claude-code/managed-settings.json"),
            Some("cat /etc/claude-code/managed-settings.json")
        );
        assert_eq!(command_of("➜  app git:(main) cat .env"), Some("cat .env"));
        // Comments and redirections inside content are not prompts.
        assert_eq!(command_of("export A=1 # set by the installer"), None);
        assert_eq!(command_of("echo x > env"), None);
        assert_eq!(command_of("export A=1"), None);
    }

    #[test]
    fn assignments_in_every_shell() {
        let a = |l: &str| assignment(l, &[], true).map(|a| (a.name, a.raw));
        let full = |v: &str| Raw::Full(v.to_string());
        assert_eq!(
            a("export ANTHROPIC_API_KEY=\"abc\""),
            Some(("ANTHROPIC_API_KEY", full("abc")))
        );
        assert_eq!(
            a("declare -x ANTHROPIC_AUTH_TOKEN=\"t\""),
            Some(("ANTHROPIC_AUTH_TOKEN", full("t")))
        );
        assert_eq!(
            a("set -gx ANTHROPIC_API_KEY 'k'"),
            Some(("ANTHROPIC_API_KEY", full("k")))
        );
        assert_eq!(
            a("set -Ux CLAUDE_CODE_OAUTH_TOKEN k"),
            Some(("CLAUDE_CODE_OAUTH_TOKEN", full("k")))
        );
        assert_eq!(a("set -e ANTHROPIC_API_KEY"), None);
        assert_eq!(
            a("SETUVAR --export ANTHROPIC_API_KEY:k"),
            Some(("ANTHROPIC_API_KEY", full("k")))
        );
        assert_eq!(
            a("$env:ANTHROPIC_API_KEY = \"k\""),
            Some(("ANTHROPIC_API_KEY", full("k")))
        );
        assert_eq!(
            a("[Environment]::SetEnvironmentVariable('ANTHROPIC_API_KEY', 'k', 'User')"),
            Some(("ANTHROPIC_API_KEY", full("k")))
        );
        assert_eq!(
            a("setx ANTHROPIC_API_KEY \"k\""),
            Some(("ANTHROPIC_API_KEY", full("k")))
        );
        assert_eq!(
            a("set ANTHROPIC_API_KEY=k"),
            Some(("ANTHROPIC_API_KEY", full("k")))
        );
        assert_eq!(
            a("setenv ANTHROPIC_BASE_URL http://x"),
            Some(("ANTHROPIC_BASE_URL", full("http://x")))
        );
        assert_eq!(
            a("export ANTHROPIC_API_KEY=$(op read x)"),
            Some(("ANTHROPIC_API_KEY", Raw::Computed))
        );
        assert_eq!(a("export PATH=/bin"), None);
        assert!(assignment("ANTHROPIC_API_KEY=k", &[], false).is_none());
    }

    #[test]
    fn grep_and_numbered_lines() {
        assert_eq!(
            grep_prefixed("~/.zshrc:12:export A=1"),
            Some(("~/.zshrc", Some(12), "export A=1"))
        );
        assert_eq!(
            grep_prefixed("/home/a/.bashrc:export A=1"),
            Some(("/home/a/.bashrc", None, "export A=1"))
        );
        assert_eq!(
            grep_prefixed(r"C:\Users\a\.env:3:A=1"),
            Some((r"C:\Users\a\.env", Some(3), "A=1"))
        );
        assert_eq!(grep_prefixed("Login method: Claude"), None);
        assert_eq!(numbered("12:export A=1"), Some((12, "export A=1")));
        assert_eq!(numbered("12\texport A=1"), Some((12, "export A=1")));
        assert_eq!(numbered("2.1.332 (Claude Code)"), None);
    }
}
