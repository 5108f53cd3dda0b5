//! Pigment: a static site generator for health-information sites.
//!
//! The build is a pipeline, one module per stage, plain data between them:
//! [`load`] (walk and split files) → [`frontmatter`] + [`markdown`] (parse) →
//! [`resolve`] (URLs, links, the site graph) → [`render`] (templates, in memory) →
//! [`output`] (write only what changed).

// Nothing a user controls may end the program: errors are returned and reported.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod aggregate;
pub mod config;
pub mod context;
pub mod crosslinks;
pub mod currency;
pub mod dates;
pub mod devloop;
pub mod diagnostics;
pub mod duration;
pub mod feeds;
pub mod frontmatter;
pub mod health;
pub mod images;
pub mod incremental;
pub mod jsonld;
pub mod load;
pub mod markdown;
pub mod minify;
pub mod model;
pub mod output;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod stamp;
pub mod theme;
pub mod watch;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::Site;
use crate::output::{OutputFile, WriteError, WriteReport};
use crate::resolve::ParsedPage;

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holds `site.toml`).
    pub root: PathBuf,
    /// Output folder; defaults to `[build] output` under the root.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// The date reviews are checked against; today when `None`.
    pub today: Option<dates::Date>,
}

fn today() -> dates::Date {
    jiff::Zoned::now().date()
}

/// A site rendered in memory.
#[derive(Debug)]
pub struct RenderedSite {
    /// The resolved site.
    pub site: Site,
    /// Every output file, when kept in memory; empty after [`build`], which writes each
    /// file as it is rendered.
    pub files: Vec<OutputFile>,
    /// The output folder it belongs in.
    pub output_dir: PathBuf,
}

/// The result of a build.
#[derive(Debug)]
pub struct BuildOutcome {
    /// Every problem found, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
    /// The site, when it rendered without errors.
    pub rendered: Option<RenderedSite>,
    /// What the write changed, when the build wrote.
    pub written: Option<WriteReport>,
}

impl BuildOutcome {
    /// True when any error was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads, parses, resolves and renders the site in memory. Writes nothing.
pub fn render_site(opts: &BuildOptions) -> BuildOutcome {
    render_site_with(opts, None)
}

/// Loads, parses, resolves and renders the site to find every problem, keeping no file:
/// what `pigment check` needs, in little memory.
pub fn check_site(opts: &BuildOptions) -> BuildOutcome {
    render_with_mode(opts, None, Mode::Discard)
}

/// [`render_site`], reusing what `cache` kept from earlier builds. With a cache, the
/// rendered files leave out the pages the cache reused.
pub(crate) fn render_site_with(
    opts: &BuildOptions,
    cache: Option<&mut incremental::Caches>,
) -> BuildOutcome {
    render_with_mode(opts, cache, Mode::Memory)
}

fn render_with_mode(
    opts: &BuildOptions,
    cache: Option<&mut incremental::Caches>,
    mode: Mode,
) -> BuildOutcome {
    let mut diags = Diagnostics::new();
    let rendered = match render_inner(opts, &mut diags, cache, mode) {
        Ok(r) => r.map(|(site, _)| site),
        // Nothing is written in memory, so no write can fail.
        Err(_) => None,
    };
    let rendered = if diags.has_errors() { None } else { rendered };
    BuildOutcome {
        diagnostics: diags.sorted(),
        rendered,
        written: None,
    }
}

/// What the render stage does with the files it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Keeps them in memory.
    Memory,
    /// Writes them to the output folder as they come; they take effect only when the whole
    /// build succeeded.
    Write,
    /// Drops them.
    Discard,
}

