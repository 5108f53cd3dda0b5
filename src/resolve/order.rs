//! The last step: pages sorted by path, so a site path finds its page by binary search, and
//! every page index (related pages, backlinks, tag pages) renumbered to match.

use std::sync::Arc;

use crate::config::Config;
use crate::resolve::model::{Page, Site, Tag};

/// The site of `pages` and `tags`, pages sorted by path, tag pages in list order.
pub(super) fn into_site(config: Config, pages: Vec<Page>, mut tags: Vec<Tag>) -> Site {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| pages[a].path.cmp(&pages[b].path));
    let mut new_index = vec![0; pages.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    // Moved, not cloned: a copy of every page body doubles memory on large sites.
    let mut slots: Vec<Option<Page>> = pages.into_iter().map(Some).collect();
    let mut sorted: Vec<Page> = order.iter().filter_map(|&i| slots[i].take()).collect();
    for p in &mut sorted {
        for r in p.related.iter_mut().chain(p.backlinks.iter_mut()) {
            *r = new_index[*r];
        }
        p.backlinks.sort_unstable();
    }
    for t in &mut tags {
        for i in &mut t.pages {
            *i = new_index[*i];
        }
    }
    let mut site = Site {
        config,
        pages: sorted.into_iter().map(Arc::new).collect(),
        tags: Vec::new(),
    };
    for t in &mut tags {
        site.sort_for_list(&mut t.pages);
    }
    site.tags = tags;
    site
}
