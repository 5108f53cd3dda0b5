//! Publishing output: a site served from a sub-path keeps every link, asset and sitemap URL
//! under it; images get sizes and lazy loading; `minify = true` keeps the output intact.

use crate::support::{attr_values, broken_links, TestSite, SITE_TOML};

const ARTICLE: &str = "---
title: Recovery after treatment
topics: [recovery]
tags: [healing]
aliases: [/old/recovery/]
---
## The first week

![A healed scalp](/img/dot.png)

See [the FAQ](../faq/does-it-hurt.md#top) and [the timeline](/articles/).

```
keep   this
    indented
```
";

const FAQ: &str = "---
question: Does it hurt?
topics: [recovery]
---
## Top

A little.
";

/// A 3 × 2 PNG header: enough for the size to be read.
/// A real 3×2 PNG.
fn png() -> Vec<u8> {
    use image::ImageEncoder;
    let mut b = Vec::new();
    image::codecs::png::PngEncoder::new(&mut b)
        .write_image(&[90; 24], 3, 2, image::ExtendedColorType::Rgba8)
        .expect("png");
    b
}

fn site(extra_toml: &str) -> TestSite {
    let s = TestSite::new();
    s.write("site.toml", &format!("{SITE_TOML}{extra_toml}"));
    s.write("content/articles/recovery.md", ARTICLE);
    s.write("content/faq/does-it-hurt.md", FAQ);
    std::fs::create_dir_all(s.root().join("static/img")).expect("mkdir");
    std::fs::write(s.root().join("static/img/dot.png"), png()).expect("png");
    s
}

#[test]
fn every_link_asset_and_sitemap_url_is_under_the_sub_path() {
    let s = site("");
    let run = s.run(&["build", "--base-url", "https://user.github.io/clinic/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = s.root().join("public");
    // Every internal href/src starts with /clinic/ and resolves to a file and anchor.
    assert_eq!(broken_links(&public, "/clinic/"), Vec::<String>::new());
    let home = s.out("index.html");
    let internal: Vec<String> = ["href", "src", "action", "data-index"]
        .iter()
        .flat_map(|a| attr_values(&home, a))
        .filter(|v| !v.contains("://") && !v.starts_with("mailto:") && !v.starts_with("tel:"))
        .collect();
    assert!(!internal.is_empty());
    for v in &internal {
        assert!(v.starts_with("/clinic/") || v.starts_with('#'), "{v}");
    }
    let sitemap = s.out("sitemap.xml");
    let locs: Vec<&str> = sitemap.split("<loc>").skip(1).collect();
    assert!(locs.len() > 3);
    for l in locs {
        assert!(l.starts_with("https://user.github.io/clinic/"), "{l}");
    }
    assert!(s
        .out("robots.txt")
        .contains("https://user.github.io/clinic/sitemap.xml"));
    let index: serde_json::Value = serde_json::from_str(&s.out("search-index.json")).expect("json");
    for d in index["docs"].as_array().expect("docs") {
        assert!(
            d[2].as_str().is_some_and(|u| u.starts_with("/clinic/")),
            "{d}"
        );
    }
    let search = s.out("search/index.html");
    assert!(search.contains(r#"data-index="/clinic/search-index.json""#));
    assert!(search.contains(r#"src="/clinic/search.js""#));
    assert!(s
        .out("old/recovery/index.html")
        .contains("/clinic/articles/recovery/"));
}

#[test]
fn markdown_images_become_pictures_under_the_sub_path() {
    let s = site("");
    let run = s.run(&["build", "--base-url", "https://user.github.io/clinic"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = s.out("articles/recovery/index.html");
    let start = page.find("<picture>").expect("a picture");
    let picture = &page[start..start + page[start..].find("</picture>").expect("closed")];
    assert!(
        picture.contains(r#"<source type="image/webp" srcset="/clinic/img/dot."#),
        "{picture}"
    );
    assert!(
        picture.contains(
            r#"width="3" height="2" fetchpriority="high" decoding="async" alt="A healed scalp""#
        ),
        "{picture}"
    );
    for url in crate::support::attr_values(picture, "srcset") {
        let file = url.trim_start_matches("/clinic/").trim_end_matches(" 3w");
        assert!(s.exists(file), "{file}");
    }
}

#[test]
fn minify_collapses_whitespace_and_keeps_output_intact() {
    let plain = site("");
    assert_eq!(plain.build().code, 0);
    let s = site("\n[build]\nminify = true\n");
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = s.out("articles/recovery/index.html");
    let before = plain.out("articles/recovery/index.html");
    assert!(
        page.len() < before.len(),
        "{} !< {}",
        page.len(),
        before.len()
    );
    assert!(
        page.contains("keep   this\n    indented\n"),
        "pre kept: {page}"
    );
    let outside_pre = page.split("<pre").next().unwrap_or_default();
    assert!(
        !outside_pre.contains("\n "),
        "indentation left: {outside_pre}"
    );
    assert!(!outside_pre.contains("  "), "double space left");
    // Same links and ids as the unminified build, and they all resolve.
    assert_eq!(attr_values(&page, "href"), attr_values(&before, "href"));
    assert_eq!(attr_values(&page, "id"), attr_values(&before, "id"));
    assert_eq!(
        broken_links(&s.root().join("public"), "/"),
        Vec::<String>::new()
    );
    // JSON-LD is untouched and still parses.
    let ld = page
        .split("application/ld+json\">")
        .nth(1)
        .and_then(|r| r.split("</script>").next())
        .expect("ld");
    assert!(
        serde_json::from_str::<serde_json::Value>(ld).is_ok(),
        "{ld}"
    );
}
