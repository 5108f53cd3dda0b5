//! Pages built from many articles: timeline, chart, side effects, costs, FAQ, cross-links,
//! structured data, and the warnings for contradicting advice and overdue reviews.

use crate::support::TestSite;
use serde_json::Value;

const PREP: &str = "---
title: Preparing
topics: [recovery]
stages:
  - id: week-before
    title: The week before
    from: -7d
    to: 0d
    section: the-week-before
    avoid:
      - { what: alcohol, until: 1d }
---
## The week before

Stop blood thinners.
";

const RECOVERY: &str = "---
title: Recovery
topics: [recovery]
stages:
  - id: first-days
    title: First days
    from: 0d
    to: 3d
    section: first-days
    expect: [redness]
    do: [rest]
    avoid:
      - { what: washing the scalp, until: 7d }
      - { what: Swimming, until: 4w }
    call_clinic_if: [fever]
  - id: same-start-shorter
    title: Same start, shorter
    from: 0d
    to: 36h
  - id: settling
    title: Settling
    from: 2w
    to: 6w
side_effects:
  - { name: Redness, onset: 0d, lasts: 3d, frequency: common, action: self-care }
  - { name: Infection, frequency: rare, action: urgent, note: Spreading redness or fever. }
  - { name: Dots turning blue, frequency: rare, action: contact-clinic }
costs:
  - { item: Session, min: 400, max: 1000, currency: USD, per: session, count: \"2-4\" }
  - { item: Touch-up, min: 250.5, max: 500, currency: USD, per: session, count: 1 }
---
## First days

Rest. See [preparing](preparing.md).
";

const FAQ: &str = "---
question: When can I swim?
topics: [recovery]
---
After four weeks.
";

const FAQ2: &str = "---
question: What does it cost?
topics: [costs]
related: [../articles/recovery.md]
---
See the costs page.
";

fn site() -> TestSite {
    TestSite::with(&[
        ("content/articles/preparing.md", PREP),
        ("content/articles/recovery.md", RECOVERY),
        ("content/faq/swim.md", FAQ),
        ("content/faq/cost.md", FAQ2),
    ])
}

fn positions(html: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| html.find(n).unwrap_or_else(|| panic!("`{n}` not found")))
        .collect()
}

#[test]
fn timeline_orders_stages_with_preparation_first_and_ties_by_end() {
    let s = site();
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = s.out("timeline/index.html");
    let p = positions(
        &html,
        &[
            "The week before",
            "Same start, shorter",
            "First days",
            "Settling",
        ],
    );
    assert!(p.windows(2).all(|w| w[0] < w[1]), "order: {p:?}");
    assert!(
        html.contains("href=\"/articles/recovery/#first-days\""),
        "stage links to its section"
    );
    assert!(html.contains("7 days before to treatment day"));
    assert!(html.contains("fever"));
}

#[test]
fn chart_has_one_row_per_activity_with_text_cells() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let html = s.out("timeline/index.html");
    let chart = &html[html.find("What can I do when?").expect("chart")..];
    let rows: Vec<&str> = chart.split("<th scope=\"row\">").skip(1).collect();
    assert_eq!(rows.len(), 3, "alcohol, washing, swimming");
    assert!(rows[0].starts_with("alcohol</th>"));
    assert!(rows[1].starts_with("washing the scalp</th>"));
    assert!(rows[2].starts_with("Swimming</th>"));
    // Columns: day 1, 3, week 1, 2, 4, 6. Washing until 7d: avoid on days 1 and 3 only.
    let washing = rows[1].split("</tr>").next().unwrap_or("");
    assert_eq!(washing.matches(">Avoid<").count(), 2, "{washing}");
    assert_eq!(washing.matches(">OK<").count(), 4, "{washing}");
    let swimming = rows[2].split("</tr>").next().unwrap_or("");
    assert_eq!(swimming.matches(">Avoid<").count(), 4, "{swimming}");
}

