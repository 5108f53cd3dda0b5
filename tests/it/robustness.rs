//! No input can make Pigment panic, hang, or write outside the output folder.

use crate::support::TestSite;

const OK: &str = "---\ntitle: Fine\n---\n## Section\n\nText.\n";

fn check(site: &TestSite) -> crate::support::Run {
    let run = site.run(&["check"]);
    assert!(!run.stderr.contains("panicked"), "panic:\n{}", run.stderr);
    run
}

#[test]
fn empty_and_binary_files_are_errors_not_crashes() {
    let site = TestSite::with(&[
        ("content/articles/fine.md", OK),
        ("content/articles/empty.md", ""),
    ]);
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(site.root().join("content/articles/binary.md"), bytes).expect("write");
    let run = check(&site);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[P0205]: the page has no front matter\n --> content/articles/empty.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error[P0203]: `content/articles/binary.md` is not valid UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn ten_megabytes_of_front_matter() {
    let big = format!(
        "---\ntitle: Big\nextra:\n  blob: \"{}\"\n---\nBody.\n",
        "x".repeat(10 * 1024 * 1024)
    );
    let site = TestSite::with(&[("content/articles/big.md", &big)]);
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let deep = format!(
        "---\ntitle: Deep\nextra: {}{}\n---\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let site = TestSite::with(&[("content/articles/deep.md", &deep)]);
    let run = check(&site);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("recursion limit exceeded"),
        "{}",
        run.stderr
    );
}

#[test]
fn billion_laughs_is_refused() {
    let mut yaml = String::from(
        "---\ntitle: Laughs\nextra:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(", ");
        yaml.push_str(&format!("  {}: &{} [{refs}]\n", w[1], w[1]));
    }
    yaml.push_str("---\n");
    let site = TestSite::with(&[("content/articles/laughs.md", &yaml)]);
    let run = check(&site);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("repetition limit exceeded"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_in_content_do_not_hang() {
    let site = TestSite::with(&[("content/articles/fine.md", OK)]);
    std::os::unix::fs::symlink("..", site.root().join("content/articles/loop")).expect("symlink");
    std::os::unix::fs::symlink("loop2", site.root().join("content/loop1")).expect("symlink");
    std::os::unix::fs::symlink("loop1", site.root().join("content/loop2")).expect("symlink");
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_link_in_the_output_cannot_redirect_writes_outside() {
    let site = TestSite::with(&[("content/articles/fine.md", OK)]);
    assert_eq!(site.build().code, 0);
    let outside = site.root().join("outside.html");
    std::fs::write(&outside, "precious\n").expect("write");
    let target = site.root().join("public/articles/fine/index.html");
    std::fs::remove_file(&target).expect("remove");
    std::os::unix::fs::symlink(&outside, &target).expect("symlink");
    site.write(
        "content/articles/fine.md",
        "---\ntitle: Changed\n---\nNew text.\n",
    );
    assert_eq!(site.build().code, 0);
    assert_eq!(
        std::fs::read_to_string(&outside).expect("read"),
        "precious\n"
    );
    assert!(site.out("articles/fine/index.html").contains("New text."));
}

#[test]
fn slug_cannot_escape_and_nothing_is_written() {
    let site = TestSite::with(&[(
        "content/articles/a.md",
        "---\ntitle: A\nslug: ../../etc\n---\n",
    )]);
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("P0212"), "{}", run.stderr);
    assert!(!site.root().join("public").exists());
    assert!(!site.root().join("etc").exists());
}

#[test]
fn template_that_includes_itself() {
    let site = TestSite::with(&[
        ("content/articles/a.md", OK),
        ("templates/article.html", "{% include \"article.html\" %}"),
    ]);
    let run = check(&site);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("includes itself"), "{}", run.stderr);
}

/// Twenty different defects in one site, all reported in one run.
#[test]
fn twenty_defects_all_reported() {
    let site = TestSite::with(&[
        ("content/articles/fine.md", OK),
        ("content/articles/d01.md", "---\ntitel: A\n---\n"),                                 // P0207 (+ P0209)
        ("content/articles/d02.md", "---\ntitle: B\ndate: 2026-13-01\n---\n"),              // P0210
        ("content/articles/d03.md", "---\ntitle: C\ntopics: [recovry]\n---\n"),             // P0211
        ("content/articles/d04.md", "---\ntitle: D\nslug: ../x\n---\n"),                    // P0212
        ("content/articles/d05.md", "---\ntitle: E\naliases: [old]\n---\n"),                // P0213
        ("content/articles/d06.md", "---\ntitle: F\n---\n[x](nope.md)\n"),                  // P0301
        ("content/articles/d07.md", "---\ntitle: G\n---\n[x](fine.md#nope)\n"),             // P0302
        ("content/articles/d08.md", "---\ntitle: H\ndraft: perhaps\n---\n"),                // P0208
        ("content/articles/d09.md", "# no front matter\n"),                                  // P0205
        ("content/articles/d10.md", "---\ntitle: J\n"),                                      // P0204
        ("content/articles/d11.md", "---\ntitle: \"K\n---\n"),                               // P0206
        ("content/articles/d12.md", "---\ntitle: L\nstages:\n  - { id: s, title: S, from: soon, to: 1d }\n---\n"), // P0501
        ("content/articles/d13.md", "---\ntitle: M\ncosts:\n  - { item: I, min: 1, max: 2, currency: XXX, per: session }\n---\n"), // P0503
        ("content/articles/d14.md", "---\ntitle: N\ncosts:\n  - { item: I, min: 3, max: 2, currency: USD, per: session }\n---\n"), // P0504
        ("content/articles/d15.md", "---\ntitle: O\ncosts:\n  - { item: I, min: 1, max: 2, currency: USD, per: session, count: lots }\n---\n"), // P0505
        ("content/articles/d16.md", "---\ntitle: P\ntemplate: nope.html\n---\n"),           // P0405
        ("content/articles/d17.md", "---\ntitle: Q\nstages:\n  - { id: s, title: S, from: 3d, to: 1d }\n---\n"), // P0510
        ("content/articles/d18.md", "---\ntitle: R\nreviewed: { by: X, on: 2020-01-01, next: 2020-06-01 }\n---\n"), // P0520
        ("content/faq/d19.md", "---\nquestion: Q?\nrelated: [missing.md]\n---\nA.\n"),       // P0303
        ("content/articles/d20.md", "---\ntitle: T\nstages:\n  - { id: Bad Id, title: S, from: 0d, to: 1d }\n---\n"), // P0502
    ]);
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let diagnostics: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let mut files: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["file"].as_str())
        .collect();
    files.sort_unstable();
    files.dedup();
    assert_eq!(files.len(), 20, "{files:#?}");
    let codes: std::collections::BTreeSet<&str> = diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    for code in [
        "P0204", "P0205", "P0206", "P0207", "P0208", "P0209", "P0210", "P0211", "P0212", "P0213",
        "P0301", "P0302", "P0303", "P0405", "P0501", "P0502", "P0503", "P0504", "P0505", "P0510",
        "P0520",
    ] {
        assert!(codes.contains(code), "{code} missing from {codes:?}");
    }
    assert!(diagnostics
        .iter()
        .all(|d| d["line"].as_u64().is_some_and(|l| l > 0) || d["code"] == "P0405"));
}

#[test]
fn github_format_prints_workflow_commands() {
    let site = TestSite::with(&[(
        "content/articles/a.md",
        "---\ntitle: A\ntopics: [nope]\n---\n",
    )]);
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with("::error file=content/articles/a.md,line=3,col=10,title=P0211::unknown topic `nope`%0Ahelp: "),
        "{}",
        run.stdout
    );
}
