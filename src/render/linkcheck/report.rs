//! Broken internal links found and located: each URL of each scanned page resolved against
//! the written files, then put where it is written (the markdown body, `site.toml`, or a
//! template) and reported once per place and target, with the number of pages it is on.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use super::scan::Ids;
use super::target::{written_file, Into, SiteUrls};
use super::{PageLinks as Scanned, Urls};
use crate::diagnostics::{code, did_you_mean, Diagnostic, Location};
use crate::render::context::menu_url;
use crate::render::{html_file, language_folder, Templates};
use crate::resolve::model::{Page, Site};
use crate::text::percent_decode;

/// What is wrong with one URL.
#[derive(Debug, Clone)]
enum Problem {
    /// No written file; the path inside the output folder.
    Missing(String),
    /// The target page (output path) has no such id.
    Fragment(String, String),
    /// On the site's host, outside its base path.
    Outside,
}

/// Where a broken URL is written.
#[derive(Debug, Clone)]
enum Place {
    /// In a markdown body, or `site.toml`: the exact spot.
    Written(Location, Origin),
    /// In a template: the line holding it literally (`literal`), else just the file when
    /// the page's template is known.
    Template {
        /// Where.
        at: Option<Location>,
        /// True when `at` is the line that writes the URL as it is.
        literal: bool,
    },
}

/// What kind of file a [`Place::Written`] is in, for the help.
#[derive(Debug, Clone, Copy)]
enum Origin {
    Content,
    Config,
}

impl Place {
    fn key(&self) -> String {
        match self {
            Place::Written(l, _) | Place::Template { at: Some(l), .. } => l.to_string(),
            Place::Template { at: None, .. } => String::new(),
        }
    }
}

/// What a URL of a page turned out to be.
enum Found<'c> {
    /// A URL of `site.toml`, checked once on its own: the keys of its problems.
    OfConfig(&'c [Key]),
    /// Broken.
    Broken(Problem),
}

/// A broken link's place and URL: one diagnostic each.
type Key = (String, String);

/// One broken link: where, what, why, and the pages (output paths) it is on.
struct Broken {
    place: Place,
    url: String,
    problem: Problem,
    pages: BTreeSet<String>,
}

/// Everything the check of one build looks at.
pub(super) struct Report<'a> {
    written: &'a HashSet<String>,
    /// Paths found missing and reported before rendering.
    reported: &'a HashSet<String>,
    scanned: &'a [(String, Scanned)],
    /// The URLs the pages' numbers stand for.
    numbers: &'a Urls,
    ids: HashMap<&'a str, &'a Ids>,
    urls: SiteUrls,
    root: String,
    sites: &'a [&'a Site],
    /// Content pages by output path.
    pages: HashMap<String, &'a Page>,
    templates: &'a Templates,
    found: BTreeMap<Key, Broken>,
}

