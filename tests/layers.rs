//! The layers of `src/` hold (README, «Development»): every `crate::…` path a module uses must
//! point at a module its layer may import, no source file passes 800 lines, and no screen opens
//! the database itself. Test modules may build their fixtures from any layer and are not read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The plain vocabulary at the bottom.
const BOTTOM: &[&str] = &["model", "error", "vietnamese"];
/// Side by side above it.
const SIDE: &[&str] = &[
    "store", "document", "export", "import", "report", "sign", "sample",
];

/// The modules `module` may import (besides itself).
fn allowed(module: &str) -> Option<Vec<&'static str>> {
    let mut ok: Vec<&'static str> = BOTTOM.to_vec();
    match module {
        m if BOTTOM.contains(&m) => {}
        "document" => ok.push("report"),
        "export" => ok.extend(["document", "report"]),
        m if SIDE.contains(&m) => {}
        "ops" => {
            ok.extend(SIDE);
            ok.push("platform");
        }
        "platform" => {}
        "app" | "cli" => ok.extend(["ops", "platform"]),
        _ => return None,
    }
    Some(ok)
}

/// The top-level module a root item belongs to (`crate::Error` is `error::Error`).
fn root_item(name: &str) -> &str {
    match name {
        "Error" | "Result" => "error",
        "Store" => "store",
        other => other,
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its test modules and its comments.
fn code(text: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = text.lines().collect();
    // Braces still open inside a test module being skipped.
    let mut skipping: Option<i32> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if let Some(depth) = skipping.as_mut() {
            *depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            if *depth <= 0 {
                skipping = None;
            }
            continue;
        }
        if t.starts_with("#[cfg(test)]")
            && lines
                .get(i + 1)
                .is_some_and(|n| n.trim_start().starts_with("mod tests"))
        {
            skipping = Some(0);
            continue;
        }
        if t.starts_with("//") {
            continue;
        }
        let line = match line.find(" //") {
            Some(k) if !line[..k].contains('"') => &line[..k],
            _ => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The first segment of each `crate::` path in `code`, groups (`crate::{a, b::c}`) included.
fn targets(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = code;
    while let Some(k) = rest.find("crate::") {
        // `$crate::` in a macro is the crate too.
        let after = &rest[k + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 || (c == ',' && depth == 1) {
                    let name = ident(&item);
                    if !name.is_empty() {
                        out.insert(root_item(&name).to_string());
                    }
                    item.clear();
                    if depth == 0 {
                        break;
                    }
                } else {
                    item.push(c);
                }
            }
        } else {
            let name = ident(after);
            if !name.is_empty() {
                out.insert(root_item(&name).to_string());
            }
        }
        rest = after;
    }
    out
}

/// Every edge against the layers, as `file: module → target`.
pub fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut bad = Vec::new();
    for file in files {
        let rel = file.strip_prefix(src).expect("under src");
        let first = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or_default();
        let module = first.trim_end_matches(".rs");
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read");
        let Some(ok) = allowed(module) else {
            bad.push(format!("{}: module «{module}» has no layer", rel.display()));
            continue;
        };
        for target in targets(&code(&text)) {
            if target != module && !ok.contains(&target.as_str()) {
                bad.push(format!("{}: {module} → {target}", rel.display()));
            }
        }
    }
    bad
}

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_import_follows_the_layers() {
    let bad = violations(&src());
    assert!(
        bad.is_empty(),
        "imports against the layers:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_reader_sees_groups_roots_and_skips_tests_and_comments() {
    let text = "use crate::{model::Unit, error::{Error, Result}};\nuse crate::Store;\n\
                // crate::app in a comment\nfn f() { crate::vietnamese::nfc(\"\"); }\n\
                #[cfg(test)]\nmod tests {\n    use crate::ops;\n}\nuse crate::report::X;\n";
    let found: Vec<String> = targets(&code(text)).into_iter().collect();
    assert_eq!(found, ["error", "model", "report", "store", "vietnamese"]);
}

#[test]
fn no_source_file_passes_800_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).expect("read").lines().count();
            (n > 800).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}

#[test]
fn no_screen_opens_the_store_or_keeps_a_data_folder() {
    // The shared context holds the workspace and runs the work; a screen asks it.
    let forbidden = [
        "Store::open",
        "open_dir(",
        "ws.open(",
        "Workspace::new(",
        "Workspace::resolve(",
        "rusqlite",
        "data_dir:",
    ];
    let mut files = Vec::new();
    rust_files(&src().join("app"), &mut files);
    let mut bad = Vec::new();
    for f in files.iter().filter(|f| !f.ends_with("app/context.rs")) {
        let text = code(&std::fs::read_to_string(f).expect("read"));
        for pattern in forbidden {
            if text.contains(pattern) {
                bad.push(format!("{}: {pattern}", f.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
