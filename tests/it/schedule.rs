//! Scheduled and expiring pages (`publish_date`, `expires`, `--future`, `--expired`), the
//! next scheduled change `check` and `build` print, and prices that run out
//! (`valid_until`, `[costs] stale_after`). "Today" is pinned to 2026-12-01.

use crate::support::{TestSite, SITE_TOML};

const LANGUAGES: &str = "\n[languages.en]\nname = \"English\"\n\n[languages.ur]\nname = \"اردو\"\n";

const NOW: &str = "---
title: Published today
date: 2026-11-01
publish_date: 2026-12-01
topics: [recovery]
tags: [Scheduled]
costs:
  - { item: Today session, min: 1, max: 2, currency: USD, per: session }
---
Out today.
";

const NOW_UR: &str = "---
title: آج شائع
translation_of: { updated: 2026-11-01 }
---
آج۔
";

const FUTURE: &str = "---
title: Embargoed announcement
publish_date: 2030-01-15
topics: [recovery]
tags: [Scheduled]
aliases: [/old/announcement/]
costs:
  - { item: Future session, min: 1, max: 2, currency: USD, per: session }
---
Zyxwv embargoed words.
";

const FUTURE_UR: &str = "---
title: پابندی والا اعلان
---
متن۔
";

const EXPIRED: &str = "---
title: Winter offer
expires: 2026-11-30T18:00:00Z
topics: [recovery]
tags: [Scheduled]
---
Qwerty expired words.
";

const LAST_DAY: &str = "---
title: Last day today
expires: 2026-12-01
---
Still shown.
";

const HOME: &str = "---
title: Welcome
---
Read [today's news](articles/now.md).
";

/// A site in two languages with a page published today, one in 2030 (and its Urdu
/// translation, which has no dates of its own), one that expired yesterday and one whose
/// last day is today.
fn site() -> TestSite {
    let s = TestSite::with(&[
        ("content/_index.md", HOME),
        ("content/articles/now.md", NOW),
        ("content/articles/now.ur.md", NOW_UR),
        ("content/articles/future.md", FUTURE),
        ("content/articles/future.ur.md", FUTURE_UR),
        ("content/articles/expired.md", EXPIRED),
        ("content/articles/last-day.md", LAST_DAY),
    ]);
    s.write("site.toml", &format!("{SITE_TOML}{LANGUAGES}"));
    s
}

/// Every output file's text, for checking a word appears nowhere.
fn all_text(s: &TestSite) -> String {
    s.snapshot()
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect()
}

#[test]
fn future_and_expired_pages_are_left_out_everywhere() {
    let s = site();
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(s.exists("articles/now/index.html"));
    assert!(s.exists("articles/last-day/index.html"));
    for gone in [
        "articles/future/index.html",
        "articles/expired/index.html",
        "ur/articles/future/index.html",
        "old/announcement/index.html",
    ] {
        assert!(!s.exists(gone), "{gone} was written");
    }
    for file in [
        "sitemap.xml",
        "atom.xml",
        "search-index.json",
        "articles/index.html",
        "index.html",
        "costs/index.html",
        "tags/scheduled/index.html",
        "ur/articles/index.html",
    ] {
        let text = s.out(file);
        for word in [
            "future",
            "Embargoed",
            "expired",
            "Winter offer",
            "Future session",
        ] {
            assert!(!text.contains(word), "{file} mentions {word}");
        }
    }
    let everything = all_text(&s);
    assert!(
        !everything.contains("Zyxwv"),
        "the embargoed body was written"
    );
    assert!(
        !everything.contains("Qwerty"),
        "the expired body was written"
    );
    assert!(s.out("sitemap.xml").contains("/articles/now/"));
    assert!(s.out("atom.xml").contains("Published today"));
}

#[test]
fn future_and_expired_flags_build_them() {
    let s = site();
    let run = s.run(&["build", "--future", "--expired"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in [
        "articles/future/index.html",
        "articles/expired/index.html",
        "ur/articles/future/index.html",
        "old/announcement/index.html",
    ] {
        assert!(s.exists(file), "{file} missing");
    }
    assert!(s.out("sitemap.xml").contains("/articles/future/"));
    assert!(s.out("search-index.json").contains("Embargoed"));
    assert!(s.out("costs/index.html").contains("Future session"));
}

#[test]
fn check_and_build_print_the_next_scheduled_change() {
    let s = site();
    let run = s.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "next scheduled change: 2026-12-02, `content/articles/last-day.md` expires\n"
        ),
        "{}",
        run.stderr
    );
    let build = s.build();
    assert!(
        build.stderr.contains("next scheduled change: 2026-12-02"),
        "{}",
        build.stderr
    );
    s.remove("content/articles/last-day.md");
    let json = s.run(&["check", "--format", "json"]);
    assert_eq!(
        json.stdout.trim(),
        r#"{"next_scheduled_change":{"change":"published","date":"2030-01-15","others":0,"path":"content/articles/future.md"}}"#
    );
    let github = s.run(&["check", "--format", "github"]);
    assert_eq!(
        github.stdout.trim(),
        "::notice::next scheduled change: 2030-01-15, `content/articles/future.md` is published"
    );
    let future = s.run(&["check", "--future"]);
    assert!(
        !future.stderr.contains("next scheduled change"),
        "{}",
        future.stderr
    );
}

#[test]
fn a_draft_stays_out_and_is_no_scheduled_change() {
    let s = TestSite::with(&[
        ("content/articles/a.md", "---\ntitle: A\n---\nText.\n"),
        (
            "content/articles/b.md",
            "---\ntitle: B\ndraft: true\npublish_date: 2026-06-01\n---\nText.\n",
        ),
        (
            "content/articles/c.md",
            "---\ntitle: C\ndraft: true\npublish_date: 2027-06-01\n---\nText.\n",
        ),
    ]);
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!s.exists("articles/b/index.html"));
    assert!(
        !run.stderr.contains("next scheduled change"),
        "{}",
        run.stderr
    );
    let drafts = s.run(&["build", "--drafts"]);
    assert!(s.exists("articles/b/index.html"));
    assert!(!s.exists("articles/c/index.html"));
    assert!(
        drafts
            .stderr
            .contains("next scheduled change: 2027-06-01, `content/articles/c.md` is published"),
        "{}",
        drafts.stderr
    );
}

