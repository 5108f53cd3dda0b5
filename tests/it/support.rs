//! A small site in a temporary folder, built by the real `pigment` binary.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The day every test takes as "today", so no test depends on the calendar: review
/// warnings and dates in new pages are the same on any day the suite runs.
pub(crate) const TODAY: pigment::Date = pigment::Date::constant(2026, 12, 1);

/// The `pigment` binary, with "today" pinned to [`TODAY`] through `PIGMENT_TODAY`.
pub(crate) fn pigment() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pigment"));
    cmd.env("PIGMENT_TODAY", TODAY.to_string());
    cmd
}

pub(crate) struct TestSite {
    pub dir: tempfile::TempDir,
}

pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub(crate) const SITE_TOML: &str = r#"title = "Fixture Clinic Guide"
base_url = "https://fixture.example"
description = "A small site for tests."

[clinic]
name = "Fixture Clinic"
phone = "+44 20 7946 0000"
email = "care@fixture.example"
address = { street = "1 Test Street", locality = "London", postal_code = "N1 1AA", country = "GB" }

[[topics]]
id = "recovery"
title = "Recovery"
description = "After treatment."

[[topics]]
id = "costs"
title = "Costs"
description = "Prices."

[[menu]]
title = "Articles"
url = "/articles/"
"#;

impl TestSite {
    pub(crate) fn new() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A site with site.toml and the given files.
    pub(crate) fn with(files: &[(&str, &str)]) -> TestSite {
        let s = TestSite::new();
        s.write("site.toml", SITE_TOML);
        for (p, c) in files {
            s.write(p, c);
        }
        s
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, rel: &str, content: &str) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, content).expect("write");
    }

    pub(crate) fn remove(&self, rel: &str) {
        std::fs::remove_file(self.dir.path().join(rel)).expect("remove");
    }

    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let out = pigment()
            .args(args)
            .arg("--color")
            .arg("never")
            .current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .output()
            .expect("run pigment");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub(crate) fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub(crate) fn out(&self, rel: &str) -> String {
        let p = self.dir.path().join("public").join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.dir.path().join("public").join(rel).exists()
    }

    /// Every file under `public/` with its bytes.
    pub(crate) fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        tree(&self.dir.path().join("public"))
    }
}

/// A long-running `pigment` command (`serve`, `watch`) in a test site, with its error
/// output read line by line; killed when dropped, printing its output if a test failed.
pub(crate) struct Running {
    pub child: Child,
    log: mpsc::Receiver<String>,
}

impl TestSite {
    /// Starts `pigment ARGS --color never` in the site.
    pub(crate) fn spawn(&self, args: &[&str]) -> Running {
        let mut cmd = pigment();
        cmd.args(args).args(["--color", "never"]);
        self.spawn_command(cmd)
    }

    /// Starts `cmd` (a `pigment` command, perhaps with environment or limits) in the site.
    pub(crate) fn spawn_command(&self, mut cmd: Command) -> Running {
        if !cmd.get_envs().any(|(k, _)| k == "PIGMENT_TODAY") {
            cmd.env("PIGMENT_TODAY", TODAY.to_string());
        }
        let mut child = cmd
            .current_dir(self.root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {cmd:?}: {e}"));
        let stderr = child.stderr.take().expect("stderr");
        let (tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Running { child, log }
    }
}

impl Running {
    /// The next line of output containing `needle`, waiting up to `wait` for each line.
    pub(crate) fn wait_line(&self, needle: &str, wait: Duration) -> String {
        let mut seen = Vec::new();
        loop {
            let line = self
                .log
                .recv_timeout(wait)
                .unwrap_or_else(|_| panic!("no line with {needle:?}; saw {seen:?}"));
            if line.contains(needle) {
                return line;
            }
            seen.push(line);
        }
    }
}

impl Running {
    /// Every line of output up to and including the next one containing `needle`, waiting
    /// up to `wait` for each line.
    pub(crate) fn lines_until(&self, needle: &str, wait: Duration) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            let line = self
                .log
                .recv_timeout(wait)
                .unwrap_or_else(|_| panic!("no line with {needle:?}; saw {seen:?}"));
            let found = line.contains(needle);
            seen.push(line);
            if found {
                return seen;
            }
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // The command's own output explains most failures.
            for line in self.log.try_iter() {
                eprintln!("pigment: {line}");
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut m = BTreeMap::new();
    if !dir.exists() {
        return m;
    }
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk");
        // The build stamp records file times, which differ from build to build by design.
        if e.file_type().is_file() && e.file_name() != pigment::STAMP {
            let rel = e.path().strip_prefix(dir).expect("prefix").to_path_buf();
            m.insert(rel, std::fs::read(e.path()).expect("read"));
        }
    }
    m
}

/// Every internal `href`/`src` in the HTML under `dir` that does not resolve to a file (and,
/// with a fragment, to an element id in it). `base` is the site's path prefix (`/`).
pub(crate) fn broken_links(dir: &Path, base: &str) -> Vec<String> {
    let files = tree(dir);
    let mut ids: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for (p, bytes) in &files {
        if p.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8_lossy(bytes);
            ids.insert(p.clone(), attr_values(&html, "id"));
        }
    }
    let mut broken = Vec::new();
    for (p, bytes) in &files {
        if p.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for attr in ["href", "src"] {
            for v in attr_values(&html, attr) {
                let v = v.replace("&amp;", "&");
                if v.contains("://")
                    || v.starts_with("mailto:")
                    || v.starts_with("tel:")
                    || v.starts_with("data:")
                    || v.starts_with("//")
                {
                    continue;
                }
                let (path, frag) = match v.split_once('#') {
                    Some((a, b)) => (a.to_string(), Some(b.to_string())),
                    None => (v.clone(), None),
                };
                let target = if path.is_empty() {
                    p.clone()
                } else if let Some(rest) = path.strip_prefix(base) {
                    let mut t = PathBuf::from(rest);
                    if path.ends_with('/') || rest.is_empty() {
                        t = t.join("index.html");
                    }
                    t
                } else {
                    broken.push(format!("{}: {v} (not under {base})", p.display()));
                    continue;
                };
                if !files.contains_key(&target) {
                    broken.push(format!(
                        "{}: {v} (no file {})",
                        p.display(),
                        target.display()
                    ));
                    continue;
                }
                if let Some(f) = frag {
                    if !f.is_empty() && !ids.get(&target).is_some_and(|list| list.contains(&f)) {
                        broken.push(format!("{}: {v} (no id {f})", p.display()));
                    }
                }
            }
        }
    }
    broken
}

/// Values of `name="…"` attributes (double-quoted), found by scanning.
pub(crate) fn attr_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let end = after.find('"').unwrap_or(after.len());
        out.push(after[..end].to_string());
        rest = &after[end..];
    }
    out
}

