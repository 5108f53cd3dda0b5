//! Any bytes as a markdown file: splitting, YAML front matter and its checks must never
//! panic, and every location must point inside the file.
#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use pigment::stages::{split_front_matter, SourceFile, Split};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (front_matter, body_start) = match split_front_matter(text) {
        Split::Found { yaml, body_start } => (Some(yaml), body_start),
        Split::Missing | Split::Unterminated => (None, 0),
    };
    let file = SourceFile {
        path: "faq/q.md".to_string(),
        display_path: PathBuf::from("content/faq/q.md"),
        text: text.to_string(),
        front_matter,
        body_start,
    };
    let config = pigment::stages::parse_config(
        "title = \"F\"\nbase_url = \"https://f.example\"\n[[topics]]\nid = \"recovery\"\ntitle = \"R\"\n",
        Path::new("site.toml"),
        None,
    )
    .expect("fixed config parses");
    let lines = text.split('\n').count();
    for is_faq in [true, false] {
        if let Err(problems) = pigment::stages::parse_front_matter(&file, &config, is_faq) {
            for p in problems {
                if let Some(l) = p.location.as_deref() {
                    assert!(l.line <= lines, "line {} of {lines}", l.line);
                }
                let _ = p.render(false);
            }
        }
    }
});
