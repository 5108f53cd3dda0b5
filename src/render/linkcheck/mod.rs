//! The check of every internal link of the built site: each HTML file is scanned as it
//! passes to the write stage (its URLs and ids), and once every file is known — pages,
//! static files, image variants — each URL into the site must name a written file, and its
//! `#fragment` an id of that page. A broken link is reported where it is written: in the
//! markdown body, in `site.toml`, or in the template that produced it.

mod numbers;
mod report;
mod scan;
mod target;

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Mutex;

use super::{OutputFile, Templates};
use crate::diagnostics::Diagnostic;
use crate::resolve::model::Site;
use numbers::Urls;

/// The URLs an HTML fragment links to, sorted, each once: what a quick rebuild compares
/// to tell whether an edit can change the link check's result.
pub(crate) fn urls_of(html: &str) -> Vec<String> {
    let mut urls: Vec<String> = scan::scan(html.as_bytes())
        .urls
        .into_iter()
        .map(Cow::into_owned)
        .collect();
    urls.sort_unstable();
    urls.dedup();
    urls
}

/// True for the codes of this check.
pub(crate) fn is_link_check_code(code: &str) -> bool {
    [
        crate::diagnostics::code::LINK_TARGET_MISSING,
        crate::diagnostics::code::LINK_FRAGMENT_MISSING,
        crate::diagnostics::code::LINK_OUTSIDE_SITE,
    ]
    .contains(&code)
}

/// Set to switch the check off, for benchmarks that measure what it costs.
const OFF_VAR: &str = "PIGMENT_BENCH_NO_LINK_CHECK";

/// What the HTML files of one build link to, gathered as they pass.
pub(crate) struct LinkCheck {
    enabled: bool,
    scanned: Mutex<Vec<(String, PageLinks)>>,
    /// One copy of each URL: most are on every page (menu, footer, lists).
    urls: numbers::Numbering,
}

/// What one HTML file links to (each URL once, by number) and its ids.
pub(super) struct PageLinks {
    /// The numbers of its URLs in [`Urls`], sorted.
    urls: Vec<u32>,
    /// Every `id` (and `<a name>`).
    ids: scan::Ids,
}

impl Default for LinkCheck {
    fn default() -> LinkCheck {
        LinkCheck {
            enabled: std::env::var_os(OFF_VAR).is_none(),
            scanned: Mutex::new(Vec::new()),
            urls: numbers::Numbering::default(),
        }
    }
}

impl LinkCheck {
    /// Scans `file` when it is an HTML page.
    pub(crate) fn scan(&self, file: &OutputFile) {
        self.scan_bytes(&file.path, &file.bytes);
    }

    /// Scans the file at output path `path` when it is an HTML page.
    pub(crate) fn scan_bytes(&self, path: &str, bytes: &[u8]) {
        if !self.enabled || !path.ends_with(".html") {
            return;
        }
        let found = scan::scan(bytes);
        let mut urls = self.urls.numbers(&found.urls);
        // A URL written twice on a page is checked once.
        urls.sort_unstable();
        urls.dedup();
        let found = PageLinks {
            urls,
            ids: found.ids.shrunk(),
        };
        self.scanned
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path.to_string(), found));
    }

    /// Every broken internal link of the build whose files are `written`, the languages'
    /// sites being `sites` (the default language's first). A link to a path of `reported`
    /// (a file found missing, and said so, before rendering) is not reported again.
    pub(crate) fn check(
        self,
        written: &HashSet<String>,
        reported: &HashSet<String>,
        sites: &[&Site],
        templates: &Templates,
    ) -> Vec<Diagnostic> {
        if !self.enabled || sites.is_empty() {
            return Vec::new();
        }
        let mut scanned = self
            .scanned
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        scanned.sort_by(|a, b| a.0.cmp(&b.0));
        let urls = self.urls.into_urls();
        report::Report::new(written, reported, (&scanned, &urls), sites, templates).problems()
    }
}
