//! The site's languages seen from one page: the same page in every other language (for
//! `<link rel="alternate" hreflang>`, the sitemap and JSON-LD) and where the language
//! switcher goes (the translation, else that language's home).

use std::collections::HashMap;

use serde::Serialize;

use crate::resolve::model::Site;

/// Every page of every language, found by what makes two pages one page in two languages:
/// the original's content path for content pages, the site path for generated pages.
#[derive(Debug)]
pub(crate) struct Languages {
    languages: Vec<LanguageEntry>,
}

#[derive(Debug)]
struct LanguageEntry {
    code: String,
    name: String,
    /// The language's home URL.
    home: String,
    /// Absolute URL of each page, by key.
    permalinks: HashMap<String, String>,
    /// URL (with the base path) of each page, by key.
    urls: HashMap<String, String>,
}

/// Another language's version of a page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Alternate {
    /// Its language's code, for `hreflang`.
    pub code: String,
    /// Absolute URL.
    pub permalink: String,
}

/// One entry of the language switcher.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct SwitchLink {
    /// The language's code, for `lang` and `hreflang`.
    pub code: String,
    /// The language's name in itself.
    pub name: String,
    /// The same page in that language, or that language's home when it has none.
    pub url: String,
    /// True for the page's own language.
    pub current: bool,
    /// True when `url` is the same page (not the home page in its place).
    pub translated: bool,
}

/// What a page's template sees of the other languages.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub(crate) struct PageLanguages {
    /// The page in every language it exists in, its own included; empty when it exists in
    /// one only.
    pub translations: Vec<Alternate>,
    /// The page in the default language, for `hreflang="x-default"`.
    pub x_default: Option<String>,
    /// The switcher, one entry per language.
    pub languages: Vec<SwitchLink>,
}

/// The key of a content page (its original's content path) or a generated page (its path).
pub(crate) fn page_key(source: &str, path: &str) -> String {
    if source.is_empty() {
        format!("path:{path}")
    } else {
        format!("source:{source}")
    }
}

impl Languages {
    /// The pages of `sites` (one per language, default first); `generated` holds each
    /// site's generated page paths, in the same order.
    pub(crate) fn new(sites: &[&Site], generated: &[Vec<String>]) -> Languages {
        let languages = sites
            .iter()
            .zip(generated)
            .map(|(site, generated)| {
                let c = &site.config;
                let name = c
                    .language_named(&c.language)
                    .map_or(c.language.clone(), |l| l.name.clone());
                let keys = site
                    .pages
                    .iter()
                    .map(|p| (page_key(&p.source, &p.path), p.path.as_str()))
                    .chain(generated.iter().map(|g| (page_key("", g), g.as_str())));
                let mut permalinks = HashMap::new();
                let mut urls = HashMap::new();
                for (key, path) in keys {
                    permalinks.insert(key.clone(), c.permalink(path));
                    urls.insert(key, c.url(path));
                }
                LanguageEntry {
                    code: c.language.clone(),
                    name,
                    home: c.url("/"),
                    permalinks,
                    urls,
                }
            })
            .collect();
        Languages { languages }
    }

    /// What the page with `key` in language `code` links to.
    pub(crate) fn for_page(&self, code: &str, key: &str) -> PageLanguages {
        let translations: Vec<Alternate> = self
            .languages
            .iter()
            .filter_map(|l| {
                Some(Alternate {
                    code: l.code.clone(),
                    permalink: l.permalinks.get(key)?.clone(),
                })
            })
            .collect();
        let translated = translations.len() > 1;
        let languages = self
            .languages
            .iter()
            .map(|l| {
                let url = l.urls.get(key);
                SwitchLink {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    url: url.unwrap_or(&l.home).clone(),
                    current: l.code == code,
                    translated: url.is_some(),
                }
            })
            .collect();
        PageLanguages {
            x_default: translated
                .then(|| self.languages.first()?.permalinks.get(key).cloned())
                .flatten(),
            translations: if translated { translations } else { Vec::new() },
            languages,
        }
    }

    /// The other languages' absolute URLs of the page with `key`, for the sitemap.
    pub(crate) fn alternates(&self, key: &str) -> Vec<Alternate> {
        self.for_page("", key).translations
    }
}
