#!/bin/sh
# claude-preflight.sh: checks the credential Claude Code would use in this shell, before a long session or in CI.
# Made by Claude Code auth doctor for bash and zsh (any POSIX sh runs it). Intended method: @@INTENDED_NAME@@.
# It holds no secret and never prints one: values appear masked (known prefix, last four characters, length).
#
#   sh claude-preflight.sh           one verdict line on standard output, and the exit status:
#                                    0 ready, 1 the credential was rejected, 2 a local problem found before any
#                                    call, 3 the API could not be reached or did not answer as the API
#   sh claude-preflight.sh --report  a masked report to paste into the auth doctor ("What your machine shows")
#
# It ranks credentials the way Claude Code does: @@ORDER@@.
# Sources: the environment; the settings files' "env" blocks and apiKeyHelper (user: $CLAUDE_CONFIG_DIR or
# ~/.claude; project: ./.claude, so run it from the project root; managed), a settings value beating the shell's
# and "" cancelling it. The API check is the free GET $ANTHROPIC_BASE_URL/v1/models (@@DEFAULT_URL@@ when unset).
# A /login, a setup-token and a profile are checked with `claude auth status` (given the settings files' "env"
# values, as a session here has them), which does not ask the server.
# Limits: settings are read with awk (string values of one "env" object), not a full JSON parser; apiKeyHelper is
# run as Claude Code runs it (sh -c); the time limit is CLAUDE_PREFLIGHT_TIMEOUT seconds (default 15) per step.
# shellcheck disable=SC2317 # functions are also called through a variable (pf_each_setting's callback)
set +x +v
if [ -n "${ZSH_VERSION:-}" ]; then emulate sh; fi
LC_ALL=C
export LC_ALL
umask 077

PF_INTENDED='@@INTENDED@@'
PF_TEAM_URL='@@TEAM_URL@@'
PF_VARS='@@VARS@@'
PF_SECRETS='@@SECRETS@@'
PF_INTENDED_CODES='@@INTENDED_CODES@@'
PF_LIMIT=${CLAUDE_PREFLIGHT_TIMEOUT:-15}
case $PF_LIMIT in '' | *[!0-9]*) PF_LIMIT=15 ;; esac
PF_NL='
'
PF_CR=$(printf '\r')
PF_TAB=$(printf '\t')
PF_TMP=$(mktemp -d 2>/dev/null || { d="${TMPDIR:-/tmp}/claude-preflight.$$" && mkdir "$d" && printf '%s' "$d"; })
# No EXIT trap (a subshell that got a signal before resetting its inherited traps would run it and delete the
# directory under the main script): every exit goes through pf_exit, and no subshell is ever sent a signal.
trap 'rm -rf "$PF_TMP"; exit 2' INT TERM

pf_exit() {
  rm -rf "$PF_TMP"
  exit "$1"
}

pf_verdict() {
  printf 'claude-preflight: %s: %s\n' "$2" "$3"
  pf_exit "$1"
}

pf_is_secret() {
  case " $PF_SECRETS " in *" $1 "*) return 0 ;; esac
  return 1
}

pf_truthy() {
  case $1 in 1 | [Tt][Rr][Uu][Ee] | [Yy][Ee][Ss] | [Oo][Nn]) return 0 ;; esac
  return 1
}

