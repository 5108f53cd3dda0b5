//! Site search without a server: `/search/` (the `search.html` template) and
//! `/search-index.json`, built from the resolved site after rendering.
//!
//! The index is our own compact format (see [`index`]) rather than Pagefind's: one small
//! file is cheaper to build and, for a clinic-sized site, smaller to download than
//! Pagefind's fragments plus its runtime (numbers in `docs/templates.md`).

pub mod index;

use serde::Serialize;
use tera::Context;

use crate::context::{self, LinkView, SiteView};
use crate::diagnostics::Diagnostic;
use crate::jsonld::{self, Subject};
use crate::model::Site;
use crate::output::OutputFile;
use crate::render::Templates;

/// Site path of the search page.
pub const PAGE_PATH: &str = "/search/";
/// Output path of the index.
pub const INDEX_FILE: &str = "search-index.json";
/// The theme static file that runs the search.
pub const SCRIPT_FILE: &str = "search.js";
/// The template of the search page.
pub const TEMPLATE: &str = "search.html";

/// `page` on the search page: the fields `base.html` and its partials read.
#[derive(Debug, Serialize)]
struct SearchPageView<'a> {
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    summary: &'a str,
    content: &'static str,
    url: String,
    permalink: String,
    breadcrumbs: Vec<LinkView>,
    jsonld: String,
}

/// `search` on the search page.
#[derive(Debug, Serialize)]
struct SearchView {
    /// URL of `search-index.json`.
    index_url: String,
    /// URL of `search.js`.
    script_url: String,
}

/// Adds the search page and index to the rendered `files`, keeping them sorted by path.
/// Returns the problems found (a missing template, a content page in the way).
pub fn add_outputs(
    site: &Site,
    templates: &Templates,
    files: &mut Vec<OutputFile>,
) -> Vec<Diagnostic> {
    let c = &site.config;
    let page_file = crate::render::html_file(PAGE_PATH);
    let mut problems = Vec::new();
    for taken in [page_file.as_str(), INDEX_FILE] {
        if files.iter().any(|f| f.path == taken) {
            problems.push(
                Diagnostic::error(
                    "P0306",
                    format!("two outputs would be written to `{taken}`"),
                )
                .help("the search page and index use this path; rename the content or static file"),
            );
        }
    }
    if !templates.has(TEMPLATE) {
        problems.push(
            Diagnostic::error("P0405", format!("template `{TEMPLATE}` not found"))
                .help("add `templates/search.html` to the theme; the bundled clinic theme has one to copy"),
        );
    }
    if !problems.is_empty() {
        return problems;
    }

    let stylesheet = files
        .iter()
        .find(|f| f.path.starts_with("style.") && f.path.ends_with(".css"))
        .map(|f| c.url(&f.path))
        .unwrap_or_default();
    let url = c.url(PAGE_PATH);
    let title = "Search";
    let description = format!("Search {}: articles, questions and topics.", c.title);
    let view = SearchPageView {
        kind: "search",
        title,
        description: &description,
        summary: &description,
        content: "",
        url: url.clone(),
        permalink: c.permalink(PAGE_PATH),
        breadcrumbs: context::breadcrumbs(site, PAGE_PATH),
        jsonld: jsonld::script(
            site,
            &Subject::Generated {
                path: PAGE_PATH,
                title,
                description: &description,
            },
            Vec::new(),
        ),
    };
    let mut ctx = Context::new();
    ctx.insert("site", &SiteView::new(site, stylesheet).for_page(&url));
    ctx.insert("page", &view);
    ctx.insert("pages", &Vec::<context::ListItem>::new());
    ctx.insert(
        "search",
        &SearchView {
            index_url: c.url(INDEX_FILE),
            script_url: c.url(SCRIPT_FILE),
        },
    );
    match templates.render(TEMPLATE, &ctx, &url) {
        Ok(html) => files.push(OutputFile {
            path: page_file,
            bytes: html.into_bytes(),
        }),
        Err(d) => return vec![d],
    }
    let docs = index::documents(site);
    files.push(OutputFile {
        path: INDEX_FILE.to_string(),
        bytes: index::to_json(&docs, &c.language),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    problems
}
