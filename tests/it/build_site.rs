//! Builds small fixture sites with the real binary and looks at the files written.

use crate::support::{broken_links, TestSite};

const RECOVERY: &str = "---
title: Recovery after treatment
description: What the first weeks are like.
date: 2026-03-01
updated: 2026-04-02
topics: [recovery]
tags: [Aftercare, healing]
reviewed: { by: Dr Test, role: Dermatologist, on: 2026-05-01, next: 2027-05-01 }
sources:
  - { title: A source, url: \"https://example.org/a\" }
aliases: [/old/recovery/]
---
## The first week

Keep it dry. See [the costs](costs.md#per-session) and [the FAQ](/faq/does-it-hurt.md).

### Washing

Wait.

## The first week

| Day | What |
| --- | --- |
| 1 | Rest |

Text with a footnote.[^1] ~~old~~

- [x] done

[^1]: The note.

[External](https://example.org/x.md) and [site page](/tags/).
";

const COSTS: &str = "---
title: Costs
date: 2026-02-01
topics: [costs]
costs:
  - { item: Session, min: 400, max: 1000, currency: USD, per: session, count: \"2-4\" }
---
## Per session

Prices vary.
";

const FAQ: &str = "---
question: Does it hurt?
topics: [recovery]
related: [../articles/recovery.md]
---
A little. Read about [recovery](../articles/recovery.md#washing).
";

fn fixture() -> TestSite {
    TestSite::with(&[
        (
            "content/_index.md",
            "---\ntitle: Welcome\n---\nHello **patients**.\n",
        ),
        ("content/articles/recovery.md", RECOVERY),
        ("content/articles/costs.md", COSTS),
        (
            "content/articles/draft.md",
            "---\ntitle: Not yet\ndraft: true\n---\nSoon.\n",
        ),
        ("content/faq/does-it-hurt.md", FAQ),
        ("static/robots-note.txt", "hello\n"),
        ("content/articles/.recovery.md.swp", "junk"),
        ("content/articles/recovery.md~", "junk"),
    ])
}

#[test]
fn builds_every_page_and_generated_file() {
    let site = fixture();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for f in [
        "index.html",
        "articles/index.html",
        "articles/recovery/index.html",
        "articles/costs/index.html",
        "faq/index.html",
        "faq/does-it-hurt/index.html",
        "topics/index.html",
        "topics/recovery/index.html",
        "tags/index.html",
        "tags/aftercare/index.html",
        "tags/healing/index.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        "404.html",
        "old/recovery/index.html",
        "robots-note.txt",
        "favicon.svg",
    ] {
        assert!(site.exists(f), "missing {f}");
    }
    assert!(
        !site.exists("articles/draft/index.html"),
        "drafts are left out"
    );
    let broken = broken_links(&site.root().join("public"), "/");
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn markdown_links_headings_and_toc() {
    let site = fixture();
    assert_eq!(site.build().code, 0);
    let html = site.out("articles/recovery/index.html");
    assert!(html.contains("<h2 id=\"the-first-week\">The first week</h2>"));
    assert!(
        html.contains("<h2 id=\"the-first-week-1\">The first week</h2>"),
        "duplicate heading ids get -1"
    );
    assert!(html.contains("<h3 id=\"washing\">Washing</h3>"));
    assert!(
        html.contains("href=\"/articles/costs/#per-session\""),
        "relative .md link rewritten"
    );
    assert!(
        html.contains("href=\"/faq/does-it-hurt/\""),
        "root .md link rewritten"
    );
    assert!(
        html.contains("href=\"https://example.org/x.md\""),
        "external links untouched"
    );
    assert!(html.contains("<table>"), "tables");
    assert!(html.contains("<del>old</del>"), "strikethrough");
    assert!(html.contains("type=\"checkbox\""), "task lists");
    assert!(html.contains("footnote"), "footnotes");
    assert!(
        html.contains("href=\"#washing\""),
        "toc links to subheadings"
    );
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(html
        .contains("<link rel=\"canonical\" href=\"https://fixture.example/articles/recovery/\">"));
    assert!(html.contains("Fixture Clinic"), "contact block");
    assert!(html.contains("Dr Test"), "review");
    assert!(html.contains("https://example.org/a"), "sources");
    let faq = site.out("faq/does-it-hurt/index.html");
    assert!(faq.contains("Does it hurt?"));
    assert!(faq.contains("href=\"/articles/recovery/#washing\""));
}

#[test]
fn sitemap_feed_robots_and_aliases() {
    let site = fixture();
    assert_eq!(site.build().code, 0);
    let sitemap = site.out("sitemap.xml");
    assert!(sitemap.contains("<url><loc>https://fixture.example/articles/recovery/</loc><lastmod>2026-05-01</lastmod></url>"));
    assert!(sitemap.contains("<url><loc>https://fixture.example/articles/costs/</loc><lastmod>2026-02-01</lastmod></url>"));
    assert!(!sitemap.contains("draft"));
    let atom = site.out("atom.xml");
    assert!(
        atom.contains("<updated>2026-05-01T00:00:00Z</updated>"),
        "{atom}"
    );
    assert!(atom.contains("<title>Recovery after treatment</title>"));
    assert_eq!(
        site.out("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://fixture.example/sitemap.xml\n"
    );
    let alias = site.out("old/recovery/index.html");
    assert!(alias.contains("url=/articles/recovery/"));
}

#[test]
fn drafts_flag_includes_drafts() {
    let site = fixture();
    assert_eq!(site.run(&["build", "--drafts"]).code, 0);
    assert!(site.exists("articles/draft/index.html"));
}

#[test]
fn base_url_with_a_path_prefixes_every_link() {
    let site = fixture();
    let run = site.run(&["build", "--base-url", "https://user.github.io/clinic/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.out("articles/recovery/index.html");
    assert!(html.contains("href=\"/clinic/articles/costs/#per-session\""));
    assert!(
        html.contains("href=\"/clinic/tags/\""),
        "site-absolute links get the path"
    );
    assert!(site
        .out("sitemap.xml")
        .contains("https://user.github.io/clinic/articles/recovery/"));
    let broken = broken_links(&site.root().join("public"), "/clinic/");
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn site_templates_and_static_override_the_theme() {
    let site = fixture();
    site.write("templates/faq.html", "<p>custom {{ page.title }}</p>");
    site.write(
        "static/favicon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    assert_eq!(site.build().code, 0);
    assert_eq!(
        site.out("faq/does-it-hurt/index.html"),
        "<p>custom Does it hurt?</p>"
    );
    assert_eq!(
        site.out("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
}

#[test]
fn front_matter_with_bom_and_crlf() {
    let site = fixture();
    site.write(
        "content/articles/windows.md",
        "\u{feff}---\r\ntitle: Saved on Windows\r\n---\r\n## A heading\r\n\r\nText.\r\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.out("articles/windows/index.html");
    assert!(html.contains("Saved on Windows"));
    assert!(html.contains("<h2 id=\"a-heading\">"));
}

#[test]
fn slug_replaces_the_file_name() {
    let site = fixture();
    site.write(
        "content/articles/long-file-name.md",
        "---\ntitle: Short\nslug: short\n---\nx\n",
    );
    assert_eq!(site.build().code, 0);
    assert!(site.exists("articles/short/index.html"));
    assert!(!site.exists("articles/long-file-name/index.html"));
}

#[test]
fn translation_of_is_a_front_matter_field() {
    let site = fixture();
    site.write(
        "content/articles/notes.md",
        "---\ntitle: Notes\ntranslation_of: { updated: 2026-04-02 }\n---\nx\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("P0207"), "{}", run.stderr);
}

#[test]
fn rtl_language_sets_dir() {
    let site = fixture();
    site.write(
        "site.toml",
        &crate::support::SITE_TOML.replacen(
            "description = ",
            "language = \"ur\"\ndescription = ",
            1,
        ),
    );
    assert_eq!(site.build().code, 0);
    assert!(site
        .out("index.html")
        .contains("<html lang=\"ur\" dir=\"rtl\">"));
}

#[test]
fn urdu_site_writes_the_words_of_its_language() {
    let site = TestSite::new();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/urdu-strings");
    for dir in ["content", "i18n", "themes"] {
        crate::support::copy_tree(&fixture.join(dir), &site.root().join(dir));
    }
    site.write(
        "site.toml",
        &std::fs::read_to_string(fixture.join("site.toml")).expect("site.toml"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let article = site.out("articles/recovery/index.html");
    // The site's i18n/ur.toml wins over the theme's ur.toml; the date is written for `ur`.
    assert!(
        article.contains("<p>آخری تازہ کاری: 14 مارچ، 2026</p>"),
        "{article}"
    );
    // A key the Urdu file lacks falls back to English, with one warning naming the file.
    assert!(article.contains("<p>Goodbye</p>"), "{article}");
    assert_eq!(
        run.stderr.matches("warning[P0235]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("message `bye` is missing from `themes/mini/i18n/ur.toml`"));
    // Pigment's own words: breadcrumbs, stage spans, durations with Urdu plural forms.
    assert!(article.contains("<nav>صفحۂ اول / "), "{article}");
    assert!(
        article.contains("<li>7 دن پہلے سے علاج کا دن تک: تیاری</li>"),
        "{article}"
    );
    let timeline = site.out("timeline/index.html");
    assert!(timeline.contains("<p>ورزش: 2 ہفتے</p>"), "{timeline}");
    assert!(timeline.contains("دن 1; دن 3; ہفتہ 1;"), "{timeline}");
    assert!(site.out("404.html").contains("<h1>صفحہ نہیں ملا</h1>"));
}

#[test]
fn a_site_overrides_the_bundled_theme_words_key_by_key() {
    let site = fixture();
    site.write(
        "i18n/en.toml",
        "skip_to_content = \"Jump to the text\"\npages_count = { one = \"{n} guide\", other = \"{n} guides\" }\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = site.out("index.html");
    assert!(home.contains(">Jump to the text</a>"), "{home}");
    assert!(!home.contains("Skip to main content"), "{home}");
    // Keys the site leaves out keep the theme's words.
    assert!(home.contains("Browse by topic"), "{home}");
    assert!(site.out("topics/index.html").contains(" guide"));
}
