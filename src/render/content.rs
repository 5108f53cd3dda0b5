//! Content pages: each page's context built from the resolved site and rendered through
//! its template (the page's own, or its kind's).

use rayon::prelude::*;
use tera::Context;

use super::job::{render_job, Job, SiteValues};
use super::languages::{page_key, Languages};
use super::{html_file, stylesheet_url, OutputFile, PageMemo, Sink, Templates};
use crate::diagnostics::{Diagnostic, Location};
use crate::load::theme::Theme;
use crate::render::context::{list_item, page_view_with, ListItem, SiteView};
use crate::render::health_pages;
use crate::render::jsonld::{self, Subject};
use crate::resolve::crosslinks::CrossLinks;
use crate::resolve::model::{Page, PageKind, Site};

/// What every content page's context is built from, prepared once per build.
pub(crate) struct ContentPages<'a> {
    site: &'a Site,
    templates: &'a Templates,
    links: CrossLinks<'a>,
    /// `site` of every page, shared with the generated pages.
    pub(super) site_values: SiteValues,
    faq_index: Option<String>,
}

impl<'a> ContentPages<'a> {
    /// Prepares rendering `site`'s pages; `stylesheet` is the stylesheet's URL.
    pub(crate) fn new(
        site: &'a Site,
        templates: &'a Templates,
        stylesheet: String,
    ) -> ContentPages<'a> {
        ContentPages {
            site,
            templates,
            links: CrossLinks::new(site),
            site_values: SiteValues::new(SiteView::new(site, stylesheet)),
            faq_index: p_is_faq_index(site),
        }
    }

    /// The same, for one language of a site in several.
    pub(crate) fn with_languages(mut self, languages: Option<std::sync::Arc<Languages>>) -> Self {
        self.site_values = self.site_values.with_languages(languages);
        self
    }

    /// Prepares rendering with the stylesheet of `theme`.
    pub(crate) fn for_theme(
        site: &'a Site,
        templates: &'a Templates,
        theme: &Theme,
    ) -> ContentPages<'a> {
        ContentPages::new(site, templates, stylesheet_url(&site.config, theme))
    }

    /// The site path of the page that lists every FAQ, when the site has FAQs.
    pub(crate) fn faq_index(&self) -> Option<&str> {
        self.faq_index.as_deref()
    }

    /// Renders content page `p`: `Err` when its template is missing, `Ok(None)` when the
    /// memo already has it.
    pub(crate) fn render(
        &self,
        p: &Page,
        memo: Option<&dyn PageMemo>,
    ) -> Result<Option<Result<OutputFile, Diagnostic>>, Diagnostic> {
        let (site, c) = (self.site, &self.site.config);
        let is_faq_index = self.faq_index.as_deref() == Some(p.path.as_str());
        let default = if is_faq_index {
            "faqs.html"
        } else {
            p.kind.default_template()
        };
        let template = p.template.as_deref().unwrap_or(default);
        if let Err(d) = self.templates.require(template) {
            let d = match p.template.as_ref() {
                Some(_) => d.at(Location::file_only(&p.display_path)),
                None => d,
            };
            return Err(d.help(format!(
                "add `templates/{template}` to the site or theme, or name an existing template"
            )));
        }
        let url = c.url(&p.path);
        let words = self.templates.words(c);
        let mut ctx = Context::new();
        self.site_values
            .insert(&mut ctx, &url, || page_key(&p.source, &p.path));
        let mut extra_ld = Vec::new();
        if is_faq_index {
            let groups = health_pages::faq_groups(site, &words);
            extra_ld.push(jsonld::faq_page(&groups));
            ctx.insert("faq_groups", &groups);
        }
        let jsonld = jsonld::script(site, &words, &Subject::Page(p), extra_ld);
        ctx.insert(
            "page",
            &page_view_with(site, &words, &self.links, p, jsonld),
        );
        let listed = listed_pages(site, p.kind, &p.path);
        ctx.insert("pages", &listed);
        let job = Job {
            out: html_file(&p.path),
            url,
            template: template.to_string(),
            ctx,
        };
        Ok(render_job(self.templates, memo, &job))
    }

    /// Renders every content page into `sink` in one parallel pass: context built, checked
    /// against the memo, rendered and handed over, so each page lives only while it
    /// renders. Returns the problems (missing templates, failed renders).
    pub(super) fn render_all(
        &self,
        memo: Option<&dyn PageMemo>,
        sink: &dyn Sink,
    ) -> Vec<Diagnostic> {
        self.site
            .pages
            .par_iter()
            .filter(|_| sink.wants_more())
            .filter_map(|p| match self.render(p, memo) {
                Ok(Some(Ok(f))) => {
                    sink.put(f);
                    None
                }
                Ok(None) => None,
                Ok(Some(Err(d))) | Err(d) => Some(d),
            })
            .collect()
    }
}

/// The site path of the FAQ list (`/faq/`), when the site has FAQs.
fn p_is_faq_index(site: &Site) -> Option<String> {
    site.pages
        .iter()
        .find(|p| p.kind == PageKind::Faq)
        .map(|p| p.section_path())
}

/// The pages a list-like page shows.
fn listed_pages(site: &Site, kind: PageKind, path: &str) -> Vec<ListItem> {
    let mut idx: Vec<usize> = match kind {
        PageKind::Home => (0..site.pages.len())
            .filter(|&i| site.pages[i].kind == PageKind::Article)
            .collect(),
        PageKind::Section => (0..site.pages.len())
            .filter(|&i| {
                let p = &site.pages[i];
                p.path != path && p.section_path() == path
            })
            .collect(),
        _ => return Vec::new(),
    };
    site.sort_for_list(&mut idx);
    idx.iter()
        .map(|&i| list_item(site, &site.pages[i]))
        .collect()
}
