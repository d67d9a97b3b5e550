#!/usr/bin/env fish
# claude-preflight.fish: checks the credential Claude Code would use in this shell, before a long session or in CI.
# Made by Claude Code auth doctor for fish. Intended method: @@INTENDED_NAME@@.
# It holds no secret and never prints one: values appear masked (known prefix, last four characters, length).
#
#   fish claude-preflight.fish           one verdict line on standard output, and the exit status:
#                                        0 ready, 1 the credential was rejected, 2 a local problem found before
#                                        any call, 3 the API could not be reached or did not answer as the API
#   fish claude-preflight.fish --report  a masked report to paste into the auth doctor ("What your machine shows")
#
# It ranks credentials the way Claude Code does: @@ORDER@@.
# Sources: the environment; the settings files' "env" blocks and apiKeyHelper (user: $CLAUDE_CONFIG_DIR or
# ~/.claude; project: ./.claude, so run it from the project root; managed), a settings value beating the shell's
# and "" cancelling it. The API check is the free GET $ANTHROPIC_BASE_URL/v1/models (@@DEFAULT_URL@@ when unset).
# A /login, a setup-token and a profile are checked with `claude auth status` (given the settings files' "env"
# values, as a session here has them), which does not ask the server.
# Limits: settings are read with awk (string values of one "env" object), not a full JSON parser; apiKeyHelper is
# run as Claude Code runs it (sh -c); the time limit is CLAUDE_PREFLIGHT_TIMEOUT seconds (default 15) per step.
set -e fish_trace
set -gx LC_ALL C
umask 077

set -g pf_intended '@@INTENDED@@'
set -g pf_team_url '@@TEAM_URL@@'
set -g pf_vars @@VARS@@
set -g pf_secrets @@SECRETS@@
set -g pf_limit 15
if set -q CLAUDE_PREFLIGHT_TIMEOUT; and string match -qr '^[0-9]+$' -- "$CLAUDE_PREFLIGHT_TIMEOUT"
    set pf_limit $CLAUDE_PREFLIGHT_TIMEOUT
end
set -g pf_tmp (mktemp -d 2>/dev/null; or begin
        set -l d (set -q TMPDIR; and echo $TMPDIR; or echo /tmp)/claude-preflight.$fish_pid
        mkdir $d; and echo $d
    end)
# Watches a command (pid $2) for at most $1 seconds, checking every second; when the time is up it leaves the file $3
# and stops the command with SIGKILL; it ends by itself once the command has.
set -g pf_watch '@@WATCH@@'
# Runs "$@" with its input closed and its errors discarded for at most $1 seconds under that watcher, in sh (fish's
# own wait does not report a status); $2/timeout tells a timeout. sh's $0 carries the watcher's program.
set -g pf_bounded 'limit=$1; dir=$2; shift 2; rm -f "$dir/timeout"; "$@" </dev/null 2>/dev/null & p=$!; sh -c "$0" sh "$limit" "$p" "$dir/timeout" </dev/null >/dev/null 2>&1 & wait "$p" 2>/dev/null'
set -g pf_awk '@@AWK@@'

function pf_cleanup --on-event fish_exit
    rm -rf $pf_tmp
end

function pf_verdict -a code word text
    printf 'claude-preflight: %s: %s\n' $word $text
    exit $code
end

function pf_truthy -a value
    contains -- (string lower -- "$value") 1 true yes on
end

function pf_home -a path
    if string match -q -- "$HOME/*" $path
        printf '~/%s' (string sub -s (math (string length -- "$HOME") + 2) -- $path)
    else
        printf '%s' $path
    end
end

# Runs a command with its input closed, output in $pf_tmp/out, for at most $pf_limit seconds.
function pf_run
    sh -c $pf_bounded $pf_watch $pf_limit $pf_tmp $argv >$pf_tmp/out
    set -g pf_rc $status
    set -g pf_timed_out 0
    test -f $pf_tmp/timeout; and set -g pf_timed_out 1
end

# The settings files, lowest precedence first: "SCOPE PATH" lines.
function pf_settings_files
    set -l user_dir $HOME/.claude
    set -q CLAUDE_CONFIG_DIR; and set user_dir $CLAUDE_CONFIG_DIR
    printf 'user %s\n' $user_dir/settings.json
    printf 'project %s\n' $PWD/.claude/settings.json
    printf 'local %s\n' $PWD/.claude/settings.local.json
    printf 'managed %s\n' '/Library/Application Support/ClaudeCode/managed-settings.json'
    printf 'managed %s\n' /etc/claude-code/managed-settings.json