/// Load → parse → resolve → render, the files going where `mode` says.
fn render_inner(
    opts: &BuildOptions,
    diags: &mut Diagnostics,
    mut cache: Option<&mut incremental::Caches>,
    mode: Mode,
) -> Result<Option<(RenderedSite, Option<output::Written>)>, WriteError> {
    let root = &opts.root;
    let mut config = match config::load(root, opts.base_url.as_deref()) {
        Ok(c) => c,
        Err(problems) => {
            diags.extend(problems);
            return Ok(None);
        }
    };
    let drafts = opts.drafts || config.drafts;
    config.drafts = drafts;
    let output_dir = match &opts.output {
        Some(o) => o.clone(),
        None => root.join(&config.output),
    };
    if let Some(d) = check_output_dir(root, &output_dir) {
        diags.push(d);
        return Ok(None);
    }

    let theme = theme::load(root, &config.theme);
    let (pages, problems) = match cache.as_deref_mut() {
        Some(c) => c.sources.load_and_parse(root, &config, parse_page),
        None => load_and_parse(root, &config),
    };
    let unloaded = load::unloaded(&problems);
    diags.extend(problems);

    let (site, problems) = resolve::resolve(config, pages, drafts, &unloaded);
    diags.extend(problems);
    diags.extend(aggregate::contradictions(&site));
    diags.extend(aggregate::cost_totals_problems(&site));
    diags.extend(aggregate::overdue_reviews(
        &site,
        opts.today.unwrap_or_else(today),
    ));

    let theme = match theme {
        Ok(t) => t,
        Err(problems) => {
            diags.extend(problems);
            return Ok(None);
        }
    };
    diags.extend(theme.warnings.iter().cloned());
    let compiled = match cache.as_deref_mut() {
        Some(c) => c.templates(&theme),
        None => render::Templates::compile(&theme).map(std::sync::Arc::new),
    };
    let templates = match compiled {
        Ok(t) => t,
        Err(problems) => {
            diags.extend(problems);
            return Ok(None);
        }
    };
    let memo = cache
        .as_deref_mut()
        .map(|c| c.begin_render(&site.config, &theme));
    // A build that already failed renders only to find more problems.
    let staged = if mode == Mode::Write && !diags.has_errors() {
        stamp::clear(&output_dir);
        Some(output::Staged::begin(&output_dir)?)
    } else {
        None
    };
    let target = match (&staged, mode) {
        (Some(s), _) => Target::Disk(s),
        (None, Mode::Memory) => Target::Memory(render::Collect::default()),
        (None, _) => Target::Discard,
    };
    let outputs = Outputs::new(&site.config, &theme, target);
    diags.extend(render::render_with(
        &site, &theme, &templates, memo, &outputs,
    ));
    let stylesheet = render::stylesheet_url(&site.config, &theme);
    diags.extend(search::add_outputs(&site, &templates, stylesheet, &outputs));
    let files = outputs.finish(diags, &site, &theme);
    if let Some(c) = cache {
        c.finish_render(&files, diags, &site, &theme);
    }
    let written = match staged {
        Some(s) if !diags.has_errors() => Some(s.commit()?),
        Some(s) => {
            s.abort();
            None
        }
        None => None,
    };
    Ok(Some((
        RenderedSite {
            site,
            files,
            output_dir,
        },
        written,
    )))
}

/// Where rendered files go.
enum Target<'a> {
    /// Kept, for callers that look at them (`serve`, `check`, tests).
    Memory(render::Collect),
    /// Written as they come.
    Disk(&'a output::Staged),
    /// Dropped: only problems are looked for.
    Discard,
}

/// The render stage's way out: finishes each HTML file (image sizes, minifying), refuses
/// a second file for a path, and passes files on to the target.
struct Outputs<'a> {
    finish: render::Finish,
    seen: std::sync::Mutex<std::collections::HashSet<String>>,
    clashes: std::sync::Mutex<std::collections::BTreeSet<String>>,
    target: Target<'a>,
}

impl<'a> Outputs<'a> {
    fn new(c: &config::Config, theme: &theme::Theme, target: Target<'a>) -> Outputs<'a> {
        Outputs {
            finish: render::Finish::new(c, theme),
            seen: Default::default(),
            clashes: Default::default(),
            target,
        }
    }

    /// Reports paths that two outputs claimed; returns the files kept in memory.
    fn finish(self, diags: &mut Diagnostics, site: &Site, theme: &theme::Theme) -> Vec<OutputFile> {
        let clashes = self
            .clashes
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for path in clashes {
            diags.push(render::output_clash(site, theme, &path));
        }
        match self.target {
            Target::Memory(files) => files.into_files(),
            Target::Disk(_) | Target::Discard => Vec::new(),
        }
    }
}

impl render::Sink for Outputs<'_> {
    fn wants_more(&self) -> bool {
        match &self.target {
            Target::Disk(staged) => staged.wants_more(),
            Target::Memory(_) | Target::Discard => true,
        }
    }

    fn put(&self, mut file: OutputFile) {
        let first = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(file.path.clone());
        if !first {
            self.clashes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(file.path);
            return;
        }
        if matches!(self.target, Target::Discard) {
            return;
        }
        self.finish.apply(&mut file);
        match &self.target {
            Target::Memory(files) => files.put(file),
            Target::Disk(staged) => staged.put(&file),
            Target::Discard => {}
        }
    }
}

