//! `pigment build` skips rendering when nothing changed since the last build into the same
//! output folder, and never when something did: a source, an option or an output file.

use std::time::{Duration, SystemTime};

use crate::support::TestSite;

const UP_TO_DATE: &str = "nothing changed since the last build";

fn site() -> TestSite {
    let s = TestSite::with(&[
        ("content/_index.md", "---\ntitle: Home\n---\nHi.\n"),
        (
            "content/articles/a.md",
            "---\ntitle: A\ndate: 2026-01-02\ntags: [x]\n---\n## One\n\nSee [b](b.md).\n",
        ),
        (
            "content/articles/b.md",
            "---\ntitle: B\ndate: 2026-01-03\n---\n## Two\n",
        ),
    ]);
    age_inputs(&s);
    s
}

/// Sets every source file's time an hour back: builds do not stamp inputs changed in the
/// last moments (their times could hide a further edit), and tests run faster than that.
fn age_inputs(s: &TestSite) {
    let then = SystemTime::now() - Duration::from_secs(3600);
    for e in walkdir::WalkDir::new(s.root()) {
        let e = e.expect("walk");
        if e.file_type().is_file() && !e.path().starts_with(s.root().join("public")) {
            let f = std::fs::File::options()
                .append(true)
                .open(e.path())
                .expect("open");
            f.set_modified(then).expect("set time");
        }
    }
}

#[test]
fn an_unchanged_site_is_not_rendered_again() {
    let s = site();
    let first = s.build();
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(!first.stderr.contains(UP_TO_DATE), "{}", first.stderr);
    let before = s.snapshot();
    let second = s.build();
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(second.stderr.contains(UP_TO_DATE), "{}", second.stderr);
    assert!(second.stderr.contains(" 0 written, "), "{}", second.stderr);
    assert_eq!(before, s.snapshot());
}

#[test]
fn an_edited_source_is_built() {
    let s = site();
    assert_eq!(s.build().code, 0);
    s.write(
        "content/articles/b.md",
        "---\ntitle: B changed\ndate: 2026-01-03\n---\n## Two\n",
    );
    let run = s.build();
    assert!(!run.stderr.contains(UP_TO_DATE), "{}", run.stderr);
    assert!(s.out("articles/b/index.html").contains("B changed"));
}

#[test]
fn a_touched_but_equal_source_rebuilds_and_writes_nothing() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let f = std::fs::File::options()
        .append(true)
        .open(s.root().join("content/articles/a.md"))
        .expect("open");
    f.set_modified(SystemTime::now() - Duration::from_secs(60))
        .expect("set time");
    let run = s.build();
    assert!(!run.stderr.contains(UP_TO_DATE), "{}", run.stderr);
    assert!(run.stderr.contains(" 0 written, "), "{}", run.stderr);
}

#[test]
fn a_changed_or_deleted_output_file_is_restored() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let page = s.out("articles/a/index.html");
    s.write("public/articles/a/index.html", "edited by hand");
    s.remove("public/tags/x/index.html");
    let run = s.build();
    assert!(!run.stderr.contains(UP_TO_DATE), "{}", run.stderr);
    assert!(run.stderr.contains(" 2 written, "), "{}", run.stderr);
    assert_eq!(s.out("articles/a/index.html"), page);
    assert!(s.exists("tags/x/index.html"));
}

#[test]
fn other_options_are_built() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let run = s.run(&["build", "--base-url", "https://other.example"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains(UP_TO_DATE), "{}", run.stderr);
    assert!(s.out("index.html").contains("https://other.example/"));
    let back = s.build();
    assert!(!back.stderr.contains(UP_TO_DATE), "{}", back.stderr);
    let relative = s.run(&["build", "--relative"]);
    assert!(!relative.stderr.contains(UP_TO_DATE), "{}", relative.stderr);
    assert!(s
        .out("index.html")
        .contains(r#"href="articles/index.html""#));
}
