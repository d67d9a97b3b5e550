//! The pure core: everything that decides something. No `yew`, `web-sys`, `gloo` or `js-sys` here, so plain
//! `cargo test` exercises it natively.

pub mod api;
pub mod base_url;
pub mod claude_md;
pub mod codes;
pub mod commands;
pub mod csp;
pub mod key;
pub mod knowledge;
pub mod order;
pub mod outcome;
pub mod preflight;
pub mod probe;
pub mod providers;
pub mod setup;
pub mod share;
pub mod sources;
pub mod steps;
pub mod suggest;
pub mod team;
