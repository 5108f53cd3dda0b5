//! The demo site in this repository builds cleanly and every internal link resolves.

use std::path::Path;

use crate::support::broken_links;

#[test]
fn demo_site_builds_without_warnings_and_links_resolve() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temp dir");
    let outcome = pigment::build(&pigment::BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.path().to_path_buf()),
        base_url: None,
        drafts: false,
        today: None,
    })
    .expect("no I/O error");
    let rendered: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(|d| d.render(false))
        .collect();
    assert!(rendered.is_empty(), "diagnostics:\n{}", rendered.join("\n"));
    let r = outcome.rendered.expect("site rendered");
    let articles = r
        .site
        .pages
        .iter()
        .filter(|p| p.kind == pigment::model::PageKind::Article)
        .count();
    let faqs = r
        .site
        .pages
        .iter()
        .filter(|p| p.kind == pigment::model::PageKind::Faq)
        .count();
    assert!(articles >= 7, "{articles} articles");
    assert!(faqs >= 15, "{faqs} FAQs");
    let broken = broken_links(out.path(), "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}
