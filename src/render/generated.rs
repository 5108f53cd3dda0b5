//! Generated pages: topic and tag lists and their indexes, the timeline, side effects,
//! costs, before/after results and 404 pages, rendered in parallel with their contexts built as they render.

use rayon::prelude::*;
use tera::Context;

use super::job::{render_job, Job, SiteValues};
use super::{html_file, PageMemo, Sink, Templates};
use crate::diagnostics::Diagnostic;
use crate::i18n::Words;
use crate::render::context::{self, list_item, ListItem, PageView};
use crate::render::health_pages::{self, Costs, SideEffectGroup, Timeline};
use crate::render::jsonld::{self, Subject};
use crate::render::results::{self, Results};
use crate::resolve::model::Site;

/// What kind of page Pigment generates: its `page.kind` and template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Terms,
    Term,
    Timeline,
    SideEffects,
    Costs,
    Results,
    NotFound,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Terms => "terms",
            Kind::Term => "term",
            Kind::Timeline => "timeline",
            Kind::SideEffects => "side-effects",
            Kind::Costs => "costs",
            Kind::Results => "results",
            Kind::NotFound => "not-found",
        }
    }

    fn template(self) -> &'static str {
        match self {
            Kind::Terms => "terms.html",
            Kind::Term => "term.html",
            Kind::Timeline => "timeline.html",
            Kind::SideEffects => "side-effects.html",
            Kind::Costs => "costs.html",
            Kind::Results => "results.html",
            Kind::NotFound => "404.html",
        }
    }
}

/// What a generated page lists: given, or a topic's or tag's pages (made when rendered).
enum Listing {
    Items(Vec<ListItem>),
    Topic(usize),
    Tag(usize),
}

/// One page to generate.
struct Generated {
    path: String,
    title: String,
    description: String,
    kind: Kind,
    listing: Listing,
}

impl Generated {
    /// A page that lists nothing.
    fn unlisted(path: &str, title: &str, description: &str, kind: Kind) -> Generated {
        Generated {
            path: path.to_string(),
            title: title.to_string(),
            description: description.to_string(),
            kind,
            listing: Listing::Items(Vec::new()),
        }
    }
}

/// The data of the timeline, side effects, costs and results pages, made once per render.
struct HealthData {
    timeline: Timeline,
    side_effect_groups: Vec<SideEffectGroup>,
    costs: Costs,
    results: Results,
}

/// The site paths of the pages [`render`] makes, the 404 page's left out.
pub(super) fn paths(site: &Site, templates: &Templates) -> Vec<String> {
    let words = templates.words(&site.config);
    let (_, pages) = generated_pages(site, &words);
    pages.into_iter().map(|p| p.path).collect()
}

/// The health pages' data and the pages to generate, the 404 page's left out.
fn generated_pages(site: &Site, words: &Words) -> (HealthData, Vec<Generated>) {
    let health = HealthData {
        timeline: health_pages::timeline(site, words),
        side_effect_groups: health_pages::side_effects(site, words),
        costs: health_pages::costs_in(site, words),
        results: results::results(site, words),
    };
    let mut pages = term_pages(site, words);
    pages.extend(health_pages(&health, words));
    (health, pages)
}

/// Renders every generated page into `sink`. Returns the pages that failed to render and
/// the site paths of the pages made (for the sitemap; the 404 page is not one of them).
pub(super) fn render(
    site: &Site,
    templates: &Templates,
    memo: Option<&dyn PageMemo>,
    sink: &dyn Sink,
    site_values: &SiteValues,
) -> (Vec<Diagnostic>, Vec<String>) {
    let words = templates.words(&site.config);
    let (health, mut pages) = generated_pages(site, &words);
    pages.push(Generated::unlisted(
        "/404.html",
        &words.get("not_found_title"),
        &words.get("not_found_description"),
        Kind::NotFound,
    ));
    let renderer = Renderer {
        site,
        templates,
        memo,
        sink,
        site_values,
        health: &health,
    };
    let failed = pages
        .par_iter()
        .filter(|_| sink.wants_more())
        .filter_map(|page| renderer.render(page))
        .collect();
    let paths = pages
        .into_iter()
        .filter(|page| page.kind != Kind::NotFound)
        .map(|page| page.path)
        .collect();
    (failed, paths)
}

/// The topic and tag indexes (`/topics/`, `/tags/`), then a page per topic and per tag.
/// Their lists are made while each page renders, so a large site never holds every list
/// (or every generated page's context) at once.
fn term_pages(site: &Site, words: &Words) -> Vec<Generated> {
    let c = &site.config;
    let topics = c.topics.iter().enumerate().map(|(n, t)| Generated {
        path: context::topic_path(&t.id),
        title: t.title.clone(),
        description: t.description.clone(),
        kind: Kind::Term,
        listing: Listing::Topic(n),
    });
    let topics: Vec<Generated> = topics.collect();
    let tags = site.tags.iter().enumerate().map(|(n, t)| Generated {
        path: context::tag_path(&t.slug),
        title: t.name.clone(),
        description: words.with("tag_description", &[("tag", &t.name)]),
        kind: Kind::Term,
        listing: Listing::Tag(n),
    });
    let tags: Vec<Generated> = tags.collect();
    let mut pages = Vec::new();
    if !c.topics.is_empty() {
        let (title, about) = (words.get("topics_title"), words.get("topics_description"));
        pages.push(term_index(site, "/topics/", &title, &about, &topics));
    }
    if !site.tags.is_empty() {
        let (title, about) = (words.get("tags_title"), words.get("tags_description"));
        pages.push(term_index(site, "/tags/", &title, &about, &tags));
    }
    pages.extend(topics);
    pages.extend(tags);
    pages
}

