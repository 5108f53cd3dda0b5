//! Stage 3, resolve: turns the parse stage's [`ParsedPage`]s into the [`Site`]
//! (`resolve/model.rs`) the render stage draws: a URL for every page (two may not share
//! one), links rewritten and checked, related pages, backlinks, aliases, tags, and list
//! pages for folders. Every problem found on the way is returned, not only the first.

mod aliases;
pub(crate) mod checks;
pub(crate) mod crosslinks;
pub(crate) mod images;
pub(crate) mod languages;
mod links;
pub(crate) mod model;
mod order;
mod pages;
pub(crate) mod pictures;
pub(crate) mod policy;
pub(crate) mod prices;
pub(crate) mod readability;
mod related;
pub(crate) mod review;
mod schedule;
mod tags;
pub(crate) mod translations;

use std::collections::{HashMap, HashSet};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::parse::ParsedPage;
use crate::resolve::links::Targets;
use crate::resolve::model::{Page, Site};

pub(crate) use links::body_html;
pub(crate) use pages::{is_faq, summary};
pub(crate) use schedule::next_change;
pub(crate) use tags::tag_slug;

/// Resolves parsed pages into one site per language, the default language's first (a site
/// in one language gets one). Drafts are dropped unless `drafts`. `unloaded` holds the
/// content paths of files that exist but failed to load: their own error is the one
/// reported, so links to them are not reported again as missing pages.
pub(crate) fn resolve_languages(
    config: Config,
    parsed: Vec<ParsedPage>,
    drafts: bool,
    unloaded: &HashSet<String>,
) -> (Vec<Site>, Vec<Diagnostic>) {
    let (mut sites, mut problems) = resolve_each_language(config, parsed, drafts, unloaded);
    if sites.len() > 1 {
        languages::link_translations(&mut sites);
        problems.extend(translations::check_translations(&mut sites));
    }
    (sites, problems)
}

/// One site per language, each resolved on its own; translations not yet checked against
/// their originals or linked to them.
fn resolve_each_language(
    config: Config,
    parsed: Vec<ParsedPage>,
    drafts: bool,
    unloaded: &HashSet<String>,
) -> (Vec<Site>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut groups = languages::by_language(parsed, &config, &mut problems).into_iter();
    let first = groups.next().map(|g| g.pages).unwrap_or_default();
    let (first, originals) =
        schedule::hold_back(first, &config.schedule, drafts, &schedule::Held::new());
    let (default, p) = resolve_one(config.clone(), first, drafts, unloaded, None, &originals);
    problems.extend(p);
    let mut sites = vec![default];
    for group in groups {
        let Some(lang_config) = config.for_language(&group.code) else {
            continue;
        };
        // A translation comes and goes with its original.
        let (pages, held) = schedule::hold_back(group.pages, &config.schedule, drafts, &originals);
        let fallback = Some(&sites[0]);
        let (site, p) = resolve_one(lang_config, pages, drafts, unloaded, fallback, &held);
        problems.extend(p);
        sites.push(site);
    }
    (sites, problems)
}

/// Resolves parsed pages into the site model of the default language (the whole site, for a
/// site in one language); the problems are those of every language, as
/// `resolve_languages` finds them.
pub fn resolve(
    config: Config,
    parsed: Vec<ParsedPage>,
    drafts: bool,
    unloaded: &HashSet<String>,
) -> (Site, Vec<Diagnostic>) {
    let (mut sites, problems) = resolve_languages(config, parsed, drafts, unloaded);
    (sites.swap_remove(0), problems)
}

/// Resolves the pages of one language. `fallback` is the default language's site, whose
/// pages a translation's links go to when its language has no such page; `held`, the
/// pages the calendar keeps out, which links may not point to.
fn resolve_one(
    config: Config,
    parsed: Vec<ParsedPage>,
    drafts: bool,
    unloaded: &HashSet<String>,
    fallback: Option<&Site>,
    held: &schedule::Held,
) -> (Site, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let (parsed, draft_paths) = leave_out_drafts(parsed, drafts);
    // Files whose own error was reported: a link to one is not a second problem.
    let mut reported = unloaded.clone();
    let (mut pages, mut parsed) = pages::assign_urls(parsed, &config, &mut reported, &mut problems);
    pages::add_section_pages(&mut pages, &config);
    let by_source = index_by_source(&pages.list);
    let targets = Targets::new(&draft_paths, &reported, &by_source, held);
    let list = &mut pages.list;
    links::link_bodies(
        list,
        &mut parsed,
        &by_source,
        &config,
        &targets,
        fallback,
        &mut problems,
    );
    related::set_related(list, &parsed, &by_source, &targets, &mut problems);
    aliases::check_aliases(list, &parsed, &by_source, &pages.by_path, &mut problems);
    // Template names must exist; checked in render, where templates are known.
    let tags = tags::collect_tags(&pages.list);
    (order::into_site(config, pages.list, tags), problems)
}

/// The pages to build, and the content paths of the drafts left out (unless `drafts`).
fn leave_out_drafts(parsed: Vec<ParsedPage>, drafts: bool) -> (Vec<ParsedPage>, HashSet<String>) {
    if drafts {
        return (parsed, HashSet::new());
    }
    let (left_out, kept): (Vec<ParsedPage>, Vec<ParsedPage>) =
        parsed.into_iter().partition(|p| p.front_matter.draft);
    let paths = left_out.into_iter().map(|p| p.file.path).collect();
    (kept, paths)
}

/// Page indices by content path; generated pages have none.
fn index_by_source(pages: &[Page]) -> HashMap<String, usize> {
    pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.source.is_empty())
        .map(|(i, p)| (p.source.clone(), i))
        .collect()
}
