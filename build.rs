//! Reads the team configuration (README, "Team configuration") once, at build time: `team.json` at the crate root, or
//! the file `AUTH_DOCTOR_TEAM_CONFIG` names. It is parsed and validated with the app's own code (`src/core/team/config.rs`);
//! a mistake fails the build (even a plain `cargo build`) with the field named. The validated config is written as
//! Rust to `$OUT_DIR/team.rs`, which `core::team::BUILT_IN` embeds. Without a file the page uses the public defaults.

use std::path::PathBuf;

// The app's own modules that validate the file (the build script uses a part of each).
#[allow(dead_code)]
#[path = "src/core/base_url.rs"]
pub mod base_url;
#[allow(dead_code)]
#[path = "src/core/codes.rs"]
pub mod codes;
#[allow(dead_code)]
#[path = "src/core/setup.rs"]
pub mod setup;
#[allow(dead_code)]
#[path = "src/core/team/config.rs"]
mod team;
/// The paths the modules above use (`crate::core::…`), as in the app.
mod core {
    pub use super::{base_url, codes, setup};
}

fn main() {
    println!("cargo:rerun-if-env-changed=AUTH_DOCTOR_TEAM_CONFIG");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let named = std::env::var_os("AUTH_DOCTOR_TEAM_CONFIG").map(PathBuf::from);
    let path = match &named {
        Some(p) if p.is_absolute() => p.clone(),
        Some(p) => manifest.join(p),
        None => manifest.join("team.json"),
    };
    println!("cargo:rerun-if-changed={}", path.display());
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if named.is_some() => {
            panic!(
                "AUTH_DOCTOR_TEAM_CONFIG names {}, which cannot be read: {e}",
                path.display()
            )
        }
        Err(_) => String::new(),
    };
    let config =
        team::TeamConfig::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("team.rs");
    std::fs::write(out, config.to_rust()).unwrap();
}
