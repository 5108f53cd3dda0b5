//! Search: the index built for a fixture site finds FAQ answers and article sections, and
//! the search page works as a topic index without JavaScript.

use crate::support::{attr_values, TestSite};
use serde_json::Value;

const ARTICLE: &str = "---
title: Recovery after treatment
description: What the first weeks are like.
topics: [recovery]
---
Most people are back at work the next day.

## The first week

Keep the scalp dry and out of the sun.

### Washing your scalp

Use a mild, fragrance-free cleanser from day seven.

## Exercise

Avoid heavy sweating for a week.
";

const FAQ: &str = "---
question: Can I go swimming?
topics: [recovery]
---
Chlorine fades fresh pigment, so stay out of pools for four weeks.
";

fn site() -> TestSite {
    let s = TestSite::with(&[
        ("content/articles/recovery.md", ARTICLE),
        ("content/faq/can-i-go-swimming.md", FAQ),
    ]);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

/// A search over the index as `search.js` runs it: documents holding every word, by
/// exact word or a longer word it starts, best (title matches) first.
fn search(index: &Value, query: &str) -> Vec<(String, String, String)> {
    let terms = index["terms"].as_object().expect("terms");
    let mut scores: Vec<Option<u64>> = vec![Some(0); index["docs"].as_array().expect("docs").len()];
    for word in query
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 2)
    {
        let mut best = vec![0u64; scores.len()];
        for (term, deltas) in terms {
            let weight = if term == word {
                2
            } else if word.len() >= 3 && term.starts_with(word) {
                1
            } else {
                continue;
            };
            let mut v = 0;
            for d in deltas.as_array().expect("postings") {
                v += d.as_u64().expect("number");
                let doc = (v / 2) as usize;
                best[doc] = best[doc].max(weight * if v % 2 == 1 { 3 } else { 1 });
            }
        }
        for (s, b) in scores.iter_mut().zip(best) {
            *s = match (*s, b) {
                (Some(t), b) if b > 0 => Some(t + b),
                _ => None,
            };
        }
    }
    let mut hits: Vec<(u64, usize)> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (s, i)))
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.iter()
        .map(|&(_, i)| {
            let d = &index["docs"][i];
            let s = |k: usize| d[k].as_str().unwrap_or_default().to_string();
            (s(0), s(1), s(2))
        })
        .collect()
}

fn index(s: &TestSite) -> Value {
    serde_json::from_str(&s.out("search-index.json")).expect("index is JSON")
}

#[test]
fn a_query_finds_the_faq_answer() {
    let s = site();
    let idx = index(&s);
    let hits = search(&idx, "chlorine pools");
    assert_eq!(
        hits.first(),
        Some(&(
            "faq".into(),
            "Can I go swimming?".into(),
            "/faq/can-i-go-swimming/".into()
        )),
        "{hits:?}"
    );
    // A word of the question, and a prefix of it, find it too.
    assert_eq!(search(&idx, "swim")[0].2, "/faq/can-i-go-swimming/");
}

#[test]
fn a_query_finds_the_article_section_by_its_heading_anchor() {
    let s = site();
    let hits = search(&index(&s), "fragrance-free cleanser");
    let (kind, title, url) = hits.first().expect("a hit").clone();
    assert_eq!(
        (kind.as_str(), title.as_str()),
        ("section", "Washing your scalp")
    );
    assert_eq!(url, "/articles/recovery/#washing-your-scalp");
    let ids = attr_values(&s.out("articles/recovery/index.html"), "id");
    assert!(ids.contains(&"washing-your-scalp".to_string()), "{ids:?}");
    // Section results name their page.
    let doc = index(&s)["docs"]
        .as_array()
        .expect("docs")
        .iter()
        .find(|d| d[2] == url.as_str())
        .cloned()
        .expect("doc");
    assert_eq!(doc[4], "Recovery after treatment");
    assert_eq!(
        doc[3],
        "Use a mild, fragrance-free cleanser from day seven."
    );
}

#[test]
fn title_matches_rank_above_body_matches() {
    let s = site();
    let hits = search(&index(&s), "exercise");
    assert_eq!(hits[0].2, "/articles/recovery/#exercise", "{hits:?}");
}

#[test]
fn stop_words_are_left_out_of_the_index() {
    let idx = index(&site());
    assert!(idx["terms"].get("the").is_none());
    assert!(idx["stop"]
        .as_array()
        .expect("stop")
        .iter()
        .any(|w| w == "the"));
}

#[test]
fn search_page_offers_the_topic_index_without_javascript() {
    let s = site();
    let page = s.out("search/index.html");
    // The form is hidden until search.js runs; the topic links are always there.
    assert!(
        page.contains(r#"data-index="/search-index.json" hidden"#),
        "{page}"
    );
    assert!(page.contains(r#"<script src="/search.js" defer></script>"#));
    assert!(page.contains(r#"<a href="/topics/recovery/">Recovery</a>"#));
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(s.exists("search.js"));
    // Every page's header search form submits to the search page.
    let home = s.out("index.html");
    assert!(home.contains(r#"action="/search/" method="get""#), "{home}");
    // The search page is not listed in the sitemap (it is noindex).
    assert!(!s.out("sitemap.xml").contains("/search/"));
}

#[test]
fn a_content_page_at_the_search_path_is_an_error() {
    let s = TestSite::with(&[("content/search.md", "---\ntitle: Search\n---\nMine.\n")]);
    let run = s.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`content/search.md` would be written to `search/index.html`, where Pigment generates a page\n--> content/search.md\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn index_is_byte_identical_across_builds() {
    let s = site();
    let first = s.out("search-index.json");
    std::fs::remove_dir_all(s.root().join("public")).expect("rm");
    assert_eq!(s.build().code, 0);
    assert_eq!(s.out("search-index.json"), first);
}
