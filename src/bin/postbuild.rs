//! Trunk's post-build step (see Trunk.toml): finishes the staged `index.html`.
//!
//! - Renders the guide (`src/ui/guide.rs`) and the reference of every cause (`src/ui/reference.rs`) to HTML with
//!   yew's server-side renderer and writes them into `<div id="guide">` and `<div id="reference">`, so the page is
//!   readable before, or without, WebAssembly.
//! - Writes the pre-flight scripts' templates (`core::preflight::template`, one per shell family, with the team's
//!   gateway) beside the page, named by their content hash, and tells the page their names (`data-preflight-*` on
//!   `<main id="app">`): the page fetches the one it shows, so the long templates stay out of the WebAssembly.
//! - Inlines wasm-bindgen's JavaScript glue into Trunk's start-up script and moves that script to the end of
//!   `<body>`, and moves the wasm's preload link to the top of `<head>`: the glue then rides in the page's own
//!   response (which starts a round trip before any file it names), the wasm is requested as soon as `<head>` starts
//!   arriving, and the first paint does not wait for the glue.
//! - Renames the wasm's imports to short names in the module and the inlined glue alike (`postbuild/imports.rs`), and
//!   sets the preload's `integrity` to the module so written.
//! - Minifies the start-up script with terser (pinned by `scripts/setup.sh` into `.tools/`): wasm-bindgen writes
//!   readable JavaScript, and the page carries it on every load.
//! - Marks the start-up script `async`: an inline module script then runs as soon as it is parsed instead of once
//!   the whole document is; `src/main.rs` mounts as soon as `<main id="app">` exists.
//! - Writes the Content-Security-Policy `<meta>`: the hashes of Trunk's inline start-up script (its text changes with
//!   every hashed file name, so it is computed here), plus the team's gateway origin in `connect-src`.
//!
//! Run by Trunk with `TRUNK_STAGING_DIR` set; by hand: `cargo run --bin postbuild -- dist`.

