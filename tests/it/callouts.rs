//! Callouts in page text (`> [!NOTE]` … `> [!CALL]`) and the caveats (`note`) of things to
//! avoid, as the built pages show them: with visible labels, in both directions, on the
//! timeline, under the chart and on the printed sheet.

use std::path::Path;

use crate::support::{check_snapshot, TestSite};

const CALLOUTS: &str = "---
title: Aftercare
---
Before the callouts.

> [!NOTE]
> Days count from each session.

> [!TIP]
> A loose hat helps.

> [!IMPORTANT]
> Keep the scalp dry.

> [!WARNING]
> Never stop a prescribed medicine on your own.

> [!CAUTION]
> Swelling of the lips is an emergency.

> [!CALL]
> If redness spreads.

> A plain quotation.
";

const CALLOUTS_UR: &str = "---
title: بعد کی دیکھ بھال
translation_of: { updated: 2026-01-01 }
---
> [!WARNING]
> ڈاکٹر کی لکھی ہوئی دوا خود سے بند نہ کریں۔

> [!CALL]
> اگر سرخی پھیلے۔
";

const LANGUAGES: &str = "\n[languages.ur]\ntitle = \"فکسچر\"\n";

const RECOVERY: &str = "---
title: Recovery
stages:
  - id: first-days
    title: First days
    from: 0d
    to: 3d
    avoid:
      - { what: blood-thinning medicines, until: 7d, note: \"Never stop a **prescribed** medicine without your doctor.\" }
      - { what: swimming, until: 28d }
---
Rest.
";

const RECOVERY_UR: &str = "---
title: صحت یابی
translation_of: { updated: 2026-01-01 }
stages:
  - id: first-days
    title: پہلے دن
    from: 0d
    to: 3d
    avoid:
      - { what: خون پتلا کرنے والی دوائیں, until: 7d, note: \"ڈاکٹر کی لکھی ہوئی دوا خود سے بند نہ کریں۔\" }
      - { what: تیراکی, until: 28d }
---
آرام۔
";

fn with_languages(files: &[(&str, &str)]) -> TestSite {
    let s = TestSite::with(files);
    let toml = std::fs::read_to_string(s.root().join("site.toml")).unwrap_or_default();
    s.write("site.toml", &format!("{toml}{LANGUAGES}"));
    s
}

/// The page's text between `<div class="prose">` and the end of its body.
fn prose(html: &str) -> &str {
    let start = html.find("<div class=\"prose\">").unwrap_or(0);
    let end = html[start..]
        .find("</article>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[test]
fn every_callout_kind_has_a_visible_label_and_the_call_one_the_number() {
    let s = with_languages(&[
        ("content/articles/aftercare.md", CALLOUTS),
        ("content/articles/aftercare.ur.md", CALLOUTS_UR),
    ]);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let html = s.out("articles/aftercare/index.html");
    let body = prose(&html);
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/callouts");
    let failures: Vec<String> = [
        check_snapshot(&snapshots.join("kinds.html"), body.as_bytes()),
        check_snapshot(
            &snapshots.join("kinds.ur.html"),
            prose(&s.out("ur/articles/aftercare/index.html")).as_bytes(),
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    for label in ["Note", "Tip", "Important", "Warning", "Caution"] {
        assert!(
            body.contains(&format!("<p class=\"callout__label\">{label}</p>")),
            "{label}: {body}"
        );
    }
    assert!(
        body.contains("Call the clinic: <a class=\"callout__phone\" href=\"tel:+442079460000\"")
    );
    assert!(!body.contains("[!"), "no marker is left: {body}");
    assert!(body.contains("<blockquote>\n<p>A plain quotation.</p>"));
    let ur = s.out("ur/articles/aftercare/index.html");
    assert!(ur.contains("<p class=\"callout__label\">انتباہ</p>"));
    assert!(ur.contains("کلینک کو فون کریں: <a class=\"callout__phone\""));
    // The search index has the callout's words, not its marker.
    let index = s.out("search-index.json");
    assert!(index.contains("\"redness\""), "{index}");
    assert!(!index.contains("[!"));
}

#[test]
fn an_avoid_note_shows_on_the_timeline_under_the_chart_and_in_print() {
    let s = with_languages(&[
        ("content/articles/recovery.md", RECOVERY),
        ("content/articles/recovery.ur.md", RECOVERY_UR),
    ]);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let html = s.out("timeline/index.html");
    let note = "Never stop a <strong>prescribed</strong> medicine without your doctor.";
    // In the stage's list of things to avoid.
    let stage = &html[html.find("<ol class=\"timeline\">").expect("stages")..];
    let stage = &stage[..stage.find("</ol>").unwrap_or(stage.len())];
    assert!(
        stage.contains(&format!("<span class=\"avoid-note\">{note}</span>")),
        "{stage}"
    );
    // In the chart: a numbered marker on the row, the note below the table.
    let chart = &html[html.find("avoid-chart").expect("chart")..];
    let row = chart
        .split("<th scope=\"row\">")
        .find(|r| r.starts_with("blood-thinning medicines"))
        .expect("row");
    assert!(
        row.contains("<a href=\"#chart-note-1\" id=\"chart-ref-1\" aria-label=\"note 1\">1</a>"),
        "{row}"
    );
    let swimming = chart
        .split("<th scope=\"row\">")
        .find(|r| r.starts_with("swimming"));
    assert!(!swimming.unwrap_or("").contains("chart-note-ref"));
    let after_table = &chart[chart.find("</table>").expect("table")..];
    assert!(
        after_table.contains(&format!("<li id=\"chart-note-1\"><a href=\"#chart-ref-1\">blood-thinning medicines</a>: {note}</li>")),
        "{after_table}"
    );
    // Printed, the notes are outside the scrolling box, and the print styles keep them.
    let scroll_end = chart.find("</div>").expect("scroll box");
    assert!(chart.find("chart-notes").expect("notes") > scroll_end);
    let css_href = html
        .split("rel=\"stylesheet\" href=\"/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("stylesheet link");
    let css = s.out(css_href);
    let print = &css[css.rfind("@media print").expect("print css")..];
    for hidden in ["chart-notes", "avoid-note"] {
        let rule = print.lines().find(|l| l.contains(hidden)).unwrap_or("");
        assert!(!rule.contains("display: none"), "{rule}");
    }
    // Right to left too.
    let ur = s.out("ur/timeline/index.html");
    assert!(ur.contains("dir=\"rtl\""));
    assert!(
        ur.contains("<span class=\"avoid-note\">ڈاکٹر کی لکھی ہوئی دوا خود سے بند نہ کریں۔</span>")
    );
    assert!(ur.contains("<li id=\"chart-note-1\">"));
}
