//! Pages from parsed files: what kind each is, its URL (two pages may not share one), its
//! title and summary, and the list pages made for folders that have no `_index.md`.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use crate::config::Config;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::load::SourceFile;
use crate::parse::frontmatter::FrontMatter;
use crate::parse::markdown::Body;
use crate::parse::ParsedPage;
use crate::paths::site_path;
use crate::resolve::model::{Page, PageKind};

/// The pages of a site, found by site path.
pub(super) struct Pages {
    /// Every page, in the order made.
    pub list: Vec<Page>,
    /// Index into `list` by site path (`/articles/recovery/`).
    pub by_path: BTreeMap<String, usize>,
}

fn is_faq_path(path: &str) -> bool {
    path.starts_with("faq/") && !crate::load::is_index_path(path)
}

/// True when `file` holds one FAQ.
pub(crate) fn is_faq(file: &SourceFile) -> bool {
    is_faq_path(&file.path) && file.path.matches('/').count() == 1
}

/// A page's list summary: `summary`, else `description`, else the start of its first
/// paragraph.
pub(crate) fn summary(fm: &FrontMatter, body: &Body) -> String {
    fm.summary
        .clone()
        .or_else(|| fm.description.clone())
        .unwrap_or_else(|| shorten(&body.first_paragraph, 200))
}

/// Gives every parsed page its URL and makes its [`Page`]. A page whose URL another one
/// already has is reported, added to `reported` and left out: the parsed pages returned
/// are the ones that got a page, in the same order.
pub(super) fn assign_urls(
    mut parsed: Vec<ParsedPage>,
    config: &Config,
    reported: &mut HashSet<String>,
    problems: &mut Vec<Diagnostic>,
) -> (Pages, Vec<ParsedPage>) {
    let mut pages = Pages {
        list: Vec::with_capacity(parsed.len()),
        by_path: BTreeMap::new(),
    };
    let mut kept: Vec<bool> = Vec::with_capacity(parsed.len());
    for p in parsed.iter_mut() {
        let path = site_path(
            &p.file.path,
            p.front_matter.slug.as_ref().map(|s| s.value.as_str()),
        );
        if let Some(&other) = pages.by_path.get(&path) {
            problems.push(url_clash(p, &path, &pages.list[other]));
            reported.insert(p.file.path.clone());
            kept.push(false);
            continue;
        }
        pages.by_path.insert(path.clone(), pages.list.len());
        kept.push(true);
        pages.list.push(page_from(p, path, config));
    }
    // Parsed pages that lost a URL clash have no Page; keep the two lists in step.
    let mut kept = kept.into_iter();
    parsed.retain(|_| kept.next().unwrap_or(false));
    (pages, parsed)
}

fn url_clash(p: &ParsedPage, path: &str, other: &Page) -> Diagnostic {
    Diagnostic::error(code::URL_CLASH, format!("two pages have the URL `{path}`"))
        .at(p.front_matter.slug.as_ref().map_or_else(
            || Location::file_only(&p.file.display_path),
            |s| s.location.clone(),
        ))
        .also(
            "this page has the same URL",
            Location::file_only(&other.display_path),
        )
        .help("rename one file or give it another `slug`")
}

fn kind_of(file: &SourceFile) -> PageKind {
    if file.path == "_index.md" {
        PageKind::Home
    } else if file.is_index() {
        PageKind::Section
    } else if is_faq(file) {
        PageKind::Faq
    } else {
        PageKind::Article
    }
}

