//! The demo site in this repository builds cleanly, every internal link resolves, and its
//! main pages match the snapshots in `tests/snapshots/demo/` byte for byte (set
//! `PIGMENT_UPDATE_SNAPSHOTS=1` to rewrite them after a deliberate change).

use std::path::Path;

use crate::support::{broken_links, check_snapshot, pigment, TODAY};

/// One page of each kind the demo has, and the generated data files, as paths under the
/// output folder.
const SNAPSHOT_PAGES: &[&str] = &[
    "index.html",
    "articles/recovery/index.html",
    "faq/index.html",
    "timeline/index.html",
    "side-effects/index.html",
    "costs/index.html",
    "results/index.html",
    "topics/recovery/index.html",
    "search/index.html",
    "faq/will-i-need-touch-ups/index.html",
    "search-index.json",
    "sitemap.xml",
    "atom.xml",
    "ur/index.html",
    "ur/articles/recovery/index.html",
    "ur/faq/index.html",
    "ur/timeline/index.html",
    "ur/side-effects/index.html",
    "ur/costs/index.html",
    "ur/results/index.html",
    "ur/search-index.json",
];

fn demo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the demo into `out`, on the pinned day.
fn build_demo(out: &Path) -> pigment::BuildOutcome {
    pigment::build(&pigment::BuildOptions {
        root: demo_root().to_path_buf(),
        output: Some(out.to_path_buf()),
        base_url: None,
        drafts: false,
        today: Some(TODAY),
        relative_urls: None,
        ..Default::default()
    })
    .expect("no I/O error")
}

#[test]
fn demo_site_builds_without_warnings_and_links_resolve() {
    let out = tempfile::tempdir().expect("temp dir");
    let outcome = build_demo(out.path());
    let rendered: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(|d| d.render(false))
        .collect();
    assert!(rendered.is_empty(), "diagnostics:\n{}", rendered.join("\n"));
    let r = outcome.rendered.expect("site rendered");
    let articles = r
        .site
        .pages
        .iter()
        .filter(|p| p.kind == pigment::PageKind::Article)
        .count();
    let faqs = r
        .site
        .pages
        .iter()
        .filter(|p| p.kind == pigment::PageKind::Faq)
        .count();
    assert!(articles >= 7, "{articles} articles");
    assert!(faqs >= 15, "{faqs} FAQs");
    let broken = broken_links(out.path(), "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn demo_pages_match_their_snapshots() {
    let out = tempfile::tempdir().expect("temp dir");
    let outcome = build_demo(out.path());
    assert!(!outcome.has_errors(), "the demo failed to build");
    let dir = demo_root().join("tests/snapshots/demo");
    let failures: Vec<String> = SNAPSHOT_PAGES
        .iter()
        .filter_map(|page| {
            let got = std::fs::read(out.path().join(page)).unwrap_or_default();
            check_snapshot(&dir.join(page), &got)
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `pigment check` of the demo on `env_today` (and `--today flag` when given): its stderr.
fn check_demo_on(env_today: &str, flag: Option<&str>) -> String {
    let mut cmd = pigment();
    cmd.env("PIGMENT_TODAY", env_today)
        .args(["check", "--color", "never", "--root"])
        .arg(demo_root());
    if let Some(day) = flag {
        cmd.args(["--today", day]);
    }
    let out = cmd.output().expect("run pigment");
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_pinned_day_decides_which_demo_reviews_are_overdue() {
    let in_time = check_demo_on("2026-12-01", None);
    assert!(
        in_time.contains("check passed: 0 errors, 0 warnings"),
        "{in_time}"
    );
    let late = check_demo_on("2030-01-01", None);
    assert!(late.contains("warning[P0520]: review was due on"), "{late}");
    assert!(!late.contains(", 0 warnings"), "{late}");
    // The flag wins over the environment.
    let flag = check_demo_on("2030-01-01", Some("2026-12-01"));
    assert!(
        flag.contains("check passed: 0 errors, 0 warnings"),
        "{flag}"
    );
}

#[test]
fn feed_entries_link_with_absolute_urls() {
    let out = tempfile::tempdir().expect("temp dir");
    assert!(
        !build_demo(out.path()).has_errors(),
        "the demo failed to build"
    );
    for feed in ["atom.xml", "ur/atom.xml"] {
        let xml = std::fs::read_to_string(out.path().join(feed)).unwrap_or_default();
        assert!(xml.contains("href=&quot;https://clinic.example/"), "{feed}");
        for relative in [
            "href=&quot;/",
            "src=&quot;/",
            "href=&quot;#",
            "href=&quot;..",
        ] {
            assert!(!xml.contains(relative), "{feed} has {relative}");
        }
    }
}
