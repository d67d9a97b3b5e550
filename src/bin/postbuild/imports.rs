//! Short import names. wasm-bindgen names every JavaScript function the WebAssembly imports after its Rust item and a
//! hash (`__wbg_createElement_de4a31ed2fb252be`: 163 of them, ~5.5 KB), and both the module's import section and the
//! glue's import object spell each name out, under the glue's module name (`"./claude-auth-doctor_bg.js"`). Hashes do
//! not compress, so this step renames the module to `g` and each import to a short name (`a`, `b`, … `aa`, …) in both
//! places: ~2.3 KiB less brotli in the wasm and ~1.5 KiB less in the page. Only names change: the imports keep their
//! order, kinds and types, so every index in the module stays valid.
//!
//! It fails (and with it the build) when the module or the glue is not shaped as wasm-bindgen 0.2 writes them: an
//! import from another module, or a name the glue does not spell exactly once as a key of its import object.

/// The glue's import object renamed: `"g": import0`.
const MODULE: &str = "g";

/// Renames the imports of `wasm` and the keys of `glue`'s import object; returns both.
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), String> {
    const HEADER: &[u8] = b"\0asm\x01\0\0\0";
    if !wasm.starts_with(HEADER) {
        return Err("the wasm does not start with a version-1 module header".into());
    }
    let mut out = HEADER.to_vec();
    let mut glue = glue.to_string();
    let mut at = HEADER.len();
    let mut found = false;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body_at) = leb(wasm, at + 1)?;
        let body = wasm
            .get(body_at..body_at + size as usize)
            .ok_or("a section runs past the end of the wasm")?;
        let body = if id == 2 {
            found = true;
            imports(body, &mut glue)?
        } else {
            body.to_vec()
        };
        out.push(id);
        write_leb(&mut out, body.len() as u32);
        out.extend_from_slice(&body);
        at = body_at + size as usize;
    }
    if !found {
        return Err("the wasm has no import section".into());
    }
    Ok((out, glue))
}

/// The import section with every name short; renames the same names in `glue`.
fn imports(body: &[u8], glue: &mut String) -> Result<Vec<u8>, String> {
    let (count, mut at) = leb(body, 0)?;
    let mut out = Vec::new();
    write_leb(&mut out, count);
    let mut module_name: Option<String> = None;
    for index in 0..count {
        let (module, next) = name(body, at)?;
        let (field, next) = name(body, next)?;
        let desc_end = skip_desc(body, next)?;
        match &module_name {
            None => module_name = Some(module.clone()),
            Some(first) if *first != module => {
                return Err(format!(
                "the wasm imports from {first:?} and {module:?}: only one glue module is expected"
            ))
            }
            Some(_) => {}
        }
        let short = short_name(index);
        let key = format!("\n        {field}: ");
        if glue.matches(&key).count() != 1 || glue.matches(field.as_str()).count() != 1 {
            return Err(format!(
                "the glue does not name the import {field:?} exactly once, as a key of its import object"
            ));
        }
        *glue = glue.replacen(&key, &format!("\n        {short}: "), 1);
        write_name(&mut out, MODULE);
        write_name(&mut out, &short);
        out.extend_from_slice(&body[next..desc_end]);
        at = desc_end;
    }
    if at != body.len() {
        return Err("the import section has bytes after its last import".into());
    }
    let module = module_name.ok_or("the wasm imports nothing")?;
    let key = format!("\"{module}\": import0");
    if glue.matches(&key).count() != 1 {
        return Err(format!("the glue does not return its imports as {key}"));
    }
    *glue = glue.replacen(&key, &format!("\"{MODULE}\": import0"), 1);
    Ok(out)
}

/// `a` … `z`, then `aa`, `ab`, …: names no JavaScript object has on its own.
fn short_name(mut index: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'a' + (index % 26) as u8);
        index /= 26;
        if index == 0 {
            break;
        }
        index -= 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// The end of an import's description (its kind and type), which is copied as it is.
fn skip_desc(body: &[u8], at: usize) -> Result<usize, String> {
    let kind = *body.get(at).ok_or("an import has no kind")?;
    let at = at + 1;
    let limits = |at: usize| -> Result<usize, String> {
        let flags = *body.get(at).ok_or("truncated limits")?;
        let (_, at) = leb(body, at + 1)?;
        if flags & 1 == 1 {
            Ok(leb(body, at)?.1)
        } else {
            Ok(at)
        }
    };
    match kind {
        0 => Ok(leb(body, at)?.1),     // a function: its type index
        1 => limits(at + 1),           // a table: its element type, its limits
        2 => limits(at),               // a memory
        3 => Ok(at + 2),               // a global: its value type, its mutability
        4 => Ok(leb(body, at + 1)?.1), // a tag: an attribute, a type index
        other => Err(format!("an import of unknown kind {other}")),
    }
}