end

# Prints "NAME<TAB>FLAGS<TAB>VALUE" for each tracked "env" member and apiKeyHelper of a settings file.
function pf_settings -a file
    for line in (awk $pf_awk $file 2>/dev/null)
        set -l parts (string split -m 2 \t -- $line)
        contains -- $parts[1] $pf_vars apiKeyHelper; and printf '%s\n' $line
    end
end

function pf_load_settings
    for entry in (pf_settings_files)
        set -l file (string split -m 1 ' ' -- $entry)[2]
        test -r $file; or continue
        for line in (pf_settings $file)
            set -l parts (string split -m 2 \t -- $line)
            set -g pfs_$parts[1] $parts[3]
            set -g pff_$parts[1] $parts[2]
            set -g pfw_$parts[1] $file
        end
    end
end

# The value Claude Code sees for a variable or apiKeyHelper: pf_set, pf_v, pf_where, pf_flags, pf_from_settings.
function pf_lookup -a name
    if set -q pfs_$name
        set -l v pfs_$name
        set -l f pff_$name
        set -l w pfw_$name
        set -g pf_v "$$v"
        set -g pf_flags "$$f"
        set -g pf_where (pf_home "$$w")
        set -g pf_set 1
        set -g pf_from_settings 1
        return
    end
    set -g pf_from_settings 0
    set -g pf_flags ''
    set -g pf_v ''
    set -g pf_set 0
    set -g pf_where ''
    test $name = apiKeyHelper; and return
    if set -q $name
        set -g pf_v "$$name"
        set -g pf_set 1
        set -g pf_where 'the environment'
    end
end

# Exports the settings files' "env" values ("" as an empty variable, which Claude Code skips like a cancelled one)
# for `claude auth status`, which does not read the project's settings (Claude Code 2.1.332) while a session here
# does. Called only just before the script ends.
function pf_settings_env
    for name in $pf_vars
        set -q pfs_$name; or continue
        set -l v pfs_$name
        set -gx $name "$$v"
    end
end

function pf_add -a code why
    contains -- $code $pf_codes; and return
    set -g -a pf_codes $code
    set -g -a pf_whys $why
end

function pf_wrong -a why
    set -g pf_wrong 1
    set -g -a pf_whys $why
end

# What makes a value unusable in a variable: pf_codes (key-check finding codes), pf_wrong (1 for the wrong kind of
# credential) and pf_whys (plain words).
function pf_damage -a value name flags
    set -g pf_codes
    set -g pf_whys
    set -g pf_wrong 0
    string match -q '*n*' -- "$flags"; and pf_add line-break 'a line break inside it'
    string match -qr '[\r\n]' -- "$value"; and pf_add line-break 'a line break inside it'
    string match -qr '^\s|\s$' -- "$value"; and pf_add surrounding-whitespace 'spaces around it'
    string match -q '*q*' -- "$flags"; and pf_add quotes 'quotes in it'
    string match -qr '["\x27]' -- "$value"; and pf_add quotes 'quotes in it'
    string match -q '*u*' -- "$flags"; and pf_add invisible-char 'an invisible or control character'
    string match -qr '[^\x21-\x7e]' -- "$value"; and pf_add invisible-char 'an invisible, control or non-ASCII character'
    string match -qr '\.\.\.|\*\*\*' -- "$value"; and pf_add masked 'a masked copy, not the value'
    switch "$name:$value"
        case 'ANTHROPIC_API_KEY:sk-ant-oat*'
            pf_wrong 'an OAuth token, which belongs in CLAUDE_CODE_OAUTH_TOKEN'
        case '*:sk-ant-ort*' '*:sk-ant-sid*' '*:sk-ant-admin*'
            pf_wrong 'a credential that is never sent (a refresh token, a session cookie or an Admin key)'
        case 'CLAUDE_CODE_OAUTH_TOKEN:sk-ant-oat01-*'
        case 'CLAUDE_CODE_OAUTH_TOKEN:*'
            pf_wrong 'something other than an OAuth token from claude setup-token'
        case 'ANTHROPIC_AUTH_TOKEN:sk-ant-api*'
            test $pf_anthropic = 1; and pf_wrong 'a Console API key, which api.anthropic.com does not take as Bearer; it belongs in ANTHROPIC_API_KEY'
        case 'ANTHROPIC_API_KEY:sk-ant-api03-*'
            if test $pf_anthropic = 1; and not set -q pf_codes[1]; and test (string length -- "$value") -ne 108
                pf_add truncated 'not the 108 characters of a Console API key'
            end
    end
