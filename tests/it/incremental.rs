//! Incremental rebuilds end byte-identical to a clean build: random sequences of edits,
//! additions, deletions and renames of articles and FAQs, and template edits, each followed
//! by an incremental rebuild that must match a clean build of the same files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pigment::Rebuilder;
use proptest::prelude::*;

const SITE_TOML: &str = r#"title = "Equivalence"
base_url = "https://eq.example"
[[topics]]
id = "recovery"
title = "Recovery"
[[topics]]
id = "costs"
title = "Costs"
"#;

const TOPICS: [&str; 2] = ["recovery", "costs"];

#[derive(Debug, Clone)]
enum Op {
    /// Rewrite article `n`'s body paragraph.
    Body(usize, String),
    /// Retitle article `n` (changes every list it is on).
    Title(usize, String),
    /// Move article `n` to another topic and tag.
    Topic(usize, usize),
    /// Add article `n` if missing.
    Add(usize),
    /// Delete article `n`.
    Delete(usize),
    /// Rename article `n` to `n'`.
    Rename(usize, usize),
    /// Link article `n` to article `m` (breaks the build while `m` is missing).
    Link(usize, usize),
    /// Edit or add FAQ `n`.
    Faq(usize, String),
    /// Delete FAQ `n`.
    DeleteFaq(usize),
    /// Override the article template with a marker in it.
    Template(String),
    /// Break article `n`'s front matter.
    Break(usize),
    /// Rewrite the second paragraph of article `n` (text only: the quick path).
    Text(usize, String),
    /// Rewrite FAQ `n`'s answer under a fixed description (text only after the first time).
    FaqText(usize, String),
    /// Write (or rewrite) the Urdu translation of article `n`.
    Translate(usize, String),
    /// Delete the Urdu translation of article `n`.
    DeleteTranslation(usize),
    /// Write (or rewrite) the Urdu translation of FAQ `n`.
    TranslateFaq(usize, String),
    /// Override a theme word in the site's English and Urdu message files.
    Words(String),
    /// Give article `n` one of [`SCHEDULES`]: published later, today, expired, last day.
    Schedule(usize, usize),
}

/// Dates against the pinned 2026-06-01 that move a page out of the build or keep it in.
const SCHEDULES: [&str; 4] = [
    "publish_date: 2027-01-01",
    "publish_date: 2026-06-01",
    "expires: 2026-05-31",
    "expires: 2026-06-01",
];

fn op() -> impl Strategy<Value = Op> {
    let n = 0..6usize;
    let word = "[a-z]{1,8}";
    prop_oneof![
        (n.clone(), word).prop_map(|(n, w)| Op::Body(n, w)),
        (n.clone(), word).prop_map(|(n, w)| Op::Title(n, w)),
        (n.clone(), 0..2usize).prop_map(|(n, t)| Op::Topic(n, t)),
        n.clone().prop_map(Op::Add),
        n.clone().prop_map(Op::Delete),
        (n.clone(), n.clone()).prop_map(|(a, b)| Op::Rename(a, b)),
        (n.clone(), n.clone()).prop_map(|(a, b)| Op::Link(a, b)),
        (0..3usize, word).prop_map(|(n, w)| Op::Faq(n, w)),
        (0..3usize).prop_map(Op::DeleteFaq),
        word.prop_map(Op::Template),
        n.clone().prop_map(Op::Break),
        (n, word).prop_map(|(n, w)| Op::Text(n, w)),
        (0..3usize, word).prop_map(|(n, w)| Op::FaqText(n, w)),
        (0..6usize, 0..SCHEDULES.len()).prop_map(|(n, s)| Op::Schedule(n, s)),
    ]
}

