//! Site search without a server: `/search/` (the `search.html` template) and
//! `/search-index.json`, built from the resolved site after rendering; with relative URLs
//! also `/search-index.js`, the same index as a script, for a site opened from disk.
//!
//! The index is our own compact format (see [`index`]) rather than Pagefind's: one small
//! file is cheaper to build and, for a clinic-sized site, smaller to download than
//! Pagefind's fragments plus its runtime (numbers in `docs/templates.md`).

pub(crate) mod index;

use serde::Serialize;
use tera::Context;

use crate::diagnostics::Diagnostic;
use crate::paths::SEARCH_PAGE as PAGE_PATH;
use crate::render::context::{self, SiteView};
use crate::render::generated;
use crate::render::OutputFile;
use crate::render::Templates;
use crate::resolve::model::Site;

/// Output path of the index.
pub(crate) const INDEX_FILE: &str = "search-index.json";
/// Output path of the index as a script (relative URLs only): `fetch` cannot read files
/// from `file://`, a `<script>` can.
const INDEX_SCRIPT_FILE: &str = "search-index.js";
/// The theme static file that runs the search.
pub(crate) const SCRIPT_FILE: &str = "search.js";
/// The template of the search page.
pub(crate) const TEMPLATE: &str = "search.html";

/// `search` on the search page.
#[derive(Debug, Serialize)]
struct SearchView {
    /// URL of `search-index.json`.
    index_url: String,
    /// URL of `search.js`.
    script_url: String,
    /// URL of `search-index.js`, when the site is built with relative URLs.
    index_script_url: Option<String>,
}

/// The search index of `site`, as written to [`INDEX_FILE`].
pub(crate) fn index_bytes(site: &Site) -> Vec<u8> {
    index::to_json(site)
}

/// Renders the search page and makes the index, handing both to `sink`. `stylesheet` is
/// the stylesheet's URL. Returns the problems found (a missing template).
pub(crate) fn add_outputs(
    site: &Site,
    templates: &Templates,
    stylesheet: String,
    languages: Option<&super::languages::Languages>,
    sink: &dyn crate::render::Sink,
) -> Vec<Diagnostic> {
    let c = &site.config;
    let page_file = crate::render::html_file(PAGE_PATH);
    if let Err(d) = templates.require(TEMPLATE) {
        return vec![d.help(
            "add `templates/search.html` to the theme; the bundled clinic theme has one to copy",
        )];
    }
    let url = c.url(PAGE_PATH);
    let words = templates.words(c);
    let title = words.get("search_title");
    let description = words.with("search_description", &[("site", &c.title)]);
    let view = generated::page_view(
        site,
        &words,
        "search",
        PAGE_PATH,
        PAGE_PATH,
        &title,
        &description,
    );
    let mut ctx = Context::new();
    ctx.insert("site", &SiteView::new(site, stylesheet).for_page(&url));
    ctx.insert("page", &view);
    ctx.insert("pages", &Vec::<context::ListItem>::new());
    if let Some(languages) = languages {
        let key = super::languages::page_key("", PAGE_PATH);
        super::job::insert_languages(&mut ctx, languages, &c.language, &key);
    }
    ctx.insert(
        "search",
        &SearchView {
            index_url: c.url(INDEX_FILE),
            script_url: format!("{}{SCRIPT_FILE}", c.static_path),
            index_script_url: c.relative_urls.then(|| c.url(INDEX_SCRIPT_FILE)),
        },
    );
    match templates.render(TEMPLATE, &ctx, &url) {
        Ok(html) => sink.put(OutputFile {
            path: page_file,
            bytes: html.into_bytes(),
        }),
        Err(d) => return vec![d],
    }
    let index = index_bytes(site);
    if c.relative_urls {
        sink.put(OutputFile {
            path: INDEX_SCRIPT_FILE.to_string(),
            bytes: index_script(c, &index),
        });
    }
    sink.put(OutputFile {
        path: INDEX_FILE.to_string(),
        bytes: index,
    });
    Vec::new()
}

/// The index (`json`) as a script that sets `window.pigmentSearchIndex`, its results' URLs
/// relative to the search page of `c`'s language, which loads it.
fn index_script(c: &crate::config::Config, json: &[u8]) -> Vec<u8> {
    let page = c.url(PAGE_PATH);
    let page_file = crate::render::html_file(page.strip_prefix(&c.static_path).unwrap_or(""));
    let site = super::relative::SitePlace::of(c);
    let from = super::relative::Relative {
        site: &site,
        file: &page_file,
    };
    let mut index: serde_json::Value = serde_json::from_slice(json).unwrap_or_default();
    // A row is `[kind, title, url, excerpt, page]`.
    for doc in index["docs"].as_array_mut().into_iter().flatten() {
        if let Some(url) = doc.get_mut(2) {
            if let Some(relative) = url.as_str().and_then(|u| from.url(u)) {
                *url = relative.into();
            }
        }
    }
    format!("window.pigmentSearchIndex = {index};\n").into_bytes()
}
