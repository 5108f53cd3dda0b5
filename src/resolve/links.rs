//! Links in page bodies: each `pigment-link:N` placeholder the parse stage left becomes the
//! URL of the page (and heading) it names, and every link that names no page or heading is
//! reported. One resolver serves the full build and the dev server's quick rebuild.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};

use crate::config::Config;
use crate::diagnostics::code;
use crate::diagnostics::{did_you_mean, Diagnostic, Location};
use crate::parse::markdown::{Body, BodyLink, ContentLink, LinkTarget, LINK_PLACEHOLDER};
use crate::parse::ParsedPage;
use crate::resolve::model::{Page, Site};
use crate::resolve::schedule::{self, Held};
use crate::text::escape_html;

/// Why a link does not resolve cleanly.
pub(super) enum Broken<'a> {
    /// `#fragment` is no heading of `target`; the link still goes to the page.
    Anchor {
        /// The page linked to.
        target: &'a Page,
        /// The heading id asked for.
        fragment: &'a str,
    },
    /// The link leaves `content/`.
    OutsideContent,
    /// No page has this content path.
    Missing {
        /// The content path the link names.
        path: &'a str,
    },
}

/// A body with its links filled in.
pub(super) struct LinkedBody {
    /// The HTML with every placeholder replaced by its URL (empty for a broken link).
    pub html: String,
    /// The other pages it links to, by index, in link order.
    pub linked: Vec<usize>,
    /// The URL each link to content got, in link order.
    pub urls: Vec<String>,
}

/// Fills in the links of `body`, the body of page `from` of `pages`. `find` gives the index
/// of the page with a content path; a path it does not know goes to the page of
/// `fallback` (the default language's site, for a translation) when that has one.
/// `broken` hears of every link that does not resolve cleanly, in link order.
pub(super) fn link_body<'a, P: Borrow<Page>>(
    body: &'a Body,
    from: usize,
    pages: &'a [P],
    config: &Config,
    find: impl Fn(&str) -> Option<usize>,
    fallback: Option<&Fallback<'a>>,
    mut broken: impl FnMut(&'a ContentLink, Broken<'a>),
) -> LinkedBody {
    let mut linked = Vec::new();
    let mut urls = Vec::with_capacity(body.links.len());
    for link in &body.links {
        let url = match &link.target {
            LinkTarget::SamePage { fragment } => {
                let here: &Page = pages[from].borrow();
                if !has_heading(here, fragment) {
                    broken(
                        link,
                        Broken::Anchor {
                            target: here,
                            fragment,
                        },
                    );
                }
                format!("#{fragment}")
            }
            LinkTarget::OutsideContent => {
                broken(link, Broken::OutsideContent);
                String::new()
            }
            LinkTarget::Page { path, fragment } => {
                let found = match find(path) {
                    Some(to) => {
                        if to != from {
                            linked.push(to);
                        }
                        Some((pages[to].borrow(), config))
                    }
                    None => fallback.and_then(|f| {
                        let i = *f.by_source.get(path.as_str())?;
                        Some((f.site.pages[i].as_ref(), &f.site.config))
                    }),
                };
                match found {
                    Some((target, config)) => {
                        let mut url = config.url(&target.path);
                        if let Some(fragment) = fragment {
                            if !has_heading(target, fragment) {
                                broken(link, Broken::Anchor { target, fragment });
                            }
                            url.push('#');
                            url.push_str(fragment);
                        }
                        url
                    }
                    None => {
                        broken(link, Broken::Missing { path });
                        String::new()
                    }
                }
            }
        };
        urls.push(url);
    }
    LinkedBody {
        html: fill_links(&body.html, &urls),
        linked,
        urls,
    }
}

fn has_heading(page: &Page, id: &str) -> bool {
    page.headings.iter().any(|h| h.id == id)
}

/// The body of `parsed`, page `i` of `site`, with its links filled in as a full build
/// does; `None` when a link would not resolve cleanly (a full build then reports it).
pub(crate) fn body_html(site: &Site, i: usize, parsed: &ParsedPage) -> Option<String> {
    let find = |path: &str| site.pages.iter().position(|p| p.source == path);
    let mut clean = true;
    let body = link_body(
        &parsed.body,
        i,
        &site.pages,
        &site.config,
        find,
        None,
        |_, _| {
            clean = false;
        },
    );
    clean.then_some(body.html)
}

/// Fills in the links of every page's body, reporting broken ones, and records backlinks.
pub(super) fn link_bodies(
    pages: &mut [Page],
    parsed: &mut [ParsedPage],
    by_source: &HashMap<String, usize>,
    config: &Config,
    targets: &Targets<'_>,
    fallback: Option<&Site>,
    problems: &mut Vec<Diagnostic>,
) {
    let fallback = fallback.map(Fallback::new);
    let mut htmls = Vec::with_capacity(parsed.len());
    let mut backlinks: Vec<(usize, usize)> = Vec::new();
    for p in parsed.iter_mut() {
        let from = by_source[p.file.path.as_str()];
        let find = |path: &str| by_source.get(path).copied();
        let body = link_body(
            &p.body,
            from,
            pages,
            config,
            find,
            fallback.as_ref(),
            |link, broken| {
                problems.extend(targets.problem(link, broken));
            },
        );
        backlinks.extend(body.linked.iter().map(|&to| (to, from)));
        let checked = p.body.links.iter().zip(body.urls).map(|(l, url)| BodyLink {
            url,
            location: l.location.clone(),
            checked: true,
        });
        pages[from].body_links.extend(checked);
        let mut html = body.html;
        html.shrink_to_fit();
        // The body with placeholders is not needed again: freed page by page, not at the end.
        p.body.html = String::new();
        p.body.links = Vec::new();
        htmls.push((from, html));
    }
    for (i, html) in htmls {
        pages[i].html = html;
    }
    backlinks.sort_unstable();
    backlinks.dedup();
    for (to, from) in backlinks {
        pages[to].backlinks.push(from);
    }
}

