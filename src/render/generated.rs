//! Generated pages: topic and tag lists and their indexes, the timeline, side effects,
//! costs and 404 pages, rendered in parallel with their contexts built as they render.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::{html_file, render_job, Job, PageMemo, Sink, SiteValues, Templates};
use crate::dates::DateView;
use crate::diagnostics::Diagnostic;
use crate::render::context::{self, list_item, LinkView, ListItem};
use crate::render::health_pages;
use crate::render::jsonld::{self, Subject};
use crate::resolve::model::Site;

/// The `page` of generated pages (topics, tags, 404).
#[derive(Debug, Serialize)]
struct GeneratedView<'a> {
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    url: String,
    permalink: String,
    content: &'a str,
    summary: &'a str,
    date: Option<DateView>,
    updated: Option<DateView>,
    reading_minutes: usize,
    word_count: usize,
    topics: Vec<context::TopicRef>,
    tags: Vec<context::TagRef>,
    toc: Vec<context::TocEntry>,
    breadcrumbs: Vec<LinkView>,
    reviewed: Option<context::ReviewView>,
    sources: Vec<crate::parse::frontmatter::Source>,
    jsonld: String,
    extra: serde_json::Value,
    stages: Vec<context::StageView>,
    side_effects: Vec<context::SideEffectView>,
    costs: Vec<context::CostView>,
    question: Option<&'a str>,
    related: Vec<LinkView>,
    backlinks: Vec<LinkView>,
    faqs: Vec<LinkView>,
    articles: Vec<LinkView>,
}