#[test]
fn side_effects_grouped_by_action_with_sources() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let html = s.out("side-effects/index.html");
    let p = positions(
        &html,
        &[
            "id=\"care_self-care\"",
            "id=\"care_contact-clinic\"",
            "id=\"care_urgent\"",
        ],
    );
    assert!(p[0] < p[1] && p[1] < p[2]);
    assert!(html.contains("Dots turning blue"));
    assert!(html.contains("Spreading redness or fever."));
    assert!(html.contains("href=\"/articles/recovery/\""));
}

#[test]
fn costs_totals_and_formatting() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let html = s.out("costs/index.html");
    assert!(html.contains("$400 – $1,000 per session"));
    assert!(html.contains("<td>$800 – $4,000</td>"), "400×2 … 1000×4");
    assert!(html.contains("<td>$250.50 – $500</td>"));
    assert!(html.contains("<td>$1,050.50 – $4,500</td>"), "grand total");
}

#[test]
fn faq_cross_links_both_ways_and_backlinks() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let article = s.out("articles/recovery/index.html");
    assert!(
        article.contains("href=\"/faq/swim/\""),
        "FAQ sharing a topic"
    );
    assert!(
        article.contains("href=\"/faq/cost/\""),
        "FAQ naming it in related"
    );
    let faq = s.out("faq/swim/index.html");
    assert!(
        faq.contains("href=\"/articles/recovery/\""),
        "articles on the FAQ's topics"
    );
    let prep = s.out("articles/preparing/index.html");
    let referenced = &prep[prep.find("Referenced by").expect("backlinks")..];
    assert!(referenced.contains("href=\"/articles/recovery/\""));
    let index = s.out("faq/index.html");
    assert!(index.contains("id=\"swim\"") && index.contains("href=\"#swim\""));
    assert!(index.contains("After four weeks."));
}

fn jsonld(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("json-ld")
        + 35;
    let end = start + html[start..].find("</script>").expect("end");
    serde_json::from_str(&html[start..end].replace("<\\/", "</")).expect("valid JSON")
}

fn nodes<'a>(doc: &'a Value, ty: &str) -> Vec<&'a Value> {
    doc["@graph"]
        .as_array()
        .expect("graph")
        .iter()
        .filter(|n| n["@type"] == ty)
        .collect()
}

#[test]
fn structured_data_is_valid_and_complete() {
    let s = site();
    s.write(
        "content/articles/recovery.md",
        &RECOVERY.replace("topics: [recovery]", "topics: [recovery]\ndate: 2026-01-05\nreviewed: { by: Dr R, role: Dermatologist, on: 2026-06-01, next: 2027-06-01 }"),
    );
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = jsonld(&s.out("articles/recovery/index.html"));
    let page = nodes(&doc, "MedicalWebPage")[0];
    assert_eq!(page["lastReviewed"], "2026-06-01");
    assert_eq!(page["reviewedBy"]["name"], "Dr R");
    assert_eq!(page["medicalAudience"]["audienceType"], "Patient");
    let article = nodes(&doc, "Article")[0];
    for key in ["headline", "datePublished", "dateModified", "author"] {
        assert!(!article[key].is_null(), "Article.{key}");
    }
    let crumbs = nodes(&doc, "BreadcrumbList")[0]["itemListElement"]
        .as_array()
        .expect("items")
        .clone();
    assert_eq!(crumbs.len(), 3);
    assert_eq!(crumbs[0]["position"], 1);
    assert_eq!(
        crumbs[2]["item"],
        "https://fixture.example/articles/recovery/"
    );
    let clinic = nodes(&doc, "MedicalClinic")[0];
    assert_eq!(clinic["address"]["addressLocality"], "London");
    assert!(nodes(&doc, "FAQPage").is_empty());

    let home = jsonld(&s.out("index.html"));
    // No `[procedure]` in this site's config: no procedure node.
    assert_eq!(nodes(&home, "MedicalProcedure").len(), 0);

    // FAQPage: only on /faq/, each question once.
    let mut faq_pages = 0;
    for (path, bytes) in s.snapshot() {
        if path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8_lossy(&bytes);
            if html.contains("application/ld+json") {
                let n = nodes(&jsonld(&html), "FAQPage").len();
                if n > 0 {
                    assert_eq!(path.to_string_lossy(), "faq/index.html");
                    faq_pages += n;
                }
            }
        }
    }
    assert_eq!(faq_pages, 1);
    let faq = jsonld(&s.out("faq/index.html"));
    let questions = nodes(&faq, "FAQPage")[0]["mainEntity"]
        .as_array()
        .expect("questions")
        .clone();
    let names: Vec<&str> = questions
        .iter()
        .filter_map(|q| q["name"].as_str())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"When can I swim?") && names.contains(&"What does it cost?"));
    assert!(questions
        .iter()
        .all(|q| q["acceptedAnswer"]["text"].is_string()));
}

