//! Stage 3, resolve: URLs for every page, links rewritten and checked, related pages,
//! backlinks, tags, and section pages for folders.

pub(crate) mod checks;
pub(crate) mod crosslinks;
pub(crate) mod model;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::{did_you_mean, Diagnostic, Location};
use crate::load::SourceFile;
use crate::parse::frontmatter::FrontMatter;
use crate::parse::markdown::{self, Body, LinkTarget, LINK_PLACEHOLDER};
use crate::parse::ParsedPage;
use crate::paths::{alias_output_path, site_path};
use crate::resolve::model::{Page, PageKind, Site, Tag};

/// The URL segment of a tag: its words, lowercased and joined by `-`.
pub(crate) fn tag_slug(tag: &str) -> String {
    markdown::slugify(tag)
}

fn is_faq_path(path: &str) -> bool {
    path.starts_with("faq/") && !path.ends_with("/_index.md")
}

/// True when `file` holds one FAQ.
pub(crate) fn is_faq(file: &SourceFile) -> bool {
    is_faq_path(&file.path) && file.path.matches('/').count() == 1
}

/// Resolves parsed pages into the site model. Drafts are dropped unless `drafts`.
/// `unloaded` holds the content paths of files that exist but failed to load: their own
/// error is the one reported, so links to them are not reported again as missing pages.
pub fn resolve(
    config: Config,
    parsed: Vec<ParsedPage>,
    drafts: bool,
    unloaded: &HashSet<String>,
) -> (Site, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let draft_paths: HashSet<String> = parsed
        .iter()
        .filter(|p| p.front_matter.draft && !drafts)
        .map(|p| p.file.path.clone())
        .collect();
    // Files whose own error was reported: a link to one is not a second problem.
    let mut reported = unloaded.clone();
    let parsed: Vec<ParsedPage> = parsed
        .into_iter()
        .filter(|p| drafts || !p.front_matter.draft)
        .collect();

    // URLs, and the pages that claim the same one.
    let mut by_path: BTreeMap<String, usize> = BTreeMap::new();
    let mut pages: Vec<Page> = Vec::with_capacity(parsed.len());
    let mut kept: Vec<bool> = Vec::with_capacity(parsed.len());
    let mut parsed = parsed;
    for p in parsed.iter_mut() {
        let fm = &mut p.front_matter;
        let path = site_path(&p.file.path, fm.slug.as_ref().map(|s| s.value.as_str()));
        let kind = if p.file.path == "_index.md" {
            PageKind::Home
        } else if p.file.is_index() {
            PageKind::Section
        } else if is_faq(&p.file) {
            PageKind::Faq
        } else {
            PageKind::Article
        };
        let title = fm
            .title
            .clone()
            .unwrap_or_else(|| default_section_title(&path, &config));
        let description = fm.description.clone().unwrap_or_default();
        let summary = summary(fm, &p.body);
        if let Some(&other) = by_path.get(&path) {
            let other: &Page = &pages[other];
            problems.push(
                Diagnostic::error("P0304", format!("two pages have the URL `{path}`"))
                    .at(fm.slug.as_ref().map_or_else(
                        || Location::file_only(&p.file.display_path),
                        |s| s.location.clone(),
                    ))
                    .also(
                        "this page has the same URL",
                        Location::file_only(&other.display_path),
                    )
                    .help("rename one file or give it another `slug`"),
            );
            reported.insert(p.file.path.clone());
            kept.push(false);
            continue;
        }
        by_path.insert(path.clone(), pages.len());
        kept.push(true);
        pages.push(Page {
            source: p.file.path.clone(),
            display_path: p.file.display_path.clone(),
            kind,
            path,
            title,
            description,
            summary,
            date: fm.date,
            updated: fm.updated,
            weight: fm.weight,
            // Moved, not copied: only `related`, `aliases` and `slug` are read again below.
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
            question: fm.question.take(),
            html: String::new(),
            headings: std::mem::take(&mut p.body.headings),
            word_count: p.body.word_count,
            backlinks: Vec::new(),
        });
    }
    // Parsed pages that lost a URL clash have no Page; keep the two lists in step.
    let mut kept = kept.into_iter();
    let mut parsed: Vec<ParsedPage> = parsed
        .into_iter()
        .filter(|_| kept.next().unwrap_or(false))
        .collect();

    // Every folder with pages gets a list page, even without an `_index.md`.
    let folders: Vec<String> = pages
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
        let mut f = folder.clone();
        while f != "/" && !by_path.contains_key(&f) {
            by_path.insert(f.clone(), pages.len());
            pages.push(generated_page(&f, PageKind::Section, &config));
            let trimmed = f.trim_end_matches('/');
            f = trimmed[..=trimmed.rfind('/').unwrap_or(0)].to_string();
        }
    }
    if !by_path.contains_key("/") {
        by_path.insert("/".to_string(), pages.len());
        let mut home = generated_page("/", PageKind::Home, &config);
        home.title = config.title.clone();
        home.description = config.description.clone();
        pages.push(home);
    }

    let by_source: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.source.is_empty())
        .map(|(i, p)| (p.source.clone(), i))
        .collect();
    let mut sources: Vec<&str> = by_source.keys().map(String::as_str).collect();
    sources.sort_unstable();
    let targets = Targets {
        drafts: &draft_paths,
        reported: &reported,
        sources: &sources,
    };

    // Links in bodies.
    let mut htmls = Vec::with_capacity(parsed.len());
    let mut backlinks: Vec<(usize, usize)> = Vec::new();
    for p in parsed.iter_mut() {
        let from = by_source[p.file.path.as_str()];
        let links = std::mem::take(&mut p.body.links);
        let mut urls = Vec::with_capacity(links.len());
        for link in &links {
            let url = match &link.target {
                LinkTarget::SamePage { fragment } => {
                    check_fragment(&pages[from], fragment, link, &mut problems);
                    format!("#{fragment}")
                }
                LinkTarget::OutsideContent => {
                    problems.push(
                        Diagnostic::error("P0301", format!("link `{}` points outside `content/`", link.written))
                            .at(link.location.clone())
                            .help("link to a markdown file inside `content/`, e.g. `../faq/does-it-hurt.md`"),
                    );
                    String::new()
                }
                LinkTarget::Page { path, fragment } => match by_source.get(path.as_str()) {
                    Some(&to) => {
                        if to != from {
                            backlinks.push((to, from));
                        }
                        let mut url = config.url(&pages[to].path);
                        if let Some(fragment) = fragment {
                            check_fragment(&pages[to], fragment, link, &mut problems);
                            url.push('#');
                            url.push_str(fragment);
                        }
                        url
                    }
                    None => {
                        problems.extend(targets.missing_page(
                            path,
                            &link.written,
                            link.location.clone(),
                        ));
                        String::new()
                    }
                },
            };
            urls.push(url);
        }
        // The body with placeholders is not needed again: freed page by page, not at the end.
        let html = std::mem::take(&mut p.body.html);
        let mut filled = fill_links(&html, &urls);
        filled.shrink_to_fit();
        htmls.push((from, filled));
    }
    for (i, html) in htmls {
        pages[i].html = html;
    }
    backlinks.sort_unstable();
    backlinks.dedup();
    for (to, from) in backlinks {
        pages[to].backlinks.push(from);
    }

    // `related` front matter.
    for p in &parsed {
        let from = by_source[p.file.path.as_str()];
        let mut related = Vec::new();
        for r in &p.front_matter.related {
            let target = markdown::resolve_content_path(
                &p.file.path,
                r.value.split('#').next().unwrap_or(""),
            );
            match target.as_deref().and_then(|t| by_source.get(t)) {
                Some(&to) if to != from => {
                    if !related.contains(&to) {
                        related.push(to);
                    }
                }
                Some(_) => problems.push(
                    Diagnostic::error("P0303", "a page cannot be related to itself")
                        .at(r.location.clone())
                        .help("remove this entry from `related`"),
                ),
                None => {
                    let target = target.unwrap_or_default();
                    if let Some(mut d) = targets.missing_page(&target, &r.value, r.location.clone())
                    {
                        d.code = "P0303";
                        d.message = format!("`related` entry `{}` is not a content file", r.value);
                        problems.push(d);
                    }
                }
            }
        }
        pages[from].related = related;
    }

    // Aliases must not land on a page or on each other.
    let mut alias_files: HashMap<String, usize> = HashMap::new();
    for p in &parsed {
        let i = by_source[p.file.path.as_str()];
        for a in &p.front_matter.aliases {
            let Some(file) = alias_output_path(&a.value) else {
                continue;
            };
            let as_path = format!("/{}", file.trim_end_matches("index.html"));
            if by_path.contains_key(&as_path) || alias_files.insert(file, i).is_some() {
                // Dropped so the clash is reported once, not again as two outputs.
                pages[i].aliases.retain(|x| x != &a.value);
                problems.push(
                    Diagnostic::error(
                        "P0305",
                        format!("alias `{}` is already a page or another alias", a.value),
                    )
                    .at(a.location.clone())
                    .help("an alias must be an old URL that no page uses now"),
                );
            }
        }
    }

    // Template names must exist; checked in render, where templates are known.

    // Tags.
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, p) in pages.iter().enumerate() {
        for t in &p.tags {
            let slug = tag_slug(t);
            if slug.is_empty() {
                continue;
            }
            let entry = tags.entry(slug.clone()).or_insert_with(|| Tag {
                name: t.clone(),
                slug,
                pages: Vec::new(),
            });
            // Pages come in index order, so a repeat can only be the last one.
            if entry.pages.last() != Some(&i) {
                entry.pages.push(i);
            }
        }
    }

    // Sort pages by path and remap every index.
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| pages[a].path.cmp(&pages[b].path));
    let mut new_index = vec![0; pages.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    // Moved, not cloned: a copy of every page body doubles memory on large sites.
    let mut slots: Vec<Option<Page>> = pages.into_iter().map(Some).collect();
    let mut sorted: Vec<Page> = order.iter().filter_map(|&i| slots[i].take()).collect();
    for p in &mut sorted {
        for r in p.related.iter_mut().chain(p.backlinks.iter_mut()) {
            *r = new_index[*r];
        }
        p.backlinks.sort_unstable();
    }
    let mut site = Site {
        config,
        pages: sorted.into_iter().map(Arc::new).collect(),
        tags: tags.into_values().collect(),
    };
    for t in &mut site.tags {
        for i in &mut t.pages {
            *i = new_index[*i];
        }
    }
    let tag_list = std::mem::take(&mut site.tags);
    let tag_list = tag_list
        .into_iter()
        .map(|mut t| {
            site.sort_for_list(&mut t.pages);
            t
        })
        .collect();
    site.tags = tag_list;
    (site, problems)
}

