//! `build --relative` and `[build] relative_urls`: a site that works opened from disk. Every
//! internal URL of every page is a path from the page that names a file (`…/index.html`),
//! the absolute ones (canonical, hreflang, feed, sitemap) stay absolute, the search gets its
//! index as a script, and a build without the option is byte for byte what it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use image::ImageEncoder;

use crate::support::{attr_values, tree, TestSite, SITE_TOML};

const ARTICLE: &str = r#"---
title: Recovery after treatment
topics: [recovery]
aliases: [/old/recovery/]
---
## The first week

![A healed scalp](/img/dot.png)

<picture><source srcset="/img/dot.png 1x, /img/dot.png 2x"><img src="/img/dot.png" srcset="/img/dot.png 2x" alt=""></picture>

See [the FAQ](../faq/does-it-hurt.md#top), [the articles](/articles/) and [the guide](https://fixture.example/).
"#;

const FAQ: &str = "---\nquestion: Does it hurt?\ntopics: [recovery]\n---\n## Top\n\nA little.\n";

/// A stylesheet of the site's own that names a font by its root path.
const FONTS_CSS: &str =
    "@font-face { font-family: X; src: url(\"/fonts/x.woff2\") format(\"woff2\"); }\n";

fn site(extra_toml: &str) -> TestSite {
    let s = TestSite::new();
    s.write("site.toml", &format!("{SITE_TOML}{extra_toml}"));
    s.write("content/articles/recovery.md", ARTICLE);
    s.write("content/faq/does-it-hurt.md", FAQ);
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&[90; 4 * 4 * 3], 4, 4, image::ExtendedColorType::Rgb8)
        .expect("png");
    std::fs::create_dir_all(s.root().join("static/img")).expect("mkdir");
    std::fs::write(s.root().join("static/img/dot.png"), png).expect("write");
    s.write("static/fonts/x.woff2", "font");
    s.write("static/fonts.css", FONTS_CSS);
    s
}

/// Builds `s` with `args` into `public/<name>/` and returns its files.
fn build(s: &TestSite, name: &str, args: &[&str]) -> BTreeMap<PathBuf, Vec<u8>> {
    let out = format!("public/{name}");
    let mut all = vec!["build", "--output", &out];
    all.extend(args);
    let run = s.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut files = tree(&s.root().join(&out));
    files.retain(|p, _| p != Path::new(".pigment-stamp"));
    files
}

fn text<'a>(files: &'a BTreeMap<PathBuf, Vec<u8>>, path: &str) -> &'a str {
    let bytes = files
        .get(Path::new(path))
        .unwrap_or_else(|| panic!("no {path}"));
    std::str::from_utf8(bytes).expect("UTF-8")
}

/// The internal URLs of `html` (written in `page`) that are not a file of `files`: each
/// is resolved from the page's folder, as a browser does from `file://`.
fn missing_files(files: &BTreeMap<PathBuf, Vec<u8>>, page: &Path, html: &str) -> Vec<String> {
    let mut urls: Vec<String> = ["href", "src", "action", "data-index", "data-index-script"]
        .into_iter()
        .flat_map(|a| attr_values(html, a))
        .collect();
    for set in attr_values(html, "srcset") {
        urls.extend(
            set.split(',')
                .filter_map(|c| c.split_whitespace().next().map(String::from)),
        );
    }
    let dir = page.parent().unwrap_or(Path::new(""));
    urls.into_iter()
        .filter(|u| !u.contains("://") && !u.starts_with(['#', '?']) && !u.contains(':'))
        .filter(|u| {
            let path = u.split(['#', '?']).next().unwrap_or("");
            let mut target = dir.to_path_buf();
            for part in path.split('/') {
                match part {
                    ".." => {
                        target.pop();
                    }
                    "." | "" => {}
                    _ => target.push(part),
                }
            }
            !files.contains_key(&target)
        })
        .map(|u| format!("{}: {u}", page.display()))
        .collect()
}

#[test]
fn a_relative_build_names_every_file_by_its_path_from_the_page() {
    let s = site("");
    let files = build(&s, "relative", &["--relative"]);
    let mut problems = Vec::new();
    for (path, bytes) in &files {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for root in ["href=\"/", "src=\"/", "srcset=\"/", "action=\"/", "url=/"] {
            if html.contains(root) {
                problems.push(format!("{}: a root path ({root}…)", path.display()));
            }
        }
        problems.extend(missing_files(&files, path, &html));
    }
    assert_eq!(problems, Vec::<String>::new());

    let page = text(&files, "articles/recovery/index.html");
    for want in [
        r#"<link rel="canonical" href="https://fixture.example/articles/recovery/">"#,
        r#"<meta property="og:url" content="https://fixture.example/articles/recovery/">"#,
        r#"href="../../faq/does-it-hurt/index.html#top""#,
        r#"href="../index.html""#,
        r#"href="https://fixture.example/""#,
        r#"srcset="../../img/dot.png 1x, ../../img/dot.png 2x""#,
        r#"action="../../search/index.html""#,
    ] {
        assert!(page.contains(want), "{want} in\n{page}");
    }
    assert!(text(&files, "sitemap.xml")
        .contains("<loc>https://fixture.example/articles/recovery/</loc>"));
    assert!(
        text(&files, "old/recovery/index.html").contains("url=../../articles/recovery/index.html")
    );
    assert!(text(&files, "fonts.css").contains("url(\"fonts/x.woff2\")"));
}

#[test]
fn a_relative_build_searches_from_a_script_with_urls_from_the_search_page() {
    let s = site("");
    let files = build(&s, "relative", &["--relative"]);
    let page = text(&files, "search/index.html");
    assert!(page
        .contains(r#"data-index="../search-index.json" data-index-script="../search-index.js""#));
    let script = text(&files, "search-index.js");
    assert!(
        script.starts_with("window.pigmentSearchIndex = {"),
        "{script}"
    );
    assert!(script.contains(r#""../articles/recovery/index.html#the-first-week""#));
    assert!(!script.contains(r#""/articles/"#));
}

#[test]
fn the_setting_does_what_the_flag_does_and_the_flag_wins() {
    let plain = site("");
    let default = build(&plain, "default", &[]);
    let flagged = build(&plain, "relative", &["--relative"]);
    let set = site("\n[build]\nrelative_urls = true\n");
    assert_eq!(build(&set, "relative", &[]), flagged);
    assert_eq!(build(&set, "off", &["--relative=false"]), default);
    // Without the option, nothing of it shows.
    assert!(!default.contains_key(Path::new("search-index.js")));
    let home = text(&default, "index.html");
    assert!(home.contains(r#"href="/articles/""#), "{home}");
    assert!(!text(&default, "search/index.html").contains("data-index-script"));
}
