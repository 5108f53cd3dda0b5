//! The quick path for the commonest edit: a writer changes the text of a page and nothing
//! else. When the saved files' front matter, headings, links and summary are exactly as
//! before, no other page can show a difference, so only these pages are rendered again,
//! with the FAQ list (it shows every answer) and the feed (it carries full text). The
//! search index is made again on first request. Anything else takes the full path.

use std::path::PathBuf;
use std::sync::Arc;

use super::sources::{FileStamp, SourceCache};
use super::{same_entry, Entry, LazyFile, Rebuild, Rebuilder, SiteFiles};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::health::duration::Unit;
use crate::load::theme::Theme;
use crate::parse::frontmatter::FrontMatter;
use crate::parse::ParsedPage;
use crate::render::{ContentPages, Finish, OutputFile, Templates};
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

/// A page read again after a text-only edit: its file, what it parsed to, and its stamp.
type Reparsed = (PathBuf, ParsedPage, FileStamp);

impl Rebuilder {
    /// Rebuilds after text-only edits; `None` (with nothing changed) when the edit needs
    /// the full path. `reported` lists every file that changed, when a watcher knows.
    pub(super) fn quick(&mut self, reported: Option<&[PathBuf]>) -> Option<Rebuild> {
        let snap = self.snapshot.as_ref()?;
        // A broken link's line may move with the text: the full path places it again.
        if snap
            .diagnostics
            .iter()
            .any(|d| crate::render::is_link_check_code(d.code))
        {
            return None;
        }
        // With relative URLs the search index is also a script; the full path makes both.
        if snap.site.config.relative_urls {
            return None;
        }
        let last = self.last.clone()?;
        let (theme, templates) = self.same_settings(&snap.site.config)?;
        let changed = match reported {
            Some(paths) => self
                .caches
                .sources
                .reported_changes(&self.opts.root, paths)?,
            None => self.caches.sources.changed_files(&self.opts.root)?,
        };
        if changed.len() > MAX_FILES {
            return None;
        }
        if changed.is_empty() {
            self.caches.rendered = 0;
            return Some(quick_rebuild(
                snap.diagnostics.clone(),
                Vec::new(),
                last,
                0,
                0,
            ));
        }
        let mut site: Site = (*snap.site).clone();
        let (reparsed, mut targets) = self.reparse(&mut site, changed)?;
        let files = render_pages(&site, &templates, &theme, &mut targets)?;
        Some(self.publish(site, last, files, reparsed))
    }

    /// The theme and compiled templates, when the config, the theme and the templates are
    /// exactly what the last full build used (`config`).
    fn same_settings(&self, config: &Config) -> Option<(Theme, Arc<Templates>)> {
        let root = &self.opts.root;
        let mut now = config::load(root, self.opts.base_url.as_deref()).ok()?;
        self.opts.apply_to(&mut now);
        if now != *config {
            return None;
        }
        let theme = theme::load(root, &now.theme).ok()?;
        if !self.caches.same_inputs(&now, &theme) {
            return None;
        }
        Some((theme, self.caches.compiled()?))
    }

    /// Parses the `changed` files again and puts their new bodies into `site`; `None` when
    /// one changed more than its text. Also gives the indices of the pages to render again.
    fn reparse(&self, site: &mut Site, changed: Vec<PathBuf>) -> Option<(Vec<Reparsed>, ToRender)> {
        let root = &self.opts.root;
        let mut targets = ToRender::default();
        let mut reparsed = Vec::with_capacity(changed.len());
        for path in changed {
            let old = self.caches.sources.clean_page(&path)?;
            let (new, stamp) =
                SourceCache::parse_clean(root, &path, &site.config, crate::build::parse_page)?;
            if !same_outline(old, &new) {
                return None;
            }
            let i = site.pages.iter().position(|p| p.source == new.file.path)?;
            let html = resolve::body_html(site, i, &new)?;
            let page = Arc::make_mut(&mut site.pages[i]);
            page.html = html;
            page.word_count = new.body.word_count;
            targets.faq_changed |= page.kind == PageKind::Faq;
            targets.pages.push(i);
            reparsed.push((path, new, stamp));
        }
        Some((reparsed, targets))
    }

