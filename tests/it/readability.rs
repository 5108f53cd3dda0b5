//! Reading grades: `check --readability` prints every English page's Flesch–Kincaid grade,
//! with a note (once per language) for the languages it does not grade; a page above
//! `[readability] max_grade` is a warning, and a page can leave itself out.

use crate::support::TestSite;

const TOML: &str = "title = \"T\"\nbase_url = \"https://t.example\"\nlanguage = \"en\"\n\n[languages.en]\nname = \"English\"\n\n[languages.ur]\nname = \"اردو\"\n";

/// 17 words, 3 sentences, 19 syllables: grade −0.19 (counted in
/// `src/parse/readability/mod.rs`). The heading, the code block, the table and the list of
/// names are not prose and change nothing.
const EASY: &str = "---\ntitle: Easy\n---\n## Pigmentation considerations beforehand\n\nThe cat sat on the mat. It was a very happy cat.\nThen it went to sleep.\n\n```\nMicropigmentation necessitates considerable deliberation.\n```\n\n| Consideration | Deliberation |\n| --- | --- |\n| Hypopigmentation | Granulomatous |\n\n- SPF sunscreen\n- Moisturiser\n";

/// 18 words, 2 sentences, 38 syllables: grade 12.83 (counted in the same place).
const HARD: &str = "---\ntitle: Hard\n---\nScalp micropigmentation is a cosmetic treatment that deposits pigment into the scalp.\n\nHealing usually takes approximately four weeks.\n";

fn site() -> TestSite {
    TestSite::with(&[
        ("site.toml", TOML),
        ("content/articles/easy.md", EASY),
        ("content/articles/hard.md", HARD),
        (
            "content/articles/skipped.md",
            "---\ntitle: Skipped\nreadability: false\n---\nMicropigmentation necessitates considerable deliberation.\n",
        ),
        (
            "content/articles/easy.ur.md",
            "---\ntitle: آسان\ntranslation_of: { updated: 2026-01-01 }\n---\nیہ آسان ہے۔\n",
        ),
        (
            "content/articles/hard.ur.md",
            "---\ntitle: مشکل\ntranslation_of: { updated: 2026-01-01 }\n---\nیہ مشکل ہے۔\n",
        ),
    ])
}

#[test]
fn every_english_page_has_its_grade_and_other_languages_one_note() {
    let run = site().run(&["check", "--readability", "--today", "2026-06-01"]);
    let table: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| {
            l.starts_with("content/") || l.starts_with("page") || l.starts_with("readability")
        })
        .collect();
    assert_eq!(
        table,
        [
            "page                      grade  words  sentences",
            "content/articles/easy.md   -0.2     17          3",
            "content/articles/hard.md   12.8     18          2",
            "readability: `ur` pages not graded (2): the Flesch–Kincaid grade is for English only",
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn a_page_above_the_highest_grade_is_a_warning_at_its_hardest_sentences() {
    let run = site().run(&["check", "--today", "2026-06-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.matches("[P0260]").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the page reads at grade 12.8, above the site's 8"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/articles/hard.md:4:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/articles/hard.md:6:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_highest_grade_and_switching_off_come_from_site_toml() {
    let s = site();
    s.write(
        "site.toml",
        &format!("{TOML}\n[readability]\nmax_grade = 13\n"),
    );
    let run = s.run(&["check", "--today", "2026-06-01"]);
    assert!(!run.stderr.contains("P0260"), "{}", run.stderr);
    s.write(
        "site.toml",
        &format!("{TOML}\n[readability]\nenabled = false\n"),
    );
    let run = s.run(&["check", "--today", "2026-06-01"]);
    assert!(!run.stderr.contains("P0260"), "{}", run.stderr);
}
