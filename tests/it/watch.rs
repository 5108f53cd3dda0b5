//! `pigment watch` for real: edits reach `public/`, atomic saves (temp file + rename) are
//! seen, the polling watcher works too, and Ctrl-C ends it with status 0.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{Replace, TestSite};

const WAIT: Duration = Duration::from_secs(60);

fn article(body: &str) -> String {
    format!("---\ntitle: Recovery\n---\n{body}\n")
}

fn watch(site: &TestSite, extra: &[&str]) -> crate::support::Running {
    let mut args = vec!["watch"];
    args.extend_from_slice(extra);
    let w = site.spawn(&args);
    w.wait_line("Watching", WAIT);
    w
}

/// Polls the built page until it contains `text` (bounded; no timing is asserted).
fn wait_for_page(site: &TestSite, text: &str) {
    wait_for_output(site, "articles/recovery/index.html", text);
}

/// Polls the output file `rel` until it contains `text` (bounded; no timing is asserted).
fn wait_for_output(site: &TestSite, rel: &str, text: &str) {
    let start = Instant::now();
    let path = site.root().join("public").join(rel);
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

/// Replaces `dir` whole both ways sync tools do, and after each edits `file` in it (twice:
/// once at once, once after that edit was built) and expects `output` to show the edit.
fn survives_replacing(dir: &str, file: &str, output: &str, text: impl Fn(&str) -> String) {
    let site = site();
    site.write(file, &text("First."));
    let _w = watch(&site, &[]);
    wait_for_output(&site, output, "First.");
    for how in [Replace::RenameSwap, Replace::RemoveAndCopy] {
        site.replace_dir(dir, how);
        for edit in ["At once", "Later"] {
            let said = format!("{edit} after {how:?}.");
            site.write(file, &text(&said));
            wait_for_output(&site, output, &said);
        }
    }
}

#[test]
fn replacing_content_whole_keeps_it_watched() {
    survives_replacing(
        "content",
        "content/articles/recovery.md",
        "articles/recovery/index.html",
        article,
    );
}

#[test]
fn replacing_static_whole_keeps_it_watched() {
    survives_replacing("static", "static/notes.txt", "notes.txt", str::to_string);
}

#[test]
fn replacing_templates_whole_keeps_them_watched() {
    survives_replacing("templates", "templates/404.html", "404.html", |t| {
        format!("<p>Lost. {t}</p>")
    });
}

/// An output folder that cannot be written for a while: the watch says so, keeps going,
/// and writes the site once it can, with no further edit.
#[test]
fn a_failed_write_is_tried_again_until_it_works() {
    let site = site();
    let _w = watch(&site, &[]);
    wait_for_page(&site, "Rest well.");
    // A file where the page's folder must go: writing the page fails.
    let folder = site.root().join("public/articles");
    std::fs::remove_dir_all(&folder).expect("rm -rf public/articles");
    std::fs::write(&folder, "in the way").expect("write a file in the way");
    site.write("content/articles/recovery.md", &article("Written later."));
    _w.wait_line("cannot write", WAIT);
    std::fs::remove_file(&folder).expect("remove the file in the way");
    wait_for_page(&site, "Written later.");
}

/// With `--poll`, a watched folder that is removed is reported once (not every time the
/// poller looks), said to be back when it is, and watched again.
#[test]
fn a_removed_folder_is_reported_once_under_polling() {
    let site = site();
    site.write("static/notes.txt", "Before.");
    let w = watch(&site, &["--poll"]);
    wait_for_output(&site, "notes.txt", "Before.");
    std::fs::remove_dir_all(site.root().join("static")).expect("rm -rf static");
    let mut seen = w.lines_until("static", WAIT);
    // Several polls go by with the folder missing.
    std::thread::sleep(Duration::from_secs(2));
    site.write("static/notes.txt", "After.");
    seen.extend(w.lines_until("is back", WAIT));
    wait_for_output(&site, "notes.txt", "After.");
    let count = |text: &str| seen.iter().filter(|l| l.contains(text)).count();
    assert_eq!(count("warning"), 0, "{seen:?}");
    assert_eq!(count("note: `static/` is gone"), 1, "{seen:?}");
    assert_eq!(count("note: `static/` is back"), 1, "{seen:?}");
}
