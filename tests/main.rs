//! The integration tests: one crate (`cargo test --test tests`), each suite a module of it.
//!
//! - A native suite is a file `tests/NAME.rs`, declared below as `mod NAME;`. It runs with `cargo test`.
//! - A browser suite is a file `tests/browser/NAME.rs`, declared in `tests/browser/mod.rs`. The browser suites, the
//!   size guard and the benchmark need the release build and Chromium, so they exist only with the `e2e` feature:
//!   `cargo test --features e2e --test tests -- browser:: --test-threads=1` (scripts/test.sh builds `dist/` first).
//! - Shared helpers live in one tree, `tests/support/` (`crate::support::…`, listed in `tests/support/mod.rs`); a
//!   helper only the browser suites use is declared there under `#[cfg(feature = "e2e")]`.
//!
//! A suite, or one test, runs by its path: `cargo test --test tests -- live_probe::`, `-- browser::live::`.

mod support;

mod api_error_fixtures;
mod credential_sources;
mod guidance;
mod key_analysis;
mod live_probe;
mod preflight_shells;
mod shell_syntax;

/// The real Claude Code CLI's messages and `claude auth status` against the page's tables (feature `claude-cli`,
/// which needs the pinned CLI that `scripts/setup.sh --test` installs): `-- claude_cli_messages::`.
#[cfg(feature = "claude-cli")]
mod claude_cli_messages;

/// Which credential wins, from what the real `claude auth status` printed (feature `claude-cli`):
/// `-- claude_cli_sources::`. The pre-flight scripts with the real CLI are `preflight_shells::claude_cli_preflight`;
/// `-- claude_cli_` runs every real-CLI suite.
#[cfg(feature = "claude-cli")]
mod claude_cli_sources;

#[cfg(feature = "e2e")]
mod browser;

/// The gzip total of the release build against its ratchet: `-- size_guard --nocapture`.
#[cfg(feature = "e2e")]
mod size_guard;

/// Not a test (`#[ignore]`d): scripts/bench.sh runs it with `-- --ignored --exact bench_load::benchmark`.
#[cfg(feature = "e2e")]
mod bench_load;
