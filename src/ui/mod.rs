//! The thin UI: one component per file, all state transitions in `state.rs`.

pub mod app;
pub mod guide;
pub mod key_check;
pub mod live_test;
pub mod state;
