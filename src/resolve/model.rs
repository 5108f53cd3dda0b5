//! The resolved site: what the render stage turns into files.

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::dates::Date;
use crate::health::{CostItem, SideEffect, Stage};
use crate::parse::frontmatter::{Image, Pair, Review, Source, TranslationOf};
use crate::parse::markdown::{BodyLink, Heading};
use crate::parse::readability::Readability;

/// What a page is; decides its default template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageKind {
    /// `/`, from `content/_index.md` when present.
    Home,
    /// A folder's list page, from `_index.md` when present.
    Section,
    /// An article or any other content page.
    Article,
    /// One question in `content/faq/`.
    Faq,
}

impl PageKind {
    /// The name templates see as `page.kind`.
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Section => "section",
            PageKind::Article => "article",
            PageKind::Faq => "faq",
        }
    }

    /// The template used unless the page names another.
    pub fn default_template(self) -> &'static str {
        match self {
            PageKind::Home => "index.html",
            PageKind::Section => "list.html",
            PageKind::Article => "article.html",
            PageKind::Faq => "faq.html",
        }
    }
}

/// A page with every link resolved.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path inside `content/` (`articles/recovery.md`); empty for generated section pages.
    pub source: String,
    /// Path relative to the site root, for messages.
    pub display_path: PathBuf,
    /// What it is.
    pub kind: PageKind,
    /// Site path, `/articles/recovery/`.
    pub path: String,
    /// Title (the question, for FAQs).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Plain-text summary for lists.
    pub summary: String,
    /// Published.
    pub date: Option<Date>,
    /// Last changed.
    pub updated: Option<Date>,
    /// For a translation: the version of the original it was made from.
    pub translation_of: Option<TranslationOf>,
    /// A translation made from an older version of its original, or not saying which.
    pub translation_outdated: bool,
    /// Sort key.
    pub weight: i64,
    /// Topic ids.
    pub topics: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Template override.
    pub template: Option<String>,
    /// Old URLs (site paths) that redirect here.
    pub aliases: Vec<String>,
    /// Review information.
    pub reviewed: Option<Review>,
    /// References.
    pub sources: Vec<Source>,
    /// Indices of related pages.
    pub related: Vec<usize>,
    /// Free-form data.
    pub extra: serde_json::Value,
    /// Recovery stages.
    pub stages: Vec<Stage>,
    /// Side effects.
    pub side_effects: Vec<SideEffect>,
    /// Costs.
    pub costs: Vec<CostItem>,
    /// The page's picture (`image:`), its `src` as written.
    pub image: Option<Image>,
    /// Before/after pairs (`gallery:`), their `src`s as written.
    pub gallery: Vec<Pair>,
    /// The question, for FAQs.
    pub question: Option<String>,
    /// Body HTML with links resolved.
    pub html: String,
    /// Headings.
    pub headings: Vec<Heading>,
    /// Every link and image of the body with where it is written, as the HTML has it.
    pub body_links: Vec<BodyLink>,
    /// Words in the body.
    pub word_count: usize,
    /// Indices of the pages whose bodies link here.
    pub backlinks: Vec<usize>,
    /// The same page in the site's other languages, in the config's order; empty on a
    /// site in one language and for a page in one language only.
    pub translations: Vec<PageTranslation>,
    /// The counts of its prose for its reading grade; `None` for a page that opted out
    /// (`readability: false`) and for generated pages.
    pub readability: Option<Readability>,
    /// Condition ids the page is about, all known to the config.
    pub conditions: Vec<String>,
}

/// The same page in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageTranslation {
    /// The language's code.
    pub language: String,
    /// True for the default language's page (the original).
    pub original: bool,
    /// Absolute URL.
    pub permalink: String,
}

impl Page {
    /// The date that says how fresh the page is: `updated`, else the last review, else `date`.
    pub fn last_modified(&self) -> Option<Date> {
        let reviewed = self.reviewed.as_ref().map(|r| r.on);
        [self.updated, reviewed, self.date]
            .into_iter()
            .flatten()
            .max()
    }

    /// The folder of a page's URL (`/articles/` for `/articles/recovery/`).
    pub fn section_path(&self) -> String {
        let trimmed = self.path.trim_end_matches('/');
        match trimmed.rfind('/') {
            Some(i) => trimmed[..=i].to_string(),
            None => "/".to_string(),
        }
    }
}

/// A tag and the pages that carry it.
#[derive(Debug, Clone)]
pub struct Tag {
    /// As first written.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Page indices.
    pub pages: Vec<usize>,
}

/// The whole resolved site.
#[derive(Debug, Clone)]
pub struct Site {
    /// Settings.
    pub config: Config,
    /// Every page, sorted by path. Shared, so a rebuild can keep an earlier site while it
    /// replaces a few pages of a copy.
    pub pages: Vec<Arc<Page>>,
    /// Tags, sorted by slug.
    pub tags: Vec<Tag>,
}

impl Site {
    /// Index of the page at a site path.
    pub fn page_at(&self, path: &str) -> Option<usize> {
        self.pages
            .binary_search_by(|p| p.path.as_str().cmp(path))
            .ok()
    }

    /// Pages of a kind, in list order.
    pub fn pages_of(&self, kind: PageKind) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.pages.len())
            .filter(|&i| self.pages[i].kind == kind)
            .collect();
        self.sort_for_list(&mut v);
        v
    }

    /// Sorts page indices by weight, then newest date, then title, then path.
    pub fn sort_for_list(&self, v: &mut [usize]) {
        v.sort_by(|&a, &b| {
            let (a, b) = (&self.pages[a], &self.pages[b]);
            a.weight
                .cmp(&b.weight)
                .then_with(|| b.date.cmp(&a.date))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.path.cmp(&b.path))
        });
    }
}
