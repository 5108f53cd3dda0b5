//! Alias redirects: a small page at each of a page's `aliases` that sends the visitor on.

use super::{OutputFile, Sink};
use crate::config::Config;
use crate::resolve::model::Site;
use crate::text::escape_html;

/// Hands `sink` a redirect page for every alias of every page.
pub(super) fn render(site: &Site, sink: &dyn Sink) {
    let c = &site.config;
    for p in &site.pages {
        for a in &p.aliases {
            if let Some(out) = crate::paths::alias_output_path(a) {
                sink.put(OutputFile {
                    path: out,
                    bytes: redirect_page(c, &c.url(&p.path), &p.title).into_bytes(),
                });
            }
        }
    }
}

/// A page at an old address pointing to `url`, for browsers and search engines.
fn redirect_page(c: &Config, url: &str, title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"canonical\" href=\"{url}\"><meta name=\"robots\" content=\"noindex\">\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\"></head>\
         <body><main><p>This page has moved to <a href=\"{url}\">{title}</a>.</p></main></body></html>\n",
        lang = escape_html(&c.language),
        title = escape_html(title),
        url = escape_html(url),
    )
}
