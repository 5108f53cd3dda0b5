//! Incremental rebuilds for `serve` and `watch`. The build pipeline stays the same; this
//! layer only skips work whose inputs did not change: content files are re-read and
//! re-parsed when they changed, templates are recompiled when a template changed, and a
//! page is rendered again only when its template context differs from the last build
//! (resolving the site graph is cheap and always runs). The result is byte-identical to a
//! clean build of the same input. Edits to a page's text alone take a quicker path still
//! (see [`quick`]).

mod memo;
mod quick;
mod sources;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use std::path::Path;

use crate::build::{BuildCache, BuildOptions};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::theme::Theme;
use crate::parse::ParsedPage;
use crate::render::OutputFile;
use crate::render::{PageMemo, Templates};

/// Named files with their bytes, compared whole to tell whether they changed.
type FileBytes = Vec<(String, Vec<u8>)>;

/// What one build may reuse from the builds before it.
#[derive(Default)]
pub(crate) struct Caches {
    /// Parsed content files.
    pub(crate) sources: sources::SourceCache,
    templates: Option<(FileBytes, Arc<Templates>)>,
    /// What rendered pages depend on besides their context: every theme file and the config.
    generation_inputs: Option<(Config, FileBytes)>,
    generation: u64,
    memo: memo::Memo,
    reused: Vec<(String, Arc<[u8]>)>,
    rendered: usize,
}

impl Caches {
    /// The compiled templates, compiled again only when a template's source changed.
    pub(crate) fn templates(&mut self, theme: &Theme) -> Result<Arc<Templates>, Vec<Diagnostic>> {
        // Templates are compiled with the message files' words (`t()`).
        let sources = file_bytes(theme.templates.iter(), theme);
        if let Some((known, compiled)) = &self.templates {
            if *known == sources {
                return Ok(compiled.clone());
            }
        }
        let compiled = Arc::new(Templates::compile(theme)?);
        self.templates = Some((sources, compiled.clone()));
        Ok(compiled)
    }

    /// The templates compiled by the last build.
    fn compiled(&self) -> Option<Arc<Templates>> {
        self.templates.as_ref().map(|(_, t)| t.clone())
    }

    /// True when `config` and every theme file are what the last render started from.
    fn same_inputs(&self, config: &Config, theme: &Theme) -> bool {
        let Some((known_config, known_files)) = &self.generation_inputs else {
            return false;
        };
        known_config == config && *known_files == generation_files(theme)
    }

    /// Starts rendering; returns the page memo the renderer consults.
    pub(crate) fn begin_render(&mut self, config: &Config, theme: &Theme) -> &dyn PageMemo {
        // Static files feed image sizes into pages and config holds flags such as `minify`
        // that act after templating, so either changing forgets every rendered page.
        if !self.same_inputs(config, theme) {
            self.generation += 1;
            self.generation_inputs = Some((config.clone(), generation_files(theme)));
        }
        self.memo.begin(self.generation);
        &self.memo
    }

    /// Ends rendering: remembers the pages rendered (after every post-processing pass) and
    /// keeps the reused ones for the caller. A fresh file landing on a reused page's path is
    /// the same clash a clean build reports.
    pub(crate) fn finish_render(
        &mut self,
        files: &[OutputFile],
        diags: &mut Diagnostics,
        site: &crate::resolve::model::Site,
        theme: &Theme,
    ) {
        self.reused = self.memo.finish(files);
        self.rendered = files.len();
        let fresh: std::collections::HashSet<&str> =
            files.iter().map(|f| f.path.as_str()).collect();
        for (path, _) in &self.reused {
            if fresh.contains(path.as_str()) {
                diags.push(crate::render::output_clash(site, theme, path));
            }
        }
    }
}

/// Every theme file a rendered page depends on: templates, static files (their sizes go
/// into pages) and message files (their words do).
fn generation_files(theme: &Theme) -> FileBytes {
    file_bytes(theme.templates.iter().chain(&theme.statics), theme)
}

/// The names and bytes of `files`, then of the theme's and site's message files.
fn file_bytes<'a>(
    files: impl Iterator<Item = (&'a String, &'a crate::load::theme::ThemeFile)>,
    theme: &Theme,
) -> FileBytes {
    files
        .map(|(n, f)| (n.clone(), f.bytes.clone()))
        .chain(
            theme
                .message_sources
                .iter()
                .map(|(p, b)| (p.display().to_string(), b.clone())),
        )
        .collect()
}

