//! Trunk's post-build step (see Trunk.toml): finishes the staged `index.html`.
//!
//! - Renders the guide (`src/ui/guide.rs`) to HTML with yew's server-side renderer and writes it into
//!   `<div id="guide">`, so the page is readable before, or without, WebAssembly.
//! - Validates the team configuration (README, "Team configuration") and fails the build on a mistake.
//! - Names the tools module (steps 2 to 5, `src/bin/tools.rs`; see `src/ui/bridge.rs`) by its content hash, as
//!   Trunk names the page's own module, and tells the key check where it is and its SRI hashes: `data-js`,
//!   `data-wasm` and `data-integrity` on `<div id="tools">`, and the script's hash in an import map's `integrity`.
//! - Marks Trunk's inline start-up script `async`: it then starts the key check as soon as its files are in, instead
//!   of after the browser's first layout of the page (the guide's text makes that layout the slowest step of a cold
//!   load on a small machine); `src/main.rs` waits for the document to be parsed before mounting.
//! - Writes the Content-Security-Policy `<meta>`: the hashes of Trunk's inline start-up script (its text changes with
//!   every hashed file name, so it is computed here), plus the team's gateway origin in `connect-src`.
//!
//! Run by Trunk with `TRUNK_STAGING_DIR` set; by hand: `cargo run --bin postbuild -- dist`.

// The step runs natively only; on wasm32 (clippy of every target) `main` is empty and the rest unused.
#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

use std::path::{Path, PathBuf};

use claude_auth_doctor::core::csp::build_policy;
use claude_auth_doctor::core::team::{TeamConfig, BUILT_IN_JSON};

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(message) = run() {
        eprintln!("postbuild: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let dir = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok())
        .map(PathBuf::from)
        .ok_or("give the staging directory (or run from Trunk, which sets TRUNK_STAGING_DIR)")?;
    let path = dir.join("index.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let team = TeamConfig::from_json(BUILT_IN_JSON)?;
    let tools = name_tools(&dir)?;
    let html = finish(&html, &team, Some(&tools))?;
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
}

const GUIDE_SLOT: &str = "<div id=\"guide\"></div>";

/// The guide as HTML, from the same component the app's code base holds.
#[cfg(not(target_arch = "wasm32"))]
fn render_guide() -> Result<String, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("tokio runtime: {e}"))?;
    let local = tokio::task::LocalSet::new();
    let renderer =
        yew::LocalServerRenderer::<claude_auth_doctor::ui::guide::Guide>::new().hydratable(false);
    Ok(local.block_on(&runtime, renderer.render()))
}

#[cfg(target_arch = "wasm32")]
fn render_guide() -> Result<String, String> {
    Err("the post-build step runs natively".into())
}

/// The tools module's files in the dist, once named by content hash, and their SRI hashes.
struct ToolsFiles {
    js: String,
    wasm: String,
    js_integrity: String,
    wasm_integrity: String,
}

/// Renames Trunk's `tools.js` and `tools_bg.wasm` to `tools-<hash>.js` and `tools-<hash>_bg.wasm`, so a host may cache
/// them for good, like every other file of the dist.
fn name_tools(dir: &Path) -> Result<ToolsFiles, String> {
    let read = |name: &str| {
        std::fs::read(dir.join(name)).map_err(|e| {
            format!(
                "{}: {e} (index.html must build the tools module: <link data-trunk rel=\"rust\" \
                 data-type=\"worker\" data-bindgen-target=\"web\" data-bin=\"tools\" />)",
                dir.join(name).display()
            )
        })
    };
    let (js, wasm) = (read("tools.js")?, read("tools_bg.wasm")?);
    let mut both = js.clone();
    both.extend_from_slice(&wasm);
    let hash: String = sha256(&both)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let files = ToolsFiles {
        js: format!("tools-{hash}.js"),
        wasm: format!("tools-{hash}_bg.wasm"),
        js_integrity: format!("sha256-{}", base64(&sha256(&js))),
        wasm_integrity: format!("sha256-{}", base64(&sha256(&wasm))),
    };
    for (from, to) in [("tools.js", &files.js), ("tools_bg.wasm", &files.wasm)] {
        std::fs::rename(dir.join(from), dir.join(to)).map_err(|e| format!("{from}: {e}"))?;
    }
    Ok(files)
}

