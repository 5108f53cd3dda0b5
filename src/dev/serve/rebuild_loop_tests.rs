//! The serve rebuild loop with a rebuild step that panics once, over a real small site.

use crate::diagnostics::code;

use std::sync::atomic::AtomicUsize;
use std::sync::PoisonError;

use super::*;

const WAIT: Duration = Duration::from_secs(30);

fn page(body: &str) -> String {
    format!("---\ntitle: Recovery\n---\n{body}\n")
}

/// Polls `done` until it holds (bounded; no timing is asserted).
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < WAIT, "never: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn served(shared: &Shared) -> String {
    let site = shared.site.read().unwrap_or_else(PoisonError::into_inner);
    let bytes = site.get("articles/recovery/index.html").unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn error(shared: &Shared) -> Option<String> {
    shared
        .error
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

#[test]
fn a_panicking_rebuild_shows_over_the_page_and_the_next_change_rebuilds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    let article = root.join("content/articles/recovery.md");
    std::fs::create_dir_all(article.parent().expect("parent")).expect("mkdir");
    std::fs::write(
        root.join("site.toml"),
        "title = \"Mini\"\nbase_url = \"https://mini.example\"\n",
    )
    .expect("write");
    std::fs::write(&article, page("Rest well.")).expect("write");
    let mut rebuilder = Rebuilder::new(BuildOptions {
        root: root.clone(),
        today: Some(jiff::civil::date(2026, 6, 1)),
        ..BuildOptions::default()
    });
    let first = rebuilder.rebuild(Vec::new());
    let site = first.site.expect("first build");
    let watcher = SiteWatcher::new(&root, &site.output_dir, false).expect("watch");
    let shared = Shared::new(site);
    let stop = Arc::new(AtomicBool::new(false));
    let calls = AtomicUsize::new(0);
    let step = move |rb: &mut Rebuilder, paths: Vec<PathBuf>, complete: bool| {
        if calls.fetch_add(1, Ordering::SeqCst) == 0 {
            panic!("injected failure");
        }
        devloop::rebuild_step(rb, paths, complete)
    };
    let thread = {
        let (shared, stop) = (shared.clone(), stop.clone());
        std::thread::spawn(move || {
            rebuild_loop(rebuilder, step, watcher, &shared, &stop, |_| {});
        })
    };

    std::fs::write(&article, page("Panics.")).expect("write");
    wait_until("the panic is shown over the page", || {
        error(&shared)
            .is_some_and(|e| e.contains(code::REBUILD_PANICKED) && e.contains("injected failure"))
    });
    assert!(
        served(&shared).contains("Rest well."),
        "the last good site stays"
    );

    std::fs::write(&article, page("Works again.")).expect("write");
    wait_until("the next change is built and served", || {
        served(&shared).contains("Works again.")
    });
    assert_eq!(error(&shared), None);
    stop.store(true, Ordering::Relaxed);
    thread
        .join()
        .expect("the rebuild loop ends without a panic");
}