/// The page listing `terms`, each with how many pages it has.
fn term_index(
    site: &Site,
    path: &str,
    title: &str,
    description: &str,
    terms: &[Generated],
) -> Generated {
    let items = terms
        .iter()
        .map(|t| ListItem {
            title: t.title.clone(),
            url: site.config.url(&t.path),
            description: t.description.clone(),
            summary: t.description.clone(),
            kind: "term",
            count: Some(t.listing.count(site)),
            ..ListItem::default()
        })
        .collect();
    Generated {
        listing: Listing::Items(items),
        ..Generated::unlisted(path, title, description, Kind::Terms)
    }
}

/// The timeline, side effects, costs and results pages, each when the site has something to show.
fn health_pages(health: &HealthData, words: &Words) -> Vec<Generated> {
    let pages = [
        (
            !health.timeline.stages.is_empty(),
            Kind::Timeline,
            "/timeline/",
            "timeline",
        ),
        (
            !health.side_effect_groups.is_empty(),
            Kind::SideEffects,
            "/side-effects/",
            "side_effects",
        ),
        (
            !health.costs.items.is_empty(),
            Kind::Costs,
            "/costs/",
            "costs",
        ),
        (
            health.results.count > 0,
            Kind::Results,
            crate::paths::RESULTS_PAGE,
            "results",
        ),
    ];
    pages
        .into_iter()
        .filter(|(shown, ..)| *shown)
        .map(|(_, kind, path, key)| {
            let title = words.get(&format!("{key}_title"));
            let about = words.get(&format!("{key}_description"));
            Generated::unlisted(path, &title, &about, kind)
        })
        .collect()
}

impl Listing {
    /// How many pages it lists.
    fn count(&self, site: &Site) -> usize {
        match self {
            Listing::Topic(n) => topic_pages(site, *n).len(),
            Listing::Tag(n) => site.tags[*n].pages.len(),
            Listing::Items(items) => items.len(),
        }
    }

    /// The list, as `pages` in the template.
    fn items(&self, site: &Site) -> Vec<ListItem> {
        let listed = |idx: &[usize]| {
            idx.iter()
                .map(|&i| list_item(site, &site.pages[i]))
                .collect()
        };
        match self {
            Listing::Items(items) => items.clone(),
            Listing::Topic(n) => listed(&topic_pages(site, *n)),
            Listing::Tag(n) => listed(&site.tags[*n].pages),
        }
    }
}

/// The pages on topic number `n`, in list order.
fn topic_pages(site: &Site, n: usize) -> Vec<usize> {
    let id = &site.config.topics[n].id;
    let mut idx: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].topics.iter().any(|x| x == id))
        .collect();
    site.sort_for_list(&mut idx);
    idx
}

/// `page` of a page Pigment generates at `path`: no body, no dates, its description as
/// summary. Its breadcrumbs and JSON-LD name `trail_path` (the 404 page's is `/404/`).
pub(super) fn page_view<'a>(
    site: &Site,
    words: &Words,
    kind: &'static str,
    path: &str,
    trail_path: &str,
    title: &'a str,
    description: &'a str,
) -> PageView<'a> {
    let c = &site.config;
    let subject = Subject::Generated {
        path: trail_path,
        file_path: path,
        title,
        description,
    };
    PageView {
        kind,
        title,
        description,
        url: c.url(path),
        permalink: c.permalink(path),
        summary: description,
        breadcrumbs: context::breadcrumbs(site, words, trail_path),
        jsonld: jsonld::script(site, words, &subject, Vec::new()),
        ..PageView::default()
    }
}

/// What every generated page renders with.
struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    memo: Option<&'a dyn PageMemo>,
    sink: &'a dyn Sink,
    site_values: &'a SiteValues,
    health: &'a HealthData,
}

impl Renderer<'_> {
    /// Renders `page` into the sink; the problem when its template is missing or fails.
    fn render(&self, page: &Generated) -> Option<Diagnostic> {
        let template = page.kind.template();
        if let Err(d) = self.templates.require(template) {
            return Some(d);
        }
        let (site, path) = (self.site, page.path.as_str());
        let (trail_path, out) = match page.kind {
            Kind::NotFound => ("/404/", "404.html".to_string()),
            _ => (path, html_file(path)),
        };
        let url = site.config.url(path);
        let mut ctx = Context::new();
        match page.kind {
            Kind::Timeline => ctx.insert("timeline", &self.health.timeline),
            Kind::SideEffects => ctx.insert("side_effect_groups", &self.health.side_effect_groups),
            Kind::Costs => ctx.insert("costs", &self.health.costs),
            Kind::Results => ctx.insert("results", &self.health.results),
            _ => {}
        }
        self.site_values
            .insert(&mut ctx, &url, || super::languages::page_key("", path));
        let (kind, title, description) = (page.kind.name(), &page.title, &page.description);
        let words = self.templates.words(&site.config);
        let view = page_view(site, &words, kind, path, trail_path, title, description);
        ctx.insert("page", &view);
        ctx.insert("pages", &page.listing.items(site));
        let job = Job {
            out,
            url,
            template: template.to_string(),
            ctx,
        };
        match render_job(self.templates, self.memo, &job)? {
            Ok(f) => {
                self.sink.put(f);
                None
            }
            Err(d) => Some(d),
        }
    }
}
