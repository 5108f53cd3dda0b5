//! Any text as `site.toml`, optionally followed by a line `%%%` and an article's front
//! matter: parsing and the site-wide checks (review intervals applied to dates, cost
//! totals) never panic, every location points inside its file, and money is never
//! written as a number the amounts do not add up to.
#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use pigment::Date;
use pigment::Diagnostic;
use pigment::stages::{split_front_matter, SourceFile, Split};
use pigment::stages::ParsedPage;

/// An article with a review and a cost line, so every config reaches the site-wide checks.
const ARTICLE: &str = "title: A\nreviewed: { by: Dr A, on: 2020-01-01, next: 2030-01-01 }\ncosts:\n  - { item: Session, min: 400, max: 9000000000000000, currency: USD, per: session, count: \"1-2\" }\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (toml, yaml) = text.split_once("\n%%%\n").unwrap_or((text, ARTICLE));
    let config = match pigment::stages::parse_config(toml, Path::new("site.toml"), None) {
        Ok(c) => c,
        Err(problems) => return check_locations(&problems, toml),
    };
    if let Some(interval) = config.review_interval {
        for on in [Date::MIN, Date::constant(1900, 1, 1), Date::MAX] {
            let _ = interval.due_after(on);
        }
        assert!(interval.span().is_some(), "an accepted interval is a span");
    }
    let page_text = format!("---\n{yaml}\n---\n## Care {{#care}}\n\nText.\n");
    let pages = vec![
        parse_page("articles/a.md", &page_text, &config),
        parse_page("articles/b.md", &format!("---\n{ARTICLE}---\n"), &config),
    ];
    let (site, _) = pigment::stages::resolve(config, pages, false, &Default::default());
    for today in [Date::MIN, Date::constant(2026, 6, 1), Date::MAX] {
        let _ = pigment::stages::overdue_reviews(&site, today);
    }
    let _ = pigment::stages::contradictions(&site);
    let too_large = pigment::stages::cost_totals_problems(&site);
    let costs = pigment::stages::costs(&site);
    if too_large.is_empty() {
        for t in &costs.totals {
            assert!(!t.max.contains("18,446,744,073,709,551,615"), "{}", t.max);
        }
    }
});

/// What the build does with one content file: split, front matter, markdown.
fn parse_page(path: &str, text: &str, config: &pigment::stages::Config) -> ParsedPage {
    let (front_matter, body_start) = match split_front_matter(text) {
        Split::Found { yaml, body_start } => (Some(yaml), body_start),
        Split::Missing | Split::Unterminated => (None, 0),
    };
    let file = SourceFile {
        path: path.to_string(),
        display_path: PathBuf::from(format!("content/{path}")),
        text: text.to_string(),
        front_matter,
        body_start,
    };
    let front_matter = match pigment::stages::parse_front_matter(&file, config, false) {
        Ok(fm) => fm,
        Err(problems) => {
            check_locations(&problems, text);
            pigment::stages::fallback_front_matter(&file, false)
        }
    };
    let body = pigment::stages::render_markdown(&file, &config.base_path, config.raw_html);
    check_locations(&body.problems, text);
    ParsedPage {
        file,
        front_matter,
        body,
    }
}

fn check_locations(problems: &[Diagnostic], text: &str) {
    let lines = text.split('\n').count();
    for p in problems {
        if let Some(l) = p.location.as_deref() {
            assert!(l.line <= lines, "line {} of {lines}", l.line);
        }
        let _ = p.render(false);
    }
}
