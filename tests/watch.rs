//! `pigment watch` for real: edits reach `public/`, atomic saves (temp file + rename) are
//! seen, the polling watcher works too, and Ctrl-C ends it with status 0.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::TestSite;

const WAIT: Duration = Duration::from_secs(60);

fn article(body: &str) -> String {
    format!("---\ntitle: Recovery\n---\n{body}\n")
}

struct Watch {
    child: Child,
    log: mpsc::Receiver<String>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn watch(site: &TestSite, extra: &[&str]) -> Watch {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pigment"))
        .args(["watch", "--color", "never"])
        .args(extra)
        .current_dir(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start pigment watch");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, log) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let w = Watch { child, log };
    wait_line(&w, "Watching");
    w
}

fn wait_line(w: &Watch, needle: &str) {
    let mut seen = Vec::new();
    loop {
        let line = w
            .log
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no line with {needle:?}; saw {seen:?}"));
        if line.contains(needle) {
            return;
        }
        seen.push(line);
    }
}

/// Polls the built page until it contains `text` (bounded; no timing is asserted).
fn wait_for_page(site: &TestSite, text: &str) {
    let start = Instant::now();
    let path = site.root().join("public/articles/recovery/index.html");
    while start.elapsed() < WAIT {
        if std::fs::read_to_string(&path).is_ok_and(|t| t.contains(text)) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{} never contained {text:?}", path.display());
}

fn site() -> TestSite {
    TestSite::with(&[("content/articles/recovery.md", &article("Rest well."))])
}

#[test]
fn edits_and_atomic_saves_reach_the_output_folder() {
    let site = site();
    let _w = watch(&site, &[]);
    wait_for_page(&site, "Rest well.");
    site.write("content/articles/recovery.md", &article("Edited in place."));
    wait_for_page(&site, "Edited in place.");
    // How many editors save: write a temp file next to the real one, then rename over it.
    site.write(
        "content/articles/.recovery.md.tmp",
        &article("Saved atomically."),
    );
    std::fs::rename(
        site.root().join("content/articles/.recovery.md.tmp"),
        site.root().join("content/articles/recovery.md"),
    )
    .expect("rename");
    wait_for_page(&site, "Saved atomically.");
    // A new folder with a page in it.
    site.write(
        "content/guides/first.md",
        "---\ntitle: First guide\n---\nHello.\n",
    );
    let start = Instant::now();
    let page = site.root().join("public/guides/first/index.html");
    while !page.exists() && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(page.exists(), "a page in a new folder is built");
}

#[test]
fn the_polling_watcher_sees_changes() {
    let site = site();
    let _w = watch(&site, &["--poll"]);
    site.write("content/articles/recovery.md", &article("Seen by polling."));
    wait_for_page(&site, "Seen by polling.");
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_the_watch_cleanly() {
    let site = site();
    let mut w = watch(&site, &[]);
    let pid = w.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status();
    assert!(sent.is_ok_and(|s| s.success()), "kill -INT");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = w.child.try_wait().expect("wait") {
            break s;
        }
        assert!(start.elapsed() < WAIT, "watch did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
}