/// A page's list summary: `summary`, else `description`, else the start of its first
/// paragraph.
pub(crate) fn summary(fm: &FrontMatter, body: &Body) -> String {
    fm.summary
        .clone()
        .or_else(|| fm.description.clone())
        .unwrap_or_else(|| shorten(&body.first_paragraph, 200))
}

/// The body of `parsed`, a page of `site`, with its links filled in as [`resolve`]
/// does; `None` when a link would not resolve cleanly (a full resolve then reports it).
pub(crate) fn body_html(site: &Site, parsed: &ParsedPage) -> Option<String> {
    let has_heading = |p: &Page, id: &str| p.headings.iter().any(|h| h.id == id);
    let mut urls = Vec::with_capacity(parsed.body.links.len());
    for link in &parsed.body.links {
        let url = match &link.target {
            LinkTarget::SamePage { fragment } => {
                if !parsed.body.headings.iter().any(|h| &h.id == fragment) {
                    return None;
                }
                format!("#{fragment}")
            }
            LinkTarget::OutsideContent => return None,
            LinkTarget::Page { path, fragment } => {
                let to = site.pages.iter().position(|p| p.source == *path)?;
                let target: &Page = &site.pages[to];
                let mut url = site.config.url(&target.path);
                if let Some(fragment) = fragment {
                    if !has_heading(target, fragment) {
                        return None;
                    }
                    url.push('#');
                    url.push_str(fragment);
                }
                url
            }
        };
        urls.push(url);
    }
    Some(fill_links(&parsed.body.html, &urls))
}

