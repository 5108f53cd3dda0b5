//! The quick path for the commonest edit: a writer changes the text of a page and nothing
//! else. When the saved files' front matter, headings, links and summary are exactly as
//! before, no other page can show a difference, so only these pages are rendered again,
//! with the FAQ list (it shows every answer) and the feed (it carries full text). The
//! search index is made again on first request. Anything else takes the full path.

use std::path::PathBuf;
use std::sync::Arc;

use super::sources::SourceCache;
use super::{same_entry, Entry, LazyFile, Rebuild, Rebuilder, SiteFiles};
use crate::diagnostics::Diagnostic;
use crate::parse::ParsedPage;
use crate::render::{ContentPages, Finish};
use crate::resolve;
use crate::resolve::model::{PageKind, Site};
use crate::{config, load::theme, render::feeds, render::search};

/// More changed files than this is a checkout or a search-and-replace: the full path's
/// parallel load is then the faster one.
const MAX_FILES: usize = 16;

/// What the last good full build resolved, for quick rebuilds to start from.
pub(super) struct Snapshot {
    pub site: Arc<Site>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Rebuilder {
    /// Rebuilds after text-only edits; `None` (with nothing changed) when the edit needs
    /// the full path. `reported` lists every file that changed, when a watcher knows.
    pub(super) fn quick(&mut self, reported: Option<&[PathBuf]>) -> Option<Rebuild> {
        let snap = self.snapshot.as_ref()?;
        let last = self.last.clone()?;
        let root = &self.opts.root;
        let mut config = config::load(root, self.opts.base_url.as_deref()).ok()?;
        config.drafts = self.opts.drafts || config.drafts;
        if format!("{config:?}") != format!("{:?}", snap.site.config) {
            return None;
        }
        let theme = theme::load(root, &config.theme).ok()?;
        if !self.caches.same_inputs(&config, &theme) {
            return None;
        }
        let templates = self.caches.compiled()?;
        let changed = match reported {
            Some(paths) => self.caches.sources.reported_changes(root, paths)?,
            None => self.caches.sources.changed_files(root)?,
        };
        if changed.len() > MAX_FILES {
            return None;
        }
        if changed.is_empty() {
            self.caches.rendered = 0;
            return Some(Rebuild {
                diagnostics: snap.diagnostics.clone(),
                site: Some(last),
                changed: Vec::new(),
                reparsed: 0,
                rendered: 0,
                quick: true,
            });
        }

        let mut site: Site = (*snap.site).clone();
        let mut targets = Vec::with_capacity(changed.len() + 1);
        let mut parsed = Vec::with_capacity(changed.len());
        let mut faq_changed = false;
        for path in changed {
            let old = self.caches.sources.clean_page(&path)?;
            let (new, stamp) =
                SourceCache::parse_clean(root, &path, &config, crate::build::parse_page)?;
            if !same_outline(old, &new) {
                return None;
            }
            let i = site.pages.iter().position(|p| p.source == new.file.path)?;
            let html = resolve::body_html(&site, &new)?;
            let page = Arc::make_mut(&mut site.pages[i]);
            page.html = html;
            page.word_count = new.body.word_count;
            faq_changed |= page.kind == PageKind::Faq;
            targets.push(i);
            parsed.push((path, new, stamp));
        }

        let pages = ContentPages::for_theme(&site, &templates, &theme);
        if faq_changed {
            if let Some(i) = pages.faq_index().and_then(|p| site.page_at(p)) {
                if !targets.contains(&i) {
                    targets.push(i);
                }
            }
        }
        let mut files = Vec::with_capacity(targets.len() + 1);
        for &i in &targets {
            // A template that fails on the new text is reported by the full path.
            let Ok(Some(Ok(file))) = pages.render(&site.pages[i], None) else {
                return None;
            };
            files.push(file);
        }
        drop(pages);
        let finish = Finish::new(&site.config, &theme);
        for f in &mut files {
            finish.apply(f);
        }
        files.push(feeds::atom(&site));

        // Nothing failed: keep what was read and publish the new site.
        let site = Arc::new(site);
        let mut entries = last.entries.clone();
        let rendered = files.len();
        let mut fresh = Vec::with_capacity(files.len() + 1);
        for f in files {
            fresh.push(f.path.clone());
            entries.insert(f.path, Entry::Ready(Arc::from(f.bytes)));
        }
        if entries.contains_key(search::INDEX_FILE) {
            let of = site.clone();
            let index = LazyFile::new(move || search::index_bytes(&of));
            index.make_in_background();
            entries.insert(search::INDEX_FILE.to_string(), Entry::Lazy(index));
            fresh.push(search::INDEX_FILE.to_string());
        }
        let new = Arc::new(SiteFiles {
            entries,
            output_dir: last.output_dir.clone(),
        });
        let changed = changed_files(&last, &new, &fresh);
        let reparsed = parsed.len();
        for (path, page, stamp) in parsed {
            self.caches.sources.keep(path, page, stamp);
        }
        let diagnostics = snap.diagnostics.clone();
        self.snapshot = Some(Snapshot {
            site,
            diagnostics: diagnostics.clone(),
        });
        self.caches.rendered = rendered;
        self.last = Some(new.clone());
        Some(Rebuild {
            diagnostics,
            changed,
            site: Some(new),
            reparsed,
            rendered,
            quick: true,
        })
    }
}

/// True when `new` differs from `old` only in what shows on its own page: the text of its
/// body. Front matter, headings, links and the summary taken from the first paragraph
/// appear on other pages or decide what they link to.
fn same_outline(old: &ParsedPage, new: &ParsedPage) -> bool {
    let (a, b) = (&old.body, &new.body);
    old.file.path == new.file.path
        && a.headings == b.headings
        && a.links.len() == b.links.len()
        && a.links
            .iter()
            .zip(&b.links)
            .all(|(x, y)| x.written == y.written && x.target == y.target)
        && resolve::summary(&old.front_matter, a) == resolve::summary(&new.front_matter, b)
        && format!("{:?}", old.front_matter) == format!("{:?}", new.front_matter)
}

/// The files among `fresh` (the only ones made again) whose bytes differ from `old`'s.
fn changed_files(old: &SiteFiles, new: &SiteFiles, fresh: &[String]) -> Vec<String> {
    let mut changed: Vec<String> = fresh
        .iter()
        .filter(|p| match (old.entries.get(*p), new.entries.get(*p)) {
            (Some(a), Some(b)) => !same_entry(a, b),
            _ => true,
        })
        .cloned()
        .collect();
    changed.sort();
    changed
}
