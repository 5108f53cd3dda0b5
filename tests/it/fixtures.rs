//! Fixture sites on disk: each `tests/fixtures/NAME/` is a small site with the command to
//! run (`args.txt`, default `build`) and what it must give: `expected/`, the output folder
//! file by file, and/or `expected.txt`, the exit code and error output. Set
//! `PIGMENT_UPDATE_SNAPSHOTS=1` to rewrite the expected files. See README.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{check_snapshot, copy_tree, difference, pigment, tree, updating_snapshots};

/// Files of a fixture folder that describe the case rather than belong to the site.
const CASE_FILES: &[&str] = &["args.txt", "expected", "expected.txt"];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn every_fixture_site_matches_its_expected_files() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures")
        .map(|e| e.expect("read tests/fixtures").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 4, "{cases:?}");
    let failures: Vec<String> = cases.iter().flat_map(|case| run_case(case)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Runs one fixture in a copy of its site; returns what did not match.
fn run_case(case: &Path) -> Vec<String> {
    let site = tempfile::tempdir().expect("temp dir");
    copy_site(case, site.path());
    let args = read_args(case);
    let out = pigment()
        .args(&args)
        .args(["--color", "never"])
        .current_dir(site.path())
        .env_remove("NO_COLOR")
        .output()
        .expect("run pigment");
    let code = out.status.code().unwrap_or(-1);
    let transcript = format!(
        "exit: {code}\n{}",
        mask_millis(&String::from_utf8_lossy(&out.stderr))
    );
    let expected_tree = case.join("expected");
    let expected_txt = case.join("expected.txt");
    let new_case = !expected_tree.exists() && !expected_txt.exists();
    let output = site.path().join("public");
    let mut failures = Vec::new();
    if expected_txt.exists() || new_case {
        failures.extend(check_snapshot(&expected_txt, transcript.as_bytes()));
    }
    if expected_tree.exists() || (new_case && updating_snapshots() && output.exists()) {
        if code != 0 {
            failures.push(format!("{}: {transcript}", case.display()));
        }
        failures.extend(compare_tree(&expected_tree, &output));
    }
    failures
}

/// The command line in `args.txt`, split at white space; `build` without one.
fn read_args(case: &Path) -> Vec<String> {
    match std::fs::read_to_string(case.join("args.txt")) {
        Ok(text) => text.split_whitespace().map(String::from).collect(),
        Err(_) => vec!["build".to_string()],
    }
}

/// Copies the site part of a fixture folder into `to`.
fn copy_site(case: &Path, to: &Path) {
    for entry in std::fs::read_dir(case).expect("read fixture") {
        let entry = entry.expect("read fixture");
        let name = entry.file_name();
        if CASE_FILES.iter().any(|f| name == *f) {
            continue;
        }
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).expect("copy");
        }
    }
}

/// Compares the output folder with `expected/` file by file, or rewrites `expected/`.
fn compare_tree(expected: &Path, output: &Path) -> Vec<String> {
    let got = tree(output);
    if updating_snapshots() {
        let _ = std::fs::remove_dir_all(expected);
        for (rel, bytes) in &got {
            let path = expected.join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, bytes).expect("write expected file");
        }
        return Vec::new();
    }
    let want = tree(expected);
    let mut failures = Vec::new();
    for (rel, bytes) in &want {
        match got.get(rel) {
            None => failures.push(format!("{}: not written", expected.join(rel).display())),
            Some(g) if g != bytes => failures.push(format!(
                "{}: {}",
                expected.join(rel).display(),
                difference(bytes, g)
            )),
            Some(_) => {}
        }
    }
    failures.extend(extra_files(&want, &got, expected));
    failures
}

fn extra_files(
    want: &BTreeMap<PathBuf, Vec<u8>>,
    got: &BTreeMap<PathBuf, Vec<u8>>,
    expected: &Path,
) -> Vec<String> {
    got.keys()
        .filter(|rel| !want.contains_key(*rel))
        .map(|rel| format!("{}: written but not expected", expected.join(rel).display()))
        .collect()
}

/// Replaces the build time in "… in 12 ms" with `[..]`: it differs from run to run.
fn mask_millis(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" in ") {
        let (head, tail) = rest.split_at(i + 4);
        out.push_str(head);
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && tail[digits..].starts_with(" ms") {
            out.push_str("[..]");
            rest = &tail[digits..];
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}