# A path with the home directory written as ~.
pf_home() {
  case $1 in "$HOME"/*) printf '%s/%s' '~' "${1#"$HOME"/}" ;; *) printf '%s' "$1" ;; esac
}

# Takes the first line off the variable named $1 into PF_LINE.
pf_pop() {
  eval "pf_all=\$$1"
  PF_LINE=${pf_all%%"$PF_NL"*}
  case $pf_all in *"$PF_NL"*) pf_all=${pf_all#*"$PF_NL"} ;; *) pf_all='' ;; esac
  eval "$1=\$pf_all"
}

# Watches a command (pid $2) for at most $1 seconds, checking every second; when the time is up it leaves the
# file $3 and stops the command with SIGKILL. It runs as its own exec'd program, so it holds none of the script's
# descriptors, and it ends by itself once the command has: no subshell is ever sent a signal.
# shellcheck disable=SC2016 # the watcher's program, expanded by the sh that runs it
PF_WATCH='@@WATCH@@'

# Runs a command with its input closed and its errors discarded, for at most $PF_LIMIT seconds; its output goes to
# the file $1 (standard output when empty). Returns its exit status; $PF_TMP/timeout tells a timeout.
pf_bounded() {
  pf_to=$1
  shift
  rm -f "$PF_TMP/timeout"
  if [ -n "$pf_to" ]; then
    "$@" </dev/null >"$pf_to" 2>/dev/null &
  else
    "$@" </dev/null 2>/dev/null &
  fi
  pf_pid=$!
  sh -c "$PF_WATCH" sh "$PF_LIMIT" "$pf_pid" "$PF_TMP/timeout" </dev/null >/dev/null 2>&1 &
  wait "$pf_pid" 2>/dev/null
}

# Runs a command bounded, output in $PF_TMP/out; sets PF_RC and PF_TIMED_OUT.
pf_run() {
  pf_bounded "$PF_TMP/out" "$@"
  PF_RC=$?
  PF_TIMED_OUT=0
  if [ -f "$PF_TMP/timeout" ]; then PF_TIMED_OUT=1; fi
}

# The settings files, lowest precedence first: "SCOPE PATH" lines.
pf_settings_files() {
  printf 'user %s\n' "${CLAUDE_CONFIG_DIR:-$HOME/.claude}/settings.json"
  printf 'project %s\n' "$PWD/.claude/settings.json"
  printf 'local %s\n' "$PWD/.claude/settings.local.json"
  printf 'managed %s\n' '/Library/Application Support/ClaudeCode/managed-settings.json'
  printf 'managed %s\n' '/etc/claude-code/managed-settings.json'
}

# Calls "$1 SCOPE FILE" for each readable settings file, lowest precedence first.
pf_each_settings_file() {
  pf_files=$(pf_settings_files)
  while [ -n "$pf_files" ]; do
    pf_pop pf_files
    if [ -r "${PF_LINE#* }" ]; then "$1" "${PF_LINE%% *}" "${PF_LINE#* }"; fi
  done
}

# Calls "$2 NAME FLAGS VALUE" for each "env" member that is a tracked variable, and for "apiKeyHelper", of the
# settings file $1, read with awk. FLAGS: n = an escaped line break, u = another escaped control character,
# q = an escaped quote.
pf_each_setting() {
  pf_out=$(awk '@@AWK@@' "$1" 2>/dev/null)
  while [ -n "$pf_out" ]; do
    pf_pop pf_out
    pf_n=${PF_LINE%%"$PF_TAB"*}
    pf_rest=${PF_LINE#*"$PF_TAB"}
    case " $PF_VARS apiKeyHelper " in *" $pf_n "*) "$2" "$pf_n" "${pf_rest%%"$PF_TAB"*}" "${pf_rest#*"$PF_TAB"}" ;; esac
  done
}

# Keeps one settings value in PFS_<NAME> (value), PFF_<NAME> (flags), PFW_<NAME> (file); a later, higher scope
# replaces an earlier one.
pf_keep_setting() {
  eval "PFS_$1=\$3; PFF_$1=\$2; PFW_$1=\$pf_file"
}

pf_load_file() {
  pf_file=$2
  pf_each_setting "$2" pf_keep_setting
}

# The value Claude Code sees for a variable or apiKeyHelper: PF_SET (1 if set), PF_V, PF_WHERE (a file, or
# "the environment"), PF_FLAGS, PF_FROM_SETTINGS.
pf_lookup() {
  eval "pf_s=\${PFS_$1+x}"
  if [ -n "$pf_s" ]; then
    eval "PF_V=\$PFS_$1; PF_WHERE=\$PFW_$1; PF_FLAGS=\$PFF_$1"
    PF_WHERE=$(pf_home "$PF_WHERE")
    PF_SET=1
    PF_FROM_SETTINGS=1
    return
  fi
  PF_FROM_SETTINGS=0
  PF_FLAGS=''
  PF_V=''
  PF_SET=0
  PF_WHERE=''
  case $1 in apiKeyHelper) return ;; esac
  eval "pf_e=\${$1+x}"
  if [ -n "$pf_e" ]; then
    eval "PF_V=\$$1"
    PF_SET=1
    PF_WHERE='the environment'
  fi
}

# Exports the settings files' "env" values ("" as an empty variable, which Claude Code skips like a cancelled one)
# for `claude auth status`, which does not read the project's settings (Claude Code 2.1.332) while a session here
# does. Called only just before the script ends.
pf_settings_env() {
  for pf_name in $PF_VARS; do
    eval "pf_s=\${PFS_$pf_name+x}"
    [ -n "$pf_s" ] || continue
    eval "$pf_name=\$PFS_$pf_name"
    export "${pf_name?}"
  done
}

pf_add() {
  case ", $PF_CODES," in *", $1,"*) return ;; esac
  PF_CODES="${PF_CODES:+$PF_CODES, }$1"
  PF_WHY="${PF_WHY:+$PF_WHY; }$2"
}

pf_wrong() {
  PF_WRONG=1
  PF_WHY="${PF_WHY:+$PF_WHY; }$1"
}

# What makes a value unusable in a variable: PF_CODES (key-check finding codes), PF_WRONG (1 for the wrong kind of
# credential) and PF_WHY (plain words). $1 value, $2 variable, $3 flags from a settings file.
pf_damage() {
  PF_CODES=''
  PF_WHY=''
  PF_WRONG=0
  case $3 in *n*) pf_add line-break 'a line break inside it' ;; esac
  case $1 in *"$PF_NL"* | *"$PF_CR"*) pf_add line-break 'a line break inside it' ;; esac
  case $1 in [[:space:]]* | *[[:space:]]) pf_add surrounding-whitespace 'spaces around it' ;; esac
  case $3 in *q*) pf_add quotes 'quotes in it' ;; esac
  case $1 in *\"* | *\'*) pf_add quotes 'quotes in it' ;; esac
  case $3 in *u*) pf_add invisible-char 'an invisible or control character' ;; esac
  case $1 in *[![:graph:]]*) pf_add invisible-char 'an invisible, control or non-ASCII character' ;; esac
  case $1 in *'...'* | *'***'*) pf_add masked 'a masked copy, not the value' ;; esac
  case $2:$1 in
    ANTHROPIC_API_KEY:sk-ant-oat*)
      pf_wrong 'an OAuth token, which belongs in CLAUDE_CODE_OAUTH_TOKEN' ;;
    *:sk-ant-ort* | *:sk-ant-sid* | *:sk-ant-admin*)
      pf_wrong 'a credential that is never sent (a refresh token, a session cookie or an Admin key)' ;;
    CLAUDE_CODE_OAUTH_TOKEN:sk-ant-oat01-*) ;;
    CLAUDE_CODE_OAUTH_TOKEN:*)
      pf_wrong 'something other than an OAuth token from claude setup-token' ;;
    ANTHROPIC_AUTH_TOKEN:sk-ant-api*)
      if [ "$PF_ANTHROPIC" = 1 ]; then
        pf_wrong 'a Console API key, which api.anthropic.com does not take as Bearer; it belongs in ANTHROPIC_API_KEY'
      fi ;;
    ANTHROPIC_API_KEY:sk-ant-api03-*)
      if [ "$PF_ANTHROPIC" = 1 ] && [ -z "$PF_CODES" ] && [ "${#1}" -ne 108 ]; then
        pf_add truncated 'not the 108 characters of a Console API key'
      fi ;;
  esac
}

# A masked form for the report: known prefix, "...", last four, length, problems.
pf_mask() {
  pf_m_v=$1
  pf_m_prefix=''
  case $pf_m_v in
    sk-ant-*-*)
      pf_m_tag=${pf_m_v#sk-ant-}
      pf_m_tag=${pf_m_tag%%-*}
      case $pf_m_tag in '' | *[!a-z0-9]* | ?????????*) ;; *) pf_m_prefix="sk-ant-$pf_m_tag-" ;; esac ;;
  esac
  pf_m_last=''
  if [ "${#pf_m_v}" -ge 16 ]; then
    pf_m_last=${pf_m_v#"${pf_m_v%????}"}
    case $pf_m_last in *[!A-Za-z0-9_-]*) pf_m_last='' ;; esac
  fi
  pf_damage "$pf_m_v" "$2" "$3"
  pf_m_note="${#pf_m_v} chars${PF_CODES:+; $PF_CODES}"
  if [ -n "$pf_m_prefix$pf_m_last" ]; then
    printf '%s...%s (%s)' "$pf_m_prefix" "$pf_m_last" "$pf_m_note"
  else
    printf '(%s)' "$pf_m_note"
  fi
}

# How a value appears in the report: "" when empty, masked when secret, else as it is (a URL without its password).
pf_shown() {
  if [ -z "$1" ]; then
    printf '""'
  elif pf_is_secret "$2"; then
    pf_mask "$1" "$2" "$3"
  else
    case $1 in
      *://*@*) printf '%s' "${1%%://*}://${1#*@}" ;;
      *) printf '%s' "$1" ;;
    esac
  fi
}

pf_report_setting() {
  if [ "$1" = apiKeyHelper ]; then
    if [ -z "$3" ]; then printf 'apiKeyHelper=""\n'; else printf 'apiKeyHelper=(%s chars)\n' "${#3}"; fi
  else
    printf 'env.%s=%s\n' "$1" "$(pf_shown "$3" "$1" "$2")"
  fi
}

pf_report_file() {
  printf '== settings %s %s ==\n' "$1" "$(pf_home "$2")"
  pf_each_setting "$2" pf_report_setting
}

# Profile lines that set a tracked variable, as "FILE:LINE: NAME=shown".
pf_report_profiles() {
  pf_names=$(printf '%s' "$PF_VARS" | tr ' ' '|')
  for pf_file in "$HOME/.zshenv" "$HOME/.zprofile" "$HOME/.zshrc" "$HOME/.zlogin" "$HOME/.bashrc" \
    "$HOME/.bash_profile" "$HOME/.bash_login" "$HOME/.profile" "$HOME/.config/fish/config.fish" \
    "$HOME"/.config/fish/conf.d/*.fish "$HOME/.config/fish/fish_variables" "$PWD/.envrc" "$PWD/.env" \
    "$PWD/.env.local"; do
    [ -r "$pf_file" ] || continue
    case $pf_file in
      */.env | */.env.local) pf_pattern="^[[:space:]]*(export[[:space:]]+)?($pf_names)=" ;;
      *) pf_pattern="^[[:space:]]*(export[[:space:]]+|set[[:space:]]+-[A-Za-z]*x[A-Za-z]*[[:space:]]+|setenv[[:space:]]+|SETUVAR[[:space:]]+--export[[:space:]]+)($pf_names)([=:[:space:]]|\$)" ;;
    esac
    pf_matches=$(grep -nE "$pf_pattern" "$pf_file" 2>/dev/null)
    while [ -n "$pf_matches" ]; do
      pf_pop pf_matches
      pf_number=${PF_LINE%%:*}
      pf_text=${PF_LINE#*:}
      for pf_name in $PF_VARS; do
        case $pf_text in *"$pf_name"[=:[:space:]]* | *"$pf_name") ;; *) continue ;; esac
        pf_v=${pf_text#*"$pf_name"}
        pf_v=${pf_v#[=:[:space:]]}
        pf_v=${pf_v#"${pf_v%%[![:space:]]*}"}
        case $pf_v in
          \"*) pf_v=${pf_v#\"} && pf_v=${pf_v%%\"*} ;;
          \'*) pf_v=${pf_v#\'} && pf_v=${pf_v%%\'*} ;;
          *) pf_v=${pf_v%%[[:space:]\;#]*} ;;
        esac
        case $pf_v in
          *\$* | *\`*) pf_v='(computed)' ;;
          *) pf_v=$(pf_shown "$pf_v" "$pf_name" '') ;;
        esac
        printf '%s:%s: %s=%s\n' "$(pf_home "$pf_file")" "$pf_number" "$pf_name" "$pf_v"
        break
      done
    done
  done
}

pf_report() {
  pf_shell='sh'
  if [ -n "${ZSH_VERSION:-}" ]; then pf_shell=zsh; elif [ -n "${BASH_VERSION:-}" ]; then pf_shell=bash; fi
  printf '%s\n' '== claude-preflight report ==' "shell: $pf_shell" "intended: $PF_INTENDED" '== environment =='
  for pf_name in $PF_VARS; do
    eval "pf_e=\${$pf_name+x}"
    [ -n "$pf_e" ] || continue
    eval "pf_v=\$$pf_name"
    printf '%s=%s\n' "$pf_name" "$(pf_shown "$pf_v" "$pf_name" '')"
  done
  pf_each_settings_file pf_report_file
  printf '%s\n' '== profile lines =='
  pf_report_profiles
  printf '%s\n' '== claude --version =='
  if command -v claude >/dev/null 2>&1; then
    pf_run claude --version
    head -n 1 "$PF_TMP/out"
    printf '%s\n' '== claude auth status =='
    pf_settings_env
    pf_run claude auth status
    cat "$PF_TMP/out"
    if [ "$PF_TIMED_OUT" = 1 ]; then printf '(no answer within %ss)\n' "$PF_LIMIT"; else printf '(exit %s)\n' "$PF_RC"; fi
  else
    printf '%s\n' '(claude not found on PATH)'
  fi
  printf '%s\n' '== end of report =='
}

# Sends the credential in the given header lines to GET $PF_BASE/v1/models (curl reads them from its standard
# input, so they never appear on a command line) and exits with the verdict.
pf_call() {
  command -v curl >/dev/null 2>&1 || pf_verdict 2 'local problem' 'curl is needed for the API check and is not on PATH'
  pf_what="$PF_WIN_NAME from $PF_WIN_WHERE$PF_NOTE"
  : >"$PF_TMP/body"
  PF_HTTP=$(printf '%s\nanthropic-version: 2023-06-01\n' "$1" |
    curl -sS --max-time "$PF_LIMIT" -H @- -o "$PF_TMP/body" -w '%{http_code}' "$PF_BASE/v1/models" 2>"$PF_TMP/err")
  pf_curl=$?
  if [ "$pf_curl" -eq 28 ]; then
    pf_verdict 3 unreachable "no answer from $PF_BASE within ${PF_LIMIT}s ($pf_what not checked)"
  elif [ "$pf_curl" -ne 0 ]; then
    pf_verdict 3 unreachable "cannot reach $PF_BASE to check $pf_what ($(head -n 1 "$PF_TMP/err" | cut -c1-160))"
  fi
  pf_body=$(dd bs=4096 count=1 <"$PF_TMP/body" 2>/dev/null | tr -d '\r\n')
  pf_json=0
  case $(printf '%s' "$pf_body" | tr -d ' \t') in '{'*) pf_json=1 ;; esac
  pf_msg=$(printf '%s' "$pf_body" | sed -n 's/.*"message"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' | cut -c1-200)
  case $pf_msg in *"$PF_SECRET"*) pf_msg='(message hidden: it repeats the credential)' ;; esac
  case $PF_HTTP in
    2??)
      case $pf_json:$pf_body in
        1:*'"data"'*) pf_verdict 0 ready "$pf_what accepted by $PF_BASE (GET /v1/models: $PF_HTTP)" ;;
      esac
      pf_verdict 3 unreachable "$PF_BASE answered $PF_HTTP but not as the API (no models list: a captive portal, a proxy page or a wrong base URL?); $pf_what not checked" ;;
    400 | 401 | 402 | 403)
      if [ "$pf_json" = 1 ]; then pf_verdict 1 rejected "$PF_BASE refused $pf_what ($PF_HTTP${pf_msg:+ $pf_msg})"; fi ;;
    404)
      case $pf_json:$pf_body in
        1:*'"error"'*) pf_verdict 1 rejected "$PF_BASE refused $pf_what ($PF_HTTP${pf_msg:+ $pf_msg}: a disabled key, or a wrong base URL path)" ;;
      esac ;;
  esac
  pf_verdict 3 unreachable "$PF_BASE answered $PF_HTTP, not as the API${pf_msg:+ ($pf_msg)} (a proxy, a firewall, a gateway error or a wrong base URL?); $pf_what not checked"
}

# Asks `claude auth status` and exits with the verdict. $1 what was found, $2 what is checked.
pf_login() {
  command -v claude >/dev/null 2>&1 ||
    pf_verdict 2 'local problem' "$1, and \`claude\` is not on PATH to check a /login"
  pf_settings_env
  pf_run claude auth status
  if [ "$PF_TIMED_OUT" = 1 ]; then
    pf_verdict 2 'local problem' "claude auth status did not answer within ${PF_LIMIT}s"
  fi
  pf_flat=$(tr -d ' \t\r\n' <"$PF_TMP/out")
  pf_method=$(printf '%s' "$pf_flat" | sed -n 's/.*"authMethod":"\([^"]*\)".*/\1/p')
  case $pf_flat in
    *'"loggedIn":true'*) pf_in=1 ;;
    *'"loggedIn":false'*) pf_in=0 ;;
    *) if [ "$PF_RC" = 0 ]; then pf_in=1; else pf_in=0; fi ;;
  esac
  if [ "$pf_in" = 1 ]; then
    pf_verdict 0 ready "claude auth status: logged in (${pf_method:-method not shown}) for $2$PF_NOTE; it does not check the login with the server"
  fi
  pf_verdict 2 'local problem' "$1; claude auth status: not logged in (run: claude auth login)"
}

pf_each_settings_file pf_load_file
pf_lookup ANTHROPIC_BASE_URL
PF_BASE=${PF_V:-${PF_TEAM_URL:-https://api.anthropic.com}}
PF_BASE=${PF_BASE%/}
PF_ANTHROPIC=0
case $PF_BASE in https://api.anthropic.com | https://api.anthropic.com/*) PF_ANTHROPIC=1 ;; esac
if [ "$PF_INTENDED" = gateway ]; then PF_ANTHROPIC=0; fi

case ${1:-} in
  --report) pf_report && pf_exit 0 ;;
  '') ;;
  *) printf '%s\n' 'usage: sh claude-preflight.sh [--report]' >&2 && pf_exit 2 ;;
esac

# An empty credential variable in the environment (a settings "" cancels on purpose and is fine).
for pf_name in $PF_SECRETS; do
  pf_lookup "$pf_name"
  if [ "$PF_SET" = 1 ] && [ -z "$PF_V" ] && [ "$PF_FROM_SETTINGS" = 0 ]; then
    pf_verdict 2 'local problem' "$pf_name is set but empty (remove it, or set the value)"
  fi
done

# The credential Claude Code would use: the first usable one in its order.
PF_WIN=''
PF_WIN_NAME=''
PF_WIN_WHERE=''
PF_WIN_FLAGS=''
PF_SECRET=''
@@PICK@@
if [ -z "$PF_WIN" ]; then PF_WIN=login && PF_WIN_NAME='/login'; fi

PF_NOTE=''
case " $PF_INTENDED_CODES " in
  *" $PF_WIN "*) ;;
  *)
    case $PF_WIN in
      bedrock | vertex | foundry | mantle | anthropic-aws)
        pf_verdict 2 'local problem' "$PF_WIN_NAME (from $PF_WIN_WHERE) switches Claude Code to a cloud provider, not @@INTENDED_NAME@@; ANTHROPIC_* credentials and /login are then unused" ;;
    esac
    if [ "$PF_INTENDED" = subscription ]; then
      pf_verdict 2 'local problem' "$PF_WIN_NAME (from $PF_WIN_WHERE) would be used instead of your /login; remove it"
    fi
    PF_NOTE=", not @@INTENDED_NAME@@ as intended" ;;
esac

case $PF_WIN in
  bedrock | vertex | foundry | mantle | anthropic-aws)
    pf_verdict 0 ready "$PF_WIN_NAME (from $PF_WIN_WHERE) selects a cloud provider; its credentials are not checked here" ;;
esac

# Two credentials that would both go out.
pf_lookup ANTHROPIC_API_KEY
pf_key_where=$PF_WHERE
if [ -n "$PF_V" ]; then
  pf_lookup ANTHROPIC_AUTH_TOKEN
  if [ -n "$PF_V" ]; then
    pf_verdict 2 'local problem' "ANTHROPIC_AUTH_TOKEN (from $PF_WHERE) and ANTHROPIC_API_KEY (from $pf_key_where) are both set: keep one"
  fi
  pf_lookup apiKeyHelper
  if [ -n "$PF_V" ]; then
    pf_verdict 2 'local problem' "apiKeyHelper (in $PF_WHERE) and ANTHROPIC_API_KEY (from $pf_key_where) are both set: keep one"
  fi
fi

case $PF_WIN in
  api-key-helper)
    pf_lookup apiKeyHelper
    PF_SECRET=$(pf_bounded '' sh -c "$PF_V")
    pf_rc=$?
    if [ "$pf_rc" -ne 0 ] || [ -z "$PF_SECRET" ]; then
      pf_verdict 2 'local problem' "apiKeyHelper (in $PF_WIN_WHERE) failed or printed nothing (exit $pf_rc)"
    fi
    pf_damage "$PF_SECRET" apiKeyHelper ''
    if [ -n "$PF_CODES" ]; then pf_verdict 2 'local problem' "apiKeyHelper output has $PF_WHY ($PF_CODES)"; fi
    pf_call "x-api-key: $PF_SECRET
Authorization: Bearer $PF_SECRET" ;;
  auth-token | api-key | oauth-token)
    pf_damage "$PF_SECRET" "$PF_WIN_NAME" "$PF_WIN_FLAGS"
    if [ -n "$PF_CODES" ] || [ "$PF_WRONG" = 1 ]; then
      pf_verdict 2 'local problem' "$PF_WIN_NAME (from $PF_WIN_WHERE) has $PF_WHY${PF_CODES:+ ($PF_CODES)}"
    fi
    case $PF_WIN in
      auth-token) pf_call "Authorization: Bearer $PF_SECRET" ;;
      api-key) pf_call "x-api-key: $PF_SECRET" ;;
      *) pf_login 'CLAUDE_CODE_OAUTH_TOKEN is well-formed' 'CLAUDE_CODE_OAUTH_TOKEN' ;;
    esac ;;
  profile) pf_login "$PF_WIN_NAME is set (from $PF_WIN_WHERE)" "$PF_WIN_NAME" ;;
  *) pf_login 'no credential in the environment or the settings files' 'your /login' ;;
esac
