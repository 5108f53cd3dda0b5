//! Stage 4, render: every page through its Tera template, in parallel, into an in-memory
//! list of output files. Nothing is written here.

pub(crate) mod context;
pub(crate) mod feeds;
pub(crate) mod health_pages;
pub(crate) mod images;
pub(crate) mod jsonld;
pub(crate) mod minify;
pub(crate) mod search;

/// One file of the built site, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated, no `..`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostics::{Diagnostic, Location};
use crate::load::theme::Theme;
use crate::resolve::crosslinks::CrossLinks;
use crate::resolve::model::{Page, PageKind, Site};
use context::{list_item, page_view_with, ListItem, SiteView};
use jsonld::Subject;

mod generated;
mod templates;

pub(crate) use templates::Templates;

/// One page to render: its output file, template and context.
struct Job {
    out: String,
    url: String,
    template: String,
    ctx: Context,
}

/// Output file of a site path: `/a/b/` → `a/b/index.html`.
pub(crate) fn html_file(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

/// Remembers pages between builds (`serve`, `watch`) so unchanged pages are not rendered again.
pub(crate) trait PageMemo: Sync {
    /// True when output `out` was rendered before from `template` and an equal context; the
    /// page is then left out of the files this render returns.
    fn reuse(&self, out: &str, template: &str, ctx: &Context) -> bool;
}

/// Where rendered files go, one at a time and from several threads: kept in memory, or
/// written out as they come so a large site is never held whole.
pub(crate) trait Sink: Sync {
    /// Takes one finished file.
    fn put(&self, file: OutputFile);

    /// False once the files would be thrown away (the write failed or was interrupted), so
    /// rendering can stop early.
    fn wants_more(&self) -> bool {
        true
    }
}

/// A [`Sink`] that keeps every file.
#[derive(Debug, Default)]
pub(crate) struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Collect {
    /// The files, sorted by path.
    pub(crate) fn into_files(self) -> Vec<OutputFile> {
        let mut files = self
            .0
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Collect {
    fn put(&self, file: OutputFile) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(file);
    }
}

/// [`render`] into `sink`, leaving out the pages `memo` already has. Returns the problems
/// found; a file whose template failed is not handed over.
pub(crate) fn render_with(
    site: &Site,
    theme: &Theme,
    templates: &Templates,
    memo: Option<&dyn PageMemo>,
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
    let c = &site.config;
    let (statics, stylesheet) = static_files(c, theme);
    for f in statics {
        sink.put(f);
    }
    let pages = ContentPages::new(site, templates, stylesheet);
    // Content pages: context built, checked against the memo, rendered and handed over in
    // one parallel pass, so each page lives only while it renders.
    let content: Vec<Diagnostic> = site
        .pages
        .par_iter()
        .filter(|_| sink.wants_more())
        .filter_map(|p| match pages.render(p, memo) {
            Ok(Some(Ok(f))) => {
                sink.put(f);
                None
            }
            Ok(None) => None,
            Ok(Some(Err(d))) | Err(d) => Some(d),
        })
        .collect();
    let mut problems = Vec::new();
    let mut failed: Vec<Diagnostic> = Vec::new();
    for d in content {
        // A missing template is reported once per page kind; a failing one per location.
        if d.code == "P0405" {
            problems.push(d);
        } else {
            failed.push(d);
        }
    }

    let (generated_failed, generated_paths) =
        generated::render(site, templates, memo, sink, &pages.site_values);
    failed.extend(generated_failed);
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for d in failed {
        let key = format!(
            "{}|{}",
            d.location
                .as_ref()
                .map(|l| l.to_string())
                .unwrap_or_default(),
            d.message.split(" (rendering").next().unwrap_or("")
        );
        if seen.insert(key) {
            problems.push(d);
        }
    }

    // Alias redirects, feeds, sitemap, robots.
    for p in &site.pages {
        for a in &p.aliases {
            if let Some(out) = crate::paths::alias_output_path(a) {
                sink.put(OutputFile {
                    path: out,
                    bytes: redirect_page(c, &c.url(&p.path), &p.title).into_bytes(),
                });
            }
        }
    }
    let mut html_paths: Vec<(String, Option<crate::dates::Date>)> = site
        .pages
        .iter()
        .map(|p| (p.path.clone(), p.last_modified()))
        .collect();
    html_paths.extend(generated_paths.into_iter().map(|p| (p, None)));
    sink.put(crate::render::feeds::sitemap(c, &html_paths));
    sink.put(crate::render::feeds::atom(site));
    sink.put(crate::render::feeds::robots(c));
    problems
}

/// The problem of two outputs claiming output file `path`, naming what writes there: a
/// content file (its page or an alias), a static file, or a page Pigment generates.
pub(crate) fn output_clash(site: &Site, theme: &Theme, path: &str) -> Diagnostic {
    let mut claims: Vec<(String, Location)> = Vec::new();
    for p in site.pages.iter().filter(|p| !p.source.is_empty()) {
        let file = crate::diagnostics::shown_path(&p.display_path);
        if html_file(&p.path) == path {
            claims.push((format!("`{file}`"), Location::file_only(&p.display_path)));
        }
        for a in &p.aliases {
            if crate::paths::alias_output_path(a).as_deref() == Some(path) {
                let what = format!("the alias `{a}` of `{file}`");
                claims.push((what, Location::file_only(&p.display_path)));
            }
        }
    }
    if let Some(f) = theme.statics.get(path) {
        let file = crate::diagnostics::shown_path(&f.display_path);
        claims.push((
            format!("static file `{file}`"),
            Location::file_only(&f.display_path),
        ));
    }
    let (message, help) = match claims.as_slice() {
        [] => (
            format!("two outputs would be written to `{path}`"),
            "a content file, alias or static file uses a path Pigment generates; rename it",
        ),
        [(one, _)] => (
            format!("{one} would be written to `{path}`, where Pigment generates a page"),
            "list, feed and search pages have fixed paths (docs/templates.md); rename the file, or give the page another `slug` or the alias another path",
        ),
        [(a, _), (b, _), ..] => (
            format!("{a} and {b} would both be written to `{path}`"),
            "rename or move one of them, or give the page another `slug`",
        ),
    };
    let mut places = claims.into_iter().map(|(_, at)| at);
    let mut d = Diagnostic::error("P0306", message).help(help);
    if let Some(first) = places.next() {
        d = d.at(first);
    }
    places.fold(d, |d, at| d.also("also written there", at))
}

/// The theme's static files as output files, and the stylesheet's URL.
fn static_files(c: &crate::config::Config, theme: &Theme) -> (Vec<OutputFile>, String) {
    let mut stylesheet = String::new();
    let mut files = Vec::with_capacity(theme.statics.len());
    for (path, file) in &theme.statics {
        let out = if path == "style.css" {
            let name = stylesheet_name(&file.bytes);
            stylesheet = c.url(&format!("/{name}"));
            name
        } else {
            path.clone()
        };
        files.push(OutputFile {
            path: out,
            bytes: file.bytes.clone(),
        });
    }
    (files, stylesheet)
}

/// The URL of the theme's stylesheet (with its content hash), empty when it has none.
pub(crate) fn stylesheet_url(c: &crate::config::Config, theme: &Theme) -> String {
    theme
        .statics
        .iter()
        .find(|(path, _)| *path == "style.css")
        .map(|(_, f)| c.url(&format!("/{}", stylesheet_name(&f.bytes))))
        .unwrap_or_default()
}

/// The stylesheet's output name: its content hash in it, so browsers may cache it for good.
fn stylesheet_name(bytes: &[u8]) -> String {
    format!("style.{}.css", short_hash(bytes))
}

/// What happens to every rendered file before it leaves the render stage: images get lazy
/// loading and their sizes, and HTML is minified when the site asks for it.
pub(crate) struct Finish {
    base_path: String,
    sizes: crate::render::images::ImageSizes,
    minify: bool,
}

impl Finish {
    /// The finishing for a site built with `theme`, whose static files hold the images.
    pub(crate) fn new(c: &crate::config::Config, theme: &Theme) -> Finish {
        Finish {
            base_path: c.base_path.clone(),
            sizes: crate::render::images::ImageSizes::of_named(
                theme
                    .statics
                    .iter()
                    .map(|(p, f)| (p.as_str(), f.bytes.as_slice())),
            ),
            minify: c.minify,
        }
    }

    /// Finishes one file in place.
    pub(crate) fn apply(&self, file: &mut OutputFile) {
        crate::render::images::annotate_file(&self.base_path, &self.sizes, file);
        if self.minify {
            crate::render::minify::html_file(file);
        }
    }
}

/// What every content page's context is built from, prepared once per build.
pub(crate) struct ContentPages<'a> {
    site: &'a Site,
    templates: &'a Templates,
    links: CrossLinks<'a>,
    site_values: SiteValues,
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
        if !self.templates.has(template) {
            let d = Diagnostic::error("P0405", format!("template `{template}` not found"));
            let d = match p.template.as_ref() {
                Some(_) => d.at(Location::file_only(&p.display_path)),
                None => d,
            };
            return Err(d.help(format!(
                "add `templates/{template}` to the site or theme, or name an existing template"
            )));
        }
        let url = c.url(&p.path);
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_values.get(&url));
        let mut extra_ld = Vec::new();
        if p.kind == PageKind::Home {
            extra_ld.push(jsonld::procedure(site, p));
        }
        if is_faq_index {
            let groups = health_pages::faq_groups(site);
            extra_ld.push(jsonld::faq_page(&groups));
            ctx.insert("faq_groups", &groups);
        }
        let jsonld = jsonld::script(site, &Subject::Page(p), extra_ld);
        ctx.insert("page", &page_view_with(site, &self.links, p, jsonld));
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
}

/// Renders one job, or `None` when the memo already has the page.
fn render_job(
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
struct SiteValues {
    view: SiteView,
    by_menu: std::sync::Mutex<HashMap<Vec<bool>, tera::Value>>,
}

impl SiteValues {
    fn new(view: SiteView) -> SiteValues {
        SiteValues {
            view,
            by_menu: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// The value for the page at `url` (a cheap, shared copy).
    fn get(&self, url: &str) -> tera::Value {
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

fn redirect_page(c: &crate::config::Config, url: &str, title: &str) -> String {
    let esc = crate::text::escape_html;
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"canonical\" href=\"{url}\"><meta name=\"robots\" content=\"noindex\">\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\"></head>\
         <body><main><p>This page has moved to <a href=\"{url}\">{title}</a>.</p></main></body></html>\n",
        lang = esc(&c.language),
        title = esc(title),
        url = esc(url),
    )
}

/// A short, stable hash of bytes (FNV-1a, 64 bits), as 10 hex digits.
pub(crate) fn short_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")[..10].to_string()
}
