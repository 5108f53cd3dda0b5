//! Failure cases: the full message a writer sees, and an output folder left untouched.
//! Sites whose whole error output is the point live in `tests/fixtures/` (`bad-yaml`,
//! `unknown-front-matter-key`, `broken-md-link`, `broken-anchor`, `every-error-of-a-run`).

use crate::support::TestSite;

const OK_PAGE: &str = "---\ntitle: Fine\n---\n## Section\n\nText.\n";

#[test]
fn unknown_site_toml_key() {
    let site = TestSite::with(&[("content/articles/fine.md", OK_PAGE)]);
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://x.example\"\nlanguge = \"en\"\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error[P0102]: unknown key `languge` in site.toml
 --> site.toml:3:1
  |
3 | languge = \"en\"
  | ^^^^^^^ not a site.toml key
  |
help: did you mean `language`?

error: build failed (1 error, 0 warnings); the output folder was not changed
"
    );
}

#[test]
fn template_error_points_into_the_template() {
    let site = TestSite::with(&[("content/articles/fine.md", OK_PAGE)]);
    site.write(
        "templates/article.html",
        "<h1>{{ page.title }}</h1>\n<p>{{ page.no_such_field }}</p>\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("error[P0404]: template error: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("(rendering /articles/fine/)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(" --> templates/article.html:2:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2 | <p>{{ page.no_such_field }}</p>"),
        "{}",
        run.stderr
    );
}

#[test]
fn template_syntax_error() {
    let site = TestSite::with(&[("content/articles/fine.md", OK_PAGE)]);
    site.write("templates/article.html", "<h1>{{ page.title }</h1>\n");
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("error[P0404]: template syntax error: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(" --> templates/article.html:1:"),
        "{}",
        run.stderr
    );
}

#[test]
fn failed_build_leaves_output_untouched() {
    let site = TestSite::with(&[("content/articles/fine.md", OK_PAGE)]);
    assert_eq!(site.build().code, 0);
    let before = site.snapshot();
    assert!(!before.is_empty());
    site.write(
        "content/articles/fine.md",
        "---\ntitle: Changed\n---\n[x](missing.md)\n",
    );
    site.write("content/articles/new.md", "---\ntitle: New\n---\nx\n");
    assert_eq!(site.build().code, 1);
    assert_eq!(
        site.snapshot(),
        before,
        "a failed build must not write, change or remove anything"
    );
}

#[test]
fn missing_site_toml_is_a_clear_error() {
    let site = TestSite::new();
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[P0101]: cannot read"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: run `pigment build` in a site folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let site = TestSite::new();
    assert_eq!(site.run(&["build", "--no-such-flag"]).code, 2);
}

#[test]
fn an_invalid_pinned_day_is_a_usage_error() {
    let site = TestSite::with(&[("content/articles/fine.md", OK_PAGE)]);
    let run = site.run(&["check", "--today", "2026-02-30"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: invalid value '2026-02-30' for '--today <YYYY-MM-DD>': not a date"
        ),
        "{}",
        run.stderr
    );
    let out = crate::support::pigment()
        .env("PIGMENT_TODAY", "next week")
        .args(["check", "--color", "never"])
        .current_dir(site.root())
        .output()
        .expect("run pigment");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: invalid PIGMENT_TODAY value \"next week\": not a date: write dates as YYYY-MM-DD, e.g. `2026-03-14`\n"
    );
}

/// A template that fails on one page only, after others were rendered (and written out).
const FAILS_ON_BAD: &str = "<h1>{{ page.title }}</h1>{% if page.title == \"Bad\" %}{{ page.no_such_field }}{% endif %}{{ page.content | safe }}\n";

#[test]
fn a_build_failing_while_rendering_leaves_output_untouched() {
    let site = TestSite::with(&[
        ("content/articles/fine.md", OK_PAGE),
        (
            "content/articles/other.md",
            "---\ntitle: Other\n---\nOld.\n",
        ),
    ]);
    assert_eq!(site.build().code, 0);
    let before = site.snapshot();
    // Pages that change, pages that are new, and one page the template fails on.
    site.write("templates/article.html", FAILS_ON_BAD);
    site.write(
        "content/articles/other.md",
        "---\ntitle: Other\n---\nNew.\n",
    );
    for n in 0..20 {
        site.write(
            &format!("content/articles/new{n}.md"),
            "---\ntitle: New\n---\nx\n",
        );
    }
    site.write("content/articles/zz.md", "---\ntitle: Bad\n---\nx\n");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[P0404]"), "{}", run.stderr);
    assert_eq!(
        site.snapshot(),
        before,
        "files already rendered must not reach the output folder"
    );
    assert!(!site.exists(".pigment-staging"), "no staging folder left");
}

#[test]
fn a_first_build_failing_while_rendering_leaves_no_output_folder() {
    let site = TestSite::with(&[
        ("content/articles/fine.md", OK_PAGE),
        ("content/articles/zz.md", "---\ntitle: Bad\n---\nx\n"),
        ("templates/article.html", FAILS_ON_BAD),
    ]);
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        !site.exists(""),
        "the output folder is not left half-written"
    );
}

