//! The check of every internal link of the built site: each HTML file is scanned as it
//! passes to the write stage (its URLs and ids), and once every file is known — pages,
//! static files, image variants — each URL into the site must name a written file, and its
//! `#fragment` an id of that page. A broken link is reported where it is written: in the
//! markdown body, in `site.toml`, or in the template that produced it.

mod report;
mod scan;
mod target;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use super::{OutputFile, Templates};
use crate::diagnostics::Diagnostic;
use crate::resolve::model::Site;

/// The URLs an HTML fragment links to, in order: what a quick rebuild compares to tell
/// whether an edit can change the link check's result.
pub(crate) fn urls_of(html: &str) -> Vec<String> {
    scan::scan(html).urls
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
    interned: Mutex<HashSet<Arc<str>>>,
}

/// What one HTML file links to (each URL once) and its ids.
pub(super) struct PageLinks {
    /// The URLs, shared with every page that has them.
    pub(super) urls: Vec<Arc<str>>,
    /// Every `id` (and `<a name>`).
    pub(super) ids: HashSet<String>,
}

impl Default for LinkCheck {
    fn default() -> LinkCheck {
        LinkCheck {
            enabled: std::env::var_os(OFF_VAR).is_none(),
            scanned: Mutex::new(Vec::new()),
            interned: Mutex::new(HashSet::new()),
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
        let Ok(html) = std::str::from_utf8(bytes) else {
            return;
        };
        let found = scan::scan(html);
        let urls = {
            let mut interned = self
                .interned
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            found
                .urls
                .into_iter()
                .map(|u| match interned.get(u.as_str()) {
                    Some(known) => known.clone(),
                    None => {
                        let new: Arc<str> = Arc::from(u);
                        interned.insert(new.clone());
                        new
                    }
                })
                .collect()
        };
        let found = PageLinks {
            urls,
            ids: found.ids,
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
        report::Report::new(written, reported, &scanned, sites, templates).problems()
    }
}
