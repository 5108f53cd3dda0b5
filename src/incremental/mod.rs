//! Incremental rebuilds for `serve` and `watch`. The build pipeline stays the same; this
//! layer only skips work whose inputs did not change: content files are re-read and
//! re-parsed when they changed, templates are recompiled when a template changed, and a
//! page is rendered again only when its template context differs from the last build
//! (resolving the site graph is cheap and always runs). The result is byte-identical to a
//! clean build of the same input.

mod memo;
mod sources;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::render::{PageMemo, Templates};
use crate::theme::Theme;
use crate::BuildOptions;

pub use memo::strict_eq;

/// Named files with their bytes, compared whole to tell whether they changed.
type FileBytes = Vec<(String, Vec<u8>)>;

/// What one build may reuse from the builds before it.
#[derive(Default)]
pub struct Caches {
    /// Parsed content files.
    pub(crate) sources: sources::SourceCache,
    templates: Option<(FileBytes, Arc<Templates>)>,
    /// What rendered pages depend on besides their context: every theme file and the config.
    generation_inputs: Option<(String, FileBytes)>,
    generation: u64,
    memo: memo::Memo,
    reused: Vec<(String, Arc<[u8]>)>,
    rendered: usize,
}

impl Caches {
    /// The compiled templates, compiled again only when a template's source changed.
    pub(crate) fn templates(&mut self, theme: &Theme) -> Result<Arc<Templates>, Vec<Diagnostic>> {
        let sources: FileBytes = theme
            .templates
            .iter()
            .map(|(n, f)| (n.clone(), f.bytes.clone()))
            .collect();
        if let Some((known, compiled)) = &self.templates {
            if *known == sources {
                return Ok(compiled.clone());
            }
        }
        let compiled = Arc::new(Templates::compile(theme)?);
        self.templates = Some((sources, compiled.clone()));
        Ok(compiled)
    }

    /// Starts rendering; returns the page memo the renderer consults.
    pub(crate) fn begin_render(&mut self, config: &Config, theme: &Theme) -> &dyn PageMemo {
        // Static files feed image sizes into pages and config holds flags such as `minify`
        // that act after templating, so either changing forgets every rendered page.
        let inputs = (
            format!("{config:?}"),
            theme
                .templates
                .iter()
                .chain(&theme.statics)
                .map(|(n, f)| (n.clone(), f.bytes.clone()))
                .collect::<Vec<_>>(),
        );
        if self.generation_inputs.as_ref() != Some(&inputs) {
            self.generation += 1;
            self.generation_inputs = Some(inputs);
        }
        self.memo.begin(self.generation);
        &self.memo
    }

    /// Ends rendering: remembers the pages rendered (after every post-processing pass) and
    /// keeps the reused ones for the caller. A fresh file landing on a reused page's path is
    /// the same clash a clean build reports.
    pub(crate) fn finish_render(&mut self, files: &[OutputFile], diags: &mut Diagnostics) {
        self.reused = self.memo.finish(files);
        self.rendered = files.len();
        let fresh: std::collections::HashSet<&str> =
            files.iter().map(|f| f.path.as_str()).collect();
        for (path, _) in &self.reused {
            if fresh.contains(path.as_str()) {
                diags.push(
                    Diagnostic::error("P0306", format!("two outputs would be written to `{path}`"))
                        .help("a content file, alias or static file uses a path Pigment generates; rename it"),
                );
            }
        }
    }
}

/// A built site held in memory: output path to bytes.
#[derive(Debug, Default)]
pub struct SiteFiles {
    /// Every output file by its path inside the output folder (`articles/x/index.html`).
    pub files: BTreeMap<String, Arc<[u8]>>,
    /// The output folder the site belongs in.
    pub output_dir: PathBuf,
}

impl SiteFiles {
    /// The files as the writer takes them.
    pub fn to_output_files(&self) -> Vec<OutputFile> {
        self.files
            .iter()
            .map(|(path, bytes)| OutputFile {
                path: path.clone(),
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
}

impl Rebuilder {
    /// A rebuilder for the site `opts` describes; nothing is built yet.
    pub fn new(opts: BuildOptions) -> Rebuilder {
        Rebuilder {
            opts,
            caches: Caches::default(),
            last: None,
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

    /// Builds the site. `touched` names files a watcher saw change; they are read again even
    /// when their size and time look the same (files are otherwise checked by those).
    pub fn rebuild(&mut self, touched: impl IntoIterator<Item = PathBuf>) -> Rebuild {
        self.caches.sources.mark_dirty(touched);
        self.caches.reused.clear();
        let outcome = crate::render_site_with(&self.opts, Some(&mut self.caches));
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
            };
        };
        let mut files: BTreeMap<String, Arc<[u8]>> = reused.into_iter().collect();
        for f in r.files {
            files.insert(f.path, Arc::from(f.bytes));
        }
        let changed = match &self.last {
            Some(old) => diff(&old.files, &files),
            None => files.keys().cloned().collect(),
        };
        let site = Arc::new(SiteFiles {
            files,
            output_dir: r.output_dir,
        });
        self.last = Some(site.clone());
        Rebuild {
            diagnostics: outcome.diagnostics,
            site: Some(site),
            changed,
            reparsed,
            rendered,
        }
    }
}

/// Paths added, changed or removed between two builds.
fn diff(old: &BTreeMap<String, Arc<[u8]>>, new: &BTreeMap<String, Arc<[u8]>>) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(p, b)| {
            old.get(*p)
                .is_none_or(|o| !Arc::ptr_eq(o, b) && o.as_ref() != b.as_ref())
        })
        .map(|(p, _)| p.clone())
        .collect();
    changed.extend(old.keys().filter(|p| !new.contains_key(*p)).cloned());
    changed.sort();
    changed
}
