//! The data of the before/after results page (`/results/`): every gallery pair of every
//! page, grouped under its page's first topic (in the site's topic order) so the page can
//! be filtered by topic with plain links, and in place with JavaScript.

use serde::Serialize;

use crate::i18n::Words;
use crate::render::context::{pair_view, LinkView, PairView};
use crate::resolve::model::Site;

/// `results` on the results page.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Results {
    /// Groups in topic order, pages without a topic last; only groups with pairs.
    pub groups: Vec<ResultGroup>,
    /// How many pairs in all.
    pub count: usize,
}

/// The pairs of the pages whose first topic is one topic.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ResultGroup {
    /// The topic's id (`other` for pages without one), for anchors and filters.
    pub id: String,
    /// The topic's title.
    pub title: String,
    /// The pairs, in the order of the site's lists.
    pub pairs: Vec<ResultPair>,
}

/// One pair with the page it comes from.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ResultPair {
    /// The pair.
    #[serde(flatten)]
    pub pair: PairView,
    /// The page it is shown on.
    pub page: LinkView,
}

/// Every pair of `site`, grouped by topic; no groups when no page has a gallery.
pub(crate) fn results(site: &Site, words: &Words) -> Results {
    let c = &site.config;
    let mut order: Vec<usize> = (0..site.pages.len())
        .filter(|&i| !site.pages[i].gallery.is_empty())
        .collect();
    site.sort_for_list(&mut order);
    let group_of = |i: usize| {
        let first = site.pages[i].topics.first();
        first.and_then(|t| c.topics.iter().position(|x| &x.id == t))
    };
    let mut slots: Vec<(Option<usize>, Vec<ResultPair>)> = Vec::new();
    for i in order {
        let p = &site.pages[i];
        let page = LinkView {
            title: p.title.clone(),
            url: c.url(&p.path),
        };
        let pairs = p.gallery.iter().map(|g| ResultPair {
            pair: pair_view(c, words, p, g),
            page: page.clone(),
        });
        let key = group_of(i);
        match slots.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.extend(pairs),
            None => slots.push((key, pairs.collect())),
        }
    }
    // Topic order, then the pages without a topic.
    slots.sort_by_key(|(k, _)| k.unwrap_or(usize::MAX));
    let count = slots.iter().map(|(_, l)| l.len()).sum();
    let groups = slots
        .into_iter()
        .map(|(k, pairs)| {
            let topic = k.and_then(|k| c.topics.get(k));
            ResultGroup {
                id: topic.map_or_else(|| "other".to_string(), |t| t.id.clone()),
                title: topic.map_or_else(|| words.get("results_other"), |t| t.title.clone()),
                pairs,
            }
        })
        .collect();
    Results { groups, count }
}
