//! `pigment reviews`: every page of every language with its review and status, as a table,
//! CSV, JSON (snapshots in `tests/snapshots/reviews/`) and an iCalendar file read back
//! with a real parser.

use std::path::Path;

use crate::support::{check_snapshot, TestSite};

const URDU_TITLE: &str =
    "سر کی جلد کی طویل مدتی دیکھ بھال: دھوپ، موئسچرائزر، ٹچ اپ اور روزمرہ کی عادتیں";

fn site() -> TestSite {
    let s = TestSite::with(&[]);
    s.write(
        "site.toml",
        "title = \"Clinic\"\nbase_url = \"https://clinic.example\"\n[review]\ninterval = \"12 months\"\n[review.policy.faq]\ninterval = \"6 months\"\n[languages.ur]\ntitle = \"کلینک\"\n",
    );
    s.write(
        "content/articles/never.md",
        "---\ntitle: Never reviewed\n---\nText.\n",
    );
    s.write("content/articles/late.md", "---\ntitle: \"Costs, fees; and \\\"extras\\\"\"\nreviewed: { by: \"Dr Khan, MD\", role: Dermatologist, on: 2025-06-01, next: 2026-06-01 }\n---\nText.\n");
    s.write("content/articles/late.ur.md", &format!("---\ntitle: \"{URDU_TITLE}\"\ntranslation_of: {{ updated: 2025-06-01 }}\nreviewed: {{ by: ڈاکٹر خان, on: 2025-06-01, next: 2026-06-01 }}\n---\nمتن۔\n"));
    s.write(
        "content/articles/soon.md",
        "---\ntitle: Soon\nreviewed: { by: Dr Ali, on: 2025-12-20 }\n---\nText.\n",
    );
    s.write(
        "content/faq/fine.md",
        "---\nquestion: Fine?\nreviewed: { by: Dr Ali, on: 2026-10-01 }\n---\nYes.\n",
    );
    s
}

fn snapshot(name: &str, got: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/reviews")
        .join(name);
    if let Some(diff) = check_snapshot(&path, got.as_bytes()) {
        panic!("{diff}");
    }
}

#[test]
fn reviews_lists_every_page_as_a_table_csv_and_json() {
    let s = site();
    for (format, file) in [
        ("table", "table.txt"),
        ("csv", "reviews.csv"),
        ("json", "reviews.json"),
    ] {
        let run = s.run(&["reviews", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        snapshot(file, &run.stdout);
    }
    let table = s.run(&["reviews"]).stdout;
    let lines: Vec<&str> = table.lines().collect();
    // Never reviewed first, then by due date; the FAQ's own interval is six months.
    assert!(
        lines[1].starts_with("never reviewed") && lines[1].contains("content/articles/never.md"),
        "{table}"
    );
    assert!(
        lines[2].starts_with("overdue  ") && lines[2].contains("2026-06-01"),
        "{table}"
    );
    assert!(
        lines[4].starts_with("due soon ") && lines[4].contains("2026-12-20"),
        "{table}"
    );
    assert!(
        lines[5].starts_with("ok ") && lines[5].contains("2027-04-01"),
        "{table}"
    );
    let csv = s.run(&["reviews", "--format", "csv"]).stdout;
    assert!(
        csv.contains("\r\n\"Costs, fees; and \"\"extras\"\"\",content/articles/late.md,"),
        "{csv}"
    );
}

#[test]
fn reviews_as_ics_parse_into_one_all_day_event_per_page_due() {
    let s = site();
    let run = s.run(&["reviews", "--format", "ics", "--output", "reviews.ics"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ics = std::fs::read_to_string(s.root().join("reviews.ics")).expect("ics written");
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "bare LF in {line:?}");
    }
    // The same site gives the same calendar, UIDs included.
    s.run(&["reviews", "--format", "ics", "--output", "again.ics"]);
    assert_eq!(
        std::fs::read_to_string(s.root().join("again.ics")).expect("again"),
        ics
    );

    let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let calendar = parser.next().expect("a calendar").expect("parses");
    assert!(parser.next().is_none());
    let prop = |props: &[ical::property::Property], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        prop(&calendar.properties, "PRODID"),
        "-//Pigment//Clinical reviews//EN"
    );
    let events = &calendar.events;
    assert_eq!(events.len(), 4, "every page but the never-reviewed one");
    let late = &events[0].properties;
    assert_eq!(prop(late, "DTSTART"), "20260601");
    assert_eq!(prop(late, "DTEND"), "20260602");
    assert_eq!(prop(late, "DTSTAMP"), "20261201T000000Z");
    assert_eq!(
        prop(late, "SUMMARY"),
        "Review due: Costs\\, fees\\; and \"extras\""
    );
    assert_eq!(prop(late, "URL"), "https://clinic.example/articles/late/");
    assert_eq!(
        prop(late, "UID"),
        "review-en-content-articles-late.md@clinic.example"
    );
    assert!(prop(late, "DESCRIPTION")
        .starts_with("Reviewer: Dr Khan\\, MD (Dermatologist)\\nLast reviewed: 2025-06-01"));
    let ur = &events[1].properties;
    // Folded across lines, the long Urdu title comes back whole.
    assert_eq!(prop(ur, "SUMMARY"), format!("Review due: {URDU_TITLE}"));
    assert_eq!(prop(ur, "URL"), "https://clinic.example/ur/articles/late/");
    let starts: Vec<String> = events
        .iter()
        .map(|e| prop(&e.properties, "DTSTART"))
        .collect();
    assert_eq!(starts, ["20260601", "20260601", "20261220", "20270401"]);
}