/// What a generated page lists: given, or a topic's or tag's pages (made when rendered).
enum Listing {
    Items(Vec<ListItem>),
    Topic(usize),
    Tag(usize),
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
    let c = &site.config;
    // Topic and tag pages. Their lists are made while each page renders, so a large site
    // never holds every list (or every generated page's context) at once.
    let topic_pages = |t: &str| -> Vec<usize> {
        let mut idx: Vec<usize> = (0..site.pages.len())
            .filter(|&i| site.pages[i].topics.iter().any(|x| x == t))
            .collect();
        site.sort_for_list(&mut idx);
        idx
    };
    let topic_terms: Vec<(String, String, String, Listing)> = c
        .topics
        .iter()
        .enumerate()
        .map(|(n, t)| {
            (
                context::topic_path(&t.id),
                t.title.clone(),
                t.description.clone(),
                Listing::Topic(n),
            )
        })
        .collect();
    let tag_terms: Vec<(String, String, String, Listing)> = site
        .tags
        .iter()
        .enumerate()
        .map(|(n, t)| {
            (
                context::tag_path(&t.slug),
                t.name.clone(),
                format!("Pages tagged “{}”.", t.name),
                Listing::Tag(n),
            )
        })
        .collect();
    let count = |l: &Listing| match l {
        Listing::Topic(n) => topic_pages(&c.topics[*n].id).len(),
        Listing::Tag(n) => site.tags[*n].pages.len(),
        Listing::Items(items) => items.len(),
    };
    let term_index = |path: &str, title: &str, terms: &[(String, String, String, Listing)]| {
        let items: Vec<ListItem> = terms
            .iter()
            .map(|(p, t, d, listing)| ListItem {
                title: t.clone(),
                url: c.url(p),
                description: d.clone(),
                summary: d.clone(),
                date: None,
                updated: None,
                kind: "term",
                topics: Vec::new(),
                tags: Vec::new(),
                count: Some(count(listing)),
            })
            .collect();
        (path.to_string(), title.to_string(), Listing::Items(items))
    };
    let mut generated: Vec<(String, String, String, &'static str, Listing)> = Vec::new();
    if !c.topics.is_empty() {
        let (p, t, items) = term_index("/topics/", "Topics", &topic_terms);
        generated.push((
            p,
            t,
            "Every topic this guide covers.".to_string(),
            "terms",
            items,
        ));
    }
    if !site.tags.is_empty() {
        let (p, t, items) = term_index("/tags/", "Tags", &tag_terms);
        generated.push((
            p,
            t,
            "Every tag used on this site.".to_string(),
            "terms",
            items,
        ));
    }
    for (p, t, d, items) in topic_terms.into_iter().chain(tag_terms) {
        generated.push((p, t, d, "term", items));
    }
    let timeline = health_pages::timeline(site);
    let side_effect_groups = health_pages::side_effects(site);
    let costs = health_pages::costs(site);
    if !timeline.stages.is_empty() {
        generated.push((
            "/timeline/".to_string(),
            "Recovery timeline".to_string(),
            "Every stage of preparation and recovery in order, with what to expect, what to do and what to avoid, and when to call the clinic.".to_string(),
            "timeline",
            Listing::Items(Vec::new()),
        ));
    }
    if !side_effect_groups.is_empty() {
        generated.push((
            "/side-effects/".to_string(),
            "Side effects".to_string(),
            "Possible side effects, when they start, how long they last, how common they are and what to do about each.".to_string(),
            "side-effects",
            Listing::Items(Vec::new()),
        ));
    }
    if !costs.items.is_empty() {
        generated.push((
            "/costs/".to_string(),
            "Costs".to_string(),
            "What treatment costs: every item, per session, and the total range for a full course."
                .to_string(),
            "costs",
            Listing::Items(Vec::new()),
        ));
    }
    generated.push((
        "/404.html".to_string(),
        "Page not found".to_string(),
        "The page you asked for is not here.".to_string(),
        "not-found",
        Listing::Items(Vec::new()),
    ));

    let generated_failed: Vec<Diagnostic> = generated
        .par_iter()
        .filter(|_| sink.wants_more())
        .filter_map(|(path, title, description, kind, listing)| {
            let template = match *kind {
                "terms" => "terms.html",
                "term" => "term.html",
                "timeline" => "timeline.html",
                "side-effects" => "side-effects.html",
                "costs" => "costs.html",
                _ => "404.html",
            };
            if !templates.has(template) {
                return Some(
                    Diagnostic::error("P0405", format!("template `{template}` not found"))
                        .help(format!("add `templates/{template}` to the site or theme")),
                );
            }
            let url = c.url(path);
            let breadcrumb_path = if *kind == "not-found" {
                "/404/"
            } else {
                path.as_str()
            };
            let view = GeneratedView {
                kind,
                title,
                description,
                url: url.clone(),
                permalink: c.permalink(path),
                content: "",
                summary: description,
                date: None,
                updated: None,
                reading_minutes: 0,
                word_count: 0,
                topics: Vec::new(),
                tags: Vec::new(),
                toc: Vec::new(),
                breadcrumbs: context::breadcrumbs(site, breadcrumb_path),
                reviewed: None,
                sources: Vec::new(),
                jsonld: jsonld::script(
                    site,
                    &Subject::Generated {
                        path: breadcrumb_path,
                        title,
                        description,
                    },
                    Vec::new(),
                ),
                extra: serde_json::Value::Null,
                stages: Vec::new(),
                side_effects: Vec::new(),
                costs: Vec::new(),
                question: None,
                related: Vec::new(),
                backlinks: Vec::new(),
                faqs: Vec::new(),
                articles: Vec::new(),
            };
            let mut ctx = Context::new();
            match *kind {
                "timeline" => ctx.insert("timeline", &timeline),
                "side-effects" => ctx.insert("side_effect_groups", &side_effect_groups),
                "costs" => ctx.insert("costs", &costs),
                _ => {}
            }
            ctx.insert_value("site", site_values.get(&url));
            ctx.insert("page", &view);
            let items: Vec<ListItem> = match listing {
                Listing::Items(items) => items.clone(),
                Listing::Topic(n) => topic_pages(&c.topics[*n].id)
                    .iter()
                    .map(|&i| list_item(site, &site.pages[i]))
                    .collect(),
                Listing::Tag(n) => site.tags[*n]
                    .pages
                    .iter()
                    .map(|&i| list_item(site, &site.pages[i]))
                    .collect(),
            };
            ctx.insert("pages", &items);
            drop(items);
            let out = if *kind == "not-found" {
                "404.html".to_string()
            } else {
                html_file(path)
            };
            let job = Job {
                out,
                url,
                template: template.to_string(),
                ctx,
            };
            match render_job(templates, memo, &job) {
                Some(Ok(f)) => {
                    sink.put(f);
                    None
                }
                Some(Err(d)) => Some(d),
                None => None,
            }
        })
        .collect();
    let paths = generated
        .into_iter()
        .filter(|(_, _, _, kind, _)| *kind != "not-found")
        .map(|(path, ..)| path)
        .collect();
    (generated_failed, paths)
}
