//! A site in two languages: translations found by file name, served under `/ur/`, linked
//! both ways (`hreflang`, the sitemap, the language switcher), with every generated page,
//! search index and feed made per language.

use crate::support::{attr_values, TestSite, SITE_TOML};

const LANGUAGES: &str = r#"
[languages.en]
name = "English"

[languages.ur]
name = "اردو"
title = "فکسچر کلینک گائیڈ"
description = "ٹیسٹ کے لیے ایک چھوٹی سائٹ۔"

[[languages.ur.menu]]
title = "مضامین"
url = "/articles/"

[languages.ur.topics.recovery]
title = "بحالی"
"#;

const RECOVERY: &str = "---
title: Recovery after treatment
date: 2026-03-01
topics: [recovery]
stages:
  - { id: first-days, title: The first days, from: 0d, to: 3d, avoid: [{ what: swimming, until: 28d }] }
---
## The first days

Read [the costs](costs.md) and [does it hurt](../faq/does-it-hurt.md).
";

const RECOVERY_UR: &str = "---
title: علاج کے بعد بحالی
slug: bahali
date: 2026-03-01
topics: [recovery]
stages:
  - { id: first-days, title: پہلے دن, from: 0d, to: 3d, avoid: [{ what: تیراکی, until: 28d }] }
---
## پہلے دن {#the-first-days}

[اخراجات](costs.md) اور [کیا درد ہوتا ہے](../faq/does-it-hurt.md) پڑھیں۔
";

const COSTS: &str = "---
title: What SMP costs
topics: [costs]
---
Prices.
";

const FAQ: &str = "---
question: Does it hurt?
topics: [recovery]
---
A little.
";

const FAQ_UR: &str = "---
question: کیا درد ہوتا ہے؟
topics: [recovery]
---
تھوڑا سا۔
";

fn site() -> TestSite {
    let s = TestSite::new();
    s.write("site.toml", &format!("{SITE_TOML}{LANGUAGES}"));
    s.write("content/articles/recovery.md", RECOVERY);
    s.write("content/articles/recovery.ur.md", RECOVERY_UR);
    s.write("content/articles/costs.md", COSTS);
    s.write("content/faq/does-it-hurt.md", FAQ);
    s.write("content/faq/does-it-hurt.ur.md", FAQ_UR);
    s
}

/// The `href` of every `<link rel="alternate" hreflang>` in `html`, as `code=url`.
fn hreflangs(html: &str) -> Vec<String> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .filter_map(|rest| {
            let (code, rest) = rest.split_once('"')?;
            let href = rest.split("href=\"").nth(1)?.split('"').next()?;
            Some(format!("{code}={href}"))
        })
        .collect()
}

#[test]
fn translations_are_served_under_their_language_and_linked_both_ways() {
    let s = site();
    let r = s.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The translation is a page of its own language, not a stray English page.
    assert!(!s.exists("articles/recovery.ur/index.html"));
    let ur = s.out("ur/articles/bahali/index.html");
    assert!(ur.contains("<html lang=\"ur\" dir=\"rtl\">"), "{ur}");
    let en = s.out("articles/recovery/index.html");
    let pair = vec![
        "en=https://fixture.example/articles/recovery/".to_string(),
        "ur=https://fixture.example/ur/articles/bahali/".to_string(),
        "x-default=https://fixture.example/articles/recovery/".to_string(),
    ];
    assert_eq!(hreflangs(&en), pair);
    assert_eq!(hreflangs(&ur), pair);
    assert!(ur
        .contains("<link rel=\"canonical\" href=\"https://fixture.example/ur/articles/bahali/\">"));
    // A page in one language only has no alternates.
    assert_eq!(
        hreflangs(&s.out("articles/costs/index.html")),
        Vec::<String>::new()
    );
}

#[test]
fn the_switcher_goes_to_the_same_page_or_that_languages_home() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let switch = |html: &str| {
        let nav = html
            .split("<nav class=\"lang-switch\"")
            .nth(1)
            .expect("switcher");
        let nav = nav.split("</nav>").next().unwrap_or("");
        attr_values(nav, "href")
    };
    assert_eq!(
        switch(&s.out("articles/recovery/index.html")),
        ["/ur/articles/bahali/"]
    );
    assert_eq!(
        switch(&s.out("ur/articles/bahali/index.html")),
        ["/articles/recovery/"]
    );
    // Generated pages and the search page have their switcher too.
    assert_eq!(switch(&s.out("ur/timeline/index.html")), ["/timeline/"]);
    assert_eq!(switch(&s.out("search/index.html")), ["/ur/search/"]);
    // No Urdu costs page: the switcher goes to the Urdu home page.
    assert_eq!(switch(&s.out("articles/costs/index.html")), ["/ur/"]);
    let en = s.out("articles/recovery/index.html");
    assert!(
        en.contains("<a href=\"/ur/articles/bahali/\" hreflang=\"ur\" lang=\"ur\">اردو</a>"),
        "{en}"
    );
    assert!(en.contains("<span aria-current=\"true\" lang=\"en\">English</span>"));
}

