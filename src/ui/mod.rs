//! The thin UI: one component per file, all state transitions in `state.rs`. Two WebAssembly modules share it:
//! the key check (`app.rs`, the initial load) and the tools (`tools.rs`), linked by `bridge.rs`.

pub mod app;
pub mod bridge;
pub mod guide;
pub mod key_check;
pub mod live_test;
pub mod state;
// Guidance (issue 3): error text, setup, fix steps, CLAUDE.md, share link.
pub mod claude_md;
pub mod copy_button;
pub mod error_diagnosis;
pub mod fix_steps;
pub mod setup_form;
pub mod share_link;
pub mod team_notes;
pub mod text;
pub mod tools;
