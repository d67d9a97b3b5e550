//! Team defaults: an organization's own settings, from a JSON file read at build time (README, "Team configuration").
//! No file means the public defaults.
//!
//! Build time, not start-up: the gateway origin must be in the page's Content-Security-Policy, which is fixed when
//! the page is built, and a build-time file costs the page no request. `build.rs` parses and validates the file once
//! with [`TeamConfig::from_json`] (a mistake fails the build, naming the field) and writes the validated config as
//! Rust ([`TeamConfig::to_rust`]), which [`BUILT_IN`] embeds: the page never parses it again.

mod config;

pub use config::{Gateway, TeamConfig};

/// The team config this build was made with (the public defaults when there was no file), validated by `build.rs`.
pub static BUILT_IN: TeamConfig = include!(concat!(env!("OUT_DIR"), "/team.rs"));
