//! Front-matter pictures and before/after galleries: the results page, a page's social
//! card and JSON-LD image, and the consent checks on a pinned "today".

use crate::support::{TestSite, SITE_TOML};
use serde_json::Value;

const HAIRLINE: &str = "---
title: Hairline work
topics: [recovery]
image: { src: /img/hero.jpg, alt: \"Illustration: a hairline from above\" }
gallery:
  - caption: \"Illustration: a hairline, before and after two sessions.\"
    before: { src: /img/hairline-before.jpg, alt: Hairline before }
    after: { src: /img/hairline-after.jpg, alt: Hairline after }
    sessions: 2
    since: 6w
    taken: 2026-05-01
    consent: { ref: CF-2026-014, on: 2026-04-02 }
---
Text.
";

const PRICES: &str = "---
title: Prices
topics: [costs]
gallery:
  - caption: Crown
    before: { src: /img/crown-before.jpg, alt: Crown before }
    after: { src: /img/crown-after.jpg, alt: Crown after }
    taken: 2026-06-01
    consent: { ref: CF-2026-020, on: 2026-05-20 }
---
Text.
";

const PICTURES: &[&str] = &[
    "static/img/hero.jpg",
    "static/img/hairline-before.jpg",
    "static/img/hairline-after.jpg",
    "static/img/crown-before.jpg",
    "static/img/crown-after.jpg",
];

/// A picture file small enough to write as text: its header says its size, which is all
/// these pages need.
const PICTURE: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="16" height="12"></svg>"#;

fn site(files: &[(&str, &str)]) -> TestSite {
    let site = TestSite::with(files);
    for p in PICTURES {
        site.write(p, PICTURE);
    }
    site
}

#[test]
fn the_results_page_shows_every_pair_by_topic_with_its_consent_and_page() {
    let site = site(&[
        ("content/articles/hairline.md", HAIRLINE),
        ("content/articles/prices.md", PRICES),
    ]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.out("results/index.html");
    assert_eq!(html.matches("<figure class=\"pair\">").count(), 2, "{html}");
    // Groups in the site's topic order (recovery, then costs), each a filter link.
    let recovery = html
        .find("id=\"results-recovery\"")
        .expect("recovery group");
    let costs = html.find("id=\"results-costs\"").expect("costs group");
    assert!(recovery < costs);
    assert!(html.contains("<a class=\"chip\" href=\"#results-costs\" data-filter=\"costs\">"));
    for want in [
        "src=\"/img/hairline-before.jpg\" alt=\"Hairline before\" sizes=\"(min-width: 48rem) 24rem, 100vw\"",
        "src=\"/img/hairline-after.jpg\" alt=\"Hairline after\"",
        "<dd>2</dd>",
        "<dd>6 weeks</dd>",
        "<time datetime=\"2026-05-01\">",
        "<bdi dir=\"ltr\">CF-2026-014</bdi>",
        "<bdi dir=\"ltr\">CF-2026-020</bdi>",
        "From <a href=\"/articles/hairline/\">Hairline work</a>",
        "Illustration: a hairline, before and after two sessions.",
        "results.js",
    ] {
        assert!(html.contains(want), "missing {want} in\n{html}");
    }
    assert!(site.exists("results.js"));
}

#[test]
fn a_page_image_is_its_social_card_json_ld_image_hero_and_card_picture() {
    let site = site(&[("content/articles/hairline.md", HAIRLINE)]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.out("articles/hairline/index.html");
    for want in [
        "<meta property=\"og:image\" content=\"https://fixture.example/img/hero.jpg\">",
        "<meta property=\"og:image:alt\" content=\"Illustration: a hairline from above\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        "src=\"/img/hero.jpg\" alt=\"Illustration: a hairline from above\" loading=\"eager\" fetchpriority=\"high\"",
    ] {
        assert!(html.contains(want), "missing {want} in\n{html}");
    }
    let ld = jsonld(&html);
    let graph = ld["@graph"].as_array().expect("graph");
    let of = |t: &str| graph.iter().find(|n| n["@type"] == t).expect(t);
    let image = &of("MedicalWebPage")["primaryImageOfPage"];
    assert_eq!(image["url"], "https://fixture.example/img/hero.jpg");
    assert_eq!(image["description"], "Illustration: a hairline from above");
    assert_eq!(
        of("Article")["image"]["url"],
        "https://fixture.example/img/hero.jpg"
    );
    let list = site.out("articles/index.html");
    assert!(
        list.contains("class=\"card__image\" src=\"/img/hero.jpg\" alt=\"\""),
        "{list}"
    );
}

#[test]
fn a_site_without_galleries_has_no_results_page() {
    let site = site(&[("content/articles/a.md", "---\ntitle: A\n---\nText.\n")]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.exists("results/index.html"));
    assert!(!site.out("articles/a/index.html").contains("og:image"));
}

#[test]
fn the_urdu_results_page_is_right_to_left_in_urdu_with_the_same_pictures() {
    let toml = format!("{SITE_TOML}\n[languages.ur]\ntitle = \"ٹیسٹ\"\n");
    let site = site(&[
        ("content/articles/hairline.md", HAIRLINE),
        (
            "content/articles/hairline.ur.md",
            &HAIRLINE
                .replace(
                    "title: Hairline work",
                    "title: ہیئر لائن\ntranslation_of: { updated: 2026-01-01 }",
                )
                .replace("Hairline before", "ہیئر لائن پہلے"),
        ),
    ]);
    site.write("site.toml", &toml);
    site.write(
        "content/articles/hairline.md",
        &HAIRLINE.replace("topics:", "date: 2026-01-01\ntopics:"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.out("ur/results/index.html");
    for want in [
        "dir=\"rtl\"",
        "<h1>نتائج</h1>",
        "src=\"/img/hairline-before.jpg\" alt=\"ہیئر لائن پہلے\"",
        "href=\"/ur/articles/hairline/\"",
    ] {
        assert!(html.contains(want), "missing {want} in\n{html}");
    }
}

#[test]
fn consent_is_refused_after_the_photo_and_without_a_reference() {
    let late = HAIRLINE.replace("on: 2026-04-02", "on: 2026-05-02");
    let no_ref = PRICES.replace("ref: CF-2026-020", "ref: \"\"");
    let site = site(&[
        ("content/articles/hairline.md", &late),
        ("content/articles/prices.md", &no_ref),
    ]);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[P0553]: consent was given on 2026-05-02, after the photo was taken on 2026-05-01"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--> content/articles/hairline.md:12:38"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error[P0552]: the consent record has an empty `ref`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/articles/prices.md:9:5"),
        "{}",
        run.stderr
    );
}

#[test]
fn consent_older_than_consent_renew_after_on_the_pinned_day_is_a_warning() {
    let site = site(&[("content/articles/hairline.md", HAIRLINE)]);
    // Given 2026-04-02: within two years on the suite's day (2026-12-01) …
    let fresh = site.run(&["check"]);
    assert!(
        fresh.stderr.contains("0 errors, 0 warnings"),
        "{}",
        fresh.stderr
    );
    // … and past them in 2028.
    let old = site.run(&["check", "--today", "2028-04-03"]);
    assert_eq!(old.code, 0, "{}", old.stderr);
    assert!(
        old.stderr.contains(
            "warning[P0554]: consent `CF-2026-014` was given on 2026-04-02, more than 2 years ago"
        ),
        "{}",
        old.stderr
    );
    assert!(
        old.stderr
            .contains("--> content/articles/hairline.md:12:38"),
        "{}",
        old.stderr
    );
    // A shorter `consent_renew_after` makes it due sooner.
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[images]\nconsent_renew_after = \"6mo\"\n"),
    );
    let short = site.run(&["check"]);
    assert!(
        short.stderr.contains("more than 6 months ago"),
        "{}",
        short.stderr
    );
}

#[test]
fn a_missing_picture_or_one_beside_the_page_is_found_or_reported_at_its_line() {
    let relative = HAIRLINE.replace("/img/hero.jpg", "hero.jpg");
    let site = site(&[("content/articles/hairline.md", &relative)]);
    let missing = site.run(&["check"]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert!(
        missing.stderr.contains(
            "error[P0551]: picture `hero.jpg` not found: there is no content/articles/hero.jpg"
        ),
        "{}",
        missing.stderr
    );
    assert!(
        missing
            .stderr
            .contains("--> content/articles/hairline.md:4:15"),
        "{}",
        missing.stderr
    );
    // Said once: the check of the built site's links leaves a picture reported missing alone.
    assert!(!missing.stderr.contains("P0330"), "{}", missing.stderr);
    site.write("content/articles/hero.jpg", "not really a jpeg");
    let unreadable = site.run(&["check"]);
    assert_eq!(unreadable.code, 1, "{}", unreadable.stderr);
    assert!(
        unreadable.stderr.contains(
            "error[P0341]: `content/articles/hero.jpg` is not a JPEG, PNG, WebP, GIF or SVG image that can be read"
        ),
        "{}",
        unreadable.stderr
    );
    assert!(
        !unreadable.stderr.contains("P0330"),
        "{}",
        unreadable.stderr
    );
    site.write("content/articles/hero.jpg", PICTURE);
    let found = site.run(&["check"]);
    assert_eq!(found.code, 0, "{}", found.stderr);
}

fn jsonld(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("json-ld")
        + "<script type=\"application/ld+json\">".len();
    let end = html[start..].find("</script>").expect("end") + start;
    serde_json::from_str(&html[start..end].replace("<\\/", "</")).expect("json")
}
