//! Output transactions under faults a user meets: Ctrl-C, SIGTERM and kill -9 in the middle
//! of a build, and links planted inside the output folder. After any of them the output
//! folder is as it was or the finished build, and the next build converges to exactly what
//! a clean build writes, with no draft or stray page left.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{tree, TestSite};

/// A site big enough that a build spends a while writing: `n` articles, a few drafts.
fn generated(n: usize) -> TestSite {
    let s = TestSite::with(&[("content/_index.md", "---\ntitle: Home\n---\nHello.\n")]);
    for i in 0..n {
        let draft = if i % 97 == 5 { "draft: true\n" } else { "" };
        let next = if (i + 1) % 97 == 5 { 0 } else { (i + 1) % n };
        s.write(
            &format!("content/articles/page-{i}.md"),
            &format!(
                "---\ntitle: Page {i}\ndate: 2026-01-{:02}\n{draft}tags: [t{}]\n---\n## Part one\n\n{}\n\nSee [the next page](page-{next}.md).\n",
                1 + i % 28,
                i % 13,
                "Words about healing and care. ".repeat(30)
            ),
        );
    }
    s
}

/// Every file of the output except the build stamp (a clean build and a converged one
/// differ only in whether the shortcut may be taken).
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut t = tree(dir);
    t.remove(Path::new(".pigment-stamp"));
    t
}

/// Equal trees, or a message naming the paths that differ (not the bytes).
fn assert_same(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>, what: &str) {
    let differ: Vec<&PathBuf> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: these differ: {differ:?}");
}

fn clean_build(s: &TestSite) -> BTreeMap<PathBuf, Vec<u8>> {
    let run = s.run(&["build", "--output", "clean-public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    files(&s.root().join("clean-public"))
}

fn spawn_build(s: &TestSite, args: &[&str]) -> std::process::Child {
    crate::support::pigment()
        .args(args)
        .args(["--color", "never", "-q"])
        .current_dir(s.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start pigment")
}

fn send(child: &std::process::Child, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// How long a full `build --drafts` takes here, so signals land all through it.
fn build_time(s: &TestSite) -> Duration {
    let start = Instant::now();
    let run = s.run(&["build", "--drafts", "--output", "timed-public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    start.elapsed()
}

/// A build timed alone runs longer than one started while nothing else runs, so the
/// signals go in the first two thirds of it, where the writing happens.
fn delays(total: Duration, count: u32) -> impl Iterator<Item = Duration> {
    (0..count).map(move |i| total.mul_f64((f64::from(i) + 0.5) / f64::from(count) * 0.66))
}

fn interrupted_builds_converge(signal: &str, expected_code: Option<i32>) {
    let s = generated(250);
    let clean = clean_build(&s);
    assert!(!clean
        .keys()
        .any(|p| p.to_string_lossy().contains("page-5/")));
    let total = build_time(&s);
    for delay in delays(total, 5) {
        // A finished build with drafts, then a drafts build interrupted part way.
        let before = files(&s.root().join("public"));
        let mut child = spawn_build(&s, &["build", "--drafts"]);
        std::thread::sleep(delay);
        send(&child, signal);
        let status = child.wait().expect("wait");
        let after = files(&s.root().join("public"));
        eprintln!("{signal} at {delay:?}: exit {:?}", status.code());
        match status.code() {
            // Finished before the signal arrived: the drafts build is in place whole.
            Some(0) => {}
            code if code == expected_code => {
                if code.is_some() {
                    let what = format!("{signal} at {delay:?}: the output as it was");
                    assert_same(&after, &before, &what);
                }
            }
            other => panic!("after {signal} at {delay:?}: exit {other:?}"),
        }
        // kill -9 gives no chance to undo; then the next build must clean up.
        let run = s.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let converged = files(&s.root().join("public"));
        assert!(
            !s.exists(".pigment-staging"),
            "no staging left after {signal} at {delay:?}"
        );
        let stray: Vec<_> = converged
            .keys()
            .filter(|k| !clean.contains_key(*k))
            .collect();
        let missing: Vec<_> = clean
            .keys()
            .filter(|k| !converged.contains_key(*k))
            .collect();
        assert!(
            stray.is_empty() && missing.is_empty(),
            "after {signal} at {delay:?} the next build writes exactly a clean build's files; stray {stray:?}, missing {missing:?}"
        );
        assert_same(&converged, &clean, "same bytes as a clean build");
    }
}

#[test]
fn ctrl_c_during_a_build_undoes_it_and_publishes_no_draft() {
    interrupted_builds_converge("INT", Some(130));
}

#[test]
fn sigterm_during_a_build_undoes_it_and_publishes_no_draft() {
    interrupted_builds_converge("TERM", Some(143));
}

#[test]
fn kill_9_during_a_build_then_a_build_converges() {
    // No exit code: the process is gone, and the output may be part way.
    interrupted_builds_converge("KILL", None);
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_in_the_output_is_never_written_through() {
    let s = TestSite::with(&[
        ("content/articles/a.md", "---\ntitle: A\n---\nOne.\n"),
        ("content/articles/b.md", "---\ntitle: B\n---\nTwo.\n"),
    ]);
    assert_eq!(s.build().code, 0);
    // Someone points `public/articles` somewhere else, holding files that look like ours.
    let elsewhere = s.root().join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("b")).expect("mkdir");
    std::fs::write(elsewhere.join("b/index.html"), "not Pigment's").expect("write");
    let articles = s.root().join("public/articles");
    std::fs::remove_dir_all(&articles).expect("rm");
    std::os::unix::fs::symlink(&elsewhere, &articles).expect("symlink");
    s.remove("content/articles/b.md");
    let run = s.build();
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("public/articles") && run.stderr.contains("link"),
        "names the link: {}",
        run.stderr
    );
    assert_eq!(
        tree(&elsewhere),
        BTreeMap::from([(PathBuf::from("b/index.html"), b"not Pigment's".to_vec())]),
        "nothing written or removed through the link"
    );
}