#[test]
fn a_price_past_valid_until_is_marked_on_the_costs_page() {
    let s = TestSite::with(&[(
        "content/articles/costs.md",
        "---
title: Costs
topics: [costs]
costs:
  - { item: Old session, min: 400, max: 1000, currency: USD, per: session, valid_until: 2026-11-30 }
  - { item: New session, min: 400, max: 1000, currency: USD, per: session, valid_until: 2026-12-01 }
---
Prices.
",
    )]);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[P0507]"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("[P0507]").count(), 1, "{}", run.stderr);
    let page = s.out("costs/index.html");
    assert!(
        page.contains("Price expired on <time datetime=\"2026-11-30\">November 30, 2026</time>"),
        "{page}"
    );
    assert!(
        page.contains("Valid until <time datetime=\"2026-12-01\">December 1, 2026</time>"),
        "{page}"
    );
}

#[test]
fn a_translation_may_not_link_to_a_page_left_out_in_its_original_language() {
    let s = TestSite::with(&[
        ("content/articles/a.md", "---\ntitle: A\n---\nText.\n"),
        (
            "content/articles/a.ur.md",
            "---\ntitle: اے\n---\n[خبر](b.md)\n",
        ),
        (
            "content/articles/b.md",
            "---\ntitle: B\npublish_date: 2030-01-15\n---\nNews.\n",
        ),
    ]);
    s.write("site.toml", &format!("{SITE_TOML}{LANGUAGES}"));
    let run = s.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[P0333]: link `b.md` points to a page not published until 2030-01-15\n --> content/articles/a.ur.md:4:1"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_translation_not_yet_published_is_left_out_of_the_language_switcher() {
    let s = TestSite::with(&[
        ("content/articles/a.md", "---\ntitle: A\n---\nText.\n"),
        (
            "content/articles/a.ur.md",
            "---\ntitle: اے\npublish_date: 2030-01-15\n---\nمتن۔\n",
        ),
        ("content/articles/b.ur.md", "---\ntitle: بی\n---\nمتن۔\n"),
        ("content/articles/b.md", "---\ntitle: B\n---\nText.\n"),
    ]);
    s.write("site.toml", &format!("{SITE_TOML}{LANGUAGES}"));
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!s.exists("ur/articles/a/index.html"));
    assert!(!s.out("articles/a/index.html").contains("/ur/articles/a/"));
    assert!(s.out("articles/b/index.html").contains("/ur/articles/b/"));
    assert!(!s.out("sitemap.xml").contains("/ur/articles/a/"));
}
