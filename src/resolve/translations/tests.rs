//! The translation checks on pages made from small front-matter texts through the real
//! parse and resolve stages, with the exact messages a writer sees.

use std::collections::HashSet;
use std::path::Path;

use super::*;
use crate::load::{split_front_matter, SourceFile, Split};
use crate::parse::{frontmatter, markdown, ParsedPage};

const SITE: &str =
    "title = \"T\"\nbase_url = \"https://x.example/\"\n[languages.ur]\ntitle = \"ٹی\"\n";

const ORIGINAL: &str = "---
title: Recovery
date: 2026-03-14
updated: 2026-10-06
stages:
  - id: first-days
    title: The first three days
    from: 0d
    to: 3d
    avoid:
      - { what: washing the scalp, until: 4d }
      - { what: swimming, until: 28d }
  - id: first-weeks
    title: The first weeks
    from: 3d
    to: 4w
side_effects:
  - { name: Redness, onset: 0d, lasts: 3d, frequency: common, action: self-care }
  - { name: Dots turning blue, frequency: rare, action: contact-clinic }
costs:
  - { item: Treatment session, min: 400, max: 1000, currency: USD, per: session, count: \"2-4\" }
---
The first days.
";

/// The same facts in Urdu, some offsets in other units (`72h` for `3d`, `28d` for `4w`).
const TRANSLATION: &str = "---
title: صحت یابی
description: علاج کے بعد کے دن
date: 2026-03-14
translation_of: { updated: 2026-10-06 }
stages:
  - id: first-days
    title: پہلے تین دن
    from: 0d
    to: 72h
    avoid:
      - { what: سر دھونا, until: 4d }
      - { what: تیراکی, until: 4w }
  - id: first-weeks
    title: پہلے ہفتے
    from: 3d
    to: 28d
side_effects:
  - { name: سرخی, onset: 0d, lasts: 3d, frequency: common, action: self-care }
  - { name: نقطوں کا نیلا ہونا, frequency: rare, action: contact-clinic }
costs:
  - { item: علاج کا سیشن, min: 400, max: 1000, currency: USD, per: سیشن, count: \"2-4\" }
---
پہلے دن۔
";

fn site_config() -> crate::config::Config {
    crate::config::parse(SITE, Path::new("site.toml"), None).expect("site.toml")
}

/// `text` as the loaded file `content/<path>`.
fn source_file(path: &str, text: &str) -> SourceFile {
    let Split::Found { yaml, body_start } = split_front_matter(text) else {
        panic!("no front matter in {path}");
    };
    SourceFile {
        path: path.to_string(),
        display_path: Path::new("content").join(path),
        text: text.to_string(),
        front_matter: Some(yaml),
        body_start,
    }
}

/// The sites of `files` (content paths and texts), one per language, through the real
/// parse and resolve.
fn sites(files: &[(&str, &str)]) -> Vec<Site> {
    let (sites, problems) = resolved(files);
    assert_eq!(problems, []);
    sites
}

/// [`sites`], with the problems resolve found.
fn resolved(files: &[(&str, &str)]) -> (Vec<Site>, Vec<Diagnostic>) {
    let config = site_config();
    let parsed = files.iter().map(|(path, text)| {
        let file = source_file(path, text);
        let is_faq = crate::resolve::is_faq(&file);
        let front_matter =
            frontmatter::parse(&file, &config, is_faq).unwrap_or_else(|e| panic!("{path}: {e:?}"));
        let body = markdown::render(&file, &config.base_path, config.raw_html);
        ParsedPage {
            file,
            front_matter,
            body,
        }
    });
    let parsed = parsed.collect();
    crate::resolve::resolve_each_language(config, parsed, false, &HashSet::new())
}

/// The page made from content path `source` (a translation's is its original's).
fn page_of(site: &Site, source: &str) -> Page {
    let found = site.pages.iter().find(|p| p.source == source);
    found.map(|p| (**p).clone()).expect("the page")
}

/// The original at `content/<path>` and its Urdu translation.
fn pair(path: &str, original: &str, translation: &str) -> (Page, Page) {
    let ur_path = path.replace(".md", ".ur.md");
    let sites = sites(&[(path, original), (&ur_path, translation)]);
    (page_of(&sites[0], path), page_of(&sites[1], path))
}

fn original() -> Page {
    pair("articles/recovery.md", ORIGINAL, TRANSLATION).0
}

fn translation(text: &str) -> Page {
    pair("articles/recovery.md", ORIGINAL, text).1
}

/// `TRANSLATION` with `from` replaced by `to`, which must be in it.
fn planted(from: &str, to: &str) -> String {
    assert!(TRANSLATION.contains(from), "{from}");
    TRANSLATION.replacen(from, to, 1)
}

fn messages(problems: &[Diagnostic]) -> Vec<&str> {
    problems.iter().map(|d| d.message.as_str()).collect()
}

/// The problems of `text`'s front matter at `content/articles/recovery.ur.md`.
fn front_matter_problems(text: &str) -> Vec<Diagnostic> {
    let file = source_file("articles/recovery.ur.md", text);
    frontmatter::parse(&file, &site_config(), false)
        .err()
        .unwrap_or_default()
}

#[test]
fn translation_of_is_read_with_where_its_date_is_written() {
    let t = translation(TRANSLATION);
    let of = t.translation_of.expect("translation_of");
    assert_eq!(of.updated.to_string(), "2026-10-06");
    assert_eq!((of.location.line, of.location.column), (5, 28));
    assert_eq!(of.location.width, 10);
}

#[test]
fn translation_of_is_checked() {
    let bad_date =
        front_matter_problems("---\ntitle: A\ntranslation_of: { updated: 2026-02-30 }\n---\n");
    assert_eq!(bad_date.len(), 1);
    assert_eq!(bad_date[0].code, code::INVALID_DATE);
    assert_eq!(
        bad_date[0].message,
        "invalid date `2026-02-30` in `translation_of.updated`"
    );
    let at = bad_date[0].location.as_deref().map(|l| (l.line, l.column));
    assert_eq!(at, Some((3, 28)));

    let typo =
        front_matter_problems("---\ntitle: A\ntranslation_of: { udpated: 2026-02-03 }\n---\n");
    assert_eq!(typo[0].code, code::UNKNOWN_FIELD);
    assert_eq!(
        typo[0].message,
        "unknown field `udpated` in `translation_of`"
    );

    let block = "---\ntitle: A\nupdated: 2026-03-01\ntranslation_of:\n  updated: 2026-02-03\n---\n";
    assert_eq!(front_matter_problems(block), []);
}

#[test]
fn a_faithful_translation_has_no_differences() {
    assert_eq!(compare(&original(), &translation(TRANSLATION)), []);
}

#[test]
fn a_planted_until_is_named_with_both_files_and_lines() {
    let t = translation(&planted("until: 4w", "until: 14d"));
    let problems = compare(&original(), &t);
    assert_eq!(
        messages(&problems),
        ["recovery.ur.md:13 says swimming until 14d; recovery.md:12 says 28d"]
    );
    let d = &problems[0];
    assert_eq!(d.code, code::TRANSLATION_STAGES);
    assert!(!d.is_error());
    let at = d.location.as_deref().expect("located");
    assert_eq!(at.file, Path::new("content/articles/recovery.ur.md"));
    assert_eq!((at.line, at.column), (13, 32));
    assert_eq!(
        d.help.as_deref(),
        Some("copy `until: 28d` from recovery.md, or leave `stages` out of this translation to take the original's")
    );
    assert_eq!(d.related[0].0, "the original says 28d");
    assert_eq!(d.related[0].1.line, 12);
    assert_eq!(
        d.render(false),
        "warning[P0310]: recovery.ur.md:13 says swimming until 14d; recovery.md:12 says 28d
  --> content/articles/recovery.ur.md:13:32
   |
13 |       - { what: تیراکی, until: 14d }
   |                                ^^^ not what the original says
   |
  ::: content/articles/recovery.md:12:34
   |
12 |       - { what: swimming, until: 28d }
   |                                  ^^^ the original says 28d
   |
help: copy `until: 28d` from recovery.md, or leave `stages` out of this translation to take the original's"
    );
}

#[test]
fn stages_are_matched_by_id() {
    let t = translation(
        &planted("id: first-weeks", "id: later-weeks")
            .replacen("from: 0d", "from: 1d", 1)
            .replacen("      - { what: سر دھونا, until: 4d }\n", "", 1),
    );
    assert_eq!(
        messages(&compare(&original(), &t)),
        [
            "recovery.ur.md:9 says stage `first-days` from 1d; recovery.md:8 says 0d",
            "recovery.ur.md:12 says washing the scalp until 4w; recovery.md:11 says 4d",
            "recovery.ur.md:12 lists 1 thing to avoid in stage `first-days`; recovery.md:12 lists 2",
            "recovery.ur.md has no stage `first-weeks`; recovery.md:13 has it",
            "recovery.ur.md:13 has stage `later-weeks`, which recovery.md does not have",
        ]
    );
}

#[test]
fn a_different_end_is_located_at_to() {
    let problems = compare(&original(), &translation(&planted("to: 72h", "to: 2d")));
    assert_eq!(
        messages(&problems),
        ["recovery.ur.md:10 says stage `first-days` to 2d; recovery.md:9 says 3d"]
    );
    let at = problems[0].location.as_deref().map(|l| (l.line, l.column));
    assert_eq!(at, Some((10, 9)));
}

#[test]
fn side_effects_and_costs_are_compared_in_order() {
    let t = translation(
        &planted("lasts: 3d, frequency: common", "frequency: uncommon")
            .replacen("action: contact-clinic", "action: urgent", 1)
            .replacen("currency: USD", "currency: PKR", 1)
            .replacen("max: 1000", "max: 900", 1)
            .replacen("count: \"2-4\"", "count: \"3\"", 1),
    );
    assert_eq!(
        messages(&compare(&original(), &t)),
        [
            "recovery.ur.md:19 gives Redness no `lasts`; recovery.md:18 says 3d",
            "recovery.ur.md:19 says Redness frequency uncommon; recovery.md:18 says common",
            "recovery.ur.md:20 says Dots turning blue action urgent; recovery.md:19 says contact-clinic",
            "recovery.ur.md:22 says Treatment session max 900; recovery.md:21 says 1000",
            "recovery.ur.md:22 says Treatment session currency PKR; recovery.md:21 says USD",
            "recovery.ur.md:22 says Treatment session count \"3\"; recovery.md:21 says \"2-4\"",
        ]
    );
}

#[test]
fn a_missing_side_effect_is_a_different_count() {
    let t = translation(&planted(
        "  - { name: نقطوں کا نیلا ہونا, frequency: rare, action: contact-clinic }\n",
        "",
    ));
    let problems = compare(&original(), &t);
    assert_eq!(
        messages(&problems),
        ["recovery.ur.md:19 lists 1 side effect; recovery.md:19 lists 2"]
    );
    // At the translation's last item and the original's first one it lacks.
    assert_eq!(problems[0].location.as_deref().map(|l| l.line), Some(19));
    assert_eq!(problems[0].related[0].1.line, 19);
}

#[test]
fn health_data_the_original_lacks_is_named_once() {
    let (o, t) = pair(
        "faq/x.md",
        "---\nquestion: X?\n---\n",
        "---\nquestion: ایکس؟\ncosts:\n  - { item: سیشن, min: 1, max: 2, currency: PKR, per: سیشن }\n---\n",
    );
    let problems = compare(&o, &t);
    assert_eq!(
        messages(&problems),
        ["x.ur.md:4 gives `costs`; x.md has none"]
    );
    assert_eq!(problems[0].code, code::TRANSLATION_COSTS);
}

#[test]
fn a_translation_without_health_data_takes_the_originals() {
    let text = "---\ntitle: صحت یابی\ntranslation_of: { updated: 2026-10-06 }\n---\nمتن\n";
    let (o, mut t) = (original(), translation(text));
    assert_eq!(compare(&o, &t), []);
    inherit(&o, &mut t);
    assert_eq!(
        (t.stages, t.side_effects, t.costs),
        (o.stages, o.side_effects, o.costs)
    );
}

#[test]
fn a_translation_of_an_older_version_is_out_of_date() {
    let mut t = translation(&planted("updated: 2026-10-06", "updated: 2026-09-01"));
    let d = outdated(&original(), &t).expect("out of date");
    assert_eq!(
        d.message,
        "translation is out of date: articles/recovery.md was updated on 2026-10-06 after this translation (made from 2026-09-01)"
    );
    assert_eq!(d.code, code::TRANSLATION_OUTDATED);
    assert_eq!(
        d.location.as_deref().map(|l| (l.line, l.column)),
        Some((5, 28))
    );
    assert_eq!(
        d.help.as_deref(),
        Some("make the translation say what articles/recovery.md says now, then set `translation_of: { updated: 2026-10-06 }`")
    );
    assert_eq!(check_pair(&original(), &mut t).len(), 1);
    assert!(t.translation_outdated);

    let mut t = translation(TRANSLATION);
    assert_eq!(outdated(&original(), &t), None);
    assert_eq!(check_pair(&original(), &mut t), []);
    assert!(!t.translation_outdated);
}

#[test]
fn without_updated_the_originals_date_counts() {
    let (o, t) = pair(
        "faq/x.md",
        "---\nquestion: X?\ndate: 2026-03-14\n---\n",
        "---\nquestion: ایکس؟\ntranslation_of: { updated: 2026-03-01 }\n---\n",
    );
    let d = outdated(&o, &t).expect("out of date");
    assert!(
        d.message.contains("faq/x.md was updated on 2026-03-14"),
        "{}",
        d.message
    );
}

#[test]
fn a_translation_must_say_what_it_was_made_from() {
    let mut t = translation(&planted("translation_of: { updated: 2026-10-06 }\n", ""));
    let d = outdated(&original(), &t).expect("undated");
    assert_eq!(d.code, code::TRANSLATION_UNDATED);
    assert_eq!(
        d.message,
        "translation does not say which version of articles/recovery.md it was made from"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("once it says what articles/recovery.md says now, add `translation_of: { updated: 2026-10-06 }` (the original's `updated`, else `date`)")
    );
    check_pair(&original(), &mut t);
    assert!(t.translation_outdated);
}

#[test]
fn a_version_the_original_never_had_is_named() {
    let t = translation(&planted("updated: 2026-10-06", "updated: 2026-12-01"));
    let d = outdated(&original(), &t).expect("ahead");
    assert_eq!(d.code, code::TRANSLATION_AHEAD);
    assert_eq!(
        d.message,
        "`translation_of` says 2026-12-01, but articles/recovery.md was last updated on 2026-10-06"
    );
}

#[test]
fn translation_of_outside_a_translation_is_named() {
    let notes = "---\ntitle: Notes\ntranslation_of: { updated: 2026-10-06 }\n---\n";
    let (o, _) = pair("articles/notes.md", notes, "---\ntitle: نوٹس\n---\n");
    let d = not_a_translation(&o).expect("warning");
    assert_eq!(
        d.message,
        "`translation_of` on articles/notes.md, which translates no other page"
    );
    assert_eq!(d.code, code::NOT_A_TRANSLATION);
    assert_eq!(not_a_translation(&original()), None);
}

#[test]
fn every_translation_of_a_site_is_checked_against_its_original() {
    let notes = "---\ntitle: Notes\ntranslation_of: { updated: 2026-10-06 }\n---\n";
    let bare = "---\ntitle: صحت یابی\n---\nمتن\n";
    let mut sites = sites(&[
        ("articles/recovery.md", ORIGINAL),
        ("articles/recovery.ur.md", bare),
        ("articles/costs.md", ORIGINAL),
        ("articles/costs.ur.md", &planted("until: 4w", "until: 14d")),
        ("articles/notes.md", notes),
    ]);
    let problems = check_translations(&mut sites);
    assert_eq!(
        messages(&problems),
        [
            "`translation_of` on articles/notes.md, which translates no other page",
            "costs.ur.md:13 says swimming until 14d; costs.md:12 says 28d",
            "translation does not say which version of articles/recovery.md it was made from",
        ]
    );
    let recovery = page_of(&sites[1], "articles/recovery.md");
    assert!(recovery.translation_outdated);
    assert_eq!(
        recovery.stages,
        page_of(&sites[0], "articles/recovery.md").stages
    );
    assert!(!page_of(&sites[1], "articles/costs.md").translation_outdated);
}

#[test]
fn a_file_named_for_an_unknown_language_is_not_reported_twice() {
    let notes = "---\ntitle: Notes\ntranslation_of: { updated: 2026-10-06 }\n---\n";
    let (mut sites, problems) = resolved(&[("articles/notes.fr.md", notes)]);
    assert_eq!(problems[0].code, code::UNKNOWN_LANGUAGE);
    assert_eq!(check_translations(&mut sites), []);
}

#[test]
fn a_caveat_the_translation_drops_is_named() {
    let with_note = |text: &str, from: &str, note: &str| {
        assert!(text.contains(from), "{from}");
        text.replacen(
            from,
            &format!("{}, note: {note} }}", &from[..from.len() - 2]),
            1,
        )
    };
    let original = with_note(
        ORIGINAL,
        "{ what: swimming, until: 28d }",
        "from your final session",
    );
    let (o, t) = pair("articles/recovery.md", &original, TRANSLATION);
    let problems = compare(&o, &t);
    assert_eq!(
        messages(&problems),
        ["recovery.ur.md:13 gives `swimming` no `note`; recovery.md:12 gives it a caveat"]
    );
    assert_eq!(problems[0].code, code::TRANSLATION_STAGES);
    let translated = with_note(TRANSLATION, "{ what: تیراکی, until: 4w }", "آخری سیشن سے");
    let (o, t) = pair("articles/recovery.md", &original, &translated);
    assert!(compare(&o, &t).is_empty());
}
