//! The review policy of `site.toml`: every field a section requires, the summary's length,
//! placeholders `new` and `init` write until they are filled in, and the notice a page
//! shows when its review is overdue.

use crate::support::TestSite;

const STRICT: &str = "title = \"T\"\nbase_url = \"https://t.example\"\n\n[review]\ninterval = \"12 months\"\n\n[review.policy.articles]\nrequire = [\"reviewed\", \"reviewed.role\", \"reviewed.next\", \"sources\", \"description\", \"summary\", \"date\"]\nsummary_max_words = 5\n\n[review.policy.faq]\nrequire = [\"reviewed\", \"sources\", \"description\"]\n";

const COMPLETE: &str = "---\ntitle: Complete\ndescription: Every field.\nsummary: Short and sweet.\ndate: 2026-10-01\nreviewed: { by: Dr A Khan, role: Dermatologist, on: 2026-10-01, next: 2027-10-01 }\nsources:\n  - { title: NHS tattoo aftercare, url: \"https://www.nhs.uk/tattoos/\" }\n---\nText.\n";

#[test]
fn each_required_field_missing_is_an_error_at_the_front_matter_with_the_yaml_to_add() {
    let s = TestSite::with(&[]);
    s.write("site.toml", STRICT);
    s.write("content/articles/complete.md", COMPLETE);
    s.write("content/articles/bare.md", "---\ntitle: Bare\n---\nText.\n");
    s.write(
        "content/articles/partial.md",
        "---\ntitle: Partial\ndescription: D.\nsummary: One two three four five six seven.\ndate: 2026-10-01\nreviewed: { by: Dr A Khan, on: 2026-10-01 }\nsources:\n  - title: A book\n---\nText.\n",
    );
    let run = s.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for field in ["reviewed", "sources", "description", "summary", "date"] {
        let message = format!("error[P0240]: `{field}` is required for articles by the review policy\n --> content/articles/bare.md:1:1");
        assert!(run.stderr.contains(&message), "{field}: {}", run.stderr);
    }
    assert!(run.stderr.contains("reviewed: { by: \"TODO: reviewer's name\", role: \"TODO: their role\", on: 2026-12-01 }"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("description: \"TODO: one sentence for search results\""),
        "{}",
        run.stderr
    );
    // `reviewed.role` and `.next` are reported at `reviewed`, only when it is written.
    for field in ["reviewed.role", "reviewed.next"] {
        let message = format!("`{field}` is required for articles by the review policy\n --> content/articles/partial.md:6:1");
        assert!(run.stderr.contains(&message), "{field}: {}", run.stderr);
        assert!(!run.stderr.contains(&format!("`{field}` is required for articles by the review policy\n --> content/articles/bare.md")));
    }
    assert!(run.stderr.contains("error[P0241]: the summary has 7 words; the review policy allows 5 for articles\n --> content/articles/partial.md:4:1"), "{}", run.stderr);
    assert!(!run.stderr.contains("complete.md"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("error[P0240]").count(),
        7,
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_policy_is_a_located_site_toml_error() {
    let s = TestSite::with(&[("content/articles/a.md", "---\ntitle: A\n---\n")]);
    s.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://t.example\"\n[review.policy.faqs]\nrequire = []\n[review.policy.articles]\nrequire = [\"sources\", \"revewed\"]\ninterval = \"soon\"\n[review.policy.home]\nsummary_max_words = -3\n",
    );
    let run = s.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[P0112]: `[review.policy.faqs]` is not a section pages belong to\n --> site.toml:3:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `[review.policy.faq]`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error[P0113]: `revewed` is not a field a review policy can require\n --> site.toml:6:24"), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `\"reviewed\"`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error[P0107]: review interval `soon` is not understood\n --> site.toml:7:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "error[P0114]: `summary_max_words = -3` is not a word count\n --> site.toml:9:1"
        ),
        "{}",
        run.stderr
    );
    // A key the policy does not know is caught like any other typo.
    s.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://t.example\"\n[review.policy.faq]\nrequires = []\n",
    );
    let run = s.run(&["check"]);
    assert!(
        run.stderr
            .contains("unknown key `requires` in site.toml\n --> site.toml:4:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_pages_fail_strict_until_their_placeholders_are_filled_in() {
    let s = TestSite::with(&[]);
    s.write("site.toml", STRICT);
    assert_eq!(s.run(&["new", "article", "Aftercare"]).code, 0);
    assert_eq!(s.run(&["new", "faq", "Does it sting?"]).code, 0);
    let article =
        std::fs::read_to_string(s.root().join("content/articles/aftercare.md")).expect("article");
    // The policy asks for `summary` and `reviewed.next` too.
    assert!(
        article.contains("summary: \"TODO: a short summary for lists\"\n"),
        "{article}"
    );
    assert!(
        article.contains("on: 2026-12-01, next: 2027-12-01 }"),
        "{article}"
    );

    let run = s.run(&["check"]);
    assert_eq!(run.code, 0, "placeholders are warnings: {}", run.stderr);
    assert!(run.stderr.contains("warning[P0522]: placeholder `TODO: reviewer's name` still in the front matter\n --> content/articles/aftercare.md:6:18"), "{}", run.stderr);
    let run = s.run(&["check", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[P0522]: placeholder `TODO: reviewer's name` still in the front matter\n --> content/faq/does-it-sting.md"), "{}", run.stderr);

    for rel in [
        "content/articles/aftercare.md",
        "content/faq/does-it-sting.md",
    ] {
        let text = std::fs::read_to_string(s.root().join(rel)).expect("read");
        let filled = text
            .replace(
                "TODO: one sentence for search results",
                "Looking after the scalp.",
            )
            .replace("TODO: a short summary for lists", "The first week.")
            .replace("TODO: reviewer's name", "Dr A Khan")
            .replace("TODO: their role", "Dermatologist")
            .replace(
                "title: \"TODO: the guidance this page is based on\"",
                "title: \"NHS tattoo aftercare\"\n    url: \"https://www.nhs.uk/tattoos/\"",
            );
        s.write(rel, &filled);
    }
    let run = s.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_init_sample_fails_strict_on_its_placeholder_reviewer_and_still_builds() {
    let s = TestSite::new();
    assert_eq!(s.run(&["init", "clinic"]).code, 0);
    let run = s.run(&["check", "--root", "clinic", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[P0522]: placeholder `TODO: reviewer's name` still in the front matter\n --> content/articles/your-first-visit.md:7:18"), "{}", run.stderr);
    let run = s.run(&["build", "--root", "clinic"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[P0522]"), "{}", run.stderr);
}

#[test]
fn an_overdue_page_says_so_at_its_top_in_its_language() {
    let s = TestSite::with(&[]);
    s.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://t.example\"\n[review]\ninterval = \"12 months\"\n[languages.ur]\ntitle = \"ٹی\"\n",
    );
    let overdue =
        "---\ntitle: Old\nreviewed: { by: Dr A, on: 2025-01-01, next: 2025-11-30 }\n---\nText.\n";
    s.write("content/articles/old.md", overdue);
    s.write(
        "content/articles/old.ur.md",
        &overdue.replace(
            "title: Old",
            "title: پرانا\ntranslation_of: { updated: 2025-01-01 }",
        ),
    );
    s.write(
        "content/articles/aged.md",
        "---\ntitle: Aged\nreviewed: { by: Dr A, on: 2025-11-01 }\n---\nText.\n",
    );
    s.write(
        "content/articles/fresh.md",
        "---\ntitle: Fresh\nreviewed: { by: Dr A, on: 2026-06-01, next: 2027-06-01 }\n---\nText.\n",
    );
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[P0520]: review was due on 2025-11-30"),
        "{}",
        run.stderr
    );
    let old = s.out("articles/old/index.html");
    assert!(old.contains("<p class=\"review-overdue\" role=\"note\">This page is overdue for its clinical review"), "{old}");
    assert!(
        old.contains("The review was due on November 30, 2025."),
        "{old}"
    );
    let ur = s.out("ur/articles/old/index.html");
    assert!(
        ur.contains("اس صفحے کا طبی جائزہ مقررہ وقت سے رہ گیا ہے"),
        "{ur}"
    );
    // Older than the interval, with no `next`: overdue too, without a date to give.
    let aged = s.out("articles/aged/index.html");
    assert!(aged.contains("class=\"review-overdue\""), "{aged}");
    assert!(!aged.contains("The review was due on"), "{aged}");
    assert!(!s
        .out("articles/fresh/index.html")
        .contains("review-overdue"));
    // Pinned to a day before the due date, the notice goes.
    let run = s.run(&["--today", "2025-11-29", "build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!s.out("articles/old/index.html").contains("review-overdue"));
}
