//! Building what templates see from the resolved site; the types are in `views`.

use crate::config::{Address, Config};
use crate::dates::DateView;
use crate::health::duration::OffsetView;
use crate::i18n::Words;
use crate::parse::markdown::Heading;
use crate::resolve::model::{Page, PageKind, Site};

mod pictures;
mod views;

pub(crate) use pictures::{image_view, pair_view};
pub(crate) use views::*;

impl SiteView {
    /// The site view, without a current menu entry.
    pub(crate) fn new(site: &Site, stylesheet: String) -> SiteView {
        let c = &site.config;
        SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            base_url: c.base_url.clone(),
            root: c.base_path.clone(),
            language: c.language.clone(),
            default_language: c.default_language().to_string(),
            locale: c.locale.clone(),
            dir: if c.rtl { "rtl" } else { "ltr" },
            stylesheet,
            static_prefix: c.static_path.clone(),
            clinic: c.clinic.as_ref().map(|k| ClinicView {
                name: k.name.clone(),
                phone: k.phone.clone(),
                phone_href: k.phone.as_deref().map(crate::render::callouts::phone_href),
                email: k.email.clone(),
                booking_url: k.booking_url.as_deref().map(|u| menu_url(c, u)),
                opening_hours: k.opening_hours.clone(),
                address: k.address.as_ref().map(|a| AddressView {
                    one_line: one_line(a),
                    address: a.clone(),
                }),
            }),
            topics: c
                .topics
                .iter()
                .map(|t| TopicView {
                    id: t.id.clone(),
                    title: t.title.clone(),
                    description: t.description.clone(),
                    url: c.url(&topic_path(&t.id)),
                    count: site
                        .pages
                        .iter()
                        .filter(|p| p.topics.contains(&t.id))
                        .count(),
                })
                .collect(),
            menu: c
                .menu
                .iter()
                .map(|m| MenuView {
                    title: m.title.clone(),
                    url: menu_url(c, &m.url),
                    current: false,
                })
                .collect(),
            feed_url: c.permalink("/atom.xml"),
            search_url: Some(c.url(crate::paths::SEARCH_PAGE)),
        }
    }

    /// A copy with `current` set for the page at `url`.
    pub(crate) fn for_page(&self, url: &str) -> SiteView {
        let mut v = self.clone();
        for (m, current) in v.menu.iter_mut().zip(self.menu_current(url)) {
            m.current = current;
        }
        v
    }

    /// For each menu entry, whether it is current on the page at `url`: the page itself or
    /// a page below it (the home entry only on the home page).
    pub(crate) fn menu_current(&self, url: &str) -> Vec<bool> {
        self.menu
            .iter()
            .map(|m| m.url != self.root && url.starts_with(&m.url) || m.url == url)
            .collect()
    }
}

/// A URL of `site.toml` as pages show it: a site path under the language's base path.
pub(crate) fn menu_url(c: &Config, url: &str) -> String {
    if url.starts_with('/') {
        c.url(url)
    } else {
        url.to_string()
    }
}

