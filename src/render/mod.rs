//! Stage 4, render: every page through its Tera template, in parallel, into an in-memory
//! list of output files. Nothing is written here.

pub(crate) mod context;
pub(crate) mod feeds;
pub(crate) mod health_pages;
pub(crate) mod images;
pub(crate) mod jsonld;
mod linkcheck;
pub(crate) mod minify;
pub(crate) mod search;

/// One file of the built site, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated, no `..`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

use std::collections::HashSet;

use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::load::theme::Theme;
use crate::resolve::model::Site;

mod callouts;
mod clash;
mod content;
mod finish;
mod generated;
mod job;
mod languages;
mod redirects;
mod relative;
mod results;
mod sink;
mod statics;
mod templates;
mod translate;

pub(crate) use clash::output_clash;
pub(crate) use content::ContentPages;
pub(crate) use finish::Finish;
use languages::Languages;
pub(crate) use linkcheck::{is_link_check_code, urls_of, LinkCheck};
use sink::Prefixed;
pub(crate) use sink::{Collect, PageMemo, Sink};
pub(crate) use statics::stylesheet_url;
pub(crate) use templates::Templates;

/// Output file of a site path: `/a/b/` → `a/b/index.html`.
pub(crate) fn html_file(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

/// Renders every language's site (`sites`, the default language's first) into `sink`,
/// leaving out the pages `memo` already has: the static files and images once, then each language's
/// pages, generated pages, search page and feed (the other languages' under `/<code>/`),
/// then one sitemap of them all. Returns the problems found; a file whose template failed
/// is not handed over.
pub(crate) fn render_sites(
    sites: &[Site],
    theme: &Theme,
    templates: &Templates,
    memo: Option<&dyn PageMemo>,
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
    let Some(first) = sites.first() else {
        return Vec::new();
    };
    let images = images::SiteImages::new(&first.config.images, &theme.statics);
    let (statics, stylesheet) = statics::static_files(&first.config, theme, &images);
    for f in statics {
        sink.put(f);
    }
    let mut problems = images::image_files(&images, &theme.statics, sink);
    let languages = (sites.len() > 1).then(|| {
        let generated: Vec<Vec<String>> = sites.iter().map(|s| page_paths(s, templates)).collect();
        let refs: Vec<&Site> = sites.iter().collect();
        std::sync::Arc::new(Languages::new(&refs, &generated))
    });
    let mut html_paths = Vec::new();
    for site in sites {
        // Once per language and build, whatever the pages ask for.
        problems.extend(theme.messages.missing(&site.config.language));
        let out = Prefixed {
            prefix: language_folder(&site.config),
            sink,
            memo,
        };
        let memo = memo.map(|_| &out as &dyn PageMemo);
        let (p, generated) =
            render_language(site, templates, memo, &out, &stylesheet, languages.clone());
        problems.extend(p);
        problems.extend(search::add_outputs(
            site,
            templates,
            stylesheet.clone(),
            languages.as_deref(),
            &out,
        ));
        out.put(feeds::atom(site));
        html_paths.push(generated);
    }
    let c = &first.config;
    sink.put(feeds::sitemap_of(sites, html_paths, languages.as_deref()));
    sink.put(feeds::robots(c));
    problems
}

/// The folder of a language's files in the output: empty for the default language's,
/// `ur/` for Urdu's.
fn language_folder(c: &crate::config::Config) -> String {
    c.base_path
        .strip_prefix(&c.static_path)
        .unwrap_or("")
        .to_string()
}

/// The site paths a language has pages at: its content pages, generated pages and search
/// page.
fn page_paths(site: &Site, templates: &Templates) -> Vec<String> {
    let mut paths = generated::paths(site, templates);
    paths.push(crate::paths::SEARCH_PAGE.to_string());
    paths
}

/// One language's content and generated pages and redirects; returns the problems and the
/// generated pages' paths (for the sitemap).
fn render_language(
    site: &Site,
    templates: &Templates,
    memo: Option<&dyn PageMemo>,
    sink: &dyn Sink,
    stylesheet: &str,
    languages: Option<std::sync::Arc<Languages>>,
) -> (Vec<Diagnostic>, Vec<String>) {
    let pages =
        ContentPages::new(site, templates, stylesheet.to_string()).with_languages(languages);
    // A missing template is reported once per page kind; a failing one per location.
    let (mut problems, mut failed): (Vec<Diagnostic>, Vec<Diagnostic>) = pages
        .render_all(memo, sink)
        .into_iter()
        .partition(|d| d.code == code::TEMPLATE_NOT_FOUND);
    let (generated_failed, generated_paths) =
        generated::render(site, templates, memo, sink, &pages.site_values);
    failed.extend(generated_failed);
    problems.extend(once_per_place(failed));
    redirects::render(site, sink);
    (problems, generated_paths)
}

/// The failed renders, one per template location and message: a template that fails, fails
/// on every page that uses it.
fn once_per_place(failed: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: HashSet<String> = HashSet::new();
    failed
        .into_iter()
        .filter(|d| {
            let key = format!(
                "{}|{}",
                d.location
                    .as_ref()
                    .map(|l| l.to_string())
                    .unwrap_or_default(),
                d.message.split(" (rendering").next().unwrap_or("")
            );
            seen.insert(key)
        })
        .collect()
}
