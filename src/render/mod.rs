//! Stage 4, render: every page through its Tera template, in parallel, into an in-memory
//! list of output files. Nothing is written here.

pub(crate) mod context;
pub(crate) mod feeds;
pub(crate) mod health_pages;
pub(crate) mod images;
pub(crate) mod jsonld;
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

mod clash;
mod content;
mod finish;
mod generated;
mod job;
mod redirects;
mod sink;
mod statics;
mod templates;
mod translate;

pub(crate) use clash::output_clash;
pub(crate) use content::ContentPages;
pub(crate) use finish::Finish;
pub(crate) use sink::{Collect, PageMemo, Sink};
pub(crate) use statics::stylesheet_url;
pub(crate) use templates::Templates;

/// Output file of a site path: `/a/b/` → `a/b/index.html`.
pub(crate) fn html_file(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

/// [`render`] into `sink`, leaving out the pages `memo` already has. Returns the problems
/// found; a file whose template failed is not handed over.
pub(crate) fn render_with(
    site: &Site,
    theme: &Theme,
    templates: &Templates,
    memo: Option<&dyn PageMemo>,
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
    // Once per language and build, whatever the pages ask for.
    let missing_words = theme.messages.missing(&site.config.language);
    let (statics, stylesheet) = statics::static_files(&site.config, theme);
    for f in statics {
        sink.put(f);
    }
    let pages = ContentPages::new(site, templates, stylesheet);
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
    site_files(site, generated_paths, sink);
    problems.extend(missing_words);
    problems
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

/// The sitemap (of the content pages and the generated pages at `generated_paths`), the
/// feed and `robots.txt`.
fn site_files(site: &Site, generated_paths: Vec<String>, sink: &dyn Sink) {
    let c = &site.config;
    let mut html_paths: Vec<(String, Option<crate::dates::Date>)> = site
        .pages
        .iter()
        .map(|p| (p.path.clone(), p.last_modified()))
        .collect();
    html_paths.extend(generated_paths.into_iter().map(|p| (p, None)));
    sink.put(feeds::sitemap(c, &html_paths));
    sink.put(feeds::atom(site));
    sink.put(feeds::robots(c));
}