    /// Makes `site` current: its new `files` replace theirs in the last good build, the
    /// search index is made again on first request, and the reparsed pages are kept.
    fn publish(
        &mut self,
        site: Site,
        last: Arc<SiteFiles>,
        files: Vec<OutputFile>,
        reparsed: Vec<Reparsed>,
    ) -> Rebuild {
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
        let count = reparsed.len();
        for (path, page, stamp) in reparsed {
            self.caches.sources.keep(path, page, stamp);
        }
        let diagnostics = self
            .snapshot
            .as_ref()
            .map(|s| s.diagnostics.clone())
            .unwrap_or_default();
        self.snapshot = Some(Snapshot {
            site,
            diagnostics: diagnostics.clone(),
        });
        self.caches.rendered = rendered;
        self.last = Some(new.clone());
        quick_rebuild(diagnostics, changed, new, count, rendered)
    }
}

/// The pages a quick rebuild renders again.
#[derive(Default)]
struct ToRender {
    /// Indices of the edited pages.
    pages: Vec<usize>,
    /// True when one of them is a FAQ: the FAQ list shows every answer.
    faq_changed: bool,
}

/// The `targets` rendered and finished, and the feed (it carries full text); `None` when
/// a template fails on the new text (the full path reports it).
fn render_pages(
    site: &Site,
    templates: &Templates,
    theme: &Theme,
    targets: &mut ToRender,
) -> Option<Vec<OutputFile>> {
    let pages = ContentPages::for_theme(site, templates, theme);
    if targets.faq_changed {
        if let Some(i) = pages.faq_index().and_then(|p| site.page_at(p)) {
            if !targets.pages.contains(&i) {
                targets.pages.push(i);
            }
        }
    }
    let mut files = Vec::with_capacity(targets.pages.len() + 1);
    for &i in &targets.pages {
        let Ok(Some(Ok(file))) = pages.render(&site.pages[i], None) else {
            return None;
        };
        files.push(file);
    }
    drop(pages);
    let finish = Finish::new(&site.config, theme);
    for f in &mut files {
        finish.apply(f);
    }
    files.push(feeds::atom(site));
    Some(files)
}

/// A quick rebuild's report.
fn quick_rebuild(
    diagnostics: Vec<Diagnostic>,
    changed: Vec<String>,
    site: Arc<SiteFiles>,
    reparsed: usize,
    rendered: usize,
) -> Rebuild {
    Rebuild {
        diagnostics,
        changed,
        site: Some(site),
        reparsed,
        rendered,
        quick: true,
    }
}

/// True when `new` differs from `old` only in what shows on its own page: the text of its
/// body. Front matter, headings, links and the summary taken from the first paragraph
/// appear on other pages or decide what they link to; every URL of the body (markdown or
/// raw HTML) decides what the link check finds, and images are checked against the
/// site's files by a full rebuild.
fn same_outline(old: &ParsedPage, new: &ParsedPage) -> bool {
    let (a, b) = (&old.body, &new.body);
    old.file.path == new.file.path
        && a.headings == b.headings
        && a.links.len() == b.links.len()
        && a.links
            .iter()
            .zip(&b.links)
            .all(|(x, y)| x.written == y.written && x.target == y.target)
        && crate::render::urls_of(&a.html) == crate::render::urls_of(&b.html)
        && a.images
            .iter()
            .map(|i| (&i.src, &i.alt))
            .eq(b.images.iter().map(|i| (&i.src, &i.alt)))
        && resolve::summary(&old.front_matter, a) == resolve::summary(&new.front_matter, b)
        && old.front_matter == new.front_matter
        && durations_as_written(&old.front_matter) == durations_as_written(&new.front_matter)
}

/// Every duration in `fm` as written. `==` on durations compares lengths of time, so
/// `7d == 1w`, but pages show them as written.
fn durations_as_written(fm: &FrontMatter) -> Vec<(i64, Unit)> {
    let stages = fm.stages.iter().flat_map(|s| {
        let until = s.avoid.iter().map(|a| a.until);
        [s.from, s.to].into_iter().chain(until)
    });
    let side_effects = fm
        .side_effects
        .iter()
        .flat_map(|s| s.onset.into_iter().chain(s.lasts));
    stages
        .chain(side_effects)
        .map(|o| (o.amount, o.unit))
        .collect()
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
