//! The browser suites: the release build (`dist/`, made by `trunk build --release`; the team build in
//! `target/dist-team`) served on loopback under a sub-path and driven in headless Chromium through chromedriver
//! (`crate::support::chromium`). Run them one at a time: `cargo test --features e2e --test tests -- browser::
//! --test-threads=1` (scripts/test.sh).

/// Accessibility: axe-core finds no WCAG 2.2 A/AA violation, in light and dark, with the page in use.
mod accessibility;
/// The guidance: error diagnosis, setup, fix steps, CLAUDE.md, share link, the team build.
mod guidance;
/// The key format check: verdicts and findings, privacy of the key, a 1 MB paste, the sub-path.
mod key_check;
/// The live test call against the loopback stand-in API: every outcome, cancel, timeout, the terminal check.
mod live;
/// What your machine shows: which credential wins, its state, conflicts and the line to change.
mod machine;
/// Claude Code's messages: the reference without JavaScript, the new messages, a sample of the real CLI's matrix.
mod messages;
/// One picture: a team's gateway key unjudged and valid, suggestions and their undo, the summary.
mod picture;
/// The pre-flight script for the chosen shell: shown, copied and downloaded exactly, named in CLAUDE.md.
mod preflight;
/// The site as a team hosts it: the CSP, no JavaScript, one module, a whole session's requests, the team build.
mod site;