fn check_fragment(
    target: &Page,
    fragment: &str,
    link: &markdown::ContentLink,
    problems: &mut Vec<Diagnostic>,
) {
    if target.headings.iter().any(|h| h.id == fragment) {
        return;
    }
    let ids: Vec<&str> = target.headings.iter().map(|h| h.id.as_str()).collect();
    let help = match did_you_mean(fragment, ids.iter().copied()) {
        Some(s) => format!("did you mean `#{s}`?"),
        None if ids.is_empty() => {
            "the page has no headings; link to the page without `#…`".to_string()
        }
        None => format!("the page's heading ids are: {}", ids.join(", ")),
    };
    problems.push(
        Diagnostic::error(
            "P0302",
            format!(
                "`{}` has no heading `#{fragment}`",
                target.display_path.display()
            ),
        )
        .at(link.location.clone())
        .label("broken anchor")
        .help(help),
    );
}

/// What a link that matches no page may point at instead.
struct Targets<'a> {
    /// Drafts left out of this build.
    drafts: &'a HashSet<String>,
    /// Files that exist but whose own error was reported (failed to load, lost a URL clash).
    reported: &'a HashSet<String>,
    /// Every page's content path, sorted, for suggestions.
    sources: &'a [&'a str],
}

impl Targets<'_> {
    /// The problem with a link to `path`, which is no page of the site; `None` when the
    /// file's own error already says what is wrong.
    fn missing_page(&self, path: &str, written: &str, location: Location) -> Option<Diagnostic> {
        if self.reported.contains(path) {
            return None;
        }
        if self.drafts.contains(path) {
            return Some(Diagnostic::error("P0301", format!("link `{written}` points to a draft"))
                .at(location)
                .help("publish the target (remove `draft: true`), build with `--drafts`, or remove the link"));
        }
        let help = match did_you_mean(path, self.sources.iter().copied()) {
            Some(s) => format!("did you mean `content/{s}`? Paths are relative to this file, or to `content/` when they start with `/`"),
            None => "link to an existing file; paths are relative to this file, or to `content/` when they start with `/`".to_string(),
        };
        Some(
            Diagnostic::error("P0301", format!("link to a missing page: `{written}`"))
                .at(location)
                .label(format!("no file content/{path}"))
                .help(help),
        )
    }
}