impl<'a> Report<'a> {
    pub(super) fn new(
        written: &'a HashSet<String>,
        reported: &'a HashSet<String>,
        (scanned, numbers): (&'a [(String, Scanned)], &'a Urls),
        sites: &'a [&'a Site],
        templates: &'a Templates,
    ) -> Report<'a> {
        let ids = scanned.iter().map(|(p, s)| (p.as_str(), &s.ids)).collect();
        let mut pages = HashMap::new();
        for site in sites {
            let prefix = language_folder(&site.config);
            for p in site.pages.iter().filter(|p| !p.source.is_empty()) {
                pages.insert(format!("{prefix}{}", html_file(&p.path)), p.as_ref());
            }
        }
        Report {
            written,
            reported,
            scanned,
            numbers,
            ids,
            urls: SiteUrls::new(&sites[0].config),
            root: sites[0].config.static_path.clone(),
            sites,
            pages,
            templates,
            found: BTreeMap::new(),
        }
    }

    /// Checks every URL of `site.toml` and of every page.
    pub(super) fn problems(mut self) -> Vec<Diagnostic> {
        let config_urls = self.check_config();
        for (from, url, problem) in self.resolve_all(&config_urls) {
            match problem {
                Found::OfConfig(keys) => {
                    for key in keys {
                        if let Some(b) = self.found.get_mut(key) {
                            b.pages.insert(from.clone());
                        }
                    }
                }
                Found::Broken(problem) => {
                    for place in self.places(from, url) {
                        self.add(place, url, problem.clone(), Some(from));
                    }
                }
            }
        }
        let found = std::mem::take(&mut self.found);
        found.into_values().map(|b| self.diagnostic(b)).collect()
    }

    /// Every URL of every page that is broken or comes from `site.toml`, with what it is,
    /// worked out on every core.
    fn resolve_all<'c>(
        &self,
        config_urls: &'c HashMap<String, Vec<(usize, Vec<Key>)>>,
    ) -> Vec<(&'a String, &'a str, Found<'c>)> {
        let shared = &self.resolve_shared();
        let mut of_config = vec![None; self.numbers.list.len()];
        for (url, by_language) in config_urls {
            if let Some(n) = self.numbers.find(url) {
                of_config[n as usize] = Some(by_language);
            }
        }
        let of_config = &of_config;
        self.scanned
            .par_iter()
            .flat_map_iter(|(from, scanned)| {
                let language = self.language_of(from);
                scanned.urls.iter().filter_map(move |&n| {
                    let n = n as usize;
                    let url: &'a str = &self.numbers.list[n];
                    let of_config = of_config[n]
                        .and_then(|by_language| by_language.iter().find(|(l, _)| *l == language));
                    if let Some((_, keys)) = of_config {
                        return Some((from, url, Found::OfConfig(keys)));
                    }
                    let problem = match &shared[n] {
                        Some(known) => known.clone()?,
                        None => self.problem(from, url)?,
                    };
                    Some((from, url, Found::Broken(problem)))
                })
            })
            .collect()
    }

    /// Checks each language's `booking_url` and menu URLs from its home page; returns them
    /// by the URL as pages have it, with each language's key of its problem, if any.
    fn check_config(&mut self) -> HashMap<String, Vec<(usize, Vec<Key>)>> {
        let mut shown = HashMap::new();
        for (language, site) in self.sites.iter().enumerate() {
            let c = &site.config;
            let booking = c.clinic.as_ref().and_then(|k| k.booking_url.as_deref());
            let menu = c.menu.iter().map(|m| m.url.as_str());
            let used: HashSet<&str> = booking.into_iter().chain(menu).collect();
            let home = format!("{}index.html", language_folder(c));
            for link in c
                .config_links
                .iter()
                .filter(|l| used.contains(l.url.as_str()))
            {
                let url = menu_url(c, &link.url);
                let mut keys = Vec::new();
                if let Some(problem) = self.problem(&home, &url) {
                    let place = Place::Written(link.location.clone(), Origin::Config);
                    keys.push(self.add(place, &url, problem, None));
                }
                shown
                    .entry(url)
                    .or_insert_with(Vec::new)
                    .push((language, keys));
            }
        }
        shown
    }

    /// Records a broken link; returns its key.
    fn add(&mut self, place: Place, url: &str, problem: Problem, from: Option<&String>) -> Key {
        let key = (place.key(), url.to_string());
        let broken = self.found.entry(key.clone()).or_insert_with(|| Broken {
            place,
            url: url.to_string(),
            problem,
            pages: BTreeSet::new(),
        });
        broken.pages.extend(from.cloned());
        key
    }

    /// What is wrong with each URL that means the same on every page (root-relative or
    /// absolute), by number; `None` for the others. Most of a page's links are the menu,
    /// footer and lists every page shares, so each is resolved once.
    fn resolve_shared(&self) -> Vec<Option<Option<Problem>>> {
        self.numbers
            .list
            .par_iter()
            .map(|u| (u.starts_with('/') || u.contains("://")).then(|| self.problem("", u)))
            .collect()
    }

    /// The language (index into `sites`) of the page at output path `from`.
    fn language_of(&self, from: &str) -> usize {
        let mut found = 0;
        for (i, site) in self.sites.iter().enumerate().skip(1) {
            let prefix = language_folder(&site.config);
            if !prefix.is_empty() && from.starts_with(&prefix) {
                found = i;
            }
        }
        found
    }

    /// What is wrong with `url` on the page at output path `from`, if anything.
    fn problem(&self, from: &str, url: &str) -> Option<Problem> {
        match self.urls.resolve(from, url)? {
            Into::Outside => Some(Problem::Outside),
            Into::Path { path, fragment } => {
                let Some(file) = written_file(&path, self.written) else {
                    return (!self.reported.contains(&path)).then_some(Problem::Missing(path));
                };
                let fragment = fragment.filter(|f| !f.is_empty())?;
                let ids = self.ids.get(file.as_str())?;
                let fragment = percent_decode(&fragment).unwrap_or(fragment);
                (!ids.contains(&fragment)).then_some(Problem::Fragment(file, fragment))
            }
        }
    }

    /// Where `url`, broken on the page at output path `from`, is written: the markdown
    /// links of the page's body that wrote it, else the template. Empty when the resolve
    /// stage reported it already (a link to a content file).
    fn places(&self, from: &str, url: &str) -> Vec<Place> {
        let Some(page) = self.pages.get(from) else {
            return vec![self.template_place(None, url)];
        };
        let same = |written: &str| written == url || percent_decode(written) == percent_decode(url);
        let in_body: Vec<_> = page.body_links.iter().filter(|l| same(&l.url)).collect();
        if in_body.iter().any(|l| l.checked) {
            return Vec::new();
        }
        if !in_body.is_empty() {
            return in_body
                .iter()
                .map(|l| Place::Written(l.location.clone(), Origin::Content))
                .collect();
        }
        if page.html.contains(&crate::text::escape_html(url)) {
            // Raw HTML in the body: the file, without a line.
            let at = Location::file_only(&page.display_path);
            return vec![Place::Written(at, Origin::Content)];
        }
        let template = page
            .template
            .as_deref()
            .unwrap_or(page.kind.default_template());
        vec![self.template_place(Some(template), url)]
    }

    /// The template line that writes `url` literally (looking in `template` first), else
    /// `template` itself.
    fn template_place(&self, template: Option<&str>, url: &str) -> Place {
        if let Some(at) = self.templates.find_literal(template, url) {
            return Place::Template {
                at: Some(at),
                literal: true,
            };
        }
        let file = template.and_then(|t| self.templates.file_of(t));
        Place::Template {
            at: file.map(Location::file_only),
            literal: false,
        }
    }

    /// The site path of output file `path`, as a reader types it.
    fn site_path(&self, path: &str) -> String {
        format!(
            "{}{}",
            self.root,
            path.strip_suffix("index.html").unwrap_or(path)
        )
    }

    fn diagnostic(&self, b: Broken) -> Diagnostic {
        let on = match b.pages.len() {
            0 => String::new(),
            1 => format!(
                " (on `{}`)",
                self.site_path(b.pages.iter().next().map_or("", |s| s))
            ),
            n => format!(" (on {n} pages)"),
        };
        let (mut d, help) = match &b.problem {
            Problem::Missing(path) => self.missing(&b, path, &on),
            Problem::Fragment(file, fragment) => self.no_id(&b, file, fragment, &on),
            Problem::Outside => (
                Diagnostic::error(code::LINK_OUTSIDE_SITE, format!("link `{}` is outside the site{on}", b.url))
                    .label(format!("the site is under `{}`", self.root)),
                format!("write site paths under `{}`; in markdown, a path starting with `/` gets it by itself", self.root),
            ),
        };
        d = match &b.place {
            Place::Written(at, _) | Place::Template { at: Some(at), .. } => d.at(at.clone()),
            Place::Template { at: None, .. } => d,
        };
        d.help(help)
    }

    fn missing(&self, b: &Broken, path: &str, on: &str) -> (Diagnostic, String) {
        let message = format!("link `{}` goes to no page or file of the site{on}", b.url);
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let label = if path.is_empty() || path.ends_with('/') {
            format!("the build writes no `{path}index.html`")
        } else if last.contains('.') {
            format!("the build writes no `{path}`")
        } else {
            format!("the build writes no `{path}` or `{path}/index.html`")
        };
        let d = Diagnostic::error(code::LINK_TARGET_MISSING, message).label(label);
        let near = self
            .neighbour(path)
            .map(|s| format!("did you mean `{}`? ", self.site_path(&s)))
            .unwrap_or_default();
        let how = match b.place {
            Place::Written(_, Origin::Content) => "link to a page by its markdown file (`../about/team.md`) and Pigment fills in its URL, or to a URL the site has",
            Place::Written(_, Origin::Config) => "point it at a page the site has (`/book/` is `content/book.md`), or add that page",
            Place::Template { literal: true, .. } => "fix the URL in the template, or add the page or static file it links to",
            Place::Template { literal: false, .. } => "the template computes this URL (no line of it is written as is); fix it there, or add the page or static file it links to",
        };
        (d, format!("{near}{how}"))
    }

    /// A written page or file in the same folder as `path` whose name is a likely typo of
    /// its name (`faq/` for `faqs/`, `a-480.png` for `a-800.png`).
    fn neighbour(&self, path: &str) -> Option<String> {
        let dir = path.ends_with('/');
        let trimmed = path.trim_end_matches('/');
        let (parent, name) = trimmed
            .rsplit_once('/')
            .map_or(("", trimmed), |(p, n)| (p, n));
        let siblings = self.written.iter().filter_map(|w| {
            let w = w.strip_suffix("/index.html").unwrap_or(w);
            let (p, n) = w.rsplit_once('/').map_or(("", w), |(p, n)| (p, n));
            (p == parent && n != "index.html").then_some(n)
        });
        let near = did_you_mean(name, siblings)?;
        let parent = if parent.is_empty() {
            String::new()
        } else {
            format!("{parent}/")
        };
        Some(format!("{parent}{near}{}", if dir { "/" } else { "" }))
    }

    fn no_id(&self, b: &Broken, file: &str, fragment: &str, on: &str) -> (Diagnostic, String) {
        let target = self.site_path(file);
        let message = format!("link `{}`: `{target}` has no id `{fragment}`{on}", b.url);
        let d = Diagnostic::error(code::LINK_FRAGMENT_MISSING, message).label("broken anchor");
        let ids = self.ids.get(file).into_iter().flat_map(|ids| ids.iter());
        let help = match did_you_mean(fragment, ids) {
            Some(s) => format!("did you mean `#{s}`?"),
            None => "link to an id the page has (a heading's, or one the theme writes), or to the page without `#…`".to_string(),
        };
        (d, help)
    }
}
