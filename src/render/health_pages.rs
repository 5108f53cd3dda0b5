//! Pages built from many articles' front matter: the recovery timeline with its "what can I
//! do when" chart, side effects by action, costs with totals, and the FAQ grouped by topic.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::dates::DateView;
use crate::health::currency::format_money_in;
use crate::health::duration::{Offset, OffsetView};
use crate::health::Action;
use crate::i18n::Words;
use crate::render::context::{LinkView, SideEffectView};
use crate::resolve::model::{PageKind, Site};

/// Days shown as columns of the "what can I do when" chart.
pub(crate) const CHART_DAYS: [i64; 6] = [1, 3, 7, 14, 28, 42];

/// One stage on the timeline.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TimelineStage {
    /// Anchor on the timeline page (`recovery--first-days`).
    pub anchor: String,
    /// Stage data, with a link to its section.
    #[serde(flatten)]
    pub stage: crate::render::context::StageView,
    /// The article it comes from.
    pub source: LinkView,
    /// True for stages before treatment.
    pub before_treatment: bool,
}

/// A row of the chart: one activity.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChartRow {
    /// The activity.
    pub what: String,
    /// Until when to avoid it.
    pub until: OffsetView,
    /// One cell per [`CHART_DAYS`] column: true while it is still to be avoided.
    pub cells: Vec<bool>,
    /// Bar length as a percentage of the chart's six weeks (capped at 100).
    pub bar_percent: u32,
    /// The number of its caveat in [`Timeline::notes`], when it has one.
    pub note: Option<usize>,
}

/// A caveat of the chart, shown below it as a numbered note.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChartNote {
    /// 1, 2, … in chart order.
    pub number: usize,
    /// The activity it belongs to.
    pub what: String,
    /// The caveat (HTML).
    pub html: String,
}

/// The chart's column headings.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChartColumn {
    /// Day number.
    pub day: i64,
    /// "Day 3", "Week 2".
    pub label: String,
}

/// The timeline page's data.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Timeline {
    /// Stages, ordered by start then end.
    pub stages: Vec<TimelineStage>,
    /// Chart columns.
    pub columns: Vec<ChartColumn>,
    /// Chart rows, longest restriction last.
    pub rows: Vec<ChartRow>,
    /// The rows' caveats, numbered in chart order.
    pub notes: Vec<ChartNote>,
}

/// Side effects sharing an action.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SideEffectGroup {
    /// `self-care`, `contact-clinic`, `urgent`.
    pub action: Action,
    /// "Look after it at home".
    pub title: String,
    /// What to do, in a sentence.
    pub advice: String,
    /// The side effects.
    pub items: Vec<SideEffectEntry>,
}

/// A side effect with its source.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SideEffectEntry {
    /// The side effect.
    #[serde(flatten)]
    pub effect: SideEffectView,
    /// The article it comes from.
    pub source: LinkView,
}

/// A cost line with its computed range.
#[derive(Debug, Clone, Serialize)]
pub struct CostEntry {
    /// Formatted item.
    #[serde(flatten)]
    pub item: crate::render::context::CostView,
    /// Lowest total: min × fewest.
    pub total_min: String,
    /// Highest total: max × most.
    pub total_max: String,
    /// The article it comes from.
    pub source: LinkView,
}

/// A total per currency.
#[derive(Debug, Clone, Serialize)]
pub struct CostTotal {
    /// ISO code.
    pub currency: String,
    /// Lowest total.
    pub min: String,
    /// Highest total.
    pub max: String,
}

/// The costs page's data.
#[derive(Debug, Clone, Serialize)]
pub struct Costs {
    /// Every item.
    pub items: Vec<CostEntry>,
    /// Totals, one per currency.
    pub totals: Vec<CostTotal>,
    /// "Prices as of".
    pub as_of: Option<DateView>,
    /// Disclaimer text.
    pub disclaimer: String,
}

/// An FAQ as shown on `/faq/`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FaqEntry {
    /// Anchor on `/faq/`.
    pub anchor: String,
    /// The question.
    pub question: String,
    /// The answer (HTML).
    pub answer: String,
    /// The question's own page.
    pub url: String,
    /// Articles on its topics.
    pub articles: Vec<LinkView>,
    /// Its related pages.
    pub related: Vec<LinkView>,
}