/// Trunk's inline start-up script, and the same made `async`.
const STARTUP_SCRIPT: &str = "<script type=\"module\">";
const STARTUP_SCRIPT_ASYNC: &str = "<script type=\"module\" async>";

const TOOLS_SLOT: &str = "<div id=\"tools\"";

const CSP_MARKER: &str = "<meta http-equiv=\"Content-Security-Policy\"";

/// Fills the guide slot, points the tools slot at the tools module (with an import map holding its script's hash),
/// then adds the CSP `<meta>` right after `<meta charset>` (or first in `<head>`), before any script or stylesheet
/// link.
fn finish(html: &str, team: &TeamConfig, tools: Option<&ToolsFiles>) -> Result<String, String> {
    if html.contains(CSP_MARKER) {
        return Err("index.html already has a Content-Security-Policy meta tag".into());
    }
    let html = match html.find(GUIDE_SLOT) {
        Some(at) => {
            let slot_end = at + GUIDE_SLOT.len() - "</div>".len();
            format!(
                "{}{}{}",
                &html[..slot_end],
                render_guide()?,
                &html[slot_end..]
            )
        }
        None => html.to_string(),
    };
    let head = match html.find("<meta charset") {
        Some(at) => at + html[at..].find('>').ok_or("unclosed <meta charset>")? + 1,
        None => html.find("<head>").ok_or("index.html has no <head>")? + "<head>".len(),
    };
    let html = match tools {
        Some(tools) => {
            let slot = html
                .find(TOOLS_SLOT)
                .ok_or("index.html has no <div id=\"tools\"> for the tools module")?
                + TOOLS_SLOT.len();
            format!(
                "{}\n    <script type=\"importmap\">{{\"integrity\":{{\"./{}\":\"{}\"}}}}</script>{}\
                 {} data-js=\"./{}\" data-wasm=\"./{}\" data-integrity=\"{}\"{}",
                &html[..head],
                tools.js,
                tools.js_integrity,
                &html[head..slot - TOOLS_SLOT.len()],
                TOOLS_SLOT,
                tools.js,
                tools.wasm,
                tools.wasm_integrity,
                &html[slot..]
            )
        }
        None => html,
    };
    let html = html.replacen(STARTUP_SCRIPT, STARTUP_SCRIPT_ASYNC, 1);
    let html = html.as_str();
    let hashes: Vec<String> = inline_scripts(html)
        .map(|text| base64(&sha256(text.as_bytes())))
        .collect();
    let policy = build_policy(&hashes, &team.extra_connect_origins());
    Ok(format!(
        "{}\n    {CSP_MARKER} content=\"{policy}\" />{}",
        &html[..head],
        &html[head..]
    ))
}

