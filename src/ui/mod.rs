//! The thin UI: one component, view function or section hook per file, all state transitions in `state.rs`, the page
//! in `app.rs`.

pub mod app;
pub mod claude_md;
pub mod command;
pub mod copy_button;
pub mod effects;
pub mod error_diagnosis;
pub mod fix_steps;
pub mod guide;
pub mod key_check;
pub mod live_test;
pub mod machine_state;
pub mod preflight;
// Rendered at build time only (it shows the knowledge tables' sources and examples, which the WebAssembly lacks).
#[cfg(not(target_arch = "wasm32"))]
pub mod reference;
pub mod reference_words;
pub mod sections;
pub mod setup_form;
pub mod share_link;
pub mod state;
pub mod summary;
pub mod team_notes;
pub mod text;
