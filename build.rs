//! Copies the team configuration (README, "Team configuration") into the build, so the page opens with the team's
//! defaults. The file is `team.json` at the crate root, or the path in `AUTH_DOCTOR_TEAM_CONFIG`; without one the
//! page uses the public defaults. `src/core/team.rs` parses it; the Trunk post-build step rejects an invalid file.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=AUTH_DOCTOR_TEAM_CONFIG");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let path = std::env::var_os("AUTH_DOCTOR_TEAM_CONFIG")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { manifest.join(p) })
        .unwrap_or_else(|| manifest.join("team.json"));
    println!("cargo:rerun-if-changed={}", path.display());
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(_) if std::env::var_os("AUTH_DOCTOR_TEAM_CONFIG").is_some() => {
            panic!(
                "AUTH_DOCTOR_TEAM_CONFIG names {}, which cannot be read",
                path.display()
            )
        }
        Err(_) => "{}".to_string(),
    };
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("team.json");
    std::fs::write(out, text).unwrap();
}
