//! Property tests for the parsers writers feed: durations, front-matter splitting, dates,
//! and `site.toml` with the site-wide checks it drives (review intervals applied to dates,
//! cost totals). The same inputs as the `site_toml` fuzz target, so no-panic is checked on
//! every test run.

use std::path::{Path, PathBuf};

use pigment::stages::format_money;
use pigment::stages::parse_offset;
use pigment::stages::Config;
use pigment::stages::ParsedPage;
use pigment::stages::MAX_AMOUNT;
use pigment::stages::{split_front_matter, SourceFile, Split};
use pigment::Site;
use pigment::{parse_date, Date};
use proptest::prelude::*;

const TOML_HEAD: &str = "title = \"T\"\nbase_url = \"https://t.example\"\n";

/// What the build does with one content file: split, front matter, markdown.
fn parse_page(path: &str, text: &str, config: &Config) -> (ParsedPage, bool) {
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
    let (front_matter, ok) = match pigment::stages::parse_front_matter(&file, config, false) {
        Ok(fm) => (fm, true),
        Err(_) => (pigment::stages::fallback_front_matter(&file, false), false),
    };
    let body = pigment::stages::render_markdown(&file, &config.base_path, config.raw_html);
    (
        ParsedPage {
            file,
            front_matter,
            body,
        },
        ok,
    )
}

/// A site from a `site.toml` and articles, as far as it gets; the bool says whether every
/// article's front matter was accepted.
fn site(toml: &str, articles: &[String]) -> Option<(Site, bool)> {
    let config = pigment::stages::parse_config(toml, Path::new("site.toml"), None).ok()?;
    let mut all_ok = true;
    let pages = articles
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let (page, ok) = parse_page(&format!("articles/a{i}.md"), text, &config);
            all_ok &= ok;
            page
        })
        .collect();
    let unloaded = std::collections::HashSet::new();
    Some((
        pigment::stages::resolve(config, pages, false, &unloaded).0,
        all_ok,
    ))
}

/// Every site-wide check, on days across the whole calendar.
fn run_site_checks(site: &Site) {
    for today in [Date::MIN, Date::constant(2026, 6, 1), Date::MAX] {
        let _ = pigment::stages::overdue_reviews(site, today);
    }
    let _ = pigment::stages::contradictions(site);
    let _ = pigment::stages::cost_totals_problems(site);
    let _ = pigment::stages::costs(site);
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn interval_unit() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "day", "days", "week", "weeks", "month", "months", "year", "years", "Years",
    ])
}