end

# A masked form for the report: known prefix, "...", last four, length, problems.
function pf_mask -a value name flags
    set -l prefix ''
    set -l tag (string match -r '^sk-ant-([a-z0-9]{1,8})-' -- "$value")
    set -q tag[2]; and set prefix "sk-ant-$tag[2]-"
    set -l last ''
    set -l n (string length -- "$value")
    if test $n -ge 16
        set last (string sub -s -4 -- "$value")
        string match -qr '^[A-Za-z0-9_-]{4}$' -- "$last"; or set last ''
    end
    pf_damage "$value" $name "$flags"
    set -l note "$n chars"
    set -q pf_codes[1]; and set note "$note; "(string join ', ' $pf_codes)
    if test -n "$prefix$last"
        printf '%s...%s (%s)' "$prefix" "$last" "$note"
    else
        printf '(%s)' "$note"
    end
end

# How a value appears in the report: "" when empty, masked when secret, else as it is (a URL without its password).
function pf_shown -a value name flags
    if test -z "$value"
        printf '""'
    else if contains -- $name $pf_secrets
        pf_mask "$value" $name "$flags"
    else
        printf '%s' (string replace -r '^([a-z]+://)[^/@]*@' '$1' -- "$value")
    end
end

function pf_report_profiles
    set -l names (string join '|' $pf_vars)
    for file in $HOME/.zshenv $HOME/.zprofile $HOME/.zshrc $HOME/.zlogin $HOME/.bashrc $HOME/.bash_profile \
            $HOME/.bash_login $HOME/.profile $HOME/.config/fish/config.fish $HOME/.config/fish/conf.d/*.fish \
            $HOME/.config/fish/fish_variables $PWD/.envrc $PWD/.env $PWD/.env.local
        test -r $file; or continue
        set -l pattern "^[[:space:]]*(export[[:space:]]+|set[[:space:]]+-[A-Za-z]*x[A-Za-z]*[[:space:]]+|setenv[[:space:]]+|SETUVAR[[:space:]]+--export[[:space:]]+)($names)([=:[:space:]]|\$)"
        string match -q -- '*/.env*' $file; and not string match -q -- '*/.envrc' $file
        and set pattern "^[[:space:]]*(export[[:space:]]+)?($names)="
        for match in (grep -nE $pattern $file 2>/dev/null)
            set -l number (string split -m 1 : -- $match)[1]
            set -l text (string split -m 1 : -- $match)[2]
            for name in $pf_vars
                set -l found (string match -r -- '(?:^|[^A-Za-z0-9_])'$name'[=:\s]\s*(.*)$' $text)
                set -q found[1]; or continue
                set -l v "$found[2]"
                if string match -q -- '"*' $v
                    set v (string split -m 1 '"' -- (string sub -s 2 -- $v))[1]
                else if string match -q -- "'*" $v
                    set v (string split -m 1 "'" -- (string sub -s 2 -- $v))[1]
                else
                    set v (string match -r -- '^[^\s;#]*' $v)
                end
                if string match -qr '[$`]' -- "$v"
                    set v '(computed)'
                else
                    set v (pf_shown "$v" $name '')
                end
                printf '%s:%s: %s=%s\n' (pf_home $file) $number $name $v
                break
            end
        end
    end
end

function pf_report
    printf '%s\n' '== claude-preflight report ==' 'shell: fish' "intended: $pf_intended" '== environment =='
    for name in $pf_vars
        set -q $name; or continue
        printf '%s=%s\n' $name (pf_shown "$$name" $name '')
    end
    for entry in (pf_settings_files)
        set -l parts (string split -m 1 ' ' -- $entry)
        test -r $parts[2]; or continue
        printf '== settings %s %s ==\n' $parts[1] (pf_home $parts[2])
        for line in (pf_settings $parts[2])
            set -l field (string split -m 2 \t -- $line)
            if test $field[1] = apiKeyHelper
                if test -z "$field[3]"
                    printf 'apiKeyHelper=""\n'
                else
                    printf 'apiKeyHelper=(%s chars)\n' (string length -- "$field[3]")
                end
            else
                printf 'env.%s=%s\n' $field[1] (pf_shown "$field[3]" $field[1] "$field[2]")
            end
        end
    end
    printf '%s\n' '== profile lines =='
    pf_report_profiles
    printf '%s\n' '== claude --version =='
    if command -q claude
        pf_run claude --version
        head -n 1 $pf_tmp/out
        printf '%s\n' '== claude auth status =='
        pf_settings_env
        pf_run claude auth status
        cat $pf_tmp/out
        if test $pf_timed_out = 1
            printf '(no answer within %ss)\n' $pf_limit
        else
            printf '(exit %s)\n' $pf_rc
        end
    else
        printf '%s\n' '(claude not found on PATH)'
    end
    printf '%s\n' '== end of report =='