/// FAQs under one topic.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FaqGroup {
    /// Topic id (`other` for questions without topics).
    pub id: String,
    /// Topic title.
    pub title: String,
    /// Questions.
    pub faqs: Vec<FaqEntry>,
}

fn link(site: &Site, i: usize) -> LinkView {
    LinkView {
        title: site.pages[i].title.clone(),
        url: site.config.url(&site.pages[i].path),
    }
}

/// The recovery timeline across all articles.
pub(crate) fn timeline(site: &Site, words: &Words) -> Timeline {
    let mut stages: Vec<(Offset, Offset, &str, usize, TimelineStage)> = Vec::new();
    let mut until: BTreeMap<String, (String, Offset, Option<String>)> = BTreeMap::new();
    for (i, p) in site.pages.iter().enumerate() {
        for (n, s) in p.stages.iter().enumerate() {
            let slug = p
                .path
                .trim_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("page");
            stages.push((
                s.from,
                s.to,
                p.path.as_str(),
                n,
                TimelineStage {
                    anchor: format!("{slug}--{}", s.id),
                    stage: crate::render::context::stage_view(&site.config, words, p, s),
                    source: link(site, i),
                    before_treatment: s.from.hours() < 0,
                },
            ));
            for a in &s.avoid {
                let key = crate::health::activity_key(&a.what);
                let entry = until.entry(key).or_insert((a.what.clone(), a.until, None));
                if a.until > entry.1 {
                    entry.1 = a.until;
                }
                // The first caveat written for an activity goes with its row.
                if entry.2.is_none() {
                    entry.2.clone_from(&a.note);
                }
            }
        }
    }
    stages.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut rows: Vec<(ChartRow, Option<String>)> = until
        .into_values()
        .filter(|(_, u, _)| u.hours() > 0)
        .map(|(what, u, note)| {
            let days = u.days();
            let row = ChartRow {
                what,
                until: OffsetView::new(u, words),
                cells: CHART_DAYS.iter().map(|&d| (d as f64) < days).collect(),
                bar_percent: ((days / 42.0 * 100.0).round() as u32).min(100),
                note: None,
            };
            (row, note)
        })
        .collect();
    rows.sort_by(|(a, _), (b, _)| {
        a.until
            .days
            .total_cmp(&b.until.days)
            .then_with(|| a.what.cmp(&b.what))
    });
    let (rows, notes) = number_notes(rows);
    Timeline {
        stages: stages.into_iter().map(|s| s.4).collect(),
        columns: CHART_DAYS
            .iter()
            .map(|&d| ChartColumn {
                day: d,
                label: if d % 7 == 0 {
                    words.count("chart_week", d / 7, &[])
                } else {
                    words.count("chart_day", d, &[])
                },
            })
            .collect(),
        rows,
        notes,
    }
}

/// The chart's rows with their caveats numbered in row order, and the caveats as notes.
fn number_notes(rows: Vec<(ChartRow, Option<String>)>) -> (Vec<ChartRow>, Vec<ChartNote>) {
    let mut notes = Vec::new();
    let rows = rows
        .into_iter()
        .map(|(mut row, note)| {
            if let Some(note) = note {
                let number = notes.len() + 1;
                row.note = Some(number);
                notes.push(ChartNote {
                    number,
                    what: row.what.clone(),
                    html: crate::parse::markdown::inline_html(&note),
                });
            }
            row
        })
        .collect();
    (rows, notes)
}

/// Side effects grouped by action, in the order self-care, contact the clinic, urgent.
pub(crate) fn side_effects(site: &Site, words: &Words) -> Vec<SideEffectGroup> {
    let groups = [
        (Action::SelfCare, "care_self_care"),
        (Action::ContactClinic, "care_contact_clinic"),
        (Action::Urgent, "care_urgent"),
    ];
    groups
        .iter()
        .map(|(action, key)| {
            let mut items: Vec<SideEffectEntry> = Vec::new();
            for (i, p) in site.pages.iter().enumerate() {
                for s in p.side_effects.iter().filter(|s| s.action == *action) {
                    items.push(SideEffectEntry {
                        effect: crate::render::context::side_effect_view(s, words),
                        source: link(site, i),
                    });
                }
            }
            items.sort_by(|a, b| {
                a.effect
                    .frequency
                    .cmp(&b.effect.frequency)
                    .then_with(|| a.effect.name.cmp(&b.effect.name))
            });
            SideEffectGroup {
                action: *action,
                title: words.get(key),
                advice: words.get(&format!("{key}_advice")),
                items,
            }
        })
        .filter(|g| !g.items.is_empty())
        .collect()
}

