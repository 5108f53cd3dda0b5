//! Stage 3, resolve: turns the parse stage's [`ParsedPage`]s into the [`Site`]
//! (`resolve/model.rs`) the render stage draws: a URL for every page (two may not share
//! one), links rewritten and checked, related pages, backlinks, aliases, tags, and list
//! pages for folders. Every problem found on the way is returned, not only the first.

mod aliases;
pub(crate) mod checks;
pub(crate) mod crosslinks;
mod links;
pub(crate) mod model;
mod order;
mod pages;
mod related;
mod tags;

use std::collections::{HashMap, HashSet};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::parse::ParsedPage;
use crate::resolve::links::Targets;
use crate::resolve::model::{Page, Site};

pub(crate) use links::body_html;
pub(crate) use pages::{is_faq, summary};
pub(crate) use tags::tag_slug;

/// Resolves parsed pages into the site model. Drafts are dropped unless `drafts`.
/// `unloaded` holds the content paths of files that exist but failed to load: their own
/// error is the one reported, so links to them are not reported again as missing pages.
pub fn resolve(
    config: Config,
    parsed: Vec<ParsedPage>,
    drafts: bool,
    unloaded: &HashSet<String>,
) -> (Site, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let (parsed, draft_paths) = leave_out_drafts(parsed, drafts);
    // Files whose own error was reported: a link to one is not a second problem.
    let mut reported = unloaded.clone();
    let (mut pages, mut parsed) = pages::assign_urls(parsed, &config, &mut reported, &mut problems);
    pages::add_section_pages(&mut pages, &config);
    let by_source = index_by_source(&pages.list);
    let targets = Targets::new(&draft_paths, &reported, &by_source);
    let list = &mut pages.list;
    links::link_bodies(
        list,
        &mut parsed,
        &by_source,
        &config,
        &targets,
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