/// Reads every content file and parses it. A page whose front matter is broken still takes
/// part with a stand-in, so its links are checked and links to it do not turn into false
/// "missing page" errors.
fn load_and_parse(root: &Path, config: &config::Config) -> (Vec<ParsedPage>, Vec<Diagnostic>) {
    let (files, mut problems) = load::load_content(root);
    let parsed: Vec<(ParsedPage, Vec<Diagnostic>)> = files
        .into_par_iter()
        .map(|file| parse_page(file, config))
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for (page, p) in parsed {
        problems.extend(p);
        pages.push(page);
    }
    (pages, problems)
}

fn parse_page(
    mut file: load::SourceFile,
    config: &config::Config,
) -> (ParsedPage, Vec<Diagnostic>) {
    let is_faq = resolve::is_faq(&file);
    let (front_matter, mut problems) = match frontmatter::parse(&file, config, is_faq) {
        Ok(fm) => (fm, Vec::new()),
        Err(problems) => (frontmatter::fallback(&file, is_faq), problems),
    };
    let mut body = markdown::render(&file, &config.base_path, config.raw_html);
    problems.append(&mut body.problems);
    // Every location found while parsing carries its own line of text; the whole file is
    // not needed again, and on a large site the copies add up.
    file.text = String::new();
    (
        ParsedPage {
            file,
            front_matter,
            body,
        },
        problems,
    )
}

/// Builds the site and, when nothing failed, writes it. On any error the output folder is
/// left exactly as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildOutcome, WriteError> {
    // Listed before rendering, so an edit made during the build shows on the next one.
    let inputs = stamp::inputs(opts, opts.today.unwrap_or_else(today));
    build_with(opts, inputs)
}

fn build_with(
    opts: &BuildOptions,
    inputs: Option<stamp::Inputs>,
) -> Result<BuildOutcome, WriteError> {
    let mut diags = Diagnostics::new();
    let rendered = render_inner(opts, &mut diags, None, Mode::Write)?;
    let ok = !diags.has_errors();
    let mut outcome = BuildOutcome {
        diagnostics: diags.sorted(),
        rendered: None,
        written: None,
    };
    if let (true, Some((site, written))) = (ok, rendered) {
        if let Some((report, states)) = written {
            outcome.written = Some(report);
            // Only a build without any message is stamped: skipping must not hide warnings.
            if let Some(i) = inputs.filter(|i| i.output_dir() == site.output_dir) {
                if outcome.diagnostics.is_empty() {
                    i.save(&states);
                }
            }
        }
        outcome.rendered = Some(site);
    }
    Ok(outcome)
}

/// What [`build_if_changed`] did.
#[derive(Debug)]
pub enum Built {
    /// Nothing changed since the last build into the output folder; nothing was rendered.
    UpToDate(stamp::UpToDate),
    /// A full [`build`].
    Built(Box<BuildOutcome>),
}

/// [`build`], unless the output folder already holds the build of exactly these inputs
/// (see [`stamp`]).
pub fn build_if_changed(opts: &BuildOptions) -> Result<Built, WriteError> {
    let inputs = stamp::inputs(opts, opts.today.unwrap_or_else(today));
    if let Some(up) = inputs.as_ref().and_then(stamp::Inputs::up_to_date) {
        return Ok(Built::UpToDate(up));
    }
    build_with(opts, inputs).map(|o| Built::Built(Box::new(o)))
}

/// The output folder must not be the site itself or hold it: stale-file removal and writes
/// would then mix with the sources.
fn check_output_dir(root: &Path, out: &Path) -> Option<Diagnostic> {
    let abs = |p: &Path| {
        std::path::absolute(p)
            .map(|p| normalize(&p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let (root_abs, out_abs) = (abs(root), abs(out));
    let content = root_abs.join(load::CONTENT_DIR);
    if root_abs.starts_with(&out_abs)
        || out_abs.starts_with(&content)
        || out_abs == root_abs.join("themes")
    {
        return Some(
            Diagnostic::error(
                "P0601",
                format!(
                    "output folder `{}` would overwrite the site's sources",
                    out.display()
                ),
            )
            .at(Location::file_only(Path::new(config::CONFIG_FILE)))
            .help("build into a folder of its own, e.g. `--output public`"),
        );
    }
    None
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}