/// The page of `p` at site path `path`. Links, related pages and backlinks come later.
fn page_from(p: &mut ParsedPage, path: String, config: &Config) -> Page {
    let fm = &mut p.front_matter;
    let title = fm
        .title
        .clone()
        .unwrap_or_else(|| default_section_title(&path, config));
    let description = fm.description.clone().unwrap_or_default();
    let summary = summary(fm, &p.body);
    Page {
        source: p.file.path.clone(),
        display_path: p.file.display_path.clone(),
        kind: kind_of(&p.file),
        path,
        title,
        description,
        summary,
        date: fm.date,
        updated: fm.updated,
        translation_of: fm.translation_of.take(),
        translation_outdated: false,
        weight: fm.weight,
        // Moved, not copied: only `related`, `aliases` and `slug` are read again later.
        topics: std::mem::take(&mut fm.topics),
        tags: std::mem::take(&mut fm.tags),
        template: fm.template.as_ref().map(|t| t.value.clone()),
        aliases: fm.aliases.iter().map(|a| a.value.clone()).collect(),
        reviewed: fm.reviewed.take(),
        sources: std::mem::take(&mut fm.sources),
        related: Vec::new(),
        extra: std::mem::take(&mut fm.extra),
        stages: std::mem::take(&mut fm.stages),
        side_effects: std::mem::take(&mut fm.side_effects),
        costs: std::mem::take(&mut fm.costs),
        image: fm.image.take(),
        gallery: std::mem::take(&mut fm.gallery),
        question: fm.question.take(),
        html: String::new(),
        headings: std::mem::take(&mut p.body.headings),
        body_links: std::mem::take(&mut p.body.site_links),
        word_count: p.body.word_count,
        backlinks: Vec::new(),
        translations: Vec::new(),
        readability: (!fm.skip_readability).then(|| std::mem::take(&mut p.body.readability)),
        conditions: std::mem::take(&mut fm.conditions),
    }
}

/// Gives every folder with pages a list page, even without an `_index.md`, and the site a
/// home page.
pub(super) fn add_section_pages(pages: &mut Pages, config: &Config) {
    let folders: Vec<String> = pages
        .list
        .iter()
        .filter(|p| p.kind != PageKind::Home)
        .map(|p| {
            if p.kind == PageKind::Section {
                p.path.clone()
            } else {
                p.section_path()
            }
        })
        .collect();
    for folder in folders {
        let mut f = folder;
        while f != "/" && !pages.by_path.contains_key(&f) {
            pages.by_path.insert(f.clone(), pages.list.len());
            pages
                .list
                .push(generated_page(&f, PageKind::Section, config));
            let trimmed = f.trim_end_matches('/');
            f = trimmed[..=trimmed.rfind('/').unwrap_or(0)].to_string();
        }
    }
    if !pages.by_path.contains_key("/") {
        pages.by_path.insert("/".to_string(), pages.list.len());
        let mut home = generated_page("/", PageKind::Home, config);
        home.title = config.title.clone();
        home.description = config.description.clone();
        pages.list.push(home);
    }
}

fn generated_page(path: &str, kind: PageKind, config: &Config) -> Page {
    Page {
        source: String::new(),
        display_path: PathBuf::new(),
        kind,
        path: path.to_string(),
        title: default_section_title(path, config),
        description: String::new(),
        summary: String::new(),
        date: None,
        updated: None,
        translation_of: None,
        translation_outdated: false,
        weight: 0,
        topics: Vec::new(),
        tags: Vec::new(),
        template: None,
        aliases: Vec::new(),
        reviewed: None,
        sources: Vec::new(),
        related: Vec::new(),
        extra: serde_json::Value::Null,
        stages: Vec::new(),
        side_effects: Vec::new(),
        costs: Vec::new(),
        image: None,
        gallery: Vec::new(),
        question: None,
        html: String::new(),
        headings: Vec::new(),
        body_links: Vec::new(),
        word_count: 0,
        backlinks: Vec::new(),
        translations: Vec::new(),
        readability: None,
        conditions: Vec::new(),
    }
}

/// "Articles" for `/articles/`, "FAQ" for `/faq/`.
fn default_section_title(path: &str, config: &Config) -> String {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if last.is_empty() {
        return config.title.clone();
    }
    if last.len() <= 3 {
        return last.to_uppercase();
    }
    let words = last.replace(['-', '_'], " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Cuts text at a word boundary near `max` characters, adding an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_at_words() {
        assert_eq!(shorten("one two three", 9), "one two…");
        assert_eq!(shorten("short", 9), "short");
    }
}