/// A file made when first asked for (or by a background thread, whichever comes first).
pub(crate) struct LazyFile {
    bytes: OnceLock<Arc<[u8]>>,
    make: Mutex<Option<Maker>>,
}

type Maker = Box<dyn FnOnce() -> Vec<u8> + Send>;

impl LazyFile {
    fn new(make: impl FnOnce() -> Vec<u8> + Send + 'static) -> Arc<LazyFile> {
        Arc::new(LazyFile {
            bytes: OnceLock::new(),
            make: Mutex::new(Some(Box::new(make))),
        })
    }

    /// The bytes, made now unless they were made already; callers wait for one another.
    pub(crate) fn get(&self) -> Arc<[u8]> {
        self.bytes
            .get_or_init(|| {
                let make = self
                    .make
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                make.map_or_else(Vec::new, |m| m()).into()
            })
            .clone()
    }

    /// True when the bytes are made, so `get` returns at once.
    fn is_made(&self) -> bool {
        self.bytes.get().is_some()
    }

    /// Starts making the bytes on a thread of their own.
    fn make_in_background(self: &Arc<Self>) {
        let me = self.clone();
        std::thread::spawn(move || {
            me.get();
        });
    }
}

impl std::fmt::Debug for LazyFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyFile")
            .field("made", &self.bytes.get().is_some())
            .finish()
    }
}

/// One file of a site held in memory.
#[derive(Debug, Clone)]
enum Entry {
    Ready(Arc<[u8]>),
    Lazy(Arc<LazyFile>),
}

impl Entry {
    fn bytes(&self) -> Arc<[u8]> {
        match self {
            Entry::Ready(b) => b.clone(),
            Entry::Lazy(l) => l.get(),
        }
    }
}

/// A built site held in memory: output path to bytes.
#[derive(Debug, Default)]
pub struct SiteFiles {
    /// Every output file by its path inside the output folder (`articles/x/index.html`).
    entries: BTreeMap<String, Entry>,
    /// The output folder the site belongs in.
    pub output_dir: PathBuf,
}

impl SiteFiles {
    /// The bytes of the file at `path` (`articles/x/index.html`).
    pub fn get(&self, path: &str) -> Option<Arc<[u8]>> {
        self.entries.get(path).map(Entry::bytes)
    }

    /// False while the file at `path` is still being made: `get` would wait for it.
    pub fn is_ready(&self, path: &str) -> bool {
        match self.entries.get(path) {
            Some(Entry::Lazy(l)) => l.is_made(),
            _ => true,
        }
    }

    /// True when the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.entries.contains_key(path)
    }

    /// Every file's path, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Every file with its bytes, sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Arc<[u8]>)> {
        self.entries.iter().map(|(p, e)| (p.as_str(), e.bytes()))
    }

    /// The files as the writer takes them.
    pub fn to_output_files(&self) -> Vec<OutputFile> {
        self.iter()
            .map(|(path, bytes)| OutputFile {
                path: path.to_string(),
                bytes: bytes.to_vec(),
            })
            .collect()
    }
}

/// The result of one rebuild.
#[derive(Debug)]
pub struct Rebuild {
    /// Every problem found, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
    /// The new site; `None` when the build failed (the last good one stays current).
    pub site: Option<Arc<SiteFiles>>,
    /// Output files added, changed or removed since the last good build.
    pub changed: Vec<String>,
    /// Content files read and parsed again.
    pub reparsed: usize,
    /// Files rendered or generated again (pages, feeds, statics).
    pub rendered: usize,
    /// True when only the text of pages changed and only their own files were made again.
    pub quick: bool,
}

impl Rebuild {
    /// True when the build failed.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Builds a site again and again, reusing what did not change.
pub struct Rebuilder {
    opts: BuildOptions,
    caches: Caches,
    last: Option<Arc<SiteFiles>>,
    snapshot: Option<quick::Snapshot>,
}

impl Rebuilder {
    /// A rebuilder for the site `opts` describes; nothing is built yet.
    pub fn new(opts: BuildOptions) -> Rebuilder {
        Rebuilder {
            opts,
            caches: Caches::default(),
            last: None,
            snapshot: None,
        }
    }

    /// The options builds use.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// The last site that built without errors.
    pub fn current(&self) -> Option<Arc<SiteFiles>> {
        self.last.clone()
    }

    /// Forgets everything kept for reuse, so the next build reads and renders everything
    /// again; the last good site stays. For after a build that stopped halfway (a panic)
    /// or failed to read a file.
    pub fn forget_caches(&mut self) {
        self.caches = Caches::default();
        self.snapshot = None;
    }

