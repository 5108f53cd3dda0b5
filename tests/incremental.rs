//! Incremental rebuilds end byte-identical to a clean build: random sequences of edits,
//! additions, deletions and renames of articles and FAQs, and template edits, each followed
//! by an incremental rebuild that must match a clean build of the same files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pigment::incremental::Rebuilder;
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
}

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
        n.prop_map(Op::Break),
    ]
}

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
        today: pigment::dates::parse_date("2026-06-01").ok(),
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn incremental_rebuilds_match_clean_builds(ops in proptest::collection::vec(op(), 1..7)) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        initial(root);
        let mut rb = Rebuilder::new(options(root));
        let first = rb.rebuild(Vec::new());
        prop_assert!(!first.has_errors(), "{:?}", first.diagnostics);
        for op in &ops {
            let touched = apply(root, op);
            let inc = rb.rebuild(touched);
            let expected = clean(root);
            match (&inc.site, expected) {
                (Some(site), Some(expected)) => {
                    let got: BTreeMap<String, Vec<u8>> =
                        site.files.iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
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