#[test]
fn a_successful_rebuild_replaces_changed_files_and_leaves_no_staging() {
    let site = TestSite::with(&[("content/articles/fine.md", OK_PAGE)]);
    assert_eq!(site.build().code, 0);
    site.write(
        "content/articles/fine.md",
        "---\ntitle: Fine\n---\n## Section\n\nChanged text.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .out("articles/fine/index.html")
        .contains("Changed text."));
    assert!(!site.exists(".pigment-staging"));
}

/// Regression: a page that fails to load used to be reported again as a "missing page" at
/// every link to it, before its own error.
#[test]
fn a_page_that_fails_to_load_is_not_reported_again_at_each_link() {
    let site = TestSite::with(&[
        ("content/articles/fine.md", OK_PAGE),
        (
            "content/articles/a.md",
            "---\ntitle: A\n---\nSee [costs](costs.md) and [gone](gone.md).\n",
        ),
        (
            "content/articles/b.md",
            "---\ntitle: B\n---\nSee [costs](costs.md#section).\n",
        ),
        (
            "content/faq/q.md",
            "---\nquestion: Q?\nrelated: [../articles/costs.md]\n---\nA.\n",
        ),
    ]);
    std::fs::write(
        site.root().join("content/articles/costs.md"),
        b"---\ntitle: Costs\n---\ncaf\xe9\n",
    )
    .expect("write");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error[P0301]: link to a missing page: `gone.md`
 --> content/articles/a.md:4:27
  |
4 | See [costs](costs.md) and [gone](gone.md).
  |                           ^^^^^^^^^^^^^^^ no file content/articles/gone.md
  |
help: did you mean `content/articles/fine.md`? Paths are relative to this file, or to `content/` when they start with `/`

error[P0203]: `content/articles/costs.md` is not valid UTF-8
 --> content/articles/costs.md:4:4
  |
4 | caf
  |    ^
  |
help: save the file as UTF-8 in your editor

check failed: 2 errors, 0 warnings
"
    );
}

/// Regression: the page that lost a URL clash was reported as a "missing page" at every
/// link to it.
#[test]
fn a_page_that_lost_a_url_clash_is_not_reported_again_at_each_link() {
    let site = TestSite::with(&[
        ("content/articles/a.md", "---\ntitle: A\n---\n"),
        ("content/articles/b.md", "---\ntitle: B\nslug: a\n---\n"),
        (
            "content/articles/c.md",
            "---\ntitle: C\n---\nSee [b](b.md) and [a](a.md).\n",
        ),
        (
            "content/faq/q.md",
            "---\nquestion: Q?\nrelated: [../articles/b.md]\n---\nA.\n",
        ),
    ]);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("[P0304]"), "{}", run.stderr);
    assert!(!run.stderr.contains("[P0301]"), "{}", run.stderr);
    assert!(!run.stderr.contains("[P0303]"), "{}", run.stderr);
    assert!(
        run.stderr.ends_with("check failed: 1 error, 0 warnings\n"),
        "{}",
        run.stderr
    );
}

/// Regression: a symbolic link under `content/` or `static/` was skipped without a word.
#[cfg(unix)]
#[test]
fn symlinked_pages_and_static_files_are_skipped_with_a_warning() {
    let site = TestSite::with(&[
        ("content/articles/fine.md", OK_PAGE),
        ("elsewhere/page.md", OK_PAGE),
        ("elsewhere/logo.svg", "<svg/>"),
    ]);
    std::fs::create_dir_all(site.root().join("static")).expect("mkdir");
    let link = |target: &str, at: &str| {
        std::os::unix::fs::symlink(target, site.root().join(at)).expect("symlink");
    };
    link("../../elsewhere/page.md", "content/articles/linked.md");
    link("../elsewhere/logo.svg", "static/logo.svg");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[P0215]: `content/articles/linked.md` is a symbolic link; skipped"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning[P0215]: `static/logo.svg` is a symbolic link; skipped"),
        "{}",
        run.stderr
    );
    assert!(site.exists("articles/fine/index.html"));
    assert!(!site.exists("articles/linked/index.html"));
    assert!(!site.exists("logo.svg"));
}

/// Regression: a file name with a line break was built, giving a URL and a manifest line
/// with a line break in them.
#[test]
fn a_file_name_with_a_control_character_is_an_error_and_not_built() {
    let site = TestSite::with(&[
        ("content/articles/fine.md", OK_PAGE),
        ("content/articles/a\nb.md", OK_PAGE),
        ("content/bad\u{1b}dir/c.md", OK_PAGE),
    ]);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error[P0214]: the file path `content/articles/a\\nb.md` contains a control character\n--> content/articles/a\\nb.md\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "error[P0214]: the folder path `content/bad\\u{1b}dir` contains a control character\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("check failed: 2 errors, 0 warnings\n"),
        "{}",
        run.stderr
    );
}
