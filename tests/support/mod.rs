//! What the suites share, as one module tree (`crate::support::…`). The native suites use the stand-in API, its
//! client and the shell lint; the browser suites (feature `e2e`) add the static server, headless Chromium and the
//! page under test, and the size guard and the benchmark the dist's sizes.

pub mod api_client;
#[cfg(feature = "claude-cli")]
pub mod claude_cli;
#[cfg(any(feature = "claude-cli", feature = "e2e"))]
pub mod cli_matrix;
pub mod shell_lint;
pub mod stand_in_api;

#[cfg(feature = "e2e")]
pub mod chromium;
#[cfg(feature = "e2e")]
pub mod page;
#[cfg(feature = "e2e")]
pub mod sizes;
#[cfg(feature = "e2e")]
pub mod static_server;