#[test]
fn links_go_to_the_same_language_else_to_the_default_one() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let ur = s.out("ur/articles/bahali/index.html");
    let hrefs = attr_values(&ur, "href");
    // Translated: the Urdu FAQ. Not translated: the English costs page.
    assert!(
        hrefs.contains(&"/ur/faq/does-it-hurt/".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"/articles/costs/".to_string()), "{hrefs:?}");
}

#[test]
fn every_language_gets_its_generated_pages_search_index_and_feed() {
    let s = site();
    assert_eq!(s.build().code, 0);
    for f in [
        "ur/index.html",
        "ur/faq/index.html",
        "ur/timeline/index.html",
        "ur/topics/recovery/index.html",
        "ur/search/index.html",
        "ur/search-index.json",
        "ur/atom.xml",
        "ur/404.html",
    ] {
        assert!(s.exists(f), "{f}");
    }
    // Static files are the site's, once.
    assert!(!s.exists("ur/search.js"));
    assert!(!s.exists("ur/robots.txt") && !s.exists("ur/sitemap.xml"));
    let index = s.out("ur/search-index.json");
    assert!(index.contains("علاج کے بعد بحالی"));
    assert!(!index.contains("What SMP costs"));
    assert!(!s.out("search-index.json").contains("علاج کے بعد بحالی"));
    let topic = s.out("ur/topics/recovery/index.html");
    assert!(topic.contains("بحالی"), "{topic}");
    assert!(s.out("ur/atom.xml").contains("xml:lang=\"ur\""));
    assert!(s.out("ur/index.html").contains("فکسچر کلینک گائیڈ"));
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let map = s.out("sitemap.xml");
    assert!(map.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let entry = map
        .lines()
        .find(|l| l.contains("<loc>https://fixture.example/ur/articles/bahali/</loc>"))
        .expect("Urdu entry");
    assert!(entry.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://fixture.example/articles/recovery/\"/>"), "{entry}");
    assert!(entry.contains("<xhtml:link rel=\"alternate\" hreflang=\"ur\" href=\"https://fixture.example/ur/articles/bahali/\"/>"), "{entry}");
    let costs = map
        .lines()
        .find(|l| l.contains("<loc>https://fixture.example/articles/costs/</loc>"))
        .expect("costs entry");
    assert!(!costs.contains("xhtml:link"), "{costs}");
}

#[test]
fn check_lists_the_pages_each_language_lacks() {
    let s = site();
    let r = s.run(&["check", "--translations"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "translations: `ur` has 2 of 3 pages; 1 not translated:\n  content/articles/costs.md\n"
    );
}

#[test]
fn structured_data_names_the_language_and_the_translations() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let en = s.out("articles/recovery/index.html");
    let ur = s.out("ur/articles/bahali/index.html");
    assert!(en.contains(r#""inLanguage":"en""#), "{en}");
    assert!(
        en.contains(
            r#""workTranslation":[{"@id":"https://fixture.example/ur/articles/bahali/#webpage"}]"#
        ),
        "{en}"
    );
    assert!(ur.contains(r#""inLanguage":"ur""#));
    assert!(
        ur.contains(
            r#""translationOfWork":{"@id":"https://fixture.example/articles/recovery/#webpage"}"#
        ),
        "{ur}"
    );
    assert!(!s
        .out("articles/costs/index.html")
        .contains("workTranslation"));
}

#[test]
fn a_translation_of_an_older_original_says_so_and_check_warns() {
    let s = site();
    let newer = RECOVERY.replace("date: 2026-03-01", "date: 2026-03-01\nupdated: 2026-09-15");
    s.write("content/articles/recovery.md", &newer);
    let made_from = RECOVERY_UR.replace(
        "slug: bahali",
        "slug: bahali\ntranslation_of: { updated: 2026-03-01 }",
    );
    s.write("content/articles/recovery.ur.md", &made_from);
    let r = s.run(&["check"]);
    assert!(r.stderr.contains("warning[P0313]"), "{}", r.stderr);
    assert!(
        r.stderr.contains("content/articles/recovery.ur.md"),
        "{}",
        r.stderr
    );
    assert_eq!(s.build().code, 0);
    let ur = s.out("ur/articles/bahali/index.html");
    assert!(
        ur.contains("<p class=\"notice notice--outdated\" role=\"note\">"),
        "{ur}"
    );
    assert!(
        ur.contains("<a href=\"https://fixture.example/articles/recovery/\">اصل صفحے</a>"),
        "{ur}"
    );
    // Once the translation says which version it was made from, the notice goes.
    s.write(
        "content/articles/recovery.ur.md",
        &RECOVERY_UR.replace(
            "slug: bahali",
            "slug: bahali\ntranslation_of: { updated: 2026-09-15 }",
        ),
    );
    assert_eq!(s.build().code, 0);
    assert!(!s
        .out("ur/articles/bahali/index.html")
        .contains("notice--outdated"));
    assert!(!s
        .out("articles/recovery/index.html")
        .contains("notice--outdated"));
}