/// Replaces `pigment-link:N` placeholders with their URLs.
fn fill_links(html: &str, urls: &[String]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let needle = format!("href=\"{LINK_PLACEHOLDER}");
    while let Some(i) = rest.find(&needle) {
        out.push_str(&rest[..i]);
        out.push_str("href=\"");
        let after = &rest[i + needle.len()..];
        let digits = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        let url = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| urls.get(n));
        match url {
            Some(url) => out.push_str(&escape_attr(url)),
            None => out.push_str(&after[..digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
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
        question: None,
        html: String::new(),
        headings: Vec::new(),
        word_count: 0,
        backlinks: Vec::new(),
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
pub(crate) fn shorten(text: &str, max: usize) -> String {
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
    fn site_paths() {
        assert_eq!(
            site_path("articles/recovery.md", None),
            "/articles/recovery/"
        );
        assert_eq!(
            site_path("articles/recovery.md", Some("after")),
            "/articles/after/"
        );
        assert_eq!(site_path("articles/_index.md", None), "/articles/");
        assert_eq!(site_path("_index.md", None), "/");
        assert_eq!(site_path("about.md", None), "/about/");
    }

    #[test]
    fn aliases() {
        assert_eq!(
            alias_output_path("/old/page/").as_deref(),
            Some("old/page/index.html")
        );
        assert_eq!(alias_output_path("/old.html").as_deref(), Some("old.html"));
        assert_eq!(alias_output_path("/../etc/"), None);
        assert_eq!(alias_output_path("old/"), None);
        assert_eq!(alias_output_path("https://x/"), None);
        assert_eq!(alias_output_path("/"), None);
    }

    #[test]
    fn placeholders_fill() {
        let html = "<a href=\"pigment-link:0\">a</a><a href=\"pigment-link:1\">b</a>";
        let urls = vec!["/a/#x".to_string(), "/b/?q=\"".to_string()];
        assert_eq!(
            fill_links(html, &urls),
            "<a href=\"/a/#x\">a</a><a href=\"/b/?q=&quot;\">b</a>"
        );
    }

    #[test]
    fn shortens_at_words() {
        assert_eq!(shorten("one two three", 9), "one two…");
        assert_eq!(shorten("short", 9), "short");
    }
}
