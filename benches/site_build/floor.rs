//! The floor: what any generator must at least do — read every markdown file, render it
//! with pulldown-cmark (in parallel), and write one `index.html` per page. No templates, no
//! links, no lists. Files whose bytes are already there are left alone, as Pigment does.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            markdown_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

fn page(content: &Path, out: &Path, file: &Path) -> std::io::Result<()> {
    let text = std::fs::read_to_string(file)?;
    let body = match text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
    {
        Some((_, body)) => body,
        None => text.as_str(),
    };
    let opts = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_FOOTNOTES;
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, opts));
    let rel = file
        .strip_prefix(content)
        .unwrap_or(file)
        .with_extension("");
    let dir = out.join(rel);
    let target = dir.join("index.html");
    if std::fs::read(&target).is_ok_and(|old| old == html.as_bytes()) {
        return Ok(());
    }
    std::fs::create_dir_all(&dir)?;
    std::fs::write(target, html)
}

/// Renders `content` into `out`; returns the process exit code.
pub(crate) fn run(content: &Path, out: &Path) -> i32 {
    let mut files = Vec::new();
    if let Err(e) = markdown_files(content, &mut files) {
        eprintln!("floor: {}: {e}", content.display());
        return 3;
    }
    let failed = files
        .par_iter()
        .filter_map(|f| page(content, out, f).err())
        .count();
    if failed > 0 {
        eprintln!("floor: {failed} files failed");
        return 3;
    }
    0
}
