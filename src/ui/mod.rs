//! The thin UI: one component per file, all state transitions in `state.rs`.

pub mod app;
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