/// The edits of [`op`] and edits of Urdu translations, for a site in two languages.
fn op_with_translations() -> impl Strategy<Value = Op> {
    let n = 0..6usize;
    let word = "[a-z]{1,8}";
    prop_oneof![
        3 => op(),
        2 => (n.clone(), word).prop_map(|(n, w)| Op::Translate(n, w)),
        1 => n.prop_map(Op::DeleteTranslation),
        1 => (0..3usize, word).prop_map(|(n, w)| Op::TranslateFaq(n, w)),
        1 => word.prop_map(Op::Words),
    ]
}

const LANGUAGES_TOML: &str = r#"
[languages.ur]
name = "اردو"
title = "مساوات"
[[languages.ur.menu]]
title = "مضامین"
url = "/articles/"
"#;

fn article_path(n: usize) -> String {
    format!("content/articles/a{n}.md")
}

fn article(title: &str, topic: usize, body: &str, link: Option<usize>) -> String {
    let link = link.map_or(String::new(), |m| format!("\n\nSee [a{m}](a{m}.md)."));
    format!(
        "---\ntitle: {title}\ndate: 2026-01-0{d}\ntopics: [{t}]\ntags: [t{topic}]\n---\n{body}{link}\n",
        d = 1 + title.len() % 9,
        t = TOPICS[topic],
    )
}

fn faq_text(n: usize, answer: &str) -> String {
    format!(
        "---\nquestion: Question {n}?\ndescription: About {n}.\ntopics: [{}]\n---\nAnswer {answer}.\n",
        TOPICS[n % 2]
    )
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(&p, text).expect("write");
    p
}

/// Applies `op`; returns the paths it touched (what a watcher would report).
fn apply(root: &Path, op: &Op) -> Vec<PathBuf> {
    let exists = |n: usize| root.join(article_path(n)).exists();
    match op {
        Op::Body(n, w) => vec![write(
            root,
            &article_path(*n),
            &article(&format!("A{n}"), n % 2, w, None),
        )],
        Op::Title(n, w) => vec![write(
            root,
            &article_path(*n),
            &article(w, n % 2, "Body.", None),
        )],
        Op::Topic(n, t) => vec![write(
            root,
            &article_path(*n),
            &article(&format!("A{n}"), *t, "Body.", None),
        )],
        Op::Add(n) if !exists(*n) => {
            vec![write(
                root,
                &article_path(*n),
                &article(&format!("New {n}"), n % 2, "New.", None),
            )]
        }
        Op::Add(_) => Vec::new(),
        Op::Delete(n) | Op::Rename(n, _) if !exists(*n) => Vec::new(),
        Op::Delete(n) => {
            let p = root.join(article_path(*n));
            std::fs::remove_file(&p).expect("remove");
            vec![p]
        }
        Op::Rename(a, b) => {
            let (from, to) = (root.join(article_path(*a)), root.join(article_path(*b)));
            std::fs::rename(&from, &to).expect("rename");
            vec![from, to]
        }
        Op::Link(a, b) => vec![write(
            root,
            &article_path(*a),
            &article(&format!("A{a}"), a % 2, "Linked.", Some(*b)),
        )],
        Op::Faq(n, w) => vec![write(
            root,
            &format!("content/faq/q{n}.md"),
            &format!(
                "---\nquestion: {w}?\ntopics: [{}]\n---\nAnswer {w}.\n",
                TOPICS[n % 2]
            ),
        )],
        Op::Text(n, w) => vec![write(
            root,
            &article_path(*n),
            &article(
                &format!("A{n}"),
                n % 2,
                &format!("Body.\n\nMore {w}."),
                None,
            ),
        )],
        Op::FaqText(n, w) => vec![write(
            root,
            &format!("content/faq/q{n}.md"),
            &faq_text(*n, w),
        )],
        Op::DeleteFaq(n) => {
            let p = root.join(format!("content/faq/q{n}.md"));
            if p.exists() {
                std::fs::remove_file(&p).expect("remove");
            }
            vec![p]
        }
        Op::Template(w) => {
            let base = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/clinic/templates/article.html"),
            )
            .expect("bundled template");
            let text = base.replacen("</h1>", &format!("</h1><p>{w}</p>"), 1);
            vec![write(root, "templates/article.html", &text)]
        }
        Op::Translate(n, w) => vec![write(
            root,
            &format!("content/articles/a{n}.ur.md"),
            &format!(
                "---\ntitle: ترجمہ {w}\ntopics: [{}]\ntags: [ٹیگ{n}]\n---\nمتن {w}۔ [a0](a0.md)\n",
                TOPICS[n % 2]
            ),
        )],
        Op::DeleteTranslation(n) => {
            let p = root.join(format!("content/articles/a{n}.ur.md"));
            if p.exists() {
                std::fs::remove_file(&p).expect("remove");
            }
            vec![p]
        }
        Op::TranslateFaq(n, w) => vec![write(
            root,
            &format!("content/faq/q{n}.ur.md"),
            &format!(
                "---\nquestion: سوال {w}؟\ntopics: [{}]\n---\nجواب {w}۔\n",
                TOPICS[n % 2]
            ),
        )],
        Op::Words(w) => vec![
            write(
                root,
                "i18n/en.toml",
                &format!("nav_main = \"{w}\"\nhome = \"Start {w}\"\n"),
            ),
            write(root, "i18n/ur.toml", &format!("nav_main = \"{w}\"\n")),
        ],
        Op::Schedule(n, s) => {
            let text = article(&format!("A{n}"), n % 2, "Body.", Some((n + 1) % 6));
            let dated = text.replacen("---\n", &format!("---\n{}\n", SCHEDULES[*s]), 1);
            vec![write(root, &article_path(*n), &dated)]
        }
        Op::Break(n) => vec![write(
            root,
            &article_path(*n),
            "---\ntitle: [unclosed\n---\nx\n",
        )],
    }
}

