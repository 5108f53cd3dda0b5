//! Tags: the pages that carry each one, found by the tag's URL segment.

use std::collections::BTreeMap;

use crate::parse::markdown;
use crate::resolve::model::{Page, Tag};

/// The URL segment of a tag: its words, lowercased and joined by `-`.
pub(crate) fn tag_slug(tag: &str) -> String {
    markdown::slugify(tag)
}

/// Every tag of `pages`, sorted by slug, each with its pages in index order. Tags written
/// differently with the same slug are one tag, named as first written.
pub(super) fn collect_tags(pages: &[Page]) -> Vec<Tag> {
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, p) in pages.iter().enumerate() {
        for t in &p.tags {
            let slug = tag_slug(t);
            if slug.is_empty() {
                continue;
            }
            let entry = tags.entry(slug.clone()).or_insert_with(|| Tag {
                name: t.clone(),
                slug,
                pages: Vec::new(),
            });
            // Pages come in index order, so a repeat can only be the last one.
            if entry.pages.last() != Some(&i) {
                entry.pages.push(i);
            }
        }
    }
    tags.into_values().collect()
}
