//! Who links to whom by topic, indexed once per build: the FAQs for each article and the
//! articles for each FAQ, without scanning every page for every page (which made large
//! sites quadratic).

use std::collections::HashMap;

use crate::resolve::model::{PageKind, Site};

/// Pages by topic, in list order, and FAQs by the pages their `related` names.
#[derive(Debug, Default)]
pub(crate) struct CrossLinks<'a> {
    articles_by_topic: HashMap<&'a str, Vec<usize>>,
    faqs_by_topic: HashMap<&'a str, Vec<usize>>,
    faqs_naming: HashMap<usize, Vec<usize>>,
}

impl<'a> CrossLinks<'a> {
    /// Indexes `site`.
    pub(crate) fn new(site: &'a Site) -> CrossLinks<'a> {
        let mut links = CrossLinks::default();
        for (i, p) in site.pages.iter().enumerate() {
            let by_topic = match p.kind {
                PageKind::Article => &mut links.articles_by_topic,
                PageKind::Faq => &mut links.faqs_by_topic,
                _ => continue,
            };
            for t in &p.topics {
                let list = by_topic.entry(t.as_str()).or_default();
                // A page naming a topic twice is listed once.
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            if p.kind == PageKind::Faq {
                for &r in &p.related {
                    links.faqs_naming.entry(r).or_default().push(i);
                }
            }
        }
        links
    }

    /// Page indices of articles on any of `topics`, in list order.
    pub(crate) fn articles_on(&self, site: &Site, topics: &[String]) -> Vec<usize> {
        let mut v: Vec<usize> = topics
            .iter()
            .filter_map(|t| self.articles_by_topic.get(t.as_str()))
            .flatten()
            .copied()
            .collect();
        v.sort_unstable();
        v.dedup();
        site.sort_for_list(&mut v);
        v
    }

    /// FAQs that share a topic with page `i` or name it in `related`, in list order.
    pub(crate) fn faqs_for(&self, site: &Site, i: usize) -> Vec<usize> {
        let mut v: Vec<usize> = site.pages[i]
            .topics
            .iter()
            .filter_map(|t| self.faqs_by_topic.get(t.as_str()))
            .flatten()
            .chain(self.faqs_naming.get(&i).into_iter().flatten())
            .copied()
            .filter(|&j| j != i)
            .collect();
        v.sort_unstable();
        v.dedup();
        site.sort_for_list(&mut v);
        v
    }
}