fn options(root: &Path) -> pigment::BuildOptions {
    pigment::BuildOptions {
        root: root.to_path_buf(),
        today: pigment::parse_date("2026-06-01").ok(),
        ..Default::default()
    }
}

/// A clean build's files, or `None` when it has errors.
fn clean(root: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let outcome = pigment::render_site(&options(root));
    let r = outcome.rendered?;
    Some(r.files.into_iter().map(|f| (f.path, f.bytes)).collect())
}

fn initial(root: &Path) {
    write(root, "site.toml", SITE_TOML);
    for n in 0..4 {
        write(
            root,
            &article_path(n),
            &article(&format!("A{n}"), n % 2, "Body.", None),
        );
    }
    write(
        root,
        "content/faq/q0.md",
        "---\nquestion: Does it hurt?\ntopics: [recovery]\n---\nA little.\n",
    );
}

/// Applies `ops` one by one, each followed by an incremental rebuild that must give the
/// bytes of a clean build (or fail when it fails).
fn rebuilds_match_clean_builds(root: &Path, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut rb = Rebuilder::new(options(root));
    let first = rb.rebuild(Vec::new());
    prop_assert!(!first.has_errors(), "{:?}", first.diagnostics);
    for op in ops {
        let touched = apply(root, op);
        let inc = rb.rebuild(touched);
        let expected = clean(root);
        match (&inc.site, expected) {
            (Some(site), Some(expected)) => {
                let got: BTreeMap<String, Vec<u8>> = site
                    .iter()
                    .map(|(p, b)| (p.to_string(), b.to_vec()))
                    .collect();
                let differ: Vec<&String> = expected
                    .keys()
                    .chain(got.keys())
                    .filter(|p| expected.get(*p) != got.get(*p))
                    .collect();
                prop_assert!(differ.is_empty(), "after {op:?}: {differ:?} differ");
            }
            (None, None) => {}
            (inc_site, expected) => prop_assert!(
                false,
                "after {op:?}: incremental ok = {}, clean ok = {}; {:?}",
                inc_site.is_some(),
                expected.is_some(),
                inc.diagnostics
            ),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn incremental_rebuilds_match_clean_builds(ops in proptest::collection::vec(op(), 1..7)) {
        let dir = tempfile::tempdir().expect("temp dir");
        initial(dir.path());
        rebuilds_match_clean_builds(dir.path(), &ops)?;
    }

    #[test]
    fn incremental_rebuilds_in_two_languages_match_clean_builds(
        ops in proptest::collection::vec(op_with_translations(), 1..7)
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        initial(root);
        write(root, "site.toml", &format!("{SITE_TOML}{LANGUAGES_TOML}"));
        apply(root, &Op::Translate(0, "first".into()));
        apply(root, &Op::TranslateFaq(0, "first".into()));
        rebuilds_match_clean_builds(root, &ops)?;
    }
}

#[test]
fn an_unchanged_rebuild_re_parses_nothing_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    initial(dir.path());
    let mut rb = Rebuilder::new(options(dir.path()));
    assert!(!rb.rebuild(Vec::new()).has_errors());
    let again = rb.rebuild(Vec::new());
    assert_eq!(again.reparsed, 0);
    assert!(again.changed.is_empty(), "{:?}", again.changed);
}

#[test]
fn a_body_edit_re_parses_one_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    initial(dir.path());
    let mut rb = Rebuilder::new(options(dir.path()));
    assert!(!rb.rebuild(Vec::new()).has_errors());
    let touched = apply(dir.path(), &Op::Body(1, "changed".into()));
    let r = rb.rebuild(touched);
    assert_eq!(r.reparsed, 1);
    assert!(
        r.changed.contains(&"articles/a1/index.html".to_string()),
        "{:?}",
        r.changed
    );
    assert!(
        !r.changed.contains(&"articles/a2/index.html".to_string()),
        "{:?}",
        r.changed
    );
}