/// How sync tools and scripts replace a whole folder of a site.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Replace {
    /// `cp -r DIR DIR.new && mv DIR DIR.old && mv DIR.new DIR`.
    RenameSwap,
    /// `rm -rf DIR && cp -r backup DIR`, with the backup made beforehand.
    RemoveAndCopy,
}

impl TestSite {
    /// Replaces the site's folder `dir` with a copy of itself, as `how` says.
    pub(crate) fn replace_dir(&self, dir: &str, how: Replace) {
        let live = self.root().join(dir);
        let spare = self.root().join(format!("{dir}.spare"));
        let _ = std::fs::remove_dir_all(&spare);
        copy_tree(&live, &spare);
        match how {
            Replace::RenameSwap => {
                let old = self.root().join(format!("{dir}.old"));
                let _ = std::fs::remove_dir_all(&old);
                std::fs::rename(&live, &old).expect("rename away");
                std::fs::rename(&spare, &live).expect("rename into place");
            }
            Replace::RemoveAndCopy => {
                std::fs::remove_dir_all(&live).expect("rm -rf");
                copy_tree(&spare, &live);
                std::fs::remove_dir_all(&spare).expect("rm -rf the backup");
            }
        }
    }
}

/// `cp -r from to`.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk");
        let dest = to.join(e.path().strip_prefix(from).expect("prefix"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// Whether to rewrite snapshots and expected files instead of comparing with them.
pub(crate) fn updating_snapshots() -> bool {
    std::env::var_os("PIGMENT_UPDATE_SNAPSHOTS").is_some_and(|v| !v.is_empty())
}

/// Compares `got` with the snapshot file at `path` byte for byte, or rewrites the file
/// when updating snapshots. Returns what differs, if anything.
pub(crate) fn check_snapshot(path: &Path, got: &[u8]) -> Option<String> {
    if updating_snapshots() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, got).expect("write snapshot");
        return None;
    }
    match std::fs::read(path) {
        Ok(want) if want == got => None,
        Ok(want) => Some(format!("{}: {}", path.display(), difference(&want, got))),
        Err(_) => Some(format!(
            "{}: no snapshot (run with PIGMENT_UPDATE_SNAPSHOTS=1)",
            path.display()
        )),
    }
}

/// The first line that differs between two texts, both ways round.
pub(crate) fn difference(want: &[u8], got: &[u8]) -> String {
    let want = String::from_utf8_lossy(want);
    let got = String::from_utf8_lossy(got);
    let (mut w, mut g) = (want.lines(), got.lines());
    for n in 1.. {
        match (w.next(), g.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => break,
            (a, b) => {
                return format!(
                    "first difference at line {n}:\n--- want\n{}\n--- got\n{}",
                    a.unwrap_or("(end of file)"),
                    b.unwrap_or("(end of file)")
                )
            }
        }
    }
    "same lines, different line endings".to_string()
}
