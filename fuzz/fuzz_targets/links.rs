//! Any markdown body with links: rendering and link resolution never panic, and a resolved
//! path never leaves `content/`.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use pigment::stages::RawHtml;
use pigment::stages::SourceFile;
use pigment::stages::{render_markdown as render, resolve_content_path, LinkTarget};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = SourceFile {
        path: "articles/a.md".to_string(),
        display_path: PathBuf::from("content/articles/a.md"),
        text: text.to_string(),
        front_matter: None,
        body_start: 0,
    };
    let body = render(&file, "/clinic/", RawHtml::Escape);
    assert!(!body.html.contains("<script"), "escaped HTML stays text");
    for link in &body.links {
        if let LinkTarget::Page { path, .. } = &link.target {
            assert!(!path.split('/').any(|s| s == ".."), "{path}");
        }
    }
    if let Some(p) = resolve_content_path("articles/a.md", text) {
        assert!(!p.split('/').any(|s| s == ".." || s == "."), "{p}");
    }
});
