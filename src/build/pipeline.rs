//! The stages in order, for one build: load → parse → resolve → render, the rendered files
//! going to the write stage as they come.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::outputs::{Outputs, Target};
use super::{stamp, today, BuildCache, BuildOptions, Mode, RenderedSite};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::theme;
use crate::output::{self, WriteError};
use crate::parse::ParsedPage;
use crate::parse::{frontmatter, markdown};
use crate::{config, load, render, resolve};

/// Load → parse → resolve → render, the files going where `mode` says.
pub(super) fn render_inner(
    opts: &BuildOptions,
    diags: &mut Diagnostics,
    mut cache: Option<&mut dyn BuildCache>,
    mode: Mode,
) -> Result<Option<(RenderedSite, Option<output::Written>)>, WriteError> {
    let Some((config, output_dir)) = settings(opts, diags) else {
        return Ok(None);
    };
    let theme = theme::load(&opts.root, &config.theme);
    let statics = theme.as_ref().ok().map(|t| &t.statics);
    let (mut sites, missing_pictures, next_change) =
        parse_and_resolve(opts, config, cache.as_deref_mut(), statics, diags);
    let Some((theme, templates)) = theme_and_templates(theme, cache.as_deref_mut(), diags) else {
        return Ok(None);
    };
    let memo = cache
        .as_deref_mut()
        .map(|c| c.begin_render(&sites[0].config, &theme));
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
    let outputs = Outputs::new(&sites[0].config, &theme, target);
    let rendering = render::render_sites(&sites, &theme, &templates, memo, &outputs);
    // A write that failed or was interrupted stops rendering part way.
    let all_rendered = !rendering.iter().any(failed_page) && render::Sink::wants_more(&outputs);
    diags.extend(rendering);
    let translations = sites.split_off(1);
    let site = sites.remove(0);
    let (files, mut links) = outputs.finish(diags, &site, &theme);
    if let Some(c) = cache {
        c.finish_render(&files, diags, &site, &theme);
        for (path, bytes) in c.reused() {
            links.written.insert(path.clone());
            links.check.scan_bytes(path, bytes);
        }
    }
    // With a page missing, links to it would be false alarms.
    if all_rendered {
        let all: Vec<&resolve::model::Site> = std::iter::once(&site).chain(&translations).collect();
        diags.extend(
            links
                .check
                .check(&links.written, &missing_pictures, &all, &templates),
        );
    }
    let written = match staged {
        Some(s) if !diags.has_errors() => Some(s.commit()?),
        Some(s) => {
            s.abort();
            None
        }
        None => None,
    };
    let rendered = RenderedSite {
        site,
        translations,
        files,
        output_dir,
        next_change,
    };
    Ok(Some((rendered, written)))
}

/// True for a problem that left a page unrendered.
fn failed_page(d: &Diagnostic) -> bool {
    d.is_error() && [code::TEMPLATE_ERROR, code::TEMPLATE_NOT_FOUND].contains(&d.code)
}

/// The site's settings with the options applied, and the output folder; `None` when they
/// cannot be used.
fn settings(opts: &BuildOptions, diags: &mut Diagnostics) -> Option<(config::Config, PathBuf)> {
    let root = &opts.root;
    let mut config = match config::load(root, opts.base_url.as_deref()) {
        Ok(c) => c,
        Err(problems) => {
            diags.extend(problems);
            return None;
        }
    };
    opts.apply_to(&mut config);
    let output_dir = match &opts.output {
        Some(o) => o.clone(),
        None => root.join(&config.output),
    };
    if let Some(d) = check_output_dir(root, &output_dir) {
        diags.push(d);
        return None;
    }
    Some((config, output_dir))
}

/// Load and parse (through the cache when there is one), check the images pages show
/// against the site's files (`statics`, when the theme loaded), resolve into one site per
/// language (never none), and the checks that need the whole site. Also returns the static
/// paths of pictures reported missing, which the link check leaves alone, and the site's
/// next scheduled change.
fn parse_and_resolve<'c>(
    opts: &BuildOptions,
    config: config::Config,
    cache: Option<&mut (dyn BuildCache + 'c)>,
    statics: Option<&std::collections::BTreeMap<String, theme::ThemeFile>>,
    diags: &mut Diagnostics,
) -> (
    Vec<resolve::model::Site>,
    HashSet<String>,
    Option<config::ScheduledChange>,
) {
    let (pages, problems) = match cache {
        Some(c) => c.load_and_parse(&opts.root, &config),
        None => load_and_parse(&opts.root, &config),
    };
    if let Some(statics) = statics {
        let built = pages
            .iter()
            .filter(|p| config.drafts || !p.front_matter.draft);
        diags.extend(resolve::images::check(built, statics, &config.images));
    }
    let unloaded = load::unloaded(&problems);
    diags.extend(problems);
    let drafts = config.drafts;
    let next_change = resolve::next_change(&pages, &config.schedule, drafts);
    let (sites, problems) = resolve::resolve_languages(config, pages, drafts, &unloaded);
    diags.extend(problems);
    let today = opts.today.unwrap_or_else(today);
    let mut missing_pictures = HashSet::new();
    for site in &sites {
        diags.extend(resolve::checks::contradictions(site));
        diags.extend(resolve::checks::cost_totals_problems(site));
        diags.extend(resolve::checks::overdue_reviews(site, today));
        diags.extend(resolve::readability::check(site));
        if let Some(statics) = statics {
            let (problems, paths) = resolve::pictures::missing_images(site, statics);
            diags.extend(problems);
            missing_pictures.extend(paths);
        }
        diags.extend(resolve::pictures::consent_renewals(site, today));
        diags.extend(resolve::prices::expired_prices(site, today));
    }
    if let Some(site) = sites.first() {
        diags.extend(resolve::prices::stale_prices(&site.config, today));
    }
    (sites, missing_pictures, next_change)
}

/// The theme and its compiled templates (through the cache when there is one).
fn theme_and_templates<'c>(
    theme: Result<theme::Theme, Vec<Diagnostic>>,
    cache: Option<&mut (dyn BuildCache + 'c)>,
    diags: &mut Diagnostics,
) -> Option<(theme::Theme, std::sync::Arc<render::Templates>)> {
    let theme = match theme {
        Ok(t) => t,
        Err(problems) => {
            diags.extend(problems);
            return None;
        }
    };
    diags.extend(theme.warnings.iter().cloned());
    let compiled = match cache {
        Some(c) => c.templates(&theme),
        None => render::Templates::compile(&theme).map(std::sync::Arc::new),
    };
    match compiled {
        Ok(t) => Some((theme, t)),
        Err(problems) => {
            diags.extend(problems);
            None
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

pub(crate) fn parse_page(
    mut file: load::SourceFile,
    config: &config::Config,
) -> (ParsedPage, Vec<Diagnostic>) {
    let is_faq = resolve::is_faq(&file);
    let (front_matter, mut problems) = match frontmatter::parse(&file, config, is_faq) {
        Ok(fm) => {
            let policy =
                built(&fm, config).then(|| resolve::policy::page_problems(&file, &fm, config));
            (fm, policy.unwrap_or_default())
        }
        Err(problems) => (frontmatter::fallback(&file, is_faq), problems),
    };
    if built(&front_matter, config) {
        problems.extend(frontmatter::placeholders(&file));
    }
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

/// True unless the page is a draft this build leaves out: the review policy and the
/// placeholder check are for what is published.
fn built(fm: &frontmatter::FrontMatter, config: &config::Config) -> bool {
    !fm.draft || config.drafts
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
                code::OUTPUT_IS_SITE,
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
