//! Claude Code auth doctor: a page that gets people out of "failed to authenticate · API Error 401".
//!
//! - [`core`] decides everything and is pure Rust (no `yew`, `web-sys`, `gloo` or `js-sys`), tested natively.
//! - [`ui`] carries values between the DOM and the core; [`net`] is the only code that touches the network.
//!
//! Invariant: the pasted key lives only in the UI reducer's state and the `KeyReport` derived from it. It is never
//! stored, logged, put in the URL or written into the DOM (beyond the input's own value and the redacted preview),
//! and it leaves the tab only in the live test request, to the base URL the person chose.

pub mod core;
pub mod net;
pub mod ui;