end

# Sends the credential in the given header lines to GET $pf_base/v1/models (curl reads them from its standard
# input, so they never appear on a command line) and exits with the verdict.
function pf_call -a headers
    command -q curl; or pf_verdict 2 'local problem' 'curl is needed for the API check and is not on PATH'
    set -l what "$pf_win_name from $pf_win_where$pf_note"
    printf '' >$pf_tmp/body
    set -l http (printf '%s\nanthropic-version: 2023-06-01\n' $headers | curl -sS --max-time $pf_limit -H @- -o $pf_tmp/body -w '%{http_code}' "$pf_base/v1/models" 2>$pf_tmp/err)
    set -l curl_status $status
    if test $curl_status -eq 28
        pf_verdict 3 unreachable "no answer from $pf_base within $pf_limit""s ($what not checked)"
    else if test $curl_status -ne 0
        pf_verdict 3 unreachable "cannot reach $pf_base to check $what ("(head -n 1 $pf_tmp/err | cut -c1-160)")"
    end
    set -l body (dd bs=4096 count=1 <$pf_tmp/body 2>/dev/null | tr -d '\r\n' | string collect)
    set -l json 0
    string match -qr '^\s*\{' -- "$body"; and set json 1
    set -l msg (string match -r '"message"\s*:\s*"([^"]*)"' -- "$body")[2]
    set msg (string sub -l 200 -- "$msg")
    string match -q -- "*$pf_secret*" "$msg"; and set msg '(message hidden: it repeats the credential)'
    set -l with_msg ''
    test -n "$msg"; and set with_msg " $msg"
    if string match -qr '^2' -- $http
        if test $json = 1; and string match -q -- '*"data"*' "$body"
            pf_verdict 0 ready "$what accepted by $pf_base (GET /v1/models: $http)"
        end
        pf_verdict 3 unreachable "$pf_base answered $http but not as the API (no models list: a captive portal, a proxy page or a wrong base URL?); $what not checked"
    end
    if contains -- $http 400 401 402 403; and test $json = 1
        pf_verdict 1 rejected "$pf_base refused $what ($http$with_msg)"
    end
    if test "$http" = 404; and test $json = 1; and string match -q -- '*"error"*' "$body"
        pf_verdict 1 rejected "$pf_base refused $what ($http$with_msg: a disabled key, or a wrong base URL path)"
    end
    set -l paren ''
    test -n "$msg"; and set paren " ($msg)"
    pf_verdict 3 unreachable "$pf_base answered $http, not as the API$paren (a proxy, a firewall, a gateway error or a wrong base URL?); $what not checked"
end

# Asks `claude auth status` and exits with the verdict.
function pf_login -a found checked
    command -q claude; or pf_verdict 2 'local problem' "$found, and `claude` is not on PATH to check a /login"
    pf_settings_env
    pf_run claude auth status
    test $pf_timed_out = 1; and pf_verdict 2 'local problem' "claude auth status did not answer within $pf_limit""s"
    set -l flat (string join '' (cat $pf_tmp/out) | string replace -ar '\s' '')
    set -l method (string match -r '"authMethod":"([^"]*)"' -- "$flat")[2]
    set -l in 0
    if string match -q -- '*"loggedIn":true*' "$flat"
        set in 1
    else if not string match -q -- '*"loggedIn":false*' "$flat"; and test $pf_rc = 0
        set in 1
    end
    test -n "$method"; or set method 'method not shown'
    test $in = 1; and pf_verdict 0 ready "claude auth status: logged in ($method) for $checked$pf_note; it does not check the login with the server"
    pf_verdict 2 'local problem' "$found; claude auth status: not logged in (run: claude auth login)"
end

