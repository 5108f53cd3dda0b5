//! Output guarantees: deterministic bytes, only changed files written, stale files removed,
//! foreign files kept.

use crate::support::TestSite;

fn site() -> TestSite {
    TestSite::with(&[
        ("content/_index.md", "---\ntitle: Home\n---\nHi.\n"),
        ("content/articles/a.md", "---\ntitle: A\ndate: 2026-01-02\ntags: [x, y]\ntopics: [recovery]\n---\n## One\n\nSee [b](b.md).\n"),
        ("content/articles/b.md", "---\ntitle: B\ndate: 2026-01-03\ntags: [y]\n---\n## Two\n\nSee [a](a.md#one).\n"),
        ("content/faq/q.md", "---\nquestion: Why?\nrelated: [../articles/a.md]\n---\nBecause.\n"),
    ])
}

#[test]
fn two_builds_give_identical_bytes() {
    let one = site();
    let two = site();
    assert_eq!(one.build().code, 0);
    assert_eq!(two.build().code, 0);
    let (a, b) = (one.snapshot(), two.snapshot());
    assert!(a.len() > 10);
    assert_eq!(a, b);
}

#[test]
fn unchanged_rebuild_writes_nothing() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let run = s.build();
    assert!(run.stderr.contains(" 0 written, "), "{}", run.stderr);
    assert!(run.stderr.contains(" 0 removed)"), "{}", run.stderr);
}

#[test]
fn stale_files_are_removed_and_foreign_files_kept() {
    let s = site();
    assert_eq!(s.build().code, 0);
    assert!(s.exists("tags/x/index.html"));
    s.write("public/CNAME", "clinic.example\n");
    s.write("public/tags/x/keep-me.txt", "mine\n");
    // Removing the only page tagged `x` makes its tag page stale.
    s.write(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2026-01-02\ntags: [y]\n---\n## One\n",
    );
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!s.exists("tags/x/index.html"), "stale page removed");
    assert!(
        s.exists("tags/x/keep-me.txt"),
        "a file Pigment did not write is kept"
    );
    assert!(s.exists("CNAME"), "a file Pigment did not write is kept");
}

#[test]
fn output_cannot_be_the_site_itself() {
    let s = site();
    let run = s.run(&["build", "--output", "."]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("P0601"), "{}", run.stderr);
    let run = s.run(&["build", "--output", "content/out"]);
    assert_eq!(run.code, 1);
}

#[test]
fn a_forged_manifest_cannot_delete_outside_the_output() {
    let s = site();
    s.write("outside.txt", "precious\n");
    s.write(
        "public/.pigment-manifest",
        "../outside.txt\n/etc/passwd\n../site.toml\n",
    );
    assert_eq!(s.build().code, 0);
    assert!(s.root().join("outside.txt").exists());
    assert!(s.root().join("site.toml").exists());
}