/// The default language's site, where a translation's link goes when its own language has
/// no such page, with its pages found by content path.
pub(super) struct Fallback<'a> {
    site: &'a Site,
    by_source: HashMap<&'a str, usize>,
}

impl<'a> Fallback<'a> {
    fn new(site: &'a Site) -> Fallback<'a> {
        let by_source = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.source.is_empty())
            .map(|(i, p)| (p.source.as_str(), i))
            .collect();
        Fallback { site, by_source }
    }
}

/// What a link that matches no page may point at instead.
pub(super) struct Targets<'a> {
    /// Drafts left out of this build.
    drafts: &'a HashSet<String>,
    /// Files that exist but whose own error was reported (failed to load, lost a URL clash).
    reported: &'a HashSet<String>,
    /// Every page's content path, sorted, for suggestions.
    sources: Vec<&'a str>,
    /// Pages the calendar keeps out of this build (`publish_date`, `expires`).
    held: &'a Held,
}

impl<'a> Targets<'a> {
    /// The targets for a site whose pages are `by_source`.
    pub(super) fn new(
        drafts: &'a HashSet<String>,
        reported: &'a HashSet<String>,
        by_source: &'a HashMap<String, usize>,
        held: &'a Held,
    ) -> Targets<'a> {
        let mut sources: Vec<&str> = by_source.keys().map(String::as_str).collect();
        sources.sort_unstable();
        Targets {
            drafts,
            reported,
            sources,
            held,
        }
    }

    /// The problem with `link`; `None` when the target file's own error already says what
    /// is wrong.
    fn problem(&self, link: &ContentLink, broken: Broken<'_>) -> Option<Diagnostic> {
        match broken {
            Broken::Anchor { target, fragment } => {
                Some(anchor_problem(target, fragment, link.location.clone()))
            }
            Broken::OutsideContent => Some(
                Diagnostic::error(
                    code::MISSING_PAGE,
                    format!("link `{}` points outside `content/`", link.written),
                )
                .at(link.location.clone())
                .help("link to a markdown file inside `content/`, e.g. `../faq/does-it-hurt.md`"),
            ),
            Broken::Missing { path } => {
                self.missing_page(path, &link.written, link.location.clone())
            }
        }
    }

    /// The problem with a link to `path`, which is no page of the site; `None` when the
    /// file's own error already says what is wrong.
    pub(super) fn missing_page(
        &self,
        path: &str,
        written: &str,
        location: Location,
    ) -> Option<Diagnostic> {
        if self.reported.contains(path) {
            return None;
        }
        if self.drafts.contains(path) {
            return Some(Diagnostic::error(code::MISSING_PAGE, format!("link `{written}` points to a draft"))
                .at(location)
                .help("publish the target (remove `draft: true`), build with `--drafts`, or remove the link"));
        }
        if let Some(why) = self.held.get(path) {
            return Some(schedule::link_problem(*why, written, location));
        }
        let help = match did_you_mean(path, self.sources.iter().copied()) {
            Some(s) => format!("did you mean `content/{s}`? Paths are relative to this file, or to `content/` when they start with `/`"),
            None => "link to an existing file; paths are relative to this file, or to `content/` when they start with `/`".to_string(),
        };
        Some(
            Diagnostic::error(
                code::MISSING_PAGE,
                format!("link to a missing page: `{written}`"),
            )
            .at(location)
            .label(format!("no file content/{path}"))
            .help(help),
        )
    }
}

fn anchor_problem(target: &Page, fragment: &str, location: Location) -> Diagnostic {
    let ids: Vec<&str> = target.headings.iter().map(|h| h.id.as_str()).collect();
    let help = match did_you_mean(fragment, ids.iter().copied()) {
        Some(s) => format!("did you mean `#{s}`?"),
        None if ids.is_empty() => {
            "the page has no headings; link to the page without `#…`".to_string()
        }
        None => format!("the page's heading ids are: {}", ids.join(", ")),
    };
    Diagnostic::error(
        code::MISSING_HEADING,
        format!(
            "`{}` has no heading `#{fragment}`",
            target.display_path.display()
        ),
    )
    .at(location)
    .label("broken anchor")
    .help(help)
}

/// Replaces `pigment-link:N` placeholders with their URLs.
fn fill_links(html: &str, urls: &[String]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let needle = format!("href=\"{LINK_PLACEHOLDER}");
    while let Some(i) = rest.find(&needle) {
        out.push_str(&rest[..i]);
        out.push_str("href=\"");
        let after = &rest[i + needle.len()..];
        let digits = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        let url = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| urls.get(n));
        match url {
            Some(url) => out.push_str(&escape_html(url)),
            None => out.push_str(&after[..digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill() {
        let html = "<a href=\"pigment-link:0\">a</a><a href=\"pigment-link:1\">b</a>";
        let urls = vec!["/a/#x".to_string(), "/b/?q=\"".to_string()];
        assert_eq!(
            fill_links(html, &urls),
            "<a href=\"/a/#x\">a</a><a href=\"/b/?q=&quot;\">b</a>"
        );
    }
}
