//! The layering rule, checked on the source: every `crate::…` path (in `use` items, groups
//! and inline) and every `super::…` path of every file under `src/` names a module of its
//! own stage or of an earlier one, and no modules form a circle. The order is
//! leaves (config, dates, diagnostics, health, imagefile, paths) ← load ← parse ← resolve ← render ←
//! output ← build ← dev and scaffold; `src/cli/` is the binary and uses the library only.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and its place in the pipeline.
const STAGES: &[(&str, u32)] = &[
    ("config", 0),
    ("dates", 0),
    ("diagnostics", 0),
    ("health", 0),
    ("i18n", 0),
    ("imagefile", 0),
    ("paths", 0),
    ("text", 0),
    ("load", 1),
    ("parse", 2),
    ("resolve", 3),
    ("render", 4),
    ("output", 5),
    ("build", 6),
    ("dev", 7),
    ("external", 7),
    ("reviews", 7),
    ("scaffold", 7),
];

type Module = Vec<String>;

/// Every module of the library with the text of its file.
fn modules(src: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.expect("walk src/");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).expect("under src/");
        let mut parts: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        if matches!(
            parts.first().map(String::as_str),
            Some("lib" | "main" | "cli")
        ) {
            continue;
        }
        out.insert(parts, std::fs::read_to_string(path).expect("read"));
    }
    out
}

/// The text without comments and string literals, which may mention paths freely.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '"' && !escaped {
                        break;
                    }
                    escaped = c == '\\' && !escaped;
                }
                out.push_str("\"\"");
            }
            c => out.push(c),
        }
    }
    out
}

/// Paths after `crate::` or `super::`, groups (`use crate::{a, b::c}`) expanded.
fn paths_in(code: &str, me: &[String]) -> Vec<Module> {
    let mut found = Vec::new();
    for (start, root) in code
        .match_indices("crate::")
        .map(|(i, _)| (i, "crate"))
        .chain(code.match_indices("super::").map(|(i, _)| (i, "super")))
    {
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let base: Module = if root == "crate" {
            Vec::new()
        } else {
            // `super` in a file's own module refers to its parent; in a nested `mod tests`
            // it refers to the file's module, which is where the code lives anyway.
            me[..me.len().saturating_sub(1)].to_vec()
        };
        let rest = &code[start + root.len() + 2..];
        for p in expand(rest) {
            let mut full = base.clone();
            full.extend(p);
            found.push(full);
        }
    }
    found
}

/// `a::b::{c, d::e}` → `[a, b, c]`, `[a, b, d, e]`; `a::B` → `[a, B]`.
fn expand(rest: &str) -> Vec<Module> {
    let mut prefix = Vec::new();
    let mut s = rest;
    loop {
        if let Some(inner) = s.strip_prefix('{') {
            let mut depth = 1;
            let mut end = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = i;
                    break;
                }
            }
            let mut out = Vec::new();
            for item in split_top(&inner[..end]) {
                for p in expand(item.trim()) {
                    let mut full = prefix.clone();
                    full.extend(p);
                    out.push(full);
                }
            }
            return out;
        }
        let name: String = s
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            return vec![prefix];
        }
        s = &s[name.len()..];
        prefix.push(name);
        match s.strip_prefix("::") {
            Some(next) => s = next,
            None => return vec![prefix],
        }
    }
}

fn split_top(s: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0, 0, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// The longest module that `path` starts with.
fn module_of(path: &[String], known: &BTreeSet<Module>) -> Option<Module> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| known.contains(m))
}

fn rank(m: &[String]) -> Option<u32> {
    let top = m.first()?;
    STAGES.iter().find(|(n, _)| n == top).map(|(_, r)| *r)
}

/// Every module's imports of other modules.
fn imports(src: &Path) -> BTreeMap<Module, BTreeSet<Module>> {
    let mods = modules(src);
    let known: BTreeSet<Module> = mods.keys().cloned().collect();
    mods.iter()
        .map(|(me, text)| {
            let targets = paths_in(&code_only(text), me)
                .iter()
                .filter_map(|p| module_of(p, &known))
                .filter(|t| t != me)
                .collect();
            (me.clone(), targets)
        })
        .collect()
}

/// Imports that point up the pipeline, as `from → to`.
fn upward(imports: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<String> {
    let mut bad = Vec::new();
    for (from, targets) in imports {
        for to in targets {
            let (Some(a), Some(b)) = (rank(from), rank(to)) else {
                bad.push(format!(
                    "{} → {} (a module outside the stage list)",
                    from.join("::"),
                    to.join("::")
                ));
                continue;
            };
            let same_stage = from.first() == to.first();
            if !same_stage && (b > a || (b == a && a > 0)) {
                bad.push(format!("{} → {}", from.join("::"), to.join("::")));
            }
        }
    }
    bad
}

/// Circles among sibling modules: an import `a::x::y → a::z` is an edge `a::x → a::z`; a
/// module using its parent's items is not an edge.
fn circles(imports: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<String> {
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (from, targets) in imports {
        for to in targets {
            let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == to.len() {
                continue;
            }
            edges
                .entry(from[..=common].to_vec())
                .or_default()
                .insert(to[..=common].to_vec());
        }
    }
    let mut found = BTreeSet::new();
    for start in edges.keys() {
        // Depth-first search for a path back to `start`.
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in edges.get(&node).into_iter().flatten() {
                if next == start {
                    let mut names: Vec<String> = path.iter().map(|m| m.join("::")).collect();
                    let least = names
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, n)| *n)
                        .map_or(0, |(i, _)| i);
                    names.rotate_left(least);
                    found.insert(names.join(" → "));
                } else if seen.insert(next.clone()) {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
    found.into_iter().collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn imports_only_point_down_the_pipeline() {
    let bad = upward(&imports(&src()));
    assert!(
        bad.is_empty(),
        "imports from a later stage:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_modules_form_a_circle() {
    let found = circles(&imports(&src()));
    assert!(
        found.is_empty(),
        "modules that import each other:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_place_in_the_pipeline() {
    let tops: BTreeSet<String> = modules(&src())
        .keys()
        .filter_map(|m| m.first().cloned())
        .collect();
    let missing: Vec<&String> = tops
        .iter()
        .filter(|t| !STAGES.iter().any(|(n, _)| n == t))
        .collect();
    assert!(missing.is_empty(), "add these to STAGES: {missing:?}");
}

/// The checker itself: a planted upward import and a planted circle are found.
#[test]
fn the_checker_finds_an_upward_import_and_a_circle() {
    let dir = tempfile::tempdir().expect("tmp");
    let src = dir.path();
    let write = |rel: &str, text: &str| {
        let p = src.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    write("load/mod.rs", "use crate::{config, render::Sink};\n");
    write("render/mod.rs", "mod a; mod b;\n");
    write(
        "render/a.rs",
        "use super::b::X; // crate::output in a comment is fine\n",
    );
    write(
        "render/b.rs",
        "fn f() { crate::render::a::g(); let s = \"crate::build\"; }\n",
    );
    write("config.rs", "");
    let found = imports(src);
    assert_eq!(upward(&found), ["load → render"]);
    assert_eq!(circles(&found), ["render::a → render::b"]);
}