fn one_line(a: &Address) -> String {
    let town = [a.postal_code.as_str(), a.locality.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    [
        a.street.as_str(),
        town.as_str(),
        a.region.as_str(),
        a.country.as_str(),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(", ")
}

/// Site path of a topic page.
pub(crate) fn topic_path(id: &str) -> String {
    format!("/topics/{id}/")
}

/// Site path of a tag page.
pub(crate) fn tag_path(slug: &str) -> String {
    format!("/tags/{slug}/")
}

/// Topic references of a page.
pub(crate) fn topic_refs(c: &Config, ids: &[String]) -> Vec<TopicRef> {
    ids.iter()
        .filter_map(|id| c.topic(id))
        .map(|t| TopicRef {
            id: t.id.clone(),
            title: t.title.clone(),
            url: c.url(&topic_path(&t.id)),
        })
        .collect()
}

/// Tag references of a page.
pub(crate) fn tag_refs(c: &Config, tags: &[String]) -> Vec<TagRef> {
    tags.iter()
        .filter(|t| !crate::resolve::tag_slug(t).is_empty())
        .map(|t| TagRef {
            name: t.clone(),
            url: c.url(&tag_path(&crate::resolve::tag_slug(t))),
        })
        .collect()
}

/// h2 entries with their h3 children.
pub(crate) fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    let mut out: Vec<TocEntry> = Vec::new();
    for h in headings {
        let entry = TocEntry {
            level: h.level,
            id: h.id.clone(),
            title: h.title.clone(),
            children: Vec::new(),
        };
        match h.level {
            2 => out.push(entry),
            3 => match out.last_mut() {
                Some(parent) => parent.children.push(entry),
                None => out.push(entry),
            },
            _ => {}
        }
    }
    out
}

/// Breadcrumbs from home to the parent of `path`.
pub(crate) fn breadcrumbs(site: &Site, words: &Words, path: &str) -> Vec<LinkView> {
    let c = &site.config;
    let mut crumbs = Vec::new();
    if path == "/" {
        return crumbs;
    }
    crumbs.push(LinkView {
        title: words.get("home"),
        url: c.base_path.clone(),
    });
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let mut prefix = String::from("/");
    for seg in &segments[..segments.len().saturating_sub(1)] {
        prefix.push_str(seg);
        prefix.push('/');
        let title = match (site.page_at(&prefix), prefix.as_str()) {
            (Some(i), _) => site.pages[i].title.clone(),
            // The generated indexes of topics and tags, by the titles they are shown with.
            (None, "/topics/") => words.get("topics_title"),
            (None, "/tags/") => words.get("tags_title"),
            (None, _) => seg.to_string(),
        };
        crumbs.push(LinkView {
            title,
            url: c.url(&prefix),
        });
    }
    crumbs
}

/// A page as a list entry.
pub(crate) fn list_item(site: &Site, p: &Page) -> ListItem {
    let c = &site.config;
    ListItem {
        title: p.title.clone(),
        url: c.url(&p.path),
        description: p.description.clone(),
        summary: p.summary.clone(),
        date: p.date.map(|d| DateView::new(d, &c.locale)),
        updated: p.updated.map(|d| DateView::new(d, &c.locale)),
        kind: p.kind.name(),
        topics: topic_refs(c, &p.topics),
        tags: tag_refs(c, &p.tags),
        count: None,
        image: p.image.as_ref().map(|i| image_view(c, p, i)),
    }
}

/// [`page_view`] with the site's cross-links indexed once for all pages.
pub(crate) fn page_view_with<'a>(
    site: &'a Site,
    words: &Words,
    links: &crate::resolve::crosslinks::CrossLinks<'_>,
    p: &'a Page,
    jsonld: String,
) -> PageView<'a> {
    let c = &site.config;
    let link = |i: &usize| LinkView {
        title: site.pages[*i].title.clone(),
        url: c.url(&site.pages[*i].path),
    };
    PageView {
        kind: p.kind.name(),
        title: &p.title,
        description: &p.description,
        url: c.url(&p.path),
        permalink: c.permalink(&p.path),
        content: crate::render::callouts::label_callouts(&p.html, words, c.clinic.as_ref()),
        summary: &p.summary,
        date: p.date.map(|d| DateView::new(d, &c.locale)),
        updated: p.updated.map(|d| DateView::new(d, &c.locale)),
        translation_outdated: p.translation_outdated,
        reading_minutes: p.word_count.div_ceil(200).max(1),
        word_count: p.word_count,
        topics: topic_refs(c, &p.topics),
        tags: tag_refs(c, &p.tags),
        toc: toc(&p.headings),
        breadcrumbs: breadcrumbs(site, words, &p.path),
        reviewed: p.reviewed.as_ref().map(|r| ReviewView {
            by: r.by.clone(),
            role: r.role.clone(),
            on: DateView::new(r.on, &c.locale),
            next: r.next.map(|d| DateView::new(d, &c.locale)),
            overdue: review_overdue(p, c),
        }),
        sources: &p.sources,
        jsonld,
        extra: Some(&p.extra),
        stages: p
            .stages
            .iter()
            .map(|s| stage_view(c, words, p, s))
            .collect(),
        side_effects: p
            .side_effects
            .iter()
            .map(|s| side_effect_view(s, words))
            .collect(),
        costs: p
            .costs
            .iter()
            .map(|k| cost_view(k, &c.locale, c.schedule.today))
            .collect(),
        image: p.image.as_ref().map(|i| image_view(c, p, i)),
        gallery: p
            .gallery
            .iter()
            .map(|g| pair_view(c, words, p, g))
            .collect(),
        question: p.question.as_deref(),
        related: p.related.iter().map(link).collect(),
        backlinks: p.backlinks.iter().map(link).collect(),
        faqs: match (p.kind, site.page_at(&p.path)) {
            (PageKind::Article, Some(i)) => links.faqs_for(site, i).iter().map(link).collect(),
            _ => Vec::new(),
        },
        articles: match p.kind {
            PageKind::Faq => links
                .articles_on(site, &p.topics)
                .iter()
                .map(link)
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// A stage as templates see it, linking to the section of `page` it comes from.
pub(crate) fn stage_view(
    c: &Config,
    words: &Words,
    page: &Page,
    s: &crate::health::Stage,
) -> StageView {
    StageView {
        id: s.id.clone(),
        title: s.title.clone(),
        from: OffsetView::new(s.from, words),
        to: OffsetView::new(s.to, words),
        when: crate::health::duration::range_text_in(&s.from, &s.to, words),
        url: match &s.section {
            Some(sec) => format!("{}#{sec}", c.url(&page.path)),
            None => c.url(&page.path),
        },
        summary: s.summary.clone(),
        expect: s.expect.clone(),
        to_do: s.to_do.clone(),
        avoid: s
            .avoid
            .iter()
            .map(|a| AvoidView {
                what: a.what.clone(),
                until: OffsetView::new(a.until, words),
                note: a.note.as_deref().map(crate::parse::markdown::inline_html),
            })
            .collect(),
        call_clinic_if: s.call_clinic_if.clone(),
    }
}

/// A side effect as templates see it.
pub(crate) fn side_effect_view(s: &crate::health::SideEffect, words: &Words) -> SideEffectView {
    SideEffectView {
        name: s.name.clone(),
        onset: s.onset.map(|o| OffsetView::new(o, words)),
        lasts: s.lasts.map(|o| OffsetView::new(o, words)),
        frequency: s.frequency,
        action: s.action,
        note: s.note.clone(),
    }
}

/// A cost item with its amounts formatted, and whether its price has expired by `today`.
pub(crate) fn cost_view(
    k: &crate::health::CostItem,
    locale: &str,
    today: Option<crate::dates::Date>,
) -> CostView {
    use crate::health::currency::format_money_in;
    CostView {
        item: k.item.clone(),
        min: format_money_in(k.min, &k.currency, locale),
        max: format_money_in(k.max, &k.currency, locale),
        currency: k.currency.clone(),
        per: k.per.clone(),
        count: if k.count.0 == k.count.1 {
            k.count.0.to_string()
        } else {
            format!("{}–{}", k.count.0, k.count.1)
        },
        note: k.note.clone(),
        valid_until: k.valid_until.map(|d| DateView::new(d, locale)),
        expired: matches!((k.valid_until, today), (Some(u), Some(t)) if u < t),
    }
}

/// Whether a page kind is listed in feeds and on the home page.
pub(crate) fn is_listed(kind: PageKind) -> bool {
    matches!(kind, PageKind::Article | PageKind::Faq)
}

/// True when the page's review is overdue on the build's day (never outside a build).
fn review_overdue(p: &Page, c: &Config) -> bool {
    c.schedule.today.is_some_and(|today| {
        crate::resolve::review::status(p, c, today).0
            == crate::resolve::review::ReviewStatus::Overdue
    })
}