fn name(body: &[u8], at: usize) -> Result<(String, usize), String> {
    let (len, at) = leb(body, at)?;
    let end = at + len as usize;
    let bytes = body.get(at..end).ok_or("a name runs past its section")?;
    let text = std::str::from_utf8(bytes).map_err(|_| "an import name is not UTF-8")?;
    Ok((text.to_string(), end))
}

fn write_name(out: &mut Vec<u8>, name: &str) {
    write_leb(out, name.len() as u32);
    out.extend_from_slice(name.as_bytes());
}

/// An unsigned LEB128 number at `at`; returns it and where it ends.
fn leb(bytes: &[u8], mut at: usize) -> Result<(u32, usize), String> {
    let mut value: u64 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes
            .get(at)
            .ok_or("a number runs past the end of the wasm")?;
        at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return u32::try_from(value)
                .map(|v| (v, at))
                .map_err(|_| "a number too large".into());
        }
    }
    Err("a number longer than five bytes".into())
}

fn write_leb(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with one function type, two function imports from `./app_bg.js` and a memory import.
    fn module(second_module: &str) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: () -> ()
        let mut body = Vec::new();
        write_leb(&mut body, 3);
        for (module, field, desc) in [
            ("./app_bg.js", "__wbg_f_0123456789abcdef", vec![0u8, 0]),
            (second_module, "__wbg_g_fedcba9876543210", vec![0, 0]),
            ("./app_bg.js", "__wbindgen_memory", vec![2, 1, 1, 2]),
        ] {
            write_name(&mut body, module);
            write_name(&mut body, field);
            body.extend_from_slice(&desc);
        }
        wasm.push(2);
        write_leb(&mut wasm, body.len() as u32);
        wasm.extend_from_slice(&body);
        wasm.extend_from_slice(&[0, 3, 1, b'x', 7]); // a custom section, kept as it is
        wasm
    }

    const GLUE: &str = "function __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n        \
        __wbg_f_0123456789abcdef: function() {},\n        __wbg_g_fedcba9876543210: function() {},\n        \
        __wbindgen_memory: function() {},\n    };\n    return { __proto__: null, \"./app_bg.js\": import0 };\n}";

    #[test]
    fn renames_the_imports_in_the_module_and_the_glue_alike() {
        let wasm = module("./app_bg.js");
        let (out, glue) = shorten(&wasm, GLUE).unwrap();
        assert!(glue.contains(
            "\n        a: function() {},\n        b: function() {},\n        c: function"
        ));
        assert!(
            glue.contains("\"g\": import0")
                && !glue.contains("__wbg_f_")
                && !glue.contains("app_bg")
        );
        let (_, mut at) = leb(&out, 8 + 6 + 1).unwrap();
        let (count, next) = leb(&out, at).unwrap();
        at = next;
        assert_eq!(count, 3);
        let mut names = Vec::new();
        for _ in 0..count {
            let (module, next) = name(&out, at).unwrap();
            let (field, next) = name(&out, next).unwrap();
            names.push(format!("{module}.{field}"));
            at = skip_desc(&out, next).unwrap();
        }
        assert_eq!(names, ["g.a", "g.b", "g.c"]);
        assert_eq!(&out[out.len() - 5..], &[0, 3, 1, b'x', 7]);
        assert_eq!(
            wasm.len() - out.len(),
            3 * ("./app_bg.js".len() - 1) + 23 + 23 + 16
        );
    }

    #[test]
    fn fails_on_what_it_does_not_expect() {
        assert!(shorten(&module("./other.js"), GLUE)
            .unwrap_err()
            .contains("only one glue module"));
        let twice = GLUE.replace("return {", "__wbg_f_0123456789abcdef(); return {");
        assert!(shorten(&module("./app_bg.js"), &twice)
            .unwrap_err()
            .contains("exactly once"));
        assert!(shorten(b"\0asm\x02\0\0\0", GLUE).is_err());
        assert!(shorten(b"\0asm\x01\0\0\0", GLUE)
            .unwrap_err()
            .contains("no import section"));
    }

    #[test]
    fn short_names_are_letters_and_distinct() {
        let names: Vec<String> = (0..800).map(short_name).collect();
        assert_eq!(
            (
                &names[0][..],
                &names[25][..],
                &names[26][..],
                &names[27][..]
            ),
            ("a", "z", "aa", "ab")
        );
        let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_lowercase())));
    }
}