/// Asserts the rebuilt site is byte for byte the clean build of the same files.
fn assert_clean(root: &Path, r: &pigment::Rebuild) {
    let site = r.site.as_ref().expect("the rebuild succeeds");
    let got: BTreeMap<String, Vec<u8>> = site
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    let expected = clean(root).expect("the clean build succeeds");
    let differ: Vec<&String> = expected
        .keys()
        .chain(got.keys())
        .filter(|p| expected.get(*p) != got.get(*p))
        .collect();
    assert!(differ.is_empty(), "{differ:?} differ from a clean build");
}

#[test]
fn text_edits_take_the_quick_path_and_match_a_clean_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    initial(root);
    write(root, "content/faq/q1.md", &faq_text(1, "first"));
    let mut rb = Rebuilder::new(options(root));
    assert!(!rb.rebuild(Vec::new()).has_errors());

    let r = rb.rebuild(apply(root, &Op::Text(2, "second".into())));
    assert!(r.quick, "a text edit takes the quick path");
    assert_eq!((r.reparsed, r.rendered), (1, 2), "the page and the feed");
    assert!(r.changed.contains(&"articles/a2/index.html".to_string()));
    assert!(r.changed.contains(&"search-index.json".to_string()));
    assert_clean(root, &r);
    let index = r.site.as_ref().and_then(|s| s.get("search-index.json"));
    let index = String::from_utf8(index.expect("index").to_vec()).expect("utf-8");
    assert!(index.contains("\"second\""), "the index has the new word");

    let r = rb.rebuild(apply(root, &Op::FaqText(1, "changed".into())));
    assert!(r.quick, "an answer edit takes the quick path");
    assert!(
        r.changed.contains(&"faq/index.html".to_string()),
        "{:?}",
        r.changed
    );
    assert_clean(root, &r);

    // A new heading is an anchor other pages may link to: the full path.
    let p = write(
        root,
        &article_path(2),
        &article("A2", 0, "Body.\n\n## New part\n\nMore.", None),
    );
    let r = rb.rebuild(vec![p]);
    assert!(!r.quick);
    assert_clean(root, &r);

    // A changed first paragraph is the summary on list pages: the full path.
    let r = rb.rebuild(apply(root, &Op::Body(3, "other".into())));
    assert!(!r.quick);
    assert_clean(root, &r);
}