proptest! {
    #[test]
    fn any_text_parses_or_errors_without_panicking(s in "\\PC{0,40}") {
        let _ = parse_offset(&s);
    }

    #[test]
    fn written_offsets_round_trip(n in -100_000i64..100_000, unit in prop::sample::select(vec!["h", "d", "w", "mo", "y"])) {
        let text = format!("{n}{unit}");
        match parse_offset(&text) {
            Ok(o) => {
                prop_assert_eq!(o.to_string(), text);
                let per = match unit { "h" => 1, "d" => 24, "w" => 168, "mo" => 720, _ => 8760 };
                prop_assert_eq!(o.hours(), n * per);
            }
            // Only absurdly long offsets are refused.
            Err(e) => prop_assert!(e.contains("too long"), "{}", e),
        }
    }

    #[test]
    fn offsets_order_like_hours(a in -500i64..500, b in -500i64..500) {
        let (x, y) = (parse_offset(&format!("{a}d")).unwrap(), parse_offset(&format!("{b}h")).unwrap());
        prop_assert_eq!(x.cmp(&y), (a * 24).cmp(&b));
    }

    #[test]
    fn splitting_never_panics_and_ranges_are_in_bounds(s in "(---\r?\n)?\\PC{0,60}(\r?\n---\r?\n)?\\PC{0,20}") {
        match split_front_matter(&s) {
            Split::Found { yaml, body_start } => {
                prop_assert!(yaml.end <= body_start && body_start <= s.len());
                prop_assert!(s.is_char_boundary(yaml.start) && s.is_char_boundary(yaml.end));
                prop_assert!(s.is_char_boundary(body_start));
            }
            Split::Missing | Split::Unterminated => {}
        }
    }

    #[test]
    fn front_matter_is_found_whatever_the_line_endings(title in "[a-zA-Z ]{1,20}", body in "[a-z\n]{0,30}", crlf in any::<bool>()) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let text = format!("---{nl}title: {title}{nl}---{nl}{body}");
        match split_front_matter(&text) {
            Split::Found { yaml, body_start } => {
                prop_assert_eq!(&text[yaml], format!("title: {title}{nl}"));
                prop_assert_eq!(&text[body_start..], body.as_str());
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn any_review_interval_text_never_panics(interval in "\\PC{0,24}", on in 1900i16..=9999) {
        let toml = format!("{TOML_HEAD}[review]\ninterval = {}\n", toml_string(&interval));
        let article = format!("---\ntitle: A\nreviewed: {{ by: Dr A, on: {on:04}-01-01 }}\n---\n");
        if let Some((site, _)) = site(&toml, &[article]) {
            run_site_checks(&site);
        }
    }

    #[test]
    fn huge_review_intervals_are_refused_not_panicking(n in prop_oneof![0u64..200_000, any::<u64>()], unit in interval_unit(), on in 1900i16..=9999, today in 1900i16..=9999) {
        let toml = format!("{TOML_HEAD}[review]\ninterval = \"{n} {unit}\"\n");
        let article = format!("---\ntitle: A\nreviewed: {{ by: Dr A, on: {on:04}-06-30 }}\n---\n");
        let most = match unit.trim_end_matches('s').to_lowercase().as_str() {
            "day" => 36_525,
            "week" => 5_218,
            "month" => 1_200,
            _ => 100,
        };
        let parsed = site(&toml, &[article]);
        prop_assert_eq!(parsed.is_some(), (1..=most).contains(&n), "{} {}", n, unit);
        if let Some((site, _)) = parsed {
            let interval = site.config.review_interval.expect("interval set");
            prop_assert!(interval.span().is_some());
            let _ = pigment::stages::overdue_reviews(&site, Date::constant(today, 1, 1));
            run_site_checks(&site);
        }
    }

    #[test]
    fn dates_parse_or_error_and_stay_in_range(y in -10_000i32..12_000, m in 0u8..14, d in 0u8..33, stamp in any::<bool>()) {
        let text = if stamp { format!("{y:04}-{m:02}-{d:02}T23:30:00-05:00") } else { format!("{y:04}-{m:02}-{d:02}") };
        if let Ok(date) = parse_date(&text) {
            prop_assert!((1900..=9999).contains(&date.year()), "{} gave {}", text, date);
        }
        let article = format!("---\ntitle: A\ndate: {text}\nreviewed: {{ by: Dr A, on: \"{text}\" }}\n---\n");
        let toml = format!("{TOML_HEAD}[review]\ninterval = \"100 years\"\n[costs]\nas_of = \"{text}\"\n");
        if let Some((site, _)) = site(&toml, std::slice::from_ref(&article)) {
            run_site_checks(&site);
        }
        if let Some((site, _)) = site(TOML_HEAD, &[article]) {
            run_site_checks(&site);
        }
    }

    #[test]
    fn prices_are_refused_or_totalled_exactly(max in prop_oneof![0.0f64..1e7, 0.0f64..1e17, any::<f64>()], count in prop_oneof![1u32..10, any::<u32>()], items in 1usize..4) {
        let article = |i: usize| format!("---\ntitle: A{i}\ncosts:\n  - {{ item: S{i}, min: 0, max: {max:?}, currency: USD, per: session, count: \"1-{}\" }}\n---\n", count.max(1));
        let articles: Vec<String> = (0..items).map(article).collect();
        let (site, accepted) = site(TOML_HEAD, &articles).expect("fixed config parses");
        run_site_checks(&site);
        let item_total = max * f64::from(count.max(1));
        prop_assert_eq!(accepted, max.is_finite() && max >= 0.0 && item_total <= MAX_AMOUNT, "max {} × {}", max, count);
        if accepted {
            let total_ok = pigment::stages::cost_totals_problems(&site).is_empty();
            prop_assert_eq!(total_ok, item_total * items as f64 <= MAX_AMOUNT);
        }
    }

    #[test]
    fn money_is_written_as_the_amount(amount in prop_oneof![0.0f64..1e6, 0.0f64..MAX_AMOUNT], code in prop::sample::select(vec!["USD", "JPY", "KWD", "PKR"])) {
        let text = format_money(amount, code);
        let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
        let back: f64 = digits.parse().expect("digits");
        prop_assert!((back - amount).abs() <= 0.5_f64.max(amount * 1e-12), "{} → {}", amount, text);
    }
}
