//! One page to render, content or generated: its template and context, the memo check, and
//! the `site` value every context shares.

use std::collections::HashMap;

use tera::Context;

use super::languages::Languages;
use super::{OutputFile, PageMemo, Templates};
use crate::diagnostics::Diagnostic;
use crate::render::context::SiteView;

/// One page to render: its output file, template and context.
pub(super) struct Job {
    /// Output file.
    pub(super) out: String,
    /// The page's URL, for errors.
    pub(super) url: String,
    /// Template name.
    pub(super) template: String,
    /// The template's context.
    pub(super) ctx: Context,
}

/// Renders one job, or `None` when the memo already has the page.
pub(super) fn render_job(
    templates: &Templates,
    memo: Option<&dyn PageMemo>,
    job: &Job,
) -> Option<Result<OutputFile, Diagnostic>> {
    if memo.is_some_and(|m| m.reuse(&job.out, &job.template, &job.ctx)) {
        return None;
    }
    Some(
        templates
            .render(&job.template, &job.ctx, &job.url)
            .map(|html| OutputFile {
                path: job.out.clone(),
                bytes: html.into_bytes(),
            }),
    )
}

/// `site` for templates, converted to a template value once per menu state (which menu
/// entries are current) instead of once per page.
pub(super) struct SiteValues {
    view: SiteView,
    by_menu: std::sync::Mutex<HashMap<Vec<bool>, tera::Value>>,
    languages: Option<std::sync::Arc<Languages>>,
}

impl SiteValues {
    /// Converts `view` when a page first needs it.
    pub(super) fn new(view: SiteView) -> SiteValues {
        SiteValues {
            view,
            by_menu: std::sync::Mutex::new(HashMap::new()),
            languages: None,
        }
    }

    /// The same, for one language of a site in several.
    pub(super) fn with_languages(
        mut self,
        languages: Option<std::sync::Arc<Languages>>,
    ) -> SiteValues {
        self.languages = languages;
        self
    }

    /// Puts `site` for the page at `url` into `ctx` and, on a site in several languages,
    /// the page's `translations`, `x_default` and `languages` (`key` says which page it is
    /// in every language: [`page_key`](super::languages::page_key)).
    pub(super) fn insert(&self, ctx: &mut Context, url: &str, key: impl FnOnce() -> String) {
        ctx.insert_value("site", self.get(url));
        if let Some(languages) = &self.languages {
            insert_languages(ctx, languages, &self.view.language, &key());
        }
    }

    /// The value for the page at `url` (a cheap, shared copy).
    pub(super) fn get(&self, url: &str) -> tera::Value {
        let current = self.view.menu_current(url);
        let mut cache = self
            .by_menu
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache
            .entry(current)
            .or_insert_with(|| tera::Value::from_serializable(&self.view.for_page(url)))
            .clone()
    }
}

/// Puts the page's `translations`, `x_default` and `languages` (the switcher) into `ctx`:
/// the page with `key` in language `code`.
pub(super) fn insert_languages(ctx: &mut Context, languages: &Languages, code: &str, key: &str) {
    let links = languages.for_page(code, key);
    ctx.insert("translations", &links.translations);
    ctx.insert("x_default", &links.x_default);
    ctx.insert("languages", &links.languages);
}