#[test]
fn contradicting_advice_warns_with_both_locations() {
    let s = site();
    s.write(
        "content/articles/other.md",
        "---\ntitle: Other\nstages:\n  - id: x\n    title: X\n    from: 0d\n    to: 3d\n    avoid:\n      - { what: Washing the scalp, until: 3d }\n---\nx\n",
    );
    let run = s.build();
    assert_eq!(run.code, 0, "warnings do not fail a build: {}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[P0511]: contradicting advice: avoid `washing the scalp` until 7d here, but until 3d elsewhere
  --> content/articles/recovery.md:13:43
   |
13 |       - { what: washing the scalp, until: 7d }
   |                                           ^^ until 7d
   |
  ::: content/articles/other.md:9:43
   |
 9 |       - { what: Washing the scalp, until: 3d }
   |                                           ^^ until 3d
   |
help: patients see both; agree on one `until` for this activity in every article"
        ),
        "{}",
        run.stderr
    );
    let strict = s.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "check --strict fails on warnings");
}

#[test]
fn stage_ending_before_it_starts_warns() {
    let s = site();
    s.write(
        "content/articles/bad.md",
        "---\ntitle: Bad\nstages:\n  - { id: x, title: X, from: 3d, to: 1d }\n---\nx\n",
    );
    let run = s.build();
    assert!(
        run.stderr
            .contains("warning[P0510]: stage `x` ends (1d) before it starts (3d)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/articles/bad.md:4:11"),
        "{}",
        run.stderr
    );
}

#[test]
fn overdue_review_warns() {
    let s = site();
    s.write(
        "content/articles/old.md",
        "---\ntitle: Old\nreviewed: { by: X, on: 2020-01-01, next: 2021-01-01 }\n---\nx\n",
    );
    let run = s.build();
    assert!(
        run.stderr
            .contains("warning[P0520]: review was due on 2021-01-01"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/articles/old.md:3:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn content_errors_in_health_data() {
    let s = site();
    s.write(
        "content/articles/bad.md",
        "---\ntitle: Bad\nstages:\n  - { id: x, title: X, from: two weeks, to: 1d }\ncosts:\n  - { item: S, min: 1, max: 2, currency: usd, per: session, count: \"4-2\" }\n---\nx\n",
    );
    s.write(
        "content/faq/orphan.md",
        "---\nquestion: Q?\nrelated: [nope.md]\n---\nA.\n",
    );
    let run = s.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error[P0501]: invalid duration `two weeks`: it must start with a number
 --> content/articles/bad.md:4:30
  |
4 |   - { id: x, title: X, from: two weeks, to: 1d }
  |                              ^^^^^^^^^
  |
help: write a whole number and a unit: `36h`, `3d`, `2w`, `3mo`, `8y`; a leading `-` means before treatment (`-7d`)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error[P0503]: unknown currency code `usd`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: did you mean `USD`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error[P0505]: session count `4-2` is not understood"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error[P0303]: `related` entry `nope.md` is not a content file"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/faq/orphan.md:3:11"),
        "{}",
        run.stderr
    );
}
