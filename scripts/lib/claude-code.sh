# shellcheck shell=bash
# The real Claude Code CLI that the tests run. Sourced by scripts/setup.sh, scripts/test.sh and
# scripts/claude-messages.sh; tests/support/claude_cli.rs reads the version line below too.
#
# The one place the tested release is pinned: change this line (after scripts/claude-messages.sh NEW_VERSION shows
# what changed) and run scripts/setup.sh --browser.
# shellcheck disable=SC2034 # used by the scripts that source this file
CLAUDE_CODE_VERSION=2.1.332

# claude_code_dir VERSION: where the project keeps that release (.tools/ is git-ignored).
claude_code_dir() {
  printf '%s/.tools/claude-code/%s\n' "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)" "$1"
}

# claude_code_binary DIR: the native binary of the release installed in DIR (the platform package npm chose, e.g.
# @anthropic-ai/claude-code-linux-x64), or nothing.
claude_code_binary() {
  local candidate
  for candidate in "$1"/node_modules/@anthropic-ai/claude-code-*/claude; do
    if [ -x "$candidate" ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

# claude_code_install VERSION DIR: installs @anthropic-ai/claude-code@VERSION into DIR with npm (about 400 MB; the
# native binary needs no download when it runs), unless that release is already there. Install scripts are not run:
# the tests call the platform package's binary directly. Prints the binary's path.
claude_code_install() {
  local version=$1 dir=$2 binary
  if binary=$(claude_code_binary "$dir") && [ "$("$binary" --version 2>/dev/null)" = "$version (Claude Code)" ]; then
    printf '%s\n' "$binary"
    return 0
  fi
  command -v npm >/dev/null || { printf 'error: npm is needed to install Claude Code %s\n' "$version" >&2; return 1; }
  printf '==> npm install @anthropic-ai/claude-code@%s (into %s)\n' "$version" "$dir" >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --ignore-scripts --silent "@anthropic-ai/claude-code@$version" >&2
  binary=$(claude_code_binary "$dir") || {
    printf 'error: Claude Code %s installed no native binary for this platform under %s\n' "$version" "$dir" >&2
    return 1
  }
  [ "$("$binary" --version 2>/dev/null)" = "$version (Claude Code)" ] || {
    printf 'error: %s does not report version %s\n' "$binary" "$version" >&2
    return 1
  }
  printf '%s\n' "$binary"
}

# claude_code_confined COMMAND...: runs COMMAND in a private network namespace that has only a loopback interface,
# where the system allows one (root: unshare -n; otherwise an unprivileged user namespace: unshare -rn); else runs it
# as is. Either way the tests confine every CLI run to loopback with proxy variables (tests/support/claude_cli.rs);
# the namespace is a second fence. Cargo must then work offline (scripts/setup.sh fetched every crate).
claude_code_confined() {
  local unshare_flags=-rn
  [ "$(id -u)" = 0 ] && unshare_flags=-n
  # shellcheck disable=SC2016 # $@ expands in the inner shell
  if command -v unshare >/dev/null && command -v ip >/dev/null &&
    unshare "$unshare_flags" sh -c 'ip link set lo up' 2>/dev/null; then
    printf '==> inside a private network namespace (unshare %s): only loopback is reachable\n' "$unshare_flags" >&2
    CARGO_NET_OFFLINE=true unshare "$unshare_flags" sh -c 'ip link set lo up && exec "$@"' sh "$@"
  else
    printf '==> no private network namespace here: the proxy variables alone keep the CLI on loopback\n' >&2
    "$@"
  fi
}