    /// Builds the site. `touched` names files a watcher saw change; they are read again even
    /// when their size and time look the same (files are otherwise checked by those).
    pub fn rebuild(&mut self, touched: impl IntoIterator<Item = PathBuf>) -> Rebuild {
        self.caches.sources.mark_dirty(touched);
        if let Some(r) = self.quick(None) {
            return r;
        }
        self.full()
    }

    /// [`Rebuilder::rebuild`] when `changed` are all the files that changed since the last
    /// build, as a watcher that missed nothing reports them: other content files are then
    /// not looked at.
    pub fn rebuild_reported(&mut self, changed: Vec<PathBuf>) -> Rebuild {
        self.caches.sources.mark_dirty(changed.iter().cloned());
        if let Some(r) = self.quick(Some(&changed)) {
            return r;
        }
        self.full()
    }

    fn full(&mut self) -> Rebuild {
        self.snapshot = None;
        self.caches.reused.clear();
        let outcome = crate::build::render_site_with(
            &self.opts,
            Some(&mut self.caches as &mut dyn BuildCache),
        );
        let reparsed = self.caches.sources.reparsed;
        let rendered = self.caches.rendered;
        let reused = std::mem::take(&mut self.caches.reused);
        let Some(r) = outcome.rendered else {
            return Rebuild {
                diagnostics: outcome.diagnostics,
                site: None,
                changed: Vec::new(),
                reparsed,
                rendered,
                quick: false,
            };
        };
        let mut entries: BTreeMap<String, Entry> = reused
            .into_iter()
            .map(|(p, b)| (p, Entry::Ready(b)))
            .collect();
        for f in r.files {
            entries.insert(f.path, Entry::Ready(Arc::from(f.bytes)));
        }
        let site = Arc::new(SiteFiles {
            entries,
            output_dir: r.output_dir,
        });
        let changed = match &self.last {
            Some(old) => diff(old, &site),
            None => site.paths().map(str::to_string).collect(),
        };
        self.last = Some(site.clone());
        // The quick path knows one language; a site in several rebuilds in full (pages whose
        // context is unchanged are still not rendered again).
        self.snapshot = r.translations.is_empty().then(|| quick::Snapshot {
            site: Arc::new(r.site),
            diagnostics: outcome.diagnostics.clone(),
        });
        Rebuild {
            diagnostics: outcome.diagnostics,
            site: Some(site),
            changed,
            reparsed,
            rendered,
            quick: false,
        }
    }
}

/// True when two entries hold the same bytes. A file made on request is only the same as
/// itself.
fn same_entry(a: &Entry, b: &Entry) -> bool {
    match (a, b) {
        (Entry::Ready(a), Entry::Ready(b)) => Arc::ptr_eq(a, b) || a == b,
        (Entry::Lazy(a), Entry::Lazy(b)) => Arc::ptr_eq(a, b),
        _ => false,
    }
}

/// Paths added, changed or removed between two builds. A file made on request counts as
/// changed unless it is the very same one.
fn diff(old: &SiteFiles, new: &SiteFiles) -> Vec<String> {
    let (old, new) = (&old.entries, &new.entries);
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(p, b)| old.get(*p).is_none_or(|o| !same_entry(o, b)))
        .map(|(p, _)| p.clone())
        .collect();
    changed.extend(old.keys().filter(|p| !new.contains_key(*p)).cloned());
    changed.sort();
    changed
}

impl BuildCache for Caches {
    fn load_and_parse(
        &mut self,
        root: &Path,
        config: &Config,
    ) -> (Vec<ParsedPage>, Vec<Diagnostic>) {
        self.sources
            .load_and_parse(root, config, crate::build::parse_page)
    }

    fn templates(&mut self, theme: &Theme) -> Result<Arc<Templates>, Vec<Diagnostic>> {
        Caches::templates(self, theme)
    }

    fn begin_render(&mut self, config: &Config, theme: &Theme) -> &dyn PageMemo {
        Caches::begin_render(self, config, theme)
    }

    fn finish_render(
        &mut self,
        files: &[OutputFile],
        diags: &mut Diagnostics,
        site: &crate::resolve::model::Site,
        theme: &Theme,
    ) {
        Caches::finish_render(self, files, diags, site, theme)
    }

    fn reused(&self) -> &[(String, Arc<[u8]>)] {
        &self.reused
    }
}
