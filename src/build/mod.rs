//! The build driver: runs the stages in order — load, parse, resolve, render, write — and
//! says what came of it. `check`, `serve` and `watch` call the same pipeline.

mod outputs;
mod pipeline;
pub(crate) mod stamp;

use std::path::PathBuf;

use crate::dates;
use crate::diagnostics::Diagnostic;
use crate::output::{WriteError, WriteReport};
use crate::render::OutputFile;
use crate::resolve::model::Site;

pub(crate) use pipeline::parse_page;

use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::load::theme::Theme;
use crate::parse::ParsedPage;
use crate::render::{PageMemo, Templates};

/// What a rebuild keeps from the builds before it, so unchanged files are not parsed or
/// rendered again; the dev loop provides it, with the same result as a clean build.
pub(crate) trait BuildCache {
    /// Every content file, parsed again only where it changed.
    fn load_and_parse(
        &mut self,
        root: &Path,
        config: &Config,
    ) -> (Vec<ParsedPage>, Vec<Diagnostic>);
    /// The theme's templates, compiled again only when one changed.
    fn templates(&mut self, theme: &Theme) -> Result<Arc<Templates>, Vec<Diagnostic>>;
    /// The pages whose context is unchanged since they were last rendered.
    fn begin_render(&mut self, config: &Config, theme: &Theme) -> &dyn PageMemo;
    /// Records what this render made.
    fn finish_render(
        &mut self,
        files: &[OutputFile],
        diags: &mut Diagnostics,
        site: &Site,
        theme: &Theme,
    );
    /// The files of pages this render left out because they were unchanged, by output
    /// path: the site still has them, so links to them and in them are checked.
    fn reused(&self) -> &[(String, Arc<[u8]>)] {
        &[]
    }
}
use pipeline::render_inner;

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
    /// Replaces `[build] relative_urls` from `site.toml` (`build --relative`).
    pub relative_urls: Option<bool>,
    /// Include pages whose `publish_date` is still to come (`--future`).
    pub future: bool,
    /// Include pages whose `expires` day has passed (`--expired`).
    pub expired: bool,
}

impl BuildOptions {
    /// `config` with these options' say over it: drafts, relative URLs, the schedule.
    pub(crate) fn apply_to(&self, config: &mut crate::config::Config) {
        config.drafts = self.drafts || config.drafts;
        config.schedule = crate::config::Schedule {
            today: Some(self.today.unwrap_or_else(today)),
            future: self.future,
            expired: self.expired,
        };
        if let Some(relative) = self.relative_urls {
            config.relative_urls = relative;
        }
    }
}

pub(crate) fn today() -> dates::Date {
    jiff::Zoned::now().date()
}

/// A site rendered in memory.
#[derive(Debug)]
pub struct RenderedSite {
    /// The resolved site, in its default language.
    pub site: Site,
    /// The site in each of its other languages, in the config's order.
    pub translations: Vec<Site>,
    /// Every output file, when kept in memory; empty after [`build`], which writes each
    /// file as it is rendered.
    pub files: Vec<OutputFile>,
    /// The output folder it belongs in.
    pub output_dir: PathBuf,
    /// The next day the calendar alone changes the site, when a page has such a date.
    pub next_change: Option<crate::config::ScheduledChange>,
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

impl RenderedSite {
    /// For each language but the default, the default language's pages it has no
    /// translation of (paths for messages), in path order.
    pub fn untranslated(&self) -> Vec<(String, Vec<PathBuf>)> {
        let sites: Vec<Site> = std::iter::once(self.site.clone())
            .chain(self.translations.iter().cloned())
            .collect();
        crate::resolve::languages::untranslated(&sites)
    }

    /// The reading grade of every English page, and the languages not graded.
    pub fn reading_grades(&self) -> crate::resolve::readability::GradeReport {
        crate::resolve::readability::report(std::iter::once(&self.site).chain(&self.translations))
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
    cache: Option<&mut dyn BuildCache>,
) -> BuildOutcome {
    render_with_mode(opts, cache, Mode::Memory)
}

fn render_with_mode(
    opts: &BuildOptions,
    cache: Option<&mut dyn BuildCache>,
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
/// (see the `stamp` module).
pub fn build_if_changed(opts: &BuildOptions) -> Result<Built, WriteError> {
    let inputs = stamp::inputs(opts, opts.today.unwrap_or_else(today));
    if let Some(up) = inputs.as_ref().and_then(stamp::Inputs::up_to_date) {
        return Ok(Built::UpToDate(up));
    }
    build_with(opts, inputs).map(|o| Built::Built(Box::new(o)))
}