// The step runs natively only: on wasm32 (clippy of every target) `main` is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "postbuild/imports.rs"]
mod imports;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::PathBuf;

    use std::path::Path;

    use claude_auth_doctor::core::csp::{build_policy, InlineHashes};
    use claude_auth_doctor::core::preflight::{template, Family};
    use claude_auth_doctor::core::team::{TeamConfig, BUILT_IN};

    pub fn main() {
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
            .ok_or(
                "give the staging directory (or run from Trunk, which sets TRUNK_STAGING_DIR)",
            )?;
        let path = dir.join("index.html");
        let html =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let html = inline_glue(&dir, &html)?;
        let html = minify_startup_script(&html)?;
        let html = finish(&html, &BUILT_IN)?;
        let html = write_preflight_templates(&dir, &html, &BUILT_IN)?;
        std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The element the app mounts into: it carries the pre-flight templates' names.
    const APP_ELEMENT: &str = "<main id=\"app\"";

    /// Writes each family's pre-flight template as `<asset>-<hash>.txt` into `dir`, and its name into the app's
    /// element.
    fn write_preflight_templates(
        dir: &Path,
        html: &str,
        team: &TeamConfig,
    ) -> Result<String, String> {
        let at = html
            .find(APP_ELEMENT)
            .ok_or("index.html has no <main id=\"app\"> to name the pre-flight scripts on")?
            + APP_ELEMENT.len();
        let gateway = team.gateway.as_ref().map(|g| g.base_url.as_ref());
        let mut attributes = String::new();
        for family in Family::ALL {
            let text = template(family, gateway);
            let (asset, attribute) = family.asset();
            let hash: String = sha256_base64(&text)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(10)
                .collect();
            let name = format!("{asset}-{hash}.txt");
            let file = dir.join(&name);
            std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
            attributes.push_str(&format!(" {attribute}=\"./{name}\""));
        }
        Ok(format!("{}{attributes}{}", &html[..at], &html[at..]))
    }

    /// A component of the app's code base as HTML.
    fn render<C: yew::BaseComponent<Properties = ()>>() -> Result<String, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| format!("tokio runtime: {e}"))?;
        let local = tokio::task::LocalSet::new();
        let renderer = yew::LocalServerRenderer::<C>::new().hydratable(false);
        Ok(local.block_on(&runtime, renderer.render()))
    }

    /// Renders one slot's component.
    type Renderer = fn() -> Result<String, String>;

    /// The empty elements of `index.html` filled at build time, and what fills them.
    const SLOTS: [(&str, Renderer); 2] = [
        ("guide", render::<claude_auth_doctor::ui::guide::Guide>),
        (
            "reference",
            render::<claude_auth_doctor::ui::reference::Reference>,
        ),
    ];

    /// Writes the rendered component into the slot `<div id="{id}"></div>`.
    fn fill(html: &str, id: &str, rendered: &str) -> Result<String, String> {
        let slot = format!("<div id=\"{id}\"></div>");
        let at = html.find(&slot).ok_or(format!(
            "index.html has no {id} slot ({slot}) to render the {id} into"
        ))?;
        let inside = at + slot.len() - "</div>".len();
        Ok(format!("{}{rendered}{}", &html[..inside], &html[inside..]))
    }

    /// Inlines the glue Trunk's start-up script imports (`import init, * as bindings from './<glue>.js';`), removes the
    /// glue file and its `modulepreload` link, moves the start-up script to the end of `<body>` and the wasm's
    /// `preload` link to just after `<meta charset>`. Fails when any of these is not where Trunk 0.21 puts it.
    fn inline_glue(dir: &Path, html: &str) -> Result<String, String> {
        let script_at = html.find(STARTUP_SCRIPT).ok_or(format!(
            "Trunk's start-up script ({STARTUP_SCRIPT}) is not in index.html"
        ))?;
        let script_end = script_at
            + html[script_at..]
                .find("</script>")
                .ok_or("the start-up script is not closed")?
            + "</script>".len();
        let script = &html[script_at..script_end];
        const IMPORT: &str = "import init, * as bindings from './";
        let import_at = script
            .find(IMPORT)
            .ok_or("the start-up script does not import the glue as Trunk 0.21 does")?;
        let import_end = import_at
            + script[import_at..]
                .find(";\n")
                .ok_or("the glue import has no end")?
            + 2;
        let glue_name = &script[import_at + IMPORT.len()..import_end - 3];
        let glue_path = dir.join(glue_name);
        let glue = std::fs::read_to_string(&glue_path)
            .map_err(|e| format!("{}: {e}", glue_path.display()))?;
        const EXPORT: &str = "export { initSync, __wbg_init as default };";
        if glue
            .lines()
            .filter(|l| l.starts_with("export"))
            .ne([EXPORT])
        {
            return Err(format!(
                "the glue {glue_name} exports more than `{EXPORT}`: it cannot be inlined as it is"
            ));
        }
        if glue.contains("</script") || glue.contains("<!--") {
            return Err(format!(
                "the glue {glue_name} holds text an inline script cannot"
            ));
        }
        // The wasm the page preloads, with short import names (`imports.rs`), and the glue to match.
        let (_, preload) = remove_link(html, "rel=\"preload\" href=\"./")?;
        let wasm_name = preload
            .split("href=\"./")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .filter(|name| name.ends_with(".wasm"))
            .ok_or(format!(
                "the first preload link is not the wasm's: {preload}"
            ))?;
        let wasm_path = dir.join(wasm_name);
        let wasm =
            std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
        let (wasm, glue) = crate::imports::shorten(&wasm, &glue)?;
        std::fs::write(&wasm_path, &wasm).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
        // In a function of its own, so that its names (`wasm`, …) do not meet the start-up script's.
        let glue = format!(
            "const [init, bindings] = (() => {{\n{}\nreturn [__wbg_init, {{ initSync, default: __wbg_init }}];\n}})();\n",
            glue.replace(EXPORT, "")
        );
        let script = format!("{}{glue}{}", &script[..import_at], &script[import_end..]);
        let mut html = format!("{}{}", &html[..script_at], &html[script_end..]);
        html = remove_link(
            &html,
            &format!("rel=\"modulepreload\" href=\"./{glue_name}\""),
        )?
        .0;
        let (without, preload) = remove_link(&html, "rel=\"preload\" href=\"./")?;
        if !preload.contains("as=\"fetch\" type=\"application/wasm\"") {
            return Err(format!(
                "the first preload link is not the wasm's: {preload}"
            ));
        }
        html = without;
        // Trunk's integrity attribute names the wasm as it wrote it.
        let preload = with_integrity(&preload, &wasm)?;
        let head = html
            .find("<meta charset")
            .ok_or("index.html has no <meta charset>")?;
        let head = head + html[head..].find('>').ok_or("unclosed <meta charset>")? + 1;
        html.insert_str(head, &format!("\n    {preload}"));
        let body_end = html.rfind("</body>").ok_or("index.html has no </body>")?;
        html.insert_str(body_end, &format!("{script}\n  "));
        std::fs::remove_file(&glue_path).map_err(|e| format!("{}: {e}", glue_path.display()))?;
        Ok(html)
    }

    /// The link with its `integrity` attribute (if it has one) set to the SHA-384 of `bytes`.
    fn with_integrity(link: &str, bytes: &[u8]) -> Result<String, String> {
        use base64::Engine;
        use sha2::Digest;
        const ATTRIBUTE: &str = "integrity=\"";
        let Some(at) = link.find(ATTRIBUTE).map(|at| at + ATTRIBUTE.len()) else {
            return Ok(link.to_string());
        };
        let end = at
            + link[at..]
                .find('"')
                .ok_or("an unclosed integrity attribute")?;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes));
        Ok(format!("{}sha384-{hash}{}", &link[..at], &link[end..]))
    }

    /// The page with its start-up script (Trunk's loader and the inlined glue) minified by [`minify`].
    fn minify_startup_script(html: &str) -> Result<String, String> {
        let start = html.find(STARTUP_SCRIPT).ok_or(format!(
            "Trunk's start-up script ({STARTUP_SCRIPT}) is not in index.html"
        ))? + STARTUP_SCRIPT.len();
        let end = start
            + html[start..]
                .find("</script>")
                .ok_or("the start-up script is not closed")?;
        let script = minify(&html[start..end])?;
        if script.contains("</script") || script.contains("<!--") {
            return Err("the minified start-up script holds text an inline script cannot".into());
        }
        Ok(format!("{}{script}{}", &html[..start], &html[end..]))
    }

    /// `js`, an ES module, compressed and with its local names mangled by terser (`.tools/node_modules/terser`, which
    /// `scripts/setup.sh` installs): the page's start-up script goes from about 4.8 to 4.0 KiB brotli.
    fn minify(js: &str) -> Result<String, String> {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let terser =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/node_modules/terser/bin/terser");
        if !terser.is_file() {
            return Err(format!(
                "{} is missing: run scripts/setup.sh",
                terser.display()
            ));
        }
        let mut child = Command::new("node")
            .arg(&terser)
            .args(["--module", "--compress", "--mangle"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("node {}: {e}", terser.display()))?;
        let mut stdin = child.stdin.take().ok_or("terser's stdin")?;
        let input = js.to_string();
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let output = child
            .wait_with_output()
            .map_err(|e| format!("terser: {e}"))?;
        writer
            .join()
            .map_err(|_| "terser's input")?
            .map_err(|e| format!("terser's input: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "terser failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let out = String::from_utf8(output.stdout).map_err(|e| format!("terser's output: {e}"))?;
        Ok(out.trim_end().to_string())
    }

    /// Removes the first `<link …>` whose text contains `marker`; returns the page without it and the link.
    fn remove_link(html: &str, marker: &str) -> Result<(String, String), String> {
        let at = html
            .find(marker)
            .and_then(|m| html[..m].rfind("<link"))
            .ok_or(format!("index.html has no <link {marker}…>"))?;
        let end = at + html[at..].find('>').ok_or("unclosed <link>")? + 1;
        Ok((
            format!("{}{}", &html[..at], &html[end..]),
            html[at..end].to_string(),
        ))
    }

    /// Trunk's inline start-up script, and the same made `async`.
    const STARTUP_SCRIPT: &str = "<script type=\"module\">";
    const STARTUP_SCRIPT_ASYNC: &str = "<script type=\"module\" async>";

    const CSP_MARKER: &str = "<meta http-equiv=\"Content-Security-Policy\"";

    /// Fills the guide and reference slots, makes Trunk's start-up script `async`, then adds the CSP `<meta>` right after
    /// `<meta charset>` (or first in `<head>`), before any script or stylesheet link. Fails when something it rewrites
    /// is missing, so a changed `index.html` or Trunk version cannot silently produce a page without its guide, its fast
    /// start or its policy.
    fn finish(html: &str, team: &TeamConfig) -> Result<String, String> {
        if html.contains(CSP_MARKER) {
            return Err("index.html already has a Content-Security-Policy meta tag".into());
        }
        let mut html = html.to_string();
        for (id, render) in SLOTS {
            html = fill(&html, id, &render()?)?;
        }
        if !html.contains(STARTUP_SCRIPT) {
            return Err(format!(
                "Trunk's start-up script ({STARTUP_SCRIPT}) is not in index.html: this step cannot make it async or \
                 hash it into the Content-Security-Policy"
            ));
        }
        let html = html.replacen(STARTUP_SCRIPT, STARTUP_SCRIPT_ASYNC, 1);
        let head = match html.find("<meta charset") {
            Some(at) => at + html[at..].find('>').ok_or("unclosed <meta charset>")? + 1,
            None => html.find("<head>").ok_or("index.html has no <head>")? + "<head>".len(),
        };
        let scripts: Vec<String> = inline_elements(&html, "script")
            .map(sha256_base64)
            .collect();
        let styles: Vec<String> = inline_elements(&html, "style").map(sha256_base64).collect();
        let inline = InlineHashes {
            scripts: &scripts,
            styles: &styles,
        };
        let policy = build_policy(inline, &team.extra_connect_origins());
        Ok(format!(
            "{}\n    {CSP_MARKER} content=\"{policy}\" />{}",
            &html[..head],
            &html[head..]
        ))
    }

    /// The text of every inline `<{name}>` element (one without `src`), exactly as the browser hashes it.
    fn inline_elements<'a>(html: &'a str, name: &str) -> impl Iterator<Item = &'a str> {
        let (open, close) = (format!("<{name}"), format!("</{name}>"));
        let mut rest = html;
        std::iter::from_fn(move || loop {
            let start = rest.find(&open)?;
            let open_end = start + rest[start..].find('>')? + 1;
            let tag = &rest[start..open_end];
            let end = open_end + rest[open_end..].find(&close)?;
            let text = &rest[open_end..end];
            rest = &rest[end + close.len()..];
            if !tag.contains(" src=") {
                return Some(text);
            }
        })
    }

    /// The base64 SHA-256 of a text, as a CSP hash-source spells it (`'sha256-<this>'`).
    fn sha256_base64(text: &str) -> String {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes()))
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use claude_auth_doctor::core::codes::CauseCode;

        #[test]
        fn hashes_are_base64_sha256() {
            assert_eq!(
                sha256_base64(""),
                "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
            );
            assert_eq!(
                sha256_base64("abc"),
                "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
            );
        }

        #[test]
        fn the_policy_goes_first_in_head_and_hashes_only_inline_scripts_and_styles() {
            let html = "<html><head><title>t</title><style>p{}</style><script type=\"module\">init();</script>\
                        <script src=\"x.js\"></script></head><body><div id=\"guide\"></div><div id=\"reference\"></div></body></html>";
            let out = finish(html, &TeamConfig::default()).unwrap();
            let head = out.find("<head>").unwrap();
            assert!(out[head..]
                .trim_start_matches("<head>")
                .trim_start()
                .starts_with(CSP_MARKER));
            let with_charset = finish(
                "<head><meta charset=\"utf-8\" /><script type=\"module\">x</script></head><div id=\"guide\"></div><div id=\"reference\"></div>",
                &TeamConfig::default(),
            )
            .unwrap();
            assert!(
                with_charset.starts_with("<head><meta charset=\"utf-8\" />\n    <meta http-equiv")
            );
            let expected = format!("'sha256-{}'", sha256_base64("init();"));
            assert!(out.contains(&expected));
            let style = format!("style-src 'self' 'sha256-{}'", sha256_base64("p{}"));
            assert!(out.contains(&style), "{out}");
            assert_eq!(out.matches("'sha256-").count(), 2);
            assert!(
                out.contains("<script type=\"module\" async>init();</script>"),
                "the start-up script is not async: {out}"
            );
            assert!(
                finish(&out, &TeamConfig::default()).is_err(),
                "a second policy is refused"
            );
        }

        #[test]
        fn the_guide_and_the_reference_are_rendered_into_their_slots() {
            let html = "<head><script type=\"module\">init();</script></head>\
                        <body><div id=\"guide\"></div><div id=\"app\"></div><div id=\"reference\"></div></body>";
            let out = finish(html, &TeamConfig::default()).unwrap();
            assert!(out.contains("data-testid=\"guide\""));
            assert!(out.contains("Quick checks") && out.contains("/status"));
            assert!(out.contains("<div id=\"app\"></div>"));
            let entries = out.matches("data-testid=\"cause-ref\"").count();
            assert_eq!(entries, CauseCode::ALL.len() - 1, "every cause but unknown");
            assert!(out.contains("id=\"cause-auth-conflict\""));
            assert!(out.contains("Invalid API key · Fix external API key"));
        }

        #[test]
        fn the_pre_flight_templates_are_written_beside_the_page_and_named_on_it() {
            let dir = std::env::temp_dir().join(format!("postbuild-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let html = "<body><main id=\"app\" class=\"tools\"></main></body>";
            let out = write_preflight_templates(&dir, html, &TeamConfig::default()).unwrap();
            for family in Family::ALL {
                let (asset, attribute) = family.asset();
                let at =
                    out.find(&format!("{attribute}=\"./")).expect("named") + attribute.len() + 4;
                let name = &out[at..at + out[at..].find('"').unwrap()];
                assert!(name.starts_with(asset) && name.ends_with(".txt"), "{name}");
                let written = std::fs::read_to_string(dir.join(name)).unwrap();
                assert_eq!(written, template(family, None));
            }
            assert!(out.ends_with(" class=\"tools\"></main></body>"), "{out}");
            assert!(
                write_preflight_templates(&dir, "<body></body>", &TeamConfig::default()).is_err()
            );
            std::fs::remove_dir_all(&dir).unwrap();
        }

        #[test]
        fn the_glue_is_inlined_at_the_end_of_body_and_the_wasm_preloaded_first() {
            let dir = std::env::temp_dir().join(format!("postbuild-glue-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let glue = "let wasm;\nfunction __wbg_init(x) { wasm = x; }\nfunction initSync() {}\n\
                        const import0 = {\n        __wbg_f_1: function() {},\n    };\n\
                        const imports = { \"./app-1_bg.js\": import0 };\n\
                        export { initSync, __wbg_init as default };\n";
            std::fs::write(dir.join("app-1.js"), glue).unwrap();
            // A module with one function import from the glue.
            let mut wasm = b"\0asm\x01\0\0\0\x01\x04\x01\x60\0\0\x02\x1b\x01".to_vec();
            for name in ["./app-1_bg.js", "__wbg_f_1"] {
                wasm.push(name.len() as u8);
                wasm.extend_from_slice(name.as_bytes());
            }
            wasm.extend_from_slice(&[0, 0]);
            std::fs::write(dir.join("app-1_bg.wasm"), &wasm).unwrap();
            let html = "<head><meta charset=\"utf-8\"/><title>t</title><script type=\"module\">\
                        import init, * as bindings from './app-1.js';\nconst wasm = await init({});\n</script>\
                        <link rel=\"modulepreload\" href=\"./app-1.js\" crossorigin=\"anonymous\">\
                        <link rel=\"preload\" href=\"./app-1_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-x\" \
                        as=\"fetch\" type=\"application/wasm\"></head><body><p>x</p></body>";
            let out = inline_glue(&dir, html).unwrap();
            // The imports are renamed in both, and the preload's integrity names the module as rewritten.
            assert!(out.contains("a: function() {},") && out.contains("{ \"g\": import0 }"));
            let written = std::fs::read(dir.join("app-1_bg.wasm")).unwrap();
            assert!(written.ends_with(b"\x01g\x01a\0\0") && written.len() == wasm.len() - 12 - 8);
            {
                use base64::Engine;
                use sha2::Digest;
                let hash = base64::engine::general_purpose::STANDARD
                    .encode(sha2::Sha384::digest(&written));
                assert!(
                    out.contains(&format!("integrity=\"sha384-{hash}\"")),
                    "{out}"
                );
            }
            assert!(!dir.join("app-1.js").exists(), "the glue file is removed");
            assert!(
                !out.contains("modulepreload") && !out.contains("app-1.js"),
                "{out}"
            );
            let preload = out
                .find("<link rel=\"preload\" href=\"./app-1_bg.wasm\"")
                .unwrap();
            assert!(preload < out.find("<title>").unwrap(), "{out}");
            let script = out.find(STARTUP_SCRIPT).unwrap();
            assert!(
                script > out.find("<p>x</p>").unwrap() && out.ends_with("</script>\n  </body>")
            );
            assert!(out.contains("function __wbg_init(x)") && !out.contains("export {"));
            assert!(out.contains("const wasm = await init({});"));
            std::fs::write(
                dir.join("app-1.js"),
                format!("{glue}export function other() {{}}\n"),
            )
            .unwrap();
            std::fs::write(dir.join("app-1_bg.wasm"), &wasm).unwrap();
            assert!(inline_glue(&dir, html)
                .unwrap_err()
                .contains("exports more"));
            std::fs::remove_dir_all(&dir).unwrap();
        }

        #[test]
        fn the_start_up_script_is_minified_and_keeps_what_it_does() {
            let html = "<head></head><body><p>x</p><script type=\"module\">\n\
                        const [init, bindings] = (() => {\n    // the glue\n    function __wbg_init(options) {\n\
                        return { options, imports: { \"g\": { a: function() { return 1; } } } };\n    }\n\
                        return [__wbg_init, { default: __wbg_init }];\n})();\n\
                        window.wasmBindings = bindings;\nawait init({ module_or_path: './app_bg.wasm' });\n\
                        </script>\n  </body>";
            let out = minify_startup_script(html).unwrap();
            assert!(out.starts_with("<head></head><body><p>x</p><script type=\"module\">"));
            assert!(out.ends_with("</script>\n  </body>"));
            let script = &out[out.find(STARTUP_SCRIPT).unwrap()..];
            assert!(out.len() + 100 < html.len(), "{out}");
            // Comments and local names go; property names, globals and strings stay.
            assert!(
                !script.contains("the glue") && !script.contains("__wbg_init"),
                "{out}"
            );
            for kept in [
                "window.wasmBindings",
                "imports:{g:{a:",
                "./app_bg.wasm",
                "module_or_path",
                "imports",
            ] {
                assert!(script.contains(kept), "{kept} missing: {out}");
            }
            assert!(minify("const = ;").unwrap_err().contains("terser failed"));
        }

        #[test]
        fn what_it_rewrites_must_be_there() {
            let no_guide = "<head><script type=\"module\">init();</script></head><body></body>";
            assert!(finish(no_guide, &TeamConfig::default())
                .unwrap_err()
                .contains("guide slot"));
            let no_reference =
                "<head><script type=\"module\">init();</script></head><body><div id=\"guide\"></div></body>";
            assert!(finish(no_reference, &TeamConfig::default())
                .unwrap_err()
                .contains("reference slot"));
            let no_script =
                "<head></head><body><div id=\"guide\"></div><div id=\"reference\"></div></body>";
            assert!(finish(no_script, &TeamConfig::default())
                .unwrap_err()
                .contains("start-up script"));
        }
    }
}