/// Regression: with relative URLs the search index is also a script (`search-index.js`),
/// which a text edit must make again like the index itself.
#[test]
fn a_text_edit_with_relative_urls_matches_a_clean_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    initial(root);
    write(
        root,
        "site.toml",
        &format!("{SITE_TOML}[build]\nrelative_urls = true\n"),
    );
    let mut rb = Rebuilder::new(options(root));
    assert!(!rb.rebuild(Vec::new()).has_errors());
    let r = rb.rebuild(apply(root, &Op::Text(2, "second".into())));
    assert_clean(root, &r);
}

/// Regression: `7d` and `1w` are the same length of time but read differently on the page,
/// so changing one into the other in front matter must not be taken for a text-only edit.
#[test]
fn a_duration_rewritten_in_another_unit_matches_a_clean_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    initial(root);
    let with_stage = |to: &str| {
        format!(
            "---\ntitle: Healing\ntopics: [recovery]\nstages:\n  - id: first\n    title: First days\n    from: 0d\n    to: {to}\n---\nBody.\n"
        )
    };
    let p = write(root, "content/articles/healing.md", &with_stage("7d"));
    let mut rb = Rebuilder::new(options(root));
    assert!(!rb.rebuild(Vec::new()).has_errors());
    write(root, "content/articles/healing.md", &with_stage("1w"));
    let r = rb.rebuild(vec![p]);
    assert_clean(root, &r);
}

#[test]
fn an_edit_to_a_message_file_rebuilds_like_a_clean_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    initial(root);
    write(root, "site.toml", &format!("{SITE_TOML}{LANGUAGES_TOML}"));
    apply(root, &Op::Translate(0, "first".into()));
    let ops = [Op::Words("one".into()), Op::Words("two".into())];
    let result = rebuilds_match_clean_builds(root, &ops);
    assert!(result.is_ok(), "{result:?}");
}

/// What a clean `check` reports, rendered.
fn clean_diagnostics(root: &Path) -> Vec<String> {
    let outcome = pigment::check_site(&options(root));
    outcome
        .diagnostics
        .iter()
        .map(|d| d.render(false))
        .collect()
}

fn rendered(r: &pigment::Rebuild) -> Vec<String> {
    r.diagnostics.iter().map(|d| d.render(false)).collect()
}

/// Regression: a text edit that adds a broken site path (in markdown or raw HTML) used to
/// take the quick path, which checked no link; and a broken link on a page the rebuild
/// reuses must still be reported.
#[test]
fn rebuilds_report_broken_internal_links_as_a_clean_build_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    initial(root);
    let mut rb = Rebuilder::new(options(root));
    assert!(!rb.rebuild(Vec::new()).has_errors());

    let body = "Body.\n\nMeet [the team](/about/team/).";
    let r = rb.rebuild(vec![write(
        root,
        &article_path(1),
        &article("A1", 1, body, None),
    )]);
    assert!(r.has_errors(), "the broken link is found");
    assert_eq!(rendered(&r), clean_diagnostics(root));

    // Another page changes; the page with the broken link is reused, not rendered again.
    let r = rb.rebuild(apply(root, &Op::Title(2, "Renamed".into())));
    assert_eq!(rendered(&r), clean_diagnostics(root));
    assert!(
        r.has_errors(),
        "the reused page's broken link is still reported"
    );

    // Text moves the broken link down a line: its place is reported where it now is.
    let body = "Body.\n\nMore text.\n\nMeet [the team](/about/team/).";
    let r = rb.rebuild(vec![write(
        root,
        &article_path(1),
        &article("A1", 1, body, None),
    )]);
    assert_eq!(rendered(&r), clean_diagnostics(root));

    let r = rb.rebuild(vec![write(
        root,
        &article_path(1),
        &article("A1", 1, "Body.", None),
    )]);
    assert!(!r.has_errors(), "{:?}", rendered(&r));
}
