//! `pigment init` and `pigment new`: what they create builds on the first try, and they
//! never overwrite a file.

use crate::support::{broken_links, TestSite, TODAY};

#[test]
fn init_then_build_succeeds_with_only_placeholder_warnings() {
    let s = TestSite::new();
    let run = s.run(&["init", "clinic"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("created clinic/site.toml"),
        "{}",
        run.stderr
    );
    let site = s.root().join("clinic");
    let toml = std::fs::read_to_string(site.join("site.toml")).expect("site.toml");
    assert!(toml.contains("theme = \"clinic\""));
    assert!(
        toml.lines().filter(|l| l.starts_with('#')).count() >= 3,
        "site.toml has comments"
    );

    let run = s.run(&["build", "--root", "clinic"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The sample's reviewer and sources are placeholders to fill in: warnings, no more.
    let warnings = run.stderr.matches("warning[").count();
    assert!(warnings > 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("warning[P0522]").count(),
        warnings,
        "{}",
        run.stderr
    );
    let public = site.join("public");
    for page in [
        "index.html",
        "articles/your-first-visit/index.html",
        "faq/how-do-i-book/index.html",
        "faq/index.html",
        "search/index.html",
        "search-index.json",
    ] {
        assert!(public.join(page).is_file(), "{page} missing");
    }
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());
    let index = std::fs::read_to_string(public.join("search-index.json")).expect("index");
    assert!(index.contains("/faq/how-do-i-book/"));
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let s = TestSite::new();
    s.write("site/site.toml", "title = \"Mine\"\n");
    let run = s.run(&["init", "site"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("already exists; nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(s.root().join("site/site.toml")).expect("read"),
        "title = \"Mine\"\n"
    );
    assert!(!s.root().join("site/content").exists());
}

#[test]
fn new_article_and_faq_have_valid_front_matter_and_build() {
    let s = TestSite::with(&[]);
    let run = s.run(&["new", "article", "Pain: what to \"expect\"?"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let article = std::fs::read_to_string(s.root().join("content/articles/pain-what-to-expect.md"))
        .expect("article written");
    assert!(
        article.starts_with("---\ntitle: \"Pain: what to \\\"expect\\\"?\"\n"),
        "{article}"
    );
    // The site's topic ids are offered in a comment.
    assert!(
        article.contains("topics: []  # any of: recovery, costs"),
        "{article}"
    );

    let run = s.run(&["new", "faq", "Does it hurt?"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let faq = std::fs::read_to_string(s.root().join("content/faq/does-it-hurt.md")).expect("faq");
    assert!(
        faq.starts_with("---\nquestion: \"Does it hurt?\"\n"),
        "{faq}"
    );

    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        s.out("articles/pain-what-to-expect/index.html")
            .contains("Pain: what to “expect”?")
            || s.out("articles/pain-what-to-expect/index.html")
                .contains("Pain: what to &quot;expect&quot;?")
    );
    assert!(s
        .out("faq/does-it-hurt/index.html")
        .contains("Does it hurt?"));
}

#[test]
fn new_refuses_to_overwrite() {
    let s = TestSite::with(&[(
        "content/faq/does-it-hurt.md",
        "---\nquestion: Mine?\n---\nKeep.\n",
    )]);
    let run = s.run(&["new", "faq", "Does it hurt?"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(s.root().join("content/faq/does-it-hurt.md")).expect("read"),
        "---\nquestion: Mine?\n---\nKeep.\n"
    );
}

#[test]
fn new_outside_a_site_says_how_to_make_one() {
    let s = TestSite::new();
    let run = s.run(&["new", "article", "Hello"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no site.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("pigment init DIR"), "{}", run.stderr);
    assert!(!s.root().join("content").exists());
}

#[test]
fn a_title_without_letters_is_refused() {
    let s = TestSite::with(&[]);
    let run = s.run(&["new", "article", "???"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot make a file name"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_pages_are_dated_on_the_pinned_day() {
    let s = TestSite::new();
    // PIGMENT_TODAY (set by the test helpers) pins `init`; `--today` wins over it.
    assert_eq!(s.run(&["init", "clinic"]).code, 0);
    let first =
        std::fs::read_to_string(s.root().join("clinic/content/articles/your-first-visit.md"))
            .expect("first article");
    assert!(first.contains(&format!("date: {TODAY}\n")), "{first}");
    let run = s.run(&[
        "--today",
        "2031-04-05",
        "new",
        "--root",
        "clinic",
        "article",
        "Aftercare",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let new = std::fs::read_to_string(s.root().join("clinic/content/articles/aftercare.md"))
        .expect("new article");
    assert!(new.contains("date: 2031-04-05\n"), "{new}");
}
