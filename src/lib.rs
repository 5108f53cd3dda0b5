//! Pigment: a static site generator for health-information sites.
//!
//! The build is a pipeline, one module per stage, plain data between them:
//! [`load`] (walk and split files) → [`frontmatter`] + [`markdown`] (parse) →
//! [`resolve`] (URLs, links, the site graph) → [`render`] (templates, in memory) →
//! [`output`] (write only what changed).

pub mod aggregate;
pub mod config;
pub mod context;
pub mod crosslinks;
pub mod currency;
pub mod dates;
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
    /// Every output file.
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

/// [`render_site`], reusing what `cache` kept from earlier builds. With a cache, the
/// rendered files leave out the pages the cache reused.
pub(crate) fn render_site_with(
    opts: &BuildOptions,
    cache: Option<&mut incremental::Caches>,
) -> BuildOutcome {
    let mut diags = Diagnostics::new();
    let rendered = render_inner(opts, &mut diags, cache);
    let rendered = if diags.has_errors() { None } else { rendered };
    BuildOutcome {
        diagnostics: diags.sorted(),
        rendered,
        written: None,
    }
}

fn render_inner(
    opts: &BuildOptions,
    diags: &mut Diagnostics,
    mut cache: Option<&mut incremental::Caches>,
) -> Option<RenderedSite> {
    let root = &opts.root;
    let mut config = match config::load(root, opts.base_url.as_deref()) {
        Ok(c) => c,
        Err(problems) => {
            diags.extend(problems);
            return None;
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
        return None;
    }

    let theme = theme::load(root, &config.theme);
    let (pages, problems) = match cache.as_deref_mut() {
        Some(c) => c.sources.load_and_parse(root, &config, parse_page),
        None => load_and_parse(root, &config),
    };
    diags.extend(problems);

    let (site, problems) = resolve::resolve(config, pages, drafts);
    diags.extend(problems);
    diags.extend(aggregate::contradictions(&site));
    diags.extend(aggregate::overdue_reviews(
        &site,
        opts.today.unwrap_or_else(today),
    ));

    let theme = match theme {
        Ok(t) => t,
        Err(problems) => {
            diags.extend(problems);
            return None;
        }
    };
    let compiled = match cache.as_deref_mut() {
        Some(c) => c.templates(&theme),
        None => render::Templates::compile(&theme).map(std::sync::Arc::new),
    };
    let templates = match compiled {
        Ok(t) => t,
        Err(problems) => {
            diags.extend(problems);
            return None;
        }
    };
    let memo = cache
        .as_deref_mut()
        .map(|c| c.begin_render(&site.config, &theme));
    let (mut files, problems) = render::render_with(&site, &theme, &templates, memo);
    diags.extend(problems);
    diags.extend(search::add_outputs(&site, &templates, &mut files));
    images::annotate(&site.config.base_path, &mut files);
    if site.config.minify {
        minify::html_files(&mut files);
    }
    if let Some(c) = cache {
        c.finish_render(&files, diags);
    }
    Some(RenderedSite {
        site,
        files,
        output_dir,
    })
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

fn parse_page(file: load::SourceFile, config: &config::Config) -> (ParsedPage, Vec<Diagnostic>) {
    let is_faq = resolve::is_faq(&file);
    let (front_matter, problems) = match frontmatter::parse(&file, config, is_faq) {
        Ok(fm) => (fm, Vec::new()),
        Err(problems) => (frontmatter::fallback(&file, is_faq), problems),
    };
    let body = markdown::render(&file, &config.base_path);
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
    let mut outcome = render_site(opts);
    if let Some(r) = &outcome.rendered {
        stamp::clear(&r.output_dir);
        let (report, states) = output::write_tracked(&r.output_dir, &r.files)?;
        outcome.written = Some(report);
        // Only a build without any message is stamped: skipping must not hide warnings.
        if let Some(i) = inputs.filter(|i| i.output_dir() == r.output_dir) {
            if outcome.diagnostics.is_empty() {
                i.save(&r.files, &states);
            }
        }
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
