//! The dev loop with rebuild steps and sinks that fail on purpose, over a real small site.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::*;
use crate::build::BuildOptions;
use crate::diagnostics::code;

const WAIT: Duration = Duration::from_secs(30);

fn page(body: &str) -> String {
    format!("---\ntitle: Recovery\n---\nThe summary stays.\n\n{body}\n")
}

/// A site with two articles, and a rebuilder for it with a pinned date.
fn site() -> (tempfile::TempDir, Rebuilder) {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    write(
        "site.toml",
        "title = \"Mini\"\nbase_url = \"https://mini.example\"\n",
    );
    write("content/articles/recovery.md", &page("Rest well."));
    write("content/articles/costs.md", &page("It costs money."));
    let rebuilder = Rebuilder::new(BuildOptions {
        root: dir.path().to_path_buf(),
        today: Some(jiff::civil::date(2026, 6, 1)),
        ..BuildOptions::default()
    });
    (dir, rebuilder)
}

fn edit(root: &Path, body: &str) -> Vec<PathBuf> {
    let path = root.join("content/articles/recovery.md");
    std::fs::write(&path, page(body)).expect("write");
    vec![path]
}

fn page_text(r: &Rebuild) -> Option<String> {
    let site = r.site.as_ref()?;
    let bytes = site.get("articles/recovery/index.html")?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Keeps every build it is given; fails the first `failures` deliveries of a site.
#[derive(Default)]
struct Kept {
    builds: Vec<(Option<String>, Vec<Diagnostic>, usize)>,
    failures: usize,
}

impl Sink for Kept {
    fn deliver(&mut self, r: &Rebuild) -> Result<(), String> {
        self.builds
            .push((page_text(r), r.diagnostics.clone(), r.reparsed));
        if r.site.is_some() && self.failures > 0 {
            self.failures -= 1;
            return Err("cannot write `public/x`: disk full".to_string());
        }
        Ok(())
    }
}

/// What the loop reported, one line each.
#[derive(Default)]
struct Heard(RefCell<Vec<String>>);

impl Heard {
    fn report(&self) -> impl Fn(Report<'_>) + '_ {
        |r| {
            let line = match r {
                Report::Built { rebuild, .. } => format!("built, errors: {}", rebuild.has_errors()),
                Report::WatchError(e) => format!("watch error: {e}"),
                Report::WatchNotice(n) => format!("notice: {n}"),
                Report::Retrying(p) => format!("retrying: {p}"),
            };
            self.0.borrow_mut().push(line);
        }
    }

    fn count(&self, prefix: &str) -> usize {
        self.0
            .borrow()
            .iter()
            .filter(|l| l.starts_with(prefix))
            .count()
    }
}

#[test]
fn a_panicking_rebuild_is_an_error_and_the_next_build_starts_from_nothing() {
    let (dir, rebuilder) = site();
    let calls = Cell::new(0);
    let step = |rb: &mut Rebuilder, paths: Vec<PathBuf>, complete: bool| {
        calls.set(calls.get() + 1);
        if calls.get() == 3 {
            panic!("injected failure");
        }
        rebuild_step(rb, paths, complete)
    };
    let mut dev = DevLoop::new(rebuilder, step);
    let (mut sink, heard) = (Kept::default(), Heard::default());
    dev.change(Vec::new(), false, &mut sink, &heard.report());
    dev.change(edit(dir.path(), "Quick."), true, &mut sink, &heard.report());
    assert_eq!(sink.builds[1].2, 1, "an edit re-reads one file");
    let good = dev.rebuilder().current().expect("a good build");

    dev.change(
        edit(dir.path(), "Panics."),
        true,
        &mut sink,
        &heard.report(),
    );
    let (text, diags, _) = &sink.builds[2];
    assert_eq!(*text, None, "no site from a panicked build");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, code::REBUILD_PANICKED);
    assert!(diags[0].message.contains("injected failure"), "{diags:?}");
    assert!(
        diags[0].message.contains("src/dev/devloop/tests.rs:"),
        "says where"
    );
    let kept = dev.rebuilder().current().expect("last good site");
    assert!(Arc::ptr_eq(&good, &kept), "the last good site stays");
    assert!(!dev.retrying(), "a panic is not an I/O failure");

    dev.change(
        edit(dir.path(), "Works again."),
        true,
        &mut sink,
        &heard.report(),
    );
    let (text, diags, reparsed) = &sink.builds[3];
    assert!(text.as_deref().is_some_and(|t| t.contains("Works again.")));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        *reparsed, 2,
        "after a panic nothing kept is trusted: all is read"
    );
    assert_eq!(heard.count("built, errors: true"), 1);
    assert_eq!(heard.count("built, errors: false"), 3);
}

#[test]
fn a_failed_delivery_is_tried_again_until_it_works_and_said_once() {
    let (dir, rebuilder) = site();
    let mut dev = DevLoop::new(rebuilder, rebuild_step);
    let heard = Heard::default();
    let mut sink = Kept {
        failures: 3,
        ..Kept::default()
    };
    dev.change(Vec::new(), false, &mut sink, &heard.report());
    assert!(dev.retrying());
    let start = Instant::now();
    while dev.retrying() && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(20));
        dev.retry_if_due(&mut sink, &heard.report());
    }
    assert!(!dev.retrying(), "the fourth try works");
    assert_eq!(sink.builds.len(), 4, "tried again without any change");
    assert_eq!(heard.count("retrying: cannot write"), 1, "{:?}", heard.0);
    assert_eq!(heard.count("built"), 2, "the first failure and the success");

    // A change while a retry waits takes its place.
    sink.failures = 1;
    dev.change(
        edit(dir.path(), "Edited."),
        true,
        &mut sink,
        &heard.report(),
    );
    assert!(dev.retrying());
    sink.failures = 0;
    dev.change(
        edit(dir.path(), "Edited again."),
        true,
        &mut sink,
        &heard.report(),
    );
    assert!(!dev.retrying());
}

#[test]
fn a_file_that_cannot_be_read_is_retried_but_a_mistake_in_it_is_not() {
    let (dir, rebuilder) = site();
    let mut dev = DevLoop::new(rebuilder, rebuild_step);
    let (mut sink, heard) = (Kept::default(), Heard::default());
    dev.change(Vec::new(), false, &mut sink, &heard.report());
    let broken = edit(dir.path(), "x");
    std::fs::write(&broken[0], "---\ntitle: [unclosed\n---\nBody.\n").expect("write");
    dev.change(broken, true, &mut sink, &heard.report());
    assert!(sink.builds[1].1.iter().any(Diagnostic::is_error));
    assert!(!dev.retrying(), "a mistake in a file waits for an edit");

    std::fs::remove_file(dir.path().join("site.toml")).expect("rm site.toml");
    let gone = vec![dir.path().join("site.toml")];
    dev.change(gone, true, &mut sink, &heard.report());
    assert!(dev.retrying(), "a file that cannot be read is tried again");
    assert_eq!(heard.count("retrying: cannot read"), 1, "{:?}", heard.0);
}