pf_load_settings
pf_lookup ANTHROPIC_BASE_URL
set -g pf_base $pf_v
test -n "$pf_base"; or set pf_base $pf_team_url
test -n "$pf_base"; or set pf_base https://api.anthropic.com
set pf_base (string replace -r '/$' '' -- $pf_base)
set -g pf_anthropic 0
string match -qr '^https://api\.anthropic\.com(/|$)' -- $pf_base; and set pf_anthropic 1
test $pf_intended = gateway; and set pf_anthropic 0

switch "$argv[1]"
    case --report
        pf_report
        exit 0
    case ''
    case '*'
        printf '%s\n' 'usage: fish claude-preflight.fish [--report]' >&2
        exit 2
end

# An empty credential variable in the environment (a settings "" cancels on purpose and is fine).
for name in $pf_secrets
    pf_lookup $name
    if test $pf_set = 1; and test -z "$pf_v"; and test $pf_from_settings = 0
        pf_verdict 2 'local problem' "$name is set but empty (remove it, or set the value)"
    end
end

# The credential Claude Code would use: the first usable one in its order.
set -g pf_win ''
set -g pf_win_name ''
set -g pf_win_where ''
set -g pf_win_flags ''
set -g pf_secret ''
@@PICK@@
test -z "$pf_win"; and set pf_win login; and set pf_win_name /login

set -g pf_note ''
if not contains -- $pf_win @@INTENDED_CODES@@
    if contains -- $pf_win bedrock vertex foundry mantle anthropic-aws
        pf_verdict 2 'local problem' "$pf_win_name (from $pf_win_where) switches Claude Code to a cloud provider, not @@INTENDED_NAME@@; ANTHROPIC_* credentials and /login are then unused"
    end
    test $pf_intended = subscription; and pf_verdict 2 'local problem' "$pf_win_name (from $pf_win_where) would be used instead of your /login; remove it"
    set pf_note ", not @@INTENDED_NAME@@ as intended"
end

if contains -- $pf_win bedrock vertex foundry mantle anthropic-aws
    pf_verdict 0 ready "$pf_win_name (from $pf_win_where) selects a cloud provider; its credentials are not checked here"
end

# Two credentials that would both go out.
pf_lookup ANTHROPIC_API_KEY
set -l key_where $pf_where
if test -n "$pf_v"
    pf_lookup ANTHROPIC_AUTH_TOKEN
    test -n "$pf_v"; and pf_verdict 2 'local problem' "ANTHROPIC_AUTH_TOKEN (from $pf_where) and ANTHROPIC_API_KEY (from $key_where) are both set: keep one"
    pf_lookup apiKeyHelper
    test -n "$pf_v"; and pf_verdict 2 'local problem' "apiKeyHelper (in $pf_where) and ANTHROPIC_API_KEY (from $key_where) are both set: keep one"
end

switch $pf_win
    case api-key-helper
        pf_lookup apiKeyHelper
        set -g pf_secret (sh -c $pf_bounded $pf_watch $pf_limit $pf_tmp sh -c $pf_v | string collect)
        set -l helper_status $pipestatus[1]
        if test $helper_status -ne 0; or test -z "$pf_secret"
            pf_verdict 2 'local problem' "apiKeyHelper (in $pf_win_where) failed or printed nothing (exit $helper_status)"
        end
        pf_damage "$pf_secret" apiKeyHelper ''
        set -q pf_codes[1]; and pf_verdict 2 'local problem' "apiKeyHelper output has "(string join '; ' $pf_whys)" ("(string join ', ' $pf_codes)")"
        pf_call "x-api-key: $pf_secret"\n"Authorization: Bearer $pf_secret"
    case auth-token api-key oauth-token
        pf_damage "$pf_secret" $pf_win_name "$pf_win_flags"
        if set -q pf_codes[1]; or test $pf_wrong = 1
            set -l codes ''
            set -q pf_codes[1]; and set codes " ("(string join ', ' $pf_codes)")"
            pf_verdict 2 'local problem' "$pf_win_name (from $pf_win_where) has "(string join '; ' $pf_whys)"$codes"
        end
        switch $pf_win
            case auth-token
                pf_call "Authorization: Bearer $pf_secret"
            case api-key
                pf_call "x-api-key: $pf_secret"
            case '*'
                pf_login 'CLAUDE_CODE_OAUTH_TOKEN is well-formed' CLAUDE_CODE_OAUTH_TOKEN
        end
    case profile
        pf_login "$pf_win_name is set (from $pf_win_where)" $pf_win_name
    case '*'
        pf_login 'no credential in the environment or the settings files' 'your /login'
end