/// The text of every inline `<script>` (one without `src`), exactly as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let start = rest.find("<script")?;
        let open_end = start + rest[start..].find('>')? + 1;
        let tag = &rest[start..open_end];
        let close = open_end + rest[open_end..].find("</script>")?;
        let text = &rest[open_end..close];
        rest = &rest[close + "</script>".len()..];
        if !tag.contains(" src=") {
            return Some(text);
        }
    })
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// SHA-256 (FIPS 180-4), for the CSP hash-source of the inline start-up script.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in message.chunks(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, word) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_and_base64_match_known_vectors() {
        assert_eq!(
            base64(&sha256(b"")),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
        assert_eq!(
            base64(&sha256(b"abc")),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
        let long = "a".repeat(1000);
        assert_eq!(
            base64(&sha256(long.as_bytes())),
            "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM="
        );
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"a"), "YQ==");
    }

    #[test]
    fn the_policy_goes_first_in_head_and_hashes_only_inline_scripts() {
        let html = "<html><head><title>t</title><script type=\"module\">init();</script>\
                    <script src=\"x.js\"></script></head><body></body></html>";
        let out = finish(html, &TeamConfig::default(), None).unwrap();
        let head = out.find("<head>").unwrap();
        assert!(out[head..]
            .trim_start_matches("<head>")
            .trim_start()
            .starts_with(CSP_MARKER));
        let with_charset = finish(
            "<head><meta charset=\"utf-8\" /><script>x</script></head>",
            &TeamConfig::default(),
            None,
        )
        .unwrap();
        assert!(with_charset.starts_with("<head><meta charset=\"utf-8\" />\n    <meta http-equiv"));
        let expected = format!("'sha256-{}'", base64(&sha256(b"init();")));
        assert!(out.contains(&expected));
        assert_eq!(out.matches("'sha256-").count(), 1);
        assert!(
            out.contains("<script type=\"module\" async>init();</script>"),
            "the start-up script is not async: {out}"
        );
        assert!(
            finish(&out, &TeamConfig::default(), None).is_err(),
            "a second policy is refused"
        );
    }

    #[test]
    fn the_guide_is_rendered_into_its_slot() {
        let html = "<head></head><body><div id=\"guide\"></div><div id=\"app\"></div></body>";
        let out = finish(html, &TeamConfig::default(), None).unwrap();
        assert!(out.contains("data-testid=\"guide\""));
        assert!(out.contains("Quick checks") && out.contains("/status"));
        assert!(out.contains("<div id=\"app\"></div>"));
    }

    #[test]
    fn the_tools_slot_learns_its_files_and_the_policy_hashes_the_import_map() {
        let tools = ToolsFiles {
            js: "tools-ab.js".into(),
            wasm: "tools-ab_bg.wasm".into(),
            js_integrity: "sha256-J".into(),
            wasm_integrity: "sha256-W".into(),
        };
        let html =
            "<head><meta charset=\"utf-8\" /><script type=\"module\">init();</script></head>\
                    <body><div id=\"tools\" aria-busy=\"true\"></div></body>";
        let out = finish(html, &TeamConfig::default(), Some(&tools)).unwrap();
        assert!(out.contains(
            "<div id=\"tools\" data-js=\"./tools-ab.js\" data-wasm=\"./tools-ab_bg.wasm\" \
             data-integrity=\"sha256-W\" aria-busy=\"true\"></div>"
        ));
        let map = "{\"integrity\":{\"./tools-ab.js\":\"sha256-J\"}}";
        let policy = out.find(CSP_MARKER).unwrap();
        let import_map = out
            .find(&format!("<script type=\"importmap\">{map}</script>"))
            .unwrap();
        let module = out.find(STARTUP_SCRIPT_ASYNC).unwrap();
        assert!(policy < import_map && import_map < module, "{out}");
        assert!(out.contains(&format!("'sha256-{}'", base64(&sha256(map.as_bytes())))));
        assert_eq!(out.matches("'sha256-").count(), 2);
        assert!(finish(
            "<head></head><body></body>",
            &TeamConfig::default(),
            Some(&tools)
        )
        .is_err());
    }

    #[test]
    fn the_tools_files_are_named_by_content() {
        let dir = std::env::temp_dir().join(format!("postbuild-tools-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("tools.js"), "export default 1;").unwrap();
        std::fs::write(dir.join("tools_bg.wasm"), b"\0asm").unwrap();
        let files = name_tools(&dir).unwrap();
        assert!(files.js.starts_with("tools-") && files.js.ends_with(".js"));
        assert_eq!(files.wasm, files.js.replace(".js", "_bg.wasm"));
        assert!(dir.join(&files.js).is_file() && dir.join(&files.wasm).is_file());
        assert!(!dir.join("tools.js").exists());
        assert_eq!(
            files.js_integrity,
            format!("sha256-{}", base64(&sha256(b"export default 1;")))
        );
        assert!(name_tools(&dir).is_err(), "nothing left to name");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