/// Cost items with their totals, in English (for fuzz targets and property tests).
pub fn costs(site: &Site) -> Costs {
    costs_in(site, &Words::english())
}

/// Cost items with their totals, the default disclaimer in `words`' language.
pub(crate) fn costs_in(site: &Site, words: &Words) -> Costs {
    let mut items = Vec::new();
    let mut totals: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for (i, p) in site.pages.iter().enumerate() {
        for k in &p.costs {
            let lo = k.min * f64::from(k.count.0);
            let hi = k.max * f64::from(k.count.1);
            let t = totals.entry(k.currency.clone()).or_insert((0.0, 0.0));
            t.0 += lo;
            t.1 += hi;
            items.push(CostEntry {
                item: crate::render::context::cost_view(
                    k,
                    &site.config.locale,
                    site.config.schedule.today,
                ),
                total_min: format_money_in(lo, &k.currency, &site.config.locale),
                total_max: format_money_in(hi, &k.currency, &site.config.locale),
                source: link(site, i),
            });
        }
    }
    Costs {
        items,
        totals: totals
            .into_iter()
            .map(|(currency, (lo, hi))| CostTotal {
                min: format_money_in(lo, &currency, &site.config.locale),
                max: format_money_in(hi, &currency, &site.config.locale),
                currency,
            })
            .collect(),
        as_of: site
            .config
            .costs_as_of
            .map(|d| DateView::new(d, &site.config.locale)),
        disclaimer: site
            .config
            .costs_disclaimer
            .clone()
            .unwrap_or_else(|| words.get("costs_disclaimer")),
    }
}

/// FAQs grouped by their first topic, in site.toml order; each question appears once.
pub(crate) fn faq_groups(site: &Site, words: &Words) -> Vec<FaqGroup> {
    let faqs = site.pages_of(PageKind::Faq);
    let links = crate::resolve::crosslinks::CrossLinks::new(site);
    let mut groups: Vec<FaqGroup> = Vec::new();
    let mut placed = vec![false; site.pages.len()];
    for t in &site.config.topics {
        let mut g = FaqGroup {
            id: t.id.clone(),
            title: t.title.clone(),
            faqs: Vec::new(),
        };
        for &i in &faqs {
            if !placed[i] && site.pages[i].topics.first() == Some(&t.id) {
                placed[i] = true;
                g.faqs.push(faq_entry(site, words, &links, i));
            }
        }
        if !g.faqs.is_empty() {
            groups.push(g);
        }
    }
    let others: Vec<FaqEntry> = faqs
        .iter()
        .filter(|&&i| !placed[i])
        .map(|&i| faq_entry(site, words, &links, i))
        .collect();
    if !others.is_empty() {
        groups.push(FaqGroup {
            id: "other".to_string(),
            title: words.get("other_questions"),
            faqs: others,
        });
    }
    groups
}

fn faq_entry(
    site: &Site,
    words: &Words,
    links: &crate::resolve::crosslinks::CrossLinks<'_>,
    i: usize,
) -> FaqEntry {
    let p = &site.pages[i];
    FaqEntry {
        anchor: p
            .path
            .trim_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("faq")
            .to_string(),
        question: p.title.clone(),
        answer: crate::render::callouts::label_callouts(
            &p.html,
            words,
            site.config.clinic.as_ref(),
        )
        .into_owned(),
        url: site.config.url(&p.path),
        articles: links
            .articles_on(site, &p.topics)
            .into_iter()
            .map(|j| link(site, j))
            .collect(),
        related: p.related.iter().map(|&j| link(site, j)).collect(),
    }
}
